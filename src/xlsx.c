/*
 * xlsx.c: the .xlsx reader: libzip streams the workbook's parts, expat parses
 * the workbook, relationships, shared strings, styles and the sheet, and
 * the sheet parser stops at each row's end to hand out one record.
 * The contract is in xlsx.h.
 */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sheet.h"
#include "timeutil.h"
#include "util.h"
#include "xlsx.h"

enum {
	CHUNK = 1 << 16,
	/* an entry may inflate to BOMB_RATIO times its compressed size once
	 * past BOMB_GRACE bytes: real sheets stay far below, zip bombs
	 * (deflate reaches about 1000) far above */
	BOMB_GRACE = 16 << 20,
	BOMB_RATIO = 250,
	/* Excel holds at most 32767 characters in a cell */
	CELL_MAX = 1 << 20,
};
/* the shared strings are held in memory: past this, ask for CSV */
#define SST_MAX ((size_t)2 << 30)

enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STRING, CELL_BOOL,
	CELL_ERROR, CELL_DATE };

/* One archive entry being read through expat. */
struct part {
	struct xlsx *x;
	const char *entry;
	zip_file_t *zf;
	zip_uint64_t comp, inflated;
	XML_Parser p;
	char *chunk;
};

struct xlsx {
	struct xlsx *next, *prev;	/* the readers open, for xlsx_close_all */
	char *file, *name;
	const char *entry;		/* the part being parsed, for messages */
	zip_t *zip;
	int date1904;
	/* workbook.xml and its relationships */
	char **sheet_names, **sheet_rids;
	size_t nsheets, sheetcap;
	char *rel_id, *rel_target, *sheet_target, *sst_target, *styles_target;
	/* the shared strings, back to back, string i at sst_off[i] */
	char *sst;
	size_t sstlen, sstcap, *sst_off, nsst, sstoffcap;
	int has_sst, in_si, in_t, in_rph;
	/* the cell formats, by style index: whether each shows a date */
	unsigned char *xf_date;
	size_t nxf, xfcap;
	int *date_fmts;
	size_t ndate_fmts, datefmtcap;
	int in_cellxfs;
	struct part meta;		/* the workbook part being read whole */
	/* the sheet, streamed */
	struct part sheet;
	int suspended, final, finished, row_ready;
	long rowno;
	size_t col;			/* the next cell's column */
	size_t cell_col;
	enum cell_type cell_type;
	int cell_date, in_cell, in_v, in_is;
	char *val;
	size_t vallen, valcap;
	struct sheet_row row;
	struct csv_record rec;
};

/* The name without its namespace prefix: "x:row" is "row". */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void
no_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal)
{
	struct xlsx *x = data;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	die("%s: %s: a DOCTYPE, which no workbook part has", x->file, x->entry);
}

/* Opens an entry for parsing: 0, or -1 when the archive has no such entry. */
static int
part_open(struct xlsx *x, struct part *pt, const char *entry, void *data,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text)
{
	zip_int64_t i = zip_name_locate(x->zip, entry, 0);
	zip_stat_t st;

	memset(pt, 0, sizeof(*pt));
	pt->x = x;
	pt->entry = x->entry = entry;
	if (i < 0)
		return -1;
	if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st) != 0)
		die("%s: %s: %s", x->file, entry, zip_strerror(x->zip));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE)
		die("%s: the workbook is encrypted; save it without a password first",
		    x->file);
	pt->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	if ((pt->zf = zip_fopen_index(x->zip, (zip_uint64_t)i, 0)) == NULL)
		die("%s: %s: %s", x->file, entry, zip_strerror(x->zip));
	if ((pt->p = XML_ParserCreate(NULL)) == NULL)
		die("out of memory");
	XML_SetUserData(pt->p, data);
	XML_SetElementHandler(pt->p, start, end);
	XML_SetCharacterDataHandler(pt->p, text);
	XML_SetStartDoctypeDeclHandler(pt->p, no_doctype);
	pt->chunk = xmalloc(CHUNK);
	return 0;
}

