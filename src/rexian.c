/*
 * rexian: runs a tool (rexian TOOL [ARG]..., as rexian-TOOL would), or a
 * chain of them (rexian ingest ... then aggregate ... then rate ...).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "tools.h"
#include "util.h"

static noreturn void run_program(const char *name, char **argv);

/*
 * rexian-chart, run as the program it is: rexian then links none of
 * cairo's and pango's 35 libraries, whose loading would cost every chain,
 * and each fork of its stages, as much as its counting of a small dump.
 */
static int
chart_program(int argc, char **argv)
{
	(void)argc;
	run_program("chart", argv);
}

static const struct tool {
	const char *name;
	int (*main)(int argc, char **argv);	/* NULL: the shell script rexian-NAME */
	const char *what;
	/* the pair that passes rows in memory (chain.h) */
	int (*main_sink)(int argc, char **argv, const struct ticket_sink *sink);
	int (*main_after)(int argc, char **argv, const struct chain_stage *upstream);
} tools[] = {
	{ .name = "ingest", .main = ingest_main, .main_sink = ingest_main_sink,
	    .what = "messy hotline dump to the clean ticket table" },
	{ .name = "aggregate", .main = aggregate_main,
	    .main_after = aggregate_main_after,
	    .what = "tickets to additive counts per period and group" },
	{ .name = "rate", .main = rate_main,
	    .what = "counts to rates with confidence intervals and changes" },
	{ .name = "chart", .main = chart_program,
	    .what = "rates to PNG, PDF and SVG charts" },
	{ .name = "xlsx", .main = xlsx_main,
	    .what = "CSV tables to one Excel workbook" },
	{ .name = "report",
	    .what = "a month's report folder, or an oversight data package" },
	{ .name = "synth", .main = synth_main,
	    .what = "a synthetic 12345 or 311 dump, for trying and measuring" },
	{ .name = "tee", .main = tee_main,
	    .what = "in a chain: the table passing through, also to FILE" },
};

static const char separator[] = "then";

static void
usage(FILE *f)
{
	fprintf(f, "usage: rexian TOOL [ARG]...   (rexian TOOL --help for a tool's options)\n"
	    "       rexian TOOL [ARG]... then TOOL [ARG]... [then ...]\n\n");
	for (size_t i = 0; i < nitems(tools); i++)
		fprintf(f, "  %-10s %s\n", tools[i].name, tools[i].what);
}

static const struct tool *
tool_named(const char *name)
{
	for (size_t i = 0; i < nitems(tools); i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	fprintf(stderr, "rexian: '%s' is not a rexian tool; see 'rexian --help'\n", name);
	exit(2);
}

/* Runs the program rexian-TOOL from this program's directory, or PATH. */
static noreturn void
run_program(const char *tool, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 80], name[64];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	snprintf(name, sizeof(name), "rexian-%s", tool);
	argv[0] = name;
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/%s", self, name);
			execv(path, argv);
		}
	}
	execvp(name, argv);
	fprintf(stderr, "rexian: %s: %s\n", name, strerror(errno));
	exit(2);
}

/*
 * Splits argv at each "then" into stages, each stage's tool in tool[];
 * exits 2 on an empty stage or one that is not a tool.  The stages point
 * into argv, whose separators become the NULL ending each stage's argv.
 */
static int
split_stages(int argc, char **argv, struct chain_stage *stage,
    const struct tool **tool)
{
	int n = 0, start = 0;

	for (int i = 0; i <= argc; i++) {
		if (i < argc && strcmp(argv[i], separator) != 0)
			continue;
		if (i == start) {
			fprintf(stderr, "rexian: '%s' needs a tool on both sides\n", separator);
			exit(2);
		}
		tool[n] = tool_named(argv[start]);
		stage[n].main = tool[n]->main;
		stage[n].main_sink = tool[n]->main_sink;
		stage[n].main_after = tool[n]->main_after;
		stage[n].argc = i - start;
		stage[n].argv = argv + start;
		argv[i] = NULL;
		n++;
		start = i + 1;
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct chain_stage *stage;
	const struct tool **tool;
	int n, status = 0;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("rexian %s\n", REXIAN_VERSION);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "rexian: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	stage = xcalloc((size_t)argc, sizeof(*stage));
	tool = xcalloc((size_t)argc, sizeof(*tool));
	n = split_stages(argc - 1, argv + 1, stage, tool);
	for (int i = 0; i < n && n > 1; i++)
		if (tool[i]->main == NULL) {
			fprintf(stderr, "rexian: %s cannot be a stage of a chain\n",
			    tool[i]->name);
			status = 2;
		}
	if (status == 0 && n == 1 && tool[0]->main == NULL)
		run_program(tool[0]->name, argv + 1);
	if (status == 0)
		status = n == 1 ? stage[0].main(stage[0].argc, stage[0].argv) :
		    chain_run(stage, n);
	free(stage);
	free(tool);
	return status;
}
