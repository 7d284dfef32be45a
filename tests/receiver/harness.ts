/**
 * Harness of the receiver tests (tests/receiver/receiver.test.ts): build and plan the bundled
 * example, edit the output workbook's input sheets as a receiver would (ExcelJS, which does not
 * recalculate), let LibreOffice sort and filter it (Python-UNO), and compare what LibreOffice
 * recalculates on 序时进度 and 汇总 with the engine's JSON for the same edited inputs.
 *
 * Everything that reads the output sheets is layout-agnostic: tables are found by their header
 * rows and columns by their header texts, never by position, so the tests survive a new renderer
 * layout (group and area rows in their own block, helper and guide sheets, a data-check line).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { planFile } from '../../src/cli/main';
import { writeFileAtomic } from '../../src/hosts/xlsx/file';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { FLAG_LABELS, normName, SHEETS } from '../../src/workbook/names';
import { exampleWorkbook, type ExampleData } from '../../src/workbook/template';
import type { SheetValues } from '../helpers/libreoffice';
import { EXAMPLE } from '../helpers/variants';

export type Value = string | number | boolean | null;
export type Flag = keyof typeof FLAG_LABELS;

/** The clock every plan of these tests runs with. */
export const NOW = '2025-09-03T10:30';

// ------------------------------------------------------------------------------------------------
// The engine's JSON (src/workbook/result.ts), as far as these tests read it.

export interface EngineRow {
  readonly indicator: string;
  readonly enterprise: string;
  readonly group?: string;
  readonly target: number;
  readonly ytd: number | null;
  readonly completion: number | null;
  readonly gap: number | null;
  readonly yoy: number | null;
  readonly flag: Flag;
  readonly rank: number | null;
}
export interface EngineGroup {
  readonly indicator: string;
  readonly group: string;
  readonly target: number;
  readonly ytd: number | null;
  readonly completion: number | null;
  readonly gap: number | null;
  readonly yoy: number | null;
  readonly flag: Flag;
}
export interface EngineArea extends Omit<EngineGroup, 'group'> {
  readonly counts: Readonly<Record<Flag, number>>;
}
export interface EngineJson {
  readonly year: number;
  readonly reportMonth: number;
  readonly progress: readonly EngineRow[];
  readonly groupProgress: readonly EngineGroup[];
  readonly areaProgress: readonly EngineArea[];
  readonly errors: readonly { code: string; message: string }[];
}

/** Build the bundled example's input workbook (Chinese) at `path`. */
export async function writeExampleInput(path: string, data: ExampleData): Promise<void> {
  await writeFileAtomic(path, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, 'zh'))));
}

/**
 * `fenjie plan input --out output --json json` through the CLI's own function. Returns the exit
 * code, the JSON (written even when the plan has errors) and what the CLI printed on stderr.
 */
export async function plan(
  input: string,
  output: string,
  json: string,
): Promise<{ code: number; json: EngineJson | undefined; stderr: string[] }> {
  const stderr: string[] = [];
  const r = await planFile(
    input,
    output,
    { now: NOW, lang: 'zh', json },
    { out: () => {}, err: (l) => stderr.push(l) },
  );
  const text = existsSync(json) ? await readFile(json, 'utf8') : undefined;
  return {
    code: r.code,
    json: text === undefined ? undefined : (JSON.parse(text) as EngineJson),
    stderr,
  };
}

/**
 * The bundled example planned as its planner passes it on, with cumulative actuals or with
 * 实绩口径 当月 (each row of 实绩 then a month's own figure): input, output and JSON in `dir`.
 * Returns the planned workbook's path.
 */
export async function plannedExample(
  dir: string,
  source: 'cumulative' | 'monthly',
): Promise<string> {
  const input = join(dir, `input-${source}.xlsx`);
  const data =
    source === 'monthly'
      ? { ...EXAMPLE, settings: { ...EXAMPLE.settings, actualsBasis: 'monthly' as const } }
      : EXAMPLE;
  await writeExampleInput(input, data);
  const out = join(dir, `out-${source}.xlsx`);
  const first = await plan(input, out, join(dir, `out-${source}.json`));
  if (first.code !== 0)
    throw new Error(`planning the ${source} example failed: ${first.stderr.join('\n')}`);
  return out;
}

