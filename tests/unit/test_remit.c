/* test_remit.c - 835 posting on synthetic claims with balances worked out by
 * hand (primary, secondary, copay, denial, reversal, duplicates, an
 * unbalanced file, a process killed halfway) and on the shared samples. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "store/store_ledger.h"
#include "test.h"
#include "test_sql.h"

static char dbpath[256];
static cc_store *S;
static int64_t PRI, SEC, PAT;

static int64_t q1(const char *sql) { return t_q1(S, sql); }
static void exec(const char *sql) { t_exec(S, sql); }
/* Balance of one party on a claim: payer code, or NULL for the patient. */
static int64_t bal(const char *claim, const char *payer) {
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT coalesce(sum(e.amount_cents),0) FROM ledger_entry e JOIN "
           "claim c ON c.id=e.claim_id LEFT JOIN payer p ON p.id=e.payer_id "
           "WHERE c.control_number='%s' AND %s", claim,
           payer ? "p.payer_code=" : "e.payer_id IS NULL");
  if (payer) {
    size_t n = strlen(sql);
    snprintf(sql + n, sizeof sql - n, "'%s'", payer);
  }
  return q1(sql);
}

static void open_db(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_remit_%d.db", (int)getpid());
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
  cc_patient_rec pt = {.account_no = "A100", .last_name = "Testperson",
                       .first_name = "Pat", .birth_date = "1970-01-01",
                       .sex = "F"};
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
  exec("INSERT INTO encounter(id,external_id,patient_id,service_date,"
       "place_of_service) SELECT 1,'E1',id,'2026-10-01','11' FROM patient");
}

/* Another synthetic patient whose primary (PRI01) and secondary (SEC02)
 * member id is the one a shared sample names; later claims are theirs. */
static void member_patient(const char *acct, const char *member) {
  cc_err e;
  bool created;
  cc_patient_rec pt = {.account_no = acct, .last_name = "Sample",
                       .first_name = "Pat", .birth_date = "1960-01-01",
                       .sex = "U"};
  if (cc_store_patient_put(S, &pt, &PAT, &created, &e))
    printf("not ok - patient: %s\n", e.detail);
  cc_coverage_rec c1 = {.patient_id = PAT, .payer_id = PRI,
                        .priority = "primary", .relationship = "self",
                        .member_id = member, .effective_date = "2000-01-01"};
  cc_coverage_rec c2 = c1;
  c2.payer_id = SEC; c2.priority = "secondary";
  int64_t id;
  if (cc_store_coverage_put(S, &c1, &id, &created, &e) ||
      cc_store_coverage_put(S, &c2, &id, &created, &e))
    printf("not ok - coverage: %s\n", e.detail);
}

/* A claim with lines "CODE:CENTS[:DATE]" separated by spaces. */
static void claim(const char *ctl, int64_t payer, const char *resp,
                  int64_t encounter, const char *lines) {
  char sql[1024];
  int64_t total = 0;
  char buf[512];
  snprintf(buf, sizeof buf, "%s", lines);
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
    char *c = strchr(t, ':');
    total += strtoll(c + 1, NULL, 10);
  }
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,encounter_id,patient_id,payer_id,"
           "responsibility,claim_form,total_charge_cents,status,"
           "first_service_date) VALUES('%s',%s,%lld,%lld,'%s','837P',%lld,"
           "'submitted','2026-10-01')", ctl,
           encounter ? "1" : "NULL", (long long)PAT, (long long)payer, resp,
           (long long)total);
  exec(sql);
  int64_t cid = q1("SELECT max(id) FROM claim");
  snprintf(buf, sizeof buf, "%s", lines);
  int no = 1;
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "), no++) {
    char code[16], date[16] = "2026-10-01";
    long long cents;
    char *c1 = strchr(t, ':');
    snprintf(code, sizeof code, "%.*s", (int)(c1 - t), t);
    cents = strtoll(c1 + 1, NULL, 10);
    char *c2 = strchr(c1 + 1, ':');
    if (c2) snprintf(date, sizeof date, "%s", c2 + 1);
    snprintf(sql, sizeof sql,
             "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
             "from_date,to_date,charge_cents) VALUES(%lld,%d,'%s',1000,'%s',"
             "'%s',%lld)", (long long)cid, no, code, date, date, cents);
    exec(sql);
  }
}

/* Wrap body segments (one per line, no terminators) in an envelope. */
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

static cc_code post(const char *text, cc_remit_result *r, cc_err *e) {
  cc_remit_opts o = {.posting_date = "2026-11-20"};
  cc_err_clear(e);
  return cc_remit_post_835_mem(S, text, strlen(text), "test.835", &o, r, e);
}

static const char *PRIMARY =
    "BPR*I*150*C*CHK************20261120\n"
    "TRN*1*T1*1999999999\n"
    "N1*PR*PRIMARY MUTUAL\n"
    "N1*PE*CLINIC*XX*1234567893\n"
    "LX*1\n"
    "CLP*C1*1*300*150*60*12*PCN1\n"
    "SVC*HC:99213*200*100\n"
    "DTM*472*20261001\n"
    "CAS*CO*45*50\n"
    "CAS*PR*1*40**2*10\n"
    "AMT*B6*150\n"
    "SVC*HC:80053*100*50\n"
    "DTM*472*20261001\n"
    "CAS*CO*45*40\n"
    "CAS*PR*3*10\n"
    "AMT*B6*60\n";

