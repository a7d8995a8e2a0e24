/*
 * aggregate.c: the aggregation engine: ticket-table rows parsed through the ticket
 * table's own spellings, grouped in a hashmap keyed by the --by values
 * (memory by groups, never rows), and count tables merged by adding.
 * The contract is in aggregate.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "counts.h"
#include "csvio.h"
#include "hashmap.h"
#include "keys.h"
#include "ticket.h"
#include "timeutil.h"
#include "util.h"

struct keyspec {
	const char *name;
	enum period_unit unit;	/* PERIOD_NONE: a column's text */
	int col;		/* the input column of a text key */
	int map;		/* its --keys map, or -1 */
	/* a calendar key's last label: tickets in time order share it */
	int has_label;
	int64_t label_day, label_days;
	char label[PERIOD_LABEL_MAX];
	size_t label_len;
};

struct slice {
	const char *s;
	size_t len;
};

struct aggregate {
	const struct aggregate_options *opt;
	struct keyspec *key;
	int nkey;
	int named;		/* position of the named period key, or -1 */
	int has_period;
	struct hashmap *groups;	/* key tuple -> entry number = counts index */
	struct counts *counts;
	size_t countcap;
	struct hashmap *rank;	/* named period -> its place in the order */
	char *keybuf;
	size_t keycap, keylen;
	long long no_date, no_period, filtered;
	int *where_col;		/* the input column of each --where */
	/* merge: the first file's header, which every other must repeat */
	char **header;
	size_t nheader;
	const char *first_file;
	int col[COL_COUNT];	/* ticket columns in the input */
	unsigned cells;		/* the cells a row is read for (TICKET_CELL) */
	/*
	 * The ticket table in memory (aggregate_sink): a file's rows are
	 * counted into file, added in at its end; each row's fields laid out
	 * as the table's header, filled for the columns keys and filters
	 * read.  A header that names no such column keeps its message in
	 * sink_err, and the rows are not counted.
	 */
	struct aggregate *file;
	struct csv_field *sink_field;
	char (*sink_text)[TICKET_CELL_MAX];
	int sink_failed;
	struct err sink_err;
	const char *const *sink_keep;	/* the header's --keep names, for parts */
	int sink_nkeep;
	int in_rollup;		/* merge: the inputs end their keys with rollup */
	/* --rollup: the subtotal rows, as groups and counts are the groups' */
	struct hashmap *rolls;
	struct counts *rollcounts;
	size_t rollcap;
	struct hashmap *rollseen;	/* subtotal + a group's periods: days added */
};

void
aggregate_add_where(struct aggregate_options *opt, const char *arg, int negate)
{
	const char *name = negate ? "--where-not" : "--where";
	const char *eq = strchr(arg, '=');
	struct aggregate_where *w;

	if (eq == NULL || eq == arg)
		die_usage("%s: want COLUMN=VALUE[,VALUE]..., not '%s'", name, arg);
	opt->where = xrealloc(opt->where, ((size_t)opt->nwhere + 1) *
	    sizeof(*opt->where));
	w = &opt->where[opt->nwhere++];
	w->arg = arg;
	w->col = xstrdup(arg);
	w->col[eq - arg] = '\0';
	w->negate = negate;
	w->value = split_list(w->col + (eq - arg) + 1, &w->nvalue);
}

void
aggregate_free_where(struct aggregate_options *opt)
{
	for (int i = 0; i < opt->nwhere; i++) {
		free(opt->where[i].col);
		free(opt->where[i].value);
	}
	free(opt->where);
	opt->where = NULL;
	opt->nwhere = 0;
}

/*
 * --rollup over named periods: the grand total adds the periods' rows,
 * which counts twice a ticket that two overlapping periods hold; refused
 * (exit 2) rather than written as a total.
 */
static void
check_no_overlap(const struct period_list *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		for (size_t j = i + 1; j < pl->n; j++)
			if (pl->start[i] <= pl->end[j] && pl->start[j] <= pl->end[i])
				die_usage("--rollup: periods '%s' and '%s' overlap, so "
				    "their totals would count some tickets twice",
				    pl->name[i], pl->name[j]);
}

/*
 * --keys names groups before counting: on tickets, of a text key that --by
 * names; on count tables, of a key column (checked when the header is
 * read); never on sorted streaming lines, whose order it would break.
 */
static void
check_key_maps(const struct aggregate_options *opt)
{
	for (int i = 0; i < keys_count(opt->keys); i++) {
		const char *col = keys_column(opt->keys, i);
		int by = 0;

		if (opt->merge && opt->streaming)
			die_usage("--keys names groups on the map side: give it to the "
			    "mappers, not to --merge --streaming");
		if (opt->merge)
			continue;
		for (int k = 0; k < opt->nby; k++)
			by |= strcmp(opt->by[k], col) == 0;
		if (!by || period_unit_by_name(col, strlen(col)) != PERIOD_NONE)
			die_usage("--keys %s maps %s, which is not a ticket column in --by",
			    keys_file(opt->keys, i), col);
	}
}

void
aggregate_check_keys(const struct aggregate_options *opt)
{
	int named = 0;

	for (int i = 0; i < opt->nby; i++) {
		if (opt->by[i][0] == '\0')
			die_usage("--by: empty key name");
		for (int j = 0; j < i; j++)
			if (strcmp(opt->by[i], opt->by[j]) == 0)
				die_usage("--by: key '%s' given twice", opt->by[i]);
		if (strcmp(opt->by[i], "period") == 0)
			named++;
	}
	if (named && opt->periods == NULL && !opt->merge)
		die_usage("--by period needs --periods FILE");
	if (opt->merge && opt->nby > 0 && !opt->streaming)
		die_usage("--merge takes its keys from the count tables; drop --by");
	if (opt->merge && opt->nwhere > 0)
		die_usage("--where and --where-not filter tickets, not count tables; "
		    "drop --merge");
	if (opt->rollup && opt->nby == 0 && !opt->merge)
		die_usage("--rollup needs --by: the keys to roll up");
	if (opt->rollup && named && opt->periods != NULL)
		check_no_overlap(opt->periods);
	for (int i = 0; i < opt->nby; i++)
		if (opt->rollup && strcmp(opt->by[i], ROLLUP_COLUMN) == 0)
			die_usage("--by %s: --rollup names its own column %s",
			    ROLLUP_COLUMN, ROLLUP_COLUMN);
	if (opt->streaming && opt->fill)
		die_usage("--fill cannot go with --streaming, where each part sees only "
		    "its own groups: give it to the final --merge");
	check_key_maps(opt);
}

