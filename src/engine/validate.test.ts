import { describe, expect, it } from 'vitest';
import { outOfBounds } from './checked';
import {
  loadTownshipExampleJson,
  toPlanInput,
  withFigure,
} from '../../tests/helpers/example-input';
import { describeError } from './errors';
import type { Actual, PlanInput } from './model';
import { enterpriseResolver, validateInput } from './validate';

const RAW = loadTownshipExampleJson();
const example = (): PlanInput => toPlanInput(RAW);

describe('validateInput', () => {
  it('finds nothing wrong with the township example', () => {
    expect(validateInput(example(), 2025)).toEqual([]);
  });

  it('returns every problem at once, each with its place', () => {
    const input = example();
    const broken: PlanInput = {
      ...input,
      settings: { ...input.settings, reportMonth: 14, behindThreshold: 12 },
      indicators: input.indicators.map((x, k) =>
        k === 3 ? { ...x, target: -22000, profile: '全年' } : x,
      ),
      enterprises: [
        ...input.enterprises.map((e, k) =>
          k === 4 ? { ...e, creditCode: '9133112546142448XA' } : e,
        ),
        { name: '石塔线缆', ref: { sheet: '企业', cell: 'A14' } },
      ],
      constraints: [
        ...input.constraints,
        {
          enterprise: '卓尔五金',
          indicator: '税金',
          type: 'floor',
          value: 1,
          ref: { sheet: '约束', cell: 'D6' },
          indicatorRef: { sheet: '约束', cell: 'B6' },
        },
      ],
      actuals: input.actuals.map((a, k) => (k === 5 ? { ...a, month: 13 } : a)),
    };
    const errors = validateInput(broken, 2025);
    expect(errors.map((e) => [e.code, describeError(e, 'zh')])).toEqual([
      ['InvalidMonth', '参数!B3：月份 14 不在 1–12 之间'],
      ['InvalidThresholds', '参数!B7：严重滞后阈值 10 应不小于滞后阈值 12，且均不为负'],
      ['DuplicateEnterprise', '企业!A14：企业“石塔线缆”重复出现（首次在 企业!A3）'],
      ['InvalidCreditCode', '企业!B6：统一社会信用代码“9133112546142448XA”无效：校验位应为 C'],
      ['UnknownProfile', '目标!I5：时间分布“全年”未定义'],
      ['NegativeTarget', '目标!E5：到位市外内资：总量目标不能为负数（-22000）'],
      ['UnknownIndicator', '约束!B6：指标“税金”不在目标表中'],
      ['InvalidMonth', '实绩!B7：月份 13 不在 1–12 之间'],
    ]);
  });

  it('uses the year it is given for Actuals (this year and the year before)', () => {
    const input = example();
    expect(validateInput(input, 2025)).toEqual([]);
    const errors = validateInput(input, 2026);
    // The 2024 rows are now two years back; the 2025 rows are last year's: one message for
    // them all, at the first, with how many there are.
    const years = errors.filter((e) => e.code === 'InvalidYear');
    expect(years).toHaveLength(1);
    expect((years[0] ?? outOfBounds()).params).toEqual({
      value: 2024,
      expected: '2025/2026',
      rows: input.actuals.filter((a) => a.year === 2024).length,
    });
  });

  it('says each cause that actuals rows share once, at its first row, with how many rows', () => {
    const input = example();
    // The year one ahead of the rows (2025 and 2026 where 2023/2024 are wanted), the
    // statistics bureau's code of one enterprise pasted against another (its rows of 2024,
    // left as they were), and month 13 twice: 194 rows, four messages.
    const actuals = input.actuals.map((a, k): Actual => {
      const year = a.year === 2024 ? 2025 : 2026;
      if (k === 3 || k === 4) return { ...a, month: 13 };
      if (a.enterprise === '卓尔五金') return { ...a, creditCode: '91331125355344339U' };
      return { ...a, year };
    });
    const errors = validateInput({ ...input, actuals }, 2024);
    expect(errors.map((e) => describeError(e, 'zh'))).toEqual([
      '实绩!A2：年份 2026 无效（应为 2023/2024），共 75 行',
      '实绩!B5：月份 13 不在 1–12 之间，共 2 行',
      '实绩!A16：年份 2025 无效（应为 2023/2024），共 106 行',
      '实绩!C97：统一社会信用代码 91331125355344339U 与企业“卓尔五金”不符，共 11 行',
    ]);
    expect(describeError(errors[0] ?? outOfBounds(), 'en')).toBe(
      '实绩!A2: year 2026 is not valid (expected 2023/2024), in 75 rows',
    );
  });

  it('says nothing more for a cause of one row', () => {
    const input = example();
    const actuals = input.actuals.map((a, k) => (k === 0 ? { ...a, enterprise: '华都' } : a));
    const errors = validateInput({ ...input, actuals }, 2025);
    expect(errors.map((e) => describeError(e, 'en'))).toEqual([
      '实绩!C2: enterprise "华都" is not in Enterprises',
    ]);
    expect((errors[0] ?? outOfBounds()).params).toEqual({ name: '华都' });
  });

  it.each<[string, (input: PlanInput) => PlanInput, string]>([
    [
      'a serious threshold of 10^7 points',
      (i) => ({ ...i, settings: { ...i.settings, seriousThreshold: 1e7 } }),
      '参数!B7：数值 10000000 超出可计算的范围：绝对值不能超过 10^6，请检查是否输错',
    ],
    [
      'a profile share of 1e16',
      (i) => ({
        ...i,
        profiles: i.profiles.map((p, k) =>
          k === 1
            ? {
                ...p,
                shares: [20, 25, 1e16, 30],
                shareRefs: ['B3', 'C3', 'D3', 'E3'].map((cell) => ({ sheet: '时间分布', cell })),
              }
            : p,
        ),
      }),
      '时间分布!D3：数值 10000000000000000 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    ],
    [
      'a profile share of 10^-7 (shares are kept to 6 decimals)',
      (i) => ({
        ...i,
        profiles: i.profiles.map((p, k) =>
          k === 2
            ? {
                ...p,
                shares: [1e-7, 0, 0, 0],
                shareRefs: ['B4', 'C4', 'D4', 'E4'].map((cell) => ({ sheet: '时间分布', cell })),
              }
            : p,
        ),
      }),
      '时间分布!B4：数值 1e-7 超出可计算的范围：不为 0 的数值，绝对值应在 10^-6 到 10^15 之间，请检查是否输错',
    ],
    [
      'a weight of -1e300',
      (i) => ({
        ...i,
        weights: {
          制造业投资: {
            ...i.weights['制造业投资'],
            石塔线缆: { value: -1e300, ref: { sheet: '权重', cell: 'B3' } },
          },
        },
      }),
      '权重!B3：数值 -1e+300 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    ],
    [
      'a floor of 1e308',
      (i) => ({
        ...i,
        constraints: i.constraints.map((c, k) => (k === 2 ? { ...c, value: 1e308 } : c)),
      }),
      '约束!D4：数值 1e+308 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    ],
    [
      'a base beyond exact integers, split by increment (the base is added to the part)',
      (i) => ({
        ...i,
        indicators: i.indicators.map((x) =>
          x.name === '规上工业产值' ? { ...x, method: 'increment' } : x,
        ),
        base: {
          ...i.base,
          规上工业产值: {
            ...i.base['规上工业产值'],
            石塔线缆: { value: 1e13, ref: { sheet: '基数', cell: 'C3' } },
          },
        },
      }),
      '基数!C3：规上工业产值：10000000000000按2位小数超出精确计算范围',
    ],
  ])('refuses %s at its cell', (_what, change, message) => {
    const errors = validateInput(change(example()), 2025);
    expect(errors.map((e) => describeError(e, 'zh'))).toEqual([message]);
  });

  it.each<[string, number]>([
    ['0', 0],
    ['10^15', 1e15],
    ['-10^15', -1e15],
    ['10^-100', 1e-100],
    ['rounding noise', 5.551115123125783e-17],
  ])('accepts an actual of %s', (_what, value) => {
    const input = example();
    const actuals = input.actuals.map((a, k) => (k === 6 ? withFigure(a, '工业总产值', value) : a));
    expect(validateInput({ ...input, actuals }, 2025)).toEqual([]);
  });

  it.each<[string, number]>([
    ['NaN', NaN],
    ['a fraction', 2025.5],
    ['too early', 1899],
    ['too late', 10000],
  ])('rejects a plan year that is %s', (_what, year) => {
    const errors = validateInput({ ...example(), actuals: [] }, year);
    expect(errors.map((e) => e.code)).toEqual(['InvalidYear']);
    expect(errors[0]).toMatchObject({ sheet: '参数', cell: 'B2' });
  });

  it.each<[string, number, number]>([
    ['equal thresholds', 5, 5],
    ['zero thresholds', 0, 0],
    ['wide thresholds', 3, 20],
  ])('accepts %s', (_what, behindThreshold, seriousThreshold) => {
    const input = example();
    expect(
      validateInput(
        { ...input, settings: { ...input.settings, behindThreshold, seriousThreshold } },
        2025,
      ),
    ).toEqual([]);
  });

  it('reports a threshold that is not a number', () => {
    const input = example();
    const errors = validateInput(
      { ...input, settings: { ...input.settings, behindThreshold: NaN } },
      2025,
    );
    expect(errors.map((e) => e.code)).toEqual(['InvalidThresholds']);
  });

  it('knows the even profile by both names without a Profiles row', () => {
    const input = example();
    const noProfiles: PlanInput = {
      ...input,
      profiles: [],
      indicators: input.indicators.map((x) => ({
        ...x,
        profile: x.name === '工业总产值' ? 'even' : '均衡',
      })),
      enterprises: input.enterprises.map(({ profile: _p, ...e }) => e),
    };
    expect(validateInput(noProfiles, 2025)).toEqual([]);
  });

  it.each<[string, number[], string]>([
    ['negative', [30, -5, 40, 35], '时间分布!C3'],
    ['not finite', [-1, 25, Infinity, 30], '时间分布!D3'],
    ['all zero', [0, 0, 0, 0], '时间分布!A3'],
    ['on the wrong grid', [30, -5, 40], '时间分布!A3'],
  ])('names the share of a %s profile at its cell when the shares have cells', (_w, shares, at) => {
    const input = example();
    const sheet = '时间分布';
    const profile = {
      name: '前高',
      grid: 'quarters' as const,
      shares,
      ref: { sheet, cell: 'A3' },
      shareRefs: ['B3', 'C3', 'D3', 'E3'].map((cell) => ({ sheet, cell })),
    };
    const errors = validateInput({ ...input, profiles: [...input.profiles, profile] }, 2025);
    expect(errors.map((e) => [e.code, `${e.sheet}!${e.cell}`])).toEqual([['InvalidProfile', at]]);
  });

  it('ignores Base and Weights columns of indicators not in Targets', () => {
    const input = example();
    const base = { ...input.base, 税金: { 不存在的企业: { value: -1 } } };
    expect(validateInput({ ...input, base }, 2025)).toEqual([]);
  });

  it('names "?" as the first place when the first row has no ref', () => {
    const input = example();
    const { ref: _ref, ...first } = input.indicators[0] ?? outOfBounds();
    const errors = validateInput({ ...input, indicators: [first, ...input.indicators] }, 2025);
    expect(errors.map((e) => e.code)).toEqual(['DuplicateIndicator']);
    expect((errors[0] ?? outOfBounds()).params.first).toBe('?');
  });

  it('finds duplicate credit codes after normalising them', () => {
    const input = example();
    const errors = validateInput(
      {
        ...input,
        enterprises: input.enterprises.map((e, k) =>
          k === 1 ? { ...e, creditCode: '9133 1125 5214 7718 9w' } : e,
        ),
      },
      2025,
    );
    expect(errors.map((e) => e.code)).toEqual(['DuplicateCreditCode']);
    expect(errors[0]).toMatchObject({ sheet: '企业', cell: 'B3', params: { first: '企业!B2' } });
  });

  it('finds duplicate actuals through the credit code', () => {
    const input = example();
    const dup: Actual = {
      ...(input.actuals[0] ?? outOfBounds()),
      enterprise: '华都',
      creditCode: '91331125521477189W',
      ref: { sheet: '实绩', cell: 'A196' },
    };
    const errors = validateInput({ ...input, actuals: [...input.actuals, dup] }, 2025);
    expect(errors.map((e) => e.code)).toEqual(['DuplicateActual']);
    expect((errors[0] ?? outOfBounds()).params).toMatchObject({
      enterprise: '浙江华都新能源',
      year: 2025,
      month: 2,
      first: '实绩!A2',
    });
  });
});

describe('enterpriseResolver', () => {
  const input: PlanInput = {
    ...example(),
    enterprises: [
      { name: '有代码', creditCode: '91331125521477189W' },
      { name: '无代码' },
      { name: '另一家', creditCode: '91331125355344339U' },
    ],
  };
  const resolve = enterpriseResolver(input);
  const row = (enterprise: string, creditCode?: string): Actual => ({
    year: 2025,
    month: 8,
    enterprise,
    ...(creditCode ? { creditCode } : {}),
    indicators: [],
    values: [],
  });

  it.each<[string, Actual, string | undefined]>([
    ['by name', row('无代码'), '无代码'],
    ['by name, the enterprise has a code', row('有代码'), '有代码'],
    ['by code, under another name', row('曾用名', '91331125521477189W'), '有代码'],
    ['by code, as pasted', row('曾用名', ' 9133 1125 5214 7718 9w '), '有代码'],
    ['by code before the name', row('有代码', '91331125355344339U'), '另一家'],
    [
      'an unknown code, named enterprise without a code',
      row('无代码', '91350100M000100Y43'),
      '无代码',
    ],
    [
      'an unknown code, named enterprise with a code',
      row('有代码', '91350100M000100Y43'),
      undefined,
    ],
    ['an unknown name', row('不存在'), undefined],
  ])('%s', (_what, a, expected) => {
    expect(resolve(a)).toBe(expected);
  });
});
