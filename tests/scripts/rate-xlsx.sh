# rexian-rate --format xlsx read back with openpyxl (Debian's python3-openpyxl):
# rates as numbers in a percent format, k and n integers, changes in
# percentage points as plain numbers, Chinese headings, a frozen heading
# row, widths that fit Chinese text, keys that look like formulas kept as
# strings, and the same bytes twice.
set -eu
d=$TMPDIR
sed 's/^第4-6期,/=HYPERLINK("x"),/' data/counts-episodes.csv > $d/counts.csv
rexian-rate --metrics satisfaction --delta first --lang zh -f xlsx -o $d/r.xlsx $d/counts.csv
rexian-rate --metrics satisfaction --delta first --lang zh -f xlsx $d/counts.csv > $d/r2.xlsx
cmp $d/r.xlsx $d/r2.xlsx
/usr/bin/python3 - $d/r.xlsx <<'PY'
import sys
from fractions import Fraction
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws.title == '比率', ws.title
assert ws.freeze_panes == 'A2', ws.freeze_panes
head = [c.value for c in ws[1]]
assert head[:4] == ['期间', '满意率', '满意率(分子)', '满意率(分母)'], head
rows = list(ws.iter_rows(min_row=2, values_only=False))
# episodes 4-6: (480 + 8) / 501 satisfied or basic, by hand; 1-3: 508/526
def pct(k, n):
    # half away from zero at two decimals of a percent, from the fraction
    q = Fraction(k * 100, n) * 100
    return float(int(q + Fraction(1, 2))) / 10000
key, rate, k, n = (c for c in rows[1][:4])
assert key.data_type == 's' and key.value == '=HYPERLINK("x")', (key.data_type, key.value)
assert abs(rate.value - pct(488, 501)) < 1e-12 and rate.number_format == '0.00%', (rate.value, rate.number_format)
assert (k.value, n.value) == (488, 501) and k.number_format == '0', (k.value, n.value)
assert isinstance(k.value, int)
delta = rows[1][head.index('满意率变化(百分点)')]
assert abs(delta.value - (97.41 - 96.58)) < 1e-9 and '%' not in delta.number_format, (delta.value, delta.number_format)
assert abs(rows[0][1].value - pct(508, 526)) < 1e-12
# the widest heading, 满意率变化(百分点): 9 Chinese characters, 2 columns each, and 2 more
col = openpyxl.utils.get_column_letter(head.index('满意率变化(百分点)') + 1)
assert ws.column_dimensions[col].width >= 9 * 2 + 2, ws.column_dimensions[col].width
PY
# rexian-xlsx: the CSV rate table and a summary as two sheets, the rate
# columns typed as --format xlsx types them, the summary's counts integers
rexian-rate --metrics satisfaction --delta first $d/counts.csv > $d/rates.csv
printf '原因,行数,占比\nbad date,5,0.5\n重复工单编号,12,1.25\n' > $d/summary.csv
rexian-xlsx --lang zh -o $d/book.xlsx 比率=$d/rates.csv $d/summary.csv
/usr/bin/python3 - $d/book.xlsx <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ['比率', 'summary'], wb.sheetnames
ws = wb['比率']
head = [c.value for c in ws[1]]
assert head[:3] == ['期间', '满意率', '满意率(分子)']
assert ws['B3'].value == 0.9741 and ws['B3'].number_format == '0.00%', ws['B3'].value
# the verdict in Chinese, as rexian-rate --lang zh writes it: 488/501 against
# 508/526, a pooled two-proportion z under 1.96, so 基本持平
k1, n1, k0, n0 = 488, 501, 508, 526
pool = (k1 + k0) / (n1 + n0)
z = (k1 / n1 - k0 / n0) / (pool * (1 - pool) * (1 / n1 + 1 / n0)) ** 0.5
assert abs(z) < 1.96, z
assert ws.cell(row=3, column=head.index('满意率(变化结论)') + 1).value == '基本持平'
assert ws['C3'].value == 488 and ws['A3'].data_type == 's' and ws['A3'].value == '=HYPERLINK("x")'
ws = wb['summary']
assert ws.freeze_panes == 'A2'
assert [c.value for c in ws[2]] == ['bad date', 5, 0.5] and ws['B2'].number_format == '0'
assert ws['C3'].value == 1.25 and ws['C3'].number_format == '0.00', ws['C3'].number_format
PY
