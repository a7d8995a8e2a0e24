/* libFuzzer: the date parser; what it accepts formats and parses back, and
 * canonical text it accepts formats to the same bytes (ingest copies it).
 * A day/month value read in any order formats and parses back too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Time t formats to text that time_parse reads as t. */
static void
round_trip(int64_t t)
{
	char buf[TIME_TEXT_LEN];
	int64_t again;

	time_format(t, buf);
	if (time_parse(buf, sizeof(buf), &again) != 0 || again != t)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date_value v;
	int64_t t;
	char buf[TIME_TEXT_LEN];

	if (date_scan((const char *)data, size, &v) == 0)
		for (unsigned o = DATE_YMD; o <= DATE_MDY; o <<= 1)
			if (date_resolve(&v, o, YEAR_PIVOT, &t) == 0)
				round_trip(t);
	if (time_parse((const char *)data, size, &t) != 0)
		return 0;
	round_trip(t);
	time_format(t, buf);
	if (time_is_canonical((const char *)data, size) &&
	    memcmp(buf, data, sizeof(buf)) != 0)
		abort();
	return 0;
}
