/**
 * Variants of the bundled example that exercise every branch of the output formulas: a
 * lower-is-better cap with a growth target, a rate indicator, days-based schedule, monthly actuals.
 */
import { readFileSync } from 'node:fs';
import { EXAMPLE_JSON } from './paths';
import type { ExampleData } from '../../src/workbook/template';

/** The bundled township example (examples/data/township-example.json). */
export const EXAMPLE: ExampleData = JSON.parse(readFileSync(EXAMPLE_JSON, 'utf8')) as ExampleData;

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The example plus 综合能耗 (a cap, lower is better, −3% growth) and 产值增速 (a rate, 30%). */
export function richExample(settings: Partial<ExampleData['settings']> = {}): ExampleData {
  return {
    ...EXAMPLE,
    settings: { ...EXAMPLE.settings, ...settings },
    targets: [
      ...EXAMPLE.targets,
      {
        indicator: '综合能耗',
        unit: '吨标煤',
        kind: 'total',
        direction: 'lower',
        target: 7000,
        targetGrowth: -0.03,
        method: 'base',
        decimals: 1,
        profile: '均衡',
      },
      {
        indicator: '产值增速',
        unit: '%',
        kind: 'rate',
        direction: 'higher',
        target: 0.3,
        method: 'base',
        decimals: 2,
        profile: '均衡',
      },
    ],
    enterprises: EXAMPLE.enterprises.map((e) => ({
      ...e,
      baseEnergy: round1(Number(e.baseOutput ?? 0) * 0.08),
    })),
    actuals: EXAMPLE.actuals.map((a) => {
      const out = a['工业总产值'];
      return {
        ...a,
        综合能耗: typeof out === 'number' ? round1(out * 0.07) : null,
        产值增速: out ?? null,
      };
    }),
    baseColumns: {
      工业总产值: 'baseOutput',
      规上工业产值: 'baseAboveSizeOutput',
      制造业投资: 'baseInvestment',
      综合能耗: 'baseEnergy',
    },
  };
}

/**
 * The example where the statistics bureau spells one enterprise differently (石塔线缆有限公司) but
 * gives its credit code, and another row carries no code: the engine matches by code first, so
 * the sheet formulas must match by code too.
 */
export function nameVariantExample(): ExampleData {
  return {
    ...EXAMPLE,
    actuals: EXAMPLE.actuals.map((a, i) => {
      if (a.enterprise === '石塔线缆')
        return { ...a, enterprise: '石塔线缆有限公司', creditCode: '91331125355344339U' };
      if (a.enterprise === '卓尔五金' && i % 2 === 0) return { ...a, creditCode: '' };
      return a;
    }),
  };
}
