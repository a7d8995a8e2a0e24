#!/usr/bin/env python3
"""dates_ref.py [--pivot N] [--shift HOURS] DUMP ID COL=FORMAT...: the id and
the date columns of a dump, each read with Python's datetime.strptime,
independently of rexian.  Prints a CSV of the id header and each COL,
dates as YYYY-MM-DD HH:MM:SS (empty stays empty).  COL is an input
header; FORMAT a strptime format, in which %p also reads 上午 and 下午.
--pivot N reads two-digit years N..99 as 19xx and the rest 20xx
(strptime's own rule is that of N = 69); --shift adds hours to every
time (a zone converted by hand).  A value no date reads (29 February of a
year the pivot makes common) prints as "bad"."""
import csv
import datetime as dt
import sys

args = sys.argv[1:]
pivot, shift = None, 0
while args and args[0].startswith('--'):
    if args[0] == '--pivot':
        pivot = int(args[1])
    elif args[0] == '--shift':
        shift = int(args[1])
    args = args[2:]
dump, idcol, cols = args[0], args[1], [a.split('=', 1) for a in args[2:]]


def read(text, fmt):
    if text.strip() == '':
        return ''
    text = text.strip().replace('上午', 'AM').replace('下午', 'PM')
    t = dt.datetime.strptime(text, fmt)
    if pivot is not None and '%y' in fmt:
        yy = t.year % 100
        try:
            t = t.replace(year=(1900 if yy >= pivot else 2000) + yy)
        except ValueError:
            return 'bad'

    t += dt.timedelta(hours=shift)
    return t.strftime('%Y-%m-%d %H:%M:%S')


with open(dump, encoding='utf-8-sig', newline='') as f:
    rows = csv.DictReader(f)
    out = csv.writer(sys.stdout, lineterminator='\n')
    out.writerow([idcol] + [c for c, _ in cols])
    for r in rows:
        out.writerow([r[idcol]] + [read(r[c], fmt) for c, fmt in cols])
