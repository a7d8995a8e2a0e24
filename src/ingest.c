#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idset.h"
#include "ingest.h"
#include "input.h"
#include "timeutil.h"
#include "util.h"

enum { SHOW_REJECTS = 10, QUOTE_MAX = 64 };

enum reject_kind {
	REJ_FIELDS, REJ_ENCODING, REJ_EMPTY_ID, REJ_DATE, REJ_VALUE,
	REJ_ORDER, REJ_DUPLICATE, REJ_COUNT
};

static const char *const reject_kind_name[REJ_COUNT] = {
	"wrong field count", "bad encoding", "empty id", "bad date",
	"bad value", "closed before created", "duplicate id",
};

/* How one file's columns feed the ticket table. */
struct mapping {
	size_t nheader;
	int src[COL_INPUT_COUNT];	/* input column, or -1 */
	int *keep_src;			/* input column of each --keep */
	char *label[COL_INPUT_COUNT];	/* the input header, for messages */
	char **header;			/* every input header, for --rejects */
};

struct ingest {
	const struct ingest_options *opt;
	struct out rejects;
	int has_rejects;
	struct idset *ids;
	char **files;
	const char *file;		/* the file being read */
	enum csv_encoding enc;		/* and its encoding */
	long long total_read, total_rejected;
	long long count[REJ_COUNT];	/* this file's rejects by kind */
	int shown;
	char reason[512];
};

/* A row's values once they have all been checked. */
struct row {
	struct csv_field text[COL_INPUT_COUNT];
	int64_t created, due, closed;
	int has_due, has_closed;
	int status, direct, resolved, satisfaction, reasonable;
};

int
ingest_parse_due(const char *s, enum due_unit *unit, int *n)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || v < 0 || v > 3650)
		return -1;
	if (strcmp(end, "wd") == 0)
		*unit = DUE_WORKDAYS;
	else if (strcmp(end, "d") == 0)
		*unit = DUE_DAYS;
	else if (strcmp(end, "h") == 0)
		*unit = DUE_HOURS;
	else
		return -1;
	*n = (int)v;
	return 0;
}

/* The length of s cut to at most max bytes on a UTF-8 character boundary. */
static size_t
quote_len(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void
mapping_free(struct mapping *m)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		free(m->label[c]);
	for (size_t i = 0; i < m->nheader; i++)
		free(m->header[i]);
	free(m->header);
	free(m->keep_src);
	memset(m, 0, sizeof(*m));
}

static int
header_is(const struct csv_field *f, const char *name)
{
	struct csv_field t = *f;

	trim_blanks(&t.s, &t.len);
	return t.len == strlen(name) && memcmp(t.s, name, t.len) == 0;
}

/* Maps a header record; problems are fatal, named by file. */
static void
map_header(const struct ingest_options *opt, const char *file,
    const struct csv_record *rec, enum csv_encoding enc, struct mapping *m)
{
	memset(m, 0, sizeof(*m));
	if (rec->bad_encoding)
		die("%s:%ld: the header is not valid %s; try --encoding %s", file,
		    rec->line, enc == CSV_GB18030 ? "GB18030" : "UTF-8",
		    enc == CSV_GB18030 ? "utf-8" : "gb18030");
	m->nheader = rec->nfields;
	m->header = xcalloc(rec->nfields, sizeof(*m->header));
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		m->src[c] = -1;
	m->keep_src = xcalloc((size_t)opt->nkeep + 1, sizeof(*m->keep_src));
	for (int k = 0; k < opt->nkeep; k++)
		m->keep_src[k] = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct csv_field *f = &rec->field[i];
		int col = -1;

		m->header[i] = xmemdup0(f->s, f->len);
		for (int c = 0; c < COL_INPUT_COUNT && col < 0; c++)
			if (opt->map[c] != NULL && header_is(f, opt->map[c]))
				col = c;
		if (col < 0)
			col = ticket_alias_lookup(f->s, f->len);
		/* a header that --map gave to another column is not also aliased */
		if (col >= 0 && opt->map[col] != NULL && !header_is(f, opt->map[col]))
			col = -1;
		for (int k = 0; k < opt->nkeep; k++)
			if (header_is(f, opt->keep[k]))
				m->keep_src[k] = (int)i;
		if (col < 0)
			continue;
		if (m->src[col] >= 0)
			die("%s:%ld: both '%s' and '%.*s' map to %s; choose one with "
			    "--map %s=HEADER", file, rec->line, m->label[col],
			    (int)f->len, f->s, ticket_col_name[col], ticket_col_name[col]);
		m->src[col] = (int)i;
		m->label[col] = xmemdup0(f->s, f->len);
	}
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (opt->map[c] != NULL && m->src[c] < 0)
			die("%s:%ld: no column '%s' for --map %s", file, rec->line,
			    opt->map[c], ticket_col_name[c]);
	for (int k = 0; k < opt->nkeep; k++)
		if (m->keep_src[k] < 0)
			die("%s:%ld: no column '%s' for --keep", file, rec->line,
			    opt->keep[k]);
	if (m->src[COL_ID] < 0)
		die("%s:%ld: no id column (工单编号, Unique Key, ...); name it with "
		    "--map id=HEADER", file, rec->line);
	if (m->src[COL_CREATED] < 0)
		die("%s:%ld: no created column (受理时间, Created Date, ...); name it "
		    "with --map created=HEADER", file, rec->line);
	if (m->src[COL_STATUS] < 0 && m->src[COL_CLOSED] < 0)
		die("%s:%ld: no status or closed column (办结状态, 办结时间, ...); "
		    "name one with --map", file, rec->line);
}