static void test_full_cycle(void) {
  claim("C1", PRI, "primary", 1, "99213:20000 80053:10000");
  claim("C2", SEC, "secondary", 1, "99213:20000 80053:10000");
  cc_remit_result r;
  cc_err e;
  char *f = x835(PRIMARY);
  CHECK_INT(post(f, &r, &e), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.lines, 2);
  CHECK_INT(r.paid.cents, 15000);
  CHECK_INT(r.contractual.cents, 9000);  /* CO 45: 50 + 40 */
  CHECK_INT(r.patient_resp.cents, 6000); /* PR 1 40, PR 2 10, PR 3 10 */
  CHECK(!r.already_posted);
  /* 300 charged to the primary, 150 paid, 90 written off, 60 moved on. */
  CHECK_INT(bal("C1", "PRI01"), 0);
  CHECK_INT(bal("C1", "SEC02"), 6000);
  CHECK_INT(bal("C1", NULL), 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='C1' AND "
               "status='paid' AND payer_claim_number='PCN1'"), 1);
  CHECK_INT(q1("SELECT allowed_cents FROM remit_line ORDER BY id LIMIT 1"),
            15000);
  /* Lineage: every payer entry points at the file and a segment. */
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry WHERE kind<>'charge' AND "
               "(source_file_id IS NULL OR segment_index IS NULL OR "
               "remit_claim_id IS NULL)"), 0);
  CHECK_INT(q1("SELECT length(content) FROM x12_file WHERE kind='835'"),
            (long long)strlen(f));
  /* CAS*CO*45*50 is segment 12: ISA GS ST BPR TRN N1 N1 LX CLP SVC DTM CAS. */
  CHECK_INT(q1("SELECT segment_index FROM ledger_entry WHERE kind="
               "'adjustment' ORDER BY id LIMIT 1"), 12);

  /* The same file again: nothing changes, and it says so. */
  int64_t n = q1("SELECT count(*) FROM ledger_entry");
  CHECK_INT(post(f, &r, &e), CC_OK);
  CHECK(r.already_posted);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);
  free(f);
  /* The same payment in other bytes (line breaks added) is also known. */
  char *g = x835(PRIMARY);
  size_t gl = strlen(g);
  char *g2 = malloc(gl * 2 + 1), *w = g2;
  for (size_t i = 0; i < gl; i++) { *w++ = g[i]; if (g[i] == '~') *w++ = '\n'; }
  *w = 0;
  CHECK_INT(post(g2, &r, &e), CC_OK);
  CHECK(r.already_posted);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);
  CHECK_INT(q1("SELECT count(*) FROM remittance"), 1);
  free(g); free(g2);

  /* Secondary pays 50; OA 23 is the primary's doing; the copay (PR 3)
   * goes to the patient: secondary 60 - 50 - 10 = 0, patient owes 10. */
  f = x835("BPR*I*50*C*CHK************20261125\n"
           "TRN*1*T2*1888888888\n"
           "N1*PR*SECONDARY ASSURANCE\n"
           "LX*1\n"
           "CLP*C2*2*300*50*10*12*PCN2\n"
           "SVC*HC:99213*200*50\n"
           "CAS*OA*23*150\n"
           "SVC*HC:80053*100*0\n"
           "CAS*OA*23*90\n"
           "CAS*PR*3*10\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(bal("C1", "PRI01"), 0);
  CHECK_INT(bal("C1", "SEC02"), 0);
  CHECK_INT(bal("C1", NULL), 1000);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='C2'"), 0);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  CHECK_INT(cc_ledger_patient_json(S, "A100", &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"total_cents\":1000"));
  cc_buf_free(&b);
}

static void test_denial(void) {
  claim("C3", PRI, "primary", 0, "99214:15000");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*H*0*C*NON************20261120\n"
                 "TRN*1*T3*1999999999\n"
                 "LX*1\n"
                 "CLP*C3*4*150*0**12*PCN3\n"
                 "SVC*HC:99214*150*0\n"
                 "CAS*CO*197*150\n"
                 "LQ*HE*N54\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.denials, 1);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='C3' AND "
               "status='denied'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_denial d JOIN claim c ON "
               "c.id=d.claim_id WHERE c.control_number='C3' AND "
               "d.reason_code='197' AND d.group_code='CO' AND "
               "d.remark_codes='N54' AND d.amount_cents=15000 AND "
               "d.status='open'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_status_history h JOIN claim c ON "
               "c.id=h.claim_id WHERE c.control_number='C3' AND "
               "h.status='denied' AND h.detail LIKE '%CO-197%N54%'"), 1);
  /* The amount stays with the payer while the denial is worked. */
  CHECK_INT(bal("C3", "PRI01"), 15000);
}

static void test_reversal(void) {
  claim("C4", PRI, "primary", 0, "99212:10000");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*I*70*C*CHK************20261120\n"
                 "TRN*1*T4*1999999999\n"
                 "LX*1\n"
                 "CLP*C4*1*100*70**12*PCN4\n"
                 "SVC*HC:99212*100*70\n"
                 "CAS*CO*45*30\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(bal("C4", "PRI01"), 0);
  /* Taken back (-70) and paid again at 80 in one check of 10. */
  f = x835("BPR*I*10*C*CHK************20261201\n"
           "TRN*1*T5*1999999999\n"
           "LX*1\n"
           "CLP*C4*22*-100*-70**12*PCN4\n"
           "SVC*HC:99212*-100*-70\n"
           "CAS*CO*45*-30\n"
           "CLP*C4*1*100*80**12*PCN4B\n"
           "SVC*HC:99212*100*80\n"
           "CAS*CO*45*20\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.reversals, 1);
  CHECK_INT(bal("C4", "PRI01"), 0);
  /* Payments net: -70 + 70 (reversal) - 80 = -80. */
  CHECK_INT(q1("SELECT sum(e.amount_cents) FROM ledger_entry e JOIN claim c "
               "ON c.id=e.claim_id WHERE c.control_number='C4' AND (e.kind="
               "'payment' OR (e.kind='reversal' AND e.reverses_id IN (SELECT "
               "id FROM ledger_entry WHERE kind='payment')))"), -8000);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.control_number='C4' AND "
               "e.kind='reversal'"), 2);
  CHECK_INT(q1("SELECT count(*) FROM remit_claim WHERE reversed_by IS NOT "
               "NULL"), 1);
}

