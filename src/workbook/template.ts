/**
 * Input sheets as sheet descriptions: the empty template (`fenjie init`, "create input sheets" in
 * the task pane) and the bundled example built from its JSON source (`fenjie demo`).
 */
import type { Lang } from '../engine';
import {
  ACTUALS_BASES,
  COLUMNS,
  CONSTRAINT_TYPES,
  DIRECTIONS,
  KINDS,
  METHODS,
  QUARTER_HEADERS,
  SCHEDULE_BASES,
  SETTING_KEYS,
  SHEETS,
  YES_NO,
  type InputSheet,
  type Name,
} from './names';
import type { CellSpec, CellValue, SheetSpec, WorkbookSpec } from './spec';

const cell = (v: CellValue, fmt?: string): CellSpec => (fmt ? { v, fmt } : { v });
const header = (names: readonly (Name | string)[], lang: Lang): CellSpec[] =>
  names.map((n) => ({ v: typeof n === 'string' ? n : n[lang], style: 'header' as const }));

/** Rows of an input sheet: a header row then data rows. */
function sheet(
  key: InputSheet,
  lang: Lang,
  head: readonly (Name | string)[],
  rows: readonly (readonly CellValue[])[],
  widths?: number[],
): SheetSpec {
  return {
    name: SHEETS[key][lang],
    rows: [header(head, lang), ...rows.map((r) => r.map((v) => (v === null ? null : cell(v))))],
    freeze: { rows: 1, cols: 1 },
    widths: widths ?? head.map(() => 14),
  };
}

export interface ExampleData {
  readonly settings: {
    readonly year: number;
    readonly reportMonth?: number;
    readonly scheduleBasis: 'months' | 'days';
    readonly combineJanFeb: boolean;
    readonly unit: string;
    readonly behindThreshold: number;
    readonly seriousThreshold: number;
    readonly actualsBasis: 'cumulative' | 'monthly';
  };
  readonly targets: readonly {
    readonly indicator: string;
    readonly unit: string;
    readonly kind: 'total' | 'rate';
    readonly direction: 'higher' | 'lower';
    readonly target: number;
    readonly targetGrowth?: number;
    readonly method: keyof typeof METHODS;
    readonly decimals: number;
    readonly profile: string;
  }[];
  readonly profiles: readonly { readonly name: string; readonly quarters: readonly number[] }[];
  readonly enterprises: readonly (Record<string, string | number | undefined> & {
    readonly name: string;
  })[];
  readonly constraints: readonly {
    readonly enterprise: string;
    readonly indicator: string;
    readonly type: 'lock' | 'floor' | 'cap';
    readonly value: number;
  }[];
  readonly actuals: readonly (Record<string, string | number | null> & {
    readonly year: number;
    readonly month: number;
    readonly enterprise: string;
  })[];
  /** indicator → enterprise field holding its base (default: the township example's fields). */
  readonly baseColumns?: Readonly<Record<string, string>>;
  /** indicator → enterprise field holding its weight. */
  readonly weightColumns?: Readonly<Record<string, string>>;
}

const TARGET_COLUMNS: readonly Name[] = [
  COLUMNS.indicator,
  COLUMNS.unit,
  COLUMNS.kind,
  COLUMNS.direction,
  COLUMNS.target,
  COLUMNS.targetGrowth,
  COLUMNS.method,
  COLUMNS.decimals,
  COLUMNS.profile,
];

/** The settings sheet with each key and its value (or default). */
function settingsSheet(
  lang: Lang,
  values: Partial<Record<keyof typeof SETTING_KEYS, CellValue>>,
): SheetSpec {
  const keys = Object.keys(SETTING_KEYS) as (keyof typeof SETTING_KEYS)[];
  return sheet(
    'settings',
    lang,
    [COLUMNS.key, COLUMNS.value],
    keys.map((k) => [SETTING_KEYS[k][lang], values[k] ?? null]),
    [18, 14],
  );
}

/** The empty input template: every input sheet with its headers, settings with their defaults. */
export function inputTemplate(lang: Lang, year: number): WorkbookSpec {
  return {
    sheets: [
      settingsSheet(lang, {
        year,
        scheduleBasis: SCHEDULE_BASES.months[lang],
        behindThreshold: 5,
        seriousThreshold: 10,
        actualsBasis: ACTUALS_BASES.cumulative[lang],
        combineJanFeb: YES_NO.yes[lang],
        unit: '万元',
      }),
      sheet('targets', lang, TARGET_COLUMNS, []),
      sheet(
        'enterprises',
        lang,
        [COLUMNS.enterprise, COLUMNS.creditCode, COLUMNS.group, COLUMNS.owner, COLUMNS.profile],
        [],
        [18, 22, 12, 12, 12],
      ),
      sheet('base', lang, [COLUMNS.enterprise], []),
      sheet('weights', lang, [COLUMNS.enterprise], []),
      sheet(
        'constraints',
        lang,
        [COLUMNS.enterprise, COLUMNS.indicator, COLUMNS.type, COLUMNS.number],
        [],
      ),
      sheet(
        'profiles',
        lang,
        [COLUMNS.name, ...QUARTER_HEADERS],
        [
          [lang === 'zh' ? '均衡' : 'even', 25, 25, 25, 25],
          [lang === 'zh' ? '前低后高' : 'back-loaded', 20, 25, 25, 30],
        ],
      ),
      sheet(
        'actuals',
        lang,
        [COLUMNS.year, COLUMNS.month, COLUMNS.enterprise, COLUMNS.creditCode],
        [],
        [8, 8, 18, 22],
      ),
    ],
  };
}

