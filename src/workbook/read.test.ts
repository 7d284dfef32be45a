/**
 * The reader on small grids, sheet by sheet: what each input sheet becomes, how tables are found,
 * which spellings match, and every error the reader raises, with its message and cell.
 */
import { describe, expect, it } from 'vitest';
import { specToGrids } from '../../tests/helpers/spec-grids';
import {
  actualRef,
  describeError,
  errorPlace,
  validateInput,
  type Actual,
  type FenjieError,
  type ValueCell,
} from '../engine';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import { INPUT_SHEETS, matchesName, SHEETS } from './names';
import { DEFAULT_THRESHOLDS, readInputs } from './read';
import { inputTemplate } from './template';

type Rows = readonly (readonly RawCell[])[];

const sheet = (name: string, cells: Rows, more: Partial<SheetGrid> = {}): SheetGrid => ({
  name,
  cells,
  ...more,
});

const TARGETS = sheet('目标', [
  ['指标', '年度目标'],
  ['工业总产值', 1000],
]);
const ENTERPRISES = sheet('企业', [['企业名称'], ['甲'], ['乙']]);

const keyOf = (s: SheetGrid) => INPUT_SHEETS.find((k) => matchesName(SHEETS[k], s.name));

/** One indicator and two enterprises, with `sheets` added (replacing those of the same key). */
function book(...sheets: SheetGrid[]): WorkbookGrids {
  const given = new Set(sheets.map(keyOf));
  return { sheets: [...[TARGETS, ENTERPRISES].filter((s) => !given.has(keyOf(s))), ...sheets] };
}

const read = (...sheets: SheetGrid[]) => readInputs(book(...sheets));

/** Each error as its place and its message in both languages. */
const described = (errors: readonly FenjieError[]): string[][] =>
  errors.map((e) => [errorPlace(e), describeError(e, 'zh'), describeError(e, 'en')]);

const at = (sheet: string, cell: string) => ({ sheet, cell });

/** A formula whose cached result is empty, as =IF(…,"",…) leaves a cell that looks blank. */
const EMPTY: RawCell = { formula: 'IF(B2="","",B2)', result: '' };

