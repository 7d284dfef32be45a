import { describe, expect, it } from 'vitest';
import type { Grid, Lang } from '../engine';
import { matchesName, periodHeaders, periodLabels } from './names';

describe('period labels', () => {
  it.each<[Grid, Lang, string[]]>([
    ['quarters', 'zh', ['一季度', '二季度', '三季度', '四季度']],
    ['quarters', 'en', ['Q1', 'Q2', 'Q3', 'Q4']],
    [
      'janFeb',
      'zh',
      ['1-2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    ],
    [
      'janFeb',
      'en',
      ['Jan-Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    ],
    [
      'months',
      'zh',
      ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    ],
    [
      'months',
      'en',
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    ],
  ])('labels of %s in %s', (grid, lang, labels) => {
    expect(periodLabels(grid, lang)).toEqual(labels);
  });

  it.each<[Grid, string, number]>([
    ['quarters', '第二季度', 1],
    ['quarters', '３季度', 2],
    ['months', 'september', 8],
    ['months', 'M12', 11],
    ['janFeb', '1—2月', 0],
    ['janFeb', 'mar', 1],
  ])('on %s, the header %s is period %i', (grid, text, i) => {
    expect(periodHeaders(grid).findIndex((n) => matchesName(n, text))).toBe(i);
  });
});
