/*
 * util.c: the helpers every tool shares: diagnostics and die(), checked
 * allocation, the checked buffered writer (struct out) with atomic
 * outputs and their removal on signals, and small text utilities.
 * The contract is in util.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
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

/* What a dying process does before it exits (util_at_die), once. */
static void (*at_die)(void *, int);
static void *at_die_arg;

void
util_at_die(void (*fn)(void *, int), void *arg)
{
	at_die = fn;
	at_die_arg = arg;
}

void
util_at_die_saved(void (**fn)(void *, int), void **arg)
{
	*fn = at_die;
	*arg = at_die_arg;
}

/* Ends the tool with status, or returns to a fuzz harness.  What is
 * buffered for standard output belongs to a failed run: it is dropped. */
static noreturn void
finish(int status)
{
	void (*fn)(void *, int) = at_die;

	/* a caught die() leaves the output alone: it may be another thread's */
	if (die_jump != NULL)
		longjmp(*die_jump, 1);
	out_stdout.len = 0;
	if (fn != NULL) {
		at_die = NULL;
		fn(at_die_arg, status);
	}
	exit(status);
}

/*
 * Temporary files not yet renamed into place, and the names they are to
 * take: removed at exit, and on SIGINT, SIGTERM, SIGHUP or SIGPIPE by the
 * handler, which reads pending_tmp while those signals are blocked
 * everywhere else it changes.
 */
static char *volatile pending_tmp[MAX_PENDING];
static char *pending_target[MAX_PENDING];

static void
block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void
restore_signals(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* Forgets slot i, removing its temporary file unless it was renamed. */
static void
drop_pending(int i, int remove)
{
	sigset_t old;
	char *tmp = pending_tmp[i];

	block_signals(&old);
	pending_tmp[i] = NULL;
	restore_signals(&old);
	if (remove)
		unlink(tmp);
	free(tmp);
	free(pending_target[i]);
	pending_target[i] = NULL;
}

static void
remove_pending(void)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending_tmp[i] != NULL)
			drop_pending(i, 1);
}

