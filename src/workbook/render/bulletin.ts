/**
 * 通报 / Bulletin: the monthly bulletin (workbook/bulletin.ts) laid out as a sheet that prints as
 * a readable A4 portrait bulletin — the title, the period, paragraphs and the tables, the
 * footnote. Each line of text is a merged cell across the tables' width, wrapped, its row as tall
 * as its lines (spreadsheets do not grow a merged row to its text, so the height is computed from
 * the text's length and the columns' widths: `textWidth`, `linesIn`). The columns take their
 * widths from the tables' contents, within what fits an A4 portrait page at 100 %.
 * Values, not formulas: it says what the figures were at the last recalculation, as a bulletin
 * does; the note in row 2 says when.
 */
import type { Lang } from '../../engine';
import type { Bulletin, BulletinBlock } from '../bulletin';
import { columnLetter, type CellSpec, type SheetSpec, type StyleName } from '../spec';
import { t } from './cells';

/**
 * The width of the columns together, in characters, that an A4 portrait page holds at 100 %:
 * 210 mm less the writers' 0.7-inch margins is 494 points; a column of w characters is
 * (7w + 5) px = 0.75 (7w + 5) pt (Calibri 11), so nine columns hold 87.
 */
export const PAGE_CHARS = 86;
/** The narrowest and widest a table column is made, in characters. */
const MIN_COL = 6;
const MAX_COL = 30;
/** Points per line of 11-point text (a CJK font's line is taller than Calibri's 15). */
const LINE_POINTS = 16;
/** Above and below the lines of a wrapped row. */
const ROW_PADDING = 4;

/**
 * The width of a text in column-width characters (the width of a digit): a CJK or full-width
 * character is two (11 points is 14.7 px in Excel, a digit 7 px; LibreOffice draws it narrower, so
 * its rows come out a little tall, never clipped), anything else one. Bold text is a tenth wider.
 */
export function textWidth(text: string, bold = false): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    w += wide ? 2 : 1;
  }
  return bold ? w * 1.1 : w;
}

/** The lines a text takes in a cell `width` characters wide (each line break starts a line). */
export function linesIn(text: string, width: number, bold = false): number {
  const room = Math.max(1, width - 0.5);
  return text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line, bold) / room)), 0);
}

/**
 * A header too wide for its column, broken before its full-width bracket: "差距\n（百分点）" rather
 * than a spreadsheet's own break, which can leave the closing bracket alone on the second line.
 */
export function breakBeforeBracket(header: string, width: number): string {
  const at = header.indexOf('（');
  if (at <= 0 || header.includes('\n') || linesIn(header, width, true) < 2) return header;
  return `${header.slice(0, at)}\n${header.slice(at)}`;
}

/** Whether a named style prints its text bold (STYLE_DEFS). */
const BOLD: ReadonlySet<StyleName | undefined> = new Set<StyleName | undefined>([
  'title',
  'header',
  'section',
  'subtotal',
  'total',
]);

type Table = Extract<BulletinBlock, { kind: 'table' }>['table'];

/**
 * The tables' column widths: each column as wide as its widest cell (headers wrap, so count
 * half, but at least their longest word), between MIN_COL and MAX_COL; then the widest narrowed,
 * one character at a time and never below its headers' longest word, until all fit PAGE_CHARS.
 */
export function columnWidths(tables: readonly Table[]): number[] {
  const cols = Math.max(1, ...tables.map((x) => x.header.length));
  const widths = Array.from({ length: cols }, () => MIN_COL);
  // The narrowest each column may be made: its headers' longest words (a header wraps between
  // words, not inside one: "Completion" must not break as "Completi / on").
  const floors = Array.from({ length: cols }, () => MIN_COL);
  const room = (w: number): number => Math.min(MAX_COL, Math.ceil(w + 1.5));
  for (const x of tables) {
    x.header.forEach((h, c) => {
      // Words: runs between spaces and CJK characters (a line may break at any CJK character).
      const words = h.split(
        /[\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]+/,
      );
      const word = Math.max(0, ...words.map((w) => textWidth(w, true)));
      floors[c] = Math.max(floors[c] ?? MIN_COL, room(word));
      widths[c] = Math.max(widths[c] ?? MIN_COL, room(Math.max(word, textWidth(h, true) / 2)));
    });
    for (const row of x.rows)
      row.forEach((v, c) => (widths[c] = Math.max(widths[c] ?? MIN_COL, room(textWidth(v)))));
  }
  for (;;) {
    const sum = widths.reduce((a, b) => a + b, 0);
    if (sum <= PAGE_CHARS) break;
    // The widest of the columns still above their floor loses a character.
    let at = -1;
    widths.forEach((w, c) => {
      if (w > (floors[c] ?? MIN_COL) && (at < 0 || w > (widths[at] ?? 0))) at = c;
    });
    if (at < 0) break;
    widths[at] = (widths[at] ?? MIN_COL) - 1;
  }
  return widths;
}

