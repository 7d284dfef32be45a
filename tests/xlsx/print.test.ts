/**
 * Page setup, AutoFilter, row heights, merged cells and wrapping (SheetSpec.print, autoFilter,
 * rowHeights, merges, CellSpec.wrap) in both .xlsx writers: the package writer's worksheet XML and the workbook's
 * built-in defined names (print titles, print area, filter database) scoped to the right sheet,
 * replaced rather than doubled by a second run; ExcelJS reading both writers' files back; and
 * LibreOffice printing to A4 landscape with the title rows repeated on page 2.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPackage, writePackage } from '../../src/hosts/xlsx/package';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { generatedNote } from '../../src/workbook/note';
import type { CellSpec, SheetSpec, WorkbookSpec } from '../../src/workbook/spec';
import { requireLibreOffice, toPdf } from '../helpers/libreoffice';
import { readParts, sheetPartsOf, text, writeParts } from '../helpers/package';

const LO_TIMEOUT = 180_000;
const note = generatedNote({
  lang: 'en',
  version: '0.1.0',
  generatedAt: '2025-09-03T10:30',
  fingerprints: { split: '0123456789abcdef', live: 'fedcba9876543210' },
});

/** An output sheet: title, note, a blank row, a wrapped header on row 4, then `n` data rows. */
function output(name: string, n = 6): SheetSpec {
  const header: CellSpec[] = ['Enterprise name (full)', 'Target', 'Actual'].map((v) => ({
    v,
    style: 'header',
    wrap: true,
  }));
  const data = Array.from({ length: n }, (_, i): CellSpec[] => [
    { v: `Enterprise ${i + 1}` },
    { v: 100 + i },
    { v: 50 + i },
  ]);
  return {
    name,
    rows: [
      [{ v: `${name} title`, style: 'title' }],
      [{ v: note, style: 'note', wrap: true }, null, null],
      [],
      header,
      ...data,
    ],
    widths: [14, 10, 10],
    rowHeights: [0, 48, 0, 32],
    merges: ['A2:C2'],
    autoFilter: `A4:C${4 + n}`,
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitWidth: 1,
      titleRows: { first: 1, last: 4 },
      area: `A1:C${4 + n}`,
      gridlines: true,
      centerHorizontally: true,
      header: { center: '&A' },
      footer: { center: 'Page &P of &N', right: '第 &P 页，共 &N 页' },
    },
    note,
  };
}

const user = (name: string): SheetSpec => ({ name, rows: [[{ v: 'mine' }]] });

/** The workbook part's defined names: name, scope and formula. */
function definedNames(
  parts: Map<string, Uint8Array>,
): { name: string; local?: number; ref: string; hidden: boolean }[] {
  const xml = text(parts, 'xl/workbook.xml');
  return [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const attrs = m[1] ?? '';
    const local = /localSheetId="(\d+)"/.exec(attrs)?.[1];
    return {
      name: /name="([^"]*)"/.exec(attrs)?.[1] ?? '',
      ...(local === undefined ? {} : { local: Number(local) }),
      ref: (m[2] ?? '').replace(/&apos;/g, "'"),
      hidden: /hidden="1"/.test(attrs),
    };
  });
}

const builtIns = (parts: Map<string, Uint8Array>) =>
  definedNames(parts)
    .filter((d) => d.name.startsWith('_xlnm.'))
    .sort((a, b) => (a.local ?? -1) - (b.local ?? -1) || a.name.localeCompare(b.name));

