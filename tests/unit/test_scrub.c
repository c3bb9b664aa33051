/* test_scrub.c - every scrub rule on hand-built claims: one that must
 * trigger it and near misses that must not. Code sets are the real files in
 * $CC_SHARED/data; NCCI PTP and MUE are the small CMS-layout fixtures in
 * tests/fixtures/scrub (values chosen there by hand). Payers, coverages and
 * authorizations are synthetic and written here. "Today" is pinned with the
 * as-of date 2026-04-15. Expected dates were counted by hand. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanclaim/cleanclaim.h"
#include "test.h"

static char shared[512], dbpath[256];
static cc_store *st;
static cc_scrub *sc;
static int64_t pat_a1, pat_a2, ppo, hmo, plain;

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d)) return CC_DAY_NONE;
  return d;
}

/* ---- findings of the last scrub ------------------------------------- */
typedef struct got {
  char rule[32];
  uint32_t line;
  cc_severity sev;
  char msg[512], fix[320], src[256];
} got;
static got found[64];
static int n_found;

static void on_finding(void *ctx, const cc_scrub_finding *f) {
  if (n_found >= 64) return;
  got *g = &found[n_found++];
  snprintf(g->rule, sizeof g->rule, "%s", f->rule);
  g->line = f->line;
  g->sev = f->severity;
  snprintf(g->msg, sizeof g->msg, "%s", cc_scrub_finding_message(f));
  snprintf(g->fix, sizeof g->fix, "%s", cc_scrub_finding_fix(f));
  snprintf(g->src, sizeof g->src, "%s", cc_scrub_finding_source(f));
}

static uint32_t scrub(const cc_claim *c) {
  n_found = 0;
  return cc_scrub_claim(sc, c, on_finding, NULL, NULL);
}

/* The finding of rule on line (0 = claim), or NULL. */
static const got *has(const char *rule, uint32_t line) {
  for (int i = 0; i < n_found; i++)
    if (strcmp(found[i].rule, rule) == 0 && found[i].line == line) return &found[i];
  return NULL;
}

static int count(const char *rule) {
  int n = 0;
  for (int i = 0; i < n_found; i++) n += strcmp(found[i].rule, rule) == 0;
  return n;
}

static void dump(void) {
  for (int i = 0; i < n_found; i++)
    printf("# %s:%u %s %s; fix: %s [%s]\n", "claim", found[i].line, found[i].rule,
           found[i].msg, found[i].fix, found[i].src);
}

/* ---- a clean claim to vary -------------------------------------------- */
static cc_claim_line lines[8];
static cc_claim claim;

static void set_line(int i, const char *proc, int64_t cents, int units,
                     const char *from) {
  cc_claim_line *l = &lines[i];
  memset(l, 0, sizeof *l);
  l->lx = (uint32_t)i + 1;
  strcpy(l->proc_qual, "HC");
  snprintf(l->proc, sizeof l->proc, "%s", proc);
  l->charge = CC_MONEY(cents);
  strcpy(l->unit_basis, "UN");
  l->units_milli = units * 1000;
  l->dx_ptr[0] = 1;
  l->from = l->to = day(from);
}

/* Lines set: keep the total equal to their sum. */
static void use_lines(uint32_t n) {
  claim.lines = lines;
  claim.n_lines = n;
  claim.total = CC_MONEY(0);
  for (uint32_t i = 0; i < n; i++) claim.total.cents += lines[i].charge.cents;
}

static void base(const char *pcn, const char *payer, const char *member) {
  cc_claims_init(&claim, 'P');
  snprintf(claim.pcn, sizeof claim.pcn, "%s", pcn);
  strcpy(claim.facility_code, "11");
  claim.facility_qual = 'B';
  claim.frequency = '1';
  cc_claim_party *b = &claim.billing;
  b->entity = '2';
  strcpy(b->last, "SYNTHETIC FAMILY CLINIC");
  strcpy(b->id_qual, "XX");
  strcpy(b->id, "1111111112");
  strcpy(claim.payer.last, "SYNTHETIC PAYER");
  claim.payer.entity = '2';
  strcpy(claim.payer.id_qual, "PI");
  snprintf(claim.payer.id, sizeof claim.payer.id, "%s", payer);
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
  strcpy(claim.dx[0].code, "E119");
  strcpy(claim.dx[1].qual, "ABF");
  strcpy(claim.dx[1].code, "I10");
  claim.n_dx = 2;
  set_line(0, "99213", 12500, 1, "2026-03-02");
  use_lines(1);
}

