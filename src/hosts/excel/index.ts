/**
 * The Office.js host: reads the open workbook as grids and writes a WorkbookSpec back, in a
 * bounded number of requests, atomically. Needs ExcelApi 1.7; uses what 1.8 and 1.9 add where the
 * host has it (features.ts), and 1.13 only for `readGrids` with `merges: true`. Runs in the
 * browser: no Node imports.
 */
export { readGrids, toRawCell, type ReadOptions } from './read';
export { writeSpec, type WriteOptions, type WriteStats } from './write';
export { createSheets, selectCell, workbookSheetNames } from './sheets';
export { DEFAULT_MAX_REQUEST_BYTES, REQUEST_LIMIT_BYTES } from './bytes';

export { ALL_FEATURES, EXCEL_API_REQUIRED, excelFeatures, type ExcelFeatures } from './features';
/** The set `readGrids(…, { merges: true })` needs. */
export const EXCEL_API_FOR_MERGES = '1.13';
