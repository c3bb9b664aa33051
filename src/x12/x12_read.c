/* x12_read.c - the loop-aware reader: walks the lexer's segments and names
 * each one's loop and segment use from the generated guide tables, keeping
 * a stack of open loop instances (the standard matching algorithm). */
#include <stdlib.h>
#include <string.h>

#include "x12/x12_int.h"

/* ------------------------------------------------------------ look-ups */

const x12_segdef *x12_dict_find(const x12_tableset *t, uint32_t key) {
  if (!t->nsegs) return NULL;
  uint32_t mask = t->hash_size - 1;
  /* Same hash as tools/gen_x12_tables.c (hash_of). */
  for (uint32_t s = ((key * 2654435761u) >> 15) & mask;; s = (s + 1) & mask) {
    uint16_t v = t->hash[s];
    if (!v) return NULL;
    if (t->segs[v - 1].key == key) return &t->segs[v - 1];
  }
}

const x12_elem *x12_elem_at(const x12_tableset *t, const x12_segdef *sd,
                            unsigned pos) {
  if (!sd || pos < 1 || pos > sd->nel) return NULL;
  return &t->elems[sd->el + pos - 1];
}

const x12_guide *x12_guide_find(const x12_tableset *t, const char *st01,
                                const char *version) {
  for (unsigned i = 0; i < t->nguides; i++) {
    const x12_guide *g = &t->guides[i];
    if (strcmp(g->st01, st01) != 0) continue;
    if (strcmp(g->version, version) == 0) return g;
    for (const char *const *a = g->aliases; a && *a; a++)
      if (strcmp(*a, version) == 0) return g;
  }
  return NULL;
}

cc_slice x12_component(cc_slice v, unsigned comp, char comp_sep) {
  cc_slice none = {"", 0};
  /* Walk to the wanted component without splitting the rest. */
  const char *p = v.p, *end = v.p + v.n;
  for (unsigned c = 1; c < comp; c++) {
    const char *q = comp_sep ? memchr(p, comp_sep, (size_t)(end - p)) : NULL;
    if (!q) return none;
    p = q + 1;
  }
  const char *q = comp_sep ? memchr(p, comp_sep, (size_t)(end - p)) : NULL;
  return (cc_slice){p, (size_t)((q ? q : end) - p)};
}

/* ------------------------------------------------------------ findings */

/* Cut n bytes of s back to the last blank (or n when there is none in its
 * second half), without a trailing blank, comma or opening bracket. */
static size_t word_cut(const char *s, size_t n) {
  size_t k = n;
  while (k > n / 2 && s[k] != ' ') k--;
  if (k <= n / 2) k = n;
  /* Never split a UTF-8 sequence. */
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ',' || s[k - 1] == ';' ||
                   s[k - 1] == '(' || s[k - 1] == ':'))
    k--;
  return k;
}

const char *x12_brief(const char *name, char *buf, size_t cap) {
  if (!name) return "";
  size_t n = strlen(name);
  size_t lim = cap - 1 < X12_BRIEF ? cap - 1 : X12_BRIEF;
  if (n <= lim) return name;
  const char *paren = strstr(name, " (");
  size_t k;
  if (paren && paren > name && (size_t)(paren - name) <= lim) {
    k = (size_t)(paren - name);
    memcpy(buf, name, k);
    buf[k] = '\0';
    return buf;
  }
  /* "…" is three bytes. */
  k = word_cut(name, lim - 3);
  memcpy(buf, name, k);
  memcpy(buf + k, "\xE2\x80\xA6", 4);
  return buf;
}

void x12_codes_text(const x12_valset *vs, unsigned max, char *buf,
                    size_t cap) {
  size_t o = 0;
  unsigned shown = vs->n < max ? vs->n : max;
  buf[0] = '\0';
  for (unsigned i = 0; i < shown && o < cap; i++)
    o += (size_t)snprintf(buf + o, cap - o, "%s%.12s",
                          i == 0                              ? ""
                          : i + 1 == shown && shown == vs->n ? " or "
                                                              : ", ",
                          vs->codes[i]);
  if (shown < vs->n && o < cap)
    snprintf(buf + o, cap - o, " and %u more", vs->n - shown);
}

void x12_fit(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n < cap) {
    memcpy(dst, src, n + 1);
    return;
  }
  size_t k = word_cut(src, cap - 4);
  memcpy(dst, src, k);
  memcpy(dst + k, "\xE2\x80\xA6", 4);
}

void x12_finding_at(cc_x12_finding *f, const cc_x12_reader *r,
                    const cc_x12_item *it, cc_severity sev, uint8_t snip,
                    const char *ack_code, uint16_t elem, uint16_t comp,
                    const char *msg) {
  memset(f, 0, sizeof *f);
  f->sev = sev;
  f->snip = snip;
  if (ack_code) snprintf(f->ack_code, sizeof f->ack_code, "%s", ack_code);
  f->level = !f->ack_code[0] ? CC_ACK_NONE
             : elem          ? CC_ACK_ELEMENT
                             : CC_ACK_SEGMENT;
  f->st_seg_pos = r->st_pos;
  f->set_index = r->set_index;
  cc_err *w = &f->where;
  w->code = snip == 3 ? CC_E_UNBALANCED : CC_E_INVALID;
  w->msg = msg;
  w->file = NULL;
  w->byte_off = (size_t)r->seg.offset;
  w->seg_pos = (uint32_t)r->seg.index;
  memcpy(w->seg_id, r->seg.id, sizeof w->seg_id);
  if (it && it->loop_id)
    snprintf(w->loop_id, sizeof w->loop_id, "%s", it->loop_id);
  w->elem_pos = elem;
  w->comp_pos = comp;
  const x12_segdef *sd = it ? it->def_ : NULL;
  const x12_elem *e = x12_elem_at(r->t, sd, elem);
  if (e && comp && e->ncomp >= comp) e = &r->t->comps[e->comp + comp - 1];
  if (e && e->de[0] >= '0' && e->de[0] <= '9')
    w->de_ref = (uint16_t)strtoul(e->de, NULL, 10);
}

