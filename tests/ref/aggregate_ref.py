#!/usr/bin/env python3
"""aggregate_ref.py DUMP HOLIDAYS KEY[,KEY] [rollup]: the count table of a
rexian-synth dump grouped by KEY (ticket columns and day, week, month,
quarter, year), computed independently of rexian from the raw dump; with
rollup, SQL ROLLUP's subtotals too (rolled keys ALL, a rollup column of how
many are rolled, days those of the distinct periods under a subtotal that
rolls a calendar key).

aggregate_ref.py --tables DUMP HOLIDAYS SPEC...: the tables of several SPECs
(KEY[,KEY] or KEY[,KEY]:rollup), each after a line "# SPEC", from one
reading of the dump (the reading is most of the time)."""
import calendar
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ingest_ref import tickets  # noqa: E402

COUNTS = ('tickets closed open direct resolved resolved_known rated satisfied '
          'basic dissatisfied reasonable_rated reasonable_satisfied '
          'reasonable_basic on_time on_time_known duration_n hours_sum '
          'hours_sumsq workdays_sum hours_le_1 hours_le_4 hours_le_24 '
          'hours_le_48 hours_le_72 hours_le_120 hours_le_240 hours_le_720 '
          'hours_gt_720 days').split()
BUCKETS = [1, 4, 24, 48, 72, 120, 240, 720]


def period(unit, d):
    """label and days of the calendar unit holding date d"""
    if unit == 'day':
        return d.isoformat(), 1
    if unit == 'week':
        y, w, _ = d.isocalendar()
        return '%04d-W%02d' % (y, w), 7
    if unit == 'month':
        return '%04d-%02d' % (d.year, d.month), calendar.monthrange(d.year, d.month)[1]
    if unit == 'quarter':
        q = (d.month - 1) // 3
        days = sum(calendar.monthrange(d.year, m)[1] for m in range(3 * q + 1, 3 * q + 4))
        return '%04d-Q%d' % (d.year, q + 1), days
    return '%04d' % d.year, 366 if calendar.isleap(d.year) else 365


def fixed(v, scale):
    s = str(v).rjust(scale + 1, '0')
    return s[:-scale] + '.' + s[-scale:]


def count_groups(dump, holidays, keys, source=None):
    """{key tuple: {count column: integer}} straight from the raw dump (or
    from the tickets of source, an iterable of ingest_ref tickets); sums in
    fixed point (1/10000, squares 1/10^8), days None without a period"""
    units = {'day', 'week', 'month', 'quarter', 'year'}
    groups = {}
    for t in tickets(dump, holidays) if source is None else source:
        key, days = [], None
        for k in keys:
            if k in units:
                label, n = period(k, t['created_dt'].date())
                key.append(label)
                days = n if days is None else min(days, n)
            else:
                key.append(t[k])
        g = groups.setdefault(tuple(key), dict({c: 0 for c in COUNTS}, days=days))
        g['tickets'] += 1
        closed = t['status'] == 'closed'
        g['closed' if closed else 'open'] += 1
        g['direct'] += t['direct'] == '1'
        if closed and t['resolved'] != '':
            g['resolved_known'] += 1
            g['resolved'] += t['resolved'] == '1'
        s = t['satisfaction']
        if s:
            g['rated'] += 1
            g[s] += 1
            if t['reasonable'] == '1':
                g['reasonable_rated'] += 1
                g['reasonable_satisfied'] += s == 'satisfied'
                g['reasonable_basic'] += s == 'basic'
        if t['on_time'] != '':
            g['on_time_known'] += 1
            g['on_time'] += t['on_time'] == '1'
        if closed and t['hours_q'] is not None:
            h = t['hours_q']
            g['duration_n'] += 1
            g['hours_sum'] += h
            g['hours_sumsq'] += h * h
            g['workdays_sum'] += t['workdays_q']
            for b in BUCKETS:
                if h <= b * 10000:
                    g['hours_le_%d' % b] += 1
                    break
            else:
                g['hours_gt_720'] += 1
    return groups


UNITS = ('day', 'week', 'month', 'quarter', 'year')


def rollup(groups, keys):
    """{(key tuple, level): counts}: the groups at level 0 and their
    subtotals, level L rolling up the last L keys"""
    rows = {(k, 0): g for k, g in groups.items()}
    periods = [i for i, k in enumerate(keys) if k in UNITS]
    for level in range(1, len(keys) + 1):
        keep = len(keys) - level
        rolls_period = any(i >= keep for i in periods)
        seen = {}
        for k, g in groups.items():
            r = rows.setdefault((k[:keep] + ('ALL',) * level, level),
                                dict({c: 0 for c in COUNTS},
                                     days=0 if rolls_period else g['days']))
            for c in COUNTS[:-1]:
                r[c] += g[c]
            if rolls_period:
                seen.setdefault(k[:keep], set()).add(
                    (tuple(k[i] for i in periods), g['days']))
        if rolls_period:
            for prefix, ps in seen.items():
                rows[(prefix + ('ALL',) * level, level)]['days'] = \
                    sum(d for _, d in ps)
    return rows


def write_table(groups, keys, rolled):
    rows = rollup(groups, keys) if rolled else {(k, 0): g for k, g in groups.items()}
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(keys + (['rollup'] if rolled else []) + COUNTS)

    def order(kl):
        key, level = kl
        return [(i >= len(key) - level, x.encode('utf-8')) for i, x in enumerate(key)]
    for key, level in sorted(rows, key=order):
        g = rows[(key, level)]
        row = list(key) + ([level] if rolled else [])
        for c in COUNTS:
            v = g[c]
            if c in ('hours_sum', 'workdays_sum'):
                v = fixed(v, 4)
            elif c == 'hours_sumsq':
                v = fixed(v, 8)
            elif c == 'days' and v is None:
                v = ''
            row.append(v)
        w.writerow(row)


def main():
    if sys.argv[1] == '--tables':
        dump, holidays = sys.argv[2], sys.argv[3]
        source = list(tickets(dump, holidays))
        for spec in sys.argv[4:]:
            keys, _, rolled = spec.partition(':')
            sys.stdout.write('# %s\n' % spec)
            keys = keys.split(',')
            write_table(count_groups(dump, holidays, keys, source), keys, rolled == 'rollup')
        return
    keys = sys.argv[3].split(',')
    write_table(count_groups(sys.argv[1], sys.argv[2], keys), keys, sys.argv[4:] == ['rollup'])


if __name__ == '__main__':
    main()
