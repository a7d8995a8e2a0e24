/*
 * csvio.c: the CSV reader and writer: a fast in-place scanner for plain rows,
 * libcsv for every other row, GB18030 detection and conversion,
 * UTF-16 recognised and refused with the iconv command that converts it,
 * and RFC 4180 quoting on output (formula-safe on demand).
 * The contract is in csvio.h.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvio.h"

enum {
	READ_CHUNK = 1 << 20,
	DETECT_BYTES = 1 << 16,
};

struct csv_reader {
	char *name;
	int fd;			/* -1 for a memory buffer */
	char *buf;		/* owned unless reading from memory */
	size_t cap, start, end;
	long long nread;	/* bytes of input in buf or before it */
	int eof;
	int started;		/* the BOM and the encoding are settled */
	long line;		/* physical lines consumed */
	char eol;		/* '\n', or '\r' for CR-only line ends */
	size_t line_start;	/* the raw offset of the last line in buf */
	size_t record_start;	/* and of the last record's first line */
	int line_flaw;		/* the last line's enum csv_flaw */
	enum csv_encoding enc;
	iconv_t cd;
	char *conv;		/* the current line in UTF-8, for GB18030 input */
	size_t convcap;
	struct csv_field *field;
	size_t fieldcap;

	/* the libcsv path: fields copied to an arena as offsets */
	struct csv_parser parser;
	char *arena;
	size_t arenalen, arenacap;
	size_t *off, *len;
	size_t nquoted, quotedcap;
	int record_done;
	/* the line the last record's fields all lie in, in order, or NULL */
	const char *plain_line;
	size_t plain_len;

	/* buf[0..text_ok) is known valid UTF-8 with no NUL byte: its lines
	 * need no check of their own */
	size_t text_ok;

	/* the row test, and what it splits a line into */
	csv_row_test row_test;
	void *row_ctx;
	struct csv_field *tfield;
	size_t tfieldcap;
	char *tarena;
	size_t tarenacap;
};

/* realloc for libcsv that at least doubles, so its fixed steps add up to
 * geometric growth; NULL on failure, which libcsv reports */
static void *
grow_geometric(void *p, size_t n)
{
	size_t have = p != NULL ? malloc_usable_size(p) : 0;

	if (n <= have)
		return p;
	return realloc(p, n > have * 2 ? n : have * 2);
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int
is_newline(unsigned char c)
{
	return c == '\n';
}

static void
quoted_field(void *s, size_t n, void *data)
{
	struct csv_reader *r = data;

	xgrow(&r->arena, &r->arenacap, r->arenalen + n + 1, 1);
	if (n > 0)
		memcpy(r->arena + r->arenalen, s, n);
	if (r->nquoted == r->quotedcap) {
		size_t cap = r->quotedcap;

		xgrow(&r->off, &cap, r->nquoted + 1, sizeof(size_t));
		xgrow(&r->len, &r->quotedcap, r->nquoted + 1, sizeof(size_t));
	}
	r->off[r->nquoted] = r->arenalen;
	r->len[r->nquoted] = n;
	r->nquoted++;
	r->arenalen += n;
}

static void
quoted_record(int c, void *data)
{
	struct csv_reader *r = data;

	(void)c;
	r->record_done = 1;
}

/* A reader named name for messages; the caller frees it with csv_close. */
static struct csv_reader *
reader_new(const char *name)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->name = xstrdup(name);
	r->eol = '\n';
	r->cd = (iconv_t)-1;
	/* fails only for a NULL parser; it allocates nothing */
	(void)csv_init(&r->parser, 0);
	csv_set_space_func(&r->parser, never_space);
	csv_set_term_func(&r->parser, is_newline);
	/* libcsv grows its field buffer a block at a time: with a geometric
	 * realloc behind it, a 100 MB field is not quadratic and a short one
	 * does not cost a megabyte */
	csv_set_blk_size(&r->parser, 256);
	csv_set_realloc_func(&r->parser, grow_geometric);
	return r;
}

int
csv_open(const char *path, enum csv_encoding enc, struct csv_reader **r,
    struct err *e)
{
	int stdin_input = path == NULL || strcmp(path, "-") == 0;
	int fd = STDIN_FILENO;

	*r = NULL;
	if (!stdin_input && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return err_errno(e, "%s", path);
	*r = csv_open_fd(fd, name_of_input(path), NULL, 0, enc);
	return 0;
}

struct csv_reader *
csv_open_fd(int fd, const char *name, const char *head, size_t nhead,
    enum csv_encoding enc)
{
	struct csv_reader *r = reader_new(name);

	r->fd = fd;
	r->enc = enc;
	r->cap = nhead > READ_CHUNK ? nhead : READ_CHUNK;
	r->buf = xmalloc(r->cap);
	if (nhead > 0)
		memcpy(r->buf, head, nhead);
	r->end = nhead;
	return r;
}

struct csv_reader *
csv_open_mem(const char *name, const char *data, size_t len, enum csv_encoding enc)
{
	struct csv_reader *r = reader_new(name);

	r->fd = -1;
	r->buf = (char *)data;
	r->cap = r->end = len;
	r->nread = (long long)len;
	r->eof = 1;
	r->enc = enc;
	return r;
}

void
csv_set_row_test(struct csv_reader *r, csv_row_test test, void *ctx)
{
	r->row_test = test;
	r->row_ctx = ctx;
}

const char *
csv_name(const struct csv_reader *r)
{
	return r->name;
}

enum csv_encoding
csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

long long
csv_offset(const struct csv_reader *r)
{
	return r->nread - (long long)(r->end - r->start);
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	if (r->fd >= 0)
		free(r->buf);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	csv_free(&r->parser);
	free(r->conv);
	free(r->field);
	free(r->arena);
	free(r->tfield);
	free(r->tarena);
	free(r->off);
	free(r->len);
	free(r->name);
	free(r);
}

/* Reads more input after the unconsumed bytes: 1, 0 at the end, or -1. */
static int
fill(struct csv_reader *r, struct err *e)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	do
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return err_errno(e, "%s: read error", r->name);
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += (size_t)n;
	r->nread += n;
	return 1;
}

