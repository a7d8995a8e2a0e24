/*
 * synth.c: the synthetic dump generator: a seeded generator drawing tickets in
 * time order from fixed department qualities, written as a 12345 or a
 * 311 export, with the dirty rows and encodings asked for.
 * The contract is in synth.h.
 */
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "timeutil.h"

/* ------------------------------------------------------------------ */
/* the random stream: splitmix64, small and the same everywhere */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) by multiplying, so no division per draw. */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* Uniform in (0, 1): never 0, so that log() of it is finite. */
static double
rng_unit(struct rng *r)
{
	return ((double)(rng_next(r) >> 11) + 0.5) / 9007199254740992.0;
}

static double
rng_normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/*
 * Weighted choice by table: PICK_SLOTS slots shared out by weight, so a draw
 * is one lookup whatever the number of choices.
 */
enum { PICK_BITS = 12, PICK_SLOTS = 1 << PICK_BITS };

struct pick {
	uint8_t slot[PICK_SLOTS];
};

static void
pick_init(struct pick *p, const int *weight, size_t n, size_t stride)
{
	long total = 0, cum = 0;
	size_t i = 0;

	for (size_t k = 0; k < n; k++)
		total += *(const int *)((const char *)weight + k * stride);
	for (long s = 0; s < PICK_SLOTS; s++) {
		while (i + 1 < n && (cum + *(const int *)((const char *)weight +
		    i * stride)) * PICK_SLOTS <= s * total) {
			cum += *(const int *)((const char *)weight + i * stride);
			i++;
		}
		p->slot[s] = (uint8_t)i;
	}
}

static int
pick_draw(const struct pick *p, struct rng *r)
{
	return p->slot[rng_next(r) >> (64 - PICK_BITS)];
}

#define PICK_INIT(p, table, field) \
	pick_init(p, &(table)[0].field, sizeof(table) / sizeof((table)[0]), \
	    sizeof((table)[0]))

/* ------------------------------------------------------------------ */
/* the words, in the output's encoding */

struct word {
	const char *s;
	size_t len;
};

struct words {
	iconv_t cd;		/* UTF-8 to GB18030, or (iconv_t)-1 for UTF-8 */
	char **owned;		/* converted strings, freed at the end */
	size_t n, cap;
};

/* The text in the output encoding; the words own what they convert. */
static struct word
word(struct words *w, const char *utf8)
{
	size_t inleft = strlen(utf8), outleft = 4 * inleft + 1, outcap = outleft;
	char *in = (char *)utf8, *buf, *outp;

	if (w->cd == (iconv_t)-1)
		return (struct word){ utf8, inleft };
	buf = outp = xmalloc(outcap);
	iconv(w->cd, NULL, NULL, NULL, NULL);
	if (iconv(w->cd, &in, &inleft, &outp, &outleft) == (size_t)-1)
		die_errno("cannot convert '%s' to GB18030", utf8);
	xgrow(&w->owned, &w->cap, w->n + 1, sizeof(*w->owned));
	w->owned[w->n++] = buf;
	return (struct word){ buf, outcap - outleft };
}

/* ------------------------------------------------------------------ */
/* a line being built */

enum { LINE_MAX_BYTES = 4096 };

struct line {
	char b[LINE_MAX_BYTES];
	size_t len;
	size_t idlen;		/* the id is b[0..idlen) */
};

static void
put(struct line *l, const char *s, size_t n)
{
	memcpy(l->b + l->len, s, n);
	l->len += n;
}

static void
put_word(struct line *l, struct word w)
{
	put(l, w.s, w.len);
}

static void
put_c(struct line *l, char c)
{
	l->b[l->len++] = c;
}

/* Zero-padded decimal of at least width digits. */
static void
put_num(struct line *l, uint64_t v, int width)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n < width)
		d[n++] = '0';
	while (n > 0)
		put_c(l, d[--n]);
}

/* A field that needs CSV quoting (a comma or a quote in it), quoted. */
static void
put_quoted(struct line *l, const char *s)
{
	int quote = strpbrk(s, ",\"") != NULL;

	if (quote)
		put_c(l, '"');
	for (; *s; s++) {
		if (*s == '"')
			put_c(l, '"');
		put_c(l, *s);
	}
	if (quote)
		put_c(l, '"');
}

/* ------------------------------------------------------------------ */
/* time: the days of the dump and the tickets of a day */

enum {
	HORIZON_DAYS = 120,	/* durations stop here; dates are kept this far */
	DIRTY_KINDS = 5
};

static const int hour_weight[24] = {
	4, 3, 2, 2, 2, 3, 6, 20, 62, 80, 78, 70,
	42, 46, 72, 76, 70, 58, 36, 30, 27, 20, 12, 7,
};

/*
 * How many tickets each day gets: a weekly rhythm, growth by year, a summer
 * and a winter high (air conditioning, heating) and the national holidays
 * low.  Rounded systematically, so even a few hundred rows spread out.
 */
