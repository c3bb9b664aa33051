/* test_payersim_post.c - the simulator's 835 is what posting needs: the
 * remittance for tests/fixtures/payersim/claims.837 posts through
 * cc_remit_post_835_mem onto the same claims in a practice database, with
 * totals worked out by hand, and the ledger invariants hold after it. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

static cc_store *S;
static char dbpath[256];

static void exec(const char *sql) { t_exec(S, sql); }

static int64_t q1(const char *sql) { return t_q1(S, sql); }

/* The fixture's accepted claims as the practice keeps them. */
static void setup(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_payersim_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  int64_t payer, alice, cara, id;
  cc_payer_rec p = {.payer_code = "SIMPPO1", .name = "Simulated PPO",
                    .filing_indicator = "CI", .claim_form = "837P"};
  cc_patient_rec a = {.account_no = "A1", .last_name = "Payne",
                      .first_name = "Alice", .birth_date = "1980-02-03",
                      .sex = "F"};
  cc_patient_rec c = {.account_no = "A3", .last_name = "Otto",
                      .first_name = "Cara", .birth_date = "1990-11-30",
                      .sex = "F"};
  if (cc_store_payer_put(S, &p, &payer, &created, &e) ||
      cc_store_patient_put(S, &a, &alice, &created, &e) ||
      cc_store_patient_put(S, &c, &cara, &created, &e))
    printf("# setup: %s\n", e.detail);
  cc_coverage_rec ca = {.patient_id = alice, .payer_id = payer,
                        .priority = "primary", .relationship = "self",
                        .member_id = "M100", .effective_date = "2026-01-01"};
  cc_coverage_rec cc = ca;
  cc.patient_id = cara;
  cc.member_id = "M300";
  if (cc_store_coverage_put(S, &ca, &id, &created, &e) ||
      cc_store_coverage_put(S, &cc, &id, &created, &e))
    printf("# coverage: %s\n", e.detail);
  struct {
    const char *pcn;
    int64_t pat;
    const char *date;
    const char *lines[3];
    int64_t cents[3];
  } cl[] = {
      {"PCN1001", alice, "2026-03-02", {"99214"}, {20000}},
      {"PCN1002", alice, "2026-03-03", {"70553"}, {100000}},
      {"PCN1003", cara, "2026-03-04", {"99214", "99215", "99213"},
       {20000, 50000, 15000}},
  };
  for (size_t i = 0; i < 3; i++) {
    char sql[1024];
    int64_t total = 0;
    for (int k = 0; k < 3 && cl[i].lines[k]; k++) total += cl[i].cents[k];
    snprintf(sql, sizeof sql,
             "INSERT INTO claim(control_number,patient_id,payer_id,"
             "responsibility,claim_form,total_charge_cents,status,"
             "first_service_date) VALUES('%s',%lld,%lld,'primary','837P',"
             "%lld,'submitted','%s')",
             cl[i].pcn, (long long)cl[i].pat, (long long)payer,
             (long long)total, cl[i].date);
    exec(sql);
    int64_t cid = q1("SELECT max(id) FROM claim");
    for (int k = 0; k < 3 && cl[i].lines[k]; k++) {
      snprintf(sql, sizeof sql,
               "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
               "from_date,to_date,charge_cents) VALUES(%lld,%d,'%s',1000,"
               "'%s','%s',%lld)",
               (long long)cid, k + 1, cl[i].lines[k], cl[i].date, cl[i].date,
               (long long)cl[i].cents[k]);
      exec(sql);
    }
    if (cc_ledger_charge_claim(S, cid, cl[i].date, &e) != CC_OK)
      printf("# charge: %s\n", e.detail);
  }
}

static void test_post_simulated_835(void) {
  cc_payersim *ps = cc_payersim_new(42);
  cc_err e;
  CHECK_INT(cc_payersim_add_profile_file(ps, "tests/fixtures/payersim/ppo.json",
                                         &e), CC_OK);
  size_t n;
  char *p = t_slurp("tests/fixtures/payersim/claims.837", &n);
  CHECK(p != NULL);
  if (!p) return;
  cc_payersim_files out = {0};
  CHECK_INT(cc_payersim_receive(ps, p, n, "claims.837", 0, &out, &e), CC_OK);
  size_t first835 = out.n;
  cc_day pay;
  CHECK_INT(cc_date_parse_iso(cc_slice_cstr("2026-03-24"), &pay), CC_OK);
  CHECK_INT(cc_payersim_release(ps, pay, &out, &e), CC_OK);
  CHECK_INT(out.n, first835 + 1);
  if (out.n == first835 + 1) {
    const cc_payersim_file *f = &out.v[first835];
    cc_remit_opts o = {.posting_date = "2026-03-24"};
    cc_remit_result r;
    cc_err_clear(&e);
    cc_code rc = cc_remit_post_835_mem(S, f->data.p, f->data.n, f->name, &o,
                                       &r, &e);
    T_REPORT(rc == CC_OK, "post: %s %s", e.msg ? e.msg : "", e.detail);
    CHECK_INT(r.claims, 3);
    CHECK_INT(r.lines, 5);
    /* By hand: 0 + 360 + (40 + 360 + 100). */
    CHECK_INT(r.paid.cents, 86000);
    /* CO-45: 50 + 200 + 50 + 100 + 50. */
    CHECK_INT(r.contractual.cents, 45000);
    /* PR: 150 + (350 + 90) + (100 + 10 + 40). */
    CHECK_INT(r.patient_resp.cents, 74000);
    cc_ledger_summary sum;
    CHECK_INT(cc_ledger_check(S, NULL, NULL, &sum, &e), CC_OK);
    CHECK_INT(sum.broken, 0);
    CHECK_INT(sum.claims, 3);
  }
  cc_payersim_files_free(&out);
  cc_payersim_free(ps);
  free(p);
}

int main(void) {
  setup();
  RUN(test_post_simulated_835);
  cc_store_close(S);
  unlink(dbpath);
  TEST_MAIN_END();
}
