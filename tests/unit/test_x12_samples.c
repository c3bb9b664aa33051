/* test_x12_samples.c - every file under $CC_SHARED/x12 validates as its
 * README says: a table names each file's error findings (file segment
 * number : element), worked out by reading the files segment by segment;
 * defects the README does not list are named in a comment here and in
 * tests/x12/SAMPLES.md with the evidence. A file missing from the table
 * fails the test, so a new sample gets looked at. */
#include <dirent.h>
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"

typedef struct sample {
  const char *file;   /* under x12/ */
  const char *errors; /* "seg:elem ..." exactly, in any order; "" none */
  int count;          /* > 0: only the number is checked, errors are a
                         sample that must be among them */
} sample;

/* '>' inside composites while ISA16 is ':' is written "lfh '>'" below:
 * the component separator those files declare is ':', so "HC>99284" is one
 * value, too long for a qualifier (IK403 5) or no valid qualifier (7). */
static const sample table[] = {
    {"270/lfh__demo-single-line.270", "", 0},
    {"270/lfh__dependent-health-benefit-check.270", "", 0},
    {"270/lfh__subscriber-health-benefit-check.270", "", 0},
    {"270/stupidedi__generic-request-by-clinic-for-patient--subscriber--eligibility.edi", "", 0},
    {"271/lfh__dependent-health-benefit-check.271", "", 0},
    /* Not in the README: SE02 4323 but ST02 4321 (SE is segment 10). */
    {"271/lfh__subscriber-health-benefit-check-error.271", "10:2", 0},
    {"271/lfh__subscriber-health-benefit-check.271", "", 0},
    /* README: GS01 'XX' (a 271 group is HB). HL*4*3*23*1 (segment 14):
     * the X279A1 2000D HL04 allows only 0, and no HL follows it. */
    {"271/oopfactory__Example_3_2_2.txt", "2:1 14:4", 0},
    {"271/stupidedi__response-to-generic-request-by-clinic-for-patient--subscriber--eligibility.edi", "", 0},
    {"276/lfh__claim-level-status.276", "", 0},
    {"276/lfh__provider-level-status.276", "", 0},
    {"276/stupidedi__claim-request.edi", "", 0},
    {"276/stupidedi__info-receiver-request.edi", "", 0},
    {"276/stupidedi__provider-request.edi", "", 0},
    /* Not in the README: IEA02 842928883 but ISA13 000000001. */
    {"277/imsweb__x12_277_x212.txt", "111:2", 0},
    {"277/lfh__claim-level-status.277", "", 0},
    {"277/lfh__provider-level-status.277", "", 0},
    {"277/stupidedi__claim-response.edi", "", 0},
    {"277/stupidedi__info-receiver-response.edi", "", 0},
    {"277/stupidedi__provider-response.edi", "", 0},
    /* README: the provider-level STC is absent; the 2200C loop closes at
     * HL*4*3*PT (segment 19) without its required STC. */
    {"277CA/imsweb__x12_277CA_accepted.txt", "19:0", 0},
    /* README: BHT01 9999. De-identification also masked BHT05 (time
     * 9999) and every STC01 (X9:99:XX, X9:99:99...): STC01-1 and STC01-3
     * are no codes (two findings per STC). */
    {"277CA/oopfactory__277_Deidentified_from_nth.txt",
     "4:1 4:5 13:1 13:1 19:1 19:1 25:1 25:1 26:1 26:1 27:1 27:1 32:1 32:1 "
     "38:1 38:1 39:1 39:1 40:1 40:1 45:1 45:1 46:1 46:1 47:1 47:1",
     0},
    {"278/stupidedi__emergency-admission-request-for-review.edi", "", 0},
    {"278/stupidedi__emergency-admission-response-to-request-for-review.edi", "", 0},
    {"278/stupidedi__referral-request-for-review.edi", "", 0},
    {"278/stupidedi__referral-response-to-request-for-review.edi", "", 0},
    {"278/stupidedi__request-for-medical-services-reservation.edi", "", 0},
    {"278/stupidedi__request-for-non-emergency-transportation.edi", "", 0},
    {"278/stupidedi__response-to-medical-services-reservation.edi", "", 0},
    {"278/stupidedi__response-to-non-emergency-transportation.edi", "", 0},
    {"835/edi835parser__emedny_sample.txt", "", 0},
    /* Not in the README: BPR16 (required) absent; no PER*BL in 1000A
     * (required; noticed at N1*PE, segment 11); lfh '>' in SVC01. */
    {"835/lfh__cob-contractural-adjustment.835", "4:16 11:0 21:1", 0},
    /* README: BPR16 20002316. Not listed: no PER*BL in 1000A. */
    {"835/lfh__managed-care.835", "4:16 10:0", 0},
    /* Not in the README: no PER*BL in 1000A; TS309 and TS311 sent, which
     * X221A1 marks not used (TS306-TS312). */
    {"835/lfh__medicare-part-a.835", "11:0 13:9 13:11 23:9 23:11", 0},
    /* Not in the README: BPR16 absent; no PER*BL; lfh '>' in SVC01. */
    {"835/lfh__secondary-payment.835", "4:16 11:0 29:1 34:1", 0},
    {"835/pyx12__835_mult_loops.txt", "", 0},
    {"835/stupidedi__dollars-and-data-sent-separate.edi", "", 0},
    {"835/stupidedi__era-sample.edi", "", 0},
    {"835/stupidedi__multiple-claims-single-check.edi", "", 0},
    {"835/stupidedi__secondary-payment-with-higher-fee-schedule.edi", "", 0},
    {"835/stupidedi__secondary-payments.edi", "", 0},
    {"835/stupidedi__tertiary-payments.edi", "", 0},
    /* 837D and 278: no tables here, syntax and envelopes only. */
    {"837D/stupidedi__claim-from-billing-provider-to-payer-a.edi", "", 0},
    {"837D/stupidedi__claim-multi-quantity-single-line.edi", "", 0},
    {"837D/stupidedi__commercial-health-insurance.edi", "", 0},
    {"837D/stupidedi__orthodontic-treatment-plan.edi", "", 0},
    {"837D/stupidedi__predetermination-of-benefits.edi", "", 0},
    /* Not in the README: CLM06 sent (not used in 837I); DTP*434 statement
     * dates with D8 where X223 allows only RD8. */
    {"837I/lfh__institutional-claim.837i", "22:6 23:2", 0},
    /* Not in the README: lfh '>' in CLM05, HI01 (x3) and SV202; CLM06
     * sent (not used in 837I). */
    {"837I/lfh__ppo-repriced-claim.837i", "26:5 26:6 33:1 34:1 35:1 43:2 47:2", 0},
    {"837I/stupidedi__837-institutional-claim.edi", "", 0},
    {"837I/stupidedi__automobile-accident.edi", "", 0},
    {"837I/stupidedi__out-of-network-repriced-claim.edi", "", 0},
    {"837I/stupidedi__ppo-repriced-claim.edi", "", 0},
    /* The imsweb 837Ps share two claims. Not in the README: HI*BK*8901*BF*
     * 87200*BF:5559 puts codes in their own elements (HI02-1 '8901' and
     * HI04-1 too long for a qualifier), and CLM02 500 against one line of
     * 12.25. README: SE01 25 for 34 segments. */
    {"837P/imsweb__x12_bad_segment_identifier.txt",
     /* README: garbled ids where PER (6), N4 (11) and NM1 (20) belong;
      * each is reported once, not again as a missing segment. */
     "6:0 11:0 20:0 22:2 23:2 23:4 31:2 32:2 32:4 36:1", 0},
    /* 820 claims: per claim HI02-1, HI04-1 and CLM02 (2460) + SE01. */
    {"837P/imsweb__x12_many_claims.txt", "11488:1 22:2 23:2 23:4", 2461},
    /* README: NM102 missing (7); also CLM05 missing in the second claim. */
    {"837P/imsweb__x12_missing_elements.txt",
     "7:2 22:2 23:2 23:4 31:2 31:5 32:2 32:4 36:1", 0},
    /* README: IEA01 1 for 3 groups (110). */
    {"837P/imsweb__x12_multiple_gs.txt",
     "22:2 23:2 23:4 31:2 32:2 32:4 36:1 58:2 59:2 59:4 67:2 68:2 68:4 72:1 "
     "94:2 95:2 95:4 103:2 104:2 104:4 108:1 110:1",
     0},
    /* README: GE01 1 for 2 sets (71). */
    {"837P/imsweb__x12_multiple_st.txt",
     "22:2 23:2 23:4 31:2 32:2 32:4 36:1 56:2 57:2 57:4 65:2 66:2 66:4 70:1 "
     "71:1",
     0},
    {"837P/imsweb__x12_valid.txt", "22:2 23:2 23:4 31:2 32:2 32:4 36:1", 0},
    {"837P/lfh__demo.autoaccident.837", "", 0},
    {"837P/lfh__demo.cob.example3.B.837", "", 0},
    /* Not in the README: AMT*F2 in 2320 (a 4010 code; X222A1 2320 AMT is
     * D, A8 or EAF). */
    {"837P/lfh__demo.cob.example4.837", "31:1", 0},
    {"837P/lfh__demo.drug.example10.3.837", "", 0},
    /* Not in the README: lfh '>' in CLM05, HI01, SV101. The 2320 SBR*S*18
     * (segment 32) must not trigger the 2000B "subscriber is the patient"
     * rule. */
    {"837P/lfh__demo.example12.837", "26:5 29:1 39:1", 0},
    {"837P/oopfactory__Example1_HealthInsurance.txt", "", 0},
    {"837P/stupidedi__COB-claim-from-billing-provider-to-payer-a.edi", "", 0},
    {"837P/stupidedi__ambulance.edi", "", 0},
    {"837P/stupidedi__anesthesia.edi", "", 0},
    {"837P/stupidedi__chiropractic.edi", "", 0},
    {"837P/stupidedi__commercial-health-insurance.edi", "", 0},
    {"837P/stupidedi__drug-administered-in-the-physician-office.edi", "", 0},
    {"837P/stupidedi__encounter.edi", "", 0},
    {"837P/stupidedi__home-infusion-therapy-pharmacy--adjudicated-with-HCPCS-in-loop-2400-or-NDC-in-loop-2410.edi", "", 0},
    {"837P/stupidedi__medicare-secondary-payer-COB.edi", "", 0},
    /* README: PWK02 'AD' "not in current code list"; X222A1 lists AD
     * (certification included in this claim) for the 2400 DME PWK*CT. */
    {"837P/stupidedi__oxygen.edi", "", 0},
    {"837P/stupidedi__ppo-repriced-claim.edi", "", 0},
    {"837P/stupidedi__wheelchair.edi", "", 0},
    /* README: GS05 102497 no time; IEA02 differs from ISA13. */
    {"999/imsweb__x12_999_accepted.txt", "2:5 10:2", 0},
    /* Not in the README: AK2*837*002 (segment 7): AK202 echoes an ST02,
     * which is 4 to 9 characters; CTX*...*C023:1325 (segment 14): CTX06-1
     * is a data element number (N0), and C023 is a composite's name. */
    {"999/oopfactory__DHS_Wisconsin_Sample.txt", "7:2 14:6", 0},
    {"999/pyx12__834_lui_id_5010.999.txt", "", 0},
};
#define NTABLE (sizeof table / sizeof *table)

