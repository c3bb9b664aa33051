/* cli.h - what the command's files share: the handler signature, the exit
 * codes and small option helpers. The CLI holds no domain rules; every
 * handler parses arguments, calls the library and prints. */
#ifndef CC_CLI_H
#define CC_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cleanclaim/cleanclaim.h"

enum { CLI_OK = 0, CLI_FINDINGS = 1, CLI_USAGE = 2 };

typedef int (*cli_fn)(int argc, char **argv);

typedef struct cli_cmd {
  const char *name;    /* "x12", "codes", ... */
  cli_fn fn;           /* argv[0] is the command name */
  const char *summary; /* one line for `cleanclaim --help` */
} cli_cmd;

/* True when arg is -h or --help. */
bool cli_is_help(const char *arg);
/* Print "cleanclaim: " + message to stderr; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...) CC_PRINTF(1, 2);
/* The database path: --db PATH if given, else $CLEANCLAIM_DB, else
 * ./cleanclaim.db. Removes --db PATH from argv (argc updated). */
const char *cli_db_path(int *argc, char **argv);
/* Removes a boolean flag from argv; true if it was there. */
bool cli_take_flag(int *argc, char **argv, const char *flag);
/* Removes "--name VALUE" (or --name=VALUE) from argv and returns VALUE, or
 * NULL. Sets *bad when the flag is given without a value. */
const char *cli_take_opt(int *argc, char **argv, const char *name, bool *bad);
/* Writes b to the file at path, or to stdout when path is NULL. On failure
 * sets e with msg (static text naming what was written) and the path. */
cc_code cli_write_out(const char *path, const cc_buf *b, const char *msg,
                      cc_err *e) CC_WARN_UNUSED;

/* Handlers, one per top-level noun; each lives in cli_<noun>.c. */
int cli_x12(int argc, char **argv);     /* cli_x12.c */
int cli_codes(int argc, char **argv);   /* cli_codes.c */
int cli_init(int argc, char **argv);    /* cli_db.c */
int cli_import(int argc, char **argv);  /* cli_import.c */
int cli_patient(int argc, char **argv); /* cli_show.c */
int cli_claim(int argc, char **argv);   /* cli_show.c */
int cli_payer(int argc, char **argv);   /* cli_show.c */
int cli_payersim(int argc, char **argv); /* cli_payersim.c */
int cli_scrub(int argc, char **argv);   /* cli_scrub.c */
int cli_claims(int argc, char **argv);  /* cli_claims.c */
int cli_report(int argc, char **argv); /* cli_report.c */
int cli_ledger(int argc, char **argv); /* cli_ledger.c */
int cli_submit(int argc, char **argv);  /* cli_submit.c */
int cli_receive(int argc, char **argv); /* cli_receive.c */
int cli_elig(int argc, char **argv);    /* cli_elig.c */
int cli_status(int argc, char **argv);  /* cli_status.c */
int cli_practice(int argc, char **argv); /* cli_practice.c */
int cli_queue(int argc, char **argv);   /* cli_queue.c */
int cli_statement(int argc, char **argv); /* cli_billing.c */
int cli_payment(int argc, char **argv); /* cli_billing.c */
int cli_plan(int argc, char **argv);    /* cli_billing.c */
int cli_demo(int argc, char **argv);    /* cli_demo.c */
int cli_user(int argc, char **argv);    /* cli_user.c */

#endif
