/*
 * profile.c: profile files: each line read as a long option and its value and
 * handed back to the tool's own option parser, with FILE:LINE errors.
 * The contract is in profile.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "util.h"

/* From data/profiles/NAME.profile (the Makefile writes profiles.c). */
extern const char *const profile_builtin_name[];
extern const char *const profile_builtin_text[];

/* The option named name[0..len) in opts, or NULL. */
static const struct option *
find_option(const struct option *opts, const char *name, size_t len)
{
	int i = name_find(name, len, &opts[0].name, SIZE_MAX, sizeof(opts[0]),
	    NAME_EXACT);

	return i >= 0 ? &opts[i] : NULL;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Reads one line s[0..n) into *pl: 0, 1 for a comment, or -1 and msg. */
static int
parse_line(char *s, size_t n, const struct option *opts, struct profile_line *pl,
    char *msg, size_t cap)
{
	const char *p = s;
	size_t i;

	/* a CR LF line end leaves its CR */
	if (n > 0 && s[n - 1] == '\r')
		n--;
	trim_blanks(&p, &n);
	if (n == 0 || p[0] == '#')
		return 1;
	if (n >= 2 && p[0] == '-' && p[1] == '-') {
		p += 2;
		n -= 2;
	}
	for (i = 0; i < n && !is_blank(p[i]); i++)
		if (p[i] == '\0') {
			snprintf(msg, cap, "NUL byte in the line");
			return -1;
		}
	pl->option = find_option(opts, p, i);
	if (pl->option == NULL) {
		snprintf(msg, cap, "unknown option '%.*s'", quote_len(p, i, QUOTE_MAX), p);
		return -1;
	}
	p += i;
	n -= i;
	/* a # after a blank starts a comment */
	for (i = 1; i < n; i++)
		if (p[i] == '#' && is_blank(p[i - 1])) {
			n = i;
			break;
		}
	trim_blanks(&p, &n);
	s[p - s + (ptrdiff_t)n] = '\0';
	pl->value = n > 0 ? s + (p - s) : NULL;
	if (pl->value != NULL && strlen(pl->value) != n) {
		snprintf(msg, cap, "NUL byte in the line");
		return -1;
	}
	if (pl->option->has_arg == required_argument && pl->value == NULL) {
		snprintf(msg, cap, "--%s wants a value", pl->option->name);
		return -1;
	}
	if (pl->option->has_arg == no_argument && pl->value != NULL) {
		snprintf(msg, cap, "--%s takes no value", pl->option->name);
		return -1;
	}
	return 0;
}

struct profile *
profile_parse(const char *name, const char *data, size_t len,
    const struct option *opts, long *bad_line, char *msg, size_t cap)
{
	struct profile *p = xcalloc(1, sizeof(*p));
	size_t cap_lines = 0, start = 0;
	long line = 0;

	p->name = xstrdup(name);
	p->text = xmemdup0(data, len);
	p->len = len;
	p->cut = xmemdup0(data, len);
	while (start < len) {
		char *s = p->cut + start, *nl = memchr(s, '\n', len - start);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - start;
		struct profile_line pl = { .line = ++line };
		int r;

		start += n + 1;
		r = parse_line(s, n, opts, &pl, msg, cap);
		if (r < 0) {
			*bad_line = line;
			profile_free(p);
			return NULL;
		}
		if (r == 0) {
			xgrow(&p->line, &cap_lines, p->nline + 1, sizeof(*p->line));
			p->line[p->nline++] = pl;
		}
	}
	return p;
}

/* The built-in profile named name, or NULL. */
static const char *
builtin(const char *name)
{
	for (int i = 0; profile_builtin_name[i] != NULL; i++)
		if (strcmp(profile_builtin_name[i], name) == 0)
			return profile_builtin_text[i];
	return NULL;
}

const char *
profile_builtin_list(void)
{
	static char list[256];
	size_t n = 0;

	for (int i = 0; profile_builtin_name[i] != NULL && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
		    profile_builtin_name[i]);
	return list;
}

/* Reads a whole profile file: the caller frees the result; NULL and errno. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	do {
		xgrow(&buf, &cap, *len + 4096, 1);
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		/* a profile is a few lines: a huge one is a mistake */
	} while (n > 0 && *len < (1 << 20));
	if (ferror(f) || *len >= (1 << 20)) {
		int e = ferror(f) ? errno : EFBIG;

		fclose(f);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(f);
	return buf;
}

struct profile *
profile_load(const char *arg, const struct option *opts)
{
	struct profile *p;
	const char *text = builtin(arg);
	char *file = NULL, msg[256];
	size_t len;
	long line;

	if (text != NULL)
		len = strlen(text);
	else if (strchr(arg, '/') == NULL && strchr(arg, '.') == NULL)
		die_usage("--profile: no built-in profile '%s' (built in: %s; or a "
		    "FILE, named with a / or a .)", arg, profile_builtin_list());
	else if ((text = file = read_file(arg, &len)) == NULL)
		die_usage("--profile: cannot read '%s': %s", arg, strerror(errno));
	if ((p = profile_parse(arg, text, len, opts, &line, msg, sizeof(msg))) == NULL)
		die_usage("%s:%ld: %s", arg, line, msg);
	p->builtin = file == NULL;
	free(file);
	return p;
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->text);
	free(p->cut);
	free(p->line);
	free(p);
}
