/*
 * xlsxout.c: the .xlsx writer: libxlsxwriter builds the workbook in a temporary
 * file with one format per column kind, then the file is copied to its
 * output.
 * The contract is in xlsxout.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "xlsxout.h"

/* 2000-01-01 00:00:00 UTC: the stated creation time without SOURCE_DATE_EPOCH */
enum { FIXED_CREATED = 946684800, WIDTH_MIN = 6, WIDTH_MAX = 60 };

struct xlsxout {
	lxw_workbook *wb;
	lxw_format *heading, *integer;
	lxw_format *number[9], *percent[9];	/* by decimals, 0-8 */
	char path[4096];
};

/* The workbook being built, removed at exit if it is never written out. */
static char pending[4096];
static int registered;

static void
remove_pending(void)
{
	if (pending[0] != '\0')
		unlink(pending);
}

void
xlsxout_check_output(const char *path)
{
	if (path == NULL && isatty(STDOUT_FILENO))
		die_usage("not writing a workbook to a terminal: give -o FILE, or "
		    "redirect standard output");
}

struct xlsxout *
xlsxout_new(void)
{
	struct xlsxout *w = xcalloc(1, sizeof(*w));
	const char *dir = getenv("TMPDIR"), *epoch = getenv("SOURCE_DATE_EPOCH");
	lxw_workbook_options opt = { 0 };
	lxw_doc_properties props = { 0 };
	long long t;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(w->path, sizeof(w->path), "%s/rexian-xlsx.XXXXXX", dir);
	if ((fd = mkstemp(w->path)) < 0)
		die_errno("%s", w->path);
	close(fd);
	if (!registered++)
		atexit(remove_pending);
	memcpy(pending, w->path, sizeof(pending));
	opt.tmpdir = (char *)dir;
	if ((w->wb = workbook_new_opt(w->path, &opt)) == NULL)
		die("cannot start a workbook in %s", dir);
	props.created = epoch != NULL && parse_int(epoch, 1, INT32_MAX, &t) == 0 ?
	    (time_t)t : FIXED_CREATED;
	workbook_set_properties(w->wb, &props);
	w->heading = workbook_add_format(w->wb);
	format_set_bold(w->heading);
	format_set_text_wrap(w->heading);
	w->integer = workbook_add_format(w->wb);
	format_set_num_format(w->integer, "0");
	return w;
}

/* The number format for decimals, made once per workbook. */
static lxw_format *
number_format(struct xlsxout *w, int percent, int decimals)
{
	lxw_format **f = percent ? &w->percent[decimals] : &w->number[decimals];
	char code[16];

	if (*f == NULL) {
		snprintf(code, sizeof(code), "0%s%.*s%s", decimals > 0 ? "." : "",
		    decimals, "00000000", percent ? "%" : "");
		*f = workbook_add_format(w->wb);
		format_set_num_format(*f, code);
	}
	return *f;
}

/* Display width: a character of three or more UTF-8 bytes (CJK) takes two. */
static size_t
text_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w += (unsigned char)*s >= 0xe0 ? 2 : 1;
	return w;
}

/*
 * A percentage's text as a fraction: 96.01 read as 96.01e-2, the double
 * nearest 0.9601, which v / 100 (0.9601000000000001) is not.
 */
static double
fraction(const char *s)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%se-2", s);
	return strtod(buf, NULL);
}

static void
check(lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR)
		die("writing the workbook: %s: %s", what, lxw_strerror(e));
}

void
xlsxout_sheet(struct xlsxout *w, const char *name,
    const struct xlsxout_column *col, size_t ncol, char *const *cell, size_t nrow)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);

	if (ws == NULL)
		die("writing the workbook: cannot add sheet '%s'", name);
	for (size_t j = 0; j < ncol; j++) {
		const struct xlsxout_column *c = &col[j];
		int d = c->decimals < 0 ? 0 : c->decimals > 8 ? 8 : c->decimals;
		lxw_format *f = c->kind == XO_INT ? w->integer : c->kind == XO_TEXT ?
		    NULL : number_format(w, c->kind == XO_PERCENT, d);
		size_t width = text_width(c->heading);

		check(worksheet_write_string(ws, 0, (lxw_col_t)j, c->heading,
		    w->heading), name);
		for (size_t i = 0; i < nrow; i++) {
			const char *s = cell[i * ncol + j];
			lxw_row_t row = (lxw_row_t)(i + 1);
			char *end;
			double v;

			if (s == NULL || *s == '\0')
				continue;
			if (text_width(s) > width)
				width = text_width(s);
			v = strtod(s, &end);
			if (c->kind == XO_TEXT || end == s || *end != '\0')
				check(worksheet_write_string(ws, row, (lxw_col_t)j, s, NULL),
				    name);
			else
				check(worksheet_write_number(ws, row, (lxw_col_t)j,
				    c->kind == XO_PERCENT ? fraction(s) : v, f), name);
		}
		width += 2;
		check(worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		    width < WIDTH_MIN ? WIDTH_MIN : width > WIDTH_MAX ? WIDTH_MAX :
		    (double)width, NULL), name);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

void
xlsxout_write(struct xlsxout *w, const char *path)
{
	char buf[1 << 16];
	struct out file, *o = &out_stdout;
	ssize_t n;
	int fd;

	check(workbook_close(w->wb), w->path);
	if ((fd = open(w->path, O_RDONLY | O_CLOEXEC)) < 0)
		die_errno("%s", w->path);
	unlink(w->path);
	pending[0] = '\0';
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("%s: read error", w->path);
		if (path != NULL && o == &out_stdout) {
			o = &file;
			out_open_atomic(o, path);
		}
		out_write(o, buf, (size_t)n);
	}
	close(fd);
	free(w);
	if (o != &out_stdout)
		out_commit(o);
}
