/* x12_write.c - the segment writer: builds segments, envelopes and control
 * segments into a cc_buf with fixed delimiters, so outbound files are right by
 * construction (no delimiter inside a value, SE01 counted, ISA fixed widths). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "x12/x12_int.h"

/* Record the first error; the writer stays failed afterwards. */
static cc_code werr(cc_x12_writer *w, cc_code code, const char *id,
                    unsigned elem, const char *msg, const char *fmt, ...)
    CC_PRINTF(6, 7);

static cc_code werr(cc_x12_writer *w, cc_code code, const char *id,
                    unsigned elem, const char *msg, const char *fmt, ...) {
  w->rc = code;
  if (!w->err) return code;
  cc_err *e = w->err;
  cc_err_clear(e);
  e->code = code;
  e->msg = msg;
  if (id) cc_slice_copy(cc_slice_cstr(id), e->seg_id, sizeof e->seg_id);
  e->elem_pos = (uint16_t)elem;
  e->seg_pos = w->seg_count + 1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->detail, sizeof e->detail, fmt, ap);
  va_end(ap);
  return code;
}

void cc_x12_writer_init(cc_x12_writer *w, cc_buf *out, cc_x12_delims d,
                        const char *eol, cc_err *err) {
  memset(w, 0, sizeof *w);
  w->out = out;
  w->d = d;
  w->eol = eol ? eol : "";
  w->err = err;
  w->rc = CC_OK;
}

