/**
 * The fake Range.dataValidation (DataValidation, ExcelApi 1.8): `rule`, `ignoreBlanks`, `prompt`
 * and `errorAlert`, each checked when the sync runs as the Office.js reference describes it
 * (one kind of rule; the operators, alert styles and members it names; Excel's limits on titles
 * and messages). A member or key the fake does not know throws, so a misspelling fails a test.
 * Only the rule kinds the writer uses are modelled: wholeNumber, decimal, date and list.
 */
import { QUEUE, REF, Bound } from './fake-api';
import {
  FakeExcelError,
  blockAddress,
  parseAddress,
  within,
  type FakeDataValidation as FakeDataValidationState,
  type FakeSheet,
} from './fake-model';
import type { Block } from './fake-range';

const OPERATORS = new Set([
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqualTo',
  'LessThanOrEqualTo',
]);

/** Throws unless `o` is a plain object whose keys are all in `known` and include `needed`. */
function keysOf(o: unknown, what: string, known: readonly string[], needed: readonly string[]) {
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw new FakeExcelError('InvalidArgument', `${what} must be an object`);
  const rec = o as Record<string, unknown>;
  for (const k of Object.keys(rec))
    if (!known.includes(k)) throw new TypeError(`fake Excel: unknown member ${what}.${k}`);
  for (const k of needed)
    if (rec[k] === undefined) throw new FakeExcelError('InvalidArgument', `${what}.${k} is needed`);
  return rec;
}

/** A BasicDataValidation (wholeNumber, decimal) or a DateTimeDataValidation (date). */
function checkBounds(o: unknown, what: string, isDate: boolean): void {
  const b = keysOf(o, what, ['formula1', 'formula2', 'operator'], ['formula1', 'operator']);
  const operator = b.operator;
  if (typeof operator !== 'string' || !OPERATORS.has(operator))
    throw new FakeExcelError('InvalidArgument', `${what}.operator ${String(operator)}`);
  const ternary = operator === 'Between' || operator === 'NotBetween';
  if (ternary && b.formula2 === undefined)
    throw new FakeExcelError('InvalidArgument', `${what}: ${operator} needs formula2`);
  for (const k of ternary ? ['formula1', 'formula2'] : ['formula1']) {
    const f = b[k];
    const ok = isDate
      ? typeof f === 'string' && /^\d{4}-\d{2}-\d{2}/.test(f) // an ISO 8601 date (Date objects are not modelled)
      : typeof f === 'number'
        ? Number.isFinite(f)
        : typeof f === 'string' && f !== '';
    if (!ok) throw new FakeExcelError('InvalidArgument', `${what}.${k} ${JSON.stringify(f)}`);
  }
  if (
    !isDate &&
    ternary &&
    typeof b.formula1 === 'number' &&
    typeof b.formula2 === 'number' &&
    b.formula1 > b.formula2
  )
    throw new FakeExcelError('InvalidArgument', `${what}: formula1 is above formula2`);
}

function checkRule(rule: unknown): Record<string, Record<string, unknown>> {
  const r = keysOf(
    rule,
    'DataValidationRule',
    ['wholeNumber', 'decimal', 'date', 'list', 'textLength', 'time', 'custom'],
    [],
  );
  const kinds = Object.keys(r).filter((k) => r[k] !== undefined);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined)
    throw new FakeExcelError('InvalidArgument', `a rule has exactly one kind, not ${kinds.length}`);
  const body = r[kind];
  if (kind === 'wholeNumber' || kind === 'decimal') checkBounds(body, kind, false);
  else if (kind === 'date') checkBounds(body, kind, true);
  else if (kind === 'list') {
    const l = keysOf(body, 'ListDataValidation', ['inCellDropDown', 'source'], ['source']);
    if (typeof l.source !== 'string' || l.source === '')
      throw new FakeExcelError('InvalidArgument', 'a list source is a non-empty string');
    if (l.inCellDropDown !== undefined && typeof l.inCellDropDown !== 'boolean')
      throw new FakeExcelError('InvalidArgument', 'inCellDropDown is a boolean');
  } else throw new TypeError(`fake Excel: ${kind} rules are not modelled`);
  return JSON.parse(JSON.stringify(r)) as Record<string, Record<string, unknown>>;
}

