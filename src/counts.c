/*
 * counts.c: the count table's columns (count_columns), one ticket added to a
 * group, groups added, and the table's rows written and parsed, all in
 * exact fixed-point integers.
 * The contract is in counts.h.
 */
#include <stdio.h>
#include <string.h>

#include "counts.h"
#include "ticket.h"
#include "util.h"

const struct count_column count_columns[CNT_COUNT] = {
	{ "tickets", 0 }, { "closed", 0 }, { "open", 0 }, { "direct", 0 },
	{ "resolved", 0 }, { "resolved_known", 0 }, { "rated", 0 },
	{ "satisfied", 0 }, { "basic", 0 }, { "dissatisfied", 0 },
	{ "reasonable_rated", 0 }, { "reasonable_satisfied", 0 },
	{ "reasonable_basic", 0 }, { "on_time", 0 }, { "on_time_known", 0 },
	{ "duration_n", 0 }, { "hours_sum", 4 }, { "hours_sumsq", 8 },
	{ "workdays_sum", 4 },
	{ "hours_le_1", 0 }, { "hours_le_4", 0 }, { "hours_le_24", 0 },
	{ "hours_le_48", 0 }, { "hours_le_72", 0 }, { "hours_le_120", 0 },
	{ "hours_le_240", 0 }, { "hours_le_720", 0 }, { "hours_gt_720", 0 },
	{ "days", 0 },
};

const int count_bucket_hours[CNT_BUCKETS - 1] = { 1, 4, 24, 48, 72, 120, 240, 720 };

void
counts_add_ticket(struct counts *c, const struct ticket_values *t, int n)
{
	int rated = t->satisfaction != SAT_NONE;

	c->v[CNT_TICKETS] += n;
	c->v[t->closed ? CNT_CLOSED : CNT_OPEN] += n;
	c->v[CNT_DIRECT] += n * (t->direct == 1);
	if (t->closed && t->resolved >= 0) {
		c->v[CNT_RESOLVED_KNOWN] += n;
		c->v[CNT_RESOLVED] += n * t->resolved;
	}
	if (rated) {
		c->v[CNT_RATED] += n;
		c->v[CNT_SATISFIED + t->satisfaction] += n;
		if (t->reasonable == 1) {
			c->v[CNT_REASONABLE_RATED] += n;
			c->v[CNT_REASONABLE_SATISFIED] += n * (t->satisfaction == SAT_SATISFIED);
			c->v[CNT_REASONABLE_BASIC] += n * (t->satisfaction == SAT_BASIC);
		}
	}
	if (t->on_time >= 0) {
		c->v[CNT_ON_TIME_KNOWN] += n;
		c->v[CNT_ON_TIME] += n * t->on_time;
	}
	if (t->closed && t->has_hours) {
		int b = 0;

		c->v[CNT_DURATION_N] += n;
		c->v[CNT_HOURS_SUM] += n * t->hours;
		c->hours_sumsq += (__int128)n * t->hours * t->hours;
		c->v[CNT_WORKDAYS_SUM] += n * t->workdays;
		while (b < CNT_BUCKETS - 1 && t->hours > count_bucket_hours[b] * 10000LL)
			b++;
		c->v[CNT_HOURS_LE_1 + b] += n;
	}
}

void
counts_add(struct counts *dst, const struct counts *src)
{
	for (int i = 0; i < CNT_DAYS; i++)
		dst->v[i] += src->v[i];
	dst->hours_sumsq += src->hours_sumsq;
}

int
counts_merge(struct counts *dst, const struct counts *src)
{
	if (dst->v[CNT_DAYS] != src->v[CNT_DAYS])
		return -1;
	counts_add(dst, src);
	return 0;
}

void
counts_zero(struct counts *c, int64_t days)
{
	memset(c, 0, sizeof(*c));
	c->v[CNT_DAYS] = days;
}

void
counts_write(struct out *o, const struct counts *c)
{
	for (int i = 0; i < CNT_COUNT; i++) {
		if (i > 0)
			out_putc(o, ',');
		if (i == CNT_HOURS_SUMSQ)
			out_fixed(o, c->hours_sumsq, count_columns[i].scale);
		else if (i == CNT_DAYS && c->v[i] < 0)
			continue;
		else if (count_columns[i].scale > 0)
			out_fixed(o, c->v[i], count_columns[i].scale);
		else
			out_int(o, c->v[i]);
	}
}

