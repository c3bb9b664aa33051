/* cli_codes.c - `cleanclaim codes load|search|show|list`: parses the
 * arguments, calls the codes module and prints text or JSON. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fputs(
      "usage: cleanclaim codes <verb> [options]\n\n"
      "verbs:\n"
      "  load KIND FILE...   load code set files of one kind\n"
      "  load --all DIR      load every code set found in DIR (laid out like\n"
      "                      the shared data folder)\n"
      "  search TEXT         codes by code prefix or description words\n"
      "  show CODE           a code in every kind and release, with MCE edits\n"
      "  list                the releases loaded\n\n"
      "kinds: icd10cm hcpcs cpt modifiers pos carc rarc taxonomy ncci-ptp mue mce\n\n"
      "options:\n"
      "  --db PATH           database (default $CLEANCLAIM_DB or ./cleanclaim.db)\n"
      "  --json              machine-readable output\n"
      "  --kind KIND         search/show: only this kind\n"
      "  --limit N           search: at most N results (default 20)\n"
      "  --release NAME      load: file the rows under this release name\n"
      "  --effective DATE    load: release effective date (YYYY-MM-DD)\n"
      "  --termination DATE  load: release termination date (YYYY-MM-DD)\n\n"
      "See docs/CODES.md for the file formats and where to download them.\n",
      out);
}

static void print_day(FILE *out, cc_day d, bool json) {
  char b[11];
  if (d == CC_DAY_NONE)
    fputs(json ? "null" : "-", out);
  else if (json)
    fprintf(out, "\"%s\"", cc_date_iso(d, b));
  else
    fputs(cc_date_iso(d, b), out);
}

/* ICD-10-CM codes are shown with a dot after the third character. */
static const char *display(cc_codes_kind k, const char *code, char *buf) {
  if (k != CC_CODES_ICD10CM || strlen(code) <= 3) return code;
  snprintf(buf, 16, "%.3s.%s", code, code + 3);
  return buf;
}

static cc_code open_db(int *argc, char **argv, bool create, cc_store **s) {
  const char *path = cli_db_path(argc, argv);
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(path, create, s, &e)) {
    cc_err_print(&e, stderr);
    return e.code;
  }
  return CC_OK;
}

typedef struct out_ctx {
  bool json;
  int n;
} out_ctx;

static void print_load(void *ctx, const cc_codes_load_result *r) {
  out_ctx *o = ctx;
  if (o->json) {
    fputs(o->n++ ? ",\n" : "[\n", stdout);
    printf("{\"kind\":\"%s\",\"file\":", cc_codes_kind_name(r->kind));
    cc_json_write_str(stdout, cc_slice_cstr(r->file));
    fputs(",\"release\":", stdout);
    cc_json_write_str(stdout, cc_slice_cstr(r->release));
    fputs(",\"effective\":", stdout);
    print_day(stdout, r->effective, true);
    fputs(",\"termination\":", stdout);
    print_day(stdout, r->termination, true);
    printf(",\"rows\":%ld,\"headers\":%ld,\"unchanged\":%s,\"replaced\":%s}",
           r->rows, r->headers, r->unchanged ? "true" : "false",
           r->replaced ? "true" : "false");
    return;
  }
  o->n++;
  printf("%-9s %s: release %s (", cc_codes_kind_name(r->kind), r->file, r->release);
  print_day(stdout, r->effective, false);
  fputs(" to ", stdout);
  print_day(stdout, r->termination, false);
  printf("): %ld rows", r->rows);
  if (r->headers) printf(" (%ld headers)", r->headers);
  puts(r->unchanged ? ", unchanged (already loaded)" : r->replaced ? ", replaced" : "");
  fflush(stdout);
}

static bool take_day(int *argc, char **argv, const char *name, cc_day *d,
                     bool *bad) {
  const char *v = cli_take_opt(argc, argv, name, bad);
  if (!v) return true;
  if (cc_date_parse_iso(cc_slice_cstr(v), d)) {
    cli_usage_error("%s: \"%s\" is not a date (YYYY-MM-DD)", name, v);
    return false;
  }
  return true;
}

