/**
 * The output sheets' cell styles and conditional-format styles, appended to a workbook's own
 * xl/styles.xml. Nothing already there moves: fonts, fills, number formats, cell formats and
 * differential formats are only added after the existing ones, so every style index the input's
 * sheets use stays valid. Browser-safe: no Node imports.
 */
import {
  STYLE_DEFS,
  type ConditionalRule,
  type StyleName,
  type WorkbookSpec,
} from '../../workbook/spec';
import { attr, element, elements, setAttr, xmlEscape, type Found } from './xml';

/** The children of styleSheet in schema order (a missing section goes in at its place). */
const ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;
type Section = (typeof ORDER)[number];

/** The child element each section holds. */
const CHILD: Readonly<Record<Section, string>> = {
  numFmts: 'numFmt',
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellStyleXfs: 'xf',
  cellXfs: 'xf',
  cellStyles: 'cellStyle',
  dxfs: 'dxf',
  tableStyles: 'tableStyle',
  colors: '',
  extLst: '',
};

/** Built-in number formats (ECMA-376 18.8.30) that need no numFmt element. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

/** A minimal styles part for a package that has none (and for new workbooks). */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/** The key of a cell style: its number format, named style and wrapping. */
export const styleKey = (
  fmt: string | undefined,
  style: StyleName | undefined,
  wrap: boolean | undefined,
): string => `${fmt ?? ''}\u0000${style ?? ''}\u0000${wrap ? 'w' : ''}`;

/** Whether a cell needs a cell style of its own (a number format, a named style or wrapping). */
export const isStyled = (cell: {
  readonly fmt?: string;
  readonly style?: StyleName;
  readonly wrap?: true;
}): boolean => cell.fmt !== undefined || cell.style !== undefined || cell.wrap === true;

/** The key of a conditional format's differential style. */
export const ruleKey = (rule: Pick<ConditionalRule, 'fill' | 'font'>): string =>
  `${rule.fill.toUpperCase()}\u0000${rule.font.toUpperCase()}`;

export interface ExtendedStyles {
  /** The new styles part. */
  readonly xml: string;
  /** styleKey → cellXfs index (absent: the default style 0). */
  readonly xf: ReadonlyMap<string, number>;
  /** ruleKey → dxfs index. */
  readonly dxf: ReadonlyMap<string, number>;
}

const rgb = (hex: string): string => `rgb="FF${hex.toUpperCase()}"`;

/** The section element `name` of the styleSheet, if present. */
const section = (xml: string, name: Section): Found | undefined => element(xml, name);

/** The number of child elements a section holds now. */
function countOf(xml: string, name: Section): number {
  const found = section(xml, name);
  if (!found || found.body === undefined) return 0;
  return elements(found.body, CHILD[name]).length;
}

/** `xml` with `items` appended to section `name` (created at its place when missing), count updated. */
function append(xml: string, name: Section, items: readonly string[], prefix: string): string {
  if (items.length === 0) return xml;
  const found = section(xml, name);
  const child = CHILD[name];
  const body = items.join('');
  if (found) {
    const count =
      (found.body === undefined ? 0 : elements(found.body, child).length) + items.length;
    const attrs = setAttr(found.attrs.replace(/\s*\/$/, ''), 'count', String(count));
    const inner = (found.body ?? '') + body;
    return `${xml.slice(0, found.start)}<${found.prefix}${name}${attrs}>${inner}</${found.prefix}${name}>${xml.slice(found.end)}`;
  }
  const element = `<${prefix}${name} count="${items.length}">${body}</${prefix}${name}>`;
  const later = ORDER.slice(ORDER.indexOf(name) + 1)
    .map((n) => section(xml, n))
    .find((f): f is Found => f !== undefined);
  const at = later ? later.start : xml.lastIndexOf(`</${prefix}styleSheet>`);
  if (at < 0) throw new Error('xl/styles.xml has no styleSheet element');
  return xml.slice(0, at) + element + xml.slice(at);
}

/** Prefix every element name in a fragment written without prefixes (for a prefixed styleSheet). */
const withPrefix = (fragment: string, prefix: string): string =>
  prefix === '' ? fragment : fragment.replace(/<(\/?)(?=[A-Za-z])/g, `<$1${prefix}`);

/**
 * The font a named style starts from: the workbook's default font (font 0), so styled cells keep
 * the workbook's face and size unless the style says otherwise.
 */
function baseFont(xml: string): { name: string; sz: string; rest: string; color: string } {
  const fonts = section(xml, 'fonts');
  const first = fonts?.body === undefined ? undefined : element(fonts.body, 'font');
  const body = first?.body ?? '';
  const val = (local: string): string | undefined => {
    const e = element(body, local);
    return e ? attr(e.attrs, 'val') : undefined;
  };
  const keep = ['family', 'charset', 'scheme']
    .map((local) => {
      const v = val(local);
      return v === undefined ? '' : `<${local} val="${xmlEscape(v)}"/>`;
    })
    .join('');
  const color = element(body, 'color');
  return {
    name: val('name') ?? 'Calibri',
    sz: val('sz') ?? '11',
    rest: keep,
    color: color ? `<color${color.attrs.replace(/\s*\/$/, '')}/>` : '',
  };
}

/**
 * Appends the fonts, fills, number formats and cell formats of every (number format, named style,
 * wrapping) the spec's cells use, and a differential format per conditional-format colour pair.
 */
