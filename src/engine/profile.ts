/**
 * Time profiles: each period's share of the year (domain.md, "Splitting across time").
 *
 * A profile is given on one grid: quarters (4), months (12) or months with Jan-Feb combined (11:
 * 1-2月, 3月 … 12月). Shares are any non-negative numbers and are normalised. Internally every
 * profile becomes 12 integer monthly numerators over a common denominator, so converting between
 * grids and computing the planned schedule are exact. Within a quarter (or within 1-2月) the
 * share is spread evenly over its months.
 *
 * @example
 *   const p = makeProfile('前低后高', 'quarters', [20, 25, 25, 30]);
 *   gridShares(p, 'quarters')   // → [4, 5, 5, 6] (integer numerators, divided by their gcd)
 *   plannedSchedule(p, 8)       // → (20 + 25 + 25·2/3) / 100 = 0.6167
 */
import { outOfBounds, zeros } from './checked';
import { fromUnits, isOnStep, toUnits } from './number';

export type Grid = 'quarters' | 'months' | 'janFeb';

export interface Profile {
  readonly name: string;
  readonly grid: Grid;
  /** Shares as given, one per period of the grid. */
  readonly shares: readonly number[];
}

/** Number of periods on a grid. */
export function periodCount(grid: Grid): number {
  return grid === 'quarters' ? 4 : grid === 'months' ? 12 : 11;
}

/** The last month (1–12) of each period on the grid. */
export function periodEndMonths(grid: Grid): number[] {
  if (grid === 'quarters') return [3, 6, 9, 12];
  if (grid === 'months') return Array.from({ length: 12 }, (_, i) => i + 1);
  return Array.from({ length: 11 }, (_, i) => i + 2);
}

/** The period (0-based) on `grid` that contains month m (1–12). */
export function periodOfMonth(grid: Grid, month: number): number {
  if (grid === 'quarters') return Math.floor((month - 1) / 3);
  if (grid === 'months') return month - 1;
  return Math.max(0, month - 2);
}

export function makeProfile(name: string, grid: Grid, shares: readonly number[]): Profile {
  return { name, grid, shares };
}

/** Why a profile is unusable, or undefined when it is fine. */
export function profileProblem(p: Profile): { zh: string; en: string } | undefined {
  if (p.shares.length !== periodCount(p.grid)) {
    return { zh: `应有 ${periodCount(p.grid)} 个时段`, en: `needs ${periodCount(p.grid)} periods` };
  }
  if (p.shares.some((v) => !Number.isFinite(v)))
    return { zh: '比例须为有限数值', en: 'shares must be finite numbers' };
  if (p.shares.some((v) => v < 0)) return { zh: '比例不能为负', en: 'shares cannot be negative' };
  if (!p.shares.some((v) => v > 0)) return { zh: '比例全为零', en: 'every share is zero' };
  // 均衡 / even is built in; the template lists it, so a row of that name may stand, but only
  // even. Shares of one's own under that name would be read one way by the engine, another by the
  // live sheets' formulas and by a unit's issued workbook.
  if (isEvenProfileName(p.name) && !proportional(gridShares(p, p.grid), gridShares(EVEN, p.grid)))
    return {
      zh: '均衡为内置的平均分布，每月比例相同；其他比例请另起名称',
      en: 'even is built in and gives every month the same share; give other shares a name of their own',
    };
  return undefined;
}

/** The even profile's names: 均衡, and 'even' (accepted as the same profile). */
export const EVEN_NAMES = { zh: '均衡', en: 'even' } as const;

/**
 * What an issued profile's name adds to its indicator's (issue.ts): 工业总产值·下发, or in English
 * "Gross output (issued)".
 */
export const ISSUED_PROFILE_SUFFIX = { zh: '·下发', en: ' (issued)' } as const;

/** The even profile (均衡), always defined. */
export const EVEN: Profile = makeProfile(EVEN_NAMES.zh, 'quarters', [1, 1, 1, 1]);

/** Whether a profile name means the even profile (均衡 or 'even'). */
export const isEvenProfileName = (name: string): boolean =>
  name === EVEN_NAMES.zh || name === EVEN_NAMES.en;

/** The name a profile is known by: 'even' is 均衡. */
export const canonicalProfileName = (name: string): string =>
  isEvenProfileName(name) ? EVEN.name : name;

