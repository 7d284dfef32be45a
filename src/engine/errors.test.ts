import { describe, expect, it } from 'vitest';
import { outOfBounds } from './checked';
import { countyExampleInput } from '../../tests/helpers/county-example';
import {
  loadTownshipExampleJson,
  toPlanInput,
  withFigure,
} from '../../tests/helpers/example-input';
import {
  describeError,
  ERROR_CODES,
  errorMessage,
  errorPlace,
  fenjieError,
  fieldLabel,
  type ErrorCode,
  type FenjieError,
  type Params,
  type ParamsOf,
  type SplitField,
} from './errors';
import type { Constraint, Enterprise, Indicator, PlanInput } from './model';
import { parseNumber } from './number';
import { plan } from './plan';

/** One set of parameters per code: the mapped type makes a new code without a sample a type error. */
const SAMPLE_PARAMS: { readonly [C in ErrorCode]: ParamsOf<C> } = {
  NotANumber: { text: '待定' },
  NotFinite: { what: '1e999' },
  NegativeNumber: { subject: '工业总产值 卓尔五金', field: 'base', value: -3 },
  TotalTooLarge: { indicator: '工业总产值', value: 9e15, decimals: 2 },
  TargetPrecision: { indicator: '工业总产值', value: 1.234, decimals: 2 },
  NegativeTarget: { indicator: '税金', value: -5 },
  LocksExceedTotal: { indicator: '税金', locks: 120, total: 100, names: '甲、乙' },
  FloorsExceedRemainder: { indicator: '税金', remainder: 80, excess: 7 },
  CapsBelowRemainder: { indicator: '税金', remainder: 80, shortfall: 9 },
  AllWeightsZero: { indicator: '税金', remainder: 80 },
  WeightsTooFarApart: {
    indicator: '税金',
    enterprise: '甲',
    field: 'base',
    weight: 1e-300,
    largest: 5,
  },
  MissingWeight: { indicator: '税金', enterprise: '甲' },
  ManualMissingPart: { indicator: '税金', enterprise: '乙' },
  ManualSumMismatch: { indicator: '税金', sum: 90, total: 100, diff: -10 },
  FloorAboveCap: { indicator: '税金', enterprise: '甲', floor: 12, cap: 11 },
  ConflictingConstraint: { indicator: '税金', enterprise: '甲', type: 'cap' },
  LockPrecision: { indicator: '税金', enterprise: '甲', value: 1.234, decimals: 1 },
  DuplicateUnit: { name: '腊口镇', first: '单位!A2' },
  UnitNameClash: { name: '卓尔五金', enterprise: '企业!A3' },
  UnknownUnit: { name: '石塔乡' },
  MissingUnit: { enterprise: '甲' },
  UnitNotLeaf: { enterprise: '甲', unit: '工业园区', child: '东区' },
  UnitCycle: { names: '甲 → 乙 → 甲' },
  UnitTooDeep: { unit: '丁', path: '甲 → 乙 → 丙 → 丁', max: 3 },
  UnitConstraintUnreachable: {
    indicator: '税金',
    unit: '腊口镇',
    type: 'lock',
    value: 500,
    min: 0,
    max: 300,
  },
  NoUnits: { path: '某县.xlsx' },
  UnknownProfile: { name: '后高' },
  InvalidProfile: { name: '后高', reasonZh: '比例不能为负', reasonEn: 'shares cannot be negative' },
  UnknownIndicator: { name: '能耗' },
  UnknownEnterprise: { name: '丙', rows: 8 },
  DuplicateEnterprise: { name: '甲', first: '企业!A2' },
  DuplicateIndicator: { name: '税金', first: '目标!A2' },
  DuplicateProfile: { name: '均衡', first: '时间分布!A2' },
  DuplicateCreditCode: { code: '91330000MA2XXXXXX1', first: '企业!B2' },
  DuplicateActual: { enterprise: '甲', year: 2025, month: 8, first: '实绩!C2' },
  CodeNameMismatch: { code: '91330000MA2XXXXXX1', enterprise: '甲', rows: 2 },
  InvalidCreditCode: { code: '123', reasonZh: '应为18位', reasonEn: 'needs 18 characters' },
  InvalidMonth: { value: 13, rows: 3 },
  InvalidYear: { value: 1800, expected: '2024/2025', rows: 195 },
  InvalidDate: { text: '2025-02-30' },
  InvalidChoice: {
    field: fieldLabel('类型', 'Kind'),
    value: '总数',
    allowed: '总量/total, 增速/rate',
  },
  CellError: { error: '#N/A' },
  DuplicateSetting: { name: '报告期', first: '参数!A3' },
  ThresholdTooSmall: { value: 0.05 },
  InvalidListSize: { value: 0 },
  InvalidEscalation: { text: '3,2,1' },
  FileInUse: { path: '结果.xlsx' },
  FileNotExampleData: { path: 'data.json', detail: 'Unexpected token' },
  InvalidDecimals: { value: 7 },
  InvalidThresholds: { behind: 10, serious: 5 },
  MissingValue: { field: fieldLabel('企业名称', 'Enterprise') },
  MissingSheet: { name: fieldLabel('目标', 'Targets') },
  MissingColumn: { name: fieldLabel('年度目标', 'Target') },
  DuplicateColumn: { name: '工业总产值' },
  DuplicateSheet: { role: fieldLabel('目标', 'Targets'), name: 'Targets', first: '目标' },
  FormulaWithoutValue: { formula: '=SUM(A1:A3)' },
  FormulaEmptyResult: {
    formula: '=IF(B2="","",B2)',
    field: fieldLabel('年份', 'Year'),
    indicator: '工业总产值',
  },
  NumberOutOfRange: { value: 1e-300, max: '10^15', min: '10^-100' },
  TextTooLong: { length: 40000, limit: 32767 },
  NoEnterprises: {},
  NoIndicators: {},
  FileMissing: { path: '输入.xlsx' },
  FileIsDirectory: { path: 'data' },
  FileUnreadable: { path: '输入.xlsx', reason: 'EACCES' },
  FileEmpty: { path: '输入.xlsx' },
  FileOldExcel: { path: '输入.xls' },
  FileEncrypted: { path: '输入.xlsx' },
  FileOpenDocument: { path: '输入.ods' },
  FileNotWorkbook: { path: '说明.txt' },
  FileDamaged: { path: '输入.xlsx', detail: 'end of central directory not found' },
  OutputIsInput: { path: './输入.xlsx', input: '输入.xlsx' },
  OutputTwice: { path: '结果.xlsx' },
  OutputFolderMissing: { path: 'out/结果.xlsx', folder: 'out' },
  OutputIsDirectory: { path: 'out' },
  OutputNotWritable: { path: '/结果.xlsx', reason: 'EACCES' },
  OutputDiskFull: { path: '结果.xlsx' },
  OutputNameTooLong: { path: '长.xlsx' },
  OutputFailed: { path: '结果.xlsx', reason: 'EIO' },
  SheetNameTaken: { sheet: 'Summary' },
  ExcelCellEditing: {},
  ExcelStructureProtected: {},
  ExcelSheetProtected: {},
  ExcelNotResponding: { seconds: 120 },
  ExcelTooOld: { version: '1.7' },
  OutputExtension: { path: '结果.xlsx', input: '宏.xlsm', expected: '.xlsm' },
  BadOption: { option: '--now', value: 'soon', expected: 'YYYY-MM-DDTHH:MM' },
  InternalError: { detail: 'RangeError: Invalid array length' },
  UnknownOption: { option: '--jsn', known: '--out --json' },
  UnknownCommand: { command: 'plna' },
  MissingArgument: { command: 'plan', expected: 'IN.xlsx -o OUT.xlsx' },
  UnexpectedArgument: { command: 'plan', value: 'b.xlsx' },
};
const SPLIT_FIELD_NAMES: Readonly<Record<SplitField, readonly [string, string]>> = {
  weight: ['权重', 'weight'],
  base: ['基数', 'base'],
  offset: ['基数', 'base'],
  lock: ['锁定值', 'lock'],
  floor: ['下限', 'floor'],
  cap: ['上限', 'cap'],
};

