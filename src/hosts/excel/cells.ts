/**
 * Turns a SheetSpec's rows into what Office.js is sent: a `formulas` entry and a number format per
 * cell, the runs of rows whose formulas are copies of the row above (filled with one copy instead
 * of being sent), the rectangles of cells that must be sent explicitly, and the rectangles of
 * rows with like number formats.
 */
import { outOfBounds } from '../../engine';
import type { CellSpec, SheetSpec, StyleName } from '../../workbook/spec';
import { copyKey, renameSheetRefs } from '../../workbook/formula';

/** One cell as written: the `formulas` entry ('=...' for a formula, '' for empty) and its number format. */
export interface EncodedCell {
  readonly out: string | number | boolean;
  /** Number format to set, or null to leave the new sheet's General. */
  readonly fmt: string | null;
  /** True when the cell has a value or formula: `formulas` must carry it (formats go apart). */
  readonly filled: boolean;
  readonly style: StyleName | undefined;
  readonly isFormula: boolean;
  /** The renderer marked this formula a copy of the one above (CellSpec.down). */
  readonly down?: boolean;
  /** The text wraps (CellSpec.wrap). */
  readonly wrap?: boolean;
}

/** Text format: a string written into a cell with this format is stored as text, never parsed. */
export const TEXT_FORMAT = '@';

/**
 * Encodes one spec cell. Strings are written with number format '@' so Excel keeps them as text
 * (a leading '=', '+', '-' or '@', or text Excel would read as a number or date, stays as typed).
 */
