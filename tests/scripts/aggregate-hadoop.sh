# The Hadoop Streaming job of README.md, simulated as Hadoop runs it: the
# input splits (whole gzipped ticket tables, one with two files in it) each
# through the mapper, its lines partitioned by Hadoop's HashPartitioner
# (Text.hashCode of the key before the first tab, modulo the reducers),
# each partition sorted (LC_ALL=C sort, the byte order Hadoop sorts keys
# in) and reduced, each reducer's lines written as Hadoop writes them with
# the separators README.md sets; the reducers' outputs concatenated and
# merged.  With 1 and 3 reducers, for several key sets, the result is
# byte-identical to one pass (on 20k tickets: the size is not what is
# tested, every split and partition holds thousands of lines).
set -eu
d=$TMPDIR
rexian-synth --rows 20000 --seed 12 | rexian-ingest 2>/dev/null > $d/t.csv
tail -n +2 $d/t.csv > $d/body.csv
split -n l/4 $d/body.csv $d/part.
mkdir $d/in
for p in $d/part.*; do { head -1 $d/t.csv; cat $p; } | gzip > $d/in/$(basename $p).csv.gz; rm $p; done
# a split of two files, as a mapper may get (the second header is skipped)
splits="aa ab cd"
partition() {	# partition N: stdin's lines into $d/red.0 .. $d/red.N-1
	# (one reducer takes every line: no key is hashed)
	if [ "$1" = 1 ]; then
		cat > $d/red.0
		return
	fi
	python3 -c '
import sys
n = int(sys.argv[1])
outs = [open("%s/red.%d" % (sys.argv[2], i), "wb") for i in range(n)]
part = {}	# each key once: the byte loop is the cost
for line in sys.stdin.buffer:
    key = line.split(b"\t", 1)[0]
    if key not in part:
        h = 1
        for b in key:
            h = (31 * h + (b - 256 if b > 127 else b)) & 0xffffffff
        h = h - (1 << 32) if h >= 1 << 31 else h
        part[key] = (h & 0x7fffffff) % n
    outs[part[key]].write(line)
' "$1" $d
}
# What Hadoop writes of a reducer's line: split at the first
# stream.reduce.output.field.separator into key and value (a line without
# one is all key, with an empty value), then key, the
# mapreduce.output.textoutputformat.separator, value.  README.md's command
# sets both to a comma, which every count-table line holds, so each line is
# written as it came; left at their default tab, every line would gain a
# trailing tab.
# (awk, bytes as bytes: a Python start per reducer cost more than the job)
hadoop_output() {
	LC_ALL=C awk '{ i = index($0, ","); key = i ? substr($0, 1, i - 1) : $0
		value = i ? substr($0, i + 1) : ""; print key "," value }'
}
# (the mappers' output does not depend on the reducers: mapped once, then
# reduced by 1 and by 3)
map() {	# map MAPPER-ARGS...: each split through the mapper, into $d/map.*
	rm -f $d/map.*
	for s in $splits; do
		case $s in
		cd) zcat $d/in/part.ac.csv.gz $d/in/part.ad.csv.gz ;;
		*) zcat $d/in/part.$s.csv.gz ;;
		esac | rexian-aggregate --streaming "$@" > $d/map.$s
	done
}
reduce() {	# reduce REDUCERS: the job's merged output from $d/map.*
	n=$1
	cat $d/map.* | partition $n
	for i in $(seq 0 $((n - 1))); do
		LC_ALL=C sort $d/red.$i | rexian-aggregate --merge --streaming $reducer_by |
			hadoop_output > $d/out.$i
	done
	cat $d/out.* | rexian-aggregate --merge $merge_opts
	rm -f $d/red.* $d/out.*
}
for keys in month,department quarter,district,type department,category day; do
	rexian-aggregate --by $keys $d/t.csv > $d/one.csv
	reducer_by="--by $keys" merge_opts=
	map --by $keys
	for n in 1 3; do
		reduce $n | cmp - $d/one.csv || { echo "--by $keys, $n reducers: differs"; exit 1; }
	done
done
# --rollup on both sides: the reducers write the rollup column with their
# groups, and the final merge adds the subtotals, as the one pass has them
for keys in month,department department,quarter,district; do
	rexian-aggregate --rollup --by $keys $d/t.csv > $d/one.csv
	reducer_by="--rollup --by $keys" merge_opts=
	map --rollup --by $keys
	for n in 1 3; do
		reduce $n | cmp - $d/one.csv || { echo "--rollup --by $keys, $n reducers: differs"; exit 1; }
	done
done
# named periods: the final merge is told their order
printf 'name,start,end\n第一期,2020-01-01,2020-06-30\n第二期,2020-07-01,2021-12-31\n其余,2022-01-01,2022-12-31\n' > $d/periods.csv
rexian-aggregate --by period,district --periods $d/periods.csv $d/t.csv > $d/one.csv
reducer_by="--by period,district" merge_opts="--periods $d/periods.csv"
map --by period,district --periods $d/periods.csv
for n in 1 3; do
	reduce $n | cmp - $d/one.csv
done
# no keys: one row of totals
rexian-aggregate $d/t.csv > $d/one.csv
reducer_by= merge_opts=
map
reduce 3 | cmp - $d/one.csv
# a reducer holds one group at a time: 250,000 lines of distinct keys take
# no more memory than a thousand (under AddressSanitizer too, its
# quarantine of freed memory turned off: it would hold every group's).  The
# size is what is tested: a reducer that kept its groups would hold 29
# counts of 8 bytes for each, 58 MB, against the 4 MB allowed.
maxrss() {	# maxrss N: peak KiB of a reducer over N lines of distinct keys
	python3 - "$1" $d <<'PY'
import os, resource, subprocess, sys
n, d = int(sys.argv[1]), sys.argv[2]
asan = os.environ.get('ASAN_OPTIONS')
os.environ['ASAN_OPTIONS'] = (asan + ':' if asan else '') + 'quarantine_size_mb=0'
zero = '1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.0000,0.00000000,0.0000,0,0,0,0,0,0,0,0,0,'
with open(d + '/lines', 'w') as f:
    f.writelines('K%07d\t%s\n' % (i, zero) for i in range(n))
with open(d + '/lines', 'rb') as i, open(d + '/red.csv', 'wb') as o:
    subprocess.run(['rexian-aggregate', '--merge', '--streaming', '--by', 'id'],
                   stdin=i, stdout=o, check=True)
lines = open(d + '/red.csv', 'rb').read().splitlines()
assert len(lines) == n + 1 and lines[-1] == b'K%07d,%s' % (n - 1, zero.encode()), lines[-1]
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
small=$(maxrss 1000)
big=$(maxrss 250000)
[ "$big" -lt $((small + 4096)) ] || { echo "reducer peak RSS $small KiB for 1000 lines, $big KiB for 250000"; exit 1; }
