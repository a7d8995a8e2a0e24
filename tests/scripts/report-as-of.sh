# rexian-report's figures are as of the cut-off (issue 22): June 2022 as of
# 2022-07-01 against an independent Python computation (tests/ref/asof_ref.py);
# a dump that goes on into July, with June's open tickets closed in July,
# gives the same June report as the dump cut at June's end; --as-of inside
# the month, and a month the data cover only in part.  The cut report is
# also report-hostile.sh's dump named like an option, under a umask (a
# report costs seconds under the sanitizers): both dumps are named -x.csv,
# as the charts' notes name them.
# make check: the plain build too: the report of the dump cut at June's end,
# named like an option, and the warning of a month covered in part
set -eu
d=$TMPDIR
# rexian-report draws with the plain build's rexian-chart under the
# sanitizers (make sanitize's REXIAN_PLAIN_CHART)
[ -z "${REXIAN_PLAIN_CHART:-}" ] || PATH=$REXIAN_PLAIN_CHART:$PATH
h1=../samples/dump-2022h1.csv
mkdir $d/cut $d/full $d/out-full
cp $h1 $d/cut/-x.csv
# the same tickets a few days later: open ones closed on 3 July, rated and
# resolved, and July's tickets (from the GB18030 sample) after them
python3 - $h1 ../samples/dump-2022-07-gb18030.csv > $d/full/-x.csv <<'PY'
import csv, io, sys
out = csv.writer(sys.stdout, lineterminator='\n')
changed = 0
for line in open(sys.argv[1], encoding='utf-8', newline=''):
    r = next(csv.reader([line]))
    if len(r) == 15 and r[9] == '办理中' and r[8] == '' and r[1].startswith('2022-'):
        r[8], r[9], r[11], r[12] = '2022-07-03 10:00:00', '已办结', '是', '满意'
        out.writerow(r)
        changed += 1
    else:
        sys.stdout.write(line)
july = open(sys.argv[2], encoding='gb18030', newline='').read().replace('\r\n', '\n')
sys.stdout.write(july.split('\n', 1)[1])
assert changed > 30, changed
PY
# (report-hostile: a dump whose name begins with -; the folder and its
# files take the modes the umask gives.  Under the sanitizers,
# REXIAN_SANITIZED, the cut report is the normal pass's: what it checks is
# rexian-report's and the bytes', and its tools run as report.sh's on the
# same dump and as the full report's on the same rate tables)
if [ -z "${REXIAN_SANITIZED:-}" ]; then
	(cd $d/cut && umask 027 && rexian-report -o . -- -x.csv 2022-06 > out) || { echo "-x.csv refused"; exit 1; }
	[ "$(cat $d/cut/out)" = ./2022-06 ]
	grep -q ' -- -x.csv$' $d/cut/2022-06/ingest.log 2>/dev/null || grep -q 'x.csv: 3000 read' $d/cut/2022-06/ingest.log
	[ "$(stat -c %a $d/cut/2022-06)" = 750 ]
	[ "$(find $d/cut/2022-06 -type f ! -perm 640 | wc -l)" = 0 ] ||
		{ find $d/cut/2022-06 -type f -printf '%m %p\n'; exit 1; }
fi
rexian-report -o $d/out-full $d/full/-x.csv 2022-06 > /dev/null 2> $d/err
[ ! -s $d/err ] || { cat $d/err; exit 1; }
[ -n "${REXIAN_SANITIZED:-}" ] ||
	for f in rates-month.csv rates-month.md rates-department.csv rates-department.md \
		counts-month.csv counts-department.csv trend.png departments.png funnel.png; do
		cmp $d/cut/2022-06/$f $d/out-full/2022-06/$f || { echo "$f differs"; exit 1; }
	done
