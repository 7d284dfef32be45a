import { describe, expect, it } from 'vitest';
import { makeClock } from './clock';

describe('makeClock', () => {
  it('is fixed at the time given', () => {
    expect(makeClock('2025-09-03T10:30')()).toEqual({
      today: { y: 2025, m: 9, d: 3 },
      stamp: '2025-09-03 10:30',
    });
  });

  it('refuses a time that is not a date', () => {
    expect(() => makeClock('soon')).toThrow(/not a date/);
  });
});
