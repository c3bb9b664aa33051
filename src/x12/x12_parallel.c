/* x12_parallel.c - validation of a big file on several cores: the calling
 * thread cuts the file before ST segments and workers validate the chunks;
 * findings reach the caller in file order, the same as the serial run's. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "x12/x12_int.h"

/* Why this is exact. A set never spans a cut (cuts are made only before
 * an ST that follows a closed set), and every set-level state of reader
 * and validator starts afresh at ST; the memo and the match cache only
 * remember verdicts. What a chunk needs from before it is therefore the
 * envelope state (x12_envstate), which the splitter learns by running the
 * real envelope code (x12_envelope) over every segment with loop placement
 * switched off. Each chunk also reports the state it ends in, and the merge
 * checks it against the next chunk's start. Whatever does not fit (the
 * lexer stops, a chunk that finds no cut, too many findings to hold, a
 * mismatch) sends the file through the serial path again, which skips the
 * findings already handed out: the result is the serial one either way. */

#define DEFAULT_CHUNK ((size_t)4 << 20)
#define DEFAULT_MIN ((uint64_t)8 << 20)
#define ISA_MIN 106 /* an ISA segment, terminator included */
#define MAX_FINDINGS 16384 /* held per chunk (about 4 MB) */

static void put_str(char *dst, size_t cap, const char *src) {
  size_t n = strnlen(src, cap - 1);
  memset(dst, 0, cap);
  memcpy(dst, src, n);
}

static void put_mark(x12_mark *dst, const x12_mark *m) {
  memset(dst, 0, sizeof *dst);
  dst->seg_index = m->seg_index;
  dst->offset = m->offset;
  dst->st_pos = m->st_pos;
  put_str(dst->loop_id, sizeof dst->loop_id, m->loop_id);
  put_str(dst->seg_id, sizeof dst->seg_id, m->seg_id);
}

void x12_env_save(x12_envstate *s, const cc_x12_reader *r,
                  const x12_vctx *v) {
  memset(s, 0, sizeof *s);
  s->set_index = r->set_index;
  s->group_index = r->group_index;
  s->in_isa = r->in_isa;
  s->in_gs = r->in_gs;
  s->in_st = r->in_st;
  put_str(s->gs08, sizeof s->gs08, r->gs08);
  s->isa_open = v->isa_open;
  s->gs_open = v->gs_open;
  s->st_open = v->st_open;
  put_str(s->isa13, sizeof s->isa13, v->isa13);
  put_str(s->gs06, sizeof s->gs06, v->gs06);
  put_str(s->gs01, sizeof s->gs01, v->gs01);
  s->groups_in_isa = v->groups_in_isa;
  s->sets_in_gs = v->sets_in_gs;
  put_mark(&s->isa, &v->isa);
  put_mark(&s->gs, &v->gs);
}

void x12_env_isa(x12_envstate *s, const cc_x12_seg *isa, char term) {
  memset(s->isa_raw, 0, sizeof s->isa_raw);
  size_t n = isa->raw.n < sizeof s->isa_raw - 1 ? isa->raw.n
                                                 : sizeof s->isa_raw - 1;
  memcpy(s->isa_raw, isa->raw.p, n);
  s->isa_raw[n] = term;
  s->isa_len = (uint16_t)(n + 1);
}

/* ------------------------------------------------------------- chunks */

typedef struct chunk {
  struct chunk *next;     /* in-flight list, file order */
  struct chunk *qnext;    /* work queue */
  char *buf;              /* owned; PRE + cap bytes */
  size_t cap;
  char *data;             /* ISA copy (not for the first) + the bytes */
  size_t n;
  bool has_start;
  x12_envstate start;
  x12_chunk_run run;
  cc_x12_summary sum;
  cc_x12_finding *f;      /* findings in the order they were found */
  size_t nf, capf;
  bool over;              /* more than MAX_FINDINGS, or out of memory */
  bool done;
} chunk;

