#!/usr/bin/env python3
"""csvcut.py COL[,COL...]: print those columns of the CSV on standard input
(by header name), comma-separated, quoted as needed.  A test helper that
reads CSV with Python's own csv module, independently of rexian."""
import csv
import sys

cols = sys.argv[1].split(',')
r = csv.reader(sys.stdin)
w = csv.writer(sys.stdout, lineterminator='\n')
head = next(r)
idx = [head.index(c) for c in cols]
w.writerow(cols)
for row in r:
    w.writerow([row[i] for i in idx])