# June is the last month: July's tickets are excluded and counted as such
! grep -q '^2022-07' $d/out-full/2022-06/rates-month.csv || exit 1
grep -q ', 1000 excluded (1000 created at or after --as-of)$' $d/out-full/2022-06/ingest.log
# data that end on 14 June: June is covered only in part, and the warning
# names the last ticket's date (found here by Python).  The warning is
# rexian-report's own, its tools run on an ordinary dump: under the
# sanitizers (REXIAN_SANITIZED) it is the normal pass's, and make check's
# normal pass runs it and the reports above alone (REXIAN_PLAIN_PART)
if [ -z "${REXIAN_SANITIZED:-}" ]; then
	python3 - $h1 > $d/early.csv <<-'PY'
	import sys
	lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
	keep = [lines[0]] + [l for l in lines[1:] if not l.split(',')[1:2] or l.split(',')[1] < '2022-06-15']
	sys.stdout.write('\n'.join(keep) + '\n')
	PY
	last=$(python3 -c 'import csv,sys; print(max(r[1][:10] for r in csv.reader(open(sys.argv[1])) if len(r) == 15 and r[1][:4] == "2022"))' $d/early.csv)
	mkdir $d/early
	rexian-report -o $d/early $d/early.csv 2022-06 > /dev/null 2> $d/err
	grep -qF "early.csv: the last ticket was created on $last, before the cut-off 2022-07-01 00:00:00, so 2022-06 is covered only in part" $d/err
	pdftotext $d/early/2022-06/report.pdf $d/report.txt
	tr -d '\n ' < $d/report.txt | grep -q "注意：数据中最后一件工单受理于$last"
fi
[ -z "${REXIAN_PLAIN_PART:-}" ] || exit 0

# every figure against the reference, for every month up to June
compare() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
want = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
got = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig')))
if [r['month'] for r in got] != [r['month'] for r in want]:
    sys.exit(f"months {[r['month'] for r in got]}")
for w, g in zip(want, got):
    for c in w:
        if w[c] != g[c]:
            sys.exit(f"{w['month']} {c}: {g[c]}, want {w[c]}")
PY
}
python3 ref/asof_ref.py $h1 ../data/holidays-cn.csv 2022-06 '2022-07-01 00:00:00' > $d/want.csv
compare $d/want.csv $d/out-full/2022-06/rates-month.csv
# the point of issue 22: as of the cut-off, June's open tickets past due
# count as late, so 按期办结率 has the same numerator over a larger
# denominator than without a cut-off (the sample of that issue: 513/533,
# not 513/522)
june=$(python3 csvcut.py month,on_time,on_time_k,on_time_n < $d/want.csv | grep '^2022-06,')
plain=$(python3 ref/aggregate_ref.py $h1 ../data/holidays-cn.csv month |
	python3 csvcut.py month,on_time,on_time_known | grep '^2022-06,')
[ "$(echo "$june" | cut -d, -f3)" = "$(echo "$plain" | cut -d, -f2)" ]
[ "$(echo "$june" | cut -d, -f4)" -gt "$(echo "$plain" | cut -d, -f3)" ]
on_time=$(echo "$june" | cut -d, -f2)
# the cut-off on the title block, in 要点 and in 说明.md
pdftotext $d/out-full/2022-06/report.pdf $d/report.txt
grep -q '统计截止 2022-07-01 00:00:00' $d/report.txt
# (the 要点 wrap: lines joined, blanks dropped)
tr -d '\n ' < $d/report.txt > $d/joined.txt
grep -q '统计截止2022-07-0100:00:00：此后受理的工单不计入' $d/joined.txt
grep -qF "按期办结率$on_time%" $d/joined.txt

# --as-of inside the month: June 20 noon, 日均 over 20 days, the cut-off
# and its definition in 说明.md
mkdir $d/mid
rexian-report -o $d/mid --package --as-of '2022-06-20 12:00' $d/full/-x.csv 2022-06 > /dev/null 2> $d/err ||
	{ cat $d/err; exit 1; }
[ ! -s $d/err ] || { cat $d/err; exit 1; }
python3 ref/asof_ref.py $d/full/-x.csv ../data/holidays-cn.csv 2022-06 '2022-06-20 12:00:00' > $d/want.csv
grep -q '^2022-06,.*,20$' $d/want.csv
compare $d/want.csv $d/mid/2022-06/rates-month.csv
grep -q '^2022-06-20 12:00:00 (--as-of 指定)' $d/mid/2022-06/说明.md
grep -q '截止时仍未办结且已超过办理时限的工单计为未按期办结' $d/mid/2022-06/说明.md
