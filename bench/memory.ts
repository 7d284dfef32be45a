/**
 * Peak memory of `fenjie plan` on a large synthetic workbook, each step in its own process so the
 * peak is the plan's alone:
 *
 *   npm run bench:memory -- [enterprises] [indicators] [plan|exceljs]   (default 5,000 × 8, both)
 *   npm run bench memory      (the 5,000 × 30 case, the plan only: part of `npm run bench`)
 *
 * Writes the input (not measured), then runs `plan` in a child process and prints its peak
 * resident set size (the kernel's VmHWM) and the time the plan took; then the same with the
 * writer the CLI used before the package writer (the input read into ExcelJS, the outputs applied
 * to its model, the whole workbook written by ExcelJS), for comparison. The plan reads its input
 * with the lean reader (src/hosts/xlsx/gridReader.ts), the input sheets only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { planFile } from '../src/cli/main';
import { writeFileAtomic } from '../src/hosts/xlsx/file';
import { readWorkbook } from '../src/hosts/xlsx/read';
import { applySpec, specToNewWorkbook, toXlsxBuffer } from '../src/hosts/xlsx/write';
import { runPipeline } from '../src/workbook/pipeline';
import { exampleWorkbook } from '../src/workbook/template';
import { syntheticData } from '../tests/helpers/synthetic';

/** Issue 9's goal for the peak of a plan of 5,000 enterprises × 30 indicators. */
const PEAK_GOAL_MB = 1_500;

/** The kernel's peak resident set size of this process, in MB. */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** `plan` as the CLI did it before the package writer: ExcelJS's model holds the whole output. */
async function planWithExcelJs(input: string, output: string): Promise<{ code: number }> {
  const { workbook, grids } = await readWorkbook(await readFile(input));
  const result = runPipeline(grids, {
    today: { y: 2025, m: 9, d: 3 },
    generatedAt: '2025-09-03T10:30',
    lang: 'zh',
  });
  if (!result.ok) return { code: 1 };
  applySpec(workbook, result.spec);
  await writeFileAtomic(output, await toXlsxBuffer(workbook));
  return { code: 0 };
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'make') {
    const [n, k, path] = args;
    const spec = exampleWorkbook(syntheticData(Number(n), Number(k)), 'zh');
    await writeFileAtomic(path ?? '', await toXlsxBuffer(specToNewWorkbook(spec)));
    return;
  }
  if (mode === 'plan' || mode === 'exceljs') {
    const [input, output] = args;
    const t0 = performance.now();
    const r =
      mode === 'plan'
        ? await planFile(
            input ?? '',
            output ?? '',
            { now: '2025-09-03T10:30' },
            { out: () => {}, err: (l) => console.error(l) },
          )
        : await planWithExcelJs(input ?? '', output ?? '');
    const ms = performance.now() - t0;
    console.log(
      JSON.stringify({ code: r.code, ms: Math.round(ms), peakMb: Math.round(peakRssMb()) }),
    );
    return;
  }
  const n = Number(mode ?? 5000);
  const k = Number(args[0] ?? 8);
  const only = args.slice(1);
  const dir = mkdtempSync(join(tmpdir(), 'fenjie-mem-'));
  try {
    const input = join(dir, 'in.xlsx');
    const self = process.argv[1] ?? '';
    const node = (extra: string[], ...rest: string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [...extra, self, ...rest], { encoding: 'utf8', stdio: 'pipe' });
    const made = node(['--max-old-space-size=16000'], 'make', String(n), String(k), input);
    if (made.status !== 0) throw new Error(`making the input failed: ${String(made.stderr)}`);
    console.log(
      `memory: plan on ${n} enterprises × ${k} indicators (input ${(statSync(input).size / 1e6).toFixed(1)} MB)`,
    );
    // Each writer with Node's default heap; when that runs out, again with a 16 GB heap for its peak.
    const writers = only.length > 0 ? only : ['plan', 'exceljs'];
    for (const how of writers) {
      const name = how === 'plan' ? 'package writer' : 'ExcelJS writer (before)';
      for (const heap of [[], ['--max-old-space-size=16000']]) {
        const r = node(heap, how, input, join(dir, 'out.xlsx'));
        const label = `${name}, ${heap.length === 0 ? "Node's default heap" : '16 GB heap'}`;
        if (r.status === 0) {
          const m = JSON.parse(String(r.stdout).trim()) as {
            code: number;
            ms: number;
            peakMb: number;
          };
          const goal = how === 'plan' ? ` (goal <= ${PEAK_GOAL_MB} MB)` : '';
          console.log(
            `  ${label}: exit ${m.code}, ${(m.ms / 1000).toFixed(1)} s, peak RSS ${m.peakMb} MB${goal}`,
          );
          break;
        }
        const tail = String(r.stderr).trim().split('\n').slice(-2).join(' ');
        console.log(`  ${label}: failed (exit ${r.status}) ${tail.slice(0, 200)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
