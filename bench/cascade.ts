/**
 * The split down the units' tree (层层分解, issue 13) against the flat split of the same
 * enterprises: a county of 20 townships and parks × 200 enterprises each (4,000) × 8 total
 * indicators, the 20 units under 4 top units. Goal: the cascade costs at most 1.5× the flat plan.
 *
 *   npm run bench cascade
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { plan } from '../src/engine/plan';
import type { PlanInput, Unit } from '../src/engine/model';
import { makeInput, TODAY } from './engine';

export const CASCADE_CASE = { units: 20, perUnit: 200, indicators: 8, tops: 4 } as const;
export const CASCADE_GOAL = 1.5;

/**
 * The engine bench's county with 8 total indicators, with units and flat. Both read the very same
 * enterprise objects (each naming its unit, which the flat plan has no units to use), so that the
 * ratio measures the tree and not V8's object shapes: a spread copy of the enterprises alone made
 * a flat plan about a fifth slower.
 */
export function cascadeInputs(): { flat: PlanInput; units: PlanInput } {
  const { units: U, perUnit, indicators, tops } = CASCADE_CASE;
  const all = makeInput(U * perUnit);
  const kept = all.indicators.filter((i) => i.kind === 'total').slice(0, indicators);
  const names = new Set(kept.map((i) => i.name));
  const unitList: Unit[] = [
    ...Array.from({ length: tops }, (_, k) => ({ name: `片区${k + 1}` })),
    ...Array.from({ length: U }, (_, k) => ({
      name: `乡镇${String(k + 1).padStart(2, '0')}`,
      parent: `片区${(k % tops) + 1}`,
    })),
  ];
  const withUnits: PlanInput = {
    ...all,
    indicators: kept,
    constraints: all.constraints.filter((c) => names.has(c.indicator)),
    enterprises: all.enterprises.map((e, i) => ({
      ...e,
      unit: `乡镇${String((i % U) + 1).padStart(2, '0')}`,
    })),
    units: unitList,
  };
  return { flat: { ...withUnits, units: [] }, units: withUnits };
}

setFlagsFromString('--expose-gc');
/** A full collection, so that each timed plan starts from the same heap and pays only for its own garbage. */
const collect = runInNewContext('gc') as () => void;

/** One wall time of plan(), ms, after a full collection. */
function once(input: PlanInput): number {
  collect();
  const t0 = performance.now();
  const r = plan(input, { today: TODAY });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  return ms;
}

/** Rounds of one flat and one cascade plan, alternating after a warm-up of each. */
export const CASCADE_ROUNDS = 5;

export function benchCascade(): { flatMs: number; cascadeMs: number } {
  const { flat, units } = cascadeInputs();
  once(flat);
  once(units);
  // Alternate, so that load on the machine falls on both alike; best of each.
  const flatRuns: number[] = [];
  const cascadeRuns: number[] = [];
  for (let k = 0; k < CASCADE_ROUNDS; k++) {
    flatRuns.push(once(flat));
    cascadeRuns.push(once(units));
  }
  return { flatMs: Math.min(...flatRuns), cascadeMs: Math.min(...cascadeRuns) };
}

export function printCascade(r: { flatMs: number; cascadeMs: number }): void {
  const { units, perUnit, indicators, tops } = CASCADE_CASE;
  const ratio = r.cascadeMs / r.flatMs;
  console.log(
    `cascade: plan() on ${units} units (under ${tops}) × ${perUnit} enterprises × ${indicators} indicators, best of ${CASCADE_ROUNDS} alternating`,
  );
  console.log(`  flat ${r.flatMs.toFixed(0)} ms, with units ${r.cascadeMs.toFixed(0)} ms`);
  console.log(
    `  cascade/flat ${ratio.toFixed(2)} (goal <= ${CASCADE_GOAL})${ratio <= CASCADE_GOAL ? '' : '  MISS'}`,
  );
}

if (process.argv[1]?.endsWith('cascade.ts')) printCascade(benchCascade());
