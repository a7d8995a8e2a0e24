/*
 * chart.c: rexian-chart's engine: a CSV table read whole, the columns the
 * options name turned into a struct plot (categories, series, intervals,
 * limits), and plot_write's output committed under the final name.
 * The contract is in chart.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "csvio.h"
#include "hashmap.h"
#include "keys.h"
#include "metric.h"
#include "rate.h"
#include "stats.h"
#include "util.h"

struct table {
	const char *file;
	char **head;
	size_t ncol;
	char ***row;		/* row[i][j] */
	long *line;
	size_t nrow, cap, linecap;
};

/*
 * --keys: official names, and the rows in the key file's order by --x,
 * then by --series, so that categories and series come in that order.
 */
static void
name_rows(struct table *t, const struct chart_options *opt)
{
	const char *id[2] = { opt->x, opt->series };
	size_t *order = xcalloc(t->nrow + 1, sizeof(*order));
	char ***row = xcalloc(t->nrow + 1, sizeof(*row));
	long *line = xcalloc(t->nrow + 1, sizeof(*line));

	keys_apply(opt->keys, t->file, t->head, t->ncol, id, 2, t->row, t->line,
	    t->nrow, order);
	for (size_t i = 0; i < t->nrow; i++) {
		row[i] = t->row[order[i]];
		line[i] = t->line[order[i]];
	}
	free(t->row);
	free(t->line);
	t->row = row;
	t->line = line;
	t->cap = t->linecap = t->nrow + 1;
	free(order);
}

static void
read_table(struct table *t, const char *path, const struct chart_options *opt)
{
	struct csv_reader *r;
	struct csv_record rec;
	struct err e;

	or_die(csv_open(path, CSV_AUTO, &r, &e), &e);
	t->file = xstrdup(csv_name(r));
	or_die(csv_read_header(r, &rec, &e), &e);
	t->ncol = rec.nfields;
	t->head = xcalloc(t->ncol, sizeof(*t->head));
	for (size_t j = 0; j < t->ncol; j++)
		t->head[j] = xmemdup0(rec.field[j].s, rec.field[j].len);
	while (or_die(csv_read(r, &rec, &e), &e)) {
		int keep = 1;

		if (rec.nfields != t->ncol)
			die("%s:%ld: wrong field count: %zu, expected %zu", t->file,
			    rec.line, rec.nfields, t->ncol);
		for (int w = 0; w < opt->nwhere && keep; w++) {
			const char *eq = strchr(opt->where[w], '=');
			size_t klen = (size_t)(eq - opt->where[w]);

			for (size_t j = 0; j < t->ncol; j++)
				if (strlen(t->head[j]) == klen &&
				    memcmp(t->head[j], opt->where[w], klen) == 0)
					keep = rec.field[j].len == strlen(eq + 1) &&
					    memcmp(rec.field[j].s, eq + 1, rec.field[j].len) == 0;
		}
		if (!keep)
			continue;
		xgrow(&t->row, &t->cap, t->nrow + 1, sizeof(*t->row));
		xgrow(&t->line, &t->linecap, t->nrow + 1, sizeof(*t->line));
		t->row[t->nrow] = xcalloc(t->ncol, sizeof(char *));
		for (size_t j = 0; j < t->ncol; j++)
			t->row[t->nrow][j] = xmemdup0(rec.field[j].s, rec.field[j].len);
		t->line[t->nrow++] = rec.line;
	}
	csv_close(r);
	if (opt->keys != NULL)
		name_rows(t, opt);
}

/* The column named name, or -1; two of that name are an error, never a guess. */
static int
column(const struct table *t, const char *name, int required)
{
	int found = -1;

	for (size_t j = 0; j < t->ncol; j++)
		if (strcmp(t->head[j], name) == 0) {
			if (found >= 0)
				die("%s:1: two columns named '%s'", t->file, name);
			found = (int)j;
		}
	if (found < 0 && required)
		die("%s:1: no column '%s'", t->file, name);
	return found;
}

/* The rate table's column of metric name in role (satisfaction_lo), or -1. */
static int
suffixed(const struct table *t, const char *name, enum rate_role role, int required)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s%s", name, rate_suffix[role]);
	return column(t, buf, required);
}

static double
number(const struct table *t, size_t i, int col)
{
	const char *s = t->row[i][col];
	char *end;
	double v;

	if (*s == '\0')
		return NAN;
	v = strtod(s, &end);
	if (*end != '\0' || !isfinite(v))
		die("%s:%ld: %s '%s' is not a number", t->file, t->line[i], t->head[col], s);
	return v;
}

