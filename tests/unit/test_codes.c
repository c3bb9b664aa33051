/* test_codes.c - code-set loaders on the real files in $CC_SHARED/data and
 * on the fixtures in tests/fixtures/codes, then the snapshot lookups, search
 * and show. Expected counts come from the data README; expected codes and
 * descriptions were read by hand from the files. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanclaim/codes.h"
#include "test.h"

static char shared[512], dbpath[256];
static cc_store *st;

static const char *data(const char *rel) {
  static char p[1024];
  snprintf(p, sizeof p, "%s/data/%s", shared, rel);
  return p;
}

static const char *fixture(const char *name) {
  static char p[1024];
  snprintf(p, sizeof p, "tests/fixtures/codes/%s", name);
  return p;
}

static cc_day day(const char *iso) {
  cc_day d = 0;
  if (cc_date_parse_iso(cc_slice_cstr(iso), &d)) return CC_DAY_NONE;
  return d;
}

static cc_code load(cc_codes_kind k, const char *path, cc_codes_load_result *r,
                    cc_err *e) {
  cc_err_clear(e);
  return cc_codes_load(st, k, path, NULL, r, e);
}

static void test_load_icd10(void) {
  cc_codes_load_result r;
  cc_err e;
  CHECK_INT(load(CC_CODES_ICD10CM, data("icd10cm/icd10cm_order_2026.txt"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 98186); /* README: 74,719 billable + 23,467 headers */
  CHECK_INT(r.headers, 23467);
  CHECK_STR(r.release, "FY2026");
  CHECK_INT(r.effective, day("2025-10-01"));
  CHECK_INT(r.termination, day("2026-09-30"));
  CHECK(!r.unchanged);
}

