/**
 * Differential check for engine optimisations: `plan()` must give the same output, value for
 * value, before and after a change.
 *
 *   npx tsx bench/check-identical.ts --save [dir]   # before the change: store the outputs
 *   npx tsx bench/check-identical.ts [dir]          # after: compare (exit code 1 on a difference)
 *   npx tsx bench/check-identical.ts --ref=DIR      # compare live with a copy of the engine in DIR
 *   add --big to include N = 10,000
 *
 * Outputs are stored with v8.serialize and compared structurally with Object.is (so -0, NaN and
 * key order count), and their JSON.stringify forms are compared and hashed too. The cases are the
 * benchmark inputs plus variants that reach other code paths (Jan-Feb combined, monthly actuals,
 * days schedule, latest month, actuals matched by credit code only, tiny and invalid inputs), and
 * the township example (tests/helpers/example-input.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { PlanInput } from '../src/engine/model';
import { plan } from '../src/engine/plan';
import { townshipExampleInput } from '../tests/helpers/example-input';
import { makeInput, TODAY } from './engine';

interface Case {
  readonly name: string;
  readonly big?: boolean;
  readonly build: () => PlanInput;
}

const CASES: Case[] = [
  { name: 'n1000', build: () => makeInput(1000) },
  { name: 'n1000-seed2', build: () => makeInput(1000, 2) },
  { name: 'n1000-janfeb', build: () => makeInput(1000, 3, { combineJanFeb: true }) },
  {
    name: 'n500-monthly-days',
    build: () =>
      makeInput(500, 4, {
        actualsBasis: 'monthly',
        scheduleBasis: 'days',
        asOf: { y: 2025, m: 9, d: 17 },
      }),
  },
  { name: 'n700-latest-month', build: () => makeInput(700, 5, { reportMonth: undefined }) },
  { name: 'n1', build: () => makeInput(1, 6) },
  { name: 'n3', build: () => makeInput(3, 7, { combineJanFeb: true }) },
  { name: 'n37', build: () => makeInput(37, 8) },
  {
    name: 'n400-aliases-gaps',
    build: () => {
      const i = makeInput(400, 9);
      // Actual rows named differently but carrying the credit code; some rows missing.
      const actuals = i.actuals
        .filter((_, k) => k % 13 !== 4)
        .map((a, k) =>
          a.creditCode && k % 3 === 0 ? { ...a, enterprise: `别名${a.enterprise}` } : a,
        );
      return { ...i, actuals };
    },
  },
  {
    name: 'n300-invalid',
    build: () => {
      const i = makeInput(300, 10);
      const weights = Object.fromEntries(
        Object.entries(i.weights).map(([ind, col]) => [
          ind,
          Object.fromEntries(Object.entries(col).filter((_, k) => k % 50 !== 7)),
        ]),
      );
      return { ...i, weights };
    },
  },
  { name: 'n10000', big: true, build: () => makeInput(10_000) },
  // The township example as the workbook reader builds it, under a few settings.
  { name: 'township', build: () => townshipExampleInput() },
  {
    name: 'township-janfeb-latest',
    build: (): PlanInput => {
      const i = townshipExampleInput();
      return {
        ...i,
        settings: { ...i.settings, combineJanFeb: true, reportMonth: undefined },
      };
    },
  },
  {
    name: 'township-days-monthly',
    build: (): PlanInput => {
      const i = townshipExampleInput();
      return {
        ...i,
        settings: {
          ...i.settings,
          scheduleBasis: 'days',
          actualsBasis: 'monthly',
          combineJanFeb: false,
        },
      };
    },
  },
];

function same(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length > 5) return;
  if (typeof a !== typeof b) {
    out.push(`${path}: ${typeof a} vs ${typeof b}`);
    return;
  }
  if (a === null || b === null || typeof a !== 'object') {
    if (!Object.is(a, b)) out.push(`${path}: ${String(a)} vs ${String(b)}`);
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${path}: array vs object`);
    return;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.join('\u0000') !== kb.join('\u0000')) {
    out.push(`${path}: keys [${ka.join(',')}] vs [${kb.join(',')}]`);
    return;
  }
  for (const k of ka)
    same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
}

const args = process.argv.slice(2);
const save = args.includes('--save');
const big = args.includes('--big');
const refDir = args.find((a) => a.startsWith('--ref='))?.slice('--ref='.length);
const dir = args.find((a) => !a.startsWith('--')) ?? join(tmpdir(), 'fenjie-bench-baseline');
const refPlan = refDir
  ? ((await import(pathToFileURL(resolve(refDir, 'plan.ts')).href)) as { plan: typeof plan }).plan
  : undefined;
if (!refPlan) mkdirSync(dir, { recursive: true });
let bad = 0;
for (const c of CASES) {
  if (c.big && !big) continue;
  const input = c.build();
  const result = plan(input, { today: TODAY });
  const json = JSON.stringify(result);
  const hash = createHash('sha256').update(json).digest('hex').slice(0, 16);
  const file = join(dir, `${c.name}.v8`);
  const status = result.ok ? 'ok' : `${result.errors.length} errors`;
  if (refPlan) {
    const before = refPlan(input, { today: TODAY });
    const diffs: string[] = [];
    same(before, result, 'result', diffs);
    const jsonSame = JSON.stringify(before) === json;
    if (diffs.length === 0 && jsonSame)
      console.log(`same    ${c.name.padEnd(24)} ${hash} (${status}, live vs ${refDir})`);
    else {
      bad++;
      console.log(
        `DIFFERS ${c.name.padEnd(24)} ${hash} json ${jsonSame ? 'equal' : 'different'}\n  ${diffs.join('\n  ')}`,
      );
    }
    continue;
  }
  if (save) {
    writeFileSync(file, serialize(result));
    console.log(`saved   ${c.name.padEnd(24)} ${hash} (${status}, ${json.length} chars)`);
    continue;
  }
  if (!existsSync(file)) {
    console.log(`missing ${c.name.padEnd(24)} ${hash}: run with --save first`);
    bad++;
    continue;
  }
  const before = deserialize(readFileSync(file)) as unknown;
  const diffs: string[] = [];
  same(before, result, 'result', diffs);
  const jsonSame = JSON.stringify(before) === json;
  if (diffs.length === 0 && jsonSame)
    console.log(`same    ${c.name.padEnd(24)} ${hash} (${status})`);
  else {
    bad++;
    console.log(
      `DIFFERS ${c.name.padEnd(24)} ${hash} json ${jsonSame ? 'equal' : 'different'}\n  ${diffs.join('\n  ')}`,
    );
  }
}
if (bad > 0) process.exitCode = 1;
