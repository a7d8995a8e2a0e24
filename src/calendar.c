/*
 * calendar.c: working days from a holiday list: per covered day a working flag
 * and the working days before it, built once, so that the working time
 * between two instants is a subtraction, not a walk over days.
 * The contract is in calendar.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "csvio.h"
#include "timeutil.h"
#include "util.h"

/* data/holidays-cn.csv, compiled in by the Makefile */
extern const char holidays_cn_csv[];
extern const size_t holidays_cn_csv_len;

enum { MAX_YEARS = 100 };

/* 1970-01-05, the first Monday of the epoch */
#define FIRST_MONDAY 4

struct calendar {
	int weekends_only;
	int64_t first, last;	/* covered days, inclusive */
	unsigned char *work;	/* per covered day: 1 working, 0 off */
	int64_t *before;	/* working days in [first, first + i) */
};

static int
weekday_is_work(int64_t day)
{
	return weekday_of_day(day) < 5;
}

/* Monday-to-Friday days in [FIRST_MONDAY, day), negative before it. */
static int64_t
weekdays_before(int64_t day)
{
	int64_t k = day - FIRST_MONDAY;
	int64_t w = k >= 0 ? k / 7 : -((-k + 6) / 7);
	int64_t r = k - 7 * w;

	return 5 * w + (r < 5 ? r : 5);
}

struct calendar *
calendar_weekends(void)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));

	cal->weekends_only = 1;
	cal->first = INT64_MIN;
	cal->last = INT64_MAX;
	return cal;
}

struct override {
	int64_t day;
	int work;
};

/* Reads one row of a calendar file into *ov: 0, or -1. */
static int
read_override(const char *name, const struct csv_record *rec, struct override *ov,
    struct err *e)
{
	const struct csv_field *k = &rec->field[1];

	if (rec->nfields < 2 ||
	    date_parse(rec->field[0].s, rec->field[0].len, &ov->day) != 0)
		return err_set(e, "%s:%ld: bad date '%.*s' (want YYYY-MM-DD)", name,
		    rec->line, (int)rec->field[0].len, rec->field[0].s);
	if (k->len == 3 && memcmp(k->s, "off", 3) == 0)
		ov->work = 0;
	else if (k->len == 4 && memcmp(k->s, "work", 4) == 0)
		ov->work = 1;
	else
		return err_set(e, "%s:%ld: bad kind '%.*s' (want off or work)", name,
		    rec->line, (int)k->len, k->s);
	return 0;
}

/* The calendar of years y0..y1 with the days ov[0..nov) list; the caller
 * frees it. */
static struct calendar *
calendar_build(const struct override *ov, size_t nov, int y0, int y1)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));

	cal->first = days_from_civil(y0, 1, 1);
	cal->last = days_from_civil(y1, 12, 31);
	size_t span = (size_t)(cal->last - cal->first + 1);
	cal->work = xmalloc(span);
	cal->before = xmalloc((span + 1) * sizeof(*cal->before));
	for (size_t i = 0; i < span; i++)
		cal->work[i] = (unsigned char)weekday_is_work(cal->first + (int64_t)i);
	for (size_t i = 0; i < nov; i++)
		cal->work[ov[i].day - cal->first] = (unsigned char)ov[i].work;
	cal->before[0] = 0;
	for (size_t i = 0; i < span; i++)
		cal->before[i + 1] = cal->before[i] + cal->work[i];
	return cal;
}

