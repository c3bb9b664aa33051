/* store_submit_schema.c - migration 3: what submission and the answers that
 * come back need: control-number counters, the raw bytes of every X12 file,
 * each 999/277CA/277 answer per claim, and eligibility results on coverages.
 * Never edit this once released: later changes are new migrations. */
const char store_sql_v3_cycle[] =
    /* ISA13, GS06 and ST02 must never repeat across everything a practice
     * sends, also across runs, so the last value used is stored. */
    "CREATE TABLE x12_counter("
    " name TEXT PRIMARY KEY CHECK (name IN ('isa','gs','st')),"
    " value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 999999999)"
    ") STRICT, WITHOUT ROWID;"
    /* The interchange itself, so any answer can be traced to the exact bytes
     * sent or received, and a file received twice is recognised. */
    "ALTER TABLE x12_file ADD COLUMN content BLOB;"
    "ALTER TABLE x12_file ADD COLUMN version TEXT;" /* GS08 */
    "ALTER TABLE x12_file ADD COLUMN st_control TEXT;" /* first ST02 */
    "CREATE INDEX x12_file_gs ON x12_file(direction, gs_control);"
    /* One row per answer about one claim (999 IK5, 277CA or 277 STC);
     * accepted is NULL for a status that neither accepts nor rejects. */
    "CREATE TABLE claim_response("
    " id INTEGER PRIMARY KEY,"
    " claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,"
    " file_id INTEGER NOT NULL REFERENCES x12_file(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('999','277CA','277')),"
    " accepted INTEGER CHECK (accepted IS NULL OR accepted IN (0,1)),"
    " code TEXT,"            /* IK501, or STC01 as sent (A2:20:PR) */
    " status_date TEXT,"     /* STC02 */
    " amount_cents INTEGER," /* STC04 */
    " payer_claim_number TEXT," /* REF 1K */
    " segment_index INTEGER," /* the IK5/STC segment's number in the file */
    " detail TEXT,"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
    ") STRICT;"
    "CREATE INDEX claim_response_claim ON claim_response(claim_id, id);"
    "CREATE INDEX claim_response_file ON claim_response(file_id);"
    /* The last 271 about a coverage. Money in cents; coinsurance in basis
     * points (20% = 2000) so no percentage passes through floating point. */
    "ALTER TABLE coverage ADD COLUMN elig_checked_date TEXT;"
    "ALTER TABLE coverage ADD COLUMN elig_active INTEGER CHECK (elig_active "
    "IS NULL OR elig_active IN (0,1));"
    "ALTER TABLE coverage ADD COLUMN elig_plan TEXT;"
    "ALTER TABLE coverage ADD COLUMN elig_copay_cents INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_coinsurance_bp INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_deductible_cents INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_deductible_remaining_cents INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_oop_max_cents INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_oop_remaining_cents INTEGER;"
    "ALTER TABLE coverage ADD COLUMN elig_message TEXT;"
    "ALTER TABLE coverage ADD COLUMN elig_file_id INTEGER REFERENCES "
    "x12_file(id);";
