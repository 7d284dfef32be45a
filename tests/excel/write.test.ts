import { describe, expect, it } from 'vitest';
import { writeSpec, type WriteStats } from '../../src/hosts/excel';
import type { CellSpec, SheetSpec } from '../../src/workbook/spec';
import { REQUEST_LIMIT_BYTES } from '../../src/hosts/excel/bytes';
import { FakeExcel } from './fake-excel';
import { differences, inputWorkbook, names } from './helpers';
import { ALLOCATION, INPUTS, PROGRESS, TRICKY_NAMES, outputSpec } from './spec-gen';

const inputSheetNames = [...INPUTS];

/** A workbook whose outputs were already written once (10 enterprises), the user's sheet between them. */
async function withOldOutputs(): Promise<FakeExcel> {
  const fake = inputWorkbook();
  await writeSpec(fake.context, outputSpec(10), { inputSheetNames });
  const notes = fake.sheets.findIndex((s) => s.name === '我的笔记');
  const [mine] = fake.sheets.splice(notes, 1);
  if (mine) fake.sheets.splice(fake.sheets.length - 1, 0, mine); // 分解结果, 我的笔记, 序时进度
  return fake;
}

const snapshot = (fake: FakeExcel): unknown => ({
  names: names(fake),
  sheets: fake.sheets.map((s) => fake.snapshot(s.name)),
});
const temps = (fake: FakeExcel): string[] => names(fake).filter((n) => n.startsWith('~'));

async function run(
  n: number,
  opts: { maxRequestBytes?: number; fillDown?: boolean } = {},
): Promise<{ fake: FakeExcel; stats: WriteStats }> {
  const fake = await withOldOutputs();
  const from = fake.batches.length;
  const stats = await writeSpec(fake.context, outputSpec(n), { inputSheetNames, ...opts });
  fake.batches.splice(0, from);
  return { fake, stats };
}