typedef struct par {
  const char *name;
  int fd;
  pthread_mutex_t mu;
  pthread_cond_t work, fin;
  chunk *queue, *queue_tail; /* waiting for a worker */
  bool stop;
  /* owned by the calling thread */
  chunk *flight, *flight_tail; /* dispatched, not merged, file order */
  unsigned nflight, max_flight;
  bool fallback;
  bool have_prev;
  x12_envstate prev_end;
  uint64_t emitted;
  cc_x12_finding_fn fn;
  void *ctx;
  cc_x12_summary *sum;
  /* Chunk buffers come back here: a fresh one of a few MB is a fresh
   * mapping, and each of its pages a page fault on first touch. */
  char *spare[8];
  size_t spare_cap[8];
  unsigned nspare;
} par;

#define PRE 128 /* room for the ISA copy in front of a chunk's bytes */

/* A buffer of PRE + at least need bytes; *cap says how many after PRE. */
static char *buf_get(par *P, size_t need, size_t *cap) {
  for (unsigned i = 0; i < P->nspare; i++)
    if (P->spare_cap[i] >= need) {
      char *b = P->spare[i];
      *cap = P->spare_cap[i];
      P->nspare--;
      P->spare[i] = P->spare[P->nspare];
      P->spare_cap[i] = P->spare_cap[P->nspare];
      return b;
    }
  char *b = malloc(PRE + need);
  *cap = b ? need : 0;
  return b;
}

static void buf_put(par *P, char *b, size_t cap) {
  if (!b) return;
  if (P->nspare < sizeof P->spare / sizeof *P->spare) {
    P->spare[P->nspare] = b;
    P->spare_cap[P->nspare++] = cap;
  } else {
    free(b);
  }
}

static void collect(void *ctx, const cc_x12_finding *f) {
  chunk *c = ctx;
  if (c->over) return;
  if (c->nf == c->capf) {
    size_t cap = c->capf ? c->capf * 2 : 64;
    cc_x12_finding *nf =
        c->nf >= MAX_FINDINGS ? NULL : realloc(c->f, cap * sizeof *c->f);
    if (!nf) {
      c->over = true;
      return;
    }
    c->f = nf;
    c->capf = cap;
  }
  c->f[c->nf++] = *f;
}

static void chunk_free(par *P, chunk *c) {
  if (!c) return;
  buf_put(P, c->buf, c->cap);
  free(c->f);
  free(c);
}

static void *worker(void *arg) {
  par *P = arg;
  for (;;) {
    pthread_mutex_lock(&P->mu);
    while (!P->queue && !P->stop) pthread_cond_wait(&P->work, &P->mu);
    chunk *c = P->queue;
    if (!c) {
      pthread_mutex_unlock(&P->mu);
      return NULL;
    }
    P->queue = c->qnext;
    if (!P->queue) P->queue_tail = NULL;
    pthread_mutex_unlock(&P->mu);

    c->run.start = c->has_start ? &c->start : NULL;
    cc_err e;
    cc_err_clear(&e);
    cc_x12_lexer *lx = cc_x12_lexer_mem(c->data, c->n, P->name);
    if (!lx || x12_validate_run(lx, &x12_tables, P->name, collect, c,
                                &c->sum, &e, &c->run) != CC_OK)
      c->run.failed = true;

    pthread_mutex_lock(&P->mu);
    c->done = true;
    pthread_cond_broadcast(&P->fin);
    pthread_mutex_unlock(&P->mu);
  }
}

