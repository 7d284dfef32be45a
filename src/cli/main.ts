/**
 * The `fenjie` command line: the Node shell around the shared pipeline.
 *
 *   fenjie init FILE [--lang en]
 *   fenjie plan IN.xlsx -o OUT.xlsx [--json FILE] [--as-of YYYY-MM] [--lang en]
 *   fenjie demo [--from JSON] [--out DIR] [--lang en]
 *   fenjie bulletin IN.xlsx -o 通报.docx [--as-of YYYY-MM] [--lang en]
 *   fenjie issue IN.xlsx --out DIR [--lang en]
 *
 * Every failure is one line in the user's language saying what is wrong and what to do (the
 * engine's message catalogue), with an exit code per kind of failure (`EXIT`); a stack trace only
 * with `--debug`. Nothing is written when the workbook has problems, and no output is ever the
 * input.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError, fenjieError, FLAGS, type FenjieError, type Lang } from '../engine';
import {
  openXlsxFile,
  readProblem,
  removeStaleTemps,
  writeFileAtomic,
  writeProblem,
} from '../hosts/xlsx/file';
import { bulletinDocx } from '../hosts/docx/bulletin';
import { issuedWorkbooks } from '../hosts/xlsx/issue';
import { isMacroEnabled, SheetTakenError, writePackage } from '../hosts/xlsx/package';
import { specToNewWorkbook, toXlsxBuffer } from '../hosts/xlsx/write';
import { bulletinOf } from '../workbook/bulletin';
import { FLAG_LABELS, isInputSheetName } from '../workbook/names';
import { fixed } from '../workbook/fixed';
import type { WorkbookGrids } from '../workbook/grid';
import type { WorkbookSpec } from '../workbook/spec';
import { runPipeline, type PipelineResult } from '../workbook/pipeline';
import { exampleWorkbook, inputTemplate, type ExampleData } from '../workbook/template';
import { clock, type Now } from './clock';
import { samePath } from './paths';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_JSON = join(ROOT, 'examples', 'data', 'township-example.json');

/** Exit codes: one per kind of outcome, so scripts can tell them apart. */
export const EXIT = {
  ok: 0,
  /** The workbook has problems (each listed as sheet!cell: message); nothing was written. */
  problems: 1,
  /** The command line itself is wrong: an unknown command or option, a bad option value. */
  usage: 2,
  /** A file could not be read or written (missing, not an .xlsx, a full disk …). */
  files: 3,
  /** A bug: please report it (`--debug` shows the stack). */
  internal: 4,
} as const;

interface Args {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly options: Record<string, string>;
}

/** Options that take no value. */
const FLAGS_WITHOUT_VALUE = new Set(['debug', 'help']);

/** The options each command accepts. */
const KNOWN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  init: ['lang', 'now', 'debug'],
  plan: ['out', 'json', 'as-of', 'lang', 'now', 'debug'],
  demo: ['from', 'out', 'lang', 'now', 'debug'],
  bulletin: ['out', 'as-of', 'lang', 'now', 'debug'],
  issue: ['out', 'lang', 'now', 'debug'],
};

const USAGE = `用法 Usage:
  fenjie init FILE [--lang zh|en]                 写出空白输入模板 / write an empty input template
  fenjie plan IN.xlsx -o OUT.xlsx [--json FILE] [--as-of YYYY-MM] [--lang zh|en]
                                                  分解并计算序时进度 / split targets, compute progress
  fenjie demo [--from JSON] [--out DIR] [--lang zh|en]
                                                  用示例数据生成并计算 / build and plan the bundled example
  fenjie bulletin IN.xlsx -o 通报.docx [--as-of YYYY-MM] [--lang zh|en]
                                                  生成月度通报（Word）/ write the monthly bulletin (Word)
  fenjie issue IN.xlsx --out DIR [--lang zh|en]   按单位下发：每个单位一个工作簿 / one workbook per unit
  --debug                                         出错时显示堆栈 / show the stack trace of an internal error
退出码 Exit codes: 0 成功 ok · 1 工作簿有问题 workbook problems · 2 用法 usage · 3 文件读写 files · 4 内部错误 internal`;

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    // A value that is missing, or is the next option, is left empty for `checkOptions` to refuse.
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) return '';
      i++;
      return next;
    };
    if (a === '-o') options.out = value();
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) options[k] = a.slice(eq + 1);
      else options[k] = FLAGS_WITHOUT_VALUE.has(k) ? 'yes' : value();
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options };
}

/** A failure with its messages and exit code; `main` prints it. */
class Failure extends Error {
  constructor(
    readonly errors: readonly FenjieError[],
    readonly exit: number,
  ) {
    super(errors.map((e) => describeError(e, 'en')).join('; '));
  }
}

