/**
 * Input sheets as sheet descriptions: the empty template (`fenjie init`, "create input sheets" in
 * the task pane) and the bundled example built from its JSON source (`fenjie demo`). Headers,
 * widths and default settings come from the sheets' declarations (sheets.ts).
 */
import type { Lang } from '../engine';
import { periodHeaders, SHEETS, type METHODS, type Name } from './names';
import {
  ACTUALS,
  BASE,
  CONSTRAINTS,
  ENTERPRISES,
  PROFILES,
  SETTINGS,
  SETTINGS_SHEET,
  STARTER_PROFILES,
  TARGETS,
  WEIGHTS,
  type Columns,
  type Field,
  type SheetDecl,
} from './sheets';
import type { CellSpec, CellValue, SheetSpec, WorkbookSpec } from './spec';

const cell = (v: CellValue, fmt?: string): CellSpec => (fmt ? { v, fmt } : { v });

/** What the template may write in a declared column: a value of its kind, or nothing. */
type Written<C extends Columns> = {
  readonly [K in keyof C]?: (C[K] extends Field<unknown, unknown, infer W> ? W : never) | null;
};

/** A data row in the declaration's column order, each value written as its kind says. */
function dataRow<C extends Columns>(
  decl: SheetDecl<C>,
  lang: Lang,
  values: Written<C>,
  formats: { readonly [K in keyof C]?: string } = {},
): (CellSpec | null)[] {
  const row: (CellSpec | null)[] = [];
  for (const k in decl.columns) {
    const f: Field | undefined = decl.columns[k];
    const v = values[k];
    row.push(v === undefined || v === null || !f ? null : cell(f.kind.write(v, lang), formats[k]));
  }
  return row;
}

/** Cells of the columns after the declared ones (indicators or periods), written as their kind says. */
const moreCells = (
  decl: SheetDecl<Columns>,
  lang: Lang,
  values: readonly (string | number | null | undefined)[],
): (CellSpec | null)[] =>
  values.map((v) =>
    v === undefined || v === null || !decl.more ? null : cell(decl.more.kind.write(v, lang)),
  );

/**
 * An input sheet: the declared headers, then `more` (indicator names or period headers), and
 * the data rows; widths as declared.
 */
function sheet<C extends Columns>(
  decl: SheetDecl<C>,
  lang: Lang,
  rows: readonly (readonly (CellSpec | null)[])[] = [],
  more: readonly (Name | string)[] = [],
): SheetSpec {
  const fields: Field[] = Object.values(decl.columns);
  const names = [...fields.map((f) => f.name), ...more];
  return {
    name: SHEETS[decl.key][lang],
    rows: [
      names.map((n) => ({ v: typeof n === 'string' ? n : n[lang], style: 'header' as const })),
      ...rows,
    ],
    freeze: { rows: 1, cols: 1 },
    widths: [...fields.map((f) => f.width), ...more.map(() => decl.more?.width ?? 14)],
  };
}

/** Key and value rows of the settings, each value given or else its default. */
function settingRows<C extends Columns>(
  settings: C,
  values: Written<C>,
  lang: Lang,
): (CellSpec | null)[][] {
  const rows: (CellSpec | null)[][] = [];
  for (const k in settings) {
    const f: Field | undefined = settings[k];
    if (!f) continue;
    const v = values[k] ?? f.default;
    rows.push([
      cell(f.name[lang]),
      v === undefined || v === null ? null : cell(f.kind.write(v, lang)),
    ]);
  }
  return rows;
}

/** The settings sheet with each key and its value, or its default. */
const settingsSheet = (lang: Lang, values: Written<typeof SETTINGS>): SheetSpec =>
  sheet(SETTINGS_SHEET, lang, settingRows(SETTINGS, values, lang));

/** A row of 时间分布 / Profiles: the name, then a share per quarter. */
const profileRow = (lang: Lang, name: string, quarters: readonly number[]): (CellSpec | null)[] => [
  ...dataRow(PROFILES, lang, { name }),
  ...moreCells(PROFILES, lang, quarters),
];

