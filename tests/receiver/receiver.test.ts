/**
 * tests/receiver — the travelling workbook (issue 8).
 *
 * README. A workbook Fenjie wrote is passed on to people who do not have Fenjie: they paste the
 * statistics bureau's new month into 实绩, change 参数, type numbers as text, sort and filter the
 * progress table. The live formulas of 序时进度 and 汇总 must then still show what the engine
 * would compute from the same inputs. Each case here:
 *
 *  1. builds the bundled example's input workbook and plans it with the CLI's `planFile`
 *     (out.xlsx, live formulas over 实绩);
 *  2. edits out.xlsx as the receiver would, with ExcelJS (which recalculates nothing), touching
 *     only the input sheets 实绩 and 参数 (case i instead sorts and filters 序时进度 in
 *     LibreOffice itself, through Python-UNO: tests/receiver/lo-sort-filter.py);
 *  3. lets LibreOffice recalculate every edited file from scratch (one `recalcMany` launch for
 *     all cases: a fresh profile that forces recalculation on load);
 *  4. plans the EDITED file again with `planFile --json`: the engine's reading of the same inputs;
 *  5. compares, by header text and never by column letter (the renderer's layout may change:
 *     harness.ts finds tables by their header rows), every enterprise, group and area row of
 *     序时进度 — 年度目标, 本年累计, 完成率, 差距, 同比增长, 预警 label, 区内排名 — and 汇总's row
 *     and flag counts per indicator with the engine's JSON (numbers within 1e-9 relative; the
 *     gap within 1e-8, the JSON's rounding), plus the number of enterprise rows per indicator and
 *     the report month the sheets state (报告期 cell, "YYYY年1-M月" titles).
 *
 * Reading the sheets (harness.ts `readProgressRows`): a header row is one with 本年累计 and 完成率
 * (or YTD and Completion) and a header containing 企业 / Enterprise; the table's columns are the
 * run of non-empty header cells around 本年累计. Below a header, every row whose 指标 cell names
 * one of the engine's indicators is a data row, across blank rows, check lines and repeated
 * headers (so a renderer may put group and area rows in a block of their own). Rows are keyed by
 * (indicator, name): a name of the engine's enterprises is an enterprise row; 全区合计 the area;
 * anything else a group (分组小计 + the 分组 column, or the group's own name). A key found twice,
 * missing, or unknown to the engine is a difference. The last test re-lays case a out (columns
 * reversed and shifted, aggregates in their own block behind blank rows and a check line) to
 * show the reading does not depend on the current layout, and changes one figure to show a
 * difference is caught.
 *
 * A failing case is a real defect of the outputs for that receiver, not of the test: nothing here
 * is marked as expected to fail. Case a (unchanged) proves the harness on the renderer of the
 * day. Case g compares with the engine's figures for the unedited inputs (a stranger must change
 * nothing) and asserts softly that the engine plans the edited file at all. Limits: ExcelJS
 * inserts rows without adjusting references to them, as Excel would (case e), so only
 * whole-column references are fair there; LibreOffice, not Excel, does the recalculation and the
 * sort. Cases m and n start from the example planned with 实绩口径 当月 (monthly figures summed
 * through the report month). Needs LibreOffice (soffice) and, for case i, python3-uno (installed
 * by .ci/run).
 * One soffice launch sorts (case i), one recalculates every case.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recalcMany, requireLibreOffice, type SheetValues } from '../helpers/libreoffice';
import {
  actuals,
  actualsRow,
  appendRows,
  compareWithEngine,
  editWorkbook,
  nextMonthRows,
  plan,
  plannedExample,
  progressHeader,
  setSetting,
  sortAndFilterWithLibreOffice,
  type ActualsLayout,
  type EngineJson,
} from './harness';

const YEAR = 2025; // the example's year; its actuals run through month 8
const dir = mkdtempSync(join(tmpdir(), 'fenjie-receiver-'));

/** The month-9 rows of every enterprise (month 8 × 1.1, cumulative). */
const month9 = (a: ActualsLayout): ExcelJS.CellValue[][] => nextMonthRows(a, YEAR, 8, 9, 1.1);

