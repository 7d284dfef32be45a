import { describe, expect, it } from 'vitest';
import { fixed } from './fixed';

describe('fixed', () => {
  it.each<[number, number, string]>([
    [42.05, 1, '42.1'], // toFixed gives 42.0
    [0.4205 * 100, 1, '42.1'],
    [1.005, 2, '1.01'], // toFixed gives 1.00
    [-2.25, 1, '-2.3'],
    [-0.04, 1, '0.0'], // no negative zero
    [66.66666, 1, '66.7'],
    [3, 1, '3.0'],
  ])('fixed(%s, %s) → %s', (x, d, text) => {
    expect(fixed(x, d)).toBe(text);
  });
});
