/**
 * The machine-readable result (`plan --json FILE`), exactly as workbook-format.md describes it:
 * numbers in the indicator's unit, fractions for rates, flags as `ahead` … `noData`, periods in
 * the profile's order. A few extra fields (group, planned, failed tests …) follow the documented
 * ones.
 */
import { errorMessage, type FenjieError, type Lang, type Plan } from '../engine';

export interface ResultError {
  readonly code: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly message: string;
}

export interface PlanResultJson {
  readonly year?: number;
  readonly reportMonth?: number;
  readonly allocations: readonly unknown[];
  readonly progress: readonly unknown[];
  readonly areaProgress: readonly unknown[];
  readonly groupProgress: readonly unknown[];
  /** With units: each unit's part, and its progress (ranked among its siblings). */
  readonly unitAllocations?: readonly unknown[];
  readonly unitProgress?: readonly unknown[];
  readonly errors: readonly ResultError[];
}

/** Points (the engine's gaps) to the fraction the JSON uses. */
const frac = (points: number | null): number | null =>
  points === null ? null : Number((points / 100).toFixed(8));

export function errorsJson(errors: readonly FenjieError[], lang: Lang): ResultError[] {
  return errors.map((e) => ({
    code: e.code,
    ...(e.sheet !== undefined ? { sheet: e.sheet } : {}),
    ...(e.cell !== undefined ? { cell: e.cell } : {}),
    message: errorMessage(e, lang),
  }));
}

export function resultJson(plan: Plan): PlanResultJson {
  return {
    year: plan.year,
    reportMonth: plan.reportMonth,
    allocations: plan.allocations.flatMap((a) =>
      a.rows.map((r) => ({
        indicator: a.indicator,
        enterprise: r.enterprise,
        annual: r.annual,
        periods: r.periods,
      })),
    ),
    progress: plan.progress.flatMap((p) =>
      p.rows.map((r) => ({
        indicator: p.indicator,
        enterprise: r.enterprise,
        ...(r.group !== undefined ? { group: r.group } : {}),
        target: r.target,
        ytd: r.ytd,
        completion: r.completion,
        schedule: r.schedule,
        gap: frac(r.gap),
        yoy: r.yoy,
        flag: r.flag,
        rank: r.rank,
        planned: r.planned,
        shortfall: r.shortfall,
        paceNeeded: r.paceNeeded,
        paceSoFar: r.paceSoFar,
        growthGap: frac(r.growthGap),
        failed: r.failed,
        groupRank: r.groupRank,
        ...(r.unit !== undefined ? { unit: r.unit, unitRank: r.unitRank ?? null } : {}),
      })),
    ),
    areaProgress: plan.progress.map((p) => ({
      indicator: p.indicator,
      target: p.area.target,
      ytd: p.area.ytd,
      completion: p.area.completion,
      schedule: p.area.schedule,
      gap: frac(p.area.gap),
      yoy: p.area.yoy,
      flag: p.area.flag,
      failed: p.area.failed,
      counts: p.counts,
    })),
    groupProgress: plan.progress.flatMap((p) =>
      p.groups.map((g) => ({
        indicator: p.indicator,
        group: g.group,
        target: g.target,
        ytd: g.ytd,
        completion: g.completion,
        gap: frac(g.gap),
        yoy: g.yoy,
        flag: g.flag,
      })),
    ),
    // With units (层层分解): each unit's part and progress.
    ...(plan.allocations.some((a) => a.units)
      ? {
          unitAllocations: plan.allocations.flatMap((a) =>
            (a.units ?? []).map((u) => ({
              indicator: a.indicator,
              unit: u.unit,
              parent: u.parent,
              annual: u.annual,
              exact: u.exact,
              periods: u.periods,
            })),
          ),
          unitProgress: plan.progress.flatMap((p) =>
            (p.units ?? []).map((u) => ({
              indicator: p.indicator,
              unit: u.unit,
              parent: u.parent,
              target: u.target,
              ytd: u.ytd,
              completion: u.completion,
              gap: frac(u.gap),
              yoy: u.yoy,
              flag: u.flag,
              rank: u.rank,
            })),
          ),
        }
      : {}),
    errors: [],
  };
}
