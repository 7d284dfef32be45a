/**
 * Input grids → the engine's plan model, with every problem reported by sheet and cell.
 *
 * Rules (workbook-format.md): sheets and columns match in Chinese or English after trimming,
 * ignoring case and width; columns come in any order; unknown columns are ignored; the header row
 * is the first non-empty row (a merged title row above it is passed over). Merged cells hold their
 * value in the top-left cell only; hidden rows
 * are data like any other (Excel's SUMIFS counts them too). A formula contributes its cached
 * result; a formula without one is an error naming its cell.
 */
import {
  fenjieError,
  fromExcelSerial,
  isValidYMD,
  parseNumber,
  toHalfWidth,
  type Actual,
  type Constraint,
  type Enterprise,
  type FenjieError,
  type Indicator,
  type PlanInput,
  type ProfileDef,
  type Ref,
  type Settings,
  type ValueCell,
  type YMD,
} from '../engine';
import type { Grid } from '../engine/profile';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import {
  ACTUALS_BASES,
  bothNames,
  choiceList,
  COLUMNS,
  CONSTRAINT_TYPES,
  DIRECTIONS,
  findSheet,
  INPUT_SHEETS,
  JAN_FEB_HEADER,
  KINDS,
  matchChoice,
  matchesName,
  METHODS,
  MONTH_HEADERS,
  normName,
  QUARTER_HEADERS,
  REQUIRED_SHEETS,
  SCHEDULE_BASES,
  SETTING_KEYS,
  SHEETS,
  YES_NO,
  type Choice,
  type InputSheet,
  type Name,
  type SettingKey,
} from './names';
import { a1, parseA1 } from './spec';

/** Where the Actuals columns are, so live formulas can read them. */
export interface ActualsLayout {
  readonly sheet: string;
  readonly year: number;
  readonly month: number;
  readonly enterprise: number;
  readonly creditCode?: number;
  /** indicator → column index. */
  readonly values: Readonly<Record<string, number>>;
  /** Per data row: the name and code cells as written, and whether every cell is a real number. */
  readonly rows: readonly {
    readonly name: unknown;
    readonly code: unknown;
    readonly plain: boolean;
    readonly ref: Ref;
  }[];
}

export interface InputLayout {
  /** The input sheets found, by their names in this workbook. */
  readonly sheets: Partial<Record<InputSheet, string>>;
  /** Cells of the settings' values (for formulas that follow them). */
  readonly settings: Partial<Record<SettingKey, Ref>>;
  readonly actuals?: ActualsLayout;
}

export interface ReadResult {
  readonly input: PlanInput;
  readonly layout: InputLayout;
  readonly errors: readonly FenjieError[];
}

interface Row {
  readonly row: number;
  readonly cells: readonly RawCell[];
}

interface Table {
  readonly sheet: string;
  readonly headerRow: number;
  readonly headers: readonly { readonly col: number; readonly text: string }[];
  readonly rows: readonly Row[];
}

const isBlank = (c: RawCell | undefined): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** A sheet's merged ranges, as their top-left and bottom-right cells (0-based). */
function mergesOf(
  grid: SheetGrid,
): { s: { row: number; col: number }; e: { row: number; col: number } }[] {
  return (grid.merges ?? []).flatMap((m) => {
    const [from, to] = m.split(':');
    return from && to ? [{ s: parseA1(from), e: parseA1(to) }] : [];
  });
}

/** Clears every cell of a merged range but its top-left one. */
function unmerge(grid: SheetGrid, merges: ReturnType<typeof mergesOf>): RawCell[][] {
  const cells = grid.cells.map((r) => [...r]);
  for (const { s, e } of merges) {
    for (let r = s.row; r <= e.row; r++) {
      for (let c = s.col; c <= e.col; c++) {
        if ((r !== s.row || c !== s.col) && cells[r] && c < (cells[r] as RawCell[]).length)
          (cells[r] as RawCell[])[c] = null;
      }
    }
  }
  return cells;
}

/** The scalar a cell stands for: a formula's cached result, otherwise the cell itself. */
type Scalar =
  null | number | string | boolean | { readonly date: YMD } | { readonly error: string };

class Reader {
  readonly errors: FenjieError[] = [];

  ref(sheet: string, row: number, col: number): Ref {
    return { sheet, cell: a1(row, col) };
  }

