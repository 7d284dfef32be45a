/**
 * The checks every .xlsx writer makes before it changes anything: legal, distinct sheet names,
 * finite numbers, text Excel can hold, no empty formulas. Browser-safe: no Node imports.
 */
import {
  a1,
  isLegalSheetName,
  sameSheetName as sameName,
  type CellSpec,
  type WorkbookSpec,
} from '../../workbook/spec';

/** Throws on what would make a writer fail halfway or write a file Excel rejects. */
export function checkSpec(spec: WorkbookSpec): void {
  const seen: string[] = [];
  for (const sheet of spec.sheets) {
    const { name } = sheet;
    if (!isLegalSheetName(name)) {
      throw new Error(`invalid sheet name: ${JSON.stringify(name)}`);
    }
    if (seen.some((other) => sameName(other, name)))
      throw new Error(`sheet ${name} appears twice in the spec`);
    seen.push(name);
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => checkCell(cell, () => `${name}!${a1(r, c)}`)),
    );
  }
}

function checkCell(cell: CellSpec | null, where: () => string): void {
  if (cell === null) return;
  if (typeof cell.v === 'number' && !Number.isFinite(cell.v))
    throw new Error(`${where()}: not a finite number: ${cell.v}`);
  if (typeof cell.v === 'string' && cell.v.length > 32767)
    throw new Error(`${where()}: text longer than 32767 characters`);
  if (cell.f !== undefined && (cell.f === '' || cell.f === '='))
    throw new Error(`${where()}: empty formula`);
}
