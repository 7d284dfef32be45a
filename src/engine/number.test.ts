import { describe, expect, it } from 'vitest';
import { outOfBounds } from './checked';
import { describeError } from './errors';
import {
  fromUnits,
  isOnStep,
  parseNumber,
  scaleToStep,
  toHalfWidth,
  toUnits,
  unitExponent,
} from './number';

describe('parseNumber: numbers as people type them', () => {
  it.each<[string, unknown, string | undefined, number]>([
    ['thousands separators', '1,234.5', undefined, 1234.5],
    ['several separators', '1,234,567.89', undefined, 1234567.89],
    ['full-width digits', '１２３４', undefined, 1234],
    ['full-width comma and point', '１，２３４．５', undefined, 1234.5],
    ['a percentage', '12%', undefined, 0.12],
    ['a full-width percentage', '１２％', undefined, 0.12],
    ['a negative percentage', '-3.8%', undefined, -0.038],
    ['亿 in a 万元 column', '4.95亿', '万元', 49500],
    ['亿元 in a 万元 column', '4.95亿元', '万元', 49500],
    ['万 in a 万元 column', '3.2万', '万元', 3.2],
    ['万 in a 元 column', '3.2万', '元', 32000],
    ['万 with no unit', '3.2万', undefined, 32000],
    ['亿 in a 亿元 column', '1.4亿', '亿元', 1.4],
    ['万 in a 亿元 column', '14000万', '亿元', 1.4],
    ['千元 in a 万元 column', '500千元', '万元', 50],
    ['万 in a 万吨标煤 column', '2万', '万吨标煤', 2],
    ['spaces around', ' 88 ', undefined, 88],
    ['an ideographic space', '\u300088\u3000', undefined, 88],
    ['a non-breaking space inside', '1\u00a0234', undefined, 1234],
    ['a minus sign U+2212', '\u22125', undefined, -5],
    ['an ASCII minus', '-5', undefined, -5],
    ['a plus sign', '+7', undefined, 7],
    ['a leading point', '.5', undefined, 0.5],
    ['a trailing point', '5.', undefined, 5],
    ['an exponent', '1.5e3', undefined, 1500],
    ['minus zero is zero', '-0', undefined, 0],
    ['a number cell', 42.5, undefined, 42.5],
    ['a number cell ignores the unit', 42.5, '元', 42.5],
  ])('%s: %j (unit %s) → %d', (_what, input, unit, expected) => {
    const r = parseNumber(input, unit === undefined ? {} : { unit });
    expect(r).toEqual({ ok: true, value: expected });
  });

  it('minus zero comes back as +0', () => {
    const r = parseNumber('-0');
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['spaces', '   '],
    ['an ideographic space', '\u3000'],
    ['tabs and newlines', '\t\n'],
  ])('blank (%s) is null', (_what, input) => {
    expect(parseNumber(input)).toEqual({ ok: true, value: null });
  });

  const ref = { sheet: '基数', cell: 'C7' };
  it.each<[unknown, string, string, string]>([
    ['—', '—', '基数!C7：“—”不是数字', '基数!C7: "—" is not a number'],
    ['待定', '待定', '基数!C7：“待定”不是数字', '基数!C7: "待定" is not a number'],
    ['N/A', 'N/A', '基数!C7：“N/A”不是数字', '基数!C7: "N/A" is not a number'],
    ['1,23', '1,23', '基数!C7：“1,23”不是数字', '基数!C7: "1,23" is not a number'],
    ['12.3.4', '12.3.4', '基数!C7：“12.3.4”不是数字', '基数!C7: "12.3.4" is not a number'],
    [' 待定 ', '待定', '基数!C7：“待定”不是数字', '基数!C7: "待定" is not a number'],
    ['万', '万', '基数!C7：“万”不是数字', '基数!C7: "万" is not a number'],
    ['%', '%', '基数!C7：“%”不是数字', '基数!C7: "%" is not a number'],
    ['-', '-', '基数!C7：“-”不是数字', '基数!C7: "-" is not a number'],
    ['1,2345', '1,2345', '基数!C7：“1,2345”不是数字', '基数!C7: "1,2345" is not a number'],
    [true, 'true', '基数!C7：“true”不是数字', '基数!C7: "true" is not a number'],
  ])('%j is NotANumber with the ref carried through', (input, text, zh, en) => {
    const r = parseNumber(input, { ref });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0] ?? outOfBounds();
    expect(e).toEqual({ code: 'NotANumber', params: { text }, sheet: '基数', cell: 'C7' });
    expect(describeError(e, 'zh')).toBe(zh);
    expect(describeError(e, 'en')).toBe(en);
  });

  it.each<[unknown, string]>([
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [NaN, 'NaN'],
    ['1e400', '1e400'],
  ])('%j is NotFinite with the ref carried through', (input, what) => {
    const r = parseNumber(input, { ref: { sheet: '实绩', cell: 'D9' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([{ code: 'NotFinite', params: { what }, sheet: '实绩', cell: 'D9' }]);
    expect(describeError(r.errors[0] ?? outOfBounds(), 'zh')).toBe(`实绩!D9：${what}不是有限数值`);
    expect(describeError(r.errors[0] ?? outOfBounds(), 'en')).toBe(
      `实绩!D9: ${what} is not a finite number`,
    );
  });

  it('an error without a ref has no place', () => {
    const r = parseNumber('待定');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toEqual({ code: 'NotANumber', params: { text: '待定' } });
    expect(describeError(r.errors[0] ?? outOfBounds(), 'zh')).toBe('“待定”不是数字');
  });
});

describe('toHalfWidth and unitExponent', () => {
  it.each([
    ['１２３４', '1234'],
    ['ＡＢＣ％', 'ABC%'],
    ['\u3000x\u3000', ' x '],
    ['中文不变', '中文不变'],
  ])('toHalfWidth(%j) → %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it.each<[string | undefined, number]>([
    [undefined, 0],
    ['', 0],
    ['元', 0],
    ['吨标煤', 0],
    ['千元', 3],
    ['万元', 4],
    ['万吨标煤', 4],
    [' 万元 ', 4],
    ['亿元', 8],
  ])('unitExponent(%j) → %d', (unit, expected) => {
    expect(unitExponent(unit)).toBe(expected);
  });
});

describe('integer units', () => {
  it.each<[number, number, number]>([
    [1.005, 2, 101],
    [-1.005, 2, -101],
    [1234.56, 2, 123456],
    [0.1 + 0.2, 1, 3],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [2.4999, 0, 2],
    [1.1, 2, 110],
    [95000, 0, 95000],
    [49500, 2, 4950000],
    [0.0005, 3, 1],
    [123.4567, 6, 123456700],
  ])('toUnits(%d, %d) → %d', (value, decimals, expected) => {
    expect(toUnits(value, decimals)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [123456, 2, 1234.56],
    [101, 2, 1.01],
    [-5, 2, -0.05],
    [7, 0, 7],
    [1, 3, 0.001],
    [123456700, 6, 123.4567],
  ])('fromUnits(%d, %d) → %d', (units, decimals, expected) => {
    expect(fromUnits(units, decimals)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [9839358.87, 2, 983935887],
    [1.1, 2, 110],
    [0.125, 2, 12.5],
    [-0.07, 2, -7],
    [123.4567, 6, 123456700],
  ])('scaleToStep(%d, %d) → %d', (value, decimals, expected) => {
    expect(scaleToStep(value, decimals)).toBe(expected);
  });

  it.each<[number, number, boolean]>([
    [1.1, 2, true],
    [1.1, 1, true],
    [1.1, 0, false],
    [0.1 + 0.2, 1, true],
    [1.005, 2, false],
    [1.005, 3, true],
    [95000, 0, true],
    [49500.5, 0, false],
    [49500.5, 1, true],
  ])('isOnStep(%d, %d) → %s', (value, decimals, expected) => {
    expect(isOnStep(value, decimals)).toBe(expected);
  });

  it('round trip fromUnits(toUnits(v)) keeps values on the step', () => {
    for (const v of [0, 0.01, 0.07, 12.34, 99999.99, 1234567.89])
      expect(fromUnits(toUnits(v, 2), 2)).toBe(v);
  });
});
