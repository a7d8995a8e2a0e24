#!/bin/sh
# rexian-report: a month's report, or an oversight data package, from a dump.
# A shell script because it only composes the rexian tools and pdfunite;
# every figure comes from rexian-rate, every page from rexian-chart.
set -eu
usage() {
	cat <<'USAGE'
usage: rexian-report [OPTION]... DUMP MONTH
Write DIR/MONTH/ (MONTH as 2022-07): the month's rate tables (csv and
markdown, changes against the previous month in percentage points), charts
(PNG and PDF) and report.pdf (key figures, charts, the department table with
intervals, the rejects summary), in Chinese.  The folder is built under a
temporary name and renamed at the end: a failure leaves nothing behind.

  -o, --output DIR       where the dated folder goes (default .)
      --package          an oversight data package: adds tickets.csv (ticket
                         columns only), 说明.md (definitions, methods, rejects,
                         calendar, version, commands) and SHA256SUMS
      --plain-csv        do not neutralise spreadsheet formulas in CSV cells
      --max-rejects N    passed to rexian-ingest (default 1%)
      --calendar CAL     passed to rexian-ingest
      --min-n N          departments rated fewer times are not ranked (30)
  -h, --help             print this help and exit
  -V, --version          print the version and exit

Exit status: 0 ok, 1 failure (no folder written), 2 usage.
USAGE
}
die() { echo "rexian-report: $*" >&2; exit 1; }
bad_usage() { echo "rexian-report: $*" >&2; usage >&2; exit 2; }

outdir=. package=0 safe=--formula-safe max_rejects=1% calendar=cn min_n=30
while [ $# -gt 0 ]; do
	case $1 in
	-o|--output) [ $# -ge 2 ] || bad_usage "$1 needs a value"; outdir=$2; shift 2 ;;
	--package) package=1; shift ;;
	--plain-csv) safe=; shift ;;
	--max-rejects) [ $# -ge 2 ] || bad_usage "$1 needs a value"; max_rejects=$2; shift 2 ;;
	--calendar) [ $# -ge 2 ] || bad_usage "$1 needs a value"; calendar=$2; shift 2 ;;
	--min-n) [ $# -ge 2 ] || bad_usage "$1 needs a value"; min_n=$2; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	-V|--version) echo "rexian-report @VERSION@"; exit 0 ;;
	--) shift; break ;;
	-*) bad_usage "unknown option '$1'" ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || bad_usage "want a DUMP and a MONTH"
dump=$1 month=$2
echo "$month" | grep -Eq '^[0-9]{4}-(0[1-9]|1[0-2])$' || bad_usage "MONTH '$month' is not YYYY-MM"
[ -r "$dump" ] || die "$dump: cannot read it"
[ -d "$outdir" ] || die "$outdir: no such folder"
[ ! -e "$outdir/$month" ] || die "$outdir/$month: already exists"
here=$(dirname "$0")
PATH=$here:$PATH
command -v pdfunite >/dev/null || die "pdfunite not found (install poppler-utils)"

tmp=$(mktemp -d "$outdir/.$month.XXXXXX") || die "$outdir: cannot write"
trap 'rm -rf "$tmp"' EXIT INT TERM
log=$tmp/.commands
# run CMD...: runs it, and records it for 说明.md
run() {
	echo "$*" >> "$log"
	"$@"
}

run rexian-ingest --jobs 2 --max-rejects "$max_rejects" --calendar "$calendar" \
	--rejects "$tmp/rejects.csv" "$dump" > "$tmp/.tickets.csv" 2> "$tmp/.ingest.log" ||
	{ cat "$tmp/.ingest.log" >&2; die "$dump: rexian-ingest failed"; }
run rexian-aggregate --by month --fill "$tmp/.tickets.csv" > "$tmp/counts-month.csv"
run rexian-aggregate --by month,department --fill "$tmp/.tickets.csv" > "$tmp/counts-department.csv"
grep -q "^$month," "$tmp/counts-month.csv" || die "$dump: no tickets in $month"
m=satisfaction,on_time,direct,closure,mean_days,daily
run rexian-rate $safe -m "$m" --delta prev "$tmp/counts-month.csv" > "$tmp/rates-month.csv"
run rexian-rate -m "$m" --delta prev --format markdown --lang zh "$tmp/counts-month.csv" > "$tmp/rates-month.md"
run rexian-rate $safe -m satisfaction,on_time --delta prev --over month --vs-total \
	--min-n "$min_n" "$tmp/counts-department.csv" > "$tmp/rates-department.csv"
