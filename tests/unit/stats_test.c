/*
 * The intervals' properties on a dense grid of counts from 0 to 10^9 and
 * several levels: lo <= estimate <= hi, 0 <= lo and hi <= 1 for
 * proportions, both bounds never falling as k grows, and a higher level
 * never giving a narrower interval.  The values themselves are checked
 * against Python in tests/scripts/stats-intervals.sh.
 */
#include <math.h>
#include <stdint.h>

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

int
main(void)
{
	double lo, hi;

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
