import { describe, expect, it } from 'vitest';
import { EMPTY_STYLES, extendStyles, ruleKey, styleKey } from '../../src/hosts/xlsx/styles';
import { cellText, elements } from '../../src/hosts/xlsx/xml';
import { FLAG_COLORS, type WorkbookSpec } from '../../src/workbook/spec';

const spec: WorkbookSpec = {
  sheets: [
    {
      name: 'S',
      rows: [
        [
          { v: 't', style: 'title' },
          { v: 1, fmt: '0.0%' },
          { v: 2, fmt: '#,##0.00', style: 'total' },
          { v: 3, fmt: '0.0%' },
          { v: 4, fmt: '@' },
        ],
      ],
      conditionalFormats: [
        { range: 'A1:A2', rules: [{ formula: 'A1>0', ...FLAG_COLORS.ahead }] },
        { range: 'B1:B2', rules: [{ formula: 'B1>0', ...FLAG_COLORS.ahead }] },
      ],
    },
  ],
};

/** A prefixed styles part as some writers give it: no numFmts, no dxfs, a custom format 0.0%. */
const PREFIXED =
  '<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="0.0%"/></x:numFmts>' +
  '<x:fonts count="1"><x:font><x:sz val="12"/><x:name val="宋体"/><x:charset val="134"/></x:font></x:fonts>' +
  '<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
  '<x:borders count="1"><x:border/></x:borders>' +
  '<x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf numFmtId="170" fontId="0" fillId="0" borderId="0"/></x:cellXfs>' +
  '<x:tableStyles count="0"/></x:styleSheet>';

describe('extendStyles', () => {
  it('appends fonts, fills, formats, cell formats and one dxf per colour pair to the default styles', () => {
    const { xml, xf, dxf } = extendStyles(EMPTY_STYLES, spec);
    expect([...xf.entries()]).toEqual([
      [styleKey(undefined, 'title', false), 1],
      [styleKey('0.0%', undefined, false), 2],
      [styleKey('#,##0.00', 'total', false), 3],
      [styleKey('@', undefined, false), 4],
    ]);
    expect([...dxf.entries()]).toEqual([[ruleKey(FLAG_COLORS.ahead), 0]]);
    const cellXfs = /<cellXfs count="(\d+)">(.*?)<\/cellXfs>/.exec(xml);
    expect(cellXfs?.[1]).toBe('5');
    expect(elements(cellXfs?.[2] ?? '', 'xf')).toHaveLength(5);
    // Built-in formats keep their ids; the rest get ids from 164.
    expect(xml).toContain(
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>',
    );
    expect(xml).toContain('numFmtId="4" fontId="2" fillId="2"');
    expect(xml).toContain('numFmtId="49" fontId="0" fillId="0"');
    expect(xml).toMatch(/<fonts count="3">/);
    expect(xml).toContain('<font><b/><sz val="14"/><color rgb="FF000000"/><name val="Calibri"/>');
    expect(xml).toMatch(/<dxfs count="1"><dxf><font><color rgb="FF006100"\/><\/font>/);
  });

  it('keeps a prefixed part prefixed, adds missing sections in schema order, reuses formats', () => {
    const { xml, xf, dxf } = extendStyles(PREFIXED, spec);
    // The existing two cell formats stay where they were.
    expect(xml).toContain(
      '<x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf numFmtId="170" fontId="0" fillId="0" borderId="0"/>',
    );
    expect(xf.get(styleKey('0.0%', undefined, false))).toBe(3);
    expect(xml).toContain(
      '<x:xf numFmtId="170" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>',
    );
    // Named styles start from the workbook's default font: its face, size and charset.
    expect(xml).toContain(
      '<x:font><x:b/><x:sz val="14"/><x:name val="宋体"/><x:charset val="134"/></x:font>',
    );
    expect(xml).toContain('<x:font><x:b/><x:sz val="12"/><x:name val="宋体"/>');
    expect(dxf.get(ruleKey(FLAG_COLORS.ahead))).toBe(0);
    const order = ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs', 'tableStyles'].map(
      (s) => xml.indexOf(`<x:${s}`),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(xml).not.toContain('<dxf');
    expect(xml).toContain('<x:dxfs count="1">');
  });
});

describe('cellText', () => {
  it('escapes markup, and writes what XML cannot hold as _xHHHH_', () => {
    expect(cellText('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(cellText('tab\tline\nbell\u0007')).toBe('tab\tline\nbell_x0007_');
    expect(cellText('_x0041_ stays literal')).toBe('_x005F_x0041_ stays literal');
    expect(cellText('😀 lone \ud800')).toBe('😀 lone _xFFFD_');
    expect(cellText('企业')).toBe('企业');
  });
});
