/* billing_statement.c - patient statements: the itemised text (template
 * statement.txt), aging of what the patient owes, and the statement cycle
 * with its minimum balance and small-balance policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "billing_int.h"
#include "store/store_queue.h"

typedef struct stmt_ctx {
  cc_store *s;
  cc_buf *items;
  cc_day day;
  cc_billing_statement *st;
  cc_code rc;
} stmt_ctx;

static int bucket(cc_day dos, cc_day day) {
  int32_t age = day - dos;
  return age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : age <= 120 ? 3 : 4;
}

static void line_row(void *ctx, const char *date, const char *code,
                     int64_t charge) {
  stmt_ctx *c = ctx;
  char m[24];
  if (!c->rc)
    c->rc = cc_buf_printf(c->items, "  %-10s  %-12s %10s\n", date, code,
                          cc_money_fmt(CC_MONEY(charge), m));
}

static void claim_row(void *ctx, const store_bill_claim_row *r) {
  stmt_ctx *c = ctx;
  if (c->rc) return;
  char a[24], b[24], d[24], e[24], f[24], g[24];
  c->rc = cc_buf_printf(c->items, "Claim %s, billed to %s\n", r->claim,
                        r->payer);
  if (!c->rc) c->rc = store_bill_claim_lines(c->s, r->claim_id, line_row, c,
                                             NULL);
  if (!c->rc)
    c->rc = cc_buf_printf(
        c->items, "  %-24s %10s %10s %10s %10s %10s %10s\n\n", "Claim totals",
        cc_money_fmt(CC_MONEY(r->charge), a), cc_money_fmt(CC_MONEY(r->ins_paid), b),
        cc_money_fmt(CC_MONEY(r->ins_adj), d), cc_money_fmt(CC_MONEY(r->pending), e),
        cc_money_fmt(CC_MONEY(r->pat_paid), f), cc_money_fmt(CC_MONEY(r->owe), g));
  cc_day dos = 0;
  if (r->first_date) (void)!cc_date_parse_iso(cc_slice_cstr(r->first_date), &dos);
  if (r->owe) c->st->aging[bucket(dos, c->day)].cents += r->owe;
  c->st->claims++;
}

static void first_plan(void *ctx, int64_t id) {
  int64_t *p = ctx;
  if (!*p) *p = id;
}

cc_code cc_billing_statement_text(cc_store *s, const char *account,
                                  const cc_billing_statement_opts *o,
                                  cc_buf *out, cc_billing_statement *st,
                                  cc_err *err) {
  cc_billing_statement_opts none = {0};
  if (!o) o = &none;
  cc_billing_statement tmp;
  if (!st) st = &tmp;
  memset(st, 0, sizeof *st);
  int64_t patient, total, acct;
  cc_code rc = store_bill_patient(s, account, &patient, err);
  if (rc) return rc;
  cc_day day = cc_date_today();
  if (o->date && cc_date_parse_iso(cc_slice_cstr(o->date), &day))
    return cc_err_set(err, CC_E_USAGE, "not a date", "'%s': use YYYY-MM-DD",
                      o->date);
  if ((rc = store_bill_balance(s, patient, &total, &acct, err))) return rc;
  st->balance.cents = total;
  st->credit.cents = acct;
  cc_arena *a = cc_arena_new(0);
  if (!a) return cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
  cc_buf items;
  cc_buf_init(&items, 1 << 22);
  billing_vars v = {.a = a};
  stmt_ctx c = {s, &items, day, st, CC_OK};
  rc = cc_buf_printf(&items, "  %-10s  %-12s %10s %10s %10s %10s %10s %10s\n",
                     "Date", "Service", "Charges", "Ins. paid", "Ins. adj.",
                     "Ins. owes", "You paid", "You owe");
  if (!rc) rc = store_bill_statement_fields(s, patient, billing_var_kv, &v, err);
  if (!rc) rc = store_bill_statement_claims(s, patient, claim_row, &c, err);
  if (!rc) rc = c.rc;
  char m[24], d1[11], d2[11];
  if (!rc && acct)
    rc = cc_buf_printf(&items, "  %-24s %65s\n\n",
                       acct < 0 ? "Payments not yet applied" : "Account charges",
                       cc_money_fmt(CC_MONEY(acct), m));
  cc_buf aging;
  cc_buf_init(&aging, 4096);
  if (!rc)
    rc = cc_buf_printf(&aging, "  %10s %10s %10s %10s %10s\n", "0-30",
                       "31-60", "61-90", "91-120", "over 120");
  if (!rc) {
    char b[5][24];
    for (int i = 0; i < 5; i++) cc_money_fmt(st->aging[i], b[i]);
    rc = cc_buf_printf(&aging, "  %10s %10s %10s %10s %10s\n", b[0], b[1],
                       b[2], b[3], b[4]);
  }
  char plan_text[200] = "";
  int64_t plan_id = 0;
  if (!rc) rc = store_bill_plan_list(s, account, first_plan, &plan_id, err);
  if (!rc && plan_id) {
    cc_billing_plan *p = malloc(sizeof *p);
    if (p && cc_billing_plan_get(s, plan_id, cc_date_iso(day, d1), p, NULL) ==
                 CC_OK) {
      char due[24], missed[24];
      snprintf(plan_text, sizeof plan_text, "Payment plan: %s due now under "
               "your plan of %d installments; %d missed (%s).\n",
               cc_money_fmt(p->due_now, due), p->n, p->missed,
               cc_money_fmt(p->missed_amount, missed));
    }
    free(p);
  }
  if (!rc) {
    int64_t due_days = store_bill_policy(s, "due_days", 21);
    billing_var(&v, "statement_date", cc_date_iso(day, d1));
    billing_var(&v, "due_date", cc_date_iso(day + (cc_day)due_days, d2));
    billing_var(&v, "items", items.p ? items.p : "");
    billing_var(&v, "aging", aging.p ? aging.p : "");
    billing_var(&v, "amount_due",
                cc_money_fmt(CC_MONEY(total > 0 ? total : 0), m));
    billing_var(&v, "plan", plan_text);
    rc = cc_arena_failed(a) ? cc_err_set(err, CC_E_NOMEM, "out of memory", NULL)
                            : billing_template_fill(o->template_dir,
                                                    "statement.txt", &v, out,
                                                    err);
  }
  cc_buf_free(&aging);
  cc_buf_free(&items);
  cc_arena_free(a);
  return rc;
}

/* ---- the cycle ------------------------------------------------------- */

