#!/bin/sh
# bench/run.sh [1m|5m]: rexian against the tools an analyst would pick
# instead, on the same generated dump, in the same run.
#
# The job: per month x department, tickets, closed, satisfied + basic,
# rated, on time, direct and the sum of hours to close.  Each peer's counts
# are checked against rexian's before its time is reported.  Writes
# bench/RESULTS-SIZE.md with the machine it ran on.  Peers missing from the
# machine are installed (Debian: mawk miller datamash python3-pandas; npm:
# @duckdb/node-api into bench/node_modules) or skipped with a note.
set -eu
size=${1:-1m}
case $size in
1m) rows=1000000 ;;
5m) rows=5000000 ;;
*) echo "usage: bench/run.sh [1m|5m]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cache=$here/cache
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"
PATH=$top/bin:$PATH
export LC_ALL=C.UTF-8

make -C "$top" -s all
# the dumps are rexian-synth's (the same bytes for the same options), kept
# under names of their own: a cache from another generator is not reused
dump=$cache/synth-$size.csv
gbdump=$cache/synth-$size-gb18030.csv
[ -s "$dump" ] || rexian-synth --rows $rows --seed 1 > "$dump"
[ -s "$gbdump" ] || rexian-synth --rows $rows --seed 1 --encoding gb18030 > "$gbdump"
# the same rows in no order: ids in no order are the duplicate-id set's worst case
shufdump=$cache/synth-$size-shuffled.csv
[ -s "$shufdump" ] || python3 -c '
import random, sys
lines = open(sys.argv[1], "rb").readlines()
body = lines[1:]
random.Random(1).shuffle(body)
sys.stdout.buffer.writelines(lines[:1] + body)' "$dump" > "$shufdump"
mb=$(du -m "$dump" | cut -f1)
bytes=$(wc -c < "$dump")

if [ "$(id -u)" = 0 ]; then
	for p in mawk miller datamash python3-pandas; do
		dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q 'ok installed' ||
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $p >/dev/null 2>&1 || true
	done
fi
[ -d "$here/node_modules/@duckdb/node-api" ] ||
	(cd "$here" && npm install --no-audit --no-fund >/dev/null 2>&1) || true

results=$work/results
: > "$results"
# run LABEL INPUT CMD: wall seconds, peak RSS (the largest process of the
# pipeline) and CPU seconds (user + system, every process of the pipeline)
# of sh -c CMD, its output in $work/LABEL.out.  INPUT is read
# twice first: this VM drops file pages now and then, and a cold read
# (about 25 MB/s here) would be timed instead of the tool.
run() {
	label=$1
	cat "$2" "$2" > /dev/null
	shift 2
	start=$(date +%s.%N)
	/usr/bin/time -f "%M %U %S" -o "$work/rss" sh -c "$*" > "$work/$label.out"
	end=$(date +%s.%N)
	wall=$(echo "$end - $start" | bc)
	echo "$label $wall $(awk '{print $1, $2 + $3}' "$work/rss")" >> "$results"
}

# the floors: reading the file, and pushing it through a pipe.  A floor is
# the least a thing takes, and this VM's pipes vary by 2x from run to run:
# each floor is the fastest of three runs.
for i in 1 2 3; do
	run floor-cat-$i "$dump" "cat '$dump' > /dev/null"
	run floor-pipe-$i "$dump" "cat '$dump' | cat > /dev/null"
done
for f in floor-cat floor-pipe; do
	grep "^$f-" "$results" | sort -k2 -n | head -1 | sed "s/^$f-[0-9]/$f/"
done > "$work/floors"
mv "$work/floors" "$results"

