/**
 * The 1904 date system (issue 10): a workbook that counts dates from 1904 (Excel for Mac's old
 * default) holds the same serial for a date 1,462 days later than the 1900 system does. The
 * Office.js host asks Excel's DATE function which system the workbook uses (no released
 * requirement set has `Workbook.use1904DateSystem`) and reads date cells as the .xlsx reader
 * reads the same workbook's `workbookPr date1904`.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readGrids } from '../../src/hosts/excel';
import { readGrids as readXlsxGrids } from '../../src/hosts/xlsx/gridReader';
import { toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { FakeExcel } from './fake-excel';
import { RealClient } from './real-client';

const CASES: readonly [string, boolean, { y: number; m: number; d: number }][] = [
  ['1900', false, { y: 2025, m: 8, d: 18 }],
  ['1904', true, { y: 2029, m: 8, d: 19 }],
];

describe('dates in either date system', () => {
  it.each(CASES)(
    'the %s system: serial 45887 in a date format reads as the .xlsx reader reads it',
    async (_, date1904, expected) => {
      const fake = new FakeExcel();
      fake.date1904 = date1904;
      const cell = fake.addSheet('参数').cell(0, 0);
      cell.value = 45887;
      cell.numberFormat = 'yyyy-mm-dd';
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const ws = workbook.addWorksheet('参数');
      ws.getCell('A1').value = 45887;
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      const client = new RealClient(fake);
      const excel = await readGrids(client.context);
      const xlsx = await readXlsxGrids(await toXlsxBuffer(workbook));
      expect(excel.sheets[0]?.cells).toEqual([[{ date: expected }]]);
      expect(xlsx.sheets[0]?.cells).toEqual([[{ date: expected }]]);
      // The system is asked in the first request, with the sheet list: no request more.
      expect(client.wire[0]?.names).toContain('Date');
    },
  );
});