// ------------------------------------------------------------------------------------------------
// Editing the input sheets as a person would (ExcelJS: values only, nothing recalculated).

/** Open `src` with ExcelJS, let `edit` change it, write it to `dst`. */
export async function editWorkbook(
  src: string,
  dst: string,
  edit: (wb: ExcelJS.Workbook) => void,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  edit(wb);
  await wb.xlsx.writeFile(dst);
}

const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v).trim();

function sheetNamed(wb: ExcelJS.Workbook, key: keyof typeof SHEETS): ExcelJS.Worksheet {
  const ws = wb.worksheets.find(
    (w) =>
      normName(w.name) === normName(SHEETS[key].zh) ||
      normName(w.name) === normName(SHEETS[key].en),
  );
  if (!ws) throw new Error(`no ${SHEETS[key].zh} sheet`);
  return ws;
}

/** Set a 参数 / Settings value (null = blank the cell), found by its key's text. */
export function setSetting(wb: ExcelJS.Workbook, key: string, value: ExcelJS.CellValue): void {
  const ws = sheetNamed(wb, 'settings');
  for (let r = 1; r <= ws.rowCount; r++) {
    if (cellText(ws.getRow(r).getCell(1).value) === key) {
      ws.getRow(r).getCell(2).value = value;
      return;
    }
  }
  throw new Error(`no setting ${key} on 参数`);
}

/** 实绩's header (row 1 of the example) and its columns, by header text. */
export interface ActualsLayout {
  readonly ws: ExcelJS.Worksheet;
  readonly year: number;
  readonly month: number;
  readonly enterprise: number;
  readonly code: number | undefined;
  /** indicator → column (1-based) */
  readonly indicators: ReadonlyMap<string, number>;
  readonly width: number;
}

export function actuals(wb: ExcelJS.Workbook): ActualsLayout {
  const ws = sheetNamed(wb, 'actuals');
  const header = ws.getRow(1);
  const cols = new Map<string, number>();
  header.eachCell((c, col) => cols.set(cellText(c.value), col));
  const need = (n: string): number => {
    const c = cols.get(n);
    if (c === undefined) throw new Error(`实绩 has no column ${n}`);
    return c;
  };
  const fixed = ['年份', '月份', '企业名称', '统一社会信用代码'];
  return {
    ws,
    year: need('年份'),
    month: need('月份'),
    enterprise: need('企业名称'),
    code: cols.get('统一社会信用代码'),
    indicators: new Map([...cols].filter(([n]) => !fixed.includes(n))),
    width: Math.max(...cols.values()),
  };
}

/** Data rows of 实绩 (1-based row numbers) with a given year and month (as numbers). */
export function actualsRowsOf(a: ActualsLayout, year: number, month: number): number[] {
  const rows: number[] = [];
  for (let r = 2; r <= a.ws.rowCount; r++) {
    const row = a.ws.getRow(r);
    if (row.getCell(a.year).value === year && row.getCell(a.month).value === month) rows.push(r);
  }
  return rows;
}

/** A row's values as an array for addRow / spliceRows (index 0 = column A). */
export function rowValues(a: ActualsLayout, r: number): ExcelJS.CellValue[] {
  const row = a.ws.getRow(r);
  return Array.from({ length: a.width }, (_, i) => row.getCell(i + 1).value);
}

/**
 * The month-`to` rows a statistics bureau would send, derived from month `from`: every this-year
 * row of month `from`, its figures × `factor` (cumulative, rounded to 0.1), month set to `to`.
 */
