#!/bin/sh
# make check-office: what rexian writes for offices, opened by the programs
# its receivers use.  LibreOffice (headless, as the stand-in for Excel and
# WPS) converts every workbook we write back to CSV; DuckDB and pandas read
# the package's CSVs, which start with a UTF-8 byte-order mark.  Each must
# see the same header names (no mark glued to the first one) and the same
# rows as Python's csv module.  Not part of `make check`: LibreOffice alone
# is half a gigabyte.  Installs what is missing (Debian packages; DuckDB
# from the npm registry into build/office).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$top/bin:$PATH
export LC_ALL=C.UTF-8
need=
for p in libreoffice-calc-nogui python3-pandas; do
	dpkg-query -W -f='${Status}\n' $p 2>/dev/null | grep -q '^install ok installed' ||
		need="$need $p"
done
command -v npm > /dev/null || need="$need nodejs npm"
if [ -n "$need" ]; then
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi
duck=$top/build/office
[ -d "$duck/node_modules/@duckdb/node-api" ] ||
	(mkdir -p "$duck" && cd "$duck" && cp "$top/bench/package.json" . &&
	 npm install --silent --no-audit --no-fund > /dev/null)
d=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$d"' EXIT
export HOME=$d		# LibreOffice keeps a profile there

rexian-report -o $d --package "$top/samples/dump-2022h1.csv" 2022-06 > /dev/null
pkg=$d/2022-06
rexian-rate -m satisfaction,on_time --format xlsx -o $d/rates.xlsx $pkg/counts-month.csv
rexian-xlsx -o $d/book.xlsx $pkg/rates-month.csv $pkg/rates-department.csv

# every sheet of every workbook as CSV (LibreOffice 7.2+: sheet -1 is all)
mkdir $d/lo
for book in $pkg/数据.xlsx $d/rates.xlsx $d/book.xlsx; do
	soffice --headless --convert-to \
	    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	    --outdir $d/lo "$book" > /dev/null 2>&1
done
/usr/bin/python3 - $d <<'PY'
import csv, glob, os, sys
import openpyxl
d = sys.argv[1]
checked = 0
for book in glob.glob(f'{d}/2022-06/*.xlsx') + [f'{d}/rates.xlsx', f'{d}/book.xlsx']:
    base = os.path.splitext(os.path.basename(book))[0]
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        path = f'{d}/lo/{base}-{ws.title}.csv'
        assert os.path.exists(path), f'LibreOffice wrote no {path}'
        lo = list(csv.reader(open(path, encoding='utf-8')))
        ours = [[c.value for c in row] for row in ws.iter_rows()]
        assert len(lo) == len(ours), (path, len(lo), len(ours))
        # text cells read the same; numbers as their format shows them
        for a, b in zip(lo, ours):
            for x, y in zip(a, b):
                if isinstance(y, str):
                    assert x == y, (path, x, y)
                elif isinstance(y, bool) or y is None:
                    continue
                elif x.endswith('%'):
                    assert abs(float(x[:-1]) / 100 - y) < 5.0001e-5, (path, x, y)
                else:
                    assert abs(float(x) - y) <= 5.0001e-5 * max(1, abs(y)), (path, x, y)
        checked += 1
assert checked >= 7, checked
print(f'LibreOffice: {checked} sheets read back')
PY
cat > $d/duck.mjs <<'EOF2'
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
for (const f of process.argv.slice(2)) {
	const r = await c.runAndReadAll(`select * from read_csv('${f}', all_varchar=true)`);
	console.log([f, r.columnNames().join(','), r.getRows().length].join('\t'));
}
EOF2
(cd $duck && cp $d/duck.mjs . && node duck.mjs $pkg/*.csv) > $d/duck.txt
/usr/bin/python3 - $pkg $d/duck.txt <<'PY'
import csv, glob, sys
import pandas
pkg, duck = sys.argv[1], sys.argv[2]
seen = {}
for line in open(duck, encoding='utf-8'):
    f, cols, n = line.rstrip('\n').split('\t')
    seen[f] = (cols.split(','), int(n))
for f in sorted(glob.glob(f'{pkg}/*.csv')):
    rows = list(csv.reader(open(f, encoding='utf-8-sig')))
    head, body = rows[0], rows[1:]
    assert seen[f] == (head, len(body)), ('duckdb', f, seen[f][0][:2], head[:2])
    p = pandas.read_csv(f, dtype=str, keep_default_na=False)
    assert list(p.columns) == head and len(p) == len(body), ('pandas', f)
    assert p.values.tolist() == body, ('pandas', f)
print(f'DuckDB and pandas: {len(seen)} CSVs read with clean headers')
PY
echo 'check-office: passed'