/* Whether two files feed the same contract columns and --keep columns. */
static int
same_columns(const struct mapping *a, const struct mapping *b)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if ((a->src[c] < 0) != (b->src[c] < 0))
			return 0;
	return 1;
}

static void
list_file(const struct ingest_options *opt, const char *path, struct out *o)
{
	struct input *r = input_open(path, opt->encoding, opt->sheet);
	struct csv_record rec;
	struct mapping m;

	input_read_header(r, &rec);
	map_header(opt, input_name(r), &rec, input_encoding(r), &m);
	out_printf(o, "%s:\n", input_name(r));
	for (size_t i = 0; i < m.nheader; i++) {
		const char *to = "(dropped)";

		for (int c = 0; c < COL_INPUT_COUNT; c++)
			if (m.src[c] == (int)i)
				to = ticket_col_name[c];
		for (int k = 0; k < opt->nkeep; k++)
			if (m.keep_src[k] == (int)i)
				to = "(kept)";
		out_printf(o, "  %s\t%s\n", m.header[i], to);
	}
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (m.src[c] < 0)
			out_printf(o, "  (none)\t%s\n", ticket_col_name[c]);
	mapping_free(&m);
	input_close(r);
}

void
ingest_list_columns(const struct ingest_options *opt, char **files, int nfiles)
{
	if (nfiles == 0)
		list_file(opt, NULL, &out_stdout);
	for (int i = 0; i < nfiles; i++)
		list_file(opt, files[i], &out_stdout);
}

static void
reject(struct ingest *g, const struct csv_record *rec, enum reject_kind kind)
{
	g->count[kind]++;
	g->total_rejected++;
	if (g->shown < SHOW_REJECTS)
		warnx("%s:%ld: %s", g->file, rec->line, g->reason);
	else if (g->shown == SHOW_REJECTS)
		warnx("%s: more rejected rows not shown%s", g->file,
		    g->has_rejects ? "" : "; --rejects FILE keeps them all");
	g->shown++;
	if (!g->has_rejects)
		return;
	csv_write_field(&g->rejects, g->file, strlen(g->file));
	out_printf(&g->rejects, ",%ld,", rec->line);
	csv_write_field(&g->rejects, g->reason, strlen(g->reason));
	for (size_t i = 0; i < rec->nfields; i++) {
		out_putc(&g->rejects, ',');
		csv_write_field(&g->rejects, rec->field[i].s, rec->field[i].len);
	}
	out_putc(&g->rejects, '\n');
}

/* Sets the reason to "bad HEADER 'value'" (or "empty HEADER"). */
static void
bad_value(struct ingest *g, const char *label, const struct csv_field *f)
{
	if (f->len == 0)
		snprintf(g->reason, sizeof(g->reason), "empty %s", label);
	else
		snprintf(g->reason, sizeof(g->reason), "bad %s '%.*s%s'", label,
		    (int)quote_len(f->s, f->len, QUOTE_MAX), f->s,
		    f->len > QUOTE_MAX ? "..." : "");
}

/* Parses a time column; empty is allowed unless required. */
static int
parse_time_col(struct ingest *g, const struct mapping *m, struct row *r, int col,
    int required, int64_t *t, int *has)
{
	const struct csv_field *f = &r->text[col];

	*has = 0;
	if (m->src[col] < 0 || (f->len == 0 && !required))
		return 0;
	if (time_parse(f->s, f->len, t) != 0) {
		bad_value(g, m->label[col], f);
		return -1;
	}
	*has = 1;
	return 0;
}

