/**
 * The monthly round (issue 11): what changed since last month, the red and black lists (红黑榜)
 * and the escalation each enterprise has reached (提醒, 约谈, 督办), from the plans of the report
 * month and the months before it. 实绩 holds every month, so last month's figures are the plan of
 * last month: the same input with the report month moved back (`roundOf`), computed the way the
 * report month's are. Pure: plain plans in, plain figures out.
 *
 * Behind, for the lists and the escalation, is a flag that failed a test: 略低于序时, 滞后 or
 * 严重滞后 (`isBehind`). Red = the best-ranked that are at or ahead of schedule (超序时), black =
 * the worst-ranked behind, each at most 红黑榜人数 long.
 *
 * @example
 *   const r = roundOf(input, { today }, planned);   // planned = plan(input, { today }).value
 *   if (r.ok) r.value.indicators[0].enterprises[0].rankChange // → { kind: 'up', by: 2 } (↑2)
 */
import { outOfBounds } from './checked';
import { ok, type Result } from './errors';
import type { Flag, PlanInput, Settings } from './model';
import { FLAGS } from './model';
import {
  plan,
  type AggregateProgress,
  type IndicatorProgress,
  type Plan,
  type PlanContext,
  type ProgressRow,
} from './plan';
import { rankedFigure, rankKeyFor, rankValues, roundPoints } from './progress';

/** A change of rank: ↑2, ↓1, — (same), 新 (ranked now, not last month). */
export type RankChange =
  | { readonly kind: 'up' | 'down'; readonly by: number }
  | { readonly kind: 'same' }
  | { readonly kind: 'new' };

/** The escalation ladder's steps, mildest first. */
export type Escalation = 'remind' | 'interview' | 'supervise';
export const ESCALATIONS: readonly Escalation[] = ['remind', 'interview', 'supervise'];

export const DEFAULT_LIST_SIZE = 3;
export const DEFAULT_ESCALATION: readonly [number, number, number] = [1, 2, 3];

/** One row's change since last month and the escalation it reached. */
export interface Change {
  /** The enterprise's or group's name; '' for the area. */
  readonly name: string;
  readonly rank: number | null;
  /** Last month's rank; null when it had none (no figure, or not in last month's plan). */
  readonly lastRank: number | null;
  /** Null when the row has no rank this month or there is no last month. */
  readonly rankChange: RankChange | null;
  readonly flag: Flag;
  /** Last month's flag; null when the row was not in last month's plan or there is none. */
  readonly lastFlag: Flag | null;
  /** Whether the flag got better or worse; null where either month has no data. */
  readonly trend: 'better' | 'worse' | 'same' | null;
  readonly gap: number | null;
  readonly lastGap: number | null;
  /** Last month's completion (growth for a rate), what the rank compared; null as lastGap. */
  readonly lastValue: number | null;
  /** Points: gap − last month's gap. */
  readonly gapChange: number | null;
  /** Consecutive months behind up to the report month (at most the ladder's last step). */
  readonly monthsBehind: number;
  readonly escalation: Escalation | null;
}

export interface IndicatorRound {
  readonly indicator: string;
  /** One per row of the plan's progress, in the same order. */
  readonly enterprises: readonly Change[];
  /** One per group of the plan's progress, in the same order; groups ranked among themselves. */
  readonly groups: readonly Change[];
  readonly area: Change;
  /** 红榜: the best-ranked rows at or ahead of schedule, best first (positions in `rows`). */
  readonly red: readonly number[];
  /** 黑榜: the worst-ranked rows behind, worst first (positions in `rows`). */
  readonly black: readonly number[];
}

export interface MonthlyRound {
  readonly reportMonth: number;
  /** The month compared with, or null when there is none (month 1, or 2 with 1-2月 combined). */
  readonly lastMonth: number | null;
  readonly listSize: number;
  readonly escalation: readonly [number, number, number];
  readonly indicators: readonly IndicatorRound[];
}

/** A flag that failed a test: slightly behind, behind or seriously behind. */
export const isBehind = (f: Flag): boolean =>
  f === 'slightlyBehind' || f === 'behind' || f === 'seriouslyBehind';

/**
 * The months before `m` that hold a period of their own, latest first, at most `depth` of them:
 * with 1-2月 combined, month 1 has none.
 * @example previousMonths(4, true, 5) // → [3, 2]
 */
