/*
 * plot.c: chart drawing with cairo and pango: the layout of each plot kind,
 * axes, legends, tables across pages, and the PNG, PDF and SVG surfaces
 * written through a struct out.
 * The contract is in plot.h.
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plot.h"

enum { MAX_BOXES = 4096, PAD = 14 };

/* Okabe and Ito's colour-blind-safe palette, yellow last (weak on white) */
static const double palette[][3] = {
	{ 0.000, 0.447, 0.698 }, { 0.835, 0.369, 0.000 }, { 0.000, 0.620, 0.451 },
	{ 0.902, 0.624, 0.000 }, { 0.337, 0.706, 0.914 }, { 0.800, 0.475, 0.655 },
	{ 0.000, 0.000, 0.000 }, { 0.941, 0.894, 0.259 },
};
#define NCOLOURS nitems(palette)

static const double ink[3] = { 0.13, 0.13, 0.13 }, grey[3] = { 0.45, 0.45, 0.45 },
	grid[3] = { 0.88, 0.88, 0.88 }, limit_ink[3] = { 0.55, 0.55, 0.55 };

struct box {
	double x0, y0, x1, y1;
};

struct canvas {
	cairo_t *cr;
	const struct plot *p;
	const struct plot_kind_def *kind;	/* plot_kinds[p->kind] */
	const char *family;
	int unknown_glyphs;
	double height;		/* the page's: p->height, or more for a long table */
	int paged;		/* a table breaks onto further pages (PDF) */
	int page;		/* pages shown before this one */
	double end, bottom;	/* a table: the y under its last row, and the
				 * footer's top, on its last page */
	double shift, page_height;	/* a table begun shift below a flow's
				 * page top: its later pages are whole */
	double x0, y0, x1, y1;	/* the plot area */
	double vmin, vmax, step;	/* the value axis */
	double catw, tick_h;	/* the widest category name, a tick's height */
	double nmax;		/* funnel: the n axis */
	struct box box[MAX_BOXES];	/* labels drawn, to avoid overlaps */
	size_t nbox;
};

/* ---- text ------------------------------------------------------------- */

