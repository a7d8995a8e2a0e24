/* rexian-ingest: hotline dumps in, the clean ticket table out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "ingest.h"
#include "timeutil.h"
#include "util.h"

static const char usage_text[] =
"usage: rexian-ingest [OPTION]... [FILE]...\n"
"Read hotline ticket dumps (CSV, UTF-8 or GB18030) and write the ticket\n"
"table: id,created,due,closed,channel,type,category,district,department,\n"
"status,direct,resolved,satisfaction,reasonable,on_time,hours,workdays.\n"
"With no FILE, or FILE -, read standard input.\n"
"\n"
"  -e, --encoding ENC     auto (default), utf-8 or gb18030 (also gbk)\n"
"  -m, --map COL=HEADER   take ticket column COL from input column HEADER\n"
"  -k, --keep HEADER      append input column HEADER to the output\n"
"  -l, --list-columns     print how each input header maps, then exit\n"
"      --aliases          print every header rexian recognises, then exit\n"
"  -r, --rejects FILE     write rejected rows with file, line and reason\n"
"      --max-rejects N    exit 1 when more than N rows (or N%) are rejected\n"
"                         (default 0)\n"
"      --as-of TIME       open tickets past due at TIME count as late\n"
"      --due SPEC         due time when the dump has none: 5wd (working\n"
"                         days), 10d (days) or 72h (hours)\n"
"      --calendar CAL     working days: cn (default, 2020-2026), weekends,\n"
"                         or a FILE of date,kind,name rows\n"
"  -j, --jobs N           threads: 2 reads ahead while the checks run; the\n"
"                         output is the same bytes (default: 2 when writing\n"
"                         to a file on two or more cores, else 1)\n"
"      --formula-safe     prefix text cells starting with = + - @ with ' so\n"
"                         spreadsheets do not run them as formulas\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 data problems beyond --max-rejects, 2 usage.\n"
"See rexian-ingest(1).\n";

enum { OPT_ALIASES = 256, OPT_MAX_REJECTS, OPT_AS_OF, OPT_DUE, OPT_CALENDAR,
	OPT_FORMULA_SAFE };

static const struct option long_options[] = {
	{ "encoding", required_argument, NULL, 'e' },
	{ "map", required_argument, NULL, 'm' },
	{ "keep", required_argument, NULL, 'k' },
	{ "list-columns", no_argument, NULL, 'l' },
	{ "aliases", no_argument, NULL, OPT_ALIASES },
	{ "rejects", required_argument, NULL, 'r' },
	{ "max-rejects", required_argument, NULL, OPT_MAX_REJECTS },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "due", required_argument, NULL, OPT_DUE },
	{ "calendar", required_argument, NULL, OPT_CALENDAR },
	{ "formula-safe", no_argument, NULL, OPT_FORMULA_SAFE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static enum csv_encoding
parse_encoding(const char *s)
{
	if (strcasecmp(s, "auto") == 0)
		return CSV_AUTO;
	if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
		return CSV_UTF8;
	if (strcasecmp(s, "gb18030") == 0 || strcasecmp(s, "gbk") == 0 ||
	    strcasecmp(s, "gb2312") == 0)
		return CSV_GB18030;
	die_usage("unknown encoding '%s' (want auto, utf-8 or gb18030)", s);
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

/*
 * Writing to a file, a second core is free to read ahead; into a pipe, the
 * next stage (rexian-aggregate) wants it.
 */
static int
default_jobs(void)
{
	struct stat st;

	return sysconf(_SC_NPROCESSORS_ONLN) >= 2 && fstat(STDOUT_FILENO, &st) == 0 &&
	    S_ISREG(st.st_mode) ? 2 : 1;
}

int
main(int argc, char **argv)
{
	struct ingest_options opt = { .max_rejects_share = -1 };
	const char *calendar = "cn";
	struct calendar *cal;
	int c, list = 0, status;
	long long jobs;

	util_init("rexian-ingest", argv);
	opt.keep = xcalloc((size_t)argc, sizeof(*opt.keep));
	while ((c = getopt_long(argc, argv, "e:m:k:lr:j:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'e':
			opt.encoding = parse_encoding(optarg);
			break;
		case 'm':
			parse_map(&opt, optarg);
			break;
		case 'k':
			opt.keep[opt.nkeep++] = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case OPT_ALIASES:
			ticket_print_aliases(&out_stdout);
			free(opt.keep);
			return 0;
		case 'r':
			opt.rejects_path = optarg;
			break;
		case OPT_MAX_REJECTS:
			parse_max_rejects(&opt, optarg);
			break;
		case OPT_AS_OF:
			if (time_parse(optarg, strlen(optarg), &opt.as_of) != 0)
				die_usage("--as-of: bad time '%s'", optarg);
			opt.has_as_of = 1;
			break;
		case OPT_DUE:
			if (ingest_parse_due(optarg, &opt.due_unit, &opt.due_n) != 0)
				die_usage("--due: bad value '%s' (want e.g. 5wd, 10d, 72h)",
				    optarg);
			break;
		case OPT_CALENDAR:
			calendar = optarg;
			break;
		case OPT_FORMULA_SAFE:
			opt.formula_safe = 1;
			break;
		case 'j':
			if (parse_int(optarg, 1, 64, &jobs) != 0)
				die_usage("--jobs: want 1 to 64, not '%s'", optarg);
			opt.jobs = (int)jobs;
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			free(opt.keep);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-ingest " REXIAN_VERSION "\n");
			free(opt.keep);
			return 0;
		default:
			fputs(usage_text, stderr);
			free(opt.keep);
			return 2;
		}
	}
	argv += optind;
	argc -= optind;
	if (list) {
		ingest_list_columns(&opt, argv, argc);
		free(opt.keep);
		return 0;
	}
	if (strcmp(calendar, "cn") == 0)
		cal = calendar_china();
	else if (strcmp(calendar, "weekends") == 0)
		cal = calendar_weekends();
	else
		cal = calendar_load(calendar);
	opt.calendar = cal;
	if (opt.jobs == 0)
		opt.jobs = default_jobs();
	status = ingest_run(&opt, argv, argc);
	calendar_free(cal);
	free(opt.keep);
	return status;
}
