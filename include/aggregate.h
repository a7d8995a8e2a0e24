/*
 * aggregate: ticket tables to the count table (rexian-aggregate's engine),
 * and count tables merged by adding.
 *
 * Memory grows with the number of groups, never with the number of rows.
 * The ticket table is machine-written, so a bad row is a FILE:LINE message
 * and exit 1, not a reject.
 */
#ifndef REXIAN_AGGREGATE_H
#define REXIAN_AGGREGATE_H

#include "period.h"

struct aggregate_options {
	char **by;			/* key names, nby of them */
	int nby;
	int date_closed;		/* place tickets by closed, not created */
	const struct period_list *periods;
	int fill;			/* every period x group combination */
	int merge;			/* inputs are count tables */
};

/*
 * Checks the keys against the options: a named "period" key needs
 * --periods, and appears at most once.  Exits 2 on a usage error.
 */
void aggregate_check_keys(const struct aggregate_options *opt);

/*
 * Reads the files (standard input when nfiles is 0) and writes the count
 * table to standard output.  Returns the exit status.
 */
int aggregate_run(const struct aggregate_options *opt, char **files, int nfiles);

#endif
