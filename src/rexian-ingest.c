/* rexian-ingest: hotline dumps in, the clean ticket table out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "ingest.h"
#include "profile.h"
#include "timeutil.h"
#include "tools.h"
#include "util.h"

static const char usage_text[] =
"usage: rexian-ingest [OPTION]... [FILE]...\n"
"Read hotline ticket dumps (CSV, UTF-8 or GB18030) and write the ticket\n"
"table: id,created,due,closed,channel,type,category,district,department,\n"
"status,direct,resolved,satisfaction,reasonable,on_time,hours,workdays.\n"
"With no FILE, or FILE -, read standard input.\n"
"Workbooks (.xlsx, .xls) are told from CSV by content, not by name.\n"
"\n"
"  -e, --encoding ENC     auto (default), utf-8 or gb18030 (also gbk)\n"
"  -s, --sheet NAME|N     the sheet of a workbook to read, by name or number\n"
"                         from 1 (default: the first)\n"
"  -m, --map COL=HEADER   take ticket column COL from input column HEADER\n"
"  -k, --keep HEADER      append input column HEADER to the output\n"
"  -l, --list-columns     print how each input header maps (and what each\n"
"                         --profile says), then exit\n"
"      --list-values COL  print each value of COL (a ticket column or an\n"
"                         input header), its count and meaning, then exit\n"
"      --aliases          print every header rexian recognises, then exit\n"
"      --header-row N     the header is on line N (default: the first of the\n"
"                         first 20 lines to name an id and a created column)\n"
"      --recode COL:FROM=TO\n"
"                         value FROM of coded column COL means TO, e.g.\n"
"                         'status:Referred Out=closed'; repeatable\n"
"      --exclude COL=VALUE\n"
"                         leave out rows whose COL is VALUE: counted as\n"
"                         excluded, kept in the rejects file; repeatable\n"
"  -p, --profile NAME|FILE\n"
"                         the options in FILE, one a line, or a built-in\n"
"                         profile: nyc311, la311, boston311\n"
"  -r, --rejects FILE     write rejected rows with file, line and reason\n"
"      --summary FILE     write the summary as CSV (file,item,value): read,\n"
"                         written, rejected, each reject kind, excluded,\n"
"                         after_as_of, placeholders, and each date\n"
"                         column's form (date:COLUMN)\n"
"      --rejects-contract\n"
"                         the rejects file holds only the ticket table's\n"
"                         input columns (id ... reasonable), none of the\n"
"                         dump's others (names, phones)\n"
"      --max-rejects N    exit 1 when more than N rows (or N%) are rejected\n"
"                         (default 0)\n"
"      --as-of TIME       the table as it stood at TIME: tickets created\n"
"                         at or after it are excluded, those closed at or\n"
"                         after it are open, open ones past due are late\n"
"      --date-order ORDER dmy (day first), mdy (month first) or ymd: how\n"
"                         dates such as 08/01/2022 read (default: what each\n"
"                         column shows, by a day over 12 or a year first;\n"
"                         when nothing shows it, exit 1)\n"
"      --date-format [COL=]FMT\n"
"                         read dates of COL (created, due, closed or its\n"
"                         header; default all) by FMT: %Y %y %m %d %H %I\n"
"                         %M %S %p, e.g. 'created=%d/%m/%Y %H:%M'; repeatable\n"
"      --year-pivot N     two-digit years N..99 are 19xx, the rest 20xx\n"
"                         (default 69, as POSIX strptime)\n"
"      --utc-offset +HH:MM\n"
"                         dates with a zone (Z, +08:00) are converted to\n"
"                         this offset (default: such dates are rejected)\n"
"      --due SPEC         due time when the dump has none: 5wd (working\n"
"                         days), 10d (days) or 72h (hours)\n"
"      --calendar CAL     working days: cn (default, 2020-2026), weekends,\n"
"                         or a FILE of date,kind,name rows\n"
"  -j, --jobs N           threads that check chunks of the input, the output\n"
"                         the same bytes (default: the cores past a file's\n"
"                         first 32 MiB; 1 writing into a pipe or a terminal)\n"
"      --formula-safe     prefix text cells starting with = + - @ with ' so\n"
"                         spreadsheets do not run them as formulas\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 data problems beyond --max-rejects, 2 usage.\n"
"See rexian-ingest(1).\n";

enum { OPT_ALIASES = 256, OPT_MAX_REJECTS, OPT_AS_OF, OPT_DUE, OPT_CALENDAR,
	OPT_FORMULA_SAFE, OPT_LIST_VALUES, OPT_HEADER_ROW, OPT_RECODE, OPT_EXCLUDE,
	OPT_REJECTS_CONTRACT, OPT_DATE_ORDER, OPT_DATE_FORMAT, OPT_YEAR_PIVOT,
	OPT_UTC_OFFSET, OPT_SUMMARY };

static const struct option long_options[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "sheet", required_argument, NULL, 's' },
	{ "map", required_argument, NULL, 'm' },
	{ "keep", required_argument, NULL, 'k' },
	{ "list-columns", no_argument, NULL, 'l' },
	{ "aliases", no_argument, NULL, OPT_ALIASES },
	{ "rejects", required_argument, NULL, 'r' },
	{ "rejects-contract", no_argument, NULL, OPT_REJECTS_CONTRACT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "max-rejects", required_argument, NULL, OPT_MAX_REJECTS },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "due", required_argument, NULL, OPT_DUE },
	{ "date-order", required_argument, NULL, OPT_DATE_ORDER },
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT },
	{ "year-pivot", required_argument, NULL, OPT_YEAR_PIVOT },
	{ "utc-offset", required_argument, NULL, OPT_UTC_OFFSET },
	{ "calendar", required_argument, NULL, OPT_CALENDAR },
	{ "formula-safe", no_argument, NULL, OPT_FORMULA_SAFE },
	{ "list-values", required_argument, NULL, OPT_LIST_VALUES },
	{ "header-row", required_argument, NULL, OPT_HEADER_ROW },
	{ "recode", required_argument, NULL, OPT_RECODE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "profile", required_argument, NULL, 'p' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* --encoding's names, in any case */
