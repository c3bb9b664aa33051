/* csv.c - RFC 4180 CSV reading: records of fields as slices, borrowed from
 * the input when they need no unescaping, copied into an arena when they do. */
#include <string.h>

#include "cleanclaim/core.h"

void cc_csv_init(cc_csv *r, const char *p, size_t n, const char *name) {
  memset(r, 0, sizeof *r);
  r->p = p;
  r->n = n;
  r->name = name;
  r->line = 1;
  /* Spreadsheets often write a UTF-8 byte-order mark; it is not data. */
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) r->pos = 3;
}

static cc_code fail(cc_csv *r, cc_err *err, cc_code code, const char *msg,
                    const char *detail) {
  cc_err_set(err, code, msg, "%s", detail);
  if (err) {
    err->file = r->name;
    err->line = r->record;
    err->byte_off = r->pos;
  }
  return code;
}

/* Is the rest of this physical line empty (only an end of line)? */
static bool at_eol(const cc_csv *r, size_t i) {
  return i >= r->n || r->p[i] == '\n' || r->p[i] == '\r';
}

static size_t skip_eol(cc_csv *r, size_t i) {
  if (i < r->n && r->p[i] == '\r') i++;
  if (i < r->n && r->p[i] == '\n') i++;
  r->line++;
  return i;
}

cc_code cc_csv_next(cc_csv *r, cc_arena *a, cc_slice *f, size_t max,
                    size_t *nf, cc_err *err) {
  *nf = 0;
  /* Blank lines between records carry nothing: skip them rather than
   * reporting a record with one empty field. */
  while (r->pos < r->n && (r->p[r->pos] == '\n' || r->p[r->pos] == '\r'))
    r->pos = skip_eol(r, r->pos);
  if (r->pos >= r->n) return CC_E_EOF;
  r->record++;
  r->record_line = r->line;
  size_t start = r->pos, i = r->pos;
  for (;;) {
    if (*nf >= max)
      return fail(r, err, CC_E_TOOBIG, "too many columns",
                  "a row may have at most the number of columns the import "
                  "allows");
    cc_slice v;
    if (i < r->n && r->p[i] == '"') {
      /* Quoted: find the closing quote; "" inside is one quote. */
      size_t j = i + 1, quotes = 0;
      for (;;) {
        if (j >= r->n) {
          r->pos = i;
          return fail(r, err, CC_E_SYNTAX, "unterminated quoted field",
                      "a field opened with \" is never closed");
        }
        if (r->p[j] == '"') {
          if (j + 1 < r->n && r->p[j + 1] == '"') {
            quotes++;
            j += 2;
            continue;
          }
          break;
        }
        if (r->p[j] == '\n') r->line++;
        j++;
      }
      v.p = r->p + i + 1;
      v.n = j - i - 1;
      if (quotes) {
        char *c = cc_arena_alloc(a, v.n - quotes + 1);
        if (!c) return fail(r, err, CC_E_NOMEM, NULL, "");
        size_t k = 0;
        for (size_t q = 0; q < v.n; q++) {
          c[k++] = v.p[q];
          if (v.p[q] == '"') q++;
        }
        c[k] = '\0';
        v.p = c;
        v.n = k;
      }
      i = j + 1;
      if (!(i >= r->n || r->p[i] == ',' || r->p[i] == '\n' || r->p[i] == '\r')) {
        r->pos = i;
        return fail(r, err, CC_E_SYNTAX, "text after a closing quote",
                    "a quoted field must end at a comma or the end of the line");
      }
    } else {
      size_t j = i;
      while (j < r->n && r->p[j] != ',' && r->p[j] != '\n' && r->p[j] != '\r') {
        if (r->p[j] == '"') {
          r->pos = j;
          return fail(r, err, CC_E_SYNTAX, "quote inside an unquoted field",
                      "put the whole field in double quotes and double the "
                      "quote (\"\")");
        }
        j++;
      }
      v.p = r->p + i;
      v.n = j - i;
      i = j;
    }
    if (i - start > CC_MAX_LINE_LEN) {
      r->pos = start;
      return fail(r, err, CC_E_TOOBIG, "row too long",
                  "a row may be at most 1 MiB");
    }
    f[(*nf)++] = v;
    if (i < r->n && r->p[i] == ',') {
      i++;
      continue;
    }
    if (at_eol(r, i)) {
      r->pos = i < r->n ? skip_eol(r, i) : i;
      return CC_OK;
    }
  }
}
