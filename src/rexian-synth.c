/* rexian-synth: a synthetic hotline dump, for trying and measuring rexian. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "timeutil.h"
#include "tools.h"
#include "util.h"

static const char usage_text[] =
"usage: rexian-synth --rows N [OPTION]...\n"
"Write a synthetic hotline ticket dump (CSV) to standard output: a Chinese\n"
"12345 export, or a NYC 311 one.  The same options give the same bytes.\n"
"\n"
"  -n, --rows N           data rows (the header is not counted)\n"
"  -s, --seed N           the random seed (default 1)\n"
"      --shape SHAPE      12345 (default) or 311\n"
"  -e, --encoding ENC     utf-8 (default) or gb18030\n"
"      --bom              begin with a UTF-8 byte-order mark, as Excel saves\n"
"      --crlf             CRLF line ends\n"
"      --dirty SHARE      that share of rows (0.01 or 1%) gets one defect:\n"
"                         a bad date, an empty or repeated id, a wrong field\n"
"                         count, or closed before created\n"
"      --start DATE       the first day, YYYY-MM-DD (default 2020-01-01)\n"
"      --end DATE         the last day (default 2022-12-31); the dump is\n"
"                         taken at its end, so late tickets are still open\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 a write failed, 2 usage.  See rexian-synth(1).\n";

enum { OPT_SHAPE = 256, OPT_BOM, OPT_CRLF, OPT_DIRTY, OPT_START, OPT_END };

static const struct option long_options[] = {
	{ "rows", required_argument, NULL, 'n' },
	{ "seed", required_argument, NULL, 's' },
	{ "shape", required_argument, NULL, OPT_SHAPE },
	{ "encoding", required_argument, NULL, 'e' },
	{ "bom", no_argument, NULL, OPT_BOM },
	{ "crlf", no_argument, NULL, OPT_CRLF },
	{ "dirty", required_argument, NULL, OPT_DIRTY },
	{ "start", required_argument, NULL, OPT_START },
	{ "end", required_argument, NULL, OPT_END },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* A share as 0.05 or 5%, in parts of 2^32. */
static uint32_t
parse_share(const char *s)
{
	char *end;
	double x = strtod(s, &end);

	if (end != s && strcmp(end, "%") == 0)
		x /= 100;
	else if (end == s || *end != '\0')
		x = -1;
	if (!(x >= 0 && x <= 1))
		die_usage("--dirty: '%s' is not a share between 0 and 1 (or 0%% and 100%%)", s);
	return x >= 1 ? UINT32_MAX : (uint32_t)llround(x * 4294967296.0);
}

static int64_t
parse_day(const char *s, const char *option)
{
	int64_t day;

	if (date_parse(s, strlen(s), &day) != 0)
		die_usage("%s: '%s' is not a date YYYY-MM-DD", option, s);
	return day;
}

int
synth_main(int argc, char **argv)
{
	static const char *const shapes[] = { "12345", "311" };
	static const char *const encodings[] = { "utf-8", "gb18030" };
	struct synth_options opt = { .seed = 1 };
	int c, has_rows = 0;
	long long v;

	util_init("rexian-synth", argv);
	opt.start_day = days_from_civil(2020, 1, 1);
	opt.end_day = days_from_civil(2022, 12, 31);
	while ((c = getopt_long(argc, argv, "n:s:e:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_int(optarg, 0, 1000000000000LL, &v) != 0)
				die_usage("--rows: '%s' is not a count of rows", optarg);
			opt.rows = v;
			has_rows = 1;
			break;
		case 's':
			if (parse_int(optarg, 0, INT64_MAX, &v) != 0)
				die_usage("--seed: '%s' is not a non-negative integer", optarg);
			opt.seed = (uint64_t)v;
			break;
		case OPT_SHAPE:
			opt.shape = (enum synth_shape)pick_option(optarg, "--shape",
			    shapes, nitems(shapes));
			break;
		case 'e':
			opt.gb18030 = pick_option(optarg, "--encoding",
			    encodings, nitems(encodings));
			break;
		case OPT_BOM:
			opt.bom = 1;
			break;
		case OPT_CRLF:
			opt.crlf = 1;
			break;
		case OPT_DIRTY:
			opt.dirty = parse_share(optarg);
			break;
		case OPT_START:
			opt.start_day = parse_day(optarg, "--start");
			break;
		case OPT_END:
			opt.end_day = parse_day(optarg, "--end");
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-synth " REXIAN_VERSION "\n");
			return 0;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (optind < argc)
		die_usage("unexpected argument '%s'", argv[optind]);
	if (!has_rows)
		die_usage("--rows N is required");
	if (opt.end_day < opt.start_day)
		die_usage("--end is before --start");
	if (opt.start_day < days_from_civil(1970, 1, 1) ||
	    opt.end_day > days_from_civil(9000, 12, 31))
		die_usage("--start and --end must lie within 1970-9000");
	if (opt.bom && opt.gb18030)
		die_usage("--bom is for UTF-8; a GB18030 export has none");
	synth_write(&opt, &out_stdout);
	return 0;
}
