/**
 * The checks every .xlsx writer makes before it changes anything: legal, distinct sheet names,
 * finite numbers, text Excel can hold, no empty formulas, page setup, filter ranges and data
 * validations Excel takes. Browser-safe: no Node imports.
 */
import { isValidYMD } from '../../engine';
import {
  VALIDATION_LIMITS,
  a1,
  headerFooterCode,
  isLegalSheetName,
  parseRange,
  sameSheetName as sameName,
  type CellSpec,
  type SheetSpec,
  type ValidationSpec,
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
    checkValidations(sheet);
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
  checkMerges(sheet);
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

/** Merged ranges on the sheet, of two cells or more, none overlapping another (Excel refuses a file that has). */
function checkMerges(sheet: SheetSpec): void {
  const seen: { ref: string; r: ReturnType<typeof parseRange> }[] = [];
  for (const ref of sheet.merges ?? []) {
    checkRange(ref, `${sheet.name} merge`);
    const r = parseRange(ref);
    if (r.r0 === r.r1 && r.c0 === r.c1) throw new Error(`${sheet.name}: merge ${ref} is one cell`);
    const other = seen.find(
      (o) => o.r.r0 <= r.r1 && r.r0 <= o.r.r1 && o.r.c0 <= r.c1 && r.c0 <= o.r.c1,
    );
    if (other) throw new Error(`${sheet.name}: merges ${other.ref} and ${ref} overlap`);
    seen.push({ ref, r });
  }
}

/** An ISO date `YYYY-MM-DD` that exists. */
function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isValidYMD({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) });
}

/**
 * Each validation, and no two over one cell: Excel keeps one rule per cell (Office.js replaces
 * the earlier, a file would hold both), so the writers would disagree.
 */
function checkValidations(sheet: SheetSpec): void {
  const seen: { ref: string; r: ReturnType<typeof parseRange> }[] = [];
  for (const v of sheet.validations ?? []) {
    checkValidation(v, `${sheet.name} validation`);
    const r = parseRange(v.range);
    const other = seen.find(
      (o) => o.r.r0 <= r.r1 && r.r0 <= o.r.r1 && o.r.c0 <= r.c1 && r.c0 <= o.r.c1,
    );
    if (other) throw new Error(`${sheet.name}: validations ${other.ref} and ${v.range} overlap`);
    seen.push({ ref: v.range, r });
  }
}

/** A data validation's range, bounds, list and messages within what Excel takes. */
function checkValidation(v: ValidationSpec, what: string): void {
  checkRange(v.range, what);
  const at = `${what} ${v.range}`;
  if (v.kind === 'list') {
    if (v.list.length === 0) throw new Error(`${at}: an empty list`);
    const bad = v.list.find((item) => item === '' || /[,"]/.test(item));
    if (bad !== undefined)
      throw new Error(`${at}: list item ${JSON.stringify(bad)} (empty, or has a comma or quote)`);
    if (v.list.join(',').length > VALIDATION_LIMITS.list)
      throw new Error(
        `${at}: the list is longer than Excel's ${VALIDATION_LIMITS.list} characters`,
      );
  } else if (v.kind === 'date') {
    if (!isIsoDate(v.min) || !isIsoDate(v.max) || v.min > v.max)
      throw new Error(
        `${at}: dates ${v.min}–${v.max} (YYYY-MM-DD, the first not after the second)`,
      );
  } else if (
    !Number.isFinite(v.min) ||
    !Number.isFinite(v.max) ||
    v.min > v.max ||
    (v.kind === 'whole' && !(Number.isInteger(v.min) && Number.isInteger(v.max)))
  )
    throw new Error(`${at}: bounds ${v.min}–${v.max}`);
  for (const [part, m, limit] of [
    ['hint', v.prompt, VALIDATION_LIMITS.prompt],
    ['error message', v.error, VALIDATION_LIMITS.error],
  ] as const) {
    if (!m) continue;
    if (m.title.length > VALIDATION_LIMITS.title)
      throw new Error(
        `${at}: the ${part}'s title is longer than ${VALIDATION_LIMITS.title} characters`,
      );
    if (m.text.length > limit)
      throw new Error(`${at}: the ${part} is longer than ${limit} characters`);
  }
}

function checkCell(cell: CellSpec | null, where: () => string): void {
  if (cell === null) return;
  if (typeof cell.v === 'number' && !Number.isFinite(cell.v))
    throw new Error(`${where()}: not a finite number: ${cell.v}`);
  if (typeof cell.v === 'string' && cell.v.length > 32767)
    throw new Error(`${where()}: text longer than 32767 characters`);
  // A copied-down formula is its run's first formula moved; that one is checked.
  if (cell.down !== true && cell.f !== undefined && (cell.f === '' || cell.f === '='))
    throw new Error(`${where()}: empty formula`);
}
