#!/bin/sh
# make demo: the sample dumps through the pipeline, figures on the terminal.
set -e
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
out=samples/out
mkdir -p $out

echo "== rexian-ingest: a dirty UTF-8 dump and a GB18030 CRLF dump =="
rexian ingest --max-rejects 2% --rejects $out/rejects.csv \
	samples/dump-2022h1.csv > $out/tickets-h1.csv
rexian ingest samples/dump-2022-07-gb18030.csv > $out/tickets-07.csv
echo
echo "first tickets:"
head -4 $out/tickets-h1.csv
echo
echo "rejected rows (file, line, reason):"
cut -d, -f1-3 $out/rejects.csv | head -6
echo
echo "outputs are in $out/"
