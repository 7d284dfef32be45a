/**
 * Reads the worksheets of the open workbook as plain grids (see workbook/grid.ts): the whole used
 * range, or only a window of a sheet (the pane reads the input sheets whole and only the few
 * cells of the outputs that the status needs: see window.ts).
 *
 * Requests: 1. the sheet names; 2. each sheet's used range (position and size); 3… the cells
 * (`values`, `formulas`, `valueTypes`, `numberFormat`), packed so no response should exceed `maxResponseBytes`,
 * each sheet sized at its own bytes per cell (first estimated, then measured from its responses).
 * Excel on the web refuses any response over 5 MB; if it refuses one anyway, the same rows are
 * asked again at half the size. A number in a date format is read as a date, as the .xlsx
 * reader reads it, in the workbook's date system: Office.js has no property for it in any
 * released requirement set (`Workbook.use1904DateSystem` is a preview API), so the first request
 * asks Excel's own DATE function (`workbook.functions.date(1904, 1, 1)`, ExcelApi 1.2), which is 0
 * in a 1904-system workbook and 1,462 otherwise.
 */
import type { RawCell, SheetGrid, WorkbookGrids } from '../../workbook/grid';
import { isDateFormat, serialDate } from '../xlsx/gridReader';
import { DEFAULT_MAX_REQUEST_BYTES, jsonBytes } from './bytes';
import { SYNC_TIMEOUT_MS, syncWithin } from './guards';

/** The part of a sheet to read: its first `rows` rows and `cols` columns (absent: all). */
export interface ReadWindow {
  readonly rows?: number;
  readonly cols?: number;
}

/** Options of `readGrids`. */
export interface ReadOptions {
  /** Sheets to read (default all). */
  readonly include?: (name: string) => boolean;
  /**
   * How much of each included sheet to read: a window from A1, or null for its name only (empty
   * cells). Default: the whole used range.
   */
  readonly window?: (name: string) => ReadWindow | null;
  /** Also read merged areas; needs ExcelApi 1.13 (`Range.getMergedAreasOrNullObject`). Default false. */
  readonly merges?: boolean;
  /** Largest expected response, in bytes (default 3.5 MB). */
  readonly maxResponseBytes?: number;
  /** Called after each request with the number made so far. */
  readonly onSync?: (syncs: number) => void;
  /** Longest wait for one request (default 3 minutes). */
  readonly syncTimeoutMs?: number;
}

/** Starting estimate of response bytes per cell over the three arrays, before any is measured. */
export const FIRST_BYTES_PER_CELL = 48;

/** Error codes of a request or response over Excel on the web's payload limit. */
const PAYLOAD_ERRORS = new Set([
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
]);

/** Whether `error` is Excel refusing a request or response for its size. */
export const isPayloadError = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  PAYLOAD_ERRORS.has(String(error.code));

interface Used {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
  readonly cells: RawCell[][];
  next: number;
  /** This sheet's own response bytes per cell: estimated, then measured from its responses. */
  bytesPerCell: number;
  merges?: Excel.RangeAreas;
}

/** A chunk of one sheet's rows, loaded in one request. */
interface Chunk {
  readonly u: Used;
  readonly at: number;
  readonly rows: number;
  readonly range: Excel.Range;
}

/**
 * Reads the used range of every (included) sheet, in workbook order, or the window of it that
 * `opts.window` asks for. Each request carries as many rows as the response budget allows at each
 * sheet's own bytes per cell; a response Excel refuses for its size is asked again at half the
 * rows (down to one row), so a misestimate costs a request, not the read.
 */
