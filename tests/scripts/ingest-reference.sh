# rexian-ingest against an independent Python computation, on a dirty
# 20k-row dump in every input form: UTF-8, BOM, CRLF, GB18030.
set -eu
d=$TMPDIR
rexian-synth --rows 20000 --seed 7 --dirty 0.05 > $d/u.csv
python3 ref/ingest_ref.py $d/u.csv ../data/holidays-cn.csv > $d/want.csv 2> $d/want.rej
for form in "" "--bom" "--crlf" "--encoding gb18030" "--encoding gb18030 --crlf"; do
	rexian-synth --rows 20000 --seed 7 --dirty 0.05 $form > $d/in.csv
	rexian-ingest --max-rejects 10% -r $d/rej.csv $d/in.csv > $d/got.csv 2> $d/err
	cmp $d/want.csv $d/got.csv || { echo "form '$form': tables differ"; diff $d/want.csv $d/got.csv | head; exit 1; }
	# the rejects file holds every rejected row, the summary adds up
	sum=$(tail -1 $d/err)
	read_n=$(echo "$sum" | sed -n 's/.*: \([0-9]*\) read, \([0-9]*\) written, \([0-9]*\) rejected.*/\1 \2 \3/p')
	set -- $read_n
	[ "$1" = 20000 ] || { echo "read $1"; exit 1; }
	[ $(($2 + $3)) = "$1" ] || { echo "does not add up: $sum"; exit 1; }
	[ "$2" = $(($(wc -l < $d/want.csv) - 1)) ] || { echo "written $2"; exit 1; }
	rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1]))) - 1)' $d/rej.csv)
	[ "$rows" = "$3" ] || { echo "rejects file has $rows rows, summary $3"; exit 1; }
	# reasons counted as the reference counts them
	python3 - "$sum" $d/want.rej <<'PY'
import re, sys
got = dict((k, int(n)) for n, k in re.findall(r'(\d+) ([a-z ]+?)(?:,|\))', sys.argv[1].split('rejected', 1)[1]))
want = dict((l.rsplit(' ', 1)[0], int(l.rsplit(' ', 1)[1])) for l in open(sys.argv[2]))
if got != want:
    sys.exit(f'reasons {got} != {want}')
PY
done
