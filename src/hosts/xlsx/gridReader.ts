/**
 * The lean reader: an .xlsx package's sheets straight into WorkbookGrids, without a workbook
 * model. The package is listed with unzip.ts; the workbook part, its relationships, the styles
 * (which cell styles are dates) and the shared strings (once) are read first, then each sheet
 * asked for is inflated piece by piece and scanned tag by tag (no tree of the sheet is built):
 * only the cells' values, the merged ranges, the hidden rows and the hyperlinks are kept.
 *
 * The grids are exactly those ExcelJS gives through `readWorkbook` (read.ts), quirks included, so
 * the outputs do not depend on which reader ran: a date-formatted number is `{ date }` (1904 date
 * system too); a formula keeps its text (a shared formula translated to its cell, as ExcelJS
 * slides it) and its cached result (a cached `""` read as one, which ExcelJS mends from the
 * XML); a hyperlinked cell is its text; merge slaves are blank; rich text is its plain text.
 * The differential test (tests/xlsx/gridReader.test.ts) holds the two to that.
 *
 * What this reader does not attempt (packages Excel, WPS, LibreOffice, Gnumeric and ExcelJS do
 * not write: zip64, a cell without a reference, rows repeated, elements where a sheet has none,
 * an entity it does not know, a shared string that is not there …) it refuses with
 * `UnsupportedPackage`; the caller then reads the file with ExcelJS, which gives what it always
 * gave (often that the file is damaged). Browser-safe: no Node imports.
 */
import type { RawCell, SheetGrid, WorkbookGrids } from '../../workbook/grid';
import { entryTextChunks, zipEntries, type ZipEntry } from './unzip';

/** A value or a formula's cached result. */
type Scalar = Exclude<RawCell, { readonly formula: string }>;

/** The package holds something this reader leaves to ExcelJS. */
export class UnsupportedPackage extends Error {
  constructor(why: string) {
    super(`the lean reader leaves this package to ExcelJS: ${why}`);
    this.name = 'UnsupportedPackage';
  }
}

const unsupported = (why: string): never => {
  throw new UnsupportedPackage(why);
};

export interface ReadGridsOptions {
  /** Which sheets to read (by name); the others are left out of the grids. All when absent. */
  readonly sheets?: (name: string) => boolean;
}

// ---------------------------------------------------------------------------------------------
// XML, scanned as a stream of tags and text

/** What a scan reports to. `wantText` says whether text at this point matters (else skipped). */
interface Handler {
  wantText: boolean;
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** Raw text between tags (entities not yet decoded, line ends not normalised). */
  text(raw: string): void;
}

/** A start tag: name, attributes, `/` of an empty element. */
const START_TAG = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

/** The longest piece carried over between chunks (one tag, comment or text run). */
const MAX_CARRY = 1 << 22;

/** Scans as much of `buf` as is complete; returns what must wait for the next chunk. */
/** The open elements of a scan, checked as an XML parser checks them (ExcelJS's fails on these). */
interface Nesting {
  readonly open: string[];
  roots: number;
}

function scanSome(buf: string, h: Handler, final: boolean, nest: Nesting): string {
  const n = buf.length;
  let pos = 0;
  const wait = (from: number): string => {
    if (final) return unsupported('the XML ends inside a tag');
    if (n - from > MAX_CARRY) return unsupported('a tag longer than 4 MB');
    return buf.slice(from);
  };
  while (pos < n) {
    const lt = buf.indexOf('<', pos);
    if (lt < 0) {
      if (!final) return wait(pos);
      if (nest.open.length === 0 && buf.slice(pos).trim() !== '')
        unsupported('text outside the root');
      if (h.wantText) h.text(buf.slice(pos));
      return '';
    }
    if (lt > pos) {
      if (nest.open.length === 0 && buf.slice(pos, lt).trim() !== '') {
        unsupported('text outside the root');
      }
      if (h.wantText) h.text(buf.slice(pos, lt));
    }
    if (lt + 1 >= n) return wait(lt);
    const c = buf.charCodeAt(lt + 1);
    if (c === 47 /* / */) {
      const gt = buf.indexOf('>', lt);
      if (gt < 0) return wait(lt);
      const name = buf.slice(lt + 2, gt).trimEnd();
      if (nest.open.pop() !== name) unsupported(`</${name}> closes no <${name}>`);
      h.close(name);
      pos = gt + 1;
    } else if (c === 33 /* ! */) {
      if (lt + 9 > n && !final) return wait(lt);
      let end: number;
      if (buf.startsWith('<!--', lt)) {
        end = buf.indexOf('-->', lt + 4);
        if (end < 0) return wait(lt);
        pos = end + 3;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        // ExcelJS takes only text events, so CDATA content is not read: neither is it here.
        end = buf.indexOf(']]>', lt + 9);
        if (end < 0) return wait(lt);
        pos = end + 3;
      } else {
        end = buf.indexOf('>', lt);
        if (end < 0) return wait(lt);
        if (buf.slice(lt, end).includes('[')) unsupported('a document type with declarations');
        pos = end + 1;
      }
    } else if (c === 63 /* ? */) {
      const end = buf.indexOf('?>', lt);
      if (end < 0) return wait(lt);
      pos = end + 2;
    } else {
      START_TAG.lastIndex = lt;
      const m = START_TAG.exec(buf);
      if (!m) return wait(lt);
      const name = m[1] ?? '';
      if (nest.open.length === 0 && ++nest.roots > 1) unsupported('a second root element');
      h.open(name, m[2] ?? '');
      if (m[3] === '/') h.close(name);
      else nest.open.push(name);
      pos = START_TAG.lastIndex;
    }
  }
  return '';
}

