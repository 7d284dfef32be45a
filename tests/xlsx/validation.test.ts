/**
 * Data validations (SheetSpec.validations) in both .xlsx writers: the package writer's
 * `<dataValidations>` XML in the schema's place; the checks every writer makes first (Excel's
 * limits); ExcelJS reading the template's validations back from either writer's file; and
 * LibreOffice opening the template and saving it again with every validation kept.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../src/engine';
import { checkSpec } from '../../src/hosts/xlsx/check';
import { newPackage } from '../../src/hosts/xlsx/package';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { SHEETS } from '../../src/workbook/names';
import type { SheetSpec, ValidationSpec, WorkbookSpec } from '../../src/workbook/spec';
import { exampleWorkbook, inputTemplate } from '../../src/workbook/template';
import { EXAMPLE } from '../helpers/variants';
import { convert, requireLibreOffice } from '../helpers/libreoffice';
import { readParts, sheetPartsOf, text } from '../helpers/package';

const LO_TIMEOUT = 180_000;

const base: SheetSpec = {
  name: 'Checks',
  rows: [[{ v: 'a' }, { v: 1 }]],
  conditionalFormats: [
    { range: 'B1:B9', rules: [{ formula: 'B1<0', fill: 'FFC7CE', font: '9C0006' }] },
  ],
  print: { paper: 'A4', orientation: 'portrait' },
};

const validations: ValidationSpec[] = [
  {
    range: 'B2',
    kind: 'list',
    list: ['按月', '按日'],
    allowBlank: true,
    prompt: { title: '序时口径', text: '按月或按日 <&> "引号"\n第二行' },
    error: { title: '序时口径', text: '请从下拉列表中选择。' },
  },
  { range: 'B3:C5', kind: 'whole', min: 1, max: 12, allowBlank: false },
  { range: 'B6', kind: 'decimal', min: 0, max: 100, allowBlank: true },
  { range: 'B7', kind: 'date', min: '2000-01-01', max: '2100-12-31', allowBlank: true },
];

describe('package writer: <dataValidations>', () => {
  let xml: string;
  beforeAll(async () => {
    const parts = readParts(await newPackage({ sheets: [{ ...base, validations }] }));
    xml = text(parts, sheetPartsOf(parts).get('Checks') as string);
  });

  it('writes each validation with its rule, hint and message', () => {
    const dv = /<dataValidations\b[\s\S]*<\/dataValidations>/.exec(xml)?.[0];
    expect(dv).toBe(
      '<dataValidations count="4">' +
        '<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"' +
        ' promptTitle="序时口径" prompt="按月或按日 &lt;&amp;&gt; &quot;引号&quot;&#10;第二行"' +
        ' errorTitle="序时口径" error="请从下拉列表中选择。" sqref="B2">' +
        '<formula1>&quot;按月,按日&quot;</formula1></dataValidation>' +
        '<dataValidation type="whole" showErrorMessage="1" sqref="B3:C5">' +
        '<formula1>1</formula1><formula2>12</formula2></dataValidation>' +
        '<dataValidation type="decimal" allowBlank="1" showErrorMessage="1" sqref="B6">' +
        '<formula1>0</formula1><formula2>100</formula2></dataValidation>' +
        '<dataValidation type="date" allowBlank="1" showErrorMessage="1" sqref="B7">' +
        '<formula1>36526</formula1><formula2>73415</formula2></dataValidation>' +
        '</dataValidations>',
    );
  });

  it('puts them after the conditional formats and before the page margins, as the schema orders', () => {
    const order = ['</sheetData>', '<conditionalFormatting', '<dataValidations', '<pageMargins'];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('writes none for a sheet without them', async () => {
    const parts = readParts(await newPackage({ sheets: [base] }));
    expect(text(parts, sheetPartsOf(parts).get('Checks') as string)).not.toContain(
      'dataValidation',
    );
  });
});

describe('checkSpec refuses a validation Excel would not take', () => {
  const withOne = (v: ValidationSpec): WorkbookSpec => ({
    sheets: [{ ...base, validations: [v] }],
  });
  const whole = { range: 'B2', kind: 'whole', min: 1, max: 12, allowBlank: true } as const;
  it.each([
    ['an off-sheet range', { ...whole, range: 'B1048577' }, /off the sheet/],
    ['a bad range', { ...whole, range: 'B2:' }, /not an A1 range/],
    ['a whole number bound that is not whole', { ...whole, max: 12.5 }, /bounds/],
    ['bounds out of order', { ...whole, min: 13 }, /bounds/],
    [
      'a date that does not exist',
      { ...whole, kind: 'date', min: '2025-02-29', max: '2025-12-31' },
      /dates/,
    ],
    ['a list item with a comma', { ...whole, kind: 'list', list: ['a,b'] }, /comma/],
    ['an empty list', { ...whole, kind: 'list', list: [] }, /empty list/],
    [
      'a list over 255 characters',
      { ...whole, kind: 'list', list: ['x'.repeat(128), 'y'.repeat(127)] },
      /255/,
    ],
    [
      'a hint title over 32 characters',
      { ...whole, prompt: { title: 'x'.repeat(33), text: '' } },
      /title/,
    ],
    [
      'a hint over 255 characters',
      { ...whole, prompt: { title: '', text: 'x'.repeat(256) } },
      /hint/,
    ],
    [
      'an error over 225 characters',
      { ...whole, error: { title: '', text: 'x'.repeat(226) } },
      /error/,
    ],
  ] as [string, ValidationSpec, RegExp][])('%s', (_, v, message) => {
    expect(() => checkSpec(withOne(v))).toThrow(message);
  });

  it('takes the template and the example in either language', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(() => checkSpec(inputTemplate(lang, 2025))).not.toThrow();
      expect(() => checkSpec(exampleWorkbook(EXAMPLE, lang))).not.toThrow();
    }
  });

  it('takes the limits themselves', () => {
    const v: ValidationSpec = {
      ...whole,
      kind: 'list',
      list: ['x'.repeat(127), 'y'.repeat(127)],
      prompt: { title: 'x'.repeat(32), text: 'x'.repeat(255) },
      error: { title: 'x'.repeat(32), text: 'x'.repeat(225) },
    };
    expect(() => checkSpec(withOne(v))).not.toThrow();
  });

  it('refuses two validations over one cell', () => {
    const spec: WorkbookSpec = {
      sheets: [{ ...base, validations: [whole, { ...whole, range: 'A1:B3' }] }],
    };
    expect(() => checkSpec(spec)).toThrow(/overlap/);
  });

  it.each([
    ['two merges over one cell', ['A1:C1', 'C1:D2'], /merges A1:C1 and C1:D2 overlap/],
    ['a merge of one cell', ['B2'], /merge B2 is one cell/],
    ['a merge that is no range', ['A1:'], /not an A1 range/],
    ['a merge off the sheet', ['A1:XFE1'], /off the sheet/],
  ] as [string, string[], RegExp][])('refuses %s', (_, merges, message) => {
    expect(() => checkSpec({ sheets: [{ ...base, merges }] })).toThrow(message);
  });

  it('takes merges side by side', () => {
    expect(() =>
      checkSpec({ sheets: [{ ...base, merges: ['A1:C1', 'A2:C2', 'D1:D2'] }] }),
    ).not.toThrow();
  });
});

/** Every validation of the settings sheet as ExcelJS reads it, by cell. */
async function readBack(bytes: Uint8Array, lang: Lang): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEETS.settings[lang]) as ExcelJS.Worksheet;
  const out: Record<string, unknown> = {};
  for (let r = 1; r <= 12; r++)
    for (const c of ['A', 'B', 'C']) {
      const dv = ws.getCell(`${c}${r}`).dataValidation as ExcelJS.DataValidation | undefined;
      if (dv) out[`${c}${r}`] = dv;
    }
  return out;
}

