/* billing_pay.c - patient payments, refunds of credit balances (the
 * patient's, and a payer's on a claim) and credit transfers between
 * accounts. Every one is a receipt plus ledger entries, in one transaction. */
#include <stdio.h>
#include <string.h>

#include "billing_int.h"
#include "store/store_queue.h"

typedef struct claim_bal {
  int64_t id, cents;
} claim_bal;
typedef struct claim_list {
  claim_bal v[256]; /* a patient with more open claims is paid in rounds */
  size_t n;
} claim_list;

static void collect(void *ctx, int64_t claim, int64_t cents) {
  claim_list *l = ctx;
  if (l->n < sizeof l->v / sizeof *l->v) l->v[l->n++] = (claim_bal){claim, cents};
}

/* The posting day (date NULL = today) and a non-negative amount. */
static cc_code day_amount(const char *date, cc_money amount, char day[11],
                          cc_err *err) {
  cc_day d = cc_date_today();
  if (date && cc_date_parse_iso(cc_slice_cstr(date), &d))
    return cc_err_set(err, CC_E_USAGE, "not a date", "'%s': use YYYY-MM-DD",
                      date);
  cc_date_iso(d, day);
  if (amount.cents < 0)
    return cc_err_set(err, CC_E_USAGE, "the amount must be positive", NULL);
  return CC_OK;
}

static cc_code start(cc_store *s, const char *user, const char *action,
                     const char *account, const char *date, cc_money amount,
                     int64_t *uid, int64_t *patient, char day[11],
                     cc_err *err) {
  cc_code rc = store_queue_role(s, user, action, uid, err);
  if (rc) return rc;
  if ((rc = store_bill_patient(s, account, patient, err))) return rc;
  return day_amount(date, amount, day, err);
}

static cc_code finish(cc_store *s, cc_code rc, int64_t patient,
                      cc_billing_receipt *res, cc_err *err) {
  if (!rc) rc = store_bill_balance(s, patient, &res->balance.cents, NULL, err);
  if (!rc) rc = cc_store_commit(s, err);
  if (rc) cc_store_rollback(s);
  return rc;
}

cc_code cc_billing_payment_post(cc_store *s, const char *account,
                                cc_money amount, const char *method,
                                const char *reference, const char *date,
                                const char *user, cc_billing_receipt *res,
                                cc_err *err) {
  memset(res, 0, sizeof *res);
  int64_t uid, patient;
  char day[11];
  cc_code rc = start(s, user, "payment", account, date, amount, &uid, &patient,
                     day, err);
  if (rc) return rc;
  if (amount.cents == 0)
    return cc_err_set(err, CC_E_USAGE, "the amount must be positive", NULL);
  if (!method || (strcmp(method, "cash") && strcmp(method, "card") &&
                  strcmp(method, "check") && strcmp(method, "eft")))
    return cc_err_set(err, CC_E_USAGE, "unknown payment method",
                      "'%s': use cash, card, check or eft",
                      method ? method : "");
  if (!strcmp(method, "check") && (!reference || !*reference))
    return cc_err_set(err, CC_E_USAGE, "a check payment needs the check "
                      "number", "give --ref NUMBER");
  claim_list l = {.n = 0};
  if ((rc = store_bill_claims(s, patient, 1, collect, &l, err))) return rc;
  if ((rc = cc_store_begin(s, err))) return rc;
  rc = store_bill_receipt_add(s, patient, "payment", method, reference,
                              amount.cents, day, 0, uid, &res->receipt_id,
                              err);
  char ref[80];
  snprintf(ref, sizeof ref, "%s%s%s", method, reference && *reference ? " " : "",
           reference ? reference : "");
  store_bill_entry_rec e = {.patient_id = patient, .kind = "payment",
                            .reference = ref, .posted = day,
                            .receipt_id = res->receipt_id};
  int64_t left = amount.cents;
  for (size_t i = 0; !rc && i < l.n && left > 0; i++) {
    int64_t take = left < l.v[i].cents ? left : l.v[i].cents;
    e.claim_id = l.v[i].id;
    e.cents = -take;
    rc = store_bill_entry(s, &e, err);
    left -= take;
    res->applied.cents += take;
    res->claims++;
  }
  if (!rc && left > 0) { /* more than owed: a credit on the account */
    e.claim_id = 0;
    e.cents = -left;
    rc = store_bill_entry(s, &e, err);
    res->unapplied.cents = left;
  }
  return finish(s, rc, patient, res, err);
}

