/**
 * The package writer: a WorkbookSpec written into the input workbook's own .xlsx package.
 *
 * Every zip entry of the input is copied as it is (its compressed bytes, not re-deflated) except
 * the few parts the new sheets need changed: the workbook part (its sheet list; the sheet-scoped
 * defined names and active tab follow the sheets' new places), its relationships, the content
 * types and the styles (the outputs' cell styles appended, nothing existing moved). The output
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
import { isGeneratedNote } from '../../workbook/note';
import { quoteSheet, sameSheetName as sameName, type WorkbookSpec } from '../../workbook/spec';
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
const WORKSHEET_CONTENT =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** A sheet the spec must write has the name of a sheet the tool did not write. */
export class SheetTakenError extends Error {
  constructor(readonly sheet: string) {
    super(`the workbook has a sheet named ${sheet} that Fenjie did not write; it is left alone`);
    this.name = 'SheetTakenError';
  }
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name in the zip (resolved), or undefined for an external target. */
  readonly part: string | undefined;
  readonly found: Found;
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
      found,
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
    if (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name)) {
      out = out.replace(
        new RegExp(`(^|[^\\p{L}\\p{N}_.'!])${name.replace(/[.]/g, '\\.')}!`, 'gu'),
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
    if (!name.toLowerCase().endsWith('.rels')) continue;
    const m = /^(.*?)_rels\/([^/]+)\.rels$/i.exec(name);
    const source = m ? `${m[1] ?? ''}${m[2] ?? ''}` : undefined;
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
  const wbRelsName = pkg.nameOf(relsOf(workbookName)) ?? relsOf(workbookName);
  const wbRels = rels.get(wbRelsName.toLowerCase()) ?? [];
  const wbRelsXml =
    (await pkg.text(wbRelsName)) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const relById = new Map(wbRels.map((r) => [r.id, r]));

  // The sheets as they stand.
  const sheetsEl = element(workbookXml, 'sheets');
  if (!sheetsEl) throw new Error('the workbook part has no sheet list');
  const sheetPrefix = sheetsEl.prefix;
  const old: SheetEntry[] = elements(sheetsEl.body ?? '', 'sheet').map((f) => {
    const rid = attr(f.attrs, '[\\w.-]+:id') ?? '';
    const rel = relById.get(rid);
    return {
      name: attr(f.attrs, 'name') ?? '',
      sheetId: Number(attr(f.attrs, 'sheetId')),
      rid,
      part: rel?.part === undefined ? undefined : pkg.nameOf(rel.part),
      isWorksheet: rel !== undefined && typeIs(rel, 'worksheet'),
      xml: (sheetsEl.body ?? '').slice(f.start, f.end),
    };
  });

  // Which of the sheets the spec names (or supersedes) the tool wrote.
  const sharedPart = wbRels.find((r) => typeIs(r, 'sharedStrings'))?.part;
  const named = [...spec.sheets.map((s) => s.name), ...(spec.remove ?? [])];
  const own = new Set<SheetEntry>();
  const frames = new Map<SheetEntry, SheetFrame>();
  for (const sheet of old) {
    if (!named.some((n) => sameName(n, sheet.name)) || !sheet.isWorksheet || !sheet.part) continue;
    const head = await sheetHead(pkg, sheet.part);
    const a2 =
      head.a2 === undefined
        ? ''
        : 'text' in head.a2
          ? head.a2.text
          : await sharedString(pkg, sharedPart, head.a2.shared);
    if (isGeneratedNote(a2)) {
      own.add(sheet);
      frames.set(sheet, head.frame);
    }
  }
  for (const s of spec.sheets) {
    const taken = old.find((o) => sameName(o.name, s.name) && !own.has(o));
    if (taken) throw new SheetTakenError(taken.name);
  }

  // The new sheet list: kept sheets where they were, outputs replaced in place, new ones after
  // the output before them in the spec (or before the next one present, or at the end).
  const replaced = new Map<SheetEntry, number>();
  spec.sheets.forEach((s, i) => {
    const o = old.find((x) => own.has(x) && sameName(x.name, s.name));
    if (o) replaced.set(o, i);
  });
  const removed = old.filter(
    (o) => own.has(o) && !replaced.has(o) && (spec.remove ?? []).some((n) => sameName(n, o.name)),
  );
  type Slot = { old: SheetEntry; spec?: number } | { spec: number; old?: undefined };
  const list: Slot[] = old
    .filter((o) => !removed.includes(o))
    .map((o) => {
      const i = replaced.get(o);
      return i === undefined ? { old: o } : { old: o, spec: i };
    });
  const indexOfSpec = (i: number): number => list.findIndex((s) => s.spec === i);
  spec.sheets.forEach((_, i) => {
    if (indexOfSpec(i) >= 0) return;
    const prev = i > 0 ? indexOfSpec(i - 1) : -1;
    if (prev >= 0) {
      list.splice(prev + 1, 0, { spec: i });
      return;
    }
    const next = spec.sheets.findIndex((__, j) => j > i && indexOfSpec(j) >= 0);
    list.splice(next >= 0 ? indexOfSpec(next) : list.length, 0, { spec: i });
  });

  // Ids, relationships and part names for the new sheets.
  let nextSheetId =
    Math.max(0, ...old.map((o) => (Number.isFinite(o.sheetId) ? o.sheetId : 0))) + 1;
  const usedRids = new Set(wbRels.map((r) => r.id));
  let ridN = 1;
  const newRid = (): string => {
    while (usedRids.has(`rId${ridN}`)) ridN++;
    usedRids.add(`rId${ridN}`);
    return `rId${ridN}`;
  };
  const wbDir = dirOf(workbookName);
  let partN = 1;
  const newPart = (): string => {
    for (;;) {
      const part = `${wbDir ? `${wbDir}/` : ''}worksheets/sheet${partN++}.xml`;
      if (!pkg.has(part)) return part;
    }
  };
  const worksheetType = wbRels.find((r) => typeIs(r, 'worksheet'))?.type ?? `${REL_TYPE}worksheet`;
  const relPrefix = prefixOf(workbookXml, REL_NS);
  const added: { spec: number; part: string; rid: string; sheetId: number }[] = [];
  for (const slot of list) {
    if (slot.old === undefined)
      added.push({ spec: slot.spec, part: newPart(), rid: newRid(), sheetId: nextSheetId++ });
  }
  const addedOf = new Map(added.map((a) => [a.spec, a]));

  // The workbook part: the sheet list, sheet-scoped names and the active tab.
  const oldIndex = new Map(old.map((o, i) => [o, i]));
  const newIndexOfOld = new Map<number, number>();
  list.forEach((slot, i) => {
    if (slot.old) newIndexOfOld.set(oldIndex.get(slot.old) as number, i);
  });
  const sheetElements = list.map((slot) => {
    if (slot.old) {
      if (slot.spec === undefined) return slot.old.xml;
      const name = (spec.sheets[slot.spec] as { name: string }).name;
      if (name === slot.old.name) return slot.old.xml;
      const el = element(slot.old.xml, 'sheet') as Found;
      return `<${el.prefix}sheet${setAttr(el.attrs, 'name', name)}${el.body === undefined ? '/>' : `>${el.body}</${el.prefix}sheet>`}`;
    }
    const a = addedOf.get(slot.spec) as (typeof added)[number];
    const name = xmlEscape((spec.sheets[slot.spec] as { name: string }).name);
    const rid =
      relPrefix === undefined
        ? ` xmlns:r="${REL_NS}" r:id="${a.rid}"`
        : ` ${relPrefix}id="${a.rid}"`;
    return `<${sheetPrefix}sheet name="${name}" sheetId="${a.sheetId}"${rid}/>`;
  });
  let wbXml =
    workbookXml.slice(0, sheetsEl.start) +
    `<${sheetPrefix}sheets${sheetsEl.attrs}>${sheetElements.join('')}</${sheetPrefix}sheets>` +
    workbookXml.slice(sheetsEl.end);
  const removedNames = removed.map((r) => r.name);
  const definedNames = element(wbXml, 'definedNames');
  if (definedNames?.body !== undefined) {
    const body = definedNames.body;
    let next = '';
    let at = 0;
    for (const dn of elements(body, 'definedName')) {
      next += body.slice(at, dn.start);
      at = dn.end;
      const local = attr(dn.attrs, 'localSheetId');
      let attrs = dn.attrs;
      if (local !== undefined) {
        const moved = newIndexOfOld.get(Number(local));
        if (moved === undefined) continue; // scoped to a removed sheet
        attrs = setAttr(attrs, 'localSheetId', String(moved));
      }
      const formula =
        removedNames.length > 0 ? dropReferences(dn.body ?? '', removedNames) : dn.body;
      next +=
        formula === undefined
          ? `<${dn.prefix}definedName${attrs}/>`
          : `<${dn.prefix}definedName${attrs}>${formula}</${dn.prefix}definedName>`;
    }
    next += body.slice(at);
    const replacedNames =
      elements(next, 'definedName').length === 0
        ? ''
        : `<${definedNames.prefix}definedNames${definedNames.attrs}>${next}</${definedNames.prefix}definedNames>`;
    wbXml = wbXml.slice(0, definedNames.start) + replacedNames + wbXml.slice(definedNames.end);
  }
  // The active tab (and first tab shown) follow their sheets; a removed one gives way to the first.
  const activeOld = new Set<number>();
  {
    let out = '';
    let at = 0;
    for (const view of elements(wbXml, 'workbookView')) {
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
      const body = view.body === undefined ? '/>' : `>${view.body}</${view.prefix}workbookView>`;
      out += `${wbXml.slice(at, view.start)}<${view.prefix}workbookView${attrs}${body}`;
      at = view.end;
    }
    wbXml = out + wbXml.slice(at);
  }

  // The workbook's relationships: removed sheets and a stale calculation chain out, new sheets in.
  const dropped = new Set<string>(removed.map((r) => r.rid));
  const calcChain = wbRels.find((r) => typeIs(r, 'calcChain'));
  if (calcChain && (removed.length > 0 || replaced.size > 0)) dropped.add(calcChain.id);
  let stylesRel = wbRels.find((r) => typeIs(r, 'styles'));
  let stylesName = stylesRel?.part === undefined ? undefined : pkg.nameOf(stylesRel.part);
  const newRels: string[] = added.map(
    (a) =>
      `<Relationship Id="${a.rid}" Type="${xmlEscape(worksheetType)}" Target="${xmlEscape(targetFor(wbDir, a.part))}"/>`,
  );
  let newStylesPart: string | undefined;
  if (stylesName === undefined) {
    newStylesPart = `${wbDir ? `${wbDir}/` : ''}styles.xml`;
    const rid = newRid();
    newRels.push(
      `<Relationship Id="${rid}" Type="${REL_TYPE}styles" Target="${targetFor(wbDir, newStylesPart)}"/>`,
    );
    stylesRel = undefined;
    stylesName = newStylesPart;
  }
  let relsOut = '';
  {
    let at = 0;
    for (const rel of wbRels) {
      if (!dropped.has(rel.id)) continue;
      relsOut += wbRelsXml.slice(at, rel.found.start);
      at = rel.found.end;
    }
    relsOut += wbRelsXml.slice(at);
    const relPrefixInRels = element(relsOut, 'Relationships')?.prefix ?? '';
    const close = `</${relPrefixInRels}Relationships>`;
    const end = relsOut.lastIndexOf(close);
    const items = newRels.map((r) =>
      r.replace(/^<Relationship/, `<${relPrefixInRels}Relationship`),
    );
    relsOut =
      end < 0
        ? relsOut.replace(
            /<((?:[\w.-]+:)?)Relationships\b([^>]*?)\/>/,
            `<$1Relationships$2>${items.join('')}</$1Relationships>`,
          )
        : relsOut.slice(0, end) + items.join('') + relsOut.slice(end);
  }

  // Parts no longer reachable: the removed sheets', the replaced sheets' own (drawings,
  // comments … of the old output), the calculation chain; nothing the input already held loose.
  const relsAfter = new Map(rels);
  relsAfter.set(wbRelsName.toLowerCase(), parseRels(relsOut, workbookName));
  for (const o of replaced.keys()) if (o.part) relsAfter.delete(relsOf(o.part).toLowerCase());
  const after = reachable(relsAfter);
  const gone = new Set<string>();
  for (const part of before) {
    if (after.has(part)) continue;
    gone.add(part);
    gone.add(relsOf(part).toLowerCase());
  }
  for (const o of replaced.keys()) if (o.part) gone.add(relsOf(o.part).toLowerCase());

  // Content types: overrides of parts gone out, of new parts in.
  const typesName = pkg.nameOf('[Content_Types].xml');
  const typesXml = typesName === undefined ? undefined : await pkg.text(typesName);
  if (typesName === undefined || typesXml === undefined)
    throw new Error('the package has no [Content_Types].xml');
  let types = '';
  {
    let at = 0;
    for (const o of elements(typesXml, 'Override')) {
      const part = (attr(o.attrs, 'PartName') ?? '').replace(/^\//, '').toLowerCase();
      if (!gone.has(part)) continue;
      types += typesXml.slice(at, o.start);
      at = o.end;
    }
    types += typesXml.slice(at);
    const overridden = new Set(
      elements(types, 'Override').map((o) =>
        (attr(o.attrs, 'PartName') ?? '').replace(/^\//, '').toLowerCase(),
      ),
    );
    const typesPrefix = element(types, 'Types')?.prefix ?? '';
    const more = [
      ...[...replaced.keys()].map((o) => o.part).filter((p): p is string => p !== undefined),
      ...added.map((a) => a.part),
    ]
      .filter((p) => !overridden.has(p.toLowerCase()))
      .map(
        (p) =>
          `<${typesPrefix}Override PartName="/${xmlEscape(p)}" ContentType="${WORKSHEET_CONTENT}"/>`,
      );
    if (newStylesPart !== undefined)
      more.push(
        `<${typesPrefix}Override PartName="/${newStylesPart}" ContentType="${STYLES_CONTENT}"/>`,
      );
    const close = `</${typesPrefix}Types>`;
    const end = types.lastIndexOf(close);
    if (end < 0) throw new Error('[Content_Types].xml has no Types element');
    types = types.slice(0, end) + more.join('') + types.slice(end);
  }

  // Styles: the outputs' styles appended.
  const stylesXml = newStylesPart === undefined ? await pkg.text(stylesName) : EMPTY_STYLES;
  const styles = extendStyles(stylesXml ?? EMPTY_STYLES, spec);

  // The new and changed parts, deflated natively; the sheets one after another to bound memory.
  const wbEntry = entries.get(workbookName) as ZipEntry;
  const stamp = { time: wbEntry.time, date: wbEntry.date };
  const changed = new Map<string, OutEntry>();
  const change = async (name: string, pieces: Iterable<string>): Promise<void> => {
    changed.set(name.toLowerCase(), await deflatedEntry(name, pieces, stamp));
  };
  await change(workbookName, [wbXml]);
  await change(wbRelsName, [relsOut]);
  await change(typesName, [types]);
  await change(stylesName, [styles.xml]);
  const activeNew = new Set([...activeOld].map((i) => newIndexOfOld.get(i) ?? 0));
  const tail: OutEntry[] = [];
  for (const [i, slot] of list.entries()) {
    if (slot.spec === undefined) continue;
    const sheet = spec.sheets[slot.spec] as WorkbookSpec['sheets'][number];
    const frame: SheetFrame = {
      ...(slot.old ? frames.get(slot.old) : {}),
      selected: activeNew.has(i),
    };
    const part = slot.old?.part ?? (addedOf.get(slot.spec) as (typeof added)[number]).part;
    const entry = await deflatedEntry(part, sheetXml(sheet, styles, frame), stamp);
    if (slot.old) changed.set(part.toLowerCase(), entry);
    else tail.push(entry);
  }
  if (newStylesPart !== undefined) tail.push(changed.get(newStylesPart.toLowerCase()) as OutEntry);

  const out: OutEntry[] = [];
  for (const [name, e] of entries) {
    const key = name.toLowerCase();
    if (gone.has(key)) continue;
    const next = changed.get(key);
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
  if (!entries.has(wbRelsName)) tail.unshift(changed.get(wbRelsName.toLowerCase()) as OutEntry);
  return buildZip([...out, ...tail]);
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
