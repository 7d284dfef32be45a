/**
 * 辅助 / Helper: the sheet the live formulas compute through, so that the receiver's workbook
 * follows 参数 and 实绩 without the add-in, tolerantly and at linear cost.
 *
 * - **Parameters** (A:B): year, report month (参数's, or else the latest month in 实绩 for the
 *   year), schedule, thresholds, area, and the data check's counts. Every other sheet refers here.
 * - **Rows** (one per row of 实绩, found by position — `INDEX(实绩!$A:$A,ROW()-k)` — so rows
 *   inserted mid-sheet are read too): year and month read tolerantly (text, "9月"), the latest
 *   month, the slot the row fills (cumulative actuals: this year's report month, last year's, or
 *   this year's month before; monthly actuals, 当月: each month 1…M of either year, 24 slots), and
 *   a running count of the rows with a slot.
 * - **Used rows**: the running count is sorted by construction, so the j-th row with a slot,
 *   counted from the bottom, is found by binary search (`MATCH(total-j,count,1)+1`): an
 *   enterprise's first used row is then its last in 实绩, the later figure winning as in the
 *   engine; only these rows (about 3 per enterprise)
 *   are matched to enterprises (credit code first, then the trimmed name) and read as numbers
 *   ("9,300" → 9300). A spreadsheet's exact lookups scan; a binary search and the small used
 *   table keep a full recalculation near linear in the rows of 实绩.
 * - **Enterprises**: each enterprise's used row per slot (found in the small table by its key,
 *   enterprise × 4 + slot, or × 32 for monthly actuals; a used row that is not its enterprise's
 *   first for the slot is a repeat), cumulative figures that fall from the month before, and for
 *   monthly actuals each indicator's sum over months 1…M of each year (12 lookups each, where a
 *   SUMIFS per enterprise would scan the whole used table: quadratic).
 * - **Profiles**: each profile's planned schedule through month 1 … 12.
 */
import type { Lang, Plan, PlanInput } from '../../engine';
import { CHECK_KEYS, CHECK_LABELS, type CheckKey } from '../checks';
import { toExcelSerial } from '../../engine';
import { timeSchedule } from '../../engine/calendar';
import { previousMonths } from '../../engine/monthly';
import {
  EVEN,
  EVEN_NAMES,
  isEvenProfileName,
  plannedSchedule,
  type Profile,
} from '../../engine/profile';
import type { SettingKey } from '../names';
import type { InputLayout } from '../read';
import { DEFAULT_THRESHOLDS } from '../read';
import { columnLetter, quoteSheet, type SheetSpec } from '../spec';
import { a4Landscape, fx, INT, PCT, SheetBuilder, str, t, val } from './cells';
import {
  figureAt,
  hasFigureIn,
  liveActuals,
  liveCounts,
  MONTH_DASHES,
  sumAt,
  type LiveActuals,
} from './liveActuals';

/** Absolute references to the helper's cells and ranges, for the other sheets' formulas. */
export interface HelperRefs {
  readonly sheet: string;
  /** Parameter cells (sheet-qualified, absolute). */
  readonly year: string;
  readonly month: string;
  readonly schedule: string;
  readonly behind: string;
  readonly serious: string;
  readonly asOf: string;
  /** The area's name followed by a space, or "" (for titles). */
  readonly areaPrefix: string;
  /** "1-8月" / "months 1-8". */
  readonly period: string;
  /** Data check counts, in CHECKS order, and their total. */
  readonly checks: Readonly<Record<CheckKey, string>>;
  readonly checkTotal: string;
  /** The first row of 实绩 that matches no enterprise ("" if none). */
  readonly firstUnmatched: string;
  /** A formula for the k-th row of 实绩 (k from 1) that matches no enterprise, "" if none. */
  readonly unmatchedRow: (k: number) => string;
  /** Used-rows table: one value column per indicator. */
  readonly usedValues: (indicator: string) => string;
  /** Enterprise table by 序号: name, group and owner (values). */
  readonly enterprise: Readonly<Record<'name' | 'group' | 'owner', string>>;
  /**
   * Cumulative actuals: the position of each slot's row in the used table ("" if none): 0 this
   * year's report month, 1 last year's, 2 this year's month before, 3 last year's month before.
   */
  readonly slotPos: (slot: 0 | 1 | 2 | 3) => string;
  /**
   * Last month's year-to-date figure of the enterprise whose 序号 is in cell `idx`, in an
   * indicator, this year (0) or last year (1): "" with no last month or no figure. Cumulative
   * actuals: the row of the month before (slot 2 or 3); monthly: months 1…上月 summed, "" when
   * none of them has a number (as the engine's plan of last month reads them).
   */
  readonly lastFigure: (indicator: string, year: 0 | 1, idx: string) => string;
  /** What `lastFigure` computes now for enterprise `e` (0-based): its cached value. */
  readonly lastValue: (e: number, indicator: string, year: 0 | 1) => number | '';
  /** Last month (the report month's previous period; "" in month 1, and 2 with 1-2月 combined). */
  readonly lastMonth: string;
  /** Last month's time schedule ("" when there is no last month). */
  readonly lastSchedule: string;
  /** Last month and its schedule as cached (as the engine's round takes them; 0 with none). */
  readonly lastCached: { readonly month: number | null; readonly schedule: number };
  /** Enterprise table, monthly actuals: an indicator's sum this year (0) or last (1), "" if none. */
  readonly monthlySum: (indicator: string, year: 0 | 1) => string;
  /** Profiles: names and planned schedules (12 columns). */
  readonly profileNames: string;
  readonly profileValues: string;
  /** Whether actuals are monthly (sums over months) rather than cumulative. */
  readonly monthly: boolean;
  /** Whether the workbook has an actuals sheet (without one the helper's tables are empty). */
  readonly actuals: boolean;
  /** The data check's counts as the formulas compute them now (the cached results). */
  readonly counts: Readonly<Record<CheckKey, number>> & {
    readonly total: number;
    readonly firstUnmatched: number | '';
    readonly unmatchedRows: readonly number[];
  };
}

