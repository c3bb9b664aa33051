/* fuzz_x12_parse.c - libFuzzer target: the tokenizer, then the validator,
 * over arbitrary bytes; neither may crash, hang or hand out a slice outside
 * the input. The validator is called when the build found it
 * (FUZZ_HAVE_VALIDATE, set by the Makefile and scripts/fuzz). */
#include <stdlib.h>

#include "cleanclaim/x12.h"

#ifdef FUZZ_HAVE_VALIDATE
static void parse_ignore_finding(void *ctx, const cc_x12_finding *f) {
  (void)f;
  ++*(unsigned *)ctx;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *p = (const char *)data;
  static cc_x12_seg seg;
  cc_err err;
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, size, "fuzz");
  uint64_t last = 0;
  while (cc_x12_lexer_next(lx, &seg, &err) == CC_OK) {
    /* Every slice lies inside the input and segments move forward. */
    if (seg.raw.p < p || seg.raw.p + seg.raw.n > p + size) abort();
    if (seg.nel > CC_MAX_ELEMENTS_PER_SEGMENT) abort();
    if (seg.raw.n > CC_MAX_SEGMENT_LEN) abort();
    if (seg.index != last + 1 || seg.offset != (uint64_t)(seg.raw.p - p)) abort();
    for (uint32_t i = 0; i <= seg.nel; i++)
      if (seg.el[i].p < seg.raw.p || seg.el[i].p + seg.el[i].n > seg.raw.p + seg.raw.n)
        abort();
    last = seg.index;
  }
  if (err.code != CC_E_EOF && err.code != CC_OK && err.byte_off > size) abort();
  cc_x12_lexer_free(lx);
#ifdef FUZZ_HAVE_VALIDATE
  unsigned findings = 0;
  cc_x12_summary sum;
  cc_code rc = cc_x12_validate_mem(p, size, "fuzz", parse_ignore_finding,
                                   &findings, &sum, &err);
  (void)rc; /* findings and errors are expected: only crashes matter */
#endif
  return 0;
}
