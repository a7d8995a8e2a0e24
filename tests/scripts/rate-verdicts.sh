# --vs-total, --vs-rest, --adjust holm|bh and --delta's verdicts, p-values
# and daily change_pct on the oversight sample against ref/verdict_ref.py
# (independent stdlib Python: z, Fisher, Welch, exact two-Poisson, Holm, BH)
set -eu
d=$TMPDIR
rexian-ingest ../samples/oversight/complaints.csv 2>/dev/null |
	rexian-aggregate --by period,department --periods ../samples/oversight/periods.csv > $d/counts.csv
# the reference's four modes in one run (they share its slow exact tests),
# split into $d/want.MODE
python3 ref/memo.py ref/verdict_ref.py $d/counts.csv total,rest,holm,bh > $d/want.all
awk -v d=$d '/^# / { f = d "/want." substr($0, 3); next } { print > f }' $d/want.all
for mode in total rest holm bh; do
	case $mode in
	total) opt=--vs-total ;;
	rest) opt=--vs-rest ;;
	*) opt="--vs-rest --adjust $mode" ;;
	esac
	rexian-rate -m satisfaction,mean_days,daily --delta prev $opt $d/counts.csv > $d/got.csv
	python3 - $d/got.csv $d/want.$mode $mode <<'PY'
import csv, sys
got = {r['period'] + '/' + r['department']: r for r in csv.DictReader(open(sys.argv[1]))}
bad = n = 0
for key, metric, what, want in csv.reader(open(sys.argv[2])):
    g = got[key][metric + '_' + what]
    n += 1
    if 'verdict' in what:
        ok = g == want
    else:
        # the CSV's p has every digit of its double: it agrees with the
        # reference to 1e-9 relative, or 1e-12 absolute where the Welch
        # reference (1 minus an integral) cannot do better; change_pct has
        # two decimals
        ok = g != '' and abs(float(g) - float(want)) <= (0.006 if what.endswith('pct') else max(1e-9 * abs(float(want)), 1e-12))
    if not ok:
        print(sys.argv[3], key, metric, what, 'got', g, 'want', want)
        bad += 1
assert n > 50, n
sys.exit(1 if bad else 0)
PY
done
