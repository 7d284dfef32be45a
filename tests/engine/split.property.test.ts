/**
 * Properties of splitTotal on random feasible and infeasible problems (domain.md, "Splitting one
 * total"). Everything is compared in integer units of the step; the continuous shares are
 * recomputed here independently, by bisection on λ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { fromUnits, toUnits } from '../../src/engine/number';
import {
  MIN_WEIGHT_RATIO,
  splitTotal,
  type SplitProblem,
  type SplitRow,
} from '../../src/engine/split';

type Kind = 'none' | 'lock' | 'floor' | 'cap' | 'both';

interface RowSpec {
  readonly weight: number;
  readonly kind: Kind;
  /** A witness part in units: some integer solution puts this row here. */
  readonly y: number;
  readonly below: number;
  readonly above: number;
  readonly offset: number;
}

const weightArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) },
  {
    weight: 4,
    arbitrary: fc.double({ min: 1e-3, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  },
);
// Parts from a few units to 10^10 units (10^8 万元 at 2 decimals: a province's output).
const unitsArb = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 10_000_000_000 }),
);
const kindArb = fc.constantFrom<Kind>('none', 'none', 'none', 'lock', 'floor', 'cap', 'both');

const rowSpecArb = (withOffsets: boolean): fc.Arbitrary<RowSpec> =>
  fc.record({
    weight: weightArb,
    kind: kindArb,
    y: unitsArb,
    below: unitsArb,
    above: unitsArb,
    offset: withOffsets ? unitsArb : fc.constant(0),
  });

interface Built {
  readonly problem: SplitProblem;
  /** Bounds and offsets in units, per row. */
  readonly lo: number[];
  readonly hi: number[];
  readonly o: number[];
  readonly T: number;
}

/** A feasible problem: the witness parts sum to the total and respect every bound. */
function build(d: number, specs: readonly RowSpec[]): Built {
  const rows: SplitRow[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const o: number[] = [];
  let T = 0;
  for (const s of specs) {
    const row: { weight: number; lock?: number; floor?: number; cap?: number; offset?: number } = {
      weight: s.weight,
    };
    if (s.offset > 0) row.offset = fromUnits(s.offset, d);
    let y = s.y;
    if (s.kind === 'lock') {
      row.lock = fromUnits(y, d);
      lo.push(y);
      hi.push(y);
    } else {
      const l = s.kind === 'floor' || s.kind === 'both' ? Math.max(0, y - s.below) : 0;
      const h = s.kind === 'cap' || s.kind === 'both' ? y + s.above : Infinity;
      if (s.kind === 'floor' || s.kind === 'both') row.floor = fromUnits(l, d);
      if (s.kind === 'cap' || s.kind === 'both') row.cap = fromUnits(h, d);
      // A row with no weight stays at its offset, clamped: that is its only possible value.
      if (s.weight === 0) y = Math.min(h, Math.max(l, s.offset));
      lo.push(l);
      hi.push(h);
    }
    o.push(s.offset);
    T += y;
    rows.push(row);
  }
  return { problem: { total: fromUnits(T, d), decimals: d, rows }, lo, hi, o, T };
}

/** Whether some unlocked positive weight is below MIN_WEIGHT_RATIO × the largest (refused). */
function tooFarApart(p: SplitProblem): boolean {
  const free = p.rows.filter((r) => r.lock === undefined);
  const top = free.reduce((m, r) => Math.max(m, r.weight), 0);
  return free.some((r) => r.weight > 0 && r.weight < top * MIN_WEIGHT_RATIO);
}

/** The continuous shares in units, by bisection on λ (independent of the engine's water-filling). */
function continuous(b: Built): number[] {
  const rows = b.problem.rows;
  const locked = rows.map((r) => r.lock !== undefined);
  const at = (lambda: number): number[] =>
    rows.map((r, i) => {
      if (locked[i]) return b.lo[i]!;
      const v = r.weight === 0 ? b.o[i]! : b.o[i]! + lambda * r.weight;
      return Math.min(b.hi[i]!, Math.max(b.lo[i]!, v));
    });
  const total = (lambda: number): number => at(lambda).reduce((s, v) => s + v, 0);
  let lo = -1e18;
  let hi = 1e18;
  for (let k = 0; k < 400 && hi - lo > 0; k++) {
    const mid = lo / 2 + hi / 2;
    if (mid === lo || mid === hi) break;
    if (total(mid) < b.T) lo = mid;
    else hi = mid;
  }
  // Interpolate within the last bracket for precision.
  const xl = at(lo);
  const xh = at(hi);
  const sl = total(lo);
  const sh = total(hi);
  const t = sh === sl ? 0 : (b.T - sl) / (sh - sl);
  return xl.map((v, i) => v + t * (xh[i]! - v));
}

const problemArb = (withOffsets: boolean) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.array(rowSpecArb(withOffsets), { minLength: 1, maxLength: 60 }),
    )
    .map(([d, specs]) => build(d, specs));