static void test_load_others(void) {
  cc_codes_load_result r;
  cc_err e;
  CHECK_INT(load(CC_CODES_HCPCS, data("hcpcs/hcpcs_2025_oct_codes.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 8463);
  CHECK_STR(r.release, "2025-10");
  CHECK_INT(load(CC_CODES_MODIFIER, data("hcpcs/hcpcs_2025_oct_modifiers.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 383);
  CHECK_INT(load(CC_CODES_POS, data("place_of_service/place_of_service_codes.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 48);
  CHECK_INT(load(CC_CODES_CARC, data("x12_carc_rarc/carc.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 291);
  CHECK_INT(load(CC_CODES_RARC, data("x12_carc_rarc/rarc.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 1083);
  CHECK_INT(load(CC_CODES_TAXONOMY, data("nucc_taxonomy/nucc_taxonomy_251.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 883);
  CHECK_STR(r.release, "25.1");
  CHECK_INT(r.effective, day("2025-07-01"));
  CHECK_INT(load(CC_CODES_MCE, data("mce_code_edits/MCE_Simple_Code_Edits_v37.txt"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 14153);
  CHECK_STR(r.release, "v37");
  CHECK_INT(r.effective, day("2019-10-01")); /* v37 is FY2020 */
  CHECK_INT(load(CC_CODES_CPT, fixture("cpt_sample.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 5);
  CHECK_INT(load(CC_CODES_PTP, fixture("ncci_ptp_sample.txt"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 5);
  CHECK_INT(load(CC_CODES_MUE, fixture("mue_sample.csv"), &r, &e), CC_OK);
  CHECK_INT(r.rows, 4);
}

static void test_reload_unchanged(void) {
  cc_codes_load_result r;
  cc_err e;
  cc_codes *c;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  size_t before = cc_codes_count(c, CC_CODES_ICD10CM);
  cc_codes_free(c);
  CHECK_INT(load(CC_CODES_ICD10CM, data("icd10cm/icd10cm_order_2026.txt"), &r, &e), CC_OK);
  CHECK(r.unchanged);
  CHECK_INT(r.rows, 98186);
  CHECK_INT(load(CC_CODES_PTP, fixture("ncci_ptp_sample.txt"), &r, &e), CC_OK);
  CHECK(r.unchanged);
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  CHECK_INT(cc_codes_count(c, CC_CODES_ICD10CM), before);
  CHECK_INT(cc_codes_count(c, CC_CODES_PTP), 5);
  cc_codes_free(c);
}

static void test_malformed_rejected(void) {
  cc_codes_load_result r;
  cc_err e;
  CHECK_INT(load(CC_CODES_PTP, fixture("ncci_ptp_bad.txt"), &r, &e), CC_E_SYNTAX);
  CHECK_INT(e.line, 5); /* 20151301: month 13 */
  CHECK(e.file && strstr(e.file, "ncci_ptp_bad.txt"));
  CHECK(strstr(e.detail, "20151301") != NULL);
  CHECK_INT(load(CC_CODES_CPT, fixture("cpt_bad.csv"), &r, &e), CC_E_SYNTAX);
  CHECK_INT(e.line, 3);
  /* Nothing of either file was kept: the two good PTP lines before the bad
   * one are not in the snapshot, and 99213 has only the sample's text. */
  cc_codes *c;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  CHECK_INT(cc_codes_count(c, CC_CODES_PTP), 5);
  CHECK_INT(cc_codes_count(c, CC_CODES_CPT), 5);
  cc_code_info ci;
  CHECK(cc_codes_cpt(c, CC_SLICE_LIT("99213"), CC_DAY_ANY, &ci));
  CHECK(strstr(ci.desc, "low level") != NULL);
  cc_codes_free(c);
  /* An addenda file is not an order file. */
  CHECK_INT(load(CC_CODES_ICD10CM, data("icd10cm/icd10cm_order_addenda_2026.txt"), &r, &e),
            CC_E_SYNTAX);
  CHECK_INT(e.line, 1);
}

static void test_icd10_lookup(void) {
  cc_codes *c;
  cc_err e;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  cc_code_info ci;
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("A000"), day("2026-01-15"), &ci));
  CHECK(ci.billable);
  CHECK_STR(ci.desc, "Cholera due to Vibrio cholerae 01, biovar cholerae");
  CHECK_STR(ci.release, "FY2026");
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("A00"), day("2026-01-15"), &ci));
  CHECK(ci.header && !ci.billable);
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("e11.9"), day("2026-01-15"), &ci)); /* dot, case */
  /* FY2026 runs 2025-10-01 .. 2026-09-30 inclusive. */
  CHECK(!cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2025-09-30"), NULL));
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2025-10-01"), NULL));
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2026-09-30"), NULL));
  CHECK(!cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2026-10-01"), NULL));
  CHECK(!cc_codes_icd10(c, CC_SLICE_LIT("E11999"), day("2026-01-15"), NULL));
  /* MCE edits read from MCE_Simple_Code_Edits_v37.txt. */
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("N800"), day("2026-01-15"), &ci));
  CHECK_INT(ci.sex, 'F');
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("C61"), day("2026-01-15"), &ci));
  CHECK_INT(ci.sex, 'M');
  CHECK_INT(ci.age_min, -1);
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("A33"), day("2026-01-15"), &ci));
  CHECK_INT(ci.age_min, 0); /* Newborn_Only */
  CHECK_INT(ci.age_max, 0);
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("Z3A00"), day("2026-01-15"), &ci));
  CHECK_INT(ci.sex, 'F');   /* Female_Only and Maternity_Only (12-55) */
  CHECK_INT(ci.age_min, 12);
  CHECK_INT(ci.age_max, 55);
  CHECK(ci.mce & CC_MCE_UNACCEPTABLE);
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("A1814"), day("2026-01-15"), &ci));
  CHECK_INT(ci.age_min, 15); /* Adult_Only */
  CHECK_INT(ci.age_max, 124);
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2026-01-15"), &ci));
  CHECK_INT(ci.sex, 0);
  cc_codes_free(c);
}

static void test_newer_release_keeps_older(void) {
  cc_codes_load_result r;
  cc_err e;
  CHECK_INT(load(CC_CODES_ICD10CM, fixture("icd10cm_order_2027.txt"), &r, &e), CC_OK);
  CHECK_STR(r.release, "FY2027");
  CHECK_INT(r.rows, 4);
  CHECK_INT(r.headers, 2);
  cc_codes *c;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  cc_code_info ci;
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2026-10-01"), &ci));
  CHECK_STR(ci.release, "FY2027");
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("E119"), day("2026-03-01"), &ci));
  CHECK_STR(ci.release, "FY2026");
  /* A001 is not in the pretend FY2027 file: valid before, not after. */
  CHECK(cc_codes_icd10(c, CC_SLICE_LIT("A001"), day("2026-09-30"), NULL));
  CHECK(!cc_codes_icd10(c, CC_SLICE_LIT("A001"), day("2026-10-01"), NULL));
  cc_codes_free(c);
  /* A snapshot as of FY2027 leaves the FY2026 rows out. */
  CHECK_INT(cc_codes_open(st, day("2026-10-01"), &c, &e), CC_OK);
  CHECK_INT(cc_codes_count(c, CC_CODES_ICD10CM), 4);
  cc_codes_free(c);
}

static void test_other_lookups(void) {
  cc_codes *c;
  cc_err e;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  cc_code_info ci;
  cc_day today = day("2026-01-15");
  CHECK(cc_codes_hcpcs(c, CC_SLICE_LIT("A0021"), today, &ci));
  CHECK_STR(ci.desc, "Outside state ambulance serv");
  CHECK(cc_codes_hcpcs(c, CC_SLICE_LIT("J1040"), today, &ci));
  CHECK_STR(ci.desc, "Methylprednisolone 80 mg inj");
  CHECK(!cc_codes_hcpcs(c, CC_SLICE_LIT("99213"), today, NULL));
  CHECK(cc_codes_cpt(c, CC_SLICE_LIT("0591T"), today, NULL));
  CHECK(cc_codes_modifier(c, CC_SLICE_LIT("LT"), today, &ci));
  CHECK_STR(ci.desc, "Left side");
  /* CPT modifiers are built in. */
  CHECK(cc_codes_modifier(c, CC_SLICE_LIT("25"), today, &ci));
  CHECK(strstr(ci.desc, "separately identifiable") != NULL);
  CHECK(cc_codes_modifier(c, CC_SLICE_LIT("59"), today, NULL));
  CHECK(cc_codes_modifier(c, CC_SLICE_LIT("91"), today, NULL));
  CHECK(!cc_codes_modifier(c, CC_SLICE_LIT("98"), today, NULL));
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("11"), today, &ci));
  CHECK_STR(ci.desc, "Office");
  /* 10 was assigned in 2022 (built in); 02 was renamed then. */
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("10"), today, NULL));
  CHECK(!cc_codes_pos(c, CC_SLICE_LIT("10"), day("2021-06-01"), NULL));
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("02"), today, &ci));
  CHECK_STR(ci.desc, "Telehealth Provided Other than in Patient's Home");
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("02"), day("2021-06-01"), &ci));
  CHECK_STR(ci.desc, "Telehealth");
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("27"), today, NULL));
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("58"), today, NULL));
  CHECK(cc_codes_pos(c, CC_SLICE_LIT("66"), today, NULL));
  CHECK(!cc_codes_pos(c, CC_SLICE_LIT("35"), today, NULL)); /* unassigned */
  CHECK(cc_codes_carc(c, CC_SLICE_LIT("1"), CC_DAY_ANY, &ci));
  CHECK_STR(ci.desc, "Deductible Amount");
  CHECK(cc_codes_rarc(c, CC_SLICE_LIT("M1"), CC_DAY_ANY, &ci));
  CHECK_STR(ci.desc, "X-ray not taken within the past 12 months or near enough "
                     "to the start of treatment.");
  CHECK(cc_codes_taxonomy(c, CC_SLICE_LIT("207Q00000X"), today, &ci));
  CHECK_STR(ci.desc, "Family Medicine Physician");
  cc_codes_free(c);
}