/* Appends one length-prefixed value to the key being built. */
static void
key_add(struct aggregate *a, const char *s, size_t len)
{
	uint32_t n = (uint32_t)len;

	xgrow(&a->keybuf, &a->keycap, a->keylen + 4 + len, 1);
	memcpy(a->keybuf + a->keylen, &n, 4);
	memcpy(a->keybuf + a->keylen + 4, s, len);
	a->keylen += 4 + len;
}

/* Splits a key tuple into its nkey values. */
static void
key_split(const char *k, int nkey, struct slice *out)
{
	for (int i = 0; i < nkey; i++) {
		uint32_t n;

		memcpy(&n, k, 4);
		out[i].s = k + 4;
		out[i].len = n;
		k += 4 + n;
	}
}

static long
rank_of(struct aggregate *a, const char *s, size_t len)
{
	int added;

	return (long)hashmap_insert(a->rank, s, len, 0, &added);
}

/* Appends key k's value s[0..len), as --keys names it. */
static void
key_add_named(struct aggregate *a, int k, const char *s, size_t len)
{
	if (a->key[k].map >= 0)
		s = keys_name(a->opt->keys, a->key[k].map, s, len, &len);
	key_add(a, s, len);
}

/* The counts of the group keyed by the key buffer, created empty if new. */
static struct counts *
group(struct aggregate *a, int64_t days)
{
	int added;
	size_t i = hashmap_insert(a->groups, a->keybuf, a->keylen, 0, &added);

	if (added) {
		xgrow(&a->counts, &a->countcap, i + 1, sizeof(*a->counts));
		counts_zero(&a->counts[i], days);
		if (a->named >= 0) {
			struct slice k[a->nkey];

			key_split(a->keybuf, a->nkey, k);
			rank_of(a, k[a->named].s, k[a->named].len);
		}
	}
	return &a->counts[i];
}

/* A bad cell's message in *e: -1. */
static int
bad_field(struct err *e, const char *file, long line, const char *col,
    const struct csv_field *f)
{
	return err_set(e, "%s:%ld: bad %s '%.*s'", file, line, col,
	    quote_len(f->s, f->len, QUOTE_MAX), f->s);
}

/* The counted values of a row read into tk. */
static void
values_of(const struct ticket *tk, struct ticket_values *t)
{
	const int64_t *v = tk->v;

	t->closed = v[COL_STATUS] == STATUS_CLOSED;
	t->direct = ticket_cell_code(v[COL_DIRECT]);
	t->resolved = ticket_cell_code(v[COL_RESOLVED]);
	t->satisfaction = ticket_cell_code(v[COL_SATISFACTION]);
	t->reasonable = ticket_cell_code(v[COL_REASONABLE]);
	t->on_time = ticket_cell_code(v[COL_ON_TIME]);
	t->has_hours = v[COL_HOURS] != TICKET_EMPTY;
	t->hours = t->has_hours ? v[COL_HOURS] : 0;
	t->workdays = t->has_hours ? v[COL_WORKDAYS] : 0;
}

/*
 * Whether a record repeats the header: concatenated tables (cat a.csv
 * b.csv, a Spark partition of several files) bring their headers along.
 */