  scalar(c: RawCell | undefined, ref: Ref): Scalar | undefined {
    if (c === undefined) return null;
    if (c !== null && typeof c === 'object' && 'formula' in c) {
      if (c.result === undefined) {
        this.errors.push(fenjieError('FormulaWithoutValue', { formula: `=${c.formula}` }, ref));
        return undefined;
      }
      return c.result;
    }
    return c;
  }

  text(c: RawCell | undefined, ref: Ref): string | undefined {
    const v = this.scalar(c, ref);
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if ('date' in v) return `${v.date.y}-${v.date.m}-${v.date.d}`;
    return v.error;
  }

  number(c: RawCell | undefined, ref: Ref, unit?: string): number | undefined {
    const v = this.scalar(c, ref);
    if (v === undefined || v === null) return undefined;
    let input: unknown = v;
    if (typeof v === 'object')
      input = 'error' in v ? v.error : `${v.date.y}-${v.date.m}-${v.date.d}`;
    const r = parseNumber(input, unit === undefined ? { ref } : { ref, unit });
    if (!r.ok) {
      this.errors.push(...r.errors);
      return undefined;
    }
    return r.value ?? undefined;
  }

  /** A month written as 8, '8', '8月' or '1-8月' (→ 8). */
  month(c: RawCell | undefined, ref: Ref): number | undefined {
    const t = this.text(c, ref);
    if (t === undefined) return undefined;
    const m = /^(?:\d{1,2}\s*[-—–~至]\s*)?(\d{1,2})\s*月?$/.exec(toHalfWidth(t).trim());
    if (m) return Number(m[1]);
    return this.number(c, ref);
  }

  choice<T extends string>(
    choice: Choice<T>,
    field: Name,
    c: RawCell | undefined,
    ref: Ref,
  ): T | undefined {
    const t = this.text(c, ref);
    if (t === undefined) return undefined;
    const v = matchChoice(choice, t);
    if (v === undefined) {
      this.errors.push(
        fenjieError(
          'InvalidChoice',
          { field: `${field.zh}/${field.en}`, value: t, allowed: choiceList(choice) },
          ref,
        ),
      );
    }
    return v;
  }

  date(c: RawCell | undefined, ref: Ref): YMD | undefined {
    const v = this.scalar(c, ref);
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'object' && 'date' in v) return v.date;
    if (typeof v === 'number') return fromExcelSerial(v);
    const t = typeof v === 'string' ? toHalfWidth(v).trim() : '';
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
    const d = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
    if (!d || !isValidYMD(d)) {
      this.errors.push(
        fenjieError('InvalidDate', { text: typeof v === 'object' ? v.error : String(v) }, ref),
      );
      return undefined;
    }
    return d;
  }

  table(grid: SheetGrid): Table {
    const merges = mergesOf(grid);
    const cells = unmerge(grid, merges);
    // The header row is the first non-empty row, passing over a title: a row whose only value
    // is the top-left cell of a merge across several columns (common above government tables).
    const titles = new Set(
      merges.flatMap(({ s, e }) => (e.col > s.col ? [`${s.row}:${s.col}`] : [])),
    );
    const isTitle = (r: readonly RawCell[], i: number): boolean => {
      const filled = r.flatMap((c, col) => (isBlank(c) ? [] : [col]));
      return filled.length === 1 && titles.has(`${i}:${filled[0]}`);
    };
    const headerRow = cells.findIndex((r, i) => r.some((c) => !isBlank(c)) && !isTitle(r, i));
    if (headerRow < 0) return { sheet: grid.name, headerRow: 0, headers: [], rows: [] };
    const headers: { col: number; text: string }[] = [];
    (cells[headerRow] ?? []).forEach((c, col) => {
      const t = this.text(c, this.ref(grid.name, headerRow, col));
      if (t !== undefined) headers.push({ col, text: t });
    });
    const rows: Row[] = [];
    for (let r = headerRow + 1; r < cells.length; r++) {
      const row = cells[r] ?? [];
      if (row.some((c) => !isBlank(c))) rows.push({ row: r, cells: row });
    }
    return { sheet: grid.name, headerRow, headers, rows };
  }

  /** The column of a known header; reports duplicates, and a missing required column. */
  column(t: Table, name: Name, required: boolean): number | undefined {
    const hits = t.headers.filter((h) => matchesName(name, h.text));
    for (const dup of hits.slice(1)) {
      this.errors.push(
        fenjieError('DuplicateColumn', { name: dup.text }, this.ref(t.sheet, t.headerRow, dup.col)),
      );
    }
    if (hits.length === 0 && required) {
      this.errors.push(
        fenjieError('MissingColumn', { name: bothNames(name) }, this.ref(t.sheet, t.headerRow, 0)),
      );
    }
    return hits[0]?.col;
  }
}

