/*
 * Which rows csvio flags as bad UTF-8, against a validator written from
 * the Unicode Standard's table of well-formed byte sequences (Table 3-7),
 * on random rows built from valid characters of every length, the bytes
 * at the edges of each range, truncated sequences and stray bytes, long
 * enough to cross the 16-byte blocks of the fast check.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "csvio.h"

/* Table 3-7: the second byte's range for each lead; later bytes 80..BF. */
static int
reference_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], lo = 0x80, hi = 0xbf, k;

		if (c == 0)
			return 0;	/* csvio flags a NUL as well */
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3;
		else
			return 0;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (i + k >= n || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t j = 2; j <= k; j++)
			if (s[i + j] < 0x80 || s[i + j] > 0xbf)
				return 0;
		i += k + 1;
	}
	return 1;
}

/* Writes one random piece to buf, a valid character if clean; returns its
 * length. */
static size_t
random_piece(unsigned char *buf, int clean)
{
	static const unsigned char edges[] = {
		0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
		0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4,
		0xf5, 0xf8, 0xfe, 0xff,
	};
	static const char *const chars[] = {
		"a", ",", "7", "é", "淄", "博", "𠀀", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf",
		"\xee\x80\x80", "\xe0\xa0\x80", "\xf0\x90\x80\x80", "\xc2\x80",
	};
	static const char *const ill_formed[] = {
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf",
		"\xc0\x80", "\xc1\xbf", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x80", "\xbf",
		"\xe4\xb8", "\xf0\x9f\x98",
	};
	int kind = clean ? 0 : rand() % 11;

	if (kind < 6) {
		const char *c = chars[rand() % (int)(sizeof(chars) / sizeof(chars[0]))];

		memcpy(buf, c, strlen(c));
		return strlen(c);
	}
	if (kind < 8) {
		/* a valid character cut short */
		const char *c = chars[3 + rand() % 10];
		size_t n = strlen(c);

		n = n > 1 ? 1 + (size_t)rand() % (n - 1) : n;
		memcpy(buf, c, n);
		return n;
	}
	if (kind == 10) {
		const char *c = ill_formed[rand() % (int)(sizeof(ill_formed) /
		    sizeof(ill_formed[0]))];

		memcpy(buf, c, strlen(c));
		return strlen(c);
	}
	buf[0] = kind == 8 ? edges[rand() % (int)sizeof(edges)] : (unsigned char)rand();
	/* keep the row one physical line with no quoting */
	if (buf[0] == '\n' || buf[0] == '\r' || buf[0] == '"')
		buf[0] = 'q';
	return 1;
}

int
main(int argc, char **argv)
{
	unsigned char line[256];
	int nbad = 0, ngood = 0;

	(void)argc;
	util_init("utf8_test", argv);
	srand(18030);
	for (int iter = 0; iter < 200000 && check_failures < 10; iter++) {
		size_t n = 1;
		int pieces = rand() % 48, clean = rand() % 2;
		struct csv_record rec;
		struct err e;

		line[0] = 'x';		/* never blank, never a byte-order mark */
		for (int p = 0; p < pieces && n < sizeof(line) - 8; p++)
			n += random_piece(line + n, clean);
		struct csv_reader *r = csv_open_mem("line", (const char *)line, n, CSV_UTF8);

		if (csv_read(r, &rec, &e) <= 0)
			CHECK(0, "no record");
		else {
			int want_bad = !reference_valid(line, n);

			CHECK(rec.bad_encoding == want_bad, "row %d (%zu bytes) %s", iter, n,
			    want_bad ? "not flagged" : "flagged");
			nbad += want_bad;
			ngood += !want_bad;
		}
		csv_close(r);
	}
	CHECK(nbad > 20000 && ngood > 20000, "%d bad and %d good rows", nbad, ngood);
	return check_failures != 0;
}
