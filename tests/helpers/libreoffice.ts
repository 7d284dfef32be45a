/**
 * LibreOffice as an independent spreadsheet engine for tests (Node only): recalculate a workbook
 * headless and read the values back, render it to PDF, and turn a PDF into PNG pages.
 *
 * Each run uses a fresh user profile whose settings force recalculation of every formula when an
 * OOXML or ODF file is loaded, so the values read back are LibreOffice's own, never the cached
 * results the file was written with. Needs `soffice` (Debian: libreoffice-calc-nogui) and, for
 * screenshots, `pdftoppm` (poppler-utils).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toExcelSerial } from '../../src/engine';
import type { RawCell } from '../../src/workbook/grid';
import { readXlsxFile } from '../../src/hosts/xlsx/file';

/** One sheet's values: dense from A1; formulas → their result, errors → '#DIV/0!', dates → serials. */
export type SheetValues = (string | number | boolean | null)[][];

/** Kill soffice after this long. */
export const SOFFICE_TIMEOUT_MS = 120_000;

const onPath = (command: string): boolean =>
  (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));

/** True if `soffice` is on PATH. */
export const hasLibreOffice = (): boolean => onPath('soffice');

/**
 * For tests: true if LibreOffice can be used. When it is missing, CI (`process.env.CI`) fails
 * loudly; elsewhere this warns on stderr and returns false so the caller can skip.
 */
export function requireLibreOffice(): boolean {
  if (hasLibreOffice()) return true;
  const message =
    'LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui';
  if (process.env['CI']) throw new Error(`${message} (required in CI)`);
  process.stderr.write(`WARNING: ${message}; skipping the LibreOffice tests.\n`);
  return false;
}

/** LibreOffice settings: recalculate OOXML and ODF files on load, always (0 = always). */
const RECALC_ON_LOAD_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * A new user profile that recalculates on load (the benchmarks reuse one across runs, since a
 * profile's first start costs seconds); the caller removes it.
 */
export async function freshProfile(): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'fenjie-lo-profile-'));
  await mkdir(join(profile, 'user'), { recursive: true });
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ON_LOAD_XCU);
  return profile;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command in its own process group; kill the whole group after `timeoutMs`. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not be started: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut)
        reject(
          new Error(
            `${command} timed out after ${timeoutMs / 1000} s; stderr: ${stderr.trim() || '(empty)'}`,
          ),
        );
      else resolvePromise({ code, stdout, stderr });
    });
  });
}

/**
 * Convert files with one soffice launch (fresh recalculating profile): `format` is an extension
 * such as 'xlsx' or 'pdf'. Returns the output paths in input order. Input base names must differ,
 * and outDir must not be an input's directory. soffice (its whole process group) is killed after
 * `timeoutMs`, and a failure's message carries soffice's stderr.
 */
export async function convert(
  paths: readonly string[],
  format: string,
  outDir: string,
  { timeoutMs = SOFFICE_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<string[]> {
  if (paths.length === 0) return [];
  const inputs = paths.map((p) => resolve(p));
  const outputs = inputs.map((p) => join(resolve(outDir), `${basename(p, extname(p))}.${format}`));
  if (new Set(outputs).size !== outputs.length)
    throw new Error('convert: input files must have different base names');
  if (outputs.some((o, i) => o === inputs[i]))
    throw new Error('convert: outDir must differ from the inputs’ directory');
  await mkdir(outDir, { recursive: true });
  await Promise.all(outputs.map((o) => rm(o, { force: true })));
  const profile = await freshProfile();
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--nofirststartwizard',
      '--convert-to',
      format,
      '--outdir',
      resolve(outDir),
      ...inputs,
    ];
    const result = await run('soffice', args, timeoutMs);
    const missing = outputs.filter((o) => !existsSync(o));
    if (result.code !== 0 || missing.length > 0) {
      throw new Error(
        `soffice --convert-to ${format} failed (exit ${result.code}); missing: ${missing.join(', ') || 'none'}\n` +
          `stderr: ${result.stderr.trim() || '(empty)'}\nstdout: ${result.stdout.trim() || '(empty)'}`,
      );
    }
    return outputs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** A RawCell as the plain value a recalculated sheet shows. */
function plainValue(cell: RawCell): string | number | boolean | null {
  if (cell === null || typeof cell !== 'object') return cell;
  if ('formula' in cell) {
    // LibreOffice always caches a result, so none can only be an empty string.
    return cell.result === undefined ? '' : plainValue(cell.result);
  }
  if ('error' in cell) return cell.error;
  return toExcelSerial(cell.date);
}

/** Every sheet's values of an .xlsx file, by sheet name. */
export async function readValues(xlsxPath: string): Promise<Map<string, SheetValues>> {
  const { grids } = await readXlsxFile(xlsxPath);
  return new Map(
    grids.sheets.map((sheet) => [sheet.name, sheet.cells.map((row) => row.map(plainValue))]),
  );
}

/**
 * Open workbooks in LibreOffice headless (one launch for all), recalculate every formula, and
 * return each one's sheet values (formula cells → LibreOffice's results; errors → their text,
 * e.g. '#DIV/0!').
 */
export async function recalcMany(
  xlsxPaths: readonly string[],
): Promise<Map<string, SheetValues>[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'fenjie-lo-out-'));
  try {
    const converted = await convert(xlsxPaths, 'xlsx', outDir);
    return await Promise.all(converted.map(readValues));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Render a workbook (recalculated) to PDF in outDir; returns the PDF's path. */
export async function toPdf(xlsxPath: string, outDir: string): Promise<string> {
  const [pdf] = await convert([xlsxPath], 'pdf', outDir);
  if (!pdf) throw new Error(`toPdf produced nothing for ${xlsxPath}`);
  return pdf;
}

/** Turn a PDF into PNG pages `${outPrefix}-1.png`, … (pdftoppm); returns their paths in page order. */
export async function pdfToPngs(pdf: string, outPrefix: string, dpi = 100): Promise<string[]> {
  const result = spawnSync('pdftoppm', ['-png', '-r', String(dpi), pdf, outPrefix], {
    encoding: 'utf8',
    timeout: SOFFICE_TIMEOUT_MS,
  });
  if (result.error) throw new Error(`pdftoppm could not run: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`pdftoppm failed (exit ${result.status}): ${result.stderr.trim()}`);
  const dir = resolve(outPrefix, '..');
  const stem = basename(outPrefix);
  const pages = (await readdir(dir))
    .map((name) => ({
      name,
      page: new RegExp(`^${escapeRegExp(stem)}-(\\d+)\\.png$`).exec(name)?.[1],
    }))
    .filter((p): p is { name: string; page: string } => p.page !== undefined)
    .sort((a, b) => Number(a.page) - Number(b.page));
  return pages.map((p) => join(dir, p.name));
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
