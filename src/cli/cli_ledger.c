/* cli_ledger.c - `cleanclaim ledger check|show|balance|unapplied|apply|
 * credits`: the books as the library keeps them, as text for people or
 * --json, and unapplied cash applied to the claim someone found. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/ledger.h"
#include "cleanclaim/remit.h"
#include "cli.h"

static void help(FILE *out) {
  fputs("usage: cleanclaim ledger <verb> [--json] [--db PATH]\n\n"
        "verbs:\n"
        "  check            verify every ledger invariant on every claim;\n"
        "                   lists each claim that breaks one (exit 1 if any)\n"
        "  show CLAIM       a claim's entries and its balance by responsible\n"
        "                   party (CLAIM: control number or row id)\n"
        "  balance PATIENT  a patient's balances by party (account number)\n"
        "  unapplied [--all] claim payments of posted 835s that matched no\n"
        "                   claim, held as unapplied cash (--all: also the\n"
        "                   applied ones)\n"
        "  apply ID --claim CLAIM [--date D] [--user NAME]\n"
        "                   post unapplied payment ID (first column of\n"
        "                   unapplied) to the claim with that control\n"
        "                   number, once found; entries dated D (default\n"
        "                   today); a biller or admin (--user, else\n"
        "                   $CLEANCLAIM_USER)\n"
        "  credits          payer credit balances: claims on which a payer\n"
        "                   paid more than it owed (refund with cleanclaim\n"
        "                   payment refund --payer PAYER CLAIM)\n\n"
        "Amounts are dollars and cents; --json gives integer cents.\n"
        "Balances: charges less payments less adjustments, by the party\n"
        "that owes them (a payer id, or the patient).\n", out);
}

static void jstr(const char *s) { cc_json_write_str(stdout, cc_slice_cstr(s)); }
/* `,"key":"value"` in one call; key comes with its comma and colon. */
static void jfield(const char *key, const char *s) {
  fputs(key, stdout);
  jstr(s);
}

static const char *money(cc_money m, char buf[24]) { return cc_money_fmt(m, buf); }

/* ---- check ---- */
typedef struct check_out {
  bool json;
  uint64_t n;
} check_out;

static void on_problem(void *vc, const cc_ledger_problem *p) {
  check_out *c = vc;
  if (c->json) {
    printf("%s{\"claim_id\":%lld,\"claim\":", c->n ? "," : "",
           (long long)p->claim_id);
    jstr(p->claim_key);
    jfield(",\"rule\":", p->rule);
    jfield(",\"detail\":", p->detail);
    fputc('}', stdout);
  } else {
    printf("%-16s %-18s %s\n", p->claim_id ? p->claim_key : "(remittance)",
           p->rule, p->detail);
  }
  c->n++;
}

