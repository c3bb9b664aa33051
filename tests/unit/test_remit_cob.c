/* test_remit_cob.c - 835 posting defects found in review: a secondary's
 * answer moves only what it owed, a reversal keeps a voided claim void, a
 * claim with a paid and a denied line is partial. Values worked by hand. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static char dbpath[256];
static cc_store *S;
static int64_t PRI, SEC, PAT;

static int64_t q1(const char *sql) { return t_q1(S, sql); }
static void exec(const char *sql) { t_exec(S, sql); }
/* Balance of one party on a claim: payer code, or NULL for the patient. */
static int64_t bal(const char *claim, const char *payer) {
  char sql[600];
  snprintf(sql, sizeof sql,
           "SELECT coalesce(sum(e.amount_cents),0) FROM ledger_entry e JOIN "
           "claim c ON c.id=e.claim_id LEFT JOIN payer p ON p.id=e.payer_id "
           "WHERE c.control_number='%s' AND %s%s%s%s", claim,
           payer ? "p.payer_code='" : "e.payer_id IS NULL",
           payer ? payer : "", payer ? "'" : "", "");
  return q1(sql);
}

static void open_db(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_remit_cob_%d.db",
           (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  cc_payer_rec p1 = {.payer_code = "PRI01", .name = "Primary Mutual",
                     .filing_indicator = "CI", .claim_form = "837P"};
  cc_payer_rec p2 = {.payer_code = "SEC02", .name = "Secondary Assurance",
                     .filing_indicator = "CI", .claim_form = "837P"};
  cc_patient_rec pt = {.account_no = "B200", .last_name = "Cobperson",
                       .first_name = "Sam", .birth_date = "1965-03-03",
                       .sex = "M"};
  if (cc_store_payer_put(S, &p1, &PRI, &created, &e) ||
      cc_store_payer_put(S, &p2, &SEC, &created, &e) ||
      cc_store_patient_put(S, &pt, &PAT, &created, &e))
    printf("not ok - setup: %s\n", e.detail);
  cc_coverage_rec c1 = {.patient_id = PAT, .payer_id = PRI,
                        .priority = "primary", .relationship = "self",
                        .member_id = "M1", .effective_date = "2026-01-01"};
  cc_coverage_rec c2 = c1;
  c2.payer_id = SEC; c2.priority = "secondary"; c2.member_id = "M2";
  int64_t id;
  if (cc_store_coverage_put(S, &c1, &id, &created, &e) ||
      cc_store_coverage_put(S, &c2, &id, &created, &e))
    printf("not ok - coverage: %s\n", e.detail);
  for (int i = 1; i <= 4; i++) {
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO encounter(id,external_id,"
             "patient_id,service_date,place_of_service) VALUES(%d,'E%d',"
             "%lld,'2026-10-01','11')", i, i, (long long)PAT);
    exec(sql);
  }
}

/* A claim of encounter enc (0 = none) with lines "CODE:CENTS ...". */
static void claim(const char *ctl, int64_t payer, const char *resp, int enc,
                  const char *lines) {
  char sql[1024], buf[256];
  int64_t total = 0;
  snprintf(buf, sizeof buf, "%s", lines);
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
    total += strtoll(strchr(t, ':') + 1, NULL, 10);
  char e[16] = "NULL";
  if (enc) snprintf(e, sizeof e, "%d", enc);
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,encounter_id,patient_id,payer_id,"
           "responsibility,claim_form,total_charge_cents,status,"
           "first_service_date) VALUES('%s',%s,%lld,%lld,'%s','837P',%lld,"
           "'submitted','2026-10-01')", ctl, e, (long long)PAT,
           (long long)payer, resp, (long long)total);
  exec(sql);
  int64_t cid = q1("SELECT max(id) FROM claim");
  snprintf(buf, sizeof buf, "%s", lines);
  int no = 1;
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "), no++) {
    char *c = strchr(t, ':');
    snprintf(sql, sizeof sql,
             "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
             "from_date,to_date,charge_cents) VALUES(%lld,%d,'%.*s',1000,"
             "'2026-10-01','2026-10-01',%lld)", (long long)cid, no,
             (int)(c - t), t, strtoll(c + 1, NULL, 10));
    exec(sql);
  }
}

