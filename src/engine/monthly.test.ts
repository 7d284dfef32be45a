import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outOfBounds } from './checked';
import { figuresOf, type Actual, type Flag, type PlanInput } from './model';
import {
  compareMonths,
  pastMonthOf,
  escalationOf,
  previousMonths,
  rankChangeOf,
  redAndBlack,
  roundOf,
  trendOf,
  type Change,
  type MonthlyRound,
} from './monthly';
import { plan, type Plan } from './plan';

const TODAY = { y: 2025, m: 9, d: 3 };

describe('the pieces', () => {
  it.each<[number | null, number | null, ReturnType<typeof rankChangeOf>]>([
    [3, 1, { kind: 'down', by: 2 }],
    [1, 2, { kind: 'up', by: 1 }],
    [2, 2, { kind: 'same' }],
    [2, null, { kind: 'new' }],
    [null, 2, null],
    [null, null, null],
  ])('rank %s after %s → %j', (rank, last, expected) => {
    expect(rankChangeOf(rank, last)).toEqual(expected);
  });

  it.each<[Flag, Flag | null, Change['trend']]>([
    ['ahead', 'behind', 'better'],
    ['seriouslyBehind', 'slightlyBehind', 'worse'],
    ['behind', 'behind', 'same'],
    ['ahead', 'noData', null],
    ['noData', 'ahead', null],
    ['ahead', null, null],
  ])('flag %s after %s → %s', (flag, last, expected) => {
    expect(trendOf(flag, last)).toBe(expected);
  });

  it.each<[number, readonly [number, number, number], ReturnType<typeof escalationOf>]>([
    [0, [1, 2, 3], null],
    [1, [1, 2, 3], 'remind'],
    [2, [1, 2, 3], 'interview'],
    [3, [1, 2, 3], 'supervise'],
    [5, [1, 2, 3], 'supervise'],
    [1, [2, 3, 5], null],
    [4, [2, 3, 5], 'interview'],
  ])('%s months behind on %j → %s', (months, ladder, expected) => {
    expect(escalationOf(months, ladder)).toBe(expected);
  });

  it.each<[number, boolean, number, number[]]>([
    [8, true, 2, [7, 6]],
    [3, true, 5, [2]],
    [3, false, 5, [2, 1]],
    [2, true, 2, []],
    [1, false, 2, []],
  ])('months before %s (Jan-Feb combined %s, %s of them) → %j', (m, jf, depth, expected) => {
    expect(previousMonths(m, jf, depth)).toEqual(expected);
  });

  it('red: best first among the rows ahead; black: worst first among the rows behind', () => {
    const rows: { rank: number | null; flag: Flag }[] = [
      { rank: 2, flag: 'ahead' },
      { rank: 1, flag: 'ahead' },
      { rank: 4, flag: 'slightlyBehind' },
      { rank: null, flag: 'noData' },
      { rank: 2, flag: 'ahead' },
      { rank: 5, flag: 'seriouslyBehind' },
    ];
    expect(redAndBlack(rows, 2)).toEqual({ red: [1, 0], black: [5, 2] });
    expect(redAndBlack(rows, 5)).toEqual({ red: [1, 0, 4], black: [5, 2] });
  });
});

/**
 * Six enterprises in three groups, each handed 240 of 1440 (equal split), with cumulative
 * figures for months 6, 7 and 8 (丁 reports for the first time in month 8).
 */
const FIGURES: Record<string, [number | null, number | null, number]> = {
  // name: [month 6, month 7, month 8]
  甲: [120, 150, 160],
  乙: [120, 140, 180],
  丙: [90, 100, 110],
  丁: [null, null, 170],
  戊: [130, 140, 150],
  庚: [140, 120, 130],
};
const GROUP: Record<string, string> = { 甲: 'A', 乙: 'A', 丙: 'B', 丁: 'B', 戊: 'C', 庚: 'C' };

function example(extra: Partial<PlanInput['settings']> = {}): PlanInput {
  const actuals: Actual[] = [];
  for (const [name, months] of Object.entries(FIGURES)) {
    months.forEach((v, i) => {
      if (v !== null)
        actuals.push({
          year: 2025,
          month: 6 + i,
          enterprise: name,
          ...figuresOf({ 产值: v }),
        });
    });
  }
  return {
    settings: {
      year: 2025,
      scheduleBasis: 'months',
      behindThreshold: 5,
      seriousThreshold: 10,
      actualsBasis: 'cumulative',
      combineJanFeb: true,
      unit: '万元',
      listSize: 2,
      ...extra,
    },
    indicators: [
      {
        name: '产值',
        unit: '万元',
        kind: 'total',
        direction: 'higher',
        target: 1440,
        method: 'equal',
        decimals: 0,
        profile: '均衡',
      },
    ],
    enterprises: Object.keys(FIGURES).map((name) => ({ name, group: GROUP[name] ?? '' })),
    profiles: [],
    base: {},
    weights: {},
    constraints: [],
    actuals,
  };
}

