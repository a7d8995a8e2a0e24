# rexian-report --profile: ingest reads the LA sample through la311, the
# rejects page counts the excluded rows apart, and 说明.md quotes the profile
# (tests/data/README: 194 rows, 4 Cancelled) and the date columns read
# month first, as the profile's date-order says
set -eu
d=$TMPDIR
# rexian-report draws with the plain build's rexian-chart under the
# sanitizers (make sanitize's REXIAN_PLAIN_CHART)
[ -z "${REXIAN_PLAIN_CHART:-}" ] || PATH=$REXIAN_PLAIN_CHART:$PATH
rexian-report -o $d --package --profile la311 data/la311-2017.csv 2017-12 > /dev/null
r=$d/2017-12
grep -qx -e '- 读取：194 件' $r/说明.md
grep -qx -e '- 写入：190 件' $r/说明.md
grep -qx -e '- 拒收：0 件' $r/说明.md
grep -qx -e '- 按口径排除 (--exclude)：4 件' $r/说明.md
grep -qF '## 口径 (`rexian-ingest --profile la311`)' $r/说明.md
grep -q '^exclude status=Cancelled$' $r/说明.md
grep -qxF -- '- `CreatedDate` (data/la311-2017.csv)：月在前 (月/日/年)，按选项 --date-order (或口径文件) 的规定' $r/说明.md
grep -qF 'date column CreatedDate: MM/DD/YYYY hh:mm:ss AM/PM (--date-order mdy)' $r/ingest.log
# the profile's English comments quoted whole, in a code block; the rest in Chinese
/usr/bin/python3 english.py $r/说明.md
grep -qF 'rexian ingest --max-rejects 1% --profile la311 --as-of' $r/说明.md
pdftotext $r/report.pdf $d/report.txt
grep -qF '排除 (--exclude)' $d/report.txt
[ "$(python3 -c 'import csv,sys; print(sum(r["reason"] == "excluded: status=Cancelled" for r in csv.DictReader(open(sys.argv[1]))))' $r/rejects.csv)" = 4 ]
# a column's order decided by the data: the line and value that showed it
# (data/dates-dmy.csv: line 4's 21/01/2022, a day over 12, by hand)
rexian-report -o $d --package --max-rejects 100% data/dates-dmy.csv 2022-01 > /dev/null 2>&1
grep -qxF -- '- `受理时间` (data/dates-dmy.csv)：日在前 (日/月/年)，由第 4 行的值 `21/01/2022 13:47:00` 判定' $d/2022-01/说明.md
/usr/bin/python3 english.py $d/2022-01/说明.md
