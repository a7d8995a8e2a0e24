/*
 * libFuzzer: the CSV reader on GB18030 input (and, from the same bytes, on
 * detection): every record it does not flag as bad comes out as valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether s[0..n) is UTF-8 without NUL: csvio's promise for a good record. */
static int
good_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = s[i];
		size_t k = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 :
		    c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 9;

		if (c == 0 || k == 9 || i + k >= n)
			return 0;
		for (size_t m = 1; m <= k; m++)
			if ((s[i + m] & 0xc0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

static void
read_all(const uint8_t *data, size_t size, enum csv_encoding enc)
{
	struct csv_reader *r;
	struct csv_record rec;
	struct err e;

	r = csv_open_mem("fuzz", (const char *)data, size, enc);
	while (csv_read(r, &rec, &e) > 0)
		for (size_t i = 0; i < rec.nfields && !rec.bad_encoding; i++)
			if (!good_utf8((const unsigned char *)rec.field[i].s, rec.field[i].len))
				abort();
	csv_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, CSV_GB18030);
	read_all(data, size, CSV_AUTO);
	return 0;
}
