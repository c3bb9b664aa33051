/* import.c - the import driver (read the file, walk its rows, one
 * transaction, all-or-nothing) and the typed field readers every kind uses. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

static const char *const kind_names[] = {"patients",  "coverages",
                                         "payers",    "providers",
                                         "authorizations", "encounters"};

bool cc_import_kind_parse(const char *name, cc_import_kind *out) {
  for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
    if (strcmp(name, kind_names[i]) == 0) {
      *out = (cc_import_kind)i;
      return true;
    }
  return false;
}

const char *cc_import_kind_name(cc_import_kind k) {
  return (size_t)k < sizeof kind_names / sizeof *kind_names ? kind_names[k]
                                                            : "?";
}

/* ---- reporting ---------------------------------------------------------- */

const char *imp_colname(imp *m, const imp_src *r, const char *col) {
  if (!r || !r->prefix || !*r->prefix) return col;
  if (!*col) {
    /* "lines[2]." names the line itself as "lines[2]" */
    size_t n = strlen(r->prefix);
    return cc_arena_strdup(m->a, (cc_slice){r->prefix, n ? n - 1 : 0});
  }
  return cc_arena_printf(m->a, "%s%s", r->prefix, col);
}

void imp_bad(imp *m, const imp_src *r, const char *col, const char *msg,
             const char *fmt, ...) {
  cc_err e;
  cc_err_clear(&e);
  e.code = CC_E_INVALID;
  e.msg = msg;
  e.file = m->file;
  e.line = m->row;
  const char *name = imp_colname(m, r, col);
  cc_slice_copy(cc_slice_cstr(name ? name : col), e.field, sizeof e.field);
  if (fmt) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.detail, sizeof e.detail, fmt, ap);
    va_end(ap);
  }
  if (!m->row_bad) m->res->bad_rows++;
  m->row_bad = true;
  m->res->errors++;
  if (m->fn) m->fn(m->ctx, &e);
}

/* ---- raw access ----------------------------------------------------------- */

/* The value of col as text; node is set for JSON. Empty text and JSON null
 * count as absent. */
static bool raw(const imp_src *r, const char *col, cc_slice *v,
                const cc_json **node) {
  *node = NULL;
  if (r->obj) {
    const cc_json *j = cc_json_get(r->obj, col);
    if (!j || j->type == CC_JSON_NULL) return false;
    *node = j;
    *v = j->type == CC_JSON_ARRAY || j->type == CC_JSON_OBJECT ? (cc_slice){"", 0}
                                                               : cc_slice_trim(j->str);
    return j->type == CC_JSON_ARRAY || j->type == CC_JSON_OBJECT ||
           j->type != CC_JSON_STRING || v->n > 0;
  }
  for (size_t i = 0; i < r->n; i++)
    if (cc_slice_eq(r->keys[i], col)) {
      *v = cc_slice_trim(r->vals[i]);
      return v->n > 0;
    }
  return false;
}

bool imp_has(const imp_src *r, const char *col) {
  cc_slice v;
  const cc_json *j;
  return raw(r, col, &v, &j);
}

const cc_json *imp_json(const imp_src *r, const char *col) {
  cc_slice v;
  const cc_json *j;
  return raw(r, col, &v, &j) ? j : NULL;
}

/* Scalar text of col: reports required/structure problems. */
static bool scalar(imp *m, const imp_src *r, const char *col, bool req,
                   cc_slice *v, const cc_json **node) {
  if (!raw(r, col, v, node)) {
    if (req) imp_bad(m, r, col, "is required", "give a value for %s", col);
    return false;
  }
  if (*node && ((*node)->type == CC_JSON_ARRAY ||
                (*node)->type == CC_JSON_OBJECT)) {
    imp_bad(m, r, col, "must be a single value", "got a JSON %s",
            cc_json_type_name((*node)->type));
    return false;
  }
  return true;
}

static int shown(cc_slice v) { return (int)(v.n > 60 ? 60 : v.n); }

