/**
 * A table's columns declared once — key, header in both languages, width, format — so that the
 * headers, the letters the formulas use, the widths and the docs cannot drift apart.
 *
 * @example
 *   const L = columns([{ key: 'name', header: COLUMNS.enterprise, width: 18 }, …]);
 *   L.ref('name', 7) // → 'B7' when 'name' is the second column
 */
import type { Lang } from '../../engine';
import type { Name } from '../names';
import { columnLetter } from '../spec';

export interface ColumnDecl<K extends string> {
  readonly key: K;
  readonly header: Name;
  /** Width in characters. */
  readonly width: number;
  /** Left out of the printed area (helper columns at the right). */
  readonly noPrint?: true;
}

export interface Columns<K extends string> {
  readonly decls: readonly ColumnDecl<K>[];
  /** 0-based column index of `key`. */
  index(key: K): number;
  /** The column's letters. */
  letter(key: K): string;
  /** A1 reference in row `row` (1-based), relative. */
  ref(key: K, row: number): string;
  /** `$X$first:$X$last`: the column over rows first … last (1-based), absolute. */
  span(key: K, first: number, last: number): string;
  headers(lang: Lang): string[];
  widths(): number[];
  /** The last printed column's letters. */
  lastPrinted(): string;
}

export function columns<K extends string>(decls: readonly ColumnDecl<K>[]): Columns<K> {
  const at = new Map<K, number>(decls.map((d, i) => [d.key, i]));
  const index = (key: K): number => {
    const i = at.get(key);
    if (i === undefined) throw new Error(`no column ${key}`);
    return i;
  };
  const letter = (key: K): string => columnLetter(index(key));
  const printed = decls.filter((d) => !d.noPrint).length;
  return {
    decls,
    index,
    letter,
    ref: (key, row) => `${letter(key)}${row}`,
    span: (key, first, last) => `$${letter(key)}$${first}:$${letter(key)}$${last}`,
    headers: (lang) => decls.map((d) => d.header[lang]),
    widths: () => decls.map((d) => d.width),
    lastPrinted: () => columnLetter(Math.max(0, printed - 1)),
  };
}
