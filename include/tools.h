/*
 * tools: the command line of each rexian-TOOL, as its own binary (main.c)
 * and rexian(1) run it.
 *
 * TOOL_main(argc, argv) is rexian-TOOL(1) whole: it reads its options,
 * runs, and returns the exit status; usage errors and bad input end the
 * process with a message, as die() does.  argv[0] is replaced by the
 * tool's name.
 */
#ifndef REXIAN_TOOLS_H
#define REXIAN_TOOLS_H

#include "ticket.h"

struct chain_stage;

int ingest_main(int argc, char **argv);
int aggregate_main(int argc, char **argv);
int rate_main(int argc, char **argv);
int chart_main(int argc, char **argv);
int xlsx_main(int argc, char **argv);
int synth_main(int argc, char **argv);

/*
 * rexian(1)'s chain, where rexian-ingest's table goes to rexian-aggregate
 * in memory.  ingest_main_sink hands its rows to sink (NULL: ingest_main);
 * when its options make text rather than a table (--help, --version,
 * --aliases, --list-columns, --list-values, --formula-safe, or a --rejects
 * or --summary file that is standard output) it does nothing and returns
 * TOOL_UNFUSED, for the caller to run it on its own.
 * aggregate_main_after reads what the ingest stage upstream makes, as
 * chain_aggregate says (NULL: aggregate_main).
 */
enum { TOOL_UNFUSED = -1 };
int ingest_main_sink(int argc, char **argv, const struct ticket_sink *sink);
int aggregate_main_after(int argc, char **argv, const struct chain_stage *upstream);

#endif