/** The bureau's month 9 appended to 实绩, then 参数 报告期 set to `report` (undefined: left at 8). */
const pasteMonth9 =
  (report?: number | null) =>
  (wb: ExcelJS.Workbook): void => {
    const a = actuals(wb);
    appendRows(a, month9(a));
    if (report !== undefined) setSetting(wb, '报告期', report);
  };

/** Set one cell of 实绩: the row of `name` for year-month, the column by header text. */
function setActual(
  a: ActualsLayout,
  name: string,
  month: number,
  /** 'year', 'month', 'enterprise', or an indicator's name */
  column: string,
  value: ExcelJS.CellValue,
): void {
  const r = actualsRow(a, name, YEAR, month);
  const col =
    column === 'year' || column === 'month' || column === 'enterprise'
      ? a[column]
      : a.indicators.get(column);
  if (col === undefined) throw new Error(`实绩 has no column ${column}`);
  a.ws.getRow(r).getCell(col).value = value;
}

/** "10,528.1": a number as a person types it with a thousands separator. */
const withSeparator = (v: number): string =>
  v.toLocaleString('en-US', { maximumFractionDigits: 6 });

interface Case {
  readonly id: string;
  readonly title: string;
  /** What the receiver did and why it matters. */
  readonly why: string;
  /** An edit of the input sheets (ExcelJS); absent for a plain ExcelJS round trip. */
  readonly edit?: (wb: ExcelJS.Workbook) => void;
  /** Case i: sort and filter 序时进度 in LibreOffice, hiding this group's rows. */
  readonly sortFilterHiding?: string;
  /**
   * The figures the sheets must show: the engine's for the edited inputs ('edited', the default),
   * or for the unedited ones ('unedited': the edit must change no figure).
   */
  readonly expect?: 'edited' | 'unedited';
  /** The error code with which the engine refuses the edited file (the planner's job to fix). */
  readonly refused?: string;
  /** Counts the live data check on 汇总 must show, by its Chinese label. */
  readonly checks?: Readonly<Record<string, number>>;
  /**
   * The workbook planned and passed on: the bundled example (cumulative actuals, the default), or
   * the same with 实绩口径 当月 (each row a month's own figure, summed through the report month).
   */
  readonly source?: 'monthly';
}