static void emit(cc_x12_reader *r, cc_x12_finding *f) {
  if (r->fn) r->fn(r->ctx, f);
}

/* A structural finding about segment or loop use u (IK304 code). */
static void structural(cc_x12_reader *r, const cc_x12_item *it,
                       const char *code, uint8_t snip, const char *msg,
                       const char *seg_id, const char *loop_id,
                       const char *fmt_detail) {
  if (!r->fn) return;
  cc_x12_finding f;
  x12_finding_at(&f, r, it, CC_SEV_ERROR, snip, code, 0, 0, msg);
  if (seg_id) snprintf(f.where.seg_id, sizeof f.where.seg_id, "%s", seg_id);
  if (loop_id) snprintf(f.where.loop_id, sizeof f.where.loop_id, "%s", loop_id);
  x12_fit(f.where.detail, sizeof f.where.detail, fmt_detail);
  emit(r, &f);
}

/* ------------------------------------------------------------ matching */

static inline const x12_use *child_use(const x12_guide *g, x12_child c) {
  if (c & X12_CHILD_LOOP) return &g->uses[g->loops[c & 0x7FFF].trigger];
  return &g->uses[c];
}

/* Children with the same segment id next to each other sit at one position
 * of the base standard (the REFs, DTPs or NM1 loops of one level), so the
 * TR3 does not order them among themselves: a match may go back to the
 * start of such a run. The trigger (child 0) is never part of a run. */
static inline uint16_t run_start(const cc_x12_reader *r, const x12_loop *L,
                                 uint16_t i) {
  return r->g->runs[L->child + i];
}

static inline bool ident_ok(const cc_x12_reader *r, const x12_use *u,
                            const cc_x12_seg *seg) {
  for (unsigned v = 0; v < u->nident; v++) {
    const x12_valset *vs = &r->g->vals[u->ident + v];
    cc_slice val = vs->comp == 0 && vs->pos <= seg->nel
                       ? seg->el[vs->pos]
                       : x12_value(seg, vs->pos, vs->comp, r->d.comp);
    if (!x12_valset_has(vs, val)) return false;
  }
  return true;
}

/* True when every coded element of use u that seg sends holds one of its
 * codes. */
static bool codes_fit(const cc_x12_reader *r, const x12_use *u,
                      const cc_x12_seg *seg) {
  for (unsigned v = 0; v < u->ncodes; v++) {
    const x12_valset *vs = &r->g->vals[u->codes + v];
    cc_slice val = x12_value(seg, vs->pos, vs->comp, r->d.comp);
    if (val.n && !x12_valset_has(vs, val)) return false;
  }
  return true;
}

/* Required children of a loop in [from, to), the trigger aside; of them,
 * the ones frame f never saw. */
static inline uint64_t req_between(const cc_x12_reader *r, uint16_t loop,
                                   uint16_t from, uint16_t to) {
  if (to <= from) return 0;
  uint64_t range = (to >= 64 ? ~0ull : (1ull << to) - 1) & ~((1ull << from) - 1);
  return r->g->loops[loop].req & range & ~1ull;
}
static inline uint64_t missing_mask(const cc_x12_reader *r, const x12_frame *f,
                                    uint16_t from, uint16_t to) {
  return req_between(r, f->loop, from, to) & ~f->seen;
}

/* Report child j of frame f as missing, at the current segment or, when
 * at is given, where it was skipped over. */
static void report_one(cc_x12_reader *r, const cc_x12_item *it,
                       const x12_frame *f, uint16_t j, const x12_pend *at) {
  const x12_loop *L = &r->g->loops[f->loop];
  x12_child c = r->g->children[L->child + j];
  const x12_use *u = &r->g->uses[r->g->cuses[L->child + j]];
  const char *id = r->t->segs[u->seg].id;
  if (!r->fn) return;
  char detail[320], nb[X12_BRIEF + 1];
  if (c & X12_CHILD_LOOP) {
    const x12_loop *sub = &r->g->loops[c & 0x7FFF];
    snprintf(detail, sizeof detail,
             "required loop %s (%s) is missing: it starts with a %s segment",
             sub->id, x12_brief(sub->name, nb, sizeof nb), id);
  } else {
    snprintf(detail, sizeof detail,
             "required segment %s (%s) is missing in loop %s", id,
             x12_brief(u->name, nb, sizeof nb), L->id);
  }
  if (!r->fn) return;
  cc_x12_finding fd;
  x12_finding_at(&fd, r, it, CC_SEV_ERROR, 2, "3", 0, 0,
                 "required segment missing");
  snprintf(fd.where.seg_id, sizeof fd.where.seg_id, "%s", id);
  snprintf(fd.where.loop_id, sizeof fd.where.loop_id, "%s", L->id);
  x12_fit(fd.where.detail, sizeof fd.where.detail, detail);
  if (at) {
    fd.where.seg_pos = (uint32_t)at->seg_index;
    fd.where.byte_off = (size_t)at->offset;
    fd.st_seg_pos = at->st_pos;
  }
  emit(r, &fd);
}

