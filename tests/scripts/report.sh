# rexian-report: the dated folder, its files, the PDF's key figures, the
# package's checksums; a failure in the middle leaves no folder.  (The
# folder named with | and \ and the umask are report-hostile.sh's, checked
# on this report: a report costs seconds under the sanitizers.)
# make check: the plain build too: the report made, and 说明.md's commands
# run again for the same bytes
set -eu
d=$TMPDIR
# 说明.md's commands, run again in a copy of the folder (the dump where
# they name it), give the same files byte for byte but the marks for Excel
# (PDFs made at the same SOURCE_DATE_EPOCH)
made_again() {
	cp -r "$r" $d/again
	mkdir -p $d/again/$(dirname $dump)
	cp $dump $d/again/$dump
	sed -n '/^```$/,/^```$/p' "$r"/说明.md | sed '1d;$d' > $d/commands.sh
	(cd $d/again && sh -e $d/commands.sh 2> /dev/null) || { echo "说明.md's commands failed"; exit 1; }
	for f in tickets.csv counts-month.csv counts-department.csv counts-ytd.csv rates-month.csv \
		rates-month.md rates-ytd.csv rates-department.csv rates-department.md rejects.csv \
		ingest-summary.csv trend.png departments.png funnel.png; do
		tail -c +4 "$r"/$f > $d/want
		[ "$(head -c 3 "$r"/$f | od -An -tx1 | tr -d ' ')" = efbbbf ] || cp "$r"/$f $d/want
		cmp -s $d/want $d/again/$f || { echo "$f made again differs"; exit 1; }
	done
	# a PDF states when it was made: its text
	for f in report.pdf trend.pdf departments.pdf funnel.pdf; do
		[ "$(pdftotext "$r"/$f -)" = "$(pdftotext $d/again/$f -)" ] || { echo "$f made again differs"; exit 1; }
	done
}
# rexian-report draws with the plain build's rexian-chart under the
# sanitizers (make sanitize's REXIAN_PLAIN_CHART)
[ -z "${REXIAN_PLAIN_CHART:-}" ] || PATH=$REXIAN_PLAIN_CHART:$PATH
dump=../samples/dump-2022h1.csv
# an output folder named with | and \: the package's command list names
# the files alone, without the temporary folder; under umask 077 the
# package's folder and files are the user's alone
o="$d/a|b\\c"
mkdir "$o"
(umask 077; rexian-report -o "$o" --package $dump 2022-06 > $d/out)
[ "$(cat $d/out)" = "$o/2022-06" ]
r=$o/2022-06
for f in report.pdf trend.png trend.pdf departments.png departments.pdf funnel.png funnel.pdf \
	rates-month.csv rates-month.md rates-department.csv rates-department.md counts-month.csv \
	counts-department.csv rejects.csv ingest.log ingest-summary.csv tickets.csv 说明.md \
	数据.xlsx SHA256SUMS 报告-主要指标.csv 报告-承办单位.csv 报告-数据质量.csv 报告-版面.txt; do
	[ -s "$r"/$f ] || { echo "missing $f"; exit 1; }
done
[ "$(stat -c %a "$r")" = 700 ]
[ "$(find "$r" -type f ! -perm 600 | wc -l)" = 0 ]
(cd "$r" && sha256sum -c --quiet SHA256SUMS)
# (make check's normal pass, REXIAN_PLAIN_PART: the report made again, no
# more)
if [ -n "${REXIAN_PLAIN_PART:-}" ]; then
	made_again
	exit 0
