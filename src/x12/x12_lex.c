/* x12_lex.c - the X12 tokenizer: finds each interchange's delimiters in its
 * ISA and cuts the bytes into segments and elements without copying them.
 *
 * Decisions the rest of the engine relies on (see docs/internals/X12-LEXER.md):
 * - Blank bytes (CR, LF, space, tab) after a terminator, and a UTF-8 BOM in
 *   front of an ISA, are not data: they are handed out in seg->gap so that a
 *   writer can reproduce the file byte for byte.
 * - A segment whose id is not 2-3 uppercase letters/digits is still returned,
 *   with id "" and the raw bytes in el[0], so the validator can report it.
 * - ISA11 that is a letter, digit or blank means "no repetition separator";
 *   ISA11 equal to ISA16 also means none (the component separator wins:
 *   composites are far more common than repetitions).
 * - Anything that stops us finding segment boundaries is an error value with
 *   file, byte offset and segment number; after one, the lexer stays failed. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* The AVX2 path is compiled for its target alone and chosen at run time,
 * so the default build still runs on any x86-64 (and builds elsewhere). */
#if (defined(__x86_64__) || defined(__i386__)) && \
    (defined(__GNUC__) || defined(__clang__))
#define X12_HAVE_AVX2 1
#include <immintrin.h>
#endif

#include "x12/x12_int.h"
#include "x12/x12_lex_path.h"

/* Byte classes, one table per interchange (its delimiters differ). */
enum {
  CLS_ELEM = 1, /* element separator */
  CLS_SEG = 2,  /* segment terminator */
  CLS_GAP = 4,  /* blank allowed between segments */
  CLS_ID = 8    /* may appear in a segment id: A-Z, 0-9 */
};

enum { IC_OUT = 0, IC_FIRST, IC_IN };

#define ISA_LEN 106 /* fixed: 3 + 16 separators + 86 data bytes + terminator */
/* How far past a 105-byte ISA to look for its component separator again. */
#define ISA_AHEAD 512
/* fd mode reads through a window this big: far more than one segment
 * (CC_MAX_SEGMENT_LEN) plus its gap, so a refill always makes progress. */
#define WINDOW_SIZE ((size_t)1 << 20)
#define MAX_GAP CC_MAX_SEGMENT_LEN
/* Bytes the AVX2 path's stage 1 classifies at a time (a multiple of 64):
 * about 90 segments, so its loop and call cost little per segment. */
#define SB_SPAN 2048

/* ISA01..ISA16 widths, fixed by the standard. */
static const uint8_t isa_width[17] = {0, 2, 10, 2, 10, 2, 15, 2, 15,
                                      6, 4,  1, 5, 9,  1, 1, 1};

struct cc_x12_lexer {
  const char *name;     /* borrowed, for cc_err.file */
  int fd;               /* -1 in memory mode */
  const char *buf;      /* input (memory) or window (fd) */
  char *win;            /* owned window, fd mode */
  size_t wsize;         /* its size: WINDOW_SIZE but in tests */
  size_t len;           /* valid bytes in buf */
  size_t pos;           /* next unread byte in buf */
  uint64_t base;        /* absolute offset of buf[0] */
  bool eof;             /* no more bytes will arrive */
  /* Inside an interchange (ISA seen, IEA not yet): IC_OUT, IC_FIRST (the
   * next segment is the first after an ISA, read by the slow path so its
   * separator can be checked) or IC_IN; one compare in the hot path. */
  uint8_t in_ic;
  bool have_delims;     /* an ISA has been read */
  uint64_t index;       /* segments handed out */
  uint32_t interchange; /* ISAs read */
  cc_x12_delims d;
  cc_slice tail;
  cc_code failed; /* sticky error code */
  cc_err ferr;    /* the sticky error, copied to each later caller */
  /* Delimiter bitmaps of the 64 bytes at mblk (bit i = byte mblk[i]), kept
   * between calls: most segments are shorter than 64 bytes, so one block
   * serves several. NULL when stale (window moved, delimiters changed). */
  const unsigned char *mblk;
  uint64_t mel, mseg;
  uint8_t path; /* X12_PATH_*: which hot loop this lexer runs */
  /* Its entry, so cc_x12_lexer_next is one indirect jump. */
  cc_code (*next)(cc_x12_lexer *, cc_x12_seg *, cc_err *);
  /* The AVX2 path runs only while pos < fast_lim, that is while pos +
   * FAST_AHEAD <= len inside an interchange on that path; 0 otherwise (one
   * compare per call). */
  size_t fast_lim;
  /* The AVX2 path's id test: '0'-'9' and 'A'-'Z' moved to start at -128,
   * and the last byte of those ranges. Here rather than static, since a
   * compiler would rebuild constants with several instructions each call. */
  int8_t idk[4][16];
  /* The element separator and terminator, 32 times each, for the AVX2
   * compares (set with the delimiters). */
  char vel[32], vseg[32];
  uint8_t cls[256];
  /* The AVX2 path's stage 1: bitmaps of the terminators (sb[0]) and of
   * all delimiters (sb[1]) of buf[sb_from, sb_end), bit i of byte j
   * standing for buf[sb_from + 8 * j + i], made SB_SPAN bytes at a time
   * (sb_from is a multiple of 8, and not kept). A segment
   * then finds its end with a load, a shift and a tzcnt: the chain from
   * one segment's start to the next is far shorter than loading and
   * classifying its bytes first, and that chain, not the instruction
   * count, is what bounds the loop. sb_end is 0 when stale (window moved,
   * delimiters changed). sb_bias + (pos >> 3) is the byte of sb[0] for
   * pos, and SB_SPAN / 8 further that of sb[1]. */
  size_t sb_end;
  /* The AVX2 path reads the bitmaps while pos < sb_lim: min(fast_lim,
   * sb_end - 63), so the 8 bytes read for pos lie inside them. */
  size_t sb_lim;
  uintptr_t sb_bias;
  uint8_t sb[2][SB_SPAN / 8];
};

