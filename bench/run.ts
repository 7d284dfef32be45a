/**
 * `npm run bench`: runs every benchmark in order and prints its table.
 *
 * To add a benchmark, import it and add one line to BENCHMARKS: a name and a function that runs
 * it and prints its results.
 */
import { availableParallelism, loadavg } from 'node:os';
import { benchEngine, printEngine } from './engine';
import { benchFile, printFile } from './file';
import { benchOfficeJs, printOfficeJs } from './officejs';
import { benchReceiver, printReceiver } from './receiver';

interface Benchmark {
  readonly name: string;
  readonly run: () => Promise<void>;
}

const BENCHMARKS: readonly Benchmark[] = [
  { name: 'engine', run: async () => printEngine(await benchEngine()) },
  { name: 'file', run: async () => printFile(await benchFile()) },
  { name: 'officejs', run: async () => printOfficeJs(await benchOfficeJs()) },
  { name: 'receiver', run: async () => printReceiver(await benchReceiver()) },
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
