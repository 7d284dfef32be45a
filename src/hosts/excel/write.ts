/**
 * Writes a WorkbookSpec into live Excel through Office.js, atomically and in few requests.
 *
 * Requests (each one `context.sync()`):
 *  1. read the sheet list (names, ids, positions);
 *  2…k+1. the k write batches: batch 1 adds every output under a temporary name (`~fj<n>~name`)
 *     and reads A2 of the superseded sheets (`spec.remove`); steps are packed greedily into
 *     batches under `maxRequestBytes`, so k = 1 unless the payload is larger than one request may
 *     carry;
 *  k+2. the swap (see replace.ts): an output that exists is rewritten in place from its complete
 *     new version (so references into it survive), a new one takes its name, superseded sheets
 *     that carry the generated note are deleted.
 *     A host without `copyFrom` (ExcelApi 1.7 or 1.8, features.ts) sends each output rewritten in
 *     place again instead of copying it: its old sheet cleared, then every step, in as many
 *     requests as its bytes need, before that last request (which then copies nothing).
 * Calculation and screen updating are suspended for every writing request. Formulas that refer
 * to a new output are written against its temporary name, and Excel renames them with the sheet;
 * those that refer to an existing output use its name. On failure or cancel the old outputs stay
 * whole (see `recover`); the error is rethrown.
 */
import { isGeneratedNote } from '../../workbook/note';
import type { SheetSpec, WorkbookSpec } from '../../workbook/spec';
import { ACTION_BYTES, DEFAULT_MAX_REQUEST_BYTES, REQUEST_LIMIT_BYTES, utf8Length } from './bytes';
import { throwIfAborted } from '../abort';
import { applyStep } from './apply';
import {
  sheetProtected,
  structureProtected,
  SYNC_TIMEOUT_MS,
  syncWithin,
  SyncTimeoutError,
} from './guards';
import { ALL_FEATURES, type ExcelFeatures } from './features';
import { assertOutputNames, sameSheet, tempName } from './names';
import { planSheet, type PlanOptions, type Step } from './plan';
import {
  leftovers,
  loadSheets,
  queueClear,
  queueDelete,
  queueSwap,
  recover,
  SHEET_LEVEL,
  type ExistingSheet,
  type Output,
} from './replace';

/** Options of `writeSpec`. */
export interface WriteOptions {
  /** Sheets the writer must never touch; an output with one of these names is refused. */
  readonly inputSheetNames: readonly string[];
  /** Largest estimated request, in bytes (default 3.5 MB: the 4 MB cap less a margin). */
  readonly maxRequestBytes?: number;
  /** Called as work proceeds: stage 'probe' | 'write' | 'replace', fraction 0–1 of that stage. */
  readonly onProgress?: (stage: string, fraction: number) => void;
  /** Checked before every request; when aborted the old outputs are kept and the reason is thrown. */
  readonly signal?: AbortSignal;
  /** Copy runs of like formulas down with one `copyFrom` instead of sending each (default true). */
  readonly fillDown?: boolean;
  /** Sheets the spec supersedes: deleted if they carry the generated note in A2 (`spec.remove`). */
  readonly remove?: readonly string[];
  /** Longest wait for one request before the run gives up (default 3 minutes). */
  readonly syncTimeoutMs?: number;
  /** What the host offers above ExcelApi 1.7 (default: everything, ExcelApi 1.9). */
  readonly features?: ExcelFeatures;
}

/** What a write cost: requests, batches, bytes and cells. */
export interface WriteStats {
  /** `context.sync()` calls made, recovery included. */
  syncs: number;
  /** Write batches (requests that carried cells). */
  batches: number;
  /** Largest estimated request, in bytes. */
  largestRequestBytes: number;
  /** Estimated bytes of every request sent, in order. */
  readonly requestBytes: number[];
  /** Cells given a value or formula (copied cells included). */
  cellsWritten: number;
}

const BATCH_BYTES = 4 * ACTION_BYTES; // two suspend calls and slack
const PROBE_BYTES = 2 * ACTION_BYTES;

/**
 * Rebuilds the output sheets of `spec` in the workbook: all or nothing, never touching an input sheet.
 * @throws if a sheet name is invalid or names an input sheet (before any request), or rethrows
 *   the failure of any request after putting the workbook back.
 */
export async function writeSpec(
  ctx: Excel.RequestContext,
  spec: WorkbookSpec,
  opts: WriteOptions,
): Promise<WriteStats> {
  assertOutputNames(
    spec.sheets.map((s) => s.name),
    opts.inputSheetNames,
  );
  const { stats, sync } = counter(ctx, opts.syncTimeoutMs);
  throwIfAborted(opts.signal);
  opts.onProgress?.('probe', 0);
  const read = probe(ctx);
  stats.requestBytes.push(PROBE_BYTES);
  await sync();
  await rebuild(ctx, spec.sheets, read(), { ...opts, remove: spec.remove ?? [] }, stats, sync);
  return stats;
}

/**
 * Queues the first request's reads: the sheet list, and whether the structure is protected
 * (ExcelApi 1.7). The getter, after the sync, refuses a protected structure before anything
 * is written.
 */
