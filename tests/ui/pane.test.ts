/**
 * The task pane in a real browser (Debian Chromium via playwright-core), in file mode: built for
 * production with office.js local, served from 127.0.0.1, every other request refused.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SHEETS } from '../../src/workbook/names';
import {
  emptyWorkbookFile,
  exampleFiles,
  gzipSize,
  launchChromium,
  NOW,
  openSession,
  ROOT,
  SCREENSHOTS,
  serve,
  sharedPaneBuild,
  sheetsOf,
  type PaneSession,
} from './harness';

const BAD_WORKBOOK = join(ROOT, 'tests', 'fixtures', 'text-in-number-cell.xlsx');
const OUTPUT_KEYS = ['allocation', 'progress', 'summary', 'bulletin', 'guide', 'helper'] as const;
const OUTPUTS_ZH = OUTPUT_KEYS.map((k) => SHEETS[k].zh);
const OUTPUTS_EN = OUTPUT_KEYS.map((k) => SHEETS[k].en);

let dir: string;
let dist: string;
let server: { origin: string; close: () => Promise<void> };
let browser: Browser;
let example: { input: string; cliOutput: string };
const sessions: PaneSession[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fenjie-ui-'));
  const started = Date.now();
  [example, dist] = await Promise.all([exampleFiles(dir), sharedPaneBuild(inject('paneBuildDir'))]);
  console.log(`[ui] pane built (or waited for) in ${Date.now() - started} ms`);
  server = await serve(dist);
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  // Either is missing when beforeAll failed before setting it; the typings cannot know.
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await server?.close();
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
  await rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  // Nothing may leave the machine, and nothing may fail quietly in the console.
  for (const s of sessions.splice(0)) {
    await s.context.close();
    expect(s.blocked, 'requests to other hosts').toEqual([]);
    expect(s.errors, 'console errors').toEqual([]);
  }
});

/** A pane in file mode, loaded with the fixed clock. */
async function openPane(locale = 'zh-CN'): Promise<{ session: PaneSession; page: Page }> {
  const session = await openSession(browser, locale);
  sessions.push(session);
  session.page.setDefaultTimeout(15_000);
  await session.page.goto(`${server.origin}/taskpane.html?now=${NOW}`);
  return { session, page: session.page };
}

/** Opens an .xlsx file through the hidden file input and waits until the pane shows it. */
async function openFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(file);
  await page
    .getByTestId('file-name')
    .filter({ hasText: file.split('/').pop() as string })
    .waitFor();
  await page.getByTestId('status-panel').waitFor();
}

/** Clicks Recalculate and waits until the run has finished (progress at 100 %). */
async function recalculate(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await expect
    .poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow'), WAIT)
    .toBe('1');
  await page.getByRole('button', { name, exact: true }).and(page.locator(':enabled')).waitFor();
}

/** Saves the result through the download button. */
async function download(page: Page, label: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: label }).click(),
  ]);
  const d: Download = file;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

const WAIT = { timeout: 10_000 };
/** Web-first checks (playwright-core has no `expect` of its own): retried until they hold. */
const containsText = (l: Locator, text: string): Promise<void> =>
  expect.poll(() => l.innerText(), WAIT).toContain(text);
const hasText = (l: Locator, text: string): Promise<void> =>
  expect.poll(() => l.innerText(), WAIT).toBe(text);
const hasCount = (l: Locator, n: number): Promise<void> =>
  expect.poll(() => l.count(), WAIT).toBe(n);
const hasValue = (l: Locator, v: string): Promise<void> =>
  expect.poll(() => l.inputValue(), WAIT).toBe(v);
const hasAttribute = (l: Locator, name: string, v: string | RegExp): Promise<void> =>
  expect.poll(() => l.getAttribute(name), WAIT).toMatch(v);
const isDisabled = (l: Locator): Promise<void> =>
  expect.poll(() => l.isDisabled(), WAIT).toBe(true);

/** Lets the progress bar's transition end before a screenshot. */
const settle = (page: Page): Promise<void> => page.waitForTimeout(400);

