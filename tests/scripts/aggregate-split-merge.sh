# split | parallel | merge: a 100k-ticket table in 4 parts aggregated two at a
# time (xargs -P 2) and merged is byte-identical to one pass; and the same
# table by id, a group per ticket (100k groups grow the table many times:
# more only cost seconds under the sanitizers)
set -eu
d=$TMPDIR
rexian-synth --rows 100000 --seed 5 | rexian-ingest 2>/dev/null > $d/t.csv
tail -n +2 $d/t.csv > $d/body.csv
split -n l/4 $d/body.csv $d/part.
for p in $d/part.*; do { head -1 $d/t.csv; cat $p; } > $p.csv; rm $p; done
for keys in month,department quarter,district,type; do
	ls $d/part.*.csv | xargs -P 2 -I{} sh -c "rexian-aggregate --by $keys {} > {}.counts"
	rexian-aggregate --merge $d/part.*.counts > $d/merged.csv
	rexian-aggregate --by $keys $d/t.csv > $d/one.csv
	cmp $d/one.csv $d/merged.csv
	rm $d/part.*.counts
done
# 100,000 distinct groups: one row per ticket, memory by groups not rows
[ "$(rexian-aggregate --by id $d/t.csv | wc -l)" = 100001 ]
# a merge of merges is the same again
rexian-aggregate --by month $d/part.aa.csv $d/part.ab.csv > $d/x.csv
rexian-aggregate --by month $d/part.ac.csv $d/part.ad.csv > $d/y.csv
rexian-aggregate --merge $d/x.csv $d/y.csv | cmp - <(rexian-aggregate --by month $d/t.csv)
