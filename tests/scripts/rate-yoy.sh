# --delta prev,year against tests/ref/yoy_ref.py: for day, ISO week,
# month, quarter and year keys over three years of tickets with some
# departments' periods cut out (so some periods before and years before
# are missing), every 环比 and 同比 pair found by datetime and computed
# as exact fractions in Python
set -eu
d=$TMPDIR
rexian-synth --rows 30000 --seed 5 | rexian-ingest 2>/dev/null > $d/t.csv
for unit in day week month quarter year; do
	# every seventh group dropped: holes in the series
	rexian-aggregate --by $unit,department $d/t.csv | awk 'NR == 1 || NR % 7 != 3' > $d/c.csv
	python3 ref/memo.py ref/yoy_ref.py $unit $d/c.csv > $d/want.csv
	rexian-rate -m satisfaction --ci none --delta prev,year $d/c.csv |
		python3 csvcut.py $unit,department,satisfaction_prev,satisfaction_delta_pp,satisfaction_yoy_base,satisfaction_yoy_delta_pp > $d/got.csv
	cmp $d/want.csv $d/got.csv || { echo "--by $unit differs"; diff $d/want.csv $d/got.csv | head -5; exit 1; }
	# the pairs are there to check: some 同比 and some holes
	cut -d, -f5 $d/want.csv | grep -q '[0-9]' || [ $unit = year ] || { echo "$unit: no 同比 pairs"; exit 1; }
done