typedef int (*value_parser)(const char *, size_t, int *);

static int
parse_value_col(struct ingest *g, const struct mapping *m, struct row *r, int col,
    value_parser parse, int empty, int *v)
{
	const struct csv_field *f = &r->text[col];

	if (m->src[col] < 0) {
		*v = empty;
		return 0;
	}
	if (parse(f->s, f->len, v) != 0) {
		bad_value(g, m->label[col], f);
		return -1;
	}
	return 0;
}

static void
need_covered(struct ingest *g, const struct csv_record *rec, int64_t t)
{
	const struct calendar *cal = g->opt->calendar;
	char day[10];
	int y0, y1, mo, d;

	if (calendar_covers(cal, day_of_time(t)))
		return;
	date_format(day_of_time(t), day);
	civil_from_days(calendar_first_day(cal), &y0, &mo, &d);
	civil_from_days(calendar_last_day(cal), &y1, &mo, &d);
	die("%s:%ld: %.10s is outside the working-day calendar (%d-%d); use "
	    "--calendar FILE, or --calendar weekends", g->file, rec->line, day, y0, y1);
}

/* Checks a record; returns -1 and the reject kind in *kind, or 0. */
static int
check_row(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    struct row *r, enum reject_kind *kind)
{
	int has_created;

	if (rec->nfields != m->nheader) {
		snprintf(g->reason, sizeof(g->reason),
		    "wrong field count: %zu, expected %zu", rec->nfields, m->nheader);
		*kind = REJ_FIELDS;
		return -1;
	}
	if (rec->bad_encoding) {
		int nul = 0;

		for (size_t i = 0; i < rec->nfields && !nul; i++)
			nul = memchr(rec->field[i].s, '\0', rec->field[i].len) != NULL;
		snprintf(g->reason, sizeof(g->reason), nul ? "NUL byte in the row" :
		    "invalid %s byte sequence", g->enc == CSV_GB18030 ? "GB18030" : "UTF-8");
		*kind = REJ_ENCODING;
		return -1;
	}
	for (int c = 0; c < COL_INPUT_COUNT; c++) {
		if (m->src[c] >= 0) {
			r->text[c] = rec->field[m->src[c]];
			trim_blanks(&r->text[c].s, &r->text[c].len);
		} else
			r->text[c] = (struct csv_field){ "", 0 };
	}
	if (r->text[COL_ID].len == 0) {
		snprintf(g->reason, sizeof(g->reason), "empty %s", m->label[COL_ID]);
		*kind = REJ_EMPTY_ID;
		return -1;
	}
	*kind = REJ_DATE;
	if (parse_time_col(g, m, r, COL_CREATED, 1, &r->created, &has_created) != 0 ||
	    parse_time_col(g, m, r, COL_DUE, 0, &r->due, &r->has_due) != 0 ||
	    parse_time_col(g, m, r, COL_CLOSED, 0, &r->closed, &r->has_closed) != 0)
		return -1;
	*kind = REJ_VALUE;
	if (parse_value_col(g, m, r, COL_STATUS, ticket_parse_status,
	    STATUS_UNKNOWN, &r->status) != 0 ||
	    parse_value_col(g, m, r, COL_DIRECT, ticket_parse_bool, TRI_EMPTY,
	    &r->direct) != 0 ||
	    parse_value_col(g, m, r, COL_RESOLVED, ticket_parse_bool, TRI_EMPTY,
	    &r->resolved) != 0 ||
	    parse_value_col(g, m, r, COL_SATISFACTION, ticket_parse_satisfaction,
	    SAT_NONE, &r->satisfaction) != 0 ||
	    parse_value_col(g, m, r, COL_REASONABLE, ticket_parse_bool, TRI_EMPTY,
	    &r->reasonable) != 0)
		return -1;
	if (r->has_closed && r->closed < r->created) {
		snprintf(g->reason, sizeof(g->reason), "%s before %s",
		    m->label[COL_CLOSED], m->label[COL_CREATED]);
		*kind = REJ_ORDER;
		return -1;
	}
	if (r->status == STATUS_UNKNOWN)
		r->status = r->has_closed ? STATUS_CLOSED : STATUS_OPEN;
	else if (r->status == STATUS_OPEN && r->has_closed) {
		snprintf(g->reason, sizeof(g->reason), "%s says open but %s is set",
		    m->label[COL_STATUS], m->label[COL_CLOSED]);
		return -1;
	}
	return 0;
}

