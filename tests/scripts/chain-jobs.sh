# rexian ingest ... then aggregate ...: the rows checked and counted on
# every core (--jobs N; by default the cores past a file's first 32 MiB,
# ingest-jobs.sh's) give the bytes --jobs 1 gives: counts, messages, exit
# status, rejects and summary files.
# The input is cut into chunks of 256 KiB at lines that look like rows; the
# dumps here are several chunks long and put what a cut could break near
# every line: quoted fields over lines, stray quotes, blank lines, a date
# order decided late or never, duplicates chunks apart, a fatal row deep in
# the file, a quote never closed at the end.
# make check: the plain build too: a read() failing part way (preloaded:
# the sanitizers' runtime must be loaded first)
set -u -o pipefail
d=$TMPDIR
fail=0

# --jobs 1 against 3 (--jobs 2 is chain.sh's, against the pipe).  Under
# ThreadSanitizer (REXIAN_TSAN), which costs the threads ten times their
# time, one dump of each path the threads take apart (chunks checked,
# taken again, ended by a fatal row or a quote never closed, decoded from
# GB18030, rows in order, a tee), not the forms that differ only in bytes
# they read alike, nor the 3 MB dumps
jobs=3
full=${REXIAN_TSAN:+no}

# one thread runs the plain build's rexian under the sanitizers
# (REXIAN_PLAIN, make sanitize and make tsan): nothing for ThreadSanitizer
# to check there, and its one-thread path is chain.sh's under the others
one=rexian
[ -z "${REXIAN_PLAIN:-}" ] || one=$REXIAN_PLAIN/rexian

# same INGEST_ARGS -- AGGREGATE_ARGS: --jobs 1 against $jobs
same() {
	local ing=() agg=() j tool
	while [ "$1" != -- ]; do ing+=("$1"); shift; done; shift
	agg=("$@")
	for j in 1 $jobs; do
		tool=rexian
		[ $j = 1 ] && tool=$one
		rm -f "$d/r.csv" "$d/s.csv"
		$tool ingest "${ing[@]}" --jobs $j --rejects "$d/r.csv" --summary "$d/s.csv" \
			then aggregate "${agg[@]}" >"$d/o$j" 2>"$d/e$j"
		echo $? >"$d/st$j"
		cat "$d/r.csv" "$d/s.csv" >"$d/f$j" 2>/dev/null
	done
	for j in $jobs; do
		if ! cmp -s "$d/o1" "$d/o$j" || ! cmp -s "$d/e1" "$d/e$j" ||
		    ! cmp -s "$d/st1" "$d/st$j" || ! cmp -s "$d/f1" "$d/f$j"; then
			echo "--jobs $j differs: ingest ${ing[*]} then aggregate ${agg[*]}"
			diff "$d/e1" "$d/e$j" | head -5
			diff "$d/o1" "$d/o$j" | head -5
			diff "$d/f1" "$d/f$j" | head -5
			fail=1
		fi
	done
}

# expect STATUS PATTERN: what the last run of same said, with --jobs 3
expect() {
	if [ "$(cat "$d/st3")" != "$1" ] || ! grep -q -- "$2" "$d/e3"; then
		echo "expected status $1 and '$2', got $(cat "$d/st3"):"
		cat "$d/e3"
		fail=1
	fi
}

# a dump whose rows, one in three, quote text over lines, some of it
# looking like a row of its own, with stray quotes and blank lines between
python3 - "$d" <<'EOF'
import random, sys
d = sys.argv[1]
rnd = random.Random(5)
head = 'id,created,closed,department,status,satisfaction,note\n'
def row(i, rnd):
    day = 1 + i % 28
    note = rnd.choice([
        'plain', '"quoted, with a comma"', '"over\nlines"',
        '"runs on\nS9,2024-03-01 08:00:00,,d,open,,x\nand ends"',
        '"a stray quote', 'in "the" middle', '""', '"long ' + 'x' * 300 + '"'])
    closed = '' if i % 7 == 0 else '2024-%02d-%02d 17:00:00' % (1 + i % 12, day)
    dept = 'dept%d' % (i % 9)
    sat = rnd.choice(['satisfied', 'basic', 'dissatisfied', ''])
    blank = '\n' if i % 97 == 0 else ''
    return ('R%06d,2024-%02d-%02d 08:00:00,%s,%s,%s,%s,%s\n%s' % (
        i if i % 211 else i - 150, 1 + i % 12, day, closed, dept,
        'closed' if closed else 'open', sat if closed else '', note, blank))
body = ''.join(row(i, rnd) for i in range(1, 9000))
open(d + '/lines.csv', 'w').write(head + body)
open(d + '/lines-cr.csv', 'w', newline='').write((head + body).replace('\n', '\r'))
open(d + '/lines-gb.csv', 'w', encoding='gb18030').write(
    head + body.replace('plain', '普通的诉求内容'))
