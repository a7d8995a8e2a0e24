/*
 * ingest.c: rexian-ingest's engine: each dump's header mapped to the ticket
 * table, every row decoded, checked and written or rejected with its
 * reason, the duplicate-id check, --jobs threads, and the summary.
 * The contract is in ingest.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hashmap.h"
#include "idset.h"
#include "ingest.h"
#include "input.h"
#include "timeutil.h"
#include "util.h"

enum { SHOW_REJECTS = 10 };
/* check_row's answer for a row held until its dates' order is decided */
enum { ROW_HELD = 1 };

enum reject_kind {
	REJ_QUOTE, REJ_FIELDS, REJ_ENCODING, REJ_EMPTY_ID, REJ_DATE, REJ_VALUE,
	REJ_ORDER, REJ_DUE_ORDER, REJ_DUPLICATE, REJ_SUMMARY, REJ_COUNT,
	REJ_EXCLUDED = REJ_COUNT	/* --exclude: counted apart, not rejected */
};

static const char *const reject_kind_name[REJ_COUNT] = {
	"stray quote", "wrong field count", "bad encoding", "empty id", "bad date",
	"bad value", "closed before created", "due before created", "duplicate id",
	"summary row",
};

/* How one file's columns feed the ticket table. */
struct mapping {
	size_t nheader;
	long line;			/* the header's line */
	int src[COL_INPUT_COUNT];	/* input column, or -1 */
	int *keep_src;			/* input column of each --keep */
	int *exclude_src;		/* input column of each --exclude */
	char *label[COL_INPUT_COUNT];	/* the input header, for messages */
	char **header;			/* every input header, for --rejects */
	const char *created_format;	/* created's --date-format, or NULL */
	int year_pivot;			/* for the row test */
};

enum { FORMS_MAX = 4 };

/* How one date column of the file being read is read (see ingest.h). */
struct date_col {
	const char *format;		/* its --date-format, or NULL */
	unsigned orders;		/* the orders (DATE_* bits) its values still allow */
	long line;			/* the line whose value decided, 0: none did */
	char text[QUOTE_MAX + 1];	/* and that value */
	long pending;			/* a held row's value either order reads */
	char pending_text[QUOTE_MAX + 1];
	long mixed;			/* --list-columns: a value read otherwise */
	unsigned mixed_orders;		/* the orders that read it */
	char mixed_text[QUOTE_MAX + 1];
	int canonical;			/* a value in the table's own form was read */
	struct date_shape form[FORMS_MAX];	/* the other forms read, as met */
	int nform, more_forms;
};

/* A row read while a date column was undecided: a copy, fields in text. */
struct held_row {
	struct csv_record rec;
	char *text;
};

/*
 * Without --as-of, the open tickets past due at the latest time written:
 * due times not yet passed wait in pending until the latest time moves
 * past them, so memory holds only the tickets still running.
 */
struct past_due {
	int64_t latest;			/* the latest created or closed time */
	long long n;			/* open tickets due before it */
	int64_t *pending;		/* due times not before it when seen */
	size_t npending, cap;
};

struct ingest {
	const struct ingest_options *opt;
	struct out rejects;
	int has_rejects;
	struct out summary;		/* --summary, when opt->summary_path is set */
	const struct mapping *map;	/* the file being read's */
	struct idset *ids;
	char **files;
	int nfiles;
	char **names;			/* each file's name in messages, once opened */
	const char *file;		/* the file being read */
	enum csv_encoding enc;		/* and its encoding */
	long long total_read, total_rejected, total_after_as_of;
	long long count[REJ_COUNT];	/* this file's rejects by kind */
	long long excluded;		/* this file's rows left out: --exclude, --as-of */
	long long after_as_of;		/* of them, created at or after --as-of */
	struct past_due late;
	long long placeholders;		/* this file's placeholder dates */
	struct date_col dates[COL_CLOSED - COL_CREATED + 1];	/* this file's */
	/* each date column's last day read: outside dates, which say
	 * whether a chunk's checks are stale */
	struct day_memo day_memo[COL_CLOSED - COL_CREATED + 1];
	struct csv_field *keep;		/* a row's --keep cells, for opt->sink */
	struct held_row *held;		/* rows waiting for a date order */
	size_t nheld, held_cap;
	int shown;
	char reason[512];
	/* a thread checking ahead (ingest_ahead): what would end the tool
	 * sets fatal instead, and the row is taken again in order */
	int ahead, fatal;
};

/* A row's values once they have all been checked. */
struct row {
	struct ticket t;	/* text: the input columns' trimmed text */
	int64_t created, due, closed;
	int has_due, has_closed;
	int placeholders;		/* dates taken as empty */
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

static void
mapping_free(struct mapping *m)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		free(m->label[c]);
	for (size_t i = 0; i < m->nheader; i++)
		free(m->header[i]);
	free(m->header);
	free(m->keep_src);
	free(m->exclude_src);
	memset(m, 0, sizeof(*m));
}

static int
header_is(const struct csv_field *f, const char *name)
{
	return ticket_header_equal(f->s, f->len, name, strlen(name));
}

/*
 * The ticket column header f feeds: the one --map gives it, else its
 * alias's unless --map gave that column another header; or -1.
 */
static int
header_col(const struct ingest_options *opt, const struct csv_field *f)
{
	int col;

	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (opt->map[c] != NULL && header_is(f, opt->map[c]))
			return c;
	col = ticket_alias_lookup(f->s, f->len);
	return col >= 0 && opt->map[col] != NULL ? -1 : col;
}

/* The input column of name: a ticket column's source, or a header; or -1. */
static int
find_column(const struct mapping *m, const char *name, size_t len)
{
	int col = ticket_col_by_name(name, len);

	if (col >= 0 && col < COL_INPUT_COUNT && m->src[col] >= 0)
		return m->src[col];
	for (size_t i = 0; i < m->nheader; i++)
		if (ticket_header_equal(m->header[i], strlen(m->header[i]), name, len))
			return (int)i;
	return -1;
}

/*
 * Whether input column i, which the mapping uses, shares its header with
 * another column (as headers match): which of the two was meant cannot be
 * told.  Namesakes that feed nothing are no matter.  0, or -1 with msg.
 */
static int
namesake(const struct csv_record *rec, size_t i, char *msg, size_t cap)
{
	const struct csv_field *a = &rec->field[i];

	for (size_t j = 0; j < rec->nfields; j++)
		if (j != i && ticket_header_equal(a->s, a->len, rec->field[j].s,
		    rec->field[j].len)) {
			snprintf(msg, cap, "columns %zu and %zu are both headed '%.*s'; "
			    "rename one", (i < j ? i : j) + 1, (i < j ? j : i) + 1,
			    (int)a->len, a->s);
			return -1;
		}
	return 0;
}

/*
 * Maps a header record into *m: 0, or -1 with what is wrong in msg (and
 * nothing in *m to free).  Two input columns feeding one ticket column are
 * an error here, the one place that decides it.
 */
static int
map_header(const struct ingest_options *opt, const struct csv_record *rec,
    enum csv_encoding enc, struct mapping *m, char *msg, size_t cap)
{
	memset(m, 0, sizeof(*m));
	m->line = rec->line;
	if (rec->bad_encoding) {
		snprintf(msg, cap, "the header is not valid %s; try --encoding %s",
		    enc == CSV_GB18030 ? "GB18030" : "UTF-8",
		    enc == CSV_GB18030 ? "utf-8" : "gb18030");
		return -1;
	}
	m->nheader = rec->nfields;
	m->header = xcalloc(rec->nfields, sizeof(*m->header));
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		m->src[c] = -1;
	m->keep_src = xcalloc((size_t)opt->nkeep + 1, sizeof(*m->keep_src));
	for (int k = 0; k < opt->nkeep; k++)
		m->keep_src[k] = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		const struct csv_field *f = &rec->field[i];
		int col = header_col(opt, f);

		m->header[i] = xmemdup0(f->s, f->len);
		for (int k = 0; k < opt->nkeep; k++)
			if (header_is(f, opt->keep[k])) {
				if (namesake(rec, i, msg, cap) != 0)
					goto fail;
				m->keep_src[k] = (int)i;
			}
		if (col < 0)
			continue;
		if (namesake(rec, i, msg, cap) != 0)
			goto fail;
		if (m->src[col] >= 0) {
			snprintf(msg, cap, "both '%s' and '%.*s' map to %s; choose one "
			    "with --map %s=HEADER", m->label[col], (int)f->len, f->s,
			    ticket_columns[col].name, ticket_columns[col].name);
			goto fail;
		}
		m->src[col] = (int)i;
		m->label[col] = xmemdup0(f->s, f->len);
	}
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (opt->map[c] != NULL && m->src[c] < 0) {
			snprintf(msg, cap, "no column '%s' for --map %s", opt->map[c],
			    ticket_columns[c].name);
			goto fail;
		}
	for (int k = 0; k < opt->nkeep; k++)
		if (m->keep_src[k] < 0) {
			snprintf(msg, cap, "no column '%s' for --keep", opt->keep[k]);
			goto fail;
		}
	m->exclude_src = xcalloc((size_t)opt->nexclude + 1, sizeof(*m->exclude_src));
	for (int e = 0; e < opt->nexclude; e++) {
		const struct ingest_exclude *x = &opt->exclude[e];

		m->exclude_src[e] = find_column(m, x->col, x->col_len);
		if (m->exclude_src[e] < 0) {
			snprintf(msg, cap, "no column '%.*s' for --exclude %s",
			    (int)x->col_len, x->col, x->text);
			goto fail;
		}
	}
	if (m->src[COL_ID] < 0)
		snprintf(msg, cap, "no id column (工单编号, Unique Key, ...); name it "
		    "with --map id=HEADER");
	else if (m->src[COL_CREATED] < 0)
		snprintf(msg, cap, "no created column (受理时间, Created Date, ...); "
		    "name it with --map created=HEADER");
	else if (m->src[COL_STATUS] < 0 && m->src[COL_CLOSED] < 0)
		snprintf(msg, cap, "no status or closed column (办结状态, 办结时间, "
		    "...); name one with --map");
	else
		return 0;
fail:
	mapping_free(m);
	return -1;
}