/** What the helper needs besides the plan. */
export interface HelperOptions {
  readonly lang: Lang;
  readonly name: string;
  readonly note: string;
  /** Settings the run overrode (they are constants here, not 参数's cells). */
  readonly overridden: ReadonlySet<SettingKey>;
  /** Check every copy-down promise (the tests render so): see SheetBuilder. */
  readonly checkCopies?: boolean;
}

/** The profiles the planned-schedule formulas can name: 均衡 / even in both spellings, then the sheet's. */
export const tableProfiles = (input: PlanInput): Profile[] => [
  ...Object.values(EVEN_NAMES).map((name) => ({ ...EVEN, name })),
  ...input.profiles.filter((p) => !isEvenProfileName(p.name)),
];

const PARAM_ROW = 4; // 1-based row of the first parameter
const DATA_ROW = 6; // 1-based first row of the row, used and enterprise tables
const MAX_COL = 'CV'; // the widest 实绩 the formulas read (100 columns)
/** The months as an array constant: a month's place in it is the month. */
const MONTHS = '{1,2,3,4,5,6,7,8,9,10,11,12}';

export function renderHelper(
  plan: Plan,
  input: PlanInput,
  layout: InputLayout,
  o: HelperOptions,
): { sheet: SheetSpec; refs: HelperRefs; free: { col: number; row: number } } {
  const { lang } = o;
  const st = input.settings;
  const A = layout.actuals;
  const monthly = st.actualsBasis === 'monthly';
  // A used row's key: enterprise × KEY_MULT + slot (slots 0–3, or 1–24 for monthly actuals).
  const KEY_MULT = monthly ? 32 : 4;
  const days = st.scheduleBasis === 'days';
  const E = input.enterprises.length;
  const inds = input.indicators;
  const S = new SheetBuilder(o.checkCopies);
  const H = `${quoteSheet(o.name)}!`;
  S.put(
    0,
    0,
    val(
      t(lang, '辅助计算（公式使用，请勿修改）', 'Helper (used by the formulas; do not edit)'),
      undefined,
      'title',
    ),
  );
  S.put(1, 0, val(o.note, undefined, 'note'));

  // ------------------------------------------------------------------ parameters (A:B)
  const params: { key: string; label: string; cell: ReturnType<typeof fx> }[] = [];
  const P = new Map<string, string>();
  const param = (key: string, zh: string, en: string, cell: ReturnType<typeof fx>): string => {
    const ref = `$B$${PARAM_ROW + params.length}`;
    params.push({ key, label: t(lang, zh, en), cell });
    P.set(key, ref);
    return ref;
  };
  const setting = (k: SettingKey): string | undefined => {
    const ref = layout.settingCells[k];
    if (ref === undefined || o.overridden.has(k)) return undefined;
    const m = /^([A-Z]+)(\d+)$/.exec(ref.cell ?? '');
    return m ? `${quoteSheet(ref.sheet)}!$${m[1]}$${m[2]}` : undefined;
  };
  const yearCell = setting('year');
  const Y = param(
    'year',
    '年度',
    'Year',
    yearCell
      ? fx(`IFERROR(--TRIM(${yearCell}),${plan.year})`, plan.year, INT)
      : val(plan.year, INT),
  );
  // The report month as 参数 gives it ("" when blank; "8月", "1-8月" read as 8).
  const monthCell = setting('reportMonth');
  const setMonth = st.reportMonth;
  const cleaned = (x: string): string => `SUBSTITUTE(SUBSTITUTE(TRIM(${x}),"月",""),"－","-")`;
  const MSET = param(
    'monthSet',
    '报告期（参数）',
    'Report month (settings)',
    monthCell
      ? fx(
          `IF(TRIM(${monthCell})="","",IFERROR(--IF(ISNUMBER(FIND("-",${cleaned(monthCell)})),MID(${cleaned(monthCell)},FIND("-",${cleaned(monthCell)})+1,9),${cleaned(monthCell)}),"?"))`,
          setMonth ?? '',
        )
      : val(o.overridden.has('reportMonth') ? plan.reportMonth : ''),
  );
  const latestCached =
    setMonth === undefined || o.overridden.has('reportMonth') ? plan.reportMonth : null;
  const LATEST_REF = param(
    'latest',
    '实绩最新月份',
    'Latest month in actuals',
    fx('0', latestCached ?? 0, INT),
  );
  const M = param(
    'month',
    '报告期',
    'Report month',
    fx(`IF(ISNUMBER(${MSET}),${MSET},${LATEST_REF})`, plan.reportMonth, INT),
  );
  const asOfCell = setting('asOf');
  const lastDay = `IF(${M}<1,DATE(${Y},1,0),DATE(${Y},${M}+1,0))`;
  const ASOF = param(
    'asOf',
    '截至日期',
    'As-of date',
    fx(
      asOfCell ? `IF(ISNUMBER(${asOfCell}),${asOfCell},${lastDay})` : lastDay,
      toExcelSerial(plan.asOf),
      'yyyy-mm-dd',
    ),
  );
  const SCHED = param(
    'schedule',
    '序时进度',
    'Time schedule',
    fx(
      days
        ? `MAX(0,MIN(1,(${ASOF}-DATE(${Y},1,1)+1)/(DATE(${Y},12,31)-DATE(${Y},1,1)+1)))`
        : `${M}/12`,
      plan.schedule,
      PCT,
    ),
  );
  // Last month, as the engine's round takes it (monthly.ts previousMonths): none in month 1, nor
  // in month 2 when 1-2月 are combined (a constant here: 参数's 一二月合并 is not followed live).
  const lastCached: number | '' = previousMonths(plan.reportMonth, st.combineJanFeb, 1)[0] ?? '';
  const LM = param(
    'lastMonth',
    '上月',
    'Last month',
    fx(`IF(${M}-1<${st.combineJanFeb ? 2 : 1},"",${M}-1)`, lastCached),
  );
  // Last month's schedule: by months, or by days to its last day (what a blank as-of date means).
  const lastScheduleCached =
    lastCached === ''
      ? 0
      : timeSchedule({ basis: st.scheduleBasis, year: plan.year, reportMonth: lastCached });
  const LSCHED = param(
    'lastSchedule',
    '上月序时进度',
    'Last month schedule',
    fx(
      `IF(${LM}="","",${
        days
          ? `MAX(0,MIN(1,(DATE(${Y},${LM}+1,0)-DATE(${Y},1,1)+1)/(DATE(${Y},12,31)-DATE(${Y},1,1)+1)))`
          : `${LM}/12`
      })`,
      lastCached === '' ? '' : lastScheduleCached,
      PCT,
    ),
  );
  const threshold = (k: 'behindThreshold' | 'seriousThreshold'): ReturnType<typeof fx> => {
    const cell = setting(k);
    const d = DEFAULT_THRESHOLDS[k];
    return cell
      ? fx(
          `IF(TRIM(${cell})="",${d},IFERROR(--SUBSTITUTE(TRIM(${cell}),"%",""),${d}))`,
          st[k],
          '0.0',
        )
      : val(st[k], '0.0');
  };
  const BEHIND = param(
    'behind',
    '滞后阈值（百分点）',
    'Behind threshold (pts)',
    threshold('behindThreshold'),
  );
  const SERIOUS = param(
    'serious',
    '严重滞后阈值（百分点）',
    'Serious threshold (pts)',
    threshold('seriousThreshold'),
  );
  const areaCell = setting('area');
  const AREA = param(
    'area',
    '地区',
    'Area',
    areaCell
      ? fx(`IF(TRIM(${areaCell})="","",TRIM(${areaCell})&" ")`, st.area ? `${st.area} ` : '')
      : val(st.area ? `${st.area} ` : ''),
  );
  const PERIOD = param(
    'period',
    '期间',
    'Period',
    fx(
      lang === 'zh' ? `"1-"&${M}&"月"` : `"months 1-"&${M}`,
      lang === 'zh' ? `1-${plan.reportMonth}月` : `months 1-${plan.reportMonth}`,
    ),
  );

  // Where the actuals columns are: found by their headers at recalculation time, so a column
  // the statistics bureau adds later is read too.
  const AS = A ? `${quoteSheet(A.sheet)}!` : '';
  const headerRow = A ? A.headerRow + 1 : 1; // 1-based
  const firstData = headerRow + 1; // 1-based row of 实绩's first data row
  const colParam = new Map<string, string>();
  inds.forEach((ind) => {
    const header = A?.headers[ind.name] ?? ind.name;
    colParam.set(
      ind.name,
      param(
        `col:${ind.name}`,
        `实绩列：${ind.name}`,
        `Actuals column: ${ind.name}`,
        A
          ? fx(
              `IFERROR(MATCH(${str(header)},${AS}$A$${headerRow}:$${MAX_COL}$${headerRow},0),0)`,
              (A.values[ind.name] ?? -1) + 1,
              INT,
            )
          : val(0, INT),
      ),
    );
  });

  // ------------------------------------------------------------------ row table (one per 实绩 row)
  const rowsNow = A ? A.cells.length : 0;
  const reportMonth = Math.max(1, plan.reportMonth);
  const R = A
    ? rowsNow + E * Math.max(1, 12 - reportMonth + 1) + Math.max(50, Math.ceil(E / 10))
    : 0;
  const k = DATA_ROW - firstData; // helper row − 实绩 row
  const at = (col: number): string =>
    A
      ? `INDEX(${AS}$${columnLetter(col)}:$${columnLetter(col)},ROW()${k >= 0 ? '-' : '+'}${Math.abs(k)})`
      : '""';
  const RC = 3; // first column of the row table (D)
  // Four columns a row: a receiver's recalculation pays for every formula cell it loads (about
  // 10 µs each in LibreOffice, whatever the formula), and this table has a row per row of 实绩.
  // The latest month is counted over the year and month columns instead (12 COUNTIFS).
  const rc = {
    year: RC,
    month: RC + 1,
    slot: RC + 2,
    seq: RC + 3,
  };
  const rowLast = DATA_ROW + R - 1;
  const rSpan = (c: number): string =>
    `$${columnLetter(c)}$${DATA_ROW}:$${columnLetter(c)}$${Math.max(DATA_ROW, rowLast)}`;
  const L = (c: number, row: number): string => `${columnLetter(c)}${row}`;
  // The used-rows table (U) and enterprise table (N) follow.
  const UC = rc.seq + 2;
  const valueCol = (i: number): number => UC + 7 + i;
  const uc = {
    pos: UC,
    slot: UC + 1,
    name: UC + 2,
    code: UC + 3,
    byName: UC + 4,
    byCode: UC + 5,
    e: UC + 6,
    key: valueCol(inds.length),
    bad: valueCol(inds.length) + 1,
    dup: valueCol(inds.length) + 2,
    unm: valueCol(inds.length) + 3,
  };
  const used = A ? (monthly ? 2 * 12 * E : 4 * E) + Math.max(20, Math.ceil(E / 2)) : 0;
  const usedLast = DATA_ROW + used - 1;
  // What the formulas below will compute, for their cached results.
  const live: LiveActuals | undefined = A
    ? liveActuals(
        {
          rows: A.cells,
          year: A.year,
          month: A.month,
          enterprise: A.enterprise,
          ...(A.creditCode !== undefined ? { creditCode: A.creditCode } : {}),
          valueCols: inds.map((i) => A.values[i.name]),
        },
        input,
        plan.year,
        o.overridden.has('reportMonth') ? plan.reportMonth : st.reportMonth,
        monthly,
        R,
      )
    : undefined;
  // Which indicators leave each enterprise out (no part and no figure at planning
  // time): a figure pasted for one later needs a row the live sheets do not have.
  const concerned = new Map(
    plan.progress.map((p) => [p.indicator, new Set(p.rows.map((r) => r.index))]),
  );
  const unlistedIn = (i: number): number[] =>
    inds.flatMap((ind, j) => (concerned.get(ind.name)?.has(i) === false ? [j] : []));
  /** Per enterprise, whether it has a figure in an indicator that left it out (as cached). */
  const unlistedNow = input.enterprises.map((_, i) =>
    live ? hasFigureIn(live, i, unlistedIn(i), monthly) : 0,
  );
  /** The running count of unmatched used rows through used row j (1-based), as cached. */
  const unmatchedCum: number[] = [];
  for (const u of live?.used ?? [])
    unmatchedCum.push((unmatchedCum.at(-1) ?? 0) + (u.e === 0 ? 1 : 0));
  const unmatchedSoFar = (j: number): number =>
    unmatchedCum[Math.min(j, unmatchedCum.length) - 1] ?? 0;
  const counted = live
    ? liveCounts(
        live,
        {
          rows: A?.cells ?? [],
          year: A?.year ?? 0,
          month: A?.month ?? 0,
          enterprise: A?.enterprise ?? 0,
          valueCols: [],
        },
        firstData,
        R,
        used,
      )
    : undefined;
  const counts = counted && {
    ...counted,
    unlisted: unlistedNow.reduce<number>((a, b) => a + b, 0),
  };

  const uSpan = (c: number): string =>
    `$${columnLetter(c)}$${DATA_ROW}:$${columnLetter(c)}$${Math.max(DATA_ROW, usedLast)}`;
  /** Indicator j's values in the used table with the header above (position 0 reads it: text). */
  const valuesFromHeader = (j: number): string =>
    `$${columnLetter(valueCol(j))}$${DATA_ROW - 1}:$${columnLetter(valueCol(j))}$${Math.max(DATA_ROW, usedLast)}`;
  const NC = uc.unm + 2;
  // Slots per enterprise: 4 (cumulative) or 24 (monthly: months 1–12 of this year, then last).
  const SLOTS = monthly ? 24 : 4;
  const nc = {
    idx: NC,
    name: NC + 1,
    code: NC + 2,
    group: NC + 3,
    owner: NC + 4,
    /** Cumulative: slot k's row ("" if none); monthly: slot k + 1's row (0 if none). */
    pos: (k: number) => NC + 5 + k,
    pos0: NC + 5,
    pos1: NC + 6,
    pos2: NC + 7,
    pos3: NC + 8,
    fall: (i: number) => NC + 5 + SLOTS + i,
    /** Monthly actuals: indicator i's sum this year (y = 0) or last (y = 1). */
    sum: (i: number, y: 0 | 1) => NC + 5 + SLOTS + inds.length + 2 * i + y,
    unlisted: NC + 5 + SLOTS + inds.length * (monthly ? 3 : 1),
  };
  const entLast = DATA_ROW + E - 1;
  const nSpan = (c: number): string =>
    `$${columnLetter(c)}$${DATA_ROW}:$${columnLetter(c)}$${Math.max(DATA_ROW, entLast)}`;
  /** Monthly actuals: the 24 position columns, for INDEX(block, enterprise, slot). */
  const posBlock = `$${columnLetter(nc.pos(0))}$${DATA_ROW}:$${columnLetter(nc.pos(SLOTS - 1))}$${Math.max(DATA_ROW, entLast)}`;

  const SEQ_TOTAL = param(
    'usedRows',
    '用到的实绩行数',
    'Actuals rows used',
    fx(A ? `MAX(${rSpan(rc.seq)})` : '0', counts?.usedRows ?? 0, INT),
  );

  // Headers of the tables (row DATA_ROW − 1).
  const HDR = DATA_ROW - 2;
  const head = (col: number, zh: string, en: string): void =>
    S.put(HDR, col, val(t(lang, zh, en), undefined, 'header'));
  if (A) {
    [
      [rc.year, '年份', 'Year'],
      [rc.month, '月份', 'Month'],
      [rc.slot, '用途', 'Slot'],
      [rc.seq, '累计行数', 'Running count'],
      [uc.pos, '实绩行位置', 'Row position'],
      [uc.slot, '用途', 'Slot'],
      [uc.name, '企业名称', 'Enterprise'],
      [uc.code, '信用代码', 'Credit code'],
      [uc.byName, '按名称', 'By name'],
      [uc.byCode, '按代码', 'By code'],
      [uc.e, '企业序号', 'Enterprise no.'],
      [uc.key, '键', 'Key'],
      [uc.bad, '非数字', 'Not numbers'],
      [nc.idx, '企业序号', 'Enterprise no.'],
      [nc.name, '企业名称', 'Enterprise'],
      [nc.code, '信用代码', 'Credit code'],
      [nc.group, '分组', 'Group'],
      [nc.owner, '责任单位', 'Owner'],
      [uc.dup, '重复行', 'Repeated row'],
      [uc.unm, '未匹配累计', 'Unmatched so far'],
    ].forEach(([c, zh, en]) => head(c as number, zh as string, en as string));
    if (monthly)
      for (let k = 0; k < SLOTS; k++) {
        const m = (k % 12) + 1;
        if (k < 12) head(nc.pos(k), `本年${m}月行`, `This year M${m} row`);
        else head(nc.pos(k), `上年${m}月行`, `Last year M${m} row`);
      }
    else {
      head(nc.pos0, '本期行', 'This year row');
      head(nc.pos1, '上年同期行', 'Last year row');
      head(nc.pos2, '上月行', 'Month before row');
      head(nc.pos3, '上年上月行', 'Last year month before row');
    }
    inds.forEach((ind, i) => {
      // Never a number (not even for an indicator named like one): monthly sums read this header
      // for an absent month, and Gnumeric's N() takes numeric text as a number.
      head(valueCol(i), `数值：${ind.name}`, `Value: ${ind.name}`);
      head(nc.fall(i), `${t(lang, '回落', 'Falls')}：${ind.name}`, `Falls: ${ind.name}`);
      if (monthly) {
        head(nc.sum(i, 0), `本年累计：${ind.name}`, `YTD: ${ind.name}`);
        head(nc.sum(i, 1), `上年同期：${ind.name}`, `Last year YTD: ${ind.name}`);
      }
    });
    head(nc.unlisted, '有实绩未列', 'Figures, no row');
  }

  if (A) {
    for (let i = 0; i < R; i++) {
      const row = DATA_ROW + i;
      const y = L(rc.year, row);
      const m = L(rc.month, row);
      const slot = L(rc.slot, row);
      const yearRaw = at(A.year);
      const monthRaw = at(A.month);
      const lr = live?.rows[i];
      S.line(
        row - 1,
        [
          fx(`IFERROR(--TRIM(${yearRaw}),"")`, lr?.year ?? ''),
          // A month is a whole number 1–12 (its place in the list; "1-8月" is 8, as the engine
          // reads it), "" for a blank cell, or "x" for anything else (the check counts it). A
          // number (most months) is matched as it is, before the text path's ten functions.
          fx(
            `IF(ISNUMBER(${monthRaw}),IFERROR(MATCH(${monthRaw},${MONTHS},0),"x"),IFERROR(MATCH(--TRIM(RIGHT(SUBSTITUTE(${MONTH_DASHES.reduce((x, d) => `SUBSTITUTE(${x},"${d}","-")`, `SUBSTITUTE(TRIM(${monthRaw}),"月","")`)},"-",REPT(" ",9)),9)),${MONTHS},0),IF(TRIM(${monthRaw})="","","x")))`,
            lr?.month ?? '',
          ),
          fx(
            monthly
              ? `IF(ISNUMBER(${m}),IF(${m}<=${M},IF(${y}=${Y},${m},IF(${y}=${Y}-1,12+${m},"")),""),"")`
              : `IF(${y}=${Y},IF(${m}=${M},0,IF(${m}=${M}-1,2,"")),IF(${y}=${Y}-1,IF(${m}=${M},1,IF(${m}=${M}-1,3,"")),""))`,
            lr?.slot ?? '',
          ),
          fx(
            i === 0 ? `--(${slot}<>"")` : `${L(rc.seq, row - 1)}+(${slot}<>"")`,
            lr?.seq ?? 0,
            INT,
          ),
        ],
        RC,
      );
      // Rows copy the row above, except the running count's second row (the first starts it);
      // marked as they go, so that each row's formula texts are garbage while still young.
      if (row - 1 > DATA_ROW - 1) S.copiesDown(row - 2, row - 1, RC, rc.seq - 1);
      if (row - 1 > DATA_ROW) S.copiesDown(row - 2, row - 1, rc.seq, rc.seq);
    }

    // Used rows.
    const ROWS_AT = (p: string, col: number): string =>
      `INDEX(${AS}$${columnLetter(col)}:$${columnLetter(col)},${p}+${firstData - 1})`;
    const esc = (x: string): string =>
      `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},"~","~~"),"*","~*"),"?","~?")`;
    const parse = (x: string): string =>
      `IF(ISNUMBER(${x}),${x},IF(TRIM(${x})="","",IFERROR(--SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${x}),",",""),"，","")," ",""),"")))`;
    const names = nSpan(nc.name);
    const codes = nSpan(nc.code);
    for (let j = 1; j <= used; j++) {
      const row = DATA_ROW + j - 1;
      const pos = L(uc.pos, row);
      const jj = `(ROW()-${DATA_ROW - 1})`;
      const u = live?.used[j - 1];
      const cells = [
        fx(
          `IF(${jj}>${SEQ_TOTAL},"",IFERROR(MATCH(${SEQ_TOTAL}-${jj},${rSpan(rc.seq)},1),0)+1)`,
          u?.pos ?? '',
        ),
        fx(`IF(${pos}="","",INDEX(${rSpan(rc.slot)},${pos}))`, u?.slot ?? ''),
        fx(`IF(${pos}="","",TRIM(${ROWS_AT(pos, A.enterprise)}))`, u?.name ?? ''),
        fx(
          A.creditCode === undefined
            ? '""'
            : `IF(${pos}="","",TRIM(${ROWS_AT(pos, A.creditCode)}))`,
          u?.code ?? '',
        ),
        fx(
          // By name only where the code does not already say who it is (a text MATCH is dear).
          `IF(${pos}="","",IF(OR(${L(uc.name, row)}="",${L(uc.byCode, row)}>0),0,IFERROR(MATCH(${esc(L(uc.name, row))},${names},0),0)))`,
          u?.byName ?? '',
        ),
        fx(
          `IF(${pos}="","",IF(${L(uc.code, row)}="",0,IFERROR(MATCH(${L(uc.code, row)},${codes},0),0)))`,
          u?.byCode ?? '',
        ),
        fx(
          `IF(${pos}="","",IF(${L(uc.code, row)}="",${L(uc.byName, row)},IF(${L(uc.byCode, row)}>0,${L(uc.byCode, row)},IF(${L(uc.byName, row)}=0,0,IF(INDEX(${codes},${L(uc.byName, row)})="",${L(uc.byName, row)},0)))))`,
          u?.e ?? '',
        ),
        ...inds.map((ind, i) => {
          const c = colParam.get(ind.name) as string;
          const raw = `INDEX(${AS}$A:$${MAX_COL},${pos}+${firstData - 1},${c})`;
          return fx(`IF(OR(${pos}="",${c}=0),"",${parse(raw)})`, u?.values[i] ?? '');
        }),
        fx(
          `IF(OR(${pos}="",${L(uc.e, row)}=0),"",${L(uc.e, row)}*${KEY_MULT}+${L(uc.slot, row)})`,
          u?.key ?? '',
        ),
        fx(
          inds.length === 0
            ? '0'
            : `IF(${pos}="",0,${inds
                .map((ind, i) => {
                  const c = colParam.get(ind.name) as string;
                  const raw = `INDEX(${AS}$A:$${MAX_COL},${pos}+${firstData - 1},${c})`;
                  // A figure read is no bad one: TRIM (a number made text) only where none was.
                  return `IF(OR(${c}=0,${L(valueCol(i), row)}<>""),0,--(TRIM(${raw})<>""))`;
                })
                .join('+')})`,
          u?.bad ?? 0,
          INT,
        ),
        // A repeated row: not the first used row of its enterprise and month (each enterprise's
        // first row per slot is in the enterprise table), found without a scan.
        fx(
          monthly
            ? `IF(${L(uc.key, row)}="",0,--(INDEX(${posBlock},${L(uc.e, row)},${L(uc.slot, row)})<>${jj}))`
            : `IF(${L(uc.key, row)}="",0,--(CHOOSE(${L(uc.slot, row)}+1,INDEX(${nSpan(nc.pos0)},${L(uc.e, row)}),INDEX(${nSpan(nc.pos1)},${L(uc.e, row)}),INDEX(${nSpan(nc.pos2)},${L(uc.e, row)}),INDEX(${nSpan(nc.pos3)},${L(uc.e, row)}))<>${jj}))`,
          u?.dup ?? 0,
          INT,
        ),
        // A running count of the rows that match no enterprise: the summary lists the first few
        // by it (the k-th is where the count reaches k).
        fx(
          j === 1 ? `--(${L(uc.e, row)}=0)` : `${L(uc.unm, row - 1)}+(${L(uc.e, row)}=0)`,
          unmatchedSoFar(j),
          INT,
        ),
      ];
      S.line(row - 1, cells, UC);
      // As the rows above: marked as they go.
      if (row - 1 > DATA_ROW - 1) S.copiesDown(row - 2, row - 1, UC, uc.dup);
      if (row - 1 > DATA_ROW) S.copiesDown(row - 2, row - 1, uc.unm, uc.unm);
    }
  }

  // Enterprises.
  input.enterprises.forEach((e, i) => {
    const row = DATA_ROW + i;
    const idx = L(nc.idx, row);
    const keys = uSpan(uc.key);
    const le = live?.enterprises[i];
    // Who the enterprise is, by its 序号: the other sheets' rows look their names up here.
    S.line(
      row - 1,
      [
        val(i + 1, INT),
        val(e.name),
        val(e.creditCode ?? null),
        val(e.group ?? null),
        val(e.owner ?? null),
      ],
      NC,
    );
    // Monthly: an absent slot's position is 0, which the sums below read one row up, on the used
    // table's header (text: N() gives 0, ISNUMBER false), so each term needs no IF.
    const positions = Array.from({ length: SLOTS }, (_, k) =>
      monthly
        ? fx(`IFERROR(MATCH(${idx}*${KEY_MULT}+${k + 1},${keys},0),0)`, le?.pos[k] ?? 0, INT)
        : fx(`IFERROR(MATCH(${idx}*${KEY_MULT}+${k},${keys},0),"")`, le?.pos[k] ?? ''),
    );
    const monthlySums = inds.flatMap((_, j) =>
      ([0, 1] as const).map((y) => {
        const vH = valuesFromHeader(j);
        const term = (m: number): string => `INDEX(${vH},${L(nc.pos(12 * y + m), row)}+1)`;
        const months = Array.from({ length: 12 }, (_, m) => m);
        return fx(
          `IF(${months.map((m) => `ISNUMBER(${term(m)})`).join('+')}=0,"",${months.map((m) => `N(${term(m)})`).join('+')})`,
          le?.sums?.[j]?.[y] ?? '',
        );
      }),
    );
    const cells = [
      ...positions,
      ...inds.map((_, j) => {
        if (monthly || !A) return fx('0', 0, INT);
        const v0 = `INDEX(${uSpan(valueCol(j))},${L(nc.pos0, row)})`;
        const v2 = `INDEX(${uSpan(valueCol(j))},${L(nc.pos2, row)})`;
        return fx(
          `IF(OR(${L(nc.pos0, row)}="",${L(nc.pos2, row)}=""),0,IF(AND(ISNUMBER(${v0}),ISNUMBER(${v2})),--(${v0}<${v2}),0))`,
          le?.falls[j] ?? 0,
          INT,
        );
      }),
      ...(monthly ? monthlySums : []),
    ];
    if (A) S.line(row - 1, cells, nc.pos0);
    // A figure this year or last year (the rows the live sheets read, last month's included)
    // where the enterprise has no row. 0 when planned: an enterprise is left out only when it
    // has no figure at all.
    const out = unlistedIn(i);
    if (A && out.length > 0) {
      const has = (j: number, pos: string): string =>
        `ISNUMBER(INDEX(${uSpan(valueCol(j))},${pos}))`;
      const terms = out.flatMap((j) =>
        monthly
          ? [`ISNUMBER(${L(nc.sum(j, 0), row)})`, `ISNUMBER(${L(nc.sum(j, 1), row)})`]
          : [0, 1, 2, 3].map((k) => has(j, L(nc.pos(k), row))),
      );
      S.put(row - 1, nc.unlisted, fx(`--(${terms.join('+')}>0)`, unlistedNow[i] ?? 0, INT));
    }
    // Marked as they go, so that each row's formula texts are garbage while still young.
    if (A && i > 0)
      S.copiesDown(
        row - 2,
        row - 1,
        nc.pos0,
        monthly && inds.length > 0 ? nc.sum(inds.length - 1, 1) : nc.fall(inds.length - 1),
      );
  });

  // Profiles (right of the enterprises).
  const PC = nc.unlisted + 1;
  const profiles = tableProfiles(input);
  S.put(
    HDR,
    PC,
    val(t(lang, '时间分布（计划进度累计）', 'Profile (planned, cumulative)'), undefined, 'header'),
  );
  for (let m = 1; m <= 12; m++)
    S.put(HDR, PC + m, val(t(lang, `至${m}月`, `to M${m}`), undefined, 'header'));
  profiles.forEach((p, i) => {
    S.put(DATA_ROW - 1 + i, PC, val(p.name));
    for (let m = 1; m <= 12; m++) S.put(DATA_ROW - 1 + i, PC + m, val(plannedSchedule(p, m), PCT));
  });
  const profLast = DATA_ROW + profiles.length - 1;

  // Data check counts. The rows with a year read or a month cell not blank, counted over the
  // columns rather than row by row: years + months (read, or "x") − rows with both.
  const FILLED = `(COUNT(${rSpan(rc.year)})+COUNT(${rSpan(rc.month)})+COUNTIF(${rSpan(rc.month)},"x")-COUNTIFS(${rSpan(rc.year)},">-1E+300",${rSpan(rc.month)},">-1E+300")-COUNTIFS(${rSpan(rc.year)},">-1E+300",${rSpan(rc.month)},"x"))`;
  const check = (key: CheckKey, cell: ReturnType<typeof fx>): string =>
    param(`check:${key}`, CHECK_LABELS[key].zh, CHECK_LABELS[key].en, cell);
  const checks: Record<CheckKey, string> = {
    unmatched: check(
      'unmatched',
      fx(A ? `COUNTIF(${uSpan(uc.e)},0)` : '0', counts?.unmatched ?? 0, INT),
    ),
    duplicates: check(
      'duplicates',
      fx(A ? `SUM(${uSpan(uc.dup)})` : '0', counts?.duplicates ?? 0, INT),
    ),
    falls: check(
      'falls',
      fx(
        A && E > 0 && inds.length > 0
          ? `SUM($${columnLetter(nc.fall(0))}$${DATA_ROW}:$${columnLetter(nc.fall(inds.length - 1))}$${entLast})`
          : '0',
        counts?.falls ?? 0,
        INT,
      ),
    ),
    notNumbers: check(
      'notNumbers',
      fx(A ? `SUM(${uSpan(uc.bad)})` : '0', counts?.notNumbers ?? 0, INT),
    ),
    badMonths: check(
      'badMonths',
      fx(A ? `${FILLED}-COUNT(${rSpan(rc.month)})` : '0', counts?.badMonths ?? 0, INT),
    ),
    badYears: check(
      'badYears',
      fx(
        A ? `${FILLED}-COUNTIF(${rSpan(rc.year)},${Y})-COUNTIF(${rSpan(rc.year)},${Y}-1)` : '0',
        counts?.badYears ?? 0,
        INT,
      ),
    ),
    badReportMonth: check(
      'badReportMonth',
      fx(`--(${MSET}="?")`, counts?.badReportMonth ?? 0, INT),
    ),
    overflow: check(
      'overflow',
      fx(
        A
          ? `MAX(0,COUNTA(${AS}$${columnLetter(A.year)}$${firstData}:$${columnLetter(A.year)}$1048576)-${R})+MAX(0,${SEQ_TOTAL}-${used})`
          : '0',
        counts?.overflow ?? 0,
        INT,
      ),
    ),
    unlisted: check(
      'unlisted',
      fx(
        A && E > 0
          ? `SUM($${columnLetter(nc.unlisted)}$${DATA_ROW}:$${columnLetter(nc.unlisted)}$${entLast})`
          : '0',
        counts?.unlisted ?? 0,
        INT,
      ),
    ),
  };
  const checkTotal = param(
    'check:total',
    '数据检查合计',
    'Data check total',
    fx(
      `SUM(${Object.values(checks).join(',')})`,
      counts ? CHECK_KEYS.reduce((a, k) => a + counts[k], 0) : 0,
      INT,
    ),
  );
  const firstUnmatched = param(
    'check:firstUnmatched',
    '最末一个未匹配行（实绩）',
    'Last unmatched row (actuals)',
    fx(
      A ? `IFERROR(INDEX(${uSpan(uc.pos)},MATCH(0,${uSpan(uc.e)},0))+${firstData - 1},"")` : '""',
      counts?.firstUnmatched ?? '',
    ),
  );

  // The latest month: the largest month of this year's rows (figures or not, as the engine takes it).
  const latestRow = params.findIndex((p) => p.key === 'latest');
  const latest = params[latestRow];
  if (A && latest) {
    params[latestRow] = {
      ...latest,
      // A COUNTIFS per month over the year and month columns.
      cell: fx(
        `MAX(${Array.from({ length: 12 }, (_, j) => `${j + 1}*(COUNTIFS(${rSpan(rc.year)},${Y},${rSpan(rc.month)},${j + 1})>0)`).join(',')})`,
        live?.latest ?? 0,
        INT,
      ),
    };
  }
  params.forEach((p, i) => {
    S.put(PARAM_ROW - 1 + i, 0, val(p.label));
    S.put(PARAM_ROW - 1 + i, 1, p.cell);
  });
  S.put(PARAM_ROW - 2, 0, val(t(lang, '参数', 'Parameters'), undefined, 'header'));
  S.put(PARAM_ROW - 2, 1, val(t(lang, '值', 'Value'), undefined, 'header'));

  const q = (ref: string): string => `${H}${ref}`;
  const refs: HelperRefs = {
    sheet: o.name,
    year: q(Y),
    month: q(M),
    schedule: q(SCHED),
    behind: q(BEHIND),
    serious: q(SERIOUS),
    asOf: q(ASOF),
    areaPrefix: q(AREA),
    period: q(PERIOD),
    checks: Object.fromEntries(Object.entries(checks).map(([key, r]) => [key, q(r)])) as Record<
      CheckKey,
      string
    >,
    checkTotal: q(checkTotal),
    firstUnmatched: q(firstUnmatched),
    unmatchedRow: (k) =>
      A
        ? `IFERROR(INDEX(${q(uSpan(uc.pos))},MATCH(${k},${q(uSpan(uc.unm))},0))+${firstData - 1},"")`
        : '""',
    usedValues: (indicator) => q(uSpan(valueCol(inds.findIndex((i) => i.name === indicator)))),
    slotPos: (slot) => q(nSpan(nc.pos(slot))),
    lastFigure: (indicator, y, idx) => {
      const j = inds.findIndex((i) => i.name === indicator);
      if (!monthly)
        return `IF(${q(LM)}="","",IFERROR(INDEX(${q(uSpan(valueCol(j)))},INDEX(${q(nSpan(nc.pos(2 + y)))},${idx})),""))`;
      // Months 1…12 of the year, each counted only up to last month (absent: the header, as in
      // the sums above).
      const vH = q(valuesFromHeader(j));
      const terms = Array.from({ length: 12 }, (_, k) => ({
        t: `INDEX(${vH},INDEX(${q(posBlock)},${idx},${12 * y + k + 1})+1)`,
        upTo: `(${k + 1}<=${q(LM)})`,
      }));
      return `IF(${q(LM)}="","",IF(${terms.map(({ t, upTo }) => `ISNUMBER(${t})*${upTo}`).join('+')}=0,"",${terms.map(({ t, upTo }) => `N(${t})*${upTo}`).join('+')}))`;
    },
    lastValue: (e, indicator, y) => {
      const le = live?.enterprises[e];
      if (lastCached === '' || !live || !le) return '';
      const j = inds.findIndex((i) => i.name === indicator);
      // Monthly: months 1…上月 in month order, as the formula adds its terms (a masked or absent
      // month adds 0).
      return monthly
        ? sumAt(live.used, le.pos.slice(12 * y, 12 * y + lastCached), j)
        : figureAt(live.used, le.pos[2 + y], j);
    },
    lastMonth: q(LM),
    lastSchedule: q(LSCHED),
    lastCached: {
      month: lastCached === '' ? null : lastCached,
      schedule: lastScheduleCached,
    },
    monthlySum: (indicator, y) =>
      q(
        nSpan(
          nc.sum(
            inds.findIndex((i) => i.name === indicator),
            y,
          ),
        ),
      ),
    enterprise: {
      name: q(nSpan(nc.name)),
      group: q(nSpan(nc.group)),
      owner: q(nSpan(nc.owner)),
    },
    profileNames: q(`$${columnLetter(PC)}$${DATA_ROW}:$${columnLetter(PC)}$${profLast}`),
    profileValues: q(`$${columnLetter(PC + 1)}$${DATA_ROW}:$${columnLetter(PC + 12)}$${profLast}`),
    monthly,
    actuals: A !== undefined,
    counts: {
      ...Object.fromEntries(CHECK_KEYS.map((k) => [k, counts?.[k] ?? 0])),
      total: counts ? CHECK_KEYS.reduce((a, k) => a + counts[k], 0) : 0,
      firstUnmatched: counts?.firstUnmatched ?? '',
      unmatchedRows: counts?.unmatchedRows ?? [],
    } as HelperRefs['counts'],
  };
  const widths = new Array<number>(PC + 13).fill(9);
  widths[0] = 26;
  widths[1] = 12;
  return {
    sheet: {
      name: o.name,
      rows: S.rows,
      widths,
      freeze: { rows: DATA_ROW - 1, cols: 0 },
      print: a4Landscape(lang),
      note: o.note,
    },
    refs,
    free: { col: PC + 14, row: DATA_ROW },
  };
}
