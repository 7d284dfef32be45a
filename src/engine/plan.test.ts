import { describe, expect, it } from 'vitest';
import { outOfBounds } from './checked';
import { townshipExampleInput } from '../../tests/helpers/example-input';
import { controlledRound } from './matrix';
import {
  actualValue,
  figuresOf,
  type Actual,
  type Flag,
  type PlanInput,
  type Settings,
  type ValueCell,
} from './model';
import { toUnits } from './number';
import {
  plan,
  type Allocation,
  type AggregateProgress,
  type IndicatorProgress,
  type Plan,
} from './plan';
import { gridShares, makeProfile, plannedSchedule } from './profile';
import { apportion } from './split';

const TODAY = { y: 2025, m: 9, d: 3 };

const SETTINGS: Settings = {
  year: 2025,
  reportMonth: 8,
  scheduleBasis: 'months',
  behindThreshold: 5,
  seriousThreshold: 10,
  actualsBasis: 'cumulative',
  combineJanFeb: true,
  unit: '万元',
};

const v = (value: number): ValueCell => ({ value });

function actual(
  year: number,
  month: number,
  enterprise: string,
  values: Record<string, number>,
  creditCode?: string,
): Actual {
  return {
    year,
    month,
    enterprise,
    ...(creditCode ? { creditCode } : {}),
    ...figuresOf(values),
  };
}

/**
 * Four enterprises in two groups; 产值 (a total with a growth target, split by base with a lock on
 * 丙, which has a profile of its own) and 增加值增速 (a rate of 10%). Actuals for two years.
 */
function smallInput(): PlanInput {
  return {
    settings: SETTINGS,
    indicators: [
      {
        name: '产值',
        unit: '万元',
        kind: 'total',
        direction: 'higher',
        target: 1001,
        targetGrowth: 0.2,
        method: 'base',
        decimals: 0,
        profile: '前低后高',
      },
      {
        name: '增加值增速',
        unit: '%',
        kind: 'rate',
        direction: 'higher',
        target: 0.1,
        method: 'base',
        decimals: 2,
        profile: 'even',
      },
    ],
    enterprises: [
      { name: '甲', group: '五金', creditCode: '91331125521477189W' },
      { name: '乙', group: '五金' },
      { name: '丙', group: '建材', profile: '下半年投产' },
      { name: '丁', group: '建材' },
    ],
    profiles: [
      { ...makeProfile('前低后高', 'quarters', [20, 25, 25, 30]) },
      { ...makeProfile('下半年投产', 'quarters', [0, 0, 40, 60]) },
    ],
    base: { 产值: { 甲: v(300), 乙: v(200), 丙: v(0), 丁: v(250) } },
    weights: {},
    constraints: [{ enterprise: '丙', indicator: '产值', type: 'lock', value: 100 }],
    actuals: [
      // July figures, which a cumulative report for August must ignore.
      actual(2025, 7, '甲', { 产值: 220, 增加值增速: 90 }),
      actual(2025, 8, '甲', { 产值: 250, 增加值增速: 110 }),
      actual(2025, 8, '乙', { 产值: 150, 增加值增速: 95 }),
      actual(2025, 8, '丙', { 产值: 10, 增加值增速: 5 }),
      actual(2025, 8, '丁', { 增加值增速: 60 }),
      actual(2024, 8, '甲', { 产值: 200, 增加值增速: 100 }),
      actual(2024, 8, '乙', { 产值: 140, 增加值增速: 100 }),
      actual(2024, 8, '丁', { 产值: 180, 增加值增速: 50 }),
    ],
  };
}

function run(input: PlanInput): Plan {
  const r = plan(input, { today: TODAY });
  if (!r.ok) throw new Error(`plan failed: ${r.errors.map((e) => e.code).join(', ')}`);
  return r.value;
}