/* One claim three times in one file (paid, taken back, paid again) between
 * two others, none with charges on the books before: the charges go on
 * once, and each later CLP sees what the earlier ones did to the claim
 * (the lookups run ahead on another connection, which cannot see this
 * posting's writes). Hand-worked: S2 charged 100.00 once; payments
 * -70 + 70 - 80 = -80; payer balance 100 - 70 - 30 + 70 + 30 - 80 - 20 = 0;
 * S1 and S3 paid 50 each with CO 50: balance 0, one charge each. */
static void test_same_claim_twice(void) {
  claim("S1", PRI, "primary", 0, "99212:10000");
  claim("S2", PRI, "primary", 0, "99213:10000");
  claim("S3", PRI, "primary", 0, "99214:10000");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*I*180*C*CHK************20261120\n"
                 "TRN*1*T9*1999999999\n"
                 "LX*1\n"
                 "CLP*S1*1*100*50**12*PCN8\n"
                 "SVC*HC:99212*100*50\n"
                 "CAS*CO*45*50\n"
                 "CLP*S2*1*100*70**12*PCN9\n"
                 "SVC*HC:99213*100*70\n"
                 "CAS*CO*45*30\n"
                 "CLP*S2*22*-100*-70**12*PCN9\n"
                 "SVC*HC:99213*-100*-70\n"
                 "CAS*CO*45*-30\n"
                 "CLP*S2*1*100*80**12*PCN9B\n"
                 "SVC*HC:99213*100*80\n"
                 "CAS*CO*45*20\n"
                 "CLP*S3*1*100*50**12*PCN10\n"
                 "SVC*HC:99214*100*50\n"
                 "CAS*CO*45*50\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.claims, 5);
  CHECK_INT(r.reversals, 1);
  static const char *const ctl[] = {"S1", "S2", "S3"};
  for (int i = 0; i < 3; i++) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM ledger_entry e JOIN "
             "claim c ON c.id=e.claim_id WHERE c.control_number='%s' AND "
             "e.kind='charge'", ctl[i]);
    CHECK_INT(q1(sql), 1);
    CHECK_INT(bal(ctl[i], "PRI01"), 0);
  }
  CHECK_INT(q1("SELECT sum(e.amount_cents) FROM ledger_entry e JOIN claim c "
               "ON c.id=e.claim_id WHERE c.control_number='S2' AND (e.kind="
               "'payment' OR (e.kind='reversal' AND e.reverses_id IN (SELECT "
               "id FROM ledger_entry WHERE kind='payment')))"), -8000);
  CHECK_INT(q1("SELECT count(*) FROM remit_claim rc JOIN claim c ON "
               "c.id=rc.claim_id WHERE c.control_number='S2' AND "
               "rc.reversed_by IS NOT NULL"), 1);
  CHECK(q1("SELECT count(*) FROM claim WHERE control_number='S2' AND "
           "payer_claim_number='PCN9B'") == 1);
}

static int problems;
static void on_problem(void *ctx, const cc_ledger_problem *p);

/* Claims answered out of their id order, one of them twice with another
 * between: the balance sums are sorted and merged before they are
 * written, each (claim, party) from its balance before the file. By hand:
 * R3 pays 60.00, writes off 20.00 and moves 20.00 (PR 2) on to the
 * patient's secondary coverage (SEC02); R2 is paid 30.00 with a 20.00
 * write-off and 50.00 (PR 1) moved on; R1 pays 100.00; then R2's answer
 * is reversed and R2 paid again: 40.00, 20.00 written off, 40.00 moved
 * on. Open: SEC02's 20.00 on R3 and 40.00 on R2; nothing with the primary
 * or the patient. */
static void test_out_of_order(void) {
  claim("R1", PRI, "primary", 0, "99212:10000");
  claim("R2", PRI, "primary", 0, "99213:10000");
  claim("R3", PRI, "primary", 0, "99214:10000");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*I*200*C*CHK************20261120\n"
                 "TRN*1*T11*1999999999\n"
                 "LX*1\n"
                 "CLP*R3*1*100*60*20*12*PCN11\n"
                 "SVC*HC:99214*100*60\n"
                 "CAS*CO*45*20\n"
                 "CAS*PR*2*20\n"
                 "CLP*R2*1*100*30*50*12*PCN12\n"
                 "SVC*HC:99213*100*30\n"
                 "CAS*CO*45*20\n"
                 "CAS*PR*1*50\n"
                 "CLP*R1*1*100*100**12*PCN13\n"
                 "SVC*HC:99212*100*100\n"
                 "CLP*R2*22*-100*-30*-50*12*PCN12\n"
                 "SVC*HC:99213*-100*-30\n"
                 "CAS*CO*45*-20\n"
                 "CAS*PR*1*-50\n"
                 "CLP*R2*1*100*40*40*12*PCN12B\n"
                 "SVC*HC:99213*100*40\n"
                 "CAS*CO*45*20\n"
                 "CAS*PR*1*40\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.claims, 5);
  CHECK_INT(bal("R3", "SEC02"), 2000);
  CHECK_INT(bal("R2", "SEC02"), 4000);
  CHECK_INT(bal("R1", "SEC02"), 0);
  static const char *const ctl[] = {"R1", "R2", "R3"};
  for (int i = 0; i < 3; i++) {
    CHECK_INT(bal(ctl[i], "PRI01"), 0);
    CHECK_INT(bal(ctl[i], NULL), 0);
  }
  CHECK_INT(q1("SELECT count(*) FROM ar_balance a JOIN claim c ON c.id="
               "a.claim_id WHERE c.control_number IN ('R1','R2','R3')"), 2);
  CHECK_INT(q1("SELECT sum(a.balance_cents) FROM ar_balance a JOIN claim c "
               "ON c.id=a.claim_id JOIN payer p ON p.id=a.party WHERE "
               "c.control_number IN ('R2','R3') AND p.payer_code='SEC02'"),
            6000);
  cc_ledger_summary sum;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
}

