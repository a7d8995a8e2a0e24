#include <stdlib.h>
#include <string.h>

#include "hashmap.h"
#include "idset.h"
#include "util.h"

enum {
	MAX_DIGITS = 18,	/* 10^18 - 1 fits below 2^60 */
	MAX_FAMILIES = 4096,	/* prefix and digit count pairs kept as runs */
	LOW_BITS = 12,		/* a chunk covers 4096 consecutive serials */
	LOW_MASK = (1 << LOW_BITS) - 1,
	FAMILY_KEY_MAX = 64,	/* a family's key: a prefix of up to 63 bytes */
};

/*
 * The serials of one family in [hi << 12, (hi + 1) << 12): runs sorted by
 * their first serial, never overlapping.  Run i holds low[i] .. low[i] +
 * count[i] - 1, first seen at where[i] .. where[i] + count[i] - 1.
 */
struct chunk {
	uint64_t *where;
	uint16_t *low, *count;
	uint32_t n, cap;
};

struct idset {
	struct hashmap *other;		/* ids not of the numbered form */
	struct hashmap *family;		/* prefix + digit count -> family */
	struct hashmap *chunk_of;	/* family << 48 | hi -> chunk */
	struct chunk *chunk;		/* by chunk_of's entry number */
	size_t nchunks, chunkcap;
	/* the last family and chunk used: a dump in order hits them again */
	char last_key[FAMILY_KEY_MAX + 1];
	size_t last_keylen;
	size_t last_family;
	uint64_t last_chunk_key;
	size_t last_chunk;
	int has_last_family, has_last_chunk;
};

struct idset *
idset_new(void)
{
	struct idset *s = xcalloc(1, sizeof(*s));

	s->other = hashmap_new();
	s->family = hashmap_new();
	s->chunk_of = hashmap_new();
	return s;
}

void
idset_free(struct idset *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nchunks; i++) {
		free(s->chunk[i].where);
		free(s->chunk[i].low);
		free(s->chunk[i].count);
	}
	free(s->chunk);
	hashmap_free(s->other);
	hashmap_free(s->family);
	hashmap_free(s->chunk_of);
	free(s);
}

size_t
idset_bytes(const struct idset *s)
{
	size_t n = sizeof(*s) + s->chunkcap * sizeof(*s->chunk) +
	    hashmap_bytes(s->other) + hashmap_bytes(s->family) +
	    hashmap_bytes(s->chunk_of);

	for (size_t i = 0; i < s->nchunks; i++)
		n += s->chunk[i].cap * (sizeof(uint64_t) + 2 * sizeof(uint16_t));
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

static struct chunk *
find_chunk(struct idset *s, size_t family, uint64_t hi)
{
	uint64_t key = (uint64_t)family << 48 | hi;
	char bytes[sizeof(key)];
	size_t i;
	int added;

	if (s->has_last_chunk && key == s->last_chunk_key)
		return &s->chunk[s->last_chunk];
	memcpy(bytes, &key, sizeof(key));
	i = hashmap_insert(s->chunk_of, bytes, sizeof(bytes), 0, &added);
	if (added) {
		xgrow(&s->chunk, &s->chunkcap, i + 1, sizeof(*s->chunk));
		memset(&s->chunk[i], 0, sizeof(s->chunk[i]));
		s->nchunks = i + 1;
	}
	s->last_chunk_key = key;
	s->last_chunk = i;
	s->has_last_chunk = 1;
	return &s->chunk[i];
}

/* Makes room for a run at position i of c, moving the runs after it up. */
static void
open_run(struct chunk *c, uint32_t i)
{
	if (c->n == c->cap) {
		size_t cap = c->cap, need = (size_t)c->n + 1;

		xgrow(&c->where, &cap, need, sizeof(*c->where));
		cap = c->cap;
		xgrow(&c->low, &cap, need, sizeof(*c->low));
		cap = c->cap;
		xgrow(&c->count, &cap, need, sizeof(*c->count));
		c->cap = (uint32_t)cap;
	}
	memmove(c->where + i + 1, c->where + i, (c->n - i) * sizeof(*c->where));
	memmove(c->low + i + 1, c->low + i, (c->n - i) * sizeof(*c->low));
	memmove(c->count + i + 1, c->count + i, (c->n - i) * sizeof(*c->count));
	c->n++;
}

static void
close_run(struct chunk *c, uint32_t i)
{
	c->n--;
	memmove(c->where + i, c->where + i + 1, (c->n - i) * sizeof(*c->where));
	memmove(c->low + i, c->low + i + 1, (c->n - i) * sizeof(*c->low));
	memmove(c->count + i, c->count + i + 1, (c->n - i) * sizeof(*c->count));
}

/* Adds serial low, seen at where, to chunk c; the contract of idset_add. */
static int
chunk_add(struct chunk *c, unsigned low, uint64_t where, uint64_t *first)
{
	uint32_t lo = 0, hi = c->n;

	/* i: the number of runs that start at or below low */
	if (c->n > 0 && c->low[c->n - 1] <= low)
		lo = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (c->low[mid] <= low)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t i = lo;

	if (i > 0) {
		uint32_t p = i - 1;
		unsigned end = (unsigned)c->low[p] + c->count[p];

		if (low < end) {
			*first = c->where[p] + (low - c->low[p]);
			return 1;
		}
		if (low == end && where == c->where[p] + c->count[p]) {
			c->count[p]++;
			/* the gap to the next run may now be closed */
			if (i < c->n && c->low[i] == low + 1 && c->where[i] == where + 1) {
				c->count[p] = (uint16_t)(c->count[p] + c->count[i]);
				close_run(c, i);
			}
			return 0;
		}
	}
	if (i < c->n && c->low[i] == low + 1 && c->where[i] == where + 1) {
		c->low[i] = (uint16_t)low;
		c->where[i] = where;
		c->count[i]++;
		return 0;
	}
	open_run(c, i);
	c->low[i] = (uint16_t)low;
	c->where[i] = where;
	c->count[i] = 1;
	return 0;
}

int
idset_add(struct idset *s, const char *id, size_t len, uint64_t where,
    uint64_t *first)
{
	size_t ndigits = 0, family;
	uint64_t serial = 0;
	int added;

	while (ndigits < len && id[len - 1 - ndigits] >= '0' &&
	    id[len - 1 - ndigits] <= '9')
		ndigits++;
	if (ndigits >= 1 && ndigits <= MAX_DIGITS && len - ndigits < FAMILY_KEY_MAX) {
		char key[FAMILY_KEY_MAX + 1];
		size_t prefix = len - ndigits;

		memcpy(key, id, prefix);
		key[prefix] = (char)ndigits;
		if (find_family(s, key, prefix + 1, &family) == 0) {
			for (size_t i = prefix; i < len; i++)
				serial = serial * 10 + (uint64_t)(id[i] - '0');
			return chunk_add(find_chunk(s, family, serial >> LOW_BITS),
			    (unsigned)(serial & LOW_MASK), where, first);
		}
	}
	size_t e = hashmap_insert(s->other, id, len, where, &added);

	if (added)
		return 0;
	*first = hashmap_value(s->other, e);
	return 1;
}
