# rexian-report --package for offices: 数据.xlsx read back with openpyxl
# (Debian's python3-openpyxl) holds the month's figures as numbers, the
# departments, the trend, the rejects summary and the definitions; every
# CSV of the package starts with a UTF-8 byte-order mark, and rexian's own
# tools, Python's csv (utf-8-sig) and pandas (when installed) still read them
set -eu
d=$TMPDIR
rexian-report -o $d --package ../samples/dump-2022h1.csv 2022-06 > /dev/null
r=$d/2022-06
(cd $r && sha256sum -c --quiet SHA256SUMS)
for f in $r/*.csv; do
	[ "$(head -c 3 $f | od -An -tx1 | tr -d ' ')" = efbbbf ] || { echo "$f: no BOM"; exit 1; }
done
# the tools read them as they read them without the mark
tail -c +4 $r/tickets.csv > $d/plain.csv
rexian-aggregate --by month $r/tickets.csv > $d/a.csv
rexian-aggregate --by month $d/plain.csv > $d/b.csv
cmp $d/a.csv $d/b.csv
rexian-rate -m satisfaction $r/counts-month.csv > /dev/null
/usr/bin/python3 - $r <<'PY'
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
