import { describe, expect, it } from 'vitest';
import { createSheets, selectCell, workbookSheetNames } from '../../src/hosts/excel';
import { missingInputsTemplate } from '../../src/workbook/inputs';
import type { WorkbookStatus } from '../../src/workbook/status';
import { inputTemplate } from '../../src/workbook/template';
import type { SheetSpec } from '../../src/workbook/spec';
import { FakeExcel } from './fake-excel';
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

describe('creating the input sheets: the settings sheet’s data validations', () => {
  it('sets each value cell’s rule, blank handling, hint and stop alert through Range.dataValidation', async () => {
    const fake = new FakeExcel();
    fake.addSheet('我的笔记', [['备注']]);
    const template = inputTemplate('zh', 2025);
    const { created } = await createSheets(fake.context, template);
    expect(created).toContain('参数');
    const settings = template.sheets[0] as SheetSpec;
    expect(differences(fake, settings)).toEqual([]);
    const got = fake.sheet('参数').dataValidations;
    expect(got.map((v) => v.range)).toEqual([
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B12',
    ]);
    expect(got[1]).toEqual({
      range: 'B3',
      rule: { wholeNumber: { formula1: 1, formula2: 12, operator: 'Between' } },
      ignoreBlanks: true,
      prompt: {
        title: '报告期',
        message: '报告月份，1–12 的整数。留空：自动取实绩中的最新月份。',
        showPrompt: true,
      },
      errorAlert: {
        title: '报告期',
        message: '请填 1–12 的整数，或留空。',
        showAlert: true,
        style: 'Stop',
      },
    });
    expect(got[2]?.rule).toEqual({ list: { inCellDropDown: true, source: '按月,按日' } });
    expect(got[3]?.rule).toEqual({
      date: { formula1: '2000-01-01', formula2: '2100-12-31', operator: 'Between' },
    });
    expect(got[4]?.rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    // the other input sheets have none
    for (const name of created.filter((n) => n !== '参数'))
      expect(fake.sheet(name).dataValidations).toEqual([]);
  });

  it('never adds one to a settings sheet the workbook already has', async () => {
    const fake = inputWorkbook();
    const status = { inputs: { settings: '参数', targets: '目标' } } as unknown as WorkbookStatus;
    await createSheets(fake.context, missingInputsTemplate(status, 'zh', 2025));
    expect(fake.sheet('参数').dataValidations).toEqual([]);
  });

  it('the fake refuses a misspelt member, a misspelt rule and a title Excel would not take', async () => {
    const fake = new FakeExcel();
    fake.addSheet('a');
    const range = fake.context.workbook.worksheets.getItem('a').getRange('B2');
    expect(() => {
      (range.dataValidation as unknown as Record<string, unknown>)['prompts'] = {};
    }).toThrow(/cannot set DataValidation.prompts/);
    range.dataValidation.rule = {
      wholeNumbr: { formula1: 1, formula2: 12, operator: 'Between' },
    } as Excel.DataValidationRule;
    await expect(fake.context.sync()).rejects.toThrow(
      /unknown member DataValidationRule.wholeNumbr/,
    );
    range.dataValidation.rule = { wholeNumber: { formula1: 1, operator: 'Between' } };
    await expect(fake.context.sync()).rejects.toThrow(/Between needs formula2/);
    range.dataValidation.prompt = { title: 'x'.repeat(33), message: '', showPrompt: true };
    await expect(fake.context.sync()).rejects.toThrow(
      /InvalidArgument: DataValidationPrompt.title/,
    );
    range.dataValidation.errorAlert = {
      title: '',
      message: '',
      showAlert: true,
      style: 'stop' as Excel.DataValidationAlertStyle,
    };
    await expect(fake.context.sync()).rejects.toThrow(/DataValidationErrorAlert.style stop/);
  });
});
