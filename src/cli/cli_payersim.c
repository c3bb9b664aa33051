/* cli_payersim.c - `cleanclaim payersim run|pay`: feed files to the payer
 * and clearinghouse simulator and write its answers into a folder. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char *help_text =
    "usage: cleanclaim payersim run  [options] [FILE...]\n"
    "       cleanclaim payersim pay  [options] --date YYYY-MM-DD\n"
    "\n"
    "The other side of the wire: reads 837P/837I, 270 and 276 files and\n"
    "writes what a clearinghouse and payer send back: a 999 for every file,\n"
    "a 277CA for claims, a 271 for eligibility requests, a 277 for status\n"
    "requests, and an 835 once a claim's pay date (received + days_to_pay)\n"
    "has come. `run` receives, then pays what is due on the date; `pay`\n"
    "only pays. Same seed, profiles, state and inputs give the same bytes.\n"
    "\n"
    "options:\n"
    "  --profile FILE   a payer profile (JSON); repeat for several payers\n"
    "  --profiles DIR   every *.json in DIR is a payer profile\n"
    "  --state DIR      keep accumulators, claims seen and unpaid claims in\n"
    "                   DIR/payersim.state between runs (default: none)\n"
    "  --seed N         seed of the random denials and reversals (default 1)\n"
    "  --date DATE      the day the files arrive (default: each file's ISA09)\n"
    "  --outbox DIR     also read every file in DIR, then move it to DIR/done\n"
    "  --out DIR        where answers are written (default .)\n"
    "\n"
    "Profile format (JSON; amounts are integer cents, never decimals):\n"
    "  {\n"
    "    \"payer_id\": \"SIMPPO\",          2010BB NM109 of the claims it takes\n"
    "    \"name\": \"SIM PPO\",  \"tax_id\": \"990000001\",  \"phone\": \"8005550100\",\n"
    "    \"address\": {\"line1\": \"..\", \"city\": \"..\", \"state\": \"IL\", \"zip\": \"..\"},\n"
    "    \"claim_filing\": \"12\",          CLP06 (12 PPO, MB Medicare B, MC Medicaid)\n"
    "    \"payment_method\": \"CHK\",       CHK or ACH (BPR04)\n"
    "    \"days_to_pay\": 14,  \"timely_filing_days\": 90,\n"
    "    \"plan_year_start_month\": 1,\n"
    "    \"default_allowed_pct\": 100,      allowed = this % of the charge for\n"
    "                                      codes not in the fee schedule\n"
    "    \"fee_schedule\": [{\"code\": \"99213\", \"modifier\": \"\", \"allowed_cents\": 9000}],\n"
    "    \"auth_required\": [\"70553\"],      CARC 197 without REF G1, 15 when the\n"
    "                                      number is not one of the member's auths\n"
    "    \"not_covered\": [\"S9999\"],        CARC 96 (RARC N130)\n"
    "    \"bundles\": [{\"code\": \"99213\", \"bundled\": \"36415\"}],  CARC 97 (M15)\n"
    "    \"missing_info_per_mille\": 0,     seeded share denied CARC 16 (MA130)\n"
    "    \"reversal_per_mille\": 0,         seeded share of paid claims reversed\n"
    "                                      (CLP02 22) and paid again after a fee\n"
    "                                      schedule correction, 5-14 days later\n"
    "    \"providers\": [\"1234567893\"],     NPIs enrolled with the payer; others\n"
    "                                      are rejected A7:562 (absent: any NPI)\n"
    "    \"plans\": [{\"id\": \"PPO500\", \"deductible_cents\": 50000,\n"
    "               \"coinsurance_pct\": 20, \"oop_max_cents\": 300000,\n"
    "               \"copays\": [{\"code\": \"992*\", \"cents\": 2500}],\n"
    "               \"not_covered\": [\"97810\"]}],     CARC 204\n"
    "    \"members\": [{\"id\": \"M1001\", \"last\": \"DOE\", \"first\": \"JANE\",\n"
    "                 \"birth_date\": \"1980-02-03\", \"plan\": \"PPO500\",\n"
    "                 \"start\": \"2026-01-01\", \"end\": \"2026-12-31\",   CARC 27\n"
    "                 \"other_coverage_primary\": false,             CARC 22\n"
    "                 \"auths\": [\"AUTH123\"]}]\n"
    "  }\n"
    "Pricing per line: allowed = fee x units (or the charge if lower); CO-45\n"
    "the rest. Then copay (PR-3) where the plan has one for the code, then\n"
    "deductible (PR-1) up to what remains of it, then coinsurance (PR-2) on\n"
    "the rest, all capped by what remains of the out-of-pocket maximum; the\n"
    "payer pays the rest. Accumulators carry across claims in a plan year.\n"
    "Also: duplicates CARC 18, late claims CARC 29, invalid line data CARC 16\n"
    "(M51 procedure, N290 rendering NPI); corrections (CLM05-3 7) and voids\n"
    "(8) reverse the original (CLP02 22). The 277CA rejects unknown payers\n"
    "(A3:116), unknown members (A3:33:IL), invalid NPIs and NPIs not enrolled\n"
    "with the payer (A7:562:85 billing, A7:562:82 rendering).\n"
    "See docs/PAYERSIM.md.\n";

static int read_file(const char *path, cc_buf *b) {
  cc_buf_init(b, CC_MAX_X12_INTERCHANGE);
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char chunk[65536];
  size_t k;
  int rc = 0;
  while (!rc && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
    rc = cc_buf_append(b, chunk, k) ? -1 : 0;
  fclose(f);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of a folder, sorted by name so runs are reproducible. */
