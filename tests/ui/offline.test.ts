/**
 * The single offline file (dist/分解.html, issue 12): the browser file mode in one page, opened
 * from file:// with every request refused, in Debian Chromium and, when Debian's firefox-esr is
 * installed, in Firefox over WebDriver BiDi. It plans the township example and the downloaded
 * workbook must hold what `fenjie plan` writes for the same input, cell for cell on every sheet.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  chromium,
  firefox,
  type Browser,
  type BrowserContext,
  type Download,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  exampleFiles,
  gzipSize,
  NOW,
  ROOT,
  SCREENSHOTS,
  sharedPaneBuild,
  sheetsOf,
} from './harness';

/** Debian's Firefox ESR (`apt-get install firefox-esr`); its test is skipped without it. */
const FIREFOX = '/usr/bin/firefox-esr';
const SHIM = join(ROOT, 'tests', 'ui', 'firefox-bidi-shim.mjs');
const WAIT = { timeout: 60_000 };
/** Schemes a page that loads nothing may still use: itself, and what it makes in memory. */
const LOCAL_SCHEMES = ['file:', 'data:', 'blob:'];

let dir: string;
let dist: string;
let example: { input: string; cliOutput: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fenjie-offline-'));
  [example, dist] = await Promise.all([exampleFiles(dir), sharedPaneBuild(inject('paneBuildDir'))]);
}, 400_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What a page of the offline file asked for and said. */
interface Recorded {
  readonly requests: string[];
  readonly errors: string[];
}

/**
 * A context whose every request is recorded and every request not for file:, data: or blob: is
 * refused (a route sees only network requests; the recorder sees all of them).
 */
