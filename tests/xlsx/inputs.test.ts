import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SheetTakenError, writePackage } from '../../src/hosts/xlsx/package';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { applySpec, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { generatedNote } from '../../src/workbook/note';
import { readParts, setText, text, writeParts } from '../helpers/package';
import type { WorkbookGrids } from '../../src/workbook/grid';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { conditionalFormattingsOf } from './exceljs';

const NOTE = generatedNote({
  lang: 'zh',
  version: '0.0.1',
  generatedAt: '2025-01-01T00:00',
  fingerprints: { split: '0123456789abcdef', live: 'fedcba9876543210' },
});

/**
 * An input workbook as a person might hand it over, with an old output sheet in front (marked
 * with the generated note, as every output is) and an old summary at the end.
 */
function inputWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const old = wb.addWorksheet('分解结果');
  old.getCell('A1').value = '旧结果';
  old.getCell('A2').value = NOTE;
  old.getCell('B2').value = { formula: 'A1&"!"', result: '旧结果!' };
  old.mergeCells('A5:B5');
  old.addConditionalFormatting({
    ref: 'A1:A3',
    rules: [{ type: 'expression', priority: 1, formulae: ['TRUE'], style: {} }],
  });

  const ws = wb.addWorksheet('企业');
  ws.getCell('A1').value = '企业名单（2025）';
  ws.mergeCells('A1:D1');
  ws.getRow(2).values = ['企业名称', '统一社会信用代码', '成立日期', '基数'];
  ws.getRow(3).values = ['=卓尔五金', '91350100M000100Y88', new Date(Date.UTC(2019, 4, 20)), 1200];
  ws.getRow(4).values = ['停产企业', null, new Date(Date.UTC(2001, 0, 1)), 0];
  ws.getRow(4).hidden = true;
  ws.getRow(5).values = ['合计', null, null, { formula: 'SUM(D3:D4)', result: 1200 }];
  ws.getCell('E3').value = { formula: 'D3*2', result: 2400 };
  ws.getCell('E4').value = { sharedFormula: 'E3', result: 0 };
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  ws.getCell('C3').numFmt = 'yyyy-mm-dd';
  ws.getCell('C4').numFmt = 'yyyy-mm-dd';
  const summary = wb.addWorksheet('汇总');
  summary.getCell('A1').value = '旧汇总';
  summary.getCell('A2').value = NOTE;
  return wb;
}

const spec: WorkbookSpec = {
  sheets: [
    {
      name: '分解结果',
      rows: [[{ v: '新结果', style: 'title' }], [{ v: 1200, f: "'企业'!D5" }]],
      freeze: { rows: 1, cols: 0 },
    },
    { name: '汇总', rows: [[{ v: '新汇总' }]] },
  ],
};

describe('the package writer on a workbook with input sheets', () => {
  let before: WorkbookGrids;
  let after: WorkbookGrids;
  let afterBook: ExcelJS.Workbook;
  let input: Uint8Array;

  beforeAll(async () => {
    input = await toXlsxBuffer(inputWorkbook());
    before = (await readWorkbook(input)).grids;
    ({ grids: after, workbook: afterBook } = await readWorkbook(await writePackage(input, spec)));
  });

  it('leaves the input sheet’s values, formulas, dates, merges and hidden rows exactly as they were', () => {
    const inputBefore = before.sheets.find((s) => s.name === '企业');
    expect(inputBefore?.merges).toEqual(['A1:D1']);
    expect(inputBefore?.hiddenRows).toEqual([3]);
    expect(inputBefore?.cells[2]?.[2]).toEqual({ date: { y: 2019, m: 5, d: 20 } });
    expect(after.sheets.find((s) => s.name === '企业')).toEqual(inputBefore);
    expect(afterBook.getWorksheet('企业')?.getCell('C3').numFmt).toBe('yyyy-mm-dd');
  });

  it('replaces the old outputs in place, whole', () => {
    expect(after.sheets.map((s) => s.name)).toEqual(['分解结果', '企业', '汇总']);
    expect(after.sheets.find((s) => s.name === '分解结果')).toEqual({
      name: '分解结果',
      cells: [['新结果'], [{ formula: "'企业'!D5", result: 1200 }]],
      merges: [],
      hiddenRows: [],
    });
    expect(after.sheets.find((s) => s.name === '汇总')?.cells).toEqual([['新汇总']]);
    const ws = afterBook.getWorksheet('分解结果');
    expect(conditionalFormattingsOf(ws)).toEqual([]);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 1 });
    expect(ws?.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
  });

  it('matches an output’s name without regard to case, and renames it to the spec’s', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Summary');
    ws.getCell('A1').value = 'old';
    ws.getCell('A2').value = NOTE;
    const out = await writePackage(await toXlsxBuffer(wb), {
      sheets: [{ name: 'SUMMARY', rows: [[{ v: 'new' }]] }],
    });
    const { grids } = await readWorkbook(out);
    expect(grids.sheets.map((s) => [s.name, s.cells[0]?.[0]])).toEqual([['SUMMARY', 'new']]);
  });

  it('refuses a user’s sheet with an output’s name (no note), and one whose note is not in A2', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').getCell('A1').value = '我的汇总';
    wb.addWorksheet('分解结果').getCell('A3').value = NOTE;
    const bytes = await toXlsxBuffer(wb);
    for (const name of ['汇总', '分解结果']) {
      const error: unknown = await writePackage(bytes, { sheets: [{ name, rows: [] }] }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SheetTakenError);
      expect((error as SheetTakenError).sheet).toBe(name);
    }
  });

  it('removes a superseded output only when it carries the note', async () => {
    const wb = new ExcelJS.Workbook();
    const old = wb.addWorksheet('Allocation');
    old.getCell('A2').value = NOTE;
    wb.addWorksheet('Progress').getCell('A2').value = 'my own progress notes';
    const out = await writePackage(await toXlsxBuffer(wb), {
      sheets: [{ name: '分解结果', rows: [[{ v: 1 }]] }],
      remove: ['Allocation', 'Progress', 'Summary'],
    });
    const { grids } = await readWorkbook(out);
    expect(grids.sheets.map((s) => s.name)).toEqual(['Progress', '分解结果']);
  });
});