static int
repeats_header(const struct csv_record *rec, char *const *header, size_t n)
{
	if (rec->nfields != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (rec->field[i].len != strlen(header[i]) ||
		    memcmp(rec->field[i].s, header[i], rec->field[i].len) != 0)
			return 0;
	return 1;
}

/* A copy of a record's fields; the caller frees it with free_fields. */
static char **
copy_fields(const struct csv_record *rec)
{
	char **v = xcalloc(rec->nfields + 1, sizeof(*v));

	for (size_t i = 0; i < rec->nfields; i++)
		v[i] = xmemdup0(rec->field[i].s, rec->field[i].len);
	return v;
}

static void
free_fields(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Finds the ticket columns, the --by columns and the --where columns in
 * header h: 0, or -1 and a FILE:LINE message in *e.
 */
static int
map_ticket_header(struct aggregate *a, const char *file, const struct csv_record *h,
    struct err *e)
{
	int missing;

	if (ticket_read_header(h, a->col, &missing) != 0)
		return err_set(e, "%s:%ld: not a ticket table: no column '%s' (make "
		    "one with rexian-ingest)", file, h->line,
		    ticket_columns[missing].name);
	for (int k = 0; k < a->nkey; k++) {
		if (a->key[k].unit != PERIOD_NONE)
			continue;
		if ((a->key[k].col = ticket_field_index(h, a->key[k].name)) < 0)
			return err_set(e, "%s:%ld: --by %s: no such column", file,
			    h->line, a->key[k].name);
	}
	for (int i = 0; i < a->opt->nwhere; i++) {
		const struct aggregate_where *w = &a->opt->where[i];

		if ((a->where_col[i] = ticket_field_index(h, w->col)) < 0)
			return err_set(e, "%s:%ld: %s %s: no such column", file,
			    h->line, w->negate ? "--where-not" : "--where", w->col);
	}
	return 0;
}

/* Whether a ticket passes every --where and --where-not. */
static int
wanted(const struct aggregate *a, const struct csv_field *f)
{
	for (int i = 0; i < a->opt->nwhere; i++) {
		const struct aggregate_where *w = &a->opt->where[i];
		const struct csv_field *v = &f[a->where_col[i]];
		int listed = 0;

		for (int j = 0; j < w->nvalue && !listed; j++)
			listed = strlen(w->value[j]) == v->len &&
			    memcmp(w->value[j], v->s, v->len) == 0;
		if (listed == w->negate)
			return 0;
	}
	return 1;
}

/*
 * Builds the key of one ticket for one named period (or none) and counts
 * it n times (-1: takes it back).
 */
static void
count_ticket(struct aggregate *a, const struct csv_field *f, int64_t day, long named,
    const struct ticket_values *t, int n)
{
	int64_t days = -1;

	a->keylen = 0;
	for (int k = 0; k < a->nkey; k++) {
		struct keyspec *ks = &a->key[k];
		int64_t d;

		if (ks->unit == PERIOD_NONE) {
			key_add_named(a, k, f[ks->col].s, f[ks->col].len);
			continue;
		}
		if (ks->unit == PERIOD_NAMED) {
			const struct period_list *pl = a->opt->periods;

			key_add(a, pl->name[named], strlen(pl->name[named]));
			d = pl->end[named] - pl->start[named] + 1;
		} else {
			if (!ks->has_label || ks->label_day != day) {
				ks->label_len = period_label(ks->unit, day, ks->label,
				    &ks->label_days);
				ks->label_day = day;
				ks->has_label = 1;
			}
			key_add(a, ks->label, ks->label_len);
			d = ks->label_days;
		}
		if (days < 0 || d < days)
			days = d;
	}
	counts_add_ticket(group(a, days), t, n);
}

/*
 * Counts a ticket whose cells a->cells are read into tk, f its fields, n
 * times: 1, or -1 to take back one counted.
 */
static void
take_ticket(struct aggregate *a, const struct csv_field *f, const struct ticket *tk,
    int n)
{
	struct ticket_values t;
	int64_t day = 0;

	values_of(tk, &t);
	if (!wanted(a, f)) {
		a->filtered += n;
		return;
	}
	if (a->has_period) {
		int64_t when = tk->v[a->opt->date_closed ? COL_CLOSED : COL_CREATED];

		if (when == TICKET_EMPTY) {
			a->no_date += n;
			return;
		}
		day = day_of_time(when);
	}
	if (a->named < 0) {
		count_ticket(a, f, day, -1, &t, n);
		return;
	}
	const struct period_list *pl = a->opt->periods;
	int placed = 0;

	for (size_t i = 0; i < pl->n; i++)
		if (day >= pl->start[i] && day <= pl->end[i]) {
			count_ticket(a, f, day, (long)i, &t, n);
			placed = 1;
		}
	a->no_period += n * !placed;
}

/*
 * Reads the cells a->cells of row rec of a ticket table with nheader
 * columns into tk: 0, or -1 and a FILE:LINE message in *e.
 */
static int
read_ticket_row(struct aggregate *a, const char *file, const struct csv_record *rec,
    size_t nheader, struct ticket *tk, struct err *e)
{
	int bad;

	if (rec->nfields != nheader)
		return err_set(e, "%s:%ld: wrong field count: %zu, expected %zu",
		    file, rec->line, rec->nfields, nheader);
	if (rec->bad_encoding)
		return err_set(e, "%s:%ld: invalid UTF-8 byte sequence", file, rec->line);
	if (ticket_read(tk, a->col, rec->field, a->cells, &bad) != 0)
		return bad_field(e, file, rec->line, ticket_columns[bad].name,
		    &rec->field[a->col[bad]]);
	if ((tk->v[COL_WORKDAYS] != TICKET_EMPTY) != (tk->v[COL_HOURS] != TICKET_EMPTY))
		return err_set(e, "%s:%ld: hours and workdays must both be set or "
		    "both empty", file, rec->line);
	return 0;
}

static void
read_tickets(struct aggregate *a, const char *path)
{
	struct csv_reader *r;
	const char *file;
	struct csv_record rec;
	size_t nheader;
	char **header;
	struct err e;
	int st;

	or_die(csv_open(path, CSV_UTF8, &r, &e), &e);
	file = csv_name(r);
	or_die(csv_read_header(r, &rec, &e), &e);
	or_die(map_ticket_header(a, file, &rec, &e), &e);
	nheader = rec.nfields;
	header = copy_fields(&rec);
	/* a bad row frees the header before the message ends the tool */
	while ((st = csv_read(r, &rec, &e)) > 0) {
		struct ticket tk;

		if (repeats_header(&rec, header, nheader))
			continue;
		if ((st = read_ticket_row(a, file, &rec, nheader, &tk, &e)) != 0)
			break;
		take_ticket(a, rec.field, &tk, 1);
	}
	free_fields(header, nheader);
	csv_close(r);
	or_die(st, &e);
}

/*
 * A rollup cell: how many keys its row rolls up, from 0 (a group) to all
 * of them; anything else is FILE:LINE and exit 1.
 */
static int
rolled_keys(const struct aggregate *a, const struct csv_field *f, const char *file,
    long line)
{
	if (f->len == 1 && f->s[0] >= '0' && f->s[0] - '0' <= a->nkey)
		return f->s[0] - '0';
	if (f->len == 2 && f->s[0] >= '1' && f->s[0] <= '9' && f->s[1] >= '0' &&
	    f->s[1] <= '9' && (f->s[0] - '0') * 10 + f->s[1] - '0' <= a->nkey)
		return (f->s[0] - '0') * 10 + f->s[1] - '0';
	die("%s:%ld: bad %s '%.*s': want how many of the %d keys the row rolls up",
	    file, line, ROLLUP_COLUMN, quote_len(f->s, f->len, QUOTE_MAX), f->s, a->nkey);
}

/* --fill of count tables: calendar keys must be labels it can step through. */
static void
check_labels(const struct aggregate *a, const struct csv_field *f, const char *file,
    long line)
{
	int64_t day;

	for (int k = 0; k < a->nkey; k++)
		if (a->key[k].unit != PERIOD_NONE && a->key[k].unit != PERIOD_NAMED &&
		    period_parse_label(a->key[k].unit, f[k].s, f[k].len, &day) != 0)
			die("%s:%ld: bad %s '%.*s': --fill steps through the labels "
			    "rexian-aggregate writes", file, line, a->key[k].name,
			    quote_len(f[k].s, f[k].len, QUOTE_MAX), f[k].s);
}

static void
read_counts(struct aggregate *a, const char *path)
{
	struct csv_reader *r;
	const char *file;
	struct csv_record rec;
	int t;
	struct err e;

	or_die(csv_open(path, CSV_UTF8, &r, &e), &e);
	file = csv_name(r);
	or_die(csv_read_header(r, &rec, &e), &e);
	t = or_die(counts_check_header(file, &rec, &e), &e);
	if (a->header == NULL) {
		a->first_file = name_of_input(path);
		a->nheader = rec.nfields;
		a->header = copy_fields(&rec);
		a->in_rollup = t > 0 && strcmp(a->header[t - 1], ROLLUP_COLUMN) == 0;
		a->nkey = t - a->in_rollup;
		a->key = xcalloc((size_t)t + 1, sizeof(*a->key));
		for (int k = 0; k < a->nkey; k++) {
			a->key[k].name = a->header[k];
			a->key[k].unit = period_unit_by_name(a->header[k], strlen(a->header[k]));
			if (a->key[k].unit == PERIOD_NAMED)
				a->named = k;
			a->key[k].map = keys_find(a->opt->keys, a->header[k],
			    strlen(a->header[k]));
			if (a->key[k].map >= 0 && a->key[k].unit != PERIOD_NONE)
				die("%s:1: --keys %s maps %s, a period: periods are not "
				    "renamed", file, keys_file(a->opt->keys, a->key[k].map),
				    a->header[k]);
		}
		for (int i = 0; i < keys_count(a->opt->keys); i++) {
			int k = 0;

			while (k < t && a->key[k].map != i)
				k++;
			if (k == t)
				die("%s:1: no key column %s, which --keys %s maps", file,
				    keys_column(a->opt->keys, i), keys_file(a->opt->keys, i));
		}
	} else {
		int same = rec.nfields == a->nheader;

		for (size_t i = 0; same && i < rec.nfields; i++)
			same = rec.field[i].len == strlen(a->header[i]) &&
			    memcmp(rec.field[i].s, a->header[i], rec.field[i].len) == 0;
		if (!same)
			die("%s:%ld: header differs from %s's: count tables merge only "
			    "with the same keys", file, rec.line, a->first_file);
	}
	while (or_die(csv_read(r, &rec, &e), &e)) {
		struct counts c;
		char why[256];
		int bad;

		if (repeats_header(&rec, a->header, a->nheader))
			continue;
		if (rec.nfields != a->nheader)
			die("%s:%ld: wrong field count: %zu, expected %zu", file,
			    rec.line, rec.nfields, a->nheader);
		if (counts_parse(rec.field + t, &c, &bad) != 0)
			or_die(bad_field(&e, file, rec.line, count_columns[bad].name,
			    &rec.field[t + bad]), &e);
		if (counts_contradiction(NULL, &c, why, sizeof(why)) != 0)
			die("%s:%ld: counts contradict each other: %s", file, rec.line, why);
		if (a->in_rollup && rolled_keys(a, &rec.field[a->nkey], file, rec.line) > 0)
			continue;	/* a subtotal: rolled up again from the groups */
		if (a->opt->fill)
			check_labels(a, rec.field, file, rec.line);
		a->keylen = 0;
		for (int k = 0; k < a->nkey; k++)
			key_add_named(a, k, rec.field[k].s, rec.field[k].len);
		struct counts *g = group(a, c.v[CNT_DAYS]);

		if (counts_merge(g, &c) != 0)
			die("%s:%ld: days %lld differ from %lld in an earlier row with "
			    "the same keys", file, rec.line, (long long)c.v[CNT_DAYS],
			    (long long)g->v[CNT_DAYS]);
	}
	csv_close(r);
}

/* Subtuple of a key: the values at the period positions, or at the others. */
static void
subkey(struct aggregate *a, const struct slice *k, int periods)
{
	a->keylen = 0;
	for (int i = 0; i < a->nkey; i++)
		if ((a->key[i].unit != PERIOD_NONE) == periods)
			key_add(a, k[i].s, k[i].len);
}

enum { FILL_MAX = 1000000 };

/*
 * With calendar period keys only, adds to ps every period of the finest
 * from the first one seen to the last, a month without any ticket
 * included, each with the labels of the coarser keys at its start.
 * Returns 0, or -1 with named periods (only those seen then).
 */
static int
fill_calendar(struct aggregate *a, struct hashmap *ps)
{
	size_t n = hashmap_count(a->groups);
	struct slice k[a->nkey + 1];
	int64_t first = INT64_MAX, last = INT64_MIN, day, days;
	/* the fewest days a period of each calendar unit spans */
	static const int shortest[PERIOD_YEAR + 1] = { 1, 7, 28, 90, 365 };
	char label[PERIOD_LABEL_MAX];
	int finest = -1, added;

	for (int i = 0; i < a->nkey; i++) {
		if (a->key[i].unit == PERIOD_NAMED)
			return -1;
		if (a->key[i].unit != PERIOD_NONE &&
		    (finest < 0 || a->key[i].unit < a->key[finest].unit))
			finest = i;
	}
	if (finest < 0 || n == 0)
		return -1;
	for (size_t g = 0; g < n; g++) {
		size_t len;

		key_split(hashmap_key(a->groups, g, &len), a->nkey, k);
		/* checked as the groups were read */
		period_parse_label(a->key[finest].unit, k[finest].s, k[finest].len, &day);
		first = day < first ? day : first;
		last = day > last ? day : last;
	}
	if ((last - first) / shortest[a->key[finest].unit] >= FILL_MAX) {
		char to[PERIOD_LABEL_MAX];

		die("--fill: more than %d %s periods from %.*s to %.*s: check the "
		    "dates", FILL_MAX, a->key[finest].name, (int)period_label(
		    a->key[finest].unit, first, label, &days), label, (int)period_label(
		    a->key[finest].unit, last, to, &days), to);
	}
	for (day = first; day <= last; day += days) {
		int64_t least = -1, d;

		a->keylen = 0;
		for (int i = 0; i < a->nkey; i++) {
			if (a->key[i].unit == PERIOD_NONE)
				continue;
			key_add(a, label, period_label(a->key[i].unit, day, label, &d));
			least = least < 0 || d < least ? d : least;
		}
		hashmap_insert(ps, a->keybuf, a->keylen, (uint64_t)least, &added);
		period_label(a->key[finest].unit, day, label, &days);
	}
	return 0;
}

/*
 * --fill: adds an empty group for every period x other-keys combination:
 * the calendar periods between the first and the last, or the named
 * periods seen.
 */
static void
fill_groups(struct aggregate *a)
{
	struct hashmap *ps = hashmap_new(), *os = hashmap_new();
	size_t n = hashmap_count(a->groups);
	struct slice k[a->nkey + 1], pk[a->nkey + 1], ok[a->nkey + 1];
	int added, calendar = fill_calendar(a, ps) == 0, nperiod = 0;

	for (int i = 0; i < a->nkey; i++)
		nperiod += a->key[i].unit != PERIOD_NONE;
	for (size_t g = 0; g < n; g++) {
		size_t len;

		key_split(hashmap_key(a->groups, g, &len), a->nkey, k);
		if (!calendar) {
			subkey(a, k, 1);
			hashmap_insert(ps, a->keybuf, a->keylen,
			    (uint64_t)a->counts[g].v[CNT_DAYS], &added);
		}
		subkey(a, k, 0);
		hashmap_insert(os, a->keybuf, a->keylen, 0, &added);
	}
	for (size_t p = 0; p < hashmap_count(ps); p++)
		for (size_t o = 0; o < hashmap_count(os); o++) {
			size_t len, np = 0, no = 0;

			/* the keys of ps hold the periods, those of os the rest */
			key_split(hashmap_key(ps, p, &len), nperiod, pk);
			key_split(hashmap_key(os, o, &len), a->nkey - nperiod, ok);
			a->keylen = 0;
			for (int i = 0; i < a->nkey; i++) {
				const struct slice *s = a->key[i].unit != PERIOD_NONE ?
				    &pk[np++] : &ok[no++];

				key_add(a, s->s, s->len);
			}
			group(a, (int64_t)hashmap_value(ps, p));
		}
	hashmap_free(ps);
	hashmap_free(os);
}

/*
 * --rollup: adds every group to its subtotals, level L rolling up the last
 * L keys (the key of a subtotal: L, then the other keys).  A subtotal that
 * rolls up a calendar key spans the days of its groups' distinct periods,
 * which never overlap; one that rolls up named periods, which may, spans
 * none (-1); any other spans its groups' days, which it shares.
 */
static void
roll_up(struct aggregate *a)
{
	size_t n = hashmap_count(a->groups);
	struct slice k[a->nkey + 1];
	int added;

	a->rolls = hashmap_new();
	a->rollseen = hashmap_new();
	for (size_t g = 0; g < n; g++) {
		const struct counts *c = &a->counts[g];
		size_t len;

		key_split(hashmap_key(a->groups, g, &len), a->nkey, k);
		for (uint32_t level = 1; level <= (uint32_t)a->nkey; level++) {
			int keep = a->nkey - (int)level, calendar = 0, named = 0;
			struct counts *r;
			size_t i;

			for (int j = keep; j < a->nkey; j++) {
				named |= a->key[j].unit == PERIOD_NAMED;
				calendar |= a->key[j].unit != PERIOD_NONE;
			}
			a->keylen = 0;
			key_add(a, (const char *)&level, sizeof(level));
			for (int j = 0; j < keep; j++)
				key_add(a, k[j].s, k[j].len);
			i = hashmap_insert(a->rolls, a->keybuf, a->keylen, 0, &added);
			if (added) {
				xgrow(&a->rollcounts, &a->rollcap, i + 1, sizeof(*a->rollcounts));
				counts_zero(&a->rollcounts[i], named ? -1 : calendar ? 0 :
				    c->v[CNT_DAYS]);
			}
			r = &a->rollcounts[i];
			counts_add(r, c);
			if (!calendar || named || c->v[CNT_DAYS] < 0)
				continue;
			a->keylen = 0;
			key_add(a, (const char *)&i, sizeof(i));
			for (int j = 0; j < a->nkey; j++)
				if (a->key[j].unit != PERIOD_NONE)
					key_add(a, k[j].s, k[j].len);
			hashmap_insert(a->rollseen, a->keybuf, a->keylen, 0, &added);
			if (added)
				r->v[CNT_DAYS] += c->v[CNT_DAYS];
		}
	}
}

/* A row of the table: a group (level 0) or a subtotal rolling up level keys. */
struct table_row {
	struct slice *key;	/* nkey, the rolled ones unused */
	int level;
	long rank;		/* the named period's place */
	const struct counts *c;
};

static int
compare_rows(const void *x, const void *y, void *arg)
{
	const struct aggregate *a = arg;
	const struct table_row *p = x, *q = y;

	for (int k = 0; k < a->nkey; k++) {
		const struct slice *s = &p->key[k], *t = &q->key[k];
		int rp = k >= a->nkey - p->level, rq = k >= a->nkey - q->level, d;

		/* a subtotal follows the groups it adds up */
		if (rp || rq)
			return rp - rq;
		if (k == a->named) {
			if (p->rank != q->rank)
				return p->rank < q->rank ? -1 : 1;
			continue;
		}
		d = memcmp(s->s, t->s, s->len < t->len ? s->len : t->len);
		if (d != 0)
			return d;
		if (s->len != t->len)
			return s->len < t->len ? -1 : 1;
	}
	return 0;
}

/* Writes the key columns' names, rollup's with --rollup. */
static void
write_key_header(struct out *o, char *const *name, int n, int rollup)
{
	for (int k = 0; k < n; k++) {
		csv_write_field(o, name[k], strlen(name[k]));
		out_putc(o, ',');
	}
	if (rollup)
		out_puts(o, ROLLUP_COLUMN ",");
}

static void
write_table(struct aggregate *a)
{
	size_t ng = hashmap_count(a->groups);
	size_t nr = a->rolls != NULL ? hashmap_count(a->rolls) : 0, n = ng + nr;
	struct slice *keys = xcalloc(n * (size_t)a->nkey + 1, sizeof(*keys));
	struct table_row *row = xcalloc(n + 1, sizeof(*row));
	char **names = xcalloc((size_t)a->nkey + 1, sizeof(*names));
	struct out *o = &out_stdout;

	for (size_t i = 0; i < n; i++) {
		struct table_row *w = &row[i];
		size_t len;

		w->key = &keys[i * (size_t)a->nkey];
		if (i < ng) {
			key_split(hashmap_key(a->groups, i, &len), a->nkey, w->key);
			w->c = &a->counts[i];
		} else {
			const char *k = hashmap_key(a->rolls, i - ng, &len);
			uint32_t level;

			memcpy(&level, k + 4, sizeof(level));
			w->level = (int)level;
			key_split(k + 4 + sizeof(level), a->nkey - w->level, w->key);
			w->c = &a->rollcounts[i - ng];
		}
		if (a->named >= 0 && a->named < a->nkey - w->level)
			w->rank = rank_of(a, w->key[a->named].s, w->key[a->named].len);
	}
	qsort_r(row, n, sizeof(*row), compare_rows, a);
	for (int k = 0; k < a->nkey; k++)
		names[k] = (char *)a->key[k].name;
	write_key_header(o, names, a->nkey, a->rolls != NULL);
	counts_write_header(o);
	out_putc(o, '\n');
	for (size_t i = 0; i < n; i++) {
		const struct table_row *w = &row[i];

		for (int k = 0; k < a->nkey; k++) {
			if (k >= a->nkey - w->level)
				out_puts(o, ROLLUP_ALL);
			else
				csv_write_text(o, w->key[k].s, w->key[k].len,
				    a->opt->formula_safe);
			out_putc(o, ',');
		}
		if (a->rolls != NULL)
			out_printf(o, "%d,", w->level);
		counts_write(o, w->c);
		out_putc(o, '\n');
	}
	free(names);
	free(row);
	free(keys);
}

/* Says what the filters left out, quoting them, as the rejects summary does. */
static void
report_filtered(const struct aggregate_options *opt, long long n)
{
	size_t len = 0, cap = 0;
	char *text = NULL;

	for (int i = 0; i < opt->nwhere; i++) {
		const struct aggregate_where *w = &opt->where[i];
		size_t need = strlen(w->arg) + 16;

		xgrow(&text, &cap, len + need, 1);
		len += (size_t)snprintf(text + len, cap - len, " %s %s",
		    w->negate ? "--where-not" : "--where", w->arg);
	}
	warnx("%lld %s left out by%s", n, n == 1 ? "ticket" : "tickets", text);
	free(text);
}

/*
 * --streaming, the map side: one line per group, no header, the keys as
 * the count table writes them, a tab, then the counts.  Hadoop Streaming
 * takes what comes before the first tab as the key it sorts and
 * partitions on, so a key must not hold a tab or a line end; any control
 * character is refused, which also keeps LC_ALL=C sort's order of whole
 * lines the same as the order of keys.
 */
static void
write_stream_lines(struct aggregate *a)
{
	size_t n = hashmap_count(a->groups);
	struct slice k[a->nkey + 1];
	struct out *o = &out_stdout;

	for (size_t g = 0; g < n; g++) {
		size_t len;

		key_split(hashmap_key(a->groups, g, &len), a->nkey, k);
		for (int i = 0; i < a->nkey; i++) {
			for (size_t j = 0; j < k[i].len; j++)
				if ((unsigned char)k[i].s[j] < 0x20)
					die("--streaming: %s '%.*s' holds a tab, line end or "
					    "other control character, which a streaming line "
					    "cannot carry", a->key[i].name,
					    quote_len(k[i].s, k[i].len, QUOTE_MAX), k[i].s);
			if (i > 0)
				out_putc(o, ',');
			csv_write_field(o, k[i].s, k[i].len);
		}
		out_putc(o, '\t');
		counts_write(o, &a->counts[g]);
		out_putc(o, '\n');
	}
}

/* The reduce side's state: the group being added up, and where it began. */
struct reduce {
	const struct aggregate_options *opt;
	char *key;		/* the current group's key text */
	size_t keylen, keycap;
	int has_key;
	struct counts sum;
};

/* Checks that a key text holds the --by keys' number of CSV fields. */
static void
check_key_fields(const struct aggregate_options *opt, const char *file, long line,
    const char *key, size_t len)
{
	struct csv_reader *r;
	struct csv_record rec;
	size_t n = 0;
	struct err e;

	if (len == 0)
		n = opt->nby > 0;
	else {
		r = csv_open_mem(file, key, len, CSV_UTF8);
		if (or_die(csv_read(r, &rec, &e), &e)) {
			n = rec.nfields;
			if (rec.bad_encoding)
				die("%s:%ld: invalid UTF-8 byte sequence", file, line);
			if (or_die(csv_read(r, &rec, &e), &e))
				n = 0;
		}
		csv_close(r);
	}
	if (n != (size_t)opt->nby)
		die("%s:%ld: the key '%.*s' is not %d field%s, as --by names", file,
		    line, quote_len(key, len, QUOTE_MAX), key, opt->nby, opt->nby == 1 ? "" : "s");
}

static void
reduce_flush(struct reduce *rd)
{
	struct out *o = &out_stdout;

	if (!rd->has_key)
		return;
	out_write(o, rd->key, rd->keylen);
	if (rd->opt->nby > 0)
		out_putc(o, ',');
	if (rd->opt->rollup)
		out_puts(o, "0,");	/* the final --merge adds the subtotals */
	counts_write(o, &rd->sum);
	out_putc(o, '\n');
}

/*
 * One line of the reduce side: a key equal to the current one adds to its
 * sum; a greater one ends the group; a smaller one means the input is not
 * sorted, and adding on would split a group in two.
 */
static void
reduce_line(struct reduce *rd, const char *file, long line, char *s, size_t len)
{
	char *tab = memchr(s, '\t', len);
	struct csv_field f[CNT_COUNT];
	struct counts c;
	size_t keylen, nf = 0;
	int bad, cmp = 1;

	if (tab == NULL)
		die("%s:%ld: no tab: not a streaming line (the map side needs "
		    "rexian-aggregate --streaming)", file, line);
	keylen = (size_t)(tab - s);
	for (const char *p = tab + 1, *end = s + len;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));

		if (nf == CNT_COUNT)
			die("%s:%ld: more than the %d count columns after the tab",
			    file, line, CNT_COUNT);
		f[nf].s = p;
		f[nf].len = (size_t)((comma ? comma : end) - p);
		nf++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (nf != CNT_COUNT)
		die("%s:%ld: %zu count columns after the tab, expected %d", file,
		    line, nf, CNT_COUNT);
	if (counts_parse(f, &c, &bad) != 0) {
		struct err e;

		or_die(bad_field(&e, file, line, count_columns[bad].name, &f[bad]), &e);
	}
	if (rd->has_key) {
		size_t m = keylen < rd->keylen ? keylen : rd->keylen;

		cmp = memcmp(s, rd->key, m);
		if (cmp == 0)
			cmp = (keylen > rd->keylen) - (keylen < rd->keylen);
	}
	if (cmp < 0)
		die("%s:%ld: key '%.*s' sorts before '%.*s', the key of the line "
		    "before: the input is not sorted by key (sort it with LC_ALL=C "
		    "sort, as Hadoop does)", file, line,
		    quote_len(s, keylen, QUOTE_MAX), s,
		    quote_len(rd->key, rd->keylen, QUOTE_MAX), rd->key);
	if (cmp > 0) {
		reduce_flush(rd);
		check_key_fields(rd->opt, file, line, s, keylen);
		xgrow(&rd->key, &rd->keycap, keylen + 1, 1);
		memcpy(rd->key, s, keylen);
		rd->keylen = keylen;
		rd->has_key = 1;
		counts_zero(&rd->sum, c.v[CNT_DAYS]);
	}
	if (counts_merge(&rd->sum, &c) != 0)
		die("%s:%ld: days %lld differ from %lld in an earlier line with the "
		    "same key", file, line, (long long)c.v[CNT_DAYS],
		    (long long)rd->sum.v[CNT_DAYS]);
}

/*
 * --merge --streaming, the reduce side: lines sorted by key, from any
 * number of mappers, added up group by group in constant memory into a
 * count table.  The files are read as one stream, in order.
 */
static int
reduce_streaming(const struct aggregate_options *opt, char **files, int nfiles)
{
	struct reduce rd = { .opt = opt };
	struct out *o = &out_stdout;
	char *buf = NULL;
	size_t cap = 0;

	write_key_header(o, opt->by, opt->nby, opt->rollup);
	counts_write_header(o);
	out_putc(o, '\n');
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *path = nfiles ? files[i] : "-";
		int stdin_ = strcmp(path, "-") == 0;
		FILE *fp = stdin_ ? stdin : fopen(path, "r");
		ssize_t len;
		long line = 0;

		if (fp == NULL)
			die_errno("%s", path);
		while ((len = getline(&buf, &cap, fp)) >= 0) {
			line++;
			if (len > 0 && buf[len - 1] == '\n')
				len--;
			if (len > 0 && buf[len - 1] == '\r')
				len--;
			reduce_line(&rd, path, line, buf, (size_t)len);
		}
		if (ferror(fp))
			die_errno("%s", path);
		if (!stdin_)
			fclose(fp);
	}
	reduce_flush(&rd);
	free(buf);
	free(rd.key);
	return 0;
}

