# Every option a man page defines (the lines after .TP in OPTIONS) is in
# the tool's --help, and every option --help lists is defined in the man
# page: long and short names both.
set -eu
status=0
for tool in ingest aggregate rate chart report synth xlsx; do
	rexian-$tool --help > $TMPDIR/help
	python3 - ../man/rexian-$tool.1 $TMPDIR/help $tool <<'PY' || status=1
import re, sys
man, helptext, tool = open(sys.argv[1], encoding='utf-8').read(), open(sys.argv[2], encoding='utf-8').read(), sys.argv[3]
def names(line):
    line = line.replace('\\-', '-')
    return set(re.findall(r'(?<![\w-])(--[a-z][a-z0-9-]*|-[A-Za-z])(?![\w-])', line))
in_man, section, after_tp = set(), None, False
for line in man.splitlines():
    if line.startswith('.SH'):
        section = line[3:].strip().strip('"')
    elif section == 'OPTIONS' and line.startswith('.TP'):
        after_tp = True
        continue
    elif after_tp:
        in_man |= names(line)
    after_tp = False
in_help = set()
for line in helptext.splitlines():
    # a definition line: the options, then two spaces and what they do
    m = re.match(r'^ {2,}(-\S.*?)(?: {2,}|$)', line)
    if m:
        in_help |= names(m.group(1))
bad = False
for o in sorted(in_man - in_help):
    print(f'rexian-{tool}: {o} is in the man page, not in --help'); bad = True
for o in sorted(in_help - in_man):
    print(f'rexian-{tool}: {o} is in --help, not in the man page'); bad = True
if not in_help or not in_man:
    print(f'rexian-{tool}: no options found'); bad = True
sys.exit(1 if bad else 0)
PY
done
exit $status
