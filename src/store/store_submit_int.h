/* store_submit_int.h - private to src/store: the statement helper the
 * lifecycle files (store_submit/ack/elig/trace.c) share. */
#ifndef CC_STORE_SUBMIT_INT_H
#define CC_STORE_SUBMIT_INT_H

#include "store_int.h"
#include "store_submit.h"

/* Prepare sql and bind its parameters in order from types: 't' const char *
 * (NULL or "" binds NULL), 'i' int64_t, 'n' int64_t bound as NULL when it is
 * INT64_MIN, 'b' a blob as (const void *, size_t). NULL with err filled on
 * failure. */
sqlite3_stmt *store_cyc_prep(cc_store *s, cc_err *err, const char *sql,
                             const char *types, ...);
/* Prepare, bind, step once: CC_OK for a write or a row (the statement's
 * first column in *out when out is given), CC_E_NOTFOUND when out is given
 * and there was no row. */
cc_code store_cyc_run(cc_store *s, cc_err *err, int64_t *out, const char *sql,
                      const char *types, ...);
/* Column text copied into arena a; NULL when the column is NULL. */
const char *store_cyc_text(sqlite3_stmt *st, int col, cc_arena *a);

#endif
