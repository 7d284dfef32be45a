/**
 * The browser file host, here in Node (which has File and Blob too): open a picked .xlsx, write
 * the outputs all or nothing, add missing input sheets, and name the download by language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inputsLang, missingInputsTemplate } from '../../workbook/inputs';
import type { WorkbookGrids } from '../../workbook/grid';
import { runPipeline } from '../../workbook/pipeline';
import type { WorkbookSpec } from '../../workbook/spec';
import { inputSheetNames, workbookStatus } from '../../workbook/status';
import { exampleWorkbook } from '../../workbook/template';
import { NOW } from '../../../tests/helpers/example-grids';
import { EXAMPLE } from '../../../tests/helpers/variants';
import { readWorkbook } from '../xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../xlsx/write';
import { createFileHost, downloadName, specLang } from './fileHost';

let exampleBytes: Uint8Array;

beforeAll(async () => {
  exampleBytes = await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(EXAMPLE, 'zh')));
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
      'Bulletin',
      'Guide',
      'Helper',
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

  it('refuses to work before a file is open', async () => {
    await expect(createFileHost().readGrids()).rejects.toThrow(/No .xlsx file/);
  });
});

describe('downloadName', () => {
  it.each<[string, 'zh' | 'en', boolean, string]>([
    ['乡镇.XLSX', 'zh', false, '乡镇-分解.xlsx'],
    ['plan', 'en', false, 'plan-fenjie.xlsx'],
    ['宏.xlsm', 'zh', true, '宏-分解.xlsm'],
    // A macro package picked under another name still downloads as .xlsm.
    ['宏.xlsx', 'en', true, '宏-fenjie.xlsm'],
  ])('%s in %s (macros %s) → %s', (file, lang, macros, name) => {
    expect(downloadName(file, lang, macros)).toBe(name);
  });
});

describe('specLang', () => {
  it.each<[string, 'zh' | 'en']>([
    ['Allocation', 'en'],
    ['分解结果', 'zh'],
  ])('outputs starting with %s are in %s', (sheet, lang) => {
    expect(specLang({ sheets: [{ name: sheet, rows: [] }] })).toBe(lang);
  });
});
