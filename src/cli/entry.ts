/**
 * The process around `main`: console output, the exit code, and signals. An interrupted run
 * (Ctrl-C, `kill`) removes the temporary file it was writing before it exits, so it leaves
 * nothing behind and the previous output is whole; a run killed outright (SIGKILL) cannot, and
 * the next run to the same place removes what it left (`removeStaleTemps`).
 */
import { removeLiveTemps } from '../hosts/xlsx/file';
import { main } from './main';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export async function runFromProcess(argv: readonly string[]): Promise<number> {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      removeLiveTemps();
      process.exit(code);
    });
  }
  return main(argv, { out: (l) => console.log(l), err: (l) => console.error(l) });
}