/* Unapplied cash applied once the claim is found (cc_remit_apply_unapplied).
 * One 835 of 90.00: U1 pays 60.00 of 100.00 (CO 45 40.00) under a
 * control number nobody has, and a reversal of 30.00 for a claim never
 * paid; both are held. By hand, after U1 is applied to claim UA (100.00,
 * 99213): 100.00 on the books, 60.00 paid, 40.00 written off, nothing
 * owed; the remittance still balances with one payment applied and one
 * held. */
static void test_apply_unapplied(void) {
  exec("INSERT INTO app_user(username,role) VALUES('bo','biller'),"
       "('vi','viewer')");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*I*30*C*CHK************20261120\n"
                 "TRN*1*T12*1999999999\n"
                 "LX*1\n"
                 "CLP*NOSUCH1*1*100*60**12*PCN20\n"
                 "SVC*HC:99213*100*60\n"
                 "CAS*CO*45*40\n"
                 "CLP*UB*22*-50*-30**12*PCN21\n"
                 "SVC*HC:99213*-50*-30\n"
                 "CAS*CO*45*-20\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.unapplied, 2);
  int64_t u1 = q1("SELECT id FROM unapplied_payment WHERE claim_ref="
                  "'NOSUCH1'");
  int64_t u2 = q1("SELECT id FROM unapplied_payment WHERE claim_ref='UB'");
  claim("UA", PRI, "primary", 0, "99213:10000");
  claim("UB", PRI, "primary", 0, "99213:5000");
  cc_remit_opts o = {.posting_date = "2026-11-24"};
  int64_t entries = q1("SELECT count(*) FROM ledger_entry");
  /* Refused, and nothing changes: a viewer; a reversal of a payment the
   * claim never had; a claim that does not exist. */
  CHECK_INT(cc_remit_apply_unapplied(S, u1, "UA", "vi", &o, &r, &e),
            CC_E_DENIED);
  CHECK_INT(cc_remit_apply_unapplied(S, u2, "UB", "bo", &o, &r, &e),
            CC_E_INVALID);
  CHECK_INT(cc_remit_apply_unapplied(S, u1, "NOPE", "bo", &o, &r, &e),
            CC_E_NOTFOUND);
  CHECK_INT(cc_remit_apply_unapplied(S, 999999, "UA", "bo", &o, &r, &e),
            CC_E_NOTFOUND);
  cc_remit_opts dry = {.posting_date = "2026-11-24", .dry_run = true};
  CHECK_INT(cc_remit_apply_unapplied(S, u1, "UA", "bo", &dry, &r, &e), CC_OK);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), entries);
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment WHERE status="
               "'applied'"), 0);
  /* Applied. */
  CHECK_INT(cc_remit_apply_unapplied(S, u1, "UA", "bo", &o, &r, &e), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.claim_paid.cents, 6000);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), entries + 3);
  CHECK_INT(bal("UA", "PRI01"), 0);
  CHECK_INT(bal("UA", NULL), 0);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_entry e JOIN claim c ON"
               " c.id=e.claim_id WHERE c.control_number='UA' AND e.kind="
               "'payment' AND e.posted_date='2026-11-24'"), -6000);
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment u JOIN claim c ON "
               "c.id=u.applied_claim_id WHERE u.status='applied' AND "
               "c.control_number='UA'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='UA' AND "
               "status='paid' AND payer_claim_number='PCN20'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim_status_history h JOIN claim c ON"
               " c.id=h.claim_id WHERE c.control_number='UA' AND h.status="
               "'paid' AND h.detail LIKE 'paid 60.00 (CLP02 1), trace T12; "
               "unapplied cash % applied by bo'"), 1);
  /* Its first adjudication is the remittance's day, not the day applied. */
  CHECK_INT(q1("SELECT count(*) FROM claim_first_adj f JOIN claim c ON "
               "c.id=f.claim_id WHERE c.control_number='UA' AND "
               "f.posted_date='2026-11-20' AND f.paid_cents=6000"), 1);
  CHECK_INT(cc_remit_apply_unapplied(S, u1, "UA", "bo", &o, &r, &e),
            CC_E_EXISTS);
  cc_ledger_summary sum;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
}

/* A transaction set that never reaches its SE (the next ST comes first):
 * its claims would belong to no set and escape the balance check, so the
 * whole file is refused at the ST that found it, and nothing changes.
 * Segments: ISA 1, GS 2, ST 3, BPR 4, TRN 5, LX 6, CLP 7, SVC 8, CAS 9,
 * ST 10. (Found by fuzz_remit_835.) */
static void test_set_without_se(void) {
  claim("S4", PRI, "primary", 0, "99212:10000");
  const char *f =
      "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         "
      "*261120*1200*^*00501*000000001*0*T*:~GS*HP*PAYER*CLINIC*20261120*1200"
      "*1*X*005010X221A1~ST*835*0001~BPR*I*70*C*CHK************20261120~"
      "TRN*1*TSE*1999999999~LX*1~CLP*S4*1*100*70**12*PCN-S4~"
      "SVC*HC:99212*100*70~CAS*CO*45*30~"
      "ST*835*0002~BPR*H*0*C*NON************20261120~TRN*1*TSE2*1999999999~"
      "SE*4*0002~GE*2*1~IEA*1*000000001~";
  int64_t before = q1("SELECT count(*) FROM ledger_entry") +
                   q1("SELECT count(*) FROM remittance") * 1000000;
  cc_remit_result r;
  cc_err e;
  CHECK_INT(post(f, &r, &e), CC_E_SYNTAX);
  CHECK_INT((int64_t)e.seg_pos, 10);
  CHECK(e.msg && strstr(e.msg, "no SE"));
  CHECK(strstr(e.detail, "0001"));
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry") +
            q1("SELECT count(*) FROM remittance") * 1000000, before);
}

