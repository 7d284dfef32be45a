/**
 * Splitting one total down the units' tree (层层分解; workbook-format.md, "Units").
 *
 * 1. Exact shares: one continuous split of the whole tree. Each enterprise's share is
 *    clamp(o_i + λ·w_i, floor_i, cap_i) and each unit's is the sum of its children's, clamped to
 *    the unit's own floor and cap (or fixed at its lock); λ is common to the whole area and
 *    changes only inside a unit held at a bound or a lock, where the unit's value is shared among
 *    its children the same way. With no unit bound this is exactly the flat split of the area's
 *    enterprises (split.ts).
 * 2. Rounding down the tree, in integer units of the step: the top units' parts are the floor or
 *    the ceiling of their exact shares and add up to the target (largest remainder; ties to the
 *    larger weight, then the earlier row). Then each unit's rounded part is split again over its
 *    own subtree the same way (step 1), every node below it held to the floor and the ceiling of
 *    its exact share (its band), and its children rounded from that split, and so on down. So
 *    every level adds up exactly, no part strays a whole step from its exact share, and a unit
 *    handed its part and the bands of its subtree (`fenjie issue`) splits it on its own to
 *    exactly the same parts: it computes the very same thing.
 * 3. Over time (`cascadePeriods`): the top units against the area's profile, then each unit's
 *    children against the unit's own period cells (its issued quarterly or monthly targets), which
 *    its workbook holds as its indicator's profile, so it plans to exactly the same cells.
 *
 * @example
 *   // units 甲 (enterprises a, b) and 乙 (c), equal weights, target 100 at 0 decimals:
 *   // exact 33⅓ each; 甲 66⅔ → 67, 乙 33⅓ → 33; a, b share 67 → 34, 33; c → 33
 */
import { outOfBounds } from './checked';
import { fail, fenjieError, ok, type FenjieError, type Ref, type Result } from './errors';
import { controlledRound } from './matrix';
import { fromUnits, scaleToStep, toUnits } from './number';
import { levelCrossing } from './root';
import {
  largestFreeWeight,
  totalError,
  weightsTooFarApart,
  type SplitProblem,
  type SplitResult,
} from './split';
import type { UnitTree } from './units';

/** A unit's own lock, floor and cap for one indicator (in the indicator's unit), with their cells. */
export interface UnitBounds {
  readonly lock?: number;
  readonly floor?: number;
  readonly cap?: number;
  readonly lockRef?: Ref;
  readonly floorRef?: Ref;
  readonly capRef?: Ref;
}

export interface CascadeProblem extends SplitProblem {
  /** `rows` are the enterprises, in input order; the tree says which unit each belongs to. */
  readonly tree: UnitTree;
  /** Per unit (tree order): its bounds, if any. */
  readonly unitBounds: readonly (UnitBounds | undefined)[];
}

export interface CascadeResult extends SplitResult {
  /** Per unit: its part in integer units, in the indicator's unit, and its exact share. */
  readonly unitUnits: number[];
  readonly unitParts: number[];
  readonly unitExact: number[];
  /** Per unit: the bands its subtree was split within. */
  readonly bands: Bands[];
}

/**
 * The bands a unit's subtree was split within, in integer units of the step: node `nodes[k]` held
 * to [`lo[k]`, `hi[k]`], for every enterprise (index) and unit (n + index) below the unit that is
 * not fixed, children before their parent. What the unit's own workbook needs as floors and caps
 * to split its part to exactly these parts.
 */
