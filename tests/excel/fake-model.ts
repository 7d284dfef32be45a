/**
 * The workbook state behind the fake Office.js (fake-excel.ts): sheets of cells with values,
 * formulas, number formats, fonts, fills and wrapping, conditional formats, data validations,
 * frozen panes, column widths, row heights, merges, the AutoFilter range and the page layout. It mirrors the few Excel behaviours the writer depends on:
 * - a string written into a cell is parsed as Excel does on entry ('=…' is a formula, '12' a
 *   number, 'TRUE' a boolean, '+x' / '-x' / '@x' a formula) unless the cell's format is '@' (text);
 * - renaming a sheet rewrites references to it in every formula; deleting one turns them into #REF!;
 * - copying a formula moves its relative row references.
 * Written independently of src/hosts/excel so that the two cannot share a mistake.
 */

export type FakeValue = string | number | boolean | null;

export interface FakeCell {
  /** A constant, or a formula's cached result (null when never calculated). */
  value: FakeValue;
  /** A formula without '='. */
  formula?: string;
  /** An error value such as '#DIV/0!' (constant or a formula's result). */
  error?: string;
  numberFormat: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
}

/** What a sheet's page layout was set to (the members the writer sets; unset ones absent). */
export interface FakePageLayout {
  paperSize?: string;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printGridlines?: boolean;
  centerHorizontally?: boolean;
  /** The print title rows as given ('$1:$5'). */
  printTitleRows?: string;
  /** The print area as given ('A1:T120'). */
  printArea?: string;
  /** The default header and footer parts set: leftHeader, centerFooter … */
  headerFooter: Record<string, string>;
}

export interface FakeConditionalFormat {
  readonly range: string;
  readonly type: string;
  formula: string;
  fill: string | null;
  font: string | null;
}

/**
 * A data validation as set through Range.dataValidation (ExcelApi 1.8): the rule object as given
 * (checked), whether blanks are ignored, and the prompt and error alert as given.
 */
export interface FakeDataValidation {
  /** The range it covers ('B3'). */
  readonly range: string;
  rule?: Record<string, Record<string, unknown>>;
  /** Excel's default is true. */
  ignoreBlanks: boolean;
  prompt?: { title: string; message: string; showPrompt: boolean };
  errorAlert?: { title: string; message: string; showAlert: boolean; style: string };
}

/** Thrown like an OfficeExtension.Error: a code and a message. */
export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  conditionalFormats: FakeConditionalFormat[] = [];
  dataValidations: FakeDataValidation[] = [];
  freeze = { rows: 0, cols: 0 };
  readonly widths = new Map<number, number>();
  /** Row heights in points, by 0-based row. */
  readonly heights = new Map<number, number>();
  merges: string[] = [];
  /** The AutoFilter's range ('A4:T120'), or null for none. */
  autoFilter: string | null = null;
  readonly page: FakePageLayout = { headerFooter: {} };
  /** The sheet is protected (its cells cannot be changed; not enforced beyond what tests read). */
  protected = false;
  /** Worksheet.visibility: a VeryHidden sheet cannot be deleted (InvalidOperation), as in Excel. */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  constructor(
    readonly id: string,
    public name: string,
  ) {}
  get(r: number, c: number): FakeCell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  cell(r: number, c: number): FakeCell {
    const key = `${r},${c}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: null, numberFormat: 'General' };
      this.cells.set(key, cell);
    }
    return cell;
  }
}

const NUMBER = /^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;

/** Writes one `formulas` entry into a cell as Excel does (null leaves it unchanged). */
export function enter(cell: FakeCell, entry: unknown): void {
  if (entry === null) return;
  delete cell.formula;
  delete cell.error;
  if (entry === '') cell.value = null;
  else if (typeof entry === 'number' || typeof entry === 'boolean') cell.value = entry;
  else if (typeof entry !== 'string')
    throw new FakeExcelError('InvalidArgument', `cannot write ${typeof entry}`);
  else if (cell.numberFormat === '@') cell.value = entry;
  else if (entry.startsWith('=') && entry.length > 1) {
    cell.formula = entry.slice(1);
    cell.value = null;
  } else if (NUMBER.test(entry)) {
    const n = Number(entry.replace(/[,%]/g, ''));
    cell.value = entry.endsWith('%') ? n / 100 : n;
  } else if (/^(true|false)$/i.test(entry)) cell.value = entry.toLowerCase() === 'true';
  else if (/^[+\-@]/.test(entry)) {
    cell.formula = entry;
    cell.value = null;
  } else cell.value = entry;
}

/** Applies `edit` to the parts of a formula outside string literals and quoted sheet names. */
function outsideQuotes(
  formula: string,
  edit: (plain: string) => string,
  sheet: (name: string) => string,
): string {
  let out = '';
  let plain = '';
  for (let i = 0; i < formula.length;) {
    const ch = formula[i] as string;
    if (ch !== '"' && ch !== "'") {
      plain += ch;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch))
      j += formula[j] === ch ? 2 : 1;
    out += edit(plain);
    plain = '';
    if (ch === "'" && formula[j + 1] === '!') {
      out += sheet(formula.slice(i + 1, j).replace(/''/g, "'"));
      i = j + 2;
    } else {
      out += formula.slice(i, j + 1);
      i = j + 1;
    }
  }
  return out + edit(plain);
}

const quote = (name: string): string => `'${name.replace(/'/g, "''")}'!`;

