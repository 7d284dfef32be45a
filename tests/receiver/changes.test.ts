/**
 * tests/receiver — the changes since last month on 序时进度 (issue 11) in a travelling workbook.
 *
 * The bundled example is planned (months 7 and 8 in 实绩, report month 8); a receiver then edits
 * 实绩 and 参数 with ExcelJS as in receiver.test.ts; LibreOffice recalculates every file from
 * scratch; the edited file is planned again by the pipeline (the engine's round of the new data).
 * Every enterprise row's 上月排名, 排名变化, 上月预警, 预警变化 and 差距变化, and every area and group
 * row's 上月预警, 预警变化 and 差距变化 — found by header text, not by column letter — must equal
 * the engine's. Cases: unchanged (July → August); month 9
 * pasted with 报告期 blank (the changes move to August → September); the same with one
 * enterprise's August figures cleared (it is 新 in September); 报告期 1 (no last month: blank);
 * and with 实绩口径 当月 (monthly figures, last month summed over months 1…上月): unchanged, month 9
 * pasted, and month 9 pasted with one enterprise's July and August cleared (no figure last month:
 * 新, where this month's sum less month 9 would say 0).
 * Needs LibreOffice (soffice).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openXlsxFile } from '../../src/hosts/xlsx/file';
import { FLAG_LABELS, isInputSheetName } from '../../src/workbook/names';
import { runPipeline } from '../../src/workbook/pipeline';
import { rankChangeText } from '../../src/workbook/bulletin';
import { TREND_LABELS } from '../../src/workbook/render/progress';
import type { Change, MonthlyRound, Plan } from '../../src/engine';
import { recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';
import {
  actuals,
  actualsRow,
  appendRows,
  editWorkbook,
  nextMonthRows,
  plannedExample,
  setSetting,
} from './harness';

const YEAR = 2025;
const dir = mkdtempSync(join(tmpdir(), 'fenjie-receiver-changes-'));

interface Case {
  readonly id: string;
  readonly title: string;
  readonly edit: (wb: ExcelJS.Workbook) => void;
  /** The month the edited file reports and the month it compares with. */
  readonly months: readonly [number, number | null];
  /** Planned with 实绩口径 当月: each row of 实绩 a month's own figure, summed through the month. */
  readonly source?: 'monthly';
}

const month9 = (wb: ExcelJS.Workbook): void => {
  const a = actuals(wb);
  appendRows(a, nextMonthRows(a, YEAR, 8, 9, 1.1));
  setSetting(wb, '报告期', null);
};

const CASES: readonly Case[] = [
  { id: 'a', title: 'unchanged: July → August', edit: () => {}, months: [8, 7] },
  {
    id: 'b',
    title: 'month 9 pasted, 报告期 blank: August → September',
    edit: month9,
    months: [9, 8],
  },
  {
    id: 'n',
    title: 'month 9 pasted, one enterprise’s August figures cleared: it is new in September',
    edit: (wb) => {
      month9(wb);
      const a = actuals(wb);
      const row = a.ws.getRow(actualsRow(a, '石塔线缆', YEAR, 8));
      for (const c of a.indicators.values()) row.getCell(c).value = null;
    },
    months: [9, 8],
  },
  {
    id: 'm1',
    title: '报告期 1: no last month, the change columns blank',
    edit: (wb) => setSetting(wb, '报告期', 1),
    months: [1, null],
  },
  {
    id: 'ma',
    source: 'monthly',
    title: 'monthly actuals (实绩口径 当月), unchanged: last month sums July alone',
    edit: () => {},
    months: [8, 7],
  },
  {
    id: 'mb',
    source: 'monthly',
    title: 'monthly actuals, month 9 pasted, 报告期 blank: last month sums July and August',
    edit: month9,
    months: [9, 8],
  },
  {
    id: 'mn',
    source: 'monthly',
    title:
      'monthly actuals, month 9 pasted, one enterprise’s July and August cleared: no figure last month (新), not 0',
    edit: (wb) => {
      month9(wb);
      const a = actuals(wb);
      for (const m of [7, 8]) {
        const row = a.ws.getRow(actualsRow(a, '石塔线缆', YEAR, m));
        for (const c of a.indicators.values()) row.getCell(c).value = null;
      }
    },
    months: [9, 8],
  },
];

