/**
 * What a file that should be an .xlsx workbook really is, from its bytes alone, so that every
 * shell (the CLI, the browser file mode) can say plainly why it cannot be opened instead of
 * showing a zip library's message. Runs in Node and in the browser: no Node imports.
 */
import { zipEntries } from './unzip';

/** Why the bytes are not an .xlsx workbook this tool can open. */
export type FileKind =
  | 'empty' // zero bytes
  | 'oldExcel' // an OLE2 compound file: .xls (Excel 97–2003) or another old Office file
  | 'encrypted' // an OLE2 compound file holding an encrypted OOXML package
  | 'openDocument' // an OpenDocument spreadsheet (.ods)
  | 'notWorkbook'; // anything else: text, another kind of zip, a damaged file

/** The OLE2 compound-file signature (D0 CF 11 E0 A1 B1 1A E1). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "EncryptedPackage" in UTF-16LE, the stream an encrypted OOXML file keeps its package in. */
const ENCRYPTED_PACKAGE = new Uint8Array(
  [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]),
);

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first ?? 0); i >= 0; i = bytes.indexOf(first ?? 0, i + 1)) {
    if (i + needle.length > bytes.length) return false;
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** The first bytes of a stored `mimetype` entry of an OpenDocument file. */
const ODF_MIMETYPE = 'application/vnd.oasis.opendocument';

/**
 * Undefined when the bytes look like an .xlsx (or .xlsm) workbook: a zip holding
 * `xl/workbook.xml`; otherwise what they are instead. A file that passes may still be damaged
 * inside; the reader then reports that.
 */
export function notWorkbookKind(bytes: Uint8Array): FileKind | undefined {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, CFB)) return contains(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'oldExcel';
  const entries = zipEntries(bytes);
  // A zip this small reader cannot list (zip64, bytes in front) is left to the workbook library.
  if (!entries) return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? undefined : 'notWorkbook';
  if (entries.has('xl/workbook.xml')) return undefined;
  const head = new TextDecoder().decode(bytes.subarray(30, 30 + 8 + ODF_MIMETYPE.length));
  if (entries.has('mimetype') && head.includes(ODF_MIMETYPE)) return 'openDocument';
  return 'notWorkbook';
}