/* Reads a calendar file into *out (the caller frees it): 0, or -1. */
static int
calendar_read(struct csv_reader *r, struct calendar **out, struct err *e)
{
	struct csv_record rec;
	struct override *ov = NULL;
	size_t nov = 0, cap = 0;
	int64_t minday = INT64_MAX, maxday = INT64_MIN;
	const char *name = csv_name(r);
	int k, y0, y1, m, d;

	*out = NULL;
	if ((k = csv_read(r, &rec, e)) < 0)
		return -1;
	if (k == 0 || rec.nfields < 2 ||
	    rec.field[0].len != 4 || memcmp(rec.field[0].s, "date", 4) != 0 ||
	    rec.field[1].len != 4 || memcmp(rec.field[1].s, "kind", 4) != 0)
		return err_set(e, "%s:1: a calendar starts with the header "
		    "date,kind[,name]", name);
	while ((k = csv_read(r, &rec, e)) > 0) {
		xgrow(&ov, &cap, nov + 1, sizeof(*ov));
		if (read_override(name, &rec, &ov[nov], e) != 0) {
			k = -1;
			break;
		}
		if (ov[nov].day < minday)
			minday = ov[nov].day;
		if (ov[nov].day > maxday)
			maxday = ov[nov].day;
		nov++;
	}
	if (k == 0 && nov == 0)
		k = err_set(e, "%s: the calendar lists no days", name);
	if (k == 0) {
		civil_from_days(minday, &y0, &m, &d);
		civil_from_days(maxday, &y1, &m, &d);
		if (y1 - y0 >= MAX_YEARS)
			k = err_set(e, "%s: the calendar spans %d-%d; at most %d "
			    "years (a mistyped year?)", name, y0, y1, MAX_YEARS);
	}
	if (k == 0)
		*out = calendar_build(ov, nov, y0, y1);
	free(ov);
	return k;
}

int
calendar_load_mem(const char *name, const char *data, size_t len,
    struct calendar **cal, struct err *e)
{
	struct csv_reader *r = csv_open_mem(name, data, len, CSV_AUTO);
	int status = calendar_read(r, cal, e);

	csv_close(r);
	return status;
}

int
calendar_china(struct calendar **cal, struct err *e)
{
	return calendar_load_mem("holidays-cn.csv", holidays_cn_csv,
	    holidays_cn_csv_len, cal, e);
}

int
calendar_load(const char *path, struct calendar **cal, struct err *e)
{
	struct csv_reader *r;
	int status;

	*cal = NULL;
	if (csv_open(path, CSV_AUTO, &r, e) != 0)
		return -1;
	status = calendar_read(r, cal, e);
	csv_close(r);
	return status;
}

void
calendar_free(struct calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->work);
	free(cal->before);
	free(cal);
}

int64_t
calendar_first_day(const struct calendar *cal)
{
	return cal->first;
}

int64_t
calendar_last_day(const struct calendar *cal)
{
	return cal->last;
}

int
calendar_covers(const struct calendar *cal, int64_t day)
{
	return day >= cal->first && day <= cal->last;
}

int
calendar_is_workday(const struct calendar *cal, int64_t day)
{
	return cal->weekends_only ? weekday_is_work(day) : cal->work[day - cal->first];
}

/* Working days before day, counted from a fixed origin. */
static int64_t
workdays_before(const struct calendar *cal, int64_t day)
{
	return cal->weekends_only ? weekdays_before(day) : cal->before[day - cal->first];
}

/* Working seconds from the origin to t. */
static int64_t
work_clock(const struct calendar *cal, int64_t t)
{
	int64_t day = day_of_time(t);
	int64_t w = workdays_before(cal, day) * SECS_PER_DAY;

	if (calendar_is_workday(cal, day))
		w += t - day * SECS_PER_DAY;
	return w;
}

int64_t
calendar_work_seconds(const struct calendar *cal, int64_t t0, int64_t t1)
{
	return work_clock(cal, t1) - work_clock(cal, t0);
}

int
calendar_add_workdays(const struct calendar *cal, int64_t t, int n, int64_t *due)
{
	int64_t day = day_of_time(t);
	int64_t clock = t - day * SECS_PER_DAY;

	if (!calendar_covers(cal, day))
		return -1;
	if (!calendar_is_workday(cal, day)) {
		clock = 0;
		do
			if (!calendar_covers(cal, ++day))
				return -1;
		while (!calendar_is_workday(cal, day));
	}
	for (int i = 0; i < n; i++)
		do
			if (!calendar_covers(cal, ++day))
				return -1;
		while (!calendar_is_workday(cal, day));
	*due = day * SECS_PER_DAY + clock;
	return 0;
}