cc_code cc_billing_refund(cc_store *s, const char *account, cc_money amount,
                          const char *method, const char *reference,
                          const char *date, const char *user,
                          cc_billing_receipt *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  int64_t uid, patient, total;
  char day[11];
  cc_code rc = start(s, user, "refund", account, date, amount, &uid, &patient,
                     day, err);
  if (rc) return rc;
  if ((rc = store_bill_balance(s, patient, &total, NULL, err))) return rc;
  char x[24], y[24];
  if (total >= 0)
    return cc_err_set(err, CC_E_INVALID, "no credit balance to refund",
                      "account %s owes %s", account,
                      cc_money_fmt(CC_MONEY(total), x));
  int64_t want = amount.cents ? amount.cents : -total;
  if (want > -total)
    return cc_err_set(err, CC_E_INVALID, "refund larger than the credit",
                      "account %s: credit %s, refund asked %s", account,
                      cc_money_fmt(CC_MONEY(-total), x),
                      cc_money_fmt(CC_MONEY(want), y));
  claim_list l = {.n = 0};
  if ((rc = store_bill_claims(s, patient, -1, collect, &l, err))) return rc;
  if ((rc = cc_store_begin(s, err))) return rc;
  rc = store_bill_receipt_add(s, patient, "refund", method, reference, want,
                              day, 0, uid, &res->receipt_id, err);
  store_bill_entry_rec e = {.patient_id = patient, .kind = "refund",
                            .reference = reference, .posted = day,
                            .receipt_id = res->receipt_id};
  /* Credits sitting on claims first, so no claim keeps a negative
   * balance, then the account's unapplied credit. */
  int64_t left = want;
  for (size_t i = 0; !rc && i < l.n && left > 0; i++) {
    int64_t take = left < -l.v[i].cents ? left : -l.v[i].cents;
    e.claim_id = l.v[i].id;
    e.cents = take;
    rc = store_bill_entry(s, &e, err);
    left -= take;
    res->claims++;
  }
  if (!rc && left > 0) {
    e.claim_id = 0;
    e.cents = left;
    rc = store_bill_entry(s, &e, err);
  }
  res->applied.cents = want;
  return finish(s, rc, patient, res, err);
}

cc_code cc_billing_payer_refund(cc_store *s, const char *claim_key,
                                const char *payer, cc_money amount,
                                const char *method, const char *reference,
                                const char *date, const char *user,
                                cc_billing_receipt *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  int64_t uid;
  char day[11];
  store_bill_payer_claim_row pc;
  cc_code rc = store_queue_role(s, user, "refund", &uid, err);
  if (!rc) rc = store_bill_payer_claim(s, claim_key, payer, &pc, err);
  if (!rc) rc = day_amount(date, amount, day, err);
  if (rc) return rc;
  if (method && strcmp(method, "check") && strcmp(method, "eft"))
    return cc_err_set(err, CC_E_USAGE, "unknown refund method",
                      "'%s': a payer is refunded by check or eft", method);
  char x[24], y[24];
  if (pc.balance >= 0)
    return cc_err_set(err, CC_E_INVALID, "no payer credit to refund",
                      "payer %s holds no credit on claim %s (it owes %s); "
                      "see cleanclaim ledger credits", payer, claim_key,
                      cc_money_fmt(CC_MONEY(pc.balance), x));
  int64_t want = amount.cents ? amount.cents : -pc.balance;
  if (want > -pc.balance)
    return cc_err_set(err, CC_E_INVALID, "refund larger than the credit",
                      "payer %s on claim %s: credit %s, refund asked %s",
                      payer, claim_key, cc_money_fmt(CC_MONEY(-pc.balance), x),
                      cc_money_fmt(CC_MONEY(want), y));
  if ((rc = cc_store_begin(s, err))) return rc;
  char ref[120];
  snprintf(ref, sizeof ref, "refund to payer %s%s%s", payer,
           reference && *reference ? " " : "", reference ? reference : "");
  /* The receipt records who sent the money and how; the entry whose
   * party it was. */
  rc = store_bill_receipt_add(s, pc.patient_id, "refund", method, ref, want,
                              day, 0, uid, &res->receipt_id, err);
  store_bill_entry_rec e = {.patient_id = pc.patient_id,
                            .claim_id = pc.claim_id, .payer_id = pc.payer_id,
                            .kind = "refund", .reference = ref,
                            .posted = day, .cents = want,
                            .receipt_id = res->receipt_id};
  if (!rc) rc = store_bill_entry(s, &e, err);
  if (!rc) rc = cc_store_commit(s, err);
  if (rc) {
    cc_store_rollback(s);
    return rc;
  }
  res->applied.cents = want;
  res->claims = 1;
  res->balance.cents = pc.balance + want;
  return CC_OK;
}

