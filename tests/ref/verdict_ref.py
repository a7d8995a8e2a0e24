#!/usr/bin/env python3
"""verdict_ref.py COUNTS MODE[,MODE]...: the tests and verdicts of
rexian-rate, computed independently (stdlib Python) from a count table
keyed by period,department with two periods in order.

MODE is total, rest, holm or bh:
  satisfaction against the total of its period: z = (k/n - p0) /
    sqrt(p0 (1 - p0) / n), p = erfc(|z| / sqrt 2); against the rest (the
    other departments): z on both samples' error, p by the two-proportion z
    test, or Fisher's exact test (hypergeometric sums with math.comb) when
    an expected cell is under 5
  mean_days against the total: z on the total's spread at n, normal p;
    against the rest: Welch's t, p from the t law (intervals_ref's integral)
  daily changes: 100 (k1/d1 - k0/d0) / (k0/d0) and the exact two-Poisson p
  satisfaction changes: two-proportion p (z test or Fisher), as above
  holm, bh: the rest comparison with the p-values of each metric adjusted
    (Holm step down, BH step up) over the table, verdicts from them
Several modes share the exact two-Poisson tests of the daily changes (most
of the time): each mode's rows follow a line "# MODE".
Prints key,metric,what,value rows: what is vs_p, vs_verdict, p,
verdict or change_pct.  Verdict: p < 0.05 in the direction of the
difference.
"""
import csv
import math
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from intervals_ref import t_density_integral  # noqa: E402
from two_poisson_ref import exact_p  # noqa: E402


def fisher(k1, n1, k2, n2):
    succ, fail = k1 + k2, n1 + n2 - k1 - k2

    def prob(x):
        return Fraction(math.comb(succ, x) * math.comb(fail, n1 - x),
                        math.comb(succ + fail, n1))
    p0 = prob(k1)
    return float(sum(prob(x) for x in range(max(0, n1 - fail), min(n1, succ) + 1)
                     if prob(x) <= p0 * (1 + Fraction(1, 10 ** 7))))


def two_proportions(k1, n1, k2, n2):
    ks, fs, t = k1 + k2, n1 + n2 - k1 - k2, n1 + n2
    if min(n1 * ks, n1 * fs, n2 * ks, n2 * fs) / t < 5:
        return fisher(k1, n1, k2, n2)
    pool = ks / t
    z = (k1 / n1 - k2 / n2) / math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def moments(g):
    n = g['duration_n']
    s = Fraction(g['hours_sum'])
    q = Fraction(g['hours_sumsq'])
    return n, float(s / n), float((q - s * s / n) / (n - 1))


def welch(a, b):
    (n1, m1, v1), (n2, m2, v2) = a, b
    se2 = v1 / n1 + v2 / n2
    t = (m1 - m2) / math.sqrt(se2)
    df = se2 ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    return 1 - 2 * t_density_integral(abs(t), df)


def adjust(ps, method):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    m, out = len(ps), [0.0] * len(ps)
    if method == 'holm':
        run = 0.0
        for j, i in enumerate(order):
            run = max(run, min(1.0, (m - j) * ps[i]))
            out[i] = run
    else:
        run = 1.0
        for j in range(m - 1, -1, -1):
            i = order[j]
            run = min(run, m * ps[i] / (j + 1))
            out[i] = run
    return out


def main():
    path, modes = sys.argv[1], sys.argv[2].split(',')
    with open(path, encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for c in r:
            if c not in ('period', 'department', 'hours_sum', 'hours_sumsq', 'workdays_sum'):
                r[c] = int(r[c])
    periods = list(dict.fromkeys(r['period'] for r in rows))
    total = {p: {} for p in periods}
    for r in rows:
        t = total[r['period']]
        for c in ('rated', 'satisfied', 'basic', 'duration_n'):
            t[c] = t.get(c, 0) + r[c]
        for c in ('hours_sum', 'hours_sumsq'):
            t[c] = t.get(c, 0) + Fraction(r[c])
    for mode in modes:
        if len(modes) > 1:
            print('# ' + mode)
        table(rows, periods, total, mode)


def table(rows, periods, total, mode):
    """print the rows of one MODE"""
    out = []   # key, metric, what, p, diff
    for r in rows:
        key = r['period'] + '/' + r['department']
        t = total[r['period']]
        k, n = r['satisfied'] + r['basic'], r['rated']
        tk, tn = t['satisfied'] + t['basic'], t['rated']
        if mode == 'total':
            p0 = tk / tn
            z = (k / n - p0) / math.sqrt(p0 * (1 - p0) / n)
            out.append((key, 'satisfaction', 'vs', math.erfc(abs(z) / math.sqrt(2)), z))
            tn_, tm, tv = moments(t)
            n1, m1, _ = moments(r)
            z = (m1 - tm) / math.sqrt(tv / n1)
            out.append((key, 'mean_days', 'vs', math.erfc(abs(z) / math.sqrt(2)), z))
        else:
            out.append((key, 'satisfaction', 'vs', two_proportions(k, n, tk - k, tn - n),
                        k / n - (tk - k) / (tn - n)))
            rest = {c: t[c] - Fraction(r[c]) for c in ('duration_n', 'hours_sum', 'hours_sumsq')}
            a, b = moments(r), moments(rest)
            out.append((key, 'mean_days', 'vs', welch(a, b), a[1] - b[1]))
        if r['period'] == periods[1]:
            prev = [x for x in rows if x['period'] == periods[0] and
                    x['department'] == r['department']][0]
            pk, pn = prev['satisfied'] + prev['basic'], prev['rated']
            out.append((key, 'satisfaction', 'delta', two_proportions(k, n, pk, pn),
                        k / n - pk / pn))
            p = float(exact_p(r['tickets'], r['days'], prev['tickets'], prev['days']))
            out.append((key, 'daily', 'delta', p,
                        r['tickets'] / r['days'] - prev['tickets'] / prev['days']))
            change = Fraction(r['tickets'] * prev['days'] - prev['tickets'] * r['days'],
                              prev['tickets'] * r['days']) * 100
            print('%s,daily,change_pct,%r' % (key, float(change)))
    if mode in ('holm', 'bh'):
        for metric in ('satisfaction', 'mean_days', 'daily'):
            for what in ('vs', 'delta'):
                idx = [i for i, o in enumerate(out) if o[1] == metric and o[2] == what]
                adj = adjust([out[i][3] for i in idx], mode)
                for i, a in zip(idx, adj):
                    out[i] = out[i][:3] + (a,) + out[i][4:]
    words = {'vs': ('significantly higher', 'significantly lower', 'no significant difference'),
             'delta': ('up', 'down', 'no significant change')}
    for key, metric, what, p, diff in out:
        w = words[what][2 if p >= 0.05 else 0 if diff > 0 else 1]
        name = ('vs_' if what == 'vs' else '') + ('p_adj' if mode in ('holm', 'bh') else 'p')
        print('%s,%s,%s,%r' % (key, metric, name, p))
        print('%s,%s,%s,%s' % (key, metric, 'vs_verdict' if what == 'vs' else 'verdict', w))


if __name__ == '__main__':
    main()
