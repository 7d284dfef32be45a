/**
 * The package writer: a WorkbookSpec written into the input workbook's own .xlsx package.
 *
 * Every zip entry of the input is copied as it is (its compressed bytes, not re-deflated) except
 * the few parts the new sheets need changed: the workbook part (its sheet list; the sheet-scoped
 * defined names and active tab follow the sheets' new places; the outputs' print titles, print
 * area and filter database names are written anew), its relationships, the content
 * types, the styles (the outputs' cell styles appended, nothing existing moved) and the document
 * properties' list of sheet names (dropped: optional, and it would be stale). The output
 * sheets are written directly as worksheet XML (`sheetXml.ts`) and deflated natively. So charts,
 * drawings, images, pivot tables, comments, defined names, data validation, form controls and
 * the macros of an .xlsm come out unchanged, and memory stays near the size of the file.
 *
 * A sheet is replaced only when the tool wrote it: its A2 holds the generated note
 * (`isGeneratedNote`). An output from an earlier run is replaced in place (same position, sheet
 * id, relationship and part), so references into it keep working; the spec's `remove` names
 * are deleted only when they carry the mark too. A sheet of the user's that has a name the spec
 * needs is never touched: the writer refuses (`SheetTakenError`) before writing anything.
 *
 * Browser-safe: no Node imports.
 */
import { fenjieError, outOfBounds } from '../../engine';
import { HostError } from '../host';
import { isGeneratedNote } from '../../workbook/note';
import {
  absoluteRange,
  quoteSheet,
  sameSheetName as sameName,
  type SheetSpec,
  type WorkbookSpec,
} from '../../workbook/spec';
import { checkSpec } from './check';
import { sheetXml, type SheetFrame } from './sheetXml';
import { EMPTY_STYLES, extendStyles } from './styles';
import { entryTextChunks, zipEntries, zipEntryText, type ZipEntry } from './unzip';
import {
  attr,
  element,
  elements,
  prefixOf,
  removeAttr,
  setAttr,
  xmlDecode,
  xmlEscape,
  type Found,
} from './xml';
import { buildZip, deflateText, type OutEntry } from './zipWrite';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_TYPE = `${REL_NS}/`;
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const WORKSHEET_CONTENT =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/**
 * A sheet the spec must write has the name of a sheet the tool did not write: a problem with the
 * workbook, in the catalogue (`SheetNameTaken`, naming the sheet), which the pane shows as it is.
 */
export class SheetTakenError extends HostError {
  constructor(readonly sheet: string) {
    super([fenjieError('SheetNameTaken', { sheet }, { sheet })]);
    this.name = 'SheetTakenError';
  }
}

const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const MACRO_TEMPLATE_MAIN = 'application/vnd.ms-excel.template.macroEnabled.main+xml';

/**
 * The workbook type of a template's main part. A plan of a template (.xltx, .xltm) is a workbook
 * to open, not a template, and Excel opens a package only under its type's extension: the output
 * is an .xlsx (.xlsm with macros).
 */
const WORKBOOK_OF_TEMPLATE: ReadonlyMap<string, string> = new Map([
  [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  ],
  [MACRO_TEMPLATE_MAIN, MACRO_MAIN],
]);

/**
 * Whether the package is a macro-enabled workbook or template (.xlsm, .xltm): Excel opens its
 * output only as .xlsm, and a plain one only as .xlsx, whatever the bytes hold.
 */
export async function isMacroEnabled(input: Uint8Array): Promise<boolean> {
  const entries = zipEntries(input);
  if (!entries) return false;
  const types = await zipEntryText(input, entries, '[Content_Types].xml');
  return (types?.includes(MACRO_MAIN) ?? false) || (types?.includes(MACRO_TEMPLATE_MAIN) ?? false);
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name in the zip (resolved), or undefined for an external target. */
  readonly part: string | undefined;
}

interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  readonly part: string | undefined;
  readonly isWorksheet: boolean;
  /** The `<sheet>` element as it stands in the input. */
  readonly xml: string;
}

/** The directory of a part name ('xl/workbook.xml' → 'xl'). */
const dirOf = (part: string): string => part.slice(0, Math.max(0, part.lastIndexOf('/')));

/** The relationships part of a part ('xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'). */
const relsOf = (part: string): string => {
  const dir = dirOf(part);
  const file = part.slice(part.lastIndexOf('/') + 1);
  return `${dir ? `${dir}/` : ''}_rels/${file}.rels`;
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch (error) {
    if (error instanceof URIError) return s;
    throw error;
  }
}

