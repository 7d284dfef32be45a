/**
 * The fake Range and what hangs off it: formats, conditional formats, data validation
 * (fake-validation.ts), merged areas, frozen panes.
 */
import {
  BLOCK,
  FAKE,
  FILL,
  PATH,
  QUEUE,
  REF,
  SELF,
  VALUE,
  Bound,
  expose,
  props,
  raw,
} from './fake-api';
import {
  FakeExcelError,
  blockAddress,
  enter,
  inBlock,
  parseAddress,
  within,
  shiftRows,
  type FakeCell,
  type FakeConditionalFormat as FakeConditionalFormatState,
  type FakeSheet,
  type FakeValue,
} from './fake-model';
import { FakeDataValidation } from './fake-validation';

export interface Block {
  readonly sheet: FakeSheet;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** Whether the merged area `merge` (an A1 range) shares a cell with the block. */
function meets(b: Block, merge: string): boolean {
  const x = parseAddress(merge);
  return (
    x.row < b.row + b.rows &&
    x.row + x.rows > b.row &&
    x.col < b.col + b.cols &&
    x.col + x.cols > b.col
  );
}

export function usedBlock(sheet: FakeSheet, valuesOnly: boolean): Block | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const [key, cell] of sheet.cells) {
    const has = cell.value !== null || cell.formula !== undefined || cell.error !== undefined;
    const formatted =
      cell.numberFormat !== 'General' || cell.bold !== undefined || cell.fill !== undefined;
    if (!has && (valuesOnly || !formatted)) continue;
    const [r, c] = key.split(',').map(Number) as [number, number];
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, c);
    r1 = Math.max(r1, r);
    c1 = Math.max(c1, c);
  }
  return r1 < 0 ? null : { sheet, row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

function readCell(cell: FakeCell | undefined): {
  value: FakeValue;
  formula: FakeValue;
  type: string;
} {
  if (!cell) return { value: '', formula: '', type: 'Empty' };
  const value = cell.error ?? cell.value ?? '';
  const type =
    cell.error !== undefined
      ? 'Error'
      : value === ''
        ? 'Empty'
        : typeof value === 'number'
          ? 'Double'
          : typeof value === 'boolean'
            ? 'Boolean'
            : 'String';
  return { value, formula: cell.formula !== undefined ? `=${cell.formula}` : value, type };
}

export class FakeRange extends Bound<{
  readonly get: () => Block | null;
  readonly nullable: boolean;
}> {
  [BLOCK](): Block {
    const b = this[REF].get();
    if (!b) throw new FakeExcelError('ItemNotFound', `${this[PATH]} is a null object`);
    return b;
  }
  #each<T>(b: Block, f: (cell: FakeCell | undefined, r: number, c: number) => T): T[][] {
    return Array.from({ length: b.rows }, (_, i) =>
      Array.from({ length: b.cols }, (_, j) =>
        f(b.sheet.get(b.row + i, b.col + j), b.row + i, b.col + j),
      ),
    );
  }
  load(names: unknown): FakeRange {
    const wanted = props(names);
    this[QUEUE]('load', 'load', [names], () => {
      const b = this[REF].get();
      if (!b && !this[REF].nullable)
        throw new FakeExcelError('ItemNotFound', `${this[PATH]} is a null object`);
      if (!b) return { response: this[FILL]({}, true) };
      const all: Record<string, () => unknown> = {
        values: () => this.#each(b, (c) => readCell(c).value),
        formulas: () => this.#each(b, (c) => readCell(c).formula),
        valueTypes: () => this.#each(b, (c) => readCell(c).type),
        numberFormat: () => this.#each(b, (c) => c?.numberFormat ?? 'General'),
        address: () => `'${b.sheet.name}'!${blockAddress(b)}`,
        rowIndex: () => b.row,
        columnIndex: () => b.col,
        rowCount: () => b.rows,
        columnCount: () => b.cols,
      };
      const values: Record<string, unknown> = {};
      for (const p of wanted) {
        const get = all[p];
        if (!get) throw new TypeError(`fake Excel: Range.${p} is not modelled`);
        values[p] = get();
      }
      return { sheet: b.sheet, response: this[FILL](values, false) };
    });
    return this[SELF];
  }
  get values(): FakeValue[][] {
    return this[VALUE]('values');
  }
  get formulas(): FakeValue[][] {
    return this[VALUE]('formulas');
  }
  set formulas(entries: unknown[][]) {
    this[QUEUE]('set', 'formulas', [entries], () =>
      this.#grid(entries, (cell, entry) => enter(cell, entry)),
    );
  }
  get address(): string {
    return this[VALUE]('address');
  }
  get rowIndex(): number {
    return this[VALUE]('rowIndex');
  }
  get columnIndex(): number {
    return this[VALUE]('columnIndex');
  }
  get rowCount(): number {
    return this[VALUE]('rowCount');
  }
  get columnCount(): number {
    return this[VALUE]('columnCount');
  }
  get valueTypes(): string[][] {
    return this[VALUE]('valueTypes');
  }
  get numberFormat(): string[][] {
    return this[VALUE]('numberFormat');
  }
  set numberFormat(formats: unknown[][]) {
    this[QUEUE]('set', 'numberFormat', [formats], () =>
      this.#grid(formats, (cell, f) => {
        if (f === null) return;
        if (typeof f !== 'string')
          throw new FakeExcelError('InvalidArgument', 'number formats are strings');
        cell.numberFormat = f === '' ? 'General' : f;
      }),
    );
  }
  /** Applies a 2-D array that must have exactly the range's shape. */
  #grid(rows: unknown, put: (cell: FakeCell, entry: unknown) => void): { sheet: FakeSheet } {
    const b = this[BLOCK]();
    const ok =
      Array.isArray(rows) &&
      rows.length === b.rows &&
      rows.every((row) => Array.isArray(row) && row.length === b.cols);
    if (!ok)
      throw new FakeExcelError(
        'InvalidArgument',
        `${this[PATH]}: the array does not match the range (${b.rows}×${b.cols})`,
      );
    (rows as unknown[][]).forEach((row, i) =>
      row.forEach((entry, j) => put(b.sheet.cell(b.row + i, b.col + j), entry)),
    );
    return { sheet: b.sheet };
  }
  get format(): FakeRangeFormat {
    return expose(new FakeRangeFormat(this[FAKE], `${this[PATH]}.format`, () => this[BLOCK]()));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return expose(
      new FakeConditionalFormatCollection(this[FAKE], `${this[PATH]}.conditionalFormats`, () =>
        this[BLOCK](),
      ),
    );
  }
  get dataValidation(): FakeDataValidation {
    return expose(
      new FakeDataValidation(this[FAKE], `${this[PATH]}.dataValidation`, () => this[BLOCK]()),
    );
  }
  copyFrom(source: unknown, copyType?: string, skipBlanks?: boolean, transpose?: boolean): void {
    const from = raw<FakeRange>(source, 'copyFrom source');
    this[QUEUE]('call', 'copyFrom', [from[PATH], copyType, skipBlanks, transpose], () => {
      if ((copyType !== 'All' && copyType !== 'Formats') || skipBlanks || transpose)
        throw new TypeError(
          `fake Excel: copyFrom(${copyType}, ${skipBlanks}, ${transpose}) is not modelled`,
        );
      const s = from[BLOCK]();
      const d = this[BLOCK]();
      if (s.sheet !== d.sheet && copyType === 'All') return copyAcross(s, d);
      if (s.sheet !== d.sheet || s.col !== d.col || s.cols !== d.cols || d.rows % s.rows !== 0) {
        throw new TypeError(
          'fake Excel: only copies down the same columns of one sheet, onto a whole multiple, are modelled',
        );
      }
      for (let i = 0; i < d.rows; i++) {
        for (let j = 0; j < d.cols; j++) {
          const src = s.sheet.get(s.row + (i % s.rows), s.col + j);
          const blank: FakeCell = { value: null, numberFormat: 'General' };
          const copy: FakeCell = src ? { ...src } : blank;
          if (src?.formula !== undefined)
            copy.formula = shiftRows(src.formula, d.row + i - (s.row + (i % s.rows)));
          const key = `${d.row + i},${d.col + j}`;
          if (copyType === 'Formats') {
            // Formatting only: the target keeps its value, formula and error.
            const { value, formula, error } = d.sheet.cells.get(key) ?? blank;
            const formats = { ...(src ?? blank), value };
            delete formats.formula;
            delete formats.error;
            d.sheet.cells.set(key, {
              ...formats,
              ...(formula !== undefined ? { formula } : {}),
              ...(error !== undefined ? { error } : {}),
            });
          } else d.sheet.cells.set(key, copy);
        }
      }
      return { sheet: d.sheet };
    });
  }
  /** Clears values and formats ('All') or only contents ('Contents'); rules and names stay. */
  clear(applyTo: string = 'All'): void {
    this[QUEUE]('call', 'clear', [applyTo], () => {
      const b = this[BLOCK]();
      // Clearing all (formats too) unmerges the merged areas that start inside, as Excel does.
      if (applyTo === 'All')
        b.sheet.merges = b.sheet.merges.filter((m) => {
          const x = parseAddress(m);
          return !inBlock(b, x.row, x.col);
        });
      for (const [key, cell] of [...b.sheet.cells]) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (!inBlock(b, r, c)) continue;
        if (applyTo === 'All') b.sheet.cells.delete(key);
        else if (applyTo === 'Contents') {
          cell.value = null;
          delete cell.formula;
          delete cell.error;
        } else throw new TypeError(`fake Excel: clear(${applyTo}) is not modelled`);
      }
      return { sheet: b.sheet };
    });
  }
  select(): void {
    this[QUEUE]('call', 'select', [], () => {
      const b = this[BLOCK]();
      this[FAKE].selection = `${b.sheet.name}!${blockAddress(b)}`;
      return { sheet: b.sheet };
    });
  }
  /** Merges the range into one cell (not row by row): the top-left cell's content stays, the rest is cleared. */
  merge(across?: boolean): void {
    this[QUEUE]('call', 'merge', [across], () => {
      if (across === true) throw new TypeError('fake Excel: merge(true) is not modelled');
      const b = this[BLOCK]();
      if (b.rows * b.cols < 2) return { sheet: b.sheet };
      const address = blockAddress(b);
      const overlaps = b.sheet.merges.filter((m) => meets(b, m));
      // Merging over merged areas absorbs them (Excel asks nothing through the API).
      b.sheet.merges = b.sheet.merges.filter((m) => !overlaps.includes(m));
      for (const [key, cell] of b.sheet.cells) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        if (!inBlock(b, r, c) || (r === b.row && c === b.col)) continue;
        cell.value = null;
        delete cell.formula;
        delete cell.error;
      }
      b.sheet.merges.push(address);
      return { sheet: b.sheet };
    });
  }
  /** Unmerges every merged area the range touches. */
  unmerge(): void {
    this[QUEUE]('call', 'unmerge', [], () => {
      const b = this[BLOCK]();
      b.sheet.merges = b.sheet.merges.filter((m) => !meets(b, m));
      return { sheet: b.sheet };
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return expose(
      new FakeRangeAreas(this[FAKE], `${this[PATH]}.getMergedAreasOrNullObject()`, () => {
        const b = this[BLOCK]();
        const inside = b.sheet.merges.filter((m) => meets(b, m));
        return inside.length === 0 ? null : inside.map((m) => `'${b.sheet.name}'!${m}`).join(',');
      }),
    );
  }
}

class FakeRangeAreas extends Bound<() => string | null> {
  load(names: unknown): FakeRangeAreas {
    const wanted = props(names);
    this[QUEUE]('load', 'load', [names], () => {
      const address = this[REF]();
      if (wanted.some((p) => p !== 'address'))
        throw new TypeError('fake Excel: only RangeAreas.address is modelled');
      return { response: this[FILL](address === null ? {} : { address }, address === null) };
    });
    return this[SELF];
  }
  get address(): string {
    return this[VALUE]('address');
  }
}

class FakeRangeFormat extends Bound<() => Block> {
  get font(): FakeRangeFont {
    return expose(new FakeRangeFont(this[FAKE], `${this[PATH]}.font`, this[REF]));
  }
  get fill(): FakeRangeFill {
    return expose(new FakeRangeFill(this[FAKE], `${this[PATH]}.fill`, this[REF]));
  }
  set wrapText(v: boolean) {
    if (typeof v !== 'boolean') throw new TypeError('fake Excel: wrapText takes a boolean');
    this[QUEUE]('set', 'wrapText', [v], () => cellsOf(this[REF](), (c) => (c.wrap = v)));
  }
  set rowHeight(points: number) {
    this[QUEUE]('set', 'rowHeight', [points], () => {
      if (typeof points !== 'number' || !(points >= 0 && points <= 409))
        throw new FakeExcelError('InvalidArgument', `row height ${points}`);
      const b = this[REF]();
      for (let r = b.row; r < b.row + b.rows; r++) b.sheet.heights.set(r, points);
      return { sheet: b.sheet };
    });
  }
  set columnWidth(points: number) {
    this[QUEUE]('set', 'columnWidth', [points], () => {
      const b = this[REF]();
      for (let c = b.col; c < b.col + b.cols; c++) b.sheet.widths.set(c, points);
      return { sheet: b.sheet };
    });
  }
}

class FakeRangeFont extends Bound<() => Block> {
  #put(member: string, v: unknown, f: (c: FakeCell) => void): void {
    this[QUEUE]('set', member, [v], () => cellsOf(this[REF](), f));
  }
  set bold(v: boolean) {
    this.#put('bold', v, (c) => (c.bold = v));
  }
  set italic(v: boolean) {
    this.#put('italic', v, (c) => (c.italic = v));
  }
  set size(v: number) {
    this.#put('size', v, (c) => (c.size = v));
  }
  set color(v: string) {
    this.#put('color', v, (c) => (c.fontColor = v));
  }
}

