/**
 * What the result view shows per indicator, computed from a plan: the area's completion against
 * the time schedule (or, for a rate, its growth against the target rate), the flag counts and the
 * enterprises furthest behind. Pure: tested without a browser.
 */
import {
  FLAGS,
  type Flag,
  type IndicatorProgress,
  type IndicatorRound,
  type Lang,
  type MonthlyRound,
  type Plan,
  type ProgressRow,
} from '../../../engine';
import { FLAG_LABELS } from '../../../workbook/names';
import { FLAG_COLORS } from '../../../workbook/spec';
import { pct, signedPct, signedPoints } from '../../format';

/** Colours of a flag: fill and font, as CSS '#rrggbb'. */
export interface FlagColors {
  readonly fill: string;
  readonly font: string;
}

/** A flag with its label and colours. */
export interface FlagView {
  readonly flag: Flag;
  readonly label: string;
  readonly colors: FlagColors;
}

/** The bar chart of one indicator, in a 0–100 wide box. */
export interface ChartGeometry {
  /** Left and right edge of the bar (x from 0 to 100); undefined when there is no figure. */
  readonly bar?: { readonly x: number; readonly width: number };
  /** x of the schedule (or target) marker; undefined when there is none. */
  readonly marker?: number;
  /** x of last month's completion (growth for a rate); undefined when there is none. */
  readonly last?: number;
  /** x of zero, when the scale goes below zero. */
  readonly zero?: number;
}

/** One enterprise behind schedule (or behind its growth target). */
export interface BehindRow {
  readonly enterprise: string;
  /** The decisive gap, in points, signed: '−24.6'. */
  readonly gap: string;
  /** Which test the gap is: the schedule or the growth target. */
  readonly test: 'schedule' | 'growth';
  readonly flag: FlagView;
}

/** One unit (层层分解): its completion (or growth), gap, flag and rank among its siblings. */
export interface UnitView {
  readonly unit: string;
  /** 1 under the area. */
  readonly level: number;
  readonly actual: string;
  readonly gap: string;
  readonly rank: number | null;
  readonly flag: FlagView;
}

/** One indicator's view. */
export interface IndicatorView {
  readonly indicator: string;
  readonly unit: string;
  readonly kind: 'total' | 'rate';
  readonly flag: FlagView;
  /** Completion (total) or growth (rate), formatted. */
  readonly actual: string;
  /** Time schedule (total) or target rate (rate), formatted. */
  readonly marker: string;
  /** Gap in points, signed, or '—'. */
  readonly gap: string;
  /** Last month's completion (growth for a rate), formatted, when there is a last month. */
  readonly lastActual?: string;
  /** For a total whose growth test failed: its growth and the target growth. */
  readonly growth?: { readonly yoy: string; readonly target: string };
  readonly chart: ChartGeometry;
  readonly counts: readonly (FlagView & { readonly n: number })[];
  readonly behind: readonly BehindRow[];
  /** With units: each unit, in the units' order (children after their parent). */
  readonly units?: readonly UnitView[];
}

/** The whole result. */
export interface ResultModel {
  readonly year: number;
  readonly reportMonth: number;
  readonly schedule: string;
  readonly indicators: readonly IndicatorView[];
}

const hex = (c: string): string => `#${c}`;

/** A flag's label (in `lang`) and colours. */
export function flagView(flag: Flag, lang: Lang): FlagView {
  const c = FLAG_COLORS[flag];
  return { flag, label: FLAG_LABELS[flag][lang], colors: { fill: hex(c.fill), font: hex(c.font) } };
}

/** How far behind a gap is: positive is behind, for either direction. */
const badness = (gap: number | null, direction: 'higher' | 'lower'): number =>
  gap === null ? Number.NEGATIVE_INFINITY : direction === 'higher' ? -gap : gap;

/** The decisive gap of a row: the worse of the schedule gap and the growth gap. */
function decisive(
  r: ProgressRow,
  direction: 'higher' | 'lower',
): { gap: number; test: 'schedule' | 'growth'; bad: number } | undefined {
  const s = badness(r.gap, direction);
  const g = r.growthGap === r.gap ? Number.NEGATIVE_INFINITY : badness(r.growthGap, direction);
  if (s === Number.NEGATIVE_INFINITY && g === Number.NEGATIVE_INFINITY) return undefined;
  return g > s
    ? { gap: r.growthGap as number, test: 'growth', bad: g }
    : { gap: r.gap as number, test: 'schedule', bad: s };
}

