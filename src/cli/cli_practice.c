/* cli_practice.c - `cleanclaim practice set|show`: the practice's own
 * settings (name, NPI, tax ID, the submitter and receiver of every
 * envelope). */
#include <stddef.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim practice set [--name NAME] [--npi NPI] "
          "[--tax-id EIN]\n"
          "         [--submitter-id ID] [--submitter-name NAME] "
          "[--contact NAME]\n"
          "         [--phone DIGITS] [--receiver-id ID] "
          "[--receiver-name NAME]\n"
          "         [--sender-qual QQ] [--receiver-qual QQ] [--usage P|T]\n"
          "         [--address1 TEXT] [--address2 TEXT] [--city TEXT] "
          "[--state XX]\n"
          "         [--zip ZIP] [--practice-phone DIGITS] [--db PATH]\n"
          "       cleanclaim practice show [--json] [--db PATH]\n\n"
          "set creates the practice (a name is then required) or changes the\n"
          "settings given; an empty value clears one. The submitter and\n"
          "receiver IDs go into every 837, 270 and 276 envelope (ISA06/ISA08,\n"
          "GS02/GS03, 1000A/1000B); --phone is the submitter contact's.\n"
          "--practice-phone is the number patients and payers call: it is\n"
          "printed on statements and appeal letters.\n"
          "Exit 0 when done, 1 when a value is refused (nothing changed), 2\n"
          "for usage errors.\n");
}

static const struct {
  const char *opt;
  size_t off;
} OPTS[] = {
#define O(flag, field) {flag, offsetof(cc_practice, field)}
    O("--name", name), O("--npi", npi), O("--tax-id", tax_id),
    O("--address1", address1), O("--address2", address2), O("--city", city),
    O("--state", state), O("--zip", zip), O("--practice-phone", phone),
    O("--submitter-id", submitter_id), O("--submitter-name", submitter_name),
    O("--contact", submitter_contact), O("--phone", submitter_phone),
    O("--receiver-id", receiver_id), O("--receiver-name", receiver_name),
    O("--sender-qual", isa_sender_qual),
    O("--receiver-qual", isa_receiver_qual),
#undef O
};

static int open_db(const char *db, cc_store **s) {
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  return CLI_OK;
}

static int set(int argc, char **argv, const char *db) {
  cc_practice p = {0};
  bool bad = false, any = false;
  for (size_t i = 0; i < sizeof OPTS / sizeof *OPTS; i++) {
    const char *v = cli_take_opt(&argc, argv, OPTS[i].opt, &bad);
    if (v) {
      *(const char **)((char *)&p + OPTS[i].off) = v;
      any = true;
    }
  }
  const char *usage = cli_take_opt(&argc, argv, "--usage", &bad);
  if (bad) return cli_usage_error("practice set: an option is missing its "
                                  "value");
  if (argc > 1)
    return cli_usage_error("practice set: unexpected argument '%s' (see "
                           "cleanclaim practice --help)", argv[1]);
  if (usage) {
    if (strlen(usage) != 1)
      return cli_usage_error("practice set: --usage is P or T");
    p.usage = usage[0];
    any = true;
  }
  if (!any) return cli_usage_error("practice set: nothing to set");
  cc_store *s;
  if (open_db(db, &s)) return CLI_FINDINGS;
  cc_err e;
  cc_err_clear(&e);
  int64_t id = 0;
  cc_code rc = cc_claims_practice_set(s, &p, &id, &e);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  printf("practice %lld saved\n", (long long)id);
  return CLI_OK;
}

static int show(int argc, char **argv, const char *db) {
  bool json = cli_take_flag(&argc, argv, "--json");
  if (argc > 1)
    return cli_usage_error("practice show: unexpected argument '%s'",
                           argv[1]);
  cc_store *s;
  if (open_db(db, &s)) return CLI_FINDINGS;
  cc_err e;
  cc_err_clear(&e);
  cc_buf b;
  cc_buf_init(&b, 1 << 20);
  cc_code rc = cc_claims_practice_json(s, &b, &e);
  cc_store_close(s);
  if (!rc && json) {
    printf("%s\n", b.p);
  } else if (!rc) {
    cc_arena *a = cc_arena_new(0);
    cc_json *doc = NULL;
    cc_buf t;
    cc_buf_init(&t, 1 << 20);
    rc = a ? cc_json_parse(b.p, b.n, "practice", a, &doc, &e) : CC_E_NOMEM;
    if (!rc) rc = cc_json_text(doc, &t);
    if (!rc) fputs(t.p ? t.p : "", stdout);
    cc_buf_free(&t);
    cc_arena_free(a);
  }
  cc_buf_free(&b);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  return CLI_OK;
}

int cli_practice(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    help(argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  for (int i = 2; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  if (strcmp(argv[1], "set") == 0) return set(argc - 1, argv + 1, db);
  if (strcmp(argv[1], "show") == 0) return show(argc - 1, argv + 1, db);
  return cli_usage_error("practice: unknown verb '%s' (set, show)", argv[1]);
}
