import { describe, expect, it } from 'vitest';
import { SheetBuilder, fx, val } from './cells';

/** A builder with a formula column: rows 0…n-1 hold `make(row)` in column 1, a value in column 0. */
function column(make: (row: number) => string, n: number, checkCopies = true): SheetBuilder {
  const S = new SheetBuilder(checkCopies);
  for (let r = 0; r < n; r++) S.line(r, [val(r), fx(make(r), r * 10, '0.0', 'total')]);
  return S;
}

describe('SheetBuilder.copiesDown', () => {
  it('marks each copy of the formula above, with its own cached value and the shifted text', () => {
    const S = column((r) => `A${r + 1}*$B$1+'辅助'!C${r + 6}`, 5);
    S.copiesDown(0, 4);
    expect(S.rows.map((row) => [row[1]?.f, row[1]?.v, row[1]?.down, row[1]?.fmt])).toEqual([
      ["A1*$B$1+'辅助'!C6", 0, undefined, '0.0'],
      ["A2*$B$1+'辅助'!C7", 10, true, '0.0'],
      ["A3*$B$1+'辅助'!C8", 20, true, '0.0'],
      ["A4*$B$1+'辅助'!C9", 30, true, '0.0'],
      ["A5*$B$1+'辅助'!C10", 40, true, '0.0'],
    ]);
    expect(S.rows[4]?.[1]?.style).toBe('total');
    // Values are never formulas and are left alone.
    expect(S.rows[3]?.[0]).toEqual({ v: 3 });
  });

  it('marks only the rows and columns it is given', () => {
    const S = column((r) => `A${r + 1}`, 4);
    S.copiesDown(1, 3, 1, 1);
    expect(S.rows.map((row) => row[1]?.down)).toEqual([undefined, undefined, true, true]);
  });

  it('checking, refuses a formula that is not the one above copied down', () => {
    const S = column((r) => (r === 2 ? 'A1*2' : `A${r + 1}*2`), 4);
    expect(() => S.copiesDown(0, 3)).toThrow('row 3, column 2: "A1*2" is not "A3*2"');
  });

  it('checking, refuses a copy whose format differs', () => {
    const S = column((r) => `A${r + 1}`, 3);
    S.put(2, 1, fx('A3', 0, '0%'));
    expect(() => S.copiesDown(0, 2)).toThrow('or its format differs');
  });

  it('leaves unmarked a formula the scanner does not model', () => {
    const S = column((r) => `SUM(${r + 1}:${r + 1})`, 3);
    S.copiesDown(0, 2);
    expect(S.rows.map((row) => [row[1]?.f, row[1]?.down])).toEqual([
      ['SUM(1:1)', undefined],
      ['SUM(2:2)', undefined],
      ['SUM(3:3)', undefined],
    ]);
  });
});
