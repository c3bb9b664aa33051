/* x12_lex_transcript.h - one lexer run written out as text (every segment,
 * slice, gap, offset, delimiters, tail and error), so runs of different
 * paths or windows compare with memcmp. Shared by test_x12_lex_paths.c and
 * fuzz/fuzz_x12_lex_paths.c. */
#ifndef CC_X12_LEX_TRANSCRIPT_H
#define CC_X12_LEX_TRANSCRIPT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/x12.h"

/* Growing text buffer for one run's transcript. */
typedef struct {
  char *p;
  size_t n, cap;
} tbuf;

static void tput(tbuf *t, const char *fmt, ...) CC_PRINTF(2, 3);
static void tput(tbuf *t, const char *fmt, ...) {
  char line[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  size_t len = (size_t)k < sizeof line ? (size_t)k : sizeof line - 1;
  if (t->n + len + 1 > t->cap) {
    t->cap = (t->n + len + 1) * 2;
    t->p = realloc(t->p, t->cap);
  }
  memcpy(t->p + t->n, line, len);
  t->n += len;
  t->p[t->n] = 0;
}

/* Where slice v lies in the input: its offset, found through the segment's
 * own offset (fd windows move, so pointers cannot be compared). Checks that
 * the bytes there are the input's. */
static long long where(const cc_x12_seg *s, cc_slice v, const char *in,
                       size_t n, bool *bad) {
  long long off = (long long)s->offset + (long long)(v.p - s->raw.p);
  if (off < 0 || (size_t)off + v.n > n || memcmp(in + off, v.p, v.n) != 0)
    *bad = true;
  return off;
}

/* The whole transcript of lexing in[0..n) with lx; false when a slice did
 * not point at the input's bytes. */
static bool transcript(cc_x12_lexer *lx, const char *in, size_t n, tbuf *t) {
  static cc_x12_seg s;
  cc_err e;
  cc_code rc;
  bool bad = false;
  t->n = 0;
  tput(t, "%s", "");
  while ((rc = cc_x12_lexer_next(lx, &s, &e)) == CC_OK) {
    long long g = where(&s, s.gap, in, n, &bad);
    tput(t, "#%llu ic%u @%llu gap %lld+%zu id '%s' raw %zu nel %u:",
         (unsigned long long)s.index, s.interchange,
         (unsigned long long)s.offset, g, s.gap.n, s.id, s.raw.n, s.nel);
    if (s.gap.n && g + (long long)s.gap.n != (long long)s.offset) bad = true;
    where(&s, s.raw, in, n, &bad);
    for (uint32_t i = 0; i <= s.nel && i <= CC_MAX_ELEMENTS_PER_SEGMENT; i++)
      tput(t, " %lld+%zu", where(&s, s.el[i], in, n, &bad), s.el[i].n);
    cc_x12_delims d = cc_x12_lexer_delims(lx);
    tput(t, " d%02x%02x%02x%02x\n", (unsigned char)d.elem,
         (unsigned char)d.rep, (unsigned char)d.comp, (unsigned char)d.seg);
  }
  if (rc == CC_E_EOF) {
    cc_slice tail = cc_x12_lexer_tail(lx);
    tput(t, "eof tail %zu\n", tail.n);
  } else {
    tput(t, "error %d at %zu seg %u '%s': %s / %s\n", (int)rc, e.byte_off,
         e.seg_pos, e.seg_id, e.msg ? e.msg : "", e.detail);
  }
  /* Sticky: the next call gives the same answer. */
  cc_err e2;
  cc_code rc2 = cc_x12_lexer_next(lx, &s, &e2);
  tput(t, "again %d %zu\n", (int)rc2,
       rc2 == CC_E_EOF ? (size_t)0 : e2.byte_off);
  return !bad;
}

#endif
