/* test_payersim.c - the simulated payer's adjudication, worked out by hand
 * from tests/fixtures/payersim/ppo.json (fee schedule and plans), and its
 * files: every answer validates, the same seed gives the same bytes. */
#include <stdlib.h>

#include "cleanclaim/payersim.h"
#include "test.h"

#define PROFILE "tests/fixtures/payersim/ppo.json"
#define CLAIMS "tests/fixtures/payersim/claims.837"

static cc_arena *A;

static cc_payersim *sim(void) {
  cc_payersim *ps = cc_payersim_new(42);
  cc_err e;
  if (cc_payersim_add_profile_file(ps, PROFILE, &e) != CC_OK) {
    printf("not ok - cannot load %s: ", PROFILE);
    cc_err_print(&e, stdout);
    exit(1);
  }
  return ps;
}

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d) != CC_OK) abort();
  return d;
}

/* A claim of member `member` to SIMPPO1 from a valid billing NPI, with
 * room for n lines. */
static cc_claim *mk(const char *pcn, const char *member, uint32_t n) {
  cc_claim *c = cc_arena_alloc(A, sizeof *c);
  cc_claims_init(c, 'P');
  snprintf(c->pcn, sizeof c->pcn, "%s", pcn);
  snprintf(c->payer.id, sizeof c->payer.id, "SIMPPO1");
  snprintf(c->subscriber.name.id, sizeof c->subscriber.name.id, "%s", member);
  snprintf(c->subscriber.name.last, sizeof c->subscriber.name.last, "TEST");
  snprintf(c->billing.id, sizeof c->billing.id, "1234567893");
  snprintf(c->facility_code, sizeof c->facility_code, "11");
  c->frequency = '1';
  c->responsibility = 'P';
  c->lines = cc_arena_alloc(A, n * sizeof *c->lines);
  memset(c->lines, 0, n * sizeof *c->lines);
  c->n_lines = n;
  return c;
}

static void line(cc_claim *c, uint32_t i, const char *proc, int64_t cents,
                 const char *date) {
  cc_claim_line *l = &c->lines[i];
  l->lx = i + 1;
  snprintf(l->proc_qual, sizeof l->proc_qual, "HC");
  snprintf(l->proc, sizeof l->proc, "%s", proc);
  l->charge = CC_MONEY(cents);
  l->units_milli = 1000;
  l->from = l->to = day(date);
  c->total.cents += cents;
}

static const cc_payersim_adj *adj(cc_payersim *ps, const cc_claim *c,
                                  const char *received) {
  const cc_payersim_adj *a = NULL, *r = NULL;
  cc_err e;
  cc_code rc = cc_payersim_adjudicate(ps, c, day(received), &a, &r, &e);
  CHECK_INT(rc, CC_OK);
  return a;
}

/* Amount of group/reason on line k; 0 when absent. */
static int64_t cas(const cc_payersim_adj *a, uint32_t k, const char *g,
                   const char *r) {
  const cc_payersim_line *l = &a->lines[k];
  for (uint16_t i = 0; i < l->n_cas; i++)
    if (!strcmp(l->cas[i].group, g) && !strcmp(l->cas[i].reason, r))
      return l->cas[i].amount.cents;
  return 0;
}

/* charge - paid = sum of the line's adjustments, for every line. */
static void balanced(const cc_payersim_adj *a) {
  int64_t claim = a->charge.cents - a->paid.cents, adjs = 0;
  for (uint32_t k = 0; k < a->n_lines; k++) {
    const cc_payersim_line *l = &a->lines[k];
    int64_t s = 0;
    for (uint16_t i = 0; i < l->n_cas; i++) s += l->cas[i].amount.cents;
    CHECK_INT(l->charge.cents - l->paid.cents, s);
    adjs += s;
  }
  CHECK_INT(claim, adjs);
}

