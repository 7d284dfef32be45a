import { describe, expect, it } from 'vitest';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import { exampleGrids, NOW, withCell } from '../../tests/helpers/example-grids';
import { specToGrids } from '../../tests/helpers/spec-grids';
import { CHECKS, type CheckKey } from './checks';
import { SHEETS } from './names';
import { runPipeline } from './pipeline';
import { workbookStatus, type OutputState } from './status';

/** `grids` with the outputs a run writes (in Chinese) after its sheets. */
function written(grids: WorkbookGrids, reportMonth?: number): WorkbookGrids {
  const r = runPipeline(grids, {
    today: NOW.today,
    generatedAt: NOW.stamp,
    lang: 'zh',
    ...(reportMonth !== undefined ? { reportMonth } : {}),
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.code).join(', '));
  return { sheets: [...grids.sheets, ...specToGrids(r.spec).sheets] };
}

/** `grids` with `sheet`'s rows replaced by `f` of them. */
const withRows = (
  grids: WorkbookGrids,
  sheet: string,
  f: (rows: readonly (readonly RawCell[])[]) => (readonly RawCell[])[],
): WorkbookGrids => ({
  sheets: grids.sheets.map((s): SheetGrid => (s.name === sheet ? { ...s, cells: f(s.cells) } : s)),
});

/** A month of 实绩 pasted at the bottom, as the statistics bureau sends it. */
const pasteMonth = (grids: WorkbookGrids): WorkbookGrids =>
  withRows(grids, '实绩', (rows) => [
    ...rows,
    [2025, 9, '浙江华都新能源', '91331125521477189W', 2400, 2400, 560, 610],
    [2025, 9, '石塔线缆', '91331125355344339U', 4900, 4900, 2600, 3300],
  ]);

/** The 参数 row (0-based) of a key, by its Chinese name. */
const settingRow = (grids: WorkbookGrids, key: string): number =>
  grids.sheets.find((s) => s.name === '参数')?.cells.findIndex((r) => r[0] === key) ?? -1;

const setting = (grids: WorkbookGrids, key: string, value: RawCell): WorkbookGrids =>
  withCell(grids, '参数', settingRow(grids, key), 1, value);

/** `grids` with the helper sheet's data check count of `key` as a recalculation left it. */
const withCheck = (grids: WorkbookGrids, key: CheckKey, count: number): WorkbookGrids => {
  const label = CHECKS.find((c) => c.key === key)?.zh;
  return withRows(grids, SHEETS.helper.zh, (rows) =>
    rows.map((r): RawCell[] =>
      label !== undefined && r[0] === label ? [label, count, ...r.slice(2)] : [...r],
    ),
  );
};

/** The note a run wrote before the two fingerprints (one `fingerprint:` over every input sheet). */
const OLD_NOTE =
  '由“分解”Fenjie 0.1.0 生成于 2025-09-03 10:30，输入指纹 fingerprint:0123456789abcdef。本表由工具重建，请勿手工修改。';

const example = exampleGrids();
const done = written(example);

