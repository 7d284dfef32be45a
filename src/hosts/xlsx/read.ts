/**
 * Read an .xlsx file (bytes) into the host-neutral WorkbookGrids: with the lean reader
 * (gridReader.ts) when opening a file, with ExcelJS (`readWorkbook`) for what the lean reader
 * leaves to it and wherever a caller needs the ExcelJS model. The two give the same grids
 * (tests/xlsx/gridReader.test.ts). Runs in Node and in the browser: no Node imports here.
 */
import ExcelJS from 'exceljs';
import { fail, fenjieError, ok, outOfBounds, type ErrorCode, type Result } from '../../engine';
import type { RawCell, SheetGrid, WorkbookGrids } from '../../workbook/grid';
import { a1 } from '../../workbook/spec';
import { toRawCell } from './cells';
import { emptyStringResults } from './emptyResults';
import { readGrids, type ReadGridsOptions } from './gridReader';
import { notWorkbookKind, type FileKind } from './sniff';

/** ExcelJS declares `load(buffer: Buffer)`; JSZip underneath accepts any ArrayBuffer or Uint8Array. */
type LoadInput = Parameters<ExcelJS.Xlsx['load']>[0];

const KIND_ERRORS: Readonly<Record<FileKind, ErrorCode & `File${string}`>> = {
  empty: 'FileEmpty',
  oldExcel: 'FileOldExcel',
  encrypted: 'FileEncrypted',
  openDocument: 'FileOpenDocument',
  notWorkbook: 'FileNotWorkbook',
};

/**
 * The bytes of a file named `path` as a workbook's grids (those `o.sheets` picks), or why they
 * cannot be one: an empty file, an old .xls, an encrypted or OpenDocument file, something else,
 * or a damaged .xlsx (the reading library's own words then go into the message as its detail).
 * The CLI and the file mode both open files through here, so they say the same.
 */
export async function openWorkbook(
  data: ArrayBuffer | Uint8Array,
  path: string,
  o: ReadGridsOptions = {},
): Promise<Result<{ grids: WorkbookGrids }>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const kind = notWorkbookKind(bytes);
  if (kind !== undefined) return fail(fenjieError(KIND_ERRORS[kind], { path }));
  let grids: WorkbookGrids;
  try {
    grids = await workbookGrids(bytes, o);
  } catch (error) {
    // The zip holds a workbook part, so whatever the library could not parse is damage.
    const detail = error instanceof Error ? error.message : String(error);
    return fail(fenjieError('FileDamaged', { path, detail: detail.slice(0, 200) }));
  }
  return ok({ grids });
}

/**
 * The grids of an .xlsx file's worksheets (those `o.sheets` picks): read by the lean reader,
 * which keeps only the grids in memory; by ExcelJS when the lean reader leaves the package to it
 * or fails, so a file reads (or fails, in ExcelJS's words) exactly as it always did.
 */
export async function workbookGrids(
  data: ArrayBuffer | Uint8Array,
  o: ReadGridsOptions = {},
): Promise<WorkbookGrids> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  try {
    return await readGrids(bytes, o);
  } catch {
    const { grids } = await readWorkbook(bytes);
    const pick = o.sheets;
    return pick === undefined ? grids : { sheets: grids.sheets.filter((s) => pick(s.name)) };
  }
}

/**
 * Load an .xlsx file and convert every worksheet to a SheetGrid (dense from A1 to the last cell
 * that holds a value; merged ranges; hidden rows). The ExcelJS workbook is returned too, so a
 * caller can apply a WorkbookSpec to it and write it back with the input sheets untouched.
 */
export async function readWorkbook(
  data: ArrayBuffer | Uint8Array,
): Promise<{ workbook: ExcelJS.Workbook; grids: WorkbookGrids }> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as LoadInput);
  const grids = gridsOf(workbook);
  // ExcelJS reads a cached '' as no cached value; only then look at the raw XML to tell them apart.
  const unsure = grids.sheets
    .filter((sheet) => sheet.cells.some((row) => row.some(lacksResult)))
    .map((sheet) => sheet.name);
  if (unsure.length === 0) return { workbook, grids };
  const empties = await emptyStringResults(bytes, unsure);
  const sheets = grids.sheets.map((sheet) => {
    const set = empties.get(sheet.name);
    if (!set || set.size === 0) return sheet;
    const cells = sheet.cells.map((row, r) =>
      row.map((cell, c) =>
        lacksResult(cell) && set.has(a1(r, c))
          ? { ...(cell as { formula: string }), result: '' }
          : cell,
      ),
    );
    return { ...sheet, cells };
  });
  return { workbook, grids: { sheets } };
}

const lacksResult = (cell: RawCell): boolean =>
  cell !== null && typeof cell === 'object' && 'formula' in cell && cell.result === undefined;

/** Every worksheet of an ExcelJS workbook as a SheetGrid, in tab order. */
export function gridsOf(workbook: ExcelJS.Workbook): WorkbookGrids {
  return { sheets: workbook.worksheets.map((ws) => sheetGrid(ws)) };
}

/**
 * One worksheet as a SheetGrid. A formula whose cached result is an empty string reads as one
 * without a result (ExcelJS cannot tell them apart); `readWorkbook` mends those from the XML.
 */
export function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const found: { row: number; col: number; value: RawCell }[] = [];
  let height = 0;
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const value = toRawCell(cell);
      if (value === null) return;
      found.push({ row: rowNumber - 1, col: colNumber - 1, value });
      height = Math.max(height, rowNumber);
      width = Math.max(width, colNumber);
    });
  });
  const cells: RawCell[][] = Array.from({ length: height }, () =>
    new Array<RawCell>(width).fill(null),
  );
  for (const { row, col, value } of found) (cells[row] ?? outOfBounds())[col] = value;

  const hiddenRows: number[] = [];
  for (let r = 1; r <= ws.rowCount; r++) if (ws.findRow(r)?.hidden) hiddenRows.push(r - 1);

  return { name: ws.name, cells, merges: mergesOf(ws), hiddenRows };
}

/** Merged ranges ('A1:B2'); ExcelJS keeps them in the worksheet model. */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const merges: unknown = (ws.model as { merges?: unknown }).merges;
  return Array.isArray(merges) ? merges.filter((m): m is string => typeof m === 'string') : [];
}
