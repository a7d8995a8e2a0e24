#!/usr/bin/env python3
"""ingest_ref.py DUMP HOLIDAYS: the ticket table of a gen_tickets.py dump,
computed independently of rexian with Python's csv and datetime modules.
Prints the table on standard output and "KIND COUNT" reject counts on
standard error.  Only the date form and spellings that gen_tickets.py
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


def main():
    dump, holidays = sys.argv[1], sys.argv[2]
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
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow('id created due closed channel type category district department '
               'status direct resolved satisfaction reasonable on_time hours '
               'workdays'.split())
    seen = set()
    rejects = {}
    for r in rows:
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
            continue
        seen.add(r[0])
        status = STATUS[r[9]]
        on_time = ''
        hours = workdays = ''
        if closed is not None:
            on_time = '1' if closed <= due else '0'
            hours = fixed4(int((closed - created).total_seconds()), 3600)
            workdays = fixed4(work_seconds(over, created, closed), 86400)
        fmt = '%Y-%m-%d %H:%M:%S'
        w.writerow([r[0], created.strftime(fmt), due.strftime(fmt),
                    closed.strftime(fmt) if closed else '', r[2], r[3], r[4], r[5],
                    r[6], status, BOOL[r[10]], BOOL[r[11]], SAT[r[12]], BOOL[r[13]],
                    on_time, hours, workdays])
    for k in sorted(rejects):
        print(k, rejects[k], file=sys.stderr)


if __name__ == '__main__':
    main()
