/*
 * libFuzzer: the CSV reader on any bytes, and its fields against libcsv's;
 * then again with a row test, which may cut a quoted field short: records
 * must still come one after another, each over lines line..last_line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../csv_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A row is a line of two fields or more whose first begins with R. */
static int
row_test(void *ctx, const struct csv_field *f, size_t n)
{
	(void)ctx;
	return n >= 2 && f[0].len > 0 && f[0].s[0] == 'R';
}

static void
check_row_test(const char *data, size_t size)
{
	struct csv_reader *r = csv_open_mem("fuzz", data, size, CSV_AUTO);
	struct csv_record rec;
	struct err e;
	long last = 0;

	csv_set_row_test(r, row_test, NULL);
	while (csv_read(r, &rec, &e) > 0) {
		if (rec.line <= last || rec.last_line < rec.line ||
		    (rec.flaw == CSV_FLAW_STRAY_QUOTE && rec.nfields == 0))
			abort();
		last = rec.last_line;
	}
	csv_close(r);
}

static void
against_libcsv(const char *data, size_t size)
{
	if (differ(data, size) == 1)
		abort();	/* the fast scanner and libcsv disagree */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	against_libcsv((const char *)data, size);
	check_row_test((const char *)data, size);
	return 0;
}
