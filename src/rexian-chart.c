/* rexian-chart: rate tables to publication-ready PNG, PDF and SVG charts. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "util.h"

/* --keys, apart from the rest */
enum { OPT_KEYS = 512 };

static const char usage_text[] =
"usage: rexian-chart [OPTION]... -o OUTPUT [FILE]\n"
"Draw a chart of a CSV table (normally a rate table from rexian-rate) to\n"
"OUTPUT, a .png, .pdf or .svg file (or - with --format).  With no FILE, or\n"
"FILE -, read standard input.\n"
"\n"
"  -k, --kind KIND        line (default), bar, barh (ranked groups), funnel\n"
"                         (rate against n with control limits), pchart (one\n"
"                         group over periods with control limits), table\n"
"                         (the --x and --y columns as a typeset table)\n"
"  -x, --x COL            the categories: periods, or groups for barh/funnel\n"
"  -y, --y COL[,COL]...   the values; several columns draw several series\n"
"                         (a table may have none: the --x column alone)\n"
"  -s, --series COL       one series per value of COL\n"
"  -w, --where COL=VALUE  keep only rows where COL is VALUE (repeatable)\n"
"      --keys FILE        official names and order of a key column's values\n"
"                         (FILE: COLUMN,name header, KEY,NAME lines): rows in\n"
"                         FILE's order by --x, then --series; unlisted after\n"
"                         them; --where sees the table's own values\n"
"  -e, --error-bars       draw COL_lo to COL_hi\n"
"  -l, --labels           write the values on points and bars\n"
"  -t, --title TEXT       (default: the metric's name)\n"
"      --subtitle TEXT\n"
"      --xlabel TEXT, --ylabel TEXT   axis titles (default: the column's name)\n"
"      --note TEXT        a source line under the chart\n"
"      --size WxH         in pixels at 96 dpi (default 800x500)\n"
"      --dpi N            PNG resolution (default 96; 192 doubles the pixels)\n"
"      --ymin V, --ymax V the value axis (a non-zero start is marked)\n"
"      --sort asc|desc    order categories by the first series (bar, barh)\n"
"      --top N            keep the first N categories (after --sort)\n"
"      --font FAMILY      (default: Noto Sans CJK SC)\n"
"      --lang en|zh       the language of default titles\n"
"  -o, --output FILE      the chart; written whole or not at all\n"
"  -f, --format F         png, pdf or svg (default: from the -o extension)\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 bad input, 2 usage.  See rexian-chart(1).\n";

enum { OPT_SUBTITLE = 256, OPT_XLABEL, OPT_YLABEL, OPT_NOTE, OPT_SIZE, OPT_DPI,
	OPT_YMIN, OPT_YMAX, OPT_SORT, OPT_TOP, OPT_FONT, OPT_LANG };

static const struct option long_options[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "x", required_argument, NULL, 'x' },
	{ "y", required_argument, NULL, 'y' },
	{ "series", required_argument, NULL, 's' },
	{ "where", required_argument, NULL, 'w' },
	{ "error-bars", no_argument, NULL, 'e' },
	{ "labels", no_argument, NULL, 'l' },
	{ "title", required_argument, NULL, 't' },
	{ "subtitle", required_argument, NULL, OPT_SUBTITLE },
	{ "xlabel", required_argument, NULL, OPT_XLABEL },
	{ "ylabel", required_argument, NULL, OPT_YLABEL },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "ymin", required_argument, NULL, OPT_YMIN },
	{ "ymax", required_argument, NULL, OPT_YMAX },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "font", required_argument, NULL, OPT_FONT },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static double
