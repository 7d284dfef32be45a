/**
 * The pane's runs through the Excel host (src/hosts/excel/excelHost.ts) over the recording fake of Office.js (tests/excel/fake-excel.ts): one
 * Recalculate reads the inputs, writes the outputs in Excel, and a second read finds them current;
 * a cancelled run leaves the old outputs; a problem's cell is selected. And the writer's stages
 * mapped onto the one progress fraction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RawCell, WorkbookGrids } from '../workbook/grid';
import { workbookStatus } from '../workbook/status';
import { FakeExcel, type SeedCell } from '../../tests/excel/fake-excel';
import { exampleGrids, NOW } from '../../tests/helpers/example-grids';
import { nowOf } from './clock';
import { createExcelHost, writeFraction } from '../hosts/excel/excelHost';
import { recalculate } from './runner';

const example = exampleGrids();

describe('writeFraction', () => {
  it.each<[string, number, number]>([
    ['probe', 0, 0],
    ['write', 1, 0.9],
    ['replace', 1, 1],
    ['unknown', 0.5, 0.5],
  ])('maps the %s stage at %s onto %s of the whole write', (stage, fraction, whole) => {
    expect(writeFraction(stage, fraction)).toBeCloseTo(whole, 12);
  });
});

const globals = globalThis as unknown as { Office?: unknown; Excel?: unknown };
afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
});

/** A fake Excel holding `grids`, installed as the Office and Excel globals. */
function installFake(grids: WorkbookGrids): FakeExcel {
  const fake = new FakeExcel();
  for (const sheet of grids.sheets) {
    const seed = (c: RawCell): SeedCell => {
      if (c === null || typeof c !== 'object') return c;
      throw new Error(`the example has no ${JSON.stringify(c)} cells`);
    };
    fake.addSheet(
      sheet.name,
      sheet.cells.map((row) => row.map(seed)),
    );
  }
  globals.Office = {
    context: {
      requirements: { isSetSupported: () => false },
      document: { url: 'https://example.sharepoint.com/sites/x/%E4%B9%A1%E9%95%87.xlsx' },
    },
  };
  type Batch<T> = (ctx: Excel.RequestContext) => Promise<T>;
  globals.Excel = {
    // Excel.run(batch) or Excel.run(options, batch)
    run: <T>(a: Batch<T> | object, b?: Batch<T>): Promise<T> =>
      (b ?? (a as Batch<T>))(fake.context),
  };
  return fake;
}

describe('Excel host adapter', () => {
  it('recalculates into the open workbook; the outputs are then current', async () => {
    const fake = installFake(example);
    const host = createExcelHost();
    expect(host.label()).toBe('乡镇.xlsx');
    const fractions: number[] = [];
    const outcome = await recalculate({
      host,
      lang: 'zh',
      now: NOW,
      overrides: {},
      signal: new AbortController().signal,
      onStage: (_s, f) => fractions.push(f),
    });
    expect(outcome.kind).toBe('written');
    expect(fake.sheets.map((s) => s.name)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '权重',
      '约束',
      '时间分布',
      '实绩',
      '分解结果',
      '序时进度',
      '汇总',
      '通报',
      '说明',
      '辅助',
    ]);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(workbookStatus(await host.readGrids()).outputs).toBe('current');
    expect(await host.selectCell('基数', 'B3')).toBe(true);
    expect(fake.selection).toBe('基数!B3');
  });

  it('keeps the previous outputs when the run is cancelled while writing', async () => {
    const fake = installFake(example);
    const host = createExcelHost();
    const first = await recalculate({
      host,
      lang: 'zh',
      now: NOW,
      overrides: {},
      signal: new AbortController().signal,
      onStage: () => undefined,
    });
    expect(first.kind).toBe('written');
    const before = fake.snapshot('序时进度');
    const controller = new AbortController();
    const second = await recalculate({
      host,
      lang: 'zh',
      now: nowOf(new Date('2025-09-04T08:00')),
      overrides: { behindThreshold: 1, seriousThreshold: 2 },
      signal: controller.signal,
      onStage: (stage, fraction) => {
        if (stage === 'write' && fraction > 0.2) controller.abort();
      },
    });
    expect(second).toEqual({ kind: 'cancelled' });
    expect(fake.snapshot('序时进度')).toEqual(before);
    expect(fake.sheets.some((s) => s.name.startsWith('~fj'))).toBe(false);
  });
});
