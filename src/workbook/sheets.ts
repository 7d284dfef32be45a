/**
 * The input sheets, declared once (workbook-format.md): each sheet's columns in template order,
 * each with its name (names.ts), whether the sheet must have it, what its cells hold and what a
 * blank cell stands for; the settings' keys likewise. The reader (read.ts) reads the sheets by
 * these declarations and the template (template.ts) writes its headers, widths and default
 * settings from them.
 */
import { EVEN_NAMES } from '../engine';
import {
  AMOUNT,
  choiceOf,
  DATE,
  MONTH,
  NUMBER,
  POINTS,
  TEXT,
  textUpTo,
  YES_OR_NO,
  type ValueKind,
} from './cells';
import {
  ACTUALS_BASES,
  COLUMNS,
  CONSTRAINT_TYPES,
  DIRECTIONS,
  KINDS,
  METHODS,
  SCHEDULE_BASES,
  SETTING_KEYS,
  type InputSheet,
  type Name,
  type SettingKey,
} from './names';

/**
 * A column of an input sheet, or a key of the settings: cells hold `T` (written as `W`); a blank
 * cell stands for `D` (undefined: the value is left unset).
 */
export interface Field<T = unknown, D = unknown, W = T> {
  readonly name: Name;
  readonly kind: ValueKind<T, W>;
  /** A sheet without this column is an error (MissingColumn). */
  readonly required: boolean;
  readonly default: D;
  /** The column's width in the template, in characters. */
  readonly width: number;
}

interface FieldOptions {
  readonly required?: boolean;
  readonly width?: number;
}

export function field<T, W>(
  name: Name,
  kind: ValueKind<T, W>,
  o?: FieldOptions,
): Field<T, undefined, W>;
export function field<T, W, D extends T>(
  name: Name,
  kind: ValueKind<T, W>,
  o: FieldOptions & { readonly default: D },
): Field<T, D, W>;
export function field(
  name: Name,
  kind: ValueKind<unknown, never>,
  o: FieldOptions & { readonly default?: unknown } = {},
): Field<unknown, unknown, never> {
  return { name, kind, required: o.required ?? false, default: o.default, width: o.width ?? 14 };
}

/** The most characters of a name the results print beside other text (NAME_TEXT). */
export const MAX_NAME = 16000;

/**
 * Text the results print beside other text in one cell: an indicator's name and unit head its
 * section of 分解结果 as "名称（单位）", a profile's name follows "时间分布：". Each may take
 * under half an Excel cell (MAX_TEXT), so together they still fit one.
 */
export const NAME_TEXT = textUpTo(MAX_NAME);

export type Columns = Readonly<Record<string, Field>>;

/** Columns after the declared ones, named by the data: one per indicator, or per period. */
export interface MoreColumns {
  /** 'indicator': one per indicator of 目标 / Targets, headed by its name; 'period': one per period of a profile (periodHeaders). */
  readonly each: 'indicator' | 'period';
  readonly kind: ValueKind<number, number | string>;
  /** What a blank cell stands for (undefined: no value). */
  readonly default?: number;
  readonly width: number;
}

export interface SheetDecl<C extends Columns> {
  readonly key: InputSheet;
  readonly columns: C;
  readonly more?: MoreColumns;
}

const sheet = <C extends Columns>(key: InputSheet, columns: C, more?: MoreColumns): SheetDecl<C> =>
  more ? { key, columns, more } : { key, columns };

/** One more column per indicator: an amount in the indicator's unit; blank means no value. */
export const PER_INDICATOR = { each: 'indicator', kind: AMOUNT, width: 14 } satisfies MoreColumns;

/** One more column per period of a profile: its share; blank means 0. */
export const PERIOD_SHARES = {
  each: 'period',
  kind: NUMBER,
  default: 0,
  width: 14,
} satisfies MoreColumns;

/** 参数 / Settings: a key column and a value column; each key's value is read as SETTINGS says. */
export const SETTINGS_SHEET = sheet('settings', {
  key: field(COLUMNS.key, TEXT, { required: true, width: 18 }),
  value: field(COLUMNS.value, TEXT, { required: true }),
});

