/**
 * Nothing lost: `fenjie plan` writes its sheets into the input's own package, so whatever else
 * the input holds (a chart and an image on 基数, a comment, defined names, data validation, a
 * pivot cache, the macros of an .xlsm) comes out unchanged, byte for byte; a user's sheet is
 * never removed, whatever its name; and a second plan replaces the outputs in place, so the
 * user's references into them keep working (LibreOffice recalculates one).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { exampleWorkbook } from '../../src/workbook/template';
import { convert, readValues, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';
import {
  readParts,
  setText,
  sheetElements,
  sheetPartsOf,
  storedBytes,
  text,
  writeParts,
  type Parts,
} from '../helpers/package';
import { EXAMPLE } from '../helpers/variants';

const NOW = ['--now', '2025-09-03T10:30'];
const LO_TIMEOUT = 180_000;

/** The parts the package writer must change: every other part of the input is copied as it is. */
const TOUCHED = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'docProps/app.xml',
]);

const OUTPUTS = ['分解结果', '序时进度', '汇总', '通报', '说明', '辅助'];

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

/** What stands for a VBA project: opaque bytes that must come out exactly as they went in. */
const VBA = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const addOverride = (parts: Parts, part: string, type: string): void =>
  setText(
    parts,
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      '</Types>',
      `<Override PartName="/${part}" ContentType="${type}"/></Types>`,
    ),
  );

const addDefault = (parts: Parts, ext: string, type: string): void =>
  setText(
    parts,
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      '</Types>',
      `<Default Extension="${ext}" ContentType="${type}"/></Types>`,
    ),
  );

