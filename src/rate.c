/*
 * rate.c: rexian-rate's engine: count-table rows to each metric's rate,
 * interval, changes against other periods, comparisons across groups and
 * their tests, written as CSV, markdown or through xlsxout.
 * The contract is in rate.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "counts.h"
#include "csvio.h"
#include "hashmap.h"
#include "keys.h"
#include "period.h"
#include "rate.h"
#include "stats.h"
#include "ticket.h"
#include "util.h"
#include "xlsxout.h"

enum { CELL_MAX = 64 };

const char *const rate_suffix[ROLE_COUNT] = {
	"", "", "_k", "_n", "_lo", "_hi", "_flag", "_prev", "_delta", "_p", "_z",
	"_lim95_lo", "_lim95_hi", "_lim998_lo", "_lim998_hi", "_p_adj", "_verdict",
	"_change_pct", "_vs_p", "_vs_p_adj", "_vs_verdict", "_first", "_last",
	"_trend", "_trend_lo", "_trend_hi", "_trend_t", "_trend_p", "_trend_verdict",
};

static const char *const role_suffix_zh[ROLE_COUNT] = {
	"", "", "(分子)", "(分母)", "(下限)", "(上限)", "(标记)", "(上期)",
	"(变化)", "(p值)", "(z值)", "(95%控制下限)", "(95%控制上限)",
	"(99.8%控制下限)", "(99.8%控制上限)", "(校正p值)", "(变化结论)",
	"(变化率%)", "(比较p值)", "(比较校正p值)", "(比较结论)", "(首期)", "(末期)",
	"趋势(每期)", "(趋势下限)", "(趋势上限)", "(趋势t值)", "(趋势p值)",
	"(趋势结论)",
};

struct column {
	char *name, *zh;
	int metric;		/* -1 for a key */
	enum rate_role role;
	int yoy;		/* a --delta year column (NAME_yoy_...) */
};

/* A number: an exact ratio num/den (den > 0), an approximation, or none. */
struct num {
	enum { NUM_NONE, NUM_EXACT, NUM_APPROX } kind;
	__int128 n, d;
	double x;
};

struct row {
	char **key;
	struct counts c;
	int level;		/* keys rolled up (rexian-aggregate --rollup) */
	long line;
};

struct rate {
	const struct rate_options *opt;
	const char *file;
	char **keyname;
	int nkey;
	struct count_layout layout;	/* the count columns the table has */
	int rolled;		/* the keys end with the rollup column */
	struct row *row;
	size_t nrow, rowcap;
	int metric[32];
	int nmetric;
	int over;		/* key position of the period, or -1 */
	struct column *col;
	size_t ncol, colcap;
	char **cell;		/* nrow x ncol, NULL for empty */
	/* the period of each row, as its place in period order */
	long *period_of;
	size_t nperiod;
	struct hashmap *series;	/* other keys + period place -> row */
	enum period_unit unit;	/* of the period column */
	struct hashmap *seen;	/* period label -> entry, place[entry] its place */
	long *place;
	struct counts *total;	/* per period, for --vs-total */
	long *total_row;	/* per period, its total row, or -1 */
	long delta_place;	/* the period of --delta PERIOD */
	/*
	 * The tests, metric slot x row, NaN where none: [TEST_DELTA] the
	 * change's p, [TEST_VS] the p against the total or the rest,
	 * [TEST_YOY] the p of the change on a year; adj[] the same after
	 * --adjust, over each metric's comparisons.
	 */
	double *test[3], *adj[3];
	size_t ntests[3];	/* the most comparisons of one metric */
	/*
	 * Per row, what it is compared with: ref[0] the --delta row's counts,
	 * ref[1] a year before's (--delta year), NULL for none; vs all groups
	 * of its period, or the rest (--vs-total, --vs-rest).
	 */
	const struct counts **ref[2];
	struct counts *vs;
};

enum { TEST_DELTA, TEST_VS, TEST_YOY, TEST_COUNT };

void
rate_parse_metrics(struct rate_options *opt, const char *list)
{
	char *copy = xstrdup(list), **item;
	size_t at = 0, len = 0;
	int n, i, m = 0;

	item = split_list(copy, &n);
	opt->nmetric = 0;
	for (i = 0; i < n; i++) {
		if (opt->nmetric == (int)nitems(opt->metric))
			break;
		len = strlen(item[i]);
		if ((m = metric_by_name(item[i], len)) < 0)
			break;
		opt->metric[opt->nmetric++] = m;
		at += len + 1;
	}
	free(item);
	free(copy);
	/* the list named the unknown metric: quote it from there */
	if (m < 0)
		die_usage("--metrics: unknown metric '%.*s' (see --help)", (int)len,
		    list + at);
	if (i < n)
		die_usage("--metrics: too many metrics");
}

void
rate_print_metrics(struct out *o)
{
	for (int i = 0; i < metric_count; i++)
		out_printf(o, "  %-24s %s\n", metric_table[i].name,
		    metric_table[i].what);
}

/* ---- numbers ---------------------------------------------------------- */

static __int128
pow10_128(int d)
{
	__int128 p = 1;

	while (d-- > 0)
		p *= 10;
	return p;
}

/* Writes n/d rounded half away from zero to digits decimals. */
static void
format_ratio(char *buf, __int128 n, __int128 d, int digits, int plus)
{
	unsigned __int128 a = n < 0 ? -(unsigned __int128)n : (unsigned __int128)n;
	unsigned __int128 b = d < 0 ? -(unsigned __int128)d : (unsigned __int128)d;
	__int128 q = (__int128)((2 * a * (unsigned __int128)pow10_128(digits) + b) /
	    (2 * b));

	fixed_format(buf, (n < 0) != (d < 0) ? -q : q, digits, plus);
}

/* Writes an approximate value rounded half away from zero. */
static void
format_double(char *buf, double x, int digits, int plus)
{
	double scaled = round(fabs(x) * (double)pow10_128(digits));

	format_ratio(buf, (__int128)(x < 0 ? -scaled : scaled), pow10_128(digits),
	    digits, plus);
}

/* The text of a number, or NULL for none; the caller frees it. */
static char *
num_text(struct num v, int digits, int plus)
{
	char buf[CELL_MAX];

	if (v.kind == NUM_NONE || (v.kind == NUM_APPROX && !isfinite(v.x)))
		return NULL;
	if (v.kind == NUM_EXACT)
		format_ratio(buf, v.n, v.d, digits, plus);
	else
		format_double(buf, v.x, digits, plus);
	return xstrdup(buf);
}

/* The text of an integer; the caller frees it. */
static char *
int_text(int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return xstrdup(buf);
}

/*
 * A p-value for reading: under 0.001 as "<0.001", else three significant
 * digits; NULL for none.  The caller frees it.
 */
static char *
p_read(double p)
{
	char buf[32];

	if (!isfinite(p))
		return NULL;
	if (p < 0.001)
		return xstrdup("<0.001");
	snprintf(buf, sizeof(buf), "%.3g", p);
	return xstrdup(buf);
}

/*
 * The text of a p-value in a rate-table cell, or NULL when undefined: for
 * reading in markdown and in a --lang zh CSV or TSV (p_read), else the shortest decimal
 * that reads back as the same double, so a program loses nothing.  The
 * caller frees it.
 */
static char *
p_text(const struct rate *r, double p)
{
	char buf[32];

	if (!isfinite(p))
		return NULL;
	if (r->opt->format == FORMAT_MARKDOWN || (r->opt->zh &&
	    (r->opt->format == FORMAT_CSV || r->opt->format == FORMAT_TSV)))
		return p_read(p);
	for (int digits = 1; digits <= 17; digits++) {
		snprintf(buf, sizeof(buf), "%.*g", digits, p);
		if (strtod(buf, NULL) == p)
			break;
	}
	return xstrdup(buf);
}

static struct num
exact(__int128 n, __int128 d)
{
	struct num v = { NUM_NONE, 0, 1, 0 };

	if (d != 0) {
		v.kind = NUM_EXACT;
		v.n = n;
		v.d = d;
	}
	return v;
}

static struct num
approx(double x)
{
	struct num v = { isfinite(x) ? NUM_APPROX : NUM_NONE, 0, 1, x };

	return v;
}

static int64_t
metric_k(const struct metric *m, const struct counts *c)
{
	int64_t k = 0;

	for (int i = 0; i < 3 && m->num[i] >= 0; i++)
		k += c->v[m->num[i]];
	return k;
}

static int64_t
metric_n(const struct metric *m, const struct counts *c)
{
	return c->v[m->den];
}

/* The quantile q of hours to close from the buckets, and its bucket's bounds. */
static double
bucket_quantile(const struct counts *c, double q, double *lo, double *hi)
{
	int64_t n = c->v[CNT_DURATION_N], cum = 0;
	double target = q * (double)n;

	*lo = *hi = NAN;
	if (n <= 0)
		return NAN;
	for (int b = 0; b < CNT_BUCKETS; b++) {
		int64_t k = c->v[CNT_HOURS_LE_1 + b];
		double from = b == 0 ? 0 : count_bucket_hours[b - 1];

		if (k == 0 || (double)(cum + k) < target) {
			cum += k;
			continue;
		}
		*lo = from;
		if (b == CNT_BUCKETS - 1)
			return from;	/* open bucket: its lower bound */
		*hi = count_bucket_hours[b];
		return from + (target - (double)cum) / (double)k * (*hi - from);
	}
	return NAN;
}

/*
 * The mean and sample variance of hours to close, from the fixed-point sums
 * (hours x 10^4, squares x 10^8): n Q - S^2 in integers where it fits, as
 * the difference of two large doubles would cancel to noise.
 */
static void
duration_moments(const struct counts *c, double *mean, double *var)
{
	int64_t n = c->v[CNT_DURATION_N], s = c->v[CNT_HOURS_SUM];
	const __int128 most = (__int128)(((unsigned __int128)1 << 127) - 1);
	long double spread;

	*mean = *var = NAN;
	if (n <= 0)
		return;
	*mean = (double)((long double)s / n / 1e4L);
	if (n < 2 || c->hours_sumsq < 0)
		return;		/* no spread without hours_sumsq */
	if (c->hours_sumsq >= 0 && c->hours_sumsq <= most / n)
		spread = (long double)(n * c->hours_sumsq - (__int128)s * s);
	else
		spread = (long double)n * (long double)c->hours_sumsq -
		    (long double)s * (long double)s;
	*var = (double)(spread / ((long double)n * (long double)(n - 1)) / 1e8L);
}

