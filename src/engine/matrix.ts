/**
 * Controlled rounding of an enterprise × period table (domain.md, "Splitting across time").
 *
 * Rows are enterprises' annual parts a_i (integer units); every row shares one profile with
 * integer numerators q_j (Q = Σ q_j). The exact cell is a_i·q_j/Q. The result:
 * - each row sums to a_i exactly;
 * - each column sums to the floor or the ceiling of its exact total A·q_j/Q (A = Σ a_i), the
 *   columns summing to A: the area total apportioned by the profile by largest remainder
 *   whenever some rounding of the cells has those column totals;
 * - each cell is the floor or the ceiling of its exact value, and a whole exact value is kept.
 *
 * A rounding with every column within one step always exists (controlled rounding of two-way
 * tables); one with the largest-remainder columns does not always: rows [3, 875214933] over
 * q = [943, 9, 9, 1, 963, 29, 3, 1] need the first row rounded up in both large columns, and it
 * has one unit to give. It is found by rounding each row by largest remainder, then moving single
 * units along augmenting paths between columns (a max-flow on the 12-column residual graph):
 * first until every column is within one step, then towards the largest-remainder totals while
 * a path exists.
 *
 * @example
 *   controlledRound([1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
 *   // each row puts its single unit in a different month; column sums apportion 4 over 12 months
 */
import { outOfBounds, zeros } from './checked';
import { apportion, apportionInto, divFloor } from './split';

export interface ControlledRounding {
  /** cells[i][j] in integer units. */
  readonly cells: number[][];
  /**
   * Column totals: the area total apportioned by the profile (largest remainder) whenever some
   * rounding of the cells has those totals; otherwise each is still the floor or the ceiling of
   * its exact value, and they sum to the area total.
   */
  readonly columns: number[];
}

/** Row-wise largest remainder only (for a row with a profile of its own). */
export function roundRow(a: number, q: readonly number[]): number[] {
  return apportion(a, q);
}

/**
 * `want`: the column totals to aim for instead of the largest-remainder ones (each the floor or
 * the ceiling of its exact total, summing to Σ rows): a unit's periods handed down to its
 * children (cascade.ts). Met whenever some rounding of the cells has them.
 */
export function controlledRound(
  rows: readonly number[],
  q: readonly number[],
  want?: readonly number[],
): ControlledRounding {
  const n = rows.length;
  const J = q.length;
  const Q = q.reduce((s, v) => s + v, 0);
  const A = rows.reduce((s, v) => s + v, 0);
  const columns = want ?? apportion(A, q);
  const cells = new Array<number[]>(n);
  // up[i] is a bitmask of the cells of row i rounded up; frac[i] of the cells with a remainder.
  const up = new Int32Array(n);
  const frac = new Int32Array(n);
  const sums = zeros(J);
  // The current row's remainders (−1 where the row was rounded up).
  const rem = new Float64Array(J);
  // Rows are copies of `zero`: packed arrays of the right size (see zeros).
  const zero = zeros(J);
  for (let i = 0; i < n; i++) {
    const row = zero.slice();
    apportionInto(rows[i] ?? outOfBounds(), q, Q, row, rem);
    let fmask = 0;
    let umask = 0;
    for (let j = 0; j < J; j++) {
      const r = rem[j] ?? outOfBounds();
      if (r !== 0) fmask |= 1 << j;
      if (r < 0) umask |= 1 << j;
    }
    up[i] = umask;
    frac[i] = fmask;
    for (let j = 0; j < J; j++) sums[j] = (sums[j] ?? outOfBounds()) + (row[j] ?? outOfBounds());
    cells[i] = row;
  }
  if (sums.some((v, j) => v !== columns[j])) {
    // Each column's bounds: the floor and the ceiling of A·q_j/Q (one value when it is whole).
    const lo = new Array<number>(J);
    const hi = new Array<number>(J);
    for (let j = 0; j < J; j++) {
      const [f, r] = divFloor(A, q[j] ?? outOfBounds(), Q);
      lo[j] = f;
      hi[j] = r > 0 ? f + 1 : f;
    }
    repair(cells, up, frac, sums, { lo, hi, want: columns });
  }
  return { cells, columns: sums };
}

/** What each column total may be, and what it should be when it can. */
interface ColumnBounds {
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  /** Largest-remainder totals, within [lo, hi]. */
  readonly want: readonly number[];
}

/**
 * Moves units between columns: first until every column total is within its bounds, then towards
 * the wanted totals while a path exists. An edge a → b exists through row i when cell (i, a) was
 * rounded up and cell (i, b) has a remainder but was rounded down; moving the unit keeps row i's
 * sum and every cell within one step of its exact value. `sums` are updated in place.
 *
 * A column over its ceiling always reaches one below its ceiling, and a column under its floor is
 * always reached from one above its floor: if not, every row would already give the columns on
 * one side of the cut their least, and no rounding within the bounds would exist. The same cut
 * shows that the wanted totals are reached whenever some rounding has them.
 */
