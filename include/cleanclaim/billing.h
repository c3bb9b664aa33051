/* billing.h - patient billing: statements (text and PDF) with itemised
 * services, insurance paid and adjusted, what the patient owes and its
 * aging; statement cycles with a minimum balance and a small-balance
 * policy; payment plans; patient payments, refunds of credit balances and
 * transfers of credit between accounts, all in the ledger.
 * See docs/BILLING.md. */
#ifndef CLEANCLAIM_BILLING_H
#define CLEANCLAIM_BILLING_H

#include "core.h"
#include "store.h"

/* ---- PDF: a text document (lines split on '\n', form feed starts a new
 * page) written as a PDF in a fixed-width font, 60 lines a page. pages
 * (may be NULL) receives the page count. CC_E_IO when path cannot be
 * written. */
cc_code cc_billing_pdf_write(const char *text, const char *title,
                             const char *path, uint32_t *pages,
                             cc_err *err) CC_WARN_UNUSED;

/* ---- Money the patient pays or gets back. user is the acting user
 * (app_user.username): CC_E_DENIED when absent or when the role may not
 * (action_role). date NULL = today. */
typedef struct cc_billing_receipt {
  int64_t receipt_id;
  cc_money applied;   /* to claims with a patient balance, oldest first */
  cc_money unapplied; /* left on the account as a credit */
  uint32_t claims;    /* claims the payment went to */
  cc_money balance;   /* the patient's balance after (negative = credit) */
} cc_billing_receipt;

/* A patient payment: method "cash", "card" (reference: the card
 * authorisation), "check" (reference: the check number, required) or
 * "eft". Applied to the claims the patient owes on, oldest service first;
 * what is left is a credit on the account. */
cc_code cc_billing_payment_post(cc_store *s, const char *account,
                                cc_money amount, const char *method,
                                const char *reference, const char *date,
                                const char *user, cc_billing_receipt *res,
                                cc_err *err) CC_WARN_UNUSED;
/* Give back a credit balance (amount 0 = all of it). CC_E_INVALID when the
 * patient has no credit or less than amount. */
cc_code cc_billing_refund(cc_store *s, const char *account, cc_money amount,
                          const char *method, const char *reference,
                          const char *date, const char *user,
                          cc_billing_receipt *res, cc_err *err) CC_WARN_UNUSED;
/* Give a payer back its credit balance on a claim (claim_key: control
 * number or row id of the claim holding it, as cc_ledger_payer_credits
 * lists; payer: payer id; amount 0 = all of it): a refund entry (+amount)
 * on the claim with the payer as the responsible party, and a receipt on
 * the claim's patient (kind refund, method, reference, acting user) as
 * the record of who sent it. Role as for a patient refund. res->applied
 * is the refund, res->claims 1, res->balance the payer's balance on the
 * claim after (0 when all was refunded). CC_E_NOTFOUND: no such claim or
 * payer; CC_E_INVALID: the payer holds no credit there, or less than
 * amount. */
cc_code cc_billing_payer_refund(cc_store *s, const char *claim_key,
                                const char *payer, cc_money amount,
                                const char *method, const char *reference,
                                const char *date, const char *user,
                                cc_billing_receipt *res,
                                cc_err *err) CC_WARN_UNUSED;
/* Apply the credit sitting on the account (a payment larger than what was
 * owed, a credit transferred in) to the claims the patient owes on, oldest
 * date of service first: the payment moves from the account to each claim
 * (a payment entry +x on the account, -x on the claim; no new money, no
 * receipt). res->applied is what moved, res->claims how many claims;
 * CC_E_INVALID when there is no credit on the account or nothing owed. Role
 * as for a payment. */
cc_code cc_billing_credit_apply(cc_store *s, const char *account,
                                const char *date, const char *user,
                                cc_billing_receipt *res,
                                cc_err *err) CC_WARN_UNUSED;
/* Move credit from one account to another (e.g. a parent paid on the wrong
 * child's account): two transfer entries that net to zero. */
cc_code cc_billing_transfer(cc_store *s, const char *from_account,
                            const char *to_account, cc_money amount,
                            const char *date, const char *user,
                            cc_billing_receipt *res,
                            cc_err *err) CC_WARN_UNUSED;
/* What the patient owes over all claims and the account (negative: a
 * credit). */
cc_code cc_billing_balance(cc_store *s, const char *account, cc_money *out,
                           cc_err *err) CC_WARN_UNUSED;

/* ---- Statements. Aging buckets: days from the date of service to the
 * statement date, 0-30, 31-60, 61-90, 91-120, over 120. */