export function encodeCell(
  cell: CellSpec | null | undefined,
  where: () => string,
  renames: ReadonlyMap<string, string>,
): EncodedCell {
  const style = cell?.style;
  if (!cell) return { out: '', fmt: null, filled: false, style, isFormula: false };
  const wrap = cell.wrap ? { wrap: true } : {};
  const fmt = cell.fmt ?? null;
  if (cell.f !== undefined) {
    if (fmt === TEXT_FORMAT)
      throw new Error(
        `${where()}: a formula cell cannot have the text format '@' (Excel would store it as text)`,
      );
    return {
      out: `=${renameSheetRefs(cell.f, renames)}`,
      fmt,
      filled: true,
      style,
      isFormula: true,
      ...(cell.down ? { down: true } : {}),
      ...wrap,
    };
  }
  const v = cell.v;
  if (typeof v === 'string' && v !== '')
    return { out: v, fmt: TEXT_FORMAT, filled: true, style, isFormula: false, ...wrap };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${where()}: ${v} is not a finite number`);
    return { out: v, fmt, filled: true, style, isFormula: false, ...wrap };
  }
  if (typeof v === 'boolean')
    return { out: v, fmt, filled: true, style, isFormula: false, ...wrap };
  return { out: '', fmt, filled: false, style, isFormula: false, ...wrap };
}

/** The encoded grid of a sheet, dense: `rows` × `width`. */
export interface EncodedSheet {
  readonly rows: number;
  readonly width: number;
  readonly cell: (r: number, c: number) => EncodedCell;
}

/** Encodes every cell of a sheet once. */
export function encodeSheet(
  sheet: SheetSpec,
  renames: ReadonlyMap<string, string>,
  at: (r: number, c: number) => string,
): EncodedSheet {
  const width = sheet.rows.reduce((m, row) => Math.max(m, row.length), 0);
  const grid = sheet.rows.map((row, r) =>
    Array.from({ length: width }, (_, c) => encodeCell(row[c], () => at(r, c), renames)),
  );
  const blank = encodeCell(null, () => '', renames);
  return { rows: grid.length, width, cell: (r, c) => grid[r]?.[c] ?? blank };
}

/** Rows r0+1..r1 of columns col..col+cols-1 are copies of row r0 (formula, number format and style). */
export interface FillRun {
  readonly sourceRow: number;
  readonly row: number;
  readonly rows: number;
  readonly col: number;
  readonly cols: number;
}

/** Shortest run (source row included) worth a copy instead of sending the formulas. */
export const MIN_FILL_ROWS = 3;
/** Repeated texts are copied only in long runs: a short run would cut the value blocks apart. */
export const MIN_FILL_TEXT_ROWS = 64;

/** Finds the copy-down runs (formulas, and repeated values) and the mask of cells they cover. */
export function findFillRuns(grid: EncodedSheet): {
  runs: FillRun[];
  covered: (r: number, c: number) => boolean;
} {
  const covered = new Set<number>();
  const byRows = new Map<string, number[]>();
  for (let c = 0; c < grid.width; c++) {
    let start = 0;
    let prev: string | undefined;
    for (let r = 0; r <= grid.rows; r++) {
      const e = r < grid.rows ? grid.cell(r, c) : undefined;
      // A formula copies when it is the row above's shifted by one row; a text when it equals
      // the row above's (a copy of a constant is the constant). Numbers are left to the blocks:
      // short runs of equal numbers would only cut the rectangles into pieces.
      const rest = e ? `\u0001${e.fmt ?? ''}\u0001${e.style ?? ''}` : '';
      // A cell the renderer marked as the copy of the one above continues the run at no cost.
      if (e?.down && prev !== undefined && prev.endsWith(rest)) continue;
      const k = e?.isFormula
        ? copyKey(String(e.out).slice(1), r)
        : e?.filled && typeof e.out === 'string'
          ? `\u0002${e.out}`
          : undefined;
      const key = k === undefined || !e ? undefined : `${k}${rest}`;
      if (key !== undefined && key === prev) continue;
      const min = prev?.startsWith('\u0002') ? MIN_FILL_TEXT_ROWS : MIN_FILL_ROWS;
      if (prev !== undefined && r - start >= min) {
        for (let i = start + 1; i < r; i++) covered.add(i * grid.width + c);
        const id = `${start}:${r - 1}`;
        byRows.set(id, [...(byRows.get(id) ?? []), c]);
      }
      start = r;
      prev = key;
    }
  }
  const runs: FillRun[] = [];
  for (const [id, cols] of byRows) {
    const [r0, r1] = id.split(':').map(Number) as [number, number];
    // Runs of consecutive columns: [first, last].
    let first = cols[0] ?? outOfBounds();
    let last = first;
    for (const c of cols.slice(1)) {
      if (c === last + 1) {
        last = c;
        continue;
      }
      runs.push({ sourceRow: r0, row: r0 + 1, rows: r1 - r0, col: first, cols: last - first + 1 });
      first = last = c;
    }
    runs.push({ sourceRow: r0, row: r0 + 1, rows: r1 - r0, col: first, cols: last - first + 1 });
  }
  runs.sort((a, b) => a.row - b.row || a.col - b.col);
  return { runs, covered: (r, c) => covered.has(r * grid.width + c) };
}

/** A rectangle of cells: rows row..row+rows-1, columns col..col+cols-1. */
export interface Rect {
  readonly row: number;
  readonly rows: number;
  readonly col: number;
  readonly cols: number;
}

/**
 * Rectangles covering every filled cell that is not covered by a copy: each row is cut at
 * covered cells and trimmed to its filled cells, then equal cuts of consecutive rows are merged.
 */
export function explicitRects(
  grid: EncodedSheet,
  covered: (r: number, c: number) => boolean,
): Rect[] {
  return mergeRows(grid.rows, (r) => {
    const segs: [number, number][] = [];
    let c = 0;
    while (c < grid.width) {
      while (c < grid.width && covered(r, c)) c++;
      let first = -1;
      let last = -1;
      while (c < grid.width && !covered(r, c)) {
        if (grid.cell(r, c).filled) {
          if (first < 0) first = c;
          last = c;
        }
        c++;
      }
      if (first >= 0) segs.push([first, last]);
    }
    return segs.map(([a, b]) => ({ key: `${a}:${b}`, col: a, cols: b - a + 1 }));
  }).map(({ rect }) => rect);
}

/** A rectangle whose rows all carry the same number formats, column by column. */
export interface FormatRect extends Rect {
  /** The number format of each column, left to right. */
  readonly formats: readonly string[];
}

/**
 * Rectangles covering every cell with a number format: each row is cut into runs of cells that
 * have one, then runs with the same columns and formats on consecutive rows are merged. A data
 * block's formats are the same on every row, so a block costs one rectangle whatever its rows.
 */
export function formatRects(grid: EncodedSheet): FormatRect[] {
  return mergeRows(grid.rows, (r) => {
    const segs: { key: string; col: number; cols: number; formats: string[] }[] = [];
    let c = 0;
    while (c < grid.width) {
      while (c < grid.width && grid.cell(r, c).fmt === null) c++;
      const col = c;
      const formats: string[] = [];
      for (let f = grid.cell(r, c).fmt; f !== null && c < grid.width; f = grid.cell(r, c).fmt) {
        formats.push(f);
        c++;
      }
      if (formats.length > 0)
        segs.push({
          key: `${col}\u0001${formats.join('\u0001')}`,
          col,
          cols: formats.length,
          formats,
        });
    }
    return segs;
  }).map(({ rect, seg }) => ({ ...rect, formats: seg.formats }));
}

/** Merges, down the rows, column segments with the same key into rectangles. */
export function mergeRows<
  T extends { readonly key: string; readonly col: number; readonly cols: number },
>(rows: number, segmentsOf: (r: number) => readonly T[]): { rect: Rect; seg: T }[] {
  const done: { rect: Rect; seg: T }[] = [];
  let open = new Map<string, { row: number; seg: T }>();
  for (let r = 0; r <= rows; r++) {
    const segs = r < rows ? segmentsOf(r) : [];
    const next = new Map<string, { row: number; seg: T }>();
    for (const seg of segs) next.set(seg.key, open.get(seg.key) ?? { row: r, seg });
    for (const [key, o] of open) {
      if (!next.has(key) || next.get(key) !== o)
        done.push({
          rect: { row: o.row, rows: r - o.row, col: o.seg.col, cols: o.seg.cols },
          seg: o.seg,
        });
    }
    open = next;
  }
  return done.sort((a, b) => a.rect.row - b.rect.row || a.rect.col - b.rect.col);
}
