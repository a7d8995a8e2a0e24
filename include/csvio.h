/*
 * csvio: reading and writing RFC 4180 CSV, the only user of libcsv.
 *
 * The reader takes a file, standard input or a memory buffer and hands out
 * one record at a time.  A fast scanner splits rows in place, quoted fields
 * included when each closes on its line right before a comma or the line's
 * end; any other row (a field quoted across lines, a quote inside an
 * unquoted field) goes through libcsv.  Both give the same fields
 * (tests/unit/csvio_test and the csv fuzzer check them against libcsv).  Line ends may be LF or
 * CRLF; a CR LF inside a quoted field becomes LF.  Blank lines are not
 * records.  No field is trimmed.
 *
 * Input may be UTF-8 (a leading BOM is dropped) or GB18030/GBK, converted to
 * UTF-8 line by line with iconv; CSV_AUTO picks GB18030 when the first 64 KiB
 * are not valid UTF-8.  Lines may also end in CR alone (old spreadsheet
 * exports), when the first 64 KiB have a CR and no LF.  UTF-16 is named
 * and refused, with a byte-order mark or without one (NUL bytes at every
 * other place).  A record with bytes that are not valid in the input
 * encoding is still returned, with bad_encoding set, so that the caller can
 * reject it with its line number.
 *
 * A record and its fields belong to the reader and stay valid until the next
 * csv_read or csv_close.
 *
 * Nothing here prints or exits: a function that can fail returns -1 with a
 * message in the struct err it is given (util.h), freeing what it had
 * allocated; after a failed read the reader is only fit for csv_close.
 */
#ifndef REXIAN_CSVIO_H
#define REXIAN_CSVIO_H

#include <stddef.h>

#include "util.h"

enum csv_encoding { CSV_AUTO, CSV_UTF8, CSV_GB18030 };

struct csv_field {
	const char *s;		/* not NUL-terminated */
	size_t len;
};

/*
 * What is wrong with a record, beyond its fields: the caller rejects it.
 * UTF8_IN_GB18030: a GB18030 input's line that is valid UTF-8 with
 * characters of three bytes or more (Chinese), which GB18030 would decode
 * to other, wrong characters; its fields are the UTF-8 as it stands.
 * STRAY_QUOTE: a quoted field ran on over lines line..last_line and into
 * the line after, which the row test (csv_set_row_test) took for a row of
 * its own: the quote was stray, not the start of text over several lines.
 * The fields are what was read up to last_line; reading goes on with the
 * line after it.
 */
enum csv_flaw { CSV_FLAW_NONE, CSV_FLAW_UTF8_IN_GB18030, CSV_FLAW_STRAY_QUOTE };

struct csv_record {
	struct csv_field *field;
	size_t nfields;
	long line;		/* physical line where the record starts, from 1 */
	long last_line;		/* and where it ends */
	int bad_encoding;	/* a NUL byte, or bytes invalid in the input encoding */
	int flaw;		/* enum csv_flaw */
};

struct csv_reader;

/*
 * Opens path, or standard input for NULL or "-", into *r: 0, or -1 and
 * "PATH: why" in *e when it cannot be opened.  The caller owns the reader
 * and frees it with csv_close.
 */
int csv_open(const char *path, enum csv_encoding enc, struct csv_reader **r,
    struct err *e);
/*
 * Reads from fd, which the reader then owns (closing it unless it is
 * standard input), after head[0..nhead): bytes already read from fd, as
 * when its first bytes were looked at to tell a workbook from CSV.
 */
struct csv_reader *csv_open_fd(int fd, const char *name, const char *head,
    size_t nhead, enum csv_encoding enc);
/* Reads from data[0..len), which must outlive the reader; name is for messages. */
struct csv_reader *csv_open_mem(const char *name, const char *data, size_t len,
    enum csv_encoding enc);
/*
 * Says whether the fields of one line, read as a record of its own, look
 * like a row of the input (its field count, an id, a date where the
 * creation time is).  Asked of each line a quoted field would run on into;
 * called from csv_prefetch's thread too, so it must only read ctx.
 */
typedef int (*csv_row_test)(void *ctx, const struct csv_field *f, size_t n);
void csv_set_row_test(struct csv_reader *r, csv_row_test test, void *ctx);

/* The name used in messages: the path, or "standard input". */
const char *csv_name(const struct csv_reader *r);
/* The encoding in use once the first record has been read or detected. */
enum csv_encoding csv_encoding(const struct csv_reader *r);
/* Bytes of the input the records read so far take, the header's and a
 * byte-order mark's included. */
