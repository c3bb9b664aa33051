/* x12_validate.c - WEDI SNIP levels 1 and 2 over the reader: envelopes
 * (control numbers and counts), element usage, type, length, codes, dates
 * and times; hands each segment to the balancing (SNIP 3) and situational
 * (SNIP 4) checks. One pass, streaming, no allocation per segment. */
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "x12/x12_int.h"

const char *cc_severity_name(cc_severity s) {
  switch (s) {
  case CC_SEV_ERROR: return "error";
  case CC_SEV_WARNING: return "warning";
  default: return "info";
  }
}

/* ------------------------------------------------------------ plumbing */

void x12_emit(x12_vctx *v, cc_x12_finding *f) {
  f->where.file = v->file;
  v->nfound++;
  if (v->sum) {
    if (f->sev == CC_SEV_ERROR) v->sum->errors++;
    else if (f->sev == CC_SEV_WARNING) v->sum->warnings++;
  }
  if (v->fn) v->fn(v->ctx, f);
}

static void from_reader(void *ctx, const cc_x12_finding *f) {
  cc_x12_finding copy = *f;
  x12_emit(ctx, &copy);
}

void x12_mark_here(x12_mark *m, const cc_x12_item *it) {
  m->seg_index = it->seg->index;
  m->offset = it->seg->offset;
  m->st_pos = it->st_pos;
  /* Called on every claim and service line: no snprintf here. */
  size_t i = 0;
  for (; i + 1 < sizeof m->loop_id && it->loop_id[i]; i++)
    m->loop_id[i] = it->loop_id[i];
  m->loop_id[i] = '\0';
  memcpy(m->seg_id, it->seg->id, sizeof m->seg_id);
}

void x12_finding_mark(cc_x12_finding *f, const x12_vctx *v,
                      const x12_mark *m, cc_severity sev, uint8_t snip,
                      const char *msg) {
  memset(f, 0, sizeof *f);
  f->sev = sev;
  f->snip = snip;
  f->level = CC_ACK_NONE;
  f->st_seg_pos = m->st_pos;
  f->set_index = v->r->set_index;
  f->where.code = snip == 3 ? CC_E_UNBALANCED : CC_E_INVALID;
  f->where.msg = msg;
  f->where.byte_off = (size_t)m->offset;
  f->where.seg_pos = (uint32_t)m->seg_index;
  memcpy(f->where.seg_id, m->seg_id, sizeof f->where.seg_id);
  memcpy(f->where.loop_id, m->loop_id, sizeof f->where.loop_id);
}

/* A finding at the current segment with a formatted message. */
static void note(x12_vctx *v, const cc_x12_item *it, cc_severity sev,
                 uint8_t snip, cc_x12_ack_level level, const char *code,
                 uint16_t elem, uint16_t comp, const char *msg,
                 const char *fmt, ...) CC_PRINTF(10, 11);
static void note(x12_vctx *v, const cc_x12_item *it, cc_severity sev,
                 uint8_t snip, cc_x12_ack_level level, const char *code,
                 uint16_t elem, uint16_t comp, const char *msg,
                 const char *fmt, ...) {
  cc_x12_finding f;
  x12_finding_at(&f, v->r, it, sev, snip, code, elem, comp, msg);
  f.level = level;
  char d[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d, sizeof d, fmt, ap);
  va_end(ap);
  x12_fit(f.where.detail, sizeof f.where.detail, d);
  x12_emit(v, &f);
}

static void el_copy(const cc_x12_seg *s, unsigned pos, char *buf, size_t cap) {
  cc_slice_copy(x12_value(s, pos, 0, 0), buf, cap);
}

/* ------------------------------------------------------------ elements */

static bool is_digits(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned)(p[i] - '0') > 9) return false;
  return n > 0;
}

/* X12 basic and extended character sets: printable ASCII and the
 * extended letters; control characters are never data. */