/* ---- the kinds of metric ---------------------------------------------- */

static struct num
rate_value(const struct metric *m, const struct counts *c)
{
	return exact((__int128)metric_k(m, c) * 100, metric_n(m, c));
}

static struct num
mean_value(const struct metric *m, const struct counts *c)
{
	return exact(c->v[CNT_HOURS_SUM], (__int128)metric_n(m, c) * 240000);
}

static struct num
quantile_value(const struct metric *m, const struct counts *c)
{
	double lo, hi;

	return approx(bucket_quantile(c, m->quantile, &lo, &hi) / 24);
}

static struct num
daily_value(const struct metric *m, const struct counts *c)
{
	int64_t n = metric_n(m, c);

	return n > 0 ? exact(metric_k(m, c), n) : exact(0, 0);
}

static void
rate_interval(const struct rate *r, const struct metric *m, const struct counts *c,
    double *lo, double *hi)
{
	int64_t k = metric_k(m, c), n = metric_n(m, c);

	if (r->opt->ci == CI_EXACT)
		stats_clopper_pearson(k, n, r->opt->level, lo, hi);
	else
		stats_wilson(k, n, r->opt->level, lo, hi);
	if (n == 0)
		*lo = *hi = NAN;
	*lo *= 100;
	*hi *= 100;
}

static void
mean_interval(const struct rate *r, const struct metric *m, const struct counts *c,
    double *lo, double *hi)
{
	double mean, var;

	duration_moments(c, &mean, &var);
	if (!isfinite(var))
		return;	/* one ticket, or no hours_sumsq: no spread */
	stats_mean_t(metric_n(m, c), mean, var, r->opt->level, lo, hi);
	/* a duration is never negative, whatever the t interval says */
	*lo = fmax(*lo, 0) / 24;
	*hi /= 24;
}

/* The bounds of the bucket the quantile falls in. */
static void
quantile_interval(const struct rate *r, const struct metric *m, const struct counts *c,
    double *lo, double *hi)
{
	(void)r;
	bucket_quantile(c, m->quantile, lo, hi);
	*lo /= 24;
	*hi /= 24;
}

static void
daily_interval(const struct rate *r, const struct metric *m, const struct counts *c,
    double *lo, double *hi)
{
	int64_t n = metric_n(m, c);

	if (n > 0) {
		stats_poisson(metric_k(m, c), r->opt->level, lo, hi);
		*lo /= (double)n;
		*hi /= (double)n;
	}
}

static double
rate_p(const struct metric *m, const struct counts *a, const struct counts *b)
{
	int fisher;

	return stats_two_proportions(metric_k(m, a), metric_n(m, a), metric_k(m, b),
	    metric_n(m, b), &fisher);
}

static double
mean_p(const struct metric *m, const struct counts *a, const struct counts *b)
{
	double m1, v1, m2, v2;

	(void)m;
	duration_moments(a, &m1, &v1);
	duration_moments(b, &m2, &v2);
	if (!isfinite(v1) || !isfinite(v2))
		return NAN;
	return stats_welch(a->v[CNT_DURATION_N], m1, v1, b->v[CNT_DURATION_N], m2, v2);
}

static double
daily_p(const struct metric *m, const struct counts *a, const struct counts *b)
{
	return stats_poisson_exact(metric_k(m, a), (double)metric_n(m, a),
	    metric_k(m, b), (double)metric_n(m, b));
}

/*
 * The comparisons of --vs-total and --vs-rest (vs_compare): the counts c
 * of one group against ref, both with n above 0.  A rate against the
 * total: z against its proportion, p from the normal law; against the
 * rest: z on both samples' error, p from stats_two_proportions.
 */
static int
vs_rate(const struct rate *r, const struct metric *m, const struct counts *c,
    const struct counts *ref, double *z, double *centre, double *se, double *p)
{
	int64_t k = metric_k(m, c), n = metric_n(m, c);
	int64_t rk = metric_k(m, ref), rn = metric_n(m, ref);
	int rest = r->opt->vs_rest, fisher;
	double p0 = (double)rk / (double)rn, value = (double)k / (double)n, scale;

	scale = p0 * (1 - p0) * (1.0 / (double)n + (rest ? 1.0 / (double)rn : 0));
	*se = sqrt(scale) * 100;
	*centre = p0 * 100;
	*z = scale > 0 ? (value - p0) / sqrt(scale) : NAN;
	*p = rest ? stats_two_proportions(k, n, rk, rn, &fisher) :
	    isfinite(*z) ? stats_normal_p(*z) : NAN;
	return 0;
}

/*
 * A mean against the total: z on the total's spread at c's size; against
 * the rest: Welch's t and test.  -1 when ref has no spread.
 */
static int
vs_mean(const struct rate *r, const struct metric *m, const struct counts *c,
    const struct counts *ref, double *z, double *centre, double *se, double *p)
{
	int64_t n = metric_n(m, c), rn = metric_n(m, ref);
	int rest = r->opt->vs_rest;
	double mean, var, rmean, rvar;

	duration_moments(c, &mean, &var);
	duration_moments(ref, &rmean, &rvar);
	if (!isfinite(rvar))
		return -1;
	*centre = rmean / 24;
	*se = sqrt(rvar * (1.0 / (double)n + (rest ? 1.0 / (double)rn : 0))) / 24;
	if (rest) {
		double w = (isfinite(var) ? var : 0) / (double)n + rvar / (double)rn;

		*z = w > 0 ? (mean - rmean) / sqrt(w) : NAN;
		*p = stats_welch(n, mean, var, rn, rmean, rvar);
	} else {
		*z = *se > 0 ? (mean / 24 - *centre) / *se : NAN;
		*p = isfinite(*z) ? stats_normal_p(*z) : NAN;
	}
	return 0;
}

/* One series of --trend as its test reads it, period by period. */
struct trend_data {
	const int64_t *k, *n;		/* the metric's k and n */
	const double *mean, *var;	/* days to close: mean and sample variance */
	const double *x;		/* the periods' scores */
	size_t len;
};

/*
 * --trend's tests: the p of the trend, its slope a period with the half
 * width of its interval, and the statistic.  A rate's by Cochran-Armitage
 * (chi-squared), in proportions a period.
 */
static double
rate_trend(const struct rate *r, const struct trend_data *d, double *slope, double *half,
    double *stat)
{
	double se, p = stats_trend_proportions(d->k, d->n, d->x, d->len, slope, &se, stat);

	*half = stats_z(r->opt->level) * se;
	return p;
}

/* A mean's by the least-squares slope of days on the scores (t). */
static double
mean_trend(const struct rate *r, const struct trend_data *d, double *slope, double *half,
    double *stat)
{
	double se, df = NAN;
	double p = stats_trend_means(d->n, d->mean, d->var, d->x, d->len, slope, &se, stat,
	    &df);

	*half = stats_t(r->opt->level, df) * se;
	return p;
}

/*
 * What differs between the kinds of metric (metric.h), kind_rules[kind]:
 * how the value, its interval and its tests come from the counts, and
 * how its columns read.  A kind without a test has no change's p, no
 * --vs-total comparison or no --trend.
 */
static const struct kind_rule {
	struct num (*value)(const struct metric *, const struct counts *);
	void (*interval)(const struct rate *, const struct metric *, const struct counts *,
	    double *, double *);
	double (*p)(const struct metric *, const struct counts *, const struct counts *);
	int (*vs)(const struct rate *, const struct metric *, const struct counts *,
	    const struct counts *, double *, double *, double *, double *);
	double (*trend)(const struct rate *, const struct trend_data *, double *, double *,
	    double *);
	int percent;		/* in percent: changes in percentage points */
	int64_t k_per;		/* the k column is k / k_per; 0: none */
	int k_digits;		/* and has these decimals */
	int min_n;		/* n counts tickets: --min-n blanks a small one */
	int buckets;		/* estimated from the hour buckets */
	int per_day;		/* tickets a day: n is days, a change also relative */
} kind_rules[] = {
	[METRIC_RATE] = { rate_value, rate_interval, rate_p, vs_rate, rate_trend,
	    1, 1, 0, 1, 0, 0 },
	/* k is hours_sum, hours x 10^4: over 240000, days */
	[METRIC_MEAN_DAYS] = { mean_value, mean_interval, mean_p, vs_mean, mean_trend,
	    0, 240000, 4, 1, 0, 0 },
	[METRIC_QUANTILE_DAYS] = { quantile_value, quantile_interval, NULL, NULL, NULL,
	    0, 0, 0, 1, 1, 0 },
	[METRIC_DAILY] = { daily_value, daily_interval, daily_p, NULL, NULL,
	    0, 1, 0, 0, 0, 1 },
};

static const struct kind_rule *
rule(const struct metric *m)
{
	return &kind_rules[m->kind];
}

/* The metric's value: percent, days or tickets a day. */
static struct num
metric_value(const struct metric *m, const struct counts *c)
{
	return rule(m)->value(m, c);
}

/* The interval of a metric, in its own unit; NaN where none. */
static void
metric_interval(const struct rate *r, const struct metric *m, const struct counts *c,
    double *lo, double *hi)
{
	*lo = *hi = NAN;
	rule(m)->interval(r, m, c, lo, hi);
}

/* Two-sided p-value that the metric differs between two groups of counts. */
static double
metric_p(const struct metric *m, const struct counts *a, const struct counts *b)
{
	return rule(m)->p != NULL ? rule(m)->p(m, a, b) : NAN;
}

/*
 * Compares the counts c of one group with ref, all groups of the period
 * (--vs-total) or the others (--vs-rest): the z score, the centre and
 * standard error at c's size that funnel limits are drawn from (in the
 * metric's unit), and the two-sided p.  Returns -1 where there is
 * nothing to compare.
 */
static int
vs_compare(const struct rate *r, const struct metric *m, const struct counts *c,
    const struct counts *ref, double *z, double *centre, double *se, double *p)
{
	if (rule(m)->vs == NULL || metric_n(m, c) <= 0 || metric_n(m, ref) <= 0)
		return -1;
	return rule(m)->vs(r, m, c, ref, z, centre, se, p);
}

static struct num
num_minus(struct num a, struct num b)
{
	if (a.kind == NUM_NONE || b.kind == NUM_NONE)
		return exact(0, 0);
	if (a.kind == NUM_EXACT && b.kind == NUM_EXACT)
		return exact(a.n * b.d - b.n * a.d, a.d * b.d);
	return approx((a.kind == NUM_EXACT ? (double)a.n / (double)a.d : a.x) -
	    (b.kind == NUM_EXACT ? (double)b.n / (double)b.d : b.x));
}

