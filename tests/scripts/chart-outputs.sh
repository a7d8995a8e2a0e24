# rexian-chart: each kind in each format; sizes; text in the PDF; one mark
# per point in the SVG; identical bytes on a second run
# make check: the plain build too: each chart drawn twice for the same bytes
# (memory fresh from the sanitizers' allocator is filled alike on every
# run), and the text of the PDFs
set -eu
d=$TMPDIR
t=data/rates-departments.csv
png_size() { python3 -c 'import struct,sys; b=open(sys.argv[1],"rb").read(24); assert b[:8]==b"\x89PNG\r\n\x1a\n", "not a PNG"; print("%dx%d" % struct.unpack(">II", b[16:24]))' "$1"; }
# (the second run, for the same bytes, is the normal pass's: under the
# sanitizers, make sanitize's REXIAN_SANITIZED, it takes the first one's
# path on the same input, and ASan fills fresh memory the same way every
# run, where the plain build's malloc would show bytes left unset.  The
# sanitizers draw one kind's PDF: the others take rexian's same path to
# cairo's PDF surface, and the normal pass reads their text)
for kind in line bar barh funnel pchart; do
	rm -f $d/a.pdf
	for f in png pdf svg; do
		[ -n "${REXIAN_SANITIZED:-}" ] && [ $f = pdf ] && [ $kind != line ] && continue
		rexian-chart --kind $kind -x department -y satisfaction --labels --error-bars \
			--title "满意率 $kind" --note "来源: 测试" -o $d/a.$f $t
		[ -n "${REXIAN_SANITIZED:-}" ] && continue
		rexian-chart --kind $kind -x department -y satisfaction --labels --error-bars \
			--title "满意率 $kind" --note "来源: 测试" -o $d/b.$f $t
		cmp $d/a.$f $d/b.$f || { echo "$kind $f: two runs differ"; exit 1; }
	done
	# PDF: the title, every department and the labelled values as text
	if [ -f $d/a.pdf ]; then
		pdftotext $d/a.pdf $d/a.txt
		for word in "满意率 $kind" "来源: 测试"; do
			grep -q "$word" $d/a.txt || { echo "$kind pdf lacks '$word'"; exit 1; }
		done
		# (names along x are turned 45 degrees, and pdftotext reads turned
		# text a character at a time: the horizontal names of barh are checked)
		words="97.41% 96.58% 88.00%"
		[ $kind = barh ] && words="$words 淄博市住房和城乡建设局 淄博市城市管理局 国网淄博供电公司 张店区政府 淄川区政府 高新区管委会"
		if [ $kind != funnel ]; then
			for word in $words; do
				grep -q "$word" $d/a.txt || { echo "$kind pdf lacks '$word'"; exit 1; }
			done
		fi
	fi
	# (make check's normal pass, REXIAN_PLAIN_PART: no more)
	[ -n "${REXIAN_PLAIN_PART:-}" ] && continue
	# PNG: 800x500 by default (barh grows to give 6 rows room: 110 + 6 x 22 < 500)
	[ "$(png_size $d/a.png)" = 800x500 ] || { echo "$kind png $(png_size $d/a.png)"; exit 1; }
	# SVG: XML, one filled mark in the first colour per point
	python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' $d/a.svg
	if [ $kind = line ] || [ $kind = pchart ]; then
		n=$(grep -c 'fill:rgb(0%,44.7%,69.8%)' $d/a.svg)
		[ "$n" = 6 ] || { echo "$kind svg: $n marks, want 6"; exit 1; }
	fi
done
# more PDFs' text, in the normal pass
if [ -z "${REXIAN_SANITIZED:-}" ]; then
	# the funnel labels the points outside the 99.8% limits: 国网 (88 < 89.52)
	rexian-chart --kind funnel -x department -y satisfaction -o $d/f.pdf $t
	pdftotext $d/f.pdf - | grep -q 国网淄博供电公司
	pdftotext $d/f.pdf - | grep -q 淄博市城市管理局 && { echo "funnel labels a point inside"; exit 1; }
	# PDF page: 800x500 px = 600x375 pt
	python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); m=re.search(rb"/MediaBox \[ *0 0 ([0-9.]+) ([0-9.]+) *\]", d); assert m and float(m.group(1))==600 and float(m.group(2))==375, m' $d/f.pdf
	# SOURCE_DATE_EPOCH sets the PDF date
	SOURCE_DATE_EPOCH=1700000000 rexian-chart -x department -y satisfaction -o $d/e.pdf $t
	grep -aq "CreationDate (20231114221320Z)" $d/e.pdf
fi
[ -z "${REXIAN_PLAIN_PART:-}" ] || exit 0
# --dpi and --size
rexian-chart -x department -y satisfaction --dpi 192 -o $d/big.png $t
[ "$(png_size $d/big.png)" = 1600x1000 ]
rexian-chart -x department -y satisfaction --size 640x400 -o $d/small.png $t
[ "$(png_size $d/small.png)" = 640x400 ]
# -o - writes to standard output
rexian-chart -x department -y satisfaction -o - -f png $t | cmp - <(rexian-chart -x department -y satisfaction -o - --format png $t)
