# rexian-ingest | rexian-aggregate --by month,department | rexian-rate
# against every metric computed in Python from the raw 30k-row dump (the
# size is not what is tested: 30k rows make 1364 month and department
# groups, of 1 ticket to hundreds, some with none rated)
set -eu
d=$TMPDIR
rexian-synth --rows 30000 --seed 21 --dirty 0.01 > $d/dump.csv
python3 ref/memo.py ref/rate_ref.py $d/dump.csv ../data/holidays-cn.csv > $d/want.csv
rexian-ingest --max-rejects 2% $d/dump.csv 2>/dev/null |
	rexian-aggregate --by month,department | rexian-rate > $d/rates.csv
python3 csvcut.py "$(head -1 $d/want.csv)" < $d/rates.csv > $d/got.csv
cmp $d/want.csv $d/got.csv || { diff $d/want.csv $d/got.csv | head -6; exit 1; }
# the JSON form parses and holds the same rows
rexian-ingest --max-rejects 2% $d/dump.csv 2>/dev/null |
	rexian-aggregate --by month,department | rexian-rate -f json |
	python3 -c 'import json, sys; rows = json.load(sys.stdin); assert len(rows) == int(sys.argv[1]), len(rows)' \
	$(($(wc -l < $d/want.csv) - 1))