function checkFeasible(b: Built): void {
  const { problem: p, T } = b;
  const r = splitTotal(p);
  if (!r.ok) throw new Error(`unexpected errors ${JSON.stringify(r.errors)}`);
  const { units, parts, exact } = r.value;
  expect(units).toHaveLength(p.rows.length);
  // Parts sum exactly to the total, in integer units.
  expect(units.every((u) => Number.isSafeInteger(u))).toBe(true);
  expect(units.reduce((s, u) => s + u, 0)).toBe(T);
  const x = continuous(b);
  // Float noise of the shares is relative to the total and the offsets (x_i = o_i + w_i·(R − Σo)/W).
  const noise =
    1e-11 *
    Math.max(
      1,
      T,
      b.o.reduce((s, v) => s + v, 0),
    );
  const eps = (_v: number): number => noise;
  p.rows.forEach((row, i) => {
    const u = units[i]!;
    // Parts are the units printed with `decimals` digits.
    expect(toUnits(parts[i]!, p.decimals)).toBe(u);
    expect(parts[i]).toBe(fromUnits(u, p.decimals));
    // Within [floor, cap]; locks exactly.
    expect(u).toBeGreaterThanOrEqual(b.lo[i]!);
    expect(u).toBeLessThanOrEqual(b.hi[i]!);
    if (row.lock !== undefined) expect(u).toBe(toUnits(row.lock, p.decimals));
    // The engine's exact share is the water-filling solution, and the part is within one step of it.
    const xe = exact[i]! * 10 ** p.decimals;
    expect(Math.abs(xe - x[i]!)).toBeLessThanOrEqual(noise);
    expect(Math.abs(u - x[i]!)).toBeLessThan(1 + eps(x[i]!));
  });
  // Largest remainder: no row rounded down has a clearly larger remainder than a row rounded up.
  let minUp = Infinity;
  let maxDown = -Infinity;
  p.rows.forEach((_, i) => {
    const xi = x[i]!;
    const u = units[i]!;
    const f = xi - Math.floor(xi);
    if (u > xi + eps(xi)) minUp = Math.min(minUp, f);
    else if (u < xi - eps(xi)) maxDown = Math.max(maxDown, f);
  });
  if (minUp !== Infinity && maxDown !== -Infinity)
    expect(maxDown).toBeLessThanOrEqual(minUp + noise);
  // Deterministic.
  expect(splitTotal(p)).toEqual(r);
}