static long long *
day_counts(const struct synth_options *opt, int64_t ndays)
{
	static const double weekday[7] = { 1.22, 1.12, 1.08, 1.05, 1.0, 0.74, 0.66 };
	double *w = xcalloc((size_t)ndays, sizeof(*w)), total = 0, cum = 0;
	long long *count = xcalloc((size_t)ndays, sizeof(*count)), prev = 0;
	int y0, m, d;

	civil_from_days(opt->start_day, &y0, &m, &d);
	for (int64_t i = 0; i < ndays; i++) {
		int64_t day = opt->start_day + i;
		int y, yday;
		double x;

		civil_from_days(day, &y, &m, &d);
		yday = (int)(day - days_from_civil(y, 1, 1));
		x = weekday[weekday_of_day(day)] * (1.0 + 0.2 * (y - y0));
		x *= 1.0 + 0.12 * cos(6.283185307179586 * (yday - 20) / 182.6);
		if ((m == 1 && d == 1) || (m == 5 && d <= 3) || (m == 10 && d <= 5))
			x *= 0.55;
		w[i] = x;
		total += x;
	}
	for (int64_t i = 0; i < ndays; i++) {
		long long c;

		cum += w[i];
		c = llround((double)opt->rows * (cum / total));
		if (c > opt->rows || i == ndays - 1)
			c = opt->rows;
		count[i] = c - prev;
		prev = c;
	}
	free(w);
	return count;
}

static int
compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The n seconds of the day at which tickets come in, in order. */
static void
times_of_day(struct rng *r, const struct pick *hours, int *secs, long long n)
{
	for (long long i = 0; i < n; i++)
		secs[i] = pick_draw(hours, r) * 3600 + (int)rng_below(r, 3600);
	qsort(secs, (size_t)n, sizeof(*secs), compare_int);
}

/* ------------------------------------------------------------------ */
/* the 12345 shape */

struct weighted {
	const char *name;
	int weight;
};

static const struct weighted cn_channels[] = {
	{ "电话", 68 }, { "微信", 13 }, { "网站", 7 }, { "APP", 8 }, { "市长信箱", 2 },
	{ "市长在线", 2 },
};

/* type, weight, days to the 办理时限 */
static const struct cn_type {
	const char *name;
	int weight, due_days;
} cn_types[] = {
	{ "咨询", 36, 2 }, { "求助", 24, 5 }, { "投诉", 27, 5 }, { "举报", 5, 5 },
	{ "建议", 8, 10 },
};

/* category, weight, the city department that answers for it, and whether
 * an urban district's own bureau (住建局, 城管局) may take it instead */
static const struct cn_category {
	const char *name;
	int weight;
	const char *city;
	const char *bureau;
} cn_categories[] = {
	{ "城乡建设", 9, "淄博市住建局", "住建局" },
	{ "物业管理", 10, "淄博市住建局", "住建局" },
	{ "市容环卫", 11, "淄博市城管局", "城管局" },
	{ "交通出行", 7, "淄博市交通运输局", NULL },
	{ "劳动保障", 8, "淄博市人社局", NULL },
	{ "消费维权", 9, "淄博市市场监管局", NULL },
	{ "供电", 5, "国网淄博供电公司", NULL },
	{ "供水", 4, "淄博市水务集团", NULL },
	{ "供暖供气", 5, "淄博市热力集团", NULL },
	{ "教育", 5, "淄博市教育局", NULL },
	{ "医疗卫生", 5, "淄博市卫健委", NULL },
	{ "医疗保障", 3, "淄博市医保局", NULL },
	{ "生态环境", 4, "淄博市生态环境局", NULL },
	{ "治安管理", 4, "淄博市公安局", NULL },
	{ "民政救助", 3, "淄博市民政局", NULL },
	{ "自然资源", 2, "淄博市自然资源和规划局", NULL },
	{ "农业农村", 2, "淄博市农业农村局", NULL },
	{ "文化旅游", 1, "淄博市文旅局", NULL },
	{ "政务服务", 2, "淄博市行政审批局", NULL },
	{ "其他", 3, "淄博市政府办公室", NULL },
};

/* district, weight, its government, whether it has its own bureaus */
static const struct cn_district {
	const char *name;
	int weight;
	const char *gov;
	int urban;
} cn_districts[] = {
	{ "张店区", 26, "张店区政府", 1 }, { "淄川区", 13, "淄川区政府", 1 },
	{ "博山区", 8, "博山区政府", 0 }, { "临淄区", 13, "临淄区政府", 1 },
	{ "周村区", 8, "周村区政府", 1 }, { "桓台县", 8, "桓台县政府", 0 },
	{ "高青县", 5, "高青县政府", 0 }, { "沂源县", 6, "沂源县政府", 0 },
	{ "高新区", 7, "高新区管委会", 0 }, { "经开区", 3, "经开区管委会", 0 },
	{ "文昌湖区", 3, "文昌湖区管委会", 0 },
};

/*
 * How well a department handles tickets, best first: the share answered
 * on the spot (直办), the share of the others still open, the share of the
 * others that run far late, their median days, the share resolved, and
 * the shares rated 满意, 基本满意 and 不满意 among the closed.
 */
