/* cli_billing.c - `cleanclaim statement run|show`, `cleanclaim payment
 * post|refund|transfer` and `cleanclaim plan create|show|list`: patient
 * billing. The acting user is --user NAME or $CLEANCLAIM_USER. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct opts {
  const char *db, *user, *date, *method, *ref, *pdf, *pdf_dir, *start, *as_of,
      *payer;
  bool dry_run, bad, json;
} opts;

static void take(int *argc, char **argv, opts *o) {
  o->db = cli_db_path(argc, argv);
  o->user = cli_take_opt(argc, argv, "--user", &o->bad);
  if (!o->user) o->user = getenv("CLEANCLAIM_USER");
  o->date = cli_take_opt(argc, argv, "--date", &o->bad);
  o->method = cli_take_opt(argc, argv, "--method", &o->bad);
  o->ref = cli_take_opt(argc, argv, "--ref", &o->bad);
  o->pdf = cli_take_opt(argc, argv, "--pdf", &o->bad);
  o->pdf_dir = cli_take_opt(argc, argv, "--pdf-dir", &o->bad);
  o->start = cli_take_opt(argc, argv, "--start", &o->bad);
  o->as_of = cli_take_opt(argc, argv, "--as-of", &o->bad);
  o->payer = cli_take_opt(argc, argv, "--payer", &o->bad);
  o->dry_run = cli_take_flag(argc, argv, "--dry-run");
  o->json = cli_take_flag(argc, argv, "--json");
}

static bool wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) return true;
  return false;
}

static int fail(const cc_err *e, cc_code rc) {
  cc_err_print(e, stderr);
  return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
}

static cc_store *open_db(const char *db, cc_err *e) {
  cc_store *s = NULL;
  if (cc_store_open(db, false, &s, e) != CC_OK) cc_err_print(e, stderr);
  return s;
}

static bool amount(const char *text, cc_money *m) {
  cc_err e;
  return text && cc_money_parse(cc_slice_cstr(text), m, &e) == CC_OK &&
         m->cents >= 0;
}

/* ---- statement ------------------------------------------------------- */

static void on_statement(void *ctx, int64_t id, const char *account,
                         cc_money due) {
  char m[24];
  if (*(bool *)ctx) {
    printf("{\"statement\":%lld,\"account\":", (long long)id);
    cc_json_write_str(stdout, cc_slice_cstr(account));
    printf(",\"due_cents\":%lld}\n", (long long)due.cents);
    return;
  }
  printf("statement %lld  %-12s %10s\n", (long long)id, account,
         cc_money_fmt(due, m));
}