static void test_unbalanced_and_unknown(void) {
  int64_t files = q1("SELECT count(*) FROM x12_file");
  int64_t n = q1("SELECT count(*) FROM ledger_entry");
  cc_remit_result r;
  cc_err e;
  char *f = x835("BPR*I*100*C*CHK************20261120\n"
                 "TRN*1*T6*1999999999\n"
                 "LX*1\n"
                 "CLP*C1*1*300*90**12*PCN1\n");
  CHECK_INT(post(f, &r, &e), CC_E_UNBALANCED);
  CHECK(strstr(e.detail, "off by 10.00") != NULL);
  CHECK_INT(e.seg_pos, 4); /* the BPR */
  free(f);
  CHECK_INT(q1("SELECT count(*) FROM x12_file"), files);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);

  /* One check pays C7, a claim we do not have (NOPE) and reverses a
   * payment on C8 that was never posted here: 60 + 15 - 10 = 65. C7 posts;
   * the other two are held as unapplied cash, and the file still adds up. */
  claim("C7", PRI, "primary", 0, "99212:10000");
  claim("C8", PRI, "primary", 0, "99212:10000");
  f = x835("BPR*I*65*C*CHK************20261120\n"
           "TRN*1*T7*1999999999\n"
           "LX*1\n"
           "CLP*C7*1*100*60**12*PCN7\n"
           "SVC*HC:99212*100*60\n"
           "CAS*CO*45*40\n"
           "CLP*NOPE*1*50*15*5*12*X9\n"
           "NM1*QC*1*DOE*JANE****MI*W123\n"
           "SVC*HC:99213*50*15\n"
           "CAS*CO*45*30\n"
           "CAS*PR*2*5\n"
           "CLP*C8*22*-100*-10**12*PCN8\n"
           "NM1*QC*1*ROE*RICK\n"
           "NM1*IL*1*ROE*RITA****MI*W456\n");
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.unapplied, 2);
  CHECK_INT(r.unapplied_paid.cents, 500); /* 15.00 - 10.00 */
  CHECK_INT(r.paid.cents, 6500);
  CHECK_INT(bal("C7", "PRI01"), 0); /* 100 - 60 - 40 */
  CHECK_INT(bal("C8", "PRI01"), 0); /* nothing posted on C8 */
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n + 3); /* C7 */
  /* ISA GS ST BPR TRN LX CLP(7) SVC CAS CLP(10) NM1 SVC CAS CAS CLP(15) */
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment WHERE claim_ref="
               "'NOPE' AND paid_cents=1500 AND charge_cents=5000 AND "
               "patient_resp_cents=500 AND patient_last='DOE' AND "
               "patient_first='JANE' AND member_id='W123' AND "
               "payer_claim_number='X9' AND segment_index=10 AND "
               "status='open'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment WHERE claim_ref="
               "'C8' AND status_code='22' AND paid_cents=-1000 AND "
               "member_id='W456' AND patient_last='ROE' AND "
               "segment_index=15"), 1);
}

static const char *TWO =
    "BPR*I*130*C*CHK************20261120\n"
    "TRN*1*T8*1999999999\n"
    "LX*1\n"
    "CLP*C5*1*100*60*20*12*P5\n"
    "SVC*HC:99213*100*60\n"
    "CAS*CO*45*20\n"
    "CAS*PR*2*20\n"
    "CLP*C6*1*100*70**12*P6\n"
    "SVC*HC:99213*100*70\n"
    "CAS*CO*45*30\n";

static void test_killed_halfway(void) {
  claim("C5", PRI, "primary", 0, "99213:10000");
  claim("C6", PRI, "primary", 0, "99213:10000");
  int64_t n = q1("SELECT count(*) FROM ledger_entry");
  int64_t rem = q1("SELECT count(*) FROM remittance");
  char *f = x835(TWO);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    cc_store *s2;
    cc_err e;
    if (cc_store_open(dbpath, false, &s2, &e)) _exit(3);
    setenv("CC_FAULT_POST_AFTER_CLAIMS", "1", 1);
    cc_remit_result r;
    cc_remit_opts o = {.posting_date = "2026-11-20"};
    (void)!cc_remit_post_835_mem(s2, f, strlen(f), "two.835", &o, &r, &e);
    _exit(0); /* not reached when the fault fires */
  }
  int st = 0;
  waitpid(pid, &st, 0);
  CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
  /* Nothing of the half-done posting survives, and the summary trigger
   * it dropped inside its transaction is back. */
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);
  CHECK_INT(q1("SELECT count(*) FROM sqlite_master WHERE type='trigger' "
               "AND name='ledger_report_insert'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM remittance"), rem);
  cc_remit_result r;
  cc_err e;
  CHECK_INT(post(f, &r, &e), CC_OK);
  CHECK_INT(r.claims, 2);
  CHECK(!r.already_posted);
  free(f);
  /* As a clean single posting: C5 60 paid, 20 off, 20 to the secondary;
   * C6 70 paid, 30 off. Entries: per claim one charge, one payment, one
   * adjustment, and for C5 two transfer halves. */
  CHECK_INT(bal("C5", "PRI01"), 0);
  CHECK_INT(bal("C5", "SEC02"), 2000);
  CHECK_INT(bal("C6", "PRI01"), 0);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n + 8);
}

static int problems;
static void on_problem(void *ctx, const cc_ledger_problem *p) {
  (void)ctx;
  problems++;
  printf("# ledger: %s %s: %s\n", p->claim_key, p->rule, p->detail);
}

