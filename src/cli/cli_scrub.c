/* cli_scrub.c - `cleanclaim scrub`: judges claims of an 837 file or of the
 * database with the scrubber and prints one line (or JSON object) per
 * finding, then a summary. Exit 0 when no claim has errors, 1 otherwise. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void help(FILE *out) {
  fputs("usage: cleanclaim scrub FILE.837 [--db PATH] [options]\n"
        "       cleanclaim scrub --claim ID | --ready | --all [--db PATH] [options]\n\n"
        "Checks claims before they are sent: code sets, NCCI edits, payer rules,\n"
        "coverage, authorizations, referrals, duplicates and timely filing.\n"
        "Code sets, payer rules and history come from the database; with a file\n"
        "and no database only the checks that need none run.\n\n"
        "options:\n"
        "  --db PATH        database (default $CLEANCLAIM_DB or ./cleanclaim.db)\n"
        "  --claim ID       one claim of the database (row id or CLM01)\n"
        "  --ready          every claim with status ready\n"
        "  --all            every claim in the database\n"
        "  --as-of DATE     judge with the tables as they stood on DATE\n"
        "                   (YYYY-MM-DD), and take DATE as today\n"
        "  --json           one JSON object per finding\n"
        "  --rules          list the rules and exit\n\n"
        "Output: CLAIM:LINE: RULE severity: message; fix: suggestion [source: ...]\n"
        "(LINE is - for the whole claim). Claims of the database are recorded\n"
        "(the run and its findings) and move to ready (no error) or held.\n"
        "Exit 0 when every claim is free of errors, 1 otherwise, 2 for usage\n"
        "errors. See docs/SCRUB.md.\n",
        out);
}

typedef struct out_ctx {
  bool json;
} out_ctx;

static void on_finding(void *ctx, const cc_scrub_finding *f) {
  out_ctx *o = ctx;
  cc_scrub_finding_print(f, o->json, stdout);
}

typedef struct find_pcn {
  const char *pcn;
  int64_t id;
} find_pcn;

static int match_pcn(void *ctx, const cc_claims_row *row) {
  find_pcn *f = ctx;
  if (strcmp(row->pcn, f->pcn) != 0) return 0;
  f->id = row->id;
  return 1;
}

static bool all_digits(const char *s) {
  if (!*s) return false;
  for (; *s; s++)
    if (!isdigit((unsigned char)*s)) return false;
  return true;
}

int cli_scrub(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  if (cli_take_flag(&argc, argv, "--rules")) {
    for (size_t i = 0; i < cc_scrub_rule_count(); i++)
      printf("%-22s %s\n", cc_scrub_rule_name(i), cc_scrub_rule_summary(i));
    return CLI_OK;
  }
  bool db_given = false;
  for (int i = 1; i < argc; i++)
    if (strncmp(argv[i], "--db", 4) == 0) db_given = true;
  if (getenv("CLEANCLAIM_DB") && *getenv("CLEANCLAIM_DB")) db_given = true;
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  out_ctx o = {.json = cli_take_flag(&argc, argv, "--json")};
  bool all = cli_take_flag(&argc, argv, "--all");
  bool ready = cli_take_flag(&argc, argv, "--ready");
  const char *claim = cli_take_opt(&argc, argv, "--claim", &bad);
  const char *as_of_s = cli_take_opt(&argc, argv, "--as-of", &bad);
  if (bad) return cli_usage_error("an option is missing its value (see cleanclaim scrub --help)");
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error("unknown option '%s' (see cleanclaim scrub --help)", argv[i]);
  const char *file = argc > 1 ? argv[1] : NULL;
  int modes = (file != NULL) + all + ready + (claim != NULL);
  if (modes != 1 || argc > 2)
    return cli_usage_error("give one FILE, or one of --claim ID, --ready, --all "
                           "(see cleanclaim scrub --help)");
  cc_day as_of = CC_DAY_NONE;
  if (as_of_s && cc_date_parse_iso(cc_slice_cstr(as_of_s), &as_of))
    return cli_usage_error("--as-of wants a date YYYY-MM-DD, got '%s'", as_of_s);

  cc_err e;
  cc_err_clear(&e);
  cc_store *s = NULL;
  /* A file may be scrubbed without a database; claims of the database
   * need one. */
  if (!file || db_given || access(db, F_OK) == 0) {
    if (cc_store_open(db, false, &s, &e)) {
      cc_err_print(&e, stderr);
      return CLI_FINDINGS;
    }
  }
  cc_scrub *sc;
  if (cc_scrub_open(s, as_of, &sc, &e)) {
    cc_err_print(&e, stderr);
    cc_store_close(s);
    return CLI_FINDINGS;
  }
  cc_scrub_summary sum = {0};
  cc_code rc;
  if (file) {
    rc = cc_scrub_file(sc, file, on_finding, &o, &sum, &e);
  } else if (claim) {
    find_pcn f = {claim, 0};
    /* CLM01 first: it is what billers see, and it may be all digits; a
     * number that is no CLM01 is then taken as the row id. */
    rc = cc_claims_list(s, NULL, match_pcn, &f, &e);
    if (!rc && !f.id && all_digits(claim)) f.id = strtoll(claim, NULL, 10);
    if (!rc && !f.id)
      rc = cc_err_set(&e, CC_E_NOTFOUND, "no such claim", "no claim with CLM01 '%s'", claim);
    if (!rc) rc = cc_scrub_store(sc, s, f.id, NULL, on_finding, &o, &sum, &e);
  } else {
    rc = cc_scrub_store(sc, s, 0, ready ? "ready" : NULL, on_finding, &o, &sum, &e);
  }
  cc_scrub_free(sc);
  cc_store_close(s);
  cc_scrub_summary_print(&sum, false, o.json ? stderr : stdout);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  return sum.with_errors ? CLI_FINDINGS : CLI_OK;
}
