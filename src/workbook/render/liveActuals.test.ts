/**
 * The JS mirror of the helper sheet's formulas: each reader (TRIM, `--text`, the year, month and
 * value readers) against what the spreadsheet gives, then the helper's tables and data-check
 * counts over a small 实绩 with one of each problem.
 */
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../engine';
import type { RawCell } from '../grid';
import {
  cellValue,
  hasFigureIn,
  liveActuals,
  liveCounts,
  readMonth,
  readValue,
  readYear,
  toNumber,
  trim,
  type LiveSource,
} from './liveActuals';

describe('the readers', () => {
  it.each<[number | string | boolean, string]>([
    ['  a   b  ', 'a b'],
    ['a', 'a'],
    ['\ta', '\ta'], // TRIM removes spaces only
    [12, '12'],
    [0.1 + 0.2, '0.3'], // 15 significant digits, as a spreadsheet shows it
    [true, 'TRUE'],
    [false, 'FALSE'],
    ['', ''],
  ])('TRIM(%j) = %j', (x, out) => {
    expect(trim(x)).toBe(out);
  });

  it.each<[string, number | undefined]>([
    ['12', 12],
    [' 12 ', 12],
    ['+7', 7],
    ['-3', -3],
    ['.5', 0.5],
    ['12.', 12],
    ['1e3', 1000],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['5%', 0.05],
    ['12,34', undefined],
    ['1,2345', undefined],
    ['abc', undefined],
    ['1 2', undefined],
    ['', undefined],
    ['%', undefined],
  ])('--%j = %j', (text, out) => {
    expect(toNumber(text)).toBe(out);
  });

  it.each<[number | string | boolean, number | '']>([
    [2025, 2025],
    ['2025', 2025],
    [' 2025 ', 2025],
    ['二〇二五', ''],
    ['', ''],
    [true, ''],
  ])('reads the year %j as %j', (x, out) => {
    expect(readYear(x)).toBe(out);
  });

  it.each<[number | string | boolean, number | '' | 'x']>([
    [8, 8],
    ['8', 8],
    ['9月', 9],
    [' 9 月 ', 9],
    ['12月', 12],
    ['九月', 'x'], // not blank, no month: the data check counts it
    ['', ''],
    ['  ', ''],
    [13, 'x'],
    [0, 'x'],
    [8.5, 'x'],
    [-3, 'x'], // a number is a month as it is (the engine refuses −3), not "1-3"'s last part
    [45_901, 'x'], // a date in the month cell
    ['8.0', 8],
    ['1-8月', 8], // a range of months is its last, as the engine reads it
    ['1－8月', 8],
    ['1至8月', 8],
    ['1月-8月', 8],
    ['1~12', 12],
  ])('reads the month %j as %j', (x, out) => {
    expect(readMonth(x)).toBe(out);
  });

  it.each<[number | string | boolean, number | '']>([
    [5, 5],
    [-2.5, -2.5],
    ['9,300', 9300],
    ['9，300', 9300],
    [' 1 234 ', 1234],
    ['12%', 0.12],
    ['', ''],
    ['   ', ''],
    ['abc', ''],
    ['—', ''],
    [true, ''],
  ])('reads the value %j as %j', (x, out) => {
    expect(readValue(x)).toBe(out);
  });

  it.each<[RawCell | undefined, number | string | boolean]>([
    [null, ''],
    [undefined, ''],
    [3, 3],
    ['x', 'x'],
    [true, true],
    [{ formula: 'A1', result: 7 }, 7],
    [{ formula: 'A1' }, ''],
    [{ error: '#N/A' }, ''],
    [{ date: { y: 2025, m: 1, d: 1 } }, 45658],
  ])('sees the cell %j as %j', (c, out) => {
    expect(cellValue(c)).toBe(out);
  });
});

/** Three enterprises (two with credit codes), two indicators, and 实绩 with one of each problem. */
const INPUT = {
  enterprises: [
    { name: '甲厂', creditCode: 'C1' },
    { name: '乙厂' },
    { name: 'Abc厂', creditCode: 'C3' },
  ],
} as unknown as PlanInput;