/* A layout of text; wrap > 0 breaks its lines at that width. */
static PangoLayout *
text_layout(struct canvas *c, const char *text, double size, int bold, double wrap)
{
	PangoLayout *l = pango_cairo_create_layout(c->cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, c->family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	if (wrap > 0) {
		pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_line_spacing(l, 1.3f);
	}
	c->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
	return l;
}

static void
block_extent(struct canvas *c, const char *text, double size, int bold, double wrap,
    double *w, double *h)
{
	PangoLayout *l = text_layout(c, text, size, bold, wrap);
	int pw, ph;

	pango_layout_get_size(l, &pw, &ph);
	*w = (double)pw / PANGO_SCALE;
	*h = (double)ph / PANGO_SCALE;
	g_object_unref(l);
}

static void
text_extent(struct canvas *c, const char *text, double size, int bold, double *w, double *h)
{
	block_extent(c, text, size, bold, 0, w, h);
}

/*
 * Draws text with its anchor (ax, ay in 0..1 of its box) at (x, y), turned
 * by angle radians about that point.
 */
static void
draw_block(struct canvas *c, const char *text, double size, int bold, double wrap,
    double x, double y, double ax, double ay, double angle, const double rgb[3])
{
	PangoLayout *l = text_layout(c, text, size, bold, wrap);
	int pw, ph;

	pango_layout_get_size(l, &pw, &ph);
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	cairo_rotate(c->cr, angle);
	cairo_move_to(c->cr, -ax * pw / PANGO_SCALE, -ay * ph / PANGO_SCALE);
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
	pango_cairo_show_layout(c->cr, l);
	cairo_restore(c->cr);
	g_object_unref(l);
}

static void
draw_text(struct canvas *c, const char *text, double size, int bold, double x, double y,
    double ax, double ay, double angle, const double rgb[3])
{
	draw_block(c, text, size, bold, 0, x, y, ax, ay, angle, rgb);
}

static int
overlaps(const struct canvas *c, const struct box *b)
{
	for (size_t i = 0; i < c->nbox; i++)
		if (b->x0 < c->box[i].x1 && c->box[i].x0 < b->x1 &&
		    b->y0 < c->box[i].y1 && c->box[i].y0 < b->y1)
			return 1;
	return 0;
}

/*
 * Draws a label unless it would overlap one already drawn.  A label that
 * must be read (a point outside the limits) tries places around its point
 * and, when every one overlaps, takes the first: a name is never dropped.
 */
static void
draw_label(struct canvas *c, const char *text, double x, double y, double ax, double ay,
    int must)
{
	/* across in label widths (the other side), down in line heights */
	static const double shift[][2] = { { 0, 0 }, { 0, -1 }, { 0, 1 }, { -1, 0 },
		{ 0, -2 }, { 0, 2 }, { -1, -1 }, { -1, 1 } };
	size_t tries = must ? nitems(shift) : 1, t;
	double w, h;
	struct box b;

	text_extent(c, text, 11.5, 0, &w, &h);
	for (t = 0; t < tries; t++) {
		double x0 = x - ax * w + shift[t][0] * (w + 12), y0 = y - ay * h + shift[t][1] * h;

		b = (struct box){ x0 - 1, y0, x0 + w + 1, y0 + h };
		if (!overlaps(c, &b))
			break;
	}
	if (t == tries) {
		if (!must)
			return;
		b = (struct box){ x - ax * w - 1, y - ay * h, x + (1 - ax) * w + 1,
			y + (1 - ay) * h };
	}
	if (c->nbox < MAX_BOXES)
		c->box[c->nbox++] = b;
	draw_text(c, text, 11.5, 0, b.x0 + 1, b.y0, 0, 0, 0, ink);
}

/* ---- scales ----------------------------------------------------------- */

/* A 1-2-5 step that splits range into about target parts. */
static double
nice_step(double range, int target)
{
	double raw = range / target, mag, f;

	if (!(raw > 0))
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

static void
widen(double *lo, double *hi, double v)
{
	if (isfinite(v)) {
		if (v < *lo)
			*lo = v;
		if (v > *hi)
			*hi = v;
	}
}

static void
value_range(struct canvas *c)
{
	const struct plot *p = c->p;
	double lo = INFINITY, hi = -INFINITY;
	int bars = c->kind->lengths;

	for (size_t s = 0; s < p->nseries; s++)
		for (size_t i = 0; i < p->ncat; i++) {
			widen(&lo, &hi, p->series[s].y[i]);
			if (p->error_bars && p->series[s].lo != NULL) {
				widen(&lo, &hi, p->series[s].lo[i]);
				widen(&lo, &hi, p->series[s].hi[i]);
			}
		}
	for (int k = 0; k < PLOT_LIMITS; k++)
		for (size_t i = 0; p->limit[k] != NULL && i < p->ncat; i++)
			widen(&lo, &hi, p->limit[k][i]);
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (bars && lo > 0)
		lo = 0;		/* a bar's length is its value: bars start at zero */
	if (hi == lo)
		hi = lo + 1;
	if (!bars) {
		double padding = (hi - lo) * 0.08;

		lo -= padding;
		hi += padding;
	}
	if (p->percent) {
		lo = fmax(lo, 0);
		hi = fmin(hi, 100);
	}
	if (isfinite(p->ymin))
		lo = p->ymin;
	if (isfinite(p->ymax))
		hi = p->ymax;
	c->step = nice_step(hi - lo, 5);
	c->vmin = isfinite(p->ymin) ? lo : floor(lo / c->step + 1e-9) * c->step;
	c->vmax = isfinite(p->ymax) ? hi : ceil(hi / c->step - 1e-9) * c->step;
	if (c->vmax <= c->vmin)
		c->vmax = c->vmin + c->step;
}

/* Screen position of a value on the value axis. */
static double
value_pos(const struct canvas *c, double v)
{
	double f = (v - c->vmin) / (c->vmax - c->vmin);

	if (c->kind->cats == CATS_Y)
		return c->x0 + f * (c->x1 - c->x0);
	return c->y1 - f * (c->y1 - c->y0);
}

static void
format_tick(const struct canvas *c, double v, char *buf, size_t n)
{
	int decimals = c->step >= 1 ? 0 : (int)ceil(-log10(c->step) - 1e-9);

	snprintf(buf, n, "%.*f%s", decimals, fabs(v) < 1e-12 ? 0.0 : v,
	    c->p->percent ? "%" : "");
}

static double
category_pos(const struct canvas *c, size_t i)
{
	if (c->kind->cats == CATS_Y)
		return c->y0 + (c->y1 - c->y0) * ((double)i + 0.5) / (double)c->p->ncat;
	return c->x0 + (c->x1 - c->x0) * ((double)i + 0.5) / (double)c->p->ncat;
}

static double
n_pos(const struct canvas *c, double n)
{
	return c->x0 + n / c->nmax * (c->x1 - c->x0);
}

/* ---- pieces ----------------------------------------------------------- */

static void
set_rgb(struct canvas *c, const double rgb[3])
{
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
}

static const double *
colour(size_t s)
{
	return palette[s % NCOLOURS];
}

static void
draw_marker(struct canvas *c, double x, double y, const double rgb[3])
{
	set_rgb(c, rgb);
	cairo_new_sub_path(c->cr);
	cairo_arc(c->cr, x, y, 3.2, 0, 2 * M_PI);
	cairo_fill(c->cr);
}

/*
 * The colour of a point outside the 99.8% limits: on the better side
 * green, on the worse vermilion; where neither side is better, purple
 * above and orange below.
 */
static const double *
outside_colour(const struct plot *p, int above)
{
	if (p->better == 0)
		return palette[above ? 5 : 3];
	return palette[(above ? p->better > 0 : p->better < 0) ? 2 : 1];
}

/* The legend's name of the points above (or below) the 99.8% limits. */
static const char *
outside_name(const struct plot *p, int above)
{
	static const char *const name[2][2][3] = {
		{ { "below the 99.8% limit (better)", "below the 99.8% limit",
		    "below the 99.8% limit (worse)" },
		  { "above the 99.8% limit (worse)", "above the 99.8% limit",
		    "above the 99.8% limit (better)" } },
		{ { "低于 99.8% 控制限 (较好)", "低于 99.8% 控制限", "低于 99.8% 控制限 (较差)" },
		  { "高于 99.8% 控制限 (较差)", "高于 99.8% 控制限", "高于 99.8% 控制限 (较好)" } },
	};

	return name[p->zh != 0][above][p->better + 1];
}

/*
 * The legend's n entries from y down, each its mark (style 0 a line, 1
 * dashed, 2 a point) and name, wrapped to the width; returns the y below.
 */
static double
draw_legend_entries(struct canvas *c, double pad, double y, const char *const *names,
    const double *const *rgb, const int *style, size_t n)
{
	double x = pad, row = 0, w, h;

	for (size_t i = 0; i < n; i++) {
		text_extent(c, names[i], 12, 0, &w, &h);
		if (x > pad && x + 22 + w > c->p->width - pad) {
			x = pad;
			y += row + 2;
		}
		if (style[i] == 2)
			draw_marker(c, x + 8, y + h / 2, rgb[i]);
		else {
			cairo_set_line_width(c->cr, 2.5);
			cairo_set_dash(c->cr, (double[]){ 4, 3 }, style[i] ? 2 : 0, 0);
			set_rgb(c, rgb[i]);
			cairo_move_to(c->cr, x, y + h / 2);
			cairo_line_to(c->cr, x + 16, y + h / 2);
			cairo_stroke(c->cr);
			cairo_set_dash(c->cr, NULL, 0, 0);
		}
		draw_text(c, names[i], 12, 0, x + 20, y, 0, 0, 0, ink);
		x += 20 + w + 14;
		row = h;
	}
	return y + row + 14;
}

/*
 * The legend from y down, wrapped to the width: the series where there
 * are several or limits, the limits, the points outside them; returns
 * the y below it.
 */
static double
draw_legend(struct canvas *c, double pad, double y)
{
	const struct plot *p = c->p;
	const char *names[64], *limits = p->limit_name;
	const double *rgb[64];
	int style[64];		/* 0 line, 1 dashed line, 2 point */
	size_t n = 0;
	char buf[1024];

	/* a funnel's points are not joined: its legend shows a point */
	if (c->kind->cats != CATS_ROWS && (p->nseries > 1 || c->kind->limits != LIMITS_NONE))
		for (size_t s = 0; s < p->nseries && n < 56; s++) {
			names[n] = p->series[s].name;
			rgb[n] = colour(s);
			style[n++] = c->kind->cats == CATS_N ? 2 : 0;
		}
	if (p->limit[0] != NULL) {
		names[n] = buf;
		snprintf(buf, sizeof(buf) / 2, "%s%s%s", p->zh ? "95% 控制限" : "95% limits",
		    limits != NULL ? " " : "", limits != NULL ? limits : "");
		rgb[n] = limit_ink;
		style[n++] = 1;
		snprintf(buf + sizeof(buf) / 2, sizeof(buf) / 2, "%s%s%s", p->zh ?
		    "99.8% 控制限" : "99.8% limits", limits != NULL ? " " : "",
		    limits != NULL ? limits : "");
		names[n] = buf + sizeof(buf) / 2;
		rgb[n] = limit_ink;
		style[n++] = 0;
	}
	if (p->limit[2] != NULL)
		for (int above = 1; above >= 0; above--) {
			names[n] = outside_name(p, above);
			rgb[n] = outside_colour(p, above);
			style[n++] = 2;
		}
	return n == 0 ? y + 6 : draw_legend_entries(c, pad, y + 4, names, rgb, style, n);
}

/*
 * The header: title (continued on later pages), subtitle, the lead on the
 * first page, and the legend; returns the y below it.
 */
static double
draw_header(struct canvas *c, double pad)
{
	const struct plot *p = c->p;
	double y = pad, w, h, width = p->width - 2 * pad;
	char buf[1024];

	if (p->title != NULL && *p->title != '\0') {
		snprintf(buf, sizeof(buf), "%s%s", p->title, c->page == 0 ? "" :
		    p->zh ? "（续）" : " (continued)");
		block_extent(c, buf, 18, 1, width, &w, &h);
		draw_block(c, buf, 18, 1, width, pad, y, 0, 0, 0, ink);
		y += h + 2;
	}
	if (p->subtitle != NULL && *p->subtitle != '\0') {
		block_extent(c, p->subtitle, 13, 0, width, &w, &h);
		draw_block(c, p->subtitle, 13, 0, width, pad, y, 0, 0, 0, grey);
		y += h + 2;
	}
	if (p->lead != NULL && *p->lead != '\0' && c->page == 0) {
		block_extent(c, p->lead, 13.5, 0, width, &w, &h);
		draw_block(c, p->lead, 13.5, 0, width, pad, y + 10, 0, 0, 0, ink);
		y += h + 18;
	}
	return draw_legend(c, pad, y);
}

/*
 * The footer: the note, wrapped, and the page number on the right;
 * returns the y above it, which nothing else may pass.
 */
static double
draw_footer(struct canvas *c, double pad)
{
	const struct plot *p = c->p;
	double bottom = c->height - pad, right = p->width - pad, w = 0, h = 0, nh = 0;
	char page[96];

	if (p->page_total > 0) {
		if (p->zh)
			snprintf(page, sizeof(page), "第 %d 页 共 %d 页", p->page_first + c->page,
			    p->page_total);
		else
			snprintf(page, sizeof(page), "page %d of %d", p->page_first + c->page,
			    p->page_total);
		text_extent(c, page, 11, 0, &w, &h);
		draw_text(c, page, 11, 0, right, bottom, 1, 1, 0, grey);
		right -= w + 24;
	}
	if (p->note != NULL && *p->note != '\0') {
		block_extent(c, p->note, 11, 0, right - pad, &w, &nh);
		draw_block(c, p->note, 11, 0, right - pad, pad, bottom - nh, 0, 0, 0, grey);
	}
	return bottom - fmax(h, nh) - 6;
}

static void
draw_value_axis(struct canvas *c)
{
	char buf[64];

	cairo_set_line_width(c->cr, 0.6);
	for (double v = c->vmin; v <= c->vmax + c->step * 1e-6; v += c->step) {
		double pos = value_pos(c, v);

		format_tick(c, v, buf, sizeof(buf));
		set_rgb(c, grid);
		if (c->kind->cats == CATS_Y) {
			cairo_move_to(c->cr, pos, c->y0);
			cairo_line_to(c->cr, pos, c->y1);
			cairo_stroke(c->cr);
			draw_text(c, buf, 11.5, 0, pos, c->y1 + 4, 0.5, 0, 0, grey);
		} else {
			cairo_move_to(c->cr, c->x0, pos);
			cairo_line_to(c->cr, c->x1, pos);
			cairo_stroke(c->cr);
			draw_text(c, buf, 11.5, 0, c->x0 - 5, pos, 1, 0.5, 0, grey);
		}
	}
	/* a value axis that does not start at zero says so */
	if (c->vmin > 0) {
		char note[96];
		double w, h;

		format_tick(c, c->vmin, buf, sizeof(buf));
		snprintf(note, sizeof(note), c->kind->cats == CATS_Y ? (c->p->zh ?
		    "横轴起点为 %s" : "x axis starts at %s") : c->p->zh ? "纵轴起点为 %s" :
		    "y axis starts at %s", buf);
		if (!c->kind->lengths) {
			draw_text(c, note, 11, 0, c->x0 + 4, c->y1 - 3, 0, 1, 0, grey);
			return;
		}
		/* bars are lengths: over a cut axis the note sits on white */
		text_extent(c, note, 11, 0, &w, &h);
		cairo_set_source_rgb(c->cr, 1, 1, 1);
		cairo_rectangle(c->cr, c->x1 - w - 8, c->y0, w + 8, h + 4);
		cairo_fill(c->cr);
		draw_text(c, note, 11, 0, c->x1 - 4, c->y0 + 2, 1, 0, 0, grey);
	}
}

/*
 * The break mark (两道斜线) where a bar chart's value axis is cut: drawn
 * over the axis near its start, after the bars, so no bar hides it.
 */
static void
draw_break_mark(struct canvas *c)
{
	int h = c->kind->cats == CATS_Y;
	double x = h ? c->x0 + 10 : c->x0, y = h ? c->y1 : c->y1 - 10;

	if (!(c->vmin > 0))
		return;
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	if (h)
		cairo_rectangle(c->cr, x - 3, y - 7, 6, 14);
	else
		cairo_rectangle(c->cr, x - 7, y - 3, 14, 6);
	cairo_fill(c->cr);
	set_rgb(c, ink);
	cairo_set_line_width(c->cr, 1.2);
	for (int k = -1; k <= 1; k += 2) {
		if (h) {
			cairo_move_to(c->cr, x + 3 * k - 3, y + 7);
			cairo_line_to(c->cr, x + 3 * k + 3, y - 7);
		} else {
			cairo_move_to(c->cr, x - 7, y + 3 * k + 3);
			cairo_line_to(c->cr, x + 7, y + 3 * k - 3);
		}
	}
	cairo_stroke(c->cr);
}

/* Category labels along x: level, turned 45 degrees, or thinned to fit. */
static void
draw_category_axis(struct canvas *c)
{
	const struct plot *p = c->p;
	double band = (c->x1 - c->x0) / (double)p->ncat, h = c->tick_h;
	int turn = c->catw > band * 0.92;
	size_t every = 1;

	if (turn && band < h * 1.3)
		every = (size_t)ceil(h * 1.3 / band);
	for (size_t i = 0; i < p->ncat; i += every) {
		double x = category_pos(c, i);

		if (turn)
			draw_text(c, p->cat[i], 11.5, 0, x + 2, c->y1 + 4, 1, 0, -M_PI / 4, ink);
		else
			draw_text(c, p->cat[i], 11.5, 0, x, c->y1 + 4, 0.5, 0, 0, ink);
	}
}

static void
draw_error_bar(struct canvas *c, double at, double lo, double hi, const double rgb[3])
{
	double a, b;

	if (!isfinite(lo) || !isfinite(hi))
		return;
	a = value_pos(c, lo);
	b = value_pos(c, hi);
	set_rgb(c, rgb);
	cairo_set_line_width(c->cr, 1);
	if (c->kind->cats == CATS_Y) {
		cairo_move_to(c->cr, a, at);
		cairo_line_to(c->cr, b, at);
		cairo_move_to(c->cr, a, at - 3);
		cairo_line_to(c->cr, a, at + 3);
		cairo_move_to(c->cr, b, at - 3);
		cairo_line_to(c->cr, b, at + 3);
	} else {
		cairo_move_to(c->cr, at, a);
		cairo_line_to(c->cr, at, b);
		cairo_move_to(c->cr, at - 3, a);
		cairo_line_to(c->cr, at + 3, a);
		cairo_move_to(c->cr, at - 3, b);
		cairo_line_to(c->cr, at + 3, b);
	}
	cairo_stroke(c->cr);
}

static void
label_text(const struct canvas *c, const struct plot_series *s, size_t i, char *buf, size_t n)
{
	if (s->label != NULL && s->label[i] != NULL)
		snprintf(buf, n, "%s%s", s->label[i], c->p->percent ? "%" : "");
	else
		snprintf(buf, n, "%.4g%s", s->y[i], c->p->percent ? "%" : "");
}

static void
draw_lines(struct canvas *c)
{
	const struct plot *p = c->p;
	char buf[64];

	for (size_t s = 0; s < p->nseries; s++) {
		const struct plot_series *ser = &p->series[s];
		int pen = 0;

		set_rgb(c, colour(s));
		cairo_set_line_width(c->cr, 2);
		for (size_t i = 0; i < p->ncat; i++) {
			if (!isfinite(ser->y[i])) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(c->cr, category_pos(c, i), value_pos(c, ser->y[i]));
			else
				cairo_move_to(c->cr, category_pos(c, i), value_pos(c, ser->y[i]));
			pen = 1;
		}
		cairo_stroke(c->cr);
		for (size_t i = 0; i < p->ncat; i++) {
			if (!isfinite(ser->y[i]))
				continue;
			if (p->error_bars && ser->lo != NULL)
				draw_error_bar(c, category_pos(c, i), ser->lo[i], ser->hi[i], colour(s));
			draw_marker(c, category_pos(c, i), value_pos(c, ser->y[i]), colour(s));
		}
	}
	for (size_t s = 0; p->labels && s < p->nseries; s++)
		for (size_t i = 0; i < p->ncat; i++)
			if (isfinite(p->series[s].y[i])) {
				label_text(c, &p->series[s], i, buf, sizeof(buf));
				draw_label(c, buf, category_pos(c, i),
				    value_pos(c, p->series[s].y[i]) - 5, 0.5, 1, 0);
			}
}

static void
draw_bars(struct canvas *c)
{
	const struct plot *p = c->p;
	int horizontal = c->kind->cats == CATS_Y;
	double band = (horizontal ? c->y1 - c->y0 : c->x1 - c->x0) / (double)p->ncat;
	/* a few bars on a tall page stay bars, not slabs */
	double width = fmin(band * 0.8, horizontal ? 36 : band * 0.8) / (double)p->nseries;
	double zero = value_pos(c, fmax(c->vmin, 0));
	char buf[64];

	for (size_t s = 0; s < p->nseries; s++) {
		const struct plot_series *ser = &p->series[s];

		for (size_t i = 0; i < p->ncat; i++) {
			double at = category_pos(c, i) - width * (double)p->nseries / 2 + width * ((double)s + 0.5);
			double v;

			if (!isfinite(ser->y[i]))
				continue;
			v = value_pos(c, ser->y[i]);
			/* a bar below a cut axis's start stays in the plot area */
			cairo_save(c->cr);
			cairo_rectangle(c->cr, c->x0, c->y0, c->x1 - c->x0, c->y1 - c->y0);
			cairo_clip(c->cr);
			set_rgb(c, colour(s));
			if (horizontal)
				cairo_rectangle(c->cr, zero, at - width / 2, v - zero, width * 0.9);
			else
				cairo_rectangle(c->cr, at - width / 2, v, width * 0.9, zero - v);
			cairo_fill(c->cr);
			cairo_restore(c->cr);
			if (p->error_bars && ser->lo != NULL)
				draw_error_bar(c, at, ser->lo[i], ser->hi[i], ink);
			if (!p->labels)
				continue;
			label_text(c, ser, i, buf, sizeof(buf));
			if (horizontal)
				draw_label(c, buf, fmax(v, p->error_bars && ser->hi ?
				    value_pos(c, ser->hi[i]) : v) + 4, at, 0, 0.5, 0);
			else
				draw_label(c, buf, at, v - 3, 0.5, 1, 0);
		}
	}
}

/* A control-limit line through the categories (pchart) or along n (funnel). */
static void
draw_limit(struct canvas *c, const double *lim, const size_t *order, int dashed)
{
	int pen = 0;

	set_rgb(c, limit_ink);
	cairo_set_line_width(c->cr, 1.2);
	cairo_set_dash(c->cr, (double[]){ 5, 3 }, dashed ? 2 : 0, 0);
	for (size_t j = 0; j < c->p->ncat; j++) {
		size_t i = order[j];
		double x = c->kind->cats == CATS_N ? n_pos(c, c->p->n[i]) : category_pos(c, i);

		if (!isfinite(lim[i])) {
			pen = 0;
			continue;
		}
		if (pen)
			cairo_line_to(c->cr, x, value_pos(c, lim[i]));
		else
			cairo_move_to(c->cr, x, value_pos(c, lim[i]));
		pen = 1;
	}
	cairo_stroke(c->cr);
	cairo_set_dash(c->cr, NULL, 0, 0);
}

static const double *order_key;

/* Whether point i of the first series is above (1) or below (-1) the 99.8% limits. */
static int
outside(const struct plot *p, size_t i)
{
	double v = p->series[0].y[i];

	if (p->limit[2] == NULL || p->limit[3] == NULL || !isfinite(v))
		return 0;
	return isfinite(p->limit[3][i]) && v > p->limit[3][i] ? 1 :
	    isfinite(p->limit[2][i]) && v < p->limit[2][i] ? -1 : 0;
}

/* Marks point i, outside the 99.8% limits, in its side's colour, and names it. */
static void
mark_outside(struct canvas *c, size_t i, double x, double y, const char *name)
{
	const double *rgb = outside_colour(c->p, outside(c->p, i) > 0);

	set_rgb(c, rgb);
	cairo_set_line_width(c->cr, 1.2);
	cairo_new_sub_path(c->cr);
	cairo_arc(c->cr, x, y, 6, 0, 2 * M_PI);
	cairo_stroke(c->cr);
	draw_marker(c, x, y, rgb);
	draw_label(c, name, x + 8, y, 0, 0.5, 1);
}

static int
by_key(const void *a, const void *b)
{
	double x = order_key[*(const size_t *)a], y = order_key[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

/* The categories' places 0, 1, ... to be put in an order; the caller frees them. */
static size_t *
category_order(const struct plot *p)
{
	size_t *order = xcalloc(p->ncat + 1, sizeof(*order));

	for (size_t i = 0; i < p->ncat; i++)
		order[i] = i;
	return order;
}

/* The limits the plot has, each through its points in order; 95% dashed. */
static void
draw_limits(struct canvas *c, const size_t *order)
{
	for (int k = 0; k < PLOT_LIMITS; k++)
		if (c->p->limit[k] != NULL)
			draw_limit(c, c->p->limit[k], order, k < 2);
}

static void
draw_funnel(struct canvas *c)
{
	const struct plot *p = c->p;
	const struct plot_series *ser = &p->series[0];
	size_t *order = category_order(p);

	order_key = p->n;
	qsort(order, p->ncat, sizeof(*order), by_key);
	draw_limits(c, order);
	/* the pooled rate, midway between the 95% limits at the largest n */
	if (p->limit[0] != NULL && p->ncat > 0) {
		size_t big = order[p->ncat - 1];
		double p0 = (p->limit[0][big] + p->limit[1][big]) / 2;

		set_rgb(c, grey);
		cairo_set_line_width(c->cr, 1);
		cairo_move_to(c->cr, c->x0, value_pos(c, p0));
		cairo_line_to(c->cr, c->x1, value_pos(c, p0));
		cairo_stroke(c->cr);
	}
	/* the points inside, then those outside named, then --labels */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < p->ncat; i++) {
			double x, y;
			int out;

			if (!isfinite(ser->y[i]) || !isfinite(p->n[i]))
				continue;
			x = n_pos(c, p->n[i]);
			y = value_pos(c, ser->y[i]);
			out = outside(p, i) != 0;
			if (pass == 0 && !out)
				draw_marker(c, x, y, palette[0]);
			else if (pass == 1 && out)
				mark_outside(c, i, x, y, p->cat[i]);
			else if (pass == 2 && !out && p->labels)
				draw_label(c, p->cat[i], x + 5, y, 0, 0.5, 0);
		}
	free(order);
}

static void
draw_n_axis(struct canvas *c)
{
	double step = nice_step(c->nmax, 5);
	char buf[32];

	for (double v = 0; v <= c->nmax + step * 1e-6; v += step) {
		snprintf(buf, sizeof(buf), "%.0f", v);
		draw_text(c, buf, 11.5, 0, n_pos(c, v), c->y1 + 4, 0.5, 0, 0, grey);
	}
}

/* ---- tables ------------------------------------------------------------ */

/* Whether row i of a table is in bold: the heading (-1) and the total row. */
static int
table_bold(const struct plot *p, long i)
{
	return i < 0 || (p->total != NULL && strcmp(p->cat[i], p->total) == 0);
}

/* A cell of a table: row -1 is the heading. */
static const char *
table_cell(const struct plot *p, long row, size_t col)
{
	if (col == 0)
		return row < 0 ? (p->xlabel != NULL ? p->xlabel : "") : p->cat[row];
	if (row < 0)
		return p->series[col - 1].name;
	const char *s = p->series[col - 1].label[row];

	return s != NULL ? s : "";
}

/*
 * Fits a table to the width between x0 and x1: its columns' widths into w
 * and its type size.  The type shrinks from 12 to 9 points until the
 * columns fit; past that the first column (names, sentences) wraps in the
 * width the others leave it, and only when that is under a third of the
 * whole does the type shrink on, to 7.  Returns the first column's wrap
 * width, 0 for none.
 */
static double
table_fit(struct canvas *c, double *w, double *size)
{
	const struct plot *p = c->p;
	size_t ncol = p->nseries + 1;
	double avail = c->x1 - c->x0, tw, th, total;

	for (*size = 12;; *size -= 0.5) {
		total = 0;
		for (size_t j = 0; j < ncol; j++) {
			w[j] = 0;
			for (long i = -1; i < (long)p->ncat; i++) {
				text_extent(c, table_cell(p, i, j), *size, table_bold(p, i), &tw,
				    &th);
				w[j] = fmax(w[j], tw + 16);
			}
			total += w[j];
		}
		if (total <= avail)
			return 0;
		if ((*size <= 9 && avail - (total - w[0]) >= avail / 3) || *size <= 7) {
			w[0] = fmax(avail - (total - w[0]), 60);
			return w[0] - 16;
		}
	}
}

/* A row's height: its most lines (only the first column wraps) of a line of Chinese. */
static double
table_row_height(struct canvas *c, long i, double size, double wrap)
{
	double tw, line, h;

	text_extent(c, "国", size, table_bold(c->p, i), &tw, &line);
	block_extent(c, table_cell(c->p, i, 0), size, table_bold(c->p, i), wrap, &tw, &h);
	return fmax(line, h) + 8;
}

/* Row i of a table (-1 the heading) at y, rh high. */
static void
table_row(struct canvas *c, long i, double y, double rh, const double *w, double size,
    double wrap)
{
	double x = c->x0, total = 0;

	for (size_t j = 0; j < c->p->nseries + 1; j++)
		total += w[j];
	if (i % 2 == 1) {
		cairo_set_source_rgb(c->cr, 0.96, 0.96, 0.96);
		cairo_rectangle(c->cr, c->x0, y, total, rh);
		cairo_fill(c->cr);
	}
	for (size_t j = 0; j < c->p->nseries + 1; j++) {
		/* the first column is text, the others numbers: right-aligned */
		draw_block(c, table_cell(c->p, i, j), size, table_bold(c->p, i), j == 0 ? wrap : 0,
		    j == 0 ? x + 8 : x + w[j] - 8, y + 4, j == 0 ? 0 : 1, 0, 0, ink);
		x += w[j];
	}
	/* a rule under the heading, and over the total row */
	if (table_bold(c->p, i)) {
		set_rgb(c, ink);
		cairo_set_line_width(c->cr, 0.8);
		cairo_move_to(c->cr, c->x0, i < 0 ? y + rh : y);
		cairo_line_to(c->cr, c->x0 + total, i < 0 ? y + rh : y);
		cairo_stroke(c->cr);
	}
}

/* A page's frame: white, the header and the footer; returns the y the footer leaves. */
static double
page_start(struct canvas *c, double pad)
{
	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	c->y0 = draw_header(c, pad);
	return draw_footer(c, pad);
}

/*
 * A table from y0 down.  On paged output a row that would pass bottom
 * begins a new page, the title (continued) and the heading repeated.
 * Sets c->end to the y under its last row, c->bottom to its page's.
 */
static void
draw_table(struct canvas *c, double pad, double bottom)
{
	const struct plot *p = c->p;
	double *w = xcalloc(p->nseries + 1, sizeof(*w)), size, wrap, hh, y;
	size_t on_page = 0;

	wrap = table_fit(c, w, &size);
	hh = table_row_height(c, -1, size, wrap);
	table_row(c, -1, c->y0, hh, w, size, wrap);
	y = c->y0 + hh;
	for (long i = 0; i < (long)p->ncat; i++) {
		double rh = table_row_height(c, i, size, wrap);

		if (c->paged && on_page > 0 && y + rh > bottom) {
			cairo_show_page(c->cr);
			c->page++;
			if (c->shift > 0) {
				/* the flow's translation and clip end with its page */
				cairo_reset_clip(c->cr);
				cairo_translate(c->cr, 0, -c->shift);
				c->shift = 0;
				c->height = c->page_height;
			}
			bottom = page_start(c, pad);
			table_row(c, -1, c->y0, hh, w, size, wrap);
			y = c->y0 + hh;
			on_page = 0;
		}
		table_row(c, i, y, rh, w, size, wrap);
		y += rh;
		on_page++;
	}
	free(w);
	c->end = y;
	c->bottom = bottom;
}

/* ---- the whole chart -------------------------------------------------- */

/*
 * The plot area under the header and above bottom: room on the left for
 * the value axis's ticks (or barh's names) and its title, under it for
 * the category names (turned where they do not fit level) and the x
 * axis's title.  Returns the y of that title.
 */
static double
plot_area(struct canvas *c, double bottom)
{
	const struct plot *p = c->p;
	double w, h, left = PAD, band, below;

	if (p->xlabel != NULL && *p->xlabel != '\0') {
		text_extent(c, p->xlabel, 12.5, 0, &w, &h);
		bottom -= h;
	}
	text_extent(c, "0", 11.5, 0, &w, &c->tick_h);
	c->catw = 0;
	for (size_t i = 0; i < p->ncat && c->kind->cats == CATS_X; i++) {
		text_extent(c, p->cat[i], 11.5, 0, &w, &h);
		c->catw = fmax(c->catw, w);
	}
	if (p->ylabel != NULL && *p->ylabel != '\0') {
		text_extent(c, p->ylabel, 12.5, 0, &w, &h);
		left += h + 6;
	}
	if (c->kind->cats == CATS_Y) {
		for (size_t i = 0; i < p->ncat; i++) {
			text_extent(c, p->cat[i], 12, 0, &w, &h);
			c->catw = fmax(c->catw, w);
		}
		left += c->catw + 8;
	} else {
		char buf[64];

		format_tick(c, c->vmax, buf, sizeof(buf));
		text_extent(c, buf, 11.5, 0, &w, &h);
		left += w + 8;
	}
	c->x0 = left;
	c->x1 = p->width - PAD - (p->labels && c->kind->cats == CATS_Y ? 44 : 6);
	band = (c->x1 - c->x0) / (double)(p->ncat ? p->ncat : 1);
	below = c->kind->cats != CATS_X || c->catw <= band * 0.92 ? c->tick_h + 6 :
	    c->catw * 0.72 + c->tick_h + 6;
	c->y1 = bottom - below;
	if (c->y1 - c->y0 < 40)
		c->y1 = c->y0 + 40;
	return bottom;
}

/* The axis titles (x's at xtitle), the value axis and the axes' lines. */
static void
draw_axes(struct canvas *c, double xtitle)
{
	const struct plot *p = c->p;

	if (p->xlabel != NULL && *p->xlabel != '\0')
		draw_text(c, p->xlabel, 12.5, 0, (c->x0 + c->x1) / 2, xtitle, 0.5, 0, 0, ink);
	if (p->ylabel != NULL && *p->ylabel != '\0')
		draw_text(c, p->ylabel, 12.5, 0, PAD, (c->y0 + c->y1) / 2, 0.5, 0, -M_PI / 2,
		    ink);
	draw_value_axis(c);
	set_rgb(c, ink);
	cairo_set_line_width(c->cr, 0.8);
	cairo_move_to(c->cr, c->x0, c->y0);
	cairo_line_to(c->cr, c->x0, c->y1);
	cairo_line_to(c->cr, c->x1, c->y1);
	cairo_stroke(c->cr);
}

/* The category names where the kind writes them: along x, or down the left. */
static void
draw_categories(struct canvas *c)
{
	if (c->kind->cats == CATS_X)
		draw_category_axis(c);
	else if (c->kind->cats == CATS_Y)
		for (size_t i = 0; i < c->p->ncat; i++)
			draw_text(c, c->p->cat[i], 12, 0, c->x0 - 6, category_pos(c, i),
			    1, 0.5, 0, ink);
}

static void
draw_line_kind(struct canvas *c)
{
	draw_categories(c);
	draw_lines(c);
}

/* The bars, then the break mark of a cut axis over them: no bar hides it. */
static void
draw_bar_kind(struct canvas *c)
{
	draw_categories(c);
	draw_bars(c);
	draw_break_mark(c);
}

/* Points against n, along an axis to a round n past the largest. */
static void
draw_funnel_kind(struct canvas *c)
{
	const struct plot *p = c->p;

	c->nmax = 0;
	for (size_t i = 0; i < p->ncat; i++)
		if (isfinite(p->n[i]))
			c->nmax = fmax(c->nmax, p->n[i]);
	c->nmax = c->nmax > 0 ? ceil(c->nmax * 1.05 / nice_step(c->nmax, 5)) *
	    nice_step(c->nmax, 5) : 1;
	draw_n_axis(c);
	draw_funnel(c);
}

/* The limits through the periods, the line, and its points outside them named. */
static void
draw_pchart_kind(struct canvas *c)
{
	const struct plot *p = c->p;
	size_t *order = category_order(p);

	draw_limits(c, order);
	free(order);
	draw_categories(c);
	draw_lines(c);
	for (size_t i = 0; p->nseries > 0 && i < p->ncat; i++)
		if (outside(p, i) != 0) {
			char buf[320], v[64];

			label_text(c, &p->series[0], i, v, sizeof(v));
			snprintf(buf, sizeof(buf), "%s %s", p->cat[i], v);
			mark_outside(c, i, category_pos(c, i), value_pos(c, p->series[0].y[i]),
			    buf);
		}
}

/* A table across the page, from under the header. */
static void
draw_table_kind(struct canvas *c)
{
	c->x0 = PAD;
	c->x1 = c->p->width - PAD;
	draw_table(c, PAD, c->bottom);
}

const struct plot_kind_def plot_kinds[PLOT_KINDS] = {
	[PLOT_LINE] = { "line", CATS_X, 0, LIMITS_NONE, draw_line_kind },
	[PLOT_BAR] = { "bar", CATS_X, 1, LIMITS_NONE, draw_bar_kind },
	[PLOT_BARH] = { "barh", CATS_Y, 1, LIMITS_NONE, draw_bar_kind },
	[PLOT_FUNNEL] = { "funnel", CATS_N, 0, LIMITS_TABLE, draw_funnel_kind },
	[PLOT_PCHART] = { "pchart", CATS_X, 0, LIMITS_TABLE_OR_OWN, draw_pchart_kind },
	[PLOT_TABLE] = { "table", CATS_ROWS, 0, LIMITS_NONE, draw_table_kind },
};

/*
 * Draws the plot on c: the page's frame, a chart's axes, and what its
 * kind draws.  Returns the height its last page needs, which for a table
 * on one page may be more than the page's.
 */
static double
draw(struct canvas *c)
{
	c->bottom = page_start(c, PAD);
	if (c->kind->cats != CATS_ROWS) {
		value_range(c);
		draw_axes(c, plot_area(c, c->bottom));
	}
	c->kind->draw(c);
	return c->kind->cats == CATS_ROWS ? c->end + (c->height - c->bottom) : c->height;
}

const char *const plot_format_name[PLOT_FORMATS] = {
	[PLOT_PNG] = "png", [PLOT_PDF] = "pdf", [PLOT_SVG] = "svg",
};

/*
 * Whether a page width by height CSS pixels, drawn scale times in the
 * format's units, is larger than the format allows: cairo's image surfaces, and so PNGs, are at most
 * 32767 pixels a side, and PDF readers refuse pages over 200 inches (14400
 * points); SVG has no limit.  The message for it in err.
 */
static int
too_big(double width, double height, enum plot_format fmt, double scale,
    char *err, size_t errlen)
{
	static const double max_side[PLOT_FORMATS] = {
		[PLOT_PNG] = 32767, [PLOT_PDF] = 14400, [PLOT_SVG] = HUGE_VAL,
	};
	width *= scale;
	height *= scale;
	if (width <= max_side[fmt] && height <= max_side[fmt])
		return 0;
	snprintf(err, errlen, "the chart would be %.0f by %.0f %s, larger than "
	    "--format %s allows (%.0f a side): keep fewer categories with --top N, "
	    "or write --kind table as a PDF, whose pages continue", ceil(width),
	    ceil(height), fmt == PLOT_PNG ? "pixels" : "points",
	    plot_format_name[fmt], max_side[fmt]);
	return 1;
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	out_write(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * A PDF surface writing to o, p's size; its dates from SOURCE_DATE_EPOCH
 * (or 1970), so the same plot gives the same bytes.  The caller destroys it.
 */
static cairo_surface_t *
pdf_surface(const struct plot *p, struct out *o, double scale)
{
	char date[32];
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = epoch != NULL ? (time_t)strtoll(epoch, NULL, 10) : 0;
	struct tm tm;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, o,
	    p->width * scale, p->height * scale);

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	if (p->title != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "rexian " REXIAN_VERSION);
	return s;
}

/*
 * Ends drawing on s, whose context's status was st: a PNG written to png
 * (NULL for PDF and SVG, written as drawn), s finished and destroyed.  0,
 * or -1 with a message in err: unknown glyphs (the font lacks some of the
 * text) or cairo's status.
 */
static int
surface_done(cairo_surface_t *s, cairo_status_t st, int unknown_glyphs, const char *family,
    struct out *png, char *err, size_t errlen)
{
	if (st == CAIRO_STATUS_SUCCESS && unknown_glyphs > 0)
		snprintf(err, errlen, "font '%s' has no glyphs for some of the text (%d "
		    "missing); install fonts-noto-cjk or name a font with --font",
		    family, unknown_glyphs);
	else if (st == CAIRO_STATUS_SUCCESS && png != NULL)
		st = cairo_surface_write_to_png_stream(s, write_out, png);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		snprintf(err, errlen, "cairo: %s", cairo_status_to_string(st));
	return st != CAIRO_STATUS_SUCCESS || unknown_glyphs > 0 ? -1 : 0;
}

int
plot_write(const struct plot *p, enum plot_format fmt, struct out *o, char *err, size_t errlen)
{
	struct canvas *c = xcalloc(1, sizeof(*c));
	cairo_surface_t *s;
	cairo_status_t st;
	int bad;
	/* drawing is in CSS pixels: 96 to the inch, 0.75 of a point */
	double scale = fmt == PLOT_PNG ? p->dpi / 96 : 0.75;

	c->p = p;
	c->kind = &plot_kinds[p->kind];
	c->family = p->font != NULL ? p->font : "Noto Sans CJK SC";
	c->height = p->height;
	if (c->kind->cats == CATS_ROWS && fmt != PLOT_PDF) {
		/* one page as tall as the table: measured on a scratch surface */
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
		c->cr = cairo_create(s);
		c->height = fmax(p->height, ceil(draw(c)));
		cairo_destroy(c->cr);
		cairo_surface_destroy(s);
		c->nbox = 0;
	}
	c->paged = fmt == PLOT_PDF;
	if (too_big(p->width, c->height, fmt, scale, err, errlen)) {
		free(c);
		return -1;
	}
	if (fmt == PLOT_PNG)
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
		    (int)lround(p->width * scale), (int)lround(c->height * scale));
	else if (fmt == PLOT_PDF)
		s = pdf_surface(p, o, scale);
	else
		s = cairo_svg_surface_create_for_stream(write_out, o, p->width * scale,
		    c->height * scale);
	c->cr = cairo_create(s);
	cairo_scale(c->cr, scale, scale);
	draw(c);
	cairo_show_page(c->cr);
	st = cairo_status(c->cr);
	cairo_destroy(c->cr);
	bad = surface_done(s, st, c->unknown_glyphs, c->family, fmt == PLOT_PNG ? o : NULL,
	    err, errlen);
	free(c);
	return bad;
}

/* ---- several plots down pages ----------------------------------------- */

struct flow {
	cairo_t *cr;
	const char *family;
	struct plot page;	/* the page: size, language, numbers */
	int shown;		/* pages shown */
	int footer;		/* this page's numbers are drawn */
	int unknown_glyphs;
};

/* A canvas for p on the flow's surface, h high; the caller frees it (free). */
static struct canvas *
flow_canvas(struct flow *f, const struct plot *p, double h)
{
	struct canvas *c = xcalloc(1, sizeof(*c));

	c->cr = f->cr;
	c->p = p;
	c->kind = &plot_kinds[p->kind];
	c->family = f->family;
	c->height = h;
	return c;
}

/* The page's numbers at its foot, unless a table drew them; then the next page. */
static void
flow_break(struct flow *f)
{
	if (!f->footer) {
		struct canvas *c = flow_canvas(f, &f->page, f->page.height);

		c->page = f->shown;
		draw_footer(c, 14);
		f->unknown_glyphs += c->unknown_glyphs;
		free(c);
	}
	cairo_show_page(f->cr);
	f->shown++;
	f->footer = 0;
}

/* The height a table needs on one page, measured on a scratch surface. */
static double
table_height(struct flow *f, const struct plot *p)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *cr = cairo_create(s);
	cairo_t *keep = f->cr;
	struct canvas *c;
	double h;

	f->cr = cr;
	c = flow_canvas(f, p, p->height);
	h = draw(c);
	free(c);
	f->cr = keep;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return h;
}

/* Draws c's plot from top down the page, clipped to height. */
static void
flow_draw(struct flow *f, struct canvas *c, double top, double height)
{
	cairo_save(f->cr);
	cairo_translate(f->cr, 0, top);
	cairo_rectangle(f->cr, 0, 0, c->p->width, height);
	cairo_clip(f->cr);
	draw(c);
	cairo_restore(f->cr);
	f->unknown_glyphs += c->unknown_glyphs;
}

/*
 * Lays the parts out down the pages: each below the last, on the next
 * page when it does not fit the rest of this one (a chart shrinks to two
 * thirds of its height to stay on it); a table over half a
 * page that does not fit runs on over the next pages from where it
 * begins (from the next page when less than 200 pixels are left),
 * numbering them itself.
 * Returns the pages used.
 */
static int
flow_parts(struct flow *f, const struct plot *parts, size_t n)
{
	double footer, top = 0, bottom, w, h;
	struct canvas *c = flow_canvas(f, &f->page, f->page.height);

	text_extent(c, "第 1 页", 11, 0, &w, &footer);
	free(c);
	bottom = f->page.height - 14 - footer - 6;
	for (size_t i = 0; i < n; i++) {
		struct plot p = parts[i];
		int table = plot_kinds[p.kind].cats == CATS_ROWS;

		p.width = f->page.width;
		h = table ? table_height(f, &p) : p.height;
		/* a chart shrinks to two thirds of its height to end a page */
		if (!table && top > 0 && top + h > bottom && bottom - top >= h * 2 / 3)
			h = bottom - top;
		/* a short table stays whole, as a chart does */
		if (top > 0 && top + h > bottom && (!table || bottom - top < 200 ||
		    h <= f->page.height / 2)) {
			flow_break(f);
			top = 0;
			bottom = f->page.height - 14 - footer - 6;
		}
		if (table && top + h > bottom) {
			/* a table past the page's end runs on over the next
			 * pages from here, numbering them itself */
			p.height = f->page.height;
			p.page_first = f->page.page_first + f->shown;
			p.page_total = f->page.page_total;
			c = flow_canvas(f, &p, p.height - top);
			c->paged = 1;
			c->shift = top;
			c->page_height = p.height;
			flow_draw(f, c, top, p.height - top);
			f->shown += c->page;
			f->footer = 1;
			top = c->end + c->shift + 8;
			bottom = c->bottom + c->shift;
			free(c);
			continue;
		}
		p.height = h;
		c = flow_canvas(f, &p, p.height);
		flow_draw(f, c, top, p.height);
		free(c);
		top += p.height;
	}
	flow_break(f);
	return f->shown;
}

static cairo_status_t
write_nothing(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

/*
 * The parts down PDF pages of page's size, laid out once to count the
 * pages and again to draw them numbered.
 */
int
plot_write_flow(const struct plot *page, const struct plot *parts, size_t n,
    struct out *o, char *err, size_t errlen)
{
	struct flow f = { .page = *page };
	double scale = 0.75;
	cairo_surface_t *s;
	cairo_status_t st;
	int total;

	f.family = page->font != NULL ? page->font : "Noto Sans CJK SC";
	s = cairo_pdf_surface_create_for_stream(write_nothing, NULL, page->width * scale,
	    page->height * scale);
	f.cr = cairo_create(s);
	cairo_scale(f.cr, scale, scale);
	total = flow_parts(&f, parts, n);
	cairo_destroy(f.cr);
	cairo_surface_destroy(s);
	f = (struct flow){ .page = *page, .family = f.family };
	f.page.page_total = f.page.page_first + total - 1;
	s = pdf_surface(page, o, scale);
	f.cr = cairo_create(s);
	cairo_scale(f.cr, scale, scale);
	flow_parts(&f, parts, n);
	st = cairo_status(f.cr);
	cairo_destroy(f.cr);
	return surface_done(s, st, f.unknown_glyphs, f.family, NULL, err, errlen);
}
