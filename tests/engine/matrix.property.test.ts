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

describe('controlledRound properties', () => {
  const check = ([rows, q]: [number[], number[]]): void => {
    const { cells, columns } = controlledRound(rows, q);
    const Q = big(q.reduce((s, v) => s + v, 0));
    const A = rows.reduce((s, v) => s + v, 0);
    expect(columns).toEqual(apportion(A, q));
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

  it('rows exact, columns = apportion(Σ rows, q), cells floor or ceiling, whole values kept', () => {
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
