# rexian's chain (rexian ingest ... then aggregate ... then rate ...)
# against the pipe of the same tools: output, messages, exit status and
# rejects byte for byte, over the golden cases' command lines
# (tests/chain_diff.py) and here over what they do not reach: dumps
# bigger than a pipe holds, GB18030, --jobs, every kind of key column the
# rows in memory must spell as the table does, a failure in a later
# file, tee, and the chain's own usage errors.
# make check: the plain build too: the golden cases' 76 pipelines against
# the chain (chain_diff.py), on the build that ships
set -u -o pipefail
d=$TMPDIR
fail=0
# the differential is about bytes, the same under the sanitizers: their
# pass (REXIAN_SANITIZED, set by make sanitize) runs the cases below, which
# take every path of the chain's code, and leaves the 76 pipelines to the
# normal pass, make check's running them alone (REXIAN_PLAIN_PART)
[ -n "${REXIAN_SANITIZED:-}" ] || python3 chain_diff.py . "$d" || fail=1
[ -z "${REXIAN_PLAIN_PART:-}" ] || exit $fail

# the pipe's tools are the plain build's under the sanitizers (REXIAN_PLAIN,
# set by make sanitize): their bytes are all the pipe is here for, and the
# sanitizers have the same tools' paths in their own scripts and cases
pipe=${REXIAN_PLAIN:+$REXIAN_PLAIN/}

# same INGEST_ARGS -- AGGREGATE_ARGS -- RATE_ARGS: both ways, compared
same() {
	ing=() agg=() rat=()
	while [ "$1" != -- ]; do ing+=("$1"); shift; done; shift
	while [ "$1" != -- ]; do agg+=("$1"); shift; done; shift
	rat=("$@")
	rm -f "$d/r.csv"
	bash -o pipefail -c '"$0" "$@"' ${pipe}rexian-ingest "${ing[@]}" --rejects "$d/r.csv" 2>"$d/pe" |
		${pipe}rexian-aggregate "${agg[@]}" 2>>"$d/pe" | ${pipe}rexian-rate "${rat[@]}" >"$d/po" 2>>"$d/pe"
	pst=$?
	[ -e "$d/r.csv" ] && mv "$d/r.csv" "$d/pr.csv" || rm -f "$d/pr.csv"
	rexian ingest "${ing[@]}" --rejects "$d/r.csv" then aggregate "${agg[@]}" \
		then rate "${rat[@]}" >"$d/co" 2>"$d/ce"
	cst=$?
	[ -e "$d/r.csv" ] && mv "$d/r.csv" "$d/cr.csv" || rm -f "$d/cr.csv"
	if [ $pst != $cst ] || ! cmp -s "$d/po" "$d/co" || ! cmp -s "$d/pe" "$d/ce" ||
	    { [ -e "$d/pr.csv" ] || [ -e "$d/cr.csv" ]; } && ! cmp -s "$d/pr.csv" "$d/cr.csv"; then
		echo "differs: ingest ${ing[*]} then aggregate ${agg[*]} then rate ${rat[*]} (status $pst, $cst)"
		diff "$d/pe" "$d/ce" | head -5
		diff "$d/po" "$d/co" | head -5
		fail=1
	fi
}

