/**
 * 分解结果 / Allocation: per total indicator, a section line, the totals (area total, group
 * subtotals and the two checks), then — apart, after a blank row, where a sort or filter reaches
 * them alone — one row per enterprise with its 序号, profile, annual part and periods. Parts are
 * the engine's exact values; the totals and checks are formulas over them.
 */
import type { Lang, Plan, PlanInput } from '../../engine';
import { COLUMNS, METHODS, periodLabels } from '../names';
import { columnLetter, type SheetSpec } from '../spec';
import type { HelperRefs } from './helper';
import {
  amountFormat,
  exactCriterion,
  fx,
  hasWildcards,
  INT,
  SheetBuilder,
  t,
  val,
  a4Landscape,
  header,
  heightsAt,
  HEADER_HEIGHT,
  redUnlessZero,
} from './cells';

/** Where each indicator's enterprise rows are, for the progress sheet's lookups by 序号. */
export interface AllocationRefs {
  /** indicator → absolute ranges (sheet-qualified) of its block's 序号, profile and annual part. */
  readonly blocks: ReadonlyMap<string, { idx: string; profile: string; annual: string }>;
}

export const ALLOCATION_COLUMNS = {
  idx: { zh: '序号', en: 'No.' },
  annual: { zh: '年度分解', en: 'Annual part' },
  periodsCheck: { zh: '分时合计校验', en: 'Periods check' },
} as const;

const q = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'!`;

