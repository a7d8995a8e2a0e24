/* libFuzzer: the date parser; what it accepts formats and parses back, and
 * canonical text it accepts formats to the same bytes (ingest copies it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t, again;
	char buf[TIME_TEXT_LEN];

	if (time_parse((const char *)data, size, &t) != 0)
		return 0;
	time_format(t, buf);
	if (time_parse(buf, sizeof(buf), &again) != 0 || again != t)
		abort();
	if (time_is_canonical((const char *)data, size) &&
	    memcmp(buf, data, sizeof(buf)) != 0)
		abort();
	return 0;
}
