import { describe, expect, it } from 'vitest';
import { plan } from '../../../engine';
import { countyExampleInput } from '../../../../tests/helpers/county-example';
import { townshipExampleInput } from '../../../../tests/helpers/example-input';
import { resultModel } from './resultModel';

const TODAY = { y: 2025, m: 9, d: 3 };

describe('the pane shows the unit level', () => {
  it('lists each unit after its parent, with its completion, gap, flag and rank among siblings', () => {
    const r = plan(countyExampleInput(), { today: TODAY });
    if (!r.ok) throw new Error('the county example plans');
    const v = resultModel(r.value, 'zh').indicators[0];
    const p = r.value.progress[0];
    expect(v?.units?.map((u) => [u.unit, u.level])).toEqual([
      ['腊口镇', 1],
      ['仙渡乡', 1],
      ['工业园区', 1],
      ['东区', 2],
      ['西区', 2],
    ]);
    const first = p?.units?.[0];
    expect(v?.units?.[0]).toMatchObject({
      rank: first?.rank,
      flag: { flag: first?.flag },
      actual: `${((first?.completion ?? 0) * 100).toFixed(1)}%`,
    });
  });

  it('without units, no unit list', () => {
    const r = plan(townshipExampleInput(), { today: TODAY });
    if (!r.ok) throw new Error('the example plans');
    expect(resultModel(r.value, 'zh').indicators.some((v) => 'units' in v)).toBe(false);
  });
});
