/* x12_ack.c - the 999 implementation acknowledgment (005010X231A1) and the
 * TA1 interchange acknowledgment for a received file: validate it, learn its
 * envelopes, then answer each interchange - a TA1 rejection when its
 * envelope is broken, else one 999 per functional group with one AK2 per
 * transaction set. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "x12/x12_int.h"

typedef struct aset {
  uint64_t first, last; /* file segment numbers ST..SE */
  char st01[4], st02[12], st03[16];
} aset;

typedef struct agrp {
  uint64_t first, last;
  char gs01[4], gs02[16], gs03[16], gs06[12], gs08[16], ge01[12];
  size_t set0, nsets;
} agrp;

typedef struct aisa {
  uint64_t first, last;
  char q5[3], id6[16], q7[3], id8[16], isa13[12], isa14[2], isa15[2];
  size_t grp0, ngrps;
} aisa;

typedef struct ackdoc {
  cc_x12_finding *f;
  size_t nf, capf;
  aset *s;
  size_t ns, caps;
  agrp *g;
  size_t ng, capg;
  aisa *i;
  size_t ni, capi;
  bool nomem;
} ackdoc;

static void *grow(void *p, size_t *cap, size_t n, size_t sz, bool *nomem) {
  if (n < *cap) return p;
  size_t c = *cap ? *cap * 2 : 16;
  void *q = realloc(p, c * sz);
  if (!q) {
    *nomem = true;
    return NULL;
  }
  *cap = c;
  return q;
}

static void collect(void *ctx, const cc_x12_finding *f) {
  ackdoc *d = ctx;
  if (f->level == CC_ACK_NONE || f->sev != CC_SEV_ERROR || d->nomem) return;
  cc_x12_finding *nf = grow(d->f, &d->capf, d->nf, sizeof *d->f, &d->nomem);
  if (!nf) return;
  d->f = nf;
  d->f[d->nf++] = *f;
}

static void cp(char *dst, size_t cap, const cc_x12_seg *s, unsigned pos) {
  cc_slice_copy(cc_slice_trim(x12_value(s, pos, 0, 0)), dst, cap);
}

/* Learn the envelopes: which segments each interchange, group and set
 * spans, and the values an acknowledgment echoes. */
static cc_code outline(ackdoc *d, const char *p, size_t n, const char *name,
                       cc_err *err) {
  cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
  if (!lx) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  cc_x12_seg *seg = malloc(sizeof *seg);
  if (!seg) {
    cc_x12_lexer_free(lx);
    return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  }
  cc_err le;
  cc_code rc;
  while ((rc = cc_x12_lexer_next(lx, seg, &le)) == CC_OK) {
    uint32_t k = x12_key(seg->id);
    if (k == X12_KEY('I', 'S', 'A')) {
      aisa *a = grow(d->i, &d->capi, d->ni, sizeof *d->i, &d->nomem);
      if (!a) break;
      d->i = a;
      a = &d->i[d->ni++];
      memset(a, 0, sizeof *a);
      a->first = a->last = seg->index;
      cp(a->q5, sizeof a->q5, seg, 5);
      cp(a->id6, sizeof a->id6, seg, 6);
      cp(a->q7, sizeof a->q7, seg, 7);
      cp(a->id8, sizeof a->id8, seg, 8);
      cp(a->isa13, sizeof a->isa13, seg, 13);
      cp(a->isa14, sizeof a->isa14, seg, 14);
      cp(a->isa15, sizeof a->isa15, seg, 15);
      a->grp0 = d->ng;
      continue;
    }
    if (!d->ni) continue;
    aisa *a = &d->i[d->ni - 1];
    a->last = seg->index;
    if (k == X12_KEY('G', 'S', 0)) {
      agrp *g = grow(d->g, &d->capg, d->ng, sizeof *d->g, &d->nomem);
      if (!g) break;
      d->g = g;
      g = &d->g[d->ng++];
      memset(g, 0, sizeof *g);
      g->first = g->last = seg->index;
      cp(g->gs01, sizeof g->gs01, seg, 1);
      cp(g->gs02, sizeof g->gs02, seg, 2);
      cp(g->gs03, sizeof g->gs03, seg, 3);
      cp(g->gs06, sizeof g->gs06, seg, 6);
      cp(g->gs08, sizeof g->gs08, seg, 8);
      g->set0 = d->ns;
      a->ngrps++;
      continue;
    }
    if (d->ng <= a->grp0) continue;
    agrp *g = &d->g[d->ng - 1];
    if (g->last && g->ge01[0] && k != X12_KEY('I', 'E', 'A')) {
      /* segments after GE belong to no group */
    }
    if (k == X12_KEY('I', 'E', 'A')) continue;
    g->last = seg->index;
    if (k == X12_KEY('G', 'E', 0)) {
      cp(g->ge01, sizeof g->ge01, seg, 1);
      continue;
    }
    if (k == X12_KEY('S', 'T', 0)) {
      aset *s = grow(d->s, &d->caps, d->ns, sizeof *d->s, &d->nomem);
      if (!s) break;
      d->s = s;
      s = &d->s[d->ns++];
      memset(s, 0, sizeof *s);
      s->first = s->last = seg->index;
      cp(s->st01, sizeof s->st01, seg, 1);
      cp(s->st02, sizeof s->st02, seg, 2);
      cp(s->st03, sizeof s->st03, seg, 3);
      g->nsets++;
      continue;
    }
    if (d->ns > g->set0) d->s[d->ns - 1].last = seg->index;
  }
  free(seg);
  cc_x12_lexer_free(lx);
  if (d->nomem) return cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  if (!d->ni)
    return cc_err_set(err, CC_E_SYNTAX,
                      "no interchange to acknowledge",
                      "%s holds no readable ISA segment, so there is no "
                      "sender to answer", name);
  return CC_OK;
}

