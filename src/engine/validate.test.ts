import { describe, expect, it } from 'vitest';
import { loadTownshipExampleJson, toPlanInput } from '../../tests/helpers/example-input';
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
    // The 2024 rows are now two years back; the 2025 rows are last year's.
    const years = errors.filter((e) => e.code === 'InvalidYear');
    expect(years).toHaveLength(input.actuals.filter((a) => a.year === 2024).length);
    expect(years[0]!.params).toEqual({ value: 2024, expected: '2025/2026' });
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
    const { ref: _ref, ...first } = input.indicators[0]!;
    const errors = validateInput({ ...input, indicators: [first, ...input.indicators] }, 2025);
    expect(errors.map((e) => e.code)).toEqual(['DuplicateIndicator']);
    expect(errors[0]!.params.first).toBe('?');
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
      ...input.actuals[0]!,
      enterprise: '华都',
      creditCode: '91331125521477189W',
      ref: { sheet: '实绩', cell: 'A196' },
    };
    const errors = validateInput({ ...input, actuals: [...input.actuals, dup] }, 2025);
    expect(errors.map((e) => e.code)).toEqual(['DuplicateActual']);
    expect(errors[0]!.params).toMatchObject({
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
    values: {},
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