const usage = (option: string, value: string, expected: string): Failure =>
  new Failure([fenjieError('BadOption', { option, value, expected })], EXIT.usage);

const missing = (command: string, expected: string): Failure =>
  new Failure([fenjieError('MissingArgument', { command, expected })], EXIT.usage);

function langOf(o: Record<string, string>): Lang {
  const l = o.lang ?? 'zh';
  if (l !== 'zh' && l !== 'en') throw usage('--lang', l, 'zh | en');
  return l;
}

function nowOf(o: Record<string, string>): Now {
  const n = clock(o.now);
  if (n === undefined) throw usage('--now', o.now ?? '', 'YYYY-MM-DD or YYYY-MM-DDTHH:MM');
  return n;
}

function asOf(o: Record<string, string>): { year?: number; reportMonth?: number } {
  const v = o['as-of'];
  if (v === undefined) return {};
  const m = /^(\d{4})-(\d{1,2})$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw usage('--as-of', v, 'YYYY-MM');
  return { year: Number(m[1]), reportMonth: Number(m[2]) };
}

/** What each option's value looks like, for the message when it is missing. */
const OPTION_VALUES: Readonly<Record<string, string>> = {
  out: 'OUT.xlsx / OUT.docx / DIR',
  json: 'FILE.json',
  'as-of': 'YYYY-MM',
  lang: 'zh | en',
  now: 'YYYY-MM-DDTHH:MM',
  from: 'FILE.json',
};

/** How many file names each command takes. */
const POSITIONALS: Readonly<Record<string, number>> = {
  init: 1,
  plan: 1,
  demo: 0,
  bulletin: 1,
  issue: 1,
};

function checkOptions(command: string, args: Args): void {
  const { options, positional } = args;
  const known = KNOWN_OPTIONS[command] ?? [];
  const extra = positional[POSITIONALS[command] ?? 0];
  if (extra !== undefined) {
    throw new Failure([fenjieError('UnexpectedArgument', { command, value: extra })], EXIT.usage);
  }
  for (const [k, v] of Object.entries(options)) {
    if (v === '' && known.includes(k)) {
      throw missing(k === 'out' ? '-o' : `--${k}`, OPTION_VALUES[k] ?? 'VALUE');
    }
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) {
      const option = k === 'out' ? '-o' : `--${k}`;
      const list = known.map((o) => (o === 'out' && command === 'plan' ? '-o' : `--${o}`));
      throw new Failure(
        [fenjieError('UnknownOption', { option, known: list.join(' ') })],
        EXIT.usage,
      );
    }
  }
}

/** Writes `bytes` to `path` atomically, first clearing what killed runs left there. */
async function writeOut(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await removeStaleTemps(path);
    await writeFileAtomic(path, bytes);
  } catch (error) {
    const problem = writeProblem(error, path);
    if (problem === undefined) throw error;
    throw new Failure([problem], EXIT.files);
  }
}

