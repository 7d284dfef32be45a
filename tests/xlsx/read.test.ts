import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { toXlsxBuffer } from '../../src/hosts/xlsx/write';
import type { SheetGrid } from '../../src/workbook/grid';

const utc = (y: number, m: number, d: number, h = 0, min = 0): Date =>
  new Date(Date.UTC(y, m - 1, d, h, min));

/** Write an ExcelJS workbook (built directly with ExcelJS, not with applySpec) and read it back. */
async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<readonly SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const { grids } = await readWorkbook(await toXlsxBuffer(wb));
  return grids.sheets;
}

describe('readWorkbook', () => {
  it('converts every kind of cell to a RawCell', async () => {
    const [sheet] = await roundTrip((wb) => {
      const ws = wb.addWorksheet('Kinds');
      ws.getRow(1).values = [
        1.5,
        '文本',
        true,
        false,
        utc(2025, 8, 31),
        utc(2024, 2, 29, 23, 30),
        { error: '#DIV/0!' },
        { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] },
        { text: '官网', hyperlink: 'https://example.com' },
        0,
      ];
      ws.getCell('E1').numFmt = 'yyyy-mm-dd';
      ws.getCell('F1').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getRow(2).values = [
        { formula: 'A1*2', result: 3 },
        { formula: 'B1&"x"', result: '文本x' },
        { formula: 'NOT(C1)', result: false },
        { formula: 'DATE(2025,1,2)', result: utc(2025, 1, 2) },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'A1+1' },
        { formula: 'A1*0', result: 0 },
        { formula: 'DATE(2025,1,2)', result: 45659 },
      ];
      ws.getCell('D2').numFmt = 'yyyy-mm-dd';
    });
    expect(sheet?.name).toBe('Kinds');
    expect(sheet?.cells).toEqual([
      [
        1.5,
        '文本',
        true,
        false,
        { date: { y: 2025, m: 8, d: 31 } },
        { date: { y: 2024, m: 2, d: 29 } },
        { error: '#DIV/0!' },
        '富文本',
        '官网',
        0,
      ],
      [
        { formula: 'A1*2', result: 3 },
        { formula: 'B1&"x"', result: '文本x' },
        { formula: 'NOT(C1)', result: false },
        { formula: 'DATE(2025,1,2)', result: { date: { y: 2025, m: 1, d: 2 } } },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'A1+1' },
        { formula: 'A1*0', result: 0 },
        // Without a date format the cached result is the serial number.
        { formula: 'DATE(2025,1,2)', result: 45659 },
        null,
        null,
      ],
    ]);
    expect(sheet?.cells[1]?.[5]).not.toHaveProperty('result');
  });

  it('translates shared formulas to each cell', async () => {
    const [sheet] = await roundTrip((wb) => {
      const ws = wb.addWorksheet('Shared');
      ws.getColumn(1).values = [1, 2, 3];
      ws.getCell('B1').value = { formula: 'A1*10+$A$1', result: 11 };
      ws.getCell('B2').value = { sharedFormula: 'B1', result: 21 };
      ws.getCell('B3').value = { sharedFormula: 'B1', result: 0 };
    });
    expect(sheet?.cells).toEqual([
      [1, { formula: 'A1*10+$A$1', result: 11 }],
      [2, { formula: 'A2*10+$A$1', result: 21 }],
      [3, { formula: 'A3*10+$A$1', result: 0 }],
    ]);
  });

  it('reads merges, hidden rows (also empty ones) and makes the grid dense and rectangular', async () => {
    const [sheet, second] = await roundTrip((wb) => {
      const ws = wb.addWorksheet('Layout');
      ws.getCell('A1').value = '合并表头';
      ws.mergeCells('A1:C1');
      ws.getCell('B3').value = 'hidden';
      ws.getRow(3).hidden = true;
      // No value, inside the grid (ExcelJS writes no row without a cell: give it a styled one).
      ws.getRow(5).hidden = true;
      ws.getCell('A5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      ws.getCell('D6').value = 4;
      ws.getCell('F9').border = { top: { style: 'thin' } }; // styled but empty: not part of the grid
      wb.addWorksheet('Empty');
    });
    expect(sheet?.merges).toEqual(['A1:C1']);
    expect(sheet?.hiddenRows).toEqual([2, 4]);
    expect(sheet?.cells).toEqual([
      ['合并表头', null, null, null],
      [null, null, null, null],
      [null, 'hidden', null, null],
      [null, null, null, null],
      [null, null, null, null],
      [null, null, null, 4],
    ]);
    expect(second).toEqual({ name: 'Empty', cells: [], merges: [], hiddenRows: [] });
  });

  it('reads dates of a 1904-based workbook', async () => {
    const [sheet] = await roundTrip((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('D1904');
      ws.getCell('A1').value = utc(2025, 3, 1);
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    });
    expect(sheet?.cells).toEqual([[{ date: { y: 2025, m: 3, d: 1 } }]]);
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').getCell('A1').value = 7;
    const bytes = await toXlsxBuffer(wb);
    const copy = bytes.slice().buffer;
    const { grids } = await readWorkbook(copy);
    expect(grids.sheets[0]?.cells).toEqual([[7]]);
  });

  it('tells a cached empty string from no cached value (ExcelJS alone cannot)', async () => {
    const [sheet, other] = await roundTrip((wb) => {
      const ws = wb.addWorksheet('S & <T>');
      ws.getCell('A1').value = { formula: 'IF(1,"","x")', result: '' };
      ws.getCell('B1').value = { formula: 'A1&""' };
      ws.getCell('A2').value = { formula: 'A1&"y"', result: 'y' };
      ws.getCell('B2').value = { sharedFormula: 'A2', result: '' };
      wb.addWorksheet('Other').getCell('C3').value = { formula: '""', result: '' };
    });
    expect(sheet?.cells).toEqual([
      [{ formula: 'IF(1,"","x")', result: '' }, { formula: 'A1&""' }],
      [
        { formula: 'A1&"y"', result: 'y' },
        { formula: 'B1&"y"', result: '' },
      ],
    ]);
    expect(sheet?.cells[0]?.[1]).not.toHaveProperty('result');
    expect(other?.cells[2]?.[2]).toEqual({ formula: '""', result: '' });
  });
});
