/* rexian-rate: counts to rates with intervals and period-over-period changes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rate.h"
#include "tools.h"
#include "util.h"

/* names and order (--keys) and bulletin counts, apart from the rest */
enum { OPT_KEYS = 512, OPT_BULLETIN_COUNTS };

static const char usage_head[] =
"usage: rexian-rate [OPTION]... [FILE]\n"
"Read a count table (from rexian-aggregate) and write the rate table: the\n"
"keys, then for each metric NAME the columns NAME (percent, days, or\n"
"tickets a day), NAME_k, NAME_n, NAME_lo and NAME_hi.  With no FILE, or\n"
"FILE -, read standard input.\n"
"\n"
"  -m, --metrics LIST     metrics to compute, comma-separated (default:\n"
"                         every metric whose denominator is present)\n"
"  -d, --digits N         decimals, rounded half away from zero from the\n"
"                         exact fraction (default 2)\n"
"      --ci METHOD        wilson (default), exact (Clopper-Pearson) or none\n"
"      --level L          confidence level (default 0.95)\n"
"      --delta REF        change against prev (the calendar period before),\n"
"                         first, or a PERIOD: NAME_prev, NAME_delta_pp (or\n"
"                         NAME_delta for days), NAME_p (two-sided p-value),\n"
"                         NAME_verdict (提高, 下降, 基本持平: p under\n"
"                         1 - level), and for daily NAME_change_pct; REF\n"
"                         year (同比): against the same period a year\n"
"                         before, in NAME_yoy_base, NAME_yoy_delta_pp,\n"
"                         NAME_yoy_p, NAME_yoy_verdict ...; prev,year both.\n"
"                         Empty where the table has no such period\n"
"      --periods FILE     named periods in order (name,start,end), with a\n"
"                         column year_before for --delta year\n"
"      --trend            instead of a row per period, one per series (the\n"
"                         other keys): periods, from, to, and for rates and\n"
"                         mean_days NAME_first, NAME_last, the change per\n"
"                         period NAME_trend_pp (days: NAME_trend) with\n"
"                         NAME_trend_lo/hi, NAME_trend_chi2 (Cochran-\n"
"                         Armitage; days: NAME_trend_t, least squares),\n"
"                         NAME_trend_p and NAME_trend_verdict\n"
"      --over KEY         the period column, when the keys have several\n"
"      --vs-total         NAME_z against all groups of the period together,\n"
"                         funnel limits NAME_lim95_lo/hi, _lim998_lo/hi,\n"
"                         NAME_vs_p and NAME_vs_verdict (显著高于, 显著低于,\n"
"                         无显著差异); rates, and mean_days by Welch\n"
"      --vs-rest          the same, each group against all the others\n"
"      --adjust METHOD    holm or bh: adjust each metric's p-values for the\n"
"                         many comparisons (NAME_p_adj, NAME_vs_p_adj); the\n"
"                         verdicts follow them\n"
"      --min-n N          blank rates whose denominator is under N and mark\n"
"                         them in NAME_flag\n"
"  -f, --format F         csv (default), tsv, markdown, json or xlsx\n"
"  -o, --output FILE      write the xlsx workbook to FILE (without it, to\n"
"                         standard output when that is not a terminal)\n"
"      --lang L           en (default) or zh: Chinese headings\n"
"      --keys FILE        official names and order of one key column's\n"
"                         groups: FILE's header COLUMN,name, lines KEY,NAME;\n"
"                         rows in FILE's order, unlisted keys after them as\n"
"                         they come; repeatable, a file per column.  Groups\n"
"                         merged by a name are counted by rexian-aggregate\n"
"                         --keys, never here\n"
"      --bulletin-counts  with -f markdown --lang zh: tickets received and\n"
"                         the n of means as bulletins write them, floored:\n"
"                         3200余件, 1.2万余件, 105万余件 (exact under 1000),\n"
"                         days with 天; a rate's k/n stays exact\n"
"      --formula-safe     prefix text cells starting with = + - @ with ' so\n"
"                         spreadsheets do not run them as formulas\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Metrics:\n";

static const char usage_tail[] =
"\n"
"Exit status: 0 ok, 1 bad input, 2 usage.  See rexian-rate(1), rexian(7).\n";

enum { OPT_CI = 256, OPT_LEVEL, OPT_DELTA, OPT_OVER, OPT_VS_TOTAL, OPT_MIN_N,
	OPT_LANG, OPT_FORMULA_SAFE, OPT_VS_REST, OPT_ADJUST, OPT_PERIODS, OPT_TREND };

static const struct option long_options[] = {
	{ "metrics", required_argument, NULL, 'm' },
	{ "digits", required_argument, NULL, 'd' },
	{ "ci", required_argument, NULL, OPT_CI },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "delta", required_argument, NULL, OPT_DELTA },
	{ "over", required_argument, NULL, OPT_OVER },
	{ "periods", required_argument, NULL, OPT_PERIODS },
	{ "trend", no_argument, NULL, OPT_TREND },
	{ "vs-total", no_argument, NULL, OPT_VS_TOTAL },
	{ "vs-rest", no_argument, NULL, OPT_VS_REST },
	{ "adjust", required_argument, NULL, OPT_ADJUST },
	{ "min-n", required_argument, NULL, OPT_MIN_N },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "formula-safe", no_argument, NULL, OPT_FORMULA_SAFE },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "bulletin-counts", no_argument, NULL, OPT_BULLETIN_COUNTS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/*
 * --delta REF[,REF]: at most one of prev, first and a period, and year;
 * exits 2 otherwise.  The names point into arg.
 */