/* Length of the longest valid UTF-8 prefix of s[0..n). */
static size_t
utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (s[i] < 0x80) {
			/* skip ASCII eight bytes at a time */
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		unsigned c = s[i];
		size_t k;
		uint32_t cp;

		/* Chinese text is three-byte sequences: check those directly */
		if (c >= 0xe1 && c <= 0xef && c != 0xed && i + 2 < n &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}

		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else
			return i;
		if (i + k >= n)
			return i;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return i;
		i += k + 1;
	}
	return i;
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

/*
 * Keiser and Lemire's check ("Validating UTF-8 in less than one instruction
 * per byte", 2021), thirty-two bytes a step where the CPU has AVX2 (else
 * utf8_valid_prefix, a byte at a time): three table look-ups classify
 * each pair of adjacent bytes by the error it would be, and a lead byte's
 * second and third followers must be continuations.  The end is a block
 * padded with NULs, which no unfinished sequence may be followed by.
 */
enum {
	TOO_SHORT = 1 << 0, TOO_LONG = 1 << 1, OVERLONG_3 = 1 << 2,
	TOO_LARGE = 1 << 3, SURROGATE = 1 << 4, OVERLONG_2 = 1 << 5,
	TOO_LARGE_1000 = 1 << 6, OVERLONG_4 = 1 << 6, TWO_CONTS = 1 << 7,
	CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

/* The error classes a pair of bytes may be, by its first byte's high and
 * low nibble and its second byte's high nibble; a pair is an error when
 * all three share a class. */
static const unsigned char utf8_byte1_high[16] = {
	TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	TOO_LONG, TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
	TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
	TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,
};
static const unsigned char utf8_byte1_low[16] = {
	CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2,
	CARRY, CARRY, CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
};
static const unsigned char utf8_byte2_high[16] = {
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	TOO_SHORT, TOO_SHORT,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

/* A table of sixteen bytes in both lanes. */
__attribute__((target("avx2"))) static __m256i
table16(const unsigned char *t)
{
	return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t));
}

/* The errors in the thirty-two bytes in, prev the block before them; each
 * 128-bit lane looks up the same tables. */
__attribute__((target("avx2"))) static __m256i
utf8_block_errors(__m256i in, __m256i prev)
{
	const __m256i nibble = _mm256_set1_epi8(0x0f);
	const __m256i byte1_high = table16(utf8_byte1_high);
	const __m256i byte1_low = table16(utf8_byte1_low);
	const __m256i byte2_high = table16(utf8_byte2_high);
	/* each lane's sixteen bytes before it: prev's high lane, in's low */
	__m256i before = _mm256_permute2x128_si256(prev, in, 0x21);
	__m256i prev1 = _mm256_alignr_epi8(in, before, 15);
	__m256i special = _mm256_and_si256(_mm256_and_si256(
	    _mm256_shuffle_epi8(byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
	    _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nibble))),
	    _mm256_shuffle_epi8(byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble)));
	__m256i third = _mm256_subs_epu8(_mm256_alignr_epi8(in, before, 14),
	    _mm256_set1_epi8(0xe0 - 0x80));
	__m256i fourth = _mm256_subs_epu8(_mm256_alignr_epi8(in, before, 13),
	    _mm256_set1_epi8(0xf0 - 0x80));
	__m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth),
	    _mm256_set1_epi8(-0x80));

	return _mm256_xor_si256(must_continue, special);
}

__attribute__((target("avx2"))) static int
utf8_valid_avx2(const unsigned char *s, size_t n)
{
	__m256i prev = _mm256_setzero_si256(), err = _mm256_setzero_si256(), in;
	unsigned char tail[32] = { 0 };
	size_t i = 0;

	for (; i + 32 <= n; i += 32) {
		in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		err = _mm256_or_si256(err, utf8_block_errors(in, prev));
		prev = in;
	}
	memcpy(tail, s + i, n - i);
	in = _mm256_loadu_si256((const __m256i *)(const void *)tail);
	err = _mm256_or_si256(err, utf8_block_errors(in, prev));
	return _mm256_testz_si256(err, err);
}
#endif

/* Whether s[0..n) is all valid UTF-8. */
static int
utf8_valid(const unsigned char *s, size_t n)
{
#if defined(__x86_64__) || defined(__i386__)
	if (__builtin_cpu_supports("avx2"))
		return utf8_valid_avx2(s, n);
#endif
	return utf8_valid_prefix(s, n) == n;
}

/*
 * Whether a sample reads as UTF-8: valid, or with more valid multibyte
 * characters than invalid bytes (a UTF-8 file with a few bad bytes; GB18030
 * text is almost never valid UTF-8).  A sequence cut by the end of the
 * sample is not counted.
 */
static int
looks_like_utf8(const unsigned char *p, size_t n, int complete)
{
	size_t good = 0, bad = 0, i = 0;

	while (i < n) {
		size_t v = utf8_valid_prefix(p + i, n - i);

		for (size_t j = i; j < i + v; j++)
			good += (p[j] & 0xc0) == 0xc0;
		i += v;
		if (i == n || (!complete && n - i < 4))
			break;
		bad++;
		i++;
	}
	return bad == 0 || good >= bad;
}

/*
 * GB18030 as glibc's converter decodes it, asked once a process.  Two-byte
 * characters: entry (lead - 0x81) * 191 + (trail - 0x40) of gbk_utf8 holds
 * the UTF-8 bytes, first byte lowest, with their count in the top byte; 0
 * where the converter refuses the pair or reads it as part of something
 * longer.  Four-byte sequences 81 30 81 30 .. 84 31 A4 39 (the rest of the
 * Basic Multilingual Plane) are numbered linearly and gb4_utf8 holds theirs
 * the same way; from 90 30 81 30 the sequences count the supplementary
 * planes from U+10000 in order, which needs no table.  A line of ASCII and
 * such sequences is decoded from the tables, any other line by the
 * converter itself, so both give its bytes (tests/unit/gb18030_test checks
 * every code point).
 */