struct aggregate *
aggregate_open(const struct aggregate_options *opt)
{
	struct aggregate *a = xcalloc(1, sizeof(*a));

	a->opt = opt;
	a->named = -1;
	a->groups = hashmap_new();
	a->rank = hashmap_new();
	a->where_col = xcalloc((size_t)opt->nwhere + 1, sizeof(*a->where_col));
	a->cells = TICKET_CELL(COL_STATUS) | TICKET_CELL(COL_DIRECT) |
	    TICKET_CELL(COL_RESOLVED) | TICKET_CELL(COL_SATISFACTION) |
	    TICKET_CELL(COL_REASONABLE) | TICKET_CELL(COL_ON_TIME) |
	    TICKET_CELL(COL_HOURS) | TICKET_CELL(COL_WORKDAYS);
	if (opt->periods != NULL)
		for (size_t i = 0; i < opt->periods->n; i++)
			rank_of(a, opt->periods->name[i], strlen(opt->periods->name[i]));
	if (opt->merge)
		return a;
	a->nkey = opt->nby;
	a->key = xcalloc((size_t)opt->nby + 1, sizeof(*a->key));
	for (int k = 0; k < opt->nby; k++) {
		a->key[k].name = opt->by[k];
		a->key[k].unit = period_unit_by_name(opt->by[k], strlen(opt->by[k]));
		a->key[k].map = keys_find(opt->keys, opt->by[k], strlen(opt->by[k]));
		if (a->key[k].unit == PERIOD_NAMED)
			a->named = k;
		if (a->key[k].unit != PERIOD_NONE) {
			a->has_period = 1;
			a->cells |= TICKET_CELL(opt->date_closed ? COL_CLOSED : COL_CREATED);
		}
	}
	if (a->nkey == 0) {
		/* no keys: one row of totals, even over no tickets */
		a->keylen = 0;
		group(a, -1);
	}
	return a;
}

