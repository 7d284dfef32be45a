/**
 * Columns declared once: the letters, references, spans, headers, widths and the printed extent
 * all come from the order of the declarations.
 */
import { describe, expect, it } from 'vitest';
import { columns } from './columns';

const keys = Array.from({ length: 28 }, (_, i) => `c${i}`);
const C = columns([
  ...keys.map((key) => ({ key, header: { zh: `列${key}`, en: `Col ${key}` }, width: 5 })),
  { key: 'hidden', header: { zh: '隐', en: 'Hidden' }, width: 9, noPrint: true as const },
]);

describe('columns', () => {
  it.each<[string, number, string]>([
    ['c0', 0, 'A'],
    ['c1', 1, 'B'],
    ['c25', 25, 'Z'],
    ['c26', 26, 'AA'],
    ['c27', 27, 'AB'],
    ['hidden', 28, 'AC'],
  ])('puts %s at index %i, letters %s', (key, index, letter) => {
    expect(C.index(key)).toBe(index);
    expect(C.letter(key)).toBe(letter);
    expect(C.ref(key, 7)).toBe(`${letter}7`);
    expect(C.span(key, 5, 12)).toBe(`$${letter}$5:$${letter}$12`);
  });

  it('refuses a key it does not declare', () => {
    expect(() => C.index('nope')).toThrow(/no column nope/);
    expect(() => C.ref('nope', 1)).toThrow();
  });

  it('gives the headers in each language and the widths, in order', () => {
    expect(C.headers('zh').slice(0, 3)).toEqual(['列c0', '列c1', '列c2']);
    expect(C.headers('en').at(-1)).toBe('Hidden');
    expect(C.headers('zh')).toHaveLength(29);
    expect(C.widths()).toEqual([...new Array<number>(28).fill(5), 9]);
  });

  it('ends the printed columns before those left out of print', () => {
    expect(C.lastPrinted()).toBe('AB');
    const two = columns([
      { key: 'a', header: { zh: 'a', en: 'a' }, width: 1 },
      { key: 'b', header: { zh: 'b', en: 'b' }, width: 1 },
    ]);
    expect(two.lastPrinted()).toBe('B');
    const none = columns([{ key: 'x', header: { zh: 'x', en: 'x' }, width: 1, noPrint: true }]);
    expect(none.lastPrinted()).toBe('A');
  });
});
