/* test_combine.c - `claims build --combine` (cc_claims_build_combine) on the
 * fixtures of tests/fixtures/claims with SYNPPO1 given combine_visits_days
 * 14, and on visits made here to reach the 12-diagnosis and 50-line limits.
 * Every expected claim is worked out by hand below. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static cc_store *db;
static char dbpath[64], csvpath[64];
static int64_t p1, billing, rendering;

static void import(cc_import_kind k, const char *path) {
  cc_err e;
  cc_err_clear(&e);
  cc_import_result res;
  cc_code rc = cc_import_file(db, k, path, CC_IMPORT_AUTO, NULL, NULL, &res,
                              &e);
  T_REPORT(rc == CC_OK, "import %s: %s", path, e.detail);
}

/* The payer rule arrives like any other: a column of the payers file. */
static void test_rule_imported(void) {
  FILE *f = fopen(csvpath, "w");
  if (!f) {
    T_REPORT(0, "cannot write %s", csvpath);
    return;
  }
  fputs("payer_id,name,filing_indicator,claim_form,combine_visits_days\n"
        "SYNPPO1,Synthetic PPO,CI,837P,14\n", f);
  fclose(f);
  import(CC_IMPORT_PAYERS, csvpath);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_err e;
  CHECK_INT(cc_store_payer_json(db, "SYNPPO1", &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"combine_visits_days\":14") != NULL);
  b.n = 0;
  CHECK_INT(cc_store_payer_json(db, "SYNMCR", &b, &e), CC_OK);
  CHECK(b.p && strstr(b.p, "\"combine_visits_days\":0") != NULL);
  cc_buf_free(&b);
}

/* Fixture charge lines in import order: V1 (P1, 2026-03-02) 1 99213 125.00
 * dx E11.9 I10, 2 97110 80.50 dx I10; V2 (P1, 2026-03-09) 3 99212 95.00
 * dx J06.9, 4 94640 40.00 R05.9 rendered by Sampleton, 5 94760 20.00
 * R05.9; V3 (P2, 2026-03-20, SYNPPO1); V4 (P2, 2026-04-05, SYNMCR, which
 * does not combine); V5 (P3, no coverage).
 * V1 and V2 are 7 days apart (<= 14), same patient, payer, billing and
 * rendering provider: lines 1, 2, 3, 5 make one claim of 125.00 + 80.50 +
 * 95.00 + 20.00 = 320.50 with diagnoses E11.9, I10, J06.9, R05.9. Line 4
 * (other rendering provider) is a visit of its own, V3 the only PPO visit
 * of P2: both left to cc_claims_build with V4 (3 claims) and V5 (self-pay,
 * not counted). */
static void test_fixture_visits(void) {
  cc_err e;
  cc_err_clear(&e);
  uint32_t built = 99;
  CHECK_INT(cc_claims_build_combine(db, &built, &e), CC_OK);
  CHECK_INT(built, 1);
  cc_arena *a = cc_arena_new(0);
  cc_claim *c = NULL;
  CHECK_INT(cc_claims_load(db, 1, a, &c, &e), CC_OK);
  if (c) {
    CHECK_STR(c->status, "built");
    CHECK_STR(c->payer.id, "SYNPPO1");
    CHECK_STR(c->rendering.id, "1234567893");
    CHECK_INT(c->n_lines, 4);
    CHECK_INT(c->total.cents, 32050);
    CHECK_INT(cc_claims_first_date(c), cc_date_days(2026, 3, 2));
    CHECK_INT(cc_claims_last_date(c), cc_date_days(2026, 3, 9));
    CHECK_INT(c->n_dx, 4);
    if (c->n_dx == 4) {
      CHECK_STR(c->dx[0].code, "E119");
      CHECK_STR(c->dx[1].code, "I10");
      CHECK_STR(c->dx[2].code, "J069");
      CHECK_STR(c->dx[3].code, "R059");
    }
    if (c->n_lines == 4) {
      CHECK_INT(c->lines[0].charge_line_id, 1);
      CHECK_INT(c->lines[1].charge_line_id, 2);
      CHECK_INT(c->lines[2].charge_line_id, 3);
      CHECK_INT(c->lines[3].charge_line_id, 5);
      /* 99212 of V2 points at J06.9, now the third diagnosis */
      CHECK_INT(c->lines[2].dx_ptr[0], 3);
    }
  }
  cc_arena_free(a);
  CHECK_INT(cc_claims_build(db, &built, &e), CC_OK);
  CHECK_INT(built, 3);
  CHECK_INT(cc_claims_build_combine(db, &built, &e), CC_OK);
  CHECK_INT(built, 0);
}

/* A visit of P1 with n lines of charge cents each and diagnoses dx. */
static void visit(const char *ext, const char *date, int n, int64_t cents,
                  const char *const dx[5]) {
  cc_charge_rec *l = calloc((size_t)n, sizeof *l);
  if (!l) return;
  for (int i = 0; i < n; i++)
    l[i] = (cc_charge_rec){.line_no = i + 1, .code = "97110",
                           .units_milli = 1000, .unit_basis = "UN",
                           .place_of_service = "11", .from_date = date,
                           .to_date = date, .charge_cents = cents,
                           .dx_ptr = {1, 2, 3, 4}};
  /* a line points at four diagnoses at most: the second points at the
   * fifth, so each visit brings five to its claim */
  if (n > 1) l[1].dx_ptr[0] = 5, l[1].dx_ptr[1] = l[1].dx_ptr[2] =
                 l[1].dx_ptr[3] = 0;
  cc_encounter_rec en = {.external_id = ext, .service_date = date,
                         .place_of_service = "11", .patient_id = p1,
                         .billing_provider_id = billing,
                         .rendering_provider_id = rendering,
                         .lines = l, .n_lines = (size_t)n};
  for (int i = 0; i < 5 && dx[i]; i++) en.diagnoses[i] = dx[i];
  int64_t id;
  bool created;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_encounter_put(db, &en, &id, &created, &e), CC_OK);
  free(l);
}

