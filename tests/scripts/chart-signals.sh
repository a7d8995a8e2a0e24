# SIGTERM, SIGHUP and SIGINT while rexian-chart writes a long PDF table
# leave neither the chart nor its temporary file (job control on, so that
# SIGINT reaches the job)
set -eu
d=$TMPDIR
python3 -c '
print("dept,v")
for i in range(60000):
    print(f"部门{i},{i % 100}")' > $d/big.csv
set -m
for sig in TERM HUP INT; do
	rexian-chart -k table -x dept -y v -o $d/c.pdf $d/big.csv > /dev/null 2>&1 &
	pid=$!
	for i in $(seq 400); do
		ls $d/c.pdf.tmp* > /dev/null 2>&1 && break
		sleep 0.05
	done
	ls $d/c.pdf.tmp* > /dev/null 2>&1 || { echo "$sig: no temporary file to start with"; exit 1; }
	kill -$sig $pid
	set +e
	wait $pid
	s=$?
	set -e
	[ $s -gt 128 ] || { echo "$sig: status $s"; exit 1; }
	if ls $d/c.pdf* 2> /dev/null; then echo "$sig left a file"; exit 1; fi
done