/* Required children m skipped over by the current segment (not seen, not
 * pending yet): remembered, and reported when the loop closes unless they
 * turn up late. */
static void skip_over(cc_x12_reader *r, x12_frame *f, uint64_t m) {
  for (; m && f->garbled; f->garbled--) {
    f->seen |= m & -m; /* the unreadable segment stood here */
    m &= m - 1;
  }
  if (!m) return;
  f->pend |= m;
  for (; m; m &= m - 1) {
    x12_pend *a = &f->at[__builtin_ctzll(m)];
    a->seg_index = r->seg.index;
    a->offset = r->seg.offset;
    a->st_pos = r->st_pos;
  }
}

/* Close frames above keep. With tail (the set ended with its SE, or a
 * later segment closed the loop), required children after the cursor that
 * never came are missing; without it (truncated set), only the ones
 * skipped over earlier are reported. */
static void pop_to(cc_x12_reader *r, const cc_x12_item *it, int keep,
                   bool tail) {
  while (r->nframes > keep) {
    x12_frame *f = &r->frames[r->nframes - 1];
    const x12_loop *L = &r->g->loops[f->loop];
    for (uint64_t m = f->pend; m; m &= m - 1) {
      uint16_t j = (uint16_t)__builtin_ctzll(m);
      report_one(r, it, f, j, &f->at[j]);
    }
    if (tail) {
      uint64_t m = missing_mask(r, f, r->g->runs[L->child + f->cursor],
                                L->nchild) & ~f->pend;
      for (; m && f->garbled; f->garbled--) m &= m - 1;
      for (; m; m &= m - 1)
        report_one(r, it, f, (uint16_t)__builtin_ctzll(m), NULL);
    }
    r->nframes--;
  }
}

static bool push(cc_x12_reader *r, const cc_x12_item *it, uint16_t loop,
                 uint16_t node) {
  if (r->nframes >= CC_MAX_LOOP_DEPTH) {
    structural(r, it, "", 2, "loops nested too deeply", NULL, NULL,
               "loops are nested deeper than this reader follows");
    return false;
  }
  x12_frame *f = &r->frames[r->nframes];
  f->loop = loop;
  f->cursor = 0;
  f->node = node;
  f->cnt = r->cnt + (size_t)r->nframes * r->maxkids;
  f->at = r->pend_at + (size_t)r->nframes * r->maxkids;
  f->cnt[0] = 1;
  f->counted = 1;
  f->seen = 1;
  f->pend = 0;
  f->garbled = 0;
  r->nframes++;
  return true;
}

static void describe(cc_x12_reader *r, cc_x12_item *it, const x12_use *u,
                     const x12_loop *L) {
  it->use_ = u;
  it->def_ = &r->t->segs[u->seg];
  it->loop_id = L->id;
  it->loop_name = L->name;
  it->seg_name = u->name;
  it->depth = (uint16_t)(2 + L->depth);
  (void)r;
}

/* The dictionary's definition of the current segment (NULL if none). */
static void lookup_def(const cc_x12_reader *r, cc_x12_item *it) {
  const x12_segdef *sd = x12_dict_find(r->t, r->key);
  it->def_ = sd;
  it->seg_name = sd ? sd->name : "";
}

/* ---- match cache: the same segment (id and qualifier) in the same
 * place of the same loop matches the same child every time, so the walk
 * over the loop's children is done once per distinct situation. */

static inline unsigned qslot_of(uint32_t key) {
  return (key * 2654435761u) >> 24; /* X12_QPOS = 256 */
}

/* Which element decides among the uses of a segment id in guide g: the
 * position of their one plain ident element when all that have one agree
 * on it (0 when none has one), else 255 (matches walk the loop). */
static void mcache_for(cc_x12_reader *r, const x12_guide *g) {
  r->mc_g = g;
  /* Path nodes and transitions of another guide mean nothing here: a new
   * generation makes them unequal to every key from now on. */
  if (++r->pgen >= 0xFFFF) {
    memset(r->pt, 0, X12_PCACHE * sizeof *r->pt);
    memset(r->pn, 0, X12_PNODES * sizeof *r->pn);
    r->pgen = 1;
  }
  r->pnodes = 0;
  for (int i = 0; i < r->nframes; i++) r->frames[i].node = 0;
  memset(r->mc, 0, X12_MCACHE * sizeof *r->mc);
  memset(r->qkey, 0, sizeof r->qkey);
  memset(r->qpos, 0, sizeof r->qpos);
  for (unsigned i = 0; i < g->nuses; i++) {
    const x12_use *u = &g->uses[i];
    uint32_t k = r->t->segs[u->seg].key;
    if (!k) continue;
    unsigned s = qslot_of(k), n = 0;
    while (r->qkey[s] && r->qkey[s] != k && n++ < X12_QPOS)
      s = (s + 1) & (X12_QPOS - 1);
    if (n >= X12_QPOS) continue; /* full: lookups find 255 */
    r->qkey[s] = k;
    unsigned p = 0;
    if (u->nident == 1 && g->vals[u->ident].comp == 0 &&
        g->vals[u->ident].pos < 255)
      p = g->vals[u->ident].pos;
    else if (u->nident)
      p = 255;
    uint8_t *q = &r->qpos[s];
    if (p && *q != p) *q = *q ? 255 : (uint8_t)p;
  }
}

