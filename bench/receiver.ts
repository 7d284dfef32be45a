/**
 * Receiver benchmark: what the workbook `fenjie plan` writes costs whoever opens it. For the
 * synthetic township (8 indicators, 12 months × 2 years of cumulative actuals) at 500 and 2,000
 * enterprises (and 5,000 with `--receiver-5000`; monthly actuals, 实绩口径 当月, with
 * `--receiver-monthly`), it plans the input with the CLI's `planFile`,
 * then times LibreOffice headless on the output twice, with the same conversion (`--convert-to
 * csv`, which writes only the active sheet and so adds little beyond loading):
 *
 * - recalc: the output as written, in a profile that recalculates every formula on load
 *   (tests/helpers/libreoffice.ts; one profile for all runs, started once untimed, so no run pays
 *   for a profile's first start), so the time is load + full recalculation;
 * - values: the same package with every cell formula removed and its cached value kept (sheet XML
 *   rewritten part by part; nothing else in the package changes), so the time is load alone.
 *
 * It prints both, their ratio at each size, recalc at 2,000 over recalc at 500 (goals: ≤ 5 and
 * recalc/values at 2,000 ≤ 3), the output's size and its formula count, and the time soffice takes
 * on a tiny file (its start-up, in every figure). It only plans and opens files, so it needs no
 * change when the renderer does. One run of each (wall clock), sizes in turn; each soffice run is
 * killed after 10 minutes (`--receiver-timeout-min=N` to change) and reported as timed out.
 * Times are soffice's CPU time (user + system, its children included), which a shared machine
 * disturbs far less than the wall clock, printed beside it; the ratios are of CPU time. Needs
 * `soffice` and `bash` on PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { planFile } from '../src/cli/main';
import { writeFileAtomic } from '../src/hosts/xlsx/file';
import { entryData, zipEntries, zipEntryText } from '../src/hosts/xlsx/unzip';
import { buildZip, deflateText, type OutEntry } from '../src/hosts/xlsx/zipWrite';
import { specToNewWorkbook, toXlsxBuffer } from '../src/hosts/xlsx/write';
import { exampleWorkbook } from '../src/workbook/template';
import { freshProfile, hasLibreOffice } from '../tests/helpers/libreoffice';
import { SYNTHETIC_INDICATORS, syntheticData } from '../tests/helpers/synthetic';

export const RECEIVER_SIZES = [500, 2_000] as const;
/** Added with this flag: at 5,000 a recalculation takes longer than the rest of the bench. */
export const RECEIVER_LARGE_FLAG = '--receiver-5000';
export const RECEIVER_LARGE = 5_000;
export const RECEIVER_MONTHS = 12;
export const RECEIVER_TIMEOUT_MS = 10 * 60_000;
/** With this flag the actuals are read as monthly figures (实绩口径 当月), summed over months. */
export const RECEIVER_MONTHLY_FLAG = '--receiver-monthly';
const monthlyBasis = (): boolean => process.argv.includes(RECEIVER_MONTHLY_FLAG);
/** The report month the plan is run for: every month of the year has actuals. */
const AS_OF = '2025-12';
const NOW = '2026-01-05T10:30';

export interface ReceiverRow {
  readonly enterprises: number;
  readonly outputBytes: number;
  /** Cell formulas in the output (each `<f>` element, shared-formula members included). */
  readonly formulas: number;
  readonly valuesBytes: number;
  readonly planMs: number;
  /** undefined: timed out. */
  readonly recalc: Timing | undefined;
  readonly values: Timing | undefined;
}

