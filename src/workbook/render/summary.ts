/**
 * 汇总 / Summary: the data check at the top (each problem counted live, red when not zero), then
 * one row per indicator: the area row of 序时进度 by reference and the count of enterprises per
 * flag over its enterprise table.
 */
import { FLAGS, type Lang, type Plan, type PlanInput } from '../../engine';
import { COLUMNS, FLAG_LABELS } from '../names';
import { quoteSheet, type SheetSpec } from '../spec';
import {
  amountFormat,
  fx,
  INT,
  num,
  PCT,
  PTS,
  SheetBuilder,
  str,
  t,
  val,
  a4Landscape,
  header,
  heightsAt,
  HEADER_HEIGHT,
  failedText,
  flagFormat,
  redWhen,
} from './cells';
import { columns } from './columns';
import { CHECKS } from '../checks';
import type { HelperRefs } from './helper';
import {
  bannerFormat,
  checkBanner,
  flagCountFormula,
  PROGRESS,
  type ProgressRefs,
} from './progress';

/** How many unmatched rows of 实绩 the summary lists by number. */
export const UNMATCHED_LISTED = 5;

export const SUMMARY = columns([
  { key: 'ind', header: COLUMNS.indicator, width: 30 },
  { key: 'unit', header: COLUMNS.unit, width: 8 },
  { key: 'target', header: COLUMNS.target, width: 12 },
  { key: 'ytd', header: { zh: '本年累计', en: 'YTD' }, width: 12 },
  { key: 'compl', header: { zh: '完成率', en: 'Completion' }, width: 9 },
  { key: 'sched', header: { zh: '序时进度', en: 'Time schedule' }, width: 9 },
  { key: 'gap', header: { zh: '差距（百分点）', en: 'Gap (pts)' }, width: 9 },
  { key: 'yoy', header: { zh: '同比增长', en: 'Year on year' }, width: 9 },
  { key: 'tgrowth', header: COLUMNS.targetGrowth, width: 9 },
  { key: 'flag', header: { zh: '预警', en: 'Flag' }, width: 11 },
  { key: 'failed', header: { zh: '未达项', en: 'Failed tests' }, width: 10 },
  ...FLAGS.map((f) => ({ key: `n:${f}` as const, header: FLAG_LABELS[f], width: 8 })),
  { key: 'count', header: { zh: '企业数', en: 'Enterprises' }, width: 8 },
] as const);