run rexian-rate -m satisfaction,on_time --delta prev --over month --vs-total --min-n "$min_n" \
	--format markdown --lang zh "$tmp/counts-department.csv" > "$tmp/rates-department.md"
run rexian-rate -m satisfaction --delta prev --over month --min-n "$min_n" --lang zh \
	"$tmp/counts-department.csv" > "$tmp/.zh-department.csv"

note="来源: $(basename "$dump")，rexian $(rexian-ingest --version | cut -d' ' -f2)"
for f in png pdf; do
	run rexian-chart -x month -y satisfaction,on_time --lang zh --title "满意率与按期办结率" \
		--subtitle "截至 $month 各月" --note "$note" -o "$tmp/trend.$f" "$tmp/rates-month.csv"
	run rexian-chart --kind barh -x department -y satisfaction --where month="$month" --sort desc \
		--labels --error-bars --lang zh --title "$month 承办单位满意率" \
		--subtitle "至少 $min_n 件回访的单位，误差线为 95% 置信区间" --note "$note" \
		-o "$tmp/departments.$f" "$tmp/rates-department.csv"
	run rexian-chart --kind funnel -x department -y satisfaction --where month="$month" \
		--lang zh --title "$month 承办单位满意率漏斗图" --subtitle "与全部单位合计比较" \
		--note "$note" -o "$tmp/funnel.$f" "$tmp/rates-department.csv"
done

# the report's own pages: key figures, the department table, the rejects.
# Key figures read down the page: one row a metric, this month and the
# change (the rate table's cells hold no commas, so awk can turn it)
awk -F, -v month="$month" '
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$1 == month {
	print "指标,本月,较上月"
	n = split("satisfaction:满意率:%:pp on_time:按期办结率:%:pp direct:直办率:%:pp " \
	    "closure:办结率:%:pp mean_days:平均办理时长:天:d daily:日均受理量:件:d", m, " ")
	for (k = 1; k <= n; k++) {
		split(m[k], f, ":")
		d = $(col[f[1] (f[4] == "pp" ? "_delta_pp" : "_delta")])
		if (d != "" && d !~ /^-/)
			d = "+" d
		unit = f[4] == "pp" ? " 个百分点" : " " f[3]
		printf "%s,%s%s,%s\n", f[2], $(col[f[1]]), f[3] == "%" ? "%" : " " f[3], \
		    d == "" ? "" : d unit
	}
}' "$tmp/rates-month.csv" > "$tmp/.key.csv"
run rexian-chart --kind table -x 指标 -y 本月,较上月 \
	--title "$month 12345 热线工单办理情况" --subtitle "主要指标，与上月相比" \
	--note "$note" -o "$tmp/.p1.pdf" "$tmp/.key.csv"
run rexian-chart --kind table -x 承办单位 --where 月份="$month" \
	-y "满意率,满意率(分子),满意率(分母),满意率(下限),满意率(上限),满意率变化(百分点),满意率(标记)" \
	--title "$month 承办单位满意率" --subtitle "95% 置信区间 (Wilson)；回访不足 $min_n 件的不计算" \
	--note "$note" -o "$tmp/.p3.pdf" "$tmp/.zh-department.csv"
summary=$(tail -1 "$tmp/.ingest.log" | sed 's/^rexian-ingest: [^:]*: //')
{
	echo "项目,件数"
	echo "$summary" | sed -E 's/^([0-9]+) read, ([0-9]+) written, ([0-9]+) rejected.*/读取,\1\n写入,\2\n拒收,\3/'
	echo "$summary" | sed -nE 's/.*\((.*)\)$/\1/p' | tr ',' '\n' | sed -E 's/^ *([0-9]+) (.*)$/拒收: \2,\1/'
} > "$tmp/.rejects-summary.csv"
run rexian-chart --kind table -x 项目 -y 件数 --title "数据质量: 工单读取与拒收" \
	--subtitle "每一行工单或写入或拒收，拒收行及原因见 rejects.csv" --note "$note" \
	-o "$tmp/.p5.pdf" "$tmp/.rejects-summary.csv"
