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
 * after BEGIN and end before COMMIT. Begin drops the per-row triggers
 * that keep the summaries (migration 6: ar_balance, ledger_day) and the
 * first facts (migration 10: claim_first_adj and _pay from remit_claim
 * and claim_denial) inside that transaction: a trigger makes SQLite
 * journal every page each INSERT touches, several times the cost of the
 * row itself. End brings them up to date for the rows written since (ids
 * above those recorded by begin) in a few grouped statements with the
 * triggers' exact meaning, and re-creates the triggers from their stored
 * text. A rollback or a killed process restores them with everything
 * else. A writer that summed its own entries (store_remit.c) sets
 * summed so that end leaves ar_balance and ledger_day to it, and one that
 * wrote the first facts of its claim payments sets facts_done. */
typedef struct store_ledger_bulk {
  int64_t after;     /* highest entry id before the bulk write */
  char *trigger_sql; /* the dropped trigger, NULL when there was none */
  int64_t rc_after, denial_after; /* remit_claim, claim_denial */
  char *adj_sql, *denial_sql;     /* their dropped triggers */
  bool summed;
  bool facts_done; /* the writer kept claim_first_adj and _pay itself */
} store_ledger_bulk;
cc_code store_ledger_bulk_begin(cc_store *s, store_ledger_bulk *b,
                                cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_bulk_end(cc_store *s, store_ledger_bulk *b,
                              cc_err *err) CC_WARN_UNUSED;
void store_ledger_bulk_free(store_ledger_bulk *b); /* NULL-safe */
/* Per-claim first facts (migration 10) recomputed from scratch for the
 * claims of K, a SELECT yielding a column `id`: rows in the column order
 * of claim_first_scrub, claim_first_adj and claim_first_pay. Migration
 * 10's text is built from these: never change them, add new ones. */
/* What the KPIs ask of the claim itself, kept beside each first
 * adjudication: is it an original (frequency 1), how many times was it
 * sent, the day of its first submission (the earliest outgoing file). */
/* A claim's age date (docs/REPORTS.md): its first service date, else the
 * day it was made; kept on ar_balance by migration 11. */
#define STORE_CLAIM_AGE_DATE(ID)                                              \
  "(SELECT coalesce(first_service_date, substr(created_at, 1, 10)) FROM"      \
  " claim WHERE id = " ID ")"
/* Since migration 13 the ledger has no index on patient_id or
 * remit_claim_id for entries on a claim; these say which entries those are
 * through keys that have one. E is the ledger_entry alias, P and R SQL
 * expressions. A patient's entries: those on the patient's claims (an
 * entry on a claim is the claim's patient's; `ledger check` verifies it)
 * and those on no claim. */
#define STORE_PATIENT_ENTRIES(E, P)                                           \
  "(" E ".claim_id IN (SELECT id FROM claim WHERE patient_id = " P ") OR"      \
  " (" E ".claim_id IS NULL AND " E ".patient_id = " P "))"
/* The entries posted from claim payment R: they sit on R's ledger claim.
 * STORE_RC_ENTRIES is the same for a remit_claim row RC in scope. */
#define STORE_REMIT_ENTRIES(E, R)                                             \
  "(" E ".claim_id = (SELECT ledger_claim_id FROM remit_claim WHERE id = "    \
  R ") AND " E ".remit_claim_id = " R ")"
#define STORE_RC_ENTRIES(E, RC)                                               \
  "(" E ".claim_id = " RC ".ledger_claim_id AND " E ".remit_claim_id = " RC   \
  ".id)"
#define STORE_CLAIM_ORIGINAL(ID)                                              \
  "coalesce((SELECT frequency_code = '1' FROM claim WHERE id = " ID "), 0)"
#define STORE_CLAIM_SUBMISSIONS(ID)                                           \
  "(SELECT count(*) FROM claim_submission WHERE claim_id = " ID ")"
#define STORE_CLAIM_FIRST_SUB(ID)                                             \
  "(SELECT min(substr(x.created_at, 1, 10)) FROM claim_submission s JOIN"     \
  " x12_file x ON x.id = s.file_id WHERE s.claim_id = " ID ")"
/* A first fact keeps the earliest posting (day, then remit_claim id):
 * what an INSERT of facts does when the claim has one already. */
#define STORE_FIRST_ADJ_KEEP                                                  \
  " ON CONFLICT(claim_id) DO UPDATE SET posted_date=excluded.posted_date,"    \
  "remit_claim_id=excluded.remit_claim_id,payer_id=excluded.payer_id,"        \
  "paid_cents=excluded.paid_cents,charge_cents=excluded.charge_cents,"        \
  "denied=excluded.denied,original=excluded.original,submissions="            \
  "excluded.submissions WHERE excluded.posted_date<posted_date OR ("          \
  "excluded.posted_date=posted_date AND excluded.remit_claim_id<"             \
  "remit_claim_id)"
#define STORE_FIRST_PAY_KEEP                                                  \
  " ON CONFLICT(claim_id) DO UPDATE SET posted_date=excluded.posted_date,"    \
  "remit_claim_id=excluded.remit_claim_id,payer_id=excluded.payer_id,"        \
  "first_sub=excluded.first_sub WHERE excluded.posted_date<posted_date OR ("  \
  "excluded.posted_date=posted_date AND excluded.remit_claim_id<"             \
  "remit_claim_id)"
#define STORE_FIRST_SCRUB_SEL(K)                                              \
  "SELECT r.claim_id, r.scrub_date, r.id, r.errors FROM (" K ") k"            \
  " JOIN scrub_run r ON r.id = (SELECT p.id FROM scrub_run p WHERE"           \
  " p.claim_id = k.id ORDER BY p.scrub_date, p.id LIMIT 1)"
#define STORE_FIRST_ADJ_SEL(K)                                                \
  "SELECT rc.claim_id, r.posted_date, rc.id, rc.payer_id, rc.paid_cents,"     \
  " rc.charge_cents, rc.status_code = '4' OR (rc.paid_cents = 0 AND EXISTS"   \
  " (SELECT 1 FROM claim_denial d WHERE d.claim_id = rc.claim_id AND"         \
  " d.remit_claim_id = rc.id)), " STORE_CLAIM_ORIGINAL("rc.claim_id") ", "    \
  STORE_CLAIM_SUBMISSIONS("rc.claim_id") " FROM (" K ") k"                    \
  " JOIN remit_claim rc ON rc.id = (SELECT p.id FROM remit_claim p JOIN"      \
  " remittance pr ON pr.id = p.remittance_id WHERE p.claim_id = k.id AND"     \
  " p.status_code <> '22' ORDER BY pr.posted_date, p.id LIMIT 1)"             \
  " JOIN remittance r ON r.id = rc.remittance_id"
#define STORE_FIRST_PAY_SEL(K)                                                \
  "SELECT rc.claim_id, r.posted_date, rc.id, rc.payer_id, "                   \
  STORE_CLAIM_FIRST_SUB("rc.claim_id") " FROM (" K ") k"                      \
  " JOIN remit_claim rc ON rc.id = (SELECT p.id FROM remit_claim p JOIN"      \
  " remittance pr ON pr.id = p.remittance_id WHERE p.claim_id = k.id AND"     \
  " p.status_code <> '22' AND p.paid_cents > 0 ORDER BY pr.posted_date,"      \
  " p.id LIMIT 1) JOIN remittance r ON r.id = rc.remittance_id"
#define STORE_FIRST_SCRUB_OF(K)                                               \
  "INSERT INTO claim_first_scrub(claim_id, scrub_date, run_id, errors) "      \
  STORE_FIRST_SCRUB_SEL(K) ";"
#define STORE_FIRST_ADJ_OF(K)                                                 \
  "INSERT INTO claim_first_adj(claim_id, posted_date, remit_claim_id,"        \
  " payer_id, paid_cents, charge_cents, denied, original, submissions) "      \
  STORE_FIRST_ADJ_SEL(K) ";"
#define STORE_FIRST_PAY_OF(K)                                                 \
  "INSERT INTO claim_first_pay(claim_id, posted_date, remit_claim_id,"        \
  " payer_id, first_sub) " STORE_FIRST_PAY_SEL(K) ";"

cc_code store_ledger_claim_json(cc_store *s, const char *key, cc_buf *out,
                                cc_err *err) CC_WARN_UNUSED;
cc_code store_ledger_patient_json(cc_store *s, const char *account,
                                  cc_buf *out, cc_err *err) CC_WARN_UNUSED;

#endif