static void
derive_due(struct ingest *g, const struct csv_record *rec, struct row *r)
{
	const struct ingest_options *opt = g->opt;

	if (r->has_due || opt->due_unit == DUE_NONE)
		return;
	r->has_due = 1;
	switch (opt->due_unit) {
	case DUE_DAYS:
		r->due = r->created + (int64_t)opt->due_n * SECS_PER_DAY;
		break;
	case DUE_HOURS:
		r->due = r->created + (int64_t)opt->due_n * 3600;
		break;
	default:
		need_covered(g, rec, r->created);
		if (calendar_add_workdays(opt->calendar, r->created, opt->due_n,
		    &r->due) != 0)
			need_covered(g, rec, calendar_last_day(opt->calendar) *
			    SECS_PER_DAY + SECS_PER_DAY);
		break;
	}
}

static void
put_text(struct out *o, const struct csv_field *f, int formula_safe)
{
	csv_write_text(o, f->s, f->len, formula_safe);
	out_putc(o, ',');
}

static void
put_bool(struct out *o, int v)
{
	if (v != TRI_EMPTY)
		out_putc(o, '0' + v);
	out_putc(o, ',');
}

/* Writes time t, copying text when it already reads as the table writes it. */
static void
put_time(struct out *o, const struct csv_field *text, int64_t t)
{
	char buf[TIME_TEXT_LEN];

	if (time_is_canonical(text->s, text->len)) {
		out_write(o, text->s, text->len);
		return;
	}
	time_format(t, buf);
	out_write(o, buf, sizeof(buf));
}

/* Writes seconds as a count of unit seconds with 4 decimals, rounded half up. */
static void
put_duration(struct out *o, int64_t secs, int64_t unit)
{
	out_fixed(o, (secs * 10000 + unit / 2) / unit, 4);
}

static void
write_row(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    struct row *r)
{
	struct out *o = &out_stdout;
	int on_time = TRI_EMPTY;
	int safe = g->opt->formula_safe;

	put_text(o, &r->text[COL_ID], safe);
	put_time(o, &r->text[COL_CREATED], r->created);
	out_putc(o, ',');
	if (r->has_due)
		put_time(o, &r->text[COL_DUE], r->due);
	out_putc(o, ',');
	if (r->has_closed)
		put_time(o, &r->text[COL_CLOSED], r->closed);
	out_putc(o, ',');
	for (int c = COL_CHANNEL; c <= COL_DEPARTMENT; c++)
		put_text(o, &r->text[c], safe);
	out_puts(o, ticket_status_name[r->status]);
	out_putc(o, ',');
	put_bool(o, r->direct);
	put_bool(o, r->resolved);
	if (r->satisfaction != SAT_NONE)
		out_puts(o, ticket_satisfaction_name[r->satisfaction]);
	out_putc(o, ',');
	put_bool(o, r->reasonable);
	if (r->has_due && r->status == STATUS_CLOSED && r->has_closed)
		on_time = r->closed <= r->due;
	else if (r->has_due && r->status == STATUS_OPEN && g->opt->has_as_of &&
	    g->opt->as_of > r->due)
		on_time = 0;
	put_bool(o, on_time);
	if (r->has_closed) {
		put_duration(o, r->closed - r->created, 3600);
		out_putc(o, ',');
		need_covered(g, rec, r->created);
		need_covered(g, rec, r->closed);
		put_duration(o, calendar_work_seconds(g->opt->calendar, r->created,
		    r->closed), SECS_PER_DAY);
	} else
		out_putc(o, ',');
	for (int k = 0; k < g->opt->nkeep; k++) {
		const struct csv_field *f = &rec->field[m->keep_src[k]];

		out_putc(o, ',');
		csv_write_text(o, f->s, f->len, safe);
	}
	out_putc(o, '\n');
}

static void
write_header(const struct ingest_options *opt)
{
	for (int c = 0; c < COL_COUNT; c++) {
		if (c > 0)
			out_putc(&out_stdout, ',');
		out_puts(&out_stdout, ticket_col_name[c]);
	}
	for (int k = 0; k < opt->nkeep; k++) {
		out_putc(&out_stdout, ',');
		csv_write_field(&out_stdout, opt->keep[k], strlen(opt->keep[k]));
	}
	out_putc(&out_stdout, '\n');
}

/* A file index and line, packed as the duplicate-id set's value. */
#define ID_WHERE(file, line) ((uint64_t)(file) << 40 | (uint64_t)(line))