static void test_ledger_check(void) {
  cc_ledger_summary sum;
  cc_err e;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
  CHECK_INT(sum.broken, 0);
  /* Charges: C1 300, C3 150, C4 100, C5 100, C6 100, C7 100 = 850.00 (C8
   * never posted), S1-S3 300.00, R1-R3 300.00, UA 100.00 (UB never
   * posted), and the shared samples' 800 + 1200 + 211366.97 + 15000 +
   * 915.39. */
  CHECK_INT(sum.charges.cents, 85000 + 30000 + 30000 + 10000 + 80000 +
                                   120000 + 21136697 + 1500000 + 91539);
  /* The report summaries, brought up to date set-based by each posting,
   * hold exactly the sums of the entries (ar_balance: the sums that are
   * not zero, migration 14), and the per-row trigger that keeps them for
   * other writers is back. */
  CHECK_INT(q1("SELECT count(*) FROM (SELECT claim_id,coalesce(payer_id,0) "
               "p,sum(amount_cents) s FROM ledger_entry WHERE claim_id IS NOT "
               "NULL GROUP BY 1,2 HAVING s<>0) x FULL JOIN ar_balance a ON "
               "a.claim_id=x.claim_id AND a.party=x.p WHERE a.balance_cents IS"
               " NOT x.s"),
            0);
  CHECK_INT(q1("SELECT (SELECT sum(amount_cents) FROM ledger_day)-(SELECT "
               "sum(amount_cents) FROM ledger_entry)"), 0);
  CHECK_INT(q1("SELECT (SELECT sum(entries) FROM ledger_day)-(SELECT "
               "count(*) FROM ledger_entry)"), 0);
  CHECK_INT(q1("SELECT sum(amount_cents) FROM ledger_day WHERE kind="
               "'payment'"), q1("SELECT sum(e.amount_cents) FROM ledger_entry "
               "e LEFT JOIN ledger_entry o ON o.id=e.reverses_id WHERE "
               "coalesce(o.kind,e.kind)='payment'"));
  CHECK_INT(q1("SELECT count(*) FROM sqlite_master WHERE type='trigger' "
               "AND name='ledger_report_insert'"), 1);
  cc_ledger_balance b[4];
  size_t nb;
  CHECK_INT(cc_ledger_claim_balances(S, "C1", b, 4, &nb, &e), CC_OK);
  CHECK_INT(nb, 1);
  CHECK_INT(b[0].payer_id, 0);
  CHECK_INT(b[0].balance.cents, 1000);
  /* Break the books on purpose: a charge that is not the claim's. */
  exec("INSERT INTO ledger_entry(patient_id,claim_id,payer_id,kind,"
       "amount_cents,posted_date) SELECT patient_id,id,payer_id,'charge',"
       "500,'2026-11-21' FROM claim WHERE control_number='C6'");
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 1);
  exec("DELETE FROM ledger_entry WHERE amount_cents=500 AND kind='charge'");
}

/* ---- the shared samples, against claims built from what they say ---- */
static char *slurp(const char *name) {
  const char *sh = getenv("CC_SHARED");
  char path[512];
  snprintf(path, sizeof path, "%s/x12/835/%s", sh ? sh : "../shared", name);
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) (void)!cc_buf_append(&b, tmp, n);
  fclose(fp);
  return cc_buf_take(&b);
}

static void test_shared_managed_care(void) {
  /* lfh__managed-care.835: 5554555444 charged 800 (99211), 8765432112
   * charged 1200 (93555); BPR 945 = 450 + 495. */
  member_patient("S1", "33344555510"); /* NM1*QC BUDD */
  claim("5554555444", PRI, "primary", 0, "99211:80000:2002-03-01");
  member_patient("S2", "44455666610"); /* NM1*QC SETTLE */
  claim("8765432112", PRI, "primary", 0, "93555:120000:2002-03-10");
  char *f = slurp("lfh__managed-care.835");
  CHECK(f != NULL);
  if (!f) return;
  cc_remit_result r;
  cc_err e;
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.paid.cents, 94500);
  /* Claim 1: paid 450; CO A2 50 and nothing else off; PR 1 300 to the
   * secondary (the synthetic patient has one): 800-450-50-300 = 0. */
  CHECK_INT(bal("5554555444", "PRI01"), 0);
  CHECK_INT(bal("5554555444", "SEC02"), 30000);
  /* Claim 2: paid 495; CO A2 55 + CO 45 50 off; PR 1 600 on. */
  CHECK_INT(bal("8765432112", "PRI01"), 0);
  CHECK_INT(bal("8765432112", "SEC02"), 60000);
  CHECK_INT(q1("SELECT -sum(amount_cents) FROM ledger_entry e JOIN claim c "
               "ON c.id=e.claim_id WHERE c.control_number='8765432112' AND "
               "e.kind='payment'"), 49500);
}

static void test_shared_medicare_plb(void) {
  /* lfh__medicare-part-a.835: two claims without service lines, CO 45 each,
   * and PLB CV:CP -1.27: 138018.40 + 11980.33 + 1.27 = 150000.00. */
  member_patient("S3", "666666666A"); /* NM1*QC HN JONES */
  claim("666123", PRI, "primary", 0, "0100:21136697:2002-08-16");
  member_patient("S4", "996669999B"); /* NM1*QC HN BORDER */
  claim("777777", PRI, "primary", 0, "0100:1500000:2002-05-12");
  char *f = slurp("lfh__medicare-part-a.835");
  CHECK(f != NULL);
  if (!f) return;
  cc_remit_result r;
  cc_err e;
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.plb.cents, -127);
  CHECK_INT(bal("666123", "PRI01"), 0);
  CHECK_INT(bal("777777", "PRI01"), 0);
  CHECK_INT(q1("SELECT amount_cents FROM provider_adjustment WHERE "
               "reason_code='CV' AND reference='CP'"), -127);
}

static void test_shared_denied(void) {
  /* pyx12__835_mult_loops.txt: 2005555A denied (CLP02 4), three T1005
   * lines 500.04 + 127.80 + 287.55 = 915.39, CO 16 and OA A7 twice, N14. */
  member_patient("S5", "M5"); /* NM1*QC names only MR, no member id */
  claim("2005555A", PRI, "primary", 0,
        "T1005:50004:2003-11-29 T1005:12780:2003-10-30 T1005:28755:2003-10-31");
  char *f = slurp("pyx12__835_mult_loops.txt");
  CHECK(f != NULL);
  if (!f) return;
  cc_remit_result r;
  cc_err e;
  CHECK_INT(post(f, &r, &e), CC_OK);
  free(f);
  CHECK_INT(r.denials, 1);
  CHECK_INT(bal("2005555A", "PRI01"), 91539);
  CHECK_INT(q1("SELECT count(*) FROM claim_denial d JOIN claim c ON "
               "c.id=d.claim_id WHERE c.control_number='2005555A' AND "
               "d.remark_codes='N14'"), 3);
  /* Each denial sits on its own line, matched by code, date and charge. */
  CHECK_INT(q1("SELECT count(DISTINCT claim_line_id) FROM claim_denial d "
               "JOIN claim c ON c.id=d.claim_id WHERE "
               "c.control_number='2005555A'"), 3);
}

