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

#include "keys.h"
#include "period.h"
#include "ticket.h"

/* --where COL=V1,V2 (or --where-not): keep tickets whose COL is (not) listed. */
struct aggregate_where {
	const char *arg;		/* as given, for messages */
	char *col;
	char **value;			/* nvalue of them, into col's buffer */
	int nvalue;
	int negate;
};

struct aggregate_options {
	char **by;			/* key names, nby of them */
	int nby;
	int date_closed;		/* place tickets by closed, not created */
	const struct period_list *periods;
	int fill;			/* every period x group combination */
	int merge;			/* inputs are count tables */
	struct aggregate_where *where;	/* every one must hold, nwhere */
	int nwhere;
	const struct keys *keys;	/* --keys: groups named before counting */
	/*
	 * Hadoop Streaming lines, KEYS<TAB>COUNTS without a header: written
	 * instead of the count table, or with merge read sorted by key (the
	 * keys named by by) and added up into the count table
	 */
	int streaming;
	int formula_safe;		/* --formula-safe: keys as csv_write_text */
	/*
	 * --rollup: after the groups, SQL ROLLUP's subtotal rows over the keys
	 * in order, the rolled keys reading ALL, and a last key column rollup
	 * holding how many keys are rolled (0 for a group's own row), so that
	 * no real key value can pass for a total.  Count tables with that
	 * column merge by dropping its rows above 0 and rolling up again.
	 */
	int rollup;
};

/*
 * Adds --where (negate 0) or --where-not (1) COL=V1,V2 to opt; exits 2 on
 * a bad argument.  aggregate_free_where frees what it allocated.
 */
void aggregate_add_where(struct aggregate_options *opt, const char *arg, int negate);
void aggregate_free_where(struct aggregate_options *opt);

/* The key column --rollup adds, and what its rolled keys read. */
#define ROLLUP_COLUMN "rollup"
#define ROLLUP_ALL "ALL"

/*
 * Checks the keys against the options: a named "period" key needs
 * --periods, and appears at most once; --where filters tickets, not count
 * tables.  Exits 2 on a usage error.
 */
void aggregate_check_keys(const struct aggregate_options *opt);

/*
 * Reads the files (standard input when nfiles is 0) and writes the count
 * table to standard output.  Returns the exit status.
 */
int aggregate_run(const struct aggregate_options *opt, char **files, int nfiles);

/*
 * aggregate_run in steps, for rexian(1)'s chain, which hands the ticket
 * table over in memory.  aggregate_open starts empty counts over opt (which
 * must outlive them); aggregate_read adds a file (a count table with
 * --merge); aggregate_sink makes s a sink whose rows are counted as the
 * same table read from standard input would be; aggregate_close writes the
 * count table and the messages, frees a, and returns the exit status;
 * aggregate_free frees a without writing anything.  A
 * sink's header that lacks a column the options name is said by
 * aggregate_close, status 1, with nothing written, as reading it would.
 */
struct aggregate;
struct aggregate *aggregate_open(const struct aggregate_options *opt);
void aggregate_read(struct aggregate *a, const char *path);
void aggregate_sink(struct aggregate *a, struct ticket_sink *s);
int aggregate_close(struct aggregate *a);
void aggregate_free(struct aggregate *a);

#endif