static int64_t count_lines(int64_t claim) {
  cc_arena *a = cc_arena_new(0);
  cc_claim *c = NULL;
  cc_err e;
  int64_t n = -1;
  if (cc_claims_load(db, claim, a, &c, &e) == CC_OK && c) n = c->n_lines;
  cc_arena_free(a);
  return n;
}

/* May: A (05-01), B (05-03), C (05-05), two lines each (the first points
 * at four diagnoses, the second at the fifth), five different diagnoses
 * each: A and B make 10, C would make 15 > 12, so A+B is one claim of 4
 * lines (2 x 25.00 + 2 x 30.00 = 110.00) and C is left alone. June: D (06-01) 30 lines, E (06-02) 30, F (06-03) 20: D+E would be
 * 60 > 50 lines, so D is alone and E+F (50 lines, the 837P limit) one
 * claim; G (06-30) is 28 days after E, past the 14 days. Combined: A+B and
 * E+F (claims 6 and 7, after the combined V1+V2, three single visits and
 * V5's self-pay claim); left to cc_claims_build: C, D, G (8, 9, 10). */
static void test_limits(void) {
  static const char *const dxa[5] = {"E119", "I10", "J069", "R059", "Z0000"};
  static const char *const dxb[5] = {"M545", "K219", "E785", "F419", "G439"};
  static const char *const dxc[5] = {"J301", "L709", "N390", "R51", "H1010"};
  visit("A", "2026-05-01", 2, 2500, dxa);
  visit("B", "2026-05-03", 2, 3000, dxb);
  visit("C", "2026-05-05", 2, 3500, dxc);
  visit("D", "2026-06-01", 30, 1000, dxa);
  visit("E", "2026-06-02", 30, 1000, dxa);
  visit("F", "2026-06-03", 20, 1000, dxa);
  visit("G", "2026-06-30", 1, 1000, dxa);
  cc_err e;
  cc_err_clear(&e);
  uint32_t built = 99;
  CHECK_INT(cc_claims_build_combine(db, &built, &e), CC_OK);
  CHECK_INT(built, 2);
  cc_arena *a = cc_arena_new(0);
  cc_claim *c = NULL;
  CHECK_INT(cc_claims_load(db, 6, a, &c, &e), CC_OK);
  if (c) {
    CHECK_INT(c->n_lines, 4);
    CHECK_INT(c->n_dx, 10);
    CHECK_INT(c->total.cents, 11000);
    CHECK_INT(cc_claims_last_date(c), cc_date_days(2026, 5, 3));
  }
  c = NULL;
  CHECK_INT(cc_claims_load(db, 7, a, &c, &e), CC_OK);
  if (c) {
    CHECK_INT(c->n_lines, 50);
    CHECK_INT(c->total.cents, 50 * 1000);
    CHECK_INT(cc_claims_first_date(c), cc_date_days(2026, 6, 2));
    CHECK_INT(cc_claims_last_date(c), cc_date_days(2026, 6, 3));
  }
  cc_arena_free(a);
  CHECK_INT(cc_claims_build(db, &built, &e), CC_OK);
  CHECK_INT(built, 3); /* C, D, G */
  CHECK_INT(count_lines(8), 2);  /* C */
  CHECK_INT(count_lines(9), 30); /* D */
  CHECK_INT(count_lines(10), 1); /* G */
}

int main(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_combine_%d.db", (int)getpid());
  snprintf(csvpath, sizeof csvpath, "/tmp/cc_test_combine_%d.csv",
           (int)getpid());
  unlink(dbpath);
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(dbpath, true, &db, &e) != CC_OK) {
    printf("not ok - open %s: %s\n", dbpath, e.detail);
    return 1;
  }
  import(CC_IMPORT_PROVIDERS, "tests/fixtures/claims/providers.csv");
  import(CC_IMPORT_PAYERS, "tests/fixtures/claims/payers.csv");
  import(CC_IMPORT_PATIENTS, "tests/fixtures/claims/patients.csv");
  import(CC_IMPORT_COVERAGES, "tests/fixtures/claims/coverages.csv");
  import(CC_IMPORT_ENCOUNTERS, "tests/fixtures/claims/encounters.json");
  if (cc_store_find_patient(db, "P1", &p1) ||
      cc_store_find_provider(db, "1111111112", &billing) ||
      cc_store_find_provider(db, "1234567893", &rendering))
    printf("not ok - fixture patient or providers missing\n");
  RUN(test_rule_imported);
  RUN(test_fixture_visits);
  RUN(test_limits);
  cc_store_close(db);
  unlink(dbpath);
  unlink(csvpath);
  char p[96];
  snprintf(p, sizeof p, "%s-wal", dbpath);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath);
  unlink(p);
  TEST_MAIN_END();
}
