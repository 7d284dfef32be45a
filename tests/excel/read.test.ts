import { describe, expect, it } from 'vitest';
import { readGrids, toRawCell } from '../../src/hosts/excel';
import { parseAreas } from '../../src/hosts/excel/read';
import { FakeExcel } from './fake-excel';

function prepared(rows: number): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet(
    '参数',
    [
      ['项目', '值'],
      ['年度', 2025],
      ['一二月合并', true],
      ['截至日期', 45887], // a date arrives as its serial number
      ['空', ''],
    ],
    { merges: ['A1:B1'] },
  );
  fake.addSheet('空白');
  const actuals: (
    | string
    | number
    | null
    | { formula: string; value?: number | string }
    | { error: string }
    | { text: string }
  )[][] = [['年份', '月份', '企业名称', '产值', '累计']];
  for (let i = 0; i < rows; i++) {
    actuals.push([
      2025,
      8,
      i === 0 ? { text: '=SUM(A1)' } : `企业${i}`,
      i === 1 ? { error: '#DIV/0!' } : i * 1.5,
      { formula: `D${i + 2}*2`, value: i * 3 },
    ]);
  }
  fake.addSheet('实绩', actuals);
  // A sheet whose used range does not start at A1.
  const offset = fake.addSheet('偏移');
  offset.cell(2, 1).value = 'x';
  offset.cell(3, 2).formula = '1/0';
  offset.cell(3, 2).error = '#DIV/0!';
  return fake;
}

describe('readGrids', () => {
  it('reads values, formulas with results, errors, booleans, empties and merges', async () => {
    const fake = prepared(3);
    const grids = await readGrids(fake.context, { merges: true });
    expect(grids.sheets.map((s) => s.name)).toEqual(['参数', '空白', '实绩', '偏移']);
    const [params, blank, actuals, offset] = grids.sheets;
    expect(params?.cells).toEqual([
      ['项目', '值'],
      ['年度', 2025],
      ['一二月合并', true],
      ['截至日期', 45887],
      ['空', null],
    ]);
    expect(params?.merges).toEqual(['A1:B1']);
    expect(blank?.cells).toEqual([]);
    expect(actuals?.cells[1]).toEqual([2025, 8, '=SUM(A1)', 0, { formula: 'D2*2', result: 0 }]);
    expect(actuals?.cells[2]).toEqual([
      2025,
      8,
      '企业1',
      { error: '#DIV/0!' },
      { formula: 'D3*2', result: 3 },
    ]);
    expect(actuals?.merges).toBeUndefined();
    expect(offset?.cells).toEqual([
      [],
      [],
      [null, 'x', null],
      [null, null, { formula: '1/0', result: { error: '#DIV/0!' } }],
    ]);
  });

  it('takes 3 syncs whatever the number of rows or sheets, while the cells fit in one response', async () => {
    const counts: number[] = [];
    for (const rows of [10, 5000]) {
      const fake = prepared(rows);
      let syncs = 0;
      const grids = await readGrids(fake.context, { onSync: (n) => (syncs = n) });
      const largest = Math.max(...fake.batches.map((b) => b.responseBytes));
      console.log(
        `[excel read] ${rows} rows of actuals: ${syncs} syncs, largest response ${largest} B`,
      );
      expect(fake.batches).toHaveLength(syncs);
      expect(grids.sheets[2]?.cells).toHaveLength(rows + 1);
      counts.push(syncs);
    }
    expect(counts).toEqual([3, 3]);
  });

  it('splits a large read into responses under the limit (one more sync per response-full)', async () => {
    const fake = prepared(20_000);
    let syncs = 0;
    const maxResponseBytes = 500_000;
    const grids = await readGrids(fake.context, { maxResponseBytes, onSync: (n) => (syncs = n) });
    const largest = Math.max(...fake.batches.map((b) => b.responseBytes));
    console.log(
      `[excel read] 20000 rows under ${maxResponseBytes} B per response: ${syncs} syncs, largest response ${largest} B`,
    );
    expect(syncs).toBeGreaterThan(3);
    expect(largest).toBeLessThanOrEqual(maxResponseBytes);
    expect(grids.sheets[2]?.cells[20_000]).toEqual([
      2025,
      8,
      '企业19999',
      19999 * 1.5,
      { formula: 'D20001*2', result: 19999 * 3 },
    ]);
  });

  it('reads only the sheets asked for', async () => {
    const grids = await readGrids(prepared(2).context, { include: (n) => n === '参数' });
    expect(grids.sheets.map((s) => s.name)).toEqual(['参数']);
  });
});

describe('toRawCell and parseAreas', () => {
  it('maps Office.js triples', () => {
    expect(toRawCell('', '', 'Empty')).toBeNull();
    expect(toRawCell('#N/A', '#N/A', 'Error')).toEqual({ error: '#N/A' });
    expect(toRawCell('=x', '=x', 'String')).toBe('=x');
    expect(toRawCell('', '=IF(A1,"","")', 'String')).toEqual({
      formula: 'IF(A1,"","")',
      result: null,
    });
    expect(toRawCell(5, '=2+3', 'Double')).toEqual({ formula: '2+3', result: 5 });
  });
  it('parses RangeAreas addresses', () => {
    expect(parseAreas("Sheet1!A1:B2, 'a,b'!$C$3:$D$4")).toEqual(['A1:B2', 'C3:D4']);
  });
});
