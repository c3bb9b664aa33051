/* fuzz_remit_835.c - libFuzzer target: the 835 reader posting relies on.
 * Nothing may crash, and whatever it accepts must hang together: every
 * range inside its arrays, and each payment balanced (BPR02 = the claims'
 * CLP04 less the PLB amounts), summed here on its own in 128 bits. */
#include <stdlib.h>

#include "remit/remit_int.h"

static int in(size_t first, size_t n, size_t total) {
  return first <= total && n <= total - first;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  remit_file f;
  cc_err e;
  cc_err_clear(&e);
  if (remit_835_read((const char *)data, size, "fuzz.835", &f, &e) != CC_OK)
    return 0;
  for (size_t i = 0; i < f.nset; i++) {
    const remit_set *s = &f.set[i];
    if (!in(s->claim0, s->nclaim, f.nclaim) || !in(s->plb0, s->nplb, f.nplb))
      abort();
    __int128 sum = 0;
    for (size_t k = 0; k < s->nclaim; k++) {
      const remit_claim *c = &f.claim[s->claim0 + k];
      if (!in(c->line0, c->nline, f.nline) || !in(c->adj0, c->nadj, f.nadj))
        abort();
      for (size_t j = 0; j < c->nline; j++) {
        const remit_line *l = &f.line[c->line0 + j];
        if (!in(l->adj0, l->nadj, f.nadj)) abort();
      }
      sum += c->paid.cents;
    }
    for (size_t k = 0; k < s->nplb; k++) sum -= f.plb[s->plb0 + k].amount.cents;
    if (sum != s->paid.cents) abort();
  }
  remit_file_free(&f);
  return 0;
}
