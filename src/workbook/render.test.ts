/**
 * The renderer over whole workbooks: a small hand-built one (five enterprises, three of them named
 * like formulas; three indicators, one of which does not concern one enterprise) and the bundled
 * example with its variants, rendered in each language. What each of the five output sheets is
 * called; its header rows, written from the column declarations; that the allocation's checks,
 * evaluated over the sheet, say the parts add up; that every cached value is the engine's figure;
 * that a name like a formula stays text; that a receiver's sort of an enterprise table breaks no
 * formula and drags no total along; that the helper's data check holds what its formulas compute;
 * how each sheet prints; and that the titles follow the area and the period.
 */
import { describe, expect, it } from 'vitest';
import {
  FLAGS,
  outOfBounds,
  plan,
  roundOf,
  type Flag,
  type Change,
  type IndicatorProgress,
  type Lang,
  type MonthlyRound,
  type Plan,
  type PlanInput,
} from '../engine';
import { copyKey } from './formula';
import type { RawCell, WorkbookGrids } from './grid';
import { COLUMNS, FLAG_LABELS, SHEETS, periodLabels } from './names';
import { noteFingerprints } from './note';
import { readInputs, type InputLayout } from './read';
import { renderOutputs } from './render';
import { ALLOCATION_COLUMNS } from './render/allocation';
import { HEADER_HEIGHT } from './render/cells';
import { CHECKS, type CheckKey } from './checks';
import { liveActuals, liveCounts, type LiveCounts } from './render/liveActuals';
import { PROGRESS } from './render/progress';
import { SUMMARY } from './render/summary';
import {
  columnIndex,
  columnLetter,
  parseA1,
  type CellSpec,
  type CellValue,
  type SheetSpec,
  type WorkbookSpec,
} from './spec';
import { exampleWorkbook, type ExampleData } from './template';
import { specToGrids } from '../../tests/helpers/spec-grids';
import { EXAMPLE, nameVariantExample, richExample } from '../../tests/helpers/variants';

/** Enterprises whose names a spreadsheet would take for a formula if they were written as one. */
const FORMULA_NAMES = ['=1+1', '+x', '@y'] as const;

/** The hand-built input: Chinese sheets and headers, 实绩 under `actualsSheet`. */
function handGrids(actualsSheet = '实绩'): WorkbookGrids {
  const sheet = (name: string, cells: RawCell[][]) => ({ name, cells });
  const [f1, f2, f3] = FORMULA_NAMES;
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
        ['投资', '万元', '总量', '越高越好', 90, null, '按基数', 0, '均衡'],
      ]),
      sheet('企业', [
        ['企业名称', '统一社会信用代码', '分组', '责任单位', '时间分布'],
        ['甲厂', null, '一组', '办A', null],
        ['乙厂', null, '一组', '办B', null],
        [f1, null, '二组', '办A', null],
        [f2, null, '二组', '办B', null],
        [f3, null, '二组', '办A', null],
      ]),
      sheet('基数', [
        ['企业名称', '产值', '投资'],
        ['甲厂', 300, 30],
        ['乙厂', 200, 20],
        [f1, 100, 10],
        [f2, 50, 10],
        [f3, 50, null],
      ]),
      sheet('时间分布', [
        ['名称', '一季度', '二季度', '三季度', '四季度'],
        ['前低后高', 20, 25, 25, 30],
      ]),
      sheet(actualsSheet, [
        ['年份', '月份', '企业名称', '统一社会信用代码', '产值', '税收', '投资'],
        [2024, 6, '甲厂', null, 140, 20, 10],
        [2024, 6, '乙厂', null, 90, 10, 5],
        [2024, 6, f1, null, 50, null, 4],
        [2024, 6, f2, null, 20, 3, 2],
        [2024, 6, f3, null, 20, 3, null],
        [2025, 6, '甲厂', null, 170, 25, 12],
        [2025, 6, '乙厂', null, 80, 12, 4],
        [2025, 6, f1, null, 60, null, 6],
        [2025, 6, f2, null, 25, 4, 3],
        [2025, 6, f3, null, 30, 2, null],
      ]),
    ],
  };
}

interface Rendered {
  readonly lang: Lang;
  readonly grids: WorkbookGrids;
  readonly input: PlanInput;
  readonly layout: InputLayout;
  readonly plan: Plan;
  readonly round: MonthlyRound;
  readonly spec: WorkbookSpec;
}

function render(grids: WorkbookGrids, lang: Lang, today = { y: 2025, m: 9, d: 3 }): Rendered {
  const read = readInputs(grids);
  if (read.errors.length > 0) throw new Error(read.errors.map((e) => e.code).join(', '));
  const r = plan(read.input, { today });
  if (!r.ok) throw new Error(r.errors.map((e) => e.code).join(', '));
  const round = roundOf(read.input, { today }, r.value);
  if (!round.ok) throw new Error(round.errors.map((e) => e.code).join(', '));
  const spec = renderOutputs(r.value, read.input, read.layout, {
    round: round.value,
    lang,
    generatedAt: '2025-07-15 09:00',
    fingerprints: { split: 'abc123', live: 'def456' },
    version: '9.9.9',
  });
  return {
    lang,
    grids,
    input: read.input,
    layout: read.layout,
    plan: r.value,
    round: round.value,
    spec,
  };
}

const JULY = { y: 2025, m: 7, d: 15 };
const hand = (lang: Lang, actualsSheet?: string): Rendered =>
  render(handGrids(actualsSheet), lang, JULY);
const example = (data: ExampleData, lang: Lang): Rendered =>
  render(specToGrids(exampleWorkbook(data, lang)), lang);

const HAND = { zh: hand('zh'), en: hand('en') };
const EX = { zh: example(EXAMPLE, 'zh'), en: example(EXAMPLE, 'en') };
const VARIANTS: [string, Rendered][] = [
  ['hand-built, zh', HAND.zh],
  ['hand-built, en', HAND.en],
  ['example, zh', EX.zh],
  ['example, en', EX.en],
  ['rich, days', example(richExample({ scheduleBasis: 'days' }), 'zh')],
  ['rich, monthly actuals', example(richExample({ actualsBasis: 'monthly' }), 'en')],
  ['name variants', example(nameVariantExample(), 'zh')],
];

// ------------------------------------------------------------------ reading the sheets

interface Sheets {
  readonly allocation: SheetSpec;
  readonly progress: SheetSpec;
  readonly summary: SheetSpec;
  readonly bulletin: SheetSpec;
  readonly guide: SheetSpec;
  readonly helper: SheetSpec;
}
const sheetsOf = (spec: WorkbookSpec): Sheets => {
  const [allocation, progress, summary, bulletin, guide, helper] = spec.sheets as SheetSpec[];
  return { allocation, progress, summary, bulletin, guide, helper } as Sheets;
};
const cellAt = (s: SheetSpec, ref: string): CellSpec | null => {
  const { row, col } = parseA1(ref);
  return s.rows[row]?.[col] ?? null;
};
const isBlankRow = (s: SheetSpec, r: number): boolean =>
  (s.rows[r] ?? []).every((c) => c === null || (c.f === undefined && (c.v === null || c.v === '')));
