import { describe, expect, it } from 'vitest';
import { SHEETS } from '../workbook/names';
import { runPipeline } from '../workbook/pipeline';
import { exampleGrids, NOW } from '../../tests/helpers/example-grids';
import { runWithOverrides, sheetSettings } from './run';

const example = exampleGrids();
const options = { today: NOW.today, generatedAt: NOW.stamp, lang: 'zh' as const };

describe('sheetSettings', () => {
  it('reads the sheet values as the pipeline does', () => {
    expect(sheetSettings(example)).toEqual({
      reportMonth: 8,
      behindThreshold: 5,
      seriousThreshold: 10,
    });
  });
});

describe('runWithOverrides', () => {
  it('equals the pipeline when the thresholds are the sheet values, and never touches the grids', () => {
    const before = JSON.stringify(example);
    const plain = runPipeline(example, options);
    const same = runWithOverrides(example, options, { behindThreshold: 5, seriousThreshold: 10 });
    expect(same.ok && plain.ok).toBe(true);
    if (!same.ok || !plain.ok) return;
    expect(same.spec).toEqual(plain.spec);
    expect(same.json).toEqual(plain.json);
    expect(JSON.stringify(example)).toBe(before);
  });

  it('changes the flags and the Progress sheet parameters, keeping the inputs fingerprints', () => {
    const plain = runPipeline(example, options);
    const strict = runWithOverrides(example, options, {
      behindThreshold: 1,
      seriousThreshold: 2,
      reportMonth: 7,
    });
    if (!strict.ok || !plain.ok) throw new Error('expected plans');
    expect(strict.fingerprints).toEqual(plain.fingerprints);
    expect(strict.plan.reportMonth).toBe(7);
    const progress = strict.spec.sheets.find((s) => s.name === SHEETS.progress.zh);
    expect([
      progress?.rows[2]?.[1]?.v,
      progress?.rows[2]?.[5]?.v,
      progress?.rows[2]?.[7]?.v,
    ]).toEqual([7, 1, 2]);
    expect(strict.plan.progress[0]?.counts).not.toEqual(plain.plan.progress[0]?.counts);
  });

  it('reports invalid thresholds as the engine does', () => {
    const r = runWithOverrides(example, options, { behindThreshold: 9, seriousThreshold: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('InvalidThresholds');
  });
});