export function nextMonthRows(
  a: ActualsLayout,
  year: number,
  from: number,
  to: number,
  factor = 1.1,
): ExcelJS.CellValue[][] {
  const indicatorCols = new Set(a.indicators.values());
  return actualsRowsOf(a, year, from).map((r) =>
    rowValues(a, r).map((v, i) => {
      if (i + 1 === a.month) return to;
      if (indicatorCols.has(i + 1) && typeof v === 'number')
        return Math.round(v * factor * 10) / 10;
      return v;
    }),
  );
}

/** Append rows at the bottom of 实绩, as pasting below the last row does. */
export function appendRows(a: ActualsLayout, rows: readonly ExcelJS.CellValue[][]): void {
  for (const values of rows) a.ws.addRow(values);
}

/** The (1-based) row of 实绩 for an enterprise (by name as written), year and month. */
export function actualsRow(a: ActualsLayout, name: string, year: number, month: number): number {
  for (let r = 2; r <= a.ws.rowCount; r++) {
    const row = a.ws.getRow(r);
    if (
      cellText(row.getCell(a.enterprise).value) === name &&
      row.getCell(a.year).value === year &&
      row.getCell(a.month).value === month
    )
      return r;
  }
  throw new Error(`实绩 has no row ${name} ${year}-${month}`);
}

// ------------------------------------------------------------------------------------------------
// LibreOffice sorting and filtering (Python-UNO).

const SORT_SCRIPT = fileURLToPath(new URL('./lo-sort-filter.py', import.meta.url));

/** A Python 3 that can `import uno` (Debian: python3-uno), or undefined. */
export function unoPython(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import uno'], { stdio: 'ignore', timeout: 20_000 }).status === 0,
  );
}

/**
 * With LibreOffice itself: sort the first table block of 序时进度 (the data rows under the first
 * header down to the first blank row) by 完成率 descending, put an autofilter on it hiding the
 * rows of `hideGroup`, save as .xlsx at `dst`. Returns what the script reports (the rows it
 * sorted, the rows the filter hid).
 */
export async function sortAndFilterWithLibreOffice(
  src: string,
  dst: string,
  hideGroup: string,
  timeoutMs = 180_000,
  /** With units: sort only each enterprise table's rows of this unit (its 单位序号), no filter. */
  unitNo?: number,
): Promise<unknown> {
  const python = unoPython();
  if (python === undefined)
    throw new Error('python3-uno is not installed (apt-get install -y python3-uno)');
  const profile = await mkdtemp(join(tmpdir(), 'fenjie-lo-sort-'));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const args = [SORT_SCRIPT, profile, src, dst, hideGroup];
      if (unitNo !== undefined) args.push(String(unitNo));
      const child = spawn(python, args, {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        reject(new Error(`lo-sort-filter.py timed out; stderr: ${stderr}`));
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0 && existsSync(dst)) resolve(stdout);
        else reject(new Error(`lo-sort-filter.py failed (exit ${code}): ${stderr}`));
      });
    });
    return JSON.parse(out.trim().split('\n').pop() ?? 'null') as unknown;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// Reading 序时进度 and 汇总 by header text.

type Field =
  | 'indicator'
  | 'name'
  | 'group'
  | 'target'
  | 'ytd'
  | 'completion'
  | 'gap'
  | 'yoy'
  | 'flag'
  | 'rank';

/** Header texts (after dropping a unit in brackets) of each field, Chinese and English. */
const HEADER_NAMES: Record<Exclude<Field, 'name'>, readonly string[]> = {
  indicator: ['指标', 'indicator'],
  group: ['分组', 'group'],
  target: ['年度目标', '目标任务', 'target'],
  ytd: ['本年累计', 'ytd'],
  completion: ['完成率', 'completion'],
  gap: ['差距', 'gap'],
  yoy: ['同比增长', '同比', 'year on year'],
  flag: ['预警', 'flag'],
  rank: ['区内排名', 'rank'],
};

/** A header text without its unit in brackets, normalised: '差距（百分点）' → '差距'. */
const bare = (s: string): string => normName(s.replace(/[（(][^）)]*[）)]\s*$/, ''));
const textOf = (v: Value | undefined): string =>
  typeof v === 'string' ? v.trim() : v == null ? '' : String(v);
