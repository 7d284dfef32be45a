// `npm run bench:memory -- [enterprises] [indicators]`: bundles bench/memory.ts (as bench does)
// and runs it.
import { bundle, runBundle } from './bundle.mjs';

await bundle('bench/memory.ts', '.tmp/memory.mjs');
runBundle('.tmp/memory.mjs');