void
aggregate_read(struct aggregate *a, const char *path)
{
	if (a->opt->merge)
		read_counts(a, path);
	else
		read_tickets(a, path);
}

/*
 * The sink's header: the table's columns, then --keep's.  Read as a ticket
 * table's header read from standard input would be, and failing as it
 * would, but only when the table ends: rexian-ingest's side runs on.
 */
static void
sink_header(void *ctx, const char *const *keep, int nkeep)
{
	struct aggregate *a = ctx;
	struct csv_record h = { .line = 1 };
	int n = COL_COUNT + nkeep;

	h.field = xcalloc((size_t)n, sizeof(*h.field));
	h.nfields = (size_t)n;
	for (int c = 0; c < n; c++) {
		const char *name = c < COL_COUNT ? ticket_columns[c].name :
		    keep[c - COL_COUNT];

		h.field[c].s = name;
		h.field[c].len = strlen(name);
	}
	a->file = aggregate_open(a->opt);
	a->sink_keep = keep;
	a->sink_nkeep = nkeep;
	a->sink_failed = map_ticket_header(a->file, name_of_input(NULL), &h,
	    &a->sink_err) != 0;
	free(h.field);
	a->sink_field = xcalloc((size_t)n, sizeof(*a->sink_field));
	a->sink_text = xcalloc(COL_COUNT, sizeof(*a->sink_text));
}

