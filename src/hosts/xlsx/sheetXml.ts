/**
 * One SheetSpec as worksheet XML, written directly as text in pieces (so a large sheet never has
 * to be one string): values, formulas with cached results, runs of copied-down formulas as
 * shared formulas, number formats and named styles (as indices `styles.ts` appended), column
 * widths, row heights, frozen panes, the AutoFilter range, conditional formats, data validations
 * and the page setup
 * (paper, orientation, fit to width, print options, header and footer; the print titles and area
 * are the workbook's defined names, written by package.ts). Text is written inline
 * (`t="inlineStr"`), so the workbook's shared strings need not change.
 * Browser-safe: no Node imports.
 */
import { outOfBounds, toExcelSerial } from '../../engine';
import {
  PAPER_SIZE,
  columnLetter,
  headerFooterCode,
  listFormula,
  parseRange,
  type CellSpec,
  type SheetSpec,
  type ValidationSpec,
} from '../../workbook/spec';
import { isStyled as styled, ruleKey, styleKey } from './styles';
import { cellText, xmlEscape } from './xml';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What the sheet keeps of the sheet it replaces, and how it is shown. */
export interface SheetFrame {
  /** The VBA code name of the sheet it replaces (a macro workbook's module refers to it). */
  readonly codeName?: string;
  /** The replaced sheet's tab colour element (`<tabColor …/>`), kept as it was. */
  readonly tabColor?: string;
  /** Whether the sheet is the workbook's active tab. */
  readonly selected?: boolean;
}

export interface SheetStyles {
  readonly xf: ReadonlyMap<string, number>;
  readonly dxf: ReadonlyMap<string, number>;
}

/** A formula without its leading '=' (the spec says none; tolerate one). */
const formulaText = (f: string): string => (f.startsWith('=') ? f.slice(1) : f);

/** About how many bytes each piece holds. */
const PIECE = 1 << 18;

const encoder = new TextEncoder();

/**
 * UTF-8 bytes written straight into fixed buffers: ASCII (nearly all of a sheet's XML) a byte at
 * a time, the rest through `encodeInto`. No sheet-sized string is ever built, and encoding many
 * small strings this way is about twice as fast as joining them and encoding the whole.
 */
class Utf8Pieces {
  private buf = new Uint8Array(PIECE + 4096);
  private n = 0;

  put(s: string): void {
    const len = s.length;
    if (this.n + len * 3 > this.buf.length) this.grow(len * 3);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[n++] = c;
      else {
        n += encoder.encodeInto(s.slice(i), buf.subarray(n)).written;
        break;
      }
    }
    this.n = n;
  }

  get full(): boolean {
    return this.n >= PIECE;
  }

  /** The bytes written so far (handed over: the next ones go into a new buffer). */
  take(): Uint8Array<ArrayBuffer> {
    const out = this.buf.subarray(0, this.n);
    this.buf = new Uint8Array(PIECE + 4096);
    this.n = 0;
    return out;
  }

  private grow(room: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + room));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
}

/**
 * For each formula cell that starts a run of copies (CellSpec.down) below it, the last row of
 * the run, keyed by `row * 16384 + col`; the same rule as the ExcelJS writer: a run continues
 * while each cell below is a formula marked `down`, and ends at any other cell, at an empty cell
 * and where a row does not reach the column.
 */
function sharedRuns(rows: SheetSpec['rows']): Map<number, number> {
  const ends = new Map<number, number>();
  const master: (number | undefined)[] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const spec = row[c];
      const m = master[c];
      // (`down` first: a copied-down cell's formula text is made when read, and is not needed.)
      if (spec?.down && m !== undefined) ends.set(m * 16384 + c, r);
      else if (spec?.f === undefined) master[c] = undefined;
      else master[c] = r;
    }
    for (let c = row.length; c < master.length; c++) master[c] = undefined;
  });
  return ends;
}

/** A formula's cached result as `<v>` (none for null), with the cell type it needs. */
function valueOf(v: CellSpec['v']): { t: string; v: string } {
  if (v === null) return { t: '', v: '' };
  if (typeof v === 'number') return { t: '', v: `<v>${String(v)}</v>` };
  if (typeof v === 'boolean') return { t: ' t="b"', v: `<v>${v ? 1 : 0}</v>` };
  return { t: ' t="str"', v: `<v>${cellText(v)}</v>` };
}

function inlineString(s: string): string {
  const preserve = /^\s|\s$|[\n\t]/.test(s) ? ' xml:space="preserve"' : '';
  return `<is><t${preserve}>${cellText(s)}</t></is>`;
}

