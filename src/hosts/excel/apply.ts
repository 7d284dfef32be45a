/**
 * Queues one planned step on an Office.js worksheet (nothing is sent until `context.sync()`).
 * Every API used here is in ExcelApi 1.9 or lower (noted per call); those above 1.7 are planned
 * only when the host has them (features.ts, plan.ts).
 */
import {
  STYLE_DEFS,
  type HeaderFooterSpec,
  type PrintSpec,
  type ValidationSpec,
} from '../../workbook/spec';
import type { Step } from './plan';

/** Queues `step` on `sheet`. */
export function applyStep(sheet: Excel.Worksheet, step: Step): void {
  switch (step.kind) {
    case 'format': {
      // Planned before any cell: a string then lands in a '@' cell as text, never as a formula.
      if (!step.copy) {
        const block = sheet.getRangeByIndexes(step.row, step.col, step.rows, step.cols); // ExcelApi 1.7
        block.numberFormat = Array.from({ length: step.rows }, () => [...step.formats]); // ExcelApi 1.1
        return;
      }
      const top = sheet.getRangeByIndexes(step.row, step.col, 1, step.cols); // ExcelApi 1.7
      top.numberFormat = [[...step.formats]]; // ExcelApi 1.1
      if (step.rows > 1)
        sheet
          .getRangeByIndexes(step.row + 1, step.col, step.rows - 1, step.cols)
          .copyFrom(top, 'Formats'); // ExcelApi 1.9; nothing else is formatted yet
      return;
    }
    case 'cells': {
      const rows = step.formulas.length;
      const cols = step.formulas[0]?.length ?? 0;
      sheet.getRangeByIndexes(step.row, step.col, rows, cols).formulas = step.formulas; // ExcelApi 1.1
      return;
    }
    case 'fill': {
      const source = sheet.getRangeByIndexes(step.sourceRow, step.col, 1, step.cols);
      const target = sheet.getRangeByIndexes(step.row, step.col, step.rows, step.cols);
      // Like Excel's copy: relative references move with the rows; the source row is repeated
      // over a target that is a whole multiple of it. Formats come along (styles follow later).
      target.copyFrom(source, 'All'); // ExcelApi 1.9
      return;
    }
    case 'style': {
      const def = STYLE_DEFS[step.style];
      const format = sheet.getRangeByIndexes(step.row, step.col, step.rows, step.cols).format;
      if (def.bold !== undefined) format.font.bold = def.bold; // ExcelApi 1.1
      if (def.italic !== undefined) format.font.italic = def.italic;
      if (def.size !== undefined) format.font.size = def.size;
      if (def.font !== undefined) format.font.color = `#${def.font}`;
      if (def.fill !== undefined) format.fill.color = `#${def.fill}`;
      return;
    }
    case 'width':
      sheet.getRangeByIndexes(0, step.col, 1, step.cols).format.columnWidth = step.points; // points, ExcelApi 1.2
      return;
    case 'cf': {
      const cf = sheet.getRange(step.range).conditionalFormats.add('Custom'); // ExcelApi 1.6
      cf.custom.rule.formula = step.formula;
      cf.custom.format.fill.color = step.fill;
      cf.custom.format.font.color = step.font;
      cf.priority = step.priority; // last: the object must not be used after its priority changes
      return;
    }
    case 'wrap':
      sheet.getRangeByIndexes(step.row, step.col, step.rows, step.cols).format.wrapText = true; // ExcelApi 1.1
      return;
    case 'merge':
      sheet.getRangeByIndexes(step.row, step.col, step.rows, step.cols).merge(false); // ExcelApi 1.2
      return;
    case 'height':
      sheet.getRangeByIndexes(step.row, 0, step.rows, 1).format.rowHeight = step.points; // ExcelApi 1.2
      return;
    case 'autoFilter':
      sheet.autoFilter.apply(sheet.getRange(step.range)); // ExcelApi 1.9
      return;
    case 'print':
      applyPrint(sheet, step.print);
      return;
    case 'validation':
      applyValidation(sheet, step.validation);
      return;
    case 'freeze': {
      const panes = sheet.freezePanes; // ExcelApi 1.7
      if (step.rows > 0 && step.cols > 0)
        panes.freezeAt(sheet.getRangeByIndexes(0, 0, step.rows, step.cols));
      else if (step.rows > 0) panes.freezeRows(step.rows);
      else panes.freezeColumns(step.cols);
      return;
    }
  }
}

/** Office.js's form of a validation rule: a list as a comma-separated source, bounds between. */
function ruleOf(v: ValidationSpec): Excel.DataValidationRule {
  switch (v.kind) {
    case 'list':
      return { list: { inCellDropDown: true, source: v.list.join(',') } };
    case 'whole':
      return { wholeNumber: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    case 'decimal':
      return { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    case 'date':
      // ISO 8601 dates, as DateTimeDataValidation takes them.
      return { date: { formula1: v.min, formula2: v.max, operator: 'Between' } };
  }
}

/** Queues a data validation: every member is ExcelApi 1.8 (DataValidation). */
function applyValidation(sheet: Excel.Worksheet, v: ValidationSpec): void {
  const dv = sheet.getRange(v.range).dataValidation;
  dv.rule = ruleOf(v);
  dv.ignoreBlanks = v.allowBlank;
  if (v.prompt) dv.prompt = { title: v.prompt.title, message: v.prompt.text, showPrompt: true };
  // Refused with a stop alert, Excel's own message where the spec gives none.
  dv.errorAlert = {
    title: v.error?.title ?? '',
    message: v.error?.text ?? '',
    showAlert: true,
    style: 'Stop',
  };
}

/** Queues the page setup: every member is ExcelApi 1.9 (PageLayout, HeaderFooter). */
function applyPrint(sheet: Excel.Worksheet, print: PrintSpec): void {
  const layout = sheet.pageLayout;
  layout.paperSize = print.paper; // 'A4' | 'A3' are Excel.PaperType names
  layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  // n pages wide; 0 pages tall means as many as it takes (Excel's "Automatic").
  if (print.fitWidth !== undefined)
    layout.zoom = { horizontalFitToPages: print.fitWidth, verticalFitToPages: 0 };
  if (print.gridlines) layout.printGridlines = true;
  if (print.centerHorizontally) layout.centerHorizontally = true;
  if (print.titleRows)
    layout.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
  if (print.area !== undefined) layout.setPrintArea(print.area);
  if (print.header || print.footer) {
    const all = layout.headersFooters.defaultForAllPages;
    const put = (hf: HeaderFooterSpec | undefined, where: 'Header' | 'Footer'): void => {
      if (hf?.left) all[`left${where}`] = hf.left;
      if (hf?.center) all[`center${where}`] = hf.center;
      if (hf?.right) all[`right${where}`] = hf.right;
    };
    put(print.header, 'Header');
    put(print.footer, 'Footer');
  }
}
