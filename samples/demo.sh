#!/bin/sh
# make demo: the sample dumps through the pipeline, figures on the terminal.
set -e
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
out=samples/out
mkdir -p $out

echo "== the published figures, reproduced =="
echo "-- 淄博 12345市长在线, episodes 1-3 and 4-6 (samples/episodes/run.sh):"
sh samples/episodes/run.sh --format markdown --lang zh 2>/dev/null
echo
echo "-- a year's headline figures, 1-11月 (samples/annual/run.sh):"
sh samples/annual/run.sh
echo
echo "-- six departments' complaints, two half-years (samples/oversight/run.sh):"
sh samples/oversight/run.sh ../out/oversight
echo

echo "== 1. rexian ingest: a dirty UTF-8 dump (3000 rows) and a GB18030 CRLF one =="
rexian ingest --max-rejects 2% --rejects $out/rejects.csv \
	samples/dump-2022h1.csv > $out/tickets-h1.csv 2> $out/ingest.log
tail -1 $out/ingest.log
rexian ingest samples/dump-2022-07-gb18030.csv 2>&1 > $out/tickets-07.csv
echo "rejected rows, with file, line and reason, are in $out/rejects.csv:"
python3 -c 'import csv, sys; [print(r["line"], r["reason"], sep=": ") for r in list(csv.DictReader(open(sys.argv[1])))[:3]]' $out/rejects.csv

echo
echo "== 2. rexian aggregate | rexian rate: 2022 by month, against the month before =="
cat $out/tickets-h1.csv > $out/tickets.csv
tail -n +2 $out/tickets-07.csv >> $out/tickets.csv
rexian aggregate --by month $out/tickets.csv > $out/counts-month.csv
rexian rate --metrics satisfaction,on_time --delta prev --format markdown \
	--lang zh $out/counts-month.csv

echo
echo "== 3. departments against the whole (满意率, funnel z, at least 30 rated) =="
rexian aggregate --by department $out/tickets.csv |
	rexian rate --metrics satisfaction --vs-total --min-n 30 > $out/rates-department.csv
python3 - $out/rates-department.csv <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['satisfaction']]
rows.sort(key=lambda r: float(r['satisfaction']))
for r in rows[:3] + rows[-3:]:
    print(f"{r['department']}\t{r['satisfaction']}%\t{r['satisfaction_k']}/{r['satisfaction_n']}\tz = {r['satisfaction_z']}")
PY

echo
echo "== 4. rexian chart: one chart of each kind, committed under samples/charts/ =="
charts=samples/charts
mkdir -p $charts
note="来源: samples/ 合成的淄博 12345 工单 (rexian-synth)"
rexian rate $out/counts-month.csv > $out/rates-month.csv
rexian chart -x month -y satisfaction --error-bars --labels --lang zh --note "$note" \
	--title "2022 年各月办理结果满意率" -o $charts/line.png $out/rates-month.csv
rexian chart --kind bar -x month -y satisfaction,on_time --lang zh --note "$note" \
	--title "满意率与按期办结率" -o $charts/bar.png $out/rates-month.csv
rexian chart --kind barh -x department -y satisfaction --sort desc --top 15 --labels \
	--lang zh --note "$note" --title "承办单位满意率 (前 15 位)" \
	-o $charts/barh.png $out/rates-department.csv
rexian chart --kind funnel -x department -y satisfaction --lang zh --note "$note" \
	--title "承办单位满意率漏斗图" -o $charts/funnel.png $out/rates-department.csv
rexian aggregate --by month,district $out/tickets.csv |
	rexian rate --metrics satisfaction --vs-total > $out/rates-month-district.csv
rexian chart --kind pchart -x month -y satisfaction --where district=张店区 --lang zh \
	--note "$note" --title "张店区满意率控制图" -o $charts/pchart.png $out/rates-month-district.csv
rexian chart --kind pchart --baseline own -x month -y satisfaction --where district=张店区 \
	--lang zh --note "$note" --title "张店区满意率控制图 (与本区此前各月比较)" \
	-o $charts/pchart-own.png $out/rates-month-district.csv
rexian chart --kind bar -x month -y satisfaction --ymin 90 --labels --lang zh --note "$note" \
	--title "2022 年各月满意率 (纵轴自 90% 起)" -o $charts/bar-ymin.png $out/rates-month.csv
ls $charts/*.png

echo
echo "== 5. rexian report: June 2022's report folder and oversight package =="
rm -rf $out/2022-06
# (generated "at" the cut-off, so the pages below come out the same each time)
SOURCE_DATE_EPOCH=1656633600 rexian report -o $out --package samples/dump-2022h1.csv 2022-06
(cd $out/2022-06 && sha256sum -c --quiet SHA256SUMS && echo "SHA256SUMS verified; report.pdf has $(pdfinfo report.pdf | awk '/^Pages/ {print $2}') pages")
# one page of each kind for the README, at 60 dpi
mkdir -p samples/report
rm -f samples/report/page-*.png
pdftoppm -png -r 60 $out/2022-06/report.pdf samples/report/page
for f in samples/report/page-0*.png; do
	[ -e "$f" ] && mv "$f" "samples/report/page-${f##*page-0}"
done
ls samples/report/*.png
echo
echo "outputs are in $out/"