static char **list_dir(const char *dir, const char *suffix, size_t *n) {
  *n = 0;
  DIR *d = opendir(dir);
  if (!d) return NULL;
  char **v = NULL;
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    size_t ln = strlen(e->d_name), ls = suffix ? strlen(suffix) : 0;
    if (suffix && (ln < ls || strcmp(e->d_name + ln - ls, suffix))) continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(path, &st) || !S_ISREG(st.st_mode)) continue;
    if (*n == cap) {
      cap = cap ? cap * 2 : 16;
      char **nv = realloc(v, cap * sizeof *nv);
      if (!nv) break;
      v = nv;
    }
    v[(*n)++] = strdup(path);
  }
  closedir(d);
  if (v) qsort(v, *n, sizeof *v, cmp_str);
  return v;
}

static void free_list(char **v, size_t n) {
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
}

static int write_files(const char *out, const cc_payersim_files *f,
                       size_t from) {
  for (size_t i = from; i < f->n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", out, f->v[i].name);
    FILE *o = fopen(path, "wb");
    if (!o || fwrite(f->v[i].data.p, 1, f->v[i].data.n, o) != f->v[i].data.n) {
      if (o) fclose(o);
      fprintf(stderr, "cleanclaim: cannot write %s: %s\n", path,
              strerror(errno));
      return CLI_FINDINGS;
    }
    fclose(o);
    printf("wrote %s (%s)\n", path, f->v[i].kind);
  }
  return CLI_OK;
}

static int fail(const cc_err *e) {
  fputs("cleanclaim: ", stderr);
  cc_err_print(e, stderr);
  return CLI_FINDINGS;
}