static int do_check(cc_store *s, bool json) {
  check_out c = {json, 0};
  cc_ledger_summary sum;
  cc_err e;
  cc_err_clear(&e);
  if (json) fputs("{\"problems\":[", stdout);
  cc_code rc = cc_ledger_check(s, on_problem, &c, &sum, &e);
  if (rc) {
    if (json) fputs("]}\n", stdout);
    fprintf(stderr, "cleanclaim: ledger check: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  char a[24], b[24], d[24], f[24];
  if (json) {
    printf("],\"claims\":%llu,\"entries\":%llu,\"broken\":%llu,"
           "\"charges_cents\":%lld,\"payments_cents\":%lld,"
           "\"adjustments_cents\":%lld,\"balance_cents\":%lld}\n",
           (unsigned long long)sum.claims, (unsigned long long)sum.entries,
           (unsigned long long)sum.broken, (long long)sum.charges.cents,
           (long long)sum.payments.cents, (long long)sum.adjustments.cents,
           (long long)sum.balance.cents);
  } else {
    printf("%llu claims, %llu entries: charges %s, payments %s, adjustments "
           "%s, balance %s\n",
           (unsigned long long)sum.claims, (unsigned long long)sum.entries,
           money(sum.charges, a), money(sum.payments, b),
           money(sum.adjustments, d), money(sum.balance, f));
    printf(sum.broken ? "%llu problem(s): the books do not hold\n"
                      : "every invariant holds\n",
           (unsigned long long)sum.broken);
  }
  return sum.broken ? CLI_FINDINGS : CLI_OK;
}

/* ---- show ---- */
typedef struct show_out {
  bool json;
  size_t n;
} show_out;

static void on_entry(void *vc, const cc_ledger_entry_view *v) {
  show_out *o = vc;
  char a[24];
  if (o->json) {
    printf("%s{\"id\":%lld,\"line\":%lld,\"kind\":", o->n ? "," : "",
           (long long)v->id, (long long)v->line_no);
    jstr(v->kind);
    jfield(",\"party\":", v->party[0] ? v->party : "patient");
    jfield(",\"group\":", v->group);
    jfield(",\"reason\":", v->reason);
    jfield(",\"posted\":", v->posted);
    printf(",\"amount_cents\":%lld,\"file_id\":%lld,\"segment\":%lld,"
           "\"reverses\":%lld}",
           (long long)v->amount.cents, (long long)v->file_id,
           (long long)v->segment, (long long)v->reverses_id);
  } else {
    char line[16], adj[16];
    snprintf(line, sizeof line, "%lld", (long long)v->line_no);
    snprintf(adj, sizeof adj, "%s%s%s", v->group, v->reason[0] ? "-" : "",
             v->reason);
    printf("%6lld  %-10s %4s  %-10s %-12s %-8s %12s", (long long)v->id,
           v->posted, v->line_no ? line : "-", v->kind,
           v->party[0] ? v->party : "patient", adj, money(v->amount, a));
    if (v->segment) printf("  835 file %lld seg %lld", (long long)v->file_id,
                           (long long)v->segment);
    if (v->reverses_id) printf("  reverses %lld", (long long)v->reverses_id);
    fputc('\n', stdout);
  }
  o->n++;
}

static void print_balances(bool json, const cc_ledger_balance *b, size_t n) {
  char a[24];
  cc_money total = CC_MONEY(0);
  for (size_t i = 0; i < n; i++) {
    if (json) {
      printf("%s{\"party\":", i ? "," : "");
      jstr(b[i].payer_id ? b[i].payer : "patient");
      printf(",\"balance_cents\":%lld}", (long long)b[i].balance.cents);
    } else {
      printf("  %-14s %12s\n", b[i].payer_id ? b[i].payer : "patient",
             money(b[i].balance, a));
    }
    if (cc_money_add(&total, b[i].balance)) total = CC_MONEY(INT64_MAX);
  }
  if (json) printf("],\"total_cents\":%lld", (long long)total.cents);
  else printf("  %-14s %12s\n", "total", money(total, a));
}

enum { MAX_PARTIES = 64 };

static int do_show(cc_store *s, const char *key, bool json) {
  cc_ledger_balance b[MAX_PARTIES];
  size_t n = 0;
  cc_err e;
  cc_err_clear(&e);
  if (cc_ledger_claim_balances(s, key, b, MAX_PARTIES, &n, &e)) {
    fprintf(stderr, "cleanclaim: ledger show: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  if (n > MAX_PARTIES) n = MAX_PARTIES;
  show_out o = {json, 0};
  if (json) {
    fputs("{\"claim\":", stdout);
    jstr(key);
    fputs(",\"entries\":[", stdout);
  } else {
    printf("claim %s\n%6s  %-10s %4s  %-10s %-12s %-8s %12s\n", key, "entry",
           "posted", "line", "kind", "party", "adj", "amount");
  }
  if (cc_ledger_claim_entries(s, key, on_entry, &o, &e)) {
    if (json) fputs("]}\n", stdout);
    fprintf(stderr, "cleanclaim: ledger show: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  if (json) fputs("],\"balances\":[", stdout);
  else printf("%zu entries\nbalance by responsible party:\n", o.n);
  print_balances(json, b, n);
  if (json) fputs("}\n", stdout);
  return CLI_OK;
}

static int do_balance(cc_store *s, const char *account, bool json) {
  cc_ledger_balance b[MAX_PARTIES];
  size_t n = 0;
  cc_err e;
  cc_err_clear(&e);
  if (cc_ledger_patient_balances(s, account, b, MAX_PARTIES, &n, &e)) {
    fprintf(stderr, "cleanclaim: ledger balance: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  if (n > MAX_PARTIES) n = MAX_PARTIES;
  if (json) {
    fputs("{\"patient\":", stdout);
    jstr(account);
    fputs(",\"balances\":[", stdout);
  } else {
    printf("patient %s: balance by responsible party\n", account);
  }
  print_balances(json, b, n);
  if (json) fputs("}\n", stdout);
  return CLI_OK;
}

/* ---- unapplied ---- */
typedef struct un_out {
  bool json;
  size_t n;
  cc_money total;
} un_out;

static void on_unapplied(void *vc, const cc_ledger_unapplied *u) {
  un_out *o = vc;
  char a[24], b[24];
  if (o->json) {
    printf("%s{\"id\":%lld,\"claim_ref\":", o->n ? "," : "", (long long)u->id);
    jstr(u->claim_ref);
    jfield(",\"clp02\":", u->status_code);
    jfield(",\"payer_claim_number\":", u->payer_claim_no);
    jfield(",\"patient_last\":", u->patient_last);
    jfield(",\"patient_first\":", u->patient_first);
    jfield(",\"member_id\":", u->member_id);
    jfield(",\"payer\":", u->payer);
    jfield(",\"trace\":", u->trace);
    jfield(",\"posted\":", u->posted);
    jfield(",\"status\":", u->status);
    jfield(",\"applied_claim\":", u->applied_claim);
    printf(",\"file_id\":%lld,\"segment\":%lld,\"charge_cents\":%lld,"
           "\"paid_cents\":%lld}",
           (long long)u->file_id, (long long)u->segment,
           (long long)u->charge.cents, (long long)u->paid.cents);
  } else {
    char who[96];
    snprintf(who, sizeof who, "%s%s%s", u->patient_last,
             u->patient_first[0] ? ", " : "", u->patient_first);
    printf("%6lld %-16s %-8s %-22s %-14s %10s %10s  %s %s, file %lld seg "
           "%lld%s%s\n", (long long)u->id, u->claim_ref, u->status, who,
           u->member_id, money(u->charge, a), money(u->paid, b), u->payer,
           u->trace, (long long)u->file_id, (long long)u->segment,
           u->applied_claim[0] ? ", to claim " : "", u->applied_claim);
  }
  if (cc_money_add(&o->total, u->paid)) o->total = CC_MONEY(INT64_MAX);
  o->n++;
}

/* The end of a listing: its count and total, or the error. */
static int list_end(const un_out *o, cc_code rc, const cc_err *e,
                    const char *verb, const char *what) {
  if (rc) {
    if (o->json) fputs("]}\n", stdout);
    fprintf(stderr, "cleanclaim: ledger %s: %s: %s\n", verb, e->msg,
            e->detail);
    return CLI_FINDINGS;
  }
  char a[24];
  if (o->json)
    printf("],\"count\":%zu,\"total_cents\":%lld}\n", o->n,
           (long long)o->total.cents);
  else
    printf("%zu %s, %s in total\n", o->n, what, money(o->total, a));
  return CLI_OK;
}

static int do_unapplied(cc_store *s, bool all, bool json) {
  un_out o = {json, 0, CC_MONEY(0)};
  cc_err e;
  cc_err_clear(&e);
  if (json) fputs("{\"unapplied\":[", stdout);
  else
    printf("%6s %-16s %-8s %-22s %-14s %10s %10s  %s\n", "id", "CLP01",
           "status", "patient", "member id", "charged", "paid",
           "payer, trace, where");
  cc_code rc = cc_ledger_unapplied_list(s, !all, on_unapplied, &o, &e);
  return list_end(&o, rc, &e, "unapplied", "unapplied payment(s)");
}

/* ---- apply ---- */
static int do_apply(cc_store *s, const char *id_text, const char *claim,
                    const char *date, const char *user, bool json) {
  char *end;
  long long id = strtoll(id_text, &end, 10);
  if (*end || id <= 0)
    return cli_usage_error("ledger apply: '%s' is not an unapplied payment "
                           "id (the first column of cleanclaim ledger "
                           "unapplied)", id_text);
  cc_remit_opts o = {.posting_date = date};
  cc_remit_result r;
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_remit_apply_unapplied(s, id, claim, user, &o, &r, &e);
  if (rc) {
    fprintf(stderr, "cleanclaim: ledger apply: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  char a[24];
  if (json) {
    printf("{\"unapplied_id\":%lld,\"claim\":", id);
    jstr(claim);
    printf(",\"paid_cents\":%lld,\"lines\":%u,\"entries\":%u,"
           "\"denials\":%u,\"reversals\":%u}\n",
           (long long)r.claim_paid.cents, r.lines, r.entries, r.denials,
           r.reversals);
  } else
    printf("unapplied payment %lld applied to claim %s: %s paid, %u line(s),"
           " %u ledger entries, %u denial(s)\n", id, claim,
           money(r.claim_paid, a), r.lines, r.entries, r.denials);
  return CLI_OK;
}

/* ---- credits ---- */
static void on_credit(void *vc, const cc_ledger_payer_credit *c) {
  un_out *o = vc;
  char a[24];
  if (o->json) {
    printf("%s{\"claim_id\":%lld,\"claim\":", o->n ? "," : "",
           (long long)c->claim_id);
    jstr(c->claim);
    jfield(",\"account\":", c->account);
    jfield(",\"payer\":", c->payer);
    jfield(",\"service_date\":", c->service_date);
    printf(",\"credit_cents\":%lld}", (long long)c->credit.cents);
  } else {
    printf("%-16s %-12s %-12s %-10s %10s\n", c->claim, c->account, c->payer,
           c->service_date, money(c->credit, a));
  }
  if (cc_money_add(&o->total, c->credit)) o->total = CC_MONEY(INT64_MAX);
  o->n++;
}

static int do_credits(cc_store *s, bool json) {
  un_out o = {json, 0, CC_MONEY(0)};
  cc_err e;
  cc_err_clear(&e);
  if (json) fputs("{\"credits\":[", stdout);
  else
    printf("%-16s %-12s %-12s %-10s %10s\n", "claim", "account", "payer",
           "service", "credit");
  cc_code rc = cc_ledger_payer_credits(s, on_credit, &o, &e);
  return list_end(&o, rc, &e, "credits", "payer credit balance(s)");
}

int cli_ledger(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool json = cli_take_flag(&argc, argv, "--json");
  bool all = cli_take_flag(&argc, argv, "--all");
  bool bad = false;
  const char *claim = cli_take_opt(&argc, argv, "--claim", &bad);
  const char *date = cli_take_opt(&argc, argv, "--date", &bad);
  const char *user = cli_take_opt(&argc, argv, "--user", &bad);
  if (bad) return cli_usage_error("ledger: an option is missing its value");
  if (!user) user = getenv("CLEANCLAIM_USER");
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  const char *verb = argv[1];
  bool apply = !strcmp(verb, "apply");
  int need = !strcmp(verb, "show") || !strcmp(verb, "balance") || apply
                 ? 3 : 2;
  if (strcmp(verb, "check") && strcmp(verb, "show") &&
      strcmp(verb, "balance") && strcmp(verb, "unapplied") &&
      strcmp(verb, "credits") && !apply)
    return cli_usage_error("ledger: unknown verb '%s' (see cleanclaim ledger "
                           "--help)", verb);
  if (argc != need)
    return cli_usage_error("ledger %s: %s", verb,
                           need == 3 ? "needs exactly one argument (see "
                                       "cleanclaim ledger --help)"
                                     : "takes no argument");
  if (all && strcmp(verb, "unapplied"))
    return cli_usage_error("ledger %s: --all is for unapplied", verb);
  if (!apply && (claim || date))
    return cli_usage_error("ledger %s: --claim and --date are for apply",
                           verb);
  if (apply && !claim)
    return cli_usage_error("ledger apply: which claim? give --claim "
                           "CONTROL_NUMBER");
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e)) {
    fprintf(stderr, "cleanclaim: %s: %s\n", e.msg, e.detail);
    return CLI_FINDINGS;
  }
  int rc;
  if (!strcmp(verb, "check")) rc = do_check(s, json);
  else if (!strcmp(verb, "show")) rc = do_show(s, argv[2], json);
  else if (!strcmp(verb, "balance")) rc = do_balance(s, argv[2], json);
  else if (!strcmp(verb, "credits")) rc = do_credits(s, json);
  else if (apply) rc = do_apply(s, argv[2], claim, date, user, json);
  else rc = do_unapplied(s, all, json);
  cc_store_close(s);
  return rc;
}
