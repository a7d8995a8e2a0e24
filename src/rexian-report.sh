#!/bin/sh
# rexian-report: a month's report, or an oversight data package, from a dump.
# A shell script because it only composes the rexian tools;
# every figure comes from rexian-rate, every page from rexian-chart.
set -eu
usage() {
	cat <<'USAGE'
usage: rexian-report [OPTION]... DUMP... MONTH
Write DIR/MONTH/ (MONTH as 2022-07) from one or more dumps (monthly exports
as they accumulate, read as one): the month's rate tables (csv and
markdown, changes against the previous month in percentage points), charts
(PNG and PDF) and report.pdf, in Chinese on numbered A4 pages: 要点 and the
key figures (本月, 环比, and 同比 and 1-N月累计 where the dumps cover them),
the trend, the department table with its 合计 row, the ranking of the
departments rated at least --min-n times, the funnel chart, the rejects.
Every figure is as of the cut-off: the end of MONTH, or --as-of.  The
folder is built under a temporary name and renamed at the end: a failure
leaves nothing behind.

  -o, --output DIR       where the dated folder goes (default .); made if
                         missing, when its parent folder exists
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
      --min-n N          departments rated fewer times are not ranked, and
                         listed under the ranking (default 30)
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
[ $# -ge 2 ] || bad_usage "want a DUMP and a MONTH"
# the MONTH last; the dumps stay in "$@" (the for loop walks a copy)
n=$# i=0 month= dumps=
for a; do
	[ $i = 0 ] && set --
	i=$((i + 1))
	if [ $i = $n ]; then
		month=$a
	else
		set -- "$@" "$a"
		dumps="${dumps:+$dumps、}$(basename -- "$a")"
	fi
done
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
for d; do
	[ -r "$d" ] || die "$d: cannot read it"
done
# messages name the dumps as the user gave them
src=$1
[ $# = 1 ] || src="$1 (and $(($# - 1)) more dumps)"
if [ ! -d "$outdir" ]; then
	[ -d "$(dirname -- "$outdir")" ] || die "$outdir: no such folder, nor its parent"
	mkdir -- "$outdir" 2>/dev/null || [ -d "$outdir" ] || die "$outdir: cannot make it"
fi
[ ! -e "$outdir/$month" ] || die "$outdir/$month: already exists"
# the tools beside this script, found from any folder
here=$(cd -- "$(dirname -- "$0")" && pwd)
PATH=$here:$PATH
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
# need it, with the temporary folder left out: a command a reader re-runs
# in the folder
run() {
	quoted "$@" >> "$log"
	"$@"
}
# run_to FILE CMD...: the same, its output to FILE in the folder
run_to() {
	to=$1
	shift
	printf '%s > %s\n' "$(quoted "$@")" "$to" >> "$log"
	"$@" > "$tmp/$to"
}
# quoted WORD...: the words on one line, quoted as sh reads them, with the
# temporary folder left out (a word may span lines inside its quotes)
quoted() {
	line=
	for a; do
		case $a in "$tmp"/*) a=${a#"$tmp"/} ;; esac
		case $a in
		''|*[!A-Za-z0-9_./:=,%+-]*)
			# in single quotes, each ' as '\'' (no sed: a word
			# needs this often, and a process each time costs)
			q=
			while :; do
				case $a in
				*\'*) q="$q${a%%\'*}'\\''"; a=${a#*\'} ;;
				*) a="'$q$a'"; break ;;
				esac
			done ;;
		esac
		line=${line:+$line }$a
	done
	printf '%s\n' "$line"
}

contract=
[ $package = 0 ] || contract=--rejects-contract
# the profile first: a --calendar given here overrides the profile's
# its summary (ingest-summary.csv: file,item,value) gives the counts of
# 数据质量 and the date columns that took a decision
# one chain (rexian(1)) makes the ticket table and the month's counts, in
# one process: ingest writes tickets.csv as it hands aggregate the rows
run_to counts-month.csv rexian ingest --max-rejects "$max_rejects" ${profile:+--profile "$profile"} \
	${calendar:+--calendar "$calendar"} --as-of "$cut" --rejects "$tmp/rejects.csv" \
	--summary "$tmp/ingest-summary.csv" $contract -- "$@" \
	then tee "$tmp/tickets.csv" then aggregate --by month --fill 2> "$tmp/.ingest.log" ||
	{ cat "$tmp/.ingest.log" >&2; die "$src: rexian-ingest failed"; }
# each month's 合计 (department ALL, rollup 1) beside its departments; the
# rates compare each department with it
run_to counts-department.csv rexian-aggregate --by month,department --rollup --fill "$tmp/tickets.csv"
grep -q "^$month," "$tmp/counts-month.csv" || die "$src: no tickets in $month"
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
# the data's first and last days: the month is covered only in part when
# they end before the cut-off; 同比 and 累计 only where they begin early enough
rexian-aggregate --by day -- "$tmp/tickets.csv" > "$tmp/.days.csv"
first=$(sed -n 2p "$tmp/.days.csv" | cut -d, -f1)
last=$(tail -n 1 "$tmp/.days.csv" | cut -d, -f1)
rm -f "$tmp/.days.csv"
partial=
if before "$last" "$last_day"; then
	partial="数据中最后一件工单受理于 $last，早于统计截止时间 $cut，本月数据不完整"
	printf 'rexian-report: %s: the last ticket was created on %s, before the cut-off %s, so %s is covered only in part; give --as-of the time of the export\n' \
		"$src" "$last" "$cut" "$month" >&2
fi
# covered DAY: the data begin at most a week after DAY (a dump's first
# day may have no ticket, a dump begun later would make 同比 or 累计 wrong)
covered() { ! before "$(TZ=UTC0 date -d "$1 +7 days" +%Y-%m-%d)" "$first"; }
y=${month%-*} mm=${month#*-}
mn=${mm#0}
py=$((y - 1))
# the same month a year before, and the year to date then and now (a 29
# February cut-off ends the year before on the 28th)
pmonth=$py-$mm pday=$py-${last_day#*-}
[ "${last_day#*-}" != 02-29 ] || pday=$py-02-28
ytd="${y}年1—${mn}月" pytd="${py}年1—${mn}月"
[ "$mn" != 1 ] || ytd="${y}年1月" pytd="${py}年1月"
yoy=0 cum=0
covered "$pmonth-01" && grep -q "^$pmonth," "$tmp/counts-month.csv" && yoy=1
if [ "$mn" != 1 ] && covered "$y-01-01"; then
	cum=1
	{
		echo "name,start,end"
		echo "$ytd,$y-01-01,$last_day"
		[ $yoy = 0 ] || ! covered "$py-01-01" || echo "$pytd,$py-01-01,$pday"
	} > "$tmp/periods.csv"
fi
m=satisfaction,on_time,direct,closure,mean_days,daily
# the rate table's column suffixes (rexian(7)), spelled here only; the awk
# programs below (after $SFXAWK) name a column as metric S["pp"] and so on
suffixes='k=_k n=_n lo=_lo hi=_hi flag=_flag prev=_prev delta=_delta pp=_delta_pp p=_p pct=_change_pct lim998lo=_lim998_lo yoy=_yoy'
flag=$(printf '%s\n' $suffixes | sed -n 's/^flag=//p')
SFXAWK='
BEGIN {
	ns = split(suffixes, st, " ")
	for (i = 1; i <= ns; i++)
		S[substr(st[i], 1, index(st[i], "=") - 1)] = substr(st[i], index(st[i], "=") + 1)
}
'
run_to rates-month.csv rexian-rate $safe -m "$m" --delta prev "$tmp/counts-month.csv"
run_to rates-month.md rexian-rate -m "$m" --delta prev --format markdown --lang zh "$tmp/counts-month.csv"
if [ $yoy = 1 ]; then
	# 同比 (--delta year: each month against the same month a year
	# before), only when the dumps cover that month whole
	run_to rates-yoy.csv rexian-rate $safe -m "$m" --delta year "$tmp/counts-month.csv"
fi
if [ $cum = 1 ]; then
	# (its note on the tickets outside the periods, all the others, is no news)
	run_to counts-ytd.csv rexian-aggregate --by period --periods "$tmp/periods.csv" -- \
		"$tmp/tickets.csv" 2> /dev/null
	delta=
	grep -q "^$pytd," "$tmp/counts-ytd.csv" && delta=$pytd
	run_to rates-ytd.csv rexian-rate $safe -m "$m" ${delta:+--delta "$delta"} "$tmp/counts-ytd.csv"
fi
run_to rates-department.csv rexian-rate $safe -m satisfaction,on_time,closure --delta prev \
	--over month --vs-total --min-n "$min_n" "$tmp/counts-department.csv"
run_to rates-department.md rexian-rate -m satisfaction,on_time --delta prev --over month \
	--vs-total --min-n "$min_n" --format markdown --lang zh "$tmp/counts-department.csv"

# CSV cells to awk: csv(RECORD, F) splits a record (quotes as RFC 4180) into
# F[1..n] and returns n; q(S) quotes a cell for CSV.  The programs join the
# lines of a record whose quotes are still open.
CSVAWK='
function csv(s, f,    n, i, c, inq, v) {
	n = 0; v = ""; inq = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (inq && c == "\"" && substr(s, i + 1, 1) == "\"") { v = v c; i++ }
		else if (c == "\"") inq = !inq
		else if (c == "," && !inq) { f[++n] = v; v = "" }
		else v = v c
	}
	f[++n] = v
	return n
}
function q(s,    t) {
	if (s !~ /[",\n]/) return s
	t = s; gsub(/"/, "\"\"", t)
	return "\"" t "\""
}
{ rec = rec $0; if (gsub(/"/, "&", rec) % 2 == 1) { rec = rec "\n"; next } }
'
# facts PREFIX FILE KEY: PREFIX.COLUMN=VALUE for the row whose first cell
# is KEY, a 同比 column (NAME_yoy_delta_pp) named as its 环比 one
facts() {
	[ -f "$2" ] || return 0
	awk -v pre="$1" -v key="$3" -v suffixes="$suffixes" "$SFXAWK$CSVAWK"'
	{ n = csv(rec, f); rec = "" }
	!head { for (i = 1; i <= n; i++) { h[i] = f[i]; sub(S["yoy"] "_", "_", h[i]) } head = 1; next }
	f[1] == key { for (i = 1; i <= n; i++) print pre "." h[i] "=" f[i] }' "$2"
}
{
	facts m "$tmp/rates-month.csv" "$month"
	facts y "$tmp/rates-yoy.csv" "$month"
	facts c "$tmp/rates-ytd.csv" "$ytd"
} > "$tmp/.facts"
# the departments of MONTH: the table's rows (合计 last: the rolled-up row),
# how many are ranked (rated --min-n times: no flag), the unranked names
# and those below the whole
awk -v month="$month" -v unranked="$tmp/.unranked" -v below="$tmp/.below" \
    -v below_on_time="$tmp/.below-on-time" -v ranked="$tmp/.nranked" \
    -v suffixes="$suffixes" "$SFXAWK$CSVAWK"'
function cell(name) { return f[col[name]] }
function pp(name,    d) {
	d = cell(name S["pp"])
	return d == "" ? "" : d ~ /^-/ ? d : "+" d
}
function ci(name) { return cell(name) == "" ? "" : cell(name S["lo"]) "—" cell(name S["hi"]) }
# under the lower 99.8% limit of the funnel: significantly below the whole
function low(name) {
	return cell(name) != "" && cell(name S["lim998lo"]) != "" &&
	    cell(name) + 0 < cell(name S["lim998lo"]) + 0
}
{ n = csv(rec, f); line = rec; rec = "" }
!head {
	for (i = 1; i <= n; i++) col[f[i]] = i
	head = 1
	print "承办单位,受理量,满意率(%),95% 置信区间,回访件数,满意率较上月(百分点),按期办结率(%),按期办结率较上月(百分点)"
	next
}
f[1] != month || cell("rollup") > 1 { next }
{
	sat = cell("satisfaction") == "" ? "样本不足" : cell("satisfaction")
	ot = cell("on_time") == "" ? "样本不足" : cell("on_time")
	# one call a statement: mawk may hand two calls in one expression
	# the same result string
	ds = pp("satisfaction")
	dt = pp("on_time")
	range = ci("satisfaction")
	row = "," cell("closure" S["n"]) "," sat "," range "," cell("satisfaction" S["n"]) "," \
	    ds "," ot "," dt
	if (cell("rollup") == 1) {
		total = "合计" row
		next
	}
	print q(f[2]) row
	if (cell("satisfaction" S["flag"]) != "")
		printf "%s%s", nu++ ? "、" : "", f[2] > unranked
	else
		nr++
	if (low("satisfaction"))
		printf "%s%s (%s%%)", nb++ ? "、" : "", f[2], cell("satisfaction") > below
	if (low("on_time"))
		printf "%s%s (%s%%)", nt++ ? "、" : "", f[2], cell("on_time") > below_on_time
}
END { print total; print nr + 0 > ranked }' "$tmp/rates-department.csv" > "$tmp/报告-承办单位.csv"
touch "$tmp/.unranked" "$tmp/.below" "$tmp/.below-on-time"
nranked=$(cat "$tmp/.nranked")

# the tools beside this script are built with it: one version
version=@VERSION@
note="来源: $dumps；rexian $version"
title="${y}年${mn}月 12345 热线工单办理情况"
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	made=$(TZ=UTC0 date -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M UTC')
else
	made=$(TZ=UTC0 date '+%Y-%m-%d %H:%M UTC')
fi
block="统计期间 $month-01 至 $last_day，统计截止 $cut (各项数字均为截至该时刻的状态)
数据文件 $dumps，其中工单受理于 $first 至 $last
生成于 $made，rexian $version"
unranked=$(cat "$tmp/.unranked")
below=$(cat "$tmp/.below")
below_on_time=$(cat "$tmp/.below-on-time")
rank_note="${unranked:+回访不足 $min_n 件，未排名：$unranked。}$note"

# 要点 and the key figures, from the facts: m. this month against the
# month before (环比), y. against the same month a year before (同比), c.
# the year to date (累计, with its 同比).  A change with p >= 0.05 is
# 基本持平, never 提高 or 下降; the test is named in the page's note.
awk -v ym="${y}年${mn}月" -v ytd="$ytd" -v cutoff="$cut" -v partial="$partial" \
    -v below="$below" -v below_on_time="$below_on_time" -v points="$tmp/.points" \
    -v nranked="$nranked" -v min_n="$min_n" -v suffixes="$suffixes" "$SFXAWK"'
function v(k) { return F[k] }
function thousands(n,    s) {
	s = n ""
	while (s ~ /[0-9][0-9][0-9][0-9]/)
		sub(/[0-9][0-9][0-9]([,.]|$)/, ",&", s)
	return s
}
# tickets a day to one decimal, rounded half up from the exact fraction
function daily1(pre,    k, d, t) {
	k = v(pre ".daily" S["k"]); d = v(pre ".daily" S["n"])
	if (k == "" || d + 0 <= 0)
		return ""
	t = int((20 * k + d) / (2 * d))
	return int(t / 10) "." (t % 10)
}
function mag(d) { return d ~ /^-/ ? substr(d, 2) : d }
# the change of a rate in percentage points, or of the tickets a day in percent
function change(pre, name, word,    d, p) {
	if (name == "daily") {
		d = v(pre ".daily" S["pct"]); p = v(pre ".daily" S["p"])
	} else {
		d = v(pre "." name S["pp"]); p = v(pre "." name S["p"])
	}
	if (d == "")
		return ""
	if (p == "" || p + 0 >= 0.05)
		return word "基本持平"
	if (name == "daily")
		return word (d ~ /^-/ ? "减少 " : "增长 ") mag(d) "%"
	return word (d ~ /^-/ ? "下降 " : "提高 ") mag(d) " 个百分点"
}
function both(name,    a, b) {
	a = change("m", name, "环比")
	b = change("y", name, "同比")
	return (a != "" ? "，" a : "") (b != "" ? "，" b : "")
}
function signed(d, unit) { return d == "" ? "" : (d ~ /^-/ ? d : "+" d) unit }
{ F[substr($0, 1, index($0, "=") - 1)] = substr($0, index($0, "=") + 1) }
END {
	# one function call a statement: mawk may hand two calls in one
	# expression the same result string
	n1 = thousands(v("m.closure" S["n"])); n2 = thousands(v("m.closure" S["k"]))
	d1 = daily1("m"); b1 = both("daily"); b2 = both("closure")
	s = sprintf("%s共受理群众诉求 %s 件，日均 %s 件%s；办结 %s 件，办结率 %s%%%s。", ym,
	    n1, d1, b1, n2, v("m.closure"), b2)
	b1 = both("satisfaction"); b2 = both("on_time"); b3 = both("direct")
	s = s "\n" sprintf("办理结果满意率 %s%%%s；按期办结率 %s%%%s；直办率 %s%%%s；平均办理时长 %s 天。",
	    v("m.satisfaction"), b1, v("m.on_time"), b2, v("m.direct"), b3, v("m.mean_days"))
	if (v("c.closure" S["n"]) != "") {
		a = change("c", "satisfaction", "同比"); b = change("c", "on_time", "同比")
		t = change("c", "daily", "同比"); n1 = thousands(v("c.closure" S["n"])); d1 = daily1("c")
		s = s "\n" sprintf("%s累计受理 %s 件，日均 %s 件%s；办理结果满意率 %s%%%s，按期办结率 %s%%%s。",
		    ytd, n1, d1, t != "" ? "，" t : "", v("c.satisfaction"), a != "" ? "，" a : "",
		    v("c.on_time"), b != "" ? "，" b : "")
	}
	if (below != "")
		s = s "\n满意率显著低于全部单位合计的承办单位 (漏斗图 99.8% 控制限以外)：" below "。"
	else
		s = s "\n没有承办单位的满意率显著低于全部单位合计 (漏斗图 99.8% 控制限)。"
	if (below_on_time != "")
		s = s "\n按期办结率显著低于全部单位合计的承办单位：" below_on_time "。"
	if (nranked == 0)
		s = s "\n各承办单位本月回访均不足 " min_n " 件，满意率不排名。"
	s = s "\n统计截止 " cutoff "：此后受理的工单不计入，此后办结的按未办结计；截止时已超过办理时限仍未办结的计为未按期办结。"
	if (partial != "")
		s = s "\n注意：" partial "。"
	printf "%s", s > points
	yoy = v("y.closure" S["n"]) != ""; cum = v("c.closure" S["n"]) != ""
	cy = v("c.satisfaction" S["prev"]) != ""
	printf "指标,本月,环比%s%s%s\n", yoy ? ",同比" : "", cum ? "," ytd "累计" : "", cy ? ",累计同比" : ""
	n = split("tickets:受理量:件 daily:日均受理量:件 closure:办结率:% on_time:按期办结率:% " \
	    "satisfaction:满意率:% direct:直办率:% mean_days:平均办理时长:天", rows, " ")
	for (r = 1; r <= n; r++) {
		split(rows[r], x, ":")
		unit = x[3] == "%" ? "%" : " " x[3]
		if (x[1] == "tickets") {
			cc = thousands(v("c.closure" S["n"])) unit
			cell = thousands(v("m.closure" S["n"])) unit
			dm = signed(v("m.daily" S["pct"]), "% (日均)")
			dy = signed(v("y.daily" S["pct"]), "% (日均)")
			dc = signed(v("c.daily" S["pct"]), "% (日均)")
		} else if (x[3] == "%") {
			cell = v("m." x[1]) unit
			dm = signed(v("m." x[1] S["pp"]), " 个百分点")
			dy = signed(v("y." x[1] S["pp"]), " 个百分点")
			cc = v("c." x[1]) unit
			dc = signed(v("c." x[1] S["pp"]), " 个百分点")
		} else {
			cell = v("m." x[1]) unit
			dm = signed(v("m." x[1] S["delta"]), unit)
			dy = signed(v("y." x[1] S["delta"]), unit)
			cc = v("c." x[1]) unit
			dc = signed(v("c." x[1] S["delta"]), unit)
		}
		# thousands separators: every cell quoted
		printf "%s,\"%s\",%s%s%s%s\n", x[2], cell, dm, yoy ? "," dy : "",
		    cum ? ",\"" cc "\"" : "", cy ? "," dc : ""
	}
}' "$tmp/.facts" > "$tmp/报告-主要指标.csv"
keycols=$(head -n 1 "$tmp/报告-主要指标.csv" | cut -d, -f2-)
tests="注：环比为与上月相比，同比为与上年同期相比；比率的变化以百分点计，受理量的变化以日均受理量的百分比计。变化的 p 值：比率用 Fisher 精确检验 (期望频数小于 5 时) 或两比例 z 检验，受理量用两个 Poisson 计数的精确检验；p ≥ 0.05 记为基本持平。"

# the rejects summary, in Chinese, from rexian-ingest's --summary (rows
# file,item,value) added over the files: read, written, rejected and each
# kind of reject (in the summary's order, those that occurred), the rows
# created at or after the cut-off, the others excluded; the date columns
# whose reading took a decision, and the placeholder dates, for 说明.md
awk -v dated="$tmp/.dated" -v placeholders="$tmp/.placeholders" "$CSVAWK"'
BEGIN {
	split("stray quote:引号不成对|wrong field count:字段数不对|bad encoding:编码不对|" \
	    "empty id:工单编号为空|bad date:日期无法识别|bad value:取值无法识别|" \
	    "closed before created:办结时间早于受理时间|due before created:办理时限早于受理时间|" \
	    "duplicate id:工单编号重复|summary row:合计行，不是工单", r, "|")
	for (i in r) {
		split(r[i], x, ":")
		zh[x[1]] = x[2]
	}
}
{ n = csv(rec, f); rec = "" }
!head { head = 1; next }
{ total[f[2]] += f[3] }
f[2] ~ /^rejected:/ && f[3] > 0 {
	k = substr(f[2], 10)
	if (!(k in count))
		order[++nk] = k
	count[k] += f[3]
}
# a date column that took a decision (date:COLUMN, its form in English
# words, not read), then how: date_order, date_line and date_value,
# date_format, date_utc_offset
f[2] ~ /^date:/ { key[++nd] = f[1] SUBSEP substr(f[2], 6) }
f[2] ~ /^date_[a-z_]+:/ {
	i = index(f[2], ":")
	D[substr(f[2], 1, i - 1), f[1], substr(f[2], i + 1)] = f[3]
}
END {
	split("dmy:日在前 (日/月/年)|mdy:月在前 (月/日/年)|ymd:年在前 (年/月/日)", t, "|")
	for (i in t)
		order[substr(t[i], 1, 3)] = substr(t[i], 5)
	for (i = 1; i <= nd; i++) {
		split(key[i], fc, SUBSEP)
		k = key[i]
		s = ""
		if (("date_format", k) in D)
			s = "按 --date-format 指定的格式 `" D["date_format", k] "` 读取"
		if (("date_order", k) in D)
			s = s (s != "" ? "，" : "") order[D["date_order", k]] \
			    (("date_line", k) in D ? "，由第 " D["date_line", k] " 行的值 `" \
			    D["date_value", k] "` 判定" : "，按选项 --date-order (或口径文件) 的规定")
		if (("date_utc_offset", k) in D)
			s = s (s != "" ? "，" : "") "带时区的时间换算为 UTC" D["date_utc_offset", k]
		if (s == "")
			s = "读取时须经判定，判定见 ingest.log"
		printf "- `%s` (%s)：%s\n", fc[2], fc[1], s > dated
	}
	print "项目,件数"
	print "读取," total["read"] + 0
	print "写入," total["written"] + 0
	print "拒收," total["rejected"] + 0
	# a kind this table lacks is still counted, under 其他原因
	for (i = 1; i <= nk; i++)
		print "其中 " (order[i] in zh ? zh[order[i]] : "其他原因") "," count[order[i]]
	print "统计截止后受理 (不计入)," total["after_as_of"] + 0
	if (total["excluded"] - total["after_as_of"] > 0)
		print "按口径排除 (--exclude)," total["excluded"] - total["after_as_of"]
	print total["placeholders"] + 0 > placeholders
}' "$tmp/ingest-summary.csv" > "$tmp/报告-数据质量.csv"
touch "$tmp/.dated"
excluded=$(awk -F, '$1 ~ /^统计截止后受理/ { print $2 }' "$tmp/报告-数据质量.csv")

# the folder's charts
for f in png pdf; do
	run rexian-chart -x month -y satisfaction,on_time --lang zh --title "满意率与按期办结率" \
		--subtitle "截至 $cut 各月" --note "$note" -o "$tmp/trend.$f" "$tmp/rates-month.csv"
	[ "$nranked" = 0 ] ||
		run rexian-chart --kind barh -x department -y satisfaction --sort desc \
			--labels --error-bars --lang zh --title "$month 承办单位满意率" \
			--subtitle "回访至少 $min_n 件的单位，误差线为 95% 置信区间；截至 $cut" \
			--where month="$month" --where rollup=0 --where "satisfaction$flag=" \
			--note "$rank_note" -o "$tmp/departments.$f" "$tmp/rates-department.csv"
	run rexian-chart --kind funnel -x department -y satisfaction --where month="$month" --where rollup=0 \
		--lang zh --title "$month 承办单位满意率漏斗图" --subtitle "与全部单位合计比较；截至 $cut" \
		--note "$note" -o "$tmp/funnel.$f" "$tmp/rates-department.csv"
done

# The report's pages: its parts down A4 pages numbered 第 N 页 共 M 页
# (rexian-chart --flow), each below the last, on the next page when it
# does not fit; the department table, when longer than a page, on pages of
# its own, the ranking, the funnel and the rejects following its end.
# The parts, in 报告-版面.txt, name their tables in the folder, where it
# runs: the tables this script made (报告-*.csv) and the rate tables.
a4=793.7x1122.5
part() { quoted "$@" >> "$tmp/报告-版面.txt"; }
part --kind table -x 指标 -y "$keycols" --title "$title" --subtitle "$block" \
	--lead "要点
$(cat "$tmp/.points")" --note "$tests" "$tmp/报告-主要指标.csv"
part -x month -y satisfaction,on_time --size 793.7x460 --title "满意率与按期办结率" \
	--subtitle "截至 $cut 各月" --note "$note" "$tmp/rates-month.csv"
part --kind table -x 承办单位 --total 合计 \
	-y "受理量,满意率(%),95% 置信区间,回访件数,满意率较上月(百分点),按期办结率(%),按期办结率较上月(百分点)" \
	--title "$month 承办单位办理情况" \
	--subtitle "置信区间为 Wilson 95% 区间；回访或应办结不足 $min_n 件的单位比率不计算 (样本不足)；合计为全部单位；截至 $cut" \
	--note "$note" "$tmp/报告-承办单位.csv"
[ "$nranked" = 0 ] ||
	part --kind barh -x department -y satisfaction --sort desc --labels --error-bars \
		--size 793.7x300 --title "$month 承办单位满意率排名" \
		--subtitle "回访至少 $min_n 件的单位，误差线为 95% 置信区间；截至 $cut" \
		--where month="$month" --where rollup=0 --where "satisfaction$flag=" \
		--note "$rank_note" "$tmp/rates-department.csv"
part --kind funnel -x department -y satisfaction --where month="$month" --where rollup=0 \
	--size 793.7x400 --title "$month 承办单位满意率漏斗图" \
	--subtitle "与全部单位合计比较，控制限外的单位均标出名称；截至 $cut" \
	--note "$note" "$tmp/rates-department.csv"
part --kind table -x 项目 -y 件数 --title "数据质量：工单读取与拒收" \
	--subtitle "每一行工单或写入或拒收，拒收行及原因见 rejects.csv" --note "$note" \
	"$tmp/报告-数据质量.csv"
set -- rexian-chart --flow 报告-版面.txt --size $a4 --lang zh --title "$title" -o report.pdf
quoted "$@" >> "$log"
(cd -- "$tmp" && "$@")

if [ $package = 1 ]; then
	# the metrics' definitions, for 说明.md and 数据.xlsx: 名称|列名|分子 / 分母
	definitions='满意率|satisfaction|(满意 + 基本满意) / 已回访 (未回访、无法联系、拒绝评价不计入分母)
按期办结率|on_time|按期办结 / (有办理时限的已办结工单 + 截止时已超过办理时限的未办结工单)
直办率|direct|直办 (当场答复) / 全部受理工单
办结率|closure|截止时已办结 / 全部受理工单
平均办理时长|mean_days|截止时已办结工单自受理至办结的日历小时数之和 / 24 / 件数
日均受理量|daily|受理件数 / 本月 1 日至截止日的日历天数'
	cal=${calendar:-cn}
	[ -z "$calendar" ] && [ -n "$profile" ] && cal="按口径文件的规定 (见 口径)"
	[ "$cal" = cn ] && cal="中国法定节假日与调休工作日，2020—2026 年 (rexian 的 data/holidays-cn.csv)"
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
		echo "- counts-*.csv: 按月、按月×承办单位的计数表 (可相加合并)；counts-ytd.csv 为本年累计及上年同期，期间见 periods.csv (数据覆盖时才有)"
		echo "- rates-*.csv / rates-*.md: 比率表，每个比率附分子、分母与 95% 置信区间；rates-yoy.csv 为同比 (数据覆盖上年同月时才有)"
		echo "- trend.png、departments.png、funnel.png 及同名的 PDF 文件: 图表；report.pdf: 报告"
		echo "- 报告-主要指标.csv、报告-承办单位.csv、报告-数据质量.csv: report.pdf 中的表格，由比率表与读取摘要整理；报告-版面.txt: report.pdf 各部分的版面 (rexian-chart --flow 读取)"
		echo "- ingest-summary.csv、ingest.log: rexian-ingest 的读取摘要 (供程序读取) 与运行记录"
		echo "- rejects.csv: 拒收行的文件名、行号、原因，及工单表各列的原值 (原始数据的其他列，如姓名、电话，不在其中；列数不对的行不给出任何字段)"
		echo "- 数据.xlsx: 本月指标、承办单位、趋势、数据质量与指标定义，数字为数值 (比率为百分比格式)"
		echo "- 各 CSV 文件为 UTF-8 编码并带 BOM，Excel、WPS 可直接打开"
		echo "- SHA256SUMS: 各文件的 SHA-256 校验值 (用 \`sha256sum -c SHA256SUMS\` 核对)"
		echo
		echo "## 指标定义 (分子 / 分母)"
		echo
		echo "括号中为比率表 (rates-*.csv) 中该指标的列名。"
		echo
		printf '%s\n' "$definitions" | awk -F'|' '{ print "- " $1 " (`" $2 "`)：" $3 }'
		echo
		echo "## 方法"
		echo
		echo "- 舍入: 由精确分数四舍五入 (五入远离零)，保留两位小数"
		echo "- 置信区间: Wilson 95%；平均办理时长用 t 区间；日均用 Poisson 精确区间"
		echo "- 变化: 环比与上月相比，同比与上年同月 (累计与上年同期) 相比，以百分点计，为两个精确比率之差；p 值来自 Fisher 精确检验 (小样本) 或两比例 z 检验，p ≥ 0.05 记为基本持平"
		echo "- 承办单位比较: z 值与漏斗图控制限 (95%, 99.8%) 相对于全部单位合计；回访不足 $min_n 件不计算比率"
		echo "- 工作日历: $cal"
		echo "- 表格安全: CSV 中以 = + - @ 开头的文字单元格前加 ' ，防止在 Excel/WPS 中作为公式执行$([ -n "$safe" ] && echo " (已启用)" || echo " (未启用：--plain-csv)")"
		echo
		if [ -n "$profile" ]; then
			echo "## 口径 (\`rexian-ingest --profile $(basename "$profile")\`)"
			echo
			echo "口径文件逐字照录如下 (每行一个 rexian-ingest 选项，# 后为文件自带的注释)："
			echo
			echo '```'
			rexian-ingest --profile "$profile" --list-columns
			echo '```'
			echo
		fi
		echo "## 数据质量"
		echo
		awk -F, 'NR > 1 { print "- " $1 "：" $2 " 件" }' "$tmp/报告-数据质量.csv"
		echo
		# the date columns whose reading took a decision, as the summary
		# names them; the decision itself is in ingest.log
		echo "日期格式 (rexian-ingest 按整列判定，不逐行猜测)："
		echo
		if [ -s "$tmp/.dated" ]; then
			cat "$tmp/.dated"
		else
			echo "- 各日期列均为年份在前的格式或电子表格的日期序号，无需判定日月顺序"
		fi
		[ "$(cat "$tmp/.placeholders")" = 0 ] ||
			echo "- 表示“无日期”的占位日期 (1900-01-01、1970-01-01、9999-12-31) 按空值计：$(cat "$tmp/.placeholders") 个"
		echo
		echo "## 版本与命令"
		echo
		echo "rexian $version，数据文件 $dumps。"
		echo
		echo "以下为生成本数据包的命令，在本文件夹中依次运行即可重新生成工单表、计数表、比率表、图表与 report.pdf (数据文件按生成时给出的路径；各 CSV 文件带 BOM，rexian 各工具照常读取)。periods.csv、报告-*.csv、报告-版面.txt、数据.xlsx 与本说明由 rexian-report 整理，见“文件”一节。"
		if [ -n "$days" ]; then
			echo
			echo "统计截止时间在月内：counts-month.csv 与 counts-department.csv 中 $month 各行的 days 列已由 rexian-report 改为 $days (1 日至截止日的天数)，重新运行 rexian-aggregate 后须同样修改，日均受理量才与本数据包一致。"
		fi
		echo
		echo '```'
		cat "$log"
		echo '```'
	} > "$tmp/说明.md"
	# 数据.xlsx: the month's figures, the departments, the trend, the
	# rejects summary and the definitions, numbers as numbers; then every
	# CSV gets a UTF-8 byte-order mark, without which Excel and WPS in a
	# Chinese locale read it as GBK
	# the rows of MONTH; the departments' 合计 (rollup 1, department ALL)
	# so named
	for f in month department; do
		awk -v m="$month" "$CSVAWK"'
		{ n = csv(rec, f); line = rec; rec = "" }
		!head { for (i = 1; i <= n; i++) col[f[i]] = i; head = 1; print line; next }
		f[1] != m || f[col["rollup"]] > 1 { next }
		f[col["rollup"]] != 1 { print line; next }
		{
			f[2] = "合计"
			for (i = 1; i <= n; i++)
				printf "%s%s", (i > 1 ? "," : ""), q(f[i])
			print ""
		}' "$tmp/rates-$f.csv" > "$tmp/.$f.csv"
	done
	{
		echo "指标,比率表列名,定义 (分子 / 分母)"
		printf '%s\n' "$definitions" | awk -F'|' '{ print $1 "," $2 ",\"" $3 "\"" }'
	} > "$tmp/.definitions.csv"
	rexian-xlsx --lang zh -o "$tmp/数据.xlsx" 本月="$tmp/.month.csv" \
		承办单位="$tmp/.department.csv" 趋势="$tmp/rates-month.csv" \
		数据质量="$tmp/报告-数据质量.csv" 指标定义="$tmp/.definitions.csv"
	rm -f "$tmp/.month.csv" "$tmp/.department.csv" "$tmp/.definitions.csv"
	for f in "$tmp"/*.csv; do
		{ printf '\357\273\277'; cat "$f"; } > "$f.bom" && mv -- "$f.bom" "$f"
	done
fi
# the tickets only in the package, whose contract they follow
[ $package = 1 ] || rm -f "$tmp/tickets.csv"
rm -f "$tmp/.points" "$tmp/.facts" "$tmp/.nranked" "$tmp/.dated" "$tmp/.placeholders" \
	"$tmp/.unranked" "$tmp/.below" "$tmp/.below-on-time"
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
