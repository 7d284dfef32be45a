import { describe, expect, it } from 'vitest';
import {
  dayOfYear,
  daysInMonth,
  daysInYear,
  formatYMD,
  fromExcelSerial,
  isLeapYear,
  isValidYMD,
  lastDayOfMonth,
  timeSchedule,
  toExcelSerial,
  type YMD,
} from './calendar';

describe('leap years and month lengths', () => {
  it.each<[number, boolean]>([
    [2024, true],
    [2025, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
    [2028, true],
  ])('isLeapYear(%d) → %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap);
    expect(daysInYear(y)).toBe(leap ? 366 : 365);
  });

  it.each<[number, number, number]>([
    [2025, 1, 31],
    [2025, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2025, 4, 30],
    [2025, 6, 30],
    [2025, 9, 30],
    [2025, 11, 30],
    [2025, 12, 31],
    [2025, 8, 31],
  ])('daysInMonth(%d, %d) → %d', (y, m, d) => {
    expect(daysInMonth(y, m)).toBe(d);
    expect(lastDayOfMonth(y, m)).toEqual({ y, m, d });
  });

  it('months add up to the year', () => {
    for (const y of [2023, 2024]) {
      let n = 0;
      for (let m = 1; m <= 12; m++) n += daysInMonth(y, m);
      expect(n).toBe(daysInYear(y));
    }
  });
});

describe('dayOfYear', () => {
  it.each<[YMD, number]>([
    [{ y: 2025, m: 1, d: 1 }, 1],
    [{ y: 2025, m: 2, d: 28 }, 59],
    [{ y: 2025, m: 3, d: 1 }, 60],
    [{ y: 2024, m: 2, d: 29 }, 60],
    [{ y: 2024, m: 3, d: 1 }, 61],
    [{ y: 2025, m: 8, d: 31 }, 243],
    [{ y: 2025, m: 12, d: 31 }, 365],
    [{ y: 2024, m: 12, d: 31 }, 366],
  ])('dayOfYear(%j) → %d', (date, n) => {
    expect(dayOfYear(date)).toBe(n);
  });
});

describe('isValidYMD and formatYMD', () => {
  it.each<[YMD, boolean]>([
    [{ y: 2025, m: 8, d: 31 }, true],
    [{ y: 2024, m: 2, d: 29 }, true],
    [{ y: 2025, m: 2, d: 29 }, false],
    [{ y: 2025, m: 4, d: 31 }, false],
    [{ y: 2025, m: 13, d: 1 }, false],
    [{ y: 2025, m: 0, d: 1 }, false],
    [{ y: 2025, m: 1, d: 0 }, false],
    [{ y: 1899, m: 12, d: 31 }, false],
    [{ y: 10000, m: 1, d: 1 }, false],
    [{ y: 2025.5, m: 1, d: 1 }, false],
    [{ y: 2025, m: 1, d: 1.5 }, false],
  ])('isValidYMD(%j) → %s', (v, valid) => {
    expect(isValidYMD(v)).toBe(valid);
  });

  it.each<[YMD, string]>([
    [{ y: 2025, m: 8, d: 31 }, '2025-08-31'],
    [{ y: 2025, m: 1, d: 5 }, '2025-01-05'],
    [{ y: 2025, m: 12, d: 25 }, '2025-12-25'],
  ])('formatYMD(%j) → %s', (v, text) => {
    expect(formatYMD(v)).toBe(text);
  });
});

describe('Excel serial dates (1900 system)', () => {
  it.each<[number, YMD]>([
    // Serial 45900 is 2025-08-31 in Excel (=DATE(2025,8,31)); 2025-09-01 is 45901.
    [45900, { y: 2025, m: 8, d: 31 }],
    [45901, { y: 2025, m: 9, d: 1 }],
    [45658, { y: 2025, m: 1, d: 1 }],
    [45292, { y: 2024, m: 1, d: 1 }],
    [44927, { y: 2023, m: 1, d: 1 }],
    [45351, { y: 2024, m: 2, d: 29 }],
    [25569, { y: 1970, m: 1, d: 1 }],
    [36526, { y: 2000, m: 1, d: 1 }],
    [61, { y: 1900, m: 3, d: 1 }],
    [2958465, { y: 9999, m: 12, d: 31 }],
  ])('fromExcelSerial(%d) → %j and back', (serial, date) => {
    expect(fromExcelSerial(serial)).toEqual(date);
    expect(toExcelSerial(date)).toBe(serial);
  });

  it('ignores the time of day in a serial', () => {
    expect(fromExcelSerial(45901.75)).toEqual({ y: 2025, m: 9, d: 1 });
  });

  it('round-trips every serial from 1900-03-01 to 2100', () => {
    let prev = fromExcelSerial(60);
    for (let s = 61; s <= 73051; s++) {
      const v = fromExcelSerial(s);
      expect(isValidYMD(v)).toBe(true);
      if (toExcelSerial(v) !== s) expect(toExcelSerial(v)).toBe(s);
      // Consecutive serials are consecutive days.
      const next =
        v.d === 1
          ? v.m === 1
            ? prev.y + 1 === v.y && prev.m === 12 && prev.d === 31
            : prev.m + 1 === v.m && prev.d === daysInMonth(prev.y, prev.m)
          : prev.d + 1 === v.d;
      if (!next) expect({ prev, v }).toBe('consecutive');
      prev = v;
    }
  });
});

describe('timeSchedule (序时进度)', () => {
  it.each<[number, number]>([
    [1, 1 / 12],
    [3, 0.25],
    [6, 0.5],
    [8, 8 / 12],
    [12, 1],
  ])('by months, report month %d → %d', (m, expected) => {
    expect(timeSchedule({ basis: 'months', year: 2025, reportMonth: m })).toBe(expected);
  });

  it('by months ignores the as-of date', () => {
    expect(
      timeSchedule({ basis: 'months', year: 2025, reportMonth: 8, asOf: { y: 2025, m: 3, d: 1 } }),
    ).toBe(8 / 12);
  });

  it.each<[string, number, number, YMD | undefined, number]>([
    ['leap day', 2024, 2, { y: 2024, m: 2, d: 29 }, 60 / 366],
    ['end of report month by default', 2025, 8, undefined, 243 / 365],
    ['end of report month in a leap year', 2024, 8, undefined, 244 / 366],
    ['an as-of date inside the month', 2025, 9, { y: 2025, m: 9, d: 3 }, 246 / 365],
    ['end of the year', 2025, 12, undefined, 1],
    ['as-of date in the year before', 2025, 1, { y: 2024, m: 12, d: 31 }, 0],
    ['as-of date in the year after', 2025, 12, { y: 2026, m: 1, d: 15 }, 1],
  ])('by days, %s', (_what, year, reportMonth, asOf, expected) => {
    const r = timeSchedule({ basis: 'days', year, reportMonth, ...(asOf ? { asOf } : {}) });
    expect(r).toBeCloseTo(expected, 12);
  });
});
