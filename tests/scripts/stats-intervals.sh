# Wilson, Clopper-Pearson, Garwood (daily) and t (mean days) intervals from
# rexian-rate against ref/intervals_ref.py (bisection on the exact
# distribution functions, stdlib Python) for counts 0 to 10^9; and
# lo <= estimate <= hi, bounds monotone in k
set -eu
d=$TMPDIR
python3 ref/intervals_ref.py counts > $d/counts.csv
python3 ref/memo.py ref/intervals_ref.py want > $d/want.csv
rexian-rate -m satisfaction,daily,mean_days -d 8 $d/counts.csv > $d/wilson.csv
rexian-rate -m satisfaction -d 8 --ci exact $d/counts.csv > $d/exact.csv
python3 ref/intervals_ref.py check $d
