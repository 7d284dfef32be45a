/**
 * The formula scanner on its own (copy keys, sheet renames), then over the renderer's real output:
 * every formula uses only functions Excel, WPS and LibreOffice all compute, and every formula it
 * marks as a copy of the one above really is one (the writers trust the mark to store shared
 * formulas and to fill rows down).
 */
import { describe, expect, it } from 'vitest';
import { outOfBounds } from '../engine';
import { atRow, copyKey, isAtRow, renameSheetRefs, rowTemplate } from './formula';
import { runPipeline } from './pipeline';
import type { WorkbookSpec } from './spec';
import { exampleWorkbook, type ExampleData } from './template';
import { specToGrids } from '../../tests/helpers/spec-grids';
import { EXAMPLE, nameVariantExample, richExample } from '../../tests/helpers/variants';

describe('copyKey', () => {
  // [why, formula in row 5 (0-based 4), formula in row 6, whether the second is a copy of the first]
  it.each<[string, string, string, boolean]>([
    ['relative rows move', 'A5*2', 'A6*2', true],
    ['relative rows that stay are no copy', 'A5*2', 'A5*2', false],
    ['absolute rows stay', '$A$5+B$5', '$A$5+B$5', true],
    ['a relative row with an absolute column moves', '$A5', '$A6', true],
    ['an absolute row that moves is no copy', 'A$5', 'A$6', false],
    ['string literals are never looked into', '"A5"&A5', '"A6"&A6', false],
    ['a quoted sheet prefix, any case', "'分解结果'!C5", "'分解结果'!c6", true],
    ['a function name with digits is no reference', 'LOG10(A5)', 'LOG10(A6)', true],
    ['another function name differs', 'LOG10(A5)', 'LOG2(A6)', false],
    ['past the last column is no reference', 'XFE5+A5', 'XFE6+A6', false],
  ])('%s', (_why, above, below, copy) => {
    const a = copyKey(above, 4);
    const b = copyKey(below, 5);
    expect(a).toBeDefined();
    expect(a === b).toBe(copy);
  });

  it.each([['Table1[Amount]*A5'], ['SUM(5:5)'], ['SUM($3:$9)']])(
    'gives no key for what it does not model: %s',
    (formula) => {
      expect(copyKey(formula, 4)).toBeUndefined();
    },
  );
});

describe('rowTemplate', () => {
  // [formula in row 5 (0-based 4), the same formula copied to row 9]
  it.each<[string, string]>([
    ['A5*2', 'A9*2'],
    ['$A$5+B$5+$C5', '$A$5+B$5+$C9'],
    ['"A5"&A5', '"A5"&A9'],
    ["'分解结果'!C5+'it''s'!D$2+参数!B5", "'分解结果'!C9+'it''s'!D$2+参数!B9"],
    ['LOG10(A5)+XFE5', 'LOG10(A9)+XFE5'],
    ['SUM($B$6:$B$100)/B5', 'SUM($B$6:$B$100)/B9'],
    ['INDEX(辅助!$C$6:$C$9,A5)&""', 'INDEX(辅助!$C$6:$C$9,A9)&""'],
  ])('%s copied to row 9 is %s', (formula, copied) => {
    const t = rowTemplate(formula, 4);
    expect(t).toBeDefined();
    if (!t) return;
    expect(atRow(t, 4)).toBe(formula);
    expect(atRow(t, 8)).toBe(copied);
    expect(copyKey(atRow(t, 8), 8)).toBe(copyKey(formula, 4));
    expect(isAtRow(t, 8, copied)).toBe(true);
    expect(isAtRow(t, 8, formula)).toBe(formula === copied);
    expect(isAtRow(t, 8, `${copied}+1`)).toBe(false);
    expect(isAtRow(t, 8, copied.slice(0, -1))).toBe(false);
  });

  it.each([['Table1[Amount]*A5'], ['SUM(5:5)']])('has none for %s', (formula) => {
    expect(rowTemplate(formula, 4)).toBeUndefined();
  });
});

