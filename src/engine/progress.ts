/**
 * Schedule progress (序时进度) and flags (domain.md, "Schedule progress").
 *
 * All figures are fractions (0.421 = 42.1%) except gaps and thresholds, which are in percentage
 * points. Group and area figures are always computed from summed totals, never by averaging
 * percentages.
 *
 * @example
 *   // The county: 48.36 of 115 (亿元) after 8 months.
 *   const r = progressOf({ target: 115, ytd: 48.36, lastYtd: null, planned: 8 / 12 },
 *     { kind: 'total', direction: 'higher' }, { reportMonth: 8, schedule: 8 / 12, behind: 5, serious: 10 });
 *   r.completion  // → 0.4205
 *   r.gap         // → −24.6 (points)
 *   r.flag        // → 'seriouslyBehind'
 *   r.paceNeeded  // → 16.66 a month; r.paceRatio → 2.75
 */
import { outOfBounds } from './checked';
import type { Direction, Flag, Kind } from './model';
import { FLAGS } from './model';

export interface ProgressContext {
  readonly reportMonth: number;
  /** Time schedule as a fraction. */
  readonly schedule: number;
  /** Thresholds in percentage points. */
  readonly behind: number;
  readonly serious: number;
}

export interface IndicatorTraits {
  readonly kind: Kind;
  readonly direction: Direction;
  /** Rate target (kind 'rate') as a fraction. */
  readonly targetRate?: number;
  /** Growth a total must also reach, as a fraction. */
  readonly targetGrowth?: number;
}

/** An indicator's traits as `progressOf` reads them. */
export const traitsOf = (ind: {
  readonly kind: Kind;
  readonly direction: Direction;
  readonly target: number;
  readonly targetGrowth?: number;
}): IndicatorTraits => ({
  kind: ind.kind,
  direction: ind.direction,
  ...(ind.kind === 'rate' ? { targetRate: ind.target } : {}),
  ...(ind.targetGrowth !== undefined ? { targetGrowth: ind.targetGrowth } : {}),
});

export interface ProgressFigures {
  /** Annual target: a total, or for a rate indicator the target rate. */
  readonly target: number;
  readonly ytd: number | null;
  readonly lastYtd: number | null;
  readonly completion: number | null;
  readonly schedule: number | null;
  readonly planned: number | null;
  /** Points: completion − schedule (total), actual − target rate (rate). */
  readonly gap: number | null;
  /** target × schedule − YTD: how much is missing to be on schedule (negative: ahead). */
  readonly shortfall: number | null;
  /** (target − YTD) ÷ remaining months. */
  readonly paceNeeded: number | null;
  /** YTD ÷ months elapsed. */
  readonly paceSoFar: number | null;
  /** paceNeeded ÷ paceSoFar. */
  readonly paceRatio: number | null;
  /** YTD ÷ same period last year − 1. */
  readonly yoy: number | null;
  /** Points: yoy − target growth, where a growth test applies. */
  readonly growthGap: number | null;
  readonly scheduleFlag: Flag;
  readonly growthFlag: Flag | null;
  readonly flag: Flag;
  /** Tests that failed: 'schedule' and/or 'growth'. */
  readonly failed: readonly ('schedule' | 'growth')[];
}

/**
 * Rounds points to 6 decimals, half away from zero like the sheets' ROUND(x, 6), so 5.000000001
 * is 5 and the flag formulas agree with the engine.
 */
export const roundPoints = (p: number): number => {
  const r = (p < 0 ? -1 : 1) * (Math.round(Math.abs(p) * 1e6) / 1e6);
  // No −0: a gap of "-0.0" points would be shown for a value exactly on target.
  return r === 0 ? 0 : r;
};

/** What a row's rank compares, unrounded: completion, or year-on-year growth for a rate. */
export const rankedFigure = (
  kind: 'total' | 'rate',
  f: { readonly yoy: number | null; readonly completion: number | null },
): number | null => (kind === 'rate' ? f.yoy : f.completion);

