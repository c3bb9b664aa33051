/* cli_receive.c - `cleanclaim receive FILE...`: apply what payers and the
 * clearinghouse sent back (999, 277CA, 835, 271, 277), each file checked
 * first and applied all or nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim receive FILE... [--db PATH]\n\n"
          "Recognises each file and applies it:\n"
          "  999    transactions accepted or rejected (rejections to the work "
          "queue)\n"
          "  277CA  claims accepted or rejected for processing, with the STC "
          "reason\n"
          "  835    payments and adjustments posted to the ledger\n"
          "  271    eligibility and benefits stored on the coverage\n"
          "  277    claim status stored in the claim's history\n"
          "A file with syntax or structure errors (SNIP 1-2) is refused and\n"
          "changes nothing; the same file received twice changes nothing the\n"
          "second time. An 835's claim payments that match no claim of ours\n"
          "are held as unapplied cash and counted in the output (`cleanclaim\n"
          "ledger unapplied` lists them); the rest of the file is posted.\n"
          "Exit 0 when every file was applied, 1 when a file was refused or\n"
          "a 999, 277CA, 271 or 277 answered something we never sent, 2 for\n"
          "usage errors.\n");
}

static void note(void *ctx, const char *key, const char *text) {
  (void)ctx;
  printf("  %s: %s\n", key, text);
}

static char *slurp(const char *path, size_t *n, cc_err *e) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    cc_err_set(e, CC_E_IO, "cannot read the file", "%s", path);
    return NULL;
  }
  cc_buf b;
  cc_buf_init(&b, CC_MAX_X12_INTERCHANGE);
  char tmp[65536];
  size_t k;
  while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
    if (cc_buf_append(&b, tmp, k)) break;
  fclose(f);
  *n = b.n;
  char *p = cc_buf_take(&b);
  return p ? p : calloc(1, 1);
}

int cli_receive(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  if (argc < 2)
    return cli_usage_error("receive: give at least one FILE (see cleanclaim "
                           "receive --help)");
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  int status = CLI_OK;
  for (int i = 1; i < argc; i++) {
    size_t n = 0;
    cc_err_clear(&e);
    char *p = slurp(argv[i], &n, &e);
    cc_receive_result r;
    cc_code rc = p ? cc_remit_receive(s, p, n, argv[i], note, NULL, &r, &e)
                   : e.code;
    free(p);
    if (rc) {
      cc_err_print(&e, stderr);
      status = CLI_FINDINGS;
      continue;
    }
    if (r.already) {
      printf("%s: %s already received: nothing changed\n", argv[i], r.kind);
      continue;
    }
    if (!strcmp(r.kind, "835")) {
      char amt[24];
      printf("%s: 835 posted: %u claims, %u lines, %u ledger entries, %u "
             "denials", argv[i], r.remit.claims, r.remit.lines,
             r.remit.entries, r.remit.denials);
      if (r.remit.unapplied)
        printf(", %u unapplied (%s held)", r.remit.unapplied,
               cc_money_fmt(r.remit.unapplied_paid, amt));
      printf("\n");
    }
    else
      printf("%s: %s applied: %u matched, %u accepted, %u rejected, %u not "
             "ours\n", argv[i], r.kind, r.matched, r.accepted, r.rejected,
             r.unmatched);
    if (r.unmatched) status = CLI_FINDINGS;
  }
  cc_store_close(s);
  return status;
}
