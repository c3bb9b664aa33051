/* cli_submit.c - `cleanclaim submit [--payer ID] --out DIR`: ready claims out
 * as 837P/837I files, one per payer and form. */
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim submit [--payer ID] --out DIR [--db PATH]\n\n"
          "Every claim in status ready (of payer ID when given) goes out in an\n"
          "837P or 837I interchange written into DIR as FORM-PAYER-ISA13.x12,\n"
          "with unique interchange, group and transaction control numbers.\n"
          "Each file is checked with our own validator first. Claims move to\n"
          "submitted; the file, control numbers and CLM segment go into their\n"
          "history. DIR is created (with its parents) when missing. Exit 0\n"
          "when done (also with nothing to send), 1 when a file could not be\n"
          "built or --payer names no payer on file, 2 for usage errors.\n");
}

static void said(void *ctx, const cc_submit_file *f) {
  (void)ctx;
  printf("%s: %u claim%s to %s (%s), ISA13 %09u GS06 %u ST02 %04u\n", f->path,
         f->claims, f->claims == 1 ? "" : "s", f->payer, f->form,
         f->isa_control, f->gs_control, f->st_control);
}

int cli_submit(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *payer = cli_take_opt(&argc, argv, "--payer", &bad);
  const char *out = cli_take_opt(&argc, argv, "--out", &bad);
  if (bad) return cli_usage_error("submit: an option is missing its value");
  if (!out) return cli_usage_error("submit: --out DIR is required");
  if (argc > 1)
    return cli_usage_error("submit: unexpected argument '%s' (see cleanclaim "
                           "submit --help)", argv[1]);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_submit_result r;
  cc_code rc = cc_claims_submit(s, payer, out, said, NULL, &r, &e);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    if (r.files) fprintf(stderr, "(%u file%s sent before that)\n", r.files,
                         r.files == 1 ? "" : "s");
    return CLI_FINDINGS;
  }
  printf("submitted %u claim%s in %u file%s\n", r.claims,
         r.claims == 1 ? "" : "s", r.files, r.files == 1 ? "" : "s");
  return CLI_OK;
}
