/*
 * hashmap.c: an open-addressing hash table of byte strings, with entries kept in
 * an array in insertion order so that output follows first appearance.
 * The contract is in hashmap.h.
 */
#include <stdlib.h>
#include <string.h>

#include "hashmap.h"
#include "util.h"

struct entry {
	size_t off;		/* in the key arena */
	size_t len;
	uint64_t value;
	uint64_t hash;
};

/*
 * A slot holds the entry number + 1 in its low 32 bits (0: empty) and the
 * high 32 bits of the key's hash, so that a probe that meets another key
 * rarely has to read that key's entry.
 */
#define SLOT(hash, i) (((hash) & 0xffffffff00000000ULL) | (uint64_t)((i) + 1))
#define SLOT_ENTRY(s) ((size_t)((s) & 0xffffffffULL) - 1)
#define SLOT_TAG(s) ((s) & 0xffffffff00000000ULL)

struct hashmap {
	uint64_t *slot;
	size_t nslots;		/* a power of two */
	struct entry *entry;
	size_t count, entrycap;
	char *keys;
	size_t keylen, keycap;
};

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	if (n > 0)
		memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

struct hashmap *
hashmap_new(void)
{
	struct hashmap *m = xcalloc(1, sizeof(*m));

	m->nslots = 1024;
	m->slot = xcalloc(m->nslots, sizeof(*m->slot));
	return m;
}

void
hashmap_free(struct hashmap *m)
{
	if (m == NULL)
		return;
	free(m->slot);
	free(m->entry);
	free(m->keys);
	free(m);
}

static void
rehash(struct hashmap *m)
{
	size_t n = m->nslots * 2;
	uint64_t *slot = xcalloc(n, sizeof(*slot));

	for (size_t i = 0; i < m->count; i++) {
		size_t j = m->entry[i].hash & (n - 1);

		while (slot[j] != 0)
			j = (j + 1) & (n - 1);
		slot[j] = SLOT(m->entry[i].hash, i);
	}
	free(m->slot);
	m->slot = slot;
	m->nslots = n;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
find_slot(const struct hashmap *m, const char *key, size_t len, uint64_t h)
{
	size_t j = h & (m->nslots - 1);

	for (; m->slot[j] != 0; j = (j + 1) & (m->nslots - 1)) {
		const struct entry *e;

		if (SLOT_TAG(m->slot[j]) != SLOT_TAG(h))
			continue;
		e = &m->entry[SLOT_ENTRY(m->slot[j])];
		if (e->hash == h && e->len == len &&
		    (len == 0 || memcmp(m->keys + e->off, key, len) == 0))
			break;
	}
	return j;
}

long
hashmap_find(const struct hashmap *m, const char *key, size_t len)
{
	size_t j = find_slot(m, key, len, hash_bytes(key, len));

	return m->slot[j] == 0 ? -1 : (long)SLOT_ENTRY(m->slot[j]);
}

size_t
hashmap_insert(struct hashmap *m, const char *key, size_t len, uint64_t v,
    int *added)
{
	uint64_t h = hash_bytes(key, len);
	size_t j = find_slot(m, key, len, h);

	if (m->slot[j] != 0) {
		*added = 0;
		return SLOT_ENTRY(m->slot[j]);
	}
	if (m->count >= UINT32_MAX - 1)
		die("more than %u distinct keys", UINT32_MAX - 1);
	xgrow(&m->entry, &m->entrycap, m->count + 1, sizeof(*m->entry));
	xgrow(&m->keys, &m->keycap, m->keylen + len + 1, 1);
	if (len > 0)
		memcpy(m->keys + m->keylen, key, len);
	m->entry[m->count] = (struct entry){ m->keylen, len, v, h };
	m->keylen += len;
	m->slot[j] = SLOT(h, m->count);
	m->count++;
	if (m->count * 4 > m->nslots * 3)
		rehash(m);
	*added = 1;
	return m->count - 1;
}

size_t
hashmap_count(const struct hashmap *m)
{
	return m->count;
}

const char *
hashmap_key(const struct hashmap *m, size_t i, size_t *len)
{
	*len = m->entry[i].len;
	return m->keys + m->entry[i].off;
}

uint64_t
hashmap_value(const struct hashmap *m, size_t i)
{
	return m->entry[i].value;
}

size_t
hashmap_bytes(const struct hashmap *m)
{
	return sizeof(*m) + m->nslots * sizeof(*m->slot) +
	    m->entrycap * sizeof(*m->entry) + m->keycap;
}