/* PPO500: deductible $500, 20%. 99214 fee $150 on a $200 charge: CO-45
 * $50, all $150 to the deductible. Then 70553 ($1000, fee $800): $350
 * finishes the deductible, 20% of the other $450 is $90, payer $360.
 * Then 99213 ($150, fee $100): deductible met, 20% = $20, payer $80. */
static void test_deductible_then_coinsurance(void) {
  cc_payersim *ps = sim();
  cc_claim *c1 = mk("D1", "M100", 1);
  line(c1, 0, "99214", 20000, "2026-03-02");
  const cc_payersim_adj *a = adj(ps, c1, "2026-03-10");
  CHECK_STR(a->status, "1");
  CHECK_INT(a->lines[0].allowed.cents, 15000);
  CHECK_INT(cas(a, 0, "CO", "45"), 5000);
  CHECK_INT(cas(a, 0, "PR", "1"), 15000);
  CHECK_INT(a->paid.cents, 0);
  balanced(a);

  cc_claim *c2 = mk("D2", "M100", 1);
  line(c2, 0, "70553", 100000, "2026-03-03");
  snprintf(c2->prior_auth, sizeof c2->prior_auth, "AUTH77");
  a = adj(ps, c2, "2026-03-10");
  CHECK_INT(cas(a, 0, "CO", "45"), 20000);
  CHECK_INT(cas(a, 0, "PR", "1"), 35000);
  CHECK_INT(cas(a, 0, "PR", "2"), 9000);
  CHECK_INT(a->paid.cents, 36000);
  CHECK_INT(a->patient_resp.cents, 44000);
  balanced(a);

  cc_claim *c3 = mk("D3", "M100", 1);
  line(c3, 0, "99213", 15000, "2026-03-04");
  a = adj(ps, c3, "2026-03-10");
  CHECK_INT(cas(a, 0, "PR", "1"), 0);
  CHECK_INT(cas(a, 0, "PR", "2"), 2000);
  CHECK_INT(a->paid.cents, 8000);
  balanced(a);

  cc_money ded, oop;
  cc_err e;
  CHECK_INT(cc_payersim_accum(ps, "SIMPPO1", "M100", day("2026-06-01"), &ded,
                              &oop, &e), CC_OK);
  CHECK_INT(ded.cents, 50000);
  CHECK_INT(oop.cents, 15000 + 35000 + 9000 + 2000);
  /* A new plan year starts from zero. */
  CHECK_INT(cc_payersim_accum(ps, "SIMPPO1", "M100", day("2027-01-02"), &ded,
                              &oop, &e), CC_OK);
  CHECK_INT(ded.cents, 0);
  cc_payersim_free(ps);
}

/* SMALLOOP: deductible $100, 20%, out-of-pocket maximum $150. One claim:
 * 99214 $200 (fee $150): deductible $100, 20% of $50 = $10, payer $40;
 * 99215 $500, not in the fee schedule, 80% = $400 allowed: 20% would be
 * $80 but only $40 of the maximum is left, payer $360; 99213 $150 (fee
 * $100): maximum reached, payer $100. */
static void test_oop_max_mid_claim(void) {
  cc_payersim *ps = sim();
  cc_claim *c = mk("O1", "M300", 3);
  line(c, 0, "99214", 20000, "2026-03-04");
  line(c, 1, "99215", 50000, "2026-03-04");
  line(c, 2, "99213", 15000, "2026-03-04");
  const cc_payersim_adj *a = adj(ps, c, "2026-03-10");
  CHECK_INT(a->lines[0].paid.cents, 4000);
  CHECK_INT(cas(a, 0, "PR", "1"), 10000);
  CHECK_INT(cas(a, 0, "PR", "2"), 1000);
  CHECK_INT(a->lines[1].allowed.cents, 40000);
  CHECK_INT(cas(a, 1, "CO", "45"), 10000);
  CHECK_INT(cas(a, 1, "PR", "2"), 4000);
  CHECK_INT(a->lines[1].paid.cents, 36000);
  CHECK_INT(cas(a, 2, "PR", "2"), 0);
  CHECK_INT(a->lines[2].paid.cents, 10000);
  CHECK_INT(a->charge.cents, 85000);
  CHECK_INT(a->paid.cents, 50000);
  CHECK_INT(a->patient_resp.cents, 15000);
  balanced(a);
  cc_payersim_free(ps);
}

