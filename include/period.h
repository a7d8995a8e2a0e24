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

struct period_list {
	char **name;
	int64_t *start, *end;	/* days, inclusive */
	size_t n;
};

/* Reads a periods file; a bad row is FILE:LINE and exit 1.  Caller frees. */
struct period_list *period_list_load(const char *path);
/* The same from data[0..len), named name in messages. */
struct period_list *period_list_load_mem(const char *name, const char *data, size_t len);
void period_list_free(struct period_list *pl);
/* The index of the period named name, or -1. */
long period_list_find(const struct period_list *pl, const char *name, size_t len);

#endif
