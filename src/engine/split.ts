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
import { wideDivFloor } from './wide';
import { outOfBounds, zeros } from './checked';
import {
  fail,
  fenjieError,
  ok,
  type FenjieError,
  type Ref,
  type Result,
  type SplitField,
} from './errors';
import { fromUnits, isOnStep, scaleToStep, toUnits } from './number';

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
  /** For messages about a weight: the cell each row's weight came from (default `ref`). */
  readonly weightRefs?: readonly (Ref | undefined)[];
  /** For messages about a weight: what the weights are, the bases when split by base (default 'weight'). */
  readonly weightField?: 'weight' | 'base';
}

export interface SplitResult {
  /** Parts in integer units of the step. */
  readonly units: number[];
  /** Parts in the indicator's unit, with exactly `decimals` digits. */
  readonly parts: number[];
  /** The continuous (unrounded) shares, in the indicator's unit. */
  readonly exact: number[];
}

/**
 * Smallest ratio of a positive weight to the largest. Weights are scaled so the largest is 1;
 * above this ratio every breakpoint λ = (bound − base)/w stays finite (bounds are below 2^49
 * units), so water-filling is exact. Below it the split is refused (no real weights are 10^280
 * times apart).
 */
export const MIN_WEIGHT_RATIO = 1e-280;

/** Largest safe total in units: beyond it integer arithmetic is no longer exact. */
export const MAX_UNITS = Number.MAX_SAFE_INTEGER / 16;
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
  const scaled = scaleToStep(v, decimals);
  return dir === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
}

/** Sum in a canonical (sorted) order so the result does not depend on row order. */
function canonicalSum(values: readonly number[]): number {
  return sortedSum(new Float64Array(values));
}

/** canonicalSum of `f` over `rows`, without an intermediate array. */
function canonicalSumOf<T>(rows: readonly T[], f: (r: T) => number): number {
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = f(rows[i] ?? outOfBounds());
  return sortedSum(values);
}

/**
 * The sum of `values` taken in ascending order (sorts `values` in place when it has to).
 * Integers whose absolute values add up to at most 2^52 add exactly in any order, and +∞ without
 * −∞ or NaN sums to +∞ in any order: then the sorted sum is known without sorting.
 */
function sortedSum(values: Float64Array): number {
  let abs = 0;
  let integers = true;
  let posInf = false;
  let other = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? outOfBounds();
    if (v === Infinity) posInf = true;
    else if (Number.isInteger(v)) abs += Math.abs(v);
    else if (v === -Infinity || v !== v) other = true;
    else integers = false;
  }
  if (!other && posInf) return Infinity;
  if (!other && integers && abs <= 2 ** 52) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[i] ?? outOfBounds();
    return s;
  }
  // A typed-array sort orders numbers ascending like `(a, b) => a − b`; equal values (only ±0
  // could tell apart) give the same sum in any order.
  values.sort();
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ?? outOfBounds();
  return s;
}

/**
 * Adds `b` to `e` exactly: `e` is a floating-point expansion, non-overlapping components whose
 * sum is the exact value, smallest first (Shewchuk's GROW-EXPANSION, zeros dropped).
 *
 * @example const e = [352]; growExact(e, 1e-48); growExact(e, -352); valueOf(e) // → 1e-48
 */
function growExact(e: number[], b: number): void {
  let q = b;
  let n = 0;
  for (let i = 0; i < e.length; i++) {
    const a = e[i] ?? outOfBounds();
    const s = q + a;
    const bv = s - q;
    const err = q - (s - bv) + (a - bv); // Knuth's TwoSum: q + a = s + err exactly
    q = s;
    if (err !== 0) e[n++] = err;
  }
  if (q !== 0) e[n++] = q;
  e.length = n;
}

/** An expansion's value, rounded (its components summed smallest first). */
function valueOf(e: readonly number[]): number {
  let s = 0;
  for (const v of e) s += v;
  return s;
}