/* Posting keeps ar_balance and ledger_day from its own running sums and
 * the first facts (migration 10) by grouped statements, with the per-row
 * triggers off while it runs: after every posting above (a primary and
 * its secondary, a denial, a reversal and re-adjudication, a killed
 * posting, the shared samples) each must equal what recomputing it from
 * the rows gives, and what the hand gives. */
static char stale_rule[32];
static void on_stale(void *ctx, const cc_ledger_problem *p) {
  (void)ctx;
  problems++;
  snprintf(stale_rule, sizeof stale_rule, "%s", p->rule);
  printf("# ledger: %s %s: %s\n", p->claim_key, p->rule, p->detail);
}

static void test_summaries_recomputed(void) {
  CHECK_INT(q1("SELECT count(*) FROM (SELECT claim_id,coalesce(payer_id,0) "
               "p,sum(amount_cents) s FROM ledger_entry WHERE claim_id IS NOT "
               "NULL GROUP BY 1,2 HAVING s<>0) x FULL JOIN ar_balance a ON "
               "a.claim_id=x.claim_id AND a.party=x.p WHERE a.balance_cents IS"
               " NOT x.s"),
            0);
  CHECK_INT(q1("SELECT count(*) FROM ar_balance WHERE balance_cents=0"), 0);
#define DAY_FROM_ENTRIES                                                      \
  "SELECT e.posted_date,coalesce(e.payer_id,0),coalesce(c.billing_provider_id"\
  ",0),o.kind,coalesce(o.group_code,''),sum(e.amount_cents),count(*) FROM "   \
  "ledger_entry e JOIN ledger_entry o ON o.id=coalesce(e.reverses_id,e.id) "  \
  "LEFT JOIN claim c ON c.id=e.claim_id GROUP BY 1,2,3,4,5"
#define DAY_KEPT                                                              \
  "SELECT day,party,provider,kind,grp,amount_cents,entries FROM ledger_day"
  CHECK_INT(q1("SELECT count(*) FROM (" DAY_KEPT " EXCEPT " DAY_FROM_ENTRIES
               ")"), 0);
  CHECK_INT(q1("SELECT count(*) FROM (" DAY_FROM_ENTRIES " EXCEPT " DAY_KEPT
               ")"), 0);
  CHECK(q1("SELECT count(*) FROM ledger_day") > 5);
  /* A reversal counts under the kind it reverses. */
  CHECK_INT(q1("SELECT count(*) FROM ledger_day WHERE kind='reversal'"), 0);
#define ALL_RC "SELECT DISTINCT claim_id AS id FROM remit_claim"
  CHECK_INT(q1("SELECT count(*) FROM (SELECT * FROM claim_first_adj EXCEPT "
               STORE_FIRST_ADJ_SEL(ALL_RC) ")"), 0);
  CHECK_INT(q1("SELECT count(*) FROM (" STORE_FIRST_ADJ_SEL(ALL_RC)
               " EXCEPT SELECT * FROM claim_first_adj)"), 0);
  CHECK_INT(q1("SELECT count(*) FROM (SELECT * FROM claim_first_pay EXCEPT "
               STORE_FIRST_PAY_SEL(ALL_RC) ")"), 0);
  CHECK_INT(q1("SELECT count(*) FROM (" STORE_FIRST_PAY_SEL(ALL_RC)
               " EXCEPT SELECT * FROM claim_first_pay)"), 0);
  CHECK_INT(q1("SELECT count(DISTINCT claim_id) FROM remit_claim WHERE "
               "status_code<>'22'"), q1("SELECT count(*) FROM claim_first_adj"));
  /* By hand. C1: 10.00 left with the patient, nothing with either payer. */
  CHECK_INT(q1("SELECT a.balance_cents FROM ar_balance a JOIN claim c ON "
               "c.id=a.claim_id WHERE c.control_number='C1' AND a.party=0"),
            1000);
  CHECK_INT(q1("SELECT count(*) FROM ar_balance a JOIN claim c ON "
               "c.id=a.claim_id WHERE c.control_number='C1' AND "
               "a.balance_cents<>0"), 1);
  /* C2, the secondary: its own first answer (50.00 of 300.00) although
   * the money went to C1's entries. */
  CHECK_INT(q1("SELECT paid_cents*1000000+charge_cents FROM claim_first_adj f"
               " JOIN claim c ON c.id=f.claim_id WHERE c.control_number='C2'"),
            5000LL * 1000000 + 30000);
  /* C3: CLP02 4, nothing paid: denied, charge 150.00; never paid. */
  CHECK_INT(q1("SELECT denied*100+paid_cents FROM claim_first_adj f JOIN "
               "claim c ON c.id=f.claim_id WHERE c.control_number='C3'"), 100);
  CHECK_INT(q1("SELECT count(*) FROM claim_first_pay f JOIN claim c ON "
               "c.id=f.claim_id WHERE c.control_number='C3'"), 0);
  /* C4: paid 70.00, reversed, paid again 80.00 the same day: the first
   * adjudication and first payment stay the 70.00 CLP, the lower row. */
  CHECK_INT(q1("SELECT f.paid_cents FROM claim_first_adj f JOIN claim c ON "
               "c.id=f.claim_id WHERE c.control_number='C4'"), 7000);
  CHECK_INT(q1("SELECT f.remit_claim_id=(SELECT min(r.id) FROM remit_claim r"
               " WHERE r.claim_id=c.id) FROM claim_first_pay f JOIN claim c ON"
               " c.id=f.claim_id WHERE c.control_number='C4'"), 1);
  CHECK_INT(q1("SELECT posted_date='2026-11-20' AND original=1 AND "
               "submissions=0 AND denied=0 FROM claim_first_adj f JOIN claim "
               "c ON c.id=f.claim_id WHERE c.control_number='C4'"), 1);
  /* Balances age from the claim's service date, also when it changes.
   * C1 has one open balance (the patient's 10.00): the payers' closed
   * ones are not kept. */
  CHECK_INT(q1("SELECT count(*) FROM ar_balance a JOIN claim c ON "
               "c.id=a.claim_id WHERE c.control_number='C1' AND "
               "a.age_date='2026-10-01'"), 1);
  exec("UPDATE claim SET first_service_date='2026-09-30' WHERE "
       "control_number='C1'");
  CHECK_INT(q1("SELECT count(*) FROM ar_balance a JOIN claim c ON "
               "c.id=a.claim_id WHERE c.control_number='C1' AND "
               "a.age_date='2026-09-30'"), 1);
  exec("UPDATE claim SET first_service_date='2026-10-01' WHERE "
       "control_number='C1'");
  /* The triggers are back for everyone else. */
  CHECK_INT(q1("SELECT count(*) FROM sqlite_master WHERE type='trigger' AND "
               "name IN ('ledger_report_insert','first_adj_insert',"
               "'first_adj_denial_insert')"), 3);
  /* `ledger check` says so, and says when one is off. */
  cc_ledger_summary sum;
  cc_err e;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_stale, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
  exec("UPDATE ar_balance SET balance_cents=balance_cents+1 WHERE party=0 "
       "AND claim_id=(SELECT id FROM claim WHERE control_number='C1')");
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_stale, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 1);
  CHECK_STR(stale_rule, "summary-balance");
  exec("UPDATE ar_balance SET balance_cents=balance_cents-1 WHERE party=0 "
       "AND claim_id=(SELECT id FROM claim WHERE control_number='C1')");
  exec("UPDATE claim_first_adj SET paid_cents=8000 WHERE claim_id=(SELECT id"
       " FROM claim WHERE control_number='C4')");
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_stale, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 1);
  CHECK_STR(stale_rule, "first-facts");
  exec("UPDATE claim_first_adj SET paid_cents=7000 WHERE claim_id=(SELECT id"
       " FROM claim WHERE control_number='C4')");
  /* A closed balance kept as a zero row is reported too. */
  exec("INSERT INTO ar_balance(claim_id,party,balance_cents,age_date) SELECT "
       "id,payer_id,0,first_service_date FROM claim WHERE control_number="
       "'C1'");
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_stale, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 1);
  CHECK_STR(stale_rule, "summary-open");
  exec("DELETE FROM ar_balance WHERE balance_cents=0");
}