static char *x835(const char *body) {
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  int n = 2;
  for (const char *p = body; *p; p++) n += *p == '\n';
  (void)!cc_buf_puts(&b, "ISA*00*          *00*          *ZZ*PAYER          "
                         "*ZZ*CLINIC         *261120*1200*^*00501*000000001"
                         "*0*T*:~GS*HP*PAYER*CLINIC*20261120*1200*1*X*"
                         "005010X221A1~ST*835*0001~");
  for (const char *p = body; *p; p++)
    (void)!cc_buf_append(&b, *p == '\n' ? "~" : p, 1);
  (void)!cc_buf_printf(&b, "SE*%d*0001~GE*1*1~IEA*1*000000001~", n);
  return cc_buf_take(&b);
}

static cc_code post(const char *body, cc_remit_result *r) {
  cc_remit_opts o = {.posting_date = "2026-11-20"};
  cc_err e;
  cc_err_clear(&e);
  char *f = x835(body);
  cc_code rc = cc_remit_post_835_mem(S, f, strlen(f), "cob.835", &o, r, &e);
  if (rc) printf("# post: %s %s\n", e.msg ? e.msg : "", e.detail);
  free(f);
  return rc;
}

static int problems;
static void on_problem(void *ctx, const cc_ledger_problem *p) {
  (void)ctx;
  problems++;
  printf("# ledger: %s %s: %s\n", p->claim_key, p->rule, p->detail);
}
static void books_sound(void) {
  cc_ledger_summary sum;
  cc_err e;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
  /* No party owes a negative amount on any claim. */
  CHECK_INT(q1("SELECT count(*) FROM (SELECT claim_id,payer_id,"
               "sum(amount_cents) b FROM ledger_entry GROUP BY 1,2 HAVING "
               "b<0)"), 0);
}

/* Charge 300. Primary: allowed 200, paid 150, CO-45 100, PR-1 50 moved to
 * the secondary. Secondary (its view of the whole 300): paid 40, CO-45
 * 100, PR-2 10, OA-23 150. It owed 50: 50 - 40 paid = 10; PR-2 10 is not
 * with the patient yet, so 10 moves to the patient, leaving 0; CO-45 has
 * nothing left to write off. Patient 10, both payers 0. */
static void test_secondary_small(void) {
  claim("K1", PRI, "primary", 1, "99213:30000");
  claim("K2", SEC, "secondary", 1, "99213:30000");
  cc_remit_result r;
  CHECK_INT(post("BPR*I*150*C*CHK************20261120\n"
                 "TRN*1*TK1*1999999999\n"
                 "LX*1\n"
                 "CLP*K1*1*300*150*50*12*PK1\n"
                 "SVC*HC:99213*300*150\n"
                 "CAS*CO*45*100\n"
                 "CAS*PR*1*50\n", &r), CC_OK);
  CHECK_INT(bal("K1", "PRI01"), 0);
  CHECK_INT(bal("K1", "SEC02"), 5000);
  CHECK_INT(post("BPR*I*40*C*CHK************20261125\n"
                 "TRN*1*TK2*1888888888\n"
                 "LX*1\n"
                 "CLP*K2*2*300*40*10*12*PK2\n"
                 "SVC*HC:99213*300*40\n"
                 "CAS*CO*45*100\n"
                 "CAS*PR*2*10\n"
                 "CAS*OA*23*150\n", &r), CC_OK);
  CHECK_INT(r.contractual.cents, 0);
  CHECK_INT(r.patient_resp.cents, 1000);
  CHECK_INT(bal("K1", "PRI01"), 0);
  CHECK_INT(bal("K1", "SEC02"), 0);
  CHECK_INT(bal("K1", NULL), 1000);
  /* Secondary entries: payment -40, transfer -10 / +10; no write-off. */
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry e JOIN payer p ON "
               "p.id=e.payer_id WHERE p.payer_code='SEC02' AND "
               "e.kind='adjustment'"), 0);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry e JOIN payer p "
               "ON p.id=e.payer_id WHERE p.payer_code='SEC02' AND "
               "e.kind='payment'"), -4000);
  books_sound();
}

