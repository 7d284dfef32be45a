/**
 * Properties of the split down the units' tree (cascade.ts; workbook-format.md, "Units") on
 * random trees of up to 3 levels. The exact shares are recomputed here independently, from the
 * spec's words: one continuous split of the whole tree honouring every bound, i.e. each node's
 * share as a function of one λ (an enterprise's clamp(o + λw, floor, cap); a unit's its
 * children's sum clamped to its own bounds, or its lock), λ found by plain bisection at every
 * level and each unit's share split again among its children the same way. Every problem is
 * feasible by construction: a witness part per enterprise, bounds drawn around it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { cascadeSplit, type UnitBounds } from '../../src/engine/cascade';
import type { PlanInput } from '../../src/engine/model';
import { fromUnits, toUnits } from '../../src/engine/number';
import { splitTotal, type SplitRow } from '../../src/engine/split';
import { unitTree } from '../../src/engine/units';

type Kind = 'none' | 'lock' | 'floor' | 'cap' | 'both';

interface EntSpec {
  readonly weight: number;
  readonly kind: Kind;
  readonly y: number;
  readonly below: number;
  readonly above: number;
}
interface UnitSpec {
  /** Index of the parent among the earlier units, or −1 (clipped to keep ≤ 3 levels). */
  readonly parent: number;
  readonly kind: Kind;
  readonly below: number;
  readonly above: number;
  readonly enterprises: readonly EntSpec[];
}

const kindArb = (bounds: boolean): fc.Arbitrary<Kind> =>
  bounds
    ? fc.constantFrom<Kind>('none', 'none', 'none', 'lock', 'floor', 'cap', 'both')
    : fc.constant<Kind>('none');
const entArb = (bounds: boolean): fc.Arbitrary<EntSpec> =>
  fc.record({
    weight: fc.oneof(
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 20 }) },
      { weight: 3, arbitrary: fc.double({ min: 0.01, max: 1e5, noNaN: true }) },
    ),
    kind: kindArb(bounds),
    y: fc.integer({ min: 0, max: 100_000 }),
    below: fc.integer({ min: 0, max: 5_000 }),
    above: fc.integer({ min: 0, max: 5_000 }),
  });