parse_number(const char *arg, const char *option, double min, double max)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v >= min && v <= max))
		die_usage("%s: bad number '%s'", option, arg);
	return v;
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "line", "bar", "barh", "funnel", "pchart",
	    "table" };
	static const char *const formats[] = { "png", "pdf", "svg" };
	static const char *const langs[] = { "en", "zh" };
	static const char *const sorts[] = { "desc", "none", "asc" };
	struct chart_options opt = { .width = 800, .height = 500, .dpi = 96,
	    .ymin = NAN, .ymax = NAN, .format = -1 };
	struct keys *keys = NULL;
	char *end;
	int c, status;

	util_init("rexian-chart", argv);
	opt.where = xcalloc((size_t)argc, sizeof(*opt.where));
	while ((c = getopt_long(argc, argv, "k:x:y:s:w:elt:o:f:hV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'k':
			opt.kind = (enum plot_kind)pick_option(optarg, "--kind", kinds, 6);
			break;
		case 'x':
			opt.x = optarg;
			break;
		case 'y':
			opt.y = optarg;
			break;
		case 's':
			opt.series = optarg;
			break;
		case 'w':
			if (strchr(optarg, '=') == NULL)
				die_usage("--where wants COL=VALUE, not '%s'", optarg);
			opt.where[opt.nwhere++] = optarg;
			break;
		case 'e':
			opt.error_bars = 1;
			break;
		case 'l':
			opt.labels = 1;
			break;
		case 't':
			opt.title = optarg;
			break;
		case OPT_SUBTITLE:
			opt.subtitle = optarg;
			break;
		case OPT_XLABEL:
			opt.xlabel = optarg;
			break;
		case OPT_YLABEL:
			opt.ylabel = optarg;
			break;
		case OPT_NOTE:
			opt.note = optarg;
			break;
		case OPT_SIZE:
			opt.width = strtod(optarg, &end);
			if (*end != 'x' || !(opt.width >= 200 && opt.width <= 10000))
				die_usage("--size: want WxH, each 200 to 10000, not '%s'", optarg);
			opt.height = parse_number(end + 1, "--size", 200, 10000);
			break;
		case OPT_DPI:
			opt.dpi = parse_number(optarg, "--dpi", 24, 1200);
			break;
		case OPT_YMIN:
			opt.ymin = parse_number(optarg, "--ymin", -1e15, 1e15);
			break;
		case OPT_YMAX:
			opt.ymax = parse_number(optarg, "--ymax", -1e15, 1e15);
			break;
		case OPT_SORT:
			opt.sort = pick_option(optarg, "--sort", sorts, 3) - 1;
			break;
		case OPT_TOP:
			opt.top = (long)parse_number(optarg, "--top", 1, 1e6);
			break;
		case OPT_FONT:
			opt.font = optarg;
			break;
		case OPT_LANG:
			opt.zh = pick_option(optarg, "--lang", langs, 2);
			break;
		case OPT_KEYS:
			keys_load(&keys, optarg);
			opt.keys = keys;
			break;
		case 'o':
			opt.output = optarg;
			break;
		case 'f':
			opt.format = pick_option(optarg, "--format", formats, 3);
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			free(opt.where);
			keys_free(keys);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-chart " REXIAN_VERSION "\n");
			free(opt.where);
			keys_free(keys);
			return 0;
		default:
			fputs(usage_text, stderr);
			free(opt.where);
			keys_free(keys);
			return 2;
		}
	}
	if (opt.output == NULL)
		die_usage("no output: name one with -o FILE");
	if (strcmp(opt.output, "-") == 0 && opt.format < 0)
		die_usage("-o - needs --format png, pdf or svg");
	if (opt.x == NULL)
		die_usage("no --x column");
	if (opt.y == NULL && opt.kind != PLOT_TABLE)
		die_usage("no --y column");
	if (isfinite(opt.ymin) && isfinite(opt.ymax) && opt.ymin >= opt.ymax)
		die_usage("--ymin must be below --ymax");
	if (argc - optind > 1)
		die_usage("one table at a time");
	if (strcmp(opt.output, "-") != 0)
		refuse_input_as_output("--output", opt.output, argv + optind,
		    argc - optind);
	status = chart_run(&opt, optind < argc ? argv[optind] : NULL);
	free(opt.where);
	keys_free(keys);
	return status;
}
