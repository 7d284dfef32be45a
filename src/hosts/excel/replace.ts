/**
 * The last step of a rebuild and its undo. The new outputs are complete under temporary names;
 * one request retires the old outputs, gives the new ones their names and places, then deletes the
 * old ones. If a request fails or the user cancels, `recover` puts the workbook back: before any old
 * output is deleted it removes the new sheets and restores the old names (the old outputs stay
 * whole); after that it finishes the swap, since the new outputs are complete.
 */
import type { SheetSpec } from '../../workbook/spec';
import { ACTION_BYTES } from './bytes';
import { retiredName, sameSheet, TEMP_PREFIX } from './names';

/** A sheet as loaded from the workbook. */
export interface ExistingSheet {
  readonly name: string;
  readonly id: string;
  readonly position: number;
}

/** One output being rebuilt: its spec, its temporary name, the sheet it replaces, and (once added) its id. */
export interface Output {
  readonly spec: SheetSpec;
  readonly index: number;
  readonly temp: string;
  readonly old: ExistingSheet | undefined;
  newId?: string;
}

/** Loads the name, id and position of every sheet (queues the load; the caller syncs). */
export function loadSheets(ctx: Excel.RequestContext): () => ExistingSheet[] {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name,items/id,items/position'); // ExcelApi 1.1
  return () => sheets.items.map((w) => ({ name: w.name, id: w.id, position: w.position }));
}

/** Sheets left behind by an interrupted run (reserved temporary names). */
export const leftovers = (existing: readonly ExistingSheet[]): ExistingSheet[] =>
  existing.filter((s) => TEMP_PREFIX.test(s.name));

/** Queues the swap and returns its estimated request bytes. Every output must have `newId`. */
export function queueSwap(
  ctx: Excel.RequestContext,
  outputs: readonly Output[],
  existing: readonly ExistingSheet[],
): number {
  const sheets = ctx.workbook.worksheets;
  const app = ctx.workbook.application;
  app.suspendScreenUpdatingUntilNextSync(); // ExcelApi 1.9
  let actions = 2;
  for (const o of outputs) {
    if (o.old) sheets.getItem(o.old.id).name = retiredName(o.index);
    actions += o.old ? 2 : 0;
  }
  for (const o of outputs) sheets.getItem(newId(o)).name = o.spec.name;
  for (const o of outputs) if (o.old) sheets.getItem(o.old.id).delete();
  actions += 2 * outputs.length + 2 * outputs.filter((o) => o.old).length;
  // Put each new output where its old one was; new ones go after the rest, in spec order.
  const order: string[] = [];
  const kept = existing
    .filter((s) => !TEMP_PREFIX.test(s.name))
    .sort((a, b) => a.position - b.position);
  for (const s of kept) {
    const o = outputs.find((x) => x.old?.id === s.id);
    order.push(o ? newId(o) : s.id);
  }
  for (const o of outputs) if (!o.old) order.push(newId(o));
  order.forEach((id, position) => {
    if (outputs.some((o) => o.newId === id)) {
      sheets.getItem(id).position = position; // ExcelApi 1.1
      actions += 2;
    }
  });
  // Calculation was suspended while writing; recalculate so every cached value is current.
  app.calculate('Full'); // ExcelApi 1.1
  return (actions + 1) * ACTION_BYTES + 64 * outputs.length;
}

const newId = (o: Output): string => {
  if (o.newId === undefined) throw new Error(`internal: sheet "${o.spec.name}" has no id`);
  return o.newId;
};

/**
 * Puts the workbook back after a failure or a cancel (two requests). Sheets are found by id, or
 * by temporary name for new sheets whose id was never read.
 */
export async function recover(
  ctx: Excel.RequestContext,
  sync: () => Promise<void>,
  outputs: readonly Output[],
): Promise<void> {
  const read = loadSheets(ctx);
  await sync();
  const present = new Map(read().map((s) => [s.id, s.name]));
  const sheets = ctx.workbook.worksheets;
  const olds = outputs.filter((o) => o.old !== undefined);
  const ours = new Set<string>();
  for (const [id, name] of present) {
    if (outputs.some((o) => o.newId === id || sameSheet(name, o.temp))) ours.add(id);
  }
  if (olds.every((o) => present.has((o.old as ExistingSheet).id))) {
    for (const id of ours) sheets.getItem(id).delete();
    for (const o of olds) {
      const old = o.old as ExistingSheet;
      if (present.get(old.id) !== o.spec.name) sheets.getItem(old.id).name = o.spec.name;
    }
  } else {
    for (const o of olds)
      if (present.has((o.old as ExistingSheet).id))
        sheets.getItem((o.old as ExistingSheet).id).delete();
    for (const o of outputs) {
      if (o.newId !== undefined && present.has(o.newId) && present.get(o.newId) !== o.spec.name)
        sheets.getItem(o.newId).name = o.spec.name;
    }
  }
  await sync();
}