static const struct quality {
	double direct, open, late, median_days, resolved;
	double satisfied, basic, dissatisfied;
} qualities[] = {
	{ 0.72, 0.02, 0.010, 1.6, 0.980, 0.955, 0.035, 0.006 },
	{ 0.66, 0.03, 0.020, 2.0, 0.965, 0.935, 0.050, 0.011 },
	{ 0.61, 0.04, 0.035, 2.4, 0.950, 0.915, 0.062, 0.020 },
	{ 0.55, 0.06, 0.055, 2.9, 0.930, 0.885, 0.078, 0.034 },
	{ 0.48, 0.08, 0.090, 3.5, 0.890, 0.840, 0.095, 0.058 },
};

/* The departments whose quality is not the middle one. */
static const struct {
	const char *name;
	int quality;
} cn_department_quality[] = {
	{ "淄博市住建局", 0 }, { "淄博市教育局", 0 }, { "高新区管委会", 0 },
	{ "淄博市公安局", 1 }, { "淄博市人社局", 1 }, { "临淄区政府", 1 },
	{ "张店区城管局", 1 }, { "淄博市行政审批局", 1 },
	{ "淄博市城管局", 3 }, { "淄博市热力集团", 3 }, { "博山区政府", 3 },
	{ "周村区住建局", 3 }, { "淄博市交通运输局", 3 },
	{ "国网淄博供电公司", 4 }, { "淄川区住建局", 4 },
};

