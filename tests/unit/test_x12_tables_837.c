/* test_x12_tables_837.c - the 837P and 837I guide tables, seen through the
 * loop-aware reader on the shared samples. Expected counts were taken by
 * reading each sample file by hand (segment by segment), not from a run. */
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "x12/x12_int.h"
#include "test.h"

static char *slurp(const char *rel, size_t *n) {
  char path[512];
  snprintf(path, sizeof path, "%s/x12/%s", t_shared(), rel);
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = malloc((size_t)len + 1);
  if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
    free(p);
    p = NULL;
  }
  fclose(f);
  if (p) *n = (size_t)len;
  return p;
}

/* What one walk over a file saw. */
typedef struct walk {
  int findings;       /* structural findings from the reader */
  int unknown_loop;   /* body segments the guide could not place */
  const char *version; /* guide version used for the (last) set */
} walk;

static void count_finding(void *ctx, const cc_x12_finding *f) {
  walk *w = ctx;
  w->findings++;
  printf("# finding: %s in loop %s: %s\n", f->where.seg_id, f->where.loop_id,
         f->where.detail);
}

/* Walk rel; count segments with id seg placed in loop (NULL = any), and
 * those among them that opened the loop. */
static int walk_count(const char *rel, const char *loop, const char *seg,
                      int *starts, walk *w) {
  size_t n = 0;
  char *p = slurp(rel, &n);
  memset(w, 0, sizeof *w);
  w->version = "";
  if (starts) *starts = 0;
  if (!p) {
    printf("# cannot read %s/x12/%s\n", t_shared(), rel);
    return -1;
  }
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, rel);
  cc_x12_reader *r = cc_x12_reader_new(lx);
  x12_reader_on_finding(r, count_finding, w);
  cc_x12_item it;
  cc_err err;
  cc_code rc;
  int count = 0;
  while ((rc = cc_x12_reader_next(r, &it, &err)) == CC_OK) {
    if (it.kind != CC_X12_BODY) continue;
    w->version = it.version;
    if (!it.loop_id[0]) w->unknown_loop++;
    if (strcmp(it.seg->id, seg) != 0) continue;
    if (loop && strcmp(it.loop_id, loop) != 0) continue;
    count++;
    if (starts && it.loop_start) (*starts)++;
  }
  if (rc != CC_E_EOF) count = -1;
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  free(p);
  return count;
}

/* TR3 COB example 3B (to payer B): one rendering provider NM1*82 in the
 * claim, one dependent patient HL*23, three service lines each with one
 * SVD (line adjudication by payer A); one line CAS, one claim CAS. */
