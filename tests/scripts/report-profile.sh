# rexian-report --profile: ingest reads the LA sample through la311, the
# rejects page counts the excluded rows apart, and 说明.md quotes the profile
# (tests/data/README: 194 rows, 4 Cancelled) and names the date columns
# read in a form decided (month first, as the profile's date-order says)
set -eu
d=$TMPDIR
rexian-report -o $d --package --profile la311 data/la311-2017.csv 2017-12 > /dev/null
r=$d/2017-12
grep -qx -e '- 读取：194 件' $r/说明.md
grep -qx -e '- 写入：190 件' $r/说明.md
grep -qx -e '- 拒收：0 件' $r/说明.md
grep -qx -e '- 按口径排除 (--exclude)：4 件' $r/说明.md
grep -qF '## 口径 (`rexian-ingest --profile la311`)' $r/说明.md
grep -q '^exclude status=Cancelled$' $r/说明.md
grep -q -- '^- `CreatedDate`、`ClosedDate`：日期的日月顺序、格式或时区须经判定.* 见 ingest.log$' $r/说明.md
grep -qF 'date column CreatedDate: MM/DD/YYYY hh:mm:ss AM/PM (--date-order mdy)' $r/ingest.log
# the profile's English comments quoted whole, in a code block; the rest in Chinese
/usr/bin/python3 english.py $r/说明.md
grep -qF 'rexian-ingest --jobs 2 --max-rejects 1% --profile la311 --as-of' $r/说明.md
pdftotext $r/report.pdf $d/report.txt
grep -qF '排除 (--exclude)' $d/report.txt
[ "$(python3 -c 'import csv,sys; print(sum(r["reason"] == "excluded: status=Cancelled" for r in csv.DictReader(open(sys.argv[1]))))' $r/rejects.csv)" = 4 ]
