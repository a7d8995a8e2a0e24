/*
 * book: CSV tables as the sheets of one workbook (rexian-xlsx's engine).
 *
 * A rate table's columns are shown as rexian-rate --format xlsx shows them
 * (rate_describe_column: rates as percentages, k and n as integers); any
 * other column holds integers when every cell is one, numbers (with the
 * most decimals any cell has) when every cell is one, and text otherwise.
 * Each table is held in memory while its sheet is built: the tool is for
 * rate tables and summaries, not ticket tables.
 */
#ifndef REXIAN_BOOK_H
#define REXIAN_BOOK_H

struct book_options {
	int zh;			/* Chinese headings for the rate tables' columns */
	int digits;		/* decimals of the rates */
	const char *output;	/* the workbook, or NULL for standard output */
};

/*
 * Writes one sheet per spec, "NAME=FILE" or "FILE" (the sheet then named
 * after the file, without its directory and .csv).  A file that cannot
 * be read, or a row with the wrong field count, is a message and exit 1.
 */
void book_run(const struct book_options *opt, char **specs, int nspecs);

#endif
