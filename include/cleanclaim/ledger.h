/* ledger.h - the practice's books: every charge, payment, adjustment,
 * transfer and refund as an entry in integer cents with the party
 * responsible for it (a payer, or the patient), balances and invariants. */
#ifndef CLEANCLAIM_LEDGER_H
#define CLEANCLAIM_LEDGER_H

#include "core.h"
#include "store.h"

/* One claim that breaks an invariant. Strings are borrowed for the call. */
typedef struct cc_ledger_problem {
  int64_t claim_id;
  const char *claim_key; /* claim control number (CLM01) */
  const char *rule;      /* short id: "balance", "charge", "reversal"... */
  const char *detail;    /* what is off, with the amounts */
} cc_ledger_problem;

typedef void (*cc_ledger_problem_fn)(void *ctx, const cc_ledger_problem *p);

typedef struct cc_ledger_summary {
  uint64_t claims;   /* claims checked */
  uint64_t broken;   /* problems found (a claim may break several rules) */
  uint64_t entries;  /* ledger entries seen */
  cc_money charges, payments, adjustments, balance; /* over all claims */
} cc_ledger_summary;

/* Verify every ledger invariant on every claim; each problem goes to fn
 * (may be NULL). Returns CC_OK when the check ran, whatever it found:
 * sum->broken says whether the books are sound. */
cc_code cc_ledger_check(cc_store *s, cc_ledger_problem_fn fn, void *ctx,
                        cc_ledger_summary *sum, cc_err *err) CC_WARN_UNUSED;

/* Balance owed by one responsible party on a claim or a patient. */
typedef struct cc_ledger_balance {
  int64_t payer_id;   /* 0 = the patient */
  char payer[64];     /* payer id, "" for the patient */
  cc_money balance;
} cc_ledger_balance;

/* Balances by responsible party of a claim (key: row id or claim control
 * number), parties with a zero balance omitted; up to max in out, the count
 * in *n (may exceed max). */
cc_code cc_ledger_claim_balances(cc_store *s, const char *claim_key,
                                 cc_ledger_balance *out, size_t max,
                                 size_t *n, cc_err *err) CC_WARN_UNUSED;

/* Post the charge entries of a claim (one per line, owed by the claim's
 * payer) unless it already has them. Whoever submits a claim calls this. */
cc_code cc_ledger_charge_claim(cc_store *s, int64_t claim_id,
                               const char *posted_date,
                               cc_err *err) CC_WARN_UNUSED;

/* JSON documents for people and scripts: a claim's entries and balances,
 * and a patient's balances by party across claims. Appends to out. */
cc_code cc_ledger_claim_json(cc_store *s, const char *claim_key, cc_buf *out,
                             cc_err *err) CC_WARN_UNUSED;
cc_code cc_ledger_patient_json(cc_store *s, const char *account_no,
                               cc_buf *out, cc_err *err) CC_WARN_UNUSED;

#endif
