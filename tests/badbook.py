#!/usr/bin/env python3
"""Writes a small .xlsx by hand (stdlib zipfile), whole or broken, for the
golden cases of rexian-ingest's workbook reader.

    badbook.py KIND OUT

KIND: good (two sheets, a formula with its cached value, a boolean, a
1904-free date, an inline string, a number with an exponent), truncated,
corrupt, encrypted, bomb, dimension, cellref, sst-missing, no-workbook,
bad-xml, doctype, ole-encrypted, ole-damaged (an .xls that is not one).
"""
import sys
import zipfile

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

WORKBOOK = f'''<?xml version="1.0" encoding="UTF-8"?>
<workbook {NS}><sheets><sheet name="说明" sheetId="1" r:id="rId1"/>
<sheet name="工单" sheetId="2" r:id="rId2"/></sheets></workbook>'''
RELS = f'''<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="{REL}/styles" Target="styles.xml"/>
</Relationships>'''
STRINGS = ['工单编号', '受理时间', '办结时间', '承办单位', '是否直办', '城管局',
           '教育局']
SST = '<?xml version="1.0" encoding="UTF-8"?>\n<sst %s count="%d">%s</sst>' % (
    NS, len(STRINGS), ''.join(f'<si><t>{s}</t></si>' if i != 5 else
                              f'<si><r><t>城管</t></r><r><t>局</t></r><rPh><t>ジョウ</t></rPh></si>'
                              for i, s in enumerate(STRINGS)))
# style 1: a built-in date-time format (22), 2: a custom Chinese date format
STYLES = f'''<?xml version="1.0" encoding="UTF-8"?>
<styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; h:mm;@"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/></cellXfs></styleSheet>'''


def sheet(rows, dimension='A1:E4'):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<worksheet {NS}><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'''


NOTES = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>说明：本表为示例</t></is></c></row>', 'A1')
GOOD = sheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
    # a numeric id with an exponent, a date-time cell, a formula with its cached date
    '<row r="2"><c r="A2"><v>3.7030320240001E+13</v></c><c r="B2" s="1"><v>45356.378472222219</v></c>'
    '<c r="C2" s="2"><f>B2+1</f><v>45357.378472222219</v></c><c r="D2" t="s"><v>5</v></c>'
    '<c r="E2" t="b"><v>1</v></c></row>'
    '<row r="3"></row>'
    # a formula whose cached value is text; a cell with no cached value; TRUE
    '<row r="4"><c r="A4" t="str"><f>"A"&amp;"9"</f><v>A9</v></c><c r="B4" s="1"><v>45356</v></c>'
    '<c r="C4" s="2"><f>B4+1</f></c><c r="D4" t="inlineStr"><is><t>教育局</t></is></c>'
    '<c r="E4" t="b"><v>0</v></c></row>')


def parts(kind):
    p = {'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS,
         'xl/sharedStrings.xml': SST, 'xl/styles.xml': STYLES,
         'xl/worksheets/sheet1.xml': NOTES, 'xl/worksheets/sheet2.xml': GOOD}
    if kind == 'dimension':
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('A1:E4', 'A1:XFE4')
    elif kind == 'cellref':
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('r="E4"', 'r="E2000000"')
    elif kind == 'sst-missing':
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('<v>5</v>', '<v>99</v>')
    elif kind == 'no-workbook':
        p = {'word/document.xml': '<document/>'}
    elif kind == 'bad-xml':
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('</row><row r="3">', '</rw><row r="3">')
    elif kind == 'doctype':
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('<worksheet', '<!DOCTYPE worksheet>\n<worksheet')
    elif kind == 'bomb':
        # 24 MiB of blanks between two rows deflate about a thousandfold:
        # past the 16 MiB any entry may inflate to, at over 250 times
        p['xl/worksheets/sheet2.xml'] = GOOD.replace('<row r="3">', ' ' * (24 << 20) + '<row r="3">')
    return p


def main():
    kind, out = sys.argv[1], sys.argv[2]
    if kind == 'ole-damaged':
        with open(out, 'wb') as f:
            f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\xff' * 2048)
        return
    if kind == 'ole-encrypted':
        # an OLE2 file whose directory names the EncryptedPackage stream,
        # as Office writes an .xlsx saved with a password
        with open(out, 'wb') as f:
            f.write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 504 +
                    'EncryptedPackage'.encode('utf-16-le') + b'\0' * 1024)
        return
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts(kind).items():
            z.writestr(name, text.encode('utf-8'))
    data = bytearray(open(out, 'rb').read())
    if kind == 'truncated':
        data = data[:len(data) * 2 // 3]
    elif kind == 'corrupt':
        # the sheet's deflated bytes overwritten, its headers intact
        at = data.index(b'xl/worksheets/sheet2.xml') + len('xl/worksheets/sheet2.xml')
        for i in range(at + 20, at + 120):
            data[i] ^= 0x5a
    elif kind == 'encrypted':
        # the general-purpose "encrypted" bit, in every local and central header
        for sig, off in ((b'PK\x03\x04', 6), (b'PK\x01\x02', 8)):
            i = data.find(sig)
            while i >= 0:
                data[i + off] |= 1
                i = data.find(sig, i + 4)
    open(out, 'wb').write(bytes(data))


if __name__ == '__main__':
    main()
