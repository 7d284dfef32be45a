/**
 * The real-browser harness of the task pane tests: build the pane (production, office.js local),
 * serve it from 127.0.0.1, drive Debian Chromium with playwright-core, and refuse every request
 * that leaves the machine (recording it, so a test can assert there were none).
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { planFile } from '../../src/cli/main';
import { readWorkbook } from '../../src/hosts/xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import type { SheetGrid } from '../../src/workbook/grid';
import { exampleWorkbook } from '../../src/workbook/template';
import { EXAMPLE } from '../helpers/variants';

/** The repository's root. */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless flags: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The fixed clock of every test run (the CLI gets the same `--now`). */
export const NOW = '2025-09-03T10:30';
/** Where the screenshots go. */
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** Runs a command; rejects with its output when it fails. */
function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(out)
        : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

/**
 * Builds the pane for production into `outDir`: with office.js copied locally by default, or with
 * the build variables in `env` (e.g. `FENJIE_URL`).
 */
export async function buildPane(
  outDir: string,
  env: NodeJS.ProcessEnv = { FENJIE_OFFICE_JS: 'local' },
): Promise<void> {
  await run(
    process.execPath,
    [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'],
    { ...process.env, ...env, FENJIE_DIST: outDir },
  );
}

/** The add-in's URL in the shared production build (it changes only the manifest). */
export const PRODUCTION_URL = 'https://fenjie.example.gov.cn/addin/';

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The production build of the pane shared by the test files of one run (the pane in Chromium and
 * the manifest checks), so a run builds it once: office.js copied locally, the manifest pointing
 * at PRODUCTION_URL. The first file to ask builds it into `dir` (Vitest's `paneBuildDir`, see
 * tests/global-setup.ts); the others wait for it, or for its failure. Returns the build directory.
 */
export async function sharedPaneBuild(dir: string): Promise<string> {
  const dist = join(dir, 'dist');
  const done = join(dir, 'done');
  const failed = join(dir, 'failed');
  const building = await mkdir(join(dir, 'lock')).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (building) {
    try {
      await buildPane(dist, { FENJIE_OFFICE_JS: 'local', FENJIE_URL: PRODUCTION_URL });
    } catch (error) {
      await writeFile(failed, String(error));
      throw error;
    }
    await writeFile(done, '');
    return dist;
  }
  for (;;) {
    if (await exists(done)) return dist;
    if (await exists(failed))
      throw new Error(`the shared pane build failed:\n${await readFile(failed, 'utf8')}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static server for `dir` on 127.0.0.1 at a random port. */
export async function serve(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const root = resolve(dir);
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      (error: NodeJS.ErrnoException) => {
        res.writeHead(error.code === 'ENOENT' ? 404 : 500).end();
      },
    );
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolvePromise, reject) =>
        server.close((e) => (e ? reject(e) : resolvePromise())),
      ),
  };
}

/** Launches Debian Chromium headless. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** A page of the pane with what it asked the network for. */
export interface PaneSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests refused because they were not for 127.0.0.1. */
  readonly blocked: string[];
  /** Paths of the local requests made. */
  readonly requests: string[];
  /** Console errors and uncaught page errors. */
  readonly errors: string[];
}

/** A new context (420×900, locale) with every non-local request refused and recorded. */
export async function openSession(browser: Browser, locale: string): Promise<PaneSession> {
  const context = await browser.newContext({
    viewport: { width: 420, height: 900 },
    locale,
    timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
    acceptDownloads: true,
    colorScheme: 'light',
  });
  const blocked: string[] = [];
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      requests.push(url.pathname);
      return route.continue();
    }
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, blocked, requests, errors };
}

/** The township example's input workbook and the CLI's plan of it, written into `dir`. */
export async function exampleFiles(dir: string): Promise<{ input: string; cliOutput: string }> {
  const data = EXAMPLE;
  const input = join(dir, 'township-example.xlsx');
  const cliOutput = join(dir, 'township-example-cli.xlsx');
  await writeFile(input, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, 'zh'))));
  const lines: string[] = [];
  const { code } = await planFile(
    input,
    cliOutput,
    { now: NOW },
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
  );
  if (code !== 0) throw new Error(`the CLI failed on the example:\n${lines.join('\n')}`);
  return { input, cliOutput };
}

/** A workbook with one empty sheet (no input sheets at all). */
export async function emptyWorkbookFile(dir: string): Promise<string> {
  const file = join(dir, 'empty.xlsx');
  await writeFile(
    file,
    await toXlsxBuffer(
      specToNewWorkbook({ sheets: [{ name: 'Sheet1', rows: [[{ v: '备注' }]] }] }),
    ),
  );
  return file;
}

/** Every sheet's grid of an .xlsx file's bytes, by name. */
export async function sheetsOf(bytes: Uint8Array): Promise<Map<string, SheetGrid>> {
  const { grids } = await readWorkbook(bytes);
  return new Map(grids.sheets.map((s) => [s.name, s]));
}

/** Gzipped size of a file, in bytes. */
export async function gzipSize(file: string): Promise<number> {
  const { gzipSync } = await import('node:zlib');
  return gzipSync(await readFile(file), { level: 9 }).byteLength;
}
