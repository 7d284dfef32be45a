/**
 * Nothing lost, nothing silent, on any workbook: the bundled example's grids, mutated at random
 * (a cell replaced by text, a number, a blank, a formula whose result is empty or missing, a
 * huge or tiny number, text longer than a cell; rows repeated or deleted; a header renamed or
 * repeated; a sheet removed or repeated under its other name), through the whole pipeline.
 *
 * Whatever the mutation, `runPipeline` never throws, and either
 * - plans, and every number it would write is finite and every text fits an Excel cell (the
 *   writers refuse anything else, naming an output cell the user never typed in); or
 * - fails with errors, each naming a sheet of the workbook (or the missing sheet it wants), and
 *   a cell unless the fault is a whole sheet's;
 * and never plans with two sheets for one role. A formula whose cached result is empty (`""`)
 * reads as a blank cell would: the same plan, or the same errors at the same cells, the formula
 * named where the blank is reported as missing.
 *
 * From one fixed seed (tests/engine/runs.ts); a few hundred pipelines take a few seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeError, type ErrorCode, type FenjieError } from '../../src/engine';
import type { RawCell, SheetGrid, WorkbookGrids } from '../../src/workbook/grid';
import { INPUT_SHEETS, matchesName, SHEETS, type InputSheet } from '../../src/workbook/names';
import { runPipeline } from '../../src/workbook/pipeline';
import { exampleWorkbook } from '../../src/workbook/template';
import { runs } from '../engine/runs';
import { specToGrids } from '../helpers/spec-grids';
import { EXAMPLE } from '../helpers/variants';

const EXAMPLES = {
  zh: specToGrids(exampleWorkbook(EXAMPLE, 'zh')),
  en: specToGrids(exampleWorkbook(EXAMPLE, 'en')),
};
const OPTIONS = { today: { y: 2025, m: 9, d: 3 }, generatedAt: '2025-09-03 10:30' } as const;

/** Faults of a whole sheet: these name the sheet and no cell. */
const SHEET_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'MissingSheet',
  'DuplicateSheet',
  'NoEnterprises',
  'NoIndicators',
]);

/** The other name of each input sheet, for a sheet repeated under it. */
const OTHER_NAME: Readonly<Record<string, string>> = {
  参数: 'Settings',
  目标: 'Targets',
  企业: 'Enterprises',
  基数: 'Base',
  权重: 'Weights',
  约束: 'Constraints',
  时间分布: 'Profiles',
  实绩: 'Actuals',
  Settings: '参数',
  Targets: '目标',
  Enterprises: '企业',
  Base: '基数',
  Weights: '权重',
  Constraints: '约束',
  Profiles: '时间分布',
  Actuals: '实绩',
};

const EMPTY_RESULT: RawCell = { formula: 'IF(A1="","",A1)', result: '' };

/** Huge and tiny numbers, as numbers and as typed text. */
const extremeArb: fc.Arbitrary<RawCell> = fc
  .tuple(fc.integer({ min: -323, max: 308 }), fc.boolean(), fc.boolean())
  .filter(([e]) => e >= 16 || e <= -7)
  .map(([e, neg, asText]): RawCell => {
    const v = Number(`${neg ? '-' : ''}1e${e}`);
    return asText ? String(v) : v;
  });

/** Text longer than a name may be (half a cell), or than a whole cell; written out when applied. */
interface LongText {
  readonly long: number;
}
type Value = RawCell | LongText;
const isLong = (v: Value): v is LongText => v !== null && typeof v === 'object' && 'long' in v;
const longTextArb: fc.Arbitrary<Value> = fc
  .constantFrom(16001, 32767, 32768, 40000)
  .map((long) => ({ long }));

const anyCellArb: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: fc.constantFrom<RawCell>(null, '', '  '), weight: 3 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 3 },
  {
    arbitrary: fc.constantFrom('待定', '—', 'N/A', '1,234.5', '１２３４', '12%', '4.95亿', '3.2万'),
    weight: 2,
  },
  { arbitrary: fc.integer({ min: -5, max: 3000 }), weight: 3 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 2 },
  { arbitrary: extremeArb, weight: 2 },
  // Formulas: a cached empty result (=IF(…,"",…)), none at all, a number; an error, a date.
  {
    arbitrary: fc.constantFrom<RawCell>(
      EMPTY_RESULT,
      { formula: 'IF(A1="","",A1)', result: null },
      { formula: 'A1' },
      { formula: '1+1', result: 2 },
      { error: '#DIV/0!' },
      { date: { y: 2025, m: 8, d: 31 } },
      true,
    ),
    weight: 3,
  },
  { arbitrary: longTextArb, weight: 1 },
);

/** For a cell that holds a number: one out of range, or one that shows nothing. */
const numberCellArb: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: extremeArb, weight: 4 },
  { arbitrary: fc.constantFrom<RawCell>(EMPTY_RESULT, null, 0, -1, 0.5), weight: 2 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
);

