# --jobs 2 gives the same bytes as --jobs 1: ticket table, messages,
# rejects file and exit status, on dirty dumps in every input form, on
# several files, and when a quote is never closed
# make check: the plain build too: the threads on the build that ships, and
# the default --jobs on a dump past 32 MiB
set -eu
d=$TMPDIR
# (make tsan and make sanitize: -j 2 under the sanitizers against the
# plain build's -j 1, REXIAN_PLAIN's, one thread having nothing for
# ThreadSanitizer to check and being ingest-reference.sh's under the others)
jobs=(-j 2)
same() {	# same ARGS...: runs rexian-ingest with -j 1 and with ${jobs[@]}
	for j in 1 2; do
		ingest=rexian-ingest opt=("${jobs[@]}")
		[ $j = 1 ] && opt=(-j 1)
		[ $j = 1 ] && [ -n "${REXIAN_PLAIN:-}" ] && ingest=$REXIAN_PLAIN/rexian-ingest
		set +e
		$ingest "${opt[@]}" -r $d/rej$j.csv "$@" > $d/out$j 2> $d/err$j
		echo $? > $d/status$j
		set -e
	done
	cmp $d/out1 $d/out2 && cmp $d/err1 $d/err2 && cmp $d/status1 $d/status2 ||
		{ echo "${jobs[*]:-the default} differs from -j 1 on $*"; exit 1; }
	if [ -e $d/rej1.csv ]; then cmp $d/rej1.csv $d/rej2.csv; else [ ! -e $d/rej2.csv ]; fi
	rm -f $d/rej1.csv $d/rej2.csv
}
# (20k rows, 4 MB: some sixteen chunks of 256 KiB round the threads'
# slots; rows cost seconds under ThreadSanitizer, which is given 10,000,
# seven chunks or more round the six slots of -j 2, in the two forms
# whose text the threads treat apart, UTF-8 checked a chunk at once and
# GB18030 decoded line by line)
forms=("" "--bom" "--crlf" "--encoding gb18030") rows=20000
[ -z "${REXIAN_TSAN:-}" ] || forms=("" "--encoding gb18030") rows=10000
for form in "${forms[@]}"; do
	rexian-synth --rows $rows --seed 4 --dirty 0.05 $form > $d/in.csv
	same --max-rejects 10% $d/in.csv
	# (more rejects than allowed: an end the threads do not see)
	[ -n "${REXIAN_TSAN:-}" ] || same $d/in.csv
done
same --max-rejects 100% $d/in.csv data/tiny.csv
same data/tiny.csv data/crlf.csv
same data/unterminated.csv
same --max-rejects 2 data/stray-quote.csv
iconv -f UTF-8 -t GB18030 data/stray-quote.csv > $d/stray-gb.csv
same --max-rejects 2 $d/stray-gb.csv
same data/bad-dates.csv data/bad-utf8.csv
same data/header-only.csv
python3 -c 'print("id,created,closed\n" + "".join("Q%d,2024-01-02 08:00:00,\n" % i for i in range(20000)) + "X,\"2024-01-02")' > $d/late-quote.csv
same $d/late-quote.csv
[ "$(cat $d/status2)" = 1 ] && grep -q 'late-quote.csv:20002: quoted field not closed' $d/err2

# the default --jobs: the threads start once a file has proved longer
# than 32 MiB, read by the main thread alone (JOBS_AFTER): a dump past
# that, its repeated ids on both sides of the point, and the chain's
# counts.  (The normal pass only: what follows the head is the threads'
# code above, and 35 MB cost the sanitizers seconds.)
[ -z "${REXIAN_SANITIZED:-}${REXIAN_TSAN:-}" ] || exit 0
jobs=()
rexian-synth --rows 160000 --seed 5 --dirty 1% > $d/big.csv
[ "$(stat -c %s $d/big.csv)" -gt $((32 << 20)) ]
same --max-rejects 5% $d/big.csv
for j in "-j 1" ""; do
	rexian ingest $j --max-rejects 5% $d/big.csv then aggregate --by month,department \
		> $d/chain"${j:+1}" 2>&1
done
cmp $d/chain1 $d/chain