fi
grep -q '^rexian-rate .* rates-month.md\|counts-month.csv$' "$r"/说明.md
! grep -q '\.2022-06\.' "$r"/说明.md || exit 1
# The package for offices (once tests/scripts/report-package-excel.sh,
# merged here to share the report run): 数据.xlsx read back with openpyxl
# (Debian's python3-openpyxl) holds the month's figures as numbers, the
# departments, the trend, the rejects summary and the definitions; every
# CSV of the package starts with a UTF-8 byte-order mark, and rexian's own
# tools, Python's csv (utf-8-sig) and pandas (when installed) still read them
for f in "$r"/*.csv; do
	[ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] || { echo "$f: no BOM"; exit 1; }
done
# the tools read them as they read them without the mark
tail -c +4 "$r"/tickets.csv > $d/plain.csv
rexian-aggregate --by month "$r"/tickets.csv > $d/a.csv
rexian-aggregate --by month $d/plain.csv > $d/b.csv
cmp $d/a.csv $d/b.csv
rexian-rate -m satisfaction "$r"/counts-month.csv > /dev/null
/usr/bin/python3 - "$r" <<'PY'
import csv, sys
from fractions import Fraction
import openpyxl
r = sys.argv[1]
rows = list(csv.DictReader(open(f'{r}/rates-month.csv', encoding='utf-8-sig')))
june = [x for x in rows if x['month'] == '2022-06'][0]
wb = openpyxl.load_workbook(f'{r}/数据.xlsx')
assert wb.sheetnames == ['本月', '承办单位', '趋势', '数据质量', '指标定义'], wb.sheetnames
ws = wb['本月']
head = [c.value for c in ws[1]]
assert head[0] == '月份' and ws.max_row == 2, (head, ws.max_row)
sat = ws.cell(row=2, column=head.index('满意率') + 1)
# the rate from its own numerator and denominator, rounded half away from zero
k, n = int(june['satisfaction_k']), int(june['satisfaction_n'])
want = int(Fraction(k * 10000, n) + Fraction(1, 2)) / 10000
assert sat.number_format == '0.00%' and abs(sat.value - want) < 1e-12, (sat.value, want)
assert ws.cell(row=2, column=head.index('满意率(分子)') + 1).value == k
assert wb['趋势'].max_row == len(rows) + 1
assert all(c.value == '2022-06' for c in wb['承办单位']['A'][1:])
q = {x.value: y.value for x, y in wb['数据质量'].iter_rows(min_row=2, max_col=2)}
assert q['读取'] == q['写入'] + q['拒收'], q
defs = [c.value for c in wb['指标定义']['B'][1:]]
assert 'satisfaction' in defs and 'on_time' in defs, defs
try:
    import pandas
except ImportError:
    pandas = None
if pandas is not None:
    t = pandas.read_csv(f'{r}/tickets.csv', dtype=str)
    assert list(t.columns)[0] == 'id', list(t.columns)[:2]
PY
# A4 pages numbered 第 N 页 共 M 页, every one of them
pages=$(pdfinfo "$r"/report.pdf | awk "/^Pages/ {print \$2}")
pdfinfo "$r"/report.pdf | grep -q 'Page size: *595.* x 841.* (A4)'
pdftotext -layout "$r"/report.pdf $d/layout.txt
for n in $(seq 1 $pages); do
	grep -q "第 *$n *页 *共 *$pages *页" $d/layout.txt || { echo "no page number $n of $pages"; exit 1; }
done
# every department's row and the 合计 row, name and numbers on one line,
# the figures from the tickets by Python
python3 ref/report_ref.py "$r"/tickets.csv 2022-06 2022-06-30 30 > $d/ref.txt
grep '^dept=' $d/ref.txt | sed 's/^dept=//' | while IFS=, read -r name tickets rate; do
	grep -qE "^ *$name +$tickets +$rate( |\$)" $d/layout.txt ||
		{ echo "no row '$name $tickets $rate' in report.pdf"; exit 1; }
done
[ "$(grep -c '^dept=' $d/ref.txt)" -gt 30 ]
# the whole row: tickets, 满意率, n, its change, 按期办结率, its change
grep '^row=' $d/ref.txt | sed 's/^row=//' | while IFS= read -r re; do
	grep -qE -- "$re" $d/layout.txt || { echo "no row matching '$re' in report.pdf"; exit 1; }
done
# 要点: the figures as Python finds them (lines joined, blanks dropped)
tr -d '\n ' < $d/layout.txt > $d/joined.txt
ref() { sed -n "s/^$1=//p" $d/ref.txt; }
for w in "2022年6月共受理群众诉求$(ref tickets)件，日均$(ref daily)件" \
	"办结$(ref closed)件，办结率$(ref closure)%" "办理结果满意率$(ref satisfaction)%" \
	"按期办结率$(ref on_time)%" "直办率$(ref direct)%" \
	"2022年1—6月累计受理$(ref ytd.tickets)件，日均$(ref ytd.daily)件；办理结果满意率$(ref ytd.satisfaction)%" \
	"回访不足30件，未排名：临淄区住建局、临淄区城管局"; do
	grep -qF -- "$w" $d/joined.txt || { echo "report.pdf lacks '$w'"; exit 1; }
done
# no English left in the Chinese report but names (rexian, the files, the
# options and their values, the tests): every page of each PDF, 说明.md
# outside its code (the commands, the column names) and the markdown rate
# tables, every text cell of 数据.xlsx, the report's own tables
/usr/bin/python3 english.py --allow holm --allow bh "$r"/*.pdf "$r"/*.md "$r"/数据.xlsx "$r"/报告-*.csv ||
	{ echo "English words in the report"; exit 1; }
grep -q '(已启用)$' "$r"/说明.md
# the words the check looks for are found where they are
printf '# 说明\n\n- 满意率 suppressed\n\n```\nrexian-rate --min-n 30\n```\n' > $d/en.md
[ "$(/usr/bin/python3 english.py $d/en.md)" = "$d/en.md: suppressed: - 满意率 suppressed" ]
# 说明.md names no temporary file
grep -nE '(^|[ /])\.[a-z]' "$r"/说明.md && { echo "说明.md names a temporary file"; exit 1; }
# (under the sanitizers, REXIAN_SANITIZED, the commands are the report's
# own again, on the same input: the same bytes are the normal pass's)
if [ -z "${REXIAN_SANITIZED:-}" ]; then
	made_again
fi
# the key figures in the PDF are June's row of the rate table, with the
# change against May
june=$(grep '^2022-06,' "$r"/rates-month.csv)
sat=$(echo "$june" | cut -d, -f2)
change=$(python3 -c 'import csv,sys; r=[x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if x["month"]=="2022-06"][0]; print(r["satisfaction_delta_pp"])' "$r"/rates-month.csv)
pdftotext "$r"/report.pdf $d/report.txt
written=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$r"/tickets.csv)
for w in "2022年6月 12345 热线工单办理情况" "统计截止" "$sat" "$change" "数据质量：工单读取与拒收" "$written" 淄博市住建局; do
	grep -qF -- "$w" $d/report.txt || { echo "report.pdf lacks '$w'"; exit 1; }
done
# the package holds no column outside the ticket table
[ "$(head -1 "$r"/tickets.csv)" = "$(printf '\357\273\277')id,created,due,closed,channel,type,category,district,department,status,direct,resolved,satisfaction,reasonable,on_time,hours,workdays" ]
grep -qF '满意率 (`satisfaction`)：(满意 + 基本满意) / 已回访' "$r"/说明.md
grep -q 'rexian ingest --max-rejects 1%' "$r"/说明.md
# a second run will not overwrite the folder
rexian-report -o "$o" $dump 2022-06 2> $d/err && exit 1
grep -q 'already exists' $d/err
# a failure in the middle (too many rejects) leaves nothing behind
mkdir $d/fail
rexian-report -o $d/fail --max-rejects 0 $dump 2022-06 2> $d/err && exit 1
[ -z "$(ls -A $d/fail)" ]
# a month without tickets is an error, not an empty report
rexian-report -o $d/fail $dump 2023-01 2> $d/err && exit 1
grep -q 'no tickets in 2023-01' $d/err
[ -z "$(ls -A $d/fail)" ]