static inline unsigned qpos_of(const cc_x12_reader *r, uint32_t key) {
  unsigned s = qslot_of(key);
  for (unsigned n = 0; n < X12_QPOS; n++, s = (s + 1) & (X12_QPOS - 1)) {
    if (r->qkey[s] == key) return r->qpos[s];
    if (!r->qkey[s]) break;
  }
  return 255;
}

/* The node of the path parent + (loop, start); parent X12_ROOT for the
 * set's own frame. 0 (unknown, nothing cached) under an unknown parent or
 * when the table is half full (only hostile input gets there). */
#define X12_ROOT 0xFFFFu
static uint16_t pnode(cc_x12_reader *r, uint16_t parent, uint16_t loop,
                      uint16_t start) {
  if (!parent) return 0;
  uint64_t k = (uint64_t)r->pgen << 48 | (uint64_t)parent << 32 |
               (uint64_t)loop << 16 | start;
  uint32_t h = (uint32_t)(k ^ k >> 29) * 0x9E3779B1u;
  unsigned s = h >> 22; /* X12_PNODES = 1024 */
  for (unsigned n = 0; n < X12_PNODES; n++, s = (s + 1) & (X12_PNODES - 1)) {
    uint64_t v = r->pn[s];
    if (v == k) return (uint16_t)(s + 1);
    if (v >> 48 != r->pgen) { /* free in this generation */
      if (r->pnodes >= X12_PNODES / 2) return 0;
      r->pn[s] = k;
      r->pnodes++;
      return (uint16_t)(s + 1);
    }
  }
  return 0;
}

/* The deciding qualifier of seg packed as x12_code_key does (exact up to 7
 * bytes); false when the match cannot be cached. */
static inline bool qual_of(const cc_x12_reader *r, const cc_x12_seg *seg,
                           uint32_t key, uint64_t *q) {
  if (!key) return false;
  unsigned qp = qpos_of(r, key);
  *q = 0;
  if (qp == 0) return true;
  if (qp == 255) return false;
  if (qp > seg->nel) return true; /* absent: the empty value */
  cc_slice v = seg->el[qp];
  if (v.n > 7) return false;
  if (v.n == 0) return true;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (seg->raw.p + seg->raw.n - v.p >= 8) { /* one load, inside the segment */
    uint64_t w;
    memcpy(&w, v.p, 8);
    *q = (w & ((1ull << (8 * v.n)) - 1)) | (uint64_t)v.n << 56;
    return true;
  }
#endif
  *q = x12_code_key(v.p, v.n);
  return true;
}

/* Match key in open loop L from child start on: the child it matches
 * (hit) or the first with its id whose qualifier did not fit (loose), 0
 * for none. *plain is cleared when the choice looked past the qualifier. */
static void match_frame(const cc_x12_reader *r, const x12_loop *L, uint16_t i,
                        uint16_t start, uint32_t key, uint16_t *hit,
                        uint16_t *loose, bool *plain) {
  const x12_guide *g = r->g;
  const cc_x12_seg *seg = &r->seg;
  const uint32_t *ck = g->ckeys + L->child;
  const uint8_t *nx = g->cnext + L->child;
  *hit = *loose = 0;
  for (; i; i = nx[i]) {
    if (i < start || ck[i] != key) continue;
    const x12_use *u = &g->uses[g->cuses[L->child + i]];
    if (!u->nident || ident_ok(r, u, seg)) {
      *hit = i;
      /* Two uses of one run may both accept the qualifier (2400 PWK*CT
       * is a line attachment and a DME certificate): take the later one
       * when only its other codes fit. Rare, so checked only then. */
      if (g->camb[L->child + i]) *plain = false;
      for (uint16_t j = g->camb[L->child + i] ? nx[i] : 0; j; j = nx[j]) {
        if (ck[j] != key || g->runs[L->child + j] != g->runs[L->child + i])
          continue;
        const x12_use *w = &g->uses[g->cuses[L->child + j]];
        if (w->nident && !ident_ok(r, w, seg)) continue;
        if (!codes_fit(r, u, seg) && codes_fit(r, w, seg)) *hit = j;
        break;
      }
      return;
    }
    if (!*loose) *loose = i;
  }
}

/* The rare findings of a match, out of the hot path. */
static __attribute__((cold, noinline)) void
over_max_loop(cc_x12_reader *r, const cc_x12_item *it, const x12_loop *sub) {
  char d[320], nb[X12_BRIEF + 1];
  snprintf(d, sizeof d, "loop %s (%s) may occur at most %u time%s here",
           sub->id, x12_brief(sub->name, nb, sizeof nb),
           (unsigned)sub->max_rep, sub->max_rep == 1 ? "" : "s");
  structural(r, it, "4", 2, "loop occurs over maximum times", NULL, NULL, d);
}

static __attribute__((cold, noinline)) void
over_max_use(cc_x12_reader *r, const cc_x12_item *it, const x12_use *u,
             const x12_loop *L) {
  char d[320], nb[X12_BRIEF + 1];
  snprintf(d, sizeof d, "%s (%s) may occur at most %u time%s in loop %s",
           r->seg.id, x12_brief(u->name, nb, sizeof nb), (unsigned)u->max_use,
           u->max_use == 1 ? "" : "s", L->id);
  structural(r, it, "5", 2, "segment exceeds maximum use", NULL, NULL, d);
}

static __attribute__((cold, noinline)) void
seg_not_used(cc_x12_reader *r, const cc_x12_item *it, const x12_use *u) {
  char d[320], nb[X12_BRIEF + 1];
  snprintf(d, sizeof d, "%s (%s) is marked not used in this guide", r->seg.id,
           x12_brief(u->name, nb, sizeof nb));
  structural(r, it, "I4", 2, "implementation \"not used\" segment present",
             NULL, NULL, d);
}

