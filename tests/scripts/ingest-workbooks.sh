# The same dump as CSV, as .xlsx (openpyxl) and as .xls (xlwt) gives the
# same ticket table, byte for byte, and the same rejects at the same rows:
# date cells with seconds, 14-digit numeric ids, text, dirty rows.
set -eu
d=$TMPDIR
py=/usr/bin/python3		# Debian's, with python3-openpyxl and python3-xlwt
python3 - > $d/dump.csv <<'PY'
import csv, random, sys
from datetime import datetime, timedelta
rnd = random.Random(14)
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['工单编号', '受理时间', '办理时限', '办结时间', '来源渠道', '诉求类型',
            '承办单位', '办结状态', '是否直办', '回访结果', '诉求内容'])
t0 = datetime(2024, 1, 1)
for i in range(3000):
    created = t0 + timedelta(seconds=rnd.randrange(0, 300 * 86400))
    due = created + timedelta(days=5)
    closed = created + timedelta(seconds=rnd.randrange(600, 9 * 86400))
    row = [str(37030320240000 + i), created.strftime('%Y-%m-%d %H:%M:%S'),
           due.strftime('%Y-%m-%d %H:%M:%S'), closed.strftime('%Y-%m-%d %H:%M:%S'),
           rnd.choice(['电话', '微信', '网站']), rnd.choice(['投诉', '咨询', '求助']),
           rnd.choice(['张店区城管局', '淄博市教育局', '国网"淄博"供电, 营业厅']),
           '已办结', rnd.choice(['是', '否']), rnd.choice(['满意', '基本满意', '不满意', '']),
           rnd.choice(['路灯不亮', '=1+2', '噪音扰民 夜间施工', ''])]
    k = rnd.random()
    if k < 0.01:
        row[1] = '2024-02-30 10:00:00'	# no such day: text in both
    elif k < 0.02:
        row[0] = ''
    elif k < 0.03:
        row[0] = str(37030320240000 + i - 1)	# a duplicate id
    elif k < 0.04:
        row[3] = (created - timedelta(hours=1)).strftime('%Y-%m-%d %H:%M:%S')
    elif k < 0.05:
        row[1] = created.strftime('%Y-%m-%d')	# a date cell without a time
    w.writerow(row)
PY
$py workbook.py xlsx $d/dump.csv $d/dump.xlsx
$py workbook.py xls $d/dump.csv $d/dump.xls
rexian-ingest --max-rejects 10% $d/dump.csv > $d/csv.out 2> $d/csv.err
for kind in xlsx xls; do
	rexian-ingest --max-rejects 10% $d/dump.$kind > $d/$kind.out 2> $d/$kind.err
	cmp $d/csv.out $d/$kind.out || { echo "$kind: tables differ"; diff $d/csv.out $d/$kind.out | head; exit 1; }
	# the same messages, the sheet named where the CSV file was, in a
	# duplicate's "first at" too
	grep -q "duplicate 工单编号 '[0-9]*' (first at $d/dump.$kind:工单:[0-9]*)" $d/$kind.err ||
		{ echo "$kind: a duplicate does not name the sheet of its first"; exit 1; }
	sed "s|$d/dump.$kind:工单|$d/dump.csv|g; s|$d/dump.$kind:|$d/dump.csv:|" $d/$kind.err > $d/$kind.err2
	cmp $d/csv.err $d/$kind.err2 || { echo "$kind: messages differ"; diff $d/csv.err $d/$kind.err2 | head; exit 1; }
done
