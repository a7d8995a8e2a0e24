#!/bin/sh
# The two sample dumps are rexian-synth's, made by the two commands below
# (README.md quotes them); after make, this writes them again byte for byte
# into samples/, or into the folder given (tests/scripts/samples-dumps.sh
# checks that they come out as committed):
#   dump-2022h1.csv          淄博 12345, 1-6月 2022: 3000 rows, UTF-8, LF,
#                            0.75% dirty (about 1 row in 130: a bad date, an
#                            empty or repeated id, a wrong field count, or
#                            closed before created)
#   dump-2022-07-gb18030.csv July 2022: 1000 clean rows, GB18030, CRLF
set -e
out=$(cd "${1:-$(dirname "$0")}" && pwd)
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH
cd "$out"
rexian-synth --rows 3000 --seed 1 --start 2022-01-01 --end 2022-06-30 --dirty 0.75% > dump-2022h1.csv
rexian-synth --rows 1000 --seed 1 --start 2022-07-01 --end 2022-07-31 --encoding gb18030 --crlf > dump-2022-07-gb18030.csv
