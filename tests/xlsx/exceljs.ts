/** Typed access to ExcelJS worksheet parts its type declarations leave out. */
import type ExcelJS from 'exceljs';

/** The conditional formats ExcelJS read or was given (`worksheet.conditionalFormattings`, untyped). */
export function conditionalFormattingsOf(
  ws: ExcelJS.Worksheet | undefined,
): ExcelJS.ConditionalFormattingOptions[] {
  const cfs: unknown = (ws as unknown as { conditionalFormattings?: unknown } | undefined)
    ?.conditionalFormattings;
  return Array.isArray(cfs) ? (cfs as ExcelJS.ConditionalFormattingOptions[]) : [];
}

/** The formulae of an expression rule (undefined for other rule types). */
export const formulaeOf = (rule: ExcelJS.ConditionalFormattingRule): unknown[] | undefined =>
  rule.type === 'expression' ? rule.formulae : undefined;