/** For a cell that holds text: too long, or shows nothing. */
const textCellArb: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: longTextArb, weight: 2 },
  { arbitrary: fc.constantFrom<RawCell>(EMPTY_RESULT, null, ' ', '=A1', '均衡'), weight: 2 },
  // An error value where a name belongs (a VLOOKUP that found nothing).
  { arbitrary: fc.constantFrom<RawCell>({ error: '#N/A' }, { error: '#REF!' }), weight: 1 },
);

/** Which cells of a sheet a mutation picks from, and what it puts there. */
const TARGETS = {
  anywhere: { arb: anyCellArb, holds: (_c: RawCell): boolean => true },
  filled: { arb: anyCellArb, holds: (c: RawCell): boolean => c !== null && c !== '' },
  number: { arb: numberCellArb, holds: (c: RawCell): boolean => typeof c === 'number' },
  text: { arb: textCellArb, holds: (c: RawCell): boolean => typeof c === 'string' && c !== '' },
} as const;
type Target = keyof typeof TARGETS;

type Mutation =
  | {
      readonly kind: 'cell';
      readonly sheet: number;
      readonly target: Target;
      readonly at: number;
      readonly value: Value;
    }
  | { readonly kind: 'duplicateRow' | 'deleteRow'; readonly sheet: number; readonly row: number }
  | {
      readonly kind: 'renameHeader';
      readonly sheet: number;
      readonly col: number;
      readonly text: string;
    }
  | {
      readonly kind: 'repeatHeader';
      readonly sheet: number;
      readonly col: number;
      readonly from: number;
    }
  | { readonly kind: 'removeSheet' | 'repeatSheet'; readonly sheet: number };

// Positions are fractions of what is there, so that they land inside whatever the earlier
// mutations left (and now and then one row or column past the end).
// Unbiased: fast-check otherwise favours the ends of a range, and every mutation would hit the
// header's first cell.
const pos = fc.noBias(fc.integer({ min: 0, max: 1049 })).map((n) => n / 1000);

const cellMutationArb = (target: Target): fc.Arbitrary<Mutation> =>
  fc.record({
    kind: fc.constant('cell' as const),
    sheet: pos,
    target: fc.constant(target),
    at: pos,
    value: TARGETS[target].arb,
  });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: cellMutationArb('anywhere'), weight: 2 },
  { arbitrary: cellMutationArb('filled'), weight: 3 },
  { arbitrary: cellMutationArb('number'), weight: 3 },
  { arbitrary: cellMutationArb('text'), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('duplicateRow' as const, 'deleteRow' as const),
      sheet: pos,
      row: pos,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('renameHeader' as const),
      sheet: pos,
      col: pos,
      text: fc.constantFrom(
        '',
        '名称',
        '企业',
        'Year',
        '工业总产值',
        '规上工业产值',
        'Q1',
        '8月',
        'x',
      ),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('repeatHeader' as const),
      sheet: pos,
      col: pos,
      from: pos,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('removeSheet' as const, 'repeatSheet' as const),
      sheet: pos,
    }),
    weight: 1,
  },
);

const index = (f: number, n: number): number => Math.min(Math.floor(f * n), n);

function setCell(
  rows: readonly (readonly RawCell[])[],
  r: number,
  c: number,
  v: RawCell,
): RawCell[][] {
  const out = rows.map((row) => [...row]);
  while (out.length <= r) out.push([]);
  const row = out[r] as RawCell[];
  while (row.length < c) row.push(null);
  row[c] = v;
  return out;
}

function mutate(grids: WorkbookGrids, m: Mutation): WorkbookGrids {
  const sheets = [...grids.sheets];
  if (sheets.length === 0) return grids;
  const k = Math.min(index(m.sheet, sheets.length), sheets.length - 1);
  const s = sheets[k] as SheetGrid;
  const withCells = (cells: RawCell[][]): SheetGrid => ({ ...s, cells });
  const header = s.cells[0] ?? [];
  switch (m.kind) {
    case 'cell': {
      // The cells that hold what the mutation targets (every cell, and one past each row's
      // end, for 'anywhere'), in the data rows: headers have mutations of their own.
      const holds = TARGETS[m.target].holds;
      const cells = s.cells.flatMap((row, r) =>
        r === 0
          ? []
          : [
              ...row.flatMap((c, col) => (holds(c) ? [{ r, col }] : [])),
              ...(m.target === 'anywhere' ? [{ r, col: row.length }] : []),
            ],
      );
      const hit = cells[Math.min(index(m.at, cells.length), cells.length - 1)];
      const v = isLong(m.value) ? '长'.repeat(m.value.long) : m.value;
      if (hit) sheets[k] = withCells(setCell(s.cells, hit.r, hit.col, v));
      break;
    }
    case 'duplicateRow':
    case 'deleteRow': {
      const r = Math.min(index(m.row, s.cells.length), s.cells.length - 1);
      if (r < 0) break;
      const cells = s.cells.map((row) => [...row]);
      if (m.kind === 'deleteRow') cells.splice(r, 1);
      else cells.splice(r + 1, 0, [...(cells[r] ?? [])]);
      sheets[k] = withCells(cells);
      break;
    }
    case 'renameHeader':
      sheets[k] = withCells(setCell(s.cells, 0, index(m.col, header.length), m.text));
      break;
    case 'repeatHeader': {
      const from = Math.min(index(m.from, header.length), header.length - 1);
      if (from < 0) break;
      sheets[k] = withCells(setCell(s.cells, 0, index(m.col, header.length), header[from] ?? null));
      break;
    }
    case 'removeSheet':
      sheets.splice(k, 1);
      break;
    case 'repeatSheet':
      sheets.push({ ...s, name: OTHER_NAME[s.name] ?? `${s.name} (2)` });
      break;
  }
  return { sheets };
}

