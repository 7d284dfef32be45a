import { describe, expect, it } from 'vitest';
import { pct, signedPoints } from './format';

describe('pct', () => {
  it.each<[number | null, string]>([
    [0.6667, '66.7%'],
    [0.4205, '42.1%'], // toFixed would say 42.0%
    [null, '—'],
  ])('%s → %s', (v, text) => {
    expect(pct(v)).toBe(text);
  });
});

describe('signedPoints', () => {
  it.each<[number, string]>([
    [-24.64, '\u221224.6'],
    [0.01, '0.0'],
    [3, '+3.0'],
    [-42.05, '\u221242.1'],
  ])('%s → %s', (v, text) => {
    expect(signedPoints(v)).toBe(text);
  });
});