static bool chars_ok(cc_slice s) {
  for (size_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

/* Check one value against its definition; returns the IK403 code or NULL,
 * and a reason in why. */
static const char *check_value(const x12_elem *e, cc_slice s, char *why,
                               size_t cap) {
  size_t len = s.n;
  switch (e->type) {
  case X12_T_N: {
    const char *p = s.p;
    size_t n = s.n;
    if (n && p[0] == '-') p++, n--;
    if (!is_digits(p, n)) {
      snprintf(why, cap, "must be a whole number (digits only)");
      return "6";
    }
    len = n;
    break;
  }
  case X12_T_R: {
    const char *p = s.p;
    size_t n = s.n, digits = 0;
    int dots = 0;
    if (n && p[0] == '-') p++, n--;
    for (size_t i = 0; i < n; i++) {
      if (p[i] == '.') dots++;
      else if ((unsigned)(p[i] - '0') <= 9) digits++;
      else dots = 9;
    }
    if (dots > 1 || digits == 0) {
      snprintf(why, cap, "must be a decimal number such as 125.50");
      return "6";
    }
    len = digits;
    break;
  }
  case X12_T_DT: {
    cc_day d;
    bool ok;
    if (s.n == 6) { /* ISA09: YYMMDD */
      char b[9] = "20";
      memcpy(b + 2, s.p, 6);
      ok = is_digits(s.p, 6) &&
           cc_date_parse_d8((cc_slice){b, 8}, &d) == CC_OK;
    } else {
      ok = cc_date_parse_d8(s, &d) == CC_OK;
    }
    if (!ok) {
      snprintf(why, cap, "is not a valid calendar date (CCYYMMDD)");
      return "8";
    }
    break;
  }
  case X12_T_TM:
    if (!cc_time_valid(s)) {
      snprintf(why, cap, "is not a valid time (HHMM, HHMMSS...)");
      return "9";
    }
    break;
  default:
    if (!chars_ok(s)) {
      snprintf(why, cap, "contains a control character");
      return "6";
    }
  }
  if (len < e->min) {
    snprintf(why, cap, "is too short: %zu character%s, at least %u", len,
             len == 1 ? "" : "s", e->min);
    return "4";
  }
  if (len > e->max) {
    snprintf(why, cap, "is too long: %zu characters, at most %u", len,
             e->max);
    return "5";
  }
  return NULL;
}

static const x12_valset *codes_for(const x12_guide *g, const x12_use *u,
                                   unsigned pos, unsigned comp) {
  if (!g || !u) return NULL;
  if (comp == 0) { /* the rule knows it */
    uint16_t i = g->rules[u->rule + pos - 1].vals;
    return i == X12_NONE ? NULL : &g->vals[i];
  }
  for (unsigned i = 0; i < u->ncodes; i++)
    if (g->vals[u->codes + i].pos == pos && g->vals[u->codes + i].comp == comp)
      return &g->vals[u->codes + i];
  /* Ident values are not checked here: the reader matched the use by them
   * and reports a wrong one itself. */
  return NULL;
}

static void value_finding(x12_vctx *v, const cc_x12_item *it, unsigned pos,
                          unsigned comp, const char *code, const char *why,
                          cc_slice val, const x12_elem *e) {
  char b[40];
  cc_slice_copy(val, b, sizeof b);
  const char *msg = code[0] == '4'   ? "data element too short"
                    : code[0] == '5' ? "data element too long"
                    : code[0] == '6' ? "invalid character in data element"
                    : code[0] == '8' ? "invalid date"
                    : code[0] == '9' ? "invalid time"
                                     : "invalid code value";
  char where[32];
  if (comp) snprintf(where, sizeof where, "%s%02u-%u", it->seg->id, pos, comp);
  else snprintf(where, sizeof where, "%s%02u", it->seg->id, pos);
  char nb[X12_BRIEF + 1];
  note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, code, (uint16_t)pos,
       (uint16_t)comp, msg, "%s (%s) '%s' %s", where,
       x12_brief(e->name, nb, sizeof nb), b, why);
}

static void check_one(x12_vctx *v, const cc_x12_item *it, const x12_elem *e,
                      unsigned pos, unsigned comp, cc_slice val) {
  if (val.n == 0) return;
  char why[128];
  const char *code = check_value(e, val, why, sizeof why);
  if (code) {
    value_finding(v, it, pos, comp, code, why, val, e);
    return;
  }
  const x12_valset *vs = codes_for(v->r->g, it->use_, pos, comp);
  if (vs && !x12_valset_has(vs, val)) {
    char list[80];
    x12_codes_text(vs, 4, list, sizeof list);
    snprintf(why, sizeof why, "is not a valid code here (allowed: %s)", list);
    value_finding(v, it, pos, comp, "7", why, val, e);
  }
}

/* ---- the fast path: a segment use's flattened rules (x12_rule) ------ */

/* True when no byte of s is one a simple element may not hold (control
 * characters, the repetition separator): one table load per byte. */
static inline bool clean(const cc_x12_reader *r, cc_slice s) {
  unsigned bad = 0;
  for (size_t i = 0; i < s.n; i++) bad |= r->bad[(uint8_t)s.p[i]];
  return !bad;
}

/* clean() for a whole segment at once: no control character and no
 * repetition separator anywhere in its bytes, so none in any element.
 * False also when a delimiter itself is a control character (then each
 * element is looked at on its own, as before). Whole words at a time. */
static inline uint64_t swar_zero(uint64_t x) {
  return (x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull;
}
static inline uint64_t swar_bad(uint64_t w, uint64_t rep) {
  return ((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) |
         swar_zero(w ^ 0x7F7F7F7F7F7F7F7Full) | swar_zero(w ^ rep);
}
#if defined(__SSE2__)
/* Bytes of x that no simple element may hold, as a 16-bit mask. */
static inline unsigned bad16(__m128i x, __m128i crep) {
  const __m128i c1f = _mm_set1_epi8(0x1F), c7f = _mm_set1_epi8(0x7F);
  __m128i b = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x),
                           _mm_or_si128(_mm_cmpeq_epi8(x, c7f),
                                        _mm_cmpeq_epi8(x, crep)));
  return (unsigned)_mm_movemask_epi8(b);
}
#endif

static inline __attribute__((always_inline)) bool
seg_clean(const cc_x12_reader *r, cc_slice raw) {
  const char *p = raw.p;
  size_t n = raw.n;
  if (n < 8) return clean(r, raw);
  uint8_t rc = (uint8_t)r->d.rep; /* 0 (none): a NUL is a control byte */
#if defined(__SSE2__)
  if (n >= 16) {
    /* Most segments hold 16 to 32 bytes: two loads, the second ending at
     * the segment's end (overlapping the first), no loop. */
    const __m128i crep = _mm_set1_epi8((char)rc);
    unsigned bad = bad16(
        _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16)), crep);
    for (size_t i = 0; i + 16 < n; i += 16)
      bad |= bad16(_mm_loadu_si128((const __m128i *)(const void *)(p + i)),
                   crep);
    return bad == 0;
  }
#endif
  uint64_t rep = 0x0101010101010101ull * rc, acc = 0, w;
  for (size_t i = 0;; i += 8) {
    if (i + 8 > n) i = n - 8;
    memcpy(&w, p + i, 8);
    acc |= swar_bad(w, rep);
    if (i + 8 >= n) break;
  }
  return acc == 0;
}

static inline bool digits_ok(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned)(p[i] - '0') > 9) return false;
  return true;
}

/* digits_ok(p, 8) with one load: every byte has high nibble 3 and a low
 * nibble that stays below 16 when 6 is added (no byte carries into the
 * next: each is at most 0x3F + 6). */
static inline bool digits8_ok(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  const uint64_t hi = 0xF0F0F0F0F0F0F0F0ull, three = 0x3030303030303030ull;
  return (w & hi) == three && ((w + 0x0606060606060606ull) & hi) == three;
}

static inline int num2(const char *p) { return (p[0] - '0') * 10 + p[1] - '0'; }

/* The same verdict as check_value, without formatting a reason: true when
 * the value is well-formed for its type and length. */
static inline __attribute__((always_inline)) bool value_ok(uint8_t type, uint16_t min, uint16_t max,
                            cc_slice s, bool ctrl) {
  size_t len = s.n;
  const char *p = s.p;
  switch (type) {
  case X12_T_N:
    if (len && p[0] == '-') p++, len--;
    if (!len || !digits_ok(p, len)) return false;
    break;
  case X12_T_R: {
    size_t digits = 0, dots = 0;
    if (len && p[0] == '-') p++, len--;
    for (size_t i = 0; i < len; i++) {
      if ((unsigned)(p[i] - '0') <= 9) digits++;
      else if (p[i] == '.') dots++;
      else return false;
    }
    if (dots > 1 || !digits) return false;
    len = digits;
    break;
  }
  case X12_T_DT:
    if (len == 8) {
      if (!digits8_ok(p) ||
          !cc_date_valid(num2(p) * 100 + num2(p + 2), num2(p + 4), num2(p + 6)))
        return false;
    } else if (len == 6) {
      if (!digits_ok(p, 6) ||
          !cc_date_valid(2000 + num2(p), num2(p + 2), num2(p + 4)))
        return false;
    } else {
      return false;
    }
    break;
  case X12_T_TM:
    if (!cc_time_valid(s)) return false;
    break;
  default:
    if (ctrl && !chars_ok(s)) return false;
  }
  return len >= min && len <= max;
}

static void check_one(x12_vctx *v, const cc_x12_item *it, const x12_elem *e,
                      unsigned pos, unsigned comp, cc_slice val);

/* One repetition of an element (or one component) under its rule. */
static inline void check_simple(x12_vctx *v, const cc_x12_item *it,
                                const x12_elem *e, const x12_valset *vs,
                                unsigned pos, unsigned comp, cc_slice val,
                                bool ctrl) {
  if (!val.n) return;
  if (value_ok(e->type, e->min, e->max, val, ctrl) &&
      (!vs || x12_valset_has(vs, val)))
    return;
  check_one(v, it, e, pos, comp, val); /* says what is wrong */
}

static const x12_valset *codes_for(const x12_guide *g, const x12_use *u,
                                   unsigned pos, unsigned comp);

