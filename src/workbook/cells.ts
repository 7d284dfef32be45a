/**
 * Reading one input cell: a formula contributes its cached result (`FormulaWithoutValue` when
 * there is none; an empty result, `""`, shows nothing, like a blank cell), text is trimmed and
 * must fit an Excel cell, numbers are read as people type them (number.ts). The value
 * kinds a column or a setting can have (sheets.ts) are built from these readers, each with the
 * way the template writes a value of that kind back.
 */
import {
  fenjieError,
  fromExcelSerial,
  isValidYMD,
  parseNumber,
  toHalfWidth,
  type FenjieError,
  type Lang,
  type Ref,
  type YMD,
} from '../engine';
import type { RawCell } from './grid';
import { choiceList, matchChoice, YES_NO, type Choice, type Name } from './names';
import type { CellValue } from './spec';

/** The scalar a cell stands for: a formula's cached result, otherwise the cell itself. */
type Scalar =
  null | number | string | boolean | { readonly date: YMD } | { readonly error: string };

export const isBlank = (c: RawCell | undefined): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/**
 * The formula (`=…`) of a cell whose formula's cached result is empty (`""`, as
 * `=IF(A2="","",A2)` gives): it looks blank in Excel though the cell is not.
 */
export function emptyFormula(c: RawCell | undefined): string | undefined {
  if (c === null || typeof c !== 'object' || !('formula' in c)) return undefined;
  const v = c.result;
  return v === null || (typeof v === 'string' && v.trim() === '') ? `=${c.formula}` : undefined;
}

/** Blank, or a formula whose result is empty: a cell that shows nothing. */
export const showsNothing = (c: RawCell | undefined): boolean =>
  isBlank(c) || emptyFormula(c) !== undefined;

/** A cell's value without reading it: a formula's cached result (null when there is none). */
export function scalarOf(c: RawCell | undefined): unknown {
  if (c !== null && typeof c === 'object' && 'formula' in c) return c.result ?? null;
  return c ?? null;
}

/** A number, or a formula whose cached result is a number. */
export const isNumberCell = (c: RawCell | undefined): boolean => typeof scalarOf(c) === 'number';

/** Reads cells and collects what is wrong with them, each error naming its cell. */
export class CellReader {
  readonly errors: FenjieError[] = [];

  scalar(c: RawCell | undefined, ref: Ref): Scalar | undefined {
    if (c === undefined) return null;
    if (c !== null && typeof c === 'object' && 'formula' in c) {
      if (c.result === undefined) {
        this.errors.push(fenjieError('FormulaWithoutValue', { formula: `=${c.formula}` }, ref));
        return undefined;
      }
      return c.result;
    }
    return c;
  }

  text(c: RawCell | undefined, ref: Ref): string | undefined {
    const v = this.scalar(c, ref);
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if ('date' in v) return `${v.date.y}-${v.date.m}-${v.date.d}`;
    this.errors.push(fenjieError('CellError', { error: v.error }, ref));
    return undefined;
  }

  number(c: RawCell | undefined, ref: Ref, unit?: string): number | undefined {
    const v = this.scalar(c, ref);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object' && 'error' in v) {
      this.errors.push(fenjieError('CellError', { error: v.error }, ref));
      return undefined;
    }
    const input = typeof v === 'object' ? `${v.date.y}-${v.date.m}-${v.date.d}` : v;
    const r = parseNumber(input, unit === undefined ? { ref } : { ref, unit });
    if (!r.ok) {
      this.errors.push(...r.errors);
      return undefined;
    }
    return r.value ?? undefined;
  }

  /** A month written as 8, '8', '8月' or '1-8月' (→ 8). */
  month(c: RawCell | undefined, ref: Ref): number | undefined {
    const t = this.text(c, ref);
    if (t === undefined) return undefined;
    const m = /^(?:\d{1,2}\s*[-—–~至]\s*)?(\d{1,2})\s*月?$/.exec(toHalfWidth(t).trim());
    if (m) return Number(m[1]);
    return this.number(c, ref);
  }

  /**
   * Percentage points: 5, or '5%' (→ 5). A number between 0 and 1 is refused: it is what a cell
   * typed as 5% in Excel holds (0.05), and no one means a threshold under one point.
   */
  points(c: RawCell | undefined, ref: Ref): number | undefined {
    const v = this.number(c, ref);
    // The text as shown: a formula's cached '5%' is 5 points too.
    const shown = scalarOf(c);
    const t = typeof shown === 'string' ? shown.trim() : '';
    if (v !== undefined && /[%％]$/.test(t)) return v * 100;
    if (v !== undefined && v > 0 && v < 1) {
      this.errors.push(fenjieError('ThresholdTooSmall', { value: v }, ref));
      return undefined;
    }
    return v;
  }

  choice<T extends string>(
    choice: Choice<T>,
    field: Name,
    c: RawCell | undefined,
    ref: Ref,
  ): T | undefined {
    const t = this.text(c, ref);
    if (t === undefined) return undefined;
    const v = matchChoice(choice, t);
    if (v === undefined) {
      this.errors.push(
        fenjieError(
          'InvalidChoice',
          { field: `${field.zh}/${field.en}`, value: t, allowed: choiceList(choice) },
          ref,
        ),
      );
    }
    return v;
  }

  date(c: RawCell | undefined, ref: Ref): YMD | undefined {
    const v = this.scalar(c, ref);
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'object' && 'date' in v) return v.date;
    if (typeof v === 'number') return fromExcelSerial(v);
    const t = typeof v === 'string' ? toHalfWidth(v).trim() : '';
    // A formula's empty result: nothing, as a blank cell.
    if (typeof v === 'string' && t === '') return undefined;
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
    const d = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
    if (!d || !isValidYMD(d)) {
      this.errors.push(
        fenjieError('InvalidDate', { text: typeof v === 'object' ? v.error : String(v) }, ref),
      );
      return undefined;
    }
    return d;
  }
}