const isBlank = (v: Value | undefined): boolean => v === null || v === undefined || v === '';

interface Columns {
  readonly cols: Partial<Record<Field, number>>;
  /** The gap column is in percentage points (its header says 百分点 / pts). */
  readonly gapInPoints: boolean;
  readonly from: number;
  readonly to: number;
}

/** The columns of a progress header row, or undefined if `row` is not one. */
export function progressHeader(row: readonly Value[]): Columns | undefined {
  const texts = row.map((v) => textOf(v));
  const find = (names: readonly string[]): number | undefined => {
    const i = texts.findIndex((t) => t !== '' && names.includes(bare(t)));
    return i < 0 ? undefined : i;
  };
  const ytd = find(HEADER_NAMES.ytd);
  const completion = find(HEADER_NAMES.completion);
  if (ytd === undefined || completion === undefined) return undefined;
  // The table's columns: the run of non-empty header cells around 本年累计.
  let from = ytd;
  while (from > 0 && texts[from - 1] !== '') from--;
  let to = ytd;
  while (to + 1 < texts.length && texts[to + 1] !== '') to++;
  const inside = (i: number | undefined): number | undefined =>
    i !== undefined && i >= from && i <= to ? i : undefined;
  const nameCol = texts.findIndex(
    (t, i) =>
      i >= from && i <= to && ((t.includes('企业') && t !== '企业数') || /enterprise/i.test(t)),
  );
  if (nameCol < 0) return undefined;
  const cols: Partial<Record<Field, number>> = { name: nameCol };
  for (const f of Object.keys(HEADER_NAMES) as (keyof typeof HEADER_NAMES)[]) {
    const i = inside(find(HEADER_NAMES[f]));
    if (i !== undefined) cols[f] = i;
  }
  const gapText = cols.gap === undefined ? '' : (texts[cols.gap] ?? '');
  return { cols, gapInPoints: /百分点|pts|points/i.test(gapText), from, to };
}

export type RowKind = 'enterprise' | 'group' | 'area';

/** One data row of a progress table on the recalculated sheet. */
export interface SheetRow {
  readonly row: number; // 1-based
  readonly indicator: string;
  readonly kind: RowKind;
  /** enterprise name, group name, or '' for the area */
  readonly key: string;
  readonly cells: Partial<Record<Field, Value>>;
  readonly gapInPoints: boolean;
}

const AREA_NAME = /全区|合计|总计|^area total$|^total$/i;
const GROUP_WORDS = /分组小计|小计|group subtotal|subtotal/i;
const GROUP_WORDS_ALL = new RegExp(GROUP_WORDS.source, 'gi');

/**
 * Every data row of the progress tables on `sheet`: rows below a header row (found by its
 * texts) whose indicator cell names one of `indicators` (or, for a table without an indicator
 * column, below a section title naming one). Blank rows, helper lines and other junk between
 * blocks are skipped; a later header row restarts the column map. Enterprise rows are the rows
 * whose name is one of the engine's enterprises for that indicator; aggregate rows are the area
 * (全区合计 …) and groups (分组小计 with the group in the 分组 column, or the group's name).
 */
