/**
 * The `fenjie` command line: the Node shell around the shared pipeline.
 *
 *   fenjie init FILE [--lang en]
 *   fenjie plan IN.xlsx -o OUT.xlsx [--json FILE] [--as-of YYYY-MM] [--lang en]
 *   fenjie demo [--from JSON] [--out DIR] [--lang en]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, FLAGS, type Lang } from '../engine';
import { readXlsxFile, writeFileAtomic } from '../hosts/xlsx/file';
import { applySpec, specToNewWorkbook, toXlsxBuffer } from '../hosts/xlsx/write';
import { FLAG_LABELS } from '../workbook/names';
import { runPipeline, type PipelineResult } from '../workbook/pipeline';
import { exampleWorkbook, inputTemplate, type ExampleData } from '../workbook/template';
import { clock } from './clock';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_JSON = join(ROOT, 'examples', 'data', 'township-example.json');

interface Args {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly options: Record<string, string>;
}

const USAGE = `用法 Usage:
  fenjie init FILE [--lang zh|en]                 写出空白输入模板 / write an empty input template
  fenjie plan IN.xlsx -o OUT.xlsx [--json FILE] [--as-of YYYY-MM] [--lang zh|en]
                                                  分解并计算序时进度 / split targets, compute progress
  fenjie demo [--from JSON] [--out DIR] [--lang zh|en]
                                                  用示例数据生成并计算 / build and plan the bundled example`;

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-o') options.out = argv[++i] ?? '';
    else if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      options[k] = v ?? argv[++i] ?? '';
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options };
}

class UsageError extends Error {}

function langOf(o: Record<string, string>): Lang {
  const l = o.lang ?? 'zh';
  if (l !== 'zh' && l !== 'en') throw new UsageError(`--lang must be zh or en, not ${l}`);
  return l;
}

function asOf(o: Record<string, string>): { year?: number; reportMonth?: number } {
  if (o['as-of'] === undefined) return {};
  const m = /^(\d{4})-(\d{1,2})$/.exec(o['as-of']);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new UsageError(`--as-of must be YYYY-MM, not ${o['as-of']}`);
  return { year: Number(m[1]), reportMonth: Number(m[2]) };
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Plans one workbook file; returns the exit code. Errors → no output file. */
export async function planFile(
  input: string,
  output: string,
  o: Record<string, string>,
  io: Io,
): Promise<{ code: number; result?: PipelineResult }> {
  const lang = langOf(o);
  const { workbook, grids } = await readXlsxFile(input);
  const now = clock(o.now);
  const result = runPipeline(grids, { today: now.today, generatedAt: now.stamp, lang, ...asOf(o) });
  if (o.json) await writeFile(o.json, JSON.stringify(result.json, null, 2) + '\n');
  if (!result.ok) {
    io.err(
      lang === 'zh'
        ? `发现 ${result.errors.length} 个问题，未写出结果：`
        : `${result.errors.length} problem(s) found; nothing written:`,
    );
    for (const e of result.errors) io.err(`  ${describeError(e, lang)}`);
    return { code: 1, result };
  }
  applySpec(workbook, result.spec);
  await writeFileAtomic(output, await toXlsxBuffer(workbook));
  io.out(summaryText(result, lang));
  io.out(lang === 'zh' ? `已写出 ${output}` : `Wrote ${output}`);
  return { code: 0, result };
}

/** A short per-indicator summary for the terminal. */
export function summaryText(r: Extract<PipelineResult, { ok: true }>, lang: Lang): string {
  const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const lines = [
    lang === 'zh'
      ? `${r.plan.year}年1-${r.plan.reportMonth}月，序时进度 ${pct(r.plan.schedule)}`
      : `${r.plan.year}, months 1-${r.plan.reportMonth}: time schedule ${pct(r.plan.schedule)}`,
  ];
  for (const p of r.plan.progress) {
    const a = p.area;
    const counts = FLAGS.map((f) => `${FLAG_LABELS[f][lang]} ${p.counts[f]}`).join(' · ');
    lines.push(
      `  ${p.indicator}: ${pct(a.completion ?? a.yoy)} ${FLAG_LABELS[a.flag][lang]} (${counts})`,
    );
  }
  return lines.join('\n');
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const { command, positional, options } = parseArgs(argv);
  try {
    switch (command) {
      case 'init': {
        const file = positional[0];
        if (!file) throw new UsageError('init needs a FILE');
        const lang = langOf(options);
        const wb = specToNewWorkbook(inputTemplate(lang, clock(options.now).today.y));
        await writeFileAtomic(file, await toXlsxBuffer(wb));
        io.out(lang === 'zh' ? `已写出输入模板 ${file}` : `Wrote the input template ${file}`);
        return 0;
      }
      case 'plan': {
        const input = positional[0];
        if (!input || !options.out) throw new UsageError('plan needs IN.xlsx and -o OUT.xlsx');
        return (await planFile(input, options.out, options, io)).code;
      }
      case 'demo': {
        const lang = langOf(options);
        const dir = options.out ?? join(ROOT, 'examples');
        const data = JSON.parse(
          await readFile(options.from ?? EXAMPLE_JSON, 'utf8'),
        ) as ExampleData;
        await mkdir(dir, { recursive: true });
        const inFile = join(
          dir,
          lang === 'zh' ? 'township-example.xlsx' : 'township-example-en.xlsx',
        );
        const outFile = join(
          dir,
          lang === 'zh' ? 'township-example-plan.xlsx' : 'township-example-plan-en.xlsx',
        );
        await writeFileAtomic(
          inFile,
          await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, lang))),
        );
        io.out(lang === 'zh' ? `示例输入：${inFile}` : `Example input: ${inFile}`);
        const json = outFile.replace(/\.xlsx$/, '.json');
        return (await planFile(inFile, outFile, { ...options, json }, io)).code;
      }
      default:
        io.err(USAGE);
        return command === undefined || command === 'help' || options.help !== undefined ? 0 : 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