/* An element that is a composite or holds a repetition separator. */
static void check_split(x12_vctx *v, const cc_x12_item *it, unsigned pos,
                        const x12_rule *ru, cc_slice val) {
  const x12_tableset *t = v->r->t;
  const x12_elem *e = &t->elems[ru->elem];
  char csep = v->r->d.comp, rsep = v->r->d.rep, nb[X12_BRIEF + 1];
  bool ctrl = true;
  /* ISA11 equal to ISA16: a composite's separators are components. */
  bool reps = rsep && memchr(val.p, rsep, val.n) &&
              !(v->r->rep_is_comp && e->type == X12_T_COMP);
  const x12_valset *vs =
      ru->vals != X12_NONE ? &v->r->g->vals[ru->vals] : NULL;
  const char *rp = val.p, *rend = val.p + val.n;
  unsigned nrep = 0;
  for (;;) {
    const char *q = reps ? memchr(rp, rsep, (size_t)(rend - rp)) : NULL;
    cc_slice one = {rp, (size_t)((q ? q : rend) - rp)};
    if (++nrep == (unsigned)ru->rep + 1)
      note(v, it, CC_SEV_ERROR, 1, CC_ACK_ELEMENT, "12", (uint16_t)pos, 0,
           "too many repetitions",
           "%s%02u (%s) repeats more than the %u time%s the standard "
           "allows (repetition separator '%c')",
           it->seg->id, pos, x12_brief(e->name, nb, sizeof nb), ru->rep,
           ru->rep == 1 ? "" : "s", rsep);
    if (e->type != X12_T_COMP) {
      check_simple(v, it, e, vs, pos, 0, one, ctrl);
    } else {
      unsigned c = 0;
      const char *cp = one.p, *cend = one.p + one.n;
      for (;;) {
        const char *cq = csep ? memchr(cp, csep, (size_t)(cend - cp)) : NULL;
        cc_slice cv = {cp, (size_t)((cq ? cq : cend) - cp)};
        c++;
        if (c > e->ncomp) {
          note(v, it, CC_SEV_ERROR, 1, CC_ACK_ELEMENT, "13", (uint16_t)pos,
               (uint16_t)c, "too many components",
               "%s%02u (%s) has more than its %u components", it->seg->id,
               pos, x12_brief(e->name, nb, sizeof nb), e->ncomp);
          break;
        }
        const x12_valset *cvs =
            c == 1 ? (ru->cv1 != X12_NONE ? &v->r->g->vals[ru->cv1] : NULL)
            : ru->cvals ? codes_for(v->r->g, it->use_, pos, c)
                        : NULL;
        check_simple(v, it, &t->comps[e->comp + c - 1], cvs, pos, c, cv,
                     ctrl);
        if (!cq) break;
        cp = cq + 1;
      }
    }
    if (!q) break;
    rp = q + 1;
  }
}

/* Elements of a body segment matched to a guide's segment use. */
/* Same bytes as the remembered value? Two 8-byte loads when the segment
 * holds 16 bytes from the value on (it nearly always does). */
static inline bool memo_hit(const x12_memo *m, cc_slice val, const char *end) {
  if (m->n != val.n) return false;
  if (end - val.p < 16) { /* short values at a segment's end: bytewise */
    const unsigned char *b = (const unsigned char *)m->w;
    for (size_t i = 0; i < val.n; i++)
      if (b[i] != (unsigned char)val.p[i]) return false;
    return true;
  }
  uint64_t a, b;
  memcpy(&a, val.p, 8);
  memcpy(&b, val.p + 8, 8);
  uint64_t ma = val.n >= 8 ? ~0ull : (1ull << (8 * val.n)) - 1;
  uint64_t mb = val.n <= 8 ? 0 : val.n >= 16 ? ~0ull : (1ull << (8 * (val.n - 8))) - 1;
  return (a & ma) == m->w[0] && (b & mb) == m->w[1];
}

static inline void memo_set(x12_memo *m, cc_slice val) {
  m->w[0] = m->w[1] = 0;
  memcpy(m->w, val.p, val.n);
  m->n = (uint8_t)val.n;
}

/* The memo follows the guide in use; a new guide or new delimiters (each
 * ISA) start it afresh. */
static void memo_for(x12_vctx *v, const x12_guide *g) {
  if (v->memo_g == g) return;
  v->memo_g = g;
  size_t n = 0;
  for (unsigned i = 0; i < g->nuses; i++) {
    size_t end = (size_t)g->uses[i].rule + v->r->t->segs[g->uses[i].seg].nel;
    if (end > n) n = end;
  }
  if (n > v->nmemo) {
    free(v->memo);
    v->memo = calloc(n, sizeof *v->memo);
    v->nmemo = v->memo ? n : 0;
  } else if (v->memo) {
    memset(v->memo, 0, v->nmemo * sizeof *v->memo);
  }
}

/* x12_code_key of a value of at most 7 bytes: one load and a mask when
 * the segment holds 8 bytes from the value on (it nearly always does). */
static inline uint64_t key7(cc_slice s, const char *end) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (end - s.p >= 8) {
    uint64_t w;
    memcpy(&w, s.p, 8);
    return (w & ((1ull << (8 * s.n)) - 1)) | (uint64_t)s.n << 56;
  }
#endif
  (void)end;
  return x12_code_key(s.p, s.n);
}

/* x12_valset_has for a value inside a segment that ends at end. */
static inline bool code_in(const x12_valset *vs, cc_slice s, const char *end) {
  if (!vs->htab || s.n > 7) return x12_valset_has(vs, s);
  uint64_t k = key7(s, end);
  return s.n && vs->htab[x12_vslot(vs, k)] == k;
}

/* A required element missing or a not-used one sent; out of the hot loop. */
static __attribute__((cold, noinline)) void
usage_finding(x12_vctx *v, const cc_x12_item *it, unsigned pos,
              const x12_elem *e) {
  char nb[X12_BRIEF + 1], nb2[X12_BRIEF + 1];
  const char *en = x12_brief(e->name, nb, sizeof nb);
  const char *sn = x12_brief(it->seg_name, nb2, sizeof nb2);
  if (pos > it->seg->nel || it->seg->el[pos].n == 0)
    note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, "1", (uint16_t)pos, 0,
         "required data element missing", "%s%02u (%s) is required in %s",
         it->seg->id, pos, en, sn);
  else
    note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, "I10", (uint16_t)pos, 0,
         "implementation \"not used\" data element present",
         "%s%02u (%s) must not be sent in %s", it->seg->id, pos, en, sn);
}

/* loose is r->loose_pos, passed in so that the common case (0) is a
 * copy of the loop without the test (see check_use). */
