/**
 * Apply a WorkbookSpec to an ExcelJS workbook and serialise it. Input sheets are never touched:
 * only sheets named in the spec are replaced. Runs in Node and in the browser.
 */
import ExcelJS from 'exceljs';
import { sameSheetName as sameName, type WorkbookSpec } from '../../workbook/spec';
import { checkSpec } from './check';
import { canRepack, deflateStoredZip } from './repack';
import { writeSheet } from './sheet';

/**
 * Replace the spec's sheets in `workbook`: every existing sheet whose name (ignoring case) is in
 * the spec, or in its `remove` list, is removed, and the spec's sheets are added after the remaining sheets, in spec order.
 * The spec is checked first (names, finite numbers), so a bad spec throws before anything changes.
 */
export function applySpec(workbook: ExcelJS.Workbook, spec: WorkbookSpec): void {
  checkSpec(spec);
  const replaced = [...spec.sheets.map((s) => s.name), ...(spec.remove ?? [])];
  for (const name of replaced) {
    for (const ws of workbook.worksheets)
      if (sameName(ws.name, name)) workbook.removeWorksheet(ws.id);
  }
  for (const sheet of spec.sheets) writeSheet(workbook.addWorksheet(sheet.name), sheet);
}

/** A new workbook holding only the spec's sheets (for example a template written by `init`). */
export function specToNewWorkbook(spec: WorkbookSpec): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  applySpec(workbook, spec);
  return workbook;
}

/**
 * Serialise a workbook to .xlsx bytes. Where the platform has a native deflate
 * (CompressionStream: Node 18+, current browsers), ExcelJS writes the parts uncompressed and
 * they are deflated natively (repack.ts), which is several times faster on large workbooks.
 */
export async function toXlsxBuffer(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  if (canRepack()) {
    const stored = bytesOf(
      await workbook.xlsx.writeBuffer({
        zip: { compression: 'STORE' },
      }),
    );
    const packed = await deflateStoredZip(stored);
    if (packed) return packed;
    return stored;
  }
  return bytesOf(await workbook.xlsx.writeBuffer());
}

function bytesOf(out: unknown): Uint8Array {
  // A Node Buffer is a Uint8Array too; hand back a plain view of the same memory.
  if (ArrayBuffer.isView(out)) return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  if (out instanceof ArrayBuffer) return new Uint8Array(out);
  throw new Error('ExcelJS writeBuffer returned neither bytes nor an ArrayBuffer');
}
