/* cli_demo.c - `cleanclaim demo`: builds the demonstration clinic in a new
 * database, runs its days through the payer simulator and prints what
 * happened. The clinic and the driver are library code (src/demo). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *out) {
  fprintf(out,
          "usage: cleanclaim demo [--db PATH] [--seed N] [--days N] "
          "[--today YYYY-MM-DD]\n"
          "                       [--patients N] [--visits-per-day N] "
          "[--history-days N]\n"
          "                       [--data DIR] [--codes DIR] [--no-codes] "
          "[--files DIR] [--no-serve]\n\n"
          "Creates a synthetic multi-provider clinic in a NEW database (five "
          "payers and\nself-pay, synthetic patients, referrals and prior "
          "authorizations), generates\nits visits with a realistic share of "
          "mistakes, and runs the revenue cycle day\nby day against the payer "
          "simulator: eligibility, scrub, submit, 999/277CA,\n835 posting, "
          "secondary claims, patient responsibility. Then prints a summary.\n\n"
          "  --db PATH          database to create (default demo.db; must not "
          "hold patients)\n"
          "  --seed N           seed of the clinic and the simulator (1)\n"
          "  --days N           simulated days ending on today (90)\n"
          "  --today DATE       last simulated day (default: $CC_TODAY, else "
          "%s)\n"
          "  --patients N       synthetic patients (400)\n"
          "  --visits-per-day N average visits on a weekday (24)\n"
          "  --history-days N   older visits entered late on the first day "
          "(120)\n"
          "  --data DIR         demo data (default: data/demo next to the "
          "build, or ./data/demo)\n"
          "  --codes DIR        code sets to load (default: $CC_SHARED/data, "
          "else ../shared/data)\n"
          "  --no-codes         do not load code sets\n"
          "  --files DIR        where the 837s go (default: PATH.files)\n"
          "  --no-serve         stop after the summary (the web UI is not "
          "built yet, so\n"
          "                     the demo always stops there for now)\n\n"
          "Everything is deterministic for a given seed and today. See "
          "docs/DEMO.md.\n",
          CC_DEMO_DEFAULT_TODAY);
}

static bool parse_int(const char *s, long lo, long hi, long *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (!*s || *end || v < lo || v > hi) return false;
  *out = v;
  return true;
}

static bool dir_exists(const char *p) { return access(p, R_OK | X_OK) == 0; }

/* data/demo beside the binary's build folder, else under the current one */
static const char *find_data(char *buf, size_t cap) {
  char exe[PATH_MAX - 32]; /* room for the suffix in buf */
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = 0;
      snprintf(buf, cap, "%s/../data/demo", exe);
      if (dir_exists(buf)) return buf;
    }
  }
  snprintf(buf, cap, "data/demo");
  return buf;
}

static void progress(void *ctx, int day, int days, const char *what) {
  if (!*(bool *)ctx) return;
  if (day == 0) fprintf(stderr, "\r\033[K%s...", what);
  else fprintf(stderr, "\r\033[Kday %d/%d %s", day, days, what);
  fflush(stderr);
}

static void money(const char *label, cc_money m) {
  char b[24];
  printf("  %-28s %14s\n", label, cc_money_fmt(m, b));
}

