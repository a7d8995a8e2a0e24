/*
 * chart: a CSV table (normally a rate table) to a struct plot, and the plot
 * written to a file (rexian-chart's engine).
 *
 * A missing column, a value that is not a number or an empty table is a
 * FILE:LINE message and exit 1; the output file is written under a
 * temporary name and renamed only when complete, so no partial chart is
 * ever left behind.
 */
#ifndef REXIAN_CHART_H
#define REXIAN_CHART_H

#include "keys.h"
#include "plot.h"

struct chart_options {
	enum plot_kind kind;
	const char *x, *y, *series;	/* column names; y may be a comma list */
	const char **where;		/* COL=VALUE filters, nwhere of them */
	int nwhere;
	int error_bars, labels;
	const char *title, *subtitle, *xlabel, *ylabel, *note, *font;
	double width, height, dpi, ymin, ymax;
	int sort;			/* 0 none, 1 ascending, -1 descending */
	long top;			/* keep the first N categories, 0 all */
	int zh;
	int baseline_own;		/* pchart: limits from the group's earlier periods */
	const char *lead;		/* paragraphs under the title */
	const char *total;		/* table: the --x value of the total row */
	int page_first, page_total;	/* the footer's page numbers, 0: none */
	const char *output;		/* a path, or "-" */
	int format;			/* enum plot_format, or -1: from the extension */
	struct keys *keys;	/* --keys: names and order of categories */
};

/* Reads the table in path (standard input for NULL) and writes the chart. */
int chart_run(const struct chart_options *opt, const char *path);

/*
 * The n parts, part[i] drawn from the table in path[i], down the PDF
 * pages of page's --size, --output and --font (plot_write_flow); page's
 * --page-numbers N/M gives the first page's number N, M is counted.
 */
int chart_flow(const struct chart_options *page, const struct chart_options *part,
    const char *const *path, size_t n);

#endif
