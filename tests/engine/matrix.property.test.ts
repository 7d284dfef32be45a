/**
 * Properties of controlledRound (domain.md, "Splitting across time"): random row totals (integer
 * units ≥ 0) and random integer profile numerators on 4, 11 or 12 periods.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { controlledRound, roundRow } from '../../src/engine/matrix';
import { apportion } from '../../src/engine/split';

const rowTotalArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: 0, max: 10_000_000_000 }),
);

const profileArb = fc
  .constantFrom(4, 11, 12)
  .chain((J) =>
    fc.array(
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 1000 })),
      {
        minLength: J,
        maxLength: J,
      },
    ),
  )
  .filter((q) => q.some((v) => v > 0));

const problemArb = fc.tuple(fc.array(rowTotalArb, { minLength: 0, maxLength: 60 }), profileArb);

/** Totals near the engine's limit (2^53/16 units in all) and numerators up to 10^6: a·q past 2^53. */
const hugeArb = fc.tuple(
  fc.array(fc.integer({ min: 0, max: 50_000_000_000_000 }), { minLength: 1, maxLength: 10 }),
  fc
    .constantFrom(4, 11, 12)
    .chain((J) => fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: J, maxLength: J }))
    .filter((q) => q.some((v) => v > 0)),
);

const big = (n: number): bigint => BigInt(n);

/**
 * Whether some rounding of the cells (each the floor or the ceiling of a·q/Q, rows exact) has the
 * column totals `columns`: an independent check by plain augmenting-path max-flow. After taking
 * every floor, row i has left[i] units to place and column j needs need[j] more; a cell with a
 * remainder can take one unit.
 */
function feasible(rows: number[], q: number[], columns: number[]): boolean {
  const Q = big(q.reduce((s, v) => s + v, 0));
  const floors = q.map(() => 0n);
  const left: number[] = [];
  const open = rows.map((a, i) => {
    let rest = big(a);
    const line = q.map((qj, j) => {
      const p = big(a) * big(qj);
      rest -= p / Q;
      floors[j] = floors[j]! + p / Q;
      return p % Q !== 0n;
    });
    left[i] = Number(rest); // fewer than the number of periods
    return line;
  });
  const need = columns.map((c, j) => big(c) - floors[j]!);
  if (need.some((d) => d < 0n || d > BigInt(rows.length))) return false;
  const needs = need.map(Number);
  const used = rows.map(() => q.map(() => false));
  for (;;) {
    // Breadth-first from rows with units left: a row reaches a column through an open unused
    // cell; a column reaches a row through a used cell (taking that unit back).
    const rowFrom = new Map<number, number>(); // row ← the column it was reached from (−1: a source)
    const colFrom = new Map<number, number>(); // column ← the row it was reached from
    const queue: number[] = [];
    rows.forEach((_, i) => {
      if (left[i]! > 0) {
        rowFrom.set(i, -1);
        queue.push(i);
      }
    });
    let end = -1;
    for (let k = 0; k < queue.length && end < 0; k++) {
      const i = queue[k]!;
      for (let j = 0; j < q.length && end < 0; j++) {
        if (!open[i]![j] || used[i]![j] || colFrom.has(j)) continue;
        colFrom.set(j, i);
        if (needs[j]! > 0) end = j;
        else
          rows.forEach((_, r) => {
            if (used[r]![j] && !rowFrom.has(r)) {
              rowFrom.set(r, j);
              queue.push(r);
            }
          });
      }
    }
    if (end < 0) return left.every((v) => v === 0) && needs.every((v) => v === 0);
    needs[end] = needs[end]! - 1;
    for (let j = end; ;) {
      const i = colFrom.get(j)!;
      used[i]![j] = true;
      const back = rowFrom.get(i)!;
      if (back < 0) {
        left[i] = left[i]! - 1;
        break;
      }
      used[i]![back] = false;
      j = back;
    }
  }
}

describe('controlledRound properties', () => {
  const check = ([rows, q]: [number[], number[]]): void => {
    const { cells, columns } = controlledRound(rows, q);
    const Q = big(q.reduce((s, v) => s + v, 0));
    const A = rows.reduce((s, v) => s + v, 0);
    // Columns: each within one step of A·q/Q, summing to A; the largest-remainder totals
    // whenever some rounding has them.
    expect(columns.reduce((s, c) => s + big(c), 0n)).toBe(big(A));
    columns.forEach((c, j) => {
      const exact = big(A) * big(q[j]!);
      expect(big(c) * Q > exact - Q && big(c) * Q < exact + Q).toBe(true);
    });
    const want = apportion(A, q);
    if (rows.length <= 12)
      expect(columns.every((c, j) => c === want[j])).toBe(feasible(rows, q, want));
    expect(cells).toHaveLength(rows.length);
    const sums = q.map(() => 0n);
    rows.forEach((a, i) => {
      const row = cells[i]!;
      expect(row).toHaveLength(q.length);
      expect(row.every((c) => Number.isSafeInteger(c))).toBe(true);
      expect(row.reduce((s, c) => s + big(c), 0n)).toBe(big(a));
      row.forEach((c, j) => {
        // cell·Q within (a·q − Q, a·q + Q), in exact integer arithmetic.
        const exact = big(a) * big(q[j]!);
        const scaled = big(c) * Q;
        expect(scaled > exact - Q && scaled < exact + Q).toBe(true);
        if (exact % Q === 0n) expect(scaled).toBe(exact);
        sums[j] = sums[j]! + big(c);
      });
    });
    expect(sums).toEqual(columns.map(big));
  };

  it('the feasibility check agrees with the case fuzzing found', () => {
    const rows = [3, 875214933];
    const q = [0, 0, 943, 9, 0, 9, 1, 963, 29, 3, 1];
    expect(feasible(rows, q, apportion(875214936, q))).toBe(false);
    expect(feasible(rows, q, controlledRound(rows, q).columns)).toBe(true);
    expect(feasible([1, 1], [1, 1, 1], [1, 1, 0])).toBe(true);
    expect(feasible([1, 1], [1, 1, 1], [2, 0, 0])).toBe(true); // cells may reach 1 each
    expect(feasible([2, 1], [1, 1, 1], [3, 0, 0])).toBe(false); // a column can take one unit per row
  });

  it('rows exact, columns within one step (largest remainder when reachable), cells floor or ceiling, whole values kept', () => {
    fc.assert(fc.property(problemArb, check), runs(400));
  });

  it('the same with totals and numerators beyond 2^53 when multiplied', () => {
    fc.assert(fc.property(hugeArb, check), runs(200));
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(problemArb, ([rows, q]) => {
        expect(controlledRound(rows, q)).toEqual(controlledRound(rows, q));
      }),
      runs(100),
    );
  });

  it('roundRow: one row rounded by largest remainder', () => {
    fc.assert(
      fc.property(rowTotalArb, profileArb, (a, q) => {
        const row = roundRow(a, q);
        expect(row).toEqual(apportion(a, q));
        const Q = big(q.reduce((s, v) => s + v, 0));
        expect(row.reduce((s, c) => s + big(c), 0n)).toBe(big(a));
        row.forEach((c, j) => {
          const exact = big(a) * big(q[j]!);
          expect(big(c) * Q > exact - Q && big(c) * Q < exact + Q).toBe(true);
        });
      }),
      runs(300),
    );
  });
});
