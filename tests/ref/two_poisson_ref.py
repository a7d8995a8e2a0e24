#!/usr/bin/env python3
"""two_poisson_ref.py: the exact test of two Poisson counts k1 over e1 days
and k2 over e2 days, in its binomial form, with exact fractions (stdlib).

Given k1 + k2 = N, k1 is binomial(N, e1 / (e1 + e2)) when the daily rates
are equal; the two-sided p-value adds the probabilities of every outcome no
more likely than k1 (as R's binom.test and poisson.test do, with the same
relative tolerance 1e-7).  The relative change is 100 (k1/e1 - k2/e2) /
(k2/e2), exactly.

Usage: two_poisson_ref.py K1 E1 K2 E2 ... prints p for each quadruple.
"""
import functools
import sys
from fractions import Fraction
from math import comb


@functools.lru_cache(maxsize=None)
def exact_p(k1, e1, k2, e2):
    n = k1 + k2
    if n == 0:
        return Fraction(1)
    # each probability times (e1 + e2)^n is an integer: compare and add
    # those, so the sum stays exact without reducing fractions on the way
    w = [comb(n, x) * e1 ** x * e2 ** (n - x) for x in range(n + 1)]
    d = w[k1] * (10 ** 7 + 1)
    total = sum(q for q in w if q * 10 ** 7 <= d)
    return min(Fraction(1), Fraction(total, (e1 + e2) ** n))


if __name__ == '__main__':
    a = list(map(int, sys.argv[1:]))
    for i in range(0, len(a), 4):
        print(repr(float(exact_p(*a[i:i + 4]))))
