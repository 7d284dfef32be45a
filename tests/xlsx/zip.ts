/**
 * A minimal .zip reader for tests (stored and deflated entries, no zip64): lets a test look at
 * the raw XML inside an .xlsx file without going through ExcelJS or JSZip.
 */
import { inflateRawSync } from 'node:zlib';

/** The text of one entry of a zip archive, e.g. 'xl/worksheets/sheet1.xml'. */
export function zipEntryText(zip: Uint8Array, name: string): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.byteLength - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const entryName = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = zip.subarray(start, start + size);
      if (method === 0) return decoder.decode(data);
      if (method === 8) return decoder.decode(inflateRawSync(data));
      throw new Error(`unsupported zip compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`no ${name} in the zip file`);
}

/** The raw `<c …>…</c>` element of one cell in a sheet's XML, or undefined. */
export function cellXml(sheetXml: string, ref: string): string | undefined {
  const m = new RegExp(`<c r="${ref}"(?:\\s[^>]*)?(?:/>|>.*?</c>)`).exec(sheetXml);
  return m?.[0];
}
