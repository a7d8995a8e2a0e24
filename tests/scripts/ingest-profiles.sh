# The built-in profiles on real 311 samples (tests/data/README): rexian's
# counts against ref/profile_ref.py, which applies each profile's stated
# decisions with Python's csv and datetime; read = written + rejected +
# excluded, and the rejects file holds every row not written.
set -eu
d=$TMPDIR
for p in nyc311:nyc311-100 la311:la311-2017 boston311:boston311-100; do
	name=${p%%:*}
	data=data/${p#*:}.csv
	python3 ref/profile_ref.py $name $data > $d/want
	rexian-ingest --profile $name --max-rejects 5 -r $d/rej.csv $data > $d/got.csv 2> $d/err
	python3 - $d/got.csv "$(tail -1 $d/err)" $d/rej.csv > $d/have <<'PY'
import collections, csv, re, sys
count = collections.Counter()
hours = 0
for r in csv.DictReader(open(sys.argv[1], newline='')):
    count['status=' + r['status']] += 1
    count['on_time=' + r['on_time']] += 1
    if r['hours']:
        hours += int(r['hours'].replace('.', ''))
m = re.search(r'(\d+) read, (\d+) written, (\d+) rejected.*?(?:, (\d+) excluded)?$', sys.argv[2])
for k, v in zip(('read', 'written', 'rejected', 'excluded'), m.groups()):
    print(k, v or 0)
for k in sorted(count):
    print(k, count[k])
print('hours', hours)
rej = list(csv.DictReader(open(sys.argv[3], newline='')))
n = [int(v or 0) for v in m.groups()]
if len(rej) != n[2] + n[3] or n[0] != n[1] + n[2] + n[3]:
    sys.exit(f'does not add up: {sys.argv[2]}, {len(rej)} rows in the rejects file')
if sum(r['reason'].startswith('excluded: ') for r in rej) != n[3]:
    sys.exit('excluded rows without their reason')
PY
	diff $d/want $d/have || { echo "profile $name differs"; exit 1; }
done
