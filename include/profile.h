/*
 * profile: a tool's long options kept in a file, one a line, so that what
 * an analyst decided about a city's export (--map, --recode, --exclude,
 * --calendar, --due, --encoding, --header-row, any long option) is written
 * once, reused by cron, and quoted in the oversight package.
 *
 * A line is `OPTION VALUE`: a long option's name (a leading `--` may be
 * written), blanks, and the rest of the line as its value, with trailing
 * blanks (and a CR) removed; an option without a value stands alone.  Blank
 * lines and lines whose first non-blank is `#` are comments, and so is the
 * rest of a line from a `#` that follows a blank.  The profile
 * says nothing about what a value means: the tool applies each line as if
 * it stood on the command line where --profile does, so later options win.
 *
 * The built-in profiles are the files data/profiles/NAME.profile, compiled
 * in.
 */
#ifndef REXIAN_PROFILE_H
#define REXIAN_PROFILE_H

#include <getopt.h>
#include <stddef.h>

struct profile_line {
	const struct option *option;	/* its entry in the tool's table */
	const char *value;		/* NULL for an option without one */
	long line;
};

struct profile {
	char *name;		/* the built-in name or the path, for messages */
	int builtin;
	char *text;		/* the whole file, NUL-terminated, for showing */
	size_t len;
	char *cut;		/* the same cut into lines: the values point here */
	struct profile_line *line;
	size_t nline;
};

/*
 * Parses data[0..len) as a profile named name, checking each line against
 * the tool's getopt_long table opts (ending with a zero entry): the
 * profile, which the caller frees with profile_free, or NULL with "what is
 * wrong" in msg and its line in *bad_line.
 */
struct profile *profile_parse(const char *name, const char *data, size_t len,
    const struct option *opts, long *bad_line, char *msg, size_t cap);

/*
 * Loads the built-in profile arg or else the file arg; an unknown name, an
 * unreadable file or a bad line is a usage message ("FILE:LINE: what is
 * wrong") and exit 2.  The caller frees the result with profile_free.
 */
struct profile *profile_load(const char *arg, const struct option *opts);
void profile_free(struct profile *p);

/* The built-in profiles' names, as "boston311, la311, nyc311". */
const char *profile_builtin_list(void);

#endif
