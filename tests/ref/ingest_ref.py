#!/usr/bin/env python3
"""ingest_ref.py DUMP HOLIDAYS: the ticket table of a rexian-synth dump,
computed independently of rexian with Python's csv and datetime modules.
Prints the table on standard output and "KIND COUNT" reject counts on
standard error.  Only the date form and spellings that rexian-synth
writes are handled."""
import csv
import datetime as dt
import sys

BOOL = {'是': '1', '否': '0', '': ''}
SAT = {'满意': 'satisfied', '基本满意': 'basic', '不满意': 'dissatisfied',
       '未回访': '', '': ''}
STATUS = {'已办结': 'closed', '办理中': 'open'}


def parse_time(s):
    try:
        return dt.datetime.strptime(s, '%Y-%m-%d %H:%M:%S')
    except ValueError:
        return None


def load_calendar(path):
    over = {}
    with open(path, encoding='utf-8') as f:
        for row in csv.DictReader(f):
            over[dt.date.fromisoformat(row['date'])] = row['kind'] == 'work'
    return over


def is_work(over, day):
    return over.get(day, day.weekday() < 5)


def work_seconds(over, a, b):
    total = 0
    t = a
    while t < b:
        nxt = min(dt.datetime.combine(t.date() + dt.timedelta(days=1), dt.time()), b)
        if is_work(over, t.date()):
            total += int((nxt - t).total_seconds())
        t = nxt
    return total


def fixed4(secs, unit):
    q = (secs * 10000 + unit // 2) // unit
    return '%d.%04d' % (q // 10000, q % 10000)


def tickets(dump, holidays, rejects=None, rejected=None):
    """Yields each good ticket as a dict of ticket-table values, hours and
    workdays also as integers of 1/10000 (hours_q, workdays_q).  Counts the
    rejects by kind in rejects, and appends (line, kind, fields) for each
    to the list rejected when given, fields the row as a list."""
    over = load_calendar(holidays)
    raw = open(dump, 'rb').read()
    enc = 'utf-8-sig'
    try:
        raw.decode('utf-8')
    except UnicodeDecodeError:
        enc = 'gb18030'
    text = raw.decode(enc).replace('\r\n', '\n')
    rows = csv.reader(text.splitlines(keepends=True))
    head = next(rows)
    seen = set()
    if rejects is None:
        rejects = {}
    fmt = '%Y-%m-%d %H:%M:%S'
    end = rows.line_num
    for r in rows:
        line, end = end + 1, rows.line_num      # the row's first line
        if not r:
            continue
        kind = None
        if len(r) != len(head):
            kind = 'wrong field count'
        elif r[0].strip() == '':
            kind = 'empty id'
        else:
            created, due, closed = parse_time(r[1]), parse_time(r[7]), None
            if created is None or due is None:
                kind = 'bad date'
            elif r[8] and parse_time(r[8]) is None:
                kind = 'bad date'
            else:
                closed = parse_time(r[8]) if r[8] else None
                if closed is not None and closed < created:
                    kind = 'closed before created'
                elif r[0] in seen:
                    kind = 'duplicate id'
        if kind:
            rejects[kind] = rejects.get(kind, 0) + 1
            if rejected is not None:
                rejected.append((line, kind, r))
            continue
        seen.add(r[0])
        t = {'id': r[0], 'created': created.strftime(fmt), 'due': due.strftime(fmt),
             'closed': closed.strftime(fmt) if closed else '', 'channel': r[2],
             'type': r[3], 'category': r[4], 'district': r[5], 'department': r[6],
             'status': STATUS[r[9]], 'direct': BOOL[r[10]], 'resolved': BOOL[r[11]],
             'satisfaction': SAT[r[12]], 'reasonable': BOOL[r[13]], 'on_time': '',
             'hours': '', 'workdays': '', 'hours_q': None, 'workdays_q': None,
             'created_dt': created, 'closed_dt': closed}
        if closed is not None:
            t['on_time'] = '1' if closed <= due else '0'
            secs = int((closed - created).total_seconds())
            wsecs = work_seconds(over, created, closed)
            t['hours'], t['workdays'] = fixed4(secs, 3600), fixed4(wsecs, 86400)
            t['hours_q'] = (secs * 10000 + 1800) // 3600
            t['workdays_q'] = (wsecs * 10000 + 43200) // 86400
        yield t


COLUMNS = ('id created due closed channel type category district department '
           'status direct resolved satisfaction reasonable on_time hours '
           'workdays').split()


def main():
    rejects = {}
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(COLUMNS)
    for t in tickets(sys.argv[1], sys.argv[2], rejects):
        w.writerow([t[c] for c in COLUMNS])
    for k in sorted(rejects):
        print(k, rejects[k], file=sys.stderr)


if __name__ == '__main__':
    main()
