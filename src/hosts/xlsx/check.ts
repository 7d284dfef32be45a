/**
 * The checks every .xlsx writer makes before it changes anything: legal, distinct sheet names,
 * finite numbers, text Excel can hold, no empty formulas, page setup and filter ranges Excel takes. Browser-safe: no Node imports.
 */
import {
  a1,
  headerFooterCode,
  isLegalSheetName,
  parseRange,
  sameSheetName as sameName,
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
} from '../../workbook/spec';

/** Excel's last row and column (1,048,576 rows, XFD). */
const MAX_ROW = 1048576;
const MAX_COL = 16384;

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
    checkLayout(sheet);
  }
}

/** A range inside the sheet's bounds, or an Error naming what is wrong. */
function checkRange(ref: string, what: string): void {
  let range;
  try {
    range = parseRange(ref);
  } catch {
    throw new Error(`${what}: not an A1 range: ${ref}`);
  }
  if (range.r1 >= MAX_ROW || range.c1 >= MAX_COL)
    throw new Error(`${what}: ${ref} is off the sheet`);
}

/** Row heights, the filter range and the page setup. */
function checkLayout(sheet: SheetSpec): void {
  const { name, print } = sheet;
  for (const h of sheet.rowHeights ?? [])
    if (!Number.isFinite(h) || h > 409)
      throw new Error(`${name}: row height ${h} (at most 409 points)`);
  if (sheet.autoFilter !== undefined) checkRange(sheet.autoFilter, `${name} filter`);
  if (!print) return;
  if (print.area !== undefined) checkRange(print.area, `${name} print area`);
  if (
    print.fitWidth !== undefined &&
    !(Number.isInteger(print.fitWidth) && print.fitWidth >= 1 && print.fitWidth <= 32767)
  )
    throw new Error(`${name}: fit to ${print.fitWidth} pages wide (a whole number from 1)`);
  const t = print.titleRows;
  if (
    t &&
    !(
      Number.isInteger(t.first) &&
      Number.isInteger(t.last) &&
      t.first >= 1 &&
      t.first <= t.last &&
      t.last <= MAX_ROW
    )
  )
    throw new Error(`${name}: print title rows ${t.first}–${t.last}`);
  for (const [part, hf] of [
    ['header', print.header],
    ['footer', print.footer],
  ] as const)
    if (headerFooterCode(hf).length > 255)
      throw new Error(`${name}: the page ${part} is longer than Excel's 255 characters`);
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
