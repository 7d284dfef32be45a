/**
 * Engine benchmark: `plan()` on synthetic inputs of N enterprises × 10 indicators × 12 months.
 *
 * The inputs are built deterministically from a seeded PRNG (no Math.random), so every run and
 * every machine sees the same data. Input generation is not timed; `plan()` is timed (wall clock,
 * performance.now) after one warm-up run, best of three, with a full GC before each run. Memory:
 * peak RSS sampled from a worker thread during the runs, getrusage maxRSS, and the heap held by
 * the input and by one result.
 *
 * Shape of an input (see `makeInput`):
 * - 8 total indicators: base ×3, weights ×2, equal ×1, increment ×2 (one with weights, one
 *   without), decimals 0–3; locks, floors, caps and floor+cap pairs on about 4% of the
 *   enterprises of five of them;
 * - 2 rate indicators;
 * - 6 groups (every 50th enterprise has none);
 * - 3 profiles: 月度 (12 monthly shares), 季度 (quarters), 企业自定 (monthly, used only as an
 *   enterprise's own profile); 10% of enterprises follow a profile of their own;
 * - cumulative actuals for the 12 months of the plan year and of the year before: N × 24 rows of
 *   10 values, with some blanks (no data) and half the rows carrying a credit code; the rows share
 *   one list of indicator names, a blank being undefined, as the reader makes a 实绩 sheet.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../src/engine/creditCode';
import type {
  Actual,
  Constraint,
  Enterprise,
  Indicator,
  PlanInput,
  ProfileDef,
  ValueCell,
} from '../src/engine/model';
import { plan } from '../src/engine/plan';
import type { YMD } from '../src/engine/calendar';
import { prng } from '../tests/helpers/synthetic';

export interface BenchResult {
  /** Benchmark name, e.g. "engine". */
  readonly name: string;
  /** Enterprises. */
  readonly n: number;
  readonly indicators: number;
  readonly months: number;
  /** Actual rows in the input (N × 24). */
  readonly actualRows: number;
  /** Wall time of each timed run, ms. */
  readonly runs: number[];
  /** Best of the timed runs, ms. */
  readonly ms: number;
  /** Process CPU time (user + system, all threads, GC helpers included) of the best run, ms. */
  readonly cpuMs: number;
  /** Best run per enterprise, µs. */
  readonly perEnterpriseUs: number;
  /** Peak RSS sampled (every 2 ms, from a worker) over the warm-up and timed runs, MB. */
  readonly peakRssMB: number;
  /** Process peak RSS so far (getrusage maxRSS, includes building the inputs), MB. */
  readonly maxRssMB: number;
  /** Heap used by the input (and everything else alive) before the runs, after a full GC, MB. */
  readonly heapInputMB: number;
  /** Heap held by one plan() result, after a full GC, MB. */
  readonly heapResultMB: number;
}

export const YEAR = 2025;
export const TODAY: YMD = { y: YEAR, m: 10, d: 15 };
export const SIZES = [1_000, 10_000] as const;
const MB = 1024 * 1024;

/** A value in integer units of 10^-d, and back, without float noise. */
const units = (v: number, d: number): number => Math.round(v * 10 ** d);
const fromUnits = (u: number, d: number): number => (d === 0 ? u : Number(`${u}e-${d}`));
const round = (v: number, d: number): number => fromUnits(units(v, d), d);

const GROUPS = ['城东园区', '城西园区', '高新区', '经济开发区', '滨江片区', '北部片区'];

const PROFILES: ProfileDef[] = [
  {
    name: '月度',
    grid: 'months',
    shares: [5.5, 6, 8, 8.2, 8.4, 8.6, 8.3, 8.1, 8.6, 9.1, 10.2, 11],
  },
  { name: '季度', grid: 'quarters', shares: [20, 25, 25, 30] },
  { name: '企业自定', grid: 'months', shares: [10, 4, 8, 8, 8, 8, 8, 8, 9, 9, 9, 11] },
];

interface IndicatorSpec {
  readonly name: string;
  readonly unit: string;
  readonly kind: Indicator['kind'];
  readonly direction: Indicator['direction'];
  readonly method: Indicator['method'];
  readonly decimals: number;
  readonly profile: string;
  /** Typical enterprise annual value (scale of base and actuals). */
  readonly scale: number;
  /** Target growth over the base sum (totals) or the target rate (rates). */
  readonly growth: number;
  readonly targetGrowth?: number;
  /** Whether the indicator has a weights column. */
  readonly weights?: boolean;
  /** Whether locks, floors and caps are set on it. */
  readonly constraints?: boolean;
}

