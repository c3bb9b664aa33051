/* test_findings.h - the X12 validator's findings kept for a test to look
 * at: up to MAXF of them, and how many were errors. */
#ifndef CC_TEST_FINDINGS_H
#define CC_TEST_FINDINGS_H

#include "cleanclaim/x12.h"

#define MAXF 256
typedef struct got {
  cc_x12_finding f[MAXF];
  int n, errors;
} got;

/* A cc_x12_finding_fn; ctx is a got. */
__attribute__((unused)) static void keep(void *ctx, const cc_x12_finding *f) {
  got *g = ctx;
  if (f->sev == CC_SEV_ERROR) g->errors++;
  if (g->n < MAXF) g->f[g->n++] = *f;
}

#endif
