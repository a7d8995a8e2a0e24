/*
 * libFuzzer: count-table rows.  What counts_parse accepts, counts_write
 * writes back as a row that parses to the same counts, and adding it to
 * zero gives it again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "counts.h"
#include "csvio.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same(const struct counts *a, const struct counts *b)
{
	return memcmp(a->v, b->v, sizeof(a->v)) == 0 && a->hours_sumsq == b->hours_sumsq;
}

/* Writes c with counts_write into memory and parses that row back. */
static void
round_trip(const struct counts *c)
{
	static char buf[4096];
	struct csv_reader *r;
	struct csv_record rec;
	struct counts back;
	struct out o;
	ssize_t n;
	int fd, bad;

	if ((fd = memfd_create("counts", 0)) < 0)
		abort();
	out_fd(&o, fd, "memfd");
	counts_write(&o, c);
	out_flush(&o);
	if ((n = pread(fd, buf, sizeof(buf), 0)) <= 0 || (size_t)n == sizeof(buf))
		abort();
	out_close(&o);
	r = csv_open_mem("round trip", buf, (size_t)n, CSV_UTF8);
	if (!csv_read(r, &rec) || rec.nfields != CNT_COUNT ||
	    counts_parse(rec.field, &back, &bad) != 0 || !same(c, &back))
		abort();
	csv_close(r);
}

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
	while (csv_read(r, &rec)) {
		struct counts c, sum;
		int bad;

		if (rec.nfields != CNT_COUNT || counts_parse(rec.field, &c, &bad) != 0)
			continue;
		round_trip(&c);
		counts_zero(&sum, c.v[CNT_DAYS]);
		if (counts_merge(&sum, &c) != 0 || !same(&sum, &c))
			abort();
	}
	csv_close(r);
	return 0;
}
