/**
 * Node-only file access for the .xlsx host: read a workbook from disk, and write bytes atomically
 * (a temporary file in the same directory, then a rename), so a failed write never leaves a
 * partial file where the output should be.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { WorkbookGrids } from '../../workbook/grid';
import { readWorkbook } from './read';

/** Read an .xlsx file from disk: the ExcelJS workbook and its grids. */
export async function readXlsxFile(
  path: string,
): Promise<{ workbook: ExcelJS.Workbook; grids: WorkbookGrids }> {
  return readWorkbook(await readFile(path));
}

/** The file operations writeFileAtomic uses; tests inject failing ones. */
export interface AtomicWriteIo {
  /** Create `path` (which must not exist), write all of `bytes`, flush to disk. */
  writeNew(path: string, bytes: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** The real file system. */
export const nodeIo: AtomicWriteIo = {
  async writeNew(path, bytes) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

/** The temporary file's name: hidden, in the target's directory, unique. */
export const tempPathFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

/**
 * Write `bytes` to `path` atomically: write a temporary file next to it, then rename it over
 * `path` (replacing an existing file). On any failure the temporary file is removed and the
 * error rethrown; `path` is then either its old self or absent, never partial.
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  io: AtomicWriteIo = nodeIo,
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await io.writeNew(temp, bytes);
    await io.rename(temp, path);
  } catch (error) {
    try {
      await io.remove(temp);
    } catch (cleanup) {
      throw new AggregateError(
        [error, cleanup],
        `writing ${path} failed, and so did removing ${temp}`,
      );
    }
    throw error;
  }
}