describe('package writer: page setup, filter, heights and wrapping', () => {
  let parts: Map<string, Uint8Array>;
  beforeAll(async () => {
    parts = readParts(await newPackage({ sheets: [user('Mine'), output('Out')] }));
  });

  it('writes the page setup, print options, header and footer, filter and row height in schema order', () => {
    const xml = text(parts, sheetPartsOf(parts).get('Out') as string);
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<row r="4" ht="32" customHeight="1">');
    expect(xml).toContain('<autoFilter ref="A4:C10"/>');
    expect(xml).toContain('<mergeCells count="1"><mergeCell ref="A2:C2"/></mergeCells>');
    expect(xml).toContain('<printOptions horizontalCentered="1" gridLines="1"/>');
    expect(xml).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(xml).toContain(
      '<headerFooter><oddHeader>&amp;C&amp;A</oddHeader>' +
        '<oddFooter>&amp;CPage &amp;P of &amp;N&amp;R第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>',
    );
    const order = [
      '</sheetData>',
      '<autoFilter',
      '<mergeCells',
      '<printOptions',
      '<pageMargins',
      '<pageSetup',
      '<headerFooter',
    ];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('gives wrapped cells a cell format that wraps', () => {
    const xml = text(parts, sheetPartsOf(parts).get('Out') as string);
    const s = Number(/<c r="A4" s="(\d+)"/.exec(xml)?.[1]);
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(text(parts, 'xl/styles.xml'))?.[1] ?? '';
    const xf = [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)][s]?.[0];
    expect(xf).toContain('<alignment wrapText="1"/>');
    expect(xf).toContain('applyAlignment="1"');
  });

  it('names the print titles, print area and filter database, scoped to the sheet’s index', () => {
    expect(builtIns(parts)).toEqual([
      { name: '_xlnm._FilterDatabase', local: 1, ref: "'Out'!$A$4:$C$10", hidden: true },
      { name: '_xlnm.Print_Area', local: 1, ref: "'Out'!$A$1:$C$10", hidden: false },
      { name: '_xlnm.Print_Titles', local: 1, ref: "'Out'!$1:$4", hidden: false },
    ]);
  });

  it('writes no page setup, filter or names for a sheet without them', () => {
    const xml = text(parts, sheetPartsOf(parts).get('Mine') as string);
    expect(xml).not.toMatch(/<pageSetup|<autoFilter|<printOptions|<headerFooter|<sheetPr/);
  });
});

describe('package writer: a second run replaces the built-in names, never doubles them', () => {
  it('replaces an output in place after a user sheet, keeping the user’s own names', async () => {
    const first = readParts(
      await newPackage({ sheets: [user('Mine'), output('Out'), output('Two')] }),
    );
    // The user adds names of their own: a global one and one scoped to their sheet.
    const wb = text(first, 'xl/workbook.xml').replace(
      '<definedNames>',
      '<definedNames><definedName name="Budget">\'Mine\'!$A$1</definedName>' +
        '<definedName name="_xlnm.Print_Area" localSheetId="0">\'Mine\'!$A$1:$A$1</definedName>',
    );
    first.set('xl/workbook.xml', new TextEncoder().encode(wb));
    const again = readParts(
      await writePackage(writeParts(first), { sheets: [output('Out', 8), output('Two', 3)] }),
    );
    const names = builtIns(again);
    expect(names.filter((d) => d.local === 1)).toEqual([
      { name: '_xlnm._FilterDatabase', local: 1, ref: "'Out'!$A$4:$C$12", hidden: true },
      { name: '_xlnm.Print_Area', local: 1, ref: "'Out'!$A$1:$C$12", hidden: false },
      { name: '_xlnm.Print_Titles', local: 1, ref: "'Out'!$1:$4", hidden: false },
    ]);
    expect(names.filter((d) => d.local === 2).map((d) => d.ref)).toEqual([
      "'Two'!$A$4:$C$7",
      "'Two'!$A$1:$C$7",
      "'Two'!$1:$4",
    ]);
    expect(names.filter((d) => d.local === 0)).toEqual([
      { name: '_xlnm.Print_Area', local: 0, ref: "'Mine'!$A$1:$A$1", hidden: false },
    ]);
    expect(definedNames(again).filter((d) => d.name === 'Budget')).toHaveLength(1);
  });

  it('moves the names with a sheet whose index changes, and drops a replaced output’s stale names', async () => {
    const first = await newPackage({ sheets: [user('Mine'), output('Old'), output('Out')] });
    const bare: SheetSpec = { ...output('Out'), print: { paper: 'A4', orientation: 'portrait' } };
    delete (bare as { autoFilter?: string }).autoFilter;
    // 'Old' is superseded (removed): 'Out' moves from index 2 to 1 and loses its titles, area, filter.
    const spec: WorkbookSpec = { sheets: [bare], remove: ['Old'] };
    const again = readParts(await writePackage(first, spec));
    expect(builtIns(again)).toEqual([]);
    const xml = text(again, sheetPartsOf(again).get('Out') as string);
    expect(xml).toContain('<pageSetup paperSize="9" orientation="portrait"/>');
    expect(xml).not.toContain('fitToPage');
    const third = readParts(
      await writePackage(await writePackage(first, { sheets: [output('Out')], remove: ['Old'] }), {
        sheets: [output('Out')],
      }),
    );
    expect(builtIns(third).map((d) => [d.name, d.local])).toEqual([
      ['_xlnm._FilterDatabase', 1],
      ['_xlnm.Print_Area', 1],
      ['_xlnm.Print_Titles', 1],
    ]);
  });

  it('puts a first definedNames element after the sheet list, where the schema wants it', async () => {
    const xml = text(readParts(await newPackage({ sheets: [output('Out')] })), 'xl/workbook.xml');
    expect(xml).toMatch(/<\/sheets><definedNames>.*<\/definedNames><calcPr/);
  });
});

describe('ExcelJS reads the page setup back', () => {
  const check = async (bytes: Uint8Array): Promise<void> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Out') as ExcelJS.Worksheet;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      showGridLines: true,
      printTitlesRow: '1:4',
      printArea: 'A1:C10',
    });
    expect(ws.headerFooter).toMatchObject({
      oddHeader: '&C&A',
      oddFooter: '&CPage &P of &N&R第 &P 页，共 &N 页',
    });
    expect(ws.autoFilter).toBe('A4:C10');
    expect(ws.getRow(4).height).toBe(32);
    expect(ws.getRow(2).height).toBe(48);
    expect((ws.model as { merges?: unknown }).merges).toEqual(['A2:C2']);
    expect(ws.getCell('C2').isMerged).toBe(true);
    expect(ws.getCell('A4').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('A5').style.alignment).toBeUndefined();
  };

  it('from the ExcelJS writer', async () => {
    await check(await toXlsxBuffer(specToNewWorkbook({ sheets: [user('Mine'), output('Out')] })));
  });
  it('from the package writer', async () => {
    await check(await newPackage({ sheets: [user('Mine'), output('Out')] }));
  });
  it('the ExcelJS writer scopes the names to the sheet too', async () => {
    const parts = readParts(
      await toXlsxBuffer(specToNewWorkbook({ sheets: [user('Mine'), output('Out')] })),
    );
    const names = builtIns(parts);
    expect(names.map((d) => [d.name, d.local])).toEqual(
      expect.arrayContaining([
        ['_xlnm.Print_Titles', 1],
        ['_xlnm.Print_Area', 1],
      ]),
    );
  });
});

describe.skipIf(!requireLibreOffice())('LibreOffice prints the sheet as described', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-print-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'on A4 landscape pages, the title rows repeated on page 2',
    async () => {
      const spec: WorkbookSpec = { sheets: [output('Out', 80)] };
      const path = join(dir, 'print.xlsx');
      await writeFile(path, await newPackage(spec));
      const pdf = await toPdf(path, join(dir, 'pdf'));
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      expect(Math.round(Number(size?.[1]))).toBe(842);
      expect(Math.round(Number(size?.[2]))).toBe(595);
      const page = (n: number): string =>
        execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], {
          encoding: 'utf8',
        });
      const two = page(2);
      expect(two).toContain('Out title');
      expect(two).toMatch(/Enterprise\s+name/);
      expect(two).toContain('Page 2 of');
      expect(page(1)).not.toContain('Enterprise 80');
    },
    LO_TIMEOUT,
  );
});
