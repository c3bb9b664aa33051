/* cli_show.c - `cleanclaim patient|payer|claim show ID [--json]`: what the
 * database holds about one record, as text or as the library's JSON. */
#include <string.h>

#include "cli.h"

typedef cc_code (*show_fn)(cc_store *, const char *, cc_buf *, cc_err *);

static int show(const char *noun, const char *idname, show_fn fn, int argc,
                char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf("usage: cleanclaim %s show ID [--json] [--db PATH]\n\n"
             "ID is the row id or the %s.\n"
             "--json prints the record as JSON (amounts in integer cents).\n",
             noun, idname);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool json = cli_take_flag(&argc, argv, "--json");
  if (argc < 2 || strcmp(argv[1], "show") != 0)
    return cli_usage_error("%s: expected 'show ID' (see cleanclaim %s "
                           "--help)", noun, noun);
  if (argc != 3) return cli_usage_error("%s show: give exactly one ID", noun);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_buf b;
  cc_buf_init(&b, 64u << 20);
  cc_code rc = fn(s, argv[2], &b, &e);
  cc_store_close(s);
  if (rc) {
    cc_buf_free(&b);
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  if (json) {
    printf("%s\n", b.p);
  } else {
    cc_arena *a = cc_arena_new(0);
    cc_json *v;
    cc_buf t;
    cc_buf_init(&t, 64u << 20);
    if (a && cc_json_parse(b.p, b.n, noun, a, &v, &e) == CC_OK &&
        cc_json_text(v, &t) == CC_OK)
      fputs(t.p ? t.p : "", stdout);
    cc_buf_free(&t);
    cc_arena_free(a);
  }
  cc_buf_free(&b);
  return CLI_OK;
}

int cli_patient(int argc, char **argv) {
  return show("patient", "account number", cc_store_patient_json, argc, argv);
}
/* `claim trace ID [--json]`: the claim's lineage, end to end. */
static int trace(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf("usage: cleanclaim claim trace ID [--json] [--db PATH]\n\n"
             "The claim's story: each line, the 837 file, control numbers and\n"
             "segment it went out in, the 999/277CA/277 answers, each 835 CLP,\n"
             "SVC and CAS, and every ledger entry that resulted.\n");
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool json = cli_take_flag(&argc, argv, "--json");
  if (argc != 3) return cli_usage_error("claim trace: give exactly one ID");
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_buf b;
  cc_buf_init(&b, 64u << 20);
  cc_code rc = cc_claims_trace(s, argv[2], json, &b, &e);
  cc_store_close(s);
  if (rc) cc_err_print(&e, stderr);
  else printf("%s%s", b.p ? b.p : "", json ? "\n" : "");
  cc_buf_free(&b);
  return rc ? CLI_FINDINGS : CLI_OK;
}

int cli_claim(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "trace") == 0) return trace(argc, argv);
  return show("claim", "claim control number (CLM01)", cc_store_claim_json,
              argc, argv);
}
int cli_payer(int argc, char **argv) {
  return show("payer", "payer ID", cc_store_payer_json, argc, argv);
}
