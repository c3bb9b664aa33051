/* test_demo.c - a short seeded run of the demonstration clinic (20 days, a
 * small clinic, the shared code sets loaded): the books balance and every
 * kind of outcome the scenario plants is present. The expectations come
 * from the scenario's definition (data/demo and docs/DEMO.md), e.g. the PPO
 * bundles 36415 into the E/M visit that every diabetes follow-up bills, so
 * coding denials must appear; they are not numbers pasted from a run. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static cc_store *S;
static cc_demo_result R;
static cc_code RC;
static char dbpath[256], files[256];

static int64_t q1(const char *sql) { return t_q1(S, sql); }

static void ledger_problem(void *ctx, const cc_ledger_problem *p) {
  (void)ctx;
  printf("# ledger: %s %s: %s\n", p->claim_key, p->rule, p->detail);
}

static const char *shared_data(char *buf, size_t cap) {
  const char *sh = getenv("CC_SHARED");
  snprintf(buf, cap, "%s/data", sh && *sh ? sh : "../shared");
  return buf;
}

static void setup(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_demo_%d.db", (int)getpid());
  snprintf(files, sizeof files, "/tmp/cc_test_demo_%d.files", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  char codes[512];
  cc_demo_opts o;
  cc_demo_opts_init(&o);
  o.seed = 11;
  o.days = 20;
  o.patients = 150;
  o.visits_per_day = 10;
  o.history_days = 120;
  o.today = cc_date_days(2026, 6, 30);
  o.data_dir = "data/demo";
  o.codes_dir = shared_data(codes, sizeof codes);
  o.files_dir = files;
  RC = cc_demo_run(S, &o, &R, &e);
  if (RC) printf("# demo run: %s: %s\n", e.msg, e.detail);
}

static void test_run_completes(void) {
  CHECK_INT(RC, CC_OK);
  CHECK_INT(cc_date_days(2026, 6, 11), R.first_day); /* 20 days to 06-30 */
  CHECK_INT(R.patients, 150);
  CHECK_INT(R.payers, 5);
  CHECK_INT(R.providers, 6); /* data/demo/providers.csv: clinic + 5 */
}

/* Every NPI of the clinic carries a valid check digit (Luhn over 80840). */
static void test_npis_valid(void) {
  sqlite3_stmt *st;
  int n = 0, bad = 0;
  if (sqlite3_prepare_v2(S->db, "SELECT npi FROM provider", -1, &st, NULL) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      n++;
      if (!cc_npi_valid(cc_slice_cstr((const char *)sqlite3_column_text(st, 0)))) bad++;
    }
    sqlite3_finalize(st);
  }
  CHECK_INT(n, 6);
  CHECK_INT(bad, 0);
  CHECK_INT(q1("SELECT count(*) FROM provider WHERE kind='organization'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM facility"), 1);
}

/* Every payer but Medicaid-like reprocesses a seeded share of what it
 * paid (reversal_per_mille): some claims were reversed (CLP02 22) and paid
 * again for less, both posted, and the books still balance
 * (test_ledger_clean). */
static void test_reversals(void) {
  CHECK(R.payer_corrections > 0);
  CHECK(R.reversals >= R.payer_corrections);
  CHECK(R.recouped.cents > 0);
  CHECK(R.reversed_paid.cents > 0);
  /* posted: each reprocessed claim has a CLP02 22 and, after it, a
   * CLP02 1 under a new payer claim number */
  CHECK(q1("SELECT count(DISTINCT r.claim_id) FROM remit_claim r JOIN "
           "remit_claim k ON k.claim_id=r.claim_id AND k.id>r.id AND "
           "k.status_code='1' AND k.payer_claim_number<>r.payer_claim_number "
           "WHERE r.status_code='22'") >= R.payer_corrections);
  CHECK(q1("SELECT count(*) FROM ledger_entry WHERE kind='reversal'") > 0);
}