function roundFor(input: PlanInput): { current: Plan; round: MonthlyRound } {
  const p = plan(input, { today: TODAY });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const r = roundOf(input, { today: TODAY }, p.value);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { current: p.value, round: r.value };
}

const pick = (c: Change) => [
  c.name,
  c.lastRank,
  c.rank,
  c.rankChange,
  c.lastFlag,
  c.flag,
  c.trend,
  c.gapChange,
  c.monthsBehind,
  c.escalation,
];

describe('the round of the six-enterprise example, worked by hand', () => {
  const { current, round } = roundFor(example());
  const ind = round.indicators[0] ?? outOfBounds();

  it('compares month 8 with month 7', () => {
    expect(current.reportMonth).toBe(8);
    expect(round.lastMonth).toBe(7);
  });

  // Month 7 (schedule 58.33%): 甲 62.5% (1), 乙 and 戊 58.33% (2, tied), 庚 50% (4), 丙 41.67% (5),
  // 丁 no figure. Month 8 (66.67%): 乙 75% (1), 丁 70.83% (2), 甲 66.67% (3), 戊 62.5% (4),
  // 庚 54.17% (5), 丙 45.83% (6). Month 6 (50%): 甲 乙 50%, 丙 37.5%, 戊 54.17%, 庚 58.33%.
  it.each<unknown[]>([
    ['甲', 1, 3, { kind: 'down', by: 2 }, 'ahead', 'ahead', 'same', -4.166667, 0, null],
    ['乙', 2, 1, { kind: 'up', by: 1 }, 'ahead', 'ahead', 'same', 8.333333, 0, null],
    // 41.67 − 58.33 → 45.83 − 66.67: seriously behind three months running.
    [
      '丙',
      5,
      6,
      { kind: 'down', by: 1 },
      'seriouslyBehind',
      'seriouslyBehind',
      'same',
      -4.166666,
      3,
      'supervise',
    ],
    // New this month: no figure last month (nor before).
    ['丁', null, 2, { kind: 'new' }, 'noData', 'ahead', null, null, 0, null],
    // A tie last month (2nd with 乙), now slightly behind (−4.17 points): one month, a reminder.
    [
      '戊',
      2,
      4,
      { kind: 'down', by: 2 },
      'ahead',
      'slightlyBehind',
      'worse',
      -4.166667,
      1,
      'remind',
    ],
    // Ahead in month 6, behind (−8.33) in 7, seriously behind (−12.5) in 8: two months, an interview.
    [
      '庚',
      4,
      5,
      { kind: 'down', by: 1 },
      'behind',
      'seriouslyBehind',
      'worse',
      -4.166667,
      2,
      'interview',
    ],
  ])('%s: rank %s → %s', (...expected) => {
    const c = ind.enterprises.find((e) => e.name === expected[0]) ?? outOfBounds();
    expect(pick(c)).toEqual(expected);
  });

  it('ranks groups from summed totals, ties shared', () => {
    // Month 7: A 290/480, B 100/480 (丁 no figure), C 260/480. Month 8: A 340, B 280, C 280.
    expect(ind.groups.map((g) => [g.name, g.lastRank, g.rank, g.rankChange])).toEqual([
      ['A', 1, 1, { kind: 'same' }],
      ['B', 3, 2, { kind: 'up', by: 1 }],
      ['C', 2, 2, { kind: 'same' }],
    ]);
  });

  it('the area: better than last month, behind three months running', () => {
    // 600, 650 and 900 of 1440: −8.33, −13.19 and −4.17 points.
    expect(pick(ind.area)).toEqual([
      '',
      null,
      null,
      null,
      'seriouslyBehind',
      'slightlyBehind',
      'better',
      9.027777,
      3,
      'supervise',
    ]);
  });

  it('keeps last month’s completion (the pane’s marker): 650 of 1440', () => {
    expect(ind.area.lastValue).toBeCloseTo(650 / 1440, 12);
    expect(ind.groups.every((g) => g.lastValue !== null)).toBe(true);
  });

  it('red and black lists of two', () => {
    const names = (idx: readonly number[]) =>
      idx.map((i) => current.progress[0]?.rows[i]?.enterprise);
    expect(names(ind.red)).toEqual(['乙', '丁']);
    expect(names(ind.black)).toEqual(['丙', '庚']);
  });

  it('follows the escalation setting', () => {
    const { round: r } = roundFor(example({ escalation: [2, 3, 4] }));
    const of = (n: string) =>
      r.indicators[0]?.enterprises.find((e) => e.name === n)?.escalation ?? null;
    expect([of('丙'), of('戊'), of('庚')]).toEqual(['interview', null, 'remind']);
  });

  it('has no last month in month 2 with Jan-Feb combined', () => {
    const input = example({ reportMonth: 2 });
    const { round: r } = roundFor({
      ...input,
      actuals: [{ year: 2025, month: 2, enterprise: '甲', ...figuresOf({ 产值: 10 }) }],
    });
    expect(r.lastMonth).toBeNull();
    const c = r.indicators[0]?.enterprises[0] ?? outOfBounds();
    expect([c.rankChange, c.lastFlag, c.monthsBehind, c.escalation]).toEqual([
      null,
      null,
      1,
      'remind',
    ]);
  });

  it('a row not in last month’s plan has no last flag', () => {
    const lastMonth = {
      ...current,
      progress: [{ ...(current.progress[0] ?? outOfBounds()), rows: [] }],
    };
    const r = compareMonths(
      current,
      [pastMonthOf(lastMonth)],
      { listSize: 3, escalation: [1, 2, 3] },
      7,
    );
    const c = r.indicators[0]?.enterprises.find((e) => e.name === '丙') ?? outOfBounds();
    expect([c.lastRank, c.rankChange, c.lastFlag, c.trend, c.monthsBehind]).toEqual([
      null,
      { kind: 'new' },
      null,
      null,
      1,
    ]);
  });
});

