/*
 * metric.c: the metric table: each metric's name, 中文, kind and count columns,
 * and the lookups that --metrics, --help and the rate table use.
 * The contract is in metric.h.
 */
#include <string.h>

#include "metric.h"
#include "util.h"

#define NONE { -1, -1, -1 }

const struct metric metric_table[] = {
	{ "satisfaction", "满意率", METRIC_RATE,
	    { CNT_SATISFIED, CNT_BASIC, -1 }, CNT_RATED, 0,
	    "办理结果满意率: (satisfied + basic) / rated" },
	{ "satisfaction_strict", "满意率(不含基本满意)", METRIC_RATE,
	    { CNT_SATISFIED, -1, -1 }, CNT_RATED, 0,
	    "满意率 without 基本满意: satisfied / rated" },
	{ "reasonable_satisfaction", "合理诉求满意率", METRIC_RATE,
	    { CNT_REASONABLE_SATISFIED, CNT_REASONABLE_BASIC, -1 },
	    CNT_REASONABLE_RATED, 0,
	    "合理诉求办理结果满意率: the same over reasonable tickets" },
	{ "on_time", "按期办结率", METRIC_RATE,
	    { CNT_ON_TIME, -1, -1 }, CNT_ON_TIME_KNOWN, 0,
	    "按期办结率: on time / on time known" },
	{ "direct", "直办率", METRIC_RATE,
	    { CNT_DIRECT, -1, -1 }, CNT_TICKETS, 0,
	    "直办率: direct / tickets" },
	{ "resolution", "解决率", METRIC_RATE,
	    { CNT_RESOLVED, -1, -1 }, CNT_RESOLVED_KNOWN, 0,
	    "解决率: resolved / closed with resolved known" },
	{ "closure", "办结率", METRIC_RATE,
	    { CNT_CLOSED, -1, -1 }, CNT_TICKETS, 0,
	    "办结率: closed / tickets" },
	{ "callback", "回访率", METRIC_RATE,
	    { CNT_RATED, -1, -1 }, CNT_CLOSED, 0,
	    "回访率: rated / closed" },
	{ "mean_days", "平均办理时长(天)", METRIC_MEAN_DAYS,
	    { CNT_HOURS_SUM, -1, -1 }, CNT_DURATION_N, 0,
	    "平均办理时长: mean hours / 24 over closed tickets" },
	{ "median_days", "办理时长中位数(天)", METRIC_QUANTILE_DAYS,
	    NONE, CNT_DURATION_N, 0.5,
	    "median days to close, estimated from the hour buckets" },
	{ "p90_days", "办理时长90分位(天)", METRIC_QUANTILE_DAYS,
	    NONE, CNT_DURATION_N, 0.9,
	    "90th percentile of days to close, from the hour buckets" },
	{ "daily", "日均受理量", METRIC_DAILY,
	    { CNT_TICKETS, -1, -1 }, CNT_DAYS, 0,
	    "日均受理量: tickets / days in the period" },
};

const int metric_count = nitems(metric_table);

int
metric_by_name(const char *name, size_t len)
{
	int i = name_find(name, len, &metric_table[0].name, (size_t)metric_count,
	    sizeof(metric_table[0]), NAME_EXACT);

	return i >= 0 ? i : name_find(name, len, &metric_table[0].zh,
	    (size_t)metric_count, sizeof(metric_table[0]), NAME_EXACT);
}
