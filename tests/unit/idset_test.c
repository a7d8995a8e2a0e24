/*
 * idset against a plain hashmap of id -> first where, on ids of every shape
 * the set treats differently: serials with and without prefixes, leading
 * zeros, 18 and 19 digits, ids with no digits, more prefixes than it keeps
 * as runs, and where-values that sometimes go up by one and sometimes jump.
 * Then serials in no order, and the memory of a dump in id order.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hashmap.h"
#include "idset.h"
#include "util.h"

/* Writes a random id of a random shape into buf; returns its length. */
static size_t
random_id(char *buf, size_t cap, unsigned long *serial)
{
	switch (rand() % 8) {
	case 0:		/* a serial jumping back, to meet runs out of order */
		*serial = *serial > 50 ? *serial - (unsigned long)(rand() % 50) : 0;
		return (size_t)snprintf(buf, cap, "ZB%05lu", *serial);
	case 1:		/* the same serial with other digit counts */
		return (size_t)snprintf(buf, cap, "ZB%0*lu", 1 + rand() % 6,
		    (unsigned long)(rand() % 300));
	case 2:		/* no prefix; near 2^12 chunk edges */
		return (size_t)snprintf(buf, cap, "%lu", 4096UL * (unsigned long)(rand() % 4) +
		    (unsigned long)(rand() % 8) - 4 + 8);
	case 3:		/* 18 and 19 digits */
		return (size_t)snprintf(buf, cap, "%s%02d", rand() % 2 ?
		    "1234567890123456" : "12345678901234567", rand() % 20);
	case 4:		/* no digits at the end */
		return (size_t)snprintf(buf, cap, "A%dB", rand() % 40);
	case 5:		/* many prefixes: more than the set keeps as runs */
		return (size_t)snprintf(buf, cap, "P%d-%d", rand() % 6000, rand() % 3);
	default:	/* the next serial: what a dump in order looks like */
		return (size_t)snprintf(buf, cap, "ZB%05lu", ++*serial);
	}
}

static void
check_random(void)
{
	struct idset *s = idset_new();
	struct hashmap *ref = hashmap_new();
	unsigned long serial = 100;
	uint64_t where = 1000;
	char id[64];

	srand(2024);
	for (int i = 0; i < 300000; i++) {
		size_t len = random_id(id, sizeof(id), &serial);
		uint64_t first = 0;
		int added;

		where += rand() % 16 == 0 ? 2 + (uint64_t)(rand() % 5) : 1;
		int dup = idset_add(s, id, len, where, &first);
		size_t e = hashmap_insert(ref, id, len, where, &added);

		CHECK(dup == !added, "%.*s at %llu: idset says %s", (int)len, id,
		    (unsigned long long)where, dup ? "seen" : "new");
		if (dup && !added)
			CHECK(first == hashmap_value(ref, e), "%.*s: first at %llu, "
			    "not %llu", (int)len, id, (unsigned long long)hashmap_value(ref, e),
			    (unsigned long long)first);
		if (check_failures > 10)
			break;
	}
	idset_free(s);
	hashmap_free(ref);
}

/* Runs that meet from both sides merge, and remember every id's where. */
static void
check_merge(void)
{
	struct idset *s = idset_new();
	static const int serial[] = { 5, 7, 6, 3, 4, 9, 8 };
	uint64_t first;

	for (size_t i = 0; i < sizeof(serial) / sizeof(serial[0]); i++) {
		char id[16];
		size_t n = (size_t)snprintf(id, sizeof(id), "X%d", serial[i]);

		CHECK(idset_add(s, id, n, 100 + (uint64_t)serial[i], &first) == 0,
		    "X%d new", serial[i]);
	}
	for (int v = 3; v <= 9; v++) {
		char id[16];
		size_t n = (size_t)snprintf(id, sizeof(id), "X%d", v);

		CHECK(idset_add(s, id, n, 999, &first) == 1 && first == 100 + (uint64_t)v,
		    "X%d first at %llu", v, (unsigned long long)first);
	}
	idset_free(s);
}

/*
 * Serials in no order, each on a line of its own, fill chunks with runs of
 * one until they turn to direct tables: every id still remembers its line.
 */
static void
check_shuffled(void)
{
	struct idset *s = idset_new();
	enum { N = 5000 };
	static unsigned serial[N];
	uint64_t first;
	char id[32];

	for (unsigned i = 0; i < N; i++)
		serial[i] = i;
	srand(7);
	for (unsigned i = N - 1; i > 0; i--) {
		unsigned j = (unsigned)rand() % (i + 1), t = serial[i];

		serial[i] = serial[j];
		serial[j] = t;
	}
	for (unsigned i = 0; i < N; i++) {
		size_t n = (size_t)snprintf(id, sizeof(id), "SH%06u", serial[i]);

		CHECK(idset_add(s, id, n, 10 + 3 * (uint64_t)i, &first) == 0, "%s new", id);
	}
	for (unsigned i = 0; i < N; i++) {
		size_t n = (size_t)snprintf(id, sizeof(id), "SH%06u", serial[i]);

		CHECK(idset_add(s, id, n, 1, &first) == 1 && first == 10 + 3 * (uint64_t)i,
		    "%s first at %llu", id, (unsigned long long)first);
		if (check_failures > 10)
			break;
	}
	CHECK(idset_bytes(s) < 80 * N, "%d shuffled ids take %zu bytes", N,
	    idset_bytes(s));
	idset_free(s);
}

/*
 * Serials near 10^18 use every bit below 2^60: two families must still
 * never share a chunk (2^58 + 5 * 1024 + 7 in the first family, 5 * 1024 +
 * 7 in the second).
 */
static void
check_wide_serials(void)
{
	struct idset *s = idset_new();
	uint64_t first;

	CHECK(idset_add(s, "A288230376151716871", 19, 1, &first) == 0, "A new");
	CHECK(idset_add(s, "B000000000000005127", 19, 2, &first) == 0,
	    "B taken for A (first at %llu)", (unsigned long long)first);
	CHECK(idset_add(s, "A999999999999999999", 19, 3, &first) == 0, "A max new");
	CHECK(idset_add(s, "A999999999999999999", 19, 4, &first) == 1 && first == 3,
	    "A max again");
	idset_free(s);
}

/* A million ids in order on consecutive lines take under half a megabyte. */
static void
check_memory(void)
{
	struct idset *s = idset_new();
	uint64_t first;
	char id[32];

	for (unsigned long i = 0; i < 1000000; i++) {
		size_t n = (size_t)snprintf(id, sizeof(id), "ZB2022%02lu%05lu",
		    1 + i / 40000, 1 + i % 40000);

		idset_add(s, id, n, i + 2, &first);
	}
	CHECK(idset_bytes(s) < 512 * 1024, "1M ordered ids take %zu bytes",
	    idset_bytes(s));
	idset_free(s);
}

int
main(int argc, char **argv)
{
	(void)argc;
	util_init("idset_test", argv);
	check_random();
	check_merge();
	check_shuffled();
	check_wide_serials();
	check_memory();
	return check_failures != 0;
}
