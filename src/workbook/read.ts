/**
 * Input grids → the engine's plan model, with every problem reported by sheet and cell.
 *
 * Each input sheet has one reader here, driven by its declaration in sheets.ts (columns, value
 * kinds, defaults); table.ts finds the header row and the columns, cells.ts reads the cells.
 * Sheets and columns match in Chinese or English after trimming, ignoring case and width;
 * columns come in any order; unknown columns are ignored; merged cells hold their value in the
 * top-left cell only; hidden rows are data like any other (Excel's SUMIFS counts them too). A
 * formula contributes its cached result; a formula without one is an error naming its cell.
 */
import {
  errorPlace,
  fenjieError,
  type Actual,
  type Constraint,
  type Enterprise,
  type FenjieError,
  type Indicator,
  type PlanInput,
  type ProfileDef,
  type Ref,
  type Settings,
  type Unit,
  type ValueCell,
} from '../engine';
import { CellReader, isBlank, scalarOf, showsNothing } from './cells';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import {
  bothNames,
  JAN_FEB_HEADER,
  matchChoice,
  matchesName,
  normName,
  periodHeaders,
  READ_SHEETS,
  REQUIRED_SHEETS,
  SETTING_KEYS,
  SHEETS,
  type InputSheet,
  type Name,
  type SettingKey,
} from './names';
import {
  ACTUALS,
  BASE,
  CONSTRAINTS,
  ENTERPRISES,
  ENTERPRISES_WITH_UNIT,
  PER_INDICATOR,
  PERIOD_SHARES,
  PROFILES,
  SETTINGS,
  SETTINGS_SHEET,
  TARGETS,
  UNITS,
  WEIGHTS,
  type Field,
} from './sheets';
import { declaredTable, missingColumn, refAt, type Table, type TableRow } from './table';
import { columnLetter } from './spec';

export { DEFAULT_THRESHOLDS } from './sheets';

/** Where the Actuals columns are, so live formulas can read them. */
export interface ActualsLayout {
  readonly sheet: string;
  readonly year: number;
  readonly month: number;
  readonly enterprise: number;
  readonly creditCode?: number;
  /** indicator → column index. */
  readonly values: Readonly<Record<string, number>>;
  /** indicator → its column's header as written (the live sheets find the column by it). */
  readonly headers: Readonly<Record<string, string>>;
  /** The header row (0-based); data rows follow it. */
  readonly headerRow: number;
  /** The cells of every row below the header, as read (the helper's cached results mirror them). */
  readonly cells: readonly (readonly RawCell[])[];
}

export interface InputLayout {
  /** The input sheets found, by their names in this workbook. */
  readonly sheets: Partial<Record<InputSheet, string>>;
  /** Cells of the settings' values that hold one (the engine's errors name them). */
  readonly settings: Partial<Record<SettingKey, Ref>>;
  /** The value cell of every key present in 参数, blank or not: the live sheets follow them. */
  readonly settingCells: Partial<Record<SettingKey, Ref>>;
  readonly actuals?: ActualsLayout;
}

export interface ReadResult {
  readonly input: PlanInput;
  readonly layout: InputLayout;
  readonly errors: readonly FenjieError[];
}

/** Indicators by their normalised name, for the columns of Base, Weights and Actuals. */
type IndicatorsByName = ReadonlyMap<string, Indicator>;

