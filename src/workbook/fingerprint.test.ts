import { describe, expect, it } from 'vitest';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import { exampleGrids, withCell } from '../../tests/helpers/example-grids';
import {
  inputFingerprints,
  liveFingerprint,
  SETTING_IS_LIVE,
  splitFingerprint,
} from './fingerprint';
import { SETTING_KEYS, type SettingKey } from './names';

const example = exampleGrids();
const base = inputFingerprints(example);

/** `grids` with `sheet`'s rows replaced by `f` of them. */
const withRows = (
  grids: WorkbookGrids,
  sheet: string,
  f: (rows: readonly (readonly RawCell[])[]) => (readonly RawCell[])[],
): WorkbookGrids => ({
  ...grids,
  sheets: grids.sheets.map((s): SheetGrid => (s.name === sheet ? { ...s, cells: f(s.cells) } : s)),
});

/** The 参数 row (0-based) of a key in the example. */
const settingRow = (k: SettingKey): number => {
  const rows = example.sheets.find((s) => s.name === '参数')?.cells ?? [];
  const i = rows.findIndex((r) => r[0] === SETTING_KEYS[k].zh);
  if (i < 0) throw new Error(`no ${k} in the example`);
  return i;
};

type Changes = 'split' | 'live' | 'both' | 'neither';

/** For each 参数 key: a value other than the example's, and which fingerprint changing it moves. */
const SETTING_EDITS: Record<SettingKey, [RawCell, Changes]> = {
  year: [2026, 'live'],
  reportMonth: [7, 'live'],
  scheduleBasis: ['按日', 'split'],
  asOf: [{ date: { y: 2025, m: 8, d: 20 } }, 'live'],
  behindThreshold: [3, 'live'],
  seriousThreshold: [8, 'live'],
  actualsBasis: ['当月', 'split'],
  combineJanFeb: ['否', 'split'],
  unit: ['亿元', 'split'],
  area: ['别的镇', 'live'],
  listSize: [5, 'live'],
  escalation: ['2,3,4', 'live'],
};

/** What changed between the example's fingerprints and `grids`'. */
function changes(grids: WorkbookGrids): Changes {
  const f = inputFingerprints(grids);
  expect(f.split).toBe(splitFingerprint(grids));
  expect(f.live).toBe(liveFingerprint(grids));
  const split = f.split !== base.split;
  const live = f.live !== base.live;
  return split && live ? 'both' : split ? 'split' : live ? 'live' : 'neither';
}

describe('inputFingerprints', () => {
  it('is stable and of the expected form', () => {
    expect(inputFingerprints(exampleGrids())).toEqual(base);
    expect(base.split).toMatch(/^[0-9a-f]{16}$/);
    expect(base.live).toMatch(/^[0-9a-f]{16}$/);
    expect(base.split).not.toBe(base.live);
  });

  it.each<[string, Changes, WorkbookGrids]>([
    ['a target (目标)', 'split', withCell(example, '目标', 1, 4, 70000)],
    ['an indicator’s profile (目标)', 'split', withCell(example, '目标', 1, 8, '均衡')],
    ['an enterprise’s group (企业)', 'split', withCell(example, '企业', 1, 2, '其他')],
    ['a base (基数)', 'split', withCell(example, '基数', 2, 1, 4600)],
    ['a weight (权重)', 'split', withCell(example, '权重', 1, 1, 7)],
    ['a constraint (约束)', 'split', withCell(example, '约束', 1, 3, 9500)],
    ['a profile share (时间分布)', 'split', withCell(example, '时间分布', 2, 1, 15)],
    ['an actual figure (实绩)', 'live', withCell(example, '实绩', 1, 6, 140)],
    [
      'a month pasted into 实绩',
      'live',
      withRows(example, '实绩', (rows) => [
        ...rows,
        [2025, 9, '浙江华都新能源', '91331125521477189W', 0, 0, 300, 200],
      ]),
    ],
    ...(Object.entries(SETTING_EDITS) as [SettingKey, [RawCell, Changes]][]).map(
      ([k, [value, moved]]): [string, Changes, WorkbookGrids] => [
        `参数 ${SETTING_KEYS[k].zh}`,
        moved,
        withCell(example, '参数', settingRow(k), 1, value),
      ],
    ),
    [
      '参数 without its 截至日期 row (a live key)',
      'live',
      withRows(example, '参数', (rows) => rows.filter((r) => r[0] !== '截至日期')),
    ],
    [
      '参数 without its 单位 row (a split key)',
      'split',
      withRows(example, '参数', (rows) => rows.filter((r) => r[0] !== '单位')),
    ],
    [
      '参数 with its rows in another order',
      'neither',
      withRows(example, '参数', (rows) => [rows[0] ?? [], ...rows.slice(1).reverse()]),
    ],
    [
      '参数 with a key spelled in English',
      'neither',
      withCell(example, '参数', settingRow('unit'), 0, 'Unit'),
    ],
    [
      '参数 with an unknown key and a comment column',
      'neither',
      withRows(example, '参数', (rows) => [
        ...rows.map((r, i) => [...r, i === 0 ? '说明' : `note ${i}`]),
        ['填报人', '张三', ''],
      ]),
    ],
    [
      '参数 whose key column is gone (read as no settings at all)',
      'both',
      withCell(example, '参数', 0, 0, '键'),
    ],
  ])('%s moves the %s fingerprint(s)', (_, expected, grids) => {
    expect(changes(grids)).toBe(expected);
  });

  it('classifies every 参数 key (a new key must be placed on one side)', () => {
    expect(Object.keys(SETTING_IS_LIVE).sort()).toEqual(Object.keys(SETTING_KEYS).sort());
    expect(Object.keys(SETTING_EDITS).sort()).toEqual(Object.keys(SETTING_KEYS).sort());
  });
});