/** The worksheet part's XML as UTF-8, in pieces of about 256 KB. */
export function* sheetXml(
  sheet: SheetSpec,
  styles: SheetStyles,
  frame: SheetFrame = {},
): Generator<Uint8Array<ArrayBuffer>> {
  const { rows } = sheet;
  const runs = sharedRuns(rows);
  let width = 0;
  let height = 0;
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell === null || (cell.f === undefined && cell.v === null && !styled(cell))) return;
      height = r + 1;
      width = Math.max(width, c + 1);
    }),
  );
  const letters = Array.from({ length: width }, (_, c) => columnLetter(c));

  const out = new Utf8Pieces();
  let head =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`;
  const fit = sheet.print?.fitWidth !== undefined;
  const pr = (frame.tabColor ?? '') + (fit ? '<pageSetUpPr fitToPage="1"/>' : '');
  const codeName = frame.codeName === undefined ? '' : ` codeName="${xmlEscape(frame.codeName)}"`;
  if (pr || codeName) head += `<sheetPr${codeName}>${pr}</sheetPr>`;
  head += `<dimension ref="${height === 0 ? 'A1' : `A1:${letters[width - 1] ?? 'A'}${height}`}"/>`;
  head += sheetViews(sheet, frame.selected === true);
  head += '<sheetFormatPr defaultRowHeight="15"/>';
  const cols = (sheet.widths ?? [])
    .map((w, c) =>
      w > 0 ? `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>` : '',
    )
    .join('');
  if (cols) head += `<cols>${cols}</cols>`;
  out.put(`${head}<sheetData>`);

  const heights = sheet.rowHeights ?? [];
  const rowOpen = (r: number): string => {
    const h = heights[r];
    return h !== undefined && h > 0
      ? `<row r="${r + 1}" ht="${h}" customHeight="1">`
      : `<row r="${r + 1}">`;
  };
  const sharedOf: (number | undefined)[] = [];
  let nextSi = 0;
  for (const [r, row] of rows.entries()) {
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const spec = row[c];
      if (spec === null || spec === undefined) {
        sharedOf[c] = undefined;
        continue;
      }
      const s = styled(spec) ? (styles.xf.get(styleKey(spec.fmt, spec.style, spec.wrap)) ?? 0) : 0;
      const ref = `${letters[c] ?? outOfBounds()}${r + 1}`;
      const sAttr = s === 0 ? '' : ` s="${s}"`;
      if (spec.down === true || spec.f !== undefined) {
        const { t, v } = valueOf(spec.v);
        const end = runs.get(r * 16384 + c);
        const text = (): string => cellText(formulaText(spec.f ?? ''));
        let f: string;
        if (end !== undefined) {
          const id = nextSi++;
          sharedOf[c] = id;
          f = `<f t="shared" ref="${ref}:${letters[c] ?? outOfBounds()}${end + 1}" si="${id}">${text()}</f>`;
        } else if (spec.down && sharedOf[c] !== undefined) {
          f = `<f t="shared" si="${sharedOf[c]}"/>`;
        } else {
          sharedOf[c] = undefined;
          f = `<f>${text()}</f>`;
        }
        cells += `<c r="${ref}"${sAttr}${t}>${f}${v}</c>`;
        continue;
      }
      sharedOf[c] = undefined;
      const v = spec.v;
      if (v === null) {
        if (s !== 0) cells += `<c r="${ref}"${sAttr}/>`;
      } else if (typeof v === 'number') cells += `<c r="${ref}"${sAttr}><v>${String(v)}</v></c>`;
      else if (typeof v === 'boolean')
        cells += `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
      else cells += `<c r="${ref}"${sAttr} t="inlineStr">${inlineString(v)}</c>`;
    }
    for (let c = row.length; c < sharedOf.length; c++) sharedOf[c] = undefined;
    if (cells) out.put(`${rowOpen(r)}${cells}</row>`);
    else if ((heights[r] ?? 0) > 0) out.put(`${rowOpen(r)}</row>`);
    if (out.full) yield out.take();
  }
  for (let r = rows.length; r < heights.length; r++)
    if ((heights[r] ?? 0) > 0) out.put(`${rowOpen(r)}</row>`);
  let tail = '</sheetData>';
  if (sheet.autoFilter !== undefined) {
    const { r0, c0, r1, c1 } = parseRange(sheet.autoFilter);
    tail += `<autoFilter ref="${columnLetter(c0)}${r0 + 1}:${columnLetter(c1)}${r1 + 1}"/>`;
  }
  // After the filter, before the conditional formats (as the schema orders them).
  const merges = sheet.merges ?? [];
  if (merges.length > 0) {
    tail += `<mergeCells count="${merges.length}">`;
    for (const m of merges) {
      const { r0, c0, r1, c1 } = parseRange(m);
      tail += `<mergeCell ref="${columnLetter(c0)}${r0 + 1}:${columnLetter(c1)}${r1 + 1}"/>`;
    }
    tail += '</mergeCells>';
  }

  let priority = 1;
  for (const cf of sheet.conditionalFormats ?? []) {
    tail += `<conditionalFormatting sqref="${xmlEscape(cf.range)}">`;
    for (const rule of cf.rules) {
      const dxfId = styles.dxf.get(ruleKey(rule));
      tail +=
        `<cfRule type="expression"${dxfId === undefined ? '' : ` dxfId="${dxfId}"`} priority="${priority++}">` +
        `<formula>${cellText(formulaText(rule.formula))}</formula></cfRule>`;
    }
    tail += '</conditionalFormatting>';
  }
  tail += validationsXml(sheet.validations ?? []);
  tail += pageXml(sheet);
  tail += '</worksheet>';
  out.put(tail);
  yield out.take();
}

