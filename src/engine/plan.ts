/**
 * The whole computation: validate, split every total indicator across enterprises and periods,
 * compute schedule progress. One function, plain data in and out; `today` is passed in.
 *
 * @example
 *   const r = plan(input, { today: { y: 2025, m: 9, d: 3 } });
 *   if (r.ok) r.value.allocations[0].rows[0].annual; else r.errors;
 */
import { lastDayOfMonth, timeSchedule, type YMD } from './calendar';
import { fail, fenjieError, ok, type FenjieError, type Result } from './errors';
import { controlledRound, roundRow } from './matrix';
import type { Actual, Constraint, Enterprise, Flag, Indicator, PlanInput } from './model';
import { FLAGS } from './model';
import { fromUnits, toUnits } from './number';
import { EVEN, gridShares, plannedSchedule, type Grid, type Profile } from './profile';
import { progressOf, rankValues, sumRows, type ProgressFigures } from './progress';
import { splitTotal, type SplitRow } from './split';
import { enterpriseResolver, validateInput } from './validate';

export interface AllocationRow {
  readonly enterprise: string;
  readonly group?: string;
  /** Name of the profile this enterprise's periods follow. */
  readonly profile: string;
  readonly annual: number;
  /** The unrounded share. */
  readonly exact: number;
  readonly periods: number[];
}

export interface Allocation {
  readonly indicator: string;
  readonly unit: string;
  readonly decimals: number;
  readonly grid: Grid;
  readonly total: number;
  readonly profile: string;
  readonly rows: AllocationRow[];
  readonly periodTotals: number[];
}

export interface ProgressRow extends ProgressFigures {
  readonly indicator: string;
  readonly enterprise: string;
  readonly group?: string;
  readonly rank: number | null;
  readonly groupRank: number | null;
}

export interface AggregateProgress extends ProgressFigures {
  readonly indicator: string;
  /** The group name, or null for the whole area. */
  readonly group: string | null;
  readonly enterprises: number;
  readonly reported: number;
}

export interface IndicatorProgress {
  readonly indicator: string;
  readonly unit: string;
  readonly kind: Indicator['kind'];
  readonly direction: Indicator['direction'];
  readonly rows: ProgressRow[];
  readonly groups: AggregateProgress[];
  readonly area: AggregateProgress;
  readonly counts: Record<Flag, number>;
}

export interface Plan {
  readonly year: number;
  /** 0 when no report month is set and no actuals exist yet. */
  readonly reportMonth: number;
  readonly schedule: number;
  readonly asOf: YMD;
  readonly allocations: Allocation[];
  readonly progress: IndicatorProgress[];
}

export interface PlanContext {
  /** Today's date: used only where the input leaves the year open. */
  readonly today: YMD;
}

const profileName = (name: string): string => (name === 'even' ? EVEN.name : name);

/** The grid an indicator's periods use: its profile's, with Jan-Feb combined if the settings say so. */
function gridOf(p: Profile, combineJanFeb: boolean): Grid {
  if (p.grid === 'months' && combineJanFeb) return 'janFeb';
  return p.grid;
}

/** YTD per enterprise for a year and month, from cumulative or monthly actuals. */
function ytdTable(
  actuals: readonly { a: Actual; name: string }[],
  indicator: string,
  year: number,
  month: number,
  basis: PlanInput['settings']['actualsBasis'],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const { a, name } of actuals) {
    if (a.year !== year) continue;
    const cell = a.values[indicator];
    if (cell === undefined) continue;
    if (basis === 'cumulative') {
      if (a.month === month) out.set(name, cell.value);
    } else if (a.month <= month) {
      out.set(name, (out.get(name) ?? 0) + cell.value);
    }
  }
  return out;
}

