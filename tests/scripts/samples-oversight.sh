# the oversight sample: twelve rows (six departments x two half-years) with
# intervals, changes, z scores; the funnel PDF names the departments outside
# the 99.8% limits (国网淄博供电公司 below, 淄博市住建局 above).  Every
# department's satisfaction, interval and change are computed again in
# Python from complaints.csv (tests/ref), and its z score against the six
# together from those counts.
set -eu
sh ../samples/oversight/run.sh $TMPDIR/ov > $TMPDIR/md
python3 - ../samples/oversight/complaints.csv ../data/holidays-cn.csv $TMPDIR/ov/rates.csv <<'PY'
import csv, math, os, sys
sys.path.insert(0, os.path.join(os.getcwd(), 'ref'))
from ingest_ref import tickets
from rate_ref import rounded, rounded_float, wilson
halves = {1: '2022年上半年', 2: '2022年下半年'}
k, n = {}, {}
for t in tickets(sys.argv[1], sys.argv[2]):
    if t['satisfaction']:
        key = (halves[1 if t['created_dt'].month <= 6 else 2], t['department'])
        n[key] = n.get(key, 0) + 1
        k[key] = k.get(key, 0) + (t['satisfaction'] in ('satisfied', 'basic'))
got = list(csv.DictReader(open(sys.argv[3])))
assert len(got) == 12 == len(n), (len(got), len(n))
for r in got:
    key = (r['period'], r['department'])
    want = [rounded(100 * k[key], n[key]), str(k[key]), str(n[key]), *wilson(k[key], n[key])]
    have = [r['satisfaction' + s] for s in ('', '_k', '_n', '_lo', '_hi')]
    assert have == want, (key, have, want)
    if r['period'] == halves[2]:
        prev = (halves[1], r['department'])
        # the change in percentage points, from the exact fractions
        d = rounded(100 * (k[key] * n[prev] - k[prev] * n[key]), n[key] * n[prev])
        assert r['satisfaction_delta_pp'] == d, (key, r['satisfaction_delta_pp'], d)
    # z against the six together: (p - P) / sqrt(P (1 - P) / n)
    K = sum(v for (p, _), v in k.items() if p == r['period'])
    N = sum(v for (p, _), v in n.items() if p == r['period'])
    P = K / N
    z = (k[key] / n[key] - P) / math.sqrt(P * (1 - P) / n[key])
    assert r['satisfaction_z'] == rounded_float(z), (key, r['satisfaction_z'], z)
z2 = {r['department']: float(r['satisfaction_z']) for r in got if r['period'] == halves[2]}
assert z2['国网淄博供电公司'] < -3.09 and z2['淄博市住建局'] > 3.09, z2
assert abs(z2['张店区政府']) < 1.96, z2
PY
grep -q '| 2022年下半年 | 国网淄博供电公司 | 93.71% |   298/318 | 90.49–95.89 | +0.44 个百分点' $TMPDIR/md
pdftotext $TMPDIR/ov/funnel.pdf $TMPDIR/f.txt
for w in 2022 年下半年投诉办理满意率 国网淄博供电公司 淄博市住建局; do grep -q "$w" $TMPDIR/f.txt; done
! grep -q 张店区政府 $TMPDIR/f.txt || exit 1