/** Scans an XML text given in pieces. */
async function scan(chunks: AsyncIterable<string> | Iterable<string>, h: Handler): Promise<void> {
  let carry = '';
  const nest: Nesting = { open: [], roots: 0 };
  for await (const chunk of chunks) {
    carry = scanSome(carry === '' ? chunk : carry + chunk, h, false, nest);
  }
  scanSome(carry, h, true, nest);
}

/** The pieces of a zip entry's text (none if the package has no such entry). */
function partChunks(zip: Uint8Array, entry: ZipEntry | undefined): AsyncIterable<string> {
  if (entry === undefined) return (async function* () {})();
  if (entry.method !== 0 && entry.method !== 8)
    unsupported(`a part compressed by method ${entry.method}`);
  if ((entry.flags & 1) !== 0) unsupported('an encrypted part');
  if (entry.size === 0xffffffff || entry.uncompressedSize === 0xffffffff) unsupported('zip64');
  return entryTextChunks(zip, entry);
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const BAD_AMP = /&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);)/;

function entity(_: string, e: string): string {
  if (e.charCodeAt(0) === 35 /* # */) {
    const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return unsupported(`the character reference &${e};`);
    }
    return String.fromCodePoint(code);
  }
  return e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'";
}

/** Text content as an XML parser gives it: line ends normalised, references decoded. */
function decodeText(raw: string): string {
  const s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  if (BAD_AMP.test(s)) unsupported('an entity the XML parser would reject');
  return s.replace(ENTITY, entity);
}