const blank = (v: number | null): CellValue => (v === null ? '' : v);
const lower = (s: string): string => s.toLowerCase();
const t = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
const failedText = (lang: Lang, failed: readonly string[]): string =>
  failed
    .map((f) => (f === 'schedule' ? t(lang, '序时', 'schedule') : t(lang, '增速', 'growth')))
    .join(t(lang, '、', ', '));

const P = (key: Parameters<typeof PROGRESS.index>[0]): number => PROGRESS.index(key);

/** 0-based rows of the progress sheet: each indicator's aggregate rows and enterprise table. */
interface ProgressBlock {
  readonly area: number;
  readonly groups: ReadonlyMap<string, number>;
  readonly header: number;
  /** enterprise index (0-based, as ProgressRow.index) → row. */
  readonly rows: ReadonlyMap<number, number>;
  readonly first: number;
  readonly last: number;
}

function progressBlock(s: SheetSpec, indicator: string, lang: Lang): ProgressBlock {
  let area = -1;
  const groups = new Map<string, number>();
  const rows = new Map<number, number>();
  s.rows.forEach((row, r) => {
    if (row[P('ind')]?.v !== indicator) return;
    const name = row[P('name')]?.v;
    const idx = row[P('idx')]?.v;
    if (name === t(lang, '全区合计', 'Area total')) {
      expect(area, `${indicator}: one area row`).toBe(-1);
      area = r;
    } else if (name === t(lang, '分组小计', 'Group subtotal'))
      groups.set(String(row[P('group')]?.v), r);
    else if (typeof idx === 'number') {
      expect(rows.has(idx - 1), `${indicator}: one row for enterprise ${idx}`).toBe(false);
      rows.set(idx - 1, r);
    }
  });
  const at = [...rows.values()];
  const first = at.length > 0 ? Math.min(...at) : -1;
  return {
    area,
    groups,
    header: first - 1,
    rows,
    first,
    last: at.length > 0 ? Math.max(...at) : -1,
  };
}

/** 0-based rows of the allocation: each indicator's totals and enterprise table. */
interface AllocationBlock {
  readonly section: number;
  readonly total: number;
  readonly groups: readonly number[];
  readonly check: number;
  readonly header: number;
  readonly first: number;
  readonly last: number;
}

/**
 * The allocation rows 分解结果 shows for `a`, with their place in 企业: the enterprises the
 * indicator concerns (as on 序时进度); one with no part and no figure is left out.
 */
function shownRows(
  p: Plan,
  a: Plan['allocations'][number],
): { row: Plan['allocations'][number]['rows'][number]; i: number }[] {
  const concerned = new Set(
    p.progress.find((x) => x.indicator === a.indicator)?.rows.map((r) => r.index),
  );
  return a.rows.flatMap((row, i) => (concerned.has(i) || row.annual !== 0 ? [{ row, i }] : []));
}

function allocationBlock(
  s: SheetSpec,
  a: Plan['allocations'][number],
  lang: Lang,
  shown: number,
): AllocationBlock {
  const section = s.rows.findIndex((row) => row[0]?.v === `${a.indicator}（${a.unit}）`);
  expect(section, a.indicator).toBeGreaterThanOrEqual(0);
  const headers: number[] = [];
  for (let r = section + 1; r < s.rows.length && headers.length < 2; r++)
    if (s.rows[r]?.[0]?.v === ALLOCATION_COLUMNS.idx[lang] && s.rows[r]?.[0]?.style === 'header')
      headers.push(r);
  const [totalHeader, header] = headers as [number, number];
  const label = (r: number): CellValue | undefined => s.rows[r]?.[1]?.v;
  const groups: number[] = [];
  let r = totalHeader + 2;
  while (label(r) === t(lang, '小计', 'Subtotal')) groups.push(r++);
  expect(label(totalHeader + 1)).toBe(t(lang, '合计', 'Total'));
  return {
    section,
    total: totalHeader + 1,
    groups,
    check: r,
    header,
    first: header + 1,
    last: header + shown,
  };
}

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
    const tk = next();
    if (/^\d/.test(tk)) return Number(tk);
    if (tk === 'SUM' || tk === 'ROUND') {
      expect(next()).toBe('(');
      let v: number;
      if (tk === 'SUM') {
        const from = parseA1(next().replace(/\$/g, ''));
        expect(next()).toBe(':');
        const to = parseA1(next().replace(/\$/g, ''));
        v = 0;
        for (let r = from.row; r <= to.row; r++)
          for (let c = from.col; c <= to.col; c++) v += ref(`${columnLetter(c)}${r + 1}`);
      } else {
        const x = expr();
        expect(next()).toBe(',');
        const d = Number(next());
        v = Number(x.toFixed(d)) || 0; // as in a spreadsheet, never −0
      }
      expect(next()).toBe(')');
      return v;
    }
    return ref(tk);
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

/** A chain of string literals and absolute references joined by &, evaluated over cached values. */
function concat(spec: WorkbookSpec, formula: string): string {
  let rest = formula;
  let out = '';
  const item = /^(?:"((?:[^"]|"")*)"|'((?:[^']|'')+)'!(\$[A-Z]+\$\d+))(&|$)/;
  while (rest !== '') {
    const m = item.exec(rest);
    if (!m) throw new Error(`not a concatenation: ${formula}`);
    if (m[1] !== undefined) out += m[1].replace(/""/g, '"');
    else {
      const s = spec.sheets.find((x) => x.name === (m[2] ?? outOfBounds()).replace(/''/g, "'"));
      out += String(cellAt(s as SheetSpec, (m[3] ?? outOfBounds()).replace(/\$/g, ''))?.v ?? '');
    }
    rest = rest.slice(m[0].length);
  }
  return out;
}

/**
 * What a sort of the enterprise tables would break in a formula in 0-based row `row` of `sheet`:
 * a relative reference to another row or to another sheet, a relative range, or an absolute
 * reference that reaches into an enterprise table (of any sheet) without covering all of it.
 * `regions`: lower-cased sheet name → 1-based [first, last] rows of its enterprise tables.
 */
