/*
 * idset.c: the duplicate-id check: runs of serial ids kept as ranges, other ids
 * in a hashmap, each with the file and line where it was first seen.
 * The contract is in idset.h.
 */
#include <stdlib.h>
#include <string.h>

#include "hashmap.h"
#include "idset.h"
#include "util.h"

enum {
	MAX_DIGITS = 18,	/* 10^18 - 1 fits below 2^60 */
	MAX_FAMILIES = 4096,	/* prefix and digit count pairs kept as runs */
	LOW_BITS = 10,		/* a chunk covers 1024 consecutive serials */
	DIRECT_RUNS = 128,	/* runs in a chunk before it turns direct */
	LOW_MASK = (1 << LOW_BITS) - 1,
	FAMILY_KEY_MAX = 64,	/* a family's key: a prefix of up to 63 bytes */
	/* serials are below 2^60, so a chunk's hi below 2^(60 - LOW_BITS):
	 * the family goes above that in the chunk key (4096 < 2^12 fit) */
	FAMILY_SHIFT = 60 - LOW_BITS,
};

/*
 * The serials of one family in [hi << 10, (hi + 1) << 10), kept in an
 * open-addressing table by key = family << FAMILY_SHIFT | hi, so that
 * finding one is one cache miss.  Runs are sorted by their first serial
 * and never overlap: run i holds serials SPAN_LOW(span[i]) .. +
 * SPAN_COUNT(span[i]) - 1, first seen at where[i] .. + count - 1.  Ids in
 * no order make a run each, and inserting among many runs moves many, so
 * past DIRECT_RUNS a chunk keeps where + 1 for each serial in direct[]
 * instead (0: not seen): 8 KiB, at most 64 bytes an id, 8 when the chunk
 * is full.
 */
struct chunk {
	uint64_t key;		/* EMPTY_KEY: a free slot */
	uint32_t *span;		/* low | count << 16 */
	uint64_t *where;
	uint64_t *direct;	/* 1 << LOW_BITS entries, or NULL */
	uint32_t n, cap;
};

#define EMPTY_KEY UINT64_MAX
#define SPAN(low, count) ((uint32_t)(low) | (uint32_t)(count) << 16)
#define SPAN_LOW(span) ((span) & 0xffff)
#define SPAN_COUNT(span) ((span) >> 16)

struct idset {
	struct hashmap *other;		/* ids not of the numbered form */
	struct hashmap *family;		/* prefix + digit count -> family */
	struct chunk *chunk;		/* the table, nslots a power of two */
	size_t nslots, nchunks;
	/* the last family and chunk used: a dump in order hits them again */
	char last_key[FAMILY_KEY_MAX + 1];
	size_t last_keylen;
	size_t last_family;
	struct chunk *last_chunk;
	int has_last_family;
};

/* A table of nslots free chunk slots; the caller frees it. */
static struct chunk *
chunk_table_new(size_t nslots)
{
	struct chunk *t = xcalloc(nslots, sizeof(*t));

	for (size_t i = 0; i < nslots; i++)
		t[i].key = EMPTY_KEY;
	return t;
}

struct idset *
idset_new(void)
{
	struct idset *s = xcalloc(1, sizeof(*s));

	s->other = hashmap_new();
	s->family = hashmap_new();
	s->nslots = 64;
	s->chunk = chunk_table_new(s->nslots);
	return s;
}

void
idset_free(struct idset *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nslots; i++) {
		free(s->chunk[i].span);
		free(s->chunk[i].where);
		free(s->chunk[i].direct);
	}
	free(s->chunk);
	hashmap_free(s->other);
	hashmap_free(s->family);
	free(s);
}

size_t
idset_bytes(const struct idset *s)
{
	size_t n = sizeof(*s) + s->nslots * sizeof(*s->chunk) +
	    hashmap_bytes(s->other) + hashmap_bytes(s->family);

	for (size_t i = 0; i < s->nslots; i++)
		n += s->chunk[i].cap * (sizeof(uint32_t) + sizeof(uint64_t)) +
		    (s->chunk[i].direct != NULL ? (1 << LOW_BITS) * sizeof(uint64_t) : 0);
	return n;
}

/*
 * The family of a prefix and digit count (key: the prefix, then the count
 * as one byte), creating it while fewer than MAX_FAMILIES exist: 0, or -1
 * when the id must go to the hashmap.  Whether a family exists only ever
 * changes from no to yes, and only while creating is allowed, so an id
 * takes the same way every time it comes.
 */
static int
find_family(struct idset *s, const char *key, size_t keylen, size_t *family)
{
	long f;
	int added;

	if (s->has_last_family && keylen == s->last_keylen &&
	    memcmp(key, s->last_key, keylen) == 0) {
		*family = s->last_family;
		return 0;
	}
	f = hashmap_find(s->family, key, keylen);
	if (f < 0) {
		if (hashmap_count(s->family) >= MAX_FAMILIES)
			return -1;
		f = (long)hashmap_insert(s->family, key, keylen, 0, &added);
	}
	*family = (size_t)f;
	memcpy(s->last_key, key, keylen);
	s->last_keylen = keylen;
	s->last_family = *family;
	s->has_last_family = 1;
	return 0;
}

/* The slot of key in a table of nslots: its chunk, or the free slot for it. */
static struct chunk *
chunk_slot(struct chunk *t, size_t nslots, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (nslots - 1);

	while (t[i].key != key && t[i].key != EMPTY_KEY)
		i = (i + 1) & (nslots - 1);
	return &t[i];
}

