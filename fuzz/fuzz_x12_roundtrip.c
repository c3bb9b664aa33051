/* fuzz_x12_roundtrip.c - libFuzzer target: whatever the lexer reads to the
 * end must (1) write back byte for byte with its gaps and (2) written without
 * gaps, lex again into the very same segments. Catches writer bugs. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/x12.h"

static cc_code rt_write(const char *p, size_t n, cc_buf *out, bool gaps) {
  static cc_x12_seg s;
  cc_err e;
  cc_x12_writer w;
  cc_x12_delims d = {0};
  cc_x12_writer_init(&w, out, d, "", &e);
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, "fuzz");
  cc_code rc;
  while ((rc = cc_x12_lexer_next(lx, &s, &e)) == CC_OK) {
    if (strcmp(s.id, "ISA") == 0) w.d = cc_x12_lexer_delims(lx);
    if (gaps && cc_buf_append(out, s.gap.p, s.gap.n)) abort();
    if (cc_x12_write_seg(&w, &s) != CC_OK) abort(); /* lexer output is writable */
  }
  if (rc == CC_E_EOF && gaps) {
    cc_slice t = cc_x12_lexer_tail(lx);
    if (cc_buf_append(out, t.p, t.n)) abort();
  }
  cc_x12_lexer_free(lx);
  return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *p = (const char *)data;
  cc_buf exact, flat;
  cc_buf_init(&exact, size + 1);
  cc_buf_init(&flat, size + 1);
  if (rt_write(p, size, &exact, true) == CC_E_EOF) {
    if (exact.n != size || (size && memcmp(exact.p, p, size) != 0)) abort();
    if (rt_write(p, size, &flat, false) != CC_E_EOF) abort();
    /* Lex the input and the gap-free copy side by side. */
    static cc_x12_seg a, b;
    cc_err e;
    cc_x12_lexer *la = cc_x12_lexer_mem(p, size, "in");
    cc_x12_lexer *lb = cc_x12_lexer_mem(flat.p, flat.n, "flat");
    cc_code ra, rb;
    for (;;) {
      ra = cc_x12_lexer_next(la, &a, &e);
      rb = cc_x12_lexer_next(lb, &b, &e);
      if (ra != rb) abort();
      if (ra != CC_OK) break;
      if (a.nel != b.nel || strcmp(a.id, b.id) != 0 || a.index != b.index ||
          a.interchange != b.interchange)
        abort();
      for (uint32_t i = 0; i <= a.nel; i++)
        if (!cc_slice_eq2(a.el[i], b.el[i])) abort();
    }
    cc_x12_lexer_free(la);
    cc_x12_lexer_free(lb);
  }
  cc_buf_free(&exact);
  cc_buf_free(&flat);
  return 0;
}
