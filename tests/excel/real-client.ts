/**
 * The real Office.js client in Node: the `@microsoft/office-js` package's own request builder
 * (excel-web-16.00.debug.js, run in a `vm` context), its requests caught with
 * `OfficeExtension.HttpUtility.setCustomSendRequestFunc`, and answered from the fake's workbook
 * model (fake-excel.ts) as the back end.
 *
 * What it measures is the wire: each request's exact JSON (what Excel on the web receives, the
 * object paths and actions the client built) and the JSON of the reply made up from the model,
 * in Excel's shape (PascalCase properties, `_Items` for collections, null for a null object). What
 * it cannot measure: Excel's own processing (calculation, timings, its real error replies beyond
 * the payload limits), and the reply's exact bytes (Excel adds ids and metadata we leave out, so
 * response sizes are a lower bound within a few percent for cell data).
 *
 * Each action is replayed on the fake's API objects (a property path becomes a member, a method
 * path a call, an indexer `getItem`), so the fake keeps checking what it models (formats, copies,
 * renames, PropertyNotLoaded) while sizes come from the real client's JSON.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { BLOCK, expose, raw } from './fake-api';
import { FakeExcel, FakeExcelError } from './fake-excel';
import { FakeRange, type Block } from './fake-range';

/** Excel on the web's limit on one request or one response. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** One request as the real client sent it, and the reply made up for it. */
export interface WireRecord {
  /** UTF-8 bytes of the request body's JSON. */
  readonly requestBytes: number;
  /** UTF-8 bytes of the reply body's JSON. */
  readonly responseBytes: number;
  /** Action count and the names of the methods and properties used, in order. */
  readonly actions: number;
  readonly names: readonly string[];
  /** The error code replied, if any. */
  readonly error?: string;
}

interface ObjectPath {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}
interface Action {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  readonly QueryInfo?: { Select?: string[] };
}
interface RequestBody {
  readonly Actions: Action[];
  readonly ObjectPaths: Record<string, ObjectPath>;
}

interface OfficeGlobals {
  readonly Excel: { RequestContext: new (url: string) => Excel.RequestContext };
  readonly OfficeExtension: {
    HttpUtility: {
      setCustomSendRequestFunc(
        f: (r: { body: unknown }) => Promise<{ statusCode: number; headers: object; body: string }>,
      ): void;
    };
  };
}

let loaded: OfficeGlobals | undefined;

/** The office-js package's Excel web client, loaded once per test file in a vm context. */
function officeJs(): OfficeGlobals {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@microsoft/office-js/package.json'));
  const source = readFileSync(join(dir, 'dist', 'excel-web-16.00.debug.js'), 'utf8');
  const sandbox: Record<string, unknown> = {
    console: { log() {}, warn() {}, error() {}, info() {} },
    setTimeout,
    clearTimeout,
    Promise,
    navigator: { userAgent: 'node' },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(source, sandbox, { filename: 'excel-web-16.00.debug.js' });
  loaded = sandbox as unknown as OfficeGlobals;
  return loaded;
}

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

type Obj = Record<string, unknown>;

/**
 * A real Office.js request context over `fake`. Only one harness answers at a time (the client's
 * send function is global to its vm): create it, run, read `wire`.
 */
export class RealClient {
  readonly wire: WireRecord[] = [];
  /** The limit on one request and one response (Excel on the web: 5 MB). */
  limit = WEB_PAYLOAD_LIMIT;
  /**
   * Members this Excel lacks (PascalCase, as on the wire: `CopyFrom`, `AutoFilter` …): a request
   * that names one, as an action or an object path, is refused with `ApiNotFound`, as an older
   * Excel refuses a member of a requirement set it does not support.
   */
  missing: ReadonlySet<string> = new Set();
  /** When set, the reply to the request with this index (0-based, counted in `wire`) is this error. */
  failAt: { index: number; code: string } | undefined;
  readonly context: Excel.RequestContext;
  constructor(readonly fake: FakeExcel) {
    fake.payloadLimit = Number.POSITIVE_INFINITY; // the wire is judged here, by the real JSON
    const office = officeJs();
    office.OfficeExtension.HttpUtility.setCustomSendRequestFunc((request) =>
      this.answer(request.body as RequestBody).then((body) => ({
        statusCode: 200,
        headers: {},
        body,
      })),
    );
    this.context = new office.Excel.RequestContext('https://fenjie.test/');
  }

  /** Largest request and response in bytes, and the number of requests, so far. */
  get largest(): { request: number; response: number; syncs: number } {
    return {
      request: Math.max(0, ...this.wire.map((w) => w.requestBytes)),
      response: Math.max(0, ...this.wire.map((w) => w.responseBytes)),
      syncs: this.wire.length,
    };
  }

  private async answer(body: RequestBody): Promise<string> {
    const text = JSON.stringify(body);
    const requestBytes = bytes(text);
    const names = body.Actions.map((a) => a.Name || body.ObjectPaths[a.ObjectPathId]?.Name || '');
    const record = (reply: string, error?: string): string => {
      this.wire.push({
        requestBytes,
        responseBytes: bytes(reply),
        actions: body.Actions.length,
        names,
        ...(error ? { error } : {}),
      });
      return reply;
    };
    const fail = (code: string, message: string): string =>
      record(
        JSON.stringify({ Error: { Code: code, Message: message, HttpStatusCode: 400 } }),
        code,
      );
    if (this.failAt?.index === this.wire.length) return fail(this.failAt.code, 'injected');
    if (requestBytes > this.limit)
      return fail('RequestPayloadSizeLimitExceeded', `request of ${requestBytes} bytes`);
    const absent = [...names, ...Object.values(body.ObjectPaths).map((p) => p.Name)].find((n) =>
      this.missing.has(n),
    );
    if (absent !== undefined) return fail('ApiNotFound', `${absent} is not in this Excel`);
    const objects = new Map<number, unknown>();
    const root = this.fake.context.workbook as unknown;
    const resolve = (id: number): Obj => {
      const known = objects.get(id);
      if (known !== undefined) return known as Obj;
      const path = body.ObjectPaths[String(id)];
      if (!path) throw new Error(`harness: no object path ${id}`);
      let value: unknown;
      if (path.ObjectPathType === 1) value = root;
      else {
        const parent = resolve(path.ParentObjectPathId ?? 0);
        const args = argumentsOf(path.ArgumentInfo, resolve);
        if (path.ObjectPathType === 4) value = parent[camel(path.Name)];
        else if (path.ObjectPathType === 3) value = call(parent, path.Name, args, this.fake);
        else if (path.ObjectPathType === 5) value = call(parent, 'GetItem', args);
        else throw new Error(`harness: object path type ${path.ObjectPathType} not modelled`);
      }
      objects.set(id, value);
      return value as Obj;
    };
    const queries: { action: Action; target: Obj; select: string[] }[] = [];
    try {
      for (const action of body.Actions) {
        const target = resolve(action.ObjectPathId);
        const args = argumentsOf(action.ArgumentInfo, resolve);
        switch (action.ActionType) {
          case 1: // instantiate
            break;
          case 2: {
            // query: load on the fake now, read after its sync
            const collection = 'items' in target;
            const select = action.QueryInfo?.Select ?? [];
            const load = target.load as (names: string[]) => unknown;
            // Excel names each item of a collection by its id (`_Id`), which the client then uses
            // to address it; our only collection (worksheets) has one.
            const names = collection
              ? [...new Set([...select, 'id'])].map((s) => `items/${s}`)
              : select;
            load(names);
            queries.push({ action, target, select });
            break;
          }
          case 3:
            call(target, action.Name, args, this.fake);
            break;
          case 4:
            target[camel(action.Name)] = args[0];
            break;
          default:
            throw new Error(`harness: action type ${action.ActionType} not modelled`);
        }
      }
      await this.fake.context.sync();
    } catch (error) {
      if (error instanceof FakeExcelError) return fail(error.code, error.message);
      throw error;
    }
    const results = queries.map(({ action, target, select }) => ({
      ActionId: action.Id,
      Value: valueOf(target, select),
    }));
    const reply = JSON.stringify({ Results: results });
    if (bytes(reply) > this.limit)
      return fail('ResponsePayloadSizeLimitExceeded', `response of ${bytes(reply)} bytes`);
    return record(reply);
  }
}

function argumentsOf(
  info: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] } | undefined,
  resolve: (id: number) => Obj,
): unknown[] {
  const args = info?.Arguments ?? [];
  const refs = info?.ReferencedObjectPathIds ?? [];
  return args.map((a, i) => {
    const ref = refs[i];
    return ref ? resolve(ref) : a;
  });
}

