/**
 * The ribbon's Recalculate command (issue 10, item 7): its function (src/taskpane/command.ts)
 * recalculates through the real Office.js client without the pane, says how it went, and the
 * document is marked so the pane reopens with it (src/hosts/excel/autoShow.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readGrids } from '../../src/hosts/excel';
import { AUTO_SHOW_SETTING, rememberPane } from '../../src/hosts/excel/autoShow';
import { createExcelHost } from '../../src/hosts/excel/excelHost';
import { runCommand } from '../../src/taskpane/command';
import { nowOf } from '../../src/workbook/now';
import { workbookStatus } from '../../src/workbook/status';
import { syntheticInFake } from './helpers';
import { RealClient } from './real-client';

const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals.Office;
  delete globals.Excel;
});

/** Office's document settings in memory; `saved` is what saveAsync last stored. */
function settings(initial: Record<string, unknown> = {}): {
  readonly settings: Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;
  saved: Record<string, unknown> | undefined;
} {
  const values = { ...initial };
  const out = {
    saved: undefined as Record<string, unknown> | undefined,
    settings: {
      get: (name: string): unknown => values[name],
      set: (name: string, value: unknown): void => {
        values[name] = value;
      },
      saveAsync: (callback?: (r: Office.AsyncResult<void>) => void): void => {
        out.saved = { ...values };
        callback?.({ status: 'succeeded' } as unknown as Office.AsyncResult<void>);
      },
    } as unknown as Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>,
  };
  return out;
}

/** The Excel host over the real client, as the command page creates it. */
function excelOver(client: RealClient, doc: ReturnType<typeof settings>): void {
  globals.Office = {
    context: { requirements: { isSetSupported: () => true }, document: { settings: doc.settings } },
  };
  type Batch<T> = (ctx: Excel.RequestContext) => Promise<T>;
  globals.Excel = {
    run: <T>(a: Batch<T> | object, b?: Batch<T>): Promise<T> =>
      (b ?? (a as Batch<T>))(client.context),
  };
}

const NOW = nowOf(new Date(2025, 8, 3, 10, 30));

describe('the Recalculate command', () => {
  it('writes the outputs without the pane and marks the document so the pane reopens with it', async () => {
    const { fake, spec } = syntheticInFake(20);
    const client = new RealClient(fake);
    const doc = settings();
    excelOver(client, doc);
    const report = await runCommand(createExcelHost(), 'zh', NOW);
    expect(report).toEqual({ ok: true, message: '分解：已重新计算，输出表已更新。' });
    expect(client.wire.filter((w) => w.error)).toEqual([]);
    expect(fake.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(spec.sheets.map((s) => s.name)),
    );
    // What the pane would find: the outputs current, as after its own button.
    expect(workbookStatus(await readGrids(client.context)).outputs).toBe('current');
    expect(doc.saved).toEqual({ [AUTO_SHOW_SETTING]: true });
  });

  it('says what is wrong with the input, writes nothing and does not mark the document', async () => {
    const { fake } = syntheticInFake(5);
    fake.deleteSheet(fake.sheet('目标'));
    const client = new RealClient(fake);
    const before = fake.sheets.map((s) => s.name);
    const doc = settings();
    excelOver(client, doc);
    const report = await runCommand(createExcelHost(), 'en', NOW);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(
      /^Fenjie: the input has \d+ problem\(s\); the outputs are unchanged\. The first: .+ Open the task pane/,
    );
    expect(fake.sheets.map((s) => s.name)).toEqual(before);
    expect(doc.saved).toBeUndefined();
  });

  it('reports a failure of Excel as a failure, the outputs unchanged', async () => {
    const { fake } = syntheticInFake(5);
    const client = new RealClient(fake);
    client.failAt = { index: 0, code: 'GeneralException' };
    excelOver(client, settings());
    const report = await runCommand(createExcelHost(), 'zh', NOW);
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(/^分解：重新计算失败，输出表未改动：/);
  });

  it.each([
    ['unmarked', {}, { [AUTO_SHOW_SETTING]: true }],
    ['already marked: not saved again', { [AUTO_SHOW_SETTING]: true }, undefined],
  ] as const)('rememberPane on a document %s', async (_, initial, saved) => {
    const doc = settings(initial);
    await rememberPane(doc.settings);
    expect(doc.saved).toEqual(saved);
  });

  it('rememberPane without document settings (an older host) does nothing', async () => {
    await expect(rememberPane(undefined)).resolves.toBeUndefined();
  });
});
