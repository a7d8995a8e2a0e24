/*
 * hashmap: byte-string keys to 64-bit values, in insertion order.
 *
 * Keys are copied into the map.  Memory per key: about 32 bytes plus the
 * key's length.  Entries are numbered 0, 1, ... in the order they were
 * first inserted; that number never changes.
 */
#ifndef REXIAN_HASHMAP_H
#define REXIAN_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

struct hashmap;

/* A new, empty map; the caller frees it with hashmap_free. */
struct hashmap *hashmap_new(void);
void hashmap_free(struct hashmap *m);

/*
 * The entry number of key, inserting it (with value v) when absent; *added
 * says which.  The key bytes are copied.
 */
size_t hashmap_insert(struct hashmap *m, const char *key, size_t len, uint64_t v,
    int *added);
/* The entry number of key, or -1 when absent. */
long hashmap_find(const struct hashmap *m, const char *key, size_t len);
size_t hashmap_count(const struct hashmap *m);
/* The key of entry i, valid until the map is freed; *len is its length. */
const char *hashmap_key(const struct hashmap *m, size_t i, size_t *len);
uint64_t hashmap_value(const struct hashmap *m, size_t i);
/* Bytes the map holds on the heap. */
size_t hashmap_bytes(const struct hashmap *m);

#endif
