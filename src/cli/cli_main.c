/* cli_main.c - `cleanclaim <noun> <verb>`: finds the noun's handler and runs
 * it. Exit codes: 0 success, 1 findings or rejected input, 2 usage error. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* In the order of a billing day: set up, claims out, answers in, the
 * books and the patient, reports; then the tools. */
static const cli_cmd commands[] = {
    {"init", cli_init, "create or upgrade the practice database"},
    {"practice", cli_practice, "set or show the practice's settings (NPI, "
                               "tax ID, submitter and receiver)"},
    {"user", cli_user, "the practice's users and their roles: add, list"},
    {"codes", cli_codes, "load, search and show code sets and edit tables"},
    {"import", cli_import, "import patients, coverages, payers, providers, "
                           "authorizations, encounters or an 837"},
    {"patient", cli_patient, "show a patient (demographics, coverages)"},
    {"payer", cli_payer, "show a payer and its rules"},
    {"claims", cli_claims, "build claims from encounters, list claims"},
    {"claim", cli_claim, "show a claim and its lines, trace its story"},
    {"scrub", cli_scrub, "check claims (file or database) before they are sent"},
    {"submit", cli_submit, "send ready claims as 837P/837I files"},
    {"receive", cli_receive, "apply 999, 277CA, 835, 271 and 277 files"},
    {"elig", cli_elig, "build a 270 eligibility inquiry for a patient"},
    {"status", cli_status, "build a 276 for claims with no answer"},
    {"ledger", cli_ledger, "the books: invariant check, a claim's entries, "
                           "balances, unapplied cash"},
    {"queue", cli_queue, "denial work queue: list, show, assign, note, act "
                         "(correct, void, appeal, write off, to patient)"},
    {"statement", cli_statement, "patient statements: run a cycle, show"},
    {"payment", cli_payment, "patient payments, refunds, credit transfers"},
    {"plan", cli_plan, "payment plans: create, show, list"},
    {"report", cli_report, "A/R aging, KPIs, denial trends, follow-up and "
                           "timely-filing reports"},
    {"x12", cli_x12, "validate, acknowledge, show and convert X12 files"},
    {"payersim", cli_payersim, "payer and clearinghouse simulator: answer "
                               "837/270/276 with 999/277CA/835/271/277"},
    {"demo", cli_demo, "build the demonstration clinic and run its quarter"},
};

bool cli_is_help(const char *arg) {
  return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 ||
         strcmp(arg, "help") == 0;
}

int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("cleanclaim: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return CLI_USAGE;
}

static void drop(int *argc, char **argv, int i, int n) {
  memmove(argv + i, argv + i + n, (size_t)(*argc - i - n + 1) * sizeof *argv);
  *argc -= n;
}

bool cli_take_flag(int *argc, char **argv, const char *flag) {
  for (int i = 1; i < *argc; i++)
    if (strcmp(argv[i], flag) == 0) {
      drop(argc, argv, i, 1);
      return true;
    }
  return false;
}

const char *cli_take_opt(int *argc, char **argv, const char *name, bool *bad) {
  size_t n = strlen(name);
  for (int i = 1; i < *argc; i++) {
    if (strncmp(argv[i], name, n) != 0) continue;
    if (argv[i][n] == '=') {
      const char *v = argv[i] + n + 1;
      drop(argc, argv, i, 1);
      return v;
    }
    if (argv[i][n] != '\0') continue;
    if (i + 1 >= *argc) {
      if (bad) *bad = true;
      drop(argc, argv, i, 1);
      return NULL;
    }
    const char *v = argv[i + 1];
    drop(argc, argv, i, 2);
    return v;
  }
  return NULL;
}

const char *cli_db_path(int *argc, char **argv) {
  bool bad = false;
  const char *p = cli_take_opt(argc, argv, "--db", &bad);
  /* A bare --db would otherwise fall back to ./cleanclaim.db, writing to a
   * database the user did not name. Every caller treats the path as given,
   * so the usage error ends the command here (the front end may exit). */
  if (bad || (p && !*p)) {
    fprintf(stderr, "cleanclaim: --db needs a PATH (the practice database)\n");
    exit(CLI_USAGE);
  }
  if (p) return p;
  p = getenv("CLEANCLAIM_DB");
  return p && *p ? p : "cleanclaim.db";
}

cc_code cli_write_out(const char *path, const cc_buf *b, const char *msg,
                      cc_err *e) {
  cc_code rc = CC_OK;
  FILE *f = path ? fopen(path, "wb") : stdout;
  if (!f || fwrite(b->p, 1, b->n, f) != b->n)
    rc = cc_err_set(e, CC_E_IO, msg, "%s", path ? path : "stdout");
  if (f && f != stdout) fclose(f);
  return rc;
}

static void help(FILE *out) {
  fprintf(out,
          "cleanclaim %s - medical billing and revenue-cycle engine\n\n"
          "usage: cleanclaim <command> [<verb>] [options]\n\ncommands:\n",
          CLEANCLAIM_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nRun `cleanclaim <command> --help` for a command's verbs and "
               "options.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  if (cli_is_help(argv[1])) {
    help(stdout);
    return CLI_OK;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("cleanclaim %s\n", CLEANCLAIM_VERSION);
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0)
      return commands[i].fn(argc - 1, argv + 1);
  return cli_usage_error("unknown command '%s' (see cleanclaim --help)",
                         argv[1]);
}
