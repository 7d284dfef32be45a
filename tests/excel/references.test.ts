/**
 * The #REF! regression (issue 10): a recalculation rewrote the outputs as new sheets and deleted
 * the old ones, so every reference of the user's into an output became #REF!. Now an output that
 * exists is rewritten in place: a formula on the user's sheet, a defined name, a data validation
 * and a chart series pointing into the outputs survive two recalculations. Run through the real
 * Office.js client (real-client.ts), so the calls are the ones Excel receives.
 */
import { describe, expect, it } from 'vitest';
import { writeSpec } from '../../src/hosts/excel';
import { differences, names, syntheticInFake, syntheticSpec } from './helpers';
import { RealClient } from './real-client';

const USER_LIST = "='序时进度'!$A$5:$A$9";

describe('references into the output sheets', () => {
  it("keep working after two recalculations: a user formula ='序时进度'!B4, a defined name, a validation list, a chart series", async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(20);
    const client = new RealClient(fake);
    await writeSpec(client.context, spec, { inputSheetNames });
    const mine = fake.addSheet('我的表', [['进度'], [{ formula: "'序时进度'!B4" }]]);
    mine.dataValidations.push({
      range: 'C2',
      rule: { list: { inCellDropDown: true, source: USER_LIST } },
      ignoreBlanks: true,
    });
    fake.references.set('name:本月进度', "'序时进度'!$B$4:$B$10");
    fake.references.set('chart:分解', "'分解结果'!$C$5:$C$24");
    const ids = fake.sheets.map((s) => s.id);
    for (let run = 0; run < 2; run++) {
      await writeSpec(client.context, spec, { inputSheetNames });
      expect(mine.get(1, 0)?.formula, `run ${run + 1}`).toBe("'序时进度'!B4");
      expect(mine.dataValidations[0]?.rule?.list?.source).toBe(USER_LIST);
      expect(Object.fromEntries(fake.references)).toEqual({
        'name:本月进度': "'序时进度'!$B$4:$B$10",
        'chart:分解': "'分解结果'!$C$5:$C$24",
      });
    }
    // The same sheets, rewritten: ids kept, contents as specified, no #REF! anywhere.
    expect(fake.sheets.map((s) => s.id)).toEqual(ids);
    for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
    const formulas = fake.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.formula ?? ''));
    expect(formulas.filter((f) => f.includes('#REF!'))).toEqual([]);
    expect(client.wire.filter((w) => w.error)).toEqual([]);
  });

  it('the deleted-sheet way would break them: the fake turns a reference to a deleted sheet into #REF!', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(5);
    await writeSpec(fake.context, spec, { inputSheetNames });
    const mine = fake.addSheet('我的表', [[{ formula: "'序时进度'!B4" }]]);
    fake.references.set('name:本月进度', "'序时进度'!$B$4");
    fake.deleteSheet(fake.sheet('序时进度'));
    expect(mine.get(0, 0)?.formula).toBe('#REF!B4');
    expect(fake.references.get('name:本月进度')).toBe('#REF!$B$4');
  });
});

describe('spec.remove in Excel', () => {
  it('deletes the other language’s generated outputs, not a user sheet that only shares a name', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(10);
    await writeSpec(fake.context, spec, { inputSheetNames });
    // The user's own 汇总 (no generated note in A2) in place of the generated one.
    fake.deleteSheet(fake.sheet('汇总'));
    fake.addSheet('汇总', [['我的汇总'], ['不是工具生成的']]);
    const en = syntheticSpec(10, 'en');
    expect(en.spec.remove).toContain('汇总');
    const client = new RealClient(fake);
    await writeSpec(client.context, en.spec, { inputSheetNames });
    const zhOutputs = spec.sheets.map((s) => s.name);
    expect(names(fake).filter((n) => zhOutputs.includes(n))).toEqual(['汇总']);
    expect(fake.sheet('汇总').get(1, 0)?.value).toBe('不是工具生成的');
    for (const sheet of en.spec.sheets) expect(differences(fake, sheet)).toEqual([]);
  });
});