class FakeRangeFill extends Bound<() => Block> {
  set color(v: string) {
    this[QUEUE]('set', 'color', [v], () => cellsOf(this[REF](), (c) => (c.fill = v)));
  }
}

function cellsOf(b: Block, f: (c: FakeCell) => void): { sheet: FakeSheet } {
  for (let i = 0; i < b.rows; i++)
    for (let j = 0; j < b.cols; j++) f(b.sheet.cell(b.row + i, b.col + j));
  return { sheet: b.sheet };
}

class FakeConditionalFormatCollection extends Bound<() => Block> {
  /** Removes the formats whose range lies within this range. */
  clearAll(): void {
    this[QUEUE]('call', 'clearAll', [], () => {
      const b = this[REF]();
      b.sheet.conditionalFormats = b.sheet.conditionalFormats.filter((cf) => !within(b, cf.range));
      return { sheet: b.sheet };
    });
  }
  /** Adds a format; like Excel's UI, a new rule goes first (highest priority). */
  add(type: string): FakeConditionalFormat {
    const slot: CfSlot = {};
    this[QUEUE]('call', 'add', [type], () => {
      if (type !== 'Custom')
        throw new TypeError(`fake Excel: conditional format type ${type} is not modelled`);
      const b = this[REF]();
      slot.cf = { range: blockAddress(b), type, formula: '', fill: null, font: null };
      slot.sheet = b.sheet;
      b.sheet.conditionalFormats.unshift(slot.cf);
      return { sheet: b.sheet };
    });
    return expose(new FakeConditionalFormat(this[FAKE], `${this[PATH]}.add(${type})`, slot));
  }
}