/* COPAY: $25 copay on 992*, deductible $200, 10%. First claim, two lines:
 * 99213 (allowed $100): copay $25, deductible $75; 99214 (allowed $150):
 * copay $25, deductible $125 (the rest of it). Second claim 99213: copay
 * $25, 10% of $75 = $7.50, payer $67.50. */
static void test_copay(void) {
  cc_payersim *ps = sim();
  cc_claim *c = mk("P1", "M200", 2);
  line(c, 0, "99213", 15000, "2026-04-01");
  line(c, 1, "99214", 20000, "2026-04-01");
  const cc_payersim_adj *a = adj(ps, c, "2026-04-02");
  CHECK_INT(cas(a, 0, "PR", "3"), 2500);
  CHECK_INT(cas(a, 0, "PR", "1"), 7500);
  CHECK_INT(cas(a, 1, "PR", "3"), 2500);
  CHECK_INT(cas(a, 1, "PR", "1"), 12500);
  CHECK_INT(a->paid.cents, 0);
  balanced(a);
  cc_claim *c2 = mk("P2", "M200", 1);
  line(c2, 0, "99213", 15000, "2026-04-08");
  a = adj(ps, c2, "2026-04-09");
  CHECK_INT(cas(a, 0, "PR", "3"), 2500);
  CHECK_INT(cas(a, 0, "PR", "1"), 0);
  CHECK_INT(cas(a, 0, "PR", "2"), 750);
  CHECK_INT(a->paid.cents, 6750);
  balanced(a);
  cc_payersim_free(ps);
}

/* 36415 pays $10 by the schedule but was billed $5: allowed is the charge,
 * no CO-45. NODED has no deductible and no coinsurance: payer $5. */
static void test_allowed_above_charge(void) {
  cc_payersim *ps = sim();
  cc_claim *c = mk("L1", "M600", 1);
  line(c, 0, "36415", 500, "2026-05-01");
  const cc_payersim_adj *a = adj(ps, c, "2026-05-02");
  CHECK_INT(a->lines[0].allowed.cents, 500);
  CHECK_INT(a->lines[0].n_cas, 0);
  CHECK_INT(a->paid.cents, 500);
  cc_payersim_free(ps);
}

static const char *denial(cc_payersim *ps, cc_claim *c, const char *received,
                          uint32_t k, const char **rarc) {
  const cc_payersim_adj *a = adj(ps, c, received);
  if (!a) return "";
  balanced(a);
  *rarc = a->lines[k].n_remarks ? a->lines[k].remarks[0] : "";
  CHECK_INT(a->lines[k].paid.cents, 0);
  CHECK_INT(a->lines[k].n_cas, 1);
  CHECK_STR(a->lines[k].cas[0].group, "CO");
  CHECK_INT(a->lines[k].cas[0].amount.cents, a->lines[k].charge.cents);
  return a->lines[k].cas[0].reason;
}

