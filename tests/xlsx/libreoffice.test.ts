/**
 * LibreOffice as an independent engine: every formula below is written with a deliberately WRONG
 * cached result, so the right values can only come from LibreOffice really recalculating.
 * One soffice launch converts both workbooks; a second renders a PDF for a screenshot.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../src/hosts/xlsx/file';
import { newPackage, writePackage } from '../../src/hosts/xlsx/package';
import { toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { generatedNote } from '../../src/workbook/note';
import { FLAG_COLORS, quoteSheet, type CellSpec, type SheetSpec } from '../../src/workbook/spec';
import {
  convert,
  pdfToPngs,
  readValues,
  requireLibreOffice,
  toPdf,
  type SheetValues,
} from '../helpers/libreoffice';
import { conditionalFormattingsOf, formulaeOf } from './exceljs';

const LO_TIMEOUT = 120_000;
const available = requireLibreOffice();

const A = quoteSheet('分解结果');
const WRONG = -999;
const f = (formula: string, v: CellSpec['v'] = WRONG, fmt?: string): CellSpec =>
  fmt ? { v, f: formula, fmt } : { v, f: formula };

const allocation: SheetSpec = {
  name: '分解结果',
  rows: [
    [{ v: '企业名称' }, { v: '分组' }, { v: '年度目标' }, { v: '实绩' }],
    [{ v: '甲' }, { v: 'A' }, { v: 100 }, { v: 60 }],
    [{ v: '乙' }, { v: 'A' }, { v: 200 }, { v: 90 }],
    [{ v: '丙' }, { v: 'B' }, { v: 300 }, null],
    [{ v: '丁' }, { v: 'B' }, { v: 50 }, { v: 45 }],
    [{ v: '=1+1' }, { v: '+86 123' }, { v: '-x' }, { v: '@foo' }],
  ],
};

/** [formula, the value LibreOffice must compute] */
const CASES: [string, string | number | boolean][] = [
  [`SUMIFS(${A}!C2:C5,${A}!B2:B5,"A")`, 300],
  [`COUNTIFS(${A}!D2:D5,"<>")`, 3],
  [`COUNTIFS(${A}!C2:C5,">=100",${A}!B2:B5,"B")`, 1],
  [`IF(ISNUMBER(${A}!D4),"有","无")`, '无'],
  [`RANK(${A}!C3,${A}!C2:C5)`, 2],
  [`ROUND(2/3,4)`, 0.6667],
  [`SUMPRODUCT(${A}!C2:C5,${A}!D2:D5)`, 26250],
  [`DATE(2025,8,31)`, 45900],
  [`${A}!C2+${A}!C5`, 150],
  [`1/0`, '#DIV/0!'],
  [`IF(${A}!D5/${A}!C5>=0.9,"超序时","滞后")`, '超序时'],
  // Not ISTEXT(…)&"": LibreOffice turns a boolean into "1" where Excel gives "TRUE".
  [`LEN(${A}!A6)&"|"&IF(ISTEXT(${A}!A6),"text","number")&"|"&${A}!B6`, '4|text|+86 123'],
  [`SUMIFS(${A}!C2:C5,${A}!D2:D5,">50")`, 300],
  [`ROUND(SUMIFS(${A}!D2:D5,${A}!B2:B5,"B")/SUMIFS(${A}!C2:C5,${A}!B2:B5,"B"),4)`, 0.1286],
];

const progress: SheetSpec = {
  name: '序时进度',
  rows: [
    ...CASES.map(([formula, expected]) => [
      f(formula, typeof expected === 'string' ? 'wrong' : WRONG),
    ]),
    [
      f('DATE(2025,1,2)', WRONG, 'yyyy-mm-dd'),
      f('A1>299', false),
      f('A1>300', true),
      f('"a"&"b"', 'wrong'),
    ],
  ],
  conditionalFormats: [
    {
      range: `A1:A${CASES.length}`,
      rules: [
        { formula: 'A1="超序时"', ...FLAG_COLORS.ahead },
        { formula: 'ISERROR(A1)', ...FLAG_COLORS.seriouslyBehind },
      ],
    },
  ],
};

