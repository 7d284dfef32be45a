/** What readWorkbook should give back for a sheet written from a SheetSpec. */
import type { RawCell } from '../../src/workbook/grid';
import type { CellSpec, SheetSpec } from '../../src/workbook/spec';

const rawOf = (cell: CellSpec | null): RawCell => {
  if (cell === null) return null;
  if (cell.f !== undefined)
    return cell.v === null ? { formula: cell.f } : { formula: cell.f, result: cell.v };
  return cell.v;
};

/** The dense grid of a sheet spec: from A1 to the last cell holding a value or formula. */
export function gridOfSpec(sheet: SheetSpec): RawCell[][] {
  const raw = sheet.rows.map((row) => row.map(rawOf));
  let height = 0;
  let width = 0;
  raw.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null) return;
      height = Math.max(height, r + 1);
      width = Math.max(width, c + 1);
    }),
  );
  return Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => raw[r]?.[c] ?? null),
  );
}