/* ---- reading ---------------------------------------------------------- */

/* A row's rollup cell: 0 to the number of other keys, else FILE:LINE. */
static int
rolled_keys(const struct rate *r, const struct row *w)
{
	const char *s = w->key[r->nkey - 1];
	long long v;

	if (parse_int(s, 0, r->nkey - 1, &v) != 0 || s[0] == '+' || s[0] == ' ')
		die("%s:%ld: bad %s '%.64s': want how many of the %d keys the row "
		    "rolls up", r->file, w->line, ROLLUP_COLUMN, s, r->nkey - 1);
	return (int)v;
}

/* Whether key k of row w is rolled up: a subtotal's ALL. */
static int
is_rolled(const struct rate *r, const struct row *w, int k)
{
	return r->rolled && k < r->nkey - 1 && k >= r->nkey - 1 - w->level;
}

/*
 * Whether row w totals its period: rolled up over every key but the
 * period (all of them without one).
 */
static int
is_total(const struct rate *r, const struct row *w)
{
	if (!r->rolled || w->level == 0)
		return 0;
	for (int k = 0; k < r->nkey - 1; k++)
		if (k != r->over && !is_rolled(r, w, k))
			return 0;
	return 1;
}

/*
 * The counts --vs-total compares with, per period: the period's total
 * row where the table has one (rexian-aggregate --rollup), else its
 * groups added (the rows that roll nothing up).
 */
static void
find_totals(struct rate *r)
{
	r->total = xcalloc(r->nperiod + 1, sizeof(*r->total));
	r->total_row = xcalloc(r->nperiod + 1, sizeof(*r->total_row));
	for (size_t p = 0; p < r->nperiod; p++)
		r->total_row[p] = -1;
	for (size_t i = 0; i < r->nrow; i++)
		if (is_total(r, &r->row[i]) && r->total_row[r->period_of[i]] < 0) {
			r->total_row[r->period_of[i]] = (long)i;
			r->total[r->period_of[i]] = r->row[i].c;
		}
	for (size_t i = 0; i < r->nrow; i++)
		if (r->row[i].level == 0 && r->total_row[r->period_of[i]] < 0)
			counts_add(&r->total[r->period_of[i]], &r->row[i].c);
}

static void
read_count_table(struct rate *r, const char *path)
{
	struct csv_reader *in;
	struct csv_record rec;
	char why[256];
	int t;
	struct err e;

	or_die(csv_open(path, CSV_UTF8, &in, &e), &e);
	r->file = csv_name(in);
	or_die(csv_read_header(in, &rec, &e), &e);
	or_die(counts_layout(r->file, &rec, &r->layout, &e), &e);
	t = r->nkey = r->layout.nkey;
	r->keyname = xcalloc((size_t)t + 1, sizeof(*r->keyname));
	for (int k = 0; k < t; k++)
		r->keyname[k] = xmemdup0(rec.field[k].s, rec.field[k].len);
	r->rolled = t > 0 && strcmp(r->keyname[t - 1], ROLLUP_COLUMN) == 0;
	while (or_die(csv_read(in, &rec, &e), &e)) {
		struct row *w;
		int bad;

		if (rec.nfields != (size_t)r->layout.ncol)
			die("%s:%ld: wrong field count: %zu, expected %d", r->file,
			    rec.line, rec.nfields, r->layout.ncol);
		xgrow(&r->row, &r->rowcap, r->nrow + 1, sizeof(*r->row));
		w = &r->row[r->nrow];
		if (counts_parse_layout(&r->layout, rec.field, &w->c, &bad) != 0)
			die("%s:%ld: bad %s '%.*s'", r->file, rec.line,
			    count_columns[bad].name,
			    (int)rec.field[r->layout.col[bad]].len,
			    rec.field[r->layout.col[bad]].s);
		if (counts_contradiction(&r->layout, &w->c, why, sizeof(why)) != 0)
			die("%s:%ld: counts contradict each other: %s", r->file,
			    rec.line, why);
		w->key = xcalloc((size_t)t + 1, sizeof(*w->key));
		for (int k = 0; k < t; k++)
			w->key[k] = xmemdup0(rec.field[k].s, rec.field[k].len);
		w->line = rec.line;
		r->nrow++;
		w->level = r->rolled ? rolled_keys(r, w) : 0;
	}
	r->file = xstrdup(r->file);
	csv_close(in);
}

/*
 * How many of the count columns metric m reads the table lacks; their
 * names, comma-separated, in buf.
 */
static int
missing_columns(const struct rate *r, const struct metric *m, char *buf, size_t size)
{
	int need[CNT_COUNT], n = 0, lack = 0;
	size_t len = 0;

	for (int i = 0; i < 3 && m->num[i] >= 0; i++)
		need[n++] = m->num[i];
	need[n++] = m->den;
	for (int b = 0; rule(m)->buckets && b < CNT_BUCKETS; b++)
		need[n++] = CNT_HOURS_LE_1 + b;
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		if (r->layout.col[need[i]] < 0)
			len += (size_t)snprintf(buf + len, len < size ? size - len : 0,
			    "%s%s", lack++ ? ", " : "", count_columns[need[i]].name);
	return lack;
}

/*
 * The metrics: those asked for, each with the columns it reads; by
 * default every metric whose columns are there, with a denominator above
 * 0 somewhere.
 */
static void
choose_metrics(struct rate *r)
{
	char missing[512];

	if (r->opt->nmetric > 0) {
		r->nmetric = r->opt->nmetric;
		memcpy(r->metric, r->opt->metric, sizeof(r->metric));
		for (int i = 0; i < r->nmetric; i++)
			if (r->opt->trend && rule(&metric_table[r->metric[i]])->trend == NULL)
				die_usage("--trend: %s has no trend test (rates and "
				    "mean_days have)", metric_table[r->metric[i]].name);
		for (int i = 0; i < r->nmetric; i++)
			if (missing_columns(r, &metric_table[r->metric[i]], missing,
			    sizeof(missing)) > 0)
				die("%s:1: --metrics %s needs %s, which the count table "
				    "lacks", r->file, metric_table[r->metric[i]].name, missing);
		return;
	}
	for (int m = 0; m < metric_count; m++)
		for (size_t i = 0; i < r->nrow; i++)
			if (missing_columns(r, &metric_table[m], missing,
			    sizeof(missing)) == 0 &&
			    (!r->opt->trend || rule(&metric_table[m])->trend != NULL) &&
			    metric_n(&metric_table[m], &r->row[i].c) > 0) {
				r->metric[r->nmetric++] = m;
				break;
			}
}

/* ---- periods and series ----------------------------------------------- */

static void
series_key(const struct rate *r, const struct row *w, long period, char **buf,
    size_t *cap, size_t *len)
{
	*len = 0;
	for (int k = 0; k < r->nkey; k++) {
		if (k == r->over)
			continue;
		size_t n = strlen(w->key[k]) + 1;

		xgrow(buf, cap, *len + n, 1);
		memcpy(*buf + *len, w->key[k], n);
		*len += n;
	}
	xgrow(buf, cap, *len + sizeof(period), 1);
	memcpy(*buf + *len, &period, sizeof(period));
	*len += sizeof(period);
}

/*
 * Checks the period labels that --delta prev and year read: calendar
 * labels as rexian-aggregate writes them, named periods those of
 * --periods.  FILE:LINE and exit 1 for a row that fails.
 */
static void
check_periods(const struct rate *r)
{
	const struct rate_options *opt = r->opt;
	int calendar = r->unit != PERIOD_NONE && r->unit < PERIOD_NAMED;
	int64_t day;

	if (r->over < 0 || (opt->delta != DELTA_PREV && !opt->yoy))
		return;
	if (opt->yoy && !calendar && (opt->periods == NULL ||
	    !opt->periods->has_year_before))
		die("%s:1: --delta year over %s needs --periods FILE with a "
		    "year_before column", r->file, r->keyname[r->over]);
	for (size_t i = 0; i < r->nrow; i++) {
		const struct row *w = &r->row[i];
		const char *p = w->key[r->over];

		if (is_rolled(r, w, r->over))
			continue;
		if (calendar && period_parse_label(r->unit, p, strlen(p), &day) != 0)
			die("%s:%ld: bad %s '%.64s': not a label rexian-aggregate "
			    "writes", r->file, w->line, r->keyname[r->over], p);
		if (!calendar && opt->periods != NULL &&
		    period_list_find(opt->periods, p, strlen(p)) < 0)
			die("%s:%ld: period '%.64s' is not in the periods file",
			    r->file, w->line, p);
	}
}

/* Named periods in the order of --periods; those not in it after them. */
static int
compare_named(const void *a, const void *b, void *arg)
{
	const struct period_list *pl = ((const struct rate *)arg)->opt->periods;
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	unsigned long i = (unsigned long)period_list_find(pl, x, strlen(x));
	unsigned long j = (unsigned long)period_list_find(pl, y, strlen(y));

	return (i > j) - (i < j);
}

/* The place of the period labelled s, or -1 when the table has none. */
static long
place_of(const struct rate *r, const char *s, size_t len)
{
	long e = hashmap_find(r->seen, s, len);

	return e < 0 ? -1 : r->place[e];
}

static int
compare_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The key column of the periods: --over's, or the one a period unit
 * names (two are an error, never a guess); -1 for none.
 */
static int
period_column(const struct rate *r)
{
	int over = -1;

	if (r->opt->over != NULL) {
		for (int k = 0; k < r->nkey; k++)
			if (strcmp(r->keyname[k], r->opt->over) == 0)
				over = k;
		if (over < 0)
			die("%s:1: --over %s: no such key column", r->file, r->opt->over);
		return over;
	}
	for (int k = 0; k < r->nkey; k++) {
		if (period_unit_by_name(r->keyname[k], strlen(r->keyname[k])) == PERIOD_NONE)
			continue;
		if (over >= 0)
			die("%s:1: several period columns (%s, %s); name one with --over",
			    r->file, r->keyname[over], r->keyname[k]);
		over = k;
	}
	return over;
}

/*
 * Puts the periods in order: calendar labels sort as text; named periods
 * (and anything else) keep the order they first appear in, or that of
 * --periods.  r->seen maps a label to its entry, numbered by first
 * appearance; r->place turns an entry into its place in the order, which
 * each row's period_of holds.
 */
