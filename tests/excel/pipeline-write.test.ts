/**
 * The real outputs through the Office.js writer: the pipeline's sheets for the benchmark's
 * synthetic township (8 indicators) at 100 and 5,000 enterprises, written into the recording fake.
 */
import { describe, expect, it } from 'vitest';
import { syntheticData } from '../../bench/file';
import { writeSpec } from '../../src/hosts/excel';
import { REQUEST_LIMIT_BYTES } from '../../src/hosts/excel/bytes';
import { runPipeline } from '../../src/workbook/pipeline';
import { exampleWorkbook } from '../../src/workbook/template';
import { specToGrids } from '../helpers/spec-grids';
import { FakeExcel } from './fake-excel';
import { differences } from './helpers';

async function writeReal(
  n: number,
  indicators: number,
): Promise<{ syncs: number; largest: number; fake: FakeExcel; inputs: string[] }> {
  const input = exampleWorkbook(syntheticData(n, indicators), 'zh');
  const r = runPipeline(specToGrids(input), {
    today: { y: 2025, m: 9, d: 3 },
    generatedAt: '2025-09-03 10:30',
    lang: 'zh',
  });
  if (!r.ok) throw new Error(`pipeline failed: ${r.errors.map((e) => e.code).join(', ')}`);
  const fake = new FakeExcel();
  for (const sheet of input.sheets)
    fake.addSheet(
      sheet.name,
      sheet.rows.map((row) => row.map((c) => c?.v ?? null)),
    );
  const inputs = input.sheets.map((s) => s.name);
  const before = inputs.map((name) => JSON.stringify(fake.snapshot(name)));
  const stats = await writeSpec(fake.context, r.spec, { inputSheetNames: inputs });
  for (const sheet of r.spec.sheets) expect(differences(fake, sheet), sheet.name).toEqual([]);
  expect(inputs.map((name) => JSON.stringify(fake.snapshot(name)))).toEqual(before);
  return {
    syncs: stats.syncs,
    largest: Math.max(...fake.batches.map((b) => b.payloadBytes)),
    fake,
    inputs,
  };
}

describe('the pipeline’s real output through the Office.js writer', () => {
  // The file benchmark's 8 indicators (the bundled example has 4).
  it('costs the same number of syncs for 100 and 5,000 enterprises, each request under 4 MB', async () => {
    const small = await writeReal(100, 8);
    const large = await writeReal(5000, 8);
    console.log(
      `[excel write, real sheets, 8 indicators] 100 enterprises: ${small.syncs} syncs, largest request ${small.largest} B; 5,000: ${large.syncs} syncs, largest ${large.largest} B`,
    );
    expect(large.syncs).toBe(small.syncs);
    expect(large.largest).toBeLessThan(REQUEST_LIMIT_BYTES);
  }, 180_000);
});
