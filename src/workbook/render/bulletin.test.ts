import { describe, expect, it } from 'vitest';
import type { Bulletin } from '../bulletin';
import { renderBulletin } from './bulletin';

const B: Bulletin = {
  title: '腊口镇2025年1-8月工业经济目标任务完成情况通报',
  subtitle: '（2025年1-8月，时间进度66.7%）',
  headlines: ['产值：……'],
  lists: [],
  blocks: [
    { kind: 'heading', text: '一、总体完成情况' },
    { kind: 'paragraph', text: '产值：……' },
    {
      kind: 'table',
      caption: '产值：企业排名',
      table: {
        header: ['名次', '企业'],
        rows: [
          ['1', '=1+1'],
          ['2', '乙'],
        ],
      },
    },
  ],
  footnote: ['注：1. ……'],
};

describe('the 通报 sheet', () => {
  const s = renderBulletin(B, { lang: 'zh', name: '通报', note: 'generated' });
  const text = s.rows.map((r) => r.map((c) => (c === null ? '' : String(c.v))).join('|'));

  it('lays out title, note, period, sections, tables and footnote, all values', () => {
    expect(text.slice(0, 3)).toEqual([B.title, 'generated', B.subtitle]);
    expect(text).toEqual(
      expect.arrayContaining([
        '一、总体完成情况',
        '产值：企业排名',
        '名次|企业',
        '1|=1+1',
        '注：1. ……',
      ]),
    );
    const header = s.rows.find((r) => r[0]?.v === '名次');
    expect(header?.map((c) => c?.style)).toEqual(['header', 'header']);
    // A name like a formula stays a value (written as text).
    for (const c of s.rows.flat()) expect(c?.f).toBeUndefined();
  });

  it('prints on A4 portrait, one page wide', () => {
    expect(s.print).toMatchObject({ paper: 'A4', orientation: 'portrait', fitWidth: 1 });
  });
});