/**
 * Water-filling: the λ with Σ clamp(o_i + λ w_i, lo_i, hi_i) = R, then each row's exact share.
 * Precondition: some w > 0 and min ≤ R ≤ max. Returns the shares by row index (`n` rows).
 *
 * The sweep over the breakpoints only decides which rows sit at a bound: a row is at its floor
 * until its rising event has been passed and at its cap once its stopping event has. The shares
 * of the rows in between are then computed from the exact remainder. (Deciding that from λ
 * instead is fragile: after 131071.999 and 0.001 are added to the slope and 131071.999 taken off
 * again, the slope is 0.000999999989, and the λ it gives put a row at its cap that was one unit
 * below it.) The slope is kept exactly, as a floating-point expansion (`growExact`): weights from
 * 10^-247 to 352 come and go without leaving noise behind.
 */
function waterFill(rows: readonly FreeRow[], R: number, n: number): Float64Array {
  const x = new Float64Array(n);
  const positive = rows.filter((r) => r.w > 0);
  const zero = rows.filter((r) => r.w === 0);
  for (const r of zero) x[r.index] = Math.min(r.hi, Math.max(r.lo, r.o));
  let value = canonicalSumOf(zero, (r) => x[r.index] ?? outOfBounds());
  // Weights scaled so the largest is 1 (the split depends only on their ratios): with the ratio
  // guard in splitTotal, every λ and the slope stay finite.
  const top = positive.reduce((m, r) => Math.max(m, r.w), 0);
  // Events: at λ = (lo − o)/w row k starts to rise (slope += w); at (hi − o)/w it stops.
  // Sorted by λ, then by slope change (a total order on the values, so any sort agrees).
  const eventAt: number[] = [];
  const eventDw: number[] = []; // +w for a rise, −w for a stop (w > 0: see the ratio guard)
  const eventRow: number[] = [];
  positive.forEach((r, k) => {
    const w = r.w / top;
    eventAt.push((r.lo - r.o) / w);
    eventDw.push(w);
    eventRow.push(k);
    if (Number.isFinite(r.hi)) {
      eventAt.push((r.hi - r.o) / w);
      eventDw.push(-w);
      eventRow.push(k);
    }
  });
  const order = new Uint32Array(eventAt.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    // The decisions of (at_a − at_b) || (dw_b − dw_a), as small integers: at one λ rises come
    // first, so a row whose floor is its cap rises and stops there.
    const x = eventAt[a] ?? outOfBounds();
    const y = eventAt[b] ?? outOfBounds();
    if (x < y) return -1;
    if (x > y) return 1;
    const u = eventDw[a] ?? outOfBounds();
    const v = eventDw[b] ?? outOfBounds();
    return u > v ? -1 : u < v ? 1 : 0;
  });
  value += canonicalSumOf(positive, (r) => r.lo);
  // Σ w of the rows between their bounds, exactly: empty exactly when no row is (every w > 0).
  const slope: number[] = [];
  let slopeValue = 0;
  let lambda = 0;
  // 0: at the floor (not risen yet), 1: between its bounds, 2: at the cap.
  const state = new Uint8Array(positive.length);
  for (let e = 0; e < order.length; e++) {
    const i = order[e] ?? outOfBounds();
    const next = eventAt[i] ?? outOfBounds();
    if (slope.length > 0) {
      const reach = value + slopeValue * (next - lambda);
      if (reach >= R) break;
      value = reach;
    }
    lambda = next;
    const dw = eventDw[i] ?? outOfBounds();
    state[eventRow[i] ?? outOfBounds()] = dw > 0 ? 1 : 2;
    growExact(slope, dw);
    slopeValue = valueOf(slope);
  }
  let active: FreeRow[] = [];
  const fixedValues: number[] = [];
  for (const r of zero) fixedValues.push(x[r.index] ?? outOfBounds());
  positive.forEach((r, k) => {
    if (state[k] === 1) active.push(r);
    else {
      const bound = state[k] === 0 ? r.lo : r.hi;
      x[r.index] = bound;
      fixedValues.push(bound);
    }
  });
  // x_i = o_i + (w_i/W)·(R − fixed − Σo) over the rows between their bounds: more precise than
  // λ·w_i. A row that lands outside its bounds (only when the sweep above lost precision, or by
  // float noise at a bound) is fixed at that bound and the others are shared again.
  while (active.length > 0) {
    const rest = R - canonicalSum(fixedValues) - canonicalSumOf(active, (r) => r.o);
    const big = active.reduce((m, r) => Math.max(m, r.w), 0);
    const W = canonicalSumOf(active, (r) => r.w / big);
    const inside: FreeRow[] = [];
    for (const r of active) {
      const v = r.o + (r.w / big / W) * rest;
      if (v < r.lo || v > r.hi) {
        x[r.index] = v < r.lo ? r.lo : r.hi;
        fixedValues.push(x[r.index] ?? outOfBounds());
      } else {
        x[r.index] = v;
        inside.push(r);
      }
    }
    if (inside.length === active.length) break;
    active = inside;
  }
  return x;
}

