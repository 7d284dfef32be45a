/**
 * 下发 in the pane (issue 13, item 5): the file mode's single page (dist/分解.html, from file://,
 * every request refused) opens the county example, recalculates, and downloads the units'
 * workbooks as one .zip; each workbook inside holds the sheets `fenjie issue` writes and, planned
 * on its own, gives its enterprises exactly the county's annual parts and period cells.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { issuedWorkbooks, unitFileName } from '../../src/hosts/xlsx/issue';
import { openWorkbook } from '../../src/hosts/xlsx/read';
import { runPipeline } from '../../src/workbook/pipeline';
import { fixturePath } from '../fixtures/make-fixtures';
import { COUNTY_UNITS } from '../helpers/county-example';
import { expectCountyParts, planOf, unzipAll } from '../helpers/issued';
import { CHROMIUM, CHROMIUM_ARGS, NOW, sharedPaneBuild, sheetsOf } from './harness';

const WAIT = { timeout: 60_000 };
const TODAY = { y: 2025, m: 9, d: 3 };

let dist: string;

beforeAll(async () => {
  dist = await sharedPaneBuild(inject('paneBuildDir'));
}, 400_000);

describe('下发 from the file mode', () => {
  it("downloads the units' workbooks as a .zip, each planning to the county's parts", async () => {
    const county = fixturePath('county-example');
    const opened = await openWorkbook(await readFile(county), county);
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const r = runPipeline(opened.value.grids, { today: TODAY, generatedAt: '', lang: 'zh' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND'],
    });
    try {
      const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
      await context.route('**', (route) =>
        ['file:', 'data:', 'blob:'].includes(new URL(route.request().url()).protocol)
          ? route.continue()
          : route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${pathToFileURL(join(dist, '分解.html')).href}?now=${NOW}`);
      const app = page.getByTestId('app');
      await app.waitFor();
      if ((await app.getAttribute('data-lang')) === 'en')
        await page.getByRole('button', { name: '切换到中文界面' }).click();
      await page.getByTestId('file-input').setInputFiles(county);
      await page.getByTestId('file-name').filter({ hasText: 'county-example.xlsx' }).waitFor();
      await page.getByRole('button', { name: '重新计算', exact: true }).click();
      await expect.poll(() => page.getByTestId('output-state').innerText(), WAIT).toBe('已是最新');
      const [download] = await Promise.all([
        page.waitForEvent('download', WAIT),
        page.getByRole('button', { name: '下发各单位工作簿（zip）' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('某县-下发.zip');
      const files = await unzipAll(new Uint8Array(await readFile(await download.path())));
      expect([...files.keys()]).toEqual(COUNTY_UNITS.map((u) => unitFileName(u.name)));
      const cli = new Map<string, Uint8Array>();
      for await (const w of issuedWorkbooks(r.read.input, r.plan, 'zh')) cli.set(w.file, w.bytes);
      for (const u of COUNTY_UNITS) {
        const bytes = files.get(unitFileName(u.name)) ?? new Uint8Array();
        // What fenjie issue writes, cell for cell (ExcelJS dates each package, so not byte for byte).
        expect(await sheetsOf(bytes)).toEqual(
          await sheetsOf(cli.get(unitFileName(u.name)) ?? new Uint8Array()),
        );
        expectCountyParts(r.plan, u.name, await planOf(bytes, u.name));
      }
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 240_000);
});