const treeArb = (entBounds: boolean, unitBounds: boolean): fc.Arbitrary<UnitSpec[]> =>
  fc.array(
    fc.record({
      parent: fc.integer({ min: -3, max: 6 }),
      kind: kindArb(unitBounds),
      below: fc.integer({ min: 0, max: 20_000 }),
      above: fc.integer({ min: 0, max: 20_000 }),
      enterprises: fc.array(entArb(entBounds), { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 7 },
  );

interface Built {
  readonly input: PlanInput;
  readonly rows: SplitRow[];
  readonly unitBounds: (UnitBounds | undefined)[];
  readonly total: number;
  readonly d: number;
  /** Per enterprise, its unit; per unit, its parent (−1: the area). */
  readonly unitOf: number[];
  readonly parentOf: number[];
}

/** Bounds around a witness value `y` (in units) of the given kind. */
function bounded(kind: Kind, y: number, below: number, above: number, d: number): UnitBounds {
  switch (kind) {
    case 'none':
      return {};
    case 'lock':
      return { lock: fromUnits(y, d) };
    case 'floor':
      return { floor: fromUnits(Math.max(0, y - below), d) };
    case 'cap':
      return { cap: fromUnits(y + above, d) };
    case 'both':
      return { floor: fromUnits(Math.max(0, y - below), d), cap: fromUnits(y + above, d) };
  }
}

/** A feasible problem: witness parts for every enterprise; every bound holds them. */
function build(specs: readonly UnitSpec[], d: number): Built {
  const parentOf: number[] = [];
  const level: number[] = [];
  specs.forEach((s, k) => {
    let p = s.parent < 0 || s.parent >= k ? -1 : s.parent;
    if (p >= 0 && (level[p] ?? 1) >= 3) p = -1;
    parentOf.push(p);
    level.push(p < 0 ? 1 : (level[p] ?? 1) + 1);
  });
  const isLeaf = specs.map((_, k) => !parentOf.includes(k));
  const rows: SplitRow[] = [];
  const unitOf: number[] = [];
  const enterprises: { name: string; unit: string }[] = [];
  const witness = new Array<number>(specs.length).fill(0);
  specs.forEach((s, k) => {
    if (!isLeaf[k]) return;
    s.enterprises.forEach((e, m) => {
      const b = bounded(e.kind, e.y, e.below, e.above, d);
      // A zero weight needs a bound that pins it (else its part is 0): give it the witness 0.
      const y = e.weight === 0 && e.kind !== 'lock' && b.floor === undefined ? 0 : e.y;
      rows.push({
        weight: e.weight,
        ...(e.weight === 0 && e.kind !== 'lock' ? {} : b),
      });
      unitOf.push(k);
      enterprises.push({ name: `e${k}_${m}`, unit: `u${k}` });
      for (let u = k; u >= 0; u = parentOf[u] ?? -1)
        witness[u] = (witness[u] ?? 0) + (e.weight === 0 && e.kind !== 'lock' ? 0 : y);
    });
  });
  const unitBounds = specs.map((s, k) => bounded(s.kind, witness[k] ?? 0, s.below, s.above, d));
  let total = 0;
  specs.forEach((_, k) => {
    if (parentOf[k] === -1) total += witness[k] ?? 0;
  });
  const input = {
    enterprises,
    units: specs.map((_, k) => {
      const p = parentOf[k] ?? -1;
      return p < 0 ? { name: `u${k}` } : { name: `u${k}`, parent: `u${p}` };
    }),
  } as unknown as PlanInput;
  return { input, rows, unitBounds, total: fromUnits(total, d), d, unitOf, parentOf };
}

// ---------------------------------------------------------------------------------------------
// The oracle: exact shares (in units of the step) by bisection, level by level.
// ---------------------------------------------------------------------------------------------

interface OracleNode {
  readonly children: OracleNode[];
  /** An enterprise: weight, bounds in units. */
  readonly w: number;
  readonly lo: number;
  readonly hi: number;
  readonly lock?: number;
  readonly isUnit: boolean;
  share: number;
}

function valueAt(n: OracleNode, lambda: number): number {
  if (n.lock !== undefined) return n.lock;
  if (!n.isUnit) {
    if (n.w === 0) return Math.min(n.hi, Math.max(n.lo, 0));
    return Math.min(n.hi, Math.max(n.lo, lambda * n.w));
  }
  let s = 0;
  for (const c of n.children) s += valueAt(c, lambda);
  return Math.min(n.hi, Math.max(n.lo, s));
}

function share(nodes: OracleNode[], R: number): void {
  const f = (l: number): number => nodes.reduce((s, n) => s + valueAt(n, l), 0);
  let lo = -1;
  let hi = 1;
  for (let k = 0; k < 2000 && f(lo) > R; k++) lo *= 2;
  for (let k = 0; k < 2000 && f(hi) < R; k++) hi *= 2;
  for (let k = 0; k < 400; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < R) lo = mid;
    else hi = mid;
  }
  const lambda = (lo + hi) / 2;
  for (const n of nodes) {
    n.share = valueAt(n, lambda);
    if (n.isUnit) share(n.children, n.share);
  }
}

/** Exact shares in units: [enterprises…], [units…]. */
function oracle(b: Built): { ents: number[]; units: number[] } {
  const scale = 10 ** b.d;
  const units: OracleNode[] = b.unitBounds.map((ub) => ({
    children: [],
    w: 0,
    lo: ub?.floor === undefined ? -Infinity : Math.round(ub.floor * scale),
    hi: ub?.cap === undefined ? Infinity : Math.round(ub.cap * scale),
    ...(ub?.lock === undefined ? {} : { lock: Math.round(ub.lock * scale) }),
    isUnit: true,
    share: 0,
  }));
  const ents: OracleNode[] = b.rows.map((r, i) => {
    const n: OracleNode = {
      children: [],
      w: r.weight,
      lo: r.floor === undefined ? 0 : Math.round(r.floor * scale),
      hi: r.cap === undefined ? Infinity : Math.round(r.cap * scale),
      ...(r.lock === undefined ? {} : { lock: Math.round(r.lock * scale) }),
      isUnit: false,
      share: 0,
    };
    units[b.unitOf[i] ?? 0]?.children.push(n);
    return n;
  });
  const top: OracleNode[] = [];
  b.parentOf.forEach((p, k) => {
    const u = units[k];
    if (!u) return;
    if (p < 0) top.push(u);
    else units[p]?.children.push(u);
  });
  share(top, Math.round(b.total * scale));
  return { ents: ents.map((n) => n.share), units: units.map((n) => n.share) };
}

// ---------------------------------------------------------------------------------------------

const run = (b: Built) =>
  cascadeSplit({
    total: b.total,
    decimals: b.d,
    rows: b.rows,
    tree: unitTree(b.input),
    unitBounds: b.unitBounds,
  });

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('split down the units tree (properties)', () => {
  const problems = (entBounds: boolean, unitBounds: boolean) =>
    fc.tuple(treeArb(entBounds, unitBounds), fc.integer({ min: 0, max: 2 }));

  it('every level adds up exactly, each part within one step of the oracle exact share, bounds held', () => {
    let solved = 0;
    fc.assert(
      fc.property(problems(true, true), ([specs, d]) => {
        const b = build(specs, d);
        const r = run(b);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        solved++;
        const v = r.value;
        const o = oracle(b);
        const eu = b.rows.map((_, i) => toUnits(v.parts[i] ?? NaN, d));
        const uu = v.unitParts.map((p) => toUnits(p, d));
        // Every level adds up: the top to the target, each unit's children to the unit.
        const sumUnder = new Array<number>(uu.length).fill(0);
        eu.forEach((x, i) => {
          const u = b.unitOf[i] ?? 0;
          sumUnder[u] = (sumUnder[u] ?? 0) + x;
        });
        b.parentOf.forEach((p, k) => {
          if (p >= 0) sumUnder[p] = (sumUnder[p] ?? 0) + (uu[k] ?? 0);
        });
        uu.forEach((x, k) => expect(sumUnder[k]).toBe(x));
        const topSum = b.parentOf.reduce((s, p, k) => (p < 0 ? s + (uu[k] ?? 0) : s), 0);
        expect(topSum).toBe(toUnits(b.total, d));
        // The engine's exact shares are the oracle's, and every part within one step of them.
        const scale = 10 ** d;
        o.ents.forEach((x, i) => {
          expect(close((v.exact[i] ?? NaN) * scale, x)).toBe(true);
          expect(Math.abs((eu[i] ?? NaN) - x)).toBeLessThan(1 + 1e-6);
        });
        o.units.forEach((x, k) => {
          expect(close((v.unitExact[k] ?? NaN) * scale, x)).toBe(true);
          expect(Math.abs((uu[k] ?? NaN) - x)).toBeLessThan(1 + 1e-6);
        });
        // Bounds at both levels.
        const held = (x: number, bd: UnitBounds | SplitRow | undefined): void => {
          if (bd?.lock !== undefined) expect(x).toBe(toUnits(bd.lock, d));
          if (bd?.floor !== undefined) expect(x).toBeGreaterThanOrEqual(toUnits(bd.floor, d));
          if (bd?.cap !== undefined) expect(x).toBeLessThanOrEqual(toUnits(bd.cap, d));
        };
        eu.forEach((x, i) => held(x, b.rows[i]));
        uu.forEach((x, k) => held(x, b.unitBounds[k]));
      }),
      runs(150),
    );
    expect(solved).toBeGreaterThan(100);
  });

  it('with no unit bound, the enterprises get the flat split', () => {
    fc.assert(
      fc.property(problems(true, false), ([specs, d]) => {
        const b = build(specs, d);
        const r = run(b);
        const flat = splitTotal({ total: b.total, decimals: d, rows: b.rows });
        expect(r.ok && flat.ok).toBe(true);
        if (!r.ok || !flat.ok) return;
        const scale = 10 ** d;
        flat.value.exact.forEach((x, i) =>
          expect(close(x * scale, (r.value.exact[i] ?? NaN) * scale)).toBe(true),
        );
      }),
      runs(100),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(problems(true, true), ([specs, d]) => {
        const b = build(specs, d);
        expect(run(b)).toEqual(run(b));
      }),
      runs(50),
    );
  });

  it("a unit's lock keeps the other units' enterprises where they are when its own change", () => {
    fc.assert(
      fc.property(
        problems(true, true),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 50 }),
        ([specs, d], pick, factor) => {
          const b = build(specs, d);
          const k = pick % specs.length;
          // Lock unit k at its witness-feasible part from a first run, then reweigh its enterprises.
          const first = run(b);
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          const unitBounds = b.unitBounds.map((ub, m) =>
            m === k ? { lock: first.value.unitParts[m] ?? NaN } : ub,
          );
          const locked = { ...b, unitBounds };
          const inside = (i: number): boolean => {
            for (let u = b.unitOf[i] ?? -1; u >= 0; u = b.parentOf[u] ?? -1)
              if (u === k) return true;
            return false;
          };
          const reweighed = {
            ...locked,
            rows: b.rows.map((row, i) =>
              inside(i) ? { ...row, weight: row.weight * factor + 1 } : row,
            ),
          };
          const x = run(locked);
          const y = run(reweighed);
          expect(x.ok && y.ok).toBe(true);
          if (!x.ok || !y.ok) return;
          b.rows.forEach((_, i) => {
            if (!inside(i)) expect(y.value.parts[i]).toBe(x.value.parts[i]);
          });
          expect(y.value.unitParts[k]).toBe(first.value.unitParts[k]);
        },
      ),
      runs(100),
    );
  });
});
