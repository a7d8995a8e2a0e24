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

int64_t days_from_civil(int y, int m, int d);
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
 * Parses one of the date forms rexian accepts (see rexian-ingest(1)) from
 * s[0..len), surrounding blanks ignored:
 *   2024-03-05 09:05:00   2024-03-05 09:05   2024-03-05   2024-03-05T09:05:00.123
 *   2024/3/5 9:05[:00]    2024年3月5日 9:05   2024年3月5日
 *   03/05/2024 09:05:00 AM   03/05/2024 09:05[:00]   03/05/2024
 *   45356.378 (an Excel serial number)
 * Fractional seconds are truncated.  Returns 0 and sets *t, or -1 for
 * anything else, including impossible dates (2021-02-30) and 24:00:00.
 */
int time_parse(const char *s, size_t len, int64_t *t);

/*
 * Whether s[0..len) is laid out as time_format writes, "YYYY-MM-DD
 * HH:MM:SS" (digits and separators only: 2021-02-30 is laid out so).  A
 * time so laid out that time_parse accepts formats back to the same bytes.
 */
int time_is_canonical(const char *s, size_t len);

/* Parses exactly YYYY-MM-DD; 0 and *day, or -1. */
int date_parse(const char *s, size_t len, int64_t *day);

/* Writes "YYYY-MM-DD HH:MM:SS" (TIME_TEXT_LEN bytes, no NUL) to buf. */
void time_format(int64_t t, char *buf);
/* Writes "YYYY-MM-DD" (10 bytes, no NUL) to buf. */
void date_format(int64_t day, char *buf);

#endif
