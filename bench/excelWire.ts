/**
 * Excel wire benchmark: two recalculations (the pane's read, then the write) of the synthetic
 * township at 2,000 and 5,000 enterprises × 8 indicators through the real Office.js client
 * (tests/excel/real-client.ts: the office-js package's own request builder, answered from the
 * fake's workbook model). It prints, per run, the syncs of the read and of the write and the
 * largest request and response as JSON bytes: each must stay ≤ 4 MB, and the syncs of the second
 * run must equal the first's. Too slow for the suite on a loaded 2-core machine (the fake's model
 * of 5,000 enterprises takes minutes); the suite runs 10 and 100 (tests/excel/real-client.test.ts).
 */
import { REQUEST_LIMIT_BYTES } from '../src/hosts/excel/bytes';
import { recalculations } from '../tests/excel/real-runs';

export const WIRE_SIZES = [2_000, 5_000] as const;

export async function benchExcelWire(sizes: readonly number[] = WIRE_SIZES): Promise<void> {
  console.log('excel-wire: two recalculations through the real Office.js client (8 indicators)');
  console.log('  enterprises  run  read syncs  write syncs  largest request  largest response  ms');
  const MB = (b: number): string => `${(b / 1e6).toFixed(2)} MB`;
  let failed = false;
  for (const n of sizes) {
    const { runs, client, status } = await recalculations(n);
    runs.forEach((r, i) => {
      const all = [...r.read, ...r.write];
      const request = Math.max(...all.map((w) => w.requestBytes));
      const response = Math.max(...all.map((w) => w.responseBytes));
      failed ||= request > REQUEST_LIMIT_BYTES || response > REQUEST_LIMIT_BYTES;
      console.log(
        `  ${String(n).padStart(11)}  ${String(i + 1).padStart(3)}  ${String(r.read.length).padStart(10)}  ${String(r.write.length).padStart(11)}  ${MB(request).padStart(15)}  ${MB(response).padStart(16)}  ${r.ms.toFixed(0)}`,
      );
    });
    failed ||= client.wire.some((w) => w.error !== undefined) || status.outputs !== 'current';
  }
  if (failed) {
    console.log('excel-wire: FAILED (a payload over 4 MB, an error reply, or outputs not current)');
    process.exitCode = 1;
  }
}