type CfSlot = { cf?: FakeConditionalFormatState; sheet?: FakeSheet };
const cfOf = (slot: CfSlot): { cf: FakeConditionalFormatState; sheet: FakeSheet } => {
  if (!slot.cf || !slot.sheet)
    throw new FakeExcelError('ItemNotFound', 'conditional format was not added');
  return { cf: slot.cf, sheet: slot.sheet };
};

class FakeConditionalFormat extends Bound<CfSlot> {
  get custom(): FakeCustomConditionalFormat {
    return expose(new FakeCustomConditionalFormat(this[FAKE], `${this[PATH]}.custom`, this[REF]));
  }
  set priority(p: number) {
    this[QUEUE]('set', 'priority', [p], () => {
      const { cf, sheet } = cfOf(this[REF]);
      const list = sheet.conditionalFormats;
      list.splice(list.indexOf(cf), 1);
      list.splice(Math.max(0, Math.min(p, list.length)), 0, cf);
      return { sheet };
    });
  }
}

class FakeCustomConditionalFormat extends Bound<CfSlot> {
  get rule(): FakeConditionalFormatRule {
    return expose(new FakeConditionalFormatRule(this[FAKE], `${this[PATH]}.rule`, this[REF]));
  }
  get format(): FakeConditionalRangeFormat {
    return expose(new FakeConditionalRangeFormat(this[FAKE], `${this[PATH]}.format`, this[REF]));
  }
}