/* ---- the database ------------------------------------------------------ */
static void must(cc_code rc, const cc_err *e, const char *what) {
  if (rc) {
    printf("not ok - setup %s: ", what);
    cc_err_print(e, stdout);
    exit(1);
  }
}

static void setup(void) {
  const char *sh = getenv("CC_SHARED");
  snprintf(shared, sizeof shared, "%s", sh && *sh ? sh : "../shared");
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_scrub_%d.db", (int)getpid());
  unlink(dbpath);
  cc_err e;
  cc_err_clear(&e);
  must(cc_store_open(dbpath, true, &st, &e), &e, "open");
  static const struct { cc_codes_kind k; const char *rel; } files[] = {
      {CC_CODES_ICD10CM, "data/icd10cm/icd10cm_order_2026.txt"},
      {CC_CODES_HCPCS, "data/hcpcs/hcpcs_2025_oct_codes.csv"},
      {CC_CODES_MODIFIER, "data/hcpcs/hcpcs_2025_oct_modifiers.csv"},
      {CC_CODES_POS, "data/place_of_service/place_of_service_codes.csv"},
      {CC_CODES_CPT, "data/cms_pfs_rvu/PPRRVU2025_Oct_nodesc_cpt.csv"},
      {CC_CODES_MCE, "data/mce_code_edits/MCE_Simple_Code_Edits_v37.txt"},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char p[1024];
    cc_codes_load_result r;
    snprintf(p, sizeof p, "%s/%s", shared, files[i].rel);
    must(cc_codes_load(st, files[i].k, p, NULL, &r, &e), &e, p);
  }
  cc_codes_load_result r;
  must(cc_codes_load(st, CC_CODES_PTP, "tests/fixtures/scrub/ncci_ptp.txt", NULL, &r, &e),
       &e, "ptp");
  must(cc_codes_load(st, CC_CODES_MUE, "tests/fixtures/scrub/mue.csv", NULL, &r, &e), &e,
       "mue");

  bool created;
  const char *auth_codes[] = {"70551", "97110"};
  cc_payer_rec p = {.payer_code = "SYNPPO1", .name = "Synthetic PPO",
                    .filing_indicator = "CI", .claim_form = "837P",
                    .timely_filing_days = 90, .auth_codes = auth_codes,
                    .n_auth_codes = 2};
  must(cc_store_payer_put(st, &p, &ppo, &created, &e), &e, "payer ppo");
  cc_payer_rec h = {.payer_code = "SYNHMO2", .name = "Synthetic HMO",
                    .filing_indicator = "HM", .claim_form = "837P",
                    .timely_filing_days = 180, .referral_required = true};
  must(cc_store_payer_put(st, &h, &hmo, &created, &e), &e, "payer hmo");
  cc_payer_rec n = {.payer_code = "NORULES", .name = "Payer without rules",
                    .filing_indicator = "CI", .claim_form = "837P"};
  must(cc_store_payer_put(st, &n, &plain, &created, &e), &e, "payer plain");

  cc_patient_rec a1 = {.account_no = "A1", .last_name = "Sample", .first_name = "Pat",
                       .birth_date = "1980-02-29", .sex = "F"};
  must(cc_store_patient_put(st, &a1, &pat_a1, &created, &e), &e, "patient a1");
  cc_patient_rec a2 = {.account_no = "A2", .last_name = "Example", .first_name = "Jo",
                       .birth_date = "1990-05-05", .sex = "M"};
  must(cc_store_patient_put(st, &a2, &pat_a2, &created, &e), &e, "patient a2");
  int64_t id;
  cc_coverage_rec c1 = {.patient_id = pat_a1, .payer_id = ppo, .priority = "primary",
                        .relationship = "self", .member_id = "M0001",
                        .effective_date = "2026-01-01"};
  must(cc_store_coverage_put(st, &c1, &id, &created, &e), &e, "coverage 1");
  cc_coverage_rec c2 = {.patient_id = pat_a2, .payer_id = hmo, .priority = "primary",
                        .relationship = "self", .member_id = "M0002",
                        .effective_date = "2026-01-01", .termination_date = "2026-06-30"};
  must(cc_store_coverage_put(st, &c2, &id, &created, &e), &e, "coverage 2");
  const char *pa_codes[] = {"97110"};
  cc_auth_rec pa = {.patient_id = pat_a1, .payer_id = ppo, .kind = "prior_auth",
                    .number = "PA-555", .start_date = "2026-01-01",
                    .end_date = "2026-06-30", .visits_allowed = 12, .visits_used = 2,
                    .codes = pa_codes, .n_codes = 1};
  must(cc_store_auth_put(st, &pa, &id, &created, &e), &e, "auth");
  cc_auth_rec rf = {.patient_id = pat_a2, .payer_id = hmo, .kind = "referral",
                    .number = "RF-77", .start_date = "2026-02-01",
                    .end_date = "2026-03-01", .visits_allowed = -1};
  must(cc_store_auth_put(st, &rf, &id, &created, &e), &e, "referral");
  must(cc_scrub_open(st, day("2026-04-15"), &sc, &e), &e, "scrub open");
}

