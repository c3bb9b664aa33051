/* test_scrub_reopen.c - cc_scrub_reopen, which the demo uses each simulated
 * day: the code tables carry over, "today" and the day's data (coverages,
 * the batch) do not. ICD-10-CM is the real FY2026 file in $CC_SHARED/data;
 * payer, patient and coverages are synthetic. Deadlines counted by hand:
 * service 2026-03-02 + 90 days = 2026-05-31. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static char dbpath[256];
static cc_store *st;
static cc_scrub *sc;
static int64_t ppo;

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d)) return CC_DAY_NONE;
  return d;
}

static char rules[32][32];
static cc_severity sevs[32];
static int n_found;

static void on_finding(void *ctx, const cc_scrub_finding *f) {
  (void)ctx;
  if (n_found >= 32) return;
  snprintf(rules[n_found], sizeof rules[0], "%s", f->rule);
  sevs[n_found++] = f->severity;
}

/* Severity of rule's finding in the last scrub; -1 = none. */
static int sev_of(const char *rule) {
  for (int i = 0; i < n_found; i++)
    if (strcmp(rules[i], rule) == 0) return (int)sevs[i];
  return -1;
}

static cc_claim_line line;
static cc_claim claim;

/* One 99213 on 2026-03-02 to SYNPPO1 for member, diagnosis dx. */
static void make(const char *pcn, const char *member, const char *dx) {
  cc_claims_init(&claim, 'P');
  snprintf(claim.pcn, sizeof claim.pcn, "%s", pcn);
  strcpy(claim.facility_code, "11");
  claim.facility_qual = 'B';
  claim.frequency = '1';
  claim.billing.entity = '2';
  strcpy(claim.billing.last, "SYNTHETIC FAMILY CLINIC");
  strcpy(claim.billing.id_qual, "XX");
  strcpy(claim.billing.id, "1111111112");
  claim.payer.entity = '2';
  strcpy(claim.payer.last, "SYNTHETIC PAYER");
  strcpy(claim.payer.id_qual, "PI");
  strcpy(claim.payer.id, "SYNPPO1");
  cc_claim_person *s = &claim.subscriber;
  s->name.entity = '1';
  strcpy(s->name.last, "SAMPLE");
  strcpy(s->name.first, "PAT");
  strcpy(s->name.id_qual, "MI");
  snprintf(s->name.id, sizeof s->name.id, "%s", member);
  strcpy(s->name.addr1, "12 ELM ST");
  strcpy(s->name.city, "SPRINGFIELD");
  strcpy(s->name.state, "IL");
  strcpy(s->name.zip, "62701");
  s->birth_date = day("1980-02-29");
  s->sex = 'F';
  claim.responsibility = 'P';
  strcpy(claim.relationship, "18");
  strcpy(claim.dx[0].qual, "ABK");
  snprintf(claim.dx[0].code, sizeof claim.dx[0].code, "%s", dx);
  claim.n_dx = 1;
  memset(&line, 0, sizeof line);
  line.lx = 1;
  strcpy(line.proc_qual, "HC");
  strcpy(line.proc, "99213");
  line.charge = CC_MONEY(12500);
  strcpy(line.unit_basis, "UN");
  line.units_milli = 1000;
  line.dx_ptr[0] = 1;
  line.from = line.to = day("2026-03-02");
  claim.lines = &line;
  claim.n_lines = 1;
  claim.total = line.charge;
}

static uint32_t scrub(void) {
  n_found = 0;
  return cc_scrub_claim(sc, &claim, on_finding, NULL, NULL);
}

static void must(cc_code rc, const cc_err *e, const char *what) {
  if (rc) {
    printf("not ok - setup %s: ", what);
    cc_err_print(e, stdout);
    exit(1);
  }
}

static void add_patient(const char *acct, const char *member) {
  cc_err e;
  cc_err_clear(&e);
  bool created;
  int64_t pat, id;
  cc_patient_rec p = {.account_no = acct, .last_name = "Sample",
                      .first_name = "Pat", .birth_date = "1980-02-29",
                      .sex = "F"};
  must(cc_store_patient_put(st, &p, &pat, &created, &e), &e, acct);
  cc_coverage_rec c = {.patient_id = pat, .payer_id = ppo,
                       .priority = "primary", .relationship = "self",
                       .member_id = member, .effective_date = "2026-01-01"};
  must(cc_store_coverage_put(st, &c, &id, &created, &e), &e, member);
}

