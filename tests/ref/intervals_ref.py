#!/usr/bin/env python3
"""intervals_ref.py: confidence intervals computed from their definitions,
independently of rexian (stdlib only), for counts from 0 to 10^9.

Each bound is found by bisection on an exact distribution function:
  Clopper-Pearson  P(X >= k | n, lo) = a/2 and P(X <= k | n, hi) = a/2, X binomial
  Garwood          P(X >= k | lo) = a/2 and P(X <= k | hi) = a/2, X Poisson
  Wilson           |k - n p| = z sqrt(n p (1 - p)), z the normal quantile
  t                mean -+ t s / sqrt(n), t found on the t law's integrated density
The distribution functions sum probabilities term by term; the first term
comes from log-gamma in 50-digit decimal arithmetic (Stirling's series), so
the sum is right to about 1e-12 relative even at n = 10^9.

As a module: binom_cp, poisson_garwood, wilson, t_interval.
Run: prints the cases of tests/scripts/stats-intervals.sh (see there).
"""
import functools
import math
import sys
from decimal import Decimal, getcontext
from fractions import Fraction
from statistics import NormalDist

getcontext().prec = 50

# Bernoulli numbers B2k / (2k (2k - 1)) for Stirling's series
STIRLING = [Fraction(1, 12), Fraction(-1, 360), Fraction(1, 1260),
            Fraction(-1, 1680), Fraction(1, 1188), Fraction(-691, 360360),
            Fraction(1, 156), Fraction(-3617, 122400)]
HALF_LOG_2PI = (Decimal(2) * Decimal('3.14159265358979323846264338327950288419716939937510')).ln() / 2


# (kept: the bisections ask for the same few values thousands of times)
@functools.lru_cache(maxsize=None)
def lgamma_dec(x):
    """log Gamma(x) for x > 0, as a Decimal good to about 40 digits"""
    x = Decimal(x)
    shift = Decimal(0)
    while x < 30:
        shift += x.ln()
        x += 1
    s = (x - Decimal('0.5')) * x.ln() - x + HALF_LOG_2PI
    xp = x
    for c in STIRLING:
        s += Decimal(c.numerator) / Decimal(c.denominator) / xp
        xp *= x * x
    return s - shift


def log_binom_pmf(n, k, p):
    p = Decimal(p)
    return (lgamma_dec(n + 1) - lgamma_dec(k + 1) - lgamma_dec(n - k + 1) +
            (k * p.ln() if k else 0) + ((n - k) * (1 - p).ln() if n > k else 0))


def exp_or_zero(d):
    return 0.0 if d < -745 else math.exp(float(d))


def binom_upper(n, k, p):
    """P(X >= k) for X binomial(n, p), 0 < p < 1"""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    r = p / (1 - p)
    if k > n * p:
        term = exp_or_zero(log_binom_pmf(n, k, p))
        total, j = 0.0, k
        while term > 0 and j <= n:
            total += term
            if term < total * 1e-18:
                break
            term *= (n - j) / (j + 1) * r
            j += 1
        return total
    # the other tail: P(X <= k - 1), summed downward
    term = exp_or_zero(log_binom_pmf(n, k - 1, p))
    total, j = 0.0, k - 1
    while term > 0 and j >= 0:
        total += term
        if term < total * 1e-18:
            break
        term *= j / (n - j + 1) / r
        j -= 1
    return 1.0 - total


def log_poisson_pmf(k, mu):
    mu = Decimal(mu)
    return -mu + (k * mu.ln() if k else 0) - lgamma_dec(k + 1)


def poisson_upper(k, mu):
    """P(X >= k) for X Poisson(mu), mu > 0"""
    if k <= 0:
        return 1.0
    if k > mu:
        term = exp_or_zero(log_poisson_pmf(k, mu))
        total, j = 0.0, k
        while term > 0:
            total += term
            if term < total * 1e-18:
                break
            j += 1
            term *= mu / j
        return total
    term = exp_or_zero(log_poisson_pmf(k - 1, mu))
    total, j = 0.0, k - 1
    while term > 0 and j >= 0:
        total += term
        if term < total * 1e-18:
            break
        term *= j / mu
        j -= 1
    return 1.0 - total


def solve(f, target, lo, hi):
    """x in [lo, hi] with f(x) = target, f increasing: Illinois steps
    (regula falsi that halves the stale end) alternating with bisection, so
    the bracket at least halves every two steps, to full precision"""
    flo, fhi = f(lo) - target, f(hi) - target
    last = 0
    for i in range(600):
        if hi - lo <= 4e-16 * hi:
            break
        x = (lo + hi) / 2
        if i % 2 == 0 and fhi != flo:
            y = lo - flo * (hi - lo) / (fhi - flo)
            if lo < y < hi:
                x = y
        fx = f(x) - target
        if fx == 0:
            return x
        if fx < 0:
            lo, flo = x, fx
            if last < 0:
                fhi /= 2
            last = -1
        else:
            hi, fhi = x, fx
            if last > 0:
                flo /= 2
            last = 1
    return (lo + hi) / 2


