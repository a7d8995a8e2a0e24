/*
 * timeutil.c: civil dates and times as integers: days from civil dates and
 * back, the date forms hotline dumps use (each read in the order its column
 * was decided to have), strptime-style --date-format forms, Excel serials,
 * and the canonical YYYY-MM-DD HH:MM:SS form.
 * The contract is in timeutil.h.
 */
#include <stdio.h>
#include <string.h>

#include "timeutil.h"
#include "util.h"

/* Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes serials from
 * 61 on count from there). */
enum { EXCEL_MIN = 61, EXCEL_MAX = 2958465 };
#define EXCEL_EPOCH_DAY (-25569)

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
year_of_two_digits(int yy, int pivot)
{
	return yy >= pivot ? 1900 + yy : 2000 + yy;
}

int
date_order_by_name(const char *s)
{
	static const char *const names[] = { "ymd", "dmy", "mdy" };

	int i = name_find(s, strlen(s), names, 3, sizeof(*names), NAME_EXACT);

	return i >= 0 ? 1 << i : -1;
}

/* A 12-hour marker: 0 none, 'a' or 'p' (AM, PM), 'A' or 'P' (上午, 下午). */
static int
scan_half(struct scan *s, int chinese_only)
{
	if (scan_lit(s, "上午"))
		return 'A';
	if (scan_lit(s, "下午"))
		return 'P';
	if (chinese_only)
		return 0;
	if (scan_ci(s, "am") || scan_ci(s, "a.m."))
		return 'a';
	if (scan_ci(s, "pm") || scan_ci(s, "p.m."))
		return 'p';
	return 0;
}

/* An hour h on a 12-hour clock with marker half ('a', 'p') as 0..23, or -1. */
static int
hour_of_half(int h, int half)
{
	if (h < 1 || h > 12)
		return -1;
	return half == 'a' || half == 'A' ? h % 12 : h % 12 + 12;
}

