/* test_claims_store.c - claims in the database: built from the charge lines
 * of tests/fixtures/claims (split, combined, whole visits), saved, loaded
 * back, written as an 837 that validates, COB kept, status history. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static cc_store *db;

static void import(cc_import_kind k, const char *file) {
  char path[256];
  snprintf(path, sizeof path, "tests/fixtures/claims/%s", file);
  cc_err e;
  cc_err_clear(&e);
  cc_import_result res;
  cc_code rc = cc_import_file(db, k, path, CC_IMPORT_AUTO, NULL, NULL, &res,
                              &e);
  T_REPORT(rc == CC_OK, "import %s: %s", file, e.detail);
}

static int count_row(void *ctx, const cc_claims_row *r) {
  (*(int *)ctx)++;
  return 0;
}

/* The fixtures' charge lines are numbered in import order:
 * V1: 1 (99213, dx E11.9 I10), 2 (97110, dx I10); V2: 3 (99212, J06.9),
 * 4 (94640, R05.9, rendering Sampleton), 5 (94760, R05.9); V3: 6; V4: 7;
 * V5: 8 (patient P3, no coverage). */

static void test_split_and_combine(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_claim *c;
  /* only the second line of V1: its diagnosis I10 becomes the first */
  int64_t one[] = {2};
  CHECK_INT(cc_claims_from_charges(db, one, 1, "primary", a, &c, &e), CC_OK);
  CHECK_INT(c->n_lines, 1);
  CHECK_INT(c->n_dx, 1);
  CHECK_STR(c->dx[0].code, "I10");
  CHECK_STR(c->dx[0].qual, "ABK");
  CHECK_INT(c->lines[0].dx_ptr[0], 1);
  CHECK_INT(c->total.cents, 8050);
  CHECK_INT(c->lines[0].units_milli, 2000);
  CHECK_STR(c->lines[0].mod[0], "GP");
  CHECK_INT(c->responsibility, 'P');
  CHECK_STR(c->facility_code, "11");
  /* two visits combined: V1 line 1 and V2 line 1 */
  int64_t two[] = {1, 3};
  CHECK_INT(cc_claims_from_charges(db, two, 2, "primary", a, &c, &e), CC_OK);
  CHECK_INT(c->n_dx, 3);
  CHECK_STR(c->dx[0].code, "E119");
  CHECK_STR(c->dx[1].code, "I10");
  CHECK_STR(c->dx[2].code, "J069");
  CHECK_INT(c->lines[0].dx_ptr[1], 2);
  CHECK_INT(c->lines[1].dx_ptr[0], 3);
  CHECK_INT(c->total.cents, 12500 + 9500);
  CHECK_INT(cc_claims_first_date(c), cc_date_days(2026, 3, 2));
  CHECK_INT(cc_claims_last_date(c), cc_date_days(2026, 3, 9));
  /* lines of two patients do not make one claim */
  int64_t mixed[] = {1, 6};
  CHECK_INT(cc_claims_from_charges(db, mixed, 2, "primary", a, &c, &e),
            CC_E_INVALID);
  /* P3 has no coverage */
  int64_t none[] = {8};
  CHECK_INT(cc_claims_from_charges(db, none, 1, "primary", a, &c, &e),
            CC_E_NOTFOUND);
  /* P2 changed plans on April 1 */
  int64_t march[] = {6}, april[] = {7};
  CHECK_INT(cc_claims_from_charges(db, march, 1, "primary", a, &c, &e),
            CC_OK);
  int64_t ppo = c->payer_id;
  CHECK_INT(cc_claims_from_charges(db, april, 1, "primary", a, &c, &e),
            CC_OK);
  CHECK(c->payer_id != ppo);
  cc_arena_free(a);
}

static int errors;
static void on_finding(void *ctx, const cc_x12_finding *f) {
  if (f->sev == CC_SEV_ERROR && errors++ < 5) cc_x12_finding_print(f, false,
                                                                    stdout);
}

