/*
 * counts: the count table of rexian(7), one group's additive counts and
 * sums, and the one table (count_columns in counts.c) that names them, in
 * output order.
 *
 * Sums are fixed-point integers (hours and workdays in 1/10000, the sum of
 * squares of hours in 1/10^8), so that adding count tables is exact and does
 * not depend on the order of addition: merging is byte-identical to one
 * pass.  Nothing here allocates.
 */
#ifndef REXIAN_COUNTS_H
#define REXIAN_COUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"

enum count_col {
	CNT_TICKETS, CNT_CLOSED, CNT_OPEN, CNT_DIRECT, CNT_RESOLVED,
	CNT_RESOLVED_KNOWN, CNT_RATED, CNT_SATISFIED, CNT_BASIC,
	CNT_DISSATISFIED, CNT_REASONABLE_RATED, CNT_REASONABLE_SATISFIED,
	CNT_REASONABLE_BASIC, CNT_ON_TIME, CNT_ON_TIME_KNOWN, CNT_DURATION_N,
	CNT_HOURS_SUM, CNT_HOURS_SUMSQ, CNT_WORKDAYS_SUM,
	CNT_HOURS_LE_1, CNT_HOURS_LE_4, CNT_HOURS_LE_24, CNT_HOURS_LE_48,
	CNT_HOURS_LE_72, CNT_HOURS_LE_120, CNT_HOURS_LE_240, CNT_HOURS_LE_720,
	CNT_HOURS_GT_720, CNT_DAYS, CNT_COUNT
};
enum { CNT_BUCKETS = CNT_HOURS_GT_720 - CNT_HOURS_LE_1 + 1 };

struct count_column {
	const char *name;
	int scale;		/* decimals of the fixed-point value */
};
extern const struct count_column count_columns[CNT_COUNT];
/* Upper bounds of the duration buckets in hours; the last is open. */
extern const int count_bucket_hours[CNT_BUCKETS - 1];

/*
 * One group.  v[CNT_HOURS_SUMSQ] is unused: the sum of squares needs 128
 * bits.  v[CNT_DAYS] is the days the group's period spans, or -1 for none.
 */
struct counts {
	int64_t v[CNT_COUNT];
	__int128 hours_sumsq;
};

/* One ticket's values, as the ticket table states them. */
struct ticket_values {
	int closed;		/* status */
	int direct, resolved, satisfaction, reasonable, on_time; /* -1 empty */
	int has_hours;
	int64_t hours, workdays;	/* 1/10000 */
};

/* Adds a ticket n times: n is 1, or -1 to take back one added. */
void counts_add_ticket(struct counts *c, const struct ticket_values *t, int n);
/* Adds src's counts and sums to dst, leaving dst's days. */
void counts_add(struct counts *dst, const struct counts *src);
/* Adds src to dst; -1 if their days differ (periods that cannot be one). */
int counts_merge(struct counts *dst, const struct counts *src);
void counts_zero(struct counts *c, int64_t days);
/* Writes the counts as the count table's columns, without a line end. */
void counts_write(struct out *o, const struct counts *c);
/* Writes the count columns' names, comma-separated, without a line end. */
void counts_write_header(struct out *o);

/*
 * Checks a count table's header: key columns, then exactly the count
 * columns.  Returns how many key columns there are; anything else is -1
 * and a FILE:LINE message in *e.
 */
int counts_check_header(const char *file, const struct csv_record *h,
    struct err *e);

/*
 * Parses f[0..CNT_COUNT) as a count-table row.  0, or -1 with the column
 * that is wrong in *bad.
 */
int counts_parse(const struct csv_field *f, struct counts *c, int *bad);

/*
 * Where a count table's columns are, for readers that take any subset of
 * the count columns (published figures: period,rated,satisfied,basic):
 * the key columns are those before the first count column, col[i] the
 * field of count column i or -1 when the table lacks it.
 */
struct count_layout {
	int nkey;
	int ncol;		/* fields in a row */
	int col[CNT_COUNT];
};

/*
 * Reads a header into l: keys, then count columns in any order, each at
 * most once, and nothing after them: 0.  Anything else is -1 and a
 * FILE:LINE message in *e.
 */
int counts_layout(const char *file, const struct csv_record *h,
    struct count_layout *l, struct err *e);

/*
 * Parses a row laid out as l into c: a column the table lacks is 0, days
 * -1 and hours_sumsq -1 (unknown: no variance from it).  0, or -1 with the
 * count column that is wrong in *bad.
 */
int counts_parse_layout(const struct count_layout *l, const struct csv_field *f,
    struct counts *c, int *bad);

/*
 * Whether the counts of a row contradict each other as the count table
 * defines them (closed + open = tickets, satisfied + basic + dissatisfied
 * = rated, satisfied + basic <= rated when dissatisfied is not there, ...),
 * among the columns l has (NULL: all of them).  0, or -1 with the
 * contradiction written to buf, naming the columns and their values.
 */
int counts_contradiction(const struct count_layout *l, const struct counts *c,
    char *buf, size_t size);

/*
 * Parses a non-negative fixed-point decimal with at most scale decimals into
 * units of 10^-scale: 0, or -1.
 */
int parse_fixed(const char *s, size_t len, int scale, __int128 *v);

#endif