/* The column's values for rows, NAN where missing; the caller frees them. */
static double *
numbers(const struct table *t, const size_t *rows, size_t n, int col)
{
	double *v = xcalloc(n + 1, sizeof(*v));

	for (size_t i = 0; i < n; i++)
		v[i] = rows[i] == (size_t)-1 || col < 0 ? NAN : number(t, rows[i], col);
	return v;
}

/* The English or Chinese name of a column, for axis titles. */
static const char *
title_of(const char *col, int zh)
{
	int m = metric_by_name(col, strlen(col));

	if (m >= 0)
		return zh ? metric_table[m].zh : metric_table[m].name;
	return zh ? rate_key_zh(col) : col;
}

struct built {
	struct plot p;
	const char **cat;
	size_t **rows;		/* per series, per category: table row or -1 */
	char *ylist;		/* --y, split in place into ys */
	char **ys;
	size_t nys;
};

/* Orders categories by the first series' values for --sort, then --top. */
static void
sort_categories(struct built *b, const struct chart_options *opt)
{
	size_t n = b->p.ncat, *idx = xcalloc(n + 1, sizeof(*idx));
	const double *y = b->p.nseries > 0 ? b->p.series[0].y : NULL;

	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	if (opt->sort != 0 && y != NULL)
		for (size_t i = 1; i < n; i++)	/* insertion sort: stable, n is small */
			for (size_t j = i; j > 0; j--) {
				double a = y[idx[j - 1]], c = y[idx[j]];
				int swap = isnan(a) ? !isnan(c) : !isnan(c) &&
				    (opt->sort > 0 ? c < a : c > a);

				if (!swap)
					break;
				size_t tmp = idx[j];

				idx[j] = idx[j - 1];
				idx[j - 1] = tmp;
			}
	if (opt->top > 0 && (size_t)opt->top < n)
		n = (size_t)opt->top;
	const char **cat = xcalloc(n + 1, sizeof(*cat));

	for (size_t i = 0; i < n; i++)
		cat[i] = b->cat[idx[i]];
	free(b->cat);
	b->cat = cat;
	for (size_t s = 0; s < b->p.nseries; s++) {
		size_t *rows = xcalloc(n + 1, sizeof(*rows));
		double *v = xcalloc(n + 1, sizeof(*v));

		for (size_t i = 0; i < n; i++) {
			rows[i] = b->rows[s][idx[i]];
			v[i] = b->p.series[s].y[idx[i]];
		}
		free(b->rows[s]);
		b->rows[s] = rows;
		free(b->p.series[s].y);
		b->p.series[s].y = v;
	}
	b->p.ncat = n;
	free(idx);
}

/* Intervals and labels of each series, for the categories as ordered. */
static void
fill_series(struct built *b, const struct table *t, const struct chart_options *opt)
{
	for (size_t s = 0; s < b->p.nseries; s++) {
		struct plot_series *ps = &b->p.series[s];
		const char *y = b->nys > 1 ? b->ys[s] : b->ys[0];
		int ycol = column(t, y, 1);

		if (opt->error_bars) {
			ps->lo = numbers(t, b->rows[s], b->p.ncat, suffixed(t, y, ROLE_LO, 1));
			ps->hi = numbers(t, b->rows[s], b->p.ncat, suffixed(t, y, ROLE_HI, 1));
		}
		ps->label = xcalloc(b->p.ncat + 1, sizeof(*ps->label));
		for (size_t i = 0; i < b->p.ncat; i++)
			ps->label[i] = b->rows[s][i] == (size_t)-1 ? NULL :
			    t->row[b->rows[s][i]][ycol];
	}
}

/*
 * --baseline own: each period's limits from the group's earlier periods
 * (the rows above it) pooled, p0 = (their k + 0.5) / (their n + 1), at
 * the period's own n: p0 +- z sqrt(p0 (1 - p0) / n) in percent, within 0
 * to 100, z for 95% and 99.8%.  The half a success keeps a baseline of
 * 50 of 50 from drawing both limits at 100% (every later dip "out of
 * control"); over large baselines it vanishes.  The first period has
 * none.  A period whose rate is blanked (--min-n) still adds its counts.
 */