/* The id matched but the qualifier that picks the use did not. */
static __attribute__((cold, noinline)) void
wrong_qualifier(cc_x12_reader *r, const cc_x12_item *it, const x12_use *u) {
  const x12_guide *g = r->g;
  const cc_x12_seg *seg = &r->seg;
  r->loose_pos = g->vals[u->ident].pos;
  if (!r->fn) return;
  const x12_valset *vs = &g->vals[u->ident];
  cc_x12_finding fd;
  x12_finding_at(&fd, r, it, CC_SEV_ERROR, 2, "7", vs->pos, vs->comp,
                 "invalid code value");
  char v[32], nb[X12_BRIEF + 1], want[80], d[320];
  cc_slice_copy(x12_value(seg, vs->pos, vs->comp, r->d.comp), v, sizeof v);
  x12_codes_text(vs, 4, want, sizeof want);
  snprintf(d, sizeof d,
           "%s%02u value '%s' is not one this guide allows here (%s: "
           "expected %s)",
           seg->id, vs->pos, v, x12_brief(u->name, nb, sizeof nb), want);
  x12_fit(fd.where.detail, sizeof fd.where.detail, d);
  emit(r, &fd);
}

/* The current segment matched as tr says (tr->loose: by its id only):
 * close deeper loops, report what was skipped, count, and open a loop
 * when the child is one. */
static inline __attribute__((always_inline)) void
matched(cc_x12_reader *r, cc_x12_item *it, const x12_ptrans *tr) {
  int hit_f = tr->hit_f;
  unsigned hit_i = tr->hit_i;
  /* Closing loops with nothing to report (nearly all): popped here;
   * pop_to reports for the first that has something, and the rest. */
  while (r->nframes > hit_f + 1) {
    const x12_frame *top = &r->frames[r->nframes - 1];
    const x12_loop *TL = &r->g->loops[top->loop];
    if (top->pend || top->garbled ||
        missing_mask(r, top, r->g->runs[TL->child + top->cursor],
                     TL->nchild)) {
      pop_to(r, it, hit_f + 1, true);
      break;
    }
    r->nframes--;
  }
  x12_frame *f = &r->frames[hit_f];
  f->node = tr->node_f;
  uint64_t skipped = tr->skip & ~f->seen & ~f->pend;
  if (skipped) skip_over(r, f, skipped);
  if (hit_i > f->cursor) f->cursor = (uint16_t)hit_i;
  uint64_t bit = 1ull << hit_i;
  uint32_t n = f->counted & bit ? f->cnt[hit_i] + 1 : 1;
  f->cnt[hit_i] = n;
  f->counted |= bit;
  f->seen |= bit;
  const x12_use *u = tr->u;
  const x12_loop *dl = tr->dl;
  it->use_ = u;
  it->def_ = tr->def;
  it->loop_id = dl->id;
  it->loop_name = dl->name;
  it->seg_name = u->name;
  it->depth = (uint16_t)(2 + dl->depth);
  if (tr->sub != X12_NONE) {
    it->loop_start = true;
    if (tr->maxn && n > tr->maxn) over_max_loop(r, it, dl);
    push(r, it, tr->sub, tr->node_sub);
  } else if (tr->maxn && n > tr->maxn && !tr->loose) {
    /* A loose match (wrong qualifier) is a guess at the use: its count
     * says nothing about repeats, and the qualifier finding is the one
     * problem. */
    over_max_use(r, it, u, dl);
  }
  if (tr->not_used) seg_not_used(r, it, u);
  r->loose_pos = 0;
  if (tr->loose) wrong_qualifier(r, it, u);
}

/* Nothing ahead of any open loop's cursor matched the current segment:
 * it is earlier in some open loop (out of order), somewhere else in the
 * guide, in the dictionary only, or unknown. */
static __attribute__((cold, noinline)) void unmatched(cc_x12_reader *r,
                                                      cc_x12_item *it) {
  const x12_guide *g = r->g;
  const cc_x12_seg *seg = &r->seg;
  uint32_t key = r->key;
  for (int fi = r->nframes - 1; fi >= 0; fi--) {
    x12_frame *f = &r->frames[fi];
    const x12_loop *L = &g->loops[f->loop];
    const x12_child *ch = &g->children[L->child];
    uint16_t end = run_start(r, L, f->cursor);
    for (uint16_t i = 1; i < end; i++) {
      const x12_use *u = child_use(g, ch[i]);
      if (r->t->segs[u->seg].key != key) continue;
      /* It came late: if it was skipped over as missing, this one
       * report (out of sequence) replaces that one. */
      if (i < 64) {
        f->pend &= ~(1ull << i);
        f->seen |= 1ull << i;
      }
      describe(r, it, u, L);
      if (ch[i] & X12_CHILD_LOOP) {
        const x12_loop *sub = &g->loops[ch[i] & 0x7FFF];
        it->loop_id = sub->id;
        it->loop_name = sub->name;
      }
      char d[320], nb[X12_BRIEF + 1];
      snprintf(d, sizeof d,
               "%s (%s) is out of order: the guide puts it earlier in loop %s",
               seg->id, x12_brief(u->name, nb, sizeof nb), L->id);
      structural(r, it, "7", 2, "segment not in proper sequence", NULL,
                 NULL, d);
      return;
    }
  }
  const x12_loop *L = &g->loops[r->frames[r->nframes - 1].loop];
  it->loop_id = L->id;
  it->loop_name = L->name;
  it->depth = (uint16_t)(2 + L->depth);
  char d[160];
  if (!it->def_) lookup_def(r, it);
  if (!it->def_) {
    snprintf(d, sizeof d, "'%.3s' is not an X12 segment identifier",
             seg->id);
    if (!seg->id[0] && r->frames[r->nframes - 1].garbled < 255)
      r->frames[r->nframes - 1].garbled++;
    structural(r, it, "1", 1, "unrecognized segment ID", NULL, NULL, d);
    return;
  }
  bool in_guide = false;
  for (unsigned u = 0; u < g->nuses && !in_guide; u++)
    in_guide = r->t->segs[g->uses[u].seg].key == key;
  if (in_guide) {
    snprintf(d, sizeof d,
             "%s is not expected here (after loop %s); check the segment "
             "order or a missing loop start",
             seg->id, L->id);
    structural(r, it, "2", 2, "unexpected segment", NULL, NULL, d);
  } else {
    snprintf(d, sizeof d, "%s is not used in the %s %s guide", seg->id,
             g->st01, g->version);
    structural(r, it, "6", 2, "segment not in defined transaction set",
               NULL, NULL, d);
  }
}