/**
 * The value ranks compare: the completion (or growth) rounded to 9 decimals, half away from zero,
 * as the sheets' rank key ROUND(x, 9) — whose text the sheets' COUNTIF criteria hold exactly.
 */
export const rankKeyOf = (x: number): number => {
  const r = (x < 0 ? -1 : 1) * (Math.round(Math.abs(x) * 1e9) / 1e9);
  return r === 0 ? 0 : r;
};

/** A row's rank key (`rankKeyOf` its `rankedFigure`), or null when it has no figure to rank. */
export const rankKeyFor = (
  kind: 'total' | 'rate',
  f: { readonly yoy: number | null; readonly completion: number | null },
): number | null => {
  const x = rankedFigure(kind, f);
  return x === null ? null : rankKeyOf(x);
};

/**
 * The flag for a gap in points.
 * @example flagForGap(-4.9, 'higher', 5, 10) // → 'slightlyBehind'
 * @example flagForGap(6, 'lower', 5, 10)     // → 'behind'
 */
export function flagForGap(
  gap: number | null,
  direction: Direction,
  behind: number,
  serious: number,
): Flag {
  if (gap === null) return 'noData';
  const bad = direction === 'higher' ? -gap : gap;
  if (bad <= 0) return 'ahead';
  if (bad <= behind) return 'slightlyBehind';
  if (bad <= serious) return 'behind';
  return 'seriouslyBehind';
}

/** The worse of two flags (no data counts as not worse). */
export function worseFlag(a: Flag, b: Flag | null): Flag {
  if (b === null || b === 'noData') return a;
  if (a === 'noData') return b;
  return FLAGS.indexOf(b) > FLAGS.indexOf(a) ? b : a;
}

const div = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : a / b;

/** Progress figures for one row (an enterprise, a group or the area). */
export function progressOf(
  row: {
    target: number;
    ytd: number | null;
    lastYtd: number | null;
    planned: number | null;
    ytdLike?: number | null;
  },
  ind: IndicatorTraits,
  ctx: ProgressContext,
): ProgressFigures {
  const { ytd, lastYtd } = row;
  // Year on year compares like with like: for a sum, only the rows reported in both years.
  const like = row.ytdLike === undefined ? ytd : row.ytdLike;
  const growth = like === null ? null : div(like, lastYtd);
  const yoy = growth === null ? null : growth - 1;
  const flagOf = (gap: number | null): Flag =>
    flagForGap(gap, ind.direction, ctx.behind, ctx.serious);
  if (ind.kind === 'rate') {
    const target = ind.targetRate ?? row.target;
    const gap = yoy === null ? null : roundPoints((yoy - target) * 100);
    const flag = flagOf(gap);
    return {
      target,
      ytd,
      lastYtd,
      completion: null,
      schedule: null,
      planned: null,
      gap,
      shortfall: null,
      paceNeeded: null,
      paceSoFar: null,
      paceRatio: null,
      yoy,
      growthGap: gap,
      scheduleFlag: flag,
      growthFlag: null,
      flag,
      failed: flag === 'ahead' || flag === 'noData' ? [] : ['growth'],
    };
  }
  const m = ctx.reportMonth;
  const completion = div(ytd, row.target);
  const gap = completion === null ? null : roundPoints((completion - ctx.schedule) * 100);
  const paceNeeded = ytd === null || m >= 12 ? null : (row.target - ytd) / (12 - m);
  const paceSoFar = ytd === null || m <= 0 ? null : ytd / m;
  const scheduleFlag = ytd === null ? 'noData' : flagOf(gap);
  const growthGap =
    ind.targetGrowth === undefined || yoy === null
      ? null
      : roundPoints((yoy - ind.targetGrowth) * 100);
  const growthFlag = growthGap === null ? null : flagOf(growthGap);
  const flag = worseFlag(scheduleFlag, growthFlag);
  const scheduleFailed = scheduleFlag !== 'ahead' && scheduleFlag !== 'noData';
  const growthFailed = growthFlag !== null && growthFlag !== 'ahead';
  // Array literals of the exact length (an empty array that is pushed to reserves 17 slots).
  const failed: ('schedule' | 'growth')[] = scheduleFailed
    ? growthFailed
      ? ['schedule', 'growth']
      : ['schedule']
    : growthFailed
      ? ['growth']
      : [];
  return {
    target: row.target,
    ytd,
    lastYtd,
    completion,
    schedule: ctx.schedule,
    planned: row.planned,
    gap,
    shortfall: ytd === null ? null : row.target * ctx.schedule - ytd,
    paceNeeded,
    paceSoFar,
    paceRatio: div(paceNeeded, paceSoFar),
    yoy,
    growthGap,
    scheduleFlag,
    growthFlag,
    flag,
    failed,
  };
}

