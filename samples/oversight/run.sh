#!/bin/sh
# An oversight sample: six departments' complaint (投诉) tickets over two
# half-years, as a people's congress evaluation would compare them: rates
# with intervals, the change in percentage points, each department against
# all six together, and a funnel chart of the second half-year.
set -e
cd "$(dirname "$0")"
PATH=$PWD/../../bin:$PATH
out=${1:-../out/oversight}
mkdir -p "$out"
rexian ingest complaints.csv 2>/dev/null |
	rexian aggregate --by period,department --periods periods.csv > "$out/counts.csv"
rexian rate --metrics satisfaction,on_time --delta prev --over period --vs-total \
	"$out/counts.csv" > "$out/rates.csv"
rexian rate --metrics satisfaction,on_time --delta prev --over period --vs-total \
	--format markdown --lang zh "$out/counts.csv"
rexian chart --kind funnel -x department -y satisfaction --where period=2022年下半年 \
	--lang zh --title "2022 年下半年投诉办理满意率" --subtitle "六个承办单位，与六单位合计比较" \
	--note "来源: samples/oversight/complaints.csv" -o "$out/funnel.pdf" "$out/rates.csv"
rexian chart --kind funnel -x department -y satisfaction --where period=2022年下半年 \
	--lang zh --title "2022 年下半年投诉办理满意率" --subtitle "六个承办单位，与六单位合计比较" \
	--note "来源: samples/oversight/complaints.csv" -o "$out/funnel.png" "$out/rates.csv"
echo "$out/rates.csv $out/funnel.pdf $out/funnel.png"
