# a 10 MB quoted field (with commas and newlines) goes through whole
set -eu
python3 - > $TMPDIR/big.csv <<'PY'
big = ('长文本,"引号"\n' * 600000)[:10_000_000]
print('id,created,closed,category')
print('H1,2024-01-02 08:00:00,,"' + big.replace('"', '""') + '"')
print('H2,2024-01-02 08:00:00,,x')
PY
rexian-ingest $TMPDIR/big.csv > $TMPDIR/out.csv 2>/dev/null
python3 - $TMPDIR/out.csv <<'PY'
import csv, sys
csv.field_size_limit(1 << 30)
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
big = ('长文本,"引号"\n' * 600000)[:10_000_000]
assert len(rows) == 3, len(rows)
assert rows[1][6] == big, 'big field changed'
assert rows[2][0] == 'H2'
PY
