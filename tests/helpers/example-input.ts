/**
 * The township example (examples/data/township-example.json, as bundled) mapped to a `PlanInput`, as the
 * workbook reader would build it. Refs are synthetic but laid out like the workbook contract
 * (docs: workbook-format.md): 目标 rows from 2, 企业 rows from 2, 约束 rows from 2, 实绩 rows from 2.
 *
 * Mapping:
 * - targets → indicators (name, unit, kind, direction, target, targetGrowth, method, decimals, profile);
 * - enterprises → enterprises (name, group, creditCode, owner, profile);
 * - profiles → profiles on the quarters grid;
 * - base: baseOutput → 工业总产值, baseAboveSizeOutput → 规上工业产值, baseInvestment → 制造业投资;
 * - weights: weightInvestment → 制造业投资;
 * - constraints as they are;
 * - actuals: every indicator column, null values omitted (a blank cell is no data).
 */
import { readFileSync } from 'node:fs';
import { EXAMPLE_JSON } from './paths';
import { columnLetter as col } from '../../src/workbook/spec';
import type {
  Actual,
  ByIndicator,
  Constraint,
  Enterprise,
  Indicator,
  PlanInput,
  ProfileDef,
  ValueCell,
} from '../../src/engine/model';

export const TOWNSHIP_EXAMPLE_PATH = EXAMPLE_JSON;

interface RawTarget {
  indicator: string;
  unit: string;
  kind: 'total' | 'rate';
  direction: 'higher' | 'lower';
  target: number;
  targetGrowth?: number;
  method: Indicator['method'];
  decimals: number;
  profile: string;
}

interface RawEnterprise {
  name: string;
  group?: string;
  creditCode?: string;
  owner?: string;
  profile?: string;
  baseOutput?: number;
  baseAboveSizeOutput?: number;
  baseInvestment?: number;
  weightInvestment?: number;
}

interface RawConstraint {
  enterprise: string;
  indicator: string;
  type: Constraint['type'];
  value: number;
}

type RawActual = { year: number; month: number; enterprise: string } & Record<string, unknown>;

export interface TownshipExample {
  source: string;
  settings: {
    year: number;
    reportMonth: number;
    scheduleBasis: 'months' | 'days';
    combineJanFeb: boolean;
    unit: string;
    behindThreshold: number;
    seriousThreshold: number;
    actualsBasis: 'cumulative' | 'monthly';
  };
  targets: RawTarget[];
  profiles: { name: string; quarters: number[] }[];
  enterprises: RawEnterprise[];
  constraints: RawConstraint[];
  actuals: RawActual[];
}

/** Base columns of the example and the indicators they feed. */
export const BASE_COLUMNS = {
  工业总产值: 'baseOutput',
  规上工业产值: 'baseAboveSizeOutput',
  制造业投资: 'baseInvestment',
} as const satisfies Record<string, keyof RawEnterprise>;

/** Weight columns of the example and the indicators they feed. */
export const WEIGHT_COLUMNS = {
  制造业投资: 'weightInvestment',
} as const satisfies Record<string, keyof RawEnterprise>;

/** The raw JSON of the example. */
export function loadTownshipExampleJson(path: string = TOWNSHIP_EXAMPLE_PATH): TownshipExample {
  return JSON.parse(readFileSync(path, 'utf8')) as TownshipExample;
}

