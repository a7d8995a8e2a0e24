/*
 * The intervals' properties on a dense grid of counts from 0 to 10^9 and
 * several levels: lo <= estimate <= hi, 0 <= lo and hi <= 1 for
 * proportions, both bounds never falling as k grows, and a higher level
 * never giving a narrower interval.  The values themselves are checked
 * against Python in tests/scripts/stats-intervals.sh.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "stats.h"

typedef void interval_fn(int64_t k, int64_t n, double level, double *lo, double *hi);

static void
poisson_of(int64_t k, int64_t n, double level, double *lo, double *hi)
{
	(void)n;
	stats_poisson(k, level, lo, hi);
}

/* Counts near 0, near n and spread between, in increasing order. */
static int
grid(int64_t n, int64_t *k)
{
	int m = 0;

	for (int64_t j = 0; j <= 20 && j <= n; j++)
		k[m++] = j;
	for (int i = 1; i < 40; i++) {
		int64_t j = (int64_t)((double)n * i / 40);

		if (j > k[m - 1] && j < n - 20)
			k[m++] = j;
	}
	for (int64_t j = n - 20; j <= n; j++)
		if (j > k[m - 1])
			k[m++] = j;
	return m;
}

static void
check_method(const char *name, interval_fn *f, int proportion)
{
	static const double levels[] = { 0.5, 0.9, 0.95, 0.998, 0.999999 };
	int64_t k[128];

	for (int64_t n = 1; n <= 1000000000; n *= 10)
		for (int l = 0; l < 5; l++) {
			double plo = -1, phi = -1, level = levels[l];
			int m = grid(n, k);

			for (int i = 0; i < m; i++) {
				double lo, hi, wlo, whi;
				double est = proportion ? (double)k[i] / (double)n : (double)k[i];

				f(k[i], n, level, &lo, &hi);
				CHECK(isfinite(lo) && isfinite(hi), "%s %lld/%lld %g: not finite",
				    name, (long long)k[i], (long long)n, level);
				CHECK(lo <= est && est <= hi, "%s %lld/%lld %g: %.17g %.17g",
				    name, (long long)k[i], (long long)n, level, lo, hi);
				CHECK(lo >= 0 && (!proportion || hi <= 1), "%s %lld/%lld %g: "
				    "outside the range", name, (long long)k[i], (long long)n,
				    level);
				CHECK(lo >= plo && hi >= phi, "%s %lld/%lld %g: falls with k",
				    name, (long long)k[i], (long long)n, level);
				if (l > 0) {
					f(k[i], n, levels[l - 1], &wlo, &whi);
					CHECK(lo <= wlo && hi >= whi, "%s %lld/%lld %g: "
					    "narrower than at %g", name, (long long)k[i],
					    (long long)n, level, levels[l - 1]);
				}
				plo = lo;
				phi = hi;
			}
		}
}

/*
 * Holm and Benjamini-Hochberg on worked examples.  Four p-values by hand:
 * sorted 0.005 0.01 0.03 0.04; Holm 4 x 0.005 = 0.02, 3 x 0.01 = 0.03,
 * 2 x 0.03 = 0.06, 1 x 0.04 = 0.04 raised to 0.06; BH 4/1 x 0.005 = 0.02,
 * 4/2 x 0.01 = 0.02, 4/3 x 0.03 = 0.04, 4/4 x 0.04 = 0.04.  Benjamini and
 * Hochberg (1995), section 4: of their fifteen p-values BH at 0.05 rejects
 * the four smallest; Holm rejects three (15 x 0.0001, 14 x 0.0004, 13 x
 * 0.0019 = 0.0247 are under 0.05, 12 x 0.0095 = 0.114 is not).
 */
static void
check_adjust(void)
{
	static const double four[] = { 0.01, 0.04, 0.03, 0.005 };
	static const double holm[] = { 0.03, 0.06, 0.06, 0.02 };
	static const double bh[] = { 0.02, 0.04, 0.04, 0.02 };
	static const double bh95[] = { 0.0001, 0.0004, 0.0019, 0.0095, 0.0201,
	    0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528,
	    0.7590, 1.000 };
	double p[16];
	int n;

	for (int method = ADJUST_HOLM; method <= ADJUST_BH; method++) {
		const double *want = method == ADJUST_HOLM ? holm : bh;

		memcpy(p, four, sizeof(four));
		p[4] = NAN;
		CHECK(stats_adjust(p, 5, (enum stats_adjust)method) == 0, "adjust failed");
		for (int i = 0; i < 4; i++)
			CHECK(fabs(p[i] - want[i]) < 1e-12, "adjust %d [%d]: %g, want %g",
			    method, i, p[i], want[i]);
		CHECK(isnan(p[4]), "adjust %d: NaN not left alone", method);
		memcpy(p, bh95, sizeof(bh95));
		stats_adjust(p, 15, (enum stats_adjust)method);
		n = 0;
		for (int i = 0; i < 15; i++)
			n += p[i] <= 0.05;
		CHECK(n == (method == ADJUST_HOLM ? 3 : 4), "adjust %d: %d rejected",
		    method, n);
		CHECK(fabs(p[2] - (method == ADJUST_HOLM ? 13 * 0.0019 : 15 * 0.0019 / 3)) <
		    1e-12, "adjust %d: third %g", method, p[2]);
	}
}

int
main(void)
{
	double lo, hi;

	check_adjust();
	check_method("wilson", stats_wilson, 1);
	check_method("clopper-pearson", stats_clopper_pearson, 1);
	check_method("garwood", poisson_of, 0);
	/* n = 0 knows nothing; k = 0 and k = n close at their ends */
	stats_clopper_pearson(0, 0, 0.95, &lo, &hi);
	CHECK(lo == 0 && hi == 1, "clopper-pearson 0/0: %g %g", lo, hi);
	stats_wilson(0, 0, 0.95, &lo, &hi);
	CHECK(lo == 0 && hi == 1, "wilson 0/0: %g %g", lo, hi);
	/* t: symmetric about the mean, wider for fewer values */
	for (int64_t n = 2; n <= 1000000000; n *= 10) {
		double lo2, hi2;

		stats_mean_t(n, 72, 2500, 0.95, &lo, &hi);
		stats_mean_t(n * 10, 72, 2500, 0.95, &lo2, &hi2);
		CHECK(lo < 72 && hi > 72 && fabs((hi - 72) - (72 - lo)) < 1e-9 * hi,
		    "t %lld: %g %g", (long long)n, lo, hi);
		CHECK(hi - lo > hi2 - lo2, "t %lld: no wider than at 10n", (long long)n);
	}
	stats_mean_t(1, 72, 0, 0.95, &lo, &hi);
	CHECK(isnan(lo) && isnan(hi), "t of one value: %g %g", lo, hi);
	return check_failures != 0;
}