static void test_ptp_mue(void) {
  cc_codes *c;
  cc_err e;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  cc_ptp_edit p;
  CHECK(cc_codes_ptp(c, CC_SLICE_LIT("11042"), CC_SLICE_LIT("97597"), day("2026-01-15"), &p));
  CHECK_INT(p.modifier, 1);
  CHECK_INT(p.effective, day("2015-01-01"));
  CHECK_INT(p.deletion, CC_DAY_NONE);
  CHECK(!p.prior_1996);
  /* Column order matters. */
  CHECK(!cc_codes_ptp(c, CC_SLICE_LIT("97597"), CC_SLICE_LIT("11042"), day("2026-01-15"), NULL));
  CHECK(cc_codes_ptp(c, CC_SLICE_LIT("20610"), CC_SLICE_LIT("20604"), day("2026-01-15"), &p));
  CHECK_INT(p.modifier, 0);
  CHECK(!cc_codes_ptp(c, CC_SLICE_LIT("20610"), CC_SLICE_LIT("20604"), day("2014-12-31"), NULL));
  CHECK(cc_codes_ptp(c, CC_SLICE_LIT("29881"), CC_SLICE_LIT("29877"), day("2026-01-15"), &p));
  CHECK(p.prior_1996);
  /* Deleted 2023-07-01: applies through 2023-06-30 only. */
  CHECK(cc_codes_ptp(c, CC_SLICE_LIT("93000"), CC_SLICE_LIT("93005"), day("2023-06-30"), &p));
  CHECK_INT(p.deletion, day("2023-07-01"));
  CHECK(!cc_codes_ptp(c, CC_SLICE_LIT("93000"), CC_SLICE_LIT("93005"), day("2023-07-01"), NULL));
  CHECK(cc_codes_ptp(c, CC_SLICE_LIT("64483"), CC_SLICE_LIT("J1040"), day("2024-04-01"), &p));
  CHECK_INT(p.modifier, 9);
  cc_mue m;
  CHECK(cc_codes_mue(c, CC_SLICE_LIT("36415"), day("2026-01-15"), &m));
  CHECK_INT(m.max_units, 2);
  CHECK_INT(m.indicator, 1);
  CHECK(cc_codes_mue(c, CC_SLICE_LIT("J1040"), day("2026-01-15"), &m));
  CHECK_INT(m.max_units, 4);
  CHECK_INT(m.indicator, 3);
  CHECK(!cc_codes_mue(c, CC_SLICE_LIT("99213"), day("2026-01-15"), NULL));
  cc_codes_free(c);
}

