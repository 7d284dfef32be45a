/**
 * Controlled rounding of an enterprise × period table (domain.md, "Splitting across time").
 *
 * Rows are enterprises' annual parts a_i (integer units); every row shares one profile with
 * integer numerators q_j (Q = Σ q_j). The exact cell is a_i·q_j/Q. The result:
 * - each row sums to a_i exactly;
 * - each column sums to the area total A = Σ a_i apportioned by the profile (largest remainder);
 * - each cell is the floor or the ceiling of its exact value, and a whole exact value is kept.
 *
 * Such a rounding always exists (controlled rounding of two-way tables). It is found by rounding
 * each row by largest remainder, then moving single units along augmenting paths between the
 * columns that are over and under their totals (a max-flow on the 12-column residual graph).
 *
 * @example
 *   controlledRound([1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
 *   // each row puts its single unit in a different month; column sums apportion 4 over 12 months
 */
import { apportion, divFloor } from './split';

export interface ControlledRounding {
  /** cells[i][j] in integer units. */
  readonly cells: number[][];
  /** Column totals (the area total apportioned by the profile). */
  readonly columns: number[];
}

/** Row-wise largest remainder only (for a row with a profile of its own). */
export function roundRow(a: number, q: readonly number[]): number[] {
  return apportion(a, q);
}

export function controlledRound(rows: readonly number[], q: readonly number[]): ControlledRounding {
  const n = rows.length;
  const J = q.length;
  const Q = q.reduce((s, v) => s + v, 0);
  const A = rows.reduce((s, v) => s + v, 0);
  const columns = apportion(A, q);
  const cells: number[][] = new Array(n);
  // up[i] is a bitmask of the cells of row i rounded up; frac[i] of the cells with a remainder.
  const up = new Int32Array(n);
  const frac = new Int32Array(n);
  const sums = new Array<number>(J).fill(0);
  const order = q.map((_, j) => j);
  // The current row's remainders (read only while that row is rounded).
  const rem = new Array<number>(J).fill(0);
  // Largest remainder first, then larger share, then earlier column: a total order.
  const cmp = (x: number, y: number): number =>
    (rem[y] as number) - (rem[x] as number) || (q[y] as number) - (q[x] as number) || x - y;
  // cmp(x, y) < 0, decided term by term as `||` does (a zero or NaN term passes on).
  const before = (x: number, y: number): boolean => {
    const d = (rem[y] as number) - (rem[x] as number);
    if (d) return d < 0;
    const e = (q[y] as number) - (q[x] as number);
    if (e) return e < 0;
    return x < y;
  };
  for (let i = 0; i < n; i++) {
    const a = rows[i] as number;
    const row = new Array<number>(J);
    let k = a;
    let fmask = 0;
    for (let j = 0; j < J; j++) {
      // divFloor(a, q_j, Q), inline for safe integers (no pair allocated per cell).
      const qj = q[j] as number;
      const prod = a * qj;
      let f: number;
      let r: number;
      if (Number.isSafeInteger(prod)) {
        f = Math.floor(prod / Q);
        if (f * Q > prod) f--;
        else if ((f + 1) * Q <= prod) f++;
        r = prod - f * Q;
      } else [f, r] = divFloor(a, qj, Q);
      row[j] = f;
      rem[j] = r;
      k -= f;
      if (r > 0) fmask |= 1 << j;
    }
    if (k > 0) {
      let umask = 0;
      if (k <= J) {
        // The first k columns in cmp order, picked one by one (the order is total, so this is
        // the sort's first k without sorting).
        for (let t = 0; t < k; t++) {
          let best = -1;
          for (let j = 0; j < J; j++) {
            if (umask & (1 << j)) continue;
            if (best < 0 || before(j, best)) best = j;
          }
          row[best] = (row[best] as number) + 1;
          umask |= 1 << best;
        }
      } else {
        order.sort(cmp);
        for (let t = 0; t < k; t++) {
          const j = order[t] as number;
          row[j] = (row[j] as number) + 1;
          umask |= 1 << j;
        }
      }
      up[i] = umask;
    }
    frac[i] = fmask;
    for (let j = 0; j < J; j++) sums[j] = (sums[j] as number) + (row[j] as number);
    cells[i] = row;
  }
  const diff = sums.map((s, j) => s - (columns[j] as number));
  if (diff.some((d) => d !== 0)) repair(cells, up, frac, diff, J);
  return { cells, columns };
}

