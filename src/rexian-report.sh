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
intervals, the rejects summary), in Chinese.  Every figure is as of the
cut-off: the end of MONTH, or --as-of.  The folder is built under a
temporary name and renamed at the end: a failure leaves nothing behind.

  -o, --output DIR       where the dated folder goes (default .)
      --as-of TIME       the cut-off, YYYY-MM-DD [HH:MM[:SS]] within MONTH
                         (for a dump exported mid-month, the export time;
                         default: the 1st of the next month 00:00:00)
      --package          an oversight data package: adds tickets.csv (ticket
                         columns only), 数据.xlsx, 说明.md (definitions,
                         methods, rejects, calendar, version, commands) and
                         SHA256SUMS; its rejects.csv holds the ticket columns
                         only; its CSVs carry a UTF-8 BOM for Excel
      --plain-csv        do not neutralise spreadsheet formulas in CSV cells
      --max-rejects N    passed to rexian-ingest (default 1%)
      --calendar CAL     passed to rexian-ingest (default cn, or the
                         profile's)
      --profile NAME|FILE  passed to rexian-ingest (a built-in profile such
                         as la311, or a file of its options); 说明.md quotes it
      --min-n N          departments rated fewer times are not ranked (30)
  -h, --help             print this help and exit
  -V, --version          print the version and exit

Exit status: 0 ok, 1 failure (no folder written), 2 usage.
USAGE
}
die() { printf 'rexian-report: %s\n' "$*" >&2; exit 1; }
bad_usage() { printf 'rexian-report: %s\n' "$*" >&2; usage >&2; exit 2; }
# before A B: whether time text A sorts before B (both YYYY-MM-DD HH:MM:SS)
before() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | LC_ALL=C sort | head -n 1)" = "$1" ]; }

outdir=. package=0 safe=--formula-safe max_rejects=1% calendar= profile= min_n=30 as_of=
while [ $# -gt 0 ]; do
	case $1 in
	-o|--output) [ $# -ge 2 ] || bad_usage "$1 needs a value"; outdir=$2; shift 2 ;;
	--as-of) [ $# -ge 2 ] || bad_usage "$1 needs a value"; as_of=$2; shift 2 ;;
	--package) package=1; shift ;;
	--plain-csv) safe=; shift ;;
	--max-rejects) [ $# -ge 2 ] || bad_usage "$1 needs a value"; max_rejects=$2; shift 2 ;;
	--calendar) [ $# -ge 2 ] || bad_usage "$1 needs a value"; calendar=$2; shift 2 ;;
	--profile) [ $# -ge 2 ] || bad_usage "$1 needs a value"; profile=$2; shift 2 ;;
	--min-n) [ $# -ge 2 ] || bad_usage "$1 needs a value"; min_n=$2; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	-V|--version) echo "rexian-report @VERSION@"; exit 0 ;;
	--) shift; break ;;
	-?*) bad_usage "unknown option '$1'" ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || bad_usage "want a DUMP and a MONTH"
dump=$1 month=$2
# a pattern on the whole value: grep would pass "2022-06<newline>x" by its line
case $month in
[0-9][0-9][0-9][0-9]-0[1-9]|[0-9][0-9][0-9][0-9]-1[0-2]) ;;
*) bad_usage "MONTH '$month' is not YYYY-MM" ;;
esac
# the cut-off: every figure is as of this time (see rexian(7), on_time)
y=${month%-*} m=${month#*-}
m=${m#0}
if [ "$m" = 12 ]; then
	month_end=$((y + 1))-01-01
else
	month_end=$y-$(printf %02d $((m + 1)))-01
fi
month_start="$month-01 00:00:00" month_end="$month_end 00:00:00"
cut=$month_end
if [ -n "$as_of" ]; then
	case $as_of in
	????-??-??) cut="$as_of 00:00:00" ;;
	????-??-??\ ??:??) cut="$as_of:00" ;;
	????-??-??\ ??:??:??) cut=$as_of ;;
	*) bad_usage "--as-of '$as_of' is not YYYY-MM-DD [HH:MM[:SS]]" ;;
	esac
	[ "$(TZ=UTC0 date -d "$cut" '+%Y-%m-%d %H:%M:%S' 2>/dev/null)" = "$cut" ] ||
		bad_usage "--as-of '$as_of' is not a time"
	before "$month_start" "$cut" && ! before "$month_end" "$cut" ||
		bad_usage "--as-of '$as_of' is not within $month (after $month_start, at the latest $month_end)"
