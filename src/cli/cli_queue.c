/* cli_queue.c - `cleanclaim queue refresh|list|show|assign|note|act`: the
 * denial work queue. The acting user is --user NAME or $CLEANCLAIM_USER. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fputs("usage: cleanclaim queue refresh\n"
        "       cleanclaim queue list [--category C] [--status open|appealed|"
        "resolved|all]\n"
        "                             [--assignee USER] [--payer ID] "
        "[--due-by D] [--json]\n"
        "       cleanclaim queue show ID [--json]\n"
        "       cleanclaim queue assign ID [--to USER] [--follow-up D]\n"
        "       cleanclaim queue note ID TEXT\n"
        "       cleanclaim queue act ID correct|void|appeal|writeoff|patient\n"
        "             [--reason TEXT] [--argument TEXT] [--amount 12.34]\n"
        "             [--date D] [--pdf FILE] [--letter FILE]\n"
        "options: --db PATH, --user NAME (else $CLEANCLAIM_USER)\n"
        "Categories: authorization coding eligibility duplicate "
        "timely_filing\nmissing_information non_covered underpayment other. "
        "See docs/DENIALS.md.\n", out);
}

static int fail(const cc_err *e, cc_code rc) {
  cc_err_print(e, stderr);
  return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
}

static int print_item(void *ctx, const cc_queue_item *it) {
  bool json = *(bool *)ctx;
  char m[24];
  if (json) {
    printf("{\"id\":%lld,\"claim\":", (long long)it->id);
    cc_json_write_str(stdout, cc_slice_cstr(it->claim));
    printf(",\"category\":\"%s\",\"source\":\"%s\",\"carc\":\"%s\","
           "\"amount_cents\":%lld,\"action\":\"%s\",\"status\":\"%s\","
           "\"deadline\":\"%s\",\"assignee\":", it->category, it->source,
           it->carc, (long long)it->amount.cents, it->action, it->status,
           it->deadline);
    cc_json_write_str(stdout, cc_slice_cstr(it->assignee));
    printf(",\"follow_up\":\"%s\"}\n", it->follow_up);
  } else {
    printf("%-5lld %-20s %-14s %-13s %-4s %10s %-8s %-10s %-10s %s\n",
           (long long)it->id, it->category, it->claim, it->source, it->carc,
           cc_money_fmt(it->amount, m), it->action,
           it->deadline[0] ? it->deadline : "-",
           it->follow_up[0] ? it->follow_up : "-",
           it->assignee[0] ? it->assignee : "-");
  }
  return 0;
}

static void print_event(void *ctx, const cc_queue_event *ev) {
  (void)ctx;
  printf("  %s %-8s %-8s %s\n", ev->at, ev->user[0] ? ev->user : "-",
         ev->action, ev->detail ? ev->detail : "");
}

static bool parse_id(const char *s, int64_t *id) {
  uint64_t v;
  if (!s || cc_slice_to_u64(cc_slice_cstr(s), &v) || v == 0 ||
      v > INT64_MAX)
    return false;
  *id = (int64_t)v;
  return true;
}

static int show(cc_store *s, int64_t id, bool json) {
  cc_err e;
  cc_err_clear(&e);
  cc_code rc;
  if (json) {
    cc_buf b;
    cc_buf_init(&b, 1 << 22);
    rc = cc_queue_item_json(s, id, &b, &e);
    if (!rc) fputs(b.p, stdout);
    cc_buf_free(&b);
    return rc ? fail(&e, rc) : CLI_OK;
  }
  cc_queue_item it;
  if ((rc = cc_queue_get(s, id, &it, &e))) return fail(&e, rc);
  char m[24], x[24], p[24];
  printf("work item %lld: %s (%s), %s\n", (long long)it.id, it.category,
         it.source, it.status);
  printf("claim      %s (payer claim %s), patient %s %s, payer %s %s\n",
         it.claim, it.payer_claim[0] ? it.payer_claim : "-", it.patient,
         it.patient_name, it.payer, it.payer_name);
  if (it.line_no)
    printf("line       %d: %s on %s\n", it.line_no, it.code, it.service_date);
  printf("amount     %s\n", cc_money_fmt(it.amount, m));
  if (it.has_expected)
    printf("fee schedule pays %s, payer paid %s\n",
           cc_money_fmt(it.expected, x), cc_money_fmt(it.paid, p));
  bool rejection = !strcmp(it.source, "999") || !strcmp(it.source, "277CA");
  if (rejection) /* the acknowledgment's own words */
    printf("reason     %s\n", it.carc_text[0] ? it.carc_text : "-");
  else if (it.carc[0])
    printf("reason     %s%s%s: %s\n", it.group, it.group[0] ? "-" : "",
           it.carc, it.carc_text[0] ? it.carc_text : "(code text not loaded)");
  if (it.rarc[0]) printf("remarks    %s\n", it.rarc_text);
  printf("do         %s: %s\n", it.action, it.recommendation);
  printf("denied     %s, appeal by %s\n", it.denied,
         it.deadline[0] ? it.deadline : "-");
  printf("assigned   %s, follow up %s\n", it.assignee[0] ? it.assignee : "-",
         it.follow_up[0] ? it.follow_up : "-");
  printf("history\n");
  if ((rc = cc_queue_history(s, id, print_event, NULL, &e))) return fail(&e, rc);
  return CLI_OK;
}

