# The sample dumps (issue 17): samples/make-dumps.sh writes them again byte
# for byte with rexian-synth, README.md quotes its commands, and what
# README.md, rexian(7) and the golden cases quote from them agrees with
# tests/ref/samples_ref.py, which reads the dumps with Python alone
set -eu
d=$TMPDIR
h1=../samples/dump-2022h1.csv
jul=../samples/dump-2022-07-gb18030.csv
sh ../samples/make-dumps.sh $d
cmp $d/dump-2022h1.csv $h1
cmp $d/dump-2022-07-gb18030.csv $jul
grep '^rexian-synth ' ../samples/make-dumps.sh > $d/commands
[ "$(wc -l < $d/commands)" = 2 ]
while IFS= read -r c; do
	grep -qxF "    $c" ../README.md || { echo "README.md does not give '$c'"; exit 1; }
done < $d/commands

python3 ref/samples_ref.py $h1 ../data/holidays-cn.csv 2022-06 30 > $d/ref.txt
ref() { sed -n "s/^$1=//p" $d/ref.txt; }
[ "$(ref rows)" = 3000 ]
grep -q '(淄博 12345, January to$' ../README.md
grep -q '^June 2022, 3000 rows, some dirty) and `samples/dump-2022-07-gb18030.csv`$' ../README.md
# README's rexian-ingest example is this dump's: its command gives the
# lines shown, and each agrees with Python's line, reason and counts
cp $h1 $d/dump.csv
sed -n '/^    \$ rexian-ingest --max-rejects 1% --rejects/,/^$/p' ../README.md > $d/example
[ "$(wc -l < $d/example)" = 6 ]
(cd $d && rexian-ingest --max-rejects 1% --rejects rejects.csv dump.csv > tickets.csv 2> err)
sed -n '2,$p' $d/example | grep -v '^    \.\.\.$' | sed '/^$/d; s/^    //' | while IFS= read -r l; do
	grep -qxF -- "$l" $d/err || { echo "rexian-ingest does not say '$l'"; exit 1; }
	case $l in
	*': 3000 read'*) [ "$l" = "rexian-ingest: dump.csv: $(ref summary)" ] ||
		{ echo "README: '$l', Python: '$(ref summary)'"; exit 1; } ;;
	*) n=${l#rexian-ingest: dump.csv:}; n=${n%%:*}
		case $l in "rexian-ingest: dump.csv:$(ref reject | grep "^$n: ")"*) ;;
		*) echo "README: '$l', Python: '$(ref reject | grep "^$n: ")'"; exit 1 ;;
		esac ;;
	esac
done
grep -qF "(here samples/dump-2022h1.csv)" ../README.md
# and every reject in the rejects file is Python's, line and reason
python3 - $d/rejects.csv $d/ref.txt <<'PY'
import csv, sys
got = [(r['line'], r['reason']) for r in csv.DictReader(open(sys.argv[1], encoding='utf-8-sig'))]
want = [l[len('reject='):].rstrip('\n').split(': ', 1) for l in open(sys.argv[2], encoding='utf-8')
        if l.startswith('reject=')]
assert len(got) == len(want), (len(got), len(want))
for (line, reason), (wline, wreason) in zip(got, want):
    assert line == wline and reason.startswith(wreason), (line, reason, wline, wreason)
PY
# rexian(7)'s June 按期办结率, closed only and as of 1 July
python3 - ../man/rexian.7 "$(ref on_time)" "$(ref on_time_asof)" <<'PY'
import sys
man, closed, asof = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(',')
text = open(man, encoding='utf-8').read()
for line in (f'on_time_k\t{closed[1]}\t{asof[1]}', f'on_time_known\t{closed[2]}\t{asof[2]}',
             f'按期办结率\t{closed[0]}%\t{asof[0]}%'):
    assert '\n' + line + '\n' in text, line
words = {11: 'eleven', 2: 'two'}
assert f'The {words[int(asof[2]) - int(closed[2])]} June tickets still open' in text
assert f'difference: {words[round(float(closed[0]) - float(asof[0]))]} percentage points' in text
PY
# the report's ranking (rexian-report's --min-n 30) in README.md
grep -q "^the ranking (only $(ref ranked) departments had 30 ratings" ../README.md
# chart-many-series: one series a department
grep -qx "rexian-chart: $(ref departments) series share 8 colours, so some look alike; keep fewer with --where COL=VALUE" \
	golden/chart-many-series.case

# the GB18030 sample: GB18030 (not UTF-8) with CRLF line ends, 1000 clean
# July rows
python3 ref/samples_ref.py $jul ../data/holidays-cn.csv 2022-07 30 > $d/ref.txt
[ "$(ref summary)" = "1000 read, 1000 written, 0 rejected" ]
python3 - $jul <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read()
try:
    raw.decode('utf-8')
    sys.exit('the GB18030 sample reads as UTF-8')
except UnicodeDecodeError:
    pass
lines = raw.split(b'\r\n')
assert lines[-1] == b'' and len(lines) == 1002 and b'\n' not in raw.replace(b'\r\n', b''), len(lines)
assert all(l.decode('gb18030').split(',')[1].startswith('2022-07-') for l in lines[1:-1])
PY
rexian-ingest $jul 2>&1 > /dev/null | grep -qx "rexian-ingest: $jul: 1000 read, 1000 written, 0 rejected"
