import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  emptyStringFormulaCells,
  emptyStringResults,
  sheetParts,
  xmlDecode,
} from '../../src/hosts/xlsx/emptyResults';
import { zipEntries, zipEntryText } from '../../src/hosts/xlsx/unzip';

/** A tiny zip writer (deflated entries) to build packages by hand. */
function makeZip(files: Record<string, string>): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = enc.encode(name);
    const data = deflateRawSync(enc.encode(text));
    const local = new Uint8Array(30 + nameBytes.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(18, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    local.set(data, 30 + nameBytes.length);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(20, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, eocd]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const WORKBOOK = `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
<sheet name="实绩 &amp; 目标" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>`;
const RELS = `<Relationships><Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="…/worksheet" Target="/xl/worksheets/other.xml"/></Relationships>`;
// As Excel writes them: an empty <v></v>, a self-closed <v/>, a prefixed element, and cells that must not count.
const SHEET = `<x:worksheet><x:sheetData><x:row r="1">
<x:c r="A1" s="1" t="str"><x:f>IF(B1="","",B1)</x:f><x:v></x:v></x:c>
<c r="B1" t='str'><f t="shared" si="0"/><v/></c>
<c r="C1" t="str"><f>"x"</f><v>x</v></c>
<c r="D1"><f>1+1</f></c>
<c r="E1" t="s"><v>0</v></c>
<c r="F1" t="str"><v></v></c>
<c r="G1" t="str"><f>""</f></c>
</x:row></x:sheetData></x:worksheet>`;

describe('emptyStringResults (raw XML where ExcelJS loses a cached "")', () => {
  it('finds formula cells whose cached result is the empty string', () => {
    expect([...emptyStringFormulaCells(SHEET)]).toEqual(['A1', 'B1', 'G1']);
  });

  it('maps sheet names to their parts through the workbook relationships', () => {
    expect(sheetParts(WORKBOOK, RELS)).toEqual(
      new Map([
        ['实绩 & 目标', 'xl/worksheets/sheet1.xml'],
        ['B', 'xl/worksheets/other.xml'],
      ]),
    );
    expect(xmlDecode('a&lt;b&gt;&quot;&apos;&#65;&#x42;')).toBe('a<b>"\'AB');
  });

  it('reads the package with DecompressionStream', async () => {
    const zip = makeZip({
      'xl/workbook.xml': WORKBOOK,
      'xl/_rels/workbook.xml.rels': RELS,
      'xl/worksheets/sheet1.xml': SHEET,
      'xl/worksheets/other.xml': '<worksheet><sheetData/></worksheet>',
    });
    const entries = zipEntries(zip);
    expect(entries && (await zipEntryText(zip, entries, 'xl/worksheets/sheet1.xml'))).toBe(SHEET);
    const found = await emptyStringResults(zip, ['实绩 & 目标', 'B', 'absent']);
    expect(found).toEqual(
      new Map([
        ['实绩 & 目标', new Set(['A1', 'B1', 'G1'])],
        ['B', new Set()],
      ]),
    );
  });

  it('gives up quietly on something that is not a zip', async () => {
    expect(zipEntries(new TextEncoder().encode('not a zip at all, just text'))).toBeUndefined();
    expect(await emptyStringResults(new Uint8Array(10), ['S'])).toEqual(new Map());
  });
});
