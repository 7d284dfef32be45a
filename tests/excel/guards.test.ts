/**
 * The Excel host's guards (src/hosts/excel/guards.ts), each with the catalogue message the pane
 * shows: a cell being edited, a protected structure or output sheet, a request Excel never
 * answers, date-formatted inputs read as the .xlsx host reads them, and an AbortSignal without
 * `throwIfAborted` (old Safari).
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError, type FenjieError } from '../../src/engine';
import { throwIfAborted } from '../../src/hosts/abort';
import { readGrids, writeSpec } from '../../src/hosts/excel';
import { createExcelHost } from '../../src/hosts/excel/excelHost';
import { HostError } from '../../src/hosts/host';
import { readGrids as readXlsxGrids } from '../../src/hosts/xlsx/gridReader';
import { toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { FakeExcel } from './fake-excel';
import { syntheticInFake } from './helpers';
import { RealClient } from './real-client';

/** The catalogue errors a HostError carries, in Chinese with their places. */
async function messages(p: Promise<unknown>): Promise<string[]> {
  const error: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return (error as HostError).errors.map((e: FenjieError) => describeError(e, 'zh'));
}

const globals = globalThis as unknown as { Office?: unknown; Excel?: unknown };
afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
});

describe('Excel guards', () => {
  it('asks Excel to wait for a cell edit, and where it refuses says to finish the edit', async () => {
    const { fake } = syntheticInFake(3);
    const client = new RealClient(fake);
    client.failAt = { index: 0, code: 'InvalidOperationInCellEditMode' };
    const options: unknown[] = [];
    globals.Office = { context: { requirements: { isSetSupported: () => true } } };
    globals.Excel = {
      run: <T>(o: object, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
        options.push(o);
        return batch(client.context);
      },
    };
    expect(await messages(createExcelHost().readGrids())).toEqual([
      'Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑，再点“重新计算”',
    ]);
    expect(options).toEqual([{ delayForCellEdit: true }]);
  });

  it('refuses a protected workbook structure before writing anything', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(3);
    fake.structureProtected = true;
    const client = new RealClient(fake);
    expect(await messages(writeSpec(client.context, spec, { inputSheetNames }))).toEqual([
      '工作簿结构受保护，无法添加或删除工作表：请在“审阅 > 保护工作簿”中取消保护后再试，输出表未改动',
    ]);
    expect(client.wire).toHaveLength(1);
  });

  it('refuses to rewrite a protected output sheet, and leaves the outputs as they were', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(3);
    await writeSpec(fake.context, spec, { inputSheetNames });
    fake.sheet('序时进度').protected = true;
    const before = fake.sheets.map((s) => fake.snapshot(s.name));
    expect(
      await messages(writeSpec(new RealClient(fake).context, spec, { inputSheetNames })),
    ).toEqual(['序时进度：此表受保护，无法重写：请在“审阅 > 撤消工作表保护”后再试，输出表未改动']);
    expect(fake.sheets.map((s) => fake.snapshot(s.name))).toEqual(before);
  });

  it('gives up on a request Excel never answers, with a message instead of waiting for ever', async () => {
    const fake = new FakeExcel();
    fake.addSheet('参数', [['项目', '值']]);
    const stuck = {
      workbook: fake.context.workbook,
      sync: () => new Promise<void>(() => undefined),
    } as unknown as Excel.RequestContext;
    const said = 'Excel 在 2 秒内没有响应：输出表保持上次的结果，请稍后再试';
    expect(await messages(readGrids(stuck, { syncTimeoutMs: 2_000 }))).toEqual([said]);
    const write = writeSpec(
      stuck,
      { sheets: [{ name: '输出', rows: [] }] },
      {
        inputSheetNames: [],
        syncTimeoutMs: 2_000,
      },
    );
    expect(await messages(write)).toEqual([said]);
  });

  it('reads a date-formatted input as the .xlsx host reads it', async () => {
    const cells: [number, string][] = [
      [45887, 'yyyy-mm-dd'],
      [45887.5, 'yyyy"年"m"月"d"日"'],
      [45887, '0.00'],
      [0.25, '0%'],
    ];
    const fake = new FakeExcel();
    const sheet = fake.addSheet('参数');
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('参数');
    cells.forEach(([v, fmt], r) => {
      const cell = sheet.cell(r, 0);
      cell.value = v;
      cell.numberFormat = fmt;
      ws.getCell(r + 1, 1).value = v;
      ws.getCell(r + 1, 1).numFmt = fmt;
    });
    const excel = await readGrids(new RealClient(fake).context);
    const xlsx = await readXlsxGrids(await toXlsxBuffer(workbook));
    expect(excel.sheets[0]?.cells).toEqual(xlsx.sheets[0]?.cells);
    expect(excel.sheets[0]?.cells[0]).toEqual([{ date: { y: 2025, m: 8, d: 18 } }]);
  });
});

describe('throwIfAborted', () => {
  it.each<[string, { aborted: boolean; reason?: unknown }, string | undefined]>([
    ['not aborted', { aborted: false }, undefined],
    ['aborted without a reason (Safari < 15.4 has none)', { aborted: true }, 'AbortError'],
    ['aborted with an Error', { aborted: true, reason: new TypeError('stop') }, 'TypeError'],
  ])('%s', (_, signal, name) => {
    // A signal-like object without the method, as old web views give.
    const call = (): void => throwIfAborted(signal as AbortSignal);
    if (name === undefined) expect(call).not.toThrow();
    else expect(call).toThrow(expect.objectContaining({ name }) as Error);
  });
});