export function readProgressRows(
  sheet: SheetValues,
  indicators: readonly string[],
  enterprisesOf: (indicator: string) => ReadonlySet<string>,
): { rows: SheetRow[]; headers: number } {
  const rows: SheetRow[] = [];
  let cols: Columns | undefined;
  let headers = 0;
  let section: string | undefined;
  sheet.forEach((line, r) => {
    const header = progressHeader(line);
    if (header) {
      cols = header;
      headers++;
      return;
    }
    // A section title naming an indicator (for tables without an indicator column).
    const firstText = textOf(line.find((v) => !isBlank(v)));
    const titled = indicators.find(
      (i) => firstText === i || firstText.startsWith(`${i}（`) || firstText.startsWith(`${i} (`),
    );
    if (cols === undefined) {
      if (titled) section = titled;
      return;
    }
    const at = (f: Field): Value | undefined => {
      const c = cols?.cols[f];
      return c === undefined ? undefined : line[c];
    };
    const slice = line.slice(cols.from, cols.to + 1);
    if (slice.every(isBlank)) return;
    let indicator: string | undefined;
    if (cols.cols.indicator !== undefined) {
      const t = textOf(at('indicator'));
      indicator = indicators.includes(t) ? t : undefined;
    } else if (titled) {
      section = titled;
      return;
    } else indicator = section;
    if (indicator === undefined) {
      if (titled) section = titled;
      return;
    }
    const name = textOf(at('name'));
    const group = textOf(at('group'));
    let kind: RowKind;
    let key: string;
    if (enterprisesOf(indicator).has(name)) {
      kind = 'enterprise';
      key = name;
    } else if (AREA_NAME.test(name) && !GROUP_WORDS.test(name)) {
      kind = 'area';
      key = '';
    } else {
      kind = 'group';
      key =
        group !== ''
          ? group
          : name
              .replace(GROUP_WORDS_ALL, '')
              .replace(/[—\-:：\s]+$/, '')
              .trim();
    }
    const cells: Partial<Record<Field, Value>> = {};
    for (const f of Object.keys(cols.cols) as Field[]) cells[f] = at(f) ?? null;
    rows.push({ row: r + 1, indicator, kind, key, cells, gapInPoints: cols.gapInPoints });
  });
  return { rows, headers };
}

// ------------------------------------------------------------------------------------------------
// Comparing with the engine.

const num = (v: Value | undefined): number | null => (typeof v === 'number' ? v : null);

/** Numbers within 1e-9 relative (1e-9 absolute near zero); null ↔ a blank cell. */
function sameNumber(sheet: Value | undefined, engine: number | null, absTol = 1e-9): boolean {
  if (engine === null) return isBlank(sheet);
  const s = num(sheet);
  if (s === null) return false;
  return Math.abs(s - engine) <= Math.max(absTol, 1e-9 * Math.max(Math.abs(s), Math.abs(engine)));
}

interface Figures {
  readonly target: number;
  readonly ytd: number | null;
  readonly completion: number | null;
  readonly gap: number | null;
  readonly yoy: number | null;
  readonly flag: Flag;
  readonly rank?: number | null;
}

const show = (v: unknown): string => (v === undefined ? '(no cell)' : JSON.stringify(v));

/** Differences between one sheet row and the engine's figures for it. */
function compareFigures(where: string, s: SheetRow, e: Figures): string[] {
  const bad: string[] = [];
  const check = (field: Field, ok: boolean, engine: unknown): void => {
    if (!ok)
      bad.push(
        `${where} ${field}: sheet ${show(s.cells[field])}${field === 'gap' && s.gapInPoints ? ' pts' : ''} (row ${s.row}) ≠ engine ${show(engine)}`,
      );
  };
  const need = (field: Field): boolean => {
    if (field in s.cells) return true;
    bad.push(`${where}: no ${field} column on the sheet`);
    return false;
  };
  if (need('target')) check('target', sameNumber(s.cells.target, e.target), e.target);
  if (need('ytd')) check('ytd', sameNumber(s.cells.ytd, e.ytd), e.ytd);
  if (need('completion'))
    check('completion', sameNumber(s.cells.completion, e.completion), e.completion);
  if (need('gap')) {
    // The JSON gives the gap as a fraction rounded to 8 decimals; the sheet in points (6 decimals).
    const g = s.cells.gap;
    const asFraction = typeof g === 'number' && s.gapInPoints ? g / 100 : g;
    check('gap', sameNumber(asFraction, e.gap, 1e-8), e.gap);
  }
  if (need('yoy')) check('yoy', sameNumber(s.cells.yoy, e.yoy), e.yoy);
  if (need('flag'))
    check('flag', textOf(s.cells.flag) === FLAG_LABELS[e.flag].zh, FLAG_LABELS[e.flag].zh);
  if (e.rank !== undefined && need('rank'))
    check('rank', e.rank === null ? isBlank(s.cells.rank) : s.cells.rank === e.rank, e.rank);
  return bad;
}