function repair(
  cells: number[][],
  up: Int32Array,
  frac: Int32Array,
  sums: number[],
  bounds: ColumnBounds,
): void {
  const n = cells.length;
  const J = sums.length;
  // Candidate rows for each ordered column pair (a, b), validated lazily when read: first every
  // row that has a → b at the start, in row order, then every row re-added after a move, in the
  // order it was touched (with its masks then). Both are scanned in place with a head per pair
  // rather than copied into per-pair lists.
  const initUp = up.slice();
  const initHeads = new Int32Array(J * J);
  const logRow: number[] = [];
  const logUp: number[] = [];
  const heads = new Int32Array(J * J);
  const valid = (i: number, a: number, b: number): boolean => {
    const u = up[i] ?? outOfBounds();
    return (
      (u & (1 << a)) !== 0 && (u & (1 << b)) === 0 && ((frac[i] ?? outOfBounds()) & (1 << b)) !== 0
    );
  };
  /** Whether row i with up-mask u is a candidate for a → b: a rounded up, b with a remainder rounded down. */
  const listed = (i: number, u: number, a: number, b: number): boolean =>
    (u & (1 << a)) !== 0 && ((frac[i] ?? outOfBounds()) & ~u & (1 << b)) !== 0;
  /** A row through which a unit can move from column a to column b, or −1. */
  const peek = (a: number, b: number): number => {
    const p = a * J + b;
    let h0 = initHeads[p] ?? outOfBounds();
    while (h0 < n && !(listed(h0, initUp[h0] ?? outOfBounds(), a, b) && valid(h0, a, b))) h0++;
    initHeads[p] = h0;
    if (h0 < n) return h0;
    let h = heads[p] ?? outOfBounds();
    while (h < logRow.length) {
      const i = logRow[h] ?? outOfBounds();
      if (listed(i, logUp[h] ?? outOfBounds(), a, b) && valid(i, a, b)) break;
      h++;
    }
    heads[p] = h;
    return h < logRow.length ? (logRow[h] ?? outOfBounds()) : -1;
  };
  // Breadth-first search over the columns, forwards (a → b) or backwards (b ← a) from `start`.
  // `next[c]` is the neighbour of c towards `start` and `via[c]` the row of that edge; `found`
  // lists the columns reached, in order.
  const via = new Int32Array(J);
  const next = new Int32Array(J);
  const seen = new Uint8Array(J);
  const found = new Int32Array(J);
  const search = (start: number, forwards: boolean): number => {
    seen.fill(0);
    seen[start] = 1;
    found[0] = start;
    let count = 1;
    for (let k = 0; k < count; k++) {
      const c = found[k] ?? outOfBounds();
      for (let d = 0; d < J; d++) {
        if (seen[d]) continue;
        const i = forwards ? peek(c, d) : peek(d, c);
        if (i < 0) continue;
        seen[d] = 1;
        via[d] = i;
        next[d] = c;
        found[count++] = d;
      }
    }
    return count;
  };
  /** The first column reached (after `start`) that passes the earliest test, or −1. */
  const pick = (count: number, tests: readonly ((c: number) => boolean)[]): number => {
    for (const test of tests)
      for (let k = 1; k < count; k++) {
        const c = found[k] ?? outOfBounds();
        if (test(c)) return c;
      }
    return -1;
  };
  /** Moves one unit from column `from` to column `to` along the edges just searched. */
  const augment = (from: number, to: number, forwards: boolean): void => {
    const touched: number[] = [];
    let c = forwards ? to : from;
    const end = forwards ? from : to;
    while (c !== end) {
      const d = next[c] ?? outOfBounds();
      const [a, b] = forwards ? [d, c] : [c, d];
      const i = via[c] ?? outOfBounds();
      const row = cells[i] ?? outOfBounds();
      row[a] = (row[a] ?? outOfBounds()) - 1;
      row[b] = (row[b] ?? outOfBounds()) + 1;
      up[i] = ((up[i] ?? outOfBounds()) & ~(1 << a)) | (1 << b);
      touched.push(i);
      c = d;
    }
    sums[from] = (sums[from] ?? outOfBounds()) - 1;
    sums[to] = (sums[to] ?? outOfBounds()) + 1;
    for (const i of touched) {
      logRow.push(i);
      logUp.push(up[i] ?? outOfBounds());
    }
  };
  const s = (c: number): number => sums[c] ?? outOfBounds();
  const lo = (c: number): number => bounds.lo[c] ?? outOfBounds();
  const hi = (c: number): number => bounds.hi[c] ?? outOfBounds();
  const want = (c: number): number => bounds.want[c] ?? outOfBounds();
  // Every column within its bounds, preferring moves that also reach the wanted totals.
  for (;;) {
    const over = sums.findIndex((v, c) => v > hi(c));
    if (over >= 0) {
      const to = pick(search(over, true), [
        (c) => s(c) < lo(c),
        (c) => s(c) < want(c),
        (c) => s(c) < hi(c),
      ]);
      if (to < 0) throw new Error('controlledRound: no augmenting path (a bug: one always exists)');
      augment(over, to, true);
      continue;
    }
    const under = sums.findIndex((v, c) => v < lo(c));
    if (under < 0) break;
    // (No column is over its ceiling here: those were all dealt with first.)
    const from = pick(search(under, false), [(c) => s(c) > want(c), (c) => s(c) > lo(c)]);
    if (from < 0) throw new Error('controlledRound: no augmenting path (a bug: one always exists)');
    augment(from, under, false);
  }
  // Then towards the wanted totals: a column one over moves its unit to one a unit short.
  for (let moved = true; moved;) {
    moved = false;
    for (let c = 0; c < J; c++) {
      if (s(c) <= want(c)) continue;
      const to = pick(search(c, true), [(d) => s(d) < want(d)]);
      if (to < 0) continue;
      augment(c, to, true);
      moved = true;
    }
  }
}
