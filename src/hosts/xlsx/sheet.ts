/**
 * Write one SheetSpec into an empty ExcelJS worksheet: values, formulas with cached results,
 * number formats, named styles, wrapping, column widths, row heights, merged cells, frozen panes, the
 * AutoFilter range, conditional formats, data validations and the page setup (with print titles
 * and area).
 * Runs in Node and in the browser: no Node imports here.
 */
import type ExcelJS from 'exceljs';
import {
  a1,
  headerFooterCode,
  listFormula,
  PAPER_SIZE,
  parseRange,
  STYLE_DEFS,
  type CellSpec,
  type ConditionalFormatSpec,
  type SheetSpec,
  type StyleName,
  type ValidationSpec,
} from '../../workbook/spec';

/** '1F4E79' → ExcelJS colour { argb: 'FF1F4E79' }. */
export const argb = (hex: string): { argb: string } => ({ argb: `FF${hex.toUpperCase()}` });

/** Fill the (new, empty) worksheet from the spec. */
export function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetSpec): void {
  // Runs of formulas the renderer marks as copies of the one above (CellSpec.down) are stored
  // as one shared formula: the first cell keeps the text, the others point at it. The file is
  // much smaller, and every spreadsheet reads it back as the individual formulas.
  const master: (string | undefined)[] = [];
  sheet.rows.forEach((row, r) => {
    row.forEach((spec, c) => {
      let sharedWith: string | undefined;
      // (`down` first: a copied-down cell's formula text is made when read, and is not needed.)
      if (spec?.down && master[c] !== undefined) sharedWith = master[c];
      else if (spec?.f === undefined) master[c] = undefined;
      else master[c] = a1(r, c);
      if (spec) writeCell(ws.getCell(r + 1, c + 1), spec, sharedWith);
    });
    // A column the row does not reach ends its run too.
    for (let c = row.length; c < master.length; c++) master[c] = undefined;
  });
  sheet.widths?.forEach((width, c) => {
    if (width > 0) ws.getColumn(c + 1).width = width;
  });
  const freeze = sheet.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    ws.views = [{ state: 'frozen', xSplit: freeze.cols, ySplit: freeze.rows }];
  }
  sheet.rowHeights?.forEach((height, r) => {
    if (height > 0) ws.getRow(r + 1).height = height;
  });
  for (const m of sheet.merges ?? []) ws.mergeCells(plainRange(m));
  if (sheet.autoFilter !== undefined) ws.autoFilter = plainRange(sheet.autoFilter);
  const print = sheet.print;
  if (print) {
    const fit = print.fitWidth;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: PAPER_SIZE[print.paper],
      orientation: print.orientation,
      ...(fit === undefined ? {} : { fitToPage: true, fitToWidth: fit, fitToHeight: 0 }),
      ...(print.gridlines ? { showGridLines: true } : {}),
      ...(print.centerHorizontally ? { horizontalCentered: true } : {}),
      ...(print.titleRows
        ? { printTitlesRow: `${print.titleRows.first}:${print.titleRows.last}` }
        : {}),
      ...(print.area !== undefined ? { printArea: plainRange(print.area) } : {}),
    };
    const header = headerFooterCode(print.header);
    const footer = headerFooterCode(print.footer);
    if (header || footer)
      ws.headerFooter = {
        ...ws.headerFooter,
        ...(header ? { oddHeader: header } : {}),
        ...(footer ? { oddFooter: footer } : {}),
      };
  }
  let priority = 1;
  for (const cf of sheet.conditionalFormats ?? []) {
    ws.addConditionalFormatting(conditionalFormatting(cf, priority));
    priority += cf.rules.length;
  }
  // Set on each cell (ExcelJS's documented way); it writes equal neighbours as one range.
  for (const v of sheet.validations ?? []) {
    const { r0, c0, r1, c1 } = parseRange(v.range);
    const dv = dataValidation(v);
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++) ws.getCell(r + 1, c + 1).dataValidation = dv;
  }
}