describe('writeSpec: requests', () => {
  // 5,000 enterprises, and copy-down off, are measured by \`npm run bench officejs\`.
  it('takes the same number of syncs for 100 and 1,000 enterprises, every request under 4 MB', async () => {
    const counts: Record<number, WriteStats & { measuredLargest: number }> = {};
    for (const n of [100, 1000]) {
      const { fake, stats } = await run(n);
      const measuredLargest = Math.max(...fake.batches.map((b) => b.payloadBytes));
      counts[n] = { ...stats, measuredLargest };
      console.log(
        `[excel write] ${n} enterprises: ${stats.syncs} syncs (${stats.batches} write batch), ${stats.cellsWritten} cells, ` +
          `largest request estimated ${stats.largestRequestBytes} B, measured by the fake ${measuredLargest} B`,
      );
      expect(fake.batches).toHaveLength(stats.syncs);
      expect(stats.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
      expect(measuredLargest).toBeLessThanOrEqual(stats.largestRequestBytes);
      for (const sheet of outputSpec(n).sheets) expect(differences(fake, sheet)).toEqual([]);
    }
    expect(counts[1000]?.syncs).toBe(counts[100]?.syncs);
    expect(counts[1000]?.syncs).toBe(3);
  });
});

describe('writeSpec: batching', () => {
  it('respects a small maxRequestBytes, splitting blocks of rows and still writing every cell', async () => {
    const maxRequestBytes = 40_000;
    const { fake, stats } = await run(300, { maxRequestBytes, fillDown: false });
    console.log(
      `[excel write] 300 enterprises under ${maxRequestBytes} B: ${stats.syncs} syncs, ${stats.batches} write batches, largest ${stats.largestRequestBytes} B`,
    );
    expect(stats.batches).toBeGreaterThan(10);
    expect(stats.syncs).toBe(stats.batches + 2);
    for (const b of stats.requestBytes) expect(b).toBeLessThanOrEqual(maxRequestBytes);
    for (const b of fake.batches) expect(b.payloadBytes).toBeLessThanOrEqual(maxRequestBytes);
    fake.batches.forEach((b, i) =>
      expect(b.payloadBytes).toBeLessThanOrEqual(stats.requestBytes[i] as number),
    );
    for (const sheet of outputSpec(300).sheets) expect(differences(fake, sheet)).toEqual([]);
  });

  it('suspends calculation and screen updating in every writing request, then recalculates', async () => {
    const { fake, stats } = await run(100, { maxRequestBytes: 20_000 });
    const writes = fake.batches.slice(1, 1 + stats.batches);
    expect(writes.length).toBeGreaterThan(1);
    for (const b of writes) {
      const labels = b.operations.map((o) => o.label);
      expect(labels).toContain('application.suspendApiCalculationUntilNextSync');
      expect(labels).toContain('application.suspendScreenUpdatingUntilNextSync');
    }
    // The earlier write and this one: what is dirty, not a full recalculation.
    expect(fake.calculations).toEqual(['Recalculate', 'Recalculate']);
  });
});

describe('writeSpec: result', () => {
  it('leaves cells, formats, conditional formats, freeze, widths and sheet order as specified', async () => {
    const { fake } = await run(120);
    for (const sheet of outputSpec(120).sheets) expect(differences(fake, sheet)).toEqual([]);
    expect(names(fake)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '实绩',
      ALLOCATION,
      '我的笔记',
      PROGRESS,
    ]);
    expect(temps(fake)).toEqual([]);
  });

  it('adds outputs at the end, in spec order, when there were none', async () => {
    const fake = inputWorkbook();
    await writeSpec(fake.context, outputSpec(5), { inputSheetNames });
    expect(names(fake)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '实绩',
      '我的笔记',
      ALLOCATION,
      PROGRESS,
    ]);
  });

  it('keeps text that looks like a formula, a number, a boolean or a date as text', async () => {
    const { fake } = await run(10);
    const sheet = fake.sheet(PROGRESS);
    const column = [...Array(14).keys()].map((i) => sheet.get(3 + i, 1));
    for (const name of TRICKY_NAMES) {
      const cell = column.find((c) => c?.value === name);
      expect(cell, name).toBeDefined();
      expect(cell?.formula, name).toBeUndefined();
      expect(cell?.numberFormat, name).toBe('@');
    }
  });
});

describe('writeSpec: input sheets', () => {
  it('never touches an input sheet (or the user’s own sheet)', async () => {
    const fake = await withOldOutputs();
    const before = ['参数', '目标', '企业', '基数', '实绩', '我的笔记'].map((n) =>
      fake.snapshot(n),
    );
    const from = fake.batches.length;
    await writeSpec(fake.context, outputSpec(200), { inputSheetNames, maxRequestBytes: 30_000 });
    const touched = new Set(
      fake.batches
        .slice(from)
        .flatMap((b) => b.operations.filter((o) => o.kind !== 'load').map((o) => o.sheet)),
    );
    for (const name of ['参数', '目标', '企业', '基数', '实绩', '我的笔记'])
      expect(touched.has(name), name).toBe(false);
    expect(
      ['参数', '目标', '企业', '基数', '实绩', '我的笔记'].map((n) => fake.snapshot(n)),
    ).toEqual(before);
  });

  it('refuses a spec that names an input sheet, before any request', async () => {
    const fake = inputWorkbook();
    const spec = { sheets: [...outputSpec(3).sheets, { name: '实绩', rows: [[{ v: 'x' }]] }] };
    await expect(writeSpec(fake.context, spec, { inputSheetNames })).rejects.toThrow(
      /input sheet "实绩"/,
    );
    const fullWidth = { sheets: [{ name: ' 参数 ', rows: [] }] }; // matched as the contract matches names
    await expect(writeSpec(fake.context, fullWidth, { inputSheetNames })).rejects.toThrow(
      /input sheet/,
    );
    expect(fake.batches).toHaveLength(0);
  });
});