/* Bytes the AVX2 path reads from pos: a 64-byte block, and 3 more for the
 * ISA test of a segment that starts in its last byte. */
#define FAST_AHEAD (64 + 3)

/* Enter or leave an interchange; keeps fast_lim in step with in_ic. */
static void set_ic(cc_x12_lexer *lx, uint8_t state) {
  lx->in_ic = state;
  lx->fast_lim = state == IC_IN && lx->path == X12_PATH_AVX2 &&
                         lx->len >= FAST_AHEAD
                     ? lx->len - FAST_AHEAD + 1
                     : 0;
  size_t sb = lx->sb_end > 63 ? lx->sb_end - 63 : 0;
  lx->sb_lim = sb < lx->fast_lim ? sb : lx->fast_lim;
}

static bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z');
}

static void build_classes(cc_x12_lexer *lx) {
  uint8_t *c = lx->cls;
  memset(c, 0, 256);
  for (int i = 'A'; i <= 'Z'; i++) c[i] = CLS_ID;
  for (int i = '0'; i <= '9'; i++) c[i] = CLS_ID;
  c['\r'] = c['\n'] = c[' '] = c['\t'] = CLS_GAP;
  if (lx->have_delims) {
    /* A delimiter is never a blank, even when it is a line break. */
    c[(unsigned char)lx->d.elem] = CLS_ELEM;
    c[(unsigned char)lx->d.seg] = CLS_SEG;
    memset(lx->vel, lx->d.elem, sizeof lx->vel);
    memset(lx->vseg, lx->d.seg, sizeof lx->vseg);
  }
}

/* The fastest path this CPU runs; CC_X12_SIMD=avx2|sse2|scalar asks for a
 * slower one (tests compare them), never for one the CPU lacks. */
static uint8_t pick_path(void) {
  uint8_t best = X12_PATH_SCALAR;
#if defined(__SSE2__)
  best = X12_PATH_SSE2;
#endif
#if X12_HAVE_AVX2
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") &&
      __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt"))
    best = X12_PATH_AVX2;
#endif
  const char *want = getenv("CC_X12_SIMD");
  if (!want || !*want) return best;
  uint8_t w = strcmp(want, "scalar") == 0 ? X12_PATH_SCALAR
              : strcmp(want, "sse2") == 0 ? X12_PATH_SSE2
                                          : X12_PATH_AVX2;
  return w < best ? w : best;
}

static cc_code next_general(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err);
#if X12_HAVE_AVX2
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static cc_code
next_avx2(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err);
#endif

static cc_x12_lexer *lexer_new(const char *name) {
  cc_x12_lexer *lx = calloc(1, sizeof *lx);
  if (!lx) return NULL;
  lx->name = name;
  lx->fd = -1;
  lx->path = pick_path();
  lx->next = next_general;
#if X12_HAVE_AVX2
  if (lx->path == X12_PATH_AVX2) lx->next = next_avx2;
#endif
  memset(lx->idk[0], 0x80 - '0', 16);
  memset(lx->idk[1], -128 + 9, 16);
  memset(lx->idk[2], 0x80 - 'A', 16);
  memset(lx->idk[3], -128 + 25, 16);
  build_classes(lx);
  return lx;
}

int x12_lex_path(const cc_x12_lexer *lx) { return lx->path; }

cc_x12_lexer *cc_x12_lexer_mem(const char *p, size_t n, const char *name) {
  cc_x12_lexer *lx = lexer_new(name);
  if (!lx) return NULL;
  lx->buf = p ? p : "";
  lx->len = p ? n : 0;
  lx->eof = true;
  return lx;
}

cc_x12_lexer *cc_x12_lexer_fd(int fd, const char *name) {
  return x12_lexer_fd_window(fd, name, WINDOW_SIZE);
}

cc_x12_lexer *x12_lexer_fd_window(int fd, const char *name, size_t window) {
  cc_x12_lexer *lx = lexer_new(name);
  if (!lx) return NULL;
  lx->wsize = window;
  lx->win = malloc(window);
  if (!lx->win) {
    free(lx);
    return NULL;
  }
  lx->fd = fd;
  lx->buf = lx->win;
  return lx;
}

void cc_x12_lexer_free(cc_x12_lexer *lx) {
  if (!lx) return;
  free(lx->win);
  free(lx);
}

cc_x12_delims cc_x12_lexer_delims(const cc_x12_lexer *lx) { return lx->d; }

cc_slice cc_x12_lexer_tail(const cc_x12_lexer *lx) { return lx->tail; }

/* Record an error at absolute offset off and make the lexer fail from now on. */
static cc_code fail(cc_x12_lexer *lx, cc_err *err, cc_code code, uint64_t off,
                    const char *seg_id, const char *msg, const char *fmt, ...)
    CC_PRINTF(7, 8);

static cc_code fail(cc_x12_lexer *lx, cc_err *err, cc_code code, uint64_t off,
                    const char *seg_id, const char *msg, const char *fmt, ...) {
  cc_err *e = &lx->ferr;
  memset(e, 0, sizeof *e);
  e->code = code;
  e->msg = msg;
  e->file = lx->name;
  e->byte_off = (size_t)off;
  e->seg_pos = (uint32_t)(lx->index + 1);
  if (seg_id) cc_slice_copy(cc_slice_cstr(seg_id), e->seg_id, sizeof e->seg_id);
  char d[320];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d, sizeof d, fmt, ap);
  va_end(ap);
  x12_fit(e->detail, sizeof e->detail, d);
  lx->failed = code;
  set_ic(lx, IC_OUT); /* keeps the AVX2 path, which skips this test, out */
  if (err) *err = *e;
  return code;
}

/* fd mode: keep buf[keep..len), move it to the front and read more. Returns
 * CC_OK (possibly having reached end of file) or CC_E_IO. */
