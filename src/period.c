/*
 * period.c: period labels for calendar units (day, ISO week, month, quarter,
 * year) and named periods read from a name,start,end file.
 * The contract is in period.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "period.h"
#include "timeutil.h"
#include "util.h"

const char *const period_unit_name[PERIOD_NAMED + 1] = {
	"day", "week", "month", "quarter", "year", "period",
};

enum period_unit
period_unit_by_name(const char *s, size_t len)
{
	for (int u = 0; u <= PERIOD_NAMED; u++)
		if (strlen(period_unit_name[u]) == len &&
		    memcmp(period_unit_name[u], s, len) == 0)
			return (enum period_unit)u;
	return PERIOD_NONE;
}

size_t
period_label(enum period_unit unit, int64_t day, char *buf, int64_t *days)
{
	int y, m, d, q, n;

	civil_from_days(day, &y, &m, &d);
	switch (unit) {
	case PERIOD_DAY:
		*days = 1;
		date_format(day, buf);
		return 10;
	case PERIOD_WEEK: {
		/* ISO 8601: a week belongs to the year of its Thursday */
		int64_t thursday = day - weekday_of_day(day) + 3;

		civil_from_days(thursday, &y, &m, &d);
		n = (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
		*days = 7;
		return (size_t)snprintf(buf, PERIOD_LABEL_MAX, "%04d-W%02d", y, n);
	}
	case PERIOD_MONTH:
		*days = days_in_month(y, m);
		return (size_t)snprintf(buf, PERIOD_LABEL_MAX, "%04d-%02d", y, m);
	case PERIOD_QUARTER:
		q = (m - 1) / 3;
		*days = (q == 3 ? days_from_civil(y + 1, 1, 1) :
		    days_from_civil(y, q * 3 + 4, 1)) - days_from_civil(y, q * 3 + 1, 1);
		return (size_t)snprintf(buf, PERIOD_LABEL_MAX, "%04d-Q%d", y, q + 1);
	default:
		*days = days_from_civil(y + 1, 1, 1) - days_from_civil(y, 1, 1);
		return (size_t)snprintf(buf, PERIOD_LABEL_MAX, "%04d", y);
	}
}

static struct period_list *
period_list_read(struct csv_reader *r)
{
	struct period_list *pl = xcalloc(1, sizeof(*pl));
	struct csv_record rec;
	size_t cap = 0, cap2 = 0, cap3 = 0;

	if (!csv_read(r, &rec) || rec.nfields != 3 ||
	    rec.field[0].len != 4 || memcmp(rec.field[0].s, "name", 4) != 0)
		die("%s:1: a periods file starts with the header name,start,end",
		    csv_name(r));
	while (csv_read(r, &rec)) {
		int64_t a, b;

		if (rec.bad_encoding)
			die("%s:%ld: not valid UTF-8", csv_name(r), rec.line);
		if (rec.nfields != 3)
			die("%s:%ld: wrong field count: %zu, expected 3", csv_name(r),
			    rec.line, rec.nfields);
		if (rec.field[0].len == 0)
			die("%s:%ld: empty period name", csv_name(r), rec.line);
		for (int i = 1; i <= 2; i++)
			if (date_parse(rec.field[i].s, rec.field[i].len, i == 1 ? &a : &b) != 0)
				die("%s:%ld: bad %s '%.*s' (want YYYY-MM-DD)", csv_name(r),
				    rec.line, i == 1 ? "start" : "end",
				    (int)rec.field[i].len, rec.field[i].s);
		if (b < a)
			die("%s:%ld: end before start", csv_name(r), rec.line);
		if (period_list_find(pl, rec.field[0].s, rec.field[0].len) >= 0)
			die("%s:%ld: period '%.*s' named twice", csv_name(r), rec.line,
			    (int)rec.field[0].len, rec.field[0].s);
		xgrow(&pl->name, &cap, pl->n + 1, sizeof(*pl->name));
		xgrow(&pl->start, &cap2, pl->n + 1, sizeof(*pl->start));
		xgrow(&pl->end, &cap3, pl->n + 1, sizeof(*pl->end));
		pl->name[pl->n] = xmemdup0(rec.field[0].s, rec.field[0].len);
		pl->start[pl->n] = a;
		pl->end[pl->n] = b;
		pl->n++;
	}
	if (pl->n == 0)
		die("%s: no periods", csv_name(r));
	return pl;
}

struct period_list *
period_list_load(const char *path)
{
	struct csv_reader *r = csv_open(path, CSV_AUTO);
	struct period_list *pl = period_list_read(r);

	csv_close(r);
	return pl;
}

struct period_list *
period_list_load_mem(const char *name, const char *data, size_t len)
{
	struct csv_reader *r = csv_open_mem(name, data, len, CSV_AUTO);
	struct period_list *pl = period_list_read(r);

	csv_close(r);
	return pl;
}

void
period_list_free(struct period_list *pl)
{
	if (pl == NULL)
		return;
	for (size_t i = 0; i < pl->n; i++)
		free(pl->name[i]);
	free(pl->name);
	free(pl->start);
	free(pl->end);
	free(pl);
}

long
period_list_find(const struct period_list *pl, const char *name, size_t len)
{
	for (size_t i = 0; i < pl->n; i++)
		if (strlen(pl->name[i]) == len && memcmp(pl->name[i], name, len) == 0)
			return (long)i;
	return -1;
}
