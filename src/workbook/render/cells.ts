/**
 * The renderer's building blocks: cell constructors, number formats, and a sheet under
 * construction (rows of `CellSpec`, dense from A1).
 */
import { FLAGS, type Lang } from '../../engine';
import { FLAG_LABELS } from '../names';
import { FLAG_COLORS, type ConditionalFormatSpec } from '../spec';
import type { CellSpec, CellValue, PrintSpec, StyleName } from '../spec';
import { atRow, isAtRow, rowTemplate, type RowTemplate } from '../formula';

/** The text in the sheet's language. */
export const t = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** A value cell. */
export function val(v: CellValue, fmt?: string, style?: StyleName): CellSpec {
  const c: { v: CellValue; fmt?: string; style?: StyleName } = { v };
  if (fmt) c.fmt = fmt;
  if (style) c.style = style;
  return c;
}

/** A formula cell (without '=') with its cached result. */
export function fx(f: string, v: CellValue | undefined, fmt?: string, style?: StyleName): CellSpec {
  const c: { f: string; v: CellValue; fmt?: string; style?: StyleName } = {
    f,
    v: v === undefined ? '' : v,
  };
  if (fmt) c.fmt = fmt;
  if (style) c.style = style;
  return c;
}

/** A cell with the given style added (unless it has one). */
export const styled = (c: CellSpec, style: StyleName | undefined): CellSpec =>
  style === undefined || c.style !== undefined ? c : { ...c, style };

/** A figure or blank: `null` (no figure) is the empty string, as the formulas give it. */
export const num = (v: number | null | undefined): CellValue =>
  v === null || v === undefined ? '' : v;

export const amountFormat = (decimals: number): string =>
  decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
export const PCT = '0.0%';
export const PTS = '0.0';
export const RATIO = '0.00';
export const INT = '0';

/** A string literal in a formula. */
export const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** What the cells of one copy-down run share: the formula as a template, format and style. */
interface CopyRun {
  readonly template: RowTemplate;
  readonly fmt: string | undefined;
  readonly style: StyleName | undefined;
  readonly wrap: true | undefined;
}

/**
 * A formula cell that is the cell above copied one row down (`CellSpec.down`). It keeps its
 * cached value and its row; its formula text is made from the run's template when read. A county's
 * sheets hold millions of such cells, and their texts (a hundred characters each) were most of a
 * plan's memory (issue 9).
 */
class CopiedFormula implements CellSpec {
  constructor(
    readonly v: CellValue,
    private readonly run: CopyRun,
    private readonly row: number,
  ) {}
  get f(): string {
    return atRow(this.run.template, this.row);
  }
  get down(): true {
    return true;
  }
  get fmt(): string | undefined {
    return this.run.fmt;
  }
  get style(): StyleName | undefined {
    return this.run.style;
  }
  get wrap(): true | undefined {
    return this.run.wrap;
  }
  /** The run this cell continues, when the cell below is its copy too. */
  static runOf(c: CellSpec): CopyRun | undefined {
    return c instanceof CopiedFormula ? c.run : undefined;
  }
}

/** The run a formula cell in (0-based) row `row` starts, or `undefined` when it cannot be modelled. */
function startRun(c: CellSpec, row: number): CopyRun | undefined {
  const template = c.f === undefined ? undefined : rowTemplate(c.f, row);
  return template && { template, fmt: c.fmt, style: c.style, wrap: c.wrap };
}

/** Throws unless `c` in (0-based) row `row` is the run's formula copied there, with its format and style. */
function checkCopy(c: CellSpec, run: CopyRun, row: number, col: number): void {
  const same =
    c.f !== undefined &&
    isAtRow(run.template, row, c.f) &&
    c.fmt === run.fmt &&
    c.style === run.style &&
    c.wrap === run.wrap;
  if (!same)
    throw new Error(
      `row ${row + 1}, column ${col + 1}: ${JSON.stringify(c.f)} is not ${JSON.stringify(atRow(run.template, row))} (or its format differs)`,
    );
}