function allocate(
  ind: Indicator,
  input: PlanInput,
  profiles: Map<string, Profile>,
  constraints: readonly Constraint[],
): Result<Allocation> {
  const es = input.enterprises;
  const base = input.base[ind.name] ?? {};
  const weights = input.weights[ind.name] ?? {};
  const hasWeights = Object.keys(weights).length > 0;
  const byEnterprise = new Map<string, { lock?: number; floor?: number; cap?: number }>();
  for (const c of constraints) {
    if (c.indicator !== ind.name) continue;
    const b = byEnterprise.get(c.enterprise) ?? {};
    byEnterprise.set(c.enterprise, { ...b, [c.type]: c.value });
  }
  const errors: FenjieError[] = [];
  const rows: SplitRow[] = es.map((e) => {
    const c = byEnterprise.get(e.name) ?? {};
    const b = base[e.name]?.value ?? 0;
    const w = weights[e.name]?.value;
    switch (ind.method) {
      case 'weights':
        if (w === undefined && c.lock === undefined) {
          errors.push(fenjieError('MissingWeight', { indicator: ind.name, enterprise: e.name }, ind.ref));
        }
        return { ...c, weight: w ?? 0 };
      case 'base':
        return { ...c, weight: b };
      case 'equal':
        return { ...c, weight: 1 };
      case 'increment':
        if (hasWeights && w === undefined && c.lock === undefined) {
          errors.push(fenjieError('MissingWeight', { indicator: ind.name, enterprise: e.name }, ind.ref));
        }
        return { ...c, weight: hasWeights ? (w ?? 0) : 1, offset: b };
      case 'manual':
        if (c.lock === undefined) {
          errors.push(fenjieError('ManualMissingPart', { indicator: ind.name, enterprise: e.name }, e.ref));
        }
        return { weight: 0, lock: c.lock ?? 0 };
    }
  });
  if (errors.length > 0) return fail(...errors);
  if (ind.method === 'manual') {
    const sum = rows.reduce((s, r) => s + toUnits(r.lock ?? 0, ind.decimals), 0);
    const total = toUnits(ind.target, ind.decimals);
    if (sum !== total) {
      return fail(
        fenjieError(
          'ManualSumMismatch',
          {
            indicator: ind.name,
            sum: fromUnits(sum, ind.decimals),
            total: ind.target,
            diff: fromUnits(sum - total, ind.decimals),
          },
          ind.targetRef ?? ind.ref,
        ),
      );
    }
  }
  const split = splitTotal({
    total: ind.target,
    decimals: ind.decimals,
    rows,
    indicator: ind.name,
    names: es.map((e) => e.name),
    ...(ind.targetRef ? { ref: ind.targetRef } : {}),
  });
  if (!split.ok) return split;

  // Across time: enterprises that follow the indicator's profile are rounded together so both
  // margins are exact; an enterprise with a profile of its own is rounded on its row.
  const areaProfile = profiles.get(profileName(ind.profile)) ?? EVEN;
  const grid = gridOf(areaProfile, input.settings.combineJanFeb);
  const areaShares = gridShares(areaProfile, grid);
  const own = (e: Enterprise): Profile | undefined => {
    const name = e.profile === undefined ? undefined : profileName(e.profile);
    return name === undefined || name === areaProfile.name ? undefined : profiles.get(name);
  };
  const shared: number[] = [];
  es.forEach((e, i) => {
    if (!own(e)) shared.push(i);
  });
  const block = controlledRound(
    shared.map((i) => split.value.units[i] as number),
    areaShares,
  );
  const periodUnits: number[][] = new Array(es.length);
  shared.forEach((i, k) => {
    periodUnits[i] = block.cells[k] as number[];
  });
  es.forEach((e, i) => {
    const p = own(e);
    if (p) periodUnits[i] = roundRow(split.value.units[i] as number, gridShares(p, grid));
  });
  const d = ind.decimals;
  const totals = new Array<number>(areaShares.length).fill(0);
  const outRows: AllocationRow[] = es.map((e, i) => {
    const cells = periodUnits[i] as number[];
    cells.forEach((u, j) => (totals[j] = (totals[j] as number) + u));
    return {
      enterprise: e.name,
      ...(e.group ? { group: e.group } : {}),
      profile: own(e)?.name ?? areaProfile.name,
      annual: split.value.parts[i] as number,
      exact: split.value.exact[i] as number,
      periods: cells.map((u) => fromUnits(u, d)),
    };
  });
  return ok({
    indicator: ind.name,
    unit: ind.unit,
    decimals: d,
    grid,
    total: fromUnits(toUnits(ind.target, d), d),
    profile: areaProfile.name,
    rows: outRows,
    periodTotals: totals.map((u) => fromUnits(u, d)),
  });
}

/** Latest month with any figure for the year, or 0 when there is none. */
function latestMonth(actuals: readonly Actual[], year: number): number {
  let m = 0;
  for (const a of actuals) if (a.year === year && Object.keys(a.values).length > 0 && a.month > m) m = a.month;
  return m;
}

