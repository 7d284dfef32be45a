import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  normalizeCreditCode,
} from './creditCode';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    '91331125521477189W',
    '91350100M000100Y43',
    '9133112546142448XC',
    // The other codes of the township example.
    '91331125355344339U',
    '91331125131983246H',
    '91331125780173147T',
  ])('%s is valid', (code) => {
    expect(checkCreditCode(code)).toBeUndefined();
  });

  it.each([
    ['91331125521477189W', 'W'],
    ['91350100M000100Y43', '3'],
    ['9133112546142448XC', 'C'],
  ])('the check character of %s is %s', (code, check) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(check);
  });

  it.each<[string, string, string, string]>([
    ['too short', '91331125521477189', '应为 18 位，实为 17 位', 'must have 18 characters, not 17'],
    [
      'too long',
      '91331125521477189WW',
      '应为 18 位，实为 19 位',
      'must have 18 characters, not 19',
    ],
    ['empty', '', '应为 18 位，实为 0 位', 'must have 18 characters, not 0'],
    [
      'letter I',
      '9133112552147718IW',
      '第 17 位“I”不是允许的字符',
      'character 17 "I" is not allowed',
    ],
    [
      'letter O',
      'O1331125521477189W',
      '第 1 位“O”不是允许的字符',
      'character 1 "O" is not allowed',
    ],
    [
      'letter S',
      '91331125521477189S',
      '第 18 位“S”不是允许的字符',
      'character 18 "S" is not allowed',
    ],
    [
      'letter V',
      '9V331125521477189W',
      '第 2 位“V”不是允许的字符',
      'character 2 "V" is not allowed',
    ],
    [
      'letter Z',
      '91331125Z21477189W',
      '第 9 位“Z”不是允许的字符',
      'character 9 "Z" is not allowed',
    ],
    [
      'lower case before normalising',
      '9133112546142448xc',
      '第 17 位“x”不是允许的字符',
      'character 17 "x" is not allowed',
    ],
    [
      'a letter in the division code',
      '91331A25521477189W',
      '第 3–8 位应为行政区划码（数字）',
      'characters 3-8 must be a division code (digits)',
    ],
    [
      'wrong check character',
      '91331125521477189A',
      '校验位应为 W',
      'the check character should be W',
    ],
    [
      'wrong check character (digit)',
      '91350100M000100Y44',
      '校验位应为 3',
      'the check character should be 3',
    ],
    ['two digits swapped', '91331125524177189W', '校验位应为 P', 'the check character should be P'],
  ])('%s: %s is invalid', (_what, code, zh, en) => {
    expect(checkCreditCode(code)).toEqual({ zh, en });
  });

  it('the alphabet has 31 characters and none of I, O, S, V, Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const ch of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(ch);
  });

  it.each([
    ['9133112546142448xc', '9133112546142448XC'],
    [' 9133 1125 4614 2448 XC ', '9133112546142448XC'],
    ['９１３３１１２５５２１４７７１８９Ｗ', '91331125521477189W'],
    ['\t91331125521477189w\n', '91331125521477189W'],
  ])('normalizeCreditCode(%j) → %s', (input, expected) => {
    expect(normalizeCreditCode(input)).toBe(expected);
    expect(checkCreditCode(normalizeCreditCode(input))).toBeUndefined();
  });
});
