# --bulletin-counts against ref/bulletin_ref.py (exact fractions) for
# counts from 0 to 10^9: every power of ten and its neighbours, the unit
# boundaries (1,000, 10,000, 10^5, 10^8) and 2,000 draws with a fixed
# seed over every magnitude (1,687 distinct counts in all)
set -eu
d=$TMPDIR
python3 - > $d/n.txt <<'PY'
import random
r = random.Random(23)
ns = {0, 1}
for e in range(10):
    for m in (1, 2, 5, 9, 10):
        for k in (-1, 0, 1):
            ns.add(m * 10 ** e + k)
for _ in range(2000):
    ns.add(int(10 ** r.uniform(0, 9)))
print('\n'.join(str(n) for n in sorted(x for x in ns if 0 <= x <= 10 ** 9)))
PY
python3 - data/counts-daily.csv $d/n.txt > $d/c.csv <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
print(lines[0].split(',', 1)[1])
row = lines[1].split(',')[1:]
for n in open(sys.argv[2]).read().split():
    row[0], row[1], row[3], row[-1] = 'u' + n, n, n, '1'
    print(','.join(row))
PY
rexian-rate -m daily --ci none -f markdown --lang zh --bulletin-counts $d/c.csv |
	awk -F'|' 'NR > 2 { gsub(/ /, "", $4); sub(/\/1天$/, "", $4); print $4 }' > $d/got.txt
python3 ref/bulletin_ref.py $(cat $d/n.txt) > $d/want.txt
test $(wc -l < $d/want.txt) -gt 1500
diff $d/want.txt $d/got.txt
