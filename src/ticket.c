/*
 * ticket.c: the ticket table and the dumps' vocabulary: the column table
 * with the table's writer and reader, the header alias table, the
 * normalised header key, the value tables of the coded columns, and the
 * parsers that map one field onto the contract.
 * The contract is in ticket.h.
 */
#include <pthread.h>
#include <string.h>

#include "counts.h"
#include "ticket.h"
#include "timeutil.h"

const struct ticket_column ticket_columns[COL_COUNT] = {
	[COL_ID] = { "id", "工单编号", TICKET_TEXT, 1 },
	[COL_CREATED] = { "created", "受理时间", TICKET_TIME, 1 },
	[COL_DUE] = { "due", "办理时限", TICKET_TIME, 0 },
	[COL_CLOSED] = { "closed", "办结时间", TICKET_TIME, 0 },
	[COL_CHANNEL] = { "channel", "来源渠道", TICKET_TEXT, 0 },
	[COL_TYPE] = { "type", "诉求类型", TICKET_TEXT, 0 },
	[COL_CATEGORY] = { "category", "诉求分类", TICKET_TEXT, 0 },
	[COL_DISTRICT] = { "district", "区县", TICKET_TEXT, 0 },
	[COL_DEPARTMENT] = { "department", "承办单位", TICKET_TEXT, 0 },
	[COL_STATUS] = { "status", "办结状态", TICKET_CODE, 1 },
	[COL_DIRECT] = { "direct", "直办", TICKET_CODE, 0 },
	[COL_RESOLVED] = { "resolved", "是否解决", TICKET_CODE, 0 },
	[COL_SATISFACTION] = { "satisfaction", "回访结果", TICKET_CODE, 0 },
	[COL_REASONABLE] = { "reasonable", "合理诉求", TICKET_CODE, 0 },
	[COL_ON_TIME] = { "on_time", "按期办结", TICKET_CODE, 0 },
	[COL_HOURS] = { "hours", "办理时长(小时)", TICKET_DECIMAL, 0 },
	[COL_WORKDAYS] = { "workdays", "办理时长(工作日)", TICKET_DECIMAL, 0 },
};

struct alias {
	const char *header;
	int col;
};

/*
 * Every header rexian recognises, each normalised name once (so NYC's
 * download header `Created Date` also stands for its API's `created_date`,
 * Chicago's `CREATED_DATE` and LA's `CreatedDate`).  The contract's own
 * names come first (a ticket table ingests as itself), then Chinese 12345
 * and 政务留言 exports, then the 311 data dictionaries: NYC (Socrata
 * erm2-nwe9), LA (MyLA311), Boston (311 Service Requests), San Francisco
 * (311 Cases, download and API) and Chicago (311 Service Requests).  Two
 * of a dump's columns matching one field is an error, never a silent pick,
 * so a word goes here only when it names that field in the exports that
 * use it.
 */
