/**
 * The renderer on its own: a small hand-built workbook (three enterprises, one of them named like
 * a formula; two indicators on two profiles; a year of actuals and the year before) read, planned
 * by the engine, and rendered in each language. What each output sheet is called and its header
 * row; that the allocation's check formulas, evaluated over the sheet, say the parts add up; that
 * the progress and summary formulas point at the cells of the Allocation, Actuals and Progress
 * sheets by those sheets' names; that a name starting with '=' stays text; and that every cached
 * value is the engine's number.
 */
import { describe, expect, it } from 'vitest';
import { plan, type Flag, type Lang, type Plan } from '../engine';
import type { RawCell, WorkbookGrids } from './grid';
import { readInputs } from './read';
import { noteFingerprints } from './note';
import { renderOutputs } from './render';
import {
  columnIndex,
  parseA1,
  quoteSheet,
  type CellSpec,
  type CellValue,
  type SheetSpec,
  type WorkbookSpec,
} from './spec';

/** An enterprise whose name a spreadsheet would take for a formula if it were written as one. */
const FORMULA_NAME = '=1+1';

/** The input workbook: Chinese sheets and headers, the Actuals sheet under `actualsSheet`. */
function inputGrids(actualsSheet: string): WorkbookGrids {
  const sheet = (name: string, cells: RawCell[][]) => ({ name, cells });
  return {
    sheets: [
      sheet('参数', [
        ['项目', '值'],
        ['年度', 2025],
        ['报告期', 6],
        ['序时口径', '按月'],
        ['滞后阈值', 5],
        ['严重滞后阈值', 10],
        ['实绩口径', '累计'],
        ['一二月合并', '否'],
        ['单位', '万元'],
      ]),
      sheet('目标', [
        ['指标', '单位', '类型', '方向', '年度目标', '目标增速', '分解方法', '小数位', '时间分布'],
        ['产值', '万元', '总量', '越高越好', 1000, 0.1, '按基数', 0, '均衡'],
        ['税收', '万元', '总量', '越高越好', 100, null, '平均', 1, '前低后高'],
      ]),
      sheet('企业', [
        ['企业名称', '统一社会信用代码', '分组', '责任单位', '时间分布'],
        ['甲厂', null, '一组', '办A', null],
        ['乙厂', null, '一组', '办B', null],
        [FORMULA_NAME, null, '二组', '办A', null],
      ]),
      sheet('基数', [
        ['企业名称', '产值'],
        ['甲厂', 300],
        ['乙厂', 200],
        [FORMULA_NAME, 100],
      ]),
      sheet('时间分布', [
        ['名称', '一季度', '二季度', '三季度', '四季度'],
        ['前低后高', 20, 25, 25, 30],
      ]),
      sheet(actualsSheet, [
        ['年份', '月份', '企业名称', '统一社会信用代码', '产值', '税收'],
        [2024, 6, '甲厂', null, 140, 20],
        [2024, 6, '乙厂', null, 90, 10],
        [2024, 6, FORMULA_NAME, null, 50, null],
        [2025, 6, '甲厂', null, 170, 25],
        [2025, 6, '乙厂', null, 80, 12],
        [2025, 6, FORMULA_NAME, null, 60, null],
      ]),
    ],
  };
}

interface Rendered {
  readonly grids: WorkbookGrids;
  readonly plan: Plan;
  readonly spec: WorkbookSpec;
}

function render(lang: Lang, actualsSheet = '实绩'): Rendered {
  const grids = inputGrids(actualsSheet);
  const read = readInputs(grids);
  if (read.errors.length > 0) throw new Error(read.errors.map((e) => e.code).join(', '));
  const r = plan(read.input, { today: { y: 2025, m: 7, d: 15 } });
  if (!r.ok) throw new Error(r.errors.map((e) => e.code).join(', '));
  const spec = renderOutputs(r.value, read.input, read.layout, {
    lang,
    generatedAt: '2025-07-15 09:00',
    fingerprints: { split: 'abc123', live: 'def456' },
    version: '9.9.9',
  });
  return { grids, plan: r.value, spec };
}