static void
order_periods(struct rate *r)
{
	char **names = xcalloc(r->nrow + 1, sizeof(*names));
	int added;

	r->seen = hashmap_new();
	for (size_t i = 0; i < r->nrow; i++) {
		const char *p = r->row[i].key[r->over];

		hashmap_insert(r->seen, p, strlen(p), 0, &added);
		if (added)
			names[r->nperiod++] = r->row[i].key[r->over];
	}
	r->unit = period_unit_by_name(r->keyname[r->over], strlen(r->keyname[r->over]));
	if (r->unit != PERIOD_NONE && r->unit < PERIOD_NAMED)
		qsort(names, r->nperiod, sizeof(*names), compare_text);
	else if (r->opt->periods != NULL)
		qsort_r(names, r->nperiod, sizeof(*names), compare_named, r);
	r->place = xcalloc(r->nperiod + 1, sizeof(*r->place));
	for (size_t i = 0; i < r->nperiod; i++)
		r->place[hashmap_find(r->seen, names[i], strlen(names[i]))] = (long)i;
	for (size_t i = 0; i < r->nrow; i++) {
		const char *p = r->row[i].key[r->over];

		r->period_of[i] = place_of(r, p, strlen(p));
	}
	free(names);
}

/* Indexes the rows by series (the other keys) and period, for --delta. */
static void
index_series(struct rate *r)
{
	char *buf = NULL;
	size_t cap = 0, len;
	int added;

	r->series = hashmap_new();
	for (size_t i = 0; i < r->nrow; i++) {
		series_key(r, &r->row[i], r->period_of[i], &buf, &cap, &len);
		hashmap_insert(r->series, buf, len, i, &added);
	}
	free(buf);
}

/*
 * Finds the period column, places each row's period in period order,
 * indexes the rows by series and finds each period's total.
 */
static void
index_periods(struct rate *r)
{
	const struct rate_options *opt = r->opt;

	r->over = period_column(r);
	r->period_of = xcalloc(r->nrow + 1, sizeof(*r->period_of));
	if (r->over < 0) {
		if (opt->delta != DELTA_NONE || opt->yoy)
			die("%s:1: --delta needs a period column (day, week, month, "
			    "quarter, year or period); name one with --over", r->file);
		/* one period: the whole table is the total */
		r->nperiod = 1;
		find_totals(r);
		return;
	}
	order_periods(r);
	index_series(r);
	find_totals(r);
	if (opt->delta == DELTA_PERIOD) {
		r->delta_place = place_of(r, opt->delta_period, strlen(opt->delta_period));
		if (r->delta_place < 0)
			die("%s: --delta: no period '%s' in column %s", r->file,
			    opt->delta_period, r->keyname[r->over]);
	}
}

/*
 * The row that row i is compared with under --delta (yoy: year), or -1.
 * prev is the calendar period before (2026-03 for 2026-04), or the named
 * period before in --periods (else in the table); year the same period a
 * year before, or the named period's year_before.  A reference period the
 * table does not have is none, never the nearest one it has.
 */
static long
reference_row(struct rate *r, size_t i, int yoy, char **buf, size_t *cap)
{
	const struct period_list *pl = r->opt->periods;
	const char *label = r->row[i].key[r->over];
	char shifted[PERIOD_LABEL_MAX];
	long place = -1, e;
	size_t len;

	if (is_rolled(r, &r->row[i], r->over))
		return -1;
	if (!yoy && r->opt->delta == DELTA_FIRST)
		place = 0;
	else if (!yoy && r->opt->delta == DELTA_PERIOD)
		place = r->delta_place;
	else if (r->unit != PERIOD_NONE && r->unit < PERIOD_NAMED) {
		len = period_shift(r->unit, label, strlen(label), yoy, shifted);
		place = len > 0 ? place_of(r, shifted, len) : -1;
	} else if (pl != NULL) {
		e = period_list_find(pl, label, strlen(label));
		e = yoy ? pl->year_before[e] : e - 1;
		place = e >= 0 ? place_of(r, pl->name[e], strlen(pl->name[e])) : -1;
	} else
		place = r->period_of[i] - 1;
	if (place < 0 || place == r->period_of[i])
		return -1;
	series_key(r, &r->row[i], place, buf, cap, &len);
	e = hashmap_find(r->series, *buf, len);
	return e < 0 ? -1 : (long)hashmap_value(r->series, (size_t)e);
}

/* ---- the table -------------------------------------------------------- */

const char *
rate_key_zh(const char *key)
{
	static const char *const unit_zh[PERIOD_NAMED + 1] = {
		"日期", "周", "月份", "季度", "年份", "期间",
	};
	int u = period_unit_by_name(key, strlen(key));
	int t = ticket_col_by_name(key, strlen(key));

	return u != PERIOD_NONE ? unit_zh[u] : t >= 0 ? ticket_columns[t].label :
	    strcmp(key, ROLLUP_COLUMN) == 0 ? "汇总层级" : key;
}

/*
 * Names a column of metric in role (yoy: of --delta year), or the key
 * column key; c owns the names.
 */
static void
column_init(struct column *c, int metric, enum rate_role role, int yoy, const char *key)
{
	char buf[256];

	c->metric = metric;
	c->role = role;
	c->yoy = yoy;
	if (role == ROLE_KEY) {
		c->name = xstrdup(key);
		c->zh = xstrdup(rate_key_zh(key));
		return;
	}
	const struct metric *m = &metric_table[metric];
	int rate = rule(m)->percent;
	int pp = (role == ROLE_DELTA || role == ROLE_TREND) && rate;

	if (rate && role == ROLE_TREND_STAT) {
		snprintf(buf, sizeof(buf), "%s_trend_chi2", m->name);
		c->name = xstrdup(buf);
		snprintf(buf, sizeof(buf), "%s(趋势卡方)", m->zh);
		c->zh = xstrdup(buf);
		return;
	}
	snprintf(buf, sizeof(buf), "%s%s%s%s", m->name, yoy ? "_yoy" : "",
	    yoy && role == ROLE_PREV ? "_base" : rate_suffix[role], pp ? "_pp" : "");
	c->name = xstrdup(buf);
	snprintf(buf, sizeof(buf), "%s%s%s", m->zh,
	    yoy && role != ROLE_PREV ? "同比" : "", yoy && role == ROLE_PREV ?
	    "(上年同期)" : pp ? role == ROLE_TREND ? "趋势(百分点/期)" :
	    "变化(百分点)" : role_suffix_zh[role]);
	c->zh = xstrdup(buf);
}

static void
add_column(struct rate *r, int metric, enum rate_role role, int yoy, const char *key)
{
	xgrow(&r->col, &r->colcap, r->ncol + 1, sizeof(*r->col));
	column_init(&r->col[r->ncol++], metric, role, yoy, key);
}

/* After a p column: its adjusted p with --adjust, the verdict, and for
 * daily counts under --delta the relative change. */
static void
add_test_columns(struct rate *r, int m, enum rate_role adj, int yoy)
{
	if (r->opt->adjust != ADJUST_NONE)
		add_column(r, m, adj, yoy, NULL);
	add_column(r, m, adj + 1, yoy, NULL);
	if (adj == ROLE_PADJ && kind_rules[metric_table[m].kind].per_day)
		add_column(r, m, ROLE_CHANGE_PCT, yoy, NULL);
}

/* The columns of one change: against --delta REF, or a year before (yoy). */
static void
add_delta_columns(struct rate *r, int m, int yoy)
{
	add_column(r, m, ROLE_PREV, yoy, NULL);
	add_column(r, m, ROLE_DELTA, yoy, NULL);
	add_column(r, m, ROLE_P, yoy, NULL);
	add_test_columns(r, m, ROLE_PADJ, yoy);
}

static void
build_columns(struct rate *r)
{
	const struct rate_options *opt = r->opt;

	for (int k = 0; k < r->nkey; k++)
		add_column(r, -1, ROLE_KEY, 0, r->keyname[k]);
	for (int i = 0; i < r->nmetric; i++) {
		int m = r->metric[i];

		add_column(r, m, ROLE_VALUE, 0, NULL);
		add_column(r, m, ROLE_K, 0, NULL);
		add_column(r, m, ROLE_N, 0, NULL);
		if (opt->ci != CI_NONE) {
			add_column(r, m, ROLE_LO, 0, NULL);
			add_column(r, m, ROLE_HI, 0, NULL);
		}
		if (opt->min_n > 0)
			add_column(r, m, ROLE_FLAG, 0, NULL);
		if (opt->delta != DELTA_NONE)
			add_delta_columns(r, m, 0);
		if (opt->yoy)
			add_delta_columns(r, m, 1);
		if (opt->vs_total && rule(&metric_table[m])->vs != NULL) {
			for (int role = ROLE_Z; role <= ROLE_L998HI; role++)
				add_column(r, m, (enum rate_role)role, 0, NULL);
			add_column(r, m, ROLE_VSP, 0, NULL);
			add_test_columns(r, m, ROLE_VSPADJ, 0);
		}
	}
}

/* Whether n is known: the days of a period without dates are not. */
static int
n_known(const struct metric *m, int64_t n)
{
	return !(rule(m)->per_day && n < 0);
}

/*
 * The words of the verdict and flag columns, English and Chinese: the
 * verdicts on a change (up, down, none), on a unit against the whole
 * (higher, lower, none), then the flag.
 */
static const char *const value_words[][2] = {
	{ "up", "提高" }, { "down", "下降" }, { "no significant change", "基本持平" },
	{ "significantly higher", "显著高于" }, { "significantly lower", "显著低于" },
	{ "no significant difference", "无显著差异" },
	{ "suppressed", "样本不足" },
};
enum { WORD_VS = 3, WORD_SUPPRESSED = 6 };

/* Whether --min-n blanks the metric of c. */
static int
is_suppressed(const struct rate *r, const struct metric *m, const struct counts *c)
{
	return rule(m)->min_n && r->opt->min_n > 0 &&
	    metric_n(m, c) < r->opt->min_n;
}

/*
 * The cell of one metric column (ref: the --delta row or NULL): a new
 * string the caller frees, or NULL for an empty cell.
 */