/* Whether a record names an id and a created column: a header, not a title. */
static int
names_id_and_created(const struct ingest_options *opt, const struct csv_record *rec)
{
	int id = 0, created = 0;

	for (size_t i = 0; i < rec->nfields && !rec->bad_encoding; i++) {
		int col = header_col(opt, &rec->field[i]);

		id |= col == COL_ID;
		created |= col == COL_CREATED;
	}
	return id && created;
}

/*
 * Reads up to the header and maps it into *m: the record on line
 * --header-row, or else the first within HEADER_SEARCH lines that names an
 * id and a created column (a title, blank lines and an export date above
 * it are skipped, and standard error says so).  Without one, the first
 * record's problem is the message.  Problems are fatal, named by file.
 */
static void
read_header(const struct ingest_options *opt, struct input *r,
    struct csv_record *rec, struct mapping *m)
{
	const char *file = input_name(r);
	char msg[512];
	long first;

	input_read_header(r, rec);
	first = rec->line;
	if (opt->header_row > 0) {
		while (rec->line < opt->header_row)
			if (!input_read(r, rec))
				die("%s: --header-row %ld: the file ends on line %ld",
				    file, opt->header_row, rec->line);
		if (rec->line != opt->header_row)
			die("%s:%ld: --header-row %ld: no record starts on that line",
			    file, rec->line, opt->header_row);
	} else if (!names_id_and_created(opt, rec)) {
		int found = 0;

		map_header(opt, rec, input_encoding(r), m, msg, sizeof(msg));
		while (!found && input_read(r, rec) && rec->line <= HEADER_SEARCH)
			found = names_id_and_created(opt, rec);
		if (!found)
			die("%s:%ld: %s", file, first, msg);
	}
	if (map_header(opt, rec, input_encoding(r), m, msg, sizeof(msg)) != 0)
		die("%s:%ld: %s", file, rec->line, msg);
	if (rec->line > 1)
		warnx("%s: header on line %ld; %ld line%s above it skipped", file,
		    rec->line, rec->line - 1, rec->line > 2 ? "s" : "");
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

/* Counts a rejected or excluded row and keeps it in the rejects file. */
static void
reject(struct ingest *g, const struct csv_record *rec, enum reject_kind kind)
{
	int safe = g->opt->formula_safe;

	if (kind == REJ_EXCLUDED)
		g->excluded++;
	else {
		g->count[kind]++;
		g->total_rejected++;
		if (g->shown < SHOW_REJECTS)
			warnx("%s:%ld: %s", g->file, rec->line, g->reason);
		else if (g->shown == SHOW_REJECTS)
			warnx("%s: more rejected rows not shown%s", g->file,
			    g->has_rejects ? "" : "; --rejects FILE keeps them all");
		g->shown++;
	}
	if (!g->has_rejects)
		return;
	csv_write_text(&g->rejects, g->file, strlen(g->file), safe);
	out_printf(&g->rejects, ",%ld,", rec->line);
	csv_write_text(&g->rejects, g->reason, strlen(g->reason), safe);
	if (g->opt->rejects_contract) {
		/* a row of another width cannot say which field is which */
		int aligned = rec->nfields == g->map->nheader;

		for (int c = 0; c < COL_INPUT_COUNT; c++) {
			int src = g->map->src[c];

			out_putc(&g->rejects, ',');
			if (aligned && src >= 0)
				csv_write_text(&g->rejects, rec->field[src].s,
				    rec->field[src].len, safe);
		}
	} else
		for (size_t i = 0; i < rec->nfields; i++) {
			out_putc(&g->rejects, ',');
			csv_write_text(&g->rejects, rec->field[i].s,
			    rec->field[i].len, safe);
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

/*
 * Whether t falls on a day that systems write for "no date": 1900-01-01
 * (and Excel's serial 1), 1970-01-01 (a zero Unix time, at any hour of
 * any zone), 9999-12-31.  No hotline ticket was opened or closed on them.
 */
static int
is_placeholder(int64_t t)
{
	int64_t day = day_of_time(t);

	return day == days_from_civil(1900, 1, 1) || day == 0 ||
	    day == days_from_civil(9999, 12, 31);
}

static struct date_col *
date_col_of(struct ingest *g, int col)
{
	return &g->dates[col - COL_CREATED];
}

/* Whether a set of orders holds exactly one. */
static int
is_single(unsigned orders)
{
	return orders != 0 && (orders & (orders - 1)) == 0;
}

static const char *
order_name(unsigned order)
{
	return order == DATE_DMY ? "dmy" : order == DATE_MDY ? "mdy" : "ymd";
}

/* "day first", ...; a value either day/month order reads is "day/month first". */
static const char *
order_words(unsigned orders)
{
	return orders == DATE_DMY ? "day first" : orders == DATE_MDY ? "month first" :
	    orders == DATE_YMD ? "year first" : "day/month first";
}

/* Copies f, cut to QUOTE_MAX bytes on a character boundary, into buf. */
static void
copy_quote(char *buf, const struct csv_field *f)
{
	size_t n = quote_len(f->s, f->len, QUOTE_MAX);

	memcpy(buf, f->s, n);
	buf[n] = '\0';
}

/* Whether --date-format's column name[0..len) names ticket column col. */
static int
names_date_col(const struct mapping *m, const char *name, size_t len, int col)
{
	return ticket_col_by_name(name, len) == col ||
	    ticket_header_equal(name, len, m->label[col], strlen(m->label[col]));
}

/*
 * Sets up the file's date columns: each one's --date-format (the last
 * that names it or no column), and the orders its values may have.  A
 * --date-format naming no date column of the file is fatal.
 */
static void
dates_begin(struct ingest *g, struct mapping *m)
{
	const struct ingest_options *opt = g->opt;

	memset(g->dates, 0, sizeof(g->dates));
	for (int c = COL_CREATED; c <= COL_CLOSED; c++)
		date_col_of(g, c)->orders = opt->date_order != 0 ? opt->date_order :
		    DATE_ANY_ORDER;
	for (int i = 0; i < opt->ndate_format; i++) {
		const struct ingest_date_format *df = &opt->date_format[i];
		int found = 0;

		for (int c = COL_CREATED; c <= COL_CLOSED; c++)
			if (m->src[c] >= 0 && (df->col == NULL ||
			    names_date_col(m, df->col, df->col_len, c))) {
				date_col_of(g, c)->format = df->format;
				found = 1;
			}
		if (!found && df->col != NULL)
			die("%s:%ld: no date column '%.*s' for --date-format (created, "
			    "due, closed or their headers)", g->file, m->line,
			    (int)df->col_len, df->col);
	}
	m->created_format = date_col_of(g, COL_CREATED)->format;
	m->year_pivot = opt->year_pivot;
}

/* Adds a form read to the column's list, if it is new there. */
static void
note_form(struct date_col *dc, const struct date_shape *sh)
{
	for (int i = 0; i < dc->nform; i++)
		if (memcmp(&dc->form[i], sh, sizeof(*sh)) == 0)
			return;
	if (dc->nform < FORMS_MAX)
		dc->form[dc->nform++] = *sh;
	else
		dc->more_forms = 1;
}

enum date_read { DATE_READ, DATE_BAD, DATE_HOLD };

/*
 * Narrows column dc's orders by a value that orders can read, text f on
 * line: DATE_READ once one order is left (this value may be what decided
 * it), DATE_HOLD while more than one reads it, DATE_BAD when none does.
 */
static enum date_read
narrow(struct date_col *dc, unsigned can, long line, const struct csv_field *f)
{
	unsigned o;

	if (is_single(dc->orders))
		return DATE_READ;
	o = can & dc->orders;
	if (o == 0)
		return DATE_BAD;
	if (!is_single(o))
		return DATE_HOLD;
	dc->orders = o;
	dc->line = line;
	copy_quote(dc->text, f);
	return DATE_READ;
}

/*
 * The orders that read value f (the table's own form needs no scan):
 * none when it is no date; DATE_YMD for a year first, whatever
 * --date-order says, which is about day and month only.
 */
static unsigned
orders_of(const struct ingest *g, const struct csv_field *f, struct date_value *v)
{
	if (date_scan(f->s, f->len, v) != 0)
		return 0;
	return date_orders(v, g->opt->year_pivot);
}

/*
 * A value on line that the column's order does not read but orders can
 * (a bit set).  Against --date-order, or against an order the values
 * decided when the value's order puts no other value in doubt (a year
 * first, or a day/month value in a year-first column), the row is
 * rejected, the reason naming what decided.  A value only the other of
 * day first and month first reads makes every value read before it
 * doubtful: fatal, naming both lines.
 */
static enum date_read
misread(struct ingest *g, int col, const struct csv_field *f, long line,
    unsigned can)
{
	struct date_col *dc = date_col_of(g, col);
	const char *label = g->map->label[col];
	unsigned dm = DATE_DMY | DATE_MDY;
	int q = (int)quote_len(f->s, f->len, QUOTE_MAX);

	if (dc->line == 0)
		snprintf(g->reason, sizeof(g->reason), "bad %s '%.*s': not a date "
		    "read %s (--date-order %s)", label, q, f->s,
		    order_words(dc->orders), order_name(dc->orders));
	else if (!(dc->orders & dm) || !(can & dm))
		snprintf(g->reason, sizeof(g->reason), "bad %s '%.*s': %s, but line "
		    "%ld's '%s' shows the column %s", label, q, f->s, order_words(can),
		    dc->line, dc->text, order_words(dc->orders));
	else if (g->ahead)
		g->fatal = 1;
	else
		die("%s:%ld: %s '%.*s' reads only %s, but line %ld's '%s' reads only "
		    "%s: the column mixes orders; --date-order %s or %s decides, "
		    "rejecting the rows it does not read", g->file, line, label, q,
		    f->s, order_words(can & dm), dc->line, dc->text,
		    order_words(dc->orders), order_name(dc->orders),
		    order_name(can & dm));
	return DATE_BAD;
}

/*
 * read_date for every form but the table's own: kept out of line, so
 * that reading that form, most dumps' and every table's, costs no more
 * than it did before orders were decided.
 */
__attribute__((noinline)) static enum date_read
read_other_date(struct ingest *g, int col, const struct csv_field *f, long line,
    int64_t *t)
{
	struct date_col *dc = date_col_of(g, col);
	const char *label = g->map->label[col];
	int pivot = g->opt->year_pivot;
	struct date_value v;
	unsigned can, order = DATE_YMD;

	if (dc->format != NULL) {
		if (date_format_read(dc->format, f->s, f->len, pivot, t) == 0)
			return DATE_READ;
		snprintf(g->reason, sizeof(g->reason), "bad %s '%.*s': not %s "
		    "(--date-format)", label, (int)quote_len(f->s, f->len, QUOTE_MAX),
		    f->s, dc->format);
		return DATE_BAD;
	}
	if (time_is_canonical(f->s, f->len)) {
		dc->canonical = 1;
		if (time_parse_canonical(f->s, t) != 0) {
			bad_value(g, label, f);
			return DATE_BAD;
		}
		if (g->opt->date_order != 0 ||
		    (narrow(dc, DATE_YMD, line, f) == DATE_READ && dc->orders == DATE_YMD))
			return DATE_READ;
		return misread(g, col, f, line, DATE_YMD);
	}
	if ((can = orders_of(g, f, &v)) == 0) {
		bad_value(g, label, f);
		return DATE_BAD;
	}
	/* --date-order says how day/month values read; else the values decide */
	if (v.shape.kind == DATE_SHORT && g->opt->date_order != 0)
		order = g->opt->date_order;
	else if (v.shape.kind != DATE_SERIAL && g->opt->date_order == 0) {
		if (narrow(dc, can, line, f) == DATE_HOLD)
			return DATE_HOLD;
		if ((can & dc->orders) == 0)
			return misread(g, col, f, line, can);
		order = dc->orders;
	}
	if (date_resolve(&v, order, pivot, t) != 0) {
		if (v.shape.kind == DATE_SHORT && g->opt->date_order != 0)
			return misread(g, col, f, line, can);
		bad_value(g, label, f);
		return DATE_BAD;
	}
	if (v.shape.zone != ZONE_NONE) {
		if (!g->opt->has_utc_offset) {
			snprintf(g->reason, sizeof(g->reason), "bad %s '%.*s': a time "
			    "zone; --utc-offset +HH:MM gives the local time to write",
			    label, (int)quote_len(f->s, f->len, QUOTE_MAX), f->s);
			return DATE_BAD;
		}
		*t += g->opt->utc_offset - v.zone_secs;
	}
	note_form(dc, &v.shape);
	return DATE_READ;
}

/*
 * Reads date column col's trimmed value f on line: DATE_READ and *t,
 * DATE_BAD with the reason, or DATE_HOLD while its order is undecided.
 */
static enum date_read
read_date(struct ingest *g, int col, const struct csv_field *f, long line, int64_t *t)
{
	struct date_col *dc = date_col_of(g, col);

	/* the table's own form in a column decided year first */
	if (dc->orders == DATE_YMD && dc->format == NULL &&
	    time_is_canonical(f->s, f->len) &&
	    time_parse_canonical_memo(f->s, &g->day_memo[col - COL_CREATED], t) == 0) {
		dc->canonical = 1;
		return DATE_READ;
	}
	return read_other_date(g, col, f, line, t);
}

/*
 * Describes how column dc was read: its forms, then what decided a
 * day/month order ("DD/MM/YYYY hh:mm:ss (day first, as line 3 '...'
 * shows)").
 */
static void
describe_dates(const struct ingest *g, const struct date_col *dc, char *buf,
    size_t cap)
{
	size_t n = 0;
	int short_form = 0, zone = 0;

	if (dc->format != NULL) {
		snprintf(buf, cap, "%s (--date-format)", dc->format);
		return;
	}
	buf[0] = '\0';
	if (dc->canonical)
		n += (size_t)snprintf(buf, cap, "YYYY-MM-DD hh:mm:ss");
	for (int i = 0; i < dc->nform && n < cap; i++) {
		char one[96];

		/* undecided, a day/month value reads day first or month first */
		date_describe(&dc->form[i], is_single(dc->orders) ? dc->orders :
		    dc->orders & (DATE_DMY | DATE_MDY), one, sizeof(one));
		n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", one);
		short_form |= dc->form[i].kind == DATE_SHORT;
		zone |= dc->form[i].zone != ZONE_NONE;
	}
	if (dc->more_forms && n < cap)
		n += (size_t)snprintf(buf + n, cap - n, ", and other forms");
	if (short_form && n < cap) {
		if (!is_single(dc->orders))
			n += (size_t)snprintf(buf + n, cap - n, " (undecided: no day is "
			    "over 12; --date-order decides)");
		else if (dc->line > 0)
			n += (size_t)snprintf(buf + n, cap - n, " (%s, as line %ld '%s' "
			    "shows)", order_words(dc->orders), dc->line, dc->text);
		else
			n += (size_t)snprintf(buf + n, cap - n, " (--date-order %s)",
			    order_name(dc->orders));
	}
	if (zone && n < cap)
		n += (size_t)snprintf(buf + n, cap - n, ", converted to --utc-offset %s",
		    g->opt->utc_offset_text);
	if (dc->mixed > 0 && n < cap)
		snprintf(buf + n, cap - n, "; but line %ld '%s' reads %s",
		    dc->mixed, dc->mixed_text, order_words(dc->mixed_orders));
}

/*
 * Whether reading column dc took a decision: an order, a --date-format,
 * a zone converted.  Year-first forms and serials need none.
 */
static int
took_decision(const struct date_col *dc)
{
	int took = dc->format != NULL;

	for (int i = 0; i < dc->nform; i++)
		took |= dc->form[i].kind == DATE_SHORT || dc->form[i].zone != ZONE_NONE;
	return took;
}

/* Says how each date column was read, when reading one took a decision. */
/* One row of the --summary table: this file, item, value. */
static void
summary_row(struct ingest *g, const char *item, const char *value)
{
	struct out *o = &g->summary;

	csv_write_text(o, g->file, strlen(g->file), g->opt->formula_safe);
	out_putc(o, ',');
	csv_write_text(o, item, strlen(item), g->opt->formula_safe);
	out_putc(o, ',');
	csv_write_text(o, value, strlen(value), g->opt->formula_safe);
	out_putc(o, '\n');
}

static void
summary_count(struct ingest *g, const char *item, long long n)
{
	char v[32];

	snprintf(v, sizeof(v), "%lld", n);
	summary_row(g, item, v);
}

/*
 * The decision on date column dc (label), for programs: date_order:LABEL
 * (dmy, mdy or ymd) when the column has a day/month form and one order
 * reads it, date_line:LABEL and date_value:LABEL when a value of the data
 * decided it (else an option did), date_format:LABEL for a --date-format,
 * date_utc_offset:LABEL when dates with a zone were converted.
 */
static void
summary_decision(struct ingest *g, const char *label, const struct date_col *dc)
{
	char item[256], v[32];
	int short_form = 0, zone = 0;

	for (int i = 0; i < dc->nform; i++) {
		short_form |= dc->form[i].kind == DATE_SHORT;
		zone |= dc->form[i].zone != ZONE_NONE;
	}
	if (dc->format != NULL) {
		snprintf(item, sizeof(item), "date_format:%s", label);
		summary_row(g, item, dc->format);
	}
	if (short_form && is_single(dc->orders)) {
		snprintf(item, sizeof(item), "date_order:%s", label);
		summary_row(g, item, order_name(dc->orders));
		if (dc->line > 0) {
			snprintf(item, sizeof(item), "date_line:%s", label);
			snprintf(v, sizeof(v), "%ld", dc->line);
			summary_row(g, item, v);
			snprintf(item, sizeof(item), "date_value:%s", label);
			summary_row(g, item, dc->text);
		}
	}
	if (zone) {
		snprintf(item, sizeof(item), "date_utc_offset:%s", label);
		summary_row(g, item, g->opt->utc_offset_text);
	}
}

static void
say_dates(struct ingest *g)
{
	const struct mapping *m = g->map;
	char desc[512];
	int worth = 0;

	for (int c = COL_CREATED; c <= COL_CLOSED; c++)
		worth |= m->src[c] >= 0 && took_decision(date_col_of(g, c));
	for (int c = COL_CREATED; c <= COL_CLOSED && worth; c++) {
		struct date_col *dc = date_col_of(g, c);

		if (m->src[c] < 0 || (!dc->canonical && dc->nform == 0 &&
		    dc->format == NULL))
			continue;
		describe_dates(g, dc, desc, sizeof(desc));
		warnx("%s: date column %s: %s", g->file, m->label[c], desc);
		if (g->opt->summary_path != NULL) {
			char item[256];

			snprintf(item, sizeof(item), "date:%s", m->label[c]);
			summary_row(g, item, desc);
			summary_decision(g, m->label[c], dc);
		}
	}
}

/* Parses a time column; empty is allowed unless required, and a
 * placeholder date is taken as empty.  0, -1, or ROW_HELD. */
static int
parse_time_col(struct ingest *g, const struct mapping *m, struct row *r, int col,
    long line, int required, int64_t *t, int *has)
{
	const struct csv_field *f = &r->t.text[col];
	enum date_read st;

	*has = 0;
	if (m->src[col] < 0 || (f->len == 0 && !required))
		return 0;
	if ((st = read_date(g, col, f, line, t)) != DATE_READ)
		return st == DATE_HOLD ? ROW_HELD : -1;
	if (is_placeholder(*t)) {
		if (required) {
			snprintf(g->reason, sizeof(g->reason), "placeholder %s '%.*s'",
			    m->label[col], (int)quote_len(f->s, f->len, QUOTE_MAX), f->s);
			return -1;
		}
		r->placeholders++;
		return 0;
	}
	*has = 1;
	return 0;
}

/* Whether trimmed text f reads value[0..len), ignoring ASCII case. */
static int
same_value(const struct csv_field *f, const char *value, size_t len)
{
	return f->len == len && ascii_case_equal(f->s, value, len);
}

/*
 * Whether a --recode gives trimmed text f of coded column col a value: the
 * last one given wins, as a command line overrides its profile.
 */
static int
recoded(const struct ingest_options *opt, int col, const struct csv_field *f, int *v)
{
	for (int i = opt->nrecode - 1; i >= 0; i--)
		if (opt->recode[i].col == col && same_value(f, opt->recode[i].from,
		    opt->recode[i].from_len)) {
			*v = opt->recode[i].to;
			return 1;
		}
	return 0;
}

/* Reads coded column col by --recode, then by its table of spellings. */
static int
parse_value_col(struct ingest *g, const struct mapping *m, struct row *r, int col,
    int *v)
{
	const struct csv_field *f = &r->t.text[col];
	int q;

	*v = -1;
	if (m->src[col] < 0 || recoded(g->opt, col, f, v) ||
	    ticket_parse_value(col, f->s, f->len, v) == 0)
		return 0;
	q = (int)quote_len(f->s, f->len, QUOTE_MAX);
	snprintf(g->reason, sizeof(g->reason), "unknown %s '%.*s': --recode "
	    "%s:%.*s=VALUE says what it means (%s), --exclude %s=%.*s leaves such "
	    "rows out", m->label[col], q, f->s, ticket_columns[col].name, q, f->s,
	    ticket_contract_values(col), ticket_columns[col].name, q, f->s);
	return -1;
}

/* Whether a row is a summary under the data: its first cell says so. */
static int
is_summary(const struct csv_record *rec, struct csv_field *label)
{
	for (size_t i = 0; i < rec->nfields; i++) {
		*label = rec->field[i];
		trim_blanks(&label->s, &label->len);
		if (label->len > 0)
			return ticket_is_summary(label->s, label->len);
	}
	return 0;
}

/* Whether an --exclude leaves the row out; the reason names it. */
static int
is_excluded(struct ingest *g, const struct mapping *m, const struct csv_record *rec)
{
	for (int i = 0; i < g->opt->nexclude; i++) {
		struct csv_field f = rec->field[m->exclude_src[i]];

		trim_blanks(&f.s, &f.len);
		if (same_value(&f, g->opt->exclude[i].value,
		    strlen(g->opt->exclude[i].value))) {
			snprintf(g->reason, sizeof(g->reason), "excluded: %s",
			    g->opt->exclude[i].text);
			return 1;
		}
	}
	return 0;
}

/*
 * Whether the calendar covers time t, so that it may be asked of it: 0,
 * or -1 in a thread checking ahead (the row is taken again in order), or
 * the message and exit 1.
 */
static int
need_covered(struct ingest *g, const struct csv_record *rec, int64_t t)
{
	const struct calendar *cal = g->opt->calendar;
	char day[10];
	int y0, y1, mo, d;

	if (calendar_covers(cal, day_of_time(t)))
		return 0;
	if (g->ahead) {
		g->fatal = 1;
		return -1;
	}
	date_format(day_of_time(t), day);
	civil_from_days(calendar_first_day(cal), &y0, &mo, &d);
	civil_from_days(calendar_last_day(cal), &y1, &mo, &d);
	die("%s:%ld: %.10s is outside the working-day calendar (%d-%d); use "
	    "--calendar FILE, or --calendar weekends", g->file, rec->line, day, y0, y1);
}

/*
 * The row test for a quoted field running on over lines (see
 * csv_set_row_test): a line with the header's field count, an id and a
 * creation time that parses is a row of this file, not text in a field.
 */
static int
looks_like_row(void *ctx, const struct csv_field *f, size_t n)
{
	const struct mapping *m = ctx;
	struct csv_field id, created;
	struct date_value v;
	int64_t t;

	if (n != m->nheader)
		return 0;
	id = f[m->src[COL_ID]];
	trim_blanks(&id.s, &id.len);
	created = f[m->src[COL_CREATED]];
	trim_blanks(&created.s, &created.len);
	return id.len > 0 && (m->created_format != NULL ?
	    date_format_read(m->created_format, created.s, created.len,
	    m->year_pivot, &t) == 0 : date_scan(created.s, created.len, &v) == 0);
}

/* Says what the reader found wrong with a record, if anything. */
static int
check_flaw(struct ingest *g, const struct csv_record *rec, enum reject_kind *kind)
{
	switch (rec->flaw) {
	case CSV_FLAW_STRAY_QUOTE:
		if (rec->last_line > rec->line)
			snprintf(g->reason, sizeof(g->reason), "stray quote: the field "
			    "it opens runs on over lines %ld-%ld and into line %ld, "
			    "which reads as a row of its own", rec->line,
			    rec->last_line, rec->last_line + 1);
		else
			snprintf(g->reason, sizeof(g->reason), "stray quote: the field "
			    "it opens runs on into line %ld, which reads as a row of "
			    "its own", rec->line + 1);
		*kind = REJ_QUOTE;
		return -1;
	case CSV_FLAW_UTF8_IN_GB18030:
		snprintf(g->reason, sizeof(g->reason),
		    "UTF-8 text in a GB18030 file");
		*kind = REJ_ENCODING;
		return -1;
	}
	return 0;
}

/* Takes the trimmed text of a record's ticket columns into t. */
static void
take_text(const struct mapping *m, const struct csv_record *rec, struct ticket *t)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++) {
		if (m->src[c] >= 0) {
			/* trimmed as a local, which stores through t could alias */
			struct csv_field f = rec->field[m->src[c]];

			trim_blanks(&f.s, &f.len);
			t->text[c] = f;
		} else
			t->text[c] = (struct csv_field){ "", 0 };
	}
}

/*
 * Checks what comes before a record's values and takes its ticket
 * columns' text into r: 0, or -1 and the reject kind in *kind.
 */
static int
check_record(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    struct row *r, enum reject_kind *kind)
{
	struct csv_field label;

	if (check_flaw(g, rec, kind) != 0)
		return -1;
	if (is_summary(rec, &label)) {
		snprintf(g->reason, sizeof(g->reason), "summary row '%.*s', not a ticket",
		    (int)quote_len(label.s, label.len, QUOTE_MAX), label.s);
		*kind = REJ_SUMMARY;
		return -1;
	}
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
	if (is_excluded(g, m, rec)) {
		*kind = REJ_EXCLUDED;
		return -1;
	}
	take_text(m, rec, &r->t);
	if (r->t.text[COL_ID].len == 0) {
		snprintf(g->reason, sizeof(g->reason), "empty %s", m->label[COL_ID]);
		*kind = REJ_EMPTY_ID;
		return -1;
	}
	return 0;
}

/*
 * Checks a record: 0; -1 and the reject kind in *kind; or ROW_HELD when a
 * date reads in either order and none is decided yet.
 */
static int
check_row(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    struct row *r, enum reject_kind *kind)
{
	int has_created, st[3];

	if (check_record(g, m, rec, r, kind) != 0)
		return -1;
	*kind = REJ_DATE;
	r->placeholders = 0;
	if ((st[0] = parse_time_col(g, m, r, COL_CREATED, rec->line, 1, &r->created,
	    &has_created)) < 0 ||
	    (st[1] = parse_time_col(g, m, r, COL_DUE, rec->line, 0, &r->due,
	    &r->has_due)) < 0 ||
	    (st[2] = parse_time_col(g, m, r, COL_CLOSED, rec->line, 0, &r->closed,
	    &r->has_closed)) < 0)
		return -1;
	if (st[0] == ROW_HELD || st[1] == ROW_HELD || st[2] == ROW_HELD)
		return ROW_HELD;
	*kind = REJ_VALUE;
	if (parse_value_col(g, m, r, COL_STATUS, &r->status) != 0 ||
	    parse_value_col(g, m, r, COL_DIRECT, &r->direct) != 0 ||
	    parse_value_col(g, m, r, COL_RESOLVED, &r->resolved) != 0 ||
	    parse_value_col(g, m, r, COL_SATISFACTION, &r->satisfaction) != 0 ||
	    parse_value_col(g, m, r, COL_REASONABLE, &r->reasonable) != 0)
		return -1;
	if (r->has_closed && r->closed < r->created) {
		snprintf(g->reason, sizeof(g->reason), "%s before %s",
		    m->label[COL_CLOSED], m->label[COL_CREATED]);
		*kind = REJ_ORDER;
		return -1;
	}
	/* days, not seconds: a due date without a time is due that day */
	if (r->has_due && day_of_time(r->due) < day_of_time(r->created)) {
		snprintf(g->reason, sizeof(g->reason), "%s before %s",
		    m->label[COL_DUE], m->label[COL_CREATED]);
		*kind = REJ_DUE_ORDER;
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
		if (need_covered(g, rec, r->created) == 0 &&
		    calendar_add_workdays(opt->calendar, r->created, opt->due_n,
		    &r->due) != 0)
			need_covered(g, rec, calendar_last_day(opt->calendar) *
			    SECS_PER_DAY + SECS_PER_DAY);
		break;
	}
}

/* Seconds as a count of unit seconds in 1/10000 (TICKET_DECIMALS), rounded half up. */
static int64_t
duration(int64_t secs, int64_t unit)
{
	return (secs * 10000 + unit / 2) / unit;
}

/* Sets the ticket table's values of a checked row. */
static void
row_values(struct ingest *g, const struct csv_record *rec, struct row *r)
{
	int64_t *v = r->t.v;

	v[COL_CREATED] = r->created;
	v[COL_DUE] = r->has_due ? r->due : TICKET_EMPTY;
	v[COL_CLOSED] = r->has_closed ? r->closed : TICKET_EMPTY;
	v[COL_STATUS] = r->status;
	v[COL_DIRECT] = ticket_code_cell(r->direct);
	v[COL_RESOLVED] = ticket_code_cell(r->resolved);
	v[COL_SATISFACTION] = ticket_code_cell(r->satisfaction);
	v[COL_REASONABLE] = ticket_code_cell(r->reasonable);
	v[COL_ON_TIME] = TICKET_EMPTY;
	if (r->has_due && r->status == STATUS_CLOSED && r->has_closed)
		v[COL_ON_TIME] = r->closed <= r->due;
	else if (r->has_due && r->status == STATUS_OPEN && g->opt->has_as_of &&
	    g->opt->as_of > r->due)
		v[COL_ON_TIME] = 0;
	v[COL_HOURS] = v[COL_WORKDAYS] = TICKET_EMPTY;
	if (r->has_closed) {
		v[COL_HOURS] = duration(r->closed - r->created, 3600);
		if (need_covered(g, rec, r->created) != 0 ||
		    need_covered(g, rec, r->closed) != 0)
			return;
		v[COL_WORKDAYS] = duration(calendar_work_seconds(g->opt->calendar,
		    r->created, r->closed), SECS_PER_DAY);
	}
}

/* Where the ticket table's text goes: standard output, a sink's file
 * (rexian's tee), or nowhere (rows handed over in memory only). */
static struct out *
table_text(const struct ingest_options *opt)
{
	return opt->sink != NULL ? opt->sink->text : &out_stdout;
}

/* Writes ticket t of record rec, and its --keep columns, to o. */
static void
format_row(struct out *o, const struct ingest_options *opt, const struct mapping *m,
    const struct csv_record *rec, const struct ticket *t)
{
	ticket_write(o, t, opt->formula_safe);
	for (int k = 0; k < opt->nkeep; k++) {
		const struct csv_field *f = &rec->field[m->keep_src[k]];

		out_putc(o, ',');
		csv_write_text(o, f->s, f->len, opt->formula_safe);
	}
	out_putc(o, '\n');
}

/* Writes a row row_values has set, and its --keep columns, to the ticket table. */
static void
write_row(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    struct row *r)
{
	struct out *o = table_text(g->opt);

	if (g->opt->sink != NULL) {
		for (int k = 0; k < g->opt->nkeep; k++)
			g->keep[k] = rec->field[m->keep_src[k]];
		g->opt->sink->row(g->opt->sink->ctx, &r->t, g->keep);
	}
	if (o != NULL)
		format_row(o, g->opt, m, rec, &r->t);
}

static void
write_header(const struct ingest_options *opt)
{
	struct out *o = &out_stdout;

	if (opt->sink != NULL) {
		opt->sink->header(opt->sink->ctx, opt->keep, opt->nkeep);
		if ((o = opt->sink->text) == NULL)
			return;
	}
	ticket_write_header(o);
	for (int k = 0; k < opt->nkeep; k++) {
		out_putc(o, ',');
		csv_write_text(o, opt->keep[k], strlen(opt->keep[k]), opt->formula_safe);
	}
	out_putc(o, '\n');
}

/* A file index and line, packed as the duplicate-id set's value. */
#define ID_WHERE(file, line) ((uint64_t)(file) << 40 | (uint64_t)(line))

/* Whether id[0..len) was seen before; the reason says where. */
static int
is_duplicate(struct ingest *g, const struct mapping *m, const char *id, size_t len,
    int fileno, long line)
{
	uint64_t first;

	if (idset_add(g->ids, id, len, ID_WHERE(fileno, line), &first) == 0)
		return 0;
	snprintf(g->reason, sizeof(g->reason), "duplicate %s '%.*s' (first at %s:%llu)",
	    m->label[COL_ID], (int)quote_len(id, len, QUOTE_MAX), id,
	    g->names[first >> 40], (unsigned long long)(first & ((1ULL << 40) - 1)));
	return 1;
}

static void
summarise(struct ingest *g, long long read, long long rejected)
{
	char excluded[96] = "";
	char detail[256] = "";
	size_t n = 0;

	for (int k = 0; k < REJ_COUNT; k++)
		if (g->count[k] > 0)
			n += (size_t)snprintf(detail + n, sizeof(detail) - n, "%s%lld %s",
			    n ? ", " : " (", g->count[k], reject_kind_name[k]);
	if (n > 0)
		snprintf(detail + n, sizeof(detail) - n, ")");
	if (g->after_as_of > 0)
		snprintf(excluded, sizeof(excluded), ", %lld excluded (%lld created at "
		    "or after --as-of)", g->excluded, g->after_as_of);
	else if (g->opt->nexclude > 0)
		snprintf(excluded, sizeof(excluded), ", %lld excluded", g->excluded);
	out_flush(&out_stdout);
	say_dates(g);
	if (g->placeholders > 0)
		warnx("%s: %lld placeholder date%s (1900-01-01, 1970-01-01, "
		    "9999-12-31) taken as empty", g->file, g->placeholders,
		    g->placeholders > 1 ? "s" : "");
	warnx("%s: %lld read, %lld written, %lld rejected%s%s", g->file, read,
	    read - rejected - g->excluded, rejected, detail, excluded);
	if (g->opt->summary_path != NULL) {
		summary_count(g, "read", read);
		summary_count(g, "written", read - rejected - g->excluded);
		summary_count(g, "rejected", rejected);
		for (int k = 0; k < REJ_COUNT; k++) {
			char item[64];

			snprintf(item, sizeof(item), "rejected:%s", reject_kind_name[k]);
			summary_count(g, item, g->count[k]);
		}
		summary_count(g, "excluded", g->excluded);
		summary_count(g, "after_as_of", g->after_as_of);
		summary_count(g, "placeholders", g->placeholders);
	}
}

/* Whether a checked row was created at or after --as-of: it is left out. */
static int
after_as_of(const struct ingest_options *opt, const struct row *r)
{
	return opt->has_as_of && r->created >= opt->as_of;
}

static void
exclude_after_as_of(struct ingest *g)
{
	g->excluded++;
	g->after_as_of++;
}

/*
 * --as-of: the ticket as it stood then.  Closing, and the resolution and
 * rating that follow it, had not happened yet.
 */
static void
as_it_stood(const struct ingest_options *opt, struct row *r)
{
	if (r->has_closed && r->closed >= opt->as_of) {
		r->has_closed = 0;
		r->status = STATUS_OPEN;
		r->resolved = TRI_EMPTY;
		r->satisfaction = SAT_NONE;
	}
}

static void
past_due_add(struct past_due *p, const struct row *r)
{
	if (r->created > p->latest)
		p->latest = r->created;
	if (r->has_closed && r->closed > p->latest)
		p->latest = r->closed;
	if (r->status != STATUS_OPEN || !r->has_due)
		return;
	if (r->due < p->latest) {
		p->n++;
		return;
	}
	if (p->npending == p->cap) {
		size_t k = 0;

		for (size_t i = 0; i < p->npending; i++)
			if (p->pending[i] < p->latest)
				p->n++;
			else
				p->pending[k++] = p->pending[i];
		p->npending = k;
		if (k >= p->cap / 2)
			xgrow(&p->pending, &p->cap, k + 1, sizeof(*p->pending));
	}
	p->pending[p->npending++] = r->due;
}

/*
 * The due time and values a checked row that is neither left out nor a
 * duplicate is written with, as it stood at --as-of.
 */
static void
finish_row(struct ingest *g, const struct csv_record *rec, struct row *r)
{
	derive_due(g, rec, r);
	if (g->opt->has_as_of)
		as_it_stood(g->opt, r);
	row_values(g, rec, r);
}

/* Counts a finished row taken into the table: its placeholder dates, and
 * (without --as-of) whether it is open past due. */
static void
count_taken(struct ingest *g, const struct row *r)
{
	g->placeholders += r->placeholders;
	if (!g->opt->has_as_of)
		past_due_add(&g->late, r);
}

/* Says how many open tickets the default leaves out of on_time, and frees p. */
static void
past_due_report(struct past_due *p)
{
	long long n = p->n;
	char when[TIME_TEXT_LEN];

	for (size_t i = 0; i < p->npending; i++)
		n += p->pending[i] < p->latest;
	free(p->pending);
	if (n == 0)
		return;
	time_format(p->latest, when);
	warnx("%lld open %s past due at %.*s, the latest time in the input, and "
	    "not counted as late; --as-of TIME counts %s", n, n == 1 ?
	    "ticket is" : "tickets are", TIME_TEXT_LEN, when, n == 1 ? "it" : "them");
}


static void
open_rejects(struct ingest *g, const struct mapping *m)
{
	out_open_atomic(&g->rejects, g->opt->rejects_path);
	g->has_rejects = 1;
	out_puts(&g->rejects, "file,line,reason");
	if (g->opt->rejects_contract)
		for (int c = 0; c < COL_INPUT_COUNT; c++) {
			out_putc(&g->rejects, ',');
			out_puts(&g->rejects, ticket_columns[c].name);
		}
	else
		for (size_t i = 0; i < m->nheader; i++) {
			out_putc(&g->rejects, ',');
			csv_write_text(&g->rejects, m->header[i], strlen(m->header[i]),
			    g->opt->formula_safe);
		}
	out_putc(&g->rejects, '\n');
}

/*
 * Calls see with each date column's trimmed value, read by its order
 * (no --date-format), of a row whose dates check_row would read.
 */
static void
each_date(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    void (*see)(struct ingest *, int, const struct csv_field *, long))
{
	enum reject_kind kind;
	struct row r;

	if (check_record(g, m, rec, &r, &kind) != 0)
		return;
	for (int c = COL_CREATED; c <= COL_CLOSED; c++)
		if (m->src[c] >= 0 && date_col_of(g, c)->format == NULL)
			see(g, c, &r.t.text[c], rec->line);
}

/*
 * A held row's value: the orders it leaves, and an undecided column's
 * first line.
 */
static void
hold_value(struct ingest *g, int col, const struct csv_field *f, long line)
{
	struct date_col *dc = date_col_of(g, col);
	struct date_value v;
	unsigned can;

	if (is_single(dc->orders) || (can = orders_of(g, f, &v)) == 0 ||
	    v.shape.kind == DATE_SERIAL)
		return;
	if (narrow(dc, can, line, f) == DATE_HOLD && dc->pending == 0) {
		dc->pending = line;
		copy_quote(dc->pending_text, f);
	}
}

/* Keeps a copy of rec until the date orders are decided (held_free frees it). */
static void
hold_row(struct ingest *g, const struct mapping *m, const struct csv_record *rec)
{
	struct held_row *h;
	size_t n = 0;

	each_date(g, m, rec, hold_value);
	xgrow(&g->held, &g->held_cap, g->nheld + 1, sizeof(*g->held));
	h = &g->held[g->nheld++];
	for (size_t i = 0; i < rec->nfields; i++)
		n += rec->field[i].len;
	h->rec = *rec;
	h->text = xmalloc(n + 1);
	h->rec.field = xcalloc(rec->nfields + 1, sizeof(*h->rec.field));
	n = 0;
	for (size_t i = 0; i < rec->nfields; i++) {
		memcpy(h->text + n, rec->field[i].s, rec->field[i].len);
		h->rec.field[i].s = h->text + n;
		h->rec.field[i].len = rec->field[i].len;
		n += rec->field[i].len;
	}
}

static void
held_free(struct ingest *g)
{
	for (size_t i = 0; i < g->nheld; i++) {
		free(g->held[i].text);
		free(g->held[i].rec.field);
	}
	free(g->held);
	g->held = NULL;
	g->nheld = g->held_cap = 0;
}

/* The first column a held row waits for, or NULL. */
static struct date_col *
undecided_col(struct ingest *g, int *col)
{
	for (*col = COL_CREATED; *col <= COL_CLOSED; ++*col) {
		struct date_col *dc = date_col_of(g, *col);

		if (dc->pending > 0 && !is_single(dc->orders))
			return dc;
	}
	return NULL;
}

/* The input ends with rows held: no value decided their order. */
static noreturn void
undecided(struct ingest *g)
{
	int col;
	struct date_col *dc = undecided_col(g, &col);
	char msg[512];

	snprintf(msg, sizeof(msg), "%s:%ld: %s '%s' reads day first (dmy) and month "
	    "first (mdy), and no value in the column decides (a day over 12, or "
	    "a year first); give --date-order dmy or --date-order mdy", g->file,
	    dc->pending, g->map->label[col], dc->pending_text);
	held_free(g);
	die("%s", msg);
}

/* Checks, deduplicates and writes a row, or rejects it: 0, or ROW_HELD. */
static int
take_row(struct ingest *g, const struct mapping *m, int fileno,
    const struct csv_record *rec)
{
	enum reject_kind kind;
	struct row row;
	int st = check_row(g, m, rec, &row, &kind);

	if (st == ROW_HELD)
		return ROW_HELD;
	if (st != 0)
		reject(g, rec, kind);
	else if (after_as_of(g->opt, &row))
		exclude_after_as_of(g);
	else if (is_duplicate(g, m, row.t.text[COL_ID].s, row.t.text[COL_ID].len,
	    fileno, rec->line))
		reject(g, rec, REJ_DUPLICATE);
	else {
		finish_row(g, rec, &row);
		count_taken(g, &row);
		write_row(g, m, rec, &row);
	}
	return 0;
}

/*
 * Takes the next record: held while a held row waits for its order, else
 * taken now; the held rows are taken, in order, once their orders are
 * decided.
 */
static void
next_row(struct ingest *g, const struct mapping *m, int fileno,
    const struct csv_record *rec)
{
	int col;

	if (g->nheld == 0) {
		if (take_row(g, m, fileno, rec) == ROW_HELD)
			hold_row(g, m, rec);
		return;
	}
	hold_row(g, m, rec);
	if (undecided_col(g, &col) != NULL)
		return;
	for (size_t i = 0; i < g->nheld; i++)
		take_row(g, m, fileno, &g->held[i].rec);
	held_free(g);
	for (col = COL_CREATED; col <= COL_CLOSED; col++)
		date_col_of(g, col)->pending = 0;
}

/* ---- rows checked ahead by threads ---------------------------------------- */

/*
 * Unless the rows go to a sink that wants them in order, --jobs threads
 * each cut the next chunk of the input (csv_chunk_next), then read and
 * check it while its bytes are in that core's cache, and the main thread
 * takes the chunks in input order: rejects, duplicate ids and the
 * summary's counts, all as without threads.  Each thread counts the rows
 * that pass its checks into a sink part of its own (rexian's chain into
 * aggregate), and the parts add up exactly at the end of the file; a row
 * the main thread finds a duplicate is taken back.  Where the ticket table
 * is written (standard output, a tee stage's file), each thread writes the
 * lines of the rows that pass into memory, and the main thread writes
 * those of the rows it takes, in order.
 *
 * A chunk is checked with a copy of the date columns' state as it stood
 * when the chunk was cut.  When it is taken and that state has changed
 * since (a column decided, a form first met), or one of its rows would be
 * held or end the tool, its counted rows are taken back and the chunk is
 * taken again row by row as without threads.  So every byte out is the
 * same whatever --jobs is; the threads save time while the state stands
 * still, as it does after a file's first rows.
 */

enum ahead_state { AHEAD_FREE, AHEAD_CHECKING, AHEAD_CHECKED };
enum ahead_verdict { VERDICT_ROW, VERDICT_REJECT, VERDICT_AS_OF };

/*
 * What the check of one record of a chunk found.  Its text is not kept:
 * the record is read again from the chunk where the main thread needs it
 * (a reject, a duplicate), but for the id, which every row needs.
 */
struct ahead_row {
	struct row r;		/* its text as good as gone */
	enum reject_kind kind;
	enum ahead_verdict verdict;	/* a VERDICT_ROW is counted */
	size_t at;		/* where the record begins in the chunk */
	long line;
	size_t text;		/* the row's id, or a reject's reason, in the chunk's text */
	size_t out, outlen;	/* a VERDICT_ROW's line of the ticket table in table */
};

/* A chunk of the input, cut, read and checked, then taken, in turn. */
struct ahead {
	enum ahead_state state;
	size_t seq;			/* its place in the file's chunks */
	struct csv_chunk *chunk;
	struct ingest check;		/* the checks' state: g's when cut */
	struct date_col dates[COL_CLOSED - COL_CREATED + 1];	/* g's, as cut */
	struct ahead_row *row;
	size_t nrow, rowcap;		/* the rows checked (and counted) */
	int retake;			/* a row the checks cannot decide stopped them */
	int failed;			/* the reader failed after the rows */
	struct err err;
	char *text;
	size_t ntext, textcap;
	struct out table;		/* its rows' lines of the ticket table, if written */
	/* what a thread writes for every row of this chunk is not in the
	 * cache line another thread's chunk begins in */
	char apart[64];
};

struct ahead_pool {
	struct ingest *g;
	const struct mapping *m;
	struct csv_chunker *chunker;
	pthread_mutex_t mu;
	pthread_cond_t work;		/* a thread may cut: a slot freed, a cut done */
	pthread_cond_t checked;		/* the main thread may take */
	struct ahead *slot;		/* chunk seq's is slot[seq % nslot] */
	size_t nslot;
	size_t ncut;			/* chunks cut */
	size_t nchecked;		/* chunks checked, not yet taken */
	int cutting;			/* a thread is cutting the next */
	int ended;			/* no chunk is left */
	int read_failed;		/* nor read: read_err says why */
	struct err read_err;
	struct ingest state;		/* g as it was taken last, for the checks */
	pthread_t *thread;
	struct ticket_sink *part;	/* each thread's */
	int nthread, stop;
	pthread_t owner;		/* the main thread, which joins the others */
	void (*died)(void *, int);	/* the at-die hook the pool's replaces */
	void *died_arg;
};

/* Keeps s[0..n) in chunk b's text: where it is kept there. */
static size_t
keep_text(struct ahead *b, const char *s, size_t n)
{
	size_t at = b->ntext;

	xgrow(&b->text, &b->textcap, b->ntext + n + 1, 1);
	memcpy(b->text + at, s, n);
	b->text[at + n] = '\0';
	b->ntext += n + 1;
	return at;
}

/*
 * Checks a record as take_row would up to the duplicate-id check, and
 * sets the values of a row that passes: 0, or -1 when the row must be
 * taken in order (held for a date order, or ending the tool).
 */
static int
check_ahead(struct ingest *c, const struct mapping *m, const struct csv_record *rec,
    struct ahead *b, struct ahead_row *a)
{
	int st = check_row(c, m, rec, &a->r, &a->kind);