static inline __attribute__((always_inline)) void
check_use_at(x12_vctx *v, const cc_x12_item *it, const x12_use *u,
             const unsigned loose) {
  const x12_guide *g = v->r->g;
  const x12_tableset *t = v->r->t;
  const x12_rule *R = g->rules + u->rule;
  const cc_x12_seg *s = it->seg;
  unsigned nel = t->segs[u->seg].nel, n = s->nel;
  if (n > nel) {
    note(v, it, CC_SEV_ERROR, 1, CC_ACK_ELEMENT, "3", (uint16_t)(nel + 1), 0,
         "too many data elements",
         "%s has %u elements; the standard defines %u", s->id, n, nel);
    n = nel;
  }
  const cc_x12_reader *r = v->r;
  const char *send = s->raw.p + s->raw.n;
  x12_memo *const memo = v->memo;
  const char csep = r->d.comp;
  /* Nearly every segment: no byte anywhere that an element may not hold,
   * so the per-element scans for them are skipped. */
  const bool sclean = seg_clean(r, s->raw);
  /* The elements sent, then the required ones after them. */
  for (unsigned pos = 1; pos <= n; pos++) {
    const x12_rule *ru = &R[pos - 1];
    cc_slice val = s->el[pos];
    if (val.n == 0) {
      if (ru->usage == 'R') usage_finding(v, it, pos, &t->elems[ru->elem]);
      continue;
    }
    /* The reader said what is wrong with a qualifier that fit no use. */
    if (pos == loose && ru->op != X12_OP_NOT_USED) continue;
    bool ok;
    x12_memo *m;
    switch (ru->op) {
    case X12_OP_NOT_USED:
      usage_finding(v, it, pos, &t->elems[ru->elem]);
      continue;
    case X12_OP_AN:
      ok = val.n >= ru->min && val.n <= ru->max && (sclean || clean(r, val));
      break;
    case X12_OP_CODE1: /* a listed code holds no delimiter or control byte */
      ok = val.n >= ru->min && val.n <= ru->max && val.n <= 7 &&
           key7(val, send) == g->vals[ru->vals].keys[0];
      break;
    case X12_OP_CODES:
      ok = false;
      if (val.n >= ru->min && val.n <= ru->max && val.n <= 7) {
        /* The generator gives every such list a hash (htab). */
        const x12_valset *vs = &g->vals[ru->vals];
        uint64_t k = key7(val, send);
        ok = vs->htab[x12_vslot(vs, k)] == k;
      }
      break;
    case X12_OP_CODEMEMO:
      m = memo && val.n <= 16 ? &memo[u->rule + pos - 1] : NULL;
      if (m && memo_hit(m, val, send)) continue;
      if (val.n >= ru->min && val.n <= ru->max &&
          x12_valset_has(&g->vals[ru->vals], val)) {
        if (m) memo_set(m, val);
        continue;
      }
      ok = false;
      break;
    case X12_OP_R: ok = value_ok(X12_T_R, ru->min, ru->max, val, false); break;
    case X12_OP_N: ok = value_ok(X12_T_N, ru->min, ru->max, val, false); break;
    case X12_OP_DT: ok = value_ok(X12_T_DT, ru->min, ru->max, val, false); break;
    case X12_OP_TM: ok = value_ok(X12_T_TM, ru->min, ru->max, val, false); break;
    case X12_OP_COMP: {
      m = memo && val.n <= 16 ? &memo[u->rule + pos - 1] : NULL;
      if (m && memo_hit(m, val, send)) continue;
      /* The common composite (SV101 HC:99214, HI01 ABK:R05): split and
       * judge each component in place, noting any byte no component may
       * hold (control characters, the repetition separator); anything
       * wrong goes to check_split, which says what. With ISA11 equal to
       * ISA16 a composite splits on components only, as there. */
      unsigned bad = 0;
      const x12_elem *e = &t->elems[ru->elem];
      const x12_elem *C = &t->comps[e->comp];
      const x12_valset *cv1 = ru->cv1 != X12_NONE ? &g->vals[ru->cv1] : NULL;
      const char *cp = val.p, *cend = val.p + val.n;
      unsigned c = 0;
      ok = true;
      for (;;) {
        const char *cq = cp;
        if (sclean)
          for (; cq < cend && *cq != csep; cq++) {}
        else
          for (; cq < cend && *cq != csep; cq++) bad |= r->bad[(uint8_t)*cq];
        if (c >= e->ncomp) {
          ok = false;
          break;
        }
        cc_slice cv = {cp, (size_t)(cq - cp)};
        if (cv.n && (!value_ok(C[c].type, C[c].min, C[c].max, cv, false) ||
                     (c == 0 && cv1 && !code_in(cv1, cv, send)))) {
          ok = false;
          break;
        }
        c++;
        if (cq == cend) break;
        cp = cq + 1;
      }
      if (ok && !bad) {
        if (m) memo_set(m, val);
        continue;
      }
      uint64_t before = v->nfound;
      check_split(v, it, pos, ru, val);
      if (m && v->nfound == before) memo_set(m, val);
      continue;
    }
    default: { /* X12_OP_COMP_CV */
      m = memo && val.n <= 16 ? &memo[u->rule + pos - 1] : NULL;
      if (m && memo_hit(m, val, send)) continue;
      uint64_t before = v->nfound;
      check_split(v, it, pos, ru, val);
      if (m && v->nfound == before) memo_set(m, val);
      continue;
    }
    }
    if (!ok) check_split(v, it, pos, ru, val); /* says what is wrong */
  }
  for (unsigned pos = n + 1; pos <= u->lastreq; pos++)
    if (R[pos - 1].usage == 'R')
      usage_finding(v, it, pos, &t->elems[R[pos - 1].elem]);
}

static void check_use(x12_vctx *v, const cc_x12_item *it, const x12_use *u) {
  if (v->memo_g != v->r->g) memo_for(v, v->r->g);
  /* Read once: findings reported in the loop cannot change it. */
  const unsigned loose = v->r->loose_pos;
  if (__builtin_expect(loose == 0, 1)) check_use_at(v, it, u, 0);
  else check_use_at(v, it, u, loose);
}

