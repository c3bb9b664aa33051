/* test_selfpay.c - a visit with no coverage in force is self-pay: `claims
 * build` makes no claim to a payer of it but puts its charges on the
 * patient's side of the books (a closed, patient-only claim to SELFPAY),
 * so the patient's balance and the next statement carry it. Amounts are
 * the visit's own: one 99213 at $150.00. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static cc_store *S;
static char dbpath[256];
static int64_t prov, pat, payer;

static int64_t q1(const char *sql) { return t_q1(S, sql); }

static void setup(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_selfpay_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  cc_provider_rec pr = {.npi = "1234567893", .kind = "individual",
                        .last_name = "DEMOSON", .first_name = "ADA"};
  cc_patient_rec p = {.account_no = "SP1", .last_name = "NOTAREALE",
                      .first_name = "SAM", .birth_date = "1985-05-05",
                      .sex = "M", .address1 = "1 TEST LANE",
                      .city = "SPRINGFIELD", .state = "IL", .zip = "62701"};
  cc_patient_rec q = {.account_no = "IN1", .last_name = "FAKEWORTH",
                      .first_name = "IDA", .birth_date = "1970-01-01",
                      .sex = "F"};
  cc_payer_rec y = {.payer_code = "PPO1", .name = "TEST PPO",
                    .filing_indicator = "CI", .claim_form = "837P"};
  int64_t insured, cov;
  if (cc_store_provider_put(S, &pr, &prov, &created, &e) ||
      cc_store_patient_put(S, &p, &pat, &created, &e) ||
      cc_store_patient_put(S, &q, &insured, &created, &e) ||
      cc_store_payer_put(S, &y, &payer, &created, &e))
    printf("# setup: %s\n", e.detail);
  /* The insured patient's coverage ends 2026-03-01. */
  cc_coverage_rec c = {.patient_id = insured, .payer_id = payer,
                       .priority = "primary", .relationship = "self",
                       .member_id = "M1", .effective_date = "2026-01-01",
                       .termination_date = "2026-03-01"};
  if (cc_store_coverage_put(S, &c, &cov, &created, &e))
    printf("# coverage: %s\n", e.detail);
}

static void visit(const char *ext, int64_t patient, const char *date,
                  int64_t cents) {
  cc_charge_rec l = {.line_no = 1, .code = "99213", .units_milli = 1000,
                     .unit_basis = "UN", .place_of_service = "11",
                     .from_date = date, .to_date = date,
                     .rendering_provider_id = prov, .charge_cents = cents,
                     .dx_ptr = {1}};
  cc_encounter_rec en = {.external_id = ext, .service_date = date,
                         .place_of_service = "11", .patient_id = patient,
                         .billing_provider_id = prov,
                         .rendering_provider_id = prov,
                         .diagnoses = {"E119"}, .lines = &l, .n_lines = 1};
  int64_t id;
  bool created;
  cc_err e;
  CHECK_INT(cc_store_encounter_put(S, &en, &id, &created, &e), CC_OK);
}

/* $150.00 self-pay visit on 2026-03-02; the insured patient's visit on
 * 2026-02-27 goes to the PPO, and one on 2026-03-02 (after the coverage
 * ended) is self-pay too. */
static void test_build(void) {
  visit("SP-V1", pat, "2026-03-02", 15000);
  visit("IN-V1", q1("SELECT id FROM patient WHERE account_no='IN1'"),
        "2026-02-27", 12500);
  visit("IN-V2", q1("SELECT id FROM patient WHERE account_no='IN1'"),
        "2026-03-02", 9000);
  setenv("CC_TODAY", "2026-03-03", 1);
  uint32_t built = 9;
  cc_err e;
  CHECK_INT(cc_claims_build(S, &built, &e), CC_OK);
  CHECK_INT(built, 1); /* only the PPO claim: the others go to no payer */
  CHECK_INT(q1("SELECT count(*) FROM claim c JOIN payer y ON y.id=c.payer_id"
               " WHERE y.payer_code='PPO1' AND c.status='built'"), 1);
  CHECK_INT(q1("SELECT count(*) FROM claim c JOIN payer y ON y.id=c.payer_id"
               " WHERE y.payer_code='SELFPAY' AND c.status='closed' AND "
               "c.coverage_id IS NULL"), 2);
  /* Every charge line is now on a claim: a second build makes nothing. */
  CHECK_INT(q1("SELECT count(*) FROM charge_line cl WHERE NOT EXISTS (SELECT"
               " 1 FROM claim_line x WHERE x.charge_line_id=cl.id)"), 0);
  CHECK_INT(cc_claims_build(S, &built, &e), CC_OK);
  CHECK_INT(built, 0);
  CHECK_INT(q1("SELECT count(*) FROM ledger_entry WHERE payer_id IS NULL AND"
               " kind='charge'"), 2);
  /* The self-pay charge, owed by the patient from the day it was billed. */
  CHECK_INT(q1("SELECT amount_cents FROM ledger_entry e JOIN patient p ON "
               "p.id=e.patient_id WHERE p.account_no='SP1' AND e.kind='charge'"
               " AND e.payer_id IS NULL AND e.posted_date='2026-03-03' AND "
               "e.service_date='2026-03-02'"), 15000);
  cc_ledger_summary sum;
  CHECK_INT(cc_ledger_check(S, NULL, NULL, &sum, &e), CC_OK);
  CHECK_INT(sum.broken, 0);
}

static void test_balance_and_statement(void) {
  cc_err e;
  cc_money bal = CC_MONEY(-1);
  CHECK_INT(cc_billing_balance(S, "SP1", &bal, &e), CC_OK);
  CHECK_INT(bal.cents, 15000);
  cc_ledger_balance b[4];
  size_t n = 0;
  CHECK_INT(cc_ledger_patient_balances(S, "SP1", b, 4, &n, &e), CC_OK);
  CHECK_INT(n, 1);
  if (n == 1) {
    CHECK_INT(b[0].payer_id, 0); /* the patient */
    CHECK_INT(b[0].balance.cents, 15000);
  }
  cc_buf out;
  cc_buf_init(&out, 1u << 20);
  cc_billing_statement_opts o = {.date = "2026-03-10",
                                 .template_dir = "data/templates"};
  cc_billing_statement st;
  memset(&st, 0, sizeof st);
  cc_code rc = cc_billing_statement_text(S, "SP1", &o, &out, &st, &e);
  T_REPORT(rc == CC_OK, "statement: %s %s", e.msg ? e.msg : "", e.detail);
  CHECK_INT(st.balance.cents, 15000);
  CHECK_INT(st.claims, 1);
  CHECK_INT(st.aging[0].cents, 15000); /* 8 days old: 0-30 */
  CHECK(out.p && strstr(out.p, "99213") && strstr(out.p, "150.00"));
  cc_buf_free(&out);
}

int main(void) {
  setup();
  RUN(test_build);
  RUN(test_balance_and_statement);
  cc_store_close(S);
  unlink(dbpath);
  TEST_MAIN_END();
}