	if (c->fatal || st == ROW_HELD)
		return -1;
	if (st != 0) {
		a->verdict = VERDICT_REJECT;
		a->text = keep_text(b, c->reason, strlen(c->reason));
		return 0;
	}
	if (after_as_of(c->opt, &a->r)) {
		a->verdict = VERDICT_AS_OF;
		return 0;
	}
	a->verdict = VERDICT_ROW;
	a->text = keep_text(b, a->r.t.text[COL_ID].s, a->r.t.text[COL_ID].len);
	finish_row(c, rec, &a->r);
	return c->fatal ? -1 : 0;
}

/* The --keep cells of rec, in keep. */
static void
keep_cells(const struct ingest_options *opt, const struct mapping *m,
    const struct csv_record *rec, struct csv_field *keep)
{
	for (int k = 0; k < opt->nkeep; k++)
		keep[k] = rec->field[m->keep_src[k]];
}

/*
 * Reads a chunk's records with reader r, checks them, and counts those
 * that pass into part (if the rows are handed over) and writes their lines
 * of the ticket table into the chunk's (if it is written), up to the first
 * that must be taken in order.
 */
static void
check_chunk(const struct mapping *m, struct ahead *b, struct csv_reader *r,
    struct ticket_sink *part, struct csv_field *keep)
{
	const struct ingest_options *opt = b->check.opt;
	int written = table_text(opt) != NULL;
	struct csv_record rec;
	size_t at;
	int st;

