/**
 * The units' rows (层层分解) of 分解结果 and 序时进度, proven in LibreOffice: the county example
 * planned, recalculated from scratch, every formula cell equal to the engine's cached number
 * (and a copy with every cached result wrong comes back right).
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFile } from '../../src/cli/main';
import { toExcelSerial } from '../../src/engine';
import { readXlsxFile } from '../../src/hosts/xlsx/file';
import type { RawCell } from '../../src/workbook/grid';
import { a1 } from '../../src/workbook/spec';
import { fixturePath } from '../fixtures/make-fixtures';
import { recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'fenjie-units-lo-'));

// As in libreoffice.test.ts.
interface Mismatch {
  sheet: string;
  cell: string;
  cached: unknown;
  libreoffice: unknown;
  formula: string;
}

/** Formula cells whose cached value differs from LibreOffice's recalculated value. */
function mismatches(
  written: { name: string; cells: readonly (readonly RawCell[])[] }[],
  lo: Map<string, SheetValues>,
): { formulas: number; bad: Mismatch[] } {
  const bad: Mismatch[] = [];
  let formulas = 0;
  for (const sheet of written) {
    const values = lo.get(sheet.name);
    sheet.cells.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c === null || typeof c !== 'object' || !('formula' in c)) return;
        formulas++;
        // A date-formatted result reads back as a date; LibreOffice gives its serial.
        const result = c.result;
        const cached =
          result === undefined
            ? ''
            : result !== null && typeof result === 'object' && 'date' in result
              ? toExcelSerial(result.date)
              : result;
        const got = values?.[r]?.[col] ?? '';
        const same =
          typeof cached === 'number' && typeof got === 'number'
            ? Math.abs(cached - got) <= 1e-9 * Math.max(1, Math.abs(cached))
            : cached === got;
        if (!same)
          bad.push({
            sheet: sheet.name,
            cell: a1(r, col),
            cached,
            libreoffice: got,
            formula: c.formula,
          });
      }),
    );
  }
  return { formulas, bad };
}

describe.runIf(requireLibreOffice())(
  'LibreOffice recalculates the unit rows to the engine’s numbers',
  () => {
    const out = join(dir, 'county-plan.xlsx');
    const corrupt = join(dir, 'county-corrupt.xlsx');
    let recalculated: Map<string, SheetValues>[] = [];
    beforeAll(async () => {
      copyFileSync(fixturePath('county-example'), join(dir, 'county.xlsx'));
      const r = await planFile(
        join(dir, 'county.xlsx'),
        out,
        { now: '2025-09-03T10:30', lang: 'zh' },
        { out: () => {}, err: (l) => console.error(l) },
      );
      expect(r.code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.formula) cell.value = { formula: cell.formula, result: 12345 };
          }),
        ),
      );
      await wb.xlsx.writeFile(corrupt);
      recalculated = await recalcMany([out, corrupt]);
    }, 300_000);

    it('every formula cell equals the engine, the unit rows among them', async () => {
      const { grids } = await readXlsxFile(out);
      const unitRows = grids.sheets
        .flatMap((s) => s.cells)
        .filter((row) => row.some((c) => c === '单位小计')).length;
      expect(unitRows).toBe(2 * 4 * 5); // 5 units × 4 indicators, on 分解结果 and on 序时进度
      for (const k of [0, 1]) {
        const { formulas, bad } = mismatches(
          grids.sheets as never,
          recalculated[k] as Map<string, SheetValues>,
        );
        expect(formulas).toBeGreaterThan(500);
        expect(bad.slice(0, 5)).toEqual([]);
      }
    });
  },
);