describe('error catalogue', () => {
  it('renders a message with its place in both languages', () => {
    const e = fenjieError('NotANumber', { text: '待定' }, { sheet: '基数', cell: 'C7' });
    expect(describeError(e, 'zh')).toBe('基数!C7：“待定”不是数字');
    expect(describeError(e, 'en')).toBe('基数!C7: "待定" is not a number');
  });
  it.each(ERROR_CODES)('%s has a Chinese and an English message with every parameter', (code) => {
    const params: Params = SAMPLE_PARAMS[code];
    const m = errorMessage(fenjieError(code, params as never), 'zh');
    const en = errorMessage(fenjieError(code, params as never), 'en');
    expect(m.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(params)) {
      if ((k === 'field' || k === 'type') && v in SPLIT_FIELD_NAMES) continue; // translated, checked below
      if (k !== 'reasonEn') expect(m, `zh message of ${code} shows ${k}`).toContain(String(v));
      if (k !== 'reasonZh') expect(en, `en message of ${code} shows ${k}`).toContain(String(v));
    }
    expect(`${m} ${en}`).not.toMatch(/undefined|\[object/);
  });
  it.each(Object.entries(SPLIT_FIELD_NAMES))('the split field %s is named %j', (field, names) => {
    const e = fenjieError('NegativeNumber', {
      subject: '税金 甲',
      field: field as SplitField,
      value: -1,
    });
    expect(errorMessage(e, 'zh')).toContain(names[0]);
    expect(errorMessage(e, 'en')).toContain(names[1]);
  });
  it('refuses parameters that do not fit the code (checked by the type checker)', () => {
    // @ts-expect-error a cell address is not a column label (the 约束!A2：缺少A2 bug)
    fenjieError('MissingValue', { field: 'A2' });
    // @ts-expect-error a parameter the message does not use
    fenjieError('NotANumber', { text: 'x', value: 1 });
    // @ts-expect-error a missing parameter
    fenjieError('DuplicateEnterprise', { name: '甲' });
    // @ts-expect-error an unknown field
    fenjieError('NegativeNumber', { subject: '甲', field: 'weights', value: -1 });
    expect(
      errorMessage(fenjieError('MissingValue', { field: fieldLabel('年份', 'Year') }), 'zh'),
    ).toBe('缺少年份 / Year');
    expect(
      errorMessage(
        fenjieError('MissingValue', { field: fieldLabel('年度目标', 'Target'), indicator: '税金' }),
        'en',
      ),
    ).toBe('税金 年度目标 / Target is missing');
  });
  it.each<[{ sheet?: string; cell?: string }, string]>([
    [{ sheet: '基数', cell: 'C7' }, '基数!C7'],
    [{ sheet: '企业' }, '企业'],
    [{}, ''],
  ])('errorPlace(%j) → %j', (ref, place) => {
    expect(errorPlace(ref)).toBe(place);
  });
  it('builds errors without a place, and with a sheet only', () => {
    expect(fenjieError('NoEnterprises', {})).toEqual({ code: 'NoEnterprises', params: {} });
    const e = fenjieError('NoEnterprises', {}, { sheet: '企业' });
    expect(e).toEqual({ code: 'NoEnterprises', params: {}, sheet: '企业' });
    expect(describeError(e, 'zh')).toBe('企业：企业表中没有企业');
    expect(describeError(e, 'en')).toBe('企业: there are no enterprises');
    expect(errorMessage(e, 'en')).toBe('there are no enterprises');
  });
  it('InvalidYear mentions the expected year only when given', () => {
    expect(errorMessage(fenjieError('InvalidYear', { value: 1800 }), 'en')).toBe(
      'year 1800 is not valid',
    );
    expect(
      errorMessage(fenjieError('InvalidYear', { value: 2023, expected: '2024/2025' }), 'zh'),
    ).toBe('年份 2023 无效（应为 2024/2025）');
  });
});

// ---------------------------------------------------------------------------------------------
// Every code the engine produces, produced by the engine, with its message and its place.
// The inputs are the township example (tests/helpers/example-input.ts) with one thing broken.
// ---------------------------------------------------------------------------------------------

const RAW = loadTownshipExampleJson();
const example = (): PlanInput => toPlanInput(RAW);
const TODAY = { y: 2025, m: 9, d: 3 };

const IND = { 工业总产值: 0, 规上工业产值: 1, 制造业投资: 2, 到位市外内资: 3 } as const;

function withIndicator(
  name: keyof typeof IND,
  patch: Partial<Indicator>,
  input = example(),
): PlanInput {
  return {
    ...input,
    indicators: input.indicators.map((x, k) => (k === IND[name] ? { ...x, ...patch } : x)),
  };
}
function withEnterprise(k: number, patch: Partial<Enterprise>, input = example()): PlanInput {
  return {
    ...input,
    enterprises: input.enterprises.map((x, i) => (i === k ? { ...x, ...patch } : x)),
  };
}
function withConstraints(extra: Constraint[], input = example()): PlanInput {
  return { ...input, constraints: [...input.constraints, ...extra] };
}
/** 到位市外内资 split by hand: a lock for every enterprise (values by index; undefined: none). */
function manual(value: (k: number) => number | undefined): PlanInput {
  const input = withIndicator('到位市外内资', { method: 'manual' });
  const locks = input.enterprises.flatMap((e, k): Constraint[] => {
    const x = value(k);
    return x === undefined
      ? []
      : [
          {
            enterprise: e.name,
            indicator: '到位市外内资',
            type: 'lock',
            value: x,
            ref: { sheet: '约束', cell: `D${k + 6}` },
          },
        ];
  });
  return withConstraints(locks, input);
}
function planErrors(input: PlanInput): readonly FenjieError[] {
  const r = plan(input, { today: TODAY });
  if (r.ok) throw new Error('expected the plan to fail');
  return r.errors;
}
function parseErrors(r: ReturnType<typeof parseNumber>): readonly FenjieError[] {
  if (r.ok) throw new Error('expected the parse to fail');
  return r.errors;
}

interface Case {
  readonly code: ErrorCode;
  readonly what: string;
  readonly errors: () => readonly FenjieError[];
  readonly zh: string;
  readonly en: string;
}

/** The county example (tests/helpers/county-example.ts) with its units patched. */
function county(patch: (input: PlanInput) => PlanInput): PlanInput {
  return patch(countyExampleInput());
}
const patchUnit =
  (name: string, patch: object) =>
  (input: PlanInput): PlanInput => ({
    ...input,
    units: (input.units ?? []).map((u) => (u.name === name ? { ...u, ...patch } : u)),
  });
const patchEnterprise =
  (name: string, patch: object) =>
  (input: PlanInput): PlanInput => ({
    ...input,
    enterprises: input.enterprises.map((e) => (e.name === name ? { ...e, ...patch } : e)),
  });

/** Every error of the units' level (层层分解), each at its cell. */
const UNIT_CASES: Case[] = [
  {
    code: 'DuplicateUnit',
    what: 'a unit named twice',
    errors: () =>
      planErrors(
        county((i) => ({
          ...i,
          units: [...(i.units ?? []), { name: '仙渡乡', ref: { sheet: '单位', cell: 'A7' } }],
        })),
      ),
    zh: '单位!A7：单位“仙渡乡”重复出现（首次在 单位!A3）',
    en: '单位!A7: unit "仙渡乡" appears twice (first at 单位!A3)',
  },
  {
    code: 'UnitNameClash',
    what: "a unit with an enterprise's name",
    errors: () =>
      planErrors(
        county((i) => ({
          ...i,
          units: [...(i.units ?? []), { name: '卓尔五金', ref: { sheet: '单位', cell: 'A7' } }],
        })),
      ),
    zh: '单位!A7：单位“卓尔五金”与企业同名（企业!A4）：单位名称不能与企业名称相同',
    en: '单位!A7: unit "卓尔五金" has the name of an enterprise (企业!A4): units and enterprises need different names',
  },
  {
    code: 'UnknownUnit',
    what: 'an enterprise in a unit that does not exist',
    errors: () => planErrors(county(patchEnterprise('卓尔五金', { unit: '石塔乡' }))),
    zh: '企业!F4：单位“石塔乡”不在单位表中',
    en: '企业!F4: unit "石塔乡" is not in Units',
  },
  {
    code: 'UnknownUnit',
    what: 'a parent that does not exist',
    errors: () => planErrors(county(patchUnit('东区', { parent: '开发区' }))),
    zh: '单位!B5：单位“开发区”不在单位表中',
    en: '单位!B5: unit "开发区" is not in Units',
  },
  {
    code: 'MissingUnit',
    what: 'an enterprise without a unit when units are used',
    errors: () =>
      planErrors(
        county((i) => ({
          ...i,
          enterprises: i.enterprises.map((e) => {
            if (e.name !== '卓尔五金') return e;
            const { unit: _unit, ...rest } = e;
            return rest;
          }),
        })),
      ),
    zh: '企业!F4：企业“卓尔五金”没有填所属单位：有单位表时，每家企业都要属于一个单位',
    en: '企业!F4: enterprise "卓尔五金" names no unit: with a Units sheet, every enterprise belongs to one',
  },
  {
    code: 'UnitNotLeaf',
    what: 'an enterprise in a unit that has units below it',
    errors: () => planErrors(county(patchEnterprise('石普铝业', { unit: '工业园区' }))),
    zh: '企业!F6：企业“石普铝业”所属的“工业园区”还有下级单位（如“东区”）：企业只能属于最下一级单位',
    en: '企业!F6: enterprise "石普铝业" belongs to "工业园区", which has units below it ("东区"): an enterprise belongs to a unit of the lowest level',
  },
  {
    code: 'UnitCycle',
    what: "units that are each other's parents",
    errors: () =>
      planErrors(
        county((i) => ({
          ...i,
          units: [
            ...(i.units ?? []),
            {
              name: '北片',
              parent: '南片',
              ref: { sheet: '单位', cell: 'A7' },
              parentRef: { sheet: '单位', cell: 'B7' },
            },
            {
              name: '南片',
              parent: '北片',
              ref: { sheet: '单位', cell: 'A8' },
              parentRef: { sheet: '单位', cell: 'B8' },
            },
          ],
        })),
      ),
    zh: '单位!B7：单位的上级关系成环：北片 → 南片 → 北片',
    en: "单位!B7: the units' parents go round in a circle: 北片 → 南片 → 北片",
  },
  {
    code: 'UnitTooDeep',
    what: 'four levels of units',
    errors: () =>
      planErrors(
        county((i) => ({
          ...patchEnterprise('康盛新墙材', { unit: '一号地块' })(
            patchEnterprise('宏泰新型建材', { unit: '一号地块' })(i),
          ),
          units: [
            ...(i.units ?? []),
            {
              name: '北片',
              parent: '西区',
              ref: { sheet: '单位', cell: 'A7' },
              parentRef: { sheet: '单位', cell: 'B7' },
            },
            {
              name: '一号地块',
              parent: '北片',
              ref: { sheet: '单位', cell: 'A8' },
              parentRef: { sheet: '单位', cell: 'B8' },
            },
          ],
        })),
      ),
    zh: '单位!B8：单位“一号地块”在第 3 级以下（工业园区 → 西区 → 北片 → 一号地块）：单位最多 3 级',
    en: '单位!B8: unit "一号地块" lies below level 3 (工业园区 → 西区 → 北片 → 一号地块): at most 3 levels of units',
  },
  {
    code: 'UnitConstraintUnreachable',
    what: "a unit lock its enterprises' locks cannot meet",
    errors: () =>
      planErrors(
        withConstraints(
          [
            {
              enterprise: '仙渡乡',
              indicator: '到位市外内资',
              type: 'lock',
              value: 500,
              ref: { sheet: '约束', cell: 'D9' },
            },
            ...['浙南油茶', '龙山果业', '中野植物科技', '中穗米厂'].map((e, k): Constraint => ({
              enterprise: e,
              indicator: '到位市外内资',
              type: 'floor',
              value: 200,
              ref: { sheet: '约束', cell: `D${k + 10}` },
            })),
          ],
          countyExampleInput(),
        ),
      ),
    zh: '约束!D9：到位市外内资：单位“仙渡乡”的锁定值 500 无法由其下企业达到（其下限、上限与锁定只容许 800 至 ∞）',
    en: '约束!D9: 到位市外内资: the lock 500 of unit "仙渡乡" cannot be met by its enterprises (their floors, caps and locks allow 800 to ∞)',
  },
  {
    code: 'UnitConstraintUnreachable',
    what: "a unit floor above what its enterprises' caps allow",
    errors: () =>
      planErrors(
        withConstraints(
          [
            {
              enterprise: '东区',
              indicator: '工业总产值',
              type: 'floor',
              value: 30000,
              ref: { sheet: '约束', cell: 'D9' },
            },
            ...['石普铝业', '友邦铝业'].map((e, k): Constraint => ({
              enterprise: e,
              indicator: '工业总产值',
              type: 'cap',
              value: 10000,
              ref: { sheet: '约束', cell: `D${k + 10}` },
            })),
          ],
          countyExampleInput(),
        ),
      ),
    zh: '约束!D9：工业总产值：单位“东区”的下限 30000 无法由其下企业达到（其下限、上限与锁定只容许 0 至 20000）',
    en: '约束!D9: 工业总产值: the floor 30000 of unit "东区" cannot be met by its enterprises (their floors, caps and locks allow 0 to 20000)',
  },
];

const CASES: Case[] = [
  {
    code: 'NotANumber',
    what: 'text in a number cell',
    errors: () =>
      parseErrors(parseNumber('待定', { unit: '万元', ref: { sheet: '基数', cell: 'C7' } })),
    zh: '基数!C7：“待定”不是数字',
    en: '基数!C7: "待定" is not a number',
  },
  {
    code: 'NotFinite',
    what: 'a target that is not a number',
    errors: () => planErrors(withIndicator('到位市外内资', { target: NaN })),
    zh: '目标!E5：NaN不是有限数值',
    en: '目标!E5: NaN is not a finite number',
  },
  {
    code: 'NotFinite',
    what: 'an infinite cell value',
    errors: () => parseErrors(parseNumber(Infinity, { ref: { sheet: '实绩', cell: 'D9' } })),
    zh: '实绩!D9：Infinity不是有限数值',
    en: '实绩!D9: Infinity is not a finite number',
  },
  {
    code: 'NegativeNumber',
    what: 'a negative base',
    errors: () => {
      const input = example();
      const base = {
        ...input.base,
        工业总产值: {
          ...input.base['工业总产值'],
          石塔线缆: { value: -1, ref: { sheet: '基数', cell: 'B3' } },
        },
      };
      return planErrors({ ...input, base });
    },
    zh: '基数!B3：石塔线缆 工业总产值的基数不能为负数（-1）',
    en: '基数!B3: 石塔线缆 工业总产值: the base cannot be negative (-1)',
  },
  {
    code: 'WeightsTooFarApart',
    what: 'a weight 10^280 times smaller than the largest',
    errors: () => {
      const input = example();
      const weights = {
        制造业投资: {
          ...input.weights['制造业投资'],
          石塔线缆: { value: 1e-300, ref: { sheet: '权重', cell: 'B3' } },
        },
      };
      return planErrors({ ...input, weights });
    },
    zh: '权重!B3：制造业投资：“石塔线缆”的权重 1e-300 比最大权重 6 小 10^280 倍以上，无法精确分配',
    en: '权重!B3: 制造业投资: the weight of "石塔线缆" (1e-300) is more than 10^280 times smaller than the largest (6), too far apart to split exactly',
  },
  {
    code: 'WeightsTooFarApart',
    what: 'a base 10^280 times smaller than the largest, split by base',
    errors: () => {
      const input = example();
      const base = {
        ...input.base,
        工业总产值: {
          ...input.base['工业总产值'],
          石塔线缆: { value: 1e-300, ref: { sheet: '基数', cell: 'B3' } },
        },
      };
      return planErrors({ ...input, base });
    },
    zh: '基数!B3：工业总产值：“石塔线缆”的基数 1e-300 比最大基数 12000 小 10^280 倍以上，无法精确分配',
    en: '基数!B3: 工业总产值: the base of "石塔线缆" (1e-300) is more than 10^280 times smaller than the largest (12000), too far apart to split exactly',
  },
  {
    code: 'NegativeNumber',
    what: 'a negative weight',
    errors: () => {
      const input = example();
      const weights = {
        制造业投资: {
          ...input.weights['制造业投资'],
          石塔线缆: { value: -2, ref: { sheet: '权重', cell: 'B3' } },
        },
      };
      return planErrors({ ...input, weights });
    },
    zh: '权重!B3：石塔线缆 制造业投资的权重不能为负数（-2）',
    en: '权重!B3: 石塔线缆 制造业投资: the weight cannot be negative (-2)',
  },
  {
    code: 'NegativeNumber',
    what: 'a negative cap',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        constraints: input.constraints.map((c, k) => (k === 5 ? { ...c, value: -5 } : c)),
      });
    },
    zh: '约束!D7：石普铝业 制造业投资的上限不能为负数（-5）',
    en: '约束!D7: 石普铝业 制造业投资: the cap cannot be negative (-5)',
  },
  {
    code: 'TotalTooLarge',
    what: 'a target beyond exact integers',
    errors: () => planErrors(withIndicator('到位市外内资', { target: 1e15 })),
    zh: '目标!E5：到位市外内资：1000000000000000按0位小数超出精确计算范围',
    en: '目标!E5: 到位市外内资: 1000000000000000 at 0 decimals is beyond exact integer precision',
  },
  {
    code: 'TotalTooLarge',
    what: 'a cap beyond exact integers at the indicator’s decimals',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        constraints: input.constraints.map((c, k) =>
          k === 3 ? { ...c, indicator: '规上工业产值', value: 1e13 } : c,
        ),
      });
    },
    zh: '约束!D5：规上工业产值：10000000000000按2位小数超出精确计算范围',
    en: '约束!D5: 规上工业产值: 10000000000000 at 2 decimals is beyond exact integer precision',
  },
  {
    code: 'NumberOutOfRange',
    what: 'an actual of 1e308',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, k) => (k === 6 ? withFigure(a, '工业总产值', 1e308) : a)),
      });
    },
    zh: '实绩!D8：数值 1e+308 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    en: '实绩!D8: the number 1e+308 is out of range: its size cannot exceed 10^15; check that it was typed correctly',
  },
  {
    code: 'NumberOutOfRange',
    what: 'an actual of 1e-300 (a ratio over it would overflow)',
    errors: () => {
      const input = example();
      const k = input.actuals.findIndex((a) => a.year === 2024 && a.month === 8);
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, i) => (i === k ? withFigure(a, '工业总产值', 1e-300) : a)),
      });
    },
    zh: '实绩!D92：数值 1e-300 超出可计算的范围：不为 0 的数值，绝对值应在 10^-100 到 10^15 之间，请检查是否输错',
    en: '实绩!D92: the number 1e-300 is out of range: unless 0, its size must be between 10^-100 and 10^15; check that it was typed correctly',
  },
  {
    code: 'NumberOutOfRange',
    what: 'a target growth of 1e308',
    errors: () => planErrors(withIndicator('工业总产值', { targetGrowth: 1e308 })),
    zh: '目标!F2：数值 1e+308 超出可计算的范围：绝对值不能超过 10^4 = 1000000%，请检查是否输错',
    en: '目标!F2: the number 1e+308 is out of range: its size cannot exceed 10^4 = 1000000%; check that it was typed correctly',
  },
  {
    code: 'NumberOutOfRange',
    what: 'a rate target of 2,000,000%',
    errors: () => planErrors(withIndicator('到位市外内资', { kind: 'rate', target: 20000 })),
    zh: '目标!E5：数值 20000 超出可计算的范围：绝对值不能超过 10^4 = 1000000%，请检查是否输错',
    en: '目标!E5: the number 20000 is out of range: its size cannot exceed 10^4 = 1000000%; check that it was typed correctly',
  },
  {
    code: 'NumberOutOfRange',
    what: 'a base of 1e308',
    errors: () => {
      const input = example();
      const base = {
        ...input.base,
        工业总产值: {
          ...input.base['工业总产值'],
          石塔线缆: { value: 1e308, ref: { sheet: '基数', cell: 'B3' } },
        },
      };
      return planErrors({ ...input, base });
    },
    zh: '基数!B3：数值 1e+308 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    en: '基数!B3: the number 1e+308 is out of range: its size cannot exceed 10^15; check that it was typed correctly',
  },
  {
    code: 'TargetPrecision',
    what: 'a target with more decimals than kept',
    errors: () => planErrors(withIndicator('工业总产值', { target: 95000.5 })),
    zh: '目标!E2：工业总产值：年度目标 95000.5 的小数位多于设定的 0 位',
    en: '目标!E2: 工业总产值: target 95000.5 has more decimals than the 0 kept',
  },
  {
    code: 'NegativeTarget',
    what: 'a negative total target',
    errors: () => planErrors(withIndicator('到位市外内资', { target: -1 })),
    zh: '目标!E5：到位市外内资：总量目标不能为负数（-1）',
    en: '目标!E5: 到位市外内资: a total target cannot be negative (-1)',
  },
  {
    code: 'LocksExceedTotal',
    what: 'locks above the target',
    errors: () => planErrors(withIndicator('工业总产值', { target: 10000 })),
    zh: '目标!E2：工业总产值：锁定值合计 12000 超过年度目标 10000（浙江华都新能源 9000、龙显企业 3000）',
    en: '目标!E2: 工业总产值: locks add up to 12000, more than the target 10000 (浙江华都新能源 9000、龙显企业 3000)',
  },
  {
    code: 'FloorsExceedRemainder',
    what: 'a floor above what the locks leave',
    errors: () => planErrors(withIndicator('工业总产值', { target: 18000 })),
    zh: '目标!E2：工业总产值：下限合计超出可分配的 6000，多 1000',
    en: '目标!E2: 工业总产值: floors exceed what remains to split (6000) by 1000',
  },
  {
    code: 'CapsBelowRemainder',
    what: 'only a capped enterprise has a weight',
    errors: () => {
      const input = example();
      const col = input.weights['制造业投资'] ?? {};
      const weights = {
        制造业投资: Object.fromEntries(
          Object.entries(col).map(([e, c]) => [e, { ...c, value: e === '石普铝业' ? 1 : 0 }]),
        ),
      };
      return planErrors({ ...input, weights });
    },
    zh: '目标!E4：制造业投资：上限合计不足可分配的 20000，差 17500',
    en: '目标!E4: 制造业投资: caps fall short of what remains to split (20000) by 17500',
  },
  {
    code: 'AllWeightsZero',
    what: 'every weight zero',
    errors: () => {
      const input = example();
      const col = input.weights['制造业投资'] ?? {};
      const weights = {
        制造业投资: Object.fromEntries(
          Object.entries(col).map(([e, c]) => [e, { ...c, value: 0 }]),
        ),
      };
      return planErrors({ ...input, weights });
    },
    zh: '目标!E4：制造业投资：权重全为零，无法分配 20000',
    en: '目标!E4: 制造业投资: every weight is zero, so 20000 cannot be split',
  },
  {
    code: 'MissingWeight',
    what: 'an enterprise without a weight',
    errors: () => {
      const input = example();
      const col = { ...input.weights['制造业投资'] };
      delete col['石塔线缆'];
      return planErrors({ ...input, weights: { 制造业投资: col } });
    },
    zh: '目标!A4：制造业投资：按权重分解，但“石塔线缆”没有权重',
    en: '目标!A4: 制造业投资: split by weights, but "石塔线缆" has no weight',
  },
  {
    code: 'ManualMissingPart',
    what: 'a manual split with one part missing',
    errors: () => planErrors(manual((k) => (k === 9 ? undefined : 2000))),
    zh: '企业!A11：到位市外内资：手工分解，但“中穗米厂”没有锁定值',
    en: '企业!A11: 到位市外内资: manual split, but "中穗米厂" has no lock',
  },
  {
    code: 'ManualSumMismatch',
    what: 'manual parts that do not add up',
    errors: () => planErrors(manual(() => 2000)),
    zh: '目标!E5：到位市外内资：手工分解合计 24000 与年度目标 22000 不符，差 2000',
    en: '目标!E5: 到位市外内资: manual parts add up to 24000, not the target 22000 (off by 2000)',
  },
  {
    code: 'FloorAboveCap',
    what: 'a floor above the cap',
    errors: () =>
      planErrors(
        withConstraints([
          {
            enterprise: '石普铝业',
            indicator: '制造业投资',
            type: 'floor',
            value: 3000,
            ref: { sheet: '约束', cell: 'D8' },
          },
        ]),
      ),
    // Reported at the cap's cell.
    zh: '约束!D7：制造业投资：“石普铝业”的下限 3000 高于上限 2500',
    en: '约束!D7: 制造业投资: "石普铝业" has a floor 3000 above its cap 2500',
  },
  {
    code: 'LockPrecision',
    what: 'a lock with more decimals than the indicator keeps',
    errors: () =>
      planErrors(
        withConstraints([
          {
            enterprise: '卓尔五金',
            indicator: '制造业投资',
            type: 'lock',
            value: 1500.5,
            ref: { sheet: '约束', cell: 'D6' },
          },
        ]),
      ),
    zh: '约束!D6：制造业投资：“卓尔五金”的锁定值 1500.5 的小数位多于设定的 0 位',
    en: '约束!D6: 制造业投资: the lock 1500.5 of "卓尔五金" has more decimals than the 0 kept',
  },
  {
    code: 'ConflictingConstraint',
    what: 'a second lock',
    errors: () =>
      planErrors(
        withConstraints([
          {
            enterprise: '浙江华都新能源',
            indicator: '工业总产值',
            type: 'lock',
            value: 8000,
            ref: { sheet: '约束', cell: 'D6' },
          },
        ]),
      ),
    zh: '约束!D6：工业总产值：“浙江华都新能源”的锁定值重复或与锁定冲突',
    en: '约束!D6: 工业总产值: "浙江华都新能源" has a repeated lock or one that conflicts with a lock',
  },
  {
    code: 'ConflictingConstraint',
    what: 'a floor beside a lock',
    errors: () =>
      planErrors(
        withConstraints([
          {
            enterprise: '龙显企业',
            indicator: '工业总产值',
            type: 'floor',
            value: 100,
            ref: { sheet: '约束', cell: 'D6' },
          },
        ]),
      ),
    zh: '约束!D6：工业总产值：“龙显企业”的下限重复或与锁定冲突',
    en: '约束!D6: 工业总产值: "龙显企业" has a repeated floor or one that conflicts with a lock',
  },
  {
    code: 'UnknownProfile',
    what: "an enterprise's profile",
    errors: () => planErrors(withEnterprise(1, { profile: '上半年投产' })),
    zh: '企业!E3：时间分布“上半年投产”未定义',
    en: '企业!E3: profile "上半年投产" is not defined',
  },
  {
    code: 'UnknownProfile',
    what: "an indicator's profile",
    errors: () => planErrors(withIndicator('工业总产值', { profile: '前高后低' })),
    zh: '目标!I2：时间分布“前高后低”未定义',
    en: '目标!I2: profile "前高后低" is not defined',
  },
  {
    code: 'InvalidProfile',
    what: 'three quarters',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        profiles: input.profiles.map((p, k) => (k === 2 ? { ...p, shares: [0, 40, 60] } : p)),
      });
    },
    zh: '时间分布!A4：时间分布“下半年投产”无效：应有 4 个时段',
    en: '时间分布!A4: profile "下半年投产" is invalid: needs 4 periods',
  },
  {
    code: 'UnknownIndicator',
    what: 'a constraint on an indicator not in Targets',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        constraints: input.constraints.map((c, k) => (k === 3 ? { ...c, indicator: '税金' } : c)),
      });
    },
    zh: '约束!B5：指标“税金”不在目标表中',
    en: '约束!B5: indicator "税金" is not in Targets',
  },
  {
    code: 'UnknownEnterprise',
    what: 'an actuals row for an enterprise not in Enterprises',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, k) => (k === 0 ? { ...a, enterprise: '华都' } : a)),
      });
    },
    zh: '实绩!C2：企业“华都”不在企业表中',
    en: '实绩!C2: enterprise "华都" is not in Enterprises',
  },
  {
    code: 'UnknownEnterprise',
    what: 'a constraint for an enterprise not in Enterprises',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        constraints: input.constraints.map((c, k) => (k === 2 ? { ...c, enterprise: '卓尔' } : c)),
      });
    },
    zh: '约束!A4：企业“卓尔”不在企业表中',
    en: '约束!A4: enterprise "卓尔" is not in Enterprises',
  },
  {
    code: 'UnknownEnterprise',
    what: 'a base row for an enterprise not in Enterprises',
    errors: () => {
      const input = example();
      const base = {
        ...input.base,
        工业总产值: {
          ...input.base['工业总产值'],
          新企业: { value: 5, ref: { sheet: '基数', cell: 'B14' } },
        },
      };
      return planErrors({ ...input, base });
    },
    zh: '基数!B14：企业“新企业”不在企业表中',
    en: '基数!B14: enterprise "新企业" is not in Enterprises',
  },
  {
    code: 'DuplicateEnterprise',
    what: 'an enterprise listed twice',
    errors: () => {
      const input = example();
      const { creditCode: _code, ...copy } = input.enterprises[0] ?? outOfBounds();
      return planErrors({
        ...input,
        enterprises: [...input.enterprises, { ...copy, ref: { sheet: '企业', cell: 'A14' } }],
      });
    },
    zh: '企业!A14：企业“浙江华都新能源”重复出现（首次在 企业!A2）',
    en: '企业!A14: enterprise "浙江华都新能源" appears twice (first at 企业!A2)',
  },
  {
    code: 'DuplicateIndicator',
    what: 'an indicator listed twice',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        indicators: [
          ...input.indicators,
          { ...(input.indicators[3] ?? outOfBounds()), ref: { sheet: '目标', cell: 'A6' } },
        ],
      });
    },
    zh: '目标!A6：指标“到位市外内资”重复出现（首次在 目标!A5）',
    en: '目标!A6: indicator "到位市外内资" appears twice (first at 目标!A5)',
  },
  {
    code: 'DuplicateProfile',
    what: 'a profile listed twice',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        profiles: [
          ...input.profiles,
          { ...(input.profiles[0] ?? outOfBounds()), ref: { sheet: '时间分布', cell: 'A5' } },
        ],
      });
    },
    zh: '时间分布!A5：时间分布“均衡”重复出现（首次在 时间分布!A2）',
    en: '时间分布!A5: profile "均衡" appears twice (first at 时间分布!A2)',
  },
  {
    code: 'DuplicateCreditCode',
    what: 'two enterprises with one code',
    errors: () => planErrors(withEnterprise(1, { creditCode: '91331125521477189W' })),
    zh: '企业!B3：统一社会信用代码 91331125521477189W 重复（首次在 企业!B2）',
    en: '企业!B3: credit code 91331125521477189W appears twice (first at 企业!B2)',
  },
  {
    code: 'DuplicateActual',
    what: 'the same month pasted twice',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: [
          ...input.actuals,
          { ...(input.actuals[0] ?? outOfBounds()), ref: { sheet: '实绩', cell: 'A196' } },
        ],
      });
    },
    zh: '实绩!A196：“浙江华都新能源” 2025年2月的实绩重复（首次在 实绩!A2）',
    en: '实绩!A196: actuals for "浙江华都新能源" 2025-2 appear twice (first at 实绩!A2)',
  },
  {
    code: 'CodeNameMismatch',
    what: "an actuals row with another enterprise's code",
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, k) =>
          k === 0 ? { ...a, creditCode: '91331125355344339U' } : a,
        ),
      });
    },
    zh: '实绩!C2：统一社会信用代码 91331125355344339U 与企业“浙江华都新能源”不符',
    en: '实绩!C2: credit code 91331125355344339U does not match the enterprise "浙江华都新能源"',
  },
  {
    code: 'InvalidCreditCode',
    what: 'a wrong check character',
    errors: () => planErrors(withEnterprise(0, { creditCode: '91331125521477189A' })),
    zh: '企业!B2：统一社会信用代码“91331125521477189A”无效：校验位应为 W',
    en: '企业!B2: credit code "91331125521477189A" is invalid: the check character should be W',
  },
  {
    code: 'InvalidMonth',
    what: 'report month 13',
    errors: () => {
      const input = example();
      return planErrors({ ...input, settings: { ...input.settings, reportMonth: 13 } });
    },
    zh: '参数!B3：月份 13 不在 1–12 之间',
    en: '参数!B3: month 13 is not between 1 and 12',
  },
  {
    code: 'InvalidMonth',
    what: 'an actuals row for month 0',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, k) => (k === 0 ? { ...a, month: 0 } : a)),
      });
    },
    zh: '实绩!B2：月份 0 不在 1–12 之间',
    en: '实绩!B2: month 0 is not between 1 and 12',
  },
  {
    code: 'InvalidYear',
    what: 'a plan year out of range',
    errors: () => {
      const input = example();
      return planErrors({ ...input, settings: { ...input.settings, year: 1800 }, actuals: [] });
    },
    zh: '参数!B2：年份 1800 无效',
    en: '参数!B2: year 1800 is not valid',
  },
  {
    code: 'InvalidYear',
    what: 'an actuals row two years back',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a, k) => (k === 0 ? { ...a, year: 2023 } : a)),
      });
    },
    zh: '实绩!A2：年份 2023 无效（应为 2024/2025）',
    en: '实绩!A2: year 2023 is not valid (expected 2024/2025)',
  },
  {
    code: 'InvalidYear',
    what: 'the plan year one ahead: every row of the year before last, once',
    errors: () => {
      const input = example();
      return planErrors({ ...input, settings: { ...input.settings, year: 2026 } });
    },
    zh: '实绩!A86：年份 2024 无效（应为 2025/2026），共 110 行',
    en: '实绩!A86: year 2024 is not valid (expected 2025/2026), in 110 rows',
  },
  {
    code: 'UnknownEnterprise',
    what: 'an enterprise missing from Enterprises: once for all its actuals rows',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        actuals: input.actuals.map((a) =>
          a.enterprise === '石塔线缆' ? { ...a, enterprise: '石塔' } : a,
        ),
      });
    },
    zh: '实绩!C9：企业“石塔”不在企业表中，共 18 行',
    en: '实绩!C9: enterprise "石塔" is not in Enterprises, in 18 rows',
  },
  {
    code: 'InvalidDate',
    what: '29 February in a common year',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        settings: { ...input.settings, asOf: { y: 2025, m: 2, d: 29 } },
      });
    },
    zh: '参数!B5：“2025-2-29”不是日期',
    en: '参数!B5: "2025-2-29" is not a date',
  },
  {
    code: 'InvalidDecimals',
    what: '7 decimals',
    errors: () => planErrors(withIndicator('工业总产值', { decimals: 7 })),
    zh: '目标!H2：小数位 7 应为 0–6 的整数',
    en: '目标!H2: decimals 7 must be a whole number from 0 to 6',
  },
  {
    code: 'InvalidDecimals',
    what: '1.5 decimals',
    errors: () => planErrors(withIndicator('到位市外内资', { decimals: 1.5 })),
    zh: '目标!H5：小数位 1.5 应为 0–6 的整数',
    en: '目标!H5: decimals 1.5 must be a whole number from 0 to 6',
  },
  {
    code: 'InvalidThresholds',
    what: 'serious below behind',
    errors: () => {
      const input = example();
      return planErrors({
        ...input,
        settings: { ...input.settings, behindThreshold: 10, seriousThreshold: 5 },
      });
    },
    zh: '参数!B7：严重滞后阈值 5 应不小于滞后阈值 10，且均不为负',
    en: '参数!B7: the serious threshold 5 must be at least the behind threshold 10, both non-negative',
  },
  {
    code: 'InvalidThresholds',
    what: 'a negative behind threshold',
    errors: () => {
      const input = example();
      return planErrors({ ...input, settings: { ...input.settings, behindThreshold: -1 } });
    },
    zh: '参数!B7：严重滞后阈值 10 应不小于滞后阈值 -1，且均不为负',
    en: '参数!B7: the serious threshold 10 must be at least the behind threshold -1, both non-negative',
  },
  {
    code: 'NoEnterprises',
    what: 'an empty Enterprises sheet',
    errors: () =>
      planErrors({
        ...example(),
        enterprises: [],
        base: {},
        weights: {},
        constraints: [],
        actuals: [],
      }),
    zh: '企业：企业表中没有企业',
    en: '企业: there are no enterprises',
  },
  {
    code: 'NoIndicators',
    what: 'an empty Targets sheet',
    errors: () => planErrors({ ...example(), indicators: [], constraints: [] }),
    zh: '目标：目标表中没有指标',
    en: '目标: there are no indicators in Targets',
  },
];