export function probe(ctx: Excel.RequestContext): () => ExistingSheet[] {
  const read = loadSheets(ctx);
  const protection = ctx.workbook.protection; // ExcelApi 1.7
  protection.load('protected');
  return () => {
    if (protection.protected) throw structureProtected();
    return read();
  };
}

/** A stats record and a `sync` that counts into it, each with the watchdog. */
export function counter(
  ctx: Excel.RequestContext,
  timeoutMs = SYNC_TIMEOUT_MS,
): {
  stats: WriteStats;
  sync: () => Promise<void>;
} {
  const stats: WriteStats = {
    syncs: 0,
    batches: 0,
    largestRequestBytes: 0,
    requestBytes: [],
    cellsWritten: 0,
  };
  const sync = async (): Promise<void> => {
    stats.syncs++;
    await syncWithin(ctx, timeoutMs);
  };
  return { stats, sync };
}

interface Batch {
  bytes: number;
  /** Each step with its sheet; `first` on the sheet's first step of the whole write. */
  readonly items: { readonly output: Output; readonly step: Step; readonly first: boolean }[];
}

/** Clearing a sheet's cells and rules (queueClear): six actions and slack. */
const CLEAR_BYTES = 8 * ACTION_BYTES;

/** Builds `sheets` under temporary names and swaps them in (the workbook's sheet list already read). */
export async function rebuild(
  ctx: Excel.RequestContext,
  sheets: readonly SheetSpec[],
  existing: readonly ExistingSheet[],
  opts: WriteOptions,
  stats: WriteStats,
  sync: () => Promise<void>,
): Promise<void> {
  const maxBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  if (maxBytes > REQUEST_LIMIT_BYTES)
    throw new Error(`maxRequestBytes ${maxBytes} is over the ${REQUEST_LIMIT_BYTES}-byte cap`);
  if (maxBytes < 16 * ACTION_BYTES) throw new Error(`maxRequestBytes ${maxBytes} is too small`);
  const outputs: Output[] = sheets.map((spec, index) => ({
    spec,
    index,
    temp: tempName(index, spec.name),
    old: existing.find((s) => sameSheet(s.name, spec.name)),
  }));
  const stale = leftovers(existing).filter(
    (s) => !opts.inputSheetNames.some((n) => sameSheet(n, s.name)),
  );
  // A formula names a new output by its temporary name (renamed with it), an existing one by its
  // own name (the new version is copied into it).
  const renames = new Map(
    outputs.filter((o) => !o.old).map((o) => [o.spec.name.toLowerCase(), o.temp]),
  );
  const maxStepBytes = maxBytes - BATCH_BYTES - ACTION_BYTES - 128;
  const features = opts.features ?? ALL_FEATURES;
  const plan: PlanOptions = { renames, maxStepBytes, fillDown: opts.fillDown, features };
  const planned = new Map(outputs.map((o) => [o, planSheet(o.spec, plan)]));
  for (const o of outputs) {
    o.sheetSteps = (planned.get(o) ?? []).filter((step) => SHEET_LEVEL.has(step.kind));
    o.size = {
      rows: o.spec.rows.length,
      cols: o.spec.rows.reduce((m, row) => Math.max(m, row.length), 0),
    };
  }
  const superseded = existing.filter(
    (s) =>
      (opts.remove ?? []).some((n) => sameSheet(n, s.name)) &&
      !outputs.some((o) => o.old?.id === s.id) &&
      !opts.inputSheetNames.some((n) => sameSheet(n, s.name)),
  );
  const batches = pack(outputs, planned, maxBytes, 2 * stale.length + 2 * superseded.length);
  // Without copyFrom, an output rewritten in place is cleared and gets every step again.
  const rewrites = features.copyFrom
    ? []
    : pack(
        outputs.filter((o) => o.old),
        planned,
        maxBytes,
        0,
        CLEAR_BYTES,
      ).filter((b) => b.items.length > 0);
  let notes: Excel.Range[] = [];
  let guarded: { name: string; protection: Excel.WorksheetProtection }[] = [];
  /** Once the swap has begun: sends it again (recovery of a swap that failed part-way). */
  let redo: (() => Promise<void>) | undefined;
  stats.cellsWritten = batches.reduce(
    (n, b) => n + b.items.reduce((m, i) => m + i.step.cells, 0),
    0,
  );
  try {
    for (const [k, batch] of batches.entries()) {
      throwIfAborted(opts.signal);
      const app = ctx.workbook.application;
      app.suspendApiCalculationUntilNextSync(); // ExcelApi 1.6
      if (features.screenUpdating) app.suspendScreenUpdatingUntilNextSync(); // ExcelApi 1.9
      const proxies = new Map<Output, Excel.Worksheet>();
      const added: [Output, Excel.Worksheet][] = [];
      if (k === 0) {
        for (const s of stale) queueDelete(ctx, s);
        // Outputs rewritten in place must not be protected: checked before any is touched.
        guarded = outputs.flatMap((o) => {
          if (!o.old) return [];
          const protection = ctx.workbook.worksheets.getItem(o.old.id).protection; // ExcelApi 1.2
          protection.load('protected');
          return [{ name: o.old.name, protection }];
        });
        notes = superseded.map((s) => {
          const a2 = ctx.workbook.worksheets.getItem(s.id).getRange('A2'); // ExcelApi 1.1
          a2.load('values');
          return a2;
        });
        for (const o of outputs) {
          const ws = ctx.workbook.worksheets.add(o.temp); // ExcelApi 1.1, added at the end
          ws.load('id');
          proxies.set(o, ws);
          added.push([o, ws]);
        }
      }
      for (const { output, step } of batch.items) {
        let ws = proxies.get(output);
        if (!ws) {
          ws = ctx.workbook.worksheets.getItem(output.temp);
          proxies.set(output, ws);
        }
        applyStep(ws, step);
      }
      stats.requestBytes.push(batch.bytes);
      await sync();
      for (const [o, ws] of added) o.newId = ws.id;
      const locked = k === 0 ? guarded.find((g) => g.protection.protected) : undefined;
      if (locked) throw sheetProtected(locked.name);
      stats.batches++;
      opts.onProgress?.('write', (k + 1) / batches.length);
    }
    throwIfAborted(opts.signal);
    opts.onProgress?.('replace', 0);
    const removed = superseded.filter((_, i) => {
      const a2: unknown = notes[i]?.values[0]?.[0];
      return typeof a2 === 'string' && isGeneratedNote(a2);
    });
    redo = async (): Promise<void> => {
      for (const batch of rewrites) {
        queueRewrite(ctx, batch, features);
        stats.requestBytes.push(batch.bytes);
        await sync();
      }
      stats.requestBytes.push(queueSwap(ctx, outputs, existing, removed, features));
      await sync();
    };
    await redo();
  } catch (error) {
    await undo(ctx, sync, outputs, error, redo);
  } finally {
    stats.largestRequestBytes = Math.max(0, ...stats.requestBytes);
  }
  opts.onProgress?.('replace', 1);
}

