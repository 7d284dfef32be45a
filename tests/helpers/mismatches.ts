/**
 * Formula cells whose cached value (the engine's number the writer stored) differs from what
 * LibreOffice computed when it recalculated the workbook.
 */
import { toExcelSerial } from '../../src/engine';
import type { RawCell } from '../../src/workbook/grid';
import { a1 } from '../../src/workbook/spec';
import type { SheetValues } from './libreoffice';

export interface Mismatch {
  sheet: string;
  cell: string;
  cached: unknown;
  libreoffice: unknown;
  formula: string;
}

/** Formula cells whose cached value differs from LibreOffice's recalculated value. */
export function mismatches(
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
