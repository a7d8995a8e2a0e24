/*
 * libFuzzer: the profile parser on any text.  What it accepts names an
 * option of the table, with a value exactly when the option takes one, and
 * the text it keeps for showing is the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct option opts[] = {
	{ "map", required_argument, NULL, 'm' },
	{ "recode", required_argument, NULL, 1 },
	{ "exclude", required_argument, NULL, 2 },
	{ "formula-safe", no_argument, NULL, 3 },
	{ "calendar", required_argument, NULL, 4 },
	{ NULL, 0, NULL, 0 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile *p;
	char msg[256];
	long line = 0;

	p = profile_parse("fuzz", (const char *)data, size, opts, &line, msg,
	    sizeof(msg));
	if (p == NULL) {
		if (line < 1 || memchr(msg, '\0', sizeof(msg)) == NULL)
			abort();
		return 0;
	}
	if (p->len != size || memcmp(p->text, data, size) != 0)
		abort();
	for (size_t i = 0; i < p->nline; i++) {
		const struct profile_line *l = &p->line[i];

		if ((l->option->has_arg == required_argument) != (l->value != NULL) ||
		    (l->value != NULL && (l->value[0] == '\0' || l->value[0] == ' ' ||
		    strchr(l->value, '\n') != NULL || strstr(l->value, " #") != NULL ||
		    strstr(l->value, "\t#") != NULL ||
		    l->value[strlen(l->value) - 1] == ' ')) ||
		    l->line < 1 || (i > 0 && l->line <= p->line[i - 1].line))
			abort();
	}
	profile_free(p);
	return 0;
}
