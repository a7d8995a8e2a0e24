#include <string.h>

#include "ticket.h"

const char *const ticket_col_name[COL_COUNT] = {
	"id", "created", "due", "closed", "channel", "type", "category",
	"district", "department", "status", "direct", "resolved",
	"satisfaction", "reasonable", "on_time", "hours", "workdays",
};

const char *const ticket_col_label[COL_COUNT] = {
	"工单编号", "受理时间", "办理时限", "办结时间", "来源渠道", "诉求类型",
	"诉求分类", "区县", "承办单位", "办结状态", "直办", "是否解决",
	"回访结果", "合理诉求", "按期办结", "办理时长(小时)", "办理时长(工作日)",
};

const char *const ticket_status_name[2] = { "open", "closed" };
const char *const ticket_satisfaction_name[3] = { "satisfied", "basic", "dissatisfied" };

struct alias {
	const char *header;
	int col;
};

/*
 * Every header rexian recognises.  The contract's own names come first (a
 * ticket table ingests as itself), then Chinese exports, then NYC 311.
 */
static const struct alias ticket_aliases[] = {
	{ "id", COL_ID }, { "created", COL_CREATED }, { "due", COL_DUE },
	{ "closed", COL_CLOSED }, { "channel", COL_CHANNEL }, { "type", COL_TYPE },
	{ "category", COL_CATEGORY }, { "district", COL_DISTRICT },
	{ "department", COL_DEPARTMENT }, { "status", COL_STATUS },
	{ "direct", COL_DIRECT }, { "resolved", COL_RESOLVED },
	{ "satisfaction", COL_SATISFACTION }, { "reasonable", COL_REASONABLE },

	{ "工单编号", COL_ID }, { "工单号", COL_ID }, { "编号", COL_ID },
	{ "受理时间", COL_CREATED }, { "来电时间", COL_CREATED },
	{ "登记时间", COL_CREATED }, { "创建时间", COL_CREATED },
	{ "办理时限", COL_DUE }, { "截止时间", COL_DUE }, { "办结时限", COL_DUE },
	{ "办结时间", COL_CLOSED }, { "完成时间", COL_CLOSED },
	{ "来源渠道", COL_CHANNEL }, { "渠道", COL_CHANNEL }, { "来源", COL_CHANNEL },
	{ "诉求类型", COL_TYPE }, { "工单类型", COL_TYPE },
	{ "诉求分类", COL_CATEGORY }, { "问题分类", COL_CATEGORY },
	{ "区县", COL_DISTRICT }, { "所属区县", COL_DISTRICT },
	{ "承办单位", COL_DEPARTMENT }, { "办理单位", COL_DEPARTMENT },
	{ "责任单位", COL_DEPARTMENT },
	{ "办结状态", COL_STATUS }, { "工单状态", COL_STATUS },
	{ "是否直办", COL_DIRECT }, { "当场答复", COL_DIRECT },
	{ "是否当场答复", COL_DIRECT }, { "直办", COL_DIRECT },
	{ "是否解决", COL_RESOLVED },
	{ "回访结果", COL_SATISFACTION }, { "满意度", COL_SATISFACTION },
	{ "是否合理诉求", COL_REASONABLE }, { "合理诉求", COL_REASONABLE },

	{ "Unique Key", COL_ID }, { "Created Date", COL_CREATED },
	{ "Closed Date", COL_CLOSED }, { "Due Date", COL_DUE },
	{ "Agency", COL_DEPARTMENT }, { "Complaint Type", COL_CATEGORY },
	{ "Borough", COL_DISTRICT }, { "Status", COL_STATUS },
	{ "Open Data Channel Type", COL_CHANNEL },
};

/* Whether s[0..n) equals the NUL-terminated t, ignoring ASCII case. */
static int
equal_fold(const char *s, size_t n, const char *t)
{
	size_t i;

	for (i = 0; i < n && t[i] != '\0'; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];

		if (a >= 'A' && a <= 'Z')
			a |= 0x20;
		if (b >= 'A' && b <= 'Z')
			b |= 0x20;
		if (a != b)
			return 0;
	}
	return i == n && t[i] == '\0';
}

int
ticket_col_by_name(const char *name, size_t len)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (equal_fold(name, len, ticket_col_name[c]))
			return c;
	return -1;
}

int
ticket_alias_lookup(const char *header, size_t len)
{
	trim_blanks(&header, &len);
	for (size_t i = 0; i < sizeof(ticket_aliases) / sizeof(ticket_aliases[0]); i++)
		if (equal_fold(header, len, ticket_aliases[i].header))
			return ticket_aliases[i].col;
	return -1;
}

void
ticket_print_aliases(struct out *o)
{
	for (int c = 0; c < COL_INPUT_COUNT; c++) {
		const char *sep = "";

		out_printf(o, "%-13s", ticket_col_name[c]);
		for (size_t i = 0; i < sizeof(ticket_aliases) / sizeof(ticket_aliases[0]); i++)
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
    int empty, int *v)
{
	trim_blanks(&s, &len);
	if (len == 0) {
		*v = empty;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].len == len && equal_fold(s, len, t[i].text)) {
			*v = t[i].value;
			return 0;
		}
	return -1;
}

#define LOOKUP(table, s, len, empty, v) \
	lookup_spelling(table, sizeof(table) / sizeof(table[0]), s, len, empty, v)

static const struct spelling bool_spellings[] = {
	SP("是", 1), SP("否", 0), SP("1", 1), SP("0", 0), SP("Y", 1), SP("N", 0),
	SP("yes", 1), SP("no", 0), SP("true", 1), SP("false", 0),
	SP("T", 1), SP("F", 0), SP("√", 1), SP("×", 0),
};

static const struct spelling status_spellings[] = {
	SP("closed", STATUS_CLOSED), SP("已办结", STATUS_CLOSED),
	SP("办结", STATUS_CLOSED), SP("已完成", STATUS_CLOSED),
	SP("已结案", STATUS_CLOSED), SP("已归档", STATUS_CLOSED),
	SP("open", STATUS_OPEN), SP("办理中", STATUS_OPEN), SP("待办", STATUS_OPEN),
	SP("待办理", STATUS_OPEN), SP("未办结", STATUS_OPEN),
	SP("pending", STATUS_OPEN), SP("assigned", STATUS_OPEN),
	SP("in progress", STATUS_OPEN), SP("started", STATUS_OPEN),
};

static const struct spelling satisfaction_spellings[] = {
	SP("satisfied", SAT_SATISFIED), SP("非常满意", SAT_SATISFIED),
	SP("满意", SAT_SATISFIED), SP("basic", SAT_BASIC),
	SP("基本满意", SAT_BASIC), SP("比较满意", SAT_BASIC),
	SP("dissatisfied", SAT_DISSATISFIED), SP("不满意", SAT_DISSATISFIED),
	SP("非常不满意", SAT_DISSATISFIED),
	SP("未回访", SAT_NONE), SP("无法联系", SAT_NONE), SP("拒绝评价", SAT_NONE),
	SP("未评价", SAT_NONE),
};

int
ticket_parse_bool(const char *s, size_t len, int *v)
{
	return LOOKUP(bool_spellings, s, len, TRI_EMPTY, v);
}

int
ticket_parse_status(const char *s, size_t len, int *v)
{
	return LOOKUP(status_spellings, s, len, STATUS_UNKNOWN, v);
}

int
ticket_parse_satisfaction(const char *s, size_t len, int *v)
{
	return LOOKUP(satisfaction_spellings, s, len, SAT_NONE, v);
}
