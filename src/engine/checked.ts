/**
 * Checked array reads. Under `noUncheckedIndexedAccess` a read `a[i]` is `T | undefined`; where
 * the index is in range by construction, `a[i] ?? outOfBounds()` is the element, and an index
 * that is not (a bug) throws instead of flowing on as `undefined` (or NaN), as a cast `a[i] as T`
 * or an assertion `a[i]!` would let it. The lint forbids those two on an indexed read in src/.
 *
 * The read and its test stay at the call site: V8 keeps each site's own element-kind feedback and
 * the test costs a compare, where a shared helper `at(a, i)` would see every kind of array at its
 * one read. Only for elements that are never `undefined` or `null` themselves (`??` takes both);
 * for others test the read (`if (v === undefined) outOfBounds();`), though not in a hot loop: in
 * rankValues that statement sent V8 into a loop of deoptimizing and recompiling the function (once
 * per call: 105 times in two `plan()` runs at 10,000 enterprises). Outside hot loops, iterating
 * (`for…of`, `map`, `entries()`) needs no check at all; in them an index loop is faster (a `for…of`
 * sum over a number array ran about five times slower than the index loop on Node 20).
 *
 * In hot loops the array should be packed or typed: a read of a holey array (`new Array(n)`, even
 * once filled) tests for a hole first, and `??` then tests again (controlled rounding ran about
 * 30% more instructions on holey rows than with casts; on packed rows and typed scratch arrays,
 * none more). See `zeros`.
 *
 * @example const total = (sums[j] ?? outOfBounds()) + (row[j] ?? outOfBounds());
 */
export function outOfBounds(): never {
  throw new RangeError('read past the end of an array (a bug)');
}

/** Never written: only copied (a copy keeps its elements kind, and learns nothing from them). */
const ZEROS: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * An array of `n` zeros that V8 keeps packed: its reads need no test for a hole, which the checked
 * reads of a holey `new Array(n)` would pay for in the hot loops. Short ones (periods, shares) are
 * copies of one packed literal rather than arrays from one shared allocation site, whose feedback
 * would turn all of them into double arrays once one held a sum past the small-integer range.
 */
export function zeros(n: number): number[] {
  if (n <= ZEROS.length) return ZEROS.slice(0, n);
  const a: number[] = [];
  for (let j = 0; j < n; j++) a.push(0);
  return a;
}
