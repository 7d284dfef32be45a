/**
 * Where a non-decreasing sum of clamped lines reaches a level (cascade.ts `solve`): the λ with
 * Σ clamp(o_i + λ·w_i, lo_i, hi_i) = R, through the breakpoints where a line meets a bound.
 *
 * The answer is defined by the breakpoints in ascending order: the first one where the sum reaches
 * R, the one before it, then false position between the two. How that first breakpoint is found
 * (a scan next to a guess, galloping from it, or bisection) changes only the cost, never the
 * answer, so a unit's own workbook, which re-splits with no guess, lands on the very same λ.
 */
import { outOfBounds } from './checked';

/**
 * The first index k of the ascending `points` where `reaches(k)` holds, or `points.length`;
 * `reaches` must hold from some index on. With a `guess` (a point near the answer) it gallops out
 * from there, so an answer a few points away costs a few calls rather than log₂ of them; the
 * index is the same either way.
 *
 * @example firstReaching(Float64Array.of(1, 2, 3, 4), (k) => k >= 2, 2.5) // → 2
 */
export function firstReaching(
  points: Float64Array,
  reaches: (k: number) => boolean,
  guess = NaN,
): number {
  // The answer lies in (below, above]: reaches(below) fails (or below = −1), reaches(above)
  // holds (or above = points.length).
  let below = -1;
  let above = points.length;
  if (guess === guess && points.length > 0) {
    let g = 0;
    let h = points.length;
    while (g < h) {
      const m = (g + h) >> 1;
      if ((points[m] ?? outOfBounds()) < guess) g = m + 1;
      else h = m;
    }
    if (g === points.length) g--;
    if (reaches(g)) {
      above = g;
      for (let step = 1; ; step *= 2) {
        const k = g - step;
        if (k < 0) break;
        if (!reaches(k)) {
          below = k;
          break;
        }
        above = k;
      }
    } else {
      below = g;
      for (let step = 1; ; step *= 2) {
        const k = g + step;
        if (k >= points.length) break;
        if (reaches(k)) {
          above = k;
          break;
        }
        below = k;
      }
    }
  }
  let a = below + 1;
  let b = above;
  while (a < b) {
    const m = (a + b) >> 1;
    if (reaches(m)) b = m;
    else a = m + 1;
  }
  return a;
}

/**
 * The λ where the non-decreasing `f` reaches `R`, given the breakpoints of `f` (in any order; the
 * array may be sorted in place). Between two adjacent breakpoints `f` is linear, or near enough
 * that false position (Illinois) converges; past the last one it is searched by doubling steps.
 * With a `guess` near the answer, the breakpoints on either side of it are tried first (a scan,
 * no sort): a re-split a fraction of a step from its parent's split usually ends there. Each λ is
 * evaluated once.
 *
 * @example levelCrossing(Float64Array.of(0, 10), (l) => Math.min(Math.max(l, 0), 10), 4) // → 4
 */
export function levelCrossing(
  breakpoints: Float64Array,
  f: (lambda: number) => number,
  R: number,
  guess = NaN,
): number {
  const tried = new Map<number, number>();
  const at = (x: number): number => {
    let v = tried.get(x);
    if (v === undefined) {
      v = f(x);
      tried.set(x, v);
    }
    return v;
  };
  let [left, right] =
    (guess === guess ? besideGuess(breakpoints, at, R, guess) : undefined) ??
    bracket(breakpoints.sort(), at, R, guess);
  let fLeft = at(left);
  let fRight = at(right);
  let side = 0;
  for (let it = 0; it < 200 && fRight > fLeft; it++) {
    let mid = left + ((R - fLeft) / (fRight - fLeft)) * (right - left);
    if (!(mid > left && mid < right) || Math.abs(side) > 1) {
      mid = left + (right - left) / 2;
      side = 0;
    }
    if (mid <= left || mid >= right) break;
    const fMid = at(mid);
    if (Math.abs(fMid - R) <= 1e-12 * Math.max(1, Math.abs(R))) {
      left = right = mid;
      break;
    }
    if (fMid < R) {
      left = mid;
      fLeft = fMid;
      side = side < 0 ? side - 1 : -1;
    } else {
      right = mid;
      fRight = fMid;
      side = side > 0 ? side + 1 : 1;
    }
  }
  return right;
}

/**
 * The bracket [the breakpoint before, the first breakpoint reaching R] (both that one when it is
 * the least), found among the `points` next to `guess` by scanning; undefined when it lies
 * elsewhere. The same bracket as `bracket` on the sorted points: every point below the first one
 * reaching R falls short, since `at` never falls.
 */
function besideGuess(
  points: Float64Array,
  at: (x: number) => number,
  R: number,
  guess: number,
): readonly [number, number] | undefined {
  // The greatest point below the guess and the least at or above it.
  let below = -Infinity;
  let above = Infinity;
  let hasBelow = false;
  let hasAbove = false;
  for (let k = 0; k < points.length; k++) {
    const p = points[k] ?? outOfBounds();
    if (p >= guess) {
      if (!hasAbove || p < above) above = p;
      hasAbove = true;
    } else {
      if (!hasBelow || p > below) below = p;
      hasBelow = true;
    }
  }
  if (!hasAbove) return undefined;
  if (at(above) >= R) {
    if (!hasBelow) return [above, above];
    return at(below) < R ? [below, above] : undefined;
  }
  // The least point past `above`.
  let next = Infinity;
  let hasNext = false;
  for (let k = 0; k < points.length; k++) {
    const p = points[k] ?? outOfBounds();
    if (p > above && (!hasNext || p < next)) {
      next = p;
      hasNext = true;
    }
  }
  return hasNext && at(next) >= R ? [above, next] : undefined;
}

/** The bracket on the ascending `points`, past the last one by doubling steps. */
function bracket(
  points: Float64Array,
  at: (x: number) => number,
  R: number,
  guess: number,
): readonly [number, number] {
  const a = firstReaching(points, (k) => at(points[k] ?? outOfBounds()) >= R, guess);
  if (a === 0) {
    const p = points[0] ?? outOfBounds();
    return [p, p];
  }
  if (a < points.length) return [points[a - 1] ?? outOfBounds(), points[a] ?? outOfBounds()];
  const left = points[points.length - 1] ?? outOfBounds();
  let step = 1;
  let right = left + step;
  while (at(right) < R && Number.isFinite(right)) {
    step *= 2;
    right = left + step;
  }
  return [left, right];
}
