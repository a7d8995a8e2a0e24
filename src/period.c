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
	return (enum period_unit)name_find(s, len, period_unit_name,
	    PERIOD_NAMED + 1, sizeof(*period_unit_name), NAME_EXACT);
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

int
period_parse_label(enum period_unit unit, const char *s, size_t len, int64_t *start)
{
	char buf[PERIOD_LABEL_MAX + 1], back[PERIOD_LABEL_MAX];
	int y = 0, n = 0, used = -1;
	int64_t days;

	if (len == 0 || len > PERIOD_LABEL_MAX || unit < PERIOD_DAY || unit > PERIOD_YEAR)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	switch (unit) {
	case PERIOD_DAY:
		if (date_parse(s, len, start) != 0)
			return -1;
		break;
	case PERIOD_WEEK:
		/* week 1 holds 4 January; weeks start on Monday */
		if (sscanf(buf, "%4d-W%2d%n", &y, &n, &used) != 2)
			return -1;
		*start = days_from_civil(y, 1, 4);
		*start += 7 * (int64_t)(n - 1) - weekday_of_day(*start);
		break;
	case PERIOD_MONTH:
		if (sscanf(buf, "%4d-%2d%n", &y, &n, &used) != 2 || n < 1 || n > 12)
			return -1;
		*start = days_from_civil(y, n, 1);
		break;
	case PERIOD_QUARTER:
		if (sscanf(buf, "%4d-Q%1d%n", &y, &n, &used) != 2 || n < 1 || n > 4)
			return -1;
		*start = days_from_civil(y, 3 * n - 2, 1);
		break;
	default:
		if (sscanf(buf, "%4d%n", &y, &used) != 1)
			return -1;
		*start = days_from_civil(y, 1, 1);
		break;
	}
	/* only the label period_label writes for that day is one */
	return period_label(unit, *start, back, &days) == len &&
	    memcmp(back, s, len) == 0 ? 0 : -1;
}

int
period_ordinal(enum period_unit unit, const char *s, size_t len, int64_t *ord)
{
	int64_t start;
	int y, m, d;

	if (period_parse_label(unit, s, len, &start) != 0)
		return -1;
	civil_from_days(start, &y, &m, &d);
	switch (unit) {
	case PERIOD_DAY:
		*ord = start;
		break;
	case PERIOD_WEEK:
		/* weeks start on Monday, and 1970-01-05 was one */
		*ord = (start - 4) / 7 - ((start - 4) % 7 < 0);
		break;
	case PERIOD_MONTH:
		*ord = (int64_t)y * 12 + m - 1;
		break;
	case PERIOD_QUARTER:
		*ord = (int64_t)y * 4 + (m - 1) / 3;
		break;
	default:
		*ord = y;
		break;
	}
	return 0;
}

size_t
period_shift(enum period_unit unit, const char *s, size_t len, int years, char *buf)
{
	char t[PERIOD_LABEL_MAX + 1];
	int64_t start, days;
	int y;

	if (period_parse_label(unit, s, len, &start) != 0)
		return 0;
	if (years == 0)
		return period_label(unit, start - 1, buf, &days);
	/* every label begins with its four-digit year */
	memcpy(t, s, len);
	t[len] = '\0';
	y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + t[3] - '0';
	y -= years;
	if (y < 1 || y > 9999)
		return 0;
	for (int i = 3; i >= 0; i--, y /= 10)
		t[i] = (char)('0' + y % 10);
	memcpy(t + 4, s + 4, len - 4);
	if (period_parse_label(unit, t, len, &start) != 0)
		return 0;
	memcpy(buf, t, len);
	return len;
}

/* Checks one row of a periods file of ncol columns: 0 and its days, or -1. */
static int
check_row(const struct period_list *pl, const char *file,
    const struct csv_record *rec, size_t ncol, int64_t *start, int64_t *end,
    struct err *e)
{
	const struct csv_field *f = rec->field;

	if (rec->bad_encoding)
		return err_set(e, "%s:%ld: not valid UTF-8", file, rec->line);
	if (rec->nfields != ncol)
		return err_set(e, "%s:%ld: wrong field count: %zu, expected %zu",
		    file, rec->line, rec->nfields, ncol);
	if (f[0].len == 0)
		return err_set(e, "%s:%ld: empty period name", file, rec->line);
	for (int i = 1; i <= 2; i++)
		if (date_parse(f[i].s, f[i].len, i == 1 ? start : end) != 0)
			return err_set(e, "%s:%ld: bad %s '%.*s' (want YYYY-MM-DD)",
			    file, rec->line, i == 1 ? "start" : "end",
			    (int)f[i].len, f[i].s);
	if (*end < *start)
		return err_set(e, "%s:%ld: end before start", file, rec->line);
	if (period_list_find(pl, f[0].s, f[0].len) >= 0)
		return err_set(e, "%s:%ld: period '%.*s' named twice", file,
		    rec->line, (int)f[0].len, f[0].s);
	return 0;
}

