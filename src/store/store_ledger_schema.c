/* store_ledger_schema.c - migration 4: what 835 posting and the ledger need:
 * remittances (exactly once), per-claim and per-line adjudication, denials,
 * provider-level adjustments, lineage on ledger entries and the posting
 * policy as data. Never edit this once released: later changes are new
 * migrations. */
const char store_sql_v4_ledger[] =
    /* One row per 835 transaction set. A payment is identified by who paid
     * (TRN03, else the payer's name), the trace number and the amount; the
     * unique key is what makes a second posting a no-op. */
    "CREATE TABLE remittance("
    " id INTEGER PRIMARY KEY,"
    " file_id INTEGER NOT NULL REFERENCES x12_file(id),"
    " set_index INTEGER NOT NULL,"
    " payer_key TEXT NOT NULL,"
    " payer_name TEXT,"
    " trace TEXT NOT NULL,"
    " paid_cents INTEGER NOT NULL,"
    " plb_cents INTEGER NOT NULL DEFAULT 0,"
    " payment_method TEXT," /* BPR04: CHK, ACH, NON... */
    " payment_date TEXT,"   /* BPR16 */
    " posted_date TEXT NOT NULL,"
    " claims INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (payer_key, trace, paid_cents)"
    ") STRICT;"
    "CREATE INDEX remittance_file ON remittance(file_id);"
    /* One row per CLP: what the payer decided about one of our claims. The
     * ledger claim is the claim whose entries the posting went to (the
     * primary claim of the encounter for a secondary's answer). */
    "CREATE TABLE remit_claim("
    " id INTEGER PRIMARY KEY,"
    " remittance_id INTEGER NOT NULL REFERENCES remittance(id),"
    " claim_id INTEGER NOT NULL REFERENCES claim(id),"
    " ledger_claim_id INTEGER NOT NULL REFERENCES claim(id),"
    " payer_id INTEGER NOT NULL REFERENCES payer(id),"
    " segment_index INTEGER NOT NULL," /* the CLP's number in the file */
    " status_code TEXT NOT NULL,"      /* CLP02 */
    " charge_cents INTEGER NOT NULL,"
    " paid_cents INTEGER NOT NULL,"
    " patient_resp_cents INTEGER,"
    " payer_claim_number TEXT,"        /* CLP07 */
    " reversed_by INTEGER REFERENCES remit_claim(id)"
    ") STRICT;"
    "CREATE INDEX remit_claim_claim ON remit_claim(claim_id, payer_id);"
    "CREATE INDEX remit_claim_remittance ON remit_claim(remittance_id);"
    "CREATE TABLE remit_line("
    " id INTEGER PRIMARY KEY,"
    " remit_claim_id INTEGER NOT NULL REFERENCES remit_claim(id),"
    " claim_line_id INTEGER REFERENCES claim_line(id),"
    " segment_index INTEGER NOT NULL," /* the SVC's number in the file */
    " code TEXT,"
    " charge_cents INTEGER NOT NULL,"
    " paid_cents INTEGER NOT NULL,"
    " allowed_cents INTEGER" /* AMT*B6 */
    ") STRICT;"
    "CREATE INDEX remit_line_claim ON remit_line(remit_claim_id);"
    /* The denial queue: what was denied, why (CARC) and the remarks (RARC),
     * until someone works it. */
    "CREATE TABLE claim_denial("
    " id INTEGER PRIMARY KEY,"
    " claim_id INTEGER NOT NULL REFERENCES claim(id),"
    " claim_line_id INTEGER REFERENCES claim_line(id),"
    " remit_claim_id INTEGER NOT NULL REFERENCES remit_claim(id),"
    " group_code TEXT NOT NULL,"
    " reason_code TEXT NOT NULL,"
    " remark_codes TEXT," /* RARC, space separated */
    " amount_cents INTEGER NOT NULL,"
    " segment_index INTEGER," /* the CAS (or CLP) it came from */
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','worked',"
    "'closed'))"
    ") STRICT;"
    "CREATE INDEX claim_denial_queue ON claim_denial(status, reason_code);"
    "CREATE INDEX claim_denial_claim ON claim_denial(claim_id);"
    /* PLB: adjustments to the practice, not to any claim (interest,
     * recoupments, withholds). Positive amounts reduce the payment. */
    "CREATE TABLE provider_adjustment("
    " id INTEGER PRIMARY KEY,"
    " remittance_id INTEGER NOT NULL REFERENCES remittance(id),"
    " segment_index INTEGER NOT NULL,"
    " provider_ref TEXT, fiscal_date TEXT,"
    " reason_code TEXT NOT NULL,"
    " reference TEXT,"
    " amount_cents INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX provider_adjustment_remittance ON "
    "provider_adjustment(remittance_id);"
    /* Lineage of every entry a posting wrote: which CLP and which segment
     * (CLP, SVC or CAS) within the file named by source_file_id. */
    "ALTER TABLE ledger_entry ADD COLUMN remit_claim_id INTEGER REFERENCES "
    "remit_claim(id);"
    "ALTER TABLE ledger_entry ADD COLUMN segment_index INTEGER;"
    "CREATE INDEX ledger_remit_claim ON ledger_entry(remit_claim_id) WHERE "
    "remit_claim_id IS NOT NULL;"
    "CREATE INDEX x12_file_sha256 ON x12_file(sha256) WHERE sha256 IS NOT "
    "NULL;"
    /* How each adjustment group and reason is posted, per payer (NULL =
     * every payer) and per reason ('*' = any). The most specific row wins:
     * payer+reason, payer+'*', default+reason, default+'*'.
     *   writeoff: contractual write-off, off the payer's balance
     *   next:     moved to the next payer by priority, else the patient
     *   patient:  moved to the patient
     *   ignore:   informational only (settled elsewhere)
     *   deny:     the denial queue; the amount stays with the payer */
    "CREATE TABLE posting_policy("
    " id INTEGER PRIMARY KEY,"
    " payer_id INTEGER REFERENCES payer(id) ON DELETE CASCADE,"
    " group_code TEXT NOT NULL CHECK (group_code IN ('CO','PR','OA','PI',"
    "'CR')),"
    " reason_code TEXT NOT NULL DEFAULT '*',"
    " action TEXT NOT NULL CHECK (action IN ('writeoff','next','patient',"
    "'ignore','deny')),"
    " note TEXT"
    ") STRICT;"
    "CREATE UNIQUE INDEX posting_policy_key ON posting_policy("
    "coalesce(payer_id,0), group_code, reason_code);"
    "INSERT INTO posting_policy(payer_id,group_code,reason_code,action,note)"
    " VALUES"
    " (NULL,'CO','*','writeoff','contractual obligation: written off'),"
    " (NULL,'PR','*','next','patient responsibility: next payer, else the "
    "patient'),"
    " (NULL,'OA','*','writeoff','other adjustment: written off'),"
    " (NULL,'PI','*','writeoff','payer initiated reduction: written off'),"
    " (NULL,'CR','*','writeoff','correction: written off'),"
    " (NULL,'OA','23','ignore','impact of prior payer adjudication: settled "
    "by the prior payer''s posting'),"
    " (NULL,'CO','16','deny','missing or invalid information: correct and "
    "resubmit'),"
    " (NULL,'CO','18','deny','exact duplicate claim or service'),"
    " (NULL,'OA','18','deny','exact duplicate claim or service'),"
    " (NULL,'CO','27','deny','expenses after coverage terminated'),"
    " (NULL,'CO','29','deny','time limit for filing has expired'),"
    " (NULL,'CO','50','deny','not deemed a medical necessity'),"
    " (NULL,'CO','96','deny','non-covered charge'),"
    " (NULL,'CO','97','deny','included in another service (bundled)'),"
    " (NULL,'CO','109','deny','not covered by this payer: bill the right "
    "payer'),"
    " (NULL,'CO','197','deny','precertification or authorization absent'),"
    " (NULL,'CO','204','deny','not covered under the current benefit plan'),"
    " (NULL,'CO','251','deny','attachment or other documentation missing'),"
    " (NULL,'CO','252','deny','attachment or other documentation required'),"
    " (NULL,'PI','16','deny','missing or invalid information: correct and "
    "resubmit'),"
    " (NULL,'PI','197','deny','precertification or authorization absent');";