/* ---- the rules ----------------------------------------------------------- */
static void test_clean_claim(void) {
  base("CLEAN1", "SYNPPO1", "M0001");
  CHECK_INT(scrub(&claim), 0);
  CHECK_INT(n_found, 0);
  if (n_found) dump();
}

static void test_demographics(void) {
  base("DEMO1", "NORULES", "X1");
  claim.subscriber.birth_date = 0;
  claim.subscriber.name.zip[0] = '\0';
  scrub(&claim);
  const got *g = has("DEMOGRAPHICS_MISSING", 0);
  CHECK(g && strstr(g->msg, "birth date") && strstr(g->msg, "city, state and ZIP"));
  CHECK(g && !strstr(g->msg, "sex"));
  /* A dependent: the patient loop must carry the demographics, and the
   * subscriber's own birth date is then not required. */
  base("DEMO2", "NORULES", "X1");
  claim.subscriber.birth_date = 0;
  claim.has_patient = true;
  claim.patient = claim.subscriber;
  claim.patient.birth_date = day("2015-01-15");
  claim.patient.sex = 0;
  scrub(&claim);
  CHECK_INT(count("DEMOGRAPHICS_MISSING"), 1);
  g = has("DEMOGRAPHICS_MISSING", 0);
  CHECK(g && strstr(g->msg, "patient") && strstr(g->msg, "sex (DMG03)"));
  base("DEMO3", "NORULES", "");
  scrub(&claim);
  g = has("DEMOGRAPHICS_MISSING", 0);
  CHECK(g && strstr(g->msg, "member ID"));
}

static void test_npi(void) {
  base("NPI1", "NORULES", "X1");
  strcpy(claim.billing.id, "1234567890"); /* check digit should be 3 */
  scrub(&claim);
  const got *g = has("NPI_INVALID", 0);
  CHECK(g && strstr(g->msg, "1234567890") && strstr(g->msg, "expected 3"));
  base("NPI2", "NORULES", "X1");
  claim.rendering.entity = '1';
  strcpy(claim.rendering.id_qual, "XX");
  strcpy(claim.rendering.id, "123456789");
  strcpy(lines[0].rendering.id, "1234567893"); /* valid */
  lines[0].rendering.entity = '1';
  scrub(&claim);
  CHECK_INT(count("NPI_INVALID"), 1);
  g = has("NPI_INVALID", 0);
  CHECK(g && strstr(g->msg, "not 10 digits"));
  base("NPI3", "NORULES", "X1");
  claim.billing.id[0] = '\0';
  scrub(&claim);
  CHECK(has("NPI_INVALID", 0) != NULL);
}

