/**
 * ExcelJS cell values → RawCell. ExcelJS's cell values are loosely typed (`CellValue` is a union
 * of objects told apart by their keys), so everything here narrows `unknown` by shape.
 */
import ExcelJS from 'exceljs';
import type { YMD } from '../../engine';
import type { RawCell } from '../../workbook/grid';

/** A RawCell that is not a formula: what a value or a formula's cached result becomes. */
export type ScalarCell = Exclude<RawCell, { readonly formula: string }>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A JS Date (ExcelJS builds them in UTC) → its calendar date. */
export const dateToYMD = (d: Date): YMD => ({
  y: d.getUTCFullYear(),
  m: d.getUTCMonth() + 1,
  d: d.getUTCDate(),
});

/** Plain text of a rich-text value (`{ richText: [{ text }, …] }`), or undefined if it is not one. */
function richTextOf(v: Record<string, unknown>): string | undefined {
  const runs = v['richText'];
  if (!Array.isArray(runs)) return undefined;
  return runs
    .map((run: unknown) => (isRecord(run) && typeof run['text'] === 'string' ? run['text'] : ''))
    .join('');
}

/**
 * Convert one ExcelJS value (a plain value or a formula's cached result) to a ScalarCell.
 * Rich text → its plain text; a hyperlink → its text; an error → `{ error }`; a Date → `{ date }`.
 * Returns undefined for a shape it does not know (the caller decides).
 */
export function scalarOf(v: unknown): ScalarCell | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: dateToYMD(v) };
  if (!isRecord(v)) return undefined;
  const rich = richTextOf(v);
  if (rich !== undefined) return rich;
  if (typeof v['error'] === 'string') return { error: v['error'] };
  // A hyperlink: { text, hyperlink }, where text may itself be rich text.
  if ('hyperlink' in v || 'text' in v) {
    const text = scalarOf(v['text']);
    return text === undefined || text === null ? '' : text;
  }
  return undefined;
}

/**
 * One ExcelJS cell → RawCell. Merge slaves are empty (only the top-left cell of a merged range
 * holds its value); a formula keeps its text (shared formulas translated to this cell) and its
 * cached result, which is absent when the file has none.
 */
export function toRawCell(cell: ExcelJS.Cell): RawCell {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula: {
      // `cell.value` drops falsy results (0, false, ''), so read `cell.result` directly.
      const formula: unknown = cell.formula;
      const raw: unknown = cell.result;
      const text = typeof formula === 'string' ? formula : '';
      if (raw === undefined) return { formula: text };
      const result = scalarOf(raw);
      return result === undefined ? { formula: text } : { formula: text, result };
    }
    default: {
      const value = scalarOf(cell.value);
      return value === undefined ? cell.text : value;
    }
  }
}
