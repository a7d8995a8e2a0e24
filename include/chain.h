/*
 * chain: rexian(1)'s stages run as one command,
 *
 *	rexian STAGE [ARG]... [then STAGE [ARG]...]...
 *
 * where each stage is a tool (tools.h) with exactly its own options, or
 * tee FILE.  The stages run as the shell's pipe of the same tools does:
 * each stage a process (forked, not executed), its standard output the
 * next one's standard input.  One thing differs, the cost: an ingest stage
 * followed by aggregate is one process, and the ticket table passes
 * between them in memory, never as text.  Output, messages, the rejects
 * file and the exit status are the pipe's; the status is the pipe's under
 * `set -o pipefail`: the last failing stage's, or 0.
 */
#ifndef REXIAN_CHAIN_H
#define REXIAN_CHAIN_H

#include "aggregate.h"

struct chain_stage {
	int (*main)(int argc, char **argv);	/* tools.h */
	/* ingest_main_sink, for the stage that can hand rows over, or NULL */
	int (*main_sink)(int argc, char **argv, const struct ticket_sink *sink);
	/* aggregate_main_after, for the stage that can take them, or NULL */
	int (*main_after)(int argc, char **argv, const struct chain_stage *upstream);
	int argc;
	char **argv;	/* argv[0] the stage's name; NULL-terminated */
};

/*
 * Runs the n stages, waits for them all, and returns the chain's status.
 * A stage killed by a signal counts as 128 + the signal's number, as in
 * the shell.
 */
int chain_run(const struct chain_stage *stage, int n);

/*
 * The aggregate stage of an in-memory pair, from aggregate_main_after:
 * runs upstream (an ingest stage) in this process with its rows counted
 * into a count table over opt, then writes it; returns the pair's status
 * under pipefail.  Where the pipe would read text (ingest's options make
 * text, --merge, or files named to aggregate), it reads the text of an
 * ingest process; where ingest ends before its table begins, aggregate
 * reads an empty input, as it would in the pipe.
 */
int chain_aggregate(const struct chain_stage *upstream,
    const struct aggregate_options *opt, char **files, int nfiles);

/* tee FILE: standard input to FILE (complete, or not at all) and standard output. */
int tee_main(int argc, char **argv);

#endif