static void check_elements(x12_vctx *v, const cc_x12_item *it) {
  const x12_segdef *sd = it->def_;
  if (!sd) return;
  if (it->use_ && v->r->g && it->kind != CC_X12_ISA) {
    check_use(v, it, it->use_);
    return;
  }
  const cc_x12_seg *s = it->seg;
  const x12_tableset *t = v->r->t;
  char nb[X12_BRIEF + 1], nb2[X12_BRIEF + 1];
  const x12_use *u = it->use_;
  const char *eu = u ? u->elem_usage : NULL;
  bool eu_end = !eu;
  bool envelope = it->kind == CC_X12_ISA;
  char csep = v->r->d.comp, rsep = v->r->d.rep;
  unsigned n = s->nel;
  if (n > sd->nel) {
    note(v, it, CC_SEV_ERROR, 1, CC_ACK_ELEMENT, "3", (uint16_t)(sd->nel + 1),
         0, "too many data elements",
         "%s has %u elements; the standard defines %u", s->id, n, sd->nel);
    n = sd->nel;
  }
  for (unsigned pos = 1; pos <= sd->nel; pos++) {
    char use = 'S';
    if (!eu_end) {
      use = eu[pos - 1];
      if (!use) eu_end = true, use = 'S';
    }
    cc_slice val = pos <= n ? s->el[pos] : (cc_slice){"", 0};
    const x12_elem *e = &t->elems[sd->el + pos - 1];
    if (val.n == 0) {
      if (use == 'R')
        note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, "1", (uint16_t)pos, 0,
             "required data element missing", "%s%02u (%s) is required in %s",
             s->id, pos, x12_brief(e->name, nb, sizeof nb),
             x12_brief(it->seg_name, nb2, sizeof nb2));
      continue;
    }
    if (pos > n) break;
    if (use == 'N') {
      note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, "I10", (uint16_t)pos, 0,
           "implementation \"not used\" data element present",
           "%s%02u (%s) must not be sent in %s", s->id, pos,
           x12_brief(e->name, nb, sizeof nb),
           x12_brief(it->seg_name, nb2, sizeof nb2));
      continue;
    }
    if (envelope) {
      check_one(v, it, e, pos, 0, val);
      continue;
    }
    /* Repetitions: each one is checked like the element. */
    cc_slice reps[1] = {val};
    const char *rp = val.p, *rend = val.p + val.n;
    for (;;) {
      const char *q = rsep ? memchr(rp, rsep, (size_t)(rend - rp)) : NULL;
      reps[0] = (cc_slice){rp, (size_t)((q ? q : rend) - rp)};
      if (e->type == X12_T_COMP) {
        unsigned c = 0;
        const char *cp = reps[0].p, *cend = reps[0].p + reps[0].n;
        for (;;) {
          const char *cq = csep ? memchr(cp, csep, (size_t)(cend - cp)) : NULL;
          cc_slice cv = {cp, (size_t)((cq ? cq : cend) - cp)};
          c++;
          if (c > e->ncomp) {
            note(v, it, CC_SEV_ERROR, 1, CC_ACK_ELEMENT, "13", (uint16_t)pos,
                 (uint16_t)c, "too many components",
                 "%s%02u (%s) has more than its %u components", s->id, pos,
                 x12_brief(e->name, nb, sizeof nb), e->ncomp);
            break;
          }
          check_one(v, it, &t->comps[e->comp + c - 1], pos, c, cv);
          if (!cq) break;
          cp = cq + 1;
        }
      } else {
        check_one(v, it, e, pos, 0, reps[0]);
      }
      if (!q) break;
      rp = q + 1;
    }
  }
}

/* Date elements whose format a qualifier gives (DTP02/03, DMG01/02,
 * DTM05/06): D8 is one CCYYMMDD date, RD8 a range CCYYMMDD-CCYYMMDD. */
static inline bool d8_ok(const char *p) {
  return digits8_ok(p) &&
         cc_date_valid(num2(p) * 100 + num2(p + 2), num2(p + 4), num2(p + 6));
}

static void check_dated(x12_vctx *v, const cc_x12_item *it) {
  uint32_t k = v->r->key;
  unsigned q = k == X12_KEY('D', 'T', 'P')   ? 2
               : k == X12_KEY('D', 'M', 'G') ? 1
               : k == X12_KEY('D', 'T', 'M') ? 5
                                             : 0;
  if (!q || q + 1 > it->seg->nel) return;
  cc_slice fmt = it->seg->el[q], val = it->seg->el[q + 1];
  if (!val.n) return;
  bool d8 = fmt.n == 2 && fmt.p[0] == 'D' && fmt.p[1] == '8';
  bool rd8 = fmt.n == 3 && fmt.p[0] == 'R' && fmt.p[1] == 'D' && fmt.p[2] == '8';
  bool ok = true;
  if (d8) {
    ok = val.n == 8 && d8_ok(val.p);
  } else if (rd8) {
    if (val.n == 8 && d8_ok(val.p)) {
      /* One date where a range belongs: the meaning is clear (a one-day
       * period) and some TR3 examples send it, so warn only. */
      note(v, it, CC_SEV_WARNING, 2, CC_ACK_NONE, "", (uint16_t)(q + 1), 0,
           "date range expected",
           "%s%02u has one date where RD8 calls for CCYYMMDD-CCYYMMDD; read "
           "as a one-day period", it->seg->id, q + 1);
      return;
    }
    ok = val.n == 17 && val.p[8] == '-' && d8_ok(val.p) && d8_ok(val.p + 9);
  } else {
    return;
  }
  if (ok) return;
  char b[24];
  cc_slice_copy(val, b, sizeof b);
  note(v, it, CC_SEV_ERROR, 2, CC_ACK_ELEMENT, "8", (uint16_t)(q + 1), 0,
       "invalid date", "%s%02u '%s' is not a valid %s date (%s)", it->seg->id,
       q + 1, b, cc_slice_eq(fmt, "D8") ? "CCYYMMDD" : "CCYYMMDD-CCYYMMDD range",
       cc_slice_eq(fmt, "D8") ? "D8" : "RD8");
}

/* ------------------------------------------------------------ envelopes */

static void env_mismatch(x12_vctx *v, const cc_x12_item *it,
                         cc_x12_ack_level lvl, const char *code, unsigned pos,
                         const char *msg, const char *fmt, const char *a,
                         const char *b) {
  note(v, it, CC_SEV_ERROR, 1, lvl, code, (uint16_t)pos, 0, msg, fmt, a, b);
}

static void close_set_missing(x12_vctx *v, const cc_x12_item *it,
                              const char *why) {
  if (!v->st_open) return;
  /* The set stops short: its last claim's total, an open situational
   * scope and the like were cut off, not wrong. The one problem is the
   * missing trailer. */
  memset(&v->bal, 0, sizeof v->bal);
  memset(v->sit, 0, sizeof v->sit);
  cc_x12_finding f;
  x12_finding_mark(&f, v, &v->st, CC_SEV_ERROR, 1, "transaction set trailer missing");
  f.level = CC_ACK_SET;
  strcpy(f.ack_code, "2");
  snprintf(f.where.detail, sizeof f.where.detail,
           "transaction set %s %s has no SE trailer (%s)", v->st01, v->st02,
           why);
  x12_emit(v, &f);
  v->st_open = false;
  (void)it;
}

static void close_group_missing(x12_vctx *v, const char *why) {
  if (!v->gs_open) return;
  cc_x12_finding f;
  x12_finding_mark(&f, v, &v->gs, CC_SEV_ERROR, 1, "functional group trailer missing");
  f.level = CC_ACK_GROUP;
  strcpy(f.ack_code, "3");
  snprintf(f.where.detail, sizeof f.where.detail,
           "functional group %s has no GE trailer (%s)", v->gs06, why);
  x12_emit(v, &f);
  v->gs_open = false;
}

static void close_isa_missing(x12_vctx *v, const char *why) {
  if (!v->isa_open) return;
  cc_x12_finding f;
  x12_finding_mark(&f, v, &v->isa, CC_SEV_ERROR, 1, "interchange trailer missing");
  f.level = CC_ACK_INTERCHANGE;
  strcpy(f.ack_code, "023");
  snprintf(f.where.detail, sizeof f.where.detail,
           "interchange %s has no IEA trailer (%s): the file may be "
           "truncated", v->isa13, why);
  x12_emit(v, &f);
  v->isa_open = false;
}

