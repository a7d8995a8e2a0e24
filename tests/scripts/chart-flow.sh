# rexian-chart --flow: parts down numbered pages; a chart shrinks to two
# thirds of its height to end a page, a taller one goes on the next; a
# long table over pages, every row once, the next part after its end;
# quotes spanning lines
set -eu
d=$TMPDIR
{ echo name,value; seq 80 | awk '{ printf "单位%03d,%d\n", $1, $1 * 7 }'; } > $d/long.csv
{ echo name,value; seq 20 | awk '{ printf "中%02d,%d\n", $1, $1 }'; } > $d/mid.csv
printf 'name,value\n甲,1\n乙,2\n' > $d/short.csv
t=data/rates-departments.csv
cat > $d/parts <<EOF2
# the parts, in order
--kind table -x name -y value --title 中表 --lead '要点
第二段，it'\''s' $d/mid.csv
-x department -y satisfaction --size 800x480 --title 图甲 $t
-x department -y satisfaction --size 800x900 --title "图 \"乙\"" $t
--kind table -x name -y value --title 长表 $d/long.csv
--kind table -x name -y value --title 末表 $d/short.csv
EOF2
rexian-chart --flow $d/parts --size 793.7x1122.5 --lang zh -o $d/f.pdf
pages=$(pdfinfo $d/f.pdf | awk '/^Pages/ {print $2}')
page() { pdftotext -layout -f $1 -l $1 $d/f.pdf -; }
# 1: 中表, its lead, and 图甲 shrunk into what is left (over two thirds of
# it); 2: 图乙, too tall to shrink into nothing; 长表 from page 3 (under
# 200 pixels left on 2), and 末表 under its last row
page 1 | grep -q 中表
page 1 | grep -q "第二段，it's"
page 1 | grep -q 图甲 || { echo "图甲 did not stay on page 1"; exit 1; }
page 1 | grep -q '图 "乙"' && { echo "图乙 did not move to page 2"; exit 1; }
page 2 | grep -q '图 "乙"'
page 3 | grep -q 长表
page $pages | grep -q 末表
page $pages | grep -q '长表（续）'
pdftotext -layout $d/f.pdf $d/f.txt
LC_ALL=C awk -v rows=80 -f long_table.awk $d/f.txt
for n in $(seq 1 $pages); do
	[ "$(page $n | grep -cE "第 *$n *页 *共 *$pages *页")" = 1 ] ||
		{ echo "page $n: no single number"; exit 1; }
done
# --page-numbers N/M: the first page's number
rexian-chart --flow $d/parts --size 793.7x1122.5 --lang zh --page-numbers 5/1000 -o $d/g.pdf
pdftotext -layout -f 1 -l 1 $d/g.pdf - | grep -qE "第 *5 *页 *共 *$((pages + 4)) *页"
