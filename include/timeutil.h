/*
 * timeutil: civil date and time as plain integers, and the date forms that
 * hotline dumps use.
 *
 * Times are local civil times with no zone: seconds since 1970-01-01
 * 00:00:00 counted as if every day had 86400 seconds.  Days are days since
 * 1970-01-01.  Years 1900..9999 only.  Nothing here allocates.
 */
#ifndef REXIAN_TIMEUTIL_H
#define REXIAN_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

enum { SECS_PER_DAY = 86400, TIME_TEXT_LEN = 19 };

/*
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * algorithm, exact).  Inline: every time read calls it, and a constant
 * date (a placeholder day) folds to a constant.
 */
static inline int64_t
days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}
void civil_from_days(int64_t day, int *y, int *m, int *d);
/* 0 Monday .. 6 Sunday */
int weekday_of_day(int64_t day);
int days_in_month(int y, int m);

static inline int64_t
day_of_time(int64_t t)
{
	return t >= 0 ? t / SECS_PER_DAY : -((-t + SECS_PER_DAY - 1) / SECS_PER_DAY);
}

/*
 * The orders a date's year, month and day can be written in, as bits: a
 * set of them is what a column's values still allow.
 */
enum date_order { DATE_YMD = 1, DATE_DMY = 2, DATE_MDY = 4, DATE_ANY_ORDER = 7 };

/* Two-digit years: 69-99 are 19xx, 00-68 20xx, as POSIX strptime's %y. */
enum { YEAR_PIVOT = 69 };

/* The year a two-digit year yy means: 19yy from pivot (0..100) up, else 20yy. */
int year_of_two_digits(int yy, int pivot);

/* The order named "ymd", "dmy" or "mdy", or -1. */
int date_order_by_name(const char *s);

/* How a date value is laid out apart from its order: values laid out
 * alike have equal shapes (compared with memcmp). */
enum date_kind { DATE_CANONICAL, DATE_YEAR_FIRST, DATE_CHINESE, DATE_SHORT, DATE_SERIAL };
enum date_clock { CLOCK_NONE, CLOCK_HM, CLOCK_HMS, CLOCK_FRACTION };
enum date_half { HALF_NONE, HALF_AMPM, HALF_ZH_BEFORE, HALF_ZH_AFTER };
enum date_zone { ZONE_NONE, ZONE_Z, ZONE_COLON, ZONE_PLAIN, ZONE_HOURS };

struct date_shape {
	unsigned char kind;		/* enum date_kind */
	unsigned char sep;		/* between the date's numbers: - / . (0: 年月日) */
	unsigned char year_digits;	/* DATE_SHORT: of the last number, 2 or 4 */
	unsigned char tsep;		/* between date and time: 'T', ' ' or 0 */
	unsigned char clock, half, zone;
};

/* One value read apart from its order (date_scan), to be resolved by one. */
struct date_value {
	struct date_shape shape;
	int n[3];		/* the date's three numbers, as written */
	int secs;		/* the time of day, a 12-hour clock made 24-hour */
	int zone_secs;		/* a zone suffix's offset east of UTC */
	int64_t serial;		/* DATE_SERIAL: the time itself */
};

/*
 * Reads the layout of s[0..len), surrounding blanks ignored, into *v: 0,
 * or -1 when it is no date form rexian-ingest(1) knows.  The forms:
 *   2024-03-05 09:05:00 (DATE_CANONICAL)  2024-03-05  2024/3/5 9:05
 *   2024.03.05  2024-03-05T09:05:07.123   2024年3月5日 9:05   (year first)
 *   05/03/2024 9:05:00 PM  5-3-24 21:05  5.3.2024  (day and month in
 *   either order, then a four- or two-digit year: DATE_SHORT)
 *   45356.378 (an Excel serial number)
 * with a clock of hours and minutes, seconds optional, fractional seconds
 * truncated; AM/PM or 上午/下午 after it (上午/下午 also before it), 12 AM
 * being 00; and a zone suffix after it: Z, +08:00, +0800 or +08.  Whether
 * the numbers make a date is not checked here.
 */
int date_scan(const char *s, size_t len, struct date_value *v);

/*
 * The orders (DATE_* bits) that read v as a valid date, for two-digit
 * years by pivot.  A year first must have four digits to count: two-digit
 * years first (24/03/05) are read only in an order given (date_resolve).
 * Forms with the year first have only DATE_YMD; a serial has all.
 */
unsigned date_orders(const struct date_value *v, int pivot);

/*
 * The local time v shows (its zone suffix not applied) read in order
 * (one DATE_* bit; forms with the year first ignore it): 0 and *t, or -1
 * when that reading is no valid date.
 */
int date_resolve(const struct date_value *v, unsigned order, int pivot, int64_t *t);

/*
 * Describes shape sh read in orders (one bit, or two for a column not yet
 * decided) as "DD/MM/YYYY hh:mm:ss" into buf (cap bytes, NUL-terminated).
 */
void date_describe(const struct date_shape *sh, unsigned orders, char *buf,
    size_t cap);

/*
 * A strptime-style format: %Y (four digits) %y (two, by the pivot) %m %d
 * %H %I %M %S (one or two digits) %p (AM, PM, 上午, 下午, any case) %%, a
 * blank matching one or more blanks, any other byte itself.  Checks fmt:
 * 0, or -1 with what is wrong in msg (cap bytes).
 */
int date_format_check(const char *fmt, char *msg, size_t cap);
/* Reads s[0..len) by a checked format fmt: 0 and *t, or -1. */
int date_format_read(const char *fmt, const char *s, size_t len, int pivot,
    int64_t *t);

/*
 * Parses a value whose form needs no decision: a form of date_scan that
 * is not DATE_SHORT, without a zone suffix.  Returns 0 and sets *t, or -1
 * for anything else, including impossible dates (2021-02-30) and 24:00:00.
 */
int time_parse(const char *s, size_t len, int64_t *t);

/*
 * Whether s[0..len) is laid out as time_format writes, "YYYY-MM-DD
 * HH:MM:SS" (digits and separators only: 2021-02-30 is laid out so).  A
 * time so laid out that time_parse accepts formats back to the same bytes.
 */
int time_is_canonical(const char *s, size_t len);

/* Parses text that time_is_canonical accepts: 0 and *t, or -1 (2021-02-30). */
int time_parse_canonical(const char *s, int64_t *t);

/*
 * The day time_parse_canonical_memo read last, for a reader of many times
 * on few days (a dump's rows in the order taken): zeroed, it holds none.
 */
struct day_memo {
	char text[10];			/* "YYYY-MM-DD" */
	int64_t day;			/* its days since 1970-01-01 */
};
/* time_parse_canonical, the day taken from memo when it is memo's. */
int time_parse_canonical_memo(const char *s, struct day_memo *memo, int64_t *t);

/* Parses exactly YYYY-MM-DD; 0 and *day, or -1. */
int date_parse(const char *s, size_t len, int64_t *day);

/* Writes "YYYY-MM-DD HH:MM:SS" (TIME_TEXT_LEN bytes, no NUL) to buf. */
void time_format(int64_t t, char *buf);
/* Writes "YYYY-MM-DD" (10 bytes, no NUL) to buf. */
void date_format(int64_t day, char *buf);

#endif
