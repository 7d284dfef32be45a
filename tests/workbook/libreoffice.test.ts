/**
 * The live formulas, proven in a spreadsheet nobody here wrote: every generated workbook is
 * opened in LibreOffice headless, recalculated from scratch, and every formula cell must equal the
 * engine's number cached in it. A copy whose cached results are all wrong shows the
 * recalculation really happens.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../src/hosts/xlsx/file';
import { planFile } from '../../src/cli/main';
import type { ExampleData } from '../../src/workbook/template';
import { mismatches } from '../helpers/mismatches';
import { planExampleFile } from '../helpers/plan-example';
import { convert, recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';
import { EXAMPLE, nameVariantExample, richExample } from '../helpers/variants';

const dir = mkdtempSync(join(tmpdir(), 'fenjie-lo-'));
const NOW = '2025-09-03T10:30';

const CASES: [string, ExampleData, 'zh' | 'en'][] = [
  ['example', EXAMPLE, 'zh'],
  ['example-en', EXAMPLE, 'en'],
  ['rich-days', richExample({ scheduleBasis: 'days' }), 'zh'],
  ['rich-monthly-actuals', richExample({ actualsBasis: 'monthly', reportMonth: 6 }), 'en'],
  ['name-variants', nameVariantExample(), 'zh'],
];

describe.runIf(requireLibreOffice())(
  'LibreOffice recalculates the outputs to the engine’s numbers',
  () => {
    const outputs: string[] = [];
    let recalculated: Map<string, SheetValues>[] = [];
    beforeAll(async () => {
      for (const [name, data, lang] of CASES)
        outputs.push(await planExampleFile(dir, name, data, lang, NOW));
      // The first input as LibreOffice saves it (its own styles, shared strings, theme and
      // document properties), planned: the package writer edits a package it did not write.
      const [foreign] = await convert(
        [join(dir, `${CASES[0]?.[0]}-in.xlsx`)],
        'xlsx',
        join(dir, 'lo-saved'),
      );
      const foreignOut = join(dir, 'lo-saved-plan.xlsx');
      const rf = await planFile(
        foreign as string,
        foreignOut,
        { now: NOW, lang: 'zh' },
        { out: () => {}, err: (l) => console.error(l) },
      );
      expect(rf.code, 'lo-saved').toBe(0);
      // A copy of the first output with every cached formula result replaced by 12345.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(outputs[0] as string);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.formula) cell.value = { formula: cell.formula, result: 12345 };
          }),
        ),
      );
      const corrupt = join(dir, 'corrupt-cache.xlsx');
      await wb.xlsx.writeFile(corrupt);
      outputs.push(corrupt, foreignOut);
      recalculated = await recalcMany(outputs);
    }, 300_000);

    it.each(CASES.map(([name], i) => [name, i] as const))(
      '%s: every formula cell equals the engine',
      async (_name, i) => {
        const { grids } = await readXlsxFile(outputs[i] as string);
        const { formulas, bad } = mismatches(
          grids.sheets as never,
          recalculated[i] as Map<string, SheetValues>,
        );
        expect(formulas).toBeGreaterThan(500);
        expect(bad.slice(0, 5)).toEqual([]);
      },
    );

    it('an input saved by LibreOffice: every formula cell equals the engine', async () => {
      const { grids } = await readXlsxFile(outputs[CASES.length + 1] as string);
      const { formulas, bad } = mismatches(
        grids.sheets as never,
        recalculated[CASES.length + 1] as Map<string, SheetValues>,
      );
      expect(formulas).toBeGreaterThan(500);
      expect(bad.slice(0, 5)).toEqual([]);
    });

    it('the recalculation is real: wrong cached results come back right', async () => {
      const { grids } = await readXlsxFile(outputs[0] as string);
      const corrupt = recalculated[CASES.length] as Map<string, SheetValues>;
      const { formulas, bad } = mismatches(grids.sheets as never, corrupt);
      expect(formulas).toBeGreaterThan(500);
      expect(bad).toEqual([]);
    });
  },
);