/** Finds each input sheet by its Chinese or English name. */
function findSheets(grids: WorkbookGrids): Partial<Record<InputSheet, SheetGrid>> {
  const out: Partial<Record<InputSheet, SheetGrid>> = {};
  for (const key of INPUT_SHEETS) {
    const hit = findSheet(grids.sheets, key);
    if (hit) out[key] = hit;
  }
  return out;
}

/** The flag thresholds, in percentage points, when the Settings sheet gives none. */
export const DEFAULT_THRESHOLDS = { behindThreshold: 5, seriousThreshold: 10 } as const;

/** Reads the input sheets of a workbook into a plan model. */
export function readInputs(grids: WorkbookGrids): ReadResult {
  const R = new Reader();
  const found = findSheets(grids);
  const sheets: Partial<Record<InputSheet, string>> = {};
  for (const [k, g] of Object.entries(found)) sheets[k as InputSheet] = g.name;
  for (const key of REQUIRED_SHEETS) {
    if (!found[key]) R.errors.push(fenjieError('MissingSheet', { name: bothNames(SHEETS[key]) }));
  }

  // 参数 / Settings.
  const settingRefs: Partial<Record<SettingKey, Ref>> = {};
  const raw: Partial<Record<SettingKey, { cell: RawCell; ref: Ref }>> = {};
  if (found.settings) {
    const t = R.table(found.settings);
    const kc = R.column(t, COLUMNS.key, true);
    const vc = R.column(t, COLUMNS.value, true);
    if (kc !== undefined && vc !== undefined) {
      for (const row of t.rows) {
        const key = R.text(row.cells[kc], R.ref(t.sheet, row.row, kc));
        if (key === undefined) continue;
        const k = matchChoice(SETTING_KEYS, key);
        if (!k) continue;
        const ref = R.ref(t.sheet, row.row, vc);
        raw[k] = { cell: row.cells[vc] ?? null, ref };
        if (!isBlank(row.cells[vc])) settingRefs[k] = ref;
      }
    }
  }
  const sv = <T>(k: SettingKey, f: (c: RawCell, ref: Ref) => T | undefined): T | undefined => {
    const r = raw[k];
    return r === undefined || isBlank(r.cell) ? undefined : f(r.cell, r.ref);
  };
  const points = (c: RawCell, ref: Ref): number | undefined => {
    const v = R.number(c, ref);
    const t = typeof c === 'string' ? c.trim() : '';
    return v !== undefined && /[%％]$/.test(t) ? v * 100 : v;
  };
  const yesNo = (c: RawCell, ref: Ref): boolean | undefined =>
    typeof c === 'boolean'
      ? c
      : ((v) => (v === undefined ? undefined : v === 'yes'))(
          R.choice(YES_NO, SETTING_KEYS.combineJanFeb, c, ref),
        );
  const year = sv('year', (c, ref) => R.number(c, ref));
  const reportMonth = sv('reportMonth', (c, ref) => R.month(c, ref));
  const asOf = sv('asOf', (c, ref) => R.date(c, ref));
  const unit = sv('unit', (c, ref) => R.text(c, ref)) ?? '万元';
  const settings: Settings = {
    ...(year !== undefined ? { year } : {}),
    ...(reportMonth !== undefined ? { reportMonth } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    scheduleBasis:
      sv('scheduleBasis', (c, ref) =>
        R.choice(SCHEDULE_BASES, SETTING_KEYS.scheduleBasis, c, ref),
      ) ?? 'months',
    behindThreshold: sv('behindThreshold', points) ?? DEFAULT_THRESHOLDS.behindThreshold,
    seriousThreshold: sv('seriousThreshold', points) ?? DEFAULT_THRESHOLDS.seriousThreshold,
    actualsBasis:
      sv('actualsBasis', (c, ref) => R.choice(ACTUALS_BASES, SETTING_KEYS.actualsBasis, c, ref)) ??
      'cumulative',
    combineJanFeb: sv('combineJanFeb', yesNo) ?? true,
    unit,
    refs: settingRefs,
  };

  // 目标 / Targets.
  const indicators: Indicator[] = [];
  if (found.targets) {
    const t = R.table(found.targets);
    const c = {
      name: R.column(t, COLUMNS.indicator, true),
      unit: R.column(t, COLUMNS.unit, false),
      kind: R.column(t, COLUMNS.kind, false),
      direction: R.column(t, COLUMNS.direction, false),
      target: R.column(t, COLUMNS.target, true),
      growth: R.column(t, COLUMNS.targetGrowth, false),
      method: R.column(t, COLUMNS.method, false),
      decimals: R.column(t, COLUMNS.decimals, false),
      profile: R.column(t, COLUMNS.profile, false),
    };
    if (c.name !== undefined && c.target !== undefined) {
      for (const row of t.rows) {
        const at = (col: number | undefined): [RawCell, Ref] =>
          col === undefined
            ? [null, R.ref(t.sheet, row.row, 0)]
            : [row.cells[col] ?? null, R.ref(t.sheet, row.row, col)];
        const nameRef = R.ref(t.sheet, row.row, c.name);
        const name = R.text(row.cells[c.name], nameRef);
        if (name === undefined) {
          R.errors.push(
            fenjieError('MissingValue', { field: bothNames(COLUMNS.indicator) }, nameRef),
          );
          continue;
        }
        const iu = R.text(...at(c.unit)) ?? unit;
        const kind = R.choice(KINDS, COLUMNS.kind, ...at(c.kind)) ?? 'total';
        const [tc, tref] = at(c.target);
        const target = R.number(tc, tref, kind === 'total' ? iu : undefined);
        if (target === undefined) {
          if (isBlank(tc))
            R.errors.push(
              fenjieError(
                'MissingValue',
                { field: bothNames(COLUMNS.target), indicator: name },
                tref,
              ),
            );
          continue;
        }
        const growth = c.growth === undefined ? undefined : R.number(...at(c.growth));
        const decimals = c.decimals === undefined ? undefined : R.number(...at(c.decimals));
        indicators.push({
          name,
          unit: iu,
          kind,
          direction: R.choice(DIRECTIONS, COLUMNS.direction, ...at(c.direction)) ?? 'higher',
          target,
          ...(growth !== undefined ? { targetGrowth: growth } : {}),
          method: R.choice(METHODS, COLUMNS.method, ...at(c.method)) ?? 'base',
          decimals: decimals ?? 2,
          profile: R.text(...at(c.profile)) ?? '均衡',
          ref: nameRef,
          targetRef: tref,
          profileRef: at(c.profile)[1],
          decimalsRef: at(c.decimals)[1],
        });
      }
    }
  }
  const unitOf = new Map(indicators.map((i) => [normName(i.name), i]));
  const indicatorColumns = (t: Table): { col: number; ind: Indicator }[] =>
    t.headers.flatMap((h) => {
      const ind = unitOf.get(normName(h.text));
      return ind ? [{ col: h.col, ind }] : [];
    });

  // 企业 / Enterprises.
  const enterprises: Enterprise[] = [];
  if (found.enterprises) {
    const t = R.table(found.enterprises);
    const c = {
      name: R.column(t, COLUMNS.enterprise, true),
      code: R.column(t, COLUMNS.creditCode, false),
      group: R.column(t, COLUMNS.group, false),
      owner: R.column(t, COLUMNS.owner, false),
      profile: R.column(t, COLUMNS.profile, false),
    };
    if (c.name !== undefined) {
      for (const row of t.rows) {
        const ref = R.ref(t.sheet, row.row, c.name);
        const name = R.text(row.cells[c.name], ref);
        const opt = (col: number | undefined): [string | undefined, Ref | undefined] => {
          if (col === undefined) return [undefined, undefined];
          const r = R.ref(t.sheet, row.row, col);
          return [R.text(row.cells[col], r), r];
        };
        if (name === undefined) {
          R.errors.push(fenjieError('MissingValue', { field: bothNames(COLUMNS.enterprise) }, ref));
          continue;
        }
        const [code, codeRef] = opt(c.code);
        const [group] = opt(c.group);
        const [owner] = opt(c.owner);
        const [profile, profileRef] = opt(c.profile);
        enterprises.push({
          name,
          ref,
          ...(code !== undefined ? { creditCode: code, creditCodeRef: codeRef as Ref } : {}),
          ...(group !== undefined ? { group } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(profile !== undefined ? { profile, profileRef: profileRef as Ref } : {}),
        });
      }
    }
  }

  // 基数 / Base and 权重 / Weights.
  const byIndicator = (grid: SheetGrid | undefined): Record<string, Record<string, ValueCell>> => {
    const out: Record<string, Record<string, ValueCell>> = {};
    if (!grid) return out;
    const t = R.table(grid);
    const ec = R.column(t, COLUMNS.enterprise, true);
    if (ec === undefined) return out;
    const cols = indicatorColumns(t);
    for (const row of t.rows) {
      const name = R.text(row.cells[ec], R.ref(t.sheet, row.row, ec));
      if (name === undefined) continue;
      for (const { col, ind } of cols) {
        const ref = R.ref(t.sheet, row.row, col);
        const v = R.number(row.cells[col], ref, ind.unit);
        if (v !== undefined) (out[ind.name] ??= {})[name] = { value: v, ref };
      }
    }
    return out;
  };
  const base = byIndicator(found.base);
  const weights = byIndicator(found.weights);

  // 约束 / Constraints.
  const constraints: Constraint[] = [];
  if (found.constraints) {
    const t = R.table(found.constraints);
    const c = {
      e: R.column(t, COLUMNS.enterprise, true),
      i: R.column(t, COLUMNS.indicator, true),
      t: R.column(t, COLUMNS.type, true),
      v: R.column(t, COLUMNS.number, true),
    };
    if (c.e !== undefined && c.i !== undefined && c.t !== undefined && c.v !== undefined) {
      for (const row of t.rows) {
        const eRef = R.ref(t.sheet, row.row, c.e);
        const iRef = R.ref(t.sheet, row.row, c.i);
        const vRef = R.ref(t.sheet, row.row, c.v);
        const enterprise = R.text(row.cells[c.e], eRef);
        const indicator = R.text(row.cells[c.i], iRef);
        const type = R.choice(
          CONSTRAINT_TYPES,
          COLUMNS.type,
          row.cells[c.t] ?? null,
          R.ref(t.sheet, row.row, c.t),
        );
        const value = R.number(row.cells[c.v], vRef, unitOf.get(normName(indicator ?? ''))?.unit);
        if (
          enterprise === undefined ||
          indicator === undefined ||
          type === undefined ||
          value === undefined
        ) {
          const missing: [Ref, Name] | undefined =
            enterprise === undefined
              ? [eRef, COLUMNS.enterprise]
              : indicator === undefined
                ? [iRef, COLUMNS.indicator]
                : value === undefined && isBlank(row.cells[c.v])
                  ? [vRef, COLUMNS.number]
                  : undefined;
          if (missing)
            R.errors.push(
              fenjieError('MissingValue', { field: bothNames(missing[1]) }, missing[0]),
            );
          continue;
        }
        const ind = unitOf.get(normName(indicator));
        constraints.push({
          enterprise,
          indicator: ind?.name ?? indicator,
          type,
          value,
          ref: vRef,
          enterpriseRef: eRef,
          indicatorRef: iRef,
        });
      }
    }
  }

  // 时间分布 / Profiles.
  const profiles: ProfileDef[] = [];
  if (found.profiles) {
    const t = R.table(found.profiles);
    const nc = R.column(t, COLUMNS.name, true);
    const find = (names: readonly Name[]): (number | undefined)[] =>
      names.map((n) => t.headers.find((h) => matchesName(n, h.text))?.col);
    const quarters = find(QUARTER_HEADERS);
    const months = find(MONTH_HEADERS);
    const janFeb = find([JAN_FEB_HEADER])[0];
    let grid: Grid;
    let cols: (number | undefined)[];
    if (quarters.some((c) => c !== undefined)) [grid, cols] = ['quarters', quarters];
    else if (janFeb !== undefined) [grid, cols] = ['janFeb', [janFeb, ...months.slice(2)]];
    else [grid, cols] = ['months', months];
    const missing = cols.findIndex((c) => c === undefined);
    const labels =
      grid === 'quarters'
        ? QUARTER_HEADERS
        : grid === 'janFeb'
          ? [JAN_FEB_HEADER, ...MONTH_HEADERS.slice(2)]
          : MONTH_HEADERS;
    if (missing >= 0) {
      const n = labels[missing] as Name;
      R.errors.push(
        fenjieError('MissingColumn', { name: bothNames(n) }, R.ref(t.sheet, t.headerRow, 0)),
      );
    } else if (nc !== undefined) {
      for (const row of t.rows) {
        const ref = R.ref(t.sheet, row.row, nc);
        const name = R.text(row.cells[nc], ref);
        if (name === undefined) continue;
        const shares = cols.map(
          (col) => R.number(row.cells[col as number], R.ref(t.sheet, row.row, col as number)) ?? 0,
        );
        profiles.push({ name, grid, shares, ref });
      }
    }
  }

  // 实绩 / Actuals.
  const actuals: Actual[] = [];
  let actualsLayout: ActualsLayout | undefined;
  if (found.actuals) {
    const t = R.table(found.actuals);
    const c = {
      year: R.column(t, COLUMNS.year, true),
      month: R.column(t, COLUMNS.month, true),
      name: R.column(t, COLUMNS.enterprise, false),
      code: R.column(t, COLUMNS.creditCode, false),
    };
    if (c.name === undefined && c.code === undefined) R.column(t, COLUMNS.enterprise, true);
    const cols = indicatorColumns(t);
    if (
      c.year !== undefined &&
      c.month !== undefined &&
      (c.name !== undefined || c.code !== undefined)
    ) {
      const layoutRows: { name: unknown; code: unknown; plain: boolean; ref: Ref }[] = [];
      for (const row of t.rows) {
        const yRef = R.ref(t.sheet, row.row, c.year);
        const mRef = R.ref(t.sheet, row.row, c.month);
        const eRef = R.ref(t.sheet, row.row, c.name ?? (c.code as number));
        const y = R.number(row.cells[c.year], yRef);
        const m = R.month(row.cells[c.month], mRef);
        const name = c.name === undefined ? undefined : R.text(row.cells[c.name], eRef);
        const code =
          c.code === undefined
            ? undefined
            : R.text(row.cells[c.code], R.ref(t.sheet, row.row, c.code));
        const values: Record<string, ValueCell> = {};
        let plain = isNumberCell(row.cells[c.year]) && isNumberCell(row.cells[c.month]);
        for (const { col, ind } of cols) {
          const ref = R.ref(t.sheet, row.row, col);
          const cell = row.cells[col];
          if (!isBlank(cell) && !isNumberCell(cell)) plain = false;
          const v = R.number(cell, ref, ind.unit);
          if (v !== undefined) values[ind.name] = { value: v, ref };
        }
        layoutRows.push({
          name: c.name === undefined ? null : scalarOf(row.cells[c.name]),
          code: c.code === undefined ? null : scalarOf(row.cells[c.code]),
          plain,
          ref: eRef,
        });
        if (y === undefined || m === undefined || (name === undefined && code === undefined)) {
          if (y === undefined && isBlank(row.cells[c.year]))
            R.errors.push(fenjieError('MissingValue', { field: bothNames(COLUMNS.year) }, yRef));
          if (m === undefined && isBlank(row.cells[c.month]))
            R.errors.push(fenjieError('MissingValue', { field: bothNames(COLUMNS.month) }, mRef));
          if (name === undefined && code === undefined)
            R.errors.push(
              fenjieError('MissingValue', { field: bothNames(COLUMNS.enterprise) }, eRef),
            );
          continue;
        }
        actuals.push({
          year: y,
          month: m,
          enterprise: name ?? '',
          ...(code !== undefined ? { creditCode: code } : {}),
          values,
          ref: eRef,
          yearRef: yRef,
          monthRef: mRef,
          enterpriseRef: eRef,
        });
      }
      actualsLayout = {
        sheet: t.sheet,
        year: c.year,
        month: c.month,
        enterprise: c.name ?? (c.code as number),
        ...(c.code !== undefined ? { creditCode: c.code } : {}),
        values: Object.fromEntries(cols.map(({ col, ind }) => [ind.name, col])),
        rows: layoutRows,
      };
    }
  }

  const sources: PlanInput['sources'] = Object.fromEntries(
    Object.entries(sheets).map(([k, name]) => [k, { sheet: name as string }]),
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
    },
    layout: { sheets, settings: settingRefs, ...(actualsLayout ? { actuals: actualsLayout } : {}) },
    errors: R.errors,
  };
}

/** A number, or a formula whose cached result is a number. */
function isNumberCell(c: RawCell | undefined): boolean {
  return typeof scalarOf(c) === 'number';
}

function scalarOf(c: RawCell | undefined): unknown {
  if (c !== null && typeof c === 'object' && 'formula' in c) return c.result ?? null;
  return c ?? null;
}
