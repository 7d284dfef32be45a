/**
 * A plan → the description of the three output sheets (分解结果, 序时进度, 汇总).
 *
 * The allocation holds the engine's exact parts as values (with formula checks that they add up);
 * the progress and summary sheets are live formulas over 分解结果 and 实绩 with the engine's
 * numbers cached, so they stay right in Excel, WPS or LibreOffice without the add-in when actuals
 * are added or corrected. Only functions every one of them computes are used (SUMIFS, COUNTIFS,
 * SUMPRODUCT, IF, AND, OR, ISNUMBER, ROUND, RANK, CHOOSE, INDEX, MATCH, MAX, MIN, DATE, SUM,
 * COUNT, COUNTIF, SUBSTITUTE).
 */
import {
  enterpriseResolver,
  FLAGS,
  toExcelSerial,
  type Flag,
  type Lang,
  type Plan,
  type PlanInput,
} from '../engine';
import {
  EVEN,
  EVEN_NAMES,
  isEvenProfileName,
  plannedSchedule,
  type Profile,
} from '../engine/profile';
import type { ActualsLayout, InputLayout } from './read';
import { COLUMNS, FLAG_LABELS, METHODS, periodLabels, SHEETS } from './names';
import { generatedNote, type NoteOptions } from './note';
import {
  columnIndex,
  columnLetter,
  FLAG_COLORS,
  quoteSheet,
  type CellSpec,
  type CellValue,
  type ConditionalFormatSpec,
  type SheetSpec,
  type StyleName,
  type WorkbookSpec,
} from './spec';

/**
 * What the renderer needs besides the plan: the language and what the note says (`note.ts`);
 * whether the live inputs are static in the outputs is the renderer's to say.
 */
export type RenderOptions = Omit<NoteOptions, 'liveStatic'>;

const t = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

function val(v: CellValue, fmt?: string, style?: StyleName): CellSpec {
  const c: { v: CellValue; fmt?: string; style?: StyleName } = { v };
  if (fmt) c.fmt = fmt;
  if (style) c.style = style;
  return c;
}
function fx(f: string, v: CellValue | undefined, fmt?: string, style?: StyleName): CellSpec {
  const c: { f: string; v: CellValue; fmt?: string; style?: StyleName } = {
    f,
    v: v === undefined ? '' : v,
  };
  if (fmt) c.fmt = fmt;
  if (style) c.style = style;
  return c;
}
const num = (v: number | null | undefined): CellValue => (v === null || v === undefined ? '' : v);

const amountFormat = (decimals: number): string =>
  decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
const PCT = '0.0%';
const PTS = '0.0';
const RATIO = '0.00';

class Sheet {
  readonly rows: (CellSpec | null)[][] = [];
  /** Marks the formulas of rows from+1 … to (0-based) as copies of the row above. */
  copiesDown(from: number, to: number): void {
    for (let r = from + 1; r <= to; r++) {
      const row = this.rows[r] ?? [];
      row.forEach((c, col) => {
        // The cells are this renderer's own fresh objects: marking them in place is safe.
        if (c?.f !== undefined && this.rows[r - 1]?.[col]?.f !== undefined)
          (c as { down?: true }).down = true;
      });
    }
  }
  put(row: number, col: number, cell: CellSpec | null): void {
    // An empty value without a style is no cell at all.
    if (cell && cell.v === null && cell.f === undefined && cell.style === undefined) cell = null;
    while (this.rows.length <= row) this.rows.push([]);
    const r = this.rows[row] as (CellSpec | null)[];
    while (r.length < col) r.push(null);
    r[col] = cell;
  }
  line(row: number, cells: readonly (CellSpec | null)[]): void {
    cells.forEach((c, i) => this.put(row, i, c));
  }
}

/** The criterion text for an exact match in SUMIFS/COUNTIFS ("=" & cell, wildcards escaped). */
function exactCriterion(cellRef: string, needsEscape: boolean): string {
  if (!needsEscape) return `"="&${cellRef}`;
  return `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cellRef},"~","~~"),"*","~*"),"?","~?")`;
}

const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Whether live formulas over Actuals would see exactly the rows the engine used. */
export function actualsAreLive(input: PlanInput, layout: ActualsLayout | undefined): boolean {
  if (!layout) return false;
  const names = new Set(input.enterprises.map((e) => e.name));
  const codes = new Set(input.enterprises.flatMap((e) => (e.creditCode ? [e.creditCode] : [])));
  return layout.rows.every((r) => {
    if (!r.plain) return false;
    const code =
      typeof r.code === 'string'
        ? r.code
        : typeof r.code === 'number' || typeof r.code === 'boolean'
          ? String(r.code)
          : '';
    if (code !== '') return codes.has(code) || (typeof r.name === 'string' && names.has(r.name));
    return typeof r.name === 'string' && names.has(r.name);
  });
}

