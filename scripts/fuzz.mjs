// `npm run fuzz [times]`: the property tests from random seeds, `times` (default 20) as many runs.
// A failure prints its seed and counterexample; turn it into a regression test beside the code.
import { spawnSync } from 'node:child_process';

const times = process.argv[2] ?? '20';
const r = spawnSync('npx', ['vitest', 'run', 'tests/engine'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, FENJIE_FUZZ: times },
});
process.exit(r.status ?? 1);