/** A prompt or an error alert: its members, strings within Excel's limits. */
function checkMessage(
  o: unknown,
  what: 'DataValidationPrompt' | 'DataValidationErrorAlert',
): Record<string, unknown> {
  const isPrompt = what === 'DataValidationPrompt';
  const show = isPrompt ? 'showPrompt' : 'showAlert';
  const m = keysOf(
    o,
    what,
    ['title', 'message', show, ...(isPrompt ? [] : ['style'])],
    ['title', 'message', show, ...(isPrompt ? [] : ['style'])],
  );
  if (typeof m.title !== 'string' || m.title.length > 32)
    throw new FakeExcelError('InvalidArgument', `${what}.title ${JSON.stringify(m.title)}`);
  if (typeof m.message !== 'string' || m.message.length > (isPrompt ? 255 : 225))
    throw new FakeExcelError('InvalidArgument', `${what}.message is too long or not text`);
  if (typeof m[show] !== 'boolean')
    throw new FakeExcelError('InvalidArgument', `${what}.${show} is a boolean`);
  if (!isPrompt && !['Stop', 'Warning', 'Information'].includes(m.style as string))
    throw new FakeExcelError('InvalidArgument', `${what}.style ${String(m.style)}`);
  return { ...m };
}

/**
 * The validation of exactly this block, made on first use. One that only partly overlaps another
 * is not modelled (Excel would split the other).
 */
function validationOf(b: Block): { v: FakeDataValidationState; sheet: FakeSheet } {
  const range = blockAddress(b);
  const list = b.sheet.dataValidations;
  const same = list.find((v) => v.range === range);
  if (same) return { v: same, sheet: b.sheet };
  const overlapping = list.find((v) => {
    const o = parseAddress(v.range);
    return (
      o.row < b.row + b.rows &&
      b.row < o.row + o.rows &&
      o.col < b.col + b.cols &&
      b.col < o.col + o.cols
    );
  });
  if (overlapping)
    throw new TypeError(
      `fake Excel: a validation of ${range} over ${overlapping.range} is not modelled`,
    );
  const v: FakeDataValidationState = { range, ignoreBlanks: true };
  list.push(v);
  return { v, sheet: b.sheet };
}

export class FakeDataValidation extends Bound<() => Block> {
  /** Removes the validations whose range lies within this range. */
  clear(): void {
    this[QUEUE]('call', 'clear', [], () => {
      const b = this[REF]();
      b.sheet.dataValidations = b.sheet.dataValidations.filter((v) => !within(b, v.range));
      return { sheet: b.sheet };
    });
  }
  #set(member: string, value: unknown, f: (v: FakeDataValidationState) => void): void {
    this[QUEUE]('set', member, [value], () => {
      const { v, sheet } = validationOf(this[REF]());
      f(v);
      return { sheet };
    });
  }
  set rule(rule: unknown) {
    this.#set('rule', rule, (v) => (v.rule = checkRule(rule)));
  }
  set ignoreBlanks(on: boolean) {
    this.#set('ignoreBlanks', on, (v) => {
      if (typeof on !== 'boolean')
        throw new FakeExcelError('InvalidArgument', 'ignoreBlanks is a boolean');
      v.ignoreBlanks = on;
    });
  }
  set prompt(p: unknown) {
    this.#set('prompt', p, (v) => {
      v.prompt = checkMessage(p, 'DataValidationPrompt') as FakeDataValidationState['prompt'];
    });
  }
  set errorAlert(a: unknown) {
    this.#set('errorAlert', a, (v) => {
      v.errorAlert = checkMessage(
        a,
        'DataValidationErrorAlert',
      ) as FakeDataValidationState['errorAlert'];
    });
  }
}