cc_code cc_billing_transfer(cc_store *s, const char *from_account,
                            const char *to_account, cc_money amount,
                            const char *date, const char *user,
                            cc_billing_receipt *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  int64_t uid, from, to, total;
  char day[11];
  cc_code rc = start(s, user, "transfer", from_account, date, amount, &uid,
                     &from, day, err);
  if (rc) return rc;
  if ((rc = store_bill_patient(s, to_account, &to, err))) return rc;
  if (from == to)
    return cc_err_set(err, CC_E_USAGE, "transfer to the same account",
                      "%s", to_account);
  if ((rc = store_bill_balance(s, from, &total, NULL, err))) return rc;
  char x[24], y[24];
  if (amount.cents == 0) amount.cents = -total;
  if (amount.cents <= 0 || amount.cents > -total)
    return cc_err_set(err, CC_E_INVALID, "not enough credit to transfer",
                      "account %s: credit %s, transfer asked %s", from_account,
                      cc_money_fmt(CC_MONEY(total < 0 ? -total : 0), x),
                      cc_money_fmt(amount, y));
  if ((rc = cc_store_begin(s, err))) return rc;
  int64_t rin = 0;
  char ref[120];
  snprintf(ref, sizeof ref, "credit from %s to %s", from_account, to_account);
  rc = store_bill_receipt_add(s, from, "transfer_out", NULL, ref, amount.cents,
                              day, to, uid, &res->receipt_id, err);
  if (!rc)
    rc = store_bill_receipt_add(s, to, "transfer_in", NULL, ref, amount.cents,
                                day, from, uid, &rin, err);
  /* Account level on both sides: the pair nets to zero across accounts. */
  store_bill_entry_rec e = {.patient_id = from, .kind = "transfer",
                            .reference = ref, .posted = day,
                            .cents = amount.cents,
                            .receipt_id = res->receipt_id};
  if (!rc) rc = store_bill_entry(s, &e, err);
  e.patient_id = to;
  e.cents = -amount.cents;
  e.receipt_id = rin;
  if (!rc) rc = store_bill_entry(s, &e, err);
  res->applied = amount;
  return finish(s, rc, from, res, err);
}

cc_code cc_billing_credit_apply(cc_store *s, const char *account,
                                const char *date, const char *user,
                                cc_billing_receipt *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  int64_t uid, patient, total, on_account;
  char day[11];
  cc_code rc = start(s, user, "payment", account, date, CC_MONEY(0), &uid,
                     &patient, day, err);
  if (rc) return rc;
  if ((rc = store_bill_balance(s, patient, &total, &on_account, err)))
    return rc;
  if (on_account >= 0)
    return cc_err_set(err, CC_E_INVALID, "no credit on the account",
                      "account %s has no unapplied payment to apply",
                      account);
  claim_list l = {.n = 0};
  if ((rc = store_bill_claims(s, patient, 1, collect, &l, err))) return rc;
  if (!l.n)
    return cc_err_set(err, CC_E_INVALID, "nothing owed to apply the credit "
                      "to", "account %s owes nothing on any claim; refund or "
                      "transfer the credit instead", account);
  if ((rc = cc_store_begin(s, err))) return rc;
  store_bill_entry_rec e = {.patient_id = patient, .kind = "payment",
                            .reference = "credit applied", .posted = day};
  int64_t left = -on_account;
  for (size_t i = 0; !rc && i < l.n && left > 0; i++) {
    int64_t take = left < l.v[i].cents ? left : l.v[i].cents;
    e.claim_id = l.v[i].id;
    e.cents = -take;
    rc = store_bill_entry(s, &e, err);
    left -= take;
    res->applied.cents += take;
    res->claims++;
  }
  if (!rc) { /* the same money leaves the account */
    e.claim_id = 0;
    e.cents = res->applied.cents;
    rc = store_bill_entry(s, &e, err);
  }
  res->unapplied.cents = left;
  return finish(s, rc, patient, res, err);
}

cc_code cc_billing_balance(cc_store *s, const char *account, cc_money *out,
                           cc_err *err) {
  int64_t patient;
  cc_code rc = store_bill_patient(s, account, &patient, err);
  if (rc) return rc;
  return store_bill_balance(s, patient, &out->cents, NULL, err);
}
