/* store_codes.h - private to the library: the SQL side of code sets, called
 * by src/codes. Loads run inside the caller's transaction. */
#ifndef CC_STORE_CODES_H
#define CC_STORE_CODES_H

#include "cleanclaim/codes.h"
#include "cleanclaim/store.h"

/* A release being written: holds the prepared insert statements. */
typedef struct store_codes_tx store_codes_tx;

typedef struct store_codes_rel {
  const char *kind;    /* cc_codes_kind_name() */
  const char *release; /* release name */
  cc_day effective, termination; /* CC_DAY_NONE = NULL */
  const char *file;    /* file name without folders: the release's part */
  const char *source;  /* file path as given */
  const char *digest;  /* hex hash of the file bytes */
} store_codes_rel;

/* The stored digest of (kind, release, file) into digest (17 bytes), or "" when
 * that release is not loaded. */
cc_code store_codes_release_digest(cc_store *s, const store_codes_rel *rel,
                                   char digest[17],
                                   long *rows, cc_err *err) CC_WARN_UNUSED;
/* Create the release, or empty an existing one of the same kind and name
 * (its rows are replaced), and prepare the inserts. *replaced tells which. */
cc_code store_codes_tx_open(cc_store *s, const store_codes_rel *rel,
                            store_codes_tx **out, bool *replaced,
                            cc_err *err) CC_WARN_UNUSED;
/* Insert one row; a code already in this release is kept (first wins) and
 * the call returns CC_OK with *added false (may be NULL). */
cc_code store_codes_put_code(store_codes_tx *t, cc_slice code, bool billable,
                             cc_slice short_desc, cc_slice long_desc,
                             cc_day effective, cc_day termination,
                             bool *added, cc_err *err) CC_WARN_UNUSED;
cc_code store_codes_put_mce(store_codes_tx *t, cc_slice code_type,
                            cc_slice code, cc_slice edit, cc_slice desc,
                            cc_err *err) CC_WARN_UNUSED;
cc_code store_codes_put_ptp(store_codes_tx *t, cc_slice col1, cc_slice col2,
                            bool prior_1996, cc_day effective,
                            cc_day deletion, int modifier, cc_slice rationale,
                            cc_err *err) CC_WARN_UNUSED;
cc_code store_codes_put_mue(store_codes_tx *t, cc_slice code, int max_units,
                            int indicator, cc_slice rationale,
                            cc_err *err) CC_WARN_UNUSED;
/* Record the row count on the release and free t (also on error). */
cc_code store_codes_tx_close(store_codes_tx *t, long *rows,
                             cc_err *err) CC_WARN_UNUSED;
void store_codes_tx_free(store_codes_tx *t); /* NULL is a no-op */

/* ---- Reading, for the snapshot --------------------------------------- */
/* rel_rank orders releases: a larger rank is newer (release effective date,
 * then load order). Rows that ended before as_of are skipped. */
typedef struct store_codes_scan_row {
  cc_codes_kind kind;
  const char *code, *short_desc, *release, *edit;
  bool billable;
  cc_day effective, termination;     /* CC_DAY_NONE when open */
  int64_t rel_rank;
  const char *col2;                  /* ptp */
  int modifier, max_units, indicator; /* ptp, mue */
  bool prior_1996;                   /* ptp */
} store_codes_scan_row;
typedef cc_code (*store_codes_scan_fn)(void *ctx, const store_codes_scan_row *r);
/* what: 0 codes, 1 MCE edits, 2 PTP, 3 MUE. */
cc_code store_codes_scan(cc_store *s, int what, cc_day as_of,
                         store_codes_scan_fn fn, void *ctx,
                         cc_err *err) CC_WARN_UNUSED;

/* ---- Search and show ------------------------------------------------- */
/* code: normalised (no dot, upper case). fts: an FTS5 query or NULL; text:
 * what the user typed (descriptions equal to it, or starting with it, rank
 * first). */
cc_code store_codes_search(cc_store *s, const char *code, const char *fts,
                           const char *text, const char *kind, int limit,
                           cc_codes_row_cb cb,
                           void *ctx, cc_err *err) CC_WARN_UNUSED;
cc_code store_codes_show(cc_store *s, const char *code, const char *kind,
                         cc_codes_row_cb cb, void *ctx, long *n,
                         cc_err *err) CC_WARN_UNUSED;
cc_code store_codes_releases(cc_store *s, cc_codes_release_cb cb, void *ctx,
                             cc_err *err) CC_WARN_UNUSED;

#endif