static void
parse_delta(struct rate_options *opt, char *arg)
{
	/* the references by name; any other word names a period */
	static const char *const refs[] = { [DELTA_PREV] = "prev", [DELTA_FIRST] = "first" };
	int n;
	char **item = split_list(arg, &n);

	for (int i = 0; i < n; i++) {
		char *p = item[i];

		/* "prev,,year" reads as "prev,year" */
		if (*p == '\0')
			continue;
		if (strcmp(p, "year") == 0) {
			opt->yoy = 1;
			continue;
		}
		if (opt->delta != DELTA_NONE) {
			free(item);
			die_usage("--delta: one of prev, first or a period, with year "
			    "if wanted, not '%s' too", p);
		}
		opt->delta = DELTA_PERIOD;
		for (size_t d = 0; d < nitems(refs); d++)
			if (refs[d] != NULL && strcmp(p, refs[d]) == 0)
				opt->delta = (enum rate_delta)d;
		if (opt->delta == DELTA_PERIOD)
			opt->delta_period = p;
	}
	free(item);
	if (opt->delta == DELTA_NONE && !opt->yoy)
		die_usage("--delta: want prev, first, year or a period");
}

static void
usage(struct out *o)
{
	out_puts(o, usage_head);
	rate_print_metrics(o);
	out_puts(o, usage_tail);
}

int
rate_main(int argc, char **argv)
{
	static const char *const ci_names[] = { "wilson", "exact", "none" };
	static const char *const format_names[] = { "csv", "tsv", "markdown", "json",
		"xlsx" };
	static const char *const lang_names[] = { "en", "zh" };
	static const char *const adjust_names[] = { "holm", "bh" };
	struct rate_options opt = { .digits = 2, .level = 0.95 };
	struct period_list *periods = NULL;
	const char *periods_path = NULL;
	struct out err;
	struct keys *keys = NULL;
	struct err e;
	long long v;
	char *end;
	int c, status;

	util_init("rexian-rate", argv);
	out_fd(&err, STDERR_FILENO, "standard error");
	while ((c = getopt_long(argc, argv, "m:d:f:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'm':
			rate_parse_metrics(&opt, optarg);
			break;
		case 'd':
			if (parse_int(optarg, 0, 8, &v) != 0)
				die_usage("--digits: want 0 to 8, not '%s'", optarg);
			opt.digits = (int)v;
			break;
		case OPT_KEYS:
			keys_load(&keys, optarg);
			opt.keys = keys;
			break;
		case OPT_BULLETIN_COUNTS:
			opt.bulletin_counts = 1;
			break;
		case OPT_CI:
			opt.ci = pick_option(optarg, "--ci",
			    ci_names, nitems(ci_names));
			break;
		case OPT_LEVEL:
			opt.level = strtod(optarg, &end);
			if (*end != '\0' || !(opt.level > 0 && opt.level < 1))
				die_usage("--level: want a number between 0 and 1, not '%s'",
				    optarg);
			break;
		case OPT_DELTA:
			opt.delta = DELTA_NONE;
			opt.yoy = 0;
			parse_delta(&opt, optarg);
			break;
		case OPT_PERIODS:
			periods_path = optarg;
			break;
		case OPT_TREND:
			opt.trend = 1;
			break;
		case OPT_OVER:
			opt.over = optarg;
			break;
		case OPT_VS_TOTAL:
			opt.vs_total = 1;
			break;
		case OPT_VS_REST:
			opt.vs_total = opt.vs_rest = 1;
			break;
		case OPT_ADJUST:
			opt.adjust = (enum stats_adjust)(1 + pick_option(optarg, "--adjust",
			    adjust_names, nitems(adjust_names)));
			break;
		case OPT_MIN_N:
			if (parse_int(optarg, 0, INT64_MAX, &opt.min_n) != 0)
				die_usage("--min-n: bad count '%s'", optarg);
			break;
		case 'f':
			opt.format = pick_option(optarg, "--format",
			    format_names, nitems(format_names));
			break;
		case 'o':
			opt.output = optarg;
			break;
		case OPT_LANG:
			opt.zh = pick_option(optarg, "--lang",
			    lang_names, nitems(lang_names));
			break;
		case OPT_FORMULA_SAFE:
			opt.formula_safe = 1;
			break;
		case 'h':
			usage(&out_stdout);
			out_close(&err);
			keys_free(keys);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-rate " REXIAN_VERSION "\n");
			out_close(&err);
			keys_free(keys);
			return 0;
		default:
			usage(&err);
			out_close(&err);
			keys_free(keys);
			return 2;
		}
	}
	if (argc - optind > 1)
		die_usage("one count table at a time (merge several with "
		    "rexian-aggregate --merge)");
	if (opt.trend && (opt.delta != DELTA_NONE || opt.yoy || opt.vs_total ||
	    opt.min_n > 0 || opt.adjust != ADJUST_NONE))
		die_usage("--trend writes one row per series: not with --delta, "
		    "--vs-total, --vs-rest, --min-n or --adjust");
	if (opt.output != NULL && opt.format != FORMAT_XLSX)
		die_usage("-o is for --format xlsx; redirect standard output for %s",
		    format_names[opt.format]);
	if (opt.format == FORMAT_XLSX)
		xlsxout_check_output(opt.output);
	if (opt.bulletin_counts && !(opt.format == FORMAT_MARKDOWN && opt.zh))
		die_usage("--bulletin-counts writes counts for a Chinese bulletin "
		    "(105万余件): use it with --format markdown --lang zh");
	out_close(&err);
	if (periods_path != NULL &&
	    period_list_load(periods_path, &periods, &e) != 0) {
		keys_free(keys);
		die_err(&e);
	}
	opt.periods = periods;
	status = rate_run(&opt, optind < argc ? argv[optind] : NULL);
	period_list_free(periods);
	keys_free(keys);
	return status;
}