export async function readGrids(
  ctx: Excel.RequestContext,
  opts: ReadOptions = {},
): Promise<WorkbookGrids> {
  let syncs = 0;
  const sync = async (): Promise<void> => {
    try {
      await syncWithin(ctx, opts.syncTimeoutMs ?? SYNC_TIMEOUT_MS);
    } finally {
      opts.onSync?.(++syncs);
    }
  };
  const all = ctx.workbook.worksheets;
  all.load('items/name'); // ExcelApi 1.1
  const epoch = ctx.workbook.functions.date(1904, 1, 1); // ExcelApi 1.2
  epoch.load('value');
  await sync();
  const date1904 = epoch.value === 0;
  const sheets = all.items.filter((w) => opts.include?.(w.name) ?? true);
  const windows = sheets.map((w) => (opts.window ? opts.window(w.name) : {}));
  const ranges = sheets.flatMap((w, i) => {
    if (windows[i] === null) return [];
    const range = w.getUsedRangeOrNullObject(true); // ExcelApi 1.4; values only, not formatting
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    return [{ sheet: w, range, window: windows[i] ?? {} }];
  });
  if (ranges.length > 0) await sync();
  const used: Used[] = [];
  const grids: SheetGrid[] = sheets.map((w) => ({ name: w.name, cells: [] as RawCell[][] }));
  for (const { sheet, range, window } of ranges) {
    if (range.isNullObject) continue;
    const grid = grids.find((g) => g.name === sheet.name);
    // The window is counted from A1: what of the used range falls inside it.
    const rows = Math.min(range.rowCount, (window.rows ?? Infinity) - range.rowIndex);
    const cols = Math.min(range.columnCount, (window.cols ?? Infinity) - range.columnIndex);
    if (!grid || rows < 1 || cols < 1) continue;
    used.push({
      name: sheet.name,
      sheet,
      row: range.rowIndex,
      col: range.columnIndex,
      rows,
      cols,
      cells: grid.cells as RawCell[][],
      next: 0,
      bytesPerCell: FIRST_BYTES_PER_CELL,
    });
  }
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  /** Halved after each refused response, back to 1 after one is accepted. */
  let scale = 1;
  let first = true;
  while (used.some((u) => u.next < u.rows)) {
    let bytes = 0;
    const loaded: Chunk[] = [];
    for (const u of used) {
      while (
        u.next < u.rows &&
        (loaded.length === 0 || bytes + u.cols * u.bytesPerCell <= maxBytes * scale)
      ) {
        const room = Math.floor((maxBytes * scale - bytes) / (u.cols * u.bytesPerCell));
        const n = Math.min(u.rows - u.next, Math.max(1, room));
        const range = u.sheet.getRangeByIndexes(u.row + u.next, u.col, n, u.cols); // ExcelApi 1.7
        range.load('values,formulas,valueTypes,numberFormat'); // ExcelApi 1.1
        loaded.push({ u, at: u.next, rows: n, range });
        u.next += n;
        bytes += n * u.cols * u.bytesPerCell;
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
    try {
      await sync();
    } catch (error) {
      const single = loaded.length === 1 && loaded[0]?.rows === 1;
      if (!isPayloadError(error) || single) throw error;
      // Too large for Excel: ask again for the same rows, half as many per request.
      for (const { u, at } of [...loaded].reverse()) u.next = at;
      scale /= 2;
      continue;
    }
    first = false;
    scale = 1;
    const measured = new Map<Used, { bytes: number; cells: number }>();
    for (const { u, at, rows, range } of loaded) {
      const m = measured.get(u) ?? { bytes: 0, cells: 0 };
      m.bytes +=
        jsonBytes(range.values) +
        jsonBytes(range.formulas) +
        jsonBytes(range.valueTypes) +
        jsonBytes(range.numberFormat);
      m.cells += rows * u.cols;
      measured.set(u, m);
      place(u, at, range, date1904);
    }
    for (const [u, m] of measured)
      u.bytesPerCell = Math.min(4096, Math.max(12, (1.25 * m.bytes) / Math.max(1, m.cells)));
  }
  return {
    sheets: grids.map((g) => {
      const u = used.find((x) => x.cells === g.cells);
      const merges = u?.merges && !u.merges.isNullObject ? parseAreas(u.merges.address) : undefined;
      return merges ? { ...g, merges } : g;
    }),
  };
}

function place(u: Used, at: number, range: Excel.Range, date1904: boolean): void {
  const { values, formulas, valueTypes, numberFormat } = range;
  values.forEach((line, i) => {
    const r = u.row + at + i;
    while (u.cells.length <= r) u.cells.push([]);
    const out: RawCell[] = Array.from({ length: u.col + u.cols }, () => null);
    line.forEach((v: unknown, c) => {
      out[u.col + c] = toRawCell(
        v,
        formulas[i]?.[c],
        valueTypes[i]?.[c],
        numberFormat[i]?.[c],
        date1904,
      );
    });
    u.cells[r] = out;
  });
  for (let r = 0; r < u.row; r++) u.cells[r] ??= [];
}

type Result = Exclude<Extract<RawCell, { readonly formula: string }>['result'], undefined>;

/**
 * One cell from Office.js's arrays: a formula (with its result), an error, a value or null. A
 * number in a date format is a date, as the .xlsx reader reads it (`{ date }`, in the workbook's
 * date system).
 */
export function toRawCell(
  value: unknown,
  formula: unknown,
  type: unknown,
  format?: unknown,
  date1904 = false,
): RawCell {
  const plain: Result =
    type === 'Error'
      ? { error: String(value) }
      : type === 'Empty' || value === ''
        ? null
        : typeof value === 'number' && typeof format === 'string' && isDateFormat(format)
          ? serialDate(value, date1904)
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
