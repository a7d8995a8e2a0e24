/*
 * keys: key files (--keys FILE), the official display names and order of
 * one key column's values, and the groups they merge into.
 *
 * A key file is a CSV (UTF-8 or GB18030, as periods files are) whose header
 * is COLUMN,name (or COLUMN,显示名): COLUMN names the key column the file
 * maps (department, district, category, ...).  Each line after it is
 * KEY,NAME: the value as the data has it and the name it is shown under;
 * an empty NAME keeps the key's own text (a line that only places it).
 * Keys sharing a NAME are one group: rexian-aggregate counts their tickets
 * together.  Groups come in the order their NAME first appears in the
 * file; values the file does not list keep their own text and come after
 * every listed group, in the order they first appear.
 *
 * A name may be a key only of a line naming it itself, so that a table
 * already named (by rexian-aggregate --keys) is named again to the same
 * text: a name is recognised as its group.
 *
 * A bad file (wrong header, a line without two fields, an empty key, a key
 * listed twice, a name that is another line's key) is a FILE:LINE message
 * and exit 1; two files for one column is a usage error (exit 2).
 */
#ifndef REXIAN_KEYS_H
#define REXIAN_KEYS_H

#include <stddef.h>

struct keys;

/*
 * Reads the key file at path into *k, a new set when *k is NULL (one set
 * holds a file per column).  The caller frees the set with keys_free.
 */
void keys_load(struct keys **k, const char *path);
void keys_free(struct keys *k);

/* How many columns the set maps; the name of map i and its file. */
int keys_count(const struct keys *k);
const char *keys_column(const struct keys *k, int i);
const char *keys_file(const struct keys *k, int i);

/* The map of the column named name[0..len), or -1. */
int keys_find(const struct keys *k, const char *name, size_t len);

/*
 * The display name of the value s[0..len) in map i, *outlen its length:
 * the listed name, or s itself when unlisted.  Valid while k is.
 */
const char *keys_name(const struct keys *k, int map, const char *s, size_t len,
    size_t *outlen);

/*
 * Names and orders a table read from file: head[0..ncol) its column
 * names, cell[r][0..ncol) row r's cells (NUL-terminated, owned by the
 * caller, allocated with xmalloc: a renamed cell is freed and replaced),
 * line[r] its line.  Every map of k must name a column of head, else
 * FILE:1 and exit 1.  The rows' order goes to order[0..nrow): by the
 * columns named id[0..nid) in turn (a name head lacks is passed over), a
 * mapped column in its key file's order (unlisted values after, as they
 * first appear), another as its values first appear.  Two rows whose id
 * columns were different and are now the same (two groups merged) are
 * FILE:LINE and exit 1: merging is counting, done by rexian-aggregate
 * --keys.
 */
void keys_apply(const struct keys *k, const char *file, char *const *head,
    size_t ncol, const char *const *id, int nid, char **const *cell,
    const long *line, size_t nrow, size_t *order);

#endif
