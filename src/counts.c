/*
 * counts.c: the count table's columns (count_columns), one ticket added to a
 * group, groups added, and the table's rows written and parsed, all in
 * exact fixed-point integers.
 * The contract is in counts.h.
 */
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
counts_add_ticket(struct counts *c, const struct ticket_values *t)
{
	int rated = t->satisfaction != SAT_NONE;

	c->v[CNT_TICKETS]++;
	c->v[t->closed ? CNT_CLOSED : CNT_OPEN]++;
	c->v[CNT_DIRECT] += t->direct == 1;
	if (t->closed && t->resolved >= 0) {
		c->v[CNT_RESOLVED_KNOWN]++;
		c->v[CNT_RESOLVED] += t->resolved;
	}
	if (rated) {
		c->v[CNT_RATED]++;
		c->v[CNT_SATISFIED + t->satisfaction]++;
		if (t->reasonable == 1) {
			c->v[CNT_REASONABLE_RATED]++;
			c->v[CNT_REASONABLE_SATISFIED] += t->satisfaction == SAT_SATISFIED;
			c->v[CNT_REASONABLE_BASIC] += t->satisfaction == SAT_BASIC;
		}
	}
	if (t->on_time >= 0) {
		c->v[CNT_ON_TIME_KNOWN]++;
		c->v[CNT_ON_TIME] += t->on_time;
	}
	if (t->closed && t->has_hours) {
		int b = 0;

		c->v[CNT_DURATION_N]++;
		c->v[CNT_HOURS_SUM] += t->hours;
		c->hours_sumsq += (__int128)t->hours * t->hours;
		c->v[CNT_WORKDAYS_SUM] += t->workdays;
		while (b < CNT_BUCKETS - 1 && t->hours > count_bucket_hours[b] * 10000LL)
			b++;
		c->v[CNT_HOURS_LE_1 + b]++;
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
		/* 10^29 and 8 more decimals still fit in 127 bits */
		if (s[i] < '0' || s[i] > '9' || x > MAX_FIXED)
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

int
counts_check_header(const char *file, const struct csv_record *h)
{
	int t = -1;

	for (size_t i = 0; i < h->nfields && t < 0; i++)
		if (h->field[i].len == 7 && memcmp(h->field[i].s, "tickets", 7) == 0)
			t = (int)i;
	if (t < 0 || h->nfields != (size_t)t + CNT_COUNT)
		die("%s:%ld: not a count table (make one with rexian-aggregate)",
		    file, h->line);
	for (int i = 0; i < CNT_COUNT; i++) {
		const struct csv_field *f = &h->field[t + i];

		if (f->len != strlen(count_columns[i].name) ||
		    memcmp(f->s, count_columns[i].name, f->len) != 0)
			die("%s:%ld: column %d is '%.*s', expected '%s'", file, h->line,
			    t + i + 1, (int)f->len, f->s, count_columns[i].name);
	}
	return t;
}
