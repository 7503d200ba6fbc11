#include "cli/cli.h"
#include "cli/commands.h"
int cmd_record(int argc, char **argv) { (void)argc; (void)argv; return EXIT_FAILED; }
