/**
 * `x` with `d` decimals, half away from zero on the decimal value written (42.05 → "42.1", where
 * `toFixed` gives "42.0" for the binary 42.04999…), as Excel's ROUND and people round.
 * @example fixed(42.05, 1) // → '42.1'
 */
export function fixed(x: number, d: number): string {
  const scaled = Number((Math.abs(x) * 10 ** d).toPrecision(15));
  const r = Math.round(scaled) / 10 ** d;
  const s = r.toFixed(d);
  return x < 0 && r !== 0 ? `-${s}` : s;
}
