/**
 * The Run settings as the user edits them (text, so a half-typed number stays on screen), their
 * validation, and the overrides they make for a run. Pure: tested without a browser.
 */
import { toHalfWidth } from '../../../engine';
import { DEFAULT_THRESHOLDS } from '../../../workbook/read';
import type { RunOverrides, SheetSettings } from '../../run';

/** The form's values. */
export interface RunSettingsValue {
  /** A month 1–12, or 'auto' for the latest month in Actuals. */
  readonly reportMonth: number | 'auto';
  /** Percentage points, as typed. */
  readonly behind: string;
  readonly serious: string;
}

/** What is wrong with each field, if anything. */
export interface RunSettingsProblems {
  readonly behind?: 'invalid';
  readonly serious?: 'invalid' | 'belowBehind';
}

/** The form prefilled from the Settings sheet. */
export function settingsValueFrom(sheet: SheetSettings | undefined): RunSettingsValue {
  return {
    reportMonth: sheet?.reportMonth ?? 'auto',
    behind: String((sheet ?? DEFAULT_THRESHOLDS).behindThreshold),
    serious: String((sheet ?? DEFAULT_THRESHOLDS).seriousThreshold),
  };
}

/** A typed threshold: a finite number ≥ 0 (full-width digits and a trailing % are accepted). */
export function parseThreshold(text: string): number | undefined {
  const t = toHalfWidth(text).replace(/%$/, '').trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The problems of a form value (an empty object when it is valid). */
export function settingsProblems(v: RunSettingsValue): RunSettingsProblems {
  const behind = parseThreshold(v.behind);
  const serious = parseThreshold(v.serious);
  return {
    ...(behind === undefined ? { behind: 'invalid' as const } : {}),
    ...(serious === undefined
      ? { serious: 'invalid' as const }
      : behind !== undefined && serious < behind
        ? { serious: 'belowBehind' as const }
        : {}),
  };
}

/**
 * The overrides of a valid form: each value that differs from the sheet's (so an untouched form
 * follows the Settings sheet as it is when the run reads it). Undefined when the form is not valid.
 */
export function overridesOf(
  v: RunSettingsValue,
  sheet: SheetSettings | undefined,
): RunOverrides | undefined {
  const p = settingsProblems(v);
  if (p.behind || p.serious) return undefined;
  const behind = parseThreshold(v.behind) as number;
  const serious = parseThreshold(v.serious) as number;
  const base = sheet ?? DEFAULT_THRESHOLDS;
  return {
    ...(v.reportMonth !== 'auto' && v.reportMonth !== sheet?.reportMonth
      ? { reportMonth: v.reportMonth }
      : {}),
    ...(behind !== base.behindThreshold ? { behindThreshold: behind } : {}),
    ...(serious !== base.seriousThreshold ? { seriousThreshold: serious } : {}),
  };
}

/** Whether the form differs from the sheet's values. */
export function isModified(v: RunSettingsValue, sheet: SheetSettings | undefined): boolean {
  const d = settingsValueFrom(sheet);
  return (
    v.reportMonth !== d.reportMonth ||
    parseThreshold(v.behind) !== parseThreshold(d.behind) ||
    parseThreshold(v.serious) !== parseThreshold(d.serious)
  );
}