rexian-synth --rows 12000 --seed 7 --dirty 1% > $d/big.csv
rexian-synth --rows 5000 --seed 8 --dirty 1% --encoding gb18030 --crlf > $d/gb.csv
rexian-synth --rows 3000 --seed 9 --shape 311 > $d/311.csv
# bigger than the pipe and its buffers: every row passes the chain in memory
same $d/big.csv --max-rejects 5% -- --by month,department --rollup -- --delta prev
same $d/big.csv --max-rejects 5% --jobs 1 -- --by quarter,district,type --fill -- --vs-total
same $d/big.csv --max-rejects 5% --jobs 2 -- --by week,channel --date closed -- -f markdown --lang zh
same $d/big.csv -- --by month -- --delta prev
same --encoding gb18030 $d/gb.csv --max-rejects 5% -- --by month,category -- --ci exact
same --shape 311 --profile nyc311 $d/311.csv -- --by month,department -- 2>/dev/null
same --profile nyc311 $d/311.csv -- --by month,department --streaming -- -h
# key columns of every type, spelt as the table spells them: codes, times,
# decimals, --keep, and dates the dump writes its own way
same data/tiny.csv --keep 联系电话 -- --by 联系电话,status,satisfaction,on_time -- -d 1
same data/tiny.csv -- --by created,closed,due -- --ci none
same data/tiny.csv data/crlf.csv -- --by hours,workdays,direct,resolved,reasonable -- --ci none
same data/tiny.csv -- --where satisfaction=satisfied,basic --where-not on_time=0 --by department -- -f json
same data/tiny.csv -- --where created='2024-03-04 09:00:00' -- -f json
same --date-order dmy data/dates-dmy.csv -- --by created,month -- --ci none
same data/tiny.csv -- --by period --periods data/periods-halves.csv -- --ci none
same data/tickets-keys.csv -- --by department --keys data/keys-departments.csv -- --ci none
# text, not a table, where the pipe has text: --formula-safe, --list-values
same data/formula.csv --formula-safe -- --by department -- --ci none
same data/tiny.csv --list-values status -- --by month -- --ci none
# a later file failing: the pipe's aggregate has had the first file, flushed
# before its summary, and so has the chain's; a first file failing leaves
# it nothing
same data/tiny.csv data/nyc.csv -- --by month -- --ci none
same data/tiny.csv data/dates-mixed.csv -- --by month -- --ci none
same data/dates-mixed.csv data/tiny.csv -- --by month -- --ci none

# ingest then tee then aggregate is one process too, ingest writing the
# file as it hands the rows over: against the pipe through tee(1)
same_tee() {
	ing=() agg=()
	while [ "$1" != -- ]; do ing+=("$1"); shift; done; shift
	agg=("$@")
	rm -f $d/t1.csv $d/t2.csv
	${pipe}rexian-ingest "${ing[@]}" 2>$d/pe | tee $d/t1.csv | ${pipe}rexian-aggregate "${agg[@]}" 2>>$d/pe |
		${pipe}rexian-rate >$d/po 2>>$d/pe
	pst=$?
	rexian ingest "${ing[@]}" then tee $d/t2.csv then aggregate "${agg[@]}" then rate \
		>$d/co 2>$d/ce
	cst=$?
	if [ $pst != $cst ] || ! cmp -s $d/po $d/co || ! cmp -s $d/pe $d/ce ||
	    ! cmp -s $d/t1.csv $d/t2.csv; then
		echo "differs: ingest ${ing[*]} then tee then aggregate ${agg[*]} (status $pst, $cst)"
		diff $d/pe $d/ce | head -5
		fail=1
	fi
}
same_tee $d/big.csv --max-rejects 5% --keep 诉求内容 -- --by month,department --rollup
same_tee $d/gb.csv --max-rejects 5% -- --by quarter,type --where-not status=open
# text where the pipe has text, each stage a process: --formula-safe, --merge
same_tee data/formula.csv --formula-safe -- --by department
same_tee data/tiny.csv -- --merge
# the file would not open: tee's process would end there, ingest run on
rexian ingest data/tiny.csv then tee $d/no/such/t.csv then aggregate >/dev/null 2>$d/tee-err
st=$?
[ $st = 1 ] && grep -qx "rexian tee: $d/no/such/t.csv: No such file or directory" $d/tee-err &&
	grep -qx 'rexian-ingest: data/tiny.csv: 5 read, 5 written, 0 rejected' $d/tee-err &&
	[ "$(tail -1 $d/tee-err)" = 'rexian-aggregate: standard input: empty file, no header' ] ||
	{ echo "tee that would not open: status $st, $(cat $d/tee-err)"; fail=1; }