static void test_eligibility(void) {
  /* M0002 with SYNHMO2 ends 2026-06-30; REF 9F keeps the referral rule out. */
  base("ELIG1", "SYNHMO2", "M0002");
  strcpy(claim.referral_no, "RF-OUTSIDE");
  lines[0].from = lines[0].to = day("2026-03-31");
  scrub(&claim);
  CHECK(!has("ELIGIBILITY_INACTIVE", 0));
  /* With as-of 2026-04-15 a July date is also in the future: check the
   * coverage on a snapshot judged later. */
  cc_scrub *later;
  cc_err e;
  CHECK_INT(cc_scrub_open(st, day("2026-08-01"), &later, &e), CC_OK);
  cc_scrub *keep = sc;
  sc = later;
  lines[0].from = lines[0].to = day("2026-07-01");
  scrub(&claim);
  const got *g = has("ELIGIBILITY_INACTIVE", 0);
  CHECK(g && strstr(g->msg, "SYNHMO2") && strstr(g->msg, "2026-07-01"));
  CHECK(g && strstr(g->src, "2026-06-30"));
  lines[0].from = lines[0].to = day("2026-06-30");
  scrub(&claim);
  CHECK(!has("ELIGIBILITY_INACTIVE", 0));
  sc = keep;
  cc_scrub_free(later);
  /* A member ID no coverage with SYNPPO1 carries, while the practice keeps
   * coverages with SYNPPO1: no coverage in force for payer + member. */
  base("ELIG2", "SYNPPO1", "UNKNOWN9");
  scrub(&claim);
  g = has("ELIGIBILITY_INACTIVE", 0);
  CHECK(g && strstr(g->msg, "UNKNOWN9") && strstr(g->msg, "SYNPPO1"));
  /* Known patient billed to a payer they have no coverage with. */
  base("ELIG3", "NORULES", "M0001");
  scrub(&claim);
  CHECK(has("ELIGIBILITY_INACTIVE", 0) != NULL);
}

static void test_dx(void) {
  base("DX1", "NORULES", "X1");
  strcpy(claim.dx[1].code, "E1199"); /* not in the tabular list */
  scrub(&claim);
  const got *g = has("DX_INVALID", 0);
  CHECK(g && strstr(g->msg, "E11.99"));
  CHECK_INT(count("DX_INVALID"), 1);
  base("DX2", "NORULES", "X1");
  strcpy(claim.dx[0].code, "E11"); /* header; E11.9 is billable */
  scrub(&claim);
  g = has("DX_NOT_BILLABLE", 0);
  CHECK(g && strstr(g->fix, "E11.9"));
  CHECK(g && strstr(g->src, "FY2026"));
  CHECK(!has("DX_INVALID", 0));
  /* FY2026 starts 2025-10-01: the day before, E11.9 is not in force. */
  base("DX3", "NORULES", "X1");
  lines[0].from = lines[0].to = day("2025-09-30");
  scrub(&claim);
  CHECK_INT(count("DX_INVALID"), 2);
  lines[0].from = lines[0].to = day("2025-10-01");
  scrub(&claim);
  CHECK_INT(count("DX_INVALID"), 0);
}

static void test_dx_pointer(void) {
  base("PTR1", "NORULES", "X1");
  set_line(1, "36415", 2000, 1, "2026-03-02");
  lines[1].dx_ptr[0] = 0;
  set_line(2, "85025", 3000, 1, "2026-03-02");
  lines[2].dx_ptr[0] = 2;
  lines[2].dx_ptr[1] = 3; /* the claim has two diagnoses */
  use_lines(3);
  scrub(&claim);
  CHECK(!has("DX_POINTER_INVALID", 1));
  CHECK(has("DX_POINTER_INVALID", 2) != NULL);
  const got *g = has("DX_POINTER_INVALID", 3);
  CHECK(g && strstr(g->msg, "pointer 3"));
  CHECK_INT(count("DX_POINTER_INVALID"), 2);
  /* The first of two findings of one rule keeps its own fix and source
   * (its text is rebuilt by running the rule again; the second finding's
   * text must not overwrite or clear it). */
  g = has("DX_POINTER_INVALID", 2);
  CHECK(g && strstr(g->fix, "SV107-1"));
  CHECK(g && strstr(g->src, "SV107 (required)"));
  g = has("DX_POINTER_INVALID", 3);
  CHECK(g && strstr(g->fix, "point at one of the claim's 2 diagnoses"));
  CHECK(g && strstr(g->src, "pointers 1 to 12"));
}

