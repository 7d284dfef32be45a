/**
 * 下发 as one .zip (hosts/xlsx/issue.ts, what the pane downloads): one workbook per unit of the
 * county example, named as `fenjie issue` names its files, holding the very sheets
 * `fenjie issue` writes (cell for cell: ExcelJS dates every package, so not byte for byte), and
 * each planning on its own to exactly the county's annual parts and period cells.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { issueInput } from '../../src/engine/issue';
import type { PlanInput } from '../../src/engine/model';
import { isOnStep } from '../../src/engine/number';
import { plan } from '../../src/engine/plan';
import { issuedWorkbooks, issueZip, unitFileName } from '../../src/hosts/xlsx/issue';
import { openWorkbook } from '../../src/hosts/xlsx/read';
import { runPipeline } from '../../src/workbook/pipeline';
import { fixturePath } from '../fixtures/make-fixtures';
import { countyExampleInput, COUNTY_UNITS } from '../helpers/county-example';
import { expectCountyParts, planOf, unzipAll } from '../helpers/issued';
import { sheetsOf } from '../ui/harness';

const TODAY = { y: 2025, m: 9, d: 3 };

describe('issueZip', () => {
  it("holds each unit's workbook as fenjie issue writes it, each planning to the county's parts", async () => {
    const file = fixturePath('county-example');
    const opened = await openWorkbook(await readFile(file), file);
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const r = runPipeline(opened.value.grids, { today: TODAY, generatedAt: '', lang: 'zh' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const zip = await issueZip(r.read.input, r.plan, 'zh', TODAY);
    const files = await unzipAll(zip);
    expect([...files.keys()]).toEqual(COUNTY_UNITS.map((u) => unitFileName(u.name)));
    const written = new Map<string, Uint8Array>();
    for await (const w of issuedWorkbooks(r.read.input, r.plan, 'zh')) written.set(w.file, w.bytes);
    for (const u of COUNTY_UNITS) {
      const bytes = files.get(unitFileName(u.name)) ?? new Uint8Array();
      expect(await sheetsOf(bytes)).toEqual(
        await sheetsOf(written.get(unitFileName(u.name)) ?? new Uint8Array()),
      );
      expectCountyParts(r.plan, u.name, await planOf(bytes, u.name));
    }
  }, 60_000);

  it('on months with 1-2月 combined and 2 decimals: the issued profiles survive the .xlsx exactly', async () => {
    // 1月 and 2月 each hold half of 1-2月 (a third decimal), every other month its cell.
    const county = countyExampleInput();
    const input: PlanInput = {
      ...county,
      settings: { ...county.settings, combineJanFeb: true },
      indicators: county.indicators.map((i) => ({ ...i, decimals: 2, profile: '前低后高' })),
      profiles: [
        { name: '前低后高', grid: 'months', shares: [6, 6, 8, 8, 8, 8, 8, 9, 9, 9, 10, 11] },
        { name: '下半年投产', grid: 'months', shares: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1] },
      ],
    };
    const r = plan(input, { today: TODAY });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    let halves = 0;
    for await (const w of issuedWorkbooks(input, r.value, 'zh')) {
      const own = await planOf(w.bytes, w.unit);
      expect(own.allocations.every((a) => a.grid === 'janFeb')).toBe(true);
      expectCountyParts(r.value, w.unit, own);
      const issued = issueInput(input, r.value, w.unit);
      if (issued.profiles.some((p) => !isOnStep(p.shares[0] ?? 0, 2))) halves++;
    }
    expect(halves).toBeGreaterThan(0);
  }, 60_000);

  it('names a unit whose name no file system takes with _ in place', () => {
    expect(unitFileName('东区/西区:1')).toBe('东区_西区_1.xlsx');
  });
});
