# --trend against tests/ref/trend_ref.py, which computes it ticket by
# ticket from the ticket table: Cochran-Armitage for satisfaction over the
# months (a month cut out of a department's series keeps its gap in the
# scores), and the least-squares slope of each closed ticket's days on its
# month with its t statistic
set -eu
d=$TMPDIR
rexian-synth --rows 20000 --seed 9 | rexian-ingest 2>/dev/null > $d/t.csv
# 2021-03 left out of the tickets and so of the counts: the slopes are
# right only if the months after the hole keep their places in time
awk -F, 'NR == 1 || $2 !~ /^2021-03/' $d/t.csv > $d/cut.csv
rexian-aggregate --by month,department $d/cut.csv |
	rexian-rate --trend -m satisfaction,mean_days > $d/trend.csv
python3 ref/trend_ref.py $d/cut.csv $d/trend.csv
