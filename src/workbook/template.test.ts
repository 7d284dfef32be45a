/**
 * The settings sheet's data validations (SheetSpec.validations), built from the settings'
 * declared entries (sheets.ts): each value cell of 参数 / Settings gets its setting's rule, hint
 * and refusal in the sheet's language, within Excel's limits; the template and the example never
 * write a value their own validation would refuse; every list item is a spelling the reader takes.
 */
import { describe, expect, it } from 'vitest';
import { fromExcelSerial, type Lang } from '../engine';
import { EXAMPLE } from '../../tests/helpers/variants';
import { CellReader } from './cells';
import { SHEETS } from './names';
import { SETTINGS, type Field } from './sheets';
import {
  VALIDATION_LIMITS,
  parseRange,
  type CellValue,
  type SheetSpec,
  type ValidationSpec,
} from './spec';
import { exampleWorkbook, inputTemplate } from './template';

const settingsOf = (sheets: readonly SheetSpec[], lang: Lang): SheetSpec =>
  sheets.find((s) => s.name === SHEETS.settings[lang]) as SheetSpec;

/** Whether Excel would take `v` in a cell with validation `dv` (as typed: text for a list). */
function accepts(dv: ValidationSpec, v: CellValue): boolean {
  if (v === null || v === '') return dv.allowBlank;
  switch (dv.kind) {
    case 'list':
      return dv.list.includes(String(v));
    case 'whole':
    case 'decimal': {
      const n = typeof v === 'number' ? v : Number(v);
      return (dv.kind === 'decimal' || Number.isInteger(n)) && n >= dv.min && n <= dv.max;
    }
    case 'date': {
      const d = typeof v === 'number' ? fromExcelSerial(v) : undefined;
      const iso = d
        ? `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`
        : String(v).replace(
            /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
            (_, y: string, m: string, dd: string) =>
              [y, m.padStart(2, '0'), dd.padStart(2, '0')].join('-'),
          );
      return iso >= dv.min && iso <= dv.max;
    }
  }
}

describe.each(['zh', 'en'] as const)('the %s settings sheet’s validations', (lang) => {
  const sheet = settingsOf(inputTemplate(lang, 2025).sheets, lang);
  const fields: Field[] = Object.values(SETTINGS);
  const byRow = new Map((sheet.validations ?? []).map((v) => [parseRange(v.range).r0, v] as const));

  it('validates each declared setting’s value cell, in its row, and no other cell', () => {
    fields.forEach((f, i) => {
      const row = i + 1;
      expect(sheet.rows[row]?.[0]?.v).toBe(f.name[lang]);
      const dv = byRow.get(row);
      if (!f.entry) return expect(dv).toBeUndefined();
      expect(dv?.range).toBe(`B${row + 1}`);
      expect(dv?.prompt).toEqual({ title: f.name[lang], text: f.entry.hint[lang] });
      expect(dv?.allowBlank).toBe(true);
    });
    expect(byRow.size).toBe(fields.filter((f) => f.entry).length);
    expect(byRow.size).toBe(9);
  });

  it('gives the rules the issue asks for', () => {
    const of = (key: keyof typeof SETTINGS) => byRow.get(Object.keys(SETTINGS).indexOf(key) + 1);
    expect(of('reportMonth')).toMatchObject({ kind: 'whole', min: 1, max: 12, allowBlank: true });
    expect(of('year')).toMatchObject({ kind: 'whole', min: 2000, max: 2100 });
    expect(of('behindThreshold')).toMatchObject({ kind: 'decimal', min: 0, max: 100 });
    expect(of('seriousThreshold')).toMatchObject({ kind: 'decimal', min: 0, max: 100 });
    expect(of('asOf')).toMatchObject({ kind: 'date', min: '2000-01-01', max: '2100-12-31' });
    const lists = {
      zh: [
        ['按月', '按日'],
        ['累计', '当月'],
        ['是', '否'],
      ],
      en: [
        ['months', 'days'],
        ['cumulative', 'monthly'],
        ['yes', 'no'],
      ],
    }[lang];
    expect(
      (['scheduleBasis', 'actualsBasis', 'combineJanFeb'] as const).map((k) => {
        const dv = of(k);
        return dv?.kind === 'list' ? dv.list : dv;
      }),
    ).toEqual(lists);
    expect(of('unit')).toBeUndefined();
    expect(of('area')).toBeUndefined();
    const hint = of('reportMonth')?.prompt?.text;
    expect(hint).toContain(
      lang === 'zh' ? '留空：自动取实绩中的最新月份' : 'Blank: the latest month',
    );
    expect(of('behindThreshold')?.prompt?.text).toContain(
      lang === 'zh' ? '百分点' : 'percentage points',
    );
    expect(of('reportMonth')?.error?.text).toBe(
      lang === 'zh'
        ? '请填 1–12 的整数，或留空。'
        : 'Enter a whole number from 1 to 12, or leave it blank.',
    );
  });

  it('keeps within Excel’s limits (checkSpec in tests/xlsx/validation.test.ts checks them all)', () => {
    for (const v of byRow.values()) {
      for (const m of [v.prompt, v.error]) expect(m?.title.length).toBeLessThanOrEqual(32);
      expect(v.prompt?.text.length).toBeLessThanOrEqual(VALIDATION_LIMITS.prompt);
      expect(v.error?.text.length).toBeLessThanOrEqual(VALIDATION_LIMITS.error);
      if (v.kind === 'list') expect(v.list.join(',').length).toBeLessThanOrEqual(255);
    }
  });

  it('refuses nothing the template or the example writes', () => {
    for (const s of [sheet, settingsOf(exampleWorkbook(EXAMPLE, lang).sheets, lang)])
      for (const [row, dv] of byRow) {
        const v = s.rows[row]?.[1]?.v ?? null;
        expect(accepts(dv, v), `${s.name}!B${row + 1} = ${String(v)}`).toBe(true);
      }
    // and the defaults of a year at either end of the range
    expect(accepts(byRow.get(1) as ValidationSpec, 2100)).toBe(true);
    expect(accepts(byRow.get(1) as ValidationSpec, 2101)).toBe(false);
  });

  it('offers only spellings the reader takes for the setting', () => {
    fields.forEach((f, i) => {
      const dv = byRow.get(i + 1);
      if (dv?.kind !== 'list') return;
      for (const item of dv.list) {
        const r = new CellReader();
        const v = f.kind.read(r, item, {
          ref: { sheet: sheet.name, cell: dv.range },
          field: f.name,
        });
        expect(r.errors, `${f.name.en}: ${item}`).toEqual([]);
        expect(v).toBeDefined();
      }
    });
  });
});

describe('validations are only on the settings sheet of a new template', () => {
  it('no other input sheet has any', () => {
    const others = inputTemplate('zh', 2025).sheets.filter((s) => s.name !== SHEETS.settings.zh);
    expect(others.every((s) => s.validations === undefined)).toBe(true);
  });
});