static void
own_limits(struct built *b, const struct table *t)
{
	size_t n = b->p.ncat;
	double *k = numbers(t, b->rows[0], n, suffixed(t, b->ys[0], ROLE_K, 1));
	double *d = numbers(t, b->rows[0], n, suffixed(t, b->ys[0], ROLE_N, 1));
	double sk = 0, sn = 0;

	for (int l = 0; l < PLOT_LIMITS; l++) {
		free(b->p.limit[l]);
		b->p.limit[l] = xcalloc(n + 1, sizeof(double));
	}
	for (size_t i = 0; i < n; i++) {
		double p0 = (sk + 0.5) / (sn + 1);

		for (int l = 0; l < PLOT_LIMITS; l++) {
			double half = stats_z(l < 2 ? 0.95 : 0.998) *
			    sqrt(p0 * (1 - p0) / d[i]) * 100;

			b->p.limit[l][i] = !(sn > 0 && d[i] > 0) ? NAN : l % 2 == 0 ?
			    fmax(p0 * 100 - half, 0) : fmin(p0 * 100 + half, 100);
		}
		if (isfinite(k[i]) && isfinite(d[i])) {
			sk += k[i];
			sn += d[i];
		}
	}
	free(k);
	free(d);
}

/* The series' names: the --series values, or the --y columns' titles. */
static void
name_series(struct built *b, struct hashmap *sers, const struct chart_options *opt)
{
	/* a table's headings are the columns' own names */
	int raw = plot_kinds[opt->kind].cats == CATS_ROWS;

	for (size_t s = 0; s < b->p.nseries; s++) {
		size_t len;
		const char *key = opt->series != NULL ? hashmap_key(sers, s, &len) : NULL;

		/* hashmap keys are not NUL-terminated */
		b->p.series[s].name = key != NULL ? xmemdup0(key, len) :
		    xstrdup(raw ? b->ys[s] : title_of(b->ys[s], opt->zh));
	}
}

/*
 * The categories (--x values) and series (--series values, or the --y
 * columns) in the order they first appear, and for each series the row
 * of each category, -1 where it has none; two rows for one place are an
 * error, never a guess.
 */
static void
index_rows(struct built *b, const struct table *t, const struct chart_options *opt,
    int xcol, int scol)
{
	struct hashmap *cats = hashmap_new(), *sers = hashmap_new();
	size_t ncap = 0;
	int added;

	for (size_t i = 0; i < t->nrow; i++) {
		const char *x = t->row[i][xcol];

		hashmap_insert(cats, x, strlen(x), 0, &added);
		if (added) {
			xgrow(&b->cat, &ncap, b->p.ncat + 1, sizeof(*b->cat));
			b->cat[b->p.ncat++] = x;
		}
		if (scol >= 0)
			hashmap_insert(sers, t->row[i][scol], strlen(t->row[i][scol]), i, &added);
	}
	b->p.nseries = scol >= 0 ? hashmap_count(sers) : b->nys;
	b->p.series = xcalloc(b->p.nseries + 1, sizeof(*b->p.series));
	b->rows = xcalloc(b->p.nseries + 1, sizeof(*b->rows));
	name_series(b, sers, opt);
	for (size_t s = 0; s < b->p.nseries; s++) {
		b->rows[s] = xcalloc(b->p.ncat + 1, sizeof(**b->rows));
		for (size_t i = 0; i < b->p.ncat; i++)
			b->rows[s][i] = (size_t)-1;
	}
	for (size_t i = 0; i < t->nrow; i++) {
		const char *x = t->row[i][xcol];
		size_t c = (size_t)hashmap_find(cats, x, strlen(x));
		size_t s0 = scol >= 0 ? (size_t)hashmap_find(sers, t->row[i][scol],
		    strlen(t->row[i][scol])) : 0;

		for (size_t s = s0; s < (scol >= 0 ? s0 + 1 : b->p.nseries); s++) {
			if (b->rows[s][c] != (size_t)-1)
				die("%s:%ld: a second row for %s '%s'%s", t->file, t->line[i],
				    opt->x, x, scol >= 0 ? "" : "; pick one with --series "
				    "or --where COL=VALUE");
			b->rows[s][c] = i;
		}
	}
	hashmap_free(cats);
	hashmap_free(sers);
}

/*
 * A kind with control limits draws one series: its limits from the
 * table's COL_lim columns (which LIMITS_TABLE requires) or from the
 * group's earlier periods (--baseline own), and for points placed by n
 * (funnel) their n.
 */
