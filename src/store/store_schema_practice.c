/* store_schema_practice.c - migration 1: the practice, its people, payers,
 * encounters, claims and ledger. */
const char store_sql_v1_practice[] =
    "CREATE TABLE practice(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;";
