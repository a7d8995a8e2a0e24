# hostile and broken input: every row is written or rejected with a reason,
# nothing crashes, nothing is lost (read = written + rejected)
set -eu
d=$TMPDIR
summary() { tail -1 "$1" | sed 's/^rexian-ingest: [^:]*: //'; }

# a 100,000-field row is a ragged row, rejected
python3 -c 'print("id,created,closed"); print("A,2024-01-02 08:00:00,"); print(",".join(["x"] * 100000)); print("B,2024-01-02 09:00:00,")' > $d/wide.csv
rexian-ingest --max-rejects 1 $d/wide.csv > $d/out.csv 2> $d/err
[ "$(summary $d/err)" = "3 read, 2 written, 1 rejected (1 wrong field count)" ]

# a 100 MB field passes through whole
python3 -c '
import sys
sys.stdout.write("id,created,closed,category\nH1,2024-01-02 08:00:00,,\"" + "长" * 35_000_000 + "\"\n")' > $d/huge.csv
rexian-ingest $d/huge.csv 2>/dev/null | python3 -c '
import csv, sys
csv.field_size_limit(1 << 30)
rows = list(csv.reader(sys.stdin))
assert rows[1][6] == "长" * 35_000_000 and rows[1][9] == "open"' 

# NUL bytes: the row is rejected, the others kept
printf 'id,created,closed\nN1,2024-01-02 08:00:00,\nN2,2024-01-02 08:00:00,a\000b\nN3,2024-01-02 08:00:00,\n' > $d/nul.csv
rexian-ingest --max-rejects 1 $d/nul.csv > $d/out.csv 2> $d/err
grep -q 'nul.csv:3: NUL byte in the row' $d/err
[ "$(cut -d, -f1 $d/out.csv | tr '\n' ' ')" = "id N1 N3 " ]

# an invalid GB18030 sequence in a GB18030 file: that row rejected
{ iconv -f UTF-8 -t GB18030 data/tiny.csv; printf 'A006,2024-03-11 12:00:00,\201 ,x,x,x,x,,,\xd2\xd1\xb0\xec\xbd\xe1,,,,,1\n'; } > $d/gb.csv
rexian-ingest --max-rejects 1 $d/gb.csv > $d/out.csv 2> $d/err
grep -q 'gb.csv:7: invalid GB18030 byte sequence' $d/err
[ "$(summary $d/err)" = "6 read, 5 written, 1 rejected (1 bad encoding)" ]

# a BOM in the middle (two exports concatenated): the second header is a
# rejected row, its tickets duplicates; nothing lost
{ cat data/tiny.csv; printf '\357\273\277'; cat data/tiny.csv; } > $d/twice.csv
rexian-ingest --max-rejects 100% $d/twice.csv > $d/out.csv 2> $d/err
[ "$(summary $d/err)" = "11 read, 5 written, 6 rejected (1 bad date, 5 duplicate id)" ]

# mixed line ends: LF, CRLF, and a CRLF inside a quoted field
printf 'id,created,closed,category\r\nM1,2024-01-02 08:00:00,,a\nM2,2024-01-02 08:00:00,,"b\r\nc"\r\nM3,2024-01-02 08:00:00,,d\n' > $d/mixed.csv
rexian-ingest $d/mixed.csv 2>/dev/null | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert [r[0] for r in rows[1:]] == ["M1", "M2", "M3"], rows
assert rows[2][6] == "b\nc", rows[2][6]'

# a failure mid-way leaves no rejects file behind
rexian-ingest -r $d/rej.csv data/unterminated.csv > /dev/null 2>&1 && exit 1
[ ! -e $d/rej.csv ] && ! ls $d/rej.csv.tmp* 2>/dev/null

# memory exhausted: a clear message and exit 1 (not under the sanitizers,
# which need far more address space than the limit)
if (ulimit -v 60000; rexian-rate --version > /dev/null 2>&1); then
	rexian-synth --rows 300000 --seed 9 | rexian-ingest 2>/dev/null > $d/t.csv
	set +e
	(ulimit -v 60000; rexian-aggregate --by id $d/t.csv > /dev/null 2> $d/err)
	status=$?
	set -e
	[ $status = 1 ] && grep -qx 'rexian-aggregate: out of memory' $d/err
fi
