/*
 * ticket: the ticket table of DESIGN.md, and how a hotline dump's headers
 * and values map onto it.
 *
 * One table (ticket_aliases in ticket.c) names every input header rexian
 * recognises, Chinese, English and NYC 311; one table per kind of value
 * (yes/no, status, satisfaction) says what each spelling means.  Nothing
 * else in rexian knows a header or a value spelling.
 */
#ifndef REXIAN_TICKET_H
#define REXIAN_TICKET_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"

/* The ticket table's columns, in output order. */
enum ticket_col {
	COL_ID, COL_CREATED, COL_DUE, COL_CLOSED, COL_CHANNEL, COL_TYPE,
	COL_CATEGORY, COL_DISTRICT, COL_DEPARTMENT, COL_STATUS, COL_DIRECT,
	COL_RESOLVED, COL_SATISFACTION, COL_REASONABLE, COL_ON_TIME,
	COL_HOURS, COL_WORKDAYS, COL_COUNT
};
/* The columns a dump can supply; the rest are derived. */
enum { COL_INPUT_COUNT = COL_REASONABLE + 1 };

/* English contract names ("id", "created", ...) and 中文 labels. */
extern const char *const ticket_col_name[COL_COUNT];
extern const char *const ticket_col_label[COL_COUNT];

/* The column named name (contract English name), or -1. */
int ticket_col_by_name(const char *name, size_t len);

/* The contract column an input header maps to by the alias table, or -1. */
int ticket_alias_lookup(const char *header, size_t len);

/* Prints the alias table, one "column: header, header, ..." a line. */
void ticket_print_aliases(struct out *o);

/* Values: each returns 0 and sets *v, or -1 for a spelling it does not know. */
enum { TRI_EMPTY = -1 };
/* 是/否, Y/N, 1/0, true/false, yes/no: 1, 0 or TRI_EMPTY for an empty value */
int ticket_parse_bool(const char *s, size_t len, int *v);
enum ticket_status { STATUS_UNKNOWN = -1, STATUS_OPEN, STATUS_CLOSED };
/* 已办结/Closed ... or 办理中/Open ...; empty gives STATUS_UNKNOWN */
int ticket_parse_status(const char *s, size_t len, int *v);
enum ticket_satisfaction { SAT_NONE = -1, SAT_SATISFIED, SAT_BASIC, SAT_DISSATISFIED };
int ticket_parse_satisfaction(const char *s, size_t len, int *v);
extern const char *const ticket_status_name[2];
extern const char *const ticket_satisfaction_name[3];

#endif
