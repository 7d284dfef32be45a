/**
 * What the task pane reads of each sheet in Excel: the input sheets whole; of an output sheet only
 * what the status needs (workbook/status.ts): its note in A2, and the helper sheet's data check
 * (labels and counts in A4:B33); of any other sheet (the user's own) only its name. Reading
 * the output sheets whole cost a second run 134 MB in 50 requests on desktop and failed on the
 * web (a response over 5 MB) from about 275 enterprises.
 */
import { isInputSheetName, matchesName, OUTPUT_SHEETS, SHEETS } from '../../workbook/names';
import type { ReadWindow } from './read';

/** The window of an output sheet the status reads (rows and columns from A1). */
const OUTPUT_WINDOW: ReadWindow = { rows: 2, cols: 1 };
/** The helper's parameter table and data check end by row 33 (a test holds it within these rows). */
export const HELPER_WINDOW: ReadWindow = { rows: 64, cols: 2 };

/** The part of the sheet named `name` the pane needs: all ({}), a window, or nothing (null). */
export function statusWindow(name: string): ReadWindow | null {
  if (isInputSheetName(name)) return {};
  if (matchesName(SHEETS.helper, name)) return HELPER_WINDOW;
  if (OUTPUT_SHEETS.some((key) => matchesName(SHEETS[key], name))) return OUTPUT_WINDOW;
  return null;
}
