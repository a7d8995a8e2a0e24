#!/usr/bin/env python3
"""Prints the English words left in a Chinese report's files, one a line.

    english.py FILE...

Reads 说明.md and other markdown outside code (``` blocks and `spans`: the
commands, the profile and the column names quoted as they are), the text
cells of .xlsx workbooks (by openpyxl: Debian's python3-openpyxl) but the
column headed 比率表列名 (the rate tables' column names), the cells of CSV
files, and each page of a PDF (pdftotext -f N -l N).  A word is two ASCII
letters or more; names are not words: rexian, file names, options (--as-of),
the tests and formats named (Wilson, Fisher, Poisson, Excel, WPS, CSV, UTF,
BOM, SHA, PDF, UTC), and the names given as --allow WORD.
Exit status 1 when any word is left.
"""
import argparse
import csv
import re
import subprocess

NAMES = {'rexian', 'Wilson', 'Fisher', 'Poisson', 'Excel', 'WPS', 'CSV', 'UTF', 'BOM',
         'SHA', 'PDF', 'UTC'}
FILE = re.compile(r'[\w.*/-]*\.(csv|pdf|png|md|xlsx|txt|log)\b|SHA256SUMS|rexian\([17]\)'
                  r'|rexian-[a-z]+|(?<!\w)--?[a-z][a-z0-9-]*')
WORD = re.compile(r'[A-Za-z]{2,}')


def words(text, allow):
    text = FILE.sub(' ', text)
    return [w for w in WORD.findall(text) if w not in NAMES and w not in allow]


def markdown(path):
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'```.*?```', ' ', text, flags=re.S)
    return re.sub(r'`[^`\n]*`', ' ', text)


def workbook(path):
    import openpyxl
    out = []
    for ws in openpyxl.load_workbook(path):
        rows = list(ws.iter_rows(values_only=True))
        skip = {i for i, v in enumerate(rows[0] if rows else []) if v == '比率表列名'}
        out += [f'{ws.title}: {v}' for r in rows for i, v in enumerate(r)
                if isinstance(v, str) and i not in skip]
    return '\n'.join(out)


def pages(path):
    info = subprocess.run(['pdfinfo', path], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
    for p in range(1, n + 1):
        yield p, subprocess.run(['pdftotext', '-f', str(p), '-l', str(p), path, '-'],
                                capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--allow', action='append', default=[])
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    allow = set(a.allow)
    left = 0
    for path in a.files:
        if path.endswith('.pdf'):
            texts = [(f'{path} page {p}', t) for p, t in pages(path)]
        elif path.endswith('.xlsx'):
            texts = [(path, workbook(path))]
        elif path.endswith('.csv'):
            rows = csv.reader(open(path, encoding='utf-8-sig', newline=''))
            texts = [(path, '\n'.join(' '.join(r) for r in rows))]
        else:
            texts = [(path, markdown(path))]
        for where, text in texts:
            for line in text.splitlines():
                found = words(line, allow)
                if found:
                    print(f'{where}: {" ".join(found)}: {line.strip()}')
                    left += 1
    return 1 if left else 0


if __name__ == '__main__':
    raise SystemExit(main())