/** A relationship target resolved against its source's directory, as a zip entry name. */
function resolveTarget(sourceDir: string, target: string): string {
  // A target is a URI: %20 and the like are the part name's characters (kept as written if malformed).
  const t = /%[0-9a-fA-F]{2}/.test(target) ? safeDecode(target) : target;
  const parts = t.startsWith('/') ? [] : sourceDir.split('/').filter((p) => p !== '');
  for (const seg of t.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The target of a relationship from `sourceDir` to `part` (a relative path when it can be). */
function targetFor(sourceDir: string, part: string): string {
  const prefix = sourceDir === '' ? '' : `${sourceDir}/`;
  return part.startsWith(prefix) ? part.slice(prefix.length) : `/${part}`;
}

function parseRels(xml: string, sourcePart: string | undefined): Relationship[] {
  const dir = sourcePart === undefined ? '' : dirOf(sourcePart);
  return elements(xml, 'Relationship').map((found) => {
    const target = attr(found.attrs, 'Target') ?? '';
    const external = attr(found.attrs, 'TargetMode') === 'External';
    return {
      id: attr(found.attrs, 'Id') ?? '',
      type: attr(found.attrs, 'Type') ?? '',
      part: external ? undefined : resolveTarget(dir, target),
    };
  });
}

const typeIs = (rel: { type: string }, kind: string): boolean => rel.type.endsWith(`/${kind}`);

/** The package as read: entries by lower-cased name, and a way to read their text. */
class Package {
  readonly byName = new Map<string, [string, ZipEntry]>();
  constructor(
    readonly zip: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
  ) {
    for (const [name, e] of entries) this.byName.set(name.toLowerCase(), [name, e]);
  }
  /** The entry's real name for a part name (OPC part names ignore case). */
  nameOf(part: string): string | undefined {
    return this.byName.get(part.toLowerCase())?.[0];
  }
  has(part: string): boolean {
    return this.byName.has(part.toLowerCase());
  }
  async text(part: string): Promise<string | undefined> {
    const name = this.nameOf(part);
    return name === undefined ? undefined : zipEntryText(this.zip, this.entries, name);
  }
  chunks(part: string): AsyncGenerator<string> | undefined {
    const found = this.byName.get(part.toLowerCase());
    return found ? entryTextChunks(this.zip, found[1]) : undefined;
  }
}

/** What the first rows of an existing worksheet say: its A2 text and what a replacement keeps. */
interface SheetHead {
  /** A2 as text, with a shared string's index still to look up. */
  readonly a2: { text: string } | { shared: number } | undefined;
  readonly frame: SheetFrame;
}

/** Reads a worksheet only as far as its second row. */
async function sheetHead(pkg: Package, part: string): Promise<SheetHead> {
  const chunks = pkg.chunks(part);
  let text = '';
  if (chunks) {
    for await (const chunk of chunks) {
      text += chunk;
      if (/<(?:[\w.-]+:)?row\b[^>]*\br\s*=\s*["']([3-9]|\d\d+)["']/.test(text)) break;
      if (/<\/(?:[\w.-]+:)?sheetData>|<(?:[\w.-]+:)?sheetData\s*\/>/.test(text)) break;
      if (text.length > 1 << 22) break;
    }
  }
  const sheetPr = element(text, 'sheetPr');
  const codeName = sheetPr ? attr(sheetPr.attrs, 'codeName') : undefined;
  const tab = sheetPr?.body === undefined ? undefined : element(sheetPr.body, 'tabColor');
  const frame: SheetFrame = {
    ...(codeName !== undefined ? { codeName } : {}),
    ...(tab ? { tabColor: `<tabColor${tab.attrs}/>` } : {}),
  };
  return { a2: a2Of(text), frame };
}

/** The A2 cell of the first rows of a worksheet's XML. */
function a2Of(xml: string): SheetHead['a2'] {
  const data = element(xml, 'sheetData');
  const rowsXml = data?.body ?? xml.slice(xml.search(/<(?:[\w.-]+:)?sheetData\b/));
  let rowNumber = 0;
  for (const row of elements(rowsXml, 'row')) {
    const r = attr(row.attrs, 'r');
    rowNumber = r === undefined ? rowNumber + 1 : Number(r);
    if (rowNumber < 2) continue;
    if (rowNumber > 2 || row.body === undefined) return undefined;
    let col = 0;
    for (const c of elements(row.body, 'c')) {
      const ref = attr(c.attrs, 'r');
      col = ref === undefined ? col + 1 : ref.replace(/\d+$/, '') === 'A' ? 1 : 2;
      if (col !== 1) return undefined;
      const type = attr(c.attrs, 't');
      const body = c.body ?? '';
      if (type === 'inlineStr') return { text: textOf(element(body, 'is')?.body ?? '') };
      const v = element(body, 'v')?.body;
      if (v === undefined || element(body, 'f')) return undefined;
      if (type === 's') return { shared: Number(v) };
      if (type === 'str') return { text: decodeText(v) };
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Decoded XML text with OOXML's `_xHHHH_` escapes undone. */
const decodeText = (s: string): string =>
  xmlDecode(s).replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs, phonetic runs left out. */
const textOf = (body: string): string =>
  elements(body.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, ''), 't')
    .map((t) => decodeText(t.body ?? ''))
    .join('');

/** The n-th shared string, reading the shared strings part only as far as it. */
async function sharedString(pkg: Package, part: string | undefined, n: number): Promise<string> {
  const chunks = part === undefined ? undefined : pkg.chunks(part);
  if (!chunks || !Number.isInteger(n) || n < 0) return '';
  let text = '';
  let seen = 0;
  let from = 0;
  for await (const chunk of chunks) {
    text += chunk;
    const items = elements(text, 'si', from);
    for (const item of items) {
      if (seen === n) return textOf(item.body ?? '');
      seen++;
      from = item.end;
    }
    // Keep only what may still hold an unfinished item.
    text = text.slice(from);
    from = 0;
  }
  return '';
}

/** Replace sheet references to removed sheets in a defined name's formula with #REF!. */
function dropReferences(formula: string, removed: readonly string[]): string {
  let out = formula;
  for (const name of removed) {
    out = out.split(`${quoteSheet(name)}!`).join('#REF!');
    // Letters as the formula scanner takes them (workbook/formula.ts): ASCII and anything past
    // U+007F; no \p{L} in the pane's ES2017.
    if (/^[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*$/.test(name)) {
      out = out.replace(
        new RegExp(`(^|[^\\w.'!\\u0080-\\uffff])${name.replace(/[.]/g, '\\.')}!`, 'g'),
        '$1#REF!',
      );
    }
  }
  return out;
}

/** The part names reachable through relationships from the package's root. */
function reachable(rels: ReadonlyMap<string, Relationship[]>): Set<string> {
  const seen = new Set<string>();
  const visit = (relsPart: string): void => {
    for (const rel of rels.get(relsPart.toLowerCase()) ?? []) {
      if (rel.part === undefined) continue;
      const key = rel.part.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      visit(relsOf(rel.part));
    }
  };
  visit('_rels/.rels');
  return seen;
}

/** A deflated part ready to be an entry. */
async function deflatedEntry(
  name: string,
  pieces: Iterable<string | Uint8Array<ArrayBuffer>>,
  stamp: { time: number; date: number },
): Promise<OutEntry> {
  const d = await deflateText(pieces);
  return {
    rawName: new TextEncoder().encode(name),
    flags: 0x0800,
    method: 8,
    time: stamp.time,
    date: stamp.date,
    crc: d.crc,
    uncompressedSize: d.uncompressedSize,
    data: d.data,
  };
}

/** Where each sheet goes: an existing sheet (kept, or replaced by spec sheet `spec`), or a new one. */
type Slot = { old: SheetEntry; spec?: number } | { spec: number; old?: undefined };

/** A sheet the spec adds: its part, relationship and sheet id. */
interface Added {
  readonly spec: number;
  readonly part: string;
  readonly rid: string;
  readonly sheetId: number;
}

/** The sheets of the workbook part, with their relationships resolved. */
function sheetsOf(
  pkg: Package,
  sheetsEl: Found,
  relById: ReadonlyMap<string, Relationship>,
): SheetEntry[] {
  const body = sheetsEl.body ?? '';
  return elements(body, 'sheet').map((f) => {
    const rid = attr(f.attrs, '[\\w.-]+:id') ?? '';
    const rel = relById.get(rid);
    return {
      name: attr(f.attrs, 'name') ?? '',
      sheetId: Number(attr(f.attrs, 'sheetId')),
      rid,
      part: rel?.part === undefined ? undefined : pkg.nameOf(rel.part),
      isWorksheet: rel !== undefined && typeIs(rel, 'worksheet'),
      xml: body.slice(f.start, f.end),
    };
  });
}

/**
 * The sheets the tool wrote among those the spec names or supersedes (A2 holds the generated
 * note), each with what its replacement keeps. Other sheets are not read.
 */
async function ownSheets(
  pkg: Package,
  sheets: readonly SheetEntry[],
  spec: WorkbookSpec,
  sharedStrings: string | undefined,
): Promise<Map<SheetEntry, SheetFrame>> {
  const named = [...spec.sheets.map((s) => s.name), ...(spec.remove ?? [])];
  const own = new Map<SheetEntry, SheetFrame>();
  for (const sheet of sheets) {
    if (!named.some((n) => sameName(n, sheet.name)) || !sheet.isWorksheet || !sheet.part) continue;
    const head = await sheetHead(pkg, sheet.part);
    const a2 =
      head.a2 === undefined
        ? ''
        : 'text' in head.a2
          ? head.a2.text
          : await sharedString(pkg, sharedStrings, head.a2.shared);
    if (isGeneratedNote(a2)) own.set(sheet, head.frame);
  }
  return own;
}

/**
 * The new sheet order: kept sheets where they were, outputs replaced in place, superseded
 * outputs gone, a new output right after the one before it in the spec (or before the next one
 * present, or at the end).
 */
function arrange(
  old: readonly SheetEntry[],
  own: ReadonlyMap<SheetEntry, unknown>,
  spec: WorkbookSpec,
): { list: Slot[]; replaced: SheetEntry[]; removed: SheetEntry[] } {
  const replacing = new Map<SheetEntry, number>();
  spec.sheets.forEach((s, i) => {
    const o = old.find((x) => own.has(x) && sameName(x.name, s.name));
    if (o) replacing.set(o, i);
  });
  const removed = old.filter(
    (o) => own.has(o) && !replacing.has(o) && (spec.remove ?? []).some((n) => sameName(n, o.name)),
  );
  const list: Slot[] = old
    .filter((o) => !removed.includes(o))
    .map((o) => {
      const i = replacing.get(o);
      return i === undefined ? { old: o } : { old: o, spec: i };
    });
  const at = (i: number): number => list.findIndex((s) => s.spec === i);
  spec.sheets.forEach((_, i) => {
    if (at(i) >= 0) return;
    const prev = i > 0 ? at(i - 1) : -1;
    const next = spec.sheets.findIndex((__, j) => j > i && at(j) >= 0);
    const where = prev >= 0 ? prev + 1 : next >= 0 ? at(next) : list.length;
    list.splice(where, 0, { spec: i });
  });
  return { list, replaced: [...replacing.keys()], removed };
}

/** Rewrites every `local` element of `xml` through `edit` (undefined drops it). */
function editElements(xml: string, local: string, edit: (e: Found) => string | undefined): string {
  let out = '';
  let at = 0;
  for (const e of elements(xml, local)) {
    out += xml.slice(at, e.start) + (edit(e) ?? '');
    at = e.end;
  }
  return out + xml.slice(at);
}

/** An element with new attributes, its content kept. */
const rebuilt = (e: Found, local: string, attrs: string): string =>
  e.body === undefined
    ? `<${e.prefix}${local}${attrs}/>`
    : `<${e.prefix}${local}${attrs}>${e.body}</${e.prefix}${local}>`;

/** `items` inserted before the closing tag of the root element `local` (opening it if empty). */
function appendToRoot(xml: string, local: string, items: readonly string[]): string {
  if (items.length === 0) return xml;
  const prefix = element(xml, local)?.prefix ?? '';
  const body = items.map((i) => i.replace(/^<(?!\/)/, `<${prefix}`)).join('');
  const close = `</${prefix}${local}>`;
  const end = xml.lastIndexOf(close);
  if (end >= 0) return xml.slice(0, end) + body + xml.slice(end);
  const empty = new RegExp(`<(${prefix.replace('.', '\\.')})${local}\\b([^>]*?)\\/>`);
  if (!empty.test(xml)) throw new Error(`the package part has no ${local} element`);
  return xml.replace(empty, `<$1${local}$2>${body}</$1${local}>`);
}

/** The built-in names a sheet's page setup and filter make, which a replaced output's are replaced by. */
const SHEET_BUILT_INS = ['_xlnm.print_titles', '_xlnm.print_area', '_xlnm._filterdatabase'];

/**
 * The built-in defined names of a spec sheet at index `index` of the sheet list: its print titles,
 * print area and the hidden filter database Excel keeps for an AutoFilter (all scoped to it).
 */
function builtInNames(sheet: SheetSpec, index: number): string[] {
  const ref = (r: string): string => xmlEscape(`${quoteSheet(sheet.name)}!${r}`);
  const name = (n: string, body: string, hidden = false): string =>
    `<definedName name="${n}" localSheetId="${index}"${hidden ? ' hidden="1"' : ''}>${body}</definedName>`;
  const out: string[] = [];
  const t = sheet.print?.titleRows;
  if (t) out.push(name('_xlnm.Print_Titles', ref(`$${t.first}:$${t.last}`)));
  if (sheet.print?.area !== undefined)
    out.push(name('_xlnm.Print_Area', ref(absoluteRange(sheet.print.area))));
  if (sheet.autoFilter !== undefined)
    out.push(name('_xlnm._FilterDatabase', ref(absoluteRange(sheet.autoFilter)), true));
  return out;
}

/**
 * The workbook part with the new sheet list; sheet-scoped defined names and the active and first
 * tabs follow their sheets (names scoped to a removed sheet go, references to it become #REF!).
 * A replaced output's print titles, print area and filter database give way to `newNames` (the
 * built-in names of every spec sheet, scoped by its new index), so a second run never doubles them.
 */
function rewriteWorkbook(
  workbookXml: string,
  sheetsEl: Found,
  sheetXmls: readonly string[],
  newIndexOfOld: ReadonlyMap<number, number>,
  removedNames: readonly string[],
  specIndices: ReadonlySet<number>,
  newNames: readonly string[],
): { xml: string; activeOld: Set<number> } {
  const p = sheetsEl.prefix;
  let xml =
    workbookXml.slice(0, sheetsEl.start) +
    `<${p}sheets${sheetsEl.attrs}>${sheetXmls.join('')}</${p}sheets>` +
    workbookXml.slice(sheetsEl.end);
  if (newNames.length > 0 && !element(xml, 'definedNames')) {
    // None yet: an empty element where the schema puts it (after sheets, functionGroups and
    // externalReferences), filled below.
    const before = ['externalReferences', 'functionGroups', 'sheets']
      .map((local) => element(xml, local))
      .find((f): f is Found => f !== undefined) as Found;
    xml = `${xml.slice(0, before.end)}<${p}definedNames></${p}definedNames>${xml.slice(before.end)}`;
  }
  let added = false;
  xml = editElements(xml, 'definedNames', (names) => {
    let body = editElements(names.body ?? '', 'definedName', (dn) => {
      let attrs = dn.attrs;
      const local = attr(attrs, 'localSheetId');
      if (local !== undefined) {
        const moved = newIndexOfOld.get(Number(local));
        if (moved === undefined) return undefined;
        const builtIn = SHEET_BUILT_INS.includes((attr(attrs, 'name') ?? '').toLowerCase());
        if (builtIn && specIndices.has(moved)) return undefined;
        attrs = setAttr(attrs, 'localSheetId', String(moved));
      }
      const formula =
        dn.body === undefined || removedNames.length === 0
          ? dn.body
          : dropReferences(dn.body, removedNames);
      return rebuilt({ ...dn, body: formula }, 'definedName', attrs);
    });
    if (!added) {
      const np = names.prefix;
      body += newNames
        .map((n) =>
          n
            .replace(/^<definedName/, `<${np}definedName`)
            .replace(/<\/definedName>$/, `</${np}definedName>`),
        )
        .join('');
      added = true;
    }
    // An empty definedNames element is not allowed: leave none.
    return elements(body, 'definedName').length === 0
      ? ''
      : `<${names.prefix}definedNames${names.attrs}>${body}</${names.prefix}definedNames>`;
  });
  const activeOld = new Set<number>();
  xml = editElements(xml, 'workbookView', (view) => {
    let attrs = view.attrs;
    const active = Number(attr(attrs, 'activeTab') ?? '0');
    activeOld.add(active);
    const moves: [string, string | undefined][] = [
      ['activeTab', String(active)],
      ['firstSheet', attr(attrs, 'firstSheet')],
    ];
    for (const [key, v] of moves) {
      if (v === undefined) continue;
      const moved = newIndexOfOld.get(Number(v)) ?? 0;
      attrs = moved === 0 ? removeAttr(attrs, key) : setAttr(attrs, key, String(moved));
    }
    return rebuilt(view, 'workbookView', attrs);
  });
  return { xml, activeOld };
}

/**
 * The input package with the spec's sheets written into it. Throws `SheetTakenError` when a
 * sheet the spec needs has the name of a user's sheet, and an Error for a spec that would give a
 * broken file or bytes that are not an .xlsx package; nothing is half-written either way.
 */
export async function writePackage(input: Uint8Array, spec: WorkbookSpec): Promise<Uint8Array> {
  checkSpec(spec);
  const entries = zipEntries(input);
  if (!entries) throw new Error('not a zip archive');
  for (const e of entries.values()) {
    if (e.flags & 1) throw new Error('the package has encrypted entries');
    if (e.size === 0xffffffff || e.uncompressedSize === 0xffffffff || e.localOffset === 0xffffffff)
      throw new Error('zip64 packages are not supported');
  }
  const pkg = new Package(input, entries);

  // All relationships of the package, by the (lower-cased) name of their rels part.
  const rels = new Map<string, Relationship[]>();
  for (const [name] of entries) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(name);
    if (!m) continue;
    const source = `${m[1] ?? ''}${m[2] ?? ''}`;
    const xml = await pkg.text(name);
    if (xml !== undefined)
      rels.set(name.toLowerCase(), parseRels(xml, source === '' ? undefined : source));
  }
  const before = reachable(rels);

  const rootRels = rels.get('_rels/.rels') ?? [];
  const workbookPart = rootRels.find((r) => typeIs(r, 'officeDocument'))?.part ?? 'xl/workbook.xml';
  const workbookName = pkg.nameOf(workbookPart);
  const workbookXml = workbookName === undefined ? undefined : await pkg.text(workbookName);
  if (workbookName === undefined || workbookXml === undefined)
    throw new Error('the package has no workbook part');
  const typesName = pkg.nameOf('[Content_Types].xml');
  const typesXml = typesName === undefined ? undefined : await pkg.text(typesName);
  if (typesName === undefined || typesXml === undefined)
    throw new Error('the package has no [Content_Types].xml');
  const wbDir = dirOf(workbookName);
  const inWbDir = (file: string): string => (wbDir ? `${wbDir}/${file}` : file);
  const wbRelsName = pkg.nameOf(relsOf(workbookName)) ?? relsOf(workbookName);
  const wbRels = rels.get(wbRelsName.toLowerCase()) ?? [];
  const wbRelsXml =
    (await pkg.text(wbRelsName)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"/>`;

  // The sheets as they stand, and which of them the tool wrote.
  const sheetsEl = element(workbookXml, 'sheets');
  if (!sheetsEl) throw new Error('the workbook part has no sheet list');
  const old = sheetsOf(pkg, sheetsEl, new Map(wbRels.map((r) => [r.id, r])));
  const sharedStrings = wbRels.find((r) => typeIs(r, 'sharedStrings'))?.part;
  const own = await ownSheets(pkg, old, spec, sharedStrings);
  for (const s of spec.sheets) {
    const taken = old.find((o) => sameName(o.name, s.name) && !own.has(o));
    if (taken) throw new SheetTakenError(taken.name);
  }
  const { list, replaced, removed } = arrange(old, own, spec);

  // Sheet ids, relationship ids and part names for the new sheets.
  let sheetId = Math.max(0, ...old.map((o) => (Number.isFinite(o.sheetId) ? o.sheetId : 0)));
  const usedRids = new Set(wbRels.map((r) => r.id));
  let ridN = 0;
  const newRid = (): string => {
    do ridN++;
    while (usedRids.has(`rId${ridN}`));
    return `rId${ridN}`;
  };
  let partN = 0;
  const newPart = (): string => {
    let part;
    do part = inWbDir(`worksheets/sheet${++partN}.xml`);
    while (pkg.has(part));
    return part;
  };
  const added: Added[] = list
    .filter((slot) => slot.old === undefined)
    .map((slot) => ({
      spec: slot.spec,
      part: newPart(),
      rid: newRid(),
      sheetId: ++sheetId,
    }));
  const addedOf = new Map(added.map((a) => [a.spec, a]));

  // The workbook part.
  const oldIndex = new Map(old.map((o, i) => [o, i]));
  const newIndexOfOld = new Map<number, number>();
  list.forEach((slot, i) => {
    if (slot.old) newIndexOfOld.set(oldIndex.get(slot.old) as number, i);
  });
  const relPrefix = prefixOf(workbookXml, REL_NS);
  const sheetXmls = list.map((slot) => {
    const name =
      slot.spec === undefined ? undefined : (spec.sheets[slot.spec] ?? outOfBounds()).name;
    if (slot.old) {
      if (name === undefined || name === slot.old.name) return slot.old.xml;
      const el = element(slot.old.xml, 'sheet') as Found;
      return rebuilt(el, 'sheet', setAttr(el.attrs, 'name', name));
    }
    const a = addedOf.get(slot.spec) as Added;
    const rid =
      relPrefix === undefined
        ? ` xmlns:r="${REL_NS}" r:id="${a.rid}"`
        : ` ${relPrefix}id="${a.rid}"`;
    return `<${sheetsEl.prefix}sheet name="${xmlEscape(name ?? '')}" sheetId="${a.sheetId}"${rid}/>`;
  });
  const specIndices = new Set<number>();
  const newNames: string[] = [];
  list.forEach((slot, i) => {
    if (slot.spec === undefined) return;
    specIndices.add(i);
    newNames.push(...builtInNames(spec.sheets[slot.spec] ?? outOfBounds(), i));
  });
  const workbook = rewriteWorkbook(
    workbookXml,
    sheetsEl,
    sheetXmls,
    newIndexOfOld,
    removed.map((r) => r.name),
    specIndices,
    newNames,
  );

  // The workbook's relationships: removed sheets and a stale calculation chain out, new sheets
  // (and styles, if the package had none) in.
  const dropped = new Set<string>(removed.map((r) => r.rid));
  const calcChain = wbRels.find((r) => typeIs(r, 'calcChain'));
  if (calcChain && (removed.length > 0 || replaced.length > 0)) dropped.add(calcChain.id);
  const worksheetType = wbRels.find((r) => typeIs(r, 'worksheet'))?.type ?? `${REL_TYPE}worksheet`;
  const relationship = (id: string, type: string, part: string): string =>
    `<Relationship Id="${id}" Type="${xmlEscape(type)}" Target="${xmlEscape(targetFor(wbDir, part))}"/>`;
  const newRels = added.map((a) => relationship(a.rid, worksheetType, a.part));
  const stylesRel = wbRels.find((r) => typeIs(r, 'styles'));
  const existingStyles = stylesRel?.part === undefined ? undefined : pkg.nameOf(stylesRel.part);
  const stylesName = existingStyles ?? inWbDir('styles.xml');
  if (existingStyles === undefined)
    newRels.push(relationship(newRid(), `${REL_TYPE}styles`, stylesName));
  const relsXml = appendToRoot(
    editElements(wbRelsXml, 'Relationship', (r) =>
      dropped.has(attr(r.attrs, 'Id') ?? '') ? undefined : wbRelsXml.slice(r.start, r.end),
    ),
    'Relationships',
    newRels,
  );

  // Parts no longer reachable: the removed sheets', the replaced sheets' own (drawings,
  // comments … of the old output), the calculation chain; nothing the input already held loose.
  const relsAfter = new Map(rels);
  relsAfter.set(wbRelsName.toLowerCase(), parseRels(relsXml, workbookName));
  for (const o of replaced) if (o.part) relsAfter.delete(relsOf(o.part).toLowerCase());
  const after = reachable(relsAfter);
  const gone = new Set<string>();
  for (const part of before) {
    if (after.has(part)) continue;
    gone.add(part);
    gone.add(relsOf(part).toLowerCase());
  }
  for (const o of replaced) if (o.part) gone.add(relsOf(o.part).toLowerCase());

  // Content types: overrides of the parts gone out, of the new parts in; a template's main part
  // a workbook's.
  const partOf = (o: Found): string =>
    (attr(o.attrs, 'PartName') ?? '').replace(/^\//, '').toLowerCase();
  const types = editElements(typesXml, 'Override', (o) => {
    if (gone.has(partOf(o))) return undefined;
    const xml = typesXml.slice(o.start, o.end);
    const type = attr(o.attrs, 'ContentType') ?? '';
    const workbook = WORKBOOK_OF_TEMPLATE.get(type);
    return workbook === undefined ? xml : xml.replace(type, workbook);
  });
  const overridden = new Set(elements(types, 'Override').map(partOf));
  const override = (part: string, type: string): string =>
    `<Override PartName="/${xmlEscape(part)}" ContentType="${type}"/>`;
  const newTypes = [...replaced.map((o) => o.part), ...added.map((a) => a.part)]
    .filter((p): p is string => p !== undefined && !overridden.has(p.toLowerCase()))
    .map((p) => override(p, WORKSHEET_CONTENT));
  if (existingStyles === undefined) newTypes.push(override(stylesName, STYLES_CONTENT));

  // Styles: the outputs' appended.
  const stylesXml = existingStyles === undefined ? EMPTY_STYLES : await pkg.text(existingStyles);
  const styles = extendStyles(stylesXml ?? EMPTY_STYLES, spec);

  // The new and changed parts, deflated natively; the sheets one after another to bound memory.
  const wbEntry = entries.get(workbookName) as ZipEntry;
  const stamp = { time: wbEntry.time, date: wbEntry.date };
  const changed = new Map<string, OutEntry>();
  const change = async (
    name: string,
    pieces: Iterable<string | Uint8Array<ArrayBuffer>>,
  ): Promise<void> => {
    changed.set(name.toLowerCase(), await deflatedEntry(name, pieces, stamp));
  };
  await change(workbookName, [workbook.xml]);
  await change(wbRelsName, [relsXml]);
  await change(typesName, [appendToRoot(types, 'Types', newTypes)]);
  await change(stylesName, [styles.xml]);
  // The document properties' list of sheet names (TitlesOfParts, counted in HeadingPairs) would
  // be stale; it is optional, and the next save in Excel or WPS writes it anew.
  const appRel = rootRels.find((r) => typeIs(r, 'extended-properties'));
  const appName = appRel?.part === undefined ? undefined : pkg.nameOf(appRel.part);
  const appXml = appName === undefined ? undefined : await pkg.text(appName);
  if (appName !== undefined && appXml !== undefined) {
    const trimmed = ['HeadingPairs', 'TitlesOfParts'].reduce(
      (xml, local) => editElements(xml, local, () => undefined),
      appXml,
    );
    if (trimmed !== appXml) await change(appName, [trimmed]);
  }
  const activeNew = new Set([...workbook.activeOld].map((i) => newIndexOfOld.get(i) ?? 0));
  for (const [i, slot] of list.entries()) {
    if (slot.spec === undefined) continue;
    const frame: SheetFrame = {
      ...(slot.old ? own.get(slot.old) : {}),
      selected: activeNew.has(i),
    };
    const part = slot.old?.part ?? (addedOf.get(slot.spec) as Added).part;
    await change(part, sheetXml(spec.sheets[slot.spec] ?? outOfBounds(), styles, frame));
  }

  // The input's entries in order (copied, or changed), then the new parts.
  const out: OutEntry[] = [];
  for (const [name, e] of entries) {
    const key = name.toLowerCase();
    if (gone.has(key)) continue;
    const next = changed.get(key);
    changed.delete(key);
    if (next) {
      out.push(next);
      continue;
    }
    const start = localDataStart(input, e);
    out.push({
      rawName: e.rawName,
      flags: e.flags,
      method: e.method,
      time: e.time,
      date: e.date,
      crc: e.crc,
      uncompressedSize: e.uncompressedSize,
      data: [input.subarray(start, start + e.size)],
    });
  }
  return buildZip([...out, ...changed.values()]);
}

/** Where an entry's stored bytes start (after its local header). */
function localDataStart(zip: Uint8Array, e: ZipEntry): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = e.localOffset;
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

/** The parts of an empty workbook: no sheets yet, the default styles. */
const EMPTY_PACKAGE: readonly (readonly [string, string])[] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `<Override PartName="/xl/styles.xml" ContentType="${STYLES_CONTENT}"/></Types>`,
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL_TYPE}officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}">` +
      '<bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029"/></workbook>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL_TYPE}styles" Target="styles.xml"/></Relationships>`,
  ],
  ['xl/styles.xml', EMPTY_STYLES],
];

/** A new workbook holding only the spec's sheets (a template written by `init`, tests). */
export async function newPackage(spec: WorkbookSpec): Promise<Uint8Array> {
  const stamp = { time: 0, date: (1 << 5) | 1 }; // 1980-01-01 00:00, so the bytes are reproducible
  const parts = await Promise.all(
    EMPTY_PACKAGE.map(([name, xml]) => deflatedEntry(name, [xml], stamp)),
  );
  return writePackage(buildZip(parts), spec);
}