/** An ISO date `YYYY-MM-DD` as Excel's serial day number. */
const serialOf = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return toExcelSerial({ y, m, d });
};

/** `<dataValidations>` (after the conditional formats, before the page setup, as the schema orders them). */
function validationsXml(validations: readonly ValidationSpec[]): string {
  if (validations.length === 0) return '';
  // A line break or tab in an attribute must be a character reference, or XML reads a space.
  const attr = (name: string, v: string | undefined): string =>
    v === undefined
      ? ''
      : ` ${name}="${xmlEscape(v).replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`)}"`;
  const formula = (n: 1 | 2, v: string | number): string =>
    `<formula${n}>${cellText(String(v))}</formula${n}>`;
  let xml = `<dataValidations count="${validations.length}">`;
  for (const v of validations) {
    const { r0, c0, r1, c1 } = parseRange(v.range);
    const from = `${columnLetter(c0)}${r0 + 1}`;
    const sqref = r0 === r1 && c0 === c1 ? from : `${from}:${columnLetter(c1)}${r1 + 1}`;
    // operator "between" is the schema's default, so it is left out.
    xml +=
      `<dataValidation type="${v.kind}"${v.allowBlank ? ' allowBlank="1"' : ''}` +
      (v.prompt ? ' showInputMessage="1"' : '') +
      ' showErrorMessage="1"' +
      attr('promptTitle', v.prompt?.title) +
      attr('prompt', v.prompt?.text) +
      attr('errorTitle', v.error?.title) +
      attr('error', v.error?.text) +
      ` sqref="${sqref}">` +
      (v.kind === 'list'
        ? formula(1, listFormula(v.list))
        : v.kind === 'date'
          ? formula(1, serialOf(v.min)) + formula(2, serialOf(v.max))
          : formula(1, v.min) + formula(2, v.max)) +
      '</dataValidation>';
  }
  return `${xml}</dataValidations>`;
}

/** printOptions, pageMargins, pageSetup and headerFooter, in the schema's order. */
function pageXml(sheet: SheetSpec): string {
  const print = sheet.print;
  let xml = '';
  const options =
    (print?.centerHorizontally ? ' horizontalCentered="1"' : '') +
    (print?.gridlines ? ' gridLines="1"' : '');
  if (options) xml += `<printOptions${options}/>`;
  xml += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  if (!print) return xml;
  const fit = print.fitWidth === undefined ? '' : ` fitToWidth="${print.fitWidth}" fitToHeight="0"`;
  xml += `<pageSetup paperSize="${PAPER_SIZE[print.paper]}" orientation="${print.orientation}"${fit}/>`;
  const header = headerFooterCode(print.header);
  const footer = headerFooterCode(print.footer);
  if (header || footer)
    xml +=
      '<headerFooter>' +
      (header ? `<oddHeader>${cellText(header)}</oddHeader>` : '') +
      (footer ? `<oddFooter>${cellText(footer)}</oddFooter>` : '') +
      '</headerFooter>';
  return xml;
}

/** The sheet view: frozen rows and columns, and whether its tab is selected. */
function sheetViews(sheet: SheetSpec, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  const rows = sheet.freeze?.rows ?? 0;
  const cols = sheet.freeze?.cols ?? 0;
  if (rows <= 0 && cols <= 0)
    return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = (cols > 0 ? ` xSplit="${cols}"` : '') + (rows > 0 ? ` ySplit="${rows}"` : '');
  const topLeft = `${columnLetter(Math.max(cols, 0))}${Math.max(rows, 0) + 1}`;
  return (
    `<sheetViews><sheetView${tab} workbookViewId="0">` +
    `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}
