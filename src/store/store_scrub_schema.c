/* store_scrub_schema.c - migration 9: the findings of each scrub run of a
 * stored claim (scrub_run itself is migration 6), so a specialist can see
 * why a claim was held and what the scrubber said the first time. Never
 * edit once released. */
const char store_sql_v9_scrub[] =
    "CREATE TABLE scrub_finding("
    " id INTEGER PRIMARY KEY,"
    " run_id INTEGER NOT NULL REFERENCES scrub_run(id) ON DELETE CASCADE,"
    " line_no INTEGER," /* NULL = the whole claim */
    " rule TEXT NOT NULL,"
    " severity TEXT NOT NULL CHECK (severity IN ('error','warning','info')),"
    " message TEXT NOT NULL,"
    " fix TEXT NOT NULL,"
    " source TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX scrub_finding_run ON scrub_finding(run_id);"
    "CREATE INDEX scrub_finding_rule ON scrub_finding(rule);";