static void setup(void) {
  const char *sh = getenv("CC_SHARED");
  char p[1024];
  snprintf(p, sizeof p, "%s/data/icd10cm/icd10cm_order_2026.txt",
           sh && *sh ? sh : "../shared");
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_scrub_reopen_%d.db",
           (int)getpid());
  unlink(dbpath);
  cc_err e;
  cc_err_clear(&e);
  must(cc_store_open(dbpath, true, &st, &e), &e, "open");
  cc_codes_load_result r;
  must(cc_codes_load(st, CC_CODES_ICD10CM, p, NULL, &r, &e), &e, p);
  bool created;
  cc_payer_rec y = {.payer_code = "SYNPPO1", .name = "Synthetic PPO",
                    .filing_indicator = "CI", .claim_form = "837P",
                    .timely_filing_days = 90};
  must(cc_store_payer_put(st, &y, &ppo, &created, &e), &e, "payer");
  add_patient("A1", "M0001");
}

static void test_codes_kept_today_moves(void) {
  cc_err e;
  CHECK_INT(cc_scrub_open(st, day("2026-04-15"), &sc, &e), CC_OK);
  const cc_codes *codes = cc_scrub_codes(sc);
  CHECK(codes != NULL);
  make("R1", "M0001", "E119");
  CHECK_INT(scrub(), 0);
  /* 46 days left of 90 on 2026-04-15: not even the 15-day warning. */
  CHECK_INT(sev_of("TIMELY_FILING"), -1);
  CHECK_INT(cc_scrub_reopen(st, day("2026-06-15"), sc, &sc, &e), CC_OK);
  CHECK(cc_scrub_codes(sc) == codes); /* the same tables, not read again */
  CHECK_INT(cc_scrub_today(sc), day("2026-06-15"));
  make("R2", "M0001", "E119");
  CHECK_INT(scrub(), 1);
  /* 2026-06-15 is past the 2026-05-31 deadline */
  CHECK_INT(sev_of("TIMELY_FILING"), CC_SEV_ERROR);
  /* The kept ICD-10-CM table still answers: E11 is a category header. */
  make("R3", "M0001", "E11");
  scrub();
  CHECK_INT(sev_of("DX_NOT_BILLABLE"), CC_SEV_ERROR);
  cc_scrub_free(sc);
  sc = NULL;
}

static void test_day_data_read_again(void) {
  cc_err e;
  CHECK_INT(cc_scrub_open(st, day("2026-04-15"), &sc, &e), CC_OK);
  /* M0002 is nobody's member ID yet: the PPO does not know the claim's
   * member. */
  make("R4", "M0002", "E119");
  scrub();
  CHECK_INT(sev_of("ELIGIBILITY_INACTIVE"), CC_SEV_ERROR);
  /* The same claim again on one snapshot repeats one of its batch. */
  make("R5", "M0002", "E119");
  scrub();
  CHECK_INT(sev_of("DUPLICATE_CLAIM"), CC_SEV_ERROR);
  add_patient("A2", "M0002"); /* registered after the snapshot was read */
  CHECK_INT(cc_scrub_reopen(st, day("2026-04-16"), sc, &sc, &e), CC_OK);
  make("R6", "M0002", "E119");
  CHECK_INT(scrub(), 0); /* coverage now on file; the batch starts empty */
  CHECK_INT(sev_of("ELIGIBILITY_INACTIVE"), -1);
  CHECK_INT(sev_of("DUPLICATE_CLAIM"), -1);
  cc_scrub_free(sc);
  sc = NULL;
}

static void test_reopen_without_prev(void) {
  cc_err e;
  /* prev NULL is an ordinary open */
  CHECK_INT(cc_scrub_reopen(st, day("2026-04-15"), NULL, &sc, &e), CC_OK);
  CHECK(cc_scrub_codes(sc) != NULL);
  make("R7", "M0001", "E11");
  scrub();
  CHECK_INT(sev_of("DX_NOT_BILLABLE"), CC_SEV_ERROR);
  cc_scrub_free(sc);
  sc = NULL;
}

int main(void) {
  setup();
  RUN(test_codes_kept_today_moves);
  RUN(test_day_data_read_again);
  RUN(test_reopen_without_prev);
  cc_store_close(st);
  unlink(dbpath);
  char p[300];
  snprintf(p, sizeof p, "%s-wal", dbpath);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath);
  unlink(p);
  TEST_MAIN_END();
}