void
counts_write_header(struct out *o)
{
	for (int i = 0; i < CNT_COUNT; i++) {
		if (i > 0)
			out_putc(o, ',');
		out_puts(o, count_columns[i].name);
	}
}

#define MAX_FIXED ((__int128)100000000000000LL * 1000000000000000LL)

int
parse_fixed(const char *s, size_t len, int scale, __int128 *v)
{
	__int128 x = 0;
	size_t i = 0;
	int decimals = -1;

	if (len == 0)
		return -1;
	for (; i < len; i++) {
		if (s[i] == '.' && decimals < 0 && i > 0) {
			decimals = 0;
			continue;
		}
		/*
		 * an integer part to 10^30 and 8 decimals still fit in 127
		 * bits; only the integer part is bounded, so that a value reads
		 * the same with its decimals written out (counts_write) or not
		 */
		if (s[i] < '0' || s[i] > '9' || (decimals < 0 && x > MAX_FIXED))
			return -1;
		x = x * 10 + (s[i] - '0');
		if (decimals >= 0 && ++decimals > scale)
			return -1;
	}
	if (decimals == 0)
		return -1;
	for (int d = decimals < 0 ? 0 : decimals; d < scale; d++)
		x *= 10;
	*v = x;
	return 0;
}

int
counts_parse(const struct csv_field *f, struct counts *c, int *bad)
{
	for (int i = 0; i < CNT_COUNT; i++) {
		__int128 x;

		if (i == CNT_DAYS && f[i].len == 0) {
			c->v[i] = -1;
			continue;
		}
		if (parse_fixed(f[i].s, f[i].len, count_columns[i].scale, &x) != 0 ||
		    (i != CNT_HOURS_SUMSQ && x > INT64_MAX)) {
			*bad = i;
			return -1;
		}
		if (i == CNT_HOURS_SUMSQ) {
			c->hours_sumsq = x;
			c->v[i] = 0;
		} else
			c->v[i] = (int64_t)x;
	}
	return 0;
}

/* The count column named s[0..len), or -1. */
static int
column_by_name(const char *s, size_t len)
{
	return name_find(s, len, &count_columns[0].name, CNT_COUNT,
	    sizeof(count_columns[0]), NAME_EXACT);
}

int
counts_check_header(const char *file, const struct csv_record *h, struct err *e)
{
	int t = -1;

	for (size_t i = 0; i < h->nfields && t < 0; i++)
		if (column_by_name(h->field[i].s, h->field[i].len) == CNT_TICKETS)
			t = (int)i;
	if (t < 0 || h->nfields != (size_t)t + CNT_COUNT)
		return err_set(e, "%s:%ld: not a count table (make one with "
		    "rexian-aggregate)", file, h->line);
	for (int i = 0; i < CNT_COUNT; i++) {
		const struct csv_field *f = &h->field[t + i];

		if (f->len != strlen(count_columns[i].name) ||
		    memcmp(f->s, count_columns[i].name, f->len) != 0)
			return err_set(e, "%s:%ld: column %d is '%.*s', expected "
			    "'%s'", file, h->line, t + i + 1, (int)f->len, f->s,
			    count_columns[i].name);
	}
	return t;
}

int
counts_layout(const char *file, const struct csv_record *h, struct count_layout *l,
    struct err *e)
{
	size_t i = 0;

	for (int c = 0; c < CNT_COUNT; c++)
		l->col[c] = -1;
	while (i < h->nfields && column_by_name(h->field[i].s, h->field[i].len) < 0)
		i++;
	if (i == h->nfields)
		return err_set(e, "%s:%ld: not a count table: no count column "
		    "(tickets, rated, satisfied, ...; make one with "
		    "rexian-aggregate)", file, h->line);
	l->nkey = (int)i;
	l->ncol = (int)h->nfields;
	for (; i < h->nfields; i++) {
		const struct csv_field *f = &h->field[i];
		int c = column_by_name(f->s, f->len);

		if (c < 0)
			return err_set(e, "%s:%ld: not a count table: column %zu "
			    "'%.*s' follows the count column '%.*s' (keys first, "
			    "then only count columns; make one with "
			    "rexian-aggregate)", file, h->line, i + 1,
			    quote_len(f->s, f->len, QUOTE_MAX), f->s,
			    (int)h->field[l->nkey].len, h->field[l->nkey].s);
		if (l->col[c] >= 0)
			return err_set(e, "%s:%ld: count column '%s' given twice",
			    file, h->line, count_columns[c].name);
		l->col[c] = (int)i;
	}
	return 0;
}