/* Match the current segment by walking the open loops from the top (with
 * the per-loop cache): the frame and child it matches, the nodes after the
 * move in *tr. False when nothing matched. *plain is cleared when the
 * choice looked past the qualifier (then it is not remembered). */
static __attribute__((noinline)) bool
place_walk(cc_x12_reader *r, bool cacheable, uint64_t q, uint32_t qh,
           x12_ptrans *tr, bool *plain_all) {
  const x12_guide *g = r->g;
  uint32_t key = r->key;
  int hit_f = -1, loose_f = -1;
  uint16_t hit_i = 0, loose_i = 0;
  bool by_id = false; /* a loose match: the id fit, the qualifier not */
  for (int fi = r->nframes - 1; fi >= 0; fi--) {
    const x12_frame *f = &r->frames[fi];
    const x12_loop *L = &g->loops[f->loop];
    uint16_t i = g->lfirst[(size_t)f->loop * 64 + x12_key_bit(key)];
    if (!i) continue;
    uint16_t start = run_start(r, L, f->cursor), hit, loose;
    if (cacheable) {
      uint32_t h = (key * 2654435761u) ^ (f->loop * 40503u) ^
                   (start * 2246822519u) ^ qh;
      x12_mentry *e = &r->mc[(h ^ h >> 15) & (X12_MCACHE - 1)];
      if (e->key == key && e->loop == f->loop && e->start == start &&
          e->q == q) {
        hit = e->hit;
        loose = e->loose;
      } else {
        bool plain = true;
        match_frame(r, L, i, start, key, &hit, &loose, &plain);
        *plain_all &= plain;
        if (plain) {
          e->key = key;
          e->loop = f->loop;
          e->start = start;
          e->q = q;
          e->hit = (uint8_t)hit;
          e->loose = (uint8_t)loose;
        }
      }
    } else {
      bool plain = true;
      match_frame(r, L, i, start, key, &hit, &loose, &plain);
    }
    if (hit) {
      hit_f = fi;
      hit_i = hit;
      break;
    }
    if (loose && loose_f < 0) loose_f = fi, loose_i = loose;
  }
  if (hit_f < 0 && loose_f >= 0) hit_f = loose_f, hit_i = loose_i, by_id = true;
  if (hit_f < 0) return false;
  /* The nodes after the move: frame hit_f's cursor moves to hit_i's run,
   * and a loop child opens a frame at its start. */
  const x12_frame *hf = &r->frames[hit_f];
  const x12_loop *HL = &g->loops[hf->loop];
  uint16_t from = run_start(r, HL, hf->cursor), to = run_start(r, HL, hit_i);
  uint16_t node_f = hf->node, node_sub = 0;
  tr->skip = req_between(r, hf->loop, from, to);
  if (to != from)
    node_f = pnode(r, hit_f ? r->frames[hit_f - 1].node : X12_ROOT, hf->loop,
                   to);
  x12_child hc = g->children[HL->child + hit_i];
  if (hc & X12_CHILD_LOOP)
    node_sub = pnode(r, node_f, hc & 0x7FFF,
                     run_start(r, &g->loops[hc & 0x7FFF], 0));
  tr->hit_f = (uint8_t)hit_f;
  tr->hit_i = (uint8_t)hit_i;
  tr->loose = by_id;
  tr->node_f = node_f;
  tr->node_sub = node_sub;
  const x12_use *u = child_use(g, hc);
  tr->u = u;
  tr->def = &r->t->segs[u->seg];
  tr->not_used = u->usage == 'N';
  if (hc & X12_CHILD_LOOP) {
    tr->sub = hc & 0x7FFF;
    tr->dl = &g->loops[tr->sub];
    tr->maxn = tr->dl->max_rep;
  } else {
    tr->sub = X12_NONE;
    tr->dl = HL;
    tr->maxn = u->max_use;
  }
  return true;
}

