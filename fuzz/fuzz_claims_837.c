/* fuzz_claims_837.c - libFuzzer target: the 837 claim reader behind
 * `import claims`. Nothing may crash; each claim it hands over must be one
 * a caller can keep (cc_claims_copy), and its problems must have names. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/claims.h"

static int on_claim(void *ctx, const cc_claim *c, const cc_claim_problem *p,
                    size_t np) {
  cc_arena *a = ctx;
  if (!cc_claims_copy(c, a) && !cc_arena_failed(a)) abort();
  for (size_t i = 0; i < np; i++)
    if (!strcmp(cc_claims_problem_name(p[i].kind), "unknown")) abort();
  cc_arena_reset(a);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cc_arena *a = cc_arena_new(0);
  if (!a) return 0;
  cc_claims_stats st;
  cc_err e;
  cc_err_clear(&e);
  (void)!cc_claims_parse_mem((const char *)data, size, "fuzz.837", on_claim,
                             a, &st, &e);
  cc_arena_free(a);
  return 0;
}
