/* store_ledger_schema10.c - migration 10: a ledger that is cheap to write
 * and per-claim "first" facts that make the KPIs one scan. Never edit once
 * released: later changes are new migrations. */

#include "store_ledger.h"

/* Forget and recompute the adjudication facts of the claims of K. */
#define REDO_ADJ(K)                                                           \
  "DELETE FROM claim_first_adj WHERE claim_id IN (" K ");"                    \
  "DELETE FROM claim_first_pay WHERE claim_id IN (" K ");"                    \
  STORE_FIRST_ADJ_OF("SELECT DISTINCT id FROM (" K ")")                       \
  STORE_FIRST_PAY_OF("SELECT DISTINCT id FROM (" K ")")

const char store_sql_v10_ledger_speed[] =
    /* Every index on ledger_entry is paid for by every posting (four or
     * more entries per claim). ledger_payer and ledger_source served no
     * query; ledger_posted only ever answers "posted after day D" (aging
     * as of a past day), for which the day alone is enough, and a key
     * of the day alone is appended to in posting order. */
    "DROP INDEX ledger_payer;"
    "DROP INDEX ledger_source;"
    "DROP INDEX ledger_posted;"
    "CREATE INDEX ledger_posted ON ledger_entry(posted_date);"

    /* Each claim's first scrub (scrub_run: earliest day, then row) and
     * first adjudication (remit_claim other than a reversal: earliest
     * posting day of its remittance, then row), kept when they happen so
     * that the KPIs read one row per claim in the period instead of
     * searching every claim's history (docs/REPORTS.md, kpi). denied is
     * the report's definition: CLP02 4, or nothing paid with a denial
     * row of that adjudication. claim_first_pay: the first adjudication
     * that paid something (days to pay). Derived data, so no foreign
     * keys: the triggers follow the rows they come from, also when a
     * claim's deletion cascades to its scrub runs. */
    "CREATE TABLE claim_first_scrub("
    " claim_id INTEGER PRIMARY KEY,"
    " scrub_date TEXT NOT NULL,"
    " run_id INTEGER NOT NULL,"
    " errors INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX claim_first_scrub_date ON claim_first_scrub(scrub_date,"
    " errors);"
    "CREATE TABLE claim_first_adj("
    " claim_id INTEGER PRIMARY KEY,"
    " posted_date TEXT NOT NULL,"
    " remit_claim_id INTEGER NOT NULL,"
    " payer_id INTEGER NOT NULL,"
    " paid_cents INTEGER NOT NULL,"
    " charge_cents INTEGER NOT NULL,"
    " denied INTEGER NOT NULL,"
    " original INTEGER NOT NULL,"   /* the claim's frequency code is 1 */
    " submissions INTEGER NOT NULL" /* claim_submission rows */
    ") STRICT;"
    "CREATE INDEX claim_first_adj_date ON claim_first_adj(posted_date,"
    " paid_cents, charge_cents, denied, original, submissions);"
    "CREATE TABLE claim_first_pay("
    " claim_id INTEGER PRIMARY KEY,"
    " posted_date TEXT NOT NULL,"
    " remit_claim_id INTEGER NOT NULL,"
    " payer_id INTEGER NOT NULL,"
    " first_sub TEXT" /* day of the first submission, NULL: never sent */
    ") STRICT;"
    "CREATE INDEX claim_first_pay_date ON claim_first_pay(posted_date,"
    " payer_id, first_sub);"

    /* New rows, the usual case: the earlier one wins. Bulk writers (835
     * posting) drop the two _insert triggers inside their transaction and
     * apply the same rule in store_ledger_bulk_end. */
    "CREATE TRIGGER first_scrub_insert AFTER INSERT ON scrub_run BEGIN"
    " INSERT INTO claim_first_scrub(claim_id, scrub_date, run_id, errors)"
    "  VALUES(NEW.claim_id, NEW.scrub_date, NEW.id, NEW.errors)"
    "  ON CONFLICT(claim_id) DO UPDATE SET scrub_date = excluded.scrub_date,"
    "  run_id = excluded.run_id, errors = excluded.errors"
    "  WHERE excluded.scrub_date < scrub_date OR (excluded.scrub_date ="
    "  scrub_date AND excluded.run_id < run_id);"
    " END;"
    "CREATE TRIGGER first_adj_insert AFTER INSERT ON remit_claim"
    " WHEN NEW.status_code <> '22' BEGIN"
    " INSERT INTO claim_first_adj(claim_id, posted_date, remit_claim_id,"
    "  payer_id, paid_cents, charge_cents, denied, original, submissions)"
    "  SELECT NEW.claim_id, r.posted_date, NEW.id, NEW.payer_id,"
    "  NEW.paid_cents, NEW.charge_cents, NEW.status_code = '4' OR"
    "  (NEW.paid_cents = 0 AND EXISTS (SELECT 1 FROM claim_denial d WHERE"
    "  d.claim_id = NEW.claim_id AND d.remit_claim_id = NEW.id)), "
    STORE_CLAIM_ORIGINAL("NEW.claim_id") ", "
    STORE_CLAIM_SUBMISSIONS("NEW.claim_id")
    "  FROM remittance r WHERE r.id = NEW.remittance_id"
    "  ON CONFLICT(claim_id) DO UPDATE SET posted_date ="
    "  excluded.posted_date, remit_claim_id = excluded.remit_claim_id,"
    "  payer_id = excluded.payer_id, paid_cents = excluded.paid_cents,"
    "  charge_cents = excluded.charge_cents, denied = excluded.denied"
    "  WHERE excluded.posted_date < posted_date OR (excluded.posted_date ="
    "  posted_date AND excluded.remit_claim_id < remit_claim_id);"
    " INSERT INTO claim_first_pay(claim_id, posted_date, remit_claim_id,"
    "  payer_id, first_sub) SELECT NEW.claim_id, r.posted_date, NEW.id,"
    "  NEW.payer_id, " STORE_CLAIM_FIRST_SUB("NEW.claim_id")
    "  FROM remittance r WHERE r.id = NEW.remittance_id AND"
    "  NEW.paid_cents > 0"
    "  ON CONFLICT(claim_id) DO UPDATE SET posted_date ="
    "  excluded.posted_date, remit_claim_id = excluded.remit_claim_id,"
    "  payer_id = excluded.payer_id"
    "  WHERE excluded.posted_date < posted_date OR (excluded.posted_date ="
    "  posted_date AND excluded.remit_claim_id < remit_claim_id);"
    " END;"
    "CREATE TRIGGER first_adj_denial_insert AFTER INSERT ON claim_denial"
    " BEGIN"
    " UPDATE claim_first_adj SET denied = 1 WHERE claim_id = NEW.claim_id"
    "  AND remit_claim_id = NEW.remit_claim_id AND paid_cents = 0;"
    " END;"

    /* Rows changed or removed (nothing in cleanclaim does; a hand edit
     * must not leave the facts behind): recompute those claims. */
    "CREATE TRIGGER first_scrub_delete AFTER DELETE ON scrub_run BEGIN"
    " DELETE FROM claim_first_scrub WHERE claim_id = OLD.claim_id;"
    STORE_FIRST_SCRUB_OF("SELECT OLD.claim_id AS id") " END;"
    "CREATE TRIGGER first_scrub_update AFTER UPDATE OF claim_id, scrub_date,"
    " errors ON scrub_run BEGIN"
    " DELETE FROM claim_first_scrub WHERE claim_id IN (OLD.claim_id,"
    " NEW.claim_id);"
    STORE_FIRST_SCRUB_OF("SELECT OLD.claim_id AS id UNION SELECT NEW.claim_id")
    " END;"
    "CREATE TRIGGER first_adj_delete AFTER DELETE ON remit_claim BEGIN "
    REDO_ADJ("SELECT OLD.claim_id AS id") " END;"
    "CREATE TRIGGER first_adj_update AFTER UPDATE OF claim_id, status_code,"
    " paid_cents, charge_cents, payer_id, remittance_id ON remit_claim BEGIN "
    REDO_ADJ("SELECT OLD.claim_id AS id UNION SELECT NEW.claim_id") " END;"
    "CREATE TRIGGER first_adj_remittance_update AFTER UPDATE OF posted_date"
    " ON remittance BEGIN "
    REDO_ADJ("SELECT claim_id AS id FROM remit_claim WHERE remittance_id ="
             " NEW.id") " END;"
    "CREATE TRIGGER first_adj_remittance_delete AFTER DELETE ON remittance"
    " BEGIN "
    REDO_ADJ("SELECT claim_id AS id FROM remit_claim WHERE remittance_id ="
             " OLD.id") " END;"
    "CREATE TRIGGER first_adj_denial_delete AFTER DELETE ON claim_denial"
    " BEGIN " REDO_ADJ("SELECT OLD.claim_id AS id") " END;"
    "CREATE TRIGGER first_adj_denial_update AFTER UPDATE OF claim_id,"
    " remit_claim_id ON claim_denial BEGIN "
    REDO_ADJ("SELECT OLD.claim_id AS id UNION SELECT NEW.claim_id") " END;"

    /* The claim side of first pass and days to pay. */
    "CREATE TRIGGER first_adj_claim_update AFTER UPDATE OF frequency_code"
    " ON claim BEGIN"
    " UPDATE claim_first_adj SET original = (NEW.frequency_code = '1')"
    "  WHERE claim_id = NEW.id AND original <> (NEW.frequency_code = '1');"
    " END;"
    "CREATE TRIGGER first_adj_submission_insert AFTER INSERT ON"
    " claim_submission BEGIN"
    " UPDATE claim_first_adj SET submissions = submissions + 1"
    "  WHERE claim_id = NEW.claim_id;"
    " UPDATE claim_first_pay SET first_sub = "
    STORE_CLAIM_FIRST_SUB("NEW.claim_id") " WHERE claim_id = NEW.claim_id;"
    " END;"
    "CREATE TRIGGER first_adj_submission_delete AFTER DELETE ON"
    " claim_submission BEGIN"
    " UPDATE claim_first_adj SET submissions = submissions - 1"
    "  WHERE claim_id = OLD.claim_id;"
    " UPDATE claim_first_pay SET first_sub = "
    STORE_CLAIM_FIRST_SUB("OLD.claim_id") " WHERE claim_id = OLD.claim_id;"
    " END;"
    "CREATE TRIGGER first_adj_submission_update AFTER UPDATE OF claim_id,"
    " file_id ON claim_submission BEGIN "
    REDO_ADJ("SELECT OLD.claim_id AS id UNION SELECT NEW.claim_id") " END;"
    "CREATE TRIGGER first_pay_file_update AFTER UPDATE OF created_at ON"
    " x12_file BEGIN"
    " UPDATE claim_first_pay SET first_sub = "
    STORE_CLAIM_FIRST_SUB("claim_first_pay.claim_id")
    " WHERE claim_id IN (SELECT claim_id FROM claim_submission WHERE"
    " file_id = NEW.id);"
    " END;"

    /* What was recorded before this migration. */
    STORE_FIRST_SCRUB_OF("SELECT DISTINCT claim_id AS id FROM scrub_run")
    STORE_FIRST_ADJ_OF("SELECT DISTINCT claim_id AS id FROM remit_claim")
    STORE_FIRST_PAY_OF("SELECT DISTINCT claim_id AS id FROM remit_claim");