int
counts_parse_layout(const struct count_layout *l, const struct csv_field *f,
    struct counts *c, int *bad)
{
	struct csv_field row[CNT_COUNT];
	static const char zero[] = "0";

	for (int i = 0; i < CNT_COUNT; i++) {
		row[i].s = l->col[i] >= 0 ? f[l->col[i]].s : zero;
		row[i].len = l->col[i] >= 0 ? f[l->col[i]].len : 1;
	}
	if (l->col[CNT_DAYS] < 0)
		row[CNT_DAYS].len = 0;
	if (counts_parse(row, c, bad) != 0)
		return -1;
	if (l->col[CNT_HOURS_SUMSQ] < 0)
		c->hours_sumsq = -1;
	return 0;
}

/*
 * The count table's definitions as sums: the parts add up to the whole
 * (equal), or at most to it.  An equality with a part missing from the
 * table still bounds the parts that are there.  The hour buckets only
 * bound duration_n: tables made for the mean alone leave them empty.
 */
static const struct count_rule {
	int part[CNT_BUCKETS + 1];	/* -1 ends */
	int whole;
	int equal;
} count_rules[] = {
	{ { CNT_CLOSED, CNT_OPEN, -1 }, CNT_TICKETS, 1 },
	{ { CNT_DIRECT, -1 }, CNT_TICKETS, 0 },
	{ { CNT_RESOLVED, -1 }, CNT_RESOLVED_KNOWN, 0 },
	{ { CNT_RESOLVED_KNOWN, -1 }, CNT_CLOSED, 0 },
	{ { CNT_SATISFIED, CNT_BASIC, CNT_DISSATISFIED, -1 }, CNT_RATED, 1 },
	{ { CNT_REASONABLE_RATED, -1 }, CNT_RATED, 0 },
	{ { CNT_REASONABLE_SATISFIED, CNT_REASONABLE_BASIC, -1 },
	    CNT_REASONABLE_RATED, 0 },
	{ { CNT_REASONABLE_SATISFIED, -1 }, CNT_SATISFIED, 0 },
	{ { CNT_REASONABLE_BASIC, -1 }, CNT_BASIC, 0 },
	{ { CNT_ON_TIME, -1 }, CNT_ON_TIME_KNOWN, 0 },
	{ { CNT_ON_TIME_KNOWN, -1 }, CNT_TICKETS, 0 },
	{ { CNT_DURATION_N, -1 }, CNT_CLOSED, 0 },
	{ { CNT_HOURS_LE_1, CNT_HOURS_LE_4, CNT_HOURS_LE_24, CNT_HOURS_LE_48,
	    CNT_HOURS_LE_72, CNT_HOURS_LE_120, CNT_HOURS_LE_240, CNT_HOURS_LE_720,
	    CNT_HOURS_GT_720, -1 }, CNT_DURATION_N, 0 },
};

int
counts_contradiction(const struct count_layout *l, const struct counts *c,
    char *buf, size_t size)
{
	for (size_t r = 0; r < nitems(count_rules); r++) {
		const struct count_rule *rule = &count_rules[r];
		int present = 0, all = 1;
		__int128 sum = 0;
		size_t len = 0;

		if (l != NULL && l->col[rule->whole] < 0)
			continue;
		for (int i = 0; rule->part[i] >= 0; i++) {
			int p = rule->part[i];

			if (l != NULL && l->col[p] < 0) {
				all = 0;
				continue;
			}
			sum += c->v[p];
			len += (size_t)snprintf(buf + len, size > len ? size - len : 0,
			    "%s%s", present++ ? " + " : "", count_columns[p].name);
		}
		if (present == 0 || sum == c->v[rule->whole] ||
		    (sum < c->v[rule->whole] && !(rule->equal && all)))
			continue;
		snprintf(buf + len, size > len ? size - len : 0, " (%lld) %s %s (%lld)",
		    (long long)sum, sum > c->v[rule->whole] ? present > 1 ?
		    "exceed" : "exceeds" : "fall short of", count_columns[rule->whole].name,
		    (long long)c->v[rule->whole]);
		return -1;
	}
	return 0;
}