	b->nrow = b->ntext = 0;
	b->table.len = 0;
	b->retake = 0;
	csv_chunk_seek(r, b->chunk, 0, csv_chunk_line(b->chunk));
	while ((st = csv_chunk_read(r, b->chunk, &rec, &at, &b->err)) > 0) {
		struct ahead_row *a;

		xgrow(&b->row, &b->rowcap, b->nrow + 1, sizeof(*b->row));
		a = &b->row[b->nrow];
		a->at = at;
		a->line = rec.line;
		if ((b->retake = check_ahead(&b->check, m, &rec, b, a) != 0))
			break;
		b->nrow++;
		if (a->verdict != VERDICT_ROW)
			continue;
		if (opt->sink != NULL) {
			keep_cells(opt, m, &rec, keep);
			part->row(part->ctx, &a->r.t, keep);
		}
		if (written) {
			a->out = b->table.len;
			format_row(&b->table, opt, m, &rec, &a->r.t);
			a->outlen = b->table.len - a->out;
		}
	}
	b->failed = st < 0;
}

struct ahead_thread {
	struct ahead_pool *p;
	int i;
};

/*
 * Cuts the next chunk into its slot, which must be free, with the
 * checks' state as the main thread last left it, the mutex held but
 * released while reading: 1, or 0 when there was none to cut.
 */
static int
cut_chunk(struct ahead_pool *p, struct ahead *b)
{
	struct err e;
	int k;

	p->cutting = 1;
	b->check = p->state;
	memcpy(b->dates, p->state.dates, sizeof(b->dates));
	pthread_mutex_unlock(&p->mu);
	k = csv_chunk_next(p->chunker, b->chunk, &e);
	pthread_mutex_lock(&p->mu);
	p->cutting = 0;
	if (k <= 0) {
		p->ended = 1;
		if ((p->read_failed = k < 0))
			p->read_err = e;
		pthread_cond_broadcast(&p->work);
		pthread_cond_signal(&p->checked);
		return 0;
	}
	pthread_cond_signal(&p->work);
	b->seq = p->ncut++;
	b->state = AHEAD_CHECKING;
	return 1;
}

/*
 * A thread cuts the next chunk when no other is cutting and its slot is
 * free, and checks it while its bytes are in this core's cache.
 */
static void *
ahead_main(void *arg)
{
	struct ahead_thread *t = arg;
	struct ahead_pool *p = t->p;
	const struct ticket_sink *sink = p->g->opt->sink;
	struct csv_field *keep = xcalloc((size_t)p->g->opt->nkeep + 1, sizeof(*keep));
	struct csv_reader *r = csv_chunk_reader(p->chunker);

	/* first, so that the part is there to close whenever the pool ends */
	if (sink != NULL)
		sink->part_open(sink->ctx, &p->part[t->i]);
	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		struct ahead *b = &p->slot[p->ncut % p->nslot];

		if (p->ended || p->cutting || b->state != AHEAD_FREE) {
			/* no slot is free till the main thread takes */
			if (b->state != AHEAD_FREE)
				pthread_cond_signal(&p->checked);
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		if (!cut_chunk(p, b))
			continue;
		pthread_mutex_unlock(&p->mu);
		check_chunk(p->m, b, r, &p->part[t->i], keep);
		pthread_mutex_lock(&p->mu);
		b->state = AHEAD_CHECKED;
		/* the main thread is woken for chunks enough to take at one go:
		 * a wakeup costs more than taking a chunk */
		if (++p->nchecked >= p->nslot / 2 || p->ended)
			pthread_cond_signal(&p->checked);
	}
	pthread_mutex_unlock(&p->mu);
	csv_close(r);
	free(keep);
	free(t);
	return NULL;
}

/* Reads the record of chunk b where row a begins with reader r. */
static void
read_again(struct csv_reader *r, const struct ahead *b, const struct ahead_row *a,
    struct csv_record *rec)
{
	size_t at;
	struct err e;