/** Where a cell is read: its ref, the column or setting it belongs to, and the unit it is in. */
export interface Place {
  readonly ref: Ref;
  readonly field: Name;
  /** For an amount: the unit it is wanted in (the indicator's). */
  readonly unit?: string;
}

/**
 * What a column's (or a setting's) cells hold: `T` as read, `W` as the template may write it.
 * Methods, not function properties, so a kind of a narrower `T` is still a kind.
 */
export interface ValueKind<T, W = T> {
  /** The cell's value, or undefined for a blank cell or one with a problem (reported). */
  read(r: CellReader, c: RawCell | undefined, at: Place): T | undefined;
  /** A value as the template writes it in `lang`. */
  write(v: W, lang: Lang): CellValue;
}

const asIs = <W extends CellValue>(v: W): CellValue => v;

/** The most characters an Excel cell holds. */
export const MAX_TEXT = 32767;

/**
 * Trimmed text of at most `limit` characters (longer text is reported, and read as it is so
 * that nothing else is said about the cell); a number or a truth value as written.
 */
export const textUpTo = (limit: number): ValueKind<string, string | number> => ({
  read: (r, c, at) => {
    const t = r.text(c, at.ref);
    if (t !== undefined && t.length > limit)
      r.errors.push(fenjieError('TextTooLong', { length: t.length, limit }, at.ref));
    return t;
  },
  write: asIs,
});

/** Trimmed text that fits an Excel cell. */
export const TEXT = textUpTo(MAX_TEXT);

/** A number as people type it (`1,234.5`, `１２３４`, `12%`, `3.2万`). */
export const NUMBER: ValueKind<number, number | string> = {
  read: (r, c, at) => r.number(c, at.ref),
  write: asIs,
};

/** A number in the unit of its indicator: `4.95亿` is 49500 where the unit is 万元. */
export const AMOUNT: ValueKind<number, number | string> = {
  read: (r, c, at) => r.number(c, at.ref, at.unit),
  write: asIs,
};

/** A month: 8, '8月' or '1-8月' (→ 8). */
export const MONTH: ValueKind<number> = { read: (r, c, at) => r.month(c, at.ref), write: asIs };

/** Percentage points: 5, or '5%' (→ 5). */
export const POINTS: ValueKind<number> = { read: (r, c, at) => r.points(c, at.ref), write: asIs };

/** The most names a red or black list (红榜 / 黑榜) may hold. */
export const MAX_LIST_SIZE = 50;

/** How many a red or black list names: a whole number 1–50. */
export const LIST_SIZE: ValueKind<number> = {
  read: (r, c, at) => {
    const v = r.number(c, at.ref);
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < 1 || v > MAX_LIST_SIZE) {
      r.errors.push(fenjieError('InvalidListSize', { value: v }, at.ref));
      return undefined;
    }
    return v;
  },
  write: asIs,
};

/**
 * The escalation ladder (预警升级): consecutive months behind schedule that lead to 提醒, 约谈 and
 * 督办, three increasing whole numbers written `1,2,3` (also with 、，; or spaces between them).
 * @example parseEscalation('1，2，4') // → [1, 2, 4]
 */
export function parseEscalation(text: string): readonly [number, number, number] | undefined {
  const parts = toHalfWidth(text)
    .trim()
    .split(/\s*[,;、，；\s]\s*/);
  if (parts.length !== 3 || !parts.every((p) => /^\d{1,2}$/.test(p))) return undefined;
  const [a, b, c] = parts.map(Number);
  if (a === undefined || b === undefined || c === undefined) return undefined;
  return a >= 1 && a < b && b < c && c <= 12 ? [a, b, c] : undefined;
}

export const ESCALATION: ValueKind<readonly [number, number, number], readonly number[] | string> =
  {
    read: (r, c, at) => {
      const t = r.text(c, at.ref);
      if (t === undefined) return undefined;
      const v = parseEscalation(t);
      if (v === undefined) r.errors.push(fenjieError('InvalidEscalation', { text: t }, at.ref));
      return v;
    },
    write: (v) => (typeof v === 'string' ? v : v.join(',')),
  };

/** A date cell, an Excel serial, or text such as 2025-8-31 or 2025年8月31日. */
export const DATE: ValueKind<YMD> = {
  read: (r, c, at) => r.date(c, at.ref),
  write: (v) => `${v.y}-${v.m}-${v.d}`,
};

/** One of a closed set of values, in Chinese or English (names.ts). */
export const choiceOf = <T extends string>(choice: Choice<T>): ValueKind<T> => ({
  read: (r, c, at) => r.choice(choice, at.field, c, at.ref),
  write: (v, lang) => choice[v][lang],
});

/** 是 / 否, yes / no, or a TRUE / FALSE cell. */
export const YES_OR_NO: ValueKind<boolean> = {
  // A TRUE / FALSE cell reads as the text 'true' / 'false', which YES_NO accepts.
  read: (r, c, at) => {
    const v = r.choice(YES_NO, at.field, c, at.ref);
    return v === undefined ? undefined : v === 'yes';
  },
  write: (v, lang) => (v ? YES_NO.yes : YES_NO.no)[lang],
};
