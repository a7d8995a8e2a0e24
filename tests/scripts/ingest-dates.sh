# Dates decided per file (issue 21), against Python's datetime.strptime
# (ref/dates_ref.py): the same 3000 tickets written in nine date forms give
# the same ticket table bytes as the ISO dump; two-digit years from 1969 to
# 2068 on both sides of the pivot, by default and by --year-pivot; zones
# converted by --utc-offset; a day-first dump with no day over 12 refused
# until --date-order; a contradiction reported on its line.
set -eu
d=$TMPDIR
rexian-synth --rows 3000 --seed 11 > $d/iso.csv
# rewrite the three date columns of a dump by a strftime format (上午/下午
# for %p when the format says ZH)
reform() {
	python3 - "$1" "$2" > "$3" <<'PY'
import csv, datetime as dt, sys
src, fmt = sys.argv[1], sys.argv[2]
zh = fmt.startswith('ZH')
fmt = fmt[2:] if zh else fmt
rows = csv.reader(open(src, encoding='utf-8', newline=''))
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(next(rows))
for r in rows:
    for i in (1, 7, 8):
        if r[i]:
            s = dt.datetime.strptime(r[i], '%Y-%m-%d %H:%M:%S').strftime(fmt)
            if zh:
                s = s.replace('AM', '上午').replace('PM', '下午')
            r[i] = s
    out.writerow(r)
PY
}
rexian-ingest $d/iso.csv > $d/want.csv 2> $d/err
[ "$(wc -l < $d/want.csv)" = 3001 ] || { cat $d/err; exit 1; }
for fmt in '%d/%m/%Y %H:%M:%S' '%m/%d/%Y %I:%M:%S %p' '%d.%m.%Y %H:%M:%S' \
	'%d-%m-%Y %H:%M:%S' '%Y/%m/%d %H:%M:%S' '%Y年%m月%d日 %H:%M:%S' \
	'ZH%Y-%m-%d %p %I:%M:%S' 'ZH%d/%m/%Y %I:%M:%S %p' '%Y-%m-%dT%H:%M:%S'; do
	reform $d/iso.csv "$fmt" $d/in.csv
	rexian-ingest $d/in.csv > $d/got.csv 2> $d/err || { echo "$fmt:"; cat $d/err; exit 1; }
	cmp $d/want.csv $d/got.csv || { echo "'$fmt': tables differ"; exit 1; }
	# a thread reading ahead while rows wait for their order: the same bytes
	rexian-ingest --jobs 2 $d/in.csv 2> /dev/null | cmp $d/want.csv -
done
# the summary names the form and the line that decided (the first day
# over 12, found here by Python)
reform $d/iso.csv '%d/%m/%Y %H:%M:%S' $d/in.csv
rexian-ingest $d/in.csv 2>&1 > /dev/null | grep -q "date column 受理时间: DD/MM/YYYY hh:mm:ss (day first, as line $(python3 -c '
import csv, sys
for n, r in enumerate(csv.reader(open(sys.argv[1], encoding="utf-8")), 1):
    if n > 1 and int(r[1][:2]) > 12:
        print(n); break' $d/in.csv) "

# two-digit years on both sides of the pivot, and seconds left out: random
# tickets from 1969 to 2068 against strptime (whose %y pivot is POSIX's, 69)
python3 - > $d/yy.csv <<'PY'
import datetime as dt, random
random.seed(5)
print('id,created,closed')
start = dt.datetime(1969, 1, 1)
span = (dt.datetime(2068, 12, 31) - start).total_seconds()
def la(t):
    # as LA's re-saved exports write it: 1/1/20 0:05
    return f'{t.month}/{t.day}/{t.year % 100:02d} {t.hour}:{t.minute:02d}'