	csv_chunk_seek(r, b->chunk, a->at, a->line - 1);
	if (csv_chunk_read(r, b->chunk, rec, &at, &e) != 1)
		die("%s:%ld: a record read once reads otherwise again", csv_name(r),
		    a->line);
}

/* Takes back from the sink row a of chunk b, record rec, which was counted
 * if there is a sink. */
static void
uncount(struct ingest *g, const struct mapping *m, const struct csv_record *rec,
    const struct ahead_row *a)
{
	struct ticket t = a->r.t;

	if (g->opt->sink == NULL)
		return;

	take_text(m, rec, &t);
	keep_cells(g->opt, m, rec, g->keep);
	g->opt->sink->unrow(g->opt->sink->ctx, &t, g->keep);
}

/*
 * Takes a chunk again row by row, as without threads, reading it with
 * reader r; the rows counted before are taken back.
 */
static void
retake_chunk(struct ingest *g, const struct mapping *m, int fileno,
    struct ahead *b, struct csv_reader *r, long long *read)
{
	struct csv_record rec;
	size_t at;
	struct err e;
	int st;

	csv_chunk_seek(r, b->chunk, 0, csv_chunk_line(b->chunk));
	for (size_t i = 0; (st = csv_chunk_read(r, b->chunk, &rec, &at, &e)) > 0; i++) {
		++*read;
		if (i < b->nrow && b->row[i].verdict == VERDICT_ROW)
			uncount(g, m, &rec, &b->row[i]);
		next_row(g, m, fileno, &rec);
	}
	/* a read error ends the file when this chunk is taken */
	if (st < 0 && !csv_chunk_truncated(b->chunk))
		die_err(&e);
}

/*
 * Takes a checked chunk in order, as take_row and next_row would; r reads
 * again the records it needs.
 */
static void
take_chunk(struct ingest *g, const struct mapping *m, int fileno, struct ahead *b,
    struct csv_reader *r, long long *read)
{
	struct out *o = table_text(g->opt);
	struct csv_record rec;

