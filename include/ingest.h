/*
 * ingest: hotline dumps to the ticket table (rexian-ingest's engine).
 *
 * Every input row is either written to the ticket table or rejected with
 * its file, physical line and reason, or excluded on purpose (--exclude,
 * or created at or after --as-of); a summary per file on standard error
 * adds up (read = written + rejected + excluded).
 *
 * The header is the first record, within the first HEADER_SEARCH lines,
 * that names an id and a created column; lines above it (a title, an export
 * date) are skipped and counted on standard error.
 *
 * Dates are decided per file and per column, never guessed per row: a
 * column's day/month order is what --date-order says, or else what the
 * first value that only one order reads (a day over 12) shows.  Rows read
 * while a column has values either order reads and nothing has decided are
 * held in memory, then checked in the order decided; a later value that
 * only another order reads is a message naming both lines and exit 1, and a
 * file that ends undecided is a message naming --date-order and exit 1.
 * The forms each column was read in are said on standard error before the
 * summary, unless every value is the table's own YYYY-MM-DD hh:mm:ss.
 */
#ifndef REXIAN_INGEST_H
#define REXIAN_INGEST_H

#include <stdint.h>

#include "calendar.h"
#include "csvio.h"
#include "ticket.h"

enum due_unit { DUE_NONE, DUE_WORKDAYS, DUE_DAYS, DUE_HOURS };
enum { HEADER_SEARCH = 20, JOBS_MAX = 64 };

/* --recode COL:FROM=TO: the spelling from means value to of column col. */
struct ingest_recode {
	int col;
	const char *from;	/* from_len bytes, not NUL-terminated */
	size_t from_len;
	int to;
};

/* --exclude COL=VALUE: rows whose column col (a ticket column or an input
 * header) reads value are left out; text is the option's argument. */
struct ingest_exclude {
	const char *col;	/* col_len bytes, not NUL-terminated */
	size_t col_len;
	const char *value;
	const char *text;
};

/* --date-format [COL=]FMT: COL a date column's name or input header. */
struct ingest_date_format {
	const char *col;	/* col_len bytes, not NUL-terminated; NULL: all */
	size_t col_len;
	const char *format;	/* checked by date_format_check */
};

struct ingest_options {
	enum csv_encoding encoding;
	const char *sheet;			/* --sheet NAME|N, or NULL */
	const char *map[COL_INPUT_COUNT];	/* --map: header per column, or NULL */
	const char **keep;			/* --keep headers, nkeep of them */
	int nkeep;
	const char *rejects_path;		/* NULL: no rejects file */
	int rejects_contract;			/* only the ticket table's input columns */
	const char *summary_path;		/* --summary: NULL, or the CSV summary */
	long long max_rejects;			/* rejects allowed before exit 1 */
	double max_rejects_share;		/* or a share of rows read, if >= 0 */
	int has_as_of;		/* the table as it stood at as_of (see rexian-ingest(1)) */
	int64_t as_of;
	enum due_unit due_unit;
	int due_n;
	const struct calendar *calendar;
	int formula_safe;			/* --formula-safe */
	long header_row;			/* --header-row, or 0 to find it */
	struct ingest_recode *recode;		/* nrecode of them */
	int nrecode;
	struct ingest_exclude *exclude;		/* nexclude of them */
	int nexclude;
	int jobs;				/* --jobs: threads */
	long long jobs_after;	/* bytes of each file one thread reads first */
	unsigned date_order;			/* --date-order: a DATE_* bit, or 0 */
	struct ingest_date_format *date_format;	/* ndate_format of them */
	int ndate_format;
	int year_pivot;				/* --year-pivot */
	int has_utc_offset;			/* --utc-offset: zone suffixes */
	int utc_offset;				/* seconds east of UTC */
	const char *utc_offset_text;
	/* rexian(1)'s chain: the table goes to sink, not standard output */
	const struct ticket_sink *sink;
};

/*
 * Parses a --due value ("5wd", "10d", "72h"): 0, or -1 if it is not one.
 */
int ingest_parse_due(const char *s, enum due_unit *unit, int *n);

/*
 * Prints, for each file's header, how each input header maps ("header<TAB>
 * column" or "(dropped)"), and for a date column the forms its values are
 * in and what decided its order, reading the whole file.  Exits 1 on an
 * unreadable file.
 */
void ingest_list_columns(const struct ingest_options *opt, char **files, int nfiles);

/*
 * Prints each distinct value of column col (a ticket column or an input
 * header) over all the files, with its count and what it maps to, most
 * frequent first.  Exits 1 on an unreadable file or a missing column.
 */
void ingest_list_values(const struct ingest_options *opt, const char *col,
    char **files, int nfiles);

/*
 * Reads the files (standard input if nfiles is 0) as one stream and writes
 * the ticket table to standard output.  Returns the exit status: 0, or 1
 * when the rejects exceed what the options allow.  Without --as-of, the
 * count of open tickets past due at the latest time written is said once
 * on standard error at the end.  A fatal problem (a header
 * without id or created, files whose headers map differently, a ticket
 * outside the calendar) is a message and exit 1.
 */
int ingest_run(const struct ingest_options *opt, char **files, int nfiles);

#endif
