/**
 * The whole computation: validate, split every total indicator across enterprises and periods,
 * compute schedule progress. One function, plain data in and out; `today` is passed in.
 *
 * @example
 *   const r = plan(input, { today: { y: 2025, m: 9, d: 3 } });
 *   if (r.ok) r.value.allocations[0].rows[0].annual; else r.errors;
 */
import { lastDayOfMonth, timeSchedule, type YMD } from './calendar';
import { outOfBounds, zeros } from './checked';
import { fail, fenjieError, ok, type FenjieError, type Result } from './errors';
import { controlledRound, roundRow } from './matrix';
import type { Actual, Constraint, Enterprise, Flag, Indicator, PlanInput } from './model';
import { FLAGS } from './model';
import { fromUnits, toUnits } from './number';
import {
  canonicalProfileName,
  EVEN,
  gridShares,
  issuedProfile,
  plannedSchedule,
  type Grid,
  type Profile,
} from './profile';
import {
  progressOf,
  rankKeyFor,
  rankValues,
  sumRows,
  traitsOf,
  type ProgressFigures,
} from './progress';
import { cascadePeriods, cascadeSplit, type Bands, type UnitBounds } from './cascade';
import { splitTotal, type SplitProblem, type SplitResult, type SplitRow } from './split';
import { unitTree, usesUnits, type UnitTree } from './units';
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
  /** With units: the enterprise's unit. */
  readonly unit?: string;
}

/** A unit's part (层层分解): the sum of its children's, each within one step of its exact share. */
export interface UnitAllocationRow {
  readonly unit: string;
  /** The parent unit, or null for the area. */
  readonly parent: string | null;
  /** 1 under the area. */
  readonly level: number;
  readonly annual: number;
  readonly exact: number;
  /** Its enterprises' periods summed. */
  readonly periods: number[];
  /**
   * The bands its part was split within (cascade.ts): for each enterprise and unit below it
   * that is not fixed, its floor and cap in integer units of the step (10^-decimals); a node
   * below the allocation's row count is that row's enterprise, above it the unit
   * `units[node − rows.length]`. With them as floors and caps, the unit's own workbook splits its
   * part to exactly these parts.
   */
  readonly bands: Bands;
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
  /** With units: one row per unit, in the units' order. */
  readonly units?: UnitAllocationRow[];
}

export interface ProgressRow extends ProgressFigures {
  readonly indicator: string;
  /** The enterprise's position in the input's enterprises (rows leave out those not concerned). */
  readonly index: number;
  readonly enterprise: string;
  readonly group?: string;
  readonly rank: number | null;
  readonly groupRank: number | null;
  /** With units: the enterprise's unit and its rank among that unit's enterprises. */
  readonly unit?: string;
  readonly unitRank?: number | null;
}

/** A unit's progress (层层分解), from its enterprises' summed totals. */
export interface UnitProgress extends AggregateProgress {
  readonly unit: string;
  /** The parent unit, or null for the area. */
  readonly parent: string | null;
  /** 1 under the area. */
  readonly level: number;
  /** Rank among the units of the same parent. */
  readonly rank: number | null;
}

export interface AggregateProgress extends ProgressFigures {
  readonly indicator: string;
  /** The group name, or null for the whole area. */
  readonly group: string | null;
  readonly enterprises: number;
  readonly reported: number;
  /** This year's YTD over the enterprises reported in both years (the like-for-like base of yoy). */
  readonly ytdLike: number | null;
}