const char *imp_text(imp *m, const imp_src *r, const char *col, bool req,
                     size_t maxlen) {
  cc_slice v;
  const cc_json *j;
  if (!scalar(m, r, col, req, &v, &j)) return NULL;
  if (maxlen && v.n > maxlen) {
    imp_bad(m, r, col, "too long", "'%.*s...' has %zu characters; at most %zu "
            "fit in a claim", shown(v), v.p, v.n, maxlen);
    return NULL;
  }
  for (size_t i = 0; i < v.n; i++)
    if ((unsigned char)v.p[i] < 0x20) {
      imp_bad(m, r, col, "contains a control character",
              "line breaks and tabs cannot go into a claim");
      return NULL;
    }
  return cc_arena_strdup(m->a, v);
}

/* YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY (the way US practice systems export). */
static bool parse_date(cc_slice v, cc_day *d) {
  if (cc_date_parse_iso(v, d) == CC_OK) return true;
  if (v.n == 8 && cc_date_parse_d8(v, d) == CC_OK) return true;
  if (v.n == 10 && v.p[2] == '/' && v.p[5] == '/') {
    char iso[11] = {v.p[6], v.p[7], v.p[8], v.p[9], '-', v.p[0], v.p[1], '-',
                    v.p[3], v.p[4], 0};
    return cc_date_parse_iso(cc_slice_cstr(iso), d) == CC_OK;
  }
  return false;
}

const char *imp_date(imp *m, const imp_src *r, const char *col, bool req) {
  cc_slice v;
  const cc_json *j;
  if (!scalar(m, r, col, req, &v, &j)) return NULL;
  cc_day d;
  if (!parse_date(v, &d)) {
    imp_bad(m, r, col, "not a date",
            "'%.*s' is not a calendar date; write YYYY-MM-DD", shown(v), v.p);
    return NULL;
  }
  char *out = cc_arena_alloc(m->a, 11);
  return out ? cc_date_iso(d, out) : NULL;
}

bool imp_money(imp *m, const imp_src *r, const char *col, bool req,
               int64_t *cents) {
  cc_slice v;
  const cc_json *j;
  if (!scalar(m, r, col, req, &v, &j)) return false;
  if (j && j->type == CC_JSON_NUMBER) {
    /* A JSON number is integer cents: 12550 is $125.50. */
    bool neg = v.n && v.p[0] == '-';
    uint64_t u;
    cc_slice digits = neg ? (cc_slice){v.p + 1, v.n - 1} : v;
    if (cc_slice_to_u64(digits, &u) != CC_OK || u > (uint64_t)INT64_MAX) {
      imp_bad(m, r, col, "not an amount",
              "%.*s: a JSON number is whole cents (12550 for $125.50); write "
              "dollars as a string (\"125.50\")", shown(v), v.p);
      return false;
    }
    *cents = neg ? -(int64_t)u : (int64_t)u;
  } else if (j && j->type != CC_JSON_STRING) {
    imp_bad(m, r, col, "not an amount", "got %.*s", shown(v), v.p);
    return false;
  } else {
    cc_slice t = v;
    if (t.n && t.p[0] == '$') t.p++, t.n--;
    cc_money mo;
    cc_err e;
    if (cc_money_parse(t, &mo, &e) != CC_OK) {
      imp_bad(m, r, col, "not an amount",
              "'%.*s' is not dollars and cents (write 125.50)", shown(v), v.p);
      return false;
    }
    *cents = mo.cents;
  }
  if (*cents < 0) {
    imp_bad(m, r, col, "negative amount", "'%.*s' is below zero", shown(v),
            v.p);
    return false;
  }
  return true;
}

bool imp_int(imp *m, const imp_src *r, const char *col, bool req, int64_t min,
             int64_t max, int64_t *out) {
  cc_slice v;
  const cc_json *j;
  if (!scalar(m, r, col, req, &v, &j)) return false;
  uint64_t u;
  if (cc_slice_to_u64(v, &u) != CC_OK || u > (uint64_t)max ||
      (int64_t)u < min) {
    imp_bad(m, r, col, "not a whole number in range",
            "'%.*s': expected %lld to %lld", shown(v), v.p, (long long)min,
            (long long)max);
    return false;
  }
  *out = (int64_t)u;
  return true;
}