static void test_dx_sex_age(void) {
  base("SEX1", "NORULES", "X1");
  strcpy(claim.dx[1].code, "N952"); /* MCE Female_Only */
  scrub(&claim);
  CHECK(!has("DX_SEX_CONFLICT", 0));
  claim.subscriber.sex = 'M';
  scrub(&claim);
  const got *g = has("DX_SEX_CONFLICT", 0);
  CHECK(g && strstr(g->src, "Female_Only"));
  claim.subscriber.sex = 'U'; /* unknown: nothing to compare */
  scrub(&claim);
  CHECK(!has("DX_SEX_CONFLICT", 0));
  /* N40.0 is Adult_Only (15-124) and Male_Only in the MCE file. */
  base("AGE1", "NORULES", "X1");
  claim.subscriber.sex = 'M';
  strcpy(claim.dx[1].code, "N400");
  claim.subscriber.birth_date = day("2011-03-03"); /* 14 on 2026-03-02 */
  scrub(&claim);
  g = has("DX_AGE_CONFLICT", 0);
  CHECK(g && strstr(g->msg, "15 to 124") && strstr(g->msg, "is 14"));
  claim.subscriber.birth_date = day("2011-03-02"); /* 15 that day */
  scrub(&claim);
  CHECK(!has("DX_AGE_CONFLICT", 0));
  CHECK(!has("DX_SEX_CONFLICT", 0));
}

static void test_proc_mod_pos(void) {
  base("PROC1", "NORULES", "X1");
  set_line(1, "99201", 5000, 1, "2026-03-02"); /* deleted from CPT in 2021 */
  set_line(2, "Z9999", 5000, 1, "2026-03-02"); /* no such HCPCS code */
  set_line(3, "J1040", 5000, 1, "2026-03-02");
  strcpy(lines[3].mod[0], "ZZ"); /* not a modifier */
  strcpy(lines[0].mod[0], "25");
  use_lines(4);
  scrub(&claim);
  CHECK(!has("PROC_INVALID", 1));
  CHECK(has("PROC_INVALID", 2) != NULL);
  CHECK(has("PROC_INVALID", 3) != NULL);
  CHECK(!has("PROC_INVALID", 4));
  CHECK(has("MODIFIER_INVALID", 4) != NULL);
  CHECK_INT(count("MODIFIER_INVALID"), 1);
  strcpy(claim.facility_code, "00");
  strcpy(lines[1].pos, "99"); /* "Other place of service" is a code */
  scrub(&claim);
  CHECK(has("POS_INVALID", 0) != NULL);
  CHECK(!has("POS_INVALID", 2));
}