describe('splitTotal properties', () => {
  it('feasible problems: exact sum, bounds, within one step, locks, largest remainder, deterministic', () => {
    fc.assert(fc.property(problemArb(false), checkFeasible), runs(400));
  });

  it('the same with offsets (the increment method)', () => {
    fc.assert(fc.property(problemArb(true), checkFeasible), runs(200));
  });

  it('small totals and few rows (many ties)', () => {
    const small = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.array(
          fc.record({
            weight: fc.integer({ min: 0, max: 3 }),
            kind: kindArb,
            y: fc.integer({ min: 0, max: 5 }),
            below: fc.integer({ min: 0, max: 3 }),
            above: fc.integer({ min: 0, max: 3 }),
            offset: fc.constant(0),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      )
      .map(([d, specs]) => build(d, specs));
    fc.assert(fc.property(small, checkFeasible), runs(400));
  });

  it('weights anywhere in the range of doubles (subnormal to 1e300): exact sum, bounds, within one step of its exact share', () => {
    // No reference shares here (bisection on λ cannot span 600 orders of magnitude); the engine's
    // own exact shares must sum to the total and sit within the bounds.
    const wideArb = fc.record({
      weight: fc.oneof(
        fc.constant(0),
        fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }),
      ),
      kind: kindArb,
      y: unitsArb,
      below: unitsArb,
      above: unitsArb,
      offset: unitsArb,
    });
    const arb = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.array(wideArb, { minLength: 1, maxLength: 40 }))
      .map(([d, specs]) => build(d, specs));
    fc.assert(
      fc.property(arb, (b) => {
        const r = splitTotal(b.problem);
        if (tooFarApart(b.problem)) {
          expect(r.ok ? [] : r.errors.map((e) => e.code)).toContain('WeightsTooFarApart');
          return;
        }
        if (!r.ok) throw new Error(`unexpected errors ${JSON.stringify(r.errors)}`);
        const { units, exact } = r.value;
        expect(units.reduce((a, u) => a + u, 0)).toBe(b.T);
        const scale = 10 ** b.problem.decimals;
        const x = exact.map((v) => v * scale);
        const noise =
          1e-9 *
          Math.max(
            1,
            b.T,
            b.o.reduce((a, v) => a + v, 0),
          );
        expect(Math.abs(x.reduce((a, v) => a + v, 0) - b.T)).toBeLessThanOrEqual(noise);
        units.forEach((u, i) => {
          expect(u).toBeGreaterThanOrEqual(b.lo[i]!);
          expect(u).toBeLessThanOrEqual(b.hi[i]!);
          expect(Math.abs(u - x[i]!)).toBeLessThan(1 + noise);
        });
      }),
      runs(400),
    );
  });

  it('does not depend on the order of the rows (distinct weights)', () => {
    const arb = fc
      .tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.uniqueArray(fc.double({ min: 0, max: 1e4, noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 60,
          comparator: 'SameValueZero',
        }),
      )
      .chain(([d, weights]) =>
        fc.tuple(
          fc.constant(d),
          fc.array(fc.record({ kind: kindArb, y: unitsArb, below: unitsArb, above: unitsArb }), {
            minLength: weights.length,
            maxLength: weights.length,
          }),
          fc.constant(weights),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
            minLength: weights.length,
            maxLength: weights.length,
          }),
        ),
      )
      .map(([d, rest, weights, keys]) => {
        const specs = weights.map((weight, i) => ({ ...rest[i]!, weight, offset: 0 }));
        // A permutation from random sort keys.
        const perm = keys
          .map((k, i) => [k, i] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([, i]) => i);
        return { b: build(d, specs), perm };
      });
    fc.assert(
      fc.property(arb, ({ b, perm }) => {
        const r = splitTotal(b.problem);
        const shuffled = splitTotal({ ...b.problem, rows: perm.map((i) => b.problem.rows[i]!) });
        expect(r.ok).toBe(!tooFarApart(b.problem));
        expect(shuffled.ok).toBe(r.ok);
        if (!r.ok || !shuffled.ok) return;
        // Map the shuffled result back by index.
        const back = new Array<number>(perm.length);
        perm.forEach((i, k) => (back[i] = shuffled.value.units[k]!));
        expect(back).toEqual(r.value.units);
      }),
      runs(300),
    );
  });
});