int cli_demo(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      usage(stdout);
      return CLI_OK;
    }
  const char *db = "demo.db";
  bool bad = false;
  const char *v = cli_take_opt(&argc, argv, "--db", &bad);
  if (v) db = v;
  cc_demo_opts o;
  cc_demo_opts_init(&o);
  struct {
    const char *name;
    long lo, hi;
    long val;
    bool given;
  } nums[] = {{"--seed", 0, LONG_MAX, 0, false}, {"--days", 1, 366, 0, false},
              {"--patients", 20, 20000, 0, false},
              {"--visits-per-day", 1, 2000, 0, false},
              {"--history-days", 0, 365, 0, false}};
  for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
    v = cli_take_opt(&argc, argv, nums[i].name, &bad);
    if (!v) continue;
    if (!parse_int(v, nums[i].lo, nums[i].hi, &nums[i].val))
      return cli_usage_error("%s '%s': give a whole number from %ld to %ld",
                             nums[i].name, v, nums[i].lo, nums[i].hi);
    nums[i].given = true;
  }
  if (nums[0].given) o.seed = (uint64_t)nums[0].val;
  if (nums[1].given) o.days = (int)nums[1].val;
  if (nums[2].given) o.patients = (int)nums[2].val;
  if (nums[3].given) o.visits_per_day = (int)nums[3].val;
  if (nums[4].given) o.history_days = (int)nums[4].val;
  const char *today = cli_take_opt(&argc, argv, "--today", &bad);
  if (!today) today = getenv("CC_TODAY");
  if (today && *today && cc_date_parse_iso(cc_slice_cstr(today), &o.today))
    return cli_usage_error("--today '%s': give a date as YYYY-MM-DD", today);
  char databuf[PATH_MAX], codesbuf[PATH_MAX], filesbuf[PATH_MAX];
  o.data_dir = cli_take_opt(&argc, argv, "--data", &bad);
  if (!o.data_dir) o.data_dir = find_data(databuf, sizeof databuf);
  o.codes_dir = cli_take_opt(&argc, argv, "--codes", &bad);
  if (cli_take_flag(&argc, argv, "--no-codes")) o.codes_dir = NULL;
  else if (!o.codes_dir) {
    const char *sh = getenv("CC_SHARED");
    snprintf(codesbuf, sizeof codesbuf, "%s/data", sh && *sh ? sh : "../shared");
    o.codes_dir = codesbuf;
  }
  o.files_dir = cli_take_opt(&argc, argv, "--files", &bad);
  if (!o.files_dir) {
    snprintf(filesbuf, sizeof filesbuf, "%s.files", db);
    o.files_dir = filesbuf;
  }
  cli_take_flag(&argc, argv, "--no-serve");
  if (bad) return cli_usage_error("an option is missing its value (see cleanclaim demo --help)");
  if (argc > 1) return cli_usage_error("unexpected argument '%s' (see cleanclaim demo --help)", argv[1]);
  if (o.codes_dir && !dir_exists(o.codes_dir))
    return cli_usage_error("code sets folder %s not found: set CC_SHARED, give "
                           "--codes DIR or --no-codes", o.codes_dir);

  bool tty = isatty(2);
  o.progress = progress;
  o.progress_ctx = &tty;
  cc_store *s = NULL;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, true, &s, &e)) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_demo_result r;
  cc_code rc = cc_demo_run(s, &o, &r, &e);
  if (tty) fputs("\r\033[K", stderr);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
  }
  char d1[11], d2[11];
  printf("Demonstration clinic: %s (seed %llu), %s to %s\n", db,
         (unsigned long long)o.seed, cc_date_iso(r.first_day, d1),
         cc_date_iso(r.today, d2));
  printf("  %u providers, %u payers and self-pay, %u patients (%u with a "
         "secondary coverage), %u prior authorizations, %u referrals\n",
         r.providers, r.payers, r.patients, r.secondary_coverages,
         r.authorizations, r.referrals);
  printf("  %u encounters (%u entered late from older history, %u self-pay), "
         "%u eligibility checks\n",
         r.encounters, r.history_encounters, r.self_pay_encounters,
         r.eligibility_checks);
  printf("Claims\n");
  printf("  built %u, scrubbed %u, held by the scrubber %u, submitted %u\n",
         r.built, r.scrubbed, r.held, r.submitted);
  printf("  accepted %u and rejected %u at the 999/277CA (member ID not "
         "found %u, NPI not on file with the payer %u)\n", r.accepted,
         r.rejected, r.rejected_member, r.rejected_npi);
  printf("  paid %u, paid nothing (patient responsibility) %u, denied %u\n",
         r.paid, r.zero_paid, r.denied);
  printf("  secondary claims built %u, submitted %u, paid %u\n",
         r.secondary_built, r.secondary_submitted, r.secondary_paid);
  char rb[32];
  printf("  reversals (CLP02 22) %u; claims the payer reprocessed on its own "
         "%u, recouping %s\n", r.reversals, r.payer_corrections,
         cc_money_fmt(r.recouped, rb));
  printf("  denial categories:");
  for (size_t i = 0; cc_demo_category_name(i); i++)
    if (r.denial_categories & (1u << i)) printf(" %s", cc_demo_category_name(i));
  printf("\n  denials worked: %u corrected claims, %u appeals, %u written off, "
         "%u moved to the patient\n",
         r.denials_corrected, r.denials_appealed, r.denials_written_off,
         r.denials_to_patient);
  printf("Patients\n  %u statements, %u payments, %u payment plan%s\n",
         r.statements, r.patient_payments, r.payment_plans,
         r.payment_plans == 1 ? "" : "s");
  printf("  self-pay: %u visits billed to the patient (%s), %u statements, "
         "%u payments\n", r.self_pay_claims,
         cc_money_fmt(r.self_pay_charged, rb), r.self_pay_statements,
         r.self_pay_payments);
  printf("Dollars\n");
  money("charged", r.charged);
  /* the ledger keeps payments and adjustments as negative entries, and
   * counts refunds (positive) with the payments */
  money("paid by payers",
        CC_MONEY(-r.payments.cents - r.patient_paid.cents +
                 r.payer_refunded.cents));
  money("paid by patients", r.patient_paid);
  money("payer payments reversed", r.reversed_paid);
  money("refunded to payers (credits)", r.payer_refunded);
  money("adjusted (written off)", CC_MONEY(-r.adjustments.cents));
  money("patient responsibility", r.patient_resp);
  money("patient balances open", r.patient_balance);
  printf("A/R by age of service (as of %s)\n", d2);
  static const char *const bucket[5] = {"0-30", "31-60", "61-90", "91-120",
                                        "over 120"};
  for (int b = 0; b < 5; b++) money(bucket[b], r.ar[b]);
  money("total", r.ar_total);
  printf("Ledger check: %s\n",
         r.ledger_broken ? "PROBLEMS (run cleanclaim ledger check)" : "clean");
  printf("\nThe web UI is not built yet, so the demo stops here. Look around:\n"
         "  cleanclaim report aging --as-of %s --db %s\n"
         "  cleanclaim report denials --by category --from %s --to %s --db %s\n"
         "  cleanclaim claims list --db %s | head\n",
         d2, db, d1, d2, db, db);
  return r.ledger_broken ? CLI_FINDINGS : CLI_OK;
}
