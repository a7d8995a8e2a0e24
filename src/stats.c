/*
 * stats.c: intervals and tests over GSL's distributions: Wilson, the
 * exact Clopper-Pearson and Garwood bounds solved on GSL's CDFs, the t
 * interval, the two-proportion (z or Fisher), Welch and two-Poisson tests,
 * and the Holm and Benjamini-Hochberg adjustments.
 * The contract is in stats.h.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"

/* GSL's default handler aborts; every edge case is handled here instead. */
static void
stats_quiet_gsl(void)
{
	static int done;

	if (!done) {
		gsl_set_error_handler_off();
		done = 1;
	}
}

double
stats_z(double level)
{
	return gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
}

/* A distribution function of a bound and its density, given a law's
 * parameters. */
struct law {
	double (*f)(double x, const double *arg);
	double (*df)(double x, const double *arg);
};

/*
 * The x in [lo, hi] where the increasing f reaches target, f's density df
 * giving Newton steps from the guess x, each kept inside a bracket that
 * every step narrows; a step that leaves it, or that does not halve the
 * one before it, bisects instead (Numerical Recipes' rtsafe), so the root
 * is found in a few steps from a good guess and still found from a poor
 * one.  It ends when a step moves x only in its last bits, or when steps
 * within 1e-12 of x stop shrinking: f's own rounding (GSL's beta law at
 * 10^9 trials is good to about 1e-9) then moves the root as much as any
 * step could (bisecting on, as the old solver did, ends as far from the
 * true root: mpmath's, checked at 10^5 to 10^9).  GSL's own
 * quantile functions iterate a fixed number of Newton steps from a normal
 * guess with no bracket, which fails (NaN, or a bound on the wrong side
 * of the estimate) once the counts pass about 10^5.
 */
static double
solve(const struct law *law, const double *arg, double target, double x,
    double lo, double hi, double floor, double ceiling)
{
	double last = hi - lo;

	/* the guessed range missed (an extreme level): widen it */
	if (law->f(lo, arg) > target)
		lo = floor;
	while (law->f(hi, arg) < target && hi < ceiling)
		hi = fmin(hi * 2 + 1, ceiling);
	if (!(x > lo && x < hi))
		x = lo + (hi - lo) / 2;
	for (int i = 0; i < 400 && hi - lo > 4 * DBL_EPSILON * hi; i++) {
		double fx = law->f(x, arg) - target, next;

		if (fx == 0)
			return x;
		if (fx < 0)
			lo = x;
		else
			hi = x;
		next = x - fx / law->df(x, arg);
		if (fabs(next - x) <= 4 * DBL_EPSILON * x)
			return x;
		if (!(next > lo && next < hi) || fabs(next - x) > last / 2) {
			if (last <= 1e-12 * x)
				return x;
			next = lo + (hi - lo) / 2;
		}
		last = fabs(next - x);
		x = next;
	}
	return x;
}

/* A range sure to hold a bound near count k of spread about sd, within top. */
static void
bracket(double k, double sd, double top, double *lo, double *hi)
{
	*lo = fmax(k - 12 * sd - 30, 0);
	*hi = fmin(k + 12 * sd + 30, top);
}

void
stats_wilson(int64_t k, int64_t n, double level, double *lo, double *hi)
{
	double z = stats_z(level), z2 = z * z, nd = (double)n, kd = (double)k;

	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	/* the roots of (n + z^2) p^2 - (2k + z^2) p + k^2 / n: the larger one
	 * directly, the smaller from their product, so neither cancels */
	*hi = k == n ? 1 : (2 * kd + z2 + z * sqrt(z2 + 4 * kd * (nd - kd) / nd)) /
	    (2 * (nd + z2));
	*lo = k == 0 ? 0 : kd / nd * (kd / (nd + z2)) / *hi;
}

/* P(X >= k) for X binomial(n, p), as the beta law of p: I_p(k, n - k + 1). */
static double
binomial_upper(double p, const double *kn)
{
	return gsl_sf_beta_inc(kn[0], kn[1] - kn[0] + 1, p);
}

static double
binomial_upper_density(double p, const double *kn)
{
	return gsl_ran_beta_pdf(p, kn[0], kn[1] - kn[0] + 1);
}

