/*
 * xls.c: the .xls reader: FreeXL opens the workbook and selects the sheet, and
 * each row's cells are read into a record through sheet.c.
 * The contract is in xls.h.
 */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sheet.h"
#include "util.h"
#include "xls.h"

struct xls {
	const void *h;
	int fd;
	char *name;
	unsigned int rows, next;
	unsigned short cols;
	struct sheet_row row;
	struct csv_record rec;
};

/* What FreeXL's error codes mean to someone holding the file. */
static const char *
freexl_problem(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY:
		return "out of memory";
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
		return "cut short or unreadable";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "an OLE2 file without a workbook stream";
	case FREEXL_CRAFTED_FILE:
		return "severely damaged or crafted";
	default:
		return "damaged or not an Excel 97-2003 workbook";
	}
}

/*
 * Whether an OLE2 file holds an encrypted Office package (an .xlsx saved
 * with a password is one): its directory names the EncryptedPackage
 * stream, in UTF-16.
 */
static int
is_encrypted_package(int fd)
{
	static const char want[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	char buf[1 << 16];
	ssize_t n;
	off_t at = 0;

	while ((n = pread(fd, buf, sizeof(buf), at)) > 0) {
		if (memmem(buf, (size_t)n, want, sizeof(want) - 1) != NULL)
			return 1;
		if (n < (ssize_t)sizeof(buf))
			break;
		/* the next look overlaps this one by a name's length */
		at += n - (ssize_t)sizeof(want);
	}
	return 0;
}

/* Writes a double as the shortest decimal that reads back as it. */
static size_t
shortest_double(double v, char *buf, size_t cap)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, cap, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return strlen(buf);
}

struct xls *
xls_open(int fd, const char *file, const char *sheet)
{
	struct xls *x = xcalloc(1, sizeof(*x));
	char path[64], **names;
	unsigned int count = 0, protect = 0;
	size_t k, n;
	int rc;

	x->fd = fd;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((rc = freexl_open(path, &x->h)) != FREEXL_OK) {
		if (is_encrypted_package(fd))
			die("%s: the workbook is encrypted; save it without a password "
			    "first", file);
		die("%s: not a readable xls workbook: %s", file, freexl_problem(rc));
	}
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &protect) != FREEXL_OK ||
	    protect == FREEXL_BIFF_OBFUSCATED)
		die("%s: the workbook is encrypted; save it without a password first",
		    file);
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
		count = 0;
	names = xcalloc(count + 1, sizeof(*names));
	for (unsigned int i = 0; i < count; i++) {
		const char *s;

		if (freexl_get_worksheet_name(x->h, (unsigned short)i, &s) != FREEXL_OK)
			s = "";
		names[i] = (char *)s;
	}
	k = sheet_pick(file, sheet, names, count);
	n = strlen(file) + strlen(names[k]) + 2;
	x->name = xmalloc(n);
	snprintf(x->name, n, "%s:%s", file, names[k]);
	free(names);
	if ((rc = freexl_select_active_worksheet(x->h, (unsigned short)k)) != FREEXL_OK ||
	    (rc = freexl_worksheet_dimensions(x->h, &x->rows, &x->cols)) != FREEXL_OK)
		die("%s: not a readable sheet: %s", x->name, freexl_problem(rc));
	x->row.width = x->cols;
	return x;
}

const char *
xls_name(const struct xls *x)
{
	return x->name;
}

int
xls_read(struct xls *x, struct csv_record *rec)
{
	char num[64];

	for (; x->next < x->rows; x->next++) {
		sheet_row_clear(&x->row);
		for (unsigned short c = 0; c < x->cols; c++) {
			FreeXL_CellValue v;
			int rc = freexl_get_cell_value(x->h, x->next, c, &v);

			if (rc != FREEXL_OK)
				die("%s:%u: unreadable cell: %s", x->name, x->next + 1,
				    freexl_problem(rc));
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof(num), "%d", v.value.int_value);
				sheet_row_text(&x->row, c, num, strlen(num));
				break;
			case FREEXL_CELL_DOUBLE:
				sheet_row_number(&x->row, c, num, shortest_double(
				    v.value.double_value, num, sizeof(num)), 0, 0);
				break;
			case FREEXL_CELL_NULL:
				break;
			default:
				sheet_row_text(&x->row, c, v.value.text_value,
				    strlen(v.value.text_value));
			}
		}
		if (sheet_row_record(&x->row, (long)x->next + 1, &x->rec)) {
			x->next++;
			*rec = x->rec;
			return 1;
		}
	}
	return 0;
}

void
xls_close(struct xls *x)
{
	if (x == NULL)
		return;
	if (x->h != NULL)
		freexl_close(x->h);
	close(x->fd);
	sheet_row_free(&x->row);
	free(x->name);
	free(x);
}