const LANGS: readonly Lang[] = ['zh', 'en'];
const RENDERED: Readonly<Record<Lang, Rendered>> = { zh: render('zh'), en: render('en') };

const sheetOf = (spec: WorkbookSpec, name: string): SheetSpec => {
  const s = spec.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};
const cellAt = (s: SheetSpec, ref: string): CellSpec | null => {
  const { row, col } = parseA1(ref);
  return s.rows[row]?.[col] ?? null;
};
/** The cells of row `r` (0-based) as values (a formula's cached result). */
const valuesOf = (s: SheetSpec, r: number): CellValue[] =>
  (s.rows[r] ?? []).map((c) => (c === null ? null : c.v));
/** 0-based rows whose column A holds `text`. */
const rowsWith = (s: SheetSpec, text: string): number[] =>
  s.rows.flatMap((row, r) => (row[0]?.v === text ? [r] : []));
const blank = (v: number | null): CellValue => (v === null ? '' : v);

/**
 * The value of a formula of the allocation's checks and totals, computed from the sheet's own
 * cells (formulas evaluated in turn, never their cached results): numbers, references, + and −,
 * SUM(range) and ROUND(x, d).
 */
function evaluate(s: SheetSpec, formula: string): number {
  const tokens = formula.match(/\$?[A-Z]+\$?\d+|\d+(?:\.\d+)?|[A-Z]+(?=\()|[-+(),:]/g) ?? [];
  expect(tokens.join('')).toBe(formula.replace(/\s/g, ''));
  let i = 0;
  const next = (): string => tokens[i++] ?? '';
  const ref = (a1: string): number => {
    const c = cellAt(s, a1.replace(/\$/g, ''));
    if (c?.f !== undefined) return evaluate(s, c.f);
    return typeof c?.v === 'number' ? c.v : 0;
  };
  const term = (): number => {
    const t = next();
    if (/^\d/.test(t)) return Number(t);
    if (t === 'SUM' || t === 'ROUND') {
      expect(next()).toBe('(');
      let v: number;
      if (t === 'SUM') {
        const from = parseA1(next().replace(/\$/g, ''));
        expect(next()).toBe(':');
        const to = parseA1(next().replace(/\$/g, ''));
        v = 0;
        for (let r = from.row; r <= to.row; r++)
          for (let c = from.col; c <= to.col; c++)
            v += ref(`${String.fromCharCode(65 + c)}${r + 1}`);
      } else {
        const x = expr();
        expect(next()).toBe(',');
        const d = Number(next());
        v = Number(x.toFixed(d)) || 0; // as in a spreadsheet, never −0
      }
      expect(next()).toBe(')');
      return v;
    }
    return ref(t);
  };
  const expr = (): number => {
    let v = term();
    while (tokens[i] === '-' || tokens[i] === '+') v = next() === '-' ? v - term() : v + term();
    return v;
  };
  const v = expr();
  expect(i).toBe(tokens.length);
  return v;
}

describe.each(LANGS)('renderOutputs in %s', (lang) => {
  const { plan: p, spec } = RENDERED[lang];
  const [allocation, progress, summary] = spec.sheets as [SheetSpec, SheetSpec, SheetSpec];

  it('names the three output sheets in the language, and removes the other language’s', () => {
    const names = {
      zh: ['分解结果', '序时进度', '汇总'],
      en: ['Allocation', 'Progress', 'Summary'],
    };
    expect(spec.sheets.map((s) => s.name)).toEqual(names[lang]);
    expect(spec.remove).toEqual(names[lang === 'zh' ? 'en' : 'zh']);
    for (const s of spec.sheets) {
      expect(noteFingerprints(s.note ?? '')).toEqual({
        split: 'abc123',
        live: 'def456',
        liveStatic: false,
      });
      expect(s.rows[1]?.[0]?.v).toBe(s.note);
    }
  });

  it.each<[string, number, number, Record<Lang, string[]>]>([
    [
      'allocation',
      0,
      4,
      {
        zh: [
          '企业名称',
          '分组',
          '责任单位',
          '时间分布',
          '年度分解',
          '一季度',
          '二季度',
          '三季度',
          '四季度',
          '分时合计校验',
        ],
        en: [
          'Enterprise',
          'Group',
          'Owner',
          'Profile',
          'Annual part',
          'Q1',
          'Q2',
          'Q3',
          'Q4',
          'Periods check',
        ],
      },
    ],
    [
      'progress',
      1,
      4,
      {
        zh: [
          '指标',
          '企业/分组',
          '分组',
          '责任单位',
          '年度目标',
          '本年累计',
          '完成率',
          '序时进度',
          '计划进度',
          '差距（百分点）',
          '欠序时进度量',
          '剩余月均需完成',
          '已完成月均',
          '需提速倍数',
          '上年同期',
          '同比增长',
          '增速差（百分点）',
          '预警',
          '未达项',
          '区内排名',
          '组内排名',
          '同口径本期',
          '同口径上年',
          '统一社会信用代码',
        ],
        en: [
          'Indicator',
          'Enterprise / group',
          'Group',
          'Owner',
          'Target',
          'YTD',
          'Completion',
          'Time schedule',
          'Planned',
          'Gap (pts)',
          'Shortfall',
          'Pace needed / month',
          'Pace so far / month',
          'Pace ratio',
          'Same period last year',
          'Year on year',
          'Growth gap (pts)',
          'Flag',
          'Failed tests',
          'Rank',
          'Rank in group',
          'Like-for-like YTD',
          'Like-for-like last year',
          'Credit code',
        ],
      },
    ],
    [
      'summary',
      2,
      3,
      {
        zh: [
          '指标',
          '单位',
          '年度目标',
          '本年累计',
          '完成率',
          '序时进度',
          '差距（百分点）',
          '同比增长',
          '目标增速',
          '预警',
          '未达项',
          '超序时',
          '略低于序时',
          '滞后',
          '严重滞后',
          '无数据',
          '企业数',
        ],
        en: [
          'Indicator',
          'Unit',
          'Target',
          'YTD',
          'Completion',
          'Time schedule',
          'Gap (pts)',
          'Year on year',
          'Target growth',
          'Flag',
          'Failed tests',
          'Ahead',
          'Slightly behind',
          'Behind',
          'Seriously behind',
          'No data',
          'Enterprises',
        ],
      },
    ],
  ])('writes the %s sheet’s header row', (_name, index, row, headers) => {
    const cells = (spec.sheets[index]?.rows[row] ?? []).slice(0, headers[lang].length);
    expect(cells.map((c) => c?.v)).toEqual(headers[lang]);
    expect(cells.every((c) => c?.style === 'header')).toBe(true);
  });

  it('gives the allocation check cells that, evaluated over the sheet, say the parts add up', () => {
    const checks = allocation.rows.flatMap((row) =>
      row.flatMap((c) => (c?.style === 'check' && c.f !== undefined ? [{ c, f: c.f }] : [])),
    );
    // Per indicator: a periods check on each of the 3 enterprises and on the total, and the total
    // against the target.
    expect(checks).toHaveLength(2 * (3 + 1 + 1));
    for (const { c, f } of checks) {
      expect(c.v, f).toBe(0);
      expect(evaluate(allocation, f), f).toBe(0);
    }
    // The checks would see a part that does not add up: change one period of the first enterprise.
    const first = (rowsWith(allocation, '甲厂')[0] as number) + 1;
    const broken: SheetSpec = {
      ...allocation,
      rows: allocation.rows.map((row, r) =>
        r + 1 !== first ? row : row.map((c, col) => (col === 5 ? { v: Number(c?.v) + 1 } : c)),
      ),
    };
    expect(evaluate(broken, `ROUND(E${first}-SUM(F${first}:I${first}),0)`)).toBe(-1);
    const failing = checks.filter(({ f }) => evaluate(broken, f) !== 0).map(({ f }) => f);
    const total = (rowsWith(allocation, lang === 'zh' ? '合计' : 'Total')[0] as number) + 1;
    expect(failing).toEqual([
      `ROUND(E${first}-SUM(F${first}:I${first}),0)`,
      `ROUND(E${total}-SUM(F${total}:I${total}),0)`,
    ]);
  });

  it('caches the engine’s parts, totals and subtotals in the allocation', () => {
    const sections = p.allocations.map((a) => rowsWith(allocation, `${a.indicator}（${a.unit}）`));
    p.allocations.forEach((a, k) => {
      const section = sections[k]?.[0] as number;
      expect(valuesOf(allocation, section).slice(0, 3)).toEqual([
        `${a.indicator}（${a.unit}）`,
        lang === 'zh' ? '年度目标' : 'Target',
        a.total,
      ]);
      a.rows.forEach((row, i) => {
        expect(valuesOf(allocation, section + 2 + i).slice(0, 9)).toEqual([
          row.enterprise,
          row.group ?? null,
          ['办A', '办B', '办A'][i],
          row.profile,
          row.annual,
          ...row.periods,
        ]);
      });
      const total = section + 2 + a.rows.length + 2; // after two group subtotals
      expect(valuesOf(allocation, total).slice(4, 9)).toEqual([a.total, ...a.periodTotals]);
      const group1 = a.rows.slice(0, 2);
      const sum = (xs: number[]): number =>
        Number(xs.reduce((s, x) => s + x, 0).toFixed(a.decimals));
      expect(valuesOf(allocation, total - 2).slice(4, 9)).toEqual([
        sum(group1.map((r) => r.annual)),
        ...[0, 1, 2, 3].map((q) => sum(group1.map((r) => r.periods[q] as number))),
      ]);
    });
  });

  it('caches the engine’s progress figures for every enterprise and the area', () => {
    const header = (progress.rows[4] ?? []).map((c) => c?.v);
    const col = (name: string): number => header.indexOf(name);
    const [flag, ytd, completion, gap, yoy, lastYtd, rank] = (
      lang === 'zh'
        ? ['预警', '本年累计', '完成率', '差距（百分点）', '同比增长', '上年同期', '区内排名']
        : [
            'Flag',
            'YTD',
            'Completion',
            'Gap (pts)',
            'Year on year',
            'Same period last year',
            'Rank',
          ]
    ).map<number>(col);
    const labels: Record<Flag, string> = {
      zh: {
        ahead: '超序时',
        slightlyBehind: '略低于序时',
        behind: '滞后',
        seriouslyBehind: '严重滞后',
        noData: '无数据',
      },
      en: {
        ahead: 'Ahead',
        slightlyBehind: 'Slightly behind',
        behind: 'Behind',
        seriouslyBehind: 'Seriously behind',
        noData: 'No data',
      },
    }[lang];
    let r = 5;
    for (const ip of p.progress) {
      for (const row of ip.rows) {
        const v = valuesOf(progress, r++);
        expect(v[0]).toBe(ip.indicator);
        expect(
          [
            v[1],
            v[4],
            v[ytd as number],
            v[completion as number],
            v[gap as number],
            v[lastYtd as number],
            v[yoy as number],
            v[rank as number],
            v[flag as number],
          ],
          `${ip.indicator} ${row.enterprise}`,
        ).toEqual([
          row.enterprise,
          row.target,
          blank(row.ytd),
          blank(row.completion),
          blank(row.gap),
          blank(row.lastYtd),
          blank(row.yoy),
          blank(row.rank),
          labels[row.flag],
        ]);
      }
      r += ip.groups.length;
      const area = valuesOf(progress, r);
      expect([
        area[4],
        area[ytd as number],
        area[completion as number],
        area[gap as number],
        area[flag as number],
      ]).toEqual([
        ip.area.target,
        blank(ip.area.ytd),
        blank(ip.area.completion),
        blank(ip.area.gap),
        labels[ip.area.flag],
      ]);
      r += 2;
    }
    // The sheet's parameters: report month, time schedule, thresholds, year.
    expect(valuesOf(progress, 2).filter((v) => typeof v === 'number')).toEqual([
      6,
      p.schedule,
      5,
      10,
      2025,
    ]);
  });

  it('caches the engine’s area figures and flag counts in the summary', () => {
    p.progress.forEach((ip, k) => {
      const v = valuesOf(summary, 4 + k);
      expect(v.slice(0, 7)).toEqual([
        ip.indicator,
        ip.unit,
        ip.area.target,
        blank(ip.area.ytd),
        blank(ip.area.completion),
        p.schedule,
        blank(ip.area.gap),
      ]);
      expect(v.slice(11, 17)).toEqual([
        ip.counts.ahead,
        ip.counts.slightlyBehind,
        ip.counts.behind,
        ip.counts.seriouslyBehind,
        ip.counts.noData,
        ip.rows.length,
      ]);
    });
  });

  it('writes the enterprise named like a formula as text, never as a formula', () => {
    const cells = spec.sheets.flatMap((s) =>
      s.rows.flatMap((row) => row.filter((c): c is CellSpec => c?.v === FORMULA_NAME)),
    );
    // Its name in the allocation's first block, then references to it everywhere else.
    expect(cells.length).toBeGreaterThan(3);
    const [own, ...refs] = cells;
    expect(own?.f).toBeUndefined();
    for (const c of refs) expect(c.f).toMatch(/^(?:'[^']+'!)?A\d+&""$/);
    const flat = spec.sheets.flatMap((s) => s.rows.flat());
    expect(flat.filter((c) => c?.f === FORMULA_NAME.slice(1))).toEqual([]);
  });
});

describe.each<[Lang, string]>([
  ['zh', '实绩'],
  ['en', '实绩'],
  ['zh', 'Actuals'],
])('formulas in %s over an Actuals sheet named %s', (lang, actualsSheet) => {
  const { spec, grids } =
    lang === 'zh' && actualsSheet === '实绩' ? RENDERED.zh : render(lang, actualsSheet);
  const [allocation, progress, summary] = spec.sheets as [SheetSpec, SheetSpec, SheetSpec];
  const actuals = grids.sheets.find((s) => s.name === actualsSheet);
  const enterpriseRows = progress.rows.slice(5).filter((row) => row[4]?.f?.includes('!'));

  /** The sheet and cell of a formula that is one reference (`'Sheet'!E6`), else undefined. */
  const target = (f: string | undefined): [SheetSpec, string] | undefined => {
    const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)(?:&"")?$/.exec(f ?? '');
    if (!m) return undefined;
    return [sheetOf(spec, (m[1] as string).replace(/''/g, "'")), m[2] as string];
  };

  it('refer to the allocation by its name, at the cells that hold each part and name', () => {
    expect(enterpriseRows).toHaveLength(6);
    for (const row of enterpriseRows) {
      for (const col of [1, 2, 3, 4]) {
        const c = row[col] as CellSpec;
        const [sheet, ref] = target(c.f) ?? [];
        expect(sheet?.name, c.f).toBe(allocation.name);
        expect(c.f?.startsWith(`${quoteSheet(allocation.name)}!`)).toBe(true);
        expect(cellAt(sheet as SheetSpec, ref as string)?.v).toBe(c.v);
      }
    }
  });

  it('sum the indicator’s column of Actuals, by the sheet’s own name', () => {
    const actualsHeader = actuals?.cells[0] ?? [];
    for (const row of enterpriseRows) {
      const f = row[5]?.f ?? '';
      const columns = [...f.matchAll(/'((?:[^']|'')+)'!\$([A-Z]+):\$[A-Z]+/g)];
      expect(columns.length).toBeGreaterThan(0);
      expect(new Set(columns.map((m) => m[1]))).toEqual(new Set([actualsSheet]));
      const headers = new Set(columns.map((m) => actualsHeader[columnIndex(m[2] as string)]));
      expect(headers).toEqual(new Set(['年份', '月份', '企业名称', row[0]?.v]));
    }
  });

  it('refer to the progress sheet by its name from the summary, at its area rows', () => {
    const refs = summary.rows
      .slice(4)
      .flatMap((row) => row.slice(2, 8).filter((c) => c?.f !== undefined));
    expect(refs.length).toBeGreaterThan(0);
    for (const c of refs) {
      const [sheet, ref] = target(c?.f) ?? [];
      expect(sheet?.name, c?.f).toBe(progress.name);
      expect(cellAt(sheet as SheetSpec, ref as string)?.v).toBe(c?.v);
    }
  });
});
