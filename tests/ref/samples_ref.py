#!/usr/bin/env python3
"""samples_ref.py DUMP HOLIDAYS MONTH MIN_N: the figures README.md,
rexian(7) and the tests quote from a sample dump, computed from the dump
with the standard library only (the ticket rules of ingest_ref.py, the
cut-off rule of asof_ref.py).  Prints KEY=VALUE lines:

  rows        the dump's data rows
  summary     rexian-ingest's count line: read, written, rejected and
              the rejects by kind
  reject      LINE: REASON of each rejected row, in order (the reason up
              to where it names another line: a repeated id's first line
              is left out)
  departments the departments of the good tickets
  on_time     MONTH's 按期办结率 over closed tickets only: rate, k, n
  on_time_asof  the same as of the 1st of the next month 00:00:00, open
              tickets past due counted late: rate, k, n
  ranked      the departments with at least MIN_N rated tickets in MONTH
              as of that cut-off (the report's ranking)"""
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from asof_ref import as_of  # noqa: E402
from ingest_ref import tickets  # noqa: E402
from rate_ref import rounded  # noqa: E402

# rexian-ingest's order of reject kinds in its count line
KINDS = ('wrong field count', 'empty id', 'bad date', 'closed before created',
         'duplicate id')


def reason(kind, r):
    """rexian-ingest's reason, up to where it names another line"""
    if kind == 'wrong field count':
        return 'wrong field count: %d, expected 15' % len(r)
    if kind == 'bad date':
        return "bad 受理时间 '%s'" % r[1] if r[1] else 'empty 受理时间'
    if kind == 'duplicate id':
        return "duplicate 工单编号 '%s'" % r[0]
    return {'empty id': 'empty 工单编号',
            'closed before created': '办结时间 before 受理时间'}[kind]


def on_time(rows):
    known = [t for t in rows if t['on_time']]
    k = sum(t['on_time'] == '1' for t in known)
    return '%s,%d,%d' % (rounded(100 * k, len(known)), k, len(known))


def main():
    dump, holidays, month, min_n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    y, m = int(month[:4]), int(month[5:])
    cut = dt.datetime(y + m // 12, m % 12 + 1, 1)
    rejects, rejected = {}, []
    good = list(tickets(dump, holidays, rejects, rejected))
    read = len(good) + len(rejected)
    kinds = ', '.join('%d %s' % (rejects[k], k) for k in KINDS if rejects.get(k))
    print('rows=%d' % read)
    print('summary=%d read, %d written, %d rejected%s' % (
        read, len(good), len(rejected), ' (%s)' % kinds if kinds else ''))
    for line, kind, r in rejected:
        print('reject=%d: %s' % (line, reason(kind, r)))
    print('departments=%d' % len({t['department'] for t in good}))
    print('on_time=' + on_time([t for t in good if t['created'][:7] == month]))
    cutoff = [t for t in as_of(iter(good), cut) if t['created'][:7] == month]
    print('on_time_asof=' + on_time(cutoff))
    rated = {}
    for t in cutoff:
        if t['satisfaction']:
            rated[t['department']] = rated.get(t['department'], 0) + 1
    print('ranked=%d' % sum(n >= min_n for n in rated.values()))


if __name__ == '__main__':
    main()
