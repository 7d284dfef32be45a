/**
 * Office.js benchmark: the pipeline's real output sheets for the synthetic township (8 indicators,
 * 8 months × 2 years of actuals) at 100, 2,000 and 5,000 enterprises, written by the Office.js
 * writer into the recording fake (tests/excel/fake-excel.ts) that stands in for Excel. It counts
 * what costs in Excel on the web: round trips (`context.sync()` calls) and the size of the largest
 * request against the 5 MB limit. The number of syncs must not grow with the rows. One more row:
 * 5,000 enterprises with copy-down off (every formula sent as it is), which takes more requests,
 * each under the cap.
 *
 * The counts are exact and machine-independent; the times are wall clock of the write into the
 * fake (not of Excel) and only show how the writer's own work grows. Measured in one run, sizes in
 * turn. The test suite keeps small sizes (tests/excel/pipeline-write.test.ts, write.test.ts).
 */
import { writeSpec } from '../src/hosts/excel';
import { REQUEST_LIMIT_BYTES } from '../src/hosts/excel/bytes';
import { syntheticInFake } from '../tests/excel/helpers';
import { SYNTHETIC_INDICATORS } from '../tests/helpers/synthetic';

export const OFFICEJS_SIZES = [100, 2_000, 5_000] as const;

export interface OfficeJsRow {
  readonly enterprises: number;
  /** Runs of copied formulas written once and filled down (the writer's default). */
  readonly fillDown: boolean;
  /** `context.sync()` calls, the probe and the swap included. */
  readonly syncs: number;
  /** Requests that carried cells. */
  readonly writeBatches: number;
  /** Cells given a value or a formula. */
  readonly cells: number;
  /** The largest request as the writer estimated it before sending, bytes. */
  readonly largestEstimated: number;
  /** The largest request as the fake measured it (the UTF-8 JSON of its arguments), bytes. */
  readonly largestMeasured: number;
  /** Whether any request was larger than the writer estimated before sending it. */
  readonly underestimated: boolean;
  /** Wall time of the write into the fake, ms. */
  readonly writeMs: number;
}

export async function officeJsRow(n: number, fillDown = true): Promise<OfficeJsRow> {
  const { fake, spec, inputSheetNames } = syntheticInFake(n);
  const t0 = performance.now();
  const stats = await writeSpec(fake.context, spec, {
    inputSheetNames,
    fillDown,
  });
  const writeMs = performance.now() - t0;
  return {
    enterprises: n,
    fillDown,
    syncs: stats.syncs,
    writeBatches: stats.batches,
    cells: stats.cellsWritten,
    largestEstimated: stats.largestRequestBytes,
    largestMeasured: Math.max(...fake.batches.map((b) => b.payloadBytes)),
    underestimated: fake.batches.some((b, i) => b.payloadBytes > (stats.requestBytes[i] ?? 0)),
    writeMs,
  };
}

export async function benchOfficeJs(
  sizes: readonly number[] = OFFICEJS_SIZES,
): Promise<OfficeJsRow[]> {
  const rows: OfficeJsRow[] = [];
  for (const n of sizes) rows.push(await officeJsRow(n));
  rows.push(await officeJsRow(Math.max(...sizes), false));
  return rows;
}

export function printOfficeJs(rows: readonly OfficeJsRow[]): void {
  console.log(
    `officejs: the pipeline's output sheets (${SYNTHETIC_INDICATORS} indicators) written by the Office.js writer into the recording fake`,
  );
  const kB = (b: number): string => `${(b / 1000).toFixed(0)} kB`;
  console.log(
    '  enterprises  copy-down  syncs  write batches      cells  largest request (estimated / measured)  write ms',
  );
  for (const r of rows)
    console.log(
      `  ${String(r.enterprises).padStart(11)}  ${(r.fillDown ? 'on' : 'off').padStart(9)}  ${String(r.syncs).padStart(5)}  ${String(r.writeBatches).padStart(13)}  ${String(r.cells).padStart(9)}  ${`${kB(r.largestEstimated)} / ${kB(r.largestMeasured)}`.padStart(38)}  ${r.writeMs.toFixed(0).padStart(8)}`,
    );
  const copied = rows.filter((r) => r.fillDown);
  const constant = copied.every((r) => r.syncs === copied[0]?.syncs);
  const largest = Math.max(...rows.map((r) => Math.max(r.largestEstimated, r.largestMeasured)));
  const underestimated = rows.filter((r) => r.underestimated);
  console.log(
    `officejs: syncs with copy-down ${constant ? 'the same at every size' : 'GROW WITH THE ROWS'}; largest request ${kB(largest)} of the ${kB(REQUEST_LIMIT_BYTES)} cap${underestimated.length > 0 ? '; A REQUEST LARGER THAN ESTIMATED' : ''}`,
  );
  if (!constant || largest >= REQUEST_LIMIT_BYTES || underestimated.length > 0)
    process.exitCode = 1;
}
