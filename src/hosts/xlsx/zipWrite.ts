/**
 * Writing a zip archive from entries that are either copied from another archive as they are
 * (compressed bytes, CRC and sizes unchanged) or deflated here with the platform's native
 * `CompressionStream` (Node 18+, current browsers). No zip64: every entry and the archive stay
 * under 4 GB. Browser-safe: no Node imports.
 */
import { outOfBounds } from '../../engine';
import { CENTRAL, EOCD, LOCAL } from './unzip';

/** One entry of the archive being written. */
export interface OutEntry {
  readonly rawName: Uint8Array;
  /** General-purpose flags; bit 3 (data descriptor) is cleared on writing. */
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly uncompressedSize: number;
  /** The entry's bytes as stored (compressed when method is 8), in pieces. */
  readonly data: readonly Uint8Array[];
}

const LIMIT = 0xffffffff;

const sizeOf = (data: readonly Uint8Array[]): number => data.reduce((s, d) => s + d.length, 0);

/** The archive's bytes: local headers and data in entry order, then the central directory. */
export function buildZip(entries: readonly OutEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new Error('too many zip entries (zip64 is not written)');
  const sized = entries.map((e) => ({ e, size: sizeOf(e.data) }));
  const total = sized.reduce(
    (s, { e, size }) => s + 30 + e.rawName.length + size + 46 + e.rawName.length,
    22,
  );
  if (total > LIMIT)
    throw new Error('the workbook would be larger than 4 GB (zip64 is not written)');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const common = (at: number, e: OutEntry, size: number): void => {
    view.setUint16(at, 20, true); // version needed: 2.0
    view.setUint16(at + 2, e.flags & ~0x0008, true);
    view.setUint16(at + 4, e.method, true);
    view.setUint16(at + 6, e.time, true);
    view.setUint16(at + 8, e.date, true);
    view.setUint32(at + 10, e.crc, true);
    view.setUint32(at + 14, size, true);
    view.setUint32(at + 18, e.uncompressedSize, true);
    view.setUint16(at + 22, e.rawName.length, true);
  };
  let p = 0;
  const placed = sized.map(({ e, size }) => {
    const offset = p;
    view.setUint32(p, LOCAL, true);
    common(p + 4, e, size);
    out.set(e.rawName, p + 30);
    p += 30 + e.rawName.length;
    for (const d of e.data) {
      out.set(d, p);
      p += d.length;
    }
    return { e, size, offset };
  });
  const central = p;
  for (const { e, size, offset } of placed) {
    view.setUint32(p, CENTRAL, true);
    view.setUint16(p + 4, 20, true); // version made by
    common(p + 6, e, size);
    view.setUint32(p + 42, offset, true);
    out.set(e.rawName, p + 46);
    p += 46 + e.rawName.length;
  }
  view.setUint32(p, EOCD, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - central, true);
  view.setUint32(p + 16, central, true);
  return out;
}

/** A deflated entry's data with the CRC-32 and size of what went in. */
export interface Deflated {
  readonly data: readonly Uint8Array[];
  readonly crc: number;
  readonly uncompressedSize: number;
}

/** Whether this platform can deflate natively. */
export const canDeflate = (): boolean => typeof CompressionStream === 'function';

/**
 * Deflates a part produced piece by piece (text is written as UTF-8). The platform's gzip stream
 * does the work (off the main thread in Node) while the next piece is built; its header is
 * dropped and its trailer supplies the CRC-32 and the size, so no CRC is computed in JavaScript.
 */
export async function deflateText(
  pieces: Iterable<string | Uint8Array<ArrayBuffer>>,
): Promise<Deflated> {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const collected: Uint8Array[] = [];
  const reading = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      collected.push(value);
    }
  })();
  const encoder = new TextEncoder();
  try {
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      await writer.ready;
      const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
      void writer.write(bytes).catch(() => undefined);
    }
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    throw error;
  }
  await reading;
  return fromGzip(concat(collected));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] ?? outOfBounds();
  const out = new Uint8Array(sizeOf(parts));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The raw deflate data, CRC-32 and size inside a single-member gzip stream (RFC 1952). */
function fromGzip(gz: Uint8Array): Deflated {
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8)
    throw new Error('CompressionStream gave no gzip stream');
  const flags = gz[3] ?? outOfBounds();
  let at = 10;
  if (flags & 4) at += 2 + view.getUint16(at, true); // FEXTRA
  if (flags & 8) at = gz.indexOf(0, at) + 1; // FNAME
  if (flags & 16) at = gz.indexOf(0, at) + 1; // FCOMMENT
  if (flags & 2) at += 2; // FHCRC
  const end = gz.length - 8;
  return {
    data: [gz.subarray(at, end)],
    crc: view.getUint32(end, true),
    uncompressedSize: view.getUint32(end + 4, true),
  };
}