/* Hand a finished chunk's findings and counts on, in file order. */
static void merge(par *P, chunk *c) {
  if (P->fallback) return;
  if (c->run.failed || c->over || c->run.guides_over) {
    P->fallback = true;
    return;
  }
  if (P->have_prev) {
    x12_envstate want = P->prev_end;
    want.cut = c->start.cut; /* the end state does not know the cut */
    if (!c->has_start || memcmp(&want, &c->start, sizeof want) != 0) {
      P->fallback = true;
      return;
    }
  }
  for (size_t i = 0; i < c->nf; i++) {
    c->f[i].where.file = P->name;
    P->emitted++;
    if (P->fn) P->fn(P->ctx, &c->f[i]);
  }
  cc_x12_summary *s = P->sum;
  s->interchanges += c->sum.interchanges;
  s->groups += c->sum.groups;
  s->sets += c->sum.sets;
  s->errors += c->sum.errors;
  s->warnings += c->sum.warnings;
  s->sets_unchecked += c->sum.sets_unchecked;
  s->segments += c->sum.segments;
  s->bytes = c->sum.bytes;
  for (unsigned i = 0; i < c->run.nguides; i++)
    x12_sum_add_guide(s, c->run.guides[i]);
  s->chunks++;
  P->prev_end = c->run.end;
  P->have_prev = true;
}

/* Merge and free the finished chunks at the head of the in-flight list;
 * with wait, block until at least one is merged. */
static void drain(par *P, bool wait) {
  for (;;) {
    chunk *c = P->flight;
    if (!c) return;
    pthread_mutex_lock(&P->mu);
    while (wait && !c->done) pthread_cond_wait(&P->fin, &P->mu);
    bool done = c->done;
    pthread_mutex_unlock(&P->mu);
    if (!done) return;
    merge(P, c);
    P->flight = c->next;
    if (!P->flight) P->flight_tail = NULL;
    P->nflight--;
    chunk_free(P, c);
    wait = false;
  }
}

/* Queue a chunk: buf holds its bytes at buf + PRE (n of them) and room
 * for start's ISA copy in front; the chunk takes buf (PRE + cap bytes). */
static void dispatch(par *P, const x12_envstate *start, char *buf,
                     size_t cap, size_t n, bool last) {
  if (P->fallback) {
    buf_put(P, buf, cap);
    return;
  }
  while (P->nflight >= P->max_flight) drain(P, true);
  chunk *c = calloc(1, sizeof *c);
  if (!c) {
    buf_put(P, buf, cap);
    P->fallback = true;
    return;
  }
  c->buf = buf;
  c->cap = cap;
  c->data = buf + PRE;
  c->n = n;
  if (start) {
    c->has_start = true;
    c->start = *start;
    c->data -= start->isa_len;
    c->n += start->isa_len;
    memcpy(c->data, start->isa_raw, start->isa_len);
  }
  c->run.last = last;
  P->nflight++;
  if (P->flight_tail) P->flight_tail->next = c;
  else P->flight = c;
  P->flight_tail = c;
  pthread_mutex_lock(&P->mu);
  if (P->queue_tail) P->queue_tail->qnext = c;
  else P->queue = c;
  P->queue_tail = c;
  pthread_cond_signal(&P->work);
  pthread_mutex_unlock(&P->mu);
}

/* ------------------------------------------------------------ splitter */

/* The splitter reads the file once, into the chunk buffers themselves,
 * and finds segment boundaries with memchr; only envelope segments (ISA,
 * GS, ST, SE, GE, IEA, TA1) are split into elements and run through the
 * reader and the envelope checks, to learn the state at each cut. It
 * follows the lexer's rules for the inputs that matter (blank bytes
 * between segments, the fixed-width ISA, a BOM before an ISA); where it
 * would read anything differently, a chunk fails or its start state does
 * not match its predecessor's end, and the serial path takes over. */
typedef struct splitter {
  par *P;
  char *buf;     /* the open chunk: file bytes from base at buf + PRE */
  size_t cap;    /* bytes of buf after PRE */
  size_t n;      /* bytes read */
  uint64_t base; /* file offset of buf + PRE */
  bool eof;
  size_t max;    /* a chunk that grows past this finds no cut: serial */
} splitter;

/* Read more of the file into the open chunk; false at the end or when it
 * cannot grow. */
