/* test_x12_cob.c - SNIP 3 balancing of the other-payer (COB) loops of
 * secondary and tertiary 837s (TR3 1.4.4): hand-balanced fixtures in
 * tests/x12/cob, each rule broken once, amounts and segment numbers worked
 * out by hand (file segments counted from ISA = 1, one per line). */
#include <stdlib.h>

#include "cleanclaim/x12.h"
#include "test.h"
#include "test_findings.h"

static void validate(const char *s, got *g) {
  memset(g, 0, sizeof *g);
  cc_x12_summary sum;
  cc_err e;
  CHECK_INT(cc_x12_validate_mem(s, strlen(s), "mem", keep, g, &sum, &e),
            CC_OK);
}

static void dump(const got *g) {
  for (int i = 0; i < g->n; i++) {
    cc_x12_finding f = g->f[i];
    f.where.file = NULL;
    printf("# ");
    cc_x12_finding_print(&f, false, stdout);
  }
}

/* s with the first `from` replaced by `to` (owned; NULL when absent). */
static char *replace(const char *s, const char *from, const char *to) {
  const char *at = s ? strstr(s, from) : NULL;
  if (!at) return NULL;
  size_t n = strlen(s) + strlen(to) + 1;
  char *r = malloc(n);
  snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
  return r;
}

/* Exactly one error, SNIP 3, at seg:elem, whose message holds want. */
static void one_error(const char *label, const char *s, unsigned seg,
                      unsigned elem, const char *want) {
  got g;
  T_REPORT(s != NULL, "%s: fixture edit did not apply", label);
  if (!s) return;
  validate(s, &g);
  const cc_x12_finding *hit = NULL;
  for (int i = 0; i < g.n; i++)
    if (g.f[i].snip == 3 && g.f[i].where.seg_pos == seg &&
        g.f[i].where.elem_pos == elem)
      hit = &g.f[i];
  T_REPORT(hit != NULL, "%s: no SNIP 3 finding at %u:%u", label, seg, elem);
  T_REPORT(g.errors == 1, "%s: %d errors, want 1", label, g.errors);
  if (hit) {
    T_REPORT(hit->sev == CC_SEV_ERROR, "%s: not an error", label);
    T_REPORT(strstr(hit->where.detail, want) != NULL,
             "%s: message '%s' lacks '%s'", label, hit->where.detail, want);
  }
  if (!hit || g.errors != 1) dump(&g);
}

static void no_errors(const char *label, const char *s) {
  got g;
  T_REPORT(s != NULL, "%s: fixture missing", label);
  if (!s) return;
  validate(s, &g);
  T_REPORT(g.errors == 0 && g.n == 0, "%s: %d findings, want none", label,
           g.n);
  if (g.n) dump(&g);
}

/* tests/x12/cob/tertiary-837p.edi: CLM02 200 = 125 + 75, two other payers.
 * 59999 (primary): line 1 125 = paid 80 + CO 25 + PR 20; line 2 75 =
 * 50 + CO 15 + PR 4 + PR 6; claim PR 5; AMT*D 125 = (80 + 50) - 5; and
 * 200 = 125 + 5 + 70. 77777 (secondary): 125 = 20 + OA 105, 75 = 10 +
 * OA 65; AMT*D 30 = 20 + 10; 200 = 30 + 0 + 170. Segments: 2320 AMT*D at
 * 24 and 29, SVDs at 36, 40 (line 1) and 46, 50 (line 2). */