	if (b->retake || g->nheld > 0 || memcmp(b->dates, g->dates, sizeof(g->dates)) != 0) {
		retake_chunk(g, m, fileno, b, r, read);
		return;
	}
	memcpy(g->dates, b->check.dates, sizeof(g->dates));
	for (size_t i = 0; i < b->nrow; i++) {
		struct ahead_row *a = &b->row[i];
		const char *text = b->text + a->text;

		++*read;
		if (a->verdict == VERDICT_REJECT) {
			snprintf(g->reason, sizeof(g->reason), "%s", text);
			read_again(r, b, a, &rec);
			reject(g, &rec, a->kind);
		} else if (a->verdict == VERDICT_AS_OF)
			exclude_after_as_of(g);
		else if (is_duplicate(g, m, text, a->r.t.text[COL_ID].len, fileno,
		    a->line)) {
			read_again(r, b, a, &rec);
			uncount(g, m, &rec, a);
			reject(g, &rec, REJ_DUPLICATE);
		} else {
			if (o != NULL)
				out_write(o, b->table.buf + a->out, a->outlen);
			count_taken(g, &a->r);
		}
	}
	if (b->failed && !csv_chunk_truncated(b->chunk))
		die_err(&b->err);
}

/* Stops the threads once they are idle, joins them and closes their parts. */
static void
pool_end(struct ahead_pool *p)
{
	if (!pthread_equal(pthread_self(), p->owner))
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->nthread; i++)
		pthread_join(p->thread[i], NULL);
	for (int i = 0; i < p->nthread && p->g->opt->sink != NULL; i++)
		p->g->opt->sink->part_close(p->g->opt->sink->ctx, p->part[i].ctx);
	for (size_t i = 0; i < p->nslot; i++) {
		csv_chunk_free(p->slot[i].chunk);
		free(p->slot[i].row);
		free(p->slot[i].text);
		out_close(&p->slot[i].table);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->checked);
	free(p->slot);
	free(p->thread);
	free(p->part);
	csv_chunker_end(p->chunker);
	p->nthread = 0;
}