static void test_cob_example_3b(void) {
  const char *f = "837P/lfh__demo.cob.example3.B.837";
  walk w;
  int starts;
  CHECK_INT(walk_count(f, "2310B", "NM1", &starts, &w), 1);
  CHECK_INT(starts, 1);
  CHECK_INT(w.findings, 0);
  CHECK_INT(w.unknown_loop, 0);
  /* GS08 005010X222A2 is read with the X222A1 tables (an alias). */
  CHECK_STR(w.version, "005010X222A1");
  CHECK_INT(walk_count(f, "2430", "SVD", &starts, &w), 3);
  CHECK_INT(starts, 3);
  CHECK_INT(walk_count(f, "2430", "CAS", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2320", "CAS", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2000C", "HL", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2000B", "HL", NULL, &w), 1);
  /* The claim sits under the patient HL: CLM is in 2300 either way. */
  CHECK_INT(walk_count(f, "2300", "CLM", &starts, &w), 1);
  CHECK_INT(walk_count(f, "2330B", "NM1", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2330A", "NM1", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2010AB", "NM1", NULL, &w), 1);
}

/* Medicare secondary payer COB: one line, one SVD; rendering NM1*82. */
static void test_msp_cob(void) {
  const char *f = "837P/stupidedi__medicare-secondary-payer-COB.edi";
  walk w;
  CHECK_INT(walk_count(f, "2430", "SVD", NULL, &w), 1);
  CHECK_INT(w.findings, 0);
  CHECK_INT(walk_count(f, "2310B", "NM1", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2400", "LX", NULL, &w), 1);
}

/* Home infusion: six lines; lines 2-6 carry an NDC (2410 LIN/CTP); every
 * line names the ordering provider NM1*DK (2420E). */
static void test_home_infusion(void) {
  const char *f = "837P/stupidedi__home-infusion-therapy-pharmacy--"
                  "adjudicated-with-HCPCS-in-loop-2400-or-NDC-in-loop-2410.edi";
  walk w;
  int starts;
  CHECK_INT(walk_count(f, "2400", "LX", &starts, &w), 6);
  CHECK_INT(starts, 6);
  CHECK_INT(w.findings, 0);
  CHECK_INT(walk_count(f, "2410", "LIN", &starts, &w), 5);
  CHECK_INT(starts, 5);
  CHECK_INT(walk_count(f, "2410", "CTP", NULL, &w), 5);
  CHECK_INT(walk_count(f, "2420E", "NM1", &starts, &w), 6);
  CHECK_INT(starts, 6);
}

/* Ambulance: pick-up (NM1*PW, 2310E) and drop-off (NM1*45, 2310F), two
 * CRC ambulance certifications in the claim. */
static void test_ambulance(void) {
  const char *f = "837P/stupidedi__ambulance.edi";
  walk w;
  CHECK_INT(walk_count(f, "2310E", "NM1", NULL, &w), 1);
  CHECK_INT(w.findings, 0);
  CHECK_INT(walk_count(f, "2310F", "NM1", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2300", "CRC", NULL, &w), 2);
  CHECK_INT(walk_count(f, "2400", "QTY", NULL, &w), 2);
}

/* UB example: attending NM1*71 (2310A), one other payer (2320 SBR), five
 * HI segments in the claim, two lines of SV2. */
static void test_institutional(void) {
  const char *f = "837I/stupidedi__837-institutional-claim.edi";
  walk w;
  CHECK_INT(walk_count(f, "2310A", "NM1", NULL, &w), 1);
  CHECK_INT(w.findings, 0);
  CHECK_INT(w.unknown_loop, 0);
  CHECK_STR(w.version, "005010X223A2");
  CHECK_INT(walk_count(f, "2320", "SBR", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2000B", "SBR", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2300", "HI", NULL, &w), 5);
  CHECK_INT(walk_count(f, "2300", "CL1", NULL, &w), 1);
  CHECK_INT(walk_count(f, "2400", "SV2", NULL, &w), 2);
  CHECK_INT(walk_count(f, "2330B", "NM1", NULL, &w), 1);
}

/* Samples whose README lists no structural defect: the reader places every
 * segment and reports nothing. */
static void test_clean_samples_structure(void) {
  static const char *const clean[] = {
      "837P/stupidedi__commercial-health-insurance.edi",
      "837P/stupidedi__anesthesia.edi",
      "837P/stupidedi__chiropractic.edi",
      "837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi",
      "837P/stupidedi__drug-administered-in-the-physician-office.edi",
      "837P/stupidedi__ppo-repriced-claim.edi",
      "837P/stupidedi__encounter.edi",
      "837P/stupidedi__oxygen.edi",
      "837P/stupidedi__wheelchair.edi",
      "837P/lfh__demo.drug.example10.3.837",
      "837P/lfh__demo.autoaccident.837",
      "837P/oopfactory__Example1_HealthInsurance.txt",
      "837I/stupidedi__automobile-accident.edi",
      "837I/stupidedi__out-of-network-repriced-claim.edi",
      "837I/stupidedi__ppo-repriced-claim.edi",
      "837I/lfh__institutional-claim.837i",
  };
  for (size_t i = 0; i < sizeof clean / sizeof *clean; i++) {
    walk w;
    int n = walk_count(clean[i], NULL, "CLM", NULL, &w);
    T_REPORT(n >= 1, "%s: %d claims read", clean[i], n);
    T_REPORT(w.findings == 0, "%s: %d structural findings", clean[i],
             w.findings);
    T_REPORT(w.unknown_loop == 0 && w.version[0], "%s: unplaced segments",
             clean[i]);
  }
}

/* The garbled PER of imsweb's bad-identifier sample is reported, and the
 * submitter PER it should have been is then missing. */
static void test_bad_identifier(void) {
  walk w;
  walk_count("837P/imsweb__x12_bad_segment_identifier.txt", NULL, "CLM",
             NULL, &w);
  CHECK(w.findings > 0);
}

int main(void) {
  RUN(test_cob_example_3b);
  RUN(test_msp_cob);
  RUN(test_home_infusion);
  RUN(test_ambulance);
  RUN(test_institutional);
  RUN(test_clean_samples_structure);
  RUN(test_bad_identifier);
  TEST_MAIN_END();
}