/* Only async-signal-safe calls: the signal ends the tool as it would have. */
static void
remove_pending_on_signal(int sig)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending_tmp[i] != NULL)
			unlink(pending_tmp[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Installs remove_pending_on_signal once, leaving ignored signals ignored
 * (nohup's SIGHUP); SIGPIPE too, a closed pipe downstream ending a tool
 * before its write can fail. */
static void
catch_signals(void)
{
	static int done;
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < nitems(sigs); i++) {
		struct sigaction sa, old;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = remove_pending_on_signal;
		sigemptyset(&sa.sa_mask);
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
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
	static int done;

	progname = name;
	argv[0] = (char *)name;
	/* a process may run several tools (rexian's chain): each reads its
	 * options afresh (GNU getopt starts over at optind 0), and the second
	 * keeps the first's standard output */
	optind = 0;
	if (done)
		return;
	done = 1;
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

static int
verr(struct err *e, const char *fmt, va_list ap, int with_errno)
{
	const char *why = with_errno ? strerror(errno) : NULL;
	int n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);

	if (why != NULL && n >= 0 && (size_t)n < sizeof(e->msg))
		snprintf(e->msg + n, sizeof(e->msg) - (size_t)n, ": %s", why);
	return -1;
}

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(e, fmt, ap, 0);
	va_end(ap);
	return -1;
}

int
err_errno(struct err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(e, fmt, ap, 1);
	va_end(ap);
	return -1;
}

void
die_err(const struct err *e)
{
	die("%s", e->msg);
}

int
or_die(int status, const struct err *e)
{
	if (status < 0)
		die_err(e);
	return status;
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
xgrow_to(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap ? *cap : 16;

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

/*
 * Dies naming o's file: standard output redirected to a file is named by
 * its path too, so that a full disk says which file it could not write.
 */
static noreturn void
die_write_error(const struct out *o)
{
	char path[PATH_MAX];
	struct stat st;
	ssize_t n;
	int e = errno;

	if (o->fd == STDOUT_FILENO && fstat(o->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (n = readlink("/proc/self/fd/1", path, sizeof(path) - 1)) > 0) {
		path[n] = '\0';
		errno = e;
		die_errno("%s (%s): write error", o->name, path);
	}
	errno = e;
	die_errno("%s: write error", o->name);
}

static void
out_drain(struct out *o)
{
	size_t off = 0;

	if (o->fd < 0)
		return;		/* a memory writer keeps what it is given */

	while (off < o->len) {
		ssize_t w = write(o->fd, o->buf + off, o->len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->len = 0;
			if (errno == EPIPE)
				exit(1);
			die_write_error(o);
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
	o->slot = -1;
}

void
out_mem(struct out *o)
{
	out_fd(o, -1, "memory");
}

void
out_open(struct out *o, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		die_errno("%s", path);
	out_fd(o, fd, path);
}

/*
 * The buffer is filled to the brim before it is written, as out_putc
 * fills it, so that what a tool ending on an error has written does not
 * depend on how its writes were cut (rexian-ingest's threads write whole
 * lines, one thread writes byte by byte).
 */
void
out_write(struct out *o, const void *p, size_t n)
{
	const char *s = p;

	if (o->len + n > o->cap && o->fd < 0)
		xgrow(&o->buf, &o->cap, o->len + n, 1);
	if (o->len + n > o->cap) {
		size_t fits = o->cap - o->len, whole;
		char *save = o->buf;

		memcpy(o->buf + o->len, s, fits);
		o->len = o->cap;
		out_drain(o);
		s += fits;
		n -= fits;
		/* whole buffers' worth of a huge field go straight through */
		if ((whole = n - n % o->cap) > 0) {
			o->buf = (char *)s;
			o->len = whole;
			out_drain(o);
			o->buf = save;
			s += whole;
			n -= whole;
		}
	}
	memcpy(o->buf + o->len, s, n);
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

size_t
fixed_format(char *buf, __int128 v, int scale, int plus)
{
	char tmp[FIXED_MAX];
	char *p = tmp + sizeof(tmp);
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
	uint64_t w;
	int i = 0;
	size_t n;

	*--p = '\0';
	/* 128-bit division is slow: only digits above 2^64 pay for it */
	for (; u > UINT64_MAX; i++, u /= 10)
		put_fixed_digit(&p, i, scale, (int)(u % 10));
	for (w = (uint64_t)u; i <= scale || w != 0; i++, w /= 10)
		put_fixed_digit(&p, i, scale, (int)(w % 10));
	if (v < 0)
		*--p = '-';
	else if (plus)
		*--p = '+';
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(buf, p, n);
	return n - 1;
}

void
out_fixed(struct out *o, __int128 v, int scale)
{
	char buf[FIXED_MAX];

	out_write(o, buf, fixed_format(buf, v, scale, 0));
}

void
out_flush(struct out *o)
{
	if (o->fd < 0 && o->len == o->cap)
		xgrow(&o->buf, &o->cap, o->cap + 1, 1);
	out_drain(o);
}

void
out_close(struct out *o)
{
	out_drain(o);
	free(o->buf);
	o->buf = NULL;
	if (o->fd > STDERR_FILENO && close(o->fd) != 0)
		die_write_error(o);
}

/* The mode a new file gets from open(..., 0666): the umask's. */
static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

void
out_open_atomic(struct out *o, const char *path)
{
	struct stat st, lst;
	char *target, *tmp;
	int slot, fd;
	sigset_t old;

	/* a FIFO, /dev/null, /dev/stdout or a terminal is written into: a
	 * rename would put a regular file in its place */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0)
			die_errno("%s", path);
		out_fd(o, fd, path);
		return;
	}
	for (slot = 0; slot < MAX_PENDING && pending_tmp[slot] != NULL; slot++)
		;
	if (slot == MAX_PENDING)
		die("too many output files at once");
	/* a symbolic link keeps pointing where it did: its target is replaced */
	target = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
	    (target = realpath(path, NULL)) != NULL ? target : xstrdup(path);
	size_t n = strlen(target) + 16;

	tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmpXXXXXX", target);
	catch_signals();
	block_signals(&old);
	fd = mkstemp(tmp);
	if (fd >= 0)
		pending_tmp[slot] = tmp;
	restore_signals(&old);
	if (fd < 0) {
		free(tmp);
		free(target);
		die_errno("%s", path);
	}
	pending_target[slot] = target;
	out_fd(o, fd, path);
	o->slot = slot;
	if (fchmod(fd, new_file_mode()) != 0)
		die_errno("%s", path);
}

void
out_commit(struct out *o)
{
	int slot = o->slot;

	if (slot < 0) {
		out_close(o);
		return;
	}
	out_close(o);
	if (rename(pending_tmp[slot], pending_target[slot]) != 0)
		die_errno("%s", o->name);
	drop_pending(slot, 0);
}

const char *
name_of_input(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "standard input" : path;
}

/* Whether the file at path is the one open on fd, or the file at other. */
static int
same_file(const struct stat *out, const char *other)
{
	struct stat st;
	int r = other == NULL || strcmp(other, "-") == 0 ?
	    fstat(STDIN_FILENO, &st) : stat(other, &st);

	return r == 0 && S_ISREG(st.st_mode) && st.st_dev == out->st_dev &&
	    st.st_ino == out->st_ino;
}

void
refuse_input_as_output(const char *option, const char *path, char *const *inputs,
    int n)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	for (int i = 0; i < (n > 0 ? n : 1); i++)
		if (same_file(&st, n > 0 ? inputs[i] : NULL))
			die_usage("%s: '%s' is also an input (%s); it would be "
			    "overwritten", option, path, name_of_input(n > 0 ? inputs[i] : NULL));
}

int
is_open_on(const char *path, int fd)
{
	struct stat st, open;

	return path != NULL && stat(path, &st) == 0 && fstat(fd, &open) == 0 &&
	    st.st_dev == open.st_dev && st.st_ino == open.st_ino;
}

int
pick_option(const char *arg, const char *option, const char *const *names, int n)
{
	int i = name_find(arg, strlen(arg), names, (size_t)n, sizeof(*names),
	    NAME_EXACT);

	if (i < 0)
		die_usage("%s: unknown value '%s'", option, arg);
	return i;
}

int
name_find(const char *s, size_t len, const char *const *names, size_t n,
    size_t stride, enum name_rule rule)
{
	const char *p = (const char *)names;

	for (size_t i = 0; i < n && i <= INT_MAX; i++, p += stride) {
		const char *name = *(const char *const *)(const void *)p;

		if (name == NULL)
			break;
		if (strlen(name) == len && (rule == NAME_EXACT ?
		    memcmp(name, s, len) == 0 : ascii_case_equal(name, s, len)))
			return (int)i;
	}
	return -1;
}

char **
split_list(char *s, int *n)
{
	int k = 1;

	for (const char *c = s; (c = strchr(c, ',')) != NULL; c++)
		k++;
	char **v = xcalloc((size_t)k + 1, sizeof(*v));

	*n = 0;
	for (char *p = s;; p++) {
		char *comma = strchr(p, ',');

		v[(*n)++] = p;
		if (comma == NULL)
			break;
		*comma = '\0';
		p = comma;
	}
	return v;
}

int
quote_len(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (int)max;
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
