#!/usr/bin/env python3
"""profile_ref.py PROFILE SAMPLE: what rexian-ingest --profile PROFILE
should make of a 311 sample, computed independently of rexian with Python's
csv and datetime modules from the decisions each built-in profile states
(data/profiles/PROFILE.profile, read here as prose, not parsed).

Prints one "key value" a line: read, written, rejected, excluded, then
status=closed/open counts, on_time=1/0/'' counts and the sum of hours in
ten-thousandths over the written rows."""
import collections
import csv
import datetime as dt
import sys

US = '%m/%d/%Y %I:%M:%S %p'
OPEN = {'open', 'pending', 'assigned', 'started', 'in progress'}

PROFILES = {
    # NYC: Unspecified says nothing; status follows Closed Date
    'nyc311': dict(id='Unique Key', created='Created Date', closed='Closed Date',
                   due='Due Date', status='Status', fmt=US,
                   recode={'unspecified': ''}, exclude=set()),
    # LA: Cancelled left out, Referred Out closed, Pending open
    'la311': dict(id='SRNumber', created='CreatedDate', closed='ClosedDate',
                  due=None, status='Status', fmt=US,
                  recode={'referred out': 'closed', 'pending': 'open'},
                  exclude={'cancelled'}),
    # Boston: target_dt is due
    'boston311': dict(id='case_enquiry_id', created='open_dt', closed='closed_dt',
                      due='target_dt', status='case_status', fmt='%Y-%m-%d %H:%M:%S',
                      recode={}, exclude=set()),
}


def status_of(p, text):
    v = text.strip().lower()
    if v in p['recode']:
        return p['recode'][v]
    if v == 'closed':
        return 'closed'
    if v in OPEN:
        return 'open'
    if v == '':
        return ''
    return None


def main():
    p = PROFILES[sys.argv[1]]
    with open(sys.argv[2], newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    count = collections.Counter()
    seen = set()
    hours = 0
    for r in rows:
        count['read'] += 1
        if r[p['status']].strip().lower() in p['exclude']:
            count['excluded'] += 1
            continue
        ident = r[p['id']].strip()
        created = dt.datetime.strptime(r[p['created']].strip(), p['fmt'])
        closed = r[p['closed']].strip()
        closed = dt.datetime.strptime(closed, p['fmt']) if closed else None
        due = r[p['due']].strip() if p['due'] else ''
        due = dt.datetime.strptime(due, p['fmt']) if due else None
        status = status_of(p, r[p['status']])
        if not ident or status is None or (closed and closed < created) or \
                (status == 'open' and closed) or ident in seen:
            count['rejected'] += 1
            continue
        seen.add(ident)
        if status == '':
            status = 'closed' if closed else 'open'
        count['written'] += 1
        count['status=' + status] += 1
        on_time = ''
        if due and status == 'closed' and closed:
            on_time = '1' if closed <= due else '0'
        count['on_time=' + on_time] += 1
        if closed:
            secs = int((closed - created).total_seconds())
            hours += (secs * 10000 + 1800) // 3600
    for k in ('read', 'written', 'rejected', 'excluded'):
        print(k, count[k])
    for k in sorted(c for c in count if '=' in c):
        print(k, count[k])
    print('hours', hours)


main()