export function previousMonths(m: number, combineJanFeb: boolean, depth: number): number[] {
  const out: number[] = [];
  for (let k = m - 1; k >= 1 && out.length < depth; k--) {
    if (k === 1 && combineJanFeb) continue;
    out.push(k);
  }
  return out;
}

/** The rank change from last month's rank to this month's. */
export function rankChangeOf(rank: number | null, lastRank: number | null): RankChange | null {
  if (rank === null) return null;
  if (lastRank === null) return { kind: 'new' };
  if (rank === lastRank) return { kind: 'same' };
  return rank < lastRank
    ? { kind: 'up', by: lastRank - rank }
    : { kind: 'down', by: rank - lastRank };
}

/** Whether the flag improved: null where either has no data. */
export function trendOf(flag: Flag, lastFlag: Flag | null): Change['trend'] {
  if (lastFlag === null || flag === 'noData' || lastFlag === 'noData') return null;
  const a = FLAGS.indexOf(flag);
  const b = FLAGS.indexOf(lastFlag);
  return a === b ? 'same' : a < b ? 'better' : 'worse';
}

/** The step reached after `months` consecutive months behind, on the ladder [提醒, 约谈, 督办]. */
export function escalationOf(
  months: number,
  ladder: readonly [number, number, number],
): Escalation | null {
  let out: Escalation | null = null;
  ladder.forEach((at, i) => {
    if (months >= at) out = ESCALATIONS[i] ?? outOfBounds();
  });
  return out;
}

interface Standing {
  readonly rank: number | null;
  readonly flag: Flag;
  readonly gap: number | null;
  /** Completion, or growth for a rate. */
  readonly value: number | null;
}

/** What a row looks like in one month, by name. */
type Standings = ReadonlyMap<string, Standing>;

/** The groups of one indicator ranked among themselves (from summed totals). */
function groupRanks(p: IndicatorProgress): (number | null)[] {
  return rankValues(
    p.groups.map((g) => rankKeyFor(p.kind, g)),
    p.direction,
  );
}

function enterpriseStandings(p: IndicatorProgress | undefined): Standings {
  const m = new Map<string, Standing>();
  for (const r of p?.rows ?? [])
    m.set(r.enterprise, {
      rank: r.rank,
      flag: r.flag,
      gap: r.gap,
      value: rankedFigure(p?.kind ?? 'total', r),
    });
  return m;
}

function groupStandings(p: IndicatorProgress | undefined): Standings {
  const m = new Map<string, Standing>();
  if (!p) return m;
  const ranks = groupRanks(p);
  p.groups.forEach((g, i) =>
    m.set(g.group ?? '', {
      rank: ranks[i] ?? null,
      flag: g.flag,
      gap: g.gap,
      value: rankedFigure(p.kind, g),
    }),
  );
  return m;
}

function areaStandings(p: IndicatorProgress | undefined): Standings {
  return p
    ? new Map([
        [
          '',
          { rank: null, flag: p.area.flag, gap: p.area.gap, value: rankedFigure(p.kind, p.area) },
        ],
      ])
    : new Map();
}

/** What a month before the report month keeps for the round: each indicator's standings. */
export type PastMonth = ReadonlyMap<
  string,
  { readonly enterprises: Standings; readonly groups: Standings; readonly area: Standings }
>;

/**
 * A month's plan as the round needs it (a few figures per row), so that a county's earlier plans
 * need not be held whole at once.
 */
export function pastMonthOf(pl: Plan): PastMonth {
  return new Map(
    pl.progress.map((p) => [
      p.indicator,
      { enterprises: enterpriseStandings(p), groups: groupStandings(p), area: areaStandings(p) },
    ]),
  );
}

/** One row's change: `past[0]` is last month, then the month before, … */
function changeOf(
  name: string,
  now: Standing,
  past: readonly Standings[],
  ladder: readonly [number, number, number],
): Change {
  const last = past[0]?.get(name);
  let monthsBehind = 0;
  if (isBehind(now.flag)) {
    monthsBehind = 1;
    for (const month of past) {
      const s = month.get(name);
      if (s === undefined || !isBehind(s.flag)) break;
      monthsBehind++;
    }
  }
  const lastRank = last?.rank ?? null;
  const lastGap = last?.gap ?? null;
  return {
    name,
    rank: now.rank,
    lastRank,
    rankChange: past.length === 0 ? null : rankChangeOf(now.rank, lastRank),
    flag: now.flag,
    lastFlag: last?.flag ?? null,
    trend: trendOf(now.flag, last?.flag ?? null),
    gap: now.gap,
    lastGap,
    lastValue: last?.value ?? null,
    gapChange: now.gap === null || lastGap === null ? null : roundPoints(now.gap - lastGap),
    monthsBehind,
    escalation: escalationOf(monthsBehind, ladder),
  };
}

