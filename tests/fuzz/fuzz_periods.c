/* libFuzzer: periods files and calendar files, from the same bytes. */
#include <stdint.h>

#include "calendar.h"
#include "csvio.h"
#include "period.h"
#include "timeutil.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jmp_buf j;

static void
periods(const char *data, size_t size)
{
	if (setjmp(j) != 0) {
		csv_close_all();
		return;
	}
	period_list_free(period_list_load_mem("fuzz", data, size));
}

static void
calendar(const char *data, size_t size)
{
	struct calendar *cal;

	if (setjmp(j) != 0) {
		csv_close_all();
		return;
	}
	cal = calendar_load_mem("fuzz", data, size);
	calendar_work_seconds(cal, calendar_first_day(cal) * SECS_PER_DAY,
	    calendar_last_day(cal) * SECS_PER_DAY);
	calendar_free(cal);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	util_catch_die(&j);
	periods((const char *)data, size);
	calendar((const char *)data, size);
	return 0;
}