const SPECS: IndicatorSpec[] = [
  {
    name: '工业总产值',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'base',
    decimals: 2,
    profile: '月度',
    scale: 5000,
    growth: 0.08,
    targetGrowth: 0.08,
    constraints: true,
  },
  {
    name: '营业收入',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'base',
    decimals: 2,
    profile: '季度',
    scale: 5200,
    growth: 0.07,
    constraints: true,
  },
  {
    name: '利润总额',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'weights',
    decimals: 2,
    profile: '月度',
    scale: 400,
    growth: 0.05,
    weights: true,
    constraints: true,
  },
  {
    name: '税收收入',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'weights',
    decimals: 1,
    profile: '季度',
    scale: 250,
    growth: 0.06,
    weights: true,
  },
  {
    name: '工业用电量',
    unit: '万千瓦时',
    kind: 'total',
    direction: 'higher',
    method: 'equal',
    decimals: 0,
    profile: '月度',
    scale: 300,
    growth: 0.04,
    constraints: true,
  },
  {
    name: '综合能耗',
    unit: '吨标煤',
    kind: 'total',
    direction: 'lower',
    method: 'increment',
    decimals: 2,
    profile: 'even',
    scale: 900,
    growth: 0.03,
  },
  {
    name: '新产品产值',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'increment',
    decimals: 2,
    profile: '月度',
    scale: 800,
    growth: 0.12,
    weights: true,
    constraints: true,
  },
  {
    name: '出口交货值',
    unit: '万元',
    kind: 'total',
    direction: 'higher',
    method: 'base',
    decimals: 3,
    profile: '季度',
    scale: 600,
    growth: 0.05,
    targetGrowth: 0.05,
  },
  {
    name: '工业增加值增速',
    unit: '%',
    kind: 'rate',
    direction: 'higher',
    method: 'base',
    decimals: 2,
    profile: '月度',
    scale: 1500,
    growth: 0.07,
  },
  {
    name: '研发费用增速',
    unit: '%',
    kind: 'rate',
    direction: 'higher',
    method: 'base',
    decimals: 2,
    profile: '月度',
    scale: 150,
    growth: 0.1,
  },
];

