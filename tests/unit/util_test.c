/* out_fixed against decimal text worked out by hand, across 2^64. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "util.h"

int
main(int argc, char **argv)
{
	static const unsigned __int128 two64 = (unsigned __int128)1 << 64;
	const struct {
		__int128 v;
		int scale;
		const char *want;
	} cases[] = {
		{ 0, 0, "0" }, { 0, 4, "0.0000" }, { -5, 2, "-0.05" },
		{ 12345, 0, "12345" }, { -1, 0, "-1" }, { 31250, 4, "3.1250" },
		{ (__int128)UINT64_MAX, 0, "18446744073709551615" },
		{ (__int128)two64, 0, "18446744073709551616" },
		{ (__int128)two64 + 5, 4, "1844674407370955.1621" },
		{ -(__int128)two64, 19, "-1.8446744073709551616" },
		{ (__int128)(~(unsigned __int128)0 >> 1), 0,
		    "170141183460469231731687303715884105727" },
		{ -(__int128)(~(unsigned __int128)0 >> 1) - 1, 3,
		    "-170141183460469231731687303715884105.728" },
	};
	FILE *f = tmpfile();
	struct out o;
	char got[64];

	(void)argc;
	util_init("util_test", argv);
	if (f == NULL)
		die_errno("tmpfile");
	/* the writer closes its own descriptor; f keeps the file */
	out_fd(&o, dup(fileno(f)), "tmpfile");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ssize_t n;

		if (ftruncate(fileno(f), 0) != 0)
			die_errno("ftruncate");
		out_fixed(&o, cases[i].v, cases[i].scale);
		out_flush(&o);
		n = pread(fileno(f), got, sizeof(got) - 1, 0);
		got[n > 0 ? n : 0] = '\0';
		CHECK(strcmp(got, cases[i].want) == 0, "case %zu: %s, want %s", i,
		    got, cases[i].want);
		if (lseek(fileno(f), 0, SEEK_SET) != 0)
			die_errno("lseek");
	}
	out_close(&o);
	fclose(f);
	return check_failures != 0;
}