/** An attribute value as an XML parser gives it (white space normalised, references decoded). */
const decodeAttr = (raw: string): string =>
  decodeText(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ') : raw);

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A start tag's attributes, decoded. */
function attrsOf(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  if (attrs === '') return out;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) {
    out.set(m[1] ?? '', decodeAttr(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** ExcelJS's own `xmlDecode`, which it applies again to sheet names and `t="str"` text. */
const exceljsXmlDecode = (s: string): string =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&([a-z]*);/g, (c) => {
        switch (c) {
          case '&lt;':
            return '<';
          case '&gt;':
            return '>';
          case '&amp;':
            return '&';
          case '&apos;':
            return "'";
          case '&quot;':
            return '"';
          default:
            return c;
        }
      });

/** OOXML's `_xHHHH_` escapes, decoded as ExcelJS decodes them (upper-case hex digits only). */
const ooxmlUnescape = (s: string): string =>
  s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

// ---------------------------------------------------------------------------------------------
// Columns, addresses, dates

/** Column letters → number (A = 1); 0 if not 1–3 upper-case letters up to XFD. */
function columnNumber(s: string, from: number, to: number): number {
  if (to <= from || to - from > 3) return 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + c - 64;
  }
  return n <= 16384 ? n : 0;
}

function columnLetters(n: number): string {
  if (n < 1 || n > 16384) return unsupported(`column ${n} is out of bounds`);
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** 'B7' → { row: 7, col: 2 } (1-based); undefined if it is not a plain cell reference. */
function cellAddress(ref: string): { row: number; col: number } | undefined {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  const col = columnNumber(ref, 0, i);
  if (col === 0 || i === ref.length) return undefined;
  if (ref.charCodeAt(i) === 48) return undefined; // 'A01': ExcelJS and read.ts key cells differently
  let row = 0;
  for (let k = i; k < ref.length; k++) {
    const c = ref.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + c - 48;
  }
  return row >= 1 ? { row, col } : undefined;
}

/** Number formats of the built-in ids ExcelJS counts as dates (its isDateFmt over its table). */
const BUILTIN_DATE_FORMATS: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47,
]);

/** ExcelJS's test of a number format for a date. */
export function isDateFormat(format: string): boolean {
  const f = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** A serial day number → calendar date as ExcelJS computes it; null when it is not a date. */
export function serialDate(v: number, date1904: boolean): Scalar {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(d.getTime())) return null;
  return { date: { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() } };
}

const numberCell = (v: number): Scalar => (Number.isFinite(v) ? v : { error: '#NUM!' });

// ---------------------------------------------------------------------------------------------
// Shared formulas, slid as ExcelJS slides them (exceljs/lib/utils/shared-formula.js)

const REPLACEMENT_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REF = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

function slideFormula(
  formula: string,
  from: { row: number; col: number },
  to: { row: number; col: number },
): string {
  return formula.replace(
    REPLACEMENT_CANDIDATE,
    (match: string, sheet: string | undefined, _s: unknown, part: string, paren: unknown) => {
      if (paren) return match;
      const m = CELL_REF.exec(part);
      if (!m) return match;
      const colDollar = m[1] ?? '';
      const colStr = (m[2] ?? '').toUpperCase();
      const rowDollar = m[3] ?? '';
      if (colStr.length > 3 || (colStr.length === 3 && colStr > 'XFD')) return match;
      let col = columnNumber(colStr, 0, colStr.length);
      let row = parseInt(m[4] ?? '', 10);
      if (!colDollar) col += to.col - from.col;
      if (!rowDollar) row += to.row - from.row;
      return `${sheet ?? ''}${colDollar}${columnLetters(col)}${rowDollar}${row}`;
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The package's small parts

interface PackageInfo {
  readonly zip: Uint8Array;
  readonly entries: Map<string, ZipEntry>;
  readonly date1904: boolean;
  /**
   * Per cell style (`s`): whether ExcelJS reads its numbers as dates. Undefined without a styles
   * part; empty when it has no cell formats (ExcelJS then fails on any cell or row with a style).
   */
  readonly dateStyles: readonly boolean[] | undefined;
  /** The shared strings as plain text; null for one ExcelJS cannot read as text. Absent: no part. */
  readonly strings: readonly (string | null)[] | undefined;
}

/** A part's text in one piece ('' when absent), checked to be XML an XML parser would read. */
async function partText(zip: Uint8Array, entry: ZipEntry | undefined): Promise<string> {
  let s = '';
  for await (const chunk of partChunks(zip, entry)) s += chunk;
  const check: Handler = { wantText: false, open() {}, close() {}, text() {} };
  await scan([s], check);
  return s;
}

/** Start tags of `name` (exactly, no prefix) in a small part, with their attributes. */
function startTags(xml: string, name: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  const re = new RegExp(
    `<${name}(?=[\\s/>])((?:\\s+[^\\s=/>]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*/?>`,
    'g',
  );
  for (const m of xml.matchAll(re)) out.push(attrsOf(m[1] ?? ''));
  return out;
}

/** Relationship id → target, as ExcelJS reads a relationships part. */
function relationships(xml: string): Map<string, string> {
  const rels = new Map<string, string>();
  for (const a of startTags(xml, 'Relationship')) {
    const id = a.get('Id');
    const target = a.get('Target');
    if (target === undefined) unsupported('a relationship without a target');
    if (id !== undefined) rels.set(id, target ?? '');
  }
  return rels;
}

/** Which cell styles are dates: `cellXfs` in order, their number format built in or custom. */
function dateStylesOf(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const a of startTags(xml, 'numFmt')) {
    const code = a.get('formatCode');
    if (code === undefined) unsupported('a number format without a code');
    custom.set(parseInt(a.get('numFmtId') ?? '', 10), (code ?? '').replace(/[\\](.)/g, '$1'));
  }
  const open = /<cellXfs(?=[\s>])[^>]*>/.exec(xml);
  if (!open) return [];
  const close = xml.indexOf('</cellXfs>', open.index);
  const body = xml.slice(open.index + open[0].length, close < 0 ? xml.length : close);
  return startTags(body, 'xf').map((a) => {
    const id = parseInt(a.get('numFmtId') ?? '', 10);
    if (!id) return false;
    const code = custom.get(id);
    return code ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** The shared strings, each as ExcelJS reads it: text, rich text joined, or unreadable (null). */
async function sharedStrings(zip: Uint8Array, entry: ZipEntry): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  // The string being read: nothing yet, a text, or rich-text runs.
  let model: string | string[] | undefined;
  let inSi = false;
  let skip = 0; // depth inside an element whose content is not the string's (rPh, rPr)
  let inRun = false;
  let runText: string | undefined;
  let inT = false;
  let tParts: string[] = [];
  const h: Handler = {
    wantText: false,
    open(name) {
      if (skip > 0) {
        skip++;
        return;
      }
      if (inT) unsupported('an element inside a shared string text');
      if (!inSi) {
        if (name === 'si') {
          inSi = true;
          model = undefined;
        } else if (name !== 'sst') unsupported(`<${name}> in the shared strings`);
        return;
      }
      if (name === 't') {
        inT = true;
        tParts = [];
        h.wantText = true;
      } else if (name === 'r' && !inRun) {
        inRun = true;
        runText = undefined;
      } else if (name === 'rPh' || name === 'rPr') skip = 1;
      else if (name !== 'phoneticPr') unsupported(`<${name}> in a shared string`);
    },
    close(name) {
      if (skip > 0) {
        skip--;
        return;
      }
      if (inT) {
        inT = false;
        h.wantText = false;
        const text = ooxmlUnescape(tParts.join(''));
        if (inRun) runText = text;
        else model = text;
        return;
      }
      if (inRun && name === 'r') {
        inRun = false;
        if (model === undefined) model = [runText ?? ''];
        else if (Array.isArray(model)) model.push(runText ?? '');
        return;
      }
      if (inSi && name === 'si') {
        inSi = false;
        strings.push(
          model === undefined ? null : typeof model === 'string' ? model : model.join(''),
        );
      }
    },
    text(raw) {
      tParts.push(decodeText(raw));
    },
  };
  await scan(partChunks(zip, entry), h);
  return strings;
}

interface SheetRef {
  readonly name: string;
  readonly part: string;
  readonly rels: string;
}

/** The worksheets in tab order, as ExcelJS finds them (chart sheets and the like left out). */
async function worksheetsOf(
  zip: Uint8Array,
  entries: Map<string, ZipEntry>,
): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) return unsupported('no workbook part');
  const xml = await partText(zip, workbook);
  const rels = relationships(await partText(zip, entries.get('xl/_rels/workbook.xml.rels')));
  // ExcelJS parses the parts named like xl/worksheets/sheetN.xml (unanchored) as worksheets.
  const worksheetParts = new Set<string>();
  for (const name of entries.keys()) {
    if (name.startsWith('/')) unsupported('a part name with a leading slash');
    if (
      /xl\/worksheets\/sheet(\d+)[.]xml/.test(name) ||
      /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.test(name)
    ) {
      if (!/^xl\/worksheets\/(?:_rels\/)?sheet\d+\.xml(?:\.rels)?$/.test(name)) {
        unsupported(`a part named like a worksheet: ${name}`);
      }
      if (!name.includes('_rels')) worksheetParts.add(name);
    }
  }
  const open = /<sheets(?=[\s>])[^>]*>/.exec(xml);
  const close = open ? xml.indexOf('</sheets>', open.index) : -1;
  const list = open ? xml.slice(open.index, close < 0 ? xml.length : close) : '';
  const ids = new Set<number>();
  const parts = new Set<string>();
  const sheets: SheetRef[] = [];
  for (const a of startTags(list, 'sheet')) {
    const name = a.get('name');
    if (name === undefined) return unsupported('a sheet without a name');
    const id = parseInt(a.get('sheetId') ?? '', 10);
    if (!(id >= 1) || ids.has(id)) return unsupported('sheet ids missing or repeated');
    ids.add(id);
    const rid = a.get('r:id');
    const target = rid === undefined ? undefined : rels.get(rid);
    if (target === undefined) continue;
    const part = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!worksheetParts.has(part)) continue;
    if (parts.has(part)) return unsupported('two sheets in one part');
    parts.add(part);
    const number = /sheet(\d+)\.xml$/.exec(part)?.[1] ?? '';
    sheets.push({
      name: exceljsXmlDecode(name),
      part,
      rels: `xl/worksheets/_rels/sheet${number}.xml.rels`,
    });
  }
  // ExcelJS reads each sheet's print area and fails on one that names no range at all.
  for (const m of xml.matchAll(/<definedName\b([^>]*?)(?:\/>|>([^<]*)<\/definedName>)/g)) {
    if (attrsOf(m[1] ?? '').get('name') !== '_xlnm.Print_Area') continue;
    if (
      decodeText(m[2] ?? '')
        .split(',')
        .every((r) => r === '')
    ) {
      unsupported('a print area without a range');
    }
  }
  const pr = startTags(xml, 'workbookPr')[0];
  return { sheets, date1904: pr?.get('date1904') === '1' };
}

// ---------------------------------------------------------------------------------------------
// One sheet

/** Elements of a worksheet ExcelJS reads with a parser of their own (see WorkSheetXform). */
const SHEET_PARTS: ReadonlySet<string> = new Set([
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
]);

const enum Mode {
  Top,
  Skip,
  SheetData,
  Row,
  Cell,
  MergeCells,
  Hyperlinks,
}

const enum Node {
  None,
  F,
  V,
  T,
}

interface Master {
  readonly row: number;
  readonly col: number;
}

class SheetScan implements Handler {
  wantText = false;
  /** Rows by index (0-based), each dense from column A to its last value. */
  readonly rows: (RawCell[] | undefined)[] = [];
  readonly hidden: number[] = [];
  readonly merges: string[] = [];
  readonly hyperlinks = new Map<string, boolean>();
  /** Where each cell of the sheet is, by its reference as written (kept only if links may be). */
  readonly cellsByRef: Map<string, { row: number; col: number }> | undefined;
  /** Masters of shared formulas the slaves were slid from, to check they stayed formulas. */
  readonly usedMasters: Master[] = [];

  private mode = Mode.Top;
  private skipName = '';
  private skipDepth = 0;
  private seen = new Set<string>();
  private seenRows = new Set<number>();
  private rowNumber = 0;
  private lastCol = 0;
  private masters = new Map<string, Master>();

  // The cell being read.
  private ref = '';
  private col = 0;
  private t: string | undefined;
  private s = 0;
  private node = Node.None;
  private formula: string | undefined;
  private fCount = 0;
  private shareType: string | undefined;
  private si: string | undefined;
  private fRef: string | undefined;
  private value: string | undefined;
  private inIs = false;
  private runs: string[] | undefined;
  private inRun = false;
  private runText: string | undefined;
  private runSkip = 0;
  private inRunT = false;
  private runParts: string[] = [];

  constructor(
    private readonly info: PackageInfo,
    withLinks: boolean,
  ) {
    this.cellsByRef = withLinks ? new Map() : undefined;
  }

  open(name: string, attrs: string): void {
    switch (this.mode) {
      case Mode.Top:
        if (!SHEET_PARTS.has(name)) return;
        if (name === 'sheetData' || name === 'mergeCells' || name === 'hyperlinks') {
          if (this.seen.has(name)) unsupported(`two <${name}> in a sheet`);
          this.seen.add(name);
          this.mode =
            name === 'sheetData'
              ? Mode.SheetData
              : name === 'mergeCells'
                ? Mode.MergeCells
                : Mode.Hyperlinks;
          return;
        }
        this.mode = Mode.Skip;
        this.skipName = name;
        this.skipDepth = 1;
        return;
      case Mode.Skip:
        if (name === this.skipName) this.skipDepth++;
        return;
      case Mode.SheetData:
        if (name !== 'row') unsupported(`<${name}> in sheetData`);
        this.openRow(attrs);
        return;
      case Mode.Row:
        if (name !== 'c') unsupported(`<${name}> in a row`);
        this.openCell(attrs);
        return;
      case Mode.Cell:
        this.openInCell(name, attrs);
        return;
      case Mode.MergeCells: {
        if (name !== 'mergeCell') unsupported(`<${name}> in mergeCells`);
        const ref = attrsOf(attrs).get('ref');
        if (ref === undefined) unsupported('a merged range without a reference');
        this.merges.push(ref ?? '');
        return;
      }
      case Mode.Hyperlinks: {
        if (name !== 'hyperlink') unsupported(`<${name}> in hyperlinks`);
        const a = attrsOf(attrs);
        const rid = a.get('r:id');
        if (!rid) return;
        const target = this.sheetRels?.get(rid);
        if (target === undefined) unsupported('a hyperlink to a relationship that is not there');
        if (target) this.hyperlinks.set(a.get('ref') ?? 'undefined', true);
        return;
      }
    }
  }

  /** The sheet's relationships (set before the scan). */
  sheetRels: Map<string, string> | undefined;

  close(name: string): void {
    switch (this.mode) {
      case Mode.Top:
        return;
      case Mode.Skip:
        if (name === this.skipName && --this.skipDepth === 0) this.mode = Mode.Top;
        return;
      case Mode.SheetData:
        if (name !== 'sheetData') unsupported(`</${name}> in sheetData`);
        this.mode = Mode.Top;
        return;
      case Mode.Row:
        if (name !== 'row') unsupported(`</${name}> in a row`);
        this.mode = Mode.SheetData;
        return;
      case Mode.Cell:
        this.closeInCell(name);
        return;
      case Mode.MergeCells:
        if (name === 'mergeCells') this.mode = Mode.Top;
        return;
      case Mode.Hyperlinks:
        if (name === 'hyperlinks') this.mode = Mode.Top;
        return;
    }
  }

  text(raw: string): void {
    const s = decodeText(raw);
    if (this.inRunT) this.runParts.push(s);
    else if (this.node === Node.F) this.formula = this.formula === undefined ? s : this.formula + s;
    else this.value = this.value === undefined ? s : this.value + s;
  }

  private openRow(attrs: string): void {
    const a = attrsOf(attrs);
    const r = parseInt(a.get('r') ?? '', 10);
    if (!(r >= 1)) unsupported('a row without a number');
    if (this.seenRows.has(r)) unsupported('a row repeated');
    this.seenRows.add(r);
    const style = a.get('s');
    if (style && parseInt(style, 10) && this.info.dateStyles?.length !== undefined) {
      if (this.info.dateStyles.length === 0) unsupported('a row style without cell formats');
    } else if (style && parseInt(style, 10)) unsupported('a row style without a styles part');
    const hidden = a.get('hidden');
    if (hidden === '1' || hidden === 'true') this.hidden.push(r - 1);
    this.rowNumber = r;
    this.lastCol = 0;
    this.mode = Mode.Row;
  }

  private openCell(attrs: string): void {
    let ref: string | undefined;
    let t: string | undefined;
    let s: string | undefined;
    if (attrs !== '') {
      ATTR.lastIndex = 0;
      for (let m = ATTR.exec(attrs); m; m = ATTR.exec(attrs)) {
        const key = m[1];
        if (key === 'r') ref = decodeAttr(m[2] ?? m[3] ?? '');
        else if (key === 't') t = decodeAttr(m[2] ?? m[3] ?? '');
        else if (key === 's') s = decodeAttr(m[2] ?? m[3] ?? '');
      }
    }
    if (ref === undefined) return unsupported('a cell without a reference');
    const at = cellAddress(ref);
    if (!at || at.row !== this.rowNumber) return unsupported(`the cell reference ${ref}`);
    if (at.col <= this.lastCol) return unsupported('cells out of order in a row');
    this.lastCol = at.col;
    this.ref = ref;
    this.col = at.col;
    this.t = t;
    // ExcelJS: `if (s) styleId = parseInt(s)`; a style counts only when that is not 0 (or NaN).
    this.s = s ? parseInt(s, 10) : 0;
    if (this.s && this.info.dateStyles?.length === 0)
      unsupported('a cell style without cell formats');
    this.node = Node.None;
    this.formula = undefined;
    this.fCount = 0;
    this.shareType = undefined;
    this.si = undefined;
    this.fRef = undefined;
    this.value = undefined;
    this.inIs = false;
    this.runs = undefined;
    this.inRun = false;
    this.mode = Mode.Cell;
  }

  private openInCell(name: string, attrs: string): void {
    if (this.inRun) {
      if (this.runSkip > 0 || name === 'rPr') {
        this.runSkip++;
        return;
      }
      if (this.inRunT || name !== 't') unsupported(`<${name}> in a rich-text run`);
      this.inRunT = true;
      this.runParts = [];
      this.wantText = true;
      return;
    }
    if (this.node !== Node.None) unsupported(`<${name}> inside a cell's value`);
    switch (name) {
      case 'f': {
        if (++this.fCount > 1) unsupported('two formulas in a cell');
        const a = attrsOf(attrs);
        this.shareType = a.get('t');
        this.si = a.get('si');
        this.fRef = a.get('ref');
        this.node = Node.F;
        this.wantText = true;
        return;
      }
      case 'v':
        this.node = Node.V;
        this.wantText = true;
        return;
      case 'is':
        this.inIs = true;
        return;
      case 't':
        if (!this.inIs) unsupported('<t> outside <is>');
        this.node = Node.T;
        this.wantText = true;
        return;
      case 'r':
        if (!this.inIs) unsupported('<r> outside <is>');
        this.inRun = true;
        this.runText = undefined;
        this.runSkip = 0;
        this.inRunT = false;
        return;
      default:
        unsupported(`<${name}> in a cell`);
    }
  }

  private closeInCell(name: string): void {
    if (this.inRun) {
      if (this.runSkip > 0) {
        this.runSkip--;
        return;
      }
      if (this.inRunT) {
        this.inRunT = false;
        this.wantText = false;
        this.runText = ooxmlUnescape(this.runParts.join(''));
        return;
      }
      if (name !== 'r') unsupported(`</${name}> in a rich-text run`);
      this.inRun = false;
      (this.runs ??= []).push(this.runText ?? '');
      return;
    }
    switch (name) {
      case 'f':
      case 'v':
      case 't':
        this.node = Node.None;
        this.wantText = false;
        return;
      case 'is':
        this.inIs = false;
        return;
      case 'c':
        this.endCell();
        this.mode = Mode.Row;
        return;
      default:
        unsupported(`</${name}> in a cell`);
    }
  }

  private isDate(): boolean {
    return this.s ? this.info.dateStyles?.[this.s] === true : false;
  }

  private endCell(): void {
    const row = this.rowNumber - 1;
    const col = this.col - 1;
    this.cellsByRef?.set(this.ref, { row, col });
    if (this.runs !== undefined && (this.value !== undefined || this.t !== 'inlineStr')) {
      unsupported('rich text with other content in a cell');
    }
    let cell: RawCell;
    if (this.formula || this.shareType) {
      if (this.runs !== undefined) unsupported('rich text in a formula cell');
      cell = this.formulaCell(row, col);
    } else if (this.runs !== undefined) {
      cell = this.runs.join('');
    } else if (this.value !== undefined) {
      cell = this.valueCell(this.value);
    } else {
      return;
    }
    if (cell === null) return;
    let cells = this.rows[row];
    if (cells === undefined) {
      cells = [];
      this.rows[row] = cells;
    }
    while (cells.length < col) cells.push(null);
    cells[col] = cell;
  }

  private valueCell(v: string): RawCell {
    switch (this.t) {
      case 's': {
        const index = parseInt(v, 10);
        const strings = this.info.strings;
        if (strings === undefined) return numberCell(index);
        const s = strings[index];
        if (s === undefined || s === null) return unsupported(`shared string ${v}`);
        return s;
      }
      case 'str':
        return exceljsXmlDecode(v);
      case 'inlineStr':
        return v;
      case 'b':
        return parseInt(v, 10) !== 0;
      case 'e':
        return { error: v };
      default: {
        const n = parseFloat(v);
        return this.isDate() ? serialDate(n, this.info.date1904) : numberCell(n);
      }
    }
  }

  private formulaCell(row: number, col: number): RawCell {
    let result: Scalar | undefined;
    const v = this.value;
    if (v) {
      let raw: number | string | boolean | { error: string };
      if (this.t === 'str') raw = exceljsXmlDecode(v);
      else if (this.t === 'b') raw = parseInt(v, 10) !== 0;
      else if (this.t === 'e') raw = { error: v };
      else raw = parseFloat(v);
      if (this.isDate()) {
        result = serialDate(typeof raw === 'object' ? Number.NaN : Number(raw), this.info.date1904);
      } else result = typeof raw === 'number' ? numberCell(raw) : raw;
    }
    let text = this.formula;
    if (this.shareType === 'shared') {
      const si = this.si ?? 'undefined';
      if (this.fRef) this.masters.set(si, { row, col });
      else if (!text) {
        const master = this.masters.get(si);
        if (master) {
          const m = this.rows[master.row]?.[master.col];
          const from =
            m !== null && typeof m === 'object' && 'formula' in m && m.formula !== ''
              ? m.formula
              : unsupported('a shared formula whose master has no formula');
          this.usedMasters.push(master);
          text = slideFormula(
            from,
            { row: master.row + 1, col: master.col + 1 },
            { row: row + 1, col: col + 1 },
          );
        }
      }
    }
    const formula = text ?? '';
    if (result !== undefined) return { formula, result };
    // ExcelJS reads a cached '' as no result; read.ts mends that from the XML, and so here.
    return this.t === 'str' ? { formula, result: '' } : { formula };
  }
}

/** A merged range ('A1:B2', '$A$1:$B$2', 'A1') → its bounds; undefined if not one. */
function mergeBounds(
  ref: string,
): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
  if (!m) return undefined;
  const c1 = columnNumber(m[1] ?? '', 0, (m[1] ?? '').length);
  const r1 = parseInt(m[2] ?? '', 10);
  const c2 = m[3] === undefined ? c1 : columnNumber(m[3], 0, m[3].length);
  const r2 = m[4] === undefined ? r1 : parseInt(m[4], 10);
  if (!c1 || !c2 || !(r1 >= 1) || !(r2 >= 1)) return undefined;
  return {
    top: Math.min(r1, r2),
    left: Math.min(c1, c2),
    bottom: Math.max(r1, r2),
    right: Math.max(c1, c2),
  };
}

/** A hyperlinked cell as ExcelJS gives it: its text (a formula's result), '' when it has none. */
function linked(cell: RawCell | undefined): RawCell {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object' && 'formula' in cell) return cell.result ?? '';
  return cell;
}

async function readSheet(info: PackageInfo, ref: SheetRef): Promise<SheetGrid> {
  const relsEntry = info.entries.get(ref.rels);
  const rels = relsEntry ? relationships(await partText(info.zip, relsEntry)) : undefined;
  const sheet = new SheetScan(info, rels !== undefined && rels.size > 0);
  sheet.sheetRels = rels;
  await scan(partChunks(info.zip, info.entries.get(ref.part)), sheet);
  const rows = sheet.rows;

  // Hyperlinks first (ExcelJS applies them as it reads the cells), then the merges.
  for (const [linkRef] of sheet.hyperlinks) {
    const at = sheet.cellsByRef?.get(linkRef);
    if (at === undefined) continue;
    const cells = (rows[at.row] ??= []);
    while (cells.length < at.col) cells.push(null);
    cells[at.col] = linked(cells[at.col]);
  }
  const bounds = sheet.merges.map((m) => mergeBounds(m) ?? unsupported(`the merged range ${m}`));
  if (bounds.length > 4000) unsupported('more than 4,000 merged ranges');
  for (let i = 0; i < bounds.length; i++) {
    const a = bounds[i];
    if (!a) continue;
    for (let j = 0; j < i; j++) {
      const b = bounds[j];
      if (b && !(b.bottom < a.top || b.top > a.bottom || b.right < a.left || b.left > a.right)) {
        unsupported('merged ranges that overlap');
      }
    }
    for (let r = a.top - 1; r < a.bottom && r < rows.length; r++) {
      const cells = rows[r];
      if (!cells) continue;
      for (let c = a.left - 1; c < a.right && c < cells.length; c++) {
        if (r > a.top - 1 || c > a.left - 1) cells[c] = null;
      }
    }
  }
  for (const m of sheet.usedMasters) {
    const cell = rows[m.row]?.[m.col];
    if (cell === null || cell === undefined || typeof cell !== 'object' || !('formula' in cell)) {
      unsupported('the master of a shared formula is linked or merged');
    }
  }

  // Dense from A1 to the last value.
  let height = 0;
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) continue;
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] === null || cells[last] === undefined)) last--;
    if (last >= 0) {
      height = r + 1;
      width = Math.max(width, last + 1);
    }
  }
  const cells: RawCell[][] = new Array<RawCell[]>(height);
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    if (!row) {
      cells[r] = new Array<RawCell>(width).fill(null);
      continue;
    }
    if (row.length > width) row.length = width;
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    while (row.length < width) row.push(null);
    cells[r] = row;
  }
  rows.length = 0;
  const hiddenRows = [...new Set(sheet.hidden)].sort((a, b) => a - b);
  return { name: ref.name, cells, merges: bounds.map(rangeText), hiddenRows };
}