void x12_sum_add_guide(cc_x12_summary *s, const char *entry) {
  if (strstr(s->unchecked_guides, entry)) return;
  size_t o = strlen(s->unchecked_guides);
  snprintf(s->unchecked_guides + o, sizeof s->unchecked_guides - o, "%s%s",
           o ? ", " : "", entry);
}

static void unchecked(x12_vctx *v, const cc_x12_item *it) {
  char ver[16], st01[4];
  el_copy(it->seg, 1, st01, sizeof st01);
  snprintf(ver, sizeof ver, "%s", v->r->gs08[0] ? v->r->gs08 : "?");
  if (v->sum) {
    v->sum->sets_unchecked++;
    char entry[40];
    snprintf(entry, sizeof entry, "%s (%s)", ver, st01);
    x12_sum_add_guide(v->sum, entry);
    x12_chunk_run *ch = v->chunk;
    if (ch) { /* the merge replays the list in file order */
      bool seen = false;
      for (unsigned i = 0; i < ch->nguides && !seen; i++)
        seen = strcmp(ch->guides[i], entry) == 0;
      if (!seen && ch->nguides < sizeof ch->guides / sizeof *ch->guides)
        memcpy(ch->guides[ch->nguides++], entry, sizeof entry);
      else if (!seen)
        ch->guides_over = true;
    }
  }
  note(v, it, CC_SEV_INFO, 2, CC_ACK_NONE, "", 0, 0,
       "implementation guide not checked",
       "no implementation-guide tables for %s %s here: this transaction set "
       "was checked for syntax and envelopes only", st01, ver);
}

/* GS01 names the kind of transaction sets the group holds (X12.6 data
 * element 479; each TR3 gives its own value). */
static void check_gs01(x12_vctx *v) {
  static const char *const map[][2] = {
      {"837", "HC"}, {"835", "HP"}, {"270", "HS"}, {"271", "HB"},
      {"276", "HR"}, {"277", "HN"}, {"278", "HI"}, {"999", "FA"},
      {"834", "BE"}, {"820", "RA"}};
  if (!v->gs_open) return;
  for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
    if (strcmp(map[i][0], v->st01) != 0) continue;
    if (strcmp(map[i][1], v->gs01) == 0) return;
    cc_x12_finding f;
    x12_finding_mark(&f, v, &v->gs, CC_SEV_ERROR, 1,
                     "functional identifier code does not match the "
                     "transaction set");
    f.where.elem_pos = 1;
    f.where.de_ref = 479;
    snprintf(f.where.detail, sizeof f.where.detail,
             "GS01 '%s' is not the functional identifier of a %s "
             "transaction set (%s)", v->gs01, v->st01, map[i][1]);
    x12_emit(v, &f);
    return;
  }
}

void x12_envelope(x12_vctx *v, const cc_x12_item *it) {
  const cc_x12_seg *s = it->seg;
  char a[16];
  switch (it->kind) {
  case CC_X12_ISA:
    v->memo_g = NULL; /* delimiters may change */
    close_set_missing(v, it, "a new interchange starts");
    close_group_missing(v, "a new interchange starts");
    close_isa_missing(v, "a new interchange starts");
    if (v->sum) v->sum->interchanges++;
    v->isa_open = true;
    v->groups_in_isa = 0;
    x12_mark_here(&v->isa, it);
    el_copy(s, 13, v->isa13, sizeof v->isa13);
    {
      static const char *const q[] = {"01", "14", "20", "27", "28", "29", "30", "33", "ZZ"};
      static const char *const c1[] = {"00", "03"}, *const c3[] = {"00", "01"},
                               *const c12[] = {"00501"}, *const c14[] = {"0", "1"},
                               *const c15[] = {"P", "T"};
      static const char *const *const sets[] = {c1, c3, q, q, c12, c14, c15};
      static const unsigned nset[] = {2, 2, 9, 9, 1, 2, 2};
      const unsigned pos[] = {1, 3, 5, 7, 12, 14, 15};
      for (unsigned i = 0; i < 7; i++) {
        cc_slice val = x12_value(s, pos[i], 0, 0);
        bool ok = false;
        for (unsigned j = 0; j < nset[i] && !ok; j++) ok = cc_slice_eq(val, sets[i][j]);
        if (val.n && !ok) {
          /* Say what the sender should have put there. */
          static const char *const names[] = {
              "Authorization Information Qualifier",
              "Security Information Qualifier",
              "Interchange ID Qualifier",
              "Interchange ID Qualifier",
              "Interchange Control Version Number",
              "Acknowledgment Requested",
              "Interchange Usage Indicator"};
          char b[16], want[64];
          size_t o = 0;
          cc_slice_copy(val, b, sizeof b);
          for (unsigned j = 0; j < nset[i]; j++)
            o += (size_t)snprintf(want + o, sizeof want - o, "%s%s",
                                  j == 0             ? ""
                                  : j + 1 == nset[i] ? " or "
                                                     : ", ",
                                  sets[i][j]);
          note(v, it, CC_SEV_ERROR, 1, CC_ACK_INTERCHANGE, "024",
               (uint16_t)pos[i], 0, "invalid interchange content",
               "ISA%02u (%s) '%s' is not a valid value: expected %s%s",
               pos[i], names[i], b, want,
               pos[i] == 12 ? " (version 5010)" : "");
        }
      }
    }
    if (v->r->rep_is_comp)
      note(v, it, CC_SEV_WARNING, 1, CC_ACK_NONE, "", 11, 0,
           "repetition and component separators are the same",
           "ISA11 and ISA16 are both '%c' (the standard wants two different "
           "separators); read per element: components in a composite, "
           "repetitions in EB03 and the like",
           v->r->d.comp);
    break;
  case CC_X12_GS:
    close_set_missing(v, it, "a new group starts");
    close_group_missing(v, "a new group starts");
    if (!v->isa_open)
      note(v, it, CC_SEV_ERROR, 1, CC_ACK_INTERCHANGE, "024", 0, 0,
           "group outside an interchange", "GS comes before any ISA");
    if (v->sum) v->sum->groups++;
    v->groups_in_isa++;
    v->gs_open = true;
    v->sets_in_gs = 0;
    x12_mark_here(&v->gs, it);
    el_copy(s, 6, v->gs06, sizeof v->gs06);
    el_copy(s, 1, v->gs01, sizeof v->gs01);
    break;
  case CC_X12_ST:
    close_set_missing(v, it, "a new transaction set starts");
    if (!v->gs_open)
      note(v, it, CC_SEV_ERROR, 1, CC_ACK_GROUP, "3", 0, 0,
           "transaction set outside a group", "ST comes before any GS");
    if (v->sum) v->sum->sets++;
    v->sets_in_gs++;
    v->st_open = true;
    x12_mark_here(&v->st, it);
    el_copy(s, 2, v->st02, sizeof v->st02);
    el_copy(s, 1, v->st01, sizeof v->st01);
    v->kind = atoi(v->st01);
    v->bal_filter = x12_balance_filter(v->kind);
    v->sit_rules = UINT32_MAX; /* x12_situational_seg narrows it */
    memset(&v->bal, 0, sizeof v->bal);
    memset(v->sit, 0, sizeof v->sit);
    if (!v->r->g) unchecked(v, it);
    check_gs01(v);
    break;
  case CC_X12_SE: {
    x12_balance_end_set(v);
    x12_situational_end_set(v);
    uint64_t n = 0;
    cc_slice se01 = x12_value(s, 1, 0, 0);
    if (cc_slice_to_u64(se01, &n) != CC_OK || n != it->st_pos) {
      char want[16];
      snprintf(want, sizeof want, "%u", it->st_pos);
      el_copy(s, 1, a, sizeof a);
      env_mismatch(v, it, CC_ACK_SET, "4", 1,
                   "number of included segments does not match actual count",
                   "SE01 says %s segments but the transaction set has %s "
                   "(ST through SE)", a, want);
    }
    el_copy(s, 2, a, sizeof a);
    if (strcmp(a, v->st02) != 0)
      env_mismatch(v, it, CC_ACK_SET, "3", 2,
                   "transaction set control numbers do not match",
                   "SE02 '%s' does not match ST02 '%s'", a, v->st02);
    v->st_open = false;
    break;
  }
  case CC_X12_GE: {
    close_set_missing(v, it, "the group ends");
    char want[16];
    snprintf(want, sizeof want, "%u", v->sets_in_gs);
    uint64_t n = 0;
    el_copy(s, 1, a, sizeof a);
    if (cc_slice_to_u64(x12_value(s, 1, 0, 0), &n) != CC_OK ||
        n != v->sets_in_gs)
      env_mismatch(v, it, CC_ACK_GROUP, "5", 1,
                   "number of included transaction sets does not match "
                   "actual count",
                   "GE01 says %s transaction sets but the group has %s", a,
                   want);
    el_copy(s, 2, a, sizeof a);
    if (strcmp(a, v->gs06) != 0)
      env_mismatch(v, it, CC_ACK_GROUP, "4", 2,
                   "group control numbers do not match",
                   "GE02 '%s' does not match GS06 '%s'", a, v->gs06);
    v->gs_open = false;
    break;
  }
  case CC_X12_IEA: {
    close_set_missing(v, it, "the interchange ends");
    close_group_missing(v, "the interchange ends");
    char want[16];
    snprintf(want, sizeof want, "%u", v->groups_in_isa);
    uint64_t n = 0;
    el_copy(s, 1, a, sizeof a);
    if (cc_slice_to_u64(x12_value(s, 1, 0, 0), &n) != CC_OK ||
        n != v->groups_in_isa)
      env_mismatch(v, it, CC_ACK_INTERCHANGE, "021", 1,
                   "invalid number of included groups",
                   "IEA01 says %s functional groups but the interchange has "
                   "%s", a, want);
    el_copy(s, 2, a, sizeof a);
    if (strcmp(a, v->isa13) != 0)
      env_mismatch(v, it, CC_ACK_INTERCHANGE, "001", 2,
                   "interchange control numbers do not match",
                   "IEA02 '%s' does not match ISA13 '%s'", a, v->isa13);
    v->isa_open = false;
    break;
  }
  case CC_X12_STRAY:
    note(v, it, CC_SEV_ERROR, 1, CC_ACK_INTERCHANGE, "024", 0, 0,
         "segment outside a transaction set",
         "%s appears outside any ST..SE transaction set",
         it->seg->id[0] ? it->seg->id : "segment");
    break;
  default:
    break;
  }
}