static char *
metric_cell(struct rate *r, const struct column *col, const struct counts *c,
    const struct counts *ref, const struct counts *total)
{
	const struct metric *m = &metric_table[col->metric];
	int digits = r->opt->digits;
	int64_t n = metric_n(m, c);
	int suppressed = is_suppressed(r, m, c);
	double lo, hi, z, half, centre, se, p;

	switch (col->role) {
	case ROLE_K:
		return rule(m)->k_per == 0 ? NULL : num_text(exact(metric_k(m, c),
		    rule(m)->k_per), rule(m)->k_digits, 0);
	case ROLE_N:
		return n_known(m, n) ? int_text(n) : NULL;
	case ROLE_FLAG:
		return suppressed ? xstrdup(value_words[WORD_SUPPRESSED][r->opt->zh]) : NULL;
	default:
		break;
	}
	if (suppressed)
		return NULL;
	switch (col->role) {
	case ROLE_VALUE:
		return num_text(metric_value(m, c), digits, 0);
	case ROLE_LO:
	case ROLE_HI:
		metric_interval(r, m, c, &lo, &hi);
		return num_text(approx(col->role == ROLE_LO ? lo : hi), digits, 0);
	case ROLE_PREV:
		return ref ? num_text(metric_value(m, ref), digits, 0) : NULL;
	case ROLE_DELTA:
		return ref ? num_text(num_minus(metric_value(m, c), metric_value(m, ref)),
		    digits, 0) : NULL;
	case ROLE_P:
		return ref ? p_text(r, metric_p(m, c, ref)) : NULL;
	default:
		break;
	}
	/* --vs-total: against all groups of the period together */
	if (col->role < ROLE_Z || col->role > ROLE_L998HI ||
	    vs_compare(r, m, c, total, &z, &centre, &se, &p) != 0)
		return NULL;
	if (col->role == ROLE_Z)
		return isfinite(z) ? num_text(approx(z), 2, 0) : NULL;
	half = stats_z(col->role <= ROLE_L95HI ? 0.95 : 0.998) * se;
	lo = fmax(centre - half, 0);
	hi = rule(m)->percent ? fmin(centre + half, 100) : centre + half;
	return num_text(approx(col->role == ROLE_L95LO || col->role == ROLE_L998LO ?
	    lo : hi), digits, 0);
}

/*
 * What row i is compared with under --vs-total or --vs-rest: all groups of
 * its period, or those less its own counts.
 */
static void
vs_counts(const struct rate *r, size_t i, struct counts *vs)
{
	const struct counts *c = &r->row[i].c;

	if (r->total_row[r->period_of[i]] == (long)i) {
		counts_zero(vs, -1);	/* a total is not compared with itself */
		return;
	}
	*vs = r->total[r->period_of[i]];
	if (!r->opt->vs_rest)
		return;
	for (int j = 0; j < CNT_DAYS; j++)
		vs->v[j] -= c->v[j];
	vs->hours_sumsq -= c->hours_sumsq;
}

/* The --delta row of row i (yoy: a year before), or NULL. */
static const struct counts *
delta_counts(struct rate *r, size_t i, int yoy, char **buf, size_t *cap)
{
	long ref = (yoy ? r->opt->yoy : r->opt->delta != DELTA_NONE) ?
	    reference_row(r, i, yoy, buf, cap) : -1;

	return ref >= 0 ? &r->row[ref].c : NULL;
}

/*
 * What each row is compared with (r->ref, r->vs), found once for the
 * tests, the cells and the markdown; rate_free frees them.
 */
static void
find_references(struct rate *r)
{
	char *buf = NULL;
	size_t cap = 0;

	for (int yoy = 0; yoy < 2; yoy++)
		r->ref[yoy] = xcalloc(r->nrow + 1, sizeof(*r->ref[yoy]));
	r->vs = xcalloc(r->nrow + 1, sizeof(*r->vs));
	for (size_t i = 0; i < r->nrow; i++) {
		for (int yoy = 0; yoy < 2; yoy++)
			r->ref[yoy][i] = delta_counts(r, i, yoy, &buf, &cap);
		vs_counts(r, i, &r->vs[i]);
	}
	free(buf);
}

/*
 * Runs every test before any cell is written, as --adjust needs each
 * metric's p-values together: the family is one metric's comparisons of
 * one kind (changes, or groups against the total) over the whole table.
 */
static void
run_tests(struct rate *r)
{
	size_t n = (size_t)r->nmetric * r->nrow;

	for (int t = 0; t < TEST_COUNT; t++) {
		r->test[t] = xcalloc(n + 1, sizeof(double));
		r->adj[t] = xcalloc(n + 1, sizeof(double));
		for (size_t j = 0; j < n; j++)
			r->test[t][j] = NAN;
	}
	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *c = &r->row[i].c;
		const struct counts *ref = r->ref[0][i], *year = r->ref[1][i];
		double z, centre, se, p;

		for (int mi = 0; mi < r->nmetric; mi++) {
			const struct metric *m = &metric_table[r->metric[mi]];
			size_t at = (size_t)mi * r->nrow + i;

			if (is_suppressed(r, m, c))
				continue;
			if (ref != NULL)
				r->test[TEST_DELTA][at] = metric_p(m, c, ref);
			if (year != NULL)
				r->test[TEST_YOY][at] = metric_p(m, c, year);
			if (r->opt->vs_total && rule(m)->vs != NULL &&
			    vs_compare(r, m, c, &r->vs[i], &z, &centre, &se, &p) == 0)
				r->test[TEST_VS][at] = p;
		}
	}
	for (int t = 0; t < TEST_COUNT; t++) {
		memcpy(r->adj[t], r->test[t], n * sizeof(double));
		for (int mi = 0; mi < r->nmetric; mi++) {
			double *a = r->adj[t] + (size_t)mi * r->nrow;
			size_t k = 0;

			for (size_t i = 0; i < r->nrow; i++)
				k += isfinite(a[i]) != 0;
			if (k > r->ntests[t])
				r->ntests[t] = k;
			if (stats_adjust(a, r->nrow, r->opt->adjust) != 0)
				die("out of memory");
		}
	}
}

/* The metric slot of metric_table index m. */
static int
slot_of(const struct rate *r, int m)
{
	int mi = 0;

	while (r->metric[mi] != m)
		mi++;
	return mi;
}

/*
 * The verdict on a test: significant when its p (adjusted with --adjust)
 * is under 1 - level, in the direction of diff; NULL without a test.
 */
static const char *
verdict(const struct rate *r, double p, double diff, int vs)
{
	if (!isfinite(p))
		return NULL;
	return value_words[vs * WORD_VS + (p < 1 - r->opt->level ? diff > 0 ? 0 : 1 : 2)]
	    [r->opt->zh];
}

const char *
rate_value_zh(const char *en)
{
	for (size_t i = 0; i < nitems(value_words); i++)
		if (strcmp(value_words[i][0], en) == 0)
			return value_words[i][1];
	return NULL;
}

/* A metric's value as a double, NaN for none. */
static double
value_of(const struct metric *m, const struct counts *c)
{
	struct num v = metric_value(m, c);

	return v.kind == NUM_NONE ? NAN : v.kind == NUM_EXACT ?
	    (double)v.n / (double)v.d : v.x;
}

static char *
maybe_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * The verdict on row i's test of metric m (TEST_DELTA, TEST_YOY or
 * TEST_VS), or NULL where it has none.
 */
static const char *
row_verdict(const struct rate *r, size_t i, int m, int test)
{
	const struct metric *mt = &metric_table[m];
	const struct counts *c = &r->row[i].c, *ref = r->ref[test == TEST_YOY][i];
	double p = r->adj[test][(size_t)slot_of(r, m) * r->nrow + i], z, centre, se, vp;

	if (test == TEST_VS)
		return vs_compare(r, mt, c, &r->vs[i], &z, &centre, &se, &vp) != 0 ? NULL :
		    verdict(r, p, z, 1);
	return ref == NULL ? NULL : verdict(r, p, value_of(mt, c) - value_of(mt, ref), 0);
}

/*
 * The change of tickets a day against ref in percent, 100 (k1 / d1 -
 * k0 / d0) / (k0 / d0), exactly; none without ref or k0.
 */
static struct num
change_pct(const struct metric *m, const struct counts *c, const struct counts *ref)
{
	if (ref == NULL || metric_k(m, ref) <= 0 || metric_n(m, c) <= 0)
		return exact(0, 0);
	return exact(((__int128)metric_k(m, c) * metric_n(m, ref) -
	    (__int128)metric_k(m, ref) * metric_n(m, c)) * 100,
	    (__int128)metric_k(m, ref) * metric_n(m, c));
}

/* The cells of the test columns (ROLE_PADJ and after) of row i. */
static char *
test_cell(struct rate *r, size_t i, const struct column *col)
{
	size_t at = (size_t)slot_of(r, col->metric) * r->nrow + i;
	int test = col->yoy ? TEST_YOY : TEST_DELTA;

	switch (col->role) {
	case ROLE_PADJ:
		return p_text(r, r->adj[test][at]);
	case ROLE_VERDICT:
		return maybe_dup(row_verdict(r, i, col->metric, test));
	case ROLE_CHANGE_PCT:
		return num_text(change_pct(&metric_table[col->metric], &r->row[i].c,
		    r->ref[col->yoy][i]), r->opt->digits, 0);
	case ROLE_VSP:
		return p_text(r, r->test[TEST_VS][at]);
	case ROLE_VSPADJ:
		return p_text(r, r->adj[TEST_VS][at]);
	case ROLE_VSVERDICT:
		return maybe_dup(row_verdict(r, i, col->metric, TEST_VS));
	default:
		return NULL;
	}
}

/*
 * The text of key k of row i: a rolled-up key as 合计 for readers (with
 * --lang zh, and in markdown), else as the count table has it.  The caller
 * frees it.
 */
static char *
key_text(const struct rate *r, size_t i, int k, int reader)
{
	return xstrdup(reader && is_rolled(r, &r->row[i], k) ? "合计" : r->row[i].key[k]);
}

static void
build_cells(struct rate *r)
{
	r->cell = xcalloc(r->nrow * r->ncol + 1, sizeof(*r->cell));
	for (size_t i = 0; i < r->nrow; i++)
		for (size_t j = 0; j < r->ncol; j++) {
			const struct column *col = &r->col[j];

			r->cell[i * r->ncol + j] = col->role == ROLE_KEY ?
			    key_text(r, i, (int)j, r->opt->zh) : col->role >= ROLE_PADJ ?
			    test_cell(r, i, col) : metric_cell(r, col, &r->row[i].c,
			    r->ref[col->yoy][i], &r->vs[i]);
		}
}

/* ---- --trend ---------------------------------------------------------- */

/* One series of --trend: its rows in period order, and their scores. */
struct trend_series {
	size_t *row;
	double *x;
	size_t n, cap;
};

/*
 * A row's score: a calendar period's place in time, so that a period
 * missing from the table leaves its gap; else its place in period order.
 * A calendar label rexian-aggregate would not write is FILE:LINE.
 */
