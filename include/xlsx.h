/*
 * xlsx: an .xlsx workbook's sheet read as records, the only user of libzip
 * and expat.
 *
 * The sheet's XML is streamed from the archive a chunk at a time, and the
 * parser is suspended at the end of each row, so memory holds the shared
 * strings, the styles and one row, never the sheet.  A formula cell gives
 * the value Excel cached for it and is never evaluated (a formula without
 * one is an empty cell).  Cell values are written as sheet.h says.
 *
 * A workbook that cannot be read (not a zip archive, cut short, damaged,
 * encrypted, an entry inflating far past its compressed size, a cell past
 * Excel's limits, a shared string that is not there) is a message naming
 * the file, and the sheet row where there is one, and exit 1.
 */
#ifndef REXIAN_XLSX_H
#define REXIAN_XLSX_H

#include "csvio.h"

struct xlsx;

/*
 * Opens the workbook in fd, a seekable file which the reader then owns;
 * file names it in messages, sheet picks the sheet (sheet_pick).  The
 * caller frees the reader with xlsx_close.
 */
struct xlsx *xlsx_open(int fd, const char *file, const char *sheet);
/* "FILE:SHEET", for messages. */
const char *xlsx_name(const struct xlsx *x);
/* csv_read's contract; a record's line is its sheet row number. */
int xlsx_read(struct xlsx *x, struct csv_record *rec);
void xlsx_close(struct xlsx *x);
/* Closes every reader still open: for fuzz harnesses that catch die(). */
void xlsx_close_all(void);

#endif
