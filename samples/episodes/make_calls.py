#!/usr/bin/env python3
"""make_calls.py: writes calls-gb18030.csv, the calls of six 「12345市长在线」
broadcasts, shaped like a 12345 export (Chinese headers, GB18030, CRLF), with
the published counts: episodes 1-3 took 526 calls of which 508 were rated
满意 or 基本满意 (96.58%), episodes 4-6 took 501 (180, 142 and 179) of which
488 (97.41%).  The split of 526 over episodes 1-3 and the broadcast dates are
illustrative; the published figures do not give them.  Five dirty rows
(a repeated row, a bad date, an empty id, a short row, a closed-before-
created) are mixed in for rexian-ingest to reject.  Deterministic."""
import random

EPISODES = [  # date, calls, satisfied, basic (the rest rated 不满意)
    ('2023-03-02', 175, 157, 12), ('2023-03-09', 172, 153, 14),
    ('2023-03-16', 179, 160, 12), ('2023-03-23', 180, 165, 11),
    ('2023-03-30', 142, 129, 10), ('2023-04-06', 179, 161, 12),
]
DEPARTMENTS = ['淄博市住建局', '淄博市城管局', '淄博市人社局', '淄博市市场监管局',
               '淄博市交通运输局', '淄博市教育局', '张店区政府', '淄川区政府']
CATEGORIES = ['住房城建', '城市管理', '人力社保', '市场监管', '交通运输', '教育管理']
HEAD = '工单编号,受理时间,来源渠道,诉求类型,诉求分类,区县,承办单位,办理时限,办结时间,办结状态,是否直办,是否解决,回访结果,是否合理诉求,诉求内容'


def main():
    r = random.Random(12345)
    rows = []
    for n, (date, calls, sat, basic) in enumerate(EPISODES, 1):
        results = ['满意'] * sat + ['基本满意'] * basic + ['不满意'] * (calls - sat - basic)
        r.shuffle(results)
        for i in range(calls):
            minute = 9 * 60 + i * 90 // calls
            created = f'{date} {minute // 60:02d}:{minute % 60:02d}:{r.randrange(60):02d}'
            day = int(date[-2:])
            closed = f'{date[:8]}{day:02d} 17:{r.randrange(60):02d}:00'
            due = f'{date[:8]}{day:02d} 23:59:59'
            rows.append([f'SZZX{n}{i + 1:04d}', created, '市长在线', '投诉',
                         r.choice(CATEGORIES), r.choice(['张店区', '淄川区', '周村区']),
                         r.choice(DEPARTMENTS), due, closed, '已办结',
                         '是', '是', results[i], '是', '节目现场反映问题，当场交办'])
    # dirty rows, each rejected by rexian-ingest and never counted
    rows.insert(40, list(rows[39]))                          # the row again
    bad = list(rows[100]); bad[0] = 'SZZX9BAD1'; bad[1] = '2023-02-30 09:10:00'
    rows.insert(100, bad)                                    # impossible date
    bad = list(rows[200]); bad[0] = ''
    rows.insert(200, bad)                                    # empty id
    rows.insert(300, rows[300][:14])                         # a column short
    bad = list(rows[400]); bad[0] = 'SZZX9BAD2'; bad[8] = bad[1][:10] + ' 08:00:00'
    rows.insert(400, bad)                                    # closed before created
    with open('calls-gb18030.csv', 'wb') as f:
        f.write((HEAD + '\r\n').encode('gb18030'))
        for row in rows:
            f.write((','.join(row) + '\r\n').encode('gb18030'))


if __name__ == '__main__':
    main()
