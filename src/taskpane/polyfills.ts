/**
 * The few built-ins newer than the pane's web views that its code calls (the syntax is lowered at
 * build time, scripts/es-target-loader.mjs; built-ins are not): EdgeHTML 18 lacks
 * `Array.prototype.flat`/`flatMap` and `Object.fromEntries` (ES2019), Safari before 15.4 and
 * EdgeHTML `Array.prototype.at` (ES2022), both `AggregateError` (ES2021). Each is installed only
 * where it is missing, non-enumerable as the real one is. (`AbortSignal.throwIfAborted` is
 * avoided instead, src/hosts/abort.ts; BigInt, which no code can supply, is not used:
 * src/engine/wide.ts.)
 */

type Globals = Pick<typeof globalThis, 'Array' | 'Object' | 'Error'> & {
  AggregateError?: unknown;
};

const define = (target: object, name: string, value: unknown): void => {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true });
};

/** Installs what `g` (the window; another realm in tests) lacks. */
export function installPolyfills(g: Globals): void {
  const proto = g.Array.prototype;
  define(proto, 'flatMap', function flatMap<
    T,
    U,
  >(this: T[], f: (value: T, index: number, array: T[]) => U | readonly U[], thisArg?: unknown): U[] {
    const out: U[] = [];
    this.forEach((v, i, a) => {
      const r = f.call(thisArg, v, i, a);
      if (g.Array.isArray(r)) for (const x of r as readonly U[]) out.push(x);
      else out.push(r as U);
    });
    return out;
  });
  define(proto, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
    const out: unknown[] = [];
    const put = (xs: readonly unknown[], d: number): void => {
      for (const x of xs) {
        if (d > 0 && g.Array.isArray(x)) put(x, d - 1);
        else out.push(x);
      }
    };
    put(this, depth);
    return out;
  });
  define(proto, 'at', function at<T>(this: T[], index: number): T | undefined {
    const i = Math.trunc(index) || 0;
    return this[i < 0 ? this.length + i : i];
  });
  define(
    g.Object,
    'fromEntries',
    function fromEntries(
      entries: Iterable<readonly [PropertyKey, unknown]>,
    ): Record<PropertyKey, unknown> {
      const out: Record<PropertyKey, unknown> = {};
      for (const [k, v] of entries) out[k] = v;
      return out;
    },
  );
  if (!('AggregateError' in g)) {
    const Base = g.Error;
    class AggregateErrorPolyfill extends Base {
      readonly errors: unknown[];
      constructor(errors: Iterable<unknown>, message?: string) {
        super(message);
        this.name = 'AggregateError';
        this.errors = [...errors];
      }
    }
    define(g, 'AggregateError', AggregateErrorPolyfill);
  }
}

// On import: the pane's entries import this module first, before any module that calls these.
installPolyfills(globalThis);
