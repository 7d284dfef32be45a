import { describe, expect, it } from 'vitest';
import type { IndicatorProgress, ProgressRow } from '../../../engine';
import { runPipeline } from '../../../workbook/pipeline';
import { exampleGrids, NOW } from '../../../../tests/helpers/example-grids';
import { chartGeometry, mostBehind, resultModel } from './resultModel';

describe('chartGeometry', () => {
  it('draws completion against the schedule on 0 … 100 %, further when completion is over', () => {
    expect(chartGeometry(0.5, 2 / 3, 'total')).toEqual({
      bar: { x: 0, width: 50 },
      marker: (2 / 3) * 100,
    });
    const over = chartGeometry(1.25, 0.5, 'total');
    expect(over.bar?.width).toBeCloseTo(100);
    expect(over.marker).toBeCloseTo(40);
    expect(chartGeometry(null, 0.5, 'total')).toEqual({ marker: 50 });
    const negative = chartGeometry(-0.1, 0.3, 'rate');
    expect(negative.zero).toBeGreaterThan(0);
    expect(negative.bar?.x).toBe(0);
  });
});

describe('mostBehind', () => {
  const row = (enterprise: string, gap: number | null, growthGap: number | null = null) =>
    ({ enterprise, gap, growthGap, flag: 'behind' }) as unknown as ProgressRow;
  const progress = (direction: 'higher' | 'lower', rows: ProgressRow[]): IndicatorProgress =>
    ({ direction, rows }) as unknown as IndicatorProgress;

  it('lists the five furthest behind, by the worse of schedule and growth gap', () => {
    const p = progress('higher', [
      row('a', -3),
      row('b', -20),
      row('c', 4),
      row('d', -1, -30),
      row('e', null),
      row('f', -2),
      row('g', -9),
      row('h', -6),
    ]);
    expect(mostBehind(p, 'zh').map((r) => [r.enterprise, r.gap, r.test])).toEqual([
      ['d', '\u221230.0', 'growth'],
      ['b', '\u221220.0', 'schedule'],
      ['g', '\u22129.0', 'schedule'],
      ['h', '\u22126.0', 'schedule'],
      ['a', '\u22123.0', 'schedule'],
    ]);
  });

  it('counts a positive gap as behind when lower is better', () => {
    const lower = progress('lower', [row('x', 3), row('y', -5), row('z', 8)]);
    expect(mostBehind(lower, 'en').map((r) => r.enterprise)).toEqual(['z', 'x']);
  });
});

describe('resultModel', () => {
  it('describes the township example as the CLI summary does', () => {
    const r = runPipeline(exampleGrids(), {
      today: NOW.today,
      generatedAt: NOW.stamp,
      lang: 'zh',
    });
    if (!r.ok) throw new Error('expected a plan');
    const m = resultModel(r.plan, 'zh');
    expect(m.schedule).toBe('66.7%');
    const output = m.indicators.find((v) => v.indicator === '工业总产值');
    expect(output?.flag.label).toBe('严重滞后');
    expect(output?.flag.colors).toEqual({ fill: '#FFC7CE', font: '#9C0006' });
    expect(output?.actual).toBe('64.0%');
    expect(output?.counts.map((c) => c.n)).toEqual([2, 1, 1, 8, 0]);
    expect(output?.behind).toHaveLength(5);
    expect(m.indicators.find((v) => v.indicator === '到位市外内资')?.flag.flag).toBe(
      'slightlyBehind',
    );
    // 规上工业产值 concerns the six above-size enterprises only.
    expect(
      m.indicators.find((v) => v.indicator === '规上工业产值')?.counts.reduce((a, c) => a + c.n, 0),
    ).toBe(6);
  });
});