int cli_statement(int argc, char **argv) {
  if (wants_help(argc, argv) || argc < 2) {
    fputs("usage: cleanclaim statement run [--date D] [--dry-run] "
          "[--pdf-dir DIR]\n"
          "       cleanclaim statement show ACCOUNT|ID [--preview] [--date D]"
          " [--pdf FILE]\n"
          "show prints the last statement kept (an id or the account's "
          "latest);\n--preview renders today's statement without keeping "
          "it. run --json prints one\nobject per statement, then the "
          "totals (amounts in integer cents).\nSee docs/BILLING.md.\n",
          argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  opts o = {0};
  take(&argc, argv, &o);
  bool preview = cli_take_flag(&argc, argv, "--preview");
  if (o.bad) return cli_usage_error("statement: an option is missing its value");
  cc_err e;
  cc_err_clear(&e);
  cc_billing_statement_opts so = {.date = o.date, .user = o.user,
                                  .pdf_dir = o.pdf_dir, .dry_run = o.dry_run};
  if (!strcmp(argv[1], "run")) {
    cc_store *s = open_db(o.db, &e);
    if (!s) return CLI_FINDINGS;
    cc_billing_run_result r;
    cc_code rc = cc_billing_statement_run(s, &so, on_statement, &o.json, &r,
                                          &e);
    cc_store_close(s);
    if (rc) return fail(&e, rc);
    if (o.json) {
      printf("{\"dry_run\":%s,\"statements\":%u,\"billed_cents\":%lld,"
             "\"below_minimum\":%u,\"small_written_off\":%u,"
             "\"written_off_cents\":%lld,\"credits\":%u,\"too_recent\":%u}"
             "\n", o.dry_run ? "true" : "false", r.statements,
             (long long)r.billed.cents, r.below_minimum, r.small_written_off,
             (long long)r.written_off.cents, r.credits, r.too_recent);
      return CLI_OK;
    }
    char b[24], w[24];
    printf("%s%u statements (%s); %u held under the minimum; %u small "
           "balances written off (%s); %u credit balances to refund; %u "
           "billed within the cycle\n", o.dry_run ? "dry run: " : "",
           r.statements, cc_money_fmt(r.billed, b), r.below_minimum,
           r.small_written_off, cc_money_fmt(r.written_off, w), r.credits,
           r.too_recent);
    return CLI_OK;
  }
  if (strcmp(argv[1], "show"))
    return cli_usage_error("statement: unknown verb '%s'", argv[1]);
  if (argc < 3) return cli_usage_error("statement show: give an account or id");
  cc_store *s = open_db(o.db, &e);
  if (!s) return CLI_FINDINGS;
  cc_buf b;
  cc_buf_init(&b, 1 << 24);
  cc_code rc = preview ? cc_billing_statement_text(s, argv[2], &so, &b, NULL,
                                                   &e)
                       : cc_billing_statement_get(s, argv[2], &b, NULL, &e);
  cc_store_close(s);
  if (!rc && o.pdf) {
    uint32_t pages;
    rc = cc_billing_pdf_write(b.p, "Patient statement", o.pdf, &pages, &e);
    if (!rc) printf("wrote %s (%u page%s)\n", o.pdf, pages, pages == 1 ? "" : "s");
  } else if (!rc) {
    fputs(b.p ? b.p : "", stdout);
  }
  cc_buf_free(&b);
  return rc ? fail(&e, rc) : CLI_OK;
}

/* ---- payment --------------------------------------------------------- */

int cli_payment(int argc, char **argv) {
  if (wants_help(argc, argv) || argc < 2) {
    fputs("usage: cleanclaim payment post ACCOUNT AMOUNT --method "
          "cash|card|check|eft [--ref R]\n"
          "       cleanclaim payment refund ACCOUNT [AMOUNT] [--method M] "
          "[--ref R]\n"
          "       cleanclaim payment refund --payer PAYER CLAIM [AMOUNT] "
          "[--method check|eft]\n"
          "                [--ref R]   (a payer's credit on a claim; see "
          "cleanclaim ledger credits)\n"
          "       cleanclaim payment transfer FROM_ACCOUNT TO_ACCOUNT "
          "[AMOUNT]\n"
          "       cleanclaim payment apply ACCOUNT   (the account's credit to "
          "what it owes)\n"
          "options: --date D, --user NAME, --db PATH, --json (the receipt "
          "as JSON,\namounts in integer cents). A check needs --ref (the "
          "check number);\na card payment takes the authorisation as "
          "--ref.\n", argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  opts o = {0};
  take(&argc, argv, &o);
  if (o.bad) return cli_usage_error("payment: an option is missing its value");
  const char *verb = argv[1];
  if (o.payer && strcmp(verb, "refund"))
    return cli_usage_error("payment %s: --payer is for refund", verb);
  cc_money m = {0};
  int need = !strcmp(verb, "transfer") ? 4 : 3;
  if (!strcmp(verb, "apply") && argc != 3)
    return cli_usage_error("payment apply: give one ACCOUNT");
  if (strcmp(verb, "post") && strcmp(verb, "refund") &&
      strcmp(verb, "transfer") && strcmp(verb, "apply"))
    return cli_usage_error("payment: unknown verb '%s'", verb);
  if (argc < need || (!strcmp(verb, "post") && argc < 4))
    return cli_usage_error("payment %s: missing arguments (see --help)", verb);
  const char *amt = argc > need ? argv[need] : NULL;
  if (amt && !amount(amt, &m))
    return cli_usage_error("payment: '%s' is not an amount", amt);
  cc_err e;
  cc_err_clear(&e);
  cc_store *s = open_db(o.db, &e);
  if (!s) return CLI_FINDINGS;
  cc_billing_receipt r;
  cc_code rc;
  if (!strcmp(verb, "post"))
    rc = cc_billing_payment_post(s, argv[2], m, o.method, o.ref, o.date,
                                 o.user, &r, &e);
  else if (!strcmp(verb, "apply"))
    rc = cc_billing_credit_apply(s, argv[2], o.date, o.user, &r, &e);
  else if (!strcmp(verb, "refund") && o.payer)
    rc = cc_billing_payer_refund(s, argv[2], o.payer, m, o.method, o.ref,
                                 o.date, o.user, &r, &e);
  else if (!strcmp(verb, "refund"))
    rc = cc_billing_refund(s, argv[2], m, o.method, o.ref, o.date, o.user, &r,
                           &e);
  else
    rc = cc_billing_transfer(s, argv[2], argv[3], m, o.date, o.user, &r, &e);
  cc_store_close(s);
  if (rc) return fail(&e, rc);
  if (o.json) {
    printf("{\"receipt\":%lld,\"action\":\"%s\",\"%s\":",
           (long long)r.receipt_id, verb, o.payer ? "claim" : "account");
    cc_json_write_str(stdout, cc_slice_cstr(argv[2]));
    if (o.payer) {
      printf(",\"payer\":");
      cc_json_write_str(stdout, cc_slice_cstr(o.payer));
    }
    printf(",\"applied_cents\":%lld,\"credit_cents\":%lld,\"claims\":%u,"
           "\"balance_cents\":%lld}\n", (long long)r.applied.cents,
           (long long)r.unapplied.cents, r.claims, (long long)r.balance.cents);
    return CLI_OK;
  }
  char a[24], u[24], b[24];
  if (!strcmp(verb, "apply"))
    printf("credit applied: %s to %u claim%s", cc_money_fmt(r.applied, a),
           r.claims, r.claims == 1 ? "" : "s");
  else
    printf("receipt %lld: %s %s", (long long)r.receipt_id, verb,
           cc_money_fmt(r.applied, a));
  if (r.unapplied.cents)
    printf(", %s left as a credit", cc_money_fmt(r.unapplied, u));
  if (o.payer)
    printf(" to %s; %s's balance on %s now %s\n", o.payer, o.payer, argv[2],
           cc_money_fmt(r.balance, b));
  else
    printf("; balance of %s now %s\n", argv[2], cc_money_fmt(r.balance, b));
  return CLI_OK;
}

/* ---- plan ------------------------------------------------------------ */

static void plan_json(const cc_billing_plan *p) {
  printf("{\"plan\":%lld,\"account\":", (long long)p->id);
  cc_json_write_str(stdout, cc_slice_cstr(p->account));
  printf(",\"status\":");
  cc_json_write_str(stdout, cc_slice_cstr(p->status));
  printf(",\"start\":\"%s\",\"created\":\"%s\",\"total_cents\":%lld,"
         "\"paid_cents\":%lld,\"due_now_cents\":%lld,\"missed\":%d,"
         "\"missed_cents\":%lld,\"installments\":[", p->start, p->created,
         (long long)p->total.cents, (long long)p->paid.cents,
         (long long)p->due_now.cents, p->missed,
         (long long)p->missed_amount.cents);
  for (int i = 0; i < p->n; i++)
    printf("%s{\"seq\":%d,\"due\":\"%s\",\"amount_cents\":%lld,"
           "\"paid_cents\":%lld,\"state\":\"%s\"}", i ? "," : "",
           p->items[i].seq, p->items[i].due,
           (long long)p->items[i].amount.cents,
           (long long)p->items[i].paid.cents, p->items[i].state);
  printf("]}\n");
}

static int print_plan(cc_store *s, int64_t id, const char *as_of, bool full,
                      bool json) {
  static cc_billing_plan p;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_billing_plan_get(s, id, as_of, &p, &e);
  if (rc) return fail(&e, rc);
  if (json) {
    plan_json(&p);
    return CLI_OK;
  }
  char t[24], pd[24], d[24], ms[24];
  printf("plan %lld  account %s  %s over %d from %s  paid %s  due now %s  "
         "missed %d (%s)\n", (long long)p.id, p.account, cc_money_fmt(p.total, t),
         p.n, p.start, cc_money_fmt(p.paid, pd), cc_money_fmt(p.due_now, d),
         p.missed, cc_money_fmt(p.missed_amount, ms));
  for (int i = 0; full && i < p.n; i++) {
    char a[24], b[24];
    printf("  %3d  %s  %10s  paid %10s  %s\n", p.items[i].seq, p.items[i].due,
           cc_money_fmt(p.items[i].amount, a),
           cc_money_fmt(p.items[i].paid, b), p.items[i].state);
  }
  return CLI_OK;
}

typedef struct list_ctx {
  cc_store *s;
  const char *as_of;
  bool json;
  int ret;
} list_ctx;
static void list_one(void *ctx, int64_t id) {
  list_ctx *l = ctx;
  int r = print_plan(l->s, id, l->as_of, false, l->json);
  if (r) l->ret = r;
}

int cli_plan(int argc, char **argv) {
  if (wants_help(argc, argv) || argc < 2) {
    fputs("usage: cleanclaim plan create ACCOUNT AMOUNT INSTALLMENTS "
          "[--start D]\n"
          "       cleanclaim plan show ID [--as-of D]\n"
          "       cleanclaim plan list [ACCOUNT] [--as-of D]\n"
          "AMOUNT 0 = the patient's balance. Installments are monthly from "
          "--start;\nthe remainder cents go to the first installments. "
          "--json: one object per\nplan with its installments (amounts in "
          "integer cents).\n",
          argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  opts o = {0};
  take(&argc, argv, &o);
  if (o.bad) return cli_usage_error("plan: an option is missing its value");
  const char *verb = argv[1];
  cc_err e;
  cc_err_clear(&e);
  if (!strcmp(verb, "create")) {
    cc_money m;
    uint64_t n;
    if (argc < 5 || !amount(argv[3], &m) ||
        cc_slice_to_u64(cc_slice_cstr(argv[4]), &n) || n > 1000)
      return cli_usage_error("plan create: ACCOUNT AMOUNT INSTALLMENTS");
    cc_store *s = open_db(o.db, &e);
    if (!s) return CLI_FINDINGS;
    int64_t id;
    cc_code rc = cc_billing_plan_create(s, argv[2], m, (int)n, o.start, o.date,
                                        o.user, &id, &e);
    int ret = rc ? fail(&e, rc) : print_plan(s, id, o.as_of, true, o.json);
    cc_store_close(s);
    return ret;
  }
  if (!strcmp(verb, "show")) {
    uint64_t id;
    if (argc < 3 || cc_slice_to_u64(cc_slice_cstr(argv[2]), &id))
      return cli_usage_error("plan show: give a plan id");
    cc_store *s = open_db(o.db, &e);
    if (!s) return CLI_FINDINGS;
    int ret = print_plan(s, (int64_t)id, o.as_of, true, o.json);
    cc_store_close(s);
    return ret;
  }
  if (!strcmp(verb, "list")) {
    cc_store *s = open_db(o.db, &e);
    if (!s) return CLI_FINDINGS;
    list_ctx l = {s, o.as_of, o.json, CLI_OK};
    cc_code rc = cc_billing_plan_list(s, argc > 2 ? argv[2] : NULL, list_one,
                                      &l, &e);
    cc_store_close(s);
    return rc ? fail(&e, rc) : l.ret;
  }
  return cli_usage_error("plan: unknown verb '%s'", verb);
}
