# rexian-chart --flow: parts down numbered pages; a long table on pages of
# its own, every row once, the next parts after its end; a part that does
# not fit the rest of a page on the next; quotes spanning lines
set -eu
d=$TMPDIR
{ echo name,value; seq 80 | awk '{ printf "单位%03d,%d\n", $1, $1 * 7 }'; } > $d/long.csv
printf 'name,value\n甲,1\n乙,2\n' > $d/short.csv
t=data/rates-departments.csv
cat > $d/parts <<EOF2
# the parts, in order
--kind table -x name -y value --title 短表 --lead '要点
第二段，it'\''s' $d/short.csv
-x department -y satisfaction --size 800x900 --title "图 \"一\"" $t
--kind table -x name -y value --title 长表 $d/long.csv
--kind table -x name -y value --title 末表 $d/short.csv
EOF2
rexian-chart --flow $d/parts --size 793.7x1122.5 --lang zh -o $d/f.pdf
pages=$(pdfinfo $d/f.pdf | awk '/^Pages/ {print $2}')
page() { pdftotext -layout -f $1 -l $1 $d/f.pdf -; }
# 1: 短表 and its lead; 2: the chart, too tall for what 短表 left; then
# 长表 from a page of its own, and 末表 under its last row
page 1 | grep -q 短表
page 1 | grep -q "第二段，it's"
page 1 | grep -q '图 "一"' && { echo "the chart did not move to page 2"; exit 1; }
page 2 | grep -q '图 "一"'
page 3 | grep -q 长表
page $pages | grep -q 末表
page $pages | grep -q '长表（续）'
pdftotext -layout $d/f.pdf $d/f.txt
for i in $(seq 1 80); do
	n=$(grep -cE "^ *单位$(printf %03d $i) +$((i * 7))$" $d/f.txt)
	[ "$n" = 1 ] || { echo "row $i found $n times"; exit 1; }
done
for n in $(seq 1 $pages); do
	[ "$(page $n | grep -cE "第 *$n *页 *共 *$pages *页")" = 1 ] ||
		{ echo "page $n: no single number"; exit 1; }
done
# --page-numbers N/M: the first page's number
rexian-chart --flow $d/parts --size 793.7x1122.5 --lang zh --page-numbers 5/1000 -o $d/g.pdf
pdftotext -layout -f 1 -l 1 $d/g.pdf - | grep -qE "第 *5 *页 *共 *$((pages + 4)) *页"
