/*
 * metric: the one table of rexian's metrics (metric_table in metric.c):
 * name, 中文 name, kind, and the count-table columns of its numerator and
 * denominator.  Option parsing, --help, the rate table's columns, chart axis
 * titles and the man page all follow this table.
 */
#ifndef REXIAN_METRIC_H
#define REXIAN_METRIC_H

#include "counts.h"

/* What each kind computes and how its columns read: kind_rules in rate.c. */
enum metric_kind {
	METRIC_RATE,		/* percent: 100 k / n */
	METRIC_MEAN_DAYS,	/* days: hours_sum / 24 / duration_n */
	METRIC_QUANTILE_DAYS,	/* days, estimated from the hour buckets */
	METRIC_DAILY,		/* tickets a day: tickets / days */
};

struct metric {
	const char *name;
	const char *zh;
	enum metric_kind kind;
	int num[3];		/* count columns added for k, -1 ends */
	int den;		/* count column of n */
	double quantile;	/* for METRIC_QUANTILE_DAYS */
	const char *what;	/* one line for --help */
};

extern const struct metric metric_table[];
extern const int metric_count;

/* The index of the metric named name (English or 中文), or -1. */
int metric_by_name(const char *name, size_t len);

#endif
