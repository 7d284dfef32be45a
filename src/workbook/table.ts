/**
 * An input sheet as a table (workbook-format.md): the header row is the first non-empty row,
 * passing over a merged title above it; merged cells hold their value in the top-left cell only;
 * columns match their Chinese or English names in any order, unknown ones are ignored, a repeated
 * one is an error at the repeat and a missing required one an error at the header row; rows that
 * show nothing (every cell blank, or a formula whose result is empty) are skipped and hidden rows
 * are data like any other. A required cell that shows nothing is reported: as missing when
 * blank, naming its formula when a formula gives the empty result.
 */
import { fenjieError, type Ref } from '../engine';
import { emptyFormula, showsNothing, type CellReader, type ValueKind } from './cells';
import type { RawCell, SheetGrid } from './grid';
import { bothNames, matchesName, type Name } from './names';
import type { Columns, Field, SheetDecl } from './sheets';
import { a1, parseA1 } from './spec';

export interface Table {
  readonly sheet: string;
  readonly headerRow: number;
  readonly headers: readonly { readonly col: number; readonly text: string }[];
  readonly rows: readonly { readonly row: number; readonly cells: readonly RawCell[] }[];
}

export const refAt = (sheet: string, row: number, col: number): Ref => ({
  sheet,
  cell: a1(row, col),
});

/** A sheet's merged ranges, as their top-left and bottom-right cells (0-based). */
function mergesOf(
  grid: SheetGrid,
): { s: { row: number; col: number }; e: { row: number; col: number } }[] {
  return (grid.merges ?? []).flatMap((m) => {
    const [from, to] = m.split(':');
    return from && to ? [{ s: parseA1(from), e: parseA1(to) }] : [];
  });
}

/** Clears every cell of a merged range but its top-left one. */
function unmerge(grid: SheetGrid, merges: ReturnType<typeof mergesOf>): RawCell[][] {
  const cells = grid.cells.map((r) => [...r]);
  for (const { s, e } of merges) {
    for (let r = s.row; r <= e.row; r++) {
      const row = cells[r];
      for (let c = s.col; c <= e.col; c++) {
        if ((r !== s.row || c !== s.col) && row && c < row.length) row[c] = null;
      }
    }
  }
  return cells;
}

/** The header row, the headers (their text read, so a formula without a value is reported) and the non-blank rows below. */
export function readTable(R: CellReader, grid: SheetGrid): Table {
  const merges = mergesOf(grid);
  const cells = unmerge(grid, merges);
  // The header row is the first non-empty row, passing over a title: a row whose only value
  // is the top-left cell of a merge across several columns (common above government tables).
  const titles = new Set(
    merges.flatMap(({ s, e }) => (e.col > s.col ? [`${s.row}:${s.col}`] : [])),
  );
  const isTitle = (r: readonly RawCell[], i: number): boolean => {
    const filled = r.flatMap((c, col) => (showsNothing(c) ? [] : [col]));
    return filled.length === 1 && titles.has(`${i}:${filled[0]}`);
  };
  const headerRow = cells.findIndex((r, i) => r.some((c) => !showsNothing(c)) && !isTitle(r, i));
  if (headerRow < 0) return { sheet: grid.name, headerRow: 0, headers: [], rows: [] };
  const headers: { col: number; text: string }[] = [];
  (cells[headerRow] ?? []).forEach((c, col) => {
    const t = R.text(c, refAt(grid.name, headerRow, col));
    if (t !== undefined) headers.push({ col, text: t });
  });
  const rows: Table['rows'][number][] = [];
  for (let r = headerRow + 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    if (row.some((c) => !showsNothing(c))) rows.push({ row: r, cells: row });
  }
  return { sheet: grid.name, headerRow, headers, rows };
}

/** The column of a known header; reports repeats of it, and its absence when it is required. */
export function findColumn(
  R: CellReader,
  t: Table,
  name: Name,
  required: boolean,
): number | undefined {
  const hits = t.headers.filter((h) => matchesName(name, h.text));
  for (const dup of hits.slice(1)) {
    R.errors.push(
      fenjieError('DuplicateColumn', { name: dup.text }, refAt(t.sheet, t.headerRow, dup.col)),
    );
  }
  if (hits.length === 0 && required) R.errors.push(missingColumn(t, name));
  return hits[0]?.col;
}

