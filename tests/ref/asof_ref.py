#!/usr/bin/env python3
"""asof_ref.py DUMP HOLIDAYS MONTH CUT: the monthly figures of a dump up to
MONTH as they stood at the cut-off CUT (YYYY-MM-DD HH:MM:SS), computed
independently of rexian from the rule as stated: tickets created at or after
CUT are not counted; a ticket closed at or after CUT is open, unrated and
unresolved; an open ticket whose due time is before CUT is late.  日均
divides MONTH's tickets by the days from its 1st to the day before CUT's
last second when CUT falls inside MONTH.  Prints month, then value, k and
n of satisfaction, on_time, direct and closure, mean_days and its n, daily
and its k and n."""
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aggregate_ref import count_groups  # noqa: E402
from ingest_ref import tickets  # noqa: E402
from rate_ref import rounded  # noqa: E402


def as_of(source, cut):
    for t in source:
        if t['created_dt'] >= cut:
            continue
        if t['closed_dt'] is not None and t['closed_dt'] >= cut:
            t = dict(t, status='open', closed='', closed_dt=None, satisfaction='',
                     resolved='', on_time='', hours='', workdays='', hours_q=None,
                     workdays_q=None)
        if t['status'] == 'open':
            due = dt.datetime.strptime(t['due'], '%Y-%m-%d %H:%M:%S')
            t = dict(t, on_time='0' if due < cut else '')
        yield t


def main():
    dump, holidays, month = sys.argv[1:4]
    cut = dt.datetime.strptime(sys.argv[4], '%Y-%m-%d %H:%M:%S')
    groups = count_groups(dump, holidays, ['month'], as_of(tickets(dump, holidays), cut))
    last = cut - dt.timedelta(seconds=1)
    if last.strftime('%Y-%m') == month:
        groups[(month,)]['days'] = last.day
    rates = [('satisfaction', ('satisfied', 'basic'), 'rated'),
             ('on_time', ('on_time',), 'on_time_known'),
             ('direct', ('direct',), 'tickets'), ('closure', ('closed',), 'tickets')]
    w = csv.writer(sys.stdout, lineterminator='\n')
    head = ['month']
    for name, _, _ in rates:
        head += [name, name + '_k', name + '_n']
    w.writerow(head + ['mean_days', 'mean_days_n', 'daily', 'daily_k', 'daily_n'])
    for key in sorted(k for k in groups if k[0] <= month):
        g = groups[key]
        row = [key[0]]
        for _, num, den in rates:
            k, n = sum(g[c] for c in num), g[den]
            row += [rounded(100 * k, n), k, n]
        row += [rounded(g['hours_sum'], g['duration_n'] * 240000), g['duration_n'],
                rounded(g['tickets'], g['days']), g['tickets'], g['days']]
        w.writerow(row)


if __name__ == '__main__':
    main()