static void w(cc_x12_writer *wr, const char *id, size_t n,
              const char *const *v) {
  (void)cc_x12_write(wr, id, n, v);
}

static void now(int *hhmm) {
  /* Tests pin the clock with CC_TODAY; then the time is noon. */
  if (getenv("CC_TODAY")) {
    *hhmm = 1200;
    return;
  }
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  *hhmm = tm.tm_hour * 100 + tm.tm_min;
}

static void put_isa(cc_buf *out, const aisa *a, uint32_t ctl, cc_day day,
                    int hhmm, cc_x12_delims dl) {
  int y, m, dd;
  cc_date_ymd(day, &y, &m, &dd);
  /* The answer goes back: its sender is the received interchange's
   * receiver. */
  (void)cc_buf_printf(out,
                      "ISA%c00%c          %c00%c          %c%-2.2s%c%-15.15s%c"
                      "%-2.2s%c%-15.15s%c%02d%02d%02d%c%04d%c%c%c00501%c%09u%c"
                      "0%c%c%c%c%c\n",
                      dl.elem, dl.elem, dl.elem, dl.elem, dl.elem,
                      a->q7[0] ? a->q7 : "ZZ", dl.elem, a->id8, dl.elem,
                      a->q5[0] ? a->q5 : "ZZ", dl.elem, a->id6, dl.elem,
                      y % 100, m, dd, dl.elem, hhmm, dl.elem, dl.rep, dl.elem,
                      dl.elem, ctl, dl.elem, dl.elem,
                      a->isa15[0] == 'P' ? 'P' : 'T', dl.elem, dl.comp,
                      dl.seg);
}

static bool in(uint64_t pos, uint64_t first, uint64_t last) {
  return pos >= first && pos <= last;
}