export function plan(input: PlanInput, ctx: PlanContext): Result<Plan> {
  const st = input.settings;
  const year = st.year ?? ctx.today.y;
  const invalid = validateInput(input, year);
  if (invalid.length > 0) return fail(...invalid);
  const reportMonth = st.reportMonth ?? latestMonth(input.actuals, year);
  const asOf = st.asOf ?? lastDayOfMonth(year, Math.max(1, reportMonth));
  const schedule = timeSchedule({ basis: st.scheduleBasis, year, reportMonth, asOf });
  const profiles = new Map<string, Profile>([[EVEN.name, EVEN]]);
  for (const p of input.profiles) profiles.set(p.name, p);

  const errors: FenjieError[] = [];
  const allocations: Allocation[] = [];
  for (const ind of input.indicators) {
    if (ind.kind !== 'total') continue;
    const r = allocate(ind, input, profiles, input.constraints);
    if (r.ok) allocations.push(r.value);
    else errors.push(...r.errors);
  }
  if (errors.length > 0) return fail(...errors);

  const resolve = enterpriseResolver(input);
  const actuals = input.actuals.map((a) => ({ a, name: resolve(a) ?? a.enterprise }));
  const ctxP = { reportMonth, schedule, behind: st.behindThreshold, serious: st.seriousThreshold };
  const progress: IndicatorProgress[] = input.indicators.map((ind) => {
    const alloc = allocations.find((a) => a.indicator === ind.name);
    const now = ytdTable(actuals, ind.name, year, reportMonth, st.actualsBasis);
    const then = ytdTable(actuals, ind.name, year - 1, reportMonth, st.actualsBasis);
    const traits = {
      kind: ind.kind,
      direction: ind.direction,
      ...(ind.kind === 'rate' ? { targetRate: ind.target } : {}),
      ...(ind.targetGrowth !== undefined ? { targetGrowth: ind.targetGrowth } : {}),
    };
    const inputs = input.enterprises.map((e, i) => {
      const own = e.profile === undefined ? undefined : profiles.get(profileName(e.profile));
      const p = own ?? profiles.get(profileName(ind.profile)) ?? EVEN;
      return {
        e,
        target: ind.kind === 'total' ? (alloc?.rows[i]?.annual ?? 0) : ind.target,
        ytd: now.get(e.name) ?? null,
        lastYtd: then.get(e.name) ?? null,
        planned: plannedSchedule(p, reportMonth),
      };
    });
    const figures = inputs.map((r) => progressOf(r, traits, ctxP));
    const rankKey = (f: ProgressFigures): number | null => (ind.kind === 'rate' ? f.yoy : f.completion);
    const ranks = rankValues(figures.map(rankKey), ind.direction);
    const groupNames = [...new Set(input.enterprises.map((e) => e.group).filter((g): g is string => !!g))];
    const groupRanks = new Array<number | null>(figures.length).fill(null);
    const aggregate = (idx: number[], group: string | null): AggregateProgress => {
      const s = sumRows(idx.map((i) => inputs[i] as (typeof inputs)[number]));
      const f = progressOf(
        ind.kind === 'rate' ? { ...s, target: ind.target } : s,
        traits,
        ctxP,
      );
      return {
        ...f,
        indicator: ind.name,
        group,
        enterprises: idx.length,
        reported: idx.filter((i) => inputs[i]?.ytd !== null).length,
      };
    };
    const groups = groupNames.map((g) => {
      const idx = inputs.flatMap((r, i) => (r.e.group === g ? [i] : []));
      rankValues(idx.map((i) => rankKey(figures[i] as ProgressFigures)), ind.direction).forEach((r, k) => {
        groupRanks[idx[k] as number] = r;
      });
      return aggregate(idx, g);
    });
    const area = aggregate(inputs.map((_, i) => i), null);
    const counts = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
    for (const f of figures) counts[f.flag]++;
    return {
      indicator: ind.name,
      unit: ind.unit,
      kind: ind.kind,
      direction: ind.direction,
      rows: figures.map((f, i) => ({
        ...f,
        indicator: ind.name,
        enterprise: input.enterprises[i]?.name ?? '',
        ...(input.enterprises[i]?.group ? { group: input.enterprises[i]?.group as string } : {}),
        rank: ranks[i] ?? null,
        groupRank: groupRanks[i] ?? null,
      })),
      groups,
      area,
      counts,
    };
  });
  return ok({ year, reportMonth, schedule, asOf, allocations, progress });
}
