/*
 * keys.c: key files read through csvio into hashmaps (key to its entry,
 * name to its group's rank), values named through them, and a table's
 * rows named, checked for merged groups and ordered.
 * The contract is in keys.h.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "hashmap.h"
#include "keys.h"
#include "util.h"

/* One key file: the column it maps, its keys and its groups. */
struct keymap {
	char *file, *column;
	struct hashmap *key;	/* key -> its entry: name[], group[], line[] */
	struct hashmap *group;	/* name -> its rank, the entry number */
	char **name;
	size_t *group_of;
	long *line;
	size_t cap, cap2, cap3;
};

struct keys {
	struct keymap *map;
	int n;
};

/* Reads one key file into m; any fault is FILE:LINE and exit 1. */
static void
read_map(struct keymap *m, struct csv_reader *r)
{
	const char *file = csv_name(r);
	struct csv_record rec;
	struct err err;
	int added;

	if (!or_die(csv_read(r, &rec, &err), &err) || rec.nfields != 2 || rec.field[0].len == 0 ||
	    !((rec.field[1].len == 4 && memcmp(rec.field[1].s, "name", 4) == 0) ||
	    (rec.field[1].len == 9 && memcmp(rec.field[1].s, "显示名", 9) == 0)))
		die("%s:1: a key file starts with the header COLUMN,name (or "
		    "COLUMN,显示名), COLUMN the key column it maps", file);
	m->column = xmemdup0(rec.field[0].s, rec.field[0].len);
	m->key = hashmap_new();
	m->group = hashmap_new();
	while (or_die(csv_read(r, &rec, &err), &err)) {
		const struct csv_field *key = &rec.field[0], *name = &rec.field[1];
		size_t e;

		if (rec.bad_encoding)
			die("%s:%ld: not valid UTF-8", file, rec.line);
		if (rec.nfields != 2)
			die("%s:%ld: wrong field count: %zu, expected 2 (KEY,NAME)", file,
			    rec.line, rec.nfields);
		if (key->len == 0)
			die("%s:%ld: empty key", file, rec.line);
		e = hashmap_insert(m->key, key->s, key->len, 0, &added);
		if (!added)
			die("%s:%ld: key '%.*s' listed twice (first at line %ld)", file,
			    rec.line, (int)key->len, key->s, m->line[e]);
		if (name->len == 0)
			name = key;
		xgrow(&m->name, &m->cap, e + 1, sizeof(*m->name));
		xgrow(&m->group_of, &m->cap2, e + 1, sizeof(*m->group_of));
		xgrow(&m->line, &m->cap3, e + 1, sizeof(*m->line));
		m->name[e] = xmemdup0(name->s, name->len);
		m->group_of[e] = hashmap_insert(m->group, name->s, name->len, 0, &added);
		m->line[e] = rec.line;
	}
	/* a name is its own group's key, so naming a named table changes nothing */
	for (size_t e = 0; e < hashmap_count(m->key); e++) {
		size_t len;
		const char *key = hashmap_key(m->key, e, &len);

		if (strlen(m->name[e]) != len || memcmp(m->name[e], key, len) != 0) {
			if (hashmap_find(m->group, key, len) >= 0)
				die("%s:%ld: key '%.*s' is also a name: a name may be a key "
				    "only of a line naming it itself", file, m->line[e],
				    (int)len, key);
		}
	}
}

void
keys_load(struct keys **k, const char *path)
{
	struct csv_reader *r;
	struct keymap *m;
	struct err e;

	or_die(csv_open(path, CSV_AUTO, &r, &e), &e);
	if (*k == NULL)
		*k = xcalloc(1, sizeof(**k));
	(*k)->map = xrealloc((*k)->map, ((size_t)(*k)->n + 1) * sizeof(*(*k)->map));
	m = &(*k)->map[(*k)->n++];
	memset(m, 0, sizeof(*m));
	m->file = xstrdup(csv_name(r));
	read_map(m, r);
	csv_close(r);
	for (int i = 0; i + 1 < (*k)->n; i++)
		if (strcmp((*k)->map[i].column, m->column) == 0)
			die_usage("--keys: %s and %s both map %s", (*k)->map[i].file,
			    m->file, m->column);
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	for (int i = 0; i < k->n; i++) {
		struct keymap *m = &k->map[i];

		for (size_t e = 0; e < hashmap_count(m->key); e++)
			free(m->name[e]);
		hashmap_free(m->key);
		hashmap_free(m->group);
		free(m->name);
		free(m->group_of);
		free(m->line);
		free(m->file);
		free(m->column);
	}
	free(k->map);
	free(k);
}

int
keys_count(const struct keys *k)
{
	return k == NULL ? 0 : k->n;
}

const char *
keys_column(const struct keys *k, int i)
{
	return k->map[i].column;
}

const char *
keys_file(const struct keys *k, int i)
{
	return k->map[i].file;
}

int
keys_find(const struct keys *k, const char *name, size_t len)
{
	if (keys_count(k) == 0)
		return -1;
	return name_find(name, len, (const char *const *)&k->map[0].column,
	    (size_t)keys_count(k), sizeof(k->map[0]), NAME_EXACT);
}

const char *
keys_name(const struct keys *k, int map, const char *s, size_t len,
    size_t *outlen)
{
	long e = hashmap_find(k->map[map].key, s, len);

	if (e < 0) {
		*outlen = len;
		return s;
	}
	*outlen = strlen(k->map[map].name[e]);
	return k->map[map].name[e];
}

