/**
 * The Office.js host: reads the open workbook as grids and writes a WorkbookSpec back, in a
 * bounded number of requests, atomically. Needs ExcelApi 1.9 (1.13 only for `readGrids` with
 * `merges: true`). Runs in the browser: no Node imports.
 */
export { readGrids, toRawCell, type ReadOptions } from './read';
export { writeSpec, type WriteOptions, type WriteStats } from './write';
export { createSheets, selectCell, workbookSheetNames } from './sheets';
export { DEFAULT_MAX_REQUEST_BYTES, REQUEST_LIMIT_BYTES } from './bytes';

/** The ExcelApi requirement set this host needs (check with `Office.context.requirements.isSetSupported('ExcelApi', …)`). */
export const EXCEL_API_REQUIRED = '1.9';
/** The set `readGrids(…, { merges: true })` needs. */
export const EXCEL_API_FOR_MERGES = '1.13';