/* Reads the entry's next chunk: its length, 0 at the end. */
static size_t
part_fill(struct part *pt)
{
	zip_int64_t n = zip_fread(pt->zf, pt->chunk, CHUNK);

	if (n < 0)
		die("%s: %s: %s; the workbook is damaged or cut short", pt->x->file,
		    pt->entry, zip_file_strerror(pt->zf));
	pt->inflated += (zip_uint64_t)n;
	if (pt->inflated > BOMB_GRACE && pt->inflated / BOMB_RATIO > pt->comp)
		die("%s: %s inflates to more than %d times its compressed size: "
		    "refusing a zip bomb", pt->x->file, pt->entry, BOMB_RATIO);
	return (size_t)n;
}

static void
part_error(struct part *pt)
{
	die("%s: %s:%lu: bad XML: %s", pt->x->file, pt->entry,
	    (unsigned long)XML_GetCurrentLineNumber(pt->p),
	    XML_ErrorString(XML_GetErrorCode(pt->p)));
}

static void
part_close(struct part *pt)
{
	if (pt->p != NULL)
		XML_ParserFree(pt->p);
	if (pt->zf != NULL)
		zip_fclose(pt->zf);
	free(pt->chunk);
	memset(pt, 0, sizeof(*pt));
}

/* Parses a whole entry: 0, or -1 when the archive has no such entry. */
static int
parse_part(struct xlsx *x, const char *entry, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	struct part *pt = &x->meta;
	size_t n;

	if (part_open(x, pt, entry, x, start, end, text) != 0)
		return -1;
	do {
		n = part_fill(pt);
		if (XML_Parse(pt->p, pt->chunk, (int)n, n == 0) != XML_STATUS_OK)
			part_error(pt);
	} while (n > 0);
	part_close(pt);
	return 0;
}

static void
workbook_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *el = local(name), *v;

	if (strcmp(el, "workbookPr") == 0 && (v = attr(atts, "date1904")) != NULL)
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(el, "sheet") != 0)
		return;
	const char *sname = attr(atts, "name"), *rid = attr(atts, "id");

	if (sname == NULL || rid == NULL)
		die("%s: xl/workbook.xml: a sheet without a name or id", x->file);
	if (x->nsheets == x->sheetcap) {
		size_t cap = x->sheetcap;

		xgrow(&x->sheet_names, &cap, x->nsheets + 1, sizeof(char *));
		xgrow(&x->sheet_rids, &x->sheetcap, x->nsheets + 1, sizeof(char *));
	}
	x->sheet_names[x->nsheets] = xstrdup(sname);
	x->sheet_rids[x->nsheets++] = xstrdup(rid);
}

/* An entry's path from a relationship's target, relative to xl/. */
static char *
rel_path(const char *target)
{
	size_t n = strlen(target);
	char *p;

	if (target[0] == '/')
		return xstrdup(target + 1);
	p = xmalloc(n + 4);
	memcpy(p, "xl/", 3);
	memcpy(p + 3, target, n + 1);
	return p;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void
rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	const char *type = attr(atts, "Type");

	if (strcmp(local(name), "Relationship") != 0 || id == NULL || target == NULL)
		return;
	if (x->sheet_target == NULL && strcmp(id, x->rel_id) == 0)
		x->sheet_target = rel_path(target);
	else if (type != NULL && ends_with(type, "/sharedStrings") && x->sst_target == NULL)
		x->sst_target = rel_path(target);
	else if (type != NULL && ends_with(type, "/styles") && x->styles_target == NULL)
		x->styles_target = rel_path(target);
}

static void
sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *el = local(name);

	(void)atts;
	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		xgrow(&x->sst_off, &x->sstoffcap, x->nsst + 2, sizeof(size_t));
		x->sst_off[x->nsst] = x->sstlen;
	} else if (strcmp(el, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(el, "t") == 0 && x->in_si && !x->in_rph)
		x->in_t = 1;
}

static void
sst_end(void *data, const XML_Char *name)
{
	struct xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = 0;
		x->sst_off[++x->nsst] = x->sstlen;
	} else if (strcmp(el, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(el, "t") == 0)
		x->in_t = 0;
}

