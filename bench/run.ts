/**
 * `npm run bench`: runs every benchmark in order and prints its table.
 *
 * To add a benchmark, import it and add one line to BENCHMARKS: a name and a function that runs
 * it and prints its results.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { benchCascade, printCascade } from './cascade';
import { benchEngine, printEngine } from './engine';
import { benchFile, printFile } from './file';
import { benchExcelWire } from './excelWire';
import { benchOfficeJs, printOfficeJs } from './officejs';
import { benchReceiver, printReceiver } from './receiver';

/** The memory case of issue 9: a plan of 5,000 enterprises × 30 indicators × 24 months of actuals. */
export const MEMORY_CASE = { enterprises: 5_000, indicators: 30 } as const;

/**
 * Peak RSS and time of `fenjie plan` on the memory case, at Node's default heap, measured in a
 * process of its own by the memory benchmark bundled beside this one (bench/memory.ts).
 */
function benchMemory(): void {
  const script = join(dirname(process.argv[1] ?? '.'), 'memory.mjs');
  const { enterprises, indicators } = MEMORY_CASE;
  const r = spawnSync(process.execPath, [script, String(enterprises), String(indicators), 'plan'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`the memory benchmark failed (exit ${r.status})`);
}

interface Benchmark {
  readonly name: string;
  readonly run: () => Promise<void>;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'engine', run: async () => printEngine(await benchEngine()) },
  { name: 'cascade', run: () => Promise.resolve(printCascade(benchCascade())) },
  { name: 'file', run: async () => printFile(await benchFile()) },
  { name: 'officejs', run: async () => printOfficeJs(await benchOfficeJs()) },
  { name: 'excel-wire', run: () => benchExcelWire() },
  { name: 'receiver', run: async () => printReceiver(await benchReceiver()) },
  { name: 'memory', run: () => Promise.resolve(benchMemory()) },
];

async function main(): Promise<void> {
  // Names pick benchmarks; flags (`--receiver-5000`) are read by the benchmark they concern.
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  // The load average says whether other work shared the machine (times are wall clock).
  const load = loadavg()[0] ?? 0;
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs, load average ${load.toFixed(2)}`,
  );
  for (const b of BENCHMARKS) {
    if (only.length > 0 && !only.includes(b.name)) continue;
    console.log('');
    await b.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