static void test_build_load_write(void) {
  cc_err e;
  cc_err_clear(&e);
  uint32_t built = 0;
  CHECK_INT(cc_claims_build(db, &built, &e), CC_OK);
  /* V1; V2 split by rendering; V3; V4. V5 (P3, no coverage) is self-pay:
   * a closed claim to the patient, not counted as built for a payer. */
  CHECK_INT(built, 5);
  CHECK_INT(cc_claims_build(db, &built, &e), CC_OK);
  CHECK_INT(built, 0);
  int n = 0;
  CHECK_INT(cc_claims_list(db, "built", count_row, &n, &e), CC_OK);
  CHECK_INT(n, 5);
  n = 0;
  CHECK_INT(cc_claims_list(db, "ready", count_row, &n, &e), CC_OK);
  CHECK_INT(n, 0);
  cc_arena *a = cc_arena_new(0);
  const cc_claim *v[5];
  for (int64_t id = 1; id <= 5; id++) {
    cc_claim *c = NULL;
    CHECK_INT(cc_claims_load(db, id, a, &c, &e), CC_OK);
    v[id - 1] = c;
  }
  const cc_claim *c1 = v[0], *c4 = v[3];
  CHECK_STR(c1->status, "built");
  CHECK_INT(c1->n_lines, 2);
  CHECK_INT(c1->total.cents, 20550);
  CHECK_STR(c1->billing.id, "1111111112");
  CHECK_STR(c1->billing.tax_id, "987654321");
  CHECK_STR(c1->rendering.id, "1234567893");
  CHECK_STR(c1->subscriber.name.id, "M100");
  CHECK_STR(c1->relationship, "18");
  CHECK_INT(c1->subscriber.birth_date, cc_date_days(1970, 5, 6));
  CHECK_STR(c1->payer.id, "SYNPPO1");
  CHECK_STR(c1->filing_indicator, "CI");
  CHECK_STR(v[2]->rendering.id, "5556667777");
  CHECK_INT(v[2]->total.cents, 4000);
  CHECK(c4->has_patient);
  CHECK_STR(c4->relationship, "19");
  CHECK_STR(c4->subscriber.name.first, "Bea");
  CHECK_STR(c4->patient.name.first, "Ben");
  CHECK_STR(v[4]->payer.id, "SYNMCR");
  CHECK_STR(v[4]->filing_indicator, "MB");
  cc_claims_envelope env = {.submitter_name = "SYNTHETIC BILLING",
                            .submitter_id = "SUB0001",
                            .receiver_name = "SYNTHETIC CLEARINGHOUSE",
                            .receiver_id = "RCV0001",
                            .isa_control = 7, .gs_control = 7,
                            .st_control = 7, .hhmm = 1000};
  cc_buf out;
  cc_buf_init(&out, 1u << 24);
  CHECK_INT(cc_claims_write(v, 5, &env, &out, NULL, &e), CC_OK);
  cc_x12_summary sum;
  errors = 0;
  CHECK_INT(cc_x12_validate_mem(out.p, out.n, "built.837", on_finding, NULL,
                                &sum, &e),
            CC_OK);
  CHECK_INT(sum.errors, 0);
  cc_buf_free(&out);
  /* the scrubber's verdict and its history */
  CHECK_INT(cc_claims_set_status(db, 1, "held", "scrub", "NPI_INVALID", &e),
            CC_OK);
  n = 0;
  CHECK_INT(cc_claims_list(db, "held", count_row, &n, &e), CC_OK);
  CHECK_INT(n, 1);
  CHECK_INT(cc_claims_set_status(db, 99, "ready", "scrub", NULL, &e),
            CC_E_NOTFOUND);
  /* V5's self-pay claim is the sixth: closed, to no coverage */
  cc_claim *sp = NULL;
  CHECK_INT(cc_claims_load(db, 6, a, &sp, &e), CC_OK);
  if (sp) {
    CHECK_STR(sp->status, "closed");
    CHECK_INT(sp->coverage_id, 0);
    CHECK_INT(sp->n_lines, 1);
  }
  /* five "built" rows, V5's "closed" (self-pay) and claim 1's "held" */
  CHECK_INT(cc_store_count(db, "claim_status_history"), 7);
  cc_arena_free(a);
}

