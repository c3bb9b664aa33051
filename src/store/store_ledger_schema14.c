/* store_ledger_schema14.c - migration 14: ar_balance holds open balances
 * only, so aging reads the table itself and needs no index. Never edit
 * once released. */
#include "store_ledger.h"

/* A balance that comes to zero is deleted; one that moves from zero is
 * inserted with its claim's age date (docs/REPORTS.md "Age"). Every
 * posted claim used to pay for the partial index ar_balance_open twice
 * (its payer's balance closing, the patient's opening), as much as the
 * balances themselves; without zero rows the table is that index. */
#define AR_ADD(E, SIGN)                                                       \
  " INSERT INTO ar_balance(claim_id, party, balance_cents, age_date)"         \
  "  SELECT " E ".claim_id, coalesce(" E ".payer_id, 0), " SIGN E             \
  ".amount_cents, " STORE_CLAIM_AGE_DATE(E ".claim_id")                       \
  "  WHERE " E ".claim_id IS NOT NULL"                                        \
  "  ON CONFLICT(claim_id, party) DO UPDATE SET balance_cents ="              \
  "  balance_cents + excluded.balance_cents;"                                 \
  " DELETE FROM ar_balance WHERE claim_id = " E ".claim_id AND party ="       \
  "  coalesce(" E ".payer_id, 0) AND balance_cents = 0;"
/* ledger_day as migrations 6 and 11 keep it (copied, not shared: a
 * released migration's text never changes). */
#define DAY_IN                                                                \
  " INSERT INTO ledger_day(day, party, provider, kind, grp, amount_cents,"    \
  " entries)"                                                                 \
  "  SELECT NEW.posted_date, coalesce(NEW.payer_id, 0),"                      \
  "  coalesce((SELECT billing_provider_id FROM claim WHERE id ="              \
  "  NEW.claim_id), 0), o.kind, coalesce(o.group_code, ''),"                  \
  "  NEW.amount_cents, 1"                                                     \
  "  FROM ledger_entry o WHERE o.id = coalesce(NEW.reverses_id, NEW.id)"      \
  "  ON CONFLICT(day, party, provider, kind, grp) DO UPDATE SET"              \
  "  amount_cents = amount_cents + excluded.amount_cents,"                    \
  "  entries = entries + 1;"
#define DAY_OUT                                                               \
  " UPDATE ledger_day SET amount_cents = amount_cents - OLD.amount_cents,"    \
  "  entries = entries - 1"                                                   \
  "  WHERE day = OLD.posted_date AND party = coalesce(OLD.payer_id, 0)"       \
  "  AND provider = coalesce((SELECT billing_provider_id FROM claim WHERE"    \
  "  id = OLD.claim_id), 0)"                                                  \
  "  AND kind = coalesce((SELECT kind FROM ledger_entry WHERE id ="           \
  "  OLD.reverses_id), OLD.kind)"                                             \
  "  AND grp = coalesce((SELECT coalesce(group_code, '') FROM ledger_entry"   \
  "  WHERE id = OLD.reverses_id), OLD.group_code, '');"

const char store_sql_v14_open_balances[] =
    "DELETE FROM ar_balance WHERE balance_cents = 0;"
    "DROP INDEX ar_balance_open;"
    "DROP TRIGGER ledger_report_insert;"
    "CREATE TRIGGER ledger_report_insert AFTER INSERT ON ledger_entry BEGIN"
    AR_ADD("NEW", "") DAY_IN " END;"
    "DROP TRIGGER ledger_report_update;"
    "CREATE TRIGGER ledger_report_update AFTER UPDATE OF claim_id, payer_id,"
    " kind, group_code, amount_cents, posted_date, reverses_id ON ledger_entry"
    " BEGIN" AR_ADD("OLD", "-") DAY_OUT AR_ADD("NEW", "") DAY_IN " END;"
    "DROP TRIGGER ledger_report_delete;"
    "CREATE TRIGGER ledger_report_delete AFTER DELETE ON ledger_entry BEGIN"
    AR_ADD("OLD", "-") DAY_OUT " END;";