const rangeText = (
  b: { top: number; left: number; bottom: number; right: number } | undefined,
): string =>
  b === undefined ? '' : `${columnLetters(b.left)}${b.top}:${columnLetters(b.right)}${b.bottom}`;

/**
 * The grids of an .xlsx package's worksheets in tab order (those `o.sheets` picks), read without
 * ExcelJS. Throws `UnsupportedPackage` for what it leaves to ExcelJS, and other errors for a
 * damaged package.
 */
export async function readGrids(
  data: ArrayBuffer | Uint8Array,
  o: ReadGridsOptions = {},
): Promise<WorkbookGrids> {
  const zip = data instanceof Uint8Array ? data : new Uint8Array(data);
  const entries = zipEntries(zip);
  if (!entries) return unsupported('a zip this reader cannot list');
  const { sheets, date1904 } = await worksheetsOf(zip, entries);
  const wanted = o.sheets === undefined ? sheets : sheets.filter((s) => o.sheets?.(s.name));
  if (wanted.length === 0) return { sheets: [] };
  const stylesEntry = entries.get('xl/styles.xml');
  const sstEntry = entries.get('xl/sharedStrings.xml');
  const info: PackageInfo = {
    zip,
    entries,
    date1904,
    dateStyles: stylesEntry ? dateStylesOf(await partText(zip, stylesEntry)) : undefined,
    strings: sstEntry ? await sharedStrings(zip, sstEntry) : undefined,
  };
  const grids: SheetGrid[] = [];
  for (const ref of wanted) grids.push(await readSheet(info, ref));
  return { sheets: grids };
}