#define MAXF 4096
typedef struct got {
  unsigned pos[MAXF][2];
  int n, errors, warnings;
  unsigned warn_seg, warn_elem;
} got;

static void keep(void *ctx, const cc_x12_finding *f) {
  got *g = ctx;
  if (f->sev == CC_SEV_WARNING) {
    g->warnings++;
    g->warn_seg = f->where.seg_pos;
    g->warn_elem = f->where.elem_pos;
  }
  if (f->sev != CC_SEV_ERROR) return;
  g->errors++;
  if (g->n < MAXF) {
    g->pos[g->n][0] = f->where.seg_pos;
    g->pos[g->n][1] = f->where.elem_pos;
    g->n++;
  }
}

static int cmp_pos(const void *a, const void *b) {
  const unsigned *x = a, *y = b;
  if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* "seg:elem seg:elem" into pairs; returns the count. */
static int parse(const char *s, unsigned (*out)[2], int max) {
  int n = 0;
  while (*s && n < max) {
    char *end;
    unsigned long seg = strtoul(s, &end, 10);
    if (*end != ':') break;
    out[n][0] = (unsigned)seg;
    out[n][1] = (unsigned)strtoul(end + 1, &end, 10);
    n++;
    s = end;
    while (*s == ' ') s++;
  }
  return n;
}

static const sample *lookup(const char *rel) {
  for (size_t i = 0; i < NTABLE; i++)
    if (!strcmp(table[i].file, rel)) return &table[i];
  return NULL;
}

static void check_file(const char *rel, got *g) {
  const sample *s = lookup(rel);
  T_REPORT(s != NULL, "%s is not in the table: read it and add it", rel);
  if (!s) return;
  static unsigned want[MAXF][2];
  int nw = parse(s->errors, want, MAXF);
  qsort(g->pos, (size_t)g->n, sizeof g->pos[0], cmp_pos);
  qsort(want, (size_t)nw, sizeof want[0], cmp_pos);
  if (s->count > 0) {
    T_REPORT(g->errors == s->count, "%s: %d errors, want %d", rel, g->errors,
             s->count);
    for (int i = 0; i < nw; i++) {
      bool hit = bsearch(want[i], g->pos, (size_t)g->n, sizeof g->pos[0],
                         cmp_pos) != NULL;
      T_REPORT(hit, "%s: no error at %u:%u", rel, want[i][0], want[i][1]);
    }
    return;
  }
  bool same = nw == g->n;
  for (int i = 0; same && i < nw; i++)
    same = want[i][0] == g->pos[i][0] && want[i][1] == g->pos[i][1];
  T_REPORT(same, "%s: errors differ from the table", rel);
  if (!same) {
    printf("# got:");
    for (int i = 0; i < g->n; i++) printf(" %u:%u", g->pos[i][0], g->pos[i][1]);
    printf("\n# want: %s\n", s->errors);
  }
}

static got g;

static void test_every_sample(void) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/x12", t_shared());
  DIR *d = opendir(dir);
  CHECK(d != NULL);
  if (!d) return;
  size_t seen = 0;
  struct dirent *de;
  while ((de = readdir(d))) {
    if (de->d_name[0] == '.' || !strcmp(de->d_name, "README.md")) continue;
    char sub[1400];
    snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
    DIR *d2 = opendir(sub);
    if (!d2) continue;
    struct dirent *fe;
    while ((fe = readdir(d2))) {
      if (fe->d_name[0] == '.') continue;
      char rel[600], path[2100];
      snprintf(rel, sizeof rel, "%s/%s", de->d_name, fe->d_name);
      snprintf(path, sizeof path, "%s/%s", dir, rel);
      memset(&g, 0, sizeof g);
      cc_x12_summary sum;
      cc_err e;
      CHECK_INT(cc_x12_validate_file(path, keep, &g, &sum, &e), CC_OK);
      check_file(rel, &g);
      seen++;
    }
    closedir(d2);
  }
  closedir(d);
  /* The README counts 80 files; each must have been in the table. */
  CHECK_INT(seen, NTABLE);
}

/* ISA11 = ISA16 = '^': EB03 "1^33^35..." is ten service type codes (a
 * repeatable simple element), and one warning says the separators are the
 * same (ISA11, segment 1). */
static void test_same_separators(void) {
  char path[1024];
  snprintf(path, sizeof path, "%s/x12/271/oopfactory__Example_3_2_2.txt",
           t_shared());
  memset(&g, 0, sizeof g);
  cc_x12_summary sum;
  cc_err e;
  CHECK_INT(cc_x12_validate_file(path, keep, &g, &sum, &e), CC_OK);
  CHECK_INT(g.warnings, 1);
  CHECK_INT(g.warn_seg, 1);
  CHECK_INT(g.warn_elem, 11);
  for (int i = 0; i < g.n; i++)
    T_REPORT(g.pos[i][0] < 27 || g.pos[i][0] > 29,
             "EB at segment %u has an error", g.pos[i][0]);
}

int main(void) {
  RUN(test_every_sample);
  RUN(test_same_separators);
  TEST_MAIN_END();
}