export function extendStyles(stylesXml: string, spec: WorkbookSpec): ExtendedStyles {
  const root = /<((?:[\w.-]+:)?)styleSheet\b/.exec(stylesXml);
  if (!root) throw new Error('xl/styles.xml has no styleSheet element');
  const prefix = root[1] ?? '';

  const keys = new Map<
    string,
    { fmt: string | undefined; style: StyleName | undefined; wrap: boolean }
  >();
  const rules = new Map<string, ConditionalRule>();
  for (const sheet of spec.sheets) {
    for (const row of sheet.rows)
      for (const cell of row) {
        if (!cell || !isStyled(cell)) continue;
        const key = styleKey(cell.fmt, cell.style, cell.wrap);
        if (!keys.has(key))
          keys.set(key, { fmt: cell.fmt, style: cell.style, wrap: cell.wrap === true });
      }
    for (const cf of sheet.conditionalFormats ?? [])
      for (const rule of cf.rules) if (!rules.has(ruleKey(rule))) rules.set(ruleKey(rule), rule);
  }

  // Number formats: built-in ids, then custom ones already defined, then new ids from 164.
  const formatIds = new Map<string, number>(Object.entries(BUILT_IN_FORMATS));
  let nextFormat = 164;
  const numFmts = section(stylesXml, 'numFmts');
  for (const f of numFmts?.body === undefined ? [] : elements(numFmts.body, 'numFmt')) {
    const id = Number(attr(f.attrs, 'numFmtId'));
    const code = attr(f.attrs, 'formatCode');
    if (!Number.isInteger(id)) continue;
    nextFormat = Math.max(nextFormat, id + 1);
    if (code !== undefined && !formatIds.has(code)) formatIds.set(code, id);
  }
  const newFormats: string[] = [];
  const formatId = (code: string | undefined): number => {
    if (code === undefined) return 0;
    let id = formatIds.get(code);
    if (id === undefined) {
      id = nextFormat++;
      formatIds.set(code, id);
      newFormats.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    }
    return id;
  };

  const font0 = baseFont(stylesXml);
  const fontBase = countOf(stylesXml, 'fonts');
  const fillBase = countOf(stylesXml, 'fills');
  const xfBase = countOf(stylesXml, 'cellXfs');
  const dxfBase = countOf(stylesXml, 'dxfs');
  const hasStyleXfs = countOf(stylesXml, 'cellStyleXfs') > 0;
  if (countOf(stylesXml, 'borders') === 0 || fillBase === 0 || fontBase === 0)
    throw new Error('xl/styles.xml lacks the default font, fill or border');

  const fonts: string[] = [];
  const fills: string[] = [];
  const fontOf = new Map<StyleName, number>();
  const fillOf = new Map<string, number>();
  const fontFor = (name: StyleName): number => {
    let id = fontOf.get(name);
    if (id !== undefined) return id;
    const def = STYLE_DEFS[name];
    const sz = def.size !== undefined ? String(def.size) : font0.sz;
    const color = def.font !== undefined ? `<color ${rgb(def.font)}/>` : font0.color;
    fonts.push(
      `<font>${def.bold ? '<b/>' : ''}${def.italic ? '<i/>' : ''}<sz val="${sz}"/>${color}` +
        `<name val="${xmlEscape(font0.name)}"/>${font0.rest}</font>`,
    );
    id = fontBase + fonts.length - 1;
    fontOf.set(name, id);
    return id;
  };
  const fillFor = (hex: string): number => {
    let id = fillOf.get(hex);
    if (id !== undefined) return id;
    fills.push(
      `<fill><patternFill patternType="solid"><fgColor ${rgb(hex)}/><bgColor ${rgb(hex)}/></patternFill></fill>`,
    );
    id = fillBase + fills.length - 1;
    fillOf.set(hex, id);
    return id;
  };

  const xfs: string[] = [];
  const xf = new Map<string, number>();
  for (const [key, { fmt, style, wrap }] of keys) {
    const numFmtId = formatId(fmt);
    const def = style === undefined ? undefined : STYLE_DEFS[style];
    const fontId = style === undefined ? 0 : fontFor(style);
    const fillId = def?.fill === undefined ? 0 : fillFor(def.fill);
    xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0"` +
        `${hasStyleXfs ? ' xfId="0"' : ''}${fmt !== undefined ? ' applyNumberFormat="1"' : ''}` +
        `${fontId !== 0 ? ' applyFont="1"' : ''}${fillId !== 0 ? ' applyFill="1"' : ''}` +
        (wrap ? ' applyAlignment="1"><alignment wrapText="1"/></xf>' : '/>'),
    );
    xf.set(key, xfBase + xfs.length - 1);
  }

  const dxfs: string[] = [];
  const dxf = new Map<string, number>();
  for (const [key, rule] of rules) {
    // Excel reads a differential fill's colour from bgColor, LibreOffice has read either: set both.
    dxfs.push(
      `<dxf><font><color ${rgb(rule.font)}/></font><fill><patternFill patternType="solid">` +
        `<fgColor ${rgb(rule.fill)}/><bgColor ${rgb(rule.fill)}/></patternFill></fill></dxf>`,
    );
    dxf.set(key, dxfBase + dxfs.length - 1);
  }

  let xml = stylesXml;
  const p = (items: string[]): string[] => items.map((s) => withPrefix(s, prefix));
  xml = append(xml, 'numFmts', p(newFormats), prefix);
  xml = append(xml, 'fonts', p(fonts), prefix);
  xml = append(xml, 'fills', p(fills), prefix);
  xml = append(xml, 'cellXfs', p(xfs), prefix);
  xml = append(xml, 'dxfs', p(dxfs), prefix);
  return { xml, xf, dxf };
}