const HEADERS = {
  lastRank: '上月排名',
  change: '排名变化',
  lastFlag: '上月预警',
  trend: '预警变化',
  gapChange: '差距变化（百分点）',
} as const;

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** The differences between 序时进度's change columns and the engine's round. */
function compareChanges(sheet: SheetValues, pl: Plan, round: MonthlyRound): string[] {
  const bad: string[] = [];
  let cols: Record<keyof typeof HEADERS, number> | undefined;
  let nameCol = -1;
  let indCol = -1;
  let groupCol = -1;
  const seen = new Set<string>();
  for (const line of sheet) {
    const i = line.indexOf(HEADERS.lastRank);
    if (i >= 0) {
      cols = Object.fromEntries(
        Object.entries(HEADERS).map(([k, h]) => [k, line.indexOf(h)]),
      ) as Record<keyof typeof HEADERS, number>;
      nameCol = line.indexOf('企业/分组');
      indCol = line.indexOf('指标');
      groupCol = line.indexOf('分组');
      continue;
    }
    if (!cols) continue;
    const ind = String(line[indCol]);
    const ip = pl.progress.findIndex((p) => p.indicator === ind);
    const changes = round.indicators[ip];
    let name = String(line[nameCol]);
    let ch: Change | undefined;
    if (typeof line[0] === 'number') {
      // An enterprise row (it starts with 序号).
      const k = pl.progress[ip]?.rows.findIndex((r) => r.enterprise === name) ?? -1;
      ch = changes?.enterprises[k];
    } else if (name === '全区合计') ch = changes?.area;
    else if (name === '分组小计') {
      name = `${name} ${String(line[groupCol])}`;
      const k = pl.progress[ip]?.groups.findIndex((g) => g.group === line[groupCol]) ?? -1;
      ch = changes?.groups[k];
    } else continue;
    if (!ch) {
      bad.push(`${ind} ${name}: not in the engine's round`);
      continue;
    }
    seen.add(`${ind}/${name}`);
    const on = round.lastMonth !== null;
    const enterprise = typeof line[0] === 'number';
    const want = {
      lastRank: enterprise ? ch.lastRank : null,
      change: on && enterprise ? rankChangeText(ch.rankChange, 'zh') : '',
      lastFlag: on ? FLAG_LABELS[ch.lastFlag ?? 'noData'].zh : '',
      trend: ch.trend === null ? '' : TREND_LABELS[ch.trend].zh,
      gapChange: ch.gapChange,
    };
    for (const key of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
      const got = line[cols[key]];
      const w = want[key];
      const same =
        w === null || w === ''
          ? blank(got)
          : typeof w === 'number'
            ? typeof got === 'number' && Math.abs(got - w) <= 1e-8
            : got === w;
      if (!same)
        bad.push(
          `${ind} ${name} ${HEADERS[key]}: sheet ${JSON.stringify(got)}, engine ${JSON.stringify(w)}`,
        );
    }
  }
  const rows = pl.progress.reduce((n, p) => n + p.rows.length + 1 + p.groups.length, 0);
  if (seen.size !== rows) bad.push(`${seen.size} rows on the sheet, ${rows} in the plan`);
  return bad;
}

describe.runIf(requireLibreOffice())('the travelling workbook: changes since last month', () => {
  const values = new Map<string, SheetValues>();
  const engine = new Map<string, { plan: Plan; round: MonthlyRound }>();

  beforeAll(async () => {
    const out = {
      cumulative: await plannedExample(dir, 'cumulative'),
      monthly: await plannedExample(dir, 'monthly'),
    };
    mkdirSync(join(dir, 'edited'));
    const files = CASES.map((c) => join(dir, 'edited', `${c.id}.xlsx`));
    for (const [k, c] of CASES.entries()) {
      const file = files[k] ?? '';
      await editWorkbook(out[c.source ?? 'cumulative'], file, c.edit);
      const opened = await openXlsxFile(file, { sheets: isInputSheetName });
      if (!opened.ok) throw new Error(`case ${c.id}: cannot open the edited file`);
      const r = runPipeline(opened.value.grids, {
        today: { y: 2025, m: 9, d: 3 },
        generatedAt: '2025-09-03 10:30',
        lang: 'zh',
      });
      if (!r.ok) throw new Error(`case ${c.id}: ${r.errors.map((e) => e.code).join(', ')}`);
      engine.set(c.id, { plan: r.plan, round: r.round });
    }
    const recalculated = await recalcMany(files);
    CASES.forEach((c, k) => values.set(c.id, recalculated[k]?.get('序时进度') ?? []));
  }, 420_000);

  it.each(CASES.map((c) => [c.id, c.title, c] as const))('%s. %s', (_id, _title, c) => {
    const e = engine.get(c.id);
    if (!e) throw new Error(`case ${c.id} was not prepared`);
    expect([e.plan.reportMonth, e.round.lastMonth]).toEqual(c.months);
    const bad = compareChanges(values.get(c.id) ?? [], e.plan, e.round);
    expect({ differences: bad.length, first: bad.slice(0, 15) }).toEqual({
      differences: 0,
      first: [],
    });
  });

  it('moves with the pasted month: September’s changes differ from August’s', () => {
    const rank = (id: string): unknown[] =>
      (values.get(id) ?? []).filter((l) => typeof l[0] === 'number').map((l) => l.join('|'));
    expect(rank('b')).not.toEqual(rank('a'));
    // Case n: the enterprise without August figures is new wherever it is ranked in September.
    const n = engine.get('n')?.round.indicators[0]?.enterprises.find((x) => x.name === '石塔线缆');
    expect(n?.rankChange).toEqual({ kind: 'new' });
  });

  it('the harness finds a wrong change: one rank change altered is one difference', () => {
    const e = engine.get('a');
    const sheet = values.get('a') ?? [];
    if (!e) throw new Error('case a was not prepared');
    const header = sheet.findIndex((l) => l.includes(HEADERS.change));
    const col = sheet[header]?.indexOf(HEADERS.change) ?? -1;
    const at = sheet.findIndex((l, r) => r > header && typeof l[0] === 'number');
    const changed = sheet.map((l) => [...l]);
    const row = changed[at];
    if (!row) throw new Error('no enterprise row');
    row[col] = '↑99';
    expect(compareChanges(changed, e.plan, e.round)).toHaveLength(1);
  });
});
