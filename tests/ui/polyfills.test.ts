import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { installPolyfills } from '../../src/taskpane/polyfills';

/** A fresh realm without the built-ins the pane's old web views lack. */
function oldRealm(): Record<string, unknown> {
  const realm = vm.createContext({});
  vm.runInContext(
    `delete Array.prototype.flat; delete Array.prototype.flatMap; delete Array.prototype.at;
     delete Object.fromEntries; delete globalThis.AggregateError;`,
    realm,
  );
  return realm;
}

const run = (realm: Record<string, unknown>, code: string): unknown =>
  JSON.parse(String(vm.runInContext(`JSON.stringify(${code})`, realm)));

const CASES: readonly [string, unknown][] = [
  ['[1, [2, 3], [[4]]].flatMap((x) => x)', [1, 2, 3, [4]]],
  ['[1, 2].flatMap((x, i) => [x, i])', [1, 0, 2, 1]],
  ['[1, [2, [3, [4]]]].flat()', [1, 2, [3, [4]]]],
  ['[1, [2, [3, [4]]]].flat(2)', [1, 2, 3, [4]]],
  ['[[1], [2]].flat(Infinity)', [1, 2]],
  ['[5, 6, 7].at(-1)', 7],
  ['[5, 6, 7].at(0)', 5],
  ['[5, 6, 7].at(3) === undefined', true],
  ["Object.fromEntries([['a', 1], ['b', 2]])", { a: 1, b: 2 }],
  ["Object.fromEntries(new Map([['k', 'v']]))", { k: 'v' }],
  [
    "(() => { const e = new AggregateError([1, 2], 'both'); return [e.message, e.name, e.errors, e instanceof Error]; })()",
    ['both', 'AggregateError', [1, 2], true],
  ],
  ['Object.keys(Array.prototype).length', 0],
];

describe('the pane’s polyfills', () => {
  it('the realm really lacks them before', () => {
    const realm = oldRealm();
    expect(
      run(
        realm,
        'typeof [].flatMap + typeof [].at + typeof Object.fromEntries + typeof AggregateError',
      ),
    ).toBe('undefinedundefinedundefinedundefined');
  });

  it.each(CASES)('%s → %j, as the built-in gives', (code, expected) => {
    const realm = oldRealm();
    installPolyfills(vm.runInContext('globalThis', realm) as never);
    expect(run(realm, code)).toEqual(expected);
    expect(run(vm.createContext({}) as Record<string, unknown>, code)).toEqual(expected);
  });

  it('leaves a built-in that exists alone', () => {
    const realm = vm.createContext({}) as Record<string, unknown>;
    const before: unknown = vm.runInContext('Array.prototype.flatMap', realm);
    installPolyfills(vm.runInContext('globalThis', realm) as never);
    expect(vm.runInContext('Array.prototype.flatMap', realm)).toBe(before);
  });
});
