/* store_ledger_schema8.c - migration 8: bulk posting and unapplied cash.
 * Never edit once released: later changes are new migrations. */
const char store_sql_v8_ledger_bulk[] =
    /* While a writer posts many entries in one transaction it sets active
     * to 1, skips the per-row summary trigger and brings ar_balance and
     * ledger_day up to date with one grouped statement before COMMIT
     * (store_ledger_bulk_end). Per-row upserts cost more than the entry
     * itself; the summaries mean exactly what migration 6 says. Every other
     * writer (imports, fixtures, the sqlite3 shell) keeps the trigger. */
    "CREATE TABLE ledger_bulk("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))"
    ") STRICT;"
    "INSERT INTO ledger_bulk(id, active) VALUES(1, 0);"
    "DROP TRIGGER ledger_report_insert;"
    "CREATE TRIGGER ledger_report_insert AFTER INSERT ON ledger_entry"
    " WHEN (SELECT active FROM ledger_bulk WHERE id = 1) IS NOT 1 BEGIN"
    " INSERT INTO ar_balance(claim_id, party, balance_cents)"
    "  SELECT NEW.claim_id, coalesce(NEW.payer_id, 0), NEW.amount_cents"
    "  WHERE NEW.claim_id IS NOT NULL"
    "  ON CONFLICT(claim_id, party) DO UPDATE SET balance_cents ="
    "  balance_cents + excluded.balance_cents;"
    " INSERT INTO ledger_day(day, party, provider, kind, grp, amount_cents,"
    " entries)"
    "  SELECT NEW.posted_date, coalesce(NEW.payer_id, 0),"
    "  coalesce((SELECT billing_provider_id FROM claim WHERE id ="
    "  NEW.claim_id), 0), o.kind, coalesce(o.group_code, ''),"
    "  NEW.amount_cents, 1"
    "  FROM ledger_entry o WHERE o.id = coalesce(NEW.reverses_id, NEW.id)"
    "  ON CONFLICT(day, party, provider, kind, grp) DO UPDATE SET"
    "  amount_cents = amount_cents + excluded.amount_cents,"
    "  entries = entries + 1;"
    " END;"

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
    " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',"
    "'applied')),"
    " applied_claim_id INTEGER REFERENCES claim(id)"
    ") STRICT;"
    "CREATE INDEX unapplied_payment_open ON unapplied_payment(status,"
    " claim_ref);"
    "CREATE INDEX unapplied_payment_remittance ON"
    " unapplied_payment(remittance_id);";
