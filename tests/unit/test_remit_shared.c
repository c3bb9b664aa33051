/* test_remit_shared.c - posting the shared 835 samples not covered in
 * test_remit.c, each in a fresh database holding the claims the sample
 * pays (patients with the member ids it names), with every balance worked
 * out by hand from the file: dollars and data sent separately, a dental
 * ERA, nine claims on one check under one CLP01, secondary and tertiary
 * payments after a hand-made primary, a secondary paying above its share,
 * eMedNY's repeated CLP01, and the same payments arriving twice. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static char dbpath[256];
static cc_store *S;
static int64_t PRI, SEC, TER, PAT;
static int ndb;

static int64_t q1(const char *sql) { return t_q1(S, sql); }
static void exec(const char *sql) { t_exec(S, sql); }
/* Balance of a party on a claim: payer code, or NULL for the patient. */
static int64_t bal(const char *claim, const char *payer) {
  char sql[600];
  snprintf(sql, sizeof sql,
           "SELECT coalesce(sum(e.amount_cents),0) FROM ledger_entry e JOIN "
           "claim c ON c.id=e.claim_id LEFT JOIN payer p ON p.id=e.payer_id "
           "WHERE c.control_number='%s' AND %s%s%s", claim,
           payer ? "p.payer_code='" : "e.payer_id IS NULL", payer ? payer : "",
           payer ? "'" : "");
  return q1(sql);
}
static int problems;
static void on_problem(void *ctx, const cc_ledger_problem *p) {
  (void)ctx;
  problems++;
  printf("# ledger: %s %s: %s\n", p->claim_key, p->rule, p->detail);
}
static void books_hold(void) {
  cc_ledger_summary sum;
  cc_err e;
  problems = 0;
  CHECK_INT(cc_ledger_check(S, on_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(problems, 0);
}

static void close_db(void) {
  if (!S) return;
  cc_store_close(S);
  S = NULL;
  char side[300];
  unlink(dbpath);
  snprintf(side, sizeof side, "%s-wal", dbpath); unlink(side);
  snprintf(side, sizeof side, "%s-shm", dbpath); unlink(side);
}

static void open_db(void) {
  close_db();
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_remit_shared_%d_%d.db",
           (int)getpid(), ++ndb);
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
  cc_payer_rec p3 = {.payer_code = "TER03", .name = "Tertiary Trust",
                     .filing_indicator = "CI", .claim_form = "837P"};
  if (cc_store_payer_put(S, &p1, &PRI, &created, &e) ||
      cc_store_payer_put(S, &p2, &SEC, &created, &e) ||
      cc_store_payer_put(S, &p3, &TER, &created, &e))
    printf("not ok - payers: %s\n", e.detail);
}

/* A synthetic patient covered by the first `ncov` of PRI, SEC, TER, each
 * under the member id the sample names. */
static void patient(const char *acct, const char *member, int ncov) {
  cc_err e;
  bool created;
  cc_patient_rec pt = {.account_no = acct, .last_name = "Sample",
                       .first_name = "Pat", .birth_date = "1960-01-01",
                       .sex = "U"};
  if (cc_store_patient_put(S, &pt, &PAT, &created, &e))
    printf("not ok - patient: %s\n", e.detail);
  const int64_t payer[3] = {PRI, SEC, TER};
  const char *prio[3] = {"primary", "secondary", "tertiary"};
  for (int i = 0; i < ncov; i++) {
    cc_coverage_rec c = {.patient_id = PAT, .payer_id = payer[i],
                         .priority = prio[i], .relationship = "self",
                         .member_id = member, .effective_date = "2000-01-01"};
    int64_t id;
    if (cc_store_coverage_put(S, &c, &id, &created, &e))
      printf("not ok - coverage: %s\n", e.detail);
  }
}

static int64_t encounter(const char *ext, const char *day) {
  char sql[300];
  snprintf(sql, sizeof sql, "INSERT INTO encounter(external_id,patient_id,"
           "service_date,place_of_service) VALUES('%s',%lld,'%s','11')", ext,
           (long long)PAT, day);
  exec(sql);
  return q1("SELECT max(id) FROM encounter");
}

/* A claim of PAT with lines "CODE[-MOD]:CENTS" on day, separated by
 * spaces. */
static void claim(const char *ctl, int64_t payer, const char *resp,
                  int64_t enc, const char *day, const char *lines) {
  char sql[1024], buf[512];
  int64_t total = 0;
  snprintf(buf, sizeof buf, "%s", lines);
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
    total += strtoll(strchr(t, ':') + 1, NULL, 10);
  char encs[24] = "NULL";
  if (enc) snprintf(encs, sizeof encs, "%lld", (long long)enc);
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,encounter_id,patient_id,payer_id,"
           "responsibility,claim_form,total_charge_cents,status,"
           "first_service_date) VALUES('%s',%s,%lld,%lld,'%s','837P',%lld,"
           "'submitted','%s')", ctl, encs, (long long)PAT, (long long)payer,
           resp, (long long)total, day);
  exec(sql);
  int64_t cid = q1("SELECT max(id) FROM claim");
  snprintf(buf, sizeof buf, "%s", lines);
  int no = 1;
  for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "), no++) {
    char code[16], mod[8] = "";
    char *colon = strchr(t, ':'), *dash = strchr(t, '-');
    if (dash && dash < colon) {
      snprintf(code, sizeof code, "%.*s", (int)(dash - t), t);
      snprintf(mod, sizeof mod, "%.*s", (int)(colon - dash - 1), dash + 1);
    } else {
      snprintf(code, sizeof code, "%.*s", (int)(colon - t), t);
    }
    snprintf(sql, sizeof sql,
             "INSERT INTO claim_line(claim_id,line_no,code,modifier1,"
             "units_milli,from_date,to_date,charge_cents) VALUES(%lld,%d,'%s',"
             "%s%s%s,1000,'%s','%s',%lld)", (long long)cid, no, code,
             mod[0] ? "'" : "NULL", mod, mod[0] ? "'" : "", day, day,
             strtoll(colon + 1, NULL, 10));
    exec(sql);
  }
}

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

