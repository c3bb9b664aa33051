/* cli_db.c - placeholder until this command is built. */
#include "cli.h"

int cli_init(int argc, char **argv) {
  (void)argc; (void)argv;
  return cli_usage_error("cli_init: not built yet");
}
