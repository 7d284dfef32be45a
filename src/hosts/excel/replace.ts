/**
 * The last step of a rebuild and its undo. The new outputs are complete under temporary names;
 * then one request puts them in place:
 *  - an output that exists already is rewritten **in place**: its cells are cleared and the new
 *    version is copied over them (`copyFrom(…, 'All')`), its sheet-level settings (widths, heights,
 *    conditional formats, validations, freeze, AutoFilter, page setup) are applied again, and the
 *    temporary sheet is deleted. The sheet itself is never deleted or renamed away, so the user's
 *    formulas, defined names, data validations and charts that point into it keep working (a
 *    deleted sheet would turn them into #REF!);
 *  - a new output's temporary sheet takes its name and place;
 *  - the superseded sheets (`spec.remove`, the other language's outputs) that carry the
 *    generated note are deleted.
 * If a request fails or the user cancels before that request, `recover` removes the temporary
 * sheets: the old outputs were never touched. If the in-place request itself fails part-way, the
 * complete new version is still there: `recover` sends the swap again, so the outputs end whole
 * (or, if that fails too, the error says so and the new version stays under its temporary name).
 */
import type { SheetSpec } from '../../workbook/spec';
import { applyStep } from './apply';
import { ACTION_BYTES } from './bytes';
import { ALL_FEATURES, type ExcelFeatures } from './features';
import { sameSheet, TEMP_PREFIX } from './names';
import type { Step } from './plan';

/** A sheet as loaded from the workbook. */
export interface ExistingSheet {
  readonly name: string;
  readonly id: string;
  readonly position: number;
  /** 'Visible', 'Hidden' or 'VeryHidden' (absent in tests that make sheets by hand). */
  readonly visibility?: string;
}

/** One output being rebuilt: its spec, its temporary name, the sheet it replaces, and (once added) its id. */
export interface Output {
  readonly spec: SheetSpec;
  readonly index: number;
  readonly temp: string;
  readonly old: ExistingSheet | undefined;
  /** The planned steps a copy of cells does not carry (applied again to the old sheet). */
  sheetSteps?: readonly Step[];
  /** Rows × columns of the spec's grid (what is copied over the old sheet). */
  size?: { readonly rows: number; readonly cols: number };
  newId?: string;
}

/** Steps that set what a copy of cells does not bring: sheet settings, rules on ranges. */
export const SHEET_LEVEL: ReadonlySet<Step['kind']> = new Set([
  'width',
  'height',
  'merge',
  'cf',
  'validation',
  'freeze',
  'autoFilter',
  'print',
]);

/** Loads the name, id and position of every sheet (queues the load; the caller syncs). */
export function loadSheets(ctx: Excel.RequestContext): () => ExistingSheet[] {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name,items/id,items/position,items/visibility'); // ExcelApi 1.1
  return () =>
    sheets.items.map((w) => ({
      name: w.name,
      id: w.id,
      position: w.position,
      visibility: w.visibility,
    }));
}

/**
 * Queues the deletion of `sheet`. A very hidden sheet (a leftover or an output a user or a macro
 * hid so, which no menu can show) cannot be deleted as it is (InvalidOperation): it is made
 * merely hidden first.
 */
export function queueDelete(ctx: Excel.RequestContext, sheet: ExistingSheet): void {
  const ws = ctx.workbook.worksheets.getItem(sheet.id); // ExcelApi 1.1
  if (sheet.visibility === 'VeryHidden') ws.visibility = 'Hidden'; // ExcelApi 1.1
  ws.delete(); // ExcelApi 1.1
}

/** Sheets left behind by an interrupted run (reserved temporary names). */
export const leftovers = (existing: readonly ExistingSheet[]): ExistingSheet[] =>
  existing.filter((s) => TEMP_PREFIX.test(s.name));

/**
 * Queues the in-place swap (see above) and returns its estimated request bytes. Every output must
 * have `newId`; `removed` are the superseded sheets to delete.
 */