static void test_837p(void) {
  char *s = t_slurp("tests/x12/cob/tertiary-837p.edi", NULL);
  CHECK(s != NULL);
  if (!s) return;
  no_errors("837P balanced", s);

  /* line off by a cent: 59999's line 1 CO 24.99 (the claim equations are
   * not judged again for that payer) */
  char *a = replace(s, "CAS*CO*45*25~", "CAS*CO*45*24.99~");
  one_error("837P line off", a, 36, 2,
            "2430 SVD for payer 59999: line charge 125.00 but paid 80.00 + "
            "adjustments 44.99 = 124.99, 0.01 unaccounted");
  free(a);

  /* the primary's paid amount off: AMT*D 120, lines say 130 - 5 = 125 */
  a = replace(s, "AMT*D*125~", "AMT*D*120~");
  one_error("837P claim off", a, 24, 2,
            "2320 AMT*D for payer 59999: paid 120.00 but line payments "
            "130.00 - claim adjustments 5.00 = 125.00, 5.00 unaccounted");
  free(a);

  /* the second other payer is balanced on its own: 77777's line 2 OA 66 is
   * 75 vs 10 + 66 = 76, while 59999's same line stays balanced */
  a = replace(s, "CAS*OA*23*65~", "CAS*OA*23*66~");
  one_error("837P second payer line", a, 50, 2,
            "2430 SVD for payer 77777: line charge 75.00 but paid 10.00 + "
            "adjustments 66.00 = 76.00, 1.00 too much");
  free(a);

  /* an SVD (and its CAS) for a payer the claim does not have: 77778 is no
   * 2330B NM109; reported on SVD01, and 77777's claim sums, now without
   * that line, are not judged */
  a = replace(s, "SVD*77777*20*", "SVD*77778*20*");
  one_error("837P SVD of no payer", a, 40, 1, "'77778' matches no 2330B");
  free(a);

  /* 77777 without a 2430 on line 2 (segments 50-52 gone, SE01 51 -> 48)
   * and its AMT*D 20 = its one SVD02: lines and AMT*D agree, but CLM02
   * 200 is 20 + 0 + 105 = 125, 75.00 (line 2's charge) unaccounted */
  char *b = replace(s, "SVD*77777*10*HC:97110**1~\nCAS*OA*23*65~\n"
                       "DTP*573*D8*20261116~\n", "");
  char *c = replace(b, "SE*51*", "SE*48*");
  char *d = replace(c, "AMT*D*30~", "AMT*D*20~");
  one_error("837P line without the payer's 2430", d, 29, 2,
            "claim charge 200.00 but paid 20.00 + claim adj. 0.00 + line "
            "adj. 105.00 = 125.00, 75.00 unaccounted");
  free(b);
  free(c);
  free(d);
  free(s);
}

/* tests/x12/cob/secondary-837i.edi: CLM02 545 = 150 + 75 + 100 + 220 (SV203),
 * one other payer 888777: 150 = 100 + CO 30 + PR 20; 75 = 60 + CO 15;
 * 100 = 100; 220 = 150 + CO 50 + PR 20; claim PR 10; AMT*D 400 = 410 - 10;
 * 545 = 400 + 10 + 135. AMT*D at 28, SVDs at 35, 42, 48, 53. */
static void test_837i(void) {
  char *s = t_slurp("tests/x12/cob/secondary-837i.edi", NULL);
  CHECK(s != NULL);
  if (!s) return;
  no_errors("837I balanced", s);

  /* line 2 paid a cent over: 75 vs 60.01 + 15 */
  char *a = replace(s, "SVD*888777*60*", "SVD*888777*60.01*");
  one_error("837I line off", a, 42, 2,
            "line charge 75.00 but paid 60.01 + adjustments 15.00 = 75.01, "
            "0.01 too much");
  free(a);

  /* claim adjustment PR 11: 410 - 11 = 399, AMT*D says 400 */
  a = replace(s, "CAS*PR*3*10~", "CAS*PR*3*11~");
  one_error("837I claim off", a, 28, 2,
            "paid 400.00 but line payments 410.00 - claim adjustments 11.00 "
            "= 399.00, 1.00 too much");
  free(a);
  free(s);
}

/* A payer that adjudicated at the claim level only (no 2430): CLM02 equals
 * AMT*D plus its claim adjustments. The shared Medicare-secondary sample
 * with its 2430 (segments 41-44) taken out: CLM02 120, AMT*D 80 and no
 * 2320 CAS, 40.00 unaccounted; with the line's CO 25 and PR 15 moved to the
 * 2320 (after SBR, before AMT*D) it balances: 80 + 25 + 15 = 120. */
static void test_claim_level_only(void) {
  char p[1024];
  snprintf(p, sizeof p, "%s/x12/837P/stupidedi__medicare-secondary-payer-COB.edi",
           t_shared());
  char *s = t_slurp(p, NULL);
  CHECK(s != NULL);
  if (!s) return;
  no_errors("shared MSP sample", s);
  char *a = replace(s, "SVD*59999*80*HC:99203:25**1~CAS*CO*42*25~"
                       "CAS*PR*2*15~DTP*573*D8*20050128~", "");
  char *b = replace(a, "SE*43*", "SE*39*");
  one_error("claim level only, off", b, 31, 2,
            "claim charge 120.00 but paid 80.00 + claim adj. 0.00 + line "
            "adj. 0.00 = 80.00, 40.00 unaccounted");
  char *c = replace(b, "SBR*P*01**COMMERCE*****CI~",
                    "SBR*P*01**COMMERCE*****CI~CAS*CO*42*25~CAS*PR*2*15~");
  char *d = replace(c, "SE*39*", "SE*41*");
  no_errors("claim level only, balanced", d);
  free(a);
  free(b);
  free(c);
  free(d);
  free(s);
}

int main(void) {
  RUN(test_837p);
  RUN(test_837i);
  RUN(test_claim_level_only);
  TEST_MAIN_END();
}
