/**
 * ExcelJS reads a formula whose cached result is the empty string (`<c t="str"><f>…</f><v></v>`,
 * as Excel writes `=IF(A1="","",A1)`) exactly like a formula with no cached value at all. This
 * looks at the raw sheet XML to tell the two apart. Runs in the browser and in Node.
 */
import { zipEntries, zipEntryText } from './unzip';

const attr = (attrs: string, name: string): string | undefined =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(attrs)
    ?.slice(1)
    .find((v: string | undefined) => v !== undefined);

/** Decode XML character references and the five predefined entities. */
export const xmlDecode = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });

/** Sheet name → path of its XML part inside the package. */
export function sheetParts(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [, attrs = ''] of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(attrs, 'Id');
    const target = attr(attrs, 'Target');
    if (id === undefined || target === undefined) continue;
    const decoded = xmlDecode(target);
    targets.set(
      id,
      decoded.startsWith('/') ? decoded.slice(1) : `xl/${decoded.replace(/^\.\//, '')}`,
    );
  }
  const parts = new Map<string, string>();
  for (const [, attrs = ''] of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = attr(attrs, 'name');
    const id = attr(attrs, '\\w+:id');
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part !== undefined) parts.set(xmlDecode(name), part);
  }
  return parts;
}

/** References ('B7') of formula cells in one sheet's XML whose cached result is ''. */
export function emptyStringFormulaCells(sheetXml: string): Set<string> {
  const refs = new Set<string>();
  for (const [, attrs = '', body = ''] of sheetXml.matchAll(
    /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g,
  )) {
    if (attr(attrs, 't') !== 'str' || !/<(?:\w+:)?f\b/.test(body)) continue;
    const value = /<(?:\w+:)?v>([^<]*)<\/(?:\w+:)?v>/.exec(body)?.[1];
    const ref = attr(attrs, 'r');
    if ((value === undefined || value === '') && ref !== undefined) refs.add(ref);
  }
  return refs;
}

/**
 * For the named sheets: the cells whose formula has a cached empty string. Sheets whose XML
 * cannot be found or read are left out (their formulas then keep no cached result).
 */
export async function emptyStringResults(
  zip: Uint8Array,
  sheetNames: readonly string[],
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const entries = zipEntries(zip);
  if (!entries) return found;
  const workbookXml = await zipEntryText(zip, entries, 'xl/workbook.xml');
  const relsXml = await zipEntryText(zip, entries, 'xl/_rels/workbook.xml.rels');
  if (workbookXml === undefined || relsXml === undefined) return found;
  const parts = sheetParts(workbookXml, relsXml);
  for (const name of sheetNames) {
    const part = parts.get(name);
    const xml = part === undefined ? undefined : await zipEntryText(zip, entries, part);
    if (xml !== undefined) found.set(name, emptyStringFormulaCells(xml));
  }
  return found;
}
