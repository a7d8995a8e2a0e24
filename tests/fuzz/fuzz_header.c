/* libFuzzer: header mapping and value spellings on every field of a CSV. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "ticket.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A normalised name normalises to itself, and maps as the header does. */
static void
check_key(const struct csv_field *f)
{
	char key[128], again[128];
	size_t n = ticket_header_key(f->s, f->len, key, sizeof(key));

	if (n > sizeof(key))
		return;
	if (ticket_header_key(key, n, again, sizeof(again)) != n ||
	    memcmp(key, again, n) != 0 ||
	    ticket_alias_lookup(key, n) != ticket_alias_lookup(f->s, f->len) ||
	    !ticket_header_equal(key, n, f->s, f->len))
		abort();
}

/* A column found by name has that name, in some case of ASCII letters. */
static void
check_column(const struct csv_field *f)
{
	int c = ticket_col_by_name(f->s, f->len);

	if (c >= 0 && (strlen(ticket_columns[c].name) != f->len ||
	    strncasecmp(ticket_columns[c].name, f->s, f->len) != 0))
		abort();
	if (c < -1 || c >= COL_COUNT)
		abort();
}

/* A summary label stays one with blanks before it. */
static void
check_summary(const struct csv_field *f)
{
	char padded[256];
	int is = ticket_is_summary(f->s, f->len);

	if (is != 0 && is != 1)
		abort();
	if (f->len + 2 > sizeof(padded))
		return;
	padded[0] = ' ';
	padded[1] = '\t';
	memcpy(padded + 2, f->s, f->len);
	if (ticket_is_summary(padded, f->len + 2) != is)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	struct csv_record rec;
	struct err e;
	int v;

	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	while (csv_read(r, &rec, &e) > 0)
		for (size_t i = 0; i < rec.nfields; i++) {
			const struct csv_field *f = &rec.field[i];

			if (!rec.bad_encoding)
				check_key(f);
			check_column(f);
			check_summary(f);
			for (int c = 0; c < COL_INPUT_COUNT; c++)
				if (ticket_col_is_coded(c) &&
				    ticket_parse_value(c, f->s, f->len, &v) == 0 &&
				    strcmp(ticket_value_name(c, v), "") != 0 &&
				    ticket_parse_contract_value(c, ticket_value_name(c, v),
				    strlen(ticket_value_name(c, v)), &v) != 0)
					abort();
		}
	csv_close(r);
	return 0;
}
