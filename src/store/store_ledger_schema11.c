/* store_ledger_schema11.c - migration 11: each open balance carries its
 * claim's age date, so aging is one scan of the open balances instead of a
 * claim lookup per balance. Never edit once released. */
#include "store_ledger.h"

/* The trigger text of migration 6 with the age date added on insert. */
#define AR_INSERT(E)                                                          \
  " INSERT INTO ar_balance(claim_id, party, balance_cents, age_date)"         \
  "  SELECT " E ".claim_id, coalesce(" E ".payer_id, 0), " E ".amount_cents," \
  " " STORE_CLAIM_AGE_DATE(E ".claim_id")                                     \
  "  WHERE " E ".claim_id IS NOT NULL"                                        \
  "  ON CONFLICT(claim_id, party) DO UPDATE SET balance_cents ="              \
  "  balance_cents + excluded.balance_cents;"
#define DAY_INSERT                                                            \
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
#define OUT_OLD                                                               \
  " UPDATE ar_balance SET balance_cents = balance_cents - OLD.amount_cents"   \
  "  WHERE claim_id = OLD.claim_id AND party = coalesce(OLD.payer_id, 0);"    \
  " UPDATE ledger_day SET amount_cents = amount_cents - OLD.amount_cents,"    \
  "  entries = entries - 1"                                                   \
  "  WHERE day = OLD.posted_date AND party = coalesce(OLD.payer_id, 0)"       \
  "  AND provider = coalesce((SELECT billing_provider_id FROM claim WHERE"    \
  "  id = OLD.claim_id), 0)"                                                  \
  "  AND kind = coalesce((SELECT kind FROM ledger_entry WHERE id ="           \
  "  OLD.reverses_id), OLD.kind)"                                             \
  "  AND grp = coalesce((SELECT coalesce(group_code, '') FROM ledger_entry"   \
  "  WHERE id = OLD.reverses_id), OLD.group_code, '');"

const char store_sql_v11_aging[] =
    /* age_date: coalesce(first_service_date, the day the claim was made),
     * docs/REPORTS.md "Age"; the claim trigger below keeps it. */
    "ALTER TABLE ar_balance ADD COLUMN age_date TEXT;"
    "UPDATE ar_balance SET age_date = "
    STORE_CLAIM_AGE_DATE("ar_balance.claim_id") ";"
    /* Aging reads only the open balances, by party and age: all it needs
     * is in this index. */
    "DROP INDEX ar_balance_open;"
    "CREATE INDEX ar_balance_open ON ar_balance(party, age_date,"
    " balance_cents) WHERE balance_cents <> 0;"
    "DROP TRIGGER ledger_report_insert;"
    "CREATE TRIGGER ledger_report_insert AFTER INSERT ON ledger_entry BEGIN"
    AR_INSERT("NEW") DAY_INSERT " END;"
    "DROP TRIGGER ledger_report_update;"
    "CREATE TRIGGER ledger_report_update AFTER UPDATE OF claim_id, payer_id,"
    " kind, group_code, amount_cents, posted_date, reverses_id ON ledger_entry"
    " BEGIN" OUT_OLD AR_INSERT("NEW") DAY_INSERT " END;"
    "CREATE TRIGGER ar_balance_age AFTER UPDATE OF first_service_date,"
    " created_at ON claim BEGIN"
    " UPDATE ar_balance SET age_date = " STORE_CLAIM_AGE_DATE("NEW.id")
    "  WHERE claim_id = NEW.id AND age_date IS NOT "
    STORE_CLAIM_AGE_DATE("NEW.id") ";"
    " END;";