open(d + '/unclosed.csv', 'w').write(head + body + 'Z1,2024-01-02 08:00:00,,d,open,,"never\nclosed\n')
# a blank line after every row: every cut comes after one
open(d + '/blanks.csv', 'w').write(head + body.replace('\n', '\n\n'))
EOF
# a read error part way: the rows before it are taken as one thread takes
# them, then the error (a preloaded read() fails past EIO_AFTER bytes of a
# file; not under the sanitizers, whose runtime must be loaded first)
if [ -z "${REXIAN_TSAN:-}${REXIAN_SANITIZED:-}" ]; then
	cat > $d/eio.c <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
static long long total;
ssize_t
read(int fd, void *buf, size_t n)
{
	ssize_t (*real)(int, void *, size_t) = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	long long limit = atoll(getenv("EIO_AFTER"));
	struct stat st;
	ssize_t k;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 100000)
		return real(fd, buf, n);
	if (total >= limit) {
		errno = EIO;
		return -1;
	}
	if (total + (long long)n > limit)
		n = (size_t)(limit - total);
	if ((k = real(fd, buf, n)) > 0)
		__atomic_add_fetch(&total, k, __ATOMIC_SEQ_CST);
	return k;
}
EOF2
	cc -shared -fPIC -o $d/eio.so $d/eio.c -ldl
	for at in 200000 700001; do
		LD_PRELOAD=$d/eio.so EIO_AFTER=$at same $d/lines.csv --max-rejects 100% -- --by month
		expect 1 'lines.csv: read error: Input/output error'
	done
fi
# (make check's normal pass, REXIAN_PLAIN_PART: the read error alone)
[ -z "${REXIAN_PLAIN_PART:-}" ] || exit $fail
for f in lines ${full:-lines-cr blanks} unclosed; do
	same $d/$f.csv --max-rejects 100% -- --by month,department --rollup
done
expect 1 'unclosed.csv:[0-9]*: quoted field not closed before the end of the input'
same --encoding gb18030 $d/lines-gb.csv --max-rejects 100% -- --by month,department
if [ -z "$full" ]; then
	same $d/lines.csv $d/lines.csv --max-rejects 100% -- --by quarter
	expect 0 'lines.csv: 10583 read, 0 written, 10583 rejected'
fi

# a date far outside the working-day calendar: the calendar is not asked
# of it, in the threads either (it was read out of bounds there)
printf '工单编号,受理时间,办结时间\nA1,2022-01-05 10:00:00,2202-01-05 10:00:00\n' > $d/far.csv
same $d/far.csv -- --by month
expect 1 'far.csv:2: 2202-01-05 is outside the working-day calendar'
if [ -z "$full" ]; then
	printf '工单编号,受理时间,办结时间\nA1,1922-01-05 10:00:00,\n' > $d/early.csv
	same $d/early.csv --due 5wd -- --by month
	expect 1 'early.csv:2: 1922-01-05 is outside the working-day calendar'
fi

# synthetic dumps with 1% defects, in every form the reader takes
rexian-synth --rows 6000 --seed 11 --dirty 1% > $d/dirty.csv
rexian-synth --rows 6000 --seed 12 --dirty 1% --bom --crlf > $d/dirty-crlf.csv
rexian-synth --rows 6000 --seed 13 --dirty 1% --encoding gb18030 > $d/dirty-gb.csv
same $d/dirty.csv --max-rejects 5% -- --by month,department --rollup
if [ -z "$full" ]; then
	same $d/dirty-crlf.csv $d/dirty.csv --max-rejects 5% -- --by week,channel --date closed
	same --encoding gb18030 $d/dirty-gb.csv --max-rejects 5% -- --by month,district
	same $d/dirty.csv -- --by month
	expect 1 'rejected rows are more than --max-rejects allows'
	same $d/dirty.csv --max-rejects 5% --as-of '2021-06-01 00:00:00' -- --by month
	same $d/dirty.csv --max-rejects 5% --keep 诉求内容 --exclude 诉求类型=咨询 -- \
		--by 诉求内容 --where satisfaction=satisfied
	same $d/dirty.csv --max-rejects 5% --due 3wd -- --by month,type
