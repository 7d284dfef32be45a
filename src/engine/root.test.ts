import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstReaching, levelCrossing } from './root';

describe('firstReaching', () => {
  const points = Float64Array.of(1, 2, 2, 3, 5, 8);
  const cases: { what: string; from: number; guess: number; want: number }[] = [
    { what: 'none reaches', from: 99, guess: NaN, want: 6 },
    { what: 'all reach', from: 0, guess: NaN, want: 0 },
    { what: 'the middle', from: 3, guess: NaN, want: 3 },
    { what: 'a guess at the answer', from: 3, guess: 3, want: 3 },
    { what: 'a guess far below', from: 5, guess: -100, want: 5 },
    { what: 'a guess far above', from: 1, guess: 100, want: 1 },
    { what: 'a guess past the end, none reach', from: 99, guess: 100, want: 6 },
    { what: 'a guess between points', from: 4, guess: 4.5, want: 4 },
  ];
  it.each(cases)('$what', ({ from, guess, want }) => {
    expect(firstReaching(points, (k) => k >= from, guess)).toBe(want);
  });

  it('gallops: an answer beside the guess costs a few calls, not a bisection', () => {
    const many = Float64Array.from({ length: 4096 }, (_, k) => k);
    let calls = 0;
    const reaches = (k: number): boolean => (calls++, k >= 2000);
    expect(firstReaching(many, reaches, 2000)).toBe(2000);
    expect(calls).toBeLessThanOrEqual(3);
    calls = 0;
    expect(firstReaching(many, reaches)).toBe(2000);
    expect(calls).toBeGreaterThanOrEqual(12);
  });
});

/** Lines clamp(o + λ·w, lo, hi), summed, then clamped to the whole's own bounds (a unit's). */
interface Lines {
  readonly o: number[];
  readonly w: number[];
  readonly lo: number[];
  readonly hi: number[];
  readonly outer: readonly [number, number];
}
const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
const sumOf =
  (l: Lines) =>
  (lambda: number): number => {
    let s = 0;
    l.o.forEach((o, i) => (s += clamp(o + lambda * (l.w[i] ?? 0), l.lo[i] ?? 0, l.hi[i] ?? 0)));
    return clamp(s, l.outer[0], l.outer[1]);
  };
const breakpointsOf = (l: Lines): Float64Array => {
  const bp: number[] = [];
  l.o.forEach((o, i) => {
    const w = l.w[i] ?? 1;
    bp.push(((l.lo[i] ?? 0) - o) / w);
    if (Number.isFinite(l.hi[i])) bp.push(((l.hi[i] ?? 0) - o) / w);
  });
  return Float64Array.from(bp);
};

/** The search as cascade.ts first wrote it: sort, bisect, double past the end, false position. */
function oracle(bp: Float64Array, f: (l: number) => number, R: number): number {
  const points = Float64Array.from(bp).sort();
  let a = 0;
  let b = points.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (f(points[m] ?? NaN) >= R) b = m;
    else a = m + 1;
  }
  let left: number;
  let right: number;
  if (a === 0) left = right = points[0] ?? NaN;
  else if (a < points.length) {
    left = points[a - 1] ?? NaN;
    right = points[a] ?? NaN;
  } else {
    left = points[points.length - 1] ?? NaN;
    let step = 1;
    right = left + step;
    while (f(right) < R && Number.isFinite(right)) {
      step *= 2;
      right = left + step;
    }
  }
  let fLeft = f(left);
  let fRight = f(right);
  let side = 0;
  for (let it = 0; it < 200 && fRight > fLeft; it++) {
    let mid = left + ((R - fLeft) / (fRight - fLeft)) * (right - left);
    if (!(mid > left && mid < right) || Math.abs(side) > 1) {
      mid = left + (right - left) / 2;
      side = 0;
    }
    if (mid <= left || mid >= right) break;
    const fMid = f(mid);
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

const linesArb: fc.Arbitrary<Lines> = fc
  .array(
    fc.record({
      o: fc.integer({ min: 0, max: 50 }),
      w: fc.double({ min: 0.01, max: 1, noNaN: true }),
      lo: fc.integer({ min: 0, max: 40 }),
      width: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .chain((rows) =>
    fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2000 }), fc.boolean())
      .map(([outerLo, outerWidth, open]) => ({
        o: rows.map((r) => r.o),
        w: rows.map((r) => r.w),
        lo: rows.map((r) => r.lo),
        hi: rows.map((r) => (r.width === undefined ? Infinity : r.lo + r.width)),
        outer: [outerLo, open ? Infinity : outerLo + outerWidth] as const,
      })),
  );

describe('levelCrossing', () => {
  it('finds where a clamped line reaches the level', () => {
    expect(levelCrossing(Float64Array.of(0, 10), (l) => clamp(l, 0, 10), 4)).toBe(4);
  });

  it('gives the oracle’s λ to the bit, with or without a guess, wherever the guess is', () => {
    fc.assert(
      fc.property(
        linesArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(
          fc.constant('none'),
          fc.constant('answer'),
          fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        ),
        fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
        (lines, at, guessKind, jitter) => {
          const f = sumOf(lines);
          const bp = breakpointsOf(lines);
          // A level the sum reaches: between its least and greatest values.
          const least = f(-1e9);
          const most = f(1e9);
          const R = least + at * (Number.isFinite(most) ? most - least : 1000);
          if (!(most >= R)) return;
          const want = oracle(bp, f, R);
          const guess =
            guessKind === 'none' ? NaN : guessKind === 'answer' ? want + jitter : guessKind;
          expect(Object.is(levelCrossing(Float64Array.from(bp), f, R, guess), want)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('with a guess beside the answer, evaluates a few λs instead of bisecting', () => {
    // 2,000 lines of slope 1, each open over a band of one step, the bands staggered.
    const n = 2000;
    const lines: Lines = {
      o: Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n),
      w: Array.from({ length: n }, () => 1),
      lo: Array.from({ length: n }, () => 0),
      hi: Array.from({ length: n }, () => 1),
      outer: [0, Infinity],
    };
    const f = sumOf(lines);
    let calls = 0;
    const counted = (l: number): number => (calls++, f(l));
    const R = 0.6 * n + 0.3;
    const want = oracle(breakpointsOf(lines), f, R);
    expect(levelCrossing(breakpointsOf(lines), counted, R, want - 1e-6)).toBe(want);
    expect(calls).toBeLessThanOrEqual(4);
    calls = 0;
    expect(levelCrossing(breakpointsOf(lines), counted, R)).toBe(want);
    expect(calls).toBeGreaterThan(10);
  });
});