/**
 * Queues one batch of an in-place rewrite without copyFrom: each output's old sheet is cleared
 * before its first step, then the steps are applied to it.
 */
function queueRewrite(ctx: Excel.RequestContext, batch: Batch, features: ExcelFeatures): void {
  const app = ctx.workbook.application;
  app.suspendApiCalculationUntilNextSync(); // ExcelApi 1.6
  if (features.screenUpdating) app.suspendScreenUpdatingUntilNextSync(); // ExcelApi 1.9
  const proxies = new Map<Output, Excel.Worksheet>();
  for (const { output, step, first } of batch.items) {
    const id = output.old?.id;
    if (id === undefined) continue;
    let ws = proxies.get(output);
    if (!ws) {
      ws = ctx.workbook.worksheets.getItem(id); // ExcelApi 1.1
      proxies.set(output, ws);
    }
    if (first) queueClear(ws, features, false);
    applyStep(ws, step);
  }
}

/** Restores the workbook, then rethrows `error` (with the recovery failure too, if any). */
async function undo(
  ctx: Excel.RequestContext,
  sync: () => Promise<void>,
  outputs: readonly Output[],
  error: unknown,
  redo: (() => Promise<void>) | undefined,
): Promise<never> {
  // Excel did not answer: another request would wait as long. The next run deletes what is left.
  if (error instanceof SyncTimeoutError) throw error;
  try {
    await recover(ctx, sync, outputs, redo);
  } catch (cleanup) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AggregateError(
      [error, cleanup],
      `${message} (and putting the workbook back failed too)`,
    );
  }
  throw error;
}

/** Packs every sheet's steps, in order, into batches under `maxBytes`; the first also adds the sheets. */
function pack(
  outputs: readonly Output[],
  planned: ReadonlyMap<Output, readonly Step[]>,
  maxBytes: number,
  extraActions: number,
  firstBytes = 0,
): Batch[] {
  const setup =
    (extraActions + 2 * outputs.length) * ACTION_BYTES +
    outputs.reduce((n, o) => n + utf8Length(o.temp), 0);
  // `batch` is always the last of `batches`.
  let batch: Batch = { bytes: BATCH_BYTES + setup, items: [] };
  const batches: Batch[] = [batch];
  let seen = new Set<Output>(outputs);
  for (const output of outputs) {
    let first = true;
    for (const step of planned.get(output) ?? []) {
      const getItem =
        (seen.has(output) ? 0 : ACTION_BYTES + utf8Length(output.temp)) + (first ? firstBytes : 0);
      if (
        batch.bytes + step.bytes + getItem > maxBytes &&
        (batch.items.length > 0 || batches.length === 1)
      ) {
        batch = { bytes: BATCH_BYTES, items: [] };
        batches.push(batch);
        seen = new Set();
      }
      if (!seen.has(output)) {
        batch.bytes += ACTION_BYTES + utf8Length(output.temp);
        seen.add(output);
      }
      batch.bytes += step.bytes + (first ? firstBytes : 0);
      batch.items.push({ output, step, first });
      first = false;
    }
  }
  return batches;
}
