/*
 * GB18030 rows read through csvio (its tables of two- and four-byte
 * sequences, or the converter for other lines) against glibc's converter
 * on the whole line: the same UTF-8 bytes, and the same rows flagged bad.
 * First every code point, as the converter encodes it, 64 to a line; then
 * random rows mixing ASCII (single bytes, and runs as long as ids and
 * times), two-byte characters, four-byte sequences (valid or not) and
 * stray bytes: 0x80, 0xff, a lead byte at the end, a lead before 0x7f.
 */
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csvio.h"

/* Writes one random piece to buf; returns its length. */
static size_t
random_piece(unsigned char *buf)
{
	switch (rand() % 10) {
	case 0:
	case 1:
	case 2:		/* ASCII that is not CSV syntax */
		buf[0] = (unsigned char)(0x23 + rand() % 9);	/* # .. + */
		return 1;
	case 3:		/* four bytes: 81-84 30-39 81-fe 30-39, or a wider lead */
		buf[0] = (unsigned char)(rand() % 2 ? 0x81 + rand() % 4 : 0x90 + rand() % 0x6e);
		buf[1] = (unsigned char)(0x30 + rand() % 10);
		buf[2] = (unsigned char)(0x81 + rand() % 0x7e);
		buf[3] = (unsigned char)(0x30 + rand() % 10);
		return 4;
	case 4:		/* a stray byte */
		buf[0] = (unsigned char)rand();
		if (buf[0] == ',' || buf[0] == '"' || buf[0] == '\n' || buf[0] == '\r')
			buf[0] = 'q';
		return 1;
	case 5:		/* a lead byte before 0x7f or 0xff */
		buf[0] = (unsigned char)(0x81 + rand() % 0x7e);
		buf[1] = rand() % 2 ? 0x7f : 0xff;
		return 2;
	case 6: {	/* an ASCII run, as ids and times are: 15 to 40 bytes */
		size_t n = 15 + (size_t)(rand() % 26);

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(0x23 + rand() % 9);
		return n;
	}
	default:	/* a two-byte character, or what looks like one */
		buf[0] = (unsigned char)(0x81 + rand() % 0x7e);
		buf[1] = (unsigned char)(0x40 + rand() % 0xbf);
		return 2;
	}
}

/* The converter on the whole line: its UTF-8 length, or -1 (as for a NUL
 * byte, which csvio flags in any encoding). */
static long
reference(iconv_t cd, const unsigned char *line, size_t n, char *out, size_t cap)
{
	char *in = (char *)line, *o = out;
	size_t inleft = n, outleft = cap;

	if (memchr(line, '\0', n) != NULL)
		return -1;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		iconv(cd, NULL, NULL, NULL, NULL);
		return -1;
	}
	return (long)(o - out);
}

/* UTF-8 of code point cp at u; its length. */
static size_t
utf8_of(uint32_t cp, char *u)
{
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (char)(0xf0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	u[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Every code point from U+0080 the converter encodes, read back through
 * csvio 64 to a line: what the converter decodes the line to. */
static void
every_code_point(iconv_t cd)
{
	iconv_t enc = iconv_open("GB18030", "UTF-8");
	char gb[64 * 4 + 1], want[64 * 4 + 1];
	long lines = 0, points = 0;

	if (enc == (iconv_t)-1)
		die_errno("iconv_open");
	for (uint32_t cp = 0x80; cp <= 0x10ffff && check_failures < 10; lines++) {
		size_t n = 1;
		struct csv_record rec;
		struct err e;

		gb[0] = 'x';		/* never a byte-order mark */
		for (int k = 0; k < 64 && cp <= 0x10ffff; cp++) {
			char u[4], *in = u, *o = gb + n;
			size_t inleft, outleft = sizeof(gb) - n;

			if (cp >= 0xd800 && cp <= 0xdfff)
				continue;
			inleft = utf8_of(cp, u);
			if (iconv(enc, &in, &inleft, &o, &outleft) == (size_t)-1) {
				iconv(enc, NULL, NULL, NULL, NULL);
				continue;
			}
			n = (size_t)(o - gb);
			k++;
			points++;
		}
		long w = reference(cd, (unsigned char *)gb, n, want, sizeof(want));
		struct csv_reader *r = csv_open_mem("line", gb, n, CSV_GB18030);

		CHECK(w >= 0 && csv_read(r, &rec, &e) > 0 && rec.nfields == 1 && !rec.bad_encoding &&
		    rec.flaw != CSV_FLAW_UTF8_IN_GB18030 && rec.field[0].len == (size_t)w &&
		    memcmp(rec.field[0].s, want, (size_t)w) == 0,
		    "code points up to U+%04X: not what the converter gives", (unsigned)cp - 1);
		csv_close(r);
	}
	CHECK(points > 1100000, "only %ld code points", points);
	iconv_close(enc);
}

int
main(int argc, char **argv)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	unsigned char line[256];
	char want[1024];
	int nbad = 0, ngood = 0, nutf8 = 0;

	(void)argc;
	util_init("gb18030_test", argv);
	if (cd == (iconv_t)-1)
		die_errno("iconv_open");
	every_code_point(cd);
	srand(18030);
	for (int iter = 0; iter < 100000 && check_failures < 10; iter++) {
		size_t n = 1;
		int pieces = rand() % 40, clean = rand() % 2;
		struct csv_record rec;
		struct err e;

		line[0] = 'x';		/* never blank, never a byte-order mark */
		while (pieces-- > 0 && n < sizeof(line) - 48) {
			size_t k = random_piece(line + n);
			int keep = 1;

			/* clean rows: ASCII, two- and four-byte sequences only */
			if (clean)
				keep = k == 1 ? line[n] != 0 && line[n] < 0x80 :
				    k == 4 || (line[n + 1] != 0x7f && line[n + 1] != 0xff);
			n += keep ? k : 0;
		}
		long w = reference(cd, line, n, want, sizeof(want));
		struct csv_reader *r = csv_open_mem("line", (const char *)line, n,
		    CSV_GB18030);

		if (csv_read(r, &rec, &e) <= 0 || rec.nfields != 1)
			CHECK(0, "row %d: not one field", iter);
		else if (rec.flaw == CSV_FLAW_UTF8_IN_GB18030) {
			/* valid UTF-8 with a long character: left as it is */
			CHECK(rec.field[0].len == n && memcmp(rec.field[0].s, line, n) == 0,
			    "row %d (%zu bytes): UTF-8 changed", iter, n);
			nutf8++;
		} else if (w < 0) {
			CHECK(rec.bad_encoding, "row %d (%zu bytes): not flagged", iter, n);
			nbad++;
		} else {
			CHECK(!rec.bad_encoding && rec.field[0].len == (size_t)w &&
			    memcmp(rec.field[0].s, want, (size_t)w) == 0,
			    "row %d (%zu bytes): not what the converter gives", iter, n);
			ngood++;
		}
		csv_close(r);
	}
	CHECK(nbad > 10000 && ngood > 10000 && nutf8 < 1000,
	    "%d bad, %d good and %d UTF-8 rows", nbad, ngood, nutf8);
	iconv_close(cd);
	return check_failures != 0;
}
