/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters from the alphabet 0-9 and A-Y without I, O, S, V, Z: registration authority (1),
 * organisation type (1), administrative division (6 digits), organisation code (9) and a check
 * character computed modulo 31 with the weights 3^i mod 31.
 *
 * @example
 *   checkCreditCode('91331125521477189W') // → undefined (valid)
 *   checkCreditCode('91331125521477189A') // → { zh: '校验位应为 W', en: 'the check character should be W' }
 */
import { outOfBounds } from './checked';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters (assumed to be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '0') * (WEIGHTS[i] ?? 0);
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? outOfBounds();
}

/** A code already in normal form: nothing to replace or upper-case. */
const NORMAL = /^[0-9A-Z]*$/;

/** Upper-cases and removes spaces and full-width forms, as people paste codes. */
export function normalizeCreditCode(code: string): string {
  if (NORMAL.test(code)) return code;
  return code
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Every character is in the alphabet (the per-character search below finds nothing). */
const IN_ALPHABET = new RegExp(`^[${CREDIT_CODE_ALPHABET}]*$`);

/** Why a (normalised) code is invalid, or undefined when it is valid. */
export function checkCreditCode(code: string): { zh: string; en: string } | undefined {
  if (code.length !== 18)
    return {
      zh: `应为 18 位，实为 ${code.length} 位`,
      en: `must have 18 characters, not ${code.length}`,
    };
  for (const [i, ch] of (IN_ALPHABET.test(code) ? [] : [...code]).entries()) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) {
      return {
        zh: `第 ${i + 1} 位“${ch}”不是允许的字符`,
        en: `character ${i + 1} "${ch}" is not allowed`,
      };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return {
      zh: '第 3–8 位应为行政区划码（数字）',
      en: 'characters 3-8 must be a division code (digits)',
    };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { zh: `校验位应为 ${expected}`, en: `the check character should be ${expected}` };
  }
  return undefined;
}
