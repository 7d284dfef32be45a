/**
 * Numbers as people type them into government spreadsheets.
 *
 * @example
 *   parseNumber('1,234.5')          // → { ok: true, value: 1234.5 }
 *   parseNumber('１２３４')          // → { ok: true, value: 1234 }
 *   parseNumber('12%')              // → { ok: true, value: 0.12 }
 *   parseNumber('4.95亿', { unit: '万元' }) // → { ok: true, value: 49500 }
 *   parseNumber('3.2万', { unit: '万元' })  // → { ok: true, value: 3.2 }
 *   parseNumber('  ')               // → { ok: true, value: null }   (blank)
 *   parseNumber('待定')             // → { ok: false, errors: [NotANumber] }
 */
import { outOfBounds } from './checked';
import { fail, fenjieError, ok, type Ref, type Result } from './errors';

export interface ParseNumberOptions {
  /** The unit the value is expressed in (万元, 亿元, 元, 吨标煤 …); scales 万/亿 suffixes. */
  readonly unit?: string;
  /** Where the value came from, carried by any error. */
  readonly ref?: Ref;
}

/** Full-width ASCII (！ to ～) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Power of ten a magnitude word stands for: 万 → 4, 亿 → 8, 千 → 3, otherwise 0. */
function magnitudeOf(word: string): number | undefined {
  switch (word) {
    case '':
    case '元':
      return 0;
    case '千':
    case '千元':
      return 3;
    case '万':
    case '万元':
      return 4;
    case '亿':
    case '亿元':
      return 8;
    default:
      return undefined;
  }
}

/** Power of ten of an indicator's unit: 万元 → 4, 亿元 → 8, 万吨标煤 → 4, 吨标煤 → 0. */
export function unitExponent(unit: string | undefined): number {
  if (!unit) return 0;
  const u = toHalfWidth(unit).trim();
  if (u.startsWith('亿')) return 8;
  if (u.startsWith('万')) return 4;
  if (u.startsWith('千')) return 3;
  return 0;
}

const NUMBER_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Parses a cell value. Blank (null, undefined, empty or spaces) is `null`; anything that is not a
 * number is a `NotANumber` error carrying the ref; never NaN.
 */
export function parseNumber(input: unknown, opts: ParseNumberOptions = {}): Result<number | null> {
  if (input === null || input === undefined) return ok(null);
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      return fail(fenjieError('NotFinite', { what: String(input) }, opts.ref));
    return ok(input);
  }
  if (typeof input !== 'string') {
    // Anything but a string or number: a boolean, or what no cell holds.
    const text =
      typeof input === 'boolean' || typeof input === 'bigint'
        ? String(input)
        : Object.prototype.toString.call(input);
    return fail(fenjieError('NotANumber', { text }, opts.ref));
  }
  const raw = input;
  let t = toHalfWidth(raw)
    .replace(/[\s\u00a0\u2009\u202f]+/g, '')
    .replace(/\u2212/g, '-');
  if (t === '') return ok(null);
  let exp = 0;
  if (t.endsWith('%')) {
    exp -= 2;
    t = t.slice(0, -1);
  } else {
    const m = /(千元|万元|亿元|元|千|万|亿)$/.exec(t);
    if (m) {
      exp += (magnitudeOf(m[1] ?? '') ?? 0) - unitExponent(opts.unit);
      t = t.slice(0, -(m[1] ?? '').length);
    }
  }
  const m = NUMBER_RE.exec(t);
  const intPart = m?.[2] ?? '';
  const fracPart = m?.[3] ?? '';
  if (!m || (intPart === '' && fracPart === '')) {
    return fail(fenjieError('NotANumber', { text: raw.trim() }, opts.ref));
  }
  const sign = m[1] === '-' ? '-' : '';
  const e = exp + (m[4] ? Number(m[4]) : 0);
  const value = Number(`${sign}${intPart.replace(/,/g, '') || '0'}.${fracPart || '0'}e${e}`);
  if (!Number.isFinite(value))
    return fail(fenjieError('NotFinite', { what: raw.trim() }, opts.ref));
  return ok(value === 0 ? 0 : value);
}

/**
 * `value` × 10^decimals as it would print with 15 significant digits: the product rid of float
 * noise, keeping any digits past the step.
 *
 * @example scaleToStep(9839358.87, 2) // → 983935887 (the bare product is 983935886.9999999)
 * @example scaleToStep(0.125, 2)      // → 12.5
 */
export function scaleToStep(value: number, decimals: number): number {
  return Number((value * 10 ** decimals).toPrecision(15));
}

/**
 * A value in integer units of 10^-decimals, rounding half away from zero on the value as it
 * would be printed with 15 significant digits (so 1.005 at 2 decimals is 101, not 100).
 *
 * @example toUnits(1234.56, 2) // → 123456
 */
export function toUnits(value: number, decimals: number): number {
  const scaled = scaleToStep(value, decimals);
  const r = Math.round(Math.abs(scaled));
  return scaled < 0 ? -r : r;
}

/** Whether `value` is a whole number of 10^-decimals steps (within print precision). */
export function isOnStep(value: number, decimals: number): boolean {
  return Number.isInteger(scaleToStep(value, decimals));
}

/** 10^0 … 10^22, each exact in a double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Integer units back to a plain number with exactly `decimals` digits.
 * @example fromUnits(123456, 2) // → 1234.56
 */
export function fromUnits(units: number, decimals: number): number {
  if (decimals === 0) return units;
  // For a safe integer, units ÷ 10^d (exact powers up to 10^22) is correctly rounded, as is
  // parsing "<units>e-<d>": both are the double nearest to the same decimal, so they are the
  // same number. Division is much faster; `+ 0` turns −0 into 0 as the parse does.
  if (Number.isSafeInteger(units) && Number.isInteger(decimals) && decimals > 0 && decimals <= 22) {
    return units / (POW10[decimals] ?? outOfBounds()) + 0;
  }
  return Number(`${units}e-${decimals}`);
}
