// `npm run bench`: bundles the benchmarks with esbuild (as the shipped pane is bundled: no dev
// loader in the timed code), then runs them. Arguments pass through: `npm run bench engine`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import process from 'node:process';

mkdirSync('.tmp', { recursive: true });
await build({
  entryPoints: ['bench/run.ts'],
  outfile: '.tmp/bench.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', '.tmp/bench.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
