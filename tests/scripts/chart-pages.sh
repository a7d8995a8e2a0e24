# rexian-chart: a long table continues across PDF pages (heading and title
# repeated, page numbers, no row lost or doubled) and grows as one PNG;
# --lead; the funnel's colours by side; a cut bar axis says so; the pchart
# against the group's own earlier periods names the point outside
set -eu
d=$TMPDIR
python3 - > $d/long.csv <<'PY'
print("name,value")
for i in range(1, 121):
    print("单位%03d,%d" % (i, i * 7))
PY
rexian-chart --kind table -x name -y value --title 长表 --lang zh --size 793.7x1122.5 \
	--page-numbers 3/9 --lead "要点
第二段" --note "来源: 测试" -o $d/t.pdf $d/long.csv
pages=$(pdfinfo $d/t.pdf | awk '/^Pages/ {print $2}')
[ "$pages" -ge 3 ]
pdftotext -layout $d/t.pdf $d/t.txt
LC_ALL=C awk -v rows=120 -f long_table.awk $d/t.txt
[ "$(grep -c '^ *name  *value' $d/t.txt)" = "$pages" ]
[ "$(grep -c '长表（续）' $d/t.txt)" = $((pages - 1)) ]
[ "$(grep -c '第二段' $d/t.txt)" = 1 ]
for n in $(seq 1 $pages); do
	grep -q "第 *$((n + 2)) *页 *共 *9 *页" $d/t.txt || { echo "no page $((n + 2))"; exit 1; }
done
# PNG: one page, tall enough for every row
rexian-chart --kind table -x name -y value -o $d/t.png $d/long.csv
h=$(python3 -c 'import struct,sys; b=open(sys.argv[1],"rb").read(24); print(struct.unpack(">II", b[16:24])[1])' $d/t.png)
[ "$h" -gt 2400 ] || { echo "png $h high"; exit 1; }
# funnel: 国网 (88.00 < 89.52) below the 99.8% limit, in the worse colour
# (vermilion), named; both sides in the legend
t=data/rates-departments.csv
rexian-chart --kind funnel -x department -y satisfaction --lang zh -o $d/f.svg $t
grep -q 'fill:rgb(83.5%,36.9%,0%)' $d/f.svg
rexian-chart --kind funnel -x department -y satisfaction --lang zh -o $d/f.pdf $t
pdftotext $d/f.pdf $d/f.txt
for w in 国网淄博供电公司 '高于 99.8% 控制限 (较好)' '低于 99.8% 控制限 (较差)'; do
	grep -qF "$w" $d/f.txt || { echo "funnel lacks '$w'"; exit 1; }
done
# bars over an axis from 90%: the note says where it starts
rexian-chart --kind bar -x department -y satisfaction --ymin 85 --lang zh -o $d/b.pdf $t
pdftotext $d/b.pdf - | grep -q '纵轴起点为 85%'
# pchart, own baseline: 95 of 100 for five months, then 70 of 100; by
# hand, p0 = (475 + 0.5) / 501 = 0.949, 99.8% limits 94.9 -+ 3.09 x 2.2:
# 88.1 to 100, so June (70%) is outside and named, May (95%) is not
printf 'month,satisfaction,satisfaction_k,satisfaction_n\n' > $d/p.csv
for m in 01 02 03 04 05; do echo "2022-$m,95.00,95,100" >> $d/p.csv; done
echo "2022-06,70.00,70,100" >> $d/p.csv
rexian-chart --kind pchart --baseline own -x month -y satisfaction --lang zh -o $d/p.pdf $d/p.csv
pdftotext $d/p.pdf $d/p.txt
grep -q '2022-06 70.00%' $d/p.txt
grep -q '2022-05 95.00%' $d/p.txt && { echo "a point inside is named"; exit 1; }
grep -q '99.8% 控制限 (本单位此前各期)' $d/p.txt