/** A column the sheet lacks, reported at the start of its header row. */
export const missingColumn = (t: Table, name: Name) =>
  fenjieError('MissingColumn', { name: bothNames(name) }, refAt(t.sheet, t.headerRow, 0));

/** One data row, read column by column as its sheet's declaration says. */
export class TableRow {
  constructor(
    private readonly R: CellReader,
    readonly sheet: string,
    readonly row: number,
    readonly cells: readonly RawCell[],
    private readonly cols: ReadonlyMap<Field, number>,
  ) {}

  /** The cell at column `col` of this row. */
  at(col: number): Ref {
    return refAt(this.sheet, this.row, col);
  }

  /** The cell of `f`'s column, or the row's first cell when the sheet has no such column. */
  ref(f: Field): Ref {
    return this.at(this.cols.get(f) ?? 0);
  }

  /** `f`'s cell as it is (null when the sheet has no such column). */
  cell(f: Field): RawCell {
    const col = this.cols.get(f);
    return col === undefined ? null : (this.cells[col] ?? null);
  }

  /** Whether `f`'s cell shows nothing: blank, a formula whose result is empty, or no such column. */
  blank(f: Field): boolean {
    const col = this.cols.get(f);
    return col === undefined || showsNothing(this.cells[col]);
  }

  /** `f`'s value, or undefined when blank, wrong (reported) or the column is absent. */
  read<T>(f: Field<T, unknown, never>, unit?: string): T | undefined {
    const col = this.cols.get(f);
    return col === undefined ? undefined : this.value(col, f.kind, f.name, unit);
  }

  /** `f`'s value, or its default when the cell is blank, wrong or absent. */
  get<T, D>(f: Field<T, D, never>, unit?: string): T | D {
    return this.read(f, unit) ?? f.default;
  }

  /** The value at column `col`, read as `kind` (for columns named by the data). */
  value<T>(col: number, kind: ValueKind<T, never>, field: Name, unit?: string): T | undefined {
    const ref = this.at(col);
    return kind.read(
      this.R,
      this.cells[col],
      unit === undefined ? { ref, field } : { ref, field, unit },
    );
  }

  /**
   * Reports a cell of `f` that shows nothing (at column `col`, by default its own), naming the
   * column, after the indicator's name when the row is an indicator's; and the formula, when a
   * formula's empty result is what makes it show nothing.
   */
  missing(f: Field, indicator?: string, col: number = this.cols.get(f) ?? 0): void {
    const field = bothNames(f.name);
    const what = indicator === undefined ? { field } : { field, indicator };
    const ref = this.at(col);
    const formula = emptyFormula(this.cells[col]);
    this.R.errors.push(
      formula === undefined
        ? fenjieError('MissingValue', what, ref)
        : fenjieError('FormulaEmptyResult', { formula, ...what }, ref),
    );
  }
}

export interface DeclaredTable {
  readonly table: Table;
  /** The column of each declared field the sheet has. */
  readonly cols: ReadonlyMap<Field, number>;
  /** Whether the sheet has every required column. */
  readonly complete: boolean;
  readonly rows: readonly TableRow[];
}

/** A sheet read as a table of its declared columns, in declaration order (so errors come in that order). */
export function declaredTable<C extends Columns>(
  R: CellReader,
  grid: SheetGrid,
  decl: SheetDecl<C>,
): DeclaredTable {
  const table = readTable(R, grid);
  const cols = new Map<Field, number>();
  let complete = true;
  for (const f of Object.values(decl.columns)) {
    const col = findColumn(R, table, f.name, f.required);
    if (col !== undefined) cols.set(f, col);
    else if (f.required) complete = false;
  }
  const rows = table.rows.map((r) => new TableRow(R, table.sheet, r.row, r.cells, cols));
  return { table, cols, complete, rows };
}
