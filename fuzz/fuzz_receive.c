/* fuzz_receive.c - libFuzzer target: `cleanclaim receive` on one file (any
 * kind it knows: 999, 277CA, 835, 271, 277) into a database in memory.
 * Nothing may crash, and a file refused must leave the database as it
 * was: the rows of every table receiving writes are counted around it. */
#include <stdlib.h>

#include "cleanclaim/cleanclaim.h"
#include "store/store_int.h"

static cc_store *S;

static int64_t rows(void) {
  static const char sql[] =
      "SELECT (SELECT count(*) FROM x12_file) + (SELECT count(*) FROM "
      "remittance) + (SELECT count(*) FROM ledger_entry) + (SELECT count(*) "
      "FROM claim_status_history) + (SELECT count(*) FROM unapplied_payment)"
      " + (SELECT count(*) FROM work_item) + (SELECT count(*) FROM "
      "claim_response) + (SELECT count(*) FROM provider_adjustment)";
  sqlite3_stmt *st;
  int64_t n = -1;
  if (sqlite3_prepare_v2(S->db, sql, -1, &st, NULL) != SQLITE_OK) abort();
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cc_err e;
  if (!S && cc_store_open(":memory:", true, &S, &e) != CC_OK) abort();
  int64_t before = rows();
  cc_receive_result r;
  cc_err_clear(&e);
  if (cc_remit_receive(S, (const char *)data, size, "fuzz.x12", NULL, NULL,
                       &r, &e) != CC_OK && rows() != before)
    abort();
  return 0;
}