/** Codes only the workbook reader produces. */
const READER_CODES: ErrorCode[] = [
  'CellError',
  'DuplicateSetting',
  'ThresholdTooSmall',
  'InvalidListSize',
  'InvalidEscalation',
  'MissingSheet',
  'DuplicateSheet',
  'MissingColumn',
  'DuplicateColumn',
  'FormulaWithoutValue',
  'FormulaEmptyResult',
  'TextTooLong',
  'InvalidChoice',
  'MissingValue',
];
/** Codes the shells produce about files and options (tests/cli/failures.test.ts checks each). */
const FILE_CODES: ErrorCode[] = [
  'FileMissing',
  'FileInUse',
  'FileNotExampleData',
  'FileIsDirectory',
  'FileUnreadable',
  'FileEmpty',
  'FileOldExcel',
  'FileEncrypted',
  'FileOpenDocument',
  'FileNotWorkbook',
  'FileDamaged',
  'OutputIsInput',
  'OutputTwice',
  'OutputFolderMissing',
  'OutputIsDirectory',
  'OutputNotWritable',
  'OutputDiskFull',
  'OutputNameTooLong',
  'OutputFailed',
  'SheetNameTaken',
  'OutputExtension',
  'BadOption',
  'UnknownOption',
  'UnknownCommand',
  'MissingArgument',
  'UnexpectedArgument',
  'InternalError',
  // fenjie issue on a workbook without units (tests/cli/issue.test.ts).
  'NoUnits',
];
/** Codes the Excel host produces (tests/excel/guards.test.ts checks each). */
const EXCEL_CODES: ErrorCode[] = [
  'ExcelCellEditing',
  'ExcelStructureProtected',
  'ExcelSheetProtected',
  'ExcelNotResponding',
  'ExcelTooOld',
];
/** Codes in the catalogue that nothing produces yet (plan() falls back to report month 0 instead). */
const UNUSED_CODES: ErrorCode[] = [];