/** Integer numerators of the shares as given (scaled by a power of ten up to 10^6). */
function integerShares(shares: readonly number[]): number[] {
  for (let k = 0; k <= 6; k++) {
    if (shares.every((v) => isOnStep(v, k))) {
      return shares.map((v) => toUnits(v, k));
    }
  }
  return shares.map((v) => toUnits(v, 6));
}

/** 12 integer monthly numerators: quarters spread over 3 months, Jan-Feb over 2. */
export function monthlyNumerators(p: Profile): number[] {
  const q = integerShares(p.shares);
  if (p.grid === 'months') return q;
  if (p.grid === 'quarters')
    return Array.from({ length: 12 }, (_, m) => q[Math.floor(m / 3)] ?? outOfBounds());
  const janFeb = q[0] ?? outOfBounds();
  return [janFeb, janFeb, ...q.slice(1).map((v) => 2 * v)];
}

/** Integer numerators of the profile on `grid` (sums of its monthly numerators). */
export function gridShares(p: Profile, grid: Grid): number[] {
  const m = monthlyNumerators(p);
  const out = zeros(periodCount(grid));
  for (let i = 0; i < 12; i++) {
    const j = periodOfMonth(grid, i + 1);
    out[j] = (out[j] ?? 0) + (m[i] ?? outOfBounds());
  }
  const g = out.reduce((a, b) => gcd(a, b), 0);
  return g > 1 ? out.map((v) => v / g) : out;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Planned schedule (计划进度): the profile's cumulative share through month m.
 * @example plannedSchedule(EVEN, 6) // → 0.5
 */
export function plannedSchedule(p: Profile, month: number): number {
  const m = monthlyNumerators(p);
  const total = m.reduce((a, b) => a + b, 0);
  let through = 0;
  for (let i = 0; i < Math.min(12, Math.max(0, month)); i++) through += m[i] ?? outOfBounds();
  return total === 0 ? 0 : through / total;
}

/**
 * The profile a unit hands down with its issued period targets (下发): its period cells `cells`
 * (integer units of 10^-d on `grid`, the indicator's periods) as amounts in the indicator's unit,
 * written in `form`, the grid of the profile it replaces (so the 时间分布 sheet keeps its columns).
 * With months as the form and Jan-Feb combined in the periods, 1月 and 2月 each take half of
 * 1-2月 (or 2月 all of it where a half has more than 6 decimals). Its shares on `grid` are then
 * exactly proportional to the cells: the unit's children split the cells, and the unit's own
 * workbook, reading these numbers back, computes the very same shares (cascade.ts, issue.ts).
 * Undefined when the cells cannot be a profile (all zero, or one negative) or, beyond 15
 * significant digits, would not be proportional.
 *
 * @example
 *   issuedProfile('工业总产值·下发', 'quarters', 'quarters', [1428, 1785, 1785, 2142], 0).shares
 *   // → [1428, 1785, 1785, 2142]
 *   issuedProfile('p', 'months', 'janFeb', [3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0).shares
 *   // → [1.5, 1.5, 1, 1, …]
 */
export function issuedProfile(
  name: string,
  form: Grid,
  grid: Grid,
  cells: readonly number[],
  d: number,
): Profile | undefined {
  if (cells.length !== periodCount(grid) || cells.some((c) => c < 0) || !cells.some((c) => c > 0))
    return undefined;
  const amounts = cells.map((c) => fromUnits(c, d));
  const candidates: (readonly number[])[] = [];
  if (form === grid) candidates.push(amounts);
  else if (form === 'months' && grid === 'janFeb') {
    const [janFeb = 0, ...rest] = amounts;
    candidates.push([janFeb / 2, janFeb / 2, ...rest], [0, janFeb, ...rest]);
  }
  for (const shares of candidates) {
    const p = makeProfile(name, form, shares);
    if (proportional(gridShares(p, grid), cells)) return p;
  }
  return undefined;
}

/** Whether non-negative integer vectors are proportional: equal once each is divided by its gcd. */
function proportional(a: readonly number[], b: readonly number[]): boolean {
  const reduced = (xs: readonly number[]): number[] => {
    const g = xs.reduce((x, y) => gcd(x, y), 0);
    return g > 1 ? xs.map((v) => v / g) : [...xs];
  };
  const ra = reduced(a);
  const rb = reduced(b);
  return ra.length === rb.length && ra.every((v, j) => v === rb[j]);
}
