/* report_table.c - report tables and their text, CSV (RFC 4180) and JSON
 * writers. Numbers are printed from integers: cents, basis points and
 * tenths never pass through floating point. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

cc_report_table *report_table_add(cc_report *r, const char *name,
                                  const cc_report_col *cols, size_t ncols) {
  if (r->ntables >= sizeof r->tables / sizeof *r->tables) return NULL;
  cc_report_table *t = &r->tables[r->ntables++];
  memset(t, 0, sizeof *t);
  t->name = name;
  t->cols = cols;
  t->ncols = ncols;
  return t;
}

cc_report_cell *report_row(cc_report_table *t) {
  size_t need = (t->nrows + 1) * t->ncols;
  if (need > t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 64 * t->ncols;
    while (cap < need) cap *= 2;
    cc_report_cell *p = realloc(t->cells, cap * sizeof *p);
    if (!p) return NULL;
    t->cells = p;
    t->cap = cap;
  }
  cc_report_cell *row = t->cells + t->nrows * t->ncols;
  memset(row, 0, t->ncols * sizeof *row);
  t->nrows++;
  return row;
}

const char *report_str(cc_report *r, const char *s) {
  return cc_arena_strdup(r->arena, cc_slice_cstr(s ? s : ""));
}

void cc_report_free(cc_report *r) {
  if (!r) return;
  for (size_t i = 0; i < r->ntables; i++) free(r->tables[i].cells);
  cc_arena_free(r->arena);
  free(r);
}

bool cc_report_bp(int64_t num, int64_t den, int64_t *bp) {
  cc_money out;
  if (den == 0 || cc_money_muldiv(CC_MONEY(num), 10000, den, &out))
    return false;
  *bp = out.cents;
  return true;
}

/* v as an integer part and `digits` decimals (v is scaled by 10^digits). */
static char *fixed(int64_t v, int digits, char *buf) {
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t scale = digits == 2 ? 100 : 10;
  sprintf(buf, "%s%" PRIu64 ".%0*" PRIu64, v < 0 ? "-" : "", a / scale,
          digits, a % scale);
  return buf;
}

const char *report_cell_text(const cc_report_cell *c, bool csv,
                             const char *null_text, char *buf) {
  switch (c->type) {
  case CC_RT_NULL: return null_text ? null_text : "";
  case CC_RT_TEXT: return c->s ? c->s : "";
  case CC_RT_INT: sprintf(buf, "%" PRId64, c->v); return buf;
  case CC_RT_MONEY: return cc_money_fmt(CC_MONEY(c->v), buf);
  case CC_RT_BP:
    fixed(c->v, 2, buf);
    if (!csv) strcat(buf, "%");
    return buf;
  case CC_RT_TENTHS: return fixed(c->v, 1, buf);
  }
  return "";
}

bool cc_report_format_parse(const char *s, cc_report_format *out) {
  static const char *const names[] = {"table", "csv", "json", "xlsx"};
  for (int i = 0; i < 4; i++)
    if (s && strcmp(s, names[i]) == 0) {
      *out = (cc_report_format)i;
      return true;
    }
  return false;
}

/* ---- text ---------------------------------------------------------- */
static bool right_aligned(cc_report_type t) {
  return t != CC_RT_TEXT && t != CC_RT_NULL;
}