static const struct alias ticket_aliases[] = {
	{ "id", COL_ID }, { "created", COL_CREATED }, { "due", COL_DUE },
	{ "closed", COL_CLOSED }, { "channel", COL_CHANNEL }, { "type", COL_TYPE },
	{ "category", COL_CATEGORY }, { "district", COL_DISTRICT },
	{ "department", COL_DEPARTMENT }, { "status", COL_STATUS },
	{ "direct", COL_DIRECT }, { "resolved", COL_RESOLVED },
	{ "satisfaction", COL_SATISFACTION }, { "reasonable", COL_REASONABLE },

	{ "工单编号", COL_ID }, { "工单号", COL_ID }, { "编号", COL_ID },
	{ "留言编号", COL_ID },
	{ "受理时间", COL_CREATED }, { "来电时间", COL_CREATED },
	{ "登记时间", COL_CREATED }, { "创建时间", COL_CREATED },
	{ "诉求时间", COL_CREATED }, { "受理日期", COL_CREATED },
	{ "派单时间", COL_CREATED }, { "留言时间", COL_CREATED },
	{ "办理时限", COL_DUE }, { "截止时间", COL_DUE }, { "办结时限", COL_DUE },
	{ "处理时限", COL_DUE }, { "办理期限", COL_DUE },
	{ "办结时间", COL_CLOSED }, { "完成时间", COL_CLOSED },
	{ "结案时间", COL_CLOSED }, { "办毕时间", COL_CLOSED },
	{ "答复时间", COL_CLOSED },
	{ "来源渠道", COL_CHANNEL }, { "渠道", COL_CHANNEL }, { "来源", COL_CHANNEL },
	{ "诉求来源", COL_CHANNEL },
	{ "诉求类型", COL_TYPE }, { "工单类型", COL_TYPE },
	{ "诉求分类", COL_CATEGORY }, { "问题分类", COL_CATEGORY },
	{ "事项分类", COL_CATEGORY }, { "问题类型", COL_CATEGORY },
	{ "区县", COL_DISTRICT }, { "所属区县", COL_DISTRICT },
	{ "所属区域", COL_DISTRICT }, { "属地", COL_DISTRICT },
	{ "承办单位", COL_DEPARTMENT }, { "办理单位", COL_DEPARTMENT },
	{ "责任单位", COL_DEPARTMENT }, { "承办部门", COL_DEPARTMENT },
	{ "主办单位", COL_DEPARTMENT }, { "处理单位", COL_DEPARTMENT },
	{ "办结状态", COL_STATUS }, { "工单状态", COL_STATUS },
	{ "办理状态", COL_STATUS }, { "处理状态", COL_STATUS },
	{ "是否直办", COL_DIRECT }, { "当场答复", COL_DIRECT },
	{ "是否当场答复", COL_DIRECT }, { "直办", COL_DIRECT },
	{ "是否解决", COL_RESOLVED }, { "解决情况", COL_RESOLVED },
	{ "回访结果", COL_SATISFACTION }, { "满意度", COL_SATISFACTION },
	{ "回访满意度", COL_SATISFACTION }, { "满意度评价", COL_SATISFACTION },
	{ "评价结果", COL_SATISFACTION },
	{ "是否合理诉求", COL_REASONABLE }, { "合理诉求", COL_REASONABLE },

	/* NYC; its API spells the same names in snake_case */
	{ "Unique Key", COL_ID }, { "Created Date", COL_CREATED },
	{ "Closed Date", COL_CLOSED }, { "Due Date", COL_DUE },
	{ "Agency", COL_DEPARTMENT }, { "Complaint Type", COL_CATEGORY },
	{ "Borough", COL_DISTRICT }, { "Open Data Channel Type", COL_CHANNEL },
	/* LA: Status as NYC's; Created Date and Closed Date cover CreatedDate
	 * and ClosedDate */
	{ "SRNumber", COL_ID }, { "RequestType", COL_CATEGORY },
	{ "Owner", COL_DEPARTMENT }, { "RequestSource", COL_CHANNEL },
	/* Boston (target_dt, the target date, is due only by choice: boston311) */
	{ "case_enquiry_id", COL_ID }, { "open_dt", COL_CREATED },
	{ "closed_dt", COL_CLOSED }, { "case_status", COL_STATUS },
	{ "neighborhood", COL_DISTRICT }, { "Source", COL_CHANNEL },
	/* San Francisco: the API's names, then the download's */
	{ "service_request_id", COL_ID }, { "requested_datetime", COL_CREATED },
	{ "status_description", COL_STATUS }, { "agency_responsible", COL_DEPARTMENT },
	{ "service_name", COL_CATEGORY }, { "analysis_neighborhood", COL_DISTRICT },
	{ "CaseID", COL_ID }, { "Opened", COL_CREATED },
	{ "Responsible Agency", COL_DEPARTMENT },
	/* Chicago: SR_NUMBER is LA's SRNumber, CREATED_DATE NYC's */
	{ "SR_TYPE", COL_CATEGORY }, { "OWNER_DEPARTMENT", COL_DEPARTMENT },
	{ "ORIGIN", COL_CHANNEL }, { "COMMUNITY_AREA", COL_DISTRICT },
};

int
ticket_col_by_name(const char *name, size_t len)
{
	return name_find(name, len, &ticket_columns[0].name, COL_COUNT,
	    sizeof(ticket_columns[0]), NAME_ANY_CASE);
}