long long csv_offset(const struct csv_reader *r);
/*
 * Reads the next record into *rec: 1, or 0 at the end of input.  A read
 * error, input in UTF-16, or a quoted field still open at the end of input
 * is -1 and a message in *e (FILE:LINE for the field).
 */
int csv_read(struct csv_reader *r, struct csv_record *rec, struct err *e);
/* Reads the header record: 0, or -1 for csv_read's errors and for an
 * input without one ("FILE: empty file, no header"). */
int csv_read_header(struct csv_reader *r, struct csv_record *rec, struct err *e);
void csv_close(struct csv_reader *r);

/*
 * The rest of an input cut into chunks that threads read apart.
 *
 * csv_chunker_start takes over reader r once its header is read (r is
 * read no further, but still closed by its owner); NULL when r cannot be
 * cut (no row test, or not a descriptor).  csv_chunk_next reads the next
 * chunk into k, which the caller owns (csv_chunk_new, csv_chunk_free):
 * 1, 0 at the end of input, or -1 and "FILE: read error" in *e.  Every
 * chunk but the first begins at a line that passes r's row test, and the
 * reader ends any record before such a line (a quote left open is
 * stray), so the chunks' records, read one chunk after another, are the
 * records r would have read, lines numbered as r numbers them.
 *
 * csv_chunk_read reads the next record of chunk k with r, a reader
 * csv_chunk_reader made for one thread (the caller closes it with
 * csv_close), aimed at k by csv_chunk_seek: 1 and the byte of k where the
 * record begins in *at, 0 after k's last record, or -1 and csv_read's
 * message in *e.  The record is valid until r reads again.  Aimed at k's
 * byte 0 and k's line (csv_chunk_line), r reads k's records in turn;
 * aimed at a record's *at and its line - 1, r reads that record again.
 * The first seek into a chunk of UTF-8 input checks its text whole (valid
 * UTF-8, no NUL byte), and k keeps the answer: the lines of a chunk that
 * passes need no check of their own.
 * A chunk a read error ended (csv_chunk_truncated) holds the whole lines
 * read before it, and csv_chunk_next gives the error next: a record that
 * does not end in them is that error's, not csv_chunk_read's.
 */
struct csv_chunker;
struct csv_chunk;
struct csv_chunker *csv_chunker_start(struct csv_reader *r);
void csv_chunker_end(struct csv_chunker *c);
struct csv_chunk *csv_chunk_new(void);
void csv_chunk_free(struct csv_chunk *k);
int csv_chunk_next(struct csv_chunker *c, struct csv_chunk *k, struct err *e);
long csv_chunk_line(const struct csv_chunk *k);
int csv_chunk_truncated(const struct csv_chunk *k);
struct csv_reader *csv_chunk_reader(const struct csv_chunker *c);
void csv_chunk_seek(struct csv_reader *r, struct csv_chunk *k, size_t at,
    long line);
int csv_chunk_read(struct csv_reader *r, const struct csv_chunk *k,
    struct csv_record *rec, size_t *at, struct err *e);

/*
 * Reading ahead in a second thread: csv_prefetch_start reads the rest of r
 * in a thread of its own, in batches, while the caller works on what it
 * has (0, or -1 when no thread can start); csv_prefetch_read returns the
 * records in order with csv_read's contract (valid until the next call).
 * A problem the reader meets (a quote never closed, a read error) is
 * csv_prefetch_read's -1 and message, in the caller's thread, after every
 * record before it.  csv_prefetch_end stops the thread and frees the
 * prefetcher, not the reader.
 */
struct csv_prefetch;
int csv_prefetch_start(struct csv_reader *r, struct csv_prefetch **p,
    struct err *e);
int csv_prefetch_read(struct csv_prefetch *p, struct csv_record *rec,
    struct err *e);
void csv_prefetch_end(struct csv_prefetch *p);

/* Writes one field, quoted when it holds a comma, quote, CR or LF. */
void csv_write_field(struct out *o, const char *s, size_t len);
/*
 * Writes a text cell; with formula_safe, one that begins with = + - @ TAB or
 * CR gets a leading ' so that Excel and WPS show it as text rather than run
 * it as a formula (OWASP's advice on CSV injection).  Numbers must not go
 * through here: -0.83 would become text.
 */
void csv_write_text(struct out *o, const char *s, size_t len, int formula_safe);
/* Whether a text cell s[0..len) begins as a spreadsheet formula would: the
 * cells csv_write_text neutralises, and TSV writers the same way. */
int csv_formula_risk(const char *s, size_t len);

#endif
