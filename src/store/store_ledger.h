/* store_ledger.h - private to the library: the SQL of the ledger (charges,
 * balances by responsible party, invariant checks). */
#ifndef CC_STORE_LEDGER_H
#define CC_STORE_LEDGER_H

#include "cleanclaim/ledger.h"
#include "cleanclaim/store.h"

/* One broken invariant: claim (0 for a remittance-level problem), its
 * control number, rule id and detail; strings borrowed for the call. */
typedef void (*store_ledger_bad_fn)(void *ctx, int64_t claim_id,
                                    const char *key, const char *rule,
                                    const char *detail);
/* Runs every invariant query; totals over all claims into the out params. */
cc_code store_ledger_check(cc_store *s, store_ledger_bad_fn fn, void *ctx,
                           uint64_t *claims, uint64_t *entries,
                           int64_t *charges, int64_t *payments,
                           int64_t *adjustments, int64_t *balance,
                           cc_err *err) CC_WARN_UNUSED;
/* Balances by party of a claim (key = id or control number): fn per party. */
typedef void (*store_ledger_bal_fn)(void *ctx, int64_t payer_id,
                                    const char *payer_code, int64_t cents);
cc_code store_ledger_claim_balances(cc_store *s, const char *key,
                                    store_ledger_bal_fn fn, void *ctx,
                                    cc_err *err) CC_WARN_UNUSED;
/* Balances by party of a patient (account number). */
cc_code store_ledger_patient_balances(cc_store *s, const char *account,
                                      store_ledger_bal_fn fn, void *ctx,
                                      cc_err *err) CC_WARN_UNUSED;
/* Entries of a claim; unapplied payments (see cleanclaim/ledger.h). */
cc_code store_ledger_entries(cc_store *s, const char *key,
                             cc_ledger_entry_fn fn, void *ctx,
                             cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_unapplied(cc_store *s, bool open_only,
                               cc_ledger_unapplied_fn fn, void *ctx,
                               cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_charge_claim(cc_store *s, int64_t claim_id,
                                  const char *posted, cc_err *err) CC_WARN_UNUSED;
/* Bulk writing: a writer of many entries in one transaction calls begin
 * after BEGIN and end before COMMIT. Begin drops the per-row summary
 * trigger of migration 6 inside that transaction (a trigger makes SQLite
 * journal every page each INSERT touches, several times the cost of the
 * entry itself); end brings ar_balance and ledger_day up to date for the
 * entries written since (id > after) in two grouped statements with the
 * trigger's exact meaning, and re-creates the trigger from its stored
 * text. A rollback or a killed process restores the trigger with
 * everything else. */
typedef struct store_ledger_bulk {
  int64_t after;     /* highest entry id before the bulk write */
  char *trigger_sql; /* the dropped trigger, NULL when there was none */
} store_ledger_bulk;
cc_code store_ledger_bulk_begin(cc_store *s, store_ledger_bulk *b,
                                cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_bulk_end(cc_store *s, store_ledger_bulk *b,
                              cc_err *err) CC_WARN_UNUSED;
void store_ledger_bulk_free(store_ledger_bulk *b); /* NULL-safe */
cc_code store_ledger_claim_json(cc_store *s, const char *key, cc_buf *out,
                                cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_patient_json(cc_store *s, const char *account,
                                  cc_buf *out, cc_err *err) CC_WARN_UNUSED;

#endif
