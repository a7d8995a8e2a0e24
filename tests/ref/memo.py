#!/usr/bin/env python3
"""memo.py SCRIPT [ARG]...: run a reference script, keeping its answer.

A script test runs again and again: `make test` and `make sanitize`
each run it, and so does every `make check` after the first.  The inputs
are the same bytes every time (rexian-synth and the committed data do not
depend on the build), so a reference script gives the same answer each
time; the slow ones are run through this script, which keeps each answer
under $REXIAN_MEMO (set by tests/run.py, build/refmemo) keyed by the
SHA-256 of every reference script, the arguments
and the bytes of each argument that names a file (not its name, so the
answer must not quote the name).  Without REXIAN_MEMO, or
when the script fails, the answer is not kept.  Only for scripts whose
whole answer is their standard output.
"""
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def key(argv):
    h = hashlib.sha256()
    for name in sorted(os.listdir(HERE)):
        if name.endswith('.py'):
            with open(os.path.join(HERE, name), 'rb') as f:
                h.update(name.encode() + b'\0' + f.read() + b'\0')
    for a in argv:
        # a file is known by its bytes, not its name: each run of a test
        # has its own TMPDIR
        if os.path.isfile(a):
            with open(a, 'rb') as f:
                h.update(b'file\0' + f.read() + b'\0')
        else:
            h.update(b'arg\0' + a.encode() + b'\0')
    return h.hexdigest()


def main():
    argv = sys.argv[1:]
    memo = os.environ.get('REXIAN_MEMO')
    path = os.path.join(memo, key(argv)) if memo else None
    if path and os.path.exists(path):
        with open(path, 'rb') as f:
            sys.stdout.buffer.write(f.read())
        return 0
    p = subprocess.run([sys.executable] + argv, stdout=subprocess.PIPE)
    sys.stdout.buffer.write(p.stdout)
    if path and p.returncode == 0:
        os.makedirs(memo, exist_ok=True)
        tmp = '%s.%d' % (path, os.getpid())
        with open(tmp, 'wb') as f:
            f.write(p.stdout)
        os.replace(tmp, path)
    return p.returncode


if __name__ == '__main__':
    sys.exit(main())