static double
trend_score(const struct rate *r, size_t i)
{
	const char *p = r->row[i].key[r->over];
	int64_t ord;

	if (r->unit == PERIOD_NONE || r->unit == PERIOD_NAMED)
		return (double)r->period_of[i];
	if (period_ordinal(r->unit, p, strlen(p), &ord) != 0)
		die("%s:%ld: bad %s '%.64s': not a label rexian-aggregate writes",
		    r->file, r->row[i].line, r->keyname[r->over], p);
	return (double)ord;
}

static int
compare_place(const void *a, const void *b, void *arg)
{
	const struct rate *r = arg;
	long x = r->period_of[*(const size_t *)a], y = r->period_of[*(const size_t *)b];

	return (x > y) - (x < y);
}

/*
 * Groups the rows into series (the keys but the period, in order of first
 * appearance), each in period order; a subtotal over all periods is in
 * none.  The caller frees each series' arrays and the array.
 */
static struct trend_series *
trend_series(struct rate *r, size_t *nseries)
{
	struct hashmap *ids = hashmap_new();
	struct trend_series *ts = xcalloc(r->nrow + 1, sizeof(*ts));
	char *buf = NULL;
	size_t cap = 0, len;
	int added;

	*nseries = 0;
	for (size_t i = 0; i < r->nrow; i++) {
		struct trend_series *t;
		size_t e;

		if (is_rolled(r, &r->row[i], r->over))
			continue;
		series_key(r, &r->row[i], -1, &buf, &cap, &len);
		e = hashmap_insert(ids, buf, len, 0, &added);
		*nseries += added;
		t = &ts[e];
		xgrow(&t->row, &t->cap, t->n + 1, sizeof(*t->row));
		t->row[t->n++] = i;
	}
	for (size_t e = 0; e < *nseries; e++) {
		struct trend_series *t = &ts[e];

		qsort_r(t->row, t->n, sizeof(*t->row), compare_place, r);
		t->x = xcalloc(t->n, sizeof(*t->x));
		for (size_t j = 0; j < t->n; j++)
			t->x[j] = trend_score(r, t->row[j]);
	}
	free(buf);
	hashmap_free(ids);
	return ts;
}

/* The text of x to digits decimals, NULL when not finite; the caller frees it. */
static char *
approx_text(double x, int digits)
{
	return num_text(approx(x), digits, 0);
}

/*
 * The cells of metric m over one series, from column j on: the values at
 * the first and last periods with data, the slope per period (pp for
 * rates, days for mean_days) with its interval, the statistic (chi-squared
 * of Cochran-Armitage, or t), p and the verdict.
 */
static void
trend_cells(struct rate *r, const struct trend_series *t, int m, char **cell)
{
	static const char *const words[2][3] = {
		{ "rising", "falling", "no significant trend" },
		{ "上升", "下降", "无显著趋势" },
	};
	const struct metric *mt = &metric_table[m];
	int64_t *k = xcalloc(t->n + 1, sizeof(*k)), *n = xcalloc(t->n + 1, sizeof(*n));
	double *mean = xcalloc(t->n + 1, sizeof(*mean));
	double *var = xcalloc(t->n + 1, sizeof(*var));
	struct trend_data d = { k, n, mean, var, t->x, t->n };
	double slope, stat, p, half, scale = rule(mt)->percent ? 100 : 1;
	long first = -1, last = -1;
	size_t j = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct counts *c = &r->row[t->row[i]].c;

		k[i] = metric_k(mt, c);
		n[i] = metric_n(mt, c);
		if (n[i] <= 0)
			continue;
		duration_moments(c, &mean[i], &var[i]);
		mean[i] /= 24;
		var[i] /= 24 * 24;
		first = first < 0 ? (long)i : first;
		last = (long)i;
	}
	/* choose_metrics leaves only metrics with a trend test */
	p = rule(mt)->trend(r, &d, &slope, &half, &stat);
	cell[j++] = first < 0 ? NULL : num_text(metric_value(mt, &r->row[t->row[first]].c),
	    r->opt->digits, 0);
	cell[j++] = last < 0 ? NULL : num_text(metric_value(mt, &r->row[t->row[last]].c),
	    r->opt->digits, 0);
	cell[j++] = approx_text(slope * scale, r->opt->digits);
	if (r->opt->ci != CI_NONE) {
		cell[j++] = approx_text((slope - half) * scale, r->opt->digits);
		cell[j++] = approx_text((slope + half) * scale, r->opt->digits);
	}
	cell[j++] = approx_text(stat, 4);
	cell[j++] = p_text(r, p);
	if (isfinite(p))
		cell[j] = xstrdup(words[r->opt->zh][p < 1 - r->opt->level ?
		    slope > 0 ? 0 : 1 : 2]);
	free(k);
	free(n);
	free(mean);
	free(var);
}

/*
 * --trend: one row per series instead of one per period: its keys but the
 * period, how many periods it has and the first and last, then for each
 * metric the trend's columns.  Replaces the rows' count by the series'.
 */
static size_t
build_trend(struct rate *r)
{
	static const char *const head[3][2] = {
		{ "periods", "期数" }, { "from", "起" }, { "to", "止" },
	};
	size_t nseries, j0;
	struct trend_series *ts;

	if (r->over < 0)
		die("%s:1: --trend needs a period column (day, week, month, quarter, "
		    "year or period); name one with --over", r->file);
	ts = trend_series(r, &nseries);
	for (int k = 0; k < r->nkey; k++)
		if (k != r->over)
			add_column(r, -1, ROLE_KEY, 0, r->keyname[k]);
	for (int h = 0; h < 3; h++) {
		add_column(r, -1, ROLE_KEY, 0, head[h][0]);
		free(r->col[r->ncol - 1].zh);
		r->col[r->ncol - 1].zh = xstrdup(head[h][1]);
	}
	j0 = r->ncol;
	for (int i = 0; i < r->nmetric; i++)
		for (int role = ROLE_FIRST; role <= ROLE_TREND_VERDICT; role++)
			if (r->opt->ci != CI_NONE || (role != ROLE_TREND_LO &&
			    role != ROLE_TREND_HI))
				add_column(r, r->metric[i], (enum rate_role)role, 0, NULL);
	r->cell = xcalloc(nseries * r->ncol + 1, sizeof(*r->cell));
	for (size_t s = 0; s < nseries; s++) {
		const struct trend_series *t = &ts[s];
		char **cell = &r->cell[s * r->ncol];
		const struct row *w = &r->row[t->row[0]];
		size_t j = 0;

		for (int k = 0; k < r->nkey; k++)
			if (k != r->over)
				cell[j++] = key_text(r, t->row[0], k, r->opt->zh ||
				    r->opt->format == FORMAT_MARKDOWN);
		cell[j++] = int_text((int64_t)t->n);
		cell[j++] = xstrdup(w->key[r->over]);
		cell[j++] = xstrdup(r->row[t->row[t->n - 1]].key[r->over]);
		for (int i = 0; i < r->nmetric; i++)
			trend_cells(r, t, r->metric[i], &cell[j0 + (r->ncol - j0) /
			    (size_t)r->nmetric * (size_t)i]);
		free(t->row);
		free(t->x);
	}
	free(ts);
	return nseries;
}

/* ---- output formats --------------------------------------------------- */

static const char *
heading(const struct rate *r, const struct column *c)
{
	return r->opt->zh ? c->zh : c->name;
}

/* Whether a column holds text rather than numbers. */
static int
is_text(enum rate_role role)
{
	return role == ROLE_KEY || role == ROLE_FLAG || role == ROLE_VERDICT ||
	    role == ROLE_VSVERDICT || role == ROLE_TREND_VERDICT;
}

static void
write_delimited(struct rate *r, int tab)
{
	struct out *o = &out_stdout;

	for (size_t i = 0; i <= r->nrow; i++) {
		for (size_t j = 0; j < r->ncol; j++) {
			const char *s = i == 0 ? heading(r, &r->col[j]) :
			    r->cell[(i - 1) * r->ncol + j];

			if (j > 0)
				out_putc(o, tab ? '\t' : ',');
			if (s == NULL)
				continue;
			if (!tab) {
				if (i == 0 || is_text(r->col[j].role))
					csv_write_text(o, s, strlen(s), r->opt->formula_safe);
				else
					csv_write_field(o, s, strlen(s));
				continue;
			}
			/* TSV has no quoting: tabs and line ends become spaces */
			if (r->opt->formula_safe && (i == 0 || r->col[j].role == ROLE_KEY ||
			    r->col[j].role == ROLE_FLAG) && csv_formula_risk(s, strlen(s)))
				out_putc(o, '\'');
			for (; *s != '\0'; s++)
				out_putc(o, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
		}
		out_putc(o, '\n');
	}
}

static void
json_string(struct out *o, const char *s)
{
	out_putc(o, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			out_putc(o, '\\');
			out_putc(o, c);
		} else if (c < 0x20)
			out_printf(o, "\\u%04x", c);
		else
			out_putc(o, c);
	}
	out_putc(o, '"');
}

static void
write_json(struct rate *r)
{
	struct out *o = &out_stdout;

	out_puts(o, "[");
	for (size_t i = 0; i < r->nrow; i++) {
		out_puts(o, i == 0 ? "\n{" : ",\n{");
		for (size_t j = 0; j < r->ncol; j++) {
			const char *s = r->cell[i * r->ncol + j];

			if (j > 0)
				out_puts(o, ", ");
			json_string(o, r->col[j].name);
			out_puts(o, ": ");
			if (s == NULL)
				out_puts(o, "null");
			else if (is_text(r->col[j].role))
				json_string(o, s);
			else
				out_puts(o, s);
		}
		out_putc(o, '}');
	}
	out_puts(o, "\n]\n");
}

/* Display width of UTF-8 text: East Asian wide characters take two cells. */
static size_t
display_width(const char *s)
{
	size_t w = 0;

	while (*s != '\0') {
		unsigned char c = (unsigned char)*s;
		uint32_t cp = c;
		int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

		if (extra > 0)
			cp = c & (0x3f >> extra);
		s++;
		for (int i = 0; i < extra && (*s & 0xc0) == 0x80; i++)
			cp = cp << 6 | (*s++ & 0x3f);
		w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
		    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
		    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
		    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ?
		    2 : 1;
	}
	return w;
}

/* A markdown view, built from the rate table column by column. */
struct grid_col {
	char **cell;		/* 1 + nrow: the heading, then the rows */
	int right;		/* right-aligned (numbers) */
};

