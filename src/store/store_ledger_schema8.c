/* store_ledger_schema8.c - migration 8: unapplied cash (claim payments of
 * a balanced 835 that match no claim of ours).
 * Never edit once released: later changes are new migrations. */
const char store_sql_v8_unapplied[] =
    /* Unapplied cash: a claim payment (CLP) of a balanced 835 that names
     * no claim of ours (sent by another system, a typo in CLP01). The
     * money was received, so it is held here, in suspense, until someone
     * finds the claim; the remittance still reconciles with BPR02. */
    "CREATE TABLE unapplied_payment("
    " id INTEGER PRIMARY KEY,"
    " remittance_id INTEGER NOT NULL REFERENCES remittance(id),"
    " file_id INTEGER NOT NULL REFERENCES x12_file(id),"
    " segment_index INTEGER NOT NULL," /* the CLP's number in the file */
    " claim_ref TEXT NOT NULL,"        /* CLP01 as the payer sent it */
    " status_code TEXT NOT NULL,"      /* CLP02 */
    " charge_cents INTEGER NOT NULL,"
    " paid_cents INTEGER NOT NULL,"
    " patient_resp_cents INTEGER,"
    " payer_claim_number TEXT,"        /* CLP07 */
    " patient_last TEXT, patient_first TEXT," /* NM1*QC */
    " member_id TEXT,"                 /* NM1*QC or NM1*IL NM109 */
    " posted_date TEXT NOT NULL,"
    " reason TEXT NOT NULL,"           /* why it could not be applied */
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',"
    "'applied')),"
    " applied_claim_id INTEGER REFERENCES claim(id)"
    ") STRICT;"
    "CREATE INDEX unapplied_payment_open ON unapplied_payment(status,"
    " claim_ref);"
    "CREATE INDEX unapplied_payment_remittance ON"
    " unapplied_payment(remittance_id);";