describe('renameSheetRefs', () => {
  const renames = new Map([
    ['分解结果', '~fj0~分解结果'],
    ['参数', 'tmp'],
    ['allocation', "Bob's"],
  ]);
  it.each<[string, string]>([
    ["'分解结果'!C5*2", "'~fj0~分解结果'!C5*2"],
    ['参数!B3/12', "'tmp'!B3/12"],
    ["'Allocation'!A1+ALLOCATION!A2", "'Bob''s'!A1+'Bob''s'!A2"],
    ['"参数!B3"&参数!B3', `"参数!B3"&'tmp'!B3`],
    ["'Other sheet'!A1+x参数!A1", "'Other sheet'!A1+x参数!A1"],
  ])('%s → %s', (formula, renamed) => {
    expect(renameSheetRefs(formula, renames)).toBe(renamed);
  });

  it('leaves a formula as it is when nothing is renamed', () => {
    expect(renameSheetRefs("'a b'!A1", new Map())).toBe("'a b'!A1");
  });
});

const COMMON = new Set([
  'SUMIFS',
  'COUNTIFS',
  'COUNTIF',
  'SUMPRODUCT',
  'SUM',
  'COUNT',
  'IF',
  'AND',
  'OR',
  'ISNUMBER',
  'ROUND',
  'RANK',
  'CHOOSE',
  'INDEX',
  'MATCH',
  'MAX',
  'MIN',
  'DATE',
  'SUBSTITUTE',
  // The helper sheet's tolerant reading of 实绩 (Excel 2007+, WPS, LibreOffice, Gnumeric).
  'IFERROR',
  'TRIM',
  'MID',
  'FIND',
  'INT',
  'ROW',
  'COUNTA',
  // Monthly actuals: a month's figure as a number, text and blanks as 0 (ODF's N; Gnumeric takes
  // numeric text as a number, so what it reads is never numeric: the header 数值：…).
  'N',
  // A range of months ("1-8月") read as its last: TRIM(RIGHT(SUBSTITUTE(x,"-",REPT(" ",9)),9)).
  'RIGHT',
  'REPT',
]);

function outputs(data: ExampleData, lang: 'zh' | 'en' = 'zh'): WorkbookSpec {
  const r = runPipeline(specToGrids(exampleWorkbook(data, lang)), {
    today: { y: 2025, m: 9, d: 3 },
    generatedAt: 'now',
    lang,
    // Every copy-down promise is checked as the sheets are built (a broken one throws).
    checkCopies: true,
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.code).join());
  return r.spec;
}

const CASES: [string, WorkbookSpec][] = [
  ['example', outputs(EXAMPLE)],
  ['example-en', outputs(EXAMPLE, 'en')],
  ['rich, days', outputs(richExample({ scheduleBasis: 'days' }))],
  ['rich, monthly actuals', outputs(richExample({ actualsBasis: 'monthly' }))],
  ['name variants', outputs(nameVariantExample())],
];

describe.each(CASES)('%s', (_name, spec) => {
  const formulas = spec.sheets.flatMap((s) =>
    s.rows.flatMap((row) => row.flatMap((c) => (c?.f === undefined ? [] : [c.f]))),
  );

  it('uses only functions common to Excel, WPS and LibreOffice', () => {
    // Function names: letters before "(", outside string literals.
    const used = new Set(
      formulas.flatMap((f) =>
        [...f.replace(/"[^"]*"/g, '""').matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map(
          (m) => m[1] ?? outOfBounds(),
        ),
      ),
    );
    expect(formulas.length).toBeGreaterThan(300);
    expect([...used].filter((fn) => !COMMON.has(fn))).toEqual([]);
  });

  it('keeps every promise that a formula is a copy of the one above (CellSpec.down)', () => {
    let promises = 0;
    for (const sheet of spec.sheets) {
      sheet.rows.forEach((row, r) =>
        row.forEach((c, col) => {
          if (!c?.down) return;
          const above = sheet.rows[r - 1]?.[col];
          expect(above?.f, `${sheet.name} row ${r + 1} col ${col + 1}`).toBeDefined();
          expect(copyKey(c.f as string, r), `${sheet.name} row ${r + 1} col ${col + 1}`).toBe(
            copyKey(above?.f as string, r - 1),
          );
          expect([c.fmt, c.style]).toEqual([above?.fmt, above?.style]);
          promises++;
        }),
      );
    }
    expect(promises).toBeGreaterThan(formulas.length / 3);
  });
});