/** Cells of `sheet` holding a "YYYY年1-M月" period whose month is not `month`. */
function stalePeriods(name: string, sheet: SheetValues | undefined, month: number): string[] {
  const bad: string[] = [];
  sheet?.forEach((line, r) =>
    line.forEach((v, c) => {
      if (typeof v !== 'string') return;
      for (const m of v.matchAll(/\d{4}年1-(\d{1,2})月/g))
        if (Number(m[1]) !== month)
          bad.push(
            `${name} row ${r + 1} col ${c + 1}: "${v.slice(0, 40)}" says 1-${m[1]}月, engine 1-${month}月`,
          );
    }),
  );
  return bad;
}

/** The report month a progress sheet states: the number right of a cell starting with 报告期. */
function statedReportMonth(sheet: SheetValues): { month: Value; row: number } | undefined {
  for (let r = 0; r < sheet.length; r++) {
    const line = sheet[r] ?? [];
    const c = line.findIndex(
      (v) => typeof v === 'string' && /^(报告期|report month)/i.test(v.trim()),
    );
    if (c < 0) continue;
    const next = line.slice(c + 1).find((v) => !isBlank(v));
    if (next !== undefined) return { month: next, row: r + 1 };
  }
  return undefined;
}

/**
 * Every difference between LibreOffice's recalculated 序时进度 and 汇总 and the engine's JSON:
 * each enterprise, group and area row's target, YTD, completion, gap, year-on-year, flag and rank
 * (enterprises), the number of enterprise rows per indicator, 汇总's row and flag counts per
 * indicator, and the report month the sheets state. Empty when they agree.
 */
