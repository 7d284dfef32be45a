/**
 * What the helper sheet's formulas compute from 实绩, computed here in the same way, so that every
 * helper cell is written with its true cached result (a file previewer shows caches; a
 * spreadsheet that recalculates only what an edit touches builds on them) and the data check's
 * counts are right before anyone recalculates.
 *
 * Each function mirrors one formula of helper.ts; the spreadsheet semantics kept are those the
 * formulas rely on: TRIM (ends trimmed, inner runs of spaces made one), `--text` (a plain decimal
 * number, thousands commas, a trailing %), MATCH(…,0) on text (case-insensitive, first hit).
 */
import { toExcelSerial, type PlanInput } from '../../engine';
import type { RawCell } from '../grid';
import { scalarOf } from '../cells';

/** A cell's value as a formula sees it: number, text, boolean or blank (""). */
export function cellValue(c: RawCell | undefined): number | string | boolean {
  const v = scalarOf(c);
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && 'date' in v)
    return toExcelSerial((v as { date: Parameters<typeof toExcelSerial>[0] }).date);
  if (typeof v === 'object' && 'y' in v)
    return toExcelSerial(v as Parameters<typeof toExcelSerial>[0]);
  return '';
}

/** TRIM(x). */
export function trim(x: number | string | boolean): string {
  if (typeof x === 'number') return numberText(x);
  if (typeof x === 'boolean') return x ? 'TRUE' : 'FALSE';
  return x.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

const numberText = (x: number): string => String(Number(x.toPrecision(15)));

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?%?$/;

/** `--text`: the number, or undefined where the spreadsheet gives #VALUE!. */
export function toNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const plain = THOUSANDS.test(s) ? s.replace(/,/g, '') : s;
  if (!NUMBER.test(plain)) return undefined;
  const pct = plain.endsWith('%');
  const n = Number(pct ? plain.slice(0, -1) : plain);
  return Number.isFinite(n) ? (pct ? n / 100 : n) : undefined;
}

/** IFERROR(--TRIM(x),""). */
export const readYear = (x: number | string | boolean): number | '' => toNumber(trim(x)) ?? '';

/** Dashes of a month range ("1－8月", "1至8月"), read as "-" (the engine's month reader takes them). */
export const MONTH_DASHES = ['－', '—', '–', '~', '～', '至'] as const;

/**
 * The row table's month: a number as it is; text: the last part of TRIM(x) without 月 after a dash (the dashes of
 * MONTH_DASHES read as "-"; `TRIM(RIGHT(SUBSTITUTE(c,"-",REPT(" ",9)),9))`), as a whole month 1–12;
 * else "" for a blank cell and "x" for anything else.
 */
export function readMonth(x: number | string | boolean): number | '' | 'x' {
  // A number is read as it is (IF(ISNUMBER(x),IFERROR(MATCH(x,{1,…,12},0),"x"),…)): most months
  // are typed as numbers, and the text path costs a receiver's recalculation ten functions a row.
  if (typeof x === 'number') return Number.isInteger(x) && x >= 1 && x <= 12 ? x : 'x';
  const s = trim(x);
  const c = MONTH_DASHES.reduce((t, d) => t.split(d).join('-'), s.replace(/月/g, ''));
  const m = toNumber(trim(c.split('-').join(' '.repeat(9)).slice(-9)));
  if (m !== undefined && Number.isInteger(m) && m >= 1 && m <= 12) return m;
  return s === '' ? '' : 'x';
}

/** IF(ISNUMBER(x),x,IF(TRIM(x)="","",IFERROR(--(TRIM(x) without , ， and spaces),""))). */
export function readValue(x: number | string | boolean): number | '' {
  if (typeof x === 'number') return x;
  const s = trim(x);
  if (s === '') return '';
  return toNumber(s.replace(/[,， ]/g, '')) ?? '';
}

/** One row of 实绩 as the helper reads it. */
export interface LiveRow {
  readonly year: number | '';
  readonly month: number | '' | 'x';
  /**
   * 1 when a year or a month was read. This and the two flags below are not helper cells: the
   * data check counts them over the year and month columns (COUNT, COUNTIF, COUNTIFS).
   */
  readonly filled: 0 | 1;
  readonly latest: number;
  /** Cumulative actuals: 0 this year's report month, 1 last year's, 2 this year's month before,
   * 3 last year's month before; monthly: month 1–12 of this year, 13–24 of last year (months up
   * to the report month). */
  readonly slot: number | '';
  readonly seq: number;
  readonly badMonth: 0 | 1;
  readonly badYear: 0 | 1;
}

/** One used row (a row with a slot), matched to an enterprise. */
export interface UsedRow {
  /** Position in the row table (1-based). */
  readonly pos: number;
  readonly slot: number;
  readonly name: string;
  readonly code: string;
  readonly byName: number;
  readonly byCode: number;
  /** 1-based enterprise, 0 when none matches. */
  readonly e: number;
  readonly values: readonly (number | '')[];
  readonly key: number | '';
  readonly bad: number;
  /** 1 when an earlier used row has the same enterprise and slot. */
  readonly dup: 0 | 1;
}

