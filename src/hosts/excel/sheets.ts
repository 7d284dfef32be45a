/**
 * Small workbook operations the task pane needs: list sheets, jump to a cell, and add missing
 * input sheets from a template without touching the sheets that exist.
 */
import type { WorkbookSpec } from '../../workbook/spec';
import type { ExcelFeatures } from './features';
import { assertOutputNames, sameSheet } from './names';
import { counter, probe, rebuild, type WriteStats } from './write';

/** Names of every worksheet, in tab order (one request). */
export async function workbookSheetNames(ctx: Excel.RequestContext): Promise<string[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name'); // ExcelApi 1.1
  await ctx.sync();
  return sheets.items.map((w) => w.name);
}

/** Activates `sheet` and selects `cell` (an A1 cell or range such as 'C7'), in one request. */
export async function selectCell(
  ctx: Excel.RequestContext,
  sheet: string,
  cell: string,
): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(sheet); // ExcelApi 1.1
  ws.activate(); // ExcelApi 1.1
  ws.getRange(cell).select(); // ExcelApi 1.1
  await ctx.sync();
}

/**
 * Adds the sheets of `template` that the workbook lacks (compared as Excel does, ignoring case),
 * written whole or not at all; existing sheets are never touched. Returns the names added.
 */
export async function createSheets(
  ctx: Excel.RequestContext,
  template: WorkbookSpec,
  opts: {
    readonly signal?: AbortSignal;
    readonly maxRequestBytes?: number;
    readonly features?: ExcelFeatures;
  } = {},
): Promise<{ readonly created: string[]; readonly stats: WriteStats }> {
  const { stats, sync } = counter(ctx);
  const read = probe(ctx);
  await sync();
  const existing = read();
  const missing = template.sheets.filter((s) => !existing.some((e) => sameSheet(e.name, s.name)));
  assertOutputNames(
    missing.map((s) => s.name),
    [],
  );
  if (missing.length > 0)
    await rebuild(ctx, missing, existing, { inputSheetNames: [], ...opts }, stats, sync);
  return { created: missing.map((s) => s.name), stats };
}