/* The demo's case: the secondary owes 168.00 and answers paid 0, CO-45
 * 80, PR-1 185, PR-3 25, OA-23 60 (of 350). PR-1 moves the 168 it owes to
 * the patient; PR-3 and CO-45 find nothing left. */
static void test_secondary_pr_over_owed(void) {
  claim("K3", PRI, "primary", 2, "99214:35000");
  claim("K4", SEC, "secondary", 2, "99214:35000");
  cc_remit_result r;
  CHECK_INT(post("BPR*I*102*C*CHK************20261120\n"
                 "TRN*1*TK3*1999999999\n"
                 "LX*1\n"
                 "CLP*K3*1*350*102*168*12*PK3\n"
                 "SVC*HC:99214*350*102\n"
                 "CAS*CO*45*80\n"
                 "CAS*PR*1*168\n", &r), CC_OK);
  CHECK_INT(bal("K3", "SEC02"), 16800);
  CHECK_INT(post("BPR*H*0*C*NON************20261125\n"
                 "TRN*1*TK4*1888888888\n"
                 "LX*1\n"
                 "CLP*K4*2*350*0*210*12*PK4\n"
                 "SVC*HC:99214*350*0\n"
                 "CAS*CO*45*80\n"
                 "CAS*PR*1*185**3*25\n"
                 "CAS*OA*23*60\n", &r), CC_OK);
  CHECK_INT(bal("K3", "PRI01"), 0);
  CHECK_INT(bal("K3", "SEC02"), 0);
  CHECK_INT(bal("K3", NULL), 16800);
  CHECK_INT(r.patient_resp.cents, 16800);
  CHECK_INT(r.contractual.cents, 0);
  books_sound();
}

/* What is already with the patient is not moved twice: the primary's
 * copay (PR-3 20, this payer's policy: the patient) stays; the
 * secondary owes the deductible 30, pays 20, says PR-3 20 (already the
 * patient's) and CO-45 60: 10 left to write off. */
static void test_secondary_copay_already_patient(void) {
  exec("INSERT INTO posting_policy(payer_id,group_code,reason_code,action) "
       "SELECT id,'PR','3','patient' FROM payer WHERE payer_code='PRI01'");
  claim("K5", PRI, "primary", 3, "99212:20000");
  claim("K6", SEC, "secondary", 3, "99212:20000");
  cc_remit_result r;
  CHECK_INT(post("BPR*I*100*C*CHK************20261120\n"
                 "TRN*1*TK5*1999999999\n"
                 "LX*1\n"
                 "CLP*K5*1*200*100*50*12*PK5\n"
                 "SVC*HC:99212*200*100\n"
                 "CAS*CO*45*50\n"
                 "CAS*PR*1*30**3*20\n", &r), CC_OK);
  CHECK_INT(bal("K5", "SEC02"), 3000);
  CHECK_INT(bal("K5", NULL), 2000);
  CHECK_INT(post("BPR*I*20*C*CHK************20261125\n"
                 "TRN*1*TK6*1888888888\n"
                 "LX*1\n"
                 "CLP*K6*1*200*20*20*12*PK6\n"
                 "SVC*HC:99212*200*20\n"
                 "CAS*PR*3*20\n"
                 "CAS*CO*45*60\n"
                 "CAS*OA*23*100\n", &r), CC_OK);
  CHECK_INT(r.contractual.cents, 1000);
  CHECK_INT(r.patient_resp.cents, 0);
  CHECK_INT(bal("K5", "PRI01"), 0);
  CHECK_INT(bal("K5", "SEC02"), 0);
  CHECK_INT(bal("K5", NULL), 2000);
  books_sound();
}

