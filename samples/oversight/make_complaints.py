#!/usr/bin/env python3
"""make_complaints.py: writes complaints.csv, the 投诉 tickets of six
departments in 2022 taken from a rexian-synth dump (seed 2022, 120000
rows), as a people's congress evaluation would receive them.  Run it after
make: it uses the rexian-synth in ../../bin."""
import os
import subprocess

DEPARTMENTS = {'淄博市住建局', '淄博市城管局', '淄博市人社局', '淄博市市场监管局',
               '国网淄博供电公司', '张店区政府'}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    synth = os.path.join(here, '..', '..', 'bin', 'rexian-synth')
    dump = subprocess.run([synth, '--rows', '120000', '--seed', '2022',
                           '--start', '2022-01-01', '--end', '2022-12-31'],
                          check=True, capture_output=True).stdout.decode('utf-8')
    lines = dump.splitlines(keepends=True)
    with open(os.path.join(here, 'complaints.csv'), 'w', encoding='utf-8', newline='') as f:
        f.write(lines[0])
        for line in lines[1:]:
            cols = line.split(',', 7)    # the free text, last, may hold commas
            if cols[3] == '投诉' and cols[6] in DEPARTMENTS:
                f.write(line)


if __name__ == '__main__':
    main()
