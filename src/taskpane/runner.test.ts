import { describe, expect, it } from 'vitest';
import type { WorkbookGrids } from '../workbook/grid';
import type { WorkbookSpec } from '../workbook/spec';
import { exampleGrids, NOW, withCell } from '../../tests/helpers/example-grids';
import type { PaneHost, WriteOptions } from '../hosts/host';
import { recalculate, type RunOutcome } from './runner';
import type { RunStage } from './strings';

const example = exampleGrids();
/** The example with text in a number cell (as tests/fixtures/text-in-number-cell.xlsx). */
const bad = withCell(example, '基数', 2, 1, '待定');

/** A host over fixed grids that records what it is asked to write. */
function fakeHost(
  grids: WorkbookGrids,
  write?: (spec: WorkbookSpec, o: WriteOptions) => Promise<void>,
): PaneHost & { written: { spec: WorkbookSpec; o: WriteOptions }[] } {
  const written: { spec: WorkbookSpec; o: WriteOptions }[] = [];
  return {
    kind: 'excel',
    label: () => 'fake.xlsx',
    readGrids: () => Promise.resolve(grids),
    writeOutputs: async (spec, o) => {
      written.push({ spec, o });
      if (write) await write(spec, o);
      else o.onProgress?.({ stage: 'write', fraction: 0.5 });
    },
    createSheets: () => Promise.resolve(),
    selectCell: () => Promise.resolve(true),
    written,
  };
}

async function runOn(
  host: PaneHost,
  signal = new AbortController().signal,
): Promise<{ outcome: RunOutcome; stages: [RunStage, number][] }> {
  const stages: [RunStage, number][] = [];
  const outcome = await recalculate({
    host,
    lang: 'zh',
    now: NOW,
    overrides: {},
    signal,
    onStage: (s, f) => stages.push([s, f]),
  });
  return { outcome, stages };
}

describe('recalculate', () => {
  it('reads, computes, writes and finishes, with a rising fraction and the inputs protected', async () => {
    const host = fakeHost(example);
    const { outcome, stages } = await runOn(host);
    expect(outcome.kind).toBe('written');
    expect(stages.map(([s]) => s).filter((s, i, a) => a[i - 1] !== s)).toEqual([
      'read',
      'compute',
      'write',
      'done',
    ]);
    const fractions = stages.map(([, f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(host.written).toHaveLength(1);
    expect(host.written[0]?.o.inputSheetNames).toEqual(
      expect.arrayContaining(['参数', '目标', '企业', '基数', '实绩']),
    );
    expect(host.written[0]?.spec.sheets.map((s) => s.name)).toEqual([
      '分解结果',
      '序时进度',
      '汇总',
      '通报',
      '说明',
      '辅助',
    ]);
    if (outcome.kind !== 'written') throw new Error('not written');
    expect(outcome.status.outputs).toBe('current');
    // The bulletin the pane shows and downloads: the plan's headline per indicator and its lists.
    expect(outcome.bulletin.headlines).toHaveLength(outcome.plan.progress.length);
    const first = outcome.plan.progress[0];
    const area = first?.area.completion ?? 0;
    expect(outcome.bulletin.headlines[0]).toContain(`完成年度目标的${(area * 100).toFixed(1)}%`);
    expect(outcome.bulletin.lists.map((l) => l.indicator)).toEqual(
      outcome.plan.progress.map((p) => p.indicator),
    );
  });

  it('returns the problems and writes nothing when the inputs have errors', async () => {
    const host = fakeHost(bad);
    const { outcome } = await runOn(host);
    expect(outcome.kind).toBe('problems');
    if (outcome.kind === 'problems')
      expect(outcome.errors.map((e) => `${e.sheet}!${e.cell}`)).toEqual(['基数!B3']);
    expect(host.written).toHaveLength(0);
  });

  it('reports a cancel during the write as cancelled, not as an error', async () => {
    const controller = new AbortController();
    const host = fakeHost(example, (_spec, o) => {
      o.onProgress?.({ stage: 'write', fraction: 0.3 });
      controller.abort();
      return Promise.reject(new DOMException('The write was cancelled.', 'AbortError'));
    });
    const { outcome } = await runOn(host, controller.signal);
    expect(outcome).toEqual({ kind: 'cancelled' });
  });

  it('rethrows what the host throws', async () => {
    const host = {
      ...fakeHost(example),
      readGrids: () => Promise.reject(new Error('the workbook is busy')),
    };
    await expect(runOn(host)).rejects.toThrow('the workbook is busy');
  });
});