static void write_set(ackdoc *d, cc_x12_writer *wr, const aset *s,
                      bool *accepted) {
  const char *ak2[3] = {s->st01, s->st02, s->st03};
  w(wr, "AK2", s->st03[0] ? 3 : 2, ak2);
  char codes[5][4];
  int nc = 0;
  bool seg_err = false;
  /* IK3 per segment in error, then its IK4s. A segment with only element
   * errors gets IK304 8. */
  for (size_t i = 0; i < d->nf; i++) {
    const cc_x12_finding *f = &d->f[i];
    if (!in(f->where.seg_pos, s->first, s->last)) continue;
    if (f->level == CC_ACK_SET) {
      bool dup = false;
      for (int c = 0; c < nc; c++) dup |= !strcmp(codes[c], f->ack_code);
      if (!dup && nc < 5) snprintf(codes[nc++], 4, "%s", f->ack_code);
      continue;
    }
    if (f->level != CC_ACK_SEGMENT && f->level != CC_ACK_ELEMENT) continue;
    /* One IK3 per (segment, code); element findings of the same segment
     * that follow are grouped under it. */
    bool done = false;
    for (size_t j = 0; j < i && !done; j++) {
      const cc_x12_finding *g = &d->f[j];
      done = g->where.seg_pos == f->where.seg_pos &&
             g->level == CC_ACK_ELEMENT && f->level == CC_ACK_ELEMENT &&
             !strcmp(g->where.seg_id, f->where.seg_id);
    }
    if (done) continue;
    seg_err = true;
    char pos[12];
    snprintf(pos, sizeof pos, "%u", f->st_seg_pos);
    /* IK303 (data element 447) holds at most 4 characters: the loop's
     * number, "2010" for 2010AA. */
    char loop[5] = "";
    if (strcmp(f->where.loop_id, "ST") && strcmp(f->where.loop_id, "ISA") &&
        strcmp(f->where.loop_id, "GS"))
      snprintf(loop, sizeof loop, "%.4s", f->where.loop_id);
    const char *ik3[4] = {f->where.seg_id[0] ? f->where.seg_id : "UNK", pos,
                          loop, f->level == CC_ACK_ELEMENT ? "8" : f->ack_code};
    w(wr, "IK3", 4, ik3);
    if (f->level != CC_ACK_ELEMENT) continue;
    for (size_t j = i; j < d->nf; j++) {
      const cc_x12_finding *g = &d->f[j];
      if (g->level != CC_ACK_ELEMENT || g->where.seg_pos != f->where.seg_pos ||
          strcmp(g->where.seg_id, f->where.seg_id))
        continue;
      /* IK401 is a composite (element, component): its separator is the
       * 999's own ISA16, and it goes through the raw writer because the
       * plain one refuses a component separator inside a value. */
      char ep[16], de[8];
      int m;
      if (g->where.comp_pos)
        m = snprintf(ep, sizeof ep, "%u%c%u", g->where.elem_pos, wr->d.comp,
                     g->where.comp_pos);
      else
        m = snprintf(ep, sizeof ep, "%u", g->where.elem_pos);
      if (g->where.de_ref) snprintf(de, sizeof de, "%u", g->where.de_ref);
      else de[0] = '\0';
      const cc_slice ik4[3] = {{ep, (size_t)m}, cc_slice_cstr(de),
                               cc_slice_cstr(g->ack_code)};
      (void)cc_x12_write_raw(wr, "IK4", 3, ik4);
    }
  }
  if (seg_err && nc < 5) {
    bool dup = false;
    for (int c = 0; c < nc; c++) dup |= !strcmp(codes[c], "5");
    if (!dup) snprintf(codes[nc++], 4, "5");
  }
  *accepted = nc == 0;
  const char *ik5[6] = {nc ? "R" : "A", nc > 0 ? codes[0] : "",
                        nc > 1 ? codes[1] : "", nc > 2 ? codes[2] : "",
                        nc > 3 ? codes[3] : "", nc > 4 ? codes[4] : ""};
  w(wr, "IK5", (size_t)(1 + nc), ik5);
}

/* Findings in file order. The validator reports a required segment that
 * was skipped over when its loop closes (it might still turn up, out of
 * order), so arrival order is not quite segment order; IK3s go out in
 * segment order, ties kept in arrival order. */
typedef struct fpos {
  uint32_t seg_pos;
  size_t i;
} fpos;

