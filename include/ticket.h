/*
 * ticket: the ticket table of rexian(7), and how a hotline dump's headers
 * and values map onto it.
 *
 * One table (ticket_columns) names, types and orders the table's columns,
 * and its one writer (ticket_write) and one reader (ticket_read) follow it.
 *
 * One table (ticket_aliases in ticket.c) names every input header rexian
 * recognises: Chinese 12345 and 政务留言 exports, and the published schemas
 * of NYC, LA, Boston, San Francisco and Chicago 311.  Headers are compared
 * on a normalised name (ticket_header_key), so that `Unique Key`,
 * `unique_key`, `UniqueKey` and `ＵＮＩＱＵＥ ＫＥＹ` are one name.  One
 * table per coded column (status, satisfaction, the yes/no columns) says
 * what each spelling of a value means.  Nothing else in rexian knows a
 * header or a value spelling.
 */
#ifndef REXIAN_TICKET_H
#define REXIAN_TICKET_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"

/* The ticket table's columns, in output order. */
enum ticket_col {
	COL_ID, COL_CREATED, COL_DUE, COL_CLOSED, COL_CHANNEL, COL_TYPE,
	COL_CATEGORY, COL_DISTRICT, COL_DEPARTMENT, COL_STATUS, COL_DIRECT,
	COL_RESOLVED, COL_SATISFACTION, COL_REASONABLE, COL_ON_TIME,
	COL_HOURS, COL_WORKDAYS, COL_COUNT
};
/* The columns a dump can supply; the rest are derived. */
enum { COL_INPUT_COUNT = COL_REASONABLE + 1 };

/* What a column's cells hold, which says how the table spells them. */
enum ticket_type {
	TICKET_TEXT,		/* text as the dump gives it, trimmed */
	TICKET_TIME,		/* YYYY-MM-DD HH:MM:SS (time_format) */
	TICKET_CODE,		/* a coded column's contract values */
	TICKET_DECIMAL		/* a non-negative number, TICKET_DECIMALS decimals */
};
enum { TICKET_DECIMALS = 4 };

/*
 * The ticket table, one entry a column in output order: the one place
 * that names its columns (the header), types them (how every value is
 * spelt) and orders them.  Its writer and its reader below both follow it.
 */
struct ticket_column {
	const char *name;	/* the contract's English name: the header */
	const char *label;	/* its 中文 label */
	enum ticket_type type;
	int required;		/* never empty in the table */
};
extern const struct ticket_column ticket_columns[COL_COUNT];

/* The column named name (contract English name), or -1. */
int ticket_col_by_name(const char *name, size_t len);

/*
 * Writes the normalised name of header s[0..len) into buf (cap bytes):
 * ASCII letters lower-cased, full-width forms made half-width, and spaces,
 * underscores, hyphens and punctuation (ASCII, CJK and general) left out.
 * Returns the normalised length, which may exceed cap: then buf holds only
 * the first cap bytes.
 */
size_t ticket_header_key(const char *s, size_t len, char *buf, size_t cap);
/* Whether two headers have the same normalised name. */
int ticket_header_equal(const char *a, size_t alen, const char *b, size_t blen);

/* The contract column an input header maps to by the alias table, or -1. */
int ticket_alias_lookup(const char *header, size_t len);

/* Prints the alias table, one "column: header, header, ..." a line. */
void ticket_print_aliases(struct out *o);

/*
 * Values of the coded columns (status, direct, resolved, satisfaction,
 * reasonable).  Every coded value is an int: -1 for empty (unknown, not
 * rated), else an index into the column's contract spellings.
 */
enum { TRI_EMPTY = -1 };
enum ticket_status { STATUS_UNKNOWN = -1, STATUS_OPEN, STATUS_CLOSED };
enum ticket_satisfaction { SAT_NONE = -1, SAT_SATISFIED, SAT_BASIC, SAT_DISSATISFIED };

/* Whether col is a coded input column (on_time is coded but derived). */
int ticket_col_is_coded(int col);
/*
 * Reads an input spelling of coded column col (已办结, Closed, 很不满意, 是,
 * ...; an empty or blank value is -1): 0 and *v, or -1 for a spelling the
 * column's table does not know.
 */
int ticket_parse_value(int col, const char *s, size_t len, int *v);
/*
 * Reads a contract value of coded column col as --recode names it (closed,
 * open; satisfied, basic, dissatisfied; 1, 0; empty for unknown or not
 * rated): 0 and *v, or -1.
 */
