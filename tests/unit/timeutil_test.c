/* Date forms, accepted and refused, against values worked out by hand. */
#include <string.h>

#include "calendar.h"
#include "check.h"
#include "timeutil.h"
#include "util.h"

static const struct {
	const char *text;
	const char *want;	/* NULL: must be refused */
} cases[] = {
	{ "2024-03-05 09:05:07", "2024-03-05 09:05:07" },
	{ "  2024-03-05 09:05  ", "2024-03-05 09:05:00" },
	{ "2024-03-05", "2024-03-05 00:00:00" },
	{ "2024-3-5 9:05", "2024-03-05 09:05:00" },
	{ "2024/3/5 9:05", "2024-03-05 09:05:00" },
	{ "2024/03/05 09:05:59", "2024-03-05 09:05:59" },
	{ "2024-03-05T09:05:07.999", "2024-03-05 09:05:07" },
	{ "2024-03-05T09:05:07", "2024-03-05 09:05:07" },
	{ "2024年3月5日 9:05", "2024-03-05 09:05:00" },
	{ "2024年3月5日9:05:30", "2024-03-05 09:05:30" },
	{ "2024年12月31日", "2024-12-31 00:00:00" },
	/* day and month in an order not given: time_parse will not guess it */
	{ "03/05/2024 09:05:07 AM", NULL }, { "3/5/2024 21:00", NULL },
	{ "2024.03.05 09:05", "2024-03-05 09:05:00" },
	{ "2024-03-05 下午 1:05", "2024-03-05 13:05:00" },
	{ "2024-03-05 12:05:00 上午", "2024-03-05 00:05:00" },
	{ "2024-02-29 00:00:00", "2024-02-29 00:00:00" },
	{ "2000-02-29", "2000-02-29 00:00:00" },
	/* Excel: 45292 is 2024-01-01; .75 of a day is 18:00 */
	{ "45292", "2024-01-01 00:00:00" },
	{ "45292.75", "2024-01-01 18:00:00" },
	{ "61", "1900-03-01 00:00:00" },
	{ "2021-02-30 10:12:00", NULL }, { "2021-13-01 08:00:00", NULL },
	{ "2021/02/29 10:12:00", NULL }, { "1900-02-29", NULL },
	{ "29/09/2021 10:12", NULL }, { "2021-09-29 25:61:00", NULL },
	{ "2024-01-02 24:00:00", NULL }, { "2024-01-02 23:60:00", NULL },
	{ "2024-01-02 23:59:60", NULL }, { "########", NULL }, { "NULL", NULL },
	{ "", NULL }, { "   ", NULL }, { "2021-9-31", NULL },
	{ "0000-00-00 00:00:00", NULL }, { "2024-03-05 9:05 XM", NULL },
	{ "13/05/2024 09:05", NULL }, { "03/05/2024 13:00:00 PM", NULL },
	{ "03/05/2024 00:30:00 AM", NULL }, { "2024-03-05Z", NULL },
	{ "2024-03-05 09:05:07+08:00", NULL }, { "60", NULL }, { "2958466", NULL },
	{ "45292.", "2024-01-01 00:00:00" }, { "2024-03-05x", NULL },
	{ "2024年3月5", NULL }, { "2024-03", NULL }, { "20240305", NULL },
};