export function renderBulletin(
  b: Bulletin,
  o: { lang: Lang; name: string; note: string },
): SheetSpec {
  const tables = b.blocks.flatMap((x) => (x.kind === 'table' ? [x.table] : []));
  const widths = columnWidths(tables);
  const cols = widths.length;
  const last = columnLetter(cols - 1);
  const full = widths.reduce((a, c) => a + c, 0);
  const rows: (CellSpec | null)[][] = [];
  const heights: number[] = [];
  const merges: string[] = [];
  const height = (r: number, lines: number, style?: StyleName): void => {
    const line = style === 'title' ? 22 : LINE_POINTS;
    heights[r] = Math.min(409, lines * line + ROW_PADDING);
  };
  /** A line of text across the page: merged, wrapped, as tall as its lines. */
  const text = (r: number, v: string, style?: StyleName): void => {
    const cell: CellSpec = style ? { v, style, wrap: true } : { v, wrap: true };
    rows[r] = [cell, ...Array.from({ length: cols - 1 }, () => null)];
    if (cols > 1) merges.push(`A${r + 1}:${last}${r + 1}`);
    const size = style === 'title' ? 14 / 11 : 1;
    height(r, linesIn(v, full / size, BOLD.has(style)), style);
  };
  /** A table row: each cell wrapped in its column, the row as tall as its tallest cell. */
  const line = (r: number, values: readonly string[], style?: StyleName): void => {
    rows[r] = values.map((v) => {
      // An empty text is no cell (Office.js cannot hold an empty string as a value).
      if (v === '') return style ? { v: null, style } : null;
      return style ? { v, style, wrap: true } : { v, wrap: true };
    });
    const lines = Math.max(
      1,
      ...values.map((v, c) => linesIn(v, widths[c] ?? MIN_COL, BOLD.has(style))),
    );
    if (lines > 1) height(r, lines, style);
  };

  text(0, b.title, 'title');
  text(1, o.note, 'note');
  text(2, b.subtitle);
  text(
    3,
    t(
      o.lang,
      '本表为计算时的数值：实绩更新后请重新计算，以刷新通报。',
      'Figures as of the last recalculation: recalculate after new actuals to refresh the bulletin.',
    ),
    'check',
  );
  let r = 5;
  for (const x of b.blocks) {
    if (x.kind === 'heading') {
      r++;
      text(r++, x.text, 'section');
    } else if (x.kind === 'paragraph') {
      text(r++, x.text);
    } else {
      text(r++, x.caption, 'subtotal');
      line(
        r++,
        x.table.header.map((h, c) => breakBeforeBracket(h, widths[c] ?? MIN_COL)),
        'header',
      );
      for (const row of x.table.rows) line(r++, row);
      r++;
    }
  }
  r++;
  for (const f of b.footnote) text(r++, f, 'note');
  const dense = Array.from({ length: r }, (_, i) => rows[i] ?? []);
  return {
    name: o.name,
    rows: dense,
    widths,
    rowHeights: Array.from({ length: r }, (_, i) => heights[i] ?? 0),
    merges,
    print: {
      paper: 'A4',
      orientation: 'portrait',
      // The columns fit at 100 % (PAGE_CHARS); a host whose font is wider shrinks a little.
      fitWidth: 1,
      area: `A1:${last}${r}`,
      footer: {
        left: '&A',
        right: o.lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N',
      },
    },
    note: o.note,
  };
}
