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
import { readXlsxFile } from '../../src/hosts/xlsx/file';
import { fixturePath } from '../fixtures/make-fixtures';
import { mismatches } from '../helpers/mismatches';
import { recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'fenjie-units-lo-'));

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
      // 单位内排名: every enterprise with a figure ranked within its unit (live, so compared below).
      const progress = recalculated[0]?.get('序时进度') ?? [];
      let ranked = 0;
      let column = -1;
      for (const row of progress) {
        const at = row.indexOf('单位内排名');
        if (at >= 0) column = at;
        else if (column >= 0 && typeof row[column] === 'number') ranked++;
      }
      expect(ranked).toBeGreaterThanOrEqual(12 * 3);
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
