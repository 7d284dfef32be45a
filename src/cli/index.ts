/** The command line's entry: `tsx src/cli/index.ts demo` (bin/fenjie.js does the same). */
import { main } from './main';

main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(3);
  },
);
