/* cli_x12.c - `cleanclaim x12 validate|ack|show|json`: argument parsing and
 * printing around the library's X12 validator, acknowledgment builder and
 * printers. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *out) {
  fputs("usage: cleanclaim x12 <verb> [options] FILE...\n\n"
        "verbs:\n"
        "  validate FILE...  check envelopes, syntax, the implementation guide,\n"
        "                    balancing and situational rules (WEDI SNIP 1-4)\n"
        "  ack FILE          print the 999 acknowledgment (or a TA1 when the\n"
        "                    interchange envelope itself is broken)\n"
        "  show FILE         print the interchange as a tree of loops with\n"
        "                    segment and element names\n"
        "  json FILE         print the interchange as JSON, loops nested\n\n"
        "Run `cleanclaim x12 <verb> --help` for a verb's options.\n",
        out);
}

static int help_validate(FILE *out) {
  fputs("usage: cleanclaim x12 validate [--json] [--threads N] FILE...\n\n"
        "Prints one line per finding:\n"
        "  FILE:SEGMENT_NUMBER:ELEMENT: severity: message (loop L, segment S)\n"
        "or, with --json, one JSON object per finding (file, segment, element,\n"
        "offset, loop, severity, snip, code, message). A summary goes to\n"
        "stderr. Exit status: 0 valid (warnings allowed), 1 errors found or a\n"
        "file could not be read, 2 usage error.\n\n"
        "Files of 8 MB and more are validated on several threads (the online\n"
        "CPUs, at most 4) with the same findings in the same order;\n"
        "--threads N (or CC_X12_THREADS=N in the environment) sets the\n"
        "number, 1 for one thread.\n",
        out);
  return CLI_OK;
}

typedef struct vstate {
  bool json;
} vstate;

static void on_finding(void *ctx, const cc_x12_finding *f) {
  vstate *s = ctx;
  cc_x12_finding_print(f, s->json, stdout);
}

static int cmd_validate(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) return help_validate(stdout);
  vstate s = {cli_take_flag(&argc, argv, "--json")};
  bool bad = false;
  const char *th = cli_take_opt(&argc, argv, "--threads", &bad);
  if (!th) th = getenv("CC_X12_THREADS");
  cc_x12_validate_opts opts = {0, 0, 0};
  if (th) {
    char *end;
    unsigned long n = strtoul(th, &end, 10);
    if (bad || end == th || *end || n < 1 || n > 64)
      return cli_usage_error("x12 validate: --threads needs a number from 1 "
                             "to 64");
    opts.threads = (unsigned)n;
  } else if (bad) {
    return cli_usage_error("x12 validate: --threads needs a number");
  }
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error("x12 validate: unknown option '%s'", argv[i]);
  if (argc < 2) return cli_usage_error("x12 validate: no FILE given");
  int rc = CLI_OK;
  for (int i = 1; i < argc; i++) {
    cc_x12_summary sum;
    cc_err err;
    cc_err_clear(&err);
    if (cc_x12_validate_file_opts(argv[i], &opts, on_finding, &s, &sum,
                                  &err) != CC_OK) {
      fprintf(stderr, "cleanclaim: %s: %s\n", argv[i],
              err.msg ? err.msg : cc_strerror(err.code));
      rc = CLI_FINDINGS;
      continue;
    }
    if (sum.errors) rc = CLI_FINDINGS;
    fprintf(stderr,
            "%s: %s: %u interchange%s, %u group%s, %u transaction set%s, %u "
            "error%s, %u warning%s",
            argv[i], sum.errors ? "INVALID" : "valid", sum.interchanges,
            sum.interchanges == 1 ? "" : "s", sum.groups,
            sum.groups == 1 ? "" : "s", sum.sets, sum.sets == 1 ? "" : "s",
            sum.errors, sum.errors == 1 ? "" : "s", sum.warnings,
            sum.warnings == 1 ? "" : "s");
    if (sum.sets_unchecked)
      fprintf(stderr, "; implementation guide not checked for %s",
              sum.unchecked_guides);
    fputc('\n', stderr);
  }
  return rc;
}

/* Read a whole file for the verbs that need it in memory. */
static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  cc_buf b;
  cc_buf_init(&b, CC_MAX_HTTP_BODY * 16);
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (cc_buf_append(&b, chunk, k) != CC_OK) {
      cc_buf_free(&b);
      fclose(f);
      return NULL;
    }
  fclose(f);
  *n = b.n;
  char *p = cc_buf_take(&b);
  return p ? p : calloc(1, 1);
}

