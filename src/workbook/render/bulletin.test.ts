import { describe, expect, it } from 'vitest';
import type { Bulletin } from '../bulletin';
import { parseRange } from '../spec';
import {
  breakBeforeBracket,
  columnWidths,
  linesIn,
  PAGE_CHARS,
  renderBulletin,
  textWidth,
} from './bulletin';

const LONG =
  '工业总产值：年度目标7.14亿元，1-8月累计完成4.57亿元，完成年度目标的64.0%，欠序时进度2.7个百分点（序时进度66.7%）；同比增长21.2%，目标增速33.0%，低于目标增速11.8个百分点。';

const B: Bulletin = {
  title: '腊口镇2025年1-8月工业经济目标任务完成情况通报',
  subtitle: '（2025年1-8月，时间进度66.7%）',
  headlines: ['产值：……'],
  lists: [],
  blocks: [
    { kind: 'heading', text: '一、总体完成情况' },
    { kind: 'paragraph', text: LONG },
    {
      kind: 'table',
      caption: '产值：企业排名',
      table: {
        header: ['名次', '企业', '完成率'],
        rows: [
          ['1', '=1+1', ''],
          ['2', '浙江华都新能源科技股份有限公司', '76.8%'],
        ],
      },
    },
  ],
  footnote: ['注：1. ……'],
};

describe('the 通报 sheet', () => {
  const s = renderBulletin(B, { lang: 'zh', name: '通报', note: 'generated' });
  const text = s.rows.map((r) => r.map((c) => (c === null ? '' : String(c.v))).join('|'));
  const rowOf = (v: string): number => s.rows.findIndex((r) => r[0]?.v === v);

  it('lays out title, note, period, sections, tables and footnote, all values', () => {
    expect(text.slice(0, 3).map((x) => x.replace(/\|+$/, ''))).toEqual([
      B.title,
      'generated',
      B.subtitle,
    ]);
    expect(text).toEqual(
      expect.arrayContaining(['1|=1+1|', `2|浙江华都新能源科技股份有限公司|76.8%`]),
    );
    const header = s.rows[rowOf('名次')];
    expect(header?.map((c) => c?.style)).toEqual(['header', 'header', 'header']);
    // A name like a formula stays a value (written as text); an empty text is no cell.
    for (const c of s.rows.flat()) expect(c?.f).toBeUndefined();
    expect(s.rows[rowOf('1')]?.[2]).toBeNull();
  });

  it('merges each line of text across the tables and wraps it, the row as tall as its lines', () => {
    const cols = s.widths?.length ?? 0;
    expect(cols).toBe(3);
    for (const v of [
      B.title,
      'generated',
      B.subtitle,
      '一、总体完成情况',
      LONG,
      '产值：企业排名',
    ]) {
      const r = rowOf(v);
      expect(r, v).toBeGreaterThanOrEqual(0);
      expect(s.merges, v).toContain(`A${r + 1}:C${r + 1}`);
      expect(s.rows[r]?.[0]?.wrap, v).toBe(true);
      expect(s.rows[r]?.slice(1), v).toEqual([null, null]);
    }
    // The paragraph is wider than the page: several lines, and a row height for each.
    const full = (s.widths ?? []).reduce((a, b) => a + b, 0);
    const lines = linesIn(LONG, full);
    expect(lines).toBeGreaterThan(1);
    expect(s.rowHeights?.[rowOf(LONG)]).toBeGreaterThanOrEqual(lines * 15);
    // A table row with a long name wraps within its column and grows.
    const named = rowOf('2');
    expect(s.rows[named]?.[1]?.wrap).toBe(true);
    expect(s.rowHeights?.[named]).toBeGreaterThan(20);
    expect(s.rowHeights?.[rowOf('1')]).toBe(0);
    // No merge overlaps another, and every merged row's other cells are empty.
    const spans = (s.merges ?? []).map(parseRange);
    expect(new Set(spans.map((m) => m.r0)).size).toBe(spans.length);
  });

  it('prints on A4 portrait at the tables’ width, its area the whole bulletin', () => {
    expect(s.print).toMatchObject({
      paper: 'A4',
      orientation: 'portrait',
      fitWidth: 1,
      area: `A1:C${s.rows.length}`,
    });
    expect((s.widths ?? []).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PAGE_CHARS);
  });
});

describe('text widths and lines', () => {
  it.each([
    ['12.5%', 5],
    ['浙江', 4],
    ['4.95亿元', 8],
    ['', 0],
  ])('%s is %d characters wide', (v, w) => {
    expect(textWidth(v)).toBeCloseTo(w);
  });

  it.each([
    ['', 10, 1],
    ['浙江华都新能源', 20, 1],
    ['浙江华都新能源', 10, 2],
    ['浙江华都新能源', 5, 4],
    ['一\n二', 20, 2],
  ])('%j in %d characters takes %d lines', (v, width, lines) => {
    expect(linesIn(v, width)).toBe(lines);
  });
});

describe('column widths', () => {
  const table = (rows: string[][]) => ({ header: rows[0] ?? [], rows: rows.slice(1) });
  it('are as wide as the widest cell, at least 6', () => {
    expect(
      columnWidths([
        table([
          ['名次', '企业'],
          ['1', '浙江华都'],
        ]),
      ]),
    ).toEqual([6, 10]);
  });
  it('hold a header’s longest word (a header wraps between words)', () => {
    const [w] = columnWidths([table([['Completion rate'], ['1']])]);
    expect(w).toBeGreaterThanOrEqual(textWidth('Completion', true) + 1);
  });
  it('break a CJK header anywhere: it holds no floor of its own', () => {
    const wide = '浙江华都新能源科技股份有限公司';
    const w = columnWidths([
      table([Array<string>(9).fill('剩余月均需完成量'), Array<string>(9).fill(wide)]),
    ]);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PAGE_CHARS);
  });
  it('fit the page, the widest narrowed first', () => {
    const wide = '浙江华都新能源科技股份有限公司';
    const w = columnWidths([table([Array<string>(9).fill('x'), Array<string>(9).fill(wide)])]);
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PAGE_CHARS);
    expect(Math.max(...w) - Math.min(...w)).toBeLessThanOrEqual(1);
  });
});

describe('breakBeforeBracket', () => {
  it.each([
    ['差距（百分点）', 10, '差距\n（百分点）'],
    ['差距（百分点）', 20, '差距（百分点）'],
    ['上月名次', 4, '上月名次'],
    ['（百分点）', 4, '（百分点）'],
    ['Gap (points)', 6, 'Gap (points)'],
    ['差距\n（百分点）', 4, '差距\n（百分点）'],
  ])('%s in %d characters → %j', (header, width, want) => {
    expect(breakBeforeBracket(header, width)).toBe(want);
  });
});
