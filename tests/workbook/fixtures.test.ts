/**
 * Every fixture workbook in tests/fixtures through the real `plan` command: bad inputs exit
 * non-zero, name the sheet and cell, and write nothing; good variants give the example's numbers.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_JSON, main } from '../../src/cli/main';
import { readXlsxFile } from '../../src/hosts/xlsx/file';
import { findSheet, INPUT_SHEETS } from '../../src/workbook/names';
import { fixturePath } from '../fixtures/make-fixtures';
import * as paths from '../helpers/paths';

const NOW = ['--now', '2025-09-03T10:30'];
const dir = mkdtempSync(join(tmpdir(), 'fenjie-fixtures-'));

type PlanJson = {
  errors: { code: string; sheet?: string; cell?: string; message: string }[];
} & Record<string, unknown>;

async function plan(
  name: string,
  extra: string[] = [],
): Promise<{
  code: number;
  out: string;
  json: PlanJson;
  stderr: string[];
  outFile: string;
}> {
  const outFile = join(dir, `${name}-out.xlsx`);
  const jsonFile = join(dir, `${name}.json`);
  const stderr: string[] = [];
  const stdout: string[] = [];
  const code = await main(
    ['plan', fixturePath(name), '-o', outFile, '--json', jsonFile, ...NOW, ...extra],
    {
      out: (l) => stdout.push(l),
      err: (l) => stderr.push(l),
    },
  );
  return {
    code,
    out: stdout.join('\n'),
    json: JSON.parse(readFileSync(jsonFile, 'utf8')) as PlanJson,
    stderr,
    outFile,
  };
}

describe('bad inputs: exit 1, the sheet and cell named, nothing written', () => {
  it.each([
    ['text-in-number-cell', 'NotANumber', '基数', 'B3', '基数!B3：“待定”不是数字'],
    [
      'negative-weight',
      'NegativeNumber',
      '权重',
      'B2',
      '权重!B2：浙江华都新能源 制造业投资的权重不能为负数（-3）',
    ],
    [
      'duplicate-enterprise',
      'DuplicateEnterprise',
      '企业',
      'A13',
      '企业!A13：企业“浙江华都新能源”重复出现（首次在 企业!A2）',
    ],
    [
      'unknown-indicator-in-constraints',
      'UnknownIndicator',
      '约束',
      'B2',
      '约束!B2：指标“工业产值”不在目标表中',
    ],
    [
      'locks-over-target',
      'LocksExceedTotal',
      '目标',
      'E2',
      '目标!E2：工业总产值：锁定值合计 102000 超过年度目标 71400（浙江华都新能源 99000、龙显企业 3000）',
    ],
    [
      'floors-over-target',
      'FloorsExceedRemainder',
      '目标',
      'E2',
      '目标!E2：工业总产值：下限合计超出可分配的 59400，多 39600',
    ],
    [
      'bad-credit-code',
      'InvalidCreditCode',
      '企业',
      'B3',
      '企业!B3：统一社会信用代码“91331125355344339A”无效：校验位应为 U',
    ],
    ['month-13', 'InvalidMonth', '实绩', 'B2', '实绩!B2：月份 13 不在 1–12 之间'],
    [
      'missing-target-column',
      'MissingColumn',
      '目标',
      'A1',
      '目标!A1：工作表缺少列“年度目标 / Target”',
    ],
    ['duplicate-column', 'DuplicateColumn', '企业', 'F1', '企业!F1：列“分组”重复出现'],
    [
      'invalid-kind',
      'InvalidChoice',
      '目标',
      'C3',
      '目标!C3：类型/Kind“比例”无效，可选：总量/total, 增速/rate',
    ],
    ['invalid-as-of-date', 'InvalidDate', '参数', 'B5', '参数!B5：“八月底”不是日期'],
    [
      'formula-without-cached-value',
      'FormulaWithoutValue',
      '基数',
      'B3',
      '基数!B3：公式 =2250+2250 没有计算结果，请在 Excel 中重新计算后保存',
    ],
    // Nothing lost, nothing silent: each of these planned, or failed once per row, without a
    // word about the fault.
    [
      'duplicate-indicator-column',
      'DuplicateColumn',
      '基数',
      'E1',
      '基数!E1：列“工业总产值”重复出现',
    ],
    [
      'duplicate-enterprise-in-base',
      'DuplicateEnterprise',
      '基数',
      'A4',
      '基数!A4：企业“浙江华都新能源”重复出现（首次在 基数!A2）',
    ],
    [
      'target-formula-empty-result',
      'FormulaEmptyResult',
      '目标',
      'E5',
      '目标!E5：公式 =IF(F5="","",F5) 的结果为空，缺少到位市外内资 年度目标 / Target：请修改公式，或直接填写',
    ],
    ['base-row-without-name', 'MissingValue', '基数', 'A5', '基数!A5：缺少企业名称 / Enterprise'],
    [
      'huge-actual',
      'NumberOutOfRange',
      '实绩',
      'E8',
      '实绩!E8：数值 1e+308 超出可计算的范围：绝对值不能超过 10^15，请检查是否输错',
    ],
    [
      'huge-growth-target',
      'NumberOutOfRange',
      '目标',
      'F2',
      '目标!F2：数值 1e+308 超出可计算的范围：绝对值不能超过 10^4 = 1000000%，请检查是否输错',
    ],
    [
      'text-too-long',
      'TextTooLong',
      '企业',
      'C3',
      '企业!C3：文字长 40000 个字符，超过上限 32767 个字符（结果表的单元格放不下），请缩短',
    ],
    [
      'even-profile-redefined',
      'InvalidProfile',
      '时间分布',
      'A2',
      '时间分布!A2：时间分布“均衡”无效：均衡为内置的平均分布，每月比例相同；其他比例请另起名称',
    ],
    [
      'bases-too-far-apart',
      'WeightsTooFarApart',
      '基数',
      'B3',
      '基数!B3：工业总产值：“石塔线缆”的基数 1e-300 比最大基数 12000 小 10^280 倍以上，无法精确分配',
    ],
  ])('%s → %s at %s!%s', async (name, code, sheet, cell, message) => {
    const r = await plan(name);
    expect(r.code).toBe(1);
    expect(existsSync(r.outFile)).toBe(false);
    expect(r.stderr.map((l) => l.trim())).toContain(message);
    expect(r.json.errors).toContainEqual(expect.objectContaining({ code, sheet, cell }));
  });

  it('missing-targets-sheet → MissingSheet, naming the sheet', async () => {
    const r = await plan('missing-targets-sheet');
    expect(r.code).toBe(1);
    expect(existsSync(r.outFile)).toBe(false);
    expect(r.stderr.map((l) => l.trim())).toContain('缺少工作表“目标 / Targets”');
    expect(r.json.errors).toEqual([
      { code: 'MissingSheet', message: '缺少工作表“目标 / Targets”' },
    ]);
  });

  it('two-targets-sheets → DuplicateSheet, naming both sheets, at the second', async () => {
    const r = await plan('two-targets-sheets');
    expect(r.code).toBe(1);
    expect(existsSync(r.outFile)).toBe(false);
    const message =
      'Targets：工作表“Targets”和“目标”都是“目标 / Targets”表：请删去或改名其中一张，只留一张';
    expect(r.stderr.map((l) => l.trim())).toContain(message);
    expect(r.json.errors).toEqual([
      { code: 'DuplicateSheet', sheet: 'Targets', message: message.slice('Targets：'.length) },
    ]);
  });

  it('year-wrong-in-settings → one InvalidYear for all 84 rows of 2025, not one per row', async () => {
    const r = await plan('year-wrong-in-settings');
    expect(r.code).toBe(1);
    expect(existsSync(r.outFile)).toBe(false);
    expect(r.json.errors).toEqual([
      {
        code: 'InvalidYear',
        sheet: '实绩',
        cell: 'A2',
        message: '年份 2025 无效（应为 2023/2024），共 84 行',
      },
    ]);
    expect(r.stderr.map((l) => l.trim())).toContain(
      '实绩!A2：年份 2025 无效（应为 2023/2024），共 84 行',
    );
  });

  it('messages come in English with --lang en', async () => {
    const r = await plan('text-in-number-cell', ['--lang', 'en']);
    expect(r.stderr.map((l) => l.trim())).toContain('基数!B3: "待定" is not a number');
  });

  it('a failed plan leaves an existing output file as it was', async () => {
    const outFile = join(dir, 'kept.xlsx');
    writeFileSync(outFile, 'previous output');
    const code = await main(['plan', fixturePath('month-13'), '-o', outFile, ...NOW], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(1);
    expect(readFileSync(outFile, 'utf8')).toBe('previous output');
  });
});

describe('good variants give exactly the example’s numbers', () => {
  let example: Record<string, unknown>;
  let exampleOut: string;
  beforeAll(async () => {
    const r = await plan('example');
    expect(r.code).toBe(0);
    example = r.json;
    exampleOut = r.outFile;
  });
  const numbers = (j: Record<string, unknown>): unknown => ({
    allocations: j.allocations,
    progress: j.progress,
    areaProgress: j.areaProgress,
    groupProgress: j.groupProgress,
  });

  it.each([
    'english-headers',
    'merged-header-cells',
    'hidden-rows',
    'formula-in-input-cell',
    'numbers-typed-as-text',
  ])('%s', async (name) => {
    const r = await plan(name);
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    expect(numbers(r.json)).toEqual(numbers(example));
  });

  it('the output file holds the input sheets value for value, then the three outputs', async () => {
    const r = await plan('hidden-rows');
    const before = await readXlsxFile(fixturePath('hidden-rows'));
    const after = await readXlsxFile(r.outFile);
    for (const key of INPUT_SHEETS) {
      const a = findSheet(before.grids.sheets, key);
      const b = findSheet(after.grids.sheets, key);
      expect(b?.cells, key).toEqual(a?.cells);
      expect(b?.hiddenRows, key).toEqual(a?.hiddenRows);
    }
    expect(after.grids.sheets.map((s) => s.name).slice(-6)).toEqual([
      '分解结果',
      '序时进度',
      '汇总',
      '通报',
      '说明',
      '辅助',
    ]);
  });

  it('planning the output again replaces the outputs and keeps the inputs', async () => {
    const outFile = join(dir, 'replanned.xlsx');
    const code = await main(['plan', exampleOut, '-o', outFile, ...NOW, '--lang', 'en'], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    const names = (await readXlsxFile(outFile)).grids.sheets.map((s) => s.name);
    expect(names).toEqual([
      '参数',
      '目标',
      '企业',
      '基数',
      '权重',
      '约束',
      '时间分布',
      '实绩',
      'Allocation',
      'Progress',
      'Summary',
      'Bulletin',
      'Guide',
      'Helper',
    ]);
  });
});

describe('the bundled example', () => {
  it('is the file the tests read (tests/helpers/paths.ts, so they need not load the CLI)', () => {
    expect(paths.EXAMPLE_JSON).toBe(EXAMPLE_JSON);
    expect(existsSync(paths.EXAMPLE_JSON)).toBe(true);
  });
});
