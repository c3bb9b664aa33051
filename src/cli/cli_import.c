/* cli_import.c - placeholder until this command is built. */
#include "cli.h"

int cli_import(int argc, char **argv) {
  (void)argc; (void)argv;
  return cli_usage_error("cli_import: not built yet");
}
