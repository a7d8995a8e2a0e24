/*
 * input.c: a dump opened by its first bytes: workbook readers for zip and OLE2
 * files, the CSV reader for everything else, behind one record reader.
 * The contract is in input.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "xls.h"
#include "xlsx.h"

enum { MAGIC_LEN = 8 };

/* How one kind of input is read: chosen once, when it is opened. */
struct input_ops {
	int (*read)(void *impl, struct csv_record *rec);
	void (*close)(void *impl);
};

struct input {
	const struct input_ops *ops;
	void *impl;
	struct csv_reader *csv;		/* the CSV reader, or NULL */
	char *name;
	enum csv_encoding enc;
};

/* The tool ends on a CSV reader's error, as on a workbook's. */
static int
csv_ops_read(void *impl, struct csv_record *rec)
{
	struct err e;

	return or_die(csv_read(impl, rec, &e), &e);
}

static void
csv_ops_close(void *impl)
{
	csv_close(impl);
}

static const struct input_ops csv_ops = { csv_ops_read, csv_ops_close };

static int
xlsx_ops_read(void *impl, struct csv_record *rec)
{
	return xlsx_read(impl, rec);
}

static void
xlsx_ops_close(void *impl)
{
	xlsx_close(impl);
}

static const struct input_ops xlsx_ops = { xlsx_ops_read, xlsx_ops_close };

static int
xls_ops_read(void *impl, struct csv_record *rec)
{
	return xls_read(impl, rec);
}

static void
xls_ops_close(void *impl)
{
	xls_close(impl);
}

static const struct input_ops xls_ops = { xls_ops_read, xls_ops_close };

static const char zip_magic[] = "PK\3\4", ole2_magic[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/* Reads up to MAGIC_LEN bytes, fewer only at the end of the input. */
static size_t
read_magic(int fd, const char *name, char *buf)
{
	size_t got = 0;

	while (got < MAGIC_LEN) {
		ssize_t n = read(fd, buf + got, MAGIC_LEN - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("%s: read error", name);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return got;
}

static void
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die_errno("writing a temporary copy of a workbook");
		p += w;
		n -= (size_t)w;
	}
}

/*
 * A workbook is read by seeking: fd itself when it is a file read from its
 * start, else (a pipe) a temporary file holding head and the rest of fd,
 * which is closed.  The returned descriptor is at the start.
 */
static int
seekable(int fd, const char *name, const char *head, size_t nhead)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], buf[1 << 16];
	struct stat st;
	ssize_t n;
	int t;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    lseek(fd, 0, SEEK_CUR) == (off_t)nhead && lseek(fd, 0, SEEK_SET) == 0)
		return fd;
	snprintf(path, sizeof(path), "%s/rexian-workbook.XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((t = mkstemp(path)) < 0)
		die_errno("%s", path);
	unlink(path);
	write_all(t, head, nhead);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_errno("%s: read error", name);
		write_all(t, buf, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (lseek(t, 0, SEEK_SET) != 0)
		die_errno("%s", path);
	return t;
}

static struct input *
workbook(struct input *in, const struct input_ops *ops, void *impl, const char *name)
{
	in->ops = ops;
	in->impl = impl;
	in->name = xstrdup(name);
	in->enc = CSV_UTF8;
	return in;
}

struct input *
input_open(const char *path, enum csv_encoding enc, const char *sheet)
{
	int stdin_input = path == NULL || strcmp(path, "-") == 0;
	const char *name = name_of_input(path);
	struct input *in = xcalloc(1, sizeof(*in));
	char magic[MAGIC_LEN];
	size_t nmagic;
	int fd = STDIN_FILENO;

	if (!stdin_input && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		die_errno("%s", path);
	nmagic = read_magic(fd, name, magic);
	in->enc = enc;
	if (nmagic >= 4 && memcmp(magic, zip_magic, 4) == 0) {
		struct xlsx *x = xlsx_open(seekable(fd, name, magic, nmagic), name, sheet);

		return workbook(in, &xlsx_ops, x, xlsx_name(x));
	}
	if (nmagic == MAGIC_LEN && memcmp(magic, ole2_magic, MAGIC_LEN) == 0) {
		struct xls *x = xls_open(seekable(fd, name, magic, nmagic), name, sheet);

		return workbook(in, &xls_ops, x, xls_name(x));
	}
	if (sheet != NULL)
		die_usage("%s: --sheet applies to workbooks (.xlsx, .xls), and "
		    "this is CSV", name);
	in->csv = csv_open_fd(fd, name, magic, nmagic, enc);
	in->ops = &csv_ops;
	in->impl = in->csv;
	in->name = xstrdup(name);
	return in;
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

enum csv_encoding
input_encoding(const struct input *in)
{
	return in->csv != NULL ? csv_encoding(in->csv) : in->enc;
}

void
input_set_row_test(struct input *in, csv_row_test test, void *ctx)
{
	if (in->csv != NULL)
		csv_set_row_test(in->csv, test, ctx);
}

int
input_read(struct input *in, struct csv_record *rec)
{
	return in->ops->read(in->impl, rec);
}

void
input_read_header(struct input *in, struct csv_record *rec)
{
	if (!input_read(in, rec))
		die("%s: empty file, no header", in->name);
}

struct csv_reader *
input_csv(struct input *in)
{
	return in->csv;
}

struct csv_prefetch *
input_prefetch_start(struct input *in)
{
	struct csv_prefetch *p = NULL;
	struct err e;

	if (in->csv != NULL)
		or_die(csv_prefetch_start(in->csv, &p, &e), &e);
	return p;
}

int
input_prefetch_read(struct csv_prefetch *p, struct csv_record *rec)
{
	struct err e;
	int got = csv_prefetch_read(p, rec, &e);

	if (got < 0) {
		/* the reading thread has returned: joined before the tool ends */
		csv_prefetch_end(p);
		die_err(&e);
	}
	return got;
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	in->ops->close(in->impl);
	free(in->name);
	free(in);
}
