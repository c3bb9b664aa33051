/* cli_user.c - `cleanclaim user add|list`: the practice's users and their
 * roles, which the queue and billing commands check (--user NAME). */
#include <string.h>

#include "cli.h"

static int help(void) {
  printf("usage: cleanclaim user add NAME --role ROLE [--display-name TEXT]"
         " [--db PATH]\n"
         "       cleanclaim user list [--json] [--db PATH]\n\n"
         "ROLE is admin, biller, front_desk, coder or viewer. What each role\n"
         "may do is the action_role table (docs/DENIALS.md, BILLING.md);\n"
         "commands that need a role take --user NAME or $CLEANCLAIM_USER.\n"
         "The display name signs appeal letters. Passwords come with the\n"
         "sign-in module. Exit 0 done, 1 refused (nothing changed), 2 usage.\n");
  return CLI_OK;
}

static int print_user(void *ctx, const cc_queue_user *u) {
  if (*(bool *)ctx) {
    printf("{\"id\":%lld,\"username\":", (long long)u->id);
    cc_json_write_str(stdout, cc_slice_cstr(u->username));
    printf(",\"display_name\":");
    cc_json_write_str(stdout, cc_slice_cstr(u->display_name));
    printf(",\"role\":\"%s\",\"active\":%s}\n", u->role,
           u->active ? "true" : "false");
  } else {
    printf("%-20s %-10s %-8s %s\n", u->username, u->role,
           u->active ? "active" : "inactive", u->display_name);
  }
  return 0;
}

int cli_user(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) return help();
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *role = cli_take_opt(&argc, argv, "--role", &bad);
  const char *display = cli_take_opt(&argc, argv, "--display-name", &bad);
  bool json = cli_take_flag(&argc, argv, "--json");
  if (bad) return cli_usage_error("user: --role and --display-name need a "
                                  "value");
  if (argc < 2) return cli_usage_error("user: expected add or list (see "
                                       "cleanclaim user --help)");
  const char *verb = argv[1];
  bool add = strcmp(verb, "add") == 0;
  if (!add && strcmp(verb, "list") != 0)
    return cli_usage_error("user: unknown verb '%s' (add, list)", verb);
  if (add && (argc != 3 || !role || json))
    return cli_usage_error("user add: give one NAME and --role ROLE (see "
                           "cleanclaim user --help)");
  if (!add && (argc != 2 || role || display))
    return cli_usage_error("user list takes only --json and --db");
  cc_err e;
  cc_err_clear(&e);
  cc_store *s;
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  int64_t id = 0;
  cc_code rc = add ? cc_queue_user_add(s, argv[2], display, role, &id, &e)
                   : cc_queue_user_list(s, print_user, &json, &e);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  if (add) printf("user %lld: %s (%s)\n", (long long)id, argv[2], role);
  return CLI_OK;
}
