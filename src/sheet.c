/*
 * sheet.c: what the .xlsx and .xls readers share: a row assembled cell by cell
 * into a record, numbers and date serials written as text, and --sheet.
 * The contract is in sheet.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "timeutil.h"
#include "util.h"

/* Days from Excel's 1900 day 0 to its 1904 day 0. */
enum { EXCEL_1904_SHIFT = 1462, NUMBER_MAX = 400 };

void
sheet_row_clear(struct sheet_row *r)
{
	r->len = 0;
	r->ncols = 0;
	r->has_value = 0;
}

void
sheet_row_text(struct sheet_row *r, size_t col, const char *s, size_t n)
{
	if (col >= r->colcap) {
		size_t cap = r->colcap;

		xgrow(&r->off, &cap, col + 1, sizeof(*r->off));
		xgrow(&r->flen, &r->colcap, col + 1, sizeof(*r->flen));
	}
	for (; r->ncols < col; r->ncols++) {
		r->off[r->ncols] = r->len;
		r->flen[r->ncols] = 0;
	}
	xgrow(&r->text, &r->cap, r->len + n + 1, 1);
	if (n > 0)
		memcpy(r->text + r->len, s, n);
	r->off[col] = r->len;
	r->flen[col] = n;
	r->len += n;
	r->ncols = col + 1;
	r->has_value |= n > 0;
}

size_t
sheet_plain_number(const char *s, size_t n, char *out, size_t cap)
{
	char digits[NUMBER_MAX];
	size_t nd = 0, i = 0, o = 0;
	long point = 0, exp = 0;
	int neg = 0, any = 0, esign = 1;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
		if (nd >= sizeof(digits))
			return 0;
		if (nd > 0 || s[i] != '0')
			digits[nd++] = s[i];
		if (nd > 0)
			point++;
	}
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
			if (nd >= sizeof(digits))
				return 0;
			if (nd > 0 || s[i] != '0')
				digits[nd++] = s[i];
			else
				point--;
		}
	if (!any)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			esign = s[i++] == '-' ? -1 : 1;
		if (i == n)
			return 0;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if ((exp = exp * 10 + (s[i] - '0')) > NUMBER_MAX)
				return 0;
	}
	if (i != n)
		return 0;
	point += esign * exp;
	while (nd > 0 && digits[nd - 1] == '0' && (long)nd > point)
		nd--;
	if (nd == 0) {
		if (cap < 1)
			return 0;
		out[0] = '0';
		return 1;
	}
	/* the longest form: sign, "0.", zeros, digits, zeros */
	if ((size_t)labs(point) + nd + 3 > cap)
		return 0;
	if (neg)
		out[o++] = '-';
	if (point <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (long z = point; z < 0; z++)
			out[o++] = '0';
		memcpy(out + o, digits, nd);
		return o + nd;
	}
	for (long k = 0; k < point; k++)
		out[o++] = (size_t)k < nd ? digits[k] : '0';
	if ((size_t)point < nd) {
		out[o++] = '.';
		memcpy(out + o, digits + point, nd - (size_t)point);
		o += nd - (size_t)point;
	}
	return o;
}

/* Moves a 1904-based serial in plain decimal to Excel's 1900 count. */
static size_t
shift_1904(char *num, size_t n, size_t cap)
{
	char tmp[NUMBER_MAX + 32];
	long long days = 0;
	size_t i = 0, m;

	for (; i < n && num[i] >= '0' && num[i] <= '9'; i++)
		if ((days = days * 10 + (num[i] - '0')) > INT32_MAX)
			return n;
	if (i == 0)
		return n;
	m = (size_t)snprintf(tmp, sizeof(tmp), "%lld%.*s", days + EXCEL_1904_SHIFT,
	    (int)(n - i), num + i);
	if (m >= cap)
		return n;
	memcpy(num, tmp, m);
	return m;
}

void
sheet_row_number(struct sheet_row *r, size_t col, const char *s, size_t n,
    int date, int date1904)
{
	char num[NUMBER_MAX + 32], when[TIME_TEXT_LEN];
	size_t m = sheet_plain_number(s, n, num, sizeof(num));
	int64_t t;

	if (m == 0) {
		sheet_row_text(r, col, s, n);
		return;
	}
	if (date && date1904)
		m = shift_1904(num, m, sizeof(num));
	if (date && time_parse(num, m, &t) == 0) {
		time_format(t, when);
		sheet_row_text(r, col, when, sizeof(when));
		return;
	}
	sheet_row_text(r, col, num, m);
}

int
sheet_row_record(struct sheet_row *r, long line, struct csv_record *rec)
{
	if (!r->has_value)
		return 0;
	if (r->ncols > r->width)
		r->width = r->ncols;
	xgrow(&r->field, &r->fieldcap, r->width, sizeof(*r->field));
	for (size_t c = 0; c < r->width; c++) {
		if (c < r->ncols)
			r->field[c] = (struct csv_field){ r->text + r->off[c], r->flen[c] };
		else
			r->field[c] = (struct csv_field){ "", 0 };
	}
	rec->field = r->field;
	rec->nfields = r->width;
	rec->line = line;
	rec->bad_encoding = 0;
	return 1;
}

void
sheet_row_free(struct sheet_row *r)
{
	free(r->text);
	free(r->off);
	free(r->flen);
	free(r->field);
	memset(r, 0, sizeof(*r));
}

size_t
sheet_pick(const char *file, const char *want, char *const *names, size_t n)
{
	long long k;
	char list[512];
	size_t len = 0;
	int w;

	if (n == 0)
		die("%s: the workbook has no sheet", file);
	if (want == NULL)
		return 0;
	if ((w = name_find(want, strlen(want), (const char *const *)names, n,
	    sizeof(*names), NAME_EXACT)) >= 0)
		return (size_t)w;
	if (parse_int(want, 1, (long long)n, &k) == 0)
		return (size_t)k - 1;
	list[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i > 0 ? ", " : "", names[i]);
	die("%s: no sheet '%s' (sheets: %s)", file, want, list);
}
