import { describe, expect, it } from 'vitest';
import { countyExampleInput } from '../../tests/helpers/county-example';
import { outOfBounds } from './checked';
import { issueInput } from './issue';
import type { PlanInput } from './model';
import { fromUnits, toUnits } from './number';
import { plan } from './plan';

const TODAY = { y: 2025, m: 9, d: 3 };

const planned = (input: PlanInput) => {
  const r = plan(input, { today: TODAY });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

/** 腊口镇: 浙江华都新能源 and 龙显企业 on 下半年投产, 石塔线缆 and 卓尔五金 following. */
const UNIT = '腊口镇';
const FOLLOWING = ['石塔线缆', '卓尔五金'];

/** The county's cells of `unit`'s enterprises that follow `indicator`'s profile, summed. */
function followingCells(input: PlanInput, indicator: string, who: readonly string[]): number[] {
  const a = planned(input).allocations.find((x) => x.indicator === indicator) ?? outOfBounds();
  const rows = a.rows.filter((r) => who.includes(r.enterprise));
  const d = a.decimals;
  return a.periodTotals.map((_, j) =>
    fromUnits(
      rows.reduce((s, r) => s + toUnits(r.periods[j] ?? 0, d), 0),
      d,
    ),
  );
}

const withProfile = (input: PlanInput, enterprise: string, profile: string): PlanInput => ({
  ...input,
  enterprises: input.enterprises.map((e) => (e.name === enterprise ? { ...e, profile } : e)),
});

describe('issueInput: the issued profiles', () => {
  const county = countyExampleInput();

  it("each total indicator follows its unit's period cells, named after it", () => {
    const issued = issueInput(county, planned(county), UNIT);
    for (const ind of issued.indicators) {
      expect(ind.profile).toBe(`${ind.name}·下发`);
      const p = issued.profiles.find((x) => x.name === ind.profile) ?? outOfBounds();
      expect([p.grid, p.shares]).toEqual(['quarters', followingCells(county, ind.name, FOLLOWING)]);
    }
    // The county's own profiles stay (下半年投产 is still its two enterprises').
    expect(issued.profiles.slice(0, county.profiles.length)).toEqual(county.profiles);
  });

  it('in English, "(issued)"', () => {
    const issued = issueInput(county, planned(county), UNIT, 'en');
    expect(issued.indicators.map((i) => i.profile)).toEqual(
      county.indicators.map((i) => `${i.name} (issued)`),
    );
  });

  it('a name already taken gets a number', () => {
    const taken: PlanInput = {
      ...county,
      profiles: [
        ...county.profiles,
        { name: '工业总产值·下发', grid: 'quarters', shares: [1, 1, 1, 1] },
      ],
    };
    const issued = issueInput(taken, planned(taken), UNIT);
    expect(issued.indicators[0]?.profile).toBe('工业总产值·下发2');
  });

  const cases: {
    what: string;
    input: PlanInput;
    unit: string;
    /** The indicators that keep the county's profile. */
    keep: string[];
    /** Enterprises whose own profile the issued input leaves out. */
    dropped: string[];
  }[] = [
    {
      what: 'a zero part (仙渡乡 has no 规上工业产值) keeps the profile',
      input: county,
      unit: '仙渡乡',
      keep: ['规上工业产值'],
      dropped: [],
    },
    {
      what: "an enterprise naming 前低后高 (工业总产值's, 规上工业产值's, not 制造业投资's): those two keep it",
      input: withProfile(county, '石塔线缆', '前低后高'),
      unit: UNIT,
      keep: ['工业总产值', '规上工业产值'],
      dropped: [],
    },
    {
      what: "an enterprise naming every total indicator's profile follows the issued ones",
      input: withProfile(
        {
          ...county,
          indicators: county.indicators.map((i) => ({ ...i, profile: '前低后高' })),
        },
        '石塔线缆',
        '前低后高',
      ),
      unit: UNIT,
      keep: [],
      dropped: ['石塔线缆'],
    },
    {
      what: "均衡's quarters do not fit a sheet of months: 制造业投资 and 到位市外内资 keep 均衡",
      input: {
        ...county,
        profiles: [
          { name: '前低后高', grid: 'months', shares: [6, 6, 8, 8, 8, 8, 8, 9, 9, 9, 10, 11] },
          { name: '下半年投产', grid: 'months', shares: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1] },
        ],
      },
      unit: UNIT,
      keep: ['制造业投资', '到位市外内资'],
      dropped: [],
    },
  ];
  it.each(cases)('$what', (c) => {
    const p = planned(c.input);
    const issued = issueInput(c.input, p, c.unit);
    issued.indicators.forEach((ind, k) => {
      const original = c.input.indicators[k] ?? outOfBounds();
      expect([ind.name, ind.profile]).toEqual([
        ind.name,
        c.keep.includes(ind.name) ? original.profile : `${ind.name}·下发`,
      ]);
    });
    for (const e of issued.enterprises) {
      const before = c.input.enterprises.find((x) => x.name === e.name) ?? outOfBounds();
      expect([e.name, e.profile]).toEqual([
        e.name,
        c.dropped.includes(e.name) ? undefined : before.profile,
      ]);
    }
    // Planned on its own, the unit's workbook holds every indicator's parts exactly, and the
    // periods of those that follow their issued profile.
    const own = planned(issued);
    for (const a of own.allocations) {
      const there = p.allocations.find((x) => x.indicator === a.indicator) ?? outOfBounds();
      for (const row of a.rows) {
        const c2 = there.rows.find((x) => x.enterprise === row.enterprise) ?? outOfBounds();
        expect(row.annual).toBe(c2.annual);
        if (!c.keep.includes(a.indicator)) expect(row.periods).toEqual(c2.periods);
      }
    }
  });
});
