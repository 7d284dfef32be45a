import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../engine';
import { runPipeline } from '../../../workbook/pipeline';
import { exampleGrids, NOW } from '../../../../tests/helpers/example-grids';
import { strings } from '../../strings';
import { chartGeometry, resultModel } from './resultModel';
import { renderResultView } from './renderResultView';
import type { useResultViewStyles } from './useResultViewStyles.styles';

/** Every class name empty: the markup is what is tested. */
const classes = new Proxy({}, { get: () => '' }) as ReturnType<typeof useResultViewStyles>;

function example(lang: Lang) {
  const r = runPipeline(exampleGrids(), { today: NOW.today, generatedAt: NOW.stamp, lang });
  if (!r.ok) throw new Error('expected a plan');
  return r;
}

/** The x of every element with this test id, in document order. */
const xs = (html: string, id: string): number[] =>
  [...html.matchAll(new RegExp(`<line[^>]*data-testid="${id}"[^>]*>`, 'g'))].map((m) =>
    Number(/x1="([^"]*)"/.exec(m[0])?.[1]),
  );

describe('renderResultView: last month’s marker on each chart', () => {
  it.each<Lang>(['zh', 'en'])('draws it where last month’s completion was (%s)', (lang) => {
    const r = example(lang);
    const html = renderToStaticMarkup(
      renderResultView({ t: strings(lang), model: resultModel(r.plan, lang, r.round) }, classes),
    );
    // The round's last month (src/engine/monthly.test.ts holds it to the hand-worked figure), on
    // the chart's scale.
    const want = r.plan.progress.map((p, k) => {
      const a = p.area;
      const value = p.kind === 'total' ? a.completion : a.yoy;
      const marker = p.kind === 'total' ? (a.schedule ?? r.plan.schedule) : a.target;
      return chartGeometry(value, marker, p.kind, r.round.indicators[k]?.area.lastValue ?? null)
        .last;
    });
    expect(want.every((x) => x !== undefined)).toBe(true);
    expect(xs(html, 'chart-last')).toEqual(want);
    // Last month's figure beside it, in words.
    expect(html).toContain(strings(lang).lastMonth);
    expect(html.match(/data-testid="last-month"/g)?.length).toBe(r.plan.progress.length);
  });

  it('draws none without a round, or without a last month', () => {
    const r = example('zh');
    const without = renderToStaticMarkup(
      renderResultView({ t: strings('zh'), model: resultModel(r.plan, 'zh') }, classes),
    );
    expect(xs(without, 'chart-last')).toEqual([]);
    expect(without).not.toContain('data-testid="last-month"');
    // The marker itself stays.
    expect(xs(without, 'chart-marker')).toHaveLength(r.plan.progress.length);
    const noLast = {
      ...r.round,
      indicators: r.round.indicators.map((i) => ({
        ...i,
        area: { ...i.area, lastValue: null },
      })),
    };
    const html = renderToStaticMarkup(
      renderResultView({ t: strings('zh'), model: resultModel(r.plan, 'zh', noLast) }, classes),
    );
    expect(xs(html, 'chart-last')).toEqual([]);
  });

  it('puts last month on the same scale as this month', () => {
    // 40 % last month, 60 % now, schedule 2/3: all on 0 … 100 %.
    expect(chartGeometry(0.6, 2 / 3, 'total', 0.4)).toEqual({
      bar: { x: 0, width: 60 },
      marker: (2 / 3) * 100,
      last: 40,
    });
    // Last month over 100 % widens the scale for all three.
    const g = chartGeometry(0.5, 0.5, 'total', 1.25);
    expect(g.last).toBeCloseTo(100);
    expect(g.marker).toBeCloseTo(40);
  });
});