struct grid {
	struct grid_col *col;
	size_t ncol, colcap;
	size_t nrow;
};

/* What a markdown cell writes for the bytes that would break a table. */
static const char *const markdown_escape[256] = {
	['|'] = "\\|", ['\\'] = "\\\\", ['\n'] = "<br>", ['\r'] = "<br>",
	['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;",
};

/*
 * Text as a markdown table cell shows it: a | or \\ escaped, a line break
 * (LF, CR LF or CR) as <br>, and < > & as entities, so that no key splits
 * the row, ends the table or reaches a page as HTML.  The caller frees the
 * result.
 */
static char *
markdown_cell(const char *s)
{
	char *t = xmalloc(strlen(s) * 5 + 1), *o = t;

	for (; *s != '\0'; s++) {
		const char *e = markdown_escape[(unsigned char)*s];

		if (e == NULL)
			*o++ = *s;
		else if (!(s[0] == '\r' && s[1] == '\n'))
			o = stpcpy(o, e);
	}
	*o = '\0';
	return t;
}

/* Adds a column headed head; returns its cells, row i at [i + 1]. */
static char **
grid_column(struct grid *g, const char *head, int right)
{
	struct grid_col *c;

	xgrow(&g->col, &g->colcap, g->ncol + 1, sizeof(*g->col));
	c = &g->col[g->ncol++];
	c->cell = xcalloc(g->nrow + 1, sizeof(*c->cell));
	c->cell[0] = markdown_cell(head);
	c->right = right;
	return c->cell;
}

/* a, sep, b and end in one new string; the caller frees it. */
static char *
joined(const char *a, const char *sep, const char *b, const char *end)
{
	size_t n = strlen(a) + strlen(sep) + strlen(b) + strlen(end) + 1;
	char *s = xmalloc(n);

	snprintf(s, n, "%s%s%s%s", a, sep, b, end);
	return s;
}

/*
 * A count of tickets as a Chinese bulletin writes it (--bulletin-counts):
 * under 1,000 as it is; under 10,000 floored to hundreds (3,216 ->
 * 3200余件); from 10,000 in 万 and from 10^8 in 亿, floored to a tenth of
 * the unit under ten of them (12,345 -> 1.2万余件) and to whole units from
 * ten (1,052,318 -> 105万余件).  余 says the floor cut something.  The
 * caller frees the result.
 */
static char *
bulletin_count(int64_t n)
{
	static const char *const unit[] = { "", "万", "亿" };
	int64_t u = 1, step, f;
	int i = 0;
	char buf[64];

	while (i < 2 && n >= u * 10000) {
		u *= 10000;
		i++;
	}
	step = i == 0 ? (n < 1000 ? 1 : 100) : n < 10 * u ? u / 10 : u;
	f = n / step * step;
	if (i > 0 && f % u != 0)
		snprintf(buf, sizeof(buf), "%lld.%lld%s%s件", (long long)(f / u),
		    (long long)(f % u / (u / 10)), unit[i], f < n ? "余" : "");
	else
		snprintf(buf, sizeof(buf), "%lld%s%s件", (long long)(f / u), unit[i],
		    f < n ? "余" : "");
	return xstrdup(buf);
}

/* s with end after it, s freed; NULL for NULL.  The caller frees the result. */
static char *
append(char *s, const char *end)
{
	char *t;

	if (s == NULL)
		return NULL;
	t = joined(s, "", end, "");
	free(s);
	return t;
}

/*
 * A k or n (is_n) of metric m for the markdown table: as it is, or with
 * --bulletin-counts a count that stands alone (受理量, the n of a mean) as
 * bulletin_count writes it and days with 天.  A rate's k and n stay
 * exact: two floored counts would not give its rate.  The caller frees the
 * result.
 */
static char *
count_text(const struct rate *r, const struct metric *m, int64_t v, int is_n)
{
	if (!r->opt->bulletin_counts || rule(m)->percent)
		return int_text(v);
	if (rule(m)->per_day && is_n)
		return append(int_text(v), "天");
	return bulletin_count(v);
}

/* The p column (adjusted with --adjust) and the verdict column of a test. */
static void
grid_tests(struct rate *r, struct grid *g, int m, int test)
{
	static const char *const method[] = { "", "Holm", "BH" };
	const double *p = r->adj[test] + (size_t)slot_of(r, m) * r->nrow;
	char head[64], **c;

	snprintf(head, sizeof(head), "%s%s%s%s", r->opt->zh ? "p值" : "p",
	    r->opt->adjust ? "(" : "", method[r->opt->adjust],
	    r->opt->adjust ? ")" : "");
	c = grid_column(g, head, 1);
	for (size_t i = 0; i < r->nrow; i++)
		if (row_verdict(r, i, m, test) != NULL)
			c[i + 1] = p_read(p[i]);
	c = grid_column(g, r->opt->zh ? "结论" : "verdict", 0);
	for (size_t i = 0; i < r->nrow; i++)
		c[i + 1] = maybe_dup(row_verdict(r, i, m, test));
}

/*
 * The note under a markdown table that compares many groups or periods:
 * by chance alone about one comparison in twenty looks significant.
 */
static void
write_note(const struct rate *r)
{
	static const char *const method_zh[] = { "", "Holm 法", "Benjamini–Hochberg 法" };
	static const char *const method_en[] = { "", "Holm's method",
	    "the Benjamini-Hochberg method" };
	size_t n = 0;

	for (int t = 0; t < TEST_COUNT; t++)
		if (r->ntests[t] > n)
			n = r->ntests[t];
	struct out *o = &out_stdout;

	if (n <= 5)
		return;
	if (r->opt->adjust != ADJUST_NONE && r->opt->zh)
		out_printf(o, "\n注：每项指标比较多达 %zu 次，p 值已按 %s作多重比较校正，"
		    "结论依校正后的 p 值。\n", n, method_zh[r->opt->adjust]);
	else if (r->opt->adjust != ADJUST_NONE)
		out_printf(o, "\nNote: up to %zu comparisons per metric; p-values are "
		    "adjusted for multiple comparisons by %s, and the verdicts follow "
		    "them.\n", n, method_en[r->opt->adjust]);
	else if (r->opt->zh)
		out_printf(o, "\n注：每项指标比较多达 %zu 次，p 值未作多重比较校正，"
		    "单凭偶然也约有二十分之一显示“显著”；可用 --adjust holm 或 bh 校正。\n",
		    n);
	else
		out_printf(o, "\nNote: up to %zu comparisons per metric, p-values not "
		    "adjusted for multiple comparisons: by chance alone about one in "
		    "twenty looks significant; --adjust holm or bh adjusts them.\n", n);
}

/*
 * The change columns of a markdown table, against --delta REF or on a
 * year (yoy): signed, a rate's in percentage points, tickets a day's also
 * relative.
 */
static void
grid_change(struct rate *r, struct grid *g, int m, int yoy)
{
	static const char *const head[2][2][2] = {
		{ { "change", "change %" }, { "变化", "变化率" } },
		{ { "on a year", "on a year %" }, { "同比", "同比增长率" } },
	};
	const struct metric *mt = &metric_table[m];
	int zh = r->opt->zh, digits = r->opt->digits;
	const char *unit = rule(mt)->percent ? (zh ? " 个百分点" : " pp") : "";
	char **c = grid_column(g, head[yoy][zh][0], 1);

	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *cn = &r->row[i].c, *ref = r->ref[yoy][i];

		if (ref != NULL && !is_suppressed(r, mt, cn))
			c[i + 1] = append(num_text(num_minus(metric_value(mt, cn),
			    metric_value(mt, ref)), digits, 1), unit);
	}
	if (rule(mt)->per_day) {
		c = grid_column(g, head[yoy][zh][1], 1);
		for (size_t i = 0; i < r->nrow; i++)
			c[i + 1] = append(num_text(change_pct(mt, &r->row[i].c, r->ref[yoy][i]),
			    digits, 1), "%");
	}
	grid_tests(r, g, m, yoy ? TEST_YOY : TEST_DELTA);
}

/* The keys; the rollup column's count is read off the 合计 cells. */
static void
grid_keys(struct rate *r, struct grid *g)
{
	for (int k = 0; k < r->nkey - r->rolled; k++) {
		char **cells = grid_column(g, heading(r, &r->col[k]), 0);

		for (size_t i = 0; i < r->nrow; i++) {
			char *t = key_text(r, i, k, 1);

			cells[i + 1] = markdown_cell(t);
			free(t);
		}
	}
}

/* A metric's value, a rate's with %, or (n<N) where --min-n blanks it. */
static void
grid_value(struct rate *r, struct grid *g, int m)
{
	const struct metric *mt = &metric_table[m];
	char **c = grid_column(g, r->opt->zh ? mt->zh : mt->name, 1), buf[64];

	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *cn = &r->row[i].c;

		if (is_suppressed(r, mt, cn)) {
			snprintf(buf, sizeof(buf), "(n<%lld)", r->opt->min_n);
			c[i + 1] = xstrdup(buf);
		} else
			c[i + 1] = append(num_text(metric_value(mt, cn), r->opt->digits, 0),
			    rule(mt)->percent ? "%" : "");
	}
}

/* A metric's k/n where k counts tickets, else its n alone. */
static void
grid_counts(struct rate *r, struct grid *g, int m)
{
	const struct metric *mt = &metric_table[m];
	int fraction = rule(mt)->k_per == 1;
	char **c = grid_column(g, !fraction ? "n" : r->opt->zh ? "分子/分母" : "k/n", 1);

	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *cn = &r->row[i].c;
		int64_t n = metric_n(mt, cn);
		char *kt, *nt;

		if (!n_known(mt, n))
			continue;
		nt = count_text(r, mt, n, 1);
		if (!fraction) {
			c[i + 1] = nt;
			continue;
		}
		kt = count_text(r, mt, metric_k(mt, cn), 0);
		c[i + 1] = joined(kt, "/", nt, "");
		free(kt);
		free(nt);
	}
}

/* A metric's interval, lo–hi. */
static void
grid_interval(struct rate *r, struct grid *g, int m)
{
	const struct metric *mt = &metric_table[m];
	char head[64], **c;

	snprintf(head, sizeof(head), "%g%%%s", r->opt->level * 100,
	    r->opt->zh ? "置信区间" : " CI");
	c = grid_column(g, head, 1);
	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *cn = &r->row[i].c;
		double lo, hi;
		char *lt, *ht;

		if (is_suppressed(r, mt, cn))
			continue;
		metric_interval(r, mt, cn, &lo, &hi);
		lt = num_text(approx(lo), r->opt->digits, 0);
		ht = num_text(approx(hi), r->opt->digits, 0);
		if (lt != NULL || ht != NULL)
			c[i + 1] = joined(lt ? lt : "", "–", ht ? ht : "", "");
		free(lt);
		free(ht);
	}
}