static int
is_duplicate(struct ingest *g, const struct mapping *m, const struct row *r,
    int fileno, long line)
{
	uint64_t first;

	if (idset_add(g->ids, r->text[COL_ID].s, r->text[COL_ID].len,
	    ID_WHERE(fileno, line), &first) == 0)
		return 0;
	snprintf(g->reason, sizeof(g->reason), "duplicate %s '%.*s' (first at %s:%llu)",
	    m->label[COL_ID], (int)quote_len(r->text[COL_ID].s, r->text[COL_ID].len,
	    QUOTE_MAX), r->text[COL_ID].s, g->files[first >> 40],
	    (unsigned long long)(first & ((1ULL << 40) - 1)));
	return 1;
}

static void
summarise(struct ingest *g, long long read, long long rejected)
{
	char detail[256] = "";
	size_t n = 0;

	for (int k = 0; k < REJ_COUNT; k++)
		if (g->count[k] > 0)
			n += (size_t)snprintf(detail + n, sizeof(detail) - n, "%s%lld %s",
			    n ? ", " : " (", g->count[k], reject_kind_name[k]);
	if (n > 0)
		snprintf(detail + n, sizeof(detail) - n, ")");
	out_flush(&out_stdout);
	warnx("%s: %lld read, %lld written, %lld rejected%s", g->file, read,
	    read - rejected, rejected, detail);
}


static void
open_rejects(struct ingest *g, const struct mapping *m)
{
	out_open_atomic(&g->rejects, g->opt->rejects_path);
	g->has_rejects = 1;
	out_puts(&g->rejects, "file,line,reason");
	for (size_t i = 0; i < m->nheader; i++) {
		out_putc(&g->rejects, ',');
		csv_write_field(&g->rejects, m->header[i], strlen(m->header[i]));
	}
	out_putc(&g->rejects, '\n');
}

static void
ingest_file(struct ingest *g, int fileno, struct mapping *first)
{
	struct input *r = input_open(g->files[fileno], g->opt->encoding, g->opt->sheet);
	struct csv_record rec;
	struct mapping m;
	struct row row;
	long long read = 0, rejected_before = g->total_rejected;
	enum reject_kind kind;

	g->file = input_name(r);
	memset(g->count, 0, sizeof(g->count));
	input_read_header(r, &rec);
	g->enc = input_encoding(r);
	map_header(g->opt, g->file, &rec, g->enc, &m);
	if (fileno == 0) {
		write_header(g->opt);
		if (g->opt->rejects_path != NULL)
			open_rejects(g, &m);
	} else if (!same_columns(first, &m))
		die("%s:%ld: the header maps to other columns than %s's (see "
		    "--list-columns)", g->file, rec.line, g->files[0]);
	/* --jobs 2: a second thread splits records while this one checks,
	 * deduplicates and writes them, in the same order */
	struct csv_prefetch *ahead = g->opt->jobs > 1 ? input_prefetch_start(r) : NULL;

	while (ahead != NULL ? csv_prefetch_read(ahead, &rec) : input_read(r, &rec)) {
		read++;
		if (check_row(g, &m, &rec, &row, &kind) != 0)
			reject(g, &rec, kind);
		else if (is_duplicate(g, &m, &row, fileno, rec.line))
			reject(g, &rec, REJ_DUPLICATE);
		else {
			derive_due(g, &rec, &row);
			write_row(g, &m, &rec, &row);
		}
	}
	csv_prefetch_end(ahead);
	g->total_read += read;
	summarise(g, read, g->total_rejected - rejected_before);
	input_close(r);
	if (fileno == 0)
		*first = m;
	else
		mapping_free(&m);
}

int
ingest_run(const struct ingest_options *opt, char **files, int nfiles)
{
	static char *stdin_only[] = { "-" };
	struct ingest g = { .opt = opt };
	struct mapping first;
	int status = 0;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	g.files = files;
	g.ids = idset_new();
	for (int i = 0; i < nfiles; i++)
		ingest_file(&g, i, &first);
	mapping_free(&first);
	idset_free(g.ids);
	if (g.has_rejects)
		out_commit(&g.rejects);
	if (opt->max_rejects_share >= 0 ?
	    g.total_rejected > opt->max_rejects_share * (double)g.total_read :
	    g.total_rejected > opt->max_rejects) {
		warnx("%lld rejected rows are more than --max-rejects allows",
		    g.total_rejected);
		status = 1;
	}
	return status;
}