class FakeConditionalFormatRule extends Bound<CfSlot> {
  set formula(f: string) {
    this[QUEUE]('set', 'formula', [f], () => {
      const { cf, sheet } = cfOf(this[REF]);
      cf.formula = f;
      return { sheet };
    });
  }
}

class FakeConditionalRangeFormat extends Bound<CfSlot> {
  get fill(): FakeConditionalColor {
    return expose(
      new FakeConditionalColor(this[FAKE], `${this[PATH]}.fill`, {
        slot: this[REF],
        which: 'fill',
      }),
    );
  }
  get font(): FakeConditionalColor {
    return expose(
      new FakeConditionalColor(this[FAKE], `${this[PATH]}.font`, {
        slot: this[REF],
        which: 'font',
      }),
    );
  }
}

/** ConditionalRangeFill and ConditionalRangeFont: only `color` is modelled. */
class FakeConditionalColor extends Bound<{ slot: CfSlot; which: 'fill' | 'font' }> {
  set color(v: string) {
    this[QUEUE]('set', 'color', [v], () => {
      const { cf, sheet } = cfOf(this[REF].slot);
      cf[this[REF].which] = v;
      return { sheet };
    });
  }
}

/**
 * A copy onto another sheet, to the same cells: values, formulas (unchanged, the offset being
 * none) and formats; rules (conditional formats, validations) are not modelled as copied.
 */
