/*
 * plot: drawing charts with cairo and pango, the only user of either.
 *
 * A struct plot describes what to draw in data terms (categories, series,
 * intervals, limits, texts); plot_write lays it out and writes PNG, PDF or
 * SVG to an output.  Text goes through pango and fontconfig, so Chinese
 * renders as glyphs; a font without Chinese glyphs is an error, never tofu.
 * The same plot gives the same bytes: the PDF creation date comes from
 * SOURCE_DATE_EPOCH, or is fixed at 1970-01-01.
 *
 * A table never loses a row: in a PDF it continues on further pages of
 * the same size, its title and heading repeated; a PNG or SVG, one page,
 * grows as tall as its rows need.  Long first-column texts wrap.  The lead
 * and the note wrap to the width; nothing is drawn over the note.
 *
 * Memory is util's checked allocation: exhausted, the tool says so and
 * exits 1, never drawing less than the plot holds.
 */
#ifndef REXIAN_PLOT_H
#define REXIAN_PLOT_H

#include <stddef.h>

#include "util.h"

enum plot_kind { PLOT_LINE, PLOT_BAR, PLOT_BARH, PLOT_FUNNEL, PLOT_PCHART,
	PLOT_TABLE, PLOT_KINDS };

/* Where a kind of plot puts its categories. */
enum plot_cats {
	CATS_X,		/* along x, the values up (line, bar, pchart) */
	CATS_Y,		/* down the left, a row each, the values across (barh) */
	CATS_N,		/* beside points placed along x by their n (funnel) */
	CATS_ROWS,	/* down a table's first column, its cells text (table) */
};

/* Where a kind's control limits come from. */
enum plot_limits {
	LIMITS_NONE,
	LIMITS_TABLE_OR_OWN,	/* the table's COL_lim columns where it has them,
				 * or --baseline own: the group's earlier periods */
	LIMITS_TABLE,		/* the table's COL_lim columns, which it must have */
};

struct canvas;			/* plot.c's drawing state */

/*
 * What differs between the kinds of plot, plot_kinds[kind]: --kind's
 * name, how the kind is laid out and drawn, and what it needs from a
 * table.  A kind with limits draws one series, named in its legend.
 */
struct plot_kind_def {
	const char *name;
	enum plot_cats cats;
	int lengths;		/* bars: values are lengths from zero, unpadded,
				 * a cut axis marked */
	enum plot_limits limits;
	void (*draw)(struct canvas *c);	/* what plot.c draws inside the frame */
};
extern const struct plot_kind_def plot_kinds[PLOT_KINDS];
enum plot_format { PLOT_PNG, PLOT_PDF, PLOT_SVG, PLOT_FORMATS };
/* Each format's name: --format's word, and the file's extension after a dot. */
extern const char *const plot_format_name[PLOT_FORMATS];
enum { PLOT_LIMITS = 4 };	/* 95% low, 95% high, 99.8% low, 99.8% high */

/*
 * A table (PLOT_TABLE) is drawn from the same data: the categories are its
 * first column, each series a further column headed by its name, its cells
 * the series' labels.
 */
struct plot_series {
	const char *name;
	double *y, *lo, *hi;	/* per category, NAN where missing; lo, hi may be NULL */
	const char **label;	/* per category: the text for --labels, or NULL */
};

struct plot {
	enum plot_kind kind;
	const char *title, *subtitle, *xlabel, *ylabel, *note, *font;
	const char *lead;	/* paragraphs (lines) under the title, or NULL */
	int zh;
	int better;		/* funnel: 1 higher is better, -1 lower, 0 neither */
	int page_first, page_total;	/* footer 第 N 页 共 M 页; 0: none */			/* Chinese for the texts rexian adds itself */
	double width, height;	/* CSS pixels (1/96 inch) */
	double dpi;		/* PNG only: 96 gives width x height pixels */
	const char **cat;	/* category labels: x (line, bar, pchart), rows (barh),
				 * point names (funnel) */
	size_t ncat;
	struct plot_series *series;
	size_t nseries;
	int percent;		/* values are percentages */
	int error_bars, labels;
	double ymin, ymax;	/* NAN: automatic */
	double *n;		/* funnel: each point's denominator */
	double *limit[PLOT_LIMITS];	/* funnel, pchart: control limits, or NULL */
	const char *limit_name;	/* pchart: what the limits are drawn from, or NULL */
	const char *total;	/* table: the first cell of the total row, or NULL */
};

/*
 * Draws p and writes it to o in the format; 0, or -1 with a message in err
 * (a font without Chinese glyphs, a cairo failure).  Points outside the
 * 99.8% limits (funnel, pchart) are coloured by side and always named.
 */
int plot_write(const struct plot *p, enum plot_format fmt, struct out *o,
    char *err, size_t errlen);

/*
 * Writes the n parts as a PDF down pages of page's width and height: each
 * part (its own width made the page's) below the last; a chart or a
 * table under half a page that does not fit the rest of the page goes on
 * the next (a chart shrinks to two thirds of its height to stay), a longer table runs on over as many as it needs, its heading
 * repeated.  Every page says
 * 第 N 页 共 M 页 (page N of M), N from page->page_first; page's title is
 * the document's.  0, or -1 with a message in err.
 */
int plot_write_flow(const struct plot *page, const struct plot *parts, size_t n,
    struct out *o, char *err, size_t errlen);

#endif
