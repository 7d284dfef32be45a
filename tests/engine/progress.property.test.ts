/**
 * Properties of the schedule-progress figures (domain.md, "Schedule progress"): flags against the
 * table of thresholds, the dual test, sums like for like, competition ranks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from './runs';
import { FLAGS, type Direction, type Flag } from '../../src/engine/model';
import {
  flagForGap,
  progressOf,
  rankValues,
  roundPoints,
  sumRows,
  worseFlag,
} from '../../src/engine/progress';

const directionArb = fc.constantFrom<Direction>('higher', 'lower');
const gapArb = fc.oneof(
  fc.double({ min: -200, max: 200, noNaN: true }),
  // Exactly on the usual boundaries.
  fc.constantFrom(0, -5, 5, -10, 10, -0.000001, 0.000001),
);
const thresholdsArb = fc
  .tuple(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }))
  .map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const)));

/** The flag table of domain.md, written out. */
function expectedFlag(gap: number, direction: Direction, behind: number, serious: number): Flag {
  if (direction === 'higher') {
    if (gap >= 0) return 'ahead';
    if (gap >= -behind) return 'slightlyBehind';
    if (gap >= -serious) return 'behind';
    return 'seriouslyBehind';
  }
  if (gap <= 0) return 'ahead';
  if (gap <= behind) return 'slightlyBehind';
  if (gap <= serious) return 'behind';
  return 'seriouslyBehind';
}

const rank = (f: Flag): number => FLAGS.indexOf(f);

describe('flagForGap properties', () => {
  it('follows the table for any thresholds, in both directions', () => {
    fc.assert(
      fc.property(gapArb, directionArb, thresholdsArb, (gap, direction, [behind, serious]) => {
        expect(flagForGap(gap, direction, behind, serious)).toBe(
          expectedFlag(gap, direction, behind, serious),
        );
      }),
      runs(1000),
    );
  });

  it('lower is better mirrors higher is better', () => {
    fc.assert(
      fc.property(gapArb, thresholdsArb, (gap, [behind, serious]) => {
        expect(flagForGap(-gap, 'lower', behind, serious)).toBe(
          flagForGap(gap, 'higher', behind, serious),
        );
      }),
      runs(500),
    );
  });

  it('a worse gap never gives a better flag', () => {
    fc.assert(
      fc.property(gapArb, gapArb, thresholdsArb, (a, b, [behind, serious]) => {
        const [better, worse] = a >= b ? [a, b] : [b, a];
        expect(rank(flagForGap(worse, 'higher', behind, serious))).toBeGreaterThanOrEqual(
          rank(flagForGap(better, 'higher', behind, serious)),
        );
      }),
      runs(500),
    );
  });
});

describe('progressOf properties (totals)', () => {
  const figuresArb = fc.record({
    target: fc.integer({ min: 1, max: 1_000_000 }),
    ytd: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
    lastYtd: fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: null }),
    month: fc.integer({ min: 1, max: 12 }),
    growth: fc.option(fc.double({ min: -0.5, max: 1, noNaN: true }), { nil: undefined }),
    direction: directionArb,
    thresholds: thresholdsArb,
  });

  it('completion, gap, shortfall, pace; the flag is the worse of the two tests and `failed` says which', () => {
    fc.assert(
      fc.property(
        figuresArb,
        ({ target, ytd, lastYtd, month, growth, direction, thresholds: [behind, serious] }) => {
          const schedule = month / 12;
          const r = progressOf(
            { target, ytd, lastYtd, planned: null },
            { kind: 'total', direction, ...(growth === undefined ? {} : { targetGrowth: growth }) },
            { reportMonth: month, schedule, behind, serious },
          );
          if (ytd === null) {
            expect(r.completion).toBeNull();
            expect(r.scheduleFlag).toBe('noData');
            expect(r.flag).toBe('noData');
            expect(r.failed).toEqual([]);
            return;
          }
          expect(r.completion).toBe(ytd / target);
          expect(r.gap).toBe(roundPoints((ytd / target - schedule) * 100));
          expect(r.shortfall).toBe(target * schedule - ytd);
          expect(r.paceSoFar).toBe(ytd / month);
          if (month === 12) expect(r.paceNeeded).toBeNull();
          else expect(r.paceNeeded).toBe((target - ytd) / (12 - month));
          expect(r.scheduleFlag).toBe(expectedFlag(r.gap!, direction, behind, serious));
          const yoy = lastYtd === null ? null : ytd / lastYtd - 1;
          expect(r.yoy).toBe(yoy);
          if (growth === undefined || yoy === null) {
            expect(r.growthFlag).toBeNull();
            expect(r.flag).toBe(r.scheduleFlag);
          } else {
            expect(r.growthGap).toBe(roundPoints((yoy - growth) * 100));
            expect(r.growthFlag).toBe(expectedFlag(r.growthGap!, direction, behind, serious));
            expect(rank(r.flag)).toBe(Math.max(rank(r.scheduleFlag), rank(r.growthFlag!)));
          }
          const failed: string[] = [];
          if (r.scheduleFlag !== 'ahead') failed.push('schedule');
          if (r.growthFlag !== null && r.growthFlag !== 'ahead') failed.push('growth');
          expect(r.failed).toEqual(failed);
        },
      ),
      runs(1000),
    );
  });

  it('worseFlag is the worse of two flags, no data never wins', () => {
    const flagArb = fc.constantFrom<Flag>(...FLAGS);
    fc.assert(
      fc.property(flagArb, fc.option(flagArb, { nil: null }), (a, b) => {
        const w = worseFlag(a, b);
        if (b === null || b === 'noData') expect(w).toBe(a);
        else if (a === 'noData') expect(w).toBe(b);
        else expect(rank(w)).toBe(Math.max(rank(a), rank(b)));
      }),
      runs(200),
    );
  });
});

