/* rexian-chart: rate tables to publication-ready PNG, PDF and SVG charts. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "tools.h"
#include "util.h"

/* --keys, apart from the rest */
enum { OPT_KEYS = 512 };

static const char usage_text[] =
"usage: rexian-chart [OPTION]... -o OUTPUT [FILE]\n"
"  or:  rexian-chart --flow PARTS [OPTION]... -o OUTPUT.pdf\n"
"Draw a chart of a CSV table (normally a rate table from rexian-rate) to\n"
"OUTPUT, a .png, .pdf or .svg file (or - with --format).  With no FILE, or\n"
"FILE -, read standard input.\n"
"\n"
"  -k, --kind KIND        line (default), bar, barh (ranked groups), funnel\n"
"                         (rate against n with control limits), pchart (one\n"
"                         group over periods with control limits), table\n"
"                         (the --x and --y columns as a typeset table; in a\n"
"                         PDF it continues on further pages, heading repeated)\n"
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
"      --note TEXT        a source line under the chart (wrapped)\n"
"      --lead TEXT        paragraphs (one a line) under the title, wrapped\n"
"      --total TEXT       a table's row whose --x cell is TEXT is its total:\n"
"                         in bold, a rule above it\n"
"      --page-numbers N/M number the pages from N of M in the footer\n"
"                         (第 N 页 共 M 页 with --lang zh)\n"
"      --flow PARTS       a PDF of several charts and tables down numbered\n"
"                         pages of --size (第 N 页 共 M 页): each line of\n"
"                         PARTS a part's options and table, quoted as in sh\n"
"      --baseline B       pchart limits from total (the table's COL_lim\n"
"                         columns, default) or own (the group's earlier\n"
"                         periods, from COL_k and COL_n)\n"
"      --size WxH         in pixels at 96 dpi (default 800x500)\n"
"      --dpi N            PNG resolution (default 96; 192 doubles the pixels)\n"
"      --ymin V, --ymax V the value axis (a non-zero start is marked; bars\n"
"                         over a cut axis get a break mark)\n"
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
	OPT_YMIN, OPT_YMAX, OPT_SORT, OPT_TOP, OPT_FONT, OPT_LANG, OPT_LEAD,
	OPT_PAGES, OPT_BASELINE, OPT_FLOW, OPT_TOTAL };

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
	{ "lead", required_argument, NULL, OPT_LEAD },
	{ "page-numbers", required_argument, NULL, OPT_PAGES },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "flow", required_argument, NULL, OPT_FLOW },
	{ "total", required_argument, NULL, OPT_TOTAL },
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

/*
 * Parses argv's options into opt, whose where list it allocates (the
 * caller frees opt->where); *flow gets --flow's FILE.  Returns 0 to go on,
 * 1 after --help or --version, 2 after an unknown option.
 */
