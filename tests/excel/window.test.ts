import { describe, expect, it } from 'vitest';
import { HELPER_WINDOW, statusWindow } from '../../src/hosts/excel/window';
import { CHECKS } from '../../src/workbook/checks';
import { syntheticInFake } from './helpers';

describe('statusWindow', () => {
  it.each<[string, ReturnType<typeof statusWindow>]>([
    ['参数', {}],
    ['实绩', {}],
    ['Actuals', {}],
    ['序时进度', { rows: 2, cols: 1 }],
    ['Allocation', { rows: 2, cols: 1 }],
    ['说明', { rows: 2, cols: 1 }],
    ['辅助', HELPER_WINDOW],
    ['我的笔记', null],
  ])('reads %s as %j', (name, window) => {
    expect(statusWindow(name)).toEqual(window);
  });

  it.each([10, 300])(
    'holds the helper sheet’s parameter table and data check at %i enterprises',
    (n) => {
      const helper = syntheticInFake(n).spec.sheets.find((s) => s.name === '辅助');
      const labels = new Set(CHECKS.map((c) => c.zh));
      let last = -1;
      let checks = 0;
      helper?.rows.forEach((row, r) => {
        if (row[0] || row[1]) last = r;
        const label = row[0]?.v;
        if (typeof label === 'string' && labels.has(label)) {
          checks++;
          expect(r).toBeLessThan(HELPER_WINDOW.rows ?? 0);
        }
      });
      expect(checks).toBe(CHECKS.length);
      expect(last).toBeLessThan(HELPER_WINDOW.rows ?? 0);
    },
  );
});