/** The settings, in template order, with what a blank or absent value stands for. */
export const SETTINGS = {
  /** Blank: the current year. */
  year: field(SETTING_KEYS.year, NUMBER),
  /** Blank: the latest month present in 实绩 / Actuals. */
  reportMonth: field(SETTING_KEYS.reportMonth, MONTH),
  scheduleBasis: field(SETTING_KEYS.scheduleBasis, choiceOf(SCHEDULE_BASES), { default: 'months' }),
  /** Blank: the last day of the report month. */
  asOf: field(SETTING_KEYS.asOf, DATE),
  behindThreshold: field(SETTING_KEYS.behindThreshold, POINTS, { default: 5 }),
  seriousThreshold: field(SETTING_KEYS.seriousThreshold, POINTS, { default: 10 }),
  actualsBasis: field(SETTING_KEYS.actualsBasis, choiceOf(ACTUALS_BASES), {
    default: 'cumulative',
  }),
  combineJanFeb: field(SETTING_KEYS.combineJanFeb, YES_OR_NO, { default: true }),
  unit: field(SETTING_KEYS.unit, NAME_TEXT, { default: '万元' }),
  /** The area's name, for titles (blank: none). */
  area: field(SETTING_KEYS.area, NAME_TEXT),
} as const satisfies Record<SettingKey, Field>;

/** The flag thresholds, in percentage points, when the Settings sheet gives none. */
export const DEFAULT_THRESHOLDS = {
  behindThreshold: SETTINGS.behindThreshold.default,
  seriousThreshold: SETTINGS.seriousThreshold.default,
} as const;

/** 目标 / Targets: one row per indicator. */
export const TARGETS = sheet('targets', {
  indicator: field(COLUMNS.indicator, NAME_TEXT, { required: true }),
  /** Blank: the unit in Settings. */
  unit: field(COLUMNS.unit, NAME_TEXT),
  kind: field(COLUMNS.kind, choiceOf(KINDS), { default: 'total' }),
  direction: field(COLUMNS.direction, choiceOf(DIRECTIONS), { default: 'higher' }),
  /** A total in the indicator's unit; for a rate, a fraction (38% or 0.38). */
  target: field(COLUMNS.target, AMOUNT, { required: true }),
  targetGrowth: field(COLUMNS.targetGrowth, NUMBER),
  method: field(COLUMNS.method, choiceOf(METHODS), { default: 'base' }),
  decimals: field(COLUMNS.decimals, NUMBER, { default: 2 }),
  profile: field(COLUMNS.profile, NAME_TEXT, { default: EVEN_NAMES.zh }),
});

/** 企业 / Enterprises: one row per enterprise. */
export const ENTERPRISES = sheet('enterprises', {
  name: field(COLUMNS.enterprise, TEXT, { required: true, width: 18 }),
  creditCode: field(COLUMNS.creditCode, TEXT, { width: 22 }),
  group: field(COLUMNS.group, TEXT, { width: 12 }),
  owner: field(COLUMNS.owner, TEXT, { width: 12 }),
  /** Blank: the indicator's profile. */
  profile: field(COLUMNS.profile, NAME_TEXT, { width: 12 }),
});

/** 基数 / Base: last year's actual of each enterprise, one column per indicator. */
export const BASE = sheet(
  'base',
  { enterprise: field(COLUMNS.enterprise, TEXT, { required: true, width: 18 }) },
  PER_INDICATOR,
);

/** 权重 / Weights: each enterprise's weight, one column per indicator. */
export const WEIGHTS = sheet(
  'weights',
  { enterprise: field(COLUMNS.enterprise, TEXT, { required: true, width: 18 }) },
  PER_INDICATOR,
);

/** 约束 / Constraints: one row per lock, floor or cap; every cell is needed. */
export const CONSTRAINTS = sheet('constraints', {
  enterprise: field(COLUMNS.enterprise, TEXT, { required: true, width: 18 }),
  indicator: field(COLUMNS.indicator, TEXT, { required: true }),
  type: field(COLUMNS.type, choiceOf(CONSTRAINT_TYPES), { required: true, width: 8 }),
  /** In the indicator's unit. */
  value: field(COLUMNS.number, AMOUNT, { required: true, width: 12 }),
});

/** 时间分布 / Profiles: a name, then one share per quarter or month (blank: 0). */
export const PROFILES = sheet(
  'profiles',
  { name: field(COLUMNS.name, NAME_TEXT, { required: true }) },
  PERIOD_SHARES,
);

/** The profiles a new template starts with, by quarter. */
export const STARTER_PROFILES: readonly { readonly name: Name; readonly quarters: number[] }[] = [
  { name: EVEN_NAMES, quarters: [25, 25, 25, 25] },
  { name: { zh: '前低后高', en: 'back-loaded' }, quarters: [20, 25, 25, 30] },
];

/** 实绩 / Actuals: one row per enterprise and month, one column per indicator. */
export const ACTUALS = sheet(
  'actuals',
  {
    year: field(COLUMNS.year, NUMBER, { required: true, width: 8 }),
    month: field(COLUMNS.month, MONTH, { required: true, width: 8 }),
    /** This column or the credit code column must be there. */
    enterprise: field(COLUMNS.enterprise, TEXT, { width: 18 }),
    creditCode: field(COLUMNS.creditCode, TEXT, { width: 22 }),
  },
  PER_INDICATOR,
);