export interface IndicatorProgress {
  readonly indicator: string;
  readonly unit: string;
  readonly kind: Indicator['kind'];
  readonly direction: Indicator['direction'];
  /**
   * One row per enterprise the indicator concerns, in input order. Not concerned (not applicable,
   * never 无数据): no part (a total) or no base (a rate), and no figure in Actuals in either year
   * (a firm outside the 规上 directory under 规上工业产值).
   */
  readonly rows: ProgressRow[];
  readonly groups: AggregateProgress[];
  readonly area: AggregateProgress;
  readonly counts: Record<Flag, number>;
  /** With units: one row per unit, in the units' order. */
  readonly units?: UnitProgress[];
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
  /**
   * The allocations of this same input, already computed (the monthly round plans earlier report
   * months of one input: the split does not depend on the report month); absent: split here.
   */
  readonly allocations?: readonly Allocation[];
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The grid an indicator's periods use: its profile's, with Jan-Feb combined if the settings say so. */
function gridOf(p: Profile, combineJanFeb: boolean): Grid {
  if (p.grid === 'months' && combineJanFeb) return 'janFeb';
  return p.grid;
}

/** YTD figures of the enterprise slots for one indicator: `has[slot]` is 1 where there is a figure. */
interface YtdTable {
  readonly value: Float64Array;
  readonly has: Uint8Array;
}

/**
 * YTD per indicator and enterprise for a year and month, from cumulative or monthly actuals, in
 * one pass over the actuals. `slotOfRow(r)` is the enterprise slot of actuals row r (−1: none).
 * Figures are taken, and for monthly actuals summed, in the order of the actuals (the later
 * figure wins).
 */
function ytdTables(
  actuals: readonly Actual[],
  slotOfRow: (r: number) => number,
  indicators: readonly Indicator[],
  slotCount: number,
  year: number,
  month: number,
  basis: PlanInput['settings']['actualsBasis'],
): YtdTable[] {
  const out = indicators.map(() => ({
    value: new Float64Array(slotCount),
    has: new Uint8Array(slotCount),
  }));
  const cumulative = basis === 'cumulative';
  const positions = new ColumnPositions(indicators);
  for (let r = 0; r < actuals.length; r++) {
    const a = actuals[r] ?? outOfBounds();
    if (a.year !== year || (cumulative ? a.month !== month : !(a.month <= month))) continue;
    const slot = slotOfRow(r);
    if (slot < 0) continue;
    const pos = positions.of(a);
    for (let k = 0; k < indicators.length; k++) {
      const p = pos[k] ?? outOfBounds();
      const v = p < 0 ? undefined : a.values[p];
      if (v === undefined) continue;
      const t = out[k] ?? outOfBounds();
      if (cumulative) t.value[slot] = v;
      else t.value[slot] = (t.has[slot] ? (t.value[slot] ?? outOfBounds()) : 0) + v;
      t.has[slot] = 1;
    }
  }
  return out;
}

/**
 * Per indicator and enterprise slot: 1 where Actuals hold a figure for the year or the year before
 * (any month). An enterprise with no part and no figure is not concerned by the indicator.
 */
function reportedTables(
  actuals: readonly Actual[],
  slotOfRow: (r: number) => number,
  indicators: readonly Indicator[],
  slotCount: number,
  year: number,
): Uint8Array[] {
  const out = indicators.map(() => new Uint8Array(slotCount));
  const positions = new ColumnPositions(indicators);
  for (let r = 0; r < actuals.length; r++) {
    const a = actuals[r] ?? outOfBounds();
    if (a.year !== year && a.year !== year - 1) continue;
    const slot = slotOfRow(r);
    if (slot < 0) continue;
    const pos = positions.of(a);
    for (let k = 0; k < indicators.length; k++) {
      const p = pos[k] ?? outOfBounds();
      if (p >= 0 && a.values[p] !== undefined) (out[k] ?? outOfBounds())[slot] = 1;
    }
  }
  return out;
}

/**
 * Where each indicator's figure sits in an actuals row's `values` (−1: no column), worked out
 * again only when a row's indicator names differ from the row before's.
 */
class ColumnPositions {
  private last: readonly string[] | undefined;
  private pos: Int32Array = new Int32Array(0);
  constructor(private readonly indicators: readonly Indicator[]) {}
  of(a: Actual): Int32Array {
    if (a.indicators !== this.last) {
      // A caller may give each row a list of its own with the same names (a sheet's rows share
      // one): compared by name before the positions are worked out again.
      if (!sameNames(a.indicators, this.last))
        this.pos = Int32Array.from(this.indicators, (ind) => a.indicators.indexOf(ind.name));
      this.last = a.indicators;
    }
    return this.pos;
  }
}

function sameNames(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

const NO_CONSTRAINT: { lock?: number; floor?: number; cap?: number } = {};

/** Whether `o` has an own enumerable key (Object.keys(o).length > 0 without listing them). */
function hasOwnKey(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

function allocate(
  ind: Indicator,
  input: PlanInput,
  profiles: Map<string, Profile>,
  constraints: readonly Constraint[],
  tree?: UnitTree,
): Result<Allocation> {
  const es = input.enterprises;
  const base = input.base[ind.name] ?? {};
  const weights = input.weights[ind.name] ?? {};
  const hasWeights = hasOwnKey(weights);
  const byEnterprise = new Map<string, { lock?: number; floor?: number; cap?: number }>();
  const unitBounds = new Map<string, UnitBounds>();
  for (const c of constraints) {
    if (c.indicator !== ind.name) continue;
    if (tree?.byName.has(c.enterprise)) {
      const b = unitBounds.get(c.enterprise) ?? {};
      unitBounds.set(c.enterprise, { ...b, [c.type]: c.value, [`${c.type}Ref`]: c.ref });
      continue;
    }
    const b = byEnterprise.get(c.enterprise) ?? {};
    byEnterprise.set(c.enterprise, { ...b, [c.type]: c.value });
  }
  const errors: FenjieError[] = [];
  const rows: SplitRow[] = es.map((e) => {
    const c = byEnterprise.get(e.name) ?? NO_CONSTRAINT;
    const b = base[e.name]?.value ?? 0;
    const w = weights[e.name]?.value;
    // One object shape for every row; splitTotal reads an undefined bound as none.
    const row = (weight: number, offset?: number): SplitRow => ({
      weight,
      offset,
      lock: c.lock,
      floor: c.floor,
      cap: c.cap,
    });
    switch (ind.method) {
      case 'weights':
        if (w === undefined && c.lock === undefined) {
          errors.push(
            fenjieError('MissingWeight', { indicator: ind.name, enterprise: e.name }, ind.ref),
          );
        }
        return row(w ?? 0);
      case 'base':
        return row(b);
      case 'equal':
        return row(1);
      case 'increment':
        if (hasWeights && w === undefined && c.lock === undefined) {
          errors.push(
            fenjieError('MissingWeight', { indicator: ind.name, enterprise: e.name }, ind.ref),
          );
        }
        return row(hasWeights ? (w ?? 0) : 1, b);
      case 'manual':
        if (c.lock === undefined) {
          errors.push(
            fenjieError('ManualMissingPart', { indicator: ind.name, enterprise: e.name }, e.ref),
          );
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
  const problem: SplitProblem = {
    total: ind.target,
    decimals: ind.decimals,
    rows,
    indicator: ind.name,
    names: es.map((e) => e.name),
    ...(ind.targetRef ? { ref: ind.targetRef } : {}),
    weightField: ind.method === 'base' ? 'base' : 'weight',
    weightRefs: es.map((e) =>
      ind.method === 'base'
        ? base[e.name]?.ref
        : ind.method === 'equal'
          ? undefined
          : weights[e.name]?.ref,
    ),
  };
  const cascade = tree
    ? cascadeSplit({ ...problem, tree, unitBounds: tree.units.map((u) => unitBounds.get(u.name)) })
    : undefined;
  const split: Result<SplitResult> = cascade ?? splitTotal(problem);
  if (!split.ok) return split;

  // Across time: enterprises that follow the indicator's profile are rounded together, so each
  // row sums to its annual part and each period to the area's part (within one step of its exact
  // share, see matrix.ts); an enterprise with a profile of its own is rounded on its row.
  const areaProfile = profiles.get(canonicalProfileName(ind.profile)) ?? EVEN;
  const grid = gridOf(areaProfile, input.settings.combineJanFeb);
  const areaShares = gridShares(areaProfile, grid);
  const own = (e: Enterprise): Profile | undefined => {
    const name = e.profile === undefined ? undefined : canonicalProfileName(e.profile);
    return name === undefined || name === areaProfile.name ? undefined : profiles.get(name);
  };
  const owns = es.map(own);
  const shared: number[] = [];
  owns.forEach((p, i) => {
    if (!p) shared.push(i);
  });
  // With units, the table is rounded down the tree (cascade.ts): each unit's period cells are
  // handed to its children as their profile, as its own workbook will hold them (issue.ts).
  const nested = tree
    ? cascadePeriods(
        tree,
        es.map((_, i) => (owns[i] ? 0 : (split.value.units[i] ?? outOfBounds()))),
        areaShares,
        (cells) => {
          const p = issuedProfile(areaProfile.name, areaProfile.grid, grid, cells, ind.decimals);
          return p && gridShares(p, grid);
        },
      ).enterprises
    : undefined;
  const block = nested
    ? { cells: shared.map((i) => nested[i] ?? outOfBounds()) }
    : controlledRound(
        shared.map((i) => split.value.units[i] ?? outOfBounds()),
        areaShares,
      );
  // Each own profile's shares on the grid, computed once.
  const ownShares = new Map<Profile, number[]>();
  const sharesOf = (p: Profile): number[] => {
    let q = ownShares.get(p);
    if (q === undefined) {
      q = gridShares(p, grid);
      ownShares.set(p, q);
    }
    return q;
  };
  let next = 0;
  const periodUnits = owns.map((p, i) =>
    p
      ? roundRow(split.value.units[i] ?? outOfBounds(), sharesOf(p))
      : (block.cells[next++] ?? outOfBounds()),
  );
  const d = ind.decimals;
  const totals = zeros(areaShares.length);
  const outRows: AllocationRow[] = es.map((e, i) => {
    const cells = periodUnits[i] ?? outOfBounds();
    const periods = new Array<number>(cells.length);
    for (let j = 0; j < cells.length; j++) {
      const u = cells[j] ?? outOfBounds();
      totals[j] = (totals[j] ?? outOfBounds()) + u;
      periods[j] = fromUnits(u, d);
    }
    const profile = owns[i]?.name ?? areaProfile.name;
    const annual = split.value.parts[i] ?? outOfBounds();
    const exact = split.value.exact[i] ?? outOfBounds();
    const enterprise = e.name;
    const unit = tree ? e.unit : undefined;
    // One literal per shape (a spread to add the unit cost a tenth of a county's plan).
    if (e.group) {
      const group = e.group;
      return unit === undefined
        ? { enterprise, group, profile, annual, exact, periods }
        : { enterprise, group, profile, annual, exact, periods, unit };
    }
    return unit === undefined
      ? { enterprise, profile, annual, exact, periods }
      : { enterprise, profile, annual, exact, periods, unit };
  });
  let unitRows: UnitAllocationRow[] | undefined;
  if (tree && cascade?.ok) {
    const c = cascade.value;
    const sums = tree.units.map(() => zeros(areaShares.length));
    periodUnits.forEach((cells, i) => {
      for (let u = tree.unitOf[i] ?? -1; u >= 0; u = tree.parentOf[u] ?? -1) {
        const row = sums[u] ?? outOfBounds();
        for (let j = 0; j < cells.length; j++) row[j] = (row[j] ?? 0) + (cells[j] ?? 0);
      }
    });
    unitRows = tree.units.map((u, k) => ({
      unit: u.name,
      parent: u.parent ?? null,
      level: tree.level[k] ?? outOfBounds(),
      annual: c.unitParts[k] ?? outOfBounds(),
      exact: c.unitExact[k] ?? outOfBounds(),
      periods: (sums[k] ?? outOfBounds()).map((v) => fromUnits(v, d)),
      bands: c.bands[k] ?? outOfBounds(),
    }));
  }
  return ok({
    indicator: ind.name,
    unit: ind.unit,
    decimals: d,
    grid,
    total: fromUnits(toUnits(ind.target, d), d),
    profile: areaProfile.name,
    rows: outRows,
    periodTotals: totals.map((u) => fromUnits(u, d)),
    ...(unitRows ? { units: unitRows } : {}),
  });
}

/** How many of the rows `idx` of `inputs` have a figure this year. */
function countReported(idx: readonly number[], inputs: readonly { ytd: number | null }[]): number {
  let n = 0;
  for (const i of idx) if ((inputs[i] ?? outOfBounds()).ytd !== null) n++;
  return n;
}

/**
 * The latest month of the year that Actuals holds a row for, or 0 when there is none (the live
 * sheets' rule, workbook/render/helper.ts: a pasted month moves the period on).
 */
function latestMonth(actuals: readonly Actual[], year: number): number {
  let m = 0;
  for (const a of actuals) if (a.year === year && a.month > m) m = a.month;
  return m;
}

export function plan(input: PlanInput, ctx: PlanContext): Result<Plan> {
  const st = input.settings;
  const year = st.year ?? ctx.today.y;
  const invalid = validateInput(input, year);
  if (invalid.length > 0) return fail(...invalid);
  const reportMonth = st.reportMonth ?? latestMonth(input.actuals, year);
  // With no month reported yet the year has not started: the as-of date is the eve of the year.
  const asOf =
    st.asOf ??
    (reportMonth === 0 ? { y: year - 1, m: 12, d: 31 } : lastDayOfMonth(year, reportMonth));
  const schedule = timeSchedule({ basis: st.scheduleBasis, year, reportMonth, asOf });
  const profiles = new Map<string, Profile>([[EVEN.name, EVEN]]);
  for (const p of input.profiles) profiles.set(p.name, p);

  const errors: FenjieError[] = [];
  const allocations: Allocation[] = ctx.allocations ? [...ctx.allocations] : [];
  const tree = usesUnits(input) ? unitTree(input) : undefined;
  for (const ind of ctx.allocations ? [] : input.indicators) {
    if (ind.kind !== 'total') continue;
    const r = allocate(ind, input, profiles, input.constraints, tree);
    if (r.ok) allocations.push(r.value);
    else errors.push(...r.errors);
  }
  if (errors.length > 0) return fail(...errors);

  const es = input.enterprises;
  // One slot per distinct enterprise name (names are unique once validated); each actuals row
  // resolved to its enterprise's slot.
  const slots = new Map<string, number>();
  const slotOf = es.map((e) => {
    let k = slots.get(e.name);
    if (k === undefined) {
      k = slots.size;
      slots.set(e.name, k);
    }
    return k;
  });
  // Rows are resolved when first needed (cumulative actuals need one month of each year).
  const resolve = enterpriseResolver(input);
  const actualSlots = new Int32Array(input.actuals.length).fill(-2);
  const slotOfRow = (r: number): number => {
    let k = actualSlots[r] ?? outOfBounds();
    if (k === -2) {
      const a = input.actuals[r] ?? outOfBounds();
      k = slots.get(resolve(a) ?? a.enterprise) ?? -1;
      actualSlots[r] = k;
    }
    return k;
  };
  const nows = ytdTables(
    input.actuals,
    slotOfRow,
    input.indicators,
    slots.size,
    year,
    reportMonth,
    st.actualsBasis,
  );
  const thens = ytdTables(
    input.actuals,
    slotOfRow,
    input.indicators,
    slots.size,
    year - 1,
    reportMonth,
    st.actualsBasis,
  );
  const reported = reportedTables(input.actuals, slotOfRow, input.indicators, slots.size, year);
  // The planned schedule of each profile, computed once.
  const plannedOf = new Map<Profile, number>();
  const planned = (p: Profile): number => {
    let v = plannedOf.get(p);
    if (v === undefined) {
      v = plannedSchedule(p, reportMonth);
      plannedOf.set(p, v);
    }
    return v;
  };
  const ownProfiles = es.map((e) =>
    e.profile === undefined ? undefined : profiles.get(canonicalProfileName(e.profile)),
  );
  // Each group's rows, in order, and the groups in order of first appearance.
  const groupIdx = new Map<string, number[]>();
  es.forEach((e, i) => {
    if (!e.group) return;
    const idx = groupIdx.get(e.group);
    if (idx) idx.push(i);
    else groupIdx.set(e.group, [i]);
  });
  const ctxP = { reportMonth, schedule, behind: st.behindThreshold, serious: st.seriousThreshold };
  const progress: IndicatorProgress[] = input.indicators.map((ind, k) => {
    const alloc = allocations.find((a) => a.indicator === ind.name);
    const now = nows[k] ?? outOfBounds();
    const then = thens[k] ?? outOfBounds();
    const traits = traitsOf(ind);
    const areaPlanned = planned(profiles.get(canonicalProfileName(ind.profile)) ?? EVEN);
    const seen = reported[k] ?? outOfBounds();
    const base = input.base[ind.name] ?? {};
    const concerned = (e: Enterprise, i: number): boolean =>
      seen[slotOf[i] ?? outOfBounds()] === 1 ||
      (ind.kind === 'total'
        ? (alloc?.rows[i]?.annual ?? 0) !== 0
        : (base[e.name]?.value ?? 0) !== 0);
    const indices = es.flatMap((e, i) => (concerned(e, i) ? [i] : []));
    const inputs = indices.map((i) => {
      const e = es[i] ?? outOfBounds();
      const own = ownProfiles[i];
      const slot = slotOf[i] ?? outOfBounds();
      return {
        e,
        target: ind.kind === 'total' ? (alloc?.rows[i]?.annual ?? 0) : ind.target,
        ytd: now.has[slot] ? (now.value[slot] ?? outOfBounds()) : null,
        lastYtd: then.has[slot] ? (then.value[slot] ?? outOfBounds()) : null,
        planned: own ? planned(own) : areaPlanned,
      };
    });
    const figures = inputs.map((r) => progressOf(r, traits, ctxP));
    // Ranks compare the key the sheets compare (rounded to 9 decimals).
    const rankKey = (f: ProgressFigures): number | null => rankKeyFor(ind.kind, f);
    const ranks = rankValues(figures.map(rankKey), ind.direction);
    const groupRanks = new Array<number | null>(figures.length).fill(null);
    const aggregate = (idx: number[], group: string | null): AggregateProgress => {
      const s = sumRows(idx.map((i) => inputs[i] ?? outOfBounds()));
      const f = progressOf(ind.kind === 'rate' ? { ...s, target: ind.target } : s, traits, ctxP);
      return {
        ...f,
        indicator: ind.name,
        group,
        enterprises: idx.length,
        reported: countReported(idx, inputs),
        ytdLike: s.ytdLike,
      };
    };
    // Groups and the area over the rows concerned (positions in `inputs`); a group none of whose
    // enterprises is concerned has no row.
    const position = new Int32Array(es.length).fill(-1);
    indices.forEach((i, p) => (position[i] = p));
    const groups = [...groupIdx].flatMap(([g, members]) => {
      const idx = members.flatMap((i) => {
        const p = position[i] ?? outOfBounds();
        return p === -1 ? [] : [p];
      });
      if (idx.length === 0) return [];
      rankValues(
        idx.map((i) => rankKey(figures[i] ?? outOfBounds())),
        ind.direction,
      ).forEach((r, k) => {
        groupRanks[idx[k] ?? outOfBounds()] = r;
      });
      return [aggregate(idx, g)];
    });
    const area = aggregate(
      indices.map((_, p) => p),
      null,
    );
    const counts = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<Flag, number>;
    for (const f of figures) counts[f.flag]++;
    // Units: each from the enterprises below it; ranked among their siblings, and each leaf's
    // enterprises among themselves.
    let unitRows: UnitProgress[] | undefined;
    const unitRanks = new Array<number | null>(tree ? figures.length : 0).fill(null);
    if (tree) {
      const below = tree.units.map((): number[] => []);
      indices.forEach((i, p) => {
        for (let u = tree.unitOf[i] ?? -1; u >= 0; u = tree.parentOf[u] ?? -1)
          (below[u] ?? outOfBounds()).push(p);
      });
      const aggs = tree.units.map((u, k) => aggregate(below[k] ?? outOfBounds(), u.group ?? null));
      const rankOf = new Array<number | null>(tree.units.length).fill(null);
      for (const siblings of [tree.top, ...tree.childUnits]) {
        rankValues(
          siblings.map((k) => rankKey(aggs[k] ?? outOfBounds())),
          ind.direction,
        ).forEach((r, m) => (rankOf[siblings[m] ?? outOfBounds()] = r));
      }
      tree.enterprisesOf.forEach((_, k) => {
        if ((tree.childUnits[k] ?? outOfBounds()).length > 0) return;
        const idx = below[k] ?? outOfBounds();
        rankValues(
          idx.map((p) => rankKey(figures[p] ?? outOfBounds())),
          ind.direction,
        ).forEach((r, m) => (unitRanks[idx[m] ?? outOfBounds()] = r));
      });
      unitRows = tree.units.map((u, k) => ({
        ...(aggs[k] ?? outOfBounds()),
        unit: u.name,
        parent: u.parent ?? null,
        level: tree.level[k] ?? outOfBounds(),
        rank: rankOf[k] ?? null,
      }));
    }
    return {
      indicator: ind.name,
      unit: ind.unit,
      kind: ind.kind,
      direction: ind.direction,
      rows: figures.map((f, i) => {
        // The row is the figures object (fresh from progressOf) with the row's fields appended:
        // the same keys in the same order as { ...f, indicator, … }, but a spread copy of a
        // 17-field object costs about 1 kB of heap per row in V8.
        const row = f as Writable<ProgressRow>;
        const index = indices[i] ?? outOfBounds();
        row.indicator = ind.name;
        row.index = index;
        row.enterprise = es[index]?.name ?? '';
        const group = es[index]?.group;
        if (group) row.group = group;
        row.rank = ranks[i] ?? null;
        row.groupRank = groupRanks[i] ?? null;
        const unit = es[index]?.unit;
        if (tree && unit !== undefined) {
          row.unit = unit;
          row.unitRank = unitRanks[i] ?? null;
        }
        return row;
      }),
      groups,
      area,
      counts,
      ...(unitRows ? { units: unitRows } : {}),
    };
  });
  return ok({ year, reportMonth, schedule, asOf, allocations, progress });
}
