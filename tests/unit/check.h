/* A few lines of test harness shared by the unit tests. */
#ifndef REXIAN_TEST_CHECK_H
#define REXIAN_TEST_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		check_failures++; \
	} \
} while (0)

#endif
