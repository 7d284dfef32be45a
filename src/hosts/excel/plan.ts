/**
 * Plans the Office.js operations that build one output sheet, as plain data with the estimated
 * request bytes of each, so the writer can pack them into requests under the size cap.
 * Number formats go first, one row per rectangle of like rows copied down with `copyFrom(…,
 * 'Formats')` (so a string lands in a '@' cell as text, and formats cost nothing per row); then
 * cells as whole 2-D blocks of `formulas`, copy-down runs as one `copyFrom`, styles per rectangle,
 * wrapping per rectangle, widths per run of columns, heights per run of rows, conditional formats
 * per rule, the freeze, the AutoFilter, data validations per range and the page setup.
 */
import {
  STYLE_DEFS,
  a1,
  parseRange,
  quoteSheet,
  type PrintSpec,
  type SheetSpec,
  type StyleName,
  type ValidationSpec,
} from '../../workbook/spec';
import { ACTION_BYTES, jsonBytes, utf8Length } from './bytes';
import {
  encodeSheet,
  explicitRects,
  findFillRuns,
  formatRects,
  mergeRows,
  type EncodedSheet,
  type FillRun,
  type Rect,
} from './cells';
import { renameSheetRefs } from '../../workbook/formula';
import { ALL_FEATURES, type ExcelFeatures } from './features';

/** One entry of a `formulas` array: a value, '=formula', or '' for empty. */
export type FormulaEntry = string | number | boolean;

/** One planned operation on a sheet, with its estimated request bytes and the cells it fills. */
export type Step = { readonly bytes: number; readonly cells: number } & (
  | ({
      readonly kind: 'format';
      readonly formats: readonly string[];
      /** Copy the top row's formats down (`copyFrom`, ExcelApi 1.9) rather than send every row. */
      readonly copy: boolean;
    } & Rect)
  | {
      readonly kind: 'cells';
      readonly row: number;
      readonly col: number;
      readonly formulas: FormulaEntry[][];
    }
  | ({ readonly kind: 'fill' } & FillRun)
  | ({ readonly kind: 'style'; readonly style: StyleName } & Rect)
  | { readonly kind: 'width'; readonly col: number; readonly cols: number; readonly points: number }
  | {
      readonly kind: 'cf';
      readonly range: string;
      readonly formula: string;
      readonly fill: string;
      readonly font: string;
      readonly priority: number;
    }
  | { readonly kind: 'freeze'; readonly rows: number; readonly cols: number }
  | ({ readonly kind: 'wrap' } & Rect)
  | ({ readonly kind: 'merge' } & Rect)
  | {
      readonly kind: 'height';
      readonly row: number;
      readonly rows: number;
      readonly points: number;
    }
  | { readonly kind: 'autoFilter'; readonly range: string }
  | { readonly kind: 'validation'; readonly validation: ValidationSpec }
  | { readonly kind: 'print'; readonly print: PrintSpec }
);

/** How to plan a sheet. */
export interface PlanOptions {
  /** Sheet renames applied inside formulas (lower-cased final name → temporary name). */
  readonly renames: ReadonlyMap<string, string>;
  /** Largest estimated bytes of one step; cell blocks are cut to fit. */
  readonly maxStepBytes: number;
  /** Copy formulas down runs of rows instead of sending each (default true). */
  readonly fillDown?: boolean;
  /** What the host offers above ExcelApi 1.7 (default: everything). */
  readonly features?: ExcelFeatures;
}

/** Excel column width in points for a width in characters (Calibri 11: 7 px per character + 5 px padding; 0.75 pt per px). */
export const widthToPoints = (chars: number): number =>
  chars <= 0 ? 0 : Math.round(chars * 7 + 5) * 0.75;

const CELLS_ACTIONS = 2; // getRangeByIndexes, set formulas

