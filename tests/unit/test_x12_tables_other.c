/* test_x12_tables_other.c - the 835, 999, 277CA, 270/271 and 276/277 guide data,
 * seen through the validator on the shared sample files. Expected findings
 * come from reading the samples by hand against the TR3s. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/x12.h"
#include "test.h"

/* Errors seen in one file, kept for the checks below. */
typedef struct seen {
  int n;
  struct {
    uint32_t seg_pos;
    char loop[8], seg[4];
    uint16_t elem;
  } f[64];
} seen;

static void collect(void *ctx, const cc_x12_finding *f) {
  seen *s = ctx;
  if (f->sev != CC_SEV_ERROR || s->n >= 64) return;
  s->f[s->n].seg_pos = f->where.seg_pos;
  memcpy(s->f[s->n].loop, f->where.loop_id, sizeof s->f[0].loop);
  memcpy(s->f[s->n].seg, f->where.seg_id, sizeof s->f[0].seg);
  s->f[s->n].elem = f->where.elem_pos;
  s->n++;
}

static int validate(const char *rel, seen *s, cc_x12_summary *sum) {
  char path[512];
  snprintf(path, sizeof path, "%s/x12/%s", t_shared(), rel);
  memset(s, 0, sizeof *s);
  memset(sum, 0, sizeof *sum);
  cc_err err = {0};
  return cc_x12_validate_file(path, collect, s, sum, &err) == CC_OK;
}

static int has(const seen *s, uint32_t seg_pos, const char *loop,
               const char *seg, uint16_t elem) {
  for (int i = 0; i < s->n; i++)
    if (s->f[i].seg_pos == seg_pos && strcmp(s->f[i].loop, loop) == 0 &&
        strcmp(s->f[i].seg, seg) == 0 && s->f[i].elem == elem)
      return 1;
  return 0;
}

/* Samples that follow their TR3: every set has a guide and no error. */
static void clean_samples_have_no_errors(void) {
  static const char *const files[] = {
      "835/stupidedi__dollars-and-data-sent-separate.edi",
      "835/stupidedi__multiple-claims-single-check.edi",
      "835/stupidedi__secondary-payments.edi",
      "835/pyx12__835_mult_loops.txt",
      "835/edi835parser__emedny_sample.txt",
      "999/pyx12__834_lui_id_5010.999.txt",
      "270/stupidedi__generic-request-by-clinic-for-patient--subscriber--eligibility.edi",
      "270/lfh__dependent-health-benefit-check.270",
      "271/lfh__dependent-health-benefit-check.271",
      "276/lfh__claim-level-status.276",
      "276/stupidedi__provider-request.edi",
      "277/stupidedi__claim-response.edi",
      "277/stupidedi__provider-response.edi",
      "277/stupidedi__info-receiver-response.edi",
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    seen s;
    cc_x12_summary sum;
    CHECK(validate(files[i], &s, &sum));
    T_REPORT(s.n == 0 && sum.errors == 0, "%s: %u errors", files[i],
             sum.errors);
    T_REPORT(sum.sets >= 1 && sum.sets_unchecked == 0, "%s: %u sets, %u unchecked",
             files[i], sum.sets, sum.sets_unchecked);
  }
}

/* lfh cob sample: BPR has eleven separators after BPR04, so the date lands in
 * BPR15 and BPR16 is missing (segment 4: ISA, GS, ST, BPR); 1000A has no PER*BL
 * (reported at segment 11, the N1*PE that closes 1000A); the SVC
 * at segment 21 writes its composite with '>' although ISA16 is ':'. */
static void cob_835_defects_in_their_loops(void) {
  seen s;
  cc_x12_summary sum;
  CHECK(validate("835/lfh__cob-contractural-adjustment.835", &s, &sum));
  CHECK(has(&s, 4, "ST", "BPR", 16));
  CHECK(has(&s, 11, "1000A", "PER", 0));
  CHECK(has(&s, 21, "2110", "SVC", 1));
  CHECK_INT(sum.errors, 3);
}

/* Medicare Part A sample: TS309 and TS311 are 4010 amounts that 5010 marks
 * not used; the two TS3 segments are segments 13 and 23 of the file. */
static void ts3_not_used_elements_in_2000(void) {
  seen s;
  cc_x12_summary sum;
  CHECK(validate("835/lfh__medicare-part-a.835", &s, &sum));
  CHECK(has(&s, 13, "2000", "TS3", 9));
  CHECK(has(&s, 13, "2000", "TS3", 11));
  CHECK(has(&s, 23, "2000", "TS3", 9));
  CHECK(has(&s, 23, "2000", "TS3", 11));
}

/* Wisconsin 999: the second AK2 (segment 7) carries control number "002",
 * shorter than the 4 characters element 329 requires; AK2 opens loop 2000. */
static void ak2_in_loop_2000(void) {
  seen s;
  cc_x12_summary sum;
  CHECK(validate("999/oopfactory__DHS_Wisconsin_Sample.txt", &s, &sum));
  CHECK(has(&s, 7, "2000", "AK2", 2));
}

/* imsweb 277CA: the provider level (HL*3*2*19, segments 16-18) has its TRN
 * but no STC, which 2200C requires. */
static void ca_277_provider_stc_missing(void) {
  seen s;
  cc_x12_summary sum;
  CHECK(validate("277CA/imsweb__x12_277CA_accepted.txt", &s, &sum));
  CHECK_INT(sum.errors, 1);
  CHECK(s.n == 1 && strcmp(s.f[0].loop, "2200C") == 0 &&
        strcmp(s.f[0].seg, "STC") == 0);
}

/* TR3 271 example 3.2.2: the dependent level HL (segment 14) says HL04 1
 * although a dependent can have no subordinate level. */
static void dependent_hl04_must_be_0(void) {
  seen s;
  cc_x12_summary sum;
  CHECK(validate("271/oopfactory__Example_3_2_2.txt", &s, &sum));
  CHECK(has(&s, 14, "2000D", "HL", 4));
}

int main(void) {
  RUN(clean_samples_have_no_errors);
  RUN(cob_835_defects_in_their_loops);
  RUN(ts3_not_used_elements_in_2000);
  RUN(ak2_in_loop_2000);
  RUN(ca_277_provider_stc_missing);
  RUN(dependent_hl04_must_be_0);
  TEST_MAIN_END();
}