export interface LiveEnterprise {
  /** The used row of each slot: 4 ("" when none) or, for monthly actuals, 24 (0 when none). */
  readonly pos: readonly (number | '')[];
  readonly falls: readonly number[];
  /** Monthly actuals: each indicator's sum this year and last ("" when no month has a number). */
  readonly sums?: readonly (readonly [number | '', number | ''])[];
}

export interface LiveActuals {
  readonly rows: readonly LiveRow[];
  readonly used: readonly UsedRow[];
  readonly enterprises: readonly LiveEnterprise[];
  readonly latest: number;
}

export interface LiveSource {
  /** Cells of 实绩's data rows, in order (row 0 = the first row after the header). */
  readonly rows: readonly (readonly RawCell[])[];
  readonly year: number;
  readonly month: number;
  readonly enterprise: number;
  readonly creditCode?: number;
  /** Each indicator's column (undefined when 实绩 has none). */
  readonly valueCols: readonly (number | undefined)[];
}

/** The helper's tables for year `Y`, report month `M` (0 = the latest month in 实绩). */
export function liveActuals(
  src: LiveSource,
  input: PlanInput,
  Y: number,
  setMonth: number | undefined,
  monthly: boolean,
  rowCount: number,
): LiveActuals {
  const at = (r: number, c: number | undefined): number | string | boolean =>
    c === undefined ? '' : cellValue(src.rows[r]?.[c]);
  const base = Array.from({ length: rowCount }, (_, r) => {
    const year = readYear(at(r, src.year));
    const month = readMonth(at(r, src.month));
    // A year read, or a month cell not blank.
    const filled: 0 | 1 = year === '' && month === '' ? 0 : 1;
    // IF(year=Y,N(month),0).
    const latest = year === Y && typeof month === 'number' ? month : 0;
    return { year, month, filled, latest };
  });
  const latest = base.reduce((m, b) => Math.max(m, b.latest), 0);
  const M = setMonth ?? latest;
  let seq = 0;
  const rows: LiveRow[] = base.map(({ year, month, filled, latest: l }) => {
    let slot: number | '' = '';
    if (monthly) {
      if (typeof month === 'number' && month <= M)
        slot = year === Y ? month : year === Y - 1 ? 12 + month : '';
    } else if (year === Y) slot = month === M ? 0 : month === M - 1 ? 2 : '';
    else if (year === Y - 1) slot = month === M ? 1 : month === M - 1 ? 3 : '';
    if (slot !== '') seq++;
    const blank = filled === 0;
    const badMonth: 0 | 1 = blank || typeof month === 'number' ? 0 : 1;
    const badYear: 0 | 1 = blank ? 0 : year === Y || year === Y - 1 ? 0 : 1;
    return { year, month, filled, latest: l, slot, seq, badMonth, badYear };
  });
  const lower = (s: string): string => s.toLowerCase();
  const names = new Map<string, number>();
  const codes = new Map<string, number>();
  input.enterprises.forEach((e, i) => {
    const n = lower(e.name);
    if (!names.has(n)) names.set(n, i + 1);
    const c = lower(e.creditCode ?? '');
    if (c !== '' && !codes.has(c)) codes.set(c, i + 1);
  });
  // Used rows from the bottom of 实绩 up (the helper's order): an enterprise's first used row is
  // its latest, so the later of two rows for one month wins, as in the engine.
  const used: Omit<UsedRow, 'dup'>[] = [];
  [...rows.entries()].reverse().forEach(([r, row]) => {
    if (row.slot === '') return;
    const name = trim(at(r, src.enterprise));
    const code = src.creditCode === undefined ? '' : trim(at(r, src.creditCode));
    const byCode = code === '' ? 0 : (codes.get(lower(code)) ?? 0);
    const byName = name === '' || byCode > 0 ? 0 : (names.get(lower(name)) ?? 0);
    const named = input.enterprises[byName - 1];
    const e =
      code === ''
        ? byName
        : byCode > 0
          ? byCode
          : byName > 0 && (named?.creditCode ?? '') === ''
            ? byName
            : 0;
    const values = src.valueCols.map((c) => (c === undefined ? '' : readValue(at(r, c))));
    const bad = src.valueCols.reduce<number>(
      (n, c, j) => n + (c !== undefined && values[j] === '' && trim(at(r, c)) !== '' ? 1 : 0),
      0,
    );
    used.push({
      pos: r + 1,
      slot: row.slot,
      name,
      code,
      byName,
      byCode,
      e,
      values,
      key: e === 0 ? '' : e * (monthly ? 32 : 4) + row.slot,
      bad,
    });
  });
  const firstAt = new Map<number, number>();
  used.forEach((u, j) => {
    if (u.key !== '' && !firstAt.has(u.key)) firstAt.set(u.key, j + 1);
  });
  const usedRows: UsedRow[] = used.map((u, j) => ({
    ...u,
    dup: u.key !== '' && firstAt.get(u.key) !== j + 1 ? 1 : 0,
  }));
  const enterprises: LiveEnterprise[] = input.enterprises.map((_, i) => {
    if (monthly) {
      const pos = Array.from({ length: 24 }, (_, s) => firstAt.get((i + 1) * 32 + s + 1) ?? 0);
      // The sum of the numbers among a year's 12 slots, "" when there is none.
      const sums = src.valueCols.map(
        (_, j) => [sumAt(used, pos.slice(0, 12), j), sumAt(used, pos.slice(12, 24), j)] as const,
      );
      return { pos, falls: src.valueCols.map(() => 0), sums };
    }
    const k = (i + 1) * 4;
    const pos = [0, 1, 2, 3].map((s) => firstAt.get(k + s) ?? '');
    const falls = src.valueCols.map((_, j) => {
      const [p0 = '', , p2 = ''] = pos;
      if (p0 === '' || p2 === '') return 0;
      const now = used[p0 - 1]?.values[j];
      const before = used[p2 - 1]?.values[j];
      return typeof now === 'number' && typeof before === 'number' && now < before ? 1 : 0;
    });
    return { pos, falls };
  });
  return { rows, used: usedRows, enterprises, latest };
}