/* Spaces, punctuation and symbols that a header's spelling may vary in. */
static int
is_punctuation(uint32_t u)
{
	return u == 0xa0 || u == 0xa7 || u == 0xab || u == 0xb7 || u == 0xbb ||
	    (u >= 0x2000 && u <= 0x206f) ||
	    (u >= 0x3000 && u <= 0x303f && (u < 0x3005 || u > 0x3007)) ||
	    (u >= 0xfe10 && u <= 0xfe1f) || (u >= 0xfe30 && u <= 0xfe6b) ||
	    (u >= 0xff5f && u <= 0xff65) || u == 0xfeff;
}

/* Decodes the UTF-8 character at s[0..len): its length, or 0 if invalid. */
static size_t
utf8_char(const unsigned char *s, size_t len, uint32_t *u)
{
	size_t k;

	if (s[0] < 0x80) {
		*u = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		k = 2, *u = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		k = 3, *u = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		k = 4, *u = s[0] & 0x07;
	else
		return 0;
	if (k > len)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*u = *u << 6 | (s[i] & 0x3f);
	}
	return k;
}

/* Appends p[0..k) to buf at n, as far as cap allows; returns the new n. */
static size_t
append(char *buf, size_t cap, size_t n, const char *p, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (n + i < cap)
			buf[n + i] = p[i];
	return n + k;
}

size_t
ticket_header_key(const char *s, size_t len, char *buf, size_t cap)
{
	size_t n = 0, i = 0;

	while (i < len) {
		uint32_t u;
		size_t k = utf8_char((const unsigned char *)s + i, len - i, &u);

		if (k == 0) {
			n = append(buf, cap, n, s + i, 1);
			i++;
			continue;
		}
		if (u >= 0xff01 && u <= 0xff5e)
			u -= 0xfee0;
		if (u < 0x80) {
			char c = (char)(u >= 'A' && u <= 'Z' ? u | 0x20 : u);

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				n = append(buf, cap, n, &c, 1);
		} else if (!is_punctuation(u))
			n = append(buf, cap, n, s + i, k);
		i += k;
	}
	return n;
}

/* Long enough for any alias; a longer header matches none. */
enum { KEY_MAX = 128 };

int
ticket_header_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	char ka[KEY_MAX], kb[KEY_MAX];
	size_t na = ticket_header_key(a, alen, ka, sizeof(ka));
	size_t nb = ticket_header_key(b, blen, kb, sizeof(kb));

	if (na > sizeof(ka) || nb > sizeof(kb))
		return alen == blen && memcmp(a, b, alen) == 0;
	return na == nb && memcmp(ka, kb, na) == 0;
}

enum { NALIASES = nitems(ticket_aliases) };

/* The aliases' normalised names, made once for every lookup to compare. */
static char alias_key[NALIASES][KEY_MAX];
static size_t alias_key_len[NALIASES];
static pthread_once_t alias_keys_made = PTHREAD_ONCE_INIT;

static void
make_alias_keys(void)
{
	for (size_t i = 0; i < NALIASES; i++)
		alias_key_len[i] = ticket_header_key(ticket_aliases[i].header,
		    strlen(ticket_aliases[i].header), alias_key[i], KEY_MAX);
}

int
ticket_alias_lookup(const char *header, size_t len)
{
	char key[KEY_MAX];
	size_t n = ticket_header_key(header, len, key, sizeof(key));

	if (n > sizeof(key))
		return -1;
	pthread_once(&alias_keys_made, make_alias_keys);
	for (size_t i = 0; i < NALIASES; i++)
		if (alias_key_len[i] == n && memcmp(key, alias_key[i], n) == 0)
			return ticket_aliases[i].col;
	return -1;
}

void
ticket_print_aliases(struct out *o)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++) {
		const char *sep = "";

		out_printf(o, "%-13s", ticket_columns[c].name);
		for (size_t i = 0; i < NALIASES; i++)
			if (ticket_aliases[i].col == c) {
				out_printf(o, "%s%s", sep, ticket_aliases[i].header);
				sep = ", ";
			}
		out_putc(o, '\n');
	}
}

struct spelling {
	const char *text;
	size_t len;
	int value;
};

/* A spelling with its length, so that most are passed over on that alone. */
#define SP(text, value) { text, sizeof(text) - 1, value }