/**
 * The `limit` enterprises furthest behind: largest negative gap (for lower-is-better, largest
 * positive), taking for each the worse of its schedule and growth gaps; only those behind.
 */
export function mostBehind(p: IndicatorProgress, lang: Lang, limit = 5): BehindRow[] {
  return p.rows
    .map((r, i) => ({ r, i, d: decisive(r, p.direction) }))
    .filter(
      (x): x is { r: ProgressRow; i: number; d: NonNullable<ReturnType<typeof decisive>> } =>
        x.d !== undefined && x.d.bad > 0,
    )
    .sort((a, b) => b.d.bad - a.d.bad || a.i - b.i)
    .slice(0, limit)
    .map(({ r, d }) => ({
      enterprise: r.enterprise,
      gap: signedPoints(d.gap),
      test: d.test,
      flag: flagView(r.flag, lang),
    }));
}

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * The chart of a value against a marker, with last month's value; totals are drawn on
 * 0 … max(100%, value, marker, last).
 */
export function chartGeometry(
  value: number | null,
  marker: number | null,
  kind: 'total' | 'rate',
  last: number | null = null,
): ChartGeometry {
  const figures = [value, marker, last].filter(finite);
  const lo = Math.min(0, ...figures);
  let hi = Math.max(kind === 'total' ? 1 : 0, ...figures);
  if (kind === 'rate') hi = hi === 0 && lo === 0 ? 1 : hi + (hi - lo) * 0.1;
  const x = (v: number): number => ((v - lo) / (hi - lo)) * 100;
  const z = x(0);
  return {
    ...(value !== null && Number.isFinite(value)
      ? { bar: { x: Math.min(z, x(value)), width: Math.abs(x(value) - z) } }
      : {}),
    ...(finite(marker) ? { marker: x(marker) } : {}),
    ...(finite(last) ? { last: x(last) } : {}),
    ...(lo < 0 ? { zero: z } : {}),
  };
}

/** One indicator's view; `round`, its monthly round, gives last month's marker. */
export function indicatorView(
  p: IndicatorProgress,
  schedule: number,
  lang: Lang,
  round?: IndicatorRound,
): IndicatorView {
  const a = p.area;
  const total = p.kind === 'total';
  const value = total ? a.completion : a.yoy;
  const marker = total ? (a.schedule ?? schedule) : a.target;
  const last = round?.area.lastValue ?? null;
  const growthFailed =
    total && a.failed.includes('growth') && a.yoy !== null && a.growthGap !== null;
  return {
    indicator: p.indicator,
    unit: p.unit,
    kind: p.kind,
    flag: flagView(a.flag, lang),
    actual: total ? pct(value) : signedPct(value),
    marker: total ? pct(marker) : signedPct(marker),
    gap: a.gap === null ? '—' : signedPoints(a.gap),
    ...(last === null ? {} : { lastActual: total ? pct(last) : signedPct(last) }),
    ...(growthFailed
      ? {
          growth: {
            yoy: signedPct(a.yoy),
            target: signedPct(a.yoy - a.growthGap / 100),
          },
        }
      : {}),
    chart: chartGeometry(value, marker, p.kind, last),
    counts: FLAGS.map((f) => ({ ...flagView(f, lang), n: p.counts[f] })),
    behind: mostBehind(p, lang),
    ...(p.units ? { units: unitViews(p, lang) } : {}),
  };
}

/** The units of an indicator, each parent followed by its children. */
export function unitViews(p: IndicatorProgress, lang: Lang): UnitView[] {
  const units = p.units ?? [];
  const out: UnitView[] = [];
  const visit = (parent: string | null): void => {
    for (const u of units) {
      if (u.parent !== parent) continue;
      const value = p.kind === 'total' ? u.completion : u.yoy;
      out.push({
        unit: u.unit,
        level: u.level,
        actual: p.kind === 'total' ? pct(value) : signedPct(value),
        gap: u.gap === null ? '—' : signedPoints(u.gap),
        rank: u.rank,
        flag: flagView(u.flag, lang),
      });
      visit(u.unit);
    }
  };
  visit(null);
  return out;
}

/** The result view of a plan and, when given, its monthly round (last month's markers). */
export function resultModel(plan: Plan, lang: Lang, round?: MonthlyRound): ResultModel {
  return {
    year: plan.year,
    reportMonth: plan.reportMonth,
    schedule: pct(plan.schedule),
    indicators: plan.progress.map((p, k) =>
      indicatorView(p, plan.schedule, lang, round?.indicators[k]),
    ),
  };
}
