/**
 * Properties of the enterprise × period table down the units' tree (cascade.ts `cascadePeriods`)
 * on random trees of up to 3 levels, random annual parts (some 0: an enterprise on a profile of its
 * own) and random profiles on 4, 11 or 12 periods.
 *
 * The oracle, from the rule (docs/architecture.md, "Units"): the area's period totals are its
 * total split by the profile (largest remainder, exactly); a top unit's exact cell is its annual
 * part × q_j / Q, as for any row under the area's profile. BELOW THE TOP LEVEL the exact value is
 * taken under the parent's issued split, not the area's profile: a child's exact cell in period j
 * is its annual part × the parent's cell j / Σ the parent's cells (the parent hands its children
 * its quarterly or monthly targets; `fenjie issue` writes them as the children's profile). Every
 * cell must be within one step of that exact value, every row must sum to its annual part, and
 * every unit's cells must be its children's sums: both margins exact at every level. All in exact
 * integer arithmetic (BigInt).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { cascadePeriods } from '../../src/engine/cascade';
import type { PlanInput } from '../../src/engine/model';
import { gridShares, issuedProfile, type Grid } from '../../src/engine/profile';
import { apportion } from '../../src/engine/split';
import { unitTree, type UnitTree } from '../../src/engine/units';

interface Spec {
  /** Per unit: the index of its parent among the earlier units, or < 0 (clipped to 3 levels). */
  readonly parents: readonly number[];
  /** Per unit: its enterprises' annual parts in units (used where the unit is a leaf). */
  readonly parts: readonly (readonly number[])[];
  readonly grid: Grid;
  readonly q: readonly number[];
  readonly d: number;
}

const GRIDS: readonly [Grid, number][] = [
  ['quarters', 4],
  ['janFeb', 11],
  ['months', 12],
];

const partArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000_000_000 }) },
);

const specArb: fc.Arbitrary<Spec> = fc
  .tuple(
    fc.array(
      fc.record({
        parent: fc.integer({ min: -3, max: 6 }),
        parts: fc.array(partArb, { minLength: 1, maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    fc.constantFrom(...GRIDS),
    fc.integer({ min: 0, max: 3 }),
  )
  .chain(([units, [grid, J], d]) =>
    fc
      .array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 10 }),
          fc.integer({ min: 1, max: 1000 }),
        ),
        {
          minLength: J,
          maxLength: J,
        },
      )
      .filter((q) => q.some((v) => v > 0))
      .map((q) => ({
        parents: units.map((u) => u.parent),
        parts: units.map((u) => u.parts),
        grid,
        q,
        d,
      })),
  );

interface Built {
  readonly tree: UnitTree;
  readonly annual: number[];
  /** Per unit, its parent (−1: the area); per enterprise, its unit. */
  readonly parentOf: number[];
  readonly unitOf: number[];
}

function build(s: Spec): Built {
  const parentOf: number[] = [];
  const level: number[] = [];
  s.parents.forEach((raw, k) => {
    let p = raw < 0 || raw >= k ? -1 : raw;
    if (p >= 0 && (level[p] ?? 1) >= 3) p = -1;
    parentOf.push(p);
    level.push(p < 0 ? 1 : (level[p] ?? 1) + 1);
  });
  const annual: number[] = [];
  const unitOf: number[] = [];
  const enterprises: { name: string; unit: string }[] = [];
  s.parts.forEach((parts, k) => {
    if (parentOf.includes(k)) return; // a unit with child units holds no enterprise
    parts.forEach((a, m) => {
      annual.push(a);
      unitOf.push(k);
      enterprises.push({ name: `e${k}_${m}`, unit: `u${k}` });
    });
  });
  const input = {
    enterprises,
    units: s.parents.map((_, k) => {
      const p = parentOf[k] ?? -1;
      return p < 0 ? { name: `u${k}` } : { name: `u${k}`, parent: `u${p}` };
    }),
  } as unknown as PlanInput;
  return { tree: unitTree(input), annual, parentOf, unitOf };
}

/** What plan.ts hands down: the unit's cells as its own workbook's profile reads them. */
const handDownOf =
  (grid: Grid, d: number) =>
  (cells: readonly number[]): readonly number[] | undefined => {
    const p = issuedProfile('下发', grid, grid, cells, d);
    return p && gridShares(p, grid);
  };

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Whether `cells` is within one step of `annual` split by `shares` (cell by cell, exact rationals:
 * |cell·S − annual·s_j| < S), summing to `annual`.
 */
function withinOneStep(
  cells: readonly number[],
  annual: number,
  shares: readonly number[],
): boolean {
  const S = shares.reduce((a, b) => a + BigInt(b), 0n);
  if (S === 0n) return cells.every((c) => c === 0) && annual === 0;
  if (sum(cells) !== annual) return false;
  return cells.every((c, j) => {
    const diff = BigInt(c) * S - BigInt(annual) * BigInt(shares[j] ?? NaN);
    return diff < S && -diff < S;
  });
}

describe('the period table down the units tree (properties)', () => {
  it("both margins exact at every level; each cell within one step of its exact value under its parent's issued split", () => {
    let deep = 0;
    fc.assert(
      fc.property(specArb, (s) => {
        const b = build(s);
        const r = cascadePeriods(b.tree, b.annual, s.q, handDownOf(s.grid, s.d));
        const J = s.q.length;
        const unitAnnual = b.parentOf.map(() => 0);
        b.annual.forEach((a, i) => {
          for (let u = b.unitOf[i] ?? -1; u >= 0; u = b.parentOf[u] ?? -1)
            unitAnnual[u] = (unitAnnual[u] ?? 0) + a;
        });
        // Rows: each enterprise under its unit's cells; each unit under its parent's (or q).
        b.annual.forEach((a, i) => {
          const cells = r.enterprises[i] ?? [];
          expect(cells).toHaveLength(J);
          const parent = r.units[b.unitOf[i] ?? -1] ?? [];
          expect(withinOneStep(cells, a, parent), `enterprise ${i}`).toBe(true);
        });
        b.parentOf.forEach((p, u) => {
          const cells = r.units[u] ?? [];
          const shares = p < 0 ? s.q : (r.units[p] ?? []);
          if (p >= 0) deep++;
          expect(withinOneStep(cells, unitAnnual[u] ?? NaN, shares), `unit ${u}`).toBe(true);
        });
        // Columns: each unit's cells are its children's sums; the area's are its total apportioned
        // by the profile, exactly.
        b.parentOf.forEach((_, u) => {
          const kids = [
            ...b.parentOf.flatMap((p, c) => (p === u ? [r.units[c] ?? []] : [])),
            ...b.unitOf.flatMap((v, i) => (v === u ? [r.enterprises[i] ?? []] : [])),
          ];
          for (let j = 0; j < J; j++)
            expect(sum(kids.map((k) => k[j] ?? NaN))).toBe(r.units[u]?.[j]);
        });
        const area = s.q.map((_, j) =>
          sum(b.parentOf.flatMap((p, u) => (p < 0 ? [r.units[u]?.[j] ?? NaN] : []))),
        );
        expect(area).toEqual(apportion(sum(b.annual), s.q));
      }),
      runs(200),
    );
    expect(deep).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const b = build(s);
        const run = () => cascadePeriods(b.tree, b.annual, s.q, handDownOf(s.grid, s.d));
        expect(run()).toEqual(run());
      }),
      runs(50),
    );
  });
});
