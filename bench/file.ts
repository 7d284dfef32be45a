/**
 * File-path benchmark: `fenjie plan` on an .xlsx of 5,000 enterprises × 8 indicators with 8 months
 * × 2 years of cumulative actuals, against a plain ExcelJS baseline that reads the same file and
 * writes the same number of cells as plain values. Both write to a file; input generation is not
 * timed. Best of 3 after a warm-up, measured in one run, printed as a ratio.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { planFile } from '../src/cli/main';
import { readXlsxFile, writeFileAtomic } from '../src/hosts/xlsx/file';
import { specToNewWorkbook, toXlsxBuffer } from '../src/hosts/xlsx/write';
import { exampleWorkbook } from '../src/workbook/template';
import {
  SYNTHETIC_INDICATORS as INDICATORS,
  SYNTHETIC_MONTHS as MONTHS,
  syntheticData,
} from '../tests/helpers/synthetic';

export const FILE_ENTERPRISES = 5_000;

/**
 * The plain baseline: read the same file with ExcelJS, write `cells` plain values, save with
 * ExcelJS's own zip (`nativeDeflate` false) or with the native deflate Fenjie's writer uses.
 */
async function baseline(
  input: string,
  output: string,
  rows: number,
  cols: number,
  nativeDeflate: boolean,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  const ws = wb.addWorksheet('plain');
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= cols; c++) row.getCell(c).value = r * c + 0.5;
  }
  const bytes = nativeDeflate
    ? await toXlsxBuffer(wb)
    : new Uint8Array(await wb.xlsx.writeBuffer());
  await writeFileAtomic(output, bytes);
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export interface FileBenchResult {
  readonly planMs: number[];
  readonly baselineMs: number[];
  /** The same baseline saved with the native deflate Fenjie's writer uses. */
  readonly nativeMs: number[];
  readonly outputCells: number;
  readonly inputBytes: number;
  readonly ratio: number;
  readonly nativeRatio: number;
}

export async function benchFile(n = FILE_ENTERPRISES): Promise<FileBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fenjie-bench-'));
  try {
    const input = join(dir, 'input.xlsx');
    await writeFileAtomic(
      input,
      await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(syntheticData(n), 'zh'))),
    );
    const out = join(dir, 'plan.xlsx');
    const quiet = { out: () => {}, err: (l: string) => console.error(l) };
    const planOnce = async (): Promise<void> => {
      const r = await planFile(input, out, { now: '2025-09-03T10:30' }, quiet);
      if (r.code !== 0) throw new Error('plan failed on the benchmark input');
    };
    await planOnce();
    // Count the cells the plan wrote into its three output sheets: the baseline writes as many.
    const { grids } = await readXlsxFile(out);
    const outputCells = grids.sheets
      .slice(-3)
      .reduce((s, g) => s + g.cells.reduce((t, r) => t + r.filter((c) => c !== null).length, 0), 0);
    const cols = 25;
    const rows = Math.ceil(outputCells / cols);
    const plainOut = join(dir, 'plain.xlsx');
    await baseline(input, plainOut, rows, cols, false);
    const planMs: number[] = [];
    const baselineMs: number[] = [];
    const nativeMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      planMs.push(await time(planOnce));
      baselineMs.push(await time(() => baseline(input, plainOut, rows, cols, false)));
      nativeMs.push(await time(() => baseline(input, plainOut, rows, cols, true)));
    }
    const best = Math.min(...planMs);
    return {
      planMs,
      baselineMs,
      nativeMs,
      outputCells,
      inputBytes: (await stat(input)).size,
      ratio: best / Math.min(...baselineMs),
      nativeRatio: best / Math.min(...nativeMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printFile(r: FileBenchResult): void {
  const f = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(' / ');
  console.log(
    `file: plan on ${FILE_ENTERPRISES} enterprises × ${INDICATORS} indicators, ${MONTHS} months × 2 years of actuals`,
  );
  console.log(
    `  input ${(r.inputBytes / 1e6).toFixed(1)} MB; output cells written ${r.outputCells}`,
  );
  console.log(`  plan (read, split, render, write) ms: ${f(r.planMs)}`);
  console.log(`  ExcelJS baseline (read, write as many plain values) ms: ${f(r.baselineMs)}`);
  console.log(`  ExcelJS baseline saved with the same native deflate ms: ${f(r.nativeMs)}`);
  console.log(`file plan / ExcelJS baseline ratio: ${r.ratio.toFixed(2)} (goal <= 1.30)`);
  console.log(
    `file plan / ExcelJS baseline with native deflate: ${r.nativeRatio.toFixed(2)} (like for like on the zip step)`,
  );
}