describe('every error the engine produces', () => {
  it('the example itself plans without errors', () => {
    expect(plan(example(), { today: TODAY }).ok).toBe(true);
  });

  it.each([...CASES, ...UNIT_CASES].map((c) => [c.code, c.what, c] as const))(
    '%s: %s',
    (code, _what, c) => {
      const errors = c.errors();
      expect(errors.map((e) => e.code)).toEqual([code]);
      const e = errors[0] ?? outOfBounds();
      expect(describeError(e, 'zh')).toBe(c.zh);
      expect(describeError(e, 'en')).toBe(c.en);
      // The place comes from the input's refs.
      const place = c.zh.slice(0, c.zh.indexOf('：'));
      expect(errorPlace(e)).toBe(place);
    },
  );

  it('covers every code of the catalogue (or names who produces it)', () => {
    const covered = new Set<ErrorCode>([
      ...CASES.map((c) => c.code),
      ...UNIT_CASES.map((c) => c.code),
      ...READER_CODES,
      ...FILE_CODES,
      ...EXCEL_CODES,
      ...UNUSED_CODES,
    ]);
    expect([...ERROR_CODES].filter((c) => !covered.has(c))).toEqual([]);
    expect(ERROR_CODES).toEqual(expect.arrayContaining([...covered]));
  });
});
