# Sourced by the signal tests in scripts/.
#
# kill_mid_write SIG PID OUT SECONDS: waits up to SECONDS for the temporary
# file OUT.tmp* that the tool PID writes OUT under, sends it SIG, and checks
# that it died of the signal (status over 128) leaving neither OUT nor a
# temporary file.  Run the tool with job control on (set -m), so that
# SIGINT reaches a background job.
kill_mid_write() {
	for i in $(seq $(($4 * 20))); do
		ls $3.tmp* > /dev/null 2>&1 && break
		sleep 0.05
	done
	ls $3.tmp* > /dev/null 2>&1 || { echo "$1: no temporary file to start with"; return 1; }
	kill -$1 $2
	set +e
	wait $2
	s=$?
	set -e
	[ $s -gt 128 ] || { echo "$1: status $s"; return 1; }
	if ls $3* 2> /dev/null; then echo "$1 left a file"; return 1; fi
}