static void
sst_text(void *data, const XML_Char *s, int n)
{
	struct xlsx *x = data;

	if (!x->in_t)
		return;
	if (x->sstlen + (size_t)n > SST_MAX)
		die("%s: the shared strings are larger than %zu MiB; save the sheet "
		    "as CSV", x->file, SST_MAX >> 20);
	xgrow(&x->sst, &x->sstcap, x->sstlen + (size_t)n, 1);
	memcpy(x->sst + x->sstlen, s, (size_t)n);
	x->sstlen += (size_t)n;
}

/*
 * Whether a number format code shows a date or time: a y, m, d, h or s
 * outside quoted text, escapes and [colour]/[$-804] sections ([h] and [mm]
 * count).
 */
static int
format_is_date(const char *code)
{
	if (strcasecmp(code, "General") == 0)
		return 0;
	for (const char *p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			while (p[1] != '\0' && *++p != '"')
				;
			break;
		case '\\': case '_': case '*':
			if (p[1] != '\0')
				p++;
			break;
		case '[':
			if (strchr("hHmMsS", p[1]) != NULL && p[1] != '\0')
				return 1;
			while (p[1] != '\0' && *++p != ']')
				;
			break;
		default:
			if (strchr("yYmMdDhHsS", *p) != NULL)
				return 1;
		}
	}
	return 0;
}