describe('the package writer keeps defined names pointing at the right sheets', () => {
  it('moves sheet-scoped names with their sheets, drops those of a removed output, marks its references #REF!', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Allocation').getCell('A2').value = NOTE;
    wb.addWorksheet('企业').getCell('A1').value = 1;
    wb.addWorksheet('备注').getCell('A1').value = 2;
    const parts = readParts(await toXlsxBuffer(wb));
    setText(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace(
        '</sheets>',
        '</sheets><definedNames>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="0">Allocation!$A$1:$B$2</definedName>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="2">\'备注\'!$A$1:$A$9</definedName>' +
          "<definedName name=\"旧分解\">'Allocation'!$A$1+Allocation!$B$2+'企业'!$A$1</definedName>" +
          '</definedNames>',
      ),
    );
    const out = readParts(
      await writePackage(writeParts(parts), {
        sheets: [{ name: '分解结果', rows: [[{ v: 1 }]] }],
        remove: ['Allocation'],
      }),
    );
    const names = /<definedNames>(.*)<\/definedNames>/.exec(text(out, 'xl/workbook.xml'))?.[1];
    expect(names).toBe(
      '<definedName name="_xlnm.Print_Area" localSheetId="1">\'备注\'!$A$1:$A$9</definedName>' +
        '<definedName name="旧分解">#REF!$A$1+#REF!$B$2+\'企业\'!$A$1</definedName>',
    );
    const { grids } = await readWorkbook(writeParts(out));
    expect(grids.sheets.map((s) => s.name)).toEqual(['企业', '备注', '分解结果']);
  });
});

describe('applySpec (the ExcelJS writer of the browser file mode) on a workbook with input sheets', () => {
  let before: WorkbookGrids;
  let after: WorkbookGrids;
  let afterBook: ExcelJS.Workbook;

  beforeAll(async () => {
    const first = await readWorkbook(await toXlsxBuffer(inputWorkbook()));
    before = first.grids;
    applySpec(first.workbook, spec);
    const second = await readWorkbook(await toXlsxBuffer(first.workbook));
    after = second.grids;
    afterBook = second.workbook;
  });

  it('leaves the input sheet’s values, formulas, dates, merges and hidden rows exactly as they were', () => {
    const inputBefore = before.sheets.find((s) => s.name === '企业');
    const inputAfter = after.sheets.find((s) => s.name === '企业');
    expect(inputBefore?.merges).toEqual(['A1:D1']);
    expect(inputBefore?.hiddenRows).toEqual([3]);
    expect(inputBefore?.cells[2]?.[2]).toEqual({ date: { y: 2019, m: 5, d: 20 } });
    expect(inputBefore?.cells[2]?.[0]).toBe('=卓尔五金');
    expect(inputBefore?.cells[3]?.[4]).toEqual({ formula: 'D4*2', result: 0 });
    expect(inputAfter).toEqual(inputBefore);
  });

  it('replaces the old output sheets and puts the new ones after the inputs, in spec order', () => {
    expect(before.sheets.map((s) => s.name)).toEqual(['分解结果', '企业', '汇总']);
    expect(after.sheets.map((s) => s.name)).toEqual(['企业', '分解结果', '汇总']);
    const out = after.sheets.find((s) => s.name === '分解结果');
    expect(out).toEqual({
      name: '分解结果',
      cells: [['新结果'], [{ formula: "'企业'!D5", result: 1200 }]],
      merges: [],
      hiddenRows: [],
    });
    expect(after.sheets.find((s) => s.name === '汇总')?.cells).toEqual([['新汇总']]);
  });

  it('drops the old output sheet’s conditional formats and keeps the new sheet’s settings', () => {
    const ws = afterBook.getWorksheet('分解结果');
    expect(conditionalFormattingsOf(ws)).toEqual([]);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 1 });
    expect(ws?.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
  });

  it('matches existing sheet names without regard to case', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Summary').getCell('A1').value = 'old';
    applySpec(wb, { sheets: [{ name: 'SUMMARY', rows: [[{ v: 'new' }]] }] });
    expect(wb.worksheets.map((w) => [w.name, w.getCell('A1').value])).toEqual([['SUMMARY', 'new']]);
  });
});
