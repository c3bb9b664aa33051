/* cli_report.c - `cleanclaim report NAME [options]`: runs one of the
 * library's reports and writes it as a table, CSV, JSON or an XLSX file. */
#include <stdlib.h>
#include <string.h>

#include "cleanclaim/report.h"
#include "cli.h"

static void help(FILE *out) {
  fputs("usage: cleanclaim report NAME [--from D] [--to D] [--as-of D]\n"
        "         [--payer ID] [--provider NPI] [--by X] [--per month|week]\n"
        "         [--within DAYS] [--limit N]\n"
        "         [--format table|csv|xlsx|json] [--json] [--out FILE]"
        " [--db PATH]\n\nreports:\n", out);
  for (size_t i = 0; cc_report_name(i); i++)
    fprintf(out, "  %-14s %s\n", cc_report_name(i), cc_report_summary(i));
  fputs("\nDates are YYYY-MM-DD. --as-of (or CC_TODAY) pins today; --to\n"
        "defaults to today and --from to the first day of --to's month.\n"
        "aging: --by service (default) or submission. denials: --by carc\n"
        "(default), category, payer, provider or code; --per month or week.\n"
        "timely-filing: --within DAYS (default 30). followup: --limit N.\n"
        "--payer takes a payer ID, --provider a billing provider's NPI.\n"
        "xlsx needs --out FILE. Definitions: docs/REPORTS.md.\n", out);
}

static bool take_day(int *argc, char **argv, const char *name, cc_day *out,
                     int *bad) {
  bool missing = false;
  const char *v = cli_take_opt(argc, argv, name, &missing);
  if (missing) {
    *bad = cli_usage_error("report: %s needs a date (YYYY-MM-DD)", name);
    return false;
  }
  if (!v) return true;
  if (cc_date_parse_iso(cc_slice_cstr(v), out)) {
    *bad = cli_usage_error("report: %s '%s' is not a date (YYYY-MM-DD)", name,
                           v);
    return false;
  }
  return true;
}

static bool take_num(int *argc, char **argv, const char *name, int64_t *out,
                     int *bad) {
  bool missing = false;
  const char *v = cli_take_opt(argc, argv, name, &missing);
  uint64_t n;
  if (missing || (v && (cc_slice_to_u64(cc_slice_cstr(v), &n) ||
                        n > 1000000000))) {
    *bad = cli_usage_error("report: %s needs a whole number", name);
    return false;
  }
  if (v) *out = (int64_t)n;
  return true;
}

int cli_report(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      help(stdout);
      return CLI_OK;
    }
  const char *db = cli_db_path(&argc, argv);
  cc_report_opts o;
  memset(&o, 0, sizeof o);
  int bad = 0;
  if (!take_day(&argc, argv, "--from", &o.from, &bad) ||
      !take_day(&argc, argv, "--to", &o.to, &bad) ||
      !take_day(&argc, argv, "--as-of", &o.as_of, &bad) ||
      !take_num(&argc, argv, "--within", &o.within_days, &bad) ||
      !take_num(&argc, argv, "--limit", &o.limit, &bad))
    return bad;
  bool missing = false;
  o.payer = cli_take_opt(&argc, argv, "--payer", &missing);
  o.provider = cli_take_opt(&argc, argv, "--provider", &missing);
  o.by = cli_take_opt(&argc, argv, "--by", &missing);
  o.per = cli_take_opt(&argc, argv, "--per", &missing);
  const char *fmt = cli_take_opt(&argc, argv, "--format", &missing);
  const char *outp = cli_take_opt(&argc, argv, "--out", &missing);
  if (cli_take_flag(&argc, argv, "--json")) fmt = "json";
  if (missing) return cli_usage_error("report: an option is missing its value");
  cc_report_format f = CC_REPORT_TABLE;
  if (fmt && !cc_report_format_parse(fmt, &f))
    return cli_usage_error("report: --format '%s': use table, csv, xlsx or "
                           "json", fmt);
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  if (argc > 2)
    return cli_usage_error("report: unexpected argument '%s'", argv[2]);
  if (f == CC_REPORT_XLSX && !outp)
    return cli_usage_error("report: xlsx is a file: give --out FILE.xlsx");
  cc_err e;
  cc_err_clear(&e);
  cc_store *s;
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_report *r;
  cc_code rc = cc_report_run(s, argv[1], &o, &r, &e);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
  }
  if (f == CC_REPORT_XLSX) {
    rc = cc_report_write_xlsx(r, outp, &e);
  } else {
    FILE *out = outp ? fopen(outp, "wb") : stdout;
    if (!out) {
      cc_report_free(r);
      return cli_usage_error("report: cannot write '%s'", outp);
    }
    rc = cc_report_write(r, f, out, &e);
    if (out != stdout && fclose(out) && !rc)
      rc = cc_err_set(&e, CC_E_IO, "could not write the report", "%s", outp);
  }
  cc_report_free(r);
  if (rc) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  return CLI_OK;
}