enum { GB_LEADS = 0xfe - 0x81 + 1, GB_TRAILS = 0xfe - 0x40 + 1 };
/* four-byte sequences: index ((b1*10 + b2)*126 + b3)*10 + b4 from 81 30 81 30 */
enum { GB4_BMP = 39420, GB4_SUPPLEMENTARY = (0x90 - 0x81) * 12600 };
static uint32_t gbk_utf8[GB_LEADS * GB_TRAILS];
static uint32_t gb4_utf8[GB4_BMP];
static pthread_once_t gbk_once = PTHREAD_ONCE_INIT;

/* The converter's UTF-8 for in[0..n) as a table entry, or 0 if it refuses
 * it, reads only part of it, or gives more than three bytes. */
static uint32_t
gb_entry(iconv_t cd, const char *seq, size_t n)
{
	char utf8[8], *in = (char *)seq, *o = utf8;
	size_t inleft = n, outleft = sizeof(utf8);
	uint32_t e = 0;

	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft != 0 ||
	    o - utf8 > 3) {
		iconv(cd, NULL, NULL, NULL, NULL);
		return 0;
	}
	for (int k = (int)(o - utf8) - 1; k >= 0; k--)
		e = e << 8 | (unsigned char)utf8[k];
	return e | (uint32_t)(o - utf8) << 24;
}

static void
gbk_table_build(void)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");

	if (cd == (iconv_t)-1)
		return;		/* every line then goes to the converter */
	for (unsigned lead = 0x81; lead <= 0xfe; lead++)
		for (unsigned trail = 0x40; trail <= 0xfe; trail++) {
			char pair[2] = { (char)lead, (char)trail };

			gbk_utf8[(lead - 0x81) * GB_TRAILS + (trail - 0x40)] =
			    gb_entry(cd, pair, 2);
		}
	for (unsigned i = 0; i < GB4_BMP; i++) {
		char seq[4] = { (char)(0x81 + i / 12600), (char)(0x30 + i / 1260 % 10),
		    (char)(0x81 + i / 10 % 126), (char)(0x30 + i % 10) };

		gb4_utf8[i] = gb_entry(cd, seq, 4);
	}
	iconv_close(cd);
}

/* Writes a table entry's UTF-8 bytes at o; returns the end. */
static char *
put_entry(char *o, uint32_t e)
{
	for (uint32_t k = 0; k < e >> 24; k++)
		*o++ = (char)(e >> (8 * k));
	return o;
}

/* Decodes s[0..n) of ASCII and table sequences into out (room for 3n/2
 * bytes): its length, or -1 if the line has anything else. */
static long
gbk_decode(const unsigned char *s, size_t n, char *out)
{
	char *o = out;

	for (size_t i = 0; i < n;) {
		unsigned c = s[i], t;
		uint32_t e;

#ifdef __SSE2__
		/* ids, times and commas: sixteen ASCII bytes copied at a time */
		if (c < 0x80 && i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));

			if (_mm_movemask_epi8(v) == 0) {
				_mm_storeu_si128((__m128i *)(void *)o, v);
				o += 16;
				i += 16;
				continue;
			}
		}
#endif
		if (c < 0x80) {
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x81 || c > 0xfe || i + 1 >= n)
			return -1;
		t = s[i + 1];
		if (t >= 0x40 && t <= 0xfe) {
			if ((e = gbk_utf8[(c - 0x81) * GB_TRAILS + (t - 0x40)]) == 0)
				return -1;
			o = put_entry(o, e);
			i += 2;
			continue;
		}
		if (t < 0x30 || t > 0x39 || i + 3 >= n || s[i + 2] < 0x81 ||
		    s[i + 2] > 0xfe || s[i + 3] < 0x30 || s[i + 3] > 0x39)
			return -1;
		uint32_t idx = (((c - 0x81) * 10 + (t - 0x30)) * 126 + (s[i + 2] - 0x81)) *
		    10 + (s[i + 3] - 0x30);

		if (idx < GB4_BMP) {
			if ((e = gb4_utf8[idx]) == 0)
				return -1;
			o = put_entry(o, e);
		} else if (idx >= GB4_SUPPLEMENTARY &&
		    idx - GB4_SUPPLEMENTARY <= 0x10ffff - 0x10000) {
			uint32_t cp = 0x10000 + (idx - GB4_SUPPLEMENTARY);

			*o++ = (char)(0xf0 | cp >> 18);
			*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
			*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else
			return -1;
		i += 4;
	}
	return (long)(o - out);
}

/*
 * UTF-16 without a byte-order mark: ASCII text has a NUL byte beside each
 * character, always on the same side, a line end included.  A NUL here
 * and there in UTF-8 or GB18030 (a bad row, rejected) is not that.
 */
static int
refuse_utf16_without_bom(const struct csv_reader *r, const unsigned char *p,
    size_t n, struct err *e)
{
	size_t nul[2] = { 0, 0 };
	int lf[2] = { 0, 0 };	/* a line end as UTF-16BE (0) or LE (1) writes it */

	for (size_t i = 0; i < n; i++)
		if (p[i] == '\0')
			nul[i & 1]++;
	for (size_t i = 0; i + 1 < n; i += 2) {
		lf[0] |= p[i] == '\0' && p[i + 1] == '\n';
		lf[1] |= p[i] == '\n' && p[i + 1] == '\0';
	}
	for (int side = 0; side < 2; side++)
		if (nul[side] >= 2 && nul[!side] == 0 && lf[side])
			return err_set(e, "%s: this looks like UTF-16%s without a "
			    "byte-order mark (a NUL byte beside every letter); "
			    "convert it to UTF-8 first (iconv -f UTF-16%s -t "
			    "UTF-8)", r->name, side ? "LE" : "BE", side ? "LE" : "BE");
	return 0;
}