async function recordingContext(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; recorded: Recorded }> {
  const context = await browser.newContext({
    viewport: { width: 760, height: 1000 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const recorded: Recorded = { requests: [], errors: [] };
  context.on('request', (r) => recorded.requests.push(r.url()));
  await context.route('**', (route) =>
    LOCAL_SCHEMES.includes(new URL(route.request().url()).protocol)
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  page.on('console', (m) => {
    if (m.type() === 'error') recorded.errors.push(m.text());
  });
  page.on('pageerror', (e) => recorded.errors.push(String(e)));
  page.on('websocket', (ws) => recorded.requests.push(ws.url()));
  return { context, page, recorded };
}

/**
 * Opens dist/分解.html from file:// with the fixed clock, plans the example and downloads the
 * result; checks what the pane shows on the way. Returns the download and the time to first
 * render (the pane's first commit, from navigation start).
 */
async function planOffline(
  page: Page,
  screenshot?: string,
): Promise<{ name: string; bytes: Uint8Array; firstRender: number; resources: string[] }> {
  const url = `${pathToFileURL(join(dist, '分解.html')).href}?now=${NOW}`;
  await page.goto(url);
  const app = page.getByTestId('app');
  await app.waitFor();
  const firstRender = await page.evaluate(
    () => performance.getEntriesByName('fenjie:first-render')[0]?.startTime ?? -1,
  );
  // The page's language is the browser's; a browser not in Chinese gets the toggle.
  if ((await app.getAttribute('data-lang')) === 'en')
    await page.getByRole('button', { name: '切换到中文界面' }).click();
  await expect.poll(() => app.getAttribute('data-lang'), WAIT).toBe('zh');
  await expect
    .poll(() => page.getByTestId('offline-note').innerText(), WAIT)
    .toContain('不会离开这台电脑');

  await page.getByTestId('file-input').setInputFiles(example.input);
  await page.getByTestId('file-name').filter({ hasText: 'township-example.xlsx' }).waitFor();
  await expect.poll(() => page.getByTestId('output-state').innerText(), WAIT).toBe('尚未生成');
  await page.getByRole('button', { name: '重新计算', exact: true }).click();
  await expect.poll(() => page.getByTestId('run-progress').innerText(), WAIT).toContain('完成');
  await expect.poll(() => page.getByTestId('output-state').innerText(), WAIT).toBe('已是最新');
  const output = page
    .getByTestId('indicator')
    .filter({ has: page.getByRole('heading', { name: '工业总产值' }) });
  await expect
    .poll(() => output.getByTestId('chart').getAttribute('aria-label'), WAIT)
    .toMatch(/工业总产值：完成 64\.0%，序时 66\.7%，严重滞后/);
  // Nothing of the offline note goes away with a file open.
  await expect.poll(() => page.getByTestId('offline-note').count(), WAIT).toBe(1);
  if (screenshot) {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400); // the progress bar's transition
    await page.screenshot({ path: screenshot });
  }

  const [file] = await Promise.all([
    page.waitForEvent('download', WAIT),
    page.getByRole('button', { name: '下载结果' }).click(),
  ]);
  const d: Download = file;
  const bytes = new Uint8Array(await readFile(await d.path()));
  // What the page itself saw itself load (the browser's resource timing), as a second witness.
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name),
  );
  return { name: d.suggestedFilename(), bytes, firstRender, resources };
}

/** The download holds what `fenjie plan` wrote: the same sheets, cells and merges. */
async function expectSameAsCli(bytes: Uint8Array): Promise<void> {
  const mine = await sheetsOf(bytes);
  const cli = await sheetsOf(new Uint8Array(await readFile(example.cliOutput)));
  expect([...mine.keys()]).toEqual([...cli.keys()]);
  for (const [sheet, grid] of cli) {
    // Values, formulas and cached results (the note in A2 has the same fixed time).
    expect(mine.get(sheet)?.cells, sheet).toEqual(grid.cells);
    expect(mine.get(sheet)?.merges, sheet).toEqual(grid.merges);
  }
}

/**
 * Only the page itself and what it made in memory: no request to any host, no other file. The
 * recorder sees every request in Chromium, file: included (so it must have seen the page);
 * Firefox reports only network requests over BiDi, so there it can only see what must not be.
 */
function expectNothingLoaded(recorded: Recorded, resources: string[], seesFiles: boolean): void {
  if (seesFiles)
    expect(
      recorded.requests.filter((u) => u.startsWith('file:')).length,
      'the recorder saw the page itself',
    ).toBeGreaterThan(0);
  for (const [what, urls] of [
    ['requests', recorded.requests],
    ['resources', resources],
  ] as const) {
    expect(
      urls.filter((u) => !LOCAL_SCHEMES.includes(new URL(u).protocol)),
      `${what} other than file:, data:, blob:`,
    ).toEqual([]);
    expect(
      urls.filter((u) => u.startsWith('file:') && !u.includes(encodeURI('分解.html'))),
      `${what}: files other than the page`,
    ).toEqual([]);
  }
  expect(recorded.errors, 'console errors').toEqual([]);
}

describe('分解.html, the file mode in one file', () => {
  it('is written twice (分解.html, fenjie.html), one self-contained page without office.js', async () => {
    const html = await readFile(join(dist, '分解.html'), 'utf8');
    expect(await readFile(join(dist, 'fenjie.html'), 'utf8')).toBe(html);
    const tags = [...html.matchAll(/<(?:script|link|img|iframe|source)\b[^>]*>/gi)].map(
      (m) => m[0],
    );
    // Every script inline; the lazy ExcelJS part as a block the browser does not run.
    expect(tags.filter((t) => /\bsrc=/i.test(t))).toEqual([]);
    expect(tags.filter((t) => /^<link/i.test(t))).toEqual(['<link rel="icon" href="data:," />']);
    expect(html).toMatch(/<script type="text\/x-fenjie-chunk" data-chunk="[\w.-]+">/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/office\.js|appsforoffice|sourceMappingURL/);
    // The served pane's own entry is unchanged beside it; the offline entry leaves no .js.
    const served = await readFile(join(dist, 'taskpane.html'), 'utf8');
    expect(served).toMatch(/taskpane\.[0-9a-f]{8}\.js/);
    expect((await readdir(dist)).filter((f) => f.startsWith('offline'))).toEqual([]);
    const raw = Buffer.byteLength(html);
    const gz = await gzipSize(join(dist, '分解.html'));
    console.log(
      `[offline] 分解.html: ${(raw / 1e6).toFixed(2)} MB raw, ${(gz / 1e3).toFixed(0)} kB gzipped`,
    );
    expect(raw).toBeLessThan(2_500_000);
  });

  it('plans the example from file:// in Chromium, loading nothing, and downloads what fenjie plan writes', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Nowhere to go even past the routes: no name resolves, the proxy is a closed port.
      args: [
        ...CHROMIUM_ARGS,
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--proxy-server=127.0.0.1:9',
      ],
    });
    try {
      const { context, page, recorded } = await recordingContext(browser);
      const started = Date.now();
      const { name, bytes, firstRender, resources } = await planOffline(
        page,
        join(SCREENSHOTS, 'file-mode-html.png'),
      );
      console.log(
        `[offline] Chromium: first render ${firstRender.toFixed(0)} ms after navigation start (a new browser, cold); ` +
          `open → planned → downloaded ${Date.now() - started} ms`,
      );
      expect(firstRender).toBeGreaterThan(0);
      expect(name).toBe('township-example-分解.xlsx');
      await expectSameAsCli(bytes);
      await context.close();
      expectNothingLoaded(recorded, resources, true);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it.skipIf(!existsSync(FIREFOX))(
    'does the same in Firefox ESR (WebDriver BiDi)',
    async () => {
      // Playwright starts "Firefox" with its arguments: the shim, which starts firefox-esr.
      const wrapper = join(dir, 'firefox');
      await writeFile(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${SHIM}" "$@"\n`);
      await chmod(wrapper, 0o755);
      const browser = await firefox.launch({
        channel: 'moz-firefox',
        executablePath: wrapper,
        env: { ...process.env, FENJIE_FIREFOX: FIREFOX, HOME: process.env.HOME ?? tmpdir() },
        timeout: 120_000,
        firefoxUserPrefs: {
          // Nowhere to go even past the routes: every connection through a closed port.
          'network.proxy.type': 1,
          'network.proxy.http': '127.0.0.1',
          'network.proxy.http_port': 9,
          'network.proxy.ssl': '127.0.0.1',
          'network.proxy.ssl_port': 9,
          'network.proxy.allow_hijacking_localhost': true,
        },
      });
      try {
        const { context, page, recorded } = await recordingContext(browser);
        const { name, bytes, firstRender, resources } = await planOffline(page);
        console.log(
          `[offline] Firefox ${browser.version()}: first render ${firstRender.toFixed(0)} ms after navigation start`,
        );
        expect(name).toBe('township-example-分解.xlsx');
        await expectSameAsCli(bytes);
        await context.close();
        expectNothingLoaded(recorded, resources, false);
      } finally {
        await browser.close();
      }
    },
    240_000,
  );
});
