/*
 * csv_reference.h: libcsv alone, configured as csvio documents (RFC 4180,
 * no trimming, LF ends a record, CR LF read as LF, CR alone read as LF in
 * an input without LF), as the reference that
 * csvio's fast scanner is compared with.  Included by the unit test and the
 * fuzz harness; test code, so it may include csv.h.
 */
#ifndef REXIAN_TEST_CSV_REFERENCE_H
#define REXIAN_TEST_CSV_REFERENCE_H

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "util.h"

struct ref {
	char **field;
	size_t *len;
	size_t n, cap;
	size_t *record_end;	/* field count at the end of each record */
	size_t nrec, reccap;
};

static void
ref_field(void *s, size_t n, void *data)
{
	struct ref *r = data;

	if (r->n == r->cap) {
		size_t c = r->cap;

		xgrow(&r->field, &c, r->n + 1, sizeof(*r->field));
		xgrow(&r->len, &r->cap, r->n + 1, sizeof(*r->len));
	}
	r->field[r->n] = xmemdup0(s ? s : "", n);
	r->len[r->n++] = n;
}

static void
ref_record(int c, void *data)
{
	struct ref *r = data;

	(void)c;
	xgrow(&r->record_end, &r->reccap, r->nrec + 1, sizeof(*r->record_end));
	r->record_end[r->nrec++] = r->n;
}

static int
never(unsigned char c)
{
	(void)c;
	return 0;
}

static int
lf(unsigned char c)
{
	return c == '\n';
}

/* Normalises CR LF to LF, and CR to LF where the input has no LF, as
 * csvio documents, before libcsv sees it. */
static size_t
normalise(const char *in, size_t n, char *out, int cr_only)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
			continue;
		out[k++] = in[i] == '\r' && cr_only ? '\n' : in[i];
	}
	return k;
}

/*
 * 1 if csvio and libcsv give different records for in[0..n), 0 if the
 * same, -1 if the input ends inside a quoted field or csvio refuses it
 * (UTF-16): an error in csvio.
 */
static int
differ(const char *in, size_t n)
{
	struct csv_parser p;
	struct ref ref = { 0 };
	char *whole = xmalloc(n + 1), *norm = xmalloc(n + 1);
	size_t nn;
	struct csv_reader *rd;
	struct csv_record rec;
	struct err e;
	size_t fi = 0, ri = 0;
	int bad = 0, k;

	/* csvio drops a UTF-8 byte-order mark at the start */
	size_t skip = n >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	/* the last line ends at the end of input, LF or not */
	memcpy(whole, in + skip, n - skip);
	whole[n - skip] = '\n';
	nn = normalise(whole, n - skip + (n == skip || in[n - 1] != '\n'), norm,
	    memchr(in, '\n', n) == NULL);
	csv_init(&p, 0);
	csv_set_space_func(&p, never);
	csv_set_term_func(&p, lf);
	csv_parse(&p, norm, nn, ref_field, ref_record, &ref);
	/* a quote still open at the end (libcsv's FIELD_BEGUN state inside
	 * quotes) is an error in csvio: not compared */
	int still_open = p.quoted && p.pstate == 2;

	csv_free(&p);
	if (still_open) {
		bad = -1;
		goto done;
	}
	rd = csv_open_mem("test", in, n, CSV_UTF8);
	while ((k = csv_read(rd, &rec, &e)) > 0) {
		if (ri >= ref.nrec || rec.nfields != ref.record_end[ri] - fi) {
			bad = 1;
			break;
		}
		for (size_t i = 0; i < rec.nfields; i++, fi++)
			if (rec.field[i].len != ref.len[fi] ||
			    memcmp(rec.field[i].s, ref.field[fi], ref.len[fi]) != 0)
				bad = 1;
		ri++;
	}
	if (k < 0)
		bad = -1;
	else if (ri != ref.nrec)
		bad = 1;
	csv_close(rd);
done:
	for (size_t i = 0; i < ref.n; i++)
		free(ref.field[i]);
	free(ref.field);
	free(ref.len);
	free(ref.record_end);
	free(norm);
	free(whole);
	return bad;
}

#endif
