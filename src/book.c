/*
 * book.c: rexian-xlsx's engine: each CSV table read whole, its columns typed
 * (integers, decimals, rates as rate_describe_column says, text), and
 * handed to xlsxout as one sheet.
 * The contract is in book.h.
 */
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "csvio.h"
#include "rate.h"
#include "util.h"
#include "xlsxout.h"

/*
 * What the cells of one column all are, so far; rate: a rate table's
 * column, whose verdicts and flags --lang zh writes in Chinese.
 */
struct seen {
	int integer, number, decimals, rate;
};

static void
see(struct seen *k, const char *s, size_t n)
{
	size_t i = 0, point = 0;
	char *end;

	if (n == 0)
		return;
	if (s[0] == '-')
		i++;
	for (size_t j = i; j < n; j++)
		if (s[j] < '0' || s[j] > '9')
			k->integer = 0;
	if (n == i || strspn(s + i, "0123456789.") < n - i) {
		k->number = k->integer = 0;
		return;
	}
	strtod(s, &end);
	if (end != s + n)
		k->number = 0;
	if ((end = memchr(s, '.', n)) != NULL) {
		point = n - (size_t)(end - s) - 1;
		if ((int)point > k->decimals)
			k->decimals = (int)point;
	}
}

static void
add_sheet(const struct book_options *opt, struct xlsxout *w, const char *spec)
{
	const char *eq = strchr(spec, '='), *path = eq != NULL ? eq + 1 : spec;
	char *name = eq != NULL ? xmemdup0(spec, (size_t)(eq - spec)) : NULL;
	struct csv_reader *r;
	struct csv_record rec;
	struct err e;
	struct xlsxout_column *col;
	struct seen *seen;
	char **cell = NULL, **zh;
	size_t ncol, nrow = 0, cap = 0;

	if (name == NULL) {
		const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
		size_t n = strlen(base);

		name = xmemdup0(base, n > 4 && strcmp(base + n - 4, ".csv") == 0 ? n - 4 : n);
	}
	or_die(csv_open(path, CSV_UTF8, &r, &e), &e);
	or_die(csv_read_header(r, &rec, &e), &e);
	ncol = rec.nfields;
	col = xcalloc(ncol, sizeof(*col));
	seen = xcalloc(ncol, sizeof(*seen));
	zh = xcalloc(ncol, sizeof(*zh));
	for (size_t j = 0; j < ncol; j++) {
		char *head = xmemdup0(rec.field[j].s, rec.field[j].len);

		if (!rate_describe_column(head, opt->digits, &col[j], &zh[j]))
			seen[j] = (struct seen){ 1, 1, 0, 0 };
		else
			seen[j].rate = opt->zh;
		col[j].heading = opt->zh ? zh[j] : head;
		if (opt->zh)
			free(head);
		else {
			free(zh[j]);
			zh[j] = head;
		}
	}
	while (or_die(csv_read(r, &rec, &e), &e)) {
		if (rec.nfields != ncol)
			die("%s:%ld: wrong field count: %zu, expected %zu", path, rec.line,
			    rec.nfields, ncol);
		xgrow(&cell, &cap, (nrow + 1) * ncol, sizeof(*cell));
		for (size_t j = 0; j < ncol; j++) {
			char *v = rec.field[j].len > 0 ?
			    xmemdup0(rec.field[j].s, rec.field[j].len) : NULL;
			const char *word;

			if (v != NULL && seen[j].rate && (word = rate_value_zh(v)) != NULL) {
				free(v);
				v = xstrdup(word);
			}
			cell[nrow * ncol + j] = v;
			see(&seen[j], rec.field[j].s, rec.field[j].len);
		}
		nrow++;
	}
	csv_close(r);
	for (size_t j = 0; j < ncol; j++)
		if (seen[j].number) {
			col[j].kind = seen[j].integer ? XO_INT : XO_NUMBER;
			col[j].decimals = seen[j].decimals;
		}
	xlsxout_sheet(w, name, col, ncol, cell, nrow);
	for (size_t i = 0; i < nrow * ncol; i++)
		free(cell[i]);
	for (size_t j = 0; j < ncol; j++)
		free(zh[j]);
	free(cell);
	free(zh);
	free(seen);
	free(col);
	free(name);
}

void
book_run(const struct book_options *opt, char **specs, int nspecs)
{
	struct xlsxout *w = xlsxout_new();

	for (int i = 0; i < nspecs; i++)
		add_sheet(opt, w, specs[i]);
	xlsxout_write(w, opt->output);
}
