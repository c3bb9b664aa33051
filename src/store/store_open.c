/* store_open.c - opening the database: pragmas, then migrations up to the
 * latest version, each in its own transaction. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* SQLite's 'now' (every DEFAULT timestamp, date('now') in queries) comes
 * from the VFS. When CC_TODAY pins "today" (tests, the demo's simulated
 * days), the library's dates come from cc_date_today(); the database's
 * clock must agree, or a claim stamped by SQLite on the wall-clock day
 * would look days apart from the library's "today". This VFS is the
 * default one with only the clock changed: noon of CC_TODAY when set. */
static sqlite3_vfs pinned_vfs;
static sqlite3_vfs *base_vfs;

static int pinned_time64(sqlite3_vfs *v, sqlite3_int64 *ms) {
  (void)v;
  if (!getenv("CC_TODAY"))
    return base_vfs->xCurrentTimeInt64(base_vfs, ms);
  /* Julian day 2440587.5 is 1970-01-01T00:00Z, so noon of day d is
   * 2440588 + d whole days, in milliseconds. */
  *ms = ((sqlite3_int64)2440588 + cc_date_today()) * 86400000;
  return SQLITE_OK;
}

static int pinned_time(sqlite3_vfs *v, double *jd) {
  sqlite3_int64 ms;
  int rc = pinned_time64(v, &ms);
  *jd = (double)ms / 86400000.0; /* SQLite's own interface is in days */
  return rc;
}

static void register_clock(void) {
  /* SQLite counts every allocation under a mutex for sqlite3_status(),
   * which nothing here reads: 3% of an 835's posting. It can only be
   * turned off before SQLite starts (sqlite3_vfs_find starts it); if the
   * application started it first, this fails harmlessly. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  base_vfs = sqlite3_vfs_find(NULL);
  if (!base_vfs || base_vfs->iVersion < 2 || !base_vfs->xCurrentTimeInt64)
    return;
  pinned_vfs = *base_vfs;
  pinned_vfs.zName = "cleanclaim-clock";
  pinned_vfs.pNext = NULL;
  pinned_vfs.xCurrentTimeInt64 = pinned_time64;
  pinned_vfs.xCurrentTime = pinned_time;
  if (sqlite3_vfs_register(&pinned_vfs, 0) != SQLITE_OK) base_vfs = NULL;
}

static const char *clock_vfs(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, register_clock);
  return base_vfs ? pinned_vfs.zName : NULL;
}

/* A connection in WAL mode (a file, not :memory:). */
bool store_db_in_wal(sqlite3 *db) {
  sqlite3_stmt *st;
  bool wal = false;
  if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) ==
      SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      wal = !strcmp((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
  }
  return wal;
}

cc_code store_db_error(cc_store *s, cc_err *err, const char *what) {
  return cc_err_set(err, CC_E_DB, "database error", "%s: %s", what,
                    s && s->db ? sqlite3_errmsg(s->db) : "no connection");
}

static cc_code exec(cc_store *s, const char *sql, cc_err *err) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    cc_err_set(err, CC_E_DB, "database error", "%s", msg ? msg : "?");
    sqlite3_free(msg);
    return CC_E_DB;
  }
  return CC_OK;
}

int cc_store_latest_version(void) {
  int v = 0;
  for (int i = 0; i < store_n_migrations; i++)
    if (store_migrations[i].version > v) v = store_migrations[i].version;
  return v;
}

int cc_store_version(cc_store *s) {
  sqlite3_stmt *st;
  int v = 0;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  return v;
}

int cc_store_opened_version(cc_store *s) { return s ? s->opened_version : 0; }

static cc_code migrate(cc_store *s, cc_err *err) {
  int have = cc_store_version(s);
  s->opened_version = have;
  /* A file written by a newer cleanclaim has tables this build does not
   * know; using it would silently skip or break them. */
  if (have > cc_store_latest_version())
    return cc_err_set(err, CC_E_DB, "database is newer than this cleanclaim",
                      "%s is at schema version %d, this build knows up to %d: "
                      "use the cleanclaim that wrote it, or a newer one",
                      s->path, have, cc_store_latest_version());
  for (int i = 0; i < store_n_migrations; i++) {
    const store_migration *m = &store_migrations[i];
    if (m->version <= have) continue;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", m->version);
    if (exec(s, "BEGIN IMMEDIATE", err)) return CC_E_DB;
    if (exec(s, m->sql, err) || exec(s, pragma, err)) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      snprintf(err->detail + strlen(err->detail),
               sizeof err->detail - strlen(err->detail), " (migration %d %s)",
               m->version, m->name);
      return CC_E_DB;
    }
    if (exec(s, "COMMIT", err)) return CC_E_DB;
    have = m->version;
  }
  return CC_OK;
}

cc_code cc_store_open(const char *path, bool create, cc_store **out,
                      cc_err *err) {
  *out = NULL;
  cc_store *s = calloc(1, sizeof *s);
  if (!s) return cc_err_set(err, CC_E_NOMEM, NULL, NULL);
  snprintf(s->path, sizeof s->path, "%s", path);
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path, &s->db, flags, clock_vfs()) != SQLITE_OK) {
    cc_err_set(err, CC_E_DB, "cannot open database", "%s: %s%s", path,
               s->db ? sqlite3_errmsg(s->db) : "?",
               create ? "" : " (run `cleanclaim init` first)");
    cc_store_close(s);
    return CC_E_DB;
  }
  sqlite3_busy_timeout(s->db, 10000);
  /* 8 KiB pages for a new database (an existing one keeps its own: the
   * pragma does nothing once a table exists). A posting writes its rows
   * and index entries in long runs; twice the page halves the pages it
   * allocates, balances and logs to the WAL, and an 835 of 100,000
   * claims posts 5-7% faster (docs/internals/LEDGER.md). */
  cc_code rc = exec(s, "PRAGMA page_size=8192; PRAGMA journal_mode=WAL;"
                       " PRAGMA foreign_keys=ON;"
                       "PRAGMA synchronous=NORMAL;", err);
  if (rc && err) {
    /* SQLite's own words ("file is not a database") do not say which file. */
    char why[sizeof err->detail];
    snprintf(why, sizeof why, "%s", err->detail);
    cc_err_set(err, CC_E_DB, "cannot open database", "%s: %s", path, why);
  }
  if (!rc) rc = migrate(s, err);
  if (rc) {
    cc_store_close(s);
    return rc;
  }
  *out = s;
  return CC_OK;
}

void cc_store_close(cc_store *s) {
  if (!s) return;
  store_checkpoint_wait(s);
  sqlite3_close_v2(s->db);
  free(s);
}

cc_code cc_store_begin(cc_store *s, cc_err *err) {
  return exec(s, "BEGIN IMMEDIATE", err);
}
cc_code cc_store_commit(cc_store *s, cc_err *err) { return exec(s, "COMMIT", err); }
void cc_store_rollback(cc_store *s) {
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}
