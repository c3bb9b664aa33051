/* test_payersim_reversal.c - payer-initiated reprocessing: a claim the
 * payer paid is reversed (CLP02 22) and paid again after a fee schedule
 * correction (CLP02 1) on a later 835, amounts worked out by hand; both
 * 835s validate and post with the ledger invariants holding. Also the
 * front-end rejection of NPIs the payer has not enrolled. */
#include <stdlib.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"
#include "test.h"
#include "test_sql.h"

/* Every paid claim is reprocessed (1000 per mille); one provider enrolled. */
static const char PROFILE[] =
    "{\"payer_id\": \"SIMREV\", \"name\": \"SIMULATED REPROCESSING PPO\","
    " \"days_to_pay\": 14, \"reversal_per_mille\": 1000,"
    " \"providers\": [\"1234567893\"],"
    " \"fee_schedule\": [{\"code\": \"99213\", \"allowed_cents\": 10000}],"
    " \"plans\": [{\"id\": \"P\", \"deductible_cents\": 5000,"
    "   \"coinsurance_pct\": 20, \"oop_max_cents\": 300000},"
    "  {\"id\": \"BIGDED\", \"deductible_cents\": 100000,"
    "   \"coinsurance_pct\": 20, \"oop_max_cents\": 300000}],"
    " \"members\": [{\"id\": \"M1\", \"last\": \"PAYNE\", \"first\": \"ALICE\","
    "   \"plan\": \"P\", \"start\": \"2026-01-01\"},"
    "  {\"id\": \"M2\", \"last\": \"OTTO\", \"first\": \"CARA\","
    "   \"plan\": \"BIGDED\", \"start\": \"2026-01-01\"}]}";

static cc_arena *A;
static cc_store *S;
static char dbpath[256];

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d) != CC_OK) abort();
  return d;
}

static cc_claim *mk(const char *pcn, const char *member, int64_t cents) {
  cc_claim *c = cc_arena_alloc(A, sizeof *c);
  cc_claims_init(c, 'P');
  snprintf(c->pcn, sizeof c->pcn, "%s", pcn);
  snprintf(c->payer.id, sizeof c->payer.id, "SIMREV");
  snprintf(c->subscriber.name.id, sizeof c->subscriber.name.id, "%s", member);
  snprintf(c->subscriber.name.last, sizeof c->subscriber.name.last, "TEST");
  snprintf(c->billing.id, sizeof c->billing.id, "1234567893");
  snprintf(c->facility_code, sizeof c->facility_code, "11");
  c->frequency = '1';
  c->responsibility = 'P';
  c->lines = cc_arena_alloc(A, sizeof *c->lines);
  memset(c->lines, 0, sizeof *c->lines);
  c->n_lines = 1;
  cc_claim_line *l = &c->lines[0];
  l->lx = 1;
  snprintf(l->proc_qual, sizeof l->proc_qual, "HC");
  snprintf(l->proc, sizeof l->proc, "99213");
  l->charge = CC_MONEY(cents);
  l->units_milli = 1000;
  l->from = l->to = day("2026-03-02");
  c->total = CC_MONEY(cents);
  return c;
}

static int64_t cas(const cc_payersim_adj *a, const char *g, const char *r) {
  const cc_payersim_line *l = &a->lines[0];
  for (uint16_t i = 0; i < l->n_cas; i++)
    if (!strcmp(l->cas[i].group, g) && !strcmp(l->cas[i].reason, r))
      return l->cas[i].amount.cents;
  return 0;
}

static void count(void *ctx, const cc_x12_finding *f) {
  if (f->sev == CC_SEV_ERROR) (*(int *)ctx)++;
}

static int errors_in(const cc_payersim_file *f) {
  int n = 0;
  cc_x12_summary sum;
  cc_err e;
  if (cc_x12_validate_mem(f->data.p, f->data.n, f->name, count, &n, &sum,
                          &e) != CC_OK)
    return -1;
  return n;
}

