/* store_int.h - private to src/store: the handle and the migration list. */
#ifndef CC_STORE_INT_H
#define CC_STORE_INT_H

#include <sqlite3.h>

#include "cleanclaim/store.h"

struct cc_store {
  sqlite3 *db;
  char path[512];
  int opened_version; /* schema version the file had before this open */
  struct store_ckpt *ckpt; /* a checkpoint running on its own thread */
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

/* The connection's database is a file in WAL mode. */
bool store_db_in_wal(sqlite3 *db);

/* COMMIT; when the transaction left at least 1,000 pages in the WAL, the
 * checkpoint SQLite would run inside COMMIT runs on another thread and
 * connection instead (one at a time), and the caller goes on. It is
 * waited for by the next such commit and by cc_store_close. */
cc_code store_commit_checkpoint_later(cc_store *s, cc_err *err);
void store_checkpoint_wait(cc_store *s);

#endif