/**
 * Snaps values within float noise of an integer to it. The tolerance is absolute: one relative
 * to |v| (1e-9·|v|) would snap real remainders of large shares (0.43 units at 4·10^8) and break
 * the largest-remainder order.
 */
function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= 1e-9 ? r : v;
}

/**
 * Hamilton rounding of exact shares `x` (in units, by row index) to integers summing to `R`,
 * within [lo, hi]. Ties: larger weight, then earlier row. Returns the parts by row index.
 */
function roundShares(rows: readonly FreeRow[], x: Float64Array, R: number): Float64Array {
  const out = new Float64Array(x.length);
  const frac = new Float64Array(x.length);
  let sum = 0;
  for (const r of rows) {
    const v = snap(x[r.index] ?? outOfBounds());
    const f = Math.max(r.lo, Math.min(r.hi, Math.floor(v)));
    out[r.index] = f;
    frac[r.index] = Math.round((v - f) * QUANTUM);
    sum += f;
  }
  let k = R - sum;
  // A total order (the row index breaks every tie), so the sorted order is unique.
  const byPriority = (a: FreeRow, b: FreeRow): number => {
    // The decisions of (frac_b − frac_a) || (w_b − w_a) || (index_a − index_b), as small integers.
    const fa = frac[a.index] ?? outOfBounds();
    const fb = frac[b.index] ?? outOfBounds();
    if (fb !== fa) return fb > fa ? 1 : -1;
    if (b.w !== a.w) return b.w > a.w ? 1 : -1;
    return a.index - b.index;
  };
  const left = k;
  // k > 0: rows with a fractional share first (they may round up); whole shares only if float
  // noise left more to give, which keeps the sum exact. k < 0: the same order backwards, down.
  const step = Math.sign(k);
  if (step !== 0) {
    const order = rows
      .filter((r) => {
        const o = out[r.index] ?? outOfBounds();
        return step > 0 ? o < r.hi : o > r.lo;
      })
      .sort((a, b) => step * byPriority(a, b));
    for (const r of order) {
      if (k === 0) break;
      out[r.index] = (out[r.index] ?? outOfBounds()) + step;
      k -= step;
    }
  }
  // One unit per row is all float noise can call for; more means the exact shares were wrong.
  if (k !== 0)
    throw new Error(
      `splitTotal: ${left} units to place and only ${left - k} rows to take them (a bug)`,
    );
  return out;
}

/** What is wrong with a problem's total, if anything: not finite, negative, too large, off its step. */
export function totalError(p: SplitProblem): FenjieError | undefined {
  const d = p.decimals;
  const indicator = p.indicator ?? '';
  if (!Number.isFinite(p.total)) return fenjieError('NotFinite', { what: String(p.total) }, p.ref);
  if (p.total < 0) return fenjieError('NegativeTarget', { indicator, value: p.total }, p.ref);
  if (Math.abs(toUnits(p.total, d)) > MAX_UNITS)
    return fenjieError('TotalTooLarge', { indicator, value: p.total, decimals: d }, p.ref);
  if (!isOnStep(p.total, d))
    return fenjieError('TargetPrecision', { indicator, value: p.total, decimals: d }, p.ref);
  return undefined;
}

