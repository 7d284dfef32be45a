// `npm run bench:memory -- [enterprises] [indicators]`: bundles bench/memory.ts (as bench does)
// and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import process from 'node:process';

mkdirSync('.tmp', { recursive: true });
await build({
  entryPoints: ['bench/memory.ts'],
  outfile: '.tmp/memory.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['.tmp/memory.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
