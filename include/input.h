/*
 * input: a hotline dump opened by what it holds, not by its name.
 *
 * A zip archive (PK 03 04) is read as an .xlsx workbook (xlsx.c), an OLE2
 * compound file (D0 CF 11 E0) as an .xls workbook (xls.c), anything else as
 * CSV (csvio.c).  Each hands out records with csv_read's contract, so a
 * sheet's rows meet the same header mapping and checks as a CSV file's
 * lines.  In a workbook a record's line is its sheet row number, and the
 * input's name, used in messages, is "FILE:SHEET".
 */
#ifndef REXIAN_INPUT_H
#define REXIAN_INPUT_H

#include "csvio.h"

struct input;

/*
 * Opens path, or standard input for NULL or "-".  sheet picks a workbook's
 * sheet by name or by number from 1 (NULL: the first); given for a CSV
 * input it is a usage error.  A file that cannot be opened or read, or a
 * workbook that cannot be read, is a message and exit 1.  The caller owns
 * the input and frees it with input_close.
 */
struct input *input_open(const char *path, enum csv_encoding enc, const char *sheet);
/* The name for messages: the path ("standard input"), with ":SHEET"
 * for a workbook. */
const char *input_name(const struct input *in);
/* The encoding the text was in: a workbook's is UTF-8. */
enum csv_encoding input_encoding(const struct input *in);
/* csv_set_row_test for a CSV input; a workbook's cells cannot run on. */
void input_set_row_test(struct input *in, csv_row_test test, void *ctx);
/* csv_read's contract: 1 and the next record, or 0 at the end. */
int input_read(struct input *in, struct csv_record *rec);
/* The first record: an input without one is "NAME: empty file, no header". */
void input_read_header(struct input *in, struct csv_record *rec);
/* The CSV reader the input is read with, or NULL for a workbook. */
struct csv_reader *input_csv(struct input *in);
/* Reads the rest ahead in a thread (csv_prefetch_start) when the input is
 * CSV; NULL, to read with input_read, when it is a workbook. */
struct csv_prefetch *input_prefetch_start(struct input *in);
/* csv_prefetch_read, ending the tool on a reading error as input_read does
 * (the thread joined first). */
int input_prefetch_read(struct csv_prefetch *p, struct csv_record *rec);
void input_close(struct input *in);

#endif
