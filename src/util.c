#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

enum { OUT_BUFSIZE = 1 << 18, PIPE_SIZE = 1 << 20, MAX_PENDING = 16 };

const char *progname = "rexian";
struct out out_stdout;

/* per thread: a reader thread catches its own die() (see ingest.c) */
static _Thread_local jmp_buf *die_jump;

static _Thread_local char caught[512];

/* Where the option being read came from ("FILE:LINE: "), or NULL. */
static const char *message_place;

void
util_message_place(const char *place)
{
	message_place = place;
}

void
util_catch_die(jmp_buf *j)
{
	die_jump = j;
}

const char *
util_caught_message(void)
{
	return caught;
}

/* Ends the tool with status, or returns to a fuzz harness.  What is
 * buffered for standard output belongs to a failed run: it is dropped. */
static noreturn void
finish(int status)
{
	/* a caught die() leaves the output alone: it may be another thread's */
	if (die_jump != NULL)
		longjmp(*die_jump, 1);
	out_stdout.len = 0;
	exit(status);
}

/* Temporary files not yet renamed into place, removed at exit. */
static char *pending_tmp[MAX_PENDING];

static void
remove_pending(void)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending_tmp[i] != NULL) {
			unlink(pending_tmp[i]);
			free(pending_tmp[i]);
			pending_tmp[i] = NULL;
		}
}

static void
close_stdout(void)
{
	if (out_stdout.buf != NULL)
		out_close(&out_stdout);
}

void
util_init(const char *name, char **argv)
{
	progname = name;
	argv[0] = (char *)name;
	out_fd(&out_stdout, STDOUT_FILENO, "standard output");
#ifdef F_SETPIPE_SZ
	/* a stage writing into a bigger pipe wakes the next one less often
	 * (about 5% on the 5M-row pipeline); a refusal changes nothing */
	struct stat st;

	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, PIPE_SIZE);
#endif
	atexit(remove_pending);
	atexit(close_stdout);
}

static void
vwarn(const char *fmt, va_list ap, const char *suffix, int dying)
{
	if (dying && die_jump != NULL) {
		/* caught: kept for the catcher, which decides what to print */
		int n = vsnprintf(caught, sizeof(caught), fmt, ap);

		if (suffix != NULL && n >= 0 && (size_t)n < sizeof(caught))
			snprintf(caught + n, sizeof(caught) - (size_t)n, ": %s", suffix);
		return;
	}
	fflush(stdout);
	fprintf(stderr, "%s: %s", progname, message_place != NULL ? message_place : "");
	vfprintf(stderr, fmt, ap);
	if (suffix != NULL)
		fprintf(stderr, ": %s", suffix);
	fputc('\n', stderr);
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, NULL, 0);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, NULL, 1);
	va_end(ap);
	finish(1);
}

void
die_errno(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vwarn(fmt, ap, e, 1);
	va_end(ap);
	finish(1);
}

void
die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, NULL, 1);
	va_end(ap);
	fprintf(stderr, "try '%s --help' for more information\n", progname);
	finish(2);
}

static noreturn void
out_of_memory(size_t n)
{
	/* no allocation here: the message must get out with the heap full */
	static const char msg[] = ": out of memory\n";

	(void)n;
	if (write(STDERR_FILENO, progname, strlen(progname)) < 0 ||
	    write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	out_stdout.len = 0;
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory(n);
	return q;
}

void
xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap ? *cap : 16;

	if (need <= *cap)
		return;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			out_of_memory(SIZE_MAX);
		c *= 2;
	}
	*p = xrealloc(*p, c * size);
	*cap = c;
}

char *
xstrdup(const char *s)
{
	return xmemdup0(s, strlen(s));
}

