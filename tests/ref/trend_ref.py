#!/usr/bin/env python3
"""trend_ref.py TICKETS GOT: checks rexian-rate --trend's table GOT (from
rexian-aggregate --by month,department TICKETS | rexian-rate --trend -m
satisfaction,mean_days) against the trend computed here from the ticket
table itself, ticket by ticket: the Cochran-Armitage statistic of
satisfaction (scores the months' places in time) with its slope in points
a month, and the least-squares slope of each closed ticket's days on its
month with its t.  Each figure must agree to the last digit printed, give
or take one.  Exits 1 naming the first that does not."""
import csv
import math
import sys


def month_of(created):
    return int(created[:4]) * 12 + int(created[5:7]) - 1


def cochran_armitage(groups):
    """groups: {score: [k, n]} -> slope (per unit of score), chi2, p"""
    g = [(x, k, n) for x, (k, n) in groups.items() if n > 0]
    N = sum(n for _, _, n in g)
    K = sum(k for _, k, _ in g)
    p = K / N
    xbar = sum(n * x for x, _, n in g) / N
    sxx = sum(n * (x - xbar) ** 2 for x, _, n in g)
    if sxx == 0 or p in (0, 1):
        return None
    slope = sum(k * (x - xbar) for x, k, _ in g) / sxx
    z = slope / math.sqrt(p * (1 - p) / sxx)
    return slope, z * z, math.erfc(abs(z) / math.sqrt(2))


def ols(points):
    """points: [(x, y)] -> slope, t"""
    n = len(points)
    xbar = sum(x for x, _ in points) / n
    ybar = sum(y for _, y in points) / n
    sxx = sum((x - xbar) ** 2 for x, _ in points)
    if sxx == 0 or n < 3:
        return None
    sxy = sum((x - xbar) * (y - ybar) for x, y in points)
    slope = sxy / sxx
    rss = sum((y - ybar - slope * (x - xbar)) ** 2 for x, y in points)
    return slope, slope / math.sqrt(rss / (n - 2) / sxx)


def close(want, got, decimals):
    if want is None:
        return got == ''
    return got != '' and abs(float(got) - want) <= 1.5 * 10 ** -decimals


def main():
    sat, days = {}, {}
    for t in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
        x = month_of(t['created'])
        d = t['department']
        if t['satisfaction']:
            g = sat.setdefault(d, {}).setdefault(x, [0, 0])
            g[0] += t['satisfaction'] in ('satisfied', 'basic')
            g[1] += 1
        if t['status'] == 'closed' and t['hours']:
            days.setdefault(d, []).append((x, float(t['hours']) / 24))
    checked = 0
    for row in csv.DictReader(open(sys.argv[2], encoding='utf-8')):
        d = row['department']
        ca = cochran_armitage(sat.get(d, {})) if d in sat else None
        ls = ols(days[d]) if d in days else None
        pairs = [('satisfaction_trend_pp', ca and ca[0] * 100, 2),
                 ('satisfaction_trend_chi2', ca and ca[1], 4),
                 ('mean_days_trend', ls and ls[0], 2),
                 ('mean_days_trend_t', ls and ls[1], 4)]
        for col, want, dec in pairs:
            if not close(want, row[col], dec):
                print('%s %s: want %r, got %r' % (d, col, want, row[col]))
                sys.exit(1)
            checked += want is not None
        p = row['satisfaction_trend_p']
        if ca and abs(float(p) - ca[2]) > 1e-3 * max(ca[2], 1e-12):
            print('%s satisfaction_trend_p: want %g, got %s' % (d, ca[2], p))
            sys.exit(1)
    if checked < 20:
        print('only %d figures checked' % checked)
        sys.exit(1)


if __name__ == '__main__':
    main()