export interface Bands {
  readonly nodes: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

const NO_BANDS: Bands = {
  nodes: new Int32Array(0),
  lo: new Float64Array(0),
  hi: new Float64Array(0),
};
/** An enterprise's children: none, shared. */
const NO_CHILDREN: readonly number[] = [];

const QUANTUM = 1e9;

/** Snaps values within float noise of an integer to it (as split.ts does). */
function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) <= 1e-9 ? r : v;
}

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Splits one total down the tree. Returns every problem it finds; never throws on user data. */
export function cascadeSplit(p: CascadeProblem): Result<CascadeResult> {
  const d = p.decimals;
  const indicator = p.indicator ?? '';
  const fmt = (units: number): string => String(fromUnits(units, d));
  const tree = p.tree;
  const n = p.rows.length;
  const U = tree.units.length;
  const targetError = totalError(p);
  if (targetError) return fail(targetError);
  const T = toUnits(p.total, d);

  // Nodes: enterprises 0..n−1, then units n..n+U−1.
  const N = n + U;
  const w = new Float64Array(N); // scaled weight (free enterprises), Σ for units
  const rawW = new Float64Array(N); // the rows' weights, Σ for units (ties)
  const o = new Float64Array(N);
  const lo = new Float64Array(N); // an enterprise's floor, a unit's own floor (−∞: none)
  const hi = new Float64Array(N); // cap (∞: none)
  const fixed = new Float64Array(N).fill(NaN); // a constant value (lock, or weight 0)
  const min = new Float64Array(N);
  const max = new Float64Array(N);
  const children: (readonly number[])[] = new Array<readonly number[]>(N);
  const errors: FenjieError[] = [];
  const top = largestFreeWeight(p.rows);
  errors.push(...weightsTooFarApart(p));
  if (errors.length > 0) return fail(...errors);
  p.rows.forEach((r, i) => {
    children[i] = NO_CHILDREN;
    rawW[i] = r.lock === undefined ? r.weight : 0;
    if (r.lock !== undefined) {
      fixed[i] = toUnits(r.lock, d);
      min[i] = max[i] = fixed[i] ?? outOfBounds();
      return;
    }
    const f = r.floor === undefined ? 0 : Math.ceil(scaleToStep(r.floor, d));
    const c = r.cap === undefined ? Infinity : Math.floor(scaleToStep(r.cap, d));
    const off = r.offset === undefined ? 0 : scaleToStep(r.offset, d);
    lo[i] = f;
    hi[i] = c;
    o[i] = off;
    if (r.weight > 0) {
      w[i] = r.weight / top;
      min[i] = f;
      max[i] = c;
    } else {
      fixed[i] = clamp(off, f, c);
      min[i] = max[i] = fixed[i] ?? outOfBounds();
    }
  });
  const unitName = (u: number): string => tree.units[u]?.name ?? '';
  for (let k = tree.topDown.length - 1; k >= 0; k--) {
    const u = tree.topDown[k] ?? outOfBounds();
    const node = n + u;
    const kids = [
      ...(tree.childUnits[u] ?? outOfBounds()).map((c) => n + c),
      ...(tree.enterprisesOf[u] ?? outOfBounds()),
    ];
    children[node] = kids;
    let sMin = 0;
    let sMax = 0;
    let sw = 0;
    let sRaw = 0;
    for (const c of kids) {
      sMin += min[c] ?? outOfBounds();
      sMax += max[c] ?? outOfBounds();
      sw += w[c] ?? outOfBounds();
      sRaw += rawW[c] ?? outOfBounds();
    }
    w[node] = sw;
    rawW[node] = sRaw;
    const b = p.unitBounds[u];
    const unreachable = (type: 'lock' | 'floor' | 'cap', value: number, ref?: Ref): void => {
      errors.push(
        fenjieError(
          'UnitConstraintUnreachable',
          {
            indicator,
            unit: unitName(u),
            type,
            value,
            min: fmt(sMin),
            max: Number.isFinite(sMax) ? fmt(sMax) : '∞',
          },
          ref ?? p.ref,
        ),
      );
    };
    if (b?.lock !== undefined) {
      const L = toUnits(b.lock, d);
      if (L < sMin || L > sMax) unreachable('lock', b.lock, b.lockRef);
      fixed[node] = L;
      min[node] = max[node] = L;
      lo[node] = hi[node] = L;
      continue;
    }
    const F = b?.floor === undefined ? -Infinity : Math.ceil(scaleToStep(b.floor, d));
    const C = b?.cap === undefined ? Infinity : Math.floor(scaleToStep(b.cap, d));
    if (b?.floor !== undefined && F > sMax) unreachable('floor', b.floor, b.floorRef);
    if (b?.cap !== undefined && C < sMin) unreachable('cap', b.cap, b.capRef);
    lo[node] = F;
    hi[node] = C;
    min[node] = Math.max(F, sMin);
    max[node] = Math.min(C, sMax);
  }
  if (errors.length > 0) return fail(...errors);
  const topNodes = tree.top.map((u) => n + u);
  let tMin = 0;
  let tMax = 0;
  let tw = 0;
  for (const c of topNodes) {
    tMin += min[c] ?? outOfBounds();
    tMax += max[c] ?? outOfBounds();
    tw += w[c] ?? outOfBounds();
  }
  if (tMin > T + 1e-9)
    return fail(
      fenjieError(
        'FloorsExceedRemainder',
        { indicator, remainder: fmt(T), excess: fmt(Math.ceil(tMin - T)) },
        p.ref,
      ),
    );
  if (tMax < T - 1e-9) {
    if (tw === 0)
      return fail(fenjieError('AllWeightsZero', { indicator, remainder: fmt(T) }, p.ref));
    return fail(
      fenjieError(
        'CapsBelowRemainder',
        { indicator, remainder: fmt(T), shortfall: fmt(Math.ceil(T - tMax)) },
        p.ref,
      ),
    );
  }

  const isFixed = (c: number): boolean => !Number.isNaN(fixed[c] ?? outOfBounds());
  // A solve's subtree in post-order (children before their parent, in children order; a fixed
  // node ends its branch) and each node's value at the λ last evaluated.
  const post = new Int32Array(N);
  let postLength = 0;
  const val = new Float64Array(N);
  let valAt = NaN; // the λ `val` holds
  const order = (c: number): void => {
    if (c >= n && !isFixed(c)) for (const k of children[c] ?? outOfBounds()) order(k);
    post[postLength++] = c;
  };
  /**
   * Every node's share at λ over the current post-order (an enterprise's clamp(o + λ·w), a
   * unit's its children's sum in order, clamped to its own bounds), then the sum over `nodes`.
   */
  const sumAt = (nodes: readonly number[], lambda: number): number => {
    valAt = lambda;
    for (let k = 0; k < postLength; k++) {
      const c = post[k] ?? outOfBounds();
      const f = fixed[c] ?? outOfBounds();
      if (f === f) val[c] = f;
      else if (c < n) val[c] = clamp((o[c] ?? 0) + lambda * (w[c] ?? 0), lo[c] ?? 0, hi[c] ?? 0);
      else {
        let s = 0;
        for (const g of children[c] ?? outOfBounds()) s += val[g] ?? 0;
        val[c] = clamp(s, lo[c] ?? 0, hi[c] ?? 0);
      }
    }
    let s = 0;
    for (const c of nodes) s += val[c] ?? 0;
    return s;
  };
  /** The free enterprises below `nodes` (through units that are not locked). */
  const freeLeaves = (nodes: readonly number[], out: number[]): number[] => {
    for (const c of nodes) {
      if (isFixed(c)) continue;
      if (c < n) out.push(c);
      else freeLeaves(children[c] ?? outOfBounds(), out);
    }
    return out;
  };

  const x = new Float64Array(N);
  /** The λ each unit's subtree was last shared at: where its re-split starts looking. */
  const lambdaOf = new Float64Array(N).fill(NaN);
  /**
   * Shares `R` among `nodes` (siblings), then within every unit held at a bound or lock below.
   * `guess`: a λ near the answer (a unit's re-split: its parent's); without one, where the sum
   * would reach R were no enterprise at a bound.
   */
  const solve = (nodes: readonly number[], R: number, guess = NaN): void => {
    postLength = 0;
    valAt = NaN;
    for (const c of nodes) order(c);
    // The free enterprises' breakpoints, where their shares meet a bound.
    const bp = new Float64Array(2 * postLength);
    let m = 0;
    // The subtree's fixed values, and its free enterprises' offsets and weights (the guess).
    let fixedAll = 0;
    let oAll = 0;
    let wAll = 0;
    for (let k = 0; k < postLength; k++) {
      const i = post[k] ?? outOfBounds();
      if (isFixed(i)) {
        fixedAll += fixed[i] ?? outOfBounds();
        continue;
      }
      if (i >= n) continue;
      const wi = w[i] ?? outOfBounds();
      const oi = o[i] ?? outOfBounds();
      oAll += oi;
      wAll += wi;
      bp[m++] = ((lo[i] ?? 0) - oi) / wi;
      const h = hi[i] ?? outOfBounds();
      if (Number.isFinite(h)) bp[m++] = (h - oi) / wi;
    }
    // Where the sum reaches R (it never falls as λ grows, and between two breakpoints it is
    // linear but for the units' own bounds).
    const near = guess === guess ? guess : (R - fixedAll - oAll) / wAll;
    const lambda = m > 0 ? levelCrossing(bp.subarray(0, m), (l) => sumAt(nodes, l), R, near) : 0;
    if (!Object.is(valAt, lambda)) sumAt(nodes, lambda);
    for (let k = 0; k < postLength; k++) lambdaOf[post[k] ?? outOfBounds()] = lambda;
    // Which units are held at a bound (or locked) at λ, and which enterprises share freely.
    const held = new Map<number, number>(); // unit node → its value
    const boundLeaf = new Map<number, number>(); // enterprise → its bound
    const active: number[] = [];
    const open: number[] = []; // units between their bounds, deepest last
    const classify = (c: number): void => {
      if (isFixed(c)) {
        if (c < n) boundLeaf.set(c, fixed[c] ?? outOfBounds());
        else held.set(c, fixed[c] ?? outOfBounds());
        return;
      }
      if (c < n) {
        const v = (o[c] ?? 0) + lambda * (w[c] ?? 0);
        if (v <= (lo[c] ?? 0)) boundLeaf.set(c, lo[c] ?? 0);
        else if (v >= (hi[c] ?? 0)) boundLeaf.set(c, hi[c] ?? 0);
        else active.push(c);
        return;
      }
      const v = val[c] ?? outOfBounds();
      if (v <= (lo[c] ?? 0) || v >= (hi[c] ?? 0)) held.set(c, v);
      else {
        open.push(c);
        for (const k of children[c] ?? outOfBounds()) classify(k);
      }
    };
    for (const c of nodes) classify(c);
    // Shares of the free enterprises from the exact remainder (as split.ts), fixing at its bound
    // any enterprise or open unit that lands outside it (float noise near a bound) and again.
    let current = active;
    for (let round = 0; round <= N; round++) {
      let fixedSum = 0;
      // forEach, not for…of: entries would allocate a pair each.
      held.forEach((v) => (fixedSum += v));
      boundLeaf.forEach((v) => (fixedSum += v));
      let oSum = 0;
      let W = 0;
      for (const i of current) {
        oSum += o[i] ?? 0;
        W += w[i] ?? 0;
      }
      const rest = R - fixedSum - oSum;
      const next: number[] = [];
      let changed = false;
      for (const i of current) {
        const v = (o[i] ?? 0) + ((w[i] ?? 0) / W) * rest;
        if (v < (lo[i] ?? 0) || v > (hi[i] ?? 0)) {
          boundLeaf.set(i, v < (lo[i] ?? 0) ? (lo[i] ?? 0) : (hi[i] ?? 0));
          changed = true;
        } else next.push(i);
        x[i] = v;
      }
      boundLeaf.forEach((v, i) => (x[i] = v));
      held.forEach((v, u) => (x[u] = v));
      // Open units' sums, deepest first.
      for (let k = open.length - 1; k >= 0; k--) {
        const u = open[k] ?? outOfBounds();
        let s = 0;
        for (const c of children[u] ?? outOfBounds()) s += x[c] ?? 0;
        x[u] = s;
      }
      if (!changed) {
        for (let k = 0; k < open.length; k++) {
          const u = open[k] ?? outOfBounds();
          const v = x[u] ?? 0;
          if (v < (lo[u] ?? 0) - 1e-9 || v > (hi[u] ?? 0) + 1e-9) {
            // Held after all: its subtree leaves the shared pool.
            held.set(u, v < (lo[u] ?? 0) ? (lo[u] ?? 0) : (hi[u] ?? 0));
            const inside = new Set(freeLeaves(children[u] ?? outOfBounds(), []));
            const below = (c: number): boolean => {
              for (let at = c; at >= 0;) {
                const parentUnit = at < n ? tree.unitOf[at] : tree.parentOf[at - n];
                if (parentUnit === undefined || parentUnit < 0) return false;
                if (n + parentUnit === u) return true;
                at = n + parentUnit;
              }
              return false;
            };
            for (const i of [...boundLeaf.keys()]) if (below(i)) boundLeaf.delete(i);
            for (const h of [...held.keys()]) if (h !== u && below(h)) held.delete(h);
            const keep = open.filter((v2) => v2 !== u && !below(v2));
            open.length = 0;
            open.push(...keep);
            current = next.filter((i) => !inside.has(i));
            changed = true;
            break;
          }
        }
      } else current = next;
      if (!changed) break;
    }
    // Units held at a bound or lock share their value among their children the same way.
    for (const [u, v] of held) {
      x[u] = v;
      solve(children[u] ?? outOfBounds(), v);
    }
  };
  solve(topNodes, T);
  // The exact shares: the whole tree's continuous split (the re-splits below refine only the
  // rounding).
  const exactShares = x.slice();

  // Rounding down the tree.
  const part = new Float64Array(N);
  const bands: Bands[] = tree.units.map(() => NO_BANDS);
  /** The nodes below `c`, children before their parent (bottom-up). */
  const below = (c: number, out: number[]): number[] => {
    for (const k of children[c] ?? outOfBounds()) {
      below(k, out);
      out.push(k);
    }
    return out;
  };
  /** Holds every node below unit `c` to the floor and ceiling of its current exact share. */
  const tighten = (c: number): void => {
    const nodes = below(c, []);
    const kept = new Int32Array(nodes.length);
    const bandLo = new Float64Array(nodes.length);
    const bandHi = new Float64Array(nodes.length);
    let m = 0;
    for (const k of nodes) {
      if (isFixed(k)) continue;
      const v = snap(x[k] ?? outOfBounds());
      lo[k] = Math.max(lo[k] ?? 0, Math.floor(v));
      hi[k] = Math.min(hi[k] ?? 0, Math.ceil(v));
      if (k < n) {
        min[k] = lo[k] ?? 0;
        max[k] = hi[k] ?? 0;
      } else {
        let sMin = 0;
        let sMax = 0;
        for (const g of children[k] ?? outOfBounds()) {
          sMin += min[g] ?? 0;
          sMax += max[g] ?? 0;
        }
        min[k] = Math.max(lo[k] ?? 0, sMin);
        max[k] = Math.min(hi[k] ?? 0, sMax);
      }
      kept[m] = k;
      bandLo[m] = lo[k] ?? 0;
      bandHi[m] = hi[k] ?? 0;
      m++;
    }
    bands[c - n] = {
      nodes: kept.subarray(0, m),
      lo: bandLo.subarray(0, m),
      hi: bandHi.subarray(0, m),
    };
  };
  const round = (nodes: readonly number[], P: number): void => {
    const frac = new Float64Array(nodes.length);
    let sum = 0;
    nodes.forEach((c, k) => {
      const v = snap(x[c] ?? outOfBounds());
      const f = clamp(
        Math.floor(v),
        Math.ceil((min[c] ?? 0) - 1e-9),
        Math.floor((max[c] ?? 0) + 1e-9),
      );
      part[c] = f;
      frac[k] = Math.round((v - f) * QUANTUM);
      sum += f;
    });
    let left = P - sum;
    const step = Math.sign(left);
    if (step !== 0) {
      const order = nodes
        .map((_, k) => k)
        .filter((k) => {
          const c = nodes[k] ?? outOfBounds();
          const v = part[c] ?? outOfBounds();
          return step > 0
            ? v < Math.floor((max[c] ?? 0) + 1e-9)
            : v > Math.ceil((min[c] ?? 0) - 1e-9);
        })
        .sort((a, b) => {
          const fa = frac[a] ?? outOfBounds();
          const fb = frac[b] ?? outOfBounds();
          const ca = nodes[a] ?? outOfBounds();
          const cb = nodes[b] ?? outOfBounds();
          const wa = rawW[ca] ?? outOfBounds();
          const wb = rawW[cb] ?? outOfBounds();
          const byPriority =
            fb !== fa ? (fb > fa ? 1 : -1) : wb !== wa ? (wb > wa ? 1 : -1) : a - b;
          return step * byPriority;
        });
      for (const k of order) {
        if (left === 0) break;
        const c = nodes[k] ?? outOfBounds();
        part[c] = (part[c] ?? outOfBounds()) + step;
        left -= step;
      }
    }
    if (left !== 0) throw new Error(`cascadeSplit: ${left} units left to place (a bug)`);
    for (const c of nodes) {
      if (c < n) continue;
      // The unit's rounded part split again over its subtree, within the bands.
      const P = part[c] ?? outOfBounds();
      tighten(c);
      solve(children[c] ?? outOfBounds(), P, lambdaOf[c]);
      round(children[c] ?? outOfBounds(), P);
    }
  };
  round(topNodes, T);

  const units = new Array<number>(n);
  const exact = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    units[i] = part[i] ?? outOfBounds();
    exact[i] = (exactShares[i] ?? outOfBounds()) / 10 ** d;
  }
  const unitUnits = new Array<number>(U);
  const unitExact = new Array<number>(U);
  for (let u = 0; u < U; u++) {
    unitUnits[u] = part[n + u] ?? outOfBounds();
    unitExact[u] = (exactShares[n + u] ?? outOfBounds()) / 10 ** d;
  }
  return ok({
    units,
    parts: units.map((u) => fromUnits(u, d)),
    exact,
    unitUnits,
    unitParts: unitUnits.map((u) => fromUnits(u, d)),
    unitExact,
    bands,
  });
}