static struct chunk *
find_chunk(struct idset *s, size_t family, uint64_t hi)
{
	uint64_t key = (uint64_t)family << FAMILY_SHIFT | hi;
	struct chunk *c;

	if (s->last_chunk != NULL && s->last_chunk->key == key)
		return s->last_chunk;
	c = chunk_slot(s->chunk, s->nslots, key);
	if (c->key == EMPTY_KEY) {
		if (2 * (s->nchunks + 1) > s->nslots) {
			size_t n = s->nslots * 2;
			struct chunk *t = chunk_table_new(n);

			for (size_t i = 0; i < s->nslots; i++)
				if (s->chunk[i].key != EMPTY_KEY)
					*chunk_slot(t, n, s->chunk[i].key) = s->chunk[i];
			free(s->chunk);
			s->chunk = t;
			s->nslots = n;
			c = chunk_slot(t, n, key);
		}
		c->key = key;
		s->nchunks++;
	}
	s->last_chunk = c;
	return c;
}

/* Makes room for a run at position i of c, moving the runs after it up. */
static void
open_run(struct chunk *c, uint32_t i)
{
	if (c->n == c->cap) {
		size_t cap = c->cap, need = (size_t)c->n + 1;

		xgrow(&c->span, &cap, need, sizeof(*c->span));
		cap = c->cap;
		xgrow(&c->where, &cap, need, sizeof(*c->where));
		c->cap = (uint32_t)cap;
	}
	memmove(c->span + i + 1, c->span + i, (c->n - i) * sizeof(*c->span));
	memmove(c->where + i + 1, c->where + i, (c->n - i) * sizeof(*c->where));
	c->n++;
}

static void
close_run(struct chunk *c, uint32_t i)
{
	c->n--;
	memmove(c->span + i, c->span + i + 1, (c->n - i) * sizeof(*c->span));
	memmove(c->where + i, c->where + i + 1, (c->n - i) * sizeof(*c->where));
}

/* Turns chunk c's runs into its direct table. */
static void
make_direct(struct chunk *c)
{
	c->direct = xcalloc(1 << LOW_BITS, sizeof(*c->direct));
	for (uint32_t i = 0; i < c->n; i++)
		for (uint32_t k = 0; k < SPAN_COUNT(c->span[i]); k++)
			c->direct[SPAN_LOW(c->span[i]) + k] = c->where[i] + k + 1;
	free(c->span);
	free(c->where);
	c->span = NULL;
	c->where = NULL;
	c->n = c->cap = 0;
}

/* Adds serial low, seen at where, to chunk c; the contract of idset_add. */
static int
chunk_add(struct chunk *c, unsigned low, uint64_t where, uint64_t *first)
{
	uint32_t lo = 0, hi = c->n;

	if (c->direct != NULL) {
		if (c->direct[low] != 0) {
			*first = c->direct[low] - 1;
			return 1;
		}
		c->direct[low] = where + 1;
		return 0;
	}

	/* i: the number of runs that start at or below low */
	if (c->n > 0 && SPAN_LOW(c->span[c->n - 1]) <= low)
		lo = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (SPAN_LOW(c->span[mid]) <= low)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t i = lo;

	if (i > 0) {
		uint32_t p = i - 1, start = SPAN_LOW(c->span[p]);
		uint32_t count = SPAN_COUNT(c->span[p]);

		if (low < start + count) {
			*first = c->where[p] + (low - start);
			return 1;
		}
		if (low == start + count && where == c->where[p] + count) {
			count++;
			/* the gap to the next run may now be closed */
			if (i < c->n && SPAN_LOW(c->span[i]) == low + 1 &&
			    c->where[i] == where + 1) {
				count += SPAN_COUNT(c->span[i]);
				close_run(c, i);
			}
			c->span[p] = SPAN(start, count);
			return 0;
		}
	}
	if (i < c->n && SPAN_LOW(c->span[i]) == low + 1 && c->where[i] == where + 1) {
		c->span[i] = SPAN(low, SPAN_COUNT(c->span[i]) + 1);
		c->where[i] = where;
		return 0;
	}
	if (c->n == DIRECT_RUNS) {
		make_direct(c);
		c->direct[low] = where + 1;
		return 0;
	}
	open_run(c, i);
	c->span[i] = SPAN(low, 1);
	c->where[i] = where;
	return 0;
}

int
idset_add(struct idset *s, const char *id, size_t len, uint64_t where,
    uint64_t *first)
{
	size_t ndigits = 0, family;
	uint64_t serial = 0;
	int added;

	/* the trailing digits' value, read from the right in the same pass
	 * (it wraps past MAX_DIGITS, where it is not used) */
	for (uint64_t place = 1; ndigits < len && id[len - 1 - ndigits] >= '0' &&
	    id[len - 1 - ndigits] <= '9'; ndigits++, place *= 10)
		serial += (uint64_t)(id[len - 1 - ndigits] - '0') * place;
	if (ndigits >= 1 && ndigits <= MAX_DIGITS && len - ndigits < FAMILY_KEY_MAX) {
		char key[FAMILY_KEY_MAX + 1];
		size_t prefix = len - ndigits;

		memcpy(key, id, prefix);
		key[prefix] = (char)ndigits;
		if (find_family(s, key, prefix + 1, &family) == 0)
			return chunk_add(find_chunk(s, family, serial >> LOW_BITS),
			    (unsigned)(serial & LOW_MASK), where, first);
	}
	size_t e = hashmap_insert(s->other, id, len, where, &added);

	if (added)
		return 0;
	*first = hashmap_value(s->other, e);
	return 1;
}
