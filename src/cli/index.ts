/** The command line's entry: `tsx src/cli/index.ts demo` (bin/fenjie.js does the same). */
import { runFromProcess } from './entry';

process.exitCode = await runFromProcess(process.argv.slice(2));
