#!/usr/bin/env python3
"""yoy_ref.py UNIT COUNTS: the satisfaction columns of rexian-rate
--delta prev,year --ci none for a count table keyed by UNIT (day, week,
month, quarter, year) and department, computed independently: the period
before and the same period a year before found with datetime, rates and
changes as exact fractions rounded half away from zero to 2 decimals."""
import csv
import datetime as dt
import sys
from fractions import Fraction


def start(unit, label):
    """the first day of a period label, or None when it is none"""
    try:
        if unit == 'day':
            return dt.date.fromisoformat(label)
        if unit == 'week':
            y, w = label.split('-W')
            d = dt.date.fromisocalendar(int(y), int(w), 1)
            return d if '%04d-W%02d' % d.isocalendar()[:2] == label else None
        if unit == 'month':
            return dt.date(int(label[:4]), int(label[5:]), 1)
        if unit == 'quarter':
            return dt.date(int(label[:4]), 3 * int(label[6]) - 2, 1)
        return dt.date(int(label), 1, 1)
    except ValueError:
        return None


def label(unit, d):
    if unit == 'day':
        return d.isoformat()
    if unit == 'week':
        return '%04d-W%02d' % d.isocalendar()[:2]
    if unit == 'month':
        return '%04d-%02d' % (d.year, d.month)
    if unit == 'quarter':
        return '%04d-Q%d' % (d.year, (d.month - 1) // 3 + 1)
    return '%04d' % d.year


def before(unit, lab):
    return label(unit, start(unit, lab) - dt.timedelta(days=1))


def year_before(unit, lab):
    if unit == 'week':
        y, w = lab.split('-W')
        cand = '%04d-W%s' % (int(y) - 1, w)
        return cand if start(unit, cand) is not None else None
    cand = '%04d%s' % (int(lab[:4]) - 1, lab[4:])
    return cand if start(unit, cand) is not None else None


def text(x):
    """x rounded half away from zero to 2 decimals"""
    q = abs(x) * 100
    n = q.numerator * 2 // q.denominator
    n = (n + 1) // 2
    s = '%d.%02d' % (n // 100, n % 100)
    return '-' + s if x < 0 and n else s


def main():
    unit, path = sys.argv[1], sys.argv[2]
    rows = list(csv.DictReader(open(path, encoding='utf-8')))
    rate = {}
    for r in rows:
        n = int(r['rated'])
        if n:
            rate[(r[unit], r['department'])] = Fraction(
                int(r['satisfied']) + int(r['basic']), n) * 100
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow([unit, 'department', 'satisfaction_prev', 'satisfaction_delta_pp',
                'satisfaction_yoy_base', 'satisfaction_yoy_delta_pp'])
    for r in rows:
        key = (r[unit], r['department'])
        out = [r[unit], r['department']]
        for ref in (before(unit, r[unit]), year_before(unit, r[unit])):
            base = rate.get((ref, r['department'])) if ref else None
            out.append('' if base is None else text(base))
            out.append('' if base is None or key not in rate else text(rate[key] - base))
        w.writerow(out)


if __name__ == '__main__':
    main()