static void test_denials(void) {
  cc_payersim *ps = sim();
  const char *rarc;
  cc_claim *c = mk("N1", "M100", 1); /* 70553 without REF G1 */
  line(c, 0, "70553", 100000, "2026-03-03");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "197");
  CHECK_STR(cc_payersim_get(ps, cc_payersim_count(ps) - 1)->status, "4");
  c = mk("N2", "M100", 1); /* an authorization the payer never issued */
  line(c, 0, "70553", 100000, "2026-03-05");
  snprintf(c->prior_auth, sizeof c->prior_auth, "AUTH99");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "15");
  c = mk("N3", "M100", 1); /* excluded by the payer */
  line(c, 0, "S9999", 4000, "2026-03-03");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "96");
  CHECK_STR(rarc, "N130");
  c = mk("N4", "M100", 1); /* excluded by the PPO500 plan */
  line(c, 0, "97810", 6000, "2026-03-03");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "204");
  c = mk("N5", "M100", 2); /* venipuncture bundled into the visit */
  line(c, 0, "99213", 15000, "2026-03-06");
  line(c, 1, "36415", 2000, "2026-03-06");
  CHECK_STR(denial(ps, c, "2026-03-10", 1, &rarc), "97");
  CHECK_STR(rarc, "M15");
  CHECK_STR(cc_payersim_get(ps, cc_payersim_count(ps) - 1)->status, "1");
  /* the same services on the same day again, under a new CLM01 */
  cc_claim *d = mk("N6B", "M100", 2);
  line(d, 0, "99213", 15000, "2026-03-06");
  line(d, 1, "36415", 2000, "2026-03-06");
  CHECK_STR(denial(ps, d, "2026-03-11", 0, &rarc), "18");
  c = mk("N7", "M100", 1); /* 2026-01-05 + 90 days < 2026-06-01 */
  line(c, 0, "99213", 15000, "2026-01-05");
  CHECK_STR(denial(ps, c, "2026-06-01", 0, &rarc), "29");
  c = mk("N8", "M100", 1); /* not a 5-character procedure code */
  line(c, 0, "9921", 15000, "2026-03-07");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "16");
  CHECK_STR(rarc, "M51");
  c = mk("N9", "M100", 1); /* rendering NPI fails its check digit */
  line(c, 0, "99213", 15000, "2026-03-08");
  snprintf(c->lines[0].rendering.id, sizeof c->lines[0].rendering.id,
           "1234567890");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "16");
  CHECK_STR(rarc, "N290");
  c = mk("N10", "M400", 1); /* coverage ended 2026-03-31 */
  line(c, 0, "99213", 15000, "2026-04-02");
  CHECK_STR(denial(ps, c, "2026-04-10", 0, &rarc), "27");
  c = mk("N11", "M500", 1); /* another payer is primary */
  line(c, 0, "99213", 15000, "2026-03-02");
  CHECK_STR(denial(ps, c, "2026-03-10", 0, &rarc), "22");
  CHECK_STR(rarc, "MA04");
  cc_payersim_free(ps);
}

/* missing_info_per_mille 1000: every claim is denied 16 with MA130. */
static void test_missing_info_rate(void) {
  cc_payersim *ps = cc_payersim_new(7);
  const char *j =
      "{\"payer_id\":\"SIMPPO1\",\"name\":\"X\",\"missing_info_per_mille\":"
      "1000,\"plans\":[{\"id\":\"P\"}],\"members\":[{\"id\":\"M100\","
      "\"plan\":\"P\"}]}";
  cc_err e;
  CHECK_INT(cc_payersim_add_profile(ps, j, strlen(j), "inline", &e), CC_OK);
  cc_claim *c = mk("R1", "M100", 1);
  line(c, 0, "99213", 15000, "2026-03-02");
  const char *rarc;
  CHECK_STR(denial(ps, c, "2026-03-03", 0, &rarc), "16");
  CHECK_STR(rarc, "MA130");
  cc_payersim_free(ps);
}

static void test_profile_errors(void) {
  cc_payersim *ps = cc_payersim_new(1);
  cc_err e;
  const char *j = "{\"payer_id\":\"X\",\"name\":\"X\",\"plans\":[{\"id\":\"P\","
                  "\"deductible_cents\":100.5}]}";
  CHECK_INT(cc_payersim_add_profile(ps, j, strlen(j), "p.json", &e),
            CC_E_INVALID);
  CHECK_STR(e.field, "deductible_cents");
  CHECK_INT(e.line, 1);
  j = "{\"payer_id\":\"X\",\"name\":\"X\",\"members\":[{\"id\":\"M\","
      "\"plan\":\"NONE\"}]}";
  CHECK_INT(cc_payersim_add_profile(ps, j, strlen(j), "p.json", &e),
            CC_E_INVALID);
  CHECK_STR(e.field, "plan");
  cc_payersim_free(ps);
}

