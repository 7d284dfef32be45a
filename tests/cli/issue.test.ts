/**
 * `fenjie issue` (下发): one workbook per unit of the county example, each of which, planned on
 * its own (`fenjie plan --json`), gives its enterprises and units exactly the annual parts and the
 * period cells the county computed; bad input refused.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { COUNTY_MEMBERSHIP, COUNTY_UNITS } from '../helpers/county-example';
import { fixturePath } from '../fixtures/make-fixtures';

const NOW = ['--now', '2025-09-03T10:30'];

interface Json {
  allocations: { indicator: string; enterprise: string; annual: number; periods: number[] }[];
  unitAllocations?: { indicator: string; unit: string; annual: number; periods: number[] }[];
  errors: { code: string }[];
}

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, ...NOW], {
    out: (l) => out.push(l),
    err: (l) => err.push(l.trim()),
  });
  return { code, out, err };
}

async function planJson(file: string, dir: string, name: string): Promise<Json> {
  const json = join(dir, `${name}.json`);
  const r = await run(['plan', file, '-o', join(dir, `${name}-plan.xlsx`), '--json', json]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(json, 'utf8')) as Json;
}

/** The units below a unit (itself included) and so the enterprises in its workbook. */
function enterprisesOf(unit: string): string[] {
  const under = new Set([unit]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of COUNTY_UNITS)
      if (u.parent !== undefined && under.has(u.parent) && !under.has(u.name)) {
        under.add(u.name);
        grew = true;
      }
  }
  return Object.entries(COUNTY_MEMBERSHIP)
    .filter(([, u]) => under.has(u))
    .map(([e]) => e);
}

describe('fenjie issue', () => {
  it("writes one workbook per unit, each planning to exactly the county's parts and period cells", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fenjie-issue-'));
    const county = await planJson(fixturePath('county-example'), dir, 'county');
    const out = join(dir, 'units');
    const r = await run(['issue', fixturePath('county-example'), '--out', out]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(COUNTY_UNITS.map((u) => `${u.name}.xlsx`).sort());
    for (const u of COUNTY_UNITS) {
      const own = await planJson(join(out, `${u.name}.xlsx`), dir, u.name);
      const names = enterprisesOf(u.name);
      expect(new Set(own.allocations.map((a) => a.enterprise))).toEqual(new Set(names));
      for (const a of own.allocations) {
        const there = county.allocations.find(
          (c) => c.indicator === a.indicator && c.enterprise === a.enterprise,
        );
        expect([u.name, a.indicator, a.enterprise, a.annual, a.periods]).toEqual([
          u.name,
          a.indicator,
          a.enterprise,
          there?.annual,
          there?.periods,
        ]);
      }
      for (const x of own.unitAllocations ?? []) {
        const there = county.unitAllocations?.find(
          (c) => c.indicator === x.indicator && c.unit === x.unit,
        );
        expect([u.name, x.indicator, x.unit, x.annual, x.periods]).toEqual([
          u.name,
          x.indicator,
          x.unit,
          there?.annual,
          there?.periods,
        ]);
      }
    }
  }, 60_000);

  it('refuses a workbook without units (exit 1, nothing written)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fenjie-issue-')), 'units');
    const r = await run(['issue', fixturePath('example'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain('没有单位表（单位 / Units）');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses bad input as plan does, naming the cell', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fenjie-issue-')), 'units');
    const r = await run(['issue', fixturePath('unit-unknown'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('企业!F4：单位“石塔乡”不在单位表中');
    expect(existsSync(out)).toBe(false);
  });

  it('needs --out', async () => {
    const r = await run(['issue', fixturePath('county-example')]);
    expect(r.code).toBe(2);
  });
});