describe('against an independent oracle', () => {
  it('last month’s ranks, the changes and the months behind, from the figures alone', () => {
    // Each enterprise is handed 240; a month's completion order is the order of its figures.
    const figure = fc.option(fc.integer({ min: 0, max: 400 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(figure, figure, figure), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 4, max: 12 }),
        (rows, m) => {
          const names = rows.map((_, i) => `企业${i + 1}`);
          const actuals: Actual[] = rows.flatMap((r, i) =>
            r.flatMap((v, j) =>
              v === null
                ? []
                : [
                    {
                      year: 2025,
                      month: m - 2 + j,
                      enterprise: names[i] ?? '',
                      ...figuresOf({ 产值: v }),
                    },
                  ],
            ),
          );
          const input: PlanInput = {
            ...example({ reportMonth: m, listSize: 3 }),
            enterprises: names.map((name) => ({ name })),
            indicators: [
              { ...(example().indicators[0] ?? outOfBounds()), target: 240 * rows.length },
            ],
            actuals,
          };
          const p = plan(input, { today: TODAY });
          if (!p.ok) return false;
          const r = roundOf(input, { today: TODAY }, p.value);
          if (!r.ok) return false;
          // Oracle: rank = 1 + how many figures are larger; behind = under the schedule k/12.
          const rankIn = (j: number, i: number): number | null => {
            const v = rows[i]?.[j] ?? null;
            if (v === null) return null;
            return 1 + rows.filter((o) => (o[j] ?? null) !== null && (o[j] ?? 0) > v).length;
          };
          const behindIn = (j: number, i: number) => {
            const v = rows[i]?.[j] ?? null;
            return v !== null && v * 12 < 240 * (m - 2 + j);
          };
          const changes = r.value.indicators[0]?.enterprises ?? [];
          return changes.every((c, i) => {
            const last = rankIn(1, i);
            const now = rankIn(2, i);
            const change =
              now === null
                ? null
                : last === null
                  ? 'new'
                  : now === last
                    ? 'same'
                    : now < last
                      ? `up${last - now}`
                      : `down${now - last}`;
            const got =
              c.rankChange === null
                ? null
                : c.rankChange.kind === 'up' || c.rankChange.kind === 'down'
                  ? `${c.rankChange.kind}${c.rankChange.by}`
                  : c.rankChange.kind;
            const months = behindIn(2, i) ? (behindIn(1, i) ? (behindIn(0, i) ? 3 : 2) : 1) : 0;
            return (
              c.lastRank === last && c.rank === now && got === change && c.monthsBehind === months
            );
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
