/*
 * chain.c: rexian(1)'s stages as one command: a process per stage joined
 * by pipes, as the shell would, except for ingest followed by aggregate,
 * which share a process and pass rows in memory.  The contract is in
 * chain.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "chain.h"
#include "tools.h"
#include "util.h"

/* The status of a finished process, as the shell gives it. */
static int
exit_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* A pipe's status: the last failing stage's, or 0 (pipefail). */
static int
pipefail(int before, int after)
{
	return after != 0 ? after : before;
}

static int
wait_for(pid_t pid)
{
	int wstatus;

	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			die_errno("waitpid");
	return exit_status(wstatus);
}

/* Moves fd onto target, closing fd. */
static void
move_fd(int fd, int target)
{
	if (fd == target)
		return;
	if (dup2(fd, target) < 0)
		die_errno("dup2");
	close(fd);
}

/* Opens /dev/null (flags) onto descriptor target. */
static void
null_onto(int target, int flags)
{
	int fd = open("/dev/null", flags);

	if (fd < 0)
		die_errno("/dev/null");
	move_fd(fd, target);
}

/*
 * The stages' processes, for the signal that ends the chain: SIGINT,
 * SIGTERM or SIGHUP sent to rexian alone (a supervisor's kill, not the
 * terminal's, which reaches them all) goes on to every stage, which ends
 * as the tool would; the chain then ends by the same signal.
 */
static pid_t *volatile stage_pid;
static volatile int nstage_pid;
/* The write ends of the tee stages' verdicts, which no stage may hold:
 * a tee whose rexian has died must see its verdict's end of file */
static int *verdict_fd;
static int nverdict_fd;
static volatile sig_atomic_t chain_signal;

static void
pass_signal(int sig)
{
	chain_signal = sig;
	for (int i = 0; i < nstage_pid; i++)
		kill(stage_pid[i], sig);
}

