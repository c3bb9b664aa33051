/* import_int.h - private to src/import: one row's view over a CSV record or
 * a JSON object, the import context, and the typed field readers that
 * report every problem as FILE:ROW:COLUMN. */
#ifndef CC_IMPORT_INT_H
#define CC_IMPORT_INT_H

#include "cleanclaim/import.h"

/* One record: a CSV row (keys are the header) or a JSON object. prefix is
 * put before column names in messages ("lines[2]." inside an encounter). */
typedef struct imp_src {
  const cc_slice *keys, *vals; /* CSV */
  size_t n;
  const cc_json *obj;          /* JSON */
  const char *prefix;
} imp_src;

typedef struct imp {
  cc_store *s;
  cc_arena *a;            /* everything for this file */
  const char *file;
  uint32_t row;           /* current row, as reported */
  bool row_bad;           /* current row has an error */
  cc_import_error_fn fn;
  void *ctx;
  cc_import_result *res;
  cc_err *err;            /* for database failures */
  cc_code fatal;          /* a database error stops the import */
  bool json;
  void *kind_state;       /* per-kind state (encounter grouping) */
} imp;

/* Report a problem with column col of the current row (col may be "" for
 * the row as a whole). msg is static text. */
void imp_bad(imp *m, const imp_src *r, const char *col, const char *msg,
             const char *fmt, ...) CC_PRINTF(5, 6);

/* Readers: each returns the value or NULL/false when the column is absent
 * or empty, reporting "is required" when req and absent, and reporting a bad
 * value (the result is then NULL/false too). Strings live in m->a. */
bool imp_has(const imp_src *r, const char *col);
const char *imp_text(imp *m, const imp_src *r, const char *col, bool req,
                     size_t maxlen);
const char *imp_date(imp *m, const imp_src *r, const char *col, bool req);
bool imp_money(imp *m, const imp_src *r, const char *col, bool req,
               int64_t *cents);
bool imp_int(imp *m, const imp_src *r, const char *col, bool req, int64_t min,
             int64_t max, int64_t *out);
bool imp_bool(imp *m, const imp_src *r, const char *col, bool *out);
/* A list: a JSON array of strings/numbers, or text split on ';', ',',
 * ':' or blanks. Returns the count (may exceed max: reported). */
size_t imp_list(imp *m, const imp_src *r, const char *col, const char **out,
                size_t max);
/* The JSON value of a column, NULL when absent or the input is CSV. */
const cc_json *imp_json(const imp_src *r, const char *col);
/* Column name with the source's prefix, in the arena. */
const char *imp_colname(imp *m, const imp_src *r, const char *col);

/* The whole file at path into b (initialised here, the caller frees it on
 * CC_OK); open_msg and read_msg are static texts naming the file's role. */
cc_code imp_read_file(const char *path, const char *open_msg,
                      const char *read_msg, cc_buf *b,
                      cc_err *err) CC_WARN_UNUSED;

/* The kinds: column lists and one function per row. */
typedef struct imp_kind {
  const char *name;
  const char *const *cols;   /* accepted columns, NULL-terminated */
  void (*row)(imp *m, const imp_src *r);
  void (*finish)(imp *m);    /* after the last row, may be NULL */
} imp_kind;
extern const imp_kind imp_kinds[];
extern const char *const imp_line_cols[]; /* keys of encounters' lines[] */

#endif