/** The largest weight among the rows without a lock (0 when none). */
export function largestFreeWeight(rows: SplitProblem['rows']): number {
  let top = 0;
  for (const r of rows) if (r.lock === undefined && r.weight > top) top = r.weight;
  return top;
}

/** The free rows whose weight is so small beside the largest that the split cannot honour it. */
export function weightsTooFarApart(p: SplitProblem): FenjieError[] {
  const top = largestFreeWeight(p.rows);
  const errors: FenjieError[] = [];
  p.rows.forEach((r, i) => {
    if (r.lock === undefined && r.weight > 0 && r.weight < top * MIN_WEIGHT_RATIO)
      errors.push(
        fenjieError(
          'WeightsTooFarApart',
          {
            indicator: p.indicator ?? '',
            enterprise: p.names?.[i] ?? `#${i + 1}`,
            field: p.weightField ?? 'weight',
            weight: r.weight,
            largest: top,
          },
          p.weightRefs?.[i] ?? p.ref,
        ),
      );
  });
  return errors;
}

/** Splits one total. Returns every problem it finds; never throws on user data. */
export function splitTotal(p: SplitProblem): Result<SplitResult> {
  const d = p.decimals;
  const indicator = p.indicator ?? '';
  const name = (i: number): string => p.names?.[i] ?? `#${i + 1}`;
  const fmt = (units: number): string => String(fromUnits(units, d));
  const errors: FenjieError[] = [];
  const targetError = totalError(p);
  if (targetError) return fail(targetError);
  const T = toUnits(p.total, d);
  const scale = 10 ** d;
  const check = (i: number, what: SplitField, v: number | undefined): void => {
    if (v === undefined) return;
    if (!Number.isFinite(v))
      errors.push(
        fenjieError('NotFinite', { subject: `${indicator} ${name(i)}`.trim(), field: what }, p.ref),
      );
    else if (v < 0)
      errors.push(
        fenjieError(
          'NegativeNumber',
          { subject: `${indicator} ${name(i)}`.trim(), field: what, value: v },
          p.ref,
        ),
      );
    else if (what !== 'weight' && Math.abs(v * scale) > MAX_UNITS) {
      // (A weight is a ratio: any finite size will do.)
      errors.push(fenjieError('TotalTooLarge', { indicator, value: v, decimals: d }, p.ref));
    }
  };
  for (let i = 0; i < p.rows.length; i++) {
    const r = p.rows[i] ?? outOfBounds();
    check(i, 'weight', r.weight);
    check(i, 'offset', r.offset);
    check(i, 'lock', r.lock);
    check(i, 'floor', r.floor);
    check(i, 'cap', r.cap);
    if (r.floor !== undefined && r.cap !== undefined && r.floor > r.cap) {
      errors.push(
        fenjieError(
          'FloorAboveCap',
          { indicator, enterprise: name(i), floor: r.floor, cap: r.cap },
          p.ref,
        ),
      );
    }
  }
  if (errors.length > 0) return fail(...errors);
  errors.push(...weightsTooFarApart(p));
  if (errors.length > 0) return fail(...errors);

  const units = new Array<number>(p.rows.length).fill(0);
  const exact = new Array<number>(p.rows.length).fill(0);
  let lockSum = 0;
  const locked: string[] = [];
  const free: FreeRow[] = [];
  for (let i = 0; i < p.rows.length; i++) {
    const r = p.rows[i] ?? outOfBounds();
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
        o: r.offset === undefined ? 0 : scaleToStep(r.offset, d),
        lo: r.floor === undefined ? 0 : boundUnits(r.floor, d, 'up'),
        hi: r.cap === undefined ? Infinity : boundUnits(r.cap, d, 'down'),
      });
    }
  }
  const R = T - lockSum;
  if (R < 0) {
    return fail(
      fenjieError(
        'LocksExceedTotal',
        { indicator, locks: fmt(lockSum), total: fmt(T), names: locked.join('、') },
        p.ref,
      ),
    );
  }
  if (free.length === 0) {
    if (R !== 0)
      return fail(fenjieError('AllWeightsZero', { indicator, remainder: fmt(R) }, p.ref));
  } else {
    const fixedOf = (r: FreeRow): number => Math.min(r.hi, Math.max(r.lo, r.o));
    const positive = free.filter((r) => r.w > 0);
    const zeroSum = canonicalSumOf(
      free.filter((r) => r.w === 0),
      fixedOf,
    );
    const minSum = zeroSum + canonicalSumOf(positive, (r) => r.lo);
    const maxSum = zeroSum + canonicalSumOf(positive, (r) => r.hi);
    if (minSum > R + 1e-9) {
      return fail(
        fenjieError(
          'FloorsExceedRemainder',
          { indicator, remainder: fmt(R), excess: fmt(Math.ceil(minSum - R)) },
          p.ref,
        ),
      );
    }
    if (maxSum < R - 1e-9) {
      if (positive.length === 0 || (zeroSum === 0 && positive.every((r) => r.hi === 0))) {
        return fail(fenjieError('AllWeightsZero', { indicator, remainder: fmt(R) }, p.ref));
      }
      return fail(
        fenjieError(
          'CapsBelowRemainder',
          { indicator, remainder: fmt(R), shortfall: fmt(Math.ceil(R - maxSum)) },
          p.ref,
        ),
      );
    }
    let x: Float64Array;
    if (positive.length > 0) x = waterFill(free, R, p.rows.length);
    else {
      x = new Float64Array(p.rows.length);
      for (const r of free) x[r.index] = fixedOf(r);
    }
    const rounded = roundShares(free, x, R);
    for (const r of free) {
      units[r.index] = rounded[r.index] ?? outOfBounds();
      exact[r.index] = x[r.index] ?? outOfBounds();
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
  const out = zeros(shares.length);
  const rems = new Float64Array(shares.length);
  apportionInto(
    total,
    shares,
    shares.reduce((a, b) => a + b, 0),
    out,
    rems,
  );
  return out;
}

/**
 * `apportion(a, q)` written into `out`, given Q = Σ q, without allocating (controlled rounding
 * runs it once per enterprise). `rems` receives each position's remainder a·q_j − floor·Q, and −1
 * where the position was rounded up (those all had a remainder).
 */
export function apportionInto(
  a: number,
  q: readonly number[],
  Q: number,
  out: number[],
  rems: Float64Array,
): void {
  let k = a;
  for (let j = 0; j < q.length; j++) {
    // divFloor(a, q_j, Q), inline for safe integers (no pair allocated per share).
    const qj = q[j] ?? outOfBounds();
    const n = a * qj;
    let f: number;
    let r: number;
    if (Number.isSafeInteger(n)) {
      f = Math.floor(n / Q);
      if (f * Q > n) f--;
      else if ((f + 1) * Q <= n) f++;
      r = n - f * Q;
    } else [f, r] = divFloor(a, qj, Q);
    out[j] = f;
    rems[j] = r;
    k -= f;
  }
  // Each remainder is below Q, so fewer units are left than positions with a remainder: the
  // first k of those by largest remainder, then larger share, then earlier position (a total
  // order, so picking them one by one gives a sort's first k).
  for (let t = 0; t < k; t++) {
    let best = -1;
    let bestRem = 0;
    let bestShare = 0;
    for (let j = 0; j < q.length; j++) {
      const r = rems[j] ?? outOfBounds();
      if (r < 0) continue;
      const qj = q[j] ?? outOfBounds();
      if (best < 0 || r > bestRem || (r === bestRem && qj > bestShare)) {
        best = j;
        bestRem = r;
        bestShare = qj;
      }
    }
    out[best] = (out[best] ?? outOfBounds()) + 1;
    rems[best] = -1;
  }
}

/** floor(a·q / Q) and its remainder a·q − floor·Q, exact for integers (limbs past 2^53, wide.ts). */
export function divFloor(a: number, q: number, Q: number): [number, number] {
  const n = a * q;
  if (Number.isSafeInteger(n)) {
    let f = Math.floor(n / Q);
    if (f * Q > n) f--;
    else if ((f + 1) * Q <= n) f++;
    return [f, n - f * Q];
  }
  return wideDivFloor(a, q, Q);
}
