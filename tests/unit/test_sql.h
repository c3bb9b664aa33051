/* test_sql.h - the two SQL helpers the database tests share: one number
 * from a query, and a statement run for its effect. Tests reach into the
 * store's private handle (store_int.h), as SQLite's own tests do. */
#ifndef CC_TEST_SQL_H
#define CC_TEST_SQL_H

#include <stdio.h>

#include "store/store_int.h"

/* First column of the first row, or -999999 (a value no test expects) when
 * the query fails or returns nothing. */
static inline int64_t t_q1(cc_store *s, const char *sql) {
  sqlite3_stmt *st;
  int64_t v = -999999;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    printf("# sql error %s: %s\n", sqlite3_errmsg(s->db), sql);
    return v;
  }
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* Run sql; an error is printed as a TAP comment and the test's own checks
 * then fail on what it did not do. */
static inline void t_exec(cc_store *s, const char *sql) {
  char *m = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &m) != SQLITE_OK) {
    printf("# sql error %s: %s\n", m, sql);
    sqlite3_free(m);
  }
}

#endif