const addWorkbookRel = (parts: Parts, id: string, type: string, target: string): void =>
  setText(
    parts,
    'xl/_rels/workbook.xml.rels',
    text(parts, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`,
    ),
  );

/** The example's input workbook as the tool writes it, with extra user sheets from `build`. */
async function exampleInput(build?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = specToNewWorkbook(exampleWorkbook(EXAMPLE, 'zh'));
  build?.(wb);
  return toXlsxBuffer(wb);
}

/**
 * What a person's workbook holds beyond cells, added by hand to the parts: on 基数 a chart and an
 * image (one drawing), a comment (with its VML shape) and data validation; two defined names
 * (one scoped to 基数); a pivot cache over 基数.
 */
function addExtras(parts: Parts): void {
  const sheet = sheetPartsOf(parts).get('基数') as string;
  const index = [...sheetPartsOf(parts).keys()].indexOf('基数');
  const sheetRels = sheet.replace('worksheets/', 'worksheets/_rels/') + '.rels';
  setText(
    parts,
    sheet,
    text(parts, sheet)
      .replace(
        '<pageMargins',
        '<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="B2:D100"><formula1>0</formula1></dataValidation></dataValidations><pageMargins',
      )
      .replace('</worksheet>', '<drawing r:id="rIdD1"/><legacyDrawing r:id="rIdV1"/></worksheet>'),
  );
  setText(
    parts,
    sheetRels,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rIdD1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>` +
      `<Relationship Id="rIdV1" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>` +
      `<Relationship Id="rIdC1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
  );
  const anchor = (from: number, to: number, body: string): string =>
    `<xdr:twoCellAnchor><xdr:from><xdr:col>${from}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${to}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;
  setText(
    parts,
    'xl/drawings/drawing1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
      anchor(
        6,
        12,
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="基数图"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
          '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
          '<c:chart r:id="rIdChart"/></a:graphicData></a:graphic></xdr:graphicFrame>',
      ) +
      anchor(
        13,
        14,
        '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="标志"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>' +
          '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>',
      ) +
      '</xdr:wsDr>',
  );
  setText(
    parts,
    'xl/drawings/_rels/drawing1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rIdChart" Type="${REL}/chart" Target="../charts/chart1.xml"/>` +
      `<Relationship Id="rIdImg" Type="${REL}/image" Target="../media/image1.png"/></Relationships>`,
  );
  setText(
    parts,
    'xl/charts/chart1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
      '<c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
      '<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>\'基数\'!$A$2:$A$6</c:f></c:strRef></c:cat>' +
      "<c:val><c:numRef><c:f>'基数'!$B$2:$B$6</c:f></c:numRef></c:val></c:ser>" +
      '<c:axId val="1"/><c:axId val="2"/></c:barChart>' +
      '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
      '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>' +
      '</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>',
  );
  parts.set('xl/media/image1.png', PNG);
  setText(
    parts,
    'xl/comments1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>统计员</author></authors>` +
      '<commentList><comment ref="A1" authorId="0"><text><r><t>基数取自2024年快报</t></r></text></comment></commentList></comments>',
  );
  setText(
    parts,
    'xl/drawings/vmlDrawing1.vml',
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
      '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
      '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">' +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>',
  );
  setText(
    parts,
    'xl/pivotCache/pivotCacheDefinition1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${REL}" r:id="rId1" refreshOnLoad="1" recordCount="0">` +
      '<cacheSource type="worksheet"><worksheetSource ref="A1:B13" sheet="基数"/></cacheSource>' +
      '<cacheFields count="2"><cacheField name="企业名称" numFmtId="0"><sharedItems/></cacheField><cacheField name="工业总产值" numFmtId="0"><sharedItems/></cacheField></cacheFields></pivotCacheDefinition>',
  );
  setText(
    parts,
    'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`,
  );
  setText(
    parts,
    'xl/pivotCache/pivotCacheRecords1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="${MAIN}" xmlns:r="${REL}" count="0"/>`,
  );
  addWorkbookRel(
    parts,
    'rIdPivot',
    `${REL}/pivotCacheDefinition`,
    'pivotCache/pivotCacheDefinition1.xml',
  );
  setText(
    parts,
    'xl/workbook.xml',
    text(parts, 'xl/workbook.xml')
      .replace(
        '</sheets>',
        '</sheets><definedNames><definedName name="基数合计">SUM(\'基数\'!$B$2:$B$13)</definedName>' +
          `<definedName name="_xlnm.Print_Area" localSheetId="${index}">'基数'!$A$1:$D$13</definedName></definedNames>`,
      )
      .replace(
        '</workbook>',
        '<pivotCaches><pivotCache cacheId="7" r:id="rIdPivot"/></pivotCaches></workbook>',
      ),
  );
  const ct = 'application/vnd.openxmlformats-officedocument';
  addOverride(parts, 'xl/drawings/drawing1.xml', `${ct}.drawing+xml`);
  addOverride(parts, 'xl/charts/chart1.xml', `${ct}.drawingml.chart+xml`);
  addOverride(parts, 'xl/comments1.xml', `${ct}.spreadsheetml.comments+xml`);
  addOverride(
    parts,
    'xl/pivotCache/pivotCacheDefinition1.xml',
    `${ct}.spreadsheetml.pivotCacheDefinition+xml`,
  );
  addOverride(
    parts,
    'xl/pivotCache/pivotCacheRecords1.xml',
    `${ct}.spreadsheetml.pivotCacheRecords+xml`,
  );
  addDefault(parts, 'png', 'image/png');
  if (!text(parts, '[Content_Types].xml').includes('Extension="vml"'))
    addDefault(parts, 'vml', `${ct}.vmlDrawing`);
}

/** The input as an .xlsm: a VBA project related from the workbook, the macro-enabled type. */
function makeMacroWorkbook(parts: Parts): void {
  parts.set('xl/vbaProject.bin', VBA);
  addWorkbookRel(
    parts,
    'rIdVba',
    'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
    'vbaProject.bin',
  );
  addDefault(parts, 'bin', 'application/vnd.ms-office.vbaProject');
  setText(
    parts,
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    ),
  );
}

let dir: string;