static cc_code refill(cc_x12_lexer *lx, size_t keep, cc_err *err) {
  if (lx->eof) return CC_OK;
  if (keep == 0 && lx->len == lx->wsize) /* only with a test's small window */
    return fail(lx, err, CC_E_TOOBIG, lx->base, NULL,
                "a segment does not fit in the read window", "%s", "");
  size_t n = lx->len - keep;
  if (keep) {
    memmove(lx->win, lx->win + keep, n);
    lx->base += keep;
    lx->pos -= keep;
    lx->mblk = NULL;
    lx->sb_end = 0;
    lx->len = n;
  }
  while (lx->len < lx->wsize) {
    ssize_t r = read(lx->fd, lx->win + lx->len, lx->wsize - lx->len);
    if (r < 0) {
      if (errno == EINTR) continue;
      return fail(lx, err, CC_E_IO, lx->base + lx->len, NULL,
                  "the file could not be read", "%s", strerror(errno));
    }
    if (r == 0) {
      lx->eof = true;
      break;
    }
    lx->len += (size_t)r;
  }
  set_ic(lx, lx->in_ic);
  return CC_OK;
}

/* Make at least need bytes available from lx->pos, keeping buf[keep..).
 * Returns false only on a read error (already recorded). */
static bool ensure(cc_x12_lexer *lx, size_t keep, size_t need, cc_err *err) {
  /* A refill moves buf[keep] to the front: a second one keeps from 0. */
  uint64_t keep_abs = lx->base + keep;
  while (lx->len - lx->pos < need && !lx->eof)
    if (refill(lx, (size_t)(keep_abs - lx->base), err) != CC_OK) return false;
  return true;
}

static bool at_isa(const cc_x12_lexer *lx) {
  const char *p = lx->buf + lx->pos;
  return lx->len - lx->pos >= 4 && p[0] == 'I' && p[1] == 'S' && p[2] == 'A' &&
         !is_alnum((unsigned char)p[3]);
}

/* Fill seg->id from el[0]; returns whether the id is IEA. The id is built
 * in a register and stored once: reading bytes just stored one by one
 * stalls store forwarding, and this runs once per segment. */
static inline bool set_id(cc_x12_seg *seg, const cc_x12_lexer *lx) {
  cc_slice id = seg->el[0];
  uint32_t v = 0;
  if (id.n - 2 <= 1) { /* 2 or 3 bytes */
    const unsigned char *p = (const unsigned char *)id.p;
    unsigned c2 = id.n == 3 ? p[2] : 0;
    /* A 2-byte id has no third byte to test ('0' passes); a NUL third
     * byte is tested like any other, and fails. */
    uint8_t ok =
        lx->cls[p[0]] & lx->cls[p[1]] & lx->cls[id.n == 3 ? c2 : '0'];
    if (ok & CLS_ID) v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | c2 << 16;
  }
  char b[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16), 0};
  memcpy(seg->id, b, 4);
  return v == ((uint32_t)'I' | (uint32_t)'E' << 8 | (uint32_t)'A' << 16);
}

/* Read the ISA at lx->pos (106 bytes available or the input ends first):
 * take the delimiters from it and hand it out as a segment. It reads at
 * most look bytes from pos. */
