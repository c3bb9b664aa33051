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

/* ---- 837P/837I claims: `import claims FILE.837` (import_837.c). Each
 * claim becomes (found or created by the practice's natural keys) a payer
 * (2010BB NM109), billing and rendering providers (NPI), a patient (member
 * ID + name + birth date), a coverage (patient + payer + member ID), one
 * encounter with its charge lines and diagnoses, and the claim itself in
 * status "built". See docs/IMPORT.md. */
typedef struct cc_import_claims_result {
  char form[5];               /* "837P" or "837I" of the first claim */
  uint32_t claims;            /* claims read from the file */
  uint32_t imported;          /* claims saved (0 unless committed) */
  uint32_t skipped;           /* same CLM01 and payer already imported */
  uint32_t with_problems;     /* imported claims the reader found problems
                                 in (the scrubber reports them) */
  uint32_t patients_created, patients_matched; /* distinct patients */
  uint32_t coverages_created, coverages_matched;
  uint32_t payers_created, payers_matched;
  uint32_t providers_created, providers_matched;
  uint32_t encounters;        /* encounters created, one per claim saved */
  uint32_t lines;             /* charge lines created */
  uint32_t errors;            /* problems that reject the file */
  uint32_t warnings;          /* reported, not rejecting (bad NPI check
                                 digit, skipped duplicates) */
} cc_import_claims_result;

/* Called once per problem, in file order: e->file, e->seg_pos (segment
 * number in the file), e->elem_pos, msg and detail are set (cc_err_print
 * writes FILE:SEGMENT:ELEMENT: message: detail). rejects is true for a
 * problem that rejects the whole file, false for a warning. e is borrowed
 * for the call. */
typedef void (*cc_import_note_fn)(void *ctx, const cc_err *e, bool rejects);

/* Import every claim of an 837P/837I file in one transaction. CC_OK when
 * committed (claims already imported are skipped and reported as
 * warnings); CC_E_INVALID when any claim cannot be placed (no payer ID, no
 * subscriber member ID, no billing NPI, no service lines...) or the file is
 * not an 837P/837I (CC_E_SYNTAX when it is not X12 at all): every such
 * problem is reported through fn and the database is unchanged. CC_E_IO
 * when the file cannot be read, CC_E_DB with err filled when the database
 * fails. res may be NULL. */
cc_code cc_import_claims_file(cc_store *s, const char *path,
                              cc_import_note_fn fn, void *ctx,
                              cc_import_claims_result *res,
                              cc_err *err) CC_WARN_UNUSED;
/* The same over a buffer (borrowed); name is used in messages and kept as
 * the file's path in the claim's lineage. */
cc_code cc_import_claims_mem(cc_store *s, const char *p, size_t n,
                             const char *name, cc_import_note_fn fn,
                             void *ctx, cc_import_claims_result *res,
                             cc_err *err) CC_WARN_UNUSED;

#endif