bool imp_bool(imp *m, const imp_src *r, const char *col, bool *out) {
  cc_slice v;
  const cc_json *j;
  if (!scalar(m, r, col, false, &v, &j)) return false;
  static const char *const yes[] = {"true", "yes", "y", "1", "TRUE", "Y", "YES"};
  static const char *const no[] = {"false", "no", "n", "0", "FALSE", "N", "NO"};
  for (size_t i = 0; i < 7; i++) {
    if (cc_slice_eq(v, yes[i])) return *out = true, true;
    if (cc_slice_eq(v, no[i])) return *out = false, true;
  }
  imp_bad(m, r, col, "not yes or no", "'%.*s': write true or false", shown(v),
          v.p);
  return false;
}

size_t imp_list(imp *m, const imp_src *r, const char *col, const char **out,
                size_t max) {
  cc_slice v;
  const cc_json *j;
  size_t n = 0;
  if (!raw(r, col, &v, &j)) return 0;
  if (j && j->type == CC_JSON_ARRAY) {
    for (size_t i = 0; i < j->n; i++) {
      const cc_json *k = j->kids[i];
      if (k->type != CC_JSON_STRING && k->type != CC_JSON_NUMBER) {
        imp_bad(m, r, col, "list items must be strings", "item %zu is a %s",
                i + 1, cc_json_type_name(k->type));
        return 0;
      }
      cc_slice t = cc_slice_trim(k->str);
      if (t.n == 0) continue;
      if (n < max) out[n] = cc_arena_strdup(m->a, t);
      n++;
    }
  } else if (j && j->type == CC_JSON_OBJECT) {
    imp_bad(m, r, col, "must be a list", "got a JSON object");
    return 0;
  } else {
    size_t i = 0;
    while (i < v.n) {
      while (i < v.n && strchr(";,: \t", v.p[i])) i++;
      size_t s = i;
      while (i < v.n && !strchr(";,: \t", v.p[i])) i++;
      if (i > s) {
        if (n < max) out[n] = cc_arena_strdup(m->a, (cc_slice){v.p + s, i - s});
        n++;
      }
    }
  }
  if (n > max)
    imp_bad(m, r, col, "too many items", "%zu given, at most %zu", n, max);
  return n;
}

/* ---- the driver ----------------------------------------------------------- */

static bool col_known(const char *const *cols, cc_slice k) {
  for (size_t i = 0; cols[i]; i++)
    if (cc_slice_eq(k, cols[i])) return true;
  return false;
}

static void unknown_col(imp *m, const imp_src *r, cc_slice k) {
  char name[32];
  cc_slice_copy(k, name, sizeof name);
  imp_bad(m, r, name, "unknown column",
          "'%.*s' is not a column of this import (see docs/IMPORT.md)",
          shown(k), k.p);
}

static bool ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), k = strlen(suf);
  if (n < k) return false;
  for (size_t i = 0; i < k; i++)
    if ((s[n - k + i] | 0x20) != suf[i]) return false;
  return true;
}

static cc_import_format sniff(const char *p, size_t n, const char *name) {
  if (name && ends_with(name, ".json")) return CC_IMPORT_JSON;
  if (name && ends_with(name, ".csv")) return CC_IMPORT_CSV;
  size_t i = 0;
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < n && strchr(" \t\r\n", p[i])) i++;
  return i < n && (p[i] == '[' || p[i] == '{') ? CC_IMPORT_JSON : CC_IMPORT_CSV;
}

static void file_error(imp *m, const cc_err *e) {
  m->res->errors++;
  if (m->fn) m->fn(m->ctx, e);
}

/* Offset of the first byte that cannot be UTF-8 text (a NUL, a stray
 * continuation byte, a truncated or overlong sequence), or n when all is
 * text. A spreadsheet saved as .xlsx, or any binary file, stops here with
 * one clear message instead of a header full of garbage column names. */