/* The tool ends while the threads run: they are stopped first. */
static void
pool_died(void *arg, int status)
{
	struct ahead_pool *p = arg;

	pool_end(p);
	if (p->died != NULL)
		p->died(p->died_arg, status);
}

/*
 * Starts opt->jobs threads over p's slots, which own chunker: 0, or -1
 * when no thread starts (the chunker freed; the file is read without them).
 */
static int
pool_start(struct ahead_pool *p, struct ingest *g, const struct mapping *m,
    struct csv_chunker *chunker)
{
	memset(p, 0, sizeof(*p));
	p->g = g;
	p->m = m;
	p->chunker = chunker;
	p->owner = pthread_self();
	p->part = xcalloc((size_t)g->opt->jobs, sizeof(*p->part));
	p->thread = xcalloc((size_t)g->opt->jobs, sizeof(*p->thread));
	p->nslot = 2 * (size_t)g->opt->jobs + 2;
	p->slot = xcalloc(p->nslot, sizeof(*p->slot));
	for (size_t i = 0; i < p->nslot; i++) {
		p->slot[i].chunk = csv_chunk_new();
		out_mem(&p->slot[i].table);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->checked, NULL);
	p->state = *g;
	p->state.ahead = 1;
	for (; p->nthread < g->opt->jobs; p->nthread++) {
		struct ahead_thread *t = xmalloc(sizeof(*t));

		*t = (struct ahead_thread){ p, p->nthread };
		if (pthread_create(&p->thread[p->nthread], NULL, ahead_main, t) != 0) {
			free(t);
			break;
		}
	}
	if (p->nthread < g->opt->jobs) {
		pool_end(p);
		return -1;
	}
	util_at_die_saved(&p->died, &p->died_arg);
	util_at_die(pool_died, p);
	return 0;
}

/*
 * Reads file fileno's first opt->jobs_after bytes in this thread, as
 * without threads, with rec: 1, or 0 when the file ends in them.
 */
static int
read_head(struct ingest *g, const struct mapping *m, int fileno,
    struct input *r, struct csv_record *rec, long long *read)
{
	while (csv_offset(input_csv(r)) < g->opt->jobs_after) {
		if (!input_read(r, rec))
			return 0;
		++*read;
		next_row(g, m, fileno, rec);
	}
	return 1;
}

/*
 * Reads the rest of the file in chunks, which the threads cut and check,
 * and takes their records in order; a reading error ends the tool after
 * the records before it.  0, or -1 when no pool can start and nothing
 * has been read.
 */
static int
ingest_ahead(struct ingest *g, const struct mapping *m, int fileno,
    struct csv_reader *csv, long long *read)
{
	const struct ticket_sink *sink = g->opt->sink;
	struct csv_chunker *chunker;
	struct ahead_pool p;
	struct csv_reader *again;

	/* asked after the header: a sink that failed it wants no parts */
	if ((sink != NULL && !sink->any_order(sink->ctx)) || csv == NULL ||
	    (chunker = csv_chunker_start(csv)) == NULL ||
	    pool_start(&p, g, m, chunker) != 0)
		return -1;
	again = csv_chunk_reader(chunker);
	pthread_mutex_lock(&p.mu);
	for (size_t ntaken = 0;; ntaken++) {
		struct ahead *b = &p.slot[ntaken % p.nslot];

		while (b->state != AHEAD_CHECKED && !(p.ended && ntaken == p.ncut))
			pthread_cond_wait(&p.checked, &p.mu);
		if (b->state != AHEAD_CHECKED)
			break;
		pthread_mutex_unlock(&p.mu);
		take_chunk(g, m, fileno, b, again, read);
		pthread_mutex_lock(&p.mu);
		p.nchecked--;
		p.state = *g;
		p.state.ahead = 1;
		b->state = AHEAD_FREE;
		pthread_cond_signal(&p.work);
	}
	pthread_mutex_unlock(&p.mu);
	if (p.read_failed)
		die_err(&p.read_err);
	util_at_die(p.died, p.died_arg);
	pool_end(&p);
	csv_close(again);
	return 0;
}