static cc_code read_isa(cc_x12_lexer *lx, cc_x12_seg *seg, size_t look,
                        cc_err *err) {
  const char *p = lx->buf + lx->pos;
  size_t avail = lx->len - lx->pos;
  uint64_t off = lx->base + lx->pos;
  if (avail < 4)
    return fail(lx, err, CC_E_ENVELOPE, off, "ISA",
                "the ISA segment is shorter than 106 bytes (file truncated?)",
                "the input ends after %zu bytes of the ISA", avail);
  char e = p[3];
  if (is_alnum((unsigned char)e) || e == ' ' || e == '\r' || e == '\n')
    return fail(lx, err, CC_E_ENVELOPE, off + 3, "ISA",
                "the ISA element separator (byte 4 of the ISA) is not a valid "
                "delimiter",
                "the element separator (byte 4 of the ISA) is '%c'; it must "
                "be a punctuation character such as '*'",
                e);
  /* Walk ISA01..ISA16: each must have exactly its fixed width. */
  size_t at = 4;
  seg->el[0] = (cc_slice){p, 3};
  for (int i = 1; i <= 16; i++) {
    size_t start = at;
    while (at < avail && at < ISA_LEN - 1 && p[at] != e &&
           at - start < isa_width[i])
      at++;
    if (at >= avail)
      return fail(lx, err, CC_E_ENVELOPE, off, "ISA",
                  "the ISA segment is shorter than 106 bytes (file truncated?)",
                  "the input ends after %zu bytes of the ISA", avail);
    /* ISA15 followed by the terminator: ISA16 and its separator left
     * out, a 104-byte ISA; say so rather than blame ISA15's width. */
    if (i == 15 && at - start == 1 && p[at] != e &&
        !is_alnum((unsigned char)p[at]) && p[at] != ' ')
      return fail(lx, err, CC_E_ENVELOPE, off + at, "ISA",
                  "the ISA segment is 104 bytes where 106 are required",
                  "the ISA segment is 104 bytes where 106 are required: the "
                  "separator and ISA16 (the component separator, such as "
                  "':') are missing before '%c'",
                  p[at]);
    if (at - start != isa_width[i] || (i < 16 && p[at] != e) ||
        (i == 16 && p[start] == e))
      return fail(lx, err, CC_E_ENVELOPE, off + start, "ISA",
                  "the ISA segment does not have its fixed 106-byte layout",
                  "ISA%02d must be exactly %d byte%s wide, padded with blanks",
                  i, isa_width[i], isa_width[i] == 1 ? "" : "s");
    seg->el[i] = (cc_slice){p + start, at - start};
    at++; /* past the separator (or, after ISA16, past the terminator) */
  }
  char rep = p[82], comp = p[104], term = p[105];
  if (is_alnum((unsigned char)comp) || comp == ' ' || comp == term)
    return fail(lx, err, CC_E_ENVELOPE, off + 104, "ISA",
                "the component separator (ISA16) is not a valid delimiter",
                "the component separator (ISA16) is '%c'; it must be a "
                "punctuation character such as ':' that differs from the "
                "other delimiters",
                comp);
  if (is_alnum((unsigned char)term) || term == ' ' || term == e) {
    /* A 105-byte ISA: what sits at ISA16 is really the terminator (it
     * ends the next segment too), and the byte after it starts that
     * segment. Naming the missing ISA16 is what the sender can fix. */
    size_t ahead = avail < look ? avail : look;
    const char *again =
        ahead > ISA_LEN ? memchr(p + ISA_LEN, comp, ahead - ISA_LEN) : NULL;
    if (is_alnum((unsigned char)term) && again)
      return fail(lx, err, CC_E_ENVELOPE, off + 104, "ISA",
                  "the ISA segment is 105 bytes where 106 are required",
                  "the ISA segment is 105 bytes where 106 are required: "
                  "ISA16 (the component separator, such as ':') is missing "
                  "before the segment terminator '%c'",
                  comp);
    return fail(lx, err, CC_E_ENVELOPE, off + 105, "ISA",
                "the segment terminator (the byte after ISA16) is not a valid "
                "delimiter",
                "the segment terminator (byte 106 of the ISA, after ISA16) "
                "is '%c'; it must be a character such as '~' that appears "
                "in no data",
                term);
  }
  /* The fixed layout would let us read past a terminator inside ISA01-15,
   * but nothing else could: X12 forbids delimiters in data. */
  const char *t = memchr(p, term, 82);
  if (!t) t = memchr(p + 83, term, 104 - 83);
  if (t)
    return fail(lx, err, CC_E_ENVELOPE, off + (uint64_t)(t - p), "ISA",
                "an ISA element contains the segment terminator",
                "'%c' at byte %zu of the ISA is inside a data element", term,
                (size_t)(t - p) + 1);
  if (is_alnum((unsigned char)rep) || rep == ' ' || rep == comp) rep = 0;
  if (rep == term)
    return fail(lx, err, CC_E_ENVELOPE, off + 82, "ISA",
                "the repetition separator (ISA11) equals the segment "
                "terminator",
                "the repetition separator (ISA11) and the segment "
                "terminator are both '%c'",
                rep);
  lx->d = (cc_x12_delims){.elem = e, .rep = rep, .comp = comp, .seg = term};
  lx->have_delims = true;
  lx->sb_end = 0;
  set_ic(lx, IC_FIRST);
  lx->interchange++;
  lx->mblk = NULL;
  build_classes(lx);
  seg->raw = (cc_slice){p, ISA_LEN - 1};
  seg->nel = 16;
  memcpy(seg->id, "ISA", 4);
  seg->offset = off;
  seg->index = ++lx->index;
  seg->interchange = lx->interchange;
  lx->pos += ISA_LEN;
  return CC_OK;
}

/* Outcome of scanning one segment. */
enum { SCAN_DONE, SCAN_MORE, SCAN_TOOLONG, SCAN_TOOMANY };

/* Cut s..lim into elements up to the segment terminator. The hot loop:
 * where SSE2 exists, bitmaps of the element separators and terminators of
 * 64 bytes at a time (kept in lx between calls), so a segment costs a few
 * bit operations per element; the class table does the rest (no SSE2, the
 * last bytes of the input). lim is at most s + CC_MAX_SEGMENT_LEN + 1 and
 * never past the input. On SCAN_DONE *endp is the terminator; on
 * SCAN_TOOMANY it is the separator that would start element 65. */
static inline __attribute__((always_inline)) int
scan(cc_x12_lexer *lx, const unsigned char *s, const unsigned char *lim,
     cc_x12_seg *seg, const unsigned char **endp) {
  const unsigned char *q = s, *el = s;
  uint32_t n = 0;
  seg->el[0] = (cc_slice){(const char *)s, 0};
#if defined(__SSE2__)
  cc_slice *o = seg->el; /* next element slot */
  for (; lx->path != X12_PATH_SCALAR;) {
    const unsigned char *b = lx->mblk;
    if (!b || q < b || q >= b + 64) {
      if (q + 64 > lim) break; /* finish with the class table */
      const __m128i ve = _mm_set1_epi8(lx->d.elem);
      const __m128i vs = _mm_set1_epi8(lx->d.seg);
      __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)q);
      __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(q + 16));
      __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(q + 32));
      __m128i v3 = _mm_loadu_si128((const __m128i *)(const void *)(q + 48));
      uint64_t me =
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v0, ve)) |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v1, ve)) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v2, ve)) << 32 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v3, ve)) << 48;
      uint64_t ms =
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v0, vs)) |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v1, vs)) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v2, vs)) << 32 |
          (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v3, vs)) << 48;
      lx->mblk = b = q;
      lx->mel = me;
      lx->mseg = ms;
    }
    unsigned off = (unsigned)(q - b);
    uint64_t ms = lx->mseg >> off, me = lx->mel >> off;
    unsigned len = 64 - off; /* bytes of this block from q on */
    if (ms) {
      len = (unsigned)__builtin_ctzll(ms); /* < 64 */
      me &= (1ull << len) - 1; /* separators before the terminator */
    }
    if ((size_t)(o - seg->el) + len > CC_MAX_ELEMENTS_PER_SEGMENT) {
      /* A block adds at most len elements: only a segment near the limit
       * needs counting one by one. */
      while (me) {
        const unsigned char *x = q + __builtin_ctzll(me);
        *o++ = (cc_slice){(const char *)el, (size_t)(x - el)};
        if ((size_t)(o - seg->el) > CC_MAX_ELEMENTS_PER_SEGMENT) {
          *endp = x;
          return SCAN_TOOMANY;
        }
        el = x + 1;
        me &= me - 1;
      }
    } else {
      while (me) {
        const unsigned char *x = q + __builtin_ctzll(me);
        *o++ = (cc_slice){(const char *)el, (size_t)(x - el)};
        el = x + 1;
        me &= me - 1;
      }
    }
    if (ms) {
      const unsigned char *x = q + len;
      /* Blocks stop at lim (the class table takes over), so only a
       * terminator can land past the longest segment. */
      if ((size_t)(x - s) > CC_MAX_SEGMENT_LEN) {
        *endp = x;
        return SCAN_TOOLONG;
      }
      *o = (cc_slice){(const char *)el, (size_t)(x - el)};
      seg->nel = (uint32_t)(o - seg->el);
      *endp = x;
      return SCAN_DONE;
    }
    q += len;
  }
  n = (uint32_t)(o - seg->el);
