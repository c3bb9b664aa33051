/* store.h - the practice database: one SQLite file by default (WAL, foreign
 * keys, STRICT tables, numbered migrations). Every SQL statement of the
 * project lives in src/store/; other modules call these functions. */
#ifndef CLEANCLAIM_STORE_H
#define CLEANCLAIM_STORE_H

#include "core.h"

typedef struct cc_store cc_store;

/* Open (creating when create is true) the database at path and bring its
 * schema up to the latest migration. Returns owned in *out; NULL on error
 * with err filled. */
cc_code cc_store_open(const char *path, bool create, cc_store **out,
                      cc_err *err) CC_WARN_UNUSED;
void cc_store_close(cc_store *s); /* NULL is a no-op */
/* Schema version the database is at, and the latest this build knows. */
int cc_store_version(cc_store *s);
int cc_store_latest_version(void);
/* One transaction around a group of writes that belong together. */
cc_code cc_store_begin(cc_store *s, cc_err *err) CC_WARN_UNUSED;
cc_code cc_store_commit(cc_store *s, cc_err *err) CC_WARN_UNUSED;
void cc_store_rollback(cc_store *s);

#endif
