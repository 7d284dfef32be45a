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
 * - Read a cell by its fields, never by spreading, cloning or serialising it: a cell marked `down`
 *   makes its formula text from its run's first formula when `f` is read (render/cells.ts), so
 *   that a county's millions of copied formulas do not each hold a copy of the text. A writer that
 *   stores a run as one shared formula never needs the text of the cells below the first.
 */
import { outOfBounds } from '../engine';

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
   * re-parsing every formula; src/workbook/formula.test.ts checks every such promise.
   */
  readonly down?: true;
  /** Wrap the text onto several lines within the column's width (a long header, say). */
  readonly wrap?: true;
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
  /** Row heights in points, from row 1; a height of 0 or less (or none) leaves the row's default. */
  readonly rowHeights?: readonly number[];
  /**
   * A1 ranges each merged into one cell (`A7:I7`), showing its top-left cell: a paragraph wrapped
   * across a table's width. No two overlap; the cells other than the top-left are empty (null).
   * Spreadsheets do not grow a merged row to its text: the renderer sets its height (rowHeights).
   */
  readonly merges?: readonly string[];
  /** How the sheet prints (long tables officials print and file). */
  readonly print?: PrintSpec;
  /** An A1 range, header row first, given filter buttons (Excel's AutoFilter), e.g. `A4:T120`. */
  readonly autoFilter?: string;
  /** The generated-sheet note (also written into the sheet's second row). */
  readonly note?: string;
  /** What cells accept (Excel's data validation), with the hint shown when one is selected. */
  readonly validations?: readonly ValidationSpec[];
}

/** A title and a text Excel shows: a hint when a cell is selected, or the message on a refused entry. */
export interface ValidationMessage {
  /** At most 32 characters (Excel's limit). */
  readonly title: string;
  /** At most 255 characters for a hint, 225 for an error (Excel's limits). */
  readonly text: string;
}

/**
 * What a validated cell accepts: one of a list (offered as an in-cell drop-down), a whole number
 * or a number between `min` and `max` inclusive, or a date between two dates (ISO `YYYY-MM-DD`).
 */
export type ValidationRule =
  | {
      readonly kind: 'list';
      /**
       * The values, none with a comma or a double quote; written as Excel's literal list
       * `"a,b"`, which holds at most 255 characters.
       */
      readonly list: readonly string[];
    }
  | { readonly kind: 'whole' | 'decimal'; readonly min: number; readonly max: number }
  | { readonly kind: 'date'; readonly min: string; readonly max: string };

/**
 * Data validation of a range: what its cells accept, whether blank is accepted, the hint shown
 * when a cell is selected and the message shown when an entry is refused. Every writer refuses
 * an entry the rule does not accept (Excel's stop alert), with `error` as the message or else
 * Excel's own. Excel checks only what is entered, never the values already there.
 */
export type ValidationSpec = ValidationRule & {
  /** An A1 cell or range such as `B3` or `B3:B14`. */
  readonly range: string;
  readonly allowBlank: boolean;
  readonly prompt?: ValidationMessage;
  readonly error?: ValidationMessage;
};

/** Excel's literal list formula for a list rule: `"按月,按日"`. */
export const listFormula = (list: readonly string[]): string => `"${list.join(',')}"`;

/** Excel's limits on a data validation's texts (ECMA-376 and Excel's dialog). */
export const VALIDATION_LIMITS = { title: 32, prompt: 255, error: 225, list: 255 } as const;

/**
 * The three parts of a page header or footer. Each is text in Excel's header and footer codes:
 * `&P` the page number, `&N` the number of pages, `&A` the sheet's name, `&D` the date, `&&` an
 * ampersand; e.g. `第 &P 页，共 &N 页` or `Page &P of &N`.
 */
export interface HeaderFooterSpec {
  readonly left?: string;
  readonly center?: string;
  readonly right?: string;
}

/** Page setup of a sheet: paper, orientation, scaling, titles repeated on each page, area, header and footer. */
export interface PrintSpec {
  /** Paper size (OOXML paperSize 9 for A4, 8 for A3). */
  readonly paper: 'A4' | 'A3';
  readonly orientation: 'landscape' | 'portrait';
  /**
   * Shrink the columns to fit this many pages wide, with as many pages tall as it takes
   * (fitToWidth n, fitToHeight 0); absent: printed at 100 %.
   */
  readonly fitWidth?: number;
  /** Rows repeated at the top of every page, 1-based and inclusive: `{ first: 1, last: 5 }` is rows 1–5. */
  readonly titleRows?: { readonly first: number; readonly last: number };
  /** The range printed, an A1 range such as `A1:T120`; absent: all that is used. */
  readonly area?: string;
  /** Print the cell gridlines (the named styles draw no borders). */
  readonly gridlines?: boolean;
  /** Centre the printed columns across the page. */
  readonly centerHorizontally?: boolean;
  readonly header?: HeaderFooterSpec;
  readonly footer?: HeaderFooterSpec;
}

/** The OOXML and ExcelJS form of a header or footer: `&L…&C…&R…`, its empty parts left out. */
export function headerFooterCode(hf: HeaderFooterSpec | undefined): string {
  if (!hf) return '';
  return (
    (hf.left ? `&L${hf.left}` : '') +
    (hf.center ? `&C${hf.center}` : '') +
    (hf.right ? `&R${hf.right}` : '')
  );
}

/** OOXML paper size codes (ECMA-376 18.3.1.63). */
export const PAPER_SIZE: Readonly<Record<PrintSpec['paper'], number>> = { A4: 9, A3: 8 };

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
  return { row: Number(m[2]) - 1, col: columnIndex(m[1] ?? outOfBounds()) };
}

/** An A1 range ('A4:T120', or one cell 'B2'; '$' allowed) as 0-based corners. */
export function parseRange(ref: string): { r0: number; c0: number; r1: number; c1: number } {
  const [a, b, extra] = ref.split(':');
  if (a === undefined || extra !== undefined) throw new Error(`not an A1 range: ${ref}`);
  const from = parseA1(a);
  const to = b === undefined ? from : parseA1(b);
  return {
    r0: Math.min(from.row, to.row),
    c0: Math.min(from.col, to.col),
    r1: Math.max(from.row, to.row),
    c1: Math.max(from.col, to.col),
  };
}

/** An A1 range with absolute references, as a defined name holds it: 'A4:T120' → '$A$4:$T$120'. */
export function absoluteRange(ref: string): string {
  const { r0, c0, r1, c1 } = parseRange(ref);
  return `$${columnLetter(c0)}$${r0 + 1}:$${columnLetter(c1)}$${r1 + 1}`;
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