static cc_code post_mem(const char *text, cc_remit_result *r) {
  cc_remit_opts o = {.posting_date = "2026-11-20"};
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_remit_post_835_mem(S, text, strlen(text), "test.835", &o, r,
                                     &e);
  if (rc) printf("# post: %s: %s\n", e.msg ? e.msg : "", e.detail);
  return rc;
}
static cc_code post_shared(const char *name, cc_remit_result *r) {
  char *f = slurp(name);
  if (!f) {
    printf("# missing sample %s\n", name);
    return CC_E_IO;
  }
  cc_code rc = post_mem(f, r);
  free(f);
  return rc;
}

/* A hand-made 835 from the primary (segments one per line). */
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

static void test_dollars_and_data_separate(void) {
  /* Two claims, primary only, so PR goes to the patient. 5554555444:
   * SVC pays 500 of 800, PR 1 300; claim-level CO A2 50 brings CLP04 to
   * 450. 8765432112: SVC pays 550 of 1200, PR 1 600, CO 45 50, claim CO A2
   * 55: 495. BPR02 945 = 450 + 495. */
  open_db();
  patient("BUDD", "33344555510", 1);
  claim("5554555444", PRI, "primary", 0, "2002-03-01", "99211:80000");
  patient("SETTLE", "44455666610", 1);
  claim("8765432112", PRI, "primary", 0, "2002-03-10", "93555:120000");
  cc_remit_result r;
  CHECK_INT(post_shared("stupidedi__dollars-and-data-sent-separate.edi", &r),
            CC_OK);
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.lines, 2);
  CHECK_INT(r.unapplied, 0);
  CHECK_INT(r.paid.cents, 94500);
  CHECK_INT(r.contractual.cents, 5000 + 5000 + 5500);
  CHECK_INT(r.patient_resp.cents, 30000 + 60000);
  CHECK_INT(bal("5554555444", "PRI01"), 0);
  CHECK_INT(bal("5554555444", NULL), 30000);
  CHECK_INT(bal("8765432112", "PRI01"), 0);
  CHECK_INT(bal("8765432112", NULL), 60000);
  CHECK_INT(q1("SELECT -sum(e.amount_cents) FROM ledger_entry e JOIN claim c "
               "ON c.id=e.claim_id WHERE c.control_number='5554555444' AND "
               "e.kind='payment'"), 45000);
  /* BPR04 ACH and BPR16 kept on the remittance. */
  CHECK_INT(q1("SELECT count(*) FROM remittance WHERE payment_method='ACH' "
               "AND payment_date='2002-03-16' AND trace='71700666555'"), 1);
  books_hold();
}

static void dental_claim(void) {
  patient("SALLY", "SJD11111", 1);
  claim("7722337", PRI, "primary", 0, "2014-03-24",
        "D0120:4600 D0220:2500 D0230:2200 D0274:6000 D1110:7300");
}