/* Sets field c of a sink row, for a column a key or filter reads. */
static void
sink_cell(struct aggregate *a, int c, const struct ticket *t,
    const struct csv_field *keep)
{
	if (c >= COL_COUNT)
		a->sink_field[c] = keep[c - COL_COUNT];
	else
		a->sink_field[c] = ticket_cell(t, c, a->sink_text[c]);
}

/* Counts a row of the sink n times: 1, or -1 to take back one counted. */
static void
sink_take(struct aggregate *a, const struct ticket *t, const struct csv_field *keep,
    int n)
{
	struct aggregate *f = a->file;

	if (a->sink_failed)
		return;
	for (int k = 0; k < f->nkey; k++)
		if (f->key[k].unit == PERIOD_NONE)
			sink_cell(a, f->key[k].col, t, keep);
	for (int i = 0; i < a->opt->nwhere; i++)
		sink_cell(a, f->where_col[i], t, keep);
	take_ticket(f, a->sink_field, t, n);
}

static void
sink_row(void *ctx, const struct ticket *t, const struct csv_field *keep)
{
	sink_take(ctx, t, keep, 1);
}

static void
sink_unrow(void *ctx, const struct ticket *t, const struct csv_field *keep)
{
	sink_take(ctx, t, keep, -1);
}

