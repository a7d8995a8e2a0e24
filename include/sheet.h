/*
 * sheet: what the workbook readers (xlsx.c, xls.c) share: a row built cell
 * by cell into a record, cell values written as text the CSV path reads the
 * same way, and the choice of a sheet.
 *
 * A row's record has a field for every column up to the sheet's declared
 * width or the widest row so far, whichever is more, so that a sheet reads
 * as Excel's own CSV export of it: trailing empty cells are trailing commas.
 * A row with no value in any cell is no record, as a blank CSV line is not.
 *
 * Numbers keep every digit they were stored with, without exponent or
 * ".0" (123456789012345, not 1.23456789012345E+14); a number in a date or
 * time format becomes "YYYY-MM-DD HH:MM:SS" through time_parse's reading of
 * an Excel serial, so a date cell gives the time its CSV export would.
 */
#ifndef REXIAN_SHEET_H
#define REXIAN_SHEET_H

#include <stddef.h>

#include "csvio.h"

/* Excel's limits: a reference past them is a broken sheet. */
enum { SHEET_MAX_COLS = 16384, SHEET_MAX_ROWS = 1048576 };

struct sheet_row {
	char *text;			/* the cells' text, back to back */
	size_t len, cap;
	size_t *off, *flen;		/* per column */
	size_t ncols, colcap;
	int has_value;
	size_t width;			/* the widest row so far */
	struct csv_field *field;
	size_t fieldcap;
};

/* Empties the row for the next one; width carries over. */
void sheet_row_clear(struct sheet_row *r);
/* Sets column col (from 0, past every column set before) to s[0..n). */
void sheet_row_text(struct sheet_row *r, size_t col, const char *s, size_t n);
/*
 * Sets column col to a number given as text (an Excel value: "45356.5",
 * "1.2345E+14"); date asks for it as a time, date1904 says the workbook
 * counts days from 1904.  Text that is no number is kept as it is.
 */
void sheet_row_number(struct sheet_row *r, size_t col, const char *s, size_t n,
    int date, int date1904);
/*
 * The row as a record at line: 1, or 0 when no cell holds a value.  The
 * record's fields belong to r until its next use.
 */
int sheet_row_record(struct sheet_row *r, long line, struct csv_record *rec);
void sheet_row_free(struct sheet_row *r);

/*
 * Writes number text s[0..n) in plain decimal to out (cap bytes): its
 * length, or 0 when s is no number or the result would not fit.
 */
size_t sheet_plain_number(const char *s, size_t n, char *out, size_t cap);

/*
 * The sheet that want (a name, or a number from 1) picks among names[0..n),
 * the first when want is NULL; otherwise "FILE: no sheet 'want' (sheets:
 * ...)" and exit 1.
 */
size_t sheet_pick(const char *file, const char *want, char *const *names, size_t n);

#endif