static const struct {
	const char *name;
	enum csv_encoding enc;
} encodings[] = {
	{ "auto", CSV_AUTO }, { "utf-8", CSV_UTF8 }, { "utf8", CSV_UTF8 },
	{ "gb18030", CSV_GB18030 }, { "gbk", CSV_GB18030 }, { "gb2312", CSV_GB18030 },
};

static enum csv_encoding
parse_encoding(const char *s)
{
	int i = name_find(s, strlen(s), &encodings[0].name,
	    nitems(encodings), sizeof(encodings[0]),
	    NAME_ANY_CASE);

	if (i < 0)
		die_usage("unknown encoding '%s' (want auto, utf-8 or gb18030)", s);
	return encodings[i].enc;
}

static void
parse_map(struct ingest_options *opt, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int col;

	if (eq == NULL || eq[1] == '\0')
		die_usage("--map wants COL=HEADER, not '%s'", arg);
	col = ticket_col_by_name(arg, (size_t)(eq - arg));
	if (col < 0 || col >= COL_INPUT_COUNT)
		die_usage("--map: '%.*s' is not an input column of the ticket table",
		    (int)(eq - arg), arg);
	opt->map[col] = eq + 1;
}

static void
parse_max_rejects(struct ingest_options *opt, const char *arg)
{
	size_t n = strlen(arg);
	char *end;

	if (n > 0 && arg[n - 1] == '%') {
		double share = strtod(arg, &end);

		if (end != arg + n - 1 || share < 0 || share > 100)
			die_usage("--max-rejects: bad share '%s'", arg);
		opt->max_rejects_share = share / 100;
	} else if (parse_int(arg, 0, INT64_MAX, &opt->max_rejects) != 0)
		die_usage("--max-rejects: bad count '%s'", arg);
}

/* --recode COL:FROM=TO, TO a contract value of coded column COL. */
static void
parse_recode(struct ingest_options *opt, const char *arg, size_t *cap)
{
	const char *colon = strchr(arg, ':'), *eq;
	struct ingest_recode *rc;
	int col;

	eq = colon != NULL ? strrchr(colon, '=') : NULL;
	if (colon == NULL || eq == NULL || eq == colon + 1)
		die_usage("--recode wants COL:FROM=TO, not '%s'", arg);
	col = ticket_col_by_name(arg, (size_t)(colon - arg));
	if (!ticket_col_is_coded(col))
		die_usage("--recode: '%.*s' is not a coded column (status, "
		    "satisfaction, direct, resolved, reasonable)", (int)(colon - arg), arg);
	xgrow(&opt->recode, cap, (size_t)opt->nrecode + 1, sizeof(*opt->recode));
	rc = &opt->recode[opt->nrecode++];
	rc->col = col;
	rc->from = colon + 1;
	rc->from_len = (size_t)(eq - colon - 1);
	if (ticket_parse_contract_value(col, eq + 1, strlen(eq + 1), &rc->to) != 0)
		die_usage("--recode: '%s' is not a %s value (%s)", eq + 1,
		    ticket_columns[col].name, ticket_contract_values(col));
}

