/**
 * A small, honest, recording fake of the part of the Excel JavaScript API the host uses.
 *
 * - Calls and property sets are queued and run, in order, by `context.sync()`; each sync is
 *   recorded as a batch: its operations (and the sheet each touched), its request payload (UTF-8
 *   JSON of every queued property value and method argument) and its response payload.
 * - A request or response over `payloadLimit` (5 MB, Excel on the web) fails the whole sync.
 * - Reading a property that was not loaded and synced throws PropertyNotLoaded, as Office.js does.
 * - `*OrNullObject` getters give objects whose `isNullObject` is readable after a load and sync;
 *   using a null object for anything else fails the sync (ItemNotFound).
 * - Every API object is a Proxy: touching a member the fake does not model throws
 *   `TypeError('fake Excel: unknown member Class.member')`, so a misspelt call fails the test.
 * - `failOnSync(n)`: the n-th sync applies the first half of its operations, then throws.
 * - Setting `formulas` / `numberFormat` with an array whose shape differs from the range throws.
 * See fake-model.ts for how cell entry, sheet renames, deletes and copies behave.
 */
import {
  FAKE,
  FILL,
  LOADED_FROM,
  PATH,
  QUEUE,
  REF,
  SELF,
  SHEET,
  VALUE,
  Api,
  Bound,
  expose,
  props,
  utf8,
  type FakeBatch,
  type FakeOperation,
  type Queued,
} from './fake-api';
import { FakeExcelError, FakeSheet, parseAddress, renameRefs, type FakeValue } from './fake-model';
import { FakeAutoFilter, FakePageLayout } from './fake-layout';
import { FakeRange, FakeWorksheetFreezePanes, usedBlock, type Block } from './fake-range';

export { FakeExcelError, FakeSheet } from './fake-model';
export type { FakeBatch, FakeOperation } from './fake-api';

class FakeRequestContext extends Api {
  get workbook(): FakeWorkbook {
    return expose(new FakeWorkbook(this[FAKE], 'workbook'));
  }
  sync(): Promise<void> {
    return this[FAKE].runQueue();
  }
}