/* Looks at the first bytes for the encoding and line end: 0, or -1. */
static int
settle_encoding(struct csv_reader *r, struct err *e)
{
	const unsigned char *p;
	size_t n;
	int k;

	while (r->end - r->start < DETECT_BYTES && (k = fill(r, e)) != 0)
		if (k < 0)
			return -1;
	p = (const unsigned char *)r->buf + r->start;
	n = r->end - r->start;
	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return err_set(e, "%s: UTF-16 input is not supported; convert it "
		    "to UTF-8 first (iconv -f UTF-16 -t UTF-8)", r->name);
	if (refuse_utf16_without_bom(r, p, n, e) != 0)
		return -1;
	/* old spreadsheet exports end lines in CR alone */
	if (memchr(p, '\n', n) == NULL && memchr(p, '\r', n) != NULL)
		r->eol = '\r';
	/* a byte-order mark is dropped when it is the input's own */
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 && r->enc != CSV_GB18030) {
		r->start += 3;
		r->enc = CSV_UTF8;
	} else if (n >= 4 && memcmp(p, "\x84\x31\x95\x33", 4) == 0 &&
	    r->enc != CSV_UTF8) {
		r->start += 4;
		r->enc = CSV_GB18030;
	}
	if (r->enc == CSV_AUTO)
		r->enc = looks_like_utf8(p, n, r->eof) ? CSV_UTF8 : CSV_GB18030;
	if (r->enc == CSV_GB18030) {
		r->cd = iconv_open("UTF-8", "GB18030");
		if (r->cd == (iconv_t)-1)
			return err_errno(e, "iconv GB18030");
		pthread_once(&gbk_once, gbk_table_build);
	}
	r->started = 1;
	return 0;
}

/* Converts a GB18030 line to UTF-8 in r->conv; -1 on an invalid sequence. */
static int
gb18030_line(struct csv_reader *r, const char *s, size_t n, char **out, size_t *outn)
{
	char *in = (char *)s;
	size_t inleft = n, outleft;
	char *o;
	long fast;

	xgrow(&r->conv, &r->convcap, n * 2 + 8, 1);
	if ((fast = gbk_decode((const unsigned char *)s, n, r->conv)) >= 0) {
		*out = r->conv;
		*outn = (size_t)fast;
		return 0;
	}
	o = r->conv;
	outleft = r->convcap;
	while (inleft > 0) {
		if (iconv(r->cd, &in, &inleft, &o, &outleft) != (size_t)-1)
			break;
		if (errno != E2BIG) {
			/* GB18030 keeps no state but what a bad sequence left */
			iconv(r->cd, NULL, NULL, NULL, NULL);
			return -1;
		}
		size_t used = (size_t)(o - r->conv);

		xgrow(&r->conv, &r->convcap, r->convcap + n + 8, 1);
		o = r->conv + used;
		outleft = r->convcap - used;
	}
	*out = r->conv;
	*outn = (size_t)(o - r->conv);
	return 0;
}

/*
 * Whether the non-ASCII rest of a GB18030 line is UTF-8 with a character
 * of three bytes or more: GB18030 text is almost never valid UTF-8, and a
 * row pasted in from a UTF-8 file decodes as GB18030 to other characters.
 */
static int
utf8_in_gb18030(const unsigned char *s, size_t n)
{
	/* s[0] is not ASCII: a first sequence UTF-8 cannot hold (as with
	 * almost every GB18030 line) settles it without reading the rest */
	size_t len = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3 :
	    s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;

	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (!utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0xe0)
			return 1;
	return 0;
}

/*
 * The next physical line, without its LF or CR LF, in UTF-8 where the input
 * is valid: 1, 0 at the end of input, or -1.  *bad is set for an invalid
 * line, which is then returned as it was.
 */
static int
next_line(struct csv_reader *r, char **line, size_t *n, int *bad, struct err *e)
{
	char *nl, *s;
	size_t len;
	int k;

	if (!r->started && settle_encoding(r, e) != 0)
		return -1;
	for (;;) {
		nl = memchr(r->buf + r->start, r->eol, r->end - r->start);
		if (nl != NULL || (k = fill(r, e)) == 0)
			break;
		if (k < 0)
			return -1;
	}
	s = r->buf + r->start;
	r->line_start = r->start;
	r->line_flaw = CSV_FLAW_NONE;
	if (nl != NULL) {
		len = (size_t)(nl - s);
		r->start += len + 1;
	} else {
		len = r->end - r->start;
		if (len == 0)
			return 0;
		r->start = r->end;
	}
	r->line++;
	if (len > 0 && s[len - 1] == '\r' && r->eol == '\n')
		len--;
	*bad = 0;
	if (r->line_start + len <= r->text_ok)
		goto checked;	/* with the rest of its chunk */
	/* a NUL byte is no text: the row is bad in either encoding */
	*bad = memchr(s, '\0', len) != NULL;
	if (r->enc == CSV_GB18030) {
		size_t i;

		for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
			;
		if (i < len && utf8_in_gb18030((unsigned char *)s + i, len - i))
			r->line_flaw = CSV_FLAW_UTF8_IN_GB18030;
		else if (i < len && gb18030_line(r, s, len, &s, &len) != 0)
			*bad = 1;
	} else if (!utf8_valid((unsigned char *)s, len))
		*bad = 1;
checked:
	*line = s;
	*n = len;
	return 1;
}

static void
record_fields(struct csv_reader *r, size_t n)
{
	xgrow(&r->field, &r->fieldcap, n, sizeof(*r->field));
}

/* Ends a field at each comma the mask marks in the sixteen bytes at
 * s[i]: f holds room for sixteen more. */
static inline void
end_fields_at(struct csv_field *f, size_t *nf, const char *s, size_t *start,
    size_t i, unsigned mask)
{
	for (; mask != 0; mask &= mask - 1) {
		size_t at = i + (size_t)__builtin_ctz(mask);

		f[*nf].s = s + *start;
		f[*nf].len = at - *start;
		(*nf)++;
		*start = at + 1;
	}
}

/*
 * Splits a line at its commas when it has no double quote: 0, or -1 (and
 * no record) when it has one.  One pass finds both, sixteen bytes a step
 * where SSE2 is there, the last few copied into sixteen of their own.
 * The fields are written through a local pointer, room made for each
 * step's sixteen before it, as stores through r->field could be r's own.
 */
