/*
 * idset: the ticket ids seen so far, each with where it was first seen, in
 * memory that grows with how disordered the ids are rather than how many.
 *
 * Hotline systems number tickets as a prefix and a serial: ZB2022070100001,
 * NYC's 59893284.  An id of that form (any prefix not ending in a digit,
 * then 1 to 18 digits) is kept as part of a run: ids that go up by one on
 * where-values that go up by one (consecutive lines) are one run of 12
 * bytes, so a dump in id order costs a few bytes per thousand tickets.
 * Ids in no order cost 8 to 64 bytes each (a table per 1024 serials once
 * runs would be slow to search).  Other ids, and ids of more than 4096
 * distinct prefixes, go to a hashmap: about 40 bytes plus the id.
 *
 * The set is exact: an id is reported again only if the same bytes were
 * added before.  "ZB01" and "ZB1" are different ids.
 */
#ifndef REXIAN_IDSET_H
#define REXIAN_IDSET_H

#include <stddef.h>
#include <stdint.h>

struct idset;

/* A new, empty set; the caller frees it with idset_free. */
struct idset *idset_new(void);
void idset_free(struct idset *s);

/*
 * Adds id[0..len), seen at where (a caller's number such as file and line;
 * runs form only where it goes up by one from id to id): 0.  If the id was
 * added before, returns 1 and leaves the set as it was, with the where of
 * its first addition in *first.
 */
int idset_add(struct idset *s, const char *id, size_t len, uint64_t where,
    uint64_t *first);

/* Bytes the set holds on the heap, for tests and benchmarks. */
size_t idset_bytes(const struct idset *s);

#endif