# rexian: the whole pipeline, the same as one chain (ingest's rows pass
# to aggregate in memory), and each stage alone
run rexian "$dump" "rexian-ingest '$dump' 2>/dev/null | rexian-aggregate --by month,department | tee '$work/rexian-counts.csv' | rexian-rate > /dev/null"
run rexian-chain "$dump" "rexian ingest '$dump' then aggregate --by month,department then tee '$work/chain-counts.csv' then rate 2>/dev/null > /dev/null"
run rexian-chain-j1 "$dump" "rexian ingest '$dump' --jobs 1 then aggregate --by month,department then tee '$work/chain-j1-counts.csv' then rate 2>/dev/null > /dev/null"
run rexian-chain-gb18030 "$gbdump" "rexian ingest '$gbdump' then aggregate --by month,department then tee '$work/chain-gb18030-counts.csv' then rate 2>/dev/null > /dev/null"
# the chain against the pipe on a dirty dump of this size: standard output,
# standard error, exit status and rejects file, byte for byte
rexian-synth --rows $rows --seed 2 --dirty 1% > "$work/dirty.csv"
for how in pipe chain; do
	set +e
	if [ $how = pipe ]; then
		bash -o pipefail -c "rexian-ingest '$work/dirty.csv' --max-rejects 2% --rejects '$work/rej-$how.csv' | rexian-aggregate --by month,department --rollup | rexian-rate --delta prev"
	else
		rexian ingest "$work/dirty.csv" --max-rejects 2% --rejects "$work/rej-$how.csv" \
			then aggregate --by month,department --rollup then rate --delta prev
	fi > "$work/diff-$how.out" 2> "$work/diff-$how.err"
	echo $? > "$work/diff-$how.status"
	set -e
done
differential=identical
for f in out err status; do
	cmp -s "$work/diff-pipe.$f" "$work/diff-chain.$f" || differential="DIFFERENT ($f)"
done
cmp -s "$work/rej-pipe.csv" "$work/rej-chain.csv" || differential="DIFFERENT (rejects)"
rejected=$(($(wc -l < "$work/rej-chain.csv") - 1))
rm -f "$work/dirty.csv"
rexian-ingest "$dump" 2>/dev/null > "$work/tickets.csv"
run rexian-ingest "$dump" "rexian-ingest '$dump' 2>/dev/null > /dev/null"
run rexian-ingest-j2 "$dump" "rexian-ingest --jobs 2 '$dump' 2>/dev/null > /dev/null"
run rexian-ingest-gb18030 "$gbdump" "rexian-ingest '$gbdump' 2>/dev/null > /dev/null"
run rexian-ingest-shuffled "$shufdump" "rexian-ingest '$shufdump' 2>/dev/null > /dev/null"
run rexian-aggregate "$work/tickets.csv" "rexian-aggregate --by month,department '$work/tickets.csv'"
run rexian-aggregate-id "$work/tickets.csv" "rexian-aggregate --by id '$work/tickets.csv' > /dev/null"
rexian-aggregate --by month,department "$work/tickets.csv" > "$work/counts.csv"
run rexian-rate "$work/counts.csv" "rexian-rate '$work/counts.csv' > /dev/null"
tickets_mb=$(du -m "$work/tickets.csv" | cut -f1)

# mawk: the first 14 columns never hold a quoted comma in these dumps (only
# the free text, last, does), so splitting on commas is exact for them
cat > "$work/job.awk" <<'AWK'
function days(y, m, d) {	# days from civil, Howard Hinnant's algorithm
	y -= m <= 2; era = int((y >= 0 ? y : y - 399) / 400); yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
}
function secs(s) {
	return days(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0, substr(s, 9, 2) + 0) * 86400 + \
	    substr(s, 12, 2) * 3600 + substr(s, 15, 2) * 60 + substr(s, 18, 2)
}
NR > 1 {
	k = substr($2, 1, 7) "," $7
	n[k]++
	if ($10 == "已办结") { c[k]++; if ($9 != "") h[k] += (secs($9) - secs($2)) / 3600 }
	if ($13 == "满意" || $13 == "基本满意") g[k]++
	if ($13 == "满意" || $13 == "基本满意" || $13 == "不满意") r[k]++
	if ($9 != "" && $9 <= $8) o[k]++
	if ($11 == "是") d[k]++
}
END { for (k in n) printf "%s,%d,%d,%d,%d,%d,%d,%.0f\n", k, n[k], c[k], g[k], r[k], o[k], d[k], h[k] }
AWK
command -v mawk >/dev/null && run mawk "$dump" "mawk -F, -f '$work/job.awk' '$dump'"

