import { describe, expect, it } from 'vitest';
import { FLAGS, type Flag } from './model';
import { worseFlag } from './progress';

describe('FLAGS', () => {
  it('lists the flags from best to worst, then no data', () => {
    expect(FLAGS).toEqual(['ahead', 'slightlyBehind', 'behind', 'seriouslyBehind', 'noData']);
  });

  it.each<[Flag, Flag]>([
    ['ahead', 'slightlyBehind'],
    ['slightlyBehind', 'behind'],
    ['behind', 'seriouslyBehind'],
  ])('%s is better than %s', (better, worse) => {
    expect(FLAGS.indexOf(better)).toBeLessThan(FLAGS.indexOf(worse));
    expect(worseFlag(better, worse)).toBe(worse);
  });
});
