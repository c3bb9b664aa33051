/* cli_status.c - `cleanclaim status request [--older-than DAYS] [--out
 * FILE]`: a 276 for every claim the payer has not answered. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim status request [--older-than DAYS] [--out FILE] "
          "[--db PATH]\n\n"
          "Builds a 276 claim status request (005010X212) for every claim "
          "submitted\nat least DAYS ago (default 30) with no 277 since and no "
          "835, written to\nFILE or standard output. Answers (277) come back "
          "with `cleanclaim receive`.\nExit 0 (also when no claim needs "
          "asking), 1 on errors, 2 usage.\n");
}

int cli_status(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *days = cli_take_opt(&argc, argv, "--older-than", &bad);
  const char *out = cli_take_opt(&argc, argv, "--out", &bad);
  if (bad) return cli_usage_error("status: an option is missing its value");
  if (argc != 2 || strcmp(argv[1], "request") != 0)
    return cli_usage_error("status: expected 'request' (see cleanclaim status "
                           "--help)");
  uint64_t n = 30;
  if (days && (cc_slice_to_u64(cc_slice_cstr(days), &n) != CC_OK || n > 36500))
    return cli_usage_error("status request: --older-than takes a number of "
                           "days, got '%s'", days);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_buf b;
  cc_buf_init(&b, 1u << 28);
  uint32_t claims = 0;
  cc_code rc = cc_elig_status_request(s, (int)n, out, &b, &claims, &e);
  cc_store_close(s);
  if (!rc && claims) rc = cli_write_out(out, &b, "cannot write the 276", &e);
  cc_buf_free(&b);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  fprintf(stderr, "%u claim%s asked about%s%s\n", claims,
          claims == 1 ? "" : "s", claims && out ? " in " : "",
          claims && out ? out : "");
  return CLI_OK;
}
