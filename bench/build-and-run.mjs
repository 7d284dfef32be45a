// `npm run bench`: bundles the benchmarks with esbuild (as the shipped pane is bundled: no dev
// loader in the timed code), then runs them. Arguments pass through: `npm run bench engine`.
// The memory benchmark runs each plan in a process of its own (bench/memory.ts, bundled beside).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import process from 'node:process';

mkdirSync('.tmp', { recursive: true });
for (const [entry, outfile] of [
  ['bench/run.ts', '.tmp/bench.mjs'],
  ['bench/memory.ts', '.tmp/memory.mjs'],
]) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
const r = spawnSync(process.execPath, ['--expose-gc', '.tmp/bench.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
