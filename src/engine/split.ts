/**
 * Splitting one total across enterprises (domain.md, "Splitting one total").
 *
 * 1. Locked rows take their lock; R = T − Σ locks (R < 0 is an error naming the locks).
 * 2. Continuous shares by water-filling: x_i = clamp(o_i + λ·w_i, m_i, M_i) with Σ x_i = R
 *    (o_i is an offset: the base for the increment method, otherwise 0).
 * 3. Largest-remainder (Hamilton) rounding in integer units of the step, never past a bound:
 *    each part differs from its exact share by less than one step and the parts sum to T.
 *    Ties go to the larger weight, then to the earlier row.
 *
 * @example
 *   splitTotal({ total: 100, decimals: 0, rows: [{ weight: 1 }, { weight: 1 }, { weight: 1 }] })
 *   // → parts [34, 33, 33]: 33⅓ each, the tie goes to the earliest row
 */
import { fail, fenjieError, ok, type FenjieError, type Ref, type Result } from './errors';
import { fromUnits, isOnStep, toUnits } from './number';

export interface SplitRow {
  /** Relative share, ≥ 0. */
  readonly weight: number;
  /** Added before the weighted share (the base, for the increment method). Default 0. */
  readonly offset?: number;
  /** A fixed part. */
  readonly lock?: number;
  /** Minimum part. Default 0. */
  readonly floor?: number;
  /** Maximum part. Default none. */
  readonly cap?: number;
}

export interface SplitProblem {
  readonly total: number;
  /** Digits kept in the parts: the step is 10^-decimals. */
  readonly decimals: number;
  readonly rows: readonly SplitRow[];
  /** For messages: the indicator, the row names and the cell of the target. */
  readonly indicator?: string;
  readonly names?: readonly string[];
  readonly ref?: Ref;
}

export interface SplitResult {
  /** Parts in integer units of the step. */
  readonly units: number[];
  /** Parts in the indicator's unit, with exactly `decimals` digits. */
  readonly parts: number[];
  /** The continuous (unrounded) shares, in the indicator's unit. */
  readonly exact: number[];
}

/** Largest safe total in units: beyond it integer arithmetic is no longer exact. */
const MAX_UNITS = Number.MAX_SAFE_INTEGER / 16;
const QUANTUM = 1e9;

interface FreeRow {
  readonly index: number;
  readonly w: number;
  readonly o: number;
  readonly lo: number;
  readonly hi: number;
}