/**
 * Moves units between columns until every column total is met. An edge a → b exists through
 * row i when cell (i, a) was rounded up and cell (i, b) has a remainder but was rounded down;
 * moving the unit keeps row i's sum and every cell within one step of its exact value.
 */
function repair(cells: number[][], up: Int32Array, frac: Int32Array, diff: number[], J: number): void {
  const n = cells.length;
  // Candidate rows for each ordered column pair (a, b), validated lazily when read: first every
  // row that has a → b at the start, in row order, then every row re-added after a move, in the
  // order it was touched (with its masks then). Both are scanned in place with a head per pair
  // rather than copied into per-pair lists.
  const initUp = up.slice();
  const initHeads = new Int32Array(J * J);
  const logRow: number[] = [];
  const logUp: number[] = [];
  const heads = new Int32Array(J * J);
  const addRow = (i: number): void => {
    logRow.push(i);
    logUp.push(up[i] as number);
  };
  const valid = (i: number, a: number, b: number): boolean =>
    ((up[i] as number) & (1 << a)) !== 0 && ((up[i] as number) & (1 << b)) === 0 && ((frac[i] as number) & (1 << b)) !== 0;
  /** Whether row i with up-mask u is a candidate for a → b: a rounded up, b with a remainder rounded down. */
  const listed = (i: number, u: number, a: number, b: number): boolean =>
    (u & (1 << a)) !== 0 && ((frac[i] as number) & ~u & (1 << b)) !== 0;
  const peek = (a: number, b: number): number => {
    const p = a * J + b;
    let h0 = initHeads[p] as number;
    while (h0 < n && !(listed(h0, initUp[h0] as number, a, b) && valid(h0, a, b))) h0++;
    initHeads[p] = h0;
    if (h0 < n) return h0;
    let h = heads[p] as number;
    while (h < logRow.length) {
      const i = logRow[h] as number;
      if (listed(i, logUp[h] as number, a, b) && valid(i, a, b)) break;
      h++;
    }
    heads[p] = h;
    return h < logRow.length ? (logRow[h] as number) : -1;
  };
  const via = new Int32Array(J);
  const from = new Int32Array(J);
  const seen = new Uint8Array(J);
  const queue = new Int32Array(J);
  const touched: number[] = [];
  for (;;) {
    let s = -1;
    for (let j = 0; j < J; j++) {
      if ((diff[j] as number) > 0) {
        s = j;
        break;
      }
    }
    if (s < 0) return;
    // Breadth-first search from an over-full column to an under-full one.
    via.fill(-1);
    from.fill(-1);
    seen.fill(0);
    seen[s] = 1;
    queue[0] = s;
    let queued = 1;
    let target = -1;
    for (let qi = 0; qi < queued && target < 0; qi++) {
      const a = queue[qi] as number;
      for (let b = 0; b < J; b++) {
        if (seen[b]) continue;
        const i = peek(a, b);
        if (i < 0) continue;
        seen[b] = 1;
        via[b] = i;
        from[b] = a;
        if ((diff[b] as number) < 0) {
          target = b;
          break;
        }
        queue[queued++] = b;
      }
    }
    if (target < 0) throw new Error('controlledRound: no augmenting path (a bug: one always exists)');
    touched.length = 0;
    for (let b = target; b !== s; b = from[b] as number) {
      const a = from[b] as number;
      const i = via[b] as number;
      const row = cells[i] as number[];
      row[a] = (row[a] as number) - 1;
      row[b] = (row[b] as number) + 1;
      up[i] = ((up[i] as number) & ~(1 << a)) | (1 << b);
      touched.push(i);
    }
    diff[s] = (diff[s] as number) - 1;
    diff[target] = (diff[target] as number) + 1;
    for (const i of touched) addRow(i);
  }
}