describe('task pane in Chromium (file mode)', () => {
  it('starts in file mode with office.js from the pane itself and no other host contacted', async () => {
    const session = await openSession(browser, 'zh-CN');
    sessions.push(session);
    const { page } = session;
    const started = Date.now();
    await page.goto(`${server.origin}/taskpane.html?now=${NOW}`);
    await page.getByRole('button', { name: '打开 .xlsx 文件' }).waitFor();
    const openVisible = Date.now() - started;
    await page.getByTestId('file-input').setInputFiles(example.input);
    await page.getByRole('button', { name: '重新计算', exact: true }).waitFor();
    const recalculateVisible = Date.now() - started;
    const firstRender = await page.evaluate(
      () => performance.getEntriesByName('fenjie:first-render')[0]?.startTime ?? -1,
    );
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return n ? { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : undefined;
    });
    console.log(
      `[ui] time to first render (App commit − navigationStart): ${firstRender.toFixed(0)} ms; ` +
        `DOMContentLoaded ${nav?.domContentLoaded.toFixed(0)} ms; ` +
        `wall time goto → Open button ${openVisible} ms, goto → file opened → Recalculate visible ${recalculateVisible} ms`,
    );
    expect(firstRender).toBeGreaterThan(0);

    // Again, warm (the browser's HTTP cache is off: the server sends no-store).
    const again = Date.now();
    await page.reload();
    await page.getByRole('button', { name: '打开 .xlsx 文件' }).waitFor();
    const warmVisible = Date.now() - again;
    const warmFirstRender = await page.evaluate(
      () => performance.getEntriesByName('fenjie:first-render')[0]?.startTime ?? -1,
    );
    console.log(
      `[ui] second load: first render ${warmFirstRender.toFixed(0)} ms after navigationStart; wall time reload → Open button ${warmVisible} ms`,
    );
    expect(session.requests).toContain('/office-js/office.js');
    expect(
      session.requests.filter((p) => p.endsWith('.js') && !p.startsWith('/office-js/')).length,
    ).toBeGreaterThan(0);

    // office.js, outside Office, would load a Microsoft telemetry frame 3 s after it starts;
    // the pane cancels it (afterEach checks that nothing non-local was asked for).
    await page.waitForTimeout(Math.max(0, 4_000 - (Date.now() - again)));

    // The initial JS is small; ExcelJS comes in a lazy chunk.
    const html = await readFile(join(dist, 'taskpane.html'), 'utf8');
    const initial = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)]
      .map((m) => m[1] as string)
      .filter((s) => !s.includes('office'));
    const sizes = await Promise.all(initial.map((f) => gzipSize(join(dist, f))));
    const lazy = (await readdir(dist)).filter((f) => f.endsWith('.js') && !initial.includes(f));
    const lazySizes = await Promise.all(
      lazy.map(async (f) => `${f} ${(await gzipSize(join(dist, f))) / 1000} kB`),
    );
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(
      `[ui] initial JS ${initial.join(', ')}: ${(total / 1000).toFixed(1)} kB gzipped; lazy chunks: ${lazySizes.join('; ')}`,
    );
    expect(total).toBeLessThanOrEqual(350_000);
    expect(initial.join(' ')).not.toMatch(/exceljs|excelhost/);
    const initialCode = (
      await Promise.all(initial.map((f) => readFile(join(dist, f), 'utf8')))
    ).join('\n');
    expect(initialCode).not.toContain('xl/worksheets'); // ExcelJS
    expect(initialCode).not.toContain('getUsedRangeOrNullObject'); // the Office.js host
  });

  it('falls back to file mode when office.js cannot be loaded at all', async () => {
    const session = await openSession(browser, 'zh-CN');
    sessions.push(session);
    await session.page.route('**/office-js/office.js', (route) => route.abort('connectionfailed'));
    await session.page.goto(`${server.origin}/taskpane.html?now=${NOW}`);
    await session.page.getByRole('button', { name: '打开 .xlsx 文件' }).waitFor();
    await session.page.getByTestId('file-input').setInputFiles(example.input);
    await session.page.getByRole('button', { name: '重新计算', exact: true }).waitFor();
    // The browser reports the failed script itself; nothing else may fail.
    expect(session.errors.filter((e) => !e.includes('ERR_CONNECTION_FAILED'))).toEqual([]);
    session.errors.length = 0;
  });

  it('plans the township example, shows the result and downloads what the CLI writes', async () => {
    const { page } = await openPane();
    await openFile(page, example.input);
    await hasText(page.getByTestId('output-state'), '尚未生成');
    await recalculate(page, '重新计算');
    await containsText(page.getByTestId('run-progress'), '完成');
    await hasText(page.getByTestId('output-state'), '已是最新');

    const output = page
      .getByTestId('indicator')
      .filter({ has: page.getByRole('heading', { name: '工业总产值' }) });
    await hasText(output.getByTestId('indicator-flag'), '严重滞后');
    await containsText(output.getByTestId('flag-counts'), '严重滞后 8');
    await containsText(output.getByTestId('flag-counts'), '超序时 2');
    await hasCount(output.getByTestId('most-behind').getByRole('listitem'), 5);
    await hasAttribute(
      output.getByTestId('chart'),
      'aria-label',
      /工业总产值：完成 64\.0%，序时 66\.7%，严重滞后/,
    );
    await containsText(page.getByTestId('result-view'), '2025年1-8月，序时进度 66.7%');
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-zh-result.png') });

    const { name, bytes } = await download(page, '下载结果');
    expect(name).toBe('township-example-分解.xlsx');
    const mine = await sheetsOf(bytes);
    const cli = await sheetsOf(new Uint8Array(await readFile(example.cliOutput)));
    const input = await sheetsOf(new Uint8Array(await readFile(example.input)));
    expect([...mine.keys()]).toEqual([...cli.keys()]);
    for (const sheet of OUTPUTS_ZH) {
      expect(mine.get(sheet), sheet).toBeDefined();
      // Cell values, formulas and cached results, note (A2, same fixed time) included.
      expect(mine.get(sheet)?.cells, sheet).toEqual(cli.get(sheet)?.cells);
      expect(mine.get(sheet)?.merges, sheet).toEqual(cli.get(sheet)?.merges);
    }
    for (const [sheet, grid] of input)
      expect(mine.get(sheet)?.cells, `input ${sheet} untouched`).toEqual(grid.cells);

    // The monthly bulletin: headlines, the red and black lists, and the Word document.
    const bulletin = page.getByTestId('bulletin-view');
    await containsText(bulletin, '工业总产值：年度目标7.14亿元');
    await containsText(bulletin.getByTestId('bulletin-lists'), '红榜 石塔线缆 —、龙山果业 —');
    const docx = await download(page, '下载通报（Word）');
    expect(docx.name).toBe('腊口镇2025年1-8月工业经济目标任务完成情况通报.docx');
    expect(new TextDecoder().decode(docx.bytes.subarray(0, 2))).toBe('PK');
  });

  it('lists the problems of a bad workbook with their cells, by mouse and keyboard, in both languages', async () => {
    const { page } = await openPane();
    await openFile(page, BAD_WORKBOOK);
    await recalculate(page, '重新计算');
    const list = page.getByTestId('problem-list');
    await hasText(list.getByRole('heading'), '问题（1）');
    const row = list.getByRole('button');
    await hasCount(row, 1);
    await containsText(row, '基数!B3');
    await containsText(row, '“待定”不是数字');
    await containsText(page.getByTestId('run-progress'), '发现 1 个问题，未写入结果。');
    await hasCount(page.getByRole('button', { name: '下载结果' }), 0);

    // Keyboard: focus the problem and press Enter; the file host cannot select, so it says where.
    await row.focus();
    await page.keyboard.press('Enter');
    await containsText(row, '该单元格在文件中：基数!B3');
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-zh-problems.png') });

    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await hasText(list.getByRole('heading'), 'Problems (1)');
    await containsText(row, '基数!B3');
    await containsText(row, '"待定" is not a number');
    await row.click();
    await containsText(row, 'This cell is in the file: 基数!B3');
    await containsText(page.getByTestId('run-progress'), '1 problem found; nothing written.');
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-en-problems.png') });
  });

  it('switches to English, writes English outputs and names the download accordingly', async () => {
    const { page } = await openPane();
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await hasAttribute(page.locator('html'), 'lang', 'en');
    await page.getByRole('button', { name: 'Open an .xlsx file' }).waitFor();
    await openFile(page, example.input);
    await containsText(page.getByTestId('status-panel'), 'Input sheets');
    await hasValue(page.getByLabel('Report month', { exact: true }), '8');
    await recalculate(page, 'Recalculate');
    await containsText(page.getByTestId('run-progress'), 'Done');
    const output = page
      .getByTestId('indicator')
      .filter({ has: page.getByRole('heading', { name: '工业总产值' }) });
    await hasText(output.getByTestId('indicator-flag'), 'Seriously behind');
    await containsText(output.getByTestId('flag-counts'), 'Seriously behind 8');
    await containsText(output, 'Furthest behind');
    await containsText(page.getByTestId('result-view'), '2025, months 1–8: time schedule 66.7%');
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'pane-en-result.png') });

    const { name, bytes } = await download(page, 'Download result');
    expect(name).toBe('township-example-fenjie.xlsx');
    const sheets = [...(await sheetsOf(bytes)).keys()];
    expect(sheets).toEqual(expect.arrayContaining(OUTPUTS_EN));
    for (const zh of OUTPUTS_ZH) expect(sheets).not.toContain(zh);
  });

  it('uses the run settings for this run only and never writes them to the Settings sheet', async () => {
    const { page } = await openPane();
    await openFile(page, example.input);
    await hasValue(page.getByLabel('滞后阈值（百分点）', { exact: true }), '5');
    await hasValue(page.getByLabel('严重滞后阈值（百分点）', { exact: true }), '10');
    await page.getByLabel('严重滞后阈值（百分点）', { exact: true }).fill('3');
    await page.getByText('应不小于滞后阈值').waitFor();
    await isDisabled(page.getByRole('button', { name: '重新计算', exact: true }));
    await page.getByLabel('滞后阈值（百分点）', { exact: true }).fill('2');
    await page.getByLabel('报告期', { exact: true }).selectOption('7');
    await recalculate(page, '重新计算');
    await containsText(page.getByTestId('result-view'), '2025年1-7月，序时进度 58.3%');

    const { bytes } = await download(page, '下载结果');
    const sheets = await sheetsOf(bytes);
    const input = await sheetsOf(new Uint8Array(await readFile(example.input)));
    expect(sheets.get(SHEETS.settings.zh)?.cells).toEqual(input.get(SHEETS.settings.zh)?.cells);
    // The parameters row shows the run's values (formulas over the helper, which holds the
    // overrides as constants: they are this run's, not 参数's).
    const params = sheets.get(SHEETS.progress.zh)?.cells[2] ?? [];
    const shown = (c: unknown): unknown =>
      c !== null && typeof c === 'object' && 'formula' in c
        ? (c as { result?: unknown }).result
        : c;
    expect([shown(params[1]), shown(params[5]), shown(params[7])]).toEqual([7, 2, 3]);
  });

  it('creates the missing input sheets of a workbook that has none', async () => {
    const empty = await emptyWorkbookFile(dir);
    const { page } = await openPane();
    await openFile(page, empty);
    await containsText(page.getByTestId('status-panel'), '缺少目标表或企业表');
    await hasCount(page.getByRole('button', { name: '重新计算', exact: true }), 0);
    await page.getByRole('button', { name: '创建输入表' }).click();
    await containsText(page.getByTestId('notice'), '已创建 8 张输入表。');
    await hasCount(page.getByRole('button', { name: '创建输入表' }), 0);
    const { name, bytes } = await download(page, '下载结果');
    expect(name).toBe('empty-分解.xlsx');
    expect([...(await sheetsOf(bytes)).keys()]).toEqual([
      'Sheet1',
      '参数',
      '目标',
      '企业',
      '基数',
      '权重',
      '约束',
      '时间分布',
      '实绩',
    ]);
  });

  it('shows an error when the picked file is not an .xlsx workbook', async () => {
    const { session, page } = await openPane();
    const notXlsx = join(dir, 'notes.xlsx');
    await writeFile(notXlsx, 'not a zip file');
    await page.getByTestId('file-input').setInputFiles(notXlsx);
    await containsText(page.getByTestId('error'), '无法打开文件');
    // The same message as the CLI's (the catalogue's FileNotWorkbook), not the zip library's.
    await containsText(
      page.getByTestId('error'),
      'notes.xlsx 不是 Excel 工作簿（.xlsx）：请确认选对了文件，且文件完整',
    );
    // The pane logs what it shows; that console error is expected here.
    expect(session.errors.some((e) => e.includes('[fenjie]'))).toBe(true);
    session.errors.length = 0;
    await page.getByRole('button', { name: '关闭' }).click();
    await hasCount(page.getByTestId('error'), 0);
  });
});
