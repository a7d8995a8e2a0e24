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

enum { MAX_BOXES = 4096 };

/* Okabe and Ito's colour-blind-safe palette, yellow last (weak on white) */
static const double palette[][3] = {
	{ 0.000, 0.447, 0.698 }, { 0.835, 0.369, 0.000 }, { 0.000, 0.620, 0.451 },
	{ 0.902, 0.624, 0.000 }, { 0.337, 0.706, 0.914 }, { 0.800, 0.475, 0.655 },
	{ 0.000, 0.000, 0.000 }, { 0.941, 0.894, 0.259 },
};
#define NCOLOURS (sizeof(palette) / sizeof(palette[0]))

static const double ink[3] = { 0.13, 0.13, 0.13 }, grey[3] = { 0.45, 0.45, 0.45 },
	grid[3] = { 0.88, 0.88, 0.88 }, limit_ink[3] = { 0.55, 0.55, 0.55 };

struct box {
	double x0, y0, x1, y1;
};

struct canvas {
	cairo_t *cr;
	const struct plot *p;
	const char *family;
	int unknown_glyphs;
	double x0, y0, x1, y1;	/* the plot area */
	double vmin, vmax, step;	/* the value axis */
	double nmax;		/* funnel: the n axis */
	struct box box[MAX_BOXES];	/* labels drawn, to avoid overlaps */
	size_t nbox;
};

/* ---- text ------------------------------------------------------------- */