describe('writeSpec: failures leave the old outputs whole', () => {
  it('when any request before the swap fails midway, the old outputs are intact and no temporary sheet remains', async () => {
    const clean = await run(150, { maxRequestBytes: 25_000 });
    const syncs = clean.stats.syncs;
    console.log(
      `[excel write] failure injected at each of ${syncs} syncs in turn (the probe, ${syncs - 2} write batches, the swap)`,
    );
    expect(syncs).toBeGreaterThan(4);
    for (let k = 1; k < syncs; k++) {
      const fake = await withOldOutputs();
      const before = snapshot(fake);
      fake.failOnSync(k);
      await expect(
        writeSpec(fake.context, outputSpec(150), { inputSheetNames, maxRequestBytes: 25_000 }),
        `sync ${k}`,
      ).rejects.toThrow(/InjectedFailure/);
      expect(temps(fake), `sync ${k}`).toEqual([]);
      expect(snapshot(fake), `sync ${k}`).toEqual(before);
    }
  });

  it.each(['half', 'allButLast'] as const)(
    'when the in-place swap fails part-way (%s of it done), the complete new version is put in (the outputs are whole)',
    async (keep) => {
      const clean = await run(20);
      const fake = await withOldOutputs();
      fake.failOnSync(clean.stats.syncs, keep);
      await expect(writeSpec(fake.context, outputSpec(20), { inputSheetNames })).rejects.toThrow(
        /InjectedFailure/,
      );
      expect(temps(fake)).toEqual([]);
      expect(names(fake)).toEqual([
        '参数',
        '目标',
        '企业',
        '基数',
        '实绩',
        ALLOCATION,
        '我的笔记',
        PROGRESS,
      ]);
      for (const sheet of outputSpec(20).sheets) expect(differences(fake, sheet)).toEqual([]);
    },
  );

  it('a request Excel refuses as too large is undone the same way and its error rethrown', async () => {
    const fake = await withOldOutputs();
    const before = snapshot(fake);
    fake.payloadLimit = 50_000;
    await expect(
      writeSpec(fake.context, outputSpec(400), { inputSheetNames, fillDown: false }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    expect(temps(fake)).toEqual([]);
    expect(snapshot(fake)).toEqual(before);
  });

  it('cancel through the AbortSignal keeps the old outputs and rejects with the abort reason', async () => {
    const fake = await withOldOutputs();
    const before = snapshot(fake);
    const controller = new AbortController();
    const stages: string[] = [];
    const pending = writeSpec(fake.context, outputSpec(300), {
      inputSheetNames,
      maxRequestBytes: 30_000,
      signal: controller.signal,
      onProgress: (stage, fraction) => {
        stages.push(stage);
        if (stage === 'write' && fraction > 0.3) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(stages).toContain('write');
    expect(temps(fake)).toEqual([]);
    expect(snapshot(fake)).toEqual(before);
  });

  it('cleans up temporary sheets left by an interrupted earlier run', async () => {
    const fake = await withOldOutputs();
    fake.addSheet('~fj0~分解结果', [[1]]);
    await writeSpec(fake.context, outputSpec(5), { inputSheetNames });
    expect(temps(fake)).toEqual([]);
    for (const sheet of outputSpec(5).sheets) expect(differences(fake, sheet)).toEqual([]);
  });
});

describe('writeSpec: page setup, AutoFilter, row heights and wrapping', () => {
  const header: CellSpec[] = ['企业名称（全称）', '年度目标', '实绩'].map((v) => ({
    v,
    style: 'header',
    wrap: true,
  }));
  const sheet: SheetSpec = {
    name: PROGRESS,
    rows: [
      [{ v: '序时进度', style: 'title' }],
      [{ v: 'note', style: 'note' }],
      [],
      header,
      ...Array.from({ length: 6 }, (_, i): CellSpec[] => [
        { v: `企业${i}` },
        { v: i },
        { v: 2 * i },
      ]),
    ],
    rowHeights: [0, 0, 0, 32, 20, 20],
    autoFilter: 'A4:C10',
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitWidth: 1,
      titleRows: { first: 1, last: 4 },
      area: 'A1:C10',
      gridlines: true,
      centerHorizontally: true,
      header: { center: '&A' },
      footer: { center: '第 &P 页，共 &N 页', right: 'Page &P of &N' },
    },
  };

  it('sets the page layout, print titles and area, header and footer, filter, heights and wrapping', async () => {
    const fake = inputWorkbook();
    await writeSpec(fake.context, { sheets: [sheet] }, { inputSheetNames });
    const s = fake.sheet(PROGRESS);
    expect(s.page).toEqual({
      paperSize: 'A4',
      orientation: 'Landscape',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printGridlines: true,
      centerHorizontally: true,
      printTitleRows: '$1:$4',
      printArea: 'A1:C10',
      headerFooter: {
        centerHeader: '&A',
        centerFooter: '第 &P 页，共 &N 页',
        rightFooter: 'Page &P of &N',
      },
    });
    expect(s.autoFilter).toBe('A4:C10');
    expect([...s.heights.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [3, 32],
      [4, 20],
      [5, 20],
    ]);
    expect(s.get(3, 0)?.wrap).toBe(true);
    expect(s.get(4, 0)?.wrap).toBeUndefined();
    expect(differences(fake, sheet)).toEqual([]);
  });

  it('portrait without fitting sets only the paper and orientation', async () => {
    const fake = inputWorkbook();
    const plain: SheetSpec = {
      name: PROGRESS,
      rows: sheet.rows,
      print: { paper: 'A3', orientation: 'portrait' },
    };
    await writeSpec(fake.context, { sheets: [plain] }, { inputSheetNames });
    expect(fake.sheet(PROGRESS).page).toEqual({
      paperSize: 'A3',
      orientation: 'Portrait',
      headerFooter: {},
    });
    expect(fake.sheet(PROGRESS).autoFilter).toBeNull();
  });

  it('the fake refuses a misspelt page layout member and a paper Excel does not know', async () => {
    const fake = inputWorkbook();
    const ws = fake.context.workbook.worksheets.getItem(INPUTS[0]);
    expect(() => {
      (ws.pageLayout as unknown as Record<string, unknown>)['paperSise'] = 'A4';
    }).toThrow(/cannot set PageLayout.paperSise/);
    expect(() => (ws.pageLayout as unknown as { setPrintTitles(): void }).setPrintTitles()).toThrow(
      /unknown member PageLayout.setPrintTitles/,
    );
    ws.pageLayout.paperSize = 'A9' as Excel.PaperType;
    await expect(fake.context.sync()).rejects.toThrow(/InvalidArgument: paperSize A9/);
  });
});

describe('writeSpec: data validations', () => {
  it('sets every kind, a range, blanks refused, and Excel’s own message where none is given', async () => {
    const fake = inputWorkbook();
    const sheet: SheetSpec = {
      name: PROGRESS,
      rows: [[{ v: '序时进度', style: 'title' }]],
      validations: [
        { range: 'B2:C4', kind: 'whole', min: 1, max: 12, allowBlank: false },
        { range: 'D2', kind: 'list', list: ['是', '否'], allowBlank: true },
        {
          range: 'E2',
          kind: 'decimal',
          min: 0,
          max: 100,
          allowBlank: true,
          prompt: { title: '阈值', text: '百分点' },
          error: { title: '阈值', text: '0–100' },
        },
        { range: 'F2', kind: 'date', min: '2000-01-01', max: '2100-12-31', allowBlank: false },
      ],
    };
    await writeSpec(fake.context, { sheets: [sheet] }, { inputSheetNames });
    expect(differences(fake, sheet)).toEqual([]);
    const got = fake.sheet(PROGRESS).dataValidations;
    expect(got.map((v) => [v.range, v.ignoreBlanks, v.prompt?.title])).toEqual([
      ['B2:C4', false, undefined],
      ['D2', true, undefined],
      ['E2', true, '阈值'],
      ['F2', false, undefined],
    ]);
    expect(got[0]?.errorAlert).toEqual({ title: '', message: '', showAlert: true, style: 'Stop' });
  });
});