/** Refuses an output that is the input, and the workbook and JSON to one file. */
async function checkPaths(input: string, output: string, json: string | undefined): Promise<void> {
  for (const path of json === undefined ? [output] : [output, json]) {
    if (await samePath(path, input)) {
      throw new Failure([fenjieError('OutputIsInput', { path, input })], EXIT.files);
    }
  }
  if (json !== undefined && (await samePath(json, output))) {
    throw new Failure([fenjieError('OutputTwice', { path: json })], EXIT.files);
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The workbook's problems, one per line, under a line saying that nothing was written. */
function reportProblems(
  errors: readonly FenjieError[],
  what: 'outputs' | 'bulletin',
  lang: Lang,
  io: Io,
): void {
  const n = errors.length;
  io.err(
    what === 'outputs'
      ? lang === 'zh'
        ? `发现 ${n} 个问题，未写出结果：`
        : `${n} problem(s) found; nothing written:`
      : lang === 'zh'
        ? `发现 ${n} 个问题，未写出通报：`
        : `${n} problem(s) found; no bulletin written:`,
  );
  for (const e of errors) io.err(`  ${describeError(e, lang)}`);
}

/** The input sheets of a workbook file (only those: a plan reads nothing else, and earlier outputs can be large). */
async function openInputs(input: string): Promise<{ bytes: Uint8Array; grids: WorkbookGrids }> {
  const opened = await openXlsxFile(input, { sheets: isInputSheetName });
  if (!opened.ok) throw new Failure(opened.errors, EXIT.files);
  return opened.value;
}

/** The input sheets planned for this run's today, language and (`--as-of`) period. */
const planGrids = (
  grids: WorkbookGrids,
  o: Record<string, string>,
  period: { year?: number; reportMonth?: number },
): PipelineResult => {
  const now = nowOf(o);
  return runPipeline(grids, {
    today: now.today,
    generatedAt: now.stamp,
    lang: langOf(o),
    ...period,
  });
};

/**
 * Plans one workbook file; returns the exit code. Problems in the workbook: the JSON (if asked
 * for) lists them, and no workbook is written. Throws `Failure` for files and options.
 */
export async function planFile(
  input: string,
  output: string,
  o: Record<string, string>,
  io: Io,
): Promise<{ code: number }> {
  const lang = langOf(o);
  await checkPaths(input, output, o.json);
  const planned = await planInput(input, output, o, io);
  if (!planned) return { code: EXIT.problems };
  // Only the package and the sheet description are held while writing: the grids, the model
  // and the plan are garbage by now (a county's are large).
  await writeOut(output, await outputBytes(planned.bytes, planned.spec));
  io.out(planned.summary);
  io.out(lang === 'zh' ? `已写出 ${output}` : `Wrote ${output}`);
  return { code: EXIT.ok };
}

/**
 * Reads and plans the input, writes the JSON if asked for and reports problems; returns what
 * writing the output needs, or nothing when the workbook has problems.
 */
async function planInput(
  input: string,
  output: string,
  o: Record<string, string>,
  io: Io,
): Promise<{ bytes: Uint8Array; spec: WorkbookSpec; summary: string } | undefined> {
  const lang = langOf(o);
  const { bytes, grids } = await openInputs(input);
  await checkExtension(input, bytes, output);
  const result = planGrids(grids, o, asOf(o));
  if (o.json !== undefined) {
    await writeOut(o.json, new TextEncoder().encode(JSON.stringify(result.json, null, 2) + '\n'));
  }
  if (!result.ok) {
    reportProblems(result.errors, 'outputs', lang, io);
    return undefined;
  }
  return { bytes, spec: result.spec, summary: summaryText(result, lang) };
}

/**
 * Writes the monthly bulletin of one workbook file as a Word document; returns the exit code.
 * The workbook is planned as `plan` plans it (its input sheets only); nothing is written to it.
 */
export async function bulletinFile(
  input: string,
  output: string,
  o: Record<string, string>,
  io: Io,
): Promise<{ code: number; result?: PipelineResult }> {
  const lang = langOf(o);
  const period = asOf(o);
  await checkPaths(input, output, undefined);
  const result = planGrids((await openInputs(input)).grids, o, period);
  if (!result.ok) {
    reportProblems(result.errors, 'bulletin', lang, io);
    return { code: EXIT.problems, result };
  }
  const b = bulletinOf(result.plan, result.round, result.read.input, lang);
  await writeOut(output, await bulletinDocx(b));
  io.out(b.title);
  io.out(lang === 'zh' ? `已写出 ${output}` : `Wrote ${output}`);
  return { code: EXIT.ok, result };
}

/**
 * The input package with the outputs written into it. A sheet of the user's that has an output's
 * name is a problem with the workbook: it is named, and nothing is written.
 */
async function outputBytes(input: Uint8Array, spec: WorkbookSpec): Promise<Uint8Array> {
  try {
    return await writePackage(input, spec);
  } catch (error) {
    if (!(error instanceof SheetTakenError)) throw error;
    throw new Failure(error.errors, EXIT.problems);
  }
}

/**
 * Refuses an output name Excel would not open the package under: an .xlsm input (macros) must
 * go to an .xlsm name, and a plain workbook must not.
 */
async function checkExtension(input: string, bytes: Uint8Array, output: string): Promise<void> {
  const xlsm = extname(output).toLowerCase() === '.xlsm';
  const macros = await isMacroEnabled(bytes);
  if (xlsm === macros) return;
  const expected = macros ? '.xlsm' : '.xlsx';
  throw new Failure(
    [fenjieError('OutputExtension', { path: output, input, expected })],
    EXIT.files,
  );
}

/** A short per-indicator summary for the terminal. */
export function summaryText(r: Extract<PipelineResult, { ok: true }>, lang: Lang): string {
  const pct = (v: number | null): string => (v === null ? '—' : `${fixed(v * 100, 1)}%`);
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

async function init(
  positional: readonly string[],
  options: Record<string, string>,
  io: Io,
): Promise<number> {
  const file = positional[0];
  if (!file) throw missing('init', 'FILE');
  const lang = langOf(options);
  const wb = specToNewWorkbook(inputTemplate(lang, nowOf(options).today.y));
  await writeOut(file, await toXlsxBuffer(wb));
  io.out(lang === 'zh' ? `已写出输入模板 ${file}` : `Wrote the input template ${file}`);
  return EXIT.ok;
}

/** The example's JSON, checked for the parts `demo` builds its workbook from. */
function exampleData(text: string, path: string): ExampleData {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Failure([fenjieError('FileNotExampleData', { path, detail })], EXIT.files);
  }
  const parts = ['settings', 'targets', 'enterprises', 'constraints', 'profiles', 'actuals'];
  const lacking = parts.filter((k) => typeof data !== 'object' || data === null || !(k in data));
  if (lacking.length > 0) {
    const detail = `lacks ${lacking.join(', ')}`;
    throw new Failure([fenjieError('FileNotExampleData', { path, detail })], EXIT.files);
  }
  return data as ExampleData;
}

async function demo(options: Record<string, string>, io: Io): Promise<number> {
  const lang = langOf(options);
  const dir = options.out ?? join(ROOT, 'examples');
  const from = options.from ?? EXAMPLE_JSON;
  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (error) {
    const problem = readProblem(error, from);
    if (problem === undefined) throw error;
    throw new Failure([problem], EXIT.files);
  }
  const data = exampleData(text, from);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const problem = writeProblem(error, dir);
    if (problem === undefined) throw error;
    throw new Failure([problem], EXIT.files);
  }
  const suffix = lang === 'zh' ? '' : '-en';
  const inFile = join(dir, `township-example${suffix}.xlsx`);
  const outFile = join(dir, `township-example-plan${suffix}.xlsx`);
  await writeOut(inFile, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, lang))));
  io.out(lang === 'zh' ? `示例输入：${inFile}` : `Example input: ${inFile}`);
  const json = outFile.replace(/\.xlsx$/, '.json');
  return (await planFile(inFile, outFile, { ...options, json }, io)).code;
}