static int cmd_load(int argc, char **argv) {
  bool json = cli_take_flag(&argc, argv, "--json");
  bool bad = false;
  const char *all = cli_take_opt(&argc, argv, "--all", &bad);
  cc_codes_load_opts o;
  cc_codes_load_opts_init(&o);
  o.release = cli_take_opt(&argc, argv, "--release", &bad);
  if (!take_day(&argc, argv, "--effective", &o.effective, &bad) ||
      !take_day(&argc, argv, "--termination", &o.termination, &bad))
    return CLI_USAGE;
  const char *db = cli_db_path(&argc, argv);
  if (bad) return cli_usage_error("codes load: an option is missing its value");
  cc_codes_kind kind = CC_CODES_ICD10CM;
  if (!all) {
    if (argc < 3)
      return cli_usage_error("codes load: give KIND FILE... or --all DIR "
                             "(see cleanclaim codes --help)");
    if (!cc_codes_kind_parse(argv[1], &kind))
      return cli_usage_error("codes load: unknown kind '%s' (icd10cm hcpcs cpt "
                             "modifiers pos carc rarc taxonomy ncci-ptp mue mce)",
                             argv[1]);
    for (int i = 2; i < argc; i++)
      if (argv[i][0] == '-' && argv[i][1])
        return cli_usage_error("codes load: unknown option '%s'", argv[i]);
  } else if (argc > 1) {
    return cli_usage_error("codes load --all DIR takes no other arguments");
  }
  cc_store *s;
  cc_err e;
  cc_err_clear(&e);
  if (cc_store_open(db, true, &s, &e)) {
    cc_err_print(&e, stderr);
    return CLI_FINDINGS;
  }
  out_ctx oc = {json, 0};
  cc_code rc = CC_OK;
  if (all) {
    rc = cc_codes_load_dir(s, all, print_load, &oc, &e);
  } else {
    for (int i = 2; i < argc && !rc; i++) {
      cc_codes_load_result r;
      rc = cc_codes_load(s, kind, argv[i], &o, &r, &e);
      if (!rc) print_load(&oc, &r);
    }
  }
  if (json) fputs(oc.n ? "\n]\n" : "[]\n", stdout);
  if (rc) cc_err_print(&e, stderr);
  cc_store_close(s);
  return rc ? CLI_FINDINGS : CLI_OK;
}

static void print_row_json(const cc_codes_row *r, bool with_mce) {
  char b[16];
  printf("{\"kind\":\"%s\",\"code\":", cc_codes_kind_name(r->kind));
  cc_json_write_str(stdout, cc_slice_cstr(r->code));
  fputs(",\"display\":", stdout);
  cc_json_write_str(stdout, cc_slice_cstr(display(r->kind, r->code, b)));
  fputs(",\"short_description\":", stdout);
  cc_json_write_str(stdout, cc_slice_cstr(r->short_desc));
  fputs(",\"long_description\":", stdout);
  cc_json_write_str(stdout, cc_slice_cstr(r->long_desc));
  printf(",\"billable\":%s", r->billable ? "true" : "false");
  fputs(",\"release\":", stdout);
  cc_json_write_str(stdout, cc_slice_cstr(r->release));
  fputs(",\"effective\":", stdout);
  print_day(stdout, r->effective, true);
  fputs(",\"termination\":", stdout);
  print_day(stdout, r->termination, true);
  if (with_mce) {
    fputs(",\"mce\":[", stdout);
    const char *p = r->mce;
    int n = 0;
    while (*p) {
      const char *c = strchr(p, ',');
      size_t len = c ? (size_t)(c - p) : strlen(p);
      if (n++) fputc(',', stdout);
      cc_json_write_str(stdout, (cc_slice){p, len});
      p += len + (c ? 1 : 0);
    }
    fputc(']', stdout);
  }
  fputc('}', stdout);
}

static void print_search(void *ctx, const cc_codes_row *r) {
  out_ctx *o = ctx;
  char b[16];
  if (o->json) {
    fputs(o->n++ ? ",\n" : "[\n", stdout);
    print_row_json(r, false);
    return;
  }
  o->n++;
  const char *d = r->short_desc[0] ? r->short_desc : "(no description loaded)";
  printf("%-10s %-9s %s%s\n", display(r->kind, r->code, b),
         cc_codes_kind_name(r->kind), d,
         r->kind == CC_CODES_ICD10CM && !r->billable ? "  [header]" : "");
}

static int parse_kind_opt(int *argc, char **argv, int *kind, bool *bad) {
  const char *k = cli_take_opt(argc, argv, "--kind", bad);
  *kind = -1;
  if (!k) return CLI_OK;
  cc_codes_kind kk;
  if (!cc_codes_kind_parse(k, &kk))
    return cli_usage_error("unknown kind '%s'", k);
  *kind = (int)kk;
  return CLI_OK;
}

static int cmd_search(int argc, char **argv) {
  bool json = cli_take_flag(&argc, argv, "--json"), bad = false;
  int kind;
  if (parse_kind_opt(&argc, argv, &kind, &bad)) return CLI_USAGE;
  const char *lim = cli_take_opt(&argc, argv, "--limit", &bad);
  int limit = lim ? atoi(lim) : 20;
  if (bad || limit <= 0) return cli_usage_error("codes search: bad option value");
  cc_store *s;
  if (open_db(&argc, argv, false, &s)) return CLI_FINDINGS;
  if (argc < 2) {
    cc_store_close(s);
    return cli_usage_error("codes search: give a code or words to look for");
  }
  /* Several words may come as separate arguments. */
  char text[512] = "";
  for (int i = 1; i < argc; i++) {
    if (i > 1) strncat(text, " ", sizeof text - strlen(text) - 1);
    strncat(text, argv[i], sizeof text - strlen(text) - 1);
  }
  out_ctx oc = {json, 0};
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_codes_search(s, text, kind, limit, print_search, &oc, &e);
  if (json) fputs(oc.n ? "\n]\n" : "[]\n", stdout);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
  }
  if (!json && oc.n == 0) fprintf(stderr, "no code matches \"%s\"\n", text);
  return oc.n ? CLI_OK : CLI_FINDINGS;
}