fi
# the last day before the cut-off; 日均 divides by the days up to it, a part
# day counted whole, when the cut-off is inside the month
last_day=$(TZ=UTC0 date -d "@$(($(TZ=UTC0 date -d "$cut" +%s) - 1))" +%Y-%m-%d)
days=
[ "$cut" = "$month_end" ] || days=${last_day##*-}
[ -r "$dump" ] || die "$dump: cannot read it"
[ -d "$outdir" ] || die "$outdir: no such folder"
[ ! -e "$outdir/$month" ] || die "$outdir/$month: already exists"
here=$(dirname -- "$0")
PATH=$here:$PATH
command -v pdfunite >/dev/null || die "pdfunite not found (install poppler-utils)"
um=$(umask)
dir_mode=$(printf %o $((0777 & ~um))) file_mode=$(printf %o $((0666 & ~um)))

tmp=
cleanup() { [ -z "$tmp" ] || rm -rf -- "$tmp"; }
trap cleanup EXIT
for sig in INT TERM HUP; do
	# clean up, then die of the same signal, as the caller expects
	trap "cleanup; trap - $sig EXIT; kill -s $sig \$\$" $sig
done
tmp=$(mktemp -d "$outdir/.$month.XXXXXX") || die "$outdir: cannot write"
case $tmp in -*) tmp=./$tmp ;; esac
log=$tmp/.commands
# run CMD...: runs it, and records it for 说明.md, quoted as a shell would
# need it, with the temporary folder left out
run() {
	line=
	for a; do
		case $a in "$tmp"/*) a=${a#"$tmp"/} ;; esac
		case $a in
		''|*[!A-Za-z0-9_./:=,%+-]*) a="'$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
		esac
		line=${line:+$line }$a
	done
	printf '%s\n' "$line" >> "$log"
	"$@"
}

contract=
[ $package = 0 ] || contract=--rejects-contract
# the profile first: a --calendar given here overrides the profile's
run rexian-ingest --jobs 2 --max-rejects "$max_rejects" ${profile:+--profile "$profile"} \
	${calendar:+--calendar "$calendar"} --as-of "$cut" --rejects "$tmp/rejects.csv" \
	$contract -- "$dump" > "$tmp/.tickets.csv" 2> "$tmp/.ingest.log" ||
	{ cat "$tmp/.ingest.log" >&2; die "$dump: rexian-ingest failed"; }
run rexian-aggregate --by month --fill "$tmp/.tickets.csv" > "$tmp/counts-month.csv"
run rexian-aggregate --by month,department --fill "$tmp/.tickets.csv" > "$tmp/counts-department.csv"
grep -q "^$month," "$tmp/counts-month.csv" || die "$dump: no tickets in $month"
# a cut-off inside the month: 日均 divides by the days up to it.  The days
# column ends each record; a newline inside quotes (an odd count of quotes
# so far) continues the record
if [ -n "$days" ]; then
	days=${days#0}
	for f in counts-month counts-department; do
		awk -v m="$month" -v d="$days" '
		{ rec = rec $0; q += gsub(/"/, "&") }
		q % 2 == 1 { rec = rec "\n"; next }
		{ if (index(rec, m ",") == 1) sub(/,[0-9]+$/, "," d, rec); print rec; rec = ""; q = 0 }
		' "$tmp/$f.csv" > "$tmp/.days.csv"
		mv -- "$tmp/.days.csv" "$tmp/$f.csv"
	done
fi
# the data end before the cut-off: the month is covered only in part
last=$(rexian-aggregate --by day -- "$tmp/.tickets.csv" | tail -n 1 | cut -d, -f1)
partial=
if before "$last" "$last_day"; then
	partial="数据中最后一件工单受理于 $last，早于统计截止时间 $cut，本月数据不完整"
	printf 'rexian-report: %s: the last ticket was created on %s, before the cut-off %s, so %s is covered only in part; give --as-of the time of the export\n' \
		"$dump" "$last" "$cut" "$month" >&2
fi
m=satisfaction,on_time,direct,closure,mean_days,daily
run rexian-rate $safe -m "$m" --delta prev "$tmp/counts-month.csv" > "$tmp/rates-month.csv"
run rexian-rate -m "$m" --delta prev --format markdown --lang zh "$tmp/counts-month.csv" > "$tmp/rates-month.md"
run rexian-rate $safe -m satisfaction,on_time --delta prev --over month --vs-total \
	--min-n "$min_n" "$tmp/counts-department.csv" > "$tmp/rates-department.csv"
run rexian-rate -m satisfaction,on_time --delta prev --over month --vs-total --min-n "$min_n" \
	--format markdown --lang zh "$tmp/counts-department.csv" > "$tmp/rates-department.md"
run rexian-rate -m satisfaction --delta prev --over month --min-n "$min_n" --lang zh \
	"$tmp/counts-department.csv" > "$tmp/.zh-department.csv"

version=$(rexian-ingest --version | cut -d' ' -f2)
note="来源: $(basename -- "$dump")，rexian $version"
# the title block: the period and its cut-off, on every page that is the report's own
y=${month%-*} m=${month#*-}
title="${y}年${m#0}月 12345 热线工单办理情况"
cutoff="统计截止 $cut (各项数字均为截至该时刻的状态)"
for f in png pdf; do
	run rexian-chart -x month -y satisfaction,on_time --lang zh --title "满意率与按期办结率" \
		--subtitle "截至 $cut 各月" --note "$note" -o "$tmp/trend.$f" "$tmp/rates-month.csv"
	run rexian-chart --kind barh -x department -y satisfaction --where month="$month" --sort desc \
		--labels --error-bars --lang zh --title "$month 承办单位满意率" \
		--subtitle "至少 $min_n 件回访的单位，误差线为 95% 置信区间；截至 $cut" --note "$note" \
		-o "$tmp/departments.$f" "$tmp/rates-department.csv"
	run rexian-chart --kind funnel -x department -y satisfaction --where month="$month" \
		--lang zh --title "$month 承办单位满意率漏斗图" --subtitle "与全部单位合计比较；截至 $cut" \
		--note "$note" -o "$tmp/funnel.$f" "$tmp/rates-department.csv"
done

# the report's own pages: 要点, key figures, the department table, the
# rejects.  They read the month's row of the rate table, whose cells hold
# no commas, so awk can take it apart.  A change with p >= 0.05 is 基本持平,
# never 提高 or 下降.
awk -F, -v month="$month" -v cut="$cut" -v partial="$partial" '
function pp(name,   d, p, v) {
	d = $(col[name "_delta_pp"]); p = $(col[name "_p"])
	if (d == "")
		return ""
	v = d ~ /^-/ ? substr(d, 2) : d
	if (p != "" && p + 0 >= 0.05)
		return "，与上月基本持平 (" (d ~ /^-/ ? d : "+" d) " 个百分点，p = " \
		    sprintf("%.3g", p) ")"
	return "，较上月" (d ~ /^-/ ? "下降 " : "提高 ") v " 个百分点"
}
function v(name) { return $(col[name]) }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$1 == month {
	y = substr(month, 1, 4); m = substr(month, 6, 2) + 0
	print "要点"
	printf "\"统计截止时间 %s：此后受理的工单不计入本月，此后办结的按未办结计。\"\n", cut
	print "\"截止时已超过办理时限仍未办结的工单计为未按期办结。\""
	printf "\"%d年%d月共受理群众诉求 %d 件，日均 %s 件；办结 %d 件，办结率 %s%%%s。\"\n", \
	    y, m, v("closure_n"), v("daily"), v("closure_k"), v("closure"), pp("closure")
	printf "\"按期办结率 %s%% (%d/%d，截止时已超期仍未办结的计为未按期)%s。\"\n", \
	    v("on_time"), v("on_time_k"), v("on_time_n"), pp("on_time")
	printf "\"办理结果满意率 %s%% (%d/%d)%s。\"\n", v("satisfaction"), \
	    v("satisfaction_k"), v("satisfaction_n"), pp("satisfaction")
	printf "\"直办率 %s%%%s；平均办理时长 %s 天。\"\n", v("direct"), pp("direct"), v("mean_days")
	if (partial != "")
		printf "\"注意：%s。\"\n", partial
}' "$tmp/rates-month.csv" > "$tmp/.points.csv"
run rexian-chart --kind table -x 要点 --title "$title" --subtitle "$cutoff" \
	--note "$note；变化的 p 值来自 Fisher 精确检验或两比例 z 检验，p ≥ 0.05 记为基本持平" \
	-o "$tmp/.p0.pdf" "$tmp/.points.csv"
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
	--title "$title" --subtitle "主要指标，与上月相比；统计截止 $cut" \
	--note "$note" -o "$tmp/.p1.pdf" "$tmp/.key.csv"
run rexian-chart --kind table -x 承办单位 --where 月份="$month" \
	-y "满意率,满意率(分子),满意率(分母),满意率(下限),满意率(上限),满意率变化(百分点),满意率(标记)" \
	--title "$month 承办单位满意率" --subtitle "95% 置信区间 (Wilson)；回访不足 $min_n 件的不计算；截至 $cut" \
	--note "$note" -o "$tmp/.p3.pdf" "$tmp/.zh-department.csv"
# the summary line: "N read, N written, N rejected (reasons)[, N excluded
# (N created at or after --as-of)]"
summary=$(grep -E '^rexian-ingest: .*: [0-9]+ read, ' "$tmp/.ingest.log" | tail -n 1 |
	sed 's/^rexian-ingest: .*: \([0-9]* read, \)/\1/')
excluded=$(printf '%s\n' "$summary" | sed -nE 's/.* ([0-9]+) created at or after --as-of.*/\1/p')
{
	echo "项目,件数"
	printf '%s\n' "$summary" | sed -E 's/^([0-9]+) read, ([0-9]+) written, ([0-9]+) rejected.*/读取,\1\n写入,\2\n拒收,\3/'
	printf '%s\n' "$summary" | sed -nE 's/^[^(]* rejected \(([^)]*)\).*/\1/p' | tr ',' '\n' |
		sed -E 's/^ *([0-9]+) (.*)$/拒收: \2,\1/'
	echo "统计截止后受理 (不计入),${excluded:-0}"
	# the rest of the excluded rows are the ones an --exclude left out
	all=$(printf '%s\n' "$summary" | sed -nE 's/.*, ([0-9]+) excluded.*/\1/p')
	[ $((${all:-0} - ${excluded:-0})) = 0 ] || echo "排除 (--exclude),$((${all:-0} - ${excluded:-0}))"
} > "$tmp/.rejects-summary.csv"
run rexian-chart --kind table -x 项目 -y 件数 --title "数据质量: 工单读取与拒收" \
	--subtitle "每一行工单或写入或拒收，拒收行及原因见 rejects.csv" --note "$note" \
	-o "$tmp/.p5.pdf" "$tmp/.rejects-summary.csv"
run pdfunite "$tmp/.p0.pdf" "$tmp/.p1.pdf" "$tmp/trend.pdf" "$tmp/.p3.pdf" "$tmp/departments.pdf" \
	"$tmp/funnel.pdf" "$tmp/.p5.pdf" "$tmp/report.pdf"

if [ $package = 1 ]; then
	mv -- "$tmp/.tickets.csv" "$tmp/tickets.csv"
	cal=${calendar:-cn}
	[ -z "$calendar" ] && [ -n "$profile" ] && cal="as the profile says (see 口径)"
	[ "$cal" = cn ] && cal="China's public holidays and 调休 working days 2020-2026 (rexian data/holidays-cn.csv)"
	{
		echo "# $month 12345 热线数据包 说明"
		echo
		echo "## 统计截止时间"
		echo
		echo "$cut ($([ -n "$as_of" ] && echo "--as-of 指定" || echo "默认: $month 月末"))。"
		echo "所有数字均为截至该时刻的状态："
		echo
		echo "- 截止时刻及以后受理的工单不计入 (本数据包中 ${excluded:-0} 件)；"
		echo "- 截止时刻及以后办结的工单按未办结计，其办结时间、办理时长、解决情况与回访结果均不计；"
		echo "- 截止时仍未办结且已超过办理时限的工单计为未按期办结，计入按期办结率的分母；"
		echo "- 日均受理量除以本月 1 日至截止日 ($last_day) 的天数，不足一日按一日计。"
		echo
		echo "因此本月数字不因数据中以后各月的工单而改变。不设截止时间 (rexian-ingest 不加 --as-of) 时，未办结的工单一律不计入按期办结率，逾期未办结的工单因而不计为未按期，按期办结率偏高；两种定义的对照见 rexian(7)。"
		if [ -n "$partial" ]; then
			echo
			echo "注意：$partial。"
		fi
		echo
		echo "## 文件"
		echo
		echo "- tickets.csv: 工单表，仅含 rexian 工单表的列 (不含姓名、电话等个人信息)，为截止时的状态"
		echo "- counts-*.csv: 按月、按月×承办单位的计数表 (可相加合并)"
		echo "- rates-*.csv / rates-*.md: 比率表，每个比率附分子、分母与 95% 置信区间"
		echo "- trend / departments / funnel (.png, .pdf): 图表；report.pdf: 报告"
		echo "- rejects.csv: 拒收行的文件名、行号、原因，及工单表各列的原值 (原始数据的其他列，如姓名、电话，不在其中；列数不对的行不给出任何字段)"
		echo "- 数据.xlsx: 本月指标、承办单位、趋势、数据质量与指标定义，数字为数值 (比率为百分比格式)"
		echo "- 各 CSV 文件为 UTF-8 编码并带 BOM，Excel、WPS 可直接打开"
		echo "- SHA256SUMS: 各文件的 SHA-256 校验值 (sha256sum -c SHA256SUMS)"
		echo
		echo "## 指标定义 (分子 / 分母)"
		echo
		echo "- 满意率 satisfaction: (满意 + 基本满意) / 已回访 (未回访、无法联系、拒绝评价不计入分母)"
		echo "- 按期办结率 on_time: 按期办结 / (有办理时限的已办结工单 + 截止时已超过办理时限的未办结工单)"
		echo "- 直办率 direct: 直办 (当场答复) / 全部受理工单"
		echo "- 办结率 closure: 截止时已办结 / 全部受理工单"
		echo "- 平均办理时长 mean_days: 截止时已办结工单自受理至办结的日历小时数之和 / 24 / 件数"
		echo "- 日均受理量 daily: 受理件数 / 本月 1 日至截止日的日历天数"
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
		if [ -n "$profile" ]; then
			echo "## 口径 (rexian-ingest --profile $(basename "$profile"))"
			echo
			echo '```'
			rexian-ingest --profile "$profile" --list-columns
			echo '```'
			echo
		fi
		echo "## 数据质量"
		echo
		printf '%s\n' "$summary"
		echo
		# the forms rexian-ingest read each date column in, and what decided
		echo "日期格式 (rexian-ingest 按列判定，不逐行猜测):"
		echo
		sed -n 's/^rexian-ingest: .*: date column \(.*\)$/- \1/p' "$tmp/.ingest.log" | grep . ||
			echo "- 均为年份在前的格式 (YYYY-MM-DD 等) 或 Excel 日期序号，无需判定日月顺序"
		echo
		echo "## 版本与命令"
		echo
		echo "rexian $version，数据文件 $(basename -- "$dump")"
		echo
		echo '```'
		cat "$log"
		echo '```'
	} > "$tmp/说明.md"
	# 数据.xlsx: the month's figures, the departments, the trend, the
	# rejects summary and the definitions, numbers as numbers; then every
	# CSV gets a UTF-8 byte-order mark, without which Excel and WPS in a
	# Chinese locale read it as GBK
	awk -F, -v m="$month" 'NR == 1 || $1 == m' "$tmp/rates-month.csv" > "$tmp/.month.csv"
	awk -F, -v m="$month" 'NR == 1 || $1 == m' "$tmp/rates-department.csv" > "$tmp/.departments.csv"
	{
		echo "指标,名称,定义 (分子 / 分母)"
		sed -n '/^## 指标定义/,/^## 方法/s/^- \([^ ]*\) \([a-z_]*\): \(.*\)$/\1,\2,"\3"/p' "$tmp/说明.md"
	} > "$tmp/.definitions.csv"
	rexian-xlsx --lang zh -o "$tmp/数据.xlsx" 本月="$tmp/.month.csv" \
		承办单位="$tmp/.departments.csv" 趋势="$tmp/rates-month.csv" \
		数据质量="$tmp/.rejects-summary.csv" 指标定义="$tmp/.definitions.csv"
	rm -f "$tmp/.month.csv" "$tmp/.departments.csv" "$tmp/.definitions.csv"
	for f in "$tmp"/*.csv; do
		{ printf '\357\273\277'; cat "$f"; } > "$f.bom" && mv -- "$f.bom" "$f"
	done
fi
rm -f "$tmp"/.p?.pdf "$tmp"/.zh-*.csv "$tmp/.tickets.csv" "$tmp/.rejects-summary.csv" \
	"$tmp/.key.csv" "$tmp/.points.csv"
mv -- "$tmp/.ingest.log" "$tmp/ingest.log"
rm -f "$log"
if [ $package = 1 ]; then
	(cd "$tmp" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort |
		xargs sha256sum -- > SHA256SUMS)
fi
# the modes the umask gives, whatever the tools and mktemp chose
chmod "$file_mode" "$tmp"/*
chmod "$dir_mode" "$tmp"
# never over anything: -n refuses an existing name (a folder made meanwhile
# would otherwise receive the report inside it), and the report still in
# place under its temporary name says so
mv -n -T -- "$tmp" "$outdir/$month"
[ ! -e "$tmp" ] || die "$outdir/$month: already exists"
trap - EXIT
printf '%s\n' "$outdir/$month"
