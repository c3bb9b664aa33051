/* rule_duplicate_claim.c - DUPLICATE_CLAIM: the same patient, payer,
 * provider, date of service and procedure codes as a claim already sent or
 * earlier in this batch gets denied as a duplicate (CARC 18). Corrected (7)
 * and void (8) claims are meant to repeat the original and are not judged. */
#include <string.h>

#include "scrub_int.h"

/* The claim this one repeats (sent, or earlier in the batch), or NULL;
 * records the claim in the batch. */
static const char *find(scrub_ctx *x, uint64_t *codes, size_t n, bool *sent) {
  const cc_claim *c = x->c;
  const char *payer = x->payer ? x->payer->code : c->payer.id;
  uint64_t key = scrub_dup_key(payer, c->subscriber.name.id, x->pat->name.last,
                               x->pat->birth_date, c->billing.id, x->first, codes, n);
  const char *prev = NULL;
  *sent = false;
  /* Claims already sent: a sorted array; several claims may share a key. */
  size_t lo = 0, hi = x->sc->n_hist;
  const scrub_dup *h = x->sc->hist;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (h[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < x->sc->n_hist && h[lo].key == key && !prev; lo++)
    if (strcmp(h[lo].pcn, c->pcn) != 0) prev = h[lo].pcn, *sent = true;
  const char *batch = scrub_batch_add(x->sc, key, c->pcn);
  return prev ? prev : batch;
}

void scrub_rule_duplicate_claim(scrub_ctx *x) {
  const cc_claim *c = x->c;
  if (c->frequency == '7' || c->frequency == '8' || !c->n_lines || !x->first) return;
  const char *prev = x->dup_prev;
  bool sent = x->dup_sent;
  if (!x->text) { /* the text run reuses the answer: the batch has changed */
    uint64_t codes[64];
    size_t n = 0;
    for (uint32_t i = 0; i < c->n_lines && n < 64; i++) codes[n++] = x->ln[i].key;
    prev = find(x, codes, n, &sent);
    x->dup_prev = prev;
    x->dup_sent = sent;
  }
  if (!prev) return;
  char d[11];
  scrub_src(x, "%s claim %s", sent ? "submitted" : "this batch's", prev);
  scrub_fix(x, "do not send it again: if it corrects claim %s, send it as a "
               "replacement (frequency 7) with the payer's claim number; if it "
               "is a different service, correct the codes or dates", prev);
  scrub_emit(x, "DUPLICATE_CLAIM", 0, CC_SEV_ERROR, c->src.clm,
             "same patient, payer, provider, date of service (%s) and procedure "
             "codes as claim %s%s", scrub_day(x->first, d), prev,
             sent ? ", already submitted" : " earlier in this batch");
}
