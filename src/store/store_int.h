/* store_int.h - private to src/store: the handle and the migration list. */
#ifndef CC_STORE_INT_H
#define CC_STORE_INT_H

#include <sqlite3.h>

#include "cleanclaim/store.h"

struct cc_store {
  sqlite3 *db;
  char path[512];
  int opened_version; /* schema version the file had before this open */
};

/* One numbered migration. Numbers start at 1, are never reused, and each
 * migration runs once, inside a transaction, in order. */
typedef struct store_migration {
  int version;
  const char *name;
  const char *sql;
} store_migration;

extern const store_migration store_migrations[];
extern const int store_n_migrations;

/* Fill err from the connection's last error. Returns CC_E_DB. */
cc_code store_db_error(cc_store *s, cc_err *err, const char *what);

#endif