/* The group rank of s in map m: its key's group, the group it names, or -1. */
static long
group_rank(const struct keymap *m, const char *s, size_t len)
{
	long e = hashmap_find(m->key, s, len);

	return e >= 0 ? (long)m->group_of[e] : hashmap_find(m->group, s, len);
}

struct order_ctx {
	const long *rank;	/* nid per row */
	int nid;
};

static int
compare_rows(const void *x, const void *y, void *arg)
{
	const struct order_ctx *c = arg;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;

	for (int t = 0; t < c->nid; t++) {
		long a = c->rank[i * (size_t)c->nid + t], b = c->rank[j * (size_t)c->nid + t];

		if (a != b)
			return a < b ? -1 : 1;
	}
	return i < j ? -1 : i > j;
}

/*
 * The rank of each row's id cells in rank[r * nid + t]: a mapped column's
 * group, unlisted values after every group; another column's values as
 * they first appear.
 */
static void
rank_rows(const struct keys *k, const int *map, const int *id, int nid,
    char **const *cell, size_t nrow, long *rank)
{
	for (int t = 0; t < nid; t++) {
		const struct keymap *m = map[id[t]] >= 0 ? &k->map[map[id[t]]] : NULL;
		long after = m != NULL ? (long)hashmap_count(m->group) : 0;
		struct hashmap *seen = hashmap_new();
		int added;

		for (size_t r = 0; r < nrow; r++) {
			const char *s = cell[r][id[t]];
			long g = m != NULL ? group_rank(m, s, strlen(s)) : -1;

			if (g < 0)
				g = after + (long)hashmap_insert(seen, s, strlen(s), 0, &added);
			rank[r * (size_t)nid + t] = g;
		}
		hashmap_free(seen);
	}
}

/*
 * Refuses two rows that the names made one: their id cells, as named, are
 * the same, though they were not (orig: the cells before naming).
 */
static void
refuse_merged(const struct keys *k, const char *file, const int *map,
    const int *id, int nid, char **const *cell, char *const *orig,
    const long *line, size_t nrow)
{
	struct hashmap *seen = hashmap_new();
	char *buf = NULL;
	size_t cap = 0;
	int added;

	for (size_t r = 0; r < nrow; r++) {
		size_t len = 0, e;

		for (int t = 0; t < nid; t++) {
			size_t n = strlen(cell[r][id[t]]) + 1;

			xgrow(&buf, &cap, len + n, 1);
			memcpy(buf + len, cell[r][id[t]], n);
			len += n;
		}
		e = hashmap_insert(seen, buf, len, r, &added);
		if (added)
			continue;
		size_t q = (size_t)hashmap_value(seen, e);

		for (int t = 0; t < nid; t++) {
			const char *a = orig[q * (size_t)nid + t], *b = orig[r * (size_t)nid + t];

			if (strcmp(a, b) == 0)
				continue;
			free(buf);
			hashmap_free(seen);
			die("%s:%ld: %s '%s' and '%s' (line %ld) are both '%s' in %s: "
			    "groups are merged by counting their tickets "
			    "(rexian-aggregate --keys), not here", file, line[r],
			    keys_column(k, map[id[t]]), b, a, line[q], cell[r][id[t]],
			    keys_file(k, map[id[t]]));
		}
	}
	free(buf);
	hashmap_free(seen);
}

void
keys_apply(const struct keys *k, const char *file, char *const *head,
    size_t ncol, const char *const *idname, int nname, char **const *cell,
    const long *line, size_t nrow, size_t *order)
{
	int *map = xcalloc(ncol + 1, sizeof(*map));
	int *id = xcalloc((size_t)nname + 1, sizeof(*id)), nid = 0;
	long *rank = xcalloc(nrow * (size_t)nname + 1, sizeof(*rank));
	char **orig = xcalloc(nrow * (size_t)nname + 1, sizeof(*orig));
	struct order_ctx c = { rank, 0 };
	size_t len;

	for (size_t j = 0; j < ncol; j++)
		map[j] = keys_find(k, head[j], strlen(head[j]));
	for (int t = 0; t < nname; t++)
		for (size_t j = 0; j < ncol; j++)
			if (idname[t] != NULL && strcmp(head[j], idname[t]) == 0) {
				id[nid++] = (int)j;
				break;
			}
	c.nid = nid;
	for (int i = 0; i < keys_count(k); i++) {
		size_t j = 0;

		while (j < ncol && map[j] != i)
			j++;
		if (j == ncol) {
			free(map);
			free(id);
			free(rank);
			free(orig);
			die("%s:1: no column %s, which --keys %s maps", file,
			    keys_column(k, i), keys_file(k, i));
		}
	}
	rank_rows(k, map, id, nid, cell, nrow, rank);
	for (size_t r = 0; r < nrow; r++) {
		for (int t = 0; t < nid; t++)
			orig[r * (size_t)nid + t] = xstrdup(cell[r][id[t]]);
		for (size_t j = 0; j < ncol; j++) {
			const char *s = map[j] < 0 ? NULL : keys_name(k, map[j], cell[r][j],
			    strlen(cell[r][j]), &len);

			if (s == NULL || s == cell[r][j])
				continue;
			free(cell[r][j]);
			cell[r][j] = xmemdup0(s, len);
		}
	}
	refuse_merged(k, file, map, id, nid, cell, orig, line, nrow);
	for (size_t r = 0; r < nrow; r++)
		order[r] = r;
	qsort_r(order, nrow, sizeof(*order), compare_rows, &c);
	for (size_t i = 0; i < nrow * (size_t)nid; i++)
		free(orig[i]);
	free(orig);
	free(rank);
	free(id);
	free(map);
}