#endif
  const uint8_t *cls = lx->cls;
  for (; q < lim; q++) {
    uint8_t c = cls[*q];
    if (!(c & (CLS_ELEM | CLS_SEG))) continue;
    seg->el[n] = (cc_slice){(const char *)el, (size_t)(q - el)};
    if (c & CLS_SEG) {
      seg->nel = n;
      *endp = q;
      return SCAN_DONE;
    }
    if (++n > CC_MAX_ELEMENTS_PER_SEGMENT) {
      *endp = q;
      return SCAN_TOOMANY;
    }
    el = q + 1;
  }
  *endp = q;
  return (size_t)(q - s) > CC_MAX_SEGMENT_LEN ? SCAN_TOOLONG : SCAN_MORE;
}

/* The common case, kept lean: inside an interchange, at least an ISA's worth
 * of bytes ahead (so no refill and no ISA can be cut short), a short gap.
 * Returns false to let the general path handle everything else. */
static inline __attribute__((always_inline)) bool
next_fast(cc_x12_lexer *lx, cc_x12_seg *seg) {
  const unsigned char *b = (const unsigned char *)lx->buf;
  size_t pos = lx->pos, g = pos, len = lx->len;
  while (g < len && (lx->cls[b[g]] & CLS_GAP)) g++;
  if (len - g < ISA_LEN || g - pos > MAX_GAP) return false;
  if (b[g] == 'I' && b[g + 1] == 'S' && b[g + 2] == 'A' && !is_alnum(b[g + 3]))
    return false;
  const unsigned char *s = b + g, *x;
  const unsigned char *lim = (size_t)(len - g) > CC_MAX_SEGMENT_LEN + 1
                                 ? s + CC_MAX_SEGMENT_LEN + 1
                                 : b + len;
  if (scan(lx, s, lim, seg, &x) != SCAN_DONE) return false;
  seg->raw = (cc_slice){(const char *)s, (size_t)(x - s)};
  seg->offset = lx->base + g;
  seg->index = ++lx->index;
  seg->interchange = lx->interchange;
  seg->gap = (cc_slice){(const char *)b + pos, g - pos};
  lx->pos = (size_t)(x + 1 - b);
  if (set_id(seg, lx)) set_ic(lx, IC_OUT);
  return true;
}

/* The first segment after an ISA holds no element separator at all, but a
 * punctuation byte right after a 2-3 character id: the body was written
 * with another separator than the ISA declares, and every segment would
 * look like one long id. Returns that byte, or 0. */
static char other_separator(const cc_x12_seg *seg, const unsigned char *s,
                            size_t n) {
  if (seg->nel != 0 || n < 4) return 0;
  if (!(s[0] >= 'A' && s[0] <= 'Z') || !is_alnum(s[1])) return 0;
  unsigned char c = is_alnum(s[2]) ? s[3] : s[2];
  if (is_alnum(c) || c == ' ' || c < 0x21 || c > 0x7E) return 0;
  return (char)c;
}

/* Everything: errors, refills, ISAs, gaps and segments that do not fit the
 * AVX2 path's 64 bytes. Kept out of line so that path stays a leaf. */