static bool valid_id(const char *id, size_t n) {
  if (n < 2 || n > 3) return false;
  for (size_t i = 0; i < n; i++) {
    char c = id[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

static const char *delim_name(const cc_x12_writer *w, char c) {
  if (c == w->d.elem) return "element separator";
  if (c == w->d.seg) return "segment terminator";
  if (c == w->d.comp) return "component separator";
  return "repetition separator";
}

/* First byte of v that is a delimiter, or NULL. Composites (raw mode) may
 * hold the component and repetition separators. */
static const char *find_delim(const cc_x12_writer *w, cc_slice v, bool raw) {
  for (size_t i = 0; i < v.n; i++) {
    char c = v.p[i];
    if (c == w->d.elem || c == w->d.seg) return v.p + i;
    if (!raw && ((c == w->d.comp && c) || (c == w->d.rep && c)))
      return v.p + i;
  }
  return NULL;
}

static cc_code put(cc_x12_writer *w, const void *p, size_t n) {
  cc_code rc = cc_buf_append(w->out, p, n);
  if (rc)
    return werr(w, rc, NULL, 0, "the output could not be written",
                "%s after %zu bytes", cc_strerror(rc), w->out->n);
  return CC_OK;
}

/* id, then vals[0..n) with separators, the terminator and eol; values are
 * checked before anything is written so a refused segment leaves no trace.
 * raw: values may hold component/repetition separators; exact: a segment as
 * the lexer read it (id not checked, trailing empty elements kept). */
static cc_code emit(cc_x12_writer *w, cc_slice id, size_t n,
                    const cc_slice *vals, bool raw, bool exact) {
  if (w->rc) return w->rc;
  char idz[4];
  cc_slice_copy(id, idz, sizeof idz);
  if (!exact && !valid_id(id.p, id.n))
    return werr(w, CC_E_INVALID, idz, 0, "a segment id is not valid",
                "\"%.*s\" must be 2-3 uppercase letters or digits",
                (int)(id.n > 8 ? 8 : id.n), id.p ? id.p : "");
  if (n > CC_MAX_ELEMENTS_PER_SEGMENT)
    return werr(w, CC_E_TOOBIG, idz, (unsigned)n, "a segment has too many elements",
                "%zu elements, at most %d", n, CC_MAX_ELEMENTS_PER_SEGMENT);
  const char *bad = find_delim(w, id, exact);
  if (bad)
    return werr(w, CC_E_INVALID, idz, 0, "a segment id contains a delimiter",
                "the %s '%c'", delim_name(w, *bad), *bad);
  if (!exact)
    while (n && vals[n - 1].n == 0) n--;
  for (size_t i = 0; i < n; i++) {
    bad = find_delim(w, vals[i], raw);
    if (bad)
      return werr(w, CC_E_INVALID, idz, (unsigned)(i + 1),
                  "a value contains an X12 delimiter",
                  "%s%02zu \"%.*s\" contains the %s '%c'; remove or replace it",
                  idz, i + 1, (int)(vals[i].n > 40 ? 40 : vals[i].n),
                  vals[i].p, delim_name(w, *bad), *bad);
  }
  cc_code rc = put(w, id.p, id.n);
  for (size_t i = 0; i < n && !rc; i++) {
    rc = put(w, &w->d.elem, 1);
    if (!rc) rc = put(w, vals[i].p, vals[i].n);
  }
  if (!rc) rc = put(w, &w->d.seg, 1);
  if (!rc && w->eol[0]) rc = put(w, w->eol, strlen(w->eol));
  if (!rc) w->seg_count++;
  return rc;
}

cc_code cc_x12_write(cc_x12_writer *w, const char *id, size_t n,
                     const char *const *vals) {
  if (n > CC_MAX_ELEMENTS_PER_SEGMENT)
    return emit(w, cc_slice_cstr(id), n, NULL, false, false);
  cc_slice s[CC_MAX_ELEMENTS_PER_SEGMENT];
  for (size_t i = 0; i < n; i++) s[i] = cc_slice_cstr(vals[i] ? vals[i] : "");
  return emit(w, cc_slice_cstr(id ? id : ""), n, s, false, false);
}

cc_code cc_x12_write_raw(cc_x12_writer *w, const char *id, size_t n,
                         const cc_slice *vals) {
  return emit(w, cc_slice_cstr(id ? id : ""), n, vals, true, false);
}

cc_code cc_x12_write_seg(cc_x12_writer *w, const cc_x12_seg *seg) {
  return emit(w, seg->el[0], seg->nel, seg->el + 1, true, true);
}

/* Copy src into dst padded with blanks to width; false when it is longer. */
static bool fixed(char *dst, size_t width, const char *src) {
  size_t n = src ? strlen(src) : 0;
  if (n > width) return false;
  memcpy(dst, src ? src : "", n);
  memset(dst + n, ' ', width - n);
  dst[width] = '\0';
  return true;
}

static cc_code check_text(cc_x12_writer *w, const char *id, unsigned elem,
                          const char *v) {
  const char *bad = find_delim(w, cc_slice_cstr(v ? v : ""), false);
  if (bad)
    return werr(w, CC_E_INVALID, id, elem, "a value contains an X12 delimiter",
                "%s%02u \"%.40s\" contains the %s '%c'; remove or replace it",
                id, elem, v, delim_name(w, *bad), *bad);
  return CC_OK;
}

cc_code cc_x12_write_open(cc_x12_writer *w, const cc_x12_envelope *env) {
  if (w->rc) return w->rc;
  char q5[3], id6[16], q7[3], id8[16];
  if (!env->sender_qual || strlen(env->sender_qual) != 2 ||
      !fixed(q5, 2, env->sender_qual))
    return werr(w, CC_E_INVALID, "ISA", 5, "ISA05 must be a 2-character qualifier",
                "sender qualifier \"%s\"", env->sender_qual ? env->sender_qual : "");
  if (!env->receiver_qual || strlen(env->receiver_qual) != 2 ||
      !fixed(q7, 2, env->receiver_qual))
    return werr(w, CC_E_INVALID, "ISA", 7, "ISA07 must be a 2-character qualifier",
                "receiver qualifier \"%s\"",
                env->receiver_qual ? env->receiver_qual : "");
  if (!env->sender_id || !env->sender_id[0] || !fixed(id6, 15, env->sender_id))
    return werr(w, CC_E_INVALID, "ISA", 6, "ISA06 sender id must be 1-15 characters",
                "got \"%.40s\"", env->sender_id ? env->sender_id : "");
  if (!env->receiver_id || !env->receiver_id[0] ||
      !fixed(id8, 15, env->receiver_id))
    return werr(w, CC_E_INVALID, "ISA", 8,
                "ISA08 receiver id must be 1-15 characters", "got \"%.40s\"",
                env->receiver_id ? env->receiver_id : "");
  if (env->isa_control > 999999999u)
    return werr(w, CC_E_INVALID, "ISA", 13,
                "ISA13 control number must fit in 9 digits", "got %u",
                env->isa_control);
  if (env->usage != 'P' && env->usage != 'T')
    return werr(w, CC_E_INVALID, "ISA", 15,
                "ISA15 usage indicator must be P (production) or T (test)",
                "got '%c'", env->usage ? env->usage : '?');
  if (env->hhmm < 0 || env->hhmm > 2359 || env->hhmm % 100 > 59)
    return werr(w, CC_E_INVALID, "ISA", 10, "ISA10 time must be HHMM",
                "got %d", env->hhmm);
  const struct { unsigned pos; const char *v; } texts[] = {
      {5, q5}, {6, id6}, {7, q7}, {8, id8}};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (check_text(w, "ISA", texts[i].pos, texts[i].v)) return w->rc;
  if (!env->func_id || !env->version || !env->func_id[0] || !env->version[0])
    return werr(w, CC_E_INVALID, "GS", env->func_id && env->func_id[0] ? 8 : 1,
                "GS01 functional id and GS08 version are required", "%s", "");
  int y, m, d;
  cc_date_ymd(env->date, &y, &m, &d);
  if (y < 1000 || y > 9999)
    return werr(w, CC_E_INVALID, "ISA", 9, "ISA09 date is out of range",
                "year %d", y);
  char rep = w->d.rep ? w->d.rep : 'U';
  char isa[160];
  int n = snprintf(isa, sizeof isa,
                   "ISA%c00%c          %c00%c          %c%s%c%s%c%s%c%s%c"
                   "%02d%02d%02d%c%04d%c%c%c00501%c%09u%c%c%c%c%c%c%c",
                   w->d.elem, w->d.elem, w->d.elem, w->d.elem, w->d.elem, q5,
                   w->d.elem, id6, w->d.elem, q7, w->d.elem, id8, w->d.elem,
                   y % 100, m, d, w->d.elem, env->hhmm, w->d.elem, rep,
                   w->d.elem, w->d.elem, env->isa_control, w->d.elem,
                   env->ack_requested ? '1' : '0', w->d.elem, env->usage,
                   w->d.elem, w->d.comp, w->d.seg);
  if (n != 106) /* the layout above is fixed; a mismatch is a bug here */
    return werr(w, CC_E_INVALID, "ISA", 0, "the ISA came out with the wrong length",
                "%d bytes", n);
  if (put(w, isa, 106)) return w->rc;
  if (w->eol[0] && put(w, w->eol, strlen(w->eol))) return w->rc;
  w->seg_count++;
  char date[9], hhmm[5], ctl[12];
  snprintf(date, sizeof date, "%04d%02d%02d", y, m, d);
  snprintf(hhmm, sizeof hhmm, "%04d", env->hhmm);
  snprintf(ctl, sizeof ctl, "%u", env->gs_control);
  const char *gs[8] = {env->func_id,
                       env->gs_sender ? env->gs_sender : env->sender_id,
                       env->gs_receiver ? env->gs_receiver : env->receiver_id,
                       date, hhmm, ctl, "X", env->version};
  return cc_x12_write(w, "GS", 8, gs);
}

cc_code cc_x12_write_close(cc_x12_writer *w, const cc_x12_envelope *env,
                           uint32_t n_sets) {
  char sets[12], gsc[12], isac[12];
  snprintf(sets, sizeof sets, "%u", n_sets);
  snprintf(gsc, sizeof gsc, "%u", env->gs_control);
  snprintf(isac, sizeof isac, "%09u", env->isa_control);
  const char *ge[2] = {sets, gsc};
  const char *iea[2] = {"1", isac};
  if (cc_x12_write(w, "GE", 2, ge)) return w->rc;
  return cc_x12_write(w, "IEA", 2, iea);
}

cc_code cc_x12_write_st(cc_x12_writer *w, const char *st01, const char *st02,
                        const char *st03) {
  if (w->rc) return w->rc;
  if (!st01 || !st01[0] || !st02 || !st02[0])
    return werr(w, CC_E_INVALID, "ST", st01 && st01[0] ? 2 : 1,
                "ST01 transaction set id and ST02 control number are required",
                "%s", "");
  uint32_t saved = w->seg_count;
  w->seg_count = 0;
  const char *st[3] = {st01, st02, st03};
  cc_code rc = cc_x12_write(w, "ST", 3, st);
  if (rc) w->seg_count = saved;
  return rc;
}

cc_code cc_x12_write_se(cc_x12_writer *w, const char *st02) {
  char count[12];
  snprintf(count, sizeof count, "%u", w->seg_count + 1);
  const char *se[2] = {count, st02};
  return cc_x12_write(w, "SE", 2, se);
}

/* ---- Fast path for generated segments (the 837 writer): one pass per
 * value that checks each byte against the delimiters while copying it, the
 * separators of empty elements written only when a later value needs them
 * (trailing empty elements dropped, as in cc_x12_write), the buffer grown
 * geometrically, nothing allocated or formatted per segment. ---- */

static cc_code grow_to(cc_x12_writer *w, size_t used, size_t extra) {
  cc_buf *b = w->out;
  if (used + extra < b->cap) return CC_OK;
  if (extra > b->limit || used > b->limit - extra)
    return werr(w, CC_E_TOOBIG, NULL, 0, "the output could not be written",
                "%s after %zu bytes", cc_strerror(CC_E_TOOBIG), used);
  size_t need = used + extra + 1, cap = b->cap ? b->cap : 4096;
  while (cap < need) cap *= 2;
  if (cap > b->limit + 1) cap = b->limit + 1;
  char *p = realloc(b->p, cap);
  if (!p)
    return werr(w, CC_E_NOMEM, NULL, 0, "the output could not be written",
                "%s after %zu bytes", cc_strerror(CC_E_NOMEM), used);
  b->p = p;
  b->cap = cap;
  return CC_OK;
}

cc_code x12_write_reserve(cc_x12_writer *w, size_t bytes) {
  if (w->rc) return w->rc;
  return grow_to(w, w->out->n, bytes);
}

cc_code x12_write_fast(cc_x12_writer *w, const char *id, size_t n,
                       const char *const *vals, uint64_t raw_mask) {
  if (w->rc) return w->rc;
  if (n > CC_MAX_ELEMENTS_PER_SEGMENT)
    return werr(w, CC_E_TOOBIG, id, (unsigned)n,
                "a segment has too many elements", "%zu elements, at most %d",
                n, CC_MAX_ELEMENTS_PER_SEGMENT);
  cc_buf *b = w->out;
  size_t start = b->n, at = start;
  /* headroom for the id, separators and the terminator of any ordinary
   * segment; a long value grows the buffer from inside the copy loop */
  if (grow_to(w, at, 256)) return w->rc;
  char *p = b->p;
  size_t lim = b->cap - 8; /* keeps room for terminator, eol's first bytes */
  for (const char *s = id; *s; s++) p[at++] = *s;
  const char e = w->d.elem, t = w->d.seg, cm = w->d.comp, rp = w->d.rep;
  size_t pending = 0;
  for (size_t i = 0; i < n; i++) {
    const char *s = vals[i];
    if (!s || !*s) {
      pending++;
      continue;
    }
    bool raw = (raw_mask >> i) & 1u;
    if (at + pending + 1 >= lim) {
      if (grow_to(w, at, pending + 64)) goto undo;
      p = b->p;
      lim = b->cap - 8;
    }
    do p[at++] = e; while (pending--);
    pending = 0;
    for (char c; (c = *s); s++) {
      if (c == e || c == t || (!raw && (c == cm || c == rp))) {
        b->n = start;
        p[start] = '\0';
        return werr(w, CC_E_INVALID, id, (unsigned)(i + 1),
                    "a value contains an X12 delimiter",
                    "%s%02zu \"%.40s\" contains the %s '%c'; remove or "
                    "replace it", id, i + 1, vals[i], delim_name(w, c), c);
      }
      if (at >= lim) {
        if (grow_to(w, at, 256)) goto undo;
        p = b->p;
        lim = b->cap - 8;
      }
      p[at++] = c;
    }
  }
  size_t eol = w->eol[0] ? strlen(w->eol) : 0;
  if (at + eol + 2 >= b->cap) {
    if (grow_to(w, at, eol + 2)) goto undo;
    p = b->p;
  }
  p[at++] = t;
  if (eol) memcpy(p + at, w->eol, eol);
  at += eol;
  p[at] = '\0';
  b->n = at;
  w->seg_count++;
  return CC_OK;
undo:
  b->n = start;
  if (b->p) b->p[start] = '\0';
  return w->rc;
}