int ticket_parse_contract_value(int col, const char *s, size_t len, int *v);
/* The contract spelling of value v of coded column col ("" for -1). */
const char *ticket_value_name(int col, int v);
/* Lists the contract values of coded column col, as "closed, open or empty". */
const char *ticket_contract_values(int col);
/* What an empty value of coded column col means ("not rated", ...). */
const char *ticket_empty_means(int col);

/* An empty cell of a row's v, whatever its type. */
#define TICKET_EMPTY INT64_MIN

/*
 * One row of the ticket table.  text[c] is a TICKET_TEXT cell, or the text
 * a TICKET_TIME cell was read from (written as it is when it already reads
 * as the table writes times).  v[c] is every other cell: a time in seconds
 * (timeutil.h), a coded column's value, a decimal in units of
 * 10^-TICKET_DECIMALS; TICKET_EMPTY for an empty cell.
 */
struct ticket {
	struct csv_field text[COL_COUNT];
	int64_t v[COL_COUNT];
};

/* A coded value (-1 for empty) as a cell of v, and back. */
static inline int64_t
ticket_code_cell(int code)
{
	return code < 0 ? TICKET_EMPTY : code;
}
static inline int
ticket_cell_code(int64_t v)
{
	return v == TICKET_EMPTY ? -1 : (int)v;
}

/* Writes the table's header, without a line end. */
void ticket_write_header(struct out *o);
/*
 * Writes t as a row of the table, without a line end (extra columns may
 * follow); text CSV-quoted, and neutralised as formulas when formula_safe.
 */
void ticket_write(struct out *o, const struct ticket *t, int formula_safe);

/* The longest cell ticket_cell writes into its buffer. */
enum { TICKET_CELL_MAX = 48 };
/*
 * Cell c of t as ticket_write spells it (not formula-safe): t's own text,
 * or text written into buf.
 */
struct csv_field ticket_cell(const struct ticket *t, int c, char buf[TICKET_CELL_MAX]);

/*
 * The ticket table handed over in memory (rexian(1)'s chain) instead of
 * written: header once, with the --keep columns' names, then row for each
 * row ticket_write would write, keep its --keep cells, and file_end after
 * each input file's rows, where a writer flushes them to the next stage.
 * What they are given is theirs only for the call.  With text, the table
 * is written there as well (a tee stage's file).
 *
 * A sink whose rows may come in any order, from threads, has any_order,
 * which says after header whether they may after all (1) or must come in
 * order (0).  part_open sets part's ctx and row for one thread's rows,
 * called in that thread, so that what the part holds is that thread's
 * own memory; part_close, called before a file's file_end, adds what the
 * part was given to ctx's file and frees the part.  unrow(ctx, ...) takes
 * back, before that file's end, a row a part was given: its counts are
 * as if it never came.
 */
struct ticket_sink {
	void *ctx;
	void (*header)(void *ctx, const char *const *keep, int nkeep);
	void (*row)(void *ctx, const struct ticket *t, const struct csv_field *keep);
	void (*file_end)(void *ctx);
	struct out *text;
	void (*unrow)(void *ctx, const struct ticket *t, const struct csv_field *keep);
	int (*any_order)(void *ctx);
	void (*part_open)(void *ctx, struct ticket_sink *part);
	void (*part_close)(void *ctx, void *part);
};

/* The field of header h named exactly name (a ticket table's header), or -1. */
int ticket_field_index(const struct csv_record *h, const char *name);
/*
 * Finds every column of the table in header h: 0 and col[c] the field of
 * column c, or -1 with the first column h lacks in *missing.
 */
int ticket_read_header(const struct csv_record *h, int col[COL_COUNT], int *missing);
/* A set of columns, for ticket_read: TICKET_CELL(COL_STATUS) | ... */
#define TICKET_CELL(c) (1u << (c))
#define TICKET_ALL_CELLS (TICKET_CELL(COL_COUNT) - 1)

/*
 * Reads the cells of a row (fields f, laid out as col from
 * ticket_read_header) that are in the set cells, as the table spells them
 * (exactly: the table is rexian's own output), into t: text[c] for text,
 * v[c] for the rest.  0, or -1 with the first column whose value it does
 * not spell in *bad, an empty required cell included.  Times are read by
 * time_parse, so a table a spreadsheet saved (2024/3/5 9:05) still reads.
 */
int ticket_read(struct ticket *t, const int col[COL_COUNT],
    const struct csv_field *f, unsigned cells, int *bad);

/*
 * Whether a row whose first non-empty cell is s[0..len) is a summary row a
 * spreadsheet export puts under the data (合计, 总计, 小计, 共 3000 件,
 * Total), not a ticket.
 */
int ticket_is_summary(const char *s, size_t len);

#endif
