# rexian(7)'s METRICS defines every metric of metric_table (as rexian-rate
# --help lists them) and no other: the man page is written by hand, this
# keeps it from drifting from the table.
set -eu
rexian-rate --help > $TMPDIR/help
python3 - ../man/rexian.7 $TMPDIR/help <<'PY'
import re, sys
man, helptext = open(sys.argv[1], encoding='utf-8').read(), open(sys.argv[2], encoding='utf-8').read()
table = re.findall(r'^  ([a-z0-9_]+) {2,}', helptext.split('\nMetrics:\n', 1)[1], re.M)
section = man.split('\n.SH METRICS\n', 1)[1].split('\n.SH ', 1)[0]
defined = set()
lines = section.splitlines()
for i, line in enumerate(lines[:-1]):
    if line.startswith('.TP'):
        # "NAME \(em 中文" or "NAME, NAME"; a qualifier line is not a name
        item = lines[i + 1]
        if '\\(em' in item:
            defined |= set(re.split(r'[,\s]+', item.split('\\(em')[0].strip()))
        elif re.fullmatch(r'[a-z0-9_]+(, [a-z0-9_]+)*', item):
            defined |= set(item.split(', '))
missing, extra = set(table) - defined, defined - set(table)
for m in sorted(missing):
    print(f'rexian(7) does not define {m}')
for m in sorted(extra):
    print(f'rexian(7) defines {m}, which is not a metric')
assert len(table) >= 12, table
sys.exit(1 if missing or extra else 0)
PY
