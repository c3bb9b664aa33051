/* cli_show.c - placeholder until `patient|claim|payer show` are built. */
#include "cli.h"

int cli_patient(int argc, char **argv) { (void)argc; (void)argv; return cli_usage_error("not built yet"); }
int cli_claim(int argc, char **argv) { (void)argc; (void)argv; return cli_usage_error("not built yet"); }
int cli_payer(int argc, char **argv) { (void)argc; (void)argv; return cli_usage_error("not built yet"); }
