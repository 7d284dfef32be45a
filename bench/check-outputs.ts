/**
 * Differential check for refactors of the workbook layer: the whole pipeline (read → plan →
 * render) must give the same sheet description, JSON and messages before and after a change.
 *
 *   npx tsx bench/check-outputs.ts --save [dir]   # before the change: store the outputs
 *   npx tsx bench/check-outputs.ts [dir]          # after: compare (exit code 1 on a difference)
 *
 * The cases are every fixture workbook in tests/fixtures, the bundled example in both languages,
 * and synthetic workbooks from the file benchmark's generator (600 enterprises × 8 indicators,
 * with a Jan-Feb-combined and a monthly-actuals variant), each planned in Chinese and English.
 * Errors are compared as their full messages in both languages, with their cells.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXAMPLE_JSON } from '../src/cli/main';
import { describeError, type Lang } from '../src/engine';
import { readWorkbook } from '../src/hosts/xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../src/hosts/xlsx/write';
import { runPipeline } from '../src/workbook/pipeline';
import { exampleWorkbook, type ExampleData } from '../src/workbook/template';
import { syntheticData } from '../tests/helpers/synthetic';

const FIXTURES = resolve('tests/fixtures');
const TODAY = { y: 2025, m: 10, d: 15 };

interface Case {
  readonly name: string;
  readonly bytes: () => Promise<Uint8Array>;
}

const fromData = async (d: ExampleData, lang: Lang): Promise<Uint8Array> =>
  new Uint8Array(await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(d, lang))));

function cases(): Case[] {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => ({
      name: `fixture-${f}`,
      bytes: () => Promise.resolve(new Uint8Array(readFileSync(join(FIXTURES, f)))),
    }));
  const example = JSON.parse(readFileSync(EXAMPLE_JSON, 'utf8')) as ExampleData;
  const synth = syntheticData(600);
  return [
    ...fixtures,
    { name: 'example-zh', bytes: () => fromData(example, 'zh') },
    { name: 'example-en', bytes: () => fromData(example, 'en') },
    { name: 'synthetic-600', bytes: () => fromData(synth, 'zh') },
    {
      name: 'synthetic-600-janfeb-monthly',
      bytes: () =>
        fromData(
          {
            ...synth,
            settings: { ...synth.settings, combineJanFeb: true, actualsBasis: 'monthly' },
          },
          'en',
        ),
    },
  ];
}

async function outputsOf(c: Case): Promise<string> {
  const { grids } = await readWorkbook(await c.bytes());
  const out: Record<string, unknown> = {};
  for (const lang of ['zh', 'en'] as const) {
    const r = runPipeline(grids, { today: TODAY, generatedAt: '2025-10-15 10:00', lang });
    out[lang] = r.ok
      ? { spec: r.spec, json: r.json }
      : {
          errors: r.errors.map((e) => [describeError(e, 'zh'), describeError(e, 'en')]),
          json: r.json,
        };
  }
  return JSON.stringify(out);
}

const args = process.argv.slice(2);
const save = args.includes('--save');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '.tmp/outputs-baseline');
if (save) mkdirSync(dir, { recursive: true });
let differ = 0;
for (const c of cases()) {
  const text = await outputsOf(c);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(dir, `${c.name}.json`);
  if (save) {
    writeFileSync(file, text);
    console.log(`saved ${c.name} ${hash}`);
    continue;
  }
  if (!existsSync(file)) {
    console.log(`MISSING ${c.name}`);
    differ++;
    continue;
  }
  const before = readFileSync(file, 'utf8');
  if (before === text) {
    console.log(`same    ${c.name} ${hash}`);
    continue;
  }
  differ++;
  let i = 0;
  while (i < before.length && before[i] === text[i]) i++;
  console.log(`DIFFERS ${c.name} at ${i}:`);
  console.log(`  before …${before.slice(Math.max(0, i - 120), i + 120)}`);
  console.log(`  after  …${text.slice(Math.max(0, i - 120), i + 120)}`);
}
if (!save) console.log(differ === 0 ? 'all outputs identical' : `${differ} case(s) differ`);
process.exit(differ === 0 ? 0 : 1);