/* --exclude COL=VALUE, COL a ticket column or an input header. */
static void
parse_exclude(struct ingest_options *opt, const char *arg, size_t *cap)
{
	const char *eq = strchr(arg, '=');
	struct ingest_exclude *x;

	if (eq == NULL || eq == arg)
		die_usage("--exclude wants COL=VALUE, not '%s'", arg);
	xgrow(&opt->exclude, cap, (size_t)opt->nexclude + 1, sizeof(*opt->exclude));
	x = &opt->exclude[opt->nexclude++];
	x->col = arg;
	x->col_len = (size_t)(eq - arg);
	x->value = eq + 1;
	x->text = arg;
}

/*
 * --date-format [COL=]FMT: COL= when the text before the first = has no
 * %, as a format's does.  A COL that is a ticket column must be a date
 * column; any other is an input header, looked for in each file.
 */
static void
parse_date_format(struct ingest_options *opt, const char *arg, size_t *cap)
{
	const char *eq = strchr(arg, '=');
	struct ingest_date_format *df;
	char msg[256];
	int col;

	xgrow(&opt->date_format, cap, (size_t)opt->ndate_format + 1,
	    sizeof(*opt->date_format));
	df = &opt->date_format[opt->ndate_format];
	*df = (struct ingest_date_format){ NULL, 0, arg };
	if (eq != NULL && memchr(arg, '%', (size_t)(eq - arg)) == NULL) {
		if (eq == arg)
			die_usage("--date-format wants [COL=]FMT, not '%s'", arg);
		col = ticket_col_by_name(arg, (size_t)(eq - arg));
		if (col >= 0 && (col < COL_CREATED || col > COL_CLOSED))
			die_usage("--date-format: '%.*s' is not a date column (created, "
			    "due, closed)", (int)(eq - arg), arg);
		*df = (struct ingest_date_format){ arg, (size_t)(eq - arg), eq + 1 };
	}
	if (date_format_check(df->format, msg, sizeof(msg)) != 0)
		die_usage("--date-format '%s': %s", df->format, msg);
	opt->ndate_format++;
}

/* --utc-offset +HH:MM (or +HHMM, +HH, Z): seconds east of UTC. */
static void
parse_utc_offset(struct ingest_options *opt, const char *arg)
{
	struct date_value v;
	char probe[64];

	/* read as a time's zone suffix is, so the same forms are taken */
	if (strlen(arg) > 16 || snprintf(probe, sizeof(probe), "2000-01-01 00:00%s",
	    arg) < 0 || date_scan(probe, strlen(probe), &v) != 0 ||
	    v.shape.zone == ZONE_NONE || arg[0] == ' ')
		die_usage("--utc-offset: want +HH:MM (e.g. +08:00, -05:00), not '%s'",
		    arg);
	opt->has_utc_offset = 1;
	opt->utc_offset = v.zone_secs;
	opt->utc_offset_text = arg;
}

/* The output's column names must differ: a reader takes the first of two. */
static void
refuse_duplicate_keep(const struct ingest_options *opt)
{
	for (int k = 0; k < opt->nkeep; k++) {
		for (int c = 0; c < COL_COUNT; c++)
			if (strcmp(opt->keep[k], ticket_columns[c].name) == 0)
				die_usage("--keep %s: the ticket table has a column '%s' "
				    "already", opt->keep[k], ticket_columns[c].name);
		for (int j = 0; j < k; j++)
			if (strcmp(opt->keep[j], opt->keep[k]) == 0)
				die_usage("--keep %s: given twice", opt->keep[k]);
	}
}

/*
 * Threads check chunks of the input while the main thread takes them in
 * order, on every core where rexian-ingest has the machine to itself:
 * handing rows over in memory (rexian's chain), writing a tee stage's file
 * or writing the ticket table to a file (5M rows to a file: 2.2 s in one
 * thread, 1.6 s on two cores).  Into a pipe the next stage
 * (rexian-aggregate) wants a core, and one thread is as fast (the 5M
 * pipe: 2.4 s either way, bench/RESULTS.md).  They start once a file has
 * proved longer than JOBS_AFTER: on less their memory and the chunks
 * taken again cost more than they save (100,000 tickets, 21 MB, to a
 * file: 0.07 s in one thread, 0.09 s with two from the start).
 */
