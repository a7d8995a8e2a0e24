# --fill with several keys of each kind: every calendar period from the
# first to the last (of the finest unit) x every combination of the other
# keys as seen, zero where no ticket fell, counted again by stdlib Python.
# Two or more keys of one kind once made --fill read past a key's end.
set -eu
d=$TMPDIR
rexian-synth --rows 60 --seed 5 --start 2024-01-01 --end 2024-06-30 |
	rexian-ingest 2>/dev/null > $d/t.csv
for keys in district,channel,month department,year,quarter type,district,quarter,month; do
	rexian-aggregate --by $keys --fill $d/t.csv > $d/got.csv
	python3 - $d/t.csv $d/got.csv $keys <<'PY'
import csv, sys, collections
tickets, got, keys = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
units = {'month': 1, 'quarter': 3, 'year': 12}
def label(unit, created):
    y, m = int(created[:4]), int(created[5:7])
    return {'month': '%d-%02d' % (y, m), 'quarter': '%d-Q%d' % (y, (m - 1) // 3 + 1),
            'year': str(y)}[unit]
rows = list(csv.DictReader(open(tickets, encoding='utf-8')))
cal = [k for k in keys if k in units]
other = [k for k in keys if k not in units]
seen = sorted({tuple(r[k] for k in other) for r in rows})
want = collections.Counter()
for r in rows:
    key = {k: (label(k, r['created']) if k in units else r[k]) for k in keys}
    want[tuple(key[k] for k in keys)] += 1
expect = set(want)
if cal:
    finest = min(cal, key=lambda k: units[k])
    months = sorted({r['created'][:7] for r in rows})
    y, m = int(months[0][:4]), int(months[0][5:7])
    days = []
    while '%d-%02d' % (y, m) <= months[-1]:
        days.append('%d-%02d-01' % (y, m))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    periods = {tuple(label(k, day) for k in cal) for day in days}
    for p in periods:
        for o in seen:
            key = dict(zip(cal, p), **dict(zip(other, o)))
            expect.add(tuple(key[k] for k in keys))
out = {tuple(r[k] for k in keys): int(r['tickets']) for r in csv.DictReader(open(got, encoding='utf-8'))}
if set(out) != expect or any(out[k] != want[k] for k in out):
    print('--by', ','.join(keys), 'differs:', sorted(set(out) ^ expect)[:5],
          [(k, out[k], want[k]) for k in out if out[k] != want[k]][:5])
    sys.exit(1)
if len(expect) <= len(want):
    print('--by', ','.join(keys), 'filled nothing: not a test of --fill')
    sys.exit(1)
PY
done
