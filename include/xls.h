/*
 * xls: an .xls (BIFF8) workbook's sheet read as records, the only user of
 * libfreexl.
 *
 * FreeXL reads the chosen sheet's cells into memory when it is selected;
 * an .xls sheet holds at most 65536 rows of 256 columns, which bounds it.
 * Formula cells give the value Excel stored with them.  Cell values are
 * written as sheet.h says; FreeXL itself turns date cells into
 * "YYYY-MM-DD[ HH:MM:SS]".  A workbook FreeXL cannot read, or one with a
 * password, is a message and exit 1.
 */
#ifndef REXIAN_XLS_H
#define REXIAN_XLS_H

#include "csvio.h"

struct xls;

/*
 * Opens the workbook in fd, a seekable file which the reader then owns;
 * file names it in messages, sheet picks the sheet (sheet_pick).  The
 * caller frees the reader with xls_close.
 */
struct xls *xls_open(int fd, const char *file, const char *sheet);
/* "FILE:SHEET", for messages. */
const char *xls_name(const struct xls *x);
/* csv_read's contract; a record's line is its sheet row number. */
int xls_read(struct xls *x, struct csv_record *rec);
void xls_close(struct xls *x);

#endif
