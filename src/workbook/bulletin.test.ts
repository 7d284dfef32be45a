import { describe, expect, it } from 'vitest';
import { exampleGrids, NOW } from '../../tests/helpers/example-grids';
import { outOfBounds } from '../engine';
import {
  amountText,
  bulletinOf,
  bulletinText,
  pctText,
  periodText,
  pointsText,
  rankChangeText,
  trimmed,
} from './bulletin';
import { runPipeline } from './pipeline';

describe('numbers as officials write them', () => {
  it.each<[number, string, 'zh' | 'en', string]>([
    [49500, '万元', 'zh', '4.95亿元'],
    [1.2, '万元', 'zh', '1.2万元'],
    [20000, '万元', 'zh', '2亿元'],
    [9999.5, '万元', 'zh', '9999.5万元'],
    [115, '亿元', 'zh', '115亿元'],
    [0.5, '亿元', 'zh', '5000万元'],
    [-391.93, '万元', 'zh', '-391.93万元'],
    [49500, '万元', 'en', '¥495 million'],
    [115, '亿元', 'en', '¥11.5 billion'],
    [12.5, '吨标煤', 'zh', '12.5吨标煤'],
    [3, '家', 'en', '3 家'],
  ])('%s %s (%s) → %s', (v, unit, lang, expected) => {
    expect(amountText(v, unit, lang)).toBe(expected);
  });

  it.each<[number, string]>([
    [0.4205, '42.1%'],
    [0.58, '58.0%'],
    [-0.038, '-3.8%'],
    [-0.0001, '0.0%'],
    [2.174, '217.4%'],
  ])('percentage %s → %s', (x, expected) => expect(pctText(x)).toBe(expected));

  it('points, periods, trimming and rank changes', () => {
    expect(pointsText(-24.6, 'zh')).toBe('24.6个百分点');
    expect(pointsText(16.84, 'en')).toBe('16.8 points');
    expect([periodText(8, 'zh'), periodText(1, 'zh'), periodText(2, 'en')]).toEqual([
      '1-8月',
      '1月',
      'months 1-2',
    ]);
    expect([trimmed(4.95, 2), trimmed(2, 2), trimmed(-0.001, 2)]).toEqual(['4.95', '2', '0']);
    expect(
      [
        { kind: 'up', by: 2 } as const,
        { kind: 'down', by: 1 } as const,
        { kind: 'same' } as const,
        { kind: 'new' } as const,
        null,
      ].map((c) => rankChangeText(c, 'zh')),
    ).toEqual(['↑2', '↓1', '—', '新', '']);
  });
});

describe('the bulletin of the bundled example', () => {
  const r = runPipeline(exampleGrids(), { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' });
  if (!r.ok) throw new Error('the example plans');
  const b = bulletinOf(r.plan, r.round, r.read.input, 'zh');
  const text = bulletinText(b);

  it('has the title with area, year and period', () => {
    expect(b.title).toBe('腊口镇2025年1-8月工业经济目标任务完成情况通报');
    expect(b.subtitle).toBe('（2025年1-8月，时间进度66.7%）');
  });

  it('states each indicator’s headline figures as the engine computes them', () => {
    for (const p of r.plan.progress) {
      const a = p.area;
      const c = a.completion ?? outOfBounds();
      const gap = a.gap ?? outOfBounds();
      // Worked from the figures: 亿元 for amounts from 10,000 万元, one decimal, points.
      const yi = (x: number) => `${Number((x / 10000).toFixed(2))}亿元`;
      expect(text).toContain(`${p.indicator}：年度目标${yi(a.target)}`);
      expect(text).toContain(`累计完成${yi(a.ytd ?? outOfBounds())}`);
      expect(text).toContain(`完成年度目标的${(c * 100).toFixed(1)}%`);
      expect(text).toContain(
        `${gap >= 0 ? '超' : '欠'}序时进度${Math.abs(gap).toFixed(1)}个百分点`,
      );
      if (a.yoy !== null) expect(text).toContain(`同比增长${(a.yoy * 100).toFixed(1)}%`);
      const pace = a.paceNeeded ?? outOfBounds();
      expect(text).toContain(`需月均完成${Number(pace.toFixed(2))}万元`);
    }
    // 工业总产值 must also grow 33%: the dual test.
    expect(text).toMatch(/目标增速33\.0%，低于目标增速[\d.]+个百分点/);
  });

  it('ranks every enterprise with last month’s rank, and lists red and black', () => {
    const p = r.plan.progress[0] ?? outOfBounds();
    const round = r.round.indicators[0] ?? outOfBounds();
    expect(r.round.lastMonth).toBe(7);
    const table = b.blocks.find(
      (x) => x.kind === 'table' && x.caption.startsWith(`${p.indicator}：企业排名`),
    );
    if (table?.kind !== 'table') throw new Error('no ranking table');
    for (const [i, row] of p.rows.entries()) {
      const line = table.table.rows.find((l) => l[1] === row.enterprise) ?? outOfBounds();
      const c = round.enterprises[i] ?? outOfBounds();
      expect([line[0], line[5]]).toEqual([String(row.rank), String(c.lastRank)]);
    }
    const lists = b.blocks.find(
      (x) => x.kind === 'table' && x.caption === `${p.indicator}：红黑榜`,
    );
    if (lists?.kind !== 'table') throw new Error('no lists');
    const red = lists.table.rows.filter((l) => l[0] === '红榜').map((l) => l[2]);
    // Red: the best-ranked at or ahead of schedule.
    const ahead = p.rows
      .filter((x) => x.flag === 'ahead')
      .sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0));
    expect(red).toEqual(ahead.slice(0, 3).map((x) => x.enterprise));
  });

  it('names the seriously behind with the test that failed, and the escalation', () => {
    for (const p of r.plan.progress) {
      for (const row of p.rows.filter((x) => x.flag === 'seriouslyBehind')) {
        expect(text).toMatch(new RegExp(`${row.enterprise}\\t${p.indicator}\\t(序时|增速)`));
      }
    }
    expect(text).toContain('督办（连续滞后3个月及以上）：');
    expect(text).toContain('合计等于年度目标');
    expect(text).toContain('由合计数计算');
  });

  it('is in English with the interface', () => {
    const en = bulletinText(bulletinOf(r.plan, r.round, r.read.input, 'en'));
    expect(en).toContain('腊口镇: industrial targets, months 1-8 2025 — bulletin');
    expect(en).toContain('Red and black lists');
  });
});
