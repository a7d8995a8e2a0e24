#!/usr/bin/env python3
"""rate_ref.py DUMP HOLIDAYS: every metric per month x department of a
rexian-synth dump, computed independently of rexian from the raw dump:
values rounded half away from zero from exact fractions, numerators,
denominators, and Wilson 95% intervals for the rates (Python's NormalDist
for z).  Mean, median and p90 days get values only; daily its value."""
import csv
import os
import sys
from statistics import NormalDist

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aggregate_ref import count_groups  # noqa: E402

RATES = [  # name, numerator columns, denominator column
    ('satisfaction', ('satisfied', 'basic'), 'rated'),
    ('satisfaction_strict', ('satisfied',), 'rated'),
    ('reasonable_satisfaction', ('reasonable_satisfied', 'reasonable_basic'),
     'reasonable_rated'),
    ('on_time', ('on_time',), 'on_time_known'),
    ('direct', ('direct',), 'tickets'),
    ('resolution', ('resolved',), 'resolved_known'),
    ('closure', ('closed',), 'tickets'),
    ('callback', ('rated',), 'closed'),
]
EDGES = [0, 1, 4, 24, 48, 72, 120, 240, 720]
BUCKETS = ['hours_le_%d' % b for b in EDGES[1:]] + ['hours_gt_720']


def rounded(num, den, digits=2):
    """num/den rounded half away from zero, in integers"""
    if den == 0:
        return ''
    neg = (num < 0) != (den < 0)
    a, b = abs(num), abs(den)
    q = (2 * a * 10 ** digits + b) // (2 * b)
    s = '%d.%0*d' % (q // 10 ** digits, digits, q % 10 ** digits)
    return '-' + s if neg and q else s


def rounded_float(x, digits=2):
    q = int(abs(x) * 10 ** digits + 0.5)
    s = '%d.%0*d' % (q // 10 ** digits, digits, q % 10 ** digits)
    return '-' + s if x < 0 and q else s


def wilson(k, n):
    if n == 0:
        return '', ''
    z = NormalDist().inv_cdf(0.975)
    p = k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5
    lo = 0.0 if k == 0 else c - h
    hi = 1.0 if k == n else c + h
    return rounded_float(100 * lo), rounded_float(100 * hi)


def quantile_days(g, q):
    n = g['duration_n']
    target, cum = q * n, 0
    for i, b in enumerate(BUCKETS):
        k = g[b]
        if k == 0 or cum + k < target:
            cum += k
            continue
        if i == len(BUCKETS) - 1:
            return rounded_float(EDGES[-1] / 24)
        lo, hi = EDGES[i], EDGES[i + 1]
        return rounded_float((lo + (target - cum) / k * (hi - lo)) / 24)
    return ''


def main():
    groups = count_groups(sys.argv[1], sys.argv[2], ['month', 'department'])
    head = ['month', 'department']
    for name, _, _ in RATES:
        head += [name, name + '_k', name + '_n', name + '_lo', name + '_hi']
    head += ['mean_days', 'mean_days_n', 'median_days', 'p90_days', 'daily',
             'daily_k', 'daily_n']
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(head)
    for key in sorted(groups, key=lambda k: [x.encode('utf-8') for x in k]):
        g = groups[key]
        row = list(key)
        for name, num, den in RATES:
            k, n = sum(g[c] for c in num), g[den]
            row += [rounded(100 * k, n), k, n, *wilson(k, n)]
        row += [rounded(g['hours_sum'], g['duration_n'] * 240000), g['duration_n'],
                quantile_days(g, 0.5), quantile_days(g, 0.9),
                rounded(g['tickets'], g['days']), g['tickets'], g['days']]
        w.writerow(row)


if __name__ == '__main__':
    main()
