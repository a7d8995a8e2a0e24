#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"

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

static int
csv_ops_read(void *impl, struct csv_record *rec)
{
	return csv_read(impl, rec);
}

static void
csv_ops_close(void *impl)
{
	csv_close(impl);
}

static const struct input_ops csv_ops = { csv_ops_read, csv_ops_close };

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

struct input *
input_open(const char *path, enum csv_encoding enc, const char *sheet)
{
	int stdin_input = path == NULL || strcmp(path, "-") == 0;
	const char *name = stdin_input ? "-" : path;
	struct input *in = xcalloc(1, sizeof(*in));
	char magic[MAGIC_LEN];
	size_t nmagic;
	int fd = STDIN_FILENO;

	if (!stdin_input && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		die_errno("%s", path);
	nmagic = read_magic(fd, name, magic);
	if (sheet != NULL)
		die_usage("%s: --sheet applies to workbooks (.xlsx, .xls), and "
		    "this is CSV", name);
	in->csv = csv_open_fd(fd, name, magic, nmagic, enc);
	in->ops = &csv_ops;
	in->impl = in->csv;
	in->name = xstrdup(name);
	in->enc = enc;
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

struct csv_prefetch *
input_prefetch_start(struct input *in)
{
	return in->csv != NULL ? csv_prefetch_start(in->csv) : NULL;
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
