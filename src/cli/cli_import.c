/* cli_import.c - `cleanclaim import KIND FILE`: reads a CSV or JSON list into
 * the practice database, printing every bad row as FILE:ROW:COLUMN. */
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim import KIND FILE [--db PATH] [--csv|--json]\n\n"
          "KIND is one of: patients coverages payers providers "
          "authorizations encounters\n\n"
          "FILE is CSV (a header row names the columns) or JSON (an array of\n"
          "objects); the extension or the first character decides, --csv or\n"
          "--json overrides. Columns are listed in docs/IMPORT.md.\n"
          "Every bad row is reported as FILE:ROW:COLUMN: message, and a file\n"
          "with any bad row changes nothing.\n\n"
          "exit status: 0 imported, 1 rejected, 2 usage error\n");
}

static void report(void *ctx, const cc_err *e) {
  (void)ctx;
  cc_err_print(e, stderr);
}

int cli_import(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  bool csv = cli_take_flag(&argc, argv, "--csv");
  bool json = cli_take_flag(&argc, argv, "--json");
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  if (strcmp(argv[1], "claims") == 0)
    return cli_usage_error("import claims: reading an 837 into the database "
                           "is not built yet");
  cc_import_kind kind;
  if (!cc_import_kind_parse(argv[1], &kind))
    return cli_usage_error("import: unknown kind '%s' (see cleanclaim import "
                           "--help)", argv[1]);
  if (argc != 3)
    return cli_usage_error("import %s: give exactly one FILE", argv[1]);
  if (csv && json) return cli_usage_error("import: --csv or --json, not both");
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_import_result res;
  cc_code rc = cc_import_file(s, kind, argv[2],
                              csv ? CC_IMPORT_CSV
                                  : json ? CC_IMPORT_JSON : CC_IMPORT_AUTO,
                              report, NULL, &res, &e);
  cc_store_close(s);
  if (rc == CC_OK) {
    printf("imported %u row%s of %s from %s: %u created, %u updated\n",
           res.rows, res.rows == 1 ? "" : "s",
           cc_import_kind_name(kind), argv[2], res.created, res.updated);
    return CLI_OK;
  }
  if (rc == CC_E_INVALID || rc == CC_E_SYNTAX || rc == CC_E_TOOBIG) {
    /* Errors in the header or the file as a whole belong to no data row:
     * "1 error in 1 of 0 rows" would read as nonsense. */
    if (res.rows == 0 || res.bad_rows > res.rows)
      fprintf(stderr, "%s: rejected, nothing imported (%u error%s)\n",
              argv[2], res.errors, res.errors == 1 ? "" : "s");
    else
      fprintf(stderr, "%s: rejected, nothing imported (%u error%s in %u of "
              "%u row%s)\n", argv[2], res.errors, res.errors == 1 ? "" : "s",
              res.bad_rows, res.rows, res.rows == 1 ? "" : "s");
    return CLI_FINDINGS;
  }
  cc_err_print(&e, stderr);
  return CLI_FINDINGS;
}