describe('workbookStatus', () => {
  it('finds the input sheets, and no outputs before a run', () => {
    const s = workbookStatus(example);
    expect(s.outputs).toBe('missing');
    expect(s.liveChanged).toBe(false);
    expect(s.needsInputs).toBe(false);
    expect(s.inputs.actuals).toBe('实绩');
  });

  it.each<[string, OutputState, boolean, WorkbookGrids]>([
    ['just written', 'current', false, done],
    ['a month pasted into 实绩', 'current', true, pasteMonth(done)],
    ['one actual corrected in 实绩', 'current', true, withCell(done, '实绩', 1, 6, 140)],
    ['报告期 changed', 'current', true, setting(done, '报告期', 7)],
    ['年度 changed', 'current', true, setting(done, '年度', 2026)],
    [
      '截至日期 changed',
      'current',
      true,
      setting(done, '截至日期', { date: { y: 2025, m: 8, d: 20 } }),
    ],
    ['滞后阈值 changed', 'current', true, setting(done, '滞后阈值', 3)],
    ['严重滞后阈值 changed', 'current', true, setting(done, '严重滞后阈值', 8)],
    ['地区 changed', 'current', true, setting(done, '地区', '别的镇')],
    [
      '参数 rows reordered',
      'current',
      false,
      withRows(done, '参数', (r) => [r[0] ?? [], ...r.slice(1).reverse()]),
    ],
    [
      'an unknown 参数 key added',
      'current',
      false,
      withRows(done, '参数', (r) => [...r, ['填报人', '张三']]),
    ],
    ['红黑榜人数 added', 'current', true, withRows(done, '参数', (r) => [...r, ['红黑榜人数', 5]])],
    ['序时口径 changed', 'stale', false, setting(done, '序时口径', '按日')],
    ['实绩口径 changed', 'stale', false, setting(done, '实绩口径', '当月')],
    ['一二月合并 changed', 'stale', false, setting(done, '一二月合并', '否')],
    ['单位 changed', 'stale', false, setting(done, '单位', '亿元')],
    ['a target changed (目标)', 'stale', false, withCell(done, '目标', 1, 4, 70000)],
    ['an enterprise’s group changed (企业)', 'stale', false, withCell(done, '企业', 1, 2, '其他')],
    ['a base changed (基数)', 'stale', false, withCell(done, '基数', 2, 1, 4600)],
    ['a weight changed (权重)', 'stale', false, withCell(done, '权重', 1, 1, 7)],
    ['a constraint changed (约束)', 'stale', false, withCell(done, '约束', 1, 3, 9500)],
    ['a profile share changed (时间分布)', 'stale', false, withCell(done, '时间分布', 2, 1, 15)],
    [
      'the data check counts a figure for an enterprise the plan gave no row',
      'stale',
      false,
      withCheck(done, 'unlisted', 1),
    ],
    [
      'the data check counts rows beyond the formulas',
      'stale',
      false,
      withCheck(done, 'overflow', 2),
    ],
    [
      'the data check counts unmatched rows (the sheets show them; a re-split would not help)',
      'current',
      false,
      withCheck(done, 'unmatched', 3),
    ],
    [
      'a target changed and a month pasted',
      'stale',
      true,
      pasteMonth(withCell(done, '目标', 1, 4, 70000)),
    ],
    [
      'an output sheet deleted',
      'stale',
      false,
      { sheets: done.sheets.filter((s) => s.name !== SHEETS.summary.zh) },
    ],
    [
      'outputs with the old note (one fingerprint)',
      'stale',
      true,
      {
        sheets: done.sheets.map((s) =>
          s.cells[1]?.[0] !== undefined &&
          typeof s.cells[1][0] === 'string' &&
          s.cells[1][0].includes('split:')
            ? { ...s, cells: s.cells.map((r, i) => (i === 1 ? [OLD_NOTE, ...r.slice(1)] : r)) }
            : s,
        ),
      },
    ],
  ])('%s: outputs %s, live changed %s', (_, outputs, liveChanged, grids) => {
    const s = workbookStatus(grids);
    expect({ outputs: s.outputs, liveChanged: s.liveChanged }).toEqual({ outputs, liveChanged });
  });

  it('a number typed as text in 实绩 leaves the outputs live (the helper sheet reads it)', () => {
    const typed = written(withCell(example, '实绩', 1, 6, '139.5'));
    const progress = typed.sheets.find((s) => s.name === SHEETS.progress.zh);
    expect(progress?.cells[1]?.[0]).toMatch(/live:[0-9a-f]{16}/);
    expect(workbookStatus(pasteMonth(typed))).toMatchObject({
      outputs: 'current',
      liveChanged: true,
    });
  });

  describe('outputs of a run that overrode the report month (their period is a constant)', () => {
    const staticDone = written(example, 7);

    it('say so in their note', () => {
      const progress = staticDone.sheets.find((s) => s.name === SHEETS.progress.zh);
      expect(progress?.cells[1]?.[0]).toMatch(/static:[0-9a-f]{16}/);
      const live = done.sheets.find((s) => s.name === SHEETS.progress.zh);
      expect(live?.cells[1]?.[0]).toMatch(/live:[0-9a-f]{16}/);
    });

    it.each<[string, OutputState, boolean, WorkbookGrids]>([
      ['just written', 'current', false, staticDone],
      ['a month pasted into 实绩', 'stale', true, pasteMonth(staticDone)],
      ['报告期 changed', 'stale', true, setting(staticDone, '报告期', 7)],
      ['a target changed', 'stale', false, withCell(staticDone, '目标', 1, 4, 70000)],
    ])('%s: outputs %s, live changed %s', (_, outputs, liveChanged, grids) => {
      const s = workbookStatus(grids);
      expect({ outputs: s.outputs, liveChanged: s.liveChanged }).toEqual({ outputs, liveChanged });
    });
  });
});