static PangoLayout *
text_layout(struct canvas *c, const char *text, double size, int bold)
{
	PangoLayout *l = pango_cairo_create_layout(c->cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, c->family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	c->unknown_glyphs += pango_layout_get_unknown_glyphs_count(l);
	return l;
}

static void
text_extent(struct canvas *c, const char *text, double size, int bold, double *w, double *h)
{
	PangoLayout *l = text_layout(c, text, size, bold);
	int pw, ph;

	pango_layout_get_size(l, &pw, &ph);
	*w = (double)pw / PANGO_SCALE;
	*h = (double)ph / PANGO_SCALE;
	g_object_unref(l);
}

/*
 * Draws text with its anchor (ax, ay in 0..1 of its box) at (x, y), turned
 * by angle radians about that point.
 */
static void
draw_text(struct canvas *c, const char *text, double size, int bold, double x, double y,
    double ax, double ay, double angle, const double rgb[3])
{
	PangoLayout *l = text_layout(c, text, size, bold);
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

/* Draws a label unless it would overlap one already drawn. */
static void
draw_label(struct canvas *c, const char *text, double x, double y, double ax, double ay)
{
	double w, h;
	struct box b;

	text_extent(c, text, 11.5, 0, &w, &h);
	b = (struct box){ x - ax * w - 1, y - ay * h, x + (1 - ax) * w + 1, y + (1 - ay) * h };
	for (size_t i = 0; i < c->nbox; i++)
		if (b.x0 < c->box[i].x1 && c->box[i].x0 < b.x1 &&
		    b.y0 < c->box[i].y1 && c->box[i].y0 < b.y1)
			return;
	if (c->nbox < MAX_BOXES)
		c->box[c->nbox++] = b;
	draw_text(c, text, 11.5, 0, x, y, ax, ay, 0, ink);
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
	int bars = p->kind == PLOT_BAR || p->kind == PLOT_BARH;

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

	if (c->p->kind == PLOT_BARH)
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
	if (c->p->kind == PLOT_BARH)
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

/* The header: title, subtitle and legend; returns the y below it. */
static double
draw_header(struct canvas *c, double pad)
{
	const struct plot *p = c->p;
	double y = pad, w, h;

	if (p->title != NULL && *p->title != '\0') {
		text_extent(c, p->title, 18, 1, &w, &h);
		draw_text(c, p->title, 18, 1, pad, y, 0, 0, 0, ink);
		y += h + 2;
	}
	if (p->subtitle != NULL && *p->subtitle != '\0') {
		text_extent(c, p->subtitle, 13, 0, &w, &h);
		draw_text(c, p->subtitle, 13, 0, pad, y, 0, 0, 0, grey);
		y += h + 2;
	}
	const char *names[64];
	const double *rgb[64];
	int dashed[64];
	size_t n = 0;

	if (p->kind != PLOT_TABLE &&
	    (p->nseries > 1 || p->kind == PLOT_FUNNEL || p->kind == PLOT_PCHART))
		for (size_t s = 0; s < p->nseries && n < 60; s++) {
			names[n] = p->series[s].name;
			rgb[n] = colour(s);
			dashed[n++] = 0;
		}
	if (p->limit[0] != NULL) {
		names[n] = p->zh ? "95% 控制限" : "95% limits";
		rgb[n] = limit_ink;
		dashed[n++] = 1;
		names[n] = p->zh ? "99.8% 控制限" : "99.8% limits";
		rgb[n] = limit_ink;
		dashed[n++] = 0;
	}
	if (n == 0)
		return y + 6;
	double x = pad, row = 0;

	y += 4;
	for (size_t i = 0; i < n; i++) {
		text_extent(c, names[i], 12, 0, &w, &h);
		if (x > pad && x + 22 + w > p->width - pad) {
			x = pad;
			y += row + 2;
		}
		cairo_set_line_width(c->cr, 2.5);
		cairo_set_dash(c->cr, (double[]){ 4, 3 }, dashed[i] ? 2 : 0, 0);
		set_rgb(c, rgb[i]);
		cairo_move_to(c->cr, x, y + h / 2);
		cairo_line_to(c->cr, x + 16, y + h / 2);
		cairo_stroke(c->cr);
		cairo_set_dash(c->cr, NULL, 0, 0);
		draw_text(c, names[i], 12, 0, x + 20, y, 0, 0, 0, ink);
		x += 20 + w + 14;
		row = h;
	}
	return y + row + 14;
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
		if (c->p->kind == PLOT_BARH) {
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
	if (c->vmin > 0 && c->p->kind != PLOT_BARH && c->p->kind != PLOT_BAR) {
		format_tick(c, c->vmin, buf, sizeof(buf));
		char note[96];

		snprintf(note, sizeof(note), c->p->zh ? "纵轴起点为 %s" : "y axis starts at %s", buf);
		draw_text(c, note, 11, 0, c->x0 + 4, c->y1 - 3, 0, 1, 0, grey);
	}
}

/* Category labels along x: level, turned 45 degrees, or thinned to fit. */
static void
draw_category_axis(struct canvas *c, double maxw, double h)
{
	const struct plot *p = c->p;
	double band = (c->x1 - c->x0) / (double)p->ncat;
	int turn = maxw > band * 0.92;
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
draw_marker(struct canvas *c, double x, double y, const double rgb[3])
{
	set_rgb(c, rgb);
	cairo_new_sub_path(c->cr);
	cairo_arc(c->cr, x, y, 3.2, 0, 2 * M_PI);
	cairo_fill(c->cr);
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
	if (c->p->kind == PLOT_BARH) {
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
				    value_pos(c, p->series[s].y[i]) - 5, 0.5, 1);
			}
}

static void
draw_bars(struct canvas *c)
{
	const struct plot *p = c->p;
	int horizontal = p->kind == PLOT_BARH;
	double band = (horizontal ? c->y1 - c->y0 : c->x1 - c->x0) / (double)p->ncat;
	double width = band * 0.8 / (double)p->nseries;
	double zero = value_pos(c, fmax(c->vmin, 0));
	char buf[64];

	for (size_t s = 0; s < p->nseries; s++) {
		const struct plot_series *ser = &p->series[s];

		for (size_t i = 0; i < p->ncat; i++) {
			double at = category_pos(c, i) - band * 0.4 + width * ((double)s + 0.5);
			double v;

			if (!isfinite(ser->y[i]))
				continue;
			v = value_pos(c, ser->y[i]);
			set_rgb(c, colour(s));
			if (horizontal)
				cairo_rectangle(c->cr, zero, at - width / 2, v - zero, width * 0.9);
			else
				cairo_rectangle(c->cr, at - width / 2, v, width * 0.9, zero - v);
			cairo_fill(c->cr);
			if (p->error_bars && ser->lo != NULL)
				draw_error_bar(c, at, ser->lo[i], ser->hi[i], ink);
			if (!p->labels)
				continue;
			label_text(c, ser, i, buf, sizeof(buf));
			if (horizontal)
				draw_label(c, buf, fmax(v, p->error_bars && ser->hi ?
				    value_pos(c, ser->hi[i]) : v) + 4, at, 0, 0.5);
			else
				draw_label(c, buf, at, v - 3, 0.5, 1);
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
		double x = c->p->kind == PLOT_FUNNEL ? n_pos(c, c->p->n[i]) : category_pos(c, i);

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

static int
by_key(const void *a, const void *b)
{
	double x = order_key[*(const size_t *)a], y = order_key[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

static void
draw_funnel(struct canvas *c)
{
	const struct plot *p = c->p;
	const struct plot_series *ser = &p->series[0];
	size_t *order = calloc(p->ncat + 1, sizeof(*order));
	char buf[64];

	if (order == NULL)
		return;
	for (size_t i = 0; i < p->ncat; i++)
		order[i] = i;
	order_key = p->n;
	qsort(order, p->ncat, sizeof(*order), by_key);
	for (int k = 0; k < PLOT_LIMITS; k++)
		if (p->limit[k] != NULL)
			draw_limit(c, p->limit[k], order, k < 2);
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
	for (size_t i = 0; i < p->ncat; i++) {
		int outside;

		if (!isfinite(ser->y[i]) || !isfinite(p->n[i]))
			continue;
		outside = p->limit[2] != NULL && (ser->y[i] < p->limit[2][i] ||
		    ser->y[i] > p->limit[3][i]);
		draw_marker(c, n_pos(c, p->n[i]), value_pos(c, ser->y[i]),
		    outside ? palette[1] : palette[0]);
		if (outside || p->labels) {
			snprintf(buf, sizeof(buf), "%s", p->cat[i]);
			draw_label(c, buf, n_pos(c, p->n[i]) + 5, value_pos(c, ser->y[i]), 0, 0.5);
		}
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

/* A table, its type shrunk until its columns fit the width. */
static void
draw_table(struct canvas *c)
{
	const struct plot *p = c->p;
	size_t ncol = p->nseries + 1;
	double *w = calloc(ncol, sizeof(*w)), size = 12, total, tw, th, y;

	if (w == NULL)
		return;
	for (;;) {
		total = 0;
		for (size_t j = 0; j < ncol; j++) {
			w[j] = 0;
			for (long i = -1; i < (long)p->ncat; i++) {
				text_extent(c, table_cell(p, i, j), size, i < 0, &tw, &th);
				w[j] = fmax(w[j], tw + 16);
			}
			total += w[j];
		}
		if (total <= c->x1 - c->x0 || size <= 7)
			break;
		size -= 0.5;
	}
	text_extent(c, "国", size, 0, &tw, &th);
	y = c->y0;
	for (long i = -1; i < (long)p->ncat; i++) {
		double x = c->x0;

		if (i % 2 == 1) {
			cairo_set_source_rgb(c->cr, 0.96, 0.96, 0.96);
			cairo_rectangle(c->cr, c->x0, y, total, th + 8);
			cairo_fill(c->cr);
		}
		for (size_t j = 0; j < ncol; j++) {
			/* the first column is text, the others numbers: right-aligned */
			draw_text(c, table_cell(p, i, j), size, i < 0, j == 0 ? x + 8 :
			    x + w[j] - 8, y + 4, j == 0 ? 0 : 1, 0, 0, ink);
			x += w[j];
		}
		y += th + 8;
		if (i < 0) {
			set_rgb(c, ink);
			cairo_set_line_width(c->cr, 0.8);
			cairo_move_to(c->cr, c->x0, y);
			cairo_line_to(c->cr, c->x0 + total, y);
			cairo_stroke(c->cr);
		}
	}
	free(w);
}

/* ---- the whole chart -------------------------------------------------- */

static void
draw(struct canvas *c)
{
	const struct plot *p = c->p;
	double pad = 14, w, h, maxw = 0, th, bottom, left;

	cairo_set_source_rgb(c->cr, 1, 1, 1);
	cairo_paint(c->cr);
	c->y0 = draw_header(c, pad);
	if (p->kind == PLOT_TABLE) {
		c->x0 = pad;
		c->x1 = p->width - pad;
		if (p->note != NULL && *p->note != '\0')
			draw_text(c, p->note, 11, 0, pad, p->height - pad, 0, 1, 0, grey);
		draw_table(c);
		return;
	}
	value_range(c);
	bottom = p->height - pad;
	if (p->note != NULL && *p->note != '\0') {
		text_extent(c, p->note, 11, 0, &w, &h);
		draw_text(c, p->note, 11, 0, pad, bottom, 0, 1, 0, grey);
		bottom -= h + 4;
	}
	if (p->xlabel != NULL && *p->xlabel != '\0') {
		text_extent(c, p->xlabel, 12.5, 0, &w, &h);
		bottom -= h;
	}
	/* room for the labels along x */
	text_extent(c, "0", 11.5, 0, &w, &th);
	for (size_t i = 0; i < p->ncat && p->kind != PLOT_BARH && p->kind != PLOT_FUNNEL; i++) {
		text_extent(c, p->cat[i], 11.5, 0, &w, &h);
		maxw = fmax(maxw, w);
	}
	left = pad;
	if (p->ylabel != NULL && *p->ylabel != '\0') {
		text_extent(c, p->ylabel, 12.5, 0, &w, &h);
		left += h + 6;
	}
	if (p->kind == PLOT_BARH) {
		for (size_t i = 0; i < p->ncat; i++) {
			text_extent(c, p->cat[i], 12, 0, &w, &h);
			maxw = fmax(maxw, w);
		}
		left += maxw + 8;
	} else {
		char buf[64];

		format_tick(c, c->vmax, buf, sizeof(buf));
		text_extent(c, buf, 11.5, 0, &w, &h);
		left += w + 8;
	}
	c->x0 = left;
	c->x1 = p->width - pad - (p->labels && p->kind == PLOT_BARH ? 44 : 6);
	{
		double band = (c->x1 - c->x0) / (double)(p->ncat ? p->ncat : 1);
		double below = p->kind == PLOT_BARH || p->kind == PLOT_FUNNEL ||
		    maxw <= band * 0.92 ? th + 6 : maxw * 0.72 + th + 6;

		c->y1 = bottom - below;
	}
	if (c->y1 - c->y0 < 40)
		c->y1 = c->y0 + 40;
	if (p->xlabel != NULL && *p->xlabel != '\0')
		draw_text(c, p->xlabel, 12.5, 0, (c->x0 + c->x1) / 2, bottom, 0.5, 0, 0, ink);
	if (p->ylabel != NULL && *p->ylabel != '\0')
		draw_text(c, p->ylabel, 12.5, 0, pad, (c->y0 + c->y1) / 2, 0.5, 0, -M_PI / 2, ink);
	draw_value_axis(c);
	set_rgb(c, ink);
	cairo_set_line_width(c->cr, 0.8);
	cairo_move_to(c->cr, c->x0, c->y0);
	cairo_line_to(c->cr, c->x0, c->y1);
	cairo_line_to(c->cr, c->x1, c->y1);
	cairo_stroke(c->cr);
	switch (p->kind) {
	case PLOT_BARH:
		for (size_t i = 0; i < p->ncat; i++)
			draw_text(c, p->cat[i], 12, 0, c->x0 - 6, category_pos(c, i), 1, 0.5, 0, ink);
		draw_bars(c);
		break;
	case PLOT_BAR:
		draw_category_axis(c, maxw, th);
		draw_bars(c);
		break;
	case PLOT_FUNNEL:
		c->nmax = 0;
		for (size_t i = 0; i < p->ncat; i++)
			if (isfinite(p->n[i]))
				c->nmax = fmax(c->nmax, p->n[i]);
		c->nmax = c->nmax > 0 ? ceil(c->nmax * 1.05 / nice_step(c->nmax, 5)) *
		    nice_step(c->nmax, 5) : 1;
		draw_n_axis(c);
		draw_funnel(c);
		break;
	case PLOT_PCHART: {
		size_t *order = calloc(p->ncat + 1, sizeof(*order));

		for (size_t i = 0; order != NULL && i < p->ncat; i++)
			order[i] = i;
		for (int k = 0; order != NULL && k < PLOT_LIMITS; k++)
			if (p->limit[k] != NULL)
				draw_limit(c, p->limit[k], order, k < 2);
		free(order);
		draw_category_axis(c, maxw, th);
		draw_lines(c);
		break;
	}
	default:
		draw_category_axis(c, maxw, th);
		draw_lines(c);
		break;
	}
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int length)
{
	out_write(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int
plot_write(const struct plot *p, enum plot_format fmt, struct out *o, char *err, size_t errlen)
{
	struct canvas *c = calloc(1, sizeof(*c));
	cairo_surface_t *s;
	cairo_status_t st;
	/* drawing is in CSS pixels: 96 to the inch, 0.75 of a point */
	double scale = fmt == PLOT_PNG ? p->dpi / 96 : 0.75;

	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->p = p;
	c->family = p->font != NULL ? p->font : "Noto Sans CJK SC";
	if (fmt == PLOT_PNG)
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
		    (int)lround(p->width * scale), (int)lround(p->height * scale));
	else if (fmt == PLOT_PDF) {
		char date[32];
		const char *epoch = getenv("SOURCE_DATE_EPOCH");
		time_t t = epoch != NULL ? (time_t)strtoll(epoch, NULL, 10) : 0;
		struct tm tm;

		s = cairo_pdf_surface_create_for_stream(write_out, o, p->width * scale,
		    p->height * scale);
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
		if (p->title != NULL)
			cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, p->title);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    "rexian " REXIAN_VERSION);
	} else
		s = cairo_svg_surface_create_for_stream(write_out, o, p->width * scale,
		    p->height * scale);
	c->cr = cairo_create(s);
	cairo_scale(c->cr, scale, scale);
	draw(c);
	cairo_show_page(c->cr);
	st = cairo_status(c->cr);
	cairo_destroy(c->cr);
	if (st == CAIRO_STATUS_SUCCESS && c->unknown_glyphs > 0)
		snprintf(err, errlen, "font '%s' has no glyphs for some of the text (%d "
		    "missing); install fonts-noto-cjk or name a font with --font",
		    c->family, c->unknown_glyphs);
	else if (st == CAIRO_STATUS_SUCCESS && fmt == PLOT_PNG)
		st = cairo_surface_write_to_png_stream(s, write_out, o);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		snprintf(err, errlen, "cairo: %s", cairo_status_to_string(st));
	int bad = st != CAIRO_STATUS_SUCCESS || c->unknown_glyphs > 0;

	free(c);
	return bad ? -1 : 0;
}