/*
 * f's counts added to a's.  f's groups stay, emptied: a later file adds
 * nothing but counts to groups a has already.  A group f holds no ticket
 * of, whose tickets a part was given and taken back, is no group of a's.
 */
static void
absorb(struct aggregate *a, struct aggregate *f)
{
	for (size_t i = 0; i < hashmap_count(f->groups); i++) {
		int64_t days = f->counts[i].v[CNT_DAYS];
		const char *key = hashmap_key(f->groups, i, &a->keylen);

		if (f->counts[i].v[CNT_TICKETS] == 0 &&
		    hashmap_find(a->groups, key, a->keylen) < 0)
			continue;
		xgrow(&a->keybuf, &a->keycap, a->keylen + 1, 1);
		memcpy(a->keybuf, key, a->keylen);
		counts_add(group(a, days), &f->counts[i]);
		counts_zero(&f->counts[i], days);
	}
	a->filtered += f->filtered;
	a->no_date += f->no_date;
	a->no_period += f->no_period;
	f->filtered = f->no_date = f->no_period = 0;
}

/* A file's counts added to a's. */
static void
sink_file_end(void *ctx)
{
	struct aggregate *a = ctx;

	absorb(a, a->file);
}

/* --streaming writes groups in the order they were first met. */
static int
sink_any_order(void *ctx)
{
	struct aggregate *a = ctx;

	return !a->opt->streaming && !a->sink_failed;
}

