/*
 * period: the periods a ticket falls in.  Calendar units (day, ISO week,
 * month, quarter, year) have labels that sort as text in time order
 * (2026-05-31, 2026-W05, 2026-05, 2026-Q2, 2026); named periods come from a
 * file of name,start,end rows (inclusive dates) and keep the file's order.
 */
#ifndef REXIAN_PERIOD_H
#define REXIAN_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum period_unit { PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER,
	PERIOD_YEAR, PERIOD_NAMED, PERIOD_NONE = -1 };

extern const char *const period_unit_name[PERIOD_NAMED + 1];

/* The unit a key names ("day" ... "year", "period"), or PERIOD_NONE. */
enum period_unit period_unit_by_name(const char *s, size_t len);

enum { PERIOD_LABEL_MAX = 16 };
/*
 * Writes the label of the calendar unit holding day to buf (at most
 * PERIOD_LABEL_MAX bytes, no NUL) and returns its length; *days is the
 * number of days the period spans.
 */
size_t period_label(enum period_unit unit, int64_t day, char *buf, int64_t *days);

/*
 * The first day of the calendar period labelled s[0..len) (as period_label
 * writes it): 0, or -1 when s is no such label (2026-13, 2026-W54).
 */
int period_parse_label(enum period_unit unit, const char *s, size_t len,
    int64_t *start);

/*
 * The place in time of the calendar period labelled s[0..len), counted so
 * that consecutive periods of the unit are consecutive integers: 0, or -1
 * when s is no label.
 */
int period_ordinal(enum period_unit unit, const char *s, size_t len, int64_t *ord);

/*
 * Writes to buf (PERIOD_LABEL_MAX bytes, no NUL) the label of the calendar
 * period before the one labelled s (years 0), or of the same period years
 * before (2026-05 -> 2025-05, 2026-W05 -> 2025-W05); returns its length,
 * or 0 when s is no label or that period does not exist (2024-02-29 a
 * year before, week 53 of a year that has 52).
 */
size_t period_shift(enum period_unit unit, const char *s, size_t len, int years,
    char *buf);

struct period_list {
	char **name;
	int64_t *start, *end;	/* days, inclusive */
	/*
	 * the index of the period a year before each (同比), from an optional
	 * fourth column year_before naming another period; -1 where empty
	 */
	long *year_before;
	int has_year_before;	/* the file has that column */
	size_t n;
};

/*
 * Reads a periods file (header name,start,end[,year_before]) into *pl,
 * which the caller frees with period_list_free: 0.  A file that cannot be
 * read, a bad row, or a year_before naming no period of the file is -1, a
 * FILE:LINE message in *e and *pl NULL.
 */
int period_list_load(const char *path, struct period_list **pl, struct err *e);
/* The same from data[0..len), named name in messages. */
int period_list_load_mem(const char *name, const char *data, size_t len,
    struct period_list **pl, struct err *e);
void period_list_free(struct period_list *pl);
/* The index of the period named name, or -1. */
long period_list_find(const struct period_list *pl, const char *name, size_t len);

#endif
