/*
 * Differential test: csvio (fast scanner plus libcsv) against libcsv alone,
 * configured as RFC 4180 without trimming, on random inputs built from the
 * bytes that matter (comma, quote, CR, LF, letters, a Chinese character).
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
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

/* Normalises CR LF to LF, as csvio documents, before libcsv sees it. */
static size_t
normalise(const char *in, size_t n, char *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (in[i] == '\r' && i + 1 < n && in[i + 1] == '\n')
			continue;
		out[k++] = in[i];
	}
	return k;
}

static int
differ(const char *in, size_t n)
{
	struct csv_parser p;
	struct ref ref = { 0 };
	char *whole = xmalloc(n + 1), *norm = xmalloc(n + 1);
	size_t nn;
	struct csv_reader *rd;
	struct csv_record rec;
	size_t fi = 0, ri = 0;
	int bad = 0;

	/* the last line ends at the end of input, LF or not */
	memcpy(whole, in, n);
	whole[n] = '\n';
	nn = normalise(whole, n + (n == 0 || in[n - 1] != '\n'), norm);
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
	rd = csv_open_mem("test", in, n);
	while (csv_read(rd, &rec)) {
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
	if (ri != ref.nrec)
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

int
main(void)
{
	static const char *const atoms[] = {
		",", "\"", "\"\"", "\n", "\r\n", "a", "bc", "淄博", " ", "\r",
	};
	char buf[256];
	int tried = 0;

	util_init("csvio_test");
	srand(12345);
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = 0;
		int k = 1 + rand() % 24;

		for (int i = 0; i < k; i++) {
			const char *a = atoms[rand() % (sizeof(atoms) / sizeof(atoms[0]))];

			memcpy(buf + n, a, strlen(a));
			n += strlen(a);
		}
		int r = differ(buf, n);

		if (r == 1) {
			CHECK(0, "differs on input %d:", iter);
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, " %02x", (unsigned char)buf[i]);
			fputc('\n', stderr);
			break;
		}
		tried += r == 0;
	}
	CHECK(tried > 5000, "only %d inputs were comparable", tried);
	return check_failures != 0;
}