/** Positions of the red list (best first) and the black list (worst first), each at most `n`. */
export function redAndBlack(
  rows: readonly Pick<ProgressRow, 'rank' | 'flag'>[],
  n: number,
): { red: number[]; black: number[] } {
  const ranked = rows
    .map((r, i) => ({ r, i }))
    .filter((x) => x.r.rank !== null)
    // By rank, then input order (a stable sort keeps it).
    .sort((a, b) => (a.r.rank ?? 0) - (b.r.rank ?? 0));
  const red = ranked.filter((x) => x.r.flag === 'ahead').slice(0, n);
  const black = ranked
    .filter((x) => isBehind(x.r.flag))
    .reverse()
    .slice(0, n);
  return { red: red.map((x) => x.i), black: black.map((x) => x.i) };
}

/** The rules of the round: list size and escalation ladder, from the settings or their defaults. */
export function roundRules(input: PlanInput): {
  listSize: number;
  escalation: readonly [number, number, number];
} {
  return {
    listSize: input.settings.listSize ?? DEFAULT_LIST_SIZE,
    escalation: input.settings.escalation ?? DEFAULT_ESCALATION,
  };
}

/**
 * The round from the report month's plan and the plans of the months before it (latest first;
 * empty when there is no month before).
 */
export function compareMonths(
  current: Plan,
  past: readonly PastMonth[],
  rules: { listSize: number; escalation: readonly [number, number, number] },
  lastMonth: number | null,
): MonthlyRound {
  const none: Standings = new Map();
  const indicators = current.progress.map((p): IndicatorRound => {
    const pastOf = past.map((m) => m.get(p.indicator));
    const es = pastOf.map((x) => x?.enterprises ?? none);
    const gs = pastOf.map((x) => x?.groups ?? none);
    const as = pastOf.map((x) => x?.area ?? none);
    const ranks = groupRanks(p);
    const { red, black } = redAndBlack(p.rows, rules.listSize);
    return {
      indicator: p.indicator,
      enterprises: p.rows.map((r) =>
        changeOf(
          r.enterprise,
          { rank: r.rank, flag: r.flag, gap: r.gap, value: rankedFigure(p.kind, r) },
          es,
          rules.escalation,
        ),
      ),
      groups: p.groups.map((g: AggregateProgress, i) =>
        changeOf(
          g.group ?? '',
          { rank: ranks[i] ?? null, flag: g.flag, gap: g.gap, value: rankedFigure(p.kind, g) },
          gs,
          rules.escalation,
        ),
      ),
      area: changeOf(
        '',
        { rank: null, flag: p.area.flag, gap: p.area.gap, value: rankedFigure(p.kind, p.area) },
        as,
        rules.escalation,
      ),
      red,
      black,
    };
  });
  return {
    reportMonth: current.reportMonth,
    lastMonth,
    listSize: rules.listSize,
    escalation: rules.escalation,
    indicators,
  };
}

/** The settings of month `k`: its as-of date the month's last day (what a blank one means). */
function monthSettings(st: Settings, year: number, k: number): Settings {
  const out: { -readonly [K in keyof Settings]: Settings[K] } = { ...st, year, reportMonth: k };
  delete out.asOf;
  return out;
}

/**
 * The round of `current` (the plan of `input`): the plans of the months before the report month,
 * as many as the escalation ladder looks back, each the same input with the report month (and the
 * as-of date) moved back, then compared.
 */
export function roundOf(input: PlanInput, ctx: PlanContext, current: Plan): Result<MonthlyRound> {
  const rules = roundRules(input);
  const depth = Math.max(1, rules.escalation[2] - 1);
  const months = previousMonths(current.reportMonth, input.settings.combineJanFeb, depth);
  const past: PastMonth[] = [];
  for (const k of months) {
    // The split does not depend on the report month: the earlier months reuse this one's.
    const r = plan(
      { ...input, settings: monthSettings(input.settings, current.year, k) },
      { ...ctx, allocations: current.allocations },
    );
    if (!r.ok) return r;
    past.push(pastMonthOf(r.value));
  }
  return ok(compareMonths(current, past, rules, months[0] ?? null));
}