describe('sumRows properties: summed totals, like for like', () => {
  const rowArb = fc.record({
    target: fc.integer({ min: 0, max: 100_000 }),
    ytd: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    lastYtd: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    planned: fc.option(fc.constantFrom(0, 0.25, 0.5, 0.75, 1), { nil: null }),
  });
  const rowsArb = fc.array(rowArb, { minLength: 0, maxLength: 40 });

  it('sums targets and YTD; year on year only over rows reported in both years', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const s = sumRows(rows);
        expect(s.target).toBe(rows.reduce((a, r) => a + r.target, 0));
        const reported = rows.filter((r) => r.ytd !== null);
        expect(s.ytd).toBe(reported.length === 0 ? null : reported.reduce((a, r) => a + r.ytd!, 0));
        const pairs = reported.filter((r) => r.lastYtd !== null);
        expect(s.ytdLike).toBe(pairs.length === 0 ? null : pairs.reduce((a, r) => a + r.ytd!, 0));
        expect(s.lastYtd).toBe(
          pairs.length === 0 ? null : pairs.reduce((a, r) => a + r.lastYtd!, 0),
        );
        if (s.target === 0) expect(s.planned).toBeNull();
        else
          expect(s.planned).toBeCloseTo(
            rows.reduce((a, r) => a + r.target * (r.planned ?? 0), 0) / s.target,
            12,
          );
      }),
      runs(500),
    );
  });

  it('the area is the sum of its groups, and does not depend on row order', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (rows, split) => {
          const a = rows.filter((_, i) => split[i]);
          const b = rows.filter((_, i) => !split[i]);
          const all = sumRows(rows);
          const [sa, sb] = [sumRows(a), sumRows(b)];
          const add = (x: number | null, y: number | null): number | null =>
            x === null ? y : y === null ? x : x + y;
          expect(all.target).toBe(sa.target + sb.target);
          expect(all.ytd).toBe(add(sa.ytd, sb.ytd));
          expect(all.ytdLike).toBe(add(sa.ytdLike, sb.ytdLike));
          expect(all.lastYtd).toBe(add(sa.lastYtd, sb.lastYtd));
          const reversed = sumRows([...rows].reverse());
          expect({ ...reversed, planned: null }).toEqual({ ...all, planned: null });
        },
      ),
      runs(300),
    );
  });

  it('the area completion is Σ YTD ÷ Σ target (not an average of percentages)', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 12 }), (rows, month) => {
        const s = sumRows(rows);
        const f = progressOf(
          s,
          { kind: 'total', direction: 'higher' },
          { reportMonth: month, schedule: month / 12, behind: 5, serious: 10 },
        );
        expect(f.completion).toBe(s.ytd === null || s.target === 0 ? null : s.ytd / s.target);
        expect(f.yoy).toBe(
          s.ytdLike === null || s.lastYtd === null || s.lastYtd === 0
            ? null
            : s.ytdLike / s.lastYtd - 1,
        );
      }),
      runs(300),
    );
  });
});

describe('rankValues properties', () => {
  const valuesArb = fc.array(
    fc.option(
      fc.integer({ min: -5, max: 5 }).map((v) => v / 4),
      { nil: null },
    ),
    { maxLength: 40 },
  );

  it('rank = 1 + the number of strictly better values; no value, no rank', () => {
    fc.assert(
      fc.property(valuesArb, directionArb, (values, direction) => {
        const ranks = rankValues(values, direction);
        expect(ranks).toHaveLength(values.length);
        values.forEach((v, i) => {
          if (v === null) expect(ranks[i]).toBeNull();
          else {
            const better = values.filter(
              (u) => u !== null && (direction === 'higher' ? u > v : u < v),
            ).length;
            expect(ranks[i]).toBe(1 + better);
          }
        });
      }),
      runs(500),
    );
  });

  it('ranks move with their values when the rows are reordered', () => {
    fc.assert(
      fc.property(valuesArb, directionArb, (values, direction) => {
        const reversed = rankValues([...values].reverse(), direction).reverse();
        expect(reversed).toEqual(rankValues(values, direction));
      }),
      runs(300),
    );
  });
});
