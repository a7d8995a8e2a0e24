/* libFuzzer: periods files and calendar files, from the same bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "calendar.h"
#include "csvio.h"
#include "period.h"
#include "timeutil.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A file read or refused: refused, it leaves nothing behind (LSan). */
static void
periods(const char *data, size_t size)
{
	struct period_list *pl;
	struct err e;

	if (period_list_load_mem("fuzz", data, size, &pl, &e) == 0)
		period_list_free(pl);
	else if (pl != NULL)
		abort();
}

static void
calendar(const char *data, size_t size)
{
	struct calendar *cal;
	struct err e;

	if (calendar_load_mem("fuzz", data, size, &cal, &e) != 0) {
		if (cal != NULL)
			abort();
		return;
	}
	calendar_work_seconds(cal, calendar_first_day(cal) * SECS_PER_DAY,
	    calendar_last_day(cal) * SECS_PER_DAY);
	calendar_free(cal);
}

/*
 * Period labels: what parses as a label of a unit steps back a period and
 * a year to labels that parse again, and has an ordinal one above the
 * period before's.
 */
static void
labels(const char *data, size_t size)
{
	char back[PERIOD_LABEL_MAX];
	int64_t start, ord, prev;
	size_t len;

	for (int u = PERIOD_DAY; u <= PERIOD_YEAR; u++) {
		if (period_parse_label((enum period_unit)u, data, size, &start) != 0)
			continue;
		if (period_ordinal((enum period_unit)u, data, size, &ord) != 0)
			abort();
		len = period_shift((enum period_unit)u, data, size, 0, back);
		if (len > 0 && (period_ordinal((enum period_unit)u, back, len, &prev) != 0 ||
		    prev != ord - 1))
			abort();
		len = period_shift((enum period_unit)u, data, size, 1, back);
		if (len > 0 && period_parse_label((enum period_unit)u, back, len, &start) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	periods((const char *)data, size);
	calendar((const char *)data, size);
	labels((const char *)data, size < PERIOD_LABEL_MAX ? size : PERIOD_LABEL_MAX);
	return 0;
}