static void
read_limits(struct built *b, const struct table *t, const struct chart_options *opt)
{
	const struct plot_kind_def *kind = &plot_kinds[opt->kind];
	size_t n = b->p.ncat;

	if (b->p.nseries != 1)
		die_usage("--kind %s draws one series", kind->name);
	for (int k = 0; k < PLOT_LIMITS; k++) {
		/* the limits' roles come in plot's order of them */
		int col = suffixed(t, b->ys[0], ROLE_L95LO + k, 0);

		if (col < 0 && kind->limits == LIMITS_TABLE)
			die("%s:1: no column %s%s: make the table with rexian-rate "
			    "--vs-total", t->file, b->ys[0], rate_suffix[ROLE_L95LO + k]);
		b->p.limit[k] = col < 0 ? NULL : numbers(t, b->rows[0], n, col);
	}
	if (kind->cats == CATS_N)
		b->p.n = numbers(t, b->rows[0], n, suffixed(t, b->ys[0], ROLE_N, 1));
	if (opt->baseline_own)
		own_limits(b, t);
}

/* Lays out the plot's data from the table as opt says: free_built frees it. */
static void
build(struct built *b, const struct table *t, const struct chart_options *opt)
{
	int xcol = column(t, opt->x, 1), scol = -1;

	if (opt->y != NULL) {
		int n;

		b->ylist = xstrdup(opt->y);
		b->ys = split_list(b->ylist, &n);
		b->nys = (size_t)n;
	}
	for (size_t k = 0; k < b->nys; k++)
		column(t, b->ys[k], 1);
	if (opt->series != NULL) {
		scol = column(t, opt->series, 1);
		if (b->nys > 1)
			die_usage("--series takes a single --y column");
	}
	if (t->nrow == 0)
		die("%s: no rows to chart", t->file);
	index_rows(b, t, opt, xcol, scol);
	/* a table's cells are text, never read as numbers */
	for (size_t s = 0; s < b->p.nseries; s++)
		b->p.series[s].y = plot_kinds[opt->kind].cats == CATS_ROWS ?
		    xcalloc(b->p.ncat + 1, sizeof(double)) :
		    numbers(t, b->rows[s], b->p.ncat, column(t, b->nys > 1 ? b->ys[s] :
		    b->ys[0], 1));
	if (opt->sort != 0 || opt->top > 0)
		sort_categories(b, opt);
	fill_series(b, t, opt);
	if (plot_kinds[opt->kind].limits != LIMITS_NONE)
		read_limits(b, t, opt);
	b->p.cat = b->cat;
}

static int
format_of(const struct chart_options *opt)
{
	size_t n = strlen(opt->output);
	int f;

	if (opt->format >= 0)
		return opt->format;
	/* the extensions are three letters after a dot, in any case */
	if (n > 4 && opt->output[n - 4] == '.' && (f = name_find(opt->output + n - 3, 3,
	    plot_format_name, PLOT_FORMATS, sizeof(*plot_format_name), NAME_ANY_CASE)) >= 0)
		return f;
	die_usage("-o %s: name a .png, .pdf or .svg file, or use --format", opt->output);
}

static void
free_built(struct built *b)
{
	for (size_t s = 0; s < b->p.nseries; s++) {
		free(b->p.series[s].y);
		free(b->p.series[s].lo);
		free(b->p.series[s].hi);
		free(b->p.series[s].label);
		free((char *)b->p.series[s].name);
		free(b->rows[s]);
	}
	for (int k = 0; k < PLOT_LIMITS; k++)
		free(b->p.limit[k]);
	free(b->ylist);
	free(b->ys);
	free(b->p.n);
	free(b->p.series);
	free(b->rows);
	free(b->cat);
}

/*
 * The titles opt leaves out: the metric's name over the chart and along
 * its value axis, the --x column's along x, as the kind places its
 * categories; a table's first heading is the --x column's name, and it
 * has no title of its own.
 */
static void
default_titles(struct built *b, const struct chart_options *opt)
{
	const struct plot_kind_def *kind = &plot_kinds[opt->kind];
	const char *y = b->nys == 1 ? title_of(b->ys[0], opt->zh) : NULL;
	const char *const xtitle[] = {
		[CATS_X] = title_of(opt->x, opt->zh),
		[CATS_Y] = NULL,	/* barh: the names need no title */
		[CATS_N] = opt->zh ? "样本量 (n)" : "n",
		[CATS_ROWS] = opt->x,
	};

	b->p.title = opt->title != NULL || kind->cats == CATS_ROWS ? opt->title : y;
	b->p.xlabel = opt->xlabel != NULL ? opt->xlabel : xtitle[kind->cats];
	b->p.ylabel = opt->ylabel != NULL ? opt->ylabel : kind->cats == CATS_Y ? NULL : y;
}

