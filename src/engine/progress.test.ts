import { describe, expect, it } from 'vitest';
import type { Direction, Flag } from './model';
import {
  flagForGap,
  progressOf,
  rankKeyFor,
  rankValues,
  roundPoints,
  sumRows,
  worseFlag,
  type IndicatorTraits,
  type ProgressContext,
} from './progress';

const TOTAL_HIGHER: IndicatorTraits = { kind: 'total', direction: 'higher' };
const TOTAL_LOWER: IndicatorTraits = { kind: 'total', direction: 'lower' };
const ctxAt = (reportMonth: number, behind = 5, serious = 10): ProgressContext => ({
  reportMonth,
  schedule: reportMonth / 12,
  behind,
  serious,
});
const row = (target: number, ytd: number | null, lastYtd: number | null = null) => ({
  target,
  ytd,
  lastYtd,
  planned: null,
});

describe('the county worked example (domain.md)', () => {
  // 主营业务收入: target 115 亿元, 48.36 亿元 after 8 months.
  const r = progressOf(
    { target: 115, ytd: 48.36, lastYtd: null, planned: 8 / 12 },
    TOTAL_HIGHER,
    ctxAt(8),
  );

  it('completion 42.1% against a schedule of 66.7%', () => {
    expect(r.completion).toBeCloseTo(48.36 / 115, 12);
    expect((r.completion! * 100).toFixed(1)).toBe('42.1');
    expect(r.schedule).toBeCloseTo(2 / 3, 12);
    expect(r.planned).toBeCloseTo(2 / 3, 12);
  });

  it('gap −24.6 points: seriously behind, the schedule test failed', () => {
    expect(r.gap).toBe(-24.614493);
    expect(r.gap!.toFixed(1)).toBe('-24.6');
    expect(r.scheduleFlag).toBe('seriouslyBehind');
    expect(r.flag).toBe('seriouslyBehind');
    expect(r.growthFlag).toBeNull();
    expect(r.failed).toEqual(['schedule']);
  });

  it('pace needed (115 − 48.36) ÷ 4 = 16.66 a month against 6.045 so far: 2.8×', () => {
    expect(r.paceNeeded).toBeCloseTo(16.66, 10);
    expect(r.paceSoFar).toBeCloseTo(6.045, 10);
    expect(r.paceRatio).toBeCloseTo(16.66 / 6.045, 10);
    expect(r.paceRatio!.toFixed(1)).toBe('2.8');
  });

  it('shortfall to schedule: 115 × 8/12 − 48.36', () => {
    expect(r.shortfall).toBeCloseTo((115 * 8) / 12 - 48.36, 10);
  });

  it('no year-on-year without last year', () => {
    expect(r.yoy).toBeNull();
    expect(r.growthGap).toBeNull();
  });
});

describe('flagForGap', () => {
  it.each<[number | null, Direction, Flag]>([
    [0, 'higher', 'ahead'],
    [12.5, 'higher', 'ahead'],
    [-0.000001, 'higher', 'slightlyBehind'],
    [-4.9, 'higher', 'slightlyBehind'],
    [-5, 'higher', 'slightlyBehind'],
    [-5.000001, 'higher', 'behind'],
    [-10, 'higher', 'behind'],
    [-10.000001, 'higher', 'seriouslyBehind'],
    [-60, 'higher', 'seriouslyBehind'],
    [null, 'higher', 'noData'],
    [0, 'lower', 'ahead'],
    [-12.5, 'lower', 'ahead'],
    [0.000001, 'lower', 'slightlyBehind'],
    [5, 'lower', 'slightlyBehind'],
    [5.000001, 'lower', 'behind'],
    [6, 'lower', 'behind'],
    [10, 'lower', 'behind'],
    [10.000001, 'lower', 'seriouslyBehind'],
    [null, 'lower', 'noData'],
  ])('gap %d, %s is better → %s (thresholds 5/10)', (gap, direction, flag) => {
    expect(flagForGap(gap, direction, 5, 10)).toBe(flag);
  });

  it.each<[number, Direction, number, number, Flag]>([
    [-3, 'higher', 3, 8, 'slightlyBehind'],
    [-3.5, 'higher', 3, 8, 'behind'],
    [-8, 'higher', 3, 8, 'behind'],
    [-8.5, 'higher', 3, 8, 'seriouslyBehind'],
    [-6, 'higher', 5, 5, 'seriouslyBehind'],
    [-5, 'higher', 5, 5, 'slightlyBehind'],
    [-0.1, 'higher', 0, 0, 'seriouslyBehind'],
    [0, 'higher', 0, 0, 'ahead'],
    [3.5, 'lower', 3, 8, 'behind'],
    [8.5, 'lower', 3, 8, 'seriouslyBehind'],
    [15, 'lower', 10, 20, 'behind'],
  ])('gap %d, %s is better, thresholds %d/%d → %s', (gap, direction, behind, serious, flag) => {
    expect(flagForGap(gap, direction, behind, serious)).toBe(flag);
  });
});