static int
lookup_spelling(const struct spelling *t, size_t n, const char *s, size_t len,
    int *v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].len == len && ascii_case_equal(s, t[i].text, len)) {
			*v = t[i].value;
			return 0;
		}
	return -1;
}

/* The yes/no spellings every yes/no column reads. */
static const struct spelling yes_no[] = {
	SP("是", 1), SP("否", 0), SP("1", 1), SP("0", 0), SP("Y", 1), SP("N", 0),
	SP("yes", 1), SP("no", 0), SP("true", 1), SP("false", 0),
	SP("T", 1), SP("F", 0), SP("√", 1), SP("×", 0),
};

static const struct spelling direct_spellings[] = {
	SP("直办", 1), SP("转办", 0),
};

static const struct spelling resolved_spellings[] = {
	SP("已解决", 1), SP("未解决", 0), SP("解决", 1),
};

static const struct spelling reasonable_spellings[] = {
	SP("合理", 1), SP("不合理", 0),
};

/*
 * Closed and open as exports spell them.  Words that are a decision rather
 * than a state (已撤销, 已退回, Cancelled, Referred Out) are not here: the
 * user says what they mean with --recode or --exclude.
 */
static const struct spelling status_spellings[] = {
	SP("closed", STATUS_CLOSED), SP("已办结", STATUS_CLOSED),
	SP("办结", STATUS_CLOSED), SP("已完成", STATUS_CLOSED),
	SP("已结案", STATUS_CLOSED), SP("已归档", STATUS_CLOSED),
	SP("已回访", STATUS_CLOSED), SP("已评价", STATUS_CLOSED),
	SP("completed", STATUS_CLOSED),
	SP("open", STATUS_OPEN), SP("办理中", STATUS_OPEN), SP("待办", STATUS_OPEN),
	SP("待办理", STATUS_OPEN), SP("未办结", STATUS_OPEN),
	SP("已派单", STATUS_OPEN), SP("处理中", STATUS_OPEN),
	SP("pending", STATUS_OPEN), SP("assigned", STATUS_OPEN),
	SP("in progress", STATUS_OPEN), SP("started", STATUS_OPEN),
};

/* The five-level scale, and the callback outcomes that are no rating. */
static const struct spelling satisfaction_spellings[] = {
	SP("satisfied", SAT_SATISFIED), SP("非常满意", SAT_SATISFIED),
	SP("很满意", SAT_SATISFIED), SP("满意", SAT_SATISFIED),
	SP("basic", SAT_BASIC), SP("基本满意", SAT_BASIC), SP("比较满意", SAT_BASIC),
	SP("dissatisfied", SAT_DISSATISFIED), SP("不满意", SAT_DISSATISFIED),
	SP("很不满意", SAT_DISSATISFIED), SP("非常不满意", SAT_DISSATISFIED),
	SP("未回访", SAT_NONE), SP("无法联系", SAT_NONE), SP("拒绝评价", SAT_NONE),
	SP("未评价", SAT_NONE),
};

/* The contract values, each at its value's index; no two begin alike. */
static const struct spelling yes_no_name[] = { SP("0", 0), SP("1", 1) };
static const struct spelling status_name[] = {
	SP("open", STATUS_OPEN), SP("closed", STATUS_CLOSED),
};
static const struct spelling satisfaction_name[] = {
	SP("satisfied", SAT_SATISFIED), SP("basic", SAT_BASIC),
	SP("dissatisfied", SAT_DISSATISFIED),
};

/* A coded column: its own spellings, the shared ones, its contract values. */
struct vocabulary {
	const struct spelling *own;
	size_t nown;
	const struct spelling *shared;
	size_t nshared;
	const struct spelling *name;
	int nname;
	const char *list;	/* the contract values, for messages */
	const char *empty;	/* what an empty value means */
};

#define YES_NO(table) { table, nitems(table), yes_no, nitems(yes_no), \
	yes_no_name, nitems(yes_no_name), "1, 0 or empty", "unknown" }

