/**
 * Every formula the renderer writes uses only functions Excel, WPS and LibreOffice all compute,
 * and every run of enterprise rows is a copy of its first row (what keeps files small and lets the
 * Office.js writer fill rows down).
 */
import { describe, expect, it } from 'vitest';
import { copyKey } from '../../src/workbook/formula';
import { runPipeline } from '../../src/workbook/pipeline';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { exampleWorkbook, type ExampleData } from '../../src/workbook/template';
import { specToGrids } from '../helpers/spec-grids';
import { EXAMPLE, nameVariantExample, richExample } from '../helpers/variants';

const COMMON = new Set([
  'SUMIFS', 'COUNTIFS', 'COUNTIF', 'SUMPRODUCT', 'SUM', 'COUNT', 'IF', 'AND', 'OR', 'ISNUMBER',
  'ROUND', 'RANK', 'CHOOSE', 'INDEX', 'MATCH', 'MAX', 'MIN', 'DATE', 'SUBSTITUTE',
]);

function outputs(data: ExampleData, lang: 'zh' | 'en' = 'zh'): WorkbookSpec {
  const r = runPipeline(specToGrids(exampleWorkbook(data, lang)), { today: { y: 2025, m: 9, d: 3 }, generatedAt: 'now', lang });
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
  const formulas = spec.sheets.flatMap((s) => s.rows.flatMap((row) => row.flatMap((c) => (c?.f === undefined ? [] : [c.f]))));

  it('uses only functions common to Excel, WPS and LibreOffice', () => {
    // Function names: letters before "(", outside string literals.
    const used = new Set(formulas.flatMap((f) => [...f.replace(/"[^"]*"/g, '""').matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1] as string)));
    expect(formulas.length).toBeGreaterThan(300);
    expect([...used].filter((fn) => !COMMON.has(fn))).toEqual([]);
  });

  it('writes the enterprise rows of each progress block as copies of the block’s first row', () => {
    const progress = spec.sheets[1];
    let runs = 0;
    let copies = 0;
    const rows = progress?.rows ?? [];
    for (let r = 1; r < rows.length; r++) {
      const prev = rows[r - 1] ?? [];
      const row = rows[r] ?? [];
      // Enterprise rows: column B is a formula referring to 分解结果 and the row above is one too.
      const isEnterprise = (cells: typeof row): boolean => typeof cells[1]?.f === 'string' && cells[7]?.f !== undefined && cells[19]?.f !== undefined;
      if (!isEnterprise(row) || !isEnterprise(prev)) continue;
      runs++;
      row.forEach((c, col) => {
        const above = prev[col];
        if (c?.f === undefined || above?.f === undefined) return;
        expect(copyKey(c.f, r), `row ${r + 1} col ${col + 1}`).toBe(copyKey(above.f, r - 1));
        copies++;
      });
    }
    expect(runs).toBeGreaterThan(20);
    expect(copies).toBeGreaterThan(runs * 15);
  });
});