int cli_queue(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *user = cli_take_opt(&argc, argv, "--user", &bad);
  if (!user) user = getenv("CLEANCLAIM_USER");
  cc_queue_filter f = {0};
  f.category = cli_take_opt(&argc, argv, "--category", &bad);
  f.status = cli_take_opt(&argc, argv, "--status", &bad);
  f.assignee = cli_take_opt(&argc, argv, "--assignee", &bad);
  f.payer = cli_take_opt(&argc, argv, "--payer", &bad);
  f.due_by = cli_take_opt(&argc, argv, "--due-by", &bad);
  const char *to = cli_take_opt(&argc, argv, "--to", &bad);
  const char *follow = cli_take_opt(&argc, argv, "--follow-up", &bad);
  cc_queue_act_opts o = {0};
  o.reason = cli_take_opt(&argc, argv, "--reason", &bad);
  o.argument = cli_take_opt(&argc, argv, "--argument", &bad);
  o.date = cli_take_opt(&argc, argv, "--date", &bad);
  o.pdf_path = cli_take_opt(&argc, argv, "--pdf", &bad);
  const char *letter = cli_take_opt(&argc, argv, "--letter", &bad);
  const char *amount = cli_take_opt(&argc, argv, "--amount", &bad);
  bool json = cli_take_flag(&argc, argv, "--json");
  if (bad) return cli_usage_error("queue: an option is missing its value");
  o.user = user;
  cc_err e;
  cc_err_clear(&e);
  if (amount) {
    cc_money m;
    if (cc_money_parse(cc_slice_cstr(amount), &m, &e) || m.cents <= 0)
      return cli_usage_error("queue: --amount '%s' is not an amount", amount);
    o.amount_cents = m.cents;
  }
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  const char *verb = argv[1];
  int64_t id = 0;
  cc_queue_action act = CC_QUEUE_CORRECT;
  if (strcmp(verb, "refresh") && strcmp(verb, "list")) {
    if (argc < 3 || !parse_id(argv[2], &id))
      return cli_usage_error("queue %s: give a work item id", verb);
    if (!strcmp(verb, "act") &&
        (argc < 4 || !cc_queue_action_parse(argv[3], &act)))
      return cli_usage_error("queue act: the action is one of correct, void, "
                             "appeal, writeoff, patient");
    if (!strcmp(verb, "note") && argc < 4)
      return cli_usage_error("queue note: give the note's text");
  }
  if (strcmp(verb, "refresh") && strcmp(verb, "list") && strcmp(verb, "show") &&
      strcmp(verb, "assign") && strcmp(verb, "note") && strcmp(verb, "act"))
    return cli_usage_error("queue: unknown verb '%s' (see --help)", verb);
  cc_store *s;
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  int ret = CLI_OK;
  cc_code rc = CC_OK;
  if (!strcmp(verb, "refresh")) {
    cc_queue_refresh_result r;
    if (!(rc = cc_queue_refresh(s, &r, &e)))
      printf("added %u denials, %u rejections, %u underpayments\n", r.denials,
             r.rejections, r.underpayments);
  } else if (!strcmp(verb, "list")) {
    cc_queue_refresh_result r;
    rc = cc_queue_refresh(s, &r, &e);
    if (!rc && !json)
      printf("%-5s %-20s %-14s %-13s %-4s %10s %-8s %-10s %-10s %s\n", "id",
             "category", "claim", "source", "carc", "amount", "action",
             "deadline", "follow-up", "assignee");
    if (!rc) rc = cc_queue_list(s, &f, print_item, &json, &e);
  } else if (!strcmp(verb, "show")) {
    ret = show(s, id, json);
  } else if (!strcmp(verb, "assign")) {
    if (!(rc = cc_queue_assign(s, id, user, to, follow, &e)))
      printf("work item %lld assigned\n", (long long)id);
  } else if (!strcmp(verb, "note")) {
    if (!(rc = cc_queue_note(s, id, user, argv[3], &e)))
      printf("note added to work item %lld\n", (long long)id);
  } else {
    cc_queue_act_result r;
    if (!(rc = cc_queue_act(s, id, act, &o, &r, &e))) {
      char m[24];
      printf("work item %lld: %s done", (long long)id, cc_queue_action_name(act));
      if (r.new_claim[0]) printf("; new claim %s ready to send", r.new_claim);
      if (r.amount.cents) printf("; amount %s", cc_money_fmt(r.amount, m));
      if (r.appeal_id) printf("; appeal %lld", (long long)r.appeal_id);
      if (r.pdf_pages) printf("; PDF %s (%u page%s)", o.pdf_path, r.pdf_pages,
                              r.pdf_pages == 1 ? "" : "s");
      printf("\n");
      if (r.letter && letter) {
        FILE *lf = fopen(letter, "wb");
        if (!lf || fputs(r.letter, lf) < 0) ret = CLI_FINDINGS;
        if (lf) fclose(lf);
      } else if (r.letter) {
        fputs(r.letter, stdout);
      }
      free(r.letter);
    }
  }
  cc_store_close(s);
  if (rc) return fail(&e, rc);
  return ret;
}
