/**
 * The bundled township example as the grids a host reads (built by the CLI's own workbook
 * builder, formulas with their cached results), and the fixed moment the pane tests run at.
 */
import type { Lang } from '../../src/engine';
import type { RawCell, WorkbookGrids } from '../../src/workbook/grid';
import { nowOf, type Now } from '../../src/workbook/now';
import { exampleWorkbook, type ExampleData } from '../../src/workbook/template';
import { specToGrids } from './spec-grids';
import { EXAMPLE } from './variants';

/** 2025-09-03 10:30 local time: the report month of the example is August. */
export const NOW: Now = nowOf(new Date('2025-09-03T10:30'));

/** The example (or `data`) as an input workbook's grids. */
export const exampleGrids = (data: ExampleData = EXAMPLE, lang: Lang = 'zh'): WorkbookGrids =>
  specToGrids(exampleWorkbook(data, lang));

/** `grids` with one cell replaced (0-based row and column), the rest shared. */
export function withCell(
  grids: WorkbookGrids,
  sheet: string,
  row: number,
  col: number,
  value: RawCell,
): WorkbookGrids {
  return {
    ...grids,
    sheets: grids.sheets.map((s) =>
      s.name !== sheet
        ? s
        : {
            ...s,
            cells: s.cells.map((r, i) =>
              i !== row ? r : r.map((c, j) => (j === col ? value : c)),
            ),
          },
    ),
  };
}
