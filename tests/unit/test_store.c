/* test_store.c - opening the practice database: pragmas, migrations from an
 * empty file and from each earlier version (fixtures in tests/fixtures/store),
 * and the CHECK constraints on closed domains. */
#include <stdlib.h>
#include <unistd.h>

#include "store/store_int.h"
#include "test.h"

static char dbpath[64];

static void fresh(void) {
  snprintf(dbpath, sizeof dbpath, "/tmp/cc_test_store_%d.db", (int)getpid());
  char p[80];
  unlink(dbpath);
  snprintf(p, sizeof p, "%s-wal", dbpath); unlink(p);
  snprintf(p, sizeof p, "%s-shm", dbpath); unlink(p);
}

static int64_t q1(cc_store *s, const char *sql) {
  sqlite3_stmt *st;
  int64_t v = -999;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return v;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

static bool ok_sql(cc_store *s, const char *sql) {
  return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The whole schema as one text, to compare a migrated file with a new one. */
static char *schema_text(cc_store *s) {
  sqlite3_stmt *st;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  if (sqlite3_prepare_v2(s->db, "SELECT type||' '||name||' '||coalesce(sql,'')"
                         " FROM sqlite_schema ORDER BY type, name", -1, &st,
                         NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (cc_buf_printf(&b, "%s\n", sqlite3_column_text(st, 0))) break;
  sqlite3_finalize(st);
  return cc_buf_take(&b);
}

static char *fresh_schema;

static void test_open_empty(void) {
  fresh();
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_E_DB); /* not created */
  CHECK(s == NULL);
  CHECK_INT(cc_store_open(dbpath, true, &s, &e), CC_OK);
  if (!s) return;
  CHECK_INT(cc_store_version(s), cc_store_latest_version());
  CHECK(cc_store_latest_version() >= 2);
  CHECK_INT(q1(s, "PRAGMA foreign_keys"), 1);
  CHECK_INT(q1(s, "PRAGMA page_size"), 8192); /* store_open, new files */
  sqlite3_stmt *st;
  CHECK(sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL) == 0);
  CHECK(sqlite3_step(st) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0);
  sqlite3_finalize(st);
  /* Every table of the practice schema is STRICT. */
  CHECK_INT(q1(s, "SELECT count(*) FROM pragma_table_list WHERE schema='main'"
                  " AND type='table' AND name IN ('patient','payer','claim',"
                  "'ledger_entry','coverage','charge_line') AND strict=1"), 6);
  fresh_schema = schema_text(s);
  cc_store_close(s);
  /* Opening again is a no-op. */
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_OK);
  if (s) CHECK_INT(cc_store_version(s), cc_store_latest_version());
  cc_store_close(s);
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

static void test_upgrade_from_v1(void) {
  fresh();
  /* Build a version-1 database from the kept schema, with data in it. */
  char *sql = read_all("tests/fixtures/store/schema_v1.sql");
  CHECK(sql != NULL);
  if (!sql) return;
  sqlite3 *db;
  CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "PRAGMA user_version=1; INSERT INTO patient("
                     "account_no,last_name,first_name,birth_date,sex) VALUES("
                     "'V1','Kept','Row','2000-01-01','F')", NULL, NULL,
                     NULL) == SQLITE_OK);
  sqlite3_close(db);
  free(sql);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_OK);
  if (!s) return;
  CHECK_INT(cc_store_version(s), cc_store_latest_version());
  int64_t id;
  CHECK_INT(cc_store_find_patient(s, "V1", &id), CC_OK);
  char *up = schema_text(s);
  CHECK(up && fresh_schema && strcmp(up, fresh_schema) == 0);
  free(up);
  cc_store_close(s);
}