/* Other writers than posting keep ar_balance through the per-row
 * triggers (migration 14): a balance that closes is deleted, one that
 * opens again comes back with its claim's age date, and an entry deleted
 * or changed moves its amount back out. By hand on C1, whose only open
 * balance is the patient's 10.00. */
static void test_open_balance_triggers(void) {
  const char *c1 = "(SELECT id FROM claim WHERE control_number='C1')";
  char sql[512];
#define C1_PATIENT                                                            \
  "SELECT coalesce((SELECT balance_cents FROM ar_balance WHERE party=0 AND "  \
  "claim_id=(SELECT id FROM claim WHERE control_number='C1')),-1)"
  CHECK_INT(q1(C1_PATIENT), 1000);
  /* The patient pays the 10.00: the balance closes, its row goes. */
  snprintf(sql, sizeof sql, "INSERT INTO ledger_entry(patient_id,claim_id,"
           "kind,amount_cents,posted_date,reference) SELECT patient_id,id,"
           "'payment',-1000,'2026-11-25','TEST-OPEN' FROM claim WHERE id=%s",
           c1);
  exec(sql);
  CHECK_INT(q1(C1_PATIENT), -1);
  /* The payment was keyed wrong, 4.00 not 10.00: 6.00 opens again, aged
   * from the claim's service date. */
  exec("UPDATE ledger_entry SET amount_cents=-400 WHERE reference="
       "'TEST-OPEN'");
  CHECK_INT(q1(C1_PATIENT), 600);
  CHECK_INT(q1("SELECT count(*) FROM ar_balance WHERE party=0 AND "
               "age_date='2026-10-01' AND claim_id=(SELECT id FROM claim "
               "WHERE control_number='C1')"), 1);
  /* Deleted: back to the 10.00 there was. */
  exec("DELETE FROM ledger_entry WHERE reference='TEST-OPEN'");
  CHECK_INT(q1(C1_PATIENT), 1000);
  CHECK_INT(q1("SELECT count(*) FROM ar_balance WHERE balance_cents=0"), 0);
#undef C1_PATIENT
  cc_ledger_summary sum;
  cc_err e;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_stale, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
}

int main(void) {
  open_db();
  RUN(test_full_cycle);
  RUN(test_denial);
  RUN(test_reversal);
  RUN(test_same_claim_twice);
  RUN(test_out_of_order);
  RUN(test_apply_unapplied);
  RUN(test_set_without_se);
  RUN(test_unbalanced_and_unknown);
  RUN(test_killed_halfway);
  RUN(test_shared_managed_care);
  RUN(test_shared_medicare_plb);
  RUN(test_shared_denied);
  RUN(test_summaries_recomputed);
  RUN(test_open_balance_triggers);
  RUN(test_ledger_check);
  cc_store_close(S);
  unlink(dbpath);
  char side[300];
  snprintf(side, sizeof side, "%s-wal", dbpath); unlink(side);
  snprintf(side, sizeof side, "%s-shm", dbpath); unlink(side);
  TEST_MAIN_END();
}
