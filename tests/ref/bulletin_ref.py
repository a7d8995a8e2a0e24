#!/usr/bin/env python3
"""bulletin_ref.py N...: counts of tickets as a Chinese bulletin writes them
(rexian-rate --bulletin-counts), computed independently with exact
fractions (stdlib).

The rule (rexian(7), BULLETIN COUNTS): under 1,000 the count itself; under
10,000 floored to hundreds; from 10,000 in 万 (10^4) and from 10^8 in 亿,
floored to one decimal of the unit while under ten units, else to whole
units; 余 when the floor dropped anything; 件 after.
Prints one line per N.
"""
import math
import sys
from fractions import Fraction


def bulletin(n):
    if n < 1000:
        return '%d件' % n
    if n < 10 ** 4:
        kept, text = n - n % 100, str(n - n % 100)
    else:
        size, unit = (10 ** 8, '亿') if n >= 10 ** 8 else (10 ** 4, '万')
        q = Fraction(n, size)
        if q < 10:
            tenths = math.floor(q * 10)
            kept = tenths * size // 10
            whole, frac = divmod(tenths, 10)
            text = str(whole) + ('.%d' % frac if frac else '') + unit
        else:
            kept = math.floor(q) * size
            text = str(math.floor(q)) + unit
    return text + ('余' if kept < n else '') + '件'


if __name__ == '__main__':
    for a in sys.argv[1:]:
        print(bulletin(int(a)))
