/**
 * The Office.js host against the real Office.js client (real-client.ts): the requests are the
 * package's own JSON, so their sizes and counts are Excel's, not the fake's estimate.
 */
import { describe, expect, it } from 'vitest';
import { readGrids } from '../../src/hosts/excel';
import { REQUEST_LIMIT_BYTES } from '../../src/hosts/excel/bytes';
import { syntheticInFake } from './helpers';
import { RealClient } from './real-client';
import { recalculations, type RunWire } from './real-runs';

const counts = (r: RunWire): [number, number] => [r.read.length, r.write.length];

describe('the Excel host through the real Office.js client', () => {
  it('first and second recalculation at 100 enterprises × 8: every request and response ≤ 4 MB, syncs constant in the row count', async () => {
    const small = await recalculations(10);
    const { runs, client, status } = await recalculations(100);
    expect(client.wire.filter((w) => w.error)).toEqual([]);
    for (const w of client.wire) {
      expect(w.requestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      expect(w.responseBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    }
    // The second run costs what the first did: it reads no output sheet whole.
    expect(runs.map(counts)).toEqual(small.runs.map(counts));
    expect(counts(runs[1] ?? { read: [], write: [], ms: 0 })).toEqual(
      counts(runs[0] ?? { read: [], write: [], ms: 0 }),
    );
    const [first, second] = runs.map((r) => r.read.reduce((n, w) => n + w.responseBytes, 0));
    expect(second).toBeLessThan(1.05 * (first ?? 0));
    expect(status.outputs).toBe('current');
  });

  it('a read refused for its size asks again for half as many rows, and reads the same', async () => {
    const { fake } = syntheticInFake(60);
    const whole = await readGrids(new RealClient(fake).context);
    const client = new RealClient(fake);
    client.limit = 60_000;
    const syncs: number[] = [];
    const grids = await readGrids(client.context, { onSync: (n) => syncs.push(n) });
    expect(grids).toEqual(whole);
    expect(client.wire.some((w) => w.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(client.wire.filter((w) => !w.error).every((w) => w.responseBytes <= 60_000)).toBe(true);
    expect(syncs).toEqual(client.wire.map((_, i) => i + 1));
  });

  it('gives up with Excel’s error when one row alone is too large', async () => {
    const { fake } = syntheticInFake(5);
    fake.addSheet('长文', [['x'.repeat(9_000)]]);
    const client = new RealClient(fake);
    client.limit = 8_000;
    await expect(readGrids(client.context)).rejects.toMatchObject({
      code: 'ResponsePayloadSizeLimitExceeded',
    });
  });
});