enum { JOBS_AFTER = 32 << 20 };

static int
default_jobs(const struct ticket_sink *sink)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct stat st;

	if (sink == NULL && (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode)))
		return 1;
	return cores < 1 ? 1 : cores > JOBS_MAX ? JOBS_MAX : (int)cores;
}

/* What the options say, as they are read from the command line and profiles. */
struct settings {
	struct ingest_options opt;
	size_t nkeep_cap, nrecode_cap, nexclude_cap, ndate_format_cap;
	const char *calendar;
	const char *list_values;
	int list;
	struct profile **profile;	/* read so far: the options point into them */
	size_t nprofile, profile_cap;
};

enum { PROFILE_DEPTH = 8 };

static void apply_profile(struct settings *st, const char *arg, int depth);

/* Applies option c with its argument, from the command line or a profile. */
static void
apply(struct settings *st, int c, const char *arg, int depth)
{
	struct ingest_options *opt = &st->opt;
	long long n;

	switch (c) {
	case 'e':
		opt->encoding = parse_encoding(arg);
		break;
	case 's':
		opt->sheet = arg;
		break;
	case 'm':
		parse_map(opt, arg);
		break;
	case 'k':
		xgrow(&opt->keep, &st->nkeep_cap, (size_t)opt->nkeep + 1,
		    sizeof(*opt->keep));
		opt->keep[opt->nkeep++] = arg;
		break;
	case 'l':
		st->list = 1;
		break;
	case OPT_LIST_VALUES:
		st->list_values = arg;
		break;
	case 'r':
		opt->rejects_path = arg;
		break;
	case OPT_REJECTS_CONTRACT:
		opt->rejects_contract = 1;
		break;
	case OPT_SUMMARY:
		opt->summary_path = arg;
		break;
	case OPT_MAX_REJECTS:
		parse_max_rejects(opt, arg);
		break;
	case OPT_AS_OF:
		if (time_parse(arg, strlen(arg), &opt->as_of) != 0)
			die_usage("--as-of: bad time '%s'", arg);
		opt->has_as_of = 1;
		break;
	case OPT_DUE:
		if (ingest_parse_due(arg, &opt->due_unit, &opt->due_n) != 0)
			die_usage("--due: bad value '%s' (want e.g. 5wd, 10d, 72h)", arg);
		break;
	case OPT_CALENDAR:
		st->calendar = arg;
		break;
	case OPT_DATE_ORDER:
		if (date_order_by_name(arg) < 0)
			die_usage("--date-order: want dmy, mdy or ymd, not '%s'", arg);
		opt->date_order = (unsigned)date_order_by_name(arg);
		break;
	case OPT_DATE_FORMAT:
		parse_date_format(opt, arg, &st->ndate_format_cap);
		break;
	case OPT_YEAR_PIVOT:
		if (parse_int(arg, 0, 100, &n) != 0)
			die_usage("--year-pivot: want 0 to 100, not '%s'", arg);
		opt->year_pivot = (int)n;
		break;
	case OPT_UTC_OFFSET:
		parse_utc_offset(opt, arg);
		break;
	case OPT_FORMULA_SAFE:
		opt->formula_safe = 1;
		break;
	case OPT_HEADER_ROW:
		if (parse_int(arg, 1, 1000000, &n) != 0)
			die_usage("--header-row: want a line number, not '%s'", arg);
		opt->header_row = (long)n;
		break;
	case OPT_RECODE:
		parse_recode(opt, arg, &st->nrecode_cap);
		break;
	case OPT_EXCLUDE:
		parse_exclude(opt, arg, &st->nexclude_cap);
		break;
	case 'p':
		apply_profile(st, arg, depth + 1);
		break;
	case 'j':
		if (parse_int(arg, 1, JOBS_MAX, &n) != 0)
			die_usage("--jobs: want 1 to %d, not '%s'", JOBS_MAX, arg);
		opt->jobs = (int)n;
		break;
	default:
		for (const struct option *o = long_options; o->name != NULL; o++)
			if (o->val == c)
				die_usage("--%s cannot be in a profile", o->name);
		die_usage("an option that cannot be in a profile");
	}
}