/** `fenjie plan IN -o OUT` with the fixed clock; the exit code and what it printed on stderr. */
async function plan(
  input: string,
  output: string,
  ...extra: string[]
): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await main(['plan', input, '-o', output, ...NOW, ...extra], {
    out: () => {},
    err: (l) => err.push(l),
  });
  return { code, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fenjie-package-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the output carries the whole input package', () => {
  let input: Uint8Array;
  let output: Uint8Array;

  beforeAll(async () => {
    const parts = readParts(await exampleInput());
    addExtras(parts);
    makeMacroWorkbook(parts);
    input = writeParts(parts);
    await writeFile(join(dir, 'extras.xlsm'), input);
    const r = await plan(join(dir, 'extras.xlsm'), join(dir, 'extras-out.xlsm'));
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    output = new Uint8Array(await readFile(join(dir, 'extras-out.xlsm')));
  });

  it('copies every other part of the input byte for byte, compressed bytes included', () => {
    const before = readParts(input);
    const after = readParts(output);
    const storedBefore = storedBytes(input);
    const storedAfter = storedBytes(output);
    const copied = [...before.keys()].filter((name) => !TOUCHED.has(name));
    expect(copied).toEqual(
      expect.arrayContaining([
        'xl/charts/chart1.xml',
        'xl/drawings/drawing1.xml',
        'xl/drawings/_rels/drawing1.xml.rels',
        'xl/media/image1.png',
        'xl/comments1.xml',
        'xl/drawings/vmlDrawing1.vml',
        'xl/pivotCache/pivotCacheDefinition1.xml',
        'xl/pivotCache/pivotCacheRecords1.xml',
        'xl/vbaProject.bin',
        'xl/sharedStrings.xml',
        sheetPartsOf(before).get('基数') as string,
      ]),
    );
    for (const name of copied) {
      expect(after.get(name), name).toEqual(before.get(name));
      expect(storedAfter.get(name), name).toEqual(storedBefore.get(name));
    }
    expect(after.get('xl/vbaProject.bin')).toEqual(VBA);
    expect(after.get('xl/media/image1.png')).toEqual(PNG);
  });

  it('keeps the workbook’s defined names, pivot cache, macros and their relationships', () => {
    const after = readParts(output);
    const workbook = text(after, 'xl/workbook.xml');
    expect(workbook).toContain(
      '<definedName name="基数合计">SUM(\'基数\'!$B$2:$B$13)</definedName>',
    );
    expect(workbook).toContain('localSheetId="3">\'基数\'!$A$1:$D$13</definedName>');
    expect(workbook).toContain('<pivotCache cacheId="7" r:id="rIdPivot"/>');
    const rels = text(after, 'xl/_rels/workbook.xml.rels');
    expect(rels).toContain('Target="pivotCache/pivotCacheDefinition1.xml"');
    expect(rels).toContain('Target="vbaProject.bin"');
    const types = text(after, '[Content_Types].xml');
    expect(types).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('Extension="bin"');
  });

  it('drops the document properties’ stale list of sheet names, and keeps the rest of them', () => {
    const before = text(readParts(input), 'docProps/app.xml');
    const after = text(readParts(output), 'docProps/app.xml');
    expect(before).toMatch(/<TitlesOfParts>.*基数.*<\/TitlesOfParts>/s);
    expect(after).not.toMatch(/TitlesOfParts|HeadingPairs/);
    expect(after).toBe(
      before.replace(/<HeadingPairs>.*?<\/HeadingPairs>|<TitlesOfParts>.*?<\/TitlesOfParts>/gs, ''),
    );
  });

  it('keeps every existing style and adds the outputs’ after them', () => {
    const before = text(readParts(input), 'xl/styles.xml');
    const after = text(readParts(output), 'xl/styles.xml');
    const xfs = (xml: string): string[] =>
      [
        ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '').matchAll(
          /<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g,
        ),
      ].map((m) => m[0]);
    expect(xfs(after).slice(0, xfs(before).length)).toEqual(xfs(before));
    expect(xfs(after).length).toBeGreaterThan(xfs(before).length);
  });

  it('adds the outputs after the inputs, readable', async () => {
    const { grids } = await readWorkbook(output);
    const names = grids.sheets.map((s) => s.name);
    expect(names.slice(-OUTPUTS.length)).toEqual(OUTPUTS);
    const { grids: inputGrids } = await readWorkbook(input);
    expect(names.slice(0, -OUTPUTS.length)).toEqual(inputGrids.sheets.map((s) => s.name));
    const allocation = grids.sheets.find((s) => s.name === '分解结果');
    expect(allocation?.cells.length).toBeGreaterThan(10);
  });
});

describe('a template (.xltx, .xltm) is planned into a workbook', () => {
  const SHEET_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  const TEMPLATE_MAIN =
    'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml';
  const MACRO_TEMPLATE_MAIN = 'application/vnd.ms-excel.template.macroEnabled.main+xml';
  const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';

  /** The example input saved as a template: its main part's type is the template's. */
  async function template(macros: boolean): Promise<string> {
    const parts = readParts(await exampleInput());
    if (macros) makeMacroWorkbook(parts);
    const types = text(parts, '[Content_Types].xml');
    setText(
      parts,
      '[Content_Types].xml',
      macros
        ? types.replace(MACRO_MAIN, MACRO_TEMPLATE_MAIN)
        : types.replace(SHEET_MAIN, TEMPLATE_MAIN),
    );
    const file = join(dir, macros ? 'template.xltm' : 'template.xltx');
    await writeFile(file, writeParts(parts));
    return file;
  }

  it.each([
    ['.xltx', false, '.xlsx', SHEET_MAIN],
    ['.xltm', true, '.xlsm', MACRO_MAIN],
  ])(
    '%s: the output is an %s workbook (Excel opens a template’s type only as a template)',
    async (_ext, macros, out, main) => {
      const input = await template(macros);
      const output = join(dir, `from-template${out}`);
      const r = await plan(input, output);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      const types = text(readParts(new Uint8Array(await readFile(output))), '[Content_Types].xml');
      expect(types).toContain(`ContentType="${main}"`);
      expect(types).not.toContain('template');
    },
  );

  it('refuses an .xlsx name for a macro template’s output, as for an .xlsm input', async () => {
    const r = await plan(await template(true), join(dir, 'macro-template-out.xlsx'));
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toContain('.xlsm');
  });
});

