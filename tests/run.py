#!/usr/bin/env python3
"""rexian's test runner: golden cases, script tests and unit tests.

A golden case is a file tests/golden/NAME.case:

    # what the case shows
    cmd: rexian-ingest data/tiny.csv
    status: 0
    --- stdout
    expected standard output, byte for byte
    --- stderr
    expected standard error

`cmd` runs under bash in tests/, with the tools under test first on PATH; a
missing section means that stream must be empty.  A script test is an
executable tests/scripts/NAME.sh run the same way, passing when it exits 0.
A unit test is a program in the --unit directory, passing when it exits 0.
The last line is "N passed, N failed".

A script with a line starting "# make check: the plain build too" (going
on to say what only the plain build runs there) runs in both of make
check's passes.  --marked-scripts, the normal pass's, runs only those,
with REXIAN_PLAIN_PART=1 in the environment for them to run only what the
line names, and leaves the rest to the sanitizers' pass, whose tools give
the plain build's bytes and catch what it would hide.
"""
import argparse
import concurrent.futures
import difflib
import glob
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_case(path):
    case = {'cmd': None, 'status': 0, 'stdout': b'', 'stderr': b''}
    section = None
    buf = {}
    with open(path, 'rb') as f:
        for raw in f:
            line = raw.decode('utf-8')
            if line.startswith('--- ') and line.strip()[4:] in ('stdout', 'stderr'):
                section = line.strip()[4:]
                buf[section] = []
            elif section is not None:
                buf[section].append(raw)
            elif line.startswith('cmd:'):
                case['cmd'] = line[4:].strip()
            elif line.startswith('status:'):
                case['status'] = int(line[7:])
    for k, v in buf.items():
        case[k] = b''.join(v)
    if case['cmd'] is None:
        raise ValueError(f'{path}: no cmd line')
    return case


# the python3 of `make deps` (Debian's, the one with python3-openpyxl)
SYSTEM_PYTHON = '/usr/bin/python3'
PLAIN_TOO = '# make check: the plain build too'


def python_dir():
    """A folder holding python3, a link to the system's interpreter
    (SYSTEM_PYTHON), else to the one running this script: the cases run
    python3 some hundreds of times, and a python3 found on PATH may be a
    wrapper (a pyenv shim takes 0.3 s to choose an interpreter) or an
    interpreter slower to start (pyenv's 3.11 here: 85 ms a start, with
    what its site-packages import, against Debian's 50).
    The link is made under a temporary name and renamed, for runners
    started at the same time."""
    python = SYSTEM_PYTHON if os.access(SYSTEM_PYTHON, os.X_OK) else sys.executable
    pydir = os.path.join(os.path.dirname(HERE), 'build', 'python')
    os.makedirs(pydir, exist_ok=True)
    link = os.path.join(pydir, 'python3')
    if os.path.realpath(link) != os.path.realpath(python):
        tmp = f'{link}.{os.getpid()}'
        os.symlink(python, tmp)
        os.replace(tmp, link)
    return pydir


def times_file(bindir):
    """Where the seconds of the cases run on bindir's tools are kept (the
    sanitized tools have their own): build/case-times-bin and so on."""
    rel = os.path.relpath(os.path.abspath(bindir), os.path.dirname(HERE))
    return os.path.join(os.path.dirname(HERE), 'build',
                        'case-times-' + rel.replace(os.sep, '-').replace('.', '_'))


def last_times(path):
    """Each case's seconds in the last run that ran it, {} at first."""
    try:
        with open(path) as f:
            return {name: float(t) for t, name in (line.split(None, 1) for line in f.read().splitlines())}
    except (OSError, ValueError):
        return {}


def guess_times(path):
    """Each case's seconds for ordering when these tools have none: those
    of the other tools' run that ran most cases (`make check`'s sanitized
    pass, in a fresh clone, follows the normal one, whose slow cases are
    its slow cases), {} at first: then kind_rank orders them."""
    others = [last_times(f) for f in glob.glob(os.path.join(os.path.dirname(path), 'case-times-*'))]
    return max(others, key=len, default={})


def kind_rank(name):
    """The order of cases never timed: scripts, fuzz harnesses, unit tests,
    then golden cases (a tenth of a second each): alphabetically, a fresh
    clone's slowest scripts (report-*) started last and the run ended on
    one core."""
    if name.endswith('.sh'):
        return 3.0
    if name.startswith('fuzz'):
        return 2.0
    return 0.0 if name.endswith('.case') else 1.0


def save_times(path, last, times):
    """Keep this run's seconds, under a temporary name renamed into place
    for runners started at the same time."""
    last.update((name, t) for t, _, name in times)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f'{path}.{os.getpid()}'
    with open(tmp, 'w') as f:
        f.writelines(f'{t:.2f} {name}\n' for name, t in sorted(last.items()))
    os.replace(tmp, path)


