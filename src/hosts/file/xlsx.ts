/**
 * The .xlsx operations the file host loads lazily (one chunk with ExcelJS in it), so the task pane
 * renders before the 1 MB spreadsheet library is fetched and parsed.
 */
/** Reading .xlsx bytes into grids (the lean reader; ExcelJS for what it leaves to it). */
export { openWorkbook, workbookGrids } from '../xlsx/read';
/** Writing the outputs into the file's own package. */
export { isMacroEnabled, writePackage } from '../xlsx/package';
/** 下发: the units' workbooks in one .zip (the pane's button, in both hosts: ExcelJS once). */
export { issueZip } from '../xlsx/issue';
