# awk -v rows=N -f long_table.awk TEXT: the text of a PDF (pdftotext
# -layout) holds each row of the long table of chart-pages.sh and
# chart-flow.sh, 单位001 7 to 单位N 7N, once, on a line of its own; names
# the rows that are not, and exits 1 if any
/^ *单位[0-9]+ +[0-9]+$/ { seen[$1 " " $2]++ }
END {
	for (i = 1; i <= rows; i++) {
		n = seen[sprintf("单位%03d %d", i, i * 7)]
		if (n != 1) {
			printf "row %d found %d times\n", i, n
			bad = 1
		}
	}
	exit bad
}
