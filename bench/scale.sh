#!/bin/sh
# bench/scale.sh [ROWS...]: the monthly job (rexian-ingest | rexian-aggregate
# --by month,department | rexian-rate) on rexian-synth dumps of each size
# (default 5000000 and 50000000), and the aggregation of the ticket table
# alone, in one process and with the GNU parallel recipe of README.md.
# Reports wall seconds, CPU seconds (user + system of every process) and
# rows per CPU second, the figure that scales: writes bench/RESULTS-scale.md.
# The dumps are written to a temporary folder and removed (50M rows take
# 10.8 GB, and the ticket table 8 GB more).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
PATH=$top/bin:$PATH
export LC_ALL=C.UTF-8
make -C "$top" -s all
work=$(mktemp -d "${TMPDIR:-/tmp}/rexian-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 5000000 50000000

# measure LABEL ROWS CMD: a table row of wall s, CPU s, rows per CPU s and
# peak RSS of sh -c CMD
measure() {
	start=$(date +%s.%N)
	/usr/bin/time -f "%M %U %S" -o "$work/time" sh -c "$3" > /dev/null
	end=$(date +%s.%N)
	set -- "$1" "$2" "$(echo "$end - $start" | bc)" $(cat "$work/time")
	cpu=$(echo "$5 + $6" | bc)
	printf '| %s | %s | %.1f | %.1f | %.0f | %.1f |\n' "$1" "$2" "$3" "$cpu" \
		"$(echo "$2 / $cpu" | bc -l)" "$(echo "$4 / 1024" | bc -l)"
}

{
	echo "# rexian at scale: the monthly job by rows"
	echo
	echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(uname -sr); bench/scale.sh $*."
	echo
	echo "| what | rows | wall s | CPU s | rows per CPU s | peak RSS MiB |"
	echo "|---|---:|---:|---:|---:|---:|"
	for rows in "$@"; do
		rexian-synth --rows "$rows" --seed 1 > "$work/dump.csv"
		cat "$work/dump.csv" > /dev/null
		measure "ingest \| aggregate \| rate" "$rows" \
			"rexian-ingest '$work/dump.csv' 2>/dev/null | rexian-aggregate --by month,department | rexian-rate"
		rexian-ingest "$work/dump.csv" 2>/dev/null > "$work/tickets.csv"
		rm "$work/dump.csv"
		measure "aggregate, one process" "$rows" \
			"rexian-aggregate --by month,department '$work/tickets.csv'"
		if command -v parallel > /dev/null; then
			measure "aggregate, parallel --pipepart (every core)" "$rows" \
				"HOME='$work' parallel --pipepart -a '$work/tickets.csv' --header : --block -1 rexian-aggregate --by month,department | rexian-aggregate --merge"
		fi
		rm "$work/tickets.csv"
	done
	echo
	echo "CPU s is user + system time of every process of the command; rows per"
	echo "CPU s is rows per second per core."
} > "$here/RESULTS-scale.md"
cat "$here/RESULTS-scale.md"