static int
split_plain(struct csv_reader *r, const char *s, size_t n, struct csv_record *rec)
{
	size_t nf = 0, start = 0, i = 0;
	struct csv_field *f;

#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
	char tail[16] = { 0 };

	for (; i < n; i += 16) {
		__m128i v;

		if (i + 16 <= n)
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		else {
			memcpy(tail, s + i, n - i);
			v = _mm_loadu_si128((const __m128i *)(const void *)tail);
		}
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) != 0)
			return -1;
		record_fields(r, nf + 17);
		end_fields_at(r->field, &nf, s, &start, i,
		    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)));
	}
#else
	for (; i < n; i++) {
		if (s[i] == '"')
			return -1;
		if (s[i] == ',') {
			record_fields(r, nf + 17);
			end_fields_at(r->field, &nf, s, &start, i, 1);
		}
	}
#endif
	record_fields(r, nf + 1);
	f = r->field;
	f[nf].s = s + start;
	f[nf].len = n - start;
	rec->field = f;
	rec->nfields = nf + 1;
	r->plain_line = s;
	r->plain_len = n;
	return 0;
}

/*
 * Splits a line whose quoted fields all close on it, each quote directly
 * before a comma or the line's end; a field with a quote elsewhere, or one
 * left open, returns -1 for libcsv to read instead.  Fields with doubled
 * quotes are undoubled into the arena, sized once so that no pointer into
 * it moves.
 */
static int
split_quoted_line(struct csv_reader *r, char *s, size_t n, struct csv_record *rec)
{
	char *end = s + n;
	size_t nf = 0;

	r->arenalen = 0;
	xgrow(&r->arena, &r->arenacap, n + 1, 1);
	for (;;) {
		char *stop;

		record_fields(r, nf + 1);
		if (s < end && *s == '"') {
			char *text = ++s, *copy = NULL;

			for (;;) {
				char *q = memchr(s, '"', (size_t)(end - s));

				if (q == NULL)
					return -1;
				if (q + 1 < end && q[1] == '"') {
					if (copy == NULL) {
						copy = r->arena + r->arenalen;
						r->field[nf].s = copy;
					}
					memcpy(copy, s, (size_t)(q + 1 - s));
					copy += q + 1 - s;
					s = q + 2;
					continue;
				}
				if (copy != NULL) {
					memcpy(copy, s, (size_t)(q - s));
					copy += q - s;
					r->field[nf].len = (size_t)(copy - r->field[nf].s);
					r->arenalen += r->field[nf].len;
				} else {
					r->field[nf].s = text;
					r->field[nf].len = (size_t)(q - text);
				}
				s = q + 1;
				break;
			}
			nf++;
			if (s == end)
				break;
			if (*s++ != ',')
				return -1;
			continue;
		}
		stop = memchr(s, ',', (size_t)(end - s));
		if (stop == NULL)
			stop = end;
		if (memchr(s, '"', (size_t)(stop - s)) != NULL)
			return -1;
		r->field[nf].s = s;
		r->field[nf++].len = (size_t)(stop - s);
		if (stop == end)
			break;
		s = stop + 1;
	}
	rec->field = r->field;
	rec->nfields = nf;
	return 0;
}

/*
 * Whether a line, split on its own, passes the row test.  The splitters
 * work in the reader's field and arena buffers: they are lent the scratch
 * ones here, so that the record being read keeps its own.
 */
static int
passes_row_test(struct csv_reader *r, char *s, size_t n)
{
	struct csv_field *field = r->field;
	size_t fieldcap = r->fieldcap, arenalen = r->arenalen, arenacap = r->arenacap;
	char *arena = r->arena;
	struct csv_record alone;
	int pass;

	r->field = r->tfield;
	r->fieldcap = r->tfieldcap;
	r->arena = r->tarena;
	r->arenacap = r->tarenacap;
	pass = (split_plain(r, s, n, &alone) == 0 ||
	    split_quoted_line(r, s, n, &alone) == 0) &&
	    r->row_test(r->row_ctx, alone.field, alone.nfields);
	r->tfield = r->field;
	r->tfieldcap = r->fieldcap;
	r->tarena = r->arena;
	r->tarenacap = r->arenacap;
	r->field = field;
	r->fieldcap = fieldcap;
	r->arena = arena;
	r->arenalen = arenalen;
	r->arenacap = arenacap;
	r->plain_line = NULL;
	return pass;
}

/* Reads a record that libcsv must read, from its first line s[0..n): 0, or -1. */
static int
parse_quoted(struct csv_reader *r, char *s, size_t n, struct csv_record *rec,
    struct err *e)
{
	int bad = 0, k;

	r->arenalen = 0;
	r->nquoted = 0;
	r->record_done = 0;
	for (;;) {
		if (csv_parse(&r->parser, s, n, quoted_field, quoted_record, r) != n ||
		    csv_parse(&r->parser, "\n", 1, quoted_field, quoted_record, r) != 1)
			return err_set(e, "%s:%ld: %s", r->name, rec->line,
			    csv_strerror(csv_error(&r->parser)));
		if (r->record_done)
			break;
		/* each line ends in a newline, so only an open quote
		 * leaves the record unfinished */
		if ((k = next_line(r, &s, &n, &bad, e)) < 0)
			return -1;
		if (k == 0)
			return err_set(e, "%s:%ld: quoted field not closed before "
			    "the end of the input", r->name, rec->line);
		if (r->row_test != NULL && passes_row_test(r, s, n)) {
			/* the quote was stray: the record ends before this
			 * line, which is read again as a record of its own */
			r->start = r->line_start;
			r->line--;
			if (csv_fini(&r->parser, quoted_field, quoted_record, r) != 0)
				return err_set(e, "%s:%ld: %s", r->name, rec->line,
				    csv_strerror(csv_error(&r->parser)));
			/* the field cut short ends in the line end fed after
			 * its last line, not in text of its own */
			if (r->nquoted > 0 && r->len[r->nquoted - 1] > 0 &&
			    r->arena[r->off[r->nquoted - 1] + r->len[r->nquoted - 1] - 1] == '\n')
				r->len[r->nquoted - 1]--;
			rec->flaw = CSV_FLAW_STRAY_QUOTE;
			break;
		}
		rec->bad_encoding |= bad;
		if (r->line_flaw != CSV_FLAW_NONE)
			rec->flaw = r->line_flaw;
	}
	record_fields(r, r->nquoted);
	for (size_t i = 0; i < r->nquoted; i++) {
		r->field[i].s = r->arena + r->off[i];
		r->field[i].len = r->len[i];
	}
	rec->field = r->field;
	rec->nfields = r->nquoted;
	return 0;
}