/* Reads a profile and applies its lines where --profile stands. */
static void
apply_profile(struct settings *st, const char *arg, int depth)
{
	struct profile *p;
	char place[512];

	if (depth > PROFILE_DEPTH)
		die_usage("--profile %s: profiles nested more than %d deep", arg,
		    PROFILE_DEPTH);
	p = profile_load(arg, long_options);
	xgrow(&st->profile, &st->profile_cap, st->nprofile + 1, sizeof(*st->profile));
	st->profile[st->nprofile++] = p;
	for (size_t i = 0; i < p->nline; i++) {
		const struct profile_line *l = &p->line[i];

		snprintf(place, sizeof(place), "%s:%ld: ", p->name, l->line);
		util_message_place(place);
		apply(st, l->option->val, l->value, depth);
		util_message_place(NULL);
	}
}

/* --list-columns shows what each profile says: its text, as a profile. */
static void
show_profiles(const struct settings *st)
{
	for (size_t i = 0; i < st->nprofile; i++) {
		const struct profile *p = st->profile[i];

		out_printf(&out_stdout, "# --profile %s%s\n", p->name,
		    p->builtin ? " (built in)" : "");
		out_write(&out_stdout, p->text, p->len);
		if (p->len > 0 && p->text[p->len - 1] != '\n')
			out_putc(&out_stdout, '\n');
	}
}

static void
settings_free(struct settings *st)
{
	for (size_t i = 0; i < st->nprofile; i++)
		profile_free(st->profile[i]);
	free(st->profile);
	free(st->opt.keep);
	free(st->opt.recode);
	free(st->opt.exclude);
	free(st->opt.date_format);
}

int
ingest_main_sink(int argc, char **argv, const struct ticket_sink *sink)
{
	struct settings st = { .opt = { .max_rejects_share = -1,
	    .year_pivot = YEAR_PIVOT }, .calendar = "cn" };
	struct calendar *cal;
	int c, status = 0;

	util_init("rexian-ingest", argv);
	while ((c = getopt_long(argc, argv, "e:s:m:k:lr:j:p:hV", long_options, NULL)) != -1) {
		/* what writes text rather than a table stays a process of its own */
		if (sink != NULL && (c == OPT_ALIASES || c == 'h' || c == 'V')) {
			settings_free(&st);
			return TOOL_UNFUSED;
		}
		switch (c) {
		case OPT_ALIASES:
			ticket_print_aliases(&out_stdout);
			settings_free(&st);
			return 0;
		case 'h':
			out_puts(&out_stdout, usage_text);
			settings_free(&st);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-ingest " REXIAN_VERSION "\n");
			settings_free(&st);
			return 0;
		case '?':
			fputs(usage_text, stderr);
			settings_free(&st);
			return 2;
		default:
			apply(&st, c, optarg, 0);
		}
	}
	argv += optind;
	argc -= optind;
	if (st.opt.rejects_path != NULL)
		refuse_input_as_output("--rejects", st.opt.rejects_path, argv, argc);
	if (st.opt.summary_path != NULL)
		refuse_input_as_output("--summary", st.opt.summary_path, argv, argc);
	refuse_duplicate_keep(&st.opt);
	/* a file named as standard output is the next stage's input in the pipe */
	if (sink != NULL && (st.list || st.list_values != NULL || st.opt.formula_safe ||
	    is_open_on(st.opt.rejects_path, STDOUT_FILENO) ||
	    is_open_on(st.opt.summary_path, STDOUT_FILENO))) {
		settings_free(&st);
		return TOOL_UNFUSED;
	}
	st.opt.sink = sink;
	if (st.list) {
		show_profiles(&st);
		if (argc > 0 || st.nprofile == 0)
			ingest_list_columns(&st.opt, argv, argc);
	} else if (st.list_values != NULL)
		ingest_list_values(&st.opt, st.list_values, argv, argc);
	else {
		struct err e;

		if (strcmp(st.calendar, "cn") == 0)
			or_die(calendar_china(&cal, &e), &e);
		else if (strcmp(st.calendar, "weekends") == 0)
			cal = calendar_weekends();
		else if (calendar_load(st.calendar, &cal, &e) != 0) {
			settings_free(&st);
			die_err(&e);
		}
		st.opt.calendar = cal;
		if (st.opt.jobs == 0) {
			st.opt.jobs = default_jobs(sink);
			st.opt.jobs_after = JOBS_AFTER;
		}
		status = ingest_run(&st.opt, argv, argc);
		calendar_free(cal);
	}
	settings_free(&st);
	return status;
}

int
ingest_main(int argc, char **argv)
{
	return ingest_main_sink(argc, argv, NULL);
}