/** Ceil/floor of a bound in units, tolerant of print noise (1.10 at 2 decimals is 110). */
function boundUnits(v: number, decimals: number, dir: 'up' | 'down'): number {
  const scaled = Number((v * 10 ** decimals).toPrecision(15));
  return dir === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Sum in a canonical (sorted) order so the result does not depend on row order. */
function canonicalSum(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  let s = 0;
  for (const v of sorted) s += v;
  return s;
}

/**
 * Water-filling: the λ with Σ clamp(o_i + λ w_i, lo_i, hi_i) = R, then each row's exact share.
 * Precondition: some w > 0 and min ≤ R ≤ max.
 */
function waterFill(rows: readonly FreeRow[], R: number): Map<number, number> {
  const x = new Map<number, number>();
  const positive = rows.filter((r) => r.w > 0);
  let value = 0;
  for (const r of rows) {
    if (r.w === 0) x.set(r.index, Math.min(r.hi, Math.max(r.lo, r.o)));
  }
  value = canonicalSum([...x.values()]);
  // Events: at λ = (lo − o)/w a row starts to rise (slope += w); at (hi − o)/w it stops.
  const events: Array<[number, number]> = [];
  for (const r of positive) {
    events.push([(r.lo - r.o) / r.w, r.w]);
    if (Number.isFinite(r.hi)) events.push([(r.hi - r.o) / r.w, -r.w]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  value += canonicalSum(positive.map((r) => r.lo));
  let slope = 0;
  let lambda = events.length > 0 ? (events[0] as [number, number])[0] : 0;
  for (const [at, dw] of events) {
    const reach = value + slope * (at - lambda);
    if (slope > 0 && reach >= R) break;
    value = reach;
    lambda = at;
    slope += dw;
  }
  if (slope > 0) lambda += (R - value) / slope;
  // Recompute the shares of the rows that are strictly between their bounds from the exact
  // remainder, x_i = o_i + w_i·(R_active − Σo)/W_active, which is more precise than λ·w_i.
  const active: FreeRow[] = [];
  const clamped: number[] = [];
  for (const r of positive) {
    const v = r.o + lambda * r.w;
    if (v <= r.lo) {
      x.set(r.index, r.lo);
      clamped.push(r.lo);
    } else if (v >= r.hi) {
      x.set(r.index, r.hi);
      clamped.push(r.hi);
    } else active.push(r);
  }
  if (active.length > 0) {
    const fixed = canonicalSum([...clamped, ...rows.filter((r) => r.w === 0).map((r) => x.get(r.index) ?? 0)]);
    const rest = R - fixed - canonicalSum(active.map((r) => r.o));
    const W = canonicalSum(active.map((r) => r.w));
    for (const r of active) x.set(r.index, Math.min(r.hi, Math.max(r.lo, r.o + (r.w * rest) / W)));
  }
  return x;
}

/** Snaps values within float noise of an integer to it. */
function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(v)) ? r : v;
}

/**
 * Hamilton rounding of exact shares `x` (in units) to integers summing to `R`, within [lo, hi].
 * Ties: larger weight, then earlier row.
 */
function roundShares(rows: readonly FreeRow[], x: Map<number, number>, R: number): Map<number, number> {
  const out = new Map<number, number>();
  const frac = new Map<number, number>();
  let sum = 0;
  for (const r of rows) {
    const v = snap(x.get(r.index) ?? 0);
    const f = Math.max(r.lo, Math.min(r.hi, Math.floor(v)));
    out.set(r.index, f);
    frac.set(r.index, Math.round((v - f) * QUANTUM));
    sum += f;
  }
  let k = R - sum;
  const byPriority = (a: FreeRow, b: FreeRow): number =>
    (frac.get(b.index) ?? 0) - (frac.get(a.index) ?? 0) || b.w - a.w || a.index - b.index;
  if (k > 0) {
    // Rows with a fractional share first (they may round up); whole shares only if float noise
    // left more to give, which keeps the sum exact.
    const order = rows.filter((r) => (out.get(r.index) ?? 0) < r.hi).sort(byPriority);
    for (const r of order) {
      if (k === 0) break;
      out.set(r.index, (out.get(r.index) ?? 0) + 1);
      k--;
    }
  } else if (k < 0) {
    const order = rows.filter((r) => (out.get(r.index) ?? 0) > r.lo).sort((a, b) => -byPriority(a, b));
    for (const r of order) {
      if (k === 0) break;
      out.set(r.index, (out.get(r.index) ?? 0) - 1);
      k++;
    }
  }
  return out;
}

/** Splits one total. Returns every problem it finds; never throws on user data. */
export function splitTotal(p: SplitProblem): Result<SplitResult> {
  const d = p.decimals;
  const indicator = p.indicator ?? '';
  const name = (i: number): string => p.names?.[i] ?? `#${i + 1}`;
  const fmt = (units: number): string => String(fromUnits(units, d));
  const errors: FenjieError[] = [];
  if (!Number.isFinite(p.total)) return fail(fenjieError('NotFinite', { what: String(p.total) }, p.ref));
  if (p.total < 0) return fail(fenjieError('NegativeTarget', { indicator, value: p.total }, p.ref));
  const T = toUnits(p.total, d);
  if (Math.abs(T) > MAX_UNITS) {
    return fail(fenjieError('TotalTooLarge', { indicator, value: p.total, decimals: d }, p.ref));
  }
  if (!isOnStep(p.total, d)) {
    return fail(fenjieError('TargetPrecision', { indicator, value: p.total, decimals: d }, p.ref));
  }
  for (const [i, r] of p.rows.entries()) {
    for (const [what, v] of [
      ['weight', r.weight],
      ['offset', r.offset],
      ['lock', r.lock],
      ['floor', r.floor],
      ['cap', r.cap],
    ] as const) {
      if (v === undefined) continue;
      if (!Number.isFinite(v)) errors.push(fenjieError('NotFinite', { what: `${name(i)} ${what}` }, p.ref));
      else if (v < 0) errors.push(fenjieError('NegativeNumber', { what: `${name(i)} ${what}`, value: v }, p.ref));
      else if (Math.abs(v * 10 ** d) > MAX_UNITS) {
        errors.push(fenjieError('TotalTooLarge', { indicator, value: v, decimals: d }, p.ref));
      }
    }
    if (r.floor !== undefined && r.cap !== undefined && r.floor > r.cap) {
      errors.push(fenjieError('FloorAboveCap', { indicator, enterprise: name(i), floor: r.floor, cap: r.cap }, p.ref));
    }
  }
  if (errors.length > 0) return fail(...errors);

  const units = new Array<number>(p.rows.length).fill(0);
  const exact = new Array<number>(p.rows.length).fill(0);
  let lockSum = 0;
  const locked: string[] = [];
  const free: FreeRow[] = [];
  for (const [i, r] of p.rows.entries()) {
    if (r.lock !== undefined) {
      const u = toUnits(r.lock, d);
      units[i] = u;
      exact[i] = u;
      lockSum += u;
      locked.push(`${name(i)} ${fmt(u)}`);
    } else {
      free.push({
        index: i,
        w: r.weight,
        o: (r.offset ?? 0) * 10 ** d,
        lo: r.floor === undefined ? 0 : boundUnits(r.floor, d, 'up'),
        hi: r.cap === undefined ? Infinity : boundUnits(r.cap, d, 'down'),
      });
    }
  }
  const R = T - lockSum;
  if (R < 0) {
    return fail(
      fenjieError('LocksExceedTotal', { indicator, locks: fmt(lockSum), total: fmt(T), names: locked.join('、') }, p.ref),
    );
  }
  if (free.length === 0) {
    if (R !== 0) return fail(fenjieError('AllWeightsZero', { indicator, remainder: fmt(R) }, p.ref));
  } else {
    const fixedOf = (r: FreeRow): number => Math.min(r.hi, Math.max(r.lo, r.o));
    const positive = free.filter((r) => r.w > 0);
    const zeroSum = canonicalSum(free.filter((r) => r.w === 0).map(fixedOf));
    const minSum = zeroSum + canonicalSum(positive.map((r) => r.lo));
    const maxSum = zeroSum + canonicalSum(positive.map((r) => r.hi));
    if (minSum > R + 1e-9) {
      return fail(
        fenjieError('FloorsExceedRemainder', { indicator, remainder: fmt(R), excess: fmt(Math.ceil(minSum - R)) }, p.ref),
      );
    }
    if (maxSum < R - 1e-9) {
      if (positive.length === 0 || (zeroSum === 0 && positive.every((r) => r.hi === 0))) {
        return fail(fenjieError('AllWeightsZero', { indicator, remainder: fmt(R) }, p.ref));
      }
      return fail(
        fenjieError('CapsBelowRemainder', { indicator, remainder: fmt(R), shortfall: fmt(Math.ceil(R - maxSum)) }, p.ref),
      );
    }
    const x = positive.length > 0 ? waterFill(free, R) : new Map(free.map((r) => [r.index, fixedOf(r)]));
    const rounded = roundShares(free, x, R);
    for (const r of free) {
      units[r.index] = rounded.get(r.index) ?? 0;
      exact[r.index] = x.get(r.index) ?? 0;
    }
  }
  return ok({
    units,
    parts: units.map((u) => fromUnits(u, d)),
    exact: exact.map((u) => u / 10 ** d),
  });
}

/**
 * Largest-remainder apportionment of an integer `total` over integer numerators `shares`
 * (Σ shares > 0), exactly, in integer arithmetic. Ties: larger share, then earlier position.
 *
 * @example apportion(10, [1, 1, 1]) // → [4, 3, 3]
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  const Q = shares.reduce((a, b) => a + b, 0);
  const floors: number[] = [];
  const rems: number[] = [];
  let sum = 0;
  for (const q of shares) {
    const [f, r] = divFloor(total, q, Q);
    floors.push(f);
    rems.push(r);
    sum += f;
  }
  const order = shares.map((_, j) => j).sort((a, b) => (rems[b] ?? 0) - (rems[a] ?? 0) || (shares[b] ?? 0) - (shares[a] ?? 0) || a - b);
  for (let k = total - sum, t = 0; k > 0; k--, t++) {
    const j = order[t] as number;
    floors[j] = (floors[j] ?? 0) + 1;
  }
  return floors;
}

/** floor(a·q / Q) and its remainder a·q − floor·Q, exact for integers (BigInt past 2^53). */
export function divFloor(a: number, q: number, Q: number): [number, number] {
  const n = a * q;
  if (Number.isSafeInteger(n)) {
    let f = Math.floor(n / Q);
    if (f * Q > n) f--;
    else if ((f + 1) * Q <= n) f++;
    return [f, n - f * Q];
  }
  const bn = BigInt(a) * BigInt(q);
  const bQ = BigInt(Q);
  let f = bn / bQ;
  if (bn < 0n && f * bQ !== bn) f -= 1n;
  return [Number(f), Number(bn - f * bQ)];
}