static int64_t q1(const char *sql) { return t_q1(S, sql); }

/* The practice's side: claim R1 of Alice (M1), $150.00 of 99213, charged. */
static void practice(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_psrev_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  if (cc_store_open(dbpath, true, &S, &e) != CC_OK) {
    printf("not ok - open: %s\n", e.detail);
    exit(1);
  }
  bool created;
  int64_t payer, pat, id;
  cc_payer_rec p = {.payer_code = "SIMREV", .name = "Simulated PPO",
                    .filing_indicator = "CI", .claim_form = "837P"};
  cc_patient_rec a = {.account_no = "A1", .last_name = "Payne",
                      .first_name = "Alice", .birth_date = "1980-02-03",
                      .sex = "F"};
  if (cc_store_payer_put(S, &p, &payer, &created, &e) ||
      cc_store_patient_put(S, &a, &pat, &created, &e))
    printf("# setup: %s\n", e.detail);
  cc_coverage_rec cv = {.patient_id = pat, .payer_id = payer,
                        .priority = "primary", .relationship = "self",
                        .member_id = "M1", .effective_date = "2026-01-01"};
  if (cc_store_coverage_put(S, &cv, &id, &created, &e))
    printf("# coverage: %s\n", e.detail);
  char sql[512];
  snprintf(sql, sizeof sql,
           "INSERT INTO claim(control_number,patient_id,payer_id,"
           "responsibility,claim_form,total_charge_cents,status,"
           "first_service_date) VALUES('R1',%lld,%lld,'primary','837P',15000,"
           "'submitted','2026-03-02')", (long long)pat, (long long)payer);
  sqlite3_exec(S->db, sql, NULL, NULL, NULL);
  int64_t cid = q1("SELECT max(id) FROM claim");
  snprintf(sql, sizeof sql,
           "INSERT INTO claim_line(claim_id,line_no,code,units_milli,"
           "from_date,to_date,charge_cents) VALUES(%lld,1,'99213',1000,"
           "'2026-03-02','2026-03-02',15000)", (long long)cid);
  sqlite3_exec(S->db, sql, NULL, NULL, NULL);
  if (cc_ledger_charge_claim(S, cid, "2026-03-02", &e) != CC_OK)
    printf("# charge: %s\n", e.detail);
}

static void post(const cc_payersim_file *f, const char *date) {
  cc_remit_opts o = {.posting_date = date};
  cc_remit_result r;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_remit_post_835_mem(S, f->data.p, f->data.n, f->name, &o, &r,
                                     &e);
  T_REPORT(rc == CC_OK, "post %s: %s %s", f->name, e.msg ? e.msg : "",
           e.detail);
}

/* By hand, member M1 (deductible $50, 20 %), 99213 charged $150.00, fee
 * schedule $100.00:
 *   original   allowed 100.00, CO-45 50.00, PR-1 50.00, PR-2 20 % of 50.00
 *              = 10.00, paid 40.00, patient 60.00;
 *   reversal   every amount negated: -150.00, paid -40.00, patient -60.00,
 *              and the $50 deductible given back;
 *   correction allowed 90 % of 100.00 = 90.00, CO-45 60.00, PR-1 50.00,
 *              PR-2 20 % of 40.00 = 8.00, paid 32.00, patient 58.00.
 * The second 835 pays -40.00 + 32.00 = -8.00: BPR02 0 with PLB FB -8.00.
 * M2's claim goes wholly to its $1,000 deductible: paid 0, never
 * reprocessed. */
