/*
 * timeutil.c: civil dates and times as integers: days from civil dates and back,
 * the date forms hotline dumps use, Excel serials, and the canonical
 * YYYY-MM-DD HH:MM:SS form.
 * The contract is in timeutil.h.
 */
#include <string.h>

#include "timeutil.h"

/* Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes serials from
 * 61 on count from there). */
enum { EXCEL_MIN = 61, EXCEL_MAX = 2958465 };
#define EXCEL_EPOCH_DAY (-25569)

int64_t
days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar */
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
weekday_of_day(int64_t day)
{
	/* 1970-01-01 was a Thursday (3) */
	int64_t w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int
days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : mdays[m - 1];
}

struct scan {
	const unsigned char *p, *end;
};

/* Reads 1..maxd digits into *v; returns how many were read. */
static int
scan_digits(struct scan *s, int maxd, int *v)
{
	int n = 0, x = 0;

	while (s->p < s->end && n < maxd && *s->p >= '0' && *s->p <= '9') {
		x = x * 10 + (*s->p++ - '0');
		n++;
	}
	*v = x;
	return n;
}

static int
scan_lit(struct scan *s, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return 0;
	s->p += n;
	return 1;
}

static int
scan_ci(struct scan *s, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(s->end - s->p) < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s->p[i] | 0x20) != lit[i])
			return 0;
	s->p += n;
	return 1;
}

static void
skip_blanks(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
		s->p++;
}

static int
valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

/* H:MM[:SS[.fff]] [AM|PM]; with ampm required (US form) 12-hour clock. */
static int
scan_clock(struct scan *s, int *secs)
{
	int h, mi, se = 0, f;

	if (scan_digits(s, 2, &h) == 0 || !scan_lit(s, ":") ||
	    scan_digits(s, 2, &mi) != 2)
		return -1;
	if (scan_lit(s, ":")) {
		if (scan_digits(s, 2, &se) != 2)
			return -1;
		if (scan_lit(s, ".") || scan_lit(s, ","))
			if (scan_digits(s, 9, &f) == 0)
				return -1;
	}
	skip_blanks(s);
	if (scan_ci(s, "am") || scan_ci(s, "a.m.")) {
		if (h < 1 || h > 12)
			return -1;
		h %= 12;
	} else if (scan_ci(s, "pm") || scan_ci(s, "p.m.")) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + 12;
	}
	if (h > 23 || mi > 59 || se > 59)
		return -1;
	*secs = h * 3600 + mi * 60 + se;
	return 0;
}

static int
parse_excel_serial(struct scan *s, int64_t *t)
{
	int64_t days = 0, frac = 0, scale = 1;
	const unsigned char *start = s->p;

	while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
		days = days * 10 + (*s->p++ - '0');
		if (days > EXCEL_MAX)
			return -1;
	}
	if (s->p == start || days < EXCEL_MIN)
		return -1;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
			if (scale < 1000000000) {
				frac = frac * 10 + (*s->p - '0');
				scale *= 10;
			}
			s->p++;
		}
	}
	if (s->p != s->end)
		return -1;
	/* round the fraction of a day to the nearest second */
	*t = (EXCEL_EPOCH_DAY + days) * SECS_PER_DAY +
	    (frac * SECS_PER_DAY + scale / 2) / scale;
	return 0;
}

/* Eight bytes as a little-endian word: one load. */
static uint64_t
load_le64(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof(w));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/*
 * Whether the 8 bytes in w have digits where mask has 0xff and the bytes of
 * sep elsewhere.  A byte is a digit when its high nibble is 3 and its low
 * nibble plus 6 stays below 16.
 */
static int
word_matches(uint64_t w, uint64_t mask, uint64_t sep)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t d = (w & mask) | (0x30 * ones & ~mask);

	return (w & ~mask) == sep && (d & 0xf0 * ones) == 0x30 * ones &&
	    (((d & 0x0f * ones) + 6 * ones) & 0xf0 * ones) == 0;
}