/** Protection of the workbook's structure or of one sheet: `protected`, read after a load. */
class FakeProtection extends Api {
  readonly #get: () => boolean;
  constructor(fake: FakeExcel, path: string, get: () => boolean) {
    super(fake, path);
    this.#get = get;
  }
  load(names: unknown): FakeProtection {
    const wanted = props(names);
    this[QUEUE]('load', 'load', [names], () => {
      for (const p of wanted)
        if (p !== 'protected') throw new TypeError(`fake Excel: Protection.${p} is not modelled`);
      return { response: this[FILL]({ protected: this.#get() }, false) };
    });
    return this[SELF];
  }
  get protected(): boolean {
    return this[VALUE]('protected');
  }
}

/**
 * `workbook.functions` (ExcelApi 1.2): only `date(y, m, d)`, the serial the workbook's date system
 * gives (1904-01-01 is 1,462 in the 1900 system and 0 in the 1904 system).
 */
class FakeFunctions extends Api {
  date(y: number, m: number, d: number): FakeFunctionResult {
    const serial =
      (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000 -
      (this[FAKE].date1904 ? 1462 : 0);
    return expose(new FakeFunctionResult(this[FAKE], `functions.date(${y},${m},${d})`, serial));
  }
}

/** A FunctionResult: `value` (and `error`, always null here), read after a load. */
class FakeFunctionResult extends Api {
  readonly #value: number;
  constructor(fake: FakeExcel, path: string, value: number) {
    super(fake, path);
    this.#value = value;
  }
  load(names: unknown): FakeFunctionResult {
    const wanted = props(names);
    this[QUEUE]('load', 'load', [names], () => {
      const known: Record<string, unknown> = { value: this.#value, error: null };
      for (const p of wanted)
        if (!(p in known)) throw new TypeError(`fake Excel: FunctionResult.${p} is not modelled`);
      return { response: this[FILL](known, false) };
    });
    return this[SELF];
  }
  get value(): number {
    return this[VALUE]('value');
  }
  get error(): string | null {
    return this[VALUE]('error');
  }
}

class FakeWorkbook extends Api {
  get functions(): FakeFunctions {
    return expose(new FakeFunctions(this[FAKE], 'workbook.functions'));
  }
  get protection(): FakeProtection {
    return expose(
      new FakeProtection(this[FAKE], 'workbook.protection', () => this[FAKE].structureProtected),
    );
  }
  get worksheets(): FakeWorksheetCollection {
    return expose(new FakeWorksheetCollection(this[FAKE], 'worksheets'));
  }
  get application(): FakeApplication {
    return expose(new FakeApplication(this[FAKE], 'application'));
  }
}

class FakeApplication extends Api {
  suspendApiCalculationUntilNextSync(): void {
    this[QUEUE]('call', 'suspendApiCalculationUntilNextSync', [], () => ({}));
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this[QUEUE]('call', 'suspendScreenUpdatingUntilNextSync', [], () => ({}));
  }
  calculate(type: string): void {
    this[QUEUE]('call', 'calculate', [type], () => {
      this[FAKE].calculations.push(type);
      return {};
    });
  }
}

type SheetRef = () => FakeSheet | null;

class FakeWorksheetCollection extends Api {
  load(names: unknown): FakeWorksheetCollection {
    const wanted = props(names).map((p) => p.replace(/^items\//, ''));
    this[QUEUE]('load', 'load', [names], () => {
      let response = 0;
      const items = this[FAKE].sheets.map((s) => {
        const ws = new FakeWorksheet(this[FAKE], `worksheets[${s.name}]`, {
          get: () => s,
          nullable: false,
        });
        response += ws[LOADED_FROM](s, wanted);
        return expose(ws);
      });
      return { response: this[FILL]({ items }, false, response) };
    });
    return this[SELF];
  }
  get items(): FakeWorksheet[] {
    return this[VALUE]('items');
  }
  add(name: string): FakeWorksheet {
    let added: FakeSheet | null = null;
    this[QUEUE]('call', 'add', [name], () => {
      added = this[FAKE].addSheetNow(name);
      return { sheet: added };
    });
    return expose(
      new FakeWorksheet(this[FAKE], `worksheets.add(${name})`, {
        get: () => added,
        nullable: false,
      }),
    );
  }
  getItem(key: string): FakeWorksheet {
    return expose(
      new FakeWorksheet(this[FAKE], `worksheets[${key}]`, {
        get: () => this[FAKE].find(key),
        nullable: false,
      }),
    );
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return expose(
      new FakeWorksheet(this[FAKE], `worksheets[${key}]?`, {
        get: () => this[FAKE].find(key),
        nullable: true,
      }),
    );
  }
}

class FakeWorksheet extends Bound<{ readonly get: SheetRef; readonly nullable: boolean }> {
  /** The sheet, when the operation runs (ItemNotFound if absent). */
  [SHEET](): FakeSheet {
    const s = this[REF].get();
    if (!s) throw new FakeExcelError('ItemNotFound', `${this[PATH]} does not exist`);
    return s;
  }
  [LOADED_FROM](s: FakeSheet | null, wanted: readonly string[]): number {
    const known: Record<string, unknown> = s
      ? { name: s.name, id: s.id, position: this[FAKE].sheets.indexOf(s), visibility: s.visibility }
      : {};
    const values: Record<string, unknown> = {};
    for (const p of wanted) {
      if (!(p in known) && s) throw new TypeError(`fake Excel: Worksheet.${p} is not modelled`);
      if (s) values[p] = known[p];
    }
    return this[FILL](values, s === null);
  }
  load(names: unknown = 'name'): FakeWorksheet {
    const wanted = props(names);
    this[QUEUE]('load', 'load', [names], () => {
      const s = this[REF].get();
      if (!s && !this[REF].nullable)
        throw new FakeExcelError('ItemNotFound', `${this[PATH]} does not exist`);
      return { response: this[LOADED_FROM](s, wanted), ...(s ? { sheet: s } : {}) };
    });
    return this[SELF];
  }
  get name(): string {
    return this[VALUE]('name');
  }
  set name(name: string) {
    this[QUEUE]('set', 'name', [name], () => ({ sheet: this[FAKE].rename(this[SHEET](), name) }));
  }
  get id(): string {
    return this[VALUE]('id');
  }
  get position(): number {
    return this[VALUE]('position');
  }
  set position(position: number) {
    this[QUEUE]('set', 'position', [position], () => {
      const s = this[SHEET]();
      const list = this[FAKE].sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.max(0, Math.min(position, list.length)), 0, s);
      return { sheet: s };
    });
  }
  get visibility(): FakeSheet['visibility'] {
    return this[VALUE]('visibility');
  }
  set visibility(visibility: FakeSheet['visibility']) {
    this[QUEUE]('set', 'visibility', [visibility], () => {
      const s = this[SHEET]();
      s.visibility = visibility;
      return { sheet: s };
    });
  }
  delete(): void {
    this[QUEUE]('call', 'delete', [], () => {
      const s = this[SHEET]();
      // Office.js: "if the worksheet's visibility is set to VeryHidden, the delete operation
      // will fail with an InvalidOperation exception".
      if (s.visibility === 'VeryHidden')
        throw new FakeExcelError('InvalidOperation', `${s.name} is very hidden`);
      return { sheet: this[FAKE].deleteSheet(s) };
    });
  }
  activate(): void {
    this[QUEUE]('call', 'activate', [], () => {
      const s = this[SHEET]();
      this[FAKE].active = s.name;
      return { sheet: s };
    });
  }
  /** A range by address, or the whole sheet without one. */
  getRange(address?: string | null): FakeRange {
    const whole = { row: 0, col: 0, rows: 1_048_576, cols: 16_384 };
    const get = (): Block => ({
      sheet: this[SHEET](),
      ...(address === undefined || address === null ? whole : parseAddress(address)),
    });
    return expose(
      new FakeRange(this[FAKE], `${this[PATH]}.getRange(${address})`, { get, nullable: false }),
    );
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    const path = `${this[PATH]}.getRangeByIndexes(${row},${col},${rows},${cols})`;
    return expose(
      new FakeRange(this[FAKE], path, {
        get: () => {
          if (rows < 1 || cols < 1 || row < 0 || col < 0)
            throw new FakeExcelError('InvalidArgument', path);
          return { sheet: this[SHEET](), row, col, rows, cols };
        },
        nullable: false,
      }),
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const get = (): Block | null => usedBlock(this[SHEET](), valuesOnly);
    return expose(
      new FakeRange(this[FAKE], `${this[PATH]}.getUsedRangeOrNullObject()`, {
        get,
        nullable: true,
      }),
    );
  }
  get protection(): FakeProtection {
    return expose(
      new FakeProtection(this[FAKE], `${this[PATH]}.protection`, () => this[SHEET]().protected),
    );
  }
  get pageLayout(): FakePageLayout {
    return expose(new FakePageLayout(this[FAKE], `${this[PATH]}.pageLayout`, () => this[SHEET]()));
  }
  get autoFilter(): FakeAutoFilter {
    return expose(new FakeAutoFilter(this[FAKE], `${this[PATH]}.autoFilter`, () => this[SHEET]()));
  }
  get freezePanes(): FakeWorksheetFreezePanes {
    return expose(
      new FakeWorksheetFreezePanes(this[FAKE], `${this[PATH]}.freezePanes`, () => this[SHEET]()),
    );
  }
}

/** A cell to seed a prepared workbook with. */
export type SeedCell =
  | FakeValue
  | { readonly formula: string; readonly value?: FakeValue }
  | { readonly error: string }
  | { readonly text: string };

/** The fake workbook, its request context and the record of every sync. */
export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly batches: FakeBatch[] = [];
  readonly calculations: string[] = [];
  /**
   * References kept outside cells (defined names, chart series …), by label, as formulas without
   * '=': test setup only, rewritten like formulas when a sheet is renamed or deleted.
   */
  readonly references = new Map<string, string>();
  /** The workbook's structure is protected: sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): `functions.date` follows. */
  date1904 = false;
  active: string | undefined;
  selection: string | undefined;
  /** Excel on the web's limit on one request or response. */
  payloadLimit = 5 * 1024 * 1024;
  readonly context: Excel.RequestContext;
  #queue: Queued[] = [];
  #failOn = 0;
  #keep: 'half' | 'allButLast' = 'half';
  #nextId = 1;
  constructor() {
    this.context = expose(
      new FakeRequestContext(this, 'context'),
    ) as unknown as Excel.RequestContext;
  }
  /**
   * Makes the n-th sync from now (1 = the next) apply the first half of its operations (or all
   * but the last, with `keep: 'allButLast'`), then throw.
   */
  failOnSync(n: number, keep: 'half' | 'allButLast' = 'half'): void {
    this.#failOn = this.batches.length + n;
    this.#keep = keep;
  }
  enqueue(op: Queued): void {
    this.#queue.push(op);
  }
  // eslint-disable-next-line @typescript-eslint/require-await -- it fails by rejecting, as Excel's sync does
  async runQueue(): Promise<void> {
    const ops = this.#queue;
    this.#queue = [];
    const payloadBytes = ops.reduce((n, op) => n + utf8(op.args), 0);
    const batch: FakeBatch = { operations: [], payloadBytes, responseBytes: 0 };
    this.batches.push(batch);
    if (payloadBytes > this.payloadLimit)
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `${payloadBytes} bytes`);
    const failing = this.#failOn === this.batches.length;
    const count = !failing
      ? ops.length
      : this.#keep === 'half'
        ? Math.floor(ops.length / 2)
        : ops.length - 1;
    for (const op of ops.slice(0, count)) {
      const record: FakeOperation = { label: op.label, kind: op.kind };
      batch.operations.push(record);
      const { sheet, response } = op.run();
      if (sheet) record.sheet = sheet.name;
      batch.responseBytes += response ?? 0;
    }
    if (failing)
      throw new FakeExcelError(
        'InjectedFailure',
        `sync ${this.batches.length} failed after ${count} of ${ops.length} operations`,
      );
    if (batch.responseBytes > this.payloadLimit)
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `${batch.responseBytes} bytes`);
  }
  find(key: string): FakeSheet | null {
    return (
      this.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase()) ?? null
    );
  }
  #structure(): void {
    if (this.structureProtected)
      throw new FakeExcelError('AccessDenied', 'the workbook structure is protected');
  }
  addSheetNow(name: string): FakeSheet {
    this.#structure();
    checkName(name);
    if (this.find(name)) throw new FakeExcelError('ItemAlreadyExists', `sheet "${name}" exists`);
    const s = new FakeSheet(`{${String(this.#nextId++).padStart(8, '0')}}`, name);
    this.sheets.push(s);
    return s;
  }
  rename(s: FakeSheet, name: string): FakeSheet {
    this.#structure();
    checkName(name);
    const other = this.find(name);
    if (other && other !== s)
      throw new FakeExcelError('ItemAlreadyExists', `sheet "${name}" exists`);
    this.#rewrite(s.name, (f) => renameRefs(f, s.name, name));
    s.name = name;
    return s;
  }
  deleteSheet(s: FakeSheet): FakeSheet {
    this.#structure();
    if (this.sheets.length === 1)
      throw new FakeExcelError('InvalidOperation', 'cannot delete the only sheet');
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.#rewrite(s.name, (f) => renameRefs(f, s.name, null));
    return s;
  }
  /** Applies `edit` to every formula that may name the sheet `name` (the others cannot change). */
  #rewrite(name: string, edit: (formula: string) => string): void {
    const needle = name.toLowerCase().replace(/'/g, "''");
    const may = (f: string): boolean => f.includes(needle) || f.toLowerCase().includes(needle);
    for (const [label, formula] of this.references)
      if (may(formula)) this.references.set(label, edit(formula));
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values())
        if (cell.formula !== undefined && may(cell.formula)) cell.formula = edit(cell.formula);
      for (const cf of sheet.conditionalFormats)
        cf.formula = cf.formula.startsWith('=') ? `=${edit(cf.formula.slice(1))}` : cf.formula;
      for (const dv of sheet.dataValidations) {
        const list = dv.rule?.list;
        if (typeof list?.source === 'string' && list.source.startsWith('='))
          list.source = `=${edit(list.source.slice(1))}`;
      }
    }
  }
  /** Test setup: adds a sheet holding `rows` (dense from A1). */
  addSheet(
    name: string,
    rows: readonly (readonly SeedCell[])[] = [],
    opts: { merges?: string[] } = {},
  ): FakeSheet {
    const s = this.addSheetNow(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = s.cell(r, c);
        if (typeof v !== 'object') cell.value = v;
        else if ('formula' in v) {
          cell.formula = v.formula;
          cell.value = v.value ?? null;
        } else if ('error' in v) cell.error = v.error;
        else {
          cell.numberFormat = '@';
          cell.value = v.text;
        }
      }),
    );
    s.merges = opts.merges ?? [];
    return s;
  }
  /** The sheet named `name` (throws if absent). */
  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  /** A deep, comparable copy of a sheet's content. */
  snapshot(name: string): unknown {
    const s = this.sheet(name);
    return JSON.parse(
      JSON.stringify({
        id: s.id,
        cells: [...s.cells.entries()].sort(),
        cfs: s.conditionalFormats,
        dataValidations: s.dataValidations,
        freeze: s.freeze,
        widths: [...s.widths.entries()],
        heights: [...s.heights.entries()],
        autoFilter: s.autoFilter,
        page: s.page,
      }),
    ) as unknown;
  }
}

function checkName(name: string): void {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 31 ||
    /[:\\/?*[\]]/.test(name)
  ) {
    throw new FakeExcelError('InvalidArgument', `"${name}" is not a valid sheet name`);
  }
}
