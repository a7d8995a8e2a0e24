#!/usr/bin/env python3
"""Writes a CSV dump as the workbook an office would export, for the tests.

    workbook.py xlsx|xls IN.csv OUT [--sheet NAME] [--title TEXT] [--before NAME]

Cells are typed as a person typing the dump into Excel would get them: a
"YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD" value becomes a date cell with a date
format, digits without a leading zero a number, anything else text.
--title puts a title row and a blank row above the header; --before adds an
empty sheet NAME before the dump's sheet.  xlsx goes through openpyxl, xls
through xlwt (Debian's python3-openpyxl and python3-xlwt).
"""
import argparse
import csv
import datetime
import re

DATETIME = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$')
DATE = re.compile(r'^\d{4}-\d\d-\d\d$')


def typed(v):
    for pattern, form, fmt in ((DATETIME, '%Y-%m-%d %H:%M:%S', 'yyyy-mm-dd hh:mm:ss'),
                               (DATE, '%Y-%m-%d', 'yyyy-mm-dd')):
        if pattern.match(v):
            try:
                return datetime.datetime.strptime(v, form), fmt
            except ValueError:
                return v, None	# 2024-02-30 stays the text it was
    if re.match(r'^[1-9]\d{0,14}$', v):
        return int(v), None
    return v, None


def write_xlsx(rows, a):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    if a.before:
        ws.title = a.before
        ws = wb.create_sheet(a.sheet)
    else:
        ws.title = a.sheet
    if a.title:
        ws.append([a.title])
        ws.append([])
    for row in rows:
        ws.append([typed(v)[0] if v != '' else None for v in row])
    base = 3 if a.title else 1
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            fmt = typed(v)[1]
            if fmt:
                ws.cell(row=base + r, column=c + 1).number_format = fmt
    wb.save(a.out)


def write_xls(rows, a):
    import xlwt
    wb = xlwt.Workbook(encoding='utf-8')
    if a.before:
        wb.add_sheet(a.before)
    ws = wb.add_sheet(a.sheet)
    styles = {}
    base = 0
    if a.title:
        ws.write(0, 0, a.title)
        base = 2
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v == '':
                continue
            val, fmt = typed(v)
            if fmt:
                style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                ws.write(base + r, c, val, style)
            else:
                ws.write(base + r, c, val)
    wb.save(a.out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('kind', choices=('xlsx', 'xls'))
    ap.add_argument('csv')
    ap.add_argument('out')
    ap.add_argument('--sheet', default='工单')
    ap.add_argument('--title')
    ap.add_argument('--before')
    a = ap.parse_args()
    with open(a.csv, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.reader(f))
    (write_xlsx if a.kind == 'xlsx' else write_xls)(rows, a)


if __name__ == '__main__':
    main()
