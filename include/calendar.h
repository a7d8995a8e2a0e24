/*
 * calendar: which days are working days, and working time between two
 * instants, for "5 个工作日" and 按期.
 *
 * A calendar is Monday-to-Friday weeks corrected by a list of days off
 * (public holidays) and make-up working days (调休).  The list is read from a
 * CSV file with the header "date,kind,name", one day a row, kind "off" or
 * "work" (data/holidays-cn.csv is the shipped one, compiled in).  A listed
 * calendar covers the whole years from its first listed day's year to its
 * last; "weekends" covers every day.
 *
 * Working time counts every working day's 24 hours and nothing of other days.
 */
#ifndef REXIAN_CALENDAR_H
#define REXIAN_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct calendar;

/*
 * Reads a calendar file into *cal, which the caller frees with
 * calendar_free: 0.  A file that cannot be read or a bad row is -1, a
 * FILE:LINE message in *e and *cal NULL.
 */
int calendar_load(const char *path, struct calendar **cal, struct err *e);
/* The same from data[0..len), named name in messages. */
int calendar_load_mem(const char *name, const char *data, size_t len,
    struct calendar **cal, struct err *e);
/* The shipped China calendar, read as calendar_load_mem reads it. */
int calendar_china(struct calendar **cal, struct err *e);
/* Weekends only, every year; the caller frees it with calendar_free. */
struct calendar *calendar_weekends(void);
void calendar_free(struct calendar *cal);

/* The first and last day covered (inclusive); INT64_MIN/MAX for weekends. */
int64_t calendar_first_day(const struct calendar *cal);
int64_t calendar_last_day(const struct calendar *cal);
int calendar_covers(const struct calendar *cal, int64_t day);
/* Whether a covered day is a working day. */
int calendar_is_workday(const struct calendar *cal, int64_t day);

/* Working seconds in [t0, t1) for t0 <= t1, both covered. */
int64_t calendar_work_seconds(const struct calendar *cal, int64_t t0, int64_t t1);

/*
 * The due time n working days after t: the same clock time on the n-th
 * working day after t's day, or, for t on a day off, 00:00 of the n-th
 * working day after the next working day.  Returns 0 and sets *due, or -1 if
 * that runs past the calendar.
 */
int calendar_add_workdays(const struct calendar *cal, int64_t t, int n, int64_t *due);

#endif
