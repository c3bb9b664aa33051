/* import.h - importing the practice's own lists (patients, coverages,
 * payers with their rules, providers, authorizations, encounters) from CSV
 * or JSON. Columns are documented in docs/IMPORT.md. A file imports whole or
 * not at all: every bad row is reported, and any bad row changes nothing. */
#ifndef CLEANCLAIM_IMPORT_H
#define CLEANCLAIM_IMPORT_H

#include "core.h"
#include "store.h"

typedef enum cc_import_kind {
  CC_IMPORT_PATIENTS,
  CC_IMPORT_COVERAGES,
  CC_IMPORT_PAYERS,
  CC_IMPORT_PROVIDERS,
  CC_IMPORT_AUTHORIZATIONS,
  CC_IMPORT_ENCOUNTERS
} cc_import_kind;

typedef enum cc_import_format {
  CC_IMPORT_AUTO, /* by extension (.csv, .json), else by the first byte */
  CC_IMPORT_CSV,
  CC_IMPORT_JSON
} cc_import_format;

/* "patients" ... "encounters" to a kind; false when unknown. */
bool cc_import_kind_parse(const char *name, cc_import_kind *out);
const char *cc_import_kind_name(cc_import_kind k);

typedef struct cc_import_result {
  cc_import_format format; /* what the file was read as */
  uint32_t rows;           /* data rows read (CSV lines, JSON objects) */
  uint32_t created;        /* records created (0 unless committed) */
  uint32_t updated;        /* existing records updated */
  uint32_t bad_rows;       /* rows with at least one error */
  uint32_t errors;         /* errors reported */
} cc_import_result;

/* Called once per problem, in file order. e->file, e->line (the row: for
 * CSV the record number counting the header as row 1, for JSON the 1-based
 * index of the object in the array), e->field (the column, e.g. "birth_date"
 * or "lines[2].charge") and msg/detail are set; cc_err_print writes it as
 * FILE:ROW:COLUMN: message. e is borrowed for the call. */
typedef void (*cc_import_error_fn)(void *ctx, const cc_err *e);

/* Import a file into the database in one transaction. CC_OK when every row
 * was good and the transaction committed; CC_E_INVALID when any row was bad
 * (each reported through fn, database unchanged); CC_E_SYNTAX when the file
 * is not CSV/JSON at all (reported through fn too); CC_E_IO when it cannot
 * be read; CC_E_DB with err filled when the database fails. */
cc_code cc_import_file(cc_store *s, cc_import_kind kind, const char *path,
                       cc_import_format fmt, cc_import_error_fn fn, void *ctx,
                       cc_import_result *res, cc_err *err) CC_WARN_UNUSED;
/* The same over a buffer (borrowed); name is used in messages and, for
 * authorizations, as the base for relative document paths. */
cc_code cc_import_mem(cc_store *s, cc_import_kind kind, const char *p,
                      size_t n, const char *name, cc_import_format fmt,
                      cc_import_error_fn fn, void *ctx, cc_import_result *res,
                      cc_err *err) CC_WARN_UNUSED;

#endif