# tee FILE: the table passing through, byte for byte what ingest writes
rexian-ingest $d/big.csv --max-rejects 5% > $d/tickets.csv 2>/dev/null
rexian ingest $d/big.csv --max-rejects 5% then tee $d/teed.csv then aggregate --by month \
	> $d/counts.csv 2>/dev/null || { echo "tee chain failed"; fail=1; }
cmp $d/tickets.csv $d/teed.csv || { echo "tee wrote another table"; fail=1; }
rexian-aggregate --by month $d/tickets.csv | cmp - $d/counts.csv || { echo "counts after tee differ"; fail=1; }
# a failed stage before it leaves no partial tee file, and says so: in the
# process of ingest and aggregate, and in a process of its own
for next in aggregate rate; do
	rexian ingest data/dates-mixed.csv then tee $d/none.csv then $next >/dev/null 2>$d/tee-err
	[ ! -e $d/none.csv ] || { echo "tee before $next left a partial file"; fail=1; }
	grep -qx "rexian tee: $d/none.csv: not written: a stage before it failed" $d/tee-err ||
		{ echo "tee before $next did not say it wrote nothing"; fail=1; }
	ls $d | grep -q 'none.csv.tmp' && { echo "tee before $next left its temporary file"; fail=1; }
done

# a chart stage is rexian-chart, the program beside rexian: the pipe's
# chart and messages, and its exit status on a bad option; rexian chart too
${pipe}rexian-ingest $d/big.csv --max-rejects 5% 2>$d/pe | ${pipe}rexian-aggregate --by month |
	${pipe}rexian-rate | ${pipe}rexian-chart -x month -y satisfaction --lang zh -o $d/pipe.svg 2>>$d/pe
rexian ingest $d/big.csv --max-rejects 5% then aggregate --by month then rate \
	then chart -x month -y satisfaction --lang zh -o $d/chain.svg 2>$d/ce ||
	{ echo "chart stage failed: $(cat $d/ce)"; fail=1; }
cmp -s $d/pipe.svg $d/chain.svg && cmp -s $d/pe $d/ce || { echo "chart stage differs"; fail=1; }
rexian ingest data/tiny.csv then aggregate then rate then chart --kind pie -o $d/x.svg 2>$d/ce
st=$?
[ $st = 2 ] && grep -qx "rexian-chart: --kind: unknown value 'pie'" $d/ce ||
	{ echo "chart stage, bad option: status $st, $(cat $d/ce)"; fail=1; }
rexian chart -x department -y satisfaction -o $d/one.svg data/rates-departments.csv
${pipe}rexian-chart -x department -y satisfaction -o $d/two.svg data/rates-departments.csv
cmp -s $d/one.svg $d/two.svg || { echo "rexian chart differs from rexian-chart"; fail=1; }

# a closed pipe downstream ends the chain quietly
rexian ingest $d/big.csv --max-rejects 5% then aggregate --by day,department \
	then rate 2>$d/head-err | head -1 > $d/head-out
[ "$(cut -c1-10 $d/head-out)" = "day,depart" ] || { echo "head -1 got $(cat $d/head-out)"; fail=1; }
grep -v '^rexian-ingest: ' $d/head-err && { echo "closed pipe: messages above"; fail=1; }

# kill_chain SIGNAL STAGES...: a chain of three processes, reading a FIFO
# that stays open, gets SIGNAL sent to rexian alone; its status is in st
kill_chain() {
	sig=$1
	shift
	rm -f $d/fifo
	mkfifo $d/fifo
	rexian "$@" < $d/fifo > /dev/null 2>&1 &
	pid=$!
	exec 3> $d/fifo
	head -50 $d/big.csv >&3
	for i in $(seq 100); do [ "$(pgrep -c -P $pid)" = 3 ] && break; sleep 0.1; done
	stages=$(pgrep -d ' ' -P $pid)
	kill -$sig $pid
	wait $pid
	st=$?
	exec 3>&-
	for i in $(seq 100); do ps -p "${stages// /,}" > /dev/null || break; sleep 0.1; done
	ps -p "${stages// /,}" > /dev/null && { echo "$sig: stages outlived rexian: $stages"; fail=1; }
	ls $d | grep -q '\.tmp' && { echo "$sig: temporary files left: $(ls $d)"; fail=1; }
}
# SIGTERM to rexian alone (a supervisor's kill) ends every stage as it ends
# the tool, temporary files removed, and rexian by the same signal
kill_chain TERM ingest --rejects $d/sig-rej.csv then aggregate --by month \
	then tee $d/sig-tee.csv then rate