static const struct law binomial_law = { binomial_upper, binomial_upper_density };

void
stats_clopper_pearson(int64_t k, int64_t n, double level, double *lo, double *hi)
{
	double a = (1 - level) / 2, nd = (double)n, b0, b1, w0, w1, arg[2];

	stats_quiet_gsl();
	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	bracket((double)k, sqrt((double)k * (double)(n - k) / nd + 1), nd, &b0, &b1);
	/* Wilson's bounds are close to these: the first steps' guesses */
	stats_wilson(k, n, level, &w0, &w1);
	arg[0] = (double)k;
	arg[1] = nd;
	*lo = k == 0 ? 0 : solve(&binomial_law, arg, a, w0, b0 / nd, b1 / nd, 0, 1);
	/* P(X <= k) = a where P(X >= k + 1) = 1 - a */
	arg[0] = (double)k + 1;
	*hi = k == n ? 1 : solve(&binomial_law, arg, 1 - a, w1, b0 / nd, b1 / nd, 0, 1);
}

void
stats_mean_t(int64_t n, double mean, double var, double level, double *lo, double *hi)
{
	double half;

	stats_quiet_gsl();
	if (n < 2) {
		*lo = *hi = NAN;
		return;
	}
	half = gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(n - 1)) *
	    sqrt(fmax(var, 0) / (double)n);
	*lo = mean - half;
	*hi = mean + half;
}

/* P(X >= k) for X Poisson(mu), as the gamma law of mu: P(k, mu). */
static double
poisson_upper(double mu, const double *k)
{
	return gsl_sf_gamma_inc_P(*k, mu);
}

static double
poisson_upper_density(double mu, const double *k)
{
	return gsl_ran_gamma_pdf(mu, *k, 1);
}

static const struct law poisson_law = { poisson_upper, poisson_upper_density };

/* Wilson and Hilferty's approximation to the mu where P(k, mu) = p: the
 * cube root of a gamma variable is nearly normal. */
static double
poisson_guess(double k, double p)
{
	double c = 1 - 1 / (9 * k) + gsl_cdf_ugaussian_Pinv(p) / (3 * sqrt(k));

	return k * c * c * c;
}

void
stats_poisson(int64_t k, double level, double *lo, double *hi)
{
	double a = (1 - level) / 2, kd = (double)k, b0, b1, arg;

	stats_quiet_gsl();
	bracket(kd, sqrt(kd + 1), INFINITY, &b0, &b1);
	arg = kd;
	*lo = k == 0 ? 0 : solve(&poisson_law, &arg, a, poisson_guess(kd, a),
	    fmax(b0, DBL_MIN), b1, DBL_MIN, INFINITY);
	/* P(X <= k) = a where P(X >= k + 1) = 1 - a */
	arg = kd + 1;
	*hi = solve(&poisson_law, &arg, 1 - a, poisson_guess(kd + 1, 1 - a),
	    fmax(b0, DBL_MIN), b1, DBL_MIN, INFINITY);
}

static double
fisher_exact(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	/* the table's margins fix the hypergeometric law of k1; sum the
	 * probabilities of tables no more likely than the one observed */
	unsigned int succ = (unsigned int)(k1 + k2), fail = (unsigned int)(n1 + n2 - k1 - k2);
	unsigned int t = (unsigned int)n1;
	unsigned int lo = t > fail ? t - fail : 0, hi = t < succ ? t : succ;
	double p0 = gsl_ran_hypergeometric_pdf((unsigned int)k1, succ, fail, t), p = 0;

	for (unsigned int x = lo; x <= hi; x++) {
		double px = gsl_ran_hypergeometric_pdf(x, succ, fail, t);

		if (px <= p0 * (1 + 1e-7))
			p += px;
	}
	return p > 1 ? 1 : p;
}