/** Base and weight columns of the example data, by indicator. */
const EXAMPLE_BASE: Readonly<Record<string, string>> = {
  工业总产值: 'baseOutput',
  规上工业产值: 'baseAboveSizeOutput',
  制造业投资: 'baseInvestment',
};
const EXAMPLE_WEIGHTS: Readonly<Record<string, string>> = { 制造业投资: 'weightInvestment' };

/** The example workbook's input sheets, built from its JSON source. */
export function exampleWorkbook(d: ExampleData, lang: Lang): WorkbookSpec {
  const s = d.settings;
  const baseColumns = d.baseColumns ?? EXAMPLE_BASE;
  const weightColumns = d.weightColumns ?? EXAMPLE_WEIGHTS;
  const indicatorsWithActuals = d.targets
    .map((t) => t.indicator)
    .filter((name) => d.actuals.some((a) => name in a));
  const table = (fields: Readonly<Record<string, string>>): CellValue[][] =>
    d.enterprises.map((e) => [
      e.name,
      ...Object.values(fields).map((f) => (e[f] ?? null) as CellValue),
    ]);
  return {
    sheets: [
      settingsSheet(lang, {
        year: s.year,
        reportMonth: s.reportMonth ?? null,
        scheduleBasis: SCHEDULE_BASES[s.scheduleBasis][lang],
        behindThreshold: s.behindThreshold,
        seriousThreshold: s.seriousThreshold,
        actualsBasis: ACTUALS_BASES[s.actualsBasis][lang],
        combineJanFeb: (s.combineJanFeb ? YES_NO.yes : YES_NO.no)[lang],
        unit: s.unit,
      }),
      {
        ...sheet('targets', lang, TARGET_COLUMNS, []),
        rows: [
          header(TARGET_COLUMNS, lang),
          ...d.targets.map((t) => [
            cell(t.indicator),
            cell(t.unit),
            cell(KINDS[t.kind][lang]),
            cell(DIRECTIONS[t.direction][lang]),
            cell(t.target, t.kind === 'rate' ? '0%' : '#,##0'),
            t.targetGrowth === undefined ? null : cell(t.targetGrowth, '0%'),
            cell(METHODS[t.method][lang]),
            cell(t.decimals),
            cell(t.profile),
          ]),
        ],
      },
      sheet(
        'enterprises',
        lang,
        [COLUMNS.enterprise, COLUMNS.creditCode, COLUMNS.group, COLUMNS.owner, COLUMNS.profile],
        d.enterprises.map(
          (e) =>
            [
              e.name,
              e.creditCode ?? null,
              e.group ?? null,
              e.owner ?? null,
              e.profile ?? null,
            ] as CellValue[],
        ),
        [18, 22, 12, 12, 12],
      ),
      sheet(
        'base',
        lang,
        [COLUMNS.enterprise, ...Object.keys(baseColumns)],
        table(baseColumns),
        [18, 14, 14, 14],
      ),
      sheet(
        'weights',
        lang,
        [COLUMNS.enterprise, ...Object.keys(weightColumns)],
        table(weightColumns),
        [18, 14],
      ),
      sheet(
        'constraints',
        lang,
        [COLUMNS.enterprise, COLUMNS.indicator, COLUMNS.type, COLUMNS.number],
        d.constraints.map((c) => [
          c.enterprise,
          c.indicator,
          CONSTRAINT_TYPES[c.type][lang],
          c.value,
        ]),
        [18, 14, 8, 12],
      ),
      sheet(
        'profiles',
        lang,
        [COLUMNS.name, ...QUARTER_HEADERS],
        d.profiles.map((p) => [p.name, ...p.quarters]),
      ),
      sheet(
        'actuals',
        lang,
        [
          COLUMNS.year,
          COLUMNS.month,
          COLUMNS.enterprise,
          COLUMNS.creditCode,
          ...indicatorsWithActuals,
        ],
        d.actuals.map((a) => [
          a.year,
          a.month,
          a.enterprise,
          (a.creditCode ??
            d.enterprises.find((e) => e.name === a.enterprise)?.creditCode ??
            null) as CellValue,
          ...indicatorsWithActuals.map((i) => (a[i] ?? null) as CellValue),
        ]),
        [8, 8, 18, 22, 14, 14, 14],
      ),
    ],
  };
}