run pdfunite "$tmp/.p1.pdf" "$tmp/trend.pdf" "$tmp/.p3.pdf" "$tmp/departments.pdf" \
	"$tmp/funnel.pdf" "$tmp/.p5.pdf" "$tmp/report.pdf"

if [ $package = 1 ]; then
	mv "$tmp/.tickets.csv" "$tmp/tickets.csv"
	cal=$calendar
	[ "$cal" = cn ] && cal="China's public holidays and 调休 working days 2020-2026 (rexian data/holidays-cn.csv)"
	{
		echo "# $month 12345 热线数据包 说明"
		echo
		echo "## 文件"
		echo
		echo "- tickets.csv: 工单表，仅含 rexian 工单表的列 (不含姓名、电话等个人信息)"
		echo "- counts-*.csv: 按月、按月×承办单位的计数表 (可相加合并)"
		echo "- rates-*.csv / rates-*.md: 比率表，每个比率附分子、分母与 95% 置信区间"
		echo "- trend / departments / funnel (.png, .pdf): 图表；report.pdf: 报告"
		echo "- rejects.csv: 拒收的原始行，附行号与原因"
		echo "- SHA256SUMS: 各文件的 SHA-256 校验值 (sha256sum -c SHA256SUMS)"
		echo
		echo "## 指标定义 (分子 / 分母)"
		echo
		echo "- 满意率 satisfaction: (满意 + 基本满意) / 已回访 (未回访、无法联系、拒绝评价不计入分母)"
		echo "- 按期办结率 on_time: 按期办结 / 有办理时限的已办结工单"
		echo "- 直办率 direct: 直办 (当场答复) / 全部受理工单"
		echo "- 办结率 closure: 已办结 / 全部受理工单"
		echo "- 平均办理时长 mean_days: 已办结工单自受理至办结的日历小时数之和 / 24 / 件数"
		echo "- 日均受理量 daily: 受理件数 / 当月日历天数"
		echo
		echo "## 方法"
		echo
		echo "- 舍入: 由精确分数四舍五入 (五入远离零)，保留两位小数"
		echo "- 置信区间: Wilson 95%；平均办理时长用 t 区间；日均用 Poisson 精确区间"
		echo "- 变化: 与上月相比，以百分点计，为两个精确比率之差；p 值来自 Fisher 精确检验 (小样本) 或两比例 z 检验"
		echo "- 承办单位比较: z 值与漏斗图控制限 (95%, 99.8%) 相对于全部单位合计；回访不足 $min_n 件不计算比率"
		echo "- 工作日历: $cal"
		echo "- 表格安全: CSV 中以 = + - @ 开头的文字单元格前加 ' ，防止在 Excel/WPS 中作为公式执行${safe:+ (已启用)}${safe:- (未启用: --plain-csv)}"
		echo
		echo "## 数据质量"
		echo
		echo "$summary"
		echo
		echo "## 版本与命令"
		echo
		echo "rexian $(rexian-ingest --version | cut -d' ' -f2)，数据文件 $(basename "$dump")"
		echo
		echo '```'
		sed "s|$tmp/||g" "$log"
		echo '```'
	} > "$tmp/说明.md"
fi
rm -f "$tmp"/.p?.pdf "$tmp"/.zh-*.csv "$tmp/.tickets.csv" "$tmp/.rejects-summary.csv" \
	"$tmp/.key.csv"
mv "$tmp/.ingest.log" "$tmp/ingest.log"
rm -f "$log"
if [ $package = 1 ]; then
	(cd "$tmp" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort |
		xargs sha256sum > SHA256SUMS)
fi
chmod 755 "$tmp"
mv "$tmp" "$outdir/$month"
trap - EXIT INT TERM
echo "$outdir/$month"
