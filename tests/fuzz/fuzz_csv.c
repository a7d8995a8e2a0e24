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
	long last = 0;

	csv_set_row_test(r, row_test, NULL);
	while (csv_read(r, &rec)) {
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

/* Runs f on the input; a die() (a quote left open: the reader said so)
 * ends only f. */
static void
guarded(void (*f)(const char *, size_t), const uint8_t *data, size_t size)
{
	jmp_buf j;

	util_catch_die(&j);
	if (setjmp(j) == 0)
		f((const char *)data, size);
	csv_close_all();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	guarded(against_libcsv, data, size);
	guarded(check_row_test, data, size);
	return 0;
}
