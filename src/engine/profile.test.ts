import { describe, expect, it } from 'vitest';
import {
  canonicalProfileName,
  EVEN,
  EVEN_NAMES,
  gridShares,
  isEvenProfileName,
  issuedProfile,
  makeProfile,
  monthlyNumerators,
  periodCount,
  periodEndMonths,
  periodOfMonth,
  plannedSchedule,
  profileProblem,
  type Grid,
  type Profile,
} from './profile';

const BACK_LOADED = makeProfile('前低后高', 'quarters', [20, 25, 25, 30]);
const RISING = makeProfile('逐月上升', 'months', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
// 1-2月 16, 3月 … 11月 8 each, 12月 12: sums to 100.
const JAN_FEB = makeProfile('一二月合并', 'janFeb', [16, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12]);
const LATE_START = makeProfile('下半年投产', 'quarters', [0, 0, 40, 60]);
const DECIMAL = makeProfile('小数', 'quarters', [0.2, 0.25, 0.25, 0.3]);

const ratios = (v: readonly number[]): number[] => {
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
};

describe('grids', () => {
  it.each<[Grid, number, number[]]>([
    ['quarters', 4, [3, 6, 9, 12]],
    ['months', 12, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['janFeb', 11, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ])('%s has %d periods ending in months %j', (grid, n, ends) => {
    expect(periodCount(grid)).toBe(n);
    expect(periodEndMonths(grid)).toEqual(ends);
    // Every month belongs to the period whose end month is the first one at or after it.
    for (let m = 1; m <= 12; m++)
      expect(ends[periodOfMonth(grid, m)]).toBe(ends.find((e) => e >= m));
  });

  it.each<[Grid, number, number]>([
    ['quarters', 1, 0],
    ['quarters', 3, 0],
    ['quarters', 4, 1],
    ['quarters', 12, 3],
    ['months', 1, 0],
    ['months', 12, 11],
    ['janFeb', 1, 0],
    ['janFeb', 2, 0],
    ['janFeb', 3, 1],
    ['janFeb', 12, 10],
  ])('periodOfMonth(%s, %d) → %d', (grid, m, p) => {
    expect(periodOfMonth(grid, m)).toBe(p);
  });
});

describe('monthlyNumerators', () => {
  it.each<[Profile, number[]]>([
    [BACK_LOADED, [20, 20, 20, 25, 25, 25, 25, 25, 25, 30, 30, 30]],
    [DECIMAL, [20, 20, 20, 25, 25, 25, 25, 25, 25, 30, 30, 30]],
    [EVEN, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [RISING, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [JAN_FEB, [16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 24]],
    [
      makeProfile('半', 'quarters', [12.5, 37.5, 25, 25]),
      [125, 125, 125, 375, 375, 375, 250, 250, 250, 250, 250, 250],
    ],
  ])('%j', (p, expected) => {
    expect(monthlyNumerators(p)).toEqual(expected);
  });
});

describe('gridShares: integer numerators on any grid', () => {
  it.each<[string, Profile, Grid, number[]]>([
    ['back-loaded on quarters', BACK_LOADED, 'quarters', [4, 5, 5, 6]],
    ['back-loaded on months', BACK_LOADED, 'months', [4, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6]],
    ['back-loaded on Jan-Feb', BACK_LOADED, 'janFeb', [8, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6]],
    ['decimal shares on quarters', DECIMAL, 'quarters', [4, 5, 5, 6]],
    ['even on quarters', EVEN, 'quarters', [1, 1, 1, 1]],
    ['even on Jan-Feb', EVEN, 'janFeb', [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    ['rising months on quarters', RISING, 'quarters', [2, 5, 8, 11]],
    ['rising months on Jan-Feb', RISING, 'janFeb', [3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['Jan-Feb on Jan-Feb', JAN_FEB, 'janFeb', [4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3]],
    ['Jan-Feb on quarters', JAN_FEB, 'quarters', [6, 6, 6, 7]],
    ['Jan-Feb on months', JAN_FEB, 'months', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3]],
    ['late start on quarters', LATE_START, 'quarters', [0, 0, 2, 3]],
    ['late start on months', LATE_START, 'months', [0, 0, 0, 0, 0, 0, 2, 2, 2, 3, 3, 3]],
  ])('%s', (_what, p, grid, expected) => {
    const shares = gridShares(p, grid);
    expect(shares).toEqual(expected);
    expect(shares).toHaveLength(periodCount(grid));
  });

  it.each<[Profile, Grid]>([
    [BACK_LOADED, 'quarters'],
    [JAN_FEB, 'janFeb'],
    [RISING, 'months'],
  ])('on its own grid keeps the shares as given (%j)', (p, grid) => {
    const got = ratios(gridShares(p, grid));
    ratios(p.shares).forEach((r, j) => expect(got[j]).toBeCloseTo(r, 12));
  });
});

describe('plannedSchedule (计划进度)', () => {
  it.each<[string, Profile, number, number]>([
    ['back-loaded through August', BACK_LOADED, 8, (20 + 25 + (25 * 2) / 3) / 100],
    ['back-loaded through March', BACK_LOADED, 3, 0.2],
    ['back-loaded through June', BACK_LOADED, 6, 0.45],
    ['back-loaded through January', BACK_LOADED, 1, 20 / 300],
    ['back-loaded before the year', BACK_LOADED, 0, 0],
    ['back-loaded through December', BACK_LOADED, 12, 1],
    ['back-loaded past December', BACK_LOADED, 13, 1],
    ['even through June', EVEN, 6, 0.5],
    ['even through August', EVEN, 8, 8 / 12],
    ['rising through March', RISING, 3, 6 / 78],
    ['Jan-Feb through January (half of 1-2月)', JAN_FEB, 1, 0.08],
    ['Jan-Feb through February', JAN_FEB, 2, 0.16],
    ['Jan-Feb through November', JAN_FEB, 11, 0.88],
    ['late start through June', LATE_START, 6, 0],
    ['late start through August', LATE_START, 8, (40 * 2) / 3 / 100],
  ])('%s', (_what, p, m, expected) => {
    expect(plannedSchedule(p, m)).toBeCloseTo(expected, 12);
  });
});

const EVEN_REDEFINED = {
  zh: '均衡为内置的平均分布，每月比例相同；其他比例请另起名称',
  en: 'even is built in and gives every month the same share; give other shares a name of their own',
};

describe('profileProblem', () => {
  it.each<[string, Profile, { zh: string; en: string } | undefined]>([
    ['fine', BACK_LOADED, undefined],
    ['fine with zeros', LATE_START, undefined],
    ['fine on Jan-Feb', JAN_FEB, undefined],
    [
      'quarters with 3 shares',
      makeProfile('x', 'quarters', [1, 1, 1]),
      { zh: '应有 4 个时段', en: 'needs 4 periods' },
    ],
    [
      'months with 11 shares',
      makeProfile('x', 'months', new Array<number>(11).fill(1)),
      { zh: '应有 12 个时段', en: 'needs 12 periods' },
    ],
    [
      'Jan-Feb with 12 shares',
      makeProfile('x', 'janFeb', new Array<number>(12).fill(1)),
      { zh: '应有 11 个时段', en: 'needs 11 periods' },
    ],
    [
      'a negative share',
      makeProfile('x', 'quarters', [30, 30, 50, -10]),
      { zh: '比例不能为负', en: 'shares cannot be negative' },
    ],
    [
      'a NaN share',
      makeProfile('x', 'quarters', [30, NaN, 50, 20]),
      { zh: '比例须为有限数值', en: 'shares must be finite numbers' },
    ],
    [
      'an infinite share',
      makeProfile('x', 'quarters', [30, Infinity, 50, 20]),
      { zh: '比例须为有限数值', en: 'shares must be finite numbers' },
    ],
    [
      'every share zero',
      makeProfile('x', 'quarters', [0, 0, 0, 0]),
      { zh: '比例全为零', en: 'every share is zero' },
    ],
    [
      '均衡 listed as the template lists it',
      makeProfile('均衡', 'quarters', [25, 25, 25, 25]),
      undefined,
    ],
    ['even by month', makeProfile('even', 'months', new Array<number>(12).fill(8.5)), undefined],
    [
      '均衡 on Jan-Feb: 1-2月 twice a month',
      makeProfile('均衡', 'janFeb', [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
      undefined,
    ],
    [
      '均衡 given shares of its own',
      makeProfile('均衡', 'quarters', [10, 20, 30, 40]),
      EVEN_REDEFINED,
    ],
    [
      'even given shares of its own',
      makeProfile('even', 'months', [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
      EVEN_REDEFINED,
    ],
    [
      '均衡 on Jan-Feb with 1-2月 as one month',
      makeProfile('均衡', 'janFeb', new Array<number>(11).fill(1)),
      EVEN_REDEFINED,
    ],
  ])('%s', (_what, p, expected) => {
    expect(profileProblem(p)).toEqual(expected);
  });
});

describe('the even profile', () => {
  it.each<[string, boolean, string]>([
    ['均衡', true, '均衡'],
    ['even', true, '均衡'],
    ['Even', false, 'Even'],
    ['前低后高', false, '前低后高'],
  ])('%s is even: %s, known as %s', (name, even, canonical) => {
    expect(isEvenProfileName(name)).toBe(even);
    expect(canonicalProfileName(name)).toBe(canonical);
  });

  it('is named by EVEN_NAMES', () => {
    expect(EVEN.name).toBe(EVEN_NAMES.zh);
    expect(EVEN_NAMES).toEqual({ zh: '均衡', en: 'even' });
  });
});

describe("issuedProfile: a unit's period cells as the profile its children split (下发)", () => {
  const janFeb = [3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
  it.each<{
    what: string;
    form: Grid;
    grid: Grid;
    cells: number[];
    d: number;
    shares: number[] | undefined;
  }>([
    {
      what: 'quarters: the cells as amounts',
      form: 'quarters',
      grid: 'quarters',
      cells: [2400, 3000, 3000, 3600],
      d: 0,
      shares: [2400, 3000, 3000, 3600],
    },
    {
      what: 'two decimals: amounts in the indicator unit',
      form: 'quarters',
      grid: 'quarters',
      cells: [256390, 320487, 320487, 384585],
      d: 2,
      shares: [2563.9, 3204.87, 3204.87, 3845.85],
    },
    {
      what: 'months with Jan-Feb combined: 1月 and 2月 half of 1-2月 each',
      form: 'months',
      grid: 'janFeb',
      cells: janFeb,
      d: 0,
      shares: [1.5, 1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    },
    {
      what: 'a half with 7 decimals: 2月 takes all of 1-2月',
      form: 'months',
      grid: 'janFeb',
      cells: janFeb,
      d: 6,
      shares: [0, 3e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 2e-6],
    },
    {
      what: 'the 1-2月 form kept',
      form: 'janFeb',
      grid: 'janFeb',
      cells: janFeb,
      d: 1,
      shares: [0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2],
    },
    {
      what: 'every cell zero: no profile',
      form: 'quarters',
      grid: 'quarters',
      cells: [0, 0, 0, 0],
      d: 0,
      shares: undefined,
    },
    {
      what: 'a negative cell: no profile',
      form: 'quarters',
      grid: 'quarters',
      cells: [5, -1, 0, 0],
      d: 0,
      shares: undefined,
    },
  ])('$what', ({ form, grid, cells, d, shares }) => {
    const p = issuedProfile('工业总产值·下发', form, grid, cells, d);
    expect(p?.shares).toEqual(shares);
    if (!p) return;
    expect(p.grid).toBe(form);
    expect(profileProblem(p)).toBeUndefined();
    // Its shares on the periods' grid are the cells', exactly.
    const g = gridShares(p, grid);
    const k = (g[0] ?? 0) === 0 ? 1 : 0;
    g.forEach((v, j) => expect(v * (cells[k] ?? NaN)).toBe((cells[j] ?? NaN) * (g[k] ?? NaN)));
  });
});
