# rexian-ingest | rexian-aggregate against counts computed in Python from
# the raw 40k-row dump (dirty rows included), for several key sets.
set -eu
d=$TMPDIR
rexian-synth --rows 40000 --seed 11 --dirty 0.01 > $d/dump.csv
rexian-ingest --max-rejects 2% $d/dump.csv > $d/tickets.csv 2>/dev/null
for keys in month,department quarter,district year week,type day,channel; do
	python3 ref/memo.py ref/aggregate_ref.py $d/dump.csv ../data/holidays-cn.csv $keys > $d/want.csv
	rexian-aggregate --by $keys $d/tickets.csv > $d/got.csv
	cmp $d/want.csv $d/got.csv || { echo "--by $keys differs"; diff $d/want.csv $d/got.csv | head -5; exit 1; }
done
# --rollup: the subtotals and the grand total, computed in Python from the
# raw dump; and merging rolled-up tables of the two halves of the tickets
# gives the rollup of all of them (the subtotal rows dropped and rolled up
# again), the same bytes
head -1 $d/tickets.csv > $d/odd.csv
head -1 $d/tickets.csv > $d/even.csv
tail -n +2 $d/tickets.csv | awk 'NR % 2' >> $d/odd.csv
tail -n +2 $d/tickets.csv | awk 'NR % 2 == 0' >> $d/even.csv
for keys in month,department year,month department,quarter,district type; do
	python3 ref/memo.py ref/aggregate_ref.py $d/dump.csv ../data/holidays-cn.csv $keys rollup > $d/want.csv
	rexian-aggregate --rollup --by $keys $d/tickets.csv > $d/got.csv
	cmp $d/want.csv $d/got.csv || { echo "--rollup --by $keys differs"; diff $d/want.csv $d/got.csv | head -5; exit 1; }
	rexian-aggregate --rollup --by $keys $d/odd.csv > $d/odd.counts
	rexian-aggregate --rollup --by $keys $d/even.csv > $d/even.counts
	rexian-aggregate --merge $d/odd.counts $d/even.counts | cmp - $d/want.csv ||
		{ echo "--merge of --rollup --by $keys differs"; exit 1; }
done
