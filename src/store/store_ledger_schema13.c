/* store_ledger_schema13.c - migration 13: four indexes fewer on the rows
 * an 835 writes by the hundred thousand. Never edit once released. */

/* Every ledger entry paid 5 b-tree inserts for 4 indexes; these three
 * served lookups that other keys now answer (docs/internals/LEDGER.md
 * "Indexes"):
 * - ledger_posted: "anything posted after D?" reads ledger_day, whose key
 *   starts with the day;
 * - ledger_remit_claim: an entry carrying remit_claim_id R sits on R's
 *   ledger claim (remit_claim.ledger_claim_id), so ledger_claim finds it;
 * - ledger_patient: an entry on a claim belongs to the claim's patient
 *   (`ledger check` verifies it), so only entries without a claim need a
 *   patient key.
 * claim_payer_status doubled every status change of a claim; submit's
 * "ready claims of payer P" reads claim_status (few ready claims) instead. */
const char store_sql_v13_fewer_indexes[] =
    "DROP INDEX ledger_posted;"
    "DROP INDEX ledger_remit_claim;"
    "DROP INDEX ledger_patient;"
    "CREATE INDEX ledger_patient_own ON ledger_entry(patient_id, posted_date)"
    " WHERE claim_id IS NULL;"
    "DROP INDEX claim_payer_status;";