/* The TICKET_CODE columns' vocabularies; on_time, derived, has no spellings. */
static const struct vocabulary vocabularies[COL_COUNT] = {
	[COL_STATUS] = { status_spellings, nitems(status_spellings), NULL, 0,
	    status_name, nitems(status_name), "closed, open or empty", "from the closed time" },
	[COL_SATISFACTION] = { satisfaction_spellings,
	    nitems(satisfaction_spellings), NULL, 0, satisfaction_name,
	    nitems(satisfaction_name),
	    "satisfied, basic, dissatisfied or empty", "not rated" },
	[COL_DIRECT] = YES_NO(direct_spellings),
	[COL_RESOLVED] = YES_NO(resolved_spellings),
	[COL_REASONABLE] = YES_NO(reasonable_spellings),
	[COL_ON_TIME] = { NULL, 0, NULL, 0, yes_no_name, nitems(yes_no_name),
	    "1, 0 or empty", "unknown" },
};

int
ticket_col_is_coded(int col)
{
	return col >= 0 && col < COL_INPUT_COUNT &&
	    ticket_columns[col].type == TICKET_CODE;
}

int
ticket_parse_value(int col, const char *s, size_t len, int *v)
{
	const struct vocabulary *t = &vocabularies[col];

	trim_blanks(&s, &len);
	if (len == 0) {
		*v = -1;
		return 0;
	}
	if (lookup_spelling(t->own, t->nown, s, len, v) == 0)
		return 0;
	return lookup_spelling(t->shared, t->nshared, s, len, v);
}

int
ticket_parse_contract_value(int col, const char *s, size_t len, int *v)
{
	const struct vocabulary *t = &vocabularies[col];

	trim_blanks(&s, &len);
	if (len == 0) {
		*v = -1;
		return 0;
	}
	for (int i = 0; i < t->nname; i++)
		if (t->name[i].len == len &&
		    ascii_case_equal(s, t->name[i].text, len)) {
			*v = i;
			return 0;
		}
	return -1;
}

const char *
ticket_value_name(int col, int v)
{
	return v < 0 ? "" : vocabularies[col].name[v].text;
}

const char *
ticket_contract_values(int col)
{
	return vocabularies[col].list;
}

const char *
ticket_empty_means(int col)
{
	return vocabularies[col].empty;
}

void
ticket_write_header(struct out *o)
{
	for (int c = 0; c < COL_COUNT; c++)
		out_printf(o, "%s%s", c > 0 ? "," : "", ticket_columns[c].name);
}

/* Time t as the table writes it: text itself when it already reads so, or
 * t written into buf. */
static struct csv_field
time_text(const struct csv_field *text, int64_t t, char buf[TIME_TEXT_LEN])
{
	if (time_is_canonical(text->s, text->len))
		return *text;
	time_format(t, buf);
	return (struct csv_field){ buf, TIME_TEXT_LEN };
}

static void
write_time(struct out *o, const struct csv_field *text, int64_t t)
{
	char buf[TIME_TEXT_LEN];
	struct csv_field f = time_text(text, t, buf);

	out_write(o, f.s, f.len);
}

/* Writes a code's spelling; most are one byte (1, 0), and out_putc is inline. */
static void
write_code(struct out *o, const struct spelling *name)
{
	if (name->len == 1)
		out_putc(o, name->text[0]);
	else
		out_write(o, name->text, name->len);
}

void
ticket_write(struct out *o, const struct ticket *t, int formula_safe)
{
	/* unrolled, each column's type is a constant and the switch goes:
	 * this is ingest's hot path */
#pragma GCC unroll 32
	for (int c = 0; c < COL_COUNT; c++) {
		int64_t v = t->v[c];

		if (c > 0)
			out_putc(o, ',');
		switch (ticket_columns[c].type) {
		case TICKET_TEXT:
			csv_write_text(o, t->text[c].s, t->text[c].len, formula_safe);
			break;
		case TICKET_TIME:
			if (v != TICKET_EMPTY)
				write_time(o, &t->text[c], v);
			break;
		case TICKET_CODE:
			if (v != TICKET_EMPTY)
				write_code(o, &vocabularies[c].name[v]);
			break;
		case TICKET_DECIMAL:
			if (v != TICKET_EMPTY)
				out_fixed(o, v, TICKET_DECIMALS);
			break;
		}
	}
}