static void test_era_sample(void) {
  /* One dental claim of 226: each of five lines paid with CO 131 off:
   * 25+14+10+34+49 = 132 paid, 21+11+12+26+24 = 94 off. */
  open_db();
  dental_claim();
  cc_remit_result r;
  CHECK_INT(post_shared("stupidedi__era-sample.edi", &r), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.lines, 5);
  CHECK_INT(r.paid.cents, 13200);
  CHECK_INT(r.contractual.cents, 9400);
  CHECK_INT(bal("7722337", "PRI01"), 0);
  CHECK_INT(bal("7722337", NULL), 0);
  CHECK_INT(q1("SELECT count(claim_line_id) FROM remit_line"), 5);
  CHECK_INT(q1("SELECT allowed_cents FROM remit_line WHERE code='D0274'"),
            3400);
  books_hold();
}

static void test_multiple_claims_single_check(void) {
  /* Nine CLPs, all CLP01 7722337, nine different patients. Ours is DOE
   * SALLY (SJD11111, LX 2): 119 charged on D0120 and D1110, 74 paid, 45
   * off; her other three lines (25+22+60 = 107) stay with the payer. The
   * other eight are someone else's: 132+108+14+16.80+132+108+82+144 =
   * 736.80 held as unapplied; 74 + 736.80 = 810.80 = BPR02. */
  open_db();
  dental_claim();
  cc_remit_result r;
  CHECK_INT(post_shared("stupidedi__multiple-claims-single-check.edi", &r),
            CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.lines, 2);
  CHECK_INT(r.unapplied, 8);
  CHECK_INT(r.unapplied_paid.cents, 73680);
  CHECK_INT(r.paid.cents, 81080);
  CHECK_INT(bal("7722337", "PRI01"), 10700);
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment WHERE claim_ref="
               "'7722337' AND reason LIKE '%member SJD11111%'"), 8);
  CHECK_INT(q1("SELECT paid_cents FROM unapplied_payment WHERE member_id="
               "'SJD11122' AND patient_last='JONES' AND patient_first='SAM'"),
            1680);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number='7722337' "
               "AND status='paid'"), 1);
  books_hold();
}

static void test_secondary_payments(void) {
  /* Primaries first (hand-made): TOWNSEND's 10323.64 paid 8000, CO 45
   * 1411.64, PR 1 912 to the secondary; BAKI's 751.50: line 1 166.50 paid
   * 100, CO 45 36.50, PR 2 30; line 2 585 PR 1 585: 615 to the secondary. */
  open_db();
  patient("TOWNSEND", "XXX123456789", 2);
  int64_t e1 = encounter("E1", "2005-03-03");
  claim("P-TOWN", PRI, "primary", e1, "2005-03-03", "99223:1032364");
  claim("L0004828311", SEC, "secondary", e1, "2005-03-03", "99223:1032364");
  patient("BAKI", "456789123", 2);
  int64_t e2 = encounter("E2", "2005-01-06");
  claim("P-BAKI", PRI, "primary", e2, "2005-01-06", "12345-26:16650 "
        "66543-26:58500");
  claim("0001000053", SEC, "secondary", e2, "2005-01-06", "12345-26:16650 "
        "66543-26:58500");
  char *f = x835("BPR*I*8100*C*CHK************20050401\n"
                 "TRN*1*PRIM1*1999999999\n"
                 "LX*1\n"
                 "CLP*P-TOWN*1*10323.64*8000*912*12*PX1\n"
                 "NM1*QC*1*TOWNSEND*WILLIAM****MI*XXX123456789\n"
                 "SVC*HC:99223*10323.64*8000\n"
                 "DTM*472*20050303\n"
                 "CAS*CO*45*1411.64\n"
                 "CAS*PR*1*912\n"
                 "CLP*P-BAKI*1*751.50*100*615*12*PX2\n"
                 "NM1*QC*1*BAKI*ANGI****MI*456789123\n"
                 "SVC*HC:12345:26*166.50*100\n"
                 "DTM*472*20050106\n"
                 "CAS*CO*45*36.50\n"
                 "CAS*PR*2*30\n"
                 "SVC*HC:66543:26*585*0\n"
                 "DTM*472*20050106\n"
                 "CAS*PR*1*585\n");
  cc_remit_result r;
  CHECK_INT(post_mem(f, &r), CC_OK);
  free(f);
  CHECK_INT(bal("P-TOWN", "SEC02"), 91200);
  CHECK_INT(bal("P-BAKI", "SEC02"), 61500);
  /* The secondary: TOWNSEND 912 paid, OA 23 9411.64 is the primary's
   * doing (ignored): 0 left. BAKI line 1 pays 30 (OA 23 136.50 ignored);
   * line 2 pays 280, PR 1 150 + PR 2 70 = 220 to the patient, CO 42 85
   * off: 585 - 280 - 220 - 85 = 0. BPR02 1222 = 912 + 310. */
  CHECK_INT(post_shared("stupidedi__secondary-payments.edi", &r), CC_OK);
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.paid.cents, 122200);
  CHECK_INT(r.contractual.cents, 8500);
  CHECK_INT(bal("P-TOWN", "PRI01"), 0);
  CHECK_INT(bal("P-TOWN", "SEC02"), 0);
  CHECK_INT(bal("P-TOWN", NULL), 0);
  CHECK_INT(bal("P-BAKI", "PRI01"), 0);
  CHECK_INT(bal("P-BAKI", "SEC02"), 0);
  CHECK_INT(bal("P-BAKI", NULL), 22000);
  /* Posted on the encounter's primary claim, which holds the charges. */
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry e JOIN claim c ON "
               "c.id=e.claim_id WHERE c.responsibility='secondary'"), 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number IN "
               "('L0004828311','0001000053') AND status='paid'"), 2);
  /* The LinuxForHealth copy is the same payment (payer 1559123456, trace
   * 0012524965, 1222.00) in other bytes: nothing changes. */
  int64_t n = q1("SELECT count(*) FROM ledger_entry");
  CHECK_INT(post_shared("lfh__secondary-payment.835", &r), CC_OK);
  CHECK(r.already_posted);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);
  CHECK_INT(q1("SELECT count(*) FROM remittance"), 2);
  books_hold();
}

