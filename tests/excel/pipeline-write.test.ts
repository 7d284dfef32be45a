/**
 * The real outputs through the Office.js writer: the pipeline's sheets for the synthetic township
 * (tests/helpers/synthetic.ts, 8 indicators) at 100 and 300 enterprises, written into the
 * recording fake. The same number of syncs at both sizes shows the round trips do not grow with
 * the rows; `npm run bench officejs` measures 100, 2,000 and 5,000 enterprises.
 */
import { describe, expect, it } from 'vitest';
import { writeSpec } from '../../src/hosts/excel';
import { REQUEST_LIMIT_BYTES } from '../../src/hosts/excel/bytes';
import { runPipeline } from '../../src/workbook/pipeline';
import { exampleWorkbook } from '../../src/workbook/template';
import { specToGrids } from '../helpers/spec-grids';
import { syntheticData } from '../helpers/synthetic';
import { FakeExcel } from './fake-excel';
import { differences } from './helpers';

async function writeReal(n: number): Promise<{ syncs: number; largest: number; cells: number }> {
  const input = exampleWorkbook(syntheticData(n, 8), 'zh');
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
    cells: stats.cellsWritten,
  };
}

describe('the pipeline’s real output through the Office.js writer', () => {
  it('costs the same number of syncs for 100 and 300 enterprises, each request under 4 MB', async () => {
    const small = await writeReal(100);
    const large = await writeReal(300);
    expect(large.cells).toBeGreaterThan(2.5 * small.cells);
    expect(large.syncs).toBe(small.syncs);
    expect(large.largest).toBeLessThan(REQUEST_LIMIT_BYTES);
  });
});