/** A valid, unique 统一社会信用代码 for enterprise i. */
function creditCode(i: number): string {
  let org = '';
  for (let k = 0, v = i + 1; k < 8; k++, v = Math.floor(v / 31))
    org = (CREDIT_CODE_ALPHABET[v % 31] as string) + org;
  const first17 = `913311250${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Cumulative monthly share through month m (1–12) of a 12-share profile. */
function cumulativeShares(shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let s = 0;
  for (const v of shares) {
    s += v;
    out.push(s / total);
  }
  return out;
}

/**
 * A synthetic plan input of `n` enterprises, deterministic in (n, seed).
 * `settings` overrides the default settings (for differential checks of other code paths).
 */
export function makeInput(
  n: number,
  seed = 20250101,
  settings: Partial<PlanInput['settings']> = {},
): PlanInput {
  const rnd = prng(seed ^ Math.imul(n, 0x9e3779b1));
  const enterprises: Enterprise[] = [];
  for (let i = 0; i < n; i++) {
    const profile = i % 20 === 3 ? '企业自定' : i % 20 === 11 ? '季度' : undefined;
    const group = i % 50 === 49 ? undefined : GROUPS[Math.floor(rnd() * GROUPS.length)];
    enterprises.push({
      name: `企业${String(i + 1).padStart(5, '0')}有限公司`,
      creditCode: creditCode(i),
      ...(group ? { group } : {}),
      owner: `联系人${i % 40}`,
      ...(profile ? { profile } : {}),
      ref: { sheet: '企业', cell: `A${i + 2}` },
    });
  }

  // Each enterprise's size, and per indicator a spread around it.
  const size = enterprises.map(() => 0.05 + 3 * rnd() ** 3);
  const base: Record<string, Record<string, ValueCell>> = {};
  const weights: Record<string, Record<string, ValueCell>> = {};
  const constraints: Constraint[] = [];
  const indicators: Indicator[] = [];
  // Exact annual value per indicator and enterprise for last year (the base).
  const lastAnnual: number[][] = [];
  SPECS.forEach((s, k) => {
    const d = s.decimals;
    const annual = enterprises.map((_, i) => (size[i] as number) * s.scale * (0.6 + 0.8 * rnd()));
    lastAnnual.push(annual);
    const b: Record<string, ValueCell> = {};
    let baseUnits = 0;
    enterprises.forEach((e, i) => {
      const v = round(annual[i] as number, 2);
      b[e.name] = { value: v };
      baseUnits += units(v, d);
    });
    if (s.kind === 'total') base[s.name] = b;
    if (s.weights) {
      const w: Record<string, ValueCell> = {};
      for (const e of enterprises) w[e.name] = { value: round(0.5 + 9.5 * rnd(), 2) };
      weights[s.name] = w;
    }
    let target: number;
    if (s.kind === 'rate') target = s.growth;
    else if (s.method === 'equal') target = fromUnits(units(n * s.scale * (1 + s.growth), d), d);
    else target = fromUnits(Math.round(baseUnits * (1 + s.growth)), d);
    indicators.push({
      name: s.name,
      unit: s.unit,
      kind: s.kind,
      direction: s.direction,
      target,
      ...(s.targetGrowth !== undefined ? { targetGrowth: s.targetGrowth } : {}),
      method: s.method,
      decimals: d,
      profile: s.profile,
      ref: { sheet: '目标', cell: `A${k + 2}` },
      targetRef: { sheet: '目标', cell: `E${k + 2}` },
    });
    if (s.kind !== 'total' || !s.constraints) return;
    enterprises.forEach((e, i) => {
      const v = annual[i] as number;
      const at = (type: Constraint['type'], value: number): void => {
        constraints.push({
          enterprise: e.name,
          indicator: s.name,
          type,
          value,
          ref: { sheet: '约束', cell: `D${constraints.length + 2}` },
        });
      };
      if ((i + k) % 97 === 0) at('lock', round(v * 1.03, d));
      else if ((i + k) % 89 === 1) at('floor', round(v * 1.1, d));
      else if ((i + k) % 83 === 2) at('cap', round(v * 0.98, d));
      else if ((i + k) % 211 === 5) {
        at('floor', round(v * 0.9, d));
        at('cap', round(v * 1.2, d));
      }
    });
  });

  // Cumulative actuals: last year's annual value along a seasonal curve, this year's with growth.
  const curves = [
    cumulativeShares(PROFILES[0]?.shares ?? []),
    cumulativeShares(PROFILES[2]?.shares ?? []),
  ];
  const actuals: Actual[] = [];
  // One list of names for every row, a blank as undefined: what the reader makes of a 实绩 sheet
  // (read.ts), whose rows share their columns.
  const names = SPECS.map((s) => s.name);
  const growth = enterprises.map(() => SPECS.map((s) => s.growth - 0.08 + 0.18 * rnd()));
  for (const year of [YEAR - 1, YEAR]) {
    for (let m = 1; m <= 12; m++) {
      enterprises.forEach((e, i) => {
        const curve = curves[i % 20 === 3 ? 1 : 0] as number[];
        const values = SPECS.map((_, k): number | undefined => {
          // Blanks: an enterprise that did not report an indicator this year, or last year.
          if (year === YEAR && (i + k) % 31 === 5) return undefined;
          if (year === YEAR - 1 && (i + 3 * k) % 37 === 0) return undefined;
          const last = lastAnnual[k]?.[i] as number;
          const annual = year === YEAR ? last * (1 + (growth[i]?.[k] as number)) : last;
          return round(annual * (curve[m - 1] as number) * (0.97 + 0.06 * rnd()), 2);
        });
        actuals.push({
          year,
          month: m,
          enterprise: e.name,
          ...(i % 2 === 0 ? { creditCode: e.creditCode } : {}),
          indicators: names,
          values,
          ref: { sheet: '实绩', cell: `A${actuals.length + 2}` },
        });
      });
    }
  }

  return {
    settings: {
      year: YEAR,
      reportMonth: 9,
      scheduleBasis: 'months',
      behindThreshold: 5,
      seriousThreshold: 10,
      actualsBasis: 'cumulative',
      combineJanFeb: false,
      unit: '万元',
      ...settings,
    },
    indicators,
    enterprises,
    profiles: PROFILES,
    base,
    weights,
    constraints,
    actuals,
  };
}

const heapMB = (): number => process.memoryUsage().heapUsed / MB;
/** getrusage maxRSS: the process's peak so far, in kilobytes (Node normalises it to kB). */
const maxRssMB = (): number => process.resourceUsage().maxRSS / 1024;
/**
 * A full garbage collection before each timed run, so a run does not pay for the garbage of the
 * runs before it (a mark-compact of the whole heap lands in whichever run crosses the limit).
 * `global.gc` when node runs with --expose-gc, else the flag is set at run time.
 */
const gc: () => void = (() => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * Samples the process's RSS every 2 ms from a worker thread (the main thread is busy inside the
 * synchronous plan()), keeping the peak in shared memory.
 */
class RssSampler {
  private readonly peak = new Float64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  constructor() {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const peak = new Float64Array(workerData);
       setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; }, 2);`,
      { eval: true, workerData: this.peak.buffer },
    );
    this.worker.unref();
  }
  /** Starts a new window at the current RSS. */
  reset(): void {
    this.peak[0] = process.memoryUsage.rss();
  }
  /** Peak RSS since the last reset, MB. */
  peakMB(): number {
    return Math.max(this.peak[0] as number, process.memoryUsage.rss()) / MB;
  }
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Times `plan()` on one input size: one warm-up run, then the best of `repeats`. */
async function benchPlanSize(
  n: number,
  sampler: RssSampler,
  repeats = 3,
  seed?: number,
): Promise<BenchResult> {
  const input = makeInput(n, seed);
  gc();
  const heapInput = heapMB();
  sampler.reset();
  // Let the sampler see the window start before the main thread blocks.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const check = (r: ReturnType<typeof plan>): void => {
    if (!r.ok)
      throw new Error(`bench input invalid at N=${n}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  };
  check(plan(input, { today: TODAY }));
  const runs: number[] = [];
  const cpu: number[] = [];
  let last: ReturnType<typeof plan> | undefined;
  for (let k = 0; k < repeats; k++) {
    last = undefined;
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = plan(input, { today: TODAY });
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    check(r);
    last = r;
    runs.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const peakRss = sampler.peakMB();
  gc();
  const heapResult = heapMB() - heapInput;
  if (!last?.ok) throw new Error('no run');
  const ms = Math.min(...runs);
  const cpuMs = cpu[runs.indexOf(ms)] as number;
  return {
    name: 'engine',
    n,
    indicators: input.indicators.length,
    months: 12,
    actualRows: input.actuals.length,
    runs,
    ms,
    cpuMs,
    perEnterpriseUs: (ms * 1000) / n,
    peakRssMB: peakRss,
    maxRssMB: maxRssMB(),
    heapInputMB: heapInput,
    heapResultMB: heapResult,
  };
}

/** The engine benchmark: N = 1,000 and 10,000 enterprises × 10 indicators × 12 months. */
export async function benchEngine(): Promise<BenchResult[]> {
  const sampler = new RssSampler();
  try {
    const out: BenchResult[] = [];
    for (const n of SIZES) out.push(await benchPlanSize(n, sampler));
    return out;
  } finally {
    await sampler.stop();
  }
}

export const GOAL_MS = 500;
export const GOAL_RATIO = 12;

const pad = (s: string, w: number): string => s.padStart(w);

/** Prints the engine results as a table, then the ratio and the goal lines. */
export function printEngine(
  results: readonly BenchResult[],
  log: (line: string) => void = console.log,
): void {
  log(
    'engine: plan() on N enterprises × 10 indicators × 12 months, cumulative actuals N × 24 rows',
  );
  log(
    '        (wall time, best of 3 after a warm-up, full GC before each run; input generation not timed)',
  );
  log(
    `${pad('N', 8)} ${pad('ms', 9)} ${pad('µs/ent', 8)} ${pad('runs ms', 22)} ${pad('cpu ms', 8)} ${pad('peak RSS MB', 12)} ` +
      `${pad('maxRSS MB', 10)} ${pad('heap in MB', 11)} ${pad('result MB', 10)}`,
  );
  for (const r of results) {
    log(
      `${pad(r.n.toLocaleString('en-US'), 8)} ${pad(r.ms.toFixed(1), 9)} ${pad(r.perEnterpriseUs.toFixed(1), 8)} ` +
        `${pad(r.runs.map((t) => t.toFixed(0)).join(' / '), 22)} ${pad(r.cpuMs.toFixed(0), 8)} ${pad(r.peakRssMB.toFixed(0), 12)} ` +
        `${pad(r.maxRssMB.toFixed(0), 10)} ${pad(r.heapInputMB.toFixed(0), 11)} ${pad(r.heapResultMB.toFixed(0), 10)}`,
    );
  }
  const small = results.find((r) => r.n === 1_000);
  const big = results.find((r) => r.n === 10_000);
  if (small && big) {
    const ratio = big.ms / small.ms;
    log(
      `engine 10k/1k ratio: ${ratio.toFixed(2)}${ratio <= GOAL_RATIO ? '' : `  (MISS: goal <= ${GOAL_RATIO})`}`,
    );
  }
  if (big) {
    log(
      `engine 10k x 10 x 12: ${Math.round(big.ms)} ms (goal <= ${GOAL_MS} ms)${big.ms <= GOAL_MS ? '' : '  MISS'}`,
    );
  }
}