static const int chain_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void
catch_chain_signals(void)
{
	for (size_t i = 0; i < nitems(chain_signals); i++) {
		struct sigaction sa, old;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = pass_signal;
		sigemptyset(&sa.sa_mask);
		/* an ignored signal (nohup's SIGHUP) stays ignored */
		if (sigaction(chain_signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(chain_signals[i], &sa, NULL);
	}
}

/* In a stage's process: the signals as rexian found them. */
static void
release_chain_signals(void)
{
	for (size_t i = 0; i < nitems(chain_signals); i++) {
		struct sigaction old;

		if (sigaction(chain_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == pass_signal)
			signal(chain_signals[i], SIG_DFL);
	}
}

/* A sink that throws the table away. */
static void
null_header(void *ctx, const char *const *keep, int nkeep)
{
	(void)ctx, (void)keep, (void)nkeep;
}

static void
null_row(void *ctx, const struct ticket *t, const struct csv_field *keep)
{
	(void)ctx, (void)t, (void)keep;
}

static void
null_file_end(void *ctx)
{
	(void)ctx;
}

/* What a tee stage says of its file when a stage before it failed. */
#define TEE_NOT_WRITTEN "%s: not written: a stage before it failed"

/*
 * In a tee stage's process: where the chain says, once the stages before
 * it have ended, whether they all succeeded ('1') or not ('0').
 */
static int tee_verdict = -1;

/* Whether this process's aggregate read what its ingest stage made. */
static int pair_read;

/*
 * Runs ingest stage s with its table thrown away: in the pipe it runs on
 * when the aggregate after it has ended without reading (an option error,
 * --help), into a pipe nobody reads.  Returns its status.
 */
static int
run_aside(const struct chain_stage *s)
{
	static const struct ticket_sink nowhere = { .header = null_header,
	    .row = null_row, .file_end = null_file_end };
	int status;

	/* the next stage's input stays open until this process ends, as
	 * aggregate's would */
	out_flush(&out_stdout);
	if (fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3) < 0)
		die_errno("standard output");
	null_onto(STDOUT_FILENO, O_WRONLY);
	status = s->main_sink(s->argc, s->argv, &nowhere);
	if (status == TOOL_UNFUSED)
		status = s->main(s->argc, s->argv);
	return status;
}

/* Aggregate's status, when it ended unread and ingest runs aside. */
static int unread_status;

/* An ingest dying while run aside ends the pair as the pipe would. */
static void
exit_unread(void *arg, int status)
{
	(void)arg;
	exit(pipefail(status, unread_status));
}

/* Runs ingest stage s aside after aggregate ended unread with status. */
static int
run_after_unread(const struct chain_stage *s, int status)
{
	unread_status = status;
	util_at_die(exit_unread, NULL);
	status = pipefail(run_aside(s), status);
	util_at_die(NULL, NULL);
	return status;
}

static void
aggregate_died_unread(void *arg, int status)
{
	exit(run_after_unread(arg, status));
}

/*
 * Starts stage s in a process of its own reading in and writing out (-1:
 * this process's standard output); the caller closes in and out.  With
 * upstream, s is aggregate and upstream the ingest stage before it.
 */
static pid_t
spawn(const struct chain_stage *s, const struct chain_stage *upstream, int in,
    int out, int other, int verdict)
{
	pid_t parent = getpid(), pid = fork();
	int status;

	if (pid < 0)
		die_errno("fork");
	if (pid > 0)
		return pid;
	util_at_die(NULL, NULL);
	release_chain_signals();
	/* a signal rexian took before the fork, or this process before its
	 * release, is this stage's too */
	if (chain_signal != 0)
		raise(chain_signal);
	/* a stage does not outlive a rexian killed outright */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(128 + SIGTERM);
	tee_verdict = verdict;
	for (int i = 0; i < nverdict_fd; i++)
		if (verdict_fd[i] >= 0)
			close(verdict_fd[i]);
	nverdict_fd = 0;
	if (other >= 0)
		close(other);
	move_fd(in, STDIN_FILENO);
	if (out >= 0)
		move_fd(out, STDOUT_FILENO);
	if (upstream == NULL)
		exit(s->main(s->argc, s->argv));
	util_at_die(aggregate_died_unread, (void *)upstream);
	status = s->main_after(s->argc, s->argv, upstream);
	util_at_die(NULL, NULL);
	exit(pair_read ? status : run_after_unread(upstream, status));
}

/*
 * How many stages from stage[i] run as one process: ingest and aggregate,
 * 2; ingest, tee FILE and aggregate, 3; else 0.
 */
static int
joined(const struct chain_stage *stage, int i, int n)
{
	if (stage[i].main_sink == NULL)
		return 0;
	if (i + 1 < n && stage[i + 1].main_after != NULL)
		return 2;
	if (i + 2 < n && stage[i + 1].main == tee_main && stage[i + 1].argc == 2 &&
	    stage[i + 1].argv[1][0] != '-' && stage[i + 2].main_after != NULL)
		return 3;
	return 0;
}

int
chain_run(const struct chain_stage *stage, int n)
{
	pid_t *pid = xcalloc((size_t)n, sizeof(*pid));
	int *verdict = xcalloc((size_t)n, sizeof(*verdict));
	int in = STDIN_FILENO, status = 0, np = 0;

	stage_pid = pid;
	verdict_fd = verdict;
	catch_chain_signals();
	for (int i = 0; i < n; i++) {
		const struct chain_stage *up = NULL;
		int p[2] = { -1, -1 }, v[2] = { -1, -1 };

		int k = joined(stage, i, n);

		if (k > 0) {
			up = &stage[i];
			i += k - 1;
		}
		if (i + 1 < n && pipe(p) != 0)
			die_errno("pipe");
		if (stage[i].main == tee_main && pipe(v) != 0)
			die_errno("pipe");
		verdict[np] = v[1];
		nverdict_fd = np + 1;
		pid[np] = spawn(&stage[i], up, in, p[1], p[0], v[0]);
		nstage_pid = ++np;
		/* taken while it was being started: passed on now */
		if (chain_signal != 0)
			kill(pid[np - 1], chain_signal);
		if (in != STDIN_FILENO)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		if (v[0] >= 0)
			close(v[0]);
		in = p[0];
	}
	/* a tee that has died already does not take its verdict */
	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < np; i++) {
		/* a tee's input has ended when the stages before it have */
		if (verdict[i] >= 0) {
			if (write(verdict[i], status == 0 ? "1" : "0", 1) != 1 &&
			    errno != EPIPE)
				die_errno("pipe");
			close(verdict[i]);
		}
		status = pipefail(status, wait_for(pid[i]));
	}
	nstage_pid = nverdict_fd = 0;
	free(pid);
	free(verdict);
	if (chain_signal != 0) {
		signal(chain_signal, SIG_DFL);
		raise(chain_signal);
	}
	return status;
}

/*
 * An ingest stage run in this process into an aggregate's counts, and into
 * the file of a tee stage the chain has between them.
 */
struct pair {
	struct ticket_sink sink;	/* the one ingest writes to */
	struct ticket_sink counts;	/* the aggregate's */
	struct aggregate *a;
	const struct chain_stage *upstream;	/* the ingest stage */
	const char *self;		/* aggregate's name in messages */
	int has_header, files_ended;
	pid_t text_from;		/* the ingest process feeding text, or 0 */
	const char *tee;		/* the tee stage's file being written, or NULL */
	int tee_status;
	struct out text;		/* the tee stage's file */
};

static void
pair_header(void *ctx, const char *const *keep, int nkeep)
{
	struct pair *p = ctx;

	p->has_header = 1;
	p->counts.header(p->counts.ctx, keep, nkeep);
}

static void
pair_row(void *ctx, const struct ticket *t, const struct csv_field *keep)
{
	struct pair *p = ctx;

	p->counts.row(p->counts.ctx, t, keep);
}

static void
pair_unrow(void *ctx, const struct ticket *t, const struct csv_field *keep)
{
	struct pair *p = ctx;

	p->counts.unrow(p->counts.ctx, t, keep);
}

static int
pair_any_order(void *ctx)
{
	struct pair *p = ctx;

	return p->counts.any_order(p->counts.ctx);
}

static void
pair_part_open(void *ctx, struct ticket_sink *part)
{
	struct pair *p = ctx;

	p->counts.part_open(p->counts.ctx, part);
}

static void
pair_part_close(void *ctx, void *part)
{
	struct pair *p = ctx;

	p->counts.part_close(p->counts.ctx, part);
}

static void
pair_file_end(void *ctx)
{
	struct pair *p = ctx;

	p->files_ended++;
	p->counts.file_end(p->counts.ctx);
}

/* The tee stage's name in messages, as in a process of its own. */
static const char tee_name[] = "rexian tee";

/* Ingest failed: the tee stage's file is not written, as tee_main says. */
static void
tee_refused(struct pair *p)
{
	if (p->tee == NULL)
		return;
	progname = tee_name;
	warnx(TEE_NOT_WRITTEN, p->tee);
	out_close(&p->text);
	p->tee = NULL;
	p->tee_status = 1;
	progname = p->self;
}

/*
 * Aggregate's side when ingest ended before its table began: an empty
 * standard input, which is a message and exit 1.
 */
static void
read_nothing(struct pair *p)
{
	tee_refused(p);
	progname = p->self;
	null_onto(STDIN_FILENO, O_RDONLY);
	aggregate_read(p->a, "-");
}

/*
 * Ingest died: the pipe's aggregate would have read the files ingest had
 * finished (each is flushed before its summary), or nothing.
 */
static void
ingest_died(void *arg, int status)
{
	struct pair *p = arg;

	(void)status;
	if (p->files_ended == 0)
		read_nothing(p);
	tee_refused(p);
	aggregate_close(p->a);
}

/* The tee stage's file would not open: that stage's process ends there. */
static void
tee_died(void *arg, int status)
{
	struct pair *p = arg;

	(void)status;
	run_aside(p->upstream);
	read_nothing(p);
}

/* Its rename failed: aggregate has had the whole table all the same. */
static void
tee_commit_died(void *arg, int status)
{
	struct pair *p = arg;

	(void)status;
	progname = p->self;
	aggregate_close(p->a);
}

static void
tee_open(struct pair *p, const char *path)
{
	progname = tee_name;
	util_at_die(tee_died, p);
	out_open_atomic(&p->text, path);
	p->tee = path;
	p->sink.text = &p->text;
	progname = p->self;
}

/* The tee stage's file after ingest's status in: its status. */
static int
tee_close(struct pair *p, int in)
{
	if (p->tee == NULL)
		return p->tee_status;
	if (in != 0) {
		tee_refused(p);
		return 1;
	}
	progname = tee_name;
	util_at_die(tee_commit_died, p);
	out_commit(&p->text);
	util_at_die(NULL, NULL);
	progname = p->self;
	return 0;
}

/*
 * The ingest process feeding aggregate, reaped when aggregate is done with
 * it: what aggregate left unread is read and thrown away first, as a pipe
 * holding it would, so that ingest ends as it does with little data, not
 * killed by a closed pipe as it may be with much.  Its status.
 */
static int
end_text(struct pair *p)
{
	char buf[1 << 16];
	ssize_t n;

	util_at_die(NULL, NULL);
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0 ||
	    (n < 0 && errno == EINTR))
		;
	close(STDIN_FILENO);
	return wait_for(p->text_from);
}

