/**
 * 序时进度 / Progress: live formulas over 实绩 (through the helper sheet) and 分解结果, with the
 * engine's figures cached.
 *
 * Layout, per indicator: a section line; a table of the area and group rows (summed totals,
 * never averaged percentages); a blank row; the enterprise table (header, one row per enterprise
 * the indicator concerns); a blank row. The enterprise table is its own region, so the sort
 * button and an autofilter pick it up alone, and every formula in it refers only to its own row
 * (by the row's 序号) or to absolute ranges: a receiver's sort or filter changes no figure.
 * Above: the title and period (formulas that follow 参数 and 实绩), the parameters, and the data
 * check.
 */
import {
  FLAGS,
  type Change,
  type Flag,
  type IndicatorProgress,
  type Lang,
  type MonthlyRound,
  outOfBounds,
  type Plan,
  type PlanInput,
} from '../../engine';
import { rankChangeText } from '../bulletin';
import {
  flagForGap,
  progressOf,
  rankKeyFor,
  sumRows,
  traitsOf,
  type ProgressFigures,
} from '../../engine/progress';
import { COLUMNS, FLAG_LABELS } from '../names';
import { type CellSpec, type ConditionalFormatSpec, type SheetSpec } from '../spec';
import type { AllocationRefs } from './allocation';
import {
  amountFormat,
  exactCriterion,
  fx,
  hasWildcards,
  INT,
  num,
  PCT,
  PTS,
  RATIO,
  SheetBuilder,
  str,
  styled,
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
import { groupNumbers, unitNumbers, type ClassKind, type ClassRankLayout } from './classRanks';

export const PROGRESS = columns([
  { key: 'idx', header: { zh: '序号', en: 'No.' }, width: 5 },
  { key: 'ind', header: COLUMNS.indicator, width: 10 },
  { key: 'name', header: { zh: '企业/分组', en: 'Enterprise / group' }, width: 18 },
  { key: 'group', header: COLUMNS.group, width: 10 },
  { key: 'owner', header: COLUMNS.owner, width: 10 },
  { key: 'target', header: COLUMNS.target, width: 11 },
  { key: 'ytd', header: { zh: '本年累计', en: 'YTD' }, width: 11 },
  { key: 'compl', header: { zh: '完成率', en: 'Completion' }, width: 8 },
  { key: 'sched', header: { zh: '序时进度', en: 'Time schedule' }, width: 8 },
  { key: 'planned', header: { zh: '计划进度', en: 'Planned' }, width: 8 },
  { key: 'gap', header: { zh: '差距（百分点）', en: 'Gap (pts)' }, width: 8 },
  { key: 'short', header: { zh: '欠序时进度量', en: 'Shortfall' }, width: 10 },
  { key: 'need', header: { zh: '剩余月均需完成', en: 'Pace needed / month' }, width: 10 },
  { key: 'so', header: { zh: '已完成月均', en: 'Pace so far / month' }, width: 10 },
  { key: 'ratio', header: { zh: '需提速倍数', en: 'Pace ratio' }, width: 7 },
  { key: 'last', header: { zh: '上年同期', en: 'Same period last year' }, width: 11 },
  { key: 'yoy', header: { zh: '同比增长', en: 'Year on year' }, width: 8 },
  { key: 'ggap', header: { zh: '增速差（百分点）', en: 'Growth gap (pts)' }, width: 8 },
  { key: 'flag', header: { zh: '预警', en: 'Flag' }, width: 10 },
  { key: 'failed', header: { zh: '未达项', en: 'Failed tests' }, width: 8 },
  { key: 'rank', header: { zh: '区内排名', en: 'Rank' }, width: 6 },
  { key: 'grank', header: { zh: '组内排名', en: 'Rank in group' }, width: 6 },
  // With units (层层分解): the enterprise's rank among its unit's, by the unit's number (uno).
  { key: 'urank', header: { zh: '单位内排名', en: 'Rank in unit' }, width: 6 },
  // Changes since last month (the engine's monthly round, monthly.ts): all five on enterprise
  // rows, the flag, better/worse and gap change on area and group rows; blank on unit rows.
  { key: 'lmRank', header: { zh: '上月排名', en: 'Rank last month' }, width: 6 },
  { key: 'rchg', header: { zh: '排名变化', en: 'Rank change' }, width: 6 },
  { key: 'lmFlag', header: { zh: '上月预警', en: 'Flag last month' }, width: 10 },
  { key: 'trend', header: { zh: '预警变化', en: 'Better / worse' }, width: 6 },
  { key: 'gchg', header: { zh: '差距变化（百分点）', en: 'Gap change (pts)' }, width: 8 },
  {
    key: 'likeCur',
    header: { zh: '同口径本期', en: 'Like-for-like YTD' },
    width: 11,
    noPrint: true,
  },
  {
    key: 'likeLast',
    header: { zh: '同口径上年', en: 'Like-for-like last year' },
    width: 11,
    noPrint: true,
  },
  // The rank key: completion (growth for a rate) rounded to 9 decimals, so that COUNTIF's
  // criterion ">"&key holds it exactly; and the group as a number. COUNTIF/COUNTIFS over them
  // rank at a fraction of RANK's or SUMPRODUCT's cost.
  { key: 'rkey', header: { zh: '排名键', en: 'Rank key' }, width: 8, noPrint: true },
  { key: 'gno', header: { zh: '组序号', en: 'Group no.' }, width: 6, noPrint: true },
  { key: 'uno', header: { zh: '单位序号', en: 'Unit no.' }, width: 6, noPrint: true },
  // Each test's level (−1 no figure, 0 on schedule … 3 seriously behind), worked out once per row
  // for the flag and the failed tests, which would otherwise work it out ten times.
  { key: 'sevS', header: { zh: '序时等级', en: 'Schedule level' }, width: 6, noPrint: true },
  { key: 'sevG', header: { zh: '增速等级', en: 'Growth level' }, width: 6, noPrint: true },
  // Last month's figures (the helper's rows of this year's and last year's month before, or
  // monthly actuals summed through 上月): the YTD, last year's (where a growth test needs it),
  // the rank key, and on area and group rows the gap and the growth gap (where the indicator has
  // a growth target). Just what the change columns need: each column costs every receiver
  // 16,000 formula cells at 2,000 enterprises × 8 indicators.
  { key: 'lmYtd', header: { zh: '上月累计', en: 'YTD last month' }, width: 11, noPrint: true },
  {
    key: 'lmLast',
    header: { zh: '上年上月累计', en: 'Last year to last month' },
    width: 11,
    noPrint: true,
  },
  {
    key: 'lmKey',
    header: { zh: '上月排名键', en: 'Rank key last month' },
    width: 8,
    noPrint: true,
  },
  { key: 'lmGap', header: { zh: '上月差距', en: 'Gap last month' }, width: 8, noPrint: true },
  {
    key: 'lmGgap',
    header: { zh: '上月增速差', en: 'Growth gap last month' },
    width: 8,
    noPrint: true,
  },
] as const);
type Col = (typeof PROGRESS.decls)[number]['key'];

/** Rows of the progress sheet the summary refers to, per indicator (1-based). */
export interface ProgressRefs {
  readonly blocks: ReadonlyMap<
    string,
    { areaRow: number; aggLast: number; first: number; last: number; unitFirst?: number }
  >;
  /** The area row's label in the name column (the summary finds the row by it, sort-safe). */
  readonly areaLabel: string;
  /** Rows above the first table (title, note, parameters, check): the print titles. */
  readonly headRows: number;
}

interface Figures {
  readonly completion: number | null;
  readonly gap: number | null;
  readonly shortfall: number | null;
  readonly paceNeeded: number | null;
  readonly paceSoFar: number | null;
  readonly paceRatio: number | null;
  readonly yoy: number | null;
  readonly growthGap: number | null;
  readonly flag: Flag;
  readonly failed: readonly string[];
}

/** The data check's line turns red while there is any problem. */
export const bannerFormat = (H: HelperRefs): ConditionalFormatSpec =>
  redWhen('A4', `${H.checkTotal}>0`);

/** The data check as one line: all clear, or the counts of each problem (formula and cached text). */
export function checkBanner(lang: Lang, H: HelperRefs): { f: string; v: string } {
  const ok = t(lang, '实绩数据检查：无异常', 'Actuals check: all clear');
  const head = t(lang, '实绩数据检查：', 'Actuals check: ');
  const sep = t(lang, '；', '; ');
  const parts = CHECKS.map(
    (c) =>
      `IF(${H.checks[c.key]}>0,${str(`${t(lang, c.zh, c.en)} `)}&${H.checks[c.key]}&${str(sep)},"")`,
  ).join('&');
  const before = t(lang, '（最末未匹配：实绩第 ', '(last unmatched: actuals row ');
  const after = t(lang, ' 行）', ')');
  const first = `IF(${H.firstUnmatched}="","",${str(before)}&${H.firstUnmatched}&${str(after)})`;
  const n = H.counts;
  const v =
    n.total === 0
      ? ok
      : head +
        CHECKS.filter((c) => n[c.key] > 0)
          .map((c) => `${t(lang, c.zh, c.en)} ${n[c.key]}${sep}`)
          .join('') +
        (n.firstUnmatched === '' ? '' : `${before}${n.firstUnmatched}${after}`);
  return { f: `IF(${H.checkTotal}=0,${str(ok)},${str(head)}&${parts}&${first})`, v };
}

export function renderProgress(
  plan: Plan,
  input: PlanInput,
  H: HelperRefs,
  alloc: AllocationRefs,
  ranks: ClassRankLayout,
  o: {
    lang: Lang;
    name: string;
    note: string;
    titlePrefix: { f: string; v: string };
    checkCopies?: boolean;
    /** The engine's round (cached values of the change columns); absent: no last month. */
    round?: MonthlyRound;
  },
): { sheet: SheetSpec; refs: ProgressRefs } {
  const { lang } = o;
  const C = PROGRESS;
  const S = new SheetBuilder(o.checkCopies);
  const title = t(lang, '序时进度', 'Schedule progress');
  S.put(
    0,
    0,
    fx(`${o.titlePrefix.f}&${str(title)}`, `${o.titlePrefix.v}${title}`, undefined, 'title'),
  );
  S.put(
    1,
    0,
    val(
      `${o.note}${t(
        lang,
        ' 本表随“实绩”和“参数”（年度、报告期、阈值）实时计算；目标、权重、约束、时间分布改变后需重新分解。',
        ' Follows Actuals and Settings (year, report month, thresholds) live; re-split after targets, weights, constraints or profiles change.',
      )}`,
      undefined,
      'note',
    ),
  );
  S.line(2, [
    val(t(lang, '报告期', 'Report month'), undefined, 'param'),
    fx(H.month, plan.reportMonth, INT, 'param'),
    val(t(lang, '序时进度', 'Time schedule'), undefined, 'param'),
    fx(H.schedule, plan.schedule, PCT, 'param'),
    val(t(lang, '滞后阈值', 'Behind (pts)'), undefined, 'param'),
    fx(H.behind, input.settings.behindThreshold, PTS, 'param'),
    val(t(lang, '严重滞后阈值', 'Serious (pts)'), undefined, 'param'),
    fx(H.serious, input.settings.seriousThreshold, PTS, 'param'),
    val(t(lang, '年度', 'Year'), undefined, 'param'),
    fx(H.year, plan.year, INT, 'param'),
    val(
      t(
        lang,
        '（在“参数”表修改；报告期留空即为实绩中的最新月份）',
        '(change them in Settings; a blank report month follows the latest month in Actuals)',
      ),
      undefined,
      'note',
    ),
  ]);
  const banner = checkBanner(lang, H);
  S.put(3, 0, fx(banner.f, banner.v, undefined, 'check'));
  const HEAD_ROWS = 4;

  const { behindThreshold: behind, seriousThreshold: serious } = input.settings;
  const flagWords = FLAGS.filter((f) => f !== 'noData').map((f) => str(FLAG_LABELS[f][lang]));
  const noData = str(FLAG_LABELS.noData[lang]);
  const words = {
    s: t(lang, '序时', 'schedule'),
    g: t(lang, '增速', 'growth'),
    sep: t(lang, '、', ', '),
  };
  const escape = hasWildcards(input.enterprises.map((e) => e.group));
  const groupNo = groupNumbers(input);
  const blocks = new Map<
    string,
    { areaRow: number; aggLast: number; first: number; last: number; unitFirst?: number }
  >();
  const areaLabel = t(lang, '全区合计', 'Area total');
  // Last month as the engine's round takes it, and its schedule (the helper's parameters).
  const { month: lastMonth, schedule: lastSchedule } = H.lastCached;
  const flagRanges: string[] = [];
  const headerRows: number[] = [];
  let firstTable: { header: number; last: number } | undefined;
  let r = HEAD_ROWS + 1; // 0-based row: a blank row after the check
  for (const ip of plan.progress) {
    const ind = input.indicators.find((i) => i.name === ip.indicator);
    if (!ind) continue;
    const isRate = ip.kind === 'rate';
    const higher = ip.direction === 'higher';
    const fmt = amountFormat(ind.decimals);
    const hasGrowth = isRate || ind.targetGrowth !== undefined;
    const block = alloc.blocks.get(ind.name);
    const groupsN = ip.groups.length;
    // With units (层层分解): a row per unit after the groups' (a leaf sums its enterprises' rows,
    // found by 序号; a parent its child units' rows), ranked among its siblings.
    const unitsP = ip.units ?? [];
    const aggN = groupsN + unitsP.length;
    // 1-based rows of this indicator's parts.
    const sectionRow = r + 1;
    const aggHeader = sectionRow + 1;
    const areaRow = aggHeader + 1;
    const entHeader = areaRow + aggN + 2;
    const first = entHeader + 1;
    const last = first + ip.rows.length - 1;
    const span = (c: Col): string => C.span(c, first, Math.max(first, last));
    /**
     * Like for like: one figure summed over the enterprise rows with both figures, among those
     * `where` picks ("" all, or criteria pairs ending in a comma); "" when there are none.
     */
    const likeSum = (col: 'ytd' | 'last', where: string): string => {
      const other = col === 'ytd' ? 'last' : 'ytd';
      return `IF(COUNTIFS(${where}${span('ytd')},">-1E+300",${span('last')},">-1E+300")=0,"",SUMIFS(${span(col)},${where}${span(other)},">-1E+300"))`;
    };
    S.put(
      sectionRow - 1,
      0,
      val(
        `${ind.name}（${ind.unit}）  ${
          isRate
            ? t(lang, `目标增速 ${fmtPct(ind.target)}`, `Target rate ${fmtPct(ind.target)}`)
            : t(lang, `年度目标 ${ind.target}`, `Target ${ind.target}`)
        }`,
        undefined,
        'section',
      ),
    );
    const headerCells = C.headers(lang).map(header);
    S.line(aggHeader - 1, headerCells);
    S.line(entHeader - 1, headerCells);
    headerRows.push(aggHeader, entHeader);
    if (firstTable === undefined)
      firstTable = { header: entHeader, last: Math.max(entHeader, last) };

    /** The level of a gap that exists (a cell or a ROUND(…)): 0 on schedule, 1–3 behind. */
    const steps = (gap: string): string => {
      const bad = higher ? `-${gap}` : gap;
      return `IF(${bad}<=0,0,IF(${bad}<=${H.behind},1,IF(${bad}<=${H.serious},2,3)))`;
    };
    /** A test's level from its gap cell: −1 no figure, 0 on schedule, 1–3 against the thresholds. */
    const level = (gapCell: string, enabled = true): string =>
      enabled ? `IF(${gapCell}="",-1,${steps(gapCell)})` : '-1';
    /** Formulas every row has (enterprise, group, area). */
    const common = (
      row: number,
      f: Figures,
      enterprise = false,
    ): Partial<Record<Col, CellSpec>> => {
      const x = (c: Col): string => C.ref(c, row);
      // The like-for-like pair: an enterprise row's own figures (a number or ""), an aggregate's
      // sums over the rows with both.
      const [cur, prev] = enterprise ? [x('ytd'), x('last')] : [x('likeCur'), x('likeLast')];
      const levelOf = (gap: number | null, enabled: boolean): number =>
        enabled && gap !== null
          ? FLAGS.indexOf(flagForGap(gap, ip.direction, behind, serious))
          : -1;
      const sevS = x('sevS');
      const sevG = x('sevG');
      const worst = `MAX(${sevS},${sevG})`;
      const dataCell = isRate ? x('yoy') : x('ytd');
      const out: Partial<Record<Col, CellSpec>> = {
        sevS: isRate ? val(-1, INT) : fx(level(x('gap'), true), levelOf(f.gap, true), INT),
        sevG: hasGrowth
          ? fx(level(x('ggap'), true), levelOf(f.growthGap, true), INT)
          : val(-1, INT),
        yoy: fx(`IF(OR(${cur}="",${prev}="",${prev}=0),"",${cur}/${prev}-1)`, num(f.yoy), PCT),
        ggap: hasGrowth
          ? fx(
              `IF(${x('yoy')}="","",ROUND((${x('yoy')}-${isRate ? x('target') : String(ind.targetGrowth)})*100,6))`,
              num(f.growthGap),
              PTS,
            )
          : val(null),
        flag: fx(
          `IF(${dataCell}="",${noData},IF(${worst}<0,${noData},CHOOSE(${worst}+1,${flagWords.join(',')})))`,
          FLAG_LABELS[f.flag][lang],
        ),
        failed: fx(
          `IF(${dataCell}="","",IF(AND(${sevS}>0,${sevG}>0),${str(words.s + words.sep + words.g)},IF(${sevS}>0,${str(words.s)},IF(${sevG}>0,${str(words.g)},""))))`,
          failedText(lang, f.failed),
        ),
      };
      if (isRate) {
        out.gap = fx(x('ggap'), num(f.gap), PTS);
        return out;
      }
      out.compl = fx(
        `IF(OR(${x('ytd')}="",${x('target')}=0),"",${x('ytd')}/${x('target')})`,
        num(f.completion),
        PCT,
      );
      out.sched = fx(H.schedule, plan.schedule, PCT);
      out.gap = fx(
        `IF(${x('compl')}="","",ROUND((${x('compl')}-${x('sched')})*100,6))`,
        num(f.gap),
        PTS,
      );
      out.short = fx(
        `IF(${x('ytd')}="","",${x('target')}*${x('sched')}-${x('ytd')})`,
        num(f.shortfall),
        fmt,
      );
      out.need = fx(
        `IF(OR(${x('ytd')}="",${H.month}>=12),"",(${x('target')}-${x('ytd')})/(12-${H.month}))`,
        num(f.paceNeeded),
        fmt,
      );
      out.so = fx(
        `IF(OR(${x('ytd')}="",${H.month}<=0),"",${x('ytd')}/${H.month})`,
        num(f.paceSoFar),
        fmt,
      );
      out.ratio = fx(
        `IF(OR(${x('need')}="",${x('so')}=""),"",IF(${x('so')}=0,"",${x('need')}/${x('so')}))`,
        num(f.paceRatio),
        RATIO,
      );
      return out;
    };
    // Changes since last month: per enterprise row, last month's YTD and like-for-like pair
    // (H.lastFigure: the helper's rows of the month before, or monthly actuals summed through
    // 上月), its gaps, level and rank key, then the rank, flag and gap compared; the area and
    // group rows sum the enterprises' pairs (summed totals, as this month's) and compare flag and
    // gap. Cached: the hidden figures as the helper's mirror reads them, the visible ones from
    // the engine's round.
    const changesOf = o.round?.indicators.find((x) => x.indicator === ip.indicator);
    const live = H.actuals;
    const LM = H.lastMonth;
    /** Each enterprise row's last-month YTD and last year's figure, as cached (null: none). */
    const lastRows = ip.rows.map((f) => {
      const at = (y: 0 | 1): number | null => {
        const v = live && lastMonth !== null ? H.lastValue(f.index, ind.name, y) : '';
        return v === '' ? null : v;
      };
      return { target: f.target, ytd: at(0), lastYtd: at(1), planned: null };
    });
    // Last month's figures as the engine works them out (progressOf at last month's schedule;
    // an area or group row over sumRows of its enterprise rows): what the change cells cache.
    const traits = traitsOf(ind);
    const lastCtx = { reportMonth: lastMonth ?? 0, schedule: lastSchedule, behind, serious };
    const lastOf = (row: Parameters<typeof progressOf>[0]): ProgressFigures =>
      progressOf(row, traits, lastCtx);
    const trendText = (tr: Change['trend'] | undefined): string =>
      tr ? TREND_LABELS[tr][lang] : '';
    const NUMBER = '">-1E+300"';
    // The flags' order (better first), for comparing this month's with last month's.
    const flagOrder = `{${flagWords.join(',')}}`;
    /**
     * The change cells of one row. `agg`: an enterprise row (null), or an area or group row with
     * the criterion picking its enterprise rows (area: none). Few cells, each short: last month's
     * year on year is not a column (worked out where a test needs it), nor its level (the flag
     * is CHOOSE's error for none, and better/worse compares the flags' places).
     */
    const changes = (
      row: number,
      last: ProgressFigures,
      ch: Change | undefined,
      agg: null | { crit: string | null },
    ): Partial<Record<Col, CellSpec>> => {
      if (!live) return {};
      const x = (c: Col): string => C.ref(c, row);
      const on = lastMonth !== null;
      const growth = !isRate && ind.targetGrowth !== undefined;
      const idx = `$${C.letter('idx')}${row}`;
      // Aggregates: sums over the enterprise rows (all, or the group's), "" when none.
      const sumIf = (col: Col, cond: Col | null): string => {
        const crits = [
          ...(agg?.crit ? [`${span('group')},${agg.crit}`] : []),
          ...(cond ? [`${span(cond)},${NUMBER}`] : []),
        ];
        return crits.length === 0 ? `SUM(${span(col)})` : `SUMIFS(${span(col)},${crits.join(',')})`;
      };
      const countIf = (col: Col, cond: Col | null): string => {
        const crits = [
          ...(agg?.crit ? [`${span('group')},${agg.crit}`] : []),
          `${span(col)},${NUMBER}`,
          ...(cond ? [`${span(cond)},${NUMBER}`] : []),
        ];
        return agg?.crit || cond ? `COUNTIFS(${crits.join(',')})` : `COUNT(${span(col)})`;
      };
      // Last month's year on year (like for like: an aggregate sums the YTD of the rows with
      // both figures), and when there is none.
      const lmYoy = agg
        ? `${sumIf('lmYtd', 'lmLast')}/${x('lmLast')}-1`
        : `${x('lmYtd')}/${x('lmLast')}-1`;
      const noYoy = agg
        ? `OR(${x('lmLast')}="",${x('lmLast')}=0)`
        : `OR(${x('lmYtd')}="",${x('lmLast')}="",${x('lmLast')}=0)`;
      const noCompl = `OR(${x('lmYtd')}="",${x('target')}=0)`;
      // Last month's gap and growth gap: when there is none, and the figure. An aggregate keeps
      // them in cells; an enterprise row works them out where they are used (two columns fewer
      // on every enterprise row: 24,000 formula cells at 2,000 × 8).
      const noGap = isRate ? noYoy : noCompl;
      const gapE = isRate
        ? `ROUND((${lmYoy}-${x('target')})*100,6)`
        : `ROUND((${x('lmYtd')}/${x('target')}-${H.lastSchedule})*100,6)`;
      const ggapE = `ROUND((${lmYoy}-${String(ind.targetGrowth)})*100,6)`;
      const levels = agg
        ? [level(x('lmGap')), ...(growth ? [level(x('lmGgap'))] : [])]
        : [
            `IF(${noGap},-1,${steps(gapE)})`,
            ...(growth ? [`IF(${noYoy},-1,${steps(ggapE)})`] : []),
          ];
      const lmLevel = levels.length > 1 ? `MAX(${levels.join(',')})` : levels.join('');
      const cells: Partial<Record<Col, CellSpec>> = {
        lmYtd: fx(
          agg
            ? `IF(${countIf('lmYtd', null)}=0,"",${sumIf('lmYtd', null)})`
            : H.lastFigure(ind.name, 0, idx),
          num(last.ytd),
          fmt,
        ),
        // An aggregate's last year: over the enterprises with both figures (like for like).
        lmLast: hasGrowth
          ? fx(
              agg
                ? `IF(${countIf('lmLast', 'lmYtd')}=0,"",${sumIf('lmLast', 'lmYtd')})`
                : H.lastFigure(ind.name, 1, idx),
              num(last.lastYtd),
              fmt,
            )
          : val(null),
        ...(agg
          ? {
              lmGap: fx(`IF(${noGap},"",${gapE})`, num(last.gap), PTS),
              lmGgap: growth ? fx(`IF(${noYoy},"",${ggapE})`, num(last.growthGap), PTS) : val(null),
            }
          : {}),
        // No level (−1) is CHOOSE's error: 无数据.
        lmFlag: fx(
          `IF(${LM}="","",IFERROR(CHOOSE(${lmLevel}+1,${flagWords.join(',')}),${noData}))`,
          on ? FLAG_LABELS[ch?.lastFlag ?? 'noData'][lang] : '',
        ),
        trend: fx(
          `IF(OR(${LM}="",${x('flag')}=${noData},${x('lmFlag')}=${noData}),"",IF(${x('flag')}=${x('lmFlag')},${str(TREND_LABELS.same[lang])},IF(MATCH(${x('flag')},${flagOrder},0)<MATCH(${x('lmFlag')},${flagOrder},0),${str(TREND_LABELS.better[lang])},${str(TREND_LABELS.worse[lang])})))`,
          on ? trendText(ch?.trend) : '',
        ),
        gchg: fx(
          agg
            ? `IF(OR(${x('gap')}="",${x('lmGap')}=""),"",ROUND(${x('gap')}-${x('lmGap')},6))`
            : `IF(OR(${x('gap')}="",${noGap}),"",ROUND(${x('gap')}-${gapE},6))`,
          num(ch?.gapChange ?? null),
          PTS,
        ),
      };
      if (agg) return cells;
      return {
        ...cells,
        lmKey: fx(
          isRate
            ? `IF(${noYoy},"",ROUND(${lmYoy},9))`
            : `IF(${noCompl},"",ROUND(${x('lmYtd')}/${x('target')},9))`,
          rankKeyFor(ip.kind, last) ?? '',
        ),
        lmRank: fx(
          `IF(ISNUMBER(${x('lmKey')}),COUNTIF(${span('lmKey')},"${better}"&${x('lmKey')})+1,"")`,
          num(ch?.lastRank ?? null),
        ),
        rchg: fx(
          `IF(OR(${LM}="",${x('rank')}=""),"",IF(${x('lmRank')}="",${str(rankChangeText({ kind: 'new' }, lang))},IF(${x('rank')}=${x('lmRank')},"—",IF(${x('rank')}<${x('lmRank')},"↑"&(${x('lmRank')}-${x('rank')}),"↓"&(${x('rank')}-${x('lmRank')})))))`,
          on ? rankChangeText(ch?.rankChange ?? null, lang) : '',
        ),
      };
    };
    const place = (
      row: number,
      cells: Partial<Record<Col, CellSpec>>,
      style?: 'subtotal' | 'total',
    ): void => {
      for (const d of C.decls) {
        const c = cells[d.key];
        S.put(
          row - 1,
          C.index(d.key),
          c
            ? d.key === 'flag'
              ? c
              : styled(c, style)
            : style
              ? val(null, undefined, style)
              : null,
        );
      }
    };

    // Area and group rows: summed totals, never averaged percentages.
    [ip.area, ...ip.groups].forEach((g, k) => {
      const row = areaRow + k;
      const isArea = g.group === null;
      const style = isArea ? 'total' : 'subtotal';
      const inGroup = `(${span('group')}=$${C.letter('group')}${row})`;
      const crit = exactCriterion(`$${C.letter('group')}${row}`, escape);
      const sumOrBlank = (col: Col): string =>
        isArea
          ? `IF(COUNT(${span(col)})=0,"",SUM(${span(col)}))`
          : // COUNTIFS counts the group's numbers (Gnumeric, unlike Excel, does not take
            // ISNUMBER over a range inside SUMPRODUCT as an array).
            `IF(COUNTIFS(${span('group')},${crit},${span(col)},">-1E+300")=0,"",SUMIFS(${span(col)},${span('group')},${crit}))`;
      // Like for like: the sum of one figure over the enterprise rows with both (an enterprise row
      // has no like-for-like cells of its own: 32,000 formula cells fewer at 2,000 × 8).
      const grp = isArea ? '' : `${span('group')},${crit},`;
      const cells: Partial<Record<Col, CellSpec>> = {
        ind: val(ind.name),
        name: val(
          isArea ? t(lang, '全区合计', 'Area total') : t(lang, '分组小计', 'Group subtotal'),
        ),
        group: val(g.group ?? null),
        target: isRate
          ? val(g.target, PCT)
          : fx(
              isArea
                ? `SUM(${span('target')})`
                : `SUMIFS(${span('target')},${span('group')},${crit})`,
              g.target,
              fmt,
            ),
        ytd: fx(sumOrBlank('ytd'), num(g.ytd), fmt),
        // 上年同期 is the like-for-like sum: read from AD, not summed twice.
        last: fx(C.ref('likeLast', row), num(g.lastYtd), fmt),
        likeCur: fx(likeSum('ytd', grp), num(g.ytdLike), fmt),
        likeLast: fx(likeSum('last', grp), num(g.lastYtd), fmt),
        ...common(row, g),
        ...changes(
          row,
          lastOf(sumRows(lastRows.filter((_, i) => isArea || ip.rows[i]?.group === g.group))),
          isArea ? changesOf?.area : changesOf?.groups[k - 1],
          { crit: isArea ? null : crit },
        ),
      };
      if (!isRate)
        cells.planned = fx(
          isArea
            ? `IF(${C.ref('target', row)}=0,"",SUMPRODUCT(${span('target')},${span('planned')})/${C.ref('target', row)})`
            : `IF(${C.ref('target', row)}=0,"",SUMPRODUCT(${inGroup}*${span('target')}*${span('planned')})/${C.ref('target', row)})`,
          num(g.planned),
          PCT,
        );
      place(row, cells, style);
    });

    const rankCol: Col = isRate ? 'yoy' : 'compl';
    const better = higher ? '>' : '<';
    const firstUnit = areaRow + 1 + groupsN;
    const unitRowOf = new Map(unitsP.map((u, k) => [u.unit, firstUnit + k]));
    const unitNo = unitNumbers(ip);
    // 1 + how many of the row's class do better, counted in the class's own block (classRanks.ts).
    const classRank = (row: number, kind: ClassKind, no: Col): string => {
      const tb = ranks.table(ind.name, kind);
      if (!tb) throw new Error(`no ${kind} rank table for ${ind.name}`);
      const key = C.ref('rkey', row);
      const at = (r: string): string => `INDEX(${tb.keys},INDEX(${r},${C.ref(no, row)}))`;
      return `IF(ISNUMBER(${key}),COUNTIF(${at(tb.first)}:${at(tb.last)},"${better}"&${key})+1,"")`;
    };
    unitsP.forEach((u, k) => {
      const row = firstUnit + k;
      const kids = unitsP.filter((x) => x.parent === u.unit);
      const kidRows = kids.map((x) => unitRowOf.get(x.unit) ?? row);
      // A leaf unit's enterprises: the rows with its number (uno travels with its row, so a sort
      // changes nothing). SUMIFS and a comparison inside SUMPRODUCT, as the group rows: Gnumeric
      // does not take ISNUMBER(MATCH(range, …)) inside SUMPRODUCT as an array.
      const no = unitNo.get(u.unit) ?? 0;
      const sumOf = (col: Col, blank: boolean): string => {
        if (kids.length > 0) {
          const cells = kidRows.map((r2) => C.ref(col, r2));
          return blank
            ? `IF(COUNT(${cells.join(',')})=0,"",SUM(${cells.join(',')}))`
            : cells.join('+');
        }
        const sum = `SUMIFS(${span(col)},${span('uno')},${no})`;
        return blank
          ? `IF(COUNTIFS(${span('uno')},${no},${span(col)},">-1E+300")=0,"",${sum})`
          : sum;
      };
      // Like for like (a leaf sums its enterprise rows with both figures; a parent its children).
      const likeOf = (col: 'ytd' | 'last'): string =>
        kids.length > 0
          ? sumOf(col === 'ytd' ? 'likeCur' : 'likeLast', true)
          : likeSum(col, `${span('uno')},${no},`);
      const x = (c: Col): string => C.ref(c, row);
      const siblings = unitsP.filter((y) => y.parent === u.parent && y.unit !== u.unit);
      const sibKeys = siblings.map((y) => C.ref('rkey', unitRowOf.get(y.unit) ?? row));
      const cells: Partial<Record<Col, CellSpec>> = {
        ind: val(ind.name),
        name: val(t(lang, '单位小计', 'Unit subtotal')),
        group: val(u.unit),
        owner: val(u.parent === null ? null : t(lang, `上级：${u.parent}`, `in ${u.parent}`)),
        target: isRate ? val(u.target, PCT) : fx(sumOf('target', false), u.target, fmt),
        ytd: fx(sumOf('ytd', true), num(u.ytd), fmt),
        last: fx(C.ref('likeLast', row), num(u.lastYtd), fmt),
        likeCur: fx(likeOf('ytd'), num(u.ytdLike), fmt),
        likeLast: fx(likeOf('last'), num(u.lastYtd), fmt),
        rkey: fx(
          `IF(ISNUMBER(${x(rankCol)}),ROUND(${x(rankCol)},9),"")`,
          rankKeyFor(ip.kind, u) ?? '',
        ),
        rank: fx(
          `IF(ISNUMBER(${x('rkey')}),1${sibKeys.map((k2) => `+IF(ISNUMBER(${k2}),--(${k2}${better}${x('rkey')}),0)`).join('')},"")`,
          num(u.rank),
        ),
        ...common(row, u),
      };
      if (!isRate)
        cells.planned = fx(
          kids.length > 0
            ? `IF(${x('target')}=0,"",(${kidRows.map((r2) => `N(${C.ref('target', r2)})*N(${C.ref('planned', r2)})`).join('+')})/${x('target')})`
            : `IF(${x('target')}=0,"",SUMPRODUCT((${span('uno')}=${no})*${span('target')}*${span('planned')})/${x('target')})`,
          num(u.planned),
          PCT,
        );
      place(row, cells, 'subtotal');
    });

    // Enterprise rows: each refers to its own row and, by its 序号, to the helper and 分解结果.
    ip.rows.forEach((f, i) => {
      const row = first + i;
      const x = (c: Col): string => C.ref(c, row);
      const idx = `$${C.letter('idx')}${row}`;
      const e = input.enterprises[f.index];
      const figure = (slot: 0 | 1): string => {
        if (H.monthly) return H.actuals ? `INDEX(${H.monthlySum(ind.name, slot)},${idx})` : '""';
        // The used value is a number or "" (the helper's formula), and a slot with no row is ""
        // (INDEX's error): looked up once.
        const values = H.usedValues(ind.name);
        return `IFERROR(INDEX(${values},INDEX(${H.slotPos(slot)},${idx})),"")`;
      };
      const inAlloc = block ? `MATCH(${idx},${block.idx},0)` : '';
      const cells: Partial<Record<Col, CellSpec>> = {
        // 序号 is the row's one value; the rest are looked up by it (sort-safe, and a formula
        // copied down costs the Office.js writer one row, not one row per enterprise).
        idx: val(f.index + 1, INT),
        ind: fx(`$${C.letter('ind')}$${areaRow}`, ind.name),
        name: fx(`INDEX(${H.enterprise.name},${idx})&""`, f.enterprise),
        group: fx(`INDEX(${H.enterprise.group},${idx})&""`, f.group ?? ''),
        owner: fx(`INDEX(${H.enterprise.owner},${idx})&""`, e?.owner ?? ''),
        target: isRate
          ? val(f.target, PCT)
          : block
            ? fx(`INDEX(${block.annual},${inAlloc})`, f.target, fmt)
            : val(f.target, fmt),
        ytd: fx(figure(0), num(f.ytd), fmt),
        last: fx(figure(1), num(f.lastYtd), fmt),
        // 1 + how many do better (RANK's order, ties sharing a rank).
        rkey: fx(
          `IF(ISNUMBER(${x(rankCol)}),ROUND(${x(rankCol)},9),"")`,
          rankKeyFor(ip.kind, f) ?? '',
        ),
        rank: fx(
          `IF(ISNUMBER(${x('rkey')}),COUNTIF(${span('rkey')},"${better}"&${x('rkey')})+1,"")`,
          num(f.rank),
        ),
        grank: f.group ? fx(classRank(row, 'group', 'gno'), num(f.groupRank)) : val(null),
        gno: f.group ? val(groupNo.get(f.group) ?? 0, INT) : val(null),
        ...(f.unit === undefined
          ? {}
          : {
              urank: fx(classRank(row, 'unit', 'uno'), num(f.unitRank ?? null)),
              uno: val(unitNo.get(f.unit) ?? 0, INT),
            }),
        ...common(row, f, true),
        ...changes(row, lastOf(lastRows[i] ?? outOfBounds()), changesOf?.enterprises[i], null),
      };
      if (!isRate && block)
        cells.planned = fx(
          `IF(${H.month}<1,0,INDEX(${H.profileValues},MATCH(INDEX(${block.profile},${inAlloc}),${H.profileNames},0),MIN(12,${H.month})))`,
          num(f.planned),
          PCT,
        );
      place(row, cells);
      // Marked as it goes, so that each row's formula texts are garbage while still young.
      if (row > first) S.copiesDown(row - 2, row - 1);
    });
    blocks.set(ind.name, {
      areaRow,
      aggLast: areaRow + aggN,
      first,
      last,
      ...(unitsP.length > 0 ? { unitFirst: firstUnit } : {}),
    });
    flagRanges.push(`${C.letter('flag')}${areaRow}:${C.letter('flag')}${areaRow + aggN}`);
    if (ip.rows.length > 0)
      flagRanges.push(`${C.letter('flag')}${first}:${C.letter('flag')}${last}`);
    r = last + 1; // 0-based: a blank row after the enterprise table
  }
  return {
    sheet: {
      name: o.name,
      rows: S.rows,
      widths: C.widths(),
      freeze: { rows: HEAD_ROWS, cols: 3 },
      print: a4Landscape(
        lang,
        { first: 1, last: 3 },
        `A1:${C.lastPrinted()}${Math.max(S.rows.length, 1)}`,
      ),
      rowHeights: heightsAt(headerRows, HEADER_HEIGHT),
      ...(firstTable
        ? { autoFilter: `A${firstTable.header}:${C.lastPrinted()}${firstTable.last}` }
        : {}),
      conditionalFormats: [...flagRanges.map((range) => flagFormat(lang, range)), bannerFormat(H)],
      note: o.note,
    },
    refs: { blocks, headRows: HEAD_ROWS, areaLabel },
  };
}

/** Whether a row's flag got better or worse since last month. */
export const TREND_LABELS: Readonly<
  Record<'better' | 'worse' | 'same', { readonly zh: string; readonly en: string }>
> = {
  better: { zh: '好转', en: 'better' },
  worse: { zh: '退步', en: 'worse' },
  same: { zh: '持平', en: 'same' },
};

const fmtPct = (x: number): string => `${Number((x * 100).toFixed(4))}%`;

/** Summary flag counts over an indicator's enterprise table. */
export const flagCountFormula = (
  sheet: string,
  first: number,
  last: number,
  label: string,
): string =>
  `COUNTIF('${sheet.replace(/'/g, "''")}'!$${PROGRESS.letter('flag')}$${first}:$${PROGRESS.letter('flag')}$${Math.max(first, last)},${str(label)})`;

export type { IndicatorProgress };
