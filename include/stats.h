/*
 * stats: intervals and tests for rates, the only user of GSL.
 *
 * Proportions are k successes of n; level is the confidence level (0.95).
 * Every function is defined for k = 0, k = n and n = 0: an interval over
 * n = 0 is [0, 1] (nothing is known), a test with an empty side gives NaN,
 * which callers print as empty.  Only stats_adjust allocates, scratch it
 * frees before returning.
 */
#ifndef REXIAN_STATS_H
#define REXIAN_STATS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The intervals hold for counts from 0 to 10^9 and any level: each bound
 * is the root of the exact distribution function (binomial, Poisson),
 * found to its last bits or to its own rounding (1e-12 of the bound at
 * worst), so lo <= estimate <= hi and both move up with k.
 */
/* Wilson score interval for k of n. */
void stats_wilson(int64_t k, int64_t n, double level, double *lo, double *hi);
/* Clopper-Pearson ("exact") interval for k of n, from beta quantiles. */
void stats_clopper_pearson(int64_t k, int64_t n, double level, double *lo, double *hi);
/* t interval for a mean of n values with sample variance var. */
void stats_mean_t(int64_t n, double mean, double var, double level,
    double *lo, double *hi);
/* Exact (Garwood) interval for a Poisson count k; divide by exposure. */
void stats_poisson(int64_t k, double level, double *lo, double *hi);

/*
 * Two-sided p-value that k1/n1 and k2/n2 differ: Fisher's exact test when
 * an expected cell count is under 5, else the pooled two-proportion z test.
 * *fisher says which was used.
 */
double stats_two_proportions(int64_t k1, int64_t n1, int64_t k2, int64_t n2,
    int *fisher);
/* Welch's t test that two means differ, from n, mean and sample variance. */
double stats_welch(int64_t n1, double m1, double var1, int64_t n2, double m2,
    double var2);
/* Two-sided p-value that two Poisson rates k1/e1 and k2/e2 differ (z test). */
double stats_poisson_rates(int64_t k1, double e1, int64_t k2, double e2);
/*
 * The same by the exact conditional test: k1 given k1 + k2 is binomial
 * with p = e1 / (e1 + e2); two-sided by adding the outcomes no more likely
 * than k1 (as binom.test).  NaN past 2^32 - 1 tickets together.
 */
double stats_poisson_exact(int64_t k1, double e1, int64_t k2, double e2);

enum stats_adjust { ADJUST_NONE, ADJUST_HOLM, ADJUST_BH };
/*
 * Adjusts the n p-values in place for multiple comparisons: Holm's step
 * down (family-wise error) or Benjamini-Hochberg's step up (false
 * discovery rate).  NaN entries are left alone and not counted.  Returns
 * 0, or -1 when out of memory (p untouched).
 */
int stats_adjust(double *p, size_t n, enum stats_adjust method);

/*
 * Trend across ordered periods at scores x[0..m) (a period's place in
 * time).  Both return the two-sided p-value, NaN when there is no test
 * (fewer than two scores with data, or nothing varies), and set *slope
 * (the change per unit of score), *se (its standard error) and *stat.
 *
 * stats_trend_proportions: the Cochran-Armitage test for trend in the
 * proportions k[i] of n[i], as R's prop.trend.test: the slope of the
 * n-weighted least-squares line through k[i] / n[i], its standard error
 * under no trend, *stat the chi-squared statistic (1 degree of freedom).
 */
double stats_trend_proportions(const int64_t *k, const int64_t *n, const double *x,
    size_t m, double *slope, double *se, double *stat);
/*
 * stats_trend_means: the ordinary least-squares slope of the individual
 * values on the scores, from each period's count n[i], mean[i] and sample
 * variance var[i] (the within-period sums of squares); *stat its t with
 * *df = N - 2 degrees of freedom.  A var[i] that is NaN with n[i] > 1
 * leaves the slope without a standard error, test or NaN p.
 */
double stats_trend_means(const int64_t *n, const double *mean, const double *var,
    const double *x, size_t m, double *slope, double *se, double *stat, double *df);
/* The t quantile q with P(|T| < q) = level for df degrees of freedom. */
double stats_t(double level, double df);

/* The standard normal quantile z with P(|Z| < z) = level. */
double stats_z(double level);
/* The two-sided p-value of a standard normal z. */
double stats_normal_p(double z);
/* The z score of k of n against the proportion p0. */
double stats_z_score(int64_t k, int64_t n, double p0);

#endif