/** Indicator `j`'s figure in the used table's row at 1-based position `p` (0 or "": none). */
export function figureAt(
  used: readonly { readonly values: readonly (number | '')[] }[],
  p: number | '' | undefined,
  j: number,
): number | '' {
  const v = typeof p === 'number' && p > 0 ? used[p - 1]?.values[j] : '';
  return typeof v === 'number' ? v : '';
}

/**
 * The sum of indicator `j`'s figures at used-table positions `pos` (0 or "": none), added in
 * order as the sheets' formulas add them; "" when none is a number.
 */
export function sumAt(
  used: readonly { readonly values: readonly (number | '')[] }[],
  pos: readonly (number | '')[],
  j: number,
): number | '' {
  const xs = pos.map((p) => figureAt(used, p, j)).filter((v): v is number => v !== '');
  return xs.length === 0 ? '' : xs.reduce((a, b) => a + b, 0);
}

/**
 * 1 when enterprise `i` (0-based) has a figure the live sheets read — this year's or last year's
 * row of the report month or of the month before (the change columns' last month), or for
 * monthly actuals a sum of months 1…M — in one of `indicators`.
 */
export function hasFigureIn(
  live: LiveActuals,
  i: number,
  indicators: readonly number[],
  monthly: boolean,
): 0 | 1 {
  const e = live.enterprises[i];
  if (!e) return 0;
  const num = (v: unknown): boolean => typeof v === 'number';
  return indicators.some((j) =>
    monthly
      ? num(e.sums?.[j]?.[0]) || num(e.sums?.[j]?.[1])
      : e.pos.some((p) => figureAt(live.used, p, j) !== ''),
  )
    ? 1
    : 0;
}

/** The data check's counts as the helper computes them (checks.ts CHECKS). */
export interface LiveCounts {
  readonly unmatched: number;
  readonly duplicates: number;
  readonly falls: number;
  readonly notNumbers: number;
  readonly badMonths: number;
  readonly badYears: number;
  readonly badReportMonth: number;
  readonly overflow: number;
  /**
   * Enterprises with a figure where the plan gave them no row: always 0 when planned, since an
   * enterprise is left out of an indicator only when it has no figure in it at all.
   */
  readonly unlisted: number;
  /** 1-based row of 实绩 of the lowest used row matching no enterprise, or "". */
  readonly firstUnmatched: number | '';
  /** The rows of 实绩 (1-based) of every used row matching no enterprise, from the bottom up. */
  readonly unmatchedRows: readonly number[];
  readonly usedRows: number;
}

export function liveCounts(
  live: LiveActuals,
  src: LiveSource,
  firstDataRow: number,
  rowCapacity: number,
  usedCapacity: number,
): LiveCounts {
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const usedRows = live.rows.at(-1)?.seq ?? 0;
  const filledYears = src.rows.filter((row) => cellValue(row[src.year]) !== '').length;
  const unmatched = live.used.filter((u) => u.e === 0);
  return {
    unmatched: unmatched.length,
    duplicates: sum(live.used.map((u) => u.dup)),
    falls: sum(live.enterprises.map((e) => sum(e.falls))),
    notNumbers: sum(live.used.map((u) => u.bad)),
    badMonths: sum(live.rows.map((r) => r.badMonth)),
    badYears: sum(live.rows.map((r) => r.badYear)),
    badReportMonth: 0,
    overflow: Math.max(0, filledYears - rowCapacity) + Math.max(0, usedRows - usedCapacity),
    unlisted: 0,
    firstUnmatched: unmatched[0] ? unmatched[0].pos + firstDataRow - 1 : '',
    unmatchedRows: unmatched.map((u) => u.pos + firstDataRow - 1),
    usedRows,
  };
}
