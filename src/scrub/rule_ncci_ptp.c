/* rule_ncci_ptp.c - NCCI_PTP: the NCCI procedure-to-procedure edits. When a
 * column one and a column two code are billed for one patient on the same
 * date by the same provider, the column two code is denied unless the
 * edit's modifier indicator allows a bypass: 0 never, 1 with an
 * NCCI-associated modifier on either line, 9 the edit does not apply. The
 * edit is in force from its effective date to the day before deletion. */
#include <string.h>

#include "scrub_int.h"

/* Candidate pairs are gathered in small batches: the Bloom filter lines of
 * a batch are fetched together, then tested, so a claim with many lines
 * waits for memory about once per batch instead of once per pair. */
#define BATCH 32

typedef struct pair {
  uint32_t i, j; /* column one line, column two line */
  uint64_t h;
  const uint64_t *block;
} pair;

static bool same_provider(const scrub_ctx *x, uint32_t i, uint32_t j) {
  if (x->ln[i].npi < 16 && x->ln[j].npi < 16) return x->ln[i].npi == x->ln[j].npi;
  return strcmp(scrub_line_npi(x->c, i), scrub_line_npi(x->c, j)) == 0;
}

static void judge(scrub_ctx *x, uint32_t i, uint32_t j) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  const cc_claim_line *l1 = &c->lines[i], *l2 = &c->lines[j];
  cc_day day = x->ln[j].day;
  cc_ptp_edit ed;
  if (!cc_codes_ptp(sc->codes, cc_slice_cstr(l1->proc), cc_slice_cstr(l2->proc), day, &ed))
    return;
  if (ed.modifier == 9) return;
  if (ed.modifier == 1 && (x->ln[i].ncci_mod || x->ln[j].ncci_mod)) return;
  char d[11], e[11], del[11];
  scrub_src(x, "NCCI PTP edit %s/%s, effective %s, deletion %s, modifier "
               "indicator %d%s",
            l1->proc, l2->proc, scrub_day(ed.effective, e),
            ed.deletion == CC_DAY_NONE ? "none" : scrub_day(ed.deletion, del),
            ed.modifier, ed.modifier == 1 ? "; modifiers per the NCCI policy manual" : "");
  uint32_t no = x->ln[j].no;
  if (ed.modifier == 0) {
    scrub_fix(x, "remove %s: it is part of %s on the same day and no modifier "
                 "allows it", l2->proc, l1->proc);
    scrub_emit(x, "NCCI_PTP", no, CC_SEV_ERROR, l2->sv_loc,
               "%s (line %u) is never paid with %s on %s by the same provider",
               l2->proc, no, l1->proc, scrub_day(day, d));
  } else {
    scrub_fix(x, "if the chart shows a separate site, session or service, add "
                 "59 or XE/XS/XP/XU (or the anatomic modifier) to %s; "
                 "otherwise remove it", l2->proc);
    scrub_emit(x, "NCCI_PTP", no, CC_SEV_ERROR, l2->sv_loc,
               "%s (line %u) is paid with %s on %s only with an "
               "NCCI-associated modifier, and neither line has one",
               l2->proc, no, l1->proc, scrub_day(day, d));
  }
}

static void flush(scrub_ctx *x, pair *p, size_t n) {
  for (size_t k = 0; k < n; k++) __builtin_prefetch(p[k].block);
  for (size_t k = 0; k < n; k++)
    if (scrub_ptp_test(p[k].block, p[k].h)) judge(x, p[k].i, p[k].j);
}

void scrub_rule_ncci_ptp(scrub_ctx *x) {
  const cc_scrub *sc = x->sc;
  const cc_claim *c = x->c;
  if (!sc->have_ptp || c->n_lines < 2) return;
  pair batch[BATCH];
  size_t n = 0;
  /* Findings come out by column two line, then column one line. */
  for (uint32_t j = 0; j < c->n_lines; j++) {
    const scrub_line *b = &x->ln[j];
    if (!b->is_proc || !b->len5 || !b->day) continue;
    for (uint32_t i = 0; i < c->n_lines; i++) {
      const scrub_line *a = &x->ln[i];
      if (i == j || !a->is_proc || !a->len5 || a->day != b->day || a->key == b->key ||
          !same_provider(x, i, j))
        continue;
      uint64_t h = scrub_pair_hash(a->key, b->key);
      batch[n++] = (pair){i, j, h, scrub_ptp_block(sc, h)};
      if (n == BATCH) {
        flush(x, batch, n);
        n = 0;
      }
    }
  }
  flush(x, batch, n);
}