/*
 * Resolves the year_before names before[0..pl->n) (written on lines
 * line[]) to indices: 0, or -1 for a name of no other period.
 */
static int
resolve_year_before(struct period_list *pl, const char *file, char **before,
    const long *line, struct err *e)
{
	pl->year_before = xcalloc(pl->n, sizeof(*pl->year_before));
	for (size_t i = 0; i < pl->n; i++) {
		pl->year_before[i] = -1;
		if (!pl->has_year_before || before[i][0] == '\0')
			continue;
		pl->year_before[i] = period_list_find(pl, before[i], strlen(before[i]));
		if (pl->year_before[i] < 0 || pl->year_before[i] == (long)i)
			return err_set(e, "%s:%ld: year_before '%s' names %s", file,
			    line[i], before[i], pl->year_before[i] < 0 ?
			    "no period of the file" : "the period itself");
	}
	return 0;
}

/* Reads a periods file into *out (the caller frees it): 0, or -1. */
static int
period_list_read(struct csv_reader *r, struct period_list **out, struct err *e)
{
	struct period_list *pl = xcalloc(1, sizeof(*pl));
	struct csv_record rec;
	size_t cap = 0, cap2 = 0, cap3 = 0, cap4 = 0, cap5 = 0, ncol;
	char **before = NULL;	/* the year_before names, as written */
	long *line = NULL;
	int k, status = -1;

	if ((k = csv_read(r, &rec, e)) < 0)
		goto done;
	if (k == 0 || (rec.nfields != 3 && rec.nfields != 4) ||
	    rec.field[0].len != 4 || memcmp(rec.field[0].s, "name", 4) != 0 ||
	    (rec.nfields == 4 && (rec.field[3].len != 11 ||
	    memcmp(rec.field[3].s, "year_before", 11) != 0))) {
		err_set(e, "%s:1: a periods file starts with the header "
		    "name,start,end (or name,start,end,year_before)", csv_name(r));
		goto done;
	}
	ncol = rec.nfields;
	pl->has_year_before = ncol == 4;
	while ((k = csv_read(r, &rec, e)) > 0) {
		int64_t a, b;

		if (check_row(pl, csv_name(r), &rec, ncol, &a, &b, e) != 0)
			goto done;
		xgrow(&pl->name, &cap, pl->n + 1, sizeof(*pl->name));
		xgrow(&pl->start, &cap2, pl->n + 1, sizeof(*pl->start));
		xgrow(&pl->end, &cap3, pl->n + 1, sizeof(*pl->end));
		pl->name[pl->n] = xmemdup0(rec.field[0].s, rec.field[0].len);
		pl->start[pl->n] = a;
		pl->end[pl->n] = b;
		if (pl->has_year_before) {
			xgrow(&before, &cap4, pl->n + 1, sizeof(*before));
			xgrow(&line, &cap5, pl->n + 1, sizeof(*line));
			before[pl->n] = xmemdup0(rec.field[3].s, rec.field[3].len);
			line[pl->n] = rec.line;
		}
		pl->n++;
	}
	if (k < 0)
		goto done;
	if (pl->n == 0) {
		err_set(e, "%s: no periods", csv_name(r));
		goto done;
	}
	status = resolve_year_before(pl, csv_name(r), before, line, e);
done:
	for (size_t i = 0; before != NULL && i < pl->n; i++)
		free(before[i]);
	free(before);
	free(line);
	if (status != 0) {
		period_list_free(pl);
		pl = NULL;
	}
	*out = pl;
	return status;
}

int
period_list_load(const char *path, struct period_list **pl, struct err *e)
{
	struct csv_reader *r;
	int status;

	*pl = NULL;
	if (csv_open(path, CSV_AUTO, &r, e) != 0)
		return -1;
	status = period_list_read(r, pl, e);
	csv_close(r);
	return status;
}

int
period_list_load_mem(const char *name, const char *data, size_t len,
    struct period_list **pl, struct err *e)
{
	struct csv_reader *r = csv_open_mem(name, data, len, CSV_AUTO);
	int status = period_list_read(r, pl, e);

	csv_close(r);
	return status;
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
	free(pl->year_before);
	free(pl);
}

long
period_list_find(const struct period_list *pl, const char *name, size_t len)
{
	return name_find(name, len, (const char *const *)pl->name, pl->n,
	    sizeof(*pl->name), NAME_EXACT);
}