/* The demo's other case: a secondary pays one line beyond what the
 * primary left there. Lines 100 + 50; the primary leaves 80 (PR-1) on
 * the first and 10 on the second: 90 with the secondary. It pays 45 + 15
 * = 60 and writes off 55 and 35. Owed after its payment: 90 - 60 = 30, so
 * 30 is written off (on the first line, 80 - 45 = 35 left there) and the
 * second line's write-off finds nothing: the secondary ends at 0 on the
 * claim (+5 on line 1, -5 on line 2). */
static void test_secondary_line_overpaid(void) {
  claim("K7", PRI, "primary", 4, "99213:10000 36415:5000");
  claim("K8", SEC, "secondary", 4, "99213:10000 36415:5000");
  cc_remit_result r;
  CHECK_INT(post("BPR*H*0*C*NON************20261120\n"
                 "TRN*1*TK7*1999999999\n"
                 "LX*1\n"
                 "CLP*K7*1*150*0*90*12*PK7\n"
                 "SVC*HC:99213*100*0\n"
                 "CAS*CO*45*20\n"
                 "CAS*PR*1*80\n"
                 "SVC*HC:36415*50*0\n"
                 "CAS*CO*45*40\n"
                 "CAS*PR*1*10\n", &r), CC_OK);
  CHECK_INT(bal("K7", "SEC02"), 9000);
  CHECK_INT(post("BPR*I*60*C*CHK************20261125\n"
                 "TRN*1*TK8*1888888888\n"
                 "LX*1\n"
                 "CLP*K8*1*150*60**12*PK8\n"
                 "SVC*HC:99213*100*45\n"
                 "CAS*CO*45*55\n"
                 "SVC*HC:36415*50*15\n"
                 "CAS*CO*45*35\n", &r), CC_OK);
  CHECK_INT(r.contractual.cents, 3000);
  CHECK_INT(bal("K7", "PRI01"), 0);
  CHECK_INT(bal("K7", "SEC02"), 0);
  CHECK_INT(bal("K7", NULL), 0);
  CHECK_INT(q1("SELECT sum(e.amount_cents) FROM ledger_entry e JOIN "
               "claim_line l ON l.id=e.claim_line_id JOIN claim c ON "
               "c.id=l.claim_id JOIN payer p ON p.id=e.payer_id WHERE "
               "c.control_number='K7' AND l.line_no=1 AND "
               "p.payer_code='SEC02'"), 500);
  books_sound();
}