def bracket(k, sd, top=math.inf):
    """a range sure to hold the bound near k (in counts), given a spread"""
    return max(0.0, k - 12 * sd - 30), min(top, k + 12 * sd + 30)


def binom_cp(k, n, level=0.95):
    a = (1 - level) / 2
    if k == 0:
        lo = 0.0
    else:
        blo, bhi = bracket(k, math.sqrt(k * (n - k) / n + 1), n)
        lo = solve(lambda p: binom_upper(n, k, p), a,
                   max(blo / n, 1e-300), min(bhi / n, 1 - 1e-16))
    if k == n:
        hi = 1.0
    else:
        # P(X <= k | hi) = a where P(X >= k + 1 | hi) = 1 - a
        blo, bhi = bracket(k, math.sqrt(k * (n - k) / n + 1), n)
        hi = solve(lambda p: binom_upper(n, k + 1, p), 1 - a,
                   max(blo / n, 1e-300), min(bhi / n, 1 - 1e-16))
    return lo, hi


@functools.lru_cache(maxsize=None)
def poisson_garwood(k, level=0.95):
    a = (1 - level) / 2
    blo, bhi = bracket(k, math.sqrt(k + 1))
    lo = 0.0 if k == 0 else solve(lambda m: poisson_upper(k, m), a, max(blo, 1e-300), bhi)
    hi = solve(lambda m: poisson_upper(k + 1, m), 1 - a, max(blo, 1e-300), bhi + 10)
    return lo, hi


def wilson(k, n, level=0.95):
    z = NormalDist().inv_cdf(0.5 + level / 2)

    def score(p):
        return (n * p - k) / math.sqrt(n * p * (1 - p))
    lo = 0.0 if k == 0 else solve(score, -z, 1e-300, min(k / n, 1 - 1e-16))
    hi = 1.0 if k == n else solve(score, z, max(k / n, 1e-300), 1 - 1e-16)
    return lo, hi


def t_density_integral(t, df):
    """P(0 < T < t) by Simpson's rule on the density, split where it bends"""
    logc = float(lgamma_dec(Decimal(df + 1) / 2) - lgamma_dec(Decimal(df) / 2)) - \
        0.5 * math.log(df * math.pi)

    def f(x):
        return math.exp(logc - (df + 1) / 2 * math.log1p(x * x / df))
    total, a = 0.0, 0.0
    while a < t:
        b = min(t, a + 0.25 * max(1.0, a))
        m = 400
        h = (b - a) / m
        s = f(a) + f(b) + sum((4 if i % 2 else 2) * f(a + i * h) for i in range(1, m))
        total += s * h / 3
        a = b
    return total


def t_quantile(df, level=0.95):
    return solve(lambda t: t_density_integral(t, df), level / 2, 0.0, 2000.0)


def t_interval(n, total, sumsq, level=0.95):
    """mean -+ t s / sqrt(n), from exact sums (Fractions)"""
    mean = Fraction(total) / n
    var = (Fraction(sumsq) - Fraction(total) * mean) / (n - 1)
    half = t_quantile(n - 1, level) * math.sqrt(var / n)
    return float(mean) - half, float(mean) + half


COLUMNS = ('tickets,closed,open,direct,resolved,resolved_known,rated,satisfied,'
           'basic,dissatisfied,reasonable_rated,reasonable_satisfied,'
           'reasonable_basic,on_time,on_time_known,duration_n,hours_sum,'
           'hours_sumsq,workdays_sum,hours_le_1,hours_le_4,hours_le_24,'
           'hours_le_48,hours_le_72,hours_le_120,hours_le_240,hours_le_720,'
           'hours_gt_720,days').split(',')
SIZES = [0, 1, 2, 10, 100, 1000, 13000, 171716, 10 ** 6, 10 ** 8, 10 ** 9]


