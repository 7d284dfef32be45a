// Bundles a benchmark entry with esbuild (as the shipped pane is bundled: no dev loader in the
// timed code) and runs the bundle in a process of its own: the one recipe `npm run bench` and
// `npm run bench:memory` share.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import process from 'node:process';

/** Bundles `entry` (TypeScript) into `outfile`, an ES module for Node 20. */
export async function bundle(entry, outfile) {
  mkdirSync('.tmp', { recursive: true });
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

/** Runs a bundle with this process's arguments and exits with its status. */
export function runBundle(outfile, nodeArgs = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
