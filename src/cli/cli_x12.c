/* cli_x12.c - `cleanclaim x12 validate|ack|show|json`. */
#include "cli.h"

int cli_x12(int argc, char **argv) {
  (void)argc; (void)argv;
  return cli_usage_error("x12: not built yet");
}