describe('flags of a total from progressOf, at the boundaries', () => {
  it.each<[string, IndicatorTraits, number, number, number, number, Flag]>([
    // target, ytd, month, expected gap
    ['on schedule', TOTAL_HIGHER, 100, 50, 6, 0, 'ahead'],
    ['exactly 5 points behind', TOTAL_HIGHER, 100, 45, 6, -5, 'slightlyBehind'],
    ['exactly 10 points behind', TOTAL_HIGHER, 100, 40, 6, -10, 'behind'],
    ['just past 10 points behind', TOTAL_HIGHER, 100, 39.9, 6, -10.1, 'seriouslyBehind'],
    ['exactly 5 points behind at month 8', TOTAL_HIGHER, 120, 74, 8, -5, 'slightlyBehind'],
    ['exactly 10 points behind at month 8', TOTAL_HIGHER, 120, 68, 8, -10, 'behind'],
    ['a cap, under schedule', TOTAL_LOWER, 1000, 400, 6, -10, 'ahead'],
    ['a cap, exactly on schedule', TOTAL_LOWER, 1000, 500, 6, 0, 'ahead'],
    ['a cap, exactly 5 points over', TOTAL_LOWER, 1000, 550, 6, 5, 'slightlyBehind'],
    ['a cap, exactly 10 points over', TOTAL_LOWER, 1000, 600, 6, 10, 'behind'],
    ['a cap, 10.1 points over', TOTAL_LOWER, 1000, 601, 6, 10.1, 'seriouslyBehind'],
  ])('%s', (_what, traits, target, ytd, month, gap, flag) => {
    const r = progressOf(row(target, ytd), traits, ctxAt(month));
    expect(r.gap).toBe(gap);
    expect(r.scheduleFlag).toBe(flag);
    expect(r.flag).toBe(flag);
    expect(r.failed).toEqual(flag === 'ahead' ? [] : ['schedule']);
  });

  it('thresholds are settings', () => {
    const r = (behind: number, serious: number): Flag =>
      progressOf(row(100, 43, null), TOTAL_HIGHER, ctxAt(6, behind, serious)).flag;
    expect(r(5, 10)).toBe('behind');
    expect(r(7, 10)).toBe('slightlyBehind');
    expect(r(2, 6)).toBe('seriouslyBehind');
  });

  it('no actual reported → no data, nothing failed', () => {
    const r = progressOf(row(100, null, 80), { ...TOTAL_HIGHER, targetGrowth: 0.1 }, ctxAt(6));
    expect(r.flag).toBe('noData');
    expect(r.scheduleFlag).toBe('noData');
    expect(r.growthFlag).toBeNull();
    expect(r.failed).toEqual([]);
    expect(r.completion).toBeNull();
    expect(r.shortfall).toBeNull();
    expect(r.paceNeeded).toBeNull();
    expect(r.yoy).toBeNull();
  });

  it('a zero target gives no completion and no flag', () => {
    const r = progressOf(row(0, 12, null), TOTAL_HIGHER, ctxAt(6));
    expect(r.completion).toBeNull();
    expect(r.gap).toBeNull();
    expect(r.flag).toBe('noData');
  });

  it.each<[number, number | null, number | null]>([
    [12, null, 100 / 12],
    [0, 100 / 12, null],
  ])('at report month %d: pace needed %s, pace so far %s', (m, needed, soFar) => {
    const r = progressOf(row(100, 100), TOTAL_HIGHER, { ...ctxAt(m), reportMonth: m });
    if (needed === null) expect(r.paceNeeded).toBeNull();
    else expect(r.paceNeeded).toBeCloseTo(0, 12);
    if (soFar === null) expect(r.paceSoFar).toBeNull();
    else expect(r.paceSoFar).toBeCloseTo(soFar, 12);
    expect(r.paceRatio).toBeNull();
  });

  it('no pace ratio when nothing was done so far', () => {
    const r = progressOf(row(100, 0), TOTAL_HIGHER, ctxAt(6));
    expect(r.paceSoFar).toBe(0);
    expect(r.paceNeeded).toBeCloseTo(100 / 6, 12);
    expect(r.paceRatio).toBeNull();
  });
});