static __attribute__((noinline)) cc_code
next_general(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err) {
  if (lx->failed) {
    if (err) *err = lx->ferr;
    return lx->failed;
  }
  if (lx->in_ic == IC_IN && next_fast(lx, seg)) return CC_OK;
  /* Gap first. The window may move while we skip it, so track its start as
   * an offset into buf and let refill shift it (refill adjusts pos only). */
  size_t gap_start = lx->pos;
  uint64_t gap_abs = lx->base + gap_start;
  for (;;) {
    while (lx->pos < lx->len &&
           (lx->cls[(unsigned char)lx->buf[lx->pos]] & CLS_GAP))
      lx->pos++;
    gap_start = (size_t)(gap_abs - lx->base);
    if (lx->pos - gap_start > MAX_GAP)
      return fail(lx, err, CC_E_SYNTAX, gap_abs, NULL,
                  "too much blank space between two segments",
                  "more than %d blank bytes in a row", MAX_GAP);
    if (lx->pos == lx->len && !lx->eof) {
      if (refill(lx, gap_start, err) != CC_OK) return lx->failed;
      continue;
    }
    if (lx->pos < lx->len && !lx->in_ic &&
        (unsigned char)lx->buf[lx->pos] == 0xEF) {
      if (!ensure(lx, (size_t)(gap_abs - lx->base), 3, err)) return lx->failed;
      const unsigned char *b = (const unsigned char *)lx->buf + lx->pos;
      if (lx->len - lx->pos >= 3 && b[1] == 0xBB && b[2] == 0xBF) {
        lx->pos += 3;
        continue;
      }
    }
    break;
  }
  gap_start = (size_t)(gap_abs - lx->base);
  cc_slice gap = {lx->buf + gap_start, lx->pos - gap_start};

  if (lx->pos == lx->len) { /* end of input */
    lx->tail = gap;
    if (lx->index == 0)
      return fail(lx, err, CC_E_ENVELOPE, 0, NULL,
                  lx->base + lx->len == 0
                      ? "the file is empty"
                      : "the file holds only blank space, no X12 data",
                  "an X12 file starts with an ISA segment");
    if (err) cc_err_clear(err);
    lx->failed = CC_E_EOF;
    set_ic(lx, IC_OUT);
    lx->ferr.code = CC_E_EOF;
    lx->ferr.msg = cc_strerror(CC_E_EOF);
    return CC_E_EOF;
  }

  /* An ISA: the first segment, the one after an IEA, or one that starts a
   * new interchange without the previous IEA (the validator reports that). */
  if (!ensure(lx, gap_start, ISA_LEN, err)) return lx->failed;
  gap_start = (size_t)(gap_abs - lx->base);
  if (!lx->in_ic || at_isa(lx)) {
    const char *p = lx->buf + lx->pos;
    size_t avail = lx->len - lx->pos;
    if (avail < 3 || memcmp(p, "ISA", 3) != 0) {
      if (lx->index == 0)
        return fail(lx, err, CC_E_ENVELOPE, lx->base + lx->pos, NULL,
                    "the file does not start with an ISA segment",
                    "an X12 interchange must begin with the bytes \"ISA\"");
      return fail(lx, err, CC_E_ENVELOPE, lx->base + lx->pos, NULL,
                  "data after IEA does not start a new interchange",
                  "expected \"ISA\" or the end of the file");
    }
    /* read_isa looks up to ISA_AHEAD bytes past a short ISA; have them
     * (or the end of input) in the window, and let it look no further, so
     * its verdict does not depend on where refills happened to fall. */
    size_t look = ISA_LEN + ISA_AHEAD, gl = lx->pos - gap_start;
    if (lx->wsize && look > lx->wsize - gl) look = lx->wsize - gl;
    if (!ensure(lx, gap_start, look, err)) return lx->failed;
    gap_start = (size_t)(gap_abs - lx->base);
    cc_code rc = read_isa(lx, seg, look, err);
    if (rc) return rc;
    seg->gap = (cc_slice){lx->buf + gap_start, seg->raw.p - lx->buf - gap_start};
    return CC_OK;
  }

  for (;;) {
    const unsigned char *s = (const unsigned char *)lx->buf + lx->pos;
    const unsigned char *end = (const unsigned char *)lx->buf + lx->len;
    const unsigned char *lim =
        (size_t)(end - s) > CC_MAX_SEGMENT_LEN + 1 ? s + CC_MAX_SEGMENT_LEN + 1
                                                   : end;
    const unsigned char *x;
    int r = scan(lx, s, lim, seg, &x);
    if (r == SCAN_DONE) {
      if (lx->in_ic == IC_FIRST) {
        set_ic(lx, IC_IN);
        char used = other_separator(seg, s, (size_t)(x - s));
        if (used)
          return fail(lx, err, CC_E_ENVELOPE, lx->base + lx->pos, NULL,
                      "the segments do not use the element separator the "
                      "ISA declares",
                      "the segments do not use the element separator the "
                      "ISA declares: the ISA says '%c' (its byte 4) but the "
                      "segment at byte %llu separates elements with '%c'",
                      lx->d.elem, (unsigned long long)(lx->base + lx->pos),
                      used);
      }
      seg->raw = (cc_slice){(const char *)s, (size_t)(x - s)};
      seg->offset = lx->base + lx->pos;
      seg->index = ++lx->index;
      seg->interchange = lx->interchange;
      seg->gap = (cc_slice){lx->buf + gap_start, lx->pos - gap_start};
      lx->pos = (size_t)(x + 1 - (const unsigned char *)lx->buf);
      if (set_id(seg, lx)) set_ic(lx, IC_OUT);
      return CC_OK;
    }
    char id[4] = "";
    cc_slice_copy(seg->el[0], id, seg->el[0].n <= 3 ? sizeof id : 1);
    if (r == SCAN_TOOMANY)
      return fail(lx, err, CC_E_SYNTAX,
                  lx->base + (uint64_t)(x - (const unsigned char *)lx->buf),
                  id, "a segment has too many elements",
                  "more than %d elements (a missing segment terminator '%c'?)",
                  CC_MAX_ELEMENTS_PER_SEGMENT, lx->d.seg);
    if (r == SCAN_TOOLONG)
      return fail(lx, err, CC_E_SYNTAX, lx->base + lx->pos, id,
                  "a segment is too long",
                  "no segment terminator '%c' within %d bytes", lx->d.seg,
                  CC_MAX_SEGMENT_LEN);
    if (lx->eof)
      return fail(lx, err, CC_E_SYNTAX, lx->base + lx->pos, id,
                  "the file ends inside a segment (truncated file?)",
                  "the last segment has no terminator '%c'", lx->d.seg);
    if (refill(lx, gap_start, err) != CC_OK) return lx->failed;
    gap_start = (size_t)(gap_abs - lx->base);
  }
}

#if X12_HAVE_AVX2
/* By the length of the id (0-63 bytes before the first delimiter). */
typedef struct {
  uint32_t keep; /* bytes of the first four that are the id */
  uint32_t need; /* bytes (bits) of the four that must be id characters */
} x12_idlen;
/* Any other length needs byte 4, which the test never passes: id "". */
#define ID_NONE {0, 0x10}
static const x12_idlen id_len[64] = {
    ID_NONE, ID_NONE, {0xFFFF, 3}, {0xFFFFFF, 7}, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE, ID_NONE,
    ID_NONE};

/* tzcnt and popcnt as bare instructions: GCC puts a dependency-breaking
 * xor before each for Intel cores whose result register had a false
 * dependency; the hot path runs about eight per segment, and the cores
 * this path is for have no such dependency (the xor is only cost). */