static int by_position(const void *a, const void *b) {
  const fpos *x = a, *y = b;
  if (x->seg_pos != y->seg_pos) return x->seg_pos < y->seg_pos ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

static bool sort_findings(ackdoc *d) {
  if (d->nf < 2) return true;
  fpos *k = malloc(d->nf * sizeof *k);
  cc_x12_finding *f = malloc(d->nf * sizeof *f);
  if (!k || !f) {
    free(k);
    free(f);
    return false;
  }
  for (size_t i = 0; i < d->nf; i++) k[i] = (fpos){d->f[i].where.seg_pos, i};
  qsort(k, d->nf, sizeof *k, by_position);
  for (size_t i = 0; i < d->nf; i++) f[i] = d->f[k[i].i];
  free(k);
  free(d->f);
  d->f = f;
  d->capf = d->nf;
  return true;
}

cc_code cc_x12_ack_mem(const char *p, size_t n, const char *name, cc_buf *out,
                       uint32_t ctl, cc_err *err) {
  ackdoc d;
  memset(&d, 0, sizeof d);
  cc_x12_summary sum;
  cc_code rc = cc_x12_validate_mem(p, n, name, collect, &d, &sum, err);
  if (rc == CC_OK && (d.nomem || !sort_findings(&d)))
    rc = cc_err_set(err, CC_E_NOMEM, "out of memory", "%s", name);
  if (rc == CC_OK) rc = outline(&d, p, n, name, err);
  if (rc != CC_OK) goto done;
  cc_day day = cc_date_today();
  int hhmm;
  now(&hhmm);
  char date[9], time4[5];
  cc_date_d8(day, date);
  snprintf(time4, sizeof time4, "%04d", hhmm);
  cc_x12_delims dl = {'*', '^', ':', '~'};
  cc_x12_writer wr;
  cc_x12_writer_init(&wr, out, dl, "\n", err);
  for (size_t ii = 0; ii < d.ni; ii++) {
    const aisa *a = &d.i[ii];
    uint64_t end = ii + 1 < d.ni ? d.i[ii + 1].first - 1 : UINT64_MAX;
    const cc_x12_finding *env = NULL;
    for (size_t i = 0; i < d.nf && !env; i++)
      if (d.f[i].level == CC_ACK_INTERCHANGE &&
          (in(d.f[i].where.seg_pos, a->first, end) ||
           (d.f[i].where.seg_pos == 0 && ii + 1 == d.ni)))
        env = &d.f[i];
    /* Each acknowledgment interchange needs its own ISA13: ctl, ctl+1...,
     * past 999999999 back to 1 (ISA13 has nine digits). */
    uint32_t ictl = ctl + (uint32_t)(ii % 999999999u);
    if (ictl > 999999999u || ictl < ctl) ictl -= 999999999u;
    put_isa(out, a, ictl, day, hhmm, dl);
    char isadate[7];
    snprintf(isadate, sizeof isadate, "%.6s", date + 2);
    if (env || a->isa14[0] == '1') {
      /* TA101-TA103 echo the received ISA13, ISA09 and ISA10. */
      char rdate[8] = "", rtime[6] = "";
      cc_x12_lexer *lx = cc_x12_lexer_mem(p, n, name);
      cc_x12_seg *s = malloc(sizeof *s);
      cc_err le;
      if (lx && s) {
        while (cc_x12_lexer_next(lx, s, &le) == CC_OK)
          if (s->index == a->first) {
            cp(rdate, sizeof rdate, s, 9);
            cp(rtime, sizeof rtime, s, 10);
            break;
          }
      }
      free(s);
      cc_x12_lexer_free(lx);
      const char *ta1[5] = {a->isa13, rdate, rtime, env ? "R" : "A",
                            env ? env->ack_code : "000"};
      w(&wr, "TA1", 5, ta1);
    }
    char ctl9[12];
    snprintf(ctl9, sizeof ctl9, "%09u", ictl);
    if (env) {
      const char *iea[2] = {"0", ctl9};
      w(&wr, "IEA", 2, iea);
      continue;
    }
    for (size_t gi = a->grp0; gi < a->grp0 + a->ngrps; gi++) {
      const agrp *g = &d.g[gi];
      char gctl[12];
      snprintf(gctl, sizeof gctl, "%zu", gi - a->grp0 + 1);
      const char *gs[8] = {"FA", g->gs03, g->gs02, date, time4, gctl, "X",
                           "005010X231A1"};
      w(&wr, "GS", 8, gs);
      (void)cc_x12_write_st(&wr, "999", "0001", "005010X231A1");
      const char *ak1[3] = {g->gs01, g->gs06, g->gs08};
      w(&wr, "AK1", 3, ak1);
      size_t accepted = 0;
      for (size_t si = g->set0; si < g->set0 + g->nsets; si++) {
        bool ok;
        write_set(&d, &wr, &d.s[si], &ok);
        accepted += ok;
      }
      char codes[5][4];
      int nc = 0;
      for (size_t i = 0; i < d.nf; i++)
        if (d.f[i].level == CC_ACK_GROUP && in(d.f[i].where.seg_pos, g->first, g->last) &&
            nc < 5) {
          bool dup = false;
          for (int c = 0; c < nc; c++) dup |= !strcmp(codes[c], d.f[i].ack_code);
          if (!dup) snprintf(codes[nc++], 4, "%s", d.f[i].ack_code);
        }
      char inc[12], recv[12], acc[12];
      uint64_t ge01 = 0;
      if (cc_slice_to_u64(cc_slice_cstr(g->ge01), &ge01) != CC_OK)
        ge01 = g->nsets;
      snprintf(inc, sizeof inc, "%llu", (unsigned long long)ge01);
      snprintf(recv, sizeof recv, "%zu", g->nsets);
      snprintf(acc, sizeof acc, "%zu", nc ? 0 : accepted);
      const char *st = nc || accepted == 0 ? "R"
                       : accepted < g->nsets ? "P"
                                             : "A";
      const char *ak9[9] = {st, inc, recv, acc,
                            nc > 0 ? codes[0] : "", nc > 1 ? codes[1] : "",
                            nc > 2 ? codes[2] : "", nc > 3 ? codes[3] : "",
                            nc > 4 ? codes[4] : ""};
      w(&wr, "AK9", (size_t)(4 + nc), ak9);
      (void)cc_x12_write_se(&wr, "0001");
      const char *ge[2] = {"1", gctl};
      w(&wr, "GE", 2, ge);
    }
    char ng[12];
    snprintf(ng, sizeof ng, "%zu", a->ngrps);
    const char *iea[2] = {ng, ctl9};
    w(&wr, "IEA", 2, iea);
  }
  rc = wr.rc;
done:
  free(d.f);
  free(d.s);
  free(d.g);
  free(d.i);
  return rc;
}