/**
 * Sums rows into a group or area row: targets, YTD over the rows that reported, and year-on-year
 * like for like (only rows with figures in both years). The planned schedule is target-weighted.
 */
export function sumRows(
  rows: readonly {
    target: number;
    ytd: number | null;
    lastYtd: number | null;
    planned: number | null;
  }[],
): {
  target: number;
  ytd: number | null;
  lastYtd: number | null;
  planned: number | null;
  ytdLike: number | null;
} {
  let target = 0;
  let ytd = 0;
  let reported = 0;
  let like = 0;
  let last = 0;
  let pairs = 0;
  let plannedSum = 0;
  for (const r of rows) {
    target += r.target;
    plannedSum += r.target * (r.planned ?? 0);
    if (r.ytd !== null) {
      ytd += r.ytd;
      reported++;
      if (r.lastYtd !== null) {
        like += r.ytd;
        last += r.lastYtd;
        pairs++;
      }
    }
  }
  return {
    target,
    ytd: reported > 0 ? ytd : null,
    lastYtd: pairs > 0 ? last : null,
    ytdLike: pairs > 0 ? like : null,
    planned: target === 0 ? null : plannedSum / target,
  };
}

/**
 * Competition ranks ("1224", as Excel's RANK): better values first; null values get no rank.
 * @example rankValues([0.5, 0.7, null, 0.5], 'higher') // → [2, 1, null, 2]
 */
export function rankValues(
  values: readonly (number | null)[],
  direction: Direction,
): (number | null)[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (typeof v !== 'number' || v !== v)
      return rankBySort(
        values,
        values.filter((x): x is number => x !== null),
        direction,
      );
    n++;
  }
  // Without NaN the order is total: a value's rank is 1 + the count of strictly better values,
  // found by binary search in the values sorted ascending (a fast typed-array sort).
  const sorted = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i];
    // (Every value is a number or null here: the loop above returned on anything else.)
    if (typeof v === 'number') sorted[k++] = v;
  }
  sorted.sort();
  return values.map((v) => {
    if (v === null) return null;
    let lo = 0;
    let hi = n;
    if (direction === 'higher') {
      // First index with sorted[i] > v; the better values are those after it.
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] ?? outOfBounds()) > v) hi = mid;
        else lo = mid + 1;
      }
      return n - lo + 1;
    }
    // First index with sorted[i] >= v; the better values are those before it.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? outOfBounds()) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}

/** rankValues by sorting with a comparator and taking each value's first position (any values). */
function rankBySort(
  values: readonly (number | null)[],
  present: number[],
  direction: Direction,
): (number | null)[] {
  present.sort((a, b) => (direction === 'higher' ? b - a : a - b));
  const rankOf = new Map<number, number>();
  present.forEach((v, i) => {
    if (!rankOf.has(v)) rankOf.set(v, i + 1);
  });
  return values.map((v) => (v === null ? null : (rankOf.get(v) ?? null)));
}
