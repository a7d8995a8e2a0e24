/*
 * util: diagnostics, checked allocation and checked output for every tool.
 *
 * Diagnostics read "rexian-TOOL: what is wrong" (or "rexian-TOOL: FILE:LINE:
 * what is wrong" when the caller puts the place first), lowercase, no full
 * stop.  die() exits 1 (a data or system problem), die_usage() exits 2.
 *
 * Allocation never returns NULL: on exhaustion the tool says so and exits 1.
 *
 * Output goes through struct out, a buffered writer on a file descriptor that
 * checks every write: a full disk is a message and exit 1; a closed pipe
 * (EPIPE, when SIGPIPE is ignored) ends the tool quietly with exit 1, as a
 * downstream `head -1` expects.  Without SIGPIPE ignored, the kernel ends the
 * tool quietly before that.
 */
#ifndef REXIAN_UTIL_H
#define REXIAN_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#ifndef REXIAN_VERSION
#define REXIAN_VERSION "0.1.0"
#endif

/* The tool's name as it prints in diagnostics; set by util_init. */
extern const char *progname;

/*
 * Names the tool for diagnostics (getopt's too: argv[0] becomes name, so a
 * message reads "rexian-TOOL: ..." however the tool was started), starts
 * getopt afresh, and prepares standard output, the first time a process
 * calls it.
 */
void util_init(const char *name, char **argv);

/*
 * fn(arg, status), once, when die() (or a sibling) is about to end the
 * process with status, after its message and before exit: rexian's chain
 * finishes the other stage of a process there, as the pipe's other process
 * would.  NULL: none.
 */
void util_at_die(void (*fn)(void *, int), void *arg);
/* The hook util_at_die set last, for a hook set over it to call in turn. */
void util_at_die_saved(void (**fn)(void *, int), void **arg);