/* ---------------------------------------------------------------- runs */

/* An X12 segment id: 2 or 3 uppercase letters or digits, a letter first. */
static bool id_well_formed(const char *id) {
  size_t n = strlen(id);
  if (n < 2 || n > 3 || id[0] < 'A' || id[0] > 'Z') return false;
  for (size_t i = 1; i < n; i++)
    if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9')))
      return false;
  return true;
}

cc_code x12_validate_run(cc_x12_lexer *lx, const x12_tableset *t,
                         const char *name, cc_x12_finding_fn fn, void *ctx,
                         cc_x12_summary *sum, cc_err *err,
                         x12_chunk_run *ch) {
  cc_x12_summary local;
  if (!sum) sum = &local;
  memset(sum, 0, sizeof *sum);
  cc_x12_reader *r = lx ? x12_reader_new_tables(lx, t) : NULL;
  if (!r) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "reading %s", name);
  }
  x12_vctx *v = calloc(1, sizeof *v);
  if (!v) {
    cc_x12_reader_free(r);
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "reading %s", name);
  }
  v->r = r;
  v->fn = fn;
  v->ctx = ctx;
  v->file = name;
  v->sum = sum;
  v->chunk = ch;
  x12_reader_on_finding(r, from_reader, v);
  cc_x12_item it;
  cc_err le;
  cc_err_clear(&le);
  cc_code rc;
  uint64_t last_end = 0, last_index = 0;
  uint32_t last_ic = 0;
  x12_envstate isa; /* the open interchange's ISA, for ch->end */
  memset(&isa, 0, sizeof isa);
  if (ch && ch->start) {
    /* The chunk starts with a copy of its interchange's ISA (delimiters,
     * ISA11/ISA16 for the reader), then the cut's ST: the copy is not
     * validated again, and the state before the cut is taken over. */
    if (cc_x12_reader_next(r, &it, &le) != CC_OK || it.kind != CC_X12_ISA) {
      ch->failed = true;
      goto done;
    }
    const x12_envstate *s = ch->start;
    r->in_isa = s->in_isa;
    r->in_gs = s->in_gs;
    r->set_index = s->set_index;
    r->group_index = s->group_index;
    memcpy(r->gs08, s->gs08, sizeof r->gs08);
    r->idx_delta = s->next_index - it.seg->index - 1;
    r->off_delta = s->cut - (it.seg->offset + s->isa_len);
    r->ic_delta = s->interchange - it.seg->interchange;
    r->shifted = true;
    v->isa_open = s->isa_open;
    v->gs_open = s->gs_open;
    v->st_open = s->st_open;
    memcpy(v->isa13, s->isa13, sizeof v->isa13);
    memcpy(v->gs06, s->gs06, sizeof v->gs06);
    memcpy(v->gs01, s->gs01, sizeof v->gs01);
    v->groups_in_isa = s->groups_in_isa;
    v->sets_in_gs = s->sets_in_gs;
    v->isa = s->isa;
    v->gs = s->gs;
    isa.isa_len = s->isa_len;
    memcpy(isa.isa_raw, s->isa_raw, sizeof isa.isa_raw);
  }
  while ((rc = cc_x12_reader_next(r, &it, &le)) == CC_OK) {
    sum->segments++;
    last_end = it.seg->offset + it.seg->raw.n;
    if (it.kind != CC_X12_BODY) {
      if (ch && it.kind == CC_X12_ISA) x12_env_isa(&isa, it.seg, r->d.seg);
      x12_envelope(v, &it);
    }
    if (ch) {
      last_index = it.seg->index;
      last_ic = it.seg->interchange;
    }
    /* Sets without tables here get syntax checks only: an id the
     * dictionary does not know (SV3, UM, HCR) is fine when well-formed. */
    if (!it.def_ && it.kind == CC_X12_BODY && !r->g &&
        !id_well_formed(it.seg->id))
      note(v, &it, CC_SEV_ERROR, 1, CC_ACK_SEGMENT, "1", 0, 0,
           "unrecognized segment ID", "'%.3s' is not an X12 segment identifier",
           it.seg->id);
    check_elements(v, &it);
    if (it.kind == CC_X12_BODY) check_dated(v, &it);
    if (it.kind == CC_X12_BODY || it.kind == CC_X12_SE) {
      /* Most segments concern neither: two filter tests, no calls. */
      if (x12_kf_has(&v->bal_filter, r->key)) x12_balance_seg(v, &it);
      if (v->sit_rules == UINT32_MAX || x12_kf_has(&v->sit_filter, r->key))
        x12_situational_seg(v, &it);
    }
  }
  if (ch && (rc != CC_E_EOF || !ch->last)) {
    /* A chunk's lexer stopping is the serial run's to report; a chunk
     * that is not the last leaves the end-of-input checks to the last. */
    if (rc != CC_E_EOF) ch->failed = true;
    x12_env_save(&ch->end, r, v);
    ch->end.next_index = last_index + 1;
    ch->end.interchange = last_ic;
    ch->end.cut = last_end; /* not compared: see x12_parallel.c */
    ch->end.isa_len = isa.isa_len;
    memcpy(ch->end.isa_raw, isa.isa_raw, sizeof isa.isa_raw);
    sum->bytes = last_end;
    goto done;
  }
  if (rc != CC_E_EOF) {
    /* The bytes stop being X12: report where, and what stays open. */
    cc_x12_finding f;
    memset(&f, 0, sizeof f);
    f.sev = CC_SEV_ERROR;
    f.snip = 1;
    f.level = CC_ACK_INTERCHANGE;
    strcpy(f.ack_code, "024");
    f.where = le;
    if (!f.where.msg) f.where.msg = cc_strerror(rc);
    /* The line shows the detail alone: it must say what is wrong, so the
     * lexer's subject goes in front unless the detail starts with it. */
    size_t ml = strlen(f.where.msg);
    if (strncmp(f.where.detail, f.where.msg, ml) != 0) {
      char both[sizeof f.where.detail * 2];
      int k = f.where.detail[0]
                  ? snprintf(both, sizeof both, "%s: %s", f.where.msg,
                             f.where.detail)
                  : snprintf(both, sizeof both, "%s", f.where.msg);
      if (k > 0 && (size_t)k < sizeof f.where.detail)
        memcpy(f.where.detail, both, (size_t)k + 1);
    }
    x12_emit(v, &f);
  } else if (sum->segments == 0) {
    cc_x12_finding f;
    memset(&f, 0, sizeof f);
    f.sev = CC_SEV_ERROR;
    f.snip = 1;
    f.level = CC_ACK_INTERCHANGE;
    strcpy(f.ack_code, "024");
    f.where.code = CC_E_SYNTAX;
    f.where.msg = "no interchange";
    snprintf(f.where.detail, sizeof f.where.detail,
             "the file holds no X12 interchange (no ISA segment)");
    x12_emit(v, &f);
  }
  const char *why = rc == CC_E_EOF ? "the file ends" : "the file cannot be read further";
  /* An envelope the lexer refused (wrong delimiters, a broken ISA) is the
   * one finding: its trailers are unreadable, not missing. */
  if (rc == CC_E_EOF || rc != CC_E_ENVELOPE) {
    close_set_missing(v, NULL, why);
    close_group_missing(v, why);
    close_isa_missing(v, why);
  }
  sum->bytes = last_end;