export function renderAllocation(
  plan: Plan,
  input: PlanInput,
  H: HelperRefs,
  o: {
    lang: Lang;
    name: string;
    note: string;
    titlePrefix: { f: string; v: string };
    checkCopies?: boolean;
  },
): { sheet: SheetSpec; refs: AllocationRefs } {
  const { lang } = o;
  const S = new SheetBuilder(o.checkCopies);
  S.put(
    0,
    0,
    fx(
      `${o.titlePrefix.f}&${lang === 'zh' ? '"分解结果"' : '"Allocation"'}`,
      `${o.titlePrefix.v}${t(lang, '分解结果', 'Allocation')}`,
      undefined,
      'title',
    ),
  );
  S.put(1, 0, val(o.note, undefined, 'note'));
  const blocks = new Map<string, { idx: string; profile: string; annual: string }>();
  const checkRanges: string[] = [];
  const headerRows: number[] = [];
  let r = 3; // 0-based row
  let maxPeriods = 4;
  const ANNUAL = 5; // F
  const enterprises = input.enterprises;
  const escape = hasWildcards(enterprises.map((e) => e.group));
  for (const a of plan.allocations) {
    const ind = input.indicators.find((i) => i.name === a.indicator);
    const fmt = amountFormat(a.decimals);
    const labels = periodLabels(a.grid, lang);
    const P = labels.length;
    maxPeriods = Math.max(maxPeriods, P);
    const method = ind ? METHODS[ind.method][lang] : '';
    S.line(r, [
      val(`${a.indicator}（${a.unit}）`, undefined, 'section'),
      null,
      val(t(lang, '年度目标', 'Target'), undefined, 'section'),
      val(a.total, fmt, 'section'),
      val(t(lang, `分解方法：${method}`, `Method: ${method}`), undefined, 'section'),
      val(t(lang, `时间分布：${a.profile}`, `Profile: ${a.profile}`), undefined, 'section'),
    ]);
    const targetCell = `$D$${r + 1}`;
    r++;
    // With units (层层分解): each enterprise row ends with its unit, and the totals gain a row per
    // unit (a leaf sums its enterprises by that column, a parent its child units' rows).
    const units = a.units ?? [];
    const unitCol = ANNUAL + P + 2;
    const headerCells = [
      header(ALLOCATION_COLUMNS.idx[lang]),
      header(COLUMNS.enterprise[lang]),
      header(COLUMNS.group[lang]),
      header(COLUMNS.owner[lang]),
      header(COLUMNS.profile[lang]),
      header(ALLOCATION_COLUMNS.annual[lang]),
      ...labels.map(header),
      header(ALLOCATION_COLUMNS.periodsCheck[lang]),
      ...(units.length > 0 ? [header(COLUMNS.memberOf[lang])] : []),
    ];
    // Totals first: they sit apart from the enterprise rows below.
    S.line(r, headerCells);
    headerRows.push(r + 1);
    r++;
    // The enterprises the indicator concerns (an enterprise with no part and no figure is left
    // out, as on 序时进度); each keeps its 序号, its place in 企业.
    const concerned = new Set(
      plan.progress.find((p) => p.indicator === a.indicator)?.rows.map((r) => r.index) ??
        a.rows.map((_, i) => i),
    );
    const rows = a.rows.flatMap((row, i) =>
      concerned.has(i) || row.annual !== 0 ? [{ row, i }] : [],
    );
    const groups = [...new Set(rows.map((x) => x.row.group).filter((g): g is string => !!g))];
    const totalRow = r + 1; // 1-based
    const firstGroup = totalRow + 1;
    const firstUnit = firstGroup + groups.length; // 1-based
    const checkRow = firstUnit + units.length; // 1-based
    const first = checkRow + 3; // 1-based first enterprise row (blank, header between)
    const last = first + rows.length - 1;
    const span = (col: number): string =>
      `$${columnLetter(col)}$${first}:$${columnLetter(col)}$${Math.max(first, last)}`;
    const periodsCol = (k: number): number => ANNUAL + 1 + k;
    const checkCol = ANNUAL + P + 1;
    S.line(r, [
      null,
      val(t(lang, '合计', 'Total'), undefined, 'total'),
      null,
      null,
      null,
      fx(`SUM(${span(ANNUAL)})`, a.total, fmt, 'total'),
      ...a.periodTotals.map((p, k) => fx(`SUM(${span(periodsCol(k))})`, p, fmt, 'total')),
      fx(
        `ROUND(${columnLetter(ANNUAL)}${totalRow}-SUM(${columnLetter(periodsCol(0))}${totalRow}:${columnLetter(periodsCol(P - 1))}${totalRow}),${a.decimals})`,
        0,
        fmt,
        'check',
      ),
    ]);
    r++;
    for (const g of groups) {
      const rr = r + 1;
      const members = rows.map((x) => x.row).filter((x) => x.group === g);
      const sumOf = (k: number): number =>
        members.reduce((s, x) => s + (k < 0 ? x.annual : (x.periods[k] ?? 0)), 0);
      S.line(r, [
        null,
        val(t(lang, '小计', 'Subtotal'), undefined, 'subtotal'),
        val(g, undefined, 'subtotal'),
        null,
        null,
        ...[-1, ...labels.map((_, k) => k)].map((k, j) =>
          fx(
            `SUMIFS(${span(ANNUAL + j)},${span(2)},${exactCriterion(`$C${rr}`, escape)})`,
            round(sumOf(k), a.decimals),
            fmt,
            'subtotal',
          ),
        ),
      ]);
      r++;
    }
    const unitRow = new Map(units.map((u, k) => [u.unit, firstUnit + k]));
    const unitEscape = hasWildcards(units.map((u) => u.unit));
    for (const u of units) {
      const rr = r + 1;
      const kids = units.filter((k) => k.parent === u.unit);
      const cell = (col: number, cached: number): ReturnType<typeof fx> =>
        kids.length > 0
          ? fx(
              kids.map((k) => `${columnLetter(col)}${unitRow.get(k.unit) ?? rr}`).join('+'),
              cached,
              fmt,
              'subtotal',
            )
          : fx(
              `SUMIFS(${span(col)},${span(unitCol)},${exactCriterion(`$C${rr}`, unitEscape)})`,
              cached,
              fmt,
              'subtotal',
            );
      S.line(r, [
        null,
        val(t(lang, '单位小计', 'Unit subtotal'), undefined, 'subtotal'),
        val(u.unit, undefined, 'subtotal'),
        val(
          u.parent === null ? null : t(lang, `上级：${u.parent}`, `in ${u.parent}`),
          undefined,
          'subtotal',
        ),
        null,
        cell(ANNUAL, u.annual),
        ...u.periods.map((p, k) => cell(periodsCol(k), p)),
      ]);
      r++;
    }
    S.line(r, [
      null,
      val(
        t(lang, '校验：合计−年度目标（应为 0）', 'Check: total − target (must be 0)'),
        undefined,
        'check',
      ),
      null,
      null,
      null,
      fx(`ROUND(${columnLetter(ANNUAL)}${totalRow}-${targetCell},${a.decimals})`, 0, fmt, 'check'),
    ]);
    checkRanges.push(`${columnLetter(ANNUAL)}${checkRow}`, `${columnLetter(checkCol)}${totalRow}`);
    r += 2; // a blank row, then the enterprise table
    S.line(r, headerCells);
    headerRows.push(r + 1);
    r++;
    rows.forEach(({ row, i }) => {
      const rr = r + 1;
      const e = enterprises[i];
      // The 序号 is the row's value; name, group and owner are looked up by it (sort-safe).
      const idx = `$A${rr}`;
      S.line(r, [
        val(i + 1, INT),
        fx(`INDEX(${H.enterprise.name},${idx})&""`, row.enterprise),
        fx(`INDEX(${H.enterprise.group},${idx})&""`, row.group ?? ''),
        fx(`INDEX(${H.enterprise.owner},${idx})&""`, e?.owner ?? ''),
        val(row.profile),
        val(row.annual, fmt),
        ...row.periods.map((p) => val(p, fmt)),
        fx(
          `ROUND(${columnLetter(ANNUAL)}${rr}-SUM(${columnLetter(periodsCol(0))}${rr}:${columnLetter(periodsCol(P - 1))}${rr}),${a.decimals})`,
          0,
          fmt,
          'check',
        ),
        ...(units.length > 0 ? [val(row.unit ?? '')] : []),
      ]);
      // Marked as it goes, so that each row's formula texts are garbage while still young.
      if (r > first - 1) S.copiesDown(r - 1, r);
      r++;
    });
    if (rows.length > 0)
      checkRanges.push(`${columnLetter(checkCol)}${first}:${columnLetter(checkCol)}${last}`);
    blocks.set(a.indicator, {
      idx: `${q(o.name)}${span(0)}`,
      profile: `${q(o.name)}${span(4)}`,
      annual: `${q(o.name)}${span(ANNUAL)}`,
    });
    r += 1; // a blank row before the next indicator
  }
  const conditionalFormats = checkRanges.map(redUnlessZero);
  return {
    sheet: {
      name: o.name,
      rows: S.rows,
      widths: [
        6,
        18,
        12,
        12,
        12,
        14,
        ...new Array<number>(maxPeriods).fill(11),
        12,
        ...(plan.allocations.some((a) => a.units) ? [12] : []),
      ],
      freeze: { rows: 2, cols: 2 },
      print: a4Landscape(lang, { first: 1, last: 1 }),
      rowHeights: heightsAt(headerRows, HEADER_HEIGHT),
      conditionalFormats,
      note: o.note,
    },
    refs: { blocks },
  };
}

const round = (v: number, d: number): number => Number(v.toFixed(d));
