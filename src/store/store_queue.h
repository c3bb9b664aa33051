/* store_queue.h - private to the library: the SQL of the denial work queue
 * (store_queue.c) and of patient billing (store_billing.c). */
#ifndef CC_STORE_QUEUE_H
#define CC_STORE_QUEUE_H

#include "cleanclaim/billing.h"
#include "cleanclaim/ledger.h"
#include "cleanclaim/queue.h"

/* ---- shared ---------------------------------------------------------- */
/* The acting user's id when their role may take action (action_role);
 * CC_E_DENIED with a message naming the user, role and action otherwise. */
cc_code store_queue_role(cc_store *s, const char *user, const char *action,
                         int64_t *user_id, cc_err *err) CC_WARN_UNUSED;
/* One ledger entry; payer_id 0 = the patient, claim_id/line_id/receipt_id
 * 0 = none; group/reason/reference may be NULL. */
typedef struct store_bill_entry_rec {
  int64_t patient_id, claim_id, line_id, payer_id, receipt_id;
  const char *kind, *group, *reason, *reference, *posted, *service_date;
  int64_t cents;
} store_bill_entry_rec;
cc_code store_bill_entry(cc_store *s, const store_bill_entry_rec *e,
                         cc_err *err) CC_WARN_UNUSED;
/* Named values for a template: fn(ctx, name, value) per column of the
 * one row the query returns (value "" for NULL). */
typedef void (*store_kv_fn)(void *ctx, const char *name, const char *value);

/* ---- the queue ------------------------------------------------------- */
cc_code store_queue_refresh(cc_store *s, cc_queue_refresh_result *res,
                            cc_err *err) CC_WARN_UNUSED;
/* Items matching f, or only item id when id != 0. */
cc_code store_queue_list(cc_store *s, const cc_queue_filter *f, int64_t id,
                         cc_queue_item_fn fn, void *ctx,
                         cc_err *err) CC_WARN_UNUSED;
cc_code store_queue_history(cc_store *s, int64_t id, cc_queue_event_fn fn,
                            void *ctx, cc_err *err) CC_WARN_UNUSED;
cc_code store_queue_json(cc_store *s, int64_t id, cc_buf *out,
                         cc_err *err) CC_WARN_UNUSED;
cc_code store_queue_event(cc_store *s, int64_t id, int64_t user_id,
                          const char *action, const char *detail,
                          cc_err *err) CC_WARN_UNUSED;
/* assignee NULL keeps, "" clears; follow_up NULL keeps. CC_E_NOTFOUND when
 * the assignee is no user. */
cc_code store_queue_assign(cc_store *s, int64_t id, const char *assignee,
                           const char *follow_up, cc_err *err) CC_WARN_UNUSED;
cc_code store_queue_set_status(cc_store *s, int64_t id, const char *status,
                               const char *resolution,
                               cc_err *err) CC_WARN_UNUSED;
/* The service line an item is about (0: the whole claim). */
cc_code store_queue_item_line(cc_store *s, int64_t id, int64_t *line_id,
                              cc_err *err) CC_WARN_UNUSED;
/* What is left open on an item after part of it was acted on. */
cc_code store_queue_item_reduce(cc_store *s, int64_t id, int64_t cents,
                                cc_err *err) CC_WARN_UNUSED;
/* The claim's patient, its payer and that payer's balance on the claim. */
cc_code store_queue_claim_party(cc_store *s, int64_t claim_id,
                                int64_t *patient_id, int64_t *payer_id,
                                int64_t *payer_balance,
                                cc_err *err) CC_WARN_UNUSED;
/* A void claim's charges and an equal adjustment, so it never carries a
 * balance (submission then finds its charges posted). */
cc_code store_queue_void_entries(cc_store *s, int64_t void_claim_id,
                                 const char *posted,
                                 cc_err *err) CC_WARN_UNUSED;
cc_code store_queue_appeal_add(cc_store *s, int64_t item_id, int64_t claim_id,
                               const char *date, const char *deadline,
                               const char *argument, const char *letter,
                               int64_t user_id, int64_t *id,
                               cc_err *err) CC_WARN_UNUSED;
/* Letter fields (practice, payer, patient, claim) by name. */
cc_code store_queue_letter_fields(cc_store *s, int64_t item_id,
                                  const char *user, store_kv_fn fn, void *ctx,
                                  cc_err *err) CC_WARN_UNUSED;
