/**
 * The pane's bootstrap (the ES5 script in src/taskpane/taskpane.html): its message is the
 * catalogue's ExcelTooOld for the requirement set the manifest declares, and in Chromium it
 * replaces "正在加载" on a host without ExcelApi 1.7, and when the modern bundle never starts
 * (blocked here). The first case's screenshot is docs/screenshots/too-old-host.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, fenjieError } from '../../src/engine';
import { EXCEL_API_REQUIRED } from '../../src/hosts/excel';
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from '../ui/harness';

const TEMPLATE = readFileSync('src/taskpane/taskpane.html', 'utf8');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const tooOld = fenjieError('ExcelTooOld', { version: EXCEL_API_REQUIRED });

describe('the bootstrap’s message', () => {
  it('is the catalogue’s ExcelTooOld, for the set the manifest and the host require', () => {
    expect(TEMPLATE).toContain(`var ZH =\n          '${errorMessage(tooOld, 'zh')}';`);
    expect(TEMPLATE).toContain(`var EN =\n          '${errorMessage(tooOld, 'en')}';`);
    expect(TEMPLATE).toContain(`isSetSupported('ExcelApi', '${EXCEL_API_REQUIRED}')`);
    expect(readFileSync('manifest.xml', 'utf8')).toContain(
      `<Set Name="ExcelApi" MinVersion="${EXCEL_API_REQUIRED}"/>`,
    );
  });
});

describe('the bootstrap in Chromium', () => {
  let dir: string;
  let page: URL;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-boot-'));
    const html = TEMPLATE.replace('<%= htmlWebpackPlugin.options.officeJs %>', OFFICE_JS).replace(
      '</head>',
      '<script defer src="taskpane.js"></script></head>',
    );
    writeFileSync(join(dir, 'taskpane.html'), html);
    page = pathToFileURL(join(dir, 'taskpane.html'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Opens the pane with office.js answered by `office` and the modern bundle blocked. */
  async function open(office: string, run: (p: Page) => Promise<void>): Promise<void> {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const p = await browser.newPage({ viewport: { width: 360, height: 420 } });
      await p.clock.install();
      await p.route('**/taskpane.js', (r) => r.abort());
      await p.route(OFFICE_JS, (r) => r.fulfill({ contentType: 'text/javascript', body: office }));
      await p.goto(page.href);
      await run(p);
    } finally {
      await browser.close();
    }
  }

  const text = (p: Page): Promise<string> => p.locator('#boot').innerText();

  it('says which Excel runs the add-in on a host without ExcelApi 1.7', async () => {
    const old = `window.Office = { context: { requirements: { isSetSupported: function (s, v) { return v < '1.7'; } } },
      onReady: function (f) { setTimeout(function () { f({ host: 'Excel' }); }, 0); } };`;
    await open(old, async (p) => {
      await p.clock.runFor(10);
      await expect.poll(() => text(p)).toContain(errorMessage(tooOld, 'zh'));
      expect(await text(p)).toContain('This version of Excel is too old');
      await p.screenshot({ path: join(SCREENSHOTS, 'too-old-host.png') });
    });
  });

  it('says so too when the bundle never starts, instead of 正在加载 for ever', async () => {
    await open('window.Office = undefined;', async (p) => {
      await p.clock.runFor(10_000);
      expect(await text(p)).toBe('正在加载… Loading…');
      await p.clock.runFor(40_000);
      await expect.poll(() => text(p)).toContain(errorMessage(tooOld, 'zh'));
    });
  });
});
