/*
 * out_fixed against decimal text worked out by hand, across 2^64; and the
 * shared helpers (fixed_format's plus sign, name_find's case rules and
 * table shapes, split_list, quote_len, err_set) on cases written by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "util.h"

static void
check_helpers(void)
{
	static const char *const plain[] = { "day", "week", "Month" };
	static const struct {
		int n;
		const char *name;
	} table[] = { { 1, "utf-8" }, { 2, "gbk" }, { 3, NULL }, { 4, "after" } };
	char buf[FIXED_MAX], list[] = "a,,b c,", *three = "处理中";
	char **item;
	struct err e;
	int n;

	CHECK(fixed_format(buf, 5, 2, 1) == 5 && strcmp(buf, "+0.05") == 0,
	    "plus: %s", buf);
	CHECK(fixed_format(buf, -5, 2, 1) == 5 && strcmp(buf, "-0.05") == 0,
	    "minus with plus: %s", buf);
	CHECK(fixed_format(buf, 0, 0, 1) == 2 && strcmp(buf, "+0") == 0,
	    "zero: %s", buf);
	CHECK(name_find("week", 4, plain, 3, sizeof(*plain), NAME_EXACT) == 1,
	    "exact");
	CHECK(name_find("month", 5, plain, 3, sizeof(*plain), NAME_EXACT) == -1,
	    "exact is case-sensitive");
	CHECK(name_find("month", 5, plain, 3, sizeof(*plain), NAME_ANY_CASE) == 2,
	    "any case");
	CHECK(name_find("wee", 3, plain, 3, sizeof(*plain), NAME_EXACT) == -1,
	    "a prefix is no match");
	CHECK(name_find("GBK", 3, &table[0].name, 4, sizeof(table[0]),
	    NAME_ANY_CASE) == 1, "a struct member");
	CHECK(name_find("after", 5, &table[0].name, 4, sizeof(table[0]),
	    NAME_EXACT) == -1, "a NULL name ends the table");
	item = split_list(list, &n);
	CHECK(n == 4 && strcmp(item[0], "a") == 0 && strcmp(item[1], "") == 0 &&
	    strcmp(item[2], "b c") == 0 && strcmp(item[3], "") == 0 &&
	    item[4] == NULL, "split_list: %d items", n);
	free(item);
	/* 处理中 is three 3-byte characters: 4 bytes hold one whole one */
	CHECK(quote_len(three, 9, 4) == 3, "quote_len cuts between characters");
	CHECK(quote_len(three, 9, 9) == 9 && quote_len(three, 9, 6) == 6,
	    "quote_len keeps what fits");
	CHECK(err_set(&e, "%s:%d: bad", "f", 2) == -1 && strcmp(e.msg, "f:2: bad") == 0,
	    "err_set: %s", e.msg);
	errno = ENOENT;
	CHECK(err_errno(&e, "f") == -1 &&
	    strcmp(e.msg, "f: No such file or directory") == 0, "err_errno: %s", e.msg);
}

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
	check_helpers();
	return check_failures != 0;
}