typedef struct due_patient {
  int64_t id, balance;
  char account[41];
  char last[11];
} due_patient;
typedef struct due_list {
  due_patient *v;
  size_t n, cap;
  bool oom;
} due_list;

static void add_patient(void *ctx, int64_t id, const char *account,
                        int64_t balance, const char *last) {
  due_list *l = ctx;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    due_patient *v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      l->oom = true;
      return;
    }
    l->v = v;
    l->cap = cap;
  }
  due_patient *p = &l->v[l->n++];
  p->id = id;
  p->balance = balance;
  snprintf(p->account, sizeof p->account, "%s", account);
  snprintf(p->last, sizeof p->last, "%s", last ? last : "");
}

typedef struct small_ctx {
  cc_store *s;
  int64_t patient;
  const char *day;
  cc_code rc;
  cc_err *err;
} small_ctx;

static void write_small(void *ctx, int64_t claim, int64_t cents) {
  small_ctx *c = ctx;
  if (c->rc) return;
  store_bill_entry_rec e = {.patient_id = c->patient, .claim_id = claim,
                            .kind = "writeoff", .reason = "SMALLBAL",
                            .reference = "small balance policy",
                            .posted = c->day, .cents = -cents};
  c->rc = store_bill_entry(c->s, &e, c->err);
}

cc_code cc_billing_statement_run(cc_store *s,
                                 const cc_billing_statement_opts *o,
                                 cc_billing_statement_fn fn, void *ctx,
                                 cc_billing_run_result *res, cc_err *err) {
  memset(res, 0, sizeof *res);
  cc_billing_statement_opts none = {0};
  if (!o) o = &none;
  int64_t uid;
  cc_code rc = store_queue_role(s, o->user, "statement", &uid, err);
  if (rc) return rc;
  cc_day day = cc_date_today();
  if (o->date && cc_date_parse_iso(cc_slice_cstr(o->date), &day))
    return cc_err_set(err, CC_E_USAGE, "not a date", "'%s': use YYYY-MM-DD",
                      o->date);
  char d[11], due[11];
  cc_date_iso(day, d);
  int64_t min = store_bill_policy(s, "statement_min_cents", 500);
  int64_t small = store_bill_policy(s, "small_balance_cents", 100);
  int64_t small_wo = store_bill_policy(s, "small_balance_writeoff", 1);
  int64_t cycle = store_bill_policy(s, "cycle_days", 30);
  cc_date_iso(day + (cc_day)store_bill_policy(s, "due_days", 21), due);
  due_list l = {0};
  if ((rc = store_bill_patients(s, add_patient, &l, err))) goto out;
  if (l.oom) {
    rc = cc_err_set(err, CC_E_NOMEM, "out of memory", NULL);
    goto out;
  }
  if (!o->dry_run && (rc = cc_store_begin(s, err))) goto out;
  cc_buf text;
  cc_buf_init(&text, 1 << 24);
  for (size_t i = 0; !rc && i < l.n; i++) {
    due_patient *p = &l.v[i];
    if (p->balance < 0) {
      res->credits++;
      continue;
    }
    if (p->balance < small && small_wo) {
      res->small_written_off++;
      res->written_off.cents += p->balance;
      if (!o->dry_run) {
        small_ctx sc = {s, p->id, d, CC_OK, err};
        if ((rc = store_bill_claims(s, p->id, 1, write_small, &sc, err)) ||
            (rc = sc.rc))
          break;
      }
      continue;
    }
    if (p->balance < min) {
      res->below_minimum++;
      continue;
    }
    cc_day last;
    if (p->last[0] && !cc_date_parse_iso(cc_slice_cstr(p->last), &last) &&
        day - last < cycle) {
      res->too_recent++;
      continue;
    }
    res->statements++;
    res->billed.cents += p->balance;
    if (o->dry_run) continue;
    text.n = 0;
    if (text.p) text.p[0] = 0;
    cc_billing_statement st;
    cc_billing_statement_opts so = *o;
    so.date = d;
    int64_t sid;
    if ((rc = cc_billing_statement_text(s, p->account, &so, &text, &st, err)) ||
        (rc = store_bill_statement_add(s, p->id, d, due, p->balance, text.p,
                                       &sid, err)))
      break;
    if (o->pdf_dir) {
      char path[1024];
      snprintf(path, sizeof path, "%s/statement-%lld.pdf", o->pdf_dir,
               (long long)sid);
      if ((rc = cc_billing_pdf_write(text.p, "Patient statement", path, NULL,
                                     err)))
        break;
    }
    if (fn) fn(ctx, sid, p->account, CC_MONEY(p->balance));
  }
  cc_buf_free(&text);
  if (!o->dry_run) {
    if (!rc) rc = cc_store_commit(s, err);
    if (rc) cc_store_rollback(s);
  }
out:
  free(l.v);
  return rc;
}

cc_code cc_billing_statement_get(cc_store *s, const char *key, cc_buf *out,
                                 int64_t *id, cc_err *err) {
  return store_bill_statement_get(s, key, out, id, err);
}