/**
 * Calls the client makes on its own, which the fake does not model as API: for an array of more
 * than 1,500 cells, `_ValidateArraySize` then one `getRow(i).getBoundingRect(getRow(j))` range per
 * slice of rows (setRangePropertiesInBulk in the client).
 */
const INTERNAL: Record<string, (fake: FakeExcel, target: Obj, args: unknown[]) => unknown> = {
  _ValidateArraySize: () => undefined,
  GetRow: (fake, target, [i]) =>
    derived(fake, target, `getRow(${String(i)})`, (b) => ({
      ...b,
      row: b.row + Number(i),
      rows: 1,
    })),
  GetBoundingRect: (fake, target, [other]) =>
    derived(fake, target, 'getBoundingRect()', (b) => {
      const o = blockOf(other as Obj);
      if (o.sheet !== b.sheet) throw new FakeExcelError('InvalidArgument', 'two sheets');
      const row = Math.min(b.row, o.row);
      const col = Math.min(b.col, o.col);
      const rows = Math.max(b.row + b.rows, o.row + o.rows) - row;
      const cols = Math.max(b.col + b.cols, o.col + o.cols) - col;
      return { sheet: b.sheet, row, col, rows, cols };
    }),
};

const blockOf = (range: Obj): Block => raw<FakeRange>(range, 'a range')[BLOCK]();

/** A fake range over a block computed from `base`'s when the operation runs. */
function derived(fake: FakeExcel, base: Obj, what: string, f: (b: Block) => Block): FakeRange {
  return expose(
    new FakeRange(fake, `range.${what}`, { get: () => f(blockOf(base)), nullable: false }),
  );
}

function call(target: Obj, name: string, args: unknown[], fake?: FakeExcel): unknown {
  const internal = fake ? INTERNAL[name] : undefined;
  if (internal && fake) return internal(fake, target, args);
  const f = target[camel(name)];
  if (typeof f !== 'function') throw new Error(`harness: ${name} is not a method`);
  return (f as (...a: unknown[]) => unknown)(...args);
}

function valueOf(target: Obj, select: readonly string[]): unknown {
  if ('items' in target) {
    const items = target.items as Obj[];
    return { _Items: items.map((item) => ({ ...pick(item, select), _Id: item.id })) };
  }
  // Loaded just before, so readable: a null object's reply is null.
  if (target.isNullObject) return null;
  return pick(target, select);
}

function pick(target: Obj, select: readonly string[]): Obj {
  const out: Obj = {};
  for (const s of select) out[pascal(s)] = target[s];
  return out;
}
