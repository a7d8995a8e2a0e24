/* rexian-aggregate: tickets to additive counts per period and group. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "chain.h"
#include "tools.h"
#include "util.h"

/* --keys, apart from the rest */
enum { OPT_KEYS = 512 };

static const char usage_text[] =
"usage: rexian-aggregate [--by KEY[,KEY]...] [OPTION]... [FILE]...\n"
"Read ticket tables (from rexian-ingest) and write the count table: the\n"
"keys, then additive counts and sums per group.  With no FILE, or FILE -,\n"
"read standard input.\n"
"\n"
"  -b, --by KEYS          group by these keys, comma-separated: any ticket\n"
"                         column (department, district, category, ...), a\n"
"                         calendar unit (day, week, month, quarter, year),\n"
"                         or period (named periods from --periods);\n"
"                         without --by, one row of totals\n"
"  -p, --periods FILE     named periods: name,start,end rows, inclusive dates\n"
"  -d, --date WHICH       created (default) or closed: the time that places\n"
"                         a ticket in a period\n"
"      --fill             print every calendar period from the first to the\n"
"                         last (named periods: those seen) x every group\n"
"                         seen, zero counts where there were no tickets\n"
"  -m, --merge            the inputs are count tables with the same header:\n"
"                         add rows with equal keys; tables with a rollup\n"
"                         column have their subtotals rolled up again\n"
"      --rollup           add subtotal rows (SQL ROLLUP over the --by keys\n"
"                         in order): rolled keys read ALL, and a last key\n"
"                         column rollup says how many keys a row rolls up\n"
"                         (0 for the groups themselves)\n"
"  -w, --where COL=V1,V2  count only tickets whose COL (any ticket column)\n"
"                         is one of the values; repeatable, all must hold\n"
"      --where-not COL=V1,V2\n"
"                         leave out tickets whose COL is one of the values;\n"
"                         repeatable.  How many tickets the filters left out\n"
"                         is said on standard error\n"
"      --streaming        Hadoop Streaming: write KEYS<TAB>COUNTS lines, no\n"
"                         header; with --merge --by KEYS, read such lines\n"
"                         sorted by key and write the count table\n"
"      --keys FILE        name groups before counting: FILE's lines KEY,NAME\n"
"                         give the values of one --by column (FILE's header\n"
"                         COLUMN,name) their official names, and keys with\n"
"                         one name are counted as one group; repeatable, a\n"
"                         file per column.  See rexian(7)\n"
"      --formula-safe     prefix keys starting with = + - @ with ' so\n"
"                         spreadsheets do not run them as formulas\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 bad input, 2 usage.  See rexian-aggregate(1).\n";

enum { OPT_FILL = 256, OPT_WHERE_NOT, OPT_STREAMING, OPT_FORMULA_SAFE, OPT_ROLLUP };

static const struct option long_options[] = {
	{ "by", required_argument, NULL, 'b' },
	{ "periods", required_argument, NULL, 'p' },
	{ "date", required_argument, NULL, 'd' },
	{ "fill", no_argument, NULL, OPT_FILL },
	{ "merge", no_argument, NULL, 'm' },
	{ "where", required_argument, NULL, 'w' },
	{ "where-not", required_argument, NULL, OPT_WHERE_NOT },
	{ "streaming", no_argument, NULL, OPT_STREAMING },
	{ "rollup", no_argument, NULL, OPT_ROLLUP },
	{ "formula-safe", no_argument, NULL, OPT_FORMULA_SAFE },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
aggregate_main_after(int argc, char **argv, const struct chain_stage *upstream)
{
	struct aggregate_options opt = { 0 };
	struct period_list *periods = NULL;
	struct keys *keys = NULL;
	const char *periods_path = NULL;
	struct err e;
	int c, status;

	util_init("rexian-aggregate", argv);
	while ((c = getopt_long(argc, argv, "b:p:d:mw:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'b':
			free(opt.by);
			opt.by = split_list(optarg, &opt.nby);
			break;
		case 'p':
			periods_path = optarg;
			break;
		case OPT_KEYS:
			keys_load(&keys, optarg);
			opt.keys = keys;
			break;
		case 'd':
			if (strcmp(optarg, "created") == 0)
				opt.date_closed = 0;
			else if (strcmp(optarg, "closed") == 0)
				opt.date_closed = 1;
			else
				die_usage("--date: '%s' is neither created nor closed", optarg);
			break;
		case OPT_FILL:
			opt.fill = 1;
			break;
		case 'm':
			opt.merge = 1;
			break;
		case 'w':
		case OPT_WHERE_NOT:
			aggregate_add_where(&opt, optarg, c == OPT_WHERE_NOT);
			break;
		case OPT_STREAMING:
			opt.streaming = 1;
			break;
		case OPT_FORMULA_SAFE:
			opt.formula_safe = 1;
			break;
		case OPT_ROLLUP:
			opt.rollup = 1;
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			keys_free(keys);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-aggregate " REXIAN_VERSION "\n");
			keys_free(keys);
			return 0;
		default:
			fputs(usage_text, stderr);
			keys_free(keys);
			return 2;
		}
	}
	if (periods_path != NULL &&
	    period_list_load(periods_path, &periods, &e) != 0) {
		keys_free(keys);
		aggregate_free_where(&opt);
		free(opt.by);
		die_err(&e);
	}
	opt.periods = periods;
	aggregate_check_keys(&opt);
	status = upstream != NULL ?
	    chain_aggregate(upstream, &opt, argv + optind, argc - optind) :
	    aggregate_run(&opt, argv + optind, argc - optind);
	period_list_free(periods);
	keys_free(keys);
	aggregate_free_where(&opt);
	free(opt.by);
	return status;
}

int
aggregate_main(int argc, char **argv)
{
	return aggregate_main_after(argc, argv, NULL);
}
