/**
 * Node-only file access for the .xlsx host: read a workbook from disk, and write bytes atomically
 * (a temporary file in the same directory, then a rename), so a failed write never leaves a
 * partial file where the output should be.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { fail, fenjieError, ok, type FenjieError, type Result } from '../../engine';
import type { WorkbookGrids } from '../../workbook/grid';
import type { ReadGridsOptions } from './gridReader';
import { openWorkbook, readWorkbook } from './read';

/** Read an .xlsx file from disk: the ExcelJS workbook and its grids (throws on any failure). */
export async function readXlsxFile(
  path: string,
): Promise<{ workbook: ExcelJS.Workbook; grids: WorkbookGrids }> {
  return readWorkbook(await readFile(path));
}

/**
 * The operating system's error code (ENOENT …), if `error` carries one; for a failed write whose
 * clean-up failed too (an AggregateError from `writeFileAtomic`), the write's.
 */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof AggregateError) return errnoOf(error.errors[0]);
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * Whether an error code means another program holds the file: EBUSY anywhere; on Windows also
 * EPERM and EACCES, which is what replacing or reading a workbook open in Excel or WPS gives.
 */
const inUse = (code: string, platform: string): boolean =>
  code === 'EBUSY' || (platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));

/** Why a file could not be read, as a message (or undefined: not a file-system error). */
export function readProblem(
  error: unknown,
  path: string,
  platform: string = process.platform,
): FenjieError | undefined {
  const code = errnoOf(error);
  if (code === undefined) return undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return fenjieError('FileMissing', { path });
  if (code === 'EISDIR') return fenjieError('FileIsDirectory', { path });
  if (inUse(code, platform)) return fenjieError('FileInUse', { path });
  return fenjieError('FileUnreadable', { path, reason: code });
}

/** Why a file could not be written, as a message (or undefined: not a file-system error). */
export function writeProblem(
  error: unknown,
  path: string,
  platform: string = process.platform,
): FenjieError | undefined {
  const code = errnoOf(error);
  if (code === undefined) return undefined;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fenjieError('OutputFolderMissing', { path, folder: dirname(path) });
    case 'EISDIR':
      return fenjieError('OutputIsDirectory', { path });
    case 'EBUSY':
      return fenjieError('FileInUse', { path });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return inUse(code, platform)
        ? fenjieError('FileInUse', { path })
        : fenjieError('OutputNotWritable', { path, reason: code });
    case 'ENOSPC':
    case 'EDQUOT':
      return fenjieError('OutputDiskFull', { path });
    case 'ENAMETOOLONG':
      return fenjieError('OutputNameTooLong', { path });
    default:
      return fenjieError('OutputFailed', { path, reason: code });
  }
}

/**
 * An .xlsx file from disk: its bytes (the package the outputs are written into) and its grids
 * (of the sheets `o.sheets` picks), or why it cannot be read: missing, a folder, not readable,
 * not an .xlsx (see `openWorkbook`). Errors that are not the file's (a bug) are thrown. The
 * grids are read by the lean reader (no workbook model is built).
 */
export async function openXlsxFile(
  path: string,
  o: ReadGridsOptions = {},
): Promise<Result<{ bytes: Uint8Array; grids: WorkbookGrids }>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const problem = readProblem(error, path);
    if (problem === undefined) throw error;
    return fail(problem);
  }
  const opened = await openWorkbook(bytes, path, o);
  return opened.ok ? ok({ bytes, grids: opened.value.grids }) : opened;
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

/** This computer, as a short tag in temporary names (a shared folder is seen by many). */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** The temporary file's name: hidden, in the target's directory, unique: `.NAME.HOST-PID.HEX.tmp`. */
export const tempPathFor = (path: string): string =>
  join(
    dirname(path),
    `.${basename(path)}.${HOST}-${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );

/** Temporary files being written by this process right now. */
const liveTemps = new Set<string>();

/**
 * Removes this process's temporary files at once (synchronously): for a signal handler, so that
 * an interrupted run leaves nothing behind. Returns how many it removed.
 */
export function removeLiveTemps(): number {
  const n = liveTemps.size;
  for (const temp of liveTemps) rmSync(temp, { force: true });
  liveTemps.clear();
  return n;
}

const isAlive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
};

/** How old another computer's temporary file must be before it counts as left behind. */
const FOREIGN_TEMP_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the temporary files that earlier runs writing `path` left behind when they were killed:
 * this computer's whose process is gone, and another computer's (a shared folder) once a day old.
 * Files of runs still going are left alone.
 */
export async function removeStaleTemps(path: string, now: number = Date.now()): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw error;
  }
  const stale: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^([0-9a-f]{8})-(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
    if (m === null) continue;
    if (m[1] === HOST) {
      if (!isAlive(Number(m[2]))) stale.push(name);
    } else {
      const age = now - (await stat(join(dir, name))).mtimeMs;
      if (age > FOREIGN_TEMP_AGE_MS) stale.push(name);
    }
  }
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale;
}

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
  liveTemps.add(temp);
  try {
    await io.writeNew(temp, bytes);
    await io.rename(temp, path);
    liveTemps.delete(temp);
  } catch (error) {
    liveTemps.delete(temp);
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
