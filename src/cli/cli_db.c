/* cli_db.c - `cleanclaim init`: create the practice database, or bring an
 * existing one up to the latest schema version. */
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim init [--db PATH]\n\n"
          "Creates the practice database (WAL mode, foreign keys on), or\n"
          "upgrades an existing one to the latest schema version in place.\n"
          "The database is --db PATH, else $CLEANCLAIM_DB, else "
          "./cleanclaim.db.\n");
}

int cli_init(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *path = cli_db_path(&argc, argv);
  if (argc > 1)
    return cli_usage_error("init: unexpected argument '%s' (see cleanclaim "
                           "init --help)", argv[1]);
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(path, true, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  int before = cc_store_opened_version(s), v = cc_store_version(s);
  cc_store_close(s);
  if (before == 0)
    printf("created %s (schema version %d)\n", path, v);
  else if (before < v)
    printf("%s upgraded from schema version %d to %d\n", path, before, v);
  else
    printf("%s is at schema version %d\n", path, v);
  return CLI_OK;
}