int cli_payersim(int argc, char **argv) {
  if (argc < 2 || cli_is_help(argv[1])) {
    fputs(help_text, argc < 2 ? stderr : stdout);
    return argc < 2 ? CLI_USAGE : CLI_OK;
  }
  const char *verb = argv[1];
  bool pay_only = !strcmp(verb, "pay");
  if (!pay_only && strcmp(verb, "run"))
    return cli_usage_error("unknown payersim verb '%s' (run, pay)", verb);
  argc--;
  argv++;
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      fputs(help_text, stdout);
      return CLI_OK;
    }
  bool bad = false;
  const char *state_dir = cli_take_opt(&argc, argv, "--state", &bad);
  const char *seed_s = cli_take_opt(&argc, argv, "--seed", &bad);
  const char *date_s = cli_take_opt(&argc, argv, "--date", &bad);
  const char *outbox = cli_take_opt(&argc, argv, "--outbox", &bad);
  const char *out = cli_take_opt(&argc, argv, "--out", &bad);
  const char *pdir = cli_take_opt(&argc, argv, "--profiles", &bad);
  const char *profiles[64];
  size_t np = 0;
  for (const char *pf; np < 64 &&
                       (pf = cli_take_opt(&argc, argv, "--profile", &bad));)
    profiles[np++] = pf;
  if (bad) return cli_usage_error("an option is missing its value");
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error("unknown option '%s' (see payersim --help)",
                             argv[i]);
  if (!out) out = ".";
  uint64_t seed = 1;
  if (seed_s && cc_slice_to_u64(cc_slice_cstr(seed_s), &seed) != CC_OK)
    return cli_usage_error("--seed takes a whole number, not '%s'", seed_s);
  cc_day date = 0;
  if (date_s && cc_date_parse_iso(cc_slice_cstr(date_s), &date) != CC_OK)
    return cli_usage_error("--date takes YYYY-MM-DD, not '%s'", date_s);
  if (pay_only && !date)
    return cli_usage_error("payersim pay needs --date YYYY-MM-DD");
  if (!np && !pdir)
    return cli_usage_error("give at least one --profile FILE or --profiles "
                           "DIR");

  cc_payersim *ps = cc_payersim_new(seed);
  if (!ps) return cli_usage_error("out of memory");
  cc_err e;
  cc_err_clear(&e);
  int rc = CLI_OK;
  char state[4096] = "";
  size_t nd = 0, nx = 0;
  char **dirp = pdir ? list_dir(pdir, ".json", &nd) : NULL;
  char **inbox = outbox ? list_dir(outbox, NULL, &nx) : NULL;
  cc_payersim_files files = {0};
  for (size_t i = 0; i < np && !rc; i++)
    if (cc_payersim_add_profile_file(ps, profiles[i], &e)) rc = fail(&e);
  for (size_t i = 0; i < nd && !rc; i++)
    if (cc_payersim_add_profile_file(ps, dirp[i], &e)) rc = fail(&e);
  if (!rc && state_dir) {
    mkdir(state_dir, 0777);
    snprintf(state, sizeof state, "%s/payersim.state", state_dir);
    if (cc_payersim_load_state(ps, state, &e)) rc = fail(&e);
  }
  if (!rc) mkdir(out, 0777);
  cc_day last = date;
  /* Files named on the command line first, then the outbox in name order. */
  size_t total = pay_only ? 0 : (size_t)(argc - 1) + nx;
  for (size_t i = 0; i < total && !rc; i++) {
    const char *path = i < (size_t)(argc - 1) ? argv[1 + i]
                                              : inbox[i - (size_t)(argc - 1)];
    cc_buf b;
    if (read_file(path, &b)) {
      fprintf(stderr, "cleanclaim: cannot read %s: %s\n", path,
              strerror(errno));
      cc_buf_free(&b);
      rc = CLI_FINDINGS;
      break;
    }
    size_t before = files.n;
    if (cc_payersim_receive(ps, b.p ? b.p : "", b.n, path, date, &files, &e))
      rc = fail(&e);
    cc_buf_free(&b);
    if (!rc) rc = write_files(out, &files, before);
    if (!date && cc_payersim_last_day(ps) > last)
      last = cc_payersim_last_day(ps);
    if (!rc && i >= (size_t)(argc - 1)) {
      char done[4096], dst[8192];
      snprintf(done, sizeof done, "%s/done", outbox);
      mkdir(done, 0777);
      const char *base = strrchr(path, '/');
      snprintf(dst, sizeof dst, "%s/%s", done, base ? base + 1 : path);
      if (rename(path, dst)) {
        fprintf(stderr, "cleanclaim: cannot move %s to %s: %s\n", path, dst,
                strerror(errno));
        rc = CLI_FINDINGS;
      }
    }
  }
  if (!rc && last) {
    size_t before = files.n;
    if (cc_payersim_release(ps, last, &files, &e)) rc = fail(&e);
    if (!rc) rc = write_files(out, &files, before);
  }
  if (!rc && state[0] && cc_payersim_save_state(ps, state, &e)) rc = fail(&e);
  cc_payersim_files_free(&files);
  free_list(dirp, nd);
  free_list(inbox, nx);
  cc_payersim_free(ps);
  return rc;
}