/* Z, +08:00, +0800 or +08: its shape and offset east of UTC into *v, or -1. */
static int
scan_zone(struct scan *s, struct date_value *v)
{
	int sign, h, m = 0;

	if (scan_lit(s, "Z")) {
		v->shape.zone = ZONE_Z;
		v->zone_secs = 0;
		return 0;
	}
	if (s->p == s->end || (*s->p != '+' && *s->p != '-'))
		return -1;
	sign = *s->p++ == '-' ? -1 : 1;
	if (scan_digits(s, 2, &h) != 2)
		return -1;
	if (scan_lit(s, ":"))
		v->shape.zone = ZONE_COLON;
	else if (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		v->shape.zone = ZONE_PLAIN;
	else
		v->shape.zone = ZONE_HOURS;
	if (v->shape.zone != ZONE_HOURS && scan_digits(s, 2, &m) != 2)
		return -1;
	if (h > 14 || m > 59)
		return -1;
	v->zone_secs = sign * (h * 3600 + m * 60);
	return 0;
}

/*
 * [上午|下午] H:MM[:SS[.fff]] [AM|PM|上午|下午] [zone] to the end of s: the
 * time of day and the clock's shape into *v, or -1.
 */
static int
scan_clock(struct scan *s, struct date_value *v)
{
	int h, mi, se = 0, f, half;

	half = scan_half(s, 1);
	if (half != 0) {
		v->shape.half = HALF_ZH_BEFORE;
		skip_blanks(s);
	}
	if (scan_digits(s, 2, &h) == 0 || !scan_lit(s, ":") ||
	    scan_digits(s, 2, &mi) != 2)
		return -1;
	v->shape.clock = CLOCK_HM;
	if (scan_lit(s, ":")) {
		if (scan_digits(s, 2, &se) != 2)
			return -1;
		v->shape.clock = CLOCK_HMS;
		if (scan_lit(s, ".") || scan_lit(s, ",")) {
			if (scan_digits(s, 9, &f) == 0)
				return -1;
			v->shape.clock = CLOCK_FRACTION;
		}
	}
	skip_blanks(s);
	if (half == 0 && (half = scan_half(s, 0)) != 0) {
		v->shape.half = half == 'a' || half == 'p' ? HALF_AMPM : HALF_ZH_AFTER;
		skip_blanks(s);
	}
	if (half != 0 && (h = hour_of_half(h, half)) < 0)
		return -1;
	if (h > 23 || mi > 59 || se > 59)
		return -1;
	if (s->p < s->end && scan_zone(s, v) != 0)
		return -1;
	if (s->p != s->end)
		return -1;
	v->secs = h * 3600 + mi * 60 + se;
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

/* Whether s is digits with at most one '.' among them: a serial, if any. */
static int
looks_serial(const struct scan *s)
{
	int dots = 0;

	for (const unsigned char *p = s->p; p < s->end; p++)
		if (*p == '.')
			dots++;
		else if (*p < '0' || *p > '9')
			return 0;
	return dots <= 1;
}

static int
is_date_sep(int c)
{
	return c == '-' || c == '/' || c == '.';
}

/* The date's numbers: year first (four digits) or DATE_SHORT; or -1. */
static int
scan_date(struct scan *s, struct date_value *v)
{
	int na, nb, nc;

	na = scan_digits(s, 5, &v->n[0]);
	if (na == 4 && scan_lit(s, "年")) {
		v->shape.kind = DATE_CHINESE;
		return scan_digits(s, 2, &v->n[1]) > 0 && scan_lit(s, "月") &&
		    scan_digits(s, 2, &v->n[2]) > 0 && scan_lit(s, "日") ? 0 : -1;
	}
	if ((na != 4 && na != 1 && na != 2) || s->p == s->end || !is_date_sep(*s->p))
		return -1;
	v->shape.sep = *s->p++;
	nb = scan_digits(s, 3, &v->n[1]);
	if (nb == 0 || nb > 2 || s->p == s->end || *s->p++ != v->shape.sep)
		return -1;
	nc = scan_digits(s, 5, &v->n[2]);
	if (na == 4) {
		v->shape.kind = DATE_YEAR_FIRST;
		return nc == 1 || nc == 2 ? 0 : -1;
	}
	v->shape.kind = DATE_SHORT;
	v->shape.year_digits = (unsigned char)nc;
	return nc == 2 || nc == 4 ? 0 : -1;
}

int
date_scan(const char *str, size_t len, struct date_value *v)
{
	struct scan s = { (const unsigned char *)str, (const unsigned char *)str + len };

	memset(v, 0, sizeof(*v));
	if (time_is_canonical(str, len)) {
		v->shape.kind = DATE_CANONICAL;
		v->n[0] = digits_value(str, 4);
		v->n[1] = digits_value(str + 5, 2);
		v->n[2] = digits_value(str + 8, 2);
		v->secs = digits_value(str + 11, 2) * 3600 +
		    digits_value(str + 14, 2) * 60 + digits_value(str + 17, 2);
		return digits_value(str + 11, 2) > 23 || digits_value(str + 14, 2) > 59 ||
		    digits_value(str + 17, 2) > 59 ? -1 : 0;
	}
	trim_blanks(&str, &len);
	s.p = (const unsigned char *)str;
	s.end = s.p + len;
	if (s.p == s.end)
		return -1;
	if (looks_serial(&s)) {
		v->shape.kind = DATE_SERIAL;
		return parse_excel_serial(&s, &v->serial);
	}
	if (scan_date(&s, v) != 0)
		return -1;
	if (s.p == s.end)
		return 0;
	if (*s.p == 'T')
		v->shape.tsep = *s.p++;
	else if (*s.p == ' ' || *s.p == '\t') {
		v->shape.tsep = ' ';
		skip_blanks(&s);
	} else if (v->shape.kind != DATE_CHINESE)
		return -1;
	return scan_clock(&s, v);
}

/* Year, month and day of v read in order, or -1 when that reading has none. */
static int
civil_of(const struct date_value *v, unsigned order, int pivot, int *y, int *m,
    int *d)
{
	const int *n = v->n;
	int yy = v->shape.year_digits == 2 ? year_of_two_digits(n[2], pivot) : n[2];

	switch (v->shape.kind) {
	case DATE_SHORT:
		break;
	case DATE_SERIAL:
		return -1;
	default:
		*y = n[0], *m = n[1], *d = n[2];
		return 0;
	}
	switch (order) {
	case DATE_DMY:
		*d = n[0], *m = n[1], *y = yy;
		return 0;
	case DATE_MDY:
		*m = n[0], *d = n[1], *y = yy;
		return 0;
	case DATE_YMD:
		if (v->shape.year_digits != 2)
			return -1;
		*y = year_of_two_digits(n[0], pivot), *m = n[1], *d = n[2];
		return 0;
	}
	return -1;
}

int
date_resolve(const struct date_value *v, unsigned order, int pivot, int64_t *t)
{
	int y, m, d;

	if (v->shape.kind == DATE_SERIAL) {
		*t = v->serial;
		return 0;
	}
	if (civil_of(v, order, pivot, &y, &m, &d) != 0 || !valid_date(y, m, d))
		return -1;
	*t = days_from_civil(y, m, d) * SECS_PER_DAY + v->secs;
	return 0;
}

unsigned
date_orders(const struct date_value *v, int pivot)
{
	unsigned set = 0;
	int64_t t;

	if (v->shape.kind == DATE_SERIAL)
		return DATE_ANY_ORDER;
	if (v->shape.kind != DATE_SHORT)
		return date_resolve(v, DATE_YMD, pivot, &t) == 0 ? DATE_YMD : 0;
	for (unsigned o = DATE_DMY; o <= DATE_MDY; o <<= 1)
		if (date_resolve(v, o, pivot, &t) == 0)
			set |= o;
	return set;
}

/* Appends text to buf (cap bytes) at *n, as far as it goes. */
static void
add(char *buf, size_t cap, size_t *n, const char *text)
{
	int k = snprintf(buf + *n, cap - *n, "%s", text);

	if (k > 0)
		*n += (size_t)k < cap - *n ? (size_t)k : cap - *n - 1;
}

void
date_describe(const struct date_shape *sh, unsigned orders, char *buf, size_t cap)
{
	static const char *const clock[] = { "", "hh:mm", "hh:mm:ss", "hh:mm:ss.fff" };
	static const char *const zone[] = { "", "Z", "+hh:mm", "+hhmm", "+hh" };
	const char *y = sh->year_digits == 2 ? "YY" : "YYYY";
	char sep[2] = { (char)sh->sep, 0 };
	size_t n = 0;

	buf[0] = '\0';
	switch (sh->kind) {
	case DATE_CANONICAL:
		add(buf, cap, &n, "YYYY-MM-DD hh:mm:ss");
		return;
	case DATE_SERIAL:
		add(buf, cap, &n, "Excel serial number");
		return;
	case DATE_CHINESE:
		add(buf, cap, &n, "YYYY年MM月DD日");
		break;
	case DATE_YEAR_FIRST:
		snprintf(buf, cap, "YYYY%sMM%sDD", sep, sep);
		n = strlen(buf);
		break;
	default:
		for (unsigned o = DATE_YMD; o <= DATE_MDY; o <<= 1) {
			if (!(orders & o))
				continue;
			if (n > 0)
				add(buf, cap, &n, " or ");
			n += (size_t)snprintf(buf + n, cap - n, o == DATE_YMD ? "YY%sMM%sDD" :
			    o == DATE_DMY ? "DD%sMM%s%s" : "MM%sDD%s%s", sep, sep, y);
			n = n < cap ? n : cap - 1;
		}
	}
	if (sh->clock == CLOCK_NONE)
		return;
	add(buf, cap, &n, sh->tsep == 'T' ? "T" : sh->tsep == ' ' ? " " : "");
	if (sh->half == HALF_ZH_BEFORE)
		add(buf, cap, &n, "上午/下午 ");
	add(buf, cap, &n, clock[sh->clock]);
	if (sh->half == HALF_AMPM)
		add(buf, cap, &n, " AM/PM");
	else if (sh->half == HALF_ZH_AFTER)
		add(buf, cap, &n, " 上午/下午");
	add(buf, cap, &n, zone[sh->zone]);
}

/* What a format's conversions fill in, for reading and for checking. */
struct fields {
	int y, m, d, h, mi, s, half;
	unsigned long long seen;	/* bit per conversion letter - 'A' */
};

#define SEEN(c) (1ULL << ((c) - 'A'))

/* Reads one conversion c of a format from s into f: 0, or -1. */
static int
read_conversion(struct scan *s, int c, int pivot, struct fields *f)
{
	int v, n;

	switch (c) {
	case 'Y':
		if (scan_digits(s, 4, &f->y) != 4)
			return -1;
		return 0;
	case 'y':
		if (scan_digits(s, 2, &v) != 2)
			return -1;
		f->y = year_of_two_digits(v, pivot);
		return 0;
	case 'p':
		return (f->half = scan_half(s, 0)) != 0 ? 0 : -1;
	case '%':
		return scan_lit(s, "%") ? 0 : -1;
	}
	if ((n = scan_digits(s, 2, &v)) == 0)
		return -1;
	switch (c) {
	case 'm': f->m = v; break;
	case 'd': f->d = v; break;
	case 'H': case 'I': f->h = v; break;
	case 'M': f->mi = v; break;
	default: f->s = v; break;
	}
	return 0;
}

static int
is_conversion(int c)
{
	return c != '\0' && strchr("YymdHIMSp%", c) != NULL;
}

int
date_format_check(const char *fmt, char *msg, size_t cap)
{
	unsigned long long seen = 0;

	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		if (!is_conversion(*++p)) {
			snprintf(msg, cap, "unknown conversion '%%%.1s' (want %%Y %%y %%m "
			    "%%d %%H %%I %%M %%S %%p %%%%)", p);
			return -1;
		}
		if (*p != '%') {
			if (seen & SEEN(*p)) {
				snprintf(msg, cap, "%%%c twice", *p);
				return -1;
			}
			seen |= SEEN(*p);
		}
	}
	if (!(seen & (SEEN('Y') | SEEN('y'))) || !(seen & SEEN('m')) ||
	    !(seen & SEEN('d')))
		snprintf(msg, cap, "a date format wants a year (%%Y or %%y), %%m and %%d");
	else if ((seen & SEEN('Y')) && (seen & SEEN('y')))
		snprintf(msg, cap, "both %%Y and %%y");
	else if (!(seen & SEEN('I')) != !(seen & SEEN('p')))
		snprintf(msg, cap, "%%I (12-hour) and %%p (AM/PM) go together");
	else if (seen & SEEN('H') && seen & SEEN('I'))
		snprintf(msg, cap, "both %%H and %%I");
	else
		return 0;
	return -1;
}

int
date_format_read(const char *fmt, const char *str, size_t len, int pivot, int64_t *t)
{
	struct scan s = { (const unsigned char *)str, (const unsigned char *)str + len };
	struct fields f = { 0 };

	for (const char *p = fmt; *p != '\0'; p++) {
		if (*p == '%') {
			if (read_conversion(&s, *++p, pivot, &f) != 0)
				return -1;
		} else if (*p == ' ' || *p == '\t') {
			if (s.p == s.end || (*s.p != ' ' && *s.p != '\t'))
				return -1;
			skip_blanks(&s);
		} else if (s.p == s.end || *s.p++ != (unsigned char)*p)
			return -1;
	}
	if (s.p != s.end)
		return -1;
	if (f.half != 0 && (f.h = hour_of_half(f.h, f.half)) < 0)
		return -1;
	if (!valid_date(f.y, f.m, f.d) || f.h > 23 || f.mi > 59 || f.s > 59)
		return -1;
	*t = days_from_civil(f.y, f.m, f.d) * SECS_PER_DAY + f.h * 3600 + f.mi * 60 + f.s;
	return 0;
}

int
time_parse_canonical_memo(const char *str, struct day_memo *memo, int64_t *t)
{
	int h = digits_value(str + 11, 2), mi = digits_value(str + 14, 2);
	int se = digits_value(str + 17, 2);

	if (memcmp(str, memo->text, sizeof(memo->text)) != 0) {
		int y = digits_value(str, 4), m = digits_value(str + 5, 2);
		int d = digits_value(str + 8, 2);

		if (!valid_date(y, m, d))
			return -1;
		memcpy(memo->text, str, sizeof(memo->text));
		memo->day = days_from_civil(y, m, d);
	}
	if (h > 23 || mi > 59 || se > 59)
		return -1;
	*t = memo->day * SECS_PER_DAY + h * 3600 + mi * 60 + se;
	return 0;
}

int
time_parse_canonical(const char *str, int64_t *t)
{
	struct day_memo memo = { { 0 }, 0 };

	return time_parse_canonical_memo(str, &memo, t);
}

int
time_parse(const char *str, size_t len, int64_t *t)
{
	struct date_value v;

	/* the form every table and most dumps use, read without the scanner */
	if (time_is_canonical(str, len))
		return time_parse_canonical(str, t);
	if (date_scan(str, len, &v) != 0 || v.shape.kind == DATE_SHORT ||
	    v.shape.zone != ZONE_NONE)
		return -1;
	return date_resolve(&v, DATE_YMD, YEAR_PIVOT, t);
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