const CASES: readonly Case[] = [
  {
    id: 'a',
    title: 'unchanged (opened and saved, nothing edited)',
    why: 'The baseline: the receiver only opens and saves the file (an ExcelJS round trip). Must pass on any renderer, or the harness is wrong.',
  },
  {
    id: 'b',
    title: 'month 9 appended, 报告期 blank → the sheets move to 1-9月',
    why: 'The usual travelling workbook: the bureau’s new month is pasted at the bottom of 实绩 and 报告期 is left blank, which the contract says means "latest month in 实绩". The live sheets must follow to month 9 without the add-in.',
    edit: pasteMonth9(null),
  },
  {
    id: 'c',
    title: 'month 9 appended, 报告期 left at 8 → figures stay at month 8',
    why: 'The receiver pastes month 9 early but the report is still for 1-8月: an explicit 报告期 must win, and the new rows must not leak into month-8 figures.',
    edit: pasteMonth9(),
  },
  {
    id: 'd',
    title: 'month 9 appended, 报告期 set to 9',
    why: 'The receiver pastes month 9 and types 9 into 参数 报告期 — the input sheet the contract names for it, not the output sheet’s parameter row.',
    edit: pasteMonth9(9),
  },
  {
    id: 'e',
    title: '5 month-9 rows inserted mid-sheet in 实绩, the rest appended, 报告期 9',
    why: 'Receivers insert rows where they like (next to the enterprise’s earlier months). Ranges over 实绩 must see rows wherever they are. (ExcelJS shifts rows but, unlike Excel, adjusts no reference to them; whole-column references need none.)',
    edit: (wb) => {
      const a = actuals(wb);
      const rows = month9(a);
      const mid = Math.floor(a.ws.rowCount / 2);
      a.ws.spliceRows(mid, 0, ...rows.slice(0, 5));
      appendRows(a, rows.slice(5));
      setSetting(wb, '报告期', 9);
    },
  },
  {
    id: 'f',
    title:
      'dirty month 9: "10,528.1" as text, a trailing space, month "9" and year "2025" as text, 报告期 9',
    why: 'People type: a value with a thousands separator (text), a name with a trailing space, a month and a year typed as text. The engine reads them all (workbook-format.md, Numbers people type); the live formulas must too.',
    edit: (wb) => {
      const a = actuals(wb);
      appendRows(a, month9(a));
      const v = a.ws
        .getRow(actualsRow(a, '石普铝业', YEAR, 9))
        .getCell(a.indicators.get('工业总产值') ?? 0).value;
      setActual(a, '石普铝业', 9, '工业总产值', withSeparator(Number(v)));
      setActual(a, '友邦铝业', 9, 'enterprise', '友邦铝业 ');
      setActual(a, '卓尔五金', 9, 'month', '9');
      setActual(a, '浙南油茶', 9, 'year', String(YEAR));
      setSetting(wb, '报告期', 9);
    },
  },
  // f1–f4: each kind of dirt of case f alone, on a month-8 row with 报告期 left at 8, so that a
  // failure names the dirt and is not masked by the report month.
  {
    id: 'f1',
    title: 'dirty: a month-8 value retyped as text "9,300"',
    why: 'The number typed with a thousands separator is text to a spreadsheet; SUMIFS skips it, the engine reads 9300.',
    edit: (wb) => setActual(actuals(wb), '石普铝业', 8, '工业总产值', '9,300'),
  },
  {
    id: 'f2',
    title: 'dirty: a month-8 row’s name with a trailing space',
    why: 'A name retyped with a trailing space: the engine trims names (and matches the code); a criterion of the exact name does not.',
    edit: (wb) => setActual(actuals(wb), '友邦铝业', 8, 'enterprise', '友邦铝业 '),
  },
  {
    id: 'f3',
    title: 'dirty: a month-8 row’s month typed as text "8"',
    why: 'A month typed as text (or pasted from a text export) is still month 8 to the engine.',
    edit: (wb) => setActual(actuals(wb), '卓尔五金', 8, 'month', '8'),
  },
  {
    id: 'f4',
    title: 'dirty: a month-8 row’s year typed as text "2025"',
    why: 'A year typed as text is still 2025 to the engine.',
    edit: (wb) => setActual(actuals(wb), '浙南油茶', 8, 'year', String(YEAR)),
  },
  {
    id: 'g',
    title: 'an enterprise in 实绩 that is not in 企业',
    why: 'The bureau’s table lists an enterprise the plan does not know. It must change no figure, in particular no area total: the sheets are compared with the engine’s figures for the UNEDITED inputs. The live data check must count its three rows (months 7 and 8 of this year, 8 of last year) as matching no enterprise; the engine, re-splitting, refuses the file until the planner adds the enterprise or fixes the name.',
    expect: 'unedited',
    refused: 'UnknownEnterprise',
    // Appended below 实绩's 194 rows (1 header): rows 196, 197 and 198; the last is named.
    checks: { 未匹配企业的行: 3, '最末一个未匹配行（实绩）': 198 },
    edit: (wb) => {
      const a = actuals(wb);
      const row = (year: number, month: number, scale: number): ExcelJS.CellValue[] => {
        const v: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(a.width).fill(null);
        v[a.year - 1] = year;
        v[a.month - 1] = month;
        v[a.enterprise - 1] = '新星机械';
        for (const c of a.indicators.values()) v[c - 1] = 1000 * scale;
        return v;
      };
      appendRows(a, [row(YEAR, 7, 1), row(YEAR, 8, 1.2), row(YEAR - 1, 8, 0.9)]);
    },
  },
  {
    id: 'h',
    title: 'an enterprise renamed in 实绩, its credit code correct',
    why: 'The bureau spells the name differently (卓尔五金 → 卓尔五金有限公司) on every row but carries the right 统一社会信用代码: actuals match by code first, then by name.',
    edit: (wb) => {
      const a = actuals(wb);
      if (a.code === undefined) throw new Error('the example’s 实绩 has no credit-code column');
      for (let r = 2; r <= a.ws.rowCount; r++) {
        const cell = a.ws.getRow(r).getCell(a.enterprise);
        if (cell.value === '卓尔五金') cell.value = '卓尔五金有限公司';
      }
    },
  },
  {
    id: 'j',
    title:
      'a figure for an enterprise the plan left out of an indicator (浙南油茶 enters 规上 in August)',
    why: 'An enterprise with no part and no figure in an indicator has no row in it (not applicable is not 无数据). When the bureau later reports a figure for it, the live sheets cannot grow a row: they must change no figure and the data check must say a re-split is needed (the add-in’s status reads the same count).',
    expect: 'unedited',
    checks: { '新出现实绩的企业（请重新分解）': 1 },
    edit: (wb) => setActual(actuals(wb), '浙南油茶', 8, '规上工业产值', 3000),
  },
  {
    id: 'j7',
    title: 'the same enterprise with a figure for July only, last month (浙南油茶, 规上, July)',
    why: 'The change columns read last month’s rows too: a figure there for an enterprise with no row changes the engine’s last-month ranks and flags, which the live sheets cannot follow, so the data check must ask for a re-split just as for this month’s.',
    expect: 'unedited',
    checks: { '新出现实绩的企业（请重新分解）': 1 },
    edit: (wb) => setActual(actuals(wb), '浙南油茶', 7, '规上工业产值', 2500),
  },
  {
    id: 'k',
    title: 'a month-8 row pasted twice (the same figures at the bottom of 实绩)',
    why: 'A receiver pastes a month again. The live sheets read one row per enterprise and month (the lowest), so no figure doubles; the data check counts the repeat; the engine refuses the file until one row goes (DuplicateActual).',
    expect: 'unedited',
    refused: 'DuplicateActual',
    checks: { 同一企业同月重复: 1 },
    edit: (wb) => {
      const a = actuals(wb);
      const row = a.ws.getRow(actualsRow(a, '石塔线缆', YEAR, 8));
      const copy: ExcelJS.CellValue[] = [];
      for (let c = 1; c <= a.width; c++) copy.push(row.getCell(c).value);
      appendRows(a, [copy]);
    },
  },
  {
    id: 'l',
    title: 'rows with month 13, month 8.5 and the year 2023 appended',
    why: 'Typing slips in the bureau’s table: months outside 1–12 (or not whole) and a year that is neither this nor last. The live sheets must ignore those rows and the data check must count each kind (the check counts over the columns, not row by row); the engine refuses the file at those cells.',
    expect: 'unedited',
    refused: 'InvalidMonth',
    checks: { '月份不在1–12': 2, 年份不是本年或上年: 1 },
    edit: (wb) => {
      const a = actuals(wb);
      const row = (year: number, month: number): ExcelJS.CellValue[] => {
        const copy: ExcelJS.CellValue[] = [];
        const from = a.ws.getRow(actualsRow(a, '石塔线缆', YEAR, 8));
        for (let c = 1; c <= a.width; c++) copy.push(from.getCell(c).value);
        copy[a.year - 1] = year;
        copy[a.month - 1] = month;
        return copy;
      };
      appendRows(a, [row(YEAR, 13), row(YEAR, 8.5), row(YEAR - 2, 8)]);
    },
  },
  {
    id: 'i',
    title:
      'SORT + FILTER in LibreOffice: first table block of 序时进度 sorted by 完成率 desc, autofilter hiding 金属冶炼',
    why: 'The receiver sorts the progress table to see the best and worst, and filters it to a group: every figure must survive (a subtotal row caught in the sort moves into the range it sums). Done by LibreOffice itself, not ExcelJS. Inputs untouched.',
    sortFilterHiding: '金属冶炼',
  },
  {
    id: 'm',
    source: 'monthly',
    title: 'monthly actuals (实绩口径 当月): month 9 appended, 报告期 blank → sums through 9',
    why: 'Where the statistics bureau reports each month’s own figure, the live sheets sum months 1 to the report month: pasting month 9 must add it to every enterprise, group and area figure.',
    edit: pasteMonth9(null),
  },
  {
    id: 'n',
    source: 'monthly',
    title: 'monthly actuals, dirty month 9: "10,528.1" as text, month "9月", 报告期 9',
    why: 'The same people type the same dirt into a monthly 实绩: a figure with a thousands separator and a month with 月 must count in the monthly sums as the engine counts them.',
    edit: (wb) => {
      const a = actuals(wb);
      appendRows(a, month9(a));
      const v = a.ws
        .getRow(actualsRow(a, '石普铝业', YEAR, 9))
        .getCell(a.indicators.get('工业总产值') ?? 0).value;
      setActual(a, '石普铝业', 9, '工业总产值', withSeparator(Number(v)));
      setActual(a, '卓尔五金', 9, 'month', '9月');
      setSetting(wb, '报告期', 9);
    },
  },
];

