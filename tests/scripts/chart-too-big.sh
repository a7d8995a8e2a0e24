# A chart larger than its format allows (3000 bars: about 72,000 pixels
# high) is refused with the size and what to do, leaving no file; SVG has
# no limit, and --top or a paged PDF table draw the same rows
set -eu
d=$TMPDIR
python3 -c '
print("department,satisfaction")
for i in range(3000):
    print(f"单位{i},{90 + i % 10}")' > $d/many.csv
for f in png pdf; do
	set +e
	rexian-chart -k barh -x department -y satisfaction -o $d/c.$f $d/many.csv 2> $d/err
	s=$?
	set -e
	[ $s = 1 ] || { echo "$f: status $s"; exit 1; }
	grep -Eqx "rexian-chart: the chart would be [0-9]+ by [0-9]+ (pixels|points), larger than --format $f allows \((32767|14400) a side\): keep fewer categories with --top N, or write --kind table as a PDF, whose pages continue" $d/err ||
		{ echo "$f:"; cat $d/err; exit 1; }
	[ ! -e $d/c.$f ] && ! ls $d/c.$f.tmp* 2> /dev/null
done
rexian-chart -k barh -x department -y satisfaction -o $d/c.svg $d/many.csv
rexian-chart -k barh -x department -y satisfaction --top 100 -o $d/c.png $d/many.csv
rexian-chart -k table -x department -y satisfaction -o $d/t.pdf $d/many.csv
[ "$(pdfinfo $d/t.pdf | awk '/^Pages:/ { print $2 }')" -gt 50 ]
