/**
 * 下发 (issue.ts): on the county example with random bases, weights, decimals and unit bounds,
 * every unit's own input, planned on its own, gives each of its enterprises exactly the county's
 * annual part, and its units exactly theirs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { issueInput } from '../../src/engine/issue';
import type { Constraint, PlanInput } from '../../src/engine/model';
import { plan } from '../../src/engine/plan';
import { countyExampleInput, COUNTY_UNITS } from '../helpers/county-example';

const TODAY = { y: 2025, m: 9, d: 3 };

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
          const r = plan(input, { today: TODAY });
          if (!r.ok) return; // an infeasible cap (the example's caps stay feasible mostly)
          planned++;
          for (const u of COUNTY_UNITS) {
            const own = plan(issueInput(input, r.value, u.name), { today: TODAY });
            expect(own.ok).toBe(true);
            if (!own.ok) return;
            for (const a of own.value.allocations) {
              const there = r.value.allocations.find((x) => x.indicator === a.indicator);
              for (const row of a.rows)
                expect([u.name, row.enterprise, row.annual]).toEqual([
                  u.name,
                  row.enterprise,
                  there?.rows.find((x) => x.enterprise === row.enterprise)?.annual,
                ]);
              for (const x of a.units ?? [])
                expect(x.annual).toBe(there?.units?.find((y) => y.unit === x.unit)?.annual);
            }
          }
        },
      ),
      runs(30),
    );
    expect(planned).toBeGreaterThan(20);
  });
});
