/**
 * What a host reads from an input sheet: a plain 2-D array of raw cells (HyperFormula-style),
 * the same shape whether it came from Office.js, an .xlsx file or the browser.
 */
import type { YMD } from '../engine';

/** One input cell as a host sees it. */
export type RawCell =
  | null
  | number
  | string
  | boolean
  | { readonly date: YMD }
  | { readonly error: string }
  /** A formula; `result` is its cached value (undefined when the file has none). */
  | {
      readonly formula: string;
      readonly result?:
        number | string | boolean | null | { readonly date: YMD } | { readonly error: string };
    };

export interface SheetGrid {
  /** The sheet's name as it is in the workbook. */
  readonly name: string;
  /** Dense rows from A1. */
  readonly cells: readonly (readonly RawCell[])[];
  /** Merged ranges, A1 form ('A1:B1'). */
  readonly merges?: readonly string[];
  /** 0-based indexes of hidden rows. */
  readonly hiddenRows?: readonly number[];
}

/** All sheets of a workbook: input and output alike, in order. */
export interface WorkbookGrids {
  readonly sheets: readonly SheetGrid[];
}
