# rexian-report over several dumps (monthly exports as they accumulate):
# one report of them together, with 同比 and 1—N月累计 since the dumps
# cover the year before; the figures from the tickets by stdlib Python
set -eu
d=$TMPDIR
# rexian-report draws with the plain build's rexian-chart under the
# sanitizers (make sanitize's REXIAN_PLAIN_CHART)
[ -z "${REXIAN_PLAIN_CHART:-}" ] || PATH=$REXIAN_PLAIN_CHART:$PATH
rexian-synth --rows 3000 --seed 3 --start 2021-01-01 --end 2021-12-31 > $d/2021.csv
rexian-synth --rows 2000 --seed 4 --start 2022-01-01 --end 2022-06-30 > $d/2022.csv
mkdir $d/made-here
# -o's folder is made when its parent exists; the dated folder takes the
# mode umask 022 gives (once in report.sh, whose report is made under 077)
(umask 022; rexian-report -o $d/made-here/out --package $d/2021.csv $d/2022.csv 2022-06 > /dev/null)
r=$d/made-here/out/2022-06
[ "$(stat -c %a $r)" = 755 ]
grep -q '^rexian ingest .* -- .*2021.csv .*2022.csv then tee tickets.csv then aggregate .* > counts-month.csv$' $r/说明.md
python3 ref/report_ref.py $r/tickets.csv 2022-06 2022-06-30 30 > $d/ref.txt
ref() { sed -n "s/^$1=//p" $d/ref.txt; }
pdftotext -layout $r/report.pdf $d/layout.txt
tr -d '\n ' < $d/layout.txt > $d/joined.txt
pp=$(ref yoy.satisfaction_pp)
for w in "2022年6月共受理群众诉求$(ref tickets)件" "办理结果满意率$(ref satisfaction)%" \
	"2022年1—6月累计受理$(ref ytd.tickets)件" "同比" "累计同比" "$pp个百分点" \
	"数据文件2021.csv、2022.csv"; do
	grep -qF -- "$w" $d/joined.txt || { echo "report.pdf lacks '$w'"; exit 1; }
done
# one dump alone has no year before: no 同比 column, no 同比 words; and
# (the same run: --min-n ranks departments only, the month's figures and
# their 环比 stay) no department rated --min-n times: no ranking chart,
# and 要点 says so
mkdir $d/unranked
rexian-report -o $d/unranked --min-n 100000 $d/2022.csv 2022-06 > /dev/null
pdftotext -layout $d/unranked/2022-06/report.pdf - | grep -E '^ *指标 ' > $d/head.txt
grep -q 环比 $d/head.txt
grep -q 同比 $d/head.txt && { echo "同比 without the year before"; exit 1; }
pdftotext $d/unranked/2022-06/report.pdf - > $d/unranked.txt
grep -q '环比\(基本持平\|提高\|下降\|增长\|减少\)' $d/unranked.txt
grep -q '同比\(基本持平\|提高\|下降\|增长\|减少\)' $d/unranked.txt &&
	{ echo "同比 without the year before"; exit 1; }
[ ! -e $d/unranked/2022-06/departments.png ]
tr -d '\n ' < $d/unranked.txt | grep -q '各承办单位本月回访均不足100000件，满意率不排名'
# the parent of -o must exist
rexian-report -o $d/no/such $d/2022.csv 2022-06 2> $d/err && exit 1
grep -q 'no such folder, nor its parent' $d/err