__attribute__((target("bmi"))) static inline uint64_t tz64(uint64_t v) {
  uint64_t r;
  __asm__("tzcnt %1, %0" : "=r"(r) : "r"(v) : "cc");
  return r;
}
__attribute__((target("popcnt"))) static inline uint64_t pop64(uint64_t v) {
  uint64_t r;
  __asm__("popcnt %1, %0" : "=r"(r) : "r"(v) : "cc");
  return r;
}

/* Bitmap of the bytes of v (32) equal to the broadcast byte c. */
__attribute__((target("avx2"))) static inline uint32_t eq32(__m256i v,
                                                            __m256i c) {
  return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, c));
}

/* Hand out the segment at s: gap g bytes before it (pos is where the gap
 * starts), ms the terminators and md all the delimiters from s on, w
 * its first 4 bytes. Inlined into each caller, so the common case (no
 * gap) works with g == 0 as a constant. */
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static inline
    __attribute__((always_inline)) cc_code
    avx2_cut(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err,
             const unsigned char *s, size_t g, size_t pos, uint64_t ms,
             uint64_t md, uint32_t w) {
  /* "IS" starts no other segment, so the third byte is rarely read. */
  if ((uint16_t)w == ('I' | 'S' << 8) && s[2] == 'A')
    return next_general(lx, seg, err);
  /* Offsets from s: the terminator t, and every delimiter up to it. */
  size_t t = tz64(ms);
  uint64_t m = _bzhi_u64(md, (unsigned)t + 1);
  lx->pos = pos + g + t + 1;
  seg->raw = (cc_slice){(const char *)s, t};
  seg->gap = (cc_slice){(const char *)s - g, g};
  seg->offset = lx->base + pos + g;
  seg->index = ++lx->index;
  seg->interchange = lx->interchange;
  seg->nel = (uint32_t)pop64(m) - 1;
  /* The id: 2-3 id characters (A-Z, 0-9) before the first delimiter, else
   * "". Tested on the first 4 bytes at once, with no branch on its length
   * (2 or 3 bytes is a coin toss per segment). */
  const __m128i vw = _mm_cvtsi32_si128((int)w);
  const __m128i *k = (const __m128i *)(const void *)lx->idk;
  /* Biased so that each range starts at -128: one signed compare each,
   * with the constants as memory operands (byte over the range's last). */
  const __m128i dg = _mm_add_epi8(vw, _mm_loadu_si128(k));
  const __m128i up = _mm_add_epi8(vw, _mm_loadu_si128(k + 2));
  unsigned bad = (unsigned)_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(dg, _mm_loadu_si128(k + 1)),
                    _mm_cmpgt_epi8(up, _mm_loadu_si128(k + 3))));
  /* The bytes an id of f bytes takes, if they are all id characters
   * (bytes 4-15 of vw are 0, not one: bit 4 of bad is always set). */
  const x12_idlen *il = &id_len[tz64(m)];
  uint32_t id = il->need & bad ? 0 : w & il->keep;
  memcpy(seg->id, &id, 4);
  if (id == ('I' | 'E' << 8 | 'A' << 16)) set_ic(lx, IC_OUT);
  /* One element per delimiter, two per turn: a segment has 2-10 elements
   * and each loop exit is a likely mispredict. Offsets from s; nq is minus
   * the offset where the element being cut starts (~x = -(x + 1), one
   * instruction). A turn that runs out of delimiters writes past nel (the
   * API leaves those slots undefined): at most el[nel + 2].p, which is
   * el[64] when m has all 64 bits, so el[] has room. */
  const char *b = (const char *)s;
  cc_slice *o = seg->el;
  size_t nq = 0;
  o[0].p = b;
  do {
    size_t x = tz64(m);
    m = _blsr_u64(m);
    o[0].n = x + nq;
    o[1].p = b + x + 1;
    nq = ~x;
    size_t y = tz64(m);
    m = _blsr_u64(m);
    o[1].n = y + nq;
    o[2].p = b + y + 1;
    nq = ~y;
    o += 2;
  } while (m);
  return CC_OK;
}

/* Bitmap of the bytes of v (32) that are blanks: a byte is one when the
 * table entry its low nibble picks equals it: 0x20 at 0, TAB, LF, CR at
 * their own places, 0x80 elsewhere (no byte below 0x80 equals it, and
 * pshufb gives 0 for bytes from 0x80 up). A delimiter is never a blank,
 * even a line feed: callers take the delimiters out. */
__attribute__((target("avx2"))) static inline uint32_t blank32(__m256i v) {
  const char none = (char)0x80;
  const __m256i blanks = _mm256_setr_epi8(
      0x20, none, none, none, none, none, none, none, none, 0x09, 0x0A, none,
      none, 0x0D, none, none, 0x20, none, none, none, none, none, none, none,
      none, 0x09, 0x0A, none, none, 0x0D, none, none);
  return eq32(_mm256_shuffle_epi8(blanks, v), v);
}

/* Stage 1: the bitmaps of SB_SPAN bytes (fewer at the end of the input or
 * window) from pos, rounded down to a multiple of 8. Called while pos <
 * fast_lim, so at least 64 bytes are there. */
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static void
avx2_stage(cc_x12_lexer *lx, size_t pos) {
  size_t from = pos & ~(size_t)7, n = lx->len - from;
  if (n > SB_SPAN) n = SB_SPAN;
  n &= ~(size_t)63;
  const unsigned char *p = (const unsigned char *)lx->buf + from;
  const __m256i ve = _mm256_loadu_si256((const __m256i *)(void *)lx->vel);
  const __m256i vs = _mm256_loadu_si256((const __m256i *)(void *)lx->vseg);
  for (size_t k = 0; k < n; k += 64) {
    const __m256i v0 =
        _mm256_loadu_si256((const __m256i *)(const void *)(p + k));
    const __m256i v1 =
        _mm256_loadu_si256((const __m256i *)(const void *)(p + k + 32));
    uint64_t ms = eq32(v0, vs) | (uint64_t)eq32(v1, vs) << 32;
    uint64_t me = eq32(v0, ve) | (uint64_t)eq32(v1, ve) << 32;
    uint64_t md = me | ms;
    memcpy(lx->sb[0] + k / 8, &ms, 8);
    memcpy(lx->sb[1] + k / 8, &md, 8);
  }
  lx->sb_bias = (uintptr_t)lx->sb[0] - (from >> 3);
  lx->sb_end = from + n;
  set_ic(lx, lx->in_ic);
}