describe('splitTotal on infeasible problems', () => {
  const dArb = fc.integer({ min: 0, max: 3 });
  const weightsArb = fc.array(weightArb, { minLength: 1, maxLength: 30 });

  it('locks above the total → LocksExceedTotal', () => {
    const arb = fc.tuple(
      dArb,
      weightsArb,
      fc.array(unitsArb, { minLength: 30, maxLength: 30 }),
      fc.integer({ min: 1, max: 1000 }),
    );
    fc.assert(
      fc.property(arb, ([d, weights, ys, excess]) => {
        const locks = weights.map((_, i) => ys[i]! + (i === 0 ? excess : 0));
        const lockSum = locks.reduce((s, v) => s + v, 0);
        const T = lockSum - excess;
        const r = splitTotal({
          total: fromUnits(T, d),
          decimals: d,
          rows: weights.map((weight, i) => ({ weight, lock: fromUnits(locks[i]!, d) })),
        });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.map((e) => e.code)).toEqual(['LocksExceedTotal']);
        expect(r.errors[0]!.params.locks).toBe(String(fromUnits(lockSum, d)));
      }),
      runs(200),
    );
  });

  it('floors above what remains → FloorsExceedRemainder, by the right amount', () => {
    const arb = fc.tuple(
      dArb,
      weightsArb,
      fc.array(unitsArb, { minLength: 30, maxLength: 30 }),
      fc.integer({ min: 1, max: 1000 }),
    );
    fc.assert(
      fc.property(arb, ([d, weights, ys, short]) => {
        const floors = weights.map((_, i) => ys[i]! + (i === 0 ? short : 0));
        const T = floors.reduce((s, v) => s + v, 0) - short;
        const r = splitTotal({
          total: fromUnits(T, d),
          decimals: d,
          rows: weights.map((weight, i) => ({ weight, floor: fromUnits(floors[i]!, d) })),
        });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.map((e) => e.code)).toEqual(['FloorsExceedRemainder']);
        expect(r.errors[0]!.params.excess).toBe(String(fromUnits(short, d)));
      }),
      runs(200),
    );
  });

  it('caps below what remains → CapsBelowRemainder, by the right amount', () => {
    const arb = fc.tuple(
      dArb,
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 30, maxLength: 30 }),
      fc.integer({ min: 1, max: 1000 }),
    );
    fc.assert(
      fc.property(arb, ([d, weights, caps, over]) => {
        const T = weights.reduce((s, _, i) => s + caps[i]!, 0) + over;
        const r = splitTotal({
          total: fromUnits(T, d),
          decimals: d,
          rows: weights.map((weight, i) => ({ weight, cap: fromUnits(caps[i]!, d) })),
        });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.map((e) => e.code)).toEqual(['CapsBelowRemainder']);
        expect(r.errors[0]!.params.shortfall).toBe(String(fromUnits(over, d)));
      }),
      runs(200),
    );
  });

  it('every weight zero with something to split → AllWeightsZero', () => {
    const arb = fc.tuple(dArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 1e9 }));
    fc.assert(
      fc.property(arb, ([d, n, T]) => {
        const r = splitTotal({
          total: fromUnits(T, d),
          decimals: d,
          rows: Array.from({ length: n }, () => ({ weight: 0 })),
        });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.errors.map((e) => e.code)).toEqual(['AllWeightsZero']);
        expect(r.errors[0]!.params.remainder).toBe(String(fromUnits(T, d)));
      }),
      runs(100),
    );
  });

  it('a floor above a cap → FloorAboveCap; more decimals than kept → TargetPrecision; negative → NegativeTarget', () => {
    const arb = fc.tuple(
      dArb,
      weightsArb,
      fc.integer({ min: 0, max: 29 }),
      unitsArb,
      fc.integer({ min: 1, max: 1000 }),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(arb, ([d, weights, at, cap, gap, digit]) => {
        const k = at % weights.length;
        const rows = weights.map((weight, i) =>
          i === k ? { weight, floor: fromUnits(cap + gap, d), cap: fromUnits(cap, d) } : { weight },
        );
        const r = splitTotal({ total: 1000, decimals: d, rows });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(['FloorAboveCap']);
        const fine = weights.map((weight) => ({ weight }));
        const t = splitTotal({
          total: fromUnits(cap * 10 + digit, d + 1),
          decimals: d,
          rows: fine,
        });
        expect(t.ok).toBe(false);
        if (!t.ok) expect(t.errors.map((e) => e.code)).toEqual(['TargetPrecision']);
        const n = splitTotal({ total: -fromUnits(gap, d), decimals: d, rows: fine });
        expect(n.ok).toBe(false);
        if (!n.ok) expect(n.errors.map((e) => e.code)).toEqual(['NegativeTarget']);
      }),
      runs(200),
    );
  });
});