/* Documents attached to the claim's authorizations and referrals: fn per
 * document as name "kind number", value "title (path)". */
cc_code store_queue_documents(cc_store *s, int64_t claim_id, store_kv_fn fn,
                              void *ctx, cc_err *err) CC_WARN_UNUSED;

/* ---- patient billing ------------------------------------------------- */
cc_code store_bill_patient(cc_store *s, const char *account, int64_t *id,
                           cc_err *err) CC_WARN_UNUSED;
/* Claims with a patient balance of the given sign (> 0 owed, < 0 credit),
 * oldest service first: fn(ctx, claim_id, balance). */
cc_code store_bill_claims(cc_store *s, int64_t patient_id, int sign,
                          void (*fn)(void *ctx, int64_t claim, int64_t cents),
                          void *ctx, cc_err *err) CC_WARN_UNUSED;
/* Patient-party totals: over everything, and on the account (no claim). */
cc_code store_bill_balance(cc_store *s, int64_t patient_id, int64_t *total,
                           int64_t *account_level, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_receipt_add(cc_store *s, int64_t patient_id,
                               const char *kind, const char *method,
                               const char *reference, int64_t cents,
                               const char *posted, int64_t other_patient,
                               int64_t user_id, int64_t *id,
                               cc_err *err) CC_WARN_UNUSED;
/* A payer's standing on one claim (key: control number or row id). */
typedef struct store_bill_payer_claim_row {
  int64_t claim_id, patient_id, payer_id;
  int64_t balance; /* the payer's entries on the claim; < 0 a credit */
} store_bill_payer_claim_row;
/* CC_E_NOTFOUND naming the claim or the payer that does not exist. */
cc_code store_bill_payer_claim(cc_store *s, const char *claim_key,
                               const char *payer_code,
                               store_bill_payer_claim_row *out,
                               cc_err *err) CC_WARN_UNUSED;
/* Every claim on which a payer's entries sum below zero, oldest service
 * first. */
cc_code store_bill_payer_credits(cc_store *s, cc_ledger_payer_credit_fn fn,
                                 void *ctx, cc_err *err) CC_WARN_UNUSED;
/* A billing_policy value, or dflt when the row is missing. */
int64_t store_bill_policy(cc_store *s, const char *name, int64_t dflt);
cc_code store_bill_statement_fields(cc_store *s, int64_t patient_id,
                                    store_kv_fn fn, void *ctx,
                                    cc_err *err) CC_WARN_UNUSED;
/* One claim on a statement; text borrowed for the call. */
typedef struct store_bill_claim_row {
  int64_t claim_id;
  const char *claim, *payer, *first_date;
  int64_t charge, ins_paid, ins_adj, pending, pat_paid, owe;
} store_bill_claim_row;
cc_code store_bill_statement_claims(cc_store *s, int64_t patient_id,
                                    void (*fn)(void *ctx,
                                               const store_bill_claim_row *r),
                                    void *ctx, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_claim_lines(cc_store *s, int64_t claim_id,
                               void (*fn)(void *ctx, const char *date,
                                          const char *code, int64_t charge),
                               void *ctx, cc_err *err) CC_WARN_UNUSED;
/* Patients whose patient-party balance is not zero: fn(ctx, id, account,
 * balance, last statement date or NULL). */
cc_code store_bill_patients(cc_store *s,
                            void (*fn)(void *ctx, int64_t id,
                                       const char *account, int64_t balance,
                                       const char *last_statement),
                            void *ctx, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_statement_add(cc_store *s, int64_t patient_id,
                                 const char *date, const char *due,
                                 int64_t balance, const char *content,
                                 int64_t *id, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_statement_get(cc_store *s, const char *key, cc_buf *out,
                                 int64_t *id, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_plan_add(cc_store *s, int64_t patient_id, int64_t total,
                            int n, const char *start, const char *created,
                            const cc_money *amounts, char (*due)[11],
                            int64_t *id, cc_err *err) CC_WARN_UNUSED;
/* Plan header and installments into out (states left to the caller) and
 * the patient payments posted on or after the plan's creation. */
cc_code store_bill_plan_get(cc_store *s, int64_t id, cc_billing_plan *out,
                            int64_t *paid, cc_err *err) CC_WARN_UNUSED;
cc_code store_bill_plan_list(cc_store *s, const char *account,
                             void (*fn)(void *ctx, int64_t id), void *ctx,
                             cc_err *err) CC_WARN_UNUSED;

#endif
