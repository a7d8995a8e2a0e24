/* libFuzzer: header mapping and value spellings on every field of a CSV. */
#include <stdint.h>

#include "csvio.h"
#include "ticket.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static jmp_buf j;
	struct csv_reader *r;
	struct csv_record rec;
	int v;

	util_catch_die(&j);
	if (setjmp(j) != 0) {
		csv_close_all();
		return 0;
	}
	r = csv_open_mem("fuzz", (const char *)data, size, CSV_UTF8);
	while (csv_read(r, &rec))
		for (size_t i = 0; i < rec.nfields; i++) {
			const struct csv_field *f = &rec.field[i];

			ticket_alias_lookup(f->s, f->len);
			ticket_col_by_name(f->s, f->len);
			ticket_parse_bool(f->s, f->len, &v);
			ticket_parse_status(f->s, f->len, &v);
			ticket_parse_satisfaction(f->s, f->len, &v);
		}
	csv_close(r);
	return 0;
}