export interface ReceiverResult {
  /** soffice converting a tiny workbook: start-up, part of every figure. */
  readonly startup: Timing | undefined;
  readonly rows: readonly ReceiverRow[];
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const FORMULA = /<f\b[^>]*\/>|<f\b[^>]*>[^<]*<\/f>/g;

/**
 * The package at `input` with every cell formula removed and its cached value (`<v>`) kept; the
 * calculation chain, if any, is dropped with its references. Returns the formulas removed.
 */
export async function valuesCopy(input: string, output: string): Promise<number> {
  const zip = new Uint8Array(await readFile(input));
  const entries = zipEntries(zip);
  if (!entries) throw new Error(`${input} is not a zip this reader understands`);
  let formulas = 0;
  const out: OutEntry[] = [];
  for (const [name, entry] of entries) {
    if (name === 'xl/calcChain.xml') continue;
    const rewrite = (text: string): string => {
      if (WORKSHEET.test(name))
        return text.replace(FORMULA, () => {
          formulas++;
          return '';
        });
      if (name === '[Content_Types].xml')
        return text.replace(/<Override[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/g, '');
      if (name === 'xl/_rels/workbook.xml.rels')
        return text.replace(/<Relationship[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/g, '');
      return text;
    };
    const editable =
      WORKSHEET.test(name) ||
      name === '[Content_Types].xml' ||
      name === 'xl/_rels/workbook.xml.rels';
    if (editable) {
      const text = await zipEntryText(zip, entries, name);
      if (text === undefined) throw new Error(`cannot read ${name} of ${input}`);
      const d = await deflateText([rewrite(text)]);
      out.push({
        ...entry,
        method: 8,
        crc: d.crc,
        uncompressedSize: d.uncompressedSize,
        data: d.data,
      });
    } else {
      const data = entryData(zip, entry);
      if (!data) throw new Error(`cannot copy ${name} of ${input}`);
      out.push({ ...entry, data: [data] });
    }
  }
  await writeFile(output, buildZip(out));
  return formulas;
}

/** One soffice run: wall clock and the CPU time of soffice and its children, ms. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** `times`'s "1m2.345s" as ms. */
const timesMs = (t: string): number => {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
};

/**
 * soffice converting `path` to CSV in the recalculating profile (the arguments of
 * tests/helpers/libreoffice.ts's `convert`), run under bash so that `times` gives the CPU time
 * soffice used; undefined if it was killed at the timeout.
 */
async function timeOpen(
  path: string,
  outDir: string,
  profile: string,
): Promise<Timing | undefined> {
  await mkdir(outDir, { recursive: true });
  const csv = join(outDir, `${basename(path, extname(path))}.csv`);
  await rm(csv, { force: true });
  const args = [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--norestore',
    '--nolockcheck',
    '--nodefault',
    '--nofirststartwizard',
    '--convert-to',
    'csv',
    '--outdir',
    resolve(outDir),
    resolve(path),
  ];
  const t0 = performance.now();
  const child = spawn('bash', ['-c', 'soffice "$@" >&2; rc=$?; times; exit $rc', 'bash', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const killed = { timedOut: false };
  const timer = setTimeout(() => {
    killed.timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs());
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  }).finally(() => clearTimeout(timer));
  const wallMs = performance.now() - t0;
  if (killed.timedOut) return undefined;
  if (code !== 0 || !existsSync(csv))
    throw new Error(`soffice --convert-to csv failed on ${path} (exit ${code}): ${stderr.trim()}`);
  // `times`: the shell's own user and system time, then its children's.
  const [user = '', sys = ''] = (stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/);
  return { wallMs, cpuMs: timesMs(user) + timesMs(sys) };
}

/** The soffice timeout: `--receiver-timeout-min=N`, else RECEIVER_TIMEOUT_MS. */
function timeoutMs(): number {
  const flag = process.argv.find((a) => a.startsWith('--receiver-timeout-min='));
  const min = flag === undefined ? NaN : Number(flag.split('=')[1]);
  return Number.isFinite(min) && min > 0 ? min * 60_000 : RECEIVER_TIMEOUT_MS;
}

async function inputFile(path: string, n: number): Promise<void> {
  const cumulative = syntheticData(n, SYNTHETIC_INDICATORS, { months: RECEIVER_MONTHS });
  const data = monthlyBasis()
    ? { ...cumulative, settings: { ...cumulative.settings, actualsBasis: 'monthly' as const } }
    : cumulative;
  await writeFileAtomic(path, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, 'zh'))));
}

async function receiverRow(dir: string, profile: string, n: number): Promise<ReceiverRow> {
  const input = join(dir, `input-${n}.xlsx`);
  await inputFile(input, n);
  const planned = join(dir, 'recalc', `plan-${n}.xlsx`);
  const values = join(dir, 'values', `plan-${n}.xlsx`);
  const quiet = { out: () => {}, err: (l: string) => console.error(l) };
  const t0 = performance.now();
  const r = await planFile(input, planned, { now: NOW, 'as-of': AS_OF }, quiet);
  const planMs = performance.now() - t0;
  if (r.code !== 0) throw new Error(`plan failed on the ${n}-enterprise benchmark input`);
  const formulas = await valuesCopy(planned, values);
  const recalc = await timeOpen(planned, join(dir, 'out'), profile);
  const valuesTiming = await timeOpen(values, join(dir, 'out'), profile);
  return {
    enterprises: n,
    outputBytes: (await stat(planned)).size,
    valuesBytes: (await stat(values)).size,
    formulas,
    planMs,
    recalc,
    values: valuesTiming,
  };
}

export async function benchReceiver(
  sizes: readonly number[] = process.argv.includes(RECEIVER_LARGE_FLAG)
    ? [...RECEIVER_SIZES, RECEIVER_LARGE]
    : RECEIVER_SIZES,
): Promise<ReceiverResult | undefined> {
  if (!hasLibreOffice()) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'fenjie-bench-receiver-'));
  // One profile for every run: its first start (seconds) is taken once, untimed.
  const profile = await freshProfile();
  try {
    await mkdir(join(dir, 'recalc'));
    await mkdir(join(dir, 'values'));
    const tiny = join(dir, 'tiny.xlsx');
    await inputFile(tiny, 5);
    await timeOpen(tiny, join(dir, 'out'), profile);
    const startup = await timeOpen(tiny, join(dir, 'out'), profile);
    const rows: ReceiverRow[] = [];
    for (const n of sizes) rows.push(await receiverRow(dir, profile, n));
    return { startup, rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
}

export function printReceiver(r: ReceiverResult | undefined): void {
  if (!r) {
    console.log('receiver: skipped, LibreOffice (soffice) is not on PATH');
    return;
  }
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const t = (x: Timing | undefined): string =>
    x === undefined ? 'timed out' : `${sec(x.cpuMs)} / ${sec(x.wallMs)}`;
  const ratio = (a: Timing | undefined, b: Timing | undefined): string =>
    a === undefined || b === undefined
      ? 'n/a (timed out)'
      : `${(a.cpuMs / b.cpuMs).toFixed(1)} (wall ${(a.wallMs / b.wallMs).toFixed(1)})`;
  const MB = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  console.log(
    `receiver: LibreOffice headless opening plan's output (${SYNTHETIC_INDICATORS} indicators, ${RECEIVER_MONTHS} months × 2 years of ${monthlyBasis() ? 'monthly' : 'cumulative'} actuals), --convert-to csv; times are soffice CPU / wall clock`,
  );
  console.log(`  soffice on a tiny file (start-up, in every figure): ${t(r.startup)}`);
  for (const x of r.rows) {
    console.log(
      `  ${x.enterprises} enterprises: output ${MB(x.outputBytes)}, ${x.formulas} formulas (values copy ${MB(x.valuesBytes)}); plan ${sec(x.planMs)}`,
    );
    console.log(
      `    recalc on load ${t(x.recalc)}; values only ${t(x.values)}; recalc/values ${ratio(x.recalc, x.values)}`,
    );
  }
  const at = (n: number): ReceiverRow | undefined => r.rows.find((x) => x.enterprises === n);
  const small = at(500);
  const mid = at(2_000);
  const large = at(RECEIVER_LARGE);
  if (small && mid) {
    console.log(
      `receiver: recalc(2000) / recalc(500) = ${ratio(mid.recalc, small.recalc)} (goal <= 5; 4 = linear)`,
    );
    console.log(
      `receiver: recalc(2000) / values(2000) = ${ratio(mid.recalc, mid.values)} (goal <= 3)`,
    );
  }
  if (mid && large)
    console.log(
      `receiver: recalc(5000) / recalc(2000) = ${ratio(large.recalc, mid.recalc)} (2.5 = linear)`,
    );
  if (!large)
    console.log(`  (5,000 enterprises: npm run bench -- receiver ${RECEIVER_LARGE_FLAG})`);
  if (!monthlyBasis())
    console.log(
      `  (monthly actuals, 实绩口径 当月: npm run bench -- receiver ${RECEIVER_MONTHLY_FLAG})`,
    );
}
