/* ledger.c - the practice's books: charges, balances by responsible party
 * and the invariants every claim must keep. The SQL is in
 * src/store/store_ledger.c; this file shapes it for callers. */
#include <string.h>

#include "cleanclaim/ledger.h"
#include "store/store_ledger.h"
#include "store/store_queue.h"

typedef struct check_ctx {
  cc_ledger_problem_fn fn;
  void *ctx;
  int64_t last_claim;
  uint64_t broken;
} check_ctx;

static void on_bad(void *vc, int64_t claim_id, const char *key,
                   const char *rule, const char *detail) {
  check_ctx *c = vc;
  /* Problems arrive grouped by rule; a claim is counted once per rule it
   * breaks at most, and claims are counted separately below. */
  c->broken++;
  if (c->fn) {
    cc_ledger_problem p = {claim_id, key ? key : "", rule, detail ? detail : ""};
    c->fn(c->ctx, &p);
  }
  c->last_claim = claim_id;
}

cc_code cc_ledger_check(cc_store *s, cc_ledger_problem_fn fn, void *ctx,
                        cc_ledger_summary *sum, cc_err *err) {
  cc_ledger_summary dummy;
  if (!sum) sum = &dummy;
  memset(sum, 0, sizeof *sum);
  check_ctx c = {fn, ctx, 0, 0};
  cc_code rc = store_ledger_check(s, on_bad, &c, &sum->claims, &sum->entries,
                                  &sum->charges.cents, &sum->payments.cents,
                                  &sum->adjustments.cents, &sum->balance.cents,
                                  err);
  sum->broken = c.broken;
  return rc;
}

typedef struct bal_ctx {
  cc_ledger_balance *out;
  size_t max, n;
} bal_ctx;

static void on_bal(void *vc, int64_t payer_id, const char *code, int64_t cents) {
  bal_ctx *b = vc;
  if (b->n < b->max) {
    cc_ledger_balance *o = &b->out[b->n];
    o->payer_id = payer_id;
    snprintf(o->payer, sizeof o->payer, "%s", code ? code : "");
    o->balance = CC_MONEY(cents);
  }
  b->n++;
}

cc_code cc_ledger_claim_balances(cc_store *s, const char *claim_key,
                                 cc_ledger_balance *out, size_t max,
                                 size_t *n, cc_err *err) {
  bal_ctx b = {out, max, 0};
  cc_code rc = store_ledger_claim_balances(s, claim_key, on_bal, &b, err);
  if (n) *n = b.n;
  return rc;
}

cc_code cc_ledger_patient_balances(cc_store *s, const char *account_no,
                                   cc_ledger_balance *out, size_t max,
                                   size_t *n, cc_err *err) {
  bal_ctx b = {out, max, 0};
  cc_code rc = store_ledger_patient_balances(s, account_no, on_bal, &b, err);
  if (n) *n = b.n;
  return rc;
}

cc_code cc_ledger_claim_entries(cc_store *s, const char *claim_key,
                                cc_ledger_entry_fn fn, void *ctx,
                                cc_err *err) {
  return store_ledger_entries(s, claim_key, fn, ctx, err);
}

cc_code cc_ledger_unapplied_list(cc_store *s, bool open_only,
                                 cc_ledger_unapplied_fn fn, void *ctx,
                                 cc_err *err) {
  return store_ledger_unapplied(s, open_only, fn, ctx, err);
}

cc_code cc_ledger_payer_credits(cc_store *s, cc_ledger_payer_credit_fn fn,
                                void *ctx, cc_err *err) {
  return store_bill_payer_credits(s, fn, ctx, err);
}

cc_code cc_ledger_charge_claim(cc_store *s, int64_t claim_id,
                               const char *posted_date, cc_err *err) {
  char today[11];
  if (!posted_date) posted_date = cc_date_iso(cc_date_today(), today);
  return store_ledger_charge_claim(s, claim_id, posted_date, err);
}

cc_code cc_ledger_claim_json(cc_store *s, const char *claim_key, cc_buf *out,
                             cc_err *err) {
  return store_ledger_claim_json(s, claim_key, out, err);
}

cc_code cc_ledger_patient_json(cc_store *s, const char *account_no,
                               cc_buf *out, cc_err *err) {
  return store_ledger_patient_json(s, account_no, out, err);
}