static void test_ncci_ptp(void) {
  /* 20610/20604 indicator 0: no modifier helps. */
  base("PTP1", "NORULES", "X1");
  set_line(1, "20604", 9000, 1, "2026-03-02");
  strcpy(lines[1].mod[0], "59");
  lines[0] = lines[1];
  strcpy(lines[0].proc, "20610");
  lines[0].lx = 1;
  use_lines(2);
  scrub(&claim);
  const got *g = has("NCCI_PTP", 2);
  CHECK(g && strstr(g->msg, "never"));
  CHECK(!has("NCCI_PTP", 1));
  /* 11042/97597 indicator 1: denied bare, allowed with XS. */
  base("PTP2", "NORULES", "X1");
  set_line(0, "11042", 9000, 1, "2026-03-02");
  set_line(1, "97597", 9000, 1, "2026-03-02");
  use_lines(2);
  scrub(&claim);
  CHECK(has("NCCI_PTP", 2) != NULL);
  strcpy(lines[1].mod[0], "XS");
  scrub(&claim);
  CHECK(!has("NCCI_PTP", 2));
  /* Different rendering providers: not the same provider. */
  lines[1].mod[0][0] = '\0';
  strcpy(lines[0].rendering.id, "1234567893");
  scrub(&claim);
  CHECK(!has("NCCI_PTP", 2));
  /* Different dates: no edit. */
  lines[0].rendering.id[0] = '\0';
  lines[1].from = lines[1].to = day("2026-03-03");
  scrub(&claim);
  CHECK(!has("NCCI_PTP", 2));
  /* 97140/97530 indicator 1 with GP only (not NCCI-associated). */
  base("PTP3", "NORULES", "X1");
  set_line(0, "97140", 9000, 1, "2026-03-02");
  set_line(1, "97530", 9000, 1, "2026-03-02");
  strcpy(lines[0].mod[0], "GP");
  strcpy(lines[1].mod[0], "GP");
  use_lines(2);
  scrub(&claim);
  CHECK(has("NCCI_PTP", 2) != NULL);
  /* 93000/93005 deleted 2026-03-01: in force up to 2026-02-28. */
  base("PTP4", "NORULES", "X1");
  set_line(0, "93000", 9000, 1, "2026-02-28");
  set_line(1, "93005", 9000, 1, "2026-02-28");
  use_lines(2);
  scrub(&claim);
  CHECK(has("NCCI_PTP", 2) != NULL);
  lines[0].from = lines[0].to = lines[1].from = lines[1].to = day("2026-03-01");
  scrub(&claim);
  CHECK(!has("NCCI_PTP", 2));
  /* 64483/J1040 indicator 9: not applicable. */
  base("PTP5", "NORULES", "X1");
  set_line(0, "64483", 9000, 1, "2026-03-02");
  set_line(1, "J1040", 9000, 1, "2026-03-02");
  use_lines(2);
  scrub(&claim);
  CHECK_INT(count("NCCI_PTP"), 0);
  /* 99214/36415 effective 2026-04-01. */
  base("PTP6", "NORULES", "X1");
  set_line(0, "99214", 9000, 1, "2026-03-31");
  set_line(1, "36415", 2000, 1, "2026-03-31");
  use_lines(2);
  scrub(&claim);
  CHECK(!has("NCCI_PTP", 2));
  lines[0].from = lines[0].to = lines[1].from = lines[1].to = day("2026-04-01");
  scrub(&claim);
  g = has("NCCI_PTP", 2);
  CHECK(g && strstr(g->src, "99214/36415") && strstr(g->src, "2026-04-01"));
}

static void test_mue(void) {
  /* 36415: 2 units, line edit. */
  base("MUE1", "NORULES", "X1");
  set_line(0, "36415", 2000, 2, "2026-03-02");
  set_line(1, "36415", 2000, 2, "2026-03-02");
  use_lines(2);
  scrub(&claim);
  CHECK_INT(count("MUE_UNITS"), 0); /* per line, each at the limit */
  lines[1].units_milli = 3000;
  scrub(&claim);
  CHECK(has("MUE_UNITS", 2) != NULL);
  CHECK_INT(count("MUE_UNITS"), 1);
  /* 97110: 4 units per date of service (indicator 3), lines added up. */
  base("MUE2", "NORULES", "X1");
  set_line(0, "97110", 4000, 2, "2026-03-02");
  set_line(1, "97110", 4000, 2, "2026-03-02");
  set_line(2, "97110", 4000, 1, "2026-03-03");
  use_lines(3);
  scrub(&claim);
  CHECK_INT(count("MUE_UNITS"), 0);
  lines[1].units_milli = 3000;
  scrub(&claim);
  const got *g = has("MUE_UNITS", 1);
  CHECK(g && strstr(g->msg, "5 units"));
  CHECK_INT(count("MUE_UNITS"), 1);
}