static size_t not_text_at(const char *p, size_t n, uint32_t *line) {
  const unsigned char *u = (const unsigned char *)p;
  *line = 1;
  size_t i = 0;
  while (i < n) {
    unsigned c = u[i];
    if (c == 0) return i;
    if (c < 0x80) {
      if (c == '\n') (*line)++;
      i++;
      continue;
    }
    size_t k = c >= 0xC2 && c <= 0xDF   ? 1
               : c >= 0xE0 && c <= 0xEF ? 2
               : c >= 0xF0 && c <= 0xF4 ? 3
                                        : 0;
    if (k == 0 || n - i <= k) return i;
    for (size_t j = 1; j <= k; j++)
      if ((u[i + j] & 0xC0) != 0x80) return i;
    /* Overlong forms, UTF-16 surrogates and code points above U+10FFFF. */
    if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] > 0x9F) ||
        (c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] > 0x8F))
      return i;
    i += k + 1;
  }
  return n;
}

static void do_row(imp *m, const imp_kind *k, const imp_src *r) {
  m->row_bad = false;
  m->res->rows++;
  k->row(m, r);
}

static cc_code run_csv(imp *m, const imp_kind *k, const char *p, size_t n) {
  cc_csv rd;
  cc_csv_init(&rd, p, n, m->file);
  cc_slice *hdr = cc_arena_alloc(m->a, CC_MAX_CSV_FIELDS * sizeof *hdr);
  cc_slice *f = cc_arena_alloc(m->a, CC_MAX_CSV_FIELDS * sizeof *f);
  if (!hdr || !f) return cc_err_set(m->err, CC_E_NOMEM, NULL, NULL);
  size_t nh, nf;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_csv_next(&rd, m->a, hdr, CC_MAX_CSV_FIELDS, &nh, &e);
  if (rc == CC_E_EOF) {
    cc_err_set(&e, CC_E_INVALID, "empty file", "expected a header row naming "
               "the columns");
    e.file = m->file;
    e.line = 1;
    file_error(m, &e);
    return CC_E_INVALID;
  }
  if (rc) {
    file_error(m, &e);
    return rc;
  }
  m->row = 1;
  imp_src h = {NULL, NULL, 0, NULL, ""};
  for (size_t i = 0; i < nh; i++) {
    hdr[i] = cc_slice_trim(hdr[i]);
    if (!col_known(k->cols, hdr[i])) unknown_col(m, &h, hdr[i]);
    for (size_t j = 0; j < i; j++)
      if (cc_slice_eq2(hdr[i], hdr[j])) {
        char name[32];
        cc_slice_copy(hdr[i], name, sizeof name);
        imp_bad(m, &h, name, "column given twice", "columns %zu and %zu", j + 1,
                i + 1);
      }
  }
  if (m->row_bad) return CC_E_INVALID; /* rows would be read wrongly */
  for (;;) {
    rc = cc_csv_next(&rd, m->a, f, CC_MAX_CSV_FIELDS, &nf, &e);
    if (rc == CC_E_EOF) break;
    if (rc) {
      file_error(m, &e);
      return rc;
    }
    m->row = rd.record;
    imp_src r = {hdr, f, nf < nh ? nf : nh, NULL, ""};
    if (nf != nh) {
      m->row_bad = false;
      m->res->rows++;
      imp_bad(m, &r, "", "wrong number of fields",
              "%zu fields, but the header names %zu columns", nf, nh);
      continue;
    }
    do_row(m, k, &r);
    if (m->fatal) return m->fatal;
  }
  return CC_OK;
}

static cc_code run_json(imp *m, const imp_kind *k, const char *p, size_t n) {
  cc_json *doc;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_json_parse(p, n, m->file, m->a, &doc, &e);
  if (rc) {
    /* Show it as FILE:LINE:COLUMN, the way editors jump to it. */
    file_error(m, &e);
    return rc;
  }
  if (doc->type != CC_JSON_ARRAY) {
    cc_err_set(&e, CC_E_INVALID, "not a list of records",
               "the file must be a JSON array of objects, one per record");
    e.file = m->file;
    e.line = 1;
    file_error(m, &e);
    return CC_E_INVALID;
  }
  for (size_t i = 0; i < doc->n; i++) {
    const cc_json *o = doc->kids[i];
    m->row = (uint32_t)(i + 1);
    imp_src r = {NULL, NULL, 0, o, ""};
    if (o->type != CC_JSON_OBJECT) {
      m->row_bad = false;
      m->res->rows++;
      imp_bad(m, &r, "", "not an object", "record %zu is a JSON %s (line %u)",
              i + 1, cc_json_type_name(o->type), o->line);
      continue;
    }
    bool bad = false;
    m->row_bad = false;
    for (size_t j = 0; j < o->n; j++)
      if (!col_known(k->cols, o->keys[j])) {
        if (!bad) m->res->rows++;
        bad = true;
        unknown_col(m, &r, o->keys[j]);
      }
    if (bad) continue;
    do_row(m, k, &r);
    if (m->fatal) return m->fatal;
  }
  return CC_OK;
}