export function renderSummary(
  plan: Plan,
  input: PlanInput,
  H: HelperRefs,
  P: ProgressRefs,
  o: {
    lang: Lang;
    name: string;
    progressName: string;
    note: string;
    titlePrefix: { f: string; v: string };
  },
): SheetSpec {
  const { lang } = o;
  const S = new SheetBuilder();
  const title = t(lang, '汇总', 'Summary');
  S.put(
    0,
    0,
    fx(`${o.titlePrefix.f}&${str(title)}`, `${o.titlePrefix.v}${title}`, undefined, 'title'),
  );
  S.put(1, 0, val(o.note, undefined, 'note'));
  const banner = checkBanner(lang, H);
  S.put(3, 0, fx(banner.f, banner.v, undefined, 'check'));
  // The data check, one problem per row.
  const CHECK_ROW = 5; // 1-based header row of the check
  S.line(CHECK_ROW - 1, [
    val(t(lang, '实绩数据检查', 'Actuals check'), undefined, 'header'),
    val(t(lang, '数量', 'Count'), undefined, 'header'),
  ]);
  CHECKS.forEach((c, i) => {
    S.line(CHECK_ROW + i, [val(t(lang, c.zh, c.en)), fx(H.checks[c.key], H.counts[c.key], INT)]);
  });
  const checkFirst = CHECK_ROW + 1;
  const checkLast = CHECK_ROW + CHECKS.length;
  S.line(checkLast, [
    val(t(lang, '最末一个未匹配行（实绩）', 'Last unmatched row (actuals)')),
    fx(H.firstUnmatched, H.counts.firstUnmatched),
  ]);
  // The rows themselves, the last UNMATCHED_LISTED of them (the latest paste first), by row number.
  S.line(checkLast + 1, [
    val(
      t(
        lang,
        `未匹配企业的实绩行号（最末 ${UNMATCHED_LISTED} 个）`,
        `Unmatched actuals rows (last ${UNMATCHED_LISTED})`,
      ),
    ),
    ...Array.from({ length: UNMATCHED_LISTED }, (_, k) =>
      fx(H.unmatchedRow(k + 1), H.counts.unmatchedRows[k] ?? '', INT),
    ),
  ]);
  const TABLE = checkLast + 4; // 1-based header row of the indicator table
  S.line(TABLE - 1, SUMMARY.headers(lang).map(header));
  const P_ = quoteSheet(o.progressName);
  /** The area row's cell of `col`, found by its label within the area and group table (sort-safe). */
  const areaCell = (
    col: Parameters<typeof PROGRESS.ref>[0],
    b: { areaRow: number; aggLast: number },
  ): string =>
    `INDEX(${P_}!${PROGRESS.span(col, b.areaRow, b.aggLast)},MATCH(${str(P.areaLabel)},${P_}!${PROGRESS.span('name', b.areaRow, b.aggLast)},0))`;
  let row = TABLE + 1;
  for (const ip of plan.progress) {
    const b = P.blocks.get(ip.indicator);
    const ind = input.indicators.find((i) => i.name === ip.indicator);
    if (!b || !ind) continue;
    const fmt = amountFormat(ind.decimals);
    const a = ip.area;
    const rate = ip.kind === 'rate';
    const cells: Record<string, ReturnType<typeof val> | null> = {
      ind: val(ip.indicator),
      unit: val(ip.unit),
      target: fx(areaCell('target', b), a.target, rate ? PCT : fmt),
      ytd: fx(areaCell('ytd', b), num(a.ytd), fmt),
      compl: rate ? null : fx(areaCell('compl', b), num(a.completion), PCT),
      sched: rate ? null : fx(areaCell('sched', b), plan.schedule, PCT),
      gap: fx(areaCell('gap', b), num(a.gap), PTS),
      yoy: fx(areaCell('yoy', b), num(a.yoy), PCT),
      tgrowth: rate ? val(a.target, PCT) : val(ind.targetGrowth ?? null, PCT),
      flag: fx(areaCell('flag', b), FLAG_LABELS[a.flag][lang]),
      failed: fx(areaCell('failed', b), failedText(lang, a.failed)),
      count: val(ip.rows.length, INT),
    };
    for (const f of FLAGS)
      cells[`n:${f}`] = fx(
        flagCountFormula(o.progressName, b.first, b.last, FLAG_LABELS[f][lang]),
        ip.counts[f],
        INT,
      );
    for (const d of SUMMARY.decls) S.put(row - 1, SUMMARY.index(d.key), cells[d.key] ?? null);
    row++;
  }
  // With units (层层分解): each indicator's units, ranked within their parent, from 序时进度's unit
  // rows (found by name, sort-safe).
  const unitFlagRanges: string[] = [];
  if (plan.progress.some((ip) => (ip.units?.length ?? 0) > 0)) {
    row += 1;
    const heads = [
      COLUMNS.indicator,
      COLUMNS.unitName,
      COLUMNS.parent,
      { zh: '完成率', en: 'Completion' },
      { zh: '差距（百分点）', en: 'Gap (pts)' },
      { zh: '同比增长', en: 'Year on year' },
      { zh: '预警', en: 'Flag' },
      { zh: '排名（同级）', en: 'Rank (among siblings)' },
    ];
    S.line(
      row - 1,
      heads.map((h) => header(h[lang])),
    );
    row++;
    const start = row;
    for (const ip of plan.progress) {
      const b = P.blocks.get(ip.indicator);
      if (!b || b.unitFirst === undefined) continue;
      const from = b.unitFirst;
      const at = (col: Parameters<typeof PROGRESS.ref>[0], r2: number): string =>
        `INDEX(${P_}!${PROGRESS.span(col, from, b.aggLast)},MATCH($B${r2},${P_}!${PROGRESS.span('group', from, b.aggLast)},0))`;
      for (const u of ip.units ?? []) {
        S.line(row - 1, [
          val(ip.indicator),
          val(u.unit),
          val(u.parent),
          ip.kind === 'rate' ? null : fx(at('compl', row), num(u.completion), PCT),
          fx(at('gap', row), num(u.gap), PTS),
          fx(at('yoy', row), num(u.yoy), PCT),
          fx(at('flag', row), FLAG_LABELS[u.flag][lang]),
          fx(at('rank', row), num(u.rank), INT),
        ]);
        row++;
      }
    }
    unitFlagRanges.push(`G${start}:G${Math.max(start, row - 1)}`);
  }
  const flagCol = SUMMARY.letter('flag');
  return {
    name: o.name,
    rows: S.rows,
    widths: SUMMARY.widths().map((w, i) => (i === 0 ? Math.max(w, 24) : w)),
    freeze: { rows: 2, cols: 1 },
    print: a4Landscape(lang, { first: 1, last: 1 }),
    rowHeights: heightsAt([TABLE], HEADER_HEIGHT),
    conditionalFormats: [
      ...(plan.progress.length > 0
        ? [flagFormat(lang, `${flagCol}${TABLE + 1}:${flagCol}${row - 1}`)]
        : []),
      ...unitFlagRanges.map((range) => flagFormat(lang, range)),
      redWhen(`B${checkFirst}:B${checkLast}`, `B${checkFirst}>0`),
      bannerFormat(H),
    ],
    note: o.note,
  };
}
