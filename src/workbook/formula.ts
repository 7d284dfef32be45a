/**
 * Just enough formula scanning for the writers: renaming sheet references (the Office.js writer
 * builds outputs under temporary names) and telling whether formulas down a column are copies of
 * one another (Office.js writes one row and copies it down; the .xlsx writer stores the run as
 * one shared formula). String literals and quoted sheet names are never looked into.
 */
import { outOfBounds } from '../engine';
import { columnIndex, quoteSheet } from './spec';

type Piece =
  | { readonly kind: 'text'; readonly text: string }
  /** A string literal, quotes included: opaque, but kept so keys still compare it. */
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'sheet'; readonly name: string };

/** Splits a formula (no '=') into plain text, string literals and `'quoted'!` sheet prefixes. */
function pieces(formula: string): Piece[] {
  const out: Piece[] = [];
  let plain = '';
  let i = 0;
  while (i < formula.length) {
    // Jump to the next quote; everything before it is plain text.
    const dq = formula.indexOf('"', i);
    const sq = formula.indexOf("'", i);
    const next = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
    if (next < 0) {
      plain += formula.slice(i);
      break;
    }
    plain += formula.slice(i, next);
    const ch = formula[next] ?? outOfBounds();
    let j = next + 1;
    let body = '';
    for (;;) {
      const k = formula.indexOf(ch, j);
      if (k < 0) {
        body += formula.slice(j);
        j = formula.length;
        break;
      }
      body += formula.slice(j, k);
      if (formula[k + 1] === ch) {
        body += ch;
        j = k + 2;
      } else {
        j = k;
        break;
      }
    }
    const literal = formula.slice(next, j + 1);
    if (ch === "'" && formula[j + 1] === '!') {
      if (plain) out.push({ kind: 'text', text: plain });
      plain = '';
      out.push({ kind: 'sheet', name: body });
      i = j + 2;
    } else {
      out.push({ kind: 'text', text: plain }, { kind: 'literal', text: literal });
      plain = '';
      i = j + 1;
    }
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

/**
 * An unquoted sheet prefix such as `参数!` or `Sheet1!` (not preceded by a name character, which
 * the first group takes: the pane's ES2017 has no lookbehind).
 */
const BARE_SHEET = /(^|[^\w.\u0080-\uffff])([A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*)!/g;

/**
 * Rewrites references to the sheets in `renames` (keys lower-cased) to their new names, quoted.
 * @example renameSheetRefs("'分解结果'!C5*2", new Map([['分解结果', '~fj0~分解结果']])) // → "'~fj0~分解结果'!C5*2"
 */
export function renameSheetRefs(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return formula;
  let out = '';
  for (const p of pieces(formula)) {
    if (p.kind === 'sheet') {
      const to = renames.get(p.name.toLowerCase());
      out += `${to === undefined ? quoteSheet(p.name) : quoteSheet(to)}!`;
    } else if (p.kind === 'literal') out += p.text;
    else
      out += p.text.replace(BARE_SHEET, (whole, before: string, name: string) => {
        const to = renames.get(name.toLowerCase());
        return to === undefined ? whole : `${before}${quoteSheet(to)}!`;
      });
  }
  return out;
}

/**
 * A cell reference: optional $, 1–3 letters, optional $, a row; not part of a longer name or a
 * call. The first group is the character before it, if any (no lookbehind in ES2017).
 */
const CELL_REF =
  /(^|[^\w.$\u0080-\uffff])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\w.(!\u0080-\uffff])/g;
/** A whole-row reference such as 5:5 or $3:$9 (copying shifts it; not handled here). */
const ROW_RANGE = /(?:^|[^\w.$\u0080-\uffff])\$?\d+:\$?\d+(?![\w.])/;

const MAX_COL = 16384;
const MAX_ROW = 1048576;

/**
 * A key that is equal for two formulas in the same column exactly when Excel's copy (relative row
 * references move, `$` rows stay) turns the one into the other: relative rows become offsets from
 * `row` (0-based row of the cell). `undefined` when the formula has something this scanner does
 * not model (structured or external references `[..]`, whole-row references), so it is never copied.
 */
export function copyKey(formula: string, row: number): string | undefined {
  let key = '';
  for (const p of pieces(formula)) {
    if (p.kind === 'sheet') {
      key += `${quoteSheet(p.name.toLowerCase())}!`;
      continue;
    }
    if (p.kind === 'literal') {
      key += p.text;
      continue;
    }
    if (p.text.includes('[') || ROW_RANGE.test(p.text)) return undefined;
    key += p.text.replace(
      CELL_REF,
      (whole, before: string, d1: string, letters: string, d2: string, digits: string) => {
        const r = Number(digits);
        if (columnIndex(letters) + 1 > MAX_COL || r < 1 || r > MAX_ROW) return whole;
        const col = `${before}${d1}${letters.toUpperCase()}${d2}`;
        return d2 ? `${col}${r}` : `${col}{${r - 1 - row}}`;
      },
    );
  }
  return key;
}

/**
 * A formula cut at its relative row numbers: text, then for each relative row reference its row
 * as an offset from the formula's own row, and so on. `atRow` puts it back together for any row,
 * which is what copying the formula there makes (as `copyKey` models the copy).
 */
export type RowTemplate = readonly (string | number)[];

/**
 * The formula of (0-based) row `row` as a template, or `undefined` when it has something the
 * scanner does not model (see `copyKey`) or does not come back unchanged.
 * @example atRow(rowTemplate('A5*$B$2', 4)!, 9) // → 'A10*$B$2'
 */
export function rowTemplate(formula: string, row: number): RowTemplate | undefined {
  const out: (string | number)[] = [];
  let text = '';
  for (const p of pieces(formula)) {
    if (p.kind === 'sheet') {
      text += `${quoteSheet(p.name)}!`;
      continue;
    }
    if (p.kind === 'literal') {
      text += p.text;
      continue;
    }
    if (p.text.includes('[') || ROW_RANGE.test(p.text)) return undefined;
    let at = 0;
    for (const m of p.text.matchAll(CELL_REF)) {
      const [whole, , , letters = '', d2 = '', digits = ''] = m;
      const r = Number(digits);
      if (d2 || columnIndex(letters) + 1 > MAX_COL || r < 1 || r > MAX_ROW) continue;
      const end = m.index + whole.length - digits.length;
      text += p.text.slice(at, end);
      out.push(text, r - 1 - row);
      text = '';
      at = m.index + whole.length;
    }
    text += p.text.slice(at);
  }
  out.push(text);
  return atRow(out, row) === formula ? out : undefined;
}

/** The formula a template gives in (0-based) row `row`. */
export function atRow(template: RowTemplate, row: number): string {
  let s = '';
  for (const p of template) s += typeof p === 'number' ? String(p + row + 1) : p;
  return s;
}

/** Whether `formula` is what the template gives in (0-based) row `row` (`atRow` without building it). */
export function isAtRow(template: RowTemplate, row: number, formula: string): boolean {
  let pos = 0;
  for (const p of template) {
    const s = typeof p === 'number' ? String(p + row + 1) : p;
    if (!formula.startsWith(s, pos)) return false;
    pos += s.length;
  }
  return pos === formula.length;
}