describe('参数 / Settings', () => {
  it('reads every key, each as its kind, and where its value is', () => {
    const r = read(
      sheet('参数', [
        ['项目', '值'],
        ['年度', 2025],
        ['报告期', '1-8月'],
        ['序时口径', '按日'],
        ['截至日期', '2025年8月31日'],
        ['滞后阈值', '4%'],
        ['严重滞后阈值', 8],
        ['实绩口径', '当月'],
        ['一二月合并', '否'],
        ['单位', '亿元'],
        ['地区', '腊口镇'],
        ['红黑榜人数', 5],
        ['预警升级', '2,3,4'],
      ]),
    );
    const refs = {
      year: at('参数', 'B2'),
      reportMonth: at('参数', 'B3'),
      scheduleBasis: at('参数', 'B4'),
      asOf: at('参数', 'B5'),
      behindThreshold: at('参数', 'B6'),
      seriousThreshold: at('参数', 'B7'),
      actualsBasis: at('参数', 'B8'),
      combineJanFeb: at('参数', 'B9'),
      unit: at('参数', 'B10'),
      area: at('参数', 'B11'),
      listSize: at('参数', 'B12'),
      escalation: at('参数', 'B13'),
    };
    expect(r.errors).toEqual([]);
    expect(r.input.settings).toEqual({
      area: '腊口镇',
      year: 2025,
      reportMonth: 8,
      scheduleBasis: 'days',
      asOf: { y: 2025, m: 8, d: 31 },
      behindThreshold: 4,
      seriousThreshold: 8,
      actualsBasis: 'monthly',
      combineJanFeb: false,
      unit: '亿元',
      listSize: 5,
      escalation: [2, 3, 4],
      refs,
    });
    expect(r.layout.settings).toEqual(refs);
    expect(r.layout.settingCells).toEqual(refs);
  });

  it('keeps the cell of every key present, blank or not, for the live sheets', () => {
    const r = read(sheet('参数', [['项目', '值'], ['年度'], ['报告期', '  '], ['单位', null]]));
    expect(r.layout.settings).toEqual({});
    expect(r.layout.settingCells).toEqual({
      year: at('参数', 'B2'),
      reportMonth: at('参数', 'B3'),
      unit: at('参数', 'B4'),
    });
  });

  it.each<[string, Rows]>([
    ['without the sheet', []],
    ['with the keys but no values', [['项目', '值'], ['年度'], ['滞后阈值', '  '], ['单位', null]]],
  ])('gives the defaults %s', (_what, cells) => {
    const r = cells.length === 0 ? read() : read(sheet('参数', cells));
    expect(r.errors).toEqual([]);
    expect(r.input.settings).toEqual({
      scheduleBasis: 'months',
      behindThreshold: DEFAULT_THRESHOLDS.behindThreshold,
      seriousThreshold: DEFAULT_THRESHOLDS.seriousThreshold,
      actualsBasis: 'cumulative',
      combineJanFeb: true,
      unit: '万元',
      listSize: 3,
      escalation: [1, 2, 3],
      refs: {},
    });
    expect(DEFAULT_THRESHOLDS).toEqual({ behindThreshold: 5, seriousThreshold: 10 });
  });

  it.each<[string, RawCell, RawCell, Record<string, unknown>]>([
    ['a TRUE cell', '一二月合并', true, { combineJanFeb: true }],
    ['yes in English', 'Combine Jan-Feb', 'YES', { combineJanFeb: true }],
    [
      'a date cell',
      '截至日期',
      { date: { y: 2025, m: 9, d: 30 } },
      { asOf: { y: 2025, m: 9, d: 30 } },
    ],
    ['an Excel serial', '截至日期', 45900, { asOf: { y: 2025, m: 8, d: 31 } }],
    ['a date with slashes', 'As-of date', '2025/8/31', { asOf: { y: 2025, m: 8, d: 31 } }],
    ['a month as 8月', '报告期', '8月', { reportMonth: 8 }],
    ['a month as a number', 'report month', 7, { reportMonth: 7 }],
    ['a threshold as a number', '滞后阈值', 3, { behindThreshold: 3 }],
    ['the area', 'Area', ' 腊口镇 ', { area: '腊口镇' }],
    ['a list size', '红黑榜人数', 5, { listSize: 5 }],
    ['a list size typed as text', 'List size', '５', { listSize: 5 }],
    ['an escalation ladder', '预警升级', '1,2,3', { escalation: [1, 2, 3] }],
    ['an escalation with 、', 'Escalation', '2、3、5', { escalation: [2, 3, 5] }],
    ['an escalation with full-width commas', '预警升级', '1，3，6', { escalation: [1, 3, 6] }],
    ['a formula’s cached result', '年度', { formula: '2024+1', result: 2025 }, { year: 2025 }],
    [
      'a formula’s cached percentage as points',
      '滞后阈值',
      { formula: 'TEXT(0.04,"0%")', result: '4%' },
      { behindThreshold: 4 },
    ],
    [
      'a date whose formula gives an empty result as no date',
      '截至日期',
      EMPTY,
      { scheduleBasis: 'months' },
    ],
  ])('reads %s', (_what, key, value, expected) => {
    const r = read(
      sheet('Settings', [
        ['Key', 'Value'],
        ['单位', '亿元'],
        [key, value],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.settings).toMatchObject(expected);
  });
});

describe('目标 / Targets', () => {
  it('reads every column', () => {
    const r = read(
      sheet('目标', [
        ['指标', '单位', '类型', '方向', '年度目标', '目标增速', '分解方法', '小数位', '时间分布'],
        ['工业总产值', '万元', '总量', '越低越好', '4.95亿', '33%', '按权重', 1, '前低后高'],
        ['增加值增速', '%', '增速', '越高越好', '38%', null, '平均', 0, 'even'],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.indicators).toEqual([
      {
        name: '工业总产值',
        unit: '万元',
        kind: 'total',
        direction: 'lower',
        target: 49500,
        targetGrowth: 0.33,
        targetGrowthRef: at('目标', 'F2'),
        method: 'weights',
        decimals: 1,
        profile: '前低后高',
        ref: at('目标', 'A2'),
        targetRef: at('目标', 'E2'),
        profileRef: at('目标', 'I2'),
        decimalsRef: at('目标', 'H2'),
      },
      {
        name: '增加值增速',
        unit: '%',
        kind: 'rate',
        direction: 'higher',
        target: 0.38,
        method: 'equal',
        decimals: 0,
        profile: 'even',
        ref: at('目标', 'A3'),
        targetRef: at('目标', 'E3'),
        profileRef: at('目标', 'I3'),
        decimalsRef: at('目标', 'H3'),
      },
    ]);
  });

  it('gives the defaults for blank or absent columns; the unit is the one in Settings', () => {
    const r = read(
      sheet('参数', [
        ['项目', '值'],
        ['单位', '亿元'],
      ]),
      sheet('目标', [
        ['指标', '年度目标', '类型'],
        ['工业总产值', '4950万', null],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.indicators).toEqual([
      {
        name: '工业总产值',
        unit: '亿元',
        kind: 'total',
        direction: 'higher',
        target: 0.495,
        method: 'base',
        decimals: 2,
        profile: '均衡',
        ref: at('目标', 'A2'),
        targetRef: at('目标', 'B2'),
        profileRef: at('目标', 'A2'),
        decimalsRef: at('目标', 'A2'),
      },
    ]);
  });
});

describe('企业 / Enterprises', () => {
  it('reads the optional columns where given', () => {
    const r = read(
      sheet('企业', [
        ['企业名称', '统一社会信用代码', '分组', '责任单位', '时间分布'],
        ['甲', '91350100M000100Y88', '五金', '张三', '前低后高'],
        ['乙'],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.enterprises).toEqual([
      {
        name: '甲',
        ref: at('企业', 'A2'),
        creditCode: '91350100M000100Y88',
        creditCodeRef: at('企业', 'B2'),
        group: '五金',
        owner: '张三',
        profile: '前低后高',
        profileRef: at('企业', 'E2'),
      },
      { name: '乙', ref: at('企业', 'A3') },
    ]);
  });
});

/** Value cells by their fields (the reader's make their reference only when it is asked for). */
const plainValues = (vs: Readonly<Record<string, ValueCell>>) =>
  Object.fromEntries(Object.entries(vs).map(([k, c]) => [k, { value: c.value, ref: c.ref }]));

/** An actuals row with its figures by indicator, each with its cell (as `plainValues`). */
function plainActual(a: Actual) {
  const { indicators, values, columns: _columns, ...rest } = a;
  const figures = indicators.flatMap((k, i) => {
    const value = values[i];
    return value === undefined ? [] : [[k, { value, ref: actualRef(a, i) }] as const];
  });
  return { ...rest, values: Object.fromEntries(figures) };
}

describe('基数 / Base and 权重 / Weights', () => {
  it.each(['基数', 'Weights'])(
    '%s: one column per indicator, in its unit; a blank cell (or an empty formula) gives no value',
    (name) => {
      const r = read(
        sheet('目标', [
          ['指标', '单位', '年度目标'],
          ['工业总产值', '万元', 1000],
          ['GDP', '亿元', 10],
        ]),
        sheet(name, [
          ['企业名称', 'ｇｄｐ', '备注', '工业总产值'],
          ['甲', '3000万', '新企业', 1200],
          ['乙', EMPTY, null, '1.2亿'],
          [null, null, '不是数据：没有名称也没有数值', null],
          [null, EMPTY, null, EMPTY],
        ]),
      );
      const key = name === '基数' ? 'base' : 'weights';
      expect(r.errors).toEqual([]);
      const byIndicator = Object.fromEntries(
        Object.entries(r.input[key]).map(([ind, vs]) => [ind, plainValues(vs)]),
      );
      expect(byIndicator).toEqual({
        GDP: { 甲: { value: 0.3, ref: at(name, 'B2') } },
        工业总产值: {
          甲: { value: 1200, ref: at(name, 'D2') },
          乙: { value: 12000, ref: at(name, 'D3') },
        },
      });
      expect(r.input[key === 'base' ? 'weights' : 'base']).toEqual({});
    },
  );
});

describe('约束 / Constraints', () => {
  it('reads each rule, the indicator by its name in Targets, the value in its unit', () => {
    const r = read(
      sheet('目标', [
        ['指标', '单位', '年度目标'],
        ['工业总产值', '万元', 1000],
        ['GDP', '亿元', 10],
      ]),
      sheet('约束', [
        ['企业名称', '指标', '类型', '数值'],
        ['甲', '工业总产值', '锁定', '0.3亿'],
        ['乙', ' ｇｄｐ ', '保底', '3000万'],
        ['乙', '税金', 'cap', 50],
      ]),
    );
    expect(r.errors).toEqual([]);
    const refs = (row: number) => ({
      ref: at('约束', `D${row}`),
      enterpriseRef: at('约束', `A${row}`),
      indicatorRef: at('约束', `B${row}`),
    });
    expect(r.input.constraints).toEqual([
      { enterprise: '甲', indicator: '工业总产值', type: 'lock', value: 3000, ...refs(2) },
      { enterprise: '乙', indicator: 'GDP', type: 'floor', value: 0.3, ...refs(3) },
      { enterprise: '乙', indicator: '税金', type: 'cap', value: 50, ...refs(4) },
    ]);
  });
});

describe('时间分布 / Profiles', () => {
  const refs = (cols: string) => [...cols].map((c) => at('时间分布', `${c}2`));
  it.each<[string, Rows, string, number[], string]>([
    [
      'quarters',
      [['名称', 'Q1', '二季度', '第三季度', '4季度']],
      'quarters',
      [20, 25, 25, 30],
      'BCDE',
    ],
    [
      'months',
      [['名称', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)]],
      'months',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      'BCDEFGHIJKLM',
    ],
    [
      'Jan-Feb combined',
      [['名称', '1-2月', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']],
      'janFeb',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      'BCDEFGHIJKL',
    ],
  ])('reads shares by %s, with the cell of each share', (_what, header, grid, shares, cols) => {
    const row = ['前低后高', ...shares.map((s) => `${s}%`)];
    const r = read(sheet('时间分布', [...header, row]));
    expect(r.errors).toEqual([]);
    expect(r.input.profiles).toEqual([
      {
        name: '前低后高',
        grid,
        shares: shares.map((s) => s / 100),
        ref: at('时间分布', 'A2'),
        shareRefs: refs(cols),
      },
    ]);
  });

  it('takes a blank share as 0 and skips a row with neither name nor shares', () => {
    const r = read(
      sheet('Profiles', [
        ['Name', 'Q4', 'Q3', 'Q2', 'Q1', 'Note'],
        ['下半年', 60, 40, null, EMPTY],
        [null, null, null, null, null, '按上年实绩'],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(
      r.input.profiles.map((p) => [p.name, p.shares, p.shareRefs?.map((x) => x.cell)]),
    ).toEqual([['下半年', [0, 0, 40, 60], ['E2', 'D2', 'C2', 'B2']]]);
  });
});

describe('实绩 / Actuals', () => {
  it('reads each row by name or credit code, and where the columns are', () => {
    const r = read(
      sheet('实绩', [
        ['年份', '月份', '企业名称', '统一社会信用代码', '备注', '工业总产值'],
        [2025, '8月', '甲', null, '估', '1,200'],
        [2024, 8, null, '91350100M000100Y88', null, null],
        [{ formula: '2024+1', result: 2025 }, '1-7月', '乙', null, null, 700],
      ]),
    );
    expect(r.errors).toEqual([]);
    const refs = (row: number) => ({
      ref: at('实绩', `C${row}`),
      yearRef: at('实绩', `A${row}`),
      monthRef: at('实绩', `B${row}`),
      enterpriseRef: at('实绩', `C${row}`),
    });
    expect(r.input.actuals.map(plainActual)).toEqual([
      {
        year: 2025,
        month: 8,
        enterprise: '甲',
        values: { 工业总产值: { value: 1200, ref: at('实绩', 'F2') } },
        ...refs(2),
      },
      {
        year: 2024,
        month: 8,
        enterprise: '',
        creditCode: '91350100M000100Y88',
        values: {},
        ...refs(3),
      },
      {
        year: 2025,
        month: 7,
        enterprise: '乙',
        values: { 工业总产值: { value: 700, ref: at('实绩', 'F4') } },
        ...refs(4),
      },
    ]);
    expect(r.layout.actuals).toEqual({
      sheet: '实绩',
      year: 0,
      month: 1,
      enterprise: 2,
      creditCode: 3,
      values: { 工业总产值: 5 },
      headers: { 工业总产值: '工业总产值' },
      headerRow: 0,
      cells: r.layout.actuals?.cells,
    });
    expect(r.layout.actuals?.cells).toHaveLength(3);
  });

  it('finds enterprises by credit code alone when there is no name column', () => {
    const r = read(
      sheet('Actuals', [
        ['Year', 'Month', 'Credit code', '工业总产值'],
        [2025, 8, '91350100M000100Y88', 5],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.actuals).toMatchObject([{ enterprise: '', creditCode: '91350100M000100Y88' }]);
    expect(r.layout.actuals).toMatchObject({
      enterprise: 2,
      creditCode: 2,
    });
  });
});

describe('tables', () => {
  it('finds the header below a merged title, in any column order, ignoring unknown columns', () => {
    const r = read(
      sheet(
        '企业',
        [
          ['2025年企业名单', null, null],
          ['备注', '分组', '企业名称'],
          ['新', '五金', '甲'],
          [null, null, null],
          [null, null, '乙'],
        ],
        { merges: ['A1:C1'], hiddenRows: [4] },
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.enterprises).toEqual([
      { name: '甲', ref: at('企业', 'C3'), group: '五金' },
      { name: '乙', ref: at('企业', 'C5') },
    ]);
  });

  it('skips a row that shows nothing: every cell blank or a formula with an empty result', () => {
    const r = read(
      sheet('企业', [['企业名称', '分组'], ['甲', 'a'], [EMPTY, EMPTY], [null, EMPTY], ['乙']]),
      sheet('实绩', [
        ['年份', '月份', '企业名称', '工业总产值'],
        [2025, 8, '甲', 5],
        [EMPTY, EMPTY, EMPTY, EMPTY],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.input.enterprises.map((e) => e.name)).toEqual(['甲', '乙']);
    expect(r.input.actuals).toHaveLength(1);
  });

  it('takes a title that is not merged for the header row', () => {
    const r = read(sheet('企业', [['2025年企业名单'], ['企业名称'], ['甲']]));
    expect(described(r.errors)).toEqual([
      [
        '企业!A1',
        '企业!A1：工作表缺少列“企业名称 / Enterprise”',
        '企业!A1: the column "企业名称 / Enterprise" is missing',
      ],
    ]);
  });

  it('reads a merged cell’s value in its top-left cell only', () => {
    const r = read(
      sheet(
        '企业',
        [
          ['企业名称', '分组', '责任单位'],
          ['甲', '工业', '工业'],
        ],
        { merges: ['B2:C2'] },
      ),
    );
    expect(r.input.enterprises).toEqual([{ name: '甲', ref: at('企业', 'A2'), group: '工业' }]);
  });

  it.each<[string, string, string, string]>([
    ['Chinese', '目标', '指标', '年度目标'],
    ['English', 'Targets', 'Indicator', 'Target'],
    ['upper case', 'TARGETS', 'INDICATOR', 'TARGET'],
    ['full width', 'Ｔａｒｇｅｔｓ', 'Ｉｎｄｉｃａｔｏｒ', 'Ｔａｒｇｅｔ'],
    ['spaces around', ' 目标 ', ' 指标', '年度目标 '],
    ['another spelling', '目标', '指标', '目标任务'],
  ])('matches %s names', (_what, sheetName, indicator, target) => {
    const r = readInputs({
      sheets: [
        sheet(sheetName, [
          [indicator, target, 'KIND', 'direction'],
          ['工业总产值', 1000, 'Rate', '逆向'],
        ]),
        ENTERPRISES,
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.indicators).toMatchObject([
      { name: '工业总产值', kind: 'rate', direction: 'lower', target: 1000 },
    ]);
    expect(r.layout.sheets.targets).toBe(sheetName);
    expect(r.input.sources?.targets).toEqual({ sheet: sheetName });
  });

  it('reads the template back as the defaults and the starter profiles', () => {
    const r = readInputs(specToGrids(inputTemplate('en', 2031)));
    expect(r.errors).toEqual([]);
    expect(r.input.settings).toMatchObject({
      year: 2031,
      scheduleBasis: 'months',
      behindThreshold: 5,
      seriousThreshold: 10,
      actualsBasis: 'cumulative',
      combineJanFeb: true,
      unit: '万元',
    });
    expect(r.input.profiles.map((p) => [p.name, p.grid, p.shares])).toEqual([
      ['even', 'quarters', [25, 25, 25, 25]],
      ['back-loaded', 'quarters', [20, 25, 25, 30]],
    ]);
    expect(Object.keys(r.layout.sheets)).toEqual(INPUT_SHEETS);
  });
});

describe('errors the reader raises, each with its message and cell', () => {
  const DIV0: RawCell = { error: '#DIV/0!' };
  it.each<[string, WorkbookGrids, string[][]]>([
    [
      'a missing Targets sheet',
      { sheets: [ENTERPRISES] },
      [['', '缺少工作表“目标 / Targets”', 'the sheet "目标 / Targets" is missing']],
    ],
    [
      'a missing Enterprises sheet',
      { sheets: [TARGETS] },
      [['', '缺少工作表“企业 / Enterprises”', 'the sheet "企业 / Enterprises" is missing']],
    ],
    [
      'a missing Target column',
      book(
        sheet('目标', [
          ['指标', '单位'],
          ['工业总产值', '万元'],
        ]),
      ),
      [
        [
          '目标!A1',
          '目标!A1：工作表缺少列“年度目标 / Target”',
          '目标!A1: the column "年度目标 / Target" is missing',
        ],
      ],
    ],
    [
      'a missing column below a merged title',
      book(sheet('Base', [['基数表'], ['Name', '工业总产值']], { merges: ['A1:B1'] })),
      [
        [
          'Base!A2',
          'Base!A2：工作表缺少列“企业名称 / Enterprise”',
          'Base!A2: the column "企业名称 / Enterprise" is missing',
        ],
      ],
    ],
    [
      'a missing Value column in Settings',
      book(sheet('参数', [['项目'], ['年度']])),
      [
        [
          '参数!A1',
          '参数!A1：工作表缺少列“值 / Value”',
          '参数!A1: the column "值 / Value" is missing',
        ],
      ],
    ],
    [
      'missing Type and Value columns in Constraints',
      book(
        sheet('约束', [
          ['企业名称', '指标'],
          ['甲', '工业总产值'],
        ]),
      ),
      [
        [
          '约束!A1',
          '约束!A1：工作表缺少列“类型 / Type”',
          '约束!A1: the column "类型 / Type" is missing',
        ],
        [
          '约束!A1',
          '约束!A1：工作表缺少列“数值 / Value”',
          '约束!A1: the column "数值 / Value" is missing',
        ],
      ],
    ],
    [
      'a missing quarter column',
      book(
        sheet('时间分布', [
          ['名称', 'Q1', 'Q2', 'Q4'],
          ['前高', 1, 1, 1],
        ]),
      ),
      [
        [
          '时间分布!A1',
          '时间分布!A1：工作表缺少列“三季度 / Q3”',
          '时间分布!A1: the column "三季度 / Q3" is missing',
        ],
      ],
    ],
    [
      'a missing month column',
      book(sheet('时间分布', [['名称', ...Array.from({ length: 11 }, (_, i) => `${i + 1}月`)]])),
      [
        [
          '时间分布!A1',
          '时间分布!A1：工作表缺少列“12月 / Dec”',
          '时间分布!A1: the column "12月 / Dec" is missing',
        ],
      ],
    ],
    [
      'a missing Name column in Profiles',
      book(sheet('时间分布', [['Q1', 'Q2', 'Q3', 'Q4']])),
      [
        [
          '时间分布!A1',
          '时间分布!A1：工作表缺少列“名称 / Name”',
          '时间分布!A1: the column "名称 / Name" is missing',
        ],
      ],
    ],
    [
      'Actuals without year and month columns',
      book(
        sheet('实绩', [
          ['企业名称', '工业总产值'],
          ['甲', 1],
        ]),
      ),
      [
        [
          '实绩!A1',
          '实绩!A1：工作表缺少列“年份 / Year”',
          '实绩!A1: the column "年份 / Year" is missing',
        ],
        [
          '实绩!A1',
          '实绩!A1：工作表缺少列“月份 / Month”',
          '实绩!A1: the column "月份 / Month" is missing',
        ],
      ],
    ],
    [
      'Actuals with neither a name nor a credit code column',
      book(
        sheet('实绩', [
          ['年份', '月份', '工业总产值'],
          [2025, 8, 1],
        ]),
      ),
      [
        [
          '实绩!A1',
          '实绩!A1：工作表缺少列“企业名称 / Enterprise”',
          '实绩!A1: the column "企业名称 / Enterprise" is missing',
        ],
      ],
    ],
    [
      'a repeated column',
      book(
        sheet('企业', [
          ['企业名称', '分组', 'Group', ' 分组'],
          ['甲', 'a', 'b', 'c'],
        ]),
      ),
      [
        ['企业!C1', '企业!C1：列“Group”重复出现', '企业!C1: the column "Group" appears twice'],
        ['企业!D1', '企业!D1：列“分组”重复出现', '企业!D1: the column "分组" appears twice'],
      ],
    ],
    [
      'a blank indicator name',
      book(
        sheet('目标', [
          ['指标', '年度目标'],
          ['工业总产值', 1000],
          [null, 50],
        ]),
      ),
      [['目标!A3', '目标!A3：缺少指标 / Indicator', '目标!A3: 指标 / Indicator is missing']],
    ],
    [
      'a blank target',
      book(
        sheet('目标', [
          ['指标', '年度目标', '单位'],
          ['工业总产值', null, '万元'],
        ]),
      ),
      [
        [
          '目标!B2',
          '目标!B2：缺少工业总产值 年度目标 / Target',
          '目标!B2: 工业总产值 年度目标 / Target is missing',
        ],
      ],
    ],
    [
      'a blank enterprise name',
      book(
        sheet('企业', [
          ['企业名称', '分组'],
          ['甲', 'a'],
          [null, 'b'],
        ]),
      ),
      [
        [
          '企业!A3',
          '企业!A3：缺少企业名称 / Enterprise',
          '企业!A3: 企业名称 / Enterprise is missing',
        ],
      ],
    ],
    [
      'a blank enterprise in Constraints',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          [null, '工业总产值', '锁定', 1],
        ]),
      ),
      [
        [
          '约束!A2',
          '约束!A2：缺少企业名称 / Enterprise',
          '约束!A2: 企业名称 / Enterprise is missing',
        ],
      ],
    ],
    [
      'a blank indicator in Constraints',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          ['甲', '  ', '锁定', 1],
        ]),
      ),
      [['约束!B2', '约束!B2：缺少指标 / Indicator', '约束!B2: 指标 / Indicator is missing']],
    ],
    [
      'a blank type in Constraints',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          ['甲', '工业总产值', null, 1],
        ]),
      ),
      [['约束!C2', '约束!C2：缺少类型 / Type', '约束!C2: 类型 / Type is missing']],
    ],
    [
      'a blank value in Constraints',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          ['甲', '工业总产值', '下限'],
        ]),
      ),
      [['约束!D2', '约束!D2：缺少数值 / Value', '约束!D2: 数值 / Value is missing']],
    ],
    [
      'every blank cell of a Constraints row',
      book(sheet('Constraints', [['Enterprise', 'Indicator', 'Type', 'Value'], ['甲']])),
      [
        [
          'Constraints!B2',
          'Constraints!B2：缺少指标 / Indicator',
          'Constraints!B2: 指标 / Indicator is missing',
        ],
        [
          'Constraints!C2',
          'Constraints!C2：缺少类型 / Type',
          'Constraints!C2: 类型 / Type is missing',
        ],
        [
          'Constraints!D2',
          'Constraints!D2：缺少数值 / Value',
          'Constraints!D2: 数值 / Value is missing',
        ],
      ],
    ],
    [
      'blank year, month and enterprise in Actuals',
      book(
        sheet('实绩', [
          ['年份', '月份', '企业名称', '工业总产值'],
          [null, null, null, 5],
        ]),
      ),
      [
        ['实绩!A2', '实绩!A2：缺少年份 / Year', '实绩!A2: 年份 / Year is missing'],
        ['实绩!B2', '实绩!B2：缺少月份 / Month', '实绩!B2: 月份 / Month is missing'],
        [
          '实绩!C2',
          '实绩!C2：缺少企业名称 / Enterprise',
          '实绩!C2: 企业名称 / Enterprise is missing',
        ],
      ],
    ],
    [
      'a blank credit code in Actuals without a name column',
      book(
        sheet('实绩', [
          ['工业总产值', '年份', '月份', '统一社会信用代码'],
          [5, 2025, 8],
        ]),
      ),
      [
        [
          '实绩!D2',
          '实绩!D2：缺少企业名称 / Enterprise',
          '实绩!D2: 企业名称 / Enterprise is missing',
        ],
      ],
    ],
    [
      'text in a number cell',
      book(
        sheet('目标', [
          ['指标', '年度目标'],
          ['工业总产值', '待定'],
        ]),
      ),
      [['目标!B2', '目标!B2：“待定”不是数字', '目标!B2: "待定" is not a number']],
    ],
    [
      'an error value in an amount cell',
      book(
        sheet('基数', [
          ['企业名称', '工业总产值'],
          ['甲', DIV0],
        ]),
      ),
      [
        [
          '基数!B2',
          '基数!B2：单元格是错误值 #DIV/0!：请先修正产生它的公式，或直接填写',
          '基数!B2: the cell holds the error #DIV/0!: correct the formula that gives it, or type the value',
        ],
      ],
    ],
    [
      'an error value where a name belongs',
      book(sheet('企业', [['企业名称'], [{ error: '#N/A' }]])),
      [
        [
          '企业!A2',
          '企业!A2：单元格是错误值 #N/A：请先修正产生它的公式，或直接填写',
          '企业!A2: the cell holds the error #N/A: correct the formula that gives it, or type the value',
        ],
      ],
    ],
    [
      'a threshold typed as 5% in Excel (the cell holds 0.05)',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['滞后阈值', 0.05],
        ]),
      ),
      [
        [
          '参数!B2',
          '参数!B2：阈值 0.05 不到 1 个百分点：阈值以百分点计，若想填 5%，请填 5',
          '参数!B2: the threshold 0.05 is under one percentage point: thresholds are in points, so for 5% type 5',
        ],
      ],
    ],
    ...(
      [
        ['a list size of 0', '红黑榜人数', 0, '0'],
        ['a list size with a fraction', '红黑榜人数', 2.5, '2.5'],
        ['a list size over 50', 'List size', 51, '51'],
      ] as const
    ).map(([what, key, value, shown]): [string, WorkbookGrids, string[][]] => [
      what,
      book(
        sheet('参数', [
          ['项目', '值'],
          [key, value],
        ]),
      ),
      [
        [
          '参数!B2',
          `参数!B2：红黑榜人数 ${shown} 应为 1–50 的整数`,
          `参数!B2: the list size ${shown} must be a whole number from 1 to 50`,
        ],
      ],
    ]),
    ...(
      [
        ['an escalation that falls', '3,2,1'],
        ['an escalation of two steps', '1,2'],
        ['an escalation that repeats a month', '1,1,2'],
        ['an escalation from month 0', '0,1,2'],
        ['an escalation in words', '一,二,三'],
      ] as const
    ).map(([what, text]): [string, WorkbookGrids, string[][]] => [
      what,
      book(
        sheet('参数', [
          ['项目', '值'],
          ['预警升级', text],
        ]),
      ),
      [
        [
          '参数!B2',
          `参数!B2：预警升级“${text}”应为三个递增的正整数月数（提醒、约谈、督办），如 1,2,3`,
          `参数!B2: the escalation "${text}" must be three increasing whole numbers of months (reminder, interview, supervision), e.g. 1,2,3`,
        ],
      ],
    ]),
    [
      'a setting given twice',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['报告期', 8],
          ['报告期', null],
        ]),
      ),
      [
        [
          '参数!A3',
          '参数!A3：参数“报告期”重复出现（首次在 参数!A2）：请只保留一行',
          '参数!A3: the setting "报告期" appears twice (first at 参数!A2): keep one row',
        ],
      ],
    ],
    [
      'a number too large',
      book(
        sheet('实绩', [
          ['年份', '月份', '企业名称', '工业总产值'],
          [2025, 8, '甲', '1e999'],
        ]),
      ),
      [['实绩!D2', '实绩!D2：1e999不是有限数值', '实绩!D2: 1e999 is not a finite number']],
    ],
    [
      'a month that is not one',
      book(
        sheet('实绩', [
          ['年份', '月份', '企业名称'],
          [2025, '八月', '甲'],
        ]),
      ),
      [['实绩!B2', '实绩!B2：“八月”不是数字', '实绩!B2: "八月" is not a number']],
    ],
    [
      'text in a share',
      book(
        sheet('时间分布', [
          ['名称', 'Q1', 'Q2', 'Q3', 'Q4'],
          ['前高', 1, 'x', 1, 1],
        ]),
      ),
      [['时间分布!C2', '时间分布!C2：“x”不是数字', '时间分布!C2: "x" is not a number']],
    ],
    [
      'text in a threshold',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['严重滞后阈值', '十'],
        ]),
      ),
      [['参数!B2', '参数!B2：“十”不是数字', '参数!B2: "十" is not a number']],
    ],
    [
      'an unknown kind',
      book(
        sheet('目标', [
          ['指标', '年度目标', '类型'],
          ['工业总产值', 1000, '比例'],
        ]),
      ),
      [
        [
          '目标!C2',
          '目标!C2：类型/Kind“比例”无效，可选：总量/total, 增速/rate',
          '目标!C2: 类型/Kind "比例" is not one of: 总量/total, 增速/rate',
        ],
      ],
    ],
    [
      'an unknown direction and method',
      book(
        sheet('目标', [
          ['指标', '年度目标', '方向', '分解方法'],
          ['工业总产值', 1000, '向上', '随意'],
        ]),
      ),
      [
        [
          '目标!C2',
          '目标!C2：方向/Direction“向上”无效，可选：越高越好/higher, 越低越好/lower',
          '目标!C2: 方向/Direction "向上" is not one of: 越高越好/higher, 越低越好/lower',
        ],
        [
          '目标!D2',
          '目标!D2：分解方法/Method“随意”无效，可选：按权重/weights, 按基数/base, 平均/equal, 按增量/increment, 手工/manual',
          '目标!D2: 分解方法/Method "随意" is not one of: 按权重/weights, 按基数/base, 平均/equal, 按增量/increment, 手工/manual',
        ],
      ],
    ],
    [
      'an unknown constraint type',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          ['甲', '工业总产值', '锁住', 1],
        ]),
      ),
      [
        [
          '约束!C2',
          '约束!C2：类型/Type“锁住”无效，可选：锁定/lock, 下限/floor, 上限/cap',
          '约束!C2: 类型/Type "锁住" is not one of: 锁定/lock, 下限/floor, 上限/cap',
        ],
      ],
    ],
    [
      'unknown choices in Settings',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['序时口径', '按周'],
          ['实绩口径', '全年'],
          ['一二月合并', '也许'],
        ]),
      ),
      [
        [
          '参数!B2',
          '参数!B2：序时口径/Schedule basis“按周”无效，可选：按月/months, 按日/days',
          '参数!B2: 序时口径/Schedule basis "按周" is not one of: 按月/months, 按日/days',
        ],
        [
          '参数!B3',
          '参数!B3：实绩口径/Actuals basis“全年”无效，可选：累计/cumulative, 当月/monthly',
          '参数!B3: 实绩口径/Actuals basis "全年" is not one of: 累计/cumulative, 当月/monthly',
        ],
        [
          '参数!B4',
          '参数!B4：一二月合并/Combine Jan-Feb“也许”无效，可选：是/yes, 否/no',
          '参数!B4: 一二月合并/Combine Jan-Feb "也许" is not one of: 是/yes, 否/no',
        ],
      ],
    ],
    [
      'a date that is not one',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['截至日期', '八月底'],
        ]),
      ),
      [['参数!B2', '参数!B2：“八月底”不是日期', '参数!B2: "八月底" is not a date']],
    ],
    [
      'a day that does not exist',
      book(
        sheet('参数', [
          ['项目', '值'],
          ['截至日期', '2025-2-30'],
        ]),
      ),
      [['参数!B2', '参数!B2：“2025-2-30”不是日期', '参数!B2: "2025-2-30" is not a date']],
    ],
    [
      'a formula without a value in a data cell',
      book(
        sheet('基数', [
          ['企业名称', '工业总产值'],
          ['甲', { formula: '4900+4900' }],
        ]),
      ),
      [
        [
          '基数!B2',
          '基数!B2：公式 =4900+4900 没有计算结果，请在 Excel 中重新计算后保存',
          '基数!B2: the formula =4900+4900 has no computed value; recalculate and save it in Excel',
        ],
      ],
    ],
    [
      'a formula without a value in a header',
      book(
        sheet('企业', [
          ['企业名称', { formula: 'X1' }],
          ['甲', 1],
        ]),
      ),
      [
        [
          '企业!B1',
          '企业!B1：公式 =X1 没有计算结果，请在 Excel 中重新计算后保存',
          '企业!B1: the formula =X1 has no computed value; recalculate and save it in Excel',
        ],
      ],
    ],
    ...(['基数', '权重', '实绩'] as const).map((name): [string, WorkbookGrids, string[][]] => [
      `an indicator's column twice in ${name} (the first is read)`,
      book(
        name === '实绩'
          ? sheet(name, [
              ['年份', '月份', '企业名称', '工业总产值', ' 工业总产值 '],
              [2025, 8, '甲', 1, 2],
            ])
          : sheet(name, [
              ['企业名称', '工业总产值', '工业总产值'],
              ['甲', 1, 2],
            ]),
      ),
      [
        name === '实绩'
          ? [
              '实绩!E1',
              '实绩!E1：列“工业总产值”重复出现',
              '实绩!E1: the column "工业总产值" appears twice',
            ]
          : [
              `${name}!C1`,
              `${name}!C1：列“工业总产值”重复出现`,
              `${name}!C1: the column "工业总产值" appears twice`,
            ],
      ],
    ]),
    [
      "a period's column twice in Profiles",
      book(
        sheet('时间分布', [
          ['名称', '一季度', '二季度', '三季度', '四季度', 'Q1'],
          ['前高', 40, 30, 20, 10, 0],
        ]),
      ),
      [
        [
          '时间分布!F1',
          '时间分布!F1：列“Q1”重复出现',
          '时间分布!F1: the column "Q1" appears twice',
        ],
      ],
    ],
    ...(
      [
        ['基数', ['企业名称', '工业总产值'], [null, 9800]],
        ['权重', ['企业名称', '工业总产值'], ['  ', 3]],
      ] as const
    ).map(([name, header, row]): [string, WorkbookGrids, string[][]] => [
      `a row of ${name} with a value but no name`,
      book(sheet(name, [header, ['甲', 1], row])),
      [
        [
          `${name}!A3`,
          `${name}!A3：缺少企业名称 / Enterprise`,
          `${name}!A3: 企业名称 / Enterprise is missing`,
        ],
      ],
    ]),
    [
      'a row of Profiles with shares but no name',
      book(
        sheet('时间分布', [
          ['名称', 'Q1', 'Q2', 'Q3', 'Q4'],
          [null, 10, 20, 30, 40],
        ]),
      ),
      [['时间分布!A2', '时间分布!A2：缺少名称 / Name', '时间分布!A2: 名称 / Name is missing']],
    ],
    [
      'an enterprise twice in Base (the first is read)',
      book(
        sheet('基数', [
          ['企业名称', '工业总产值'],
          ['甲', 1],
          ['乙', 2],
          ['甲', 3],
        ]),
      ),
      [
        [
          '基数!A4',
          '基数!A4：企业“甲”重复出现（首次在 基数!A2）',
          '基数!A4: enterprise "甲" appears twice (first at 基数!A2)',
        ],
      ],
    ],
    [
      'a target whose formula gives an empty result',
      book(
        sheet('目标', [
          ['指标', '年度目标'],
          ['工业总产值', EMPTY],
        ]),
      ),
      [
        [
          '目标!B2',
          '目标!B2：公式 =IF(B2="","",B2) 的结果为空，缺少工业总产值 年度目标 / Target：请修改公式，或直接填写',
          '目标!B2: the formula =IF(B2="","",B2) gives an empty result, so 工业总产值 年度目标 / Target is missing: correct the formula or type the value in',
        ],
      ],
    ],
    [
      'a constraint value whose formula gives an empty result',
      book(
        sheet('约束', [
          ['企业名称', '指标', '类型', '数值'],
          ['甲', '工业总产值', '锁定', EMPTY],
        ]),
      ),
      [
        [
          '约束!D2',
          '约束!D2：公式 =IF(B2="","",B2) 的结果为空，缺少数值 / Value：请修改公式，或直接填写',
          '约束!D2: the formula =IF(B2="","",B2) gives an empty result, so 数值 / Value is missing: correct the formula or type the value in',
        ],
      ],
    ],
    [
      'a year, a month and a name in Actuals whose formulas give empty results',
      book(
        sheet('实绩', [
          ['年份', '月份', '企业名称', '工业总产值'],
          [EMPTY, { formula: 'B1', result: '  ' }, { formula: 'C1', result: null }, 5],
        ]),
      ),
      [
        [
          '实绩!A2',
          '实绩!A2：公式 =IF(B2="","",B2) 的结果为空，缺少年份 / Year：请修改公式，或直接填写',
          '实绩!A2: the formula =IF(B2="","",B2) gives an empty result, so 年份 / Year is missing: correct the formula or type the value in',
        ],
        [
          '实绩!B2',
          '实绩!B2：公式 =B1 的结果为空，缺少月份 / Month：请修改公式，或直接填写',
          '实绩!B2: the formula =B1 gives an empty result, so 月份 / Month is missing: correct the formula or type the value in',
        ],
        [
          '实绩!C2',
          '实绩!C2：公式 =C1 的结果为空，缺少企业名称 / Enterprise：请修改公式，或直接填写',
          '实绩!C2: the formula =C1 gives an empty result, so 企业名称 / Enterprise is missing: correct the formula or type the value in',
        ],
      ],
    ],
    [
      'an enterprise name whose formula gives an empty result',
      book(sheet('企业', [['企业名称', '分组'], ['甲'], [EMPTY, '五金']])),
      [
        [
          '企业!A3',
          '企业!A3：公式 =IF(B2="","",B2) 的结果为空，缺少企业名称 / Enterprise：请修改公式，或直接填写',
          '企业!A3: the formula =IF(B2="","",B2) gives an empty result, so 企业名称 / Enterprise is missing: correct the formula or type the value in',
        ],
      ],
    ],
    [
      'both 目标 and Targets',
      { sheets: [TARGETS, ENTERPRISES, { ...TARGETS, name: 'Targets' }] },
      [
        [
          'Targets',
          'Targets：工作表“Targets”和“目标”都是“目标 / Targets”表：请删去或改名其中一张，只留一张',
          'Targets: the sheets "Targets" and "目标" are both the "目标 / Targets" sheet: delete or rename one of them',
        ],
      ],
    ],
    [
      'an Actuals sheet twice, in any spelling',
      book(sheet('Actuals', [['Year', 'Month', 'Enterprise']]), sheet(' 实绩', [['年份']])),
      [
        [
          ' 实绩',
          ' 实绩：工作表“ 实绩”和“Actuals”都是“实绩 / Actuals”表：请删去或改名其中一张，只留一张',
          ' 实绩: the sheets " 实绩" and "Actuals" are both the "实绩 / Actuals" sheet: delete or rename one of them',
        ],
      ],
    ],
    [
      "an enterprise's name longer than an Excel cell holds",
      book(sheet('企业', [['企业名称'], ['甲'.repeat(32768)]])),
      [
        [
          '企业!A2',
          '企业!A2：文字长 32768 个字符，超过上限 32767 个字符（结果表的单元格放不下），请缩短',
          '企业!A2: the text is 32768 characters long, over the limit of 32767 (it would not fit in a cell of the results); shorten it',
        ],
      ],
    ],
    [
      "an indicator's unit longer than half a cell (the results print it after the name)",
      book(
        sheet('目标', [
          ['指标', '单位', '年度目标'],
          ['工业总产值', '元'.repeat(16001), 1000],
        ]),
      ),
      [
        [
          '目标!B2',
          '目标!B2：文字长 16001 个字符，超过上限 16000 个字符（结果表的单元格放不下），请缩短',
          '目标!B2: the text is 16001 characters long, over the limit of 16000 (it would not fit in a cell of the results); shorten it',
        ],
      ],
    ],
  ])('%s', (_what, grids, expected) => {
    expect(described(readInputs(grids).errors)).toEqual(expected);
  });

  it('a negative share is reported at the share’s cell (by validation, from the cells read)', () => {
    const r = read(
      sheet('时间分布', [
        ['名称', 'Q1', 'Q2', 'Q3', 'Q4'],
        ['均衡', 1, 1, 1, 1],
        ['前高', 40, -5, 35, 30],
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(described(validateInput(r.input, 2025))).toEqual([
      [
        '时间分布!C3',
        '时间分布!C3：时间分布“前高”无效：比例不能为负',
        '时间分布!C3: profile "前高" is invalid: shares cannot be negative',
      ],
    ]);
  });
});