export function renderOutputs(
  plan: Plan,
  input: PlanInput,
  layout: InputLayout,
  o: RenderOptions,
): WorkbookSpec {
  const lang = o.lang;
  const allocationName = SHEETS.allocation[lang];
  const progressName = SHEETS.progress[lang];
  const summaryName = SHEETS.summary[lang];
  const live = actualsAreLive(input, layout.actuals);
  // Static YTD figures do not follow 实绩: the note says so, and a change of it makes them stale.
  const note = generatedNote({ ...o, liveStatic: !live });
  const enterprises = input.enterprises;
  const needsEscape = enterprises.some((e) => /[*?~]/.test(e.name) || /[*?~]/.test(e.group ?? ''));

  // ---------------------------------------------------------------- 分解结果 / Allocation
  const alloc = new Sheet();
  alloc.put(
    0,
    0,
    val(t(lang, `分解结果 — ${plan.year}年度`, `Allocation — ${plan.year}`), undefined, 'title'),
  );
  alloc.put(1, 0, val(note, undefined, 'note'));
  /** indicator → enterprise index → A1 cell of its annual part (relative, so rows copy down). */
  const partCell = new Map<string, string[]>();
  const checkRanges: string[] = [];
  /** 1-based row of the first enterprise in the first block: names, groups and owners live there. */
  let nameRow: number | undefined;
  /** Effective profile of each enterprise in each indicator's block (allocation cell). */
  const profileCell = new Map<string, string[]>();
  let r = 3;
  let maxPeriods = 4;
  for (const a of plan.allocations) {
    const ind = input.indicators.find((i) => i.name === a.indicator);
    const fmt = amountFormat(a.decimals);
    const labels = periodLabels(a.grid, lang);
    maxPeriods = Math.max(maxPeriods, labels.length);
    const P = labels.length;
    const annualCol = 4;
    const checkCol = annualCol + P + 1;
    const method = ind ? METHODS[ind.method][lang] : '';
    alloc.line(r, [
      val(`${a.indicator}（${a.unit}）`, undefined, 'section'),
      val(t(lang, '年度目标', 'Target'), undefined, 'section'),
      val(a.total, fmt, 'section'),
      val(t(lang, `分解方法：${method}`, `Method: ${method}`), undefined, 'section'),
      val(t(lang, `时间分布：${a.profile}`, `Profile: ${a.profile}`), undefined, 'section'),
    ]);
    const targetCell = `$C$${r + 1}`;
    r++;
    alloc.line(r, [
      val(COLUMNS.enterprise[lang], undefined, 'header'),
      val(COLUMNS.group[lang], undefined, 'header'),
      val(COLUMNS.owner[lang], undefined, 'header'),
      val(COLUMNS.profile[lang], undefined, 'header'),
      val(t(lang, '年度分解', 'Annual part'), undefined, 'header'),
      ...labels.map((l) => val(l, undefined, 'header')),
      val(t(lang, '分时合计校验', 'Periods check'), undefined, 'header'),
    ]);
    r++;
    const first = r;
    const last = r + a.rows.length - 1;
    const cells: string[] = [];
    const profiles: string[] = [];
    const firstBlock = nameRow === undefined;
    if (firstBlock) nameRow = r + 1;
    a.rows.forEach((row, i) => {
      const e = enterprises[i];
      const rr = r + 1;
      const periodsRange = `${columnLetter(annualCol + 1)}${rr}:${columnLetter(annualCol + P)}${rr}`;
      // The first block holds the names; later blocks refer to it (rows copy down, and a
      // renamed enterprise changes in one place).
      const ref = (col: string, v: string | undefined): CellSpec =>
        firstBlock ? val(v ?? null) : fx(`${col}${(nameRow as number) + i}&""`, v ?? '');
      alloc.line(r, [
        ref('A', row.enterprise),
        ref('B', row.group),
        ref('C', e?.owner),
        val(row.profile),
        val(row.annual, fmt),
        ...row.periods.map((p) => val(p, fmt)),
        fx(
          `ROUND(${columnLetter(annualCol)}${rr}-SUM(${periodsRange}),${a.decimals})`,
          0,
          fmt,
          'check',
        ),
      ]);
      cells.push(`${quoteSheet(allocationName)}!${columnLetter(annualCol)}${rr}`);
      profiles.push(`${quoteSheet(allocationName)}!D${rr}`);
      r++;
    });
    partCell.set(a.indicator, cells);
    profileCell.set(a.indicator, profiles);
    alloc.copiesDown(first, last);
    const span = (col: number): string =>
      `${columnLetter(col)}$${first + 1}:${columnLetter(col)}$${last + 1}`;
    const groups = [...new Set(a.rows.map((x) => x.group).filter((g): g is string => !!g))];
    for (const g of groups) {
      const rr = r + 1;
      const members = a.rows.filter((x) => x.group === g);
      const sumOf = (k: number): number =>
        members.reduce((s, x) => s + (k < 0 ? x.annual : (x.periods[k] as number)), 0);
      alloc.line(r, [
        val(t(lang, '小计', 'Subtotal'), undefined, 'subtotal'),
        val(g, undefined, 'subtotal'),
        null,
        null,
        ...[-1, ...labels.map((_, k) => k)].map((k, j) =>
          fx(
            `SUMIFS(${span(annualCol + j)},$B$${first + 1}:$B$${last + 1},${exactCriterion(`$B${rr}`, needsEscape)})`,
            round(sumOf(k), a.decimals),
            fmt,
            'subtotal',
          ),
        ),
      ]);
      r++;
    }
    const totalRow = r + 1;
    alloc.line(r, [
      val(t(lang, '合计', 'Total'), undefined, 'total'),
      null,
      null,
      null,
      fx(`SUM(${span(annualCol)})`, a.total, fmt, 'total'),
      ...a.periodTotals.map((p, k) => fx(`SUM(${span(annualCol + 1 + k)})`, p, fmt, 'total')),
      fx(
        `ROUND(${columnLetter(annualCol)}${totalRow}-SUM(${columnLetter(annualCol + 1)}${totalRow}:${columnLetter(annualCol + P)}${totalRow}),${a.decimals})`,
        0,
        fmt,
        'check',
      ),
    ]);
    r++;
    alloc.line(r, [
      val(
        t(lang, '校验：合计−年度目标（应为 0）', 'Check: total − target (must be 0)'),
        undefined,
        'check',
      ),
      null,
      null,
      null,
      fx(
        `ROUND(${columnLetter(annualCol)}${totalRow}-${targetCell},${a.decimals})`,
        0,
        fmt,
        'check',
      ),
    ]);
    checkRanges.push(
      `${columnLetter(annualCol)}${r + 1}`,
      `${columnLetter(checkCol)}${first + 1}:${columnLetter(checkCol)}${totalRow}`,
    );
    r += 2;
  }
  const allocationSheet: SheetSpec = {
    name: allocationName,
    rows: alloc.rows,
    widths: [18, 12, 12, 12, 14, ...new Array<number>(maxPeriods).fill(11), 12],
    freeze: { rows: 2, cols: 1 },
    print: { paper: 'A4', orientation: 'landscape', fitWidth: 1 },
    conditionalFormats: checkRanges.map((range) => ({
      range,
      rules: [
        {
          formula: `AND(ISNUMBER(${range.split(':')[0]}),${range.split(':')[0]}<>0)`,
          fill: FLAG_COLORS.seriouslyBehind.fill,
          font: FLAG_COLORS.seriouslyBehind.font,
        },
      ],
    })),
    note,
  };

  // ---------------------------------------------------------------- 序时进度 / Progress
  const prog = new Sheet();
  // When every actuals row names the enterprise it belongs to, matching by name alone finds
  // exactly the engine's rows, and the formulas can leave the credit code out (much shorter).
  const resolve = enterpriseResolver(input);
  const namesSuffice = input.actuals.every((a) => resolve(a) === a.enterprise);
  const act = layout.actuals;
  const days = input.settings.scheduleBasis === 'days';
  prog.put(
    0,
    0,
    val(
      t(
        lang,
        `序时进度 — ${plan.year}年1-${plan.reportMonth}月`,
        `Schedule progress — ${plan.year}, months 1-${plan.reportMonth}`,
      ),
      undefined,
      'title',
    ),
  );
  const staticNote = live
    ? ''
    : t(
        lang,
        ' 注意：实绩表含文本数字或无法按名称/代码直接匹配的行，本年累计和上年同期为静态值，补录实绩后请重新计算。',
        ' Note: Actuals holds numbers typed as text or rows that cannot be matched directly, so YTD and last-year figures are static values: recalculate after adding actuals.',
      );
  prog.put(1, 0, val(note + staticNote, undefined, 'note'));
  // Parameters row: the formulas below follow these cells, so changing the report month here
  // re-reads the actuals for another month.
  const P_MONTH = '$B$3',
    P_SCHED = '$D$3',
    P_BEHIND = '$F$3',
    P_SERIOUS = '$H$3',
    P_YEAR = '$J$3',
    P_ASOF = '$L$3';
  const asOfSerial = toExcelSerial(plan.asOf);
  prog.line(2, [
    val(t(lang, '报告期（月）', 'Report month'), undefined, 'param'),
    val(plan.reportMonth, '0', 'param'),
    val(t(lang, '序时进度', 'Time schedule'), undefined, 'param'),
    days
      ? fx(
          `MAX(0,MIN(1,(${P_ASOF}-DATE(${P_YEAR},1,1)+1)/(DATE(${P_YEAR},12,31)-DATE(${P_YEAR},1,1)+1)))`,
          plan.schedule,
          PCT,
          'param',
        )
      : fx(`${P_MONTH}/12`, plan.schedule, PCT, 'param'),
    val(t(lang, '滞后阈值（百分点）', 'Behind threshold (pts)'), undefined, 'param'),
    val(input.settings.behindThreshold, PTS, 'param'),
    val(t(lang, '严重滞后阈值（百分点）', 'Serious threshold (pts)'), undefined, 'param'),
    val(input.settings.seriousThreshold, PTS, 'param'),
    val(t(lang, '年度', 'Year'), undefined, 'param'),
    val(plan.year, '0', 'param'),
    ...(days
      ? [
          val(t(lang, '截至日期', 'As of'), undefined, 'param'),
          val(asOfSerial, 'yyyy-mm-dd', 'param'),
        ]
      : []),
  ]);
  const H = [
    [COLUMNS.indicator, 10],
    [{ zh: '企业/分组', en: 'Enterprise / group' }, 18],
    [COLUMNS.group, 10],
    [COLUMNS.owner, 10],
    [COLUMNS.target, 12],
    [{ zh: '本年累计', en: 'YTD' }, 12],
    [{ zh: '完成率', en: 'Completion' }, 9],
    [{ zh: '序时进度', en: 'Time schedule' }, 9],
    [{ zh: '计划进度', en: 'Planned' }, 9],
    [{ zh: '差距（百分点）', en: 'Gap (pts)' }, 9],
    [{ zh: '欠序时进度量', en: 'Shortfall' }, 11],
    [{ zh: '剩余月均需完成', en: 'Pace needed / month' }, 12],
    [{ zh: '已完成月均', en: 'Pace so far / month' }, 11],
    [{ zh: '需提速倍数', en: 'Pace ratio' }, 9],
    [{ zh: '上年同期', en: 'Same period last year' }, 12],
    [{ zh: '同比增长', en: 'Year on year' }, 9],
    [{ zh: '增速差（百分点）', en: 'Growth gap (pts)' }, 9],
    [{ zh: '预警', en: 'Flag' }, 11],
    [{ zh: '未达项', en: 'Failed tests' }, 10],
    [{ zh: '区内排名', en: 'Rank' }, 7],
    [{ zh: '组内排名', en: 'Rank in group' }, 7],
    [{ zh: '同口径本期', en: 'Like-for-like YTD' }, 10],
    [{ zh: '同口径上年', en: 'Like-for-like last year' }, 10],
    [COLUMNS.creditCode, 20],
  ] as const;
  const HEADER_ROW = 4;
  prog.line(
    HEADER_ROW,
    H.map(([n]) => val(n[lang], undefined, 'header')),
  );
  const C = {
    ind: 'A',
    name: 'B',
    group: 'C',
    owner: 'D',
    target: 'E',
    ytd: 'F',
    compl: 'G',
    sched: 'H',
    planned: 'I',
    gap: 'J',
    short: 'K',
    need: 'L',
    so: 'M',
    ratio: 'N',
    last: 'O',
    yoy: 'P',
    ggap: 'Q',
    flag: 'R',
    failed: 'S',
    rank: 'T',
    grank: 'U',
    likeCur: 'V',
    likeLast: 'W',
    code: 'X',
  } as const;
  const flagWords = FLAGS.filter((f) => f !== 'noData').map((f) => str(FLAG_LABELS[f][lang]));
  const noData = str(FLAG_LABELS.noData[lang]);
  const failedWords = {
    s: t(lang, '序时', 'schedule'),
    g: t(lang, '增速', 'growth'),
    sep: t(lang, '、', ', '),
  };
  const failedText = (failed: readonly string[]): string =>
    failed.map((f) => (f === 'schedule' ? failedWords.s : failedWords.g)).join(failedWords.sep);
  const flagLabel = (f: Flag): string => FLAG_LABELS[f][lang];
  // Cells of an enterprise's name, group and owner: the first allocation block when there is one.
  const nameRef = (col: 'A' | 'B' | 'C', i: number, v: string | undefined): CellSpec =>
    nameRow === undefined
      ? val(v ?? null)
      : fx(`${quoteSheet(allocationName)}!${col}${nameRow + i}&""`, v ?? '');
  // The profile table (right of the progress table): each profile's planned schedule through
  // month 1 … 12, which the planned-schedule formulas look up.
  const PT_COL = 27;
  const tableProfiles: Profile[] = [
    ...Object.values(EVEN_NAMES).map((name) => ({ ...EVEN, name })),
    ...input.profiles.filter((p) => !isEvenProfileName(p.name)),
  ];
  prog.put(
    HEADER_ROW,
    PT_COL,
    val(t(lang, '时间分布（计划进度累计）', 'Profile (planned, cumulative)'), undefined, 'header'),
  );
  for (let m = 1; m <= 12; m++)
    prog.put(HEADER_ROW, PT_COL + m, val(t(lang, `至${m}月`, `to M${m}`), undefined, 'header'));
  tableProfiles.forEach((p, k) => {
    prog.put(HEADER_ROW + 1 + k, PT_COL, val(p.name));
    for (let m = 1; m <= 12; m++)
      prog.put(HEADER_ROW + 1 + k, PT_COL + m, val(plannedSchedule(p, m), PCT));
  });
  const ptFirst = HEADER_ROW + 2;
  const ptLast = HEADER_ROW + 1 + tableProfiles.length;
  const PT = {
    names: `$${columnLetter(PT_COL)}$${ptFirst}:$${columnLetter(PT_COL)}$${ptLast}`,
    values: `$${columnLetter(PT_COL + 1)}$${ptFirst}:$${columnLetter(PT_COL + 12)}$${ptLast}`,
  };
  const summaryRefs: { indicator: string; areaRow: number; first: number; last: number }[] = [];
  const flagRanges: string[] = [];
  let pr = HEADER_ROW + 1;
  for (const ip of plan.progress) {
    const ind = input.indicators.find((i) => i.name === ip.indicator);
    if (!ind) continue;
    const isRate = ip.kind === 'rate';
    const higher = ip.direction === 'higher';
    const fmt = amountFormat(ind.decimals);
    const first = pr + 1;
    const last = pr + ip.rows.length;
    const span = (col: string): string => `${col}$${first}:${col}$${last}`;
    const valueCol = act?.values[ind.name];
    const liveInd = live && act !== undefined && valueCol !== undefined;
    // Actuals sums for one row: year offset 0 (this year) or 1 (last year).
    const actualsSum = (row: number, yearOffset: 0 | 1): string => {
      const A = act as ActualsLayout;
      const colRef = (c: number): string =>
        `${quoteSheet(A.sheet)}!$${columnLetter(c)}:$${columnLetter(c)}`;
      const V = colRef(valueCol as number);
      const base = [
        colRef(A.year),
        yearOffset ? `${P_YEAR}-1` : P_YEAR,
        colRef(A.month),
        input.settings.actualsBasis === 'monthly' ? `"<="&${P_MONTH}` : P_MONTH,
      ];
      const nameCrit = [colRef(A.enterprise), exactCriterion(`$${C.name}${row}`, needsEscape)];
      const countOf = (crit: string[]): string => `COUNTIFS(${[...crit, V, '"<>"'].join(',')})`;
      const sumOf = (crit: string[]): string => `SUMIFS(${[V, ...crit].join(',')})`;
      if (A.creditCode === undefined || namesSuffice)
        return `IF(${countOf([...base, ...nameCrit])}=0,"",${sumOf([...base, ...nameCrit])})`;
      // With a code: the rows with that code, plus the rows without a code that carry the name
      // (the engine's matching). The code is matched as text (code&"*"): an all-digit code would
      // otherwise be compared as a number, to 15 digits.
      const codeCell = `$${C.code}${row}`;
      const byCode = [...base, colRef(A.creditCode), `${codeCell}&"*"`];
      const blankCodeByName = [...base, colRef(A.creditCode), '""', ...nameCrit];
      const pick = (f: (c: string[]) => string, join: string): string =>
        `IF(${codeCell}="",${f([...base, ...nameCrit])},${f(byCode)}${join}${f(blankCodeByName)})`;
      return `IF(${pick(countOf, '+')}=0,"",${pick(sumOf, '+')})`;
    };
    // Formulas shared by enterprise, group and area rows.
    const common = (
      row: number,
      f: {
        completion: number | null;
        gap: number | null;
        shortfall: number | null;
        paceNeeded: number | null;
        paceSoFar: number | null;
        paceRatio: number | null;
        yoy: number | null;
        growthGap: number | null;
        flag: Flag;
        failed: readonly string[];
      },
    ): Record<string, CellSpec> => {
      const x = (c: string): string => `${c}${row}`;
      const level = (gapCell: string, enabled: boolean): string => {
        if (!enabled) return '-1';
        const bad = higher ? `-${gapCell}` : gapCell;
        return `IF(${gapCell}="",-1,IF(${bad}<=0,0,IF(${bad}<=${P_BEHIND},1,IF(${bad}<=${P_SERIOUS},2,3))))`;
      };
      const hasGrowth = isRate || ind.targetGrowth !== undefined;
      // Levels of the two tests: −1 no test, 0 ahead, 1 slightly behind, 2 behind, 3 seriously.
      const sevS = isRate ? '-1' : level(x(C.gap), true);
      const sevG = level(x(C.ggap), hasGrowth);
      const worst = `MAX(${sevS},${sevG})`;
      const dataCell = isRate ? x(C.yoy) : x(C.ytd);
      const out: Record<string, CellSpec> = {
        [C.yoy]: fx(
          `IF(OR(${x(C.likeCur)}="",${x(C.likeLast)}="",${x(C.likeLast)}=0),"",${x(C.likeCur)}/${x(C.likeLast)}-1)`,
          num(f.yoy),
          PCT,
        ),
        [C.ggap]: hasGrowth
          ? fx(
              `IF(${x(C.yoy)}="","",ROUND((${x(C.yoy)}-${isRate ? x(C.target) : String(ind.targetGrowth)})*100,6))`,
              num(f.growthGap),
              PTS,
            )
          : val(null),
        [C.flag]: fx(
          `IF(${dataCell}="",${noData},IF(${worst}<0,${noData},CHOOSE(${worst}+1,${flagWords.join(',')})))`,
          flagLabel(f.flag),
        ),
        [C.failed]: fx(
          `IF(${dataCell}="","",IF(AND(${sevS}>0,${sevG}>0),${str(failedWords.s + failedWords.sep + failedWords.g)},IF(${sevS}>0,${str(failedWords.s)},IF(${sevG}>0,${str(failedWords.g)},""))))`,
          failedText(f.failed),
        ),
      };
      if (isRate) {
        out[C.gap] = fx(`${x(C.ggap)}`, num(f.gap), PTS);
        for (const c of [C.compl, C.sched, C.planned, C.short, C.need, C.so, C.ratio])
          out[c] = val(null);
      } else {
        out[C.compl] = fx(
          `IF(OR(${x(C.ytd)}="",${x(C.target)}=0),"",${x(C.ytd)}/${x(C.target)})`,
          num(f.completion),
          PCT,
        );
        out[C.sched] = fx(P_SCHED, plan.schedule, PCT);
        out[C.gap] = fx(
          `IF(${x(C.compl)}="","",ROUND((${x(C.compl)}-${x(C.sched)})*100,6))`,
          num(f.gap),
          PTS,
        );
        out[C.short] = fx(
          `IF(${x(C.ytd)}="","",${x(C.target)}*${x(C.sched)}-${x(C.ytd)})`,
          num(f.shortfall),
          fmt,
        );
        out[C.need] = fx(
          `IF(OR(${x(C.ytd)}="",${P_MONTH}>=12),"",(${x(C.target)}-${x(C.ytd)})/(12-${P_MONTH}))`,
          num(f.paceNeeded),
          fmt,
        );
        out[C.so] = fx(
          `IF(OR(${x(C.ytd)}="",${P_MONTH}<=0),"",${x(C.ytd)}/${P_MONTH})`,
          num(f.paceSoFar),
          fmt,
        );
        out[C.ratio] = fx(
          `IF(OR(${x(C.need)}="",${x(C.so)}=""),"",IF(${x(C.so)}=0,"",${x(C.need)}/${x(C.so)}))`,
          num(f.paceRatio),
          RATIO,
        );
      }
      return out;
    };
    const place = (row0: number, cells: Record<string, CellSpec>): void => {
      for (const [col, cell] of Object.entries(cells)) prog.put(row0, columnIndex(col), cell);
    };
    // Enterprise rows.
    ip.rows.forEach((f) => {
      const i = f.index;
      const row = pr + 1;
      const e = enterprises[i];
      const x = (c: string): string => `${c}${row}`;
      const part = partCell.get(ind.name)?.[i];
      const cells: Record<string, CellSpec> = {
        [C.ind]: val(ind.name),
        [C.name]: nameRef('A', i, f.enterprise),
        [C.group]: nameRef('B', i, f.group),
        [C.owner]: nameRef('C', i, e?.owner),
        // The code is needed only when formulas match actuals by code.
        [C.code]: val(namesSuffice ? null : (e?.creditCode ?? null)),
        [C.target]: isRate
          ? val(f.target, PCT)
          : part
            ? fx(part, f.target, fmt)
            : val(f.target, fmt),
        [C.ytd]: liveInd ? fx(actualsSum(row, 0), num(f.ytd), fmt) : val(num(f.ytd), fmt),
        [C.last]: liveInd ? fx(actualsSum(row, 1), num(f.lastYtd), fmt) : val(num(f.lastYtd), fmt),
        [C.likeCur]: fx(
          `IF(AND(ISNUMBER(${x(C.ytd)}),ISNUMBER(${x(C.last)})),${x(C.ytd)},"")`,
          f.ytd !== null && f.lastYtd !== null ? f.ytd : '',
          fmt,
        ),
        [C.likeLast]: fx(
          `IF(AND(ISNUMBER(${x(C.ytd)}),ISNUMBER(${x(C.last)})),${x(C.last)},"")`,
          f.ytd !== null && f.lastYtd !== null ? f.lastYtd : '',
          fmt,
        ),
        [C.rank]: fx(
          `IF(ISNUMBER(${x(isRate ? C.yoy : C.compl)}),RANK(${x(isRate ? C.yoy : C.compl)},${span(isRate ? C.yoy : C.compl)},${higher ? 0 : 1}),"")`,
          num(f.rank),
        ),
        [C.grank]: f.group
          ? fx(
              `IF(ISNUMBER(${x(isRate ? C.yoy : C.compl)}),SUMPRODUCT((${span(C.group)}=${x(C.group)})*ISNUMBER(${span(isRate ? C.yoy : C.compl)})*(${span(isRate ? C.yoy : C.compl)}${higher ? '>' : '<'}${x(isRate ? C.yoy : C.compl)}))+1,"")`,
              num(f.groupRank),
            )
          : val(null),
        ...common(row, f),
      };
      const profileAt = profileCell.get(ind.name)?.[i];
      if (!isRate && profileAt) {
        // The enterprise's effective profile (its block in 分解结果) looked up in the profile table.
        cells[C.planned] = fx(
          `IF(${P_MONTH}<1,0,INDEX(${PT.values},MATCH(${profileAt},${PT.names},0),MIN(12,${P_MONTH})))`,
          num(f.planned),
          PCT,
        );
      }
      place(pr, cells);
      pr++;
    });
    prog.copiesDown(first - 1, last - 1);
    // Group and area rows: summed totals, never averaged percentages.
    const aggregates = [...ip.groups, ip.area];
    for (const g of aggregates) {
      const row = pr + 1;
      const isArea = g.group === null;
      const inGroup = `(${span(C.group)}=$${C.group}${row})`;
      const sumOrBlank = (col: string): string =>
        isArea
          ? `IF(COUNT(${span(col)})=0,"",SUM(${span(col)}))`
          : `IF(SUMPRODUCT(${inGroup}*ISNUMBER(${span(col)}))=0,"",SUMIFS(${span(col)},${span(C.group)},${exactCriterion(`$${C.group}${row}`, needsEscape)}))`;
      const style: StyleName = isArea ? 'total' : 'subtotal';
      const cells: Record<string, CellSpec> = {
        [C.ind]: val(ind.name, undefined, style),
        [C.name]: val(
          isArea ? t(lang, '全区合计', 'Area total') : t(lang, '分组小计', 'Group subtotal'),
          undefined,
          style,
        ),
        [C.group]: val(g.group ?? null, undefined, style),
        [C.owner]: val(null, undefined, style),
        [C.target]: isRate
          ? val(g.target, PCT, style)
          : fx(
              isArea
                ? `SUM(${span(C.target)})`
                : `SUMIFS(${span(C.target)},${span(C.group)},${exactCriterion(`$${C.group}${row}`, needsEscape)})`,
              g.target,
              fmt,
              style,
            ),
        [C.ytd]: fx(sumOrBlank(C.ytd), num(g.ytd), fmt, style),
        [C.last]: fx(sumOrBlank(C.likeLast), num(g.lastYtd), fmt, style),
        [C.likeCur]: fx(sumOrBlank(C.likeCur), num(g.ytdLike), fmt, style),
        [C.likeLast]: fx(sumOrBlank(C.likeLast), num(g.lastYtd), fmt, style),
        [C.rank]: val(null, undefined, style),
        [C.grank]: val(null, undefined, style),
        ...common(row, g),
      };
      if (!isRate) {
        cells[C.planned] = fx(
          isArea
            ? `IF(${C.target}${row}=0,"",SUMPRODUCT(${span(C.target)},${span(C.planned)})/${C.target}${row})`
            : `IF(${C.target}${row}=0,"",SUMPRODUCT(${inGroup}*${span(C.target)}*${span(C.planned)})/${C.target}${row})`,
          num(g.planned),
          PCT,
        );
      }
      for (const [col, cell] of Object.entries(cells)) {
        if (cell.style === undefined && col !== C.flag) cells[col] = { ...cell, style };
      }
      place(pr, cells);
      pr++;
    }
    summaryRefs.push({ indicator: ind.name, areaRow: pr, first, last });
    flagRanges.push(`${C.flag}${first}:${C.flag}${pr}`);
    pr++; // a blank row between indicators
  }
  const flagRules = (cell: string): ConditionalFormatSpec['rules'] =>
    FLAGS.map((f) => ({
      formula: `${cell}=${str(FLAG_LABELS[f][lang])}`,
      fill: FLAG_COLORS[f].fill,
      font: FLAG_COLORS[f].font,
    }));
  const progressSheet: SheetSpec = {
    name: progressName,
    rows: prog.rows,
    widths: [...H.map(([, w]) => w), 2, 16, ...new Array<number>(12).fill(7)],
    freeze: { rows: HEADER_ROW + 1, cols: 2 },
    print: { paper: 'A4', orientation: 'landscape', fitWidth: 1 },
    conditionalFormats: flagRanges.map((range) => ({
      range,
      rules: flagRules(range.split(':')[0] as string),
    })),
    note,
  };

  // ---------------------------------------------------------------- 汇总 / Summary
  const sum = new Sheet();
  sum.put(
    0,
    0,
    val(
      t(
        lang,
        `汇总 — ${plan.year}年1-${plan.reportMonth}月`,
        `Summary — ${plan.year}, months 1-${plan.reportMonth}`,
      ),
      undefined,
      'title',
    ),
  );
  sum.put(1, 0, val(note, undefined, 'note'));
  const SH: [{ zh: string; en: string }, number][] = [
    [COLUMNS.indicator, 14],
    [COLUMNS.unit, 8],
    [COLUMNS.target, 12],
    [{ zh: '本年累计', en: 'YTD' }, 12],
    [{ zh: '完成率', en: 'Completion' }, 9],
    [{ zh: '序时进度', en: 'Time schedule' }, 9],
    [{ zh: '差距（百分点）', en: 'Gap (pts)' }, 9],
    [{ zh: '同比增长', en: 'Year on year' }, 9],
    [COLUMNS.targetGrowth, 9],
    [{ zh: '预警', en: 'Flag' }, 11],
    [{ zh: '未达项', en: 'Failed tests' }, 10],
    ...FLAGS.map((f) => [FLAG_LABELS[f], 8] as [{ zh: string; en: string }, number]),
    [{ zh: '企业数', en: 'Enterprises' }, 8],
  ];
  sum.line(
    3,
    SH.map(([n]) => val(n[lang], undefined, 'header')),
  );
  const pref = (col: string, row: number): string => `${quoteSheet(progressName)}!${col}${row}`;
  plan.progress.forEach((ip, k) => {
    const ref = summaryRefs.find((s) => s.indicator === ip.indicator);
    const ind = input.indicators.find((i) => i.name === ip.indicator);
    if (!ref || !ind) return;
    const fmt = amountFormat(ind.decimals);
    const a = ip.area;
    const row = 4 + k;
    const flagsRange = `${quoteSheet(progressName)}!${C.flag}${ref.first}:${C.flag}${ref.last}`;
    sum.line(row, [
      val(ip.indicator),
      val(ip.unit),
      fx(pref(C.target, ref.areaRow), a.target, ip.kind === 'rate' ? PCT : fmt),
      fx(pref(C.ytd, ref.areaRow), num(a.ytd), fmt),
      ip.kind === 'rate' ? val(null) : fx(pref(C.compl, ref.areaRow), num(a.completion), PCT),
      ip.kind === 'rate' ? val(null) : fx(pref(C.sched, ref.areaRow), plan.schedule, PCT),
      fx(pref(C.gap, ref.areaRow), num(a.gap), PTS),
      fx(pref(C.yoy, ref.areaRow), num(a.yoy), PCT),
      ip.kind === 'rate' ? val(a.target, PCT) : val(ind.targetGrowth ?? null, PCT),
      fx(pref(C.flag, ref.areaRow), flagLabel(a.flag)),
      fx(pref(C.failed, ref.areaRow), failedText(a.failed)),
      ...FLAGS.map((f) =>
        fx(`COUNTIF(${flagsRange},${str(FLAG_LABELS[f][lang])})`, ip.counts[f], '0'),
      ),
      val(ip.rows.length, '0'),
    ]);
  });
  const lastSummaryRow = 4 + plan.progress.length;
  const summarySheet: SheetSpec = {
    name: summaryName,
    rows: sum.rows,
    widths: SH.map(([, w]) => w),
    freeze: { rows: 4, cols: 1 },
    print: { paper: 'A4', orientation: 'landscape', fitWidth: 1 },
    conditionalFormats:
      plan.progress.length > 0 ? [{ range: `J5:J${lastSummaryRow}`, rules: flagRules('J5') }] : [],
    note,
  };
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return {
    sheets: [allocationSheet, progressSheet, summarySheet],
    remove: [SHEETS.allocation[other], SHEETS.progress[other], SHEETS.summary[other]],
  };
}

const round = (v: number, d: number): number => Number(v.toFixed(d));
