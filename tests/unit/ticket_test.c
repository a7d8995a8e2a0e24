/*
 * The ticket table's codec: one row written by ticket_write against the
 * bytes DESIGN.md's table of the contract spells by hand, then random rows
 * of every column type (text needing quotes, times not in the table's form,
 * every coded value, empty cells) written and read back by ticket_read to
 * the same values.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "ticket.h"
#include "timeutil.h"
#include "util.h"

/* What w wrote into f since the last call, NUL-terminated; the caller frees it. */
static char *
written(struct out *w, FILE *f)
{
	long n;
	char *s;

	out_flush(w);
	n = lseek(fileno(f), 0, SEEK_END);
	s = xmalloc((size_t)n + 1);
	if (pread(fileno(f), s, (size_t)n, 0) != n)
		die_errno("pread");
	s[n] = '\0';
	if (ftruncate(fileno(f), 0) != 0 || lseek(fileno(f), 0, SEEK_SET) != 0)
		die_errno("ftruncate");
	return s;
}

static void
check_known_row(struct out *w, FILE *f)
{
	static const char header[] = "id,created,due,closed,channel,type,"
	    "category,district,department,status,direct,resolved,satisfaction,"
	    "reasonable,on_time,hours,workdays";
	static const char row[] = "\"A,1\",2024-03-05 09:05:00,,2024-03-06 "
	    "10:00:00,电话,投诉,\"say \"\"hi\"\"\",张店区,城管局,closed,1,,basic,0,1,"
	    "24.9167,0.1234";
	static const char *const text[COL_COUNT] = {
		[COL_ID] = "A,1", [COL_CREATED] = "2024/3/5 9:05",
		[COL_CLOSED] = "2024-03-06 10:00:00", [COL_CHANNEL] = "电话",
		[COL_TYPE] = "投诉", [COL_CATEGORY] = "say \"hi\"",
		[COL_DISTRICT] = "张店区", [COL_DEPARTMENT] = "城管局",
	};
	int64_t day = days_from_civil(2024, 3, 5);
	struct ticket t;
	char *got;

	for (int c = 0; c < COL_COUNT; c++) {
		t.text[c].s = text[c] != NULL ? text[c] : "";
		t.text[c].len = strlen(t.text[c].s);
		t.v[c] = TICKET_EMPTY;
	}
	t.v[COL_CREATED] = day * SECS_PER_DAY + 9 * 3600 + 5 * 60;
	t.v[COL_CLOSED] = (day + 1) * SECS_PER_DAY + 10 * 3600;
	t.v[COL_STATUS] = STATUS_CLOSED;
	t.v[COL_DIRECT] = 1;
	t.v[COL_SATISFACTION] = SAT_BASIC;
	t.v[COL_REASONABLE] = 0;
	t.v[COL_ON_TIME] = 1;
	t.v[COL_HOURS] = 249167;
	t.v[COL_WORKDAYS] = 1234;
	ticket_write_header(w);
	got = written(w, f);
	CHECK(strcmp(got, header) == 0, "header %s", got);
	free(got);
	ticket_write(w, &t, 0);
	got = written(w, f);
	CHECK(strcmp(got, row) == 0, "row %s", got);
	free(got);
}

/* How many values coded column c has, as DESIGN.md lists them. */
static int
nvalues(int c)
{
	return c == COL_SATISFACTION ? 3 : 2;
}

/* Random text of one to eight pieces, some that need quoting. */
static void
random_text(char *buf, size_t cap, struct csv_field *f)
{
	static const char *const piece[] = {
		"x", "区", ",", "\"", "\n", "a b", "1", "满意", "=",
	};
	size_t n = 0;
	int k = 1 + rand() % 8;

	/* a letter at either end: the table's text is trimmed */
	n += (size_t)snprintf(buf + n, cap - n, "L");
	while (k-- > 0)
		n += (size_t)snprintf(buf + n, cap - n, "%s",
		    piece[rand() % (int)(sizeof(piece) / sizeof(piece[0]))]);
	n += (size_t)snprintf(buf + n, cap - n, "R");
	f->s = buf;
	f->len = n;
}

