# rexian-ingest | rexian-aggregate against counts computed in Python from
# the raw 40k-row dump (dirty rows included), for several key sets.
set -eu
d=$TMPDIR
rexian-synth --rows 40000 --seed 11 --dirty 0.01 > $d/dump.csv
rexian-ingest --max-rejects 2% $d/dump.csv > $d/tickets.csv 2>/dev/null
for keys in month,department quarter,district year week,type day,channel; do
	python3 ref/aggregate_ref.py $d/dump.csv ../data/holidays-cn.csv $keys > $d/want.csv
	rexian-aggregate --by $keys $d/tickets.csv > $d/got.csv
	cmp $d/want.csv $d/got.csv || { echo "--by $keys differs"; diff $d/want.csv $d/got.csv | head -5; exit 1; }
done