export function queueSwap(
  ctx: Excel.RequestContext,
  outputs: readonly Output[],
  existing: readonly ExistingSheet[],
  removed: readonly ExistingSheet[] = [],
  features: ExcelFeatures = ALL_FEATURES,
): number {
  const sheets = ctx.workbook.worksheets;
  const app = ctx.workbook.application;
  app.suspendApiCalculationUntilNextSync(); // ExcelApi 1.6
  if (features.screenUpdating) app.suspendScreenUpdatingUntilNextSync(); // ExcelApi 1.9
  let actions = 2;
  let bytes = 0;
  for (const o of outputs) {
    if (!o.old) continue;
    const old = sheets.getItem(o.old.id); // ExcelApi 1.1
    actions++;
    // Without copyFrom the cells were sent into the old sheet already (write.ts, `rewrites`).
    if (features.copyFrom) {
      const all = queueClear(old, features, true);
      actions += 3;
      const { rows, cols } = o.size ?? { rows: 0, cols: 0 };
      if (rows > 0 && cols > 0) {
        const source = sheets.getItem(newId(o)).getRangeByIndexes(0, 0, rows, cols);
        old.getRangeByIndexes(0, 0, rows, cols).copyFrom(source, 'All'); // ExcelApi 1.9
        actions += 5;
      }
      // Whatever rules the copy brought or the old sheet had go; the planned ones are set again.
      queueClearRules(old, all, features);
      actions += 8;
      for (const step of o.sheetSteps ?? []) {
        applyStep(old, step);
        bytes += step.bytes;
      }
    }
    if (o.old.name !== o.spec.name) old.name = o.spec.name; // the spec's spelling
    // A very hidden output (no menu can show it) is shown; a merely hidden one stays as the
    // user left it (Unhide shows it).
    if (o.old.visibility === 'VeryHidden') old.visibility = 'Visible'; // ExcelApi 1.1
    actions += 3;
  }
  // Only once every copy is queued: a missing new sheet then tells `recover` the copies were done.
  for (const o of outputs) if (o.old) sheets.getItem(newId(o)).delete();
  for (const o of outputs) if (!o.old) sheets.getItem(newId(o)).name = o.spec.name;
  for (const s of removed) queueDelete(ctx, s);
  actions += 2 * outputs.length + 3 * removed.length;
  actions += queuePositions(ctx, outputs, existing, removed);
  // Calculation was suspended while writing: calculate what is dirty (the new cells and what
  // depends on them), not the whole workbook as 'Full' would.
  app.calculate('Recalculate'); // ExcelApi 1.1
  return (actions + 1) * ACTION_BYTES + bytes + 64 * outputs.length;
}

/**
 * Queues the clearing of an old output about to be rewritten in place: its cells (values,
 * formulas, formats) and, unless `rulesLater`, its rules too. Returns the whole-sheet range.
 */
export function queueClear(
  old: Excel.Worksheet,
  features: ExcelFeatures,
  rulesLater: boolean,
): Excel.Range {
  const all = old.getRange(); // the whole sheet, ExcelApi 1.1
  all.clear('All'); // ExcelApi 1.1: values, formulas and formats
  all.unmerge(); // ExcelApi 1.2: the old merges go too (the planned ones are set again)
  if (!rulesLater) queueClearRules(old, all, features);
  return all;
}

/** Queues the removal of a sheet's rules: conditional formats, validations, filter, freeze. */
function queueClearRules(old: Excel.Worksheet, all: Excel.Range, features: ExcelFeatures): void {
  all.conditionalFormats.clearAll(); // ExcelApi 1.6
  if (features.dataValidation) all.dataValidation.clear(); // ExcelApi 1.8
  if (features.autoFilter) old.autoFilter.remove(); // ExcelApi 1.9
  old.freezePanes.unfreeze(); // ExcelApi 1.7
}

/** Puts each new output after the sheets kept, in spec order; returns the actions queued. */
function queuePositions(
  ctx: Excel.RequestContext,
  outputs: readonly Output[],
  existing: readonly ExistingSheet[],
  removed: readonly ExistingSheet[],
): number {
  const fresh = outputs.filter((o) => !o.old);
  if (fresh.length === 0) return 0;
  const kept = existing.filter(
    (s) => !TEMP_PREFIX.test(s.name) && !removed.some((r) => r.id === s.id),
  ).length;
  fresh.forEach((o, i) => {
    ctx.workbook.worksheets.getItem(newId(o)).position = kept + i; // ExcelApi 1.1
  });
  return 2 * fresh.length;
}

const newId = (o: Output): string => {
  if (o.newId === undefined) throw new Error(`internal: sheet "${o.spec.name}" has no id`);
  return o.newId;
};

/**
 * Puts the workbook back after a failure or a cancel (two requests). Before the swap (`redo`
 * absent) the old outputs are untouched: the new sheets are deleted. During it, if the new sheet
 * of every output rewritten in place is still there, the copies may be half done: `redo` queues the
 * whole swap again (it is idempotent while the new sheets exist; without copyFrom it sends the
 * in-place rewrites again too). Otherwise the copies were done
 * (the new sheets are deleted only after them): what is left is deleted or named. Sheets are found
 * by id, or by temporary name for new sheets whose id was never read.
 */
export async function recover(
  ctx: Excel.RequestContext,
  sync: () => Promise<void>,
  outputs: readonly Output[],
  redo?: () => Promise<void>,
): Promise<void> {
  const read = loadSheets(ctx);
  await sync();
  const list = read();
  const present = new Map(list.map((s) => [s.id, s.name]));
  const sheets = ctx.workbook.worksheets;
  const inPlace = outputs.filter((o) => o.old);
  if (!redo) {
    for (const s of list)
      if (outputs.some((o) => o.newId === s.id || sameSheet(s.name, o.temp)))
        sheets.getItem(s.id).delete();
  } else if (inPlace.length > 0 && inPlace.every((o) => present.has(o.newId ?? ''))) {
    await redo(); // sends its own requests
    return;
  } else {
    for (const o of outputs) {
      const id = o.newId;
      if (id === undefined || !present.has(id)) continue;
      if (o.old) sheets.getItem(id).delete();
      else if (present.get(id) !== o.spec.name) sheets.getItem(id).name = o.spec.name;
    }
  }
  await sync();
}