/**
 * The enterprise × period table down the tree. The top units' period cells: controlled rounding of
 * their annual parts against the area's profile `q`, the columns the area's part apportioned by
 * it (so the area's period totals are the target split by the profile, exactly). Below that, a
 * unit's children split the unit's issued period cells: controlled rounding of their annual parts
 * with the unit's cells as column totals and `handDown(cells)` as the profile — the cells
 * themselves, normalised (profile.ts `issuedProfile`), as the unit's own workbook reads them
 * (`fenjie issue`), so that workbook plans to exactly these cells. The exact value of child i in
 * period j is then annual_i × cell_j / Σ cell: every cell is within one step of its exact value
 * under its parent's issued split. `handDown` returns undefined where the cells are no profile
 * (all zero); the children then split against `q`. Rows are the enterprises' annual parts in
 * units (0 for an enterprise rounded on its own profile, whose row the caller fills). Returns each
 * enterprise's cells (those of the tree) and each unit's period totals over its enterprises that
 * follow the profile.
 *
 * @example
 *   // 甲 (a 1, b 2) and 乙 (c 1) over two even periods: 甲 [2, 1] (the area [2, 2]),
 *   // a and b split [2, 1] by its shares 2:1 — a [1, 0] (exact ⅔, ⅓), b [1, 1]
 */