/**
 * What the template's zh settings sheet's validations read back as (ExcelJS's form). After
 * LibreOffice (`resaved`), a list has a second formula, "0", which Excel ignores.
 */
function expected(resaved = false): Record<string, unknown> {
  const sheet = inputTemplate('zh', 2025).sheets[0] as SheetSpec;
  const out: Record<string, unknown> = {};
  for (const v of sheet.validations ?? []) {
    const formulae =
      v.kind === 'list'
        ? [`"${v.list.join(',')}"`, ...(resaved ? ['0'] : [])]
        : v.kind === 'date'
          ? [new Date(`${v.min}T00:00:00Z`), new Date(`${v.max}T00:00:00Z`)]
          : [v.min, v.max];
    out[v.range] = expect.objectContaining({
      type: v.kind,
      formulae,
      allowBlank: true,
      showInputMessage: true,
      showErrorMessage: true,
      promptTitle: v.prompt?.title,
      prompt: v.prompt?.text,
      errorTitle: v.error?.title,
      error: v.error?.text,
    });
  }
  return out;
}

describe('ExcelJS reads the template’s validations back', () => {
  it('from the ExcelJS writer (fenjie init)', async () => {
    const bytes = await toXlsxBuffer(specToNewWorkbook(inputTemplate('zh', 2025)));
    const got = await readBack(bytes, 'zh');
    expect(Object.keys(got).sort()).toEqual([
      'B12',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
    ]);
    expect(got).toEqual(expected());
    expect(got['B3']).toMatchObject({ type: 'whole', formulae: [1, 12], operator: 'between' });
    expect(got['B4']).toMatchObject({ type: 'list', formulae: ['"按月,按日"'] });
  });

  it('from the package writer (the browser’s file mode)', async () => {
    const got = await readBack(await newPackage(inputTemplate('zh', 2025)), 'zh');
    expect(got).toEqual(expected());
  });
});

describe.skipIf(!requireLibreOffice())('LibreOffice keeps the template’s validations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-validation-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'opens the template from either writer and saves it with every validation as it was',
    async () => {
      const spec = inputTemplate('zh', 2025);
      await writeFile(join(dir, 'exceljs.xlsx'), await toXlsxBuffer(specToNewWorkbook(spec)));
      await writeFile(join(dir, 'package.xlsx'), await newPackage(spec));
      const saved = await convert(
        [join(dir, 'exceljs.xlsx'), join(dir, 'package.xlsx')],
        'xlsx',
        join(dir, 'out'),
      );
      expect(saved).toHaveLength(2);
      for (const path of saved) {
        const got = await readBack(await readFile(path), 'zh');
        expect(Object.keys(got).sort()).toEqual([
          'B12',
          'B2',
          'B3',
          'B4',
          'B5',
          'B6',
          'B7',
          'B8',
          'B9',
        ]);
        expect(got).toEqual(expected(true));
      }
    },
    LO_TIMEOUT,
  );
});