cc_code cc_import_mem(cc_store *s, cc_import_kind kind, const char *p,
                      size_t n, const char *name, cc_import_format fmt,
                      cc_import_error_fn fn, void *ctx, cc_import_result *res,
                      cc_err *err) {
  cc_import_result dummy;
  if (!res) res = &dummy;
  memset(res, 0, sizeof *res);
  if ((size_t)kind >= sizeof kind_names / sizeof *kind_names)
    return cc_err_set(err, CC_E_USAGE, "unknown import kind", NULL);
  if (fmt == CC_IMPORT_AUTO) fmt = sniff(p, n, name);
  res->format = fmt;
  imp m = {0};
  m.s = s;
  m.a = cc_arena_new(0);
  if (!m.a) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  m.file = name;
  m.fn = fn;
  m.ctx = ctx;
  m.res = res;
  m.err = err;
  m.json = fmt == CC_IMPORT_JSON;
  const imp_kind *k = &imp_kinds[kind];
  uint32_t bad_line;
  size_t bad = not_text_at(p, n, &bad_line);
  if (bad < n) {
    cc_err e;
    cc_err_clear(&e);
    cc_err_set(&e, CC_E_SYNTAX, "not a text file",
               "byte %zu (0x%02X) is not UTF-8 text; save the data as CSV "
               "(UTF-8) or JSON", bad, (unsigned)(unsigned char)p[bad]);
    e.file = name;
    e.line = bad_line;
    file_error(&m, &e);
    cc_arena_free(m.a);
    return CC_E_SYNTAX;
  }
  cc_code rc = cc_store_begin(s, err);
  if (rc) {
    cc_arena_free(m.a);
    return rc;
  }
  rc = m.json ? run_json(&m, k, p, n) : run_csv(&m, k, p, n);
  if (!rc && !m.fatal && k->finish) k->finish(&m);
  if (m.fatal) rc = m.fatal;
  else if (!rc && res->errors) rc = CC_E_INVALID;
  if (cc_arena_failed(m.a)) rc = cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  if (rc) {
    cc_store_rollback(s);
    res->created = res->updated = 0;
  } else {
    rc = cc_store_commit(s, err);
    if (rc) cc_store_rollback(s);
  }
  cc_arena_free(m.a);
  return rc;
}

cc_code imp_read_file(const char *path, const char *open_msg,
                      const char *read_msg, cc_buf *b, cc_err *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cc_err_set(err, CC_E_IO, open_msg, "%s: %s", path, strerror(errno));
  cc_buf_init(b, (size_t)1 << 31);
  char chunk[65536];
  size_t got;
  cc_code rc = CC_OK;
  while (!rc && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
    rc = cc_buf_append(b, chunk, got);
  bool ioerr = ferror(f);
  fclose(f);
  if (ioerr) rc = CC_E_IO;
  if (rc) {
    cc_buf_free(b);
    return cc_err_set(err, rc, read_msg, "%s", path);
  }
  return CC_OK;
}

cc_code cc_import_file(cc_store *s, cc_import_kind kind, const char *path,
                       cc_import_format fmt, cc_import_error_fn fn, void *ctx,
                       cc_import_result *res, cc_err *err) {
  cc_buf b;
  cc_code rc = imp_read_file(path, "cannot open the import file",
                             "cannot read the import file", &b, err);
  if (rc) return rc;
  rc = cc_import_mem(s, kind, b.p ? b.p : "", b.n, path, fmt, fn, ctx, res,
                     err);
  cc_buf_free(&b);
  return rc;
}