/* Reads path's table into t and lays out its plot in b, as opt says; release frees both. */
static void
prepare(struct built *b, struct table *t, const struct chart_options *opt, const char *path)
{
	const struct plot_kind_def *kind = &plot_kinds[opt->kind];
	int m;

	read_table(t, path, opt);
	build(b, t, opt);
	if (b->p.nseries > 8 && kind->cats != CATS_ROWS)
		warnx("%zu series share 8 colours, so some look alike; keep fewer "
		    "with --where COL=VALUE", b->p.nseries);
	m = b->nys > 0 ? metric_by_name(b->ys[0], strlen(b->ys[0])) : -1;
	b->p.kind = opt->kind;
	b->p.percent = m >= 0 && metric_table[m].kind == METRIC_RATE;
	/* every rate is better higher, every time to close better shorter */
	b->p.better = m < 0 || metric_table[m].kind == METRIC_DAILY ? 0 :
	    metric_table[m].kind == METRIC_RATE ? 1 : -1;
	b->p.lead = opt->lead;
	b->p.total = opt->total;
	b->p.page_first = opt->page_first;
	b->p.page_total = opt->page_total;
	if (opt->baseline_own)
		b->p.limit_name = opt->zh ? "(本单位此前各期)" : "(own earlier periods)";
	default_titles(b, opt);
	b->p.subtitle = opt->subtitle;
	b->p.note = opt->note;
	b->p.font = opt->font;
	b->p.zh = opt->zh;
	b->p.width = opt->width;
	b->p.height = opt->height;
	/* categories a row each: every row readable, whatever --size says (a
	 * table continues on further pages, or grows, in plot_write) */
	if (kind->cats == CATS_Y && b->p.height < 110 + 24.0 * (double)b->p.ncat)
		b->p.height = 110 + 24.0 * (double)b->p.ncat;
	b->p.dpi = opt->dpi;
	b->p.error_bars = opt->error_bars;
	b->p.labels = opt->labels;
	b->p.ymin = opt->ymin;
	b->p.ymax = opt->ymax;
}

static void
release(struct built *b, struct table *t)
{
	free_built(b);
	for (size_t i = 0; i < t->nrow; i++) {
		for (size_t j = 0; j < t->ncol; j++)
			free(t->row[i][j]);
		free(t->row[i]);
	}
	for (size_t j = 0; j < t->ncol; j++)
		free(t->head[j]);
	free(t->head);
	free(t->row);
	free(t->line);
	free((char *)t->file);
}

static void
open_output(struct out *o, const struct chart_options *opt)
{
	if (strcmp(opt->output, "-") == 0)
		out_fd(o, 1, "standard output");
	else
		out_open_atomic(o, opt->output);
}

static void
close_output(struct out *o, const struct chart_options *opt)
{
	if (strcmp(opt->output, "-") == 0)
		out_close(o);
	else
		out_commit(o);
}

int
chart_run(const struct chart_options *opt, const char *path)
{
	struct table t = { 0 };
	struct built b = { 0 };
	struct out o;
	char err[256];
	int fmt;

	fmt = format_of(opt);
	prepare(&b, &t, opt, path);
	open_output(&o, opt);
	if (plot_write(&b.p, (enum plot_format)fmt, &o, err, sizeof(err)) != 0)
		die("%s", err);
	close_output(&o, opt);
	release(&b, &t);
	return 0;
}

int
chart_flow(const struct chart_options *page, const struct chart_options *part,
    const char *const *path, size_t n)
{
	struct table *t = xcalloc(n + 1, sizeof(*t));
	struct built *b = xcalloc(n + 1, sizeof(*b));
	struct plot *parts = xcalloc(n + 1, sizeof(*parts));
	struct plot doc = { .width = page->width, .height = page->height, .zh = page->zh,
		.font = page->font, .title = page->title,
		.page_first = page->page_first > 0 ? page->page_first : 1 };
	struct out o;
	char err[256];

	if (format_of(page) != PLOT_PDF)
		die_usage("--flow writes a PDF: name a .pdf file, or use --format pdf");
	for (size_t i = 0; i < n; i++) {
		prepare(&b[i], &t[i], &part[i], path[i]);
		parts[i] = b[i].p;
	}
	open_output(&o, page);
	if (plot_write_flow(&doc, parts, n, &o, err, sizeof(err)) != 0)
		die("%s", err);
	close_output(&o, page);
	for (size_t i = 0; i < n; i++)
		release(&b[i], &t[i]);
	free(parts);
	free(b);
	free(t);
	return 0;
}