interface Outcome {
  file: string;
  code: number;
  json: EngineJson | undefined;
  stderr: string[];
  values?: Map<string, SheetValues>;
  note?: unknown;
}

describe.runIf(requireLibreOffice())('the travelling workbook: receivers’ edits (issue 8)', () => {
  const outcomes = new Map<string, Outcome>();
  let failure: Error | undefined;

  beforeAll(async () => {
    const t0 = Date.now();
    const out = await plannedExample(dir, 'cumulative');
    const outMonthly = await plannedExample(dir, 'monthly');
    const edited = join(dir, 'edited');
    const replans = join(dir, 'replans');
    mkdirSync(edited);
    mkdirSync(replans);
    // Case i's LibreOffice run goes on beside the ExcelJS edits.
    const sorts = CASES.filter((c) => c.sortFilterHiding !== undefined).map(async (c) => {
      const file = join(edited, `${c.id}.xlsx`);
      const note = await sortAndFilterWithLibreOffice(out, file, c.sortFilterHiding ?? '');
      return { c, file, note };
    });
    const files = new Map<string, { file: string; note?: unknown }>();
    for (const c of CASES) {
      if (c.sortFilterHiding !== undefined) continue;
      const file = join(edited, `${c.id}.xlsx`);
      await editWorkbook(c.source === 'monthly' ? outMonthly : out, file, c.edit ?? (() => {}));
      files.set(c.id, { file });
    }
    try {
      for (const s of await Promise.all(sorts)) files.set(s.c.id, { file: s.file, note: s.note });
    } catch (error) {
      // Reported by case i; the other cases go on.
      failure =
        error instanceof Error ? error : new Error('LibreOffice sort failed', { cause: error });
    }
    const t1 = Date.now();
    for (const c of CASES) {
      const f = files.get(c.id);
      if (!f) continue;
      const r = await plan(f.file, join(replans, `${c.id}.xlsx`), join(replans, `${c.id}.json`));
      outcomes.set(c.id, { file: f.file, note: f.note, ...r });
    }
    const t2 = Date.now();
    const ids = [...outcomes.keys()];
    const recalculated = await recalcMany(ids.map((id) => outcomes.get(id)?.file ?? ''));
    ids.forEach((id, k) => {
      const o = outcomes.get(id);
      if (o) o.values = recalculated[k];
    });
    const t3 = Date.now();
    process.stderr.write(
      `receiver tests: plan + edits + LibreOffice sort ${((t1 - t0) / 1000).toFixed(1)} s, ` +
        `${ids.length} re-plans ${((t2 - t1) / 1000).toFixed(1)} s, ` +
        `one recalcMany of ${ids.length} files ${((t3 - t2) / 1000).toFixed(1)} s\n`,
    );
  }, 420_000);

  it.each(CASES.map((c) => [c.id, c.title, c] as const))('%s. %s', (_id, _title, c) => {
    if (c.sortFilterHiding !== undefined && failure !== undefined) throw failure;
    const o = outcomes.get(c.id);
    expect(o, `case ${c.id} was not prepared`).toBeDefined();
    if (!o) return;
    // The engine accepts the receiver's inputs, or refuses them with the expected code.
    if (c.refused === undefined)
      expect(
        { code: o.code, errors: o.json?.errors ?? [], stderr: o.stderr },
        `the engine plans the edited file of case ${c.id}`,
      ).toEqual({ code: 0, errors: [], stderr: [] });
    else expect(o.json?.errors.map((e) => e.code)).toContain(c.refused);
    for (const [label, n] of Object.entries(c.checks ?? {})) {
      const line = o.values?.get('汇总')?.find((l) => l[0] === label);
      expect(line?.[1], `汇总: ${label}`).toBe(n);
    }
    const engine = c.expect === 'unedited' ? outcomes.get('a')?.json : o.json;
    if (!engine || engine.errors.length > 0 || !o.values)
      throw new Error(`case ${c.id}: no engine figures to compare with, or no recalculated values`);
    const bad = compareWithEngine(o.values, engine);
    expect(
      {
        case: c.id,
        reportMonth: engine.reportMonth,
        differences: bad.length,
        first: bad.slice(0, 15),
      },
      c.why,
    ).toEqual({ case: c.id, reportMonth: engine.reportMonth, differences: 0, first: [] });
  });

  it('the cases edit what they say (the engine sees month 9 where it should)', () => {
    const month = (id: string): number | undefined => outcomes.get(id)?.json?.reportMonth;
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'h'].map((id) => [id, month(id)])).toEqual([
      ['a', 8],
      ['b', 9],
      ['c', 8],
      ['d', 9],
      ['e', 9],
      ['f', 9],
      ['h', 8],
    ]);
    // Month 9 of every enterprise reached the engine in b: its YTD of 工业总产值 grew by 10 %.
    const ytd = (id: string, name: string): number | null | undefined =>
      outcomes
        .get(id)
        ?.json?.progress.find((p) => p.indicator === '工业总产值' && p.enterprise === name)?.ytd;
    expect(ytd('b', '石塔线缆')).toBeCloseTo((ytd('a', '石塔线缆') ?? 0) * 1.1, 0);
    // f1: the engine read "9,300".
    expect(ytd('f1', '石普铝业')).toBe(9300);
    // m, n: monthly actuals reach month 9, and n's dirt is read as m's clean figures.
    expect(['m', 'n'].map((id) => [id, month(id)])).toEqual([
      ['m', 9],
      ['n', 9],
    ]);
    for (const name of ['石普铝业', '卓尔五金']) expect(ytd('n', name)).toBe(ytd('m', name));
    // i: LibreOffice really sorted (the names changed places) and the filter hid rows.
    const note = outcomes.get('i')?.note as
      | { namesBefore?: string[]; namesAfter?: string[]; filter?: { hiddenRows?: number[] } }
      | undefined;
    expect(note?.namesAfter?.length ?? 0).toBeGreaterThan(2);
    expect(note?.namesAfter).not.toEqual(note?.namesBefore);
    expect([...(note?.namesAfter ?? [])].sort()).toEqual([...(note?.namesBefore ?? [])].sort());
    expect(note?.filter?.hiddenRows?.length ?? 0).toBeGreaterThan(0);
  });

  it('the harness finds a wrong figure: one enterprise’s YTD off by one is one difference', () => {
    const a = outcomes.get('a');
    if (!a?.values || !a.json) throw new Error('case a was not prepared');
    const progress = a.values.get('序时进度') ?? [];
    expect(compareWithEngine(a.values, a.json)).toEqual([]);
    // The first enterprise row: the first row under a header whose first cell is a number (序号).
    const headers = progress.flatMap((line, r) => (progressHeader(line) ? [r] : []));
    const at = headers.map((h) => h + 1).find((r) => typeof progress[r]?.[0] === 'number');
    const cols = progressHeader(progress[(at ?? 1) - 1] ?? [])?.cols;
    if (at === undefined || cols?.ytd === undefined) throw new Error('no enterprise row');
    const changed = progress.map((line) => [...line]);
    const row = changed[at] as (typeof changed)[number];
    row[cols.ytd] = Number(row[cols.ytd]) + 1;
    const bad = compareWithEngine(new Map([...a.values, ['序时进度', changed]]), a.json);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/ytd/);
  });
});