def cases():
    """(k, n) for the proportions, each n also a Poisson count over one day,
    and (n, sum, sum of squares) of hours in 10^-4 and 10^-8 units, some
    with a spread tiny beside the mean, where subtracting sums cancels"""
    props = []
    for n in SIZES:
        for k in sorted({0, 1, 2, n // 3, n // 2, n - 2, n - 1, n}):
            if 0 <= k <= n:
                props.append((k, n))
    means = []
    for n in [2, 3, 30, 1000, 10 ** 6, 10 ** 9]:
        # mean 72 h, spread 50 h: values 22 h and 122 h, half each
        lo, hi = n // 2, n - n // 2
        means.append((n, lo * 220000 + hi * 1220000,
                      lo * 220000 ** 2 + hi * 1220000 ** 2))
        # all 100 h but one at 101 h
        means.append((n, n * 1000000 + 10000,
                      (n - 1) * 1000000 ** 2 + 1010000 ** 2))
    return props, means


def row(key, fields):
    c = dict.fromkeys(COLUMNS, 0)
    c.update(fields)
    c['days'] = 1
    return [key] + [str(c[x]) if x not in ('hours_sum', 'hours_sumsq', 'workdays_sum')
                    else '%d.%0*d' % (c[x] // 10 ** (4 if x != 'hours_sumsq' else 8),
                                      4 if x != 'hours_sumsq' else 8,
                                      c[x] % 10 ** (4 if x != 'hours_sumsq' else 8))
                    for x in COLUMNS]


def write(what, out):
    """what is 'counts' (the counts table for rexian-rate) or 'want' (the
    references, slow: cached by memo.py), written to out"""
    props, means = cases()
    if what == 'counts':
        out.write('case,' + ','.join(COLUMNS) + '\n')
    for k, n in props:
        key = 'p%d/%d' % (k, n)
        if what == 'counts':
            out.write(','.join(row(key, {'tickets': n, 'closed': n, 'rated': n,
                                         'satisfied': k, 'dissatisfied': n - k})) + '\n')
            continue
        for name, (lo, hi) in (('wilson', wilson(k, n)),
                               ('exact', binom_cp(k, n) if n else (0, 1))):
            if n:
                out.write('%s,%s,satisfaction,%r,%r,%r\n' % (name, key, 100 * k / n,
                                                            100 * lo, 100 * hi))
        lo, hi = poisson_garwood(n)
        out.write('any,%s,daily,%r,%r,%r\n' % (key, float(n), lo, hi))
    for n, total, sumsq in means:
        key = 'm%d/%d/%d' % (n, total, sumsq)
        if what == 'counts':
            out.write(','.join(row(key, {'tickets': n, 'closed': n, 'duration_n': n,
                                         'hours_sum': total, 'hours_sumsq': sumsq})) + '\n')
            continue
        lo, hi = t_interval(n, Fraction(total, 10 ** 4), Fraction(sumsq, 10 ** 8))
        out.write('any,%s,mean_days,%r,%r,%r\n' % (key, total / 1e4 / n / 24,
                                                   max(lo, 0) / 24, hi / 24))


def check(d):
    """compares DIR/wilson.csv and DIR/exact.csv (rexian-rate -d 8) with
    DIR/want.csv; checks lo <= estimate <= hi and bounds monotone in k"""
    import csv
    got = {}
    for ci in ('wilson', 'exact'):
        with open('%s/%s.csv' % (d, ci)) as f:
            for r in csv.DictReader(f):
                got[ci, r['case']] = r
    bad = 0
    with open(d + '/want.csv') as f:
        for ci, key, metric, est, lo, hi in csv.reader(f):
            r = got['wilson' if ci == 'any' else ci, key]
            for what, want in (('', est), ('_lo', lo), ('_hi', hi)):
                g, want = r[metric + what], float(want)
                if g == '' or abs(float(g) - want) > 0.6e-8 + 1e-11 * abs(want):
                    print('%s %s %s%s: got %s, want %.10f' % (ci, key, metric, what, g, want))
                    bad += 1
    for ci in ('wilson', 'exact'):
        prev = None
        props = sorted((tuple(map(int, key[1:].split('/')))[::-1], r)
                       for (c, key), r in got.items()
                       if c == ci and key.startswith('p') and r['satisfaction'] != '')
        for (n, k), r in props:
            lo, est, hi = (float(r['satisfaction' + x]) for x in ('_lo', '', '_hi'))
            if not lo <= est <= hi:
                print('%s p%d/%d: not lo <= estimate <= hi' % (ci, k, n))
                bad += 1
            if prev and prev[1] == n and prev[0] < k and (lo < prev[2] or hi < prev[3]):
                print('%s p%d/%d: bounds fall as k grows' % (ci, k, n))
                bad += 1
            prev = (k, n, lo, hi)
    return bad


if __name__ == '__main__':
    if sys.argv[1] in ('counts', 'want'):
        write(sys.argv[1], sys.stdout)
    else:
        sys.exit(1 if check(sys.argv[2]) else 0)
