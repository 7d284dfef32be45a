/**
 * Every formula the renderer writes uses only functions Excel, WPS and LibreOffice all compute,
 * and every formula it marks as a copy of the one above really is one (the writers trust the mark
 * to store shared formulas and to fill rows down).
 */
import { describe, expect, it } from 'vitest';
import { copyKey } from '../../src/workbook/formula';
import { runPipeline } from '../../src/workbook/pipeline';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { exampleWorkbook, type ExampleData } from '../../src/workbook/template';
import { specToGrids } from '../helpers/spec-grids';
import { EXAMPLE, nameVariantExample, richExample } from '../helpers/variants';

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
]);

function outputs(data: ExampleData, lang: 'zh' | 'en' = 'zh'): WorkbookSpec {
  const r = runPipeline(specToGrids(exampleWorkbook(data, lang)), {
    today: { y: 2025, m: 9, d: 3 },
    generatedAt: 'now',
    lang,
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
          (m) => m[1] as string,
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