/** Rewrites references to sheet `from` (any case) to `to`, or to #REF! when `to` is null. */
export function renameRefs(formula: string, from: string, to: string | null): string {
  const target = from.toLowerCase();
  const replace = (name: string, whole: string): string =>
    name.toLowerCase() !== target ? whole : to === null ? '#REF!' : quote(to);
  return outsideQuotes(
    formula,
    (plain) =>
      plain.replace(
        /(?<![\w.\u0080-\uffff])([A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*)!/g,
        (whole, name: string) => replace(name, whole),
      ),
    (name) => replace(name, quote(name)),
  );
}

/** Moves the relative row references of a formula by `rows` (Excel's copy). */
export function shiftRows(formula: string, rows: number): string {
  return outsideQuotes(
    formula,
    (plain) =>
      plain.replace(
        /(?<![\w.$\u0080-\uffff])(\$?[A-Za-z]{1,3})(\$?)(\d+)(?![\w.(!\u0080-\uffff])/g,
        (whole, col: string, abs: string, row: string) =>
          abs ? whole : `${col}${Number(row) + rows}`,
      ),
    (name) => quote(name),
  );
}

/** 'B2' or 'B2:D9' (optionally with $) → 0-based block. */
export function parseAddress(address: string): {
  row: number;
  col: number;
  rows: number;
  cols: number;
} {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(address);
  if (!m)
    throw new FakeExcelError(
      'InvalidArgument',
      `fake Excel does not model the address "${address}"`,
    );
  const col = (s: string): number =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r0 = Number(m[2]) - 1;
  const c0 = col(m[1] as string);
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  const c1 = m[3] ? col(m[3]) : c0;
  return {
    row: Math.min(r0, r1),
    col: Math.min(c0, c1),
    rows: Math.abs(r1 - r0) + 1,
    cols: Math.abs(c1 - c0) + 1,
  };
}

/** 0-based block → 'B2:D9' ('B2' for one cell). */
export function blockAddress(b: { row: number; col: number; rows: number; cols: number }): string {
  const letter = (c: number): string =>
    c < 26 ? String.fromCharCode(65 + c) : letter(Math.floor(c / 26) - 1) + letter(c % 26);
  const first = `${letter(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1
    ? first
    : `${first}:${letter(b.col + b.cols - 1)}${b.row + b.rows}`;
}

/** A block of cells: rows row..row+rows-1, columns col..col+cols-1 (0-based). */
interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Whether cell (r, c) lies in block `b`. */
export const inBlock = (b: Rect, r: number, c: number): boolean =>
  r >= b.row && r < b.row + b.rows && c >= b.col && c < b.col + b.cols;

/** Whether the A1 range `range` lies wholly within block `b`. */
export function within(b: Rect, range: string): boolean {
  const x = parseAddress(range);
  return inBlock(b, x.row, x.col) && inBlock(b, x.row + x.rows - 1, x.col + x.cols - 1);
}
