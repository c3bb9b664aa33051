/* cli_elig.c - `cleanclaim elig request PATIENT [--date D] [--out FILE]`: a
 * 270 asking the patient's primary payer about coverage on a date. */
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim elig request PATIENT [--date YYYY-MM-DD] "
          "[--out FILE] [--db PATH]\n\n"
          "Builds a 270 eligibility inquiry (005010X279A1) for the patient "
          "(account\nnumber) and the primary coverage in force on the date "
          "(default today),\nwritten to FILE or standard output. The answer "
          "(271) comes back with\n`cleanclaim receive`. Exit 0 done, 1 no such "
          "patient or coverage, 2 usage.\n");
}

int cli_elig(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *date = cli_take_opt(&argc, argv, "--date", &bad);
  const char *out = cli_take_opt(&argc, argv, "--out", &bad);
  if (bad) return cli_usage_error("elig: an option is missing its value");
  if (argc < 2 || strcmp(argv[1], "request") != 0)
    return cli_usage_error("elig: expected 'request PATIENT' (see cleanclaim "
                           "elig --help)");
  if (argc != 3) return cli_usage_error("elig request: give one PATIENT");
  cc_day d = 0;
  if (date && cc_date_parse_iso(cc_slice_cstr(date), &d) != CC_OK)
    return cli_usage_error("elig request: --date must be YYYY-MM-DD, got '%s'",
                           date);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_buf b;
  cc_buf_init(&b, 1u << 24);
  cc_code rc = cc_elig_request(s, argv[2], d, out, &b, &e);
  cc_store_close(s);
  if (!rc) {
    rc = cli_write_out(out, &b, "cannot write the 270", &e);
    if (!rc && out) fprintf(stderr, "270 for %s written to %s\n", argv[2], out);
  }
  cc_buf_free(&b);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  return CLI_OK;
}