void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like die, adding ": strerror(errno)". */
noreturn void die_errno(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* Prints the message and "try 'TOOL --help'" and exits 2. */
noreturn void die_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * While place is set ("FILE:LINE: "), every message begins with it: options
 * read from a profile file are reported where they stand there.
 */
void util_message_place(const char *place);

/*
 * While set (for the calling thread only), die() and friends print their
 * message and longjmp to *j instead of exiting: fuzz harnesses of modules
 * that still die (ticket, the workbook readers) use it so that one bad
 * input does not end the run.  What the interrupted call had allocated is
 * leaked.
 */
#include <setjmp.h>
void util_catch_die(jmp_buf *j);
/* After a caught die(): its message, without the tool's name, not printed. */
const char *util_caught_message(void);

/*
 * Errors of the engines (csvio, counts, period, calendar): they never print
 * or exit, so that threads and fuzz harnesses can call them.  A function
 * that can fail takes a struct err the caller gives, last, and returns a
 * negative status (-1) with the message written there, as SQLite returns a
 * status code; what it had allocated is freed.  The message reads as die()
 * would print it after "rexian-TOOL: ".  Only the mains and the tool
 * drivers they call print it and exit: die_err, or or_die around a call.
 */
enum { ERR_MAX = 8192 };
struct err {
	char msg[ERR_MAX];
};
/* Writes the message to e; returns -1, for "return err_set(e, ...)". */
int err_set(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Like err_set, adding ": strerror(errno)". */
int err_errno(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints e's message as die() does and exits 1. */
noreturn void die_err(const struct err *e);
/* Returns status, or dies with e's message when it is negative. */
int or_die(int status, const struct err *e);

/* Checked allocation: the caller owns and frees what these return. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (holding *cap elements of size) to hold at least need elements;
 * inline where it has room, as readers ask it for every field. */
void xgrow_to(void *pp, size_t *cap, size_t need, size_t size);
static inline void
xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	if (need > *cap)
		xgrow_to(pp, cap, need, size);
}
char *xstrdup(const char *s);
char *xmemdup0(const char *s, size_t n);

/* A buffered, checked writer.  out_stdout is ready after util_init. */
struct out {
	int fd;
	const char *name;	/* for messages: a path or "standard output" */
	char *buf;
	size_t len, cap;
	int slot;		/* out_open_atomic's temporary file, or -1 */
};
extern struct out out_stdout;

/* Makes o a writer on an open descriptor; the caller closes with out_close. */
void out_fd(struct out *o, int fd, const char *name);
/* Makes o a writer into memory: o->buf[0..o->len) holds all it was given
 * (flushing it makes room); the caller frees it with out_close. */
void out_mem(struct out *o);
/* Opens path for writing, truncating; the caller closes with out_close. */
void out_open(struct out *o, const char *path);
void out_write(struct out *o, const void *p, size_t n);
void out_puts(struct out *o, const char *s);
void out_printf(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes a non-negative or negative integer in decimal. */
void out_int(struct out *o, int64_t v);
/* Writes v / 10^scale as fixed_format does, without a plus sign. */
void out_fixed(struct out *o, __int128 v, int scale);
void out_flush(struct out *o);
/* Inline, as writers call it for every separator. */
static inline void
out_putc(struct out *o, int c)
{
	if (o->len == o->cap)
		out_flush(o);
	o->buf[o->len++] = (char)c;
}
/* Flushes, closes and frees; any error is a message and exit 1. */
void out_close(struct out *o);

/*
 * A file written under a temporary name in the same directory and renamed
 * into place by out_commit, so that a failure never leaves a partial file.
 * On exit without a commit, and on SIGINT, SIGTERM, SIGHUP or SIGPIPE, the
 * temporary file is removed.  It gets the mode the umask gives a new file.  A path
 * that exists and is not a regular file (a FIFO, /dev/null, /dev/stdout) is
 * written into directly instead, never replaced; a symbolic link's target
 * is replaced, not the link.
 */
void out_open_atomic(struct out *o, const char *path);
void out_commit(struct out *o);

/*
 * Refuses, as a usage error, an output path naming the same file (device
 * and inode) as one of inputs[0..n) (standard input when n is 0 or an input
 * is "-"): writing it would destroy the input.  option names the output in
 * the message.
 */
void refuse_input_as_output(const char *option, const char *path,
    char *const *inputs, int n);
/* Whether path (NULL: no) names the file open on fd: /dev/stdout for 1. */
int is_open_on(const char *path, int fd);

/* The name of an input in messages: "standard input" for NULL or "-". */
const char *name_of_input(const char *path);

/*
 * The one decimal printer: writes v / 10^scale with exactly `scale`
 * decimals (fixed point, 128 bits for sums of squares), a minus sign when
 * negative and, with plus, a plus sign otherwise, to buf (FIXED_MAX bytes,
 * NUL-terminated); returns the length.
 */
enum { FIXED_MAX = 48 };
size_t fixed_format(char *buf, __int128 v, int scale, int plus);

/*
 * How name_find compares: byte for byte, or with ASCII letters in either
 * case (encoding names, file extensions: what users type in any case).
 */
enum name_rule { NAME_EXACT, NAME_ANY_CASE };
/*
 * The index of s[0..len) in a table of n names: the first at *names, each
 * next one stride bytes further (a plain array of names, stride
 * sizeof(char *), or the name member of an array of structs, stride the
 * struct's size); a NULL name ends the table before n.  -1 if none matches.
 */
int name_find(const char *s, size_t len, const char *const *names, size_t n,
    size_t stride, enum name_rule rule);

/*
 * Splits s at its commas in place (each comma becomes a NUL): the items,
 * empty ones included, in an array that points into s, ends in a NULL and
 * that the caller frees (not the items); *n is their count.
 */
char **split_list(char *s, int *n);

/*
 * How much of a bad value s[0..len) a message quotes ('%.*s'): at most max
 * bytes (QUOTE_MAX in every message), cut on a UTF-8 character boundary so
 * that no character is shown broken.
 */
enum { QUOTE_MAX = 64 };
int quote_len(const char *s, size_t len, size_t max);

/* The number of elements of the array a (not a pointer). */
#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* The index of arg in names[0..n), or a usage error naming the option. */
int pick_option(const char *arg, const char *option, const char *const *names, int n);
/* Parses a whole decimal integer in [min, max]; 0 on success, -1 if not. */
int parse_int(const char *s, long long min, long long max, long long *v);

/*
 * Narrows s[0..*n) past leading and trailing spaces and tabs.  Inline, as
 * ingest trims every field of every row; most have nothing to trim, and
 * their two ends say so.
 */
static inline void
trim_blanks(const char **s, size_t *n)
{
	while (*n > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/*
 * Whether a[0..n) and b[0..n) are equal with ASCII letters in either case
 * (name_find's NAME_ANY_CASE).  Inline, as ingest reads every coded value
 * through it; equal bytes are passed first, since most spellings are CJK.
 */
static inline int
ascii_case_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		unsigned char lower = x | 0x20;

		if (x != y && (lower != (y | 0x20) || lower < 'a' || lower > 'z'))
			return 0;
	}
	return 1;
}

#endif