static int one_file(int argc, char **argv, const char *verb,
                    const char *what) {
  for (int i = 1; i < argc; i++)
    if (cli_is_help(argv[i])) {
      printf("usage: cleanclaim x12 %s FILE\n\n%s\n", verb, what);
      return -1;
    }
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1])
      return cli_usage_error("x12 %s: unknown option '%s'", verb, argv[i]);
  if (argc != 2)
    return cli_usage_error("x12 %s: give exactly one FILE", verb);
  return 0;
}

static int cmd_ack(int argc, char **argv) {
  bool bad = false;
  const char *ctl = cli_take_opt(&argc, argv, "--control", &bad);
  if (bad) return cli_usage_error("x12 ack: --control needs a number");
  int u = one_file(argc, argv, "ack",
                   "Prints the 999 implementation acknowledgment for FILE (one "
                   "AK2 per transaction set),\nor a TA1 when the interchange "
                   "envelope is broken. --control N sets the\nacknowledgment's "
                   "own ISA13 (default 1).");
  if (u) return u < 0 ? CLI_OK : u;
  size_t n;
  char *p = slurp(argv[1], &n);
  if (!p) {
    fprintf(stderr, "cleanclaim: %s: cannot read the file\n", argv[1]);
    return CLI_FINDINGS;
  }
  cc_buf out;
  cc_buf_init(&out, (size_t)1 << 30);
  cc_err err;
  cc_err_clear(&err);
  uint32_t c = ctl ? (uint32_t)strtoul(ctl, NULL, 10) : 1;
  cc_code rc = cc_x12_ack_mem(p, n, argv[1], &out, c, &err);
  free(p);
  if (rc != CC_OK) {
    cc_buf_free(&out);
    fprintf(stderr, "cleanclaim: %s: %s\n", argv[1],
            err.msg ? err.msg : cc_strerror(rc));
    return CLI_FINDINGS;
  }
  fwrite(out.p, 1, out.n, stdout);
  cc_buf_free(&out);
  return CLI_OK;
}

static int cmd_print(int argc, char **argv, bool json) {
  int u = one_file(argc, argv, json ? "json" : "show",
                   json ? "Prints the interchange as JSON: interchanges, groups, "
                          "transaction sets and loops nested,\neach segment with "
                          "its elements."
                        : "Prints the interchange as an indented tree: loop "
                          "names, each segment's TR3 name\nand what each element "
                          "means.");
  if (u) return u < 0 ? CLI_OK : u;
  size_t n;
  char *p = slurp(argv[1], &n);
  if (!p) {
    fprintf(stderr, "cleanclaim: %s: cannot read the file\n", argv[1]);
    return CLI_FINDINGS;
  }
  cc_err err;
  cc_err_clear(&err);
  cc_code rc = json ? cc_x12_json_mem(p, n, argv[1], stdout, &err)
                    : cc_x12_show_mem(p, n, argv[1], stdout, &err);
  free(p);
  if (rc != CC_OK) {
    fflush(stdout);
    cc_err_print(&err, stderr);
    return CLI_FINDINGS;
  }
  return CLI_OK;
}

int cli_x12(int argc, char **argv) {
  if (argc < 2) {
    help(stderr);
    return CLI_USAGE;
  }
  if (cli_is_help(argv[1])) {
    help(stdout);
    return CLI_OK;
  }
  if (!strcmp(argv[1], "validate")) return cmd_validate(argc - 1, argv + 1);
  if (!strcmp(argv[1], "ack")) return cmd_ack(argc - 1, argv + 1);
  if (!strcmp(argv[1], "show")) return cmd_print(argc - 1, argv + 1, false);
  if (!strcmp(argv[1], "json")) return cmd_print(argc - 1, argv + 1, true);
  return cli_usage_error("x12: unknown verb '%s' (see cleanclaim x12 --help)",
                         argv[1]);
}
