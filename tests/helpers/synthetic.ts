/**
 * Deterministic synthetic inputs shared by the tests and the benchmarks (bench/ imports them from
 * here; nothing under tests/ imports bench/). Seeded, so every run and machine sees the same data.
 */
import type { ExampleData } from '../../src/workbook/template';

/** Indicators of the synthetic township unless told otherwise (the bundled example has 4). */
export const SYNTHETIC_INDICATORS = 8;
/** Months of cumulative actuals in each of the two years. */
export const SYNTHETIC_MONTHS = 8;

/** mulberry32: a small, fast, seeded 32-bit PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic township in the example's JSON shape (so `exampleWorkbook` writes its workbook): `n`
 * enterprises in 6 groups, `indicatorCount` total indicators cycling through the four methods,
 * two profiles, and `months` (8 unless told) months × 2 years of cumulative actuals (about 3%
 * blank). The data for a given `n`, `indicatorCount` and `months` never changes.
 */
export function syntheticData(
  n: number,
  indicatorCount = SYNTHETIC_INDICATORS,
  { months = SYNTHETIC_MONTHS }: { months?: number } = {},
): ExampleData {
  const rnd = prng(20251122);
  const names = Array.from({ length: n }, (_, i) => `企业${String(i + 1).padStart(5, '0')}`);
  const indicators = Array.from({ length: indicatorCount }, (_, k) => `指标${k + 1}`);
  const methods = ['base', 'weights', 'equal', 'increment'] as const;
  const enterprises = names.map((name, i) => ({
    name,
    group: `组${(i % 6) + 1}`,
    owner: `办${(i % 4) + 1}`,
    ...(i % 10 === 0 ? { profile: '下半年投产' } : {}),
    ...Object.fromEntries(indicators.map((_, k) => [`base${k}`, Math.round(rnd() * 10000) / 10])),
    ...Object.fromEntries(indicators.map((_, k) => [`w${k}`, 1 + Math.floor(rnd() * 5)])),
  }));
  const actuals = [];
  for (const year of [2024, 2025]) {
    for (let m = 1; m <= months; m++) {
      for (const e of enterprises) {
        const row: Record<string, number | string | null> & {
          year: number;
          month: number;
          enterprise: string;
        } = { year, month: m, enterprise: e.name };
        indicators.forEach((ind, k) => {
          row[ind] =
            rnd() < 0.03
              ? null
              : Math.round(
                  ((Number(e[`base${k}` as keyof typeof e]) * m) / 12) * (0.8 + rnd() * 0.5) * 10,
                ) / 10;
        });
        actuals.push(row);
      }
    }
  }
  const sumBase = (k: number): number =>
    enterprises.reduce((s, e) => s + Number(e[`base${k}` as keyof typeof e]), 0);
  return {
    settings: {
      year: 2025,
      scheduleBasis: 'months',
      combineJanFeb: false,
      unit: '万元',
      behindThreshold: 5,
      seriousThreshold: 10,
      actualsBasis: 'cumulative',
    },
    targets: indicators.map((indicator, k) => ({
      indicator,
      unit: '万元',
      kind: 'total' as const,
      direction: k === 7 ? ('lower' as const) : ('higher' as const),
      target: Math.round(sumBase(k) * 1.2),
      ...(k % 2 === 0 ? { targetGrowth: 0.1 } : {}),
      method: methods[k % methods.length] as (typeof methods)[number],
      decimals: k % 3 === 0 ? 0 : 2,
      profile: k % 2 === 0 ? '均衡' : '前低后高',
    })),
    profiles: [
      { name: '前低后高', quarters: [20, 25, 25, 30] },
      { name: '下半年投产', quarters: [0, 0, 40, 60] },
    ],
    enterprises,
    constraints: [],
    actuals,
    baseColumns: Object.fromEntries(indicators.map((ind, k) => [ind, `base${k}`])),
    weightColumns: Object.fromEntries(indicators.map((ind, k) => [ind, `w${k}`])),
  };
}