function sortHazards(
  formula: string,
  row: number,
  sheet: string,
  regions: ReadonlyMap<string, readonly (readonly [number, number])[]>,
): string[] {
  const key = copyKey(formula, row);
  if (key === undefined) return [`unscanned: ${formula}`];
  const out: string[] = [];
  const plain = key.replace(/"(?:[^"]|"")*"/g, '""');
  const REF =
    /(?<![\w.$'\u0080-\uffff])(?:'((?:[^']|'')*)'!)?(\$?[A-Z]{1,3})(\$\d+|\{-?\d+\})(?::(\$?[A-Z]{1,3})(\$\d+|\{-?\d+\}))?(?![\w(])/g;
  for (const m of plain.matchAll(REF)) {
    const on = m[1] === undefined ? lower(sheet) : m[1].replace(/''/g, "'");
    const parts = [m[3], m[5]].filter((p): p is string => p !== undefined);
    const relative = parts.filter((p) => p.startsWith('{'));
    if (relative.length > 0) {
      if (on !== lower(sheet)) out.push(`relative reference to another sheet: ${m[0]}`);
      else if (relative.length < parts.length) out.push(`half-relative range: ${m[0]}`);
      else if (relative.some((p) => p !== '{0}')) out.push(`another row: ${m[0]}`);
      continue;
    }
    const rows = parts.map((p) => Number(p.slice(1)));
    const [r0, r1] = [Math.min(...rows), Math.max(...rows)];
    for (const [first, last] of regions.get(on) ?? [])
      if (r0 <= last && r1 >= first && !(r0 <= first && r1 >= last))
        out.push(`into the sorted rows ${first}-${last}: ${m[0]}`);
  }
  return out;
}

// ------------------------------------------------------------------ the sort-safety checker itself

describe('sortHazards', () => {
  // Row 16 (0-based 15) of sheet 序时进度, whose enterprise table is rows 15-27.
  const regions = new Map([
    ['序时进度', [[15, 27] as const]],
    ['allocation', [[40, 50] as const]],
  ]);
  it.each<[string, boolean]>([
    ['G16/F16', true],
    ['$A16*2', true],
    ['SUM($G$15:$G$27)', true],
    ['SUM($G$10:$G$30)', true],
    ['$B$3*G16', true],
    ["'辅助'!$B$16", true],
    ["INDEX('Allocation'!$F$40:$F$50,MATCH($A16,'Allocation'!$A$40:$A$50,0))", true],
    ['"G17"&G16', true],
    ['ROUND(F16-SUM(G16:J16),0)', true],
    ['G17/F16', false],
    ['G15', false],
    ['$G$16', false],
    ['SUM($G$15:$G$20)', false],
    ['SUM(G15:G27)', false],
    ['SUM($G$15:G16)', false],
    ["'辅助'!B16", false],
    ["'Allocation'!$F$41", false],
  ])('%s is sort-safe: %s', (formula, safe) => {
    expect(sortHazards(formula, 15, '序时进度', regions).length === 0).toBe(safe);
  });
});

// ------------------------------------------------------------------ every variant

describe.each(VARIANTS)('renderOutputs: %s', (_name, R) => {
  const { lang, plan: p, spec, input } = R;
  const S = sheetsOf(spec);
  const blocks = new Map(
    p.progress.map((ip) => [ip.indicator, progressBlock(S.progress, ip.indicator, lang)]),
  );
  const allocBlocks = p.allocations.map((a) =>
    allocationBlock(S.allocation, a, lang, shownRows(p, a).length),
  );
  const FLAG = (f: Flag): string => FLAG_LABELS[f][lang];

  it('names the six output sheets in the language, and removes the other language’s', () => {
    const keys = ['allocation', 'progress', 'summary', 'bulletin', 'guide', 'helper'] as const;
    expect(spec.sheets.map((s) => s.name)).toEqual(keys.map((k) => SHEETS[k][lang]));
    expect(spec.remove).toEqual(keys.map((k) => SHEETS[k][lang === 'zh' ? 'en' : 'zh']));
    expect(
      lang === 'zh'
        ? ['分解结果', '序时进度', '汇总', '通报', '说明', '辅助']
        : ['Allocation', 'Progress', 'Summary', 'Bulletin', 'Guide', 'Helper'],
    ).toEqual(spec.sheets.map((s) => s.name));
    for (const s of spec.sheets) {
      expect(noteFingerprints(s.note ?? '')).toEqual({
        split: 'abc123',
        live: 'def456',
        liveStatic: false,
      });
      expect(String(s.rows[1]?.[0]?.v).startsWith(s.note ?? '?')).toBe(true);
    }
  });

  it('writes the header rows from the column declarations; they wrap and are tall enough', () => {
    const check = (s: SheetSpec, r: number, headers: readonly string[]): void => {
      const cells = (s.rows[r] ?? []).slice(0, headers.length);
      expect(
        cells.map((c) => c?.v),
        `${s.name} row ${r + 1}`,
      ).toEqual(headers);
      expect(cells.every((c) => c?.style === 'header' && c.wrap === true)).toBe(true);
      expect(s.rowHeights?.[r], `${s.name} row ${r + 1}`).toBe(HEADER_HEIGHT);
    };
    p.allocations.forEach((a, k) => {
      const b = allocBlocks[k] ?? outOfBounds();
      const headers = [
        ALLOCATION_COLUMNS.idx[lang],
        COLUMNS.enterprise[lang],
        COLUMNS.group[lang],
        COLUMNS.owner[lang],
        COLUMNS.profile[lang],
        ALLOCATION_COLUMNS.annual[lang],
        ...periodLabels(a.grid, lang),
        ALLOCATION_COLUMNS.periodsCheck[lang],
      ];
      check(S.allocation, b.total - 1, headers);
      check(S.allocation, b.header, headers);
    });
    const progressHeaders = PROGRESS.headers(lang);
    expect(progressHeaders.slice(0, 3)).toEqual(
      lang === 'zh' ? ['序号', '指标', '企业/分组'] : ['No.', 'Indicator', 'Enterprise / group'],
    );
    for (const ip of p.progress) {
      const b = blocks.get(ip.indicator) as ProgressBlock;
      check(S.progress, b.area - 1, progressHeaders);
      if (ip.rows.length > 0) check(S.progress, b.header, progressHeaders);
    }
    const summaryHeader = S.summary.rows.findIndex(
      (row) => row[0]?.v === SUMMARY.headers(lang)[0] && row[0]?.style === 'header',
    );
    check(S.summary, summaryHeader, SUMMARY.headers(lang));
    expect(SUMMARY.headers(lang).slice(-FLAGS.length - 1, -1)).toEqual(FLAGS.map(FLAG));
  });

  it('gives the allocation check cells that, evaluated over the sheet, say the parts add up', () => {
    const checks = S.allocation.rows.flatMap((row) =>
      row.flatMap((c) => (c?.style === 'check' && c.f !== undefined ? [{ c, f: c.f }] : [])),
    );
    // Per indicator: a periods check on each enterprise and on the total, and the total against
    // the target.
    expect(checks).toHaveLength(p.allocations.reduce((n, a) => n + shownRows(p, a).length + 2, 0));
    for (const { c, f } of checks) {
      expect(c.v, f).toBe(0);
      expect(evaluate(S.allocation, f), f).toBe(0);
    }
    // The checks see a part that does not add up: one more in a period of the first enterprise.
    const b = allocBlocks[0] ?? outOfBounds();
    const broken: SheetSpec = {
      ...S.allocation,
      rows: S.allocation.rows.map((row, r) =>
        r !== b.first ? row : row.map((c, col) => (col === 6 ? { v: Number(c?.v) + 1 } : c)),
      ),
    };
    const failing = checks.filter(({ f }) => evaluate(broken, f) !== 0).map(({ f }) => f);
    expect(failing).toHaveLength(2);
    expect(failing.map((f) => evaluate(broken, f))).toEqual([-1, -1]);
    expect(failing.map((f) => Number(f.match(/\d+/)?.[0])).sort((x, y) => x - y)).toEqual(
      [b.total + 1, b.first + 1].sort((x, y) => x - y),
    );
  });

  it('caches the engine’s parts, totals and subtotals in the allocation', () => {
    p.allocations.forEach((a, k) => {
      const b = allocBlocks[k] ?? outOfBounds();
      const v = (r: number): CellValue[] => (S.allocation.rows[r] ?? []).map((c) => c?.v ?? null);
      expect(v(b.section).slice(2, 4)).toEqual([t(lang, '年度目标', 'Target'), a.total]);
      shownRows(p, a).forEach(({ row, i }, k) => {
        expect(v(b.first + k).slice(0, 6 + row.periods.length), row.enterprise).toEqual([
          i + 1,
          row.enterprise,
          row.group ?? null,
          input.enterprises[i]?.owner ?? null,
          row.profile,
          row.annual,
          ...row.periods,
        ]);
      });
      expect(v(b.total).slice(5, 6 + a.periodTotals.length)).toEqual([a.total, ...a.periodTotals]);
      const round = (x: number): number => Number(x.toFixed(a.decimals));
      for (const r of b.groups) {
        const members = shownRows(p, a)
          .map((x) => x.row)
          .filter((x) => x.group === v(r)[2]);
        expect(members.length).toBeGreaterThan(0);
        expect(v(r).slice(5, 6 + a.periodTotals.length)).toEqual([
          round(members.reduce((s, x) => s + x.annual, 0)),
          ...a.periodTotals.map((_, q) =>
            round(members.reduce((s, x) => s + (x.periods[q] ?? 0), 0)),
          ),
        ]);
      }
      expect(b.groups).toHaveLength(
        new Set(
          shownRows(p, a)
            .map((x) => x.row.group)
            .filter(Boolean),
        ).size,
      );
    });
  });

  it('caches the engine’s progress figures for every enterprise, group and area row', () => {
    const ind = (name: string) => input.indicators.find((i) => i.name === name);
    let checked = 0;
    for (const ip of p.progress) {
      const b = blocks.get(ip.indicator) as ProgressBlock;
      const indicator = ind(ip.indicator);
      const rate = ip.kind === 'rate';
      const hasGrowth = rate || indicator?.targetGrowth !== undefined;
      type Figures = (typeof ip.rows)[number] | typeof ip.area;
      const expected = (f: Figures): Partial<Record<Parameters<typeof P>[0], CellValue>> => ({
        target: f.target,
        ytd: blank(f.ytd),
        last: blank(f.lastYtd),
        gap: blank(f.gap),
        yoy: blank(f.yoy),
        ggap: hasGrowth ? blank(f.growthGap) : null,
        flag: FLAG(f.flag),
        failed: failedText(lang, f.failed),
        ...(rate
          ? {}
          : {
              compl: blank(f.completion),
              sched: p.schedule,
              short: blank(f.shortfall),
              need: blank(f.paceNeeded),
              so: blank(f.paceSoFar),
              ratio: blank(f.paceRatio),
            }),
      });
      const actual = (r: number, keys: string[]): Record<string, CellValue> =>
        Object.fromEntries(keys.map((k) => [k, S.progress.rows[r]?.[P(k as 'idx')]?.v ?? null]));
      for (const row of ip.rows) {
        const r = b.rows.get(row.index) as number;
        expect(r, `${ip.indicator} ${row.enterprise}`).toBeDefined();
        const want = {
          ...expected(row),
          name: row.enterprise,
          group: row.group ?? null,
          owner: input.enterprises[row.index]?.owner ?? null,
          rank: blank(row.rank),
          grank: row.group ? blank(row.groupRank) : null,
          ...(rate || !p.allocations.some((a) => a.indicator === ip.indicator)
            ? {}
            : { planned: blank(row.planned) }),
        };
        expect(actual(r, Object.keys(want)), `${ip.indicator} ${row.enterprise}`).toEqual(want);
        checked++;
      }
      for (const g of [ip.area, ...ip.groups]) {
        const r = g.group === null ? b.area : (b.groups.get(g.group) as number);
        expect(r, `${ip.indicator} ${g.group ?? 'area'}`).toBeGreaterThanOrEqual(0);
        const want = {
          ...expected(g),
          group: g.group,
          likeCur: blank(g.ytdLike),
          likeLast: blank(g.lastYtd),
          ...(rate ? {} : { planned: blank(g.planned) }),
        };
        expect(actual(r, Object.keys(want)), `${ip.indicator} ${g.group ?? 'area'}`).toEqual(want);
        checked++;
      }
      expect([...b.groups.keys()].sort()).toEqual(ip.groups.map((g) => g.group).sort());
    }
    expect(checked).toBeGreaterThan(p.progress.length * 3);
  });

  it('caches the engine’s area figures and flag counts in the summary', () => {
    for (const ip of p.progress) {
      const row = S.summary.rows.find((x) => {
        const c = x[0];
        return c?.v === ip.indicator && c.style !== 'header';
      });
      const v = (k: Parameters<typeof SUMMARY.index>[0]): CellValue =>
        row?.[SUMMARY.index(k)]?.v ?? null;
      const rate = ip.kind === 'rate';
      expect(
        [v('unit'), v('target'), v('ytd'), v('gap'), v('yoy'), v('flag'), v('failed'), v('count')],
        ip.indicator,
      ).toEqual([
        ip.unit,
        ip.area.target,
        blank(ip.area.ytd),
        blank(ip.area.gap),
        blank(ip.area.yoy),
        FLAG(ip.area.flag),
        failedText(lang, ip.area.failed),
        ip.rows.length,
      ]);
      if (!rate) expect([v('compl'), v('sched')]).toEqual([blank(ip.area.completion), p.schedule]);
      expect(FLAGS.map((f) => v(`n:${f}`))).toEqual(FLAGS.map((f) => ip.counts[f]));
      expect(FLAGS.reduce((n, f) => n + ip.counts[f], 0)).toBe(ip.rows.length);
    }
  });

  it('keeps every promise that a formula is a copy of the one above, and makes them down each table', () => {
    for (const s of [S.allocation, S.progress, S.helper]) {
      let promises = 0;
      s.rows.forEach((row, r) =>
        row.forEach((c, col) => {
          if (!c?.down) return;
          const above = s.rows[r - 1]?.[col];
          const where = `${s.name} row ${r + 1} col ${col + 1}`;
          expect(above?.f, where).toBeDefined();
          expect(copyKey(c.f as string, r), where).toBe(copyKey(above?.f as string, r - 1));
          expect(copyKey(c.f as string, r), where).toBeDefined();
          expect([c.fmt, c.style], where).toEqual([above?.fmt, above?.style]);
          promises++;
        }),
      );
      expect(promises, s.name).toBeGreaterThan(0);
    }
    // In the enterprise tables, each formula below the first row is promised as a copy.
    for (const ip of p.progress) {
      const b = blocks.get(ip.indicator) as ProgressBlock;
      for (let r = b.first + 1; r <= b.last; r++)
        (S.progress.rows[r] ?? []).forEach((c, col) => {
          if (c?.f !== undefined && S.progress.rows[r - 1]?.[col]?.f !== undefined)
            expect(c.down, `${S.progress.name} row ${r + 1} col ${col + 1}`).toBe(true);
        });
    }
  });

  it('SORT-SAFETY: a formula in an enterprise row refers only to its own row or to absolute ranges', () => {
    const regions = new Map<string, [number, number][]>([
      [lower(S.allocation.name), allocBlocks.map((b) => [b.first + 1, b.last + 1])],
      [
        lower(S.progress.name),
        [...blocks.values()].filter((b) => b.first >= 0).map((b) => [b.first + 1, b.last + 1]),
      ],
    ]);
    let formulas = 0;
    const scan = (s: SheetSpec, first: number, last: number): void => {
      for (let r = first; r <= last; r++)
        for (const c of s.rows[r] ?? []) {
          if (c?.f === undefined) continue;
          formulas++;
          expect(sortHazards(c.f, r, s.name, regions), `${s.name} row ${r + 1}: ${c.f}`).toEqual(
            [],
          );
        }
    };
    for (const b of allocBlocks) scan(S.allocation, b.first, b.last);
    for (const b of blocks.values()) if (b.first >= 0) scan(S.progress, b.first, b.last);
    expect(formulas).toBeGreaterThan(p.progress.length * 10);
  });

  it('puts each indicator’s enterprise rows in a region of their own, apart from the totals', () => {
    const apart = (
      s: SheetSpec,
      header: number,
      last: number,
      aggregates: number[],
      what: string,
    ): void => {
      expect(isBlankRow(s, header - 1), `${what}: blank above the header`).toBe(true);
      expect(isBlankRow(s, last + 1), `${what}: blank below the last row`).toBe(true);
      for (let r = header; r <= last; r++)
        expect(isBlankRow(s, r), `${what} row ${r + 1}`).toBe(false);
      for (const r of aggregates)
        expect(r < header - 1 || r > last + 1, `${what}: aggregate row ${r + 1}`).toBe(true);
    };
    p.allocations.forEach((a, k) => {
      const b = allocBlocks[k] ?? outOfBounds();
      apart(S.allocation, b.header, b.last, [b.total, ...b.groups, b.check], a.indicator);
      expect(b.check).toBeLessThan(b.header - 1);
    });
    let firstTable: ProgressBlock | undefined;
    for (const ip of p.progress) {
      const b = blocks.get(ip.indicator) as ProgressBlock;
      if (ip.rows.length === 0) continue;
      firstTable ??= b;
      expect(b.last - b.first + 1, ip.indicator).toBe(ip.rows.length);
      // The enterprise rows are the rows between header and last, in input order.
      expect([...b.rows.entries()].sort((x, y) => x[1] - y[1]).map(([i]) => i)).toEqual(
        ip.rows.map((x) => x.index),
      );
      apart(S.progress, b.header, b.last, [b.area, ...b.groups.values()], ip.indicator);
    }
    if (firstTable)
      expect(S.progress.autoFilter).toBe(
        `A${firstTable.header + 1}:${PROGRESS.lastPrinted()}${firstTable.last + 1}`,
      );
  });

  it('leaves an enterprise out of the tables of an indicator that does not concern it', () => {
    for (const ip of p.progress) {
      const b = blocks.get(ip.indicator) as ProgressBlock;
      const concerned = new Set(ip.rows.map((x) => x.index));
      expect(new Set(b.rows.keys())).toEqual(concerned);
      const names = new Set(
        S.progress.rows
          .filter((row) => row[P('ind')]?.v === ip.indicator)
          .map((row) => row[P('name')]?.v),
      );
      input.enterprises.forEach((e, i) => {
        if (!concerned.has(i)) expect(names.has(e.name), `${ip.indicator}: ${e.name}`).toBe(false);
      });
      // Groups with no enterprise the indicator concerns have no subtotal.
      const groups = new Set(ip.rows.map((x) => x.group).filter(Boolean));
      expect(new Set(b.groups.keys())).toEqual(groups);
    }
  });

  it('holds in the helper’s data check what its formulas compute from 实绩, and says so on top', () => {
    const A = R.layout.actuals;
    expect(A).toBeDefined();
    if (!A) return;
    const src = {
      rows: A.cells,
      year: A.year,
      month: A.month,
      enterprise: A.enterprise,
      ...(A.creditCode !== undefined ? { creditCode: A.creditCode } : {}),
      valueCols: input.indicators.map((i) => A.values[i.name]),
    };
    const live = liveActuals(
      src,
      input,
      p.year,
      input.settings.reportMonth,
      input.settings.actualsBasis === 'monthly',
      A.cells.length,
    );
    const counts: LiveCounts = liveCounts(live, src, A.headerRow + 2, Infinity, Infinity);
    const param = (label: string): CellSpec | undefined =>
      S.helper.rows.find((row) => row[0]?.v === label)?.[1] ?? undefined;
    for (const c of CHECKS) {
      const cell = param(t(lang, c.zh, c.en));
      expect(cell?.f, c.key).toBeDefined();
      expect(cell?.v, c.key).toBe(counts[c.key]);
    }
    const total = CHECKS.reduce((n, c) => n + counts[c.key], 0);
    expect(param(t(lang, '数据检查合计', 'Data check total'))?.v).toBe(total);
    expect(param(t(lang, '最末一个未匹配行（实绩）', 'Last unmatched row (actuals)'))?.v).toBe(
      counts.firstUnmatched,
    );
    // The summary's check table, one problem per row.
    for (const c of CHECKS) {
      const row = S.summary.rows.find((x) => x[0]?.v === t(lang, c.zh, c.en));
      expect(row?.[1]?.v, c.key).toBe(counts[c.key]);
      expect(row?.[1]?.f).toMatch(/^'[^']+'!\$B\$\d+$/);
    }
    // The banner on 序时进度!A4 and 汇总!A4.
    const banner =
      total === 0
        ? t(lang, '实绩数据检查：无异常', 'Actuals check: all clear')
        : t(lang, '实绩数据检查：', 'Actuals check: ') +
          CHECKS.filter((c) => counts[c.key] > 0)
            .map((c) => `${t(lang, c.zh, c.en)} ${counts[c.key]}${t(lang, '；', '; ')}`)
            .join('') +
          (counts.firstUnmatched === ''
            ? ''
            : t(
                lang,
                `（最末未匹配：实绩第 ${counts.firstUnmatched} 行）`,
                `(last unmatched: actuals row ${counts.firstUnmatched})`,
              ));
    for (const s of [S.progress, S.summary]) {
      expect(cellAt(s, 'A4')?.v, s.name).toBe(banner);
      expect(cellAt(s, 'A4')?.f, s.name).toMatch(/^IF\('[^']+'!\$B\$\d+=0,/);
    }
  });

  it('prints every sheet on A4, one page wide, the guide and the bulletin portrait, the rest landscape', () => {
    for (const s of spec.sheets) {
      expect(s.print, s.name).toMatchObject({
        paper: 'A4',
        orientation: s === S.guide || s === S.bulletin ? 'portrait' : 'landscape',
        fitWidth: 1,
      });
      expect(s.print?.footer?.right, s.name).toContain('&P');
    }
    for (const s of [S.allocation, S.progress, S.summary])
      expect(s.print?.titleRows?.first).toBe(1);
  });

  it('leaves the like-for-like columns out of 序时进度’s print area', () => {
    const noPrint = PROGRESS.decls.filter((d) => d.noPrint).map((d) => d.key);
    expect(noPrint).toEqual([
      'likeCur',
      'likeLast',
      'rkey',
      'gno',
      'uno',
      'sevS',
      'sevG',
      'lmYtd',
      'lmLast',
      'lmKey',
      'lmGap',
      'lmGgap',
    ]);
    const area = S.progress.print?.area ?? '';
    const m = /^A1:([A-Z]+)(\d+)$/.exec(area);
    expect(m, area).not.toBeNull();
    const lastCol = columnIndex(m?.[1] as string);
    expect(Number(m?.[2])).toBe(S.progress.rows.length);
    for (const d of PROGRESS.decls)
      expect(PROGRESS.index(d.key) <= lastCol, d.key).toBe(!d.noPrint);
    // The like-for-like columns hold the aggregates' figures all the same (their year-on-year
    // formulas use them); an enterprise row's year on year reads its own two figures.
    const b = [...blocks.values()].find((x) => x.first >= 0) as ProgressBlock;
    expect(S.progress.rows[b.area]?.[P('likeCur')]?.f).toBeDefined();
    expect(S.progress.rows[b.first]?.[P('likeCur')]?.f).toBeUndefined();
  });

  it('begins each title with the area and the period, live', () => {
    const param = (zh: string, en: string): string => {
      const r = S.helper.rows.findIndex((row) => row[0]?.v === t(lang, zh, en));
      expect(r, zh).toBeGreaterThan(0);
      return `'${S.helper.name}'!$B$${r + 1}`;
    };
    const area = param('地区', 'Area');
    const year = param('年度', 'Year');
    const period = param('期间', 'Period');
    const prefix = input.settings.area ? `${input.settings.area} ` : '';
    const months = t(lang, `1-${p.reportMonth}月`, `months 1-${p.reportMonth}`);
    for (const s of [S.allocation, S.progress, S.summary, S.guide]) {
      const title = cellAt(s, 'A1');
      expect(title?.style).toBe('title');
      expect(title?.f?.startsWith(`${area}&${year}&`), `${s.name}: ${title?.f}`).toBe(true);
      expect(title?.v).toBe(concat(spec, title?.f as string));
      expect(String(title?.v).startsWith(`${prefix}${p.year}`), String(title?.v)).toBe(true);
      if (s !== S.allocation) {
        expect(title?.f).toContain(`&${period}&`);
        expect(String(title?.v)).toContain(months);
      }
    }
  });
});

// ------------------------------------------------------------------ the hand-built workbook

describe.each<Lang>(['zh', 'en'])('the hand-built workbook in %s', (lang) => {
  const { spec, plan: p } = HAND[lang];
  const S = sheetsOf(spec);

  it('writes the enterprises named like formulas as text, never as formulas', () => {
    // The bulletin is text: names there are values (writers write a value as text, never a formula).
    const cells = spec.sheets.filter((s) => s !== S.bulletin).flatMap((s) => s.rows.flat());
    for (const c of S.bulletin.rows.flat()) expect(c?.f).toBeUndefined();
    for (const name of FORMULA_NAMES) {
      const named = cells.filter((c): c is CellSpec => c?.v === name);
      // As a value once, in the helper's enterprise table; everywhere else as the cached result
      // of a formula that looks it up by 序号 (INDEX(…)&""), which never holds the name.
      const values = named.filter((c) => c.f === undefined);
      expect(values.length, name).toBe(1);
      expect(S.helper.rows.flat().includes(values[0] ?? outOfBounds()), name).toBe(true);
      expect(named.filter((c) => c.f !== undefined).length, name).toBeGreaterThanOrEqual(3 + 2);
      for (const c of named) if (c.f !== undefined) expect(c.f, name).not.toContain(name);
      expect(cells.filter((c) => c?.f === name.slice(1) || c?.f === name)).toEqual([]);
      for (const s of [S.allocation, S.progress])
        for (const row of s.rows)
          for (const c of row)
            if (c?.v === name) expect(c.f, `${s.name}: ${name}`).toMatch(/^INDEX\(.*\)&""$/);
    }
  });

  it('leaves out of 投资 the enterprise it does not concern (no base, no figures)', () => {
    const ip = p.progress.find((x) => x.indicator === '投资');
    expect(ip?.rows.map((x) => x.enterprise)).toEqual(['甲厂', '乙厂', '=1+1', '+x']);
    const names = S.progress.rows
      .filter((row) => row[P('ind')]?.v === '投资')
      .map((row) => row[P('name')]?.v);
    expect(names).not.toContain('@y');
    expect(names).toContain('+x');
  });

  it('looks each enterprise’s target up in 分解结果 by its 序号, at the cell with its part', () => {
    const m = (f: string) =>
      /^INDEX\('([^']+)'!(\$F\$\d+:\$F\$\d+),MATCH\(\$A(\d+),'([^']+)'!(\$A\$\d+:\$A\$\d+),0\)\)$/.exec(
        f,
      );
    let n = 0;
    for (const ip of p.progress) {
      const b = progressBlock(S.progress, ip.indicator, lang);
      for (const [, r] of b.rows) {
        const c = S.progress.rows[r]?.[P('target')];
        const parts = m(c?.f ?? '');
        expect(parts, c?.f).not.toBeNull();
        expect([parts?.[1], parts?.[4], parts?.[3]]).toEqual([
          S.allocation.name,
          S.allocation.name,
          String(r + 1),
        ]);
        const idx = S.progress.rows[r]?.[P('idx')]?.v;
        const [from] = (parts?.[5] as string).replace(/\$/g, '').split(':') as [string];
        const first = parseA1(from).row;
        const at = S.allocation.rows.findIndex((row, k) => k >= first && row[0]?.v === idx);
        expect(S.allocation.rows[at]?.[5]?.v).toBe(c?.v);
        n++;
      }
    }
    expect(n).toBe(p.progress.reduce((k, ip) => k + ip.rows.length, 0));
  });

  it('finds the area rows of 序时进度 from the summary by their label, by the sheet’s name', () => {
    const AREA =
      /^INDEX\('([^']+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+),MATCH\("([^"]+)",'([^']+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+),0\)\)$/;
    let n = 0;
    for (const row of S.summary.rows)
      for (const c of row) {
        const m = AREA.exec(c?.f ?? '');
        if (!m) continue;
        const [, sheet, col, from, to, label, sheet2, nameCol] = m as unknown as string[];
        expect([sheet, sheet2]).toEqual([S.progress.name, S.progress.name]);
        // The label is found in the name column, within the rows the value column spans.
        const rows = Array.from(
          { length: Number(to) - Number(from) + 1 },
          (_, k) => Number(from) + k,
        );
        const hit = rows.find((r) => cellAt(S.progress, `${nameCol}${r}`)?.v === label);
        expect(hit, c?.f).toBeDefined();
        expect(cellAt(S.progress, `${col}${hit}`)?.v, c?.f).toBe(c?.v);
        n++;
      }
    expect(n).toBeGreaterThanOrEqual(p.progress.length * 6);
  });
});

describe('an Actuals sheet under another name', () => {
  const R = hand('zh', 'Actuals');
  const helper = sheetsOf(R.spec).helper;

  it('is what the helper reads, by that name', () => {
    const formulas = helper.rows.flat().flatMap((c) => (c?.f ? [c.f] : []));
    expect(formulas.filter((f) => f.includes("'Actuals'!")).length).toBeGreaterThan(10);
    expect(formulas.filter((f) => f.includes("'实绩'!"))).toEqual([]);
    // And its figures are those of the workbook with 实绩.
    expect(R.plan.progress).toEqual(HAND.zh.plan.progress);
  });
});

// ------------------------------------------------------------------ the bundled example

describe.each<Lang>(['zh', 'en'])('the bundled example in %s', (lang) => {
  const { spec, input } = EX[lang];
  const S = sheetsOf(spec);

  it('finds the three cumulative figures that fall from July to August, and says so', () => {
    const param = (key: CheckKey): CellValue | undefined => {
      const c = CHECKS.find((x) => x.key === key);
      return S.helper.rows.find((row) => row[0]?.v === t(lang, c?.zh ?? '', c?.en ?? ''))?.[1]?.v;
    };
    expect(CHECKS.map((c) => param(c.key))).toEqual(CHECKS.map((c) => (c.key === 'falls' ? 3 : 0)));
    const banner = t(
      lang,
      '实绩数据检查：累计值比上月减少 3；',
      'Actuals check: Cumulative figures that fall 3; ',
    );
    expect(cellAt(S.progress, 'A4')?.v).toBe(banner);
    expect(cellAt(S.summary, 'A4')?.v).toBe(banner);
    // Which: the helper's enterprise table flags them, one per enterprise and indicator.
    const header = S.helper.rows[4] ?? [];
    const nameCol = header.map((c) => c?.v).lastIndexOf(t(lang, '企业名称', 'Enterprise'));
    const flagged: string[] = [];
    for (const ind of input.indicators) {
      const col = header.findIndex(
        (c) => c?.v === t(lang, `回落：${ind.name}`, `Falls: ${ind.name}`),
      );
      expect(col, ind.name).toBeGreaterThan(nameCol);
      for (const row of S.helper.rows)
        if (row[col]?.v === 1) flagged.push(`${String(row[nameCol]?.v)} ${ind.name}`);
    }
    expect(flagged.sort()).toEqual(
      ['浙江华都新能源 到位市外内资', '石普铝业 制造业投资', '中穗米厂 到位市外内资'].sort(),
    );
  });

  it('leaves the enterprises outside the 规上 directory out of 规上工业产值', () => {
    const ip = EX[lang].plan.progress.find((x) => x.indicator === '规上工业产值');
    expect(ip?.rows.length).toBeGreaterThan(0);
    expect(ip?.rows.length).toBeLessThan(input.enterprises.length);
  });
});

describe.each(VARIANTS)('序时进度’s changes since last month: %s', (_name, R) => {
  const S = sheetsOf(R.spec);
  const cell = (r: number, c: Parameters<typeof P>[0]): CellSpec | null =>
    S.progress.rows[r]?.[P(c)] ?? null;
  const value = (r: number, c: Parameters<typeof P>[0]): CellValue | undefined =>
    cell(r, c)?.v ?? undefined;
  const monthly = R.input.settings.actualsBasis === 'monthly';
  const schedule = S.helper.rows.find(
    (row) => row[0]?.v === t(R.lang, '上月序时进度', 'Last month schedule'),
  )?.[1]?.v;
  /**
   * Last month's gap and growth gap of a row: an area or group row's cached cells; an enterprise
   * row has none, so they are worked out here from its cached last-month figures, its target and
   * the helper's last-month schedule.
   */
  const lastGapsOf = (
    r: number,
    ip: IndicatorProgress,
  ): [CellValue | undefined, CellValue | undefined] => {
    if (cell(r, 'lmGap')?.f !== undefined) return [value(r, 'lmGap'), value(r, 'lmGgap')];
    const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
    const [ytd, last, target] = [value(r, 'lmYtd'), value(r, 'lmLast'), value(r, 'target')];
    const yoy =
      typeof ytd === 'number' && typeof last === 'number' && last !== 0 ? ytd / last - 1 : null;
    const growth = R.input.indicators.find((i) => i.name === ip.indicator)?.targetGrowth;
    if (typeof target !== 'number') throw new Error(`${ip.indicator} row ${r + 1}: no target`);
    if (ip.kind === 'rate') return [yoy === null ? '' : round6((yoy - target) * 100), ''];
    return [
      typeof ytd === 'number' && target !== 0
        ? round6((ytd / target - Number(schedule)) * 100)
        : '',
      yoy !== null && growth !== undefined ? round6((yoy - growth) * 100) : '',
    ];
  };
  /** Last month's flag from a row's gaps: the worse level of the two, counted here. */
  const lastFlagOf = (r: number, ip: IndicatorProgress): Flag | null => {
    if (R.round.lastMonth === null) return null;
    const { behindThreshold: b, seriousThreshold: s } = R.input.settings;
    const levelOf = (g: CellValue | undefined): number => {
      if (typeof g !== 'number') return -1;
      const bad = ip.direction === 'higher' ? -g : g;
      return bad <= 0 ? 0 : bad <= b ? 1 : bad <= s ? 2 : 3;
    };
    const lvl = Math.max(...lastGapsOf(r, ip).map(levelOf));
    return lvl < 0 ? 'noData' : (FLAGS[lvl] ?? outOfBounds());
  };

  it('has a formula in each change column of every enterprise row', () => {
    for (const ip of R.plan.progress) {
      const b = progressBlock(S.progress, ip.indicator, R.lang);
      for (const r of b.rows.values())
        for (const c of ['lmRank', 'rchg', 'lmFlag', 'trend', 'gchg', 'lmYtd', 'lmKey'] as const)
          expect(cell(r, c)?.f, `${ip.indicator} row ${r + 1} ${c}`).toBeDefined();
    }
  });

  it.runIf(monthly)('sums last month’s figures over months 1 to 上月 with monthly actuals', () => {
    const b = progressBlock(S.progress, R.plan.progress[0]?.indicator ?? '', R.lang);
    const r = b.rows.values().next().value ?? outOfBounds();
    expect(cell(r, 'lmYtd')?.f).toMatch(/^IF\('[^']+'!\$B\$\d+="","",IF\(ISNUMBER\(INDEX\(/);
    expect(cell(r, 'lmYtd')?.f?.match(/N\(INDEX\(/g)).toHaveLength(12);
  });

  it('caches last month’s figures from which the engine’s rank, flag and gap change follow', () => {
    for (const ip of R.plan.progress) {
      const b = progressBlock(S.progress, ip.indicator, R.lang);
      const changes = R.round.indicators.find((x) => x.indicator === ip.indicator);
      const keys = [...b.rows.values()].map((r) => value(r, 'lmKey'));
      const better = (a: number, k: number): boolean => (ip.direction === 'higher' ? a > k : a < k);
      ip.rows.forEach((row, i) => {
        const r = b.rows.get(row.index) ?? outOfBounds();
        const ch = changes?.enterprises[i] ?? outOfBounds();
        const where = `${ip.indicator} ${row.enterprise}`;
        // Last month's rank from the cached rank keys, as COUNTIF ranks (an independent count).
        const key = value(r, 'lmKey');
        const rank =
          typeof key === 'number'
            ? 1 + keys.filter((k) => typeof k === 'number' && better(k, key)).length
            : null;
        expect(rank, `${where}: last month's rank`).toBe(ch.lastRank);
        expect(value(r, 'lmRank'), where).toBe(blank(ch.lastRank));
        // Last month's flag from the cached gaps, as the CHOOSE picks it.
        expect(lastFlagOf(r, ip), `${where}: last month's flag`).toBe(ch.lastFlag);
        expect(value(r, 'lmFlag'), where).toBe(
          ch.lastFlag === null ? '' : FLAG_LABELS[ch.lastFlag][R.lang],
        );
        // The gap change from the gaps (last month's worked out: no cell on an enterprise row).
        expect(cell(r, 'lmGap')?.f, `${where}: no gap cell`).toBeUndefined();
        const gap = value(r, 'gap');
        const [lmGap] = lastGapsOf(r, ip);
        if (ch.gapChange === null) expect(gap === '' || lmGap === '', where).toBe(true);
        else expect(Number(gap) - Number(lmGap), where).toBeCloseTo(ch.gapChange, 6);
        if (ch.rankChange === null) expect(value(r, 'rchg'), where).toBe('');
        if (ch.trend === null) expect(value(r, 'trend'), where).toBe('');
      });
      // The area and group rows: last month's flag from their cached level, the gap change.
      const aggs: [number, Change | undefined][] = [
        [b.area, changes?.area],
        ...ip.groups.map(
          (g, k) =>
            [b.groups.get(g.group ?? '') ?? -1, changes?.groups[k]] as [number, Change | undefined],
        ),
      ];
      for (const [r, ch] of aggs) {
        if (!ch) throw new Error(`${ip.indicator}: no change for row ${r + 1}`);
        const where = `${ip.indicator} row ${r + 1}`;
        expect(lastFlagOf(r, ip), `${where}: last month's flag`).toBe(ch.lastFlag);
        const gap = value(r, 'gap');
        const lmGap = value(r, 'lmGap');
        if (ch.gapChange === null) expect(gap === '' || lmGap === '', where).toBe(true);
        else expect(Number(gap) - Number(lmGap), where).toBeCloseTo(ch.gapChange, 6);
        expect(cell(r, 'lmRank')?.f, `${where}: no rank`).toBeUndefined();
      }
    }
  });
});

describe('序时进度’s changes since last month, worked by hand', () => {
  it('the example (months 7 and 8): last month is July, and ranks moved', () => {
    const R = EX.zh;
    expect(R.round.lastMonth).toBe(7);
    const S = sheetsOf(R.spec);
    const b = progressBlock(S.progress, '工业总产值', 'zh');
    const texts = [...b.rows.values()].map((r) => S.progress.rows[r]?.[P('rchg')]?.v);
    // Every enterprise has July and August figures: ranked both months, none new.
    expect(
      texts.every((x) => typeof x === 'string' && /^(↑\d+|↓\d+|—)$/.test(x)),
      String(texts),
    ).toBe(true);
    expect(texts.some((x) => x !== '—')).toBe(true);
  });

  it('the hand-built workbook (June only): May has no figures, so every ranked row is new', () => {
    const R = HAND.zh;
    expect(R.round.lastMonth).toBe(5);
    const S = sheetsOf(R.spec);
    for (const ip of R.plan.progress) {
      const b = progressBlock(S.progress, ip.indicator, 'zh');
      ip.rows.forEach((row) => {
        const r = b.rows.get(row.index) ?? outOfBounds();
        const at = (c: Parameters<typeof P>[0]): CellValue | undefined =>
          S.progress.rows[r]?.[P(c)]?.v ?? undefined;
        expect(at('rchg'), row.enterprise).toBe(row.rank === null ? '' : '新');
        expect(at('lmRank'), row.enterprise).toBe('');
        expect(at('lmFlag'), row.enterprise).toBe('无数据');
        expect(at('trend'), row.enterprise).toBe('');
        expect(at('gchg'), row.enterprise).toBe('');
      });
    }
  });
});

describe('序时进度’s last month with 1-2月 combined (the engine’s previousMonths)', () => {
  const param = (R: Rendered, label: string): CellSpec | null => {
    const { helper } = sheetsOf(R.spec);
    const r = helper.rows.findIndex((row) => row[0]?.v === label);
    return helper.rows[r]?.[1] ?? null;
  };
  it.each([
    [2, true, ''],
    [3, true, 2],
    [2, false, 1],
    [1, false, ''],
  ] as const)('report month %i, combined %s: last month %j', (month, combine, last) => {
    const R = example(richExample({ combineJanFeb: combine, reportMonth: month }), 'zh');
    expect(R.round.lastMonth).toBe(last === '' ? null : last);
    const lm = param(R, '上月');
    expect(lm?.v).toBe(last);
    // The live formula says the same: blank below month 2 (3 when combined).
    expect(lm?.f).toContain(`-1<${combine ? 2 : 1}`);
    const S = sheetsOf(R.spec);
    for (const ip of R.plan.progress) {
      const b = progressBlock(S.progress, ip.indicator, 'zh');
      for (const r of b.rows.values())
        if (last === '') expect(S.progress.rows[r]?.[P('lmFlag')]?.v, ip.indicator).toBe('');
        else expect(S.progress.rows[r]?.[P('lmFlag')]?.v, ip.indicator).not.toBe('');
    }
  });
});
