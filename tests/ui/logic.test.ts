/**
 * The task pane's logic without a browser: the run settings, the result view's model, one
 * Recalculate against fake hosts (stages, problems, cancel), the threshold overrides, and the
 * browser file host (here in Node, which has File and Blob too).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorProgress, ProgressRow } from '../../src/engine';
import { writeFraction } from '../../src/hosts/excel/excelHost';
import { createFileHost, downloadName, specLang } from '../../src/hosts/file';
import type { PaneHost, WriteOptions } from '../../src/hosts/host';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { makeClock, nowOf } from '../../src/taskpane/clock';
import {
  chartGeometry,
  mostBehind,
  resultModel,
} from '../../src/taskpane/components/ResultView/resultModel';
import {
  isModified,
  overridesOf,
  parseThreshold,
  settingsProblems,
  settingsValueFrom,
} from '../../src/taskpane/components/RunSettings/runSettingsModel';
import { pct, signedPoints } from '../../src/taskpane/format';
import { inputsLang, missingInputsTemplate } from '../../src/taskpane/inputs';
import { langOf } from '../../src/taskpane/lang';
import { runWithOverrides, sheetSettings } from '../../src/taskpane/run';
import { recalculate, type RunOutcome } from '../../src/taskpane/runner';
import type { RunStage } from '../../src/taskpane/strings';
import type { WorkbookGrids } from '../../src/workbook/grid';
import { SHEETS } from '../../src/workbook/names';
import { runPipeline } from '../../src/workbook/pipeline';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { inputSheetNames, workbookStatus } from '../../src/workbook/status';
import { exampleWorkbook } from '../../src/workbook/template';
import { EXAMPLE } from '../helpers/variants';
import { ROOT } from './harness';

const NOW = nowOf(new Date('2025-09-03T10:30'));
let exampleBytes: Uint8Array;
let example: WorkbookGrids;
let bad: WorkbookGrids;

beforeAll(async () => {
  const data = EXAMPLE;
  exampleBytes = await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, 'zh')));
  example = (await readWorkbook(exampleBytes)).grids;
  bad = (
    await readWorkbook(await readFile(join(ROOT, 'tests', 'fixtures', 'text-in-number-cell.xlsx')))
  ).grids;
});

/** A host over fixed grids that records what it is asked to write. */
function fakeHost(
  grids: WorkbookGrids,
  write?: (spec: WorkbookSpec, o: WriteOptions) => Promise<void>,
): PaneHost & { written: { spec: WorkbookSpec; o: WriteOptions }[] } {
  const written: { spec: WorkbookSpec; o: WriteOptions }[] = [];
  return {
    kind: 'excel',
    label: () => 'fake.xlsx',
    readGrids: async () => grids,
    writeOutputs: async (spec, o) => {
      written.push({ spec, o });
      if (write) await write(spec, o);
      else o.onProgress?.({ stage: 'write', fraction: 0.5 });
    },
    createSheets: async () => undefined,
    selectCell: async () => true,
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

describe('run settings', () => {
  it('parses thresholds as people type them', () => {
    expect(parseThreshold('5')).toBe(5);
    expect(parseThreshold(' 7.5 ')).toBe(7.5);
    expect(parseThreshold('１０')).toBe(10);
    expect(parseThreshold('8%')).toBe(8);
    expect(parseThreshold('-1')).toBeUndefined();
    expect(parseThreshold('')).toBeUndefined();
    expect(parseThreshold('五')).toBeUndefined();
  });

  it('checks that the serious threshold is at least the behind threshold', () => {
    expect(settingsProblems({ reportMonth: 8, behind: '5', serious: '10' })).toEqual({});
    expect(settingsProblems({ reportMonth: 8, behind: '5', serious: '3' })).toEqual({
      serious: 'belowBehind',
    });
    expect(settingsProblems({ reportMonth: 8, behind: 'x', serious: '' })).toEqual({
      behind: 'invalid',
      serious: 'invalid',
    });
  });

  it('overrides only what differs from the Settings sheet', () => {
    const sheet = { reportMonth: 8, behindThreshold: 5, seriousThreshold: 10 };
    const start = settingsValueFrom(sheet);
    expect(start).toEqual({ reportMonth: 8, behind: '5', serious: '10' });
    expect(overridesOf(start, sheet)).toEqual({});
    expect(isModified(start, sheet)).toBe(false);
    expect(overridesOf({ reportMonth: 7, behind: '5.0', serious: '12' }, sheet)).toEqual({
      reportMonth: 7,
      seriousThreshold: 12,
    });
    expect(overridesOf({ reportMonth: 8, behind: '5', serious: '1' }, sheet)).toBeUndefined();
    expect(settingsValueFrom({ behindThreshold: 5, seriousThreshold: 10 }).reportMonth).toBe(
      'auto',
    );
  });

  it('reads the sheet values as the pipeline does', () => {
    expect(sheetSettings(example)).toEqual({
      reportMonth: 8,
      behindThreshold: 5,
      seriousThreshold: 10,
    });
  });
});

describe('threshold overrides', () => {
  it('equal the pipeline when the thresholds are the sheet values, and never touch the grids', () => {
    const o = { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' as const };
    const before = JSON.stringify(example);
    const plain = runPipeline(example, o);
    const same = runWithOverrides(example, o, { behindThreshold: 5, seriousThreshold: 10 });
    expect(same.ok && plain.ok).toBe(true);
    if (!same.ok || !plain.ok) return;
    expect(same.spec).toEqual(plain.spec);
    expect(same.json).toEqual(plain.json);
    expect(JSON.stringify(example)).toBe(before);
  });

  it('change the flags and the Progress sheet parameters, keeping the inputs fingerprint', () => {
    const o = { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' as const };
    const plain = runPipeline(example, o);
    const strict = runWithOverrides(example, o, {
      behindThreshold: 1,
      seriousThreshold: 2,
      reportMonth: 7,
    });
    if (!strict.ok || !plain.ok) throw new Error('expected plans');
    expect(strict.fingerprint).toBe(plain.fingerprint);
    expect(strict.plan.reportMonth).toBe(7);
    const progress = strict.spec.sheets.find((s) => s.name === SHEETS.progress.zh);
    expect([
      progress?.rows[2]?.[1]?.v,
      progress?.rows[2]?.[5]?.v,
      progress?.rows[2]?.[7]?.v,
    ]).toEqual([7, 1, 2]);
    expect(strict.plan.progress[0]?.counts).not.toEqual(plain.plan.progress[0]?.counts);
  });

  it('report invalid thresholds as the engine does', () => {
    const r = runWithOverrides(
      example,
      { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' },
      { behindThreshold: 9, seriousThreshold: 3 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('InvalidThresholds');
  });
});

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
    ]);
    if (outcome.kind === 'written') expect(outcome.status.outputs).toBe('current');
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

describe('result view model', () => {
  it('draws completion against the schedule on 0 … 100 %, further when completion is over', () => {
    expect(chartGeometry(0.5, 2 / 3, 'total')).toEqual({
      bar: { x: 0, width: 50 },
      marker: (2 / 3) * 100,
    });
    const over = chartGeometry(1.25, 0.5, 'total');
    expect(over.bar?.width).toBeCloseTo(100);
    expect(over.marker).toBeCloseTo(40);
    expect(chartGeometry(null, 0.5, 'total')).toEqual({ marker: 50 });
    const negative = chartGeometry(-0.1, 0.3, 'rate');
    expect(negative.zero).toBeGreaterThan(0);
    expect(negative.bar?.x).toBe(0);
  });

  it('lists the five furthest behind, by the worse of schedule and growth gap, for either direction', () => {
    const row = (
      enterprise: string,
      gap: number | null,
      growthGap: number | null = null,
    ): ProgressRow => ({ enterprise, gap, growthGap, flag: 'behind' }) as unknown as ProgressRow;
    const p = {
      direction: 'higher',
      rows: [
        row('a', -3),
        row('b', -20),
        row('c', 4),
        row('d', -1, -30),
        row('e', null),
        row('f', -2),
        row('g', -9),
        row('h', -6),
      ],
    } as unknown as IndicatorProgress;
    expect(mostBehind(p, 'zh').map((r) => [r.enterprise, r.gap, r.test])).toEqual([
      ['d', '\u221230.0', 'growth'],
      ['b', '\u221220.0', 'schedule'],
      ['g', '\u22129.0', 'schedule'],
      ['h', '\u22126.0', 'schedule'],
      ['a', '\u22123.0', 'schedule'],
    ]);
    const lower = {
      ...p,
      direction: 'lower',
      rows: [row('x', 3), row('y', -5), row('z', 8)],
    } as unknown as IndicatorProgress;
    expect(mostBehind(lower, 'en').map((r) => r.enterprise)).toEqual(['z', 'x']);
  });

  it('describes the township example as the CLI summary does', () => {
    const r = runPipeline(example, { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' });
    if (!r.ok) throw new Error('expected a plan');
    const m = resultModel(r.plan, 'zh');
    expect(m.schedule).toBe('66.7%');
    const output = m.indicators.find((v) => v.indicator === '工业总产值');
    expect(output?.flag.label).toBe('严重滞后');
    expect(output?.flag.colors).toEqual({ fill: '#FFC7CE', font: '#9C0006' });
    expect(output?.actual).toBe('63.6%');
    expect(output?.counts.map((c) => c.n)).toEqual([0, 1, 4, 7, 0]);
    expect(output?.behind).toHaveLength(5);
    expect(m.indicators.find((v) => v.indicator === '到位市外内资')?.flag.flag).toBe('noData');
  });
});

describe('file host', () => {
  const open = async () => {
    const host = createFileHost();
    await host.openFile(new File([new Uint8Array(exampleBytes)], 'township-example.xlsx'));
    return host;
  };
  const plan = (grids: WorkbookGrids, lang: 'zh' | 'en' = 'zh') => {
    const r = runPipeline(grids, { today: NOW.today, generatedAt: NOW.stamp, lang });
    if (!r.ok) throw new Error('expected a plan');
    return r.spec;
  };

  it('opens a file, writes outputs (status current) and downloads them under the right name', async () => {
    const host = await open();
    expect(host.label()).toBe('township-example.xlsx');
    const grids = await host.readGrids();
    expect(workbookStatus(grids).outputs).toBe('missing');
    const stages: string[] = [];
    await host.writeOutputs(plan(grids), {
      inputSheetNames: inputSheetNames(workbookStatus(grids)),
      onProgress: (p) => stages.push(p.stage),
    });
    expect(stages).toEqual(['prepare', 'write', 'replace', 'done']);
    const after = await host.readGrids();
    expect(workbookStatus(after).outputs).toBe('current');
    const d = await host.download();
    expect(d.name).toBe('township-example-分解.xlsx');
    const reread = await readWorkbook(d.bytes);
    expect(reread.grids.sheets.map((s) => s.name)).toEqual(after.sheets.map((s) => s.name));

    await host.writeOutputs(plan(after, 'en'), { inputSheetNames: [] });
    expect((await host.readGrids()).sheets.map((s) => s.name)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '权重',
      '约束',
      '时间分布',
      '实绩',
      'Allocation',
      'Progress',
      'Summary',
    ]);
    expect((await host.download()).name).toBe('township-example-fenjie.xlsx');
  });

  it('keeps the workbook as it was when a write is cancelled or fails', async () => {
    const host = await open();
    const grids = await host.readGrids();
    const controller = new AbortController();
    await expect(
      host.writeOutputs(plan(grids), {
        inputSheetNames: [],
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'write') controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(await host.readGrids()).toBe(grids);
    const broken: WorkbookSpec = {
      sheets: [...plan(grids).sheets, { name: 'bad/name', rows: [] }],
    };
    await expect(host.writeOutputs(broken, { inputSheetNames: [] })).rejects.toThrow(
      /invalid sheet name/,
    );
    expect(await host.readGrids()).toBe(grids);
    await expect(
      host.writeOutputs({ sheets: [{ name: '目标', rows: [] }] }, { inputSheetNames: ['目标'] }),
    ).rejects.toThrow(/input sheet/);
    expect(await host.selectCell('基数', 'B3')).toBe(false);
  });

  it('adds only the missing input sheets, in the language of those present', async () => {
    const host = createFileHost();
    const en = await toXlsxBuffer(
      specToNewWorkbook({ sheets: [{ name: 'Settings', rows: [[{ v: 'Key' }, { v: 'Value' }]] }] }),
    );
    await host.openFile(new File([new Uint8Array(en)], 'inputs.xlsx'));
    const status = workbookStatus(await host.readGrids());
    expect(status.needsInputs).toBe(true);
    expect(inputsLang(status, 'zh')).toBe('en');
    await host.createSheets(missingInputsTemplate(status, 'zh', 2025));
    const names = (await host.readGrids()).sheets.map((s) => s.name);
    expect(names).toEqual([
      'Settings',
      'Targets',
      'Enterprises',
      'Base',
      'Weights',
      'Constraints',
      'Profiles',
      'Actuals',
    ]);
    expect(workbookStatus(await host.readGrids()).needsInputs).toBe(false);
    expect((await host.download()).name).toBe('inputs-fenjie.xlsx');
  });

  it('refuses to work before a file is open, and names downloads by language', async () => {
    await expect(createFileHost().readGrids()).rejects.toThrow(/No .xlsx file/);
    expect(downloadName('乡镇.XLSX', 'zh')).toBe('乡镇-分解.xlsx');
    expect(downloadName('plan', 'en')).toBe('plan-fenjie.xlsx');
    expect(specLang({ sheets: [{ name: 'Allocation', rows: [] }] })).toBe('en');
    expect(specLang({ sheets: [{ name: '分解结果', rows: [] }] })).toBe('zh');
  });
});

describe('shell helpers', () => {
  it('picks the language, the clock and number formats', () => {
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf('zh-Hant-TW')).toBe('zh');
    expect(langOf('en-US')).toBe('en');
    expect(langOf('fr')).toBe('en');
    expect(langOf(undefined)).toBe('en');
    expect(makeClock('2025-09-03T10:30')()).toEqual({
      today: { y: 2025, m: 9, d: 3 },
      stamp: '2025-09-03 10:30',
    });
    expect(() => makeClock('soon')).toThrow(/not a date/);
    expect(pct(0.6667)).toBe('66.7%');
    expect(pct(null)).toBe('—');
    expect(signedPoints(-24.64)).toBe('\u221224.6');
    expect(signedPoints(0.01)).toBe('0.0');
    expect(signedPoints(3)).toBe('+3.0');
  });

  it('maps the Excel writer stages onto one fraction', () => {
    expect(writeFraction('probe', 0)).toBe(0);
    expect(writeFraction('write', 1)).toBeCloseTo(0.9);
    expect(writeFraction('replace', 1)).toBe(1);
    expect(writeFraction('unknown', 0.5)).toBe(0.5);
  });
});