/* A correction (frequency 7, REF F8) reverses the original: CLP02 22 with
 * every amount negated, and the deductible it took is given back before
 * the replacement is priced. */
static void test_correction_reverses(void) {
  cc_payersim *ps = sim();
  cc_claim *c = mk("K1", "M100", 1);
  line(c, 0, "99214", 20000, "2026-03-02");
  const cc_payersim_adj *o = adj(ps, c, "2026-03-10");
  char pcn_no[31];
  snprintf(pcn_no, sizeof pcn_no, "%s", o->payer_claim_no);
  cc_claim *k = mk("K1", "M100", 1);
  line(k, 0, "99213", 15000, "2026-03-02");
  k->frequency = '7';
  snprintf(k->payer_claim_no, sizeof k->payer_claim_no, "%s", pcn_no);
  const cc_payersim_adj *a = NULL, *r = NULL;
  cc_err e;
  CHECK_INT(cc_payersim_adjudicate(ps, k, day("2026-03-20"), &a, &r, &e),
            CC_OK);
  CHECK(r != NULL);
  if (!r || !a) return;
  CHECK_STR(r->status, "22");
  CHECK_STR(r->payer_claim_no, pcn_no);
  CHECK_INT(r->charge.cents, -20000);
  CHECK_INT(r->patient_resp.cents, -15000);
  CHECK_INT(cas(r, 0, "PR", "1"), -15000);
  CHECK_INT(cas(r, 0, "CO", "45"), -5000);
  CHECK(cc_payersim_get(ps, 0)->reversed);
  /* The replacement sees the whole $500 deductible again: $100 of it. */
  CHECK_INT(cas(a, 0, "PR", "1"), 10000);
  CHECK_STR(a->status, "1");
  cc_money ded, oop;
  CHECK_INT(cc_payersim_accum(ps, "SIMPPO1", "M100", day("2026-03-02"), &ded,
                              &oop, &e), CC_OK);
  CHECK_INT(ded.cents, 10000);
  cc_payersim_free(ps);
}

static void test_screen(void) {
  cc_payersim *ps = sim();
  cc_payersim_ack ack;
  cc_claim *c = mk("S1", "M999", 1);
  line(c, 0, "99213", 15000, "2026-03-02");
  cc_payersim_screen(ps, c, &ack);
  CHECK(!ack.accepted);
  CHECK_STR(ack.stc, "A3:33:IL");
  c = mk("S2", "M100", 1);
  line(c, 0, "99213", 15000, "2026-03-02");
  snprintf(c->billing.id, sizeof c->billing.id, "1234567890");
  cc_payersim_screen(ps, c, &ack);
  CHECK_STR(ack.stc, "A7:562:85");
  snprintf(c->billing.id, sizeof c->billing.id, "1234567893");
  cc_payersim_screen(ps, c, &ack);
  CHECK(ack.accepted);
  CHECK_STR(ack.stc, "A2:20:PR");
  cc_payersim_free(ps);
}

/* ---- files ---------------------------------------------------------------- */

static void count(void *ctx, const cc_x12_finding *f) {
  if (f->sev == CC_SEV_ERROR) {
    ++*(int *)ctx;
    printf("# ");
    cc_x12_finding_print(f, false, stdout);
  }
}

static int errors_in(const cc_payersim_file *f) {
  int n = 0;
  cc_x12_summary sum;
  cc_err e;
  if (cc_x12_validate_mem(f->data.p, f->data.n, f->name, count, &n, &sum,
                          &e) != CC_OK)
    return -1;
  if (sum.sets_unchecked) return -2;
  return n;
}