static void test_constraints(void) {
  fresh();
  cc_store *s;
  cc_err e;
  CHECK_INT(cc_store_open(dbpath, true, &s, &e), CC_OK);
  if (!s) return;
  CHECK(ok_sql(s, "INSERT INTO payer(payer_code,name,filing_indicator) "
                  "VALUES('P1','Payer','CI')"));
  CHECK(!ok_sql(s, "INSERT INTO payer(payer_code,name,filing_indicator) "
                   "VALUES('P2','Payer','XX')"));
  CHECK(!ok_sql(s, "INSERT INTO payer(payer_code,name,filing_indicator,"
                   "claim_form) VALUES('P3','Payer','CI','837D')"));
  CHECK(!ok_sql(s, "INSERT INTO patient(account_no,last_name,first_name,"
                   "birth_date,sex) VALUES('A','L','F','2000-01-01','X')"));
  /* STRICT: an amount must be an integer, not text or a real. */
  CHECK(!ok_sql(s, "INSERT INTO fee_schedule(payer_id,code,allowed_cents,"
                   "effective_date) VALUES(1,'99213',85.5,'2026-01-01')"));
  CHECK(!ok_sql(s, "INSERT INTO fee_schedule(payer_id,code,allowed_cents,"
                   "effective_date) VALUES(1,'99213',-1,'2026-01-01')"));
  /* Foreign keys are enforced. */
  CHECK(!ok_sql(s, "INSERT INTO fee_schedule(payer_id,code,allowed_cents,"
                   "effective_date) VALUES(99,'99213',100,'2026-01-01')"));
  CHECK(!ok_sql(s, "INSERT INTO provider(npi,kind,last_name) VALUES("
                   "'12345','individual','X')"));
  CHECK_INT(cc_store_count(s, "payer"), 1);
  CHECK_INT(cc_store_count(s, "no_such_table"), -1);
  cc_store_close(s);
  fresh();
}

static long file_size(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fclose(f);
  return n;
}

/* Commits 1,200 rows of 8,000 bytes: 1,200 pages or more in the WAL. */
static cc_code big_commit(cc_store *s, int from, cc_err *e) {
  char sql[200];
  snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; WITH RECURSIVE k(i) AS (SELECT"
           " %d UNION ALL SELECT i+1 FROM k WHERE i<%d) INSERT INTO big"
           " SELECT i, zeroblob(8000) FROM k;", from, from + 1199);
  if (!ok_sql(s, sql)) return CC_E_DB;
  return store_commit_checkpoint_later(s, e);
}

/* A commit that leaves 1,000 pages or more in the WAL hands SQLite's
 * checkpoint to a thread: the commit is durable as ever, the pages reach
 * the database file by the time the thread is waited for, and a small
 * commit starts none. */
static void test_checkpoint_later(void) {
  fresh();
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  CHECK_INT(cc_store_open(dbpath, true, &s, &e), CC_OK);
  if (!s) return;
  CHECK(ok_sql(s, "CREATE TABLE big(id INTEGER PRIMARY KEY, b BLOB)"));
  CHECK(ok_sql(s, "PRAGMA wal_checkpoint(TRUNCATE)"));
  long before = file_size(dbpath);
  CHECK(ok_sql(s, "BEGIN IMMEDIATE; INSERT INTO big VALUES(0, x'00')"));
  CHECK_INT(store_commit_checkpoint_later(s, &e), CC_OK);
  CHECK(s->ckpt == NULL); /* one page: SQLite's own rule, no thread */
  CHECK_INT(big_commit(s, 1, &e), CC_OK);
  CHECK(s->ckpt != NULL);
  /* The next large commit waits for the running checkpoint first. */
  CHECK_INT(big_commit(s, 1201, &e), CC_OK);
  CHECK_INT(q1(s, "SELECT count(*) FROM big"), 2401);
  store_checkpoint_wait(s);
  CHECK(s->ckpt == NULL);
  /* 2,400 rows of 8,000 bytes are in the database file itself now. */
  CHECK(file_size(dbpath) - before >= 2400L * 8000);
  /* A failed commit (no transaction open) is reported, and starts none. */
  CHECK_INT(store_commit_checkpoint_later(s, &e), CC_E_DB);
  CHECK(s->ckpt == NULL);
  cc_store_close(s);
  CHECK_INT(cc_store_open(dbpath, false, &s, &e), CC_OK);
  if (s) CHECK_INT(q1(s, "SELECT count(*) FROM big"), 2401);
  cc_store_close(s);
  fresh();
}

int main(void) {
  RUN(test_open_empty);
  RUN(test_upgrade_from_v1);
  RUN(test_constraints);
  RUN(test_checkpoint_later);
  free(fresh_schema);
  TEST_MAIN_END();
}
