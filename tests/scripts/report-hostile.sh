# rexian-report as a careless or hostile user runs it (issue 19): a folder
# made while the report is built, SIGINT/SIGTERM/SIGHUP, personal data in
# the package's rejects.  (A dump named like an option and a umask are
# checked on report-as-of.sh's cut report, an output folder with | and \
# and umask 077 on report.sh's: a report costs seconds under the
# sanitizers.)
# make check: the plain build too: the report's own trials: a folder made
# meanwhile, signals
set -eu
d=$TMPDIR
# rexian-report draws with the plain build's rexian-chart under the
# sanitizers (make sanitize's REXIAN_PLAIN_CHART)
[ -z "${REXIAN_PLAIN_CHART:-}" ] || PATH=$REXIAN_PLAIN_CHART:$PATH
h1=$PWD/../samples/dump-2022h1.csv
leftover() { ls -A "$1" | grep -q '^\.2022-06\.' ; }

# the package's rejects give file, line, reason and the ticket columns:
# no phone number, no column outside the ticket table (make check's normal
# pass, REXIAN_PLAIN_PART, leaves it to the sanitizers')
if [ -z "${REXIAN_PLAIN_PART:-}" ]; then
	mkdir $d/pkg
	{
		head -1 ../tests/data/tiny.csv
		python3 - <<'PY'
for i in range(40):
    print(f'P{i:03d},2024-03-{1 + i % 28:02d} 09:00:00,电话,投诉,城市管理,张店区,张店区城管局,'
          f'2024-03-{2 + i % 28:02d} 09:00:00,2024-03-{1 + i % 28:02d} 15:00:00,已办结,否,是,满意,是,1380000{i:04d}')
print('P900,2024-03-05 25:00:00,电话,投诉,城市管理,张店区,张店区城管局,,,办理中,否,,,是,13912345678')
print('P901,2024-03-05 09:00:00,电话,投诉,城市管理,张店区,张店区城管局,,,办理中,否,,,是,139,87654321')
PY
	} > $d/phones.csv
	rexian-report --package --max-rejects 5 -o $d/pkg $d/phones.csv 2024-03 > /dev/null
	r=$d/pkg/2024-03/rejects.csv
	[ "$(head -1 $r | sed "1s/^\xef\xbb\xbf//")" = "file,line,reason,id,created,due,closed,channel,type,category,district,department,status,direct,resolved,satisfaction,reasonable" ]
	[ "$(grep -c . $r)" = 3 ]
	! grep -q '139' $r || exit 1
fi

# The trials below are rexian-report's own (its rename, its traps), its
# tools running as on report.sh's dump: under the sanitizers
# (REXIAN_SANITIZED) they are the normal pass's
[ -z "${REXIAN_SANITIZED:-}" ] || exit 0

# a folder of the month's name made while the report is built: the report
# fails and says so, the folder is left as it was, nothing else remains
mkdir $d/race $d/wrap
# (chmod runs last before the rename: the wrapper makes the folder first)
cat > $d/wrap/chmod <<WRAP
#!/bin/sh
[ -d "$d/race/2022-06" ] || mkdir "$d/race/2022-06"
exec $(command -v chmod) "\$@"
WRAP
$(command -v chmod) +x $d/wrap/chmod
PATH=$d/wrap:$PATH rexian-report -o $d/race $h1 2022-06 > $d/out 2> $d/err && { echo "race: success reported"; exit 1; }
grep -q "race/2022-06: already exists" $d/err
[ -z "$(ls -A $d/race/2022-06)" ]
! leftover $d/race || exit 1

# a signal in the middle: the temporary folder goes, the report dies of it
for sig in INT TERM HUP; do
	mkdir $d/sig-$sig
	python3 - $d/sig-$sig $sig $h1 <<'PY'
import glob, os, signal, subprocess, sys, time
out, name, dump = sys.argv[1:]
# (as a report run in the foreground: a suite started in the background,
# `make check &`, would hand SIGINT down ignored, and bash cannot trap it)
p = subprocess.Popen(['rexian-report', '-o', out, dump, '2022-06'],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
# wait for the report to be under way: its first chart written
while not glob.glob(out + '/.2022-06.*/trend.png') and p.poll() is None:
    time.sleep(0.01)
if p.poll() is not None:
    sys.exit('finished before the signal')
os.kill(p.pid, getattr(signal, 'SIG' + name))
rc = p.wait()
if rc != -getattr(signal, 'SIG' + name):
    sys.exit(f'{name}: exit {rc}')
PY
	[ -z "$(ls -A $d/sig-$sig)" ] || { echo "$sig left:"; ls -A $d/sig-$sig; exit 1; }
done
