/**
 * An .xlsx package as a list of named parts, for tests that add what a person's workbook holds
 * (charts, images, comments, pivot caches, macros …) to a workbook written by the tool, and that
 * compare packages part by part. Node only (node:zlib).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { entryData, zipEntries } from '../../src/hosts/xlsx/unzip';

/** The parts of a package in their order, each with its uncompressed bytes. */
export type Parts = Map<string, Uint8Array>;

const enc = new TextEncoder();
const dec = new TextDecoder();

export function readParts(zip: Uint8Array): Parts {
  const entries = zipEntries(zip);
  if (!entries) throw new Error('not a zip archive');
  const parts: Parts = new Map();
  for (const [name, e] of entries) {
    const data = entryData(zip, e);
    if (!data) throw new Error(`cannot read ${name}`);
    parts.set(name, e.method === 0 ? data.slice() : new Uint8Array(inflateRawSync(data)));
  }
  return parts;
}

/** The stored (compressed) bytes of each entry, to tell a copied entry from a re-deflated one. */
export function storedBytes(zip: Uint8Array): Map<string, Uint8Array> {
  const entries = zipEntries(zip);
  if (!entries) throw new Error('not a zip archive');
  return new Map(
    [...entries].map(([name, e]) => [name, (entryData(zip, e) ?? new Uint8Array()).slice()]),
  );
}

export const text = (parts: Parts, name: string): string => {
  const data = parts.get(name);
  if (!data) throw new Error(`no part ${name}`);
  return dec.decode(data);
};

export const setText = (parts: Parts, name: string, xml: string): void => {
  parts.set(name, enc.encode(xml));
};

/** A deflated zip of the parts, in their order. */
export function writeParts(parts: Parts): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const n = enc.encode(name);
    const packed = new Uint8Array(deflateRawSync(data));
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true);
    local.setUint16(8, 8, true);
    local.setUint16(12, 0x21, true); // 1980-01-01
    local.setUint32(14, crc, true);
    local.setUint32(18, packed.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, n.length, true);
    const head = new DataView(new ArrayBuffer(46));
    head.setUint32(0, 0x02014b50, true);
    head.setUint16(4, 20, true);
    head.setUint16(6, 20, true);
    head.setUint16(8, 0x0800, true);
    head.setUint16(10, 8, true);
    head.setUint16(14, 0x21, true);
    head.setUint32(16, crc, true);
    head.setUint32(20, packed.length, true);
    head.setUint32(24, data.length, true);
    head.setUint16(28, n.length, true);
    head.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), n, packed);
    central.push(new Uint8Array(head.buffer), n);
    offset += 30 + n.length + packed.length;
  }
  const size = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, parts.size, true);
  end.setUint16(10, parts.size, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Sheet name → its part, from the workbook and its relationships. */
export function sheetPartsOf(parts: Parts): Map<string, string> {
  const workbook = text(parts, 'xl/workbook.xml');
  const rels = text(parts, 'xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g))
    targets.set(m[1] ?? '', (m[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/'));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attrs = m[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    const rid = /\br:id="([^"]*)"/.exec(attrs)?.[1];
    const target = rid === undefined ? undefined : targets.get(rid);
    if (name !== undefined && target !== undefined) out.set(unescapeXml(name), target);
  }
  return out;
}

/** The `<sheet …/>` elements of the workbook part, in order. */
export const sheetElements = (parts: Parts): string[] =>
  [...text(parts, 'xl/workbook.xml').matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
