/* billing_plan.c - payment plans: the split into installments (one stated
 * rounding rule), a monthly schedule, and what is paid, due and missed. */
#include <stdio.h>
#include <string.h>

#include "billing_int.h"
#include "store/store_queue.h"

cc_code cc_billing_plan_split(cc_money total, int n, cc_money *out) {
  if (n < 1 || n > CC_BILLING_MAX_INSTALLMENTS || total.cents <= 0)
    return CC_E_INVALID;
  int64_t base = total.cents / n, rest = total.cents % n;
  for (int i = 0; i < n; i++) out[i].cents = base + (i < rest ? 1 : 0);
  return CC_OK;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* The start's day of month, k months on, clamped to the month's end. */
static cc_day add_months(cc_day start, int k) {
  int y, m, d;
  cc_date_ymd(start, &y, &m, &d);
  int mm = m - 1 + k;
  y += mm / 12;
  m = mm % 12 + 1;
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last = len[m - 1] + (m == 2 && leap(y));
  return cc_date_days(y, m, d > last ? last : d);
}

cc_code cc_billing_plan_create(cc_store *s, const char *account,
                               cc_money total, int n, const char *start,
                               const char *date, const char *user,
                               int64_t *plan_id, cc_err *err) {
  int64_t uid, patient;
  cc_code rc = store_queue_role(s, user, "plan", &uid, err);
  if (rc) return rc;
  if ((rc = store_bill_patient(s, account, &patient, err))) return rc;
  cc_day today = cc_date_today(), first;
  if (date && cc_date_parse_iso(cc_slice_cstr(date), &today))
    return cc_err_set(err, CC_E_USAGE, "not a date", "'%s'", date);
  first = today;
  if (start && cc_date_parse_iso(cc_slice_cstr(start), &first))
    return cc_err_set(err, CC_E_USAGE, "the first due date is not a date",
                      "'%s': use YYYY-MM-DD", start);
  if (total.cents == 0 &&
      (rc = store_bill_balance(s, patient, &total.cents, NULL, err)))
    return rc;
  static cc_money amounts[CC_BILLING_MAX_INSTALLMENTS];
  if (cc_billing_plan_split(total, n, amounts))
    return cc_err_set(err, CC_E_INVALID, "cannot split the plan",
                      "%d installments of a total of %lld cents: use 1 to %d "
                      "installments of a positive amount", n,
                      (long long)total.cents, CC_BILLING_MAX_INSTALLMENTS);
  char due[CC_BILLING_MAX_INSTALLMENTS][11], s_first[11], s_today[11];
  for (int i = 0; i < n; i++) cc_date_iso(add_months(first, i), due[i]);
  if ((rc = cc_store_begin(s, err))) return rc;
  rc = store_bill_plan_add(s, patient, total.cents, n,
                           cc_date_iso(first, s_first),
                           cc_date_iso(today, s_today), amounts, due, plan_id,
                           err);
  if (!rc) rc = cc_store_commit(s, err);
  if (rc) cc_store_rollback(s);
  return rc;
}

cc_code cc_billing_plan_get(cc_store *s, int64_t id, const char *as_of,
                            cc_billing_plan *p, cc_err *err) {
  int64_t paid;
  cc_code rc = store_bill_plan_get(s, id, p, &paid, err);
  if (rc) return rc;
  char today[11];
  if (!as_of) as_of = cc_date_iso(cc_date_today(), today);
  p->paid.cents = paid;
  /* Payments pay installments in order; what is left after the earlier
   * ones goes to the next. */
  int64_t left = paid, due_by_now = 0;
  for (int i = 0; i < p->n; i++) {
    cc_billing_installment *it = &p->items[i];
    int64_t take = left < it->amount.cents ? left : it->amount.cents;
    it->paid.cents = take;
    left -= take;
    bool past = strcmp(it->due, as_of) < 0, today_due = !strcmp(it->due, as_of);
    if (past || today_due) due_by_now += it->amount.cents;
    const char *st;
    if (take == it->amount.cents) st = "paid";
    else if (past) {
      st = "missed";
      p->missed++;
      p->missed_amount.cents += it->amount.cents - take;
    } else if (today_due) st = "due";
    else st = take ? "partial" : "upcoming";
    snprintf(it->state, sizeof it->state, "%s", st);
  }
  p->due_now.cents = due_by_now > paid ? due_by_now - paid : 0;
  return CC_OK;
}

cc_code cc_billing_plan_list(cc_store *s, const char *account,
                             void (*fn)(void *ctx, int64_t id), void *ctx,
                             cc_err *err) {
  return store_bill_plan_list(s, account, fn, ctx, err);
}