static void run_all(uint64_t seed, cc_payersim_files *out, cc_payersim **keep) {
  cc_payersim *ps = cc_payersim_new(seed);
  cc_err e;
  if (cc_payersim_add_profile_file(ps, PROFILE, &e)) abort();
  const char *ins[] = {CLAIMS, "tests/fixtures/payersim/eligibility.270",
                       "tests/fixtures/payersim/status.276"};
  for (size_t i = 0; i < 3; i++) {
    size_t n;
    char *p = t_slurp(ins[i], &n);
    CHECK(p != NULL);
    if (!p) continue;
    if (i == 2) CHECK_INT(cc_payersim_release(ps, day("2026-03-24"), out, &e), CC_OK);
    CHECK_INT(cc_payersim_receive(ps, p, n, ins[i], 0, out, &e), CC_OK);
    free(p);
  }
  if (keep) *keep = ps;
  else cc_payersim_free(ps);
}

static void test_outputs_validate(void) {
  cc_payersim_files out = {0};
  run_all(42, &out, NULL);
  const char *want[] = {"999", "277CA", "999", "271", "835", "999", "277"};
  CHECK_INT(out.n, 7);
  for (size_t i = 0; i < out.n && i < 7; i++) {
    CHECK_STR(out.v[i].kind, want[i]);
    int n = errors_in(&out.v[i]);
    T_REPORT(n == 0, "%s (%s): %d validation errors", out.v[i].name,
             out.v[i].kind, n);
  }
  cc_payersim_files_free(&out);
}

static void test_deterministic(void) {
  cc_payersim_files a = {0}, b = {0}, c = {0};
  run_all(42, &a, NULL);
  run_all(42, &b, NULL);
  CHECK_INT(a.n, b.n);
  for (size_t i = 0; i < a.n && i < b.n; i++) {
    CHECK_STR(a.v[i].name, b.v[i].name);
    CHECK(a.v[i].data.n == b.v[i].data.n &&
          memcmp(a.v[i].data.p, b.v[i].data.p, a.v[i].data.n) == 0);
  }
  /* The state file round-trips: a simulator reloaded from it writes the
   * same state again. */
  cc_payersim *ps = NULL;
  run_all(42, &c, &ps);
  cc_err e;
  CHECK_INT(cc_payersim_save_state(ps, "build/test_payersim.state", &e), CC_OK);
  cc_payersim *ps2 = cc_payersim_new(42);
  CHECK_INT(cc_payersim_load_state(ps2, "build/test_payersim.state", &e), CC_OK);
  CHECK_INT(cc_payersim_count(ps2), cc_payersim_count(ps));
  CHECK_INT(cc_payersim_save_state(ps2, "build/test_payersim2.state", &e), CC_OK);
  size_t n1, n2;
  char *s1 = t_slurp("build/test_payersim.state", &n1);
  char *s2 = t_slurp("build/test_payersim2.state", &n2);
  CHECK(s1 && s2 && n1 == n2 && memcmp(s1, s2, n1) == 0);
  free(s1);
  free(s2);
  remove("build/test_payersim.state");
  remove("build/test_payersim2.state");
  cc_payersim_free(ps);
  cc_payersim_free(ps2);
  cc_payersim_files_free(&a);
  cc_payersim_files_free(&b);
  cc_payersim_files_free(&c);
}

int main(void) {
  A = cc_arena_new(0);
  RUN(test_deductible_then_coinsurance);
  RUN(test_oop_max_mid_claim);
  RUN(test_copay);
  RUN(test_allowed_above_charge);
  RUN(test_denials);
  RUN(test_missing_info_rate);
  RUN(test_profile_errors);
  RUN(test_correction_reverses);
  RUN(test_screen);
  RUN(test_outputs_validate);
  RUN(test_deterministic);
  cc_arena_free(A);
  TEST_MAIN_END();
}