typedef struct hits {
  char code[8][16];
  char kind[8][12];
  int n;
} hits;

static void collect(void *ctx, const cc_codes_row *r) {
  hits *h = ctx;
  if (h->n >= 8) return;
  snprintf(h->code[h->n], 16, "%s", r->code);
  snprintf(h->kind[h->n], 12, "%s", cc_codes_kind_name(r->kind));
  h->n++;
}

static void test_search(void) {
  hits h = {0};
  cc_err e;
  /* Exact code first, then longer codes starting with it, shortest first. */
  CHECK_INT(cc_codes_search(st, "E11", CC_CODES_ICD10CM, 4, collect, &h, &e), CC_OK);
  CHECK_INT(h.n, 4);
  CHECK_STR(h.code[0], "E11");
  CHECK_STR(h.code[1], "E110");
  memset(&h, 0, sizeof h);
  CHECK_INT(cc_codes_search(st, "E11.9", -1, 3, collect, &h, &e), CC_OK);
  CHECK_STR(h.code[0], "E119");
  /* A description that is exactly the word comes before longer ones. */
  memset(&h, 0, sizeof h);
  CHECK_INT(cc_codes_search(st, "cholera", -1, 3, collect, &h, &e), CC_OK);
  CHECK_INT(h.n, 3);
  CHECK_STR(h.code[0], "A00");
  /* Every word must appear (as a word prefix). */
  memset(&h, 0, sizeof h);
  CHECK_INT(cc_codes_search(st, "type 2 diabetes without complications", -1, 5,
                            collect, &h, &e), CC_OK);
  CHECK(h.n >= 1);
  CHECK_STR(h.code[0], "E119");
  /* One row per code even with two releases loaded (FY2026 and FY2027). */
  memset(&h, 0, sizeof h);
  CHECK_INT(cc_codes_search(st, "E119", CC_CODES_ICD10CM, 8, collect, &h, &e), CC_OK);
  CHECK_INT(h.n, 1);
  memset(&h, 0, sizeof h);
  CHECK_INT(cc_codes_search(st, "family medicine", CC_CODES_TAXONOMY, 3, collect, &h, &e),
            CC_OK);
  CHECK_STR(h.code[0], "207Q00000X");
}

