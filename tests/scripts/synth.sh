# rexian-synth: the same options give the same bytes; the BOM, CRLF and
# GB18030 forms hold the same text; a dirty dump differs from the clean one
# in about the share asked, only on those rows; tickets stay in time order
# within --start..--end; the 311 shape ingests whole with its US dates.
set -eu
d=$TMPDIR
rexian-synth --rows 20000 --seed 3 > $d/a.csv
rexian-synth --rows 20000 --seed 3 | cmp - $d/a.csv
! rexian-synth --rows 20000 --seed 4 | cmp -s - $d/a.csv || exit 1
rexian-synth --rows 20000 --seed 3 --bom > $d/bom.csv
rexian-synth --rows 20000 --seed 3 --crlf > $d/crlf.csv
rexian-synth --rows 20000 --seed 3 --encoding gb18030 > $d/gb.csv
rexian-synth --rows 20000 --seed 3 --dirty 5% > $d/dirty.csv
rexian-synth --rows 0 > $d/none.csv
rexian-synth --rows 3000 --seed 8 --shape 311 --start 2023-01-01 --end 2023-03-31 > $d/nyc.csv
python3 - $d <<'PY'
import csv, datetime as dt, io, sys
d = sys.argv[1]
raw = lambda n: open(f'{d}/{n}', 'rb').read()
a = raw('a.csv')
assert raw('bom.csv') == b'\xef\xbb\xbf' + a
assert raw('crlf.csv') == a.replace(b'\n', b'\r\n')
gb = raw('gb.csv')
assert gb.decode('gb18030') == a.decode('utf-8') and gb != a
lines = a.decode().splitlines()
assert lines[0].startswith('工单编号,受理时间,') and len(lines) == 20001
assert raw('none.csv').decode().splitlines() == lines[:1]
rows = list(csv.reader(lines))
assert all(len(r) == 15 for r in rows)
times = [dt.datetime.strptime(r[1], '%Y-%m-%d %H:%M:%S') for r in rows[1:]]
assert times == sorted(times)
assert dt.datetime(2020, 1, 1) <= times[0] and times[-1] < dt.datetime(2023, 1, 1)
assert len(set(r[0] for r in rows)) == len(rows)
dirty = raw('dirty.csv').decode().splitlines()
assert len(dirty) == len(lines)
changed = sum(x != y for x, y in zip(lines, dirty))
assert 800 <= changed <= 1200, changed
nyc = list(csv.reader(io.StringIO(raw('nyc.csv').decode())))
assert nyc[0][:3] == ['Unique Key', 'Created Date', 'Closed Date'] and len(nyc) == 3001
for r in nyc[1:]:
    c = dt.datetime.strptime(r[1], '%m/%d/%Y %I:%M:%S %p')
    assert dt.datetime(2023, 1, 1) <= c < dt.datetime(2023, 4, 1)
    assert (r[2] == '') == (r[9] != 'Closed'), r
    if r[2]:
        assert dt.datetime.strptime(r[2], '%m/%d/%Y %I:%M:%S %p') >= c
PY
rexian-ingest $d/nyc.csv 2> $d/err | rexian-aggregate > /dev/null
[ "$(tail -1 $d/err)" = "rexian-ingest: $d/nyc.csv: 3000 read, 3000 written, 0 rejected" ]
