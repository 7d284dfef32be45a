/**
 * A minimal .zip entry reader (stored and deflated entries, no zip64, no encryption) built on
 * the web-standard DecompressionStream, so it runs in the browser and in Node 20 alike.
 * Used to look at raw sheet XML where ExcelJS loses information, and by repack.ts.
 */

/** Record signatures: end of central directory, central directory header, local header. */
export const EOCD = 0x06054b50;
export const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;

export interface ZipEntry {
  /** The name as stored (bytes). */
  readonly rawName: Uint8Array;
  /** General-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor; bit 11: UTF-8 name). */
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  /** Compressed size. */
  readonly size: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/** The entries of a zip archive by name; undefined if it is not a zip this reader understands. */
export function zipEntries(zip: Uint8Array): Map<string, ZipEntry> | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.byteLength || view.getUint32(at, true) !== CENTRAL) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    entries.set(decoder.decode(rawName), {
      rawName,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The bytes of an entry as stored in the archive (compressed if it is); undefined if unreadable. */
export function entryData(zip: Uint8Array, entry: ZipEntry): Uint8Array | undefined {
  if (entry.size === 0xffffffff) return undefined;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local = entry.localOffset;
  if (local + 30 > zip.byteLength || view.getUint32(local, true) !== LOCAL) return undefined;
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  return zip.subarray(start, start + entry.size);
}

/** The text of one entry; undefined if it is absent or stored in a way this reader cannot read. */
export async function zipEntryText(
  zip: Uint8Array,
  entries: Map<string, ZipEntry>,
  name: string,
): Promise<string | undefined> {
  const entry = entries.get(name);
  const data = entry && entryData(zip, entry);
  if (!entry || !data) return undefined;
  if (entry.method === 0) return new TextDecoder().decode(data);
  if (entry.method !== 8) return undefined;
  const stream = new Blob([data.slice()])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/**
 * The text of an entry piece by piece, so a caller can stop reading as soon as it has what it
 * needs (the first rows of a large sheet). Yields nothing for an entry it cannot read.
 */
export async function* entryTextChunks(zip: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const data = entryData(zip, entry);
  if (!data) return;
  if (entry.method === 0) {
    yield new TextDecoder().decode(data);
    return;
  }
  if (entry.method !== 8) return;
  const reader = new Blob([data.slice()])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield decoder.decode(value, { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
