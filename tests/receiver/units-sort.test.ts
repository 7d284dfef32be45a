/**
 * A receiver sorts a unit's enterprises (层层分解): on the county example's 序时进度, LibreOffice
 * itself (Python-UNO, lo-sort-filter.py with a unit number) sorts 腊口镇's block of every
 * enterprise table by completion, descending, and recalculates. The names change places and
 * nothing else changes: every unit subtotal row, every other row, 汇总 and 分解结果 keep their
 * figures, and each sorted row keeps its own (its 单位内排名 included).
 * Needs LibreOffice and python3-uno.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixtures/make-fixtures';
import { recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';
import { plan, sortAndFilterWithLibreOffice, unoPython } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'fenjie-units-sort-'));
const near = (v: SheetValues[number][number]): unknown =>
  typeof v === 'number' ? Number(v.toPrecision(10)) : v;

/** 腊口镇, the first unit of the Units sheet. */
const UNIT_NO = 1;

describe.runIf(requireLibreOffice() && unoPython() !== undefined)(
  'a receiver sorts a unit’s enterprises in LibreOffice',
  () => {
    let before: Map<string, SheetValues>;
    let after: Map<string, SheetValues>;
    let note: { namesBefore?: string[]; namesAfter?: string[]; block?: number[] } | undefined;

    beforeAll(async () => {
      const input = join(dir, 'county.xlsx');
      copyFileSync(fixturePath('county-example'), input);
      const out = join(dir, 'county-plan.xlsx');
      const r = await plan(input, out, join(dir, 'county.json'));
      expect(r.stderr).toEqual([]);
      expect(r.code).toBe(0);
      const sorted = join(dir, 'county-sorted.xlsx');
      note = (await sortAndFilterWithLibreOffice(out, sorted, '', 180_000, UNIT_NO)) as typeof note;
      [before, after] = (await recalcMany([out, sorted])) as [
        Map<string, SheetValues>,
        Map<string, SheetValues>,
      ];
    }, 420_000);

    it('LibreOffice really sorted the unit’s rows', () => {
      expect(note?.namesAfter?.length ?? 0).toBeGreaterThan(2);
      expect(note?.namesAfter).not.toEqual(note?.namesBefore);
      expect([...(note?.namesAfter ?? [])].sort()).toEqual([...(note?.namesBefore ?? [])].sort());
    });

    it('every figure is unchanged: unit subtotals in place, sorted rows keep their own', () => {
      const progress = (m: Map<string, SheetValues>): SheetValues => m.get('序时进度') ?? [];
      const was = progress(before);
      const now = progress(after);
      expect(now.length).toBe(was.length);
      // Numbers to 10 significant digits: a sum taken in another order differs in the last bits.
      const key = (row: SheetValues[number]): string => JSON.stringify(row.map(near));
      let moved = 0;
      let unitRows = 0;
      was.forEach((row, r) => {
        const other = now[r] ?? [];
        if (row.includes('单位小计')) {
          unitRows++;
          expect(other.map(near), `序时进度 row ${r + 1} (a unit subtotal)`).toEqual(row.map(near));
        }
        if (key(row) !== key(other)) moved++;
      });
      expect(unitRows).toBe(4 * 5);
      expect(moved).toBeGreaterThan(0);
      // The same rows, in another order within the unit's block only.
      expect(now.map(key).sort()).toEqual(was.map(key).sort());
      for (const sheet of ['汇总', '分解结果'])
        expect(
          after.get(sheet)?.map((row) => row.map(near)),
          sheet,
        ).toEqual(before.get(sheet)?.map((row) => row.map(near)));
    });
  },
);