/** The empty input template: every input sheet with its headers, settings with their defaults. */
export function inputTemplate(lang: Lang, year: number): WorkbookSpec {
  return {
    sheets: [
      settingsSheet(lang, { year }),
      sheet(TARGETS, lang),
      sheet(ENTERPRISES, lang),
      sheet(BASE, lang),
      sheet(WEIGHTS, lang),
      sheet(CONSTRAINTS, lang),
      sheet(
        PROFILES,
        lang,
        STARTER_PROFILES.map((p) => profileRow(lang, p.name[lang], p.quarters)),
        periodHeaders('quarters'),
      ),
      sheet(ACTUALS, lang),
    ],
  };
}

export interface ExampleData {
  readonly settings: {
    readonly area?: string;
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

/** Base and weight columns of the example data, by indicator. */
const EXAMPLE_BASE: Readonly<Record<string, string>> = {
  工业总产值: 'baseOutput',
  规上工业产值: 'baseAboveSizeOutput',
  制造业投资: 'baseInvestment',
};
const EXAMPLE_WEIGHTS: Readonly<Record<string, string>> = { 制造业投资: 'weightInvestment' };

/** 基数 / Base or 权重 / Weights of the example: for each indicator, the enterprise field that holds it. */
function byIndicatorSheet(
  decl: typeof BASE | typeof WEIGHTS,
  d: ExampleData,
  fields: Readonly<Record<string, string>>,
  lang: Lang,
): SheetSpec {
  const rows = d.enterprises.map((e) => [
    ...dataRow(decl, lang, { enterprise: e.name }),
    ...moreCells(
      decl,
      lang,
      Object.values(fields).map((f) => e[f]),
    ),
  ]);
  return sheet(decl, lang, rows, Object.keys(fields));
}

/** 实绩 / Actuals of the example: a column per indicator that has actuals; the code from 企业 when a row has none. */
function actualsSheet(d: ExampleData, lang: Lang): SheetSpec {
  const withActuals = d.targets
    .map((t) => t.indicator)
    .filter((name) => d.actuals.some((a) => name in a));
  const codeOf = (a: ExampleData['actuals'][number]): string | number | null =>
    a.creditCode ?? d.enterprises.find((e) => e.name === a.enterprise)?.creditCode ?? null;
  const rows = d.actuals.map((a) => [
    ...dataRow(ACTUALS, lang, { ...a, creditCode: codeOf(a) }),
    ...moreCells(
      ACTUALS,
      lang,
      withActuals.map((i) => a[i]),
    ),
  ]);
  return sheet(ACTUALS, lang, rows, withActuals);
}

/** The example workbook's input sheets, built from its JSON source. */
export function exampleWorkbook(d: ExampleData, lang: Lang): WorkbookSpec {
  const targetFormats = (t: ExampleData['targets'][number]) => ({
    target: t.kind === 'rate' ? '0%' : '#,##0',
    targetGrowth: '0%',
  });
  return {
    sheets: [
      settingsSheet(lang, d.settings),
      sheet(
        TARGETS,
        lang,
        d.targets.map((t) => dataRow(TARGETS, lang, t, targetFormats(t))),
      ),
      sheet(
        ENTERPRISES,
        lang,
        d.enterprises.map((e) => dataRow(ENTERPRISES, lang, e)),
      ),
      byIndicatorSheet(BASE, d, d.baseColumns ?? EXAMPLE_BASE, lang),
      byIndicatorSheet(WEIGHTS, d, d.weightColumns ?? EXAMPLE_WEIGHTS, lang),
      sheet(
        CONSTRAINTS,
        lang,
        d.constraints.map((c) => dataRow(CONSTRAINTS, lang, c)),
      ),
      sheet(
        PROFILES,
        lang,
        d.profiles.map((p) => profileRow(lang, p.name, p.quarters)),
        periodHeaders('quarters'),
      ),
      actualsSheet(d, lang),
    ],
  };
}