[ $st = 143 ] || { echo "killed chain: status $st, want 143"; fail=1; }
# killed outright (SIGKILL), rexian takes no stage with it: each ends by
# the SIGTERM the kernel sends it for its parent, its temporary files gone
kill_chain KILL ingest --rejects $d/k-rej.csv then tee $d/k-tee.csv then rate

# a closed pipe downstream (SIGPIPE) leaves no temporary file either
# (bash waits for rexian, which waits for its stages)
rexian ingest $d/big.csv --max-rejects 5% --rejects $d/p-rej.csv then tee $d/p-tee.csv 2>/dev/null | head -1 > /dev/null
ls $d | grep -q '\.tmp' && { echo "temporary files left after SIGPIPE: $(ls $d)"; fail=1; }

# what the pipe would do with small data, every time: a rejects file that
# is standard output is aggregate's input; aggregate reading a file of its
# own leaves ingest to finish; a failing ingest does not hide aggregate's
# usage error (status 2)
for rej in /dev/stdout /dev/fd/1; do
	rexian ingest data/bad-dates.csv --max-rejects 100% --rejects $rej then aggregate > $d/co 2> $d/ce
	echo $? >> $d/co
	bash -o pipefail -c "rexian-ingest data/bad-dates.csv --max-rejects 100% --rejects $rej | rexian-aggregate" > $d/po 2> $d/pe
	echo $? >> $d/po
	cmp -s $d/po $d/co && cmp -s $d/pe $d/ce || { echo "--rejects $rej: chain and pipe differ"; fail=1; }
done
for i in 1 2 3 4 5; do
	rexian ingest data/tiny.csv then aggregate --by month data/tickets-keys.csv > /dev/null 2> $d/own-err ||
		{ echo "aggregate reading its own file: status $?"; fail=1; }
	grep -qx 'rexian-ingest: data/tiny.csv: 5 read, 5 written, 0 rejected' $d/own-err ||
		{ echo "aggregate reading its own file: ingest cut short"; fail=1; }
done
rexian ingest /nonexistent then aggregate --bogus > /dev/null 2>&1
st=$?
[ $st = 2 ] || { echo "failing ingest, aggregate --bogus: status $st, want 2"; fail=1; }

# the chain's own usage errors: status 2, the message exact
check() {
	want_st=$1 want=$2; shift 2
	got=$("$@" 2>&1 >/dev/null); st=$?
	[ "$st" = "$want_st" ] && [ "$got" = "$want" ] ||
		{ echo "$*: status $st, '$got'; want $want_st, '$want'"; fail=1; }
}
check 2 "rexian: 'then' needs a tool on both sides" rexian ingest data/tiny.csv then
check 2 "rexian: 'then' needs a tool on both sides" rexian ingest data/tiny.csv then then rate
check 2 "rexian: report cannot be a stage of a chain" rexian ingest data/tiny.csv then report x
check 2 "rexian: 'frob' is not a rexian tool; see 'rexian --help'" rexian ingest data/tiny.csv then frob
check 2 "usage: rexian STAGE [ARG]... then tee FILE [then STAGE [ARG]...]" rexian synth --rows 1 then tee
check 1 "rexian tee: $d/no/such/dir/t.csv: No such file or directory" rexian synth --rows 1 then tee $d/no/such/dir/t.csv
exit $fail
