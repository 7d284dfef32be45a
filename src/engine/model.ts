/**
 * The plain input model of a plan: what the workbook reader builds from the input sheets and what
 * `plan()` consumes. Plain data (JSON-compatible), no classes. Every value that can be wrong
 * carries the `Ref` of the cell it came from, so engine errors can name it.
 */
import type { ScheduleBasis, YMD } from './calendar';
import type { Ref } from './errors';
import type { Profile } from './profile';

export type Kind = 'total' | 'rate';
export type Direction = 'higher' | 'lower';
export type Method = 'weights' | 'base' | 'equal' | 'increment' | 'manual';
export type ConstraintType = 'lock' | 'floor' | 'cap';
export type ActualsBasis = 'cumulative' | 'monthly';
export type Flag = 'ahead' | 'slightlyBehind' | 'behind' | 'seriouslyBehind' | 'noData';

/** Flags from best to worst, then no data. */
export const FLAGS: readonly Flag[] = [
  'ahead',
  'slightlyBehind',
  'behind',
  'seriouslyBehind',
  'noData',
];

export interface Settings {
  /** The area's name (地区), for titles. */
  readonly area?: string;
  /** Undefined means the current year (from the injected today). */
  readonly year?: number;
  /** 1–12; undefined means "the latest month present in Actuals for the year". */
  readonly reportMonth?: number;
  readonly scheduleBasis: ScheduleBasis;
  readonly asOf?: YMD;
  /** Percentage points behind schedule that make 滞后 / behind. */
  readonly behindThreshold: number;
  /** Percentage points behind schedule that make 严重滞后 / seriously behind. */
  readonly seriousThreshold: number;
  readonly actualsBasis: ActualsBasis;
  readonly combineJanFeb: boolean;
  readonly unit: string;
  /** How many the red and black lists (红榜 / 黑榜) name; undefined: 3. */
  readonly listSize?: number;
  /** Consecutive months behind that lead to 提醒, 约谈 and 督办; undefined: 1, 2, 3. */
  readonly escalation?: readonly [number, number, number];
  /** Cells of the settings, for errors. */
  readonly refs?: Partial<
    Record<'year' | 'reportMonth' | 'asOf' | 'behindThreshold' | 'seriousThreshold', Ref>
  >;
}

export interface Indicator {
  readonly name: string;
  readonly unit: string;
  readonly kind: Kind;
  readonly direction: Direction;
  /** A total in the unit, or for a rate the target rate as a fraction (0.38 for 38%). */
  readonly target: number;
  /** For a total: the growth it must also reach, as a fraction. */
  readonly targetGrowth?: number;
  readonly method: Method;
  readonly decimals: number;
  readonly profile: string;
  /** The row's name cell, the target cell, the target growth cell and the profile cell. */
  readonly ref?: Ref;
  readonly targetRef?: Ref;
  readonly targetGrowthRef?: Ref;
  readonly profileRef?: Ref;
  readonly decimalsRef?: Ref;
}

export interface Enterprise {
  readonly name: string;
  readonly creditCode?: string;
  readonly group?: string;
  readonly owner?: string;
  readonly profile?: string;
  /** With a 单位 / Units sheet: the unit (a leaf of the units' tree) the enterprise belongs to. */
  readonly unit?: string;
  readonly ref?: Ref;
  readonly creditCodeRef?: Ref;
  readonly profileRef?: Ref;
  /** The 所属单位 / Unit cell (also when it is blank, so a missing unit can be named). */
  readonly unitRef?: Ref;
}

/**
 * A unit of the levels between the area and its enterprises (单位 / Units, 层层分解): a township,
 * a park, a sub-park. Blank parent: the area itself.
 */
export interface Unit {
  readonly name: string;
  readonly parent?: string;
  readonly group?: string;
  readonly owner?: string;
  readonly ref?: Ref;
  readonly parentRef?: Ref;
}

export interface ProfileDef extends Profile {
  /** The row's name cell. */
  readonly ref?: Ref;
  /** The cell of each share, in order. */
  readonly shareRefs?: readonly Ref[];
}

export interface ValueCell {
  readonly value: number;
  readonly ref?: Ref;
}

/** indicator → enterprise → value. */
export type ByIndicator = Readonly<Record<string, Readonly<Record<string, ValueCell>>>>;

export interface Constraint {
  readonly enterprise: string;
  readonly indicator: string;
  readonly type: ConstraintType;
  readonly value: number;
  readonly ref?: Ref;
  readonly enterpriseRef?: Ref;
  readonly indicatorRef?: Ref;
}

export interface Actual {
  readonly year: number;
  readonly month: number;
  readonly enterprise: string;
  readonly creditCode?: string;
  /**
   * The indicators of `values`, in column order: one array that every row of a sheet shares.
   */
  readonly indicators: readonly string[];
  /**
   * The figure of each of `indicators`, by position; a blank cell is a hole or undefined (no
   * data). Plain numbers rather than one object per figure: a county's 实绩 holds millions.
   */
  readonly values: readonly (number | undefined)[];
  /** The column letters of `values`' cells on the row of `ref` (for messages), shared likewise. */
  readonly columns?: readonly string[];
  readonly ref?: Ref;
  readonly yearRef?: Ref;
  readonly monthRef?: Ref;
  readonly enterpriseRef?: Ref;
}

/** An actuals row's `indicators` and `values` from figures by indicator (for builders and tests). */
export function figuresOf(
  figures: Readonly<Record<string, number | undefined>>,
): Pick<Actual, 'indicators' | 'values'> {
  return { indicators: Object.keys(figures), values: Object.values(figures) };
}

/** The figure of `indicator` in an actuals row; undefined: no data. */
export function actualValue(a: Actual, indicator: string): number | undefined {
  const i = a.indicators.indexOf(indicator);
  return i < 0 ? undefined : a.values[i];
}

/** The cell of an actuals row's `i`-th figure: its column on the row of `a.ref`; else the row's. */
export function actualRef(a: Actual, i: number): Ref | undefined {
  const col = a.columns?.[i];
  const row = a.ref?.cell === undefined ? undefined : /\d+$/.exec(a.ref.cell)?.[0];
  return a.ref && col !== undefined && row !== undefined
    ? { sheet: a.ref.sheet, cell: col + row }
    : a.ref;
}

export type SheetKey =
  | 'settings'
  | 'targets'
  | 'enterprises'
  | 'base'
  | 'weights'
  | 'constraints'
  | 'profiles'
  | 'actuals'
  | 'units';

export interface PlanInput {
  /** The sheets the input came from (for errors about a whole sheet). */
  readonly sources?: Partial<Record<SheetKey, Ref>>;
  readonly settings: Settings;
  readonly indicators: readonly Indicator[];
  readonly enterprises: readonly Enterprise[];
  readonly profiles: readonly ProfileDef[];
  readonly base: ByIndicator;
  readonly weights: ByIndicator;
  readonly constraints: readonly Constraint[];
  readonly actuals: readonly Actual[];
  /** 单位 / Units: absent or empty, the area splits straight across its enterprises. */
  readonly units?: readonly Unit[];
}