/** A validation in ExcelJS's form (a date bound as a Date, which it writes as a serial). */
function dataValidation(v: ValidationSpec): ExcelJS.DataValidation {
  const formulae =
    v.kind === 'list'
      ? [listFormula(v.list)]
      : v.kind === 'date'
        ? [new Date(`${v.min}T00:00:00Z`), new Date(`${v.max}T00:00:00Z`)]
        : [v.min, v.max];
  return {
    type: v.kind,
    formulae,
    allowBlank: v.allowBlank,
    ...(v.kind === 'list' ? {} : { operator: 'between' as const }),
    ...(v.prompt
      ? { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.text }
      : {}),
    showErrorMessage: true,
    ...(v.error ? { errorTitle: v.error.title, error: v.error.text } : {}),
  };
}

/** An A1 range without '$', top-left first ('$T$9:a1' → 'A1:T9'). */
function plainRange(ref: string): string {
  const { r0, c0, r1, c1 } = parseRange(ref);
  return `${a1(r0, c0)}:${a1(r1, c1)}`;
}

/** A formula without its leading '=' (the spec says none; tolerate one). */
const formulaText = (f: string): string => (f.startsWith('=') ? f.slice(1) : f);

function writeCell(cell: ExcelJS.Cell, spec: CellSpec, sharedWith?: string): void {
  if (sharedWith !== undefined) {
    cell.value =
      spec.v === null
        ? { sharedFormula: sharedWith }
        : { sharedFormula: sharedWith, result: spec.v };
  } else if (spec.f !== undefined) {
    // The cached result: null means none (the host computes it on recalculation).
    cell.value =
      spec.v === null
        ? { formula: formulaText(spec.f) }
        : { formula: formulaText(spec.f), result: spec.v };
  } else {
    // A JS string is always a (shared) string cell in ExcelJS: text beginning with '=', '+', '-'
    // or '@' is never parsed as a formula (tests/xlsx/roundtrip.test.ts proves it).
    cell.value = spec.v;
  }
  if (spec.fmt !== undefined || spec.style !== undefined || spec.wrap)
    cell.style = styleFor(spec.fmt, spec.style, spec.wrap === true);
}

/**
 * ExcelJS's default font (font 0, used by every unstyled cell). A styled cell's font starts from
 * it: a font without a name or size renders in a fallback face (LibreOffice picks a serif).
 */
const BASE_FONT: Partial<ExcelJS.Font> = {
  name: 'Calibri',
  family: 2,
  scheme: 'minor',
  size: 11,
  color: { theme: 1 },
};

const styles = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One shared, never mutated style object per (number format, named style, wrapping): ExcelJS recognises
 * an object it has seen (a WeakMap) and skips rebuilding its XML for every cell.
 */
function styleFor(
  fmt: string | undefined,
  name: StyleName | undefined,
  wrap: boolean,
): Partial<ExcelJS.Style> {
  const key = `${fmt ?? ''}\u0000${name ?? ''}\u0000${wrap ? 'w' : ''}`;
  let style = styles.get(key);
  if (style) return style;
  style = {};
  if (fmt !== undefined) style.numFmt = fmt;
  if (name !== undefined) {
    const def = STYLE_DEFS[name];
    const font: Partial<ExcelJS.Font> = { ...BASE_FONT };
    if (def.bold) font.bold = true;
    if (def.italic) font.italic = true;
    if (def.size !== undefined) font.size = def.size;
    if (def.font !== undefined) font.color = argb(def.font);
    style.font = font;
    if (def.fill !== undefined)
      style.fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: argb(def.fill),
        bgColor: argb(def.fill),
      };
  }
  if (wrap) style.alignment = { wrapText: true };
  styles.set(key, style);
  return style;
}

/** Expression rules in spec order, numbered from `firstPriority` (1 wins over 2). */
function conditionalFormatting(
  cf: ConditionalFormatSpec,
  firstPriority: number,
): ExcelJS.ConditionalFormattingOptions {
  return {
    ref: cf.range,
    rules: cf.rules.map((rule, i) => ({
      type: 'expression',
      priority: firstPriority + i,
      formulae: [formulaText(rule.formula)],
      style: {
        // Excel reads a solid fill of a differential style from bgColor, LibreOffice has read
        // either over the years: set both.
        fill: {
          type: 'pattern',
          pattern: 'solid',
          bgColor: argb(rule.fill),
          fgColor: argb(rule.fill),
        },
        font: { color: argb(rule.font) },
      },
    })),
  };
}