static bool more(splitter *S) {
  if (S->eof) return false;
  if (S->n == S->cap) {
    if (S->cap >= S->max) {
      S->P->fallback = true;
      return false;
    }
    size_t cap = S->cap * 2;
    char *nb = realloc(S->buf, PRE + cap);
    if (!nb) {
      S->P->fallback = true;
      return false;
    }
    S->buf = nb;
    S->cap = cap;
  }
  size_t want = S->cap - S->n;
  if (want > ((size_t)1 << 20)) want = (size_t)1 << 20;
  for (;;) {
    ssize_t k = read(S->P->fd, S->buf + PRE + S->n, want);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) S->P->fallback = true;
    if (k <= 0) {
      S->eof = true;
      return false;
    }
    S->n += (size_t)k;
    return true;
  }
}

static bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z');
}

/* Cut [p, p+len) into r->seg the way the lexer does: el[0] the id, then
 * the elements; id "" unless 2-3 uppercase letters or digits. */
static bool cut_seg(cc_x12_seg *seg, const char *p, size_t len, char elem) {
  seg->raw = (cc_slice){p, len};
  seg->nel = 0;
  const char *q = p, *end = p + len;
  for (unsigned i = 0;; i++) {
    if (i > CC_MAX_ELEMENTS_PER_SEGMENT) return false;
    const char *e = memchr(q, elem, (size_t)(end - q));
    seg->el[i] = (cc_slice){q, (size_t)((e ? e : end) - q)};
    seg->nel = i;
    if (!e) break;
    q = e + 1;
  }
  memset(seg->id, 0, sizeof seg->id);
  cc_slice id = seg->el[0];
  if (id.n == 2 || id.n == 3) {
    bool ok = true;
    for (size_t i = 0; i < id.n; i++) {
      unsigned char c = (unsigned char)id.p[i];
      ok &= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (ok) memcpy(seg->id, id.p, id.n);
  }
  seg->gap = (cc_slice){p, 0};
  return true;
}

/* Bit i: p[i] is the terminator, for the 64 bytes at p. */
static inline uint64_t term_bits(const unsigned char *p, unsigned char term) {
  uint64_t m = 0;
#if defined(__SSE2__)
  /* Written out: GCC kept the four-step loop, with a shift by a register. */
  const __m128i t = _mm_set1_epi8((char)term);
  const __m128i *q = (const __m128i *)(const void *)p;
  uint64_t m0 = (uint16_t)_mm_movemask_epi8(
               _mm_cmpeq_epi8(_mm_loadu_si128(q), t)),
           m1 = (uint16_t)_mm_movemask_epi8(
               _mm_cmpeq_epi8(_mm_loadu_si128(q + 1), t)),
           m2 = (uint16_t)_mm_movemask_epi8(
               _mm_cmpeq_epi8(_mm_loadu_si128(q + 2), t)),
           m3 = (uint16_t)_mm_movemask_epi8(
               _mm_cmpeq_epi8(_mm_loadu_si128(q + 3), t));
  m = m0 | m1 << 16 | m2 << 32 | m3 << 48;
#else
  for (int i = 0; i < 64; i++) m |= (uint64_t)(p[i] == term) << i;
#endif
  return m;
}

/* An envelope segment (or an ISA) starts at p: the ids the reader treats
 * apart, followed by the element separator or the terminator. */
static inline bool env_start(const unsigned char *p, unsigned char elem,
                             unsigned char term) {
  unsigned char c = p[0], c1 = p[1], c2 = p[2], c3 = p[3];
  bool end2 = c2 == elem || c2 == term, end3 = c3 == elem || c3 == term;
  switch (c) {
  case 'G': return (c1 == 'S' || c1 == 'E') && end2;
  case 'S': return (c1 == 'T' || c1 == 'E') && end2;
  case 'I':
    return (c1 == 'E' && c2 == 'A' && end3) ||
           (c1 == 'S' && c2 == 'A' && !is_alnum(c3));
  case 'T': return c1 == 'A' && c2 == '1' && end3;
  default: return false;
  }
}

/* From the body segment at sp on, count body segments 64 bytes of
 * terminators at a time, up to the first envelope segment or lim (64
 * bytes and more before the end of the data); returns where it stopped,
 * a segment start (gap skipped) or an unfinished segment's start. */
static size_t skim(const unsigned char *d, size_t sp, size_t lim,
                   unsigned char elem, unsigned char term,
                   const uint8_t *gap, uint64_t *count) {
  uint64_t cnt = 0;
  size_t blk = sp;
  uint64_t m = term_bits(d + blk, term);
  for (;;) {
    while (!m) {
      blk += 64;
      if (blk >= lim) goto out;
      m = term_bits(d + blk, term);
    }
    size_t t = blk + (size_t)__builtin_ctzll(m);
    if (t >= lim) break;
    cnt++;
    size_t nx = t + 1;
    while (nx < lim && gap[d[nx]]) nx++;
    sp = nx;
    /* Only ids starting with G, I, S or T can be envelope segments. */
    unsigned char c = d[nx];
    if (nx >= lim || ((c == 'G' || c == 'I' || c == 'S' || c == 'T') &&
                      env_start(d + nx, elem, term)))
      break;
    if (nx - blk >= 64) {
      blk = nx;
      m = term_bits(d + blk, term);
    } else {
      m &= ~0ull << (nx - blk);
    }
  }
out:
  *count = cnt;
  return sp;
}

static void split(par *P, size_t target) {
  splitter S = {P, NULL, 0, 0, 0, false, 0};
  /* 32 MB for the default 4 MB chunks; small chunks (tests) give up on a
   * set sooner. */
  S.max = target * 8 > ((size_t)1 << 20) ? target * 8 : (size_t)1 << 20;
  S.cap = target + target / 4 > ((size_t)64 << 10) ? target + target / 4
                                                   : (size_t)64 << 10;
  S.buf = buf_get(P, S.cap, &S.cap);
  cc_x12_reader *r = S.buf ? x12_reader_new_tables(NULL, &x12_tables) : NULL;
  x12_vctx *v = r ? calloc(1, sizeof *v) : NULL;
  if (!v) {
    free(S.buf);
    cc_x12_reader_free(r);
    P->fallback = true;
    return;
  }
  cc_x12_summary scratch;
  memset(&scratch, 0, sizeof scratch);
  r->env_only = true;
  v->r = r;
  v->file = P->name;
  v->sum = &scratch;
  x12_envstate start, isa; /* the open chunk's start; the open ISA */
  memset(&isa, 0, sizeof isa);
  bool has_start = false, in_ic = false;
  uint64_t index = 0;
  uint32_t interchange = 0;
  char elem = 0, term = 0;
  uint8_t gap[256]; /* blank bytes between segments: not a delimiter */
  memset(gap, 0, sizeof gap);
  size_t sp = 0; /* next unread byte of the open chunk */
  cc_x12_item it;
  cc_x12_seg *seg = &r->seg;
  while (!P->fallback) {
    /* Blank bytes (never a delimiter), a BOM before an ISA. */
    const unsigned char *d = (const unsigned char *)S.buf + PRE;
    unsigned char c = 0;
    while (sp < S.n) {
      c = d[sp];
      bool blank = (c == '\r' || c == '\n' || c == ' ' || c == '\t') &&
                   (!interchange || (c != (unsigned char)elem &&
                                     c != (unsigned char)term));
      if (!blank) break;
      sp++;
    }
    if (sp == S.n || (S.n - sp < ISA_MIN && !S.eof)) {
      if (more(&S)) continue;
      if (P->fallback) break;
      if (sp == S.n) { /* the end: the rest is the last chunk */
        dispatch(P, has_start ? &start : NULL, S.buf, S.cap, S.n, true);
        S.buf = NULL;
        break;
      }
    }
    if (!in_ic && c == 0xEF) {
      if (S.n - sp >= 3 && d[sp + 1] == 0xBB && d[sp + 2] == 0xBF) {
        sp += 3;
        continue;
      }
    }
    size_t avail = S.n - sp;
    if (!in_ic || (avail >= 4 && d[sp] == 'I' && d[sp + 1] == 'S' &&
                   d[sp + 2] == 'A' && !is_alnum(d[sp + 3]))) {
      if (avail < ISA_MIN || memcmp(d + sp, "ISA", 3) != 0) {
        P->fallback = true; /* the lexer's to report */
        break;
      }
      elem = (char)d[sp + 3];
      term = (char)d[sp + ISA_MIN - 1];
      if (!cut_seg(seg, (const char *)d + sp, ISA_MIN - 1, elem) ||
          seg->nel < 16) {
        P->fallback = true;
        break;
      }
      char comp = (char)d[sp + ISA_MIN - 2], rep = (char)d[sp + 82];
      if (is_alnum((unsigned char)rep) || rep == ' ' || rep == comp) rep = 0;
      r->d = (cc_x12_delims){elem, rep, comp, term};
      for (unsigned b = 0; b < 256; b++)
        gap[b] = (b == '\r' || b == '\n' || b == ' ' || b == '\t') &&
                 b != (unsigned char)elem && b != (unsigned char)term;
      seg->index = ++index;
      seg->offset = S.base + sp;
      seg->interchange = ++interchange;
      x12_reader_take(r, &it);
      x12_env_isa(&isa, seg, term);
      x12_envelope(v, &it);
      in_ic = true;
      sp += ISA_MIN;
      continue;
    }
    if (avail > 256 && !env_start(d + sp, (unsigned char)elem,
                                  (unsigned char)term)) {
      /* Body segments: only counted (the reader's st_pos for SE01). */
      uint64_t cnt;
      size_t to = skim(d, sp, S.n - 72, (unsigned char)elem,
                       (unsigned char)term, gap, &cnt);
      if (cnt) {
        index += cnt;
        if (r->in_st) r->st_pos += (uint32_t)cnt;
        sp = to;
        continue;
      }
    }
    const char *t = memchr(d + sp, term, avail);
    if (!t) {
      if (more(&S)) continue;
      P->fallback = true; /* no terminator: the lexer's to report */
      break;
    }
    size_t len = (size_t)(t - (const char *)d) - sp;
    index++;
    /* Envelope segments start with G, I, S or T and have a 2-3 byte id. */
    bool env = false;
    if (len >= 2 && (c == 'G' || c == 'I' || c == 'S' || c == 'T')) {
      unsigned char c1 = d[sp + 1], c2 = len > 2 ? d[sp + 2] : 0;
      bool end2 = len == 2 || c2 == (unsigned char)elem;
      bool end3 = len == 3 || (len > 3 && d[sp + 3] == (unsigned char)elem);
      env = (c == 'G' && (c1 == 'S' || c1 == 'E') && end2) ||
            (c == 'S' && (c1 == 'T' || c1 == 'E') && end2) ||
            (c == 'I' && c1 == 'E' && c2 == 'A' && end3) ||
            (c == 'T' && c1 == 'A' && c2 == '1' && end3);
    }
    if (!env) {
      if (r->in_st) r->st_pos++; /* a body segment: only counted */
      sp += len + 1;
      continue;
    }
    if (!cut_seg(seg, (const char *)d + sp, len, elem)) {
      P->fallback = true;
      break;
    }
    seg->index = index;
    seg->offset = S.base + sp;
    seg->interchange = interchange;
    uint32_t key = x12_seg_key(seg);
    if (key == X12_KEY('S', 'T', 0) && !r->in_st && !v->st_open &&
        r->in_isa && isa.isa_len && sp >= target) {
      /* Cut here: the open chunk ends before this ST. */
      x12_envstate next;
      x12_env_save(&next, r, v);
      next.next_index = index;
      next.cut = S.base + sp;
      next.interchange = interchange;
      next.isa_len = isa.isa_len;
      memcpy(next.isa_raw, isa.isa_raw, sizeof next.isa_raw);
      size_t cap;
      char *nb = buf_get(P, S.cap > S.n - sp ? S.cap : S.n - sp, &cap);
      if (!nb) {
        P->fallback = true;
        break;
      }
      memcpy(nb + PRE, d + sp, S.n - sp);
      dispatch(P, has_start ? &start : NULL, S.buf, S.cap, sp, false);
      S.buf = nb;
      S.cap = cap;
      S.n -= sp;
      S.base += sp;
      sp = 0;
      start = next;
      has_start = true;
      drain(P, false);
      d = (const unsigned char *)S.buf + PRE;
      cut_seg(seg, (const char *)d, len, elem);
    }
    x12_reader_take(r, &it);
    x12_envelope(v, &it);
    if (key == X12_KEY('I', 'E', 'A')) in_ic = false;
    sp += len + 1;
  }
  buf_put(P, S.buf, S.cap);
  free(v->memo);
  free(v);
  cc_x12_reader_free(r);
}

typedef struct skipper {
  uint64_t skip;
  cc_x12_finding_fn fn;
  void *ctx;
} skipper;

static void skip_first(void *ctx, const cc_x12_finding *f) {
  skipper *k = ctx;
  if (k->skip) {
    k->skip--;
    return;
  }
  if (k->fn) k->fn(k->ctx, f);
}

unsigned cc_x12_validate_threads(unsigned want) {
  if (want) return want > 64 ? 64 : want;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 4 ? 4 : (unsigned)n;
}

cc_code cc_x12_validate_file_opts(const char *path,
                                  const cc_x12_validate_opts *o,
                                  cc_x12_finding_fn fn, void *ctx,
                                  cc_x12_summary *sum, cc_err *err) {
  cc_x12_validate_opts d = {0, 0, 0};
  if (!o) o = &d;
  unsigned threads = cc_x12_validate_threads(o->threads);
  size_t target = o->chunk_bytes ? o->chunk_bytes : DEFAULT_CHUNK;
  uint64_t min = o->min_bytes ? o->min_bytes : DEFAULT_MIN;
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return cc_err_set(err, CC_E_IO, "cannot open the file", "%s", path);
  struct stat st;
  if (threads < 2 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
      (uint64_t)st.st_size < min) {
    close(fd);
    return cc_x12_validate_file(path, fn, ctx, sum, err);
  }
  cc_x12_summary local;
  if (!sum) sum = &local;
  memset(sum, 0, sizeof *sum);
  par P;
  memset(&P, 0, sizeof P);
  P.name = path;
  P.fd = fd;
  P.fn = fn;
  P.ctx = ctx;
  P.sum = sum;
  P.max_flight = threads + 2;
  pthread_mutex_init(&P.mu, NULL);
  pthread_cond_init(&P.work, NULL);
  pthread_cond_init(&P.fin, NULL);
  pthread_t tid[64];
  unsigned nt = 0;
  for (; nt < threads; nt++)
    if (pthread_create(&tid[nt], NULL, worker, &P) != 0) break;
  if (nt == 0) P.fallback = true;
  else split(&P, target);
  while (P.flight) drain(&P, true);
  pthread_mutex_lock(&P.mu);
  P.stop = true;
  pthread_cond_broadcast(&P.work);
  pthread_mutex_unlock(&P.mu);
  for (unsigned i = 0; i < nt; i++) pthread_join(tid[i], NULL);
  for (unsigned i = 0; i < P.nspare; i++) free(P.spare[i]);
  pthread_cond_destroy(&P.fin);
  pthread_cond_destroy(&P.work);
  pthread_mutex_destroy(&P.mu);
  close(fd);
  if (!P.fallback) return CC_OK;
  /* The serial run again, without what was handed out already. */
  skipper k = {P.emitted, fn, ctx};
  cc_code rc = cc_x12_validate_file(path, skip_first, &k, sum, err);
  sum->fell_back = true;
  return rc;
}