/**
 * 下发: plans the area's workbook, then writes one input workbook per unit into `dir` (issue.ts:
 * its part as its target, its enterprises and their data, the bands that make it split to the
 * area's parts). Problems in the workbook: listed, nothing written.
 */
async function issueFiles(
  positional: readonly string[],
  options: Record<string, string>,
  io: Io,
): Promise<number> {
  const input = positional[0];
  const dir = options.out;
  if (!input || !dir) throw missing('issue', 'IN.xlsx --out DIR');
  const lang = langOf(options);
  const result = planGrids((await openInputs(input)).grids, options, {});
  if (!result.ok) {
    reportProblems(result.errors, 'outputs', lang, io);
    return EXIT.problems;
  }
  const area = result.read.input;
  const units = area.units ?? [];
  if (units.length === 0)
    throw new Failure([fenjieError('NoUnits', { path: input })], EXIT.problems);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const problem = writeProblem(error, dir);
    if (problem === undefined) throw error;
    throw new Failure([problem], EXIT.files);
  }
  for await (const w of issuedWorkbooks(area, result.plan, lang)) {
    const file = join(dir, w.file);
    await writeOut(file, w.bytes);
    io.out(lang === 'zh' ? `已写出 ${w.unit}：${file}` : `Wrote ${w.unit}: ${file}`);
  }
  return EXIT.ok;
}

async function run(args: Args, io: Io): Promise<number> {
  const { command, positional, options } = args;
  if (command === undefined || command === 'help' || options.help !== undefined) {
    io.err(USAGE);
    return EXIT.ok;
  }
  if (KNOWN_OPTIONS[command] === undefined) {
    throw new Failure([fenjieError('UnknownCommand', { command })], EXIT.usage);
  }
  checkOptions(command, args);
  switch (command) {
    case 'init':
      return init(positional, options, io);
    case 'plan': {
      const input = positional[0];
      if (!input || !options.out) throw missing('plan', 'IN.xlsx -o OUT.xlsx');
      return (await planFile(input, options.out, options, io)).code;
    }
    case 'bulletin': {
      const input = positional[0];
      if (!input || !options.out) throw missing('bulletin', 'IN.xlsx -o 通报.docx');
      return (await bulletinFile(input, options.out, options, io)).code;
    }
    case 'issue':
      return issueFiles(positional, options, io);
    default:
      return demo(options, io);
  }
}

/** Runs one command; never throws: every failure is printed as messages and an exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  const lang: Lang = args.options.lang === 'en' ? 'en' : 'zh';
  try {
    return await run(args, io);
  } catch (e) {
    if (e instanceof Failure) {
      for (const error of e.errors) io.err(describeError(error, lang));
      if (e.exit === EXIT.usage) io.err(`\n${USAGE}`);
      return e.exit;
    }
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(describeError(fenjieError('InternalError', { detail: detail.slice(0, 300) }), lang));
    if (args.options.debug !== undefined && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT.internal;
  }
}
