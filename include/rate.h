/*
 * rate: the count table to the rate table (rexian-rate's engine): for each
 * metric NAME the columns NAME, NAME_k, NAME_n, NAME_lo, NAME_hi, and with
 * the options the change against another period and the comparison with
 * all groups together.  Rates are rounded half away from zero from the
 * exact fraction, in integer arithmetic.
 */
#ifndef REXIAN_RATE_H
#define REXIAN_RATE_H

#include "keys.h"
#include "metric.h"
#include "period.h"
#include "stats.h"
#include "util.h"
#include "xlsxout.h"

/*
 * What a column of the rate table holds.  A metric's column is named by
 * the metric's name and rate_suffix[role] (satisfaction_lo); the writer
 * (rate.c) and every reader (chart.c) take the suffixes from there.  With
 * --delta year the names take _yoy after the metric's (and _base for
 * _prev); a rate's _delta and _trend end in _pp (percentage points); a
 * rate's _trend_t is _trend_chi2.
 */
enum rate_role {
	ROLE_KEY, ROLE_VALUE, ROLE_K, ROLE_N, ROLE_LO, ROLE_HI, ROLE_FLAG,
	ROLE_PREV, ROLE_DELTA, ROLE_P, ROLE_Z, ROLE_L95LO, ROLE_L95HI,
	ROLE_L998LO, ROLE_L998HI, ROLE_PADJ, ROLE_VERDICT, ROLE_CHANGE_PCT,
	ROLE_VSP, ROLE_VSPADJ, ROLE_VSVERDICT, ROLE_FIRST, ROLE_LAST, ROLE_TREND,
	ROLE_TREND_LO, ROLE_TREND_HI, ROLE_TREND_STAT, ROLE_TREND_P,
	ROLE_TREND_VERDICT, ROLE_COUNT
};
extern const char *const rate_suffix[ROLE_COUNT];

enum rate_ci { CI_WILSON, CI_EXACT, CI_NONE };
enum rate_delta { DELTA_NONE, DELTA_PREV, DELTA_FIRST, DELTA_PERIOD };
enum rate_format { FORMAT_CSV, FORMAT_TSV, FORMAT_MARKDOWN, FORMAT_JSON,
	FORMAT_XLSX };

struct rate_options {
	int metric[32];			/* metric_table indices, nmetric of them */
	int nmetric;			/* 0: every metric with counts present */
	int digits;
	enum rate_ci ci;
	double level;
	enum rate_delta delta;
	const char *delta_period;	/* for DELTA_PERIOD */
	int yoy;			/* --delta year: and a year before (同比) */
	int trend;			/* --trend: one row per series */
	/* --periods: named periods' order and year_before, or NULL */
	const struct period_list *periods;
	const char *over;		/* the period column, or NULL to find it */
	int vs_total;
	int vs_rest;			/* with vs_total: against the other groups */
	enum stats_adjust adjust;	/* the p-values of each metric's family */
	long long min_n;
	enum rate_format format;
	int zh;
	int formula_safe;		/* text cells made safe for spreadsheets */
	const char *output;		/* -o: the xlsx file, or NULL for stdout */
	const struct keys *keys;	/* --keys: names and order of groups */
	int bulletin_counts;		/* markdown zh counts as 105万余件 */
};

/* Parses a comma-separated metric list into opt; exits 2 on a bad name. */
void rate_parse_metrics(struct rate_options *opt, const char *list);

/* Prints the metric table for --help: name and definition. */
void rate_print_metrics(struct out *o);

/*
 * Reads the count table in path (standard input for NULL or "-") and writes
 * the rate table to standard output.  Returns the exit status.
 */
int rate_run(const struct rate_options *opt, const char *path);

/*
 * The Chinese heading of a key column: a period's (月份), a ticket
 * column's (承办单位), the rollup column's, or else key itself.
 */
const char *rate_key_zh(const char *key);

/*
 * Describes a rate-table column by its name (satisfaction_lo, month, ...)
 * as --format xlsx writes it: x's kind and decimals (digits for the rates),
 * and in *zh its Chinese heading, which the caller frees.  Returns 1 for a
 * metric's column, 0 for any other (a key: text, its heading the period's
 * or ticket column's Chinese name, or the name itself).
 */
int rate_describe_column(const char *name, int digits, struct xlsxout_column *x,
    char **zh);
/*
 * The Chinese of a word rexian-rate writes in a verdict or flag column
 * ("no significant change": 基本持平, "suppressed": 样本不足), or NULL for
 * any other text.  Static storage.
 */
const char *rate_value_zh(const char *en);

#endif
