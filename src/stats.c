#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <math.h>

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

void
stats_wilson(int64_t k, int64_t n, double level, double *lo, double *hi)
{
	double z = stats_z(level), z2 = z * z, p, centre, half;

	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = (double)k / (double)n;
	centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
	half = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
	*lo = k == 0 ? 0 : centre - half;
	*hi = k == n ? 1 : centre + half;
}

void
stats_clopper_pearson(int64_t k, int64_t n, double level, double *lo, double *hi)
{
	double a = (1 - level) / 2;

	stats_quiet_gsl();
	if (n <= 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	*lo = k == 0 ? 0 : gsl_cdf_beta_Pinv(a, (double)k, (double)(n - k + 1));
	*hi = k == n ? 1 : gsl_cdf_beta_Qinv(a, (double)(k + 1), (double)(n - k));
}

void
stats_mean_t(int64_t n, double sum, double sumsq, double level, double *lo, double *hi)
{
	double mean, var, half;

	stats_quiet_gsl();
	if (n < 2) {
		*lo = *hi = NAN;
		return;
	}
	mean = sum / n;
	var = (sumsq - sum * mean) / (n - 1);
	if (var < 0)
		var = 0;
	half = gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(n - 1)) * sqrt(var / n);
	*lo = mean - half;
	*hi = mean + half;
}

void
stats_poisson(int64_t k, double level, double *lo, double *hi)
{
	double a = (1 - level) / 2;

	stats_quiet_gsl();
	*lo = k == 0 ? 0 : gsl_cdf_chisq_Pinv(a, 2.0 * k) / 2;
	*hi = gsl_cdf_chisq_Qinv(a, 2.0 * k + 2) / 2;
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
stats_welch(int64_t n1, double s1, double q1, int64_t n2, double s2, double q2)
{
	double m1, m2, v1, v2, se2, t, df;

	stats_quiet_gsl();
	if (n1 < 2 || n2 < 2)
		return NAN;
	m1 = s1 / n1;
	m2 = s2 / n2;
	v1 = fmax((q1 - s1 * m1) / (n1 - 1), 0) / n1;
	v2 = fmax((q2 - s2 * m2) / (n2 - 1), 0) / n2;
	se2 = v1 + v2;
	if (se2 == 0)
		return m1 == m2 ? 1 : 0;
	t = (m1 - m2) / sqrt(se2);
	df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
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
stats_z_score(int64_t k, int64_t n, double p0)
{
	if (n <= 0 || p0 <= 0 || p0 >= 1)
		return NAN;
	return ((double)k / n - p0) / sqrt(p0 * (1 - p0) / n);
}