static void test_tertiary_payments(void) {
  /* 1766.50: primary pays 1400, CO 45 100, PR 1 266.50 to the secondary;
   * the secondary pays 79, OA 23 1500, PR 1 187.50 on to the tertiary;
   * the sample's tertiary pays 187.50 with OA 23 1579 (= 1400 + 100 + 79,
   * ignored). Everybody ends at 0. */
  open_db();
  patient("ISLAND", "789123456", 3);
  int64_t e = encounter("E3", "2005-01-20");
  claim("P-ISL", PRI, "primary", e, "2005-01-20", "24599:176650");
  claim("S-ISL", SEC, "secondary", e, "2005-01-20", "24599:176650");
  claim("0001000054", TER, "tertiary", e, "2005-01-20", "24599:176650");
  char *f = x835("BPR*I*1400*C*CHK************20050301\n"
                 "TRN*1*PRIM3*1999999999\n"
                 "LX*1\n"
                 "CLP*P-ISL*1*1766.50*1400*266.50*12*PX3\n"
                 "SVC*HC:24599*1766.50*1400\n"
                 "CAS*CO*45*100\n"
                 "CAS*PR*1*266.50\n");
  cc_remit_result r;
  CHECK_INT(post_mem(f, &r), CC_OK);
  free(f);
  f = x835("BPR*I*79*C*CHK************20050320\n"
           "TRN*1*SECO3*1888888888\n"
           "LX*1\n"
           "CLP*S-ISL*2*1766.50*79*187.50*12*SX3\n"
           "SVC*HC:24599*1766.50*79\n"
           "CAS*OA*23*1500\n"
           "CAS*PR*1*187.50\n");
  CHECK_INT(post_mem(f, &r), CC_OK);
  free(f);
  CHECK_INT(bal("P-ISL", "SEC02"), 0);
  CHECK_INT(bal("P-ISL", "TER03"), 18750);
  CHECK_INT(post_shared("stupidedi__tertiary-payments.edi", &r), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.paid.cents, 18750);
  CHECK_INT(bal("P-ISL", "PRI01"), 0);
  CHECK_INT(bal("P-ISL", "SEC02"), 0);
  CHECK_INT(bal("P-ISL", "TER03"), 0);
  CHECK_INT(bal("P-ISL", NULL), 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE control_number="
               "'0001000054' AND status='paid'"), 1);
  books_hold();
}