static void write_text(const cc_report *r, FILE *out) {
  fprintf(out, "%s report: %s to %s, as of %s\n", r->name, r->from, r->to,
          r->as_of);
  for (size_t ti = 0; ti < r->ntables; ti++) {
    const cc_report_table *t = &r->tables[ti];
    size_t w[32] = {0};
    char buf[32];
    size_t nc = t->ncols < 32 ? t->ncols : 32;
    for (size_t k = 0; k < nc; k++) w[k] = strlen(t->cols[k].label);
    for (size_t i = 0; i < t->nrows; i++)
      for (size_t k = 0; k < nc; k++) {
        size_t n = strlen(report_cell_text(&t->cells[i * t->ncols + k], false,
                                           "-", buf));
        if (n > w[k]) w[k] = n;
      }
    fprintf(out, "\n%s\n", t->name);
    for (size_t k = 0; k < nc; k++)
      fprintf(out, "%s%-*s", k ? "  " : "", (int)w[k], t->cols[k].label);
    fputc('\n', out);
    for (size_t k = 0; k < nc; k++) {
      fputs(k ? "  " : "", out);
      for (size_t j = 0; j < w[k]; j++) fputc('-', out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < t->nrows; i++) {
      for (size_t k = 0; k < nc; k++) {
        const cc_report_cell *c = &t->cells[i * t->ncols + k];
        const char *s = report_cell_text(c, false, "-", buf);
        if (right_aligned(c->type))
          fprintf(out, "%s%*s", k ? "  " : "", (int)w[k], s);
        else if (k + 1 == nc)
          fprintf(out, "%s%s", k ? "  " : "", s);
        else
          fprintf(out, "%s%-*s", k ? "  " : "", (int)w[k], s);
      }
      fputc('\n', out);
    }
    if (t->nrows == 0) fputs("(nothing to report)\n", out);
  }
}

/* ---- CSV (RFC 4180) -------------------------------------------------- */
static void csv_field(const char *s, FILE *out) {
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

static void write_csv(const cc_report *r, FILE *out) {
  char buf[32];
  for (size_t ti = 0; ti < r->ntables; ti++) {
    const cc_report_table *t = &r->tables[ti];
    if (ti) fputs("\r\n", out);
    for (size_t k = 0; k < t->ncols; k++) {
      if (k) fputc(',', out);
      csv_field(t->cols[k].key, out);
    }
    fputs("\r\n", out);
    for (size_t i = 0; i < t->nrows; i++) {
      for (size_t k = 0; k < t->ncols; k++) {
        if (k) fputc(',', out);
        csv_field(report_cell_text(&t->cells[i * t->ncols + k], true, "",
                                   buf), out);
      }
      fputs("\r\n", out);
    }
  }
}

/* ---- JSON -------------------------------------------------------------- */
static void write_json(const cc_report *r, FILE *out) {
  fputs("{\"report\":", out);
  cc_json_write_str(out, cc_slice_cstr(r->name));
  fprintf(out, ",\"from\":\"%s\",\"to\":\"%s\",\"as_of\":\"%s\",\"tables\":{",
          r->from, r->to, r->as_of);
  for (size_t ti = 0; ti < r->ntables; ti++) {
    const cc_report_table *t = &r->tables[ti];
    fprintf(out, "%s", ti ? "," : "");
    cc_json_write_str(out, cc_slice_cstr(t->name));
    fputs(":[", out);
    for (size_t i = 0; i < t->nrows; i++) {
      fputs(i ? ",{" : "{", out);
      for (size_t k = 0; k < t->ncols; k++) {
        const cc_report_cell *c = &t->cells[i * t->ncols + k];
        if (k) fputc(',', out);
        cc_json_write_str(out, cc_slice_cstr(t->cols[k].key));
        fputc(':', out);
        if (c->type == CC_RT_NULL)
          fputs("null", out);
        else if (c->type == CC_RT_TEXT)
          cc_json_write_str(out, cc_slice_cstr(c->s ? c->s : ""));
        else
          fprintf(out, "%" PRId64, c->v);
      }
      fputc('}', out);
    }
    fputc(']', out);
  }
  fputs("}}\n", out);
}

cc_code cc_report_write(const cc_report *r, cc_report_format f, FILE *out,
                        cc_err *err) {
  switch (f) {
  case CC_REPORT_TABLE: write_text(r, out); break;
  case CC_REPORT_CSV: write_csv(r, out); break;
  case CC_REPORT_JSON: write_json(r, out); break;
  case CC_REPORT_XLSX:
    return cc_err_set(err, CC_E_USAGE, "XLSX is written to a file",
                      "%s", "give --out FILE.xlsx");
  }
  if (ferror(out))
    return cc_err_set(err, CC_E_IO, "could not write the report", "%s",
                      r->name);
  return CC_OK;
}
