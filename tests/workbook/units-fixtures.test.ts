/**
 * The units' level (层层分解) through the real `plan` command: the county example plans; each
 * problem of its units exits 1, names its sheet and cell, and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { fixturePath } from '../fixtures/make-fixtures';

const NOW = ['--now', '2025-09-03T10:30'];
const dir = mkdtempSync(join(tmpdir(), 'fenjie-units-'));

interface PlanJson {
  errors: { code: string; sheet?: string; cell?: string; message: string }[];
}

async function plan(name: string, lang = 'zh') {
  const outFile = join(dir, `${name}-${lang}-out.xlsx`);
  const jsonFile = join(dir, `${name}-${lang}.json`);
  const stderr: string[] = [];
  const code = await main(
    ['plan', fixturePath(name), '-o', outFile, '--json', jsonFile, '--lang', lang, ...NOW],
    { out: () => {}, err: (l) => stderr.push(l.trim()) },
  );
  return {
    code,
    outFile,
    stderr,
    json: JSON.parse(readFileSync(jsonFile, 'utf8')) as PlanJson,
  };
}

describe('units: bad input is refused at its cell', () => {
  it.each([
    ['unit-unknown', 'UnknownUnit', '企业', 'F4', '企业!F4：单位“石塔乡”不在单位表中'],
    [
      'unit-missing',
      'MissingUnit',
      '企业',
      'F4',
      '企业!F4：企业“卓尔五金”没有填所属单位：有单位表时，每家企业都要属于一个单位',
    ],
    [
      'units-column-missing',
      'MissingColumn',
      '企业',
      'A1',
      '企业!A1：工作表缺少列“所属单位 / Unit”',
    ],
    [
      'unit-not-leaf',
      'UnitNotLeaf',
      '企业',
      'F6',
      '企业!F6：企业“石普铝业”所属的“工业园区”还有下级单位（如“东区”）：企业只能属于最下一级单位',
    ],
    ['unit-cycle', 'UnitCycle', '单位', 'B7', '单位!B7：单位的上级关系成环：北片 → 南片 → 北片'],
    [
      'unit-too-deep',
      'UnitTooDeep',
      '单位',
      'B8',
      '单位!B8：单位“一号地块”在第 3 级以下（工业园区 → 西区 → 北片 → 一号地块）：单位最多 3 级',
    ],
    [
      'unit-name-clash',
      'UnitNameClash',
      '单位',
      'A7',
      '单位!A7：单位“卓尔五金”与企业同名（企业!A4）：单位名称不能与企业名称相同',
    ],
    [
      'unit-lock-unreachable',
      'UnitConstraintUnreachable',
      '约束',
      'D8',
      '约束!D8：工业总产值：单位“腊口镇”的锁定值 15000 无法由其下企业达到（其下限、上限与锁定只容许 19000 至 ∞）',
    ],
  ])('%s → %s at %s!%s', async (name, code, sheet, cell, message) => {
    const r = await plan(name);
    expect(r.code).toBe(1);
    expect(existsSync(r.outFile)).toBe(false);
    expect(r.stderr).toContain(message);
    expect(r.json.errors).toEqual([expect.objectContaining({ code, sheet, cell })]);
  });

  it('in English too', async () => {
    const r = await plan('unit-unknown', 'en');
    expect(r.stderr).toContain('企业!F4: unit "石塔乡" is not in Units');
  });
});

describe('units: the county example', () => {
  it('plans (exit 0) and writes its output', async () => {
    const r = await plan('county-example');
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    expect(existsSync(r.outFile)).toBe(true);
  });
});