// year, month, enterprise, code, 产值, 税收
const ROWS: RawCell[][] = [
  [2025, 8, '甲厂', 'C1', 100, '9,300'], // this year's report month, by code
  [2025, '7月', '甲厂', 'c1', 120, 50], // the month before (code matched in any case): 产值 falls
  [2024, 8, ' 乙厂 ', null, 80, null], // last year's, by the trimmed name
  [2025, 8, '乙  厂', null, 'abc', 5], // a name that matches nothing; a value that is no number
  [2025, 8, 'abc厂', 'WRONG', 1, 1], // the name matches but its code is another: unmatched
  [2025, 13, 'x', null, null, null], // month 13
  ['2023', 8, '甲厂', null, 1, 1], // a year other than this and last
  [2025, 8, '甲厂', 'C1', 101, 1], // 甲厂's report month again: a duplicate
  [null, null, null, null, null, null], // a blank row: no problem
];
const SRC: LiveSource = {
  rows: ROWS,
  year: 0,
  month: 1,
  enterprise: 2,
  creditCode: 3,
  valueCols: [4, 5],
};

describe('liveActuals (cumulative)', () => {
  const live = liveActuals(SRC, INPUT, 2025, undefined, false, ROWS.length + 2);

  it('finds the latest month of this year among rows with a figure', () => {
    expect(live.latest).toBe(8);
  });

  it('reads each row: year, month, slot, running count and the bad-row flags', () => {
    expect(live.rows.map((r) => [r.year, r.month, r.slot, r.seq, r.badMonth, r.badYear])).toEqual([
      [2025, 8, 0, 1, 0, 0],
      [2025, 7, 2, 2, 0, 0],
      [2024, 8, 1, 3, 0, 0],
      [2025, 8, 0, 4, 0, 0],
      [2025, 8, 0, 5, 0, 0],
      [2025, 'x', '', 5, 1, 0], // month 13: no month
      [2023, 8, '', 5, 0, 1],
      [2025, 8, 0, 6, 0, 0],
      ['', '', '', 6, 0, 0],
      ['', '', '', 6, 0, 0], // rows past 实绩's end are blank
      ['', '', '', 6, 0, 0],
    ]);
    expect(live.rows.map((r) => r.filled)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('matches the used rows, from the bottom of 实绩 up, by code, then by name', () => {
    expect(
      live.used.map((u) => [u.pos, u.slot, u.name, u.byName, u.byCode, u.e, u.key, u.bad]),
    ).toEqual([
      // Matched by code: no text MATCH by name (it is dear).
      [8, 0, '甲厂', 0, 1, 1, 4, 0],
      [5, 0, 'abc厂', 3, 0, 0, '', 0],
      [4, 0, '乙 厂', 0, 0, 0, '', 1],
      [3, 1, '乙厂', 2, 0, 2, 9, 0],
      [2, 2, '甲厂', 0, 1, 1, 6, 0],
      [1, 0, '甲厂', 0, 1, 1, 4, 0],
    ]);
    expect(live.used.map((u) => u.values)).toEqual([
      [101, 1],
      [1, 1],
      ['', 5],
      [80, ''],
      [120, 50],
      [100, 9300],
    ]);
  });

  it('finds each enterprise’s rows and the figures that fall; a repeated row is marked', () => {
    expect(live.enterprises).toEqual([
      // 甲厂's report month: its later row (row 8: 101, 1), both below July's 120 and 50.
      { pos: [1, '', 5, ''], falls: [1, 1] },
      { pos: ['', 4, '', ''], falls: [0, 0] },
      { pos: ['', '', '', ''], falls: [0, 0] },
    ]);
    // 甲厂's earlier row for the report month (row 1, used last) repeats the later one.
    expect(live.used.map((u) => u.dup)).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('gives last year’s month before the report month slot 3 (last month’s year on year)', () => {
    const rows: RawCell[][] = [
      [2024, 7, '乙厂', null, 70, 1],
      [2024, 8, '乙厂', null, 80, 2],
      [2025, 8, '乙厂', null, 90, 3],
      [2024, 6, '乙厂', null, 60, 4], // two months before: no slot
    ];
    const l = liveActuals({ ...SRC, rows }, INPUT, 2025, undefined, false, rows.length);
    expect(l.rows.map((r) => r.slot)).toEqual([3, 1, 0, '']);
    // Used rows from the bottom up: month 8 this year (1), last year (2), July last year (3).
    expect(l.enterprises[1]?.pos).toEqual([1, 2, '', 3]);
    expect(l.used.map((u) => u.key)).toEqual([8, 9, 11]);
  });

  it('finds a figure of last month only (slot 2 or 3): the change columns read it', () => {
    // 乙厂 has figures for July alone, this year or last: its last month ranks and flags.
    for (const year of [2025, 2024]) {
      const rows: RawCell[][] = [[year, 7, '乙厂', null, 70, null]];
      const l = liveActuals({ ...SRC, rows }, INPUT, 2025, 8, false, rows.length);
      expect(
        l.rows.map((r) => r.slot),
        `${year}`,
      ).toEqual([year === 2025 ? 2 : 3]);
      expect(hasFigureIn(l, 1, [0], false), `${year}`).toBe(1);
      expect(hasFigureIn(l, 1, [1], false), `${year}: no 税收`).toBe(0);
    }
  });

  it('counts each problem once, and names the last unmatched row of 实绩', () => {
    expect(liveCounts(live, SRC, 2, 100, 100)).toEqual({
      unmatched: 2,
      duplicates: 1,
      falls: 2,
      notNumbers: 1,
      badMonths: 1,
      badYears: 1,
      badReportMonth: 0,
      overflow: 0,
      unlisted: 0,
      firstUnmatched: 6,
      unmatchedRows: [6, 5],
      usedRows: 6,
    });
  });

  it('finds a figure the live sheets read in the indicators named (the data check’s unlisted)', () => {
    // 甲厂 has 产值 in this year's report month; 乙厂 only last year's; Abc厂 nothing.
    expect([0, 1, 2].map((i) => hasFigureIn(live, i, [0], false))).toEqual([1, 1, 0]);
    expect(hasFigureIn(live, 1, [1], false)).toBe(0); // 乙厂's 税收 is blank
    expect(hasFigureIn(live, 0, [], false)).toBe(0);
  });

  it('counts the rows beyond the formulas’ reach', () => {
    // 8 rows with a year over a capacity of 5, and 6 used rows over 4.
    expect(liveCounts(live, SRC, 2, 5, 4).overflow).toBe(3 + 2);
  });

  it('follows a report month set in 参数', () => {
    const july = liveActuals(SRC, INPUT, 2025, 7, false, ROWS.length);
    expect(july.latest).toBe(8);
    expect(july.rows.map((r) => r.slot)).toEqual(['', 0, '', '', '', '', '', '', '']);
    expect(liveCounts(july, SRC, 2, 100, 100)).toMatchObject({ unmatched: 0, falls: 0 });
  });
});

describe('liveActuals (monthly)', () => {
  const live = liveActuals(SRC, INPUT, 2025, 8, true, ROWS.length);

  it('gives each month through the report month a slot: 1–12 this year, 13–24 last year', () => {
    expect(live.rows.map((r) => r.slot)).toEqual([8, 7, 20, 8, 8, '', '', 8, '']);
    // Keys: enterprise × 32 + slot (used rows from the bottom of 实绩 up).
    expect(live.used.map((u) => u.key)).toEqual([40, '', '', 84, 39, 40]);
  });

  it('sums each indicator over the months, the later of two rows for one month winning', () => {
    expect(live.enterprises.map((e) => e.sums)).toEqual([
      [
        [120 + 101, ''],
        [50 + 1, ''],
      ],
      [
        ['', 80],
        ['', ''],
      ],
      [
        ['', ''],
        ['', ''],
      ],
    ]);
    // Absent slots are 0 (the helper reads row 0 as its header: no number).
    expect(live.enterprises[0]?.pos.filter((p) => p !== 0)).toEqual([5, 1]);
  });

  it('counts a month pasted twice as a duplicate, and no falls', () => {
    expect(live.used.map((u) => u.dup)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(liveCounts(live, SRC, 2, 100, 100)).toMatchObject({
      duplicates: 1,
      falls: 0,
      unmatched: 2,
    });
  });
});
