import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { newPackage, writePackage } from '../../src/hosts/xlsx/package';
import { applySpec, specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import type { WorkbookGrids } from '../../src/workbook/grid';
import {
  FLAG_COLORS,
  quoteSheet,
  type SheetSpec,
  type WorkbookSpec,
} from '../../src/workbook/spec';
import { gridOfSpec } from './expected';
import { zipEntries, zipEntryText } from '../../src/hosts/xlsx/unzip';
import { conditionalFormattingsOf, formulaeOf } from './exceljs';

const TRICKY = ['=1+1', '+86 123', '-x', '@foo', '=SUM(A1:A3)', "'quoted"];

const allocation: SheetSpec = {
  name: '分解结果',
  rows: [
    [{ v: '分解结果 2025', style: 'title' }],
    [{ v: '由 Fenjie 生成，请勿手工修改', style: 'note' }],
    [
      { v: '企业名称', style: 'header' },
      { v: '年度目标', style: 'header' },
      { v: '一季度', style: 'header' },
      { v: '完成率', style: 'header' },
    ],
    [
      { v: '卓尔五金' },
      { v: 1234.56, fmt: '#,##0.00' },
      { v: 246.91, fmt: '#,##0.00' },
      { v: 0.2, f: 'C4/B4', fmt: '0.0%' },
    ],
    TRICKY.slice(0, 4).map((v) => ({ v })),
    [{ v: TRICKY[4] ?? '' }, { v: TRICKY[5] ?? '' }, { v: 0, f: '0*B4' }, { v: false, f: 'B4<0' }],
    [
      { v: '合计', style: 'total' },
      { v: 1234.56, f: 'SUM(B4:B4)', fmt: '#,##0.00', style: 'total' },
      { v: true, f: 'B7>0', style: 'total' },
      { v: '超序时', f: 'IF(D4>0.1,"超序时","滞后")' },
    ],
    [
      { v: null, style: 'check' },
      { v: 'x', f: 'B7' },
      { v: null, f: 'NOW()' },
      null,
      { v: -0.5, fmt: '0.00' },
    ],
  ],
  widths: [24, 12, 12, 10],
  freeze: { rows: 3, cols: 1 },
  conditionalFormats: [
    {
      range: 'D4:D7',
      rules: [
        { formula: 'D4="超序时"', ...FLAG_COLORS.ahead },
        { formula: 'ISNUMBER(D4)', ...FLAG_COLORS.seriouslyBehind },
      ],
    },
  ],
};

const progress: SheetSpec = {
  name: '序时进度',
  rows: [
    [{ v: '指标', style: 'header' }, { v: '中文：工业总产值（万元）' }],
    [
      { v: 2469.12, f: `${quoteSheet('分解结果')}!B4*2`, fmt: '0.00' },
      { v: 7, f: `COUNTIFS(${quoteSheet('分解结果')}!A4:A6,"<>")` },
      { v: '', f: 'IF(A2>1E9,"超序时","")' },
    ],
  ],
};

const spec: WorkbookSpec = { sheets: [allocation, progress] };

/**
 * The two writers: the package writer (the CLI's: the spec written into the input's own package)
 * and the ExcelJS writer (the browser file mode's). Both must give back the same workbook.
 */
interface Writer {
  readonly name: string;
  /** A new workbook of the spec's sheets. */
  readonly write: (spec: WorkbookSpec) => Promise<Uint8Array>;
  /** How text cells are stored: inline, or as shared strings. */
  readonly text: 'inlineStr' | 's';
  /** Apply `bad` to a workbook holding a sheet Keep (A1 = 1); resolve to the sheets after. */
  readonly reject: (bad: WorkbookSpec) => Promise<{ error: unknown; after: unknown[][] }>;
}

const KEEP: WorkbookSpec = { sheets: [{ name: 'Keep', rows: [[{ v: 1 }]] }] };

const WRITERS: readonly Writer[] = [
  {
    name: 'package writer',
    write: newPackage,
    text: 'inlineStr',
    async reject(bad) {
      const base = await newPackage(KEEP);
      const error: unknown = await writePackage(base, bad).then(
        () => undefined,
        (e: unknown) => e,
      );
      const { grids: g } = await readWorkbook(base);
      return { error, after: g.sheets.map((s) => [s.name, s.cells[0]?.[0]]) };
    },
  },
  {
    name: 'ExcelJS writer',
    write: async (s) => toXlsxBuffer(specToNewWorkbook(s)),
    text: 's',
    // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async (the package writer's is)
    async reject(bad) {
      const wb = specToNewWorkbook(KEEP);
      let error: unknown;
      try {
        applySpec(wb, bad);
      } catch (e) {
        error = e;
      }
      return { error, after: wb.worksheets.map((w) => [w.name, w.getCell('A1').value]) };
    },
  },
];

describe.each(WRITERS)('xlsx round trip ($name): spec → bytes → readWorkbook', (writer) => {
  let bytes: Uint8Array;
  let grids: WorkbookGrids;
  let back: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = await writer.write(spec);
    ({ workbook: back, grids } = await readWorkbook(bytes));
  });

  it('gives back exactly the spec’s values, formulas and cached results', () => {
    expect(grids.sheets.map((s) => s.name)).toEqual(['分解结果', '序时进度']);
    expect(grids.sheets[0]?.cells).toEqual(gridOfSpec(allocation));
    expect(grids.sheets[1]?.cells).toEqual(gridOfSpec(progress));
    expect(grids.sheets[0]?.merges).toEqual([]);
    expect(grids.sheets[0]?.hiddenRows).toEqual([]);
  });

  it('keeps zero and false cached results (ExcelJS cell.value would drop them)', () => {
    expect(grids.sheets[0]?.cells[5]?.[2]).toEqual({ formula: '0*B4', result: 0 });
    expect(grids.sheets[0]?.cells[5]?.[3]).toEqual({ formula: 'B4<0', result: false });
    expect(grids.sheets[0]?.cells[7]?.[2]).toEqual({ formula: 'NOW()' });
  });

  it('writes text that looks like a formula as text, never a formula', async () => {
    const ws = back.getWorksheet('分解结果');
    const refs = ['A5', 'B5', 'C5', 'D5', 'A6', 'B6'];
    refs.forEach((ref, i) => {
      const cell = ws?.getCell(ref);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.value).toBe(TRICKY[i]);
      expect(cell?.formula).toBeUndefined();
    });
    const entries = zipEntries(bytes);
    if (!entries) throw new Error('the output is not a zip file');
    const xml = (await zipEntryText(bytes, entries, 'xl/worksheets/sheet1.xml')) ?? '';
    for (const ref of refs) {
      const c = cellXml(xml, ref);
      expect(c).toMatch(new RegExp(` t="${writer.text}"`));
      expect(c).not.toMatch(/<f[ >]/);
    }
    expect(cellXml(xml, 'D4')).toMatch(/<f>C4\/B4<\/f><v>0.2<\/v>/);
    if (writer.text === 's')
      expect(await zipEntryText(bytes, entries, 'xl/sharedStrings.xml')).toContain('<t>=1+1</t>');
    else expect(cellXml(xml, 'A5')).toContain('<is><t>=1+1</t></is>');
  });

  it('keeps number formats, styles, widths and frozen panes', () => {
    const ws = back.getWorksheet('分解结果');
    expect(ws?.getCell('B4').numFmt).toBe('#,##0.00');
    expect(ws?.getCell('D4').numFmt).toBe('0.0%');
    expect(ws?.getCell('E8').numFmt).toBe('0.00');
    expect(ws?.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws?.getCell('A2').font).toMatchObject({ italic: true, color: { argb: 'FF666666' } });
    expect(ws?.getCell('A3').font).toMatchObject({ bold: true });
    expect(ws?.getCell('A3').fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFD9E1F2' },
    });
    expect(ws?.getCell('B7').fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect([1, 2, 3, 4].map((c) => ws?.getColumn(c).width)).toEqual([24, 12, 12, 10]);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    const views: Partial<ExcelJS.WorksheetView>[] | null | undefined =
      back.getWorksheet('序时进度')?.views;
    expect((views ?? []).some((v) => v.state === 'frozen')).toBe(false);
  });

  it('writes conditional formats as expression rules with fill and font colours', () => {
    const ws = back.getWorksheet('分解结果');
    const cfs = conditionalFormattingsOf(ws);
    expect(cfs).toHaveLength(1);
    expect(cfs[0]?.ref).toBe('D4:D7');
    const rules = cfs[0]?.rules ?? [];
    expect(rules.map((r) => r.type)).toEqual(['expression', 'expression']);
    expect(rules.map((r) => r.priority)).toEqual([1, 2]);
    expect(rules.map((r) => formulaeOf(r))).toEqual([['D4="超序时"'], ['ISNUMBER(D4)']]);
    expect(rules[0]?.style?.fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      bgColor: { argb: 'FFC6EFCE' },
      fgColor: { argb: 'FFC6EFCE' },
    });
    expect(rules[0]?.style?.font?.color).toEqual({ argb: 'FF006100' });
    expect(rules[1]?.style?.fill).toMatchObject({ bgColor: { argb: 'FFFFC7CE' } });
  });

  it('strips a stray leading "=" from formulas', async () => {
    const out = await writer.write({ sheets: [{ name: 'S', rows: [[{ v: 2, f: '=1+1' }]] }] });
    const { grids: g } = await readWorkbook(out);
    expect(g.sheets[0]?.cells).toEqual([[{ formula: '1+1', result: 2 }]]);
  });

  it('rejects a spec that would write a broken file, before changing the workbook', async () => {
    const bad = (rows: SheetSpec['rows'], name = 'Keep'): WorkbookSpec => ({
      sheets: [{ name, rows }],
    });
    const cases: [WorkbookSpec, RegExp][] = [
      [bad([[{ v: Number.NaN }]]), /Keep!A1.*finite/],
      [bad([[null, { v: Infinity, f: 'A1' }]]), /Keep!B1/],
      [bad([], 'a/b'), /invalid sheet name/],
      [
        {
          sheets: [
            { name: 'KEEP', rows: [] },
            { name: 'keep', rows: [] },
          ],
        },
        /twice/,
      ],
    ];
    for (const [spec, message] of cases) {
      const { error, after } = await writer.reject(spec);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect(after).toEqual([['Keep', 1]]);
    }
  });
});

/** The raw `<c …>…</c>` element of one cell in a sheet's XML, or undefined. */
function cellXml(sheetXml: string, ref: string): string | undefined {
  const m = new RegExp(`<c r="${ref}"(?:\\s[^>]*)?(?:/>|>.*?</c>)`).exec(sheetXml);
  return m?.[0];
}