static int
parse(int argc, char **argv, struct chart_options *opt, const char **flow)
{
	static const char *const langs[] = { "en", "zh" };
	static const char *const sorts[] = { "desc", "none", "asc" };
	static const char *const baselines[] = { "total", "own" };
	const char *kinds[PLOT_KINDS];
	char *end;
	int c;

	for (int k = 0; k < PLOT_KINDS; k++)
		kinds[k] = plot_kinds[k].name;
	*opt = (struct chart_options){ .width = 800, .height = 500, .dpi = 96,
	    .ymin = NAN, .ymax = NAN, .format = -1 };
	opt->where = xcalloc((size_t)argc + 1, sizeof(*opt->where));
	optind = 0;		/* GNU getopt starts afresh: each part is parsed anew */
	while ((c = getopt_long(argc, argv, "k:x:y:s:w:elt:o:f:hV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'k':
			opt->kind = (enum plot_kind)pick_option(optarg, "--kind",
			    kinds, nitems(kinds));
			break;
		case 'x':
			opt->x = optarg;
			break;
		case 'y':
			opt->y = optarg;
			break;
		case 's':
			opt->series = optarg;
			break;
		case 'w':
			if (strchr(optarg, '=') == NULL)
				die_usage("--where wants COL=VALUE, not '%s'", optarg);
			opt->where[opt->nwhere++] = optarg;
			break;
		case 'e':
			opt->error_bars = 1;
			break;
		case 'l':
			opt->labels = 1;
			break;
		case 't':
			opt->title = optarg;
			break;
		case OPT_SUBTITLE:
			opt->subtitle = optarg;
			break;
		case OPT_XLABEL:
			opt->xlabel = optarg;
			break;
		case OPT_YLABEL:
			opt->ylabel = optarg;
			break;
		case OPT_NOTE:
			opt->note = optarg;
			break;
		case OPT_LEAD:
			opt->lead = optarg;
			break;
		case OPT_TOTAL:
			opt->total = optarg;
			break;
		case OPT_PAGES:
			opt->page_first = (int)strtol(optarg, &end, 10);
			if (*end != '/' || end == optarg || opt->page_first < 1)
				die_usage("--page-numbers: want N/M, not '%s'", optarg);
			opt->page_total = (int)parse_number(end + 1, "--page-numbers", 1, 1e6);
			if (opt->page_first > opt->page_total)
				die_usage("--page-numbers: page %d of %d", opt->page_first,
				    opt->page_total);
			break;
		case OPT_BASELINE:
			opt->baseline_own = pick_option(optarg, "--baseline",
			    baselines, nitems(baselines));
			break;
		case OPT_SIZE:
			opt->width = strtod(optarg, &end);
			if (*end != 'x' || !(opt->width >= 200 && opt->width <= 10000))
				die_usage("--size: want WxH, each 200 to 10000, not '%s'", optarg);
			opt->height = parse_number(end + 1, "--size", 200, 10000);
			break;
		case OPT_DPI:
			opt->dpi = parse_number(optarg, "--dpi", 24, 1200);
			break;
		case OPT_YMIN:
			opt->ymin = parse_number(optarg, "--ymin", -1e15, 1e15);
			break;
		case OPT_YMAX:
			opt->ymax = parse_number(optarg, "--ymax", -1e15, 1e15);
			break;
		case OPT_SORT:
			opt->sort = pick_option(optarg, "--sort",
			    sorts, nitems(sorts)) - 1;
			break;
		case OPT_TOP:
			opt->top = (long)parse_number(optarg, "--top", 1, 1e6);
			break;
		case OPT_FONT:
			opt->font = optarg;
			break;
		case OPT_LANG:
			opt->zh = pick_option(optarg, "--lang",
			    langs, nitems(langs));
			break;
		case OPT_KEYS:
			keys_free(opt->keys);
			opt->keys = NULL;
			keys_load(&opt->keys, optarg);
			break;
		case 'o':
			opt->output = optarg;
			break;
		case 'f':
			opt->format = pick_option(optarg, "--format",
			    plot_format_name, PLOT_FORMATS);
			break;
		case OPT_FLOW:
			*flow = optarg;
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			return 1;
		case 'V':
			out_puts(&out_stdout, "rexian-chart " REXIAN_VERSION "\n");
			return 1;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	return 0;
}

/* What a chart (or a part of a --flow) needs to be drawn at all. */
static void
check(const struct chart_options *opt)
{
	if (opt->x == NULL)
		die_usage("no --x column");
	/* a table may show the --x column alone */
	if (opt->y == NULL && plot_kinds[opt->kind].cats != CATS_ROWS)
		die_usage("no --y column");
	if (opt->baseline_own && plot_kinds[opt->kind].limits != LIMITS_TABLE_OR_OWN)
		die_usage("--baseline own is for --kind pchart");
	if (isfinite(opt->ymin) && isfinite(opt->ymax) && opt->ymin >= opt->ymax)
		die_usage("--ymin must be below --ymax");
}

/*
 * Splits the text of a --flow file into parts, one a line, of words as
 * the shell splits them: blanks between words, '...' literal, "..." with
 * \ \" \$ \` escaped, \ outside quotes escaping the next character (a
 * newline too), # starting a comment.  Each part is an argv from "rexian-
 * chart"; returns the number of parts.  The words are written over text;
 * the caller frees *part, each (*part)[i] and the text.
 */
static size_t
split_flow(char *text, const char *name, char ****part)
{
	size_t nparts = 0, pcap = 0, nwords = 0, wcap = 0;
	char *r = text, *w = text, quote = 0, **words = NULL;
	int in_word = 0;

	*part = NULL;
	for (;;) {
		char ch = *r;
		int end_part = 0;

		if (ch == '\0' && quote != 0)
			die_usage("%s: a quote is not closed", name);
		if (quote == '\'' && ch != '\'') {
			*w++ = *r++;
			continue;
		}
		if (quote == '"' && ch != '"') {
			if (ch == '\\' && strchr("\\\"$`", r[1]) != NULL)
				r++;
			*w++ = *r++;
			continue;
		}
		if (quote != 0) {	/* the closing quote */
			quote = 0;
			r++;
			continue;
		}
		if (ch == '\'' || ch == '"') {
			quote = ch;
			r++;
			if (!in_word) {
				xgrow(&words, &wcap, nwords + 2, sizeof(*words));
				words[nwords++] = w;
				in_word = 1;
			}
			continue;
		}
		if (ch == '\\' && r[1] != '\0') {
			r++;
			if (*r == '\n') {
				r++;
				continue;
			}
		} else if (ch == '#' && !in_word) {
			while (*r != '\0' && *r != '\n')
				r++;
			continue;
		} else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\0') {
			if (in_word)
				*w++ = '\0';
			in_word = 0;
			end_part = ch != ' ' && ch != '\t';
			if (ch != '\0')
				r++;
			if (end_part && nwords > 0) {
				words[nwords] = NULL;
				xgrow(part, &pcap, nparts + 1, sizeof(**part));
				(*part)[nparts++] = words;
				words = NULL;
				nwords = wcap = 0;
			}
			if (ch == '\0')
				break;
			continue;
		}
		if (!in_word) {
			xgrow(&words, &wcap, nwords + 2, sizeof(*words));
			if (nwords == 0)
				words[nwords++] = (char *)"rexian-chart";
			words[nwords++] = w;
			in_word = 1;
		}
		*w++ = *r++;
	}
	free(words);
	return nparts;
}

/*
 * --flow FILE: each line of FILE a part (the options of a chart and its
 * table), drawn down the pages of page's size into page's output.
 */
static int
run_flow(const struct chart_options *page, const char *path, int extra)
{
	struct chart_options *part;
	const char **table;
	char ***words, *text;
	size_t n, len = 0;
	FILE *f;
	int status;

	if (extra > 0)
		die_usage("--flow names the tables in its file, not here");
	if ((f = fopen(path, "r")) == NULL)
		die("%s: cannot read it", path);
	text = xmalloc(1);
	for (size_t got = 1; got > 0; len += got) {
		text = xrealloc(text, len + 4097);
		got = fread(text + len, 1, 4096, f);
	}
	text[len] = '\0';
	if (ferror(f))
		die("%s: cannot read it", path);
	fclose(f);
	n = split_flow(text, path, &words);
	if (n == 0)
		die_usage("%s: no parts", path);
	part = xcalloc(n, sizeof(*part));
	table = xcalloc(n, sizeof(*table));
	for (size_t i = 0; i < n; i++) {
		int argc = 0;
		const char *nested = NULL;

		while (words[i][argc] != NULL)
			argc++;
		if (parse(argc, words[i], &part[i], &nested) != 0)
			die_usage("%s: part %zu: --help, --version or an unknown option", path,
			    i + 1);
		if (nested != NULL || part[i].output != NULL)
			die_usage("%s: part %zu: --flow and -o are for the whole", path, i + 1);
		check(&part[i]);
		if (argc - optind != 1)
			die_usage("%s: part %zu: name one table", path, i + 1);
		table[i] = words[i][optind];
		part[i].width = page->width;
		part[i].zh = part[i].zh || page->zh;
		if (part[i].font == NULL)
			part[i].font = page->font;
	}
	if (strcmp(page->output, "-") != 0)
		refuse_input_as_output("--output", page->output, (char **)table, (int)n);
	status = chart_flow(page, part, table, n);
	for (size_t i = 0; i < n; i++) {
		free(part[i].where);
		keys_free(part[i].keys);
		free(words[i]);
	}
	free(part);
	free(table);
	free(words);
	free(text);
	return status;
}

int
chart_main(int argc, char **argv)
{
	struct chart_options opt;
	const char *flow = NULL;
	int status;

	util_init("rexian-chart", argv);
	status = parse(argc, argv, &opt, &flow);
	if (status != 0) {
		free(opt.where);
		keys_free(opt.keys);
		return status == 1 ? 0 : 2;
	}
	if (opt.output == NULL)
		die_usage("no output: name one with -o FILE");
	if (strcmp(opt.output, "-") == 0 && opt.format < 0)
		die_usage("-o - needs --format png, pdf or svg");
	if (flow != NULL) {
		status = run_flow(&opt, flow, argc - optind);
		free(opt.where);
		keys_free(opt.keys);
		return status;
	}
	check(&opt);
	if (argc - optind > 1)
		die_usage("one table at a time");
	if (strcmp(opt.output, "-") != 0)
		refuse_input_as_output("--output", opt.output, argv + optind,
		    argc - optind);
	status = chart_run(&opt, optind < argc ? argv[optind] : NULL);
	free(opt.where);
	keys_free(opt.keys);
	return status;
}
