# The one-machine recipe of README.md: GNU parallel cuts the ticket table
# into blocks at line ends (--pipepart), gives each its header (--header :)
# and runs rexian-aggregate on each, on every core; rexian-aggregate
# --merge adds the parts.  Byte-identical to one pass, with one block per
# job slot and with many small blocks (20k tickets, 3 MB, in 150 KB blocks:
# the size is not what is tested).
set -eu
d=$TMPDIR
export HOME=$d		# parallel keeps a folder there
rexian-synth --rows 20000 --seed 13 --dirty 1% | rexian-ingest --max-rejects 2% 2>/dev/null > $d/t.csv
for keys in month,department quarter,district,type; do
	rexian-aggregate --by $keys $d/t.csv > $d/one.csv
	for block in -1 150k; do
		parallel --pipepart -a $d/t.csv --header : --block $block -j 2 \
			rexian-aggregate --by $keys | tee $d/parts.csv | rexian-aggregate --merge > $d/par.csv
		cmp $d/par.csv $d/one.csv || { echo "--by $keys --block $block differs"; exit 1; }
	done
	# the 150k blocks were many, each part with its header: the merge
	# really added parts
	[ "$(grep -c "^$keys,tickets," $d/parts.csv)" -gt 10 ] || { echo "--by $keys: few parts"; exit 1; }
done