describe('user sheets are never removed, whatever their names', () => {
  it('keeps a user sheet named Summary in a Chinese run', async () => {
    const input = await exampleInput((wb) => {
      const ws = wb.addWorksheet('Summary');
      ws.getCell('A1').value = '我自己的汇总';
      ws.getCell('A2').value = { formula: "'基数'!B2*2", result: 0 };
    });
    await writeFile(join(dir, 'summary-in.xlsx'), input);
    const r = await plan(join(dir, 'summary-in.xlsx'), join(dir, 'summary-out.xlsx'));
    expect(r.code).toBe(0);
    const before = readParts(input);
    const after = readParts(new Uint8Array(await readFile(join(dir, 'summary-out.xlsx'))));
    const part = sheetPartsOf(before).get('Summary') as string;
    expect(sheetPartsOf(after).get('Summary')).toBe(part);
    expect(after.get(part)).toEqual(before.get(part));
    expect([...sheetPartsOf(after).keys()].slice(-OUTPUTS.length - 1)).toEqual([
      'Summary',
      ...OUTPUTS,
    ]);
  });

  it.each([
    ['an .xlsm to an .xlsx name', 'extras.xlsm', 'm-out.xlsx', '.xlsm', '启用宏的工作簿'],
    ['a plain workbook to an .xlsm name', 'plain.xlsx', 'p-out.xlsm', '.xlsx', '普通工作簿'],
  ])(
    'refuses %s, which Excel would not open, and writes nothing',
    async (_, from, to, expected, kind) => {
      if (from === 'plain.xlsx') await writeFile(join(dir, from), await exampleInput());
      const out = join(dir, to);
      const r = await plan(join(dir, from), out);
      expect(r.code).toBe(3);
      expect(r.err).toEqual([
        `不能写到 ${out}：输入 ${join(dir, from)} 是${kind}，Excel 只会按 ${expected} 打开它；请把输出文件名改为 ${expected} 结尾`,
      ]);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('refuses to write over a user sheet that has an output’s name, and writes nothing', async () => {
    const input = await exampleInput((wb) => {
      wb.addWorksheet('Summary').getCell('A1').value = 'mine';
    });
    await writeFile(join(dir, 'taken-in.xlsx'), input);
    const out = join(dir, 'taken-out.xlsx');
    const r = await plan(join(dir, 'taken-in.xlsx'), out, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'Summary: the workbook has a sheet named "Summary" that Fenjie did not write; it is not overwritten. Rename it and try again',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves a sheet that merely looks like an old output (no generated note) alone', async () => {
    const input = await exampleInput((wb) => {
      wb.addWorksheet('Allocation').getCell('A2').value = 'Generated by hand, not by the tool';
    });
    await writeFile(join(dir, 'lookalike-in.xlsx'), input);
    const r = await plan(join(dir, 'lookalike-in.xlsx'), join(dir, 'lookalike-out.xlsx'));
    expect(r.code).toBe(0);
    const after = readParts(new Uint8Array(await readFile(join(dir, 'lookalike-out.xlsx'))));
    expect([...sheetPartsOf(after).keys()].slice(-OUTPUTS.length - 1)).toEqual([
      'Allocation',
      ...OUTPUTS,
    ]);
  });
});

describe.skipIf(!requireLibreOffice())('planning an output again', () => {
  let first: Parts;
  let second: Parts;
  let secondFile: string;
  let lo: Map<string, SheetValues>;
  let extrasParts: Parts;
  let extrasValues: Map<string, SheetValues>;

  beforeAll(async () => {
    // A user's sheet refers to an output; it is there before the outputs exist.
    const input = await exampleInput((wb) => {
      const ws = wb.addWorksheet('备注');
      ws.getCell('A1').value = { formula: "'序时进度'!G8", result: 0 };
      ws.getCell('C1').value = { formula: "'序时进度'!B4", result: 0 };
      ws.getCell('B1').value = { formula: "'序时进度'!D3*100", result: 0 };
    });
    await writeFile(join(dir, 'again-in.xlsx'), input);
    const r1 = await plan(join(dir, 'again-in.xlsx'), join(dir, 'again-1.xlsx'));
    expect(r1.code).toBe(0);
    // The user colours the progress tab (a macro workbook would also name its module there) and
    // the file gains a calculation chain, as Excel saves it.
    first = readParts(new Uint8Array(await readFile(join(dir, 'again-1.xlsx'))));
    const progress = sheetPartsOf(first).get('序时进度') as string;
    setText(
      first,
      progress,
      text(first, progress).replace(
        '<sheetPr>',
        '<sheetPr codeName="Sheet10"><tabColor rgb="FFFF0000"/>',
      ),
    );
    setText(
      first,
      'xl/calcChain.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN}"><c r="D3" i="10"/></calcChain>`,
    );
    addWorkbookRel(first, 'rIdCalc', `${REL}/calcChain`, 'calcChain.xml');
    addOverride(
      first,
      'xl/calcChain.xml',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml',
    );
    await writeFile(join(dir, 'again-1.xlsx'), writeParts(first));
    secondFile = join(dir, 'again-2.xlsx');
    const r2 = await plan(join(dir, 'again-1.xlsx'), secondFile, '--as-of', '2025-06');
    expect(r2.err).toEqual([]);
    expect(r2.code).toBe(0);
    second = readParts(new Uint8Array(await readFile(secondFile)));
    // One LibreOffice launch also opens the planned macro workbook with its chart, image and the rest.
    const [converted, extras] = await convert(
      [secondFile, join(dir, 'extras-out.xlsm')],
      'xlsx',
      join(dir, 'lo'),
    );
    lo = await readValues(converted as string);
    extrasParts = readParts(new Uint8Array(await readFile(extras as string)));
    extrasValues = await readValues(extras as string);
  }, LO_TIMEOUT);

  it('replaces the outputs in place: same sheet ids, relationships, parts and order', () => {
    expect(sheetElements(second)).toEqual(sheetElements(first));
    expect(sheetPartsOf(second)).toEqual(sheetPartsOf(first));
    const names = [...sheetPartsOf(second).keys()];
    expect(names.slice(-OUTPUTS.length - 1)).toEqual(['备注', ...OUTPUTS]);
    const progress = sheetPartsOf(second).get('序时进度') as string;
    expect(text(second, progress)).not.toEqual(text(first, progress));
    expect(text(second, progress)).toContain(
      '<sheetPr codeName="Sheet10"><tabColor rgb="FFFF0000"/>',
    );
  });

  it('drops the stale calculation chain, and keeps the user’s sheet as it was', () => {
    expect(second.has('xl/calcChain.xml')).toBe(false);
    expect(text(second, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(text(second, '[Content_Types].xml')).not.toContain('calcChain');
    const notes = sheetPartsOf(second).get('备注') as string;
    expect(second.get(notes)).toEqual(first.get(notes));
  });

  it('the user’s formulas still point at the new outputs (LibreOffice recalculates them)', () => {
    const progress = lo.get('序时进度');
    const user = lo.get('备注');
    expect(progress?.[2]?.[1]).toBe(6); // the report month of the second run
    expect(user?.[0]?.[1]).toBeCloseTo(50, 9); // '序时进度'!D3*100: 6/12
    // '序时进度'!G8: the area's first indicator through June, not August as in the first run.
    expect(typeof progress?.[7]?.[6]).toBe('number');
    expect(user?.[0]?.[0]).toBe(progress?.[7]?.[6]);
    expect(user?.[0]?.[2]).toBe(0); // '序时进度'!B4 is empty
  });

  it('the cached values agree: the second run’s G8 is June’s, the first run’s August’s', async () => {
    const cachedF6 = async (parts: Parts): Promise<unknown> => {
      const { grids } = await readWorkbook(writeParts(parts));
      const cell = grids.sheets.find((s) => s.name === '序时进度')?.cells[7]?.[6];
      return cell !== null && typeof cell === 'object' && 'formula' in cell ? cell.result : cell;
    };
    expect(await cachedF6(second)).toBe(lo.get('序时进度')?.[7]?.[6]);
    expect(await cachedF6(first)).not.toBe(await cachedF6(second));
  });

  it('LibreOffice opens the planned macro workbook: its chart, image and comment, and the outputs', () => {
    const names = [...extrasParts.keys()];
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\/image\d+\.png$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/comments\d*\.xml$/.test(n))).toBe(true);
    expect([...extrasValues.keys()].slice(-OUTPUTS.length)).toEqual(OUTPUTS);
    expect(extrasValues.get('序时进度')?.[2]?.[1]).toBe(8);
  });
});