char *
xmemdup0(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
out_drain(struct out *o)
{
	size_t off = 0;

	while (off < o->len) {
		ssize_t w = write(o->fd, o->buf + off, o->len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->len = 0;
			if (errno == EPIPE)
				exit(1);
			die_errno("%s: write error", o->name);
		}
		off += (size_t)w;
	}
	o->len = 0;
}

void
out_fd(struct out *o, int fd, const char *name)
{
	o->fd = fd;
	o->name = name;
	o->cap = OUT_BUFSIZE;
	o->buf = xmalloc(OUT_BUFSIZE);
	o->len = 0;
}

void
out_open(struct out *o, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		die_errno("%s", path);
	out_fd(o, fd, path);
}

void
out_write(struct out *o, const void *p, size_t n)
{
	if (o->len + n > o->cap) {
		out_drain(o);
		if (n >= o->cap) {
			/* a huge field goes straight through */
			char *save = o->buf;

			o->buf = (char *)p;
			o->len = n;
			out_drain(o);
			o->buf = save;
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void
out_puts(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

void
out_printf(struct out *o, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		die("output formatting failed");
	if ((size_t)n < sizeof(small)) {
		out_write(o, small, (size_t)n);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	out_write(o, big, (size_t)n);
	free(big);
}

void
out_int(struct out *o, int64_t v)
{
	out_fixed(o, v, 0);
}

/* Puts digit i (0: the last) of a fixed-point number before *p, with the
 * decimal point before digit `scale`. */
static void
put_fixed_digit(char **p, int i, int scale, int digit)
{
	if (i == scale && scale > 0)
		*--*p = '.';
	*--*p = (char)('0' + digit);
}

void
out_fixed(struct out *o, __int128 v, int scale)
{
	char tmp[64];
	char *p = tmp + sizeof(tmp);
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	uint64_t w;
	int i = 0;

	/* 128-bit division is slow: only digits above 2^64 pay for it */
	for (; u > UINT64_MAX; i++, u /= 10)
		put_fixed_digit(&p, i, scale, (int)(u % 10));
	for (w = (uint64_t)u; i <= scale || w != 0; i++, w /= 10)
		put_fixed_digit(&p, i, scale, (int)(w % 10));
	if (v < 0)
		*--p = '-';
	out_write(o, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
out_flush(struct out *o)
{
	out_drain(o);
}

void
out_close(struct out *o)
{
	out_drain(o);
	free(o->buf);
	o->buf = NULL;
	if (o->fd > STDERR_FILENO && close(o->fd) != 0)
		die_errno("%s: write error", o->name);
}

void
out_open_atomic(struct out *o, const char *path)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	int slot;

	for (slot = 0; slot < MAX_PENDING && pending_tmp[slot] != NULL; slot++)
		;
	if (slot == MAX_PENDING)
		die("too many output files at once");
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0)
		die_errno("%s", path);
	pending_tmp[slot] = tmp;
	out_fd(o, fd, path);
}

void
out_commit(struct out *o)
{
	int slot;

	size_t n = strlen(o->name);

	/* the temporary name is the path, ".tmp" and six random characters */
	for (slot = 0; slot < MAX_PENDING; slot++)
		if (pending_tmp[slot] != NULL && strlen(pending_tmp[slot]) == n + 10 &&
		    strncmp(pending_tmp[slot], o->name, n) == 0 &&
		    strncmp(pending_tmp[slot] + n, ".tmp", 4) == 0)
			break;
	if (slot == MAX_PENDING)
		die("%s: no temporary file to commit", o->name);
	if (fchmod(o->fd, 0644) != 0)
		die_errno("%s", o->name);
	out_close(o);
	if (rename(pending_tmp[slot], o->name) != 0)
		die_errno("%s", o->name);
	free(pending_tmp[slot]);
	pending_tmp[slot] = NULL;
}

int
pick_option(const char *arg, const char *option, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	die_usage("%s: unknown value '%s'", option, arg);
}

int
parse_int(const char *s, long long min, long long max, long long *v)
{
	char *end;
	long long x;

	errno = 0;
	if (*s == '\0')
		return -1;
	x = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || x < min || x > max)
		return -1;
	*v = x;
	return 0;
}