function copyAcross(s: Block, d: Block): { sheet: FakeSheet } {
  if (s.row !== d.row || s.col !== d.col || s.rows !== d.rows || s.cols !== d.cols)
    throw new TypeError('fake Excel: a copy across sheets is modelled only to the same cells');
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) {
      const src = s.sheet.get(s.row + i, s.col + j);
      const key = `${d.row + i},${d.col + j}`;
      if (src) d.sheet.cells.set(key, { ...src });
      else d.sheet.cells.delete(key);
    }
  }
  return { sheet: d.sheet };
}

export class FakeWorksheetFreezePanes extends Bound<() => FakeSheet> {
  unfreeze(): void {
    this.#set('unfreeze', [], () => ({ rows: 0, cols: 0 }));
  }
  #set(member: string, args: unknown[], f: (s: FakeSheet) => { rows: number; cols: number }): void {
    this[QUEUE]('call', member, args, () => {
      const s = this[REF]();
      s.freeze = f(s);
      return { sheet: s };
    });
  }
  freezeRows(count = 1): void {
    this.#set('freezeRows', [count], () => ({ rows: count, cols: 0 }));
  }
  freezeColumns(count = 1): void {
    this.#set('freezeColumns', [count], () => ({ rows: 0, cols: count }));
  }
  freezeAt(range: unknown): void {
    const r = raw<FakeRange>(range, 'freezeAt range');
    this.#set('freezeAt', [r[PATH]], () => {
      const b = r[BLOCK]();
      return { rows: b.row + b.rows, cols: b.col + b.cols };
    });
  }
}
