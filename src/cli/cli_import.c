/* cli_import.c - `cleanclaim import KIND FILE`: reads a CSV or JSON list into
 * the practice database, printing every bad row as FILE:ROW:COLUMN. */
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fprintf(out,
          "usage: cleanclaim import KIND FILE [--db PATH] [--csv|--json]\n"
          "       cleanclaim import claims FILE.837 [--db PATH] [--json]\n\n"
          "KIND is one of: patients coverages payers providers "
          "authorizations encounters\n\n"
          "FILE is CSV (a header row names the columns) or JSON (an array of\n"
          "objects); the extension or the first character decides, --csv or\n"
          "--json overrides. Columns are listed in docs/IMPORT.md.\n"
          "Every bad row is reported as FILE:ROW:COLUMN: message, and a file\n"
          "with any bad row changes nothing.\n\n"
          "import claims reads an 837P or 837I: each claim becomes (found or\n"
          "created) payer, providers, patient, coverage, encounter and claim\n"
          "(status built). A claim that cannot be placed rejects the whole\n"
          "file (FILE:SEGMENT:ELEMENT: message); claims imported before are\n"
          "skipped. --json prints the counts and problems as one object.\n\n"
          "exit status: 0 imported, 1 rejected, 2 usage error\n");
}

static void report(void *ctx, const cc_err *e) {
  (void)ctx;
  cc_err_print(e, stderr);
}

/* ---- import claims FILE.837 (the library does the work: import_837.c) -- */

static void claim_note(void *ctx, const cc_err *e, bool rejects) {
  if (ctx) {
    /* --json: the problems go into the summary object. A full buffer
     * drops the rest of the list; the counts stay right. */
    cc_buf *b = ctx;
    (void)(cc_buf_printf(b, "%s{\"rejects\":%s,\"segment\":%u,\"element\":%u,"
                      "\"message\":", b->n ? "," : "",
                      rejects ? "true" : "false", e->seg_pos, e->elem_pos) ||
        cc_json_buf_str(b, cc_slice_cstr(e->msg ? e->msg : "")) ||
        cc_buf_puts(b, ",\"detail\":") ||
        cc_json_buf_str(b, cc_slice_cstr(e->detail)) || cc_buf_puts(b, "}"));
    return;
  }
  cc_err_print(e, stderr);
}

static int import_claims(int argc, char **argv, const char *db, bool json) {
  if (argc != 3)
    return cli_usage_error("import claims: give exactly one FILE.837");
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, false, &s, &e) != CC_OK) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  cc_buf notes;
  cc_buf_init(&notes, (size_t)64 << 20);
  cc_import_claims_result r;
  cc_code rc = cc_import_claims_file(s, argv[2], claim_note,
                                     json ? &notes : NULL, &r, &e);
  cc_store_close(s);
  if (rc && rc != CC_E_INVALID && rc != CC_E_SYNTAX) {
    cc_buf_free(&notes);
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  if (json) {
    printf("{\"file\":");
    cc_json_write_str(stdout, cc_slice_cstr(argv[2]));
    printf(",\"imported\":%s,\"form\":\"%s\",\"claims\":%u,"
           "\"claims_imported\":%u,\"claims_skipped\":%u,"
           "\"claims_with_problems\":%u,\"patients_created\":%u,"
           "\"patients_matched\":%u,\"coverages_created\":%u,"
           "\"coverages_matched\":%u,\"payers_created\":%u,"
           "\"payers_matched\":%u,\"providers_created\":%u,"
           "\"providers_matched\":%u,\"encounters\":%u,"
           "\"charge_lines\":%u,\"errors\":%u,\"warnings\":%u,"
           "\"problems\":[%.*s]}\n",
           rc ? "false" : "true", r.form, r.claims, r.imported, r.skipped,
           r.with_problems, r.patients_created, r.patients_matched,
           r.coverages_created, r.coverages_matched, r.payers_created,
           r.payers_matched, r.providers_created, r.providers_matched,
           r.encounters, r.lines, r.errors, r.warnings, (int)notes.n,
           notes.p ? notes.p : "");
  } else if (rc) {
    fprintf(stderr, "%s: rejected, nothing imported (%u error%s in %u "
            "claim%s)\n", argv[2], r.errors, r.errors == 1 ? "" : "s",
            r.claims, r.claims == 1 ? "" : "s");
  } else {
    printf("imported %u of %u claim%s (%s) from %s", r.imported, r.claims,
           r.claims == 1 ? "" : "s", r.form, argv[2]);
    if (r.skipped) printf(", %u skipped as already imported", r.skipped);
    printf("\n  patients:   %u created, %u matched\n"
           "  coverages:  %u created, %u matched\n"
           "  payers:     %u created, %u matched\n"
           "  providers:  %u created, %u matched\n"
           "  encounters: %u created, %u charge lines\n",
           r.patients_created, r.patients_matched, r.coverages_created,
           r.coverages_matched, r.payers_created, r.payers_matched,
           r.providers_created, r.providers_matched, r.encounters, r.lines);
    if (r.with_problems)
      printf("  %u claim%s with problems in the file: run cleanclaim scrub "
             "--all to see them\n", r.with_problems,
             r.with_problems == 1 ? "" : "s");
  }
  cc_buf_free(&notes);
  return rc ? CLI_FINDINGS : CLI_OK;
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
  if (strcmp(argv[1], "claims") == 0) return import_claims(argc, argv, db, json);
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