describe('the dual test: schedule and growth', () => {
  const GROWTH_33: IndicatorTraits = { kind: 'total', direction: 'higher', targetGrowth: 0.33 };
  it.each<[string, number, number | null, Flag, Flag | null, Flag, readonly string[]]>([
    // ytd, lastYtd; target 100 at month 6 (schedule 50%)
    [
      'completion ahead, growth far below target',
      70,
      60,
      'ahead',
      'seriouslyBehind',
      'seriouslyBehind',
      ['growth'],
    ],
    [
      'completion ahead, growth a little below target',
      70,
      55,
      'ahead',
      'behind',
      'behind',
      ['growth'],
    ],
    [
      'completion ahead, growth 2 points below',
      70,
      70 / 1.31,
      'ahead',
      'slightlyBehind',
      'slightlyBehind',
      ['growth'],
    ],
    [
      'both below',
      45,
      40,
      'slightlyBehind',
      'seriouslyBehind',
      'seriouslyBehind',
      ['schedule', 'growth'],
    ],
    [
      'schedule worse than growth',
      38,
      38 / 1.3,
      'seriouslyBehind',
      'slightlyBehind',
      'seriouslyBehind',
      ['schedule', 'growth'],
    ],
    ['both pass', 60, 40, 'ahead', 'ahead', 'ahead', []],
    ['growth exactly on target', 66.5, 50, 'ahead', 'ahead', 'ahead', []],
    [
      'no last year: only the schedule test',
      45,
      null,
      'slightlyBehind',
      null,
      'slightlyBehind',
      ['schedule'],
    ],
  ])('%s', (_what, ytd, lastYtd, scheduleFlag, growthFlag, flag, failed) => {
    const r = progressOf(row(100, ytd, lastYtd), GROWTH_33, ctxAt(6));
    expect(r.scheduleFlag).toBe(scheduleFlag);
    expect(r.growthFlag).toBe(growthFlag);
    expect(r.flag).toBe(flag);
    expect(r.failed).toEqual(failed);
    if (lastYtd !== null) {
      expect(r.yoy).toBeCloseTo(ytd / lastYtd - 1, 12);
      expect(r.growthGap).toBeCloseTo((ytd / lastYtd - 1 - 0.33) * 100, 5);
    }
  });

  it('for a cap, growth above the allowed growth fails', () => {
    // Energy use may grow 2% at most; it grew 5% while staying under its schedule.
    const r = progressOf(
      row(1000, 420, 400),
      { kind: 'total', direction: 'lower', targetGrowth: 0.02 },
      ctxAt(6),
    );
    expect(r.scheduleFlag).toBe('ahead');
    expect(r.growthGap).toBe(3);
    expect(r.growthFlag).toBe('slightlyBehind');
    expect(r.flag).toBe('slightlyBehind');
    expect(r.failed).toEqual(['growth']);
  });
});