int
csv_read(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	char *s;
	size_t n;
	int bad, k;

	do
		if ((k = next_line(r, &s, &n, &bad, e)) <= 0)
			return k;
	while (n == 0);
	r->record_start = r->line_start;
	rec->line = r->line;
	rec->bad_encoding = bad;
	rec->flaw = r->line_flaw;
	r->plain_line = NULL;
	if (split_plain(r, s, n, rec) != 0 && split_quoted_line(r, s, n, rec) != 0 &&
	    parse_quoted(r, s, n, rec, e) != 0)
		return -1;
	rec->last_line = r->line;
	return 1;
}

/* ---- batches of records, and reading ahead in a thread ------------------ */

enum { BATCH_RECORDS = 4096, BATCH_BYTES = 1 << 20, BATCH_SLOTS = 3 };

/* Records copied out of the reader's buffers, for another thread. */
struct batch {
	char *bytes;			/* the batch's field text */
	size_t nbytes, bytecap;
	size_t *off;			/* per field, while filling */
	struct csv_field *field;	/* per field, once filled */
	size_t nfields, offcap, fieldcap;
	long *line, *last;		/* per record */
	int *bad;			/* bad_encoding | flaw << 1 */
	size_t *first;			/* its first field */
	size_t nrec, linecap, lastcap, badcap, firstcap;
};

/* Frees what batch b holds, not b. */
static void
batch_release(struct batch *b)
{
	free(b->bytes);
	free(b->off);
	free(b->field);
	free(b->line);
	free(b->last);
	free(b->bad);
	free(b->first);
}

/*
 * Adds a record to a batch; line is the line all its fields lie in (copied
 * whole, a copy a record rather than one a field), or NULL.
 */
static void
batch_add(struct batch *b, const struct csv_record *rec, const char *line,
    size_t linelen)
{
	xgrow(&b->line, &b->linecap, b->nrec + 1, sizeof(*b->line));
	xgrow(&b->last, &b->lastcap, b->nrec + 1, sizeof(*b->last));
	xgrow(&b->bad, &b->badcap, b->nrec + 1, sizeof(*b->bad));
	xgrow(&b->first, &b->firstcap, b->nrec + 2, sizeof(*b->first));
	b->line[b->nrec] = rec->line;
	b->last[b->nrec] = rec->last_line;
	b->bad[b->nrec] = rec->bad_encoding | rec->flaw << 1;
	b->first[b->nrec] = b->nfields;
	size_t nbytes = linelen + 1;

	if (line == NULL)
		for (size_t i = 0; i < rec->nfields; i++)
			nbytes += rec->field[i].len;
	xgrow(&b->off, &b->offcap, b->nfields + rec->nfields, sizeof(*b->off));
	xgrow(&b->field, &b->fieldcap, b->nfields + rec->nfields, sizeof(*b->field));
	xgrow(&b->bytes, &b->bytecap, b->nbytes + nbytes, 1);
	if (line != NULL) {
		memcpy(b->bytes + b->nbytes, line, linelen);
		for (size_t i = 0; i < rec->nfields; i++) {
			b->off[b->nfields] = b->nbytes + (size_t)(rec->field[i].s - line);
			b->field[b->nfields++].len = rec->field[i].len;
		}
		b->nbytes += linelen;
	} else
		for (size_t i = 0; i < rec->nfields; i++) {
			memcpy(b->bytes + b->nbytes, rec->field[i].s, rec->field[i].len);
			b->off[b->nfields] = b->nbytes;
			b->field[b->nfields++].len = rec->field[i].len;
			b->nbytes += rec->field[i].len;
		}
	b->first[++b->nrec] = b->nfields;
}

/* Empties b and reads up to a batch's worth of records from r into it:
 * what csv_read returned last. */
static int
batch_fill(struct batch *b, struct csv_reader *r, struct err *e)
{
	struct csv_record rec;
	int k = 1;

	b->nbytes = b->nfields = b->nrec = 0;
	while (b->nrec < BATCH_RECORDS && b->nbytes < BATCH_BYTES &&
	    (k = csv_read(r, &rec, e)) > 0)
		batch_add(b, &rec, r->plain_line,
		    r->plain_line != NULL ? r->plain_len : 0);
	/* the text has stopped moving: the fields can point into it */
	for (size_t i = 0; i < b->nfields; i++)
		b->field[i].s = b->bytes + b->off[i];
	return k;
}

/* Sets rec to record i of b. */
static void
batch_record(const struct batch *b, size_t i, struct csv_record *rec)
{
	rec->field = b->field + b->first[i];
	rec->nfields = b->first[i + 1] - b->first[i];
	rec->line = b->line[i];
	rec->last_line = b->last[i];
	rec->bad_encoding = b->bad[i] & 1;
	rec->flaw = b->bad[i] >> 1;
}

/* A batch read ahead, and what ended it. */
struct slot {
	struct batch batch;
	int end;			/* the input ended after these records */
	int fatal;			/* the reader failed: its message in .err */
	struct err err;
	int full;			/* filled, not yet consumed */
};

struct csv_prefetch {
	struct csv_reader *r;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct slot slot[BATCH_SLOTS];
	size_t head, pos;		/* the consumer's batch and record */
	int stop;
};