static void test_cob_saved(void) {
  cc_arena *a = cc_arena_new(0);
  cc_err e;
  cc_claim *c, *back;
  int64_t ids[] = {1};
  /* a line already on a claim can go on a secondary claim */
  CHECK_INT(cc_claims_from_charges(db, ids, 1, "primary", a, &c, &e), CC_OK);
  c->responsibility = 'S';
  strcpy(c->pcn, "SEC-1");
  static cc_claim_other_payer o;
  static cc_claim_line_adj adj;
  memset(&o, 0, sizeof o);
  o.responsibility = 'P';
  strcpy(o.payer.id, "SYNFIRST");
  strcpy(o.payer.last, "FIRST SYNTHETIC PAYER");
  strcpy(o.subscriber.id, "PRIM1");
  strcpy(o.subscriber.last, "ALPHA");
  /* 125 charged: the line 100 paid + PR 25; claim level CO 5 + PR 20 on
   * top, so the claim paid 100 - 25 = 75 (TR3 1.4.4) */
  o.has_paid = true;
  o.paid.cents = 7500;
  o.adjudicated = cc_date_days(2026, 4, 1);
  o.n_cas = 2;
  strcpy(o.cas[0].group, "CO");
  strcpy(o.cas[0].reason, "45");
  o.cas[0].amount.cents = 500;
  strcpy(o.cas[1].group, "PR");
  strcpy(o.cas[1].reason, "1");
  o.cas[1].amount.cents = 2000;
  memset(&adj, 0, sizeof adj);
  strcpy(adj.payer_id, "SYNFIRST");
  adj.paid.cents = 10000;
  strcpy(adj.proc, "99213");
  adj.units_milli = 1000;
  adj.adjudicated = cc_date_days(2026, 4, 1);
  adj.n_cas = 1;
  strcpy(adj.cas[0].group, "PR");
  strcpy(adj.cas[0].reason, "1");
  adj.cas[0].amount.cents = 2500;
  c->other = &o;
  c->n_other = 1;
  c->lines[0].adj = &adj;
  c->lines[0].n_adj = 1;
  int64_t id = 0;
  CHECK_INT(cc_claims_save(db, c, "test", &id, &e), CC_OK);
  CHECK_INT(cc_claims_load(db, id, a, &back, &e), CC_OK);
  CHECK_INT(back->responsibility, 'S');
  CHECK_INT(back->n_other, 1);
  if (back->n_other) {
    CHECK_STR(back->other[0].payer.id, "SYNFIRST");
    CHECK_INT(back->other[0].paid.cents, 7500);
    CHECK_INT(back->other[0].n_cas, 2);
    CHECK_INT(back->other[0].cas[1].amount.cents, 2000);
    CHECK_INT(back->other[0].adjudicated, cc_date_days(2026, 4, 1));
  }
  CHECK_INT(back->lines[0].n_adj, 1);
  if (back->lines[0].n_adj) {
    CHECK_INT(back->lines[0].adj[0].paid.cents, 10000);
    CHECK_INT(back->lines[0].adj[0].n_cas, 1);
    CHECK_STR(back->lines[0].adj[0].cas[0].reason, "1");
  }
  CHECK_INT(back->lines[0].charge_line_id, 1);
  /* the secondary claim goes out with its COB loops */
  cc_claims_envelope env = {.submitter_name = "S", .submitter_id = "S1",
                            .receiver_name = "R", .receiver_id = "R1",
                            .isa_control = 8, .gs_control = 8,
                            .st_control = 8};
  cc_buf out;
  cc_buf_init(&out, 1u << 20);
  const cc_claim *v[1] = {back};
  CHECK_INT(cc_claims_write(v, 1, &env, &out, NULL, &e), CC_OK);
  CHECK(out.p && strstr(out.p, "SVD*SYNFIRST*100*HC:99213**1~") != NULL);
  CHECK(out.p && strstr(out.p, "CAS*CO*45*5~CAS*PR*1*20~") != NULL);
  cc_x12_summary sum;
  errors = 0;
  CHECK_INT(cc_x12_validate_mem(out.p, out.n, "sec.837", on_finding, NULL,
                                &sum, &e),
            CC_OK);
  CHECK_INT(sum.errors, 0);
  cc_buf_free(&out);
  /* no practice row: the envelope cannot be made up */
  cc_claims_envelope pe;
  CHECK_INT(cc_claims_envelope_load(db, 0, a, &pe, &e), CC_E_NOTFOUND);
  cc_arena_free(a);
}

int main(void) {
  char path[] = "/tmp/cc_claims_store_XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0) close(fd);
  unlink(path);
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(path, true, &db, &e) != CC_OK) {
    cc_err_print(&e, stdout);
    printf("not ok - open database\n");
    return 1;
  }
  import(CC_IMPORT_PROVIDERS, "providers.csv");
  import(CC_IMPORT_PAYERS, "payers.csv");
  import(CC_IMPORT_PATIENTS, "patients.csv");
  import(CC_IMPORT_COVERAGES, "coverages.csv");
  import(CC_IMPORT_ENCOUNTERS, "encounters.json");
  RUN(test_split_and_combine);
  RUN(test_build_load_write);
  RUN(test_cob_saved);
  cc_store_close(db);
  unlink(path);
  char side[300];
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
  TEST_MAIN_END();
}