/* Classify the 64 bytes at pos afresh, blanks included: a gap, or a
 * segment the bitmaps did not show ending within 57 bytes. A segment or
 * gap that does not end within 64 bytes goes to next_general. */
__attribute__((target("avx2,bmi,bmi2,popcnt"), noinline)) static cc_code
avx2_long(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err, size_t pos) {
  const unsigned char *s = (const unsigned char *)lx->buf + pos;
  const __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
  const __m256i v1 =
      _mm256_loadu_si256((const __m256i *)(const void *)(s + 32));
  const __m256i ve = _mm256_loadu_si256((const __m256i *)(void *)lx->vel);
  const __m256i vs = _mm256_loadu_si256((const __m256i *)(void *)lx->vseg);
  uint64_t ms = eq32(v0, vs) | (uint64_t)eq32(v1, vs) << 32;
  uint64_t me = eq32(v0, ve) | (uint64_t)eq32(v1, ve) << 32;
  size_t g = 0;
  if (lx->cls[s[0]] & CLS_GAP) {
    uint64_t mb = blank32(v0) | (uint64_t)blank32(v1) << 32;
    uint64_t nb = ~mb | me | ms;
    if (!nb) return next_general(lx, seg, err);
    /* From here on s is the segment and the bitmaps start at it (none of
     * its delimiters lies in the gap: the gap ends at the first). */
    g = tz64(nb);
    s += g;
    ms >>= g;
    me >>= g;
  }
  if (!ms) return next_general(lx, seg, err);
  uint32_t w;
  memcpy(&w, s, 4);
  return avx2_cut(lx, seg, err, s, g, pos, ms, me | ms, w);
}

/* A gap, as line breaks after every segment make common: its length from
 * the blanks of the 32 bytes at pos, the segment's end from the bitmaps
 * (ms and md from pos, at least 57 bits). What does not fit, and a first
 * byte below '!' that is not a blank, goes to avx2_long. */
__attribute__((target("avx2,bmi,bmi2,popcnt"), noinline)) static cc_code
avx2_gap(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err, size_t pos,
         uint64_t ms, uint64_t md) {
  const unsigned char *s = (const unsigned char *)lx->buf + pos;
  if (!(lx->cls[s[0]] & CLS_GAP)) return avx2_long(lx, seg, err, pos);
  const __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
  size_t g = tz64(~(uint64_t)blank32(v0) | md);
  ms >>= g;
  if (g >= 32 || !ms) return avx2_long(lx, seg, err, pos);
  s += g;
  uint32_t w;
  memcpy(&w, s, 4);
  return avx2_cut(lx, seg, err, s, g, pos, ms, md >> g, w);
}

/* Out of the hot loop's way (a call there would cost it saved registers):
 * the bitmaps from pos, unless the AVX2 path is not to run at all. Near
 * the end of the input they may not reach 64 bytes past pos. */
__attribute__((target("avx2,bmi,bmi2,popcnt"), noinline)) static cc_code
avx2_restage(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err) {
  size_t pos = lx->pos;
  if (pos >= lx->fast_lim) return next_general(lx, seg, err);
  avx2_stage(lx, pos);
  if (pos >= lx->sb_lim) return avx2_long(lx, seg, err, pos);
  return next_avx2(lx, seg, err);
}

/* The AVX2 hot loop. The bitmaps of stage 1 give the segment's terminator
 * and element separators from pos: at least 57 bytes' worth (the 8 bytes
 * read start up to 7 bits before pos), so all but long segments end in
 * them. A gap (the first byte may be a blank: all are <= ' ') goes to
 * avx2_gap; a longer segment, an ISA, the first segment after one, and the
 * last bytes of the input go to the slower paths. */
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static cc_code
next_avx2(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err) {
  size_t pos = lx->pos;
  if (__builtin_expect(pos >= lx->sb_lim, 0))
    return avx2_restage(lx, seg, err);
  const unsigned char *s = (const unsigned char *)lx->buf + pos;
  uint64_t ms, md;
  const unsigned char *q = (const unsigned char *)(lx->sb_bias + (pos >> 3));
  memcpy(&ms, q, 8);
  memcpy(&md, q + SB_SPAN / 8, 8);
  ms >>= pos & 7;
  md >>= pos & 7;
  uint32_t w; /* the first 4 bytes of the segment */
  memcpy(&w, s, 4);
  if (__builtin_expect(ms && (unsigned char)w > ' ', 1))
    return avx2_cut(lx, seg, err, s, 0, pos, ms, md, w);
  return avx2_gap(lx, seg, err, pos, ms, md);
}
#endif

cc_code cc_x12_lexer_next(cc_x12_lexer *lx, cc_x12_seg *seg, cc_err *err) {
  return lx->next(lx, seg, err);
}

size_t cc_x12_split(cc_slice el, char sep, cc_slice *parts, size_t max) {
  size_t n = 0;
  if (el.n == 0) {
    if (max) parts[0] = el;
    return 1;
  }
  const char *p = el.p, *end = el.p + el.n;
  for (;;) {
    const char *q = sep ? memchr(p, sep, (size_t)(end - p)) : NULL;
    if (!q) q = end;
    if (n < max) parts[n] = (cc_slice){p, (size_t)(q - p)};
    n++;
    if (q == end) return n;
    p = q + 1;
  }
}
