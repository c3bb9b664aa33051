/* store_schema_claims.c - migration 5: what the claim model needs beyond
 * migration 1: the statuses "built" and "held", claim-level providers,
 * place of service, authorization and referral numbers, and the other
 * payers' adjudication (COB) that a secondary claim carries.
 * Never edit this once released: later changes are new migrations. */
const char store_sql_v5_claims[] =
    /* Widening a CHECK list changes no stored row, so the table definition
     * is edited in place (SQLite's documented procedure for CHECK changes)
     * instead of rebuilding a table that half the schema refers to. */
    "PRAGMA writable_schema=ON;"
    "UPDATE sqlite_schema SET sql = replace(sql, '''closed'',''void''))', "
    "'''closed'',''void'',''built'',''held''))') WHERE type = 'table' AND "
    "name = 'claim';"
    "PRAGMA writable_schema=RESET;"
    "ALTER TABLE claim ADD COLUMN place_of_service TEXT;"
    "ALTER TABLE claim ADD COLUMN rendering_provider_id INTEGER REFERENCES "
    "provider(id);"
    "ALTER TABLE claim ADD COLUMN referring_provider_id INTEGER REFERENCES "
    "provider(id);"
    "ALTER TABLE claim ADD COLUMN facility_id INTEGER REFERENCES "
    "facility(id);"
    "ALTER TABLE claim ADD COLUMN prior_auth TEXT;"   /* REF G1 */
    "ALTER TABLE claim ADD COLUMN referral_no TEXT;"  /* REF 9F */
    "ALTER TABLE claim ADD COLUMN statement_from TEXT;" /* 837I DTP 434 */
    "ALTER TABLE claim ADD COLUMN statement_to TEXT;"
    "ALTER TABLE claim_line ADD COLUMN ndc TEXT;"
    /* One row per other payer on the claim (2320/2330A/2330B), what it
     * paid and when; seq orders them as the 837 lists them. */
    "CREATE TABLE claim_cob("
    " claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 10),"
    " responsibility TEXT NOT NULL," /* SBR01: P S T */
    " relationship TEXT, group_number TEXT, filing_indicator TEXT,"
    " payer_code TEXT NOT NULL, payer_name TEXT NOT NULL,"
    " member_id TEXT NOT NULL,"
    " subscriber_last_name TEXT NOT NULL, subscriber_first_name TEXT,"
    " paid_cents INTEGER," /* AMT D; NULL when not sent */
    " remaining_cents INTEGER," /* AMT EAF */
    " adjudication_date TEXT,"
    " payer_claim_number TEXT,"
    " PRIMARY KEY (claim_id, seq)"
    ") STRICT, WITHOUT ROWID;"
    /* Per other payer and line (line_no 0 = the claim level): CAS
     * adjustments, and for lines what was paid (2430 SVD). */
    "CREATE TABLE claim_cob_line("
    " claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL," /* claim_cob.seq */
    " line_no INTEGER NOT NULL," /* claim_line.line_no */
    " paid_cents INTEGER NOT NULL,"
    " code TEXT, units_milli INTEGER,"
    " adjudication_date TEXT,"
    " PRIMARY KEY (claim_id, seq, line_no)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE claim_cob_adjustment("
    " id INTEGER PRIMARY KEY,"
    " claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " line_no INTEGER NOT NULL DEFAULT 0,"
    " group_code TEXT NOT NULL CHECK (group_code IN ('CO','PR','OA','PI',"
    "'CR')),"
    " reason TEXT NOT NULL,"
    " amount_cents INTEGER NOT NULL,"
    " qty_milli INTEGER"
    ") STRICT;"
    "CREATE INDEX claim_cob_adjustment_claim ON claim_cob_adjustment("
    "claim_id, seq, line_no);";
