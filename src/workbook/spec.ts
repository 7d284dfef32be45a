/**
 * The plain, host-neutral description of output sheets. The renderer builds it from a plan; the
 * .xlsx writer (ExcelJS), the Office.js writer and the browser file mode each apply it. Nothing
 * here knows about any host. (Like ExcelJS's documented model, kept apart from its writers.)
 *
 * Rules every writer follows:
 * - A cell with `f` is a formula (A1 references, no leading '='); `v` is its cached result.
 * - A cell without `f` is a value; a string is always written as text, even if it starts with
 *   '=', '+', '-' or '@' (writers must never let a host interpret it as a formula).
 * - `rows` is dense from A1; `null` is an empty cell.
 */

export type CellValue = string | number | boolean | null;

/** Named styles; each writer maps them to fonts and fills (see STYLE_DEFS). */
export type StyleName =
  'title' | 'note' | 'header' | 'section' | 'subtotal' | 'total' | 'check' | 'param';

export interface CellSpec {
  /** The value, or a formula's cached result. */
  readonly v: CellValue;
  /** A formula without the leading '='. */
  readonly f?: string;
  /** A number format code ('0.0%', '#,##0.00', '@'). */
  readonly fmt?: string;
  readonly style?: StyleName;
  /**
   * The renderer's promise that this formula is the formula of the cell above copied one row
   * down (as a fill-down makes it), with the same format and style. Writers use it to store runs
   * as one shared formula (.xlsx) or to send one row and fill the rest (Office.js) without
   * re-parsing every formula; tests/workbook/formulas.test.ts checks every such promise.
   */
  readonly down?: true;
}

/** A conditional format: where `formula` (relative to the range's top-left cell) is true, fill. */
export interface ConditionalRule {
  /** Formula without '=', relative to the top-left cell of the range, e.g. `$S5="超序时"`. */
  readonly formula: string;
  /** Fill colour, 6 hex digits without '#'. */
  readonly fill: string;
  /** Font colour, 6 hex digits without '#'. */
  readonly font: string;
}

export interface ConditionalFormatSpec {
  /** An A1 range such as `S5:S120`. */
  readonly range: string;
  readonly rules: readonly ConditionalRule[];
}

export interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly (CellSpec | null)[])[];
  /** Column widths in characters, from column A. */
  readonly widths?: readonly number[];
  /** Frozen rows at the top and columns at the left. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly conditionalFormats?: readonly ConditionalFormatSpec[];
  /** Print on landscape pages, one page wide (long tables officials print and file). */
  readonly printLandscape?: boolean;
  /** The generated-sheet note (also written into the sheet's second row). */
  readonly note?: string;
}

export interface WorkbookSpec {
  /** Output sheets in order. */
  readonly sheets: readonly SheetSpec[];
  /**
   * Further sheet names this spec supersedes (the other language's output names): a writer
   * deletes them, if present, in the same step in which it replaces the spec's sheets. The .xlsx
   * package writer deletes (and replaces) only sheets that carry the generated note in A2
   * (`note.ts`), so a user's sheet with such a name is left alone.
   */
  readonly remove?: readonly string[];
}

/** Style definitions shared by every writer: bold, italic, fill and font colours (hex). */
export const STYLE_DEFS: Readonly<
  Record<
    StyleName,
    { bold?: boolean; italic?: boolean; fill?: string; font?: string; size?: number }
  >
> = {
  title: { bold: true, size: 14 },
  note: { italic: true, font: '666666' },
  header: { bold: true, fill: 'D9E1F2' },
  section: { bold: true, fill: 'EDEDED' },
  subtotal: { bold: true, fill: 'F2F2F2' },
  total: { bold: true, fill: 'FFF2CC' },
  check: { italic: true, font: '375623' },
  param: { fill: 'FFFFFF', font: '1F4E79' },
};

/** Flag colours: fill and font (green, yellow, orange, red, grey). */
export const FLAG_COLORS = {
  ahead: { fill: 'C6EFCE', font: '006100' },
  slightlyBehind: { fill: 'FFEB9C', font: '7F6000' },
  behind: { fill: 'F8CBAD', font: '843C0C' },
  seriouslyBehind: { fill: 'FFC7CE', font: '9C0006' },
  noData: { fill: 'D9D9D9', font: '404040' },
} as const;

/** 0-based column index to letters: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Column letters to a 0-based index: A → 0, AB → 27 (either case). */
export function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** 0-based row and column to an A1 reference. @example a1(0, 0) // → 'A1' */
export const a1 = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;

/** 'A1' → { row: 0, col: 0 }. */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`not an A1 reference: ${ref}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] as string) };
}

/** Whether Excel accepts `name` for a sheet: 1–31 characters, none of : \ / ? * [ ], no quote at either end. */
export const isLegalSheetName = (name: string): boolean =>
  name.length > 0 &&
  name.length <= 31 &&
  !/[:\\/?*[\]]/.test(name) &&
  !name.startsWith("'") &&
  !name.endsWith("'");

/** Excel compares sheet names without regard to case (as the writers of files do). */
export const sameSheetName = (a: string, b: string): boolean =>
  a.toLocaleUpperCase() === b.toLocaleUpperCase();

/** A sheet name quoted for use in a formula: 'Sheet 1'!A1, '分解结果'!A1. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;