/** Maps the example's JSON to a PlanInput (see the file comment for the mapping). */
export function toPlanInput(d: TownshipExample): PlanInput {
  const indicators: Indicator[] = d.targets.map((t, k) => {
    const row = k + 2;
    return {
      name: t.indicator,
      unit: t.unit,
      kind: t.kind,
      direction: t.direction,
      target: t.target,
      ...(t.targetGrowth !== undefined
        ? { targetGrowth: t.targetGrowth, targetGrowthRef: { sheet: '目标', cell: `F${row}` } }
        : {}),
      method: t.method,
      decimals: t.decimals,
      profile: t.profile,
      ref: { sheet: '目标', cell: `A${row}` },
      targetRef: { sheet: '目标', cell: `E${row}` },
      decimalsRef: { sheet: '目标', cell: `H${row}` },
      profileRef: { sheet: '目标', cell: `I${row}` },
    };
  });
  const enterprises: Enterprise[] = d.enterprises.map((e, k) => {
    const row = k + 2;
    return {
      name: e.name,
      ...(e.group !== undefined ? { group: e.group } : {}),
      ...(e.creditCode !== undefined ? { creditCode: e.creditCode } : {}),
      ...(e.owner !== undefined ? { owner: e.owner } : {}),
      ...(e.profile !== undefined ? { profile: e.profile } : {}),
      ref: { sheet: '企业', cell: `A${row}` },
      creditCodeRef: { sheet: '企业', cell: `B${row}` },
      profileRef: { sheet: '企业', cell: `E${row}` },
    };
  });
  const profiles: ProfileDef[] = d.profiles.map((p, k) => ({
    name: p.name,
    grid: 'quarters',
    shares: p.quarters,
    ref: { sheet: '时间分布', cell: `A${k + 2}` },
  }));
  const table = (columns: Record<string, keyof RawEnterprise>, sheet: string): ByIndicator => {
    const out: Record<string, Record<string, ValueCell>> = {};
    Object.entries(columns).forEach(([indicator, field], c) => {
      const column: Record<string, ValueCell> = {};
      d.enterprises.forEach((e, k) => {
        const v = e[field];
        if (typeof v === 'number')
          column[e.name] = { value: v, ref: { sheet, cell: `${col(c + 1)}${k + 2}` } };
      });
      out[indicator] = column;
    });
    return out;
  };
  const constraints: Constraint[] = d.constraints.map((c, k) => ({
    enterprise: c.enterprise,
    indicator: c.indicator,
    type: c.type,
    value: c.value,
    ref: { sheet: '约束', cell: `D${k + 2}` },
    enterpriseRef: { sheet: '约束', cell: `A${k + 2}` },
    indicatorRef: { sheet: '约束', cell: `B${k + 2}` },
  }));
  const actualIndicators = d.targets.map((t) => t.indicator);
  const columns = actualIndicators.map((_, c) => col(c + 3));
  const actuals: Actual[] = d.actuals.map((a, k) => {
    const row = k + 2;
    return {
      year: a.year,
      month: a.month,
      enterprise: a.enterprise,
      indicators: actualIndicators,
      values: actualIndicators.map((name) => {
        const v = a[name];
        return typeof v === 'number' ? v : undefined;
      }),
      columns,
      ref: { sheet: '实绩', cell: `A${row}` },
      yearRef: { sheet: '实绩', cell: `A${row}` },
      monthRef: { sheet: '实绩', cell: `B${row}` },
      enterpriseRef: { sheet: '实绩', cell: `C${row}` },
    };
  });
  return {
    sources: {
      settings: { sheet: '参数' },
      targets: { sheet: '目标' },
      enterprises: { sheet: '企业' },
      base: { sheet: '基数' },
      weights: { sheet: '权重' },
      constraints: { sheet: '约束' },
      profiles: { sheet: '时间分布' },
      actuals: { sheet: '实绩' },
    },
    settings: {
      ...d.settings,
      refs: {
        year: { sheet: '参数', cell: 'B2' },
        reportMonth: { sheet: '参数', cell: 'B3' },
        asOf: { sheet: '参数', cell: 'B5' },
        behindThreshold: { sheet: '参数', cell: 'B6' },
        seriousThreshold: { sheet: '参数', cell: 'B7' },
      },
    },
    indicators,
    enterprises,
    profiles,
    base: table(BASE_COLUMNS, '基数'),
    weights: table(WEIGHT_COLUMNS, '权重'),
    constraints,
    actuals,
  };
}

/** The township example as a PlanInput, read from disk. */
export function townshipExampleInput(path: string = TOWNSHIP_EXAMPLE_PATH): PlanInput {
  return toPlanInput(loadTownshipExampleJson(path));
}

/** An actuals row with the figure of `indicator` replaced (its cell unchanged). */
export function withFigure(a: Actual, indicator: string, value: number): Actual {
  const i = a.indicators.indexOf(indicator);
  if (i < 0)
    return { ...a, indicators: [...a.indicators, indicator], values: [...a.values, value] };
  return { ...a, values: a.values.map((v, k) => (k === i ? value : v)) };
}