/* Values read in an order given, against values worked out by hand. */
static const struct {
	const char *text;
	unsigned order;
	int pivot;
	const char *want;	/* NULL: that order does not read it */
	unsigned orders;	/* what date_orders says of it */
} ordered[] = {
	{ "03/05/2024 09:05:07 AM", DATE_MDY, 69, "2024-03-05 09:05:07", DATE_DMY | DATE_MDY },
	{ "03/05/2024 09:05:07 AM", DATE_DMY, 69, "2024-05-03 09:05:07", DATE_DMY | DATE_MDY },
	{ "03/05/2024 12:00:00 AM", DATE_MDY, 69, "2024-03-05 00:00:00", DATE_DMY | DATE_MDY },
	{ "03/05/2024 12:30:00 PM", DATE_MDY, 69, "2024-03-05 12:30:00", DATE_DMY | DATE_MDY },
	{ "03/05/2024 11:59:59 pm", DATE_MDY, 69, "2024-03-05 23:59:59", DATE_DMY | DATE_MDY },
	{ "21/01/2022 13:47:00", DATE_DMY, 69, "2022-01-21 13:47:00", DATE_DMY },
	{ "21/01/2022 13:47:00", DATE_MDY, 69, NULL, DATE_DMY },
	{ "1/1/20 0:05", DATE_MDY, 69, "2020-01-01 00:05:00", DATE_DMY | DATE_MDY },
	{ "12/31/68 23:59", DATE_MDY, 69, "2068-12-31 23:59:00", DATE_MDY },
	{ "12/31/69 23:59", DATE_MDY, 69, "1969-12-31 23:59:00", DATE_MDY },
	{ "12/31/79", DATE_MDY, 80, "2079-12-31 00:00:00", DATE_MDY },
	{ "29/02/00", DATE_DMY, 69, "2000-02-29 00:00:00", DATE_DMY },
	{ "29/02/00", DATE_DMY, 0, NULL, 0 },
	{ "22/01/08", DATE_YMD, 69, "2022-01-08 00:00:00", DATE_DMY },
	{ "08.01.2022 下午 1:47", DATE_DMY, 69, "2022-01-08 13:47:00", DATE_DMY | DATE_MDY },
	{ "08-01-2022 1:47 下午", DATE_DMY, 69, "2022-01-08 13:47:00", DATE_DMY | DATE_MDY },
	{ "2022-01-08T13:47:00Z", DATE_DMY, 69, "2022-01-08 13:47:00", DATE_YMD },
	{ "13/13/2022", DATE_DMY, 69, NULL, 0 },
	{ "08/01/2022 0:30 AM", DATE_DMY, 69, NULL, -1u },
	{ "08/01/2022 13:00 PM", DATE_DMY, 69, NULL, -1u },
	{ "08/01/22022", DATE_DMY, 69, NULL, -1u },
	{ "08/01-2022", DATE_DMY, 69, NULL, -1u },
	{ "2022-01-08 13:47:00 +0800x", DATE_DMY, 69, NULL, -1u },
};

/* date_scan, date_orders and date_resolve; -1u orders: date_scan refuses it */
static void
check_ordered(void)
{
	char buf[TIME_TEXT_LEN + 1];

	for (size_t i = 0; i < sizeof(ordered) / sizeof(ordered[0]); i++) {
		struct date_value v;
		int64_t t;
		int r = date_scan(ordered[i].text, strlen(ordered[i].text), &v);

		if (ordered[i].orders == -1u) {
			CHECK(r != 0, "'%s' scanned", ordered[i].text);
			continue;
		}
		CHECK(r == 0, "'%s' not scanned", ordered[i].text);
		if (r != 0)
			continue;
		CHECK(date_orders(&v, ordered[i].pivot) == ordered[i].orders,
		    "'%s' read in orders %u", ordered[i].text,
		    date_orders(&v, ordered[i].pivot));
		r = date_resolve(&v, ordered[i].order, ordered[i].pivot, &t);
		if (ordered[i].want == NULL) {
			CHECK(r != 0, "'%s' read in order %u", ordered[i].text,
			    ordered[i].order);
			continue;
		}
		CHECK(r == 0, "'%s' not read in order %u", ordered[i].text,
		    ordered[i].order);
		if (r != 0)
			continue;
		time_format(t, buf);
		buf[TIME_TEXT_LEN] = '\0';
		CHECK(strcmp(buf, ordered[i].want) == 0, "'%s' gave %s, want %s",
		    ordered[i].text, buf, ordered[i].want);
	}
}