/* A random row: every required cell set, the others empty one time in four. */
static void
random_ticket(struct ticket *t, char text[COL_COUNT][64])
{
	for (int c = 0; c < COL_COUNT; c++) {
		int empty = !ticket_columns[c].required && rand() % 4 == 0;

		t->text[c] = (struct csv_field){ "", 0 };
		t->v[c] = TICKET_EMPTY;
		if (empty)
			continue;
		switch (ticket_columns[c].type) {
		case TICKET_TEXT:
			random_text(text[c], sizeof(text[c]), &t->text[c]);
			break;
		case TICKET_TIME:
			/* 1900-01-01 to 9999-12-31 */
			t->v[c] = (days_from_civil(1900, 1, 1) + rand() % 2900000) *
			    SECS_PER_DAY + rand() % SECS_PER_DAY;
			break;
		case TICKET_CODE:
			t->v[c] = rand() % nvalues(c);
			break;
		case TICKET_DECIMAL:
			t->v[c] = (int64_t)rand() * rand() % 1000000000000;
			break;
		}
	}
}

static void
check_round_trip(struct out *w, FILE *f)
{
	enum { ROWS = 2000 };
	static struct ticket sent[ROWS];
	static char text[ROWS][COL_COUNT][64];
	struct csv_reader *r;
	struct csv_record rec;
	int col[COL_COUNT], missing;
	struct err e;
	char *got;

	ticket_write_header(w);
	out_putc(w, '\n');
	for (int i = 0; i < ROWS; i++) {
		random_ticket(&sent[i], text[i]);
		ticket_write(w, &sent[i], 0);
		out_putc(w, '\n');
	}
	got = written(w, f);
	r = csv_open_mem("round trip", got, strlen(got), CSV_UTF8);
	or_die(csv_read_header(r, &rec, &e), &e);
	CHECK(ticket_read_header(&rec, col, &missing) == 0, "header lacks %s",
	    ticket_columns[missing].name);
	for (int i = 0; i < ROWS && or_die(csv_read(r, &rec, &e), &e); i++) {
		struct ticket back;
		int bad = 0;

		CHECK(ticket_read(&back, col, rec.field, TICKET_ALL_CELLS, &bad) == 0,
		    "row %d: %s unread", i, ticket_columns[bad].name);
		for (int c = 0; c < COL_COUNT; c++) {
			const struct csv_field *s = &sent[i].text[c];

			CHECK(back.v[c] == sent[i].v[c], "row %d: %s %lld, sent %lld",
			    i, ticket_columns[c].name, (long long)back.v[c],
			    (long long)sent[i].v[c]);
			CHECK(ticket_columns[c].type != TICKET_TEXT ||
			    (back.text[c].len == s->len &&
			    memcmp(back.text[c].s, s->s, s->len) == 0),
			    "row %d: %s '%.*s', sent '%.*s'", i, ticket_columns[c].name,
			    (int)back.text[c].len, back.text[c].s, (int)s->len, s->s);
		}
	}
	CHECK(or_die(csv_read(r, &rec, &e), &e) == 0, "more rows read than written");
	csv_close(r);
	free(got);
}

/* Cells the table never holds are refused, not read as something else. */
static void
check_refused(void)
{
	static const struct {
		int col;
		const char *text;
	} bad[] = {
		{ COL_STATUS, "" }, { COL_STATUS, "Closed" }, { COL_STATUS, "已办结" },
		{ COL_DIRECT, "2" }, { COL_DIRECT, "是" }, { COL_ON_TIME, "yes" },
		{ COL_SATISFACTION, "满意" }, { COL_HOURS, "1.23456" },
		{ COL_HOURS, "-1" }, { COL_CREATED, "" }, { COL_CLOSED, "2021-02-30" },
	};
	struct ticket t;
	int col[COL_COUNT] = { 0 }, which = -1;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct csv_field f = { bad[i].text, strlen(bad[i].text) };

		/* every column at field 0, the one read being bad[i].col */
		CHECK(ticket_read(&t, col, &f, TICKET_CELL(bad[i].col), &which) != 0 &&
		    which == bad[i].col, "%s '%s' read",
		    ticket_columns[bad[i].col].name, bad[i].text);
	}
}

int
main(int argc, char **argv)
{
	FILE *f = tmpfile();
	struct out w;

	(void)argc;
	util_init("ticket_test", argv);
	if (f == NULL)
		die_errno("tmpfile");
	/* the writer closes its own descriptor; f keeps the file */
	out_fd(&w, dup(fileno(f)), "tmpfile");
	srand(20);
	check_known_row(&w, f);
	check_round_trip(&w, f);
	check_refused();
	out_close(&w);
	fclose(f);
	return check_failures != 0;
}
