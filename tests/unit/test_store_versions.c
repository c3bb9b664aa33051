/* test_store_versions.c - a database of every earlier schema version upgrades
 * in place to the same schema as a new file, keeping its rows; a file from a
 * newer cleanclaim, or one that is not a database, is refused by name. */
#include <stdlib.h>
#include <unistd.h>

#include "store/store_int.h"
#include "test.h"

static char dbpath[64];

static void fresh(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_versions_%d.db", (int)getpid());
  char p[96];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath);
  unlink(p);
}

static char *schema_text(sqlite3 *db) {
  sqlite3_stmt *st;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  if (sqlite3_prepare_v2(db, "SELECT type||' '||name||' '||coalesce(sql,'')"
                         " FROM sqlite_schema ORDER BY type, name", -1, &st,
                         NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (cc_buf_printf(&b, "%s\n", sqlite3_column_text(st, 0))) break;
  sqlite3_finalize(st);
  return cc_buf_take(&b);
}

static char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    if (cc_buf_append(&b, tmp, n)) break;
  fclose(f);
  return cc_buf_take(&b);
}

static char *new_schema;

static void test_new_file(void) {
  fresh();
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, true, &s, &e), CC_OK);
  if (!s) return;
  new_schema = schema_text(s->db);
  CHECK(new_schema != NULL);
  CHECK_INT(cc_store_opened_version(s), 0);
  cc_store_close(s);
  /* opened again: found at the latest version, nothing upgraded */
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_OK);
  if (!s) return;
  CHECK_INT(cc_store_opened_version(s), cc_store_latest_version());
  cc_store_close(s);
}

/* Build version v the way a user's file got there: the kept fixture when
 * there is one, else migrations 1..v as they shipped (a migration's SQL is
 * never changed once released). Then one patient row, then open. */
static void upgrade_from(int v) {
  fresh();
  sqlite3 *db;
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  char fixture[96];
  snprintf(fixture, sizeof fixture, "tests/fixtures/store/schema_v%d.sql", v);
  char *sql = read_all(fixture);
  if (sql) {
    CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
    free(sql);
  } else {
    for (int i = 0; i < store_n_migrations; i++)
      if (store_migrations[i].version <= v)
        CHECK(sqlite3_exec(db, store_migrations[i].sql, NULL, NULL, NULL) ==
              SQLITE_OK);
  }
  char set[160];
  snprintf(set, sizeof set,
           "PRAGMA user_version=%d; INSERT INTO patient(account_no,last_name,"
           "first_name,birth_date,sex) VALUES('OLD%d','Kept','Row',"
           "'1990-05-06','M')", v, v);
  CHECK(sqlite3_exec(db, set, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);

  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_OK);
  if (!s) {
    printf("# version %d: %s: %s\n", v, e.msg, e.detail);
    return;
  }
  CHECK_INT(cc_store_version(s), cc_store_latest_version());
  CHECK_INT(cc_store_opened_version(s), v); /* what `init` reports */
  char acct[16];
  snprintf(acct, sizeof acct, "OLD%d", v);
  int64_t id = 0;
  CHECK_INT(cc_store_find_patient(s, acct, &id), CC_OK);
  CHECK(id > 0);
  char *up = schema_text(s->db);
  T_REPORT(up && new_schema && strcmp(up, new_schema) == 0,
           "version %d upgraded differs from a new file", v);
  free(up);
  cc_store_close(s);
}

static void test_every_earlier_version(void) {
  CHECK(cc_store_latest_version() >= 2);
  for (int v = 1; v < cc_store_latest_version(); v++) upgrade_from(v);
}

static void test_newer_version_refused(void) {
  fresh();
  sqlite3 *db;
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  char set[64];
  snprintf(set, sizeof set, "PRAGMA user_version=%d",
           cc_store_latest_version() + 1);
  CHECK(sqlite3_exec(db, set, NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(db);
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, true, &s, &e), CC_E_DB);
  CHECK(s == NULL);
  cc_store_close(s);
  CHECK(strstr(e.detail, dbpath) != NULL);
  CHECK(e.msg && strstr(e.msg, "newer") != NULL);
  /* Nothing was applied: the version is still the newer one. */
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  sqlite3_stmt *st;
  int got = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == 0) {
    if (sqlite3_step(st) == SQLITE_ROW) got = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  CHECK_INT(got, cc_store_latest_version() + 1);
  sqlite3_close(db);
}

static void test_not_a_database(void) {
  fresh();
  FILE *f = fopen(dbpath, "wb");
  CHECK(f != NULL);
  if (!f) return;
  fputs("account_no,last_name\nA1,Sample\n", f); /* a CSV given as --db */
  fclose(f);
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_E_DB);
  CHECK(s == NULL);
  cc_store_close(s);
  CHECK(strstr(e.detail, dbpath) != NULL);
  CHECK(strstr(e.detail, "not a database") != NULL);
  /* NULL err must not crash. */
  CHECK_INT(cc_store_open(dbpath, false, &s, NULL), CC_E_DB);
  fresh();
}

int main(void) {
  RUN(test_new_file);
  RUN(test_every_earlier_version);
  RUN(test_newer_version_refused);
  RUN(test_not_a_database);
  free(new_schema);
  fresh();
  TEST_MAIN_END();
}