static void
aggregate_died(void *arg, int status)
{
	(void)status;
	end_text(arg);
}

/*
 * Starts upstream in a process of its own, its text on standard input, for
 * aggregate to read; end_text reaps it.
 */
static void
feed_text(struct pair *p)
{
	int fd[2];

	if (pipe(fd) != 0)
		die_errno("pipe");
	p->text_from = spawn(p->upstream, NULL, STDIN_FILENO, fd[1], fd[0], -1);
	close(fd[1]);
	move_fd(fd[0], STDIN_FILENO);
	util_at_die(aggregate_died, p);
}


/* The stages from upstream (ingest, tee, aggregate), each a process. */
static int
run_apart(const struct chain_stage *upstream)
{
	struct chain_stage s[3];

	for (int i = 0; i < 3; i++) {
		s[i] = upstream[i];
		s[i].main_sink = NULL;
		s[i].main_after = NULL;
	}
	return chain_run(s, 3);
}

int
chain_aggregate(const struct chain_stage *upstream,
    const struct aggregate_options *opt, char **files, int nfiles)
{
	const struct chain_stage *tee = upstream[1].main == tee_main ? &upstream[1] : NULL;
	struct pair p = { .upstream = upstream, .self = progname };
	int in, status;

	pair_read = 1;
	if (opt->merge || nfiles > 0) {
		if (tee != NULL)
			return run_apart(upstream);
		feed_text(&p);
		status = aggregate_run(opt, files, nfiles);
		return pipefail(end_text(&p), status);
	}
	p.a = aggregate_open(opt);
	aggregate_sink(p.a, &p.counts);
	p.sink = (struct ticket_sink){ .ctx = &p, .header = pair_header,
	    .row = pair_row, .file_end = pair_file_end, .unrow = pair_unrow,
	    .any_order = pair_any_order, .part_open = pair_part_open,
	    .part_close = pair_part_close };
	if (tee != NULL)
		tee_open(&p, tee->argv[1]);
	util_at_die(ingest_died, &p);
	in = upstream->main_sink(upstream->argc, upstream->argv, &p.sink);
	util_at_die(NULL, NULL);
	progname = p.self;
	if (in == TOOL_UNFUSED && tee != NULL) {
		/* its temporary file goes at exit; tee's own process writes it */
		out_close(&p.text);
		aggregate_free(p.a);
		return run_apart(upstream);
	}
	if (in == TOOL_UNFUSED) {
		feed_text(&p);
		aggregate_read(p.a, "-");
		in = end_text(&p);
	} else if (!p.has_header)
		read_nothing(&p);
	in = pipefail(in, tee_close(&p, in));
	status = aggregate_close(p.a);
	return pipefail(in, status);
}

int
tee_main(int argc, char **argv)
{
	static const char usage[] = "usage: rexian STAGE [ARG]... then tee FILE "
	    "[then STAGE [ARG]...]\n";
	struct out file;
	char buf[1 << 16];
	ssize_t n;

	util_init("rexian tee", argv);
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		out_puts(&out_stdout, usage);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fputs(usage, stderr);
		return 2;
	}
	out_open_atomic(&file, argv[1]);
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die_errno("standard input");
		}
		out_write(&file, buf, (size_t)n);
		out_write(&out_stdout, buf, (size_t)n);
	}
	/* the file is a whole table, or nothing */
	if (tee_verdict >= 0 && (read(tee_verdict, buf, 1) != 1 || buf[0] != '1'))
		die(TEE_NOT_WRITTEN, argv[1]);
	out_commit(&file);
	return 0;
}