static void show_cb(void *ctx, const cc_codes_row *r) {
  hits *h = ctx;
  collect(ctx, r);
  if (r->kind == CC_CODES_ICD10CM && h->n == 1) snprintf(h->kind[7], 12, "%.11s", r->mce);
}

static void test_show(void) {
  hits h = {0};
  cc_err e;
  CHECK_INT(cc_codes_show(st, "N80.0", CC_CODES_ICD10CM, show_cb, &h, &e), CC_OK);
  CHECK_INT(h.n, 1);
  CHECK_STR(h.kind[7], "Female_Only");
  memset(&h, 0, sizeof h);
  /* 25 is both a CPT modifier and a place of service (Birthing Center). */
  CHECK_INT(cc_codes_show(st, "25", -1, collect, &h, &e), CC_OK);
  CHECK_INT(h.n, 2);
  CHECK_STR(h.kind[0], "modifiers");
  CHECK_STR(h.kind[1], "pos");
  CHECK_INT(cc_codes_show(st, "ZZZ99", -1, collect, &h, &e), CC_E_NOTFOUND);
}

static void test_replace_release(void) {
  /* The same release name and file name with other bytes replaces the
   * release's rows instead of adding to them. */
  char path[300];
  snprintf(path, sizeof path, "%s.d/cpt_sample.csv", dbpath);
  char dir[300];
  snprintf(dir, sizeof dir, "%s.d", dbpath);
  mkdir(dir, 0700);
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs("code,descriptor\n99213,Office visit (second wording)\n", f);
  fclose(f);
  cc_codes_load_result r;
  cc_err e;
  CHECK_INT(load(CC_CODES_CPT, path, &r, &e), CC_OK);
  CHECK(r.replaced);
  CHECK_INT(r.rows, 1);
  cc_codes *c;
  CHECK_INT(cc_codes_open(st, CC_DAY_NONE, &c, &e), CC_OK);
  CHECK_INT(cc_codes_count(c, CC_CODES_CPT), 1);
  cc_codes_free(c);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  const char *sh = getenv("CC_SHARED");
  snprintf(shared, sizeof shared, "%s", sh && *sh ? sh : "../shared");
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_codes_%d.db", (int)getpid());
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(dbpath, true, &st, &e)) {
    printf("not ok - open %s: %s %s\n", dbpath, e.msg, e.detail);
    return 1;
  }
  RUN(test_load_icd10);
  RUN(test_load_others);
  RUN(test_reload_unchanged);
  RUN(test_malformed_rejected);
  RUN(test_icd10_lookup);
  RUN(test_newer_release_keeps_older);
  RUN(test_other_lookups);
  RUN(test_ptp_mue);
  RUN(test_search);
  RUN(test_show);
  RUN(test_replace_release);
  cc_store_close(st);
  char p[300];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath);
  unlink(p);
  TEST_MAIN_END();
}