/* --vs-total's z of a metric, then its test. */
static void
grid_vs(struct rate *r, struct grid *g, int m)
{
	const struct metric *mt = &metric_table[m];
	char **c = grid_column(g, r->opt->zh ? "z值" : "z", 1);

	for (size_t i = 0; i < r->nrow; i++) {
		const struct counts *cn = &r->row[i].c;
		double z, centre, se, p;

		if (!is_suppressed(r, mt, cn) &&
		    vs_compare(r, mt, cn, &r->vs[i], &z, &centre, &se, &p) == 0)
			c[i + 1] = num_text(approx(z), 2, 0);
	}
	grid_tests(r, g, m, TEST_VS);
}

/* --trend's markdown: the cells as the rate table has them, but the rollup column. */
static void
grid_trend(struct rate *r, struct grid *g)
{
	for (size_t j = 0; j < r->ncol; j++) {
		char **cells;

		/* the 合计 cells say what the rollup column says */
		if (r->rolled && r->col[j].role == ROLE_KEY &&
		    strcmp(r->col[j].name, ROLLUP_COLUMN) == 0)
			continue;
		cells = grid_column(g, heading(r, &r->col[j]), !is_text(r->col[j].role));
		for (size_t i = 0; i < r->nrow; i++)
			if (r->cell[i * r->ncol + j] != NULL)
				cells[i + 1] = markdown_cell(r->cell[i * r->ncol + j]);
	}
}

/*
 * The markdown view, written from the numbers: the keys, then for each
 * metric its value, counts, interval, changes and comparison.
 */
static void
build_grid(struct rate *r, struct grid *g)
{
	const struct rate_options *opt = r->opt;

	g->nrow = r->nrow;
	if (opt->trend) {
		grid_trend(r, g);
		return;
	}
	grid_keys(r, g);
	for (int mi = 0; mi < r->nmetric; mi++) {
		int m = r->metric[mi];

		grid_value(r, g, m);
		grid_counts(r, g, m);
		if (opt->ci != CI_NONE)
			grid_interval(r, g, m);
		if (opt->delta != DELTA_NONE)
			grid_change(r, g, m, 0);
		if (opt->yoy)
			grid_change(r, g, m, 1);
		if (opt->vs_total && rule(&metric_table[m])->vs != NULL)
			grid_vs(r, g, m);
	}
}

static void
pad(struct out *o, size_t n)
{
	while (n-- > 0)
		out_putc(o, ' ');
}

static void
write_markdown(struct rate *r)
{
	struct grid g = { 0 };
	struct out *o = &out_stdout;
	size_t *width;

	build_grid(r, &g);
	width = xcalloc(g.ncol + 1, sizeof(*width));
	for (size_t i = 0; i <= g.nrow; i++)
		for (size_t j = 0; j < g.ncol; j++) {
			const char *s = g.col[j].cell[i];
			size_t w = s ? display_width(s) : 0;

			if (w > width[j])
				width[j] = w;
		}
	for (size_t i = 0; i <= g.nrow; i++) {
		for (size_t j = 0; j < g.ncol; j++) {
			const char *s = g.col[j].cell[i];
			size_t w = s ? display_width(s) : 0;

			out_puts(o, "| ");
			if (g.col[j].right)
				pad(o, width[j] - w);
			if (s != NULL)
				out_puts(o, s);
			if (!g.col[j].right)
				pad(o, width[j] - w);
			out_putc(o, ' ');
		}
		out_puts(o, "|\n");
		if (i > 0)
			continue;
		for (size_t j = 0; j < g.ncol; j++) {
			out_puts(o, "|");
			for (size_t k = 0; k < width[j] + 1; k++)
				out_putc(o, '-');
			out_putc(o, g.col[j].right ? ':' : '-');
		}
		out_puts(o, "|\n");
	}
	for (size_t j = 0; j < g.ncol; j++) {
		for (size_t i = 0; i <= g.nrow; i++)
			free(g.col[j].cell[i]);
		free(g.col[j].cell);
	}
	free(g.col);
	free(width);
	write_note(r);
}

/* How a column shows in a workbook: rates as percentages, changes in
 * percentage points as plain numbers, never as percentages. */
static struct xlsxout_column
xlsx_column(const struct column *c, const char *heading, int digits)
{
	struct xlsxout_column x = { heading, XO_NUMBER, digits };
	const struct kind_rule *k = c->metric >= 0 ? rule(&metric_table[c->metric]) : NULL;

	switch (c->role) {
	case ROLE_KEY:
	case ROLE_FLAG:
		x.kind = XO_TEXT;
		break;
	case ROLE_K:
		if (k->k_digits > 0)
			x.decimals = k->k_digits;
		else
			x.kind = XO_INT;
		break;
	case ROLE_N:
		x.kind = XO_INT;
		break;
	case ROLE_DELTA:
	case ROLE_TREND:
	case ROLE_TREND_LO:
	case ROLE_TREND_HI:
		break;
	case ROLE_P:
	case ROLE_TREND_STAT:
	case ROLE_TREND_P:
		x.decimals = 4;
		break;
	case ROLE_TREND_VERDICT:
		x.kind = XO_TEXT;
		break;
	case ROLE_Z:
		x.decimals = 2;
		break;
	default:
		if (k != NULL && k->percent)
			x.kind = XO_PERCENT;
		break;
	}
	return x;
}

static void
write_xlsx(struct rate *r)
{
	struct xlsxout_column *cols = xcalloc(r->ncol, sizeof(*cols));
	struct xlsxout *w = xlsxout_new();

	for (size_t j = 0; j < r->ncol; j++)
		cols[j] = xlsx_column(&r->col[j], heading(r, &r->col[j]), r->opt->digits);
	xlsxout_sheet(w, r->opt->zh ? "比率" : "rates", cols, r->ncol, r->cell, r->nrow);
	free(cols);
	xlsxout_write(w, r->opt->output);
}

int
rate_describe_column(const char *name, int digits, struct xlsxout_column *x,
    char **zh)
{
	struct column c;

	for (int m = 0; m < metric_count; m++)
		for (int i = ROLE_VALUE * 2; i < ROLE_COUNT * 2; i++) {
			column_init(&c, m, (enum rate_role)(i / 2), i % 2, NULL);
			if (strcmp(c.name, name) == 0) {
				*x = xlsx_column(&c, NULL, digits);
				free(c.name);
				*zh = c.zh;
				return 1;
			}
			free(c.name);
			free(c.zh);
		}
	column_init(&c, -1, ROLE_KEY, 0, name);
	*x = xlsx_column(&c, NULL, digits);
	free(c.name);
	*zh = c.zh;
	return 0;
}

/*
 * --keys: the rows under their official names, in the key file's order;
 * two groups that the names would merge are refused, as merging is
 * counting (rexian-aggregate --keys), never adding rates.
 */
static void
name_rows(struct rate *r)
{
	char ***cell;
	long *line;
	size_t *order;
	struct row *row;

	for (int i = 0; i < keys_count(r->opt->keys); i++) {
		const char *col = keys_column(r->opt->keys, i);

		/* their order is time's, which --delta follows */
		if (period_unit_by_name(col, strlen(col)) != PERIOD_NONE)
			die_usage("--keys %s maps %s, a period: periods are not renamed",
			    keys_file(r->opt->keys, i), col);
	}
	cell = xcalloc(r->nrow + 1, sizeof(*cell));
	line = xcalloc(r->nrow + 1, sizeof(*line));
	order = xcalloc(r->nrow + 1, sizeof(*order));
	row = xcalloc(r->nrow + 1, sizeof(*row));
	for (size_t i = 0; i < r->nrow; i++) {
		cell[i] = r->row[i].key;
		line[i] = r->row[i].line;
	}
	keys_apply(r->opt->keys, r->file, r->keyname, (size_t)r->nkey,
	    (const char *const *)r->keyname, r->nkey, cell, line, r->nrow, order);
	for (size_t i = 0; i < r->nrow; i++)
		row[i] = r->row[order[i]];
	free(r->row);
	r->row = row;
	r->rowcap = r->nrow + 1;
	free(cell);
	free(line);
	free(order);
}

/* Frees what r holds, its nrow rows as read (--trend counts series in r->nrow). */
static void
rate_free(struct rate *r, size_t nrow)
{
	for (size_t i = 0; i < r->nrow * r->ncol; i++)
		free(r->cell[i]);
	for (size_t i = 0; i < nrow; i++) {
		for (int k = 0; k < r->nkey; k++)
			free(r->row[i].key[k]);
		free(r->row[i].key);
	}
	for (size_t j = 0; j < r->ncol; j++) {
		free(r->col[j].name);
		free(r->col[j].zh);
	}
	for (int k = 0; k < r->nkey; k++)
		free(r->keyname[k]);
	free(r->keyname);
	free(r->cell);
	free(r->col);
	free(r->row);
	free(r->period_of);
	free(r->total);
	free(r->total_row);
	free(r->ref[0]);
	free(r->ref[1]);
	free(r->vs);
	for (int t = 0; t < TEST_COUNT; t++) {
		free(r->test[t]);
		free(r->adj[t]);
	}
	hashmap_free(r->series);
	hashmap_free(r->seen);
	free(r->place);
	free((char *)r->file);
}

int
rate_run(const struct rate_options *opt, const char *path)
{
	struct rate r = { .opt = opt };
	size_t nrow;

	read_count_table(&r, path);
	if (opt->keys != NULL)
		name_rows(&r);
	choose_metrics(&r);
	index_periods(&r);
	check_periods(&r);
	nrow = r.nrow;
	if (opt->trend)
		r.nrow = build_trend(&r);
	else {
		build_columns(&r);
		find_references(&r);
		run_tests(&r);
		build_cells(&r);
	}
	switch (opt->format) {
	case FORMAT_CSV:
	case FORMAT_TSV:
		write_delimited(&r, opt->format == FORMAT_TSV);
		break;
	case FORMAT_JSON:
		write_json(&r);
		break;
	case FORMAT_MARKDOWN:
		write_markdown(&r);
		break;
	case FORMAT_XLSX:
		write_xlsx(&r);
		break;
	}
	rate_free(&r, nrow);
	return 0;
}
