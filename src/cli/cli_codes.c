/* cli_codes.c - placeholder until this command is built. */
#include "cli.h"

int cli_codes(int argc, char **argv) {
  (void)argc; (void)argv;
  return cli_usage_error("cli_codes: not built yet");
}