/** Reads the input sheets of a workbook into a plan model. */
export function readInputs(grids: WorkbookGrids): ReadResult {
  const R = new CellReader();
  const found: Partial<Record<InputSheet, SheetGrid>> = {};
  const sheets: Partial<Record<InputSheet, string>> = {};
  for (const key of READ_SHEETS) {
    // Two sheets for one role (目标 and Targets): which one is meant is not for us to guess.
    const [hit, ...more] = grids.sheets.filter((s) => matchesName(SHEETS[key], s.name));
    if (!hit) continue;
    found[key] = hit;
    sheets[key] = hit.name;
    for (const other of more) {
      R.errors.push(
        fenjieError(
          'DuplicateSheet',
          { role: bothNames(SHEETS[key]), name: other.name, first: hit.name },
          { sheet: other.name },
        ),
      );
    }
  }
  for (const key of REQUIRED_SHEETS) {
    if (!found[key]) R.errors.push(fenjieError('MissingSheet', { name: bothNames(SHEETS[key]) }));
  }
  const { settings, refs, settingCells } = readSettings(R, found.settings);
  const indicators = readTargets(R, found.targets, settings.unit);
  const byName: IndicatorsByName = new Map(indicators.map((i) => [normName(i.name), i]));
  const units = readUnits(R, found.units);
  const enterprises = readEnterprises(R, found.enterprises, units.length > 0);
  const base = readValuesByIndicator(R, found.base, BASE, byName);
  const weights = readValuesByIndicator(R, found.weights, WEIGHTS, byName);
  const constraints = readConstraints(R, found.constraints, byName);
  const profiles = readProfiles(R, found.profiles);
  const { actuals, layout: actualsLayout } = readActuals(R, found.actuals, byName);
  const sources: PlanInput['sources'] = Object.fromEntries(
    Object.entries(sheets).map(([k, sheet]) => [k, { sheet }]),
  );
  return {
    input: {
      sources,
      settings,
      indicators,
      enterprises,
      profiles,
      base,
      weights,
      constraints,
      actuals,
      ...(units.length > 0 ? { units } : {}),
    },
    layout: {
      sheets,
      settings: refs,
      settingCells,
      ...(actualsLayout ? { actuals: actualsLayout } : {}),
    },
    errors: R.errors,
  };
}

/** 参数 / Settings: each known key's value cell (the last row of a key wins), and the cells that hold a value. */
function settingCells(
  R: CellReader,
  grid: SheetGrid | undefined,
): { cells: Map<Field, { cell: RawCell; ref: Ref }>; refs: Partial<Record<SettingKey, Ref>> } {
  const cells = new Map<Field, { cell: RawCell; ref: Ref }>();
  const refs: Partial<Record<SettingKey, Ref>> = {};
  if (!grid) return { cells, refs };
  const t = declaredTable(R, grid, SETTINGS_SHEET);
  const { key, value } = SETTINGS_SHEET.columns;
  if (!t.complete) return { cells, refs };
  const firstKey = new Map<SettingKey, Ref>();
  for (const row of t.rows) {
    const text = row.read(key);
    const k = text === undefined ? undefined : matchChoice(SETTING_KEYS, text);
    if (k === undefined) continue;
    const first = firstKey.get(k);
    if (first !== undefined) {
      R.errors.push(
        fenjieError(
          'DuplicateSetting',
          { name: text ?? '', first: errorPlace(first) },
          row.ref(key),
        ),
      );
      continue;
    }
    firstKey.set(k, row.ref(key));
    const ref = row.ref(value);
    cells.set(SETTINGS[k], { cell: row.cell(value), ref });
    if (!isBlank(row.cell(value))) refs[k] = ref;
  }
  return { cells, refs };
}