done:
  free(v->memo);
  free(v);
  cc_x12_reader_free(r);
  cc_x12_lexer_free(lx);
  return CC_OK;
}

static cc_code run(cc_x12_lexer *lx, const x12_tableset *t, const char *name,
                   cc_x12_finding_fn fn, void *ctx, cc_x12_summary *sum,
                   cc_err *err) {
  return x12_validate_run(lx, t, name, fn, ctx, sum, err, NULL);
}

cc_code x12_validate_lexer(cc_x12_lexer *lx, const x12_tableset *t,
                           const char *name, cc_x12_finding_fn fn, void *ctx,
                           cc_x12_summary *sum, cc_err *err) {
  return run(lx, t, name, fn, ctx, sum, err);
}

cc_code cc_x12_validate_mem(const char *p, size_t n, const char *name,
                            cc_x12_finding_fn fn, void *ctx,
                            cc_x12_summary *sum, cc_err *err) {
  return run(cc_x12_lexer_mem(p, n, name), &x12_tables, name, fn, ctx, sum,
             err);
}

cc_code cc_x12_validate_file(const char *path, cc_x12_finding_fn fn,
                             void *ctx, cc_x12_summary *sum, cc_err *err) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return cc_err_set(err, CC_E_IO, "cannot open the file", "%s", path);
  cc_code rc = run(cc_x12_lexer_fd(fd, path), &x12_tables, path, fn, ctx, sum,
                   err);
  close(fd);
  return rc;
}

/* ---------------------------------------------------------------- print */

void cc_x12_finding_print(const cc_x12_finding *f, bool json, FILE *out) {
  const cc_err *w = &f->where;
  const char *msg = w->detail[0] ? w->detail : (w->msg ? w->msg : "");
  if (!json) {
    /* Every line keeps the documented shape, "-" where nothing is known
     * (an empty file, bytes that are no X12). */
    fprintf(out, "%s:%u:%u: %s: %s (loop %s, segment %s)\n",
            w->file ? w->file : "-", w->seg_pos, w->elem_pos,
            cc_severity_name(f->sev), msg, w->loop_id[0] ? w->loop_id : "-",
            w->seg_id[0] ? w->seg_id : "-");
    return;
  }
  fputs("{\"file\":", out);
  cc_json_write_str(out, cc_slice_cstr(w->file ? w->file : ""));
  fprintf(out, ",\"segment\":%u,\"element\":%u,\"component\":%u,\"offset\":%zu,"
               "\"loop\":",
          w->seg_pos, w->elem_pos, w->comp_pos, w->byte_off);
  cc_json_write_str(out, cc_slice_cstr(w->loop_id));
  fputs(",\"segment_id\":", out);
  cc_json_write_str(out, cc_slice_cstr(w->seg_id));
  fprintf(out, ",\"severity\":\"%s\",\"snip\":%u,\"code\":",
          cc_severity_name(f->sev), f->snip);
  cc_json_write_str(out, cc_slice_cstr(f->ack_code));
  fputs(",\"message\":", out);
  cc_json_write_str(out, cc_slice_cstr(msg));
  fputs("}\n", out);
}