/* Waits for slot i to be (full) or (empty); NULL when told to stop. */
static struct slot *
wait_slot(struct csv_prefetch *p, size_t i, int full)
{
	struct slot *b = &p->slot[i % BATCH_SLOTS];

	pthread_mutex_lock(&p->mu);
	while (b->full != full && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	if (b->full != full)
		b = NULL;
	pthread_mutex_unlock(&p->mu);
	return b;
}

static void
set_full(struct csv_prefetch *p, struct slot *b, int full)
{
	pthread_mutex_lock(&p->mu);
	b->full = full;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void *
prefetch_main(void *arg)
{
	struct csv_prefetch *p = arg;

	for (size_t i = 0;; i++) {
		struct slot *b = wait_slot(p, i, 0);
		int k;

		if (b == NULL)
			return NULL;
		k = batch_fill(&b->batch, p->r, &b->err);
		b->end = k == 0;
		b->fatal = k < 0;
		set_full(p, b, 1);
		if (k <= 0)
			return NULL;
	}
}

int
csv_prefetch_start(struct csv_reader *r, struct csv_prefetch **out, struct err *e)
{
	struct csv_prefetch *p = xcalloc(1, sizeof(*p));

	*out = NULL;
	p->r = r;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->thread, NULL, prefetch_main, p) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		free(p);
		return err_set(e, "cannot start a reading thread");
	}
	*out = p;
	return 0;
}

int
csv_prefetch_read(struct csv_prefetch *p, struct csv_record *rec, struct err *e)
{
	for (;;) {
		struct slot *b = wait_slot(p, p->head, 1);

		if (p->pos < b->batch.nrec) {
			batch_record(&b->batch, p->pos++, rec);
			return 1;
		}
		if (b->fatal) {
			/* the reader has returned; csv_prefetch_end joins it */
			*e = b->err;
			return -1;
		}
		if (b->end)
			return 0;
		p->pos = 0;
		p->head++;
		set_full(p, b, 0);
	}
}

void
csv_prefetch_end(struct csv_prefetch *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	for (int i = 0; i < BATCH_SLOTS; i++)
		batch_release(&p->slot[i].batch);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

/* ---- an input cut into chunks that threads read apart -------------------- */

enum { CHUNK_BYTES = 1 << 18, CHUNK_TRIES = 64 };

struct csv_chunker {
	const struct csv_reader *r;	/* the reader cut: read no further */
	struct csv_reader *probe;	/* reads a candidate line for the row test */
	char *carry;			/* bytes read past the last cut */
	size_t ncarry, carrycap;
	long line;			/* lines before the next chunk */
	int eof;
	int failed;			/* a read failed: err says how */
	struct err err;
};

struct csv_chunk {
	char *data;			/* the chunk, then a line to look ahead at */
	size_t len, cap;		/* bytes read */
	size_t cut, end;		/* its records' bytes; and what a reader sees */
	long line, lines;		/* lines before it, and in data[0..cut) */
	int last;			/* it ends the input */
	int truncated;			/* a read error ended it */
	int text_known;			/* text_ok is set */
	size_t text_ok;			/* data[0..text_ok) is valid UTF-8, no NUL */
};

/* A reader of memory, its input settled as r's is after its header. */
static struct csv_reader *
reader_like(const struct csv_reader *r)
{
	struct csv_reader *m = csv_open_mem(r->name, NULL, 0, r->enc);

	m->started = 1;
	m->eol = r->eol;
	m->row_test = r->row_test;
	m->row_ctx = r->row_ctx;
	if (m->enc == CSV_GB18030 &&
	    (m->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		die_errno("iconv GB18030");
	return m;
}

/* Points memory reader m at data[0..len), line lines into the input. */
static void
reader_aim(struct csv_reader *m, const char *data, size_t len, long line)
{
	m->buf = (char *)data;
	m->cap = m->end = len;
	m->start = 0;
	m->line = line;
	m->text_ok = 0;
}

struct csv_chunker *
csv_chunker_start(struct csv_reader *r)
{
	struct csv_chunker *c;

	if (r->row_test == NULL || r->fd < 0 || !r->started ||
	    (r->enc == CSV_GB18030 && r->cd == (iconv_t)-1))
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->r = r;
	c->probe = reader_like(r);
	c->ncarry = r->end - r->start;
	c->carry = xmemdup0(r->buf + r->start, c->ncarry);
	c->carrycap = c->ncarry + 1;
	c->line = r->line;
	c->eof = r->eof;
	return c;
}

void
csv_chunker_end(struct csv_chunker *c)
{
	if (c == NULL)
		return;
	csv_close(c->probe);
	free(c->carry);
	free(c);
}

struct csv_chunk *
csv_chunk_new(void)
{
	return xcalloc(1, sizeof(struct csv_chunk));
}

void
csv_chunk_free(struct csv_chunk *k)
{
	if (k != NULL)
		free(k->data);
	free(k);
}

/* Whether line s[0..n), its line end included, passes the row test. */
static int
line_passes(struct csv_chunker *c, const char *s, size_t n)
{
	struct csv_reader *p = c->probe;
	char *line;
	size_t len;
	int bad;
	struct err e;

	reader_aim(p, s, n, 0);
	return next_line(p, &line, &len, &bad, &e) == 1 && len > 0 &&
	    passes_row_test(p, line, len);
}

/*
 * Cuts k before one of the last complete lines of its first limit bytes
 * that passes the row test, and not before its first line: 1, or 0 when
 * none of the last CHUNK_TRIES does.  Whatever a record before that line
 * is, the reader ends it there.
 */
static int
find_cut(struct csv_chunker *c, struct csv_chunk *k, size_t limit)
{
	char eol = c->r->eol;
	const char *d = k->data, *nl = memrchr(d, eol, limit);

	for (int tries = 0; nl != NULL && tries < CHUNK_TRIES; tries++) {
		const char *prev = memrchr(d, eol, (size_t)(nl - d));
		size_t start = prev != NULL ? (size_t)(prev + 1 - d) : 0;

		if (start == 0)
			return 0;
		if (line_passes(c, d + start, (size_t)(nl + 1 - d) - start)) {
			k->cut = start;
			k->end = (size_t)(nl + 1 - d);
			return 1;
		}
		nl = prev;
	}
	return 0;
}

/* The line ends in s[0..n), sixteen bytes a step where SSE2 is there. */
static long
count_lines(const char *s, size_t n, char eol)
{
	long lines = 0;
	size_t i = 0;

#ifdef __SSE2__
	const __m128i e = _mm_set1_epi8(eol), zero = _mm_setzero_si128();

	while (i + 16 <= n) {
		/* a match is -1 in its byte: up to 255 steps count in bytes */
		__m128i acc = zero;

		for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(e,
			    _mm_loadu_si128((const __m128i *)(const void *)(s + i))));
		acc = _mm_sad_epu8(acc, zero);
		lines += _mm_cvtsi128_si64(acc) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(acc, acc));
	}
#endif
	for (; i < n; i++)
		lines += s[i] == eol;
	return lines;
}

int
csv_chunk_next(struct csv_chunker *c, struct csv_chunk *k, struct err *e)
{
	size_t want = CHUNK_BYTES;

	if (c->failed) {
		*e = c->err;
		return -1;
	}
	if (c->eof && c->ncarry == 0)
		return 0;
	xgrow(&k->data, &k->cap, c->ncarry + want, 1);
	memcpy(k->data, c->carry, c->ncarry);
	k->len = c->ncarry;
	k->truncated = 0;
	k->text_known = 0;
	c->ncarry = 0;
	for (;;) {
		while (!c->eof && k->len < want) {
			ssize_t n;

			xgrow(&k->data, &k->cap, want, 1);
			do
				n = read(c->r->fd, k->data + k->len, want - k->len);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				err_errno(&c->err, "%s: read error", c->r->name);
				c->failed = c->eof = 1;
				/* the whole lines before it are read first, as a
				 * reader reading on reads them */
				const char *nl = memrchr(k->data, c->r->eol, k->len);

				k->len = nl != NULL ? (size_t)(nl + 1 - k->data) : 0;
				k->truncated = 1;
				break;
			}
			if (n == 0)
				c->eof = 1;
			k->len += (size_t)n;
		}
		k->last = c->eof;
		if (k->last) {
			k->cut = k->end = k->len;
			break;
		}
		if (find_cut(c, k, k->len < want ? k->len : want))
			break;
		/* a record longer than a chunk: twice as far each time, not
		 * a chunk further, so that finding its end is not quadratic */
		want *= 2;
	}
	k->line = c->line;
	k->lines = count_lines(k->data, k->cut, c->r->eol);
	c->line += k->lines;
	xgrow(&c->carry, &c->carrycap, k->len - k->cut + 1, 1);
	memcpy(c->carry, k->data + k->cut, k->len - k->cut);
	c->ncarry = k->len - k->cut;
	return 1;
}

