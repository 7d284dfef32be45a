/** A sheet description as the grids a host would read back (formulas with their cached results). */
import type { RawCell, WorkbookGrids } from '../../src/workbook/grid';
import type { WorkbookSpec } from '../../src/workbook/spec';

export function specToGrids(spec: WorkbookSpec): WorkbookGrids {
  return {
    sheets: spec.sheets.map((s) => ({
      name: s.name,
      cells: s.rows.map((row) =>
        row.map((c): RawCell =>
          c === null ? null : c.f !== undefined ? { formula: c.f, result: c.v } : c.v,
        ),
      ),
    })),
  };
}