export function cascadePeriods(
  tree: UnitTree,
  annual: readonly number[],
  q: readonly number[],
  handDown: (cells: readonly number[]) => readonly number[] | undefined,
): { readonly enterprises: number[][]; readonly units: number[][] } {
  const n = annual.length;
  const U = tree.units.length;
  const J = q.length;
  const unitAnnual = new Array<number>(U).fill(0);
  for (let k = tree.topDown.length - 1; k >= 0; k--) {
    const u = tree.topDown[k] ?? outOfBounds();
    let s = 0;
    for (const c of tree.childUnits[u] ?? outOfBounds()) s += unitAnnual[c] ?? outOfBounds();
    for (const i of tree.enterprisesOf[u] ?? outOfBounds()) s += annual[i] ?? outOfBounds();
    unitAnnual[u] = s;
  }
  const enterprises: number[][] = new Array<number[]>(n);
  const units: number[][] = new Array<number[]>(U);
  const hand = (
    us: readonly number[],
    shares: readonly number[],
    want: readonly number[] | undefined,
  ): void => {
    const r = controlledRound(
      us.map((u) => unitAnnual[u] ?? outOfBounds()),
      shares,
      want,
    );
    us.forEach((u, k) => {
      const cells = r.cells[k] ?? outOfBounds();
      units[u] = cells;
      const own = handDown(cells) ?? q;
      const kids = tree.childUnits[u] ?? outOfBounds();
      if (kids.length > 0) hand(kids, own, cells);
      else {
        const es = tree.enterprisesOf[u] ?? outOfBounds();
        const inner = controlledRound(
          es.map((i) => annual[i] ?? outOfBounds()),
          own,
          cells,
        );
        es.forEach((i, m) => (enterprises[i] = inner.cells[m] ?? outOfBounds()));
      }
    });
  };
  hand(tree.top, q, undefined);
  // Every enterprise is under a unit (units.ts), so every row was handed its cells.
  for (let i = 0; i < n; i++) if (enterprises[i] === undefined) outOfBounds();
  // A unit's periods are its enterprises' sums (the handed-down totals whenever they were met).
  for (let k = tree.topDown.length - 1; k >= 0; k--) {
    const u = tree.topDown[k] ?? outOfBounds();
    const sums = new Array<number>(J).fill(0);
    const add = (row: readonly number[]): void => {
      for (let j = 0; j < J; j++) sums[j] = (sums[j] ?? 0) + (row[j] ?? 0);
    };
    for (const c of tree.childUnits[u] ?? outOfBounds()) add(units[c] ?? outOfBounds());
    for (const i of tree.enterprisesOf[u] ?? outOfBounds()) add(enterprises[i] ?? outOfBounds());
    units[u] = sums;
  }
  return { enterprises, units };
}
