/**
 * Very hidden and hidden sheets (issue 10): Excel refuses to delete a very hidden sheet
 * (InvalidOperation), and no menu shows one. Leftovers of an interrupted run and superseded
 * outputs that are very hidden are made hidden, then deleted; an output a user or a macro made
 * very hidden is rewritten in place and shown; a merely hidden output is rewritten and stays
 * hidden. Through the real Office.js client (real-client.ts).
 */
import { describe, expect, it } from 'vitest';
import { writeSpec } from '../../src/hosts/excel';
import { differences, names, syntheticInFake, syntheticSpec } from './helpers';
import { RealClient } from './real-client';

describe('very hidden and hidden sheets', () => {
  it('the fake refuses to delete a very hidden sheet, as Excel does (so the tests below can fail)', async () => {
    const { fake } = syntheticInFake(3);
    const s = fake.addSheet('藏', [['x']]);
    s.visibility = 'VeryHidden';
    const client = new RealClient(fake);
    client.context.workbook.worksheets.getItem('藏').delete();
    await expect(client.context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  it('a very hidden leftover of an interrupted run is deleted', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(10);
    const left = fake.addSheet('~fj1~序时进度', [['half written']]);
    left.visibility = 'VeryHidden';
    const client = new RealClient(fake);
    await writeSpec(client.context, spec, { inputSheetNames });
    expect(client.wire.filter((w) => w.error)).toEqual([]);
    expect(names(fake).filter((n) => n.startsWith('~'))).toEqual([]);
    for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
  });

  it.each([
    ['VeryHidden', 'Visible'],
    ['Hidden', 'Hidden'],
  ] as const)(
    'an output left %s is rewritten in place (references kept) and ends %s',
    async (before, after) => {
      const { fake, spec, inputSheetNames } = syntheticInFake(10);
      const client = new RealClient(fake);
      await writeSpec(client.context, spec, { inputSheetNames });
      const mine = fake.addSheet('我的表', [[{ formula: "'序时进度'!B4" }]]);
      const progress = fake.sheet('序时进度');
      progress.visibility = before;
      await writeSpec(client.context, spec, { inputSheetNames });
      expect(client.wire.filter((w) => w.error)).toEqual([]);
      expect(fake.sheet('序时进度')).toBe(progress);
      expect(progress.visibility).toBe(after);
      expect(mine.get(0, 0)?.formula).toBe("'序时进度'!B4");
      for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
    },
  );

  it('a very hidden output of the other language (spec.remove) is deleted', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(10);
    const client = new RealClient(fake);
    await writeSpec(client.context, spec, { inputSheetNames });
    fake.sheet('汇总').visibility = 'VeryHidden';
    const en = syntheticSpec(10, 'en');
    await writeSpec(client.context, en.spec, { inputSheetNames });
    expect(client.wire.filter((w) => w.error)).toEqual([]);
    expect(names(fake)).not.toContain('汇总');
  });
});
