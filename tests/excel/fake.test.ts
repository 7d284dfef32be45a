/** The fake must fail where Excel would, or the tests that rely on it prove nothing. */
import { describe, expect, it } from 'vitest';
import { FakeExcel } from './fake-excel';
import { enter, renameRefs, shiftRows, type FakeCell } from './fake-model';

describe('fake Excel', () => {
  it('throws on members it does not model, read or written', () => {
    const ctx = new FakeExcel().context;
    const ws = ctx.workbook.worksheets.getItem('x');
    expect(() => (ws as unknown as Record<string, unknown>).getRangeByIndex).toThrow(
      /unknown member Worksheet.getRangeByIndex/,
    );
    const range = ws.getRange('A1');
    expect(() => {
      range.values = [[1]];
    }).toThrow(/cannot set Range.values/);
    expect(() => ctx.trackedObjects).toThrow(/unknown member RequestContext.trackedObjects/);
  });

  it('throws PropertyNotLoaded for a property read before load and sync', async () => {
    const fake = new FakeExcel();
    fake.addSheet('a');
    const sheets = fake.context.workbook.worksheets;
    expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
    sheets.load('items/name');
    expect(() => sheets.items).toThrow(/PropertyNotLoaded/);
    await fake.context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(['a']);
    expect(() => sheets.items[0]?.position).toThrow(/PropertyNotLoaded/);
    const missing = fake.context.workbook.worksheets.getItemOrNullObject('b');
    expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
    missing.load('name');
    await fake.context.sync();
    expect(missing.isNullObject).toBe(true);
  });

  it('rejects a formulas array whose shape differs from the range', async () => {
    const fake = new FakeExcel();
    fake.addSheet('a');
    fake.context.workbook.worksheets.getItem('a').getRangeByIndexes(0, 0, 2, 2).formulas = [[1, 2]];
    await expect(fake.context.sync()).rejects.toThrow(/InvalidArgument/);
  });

  it('parses strings as Excel does unless the cell is formatted as text', () => {
    const general = (): FakeCell => ({ value: null, numberFormat: 'General' });
    const cases: [string, Partial<FakeCell>][] = [
      ['=A1', { formula: 'A1', value: null }],
      ['1,234', { value: 1234 }],
      ['12%', { value: 0.12 }],
      ['true', { value: true }],
      ['-x', { formula: '-x', value: null }],
      ['企业', { value: '企业' }],
    ];
    for (const [text, want] of cases) {
      const c = general();
      enter(c, text);
      expect(c, text).toMatchObject(want);
      const t: FakeCell = { value: null, numberFormat: '@' };
      enter(t, text);
      expect(t, text).toEqual({ value: text, numberFormat: '@' });
    }
  });

  it('applies the first half of a failing sync, then throws', async () => {
    const fake = new FakeExcel();
    fake.addSheet('keep');
    fake.failOnSync(1);
    const sheets = fake.context.workbook.worksheets;
    sheets.add('one');
    sheets.add('two');
    await expect(fake.context.sync()).rejects.toThrow(/InjectedFailure/);
    expect(fake.sheets.map((s) => s.name)).toEqual(['keep', 'one']);
  });

  it('refuses a request over the payload limit, applying nothing', async () => {
    const fake = new FakeExcel();
    fake.addSheet('a');
    fake.payloadLimit = 1000;
    fake.context.workbook.worksheets.getItem('a').getRangeByIndexes(0, 0, 1, 1).formulas = [
      ['x'.repeat(2000)],
    ];
    await expect(fake.context.sync()).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
    expect(fake.sheet('a').cells.size).toBe(0);
  });

  it('copies formats only with copyFrom(…, "Formats"), keeping the target’s values and formulas', async () => {
    const fake = new FakeExcel();
    fake.addSheet('a', [
      [1, 2],
      ['x', null],
    ]);
    const ws = fake.context.workbook.worksheets.getItem('a');
    const top = ws.getRangeByIndexes(0, 0, 1, 2);
    top.numberFormat = [['0.0%', '@']];
    top.format.font.bold = true;
    ws.getRangeByIndexes(1, 1, 1, 1).formulas = [['=A1']];
    ws.getRangeByIndexes(1, 0, 1, 2).copyFrom(top, 'Formats');
    await fake.context.sync();
    const sheet = fake.sheet('a');
    expect(sheet.get(1, 0)).toEqual({ value: 'x', numberFormat: '0.0%', bold: true });
    expect(sheet.get(1, 1)).toMatchObject({ formula: 'A1', numberFormat: '@', bold: true });
    // What Excel would do but the fake does not model fails loudly.
    ws.getRangeByIndexes(1, 0, 1, 2).copyFrom(top, 'Values');
    await expect(fake.context.sync()).rejects.toThrow(/copyFrom\(Values.*not modelled/);
  });

  it('renames, deletes and copies references like Excel', () => {
    expect(renameRefs(`'a b'!A1+SUM(a b!B2)+"'a b'!C3"`, 'A B', 'c')).toBe(
      `'c'!A1+SUM(a b!B2)+"'a b'!C3"`,
    );
    expect(renameRefs(`X!A1+'X'!B2`, 'x', null)).toBe('#REF!A1+#REF!B2');
    expect(shiftRows(`A1+$B$2+C$3+$D4+LOG10(5)+'s'!E5+"F6"`, 2)).toBe(
      `A3+$B$2+C$3+$D6+LOG10(5)+'s'!E7+"F6"`,
    );
  });
});
