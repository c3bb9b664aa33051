/* store_schema_codes.c - migration 2: code sets and edit tables. Every code
 * row belongs to one release (kind + release name) and keeps its own dates,
 * so older releases stay to judge claims as of an earlier day. */
const char store_sql_v2_codes[] =
    /* One loaded file (a release may span several files, e.g. the four
     * NCCI PTP files of a quarter). digest is the file's FNV-1a hash: the
     * same bytes loaded again as the same release change nothing. Dates
     * are ISO 8601; NULL means the publisher gives none (open). */
    "CREATE TABLE code_release("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " release TEXT NOT NULL,"
    " effective TEXT,"
    " termination TEXT,"
    " file TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " digest TEXT NOT NULL,"
    " rows INTEGER NOT NULL DEFAULT 0,"
    " loaded_at TEXT NOT NULL,"
    " UNIQUE(kind, release, file)) STRICT;"
    /* Codes with descriptions: ICD-10-CM, HCPCS, CPT, modifiers, POS,
     * CARC, RARC, taxonomy. billable is 0 for ICD-10-CM headers. */
    "CREATE TABLE code("
    " id INTEGER PRIMARY KEY,"
    " release_id INTEGER NOT NULL REFERENCES code_release(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL,"
    " code TEXT NOT NULL,"
    " billable INTEGER NOT NULL,"
    " short_desc TEXT NOT NULL,"
    " long_desc TEXT NOT NULL,"
    " effective TEXT,"
    " termination TEXT,"
    " UNIQUE(release_id, code)) STRICT;"
    "CREATE INDEX code_by_code ON code(code, kind);"
    /* Word search over descriptions; the text stays in code (external
     * content), rows are added and removed by store_codes.c. */
    "CREATE VIRTUAL TABLE code_fts USING fts5(short_desc, long_desc,"
    " content='code', content_rowid='id');"
    /* Medicare Code Editor single-code edits (code_type D or P). */
    "CREATE TABLE code_mce("
    " release_id INTEGER NOT NULL REFERENCES code_release(id) ON DELETE CASCADE,"
    " code_type TEXT NOT NULL,"
    " code TEXT NOT NULL,"
    " edit TEXT NOT NULL,"
    " description TEXT NOT NULL,"
    " PRIMARY KEY(code, code_type, edit, release_id)) STRICT, WITHOUT ROWID;"
    /* NCCI practitioner PTP edits; deletion NULL while active. */
    "CREATE TABLE code_ptp("
    " release_id INTEGER NOT NULL REFERENCES code_release(id) ON DELETE CASCADE,"
    " col1 TEXT NOT NULL,"
    " col2 TEXT NOT NULL,"
    " prior_1996 INTEGER NOT NULL,"
    " effective TEXT NOT NULL,"
    " deletion TEXT,"
    " modifier INTEGER NOT NULL,"
    " rationale TEXT NOT NULL,"
    " PRIMARY KEY(col1, col2, effective, release_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX code_ptp_by_release ON code_ptp(release_id);"
    /* NCCI practitioner MUE values; dates are the release's. */
    "CREATE TABLE code_mue("
    " release_id INTEGER NOT NULL REFERENCES code_release(id) ON DELETE CASCADE,"
    " code TEXT NOT NULL,"
    " max_units INTEGER NOT NULL,"
    " indicator INTEGER NOT NULL,"
    " rationale TEXT NOT NULL,"
    " PRIMARY KEY(code, release_id)) STRICT, WITHOUT ROWID;"
    "CREATE INDEX code_mue_by_release ON code_mue(release_id);"
    "CREATE INDEX code_mce_by_release ON code_mce(release_id);";