typedef struct cc_billing_statement_opts {
  const char *date;         /* statement date; NULL = today */
  const char *user;         /* acting user; required to run a cycle */
  const char *template_dir; /* NULL: $CLEANCLAIM_TEMPLATES, data/templates */
  const char *pdf_dir;      /* run: also write <dir>/statement-<id>.pdf */
  bool dry_run;             /* run: decide and count, write nothing */
} cc_billing_statement_opts;

typedef struct cc_billing_statement {
  cc_money balance;     /* amount due */
  cc_money aging[5];    /* claims' patient balances by bucket */
  cc_money credit;      /* account-level payments not applied (<= 0) */
  uint32_t claims;      /* claims listed */
} cc_billing_statement;

/* The statement of one patient as text (template statement.txt), appended
 * to out; writes nothing. */
cc_code cc_billing_statement_text(cc_store *s, const char *account,
                                  const cc_billing_statement_opts *o,
                                  cc_buf *out, cc_billing_statement *st,
                                  cc_err *err) CC_WARN_UNUSED;

typedef struct cc_billing_run_result {
  uint32_t statements;   /* made (or, dry run, that would be) */
  uint32_t below_minimum;/* balance under statement_min_cents: held */
  uint32_t small_written_off; /* under small_balance_cents, written off */
  uint32_t credits;      /* patients with a credit balance (refund due) */
  uint32_t too_recent;   /* a statement within cycle_days */
  cc_money billed, written_off;
} cc_billing_run_result;
/* Called per statement made: its id, the account and the amount due. */
typedef void (*cc_billing_statement_fn)(void *ctx, int64_t id,
                                        const char *account, cc_money due);
/* One statement cycle over every patient with a balance, by the policy in
 * billing_policy: a statement when the balance is at least
 * statement_min_cents and none was sent within cycle_days; a balance under
 * small_balance_cents is written off (small_balance_writeoff = 1) or held.
 * Each statement is kept (statement table) as the text sent. */
cc_code cc_billing_statement_run(cc_store *s,
                                 const cc_billing_statement_opts *o,
                                 cc_billing_statement_fn fn, void *ctx,
                                 cc_billing_run_result *res,
                                 cc_err *err) CC_WARN_UNUSED;
/* A kept statement's text (key: statement id, or an account number for its
 * latest), appended to out. */
cc_code cc_billing_statement_get(cc_store *s, const char *key, cc_buf *out,
                                 int64_t *id, cc_err *err) CC_WARN_UNUSED;

/* ---- Payment plans. Rounding rule: total / n in whole cents, the
 * remainder one cent each to the first installments ($1,000.00 over 3:
 * 333.34, 333.33, 333.33). Installments fall monthly on the start date's
 * day (the month's last day when shorter). Patient payments posted from
 * the plan's creation on pay installments in order. */
#define CC_BILLING_MAX_INSTALLMENTS 120
/* Split total into n installments by the rule above. CC_E_INVALID when n
 * is outside 1..CC_BILLING_MAX_INSTALLMENTS or total is not positive. */
cc_code cc_billing_plan_split(cc_money total, int n,
                              cc_money *out) CC_WARN_UNUSED;

typedef struct cc_billing_installment {
  int seq;            /* 1-based */
  char due[11];
  cc_money amount;
  cc_money paid;      /* of this installment */
  char state[9];      /* paid, partial, missed, due, upcoming */
} cc_billing_installment;

typedef struct cc_billing_plan {
  int64_t id;
  char account[41];
  char start[11];
  char created[11];
  char status[12];
  cc_money total, paid;
  cc_money due_now;   /* installments due by as_of, less what was paid */
  cc_money missed_amount;
  int n, missed;      /* installments; how many were missed */
  cc_billing_installment items[CC_BILLING_MAX_INSTALLMENTS];
} cc_billing_plan;

/* A plan for the patient's account; created (today or o->date) is when
 * payments start to count. total 0 = the patient's balance. */
cc_code cc_billing_plan_create(cc_store *s, const char *account,
                               cc_money total, int n, const char *start,
                               const char *date, const char *user,
                               int64_t *plan_id, cc_err *err) CC_WARN_UNUSED;
/* The plan with each installment's state as of as_of (NULL = today). */
cc_code cc_billing_plan_get(cc_store *s, int64_t id, const char *as_of,
                            cc_billing_plan *out, cc_err *err) CC_WARN_UNUSED;
/* Plans (account NULL = all), by id; fn gets each plan id. */
cc_code cc_billing_plan_list(cc_store *s, const char *account,
                             void (*fn)(void *ctx, int64_t id), void *ctx,
                             cc_err *err) CC_WARN_UNUSED;

#endif