/* A reversal of a claim voided since keeps it void; history says so. */
static void test_reversal_keeps_void(void) {
  claim("V1", PRI, "primary", 0, "99212:10000");
  claim("V2", PRI, "primary", 0, "99212:10000");
  cc_remit_result r;
  CHECK_INT(post("BPR*I*140*C*CHK************20261120\n"
                 "TRN*1*TV1*1999999999\n"
                 "LX*1\n"
                 "CLP*V1*1*100*70**12*PV1\n"
                 "SVC*HC:99212*100*70\n"
                 "CAS*CO*45*30\n"
                 "CLP*V2*1*100*70**12*PV2\n"
                 "SVC*HC:99212*100*70\n"
                 "CAS*CO*45*30\n", &r), CC_OK);
  exec("UPDATE claim SET status='void' WHERE control_number='V1'");
  /* Both taken back (-140) in the check that pays V3 140 (CO-45 60). */
  claim("V3", PRI, "primary", 0, "99212:20000");
  CHECK_INT(post("BPR*I*0*C*NON************20261201\n"
                 "TRN*1*TV2*1999999999\n"
                 "LX*1\n"
                 "CLP*V1*22*-100*-70**12*PV1\n"
                 "SVC*HC:99212*-100*-70\n"
                 "CAS*CO*45*-30\n"
                 "CLP*V2*22*-100*-70**12*PV2\n"
                 "SVC*HC:99212*-100*-70\n"
                 "CAS*CO*45*-30\n"
                 "CLP*V3*1*200*140**12*PV3\n"
                 "SVC*HC:99212*200*140\n"
                 "CAS*CO*45*60\n", &r), CC_OK);
  CHECK_INT(r.reversals, 2);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='V1' AND "
               "status='void'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_status_history h JOIN claim c ON "
               "c.id=h.claim_id WHERE c.control_number='V1' AND h.detail "
               "LIKE 'payment reversed (was 70.00)%'"), 1);
  /* A claim still open to work goes back to accepted, as before. */
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='V2' AND "
               "status='accepted'"), 1);
  /* The money is back with the payer either way: 100 charged. */
  CHECK_INT(bal("V1", "PRI01"), 10000);
  books_sound();
}

/* One line paid (70 of 100, CO-45 30), one denied (CO-96 50): partial,
 * and the denied line is an open denial for the queue. */
static void test_partial(void) {
  claim("P1", PRI, "primary", 0, "99213:10000 80053:5000");
  cc_remit_result r;
  CHECK_INT(post("BPR*I*70*C*CHK************20261120\n"
                 "TRN*1*TP1*1999999999\n"
                 "LX*1\n"
                 "CLP*P1*1*150*70**12*PP1\n"
                 "SVC*HC:99213*100*70\n"
                 "CAS*CO*45*30\n"
                 "SVC*HC:80053*50*0\n"
                 "CAS*CO*96*50\n", &r), CC_OK);
  CHECK_INT(r.denials, 1);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='P1' AND "
               "status='partial'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_denial d JOIN claim c ON "
               "c.id=d.claim_id JOIN claim_line l ON l.id=d.claim_line_id "
               "WHERE c.control_number='P1' AND l.line_no=2 AND "
               "d.reason_code='96' AND d.amount_cents=5000 AND "
               "d.status='open'"), 1);
  /* The denied 50 stays with the payer while it is worked. */
  CHECK_INT(bal("P1", "PRI01"), 5000);
  cc_queue_refresh_result qr;
  cc_err e;
  CHECK_INT(cc_queue_refresh(S, &qr, &e), CC_OK);
  CHECK_INT(q1("SELECT count(*) FROM work_item w JOIN claim c ON "
               "c.id=w.claim_id WHERE c.control_number='P1' AND "
               "w.reason_code='96' AND w.amount_cents=5000"), 1);
  /* Every line denied with nothing paid is still denied. */
  claim("P2", PRI, "primary", 0, "99213:10000");
  CHECK_INT(post("BPR*H*0*C*NON************20261120\n"
                 "TRN*1*TP2*1999999999\n"
                 "LX*1\n"
                 "CLP*P2*1*100*0**12*PP2\n"
                 "SVC*HC:99213*100*0\n"
                 "CAS*CO*96*100\n", &r), CC_OK);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='P2' AND "
               "status='denied'"), 1);
  books_sound();
}

int main(void) {
  open_db();
  RUN(test_secondary_small);
  RUN(test_secondary_pr_over_owed);
  RUN(test_secondary_copay_already_patient);
  RUN(test_secondary_line_overpaid);
  RUN(test_reversal_keeps_void);
  RUN(test_partial);
  cc_store_close(S);
  unlink(dbpath);
  char side[300];
  snprintf(side, sizeof side, "%s-wal", dbpath); unlink(side);
  snprintf(side, sizeof side, "%s-shm", dbpath); unlink(side);
  TEST_MAIN_END();
}
