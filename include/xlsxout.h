/*
 * xlsxout: tables written as an .xlsx workbook, the only user of
 * libxlsxwriter.
 *
 * Each sheet is one table: a bold heading row, frozen so that it stays in
 * view, and columns of one kind each: text, always written as a string
 * (never a formula, whatever it begins with); integers; numbers with a
 * given count of decimals; or percentages given in percent (97.41 is
 * stored as 0.9741 and shown as 97.41%).  A cell that does not read as its
 * column's number is written as text; an empty one is left blank.  Column
 * widths fit the widest cell, a Chinese character counting two.
 *
 * The workbook is built in a temporary file and then copied to its place.  Its stated creation time
 * is SOURCE_DATE_EPOCH's, or a fixed one, so the same tables give the same
 * bytes.
 */
#ifndef REXIAN_XLSXOUT_H
#define REXIAN_XLSXOUT_H

#include <stddef.h>

#include "util.h"

enum xlsxout_kind { XO_TEXT, XO_INT, XO_NUMBER, XO_PERCENT };

struct xlsxout_column {
	const char *heading;
	enum xlsxout_kind kind;
	int decimals;		/* for XO_NUMBER and XO_PERCENT */
};

struct xlsxout;

/*
 * A usage error (exit 2) when path is NULL and standard output is a
 * terminal: a workbook is not written to one.
 */
void xlsxout_check_output(const char *path);
/* A new workbook, which xlsxout_write writes and frees. */
struct xlsxout *xlsxout_new(void);
/*
 * Adds a sheet: ncol columns, and nrow rows of cells in cell[row * ncol +
 * col] (NULL for an empty cell), copied before this returns.
 */
void xlsxout_sheet(struct xlsxout *w, const char *name,
    const struct xlsxout_column *col, size_t ncol, char *const *cell, size_t nrow);
/*
 * Writes the workbook to path (under a temporary name, renamed when it is
 * whole), or to standard output for NULL, and frees w; any failure is a
 * message and exit 1.
 */
void xlsxout_write(struct xlsxout *w, const char *path);

#endif