static void test_secondary_higher_fee_schedule(void) {
  /* 541: primary pays 500, CO 45 16, PR 1 25 to the secondary. The
   * secondary's fee schedule is higher: it pays 34 (more than the 25 it
   * was left), OA 23 516 (ignored) and OA 94 -9 (processed in excess of
   * charges, written back): 25 - 34 + 9 = 0. */
  open_db();
  patient("BURCK", "987654321", 2);
  int64_t e = encounter("E4", "2005-02-02");
  claim("P-BURCK", PRI, "primary", e, "2005-02-02", "55669:54100");
  claim("0001000055", SEC, "secondary", e, "2005-02-02", "55669:54100");
  char *f = x835("BPR*I*500*C*CHK************20050301\n"
                 "TRN*1*PRIM4*1999999999\n"
                 "LX*1\n"
                 "CLP*P-BURCK*1*541*500*25*12*PX4\n"
                 "SVC*HC:55669*541*500\n"
                 "CAS*CO*45*16\n"
                 "CAS*PR*1*25\n");
  cc_remit_result r;
  CHECK_INT(post_mem(f, &r), CC_OK);
  free(f);
  CHECK_INT(post_shared("stupidedi__secondary-payment-with-higher-fee-"
                        "schedule.edi", &r), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.paid.cents, 3400);
  CHECK_INT(r.contractual.cents, -900);
  CHECK_INT(bal("P-BURCK", "PRI01"), 0);
  CHECK_INT(bal("P-BURCK", "SEC02"), 0);
  CHECK_INT(bal("P-BURCK", NULL), 0);
  /* The LinuxForHealth COB sample is the same payment (payer 1566339911,
   * trace 0063158ABC, 34.00): already posted, nothing changes. */
  int64_t n = q1("SELECT count(*) FROM ledger_entry");
  CHECK_INT(post_shared("lfh__cob-contractural-adjustment.835", &r), CC_OK);
  CHECK(r.already_posted);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry"), n);
  books_hold();
}

static void test_emedny(void) {
  /* Three CLPs under one CLP01 for three members. Ours is LL99999L:
   * 34.25 over four lines (V2020-RB 6, V2700-RB 2.75, V2103-RB 5.50,
   * S0580 20), paid in full. LL88888L (0 paid, CO 29) and LL77777L (11.50)
   * are another person's: held. BPR02 45.75 = 34.25 + 0 + 11.50. */
  open_db();
  patient("EMEDNY", "LL99999L", 1);
  claim("PATIENT ACCOUNT NUMBER", PRI, "primary", 0, "2010-01-01",
        "V2020-RB:600 V2700-RB:275 V2103-RB:550 S0580:2000");
  cc_remit_result r;
  CHECK_INT(post_shared("edi835parser__emedny_sample.txt", &r), CC_OK);
  CHECK_INT(r.claims, 1);
  CHECK_INT(r.lines, 4);
  CHECK_INT(r.unapplied, 2);
  CHECK_INT(r.unapplied_paid.cents, 1150);
  CHECK_INT(r.paid.cents, 4575);
  CHECK_INT(bal("PATIENT ACCOUNT NUMBER", "PRI01"), 0);
  CHECK_INT(q1("SELECT count(claim_line_id) FROM remit_line"), 4);
  CHECK_INT(q1("SELECT count(*) FROM unapplied_payment WHERE "
               "payer_claim_number IN ('1000220000000020','1000230000000020') "
               "AND status_code='2'"), 2);
  /* A denial on someone else's claim is not ours to work. */
  CHECK_INT(q1("SELECT count(*) FROM claim_denial"), 0);
  books_hold();
}

static void test_split_same_patient(void) {
  /* The same patient's claim answered in two CLPs (two payer claim
   * numbers): both are posted to it. 100 + 50 charged; A1 pays the first
   * line 80 (CO 45 20), A2 the second 50. */
  open_db();
  patient("SPLIT", "M77", 1);
  claim("SPLIT1", PRI, "primary", 0, "2026-10-01", "99213:10000 81002:5000");
  char *f = x835("BPR*I*130*C*CHK************20261120\n"
                 "TRN*1*SPL1*1999999999\n"
                 "LX*1\n"
                 "CLP*SPLIT1*1*100*80**12*A1\n"
                 "NM1*QC*1*SAMPLE*PAT****MI*M77\n"
                 "SVC*HC:99213*100*80\n"
                 "CAS*CO*45*20\n"
                 "CLP*SPLIT1*1*50*50**12*A2\n"
                 "NM1*QC*1*SAMPLE*PAT****MI*M77\n"
                 "SVC*HC:81002*50*50\n");
  cc_remit_result r;
  CHECK_INT(post_mem(f, &r), CC_OK);
  free(f);
  CHECK_INT(r.claims, 2);
  CHECK_INT(r.unapplied, 0);
  CHECK_INT(bal("SPLIT1", "PRI01"), 0);
  CHECK_INT(q1("SELECT count(DISTINCT payer_claim_number) FROM remit_claim"),
            2);
  books_hold();
}

int main(void) {
  RUN(test_dollars_and_data_separate);
  RUN(test_era_sample);
  RUN(test_multiple_claims_single_check);
  RUN(test_secondary_payments);
  RUN(test_tertiary_payments);
  RUN(test_secondary_higher_fee_schedule);
  RUN(test_emedny);
  RUN(test_split_same_patient);
  close_db();
  TEST_MAIN_END();
}
