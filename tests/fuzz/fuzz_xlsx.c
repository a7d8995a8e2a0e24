/*
 * libFuzzer: the .xlsx sheet reader on any sheet XML, shared strings and
 * styles.  The input is split at "\xff\xff" into the sheet, the shared
 * strings and the styles, stored in a zip built here around a fixed
 * workbook, and read through xlsx_open and xlsx_read as rexian-ingest
 * reads it: every record's fields must lie within the sheet's limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"
#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char workbook[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"s\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
    "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";

static uint32_t
crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffff;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320 & -(c & 1));
	}
	return ~c;
}

static void
le(int fd, uint32_t v, int bytes)
{
	uint8_t b[4];

	for (int i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	if (write(fd, b, (size_t)bytes) != bytes)
		abort();
}

struct entry {
	const char *name;
	const uint8_t *p;
	size_t n;
	uint32_t at;
};

/* A zip of stored (uncompressed) entries, as the format's appendix lays it out. */
static void
write_zip(int fd, struct entry *e, int n)
{
	uint32_t at = 0, dir;

	for (int i = 0; i < n; i++) {
		size_t nl = strlen(e[i].name);

		e[i].at = at;
		le(fd, 0x04034b50, 4);
		le(fd, 20, 2); le(fd, 0, 2); le(fd, 0, 2); le(fd, 0, 2); le(fd, 0, 2);
		le(fd, crc32_of(e[i].p, e[i].n), 4);
		le(fd, (uint32_t)e[i].n, 4); le(fd, (uint32_t)e[i].n, 4);
		le(fd, (uint32_t)nl, 2); le(fd, 0, 2);
		if (write(fd, e[i].name, nl) != (ssize_t)nl ||
		    (e[i].n > 0 && write(fd, e[i].p, e[i].n) != (ssize_t)e[i].n))
			abort();
		at += 30 + (uint32_t)nl + (uint32_t)e[i].n;
	}
	dir = at;
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(e[i].name);

		le(fd, 0x02014b50, 4);
		le(fd, 20, 2); le(fd, 20, 2); le(fd, 0, 2); le(fd, 0, 2); le(fd, 0, 2);
		le(fd, 0, 2);
		le(fd, crc32_of(e[i].p, e[i].n), 4);
		le(fd, (uint32_t)e[i].n, 4); le(fd, (uint32_t)e[i].n, 4);
		le(fd, (uint32_t)nl, 2); le(fd, 0, 2); le(fd, 0, 2); le(fd, 0, 2);
		le(fd, 0, 2); le(fd, 0, 4); le(fd, e[i].at, 4);
		if (write(fd, e[i].name, nl) != (ssize_t)nl)
			abort();
		at += 46 + (uint32_t)nl;
	}
	le(fd, 0x06054b50, 4);
	le(fd, 0, 2); le(fd, 0, 2); le(fd, (uint32_t)n, 2); le(fd, (uint32_t)n, 2);
	le(fd, at - dir, 4); le(fd, dir, 4); le(fd, 0, 2);
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
}

/* The next part of data, up to "\xff\xff" or the end. */
static const uint8_t *
next_part(const uint8_t **data, size_t *size, size_t *n)
{
	const uint8_t *p = *data, *sep = memmem(p, *size, "\xff\xff", 2);

	*n = sep != NULL ? (size_t)(sep - p) : *size;
	*data += sep != NULL ? *n + 2 : *n;
	*size -= sep != NULL ? *n + 2 : *n;
	return p;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static jmp_buf j;
	struct entry e[5] = {
		{ "xl/workbook.xml", (const uint8_t *)workbook, sizeof(workbook) - 1, 0 },
		{ "xl/_rels/workbook.xml.rels", (const uint8_t *)rels, sizeof(rels) - 1, 0 },
	};
	struct csv_record rec;
	struct xlsx *x;
	int fd = memfd_create("fuzz.xlsx", MFD_CLOEXEC);

	if (fd < 0)
		abort();
	e[2].name = "xl/worksheets/sheet1.xml";
	e[2].p = next_part(&data, &size, &e[2].n);
	e[3].name = "xl/sharedStrings.xml";
	e[3].p = next_part(&data, &size, &e[3].n);
	e[4].name = "xl/styles.xml";
	e[4].p = next_part(&data, &size, &e[4].n);
	write_zip(fd, e, 5);
	util_catch_die(&j);
	if (setjmp(j) != 0) {
		xlsx_close_all();
		return 0;
	}
	x = xlsx_open(fd, "fuzz.xlsx", NULL);
	while (xlsx_read(x, &rec)) {
		if (rec.nfields > 16384 || rec.line < 1 || rec.line > 1048576)
			abort();
		for (size_t i = 0; i < rec.nfields; i++)
			if (rec.field[i].len > 0 && rec.field[i].s == NULL)
				abort();
	}
	xlsx_close(x);
	return 0;
}