if command -v mlr >/dev/null; then
	run miller "$dump" "mlr --icsv --ocsv --allow-ragged-csv-input put -q '
		\$k = substr(\$受理时间, 0, 6) . \",\" . \$承办单位;
		@n[\$k] += 1;
		@c[\$k] += \$办结状态 == \"已办结\" ? 1 : 0;
		@g[\$k] += (\$回访结果 == \"满意\" || \$回访结果 == \"基本满意\") ? 1 : 0;
		@r[\$k] += (\$回访结果 == \"满意\" || \$回访结果 == \"基本满意\" || \$回访结果 == \"不满意\") ? 1 : 0;
		@o[\$k] += (\$办结时间 != \"\" && \$办结时间 <= \$办理时限) ? 1 : 0;
		@d[\$k] += \$是否直办 == \"是\" ? 1 : 0;
		@h[\$k] += (\$办结状态 == \"已办结\" && \$办结时间 != \"\") ? (strptime(\$办结时间, \"%Y-%m-%d %H:%M:%S\") - strptime(\$受理时间, \"%Y-%m-%d %H:%M:%S\")) / 3600 : 0;
		end { for (k, v in @n) { print k . \",\" . @n[k] . \",\" . @c[k] . \",\" . @g[k] . \",\" . @r[k] . \",\" . @o[k] . \",\" . @d[k] . \",\" . fmtnum(@h[k], \"%.0f\") } }' '$dump'"
fi

if command -v datamash >/dev/null && command -v mawk >/dev/null; then
	cat > "$work/prep.awk" <<'AWK'
NR > 1 {
	cl = $10 == "已办结"; good = $13 == "满意" || $13 == "基本满意"
	print substr($2, 1, 7) "\t" $7 "\t" cl "\t" good "\t" (good || $13 == "不满意") "\t" ($9 != "" && $9 <= $8) "\t" ($11 == "是")
}
AWK
	run datamash "$dump" "mawk -F, -f '$work/prep.awk' '$dump' | datamash -s -g 1,2 count 1 sum 3 sum 4 sum 5 sum 6 sum 7"
fi

cat > "$work/job.py" <<'PY'
import sys
import pandas as pd
cols = ['受理时间', '承办单位', '办理时限', '办结时间', '办结状态', '是否直办', '回访结果']
d = pd.read_csv(sys.argv[1], usecols=cols, dtype=str, keep_default_na=False, engine='c')
d['month'] = d['受理时间'].str[:7]
closed = d['办结状态'] == '已办结'
t0 = pd.to_datetime(d['受理时间'], format='%Y-%m-%d %H:%M:%S')
t1 = pd.to_datetime(d['办结时间'].where(d['办结时间'] != ''), format='%Y-%m-%d %H:%M:%S')
d['n'] = 1
d['c'] = closed.astype(int)
d['g'] = d['回访结果'].isin(['满意', '基本满意']).astype(int)
d['r'] = d['回访结果'].isin(['满意', '基本满意', '不满意']).astype(int)
d['o'] = ((d['办结时间'] != '') & (d['办结时间'] <= d['办理时限'])).astype(int)
d['d'] = (d['是否直办'] == '是').astype(int)
d['h'] = ((t1 - t0).dt.total_seconds() / 3600).where(closed, 0).fillna(0)
g = d.groupby(['month', '承办单位'])[['n', 'c', 'g', 'r', 'o', 'd', 'h']].sum()
for (m, dep), row in g.iterrows():
    print('%s,%s,%d,%d,%d,%d,%d,%d,%.0f' % (m, dep, row.n, row.c, row.g, row.r, row.o, row.d, row.h))
PY
# Debian's pandas lives with Debian's python, which may not be first on PATH
for py in python3 /usr/bin/python3; do
	if $py -c 'import pandas' 2>/dev/null; then
		run pandas "$dump" "$py '$work/job.py' '$dump'"
		break
	fi
done

cat > "$work/duck.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const r = await c.runAndReadAll(`
  SELECT substr("受理时间", 1, 7) AS m, "承办单位" AS dep, count(*) AS n,
    sum(("办结状态" = '已办结')::int), sum(("回访结果" IN ('满意', '基本满意'))::int),
    sum(("回访结果" IN ('满意', '基本满意', '不满意'))::int),
    sum((coalesce("办结时间", '') <> '' AND "办结时间" <= "办理时限")::int),
    sum(("是否直办" = '是')::int),
    round(sum(CASE WHEN "办结状态" = '已办结' THEN epoch(strptime("办结时间", '%Y-%m-%d %H:%M:%S')
      - strptime("受理时间", '%Y-%m-%d %H:%M:%S')) / 3600 ELSE 0 END))
  FROM read_csv('${process.argv[2]}', header = true, all_varchar = true)
  GROUP BY 1, 2`);
for (const row of r.getRows()) console.log(row.map(String).join(','));
JS
# node resolves ES modules from the script's folder: run it from bench/
if [ -d "$here/node_modules/@duckdb/node-api" ]; then
	cp "$work/duck.mjs" "$here/.duck.mjs"
	run duckdb "$dump" "node '$here/.duck.mjs' '$dump'"
	rm -f "$here/.duck.mjs"
fi

# every peer must agree with rexian before its time counts
python3 - "$work" "$results" <<'PY'
import csv, os, sys
work, results = sys.argv[1], sys.argv[2]
want = {}
for r in csv.DictReader(open(os.path.join(work, 'rexian-counts.csv'), encoding='utf-8')):
    want[(r['month'], r['department'])] = [int(r['tickets']), int(r['closed']),
        int(r['satisfied']) + int(r['basic']), int(r['rated']), int(r['on_time']),
        int(r['direct']), float(r['hours_sum'])]
status = {}
for line in open(results):
    label = line.split()[0]
    if label.startswith('rexian-chain'):
        # the chain's counts are the pipe's, byte for byte
        same = open(os.path.join(work, label[7:] + '-counts.csv'), 'rb').read() == \
            open(os.path.join(work, 'rexian-counts.csv'), 'rb').read()
        status[label] = 'agrees' if same else 'DISAGREES'
        continue
    if label.startswith(('floor', 'rexian')):
        continue
    got = {}
    for row in csv.reader(open(os.path.join(work, label + '.out'), encoding='utf-8')):
        if len(row) == 1:
            row = row[0].split('\t')
        if label == 'datamash':      # month, dep, n, c, g, r, o, d (no hours)
            got[(row[0], row[1])] = [int(x) for x in row[2:8]]
        else:
            got[(row[0], row[1])] = [int(float(x)) for x in row[2:8]] + [float(row[8])]
    ok = set(got) == set(want)
    for k in want:
        if not ok:
            break
        w, g = want[k], got[k]
        ok = w[:6] == g[:6] and (len(g) == 6 or abs(w[6] - g[6]) <= 1 + 0.0001 * w[0])
    status[label] = 'agrees' if ok else 'DISAGREES'
open(os.path.join(work, 'agree'), 'w').write(''.join(f'{k} {v}\n' for k, v in status.items()))
PY

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(free -g | awk '/Mem:/ {print $2}')
out=$here/RESULTS-$size.md
{
	echo "# rexian benchmark: $size rows ($mb MB dump)"
	echo
	echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($cpu), $mem GiB,"
	echo "$(uname -sr).  bench/run.sh $size; the dump is rexian-synth --rows $rows --seed 1."
	echo
	echo "| what | wall s | CPU s | MB/s | peak RSS MiB | vs rexian | check |"
	echo "|---|---:|---:|---:|---:|---:|---|"
	rex=$(awk '$1 == "rexian" {print $2}' "$results")
	while read -r label wall rss cpu; do
		agree=$(awk -v l="$label" '$1 == l {print $2}' "$work/agree" 2>/dev/null)
		in=$bytes
		case $label in rexian-aggregate*) in=$(wc -c < "$work/tickets.csv") ;; rexian-rate) in=$(wc -c < "$work/counts.csv") ;; esac
		printf '| %s | %.2f | %.2f | %.0f | %.1f | %.2f | %s |\n' "$label" "$wall" "$cpu" \
			"$(echo "$in / 1048576 / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
			"$(echo "$wall / $rex" | bc -l)" "${agree:-}"
	done < "$results"
	echo
	echo "rexian is the whole pipeline (ingest | aggregate | tee | rate); rexian-chain"
	echo "the same job as one command (rexian ingest ... then aggregate ... then tee"
	echo "... then rate), on every core; rexian-chain-j1 the same in one thread"
	echo "(--jobs 1).  The chain's counts must equal the pipe's byte for byte; each"
	echo "stage alone below them; aggregate reads the $tickets_mb MB ticket table.  vs rexian > 1: slower"
	echo "than rexian.  Peers read the raw dump; datamash gets its columns from mawk"
	echo "and has no hours.  'agrees' means every group's counts equal rexian's."
	echo "The chain against the pipe on a dump of $rows rows with 1% defects"
	echo "(rexian-synth --seed 2 --dirty 1%; $rejected rejected), monthly job with"
	echo "--rollup and --delta prev: stdout, stderr, exit status and rejects file $differential."
	echo "CPU s is user + system time of every process in the command: rows per"
	echo "second per core for the monthly job is $rows / rexian's CPU s."
} > "$out"
cat "$out"
