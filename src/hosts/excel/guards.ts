/**
 * Guards for live Excel's real-world states, each turned into a catalogue message the pane shows
 * (src/engine/errors.ts): a user editing a cell, a protected workbook structure or output sheet,
 * and a request Excel never answers (Excel on the web can leave a sync pending for good).
 */
import { fenjieError, type FenjieError } from '../../engine';
import { HostError } from '../host';

/** How long one request may take before the run gives up (a large write on a slow PC takes ~1 min). */
export const SYNC_TIMEOUT_MS = 180_000;

/** The error a request that never returned ends the run with. */
export class SyncTimeoutError extends HostError {
  constructor(ms: number) {
    super([fenjieError('ExcelNotResponding', { seconds: Math.round(ms / 1000) })]);
  }
}

/**
 * `ctx.sync()` with a watchdog: rejects with `SyncTimeoutError` when Excel has not answered in
 * `ms` (the request may still run; the next run deletes what it left).
 */
export function syncWithin(ctx: Excel.RequestContext, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SyncTimeoutError(ms)), ms);
    ctx.sync().then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        // Office.js's own error as it came (its code is what `hostErrorOf` reads; it may come
        // from another realm, where `instanceof Error` is false).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- see above
        reject(typeof error === 'object' && error !== null ? error : new Error(String(error)));
      },
    );
  });
}

/** Office.js error codes a user can act on, and the catalogue error each becomes. */
const KNOWN: Readonly<Record<string, () => FenjieError>> = {
  InvalidOperationInCellEditMode: () => fenjieError('ExcelCellEditing', {}),
};

/** A HostError for an Office.js error the user can act on; any other error unchanged. */
export function hostErrorOf(error: unknown): unknown {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = KNOWN[code];
  return known ? new HostError([known()]) : error;
}

/** Refuses a write into a workbook whose structure is protected (sheets cannot be added). */
export function structureProtected(): HostError {
  return new HostError([fenjieError('ExcelStructureProtected', {})]);
}

/** Refuses to rewrite the protected sheet `sheet`. */
export function sheetProtected(sheet: string): HostError {
  return new HostError([fenjieError('ExcelSheetProtected', {}, { sheet })]);
}
