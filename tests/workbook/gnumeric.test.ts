/**
 * Gnumeric, the fourth spreadsheet: `ssconvert --recalc` recalculates every generated output
 * sheet and must give the values the file caches (the engine's). Gnumeric evaluates some forms
 * differently from Excel, WPS and LibreOffice (ISNUMBER over a range inside SUMPRODUCT is not an
 * array there), so the renderer keeps to forms all four compute alike; this test is what says so.
 *
 * The cached values are read with ExcelJS, which never recalculates: Gnumeric itself recalculates
 * most of our formulas on opening even without --recalc (989 cached results of 序时进度 set to 999:
 * 51 showed), so two Gnumeric readings compared it with itself. A copy whose cached results are
 * all wrong shows that the comparison fails when they differ.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFile } from '../../src/cli/main';
import { SHEETS } from '../../src/workbook/names';
import { fixturePath } from '../fixtures/make-fixtures';
import type { ExampleData } from '../../src/workbook/template';
import { readValues } from '../helpers/libreoffice';
import { planExampleFile } from '../helpers/plan-example';
import { EXAMPLE, nameVariantExample, richExample } from '../helpers/variants';

const hasGnumeric = (): boolean =>
  (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((d) => d !== '' && existsSync(join(d, 'ssconvert')));

/** As requireLibreOffice: CI fails loudly without it, elsewhere the tests are skipped. */
function requireGnumeric(): boolean {
  if (hasGnumeric()) return true;
  const message = 'Gnumeric (ssconvert) is not installed: apt-get install -y gnumeric';
  if (process.env['CI']) throw new Error(`${message} (required in CI)`);
  process.stderr.write(`WARNING: ${message}; skipping the Gnumeric tests.\n`);
  return false;
}

/** A minimal CSV reader (quotes, doubled quotes, newlines in quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const sameValue = (a: string, b: string): boolean => {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)
    ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
    : false;
};

/** Cells of the output sheets where the two readings differ: "sheet!row:col cached ≠ recalc". */
function differences(
  cached: Map<string, string[][]>,
  recalc: Map<string, string[][]>,
  outputs: readonly string[],
): string[] {
  const out: string[] = [];
  for (const name of outputs) {
    const a = cached.get(name) ?? [];
    const b = recalc.get(name) ?? [];
    const rows = Math.max(a.length, b.length);
    for (let r = 0; r < rows; r++) {
      const ra = a[r] ?? [];
      const rb = b[r] ?? [];
      for (let c = 0; c < Math.max(ra.length, rb.length); c++)
        if (!sameValue(ra[c] ?? '', rb[c] ?? ''))
          out.push(`${name}!${r + 1}:${c + 1} ${ra[c] ?? ''} ≠ ${rb[c] ?? ''}`);
    }
  }
  return out;
}

/**
 * Each sheet's cells as the file caches them (`readValues`: the product's own .xlsx reader, which
 * never recalculates; ExcelJS drops a cached result of 0), as text as Gnumeric's raw export writes
 * it.
 */
async function cachedOf(file: string): Promise<Map<string, string[][]>> {
  const text = (v: string | number | boolean | null): string =>
    v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  const values = await readValues(file);
  return new Map([...values].map(([name, rows]) => [name, rows.map((row) => row.map(text))]));
}

const COUNTY = 'county-units';
const CASES: [string, ExampleData, 'zh' | 'en'][] = [
  ['example', EXAMPLE, 'zh'],
  ['rich-monthly-actuals', richExample({ actualsBasis: 'monthly', reportMonth: 6 }), 'en'],
  ['name-variants', nameVariantExample(), 'zh'],
];

describe.runIf(requireGnumeric())(
  'Gnumeric recalculates the outputs to the engine’s numbers',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'fenjie-gnumeric-'));
    const planned: { name: string; file: string; lang: 'zh' | 'en'; names: string[] }[] = [];

    beforeAll(async () => {
      for (const [name, data, lang] of CASES) {
        const file = await planExampleFile(dir, name, data, lang, '2025-09-03T10:30');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        planned.push({ name, file, lang, names: wb.worksheets.map((w) => w.name) });
      }
      // The county example: unit rows (层层分解) in 分解结果, 序时进度 and 汇总.
      const input = join(dir, 'county.xlsx');
      copyFileSync(fixturePath('county-example'), input);
      const file = join(dir, 'county-plan.xlsx');
      const r = await planFile(
        input,
        file,
        { now: '2025-09-03T10:30' },
        { out: () => {}, err: (l) => console.error(l) },
      );
      if (r.code !== 0) throw new Error(`planning the county example: exit ${r.code}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      planned.push({ name: COUNTY, file, lang: 'zh', names: wb.worksheets.map((w) => w.name) });
    }, 240_000);

    const outputsIn = (lang: 'zh' | 'en'): string[] =>
      (['allocation', 'progress', 'summary', 'guide', 'helper'] as const).map(
        (k) => SHEETS[k][lang],
      );

    /** Each sheet of the file as Gnumeric recalculates it, values unformatted. */
    const recalculated = (p: (typeof planned)[number]): Map<string, string[][]> => {
      const sub = mkdtempSync(join(dir, `${p.name}-`));
      const prefix = join(sub, 'recalc');
      const r = spawnSync(
        'ssconvert',
        [
          '--recalc',
          '-S',
          '-T',
          'Gnumeric_stf:stf_assistant',
          '-O',
          'format=raw separator=,',
          p.file,
          `${prefix}-%n.csv`,
        ],
        { encoding: 'utf8', timeout: 240_000 },
      );
      if (r.status !== 0) throw new Error(`ssconvert failed: ${r.stderr}`);
      return new Map(
        p.names.map((n, i) => [n, parseCsv(readFileSync(`${prefix}-${i}.csv`, 'utf8'))]),
      );
    };

    it.each([...CASES.map(([name]) => name), COUNTY].map((name, i) => [name, i] as const))(
      '%s: every output cell as recalculated equals the cached one',
      async (_name, i) => {
        const p = planned[i];
        if (!p) throw new Error('not planned');
        const outputs = outputsIn(p.lang);
        const bad = differences(await cachedOf(p.file), recalculated(p), outputs);
        expect(bad.slice(0, 10)).toEqual([]);
      },
      240_000,
    );

    it('the comparison can fail: wrong cached results differ from the recalculation', async () => {
      const p = planned[0];
      if (!p) throw new Error('not planned');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(p.file);
      const progress = wb.getWorksheet(SHEETS.progress.zh);
      let changed = 0;
      progress?.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula && typeof cell.result === 'number') {
            cell.value = { formula: cell.formula, result: 12345 };
            changed++;
          }
        }),
      );
      expect(changed).toBeGreaterThan(100);
      const corrupt = { ...p, name: 'corrupt', file: join(dir, 'corrupt.xlsx') };
      await wb.xlsx.writeFile(corrupt.file);
      const sheet = [SHEETS.progress.zh];
      expect(differences(await cachedOf(p.file), recalculated(corrupt), sheet)).toEqual([]);
      const wrong = differences(await cachedOf(corrupt.file), recalculated(corrupt), sheet);
      expect(wrong.length).toBeGreaterThan(100);
    }, 240_000);
  },
);
