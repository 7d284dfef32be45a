/**
 * The renderer's building blocks: cell constructors, number formats, and a sheet under
 * construction (rows of `CellSpec`, dense from A1).
 */
import { FLAGS, type Lang } from '../../engine';
import { FLAG_LABELS } from '../names';
import { FLAG_COLORS, type ConditionalFormatSpec } from '../spec';
import type { CellSpec, CellValue, PrintSpec, StyleName } from '../spec';

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

/** A sheet under construction. */
export class SheetBuilder {
  readonly rows: (CellSpec | null)[][] = [];
  /**
   * Marks the formulas of rows from+1 … to (0-based) as copies of the row above, in columns
   * fromCol … toCol (0-based; the whole row by default).
   */
  copiesDown(from: number, to: number, fromCol = 0, toCol = Infinity): void {
    for (let r = from + 1; r <= to; r++) {
      const row = this.rows[r] ?? [];
      row.forEach((c, col) => {
        if (col < fromCol || col > toCol) return;
        // The cells are this renderer's own fresh objects: marking them in place is safe.
        if (c?.f !== undefined && this.rows[r - 1]?.[col]?.f !== undefined)
          (c as { down?: true }).down = true;
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