static void test_ledger_clean(void) {
  cc_ledger_summary sum = {0};
  cc_err e;
  CHECK_INT(cc_ledger_check(S, ledger_problem, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
  CHECK(sum.claims > 0);
  CHECK_INT(R.ledger_broken, 0);
}

static void test_clinic_shape(void) {
  CHECK(R.self_pay_encounters > 0);
  CHECK(R.history_encounters > 0);
  CHECK(R.authorizations > 0);
  CHECK(R.referrals > 0);
  CHECK(R.secondary_coverages > 0);
  CHECK_INT(q1("SELECT count(DISTINCT payer_id) FROM coverage"), 5);
  CHECK(q1("SELECT count(*) FROM coverage WHERE priority='secondary'") > 0);
  CHECK(q1("SELECT count(*) FROM authorization WHERE kind='prior_auth'") > 0);
  CHECK(q1("SELECT count(*) FROM authorization WHERE kind='referral'") > 0);
  /* every encounter's service date lies in the window or the history */
  CHECK_INT(q1("SELECT count(*) FROM encounter WHERE service_date > '2026-06-30'"
               " OR service_date < '2026-02-11'"), 0);
}

static void test_outcomes_present(void) {
  CHECK(R.built > 0);
  CHECK(R.held > 0);      /* planted header/sex dx, missing auth, duplicates */
  CHECK(R.submitted > 0);
  CHECK(R.accepted > 0);
  CHECK(R.rejected > 0);
  /* member IDs typed wrong at registration: 277CA A3:33 */
  CHECK(R.rejected_member > 0);
  /* PLACEHOLT EVE (1992000061) is not enrolled with the HMO and the HDHP
   * (data/demo/payers: their "providers" lists lack her): A7:562:82, and
   * each such rejection sits in the work queue. */
  CHECK(R.rejected_npi > 0);
  CHECK_INT(q1("SELECT count(DISTINCT r.claim_id) FROM claim_response r JOIN"
               " claim c ON c.id=r.claim_id JOIN payer y ON y.id=c.payer_id "
               "WHERE r.code='A7:562:82' AND r.detail LIKE '%1992000061 NOT ON "
               "FILE%' AND y.payer_code IN ('DEMOHMO','DEMOHDHP')"),
            R.rejected_npi);
  CHECK(q1("SELECT count(*) FROM work_item w JOIN claim_response r ON "
           "r.id=w.response_id WHERE r.code LIKE 'A7:562:%'") > 0);
  CHECK(R.rejected_member + R.rejected_npi <= R.rejected);
  CHECK(R.paid > 0);
  CHECK(R.denied > 0);
  CHECK(R.secondary_built > 0);
  CHECK(R.secondary_submitted > 0);
  CHECK(R.secondary_paid > 0);
  CHECK(R.patient_balance.cents > 0);
  CHECK(R.eligibility_checks > 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE status='held'"), R.held);
  CHECK(q1("SELECT count(*) FROM claim WHERE responsibility='secondary'"
           " AND status<>'ready'") > 0);
}

/* Self-pay visits are billed to the patient: one closed claim to SELFPAY
 * per self-pay encounter (a visit has at most 4 lines), its charges owed
 * by the patient on the books. */
static void test_self_pay(void) {
  CHECK_INT(R.self_pay_claims, R.self_pay_encounters);
  CHECK(R.self_pay_charged.cents > 0);
  CHECK_INT(q1("SELECT count(*) FROM claim c JOIN payer y ON y.id=c.payer_id"
               " WHERE y.payer_code='SELFPAY' AND c.status='closed' AND "
               "c.coverage_id IS NULL"), R.self_pay_claims);
  CHECK_INT(q1("SELECT coalesce(sum(e.amount_cents),0) FROM ledger_entry e "
               "JOIN claim c ON c.id=e.claim_id JOIN payer y ON "
               "y.id=c.payer_id WHERE y.payer_code='SELFPAY' AND "
               "e.kind='charge' AND e.payer_id IS NULL"),
            R.self_pay_charged.cents);
  /* no patient without coverage has a claim to a payer */
  CHECK_INT(q1("SELECT count(*) FROM claim c JOIN payer y ON y.id=c.payer_id"
               " WHERE y.payer_code<>'SELFPAY' AND NOT EXISTS (SELECT 1 FROM "
               "coverage v WHERE v.patient_id=c.patient_id)"), 0);
}

/* The scenario guarantees these categories: Medicaid needs authorization
 * for PT codes the clinic does not know about (authorization), the PPO
 * bundles 36415 (coding), physicians bill visits again under their own NPI
 * (duplicate), and each payer denies a seeded share for missing
 * information. */
static void test_denial_categories(void) {
  const char *want[] = {"authorization", "coding", "duplicate",
                        "missing_information"};
  for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
    bool found = false;
    for (size_t i = 0; cc_demo_category_name(i); i++)
      if (strcmp(cc_demo_category_name(i), want[w]) == 0)
        found = (R.denial_categories >> i) & 1;
    T_REPORT(found, "denial category %s present", want[w]);
  }
  int n = 0;
  for (size_t i = 0; cc_demo_category_name(i); i++) n += (R.denial_categories >> i) & 1;
  CHECK(n >= 4);
}

/* History reaches 120 days before the window, so open balances must sit in
 * the recent bucket and in the old ones. */
static void test_aging_buckets(void) {
  int n = 0;
  int64_t sum = 0;
  for (int b = 0; b < 5; b++) {
    n += R.ar[b].cents != 0;
    sum += R.ar[b].cents;
  }
  CHECK(n >= 3);
  CHECK(R.ar[0].cents > 0);
  CHECK(R.ar[4].cents > 0);
  CHECK_INT(sum, R.ar_total.cents);
}

/* The billing office works in the quarter (docs/DEMO.md): a statement
 * cycle every 30 days (the 20-day run has none), patient payments after
 * it, weekly denial work. The 20-day run has weeks 7 and 14: denials are
 * worked, and each category worked still has items left open only when
 * there were several; here we check what the office did, its ledger
 * trace, and that the practice and facility came through the store. */
static void test_office_work(void) {
  uint32_t worked = R.denials_corrected + R.denials_appealed +
                    R.denials_written_off + R.denials_to_patient;
  CHECK(worked > 0);
  CHECK_INT(q1("SELECT count(*) FROM work_item_event WHERE action IN "
               "('correct','appeal','writeoff','patient')"), worked);
  CHECK_INT(q1("SELECT count(*) FROM appeal"), R.denials_appealed);
  CHECK(q1("SELECT count(*) FROM work_item WHERE status='open'") > 0);
  CHECK_INT(q1("SELECT count(*) FROM claim WHERE frequency_code='7'"),
            R.denials_corrected);
  CHECK_INT(q1("SELECT count(*) FROM app_user WHERE username='demo.biller'"
               " AND role='biller'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM practice WHERE submitter_id="
               "'SVCLINIC01' AND npi='1992000012'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM facility f JOIN practice p ON "
               "p.id=f.practice_id WHERE f.code='MAIN'"), 1);
  CHECK_INT(R.statements, 0); /* first cycle on day 30 */
  CHECK_INT(q1("SELECT count(*) FROM statement"), 0);
}

/* Statements, patient payments and a plan in a 35-day run. */
static void test_statements(void) {
  char db[256], fl[256], codes[512];
  snprintf(db, sizeof db, "/tmp/cc_test_demo2_%d.db", (int)getpid());
  snprintf(fl, sizeof fl, "/tmp/cc_test_demo2_%d.files", (int)getpid());
  unlink(db);
  cc_store *s2;
  cc_err e;
  if (cc_store_open(db, true, &s2, &e) != CC_OK) {
    CHECK(0);
    return;
  }
  cc_demo_opts o;
  cc_demo_opts_init(&o);
  o.seed = 5;
  o.days = 40;
  o.patients = 80;
  o.visits_per_day = 8;
  o.history_days = 60;
  o.today = cc_date_days(2026, 6, 30);
  o.data_dir = "data/demo";
  o.codes_dir = shared_data(codes, sizeof codes);
  o.files_dir = fl;
  cc_demo_result r;
  cc_code rc = cc_demo_run(s2, &o, &r, &e);
  if (rc) printf("# demo run: %s: %s\n", e.msg, e.detail);
  CHECK_INT(rc, CC_OK);
  CHECK(r.statements > 0);
  CHECK(r.patient_payments > 0);
  /* self-pay patients get statements and pay some of them */
  CHECK(r.self_pay_statements > 0);
  CHECK(r.self_pay_payments > 0);
  CHECK(r.patient_paid.cents > 0);
  CHECK_INT(r.ledger_broken, 0);
  cc_store *keep = S;
  S = s2;
  CHECK_INT(q1("SELECT count(*) FROM statement"), r.statements);
  CHECK_INT(q1("SELECT count(*) FROM patient_receipt"), r.patient_payments);
  CHECK_INT(-q1("SELECT coalesce(sum(amount_cents),0) FROM ledger_entry "
                "WHERE kind='payment' AND receipt_id IS NOT NULL"),
            r.patient_paid.cents);
  CHECK_INT(q1("SELECT count(*) FROM payment_plan"), r.payment_plans);
  CHECK_INT(q1("SELECT count(*) FROM statement s WHERE NOT EXISTS (SELECT 1 "
               "FROM coverage v WHERE v.patient_id=s.patient_id)"),
            r.self_pay_statements);
  S = keep;
  cc_store_close(s2);
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s' '%s-wal' '%s-shm'", fl, db, db, db);
  if (system(cmd) != 0) printf("# could not remove %s\n", fl);
}

int main(void) {
  setup();
  RUN(test_run_completes);
  RUN(test_npis_valid);
  RUN(test_ledger_clean);
  RUN(test_reversals);
  RUN(test_self_pay);
  RUN(test_clinic_shape);
  RUN(test_outcomes_present);
  RUN(test_denial_categories);
  RUN(test_aging_buckets);
  RUN(test_office_work);
  RUN(test_statements);
  cc_store_close(S);
  unlink(dbpath);
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s-wal' '%s-shm'", files, dbpath, dbpath);
  if (system(cmd) != 0) printf("# could not remove %s\n", files);
  TEST_MAIN_END();
}
