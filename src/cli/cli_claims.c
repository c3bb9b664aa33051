/* cli_claims.c - `cleanclaim claims build|list`: unbilled encounters become
 * claims in status "built"; listing shows what the database holds. */
#include <string.h>

#include "cli.h"

static int help(void) {
  printf("usage: cleanclaim claims build [--combine] [--db PATH]\n"
         "       cleanclaim claims list [--status S] [--json] [--db PATH]\n\n"
         "build  every charge line not yet on a claim becomes part of a claim,\n"
         "       grouped per patient, visit, primary coverage in force on the\n"
         "       date of service, billing and rendering provider and claim\n"
         "       form (at most 50 lines each); claims start in status built.\n"
         "       A visit with no coverage in force is billed to the patient\n"
         "       (a closed claim to SELFPAY, never submitted; the count and\n"
         "       total are printed).\n"
         "       --combine: visits of the same patient, payer, providers and\n"
         "       form within the payer's combine_visits_days (a payer rule,\n"
         "       0 = never) of the claim's first visit share one claim (at\n"
         "       most 50 lines on an 837P and 12 diagnoses).\n"
         "       Then every primary claim its payer has answered whose lines\n"
         "       now have a balance with the patient's secondary coverage\n"
         "       (tertiary after the secondary) becomes a claim to that\n"
         "       payer; the earlier payers' adjudication goes into its COB\n"
         "       loops when it is submitted.\n"
         "list   one line per claim: id, CLM01, status, form, payer, patient\n"
         "       account, responsibility, dates, lines, total. --status S\n"
         "       keeps one status (built, ready, held, submitted...). --json\n"
         "       prints one JSON object per claim (amounts in integer cents).\n");
  return CLI_OK;
}

static cc_store *open_db(const char *db) {
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return NULL;
  }
  return s;
}

static int print_row(void *ctx, const cc_claims_row *r) {
  bool json = *(bool *)ctx;
  char m[24];
  if (!json) {
    printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\n", (long long)r->id,
           r->pcn, r->status, r->form, r->payer_code, r->patient_account,
           r->responsibility, r->first_date, r->last_date, r->n_lines,
           cc_money_fmt(r->total, m));
    return 0;
  }
  printf("{\"id\":%lld,\"claim\":", (long long)r->id);
  cc_json_write_str(stdout, cc_slice_cstr(r->pcn));
  printf(",\"status\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->status));
  printf(",\"form\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->form));
  printf(",\"payer\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->payer_code));
  printf(",\"patient\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->patient_account));
  printf(",\"responsibility\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->responsibility));
  printf(",\"first_date\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->first_date));
  printf(",\"last_date\":");
  cc_json_write_str(stdout, cc_slice_cstr(r->last_date));
  printf(",\"lines\":%u,\"total_cents\":%lld}\n", r->n_lines,
         (long long)r->total.cents);
  return 0;
}

int cli_claims(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) return help();
  const char *db = cli_db_path(&argc, argv);
  bool bad = false;
  const char *status = cli_take_opt(&argc, argv, "--status", &bad);
  bool json = cli_take_flag(&argc, argv, "--json");
  bool combine = cli_take_flag(&argc, argv, "--combine");
  if (bad) return cli_usage_error("claims: --status needs a value");
  if (argc < 2) return cli_usage_error("claims: expected build or list "
                                       "(see cleanclaim claims --help)");
  const char *verb = argv[1];
  if (argc > 2) return cli_usage_error("claims %s: unexpected '%s'", verb,
                                       argv[2]);
  cc_err e;
  cc_err_clear(&e);
  if (strcmp(verb, "build") == 0) {
    if (status || json)
      return cli_usage_error("claims build takes only --combine and --db");
    cc_store *s = open_db(db);
    if (!s) return CLI_FINDINGS;
    uint32_t n = 0, next = 0, comb = 0;
    cc_claims_build_result br = {0};
    cc_code rc = combine ? cc_claims_build_combine(s, &comb, &e) : CC_OK;
    if (!rc) rc = cc_claims_build_tally(s, &br, &e);
    if (!rc) rc = cc_claims_build_next(s, &next, &e);
    n = br.built;
    cc_store_close(s);
    if (rc) {
      cc_err_print(&e, stderr);
      return CLI_FINDINGS;
    }
    n += comb;
    printf("built %u claim%s", n + next, n + next == 1 ? "" : "s");
    if (comb) printf(" (%u combining visits)", comb);
    if (next) printf(" (%u to a secondary or tertiary payer)", next);
    printf("\n");
    if (br.self_pay_visits) {
      char m[24];
      printf("billed %u self-pay visit%s to the patient (%s): no coverage in "
             "force, on the next statement\n", br.self_pay_visits,
             br.self_pay_visits == 1 ? "" : "s",
             cc_money_fmt(br.self_pay_charged, m));
    }
    return CLI_OK;
  }
  if (strcmp(verb, "list") == 0) {
    static const char *const known[] = {
        "draft", "built", "held", "ready", "submitted", "accepted",
        "rejected", "paid", "partial", "denied", "appealed", "closed", "void"};
    bool ok = !status;
    for (size_t i = 0; status && i < sizeof known / sizeof *known; i++)
      if (strcmp(status, known[i]) == 0) ok = true;
    if (!ok)
      return cli_usage_error("claims list: no status '%s' (draft, built, "
                             "held, ready, submitted, accepted, rejected, "
                             "paid, partial, denied, appealed, closed, void)",
                             status);
    cc_store *s = open_db(db);
    if (!s) return CLI_FINDINGS;
    cc_code rc = cc_claims_list(s, status, print_row, &json, &e);
    cc_store_close(s);
    if (rc) {
      cc_err_print(&e, stderr);
      return CLI_FINDINGS;
    }
    return CLI_OK;
  }
  return cli_usage_error("claims: unknown verb '%s' (build, list)", verb);
}
