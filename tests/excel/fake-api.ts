/**
 * The machinery shared by the fake Office.js objects (see fake-excel.ts): the Proxy that rejects
 * unmodelled members, load/sync bookkeeping, and the queue of operations.
 */
import { FakeExcelError, type FakeSheet } from './fake-model';
import type { FakeExcel } from './fake-excel';

/** One recorded operation: what was called or set, and the sheet it touched when it ran. */
export interface FakeOperation {
  readonly label: string;
  readonly kind: 'set' | 'call' | 'load';
  sheet?: string;
}

/** One `context.sync()`. */
export interface FakeBatch {
  readonly operations: FakeOperation[];
  readonly payloadBytes: number;
  responseBytes: number;
}

export interface Queued extends FakeOperation {
  readonly args: readonly unknown[];
  /** Runs the operation; returns the sheet touched and the response bytes it adds. */
  readonly run: () => { sheet?: FakeSheet; response?: number };
}

export function utf8(v: unknown): number {
  return new TextEncoder().encode(v === undefined ? '' : JSON.stringify(v)).length;
}
const RAW = new WeakMap<object, Api>();
const PROXY = new WeakMap<Api, object>();

/** Wraps a fake API object so that unknown members throw. */
export function expose<T extends Api>(target: T): T {
  const cls = target.constructor.name.replace(/^Fake/, '');
  const proxy = new Proxy(target, {
    get(t, prop) {
      if (typeof prop === 'symbol') return Reflect.get(t, prop, t);
      if (prop === 'then') return undefined; // not a thenable
      if (!(prop in t)) throw new TypeError(`fake Excel: unknown member ${cls}.${prop}`);
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === 'function' ? (v.bind(t) as unknown) : v;
    },
    set(t, prop, value) {
      let proto = Object.getPrototypeOf(t) as object | null;
      while (proto && typeof prop === 'string') {
        if (Object.getOwnPropertyDescriptor(proto, prop)?.set)
          return Reflect.set(t, prop, value, t);
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      throw new TypeError(`fake Excel: cannot set ${cls}.${String(prop)}`);
    },
  });
  RAW.set(proxy, target);
  PROXY.set(target, proxy);
  return proxy;
}

export const raw = <T extends Api>(proxy: unknown, what: string): T => {
  const t = typeof proxy === 'object' && proxy !== null ? RAW.get(proxy) : undefined;
  if (!t) throw new TypeError(`fake Excel: ${what} must be a fake API object`);
  return t as T;
};

/** Internal members are symbol-keyed so that, through the Proxy, only modelled API members are reachable. */
export const FAKE = Symbol('fake');
export const PATH = Symbol('path');
export const QUEUE = Symbol('queue');
export const VALUE = Symbol('value');
export const FILL = Symbol('fill');
export const SELF = Symbol('self');
export const BLOCK = Symbol('block');
export const SHEET = Symbol('sheet');
export const LOADED_FROM = Symbol('loadedFrom');

export abstract class Api {
  readonly #loaded = new Map<string, unknown>();
  #isNull: boolean | undefined;
  readonly [FAKE]: FakeExcel;
  readonly [PATH]: string;
  constructor(fake: FakeExcel, path: string) {
    this[FAKE] = fake;
    this[PATH] = path;
  }
  get [SELF](): this {
    return PROXY.get(this) as this;
  }
  [QUEUE](
    kind: Queued['kind'],
    member: string,
    args: readonly unknown[],
    run: Queued['run'],
  ): void {
    this[FAKE].enqueue({ label: `${this[PATH]}.${member}`, kind, args, run });
  }
  [VALUE]<T>(prop: string): T {
    if (!this.#loaded.has(prop))
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `${this[PATH]}.${prop} was not loaded (call load() and sync())`,
      );
    return this.#loaded.get(prop) as T;
  }
  /** Records loaded values; returns their response bytes (`response` when given, else their JSON size). */
  [FILL](values: Record<string, unknown>, isNull: boolean, response?: number): number {
    this.#isNull = isNull;
    for (const [k, v] of Object.entries(values)) this.#loaded.set(k, v);
    return response ?? utf8(values);
  }
  get isNullObject(): boolean {
    if (this.#isNull === undefined)
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `${this[PATH]}.isNullObject needs a load() and sync()`,
      );
    return this.#isNull;
  }
}

export const REF = Symbol('ref');

/** An API object bound to a part of the model (a block of cells, a sheet, a conditional format). */
export abstract class Bound<R> extends Api {
  readonly [REF]: R;
  constructor(fake: FakeExcel, path: string, ref: R) {
    super(fake, path);
    this[REF] = ref;
  }
}

export const props = (names: unknown): string[] => {
  if (typeof names === 'string') return names.split(',').map((s) => s.trim());
  if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names;
  throw new TypeError('fake Excel: load() takes a comma-separated string or an array of names');
};
