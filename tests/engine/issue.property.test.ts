/**
 * 下发 (issue.ts): every unit's own input, planned on its own, gives each of its enterprises
 * exactly the county's annual part and periods, its units exactly theirs, and its area exactly
 * the county's row of that unit — on the county example with random bases, weights, decimals and
 * unit bounds, and on random trees of up to 3 levels over the example's enterprises.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { issueInput } from '../../src/engine/issue';
import type { Constraint, PlanInput, Unit } from '../../src/engine/model';
import { plan } from '../../src/engine/plan';
import { countyExampleInput, COUNTY_UNITS } from '../helpers/county-example';

const TODAY = { y: 2025, m: 9, d: 3 };

/** Plans every unit's own input of `input` and checks it against the county's plan, cell for cell. */
function expectIssuedExact(input: PlanInput, unitNames: readonly string[]): boolean {
  const r = plan(input, { today: TODAY });
  if (!r.ok) return false;
  for (const name of unitNames) {
    const own = plan(issueInput(input, r.value, name), { today: TODAY });
    expect(own.ok).toBe(true);
    if (!own.ok) return true;
    for (const a of own.value.allocations) {
      const there = r.value.allocations.find((x) => x.indicator === a.indicator);
      for (const row of a.rows) {
        const county = there?.rows.find((x) => x.enterprise === row.enterprise);
        expect([name, row.enterprise, row.annual, row.periods]).toEqual([
          name,
          row.enterprise,
          county?.annual,
          county?.periods,
        ]);
      }
      for (const x of a.units ?? []) {
        const county = there?.units?.find((y) => y.unit === x.unit);
        expect([name, x.unit, x.annual, x.periods]).toEqual([
          name,
          x.unit,
          county?.annual,
          county?.periods,
        ]);
      }
      // The unit's own area is the county's row of that unit, period by period.
      const row = there?.units?.find((y) => y.unit === name);
      expect([name, a.total, a.periodTotals]).toEqual([name, row?.annual, row?.periods]);
    }
  }
  return true;
}

describe('a unit’s own workbook plans to the county’s parts', () => {
  it('on random bases, weights, decimals and unit caps', () => {
    const county = countyExampleInput({ lock: false });
    const names = county.enterprises.map((e) => e.name);
    let planned = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
        fc.array(fc.integer({ min: 1, max: 50 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
        fc.integer({ min: 0, max: 2 }),
        fc.option(fc.integer({ min: 0, max: COUNTY_UNITS.length - 1 })),
        fc.integer({ min: 20, max: 90 }),
        (bases, weights, decimals, capped, share) => {
          const base = Object.fromEntries(names.map((n, i) => [n, { value: bases[i] ?? 0 }]));
          const weight = Object.fromEntries(names.map((n, i) => [n, { value: weights[i] ?? 1 }]));
          const target = 50_000 + (bases[0] ?? 0);
          const extra: Constraint[] =
            capped === null
              ? []
              : [
                  {
                    enterprise: COUNTY_UNITS[capped]?.name ?? '',
                    indicator: '工业总产值',
                    type: 'cap',
                    value: Math.round((target * share) / 100 / 3),
                  },
                ];
          const input: PlanInput = {
            ...county,
            indicators: county.indicators.map((i) =>
              i.name === '工业总产值'
                ? { ...i, target, decimals, method: 'base' as const }
                : i.name === '制造业投资'
                  ? { ...i, decimals }
                  : i,
            ),
            base: { ...county.base, 工业总产值: base },
            weights: { ...county.weights, 制造业投资: weight },
            // Only the unit cap: the example's enterprise locks would fight random targets.
            constraints: extra,
          };
          if (
            expectIssuedExact(
              input,
              COUNTY_UNITS.map((u) => u.name),
            )
          )
            planned++;
        },
      ),
      runs(30),
    );
    expect(planned).toBeGreaterThan(20);
  });

  it('on random trees of up to 3 levels, random memberships and bases', () => {
    const county = countyExampleInput({ lock: false });
    const names = county.enterprises.map((e) => e.name);
    let planned = 0;
    fc.assert(
      fc.property(
        // Each unit's parent among the earlier units (−1: the area), clipped to 3 levels.
        fc.array(fc.integer({ min: -2, max: 5 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: names.length, maxLength: names.length }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
        fc.integer({ min: 0, max: 2 }),
        (parents, picks, bases, decimals) => {
          const parentOf: number[] = [];
          const level: number[] = [];
          parents.forEach((p0, k) => {
            let p = p0 < 0 || p0 >= k ? -1 : p0;
            if (p >= 0 && (level[p] ?? 1) >= 3) p = -1;
            parentOf.push(p);
            level.push(p < 0 ? 1 : (level[p] ?? 1) + 1);
          });
          const leaves = parents.map((_, k) => k).filter((k) => !parentOf.includes(k));
          // Every leaf holds one enterprise at least (when there are enough), the rest at random.
          const unitOf = names.map((_, i) =>
            i < leaves.length ? (leaves[i] ?? 0) : (leaves[(picks[i] ?? 0) % leaves.length] ?? 0),
          );
          const units: Unit[] = parents
            .map((_, k) => k)
            .filter((k) => unitOf.includes(k) || !leaves.includes(k))
            .map((k) => {
              const p = parentOf[k] ?? -1;
              return p < 0 ? { name: `单位${k}` } : { name: `单位${k}`, parent: `单位${p}` };
            });
          // A parent all of whose leaves are empty would be a leaf without enterprises: skip.
          const kept = new Set(units.map((u) => u.name));
          if (units.some((u) => u.parent !== undefined && !kept.has(u.parent))) return;
          if (
            units.some(
              (u) =>
                !units.some((c) => c.parent === u.name) &&
                !unitOf.some((k) => `单位${k}` === u.name),
            )
          )
            return;
          const base = Object.fromEntries(names.map((n, i) => [n, { value: bases[i] ?? 0 }]));
          const input: PlanInput = {
            ...county,
            indicators: county.indicators.map((i) => (i.kind === 'total' ? { ...i, decimals } : i)),
            enterprises: county.enterprises.map((e, i) => ({ ...e, unit: `单位${unitOf[i]}` })),
            units,
            base: { ...county.base, 工业总产值: base },
            constraints: [],
          };
          if (
            expectIssuedExact(
              input,
              units.map((u) => u.name),
            )
          )
            planned++;
        },
      ),
      runs(30),
    );
    expect(planned).toBeGreaterThan(20);
  });
});
