/**
 * The pane's call of the shared pipeline, with this run's overrides (report month and flag
 * thresholds from the Run settings). Overrides change the input model only for this run: the
 * input sheets are never written, and the outputs' fingerprints stay the ones of the sheets.
 */
import type { WorkbookGrids } from '../workbook/grid';
import { runPipeline, type PipelineOptions, type PipelineResult } from '../workbook/pipeline';
import { findSheet } from '../workbook/names';
import { readInputs } from '../workbook/read';

/** Values for one run that replace the Settings sheet's; undefined keeps the sheet's value. */
export interface RunOverrides {
  readonly reportMonth?: number;
  readonly behindThreshold?: number;
  readonly seriousThreshold?: number;
}

/** The settings the Run settings start from, as read from the Settings sheet (or defaults). */
export interface SheetSettings {
  /** Undefined: the latest month in Actuals. */
  readonly reportMonth?: number;
  readonly behindThreshold: number;
  readonly seriousThreshold: number;
}

/**
 * The Settings sheet's report month and thresholds, read as the pipeline reads them (from that
 * sheet alone: the other sheets, Actuals above all, are not needed for it).
 */
export function sheetSettings(grids: WorkbookGrids): SheetSettings {
  const settings = findSheet(grids.sheets, 'settings');
  const s = readInputs({ ...grids, sheets: settings ? [settings] : [] }).input.settings;
  return {
    ...(s.reportMonth !== undefined ? { reportMonth: s.reportMonth } : {}),
    behindThreshold: s.behindThreshold,
    seriousThreshold: s.seriousThreshold,
  };
}

/**
 * Runs the shared pipeline with this run's overrides. An override equal to the sheet's value (or
 * undefined) is none: the outputs then follow 参数 live; a real override is a constant in them.
 */
export function runWithOverrides(
  grids: WorkbookGrids,
  options: PipelineOptions,
  overrides: RunOverrides,
): PipelineResult {
  const sheet = sheetSettings(grids);
  const differs = <K extends keyof RunOverrides>(k: K): boolean =>
    overrides[k] !== undefined && overrides[k] !== sheet[k];
  return runPipeline(grids, {
    ...options,
    ...(differs('reportMonth') ? { reportMonth: overrides.reportMonth } : {}),
    ...(differs('behindThreshold') ? { behindThreshold: overrides.behindThreshold } : {}),
    ...(differs('seriousThreshold') ? { seriousThreshold: overrides.seriousThreshold } : {}),
  });
}