const allocationOf = (p: Plan, name: string): Allocation => {
  const a = p.allocations.find((x) => x.indicator === name);
  if (!a) throw new Error(`no allocation for ${name}`);
  return a;
};
const progressOfIndicator = (p: Plan, name: string): IndicatorProgress => {
  const x = p.progress.find((y) => y.indicator === name);
  if (!x) throw new Error(`no progress for ${name}`);
  return x;
};
const groupOf = (ip: IndicatorProgress, g: string): AggregateProgress => {
  const x = ip.groups.find((y) => y.group === g);
  if (!x) throw new Error(`no group ${g}`);
  return x;
};
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('plan: a small hand-made input', () => {
  const p = run(smallInput());

  it('knows its year, report month, schedule and as-of date', () => {
    expect(p.year).toBe(2025);
    expect(p.reportMonth).toBe(8);
    expect(p.schedule).toBe(8 / 12);
    expect(p.asOf).toEqual({ y: 2025, m: 8, d: 31 });
  });

  it('allocates the total only; the rate is handed down unchanged', () => {
    expect(p.allocations.map((a) => a.indicator)).toEqual(['产值']);
  });

  it('splits 1001 by base after the lock: 901 × (300, 200, 250)/750 → 361, 240, 300', () => {
    const a = allocationOf(p, '产值');
    expect(a.total).toBe(1001);
    expect(a.grid).toBe('quarters');
    expect(a.profile).toBe('前低后高');
    expect(a.rows.map((r) => [r.enterprise, r.annual])).toEqual([
      ['甲', 361],
      ['乙', 240],
      ['丙', 100],
      ['丁', 300],
    ]);
    expect((a.rows[0] ?? outOfBounds()).exact).toBeCloseTo(360.4, 9);
    expect((a.rows[1] ?? outOfBounds()).exact).toBeCloseTo((901 * 200) / 750, 9);
    expect((a.rows[2] ?? outOfBounds()).exact).toBe(100);
    expect(a.rows.map((r) => r.group)).toEqual(['五金', '五金', '建材', '建材']);
    expect(a.rows.map((r) => r.profile)).toEqual([
      '前低后高',
      '前低后高',
      '下半年投产',
      '前低后高',
    ]);
  });

  it('splits across quarters with both margins exact', () => {
    const a = allocationOf(p, '产值');
    expect(a.rows.map((r) => r.periods)).toEqual([
      [72, 90, 90, 109],
      [48, 60, 60, 72],
      [0, 0, 40, 60],
      [60, 75, 75, 90],
    ]);
    // The three rows on the area profile: 901 apportioned 20/25/25/30; 丙 adds its own 40/60.
    expect(apportion(901, [4, 5, 5, 6])).toEqual([180, 225, 225, 271]);
    expect(a.periodTotals).toEqual([180, 225, 265, 331]);
    expect(sum(a.periodTotals)).toBe(1001);
  });

  it('computes progress rows: flags, the dual test, ranks', () => {
    const ip = progressOfIndicator(p, '产值');
    expect(ip.kind).toBe('total');
    expect(ip.unit).toBe('万元');
    const [甲, 乙, 丙, 丁] = ip.rows;
    expect(甲).toMatchObject({
      enterprise: '甲',
      group: '五金',
      target: 361,
      ytd: 250,
      lastYtd: 200,
      flag: 'ahead',
      failed: [],
      rank: 1,
      groupRank: 1,
    });
    expect(甲!.completion).toBeCloseTo(250 / 361, 12);
    expect(甲!.gap).toBe(Math.round((250 / 361 - 2 / 3) * 1e8) / 1e6);
    expect(甲!.yoy).toBeCloseTo(0.25, 12);
    expect(甲!.growthGap).toBe(5);
    expect(甲!.planned).toBeCloseTo((20 + 25 + (25 * 2) / 3) / 100, 12);
    expect(乙).toMatchObject({
      enterprise: '乙',
      target: 240,
      ytd: 150,
      lastYtd: 140,
      scheduleFlag: 'slightlyBehind',
      growthFlag: 'seriouslyBehind',
      flag: 'seriouslyBehind',
      failed: ['schedule', 'growth'],
      rank: 2,
      groupRank: 2,
    });
    expect(乙!.gap).toBe(-4.166667);
    expect(丙).toMatchObject({
      enterprise: '丙',
      group: '建材',
      target: 100,
      ytd: 10,
      lastYtd: null,
      yoy: null,
      flag: 'seriouslyBehind',
      growthFlag: null,
      failed: ['schedule'],
      rank: 3,
      groupRank: 1,
    });
    // 丙 follows its own profile: 40% over Q3, of which two months by the end of August.
    expect(丙!.planned).toBeCloseTo(80 / 300, 12);
    expect(丁).toMatchObject({
      enterprise: '丁',
      target: 300,
      ytd: null,
      lastYtd: 180,
      flag: 'noData',
      rank: null,
      groupRank: null,
    });
  });

  it('counts enterprises per flag', () => {
    expect(progressOfIndicator(p, '产值').counts).toEqual<Record<Flag, number>>({
      ahead: 1,
      slightlyBehind: 0,
      behind: 0,
      seriouslyBehind: 2,
      noData: 1,
    });
    expect(progressOfIndicator(p, '增加值增速').counts).toEqual<Record<Flag, number>>({
      ahead: 2,
      slightlyBehind: 0,
      behind: 0,
      seriouslyBehind: 1,
      noData: 1,
    });
  });

  it('computes group and area figures from summed totals, like for like', () => {
    const ip = progressOfIndicator(p, '产值');
    expect(ip.groups.map((g) => g.group)).toEqual(['五金', '建材']);
    const g1 = groupOf(ip, '五金');
    expect(g1).toMatchObject({
      indicator: '产值',
      target: 601,
      ytd: 400,
      lastYtd: 340,
      enterprises: 2,
      reported: 2,
    });
    expect(g1.completion).toBeCloseTo(400 / 601, 12);
    expect(g1.yoy).toBeCloseTo(400 / 340 - 1, 12);
    expect(g1.scheduleFlag).toBe('slightlyBehind');
    expect(g1.growthFlag).toBe('slightlyBehind');
    expect(g1.failed).toEqual(['schedule', 'growth']);
    const g2 = groupOf(ip, '建材');
    // 丁 reported last year only, 丙 this year only: no pair, so no year on year.
    expect(g2).toMatchObject({
      target: 400,
      ytd: 10,
      lastYtd: null,
      yoy: null,
      enterprises: 2,
      reported: 1,
      flag: 'seriouslyBehind',
    });
    expect(g2.completion).toBeCloseTo(10 / 400, 12);
    const area = ip.area;
    expect(area).toMatchObject({
      group: null,
      target: 1001,
      ytd: 410,
      lastYtd: 340,
      enterprises: 4,
      reported: 3,
    });
    // 410 ÷ 1001, not the mean of the enterprises' completion rates.
    expect(area.completion).toBeCloseTo(410 / 1001, 12);
    expect(area.completion).not.toBeCloseTo((250 / 361 + 150 / 240 + 10 / 100) / 3, 3);
    // Like for like: (250 + 150) ÷ (200 + 140), 丙 (new) and 丁 (not reported) left out of both sides.
    expect(area.yoy).toBeCloseTo(400 / 340 - 1, 12);
    expect(area.flag).toBe('seriouslyBehind');
    // The area's planned schedule is target-weighted.
    const back = plannedSchedule(makeProfile('x', 'quarters', [20, 25, 25, 30]), 8);
    expect(area.planned).toBeCloseTo((901 * back + 100 * (80 / 300)) / 1001, 12);
  });

  it('compares the rate with the target rate, summing totals for groups and the area', () => {
    const ip = progressOfIndicator(p, '增加值增速');
    expect(ip.kind).toBe('rate');
    expect(ip.rows.map((r) => r.target)).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(ip.rows.map((r) => r.gap)).toEqual([0, -15, null, 10]);
    expect(ip.rows.map((r) => r.flag)).toEqual(['ahead', 'seriouslyBehind', 'noData', 'ahead']);
    expect(ip.rows.map((r) => r.rank)).toEqual([2, 3, null, 1]);
    expect(ip.rows.map((r) => r.groupRank)).toEqual([1, 2, null, 1]);
    expect(ip.rows.map((r) => r.completion)).toEqual([null, null, null, null]);
    const g1 = groupOf(ip, '五金');
    expect(g1.yoy).toBeCloseTo(205 / 200 - 1, 12);
    expect(g1.gap).toBe(-7.5);
    expect(g1.flag).toBe('behind');
    // 建材: only 丁 reported in both years; 丙's 5 is left out.
    const g2 = groupOf(ip, '建材');
    expect(g2.yoy).toBeCloseTo(0.2, 12);
    expect(g2.flag).toBe('ahead');
    // Area: (110 + 95 + 60) ÷ (100 + 100 + 50) − 1 = 6%: 4 points under 10%, not the mean of the rates.
    expect(ip.area.target).toBe(0.1);
    expect(ip.area.yoy).toBeCloseTo(0.06, 12);
    expect(ip.area.gap).toBe(-4);
    expect(ip.area.flag).toBe('slightlyBehind');
    expect(ip.area.failed).toEqual(['growth']);
  });

  it('is deterministic', () => {
    expect(run(smallInput())).toEqual(p);
  });
});