/* Place a body segment of a checked set. */
static inline __attribute__((always_inline)) void place(cc_x12_reader *r,
                                                     cc_x12_item *it) {
  const x12_guide *g = r->g;
  const cc_x12_seg *seg = &r->seg;
  uint32_t key = r->key; /* set by cc_x12_reader_next */
  r->loose_pos = 0;
  if (r->mc_g != g) mcache_for(r, g);
  uint64_t q;
  bool cacheable = qual_of(r, seg, key, &q);
  uint32_t qh = cacheable ? (uint32_t)(q ^ q >> 29) * 0x9E3779B1u : 0;
  /* The whole path seen before with this segment: one probe. */
  x12_ptrans *pe = NULL, tr;
  uint64_t pk = 0;
  uint16_t top = r->frames[r->nframes - 1].node;
  if (cacheable && top) {
    pk = (uint64_t)r->pgen << 48 | (uint64_t)top << 32 | key;
    uint32_t h = ((uint32_t)(pk ^ pk >> 29) ^ qh) * 0x9E3779B1u;
    pe = &r->pt[h >> 21]; /* X12_PCACHE = 2048 */
    if (pe->k == pk && pe->q == q) {
      matched(r, it, pe);
      return;
    }
  }
  bool plain_all = true;
  if (!place_walk(r, cacheable, q, qh, &tr, &plain_all)) {
    unmatched(r, it);
    return;
  }
  if (pe && plain_all) {
    tr.k = pk;
    tr.q = q;
    *pe = tr;
  }
  matched(r, it, &tr);
}

void x12_reader_close_set(cc_x12_reader *r) {
  if (r->g && r->nframes) {
    cc_x12_item it;
    memset(&it, 0, sizeof it);
    it.loop_id = "ST";
    pop_to(r, &it, 0, false);
  }
  r->nframes = 0;
  r->in_st = false;
  r->g = NULL;
}

/* ---------------------------------------------------------------- API */

cc_x12_reader *x12_reader_new_tables(cc_x12_lexer *lx,
                                     const x12_tableset *t) {
  cc_x12_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->lx = lx;
  r->t = t;
  for (unsigned c = 0; c < 256; c++) r->bad[c] = c < 0x20 || c == 0x7F;
  uint16_t mk = 1;
  for (unsigned i = 0; i < t->nguides; i++)
    if (t->guides[i].max_children > mk) mk = t->guides[i].max_children;
  r->maxkids = mk;
  r->cnt = calloc((size_t)CC_MAX_LOOP_DEPTH * mk, sizeof *r->cnt);
  r->pend_at = calloc((size_t)CC_MAX_LOOP_DEPTH * mk, sizeof *r->pend_at);
  r->mc = calloc(X12_MCACHE, sizeof *r->mc);
  r->pt = calloc(X12_PCACHE, sizeof *r->pt);
  r->pn = calloc(X12_PNODES, sizeof *r->pn);
  if (!r->cnt || !r->pend_at || !r->mc || !r->pt || !r->pn) {
    free(r->cnt);
    free(r->pend_at);
    free(r->mc);
    free(r->pt);
    free(r->pn);
    free(r);
    return NULL;
  }
  return r;
}

cc_x12_reader *cc_x12_reader_new(cc_x12_lexer *lx) {
  return x12_reader_new_tables(lx, &x12_tables);
}

void x12_reader_on_finding(cc_x12_reader *r, cc_x12_finding_fn fn,
                           void *ctx) {
  r->fn = fn;
  r->ctx = ctx;
}

void cc_x12_reader_free(cc_x12_reader *r) {
  if (!r) return;
  free(r->cnt);
  free(r->pend_at);
  free(r->mc);
  free(r->pt);
  free(r->pn);
  free(r);
}

static void copy_el(char *dst, size_t cap, cc_slice s) {
  cc_slice_copy(cc_slice_trim(s), dst, cap);
}

/* A fresh item for seg. Field by field: GCC turns a compound literal of
 * this size into a rep stos, whose start-up costs more than the stores. */
static inline void item_init(cc_x12_item *it, const cc_x12_seg *seg) {
  it->seg = seg;
  it->kind = (cc_x12_kind)0;
  it->loop_id = it->loop_name = it->seg_name = it->st01 = it->version = "";
  it->depth = 0;
  it->loop_start = false;
  it->st_pos = it->set_index = it->group_index = 0;
  it->use_ = it->def_ = it->tabs_ = NULL;
}

