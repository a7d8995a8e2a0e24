# SIGTERM, SIGHUP and SIGINT while rexian-chart writes a long PDF table
# leave neither the chart nor its temporary file (job control on, so that
# SIGINT reaches the job)
set -eu
d=$TMPDIR
python3 -c '
print("dept,v")
for i in range(60000):
    print(f"部门{i},{i % 100}")' > $d/big.csv
. ./kill-mid-write.sh
set -m
# (SIGINT as a job in the foreground has it, as output-safety.sh gives it:
# a suite started in the background, `make check &`, hands it down ignored,
# and rexian-chart rightly keeps it so, finishing the chart)
for sig in TERM HUP INT; do
	env --default-signal=INT rexian-chart -k table -x dept -y v -o $d/c.pdf $d/big.csv > /dev/null 2>&1 &
	pid=$!
	kill_mid_write $sig $pid $d/c.pdf 120
done