/* Zones, forms described, and formats. */
static void
check_forms(void)
{
	struct date_value v;
	char buf[96];
	int64_t t;

	CHECK(date_scan("2022-01-08 13:47:00+08:00", 25, &v) == 0 &&
	    v.zone_secs == 8 * 3600 && v.shape.zone == ZONE_COLON, "+08:00");
	CHECK(date_scan("2022-01-08T13:47-0530", 21, &v) == 0 &&
	    v.zone_secs == -(5 * 3600 + 30 * 60) && v.shape.zone == ZONE_PLAIN, "-0530");
	CHECK(date_scan("21/01/2022 13:47:00", 19, &v) == 0, "scan");
	date_describe(&v.shape, DATE_DMY, buf, sizeof(buf));
	CHECK(strcmp(buf, "DD/MM/YYYY hh:mm:ss") == 0, "described %s", buf);
	CHECK(date_scan("1/1/20 1:05 PM", 14, &v) == 0, "scan");
	date_describe(&v.shape, DATE_DMY | DATE_MDY, buf, sizeof(buf));
	CHECK(strcmp(buf, "DD/MM/YY or MM/DD/YY hh:mm AM/PM") == 0, "described %s", buf);
	CHECK(date_format_check("%d.%m.%Y %Hh%M", buf, sizeof(buf)) == 0, "format");
	CHECK(date_format_read("%d.%m.%Y %Hh%M", "08.01.2022  13h47", 17, 69, &t) == 0 &&
	    t == days_from_civil(2022, 1, 8) * SECS_PER_DAY + 13 * 3600 + 47 * 60,
	    "format read");
	CHECK(date_format_read("%m/%d/%y %I:%M %p", "1/2/68 12:05 am", 15, 69, &t) == 0 &&
	    t == days_from_civil(2068, 1, 2) * SECS_PER_DAY + 5 * 60, "12 am");
	CHECK(date_format_read("%d.%m.%Y", "31.02.2022", 10, 69, &t) != 0, "31.02");
	CHECK(date_format_check("%d/%m", buf, sizeof(buf)) != 0, "no year");
	CHECK(date_format_check("%d/%m/%Y %q", buf, sizeof(buf)) != 0, "%%q");
	CHECK(date_format_check("%d/%m/%Y %I:%M", buf, sizeof(buf)) != 0, "%%I alone");
	CHECK(year_of_two_digits(69, 69) == 1969 && year_of_two_digits(68, 69) == 2068,
	    "pivot");
}

static void
check_calendar(void)
{
	struct calendar *cn, *we = calendar_weekends();
	struct err e;

	CHECK(calendar_china(&cn, &e) == 0, "the shipped calendar reads");
	int64_t due;

	/* 2024-02-04 (Sunday) was a make-up working day, 02-12 (Monday) off */
	CHECK(calendar_is_workday(cn, days_from_civil(2024, 2, 4)), "02-04 works");
	CHECK(!calendar_is_workday(cn, days_from_civil(2024, 2, 12)), "02-12 off");
	CHECK(!calendar_is_workday(we, days_from_civil(2024, 2, 4)), "sunday off");
	CHECK(calendar_is_workday(we, days_from_civil(2024, 2, 12)), "monday works");
	CHECK(!calendar_covers(cn, days_from_civil(2019, 12, 31)), "2019 outside");
	CHECK(calendar_covers(cn, days_from_civil(2026, 12, 31)), "2026 inside");
	/* a whole ordinary week: five working days */
	CHECK(calendar_work_seconds(we, days_from_civil(2024, 3, 4) * SECS_PER_DAY,
	    days_from_civil(2024, 3, 11) * SECS_PER_DAY) == 5 * SECS_PER_DAY, "week");
	/* before 1970 too: 1969-12-29 (Monday) to 1970-01-05 */
	CHECK(calendar_work_seconds(we, days_from_civil(1969, 12, 29) * SECS_PER_DAY,
	    days_from_civil(1970, 1, 5) * SECS_PER_DAY) == 5 * SECS_PER_DAY,
	    "week across the epoch");
	/* 2024 国庆: 10-01..07 off, 09-29 (Sun) and 10-12 (Sat) worked;
	 * 5wd from Fri 09-27 10:00: 09-29, 09-30, 10-08, 10-09, 10-10 */
	CHECK(calendar_add_workdays(cn, days_from_civil(2024, 9, 27) * SECS_PER_DAY +
	    36000, 5, &due) == 0 && due == days_from_civil(2024, 10, 10) *
	    SECS_PER_DAY + 36000, "due across 国庆");
	CHECK(calendar_add_workdays(cn, days_from_civil(2026, 12, 30) * SECS_PER_DAY,
	    5, &due) == -1, "due past the calendar");
	calendar_free(cn);
	calendar_free(we);
}

