// `npm run bench`: bundles the benchmarks with esbuild, then runs them. Arguments pass through:
// `npm run bench engine`. The memory benchmark runs each plan in a process of its own
// (bench/memory.ts, bundled beside).
import { bundle, runBundle } from './bundle.mjs';

await bundle('bench/run.ts', '.tmp/bench.mjs');
await bundle('bench/memory.ts', '.tmp/memory.mjs');
runBundle('.tmp/bench.mjs', ['--expose-gc']);