static void test_reversal_and_correction(void) {
  cc_payersim *ps = cc_payersim_new(7);
  cc_err e;
  CHECK_INT(cc_payersim_add_profile(ps, PROFILE, sizeof PROFILE - 1,
                                    "reprocessing.json", &e), CC_OK);
  const cc_payersim_adj *a = NULL, *r = NULL;
  CHECK_INT(cc_payersim_adjudicate(ps, mk("R1", "M1", 15000), day("2026-03-02"),
                                   &a, &r, &e), CC_OK);
  CHECK_INT(cc_payersim_adjudicate(ps, mk("R2", "M2", 15000), day("2026-03-02"),
                                   &a, &r, &e), CC_OK);
  CHECK_INT(a->paid.cents, 0);
  cc_payersim_files f1 = {0}, f2 = {0}, f3 = {0};
  CHECK_INT(cc_payersim_release(ps, day("2026-03-16"), &f1, &e), CC_OK);
  CHECK_INT(f1.n, 1);
  CHECK_INT(cc_payersim_count(ps), 2);
  const cc_payersim_adj *o = cc_payersim_get(ps, 0);
  CHECK_INT(o->paid.cents, 4000);
  CHECK_INT(o->patient_resp.cents, 6000);
  /* Reprocessing comes 5 to 14 days after the payment: by 03-30. */
  CHECK_INT(cc_payersim_release(ps, day("2026-03-31"), &f2, &e), CC_OK);
  CHECK_INT(f2.n, 1);
  CHECK_INT(cc_payersim_count(ps), 4);
  const cc_payersim_adj *rev = cc_payersim_get(ps, 2);
  const cc_payersim_adj *cor = cc_payersim_get(ps, 3);
  if (!rev || !cor) return;
  CHECK(o->reversed);
  CHECK_STR(rev->status, "22");
  CHECK_STR(rev->pcn, "R1");
  CHECK_STR(rev->payer_claim_no, o->payer_claim_no);
  CHECK_INT(rev->charge.cents, -15000);
  CHECK_INT(rev->paid.cents, -4000);
  CHECK_INT(rev->patient_resp.cents, -6000);
  CHECK_INT(cas(rev, "CO", "45"), -5000);
  CHECK_INT(cas(rev, "PR", "1"), -5000);
  CHECK_INT(cas(rev, "PR", "2"), -1000);
  CHECK_STR(cor->status, "1");
  CHECK(cor->reprocessed);
  CHECK(strcmp(cor->payer_claim_no, o->payer_claim_no) != 0);
  CHECK_INT(cor->charge.cents, 15000);
  CHECK_INT(cor->allowed.cents, 9000);
  CHECK_INT(cas(cor, "CO", "45"), 6000);
  CHECK_INT(cas(cor, "PR", "1"), 5000);
  CHECK_INT(cas(cor, "PR", "2"), 800);
  CHECK_INT(cor->paid.cents, 3200);
  CHECK_INT(cor->patient_resp.cents, 5800);
  CHECK(cor->lines[0].n_remarks == 1 &&
        !strcmp(cor->lines[0].remarks[0], "MA67"));
  cc_money ded, oop;
  CHECK_INT(cc_payersim_accum(ps, "SIMREV", "M1", day("2026-03-02"), &ded,
                              &oop, &e), CC_OK);
  CHECK_INT(ded.cents, 5000);
  CHECK_INT(oop.cents, 5800);
  /* Nothing is reprocessed twice. */
  CHECK_INT(cc_payersim_release(ps, day("2026-06-30"), &f3, &e), CC_OK);
  CHECK_INT(f3.n, 0);
  CHECK_INT(cc_payersim_count(ps), 4);
  if (f2.n == 1) {
    CHECK_INT(errors_in(&f2.v[0]), 0);
    const char *p = f2.v[0].data.p;
    CHECK(strstr(p, "BPR*H*0*C*NON") != NULL);
    CHECK(strstr(p, "*-8~") != NULL); /* PLB FB */
    CHECK(strstr(p, "CLP*R1*22*-150*-40*-60") != NULL);
    CHECK(strstr(p, "CLP*R1*1*150*32*58") != NULL);
  }
  if (f1.n == 1) CHECK_INT(errors_in(&f1.v[0]), 0);
  /* Posted in order on the practice's claim: the books balance and the
   * patient owes the corrected $58.00, the payer nothing. */
  practice();
  if (f1.n == 1 && f2.n == 1) {
    post(&f1.v[0], "2026-03-16");
    post(&f2.v[0], "2026-03-31");
    cc_ledger_summary sum;
    CHECK_INT(cc_ledger_check(S, NULL, NULL, &sum, &e), CC_OK);
    CHECK_INT(sum.broken, 0);
    cc_ledger_balance b[4];
    size_t nb = 0;
    CHECK_INT(cc_ledger_claim_balances(S, "R1", b, 4, &nb, &e), CC_OK);
    CHECK_INT(nb, 1);
    if (nb == 1) {
      CHECK_INT(b[0].payer_id, 0);
      CHECK_INT(b[0].balance.cents, 5800);
    }
    CHECK_INT(-q1("SELECT sum(amount_cents) FROM ledger_entry WHERE "
                  "kind IN ('payment') OR (kind='reversal' AND reverses_id IN "
                  "(SELECT id FROM ledger_entry WHERE kind='payment'))"),
              3200);
  }
  cc_payersim_files_free(&f1);
  cc_payersim_files_free(&f2);
  cc_payersim_files_free(&f3);
  cc_payersim_free(ps);
}