static const char *const cn_places[] = {
	"柳泉路", "华光路", "共青团路", "人民西路", "北京路", "金晶大道", "联通路",
	"中润大道", "西六路", "鲁泰大道", "张周路", "美食街", "八大局", "周村古商城",
	"齐盛湖公园", "淄博站", "汽车总站", "中心医院", "海月龙宫", "颜山公园",
};
static const char *const cn_things[] = {
	"小区", "路口", "公交站", "农贸市场", "学校门口", "楼道", "地下车库",
	"人行道", "绿化带", "沿街商铺", "工地", "居民楼", "社区", "停车场",
};
static const char *const cn_problems[] = {
	"路灯不亮", "下水道堵塞", "噪音扰民", "占道经营", "垃圾清运不及时", "暖气不热",
	"停水", "频繁停电", "燃气泄漏隐患", "电梯故障", "物业乱收费", "违章搭建",
	"夜间施工", "油烟扰民", "路面坑洼", "井盖缺失", "车辆乱停", "出租车拒载",
	"公交车不按点", "拖欠工资", "社保转移难", "医保报销慢", "子女入学",
	"预付卡退费难", "虚假宣传", "食品安全", "宠物扰民", "树木遮挡采光",
	"烧烤摊排烟", "充电桩损坏",
};
static const char *const cn_asks[] = {
	"请尽快处理", "希望协调解决", "要求给予答复", "请相关部门核实", "希望尽快维修",
	"影响正常生活", "多次反映未解决", "请求帮助", "请予以查处", "咨询办理流程",
	"建议增设设施",
};
static const char *const cn_whens[] = {
	"", "近期", "最近一周", "每天晚上", "周末", "连续三天", "从上个月起", "今天上午",
	"长期以来",
};
static const char *const cn_claims[] = {
	"商家宣称", "广告写着", "销售承诺", "对方说是", "传单上印着",
};
static const char *const cn_quoted[] = {
	"全场五折", "免费体验", "最后一天", "包教包会", "学区房", "零首付",
	"内部名额", "保本高收益", "七天无理由退货",
};
static const char *const cn_bad_dates[] = {
	"2021-02-30 10:12:00", "2021-13-01 08:00:00", "2021-09-31 09:30:00",
	"2021-06-15 25:10:00", "2021-06-15 09:61:00", "NULL", "", "########",
	"0000-00-00 00:00:00", "2022-02-29 14:00:00",
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define ITEM(r, a) ((a)[rng_below(r, (uint32_t)NITEMS(a))])

enum { CONTENT_POOL = 4096, MAX_DEPARTMENTS = 64 };

/* ------------------------------------------------------------------ */
/* what both shapes share: the stream of days, rows and defects */

enum defect { D_NONE, D_BAD_DATE, D_EMPTY_ID, D_FIELDS, D_REPEAT_ID, D_CLOSED_EARLY };

struct gen;
typedef void row_fn(struct gen *, int64_t day, int sec, long long seq,
    enum defect, struct line *);

struct gen {
	const struct synth_options *opt;
	struct rng r, dirt;
	struct words w;
	row_fn *row;
	void *shape;		/* struct cn or struct nyc */
	int64_t day0;		/* the first day in ymd */
	char (*ymd)[10];	/* YYYY-MM-DD of day0, day0 + 1, ... */
	int64_t export_t;	/* the dump is taken at the end day's midnight */
	int seq_width;
	long long rowno;
	char prev_id[64];
	size_t prev_id_len;
};

static const char *
ymd_of(const struct gen *g, int64_t day)
{
	return g->ymd[day - g->day0];
}

/* YYYY-MM-DD HH:MM:SS */
static void
put_time_iso(struct line *l, const struct gen *g, int64_t t)
{
	int64_t day = day_of_time(t);
	int s = (int)(t - day * SECS_PER_DAY);

	put(l, ymd_of(g, day), 10);
	put_c(l, ' ');
	put_num(l, (uint64_t)(s / 3600), 2);
	put_c(l, ':');
	put_num(l, (uint64_t)(s / 60 % 60), 2);
	put_c(l, ':');
	put_num(l, (uint64_t)(s % 60), 2);
}

/* MM/DD/YYYY hh:mm:ss AM, as NYC Open Data exports it */
static void
put_time_us(struct line *l, const struct gen *g, int64_t t)
{
	int64_t day = day_of_time(t);
	int s = (int)(t - day * SECS_PER_DAY), h = s / 3600;
	const char *d = ymd_of(g, day);

	put(l, d + 5, 2);
	put_c(l, '/');
	put(l, d + 8, 2);
	put_c(l, '/');
	put(l, d, 4);
	put_c(l, ' ');
	put_num(l, (uint64_t)(h % 12 == 0 ? 12 : h % 12), 2);
	put_c(l, ':');
	put_num(l, (uint64_t)(s / 60 % 60), 2);
	put_c(l, ':');
	put_num(l, (uint64_t)(s % 60), 2);
	put(l, h < 12 ? " AM" : " PM", 3);
}

/* A closed time one minute to three days before the created one. */
static int64_t
closed_early(struct gen *g, int64_t created)
{
	return created - 60 - (int64_t)rng_below(&g->dirt, 3 * SECS_PER_DAY);
}

/*
 * The last field of a row with the wrong field count: left off, or one
 * more after it.  last is where the last field's comma is.
 */
static void
wrong_fields(struct gen *g, struct line *l, size_t last, struct word extra)
{
	if (rng_below(&g->dirt, 2) == 0) {
		l->len = last;
		return;
	}
	put_c(l, ',');
	put_word(l, extra);
}

/* A ticket's duration in seconds from a lognormal of this median. */
static int64_t
lognormal_secs(struct rng *r, double median_secs, double sigma)
{
	double x = median_secs * exp(sigma * rng_normal(r));
	double cap = (double)HORIZON_DAYS * SECS_PER_DAY - 1;

	return x < 60 ? 60 : x > cap ? (int64_t)cap : (int64_t)x;
}

/* ------------------------------------------------------------------ */
/* the 12345 shape, continued */

struct cn_department {
	const char *utf8;
	struct word name;
	const struct quality *q;
};

/* Everything a 12345 row is made of, drawn or encoded once. */
struct cn {
	struct word channel[NITEMS(cn_channels)], type[NITEMS(cn_types)];
	struct word category[NITEMS(cn_categories)], district[NITEMS(cn_districts)];
	struct cn_department dep[MAX_DEPARTMENTS];
	int ndep;
	int city_dep[NITEMS(cn_categories)];
	int gov_dep[NITEMS(cn_districts)];
	int bureau_dep[NITEMS(cn_categories)][NITEMS(cn_districts)];
	struct pick channels, types, categories, districts;
	struct word content[CONTENT_POOL];
	struct word yes, no, closed, open, satisfied, basic, dissatisfied, not_rated;
	struct word bad_date[NITEMS(cn_bad_dates)], remark;
};

static const char cn_header[] = "工单编号,受理时间,来源渠道,诉求类型,诉求分类,区县,"
    "承办单位,办理时限,办结时间,办结状态,是否直办,是否解决,回访结果,是否合理诉求,诉求内容";

/* The department's number, added with its quality when new. */
static int
cn_department(struct cn *c, struct words *w, const char *name)
{
	size_t len = strlen(name);
	int i = name_find(name, len, &c->dep[0].utf8, (size_t)c->ndep,
	    sizeof(c->dep[0]), NAME_EXACT);

	if (i >= 0)
		return i;
	i = name_find(name, len, &cn_department_quality[0].name,
	    NITEMS(cn_department_quality), sizeof(cn_department_quality[0]),
	    NAME_EXACT);
	int q = i >= 0 ? cn_department_quality[i].quality : 2;

	if (c->ndep == MAX_DEPARTMENTS)
		die("too many departments");
	c->dep[c->ndep].utf8 = name;
	c->dep[c->ndep].name = word(w, name);
	c->dep[c->ndep].q = &qualities[q];
	return c->ndep++;
}

/* Takes a malloc'd string into the words, which free it at the end. */
static char *
keep_str(struct words *w, char *s)
{
	xgrow(&w->owned, &w->cap, w->n + 1, sizeof(*w->owned));
	w->owned[w->n++] = s;
	return s;
}

/* Takes a malloc'd UTF-8 string into the words and returns it encoded. */
static struct word
word_take(struct words *w, char *s)
{
	return word(w, keep_str(w, s));
}

/* One 诉求内容: ~15% hold an ASCII comma, ~2% quoted words. */
static char *
cn_content(struct rng *r)
{
	char s[512], *q = xmalloc(2 * sizeof(s) + 3);
	struct line l = { .len = 0 };
	uint32_t u = rng_below(r, 100);
	const char *when = ITEM(r, cn_whens), *place = ITEM(r, cn_places);
	const char *thing = ITEM(r, cn_things), *problem = ITEM(r, cn_problems);
	const char *ask = ITEM(r, cn_asks);

	if (u < 2)
		snprintf(s, sizeof(s), "%s%s%s\"%s\"%s实际不符%s%s", place, thing,
		    ITEM(r, cn_claims), ITEM(r, cn_quoted), u == 0 ? "," : "，",
		    u == 0 ? "," : "，", ask);
	else if (u < 17)
		snprintf(s, sizeof(s), "%s%s%s%s,%s", when, place, thing, problem, ask);
	else if (u < 60)
		snprintf(s, sizeof(s), "%s%s%s%s，%s。", when, place, thing, problem, ask);
	else
		snprintf(s, sizeof(s), "反映%s%s%s", place, thing, problem);
	put_quoted(&l, s);
	memcpy(q, l.b, l.len);
	q[l.len] = '\0';
	return q;
}

/* The caller frees it with cn_free. */
static struct cn *
cn_new(struct gen *g)
{
	struct cn *c = xcalloc(1, sizeof(*c));
	struct words *w = &g->w;

	PICK_INIT(&c->channels, cn_channels, weight);
	PICK_INIT(&c->types, cn_types, weight);
	PICK_INIT(&c->categories, cn_categories, weight);
	PICK_INIT(&c->districts, cn_districts, weight);
	for (size_t i = 0; i < NITEMS(cn_channels); i++)
		c->channel[i] = word(w, cn_channels[i].name);
	for (size_t i = 0; i < NITEMS(cn_types); i++)
		c->type[i] = word(w, cn_types[i].name);
	for (size_t i = 0; i < NITEMS(cn_districts); i++) {
		c->district[i] = word(w, cn_districts[i].name);
		c->gov_dep[i] = cn_department(c, w, cn_districts[i].gov);
	}
	for (size_t i = 0; i < NITEMS(cn_categories); i++) {
		c->category[i] = word(w, cn_categories[i].name);
		c->city_dep[i] = cn_department(c, w, cn_categories[i].city);
		for (size_t d = 0; d < NITEMS(cn_districts); d++) {
			char name[64];

			c->bureau_dep[i][d] = -1;
			if (cn_categories[i].bureau == NULL || !cn_districts[d].urban)
				continue;
			snprintf(name, sizeof(name), "%s%s", cn_districts[d].name,
			    cn_categories[i].bureau);
			c->bureau_dep[i][d] = cn_department(c, w,
			    keep_str(w, xstrdup(name)));
		}
	}
	for (int i = 0; i < CONTENT_POOL; i++)
		c->content[i] = word_take(w, cn_content(&g->r));
	c->yes = word(w, "是");
	c->no = word(w, "否");
	c->closed = word(w, "已办结");
	c->open = word(w, "办理中");
	c->satisfied = word(w, "满意");
	c->basic = word(w, "基本满意");
	c->dissatisfied = word(w, "不满意");
	c->not_rated = word(w, "未回访");
	c->remark = word(w, "备注");
	for (size_t i = 0; i < NITEMS(cn_bad_dates); i++)
		c->bad_date[i] = word(w, cn_bad_dates[i]);
	return c;
}

/*
 * Who takes a ticket: an urban district's own bureau for most of its
 * building and city-appearance tickets, else the city department for about
 * two in five, else the district's government.
 */
static int
cn_route(struct cn *c, struct rng *r, int cat, int dist)
{
	uint32_t u = rng_below(r, 100);

	if (c->bureau_dep[cat][dist] >= 0 && u < 55)
		return c->bureau_dep[cat][dist];
	return u < 80 - 40 * (c->bureau_dep[cat][dist] < 0) ? c->city_dep[cat] :
	    c->gov_dep[dist];
}

static void
cn_row(struct gen *g, int64_t day, int sec, long long seq, enum defect defect,
    struct line *l)
{
	struct cn *c = g->shape;
	struct rng *r = &g->r;
	int ch = pick_draw(&c->channels, r), ty = pick_draw(&c->types, r);
	int ca = pick_draw(&c->categories, r), di = pick_draw(&c->districts, r);
	int dep = cn_route(c, r, ca, di);
	const struct quality *q = c->dep[dep].q;
	int64_t created = day * SECS_PER_DAY + sec, closed = -1, dur = -1;
	int reasonable = rng_unit(r) < 0.97, direct = rng_unit(r) < q->direct;
	double x = rng_unit(r);
	struct word rating = { "", 0 }, resolved = { "", 0 };
	size_t last;

	if (direct)
		dur = lognormal_secs(r, 1200, 0.8);
	else if (x >= q->open && x < q->open + q->late)
		dur = (int64_t)(SECS_PER_DAY * (6 + 50 * rng_unit(r) * rng_unit(r)));
	else if (x >= q->open)
		dur = lognormal_secs(r, q->median_days * SECS_PER_DAY, 0.6);
	if (dur >= 0 && created + dur < g->export_t)
		closed = created + dur;
	if (closed >= 0) {
		int res = rng_unit(r) < q->resolved;
		double u = rng_unit(r), rest = 1 - q->satisfied - q->basic - q->dissatisfied;

		resolved = res ? c->yes : c->no;
		u = res ? u : 0.5 + 0.5 * u;
		u = reasonable ? u : 0.4 + 0.6 * u;
		if (u < q->satisfied)
			rating = c->satisfied;
		else if ((u -= q->satisfied) < q->basic)
			rating = c->basic;
		else if ((u -= q->basic) < q->dissatisfied)
			rating = c->dissatisfied;
		else if (u - q->dissatisfied < 0.75 * rest)
			rating = c->not_rated;
	} else if (rng_unit(r) < 0.3)
		rating = c->not_rated;
	if (defect == D_CLOSED_EARLY)
		closed = closed_early(g, created);

	l->len = 0;
	if (defect == D_REPEAT_ID)
		put(l, g->prev_id, g->prev_id_len);
	else if (defect != D_EMPTY_ID) {
		const char *d = ymd_of(g, day);

		put(l, "ZB", 2);
		put(l, d, 4);
		put(l, d + 5, 2);
		put(l, d + 8, 2);
		put_num(l, (uint64_t)seq, g->seq_width);
	}
	l->idlen = l->len;
	put_c(l, ',');
	if (defect == D_BAD_DATE)
		put_word(l, c->bad_date[rng_below(&g->dirt, NITEMS(cn_bad_dates))]);
	else
		put_time_iso(l, g, created);
	put_c(l, ',');
	put_word(l, c->channel[ch]);
	put_c(l, ',');
	put_word(l, c->type[ty]);
	put_c(l, ',');
	put_word(l, c->category[ca]);
	put_c(l, ',');
	put_word(l, c->district[di]);
	put_c(l, ',');
	put_word(l, c->dep[dep].name);
	put_c(l, ',');
	put_time_iso(l, g, created + (int64_t)cn_types[ty].due_days * SECS_PER_DAY);
	put_c(l, ',');
	if (closed >= 0)
		put_time_iso(l, g, closed);
	put_c(l, ',');
	put_word(l, closed >= 0 ? c->closed : c->open);
	put_c(l, ',');
	put_word(l, direct && closed >= 0 ? c->yes : c->no);
	put_c(l, ',');
	put_word(l, resolved);
	put_c(l, ',');
	put_word(l, rating);
	put_c(l, ',');
	put_word(l, reasonable ? c->yes : c->no);
	last = l->len;
	put_c(l, ',');
	put_word(l, c->content[rng_below(r, CONTENT_POOL)]);
	if (defect == D_FIELDS)
		wrong_fields(g, l, last, c->remark);
}

/* ------------------------------------------------------------------ */
/* the 311 shape */

struct nyc_type {
	const char *type, *descriptor;
};

static const struct nyc_type nypd_types[] = {
	{ "Noise - Residential", "Loud Music/Party" },
	{ "Noise - Residential", "Banging/Pounding" },
	{ "Illegal Parking", "Blocked Hydrant" },
	{ "Illegal Parking", "Double Parked Blocking Traffic" },
	{ "Blocked Driveway", "No Access" },
	{ "Noise - Street/Sidewalk", "Loud Talking" },
};
static const struct nyc_type hpd_types[] = {
	{ "HEAT/HOT WATER", "ENTIRE BUILDING" }, { "HEAT/HOT WATER", "APARTMENT ONLY" },
	{ "PLUMBING", "WATER SUPPLY" }, { "UNSANITARY CONDITION", "PESTS" },
	{ "PAINT/PLASTER", "WALL" }, { "DOOR/WINDOW", "WINDOW GUARD BROKEN/MISSING" },
};
static const struct nyc_type dsny_types[] = {
	{ "Missed Collection", "Trash" }, { "Dirty Condition", "Trash" },
	{ "Illegal Dumping", "Removal Request" }, { "Derelict Vehicles", "Derelict Vehicles" },
};
static const struct nyc_type dot_types[] = {
	{ "Street Condition", "Pothole" }, { "Street Light Condition", "Street Light Out" },
	{ "Traffic Signal Condition", "Controller" }, { "Sidewalk Condition", "Broken Sidewalk" },
};
static const struct nyc_type dep_types[] = {
	{ "Water System", "Hydrant Running Full" },
	{ "Noise", "Noise: Construction Before/After Hours (NM1)" },
	{ "Sewer", "Catch Basin Clogged/Flooding (Use Comments) (SC)" },
};
static const struct nyc_type dob_types[] = {
	{ "General Construction/Plumbing", "Failure To Maintain" },
	{ "Building/Use", "Illegal Conversion Of Residential Building/Space" },
};
static const struct nyc_type dpr_types[] = {
	{ "Damaged Tree", "Branch Cracked and Will Fall" },
	{ "Overgrown Tree/Branches", "Hitting Building" },
};
static const struct nyc_type dohmh_types[] = {
	{ "Rodent", "Rat Sighting" }, { "Food Establishment", "Food Contaminated" },
};
static const struct nyc_type dhs_types[] = {
	{ "Homeless Person Assistance", "Chronic" },
};

/* agency, weight, median hours to close, the share still open, the days
 * to its due date (0: the agency sets none), and how it words its answer */
static const struct agency {
	const char *code, *name;
	int weight;
	double median_hours, open;
	int due_days;
	const struct nyc_type *type;
	size_t ntype;
	const char *who;
} agencies[] = {
#define TYPES(t) t, NITEMS(t)
	{ "NYPD", "New York City Police Department", 33, 2.5, 0.01, 0,
	  TYPES(nypd_types), "Police Department" },
	{ "HPD", "Department of Housing Preservation and Development", 22, 90, 0.06,
	  14, TYPES(hpd_types), "Department of Housing Preservation and Development" },
	{ "DSNY", "Department of Sanitation", 12, 40, 0.04, 5, TYPES(dsny_types),
	  "Department of Sanitation" },
	{ "DOT", "Department of Transportation", 10, 70, 0.08, 30, TYPES(dot_types),
	  "Department of Transportation" },
	{ "DEP", "Department of Environmental Protection", 8, 30, 0.05, 10,
	  TYPES(dep_types), "Department of Environmental Protection" },
	{ "DOB", "Department of Buildings", 5, 200, 0.15, 60, TYPES(dob_types),
	  "Department of Buildings" },
	{ "DPR", "Department of Parks and Recreation", 5, 300, 0.12, 0, TYPES(dpr_types),
	  "Department of Parks and Recreation" },
	{ "DOHMH", "Department of Health and Mental Hygiene", 3, 150, 0.07, 0,
	  TYPES(dohmh_types), "Department of Health and Mental Hygiene" },
	{ "DHS", "Department of Homeless Services", 2, 4, 0.01, 0, TYPES(dhs_types),
	  "Department of Homeless Services" },
#undef TYPES
};

static const struct borough {
	const char *name;
	int weight, zip0, nzip;
} boroughs[] = {
	{ "BROOKLYN", 31, 11201, 39 }, { "QUEENS", 25, 11354, 83 },
	{ "MANHATTAN", 20, 10001, 40 }, { "BRONX", 19, 10451, 25 },
	{ "STATEN ISLAND", 4, 10301, 14 }, { "Unspecified", 1, 0, 0 },
};

static const struct weighted nyc_channels[] = {
	{ "PHONE", 40 }, { "ONLINE", 29 }, { "MOBILE", 26 }, { "UNKNOWN", 5 },
};
static const char *const nyc_open_status[] = {
	"In Progress", "Open", "Pending", "Assigned", "Started",
};
static const char *const nyc_bad_dates[] = {
	"02/30/2021 10:12:00 AM", "09/31/2021 09:30:00 PM", "00/00/0000 12:00:00 AM",
	"06/15/2021 13:10:00 PM", "N/A", "", "not a date",
};
static const char nyc_header[] = "Unique Key,Created Date,Closed Date,Agency,"
    "Agency Name,Complaint Type,Descriptor,Incident Zip,Borough,Status,Due Date,"
    "Resolution Description,Open Data Channel Type";

enum { NYC_ANSWERS = 3 };

struct nyc {
	struct pick agencies, boroughs, channels;
	struct word answer[NITEMS(agencies)][NYC_ANSWERS];
};

/* The caller frees it with free(). */
static struct nyc *
nyc_new(struct gen *g)
{
	static const char *const answers[NYC_ANSWERS] = {
		"The %s responded to the complaint and took action to fix the condition.",
		"The %s inspected the location, and no violation was found.",
		"The %s has received your complaint, and it is being reviewed.",
	};
	struct nyc *n = xcalloc(1, sizeof(*n));

	PICK_INIT(&n->agencies, agencies, weight);
	PICK_INIT(&n->boroughs, boroughs, weight);
	PICK_INIT(&n->channels, nyc_channels, weight);
	for (size_t a = 0; a < NITEMS(agencies); a++)
		for (int k = 0; k < NYC_ANSWERS; k++) {
			char s[256];
			struct line l = { .len = 0 };

			snprintf(s, sizeof(s), answers[k], agencies[a].who);
			put_quoted(&l, s);
			n->answer[a][k] = word_take(&g->w, xmemdup0(l.b, l.len));
		}
	return n;
}

static void
nyc_row(struct gen *g, int64_t day, int sec, long long seq, enum defect defect,
    struct line *l)
{
	struct nyc *n = g->shape;
	struct rng *r = &g->r;
	const struct agency *a = &agencies[pick_draw(&n->agencies, r)];
	const struct nyc_type *t = &a->type[rng_below(r, (uint32_t)a->ntype)];
	const struct borough *b = &boroughs[pick_draw(&n->boroughs, r)];
	int64_t created = day * SECS_PER_DAY + sec, closed = -1;
	int ch = pick_draw(&n->channels, r), answer;
	size_t last;

	(void)seq;
	if (rng_unit(r) >= a->open) {
		closed = created + lognormal_secs(r, a->median_hours * 3600, 1.1);
		if (closed >= g->export_t)
			closed = -1;
	}
	answer = closed >= 0 ? (int)rng_below(r, 2) : 2;
	if (defect == D_CLOSED_EARLY)
		closed = closed_early(g, created);

	l->len = 0;
	if (defect == D_REPEAT_ID)
		put(l, g->prev_id, g->prev_id_len);
	else if (defect != D_EMPTY_ID)
		put_num(l, 60000000 + (uint64_t)g->rowno, 0);
	l->idlen = l->len;
	put_c(l, ',');
	if (defect == D_BAD_DATE)
	{
		const char *s = nyc_bad_dates[rng_below(&g->dirt, NITEMS(nyc_bad_dates))];

		put(l, s, strlen(s));
	}
	else
		put_time_us(l, g, created);
	put_c(l, ',');
	if (closed >= 0)
		put_time_us(l, g, closed);
	put_c(l, ',');
	put(l, a->code, strlen(a->code));
	put_c(l, ',');
	put(l, a->name, strlen(a->name));
	put_c(l, ',');
	put(l, t->type, strlen(t->type));
	put_c(l, ',');
	put(l, t->descriptor, strlen(t->descriptor));
	put_c(l, ',');
	if (b->nzip > 0)
		put_num(l, (uint64_t)b->zip0 + rng_below(r, (uint32_t)b->nzip), 5);
	put_c(l, ',');
	put(l, b->name, strlen(b->name));
	put_c(l, ',');
	if (closed >= 0)
		put(l, "Closed", 6);
	else {
		const char *s = nyc_open_status[rng_below(r, NITEMS(nyc_open_status))];

		put(l, s, strlen(s));
	}
	put_c(l, ',');
	if (a->due_days > 0)
		put_time_us(l, g, created + (int64_t)a->due_days * SECS_PER_DAY);
	put_c(l, ',');
	put_word(l, n->answer[a - agencies][answer]);
	last = l->len;
	put_c(l, ',');
	put(l, nyc_channels[ch].name, strlen(nyc_channels[ch].name));
	if (defect == D_FIELDS)
		wrong_fields(g, l, last, (struct word){ "N/A", 3 });
}

/* ------------------------------------------------------------------ */

void
synth_write(const struct synth_options *opt, struct out *o)
{
	struct gen g = { .opt = opt, .w = { .cd = (iconv_t)-1 } };
	int64_t ndays = opt->end_day - opt->start_day + 1, nymd;
	long long *count, most = 0;
	int *secs;
	struct line *cur = xmalloc(sizeof(*cur)), *prev = xmalloc(sizeof(*prev));
	int has_prev = 0;
	const char *nl = opt->crlf ? "\r\n" : "\n";
	size_t nllen = strlen(nl);
	struct pick hours;

	g.r.s = opt->seed;
	g.dirt.s = opt->seed ^ 0x5eed0d1e7ULL;
	rng_next(&g.dirt);
	if (opt->gb18030 && (g.w.cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1)
		die_errno("cannot write GB18030");
	g.day0 = opt->start_day - 4;
	nymd = ndays + 4 + HORIZON_DAYS + 16;
	g.ymd = xcalloc((size_t)nymd, sizeof(*g.ymd));
	for (int64_t i = 0; i < nymd; i++) {
		char t[TIME_TEXT_LEN];

		time_format((g.day0 + i) * SECS_PER_DAY, t);
		memcpy(g.ymd[i], t, 10);
	}
	g.export_t = (opt->end_day + 1) * SECS_PER_DAY;
	count = day_counts(opt, ndays);
	for (int64_t i = 0; i < ndays; i++)
		most = count[i] > most ? count[i] : most;
	g.seq_width = 5;
	for (long long m = most / 100000; m > 0; m /= 10)
		g.seq_width++;
	secs = xcalloc((size_t)most + 1, sizeof(*secs));
	pick_init(&hours, hour_weight, 24, sizeof(int));
	if (opt->shape == SYNTH_12345) {
		g.shape = cn_new(&g);
		g.row = cn_row;
	} else {
		g.shape = nyc_new(&g);
		g.row = nyc_row;
	}

	if (opt->bom && !opt->gb18030)
		out_write(o, "\xef\xbb\xbf", 3);
	{
		struct word h = word(&g.w, opt->shape == SYNTH_12345 ? cn_header :
		    nyc_header);

		out_write(o, h.s, h.len);
		out_write(o, nl, nllen);
	}
	for (int64_t i = 0; i < ndays; i++) {
		times_of_day(&g.r, &hours, secs, count[i]);
		for (long long k = 0; k < count[i]; k++) {
			enum defect d = D_NONE;
			int whole = 0;

			if (opt->dirty > 0 && (uint32_t)(rng_next(&g.dirt) >> 32) < opt->dirty)
				d = (enum defect)(1 + rng_below(&g.dirt, DIRTY_KINDS));
			if (d == D_REPEAT_ID && !has_prev)
				d = D_EMPTY_ID;
			else if (d == D_REPEAT_ID && rng_below(&g.dirt, 2) == 0) {
				whole = 1;
				d = D_NONE;
			}
			/* a whole repeat is drawn all the same, to keep the
			 * stream, and the previous row written again */
			g.row(&g, opt->start_day + i, secs[k], k + 1, d, cur);
			g.rowno++;
			if (whole)
				out_write(o, prev->b, prev->len);
			else {
				struct line *t = prev;

				out_write(o, cur->b, cur->len);
				g.prev_id_len = cur->idlen < sizeof(g.prev_id) ?
				    cur->idlen : sizeof(g.prev_id);
				memcpy(g.prev_id, cur->b, g.prev_id_len);
				prev = cur;
				cur = t;
				has_prev = 1;
			}
			out_write(o, nl, nllen);
		}
	}
	free(count);
	free(secs);
	free(cur);
	free(prev);
	free(g.ymd);
	free(g.shape);
	for (size_t i = 0; i < g.w.n; i++)
		free(g.w.owned[i]);
	free(g.w.owned);
	if (g.w.cd != (iconv_t)-1)
		iconv_close(g.w.cd);
}