/*
 * Canonical text, which time_parse reads without its scanner and ingest
 * copies instead of formatting: every time it writes is canonical and
 * parses back to itself, and the layout is checked byte by byte.
 */
static void
check_canonical(void)
{
	static const char *const not_canonical[] = {
		"2024-03-05 09:05", " 2024-03-05 09:05:07", "2024-03-05T09:05:07",
		"2024/03/05 09:05:07", "2024-03-05 09:05:0a", "2024-03-05 09-05:07",
		"202a-03-05 09:05:07", "2024-03-05 09:05:07 ",
	};
	char buf[TIME_TEXT_LEN];
	int64_t back;

	for (int64_t t = days_from_civil(1900, 1, 1) * SECS_PER_DAY;
	    t < days_from_civil(9999, 12, 31) * SECS_PER_DAY; t += 7777777) {
		time_format(t, buf);
		if (!time_is_canonical(buf, sizeof(buf)) ||
		    time_parse(buf, sizeof(buf), &back) != 0 || back != t) {
			CHECK(0, "%.19s does not round-trip", buf);
			break;
		}
	}
	CHECK(time_is_canonical("2021-02-30 10:12:00", TIME_TEXT_LEN),
	    "an impossible date is still laid out canonically");
	for (size_t i = 0; i < sizeof(not_canonical) / sizeof(not_canonical[0]); i++)
		CHECK(!time_is_canonical(not_canonical[i], strlen(not_canonical[i])),
		    "'%s' canonical", not_canonical[i]);
}

int
main(int argc, char **argv)
{
	char buf[TIME_TEXT_LEN + 1];

	util_init("timeutil_test", argv);
	(void)argc;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t t;
		int r = time_parse(cases[i].text, strlen(cases[i].text), &t);

		if (cases[i].want == NULL) {
			CHECK(r != 0, "'%s' accepted", cases[i].text);
			continue;
		}
		CHECK(r == 0, "'%s' refused", cases[i].text);
		if (r != 0)
			continue;
		time_format(t, buf);
		buf[TIME_TEXT_LEN] = '\0';
		CHECK(strcmp(buf, cases[i].want) == 0, "'%s' gave %s, want %s",
		    cases[i].text, buf, cases[i].want);
	}
	/* every day from 1900 to 2100 goes to civil and back */
	for (int64_t d = days_from_civil(1900, 1, 1); d <= days_from_civil(2100, 12, 31); d++) {
		int y, m, dd;

		civil_from_days(d, &y, &m, &dd);
		if (days_from_civil(y, m, dd) != d) {
			CHECK(0, "day %lld does not round-trip", (long long)d);
			break;
		}
	}
	CHECK(weekday_of_day(days_from_civil(2024, 3, 4)) == 0, "2024-03-04 is a Monday");
	check_calendar();
	check_canonical();
	check_ordered();
	check_forms();
	return check_failures != 0;
}