describe('rate indicators: gap = actual yoy − target rate', () => {
  const RATE_38: IndicatorTraits = { kind: 'rate', direction: 'higher', targetRate: 0.38 };
  const ENERGY_INTENSITY: IndicatorTraits = { kind: 'rate', direction: 'lower', targetRate: -0.03 };
  it.each<[string, IndicatorTraits, number | null, number | null, number | null, Flag]>([
    ['growth exactly on target', RATE_38, 138, 100, 0, 'ahead'],
    ['growth above target', RATE_38, 150, 100, 12, 'ahead'],
    ['growth 3 points below', RATE_38, 135, 100, -3, 'slightlyBehind'],
    ['growth 8 points below', RATE_38, 130, 100, -8, 'behind'],
    ['falling output', RATE_38, 96.2, 100, -41.8, 'seriouslyBehind'],
    ['no last year', RATE_38, 130, null, null, 'noData'],
    ['no actual', RATE_38, null, 100, null, 'noData'],
    ['intensity falls more than required', ENERGY_INTENSITY, 95, 100, -2, 'ahead'],
    ['intensity falls less than required', ENERGY_INTENSITY, 99, 100, 2, 'slightlyBehind'],
    ['intensity rises', ENERGY_INTENSITY, 110, 100, 13, 'seriouslyBehind'],
  ])('%s', (_what, traits, ytd, lastYtd, gap, flag) => {
    const r = progressOf({ target: 0.38, ytd, lastYtd, planned: 0.5 }, traits, ctxAt(6));
    expect(r.gap).toBe(gap);
    expect(r.growthGap).toBe(gap);
    expect(r.flag).toBe(flag);
    expect(r.scheduleFlag).toBe(flag);
    expect(r.target).toBe(traits.targetRate);
    expect(r.failed).toEqual(flag === 'ahead' || flag === 'noData' ? [] : ['growth']);
    expect(r.completion).toBeNull();
    expect(r.schedule).toBeNull();
    expect(r.paceNeeded).toBeNull();
    expect(r.shortfall).toBeNull();
  });

  it('takes the row target as the rate when the traits have none', () => {
    const r = progressOf(
      { target: 0.1, ytd: 105, lastYtd: 100, planned: null },
      { kind: 'rate', direction: 'higher' },
      ctxAt(6),
    );
    expect(r.target).toBe(0.1);
    expect(r.gap).toBe(-5);
    expect(r.flag).toBe('slightlyBehind');
  });
});

describe('sumRows: group and area figures from summed totals', () => {
  const rows = [
    { target: 100, ytd: 60, lastYtd: 50, planned: 0.5 },
    // A new enterprise: nothing last year.
    { target: 50, ytd: 20, lastYtd: null, planned: 0.4 },
    // Reported last year, not yet this year.
    { target: 50, ytd: null, lastYtd: 30, planned: 0.5 },
  ];

  it('sums targets and YTD, and compares year on year like for like', () => {
    const s = sumRows(rows);
    expect(s).toEqual({
      target: 200,
      ytd: 80,
      lastYtd: 50,
      ytdLike: 60,
      planned: (50 + 20 + 25) / 200,
    });
  });

  it('progress of the sum: completion of the totals, not the average of percentages', () => {
    const f = progressOf(
      sumRows(rows),
      { kind: 'total', direction: 'higher', targetGrowth: 0.1 },
      ctxAt(6),
    );
    expect(f.completion).toBe(0.4);
    // Like for like: 60 ÷ 50, not 80 ÷ 50 nor 80 ÷ 80.
    expect(f.yoy).toBeCloseTo(0.2, 12);
    expect(f.growthGap).toBe(10);
    expect(f.gap).toBe(-10);
    expect(f.flag).toBe('behind');
  });

  it.each<
    [
      string,
      { target: number; ytd: number | null; lastYtd: number | null; planned: number | null }[],
      ReturnType<typeof sumRows>,
    ]
  >([
    ['no rows', [], { target: 0, ytd: null, lastYtd: null, ytdLike: null, planned: null }],
    [
      'nobody reported',
      [
        { target: 10, ytd: null, lastYtd: 5, planned: 0.5 },
        { target: 30, ytd: null, lastYtd: null, planned: null },
      ],
      { target: 40, ytd: null, lastYtd: null, ytdLike: null, planned: 0.125 },
    ],
    [
      'nobody reported last year',
      [
        { target: 10, ytd: 4, lastYtd: null, planned: 1 },
        { target: 30, ytd: 6, lastYtd: null, planned: 0 },
      ],
      { target: 40, ytd: 10, lastYtd: null, ytdLike: null, planned: 0.25 },
    ],
    [
      'everyone in both years',
      [
        { target: 10, ytd: 4, lastYtd: 3, planned: 0.5 },
        { target: 30, ytd: 6, lastYtd: 5, planned: 0.5 },
      ],
      { target: 40, ytd: 10, lastYtd: 8, ytdLike: 10, planned: 0.5 },
    ],
  ])('%s', (_what, input, expected) => {
    expect(sumRows(input)).toEqual(expected);
  });
});