def env_for(bindir):
    env = dict(os.environ)
    env['PATH'] = os.pathsep.join((os.path.abspath(bindir), python_dir(), env['PATH']))
    env['LC_ALL'] = 'C.UTF-8'
    # malloc's arenas in transparent huge pages where the kernel gives them
    # on request: a PDF with Chinese text has cairo read the font's 16 MB
    # CFF table into memory, once for each weight, and on a virtual machine
    # each 4 KiB page of that is a costly fault (a report: 52,000 faults
    # and 1.7 s, against 20,000 and 1.3 s).  The sanitizers' allocator and
    # valgrind's are their own and ignore it
    env['GLIBC_TUNABLES'] = 'glibc.malloc.hugetlb=1'
    env['REXIAN_TESTS'] = HERE
    # the reference scripts' answers, kept from one run of the scripts to
    # the next (ref/memo.py)
    env['REXIAN_MEMO'] = os.path.join(os.path.dirname(HERE), 'build', 'refmemo')
    # a case that runs make must not inherit the jobserver of `make -j test`,
    # nor the flags that make exports from its command line (`make
    # sanitize` sets CFLAGS and LDFLAGS: `make install` would build bin/
    # with them)
    for var in ('MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'CFLAGS', 'LDFLAGS'):
        env.pop(var, None)
    return env


def show_diff(name, want, got, out):
    w = want.decode('utf-8', 'replace').splitlines(keepends=True)
    g = got.decode('utf-8', 'replace').splitlines(keepends=True)
    out.extend(difflib.unified_diff(w, g, f'{name} expected', f'{name} got'))
    if not (w and g and w[-1].endswith('\n') and g[-1].endswith('\n')) and want != got:
        out.append(f'    (expected {len(want)} bytes, got {len(got)})\n')


def run_case(path, env, valgrind):
    """Run one golden case; return (passed, the text to print)."""
    out = []
    case = parse_case(path)
    cmd = case['cmd']
    if case['status'] != 0:
        # a run that ends in die() may leave what it was building: memory
        # errors are checked on every run, leaks on runs that succeed
        # (LeakSanitizer's scan costs a sanitized run 35 ms and up)
        env = dict(env, REXIAN_VG_LEAKS='no')
        if 'ASAN_OPTIONS' in env:
            env['ASAN_OPTIONS'] += ':detect_leaks=0'
    tmp = tempfile.mkdtemp(prefix='rexian-test.')
    try:
        p = subprocess.run(['bash', '-o', 'pipefail', '-c', cmd], cwd=HERE, env=dict(env, TMPDIR=tmp),
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ok = True
    if p.returncode != case['status']:
        out.append(f'FAIL {os.path.basename(path)}: status {p.returncode}, expected {case["status"]}\n')
        ok = False
    for stream, got in (('stdout', p.stdout), ('stderr', p.stderr)):
        if got != case[stream]:
            if ok:
                out.append(f'FAIL {os.path.basename(path)}\n')
            ok = False
            show_diff(stream, case[stream], got, out)
    return ok, ''.join(out)


def run_program(argv, name, env):
    """Run a script, unit test or fuzz harness; return (passed, the text to print)."""
    tmp = tempfile.mkdtemp(prefix='rexian-test.')
    try:
        p = subprocess.run(argv, cwd=HERE, env=dict(env, TMPDIR=tmp),
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=900)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if p.returncode != 0:
        return False, (f'FAIL {name}: exit {p.returncode}\n' +
                       p.stdout.decode('utf-8', 'replace')[-4000:] +
                       p.stderr.decode('utf-8', 'replace')[-4000:])
    return True, ''


def run_fuzzer(name, path, a, env):
    """Replay a harness's committed corpus, then fixed-seed mutations."""
    corpus = os.path.join(HERE, 'fuzz', 'corpus', name[len('fuzz_'):])
    # libFuzzer adds what it finds to its first corpus folder: give it a
    # scratch one, the committed corpus read only
    scratch = tempfile.mkdtemp(prefix='rexian-corpus.')
    argv = [os.path.abspath(path), '-seed=1', f'-runs={a.fuzz_runs}',
            '-detect_leaks=0', f'-artifact_prefix={os.path.abspath(a.fuzz)}/crash-',
            scratch, corpus]
    try:
        return run_program(argv, name, env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--unit')
    ap.add_argument('--valgrind', action='store_true')
    ap.add_argument('--fuzz', help='directory of libFuzzer harnesses fuzz_NAME')
    ap.add_argument('--fuzz-runs', type=int, default=20000)
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1,
                    help='cases run at once (default: the number of cores)')
    ap.add_argument('--no-script-leaks', action='store_true',
                    help='no leak checks in script tests (the golden cases keep them)')
    ap.add_argument('--marked-scripts', action='store_true',
                    help='of the scripts only those marked to run on the plain build too')
    ap.add_argument('--times', metavar='FILE',
                    help='write each case\'s seconds to FILE, slowest first')
    ap.add_argument('only', nargs='*', help='run only cases whose name contains one of these')
    a = ap.parse_args()
    env = env_for(a.bin)
    if a.valgrind:
        # the tools run under memcheck through a wrapper directory on PATH
        wrap = os.path.abspath(os.path.join(a.bin, '..', 'build', 'valgrind-bin'))
        os.makedirs(wrap, exist_ok=True)
        for t in os.listdir(a.bin):
            w = os.path.join(wrap, t)
            real = os.path.abspath(os.path.join(a.bin, t))
            with open(w, 'w') as f:
                if t == 'rexian':
                    f.write(f'#!/bin/sh\nexec "{real}" "$@"\n')
                else:
                    f.write('#!/bin/sh\nexec valgrind -q --error-exitcode=99 '
                            '--leak-check=${REXIAN_VG_LEAKS:-full} '
                            '--errors-for-leak-kinds=definite '
                            f'--suppressions={HERE}/valgrind.supp '
                            f'"{real}" "$@"\n')
            os.chmod(w, 0o755)
        env['PATH'] = wrap + os.pathsep + env['PATH']
    jobs = []

    def want(name):
        return not a.only or any(o in name for o in a.only)

    gdir = os.path.join(HERE, 'golden')
    for name in sorted(os.listdir(gdir)):
        if name.endswith('.case') and want(name):
            jobs.append((name, lambda path=os.path.join(gdir, name): run_case(path, env, a.valgrind)))
    sdir = os.path.join(HERE, 'scripts')
    senv = env
    if a.no_script_leaks:
        senv = dict(env, ASAN_OPTIONS=env.get('ASAN_OPTIONS', '') + ':detect_leaks=0')
    if a.marked_scripts:
        senv = dict(senv, REXIAN_PLAIN_PART='1')
    for name in sorted(os.listdir(sdir)) if os.path.isdir(sdir) else []:
        if not name.endswith('.sh') or not want(name) or a.valgrind:
            continue
        if a.marked_scripts:
            with open(os.path.join(sdir, name), encoding='utf-8') as f:
                if not any(l.startswith(PLAIN_TOO) for l in f):
                    continue
        jobs.append((name, lambda name=name: run_program(['bash', os.path.join(sdir, name)], name, senv)))
    # utf8_test and gb18030_test read each of some 100,000 lines through a
    # reader of its own: freed readers held in AddressSanitizer's
    # quarantine (256 MB by default) had every next one take fresh pages,
    # half their time under the sanitizers; 16 MB still holds the last
    # thousands of them
    uenv = env
    if 'ASAN_OPTIONS' in env:
        uenv = dict(env, ASAN_OPTIONS=env['ASAN_OPTIONS'] + ':quarantine_size_mb=16')
    if a.unit and os.path.isdir(a.unit) and not a.valgrind:
        for name in sorted(os.listdir(a.unit)):
            if want(name):
                jobs.append((name, lambda name=name: run_program(
                    [os.path.abspath(os.path.join(a.unit, name))], name, uenv)))
    harnesses = os.listdir(a.fuzz) if a.fuzz and os.path.isdir(a.fuzz) else []
    if a.fuzz and not a.valgrind and not any(n.startswith('fuzz_') for n in harnesses):
        jobs.append(('fuzz', lambda: (False, f'FAIL no fuzz harnesses in {a.fuzz}\n')))
    if a.fuzz and not a.valgrind:
        fenv = dict(env, ASAN_OPTIONS='detect_leaks=0')
        for name in sorted(harnesses):
            path = os.path.join(a.fuzz, name)
            if name.startswith('fuzz_') and os.access(path, os.X_OK) and \
                    not name.endswith('.log') and want(name):
                jobs.append((name, lambda name=name, path=path: run_fuzzer(name, path, a, fenv)))
    passed = failed = 0
    times = []

    def timed(job):
        # with -j1 the children's CPU time is the case's own
        start = time.monotonic()
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = job[1]()
        end = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((time.monotonic() - start,
                      end.ru_utime + end.ru_stime - ru.ru_utime - ru.ru_stime, job[0]))
        return result
    # cases are independent (each has its own TMPDIR): run them on every
    # core, the slowest of the last run first (a slow script started last
    # would leave the other cores idle at the end), and print each one's
    # result in the order of the list
    last = last_times(times_file(a.bin))
    guess = last or guess_times(times_file(a.bin))
    order = sorted(range(len(jobs)), key=lambda i: -guess.get(jobs[i][0], kind_rank(jobs[i][0])))
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        futures = {i: pool.submit(timed, jobs[i]) for i in order}
        for i in range(len(jobs)):
            ok, text = futures[i].result()
            sys.stdout.write(text)
            sys.stdout.flush()
            if ok:
                passed += 1
            else:
                failed += 1
    if a.times:
        with open(a.times, 'w') as f:
            f.write('    wall      cpu case (cpu is the case\'s own with -j1)\n')
            f.writelines(f'{t:8.2f} {c:8.2f} {name}\n' for t, c, name in sorted(times, reverse=True))
    save_times(times_file(a.bin), last, times)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
