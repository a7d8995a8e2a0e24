/*
 * libFuzzer: count-table rows.  What counts_parse accepts, counts_write
 * writes back as a row that parses to the same counts, and adding it to
 * zero gives it again.  And count tables as rexian-rate reads them (any
 * subset of the count columns, their contradictions).
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
	struct err e;
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
	if (csv_read(r, &rec, &e) <= 0 || rec.nfields != CNT_COUNT ||
	    counts_parse(rec.field, &back, &bad) != 0 || !same(c, &back))
		abort();
	csv_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	struct csv_record rec;
	struct err e;

	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	/* as rexian-rate reads it: a header of any count columns, then rows */
	if (csv_read(r, &rec, &e) > 0) {
		struct count_layout l;
		char why[256];

		while (counts_layout("fuzz", &rec, &l, &e) == 0 &&
		    csv_read(r, &rec, &e) > 0) {
			struct counts c;
			int bad;

			if (rec.nfields == (size_t)l.ncol &&
			    counts_parse_layout(&l, rec.field, &c, &bad) == 0)
				counts_contradiction(&l, &c, why, sizeof(why));
		}
	}
	csv_close(r);
	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	while (csv_read(r, &rec, &e) > 0) {
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