/** Plans every operation for one sheet, in the order they must run. */
export function planSheet(sheet: SheetSpec, opts: PlanOptions): Step[] {
  const quoted = quoteSheet(sheet.name);
  const at = (r: number, c: number): string => `${quoted}!${a1(r, c)}`;
  const grid = encodeSheet(sheet, opts.renames, at);
  const features = opts.features ?? ALL_FEATURES;
  const { runs, covered } =
    opts.fillDown === false || !features.copyFrom
      ? { runs: [], covered: () => false }
      : findFillRuns(grid);
  const steps: Step[] = formatSteps(grid, features.copyFrom, opts.maxStepBytes);
  for (const rect of explicitRects(grid, covered))
    steps.push(...cellSteps(grid, rect, opts.maxStepBytes, at));
  for (const run of runs)
    steps.push({ kind: 'fill', ...run, bytes: 3 * ACTION_BYTES + 64, cells: run.rows * run.cols });
  steps.push(
    ...styleSteps(grid),
    ...wrapSteps(grid),
    ...widthSteps(sheet.widths ?? []),
    ...heightSteps(sheet.rowHeights ?? []),
    ...mergeSteps(sheet.merges ?? []),
    ...cfSteps(sheet, opts.renames),
  );
  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0))
    steps.push({
      kind: 'freeze',
      rows: freeze.rows,
      cols: freeze.cols,
      bytes: 2 * ACTION_BYTES + 32,
      cells: 0,
    });
  if (sheet.autoFilter !== undefined && features.autoFilter)
    steps.push({
      kind: 'autoFilter',
      range: sheet.autoFilter,
      bytes: 3 * ACTION_BYTES + utf8Length(sheet.autoFilter) + 32,
      cells: 0,
    });
  for (const validation of features.dataValidation ? (sheet.validations ?? []) : [])
    steps.push({
      kind: 'validation',
      validation,
      // getRange, then rule, ignoreBlanks, prompt and errorAlert
      bytes: 6 * ACTION_BYTES + jsonBytes(validation),
      cells: 0,
    });
  if (sheet.print && features.pageLayout)
    steps.push({
      kind: 'print',
      print: sheet.print,
      // pageLayout, headersFooters, defaultForAllPages and up to a dozen sets and calls
      bytes: 16 * ACTION_BYTES + jsonBytes(sheet.print),
      cells: 0,
    });
  return steps;
}

/**
 * Number formats: per rectangle of like rows, the top row sent and copied down; without
 * `copyFrom`, every row sent, in blocks of rows under the byte budget.
 */
function formatSteps(grid: EncodedSheet, copy: boolean, maxStepBytes: number): Step[] {
  return formatRects(grid).flatMap((rect): Step[] => {
    const line = jsonBytes([rect.formats]);
    if (copy)
      return [
        {
          kind: 'format',
          ...rect,
          copy,
          // getRangeByIndexes and set numberFormat, then getRangeByIndexes and copyFrom below it
          bytes: (rect.rows > 1 ? 4 : 2) * ACTION_BYTES + 64 + line,
          cells: 0,
        },
      ];
    const per = Math.max(1, Math.floor((maxStepBytes - 2 * ACTION_BYTES - 64) / line));
    const steps: Step[] = [];
    for (let row = rect.row; row < rect.row + rect.rows; row += per) {
      const rows = Math.min(per, rect.row + rect.rows - row);
      steps.push({
        kind: 'format',
        ...rect,
        row,
        rows,
        copy,
        // getRangeByIndexes and set numberFormat to every row
        bytes: 2 * ACTION_BYTES + 64 + rows * line,
        cells: 0,
      });
    }
    return steps;
  });
}

function rowArrays(
  grid: EncodedSheet,
  r: number,
  c0: number,
  cols: number,
): { f: FormulaEntry[]; cells: number } {
  const f: FormulaEntry[] = [];
  let cells = 0;
  for (let c = c0; c < c0 + cols; c++) {
    const e = grid.cell(r, c);
    f.push(e.out);
    if (e.filled) cells++;
  }
  return { f, cells };
}

/** A block of `formulas`; `json` is the UTF-8 size of its JSON (`jsonBytes(f)`), known to the caller. */
function cellStep(
  row: number,
  col: number,
  f: FormulaEntry[][],
  cells: number,
  json: number,
): Step {
  const bytes = CELLS_ACTIONS * ACTION_BYTES + 32 + json;
  return { kind: 'cells', row, col, formulas: f, bytes, cells };
}

/** Cuts one rectangle into blocks of whole rows (or, for a row too big alone, of columns) under the byte budget. */
function cellSteps(
  grid: EncodedSheet,
  rect: Rect,
  maxStepBytes: number,
  at: (r: number, c: number) => string,
): Step[] {
  const budget = maxStepBytes - CELLS_ACTIONS * ACTION_BYTES - 32;
  const steps: Step[] = [];
  let f: FormulaEntry[][] = [];
  let start = rect.row;
  let bytes = 0;
  let cells = 0;
  const flush = (next: number): void => {
    // The lines' sizes, each with its comma, plus the outer brackets less the last comma.
    if (f.length > 0) steps.push(cellStep(start, rect.col, f, cells, bytes + 1));
    f = [];
    bytes = 0;
    cells = 0;
    start = next;
  };
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    const line = rowArrays(grid, r, rect.col, rect.cols);
    const lineBytes = jsonBytes(line.f) + 1;
    if (lineBytes > budget) {
      flush(r);
      steps.push(...splitRow(grid, r, rect, budget, at));
      flush(r + 1);
      continue;
    }
    if (bytes + lineBytes > budget) flush(r);
    f.push(line.f);
    bytes += lineBytes;
    cells += line.cells;
  }
  flush(rect.row + rect.rows);
  return steps;
}