static void
ingest_file(struct ingest *g, int fileno, struct mapping *first)
{
	struct input *r = input_open(g->files[fileno], g->opt->encoding, g->opt->sheet);
	struct csv_record rec = { 0 };
	struct mapping m;
	long long read = 0, rejected_before = g->total_rejected;
	int pooled;		/* threads may check its rows: no sink wants them in order */
	int ended;		/* read whole before the threads would start */

	g->file = input_name(r);
	/* a duplicate names where its first was seen, sheet included, after
	 * that file is closed */
	g->names[fileno] = xstrdup(g->file);
	memset(g->count, 0, sizeof(g->count));
	g->excluded = g->after_as_of = 0;
	g->placeholders = 0;
	read_header(g->opt, r, &rec, &m);
	g->enc = input_encoding(r);
	g->map = &m;
	pooled = (g->opt->sink == NULL || g->opt->sink->any_order != NULL) &&
	    g->opt->jobs > 1 && input_csv(r) != NULL;
	dates_begin(g, &m);
	input_set_row_test(r, looks_like_row, &m);
	if (fileno == 0) {
		write_header(g->opt);
		if (g->opt->rejects_path != NULL)
			open_rejects(g, &m);
	} else if (!same_columns(first, &m))
		die("%s:%ld: the header maps to other columns than %s's (see "
		    "--list-columns)", g->file, rec.line, g->names[0]);
	/* a file that ends in its head starts no threads */
	ended = pooled && !read_head(g, &m, fileno, r, &rec, &read);
	if (!ended && (!pooled ||
	    ingest_ahead(g, &m, fileno, input_csv(r), &read) != 0)) {
		/* --jobs N into a sink that wants the rows in order
		 * (--streaming): a second thread splits records while this
		 * one checks, deduplicates and hands them over, in order */
		struct csv_prefetch *ahead = g->opt->jobs > 1 && !pooled ?
		    input_prefetch_start(r) : NULL;

		while (ahead != NULL ? input_prefetch_read(ahead, &rec) :
		    input_read(r, &rec)) {
			read++;
			next_row(g, &m, fileno, &rec);
		}
		csv_prefetch_end(ahead);
	}
	if (g->nheld > 0)
		undecided(g);
	/* where the pipe's next stage has the file's rows: flushed below */
	if (g->opt->sink != NULL)
		g->opt->sink->file_end(g->opt->sink->ctx);
	g->total_read += read;
	g->total_after_as_of += g->after_as_of;
	/* after the output is known written, before the last summary, which
	 * scripts take as the last line */
	if (fileno == g->nfiles - 1) {
		out_flush(&out_stdout);
		past_due_report(&g->late);
	}
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
	struct ingest g = { .opt = opt, .late = { .latest = INT64_MIN } };
	struct mapping first;
	int status = 0;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	g.files = files;
	g.nfiles = nfiles;
	g.names = xcalloc((size_t)nfiles, sizeof(*g.names));
	g.keep = xcalloc((size_t)opt->nkeep + 1, sizeof(*g.keep));
	g.ids = idset_new();
	if (opt->summary_path != NULL) {
		out_open_atomic(&g.summary, opt->summary_path);
		out_puts(&g.summary, "file,item,value\n");
	}
	for (int i = 0; i < nfiles; i++)
		ingest_file(&g, i, &first);
	mapping_free(&first);
	idset_free(g.ids);
	for (int i = 0; i < nfiles; i++)
		free(g.names[i]);
	free(g.names);
	free(g.keep);
	if (g.has_rejects)
		out_commit(&g.rejects);
	if (opt->summary_path != NULL)
		out_commit(&g.summary);
	if (opt->max_rejects_share >= 0 ?
	    g.total_rejected > opt->max_rejects_share *
	    (double)(g.total_read - g.total_after_as_of) :
	    g.total_rejected > opt->max_rejects) {
		warnx("%lld rejected rows are more than --max-rejects allows",
		    g.total_rejected);
		status = 1;
	}
	return status;
}

/*
 * --list-columns: a value, as ingest would read it, without stopping where
 * ingest would: one that contradicts the decided order is kept in the
 * column's mixed.
 */
static void
list_value(struct ingest *g, int col, const struct csv_field *f, long line)
{
	struct date_col *dc = date_col_of(g, col);
	struct date_value v;
	unsigned can, order = DATE_YMD;
	int64_t t;

	if ((can = orders_of(g, f, &v)) == 0)
		return;
	if (v.shape.kind == DATE_SHORT && g->opt->date_order != 0)
		order = g->opt->date_order;
	else if (v.shape.kind != DATE_SERIAL && g->opt->date_order == 0) {
		if (narrow(dc, can, line, f) == DATE_READ && (can & dc->orders) == 0) {
			if (dc->mixed == 0) {
				dc->mixed = line;
				dc->mixed_orders = can;
				copy_quote(dc->mixed_text, f);
			}
			return;
		}
		order = dc->orders;
	}
	if (is_single(order) && date_resolve(&v, order, g->opt->year_pivot, &t) != 0)
		return;
	if (v.shape.kind == DATE_CANONICAL)
		dc->canonical = 1;
	else
		note_form(dc, &v.shape);
}

static void
list_file(const struct ingest_options *opt, const char *path, struct out *o)
{
	struct input *r = input_open(path, opt->encoding, opt->sheet);
	struct csv_record rec;
	struct mapping m;
	struct ingest g = { .opt = opt, .map = &m };
	char desc[512];

	read_header(opt, r, &rec, &m);
	g.file = input_name(r);
	g.enc = input_encoding(r);
	dates_begin(&g, &m);
	input_set_row_test(r, looks_like_row, &m);
	while (m.src[COL_CREATED] >= 0 && input_read(r, &rec))
		each_date(&g, &m, &rec, list_value);
	out_printf(o, "%s:\n", input_name(r));
	for (size_t i = 0; i < m.nheader; i++) {
		const char *to = "(dropped)";
		int col = -1;

		for (int c = 0; c < COL_INPUT_COUNT; c++)
			if (m.src[c] == (int)i)
				to = ticket_columns[col = c].name;
		for (int k = 0; k < opt->nkeep; k++)
			if (m.keep_src[k] == (int)i)
				to = "(kept)";
		out_printf(o, "  %s\t%s", m.header[i], to);
		if (col >= COL_CREATED && col <= COL_CLOSED) {
			describe_dates(&g, date_col_of(&g, col), desc, sizeof(desc));
			out_printf(o, ": %s", desc[0] != '\0' ? desc : "(no dates)");
		}
		out_putc(o, '\n');
	}
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (m.src[c] < 0)
			out_printf(o, "  (none)\t%s\n", ticket_columns[c].name);
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

/* One distinct value for --list-values. */
struct value_count {
	const char *s;
	size_t len;
	long long n;
};

/* Most frequent first, then in byte order: the same input, the same list. */
static int
by_count(const void *a, const void *b)
{
	const struct value_count *x = a, *y = b;
	int c;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Writes what trimmed text f of input column src means to the ticket table. */
static void
put_meaning(struct out *o, const struct ingest_options *opt,
    const struct mapping *m, int src, const struct csv_field *f)
{
	int col = -1, v;

	for (int i = 0; i < opt->nexclude; i++)
		if (m->exclude_src[i] == src && same_value(f, opt->exclude[i].value,
		    strlen(opt->exclude[i].value))) {
			out_printf(o, "excluded (--exclude %s)", opt->exclude[i].text);
			return;
		}
	for (int c = 0; c < COL_INPUT_COUNT; c++)
		if (m->src[c] == src)
			col = c;
	if (col < 0)
		out_puts(o, "(dropped)");
	else if (!ticket_col_is_coded(col))
		out_puts(o, "text");
	else if (recoded(opt, col, f, &v))
		out_printf(o, "%s (--recode)", v < 0 ? "empty" : ticket_value_name(col, v));
	else if (ticket_parse_value(col, f->s, f->len, &v) == 0)
		out_printf(o, "%s%s", v < 0 ? "empty: " : "",
		    v < 0 ? ticket_empty_means(col) : ticket_value_name(col, v));
	else
		out_printf(o, "unknown: rejected; use --recode %s:FROM=VALUE or --exclude",
		    ticket_columns[col].name);
}

void
ingest_list_values(const struct ingest_options *opt, const char *col,
    char **files, int nfiles)
{
	static char *stdin_only[] = { "-" };
	struct hashmap *values = hashmap_new();
	struct value_count *list;
	long long *count = NULL;
	size_t cap = 0, n;
	struct mapping first;
	int src = -1;

	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		struct input *r = input_open(files[i], opt->encoding, opt->sheet);
		struct csv_record rec;
		struct csv_field label;
		struct mapping m;

		read_header(opt, r, &rec, &m);
		src = find_column(&m, col, strlen(col));
		if (src < 0)
			die("%s:%ld: no column '%s' for --list-values", input_name(r),
			    m.line, col);
		while (input_read(r, &rec)) {
			struct csv_field f;
			size_t e;
			int added;

			if (rec.nfields != m.nheader || is_summary(&rec, &label))
				continue;
			f = rec.field[src];
			trim_blanks(&f.s, &f.len);
			e = hashmap_insert(values, f.s, f.len, 0, &added);
			xgrow(&count, &cap, e + 1, sizeof(*count));
			if (added)
				count[e] = 0;
			count[e]++;
		}
		if (i == 0)
			first = m;
		else if (src != find_column(&first, col, strlen(col)))
			die("%s:%ld: '%s' is column %d here, column %d in %s", input_name(r),
			    m.line, col, src + 1, find_column(&first, col, strlen(col)) + 1,
			    files[0]);
		else
			mapping_free(&m);
		input_close(r);
	}
	n = hashmap_count(values);
	list = xcalloc(n + 1, sizeof(*list));
	for (size_t e = 0; e < n; e++) {
		list[e].s = hashmap_key(values, e, &list[e].len);
		list[e].n = count[e];
	}
	qsort(list, n, sizeof(*list), by_count);
	out_puts(&out_stdout, "count\tvalue\tmeans\n");
	for (size_t e = 0; e < n; e++) {
		struct csv_field f = { list[e].s, list[e].len };

		out_printf(&out_stdout, "%lld\t%.*s\t", list[e].n, (int)f.len, f.s);
		put_meaning(&out_stdout, opt, &first, src, &f);
		out_putc(&out_stdout, '\n');
	}
	free(list);
	free(count);
	mapping_free(&first);
	hashmap_free(values);
}
