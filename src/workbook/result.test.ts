import { describe, expect, it } from 'vitest';
import { countyExampleInput } from '../../tests/helpers/county-example';
import { townshipExampleInput } from '../../tests/helpers/example-input';
import { plan } from '../engine';
import { resultJson } from './result';

const TODAY = { y: 2025, m: 9, d: 3 };

interface Row {
  indicator: string;
  enterprise: string;
  unit?: string;
  unitRank?: number | null;
}

describe('plan --json with units', () => {
  const r = plan(countyExampleInput(), { today: TODAY });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const json = resultJson(r.value);

  it("gives each progress row its unit and its rank among the unit's enterprises", () => {
    const rows = json.progress as Row[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const p = r.value.progress.find((x) => x.indicator === row.indicator);
      const e = p?.rows.find((x) => x.enterprise === row.enterprise);
      expect([row.enterprise, row.unit, row.unitRank]).toEqual([
        row.enterprise,
        e?.unit,
        e?.unitRank,
      ]);
      expect(row.unit).toBeDefined();
    }
    // Ranks 1 … within each unit: some enterprise of every unit with figures is first.
    expect(rows.filter((x) => x.unitRank === 1).length).toBeGreaterThanOrEqual(4 * 3);
  });

  it('lists the units’ parts and progress', () => {
    expect(json.unitAllocations?.length).toBe(r.value.allocations.length * 5);
    expect(json.unitProgress?.length).toBe(r.value.progress.length * 5);
  });

  it('without units: no unit fields', () => {
    const flat = plan(townshipExampleInput(), { today: TODAY });
    if (!flat.ok) throw new Error('the example plans');
    const j = resultJson(flat.value);
    expect(j.unitAllocations).toBeUndefined();
    expect((j.progress as Row[]).some((x) => 'unit' in x || 'unitRank' in x)).toBe(false);
  });
});