/* One segment in r->seg: its kind and place (see cc_x12_reader_next). */
static inline __attribute__((always_inline)) void take(cc_x12_reader *r,
                                                     cc_x12_item *it) {
  item_init(it, &r->seg);
  r->loose_pos = 0;
  const cc_x12_seg *seg = &r->seg;
  uint32_t key = x12_seg_key(seg);
  r->key = key;
  it->tabs_ = r->t;
  /* A body segment of a checked set gets its definition from the use it
   * matches (or from lookup_def in place() when it matches none); the
   * envelope segments (the cases below and ST) look it up themselves. */
  switch (key) {
  case X12_KEY('I', 'S', 'A'):
  case X12_KEY('I', 'E', 'A'):
  case X12_KEY('T', 'A', '1'):
  case X12_KEY('G', 'S', 0):
  case X12_KEY('G', 'E', 0):
  case X12_KEY('S', 'T', 0):
    lookup_def(r, it);
    break;
  default:
    if (!r->in_st || !r->g) lookup_def(r, it);
  }
  switch (key) {
  case X12_KEY('I', 'S', 'A'):
    if (r->in_st) x12_reader_close_set(r);
    if (r->lx) r->d = cc_x12_lexer_delims(r->lx); /* else set by the caller */
    /* The lexer drops a repetition separator equal to the component
     * separator; a tolerant reader keeps it and lets each element's
     * definition decide (a composite splits components, a repeatable
     * simple element repetitions). */
    r->rep_is_comp = false;
    if (!r->d.rep && seg->nel >= 11 && seg->el[11].n == 1 &&
        seg->el[11].p[0] == r->d.comp) {
      r->d.rep = r->d.comp;
      r->rep_is_comp = true;
    }
    for (unsigned c = 0; c < 256; c++) r->bad[c] = c < 0x20 || c == 0x7F;
    if (r->d.rep) r->bad[(uint8_t)r->d.rep] = 1;
    r->in_isa = true;
    r->in_gs = false;
    it->kind = CC_X12_ISA;
    it->loop_id = "ISA";
    it->loop_name = "Interchange";
    return;
  case X12_KEY('I', 'E', 'A'):
    if (r->in_st) x12_reader_close_set(r);
    r->in_isa = r->in_gs = false;
    it->kind = CC_X12_IEA;
    it->loop_id = "ISA";
    it->loop_name = "Interchange";
    return;
  case X12_KEY('T', 'A', '1'):
    it->kind = CC_X12_TA1;
    it->loop_id = "ISA";
    it->loop_name = "Interchange";
    return;
  case X12_KEY('G', 'S', 0):
    if (r->in_st) x12_reader_close_set(r);
    r->in_gs = true;
    r->group_index++;
    copy_el(r->gs08, sizeof r->gs08, x12_value(seg, 8, 0, 0));
    it->kind = CC_X12_GS;
    it->depth = 1;
    it->group_index = r->group_index;
    it->loop_id = "GS";
    it->loop_name = "Functional Group";
    return;
  case X12_KEY('G', 'E', 0):
    if (r->in_st) x12_reader_close_set(r);
    r->in_gs = false;
    it->kind = CC_X12_GE;
    it->depth = 1;
    it->group_index = r->group_index;
    it->loop_id = "GS";
    it->loop_name = "Functional Group";
    return;
  default:
    break;
  }
  it->group_index = r->group_index;
  if (key == X12_KEY('S', 'T', 0)) {
    if (r->in_st) x12_reader_close_set(r);
    r->in_st = true;
    r->set_index++;
    r->st_pos = 1;
    copy_el(r->st01, sizeof r->st01, x12_value(seg, 1, 0, 0));
    r->g = x12_guide_find(r->t, r->st01, r->gs08);
    if (!r->g) {
      char v[16];
      copy_el(v, sizeof v, x12_value(seg, 3, 0, 0));
      if (v[0]) r->g = x12_guide_find(r->t, r->st01, v);
    }
    r->nframes = 0;
    it->kind = CC_X12_ST;
    it->st_pos = 1;
    it->set_index = r->set_index;
    it->st01 = r->st01;
    it->depth = 2;
    it->loop_id = "ST";
    it->loop_name = "Transaction Set";
    if (r->g) {
      it->version = r->g->version;
      const x12_loop *L = &r->g->loops[0];
      describe(r, it, &r->g->uses[L->trigger], L);
      it->loop_start = true;
      if (r->mc_g != r->g) mcache_for(r, r->g);
      push(r, it, 0, pnode(r, X12_ROOT, 0, run_start(r, L, 0)));
    }
    return;
  }
  if (!r->in_st) {
    it->kind = CC_X12_STRAY;
    return;
  }
  r->st_pos++;
  it->st_pos = r->st_pos;
  it->set_index = r->set_index;
  it->st01 = r->st01;
  it->depth = 2;
  it->kind = key == X12_KEY('S', 'E', 0) ? CC_X12_SE : CC_X12_BODY;
  if (r->g) {
    it->version = r->g->version;
    it->loop_id = "ST";
    if (!r->env_only) place(r, it);
  }
  if (it->kind == CC_X12_SE) {
    if (r->g) {
      if (!it->use_) {
        /* SE not matched (malformed tables or a misplaced trailer): still
         * close the set. */
        it->loop_id = "ST";
      }
      if (r->nframes) pop_to(r, it, 0, true);
      x12_reader_close_set(r);
    }
    r->in_st = false;
    r->g = NULL;
    it->depth = 2;
  }
  return;
}

cc_code cc_x12_reader_next(cc_x12_reader *r, cc_x12_item *it, cc_err *err) {
  cc_code rc = cc_x12_lexer_next(r->lx, &r->seg, err);
  if (rc != CC_OK) {
    *it = (cc_x12_item){.seg = &r->seg, .loop_id = "", .loop_name = "",
                        .seg_name = "", .st01 = "", .version = ""};
    r->loose_pos = 0;
    if (r->in_st) x12_reader_close_set(r);
    return rc;
  }
  if (r->shifted) {
    r->seg.index += r->idx_delta;
    r->seg.offset += r->off_delta;
    r->seg.interchange += r->ic_delta;
  }
  take(r, it);
  return CC_OK;
}

void x12_reader_take(cc_x12_reader *r, cc_x12_item *it) { take(r, it); }

const char *cc_x12_elem_name(const cc_x12_item *it, unsigned pos,
                             unsigned comp) {
  const x12_tableset *t = it->tabs_;
  const x12_elem *e = t ? x12_elem_at(t, it->def_, pos) : NULL;
  if (!e) return "";
  if (comp) {
    if (comp > e->ncomp) return "";
    return t->comps[e->comp + comp - 1].name;
  }
  return e->name;
}

cc_slice cc_x12_item_value(const cc_x12_reader *r, const cc_x12_item *it,
                           unsigned pos, unsigned comp) {
  return x12_value(it->seg, pos, comp, r->d.comp);
}
