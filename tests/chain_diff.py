"""rexian's chain against the pipe of the same tools, byte for byte.

Every rexian-ingest and rexian-aggregate command line of the golden cases
(tests/golden/*.case) that reads files named in it runs both ways,

    bash -o pipefail -c 'rexian-ingest A | rexian-aggregate B | rexian-rate C'
    rexian ingest A then aggregate B then rate C

and their standard output, standard error, exit status and rejects file
must be equal.  Each ingest line meets one aggregate line and one rate
line, in turn, so every line of both lists runs; an aggregate line that
fails on a ticket table (--merge, a column it lacks) meets a small dump
only, as with more than the pipe holds the pipe races again.  Lines with shell
variables, reading a pipe or writing files of their own are left out,
and so are aggregate lines that end before reading (a usage error,
--help): there the pipe itself races, ingest finishing or dying of the
closed pipe as it happens.  What they test of the chain is in
tests/scripts/chain.sh.

usage: chain_diff.py TESTS_DIR TMPDIR
"""
import os
import shlex
import subprocess
import sys

# options of each tool that take a value: what is left is a file to read
VALUED = {
    'rexian-ingest': {'-e', '--encoding', '-s', '--sheet', '-m', '--map', '-k',
                      '--keep', '-r', '--rejects', '-j', '--jobs', '-p',
                      '--profile', '--max-rejects', '--as-of', '--due',
                      '--calendar', '--header-row', '--recode', '--exclude',
                      '--date-order', '--date-format', '--year-pivot',
                      '--utc-offset', '--summary', '--list-values'},
    'rexian-aggregate': {'-b', '--by', '-p', '--periods', '-d', '--date', '-w',
                         '--where', '--where-not', '--keys'},
}
RATES = [[], ['--delta', 'prev'], ['-f', 'markdown', '--lang', 'zh'],
         ['--ci', 'exact', '--digits', '1'], ['--min-n', '3', '-f', 'json']]


def lines_of(tests, tool):
    """Each distinct argument list of tool in the golden cases' commands."""
    found = []
    gdir = os.path.join(tests, 'golden')
    for name in sorted(os.listdir(gdir)):
        with open(os.path.join(gdir, name), encoding='utf-8') as f:
            cmds = [l[5:] for l in f if l.startswith('cmd: ')]
        for cmd in cmds:
            lex = shlex.shlex(cmd, posix=True, punctuation_chars=True)
            lex.whitespace_split = True
            try:
                toks = list(lex)
            except ValueError:
                continue
            for i, t in enumerate(toks):
                if t != tool or (i > 0 and toks[i - 1] == '|'):
                    continue
                args = []
                for u in toks[i + 1:]:
                    if u and all(c in '|;&<>()' for c in u):
                        break
                    args.append(u)
                stop = toks[i + 1 + len(args)] if i + 1 + len(args) < len(toks) else ''
                if stop.startswith('>') and args and args[-1].isdigit():
                    args.pop()	# 2>/dev/null
                if stop == '<' or any('$' in a or '`' in a for a in args):
                    continue
                if tool == 'rexian-aggregate':
                    args = options_only(args, VALUED[tool])
                    if not reads_input(args, tests):
                        continue
                elif not reads_files(args, VALUED[tool], tests):
                    continue
                if args not in found:
                    found.append(args)
    return found


def options_only(args, valued):
    """args without its file operands."""
    out, take = [], False
    for a in args:
        if take or a.startswith('-'):
            out.append(a)
            take = a in valued
        else:
            take = False
    return out


def reads_input(args, tests):
    """Whether rexian-aggregate with args gets as far as reading its input."""
    st, out, err = run(['rexian-aggregate'] + args, tests)
    return b'standard input: empty file, no header' in err


def reads_files(args, valued, tests):
    """Whether args name files to read, all of them present in tests."""
    files, take = [], False
    for a in args:
        if take:
            take = False
        elif a.startswith('-') and a != '-':
            take = a in valued
        else:
            files.append(a)
    return files and all(os.path.exists(os.path.join(tests, f)) for f in files)


def run(argv, cwd):
    p = subprocess.run(argv, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def differs(ing, agg, rate, tests, rejects):
    """Runs a pipeline both ways; says how they differ, if they do."""
    pipe = ' | '.join(shlex.join(c) for c in (['rexian-ingest'] + ing,
                                                 ['rexian-aggregate'] + agg,
                                                 ['rexian-rate'] + rate))
    got = []
    for argv in (['bash', '-o', 'pipefail', '-c', pipe],
                 ['rexian', 'ingest'] + ing + ['then', 'aggregate'] + agg +
                 ['then', 'rate'] + rate):
        if os.path.exists(rejects):
            os.unlink(rejects)
        st, out, err = run(argv, tests)
        rej = open(rejects, 'rb').read() if os.path.exists(rejects) else None
        got.append((st, out, err, rej))
    if got[0] == got[1]:
        return False
    print('differs:', pipe)
    for what, a, b in zip(('status', 'stdout', 'stderr', 'rejects'), *got):
        if a != b:
            print('  %s: pipe %r\n  %s: chain %r' % (what, a, what, b))
    return True


def main():
    tests, tmp = sys.argv[1], sys.argv[2]
    ingests = lines_of(tests, 'rexian-ingest')
    aggregates = lines_of(tests, 'rexian-aggregate')
    table = run(['rexian-ingest', 'data/tiny.csv'], tests)[1]
    ok, failing = [], []
    for agg in aggregates:
        p = subprocess.run(['rexian-aggregate'] + agg, cwd=tests, input=table,
                           capture_output=True)
        (ok if p.returncode == 0 else failing).append(agg)
    rejects = os.path.join(tmp, 'rejects.csv')
    runs = failed = 0
    for k, ing in enumerate(ingests):
        if k % 3 == 0 and '--rejects' not in ing and '-r' not in ing:
            ing = ing + ['--rejects', rejects]
        runs += 1
        failed += differs(ing, ok[k % len(ok)], RATES[k % len(RATES)], tests, rejects)
    for k, agg in enumerate(failing):
        runs += 1
        failed += differs(['data/tiny.csv', '--rejects', rejects], agg,
                          RATES[k % len(RATES)], tests, rejects)
    print('%d pipelines (%d ingest lines, %d aggregate lines), %d differ' %
          (runs, len(ingests), len(aggregates), failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
