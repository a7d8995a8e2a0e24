/*
 * synth: synthetic hotline dumps, for trying rexian, its tests, samples and
 * benchmarks without real tickets (which hold citizens' names and phones).
 *
 * Two shapes.  SYNTH_12345 is a Chinese 12345 export (淄博's districts and
 * departments, Chinese headers, 是/否 and 已办结/办理中, 回访结果, free
 * text with commas and quotes); SYNTH_311 is a NYC 311 export (agencies,
 * boroughs, MM/DD/YYYY hh:mm:ss AM/PM times, a resolution text).  Tickets
 * come in time order, more on weekdays and in office hours, growing by
 * year; each department has a fixed quality, so rates differ between them
 * the way they do in published tables.
 *
 * With a share of dirty rows, that share gets one defect each, in equal
 * parts: a bad 受理时间, an empty id, a wrong field count, a repeated id
 * (half of them the whole previous row again), a 办结时间 before the
 * 受理时间.  The dirty rows are drawn from a stream of their own, so every
 * other row is byte-identical to the clean dump of the same seed.
 *
 * The same options always give the same bytes (integer arithmetic and a
 * seeded generator; the floating point is IEEE double, libm's log, exp,
 * sqrt and cos, correctly rounded on every glibc rexian supports).
 */
#ifndef REXIAN_SYNTH_H
#define REXIAN_SYNTH_H

#include <stdint.h>

#include "util.h"

enum synth_shape { SYNTH_12345, SYNTH_311 };

struct synth_options {
	enum synth_shape shape;
	long long rows;			/* data rows, header not counted */
	uint64_t seed;
	int gb18030;			/* write GB18030 rather than UTF-8 */
	int bom;			/* a UTF-8 byte-order mark (as Excel saves) */
	int crlf;			/* CRLF line ends */
	uint32_t dirty;			/* dirty rows per 2^32 */
	int64_t start_day, end_day;	/* days since 1970-01-01, inclusive */
};

/*
 * Writes the dump to o.  A start after the end is the caller's to refuse;
 * a failed write is util's message and exit 1.
 */
void synth_write(const struct synth_options *opt, struct out *o);

#endif