/** A single row over budget: send it in runs of columns. */
function splitRow(
  grid: EncodedSheet,
  r: number,
  rect: Rect,
  budget: number,
  at: (r: number, c: number) => string,
): Step[] {
  const steps: Step[] = [];
  let c0 = rect.col;
  while (c0 < rect.col + rect.cols) {
    let cols = 0;
    let bytes = 0;
    while (c0 + cols < rect.col + rect.cols) {
      const one = rowArrays(grid, r, c0 + cols, 1);
      const b = jsonBytes(one.f);
      if (cols > 0 && bytes + b > budget) break;
      if (b > budget)
        throw new Error(
          `${at(r, c0 + cols)}: one cell is larger than the request budget (${b} bytes)`,
        );
      bytes += b;
      cols++;
    }
    const line = rowArrays(grid, r, c0, cols);
    steps.push(cellStep(r, c0, [line.f], line.cells, jsonBytes([line.f])));
    c0 += cols;
  }
  return steps;
}

function styleSteps(grid: EncodedSheet): Step[] {
  const merged = mergeRows(grid.rows, (r) => {
    const segs: { key: string; col: number; cols: number; style: StyleName }[] = [];
    let c = 0;
    while (c < grid.width) {
      const style = grid.cell(r, c).style;
      let end = c + 1;
      while (end < grid.width && grid.cell(r, end).style === style) end++;
      if (style) segs.push({ key: `${c}:${end}:${style}`, col: c, cols: end - c, style });
      c = end;
    }
    return segs;
  });
  return merged.map(({ rect, seg }) => {
    const props = Object.keys(STYLE_DEFS[seg.style]).length;
    return {
      kind: 'style',
      style: seg.style,
      ...rect,
      bytes: (1 + props) * ACTION_BYTES + 64,
      cells: 0,
    };
  });
}

/** Merged cells: one step per merged range. */
function mergeSteps(merges: readonly string[]): Step[] {
  return merges.map((m) => {
    const { r0, c0, r1, c1 } = parseRange(m);
    const rect = { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
    return { kind: 'merge', ...rect, bytes: 2 * ACTION_BYTES + 64, cells: 0 };
  });
}

/** Wrapping text: per rectangle of wrapped cells. */
function wrapSteps(grid: EncodedSheet): Step[] {
  return mergeRows(grid.rows, (r) => {
    const segs: { key: string; col: number; cols: number }[] = [];
    let c = 0;
    while (c < grid.width) {
      if (!grid.cell(r, c).wrap) {
        c++;
        continue;
      }
      let end = c + 1;
      while (end < grid.width && grid.cell(r, end).wrap) end++;
      segs.push({ key: `${c}:${end}`, col: c, cols: end - c });
      c = end;
    }
    return segs;
  }).map(({ rect }) => ({ kind: 'wrap', ...rect, bytes: 2 * ACTION_BYTES + 64, cells: 0 }));
}

/** Row heights (points): per run of rows of one height. */
function heightSteps(heights: readonly number[]): Step[] {
  const steps: Step[] = [];
  let r = 0;
  while (r < heights.length) {
    const h = heights[r];
    let end = r + 1;
    while (end < heights.length && heights[end] === h) end++;
    if (typeof h === 'number' && Number.isFinite(h) && h > 0)
      steps.push({
        kind: 'height',
        row: r,
        rows: end - r,
        points: h,
        bytes: 2 * ACTION_BYTES + 32,
        cells: 0,
      });
    r = end;
  }
  return steps;
}

function widthSteps(widths: readonly number[]): Step[] {
  const steps: Step[] = [];
  let c = 0;
  while (c < widths.length) {
    const w = widths[c];
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    if (typeof w === 'number' && Number.isFinite(w))
      steps.push({
        kind: 'width',
        col: c,
        cols: end - c,
        points: widthToPoints(w),
        bytes: 2 * ACTION_BYTES + 32,
        cells: 0,
      });
    c = end;
  }
  return steps;
}

function cfSteps(sheet: SheetSpec, renames: ReadonlyMap<string, string>): Step[] {
  const steps: Step[] = [];
  let priority = 0;
  for (const cf of sheet.conditionalFormats ?? []) {
    for (const rule of cf.rules) {
      const formula = `=${renameSheetRefs(rule.formula, renames)}`;
      const bytes = 8 * ACTION_BYTES + utf8Length(cf.range) + utf8Length(formula) + 32;
      steps.push({
        kind: 'cf',
        range: cf.range,
        formula,
        fill: `#${rule.fill}`,
        font: `#${rule.font}`,
        priority: priority++,
        bytes,
        cells: 0,
      });
    }
  }
  return steps;
}