describe('rankValues: competition ranking', () => {
  it.each<[(number | null)[], Direction, (number | null)[]]>([
    [[0.5, 0.7, null, 0.5], 'higher', [2, 1, null, 2]],
    [[0.5, 0.7, null, 0.5], 'lower', [1, 3, null, 1]],
    [[1, 2, 2, 3], 'higher', [4, 2, 2, 1]],
    [[1, 2, 2, 3], 'lower', [1, 2, 2, 4]],
    [[3, 3, 3], 'higher', [1, 1, 1]],
    [[-0.1, 0.2, -0.3], 'higher', [2, 1, 3]],
    [[-0.1, 0.2, -0.3], 'lower', [2, 3, 1]],
    [[null, null], 'higher', [null, null]],
    [[], 'higher', []],
    [[0, -0, 1], 'higher', [2, 2, 1]],
  ])('%j, %s is better → %j', (values, direction, ranks) => {
    expect(rankValues(values, direction)).toEqual(ranks);
  });
});

describe('worseFlag and roundPoints', () => {
  it.each<[Flag, Flag | null, Flag]>([
    ['ahead', 'behind', 'behind'],
    ['behind', 'ahead', 'behind'],
    ['seriouslyBehind', 'slightlyBehind', 'seriouslyBehind'],
    ['slightlyBehind', 'seriouslyBehind', 'seriouslyBehind'],
    ['noData', 'behind', 'behind'],
    ['behind', 'noData', 'behind'],
    ['behind', null, 'behind'],
    ['noData', null, 'noData'],
    ['ahead', 'ahead', 'ahead'],
  ])('worseFlag(%s, %s) → %s', (a, b, expected) => {
    expect(worseFlag(a, b)).toBe(expected);
  });

  it.each<[number, number]>([
    [5.000000001, 5],
    [-4.9999999999, -5],
    [-24.61449275362, -24.614493],
    [0.1234564, 0.123456],
    // Never −0 (it would print as -0.0).
    [-1e-9, 0],
    [-0, 0],
  ])('roundPoints(%d) → %d', (p, expected) => {
    expect(roundPoints(p)).toBe(expected);
  });
});

describe('rankKeyFor', () => {
  it.each<['total' | 'rate', number | null, number | null, number | null]>([
    ['total', 0.1234567894, 0.5, 0.123456789],
    ['rate', 0.5, 0.0000000015, 0.000000002],
    ['total', null, 0.5, null],
    ['rate', 0.5, null, null],
  ])('%s, completion %s, growth %s → %s', (kind, completion, yoy, want) => {
    expect(rankKeyFor(kind, { completion, yoy })).toBe(want);
  });
});