describe.skipIf(!available)('LibreOffice recalculation', () => {
  let dir: string;
  let values: Map<string, SheetValues>;
  let withInputs: Map<string, SheetValues>;
  let converted: ExcelJS.Workbook;
  let seconds = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-lo-test-'));
    const specFile = join(dir, 'spec.xlsx');
    await writeFile(specFile, await newPackage({ sheets: [allocation, progress] }));

    // An input workbook (a stale output, then an input sheet) written into by the package writer,
    // as the CLI does.
    const input = new ExcelJS.Workbook();
    const stale = input.addWorksheet('分解结果');
    stale.getCell('A1').value = 'stale';
    stale.getCell('A2').value = generatedNote({
      lang: 'zh',
      version: '0.0.1',
      generatedAt: '2025-01-01T00:00',
      fingerprints: { split: '0123456789abcdef', live: 'fedcba9876543210' },
    });
    const ws = input.addWorksheet('企业');
    ws.getColumn(1).values = [10, 20, 30];
    ws.getCell('B1').value = { formula: 'A1*2', result: 0 };
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 0 };
    ws.getCell('B3').value = { sharedFormula: 'B1', result: 0 };
    const inputFile = join(dir, 'inputs.xlsx');
    await writeFile(
      inputFile,
      await writePackage(await toXlsxBuffer(input), {
        sheets: [{ name: '分解结果', rows: [[f(`SUM(${quoteSheet('企业')}!B1:B3)`)]] }],
      }),
    );

    const started = Date.now();
    const [specOut, inputOut] = await convert([specFile, inputFile], 'xlsx', join(dir, 'out'));
    seconds = (Date.now() - started) / 1000;
    values = await readValues(specOut ?? '');
    withInputs = await readValues(inputOut ?? '');
    converted = (await readXlsxFile(specOut ?? '')).workbook;
  }, LO_TIMEOUT);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('recalculates every formula (the cached results were all wrong)', () => {
    const got = values.get('序时进度');
    expect(got?.slice(0, CASES.length).map((row) => row[0])).toEqual(
      CASES.map(([, expected]) => expected),
    );
    expect(got?.[CASES.length]).toEqual([45659, true, false, 'ab']);
    expect(seconds).toBeLessThan(60);
  });

  it('keeps text that looks like a formula as text', () => {
    expect(values.get('分解结果')?.[5]).toEqual(['=1+1', '+86 123', '-x', '@foo']);
  });

  it('recalculates output formulas over input sheets, including shared formulas', () => {
    expect(withInputs.get('企业')).toEqual([
      [10, 20],
      [20, 40],
      [30, 60],
    ]);
    expect(withInputs.get('分解结果')).toEqual([[120]]);
    // The stale output was replaced in place.
    expect([...withInputs.keys()]).toEqual(['分解结果', '企业']);
  });

  it('keeps the conditional-format rules and their fill and font colours', () => {
    const cfs = conditionalFormattingsOf(converted.getWorksheet('序时进度'));
    expect(cfs.map((cf) => cf.ref)).toEqual([`A1:A${CASES.length}`]);
    const rules = cfs[0]?.rules ?? [];
    expect(rules.map((r) => formulaeOf(r))).toEqual([['A1="超序时"'], ['ISERROR(A1)']]);
    expect(rules.map((r) => r.style?.fill)).toEqual([
      expect.objectContaining({ bgColor: { argb: `FF${FLAG_COLORS.ahead.fill}` } }),
      expect.objectContaining({ bgColor: { argb: `FF${FLAG_COLORS.seriouslyBehind.fill}` } }),
    ]);
    expect(rules.map((r) => r.style?.font?.color)).toEqual([
      { argb: `FF${FLAG_COLORS.ahead.font}` },
      { argb: `FF${FLAG_COLORS.seriouslyBehind.font}` },
    ]);
    // LibreOffice renumbers priorities but keeps their order.
    const priorities = rules.map((r) => r.priority);
    expect(priorities[0]).toBeLessThan(priorities[1] ?? 0);
  });

  it(
    'renders a PDF and PNG pages for screenshots',
    async () => {
      const pdf = await toPdf(join(dir, 'spec.xlsx'), join(dir, 'pdf'));
      expect((await stat(pdf)).size).toBeGreaterThan(1000);
      const pngs = await pdfToPngs(pdf, join(dir, 'pdf', 'page'), 50);
      expect(pngs.length).toBeGreaterThan(0);
      expect(pngs[0]).toMatch(/page-1\.png$/);
    },
    LO_TIMEOUT,
  );

  it(
    'kills soffice after the timeout and says so',
    async () => {
      const started = Date.now();
      await expect(
        convert([join(dir, 'spec.xlsx')], 'xlsx', join(dir, 'timeout'), { timeoutMs: 300 }),
      ).rejects.toThrow(/timed out after 0.3 s; stderr:/);
      expect(Date.now() - started).toBeLessThan(10_000);
    },
    LO_TIMEOUT,
  );

  it(
    'fails with soffice’s own message when a file cannot be converted',
    async () => {
      const failure = convert([join(dir, 'missing.xlsx')], 'xlsx', join(dir, 'bad'));
      await expect(failure).rejects.toThrow(/missing: \S*missing\.xlsx/);
      await expect(failure).rejects.toThrow(/stderr: [\s\S]*source file could not be loaded/);
    },
    LO_TIMEOUT,
  );
});