describe('plan: settings and methods', () => {
  it('takes the report month from the latest actuals when none is set', () => {
    const input = smallInput();
    const p = run({ ...input, settings: { ...SETTINGS, reportMonth: undefined } });
    expect(p.reportMonth).toBe(8);
    expect(p.schedule).toBe(8 / 12);
  });

  it('takes the year from today when none is set, and month 0 without actuals', () => {
    const input = smallInput();
    const p = run({
      ...input,
      settings: { ...SETTINGS, year: undefined, reportMonth: undefined },
      actuals: [],
    });
    expect(p.year).toBe(2025);
    expect(p.reportMonth).toBe(0);
    expect(p.schedule).toBe(0);
    const ip = progressOfIndicator(p, '产值');
    expect(ip.counts.noData).toBe(4);
    expect(ip.area.ytd).toBeNull();
  });

  it('ignores a later year in Actuals when the year comes from today', () => {
    const input = smallInput();
    const p = run({ ...input, settings: { ...SETTINGS, year: undefined } });
    expect(p.year).toBe(TODAY.y);
  });

  it('sums monthly actuals up to the report month', () => {
    const input = smallInput();
    const p = run({
      ...input,
      settings: { ...SETTINGS, actualsBasis: 'monthly', reportMonth: 2 },
      actuals: [
        actual(2025, 1, '甲', { 产值: 10 }),
        actual(2025, 2, '甲', { 产值: 15 }),
        actual(2025, 3, '甲', { 产值: 99 }),
        actual(2024, 1, '甲', { 产值: 8 }),
        actual(2024, 2, '甲', { 产值: 12 }),
      ],
    });
    const row = progressOfIndicator(p, '产值').rows[0] ?? outOfBounds();
    expect(row.ytd).toBe(25);
    expect(row.lastYtd).toBe(20);
    expect(row.yoy).toBeCloseTo(0.25, 12);
  });

  it('uses elapsed days on the days basis', () => {
    const input = smallInput();
    const p = run({
      ...input,
      settings: { ...SETTINGS, scheduleBasis: 'days', asOf: { y: 2025, m: 9, d: 3 } },
    });
    expect(p.asOf).toEqual({ y: 2025, m: 9, d: 3 });
    expect(p.schedule).toBeCloseTo(246 / 365, 12);
    const row = progressOfIndicator(p, '产值').rows[0] ?? outOfBounds();
    expect(row.schedule).toBeCloseTo(246 / 365, 12);
  });

  it('matches actuals by credit code before the name', () => {
    const input = smallInput();
    const p = run({
      ...input,
      actuals: [
        actual(2025, 8, '甲公司（曾用名）', { 产值: 260 }, '9133 1125 5214 7718 9w'),
        actual(2024, 8, '甲', { 产值: 200 }),
      ],
    });
    const row = progressOfIndicator(p, '产值').rows[0] ?? outOfBounds();
    expect(row.ytd).toBe(260);
    expect(row.lastYtd).toBe(200);
  });

  it.each<[string, Partial<PlanInput['indicators'][number]>, Partial<PlanInput>, number[]]>([
    ['equal', { method: 'equal', target: 10 }, { constraints: [] }, [3, 3, 2, 2]],
    [
      'weights',
      { method: 'weights', target: 100 },
      { constraints: [], weights: { 产值: { 甲: v(1), 乙: v(1), 丙: v(2), 丁: v(0) } } },
      [25, 25, 50, 0],
    ],
    ['increment', { method: 'increment', target: 850 }, { constraints: [] }, [325, 225, 25, 275]],
    [
      'increment by weights',
      { method: 'increment', target: 850 },
      { constraints: [], weights: { 产值: { 甲: v(0), 乙: v(0), 丙: v(1), 丁: v(1) } } },
      [300, 200, 50, 300],
    ],
    [
      'manual',
      { method: 'manual', target: 100 },
      {
        constraints: [
          { enterprise: '甲', indicator: '产值', type: 'lock', value: 40 },
          { enterprise: '乙', indicator: '产值', type: 'lock', value: 30 },
          { enterprise: '丙', indicator: '产值', type: 'lock', value: 0 },
          { enterprise: '丁', indicator: '产值', type: 'lock', value: 30 },
        ],
      },
      [40, 30, 0, 30],
    ],
  ])('method %s', (_what, ind, patch, annual) => {
    const input = smallInput();
    const p = run({
      ...input,
      ...patch,
      indicators: [
        { ...(input.indicators[0] ?? outOfBounds()), ...ind },
        input.indicators[1] ?? outOfBounds(),
      ],
    });
    const a = allocationOf(p, '产值');
    expect(a.rows.map((r) => r.annual)).toEqual(annual);
    expect(sum(a.periodTotals)).toBe(sum(annual));
  });

  it('combines January and February for a monthly profile', () => {
    const input = smallInput();
    const months = makeProfile('逐月', 'months', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const p = run({
      ...input,
      profiles: [...input.profiles, months],
      indicators: [
        {
          ...(input.indicators[0] ?? outOfBounds()),
          profile: '逐月',
          target: 1200,
          method: 'equal',
        },
        input.indicators[1] ?? outOfBounds(),
      ],
      constraints: [],
      enterprises: input.enterprises.map((e) => ({ ...e, profile: undefined })),
    });
    const a = allocationOf(p, '产值');
    expect(a.grid).toBe('janFeb');
    expect(a.periodTotals).toEqual([200, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    for (const r of a.rows) expect(r.periods).toEqual([50, 25, 25, 25, 25, 25, 25, 25, 25, 25, 25]);
    const q = run({
      ...input,
      settings: { ...SETTINGS, combineJanFeb: false },
      profiles: [...input.profiles, months],
      indicators: [
        { ...(input.indicators[0] ?? outOfBounds()), profile: '逐月' },
        input.indicators[1] ?? outOfBounds(),
      ],
    });
    expect(allocationOf(q, '产值').grid).toBe('months');
    expect(allocationOf(q, '产值').periodTotals).toHaveLength(12);
  });

  it('treats "even" as 均衡 and an enterprise profile equal to the area one as shared', () => {
    const input = smallInput();
    const p = run({
      ...input,
      indicators: [
        { ...(input.indicators[0] ?? outOfBounds()), profile: 'even' },
        input.indicators[1] ?? outOfBounds(),
      ],
      enterprises: input.enterprises.map((e) => ({
        ...e,
        profile: e.name === '丙' ? '均衡' : undefined,
      })),
    });
    const a = allocationOf(p, '产值');
    expect(a.profile).toBe('均衡');
    expect(a.rows.map((r) => r.profile)).toEqual(['均衡', '均衡', '均衡', '均衡']);
    // All four rows share the profile: the column totals are 1001 apportioned evenly.
    expect(a.periodTotals).toEqual(apportion(1001, [1, 1, 1, 1]));
  });
});

describe('plan: enterprises an indicator does not concern (not applicable is not 无数据)', () => {
  /** The small input with 丁's base and figures of one indicator taken away. */
  function without(indicator: string, keepLastYear: boolean): PlanInput {
    const input = smallInput();
    return {
      ...input,
      base: { 产值: { ...input.base['产值'], 丁: v(0) } },
      actuals: input.actuals.map((a) => {
        if (a.enterprise !== '丁' || (keepLastYear && a.year === 2024)) return a;
        return {
          ...a,
          values: a.values.map((x, k) => (a.indicators[k] === indicator ? undefined : x)),
        };
      }),
    };
  }
  const names = (ip: IndicatorProgress): string[] => ip.rows.map((r) => r.enterprise);

  it.each<[string, string, boolean, string[]]>([
    ['a total: no part and no figure in either year', '产值', false, ['甲', '乙', '丙']],
    ['a total: no part but a figure last year', '产值', true, ['甲', '乙', '丙', '丁']],
    ['a rate: no base and no figure', '增加值增速', false, ['甲', '乙', '丙']],
  ])('%s', (_what, indicator, keepLastYear, expected) => {
    const p = run(without(indicator, keepLastYear));
    const ip = progressOfIndicator(p, indicator);
    expect(names(ip)).toEqual(expected);
    expect(ip.rows.map((r) => r.index)).toEqual(
      expected.map((n) => ['甲', '乙', '丙', '丁'].indexOf(n)),
    );
    expect(ip.area.enterprises).toBe(expected.length);
    expect(sum(Object.values(ip.counts))).toBe(expected.length);
    expect(groupOf(ip, '建材').enterprises).toBe(expected.includes('丁') ? 2 : 1);
    // Ranks run over the rows concerned only.
    const ranks = ip.rows.flatMap((r) => (r.rank === null ? [] : [r.rank]));
    expect([...ranks].sort()).toEqual(ranks.map((_, k) => k + 1));
  });

  it('the other indicator keeps every enterprise', () => {
    const p = run(without('产值', false));
    expect(names(progressOfIndicator(p, '增加值增速'))).toEqual(['甲', '乙', '丙', '丁']);
  });
});

describe('plan: the township example', () => {
  const input = townshipExampleInput();
  const p = run(input);

  it('maps the example completely', () => {
    expect(input.indicators.map((i) => i.name)).toEqual([
      '工业总产值',
      '规上工业产值',
      '制造业投资',
      '到位市外内资',
    ]);
    expect(input.enterprises).toHaveLength(12);
    expect(input.profiles.map((x) => [x.name, x.grid])).toEqual([
      ['均衡', 'quarters'],
      ['前低后高', 'quarters'],
      ['下半年投产', 'quarters'],
    ]);
    expect(Object.keys(input.base)).toEqual(['工业总产值', '规上工业产值', '制造业投资']);
    expect(input.base['工业总产值']?.['卓尔五金']?.value).toBe(6200);
    expect(input.base['制造业投资']?.['浙南油茶']?.value).toBe(3200);
    expect(input.weights['制造业投资']?.['浙江华都新能源']?.value).toBe(6);
    expect(input.constraints).toHaveLength(6);
    expect(input.actuals).toHaveLength(194);
    // Every row has the four indicators' columns; a null is no figure: 浙南油茶 is not above size.
    expect([...(input.actuals[0] ?? outOfBounds()).indicators].sort()).toEqual(
      ['到位市外内资', '制造业投资', '工业总产值', '规上工业产值'].sort(),
    );
    const youcha = input.actuals.find((a) => a.enterprise === '浙南油茶')!;
    expect(actualValue(youcha, '规上工业产值')).toBeUndefined();
    expect(actualValue(youcha, '工业总产值')).toBeTypeOf('number');
    expect(p.year).toBe(2025);
    expect(p.reportMonth).toBe(8);
  });

  it('allocates every total indicator', () => {
    expect(p.allocations.map((a) => a.indicator)).toEqual([
      '工业总产值',
      '规上工业产值',
      '制造业投资',
      '到位市外内资',
    ]);
  });

  it.each(['工业总产值', '规上工业产值', '制造业投资', '到位市外内资'])(
    '%s: parts and periods add up exactly',
    (name) => {
      const a = allocationOf(p, name);
      const ind = input.indicators.find((i) => i.name === name)!;
      const d = ind.decimals;
      const T = toUnits(ind.target, d);
      expect(a.total).toBe(ind.target);
      expect(sum(a.rows.map((r) => toUnits(r.annual, d)))).toBe(T);
      expect(sum(a.periodTotals.map((x) => toUnits(x, d)))).toBe(T);
      for (const r of a.rows) {
        expect(sum(r.periods.map((x) => toUnits(x, d)))).toBe(toUnits(r.annual, d));
        expect(Math.abs(r.annual - r.exact)).toBeLessThan(10 ** -d);
      }
      // The rows on the area profile add up, period by period, to their total apportioned by it.
      const shared = a.rows.filter((r) => r.profile === a.profile);
      const q = gridShares(
        input.profiles.find((x) => x.name === a.profile)!,
        a.grid,
      );
      const columns = q.map((_, j) =>
        sum(shared.map((r) => toUnits(r.periods[j] ?? outOfBounds(), d))),
      );
      const sharedUnits = shared.map((r) => toUnits(r.annual, d));
      expect(columns).toEqual(apportion(sum(sharedUnits), q));
      expect(columns).toEqual(controlledRound(sharedUnits, q).columns);
      // Every cell is the floor or the ceiling of its exact value.
      const Q = sum(q);
      for (const [i, r] of shared.entries()) {
        r.periods.forEach((x, j) => {
          const cell = toUnits(x, d);
          expect(
            Math.abs(cell * Q - (sharedUnits[i] ?? outOfBounds()) * (q[j] ?? outOfBounds())),
          ).toBeLessThan(Q);
        });
      }
    },
  );

  it('keeps the locks, the floor and the cap', () => {
    const out = allocationOf(p, '工业总产值');
    const annual = (a: Allocation, e: string): number =>
      a.rows.find((r) => r.enterprise === e)!.annual;
    expect(annual(out, '浙江华都新能源')).toBe(9000);
    expect(annual(out, '龙显企业')).toBe(3000);
    expect(annual(out, '卓尔五金')).toBeGreaterThanOrEqual(7000);
    expect(annual(allocationOf(p, '制造业投资'), '石普铝业')).toBeLessThanOrEqual(2500);
  });

  it('splits 工业总产值 by base among the free rows, with 卓尔五金 held at its floor', () => {
    const out = allocationOf(p, '工业总产值');
    const annual = Object.fromEntries(out.rows.map((r) => [r.enterprise, r.annual]));
    // By base alone it would get 59400 × 6200 / 53700 ≈ 6858, under its floor.
    expect(annual['卓尔五金']).toBe(7000);
    // The rest, 71400 − 9000 − 3000 − 7000 = 52400, goes by base over the other nine: 石普铝业 12000 of 47500.
    expect(out.rows.find((r) => r.enterprise === '石普铝业')!.exact).toBeCloseTo(
      (52400 * 12000) / 47500,
      6,
    );
    // Enterprises with the late-start profile have nothing in the first half.
    expect(out.rows.find((r) => r.enterprise === '浙江华都新能源')!.periods).toEqual([
      0, 0, 3600, 5400,
    ]);
  });

  it('flags and ranks every enterprise each indicator concerns', () => {
    for (const ip of p.progress) {
      // 规上工业产值 concerns the six above-size enterprises (the other six have no part and no
      // figure: not 无数据 but not there at all).
      const n = ip.indicator === '规上工业产值' ? 6 : 12;
      expect(ip.rows).toHaveLength(n);
      expect(sum(Object.values(ip.counts))).toBe(n);
      expect(ip.area.enterprises).toBe(n);
      const ranked = ip.rows.filter((r) => r.rank !== null).map((r) => r.rank!);
      expect(Math.min(...ranked)).toBe(1);
      expect(ranked).toHaveLength(ip.rows.filter((r) => r.completion !== null).length);
    }
    expect(progressOfIndicator(p, '规上工业产值').rows.map((r) => [r.enterprise, r.index])).toEqual(
      [
        ['浙江华都新能源', 0],
        ['石塔线缆', 1],
        ['卓尔五金', 2],
        ['龙显企业', 3],
        ['石普铝业', 4],
        ['友邦铝业', 5],
      ],
    );
    const out = progressOfIndicator(p, '工业总产值');
    expect(out.area.target).toBe(71400);
    expect(out.area.ytd).toBeCloseTo(sum(out.rows.map((r) => r.ytd ?? 0)), 6);
  });
});