static void test_auth(void) {
  /* PA-555 covers 97110 from 2026-01-01 to 2026-06-30 with visits left. */
  base("AUTH1", "SYNPPO1", "M0001");
  set_line(0, "97110", 8000, 1, "2026-03-02");
  use_lines(1);
  scrub(&claim);
  CHECK(!has("AUTH_MISSING", 1));
  /* 70551 needs authorization too and PA-555 does not list it. */
  set_line(1, "70551", 90000, 1, "2026-03-02");
  use_lines(2);
  scrub(&claim);
  CHECK(has("AUTH_MISSING", 2) != NULL);
  /* A number on the claim that is not on file is taken as given. */
  strcpy(claim.prior_auth, "EXT-123");
  scrub(&claim);
  CHECK(!has("AUTH_MISSING", 2));
  /* Authorization ended the day before. */
  cc_scrub *later;
  cc_err e;
  CHECK_INT(cc_scrub_open(st, day("2026-08-01"), &later, &e), CC_OK);
  cc_scrub *keep = sc;
  sc = later;
  base("AUTH2", "SYNPPO1", "M0001");
  set_line(0, "97110", 8000, 1, "2026-07-01");
  use_lines(1);
  scrub(&claim);
  const got *g = has("AUTH_MISSING", 1);
  CHECK(g && strstr(g->msg, "PA-555") && strstr(g->msg, "2026-06-30"));
  sc = keep;
  cc_scrub_free(later);
}

static void test_referral(void) {
  base("REF1", "SYNHMO2", "M0002");
  lines[0].from = lines[0].to = day("2026-02-15"); /* RF-77 runs 02-01..03-01 */
  scrub(&claim);
  CHECK(!has("REFERRAL_MISSING", 0));
  lines[0].from = lines[0].to = day("2026-03-02");
  scrub(&claim);
  CHECK(has("REFERRAL_MISSING", 0) != NULL);
  strcpy(claim.referral_no, "RF-NEW");
  scrub(&claim);
  CHECK(!has("REFERRAL_MISSING", 0));
  base("REF2", "NORULES", "M0002");
  scrub(&claim);
  CHECK(!has("REFERRAL_MISSING", 0));
}

static void test_duplicate(void) {
  base("DUP1", "NORULES", "DUPMEMBER");
  scrub(&claim);
  CHECK(!has("DUPLICATE_CLAIM", 0));
  base("DUP2", "NORULES", "DUPMEMBER");
  scrub(&claim);
  const got *g = has("DUPLICATE_CLAIM", 0);
  CHECK(g && strstr(g->msg, "DUP1"));
  base("DUP3", "NORULES", "DUPMEMBER");
  claim.frequency = '7'; /* a corrected claim repeats on purpose */
  scrub(&claim);
  CHECK(!has("DUPLICATE_CLAIM", 0));
  base("DUP4", "NORULES", "DUPMEMBER");
  lines[0].from = lines[0].to = day("2026-03-03");
  scrub(&claim);
  CHECK(!has("DUPLICATE_CLAIM", 0));
}

static void test_timely(void) {
  /* SYNPPO1: 90 days; today 2026-04-15. 2026-01-14 + 90 = 2026-04-14. */
  base("TF1", "SYNPPO1", "M0001");
  lines[0].from = lines[0].to = day("2026-01-14");
  scrub(&claim);
  const got *g = has("TIMELY_FILING", 0);
  CHECK(g && g->sev == CC_SEV_ERROR && strstr(g->msg, "2026-04-14"));
  base("TF2", "SYNPPO1", "M0001");
  lines[0].from = lines[0].to = day("2026-01-15"); /* deadline today */
  scrub(&claim);
  g = has("TIMELY_FILING", 0);
  CHECK(g && g->sev == CC_SEV_WARNING);
  base("TF3", "SYNPPO1", "M0001");
  lines[0].from = lines[0].to = day("2026-01-30"); /* 15 days left */
  scrub(&claim);
  g = has("TIMELY_FILING", 0);
  CHECK(g && g->sev == CC_SEV_WARNING && strstr(g->msg, "15 days"));
  base("TF4", "SYNPPO1", "M0001");
  lines[0].from = lines[0].to = day("2026-01-31"); /* 16 days left */
  scrub(&claim);
  CHECK(!has("TIMELY_FILING", 0));
  base("TF5", "NORULES", "M0001"); /* no limit on file */
  lines[0].from = lines[0].to = day("2025-10-02");
  scrub(&claim);
  CHECK(!has("TIMELY_FILING", 0));
}