struct csv_field
ticket_cell(const struct ticket *t, int c, char buf[TICKET_CELL_MAX])
{
	struct csv_field f = { .s = buf, .len = 0 };
	int64_t v = t->v[c];

	if (ticket_columns[c].type == TICKET_TEXT)
		return t->text[c];
	if (v == TICKET_EMPTY)
		return f;
	switch (ticket_columns[c].type) {
	case TICKET_TIME:
		return time_text(&t->text[c], v, buf);
	case TICKET_CODE:
		f.s = vocabularies[c].name[v].text;
		f.len = vocabularies[c].name[v].len;
		break;
	default:
		f.len = fixed_format(buf, v, TICKET_DECIMALS, 0);
		break;
	}
	return f;
}

int
ticket_field_index(const struct csv_record *h, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < h->nfields; i++)
		if (h->field[i].len == len && memcmp(h->field[i].s, name, len) == 0)
			return (int)i;
	return -1;
}

int
ticket_read_header(const struct csv_record *h, int col[COL_COUNT], int *missing)
{
	for (int c = 0; c < COL_COUNT; c++)
		if ((col[c] = ticket_field_index(h, ticket_columns[c].name)) < 0) {
			*missing = c;
			return -1;
		}
	return 0;
}

/* Reads a coded cell as the table spells it: 0 and *v, or -1. */
static int
read_code(int c, const struct csv_field *f, int64_t *v)
{
	const struct vocabulary *t = &vocabularies[c];

	/* the first byte first: no two values begin alike, most are one byte */
	for (int i = 0; i < t->nname; i++)
		if (f->len == t->name[i].len && f->s[0] == t->name[i].text[0] &&
		    (f->len == 1 || memcmp(f->s, t->name[i].text, f->len) == 0)) {
			*v = i;
			return 0;
		}
	return -1;
}

/* Reads a decimal cell, at most INT64_MAX / 2 units: 0 and *v, or -1. */
static int
read_decimal(const struct csv_field *f, int64_t *v)
{
	__int128 x;

	if (parse_fixed(f->s, f->len, TICKET_DECIMALS, &x) != 0 || x > INT64_MAX / 2)
		return -1;
	*v = (int64_t)x;
	return 0;
}

/* Reads cell f of column c into t: 0, or -1. */
static inline int
read_cell(struct ticket *t, int c, const struct csv_field *f)
{
	t->text[c] = *f;
	t->v[c] = TICKET_EMPTY;
	if (f->len == 0)
		return ticket_columns[c].required ? -1 : 0;
	switch (ticket_columns[c].type) {
	case TICKET_TEXT:
		return 0;
	case TICKET_TIME:
		return time_parse(f->s, f->len, &t->v[c]);
	case TICKET_CODE:
		return read_code(c, f, &t->v[c]);
	case TICKET_DECIMAL:
		return read_decimal(f, &t->v[c]);
	}
	return -1;
}

int
ticket_read(struct ticket *t, const int col[COL_COUNT], const struct csv_field *f,
    unsigned cells, int *bad)
{
	/* unrolled as ticket_write is: aggregate reads every row through here */
#pragma GCC unroll 32
	for (int c = 0; c < COL_COUNT; c++)
		if ((cells >> c & 1) && read_cell(t, c, &f[col[c]]) != 0) {
			*bad = c;
			return -1;
		}
	return 0;
}

/* Labels of the total rows under a spreadsheet's data. */
static const struct spelling summary_words[] = {
	SP("合计", 0), SP("总计", 0), SP("小计", 0), SP("共计", 0), SP("总数", 0),
	SP("grand total", 0), SP("total", 0),
};

int
ticket_is_summary(const char *s, size_t len)
{
	static const char gong[] = "共";

	trim_blanks(&s, &len);
	for (size_t i = 0; i < nitems(summary_words); i++) {
		size_t n = summary_words[i].len;

		/* the first bytes first: most first cells are ids */
		if (len >= n && (s[0] | 0x20) == (summary_words[i].text[0] | 0x20) &&
		    ascii_case_equal(s, summary_words[i].text, n) &&
		    (len == n || !((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z')))
			return 1;
	}
	/* 共 3000 件, 共3000条: 共 then a number */
	if (len > 3 && memcmp(s, gong, 3) == 0) {
		s += 3;
		len -= 3;
		trim_blanks(&s, &len);
		return len > 0 && s[0] >= '0' && s[0] <= '9';
	}
	return 0;
}
