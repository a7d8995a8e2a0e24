# rexian-ingest | rexian-aggregate against counts computed in Python from
# the raw 20k-row dump (dirty rows included), for several key sets (the
# size is not what is tested: 20k rows fill every key's groups, a day's
# too, 18 tickets a day).
set -eu
d=$TMPDIR
rexian-synth --rows 20000 --seed 11 --dirty 0.01 > $d/dump.csv
rexian-ingest --max-rejects 2% $d/dump.csv > $d/tickets.csv 2>/dev/null
# every table the reference computes here, from one reading of the dump,
# split into $d/want.KEYS and $d/want.KEYS:rollup
by="month,department quarter,district year week,type day,channel"
rolled="month,department year,month department,quarter,district type"
python3 ref/memo.py ref/aggregate_ref.py --tables $d/dump.csv ../data/holidays-cn.csv \
	$by $(printf '%s:rollup ' $rolled) > $d/want.all
awk -v d=$d '/^# / { f = d "/want." substr($0, 3); next } { print > f }' $d/want.all
for keys in $by; do
	rexian-aggregate --by $keys $d/tickets.csv > $d/got.csv
	cmp $d/want.$keys $d/got.csv || { echo "--by $keys differs"; diff $d/want.$keys $d/got.csv | head -5; exit 1; }
done
# --rollup: the subtotals and the grand total, computed in Python from the
# raw dump; and merging rolled-up tables of the two halves of the tickets
# gives the rollup of all of them (the subtotal rows dropped and rolled up
# again), the same bytes
head -1 $d/tickets.csv > $d/odd.csv
head -1 $d/tickets.csv > $d/even.csv
tail -n +2 $d/tickets.csv | awk 'NR % 2' >> $d/odd.csv
tail -n +2 $d/tickets.csv | awk 'NR % 2 == 0' >> $d/even.csv
for keys in $rolled; do
	want=$d/want.$keys:rollup
	rexian-aggregate --rollup --by $keys $d/tickets.csv > $d/got.csv
	cmp $want $d/got.csv || { echo "--rollup --by $keys differs"; diff $want $d/got.csv | head -5; exit 1; }
	rexian-aggregate --rollup --by $keys $d/odd.csv > $d/odd.counts
	rexian-aggregate --rollup --by $keys $d/even.csv > $d/even.counts
	rexian-aggregate --merge $d/odd.counts $d/even.counts | cmp - $want ||
		{ echo "--merge of --rollup --by $keys differs"; exit 1; }
done
