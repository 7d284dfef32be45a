/**
 * Recalculations as the task pane makes them (read with the pane's window, then write), through the
 * real Office.js client (real-client.ts) over the synthetic township: shared by the suite
 * (tests/excel/real-client.test.ts, small sizes) and the benchmark (bench/excelWire.ts, 2,000 and
 * 5,000 enterprises).
 */
import { readGrids, writeSpec } from '../../src/hosts/excel';
import { statusWindow } from '../../src/hosts/excel/window';
import { workbookStatus, type WorkbookStatus } from '../../src/workbook/status';
import { syntheticInFake } from './helpers';
import { RealClient, type WireRecord } from './real-client';

/** The requests of one recalculation: its read and its write. */
export interface RunWire {
  readonly read: readonly WireRecord[];
  readonly write: readonly WireRecord[];
  readonly ms: number;
}

/** `runs` recalculations of `n` enterprises × 8 indicators, then the status a third read finds. */
export async function recalculations(
  n: number,
  runs = 2,
): Promise<{
  readonly runs: RunWire[];
  readonly client: RealClient;
  readonly status: WorkbookStatus;
}> {
  const { fake, spec, inputSheetNames } = syntheticInFake(n);
  const client = new RealClient(fake);
  const out: RunWire[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const start = client.wire.length;
    await readGrids(client.context, { window: statusWindow });
    const middle = client.wire.length;
    await writeSpec(client.context, spec, { inputSheetNames });
    out.push({
      read: client.wire.slice(start, middle),
      write: client.wire.slice(middle),
      ms: performance.now() - t0,
    });
  }
  const grids = await readGrids(client.context, { window: statusWindow });
  return { runs: out, client, status: workbookStatus(grids) };
}
