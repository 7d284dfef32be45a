/**
 * Checking 下发's output: the entries of the pane's .zip, and that a unit's workbook, planned on
 * its own (read and planned as `fenjie plan` does), gives its enterprises and units the county's
 * annual parts and period cells exactly.
 */
import { expect } from 'vitest';
import type { Plan } from '../../src/engine';
import { openWorkbook } from '../../src/hosts/xlsx/read';
import { entryData, zipEntries } from '../../src/hosts/xlsx/unzip';
import { runPipeline } from '../../src/workbook/pipeline';

const TODAY = { y: 2025, m: 9, d: 3 };

/** Every entry of a zip (stored or deflated), by name. */
export async function unzipAll(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const entries = zipEntries(zip);
  expect(entries).toBeDefined();
  const out = new Map<string, Uint8Array>();
  for (const [name, entry] of entries ?? []) {
    const data = entryData(zip, entry);
    expect(data).toBeDefined();
    if (!data) continue;
    if (entry.method === 0) out.set(name, data);
    else {
      const stream = new Blob([data.slice()])
        .stream()
        .pipeThrough(new DecompressionStream('deflate-raw'));
      out.set(name, new Uint8Array(await new Response(stream).arrayBuffer()));
    }
  }
  return out;
}

/** The plan of an .xlsx file's bytes, as `fenjie plan` makes it. */
export async function planOf(bytes: Uint8Array, name: string): Promise<Plan> {
  const opened = await openWorkbook(bytes, name);
  if (!opened.ok) throw new Error(`${name}: ${JSON.stringify(opened.errors)}`);
  const r = runPipeline(opened.value.grids, { today: TODAY, generatedAt: '', lang: 'zh' });
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return r.plan;
}

/**
 * Unit `unit`'s own plan gives every enterprise and unit the county's annual parts and period
 * cells exactly, and its total periods are the county's unit row's, exactly: the county hands each
 * unit its period cells, which its workbook carries as the indicator's profile (issue.ts).
 */
export function expectCountyParts(county: Plan, unit: string, own: Plan): void {
  expect(own.allocations.length).toBe(county.allocations.length);
  for (const a of own.allocations) {
    const there = county.allocations.find((x) => x.indicator === a.indicator);
    expect(a.rows.length).toBeGreaterThan(0);
    for (const row of a.rows) {
      const c = there?.rows.find((x) => x.enterprise === row.enterprise);
      expect([unit, a.indicator, row.enterprise, row.annual, row.periods]).toEqual([
        unit,
        a.indicator,
        row.enterprise,
        c?.annual,
        c?.periods,
      ]);
    }
    for (const x of a.units ?? []) {
      const c = there?.units?.find((y) => y.unit === x.unit);
      expect([unit, a.indicator, x.unit, x.annual, x.periods]).toEqual([
        unit,
        a.indicator,
        x.unit,
        c?.annual,
        c?.periods,
      ]);
    }
    const self = there?.units?.find((x) => x.unit === unit);
    expect([unit, a.indicator, a.total, a.periodTotals]).toEqual([
      unit,
      a.indicator,
      self?.annual,
      self?.periods,
    ]);
  }
}
