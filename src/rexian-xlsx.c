/* rexian-xlsx: CSV tables (rate tables, summaries) as the sheets of one workbook. */
#include <getopt.h>
#include <stdio.h>

#include "book.h"
#include "tools.h"
#include "util.h"
#include "xlsxout.h"

static const char usage_text[] =
"usage: rexian-xlsx [OPTION]... [NAME=]FILE...\n"
"Write CSV tables as the sheets of one .xlsx workbook, a sheet per FILE,\n"
"named NAME or after the file.  A rate table's columns show as\n"
"rexian-rate --format xlsx shows them (rates as percentages, k and n as\n"
"integers); other columns are numbers when every cell is one, else text.\n"
"\n"
"  -o, --output FILE      write the workbook to FILE (without it, to\n"
"                         standard output when that is not a terminal)\n"
"  -d, --digits N         decimals of the rates (default 2)\n"
"      --lang L           en (default) or zh: Chinese headings for the\n"
"                         rate tables' columns, their verdicts and flags\n"
"                         in Chinese (基本持平, 样本不足)\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 ok, 1 bad input, 2 usage.  See rexian-xlsx(1).\n";

enum { OPT_LANG = 256 };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "digits", required_argument, NULL, 'd' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
xlsx_main(int argc, char **argv)
{
	static const char *const lang_names[] = { "en", "zh" };
	struct book_options opt = { .digits = 2 };
	long long v;
	int c;

	util_init("rexian-xlsx", argv);
	while ((c = getopt_long(argc, argv, "o:d:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'o':
			opt.output = optarg;
			break;
		case 'd':
			if (parse_int(optarg, 0, 8, &v) != 0)
				die_usage("--digits: want 0 to 8, not '%s'", optarg);
			opt.digits = (int)v;
			break;
		case OPT_LANG:
			opt.zh = pick_option(optarg, "--lang",
			    lang_names, nitems(lang_names));
			break;
		case 'h':
			out_puts(&out_stdout, usage_text);
			return 0;
		case 'V':
			out_puts(&out_stdout, "rexian-xlsx " REXIAN_VERSION "\n");
			return 0;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (optind == argc)
		die_usage("no table to write");
	xlsxout_check_output(opt.output);
	book_run(&opt, argv + optind, argc - optind);
	return 0;
}
