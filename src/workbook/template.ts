/**
 * Input sheets as sheet descriptions: the empty template (`fenjie init`, "create input sheets" in
 * the task pane) and the bundled example built from its JSON source (`fenjie demo`). Headers,
 * widths, default settings and the settings' data validations (a drop-down, bounds, a hint) come
 * from the sheets' declarations (sheets.ts).
 */
import type { Lang } from '../engine';
import { periodHeaders, SHEETS, type Choice, type METHODS, type Name } from './names';
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
  type Entry,
  type Field,
  type SheetDecl,
} from './sheets';
import type { CellSpec, CellValue, SheetSpec, ValidationSpec, WorkbookSpec } from './spec';

const cell = (v: CellValue, fmt?: string): CellSpec => (fmt ? { v, fmt } : { v });

/** What the template may write in a declared column: a value of its kind, or nothing. */
type Written<C extends Columns> = {
  readonly [K in keyof C]?: (C[K] extends Field<unknown, unknown, infer W> ? W : never) | null;
};

/** A data row in the declaration's column order, each value written as its kind says. */
export function dataRow<C extends Columns>(
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
export const moreCells = (
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
export function sheet<C extends Columns>(
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

/** The message Excel shows on refusing an entry, in each language: what is wanted, then the ending. */
const REFUSAL = {
  zh: {
    list: (items: readonly string[]) => `请从下拉列表中选择：${items.join('、')}`,
    whole: (min: number, max: number) => `请填 ${min}–${max} 的整数`,
    decimal: (min: number, max: number) => `请填 ${min}–${max} 之间的数`,
    date: (min: string, max: string) => `请填 ${min} 至 ${max} 之间的日期`,
    end: (blank: boolean) => (blank ? '，或留空。' : '。'),
  },
  en: {
    list: (items: readonly string[]) => `Choose from the list: ${items.join(', ')}`,
    whole: (min: number, max: number) => `Enter a whole number from ${min} to ${max}`,
    decimal: (min: number, max: number) => `Enter a number from ${min} to ${max}`,
    date: (min: string, max: string) => `Enter a date from ${min} to ${max}`,
    end: (blank: boolean) => (blank ? ', or leave it blank.' : '.'),
  },
} as const;

function refusal(allow: Entry['allow'], blank: boolean, lang: Lang): string {
  const say = REFUSAL[lang];
  const what =
    allow.kind === 'list'
      ? say.list(choiceValues(allow.choice, lang))
      : allow.kind === 'date'
        ? say.date(allow.min, allow.max)
        : say[allow.kind](allow.min, allow.max);
  return what + say.end(blank);
}

/** A choice's spellings in `lang`, in declaration order. */
const choiceValues = (choice: Choice<string>, lang: Lang): string[] =>
  Object.values<Name>(choice).map((n) => n[lang]);

/** The data validation of a setting's value cell (`ref`), from its declared entry, in `lang`. */
function entryValidation(f: Field, ref: string, lang: Lang): ValidationSpec | undefined {
  const e = f.entry;
  if (!e) return undefined;
  const allowBlank = !f.required;
  const messages = {
    range: ref,
    allowBlank,
    prompt: { title: f.name[lang], text: e.hint[lang] },
    error: { title: f.name[lang], text: refusal(e.allow, allowBlank, lang) },
  };
  const a = e.allow;
  return a.kind === 'list'
    ? { kind: 'list', list: choiceValues(a.choice, lang), ...messages }
    : { ...a, ...messages };
}

/**
 * The settings sheet with each key and its value, or its default; each value cell (column B,
 * below the header) validated as its setting declares.
 */
export function settingsSheet(lang: Lang, values: Written<typeof SETTINGS>): SheetSpec {
  const fields: Field[] = Object.values(SETTINGS);
  const validations = fields.flatMap((f, i) => entryValidation(f, `B${i + 2}`, lang) ?? []);
  return { ...sheet(SETTINGS_SHEET, lang, settingRows(SETTINGS, values, lang)), validations };
}

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