fi
# the rows in order after all: a streaming aggregate writes groups as met
same $d/dirty.csv --max-rejects 5% -- --by month,department --streaming
# the ticket table written as well: a tee stage's file, and rexian-ingest's
# own standard output, whose lines the threads write for the main thread
# to write in order
for j in 1 $jobs; do
	tool=rexian
	[ $j = 1 ] && tool=$one
	$tool ingest $d/dirty.csv $d/dirty-crlf.csv --max-rejects 100% --jobs $j then \
		tee $d/tee.csv then aggregate --by month >$d/o$j 2>$d/e$j
	echo $? >>$d/o$j
	mv $d/tee.csv $d/tee$j.csv
	ingest=rexian-ingest
	[ $j = 1 ] && [ -n "${REXIAN_PLAIN:-}" ] && ingest=$REXIAN_PLAIN/rexian-ingest
	# (under ThreadSanitizer rexian-ingest's threads are ingest-jobs.sh's)
	for f in lines unclosed; do
		if [ -n "${REXIAN_TSAN:-}" ]; then : >$d/$f$j.out; continue; fi
		$ingest --jobs $j --max-rejects 100% $d/$f.csv >$d/$f$j.out 2>>$d/e$j
		echo $? >>$d/o$j
	done
done
grep -q '^0$' $d/o1 || { echo "tee: the chain failed"; cat $d/e1; fail=1; }
for f in tee%.csv o% e% lines%.out unclosed%.out; do
	cmp -s $d/${f/\%/1} $d/${f/\%/$jobs} || { echo "tee: --jobs $jobs differs: ${f/\%/1}"; fail=1; }
done

# day/month dates that no value decides for chunks on end, then one that
# does; a dump that never decides; one that decides both ways chunks apart;
# a ticket outside the calendar after the checks' state has long settled
python3 - "$d" <<'EOF'
import sys
d = sys.argv[1]
head = 'id,created,closed,department\n'
def rows(n, day):
    return ''.join('D%d,%02d/%02d/2023 08:00:00,,dept%d\n' % (i, day(i), 1 + i % 12, i % 5)
                   for i in range(n))
amb = rows(40000, lambda i: 1 + i % 12)
open(d + '/late.csv', 'w').write(head + amb + 'L1,25/03/2023 08:00:00,,x\n' + amb.replace('D', 'E'))
open(d + '/never.csv', 'w').write(head + amb)
# every value decides, so a chunk checked before the first was taken
# decides again at its own first row
open(d + '/decided.csv', 'w').write(head + rows(60000, lambda i: 13 + i % 16))
# past the chunks cut before the first is taken, which are all taken
# again: the threads' own checks meet the row that ends the tool
far = rows(100000, lambda i: 1 + i % 12)
open(d + '/mixed.csv', 'w').write(head + 'M1,25/03/2023 08:00:00,,x\n' + far +
                                 'M2,03/25/2023 08:00:00,,x\n')
open(d + '/outside.csv', 'w').write(head.replace('department', 'department,due') +
    ''.join('C%d,2023-%02d-01 08:00:00,,d,\n' % (i, 1 + i % 12) for i in range(100000)) +
    'C-1,2031-01-01 08:00:00,,d,\n' + 'C-2,2023-01-01 08:00:00,,d,\n' * 3000)
EOF
same $d/late.csv -- --by month,department
expect 0 'date column created: DD/MM/YYYY hh:mm:ss (day first, as line 40002'
[ -n "${REXIAN_TSAN:-}" ] && exit $fail
same $d/decided.csv -- --by month
expect 0 "date column created: DD/MM/YYYY hh:mm:ss (day first, as line 2 '13/01/2023 08:00:00' shows)"
# bytes that are no UTF-8 and NUL bytes in rows chunks past the first few
# (a chunk all valid is checked at once, any other line by line)
python3 - "$d" <<'EOF'
import sys
d = sys.argv[1]
head, body = open(d + '/lines.csv', 'rb').read().split(b'\n', 1)
out = [head + b'\n']
for copy in b'RSTU':
    pieces = body.replace(b'\nR', b'\n' + bytes([copy])).split(b'plain')
    if copy >= ord('T'):
        for i in range(len(pieces) - 1):
            pieces[i] += b'b\xe4\xb8d' if i % 40 == 1 else b'n\0l' if i % 40 == 2 else b'plain'
        out.append(b''.join(pieces))
    else:
        out.append(b'plain'.join(pieces))
open(d + '/bytes.csv', 'wb').write(b''.join(out))
EOF
same $d/bytes.csv --max-rejects 100% -- --by month,department
grep -q 'NUL byte in the row' $d/f3 && grep -q 'invalid UTF-8 byte sequence' $d/f3 ||
	{ echo "bytes.csv: no NUL or bad UTF-8 rejected"; fail=1; }
same $d/never.csv -- --by month
expect 1 'give --date-order dmy or --date-order mdy'
same $d/mixed.csv -- --by month
expect 1 'mixed.csv:100003: created .03/25/2023 08:00:00. reads only month first'
same $d/outside.csv --due 5wd -- --by month
expect 1 'outside.csv:100002: 2031-01-01 is outside the working-day calendar'

exit $fail
