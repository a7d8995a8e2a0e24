# the oversight sample: twelve rows (six departments x two half-years) with
# intervals, changes, z scores; the funnel PDF names the departments outside
# the 99.8% limits (国网淄博供电公司 below, 淄博市住建局 above)
set -eu
sh ../samples/oversight/run.sh $TMPDIR/ov > $TMPDIR/md
[ "$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' $TMPDIR/ov/rates.csv)" = 12 ]
grep -q '国网淄博供电公司 | 82.76% |     72/87 | 73.48–89.26 | -9.46 个百分点' $TMPDIR/md
pdftotext $TMPDIR/ov/funnel.pdf $TMPDIR/f.txt
for w in 2022 年下半年投诉办理满意率 国网淄博供电公司 淄博市住建局; do grep -q "$w" $TMPDIR/f.txt; done
! grep -q 张店区政府 $TMPDIR/f.txt