int
time_is_canonical(const char *s, size_t len)
{
	/* "YYYY-MM-", "DD HH:MM" and "HH:MM:SS" (bytes 11-18), first byte lowest */
	return len == TIME_TEXT_LEN &&
	    word_matches(load_le64(s), 0x00ffff00ffffffffULL, 0x2d00002d00000000ULL) &&
	    word_matches(load_le64(s + 8), 0xffff00ffff00ffffULL, 0x00003a0000200000ULL) &&
	    word_matches(load_le64(s + 11), 0xffff00ffff00ffffULL, 0x00003a00003a0000ULL);
}

/* The number written in the n digits at s. */
static int
digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

int
time_parse(const char *str, size_t len, int64_t *t)
{
	struct scan s = { (const unsigned char *)str, (const unsigned char *)str + len };
	int a, b, c, y, m, d, secs = 0, na;
	int chinese = 0;

	/* the form every table and most dumps use, read without the scanner */
	if (time_is_canonical(str, len)) {
		int h = digits_value(str + 11, 2), mi = digits_value(str + 14, 2);
		int se = digits_value(str + 17, 2);

		y = digits_value(str, 4);
		m = digits_value(str + 5, 2);
		d = digits_value(str + 8, 2);
		if (!valid_date(y, m, d) || h > 23 || mi > 59 || se > 59)
			return -1;
		*t = days_from_civil(y, m, d) * SECS_PER_DAY + h * 3600 + mi * 60 + se;
		return 0;
	}
	skip_blanks(&s);
	while (s.end > s.p && (s.end[-1] == ' ' || s.end[-1] == '\t'))
		s.end--;
	const unsigned char *start = s.p;
	na = scan_digits(&s, 9, &a);
	if (na == 0)
		return -1;
	if (s.p == s.end || *s.p == '.') {
		s.p = start;
		return parse_excel_serial(&s, t);
	}
	if (na == 4 && (scan_lit(&s, "-") || scan_lit(&s, "/") ||
	    (chinese = scan_lit(&s, "年")))) {
		char sep = (char)s.p[-1];

		y = a;
		if (scan_digits(&s, 2, &m) == 0)
			return -1;
		if (chinese ? !scan_lit(&s, "月") : (s.p == s.end || *s.p++ != sep))
			return -1;
		if (scan_digits(&s, 2, &d) == 0)
			return -1;
		if (chinese && !scan_lit(&s, "日"))
			return -1;
	} else if (na <= 2 && scan_lit(&s, "/")) {
		m = a;
		if (scan_digits(&s, 2, &b) == 0 || !scan_lit(&s, "/") ||
		    scan_digits(&s, 4, &c) != 4)
			return -1;
		d = b;
		y = c;
	} else
		return -1;
	if (!valid_date(y, m, d))
		return -1;
	if (s.p < s.end) {
		if (*s.p == 'T' || *s.p == ' ' || *s.p == '\t')
			s.p++;
		else if (!chinese)
			return -1;
		skip_blanks(&s);
		if (scan_clock(&s, &secs) != 0 || s.p != s.end)
			return -1;
	}
	*t = days_from_civil(y, m, d) * SECS_PER_DAY + secs;
	return 0;
}

int
date_parse(const char *str, size_t len, int64_t *day)
{
	struct scan s = { (const unsigned char *)str, (const unsigned char *)str + len };
	int y, m, d;

	if (len != 10 || scan_digits(&s, 4, &y) != 4 || !scan_lit(&s, "-") ||
	    scan_digits(&s, 2, &m) != 2 || !scan_lit(&s, "-") ||
	    scan_digits(&s, 2, &d) != 2 || !valid_date(y, m, d))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

void
date_format(int64_t day, char *buf)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	put2(buf, y / 100);
	put2(buf + 2, y % 100);
	buf[4] = '-';
	put2(buf + 5, m);
	buf[7] = '-';
	put2(buf + 8, d);
}

void
time_format(int64_t t, char *buf)
{
	int64_t day = day_of_time(t);
	int secs = (int)(t - day * SECS_PER_DAY);

	date_format(day, buf);
	buf[10] = ' ';
	put2(buf + 11, secs / 3600);
	buf[13] = ':';
	put2(buf + 14, secs / 60 % 60);
	buf[16] = ':';
	put2(buf + 17, secs % 60);
}
