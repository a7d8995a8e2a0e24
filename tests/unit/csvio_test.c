/*
 * Differential test: csvio (fast scanner plus libcsv) against libcsv alone,
 * configured as RFC 4180 without trimming, on random inputs built from the
 * bytes that matter (comma, quote, CR, LF, letters, a Chinese character).
 */
#include "../csv_reference.h"
#include "check.h"

int
main(int argc, char **argv)
{
	static const char *const atoms[] = {
		",", "\"", "\"\"", "\n", "\r\n", "a", "bc", "淄博", " ", "\r",
	};
	char buf[256];
	int tried = 0;

	util_init("csvio_test", argv);
	(void)argc;
	srand(12345);
	for (int iter = 0; iter < 20000; iter++) {
		size_t n = 0;
		int k = 1 + rand() % 24;

		for (int i = 0; i < k; i++) {
			const char *a = atoms[rand() % (sizeof(atoms) / sizeof(atoms[0]))];

			memcpy(buf + n, a, strlen(a));
			n += strlen(a);
		}
		int r = differ(buf, n);

		if (r == 1) {
			CHECK(0, "differs on input %d:", iter);
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, " %02x", (unsigned char)buf[i]);
			fputc('\n', stderr);
			break;
		}
		tried += r == 0;
	}
	CHECK(tried > 5000, "only %d inputs were comparable", tried);
	return check_failures != 0;
}
