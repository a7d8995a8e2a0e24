/* libFuzzer: the CSV reader on any bytes, and its fields against libcsv's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../csv_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static jmp_buf j;

	util_catch_die(&j);
	if (setjmp(j) != 0) {
		csv_close_all();
		return 0;
	}	/* a quote left open: the reader said so */
	if (differ((const char *)data, size) == 1)
		abort();	/* the fast scanner and libcsv disagree */
	return 0;
}
