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
  ESCALATION,
  LIST_SIZE,
  MAX_LIST_SIZE,
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
  YES_NO,
  type Choice,
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
  /** What the template lets its cell take, with a hint (Excel's data validation); absent: anything. */
  readonly entry?: Entry;
}

/**
 * What the template lets a cell take (written as Excel's data validation: an entry outside it is
 * refused; blank is accepted unless the field is required) and the hint Excel shows when the
 * cell is selected. Narrower than what the reader accepts (it also reads '8月' or '5%'): the
 * template steers people to the plain form.
 */
export interface Entry {
  readonly allow:
    | { readonly kind: 'whole' | 'decimal'; readonly min: number; readonly max: number }
    /** Dates as YYYY-MM-DD. */
    | { readonly kind: 'date'; readonly min: string; readonly max: string }
    /** One of the choice's spellings in the sheet's language, from a drop-down. */
    | { readonly kind: 'list'; readonly choice: Choice<string> };
  /** The hint, in each language (at most 255 characters). */
  readonly hint: Name;
}

interface FieldOptions {
  readonly required?: boolean;
  readonly width?: number;
  readonly entry?: Entry;
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
  return {
    name,
    kind,
    required: o.required ?? false,
    default: o.default,
    width: o.width ?? 14,
    ...(o.entry ? { entry: o.entry } : {}),
  };
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

/** A list of a choice's spellings (the template's drop-down) with a hint. */
const pick = (choice: Choice<string>, zh: string, en: string): Entry => ({
  allow: { kind: 'list', choice },
  hint: { zh, en },
});

/** Percentage points, 0–100, with a hint saying so. */
const points = (zh: string, en: string): Entry => ({
  allow: { kind: 'decimal', min: 0, max: 100 },
  hint: {
    zh: `${zh}。单位为百分点：填 5 即 5 个百分点，不要填 5%。`,
    en: `${en}, in percentage points: type 5 for 5 points, not 5%.`,
  },
});

/**
 * The settings, in template order, with what a blank or absent value stands for and what the
 * template lets each value cell take (the hints say what a blank means).
 */
export const SETTINGS = {
  /** Blank: the current year. */
  year: field(SETTING_KEYS.year, NUMBER, {
    entry: {
      allow: { kind: 'whole', min: 2000, max: 2100 },
      hint: {
        zh: '计划年度，如 2025。留空：当年。',
        en: 'The plan year, e.g. 2025. Blank: the current year.',
      },
    },
  }),
  /** Blank: the latest month present in 实绩 / Actuals. */
  reportMonth: field(SETTING_KEYS.reportMonth, MONTH, {
    entry: {
      allow: { kind: 'whole', min: 1, max: 12 },
      hint: {
        zh: '报告月份，1–12 的整数。留空：自动取实绩中的最新月份。',
        en: 'The report month, a whole number 1–12. Blank: the latest month in Actuals.',
      },
    },
  }),
  scheduleBasis: field(SETTING_KEYS.scheduleBasis, choiceOf(SCHEDULE_BASES), {
    default: 'months',
    entry: pick(
      SCHEDULE_BASES,
      '序时进度的算法。按月：已过月数 ÷ 12；按日：截至日期已过天数 ÷ 全年天数。留空：按月。',
      'How the time schedule is counted. months: months passed ÷ 12; days: days passed to the as-of date ÷ days in the year. Blank: months.',
    ),
  }),
  /** Blank: the last day of the report month. */
  asOf: field(SETTING_KEYS.asOf, DATE, {
    entry: {
      allow: { kind: 'date', min: '2000-01-01', max: '2100-12-31' },
      hint: {
        zh: '按日计算序时进度的截至日期，如 2025-8-31。留空：报告月份的最后一天。',
        en: 'The as-of date of a schedule by days, e.g. 2025-8-31. Blank: the last day of the report month.',
      },
    },
  }),
  behindThreshold: field(SETTING_KEYS.behindThreshold, POINTS, {
    default: 5,
    entry: points(
      '完成率低于序时进度超过此值为“滞后”',
      'Behind: the completion rate is more than this below the schedule',
    ),
  }),
  seriousThreshold: field(SETTING_KEYS.seriousThreshold, POINTS, {
    default: 10,
    entry: points(
      '完成率低于序时进度超过此值为“严重滞后”（不小于滞后阈值）',
      'Seriously behind: more than this below the schedule (at least the behind threshold)',
    ),
  }),
  actualsBasis: field(SETTING_KEYS.actualsBasis, choiceOf(ACTUALS_BASES), {
    default: 'cumulative',
    entry: pick(
      ACTUALS_BASES,
      '实绩表中的数是本年累计数还是当月数。留空：累计。',
      'Whether Actuals hold year-to-date (cumulative) or monthly figures. Blank: cumulative.',
    ),
  }),
  combineJanFeb: field(SETTING_KEYS.combineJanFeb, YES_OR_NO, {
    default: true,
    entry: pick(
      YES_NO,
      '一月、二月是否合为一期（统计上合并报送）。留空：是。',
      'Whether January and February count as one period (reported together). Blank: yes.',
    ),
  }),
  unit: field(SETTING_KEYS.unit, NAME_TEXT, { default: '万元' }),
  /** The area's name, for titles (blank: none). */
  area: field(SETTING_KEYS.area, NAME_TEXT),
  /** How many units or enterprises the red and black lists name. */
  listSize: field(SETTING_KEYS.listSize, LIST_SIZE, {
    default: 3,
    entry: {
      allow: { kind: 'whole', min: 1, max: MAX_LIST_SIZE },
      hint: {
        zh: '通报中红榜、黑榜各列几家（红榜：达到序时进度的前几名；黑榜：滞后的后几名）。留空：3。',
        en: 'How many the bulletin’s red and black lists name (red: the top ones on schedule; black: the bottom ones behind). Blank: 3.',
      },
    },
  }),
  /** Consecutive months behind that lead to 提醒, 约谈 and 督办. */
  escalation: field(SETTING_KEYS.escalation, ESCALATION, {
    default: [1, 2, 3] as const,
  }),
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

/**
 * 企业 / Enterprises of a workbook with a 单位 / Units sheet: the same columns and 所属单位 / Unit,
 * which every enterprise must fill (the template writes ENTERPRISES, without it).
 */
export const ENTERPRISES_WITH_UNIT = sheet('enterprises', {
  ...ENTERPRISES.columns,
  unit: field(COLUMNS.memberOf, TEXT, { required: true, width: 14 }),
});

/** 单位 / Units (optional, 层层分解): one row per township, park or sub-park. */
export const UNITS = sheet('units', {
  name: field(COLUMNS.unitName, TEXT, { required: true, width: 18 }),
  /** Blank: the area itself. */
  parent: field(COLUMNS.parent, TEXT, { width: 18 }),
  group: field(COLUMNS.group, TEXT, { width: 12 }),
  owner: field(COLUMNS.owner, TEXT, { width: 12 }),
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
