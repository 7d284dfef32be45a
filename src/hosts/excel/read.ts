/**
 * Reads every worksheet of the open workbook as plain grids (see workbook/grid.ts).
 *
 * Requests: 1. the sheet names; 2. each sheet's used range (position and size); 3… the cells
 * (`values`, `formulas`, `valueTypes`), packed so no response should exceed `maxResponseBytes`.
 * A workbook whose cells fit in one response takes 3 requests, however many sheets or rows; a
 * larger one takes one more request per response-full of cells (Excel on the web refuses any
 * response over 5 MB). The bytes per cell are re-estimated from each response received.
 * Dates arrive as serial numbers and are left so (the workbook reader converts by column).
 */
import type { RawCell, SheetGrid, WorkbookGrids } from '../../workbook/grid';
import { DEFAULT_MAX_REQUEST_BYTES, jsonBytes } from './bytes';

/** Options of `readGrids`. */
export interface ReadOptions {
  /** Sheets to read (default all). */
  readonly include?: (name: string) => boolean;
  /** Also read merged areas; needs ExcelApi 1.13 (`Range.getMergedAreasOrNullObject`). Default false. */
  readonly merges?: boolean;
  /** Largest expected response, in bytes (default 3.5 MB). */
  readonly maxResponseBytes?: number;
  /** Called after each request with the number made so far. */
  readonly onSync?: (syncs: number) => void;
}

/** Starting estimate of response bytes per cell over the three arrays, before any is measured. */
const FIRST_BYTES_PER_CELL = 48;

interface Used {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly cells: RawCell[][];
  next: number;
  merges?: Excel.RangeAreas;
}

/** Reads the used range of every (included) sheet, in workbook order. */
export async function readGrids(
  ctx: Excel.RequestContext,
  opts: ReadOptions = {},
): Promise<WorkbookGrids> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    await ctx.sync();
    opts.onSync?.(++syncs);
  };
  const all = ctx.workbook.worksheets;
  all.load('items/name'); // ExcelApi 1.1
  await sync();
  const sheets = all.items.filter((w) => opts.include?.(w.name) ?? true);
  const ranges = sheets.map((w) => {
    const range = w.getUsedRangeOrNullObject(true); // ExcelApi 1.4; values only, not formatting
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    return { sheet: w, range };
  });
  await sync();
  const used: Used[] = [];
  const grids: SheetGrid[] = sheets.map((w) => ({ name: w.name, cells: [] as RawCell[][] }));
  ranges.forEach(({ sheet, range }, i) => {
    if (range.isNullObject) return;
    const cells = grids[i]?.cells as RawCell[][];
    used.push({
      name: sheet.name,
      sheet,
      row: range.rowIndex,
      col: range.columnIndex,
      rows: range.rowCount,
      cols: range.columnCount,
      cells,
      next: 0,
    });
  });
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  let bytesPerCell = FIRST_BYTES_PER_CELL;
  let first = true;
  while (used.some((u) => u.next < u.rows)) {
    const budget = Math.max(1, Math.floor(maxBytes / bytesPerCell));
    let cells = 0;
    const loaded: { u: Used; at: number; range: Excel.Range }[] = [];
    for (const u of used) {
      while (u.next < u.rows && (cells === 0 || cells + u.cols <= budget)) {
        const n = Math.min(u.rows - u.next, Math.max(1, Math.floor((budget - cells) / u.cols)));
        const range = u.sheet.getRangeByIndexes(u.row + u.next, u.col, n, u.cols); // ExcelApi 1.7
        range.load('values,formulas,valueTypes'); // ExcelApi 1.1
        loaded.push({ u, at: u.next, range });
        u.next += n;
        cells += n * u.cols;
      }
    }
    if (first && opts.merges) {
      for (const u of used) {
        u.merges = u.sheet
          .getRangeByIndexes(u.row, u.col, u.rows, u.cols)
          .getMergedAreasOrNullObject(); // ExcelApi 1.13
        u.merges.load('address'); // ExcelApi 1.9
      }
    }
    first = false;
    await sync();
    let bytes = 0;
    for (const { u, at, range } of loaded) {
      bytes += jsonBytes(range.values) + jsonBytes(range.formulas) + jsonBytes(range.valueTypes);
      place(u, at, range);
    }
    bytesPerCell = Math.min(4096, Math.max(12, (1.25 * bytes) / Math.max(1, cells)));
  }
  return {
    sheets: grids.map((g) => {
      const u = used.find((x) => x.cells === g.cells);
      const merges = u?.merges && !u.merges.isNullObject ? parseAreas(u.merges.address) : undefined;
      return merges ? { ...g, merges } : g;
    }),
  };
}

function place(u: Used, at: number, range: Excel.Range): void {
  const { values, formulas, valueTypes } = range;
  values.forEach((line, i) => {
    const r = u.row + at + i;
    while (u.cells.length <= r) u.cells.push([]);
    const out: RawCell[] = Array.from({ length: u.col + u.cols }, () => null);
    line.forEach((v: unknown, c) => {
      out[u.col + c] = toRawCell(v, formulas[i]?.[c], valueTypes[i]?.[c]);
    });
    u.cells[r] = out;
  });
  for (let r = 0; r < u.row; r++) u.cells[r] ??= [];
}

type Result = Exclude<Extract<RawCell, { readonly formula: string }>['result'], undefined>;

/** One cell from Office.js's three arrays: a formula (with its result), an error, a value or null. */
export function toRawCell(value: unknown, formula: unknown, type: unknown): RawCell {
  const plain: Result =
    type === 'Error'
      ? { error: String(value) }
      : type === 'Empty' || value === ''
        ? null
        : primitive(value);
  // A text cell reads back the same in both arrays; a formula's text differs from its result.
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value)
    return { formula: formula.slice(1), result: plain };
  return plain;
}

function primitive(value: unknown): number | string | boolean | null {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** 'Sheet1!A1:B2, Sheet1!D4' (sheet names possibly quoted) → ['A1:B2', 'D4']. */
export function parseAreas(address: string): string[] {
  const out: string[] = [];
  let part = '';
  let quoted = false;
  for (const ch of `${address},`) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      const bang = part.lastIndexOf('!');
      const ref = part
        .slice(bang + 1)
        .trim()
        .replace(/\$/g, '');
      if (ref) out.push(ref);
      part = '';
    } else part += ch;
  }
  return out;
}