static void test_charge_date(void) {
  base("CH1", "NORULES", "X1");
  set_line(1, "36415", 0, 1, "2026-03-02");
  use_lines(2);
  scrub(&claim);
  CHECK(has("CHARGE_INVALID", 2) != NULL);
  CHECK(!has("CHARGE_INVALID", 0));
  lines[1].charge = CC_MONEY(1000);
  scrub(&claim); /* total still 125.00, lines 135.00 */
  const got *g = has("CHARGE_INVALID", 0);
  CHECK(g && strstr(g->msg, "125.00") && strstr(g->msg, "135.00"));
  base("DT1", "NORULES", "X1");
  lines[0].from = lines[0].to = day("2026-04-16"); /* today is 04-15 */
  scrub(&claim);
  CHECK(has("DATE_INVALID", 1) != NULL);
  lines[0].from = lines[0].to = day("2026-04-15");
  scrub(&claim);
  CHECK(!has("DATE_INVALID", 1));
  lines[0].from = day("2026-03-05");
  lines[0].to = day("2026-03-04");
  scrub(&claim);
  g = has("DATE_INVALID", 1);
  CHECK(g && strstr(g->msg, "before"));
}

static void test_no_database(void) {
  /* Without a store, rules that need code sets or payer rules stay quiet. */
  cc_scrub *bare;
  cc_err e;
  CHECK_INT(cc_scrub_open(NULL, day("2026-04-15"), &bare, &e), CC_OK);
  base("BARE1", "SYNPPO1", "M0001");
  strcpy(claim.dx[0].code, "E11");
  strcpy(claim.billing.id, "1234567890");
  lines[0].from = lines[0].to = day("2025-01-02");
  n_found = 0;
  cc_scrub_claim(bare, &claim, on_finding, NULL, NULL);
  CHECK(has("NPI_INVALID", 0) != NULL);
  CHECK_INT(count("DX_NOT_BILLABLE") + count("TIMELY_FILING") + count("ELIGIBILITY_INACTIVE"), 0);
  cc_scrub_free(bare);
}

static void test_print(void) {
  cc_scrub_finding f = {.claim = "C\"1", .line = 0, .rule = "NPI_INVALID",
                        .severity = CC_SEV_ERROR, .message = "m", .fix = "f",
                        .source = "s"};
  char buf[512] = "";
  FILE *m = fmemopen(buf, sizeof buf, "w");
  cc_scrub_finding_print(&f, false, m);
  f.line = 3;
  cc_scrub_finding_print(&f, true, m);
  fclose(m);
  CHECK_STR(buf, "C\"1:-: NPI_INVALID error: m; fix: f [source: s]\n"
                 "{\"claim\":\"C\\\"1\",\"line\":3,\"rule\":\"NPI_INVALID\","
                 "\"severity\":\"error\",\"message\":\"m\",\"fix\":\"f\",\"source\":\"s\"}\n");
}

int main(void) {
  setup();
  RUN(test_clean_claim);
  RUN(test_demographics);
  RUN(test_npi);
  RUN(test_eligibility);
  RUN(test_dx);
  RUN(test_dx_pointer);
  RUN(test_dx_sex_age);
  RUN(test_proc_mod_pos);
  RUN(test_ncci_ptp);
  RUN(test_mue);
  RUN(test_auth);
  RUN(test_referral);
  RUN(test_duplicate);
  RUN(test_timely);
  RUN(test_charge_date);
  RUN(test_no_database);
  RUN(test_print);
  cc_scrub_free(sc);
  cc_store_close(st);
  unlink(dbpath);
  TEST_MAIN_END();
}