/*
 * A part counts rows apart from the sink's own file, in a file table set
 * up as the sink's header set up its own.
 */
static void
sink_part_open(void *ctx, struct ticket_sink *part)
{
	struct aggregate *a = ctx, *p = aggregate_open(a->opt);

	sink_header(p, a->sink_keep, a->sink_nkeep);
	part->ctx = p;
	part->row = sink_row;
}

static void
sink_part_close(void *ctx, void *part)
{
	struct aggregate *a = ctx, *p = part;

	absorb(a->file, p->file);
	aggregate_free(p);
}

void
aggregate_sink(struct aggregate *a, struct ticket_sink *s)
{
	s->ctx = a;
	s->header = sink_header;
	s->row = sink_row;
	s->file_end = sink_file_end;
	s->text = NULL;
	s->unrow = sink_unrow;
	s->any_order = sink_any_order;
	s->part_open = sink_part_open;
	s->part_close = sink_part_close;
}

void
aggregate_free(struct aggregate *a)
{
	if (a->file != NULL)
		aggregate_free(a->file);
	hashmap_free(a->groups);
	hashmap_free(a->rank);
	hashmap_free(a->rolls);
	hashmap_free(a->rollseen);
	free(a->rollcounts);
	free(a->counts);
	free(a->keybuf);
	free(a->key);
	free(a->where_col);
	free(a->sink_field);
	free(a->sink_text);
	free_fields(a->header, a->nheader);
	free(a);
}

int
aggregate_close(struct aggregate *a)
{
	const struct aggregate_options *opt = a->opt;
	int status = 0;

	if (a->sink_failed) {
		warnx("%s", a->sink_err.msg);
		status = 1;
	} else {
		if (opt->fill)
			fill_groups(a);
		if ((opt->rollup || a->in_rollup) && !opt->streaming)
			roll_up(a);
		if (opt->streaming)
			write_stream_lines(a);
		else
			write_table(a);
		if (a->no_date > 0)
			warnx("%lld %s without a closed time left out (--date closed)",
			    a->no_date, a->no_date == 1 ? "ticket" : "tickets");
		if (a->no_period > 0)
			warnx("%lld %s in no named period left out", a->no_period,
			    a->no_period == 1 ? "ticket" : "tickets");
		if (opt->nwhere > 0)
			report_filtered(opt, a->filtered);
	}
	aggregate_free(a);
	return status;
}

int
aggregate_run(const struct aggregate_options *opt, char **files, int nfiles)
{
	struct aggregate *a;

	if (opt->merge && opt->streaming)
		return reduce_streaming(opt, files, nfiles);
	a = aggregate_open(opt);
	if (nfiles == 0)
		aggregate_read(a, "-");
	for (int i = 0; i < nfiles; i++)
		aggregate_read(a, files[i]);
	return aggregate_close(a);
}