long
csv_chunk_line(const struct csv_chunk *k)
{
	return k->line;
}

int
csv_chunk_truncated(const struct csv_chunk *k)
{
	return k->truncated;
}

struct csv_reader *
csv_chunk_reader(const struct csv_chunker *c)
{
	return reader_like(c->r);
}

void
csv_chunk_seek(struct csv_reader *r, struct csv_chunk *k, size_t at, long line)
{
	reader_aim(r, k->data, k->end, line);
	r->start = at;
	/* the whole chunk checked at once, not line by line: most are all
	 * valid, and a chunk that is not has its lines checked */
	if (!k->text_known && r->enc == CSV_UTF8) {
		k->text_known = 1;
		k->text_ok = utf8_valid((unsigned char *)k->data, k->end) &&
		    memchr(k->data, '\0', k->end) == NULL ? k->end : 0;
	}
	r->text_ok = k->text_ok;
}

int
csv_chunk_read(struct csv_reader *r, const struct csv_chunk *k,
    struct csv_record *rec, size_t *at, struct err *e)
{
	int st;

	if (r->start >= k->cut)
		return 0;
	if ((st = csv_read(r, rec, e)) <= 0)
		return st;
	/* blank lines skipped up to the next chunk's first record */
	if (!k->last && rec->line > k->line + k->lines)
		return 0;
	*at = r->record_start;
	return 1;
}

int
csv_read_header(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	int k = csv_read(r, rec, e);

	if (k == 0)
		return err_set(e, "%s: empty file, no header", r->name);
	return k < 0 ? -1 : 0;
}

/* Bytes that force a field into quotes. */
static const unsigned char needs_quote[256] = {
	['"'] = 1, [','] = 1, ['\r'] = 1, ['\n'] = 1,
};

/* The length of the prefix of s[0..len) with no byte that forces quotes. */
static size_t
unquoted_prefix(const char *s, size_t len)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
	const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma),
		    _mm_cmpeq_epi8(v, quote)), _mm_or_si128(_mm_cmpeq_epi8(v, cr),
		    _mm_cmpeq_epi8(v, lf)));

		if (_mm_movemask_epi8(hit) != 0)
			break;
	}
#endif
	while (i < len && !needs_quote[(unsigned char)s[i]])
		i++;
	return i;
}

void
csv_write_field(struct out *o, const char *s, size_t len)
{
	if (unquoted_prefix(s, len) == len) {
		out_write(o, s, len);
		return;
	}
	out_putc(o, '"');
	for (const char *q, *end = s + len; s < end; s = q + 1) {
		q = memchr(s, '"', (size_t)(end - s));
		if (q == NULL) {
			out_write(o, s, (size_t)(end - s));
			break;
		}
		out_write(o, s, (size_t)(q - s) + 1);
		out_putc(o, '"');
	}
	out_putc(o, '"');
}

int
csv_formula_risk(const char *s, size_t len)
{
	return len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void
csv_write_text(struct out *o, const char *s, size_t len, int formula_safe)
{
	if (formula_safe && csv_formula_risk(s, len)) {
		/* the quote goes inside any CSV quoting: write the cell whole */
		char *t = xmalloc(len + 1);

		t[0] = '\'';
		memcpy(t + 1, s, len);
		csv_write_field(o, t, len + 1);
		free(t);
		return;
	}
	csv_write_field(o, s, len);
}