/** 参数 / Settings → the plan's settings, each blank or absent one at its default. */
function readSettings(
  R: CellReader,
  grid: SheetGrid | undefined,
): {
  settings: Settings;
  refs: Partial<Record<SettingKey, Ref>>;
  settingCells: Partial<Record<SettingKey, Ref>>;
} {
  const { cells, refs } = settingCells(R, grid);
  const present: Partial<Record<SettingKey, Ref>> = {};
  for (const k of Object.keys(SETTINGS) as SettingKey[]) {
    const c = cells.get(SETTINGS[k]);
    if (c) present[k] = c.ref;
  }
  const get = <T, D>(f: Field<T, D, never>): T | D => {
    const c = cells.get(f);
    const v =
      c === undefined || isBlank(c.cell)
        ? undefined
        : f.kind.read(R, c.cell, { ref: c.ref, field: f.name });
    return v ?? f.default;
  };
  const S = SETTINGS;
  const area = get(S.area);
  const year = get(S.year);
  const reportMonth = get(S.reportMonth);
  const asOf = get(S.asOf);
  const unit = get(S.unit);
  const settings: Settings = {
    ...(area !== undefined ? { area } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(reportMonth !== undefined ? { reportMonth } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    scheduleBasis: get(S.scheduleBasis),
    behindThreshold: get(S.behindThreshold),
    seriousThreshold: get(S.seriousThreshold),
    actualsBasis: get(S.actualsBasis),
    combineJanFeb: get(S.combineJanFeb),
    unit,
    listSize: get(S.listSize),
    escalation: get(S.escalation),
    refs,
  };
  return { settings, refs, settingCells: present };
}

/** 目标 / Targets: one indicator per row; a blank unit is the Settings' `unit`. */
function readTargets(R: CellReader, grid: SheetGrid | undefined, unit: string): Indicator[] {
  if (!grid) return [];
  const t = declaredTable(R, grid, TARGETS);
  if (!t.complete) return [];
  return t.rows.flatMap((row) => readTarget(row, unit) ?? []);
}

/** One indicator; a row without a name or a target is reported (unless its target is wrong, already reported). */
function readTarget(row: TableRow, settingsUnit: string): Indicator | undefined {
  const C = TARGETS.columns;
  const name = row.read(C.indicator);
  if (name === undefined) {
    if (row.blank(C.indicator)) row.missing(C.indicator);
    return undefined;
  }
  const unit = row.read(C.unit) ?? settingsUnit;
  const kind = row.get(C.kind);
  // A total is in the indicator's unit; a rate is a fraction.
  const target = row.read(C.target, kind === 'total' ? unit : undefined);
  if (target === undefined) {
    if (row.blank(C.target)) row.missing(C.target, name);
    return undefined;
  }
  const growth = row.read(C.targetGrowth);
  const decimals = row.get(C.decimals);
  return {
    name,
    unit,
    kind,
    direction: row.get(C.direction),
    target,
    ...(growth !== undefined
      ? { targetGrowth: growth, targetGrowthRef: row.ref(C.targetGrowth) }
      : {}),
    method: row.get(C.method),
    decimals,
    profile: row.get(C.profile),
    ref: row.ref(C.indicator),
    targetRef: row.ref(C.target),
    profileRef: row.ref(C.profile),
    decimalsRef: row.ref(C.decimals),
  };
}

/** 企业 / Enterprises: one enterprise per row. */
function readEnterprises(
  R: CellReader,
  grid: SheetGrid | undefined,
  withUnits: boolean,
): Enterprise[] {
  if (!grid) return [];
  const t = declaredTable(R, grid, withUnits ? ENTERPRISES_WITH_UNIT : ENTERPRISES);
  if (!t.complete) return [];
  const C = ENTERPRISES_WITH_UNIT.columns;
  return t.rows.flatMap((row): Enterprise[] => {
    const name = row.read(C.name);
    if (name === undefined) {
      if (row.blank(C.name)) row.missing(C.name);
      return [];
    }
    const code = row.read(C.creditCode);
    const group = row.read(C.group);
    const owner = row.read(C.owner);
    const profile = row.read(C.profile);
    const unit = withUnits ? row.read(C.unit) : undefined;
    return [
      {
        name,
        ref: row.ref(C.name),
        ...(withUnits ? { unitRef: row.ref(C.unit) } : {}),
        ...(unit !== undefined ? { unit } : {}),
        ...(code !== undefined ? { creditCode: code, creditCodeRef: row.ref(C.creditCode) } : {}),
        ...(group !== undefined ? { group } : {}),
        ...(owner !== undefined ? { owner } : {}),
        ...(profile !== undefined ? { profile, profileRef: row.ref(C.profile) } : {}),
      },
    ];
  });
}

/** 单位 / Units (optional): one unit per row; none when the sheet is absent or empty. */
function readUnits(R: CellReader, grid: SheetGrid | undefined): Unit[] {
  if (!grid) return [];
  const t = declaredTable(R, grid, UNITS);
  if (!t.complete) return [];
  const C = UNITS.columns;
  return t.rows.flatMap((row): Unit[] => {
    const name = row.read(C.name);
    if (name === undefined) {
      if (row.blank(C.name)) row.missing(C.name);
      return [];
    }
    const parent = row.read(C.parent);
    const group = row.read(C.group);
    const owner = row.read(C.owner);
    return [
      {
        name,
        ref: row.ref(C.name),
        ...(parent !== undefined ? { parent, parentRef: row.ref(C.parent) } : {}),
        ...(group !== undefined ? { group } : {}),
        ...(owner !== undefined ? { owner } : {}),
      },
    ];
  });
}

/** The columns headed by an indicator's name, in sheet order; a repeat is reported (the first counts). */
function indicatorColumns(
  R: CellReader,
  t: Table,
  byName: IndicatorsByName,
): { col: number; ind: Indicator }[] {
  const seen = new Set<Indicator>();
  return t.headers.flatMap((h) => {
    const ind = byName.get(normName(h.text));
    if (!ind) return [];
    if (seen.has(ind)) {
      R.errors.push(
        fenjieError('DuplicateColumn', { name: h.text }, refAt(t.sheet, t.headerRow, h.col)),
      );
      return [];
    }
    seen.add(ind);
    return [{ col: h.col, ind }];
  });
}

/** Whether any of the row's cells at `cols` shows something. */
const anyShown = (row: TableRow, cols: readonly { col: number }[]): boolean =>
  cols.some(({ col }) => !showsNothing(row.cells[col]));

/**
 * A number read from an indicator's cell of 基数 or 权重: the cell's reference is made only when
 * something (an error) asks for it.
 */
class ReadValue implements ValueCell {
  constructor(
    readonly value: number,
    private readonly sheet: string,
    private readonly row: number,
    private readonly col: number,
  ) {}
  get ref(): Ref {
    return refAt(this.sheet, this.row, this.col);
  }
}

/** The amount in an indicator's column of a row (基数, 权重, 实绩), in the indicator's unit. */
const readFigure = (row: TableRow, col: number, ind: Indicator): number | undefined =>
  row.value(col, PER_INDICATOR.kind, { zh: ind.name, en: ind.name } satisfies Name, ind.unit);

/** The amount of each indicator column that has one. */
function indicatorValues(
  row: TableRow,
  cols: readonly { col: number; ind: Indicator }[],
): Record<string, ValueCell> {
  const values: Record<string, ValueCell> = {};
  for (const { col, ind } of cols) {
    const v = readFigure(row, col, ind);
    if (v !== undefined) values[ind.name] = new ReadValue(v, row.sheet, row.row, col);
  }
  return values;
}

/**
 * 基数 / Base or 权重 / Weights: indicator → enterprise → value. A row with values but no name,
 * and a second row of one enterprise, are reported; a row with neither name nor values is not
 * data (a note beside the table, say).
 */
function readValuesByIndicator(
  R: CellReader,
  grid: SheetGrid | undefined,
  decl: typeof BASE | typeof WEIGHTS,
  byName: IndicatorsByName,
): Record<string, Record<string, ValueCell>> {
  const out: Record<string, Record<string, ValueCell>> = {};
  if (!grid) return out;
  const t = declaredTable(R, grid, decl);
  if (!t.complete) return out;
  const cols = indicatorColumns(R, t.table, byName);
  const C = decl.columns;
  const firstRow = new Map<string, Ref>();
  for (const row of t.rows) {
    const name = row.read(C.enterprise);
    if (name === undefined) {
      if (row.blank(C.enterprise) && anyShown(row, cols)) row.missing(C.enterprise);
      continue;
    }
    const first = firstRow.get(name);
    if (first) {
      R.errors.push(
        fenjieError(
          'DuplicateEnterprise',
          { name, first: errorPlace(first) },
          row.ref(C.enterprise),
        ),
      );
      continue;
    }
    firstRow.set(name, row.ref(C.enterprise));
    for (const [indicator, cell] of Object.entries(indicatorValues(row, cols)))
      (out[indicator] ??= {})[name] = cell;
  }
  return out;
}

/** 约束 / Constraints: one lock, floor or cap per row; a blank cell is reported and drops its row. */
function readConstraints(
  R: CellReader,
  grid: SheetGrid | undefined,
  byName: IndicatorsByName,
): Constraint[] {
  if (!grid) return [];
  const t = declaredTable(R, grid, CONSTRAINTS);
  if (!t.complete) return [];
  const C = CONSTRAINTS.columns;
  return t.rows.flatMap((row): Constraint[] => {
    const enterprise = row.read(C.enterprise);
    const indicator = row.read(C.indicator);
    const type = row.read(C.type);
    const ind = indicator === undefined ? undefined : byName.get(normName(indicator));
    const value = row.read(C.value, ind?.unit);
    // A cell that is not blank but reads as nothing (text, a formula without a value) was
    // reported as it was read.
    if (enterprise === undefined && row.blank(C.enterprise)) row.missing(C.enterprise);
    if (indicator === undefined && row.blank(C.indicator)) row.missing(C.indicator);
    if (type === undefined && row.blank(C.type)) row.missing(C.type);
    if (value === undefined && row.blank(C.value)) row.missing(C.value);
    if (enterprise === undefined || indicator === undefined) return [];
    if (type === undefined || value === undefined) return [];
    return [
      {
        enterprise,
        indicator: ind?.name ?? indicator,
        type,
        value,
        ref: row.ref(C.value),
        enterpriseRef: row.ref(C.enterprise),
        indicatorRef: row.ref(C.indicator),
      },
    ];
  });
}

/** The grid of 时间分布 / Profiles and its period columns: quarters if any quarter column is there, else 1-2月 … 12月 if 1-2月 is, else months. */
function periodColumns(
  R: CellReader,
  t: Table,
): {
  grid: ProfileDef['grid'];
  columns: { col: number | undefined; header: Name }[];
} {
  const colOf = (n: Name): number | undefined => t.headers.find((h) => matchesName(n, h.text))?.col;
  const grid = periodHeaders('quarters').some((n) => colOf(n) !== undefined)
    ? 'quarters'
    : colOf(JAN_FEB_HEADER) !== undefined
      ? 'janFeb'
      : 'months';
  // A period's column repeated (two 一季度): reported at the repeat, the first counts.
  for (const header of periodHeaders(grid)) {
    for (const dup of t.headers.filter((h) => matchesName(header, h.text)).slice(1)) {
      R.errors.push(
        fenjieError('DuplicateColumn', { name: dup.text }, refAt(t.sheet, t.headerRow, dup.col)),
      );
    }
  }
  return { grid, columns: periodHeaders(grid).map((header) => ({ col: colOf(header), header })) };
}

/** 时间分布 / Profiles: a name and its shares per row (a blank share is 0; shares without a name are reported). */
function readProfiles(R: CellReader, grid: SheetGrid | undefined): ProfileDef[] {
  if (!grid) return [];
  const t = declaredTable(R, grid, PROFILES);
  const periods = periodColumns(R, t.table);
  const missing = periods.columns.find((c) => c.col === undefined);
  if (missing) {
    R.errors.push(missingColumn(t.table, missing.header));
    return [];
  }
  if (!t.complete) return [];
  const columns = periods.columns.flatMap(({ col, header }) =>
    col === undefined ? [] : [{ col, header }],
  );
  const P = PROFILES.columns;
  return t.rows.flatMap((row): ProfileDef[] => {
    const name = row.read(P.name);
    if (name === undefined) {
      if (row.blank(P.name) && anyShown(row, columns)) row.missing(P.name);
      return [];
    }
    const shares = columns.map(
      ({ col, header }) => row.value(col, PERIOD_SHARES.kind, header) ?? PERIOD_SHARES.default,
    );
    const shareRefs = columns.map(({ col }) => row.at(col));
    return [{ name, grid: periods.grid, shares, ref: row.ref(P.name), shareRefs }];
  });
}

/** 实绩 / Actuals: one enterprise's month per row (by name, or by credit code), and where the columns are. */
function readActuals(
  R: CellReader,
  grid: SheetGrid | undefined,
  byName: IndicatorsByName,
): { actuals: Actual[]; layout?: ActualsLayout } {
  if (!grid) return { actuals: [] };
  const t = declaredTable(R, grid, ACTUALS);
  const A = ACTUALS.columns;
  const [year, month] = [t.cols.get(A.year), t.cols.get(A.month)];
  const [name, code] = [t.cols.get(A.enterprise), t.cols.get(A.creditCode)];
  const who = name ?? code;
  if (who === undefined) R.errors.push(missingColumn(t.table, A.enterprise.name));
  const cols = indicatorColumns(R, t.table, byName);
  if (year === undefined || month === undefined || who === undefined) return { actuals: [] };
  const actuals: Actual[] = [];
  const shared: Shared = {
    indicators: cols.map(({ ind }) => ind.name),
    columns: cols.map(({ col }) => columnLetter(col)),
  };
  for (const row of t.rows) {
    const a = readActual(row, cols, who, shared);
    if (a) actuals.push(a);
  }
  const values = Object.fromEntries(cols.map(({ col, ind }) => [ind.name, col]));
  // The header cells as written (untrimmed), which a live MATCH compares with.
  const headerCells = grid.cells[t.table.headerRow] ?? [];
  const headers = Object.fromEntries(
    cols.map(({ col, ind }) => {
      const raw = scalarOf(headerCells[col]);
      return [ind.name, typeof raw === 'string' ? raw : ind.name];
    }),
  );
  const layout: ActualsLayout = {
    sheet: t.table.sheet,
    headerRow: t.table.headerRow,
    cells: grid.cells.slice(t.table.headerRow + 1),
    headers,
    year,
    month,
    enterprise: who,
    ...(code !== undefined ? { creditCode: code } : {}),
    values,
  };
  return { actuals, layout };
}

/** What every row of one 实绩 sheet shares: its indicators and their columns' letters. */
type Shared = Pick<Actual, 'indicators' | 'columns'>;

/**
 * An actuals row's figures, by position in its columns. Blank cells stay holes (never assigned),
 * so the array keeps plain doubles, 8 bytes a figure.
 */
function rowFigures(row: TableRow, cols: readonly { col: number; ind: Indicator }[]): number[] {
  const values = new Array<number>(cols.length);
  cols.forEach(({ col, ind }, i) => {
    const v = readFigure(row, col, ind);
    if (v !== undefined) values[i] = v;
  });
  return values;
}

/** One row of 实绩 / Actuals; blank year, month or enterprise (name and code) are reported. */
function readActual(
  row: TableRow,
  cols: readonly { col: number; ind: Indicator }[],
  who: number,
  shared: Shared,
): Actual | undefined {
  const A = ACTUALS.columns;
  const year = row.read(A.year);
  const month = row.read(A.month);
  const enterprise = row.read(A.enterprise);
  const creditCode = row.read(A.creditCode);
  const values = rowFigures(row, cols);
  const whoRef = row.at(who);
  if (year === undefined && row.blank(A.year)) row.missing(A.year);
  if (month === undefined && row.blank(A.month)) row.missing(A.month);
  if (enterprise === undefined && creditCode === undefined && showsNothing(row.cells[who]))
    row.missing(A.enterprise, undefined, who);
  if (year === undefined || month === undefined) return undefined;
  if (enterprise === undefined && creditCode === undefined) return undefined;
  return {
    year,
    month,
    enterprise: enterprise ?? '',
    ...(creditCode !== undefined ? { creditCode } : {}),
    indicators: shared.indicators,
    values,
    ...(shared.columns ? { columns: shared.columns } : {}),
    ref: whoRef,
    yearRef: row.ref(A.year),
    monthRef: row.ref(A.month),
    enterpriseRef: whoRef,
  };
}
