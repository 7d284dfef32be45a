/**
 * floor(a·q / Q) and its remainder for integers whose product passes 2^53, in plain Numbers: the
 * pane's web views (EdgeHTML 18, Safari before 14) have no BigInt. The product and the check of
 * the quotient are kept exact as little-endian limbs of 2^18 (every limb product < 2^36, every
 * column sum far below 2^53); the quotient is estimated in floating point, which is within a few
 * units of the truth, and corrected against the exact remainder.
 */

const BASE = 2 ** 18;
const LIMBS = 6; // 108 bits: a product of two integers below 2^54

/** The limbs of a non-negative integer below 2^54. */
function limbs(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  for (let i = 0; i < 3; i++) {
    const low = rest % BASE;
    out.push(low);
    rest = (rest - low) / BASE;
  }
  return out;
}

/** x·y exactly, as LIMBS limbs (x, y non-negative integers below 2^54). */
function product(x: number, y: number): number[] {
  const a = limbs(x);
  const b = limbs(y);
  const out = new Array<number>(LIMBS).fill(0);
  a.forEach((ai, i) => b.forEach((bj, j) => (out[i + j] = (out[i + j] ?? 0) + ai * bj)));
  return carry(out);
}

/** Normalises limbs to 0 ≤ limb < BASE, carrying up (and borrowing, for negative limbs). */
function carry(xs: number[]): number[] {
  let c = 0;
  return xs.map((x) => {
    const v = x + c;
    const low = ((v % BASE) + BASE) % BASE;
    c = (v - low) / BASE;
    return low;
  });
}

/** x − y for two limb numbers with x ≥ y. */
const minus = (x: readonly number[], y: readonly number[]): number[] =>
  carry(x.map((v, i) => v - (y[i] ?? 0)));

/** −1, 0 or 1 as x is below, equal to or above y. */
function compare(x: readonly number[], y: readonly number[]): number {
  for (let i = LIMBS - 1; i >= 0; i--) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The value of a limb number below 2^53. */
const valueOf = (x: readonly number[]): number => x.reduceRight((n, v) => n * BASE + v, 0);

/**
 * floor(a·q / Q) and a·q − floor·Q for integers |a|, |q| < 2^53 and 0 < Q < 2^53 whose quotient
 * is a safe integer, without BigInt.
 */
export function wideDivFloor(a: number, q: number, Q: number): [number, number] {
  const negative = a < 0 !== q < 0 && a !== 0 && q !== 0;
  const n = product(Math.abs(a), Math.abs(q));
  const d = limbs(Q);
  // |a·q| / Q: floor of the truncated quotient, then floor for a negative product below.
  let f = Math.max(0, Math.floor((Math.abs(a) * Math.abs(q)) / Q));
  let fq = product(f, Q);
  while (compare(fq, n) > 0) {
    f--;
    fq = minus(fq, d);
  }
  let r = minus(n, fq);
  while (compare(r, d) >= 0) {
    f++;
    r = minus(r, d);
  }
  const rest = valueOf(r);
  if (!negative) return [f, rest];
  return rest === 0 ? [-f, 0] : [-f - 1, Q - rest];
}