/** A sheet under construction. */
export class SheetBuilder {
  readonly rows: (CellSpec | null)[][] = [];
  /**
   * @param checkCopies check every promise `copiesDown` is given (the tests render so), and throw
   *   on a formula that is not the one above copied down; otherwise trust them, as the writers do.
   */
  constructor(private readonly checkCopies = false) {}
  /**
   * Marks the formulas of rows from+1 … to (0-based) as copies of the row above, in columns
   * fromCol … toCol (0-based; the whole row by default): the renderer's promise that each is the
   * formula above copied one row down, with the same format and style. A formula the scanner
   * cannot model stays as it is, unmarked.
   */
  copiesDown(from: number, to: number, fromCol = 0, toCol = Infinity): void {
    for (let r = from + 1; r <= to; r++) {
      const row = this.rows[r] ?? [];
      const above = this.rows[r - 1] ?? [];
      row.forEach((c, col) => {
        if (col < fromCol || col > toCol || c?.f === undefined) return;
        const a = above[col];
        if (a?.f === undefined) return;
        const run = CopiedFormula.runOf(a) ?? startRun(a, r - 1);
        if (run === undefined) return;
        if (this.checkCopies) checkCopy(c, run, r, col);
        row[col] = new CopiedFormula(c.v, run, r);
      });
    }
  }
  put(row: number, col: number, cell: CellSpec | null): void {
    // An empty value without a style is no cell at all.
    if (cell && cell.v === null && cell.f === undefined && cell.style === undefined) cell = null;
    while (this.rows.length <= row) this.rows.push([]);
    const r = this.rows[row] ?? [];
    while (r.length < col) r.push(null);
    r[col] = cell;
  }
  line(row: number, cells: readonly (CellSpec | null)[], from = 0): void {
    cells.forEach((c, i) => this.put(row, from + i, c));
  }
}

/** The criterion text for an exact match in SUMIFS/COUNTIFS ("=" & cell, wildcards escaped). */
export function exactCriterion(cellRef: string, needsEscape: boolean): string {
  if (!needsEscape) return `"="&${cellRef}`;
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cellRef},"~","~~"),"*","~*"),"?","~?")`;
}

/** Whether any of these texts has a wildcard character (* ? ~) that criteria must escape. */
export const hasWildcards = (texts: readonly (string | undefined)[]): boolean =>
  texts.some((s) => s !== undefined && /[*?~]/.test(s));

/** A header cell: bold on the header fill, wrapped within its column. */
export const header = (text: string): CellSpec => ({ v: text, style: 'header', wrap: true });

/** Height of a header row that wraps to two lines, in points. */
export const HEADER_HEIGHT = 30;

/** Row heights with `height` at each 1-based row of `rows`. */
export function heightsAt(rows: readonly number[], height: number): number[] {
  const out: number[] = [];
  for (const r of rows) {
    while (out.length < r) out.push(0);
    out[r - 1] = height;
  }
  return out;
}

/** A4 landscape, one page wide, these rows repeated on every page, page numbers in the footer. */
export function a4Landscape(
  lang: Lang,
  titleRows?: { first: number; last: number },
  area?: string,
): PrintSpec {
  return {
    paper: 'A4',
    orientation: 'landscape',
    fitWidth: 1,
    ...(titleRows ? { titleRows } : {}),
    ...(area ? { area } : {}),
    footer: {
      left: '&A',
      right: lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N',
    },
  };
}

/** The top-left cell of an A1 range. */
const topLeft = (range: string): string => range.split(':')[0] ?? range;

/** A conditional format: `range` turns red where `formula` (relative to its top-left) holds. */
export const redWhen = (range: string, formula: string): ConditionalFormatSpec => ({
  range,
  rules: [
    {
      formula,
      fill: FLAG_COLORS.seriouslyBehind.fill,
      font: FLAG_COLORS.seriouslyBehind.font,
    },
  ],
});

/** Flag colours over `range`: each flag's label in its colour. */
export const flagFormat = (lang: Lang, range: string): ConditionalFormatSpec => ({
  range,
  rules: FLAGS.map((f) => ({
    formula: `${topLeft(range)}=${str(FLAG_LABELS[f][lang])}`,
    fill: FLAG_COLORS[f].fill,
    font: FLAG_COLORS[f].font,
  })),
});

/** Which tests failed, in words: 序时、增速 / schedule, growth. */
export const failedText = (lang: Lang, failed: readonly string[]): string =>
  failed
    .map((f) => (f === 'schedule' ? t(lang, '序时', 'schedule') : t(lang, '增速', 'growth')))
    .join(t(lang, '、', ', '));

/** A check cell that is not zero, red (`AND(ISNUMBER(x),x<>0)` over the range). */
export const redUnlessZero = (range: string): ConditionalFormatSpec =>
  redWhen(range, `AND(ISNUMBER(${topLeft(range)}),${topLeft(range)}<>0)`);