/* The profile enrolls only 1234567893: another valid NPI is "not on file"
 * at the 277CA (A7:562 with the entity: 85 billing, 82 rendering). */
static void test_not_enrolled(void) {
  cc_payersim *ps = cc_payersim_new(7);
  cc_err e;
  CHECK_INT(cc_payersim_add_profile(ps, PROFILE, sizeof PROFILE - 1,
                                    "reprocessing.json", &e), CC_OK);
  cc_payersim_ack ack;
  cc_claim *c = mk("N1", "M1", 15000);
  cc_payersim_screen(ps, c, &ack);
  CHECK(ack.accepted);
  snprintf(c->billing.id, sizeof c->billing.id, "1992000012");
  cc_payersim_screen(ps, c, &ack);
  CHECK(!ack.accepted);
  CHECK_STR(ack.stc, "A7:562:85");
  CHECK(strstr(ack.reason, "1992000012") && strstr(ack.reason, "NOT ON FILE"));
  snprintf(c->billing.id, sizeof c->billing.id, "1234567893");
  snprintf(c->rendering.id, sizeof c->rendering.id, "1992000020");
  cc_payersim_screen(ps, c, &ack);
  CHECK_STR(ack.stc, "A7:562:82");
  c->rendering.id[0] = '\0';
  snprintf(c->lines[0].rendering.id, sizeof c->lines[0].rendering.id,
           "1992000038");
  cc_payersim_screen(ps, c, &ack);
  CHECK_STR(ack.stc, "A7:562:82");
  CHECK(strstr(ack.reason, "1992000038") != NULL);
  /* A check-digit failure stays the invalid-NPI rejection. */
  snprintf(c->billing.id, sizeof c->billing.id, "1234567890");
  cc_payersim_screen(ps, c, &ack);
  CHECK_STR(ack.stc, "A7:562:85");
  CHECK(strstr(ack.reason, "NOT A VALID NPI") != NULL);
  /* An NPI that is not an NPI cannot be listed as enrolled. */
  static const char bad[] = "{\"payer_id\": \"X\", \"name\": \"X\","
                            " \"providers\": [\"1234567890\"]}";
  CHECK_INT(cc_payersim_add_profile(ps, bad, sizeof bad - 1, "bad.json", &e),
            CC_E_INVALID);
  cc_payersim_free(ps);
}

int main(void) {
  A = cc_arena_new(0);
  RUN(test_reversal_and_correction);
  RUN(test_not_enrolled);
  if (S) cc_store_close(S);
  unlink(dbpath);
  cc_arena_free(A);
  TEST_MAIN_END();
}
