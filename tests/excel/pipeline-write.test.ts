/**
 * The real outputs through the Office.js writer: the pipeline's sheets for the synthetic township
 * (tests/helpers/synthetic.ts, 8 indicators) at 40 and 140 enterprises, written into the
 * recording fake. The same number of syncs at both sizes shows the round trips do not grow with
 * the rows; `npm run bench officejs` measures 100, 2,000 and 5,000 enterprises.
 */
import { describe, expect, it } from 'vitest';
import { writeSpec } from '../../src/hosts/excel';
import { REQUEST_LIMIT_BYTES } from '../../src/hosts/excel/bytes';
import { differences, syntheticInFake } from './helpers';

async function writeReal(n: number): Promise<{ syncs: number; largest: number; cells: number }> {
  const { fake, spec, inputSheetNames: inputs } = syntheticInFake(n);
  const before = inputs.map((name) => JSON.stringify(fake.snapshot(name)));
  const stats = await writeSpec(fake.context, spec, { inputSheetNames: inputs });
  for (const sheet of spec.sheets) expect(differences(fake, sheet), sheet.name).toEqual([]);
  expect(inputs.map((name) => JSON.stringify(fake.snapshot(name)))).toEqual(before);
  return {
    syncs: stats.syncs,
    largest: Math.max(...fake.batches.map((b) => b.payloadBytes)),
    cells: stats.cellsWritten,
  };
}

describe('the pipeline’s real output through the Office.js writer', () => {
  it('costs the same number of syncs for 40 and 140 enterprises, each request under 4 MB', async () => {
    const small = await writeReal(40);
    const large = await writeReal(140);
    expect(large.cells).toBeGreaterThan(2.5 * small.cells);
    expect(large.syncs).toBe(small.syncs);
    expect(large.largest).toBeLessThan(REQUEST_LIMIT_BYTES);
  });
});