export function compareWithEngine(values: Map<string, SheetValues>, engine: EngineJson): string[] {
  const bad: string[] = [];
  const indicators = [...new Set(engine.areaProgress.map((a) => a.indicator))];
  const enterprises = new Map<string, Set<string>>();
  for (const p of engine.progress) {
    const set = enterprises.get(p.indicator) ?? new Set<string>();
    set.add(p.enterprise);
    enterprises.set(p.indicator, set);
  }
  const progress = values.get(SHEETS.progress.zh);
  if (!progress) return [`no ${SHEETS.progress.zh} sheet`];
  const { rows, headers } = readProgressRows(
    progress,
    indicators,
    (i) => enterprises.get(i) ?? new Set(),
  );
  if (headers === 0) return [`no header row on ${SHEETS.progress.zh}`];
  // The period first: a stale report month explains every other difference.
  const stated = statedReportMonth(progress);
  if (stated && stated.month !== engine.reportMonth)
    bad.push(
      `${SHEETS.progress.zh} row ${stated.row} states report month ${show(stated.month)}, engine ${engine.reportMonth}`,
    );
  bad.push(...stalePeriods(SHEETS.progress.zh, progress, engine.reportMonth));
  const byKey = new Map<string, SheetRow[]>();
  for (const s of rows) {
    const k = `${s.indicator}|${s.kind}|${s.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  const take = (
    indicator: string,
    kind: RowKind,
    key: string,
    where: string,
  ): SheetRow | undefined => {
    const found = byKey.get(`${indicator}|${kind}|${key}`) ?? [];
    byKey.delete(`${indicator}|${kind}|${key}`);
    if (found.length === 0) bad.push(`${where}: no row on the sheet`);
    if (found.length > 1)
      bad.push(
        `${where}: ${found.length} rows on the sheet (${found.map((f) => f.row).join(', ')})`,
      );
    return found[0];
  };
  for (const e of engine.progress) {
    const where = `${e.indicator} / ${e.enterprise}`;
    const s = take(e.indicator, 'enterprise', e.enterprise, where);
    if (s) bad.push(...compareFigures(where, s, e));
  }
  for (const g of engine.groupProgress) {
    const where = `${g.indicator} / group ${g.group}`;
    const s = take(g.indicator, 'group', g.group, where);
    if (s) bad.push(...compareFigures(where, s, g));
  }
  for (const a of engine.areaProgress) {
    const where = `${a.indicator} / area`;
    const s = take(a.indicator, 'area', '', where);
    if (s) bad.push(...compareFigures(where, s, a));
  }
  for (const [k, extra] of byKey)
    bad.push(
      `sheet rows the engine does not have: ${k} (row ${extra.map((x) => x.row).join(', ')})`,
    );
  for (const i of indicators) {
    const sheetCount = rows.filter((s) => s.indicator === i && s.kind === 'enterprise').length;
    const engineCount = engine.progress.filter((p) => p.indicator === i).length;
    if (sheetCount !== engineCount)
      bad.push(`${i}: ${sheetCount} enterprise rows on the sheet, engine ${engineCount}`);
  }
  bad.push(...compareSummary(values.get(SHEETS.summary.zh), engine));
  bad.push(...stalePeriods(SHEETS.summary.zh, values.get(SHEETS.summary.zh), engine.reportMonth));
  return bad;
}

/** 汇总: per indicator, the area figures and the count of enterprises per flag. */
function compareSummary(sheet: SheetValues | undefined, engine: EngineJson): string[] {
  if (!sheet) return [`no ${SHEETS.summary.zh} sheet`];
  const bad: string[] = [];
  const headerAt = sheet.findIndex((line) => {
    const t = line.map((v) => bare(textOf(v)));
    return t.includes('指标') && t.includes('本年累计') && t.includes('预警');
  });
  if (headerAt < 0) return [`no header row on ${SHEETS.summary.zh}`];
  const header = (sheet[headerAt] ?? []).map((v) => bare(textOf(v)));
  const col = (names: readonly string[]): number | undefined => {
    const i = header.findIndex((t) => names.includes(t));
    return i < 0 ? undefined : i;
  };
  const ind = col(['指标']) as number;
  for (const a of engine.areaProgress) {
    const where = `${SHEETS.summary.zh} / ${a.indicator}`;
    const found = sheet.filter((line, r) => r > headerAt && textOf(line[ind]) === a.indicator);
    if (found.length !== 1) {
      bad.push(`${where}: ${found.length} rows`);
      continue;
    }
    const line = found[0] ?? [];
    const cell = (names: readonly string[]): Value | undefined => {
      const c = col(names);
      return c === undefined ? undefined : line[c];
    };
    const gapCol = col(HEADER_NAMES.gap);
    const pointsGap =
      gapCol !== undefined && /百分点|pts/i.test(textOf((sheet[headerAt] ?? [])[gapCol]));
    const s: SheetRow = {
      row: sheet.indexOf(line) + 1,
      indicator: a.indicator,
      kind: 'area',
      key: '',
      cells: {
        target: cell(HEADER_NAMES.target) ?? null,
        ytd: cell(HEADER_NAMES.ytd) ?? null,
        completion: cell(HEADER_NAMES.completion) ?? null,
        gap: cell(HEADER_NAMES.gap) ?? null,
        yoy: cell(HEADER_NAMES.yoy) ?? null,
        flag: cell(HEADER_NAMES.flag) ?? null,
      },
      gapInPoints: pointsGap,
    };
    bad.push(...compareFigures(where, s, a));
    for (const f of Object.keys(FLAG_LABELS) as Flag[]) {
      const v = cell([normName(FLAG_LABELS[f].zh)]);
      if (v !== a.counts[f])
        bad.push(`${where} count ${FLAG_LABELS[f].zh}: sheet ${show(v)} ≠ engine ${a.counts[f]}`);
    }
    const n = engine.progress.filter((p) => p.indicator === a.indicator).length;
    const count = cell(['企业数', 'enterprises']);
    if (count !== undefined && count !== n)
      bad.push(`${where} 企业数: sheet ${show(count)} ≠ engine ${n}`);
  }
  return bad;
}