static int
builtin_date(long id)
{
	/* 14-22 everywhere; 27-36 and 50-58 are dates in the CJK locales */
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	    (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static void
styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *el = local(name), *id = attr(atts, "numFmtId");
	long n = id != NULL ? strtol(id, NULL, 10) : 0;

	if (strcmp(el, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (strcmp(el, "numFmt") == 0 && id != NULL) {
		const char *code = attr(atts, "formatCode");

		if (code != NULL && format_is_date(code)) {
			xgrow(&x->date_fmts, &x->datefmtcap, x->ndate_fmts + 1,
			    sizeof(int));
			x->date_fmts[x->ndate_fmts++] = (int)n;
		}
	} else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
		int date = builtin_date(n);

		for (size_t i = 0; i < x->ndate_fmts && !date; i++)
			date = x->date_fmts[i] == n;
		xgrow(&x->xf_date, &x->xfcap, x->nxf + 1, 1);
		x->xf_date[x->nxf++] = (unsigned char)date;
	}
}

static void
styles_end(void *data, const XML_Char *name)
{
	struct xlsx *x = data;

	if (strcmp(local(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/*
 * Reads a cell reference ("AB12") into its column from 0 and its row from
 * 1: 0, or -1 when it is malformed or past Excel's limits.
 */
static int
parse_ref(const char *ref, size_t *col, long *row)
{
	size_t c = 0;
	long r = 0;
	const char *p = ref;

	for (; *p >= 'A' && *p <= 'Z'; p++)
		if ((c = c * 26 + (size_t)(*p - 'A' + 1)) > SHEET_MAX_COLS)
			return -1;
	if (p == ref || *p < '1' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((r = r * 10 + (*p - '0')) > SHEET_MAX_ROWS)
			return -1;
	if (*p != '\0')
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void
sheet_die(struct xlsx *x, const char *what, const char *value)
{
	die("%s:%ld: %s '%s'", x->name, x->rowno, what, value);
}

static void
sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *el = local(name), *v;

	if (strcmp(el, "c") == 0) {
		long r;

		x->cell_col = x->col;
		if ((v = attr(atts, "r")) != NULL && parse_ref(v, &x->cell_col, &r) != 0)
			sheet_die(x, "bad cell reference", v);
		if (x->cell_col < x->col)
			sheet_die(x, "cell out of order", v);
		x->cell_date = 0;
		if ((v = attr(atts, "s")) != NULL) {
			unsigned long s = strtoul(v, NULL, 10);

			x->cell_date = s < x->nxf && x->xf_date[s];
		}
		v = attr(atts, "t");
		x->cell_type = v == NULL || strcmp(v, "n") == 0 ? CELL_NUMBER :
		    strcmp(v, "s") == 0 ? CELL_SHARED :
		    strcmp(v, "inlineStr") == 0 ? CELL_INLINE :
		    strcmp(v, "b") == 0 ? CELL_BOOL :
		    strcmp(v, "e") == 0 ? CELL_ERROR :
		    strcmp(v, "d") == 0 ? CELL_DATE : CELL_STRING;
		x->in_cell = 1;
		x->vallen = 0;
	} else if (x->in_cell && strcmp(el, "v") == 0)
		x->in_v = 1;
	else if (x->in_cell && strcmp(el, "is") == 0)
		x->in_is = 1;
	else if (x->in_is && strcmp(el, "rPh") == 0)
		x->in_rph = 1;
	else if (x->in_is && !x->in_rph && strcmp(el, "t") == 0)
		x->in_t = 1;
	else if (strcmp(el, "row") == 0) {
		long r = x->rowno + 1;

		if ((v = attr(atts, "r")) != NULL &&
		    ((r = strtol(v, NULL, 10)) <= x->rowno || r > SHEET_MAX_ROWS)) {
			x->rowno++;
			sheet_die(x, "row number out of order or past Excel's limits", v);
		}
		x->rowno = r;
		x->col = 0;
		sheet_row_clear(&x->row);
	} else if (strcmp(el, "dimension") == 0 && (v = attr(atts, "ref")) != NULL) {
		const char *last = strchr(v, ':');
		size_t col;
		long r;

		if (parse_ref(last != NULL ? last + 1 : v, &col, &r) != 0)
			die("%s: the sheet's dimension '%s' is past Excel's limits "
			    "(%d columns, %d rows)", x->name, v, SHEET_MAX_COLS,
			    SHEET_MAX_ROWS);
		x->row.width = col + 1;
	}
}

static void
cell_end(struct xlsx *x)
{
	const char *s = x->val;
	size_t n = x->vallen;

	x->in_cell = x->in_v = x->in_is = x->in_t = x->in_rph = 0;
	switch (x->cell_type) {
	case CELL_SHARED: {
		char *end;
		unsigned long long i;

		if (n == 0)
			break;
		x->val[n] = '\0';
		i = strtoull(x->val, &end, 10);
		if (*end != '\0' || i >= x->nsst)
			die("%s:%ld: shared string %s is missing (the workbook has %zu)",
			    x->name, x->rowno, x->val, x->nsst);
		s = x->sst + x->sst_off[i];
		n = x->sst_off[i + 1] - x->sst_off[i];
		break;
	}
	case CELL_BOOL:
		/* as Excel writes a boolean into CSV */
		if (n == 1 && (s[0] == '0' || s[0] == '1')) {
			s = s[0] == '1' ? "TRUE" : "FALSE";
			n = strlen(s);
		}
		break;
	case CELL_DATE: {
		char when[TIME_TEXT_LEN];
		int64_t t;

		if (time_parse(s, n, &t) != 0)
			break;
		time_format(t, when);
		sheet_row_text(&x->row, x->cell_col, when, sizeof(when));
		x->col = x->cell_col + 1;
		return;
	}
	case CELL_NUMBER:
		sheet_row_number(&x->row, x->cell_col, s, n, x->cell_date, x->date1904);
		x->col = x->cell_col + 1;
		return;
	default:
		break;
	}
	sheet_row_text(&x->row, x->cell_col, s, n);
	x->col = x->cell_col + 1;
}

static void
sheet_end(void *data, const XML_Char *name)
{
	struct xlsx *x = data;
	const char *el = local(name);

	if (strcmp(el, "c") == 0)
		cell_end(x);
	else if (strcmp(el, "v") == 0)
		x->in_v = 0;
	else if (strcmp(el, "t") == 0)
		x->in_t = 0;
	else if (strcmp(el, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(el, "row") == 0 &&
	    sheet_row_record(&x->row, x->rowno, &x->rec)) {
		x->row_ready = 1;
		XML_StopParser(x->sheet.p, XML_TRUE);
	}
}

static void
sheet_text(void *data, const XML_Char *s, int n)
{
	struct xlsx *x = data;

	if (!(x->in_v || x->in_t))
		return;
	if (x->vallen + (size_t)n >= CELL_MAX)
		die("%s:%ld: a cell of more than %d bytes, past what Excel holds",
		    x->name, x->rowno, CELL_MAX);
	xgrow(&x->val, &x->valcap, x->vallen + (size_t)n + 1, 1);
	memcpy(x->val + x->vallen, s, (size_t)n);
	x->vallen += (size_t)n;
}

static struct xlsx *open_readers;

struct xlsx *
xlsx_open(int fd, const char *file, const char *sheet)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	int err = 0;
	size_t k, n;

	x->next = open_readers;
	if (open_readers != NULL)
		open_readers->prev = x;
	open_readers = x;
	x->file = xstrdup(file);
	if ((x->zip = zip_fdopen(fd, ZIP_CHECKCONS, &err)) == NULL) {
		zip_error_t ze;

		close(fd);
		zip_error_init_with_code(&ze, err);
		die("%s: not a readable xlsx workbook: %s; is it damaged or cut "
		    "short?", file, zip_error_strerror(&ze));
	}
	if (parse_part(x, "xl/workbook.xml", workbook_start, NULL, NULL) != 0)
		die("%s: a zip archive, but not an xlsx workbook (no xl/workbook.xml)",
		    file);
	k = sheet_pick(file, sheet, x->sheet_names, x->nsheets);
	x->rel_id = x->sheet_rids[k];
	parse_part(x, "xl/_rels/workbook.xml.rels", rels_start, NULL, NULL);
	if (x->sheet_target == NULL)
		die("%s: sheet '%s' has no part in the workbook", file, x->sheet_names[k]);
	n = strlen(file) + strlen(x->sheet_names[k]) + 2;
	x->name = xmalloc(n);
	snprintf(x->name, n, "%s:%s", file, x->sheet_names[k]);
	if (x->sst_target != NULL &&
	    parse_part(x, x->sst_target, sst_start, sst_end, sst_text) != 0)
		die("%s: the shared strings part %s is missing", file, x->sst_target);
	x->in_t = x->in_rph = 0;
	if (x->styles_target != NULL)
		parse_part(x, x->styles_target, styles_start, styles_end, NULL);
	if (part_open(x, &x->sheet, x->sheet_target, x, sheet_start, sheet_end,
	    sheet_text) != 0)
		die("%s: the part %s of sheet '%s' is missing", file, x->sheet_target,
		    x->sheet_names[k]);
	xgrow(&x->val, &x->valcap, 1, 1);
	return x;
}

const char *
xlsx_name(const struct xlsx *x)
{
	return x->name;
}

int
xlsx_read(struct xlsx *x, struct csv_record *rec)
{
	while (!x->row_ready) {
		enum XML_Status st;

		if (x->finished)
			return 0;
		if (x->suspended)
			st = XML_ResumeParser(x->sheet.p);
		else {
			size_t n = part_fill(&x->sheet);

			x->final = n == 0;
			st = XML_Parse(x->sheet.p, x->sheet.chunk, (int)n, x->final);
		}
		if (st == XML_STATUS_ERROR)
			part_error(&x->sheet);
		x->suspended = st == XML_STATUS_SUSPENDED;
		x->finished = !x->suspended && x->final;
	}
	x->row_ready = 0;
	*rec = x->rec;
	return 1;
}

void
xlsx_close(struct xlsx *x)
{
	if (x == NULL)
		return;
	if (x->prev != NULL)
		x->prev->next = x->next;
	else
		open_readers = x->next;
	if (x->next != NULL)
		x->next->prev = x->prev;
	part_close(&x->meta);
	part_close(&x->sheet);
	if (x->zip != NULL)
		zip_discard(x->zip);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheet_names[i]);
		free(x->sheet_rids[i]);
	}
	free(x->sheet_names);
	free(x->sheet_rids);
	free(x->sheet_target);
	free(x->sst_target);
	free(x->styles_target);
	free(x->sst);
	free(x->sst_off);
	free(x->xf_date);
	free(x->date_fmts);
	free(x->val);
	sheet_row_free(&x->row);
	free(x->name);
	free(x->file);
	free(x);
}

void
xlsx_close_all(void)
{
	while (open_readers != NULL)
		xlsx_close(open_readers);
}
