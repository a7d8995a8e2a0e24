/*
 * libFuzzer: count tables as rexian-rate reads them (any subset of the
 * count columns, their contradictions), and count-table rows merged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "csvio.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static jmp_buf j;
	struct csv_reader *r;
	struct csv_record rec;

	util_catch_die(&j);
	if (setjmp(j) != 0) {
		csv_close_all();
		return 0;
	}
	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	/* as rexian-rate reads it: a header of any count columns, then rows */
	if (csv_read(r, &rec)) {
		struct count_layout l;
		char why[256];

		counts_layout("fuzz", &rec, &l);
		while (csv_read(r, &rec)) {
			struct counts c;
			int bad;

			if (rec.nfields == (size_t)l.ncol &&
			    counts_parse_layout(&l, rec.field, &c, &bad) == 0)
				counts_contradiction(&l, &c, why, sizeof(why));
		}
	}
	csv_close(r);
	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	while (csv_read(r, &rec)) {
		struct counts c, sum;
		int bad;

		if (rec.nfields != CNT_COUNT || counts_parse(rec.field, &c, &bad) != 0)
			continue;
		counts_zero(&sum, c.v[CNT_DAYS]);
		if (counts_merge(&sum, &c) != 0)
			abort();
	}
	csv_close(r);
	return 0;
}
