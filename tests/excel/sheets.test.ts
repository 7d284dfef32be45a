import { describe, expect, it } from 'vitest';
import { createSheets, selectCell, workbookSheetNames } from '../../src/hosts/excel';
import { differences, inputWorkbook, names } from './helpers';

describe('task pane operations', () => {
  it('lists sheet names in one request', async () => {
    const fake = inputWorkbook();
    expect(await workbookSheetNames(fake.context)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '实绩',
      '我的笔记',
    ]);
    expect(fake.batches).toHaveLength(1);
  });

  it('activates a sheet and selects a cell in one request', async () => {
    const fake = inputWorkbook();
    await selectCell(fake.context, '基数', 'C7');
    expect(fake.active).toBe('基数');
    expect(fake.selection).toBe('基数!C7');
    expect(fake.batches).toHaveLength(1);
    await expect(selectCell(fake.context, '没有', 'A1')).rejects.toThrow(/ItemNotFound/);
  });

  it('adds only the missing sheets of a template and leaves the others alone', async () => {
    const fake = inputWorkbook();
    const before = fake.snapshot('参数');
    const template = {
      sheets: [
        { name: '参数', rows: [[{ v: '项目' }, { v: '值' }]] },
        {
          name: '约束',
          rows: [
            [
              { v: '企业名称', style: 'header' as const },
              { v: '指标', style: 'header' as const },
            ],
          ],
          widths: [20, 10],
          freeze: { rows: 1, cols: 0 },
        },
        {
          name: '时间分布',
          rows: [
            [{ v: '名称' }, { v: 'Q1' }],
            [{ v: '均衡' }, { v: 0.25, fmt: '0%' }],
          ],
        },
      ],
    };
    const { created, stats } = await createSheets(fake.context, template);
    expect(created).toEqual(['约束', '时间分布']);
    expect(stats.syncs).toBe(3);
    expect(names(fake)).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '实绩',
      '我的笔记',
      '约束',
      '时间分布',
    ]);
    expect(fake.snapshot('参数')).toEqual(before);
    expect(differences(fake, template.sheets[1] as (typeof template.sheets)[1])).toEqual([]);
    expect(differences(fake, template.sheets[2] as (typeof template.sheets)[2])).toEqual([]);
    expect((await createSheets(fake.context, template)).created).toEqual([]);
  });
});
