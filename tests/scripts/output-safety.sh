# Nothing destroyed: an output naming an input is refused, special files
# are written into and never replaced, a symbolic link stays a link, files
# get the umask's mode, a signal leaves no temporary file, and a full disk
# names the file it could not write.
set -eu
d=$TMPDIR
printf 'id,created,closed\nA1,2024-01-02 08:00:00,\nA2,bad,\n' > $d/dump.csv
cp $d/dump.csv $d/orig.csv
python3 -c "print('id,created,closed'); [print(f'A{i},2024-01-02 08:00:00,') for i in range(3000)]" > $d/many.csv

# --rejects and -o naming an input: exit 2, the input untouched (the same
# file through another name too: device and inode decide)
set +e
rexian-ingest --max-rejects 1 -r $d/dump.csv $d/dump.csv > /dev/null 2> $d/err
s1=$?
ln $d/dump.csv $d/hard.csv
rexian-ingest --max-rejects 1 -r $d/hard.csv < $d/dump.csv > /dev/null 2>> $d/err
s2=$?
cp data/rates-departments.csv $d/rates.png
rexian-chart -x department -y satisfaction -f png -o $d/rates.png $d/rates.png 2>> $d/err
s3=$?
set -e
[ $s1 = 2 ] && [ $s2 = 2 ] && [ $s3 = 2 ] || { echo "status $s1 $s2 $s3"; cat $d/err; exit 1; }
cmp $d/dump.csv $d/orig.csv
cmp $d/rates.png data/rates-departments.csv
grep -qx "rexian-ingest: --rejects: '$d/dump.csv' is also an input ($d/dump.csv); it would be overwritten" $d/err
grep -qx "rexian-ingest: --rejects: '$d/hard.csv' is also an input (standard input); it would be overwritten" $d/err

# a FIFO is written into: it stays a FIFO and its reader gets the rejects
mkfifo $d/fifo
timeout 20 cat $d/fifo > $d/from-fifo &
reader=$!
timeout 20 rexian-ingest --max-rejects 1 -r $d/fifo $d/dump.csv > /dev/null 2>&1
wait $reader
[ -p $d/fifo ] || { echo "the FIFO was replaced"; exit 1; }
grep -q "^$d/dump.csv,3," $d/from-fifo

# a link to /dev/null or /dev/stdout is written through, and stays a link
ln -s /dev/null $d/null.csv
rexian-ingest --max-rejects 1 -r $d/null.csv $d/dump.csv > /dev/null 2>&1
[ -L $d/null.csv ] || { echo "the link to /dev/null was replaced"; exit 1; }
ln -s /dev/stdout $d/stdout.png
rexian-chart -x department -y satisfaction -o $d/stdout.png data/rates-departments.csv > $d/chart.png
[ -L $d/stdout.png ] || { echo "the link to /dev/stdout was replaced"; exit 1; }
[ "$(head -c 4 $d/chart.png | od -An -c | tr -d ' ')" = '211PNG' ]
# a link to a regular file: the file is replaced, the link stays
echo old > $d/target.csv
ln -s target.csv $d/link.csv
rexian-ingest --max-rejects 1 -r $d/link.csv $d/dump.csv > /dev/null 2>&1
[ -L $d/link.csv ] && grep -q '^file,line,reason' $d/target.csv

# the umask decides the mode, as for any new file
(umask 077; rexian-ingest --max-rejects 1 -r $d/r077.csv $d/dump.csv > /dev/null 2>&1)
(umask 002; rexian-chart -x department -y satisfaction -o $d/c002.svg data/rates-departments.csv)
[ "$(stat -c %a $d/r077.csv) $(stat -c %a $d/c002.svg)" = "600 664" ] ||
	{ echo "modes $(stat -c %a $d/r077.csv) $(stat -c %a $d/c002.svg)"; exit 1; }

# SIGTERM, SIGHUP and SIGINT while the rejects file is being written leave
# no temporary file (job control on, so that SIGINT reaches the job; and
# SIGINT at its default, as in the foreground: a suite started in the
# background, `make check &`, hands it down ignored, and the job would
# wait on its pipe for ever)
. ./kill-mid-write.sh
set -m
for sig in TERM HUP INT; do
	mkfifo $d/slow.$sig
	env --default-signal=INT rexian-ingest -r $d/sig.csv < $d/slow.$sig > /dev/null 2>&1 &
	pid=$!
	exec 3> $d/slow.$sig
	cat $d/many.csv >&3
	kill_mid_write $sig $pid $d/sig.csv 60
	exec 3>&-
done
set +m

# a full disk names the file, standard output's too (needs root to mount a
# small tmpfs; skipped otherwise)
if [ "$(id -u)" = 0 ] && mkdir $d/full && mount -t tmpfs -o size=64k tmpfs $d/full 2> /dev/null; then
	trap 'umount $d/full' EXIT
	head -c 60000 /dev/zero > $d/full/fill 2> /dev/null || true
	set +e
	rexian-ingest $d/many.csv > $d/full/out.csv 2> $d/err
	s=$?
	set -e
	[ $s = 1 ] && grep -qx "rexian-ingest: standard output ($d/full/out.csv): write error: No space left on device" $d/err ||
		{ echo "status $s"; cat $d/err; exit 1; }
fi
exit 0
