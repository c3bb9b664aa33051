/* store_schema_codes.c - migration 2: code sets and edit tables. */
const char store_sql_v2_codes[] =
    "CREATE TABLE code_set(kind TEXT PRIMARY KEY, release TEXT) STRICT;";