double
stats_two_proportions(int64_t k1, int64_t n1, int64_t k2, int64_t n2, int *fisher)
{
	double pool, se, z, total;
	int64_t ks = k1 + k2, fs = n1 + n2 - k1 - k2;

	stats_quiet_gsl();
	*fisher = 0;
	if (n1 <= 0 || n2 <= 0)
		return NAN;
	total = (double)(n1 + n2);
	if ((double)n1 * ks / total < 5 || (double)n1 * fs / total < 5 ||
	    (double)n2 * ks / total < 5 || (double)n2 * fs / total < 5) {
		*fisher = 1;
		return fisher_exact(k1, n1, k2, n2);
	}
	pool = (double)ks / total;
	se = sqrt(pool * (1 - pool) * (1.0 / n1 + 1.0 / n2));
	if (se == 0)
		return 1;
	z = ((double)k1 / n1 - (double)k2 / n2) / se;
	return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

double
stats_welch(int64_t n1, double m1, double var1, int64_t n2, double m2, double var2)
{
	double v1, v2, se2, t, df;

	stats_quiet_gsl();
	if (n1 < 2 || n2 < 2)
		return NAN;
	v1 = fmax(var1, 0) / (double)n1;
	v2 = fmax(var2, 0) / (double)n2;
	se2 = v1 + v2;
	if (se2 == 0)
		return m1 == m2 ? 1 : 0;
	t = (m1 - m2) / sqrt(se2);
	df = se2 * se2 / (v1 * v1 / (double)(n1 - 1) + v2 * v2 / (double)(n2 - 1));
	return 2 * gsl_cdf_tdist_Q(fabs(t), df);
}

double
stats_poisson_rates(int64_t k1, double e1, int64_t k2, double e2)
{
	double se;

	stats_quiet_gsl();
	if (e1 <= 0 || e2 <= 0 || k1 + k2 == 0)
		return NAN;
	se = sqrt(k1 / (e1 * e1) + k2 / (e2 * e2));
	return 2 * gsl_cdf_ugaussian_Q(fabs(k1 / e1 - k2 / e2) / se);
}

double
stats_normal_p(double z)
{
	return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

double
stats_z_score(int64_t k, int64_t n, double p0)
{
	if (n <= 0 || p0 <= 0 || p0 >= 1)
		return NAN;
	return ((double)k / n - p0) / sqrt(p0 * (1 - p0) / n);
}

/*
 * The conditional test of two Poisson counts: given k1 + k2 = N, k1 is
 * binomial(N, e1 / (e1 + e2)) when the rates are equal.  Two-sided as
 * binom.test: the outcomes no more likely than k1, found on the far side
 * by bisection on the probability, so the cost does not grow with N.
 */
double
stats_poisson_exact(int64_t k1, double e1, int64_t k2, double e2)
{
	unsigned int total, k;
	double p, d, far, tail;

	stats_quiet_gsl();
	if (e1 <= 0 || e2 <= 0 || k1 < 0 || k2 < 0 || k1 + k2 > UINT_MAX)
		return NAN;
	if (k1 + k2 == 0)
		return 1;
	total = (unsigned int)(k1 + k2);
	k = (unsigned int)k1;
	p = e1 / (e1 + e2);
	d = gsl_ran_binomial_pdf(k, p, total) * (1 + 1e-7);
	if ((double)k == p * total)
		return 1;
	if ((double)k < p * total) {
		/* the far side: the first y above the mean with P(y) <= d */
		unsigned int lo = (unsigned int)ceil(p * total), hi = total;

		tail = gsl_cdf_binomial_P(k, p, total);
		if (gsl_ran_binomial_pdf(hi, p, total) > d)
			return fmin(1, tail);
		while (lo < hi) {
			unsigned int mid = lo + (hi - lo) / 2;

			if (gsl_ran_binomial_pdf(mid, p, total) <= d)
				hi = mid;
			else
				lo = mid + 1;
		}
		far = gsl_cdf_binomial_Q(lo - 1, p, total);
	} else {
		unsigned int lo = 0, hi = (unsigned int)floor(p * total);

		tail = gsl_cdf_binomial_Q(k - 1, p, total);
		if (gsl_ran_binomial_pdf(0, p, total) > d)
			return fmin(1, tail);
		/* the last y below the mean with P(y) <= d */
		while (lo < hi) {
			unsigned int mid = lo + (hi - lo + 1) / 2;

			if (gsl_ran_binomial_pdf(mid, p, total) <= d)
				lo = mid;
			else
				hi = mid - 1;
		}
		far = gsl_cdf_binomial_P(lo, p, total);
	}
	return fmin(1, tail + far);
}

struct ranked {
	double p;
	size_t at;
};

static int
by_p(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

int
stats_adjust(double *p, size_t n, enum stats_adjust method)
{
	struct ranked *r = calloc(n + 1, sizeof(*r));
	size_t m = 0;
	double run;

	if (r == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (isfinite(p[i]))
			r[m++] = (struct ranked){ p[i], i };
	qsort(r, m, sizeof(*r), by_p);
	if (method == ADJUST_HOLM) {
		/* step down: (m - j) p(j), never below an earlier one */
		run = 0;
		for (size_t j = 0; j < m; j++) {
			run = fmax(run, fmin(1, (double)(m - j) * r[j].p));
			p[r[j].at] = run;
		}
	} else if (method == ADJUST_BH) {
		/* step up: m p(j) / j, never above a later one */
		run = 1;
		for (size_t j = m; j-- > 0;) {
			run = fmin(run, (double)m * r[j].p / (double)(j + 1));
			p[r[j].at] = run;
		}
	}
	free(r);
	return 0;
}

double
stats_trend_proportions(const int64_t *k, const int64_t *n, const double *x,
    size_t m, double *slope, double *se, double *stat)
{
	long double sn = 0, sk = 0, snx = 0, sxx = 0, skx = 0, pbar, xbar;

	stats_quiet_gsl();
	*slope = *se = *stat = NAN;
	for (size_t i = 0; i < m; i++) {
		if (n[i] <= 0)
			continue;
		sn += n[i];
		sk += k[i];
		snx += (long double)n[i] * x[i];
	}
	if (sn == 0)
		return NAN;
	pbar = sk / sn;
	xbar = snx / sn;
	for (size_t i = 0; i < m; i++) {
		if (n[i] <= 0)
			continue;
		sxx += n[i] * (x[i] - xbar) * (x[i] - xbar);
		skx += k[i] * (x[i] - xbar);
	}
	if (sxx <= 0)
		return NAN;
	*slope = (double)(skx / sxx);
	if (pbar <= 0 || pbar >= 1)
		return NAN;
	*se = (double)sqrtl(pbar * (1 - pbar) / sxx);
	*stat = (*slope / *se) * (*slope / *se);
	return 2 * gsl_cdf_ugaussian_Q(fabs(*slope / *se));
}

double
stats_trend_means(const int64_t *n, const double *mean, const double *var,
    const double *x, size_t m, double *slope, double *se, double *stat, double *df)
{
	long double sn = 0, snx = 0, sny = 0, sxx = 0, sxy = 0, syy = 0, within = 0;
	long double xbar, ybar, rss;

	stats_quiet_gsl();
	*slope = *se = *stat = *df = NAN;
	for (size_t i = 0; i < m; i++) {
		if (n[i] <= 0)
			continue;
		sn += n[i];
		snx += (long double)n[i] * x[i];
		sny += (long double)n[i] * mean[i];
	}
	if (sn == 0)
		return NAN;
	xbar = snx / sn;
	ybar = sny / sn;
	/* around the means, and within periods from their variances, as the
	 * raw sums of squares would cancel to noise */
	for (size_t i = 0; i < m; i++) {
		if (n[i] <= 0)
			continue;
		sxx += n[i] * (x[i] - xbar) * (x[i] - xbar);
		sxy += n[i] * (x[i] - xbar) * (mean[i] - ybar);
		syy += n[i] * (mean[i] - ybar) * (mean[i] - ybar);
		if (n[i] > 1)
			within += (n[i] - 1) * (long double)var[i];
	}
	if (sxx <= 0)
		return NAN;
	*slope = (double)(sxy / sxx);
	if (sn < 3 || !isfinite((double)within))
		return NAN;
	rss = within + syy - sxy * sxy / sxx;
	*df = (double)(sn - 2);
	if (rss <= 0)
		return NAN;
	*se = (double)sqrtl(rss / (sn - 2) / sxx);
	*stat = *slope / *se;
	return 2 * gsl_cdf_tdist_Q(fabs(*stat), *df);
}

double
stats_t(double level, double df)
{
	stats_quiet_gsl();
	return gsl_cdf_tdist_Pinv(0.5 + level / 2, df);
}
