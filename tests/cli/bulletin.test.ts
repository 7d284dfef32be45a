/**
 * `fenjie bulletin`: the bundled example's monthly bulletin as a Word document, opened by
 * LibreOffice (Writer), turned into a PDF and its text extracted (pdftotext), which must hold the
 * figures the engine computes for the same workbook.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main';
import { outOfBounds } from '../../src/engine';
import { runPipeline } from '../../src/workbook/pipeline';
import { exampleGrids, NOW as PANE_NOW } from '../helpers/example-grids';
import { convert, requireLibreOffice } from '../helpers/libreoffice';
import { planExampleFile } from '../helpers/plan-example';
import { EXAMPLE } from '../helpers/variants';

const NOW = '2025-09-03T10:30';
const LO_TIMEOUT = 180_000;

describe('fenjie bulletin', () => {
  let dir: string;
  let planned: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-bulletin-'));
    planned = await planExampleFile(dir, 'example', EXAMPLE, 'zh', NOW);
  }, LO_TIMEOUT);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const bulletin = async (
    args: string[],
  ): Promise<{ code: number; out: string[]; err: string[] }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['bulletin', ...args], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out, err };
  };

  it('refuses to run without an output', async () => {
    const r = await bulletin([planned, '--now', NOW]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err[0]).toContain('IN.xlsx -o 通报.docx');
  });

  it('refuses the input as the output', async () => {
    const r = await bulletin([planned, '-o', planned, '--now', NOW]);
    expect(r.code).toBe(EXIT.files);
  });

  it.skipIf(!requireLibreOffice())(
    'writes a .docx that LibreOffice opens, holding the engine’s figures',
    async () => {
      const docx = join(dir, 'bulletin.docx');
      const r = await bulletin([planned, '-o', docx, '--now', NOW]);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(EXIT.ok);
      expect((await readFile(docx)).subarray(0, 2).toString()).toBe('PK');
      const [pdf] = await convert([docx], 'pdf', join(dir, 'pdf'), { timeoutMs: LO_TIMEOUT });
      const text = spawnSync('pdftotext', ['-layout', pdf ?? outOfBounds(), '-'], {
        encoding: 'utf8',
      }).stdout.replace(/\s+/g, '');
      // The engine's figures for the same workbook.
      const e = runPipeline(exampleGrids(), {
        today: PANE_NOW.today,
        generatedAt: PANE_NOW.stamp,
        lang: 'zh',
      });
      if (!e.ok) throw new Error('the example plans');
      expect(text).toContain('腊口镇2025年1-8月工业经济目标任务完成情况通报');
      for (const p of e.plan.progress) {
        const a = p.area;
        expect(text).toContain(
          `${p.indicator}：年度目标${Number((a.target / 1e4).toFixed(2))}亿元`,
        );
        expect(text).toContain(`完成年度目标的${((a.completion ?? 0) * 100).toFixed(1)}%`);
      }
      const p = e.plan.progress[0] ?? outOfBounds();
      const round = e.round.indicators[0] ?? outOfBounds();
      for (const i of [...round.red, ...round.black]) {
        expect(text).toContain(p.rows[i]?.enterprise ?? outOfBounds());
      }
      for (const row of p.rows.filter((x) => x.flag === 'seriouslyBehind'))
        expect(text).toContain(row.enterprise);
      expect(text).toContain('红榜');
      expect(text).toContain('黑榜');
      expect(text).toContain('督办');
    },
    LO_TIMEOUT,
  );
});