for i in range(2000):
    t = start + dt.timedelta(minutes=random.randrange(int(span // 60)))
    if t.date() == dt.date(1970, 1, 1):
        continue
    c = t + dt.timedelta(minutes=random.randrange(60 * 24 * 40))
    close = '' if random.random() < 0.2 or c.year > 2068 else la(c)
    print(f'Y{i},{la(t)},{close}')
PY
fmt='%m/%d/%y %H:%M'
python3 ref/memo.py ref/dates_ref.py $d/yy.csv id "created=$fmt" "closed=$fmt" > $d/want.csv
rexian-ingest --calendar weekends --max-rejects 100% $d/yy.csv 2> $d/err | python3 csvcut.py id,created,closed > $d/got.csv
cmp $d/want.csv $d/got.csv || { diff $d/want.csv $d/got.csv | head; exit 1; }
grep -q 'MM/DD/YY hh:mm (month first, as line' $d/err
grep -q ' 0 rejected' $d/err
for pivot in 0 30 100; do
	python3 ref/memo.py ref/dates_ref.py --pivot $pivot $d/yy.csv id "created=$fmt" "closed=$fmt" > $d/want.csv
	# a pivot that puts a closed year before its created year rejects the row
	rexian-ingest --calendar weekends --max-rejects 100% --year-pivot $pivot $d/yy.csv 2> $d/err |
		python3 csvcut.py id,created,closed > $d/got.csv
	python3 - $d/want.csv $d/got.csv <<'PY'
import csv, sys
want = {r[0]: r for r in csv.reader(open(sys.argv[1]))}
got = list(csv.reader(open(sys.argv[2])))
for r in got:
    if r != want[r[0]]:
        sys.exit(f'{r} != {want[r[0]]}')
out = [k for k, r in want.items() if k != 'id' and ('bad' in r or (r[2] and r[2] < r[1]))]
if len(got) + len(out) != len(want):
    sys.exit(f'{len(got)} written, {len(out)} bad or closed before created, of {len(want)}')
PY
done

# zones: the ISO dump written in UTC with Z and +00:00, read back at +08:00
python3 - $d/iso.csv > $d/z.csv <<'PY'
import csv, datetime as dt, sys
rows = csv.reader(open(sys.argv[1], encoding='utf-8', newline=''))
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(next(rows))
for n, r in enumerate(rows):
    for i in (1, 7, 8):
        if r[i]:
            t = dt.datetime.strptime(r[i], '%Y-%m-%d %H:%M:%S') - dt.timedelta(hours=8)
            r[i] = t.strftime('%Y-%m-%dT%H:%M:%S') + ('Z' if n % 2 else '+00:00')
    out.writerow(r)
PY
rexian-ingest $d/iso.csv > $d/want.csv 2>/dev/null
rexian-ingest --utc-offset +08:00 $d/z.csv > $d/got.csv 2>/dev/null
cmp $d/want.csv $d/got.csv
! rexian-ingest $d/z.csv > /dev/null 2> $d/err || exit 1
grep -q "a time zone; --utc-offset +HH:MM gives the local time to write" $d/err

# day-first dates with no day over 12: refused, then read with --date-order
python3 - $d/iso.csv > $d/low.csv <<'PY'
import csv, datetime as dt, sys
rows = csv.reader(open(sys.argv[1], encoding='utf-8', newline=''))
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(next(rows))
for r in rows:
    if all(not r[i] or int(r[i][8:10]) <= 12 for i in (1, 7, 8)):
        for i in (1, 7, 8):
            if r[i]:
                r[i] = dt.datetime.strptime(r[i], '%Y-%m-%d %H:%M:%S').strftime('%d/%m/%Y %H:%M:%S')
        out.writerow(r)
PY
! rexian-ingest $d/low.csv > $d/got.csv 2> $d/err || exit 1
[ ! -s $d/got.csv ]
grep -q "^rexian-ingest: $d/low.csv:2: 受理时间 .* give --date-order dmy or --date-order mdy$" $d/err
rexian-ingest --date-order dmy $d/low.csv > $d/got.csv 2>/dev/null
fmt='%d/%m/%Y %H:%M:%S'
python3 ref/memo.py ref/dates_ref.py $d/low.csv 工单编号 "受理时间=$fmt" "办理时限=$fmt" "办结时间=$fmt" > $d/want.csv
python3 csvcut.py id,created,due,closed < $d/got.csv | tail -n +2 | cmp - <(tail -n +2 $d/want.csv)

# a contradiction on line N is reported on line N: a month-first value put
# on line 2000 of the day-first dump
reform $d/iso.csv '%d/%m/%Y %H:%M:%S' $d/in.csv
python3 - $d/in.csv > $d/bad.csv <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
f = lines[1999].split(',')
f[1] = '01/25/2022 10:00:00'
lines[1999] = ','.join(f)
sys.stdout.write('\n'.join(lines))
PY
! rexian-ingest $d/bad.csv > /dev/null 2> $d/err || exit 1
grep -q "^rexian-ingest: $d/bad.csv:2000: 受理时间 '01/25/2022 10:00:00' reads only month first, but line [0-9]*'s" $d/err