static void print_show(void *ctx, const cc_codes_row *r) {
  out_ctx *o = ctx;
  char b[16];
  if (o->json) {
    fputs(o->n++ ? ",\n" : "[\n", stdout);
    print_row_json(r, r->kind == CC_CODES_ICD10CM);
    return;
  }
  if (o->n++) fputc('\n', stdout);
  printf("%s  %s", display(r->kind, r->code, b), cc_codes_kind_name(r->kind));
  if (r->kind == CC_CODES_ICD10CM)
    fputs(r->billable ? "  billable" : "  header (not billable)", stdout);
  printf("\n  %s\n", r->short_desc[0] ? r->short_desc : "(no description loaded)");
  if (strcmp(r->long_desc, r->short_desc) != 0) printf("  %s\n", r->long_desc);
  printf("  release %s, effective ", r->release);
  print_day(stdout, r->effective, false);
  fputs(", terminates ", stdout);
  print_day(stdout, r->termination, false);
  fputc('\n', stdout);
  if (r->kind == CC_CODES_ICD10CM)
    printf("  MCE edits: %s\n", r->mce[0] ? r->mce : "none");
}

static int cmd_show(int argc, char **argv) {
  bool json = cli_take_flag(&argc, argv, "--json"), bad = false;
  int kind;
  if (parse_kind_opt(&argc, argv, &kind, &bad) || bad) return CLI_USAGE;
  cc_store *s;
  if (open_db(&argc, argv, false, &s)) return CLI_FINDINGS;
  if (argc != 2) {
    cc_store_close(s);
    return cli_usage_error("codes show: give one code");
  }
  out_ctx oc = {json, 0};
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_codes_show(s, argv[1], kind, print_show, &oc, &e);
  if (json) fputs(oc.n ? "\n]\n" : "[]\n", stdout);
  cc_store_close(s);
  if (rc) {
    cc_err_print(&e, stderr);
    return rc == CC_E_USAGE ? CLI_USAGE : CLI_FINDINGS;
  }
  return CLI_OK;
}

static void print_release(void *ctx, const cc_codes_release *r) {
  out_ctx *o = ctx;
  if (o->json) {
    fputs(o->n++ ? ",\n" : "[\n", stdout);
    printf("{\"kind\":\"%s\",\"release\":", cc_codes_kind_name(r->kind));
    cc_json_write_str(stdout, cc_slice_cstr(r->release));
    fputs(",\"source\":", stdout);
    cc_json_write_str(stdout, cc_slice_cstr(r->source));
    fputs(",\"effective\":", stdout);
    print_day(stdout, r->effective, true);
    fputs(",\"termination\":", stdout);
    print_day(stdout, r->termination, true);
    printf(",\"rows\":%ld}", r->rows);
    return;
  }
  o->n++;
  printf("%-9s %-32s ", cc_codes_kind_name(r->kind), r->release);
  print_day(stdout, r->effective, false);
  fputs(" to ", stdout);
  print_day(stdout, r->termination, false);
  printf("  %7ld rows  %s\n", r->rows, r->source);
}

static int cmd_list(int argc, char **argv) {
  bool json = cli_take_flag(&argc, argv, "--json");
  cc_store *s;
  if (open_db(&argc, argv, false, &s)) return CLI_FINDINGS;
  if (argc != 1) {
    cc_store_close(s);
    return cli_usage_error("codes list takes no arguments");
  }
  out_ctx oc = {json, 0};
  cc_err e;
  cc_err_clear(&e);
  cc_code rc = cc_codes_releases(s, print_release, &oc, &e);
  if (json) fputs(oc.n ? "\n]\n" : "[]\n", stdout);
  cc_store_close(s);
  if (rc) cc_err_print(&e, stderr);
  return rc ? CLI_FINDINGS : CLI_OK;
}

int cli_codes(int argc, char **argv) {
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  if (cli_is_help(argv[1])) {
    help(stdout);
    return CLI_OK;
  }
  static const struct {
    const char *verb;
    int (*fn)(int, char **);
  } verbs[] = {{"load", cmd_load}, {"search", cmd_search},
               {"show", cmd_show}, {"list", cmd_list}};
  for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
    if (strcmp(argv[1], verbs[i].verb) != 0) continue;
    for (int j = 2; j < argc; j++)
      if (cli_is_help(argv[j])) {
        help(stdout);
        return CLI_OK;
      }
    return verbs[i].fn(argc - 1, argv + 1);
  }
  return cli_usage_error("codes: unknown verb '%s' (see cleanclaim codes --help)",
                         argv[1]);
}
