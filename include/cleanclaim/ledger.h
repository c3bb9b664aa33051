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

/* Balances by responsible party of one patient (account number) across
 * all claims, as cc_ledger_claim_balances. CC_E_NOTFOUND: no such patient. */
cc_code cc_ledger_patient_balances(cc_store *s, const char *account_no,
                                   cc_ledger_balance *out, size_t max,
                                   size_t *n, cc_err *err) CC_WARN_UNUSED;

/* One entry of a claim's books; strings are borrowed for the call. */
typedef struct cc_ledger_entry_view {
  int64_t id;
  int64_t line_no;     /* claim line number, 0 = the claim as a whole */
  const char *kind;    /* charge, payment, adjustment, transfer, reversal.. */
  const char *party;   /* payer id, "" for the patient */
  const char *group;   /* CAS group (CO, PR...) or "" */
  const char *reason;  /* CARC or "" */
  const char *posted;  /* YYYY-MM-DD */
  cc_money amount;     /* signed: charges +, payments/write-offs - */
  int64_t file_id;     /* x12_file of the 835, 0 for none */
  int64_t segment;     /* segment number in that file, 0 for none */
  int64_t reverses_id; /* the entry a reversal undoes, 0 for none */
} cc_ledger_entry_view;
typedef void (*cc_ledger_entry_fn)(void *ctx, const cc_ledger_entry_view *e);
/* Every entry of a claim (row id or control number), oldest first. */
cc_code cc_ledger_claim_entries(cc_store *s, const char *claim_key,
                                cc_ledger_entry_fn fn, void *ctx,
                                cc_err *err) CC_WARN_UNUSED;

/* Unapplied cash: a claim payment of a posted 835 that matched no claim
 * of ours (or reversed a payment never posted here), held until the claim
 * is found. Strings are borrowed for the call. */
typedef struct cc_ledger_unapplied {
  int64_t id;
  const char *claim_ref;      /* CLP01 as the payer sent it */
  const char *status_code;    /* CLP02 */
  const char *payer_claim_no; /* CLP07 */
  const char *patient_last, *patient_first, *member_id; /* NM1 QC / IL */
  const char *payer;          /* payer id of the remittance */
  const char *trace;          /* TRN02 */
  const char *posted;         /* posting date */
  const char *status;         /* open or applied */
  int64_t file_id, segment;   /* the 835 file and the CLP's segment number */
  cc_money charge, paid;      /* CLP03, CLP04 */
  const char *applied_claim;  /* control number it was applied to, or "" */
} cc_ledger_unapplied;
typedef void (*cc_ledger_unapplied_fn)(void *ctx, const cc_ledger_unapplied *u);
/* Unapplied payments, oldest first; only the open ones when open_only. */
cc_code cc_ledger_unapplied_list(cc_store *s, bool open_only,
                                 cc_ledger_unapplied_fn fn, void *ctx,
                                 cc_err *err) CC_WARN_UNUSED;

/* A payer credit balance: on this claim the payer's entries sum below
 * zero (it paid more than it owed, e.g. a secondary paying more than the
 * primary left). The money is the payer's until refunded
 * (cc_billing_payer_refund). Strings are borrowed for the call. */
typedef struct cc_ledger_payer_credit {
  int64_t claim_id;
  const char *claim;        /* control number of the claim holding it */
  const char *account;      /* the patient's account number */
  const char *payer;        /* payer id */
  const char *service_date; /* the claim's first date of service */
  cc_money credit;          /* positive: what the payer is owed back */
} cc_ledger_payer_credit;
typedef void (*cc_ledger_payer_credit_fn)(void *ctx,
                                          const cc_ledger_payer_credit *c);
/* Every payer credit balance, oldest date of service first. */
cc_code cc_ledger_payer_credits(cc_store *s, cc_ledger_payer_credit_fn fn,
                                void *ctx, cc_err *err) CC_WARN_UNUSED;

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
