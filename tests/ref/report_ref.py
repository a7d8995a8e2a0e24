#!/usr/bin/env python3
"""report_ref.py TICKETS MONTH LAST_DAY MIN_N: the figures rexian-report's
要点 and department table state, computed from a ticket table (the
package's tickets.csv, as of the cut-off) with the standard library only.

Prints KEY=VALUE lines: the month's tickets (with thousands separators),
日均 to one decimal (half up, from the exact fraction), closed, and the
rates in percent to two decimals (half away from zero, from the exact
fraction) of 办结率, 满意率, 按期办结率, 直办率; the same with prefix ytd.
for 1 January to LAST_DAY; yoy.satisfaction_pp, the change in percentage
points against the same month a year before (when the table has it); and
one dept=NAME,TICKETS,RATE line per department of the month, RATE being
样本不足 under MIN_N rated, then the 合计 line; and for each a row=REGEX
line matching its whole line in the report's department table (pdftotext
-layout): tickets, 满意率, its n and change in pp, 按期办结率 and its change
against the month before."""
import csv
import datetime as dt
import re
import sys
from fractions import Fraction


def pct(k, n):
    """100 k / n to two decimals, half away from zero, as text."""
    if n == 0:
        return ''
    q = Fraction(100 * k, n) * 100
    return '%.2f' % (int(q + Fraction(1, 2)) / 100)


def one_decimal(k, d):
    t = (20 * k + d) // (2 * d)
    return '%d.%d' % (t // 10, t % 10)


def rated(rows):
    r = [x for x in rows if x['satisfaction']]
    return sum(x['satisfaction'] in ('satisfied', 'basic') for x in r), len(r)


def known(rows):
    r = [x for x in rows if x['on_time']]
    return sum(x['on_time'] == '1' for x in r), len(r)


def change(k, n, k0, n0):
    """The change in pp, 100 (k / n - k0 / n0) to two decimals, signed; '' without a base."""
    if n0 == 0:
        return ''
    d = Fraction(100 * k, n) - Fraction(100 * k0, n0)
    t = int(abs(d) * 100 + Fraction(1, 2))
    return '%s%d.%02d' % ('-' if d < 0 else r'\+', t // 100, t % 100)


def figures(rows):
    f = {'tickets': len(rows)}
    f['closed'] = sum(r['status'] == 'closed' for r in rows)
    rated = [r for r in rows if r['satisfaction']]
    f['sat_k'] = sum(r['satisfaction'] in ('satisfied', 'basic') for r in rated)
    f['sat_n'] = len(rated)
    f['ot_k'], f['ot_n'] = known(rows)
    f['on_time'] = f['on_time_text'] = pct(f['ot_k'], f['ot_n'])
    f['direct'] = pct(sum(r['direct'] == '1' for r in rows), len(rows))
    f['closure'] = pct(f['closed'], len(rows))
    f['satisfaction'] = pct(f['sat_k'], f['sat_n'])
    return f


def main():
    path, month, last_day, min_n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rows = list(csv.DictReader(open(path, encoding='utf-8-sig')))
    year = month[:4]
    this = [r for r in rows if r['created'][:7] == month]
    days = int(last_day[8:])
    f = figures(this)
    print('tickets=%s' % format(f['tickets'], ','))
    print('daily=%s' % one_decimal(f['tickets'], days))
    print('closed=%s' % format(f['closed'], ','))
    for k in ('closure', 'satisfaction', 'on_time', 'direct'):
        print('%s=%s' % (k, f[k]))
    ytd = [r for r in rows if year + '-01-01' <= r['created'][:10] <= last_day]
    y = figures(ytd)
    ydays = (dt.date.fromisoformat(last_day) - dt.date(int(year), 1, 1)).days + 1
    print('ytd.tickets=%s' % format(y['tickets'], ','))
    print('ytd.daily=%s' % one_decimal(y['tickets'], ydays))
    for k in ('satisfaction', 'on_time'):
        print('ytd.%s=%s' % (k, y[k]))
    before = [r for r in rows if r['created'][:7] == '%d%s' % (int(year) - 1, month[4:])]
    if before:
        b = figures(before)
        d = Fraction(100 * f['sat_k'], f['sat_n']) - Fraction(100 * b['sat_k'], b['sat_n'])
        q = abs(d) * 100
        print('yoy.satisfaction_pp=%.2f' % ((1 if d >= 0 else -1) * int(q + Fraction(1, 2)) / 100))
    prev_month = '%04d-%02d' % ((int(year), int(month[5:]) - 1) if month[5:] != '01'
                                else (int(year) - 1, 12))
    last = [r for r in rows if r['created'][:7] == prev_month]
    for name in sorted({r['department'] for r in this}) + ['合计']:
        mine = [r for r in this if name in ('合计', r['department'])]
        before = [r for r in last if name in ('合计', r['department'])]
        g = figures(mine)
        rate = g['satisfaction'] if g['sat_n'] >= min_n else '样本不足'
        print('dept=%s,%d,%s' % (name, g['tickets'], rate))
        # the row as the table prints it: the interval (not checked here)
        # only beside a rate, a change only beside a rate with one before
        cells = [re.escape(name), str(g['tickets']), rate]
        if g['sat_n'] >= min_n:
            cells.append(r'[0-9.]+—[0-9.]+')
        cells.append(str(g['sat_n']))
        if g['sat_n'] >= min_n:
            cells.append(change(g['sat_k'], g['sat_n'], *rated(before)))
        cells.append(g['on_time_text'] if g['ot_n'] >= min_n else '样本不足')
        if g['ot_n'] >= min_n:
            cells.append(change(g['ot_k'], g['ot_n'], *known(before)))
        print('row=^ *' + ' +'.join(c for c in cells if c) + '$')


main()