/** Every number and string the plan would write or return: finite, and short enough for a cell. */
function unwritable(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (typeof value === 'string') {
    if (value.length > 32767) out.push(`${path}: ${value.length} characters`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unwritable(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unwritable(v, `${path}.${k}`, out);
  }
}

/** What is wrong with an error's place, if anything. */
function misplaced(e: FenjieError, sheetNames: ReadonlySet<string>): string | undefined {
  const what = `${e.code}: ${describeError(e, 'zh')}`;
  if (e.code === 'MissingSheet')
    return e.sheet === undefined ? undefined : `${what} (names a sheet)`;
  if (e.sheet === undefined) return `${what} (no sheet)`;
  if (!sheetNames.has(e.sheet)) return `${what} (no sheet ${e.sheet} in the workbook)`;
  if (e.cell === undefined && !SHEET_CODES.has(e.code)) return `${what} (no cell)`;
  return undefined;
}

/** Input sheets that the workbook has twice (目标 and Targets, say). */
const twice = (grids: WorkbookGrids): InputSheet[] =>
  INPUT_SHEETS.filter(
    (key) => grids.sheets.filter((s) => matchesName(SHEETS[key], s.name)).length > 1,
  );

/** Errors as their code, sheet and cell, a formula's empty result counted as a blank cell. */
const asBlank = (errors: readonly FenjieError[]): string[] =>
  errors.map((e) =>
    [e.code === 'FormulaEmptyResult' ? 'MissingValue' : e.code, e.sheet, e.cell].join(' '),
  );

describe('a mutated workbook plans, or says what is wrong where', () => {
  it('never throws; a plan writes only finite numbers and text that fits; every error names its sheet and cell', () => {
    const arb = fc.record({
      lang: fc.constantFrom('zh' as const, 'en' as const),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(arb, ({ lang, mutations }) => {
        const grids = mutations.reduce(mutate, EXAMPLES[lang]);
        const r = runPipeline(grids, { ...OPTIONS, lang });
        if (twice(grids).length > 0) {
          expect(r.ok ? [] : r.errors.map((e) => e.code)).toContain('DuplicateSheet');
        }
        if (r.ok) {
          const bad: string[] = [];
          unwritable(r.spec, 'spec', bad);
          unwritable(r.json, 'json', bad);
          expect(bad).toEqual([]);
          // No name in the plan is an Excel error value read as text.
          const named = [
            ...r.read.input.enterprises.map((e) => e.name),
            ...r.read.input.indicators.map((i) => i.name),
          ];
          expect(named.filter((n) => /^#[A-Z/0!?]+[!?A]?$/.test(n))).toEqual([]);
          return;
        }
        expect(r.errors.length).toBeGreaterThan(0);
        const names = new Set(grids.sheets.map((s) => s.name));
        expect(r.errors.flatMap((e) => misplaced(e, names) ?? [])).toEqual([]);
      }),
      runs(200),
    );
  });

  it('a formula whose result is empty reads as a blank cell, and is named where a blank is reported', () => {
    const arb = fc.record({
      lang: fc.constantFrom('zh' as const, 'en' as const),
      mutations: fc.array(mutationArb, { maxLength: 2 }),
      sheet: pos,
      at: pos,
    });
    fc.assert(
      fc.property(arb, ({ lang, mutations, sheet, at }) => {
        const grids = mutations.reduce(mutate, EXAMPLES[lang]);
        const put = (value: RawCell): WorkbookGrids =>
          mutate(grids, { kind: 'cell', sheet, target: 'filled', at, value });
        const empty = runPipeline(put(EMPTY_RESULT), { ...OPTIONS, lang });
        const blank = runPipeline(put(null), { ...OPTIONS, lang });
        expect(empty.ok).toBe(blank.ok);
        if (empty.ok && blank.ok) expect(empty.json).toEqual(blank.json);
        else if (!empty.ok && !blank.ok)
          expect(asBlank(empty.errors)).toEqual(asBlank(blank.errors));
      }),
      runs(100),
    );
  });
});
