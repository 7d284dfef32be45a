/**
 * Validation of a plan's input model. Returns every problem at once, each with the cell it came
 * from where known; never throws. `plan()` runs it first and splits nothing when it finds any.
 * Every number is refused at its own cell when what is computed from it could overflow (the
 * ranges below), so no output cell is ever infinite. A cause that many actuals rows share (the
 * year, an enterprise missing from Enterprises) is said once, at its first row, with the count.
 */
import { isValidYMD } from './calendar';
import { outOfBounds } from './checked';
import { checkCreditCode, normalizeCreditCode } from './creditCode';
import { errorPlace, fenjieError, type FenjieError, type Ref } from './errors';
import { validateUnits } from './units';
import { actualRef, type Actual, type Constraint, type PlanInput, type ProfileDef } from './model';
import { isOnStep } from './number';
import { isEvenProfileName, periodCount, profileProblem } from './profile';
import { MAX_UNITS } from './split';

/**
 * The largest amount an input cell may hold, in its unit (base, weight, constraint, actual,
 * profile share): sums over thousands of rows and the ratios between them stay finite. A total
 * target, a lock, a floor or a cap must also be a safe number of units (`TotalTooLarge`).
 */
export const MAX_AMOUNT = 1e15;
/** The largest rate target or target growth, as a fraction: 10^4 is 1,000,000%. */
export const MAX_RATE = 1e4;
/** The largest flag threshold, in percentage points (the same 1,000,000%). */
export const MAX_POINTS = 1e6;
/**
 * The smallest actual other than 0: year on year and pace ratios divide by actuals, and
 * 10^15 / 10^-100 is still finite. (Rounding noise of real figures is far above it.)
 */
export const MIN_ACTUAL = 1e-100;
/** The smallest profile share other than 0: shares are kept to 6 decimals (profile.ts). */
export const MIN_SHARE = 1e-6;

type RangeKind = 'amount' | 'rate' | 'points' | 'actual' | 'share';

/** Each kind's largest size and smallest size other than 0, as numbers and as messages show them. */
const RANGES: Readonly<
  Record<RangeKind, { max: number; maxText: string; min?: number; minText?: string }>
> = {
  amount: { max: MAX_AMOUNT, maxText: '10^15' },
  rate: { max: MAX_RATE, maxText: '10^4 = 1000000%' },
  points: { max: MAX_POINTS, maxText: '10^6' },
  actual: { max: MAX_AMOUNT, maxText: '10^15', min: MIN_ACTUAL, minText: '10^-100' },
  share: { max: MAX_AMOUNT, maxText: '10^15', min: MIN_SHARE, minText: '10^-6' },
};

/** Whether a value is within its kind's range (NaN is: not a number at all is said elsewhere). */
function inRange(value: number, kind: RangeKind): boolean {
  const size = Math.abs(value);
  const r = RANGES[kind];
  return !(size > r.max || (r.min !== undefined && size !== 0 && size < r.min));
}

/**
 * A value out of range at its cell, or undefined when it is in range. The cell may be given as a
 * function, called only for a value out of range (an actual's cell is made only then).
 */
function outOfRange(
  value: number,
  kind: RangeKind,
  cell: Ref | undefined | (() => Ref | undefined),
): FenjieError | undefined {
  // Not a number at all is said elsewhere (InvalidThresholds, NotFinite, InvalidProfile).
  if (Number.isNaN(value) || inRange(value, kind)) return undefined;
  const ref = typeof cell === 'function' ? cell() : cell;
  const r = RANGES[kind];
  return r.min !== undefined && r.minText !== undefined && Math.abs(value) < r.min
    ? fenjieError('NumberOutOfRange', { value, max: r.maxText, min: r.minText }, ref)
    : fenjieError('NumberOutOfRange', { value, max: r.maxText }, ref);
}

/** Beyond exact integers once scaled to the indicator's step (as splitTotal refuses a part). */
const beyondUnits = (value: number, decimals: number): boolean =>
  Math.abs(value * 10 ** decimals) > MAX_UNITS;

interface SharedCause {
  readonly make: (rows?: number) => FenjieError;
  rows: number;
}

/**
 * Errors that many rows may share (the year wrong for all of a sheet's rows, an enterprise
 * missing from Enterprises for all of its months): one message per cause, at its first row,
 * saying how many rows share it.
 */
class SharedCauses {
  private readonly byKey = new Map<string, SharedCause>();
  /** In order: each error, and each shared cause at its first row. */
  private readonly order: (FenjieError | SharedCause)[] = [];

  push(e: FenjieError): void {
    this.order.push(e);
  }

  /** Counts a row with the cause `key`; `make` builds the message (given the count when above 1). */
  shared(key: string, make: (rows?: number) => FenjieError): void {
    const c = this.byKey.get(key);
    if (c) c.rows++;
    else {
      const cause = { make, rows: 1 };
      this.byKey.set(key, cause);
      this.order.push(cause);
    }
  }

  errors(): FenjieError[] {
    return this.order.map((x) => ('make' in x ? x.make(x.rows > 1 ? x.rows : undefined) : x));
  }
}

/** Finds the first occurrence of each key and reports later ones. */
function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string | undefined,
  ref: (t: T) => Ref | undefined,
  report: (t: T, first: string) => FenjieError,
): FenjieError[] {
  const seen = new Map<string, T>();
  const out: FenjieError[] = [];
  for (const t of items) {
    const k = key(t);
    if (k === undefined || k === '') continue;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, t);
    else out.push(report(t, errorPlace(ref(first) ?? { sheet: '' }) || '?'));
  }
  return out;
}

/**
 * Resolves an actuals row to an enterprise name: by credit code first, then by name. A row whose
 * code is not known matches by name only an enterprise that has no code of its own, so the live
 * sheet formulas (code, else blank code and name) find exactly the same rows.
 */
export function enterpriseResolver(input: PlanInput): (a: Actual) => string | undefined {
  const byCode = new Map<string, string>();
  const byName = new Map<string, { name: string; creditCode?: string }>();
  for (const e of input.enterprises) {
    if (e.creditCode) byCode.set(normalizeCreditCode(e.creditCode), e.name);
    byName.set(e.name, e);
  }
  return (a) => {
    const named = byName.get(a.enterprise);
    if (a.creditCode) {
      const hit = byCode.get(normalizeCreditCode(a.creditCode));
      if (hit !== undefined) return hit;
      return named && !named.creditCode ? named.name : undefined;
    }
    return named?.name;
  };
}

/** An actuals row whose code and name point at different enterprises (or a code that is not the named one's). */
function codeNameMismatch(
  byName: ReadonlyMap<string, { creditCode?: string }>,
  a: Actual,
): boolean {
  if (!a.creditCode) return false;
  const code = normalizeCreditCode(a.creditCode);
  const named = byName.get(a.enterprise);
  if (!named) return false;
  return named.creditCode !== undefined && normalizeCreditCode(named.creditCode) !== code;
}

/** The cell of the share that makes a profile invalid (not finite, or negative), when known. */
function badShareRef(p: ProfileDef): Ref | undefined {
  if (p.shares.length !== periodCount(p.grid)) return undefined;
  const nonFinite = p.shares.findIndex((v) => !Number.isFinite(v));
  const i = nonFinite >= 0 ? nonFinite : p.shares.findIndex((v) => v < 0);
  return i < 0 ? undefined : p.shareRefs?.[i];
}

export function validateInput(input: PlanInput, year: number): FenjieError[] {
  const errors: FenjieError[] = [];
  const { settings: st } = input;
  const push = (...e: FenjieError[]): void => {
    errors.push(...e);
  };

  // Settings.
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    push(fenjieError('InvalidYear', { value: year }, st.refs?.year));
  }
  if (
    st.reportMonth !== undefined &&
    (!Number.isInteger(st.reportMonth) || st.reportMonth < 1 || st.reportMonth > 12)
  ) {
    push(fenjieError('InvalidMonth', { value: st.reportMonth }, st.refs?.reportMonth));
  }
  if (st.asOf !== undefined && !isValidYMD(st.asOf)) {
    push(
      fenjieError('InvalidDate', { text: `${st.asOf.y}-${st.asOf.m}-${st.asOf.d}` }, st.refs?.asOf),
    );
  }
  // A threshold out of range is said at its cell; whether the two are in order is then moot.
  const thresholdsOutOfRange = [
    outOfRange(st.behindThreshold, 'points', st.refs?.behindThreshold),
    outOfRange(st.seriousThreshold, 'points', st.refs?.seriousThreshold),
  ].filter((e) => e !== undefined);
  if (thresholdsOutOfRange.length > 0) push(...thresholdsOutOfRange);
  else if (!(st.behindThreshold >= 0) || !(st.seriousThreshold >= st.behindThreshold)) {
    push(
      fenjieError(
        'InvalidThresholds',
        { behind: st.behindThreshold, serious: st.seriousThreshold },
        st.refs?.seriousThreshold ?? st.refs?.behindThreshold,
      ),
    );
  }

  // Profiles.
  const defined = new Set(input.profiles.map((p) => p.name));
  const knownProfile = (name: string): boolean => isEvenProfileName(name) || defined.has(name);
  for (const p of input.profiles) {
    const why = profileProblem(p);
    if (why)
      push(
        fenjieError(
          'InvalidProfile',
          { name: p.name, reasonZh: why.zh, reasonEn: why.en },
          badShareRef(p) ?? p.ref,
        ),
      );
    else
      p.shares.forEach((v, i) => {
        const e = outOfRange(v, 'share', p.shareRefs?.[i] ?? p.ref);
        if (e) push(e);
      });
  }
  push(
    ...duplicates(
      input.profiles,
      (p) => p.name,
      (p) => p.ref,
      (p, first) => fenjieError('DuplicateProfile', { name: p.name, first }, p.ref),
    ),
  );

  // Enterprises.
  if (input.enterprises.length === 0)
    push(fenjieError('NoEnterprises', {}, input.sources?.enterprises));
  const enterprises = new Set(input.enterprises.map((e) => e.name));
  push(
    ...duplicates(
      input.enterprises,
      (e) => e.name,
      (e) => e.ref,
      (e, first) => fenjieError('DuplicateEnterprise', { name: e.name, first }, e.ref),
    ),
  );
  for (const e of input.enterprises) {
    if (e.creditCode !== undefined) {
      const why = checkCreditCode(normalizeCreditCode(e.creditCode));
      if (why)
        push(
          fenjieError(
            'InvalidCreditCode',
            { code: e.creditCode, reasonZh: why.zh, reasonEn: why.en },
            e.creditCodeRef ?? e.ref,
          ),
        );
    }
    if (e.profile !== undefined && !knownProfile(e.profile)) {
      push(fenjieError('UnknownProfile', { name: e.profile }, e.profileRef ?? e.ref));
    }
  }
  push(
    ...duplicates(
      input.enterprises,
      (e) => (e.creditCode ? normalizeCreditCode(e.creditCode) : undefined),
      (e) => e.creditCodeRef ?? e.ref,
      (e, first) =>
        fenjieError(
          'DuplicateCreditCode',
          { code: e.creditCode ?? '', first },
          e.creditCodeRef ?? e.ref,
        ),
    ),
  );

  // Indicators.
  if (input.indicators.length === 0) push(fenjieError('NoIndicators', {}, input.sources?.targets));
  const indicators = new Set(input.indicators.map((i) => i.name));
  push(
    ...duplicates(
      input.indicators,
      (i) => i.name,
      (i) => i.ref,
      (i, first) => fenjieError('DuplicateIndicator', { name: i.name, first }, i.ref),
    ),
  );
  for (const ind of input.indicators) {
    if (!Number.isInteger(ind.decimals) || ind.decimals < 0 || ind.decimals > 6) {
      push(fenjieError('InvalidDecimals', { value: ind.decimals }, ind.decimalsRef ?? ind.ref));
    }
    if (!knownProfile(ind.profile))
      push(fenjieError('UnknownProfile', { name: ind.profile }, ind.profileRef ?? ind.ref));
    if (ind.kind === 'rate') {
      const e = outOfRange(ind.target, 'rate', ind.targetRef ?? ind.ref);
      if (e) push(e);
    }
    if (ind.targetGrowth !== undefined) {
      const e = outOfRange(ind.targetGrowth, 'rate', ind.targetGrowthRef ?? ind.ref);
      if (e) push(e);
    }
    if (ind.kind === 'total' && ind.target < 0) {
      push(
        fenjieError(
          'NegativeTarget',
          { indicator: ind.name, value: ind.target },
          ind.targetRef ?? ind.ref,
        ),
      );
    }
  }

  // Base and weights: in range, non-negative, known enterprises; a base that is an offset (按增量)
  // a safe number of units.
  const indicatorByName = new Map(input.indicators.map((i) => [i.name, i]));
  for (const [what, table] of [
    ['base', input.base],
    ['weights', input.weights],
  ] as const) {
    for (const [indicator, column] of Object.entries(table)) {
      const ind = indicatorByName.get(indicator);
      if (!ind) continue;
      const offset = what === 'base' && ind.kind === 'total' && ind.method === 'increment';
      for (const enterprise of Object.keys(column)) {
        const cell = column[enterprise] ?? outOfBounds();
        const range = outOfRange(cell.value, 'amount', cell.ref);
        if (!enterprises.has(enterprise))
          push(fenjieError('UnknownEnterprise', { name: enterprise }, cell.ref));
        else if (range) push(range);
        else if (offset && Number.isFinite(cell.value) && beyondUnits(cell.value, ind.decimals))
          push(
            fenjieError(
              'TotalTooLarge',
              { indicator, value: cell.value, decimals: ind.decimals },
              cell.ref,
            ),
          );
        else if (cell.value < 0) {
          push(
            fenjieError(
              'NegativeNumber',
              {
                subject: `${enterprise} ${indicator}`,
                field: what === 'base' ? 'base' : 'weight',
                value: cell.value,
              },
              cell.ref,
            ),
          );
        }
      }
    }
  }

  // Units (层层分解): the tree and the enterprises' 所属单位; a constraint may name a unit.
  push(...validateUnits(input));
  const unitNames = new Set((input.units ?? []).map((u) => u.name));

  // Constraints.
  const seenConstraint = new Map<string, Set<string>>();
  const boundsOf = new Map<string, { floor?: Constraint; cap?: Constraint }>();
  for (const c of input.constraints) {
    const ind = indicatorByName.get(c.indicator);
    const range =
      outOfRange(c.value, 'amount', c.ref) ??
      (ind && ind.kind === 'total' && Number.isFinite(c.value) && beyondUnits(c.value, ind.decimals)
        ? fenjieError(
            'TotalTooLarge',
            { indicator: c.indicator, value: c.value, decimals: ind.decimals },
            c.ref,
          )
        : undefined);
    let known = true;
    if (!enterprises.has(c.enterprise) && !unitNames.has(c.enterprise)) {
      push(fenjieError('UnknownEnterprise', { name: c.enterprise }, c.enterpriseRef ?? c.ref));
      known = false;
    }
    if (!indicators.has(c.indicator)) {
      push(fenjieError('UnknownIndicator', { name: c.indicator }, c.indicatorRef ?? c.ref));
      known = false;
    }
    if (range) {
      push(range);
      continue;
    }
    if (c.value < 0)
      push(
        fenjieError(
          'NegativeNumber',
          { subject: `${c.enterprise} ${c.indicator}`, field: c.type, value: c.value },
          c.ref,
        ),
      );
    if (!known) continue;
    if (c.type === 'lock' && ind && c.value >= 0 && !isOnStep(c.value, ind.decimals)) {
      push(
        fenjieError(
          'LockPrecision',
          {
            indicator: c.indicator,
            enterprise: c.enterprise,
            value: c.value,
            decimals: ind.decimals,
          },
          c.ref,
        ),
      );
    }
    const key = `${c.indicator}\u0000${c.enterprise}`;
    const types = seenConstraint.get(key) ?? new Set<string>();
    if (types.has(c.type) || (c.type === 'lock' && types.size > 0) || types.has('lock')) {
      push(
        fenjieError(
          'ConflictingConstraint',
          { indicator: c.indicator, enterprise: c.enterprise, type: c.type },
          c.ref,
        ),
      );
    }
    types.add(c.type);
    seenConstraint.set(key, types);
    const bounds = boundsOf.get(key) ?? {};
    if (c.type === 'floor') bounds.floor = c;
    if (c.type === 'cap') bounds.cap = c;
    boundsOf.set(key, bounds);
  }
  for (const { floor, cap } of boundsOf.values()) {
    if (floor && cap && floor.value > cap.value) {
      push(
        fenjieError(
          'FloorAboveCap',
          {
            indicator: cap.indicator,
            enterprise: cap.enterprise,
            floor: floor.value,
            cap: cap.value,
          },
          cap.ref,
        ),
      );
    }
  }

  // Actuals.
  const resolve = enterpriseResolver(input);
  const enterpriseByName = new Map(input.enterprises.map((e) => [e.name, e]));
  // The first row of each enterprise, year and month, in 24 cells per enterprise (a map keyed
  // by a string built per row costs much more with many rows).
  const slotOf = new Map<string, number>();
  for (const e of input.enterprises) if (!slotOf.has(e.name)) slotOf.set(e.name, slotOf.size);
  const seenActual = new Array<Actual | undefined>(slotOf.size * 24);
  const seenOther = new Map<string, Actual>();
  // Whether a row's code and name disagree, and the enterprise it resolves to, depend only on
  // its name and code, which repeat month after month: worked out once per name (again when
  // the code differs from the one last seen with that name).
  const byRowName = new Map<
    string,
    { code: string | undefined; mismatch: boolean; name: string | undefined }
  >();
  // One message per cause that rows share (a wrong year, an unknown enterprise), at its first row.
  const A = new SharedCauses();
  for (const a of input.actuals) {
    for (let i = 0; i < a.values.length; i++) {
      const v = a.values[i];
      // In range: no cell made, no closure either (a county's 实绩 holds millions of values).
      if (v === undefined || inRange(v, 'actual')) continue;
      const range = outOfRange(v, 'actual', () => actualRef(a, i));
      if (range) A.push(range);
    }
    if (!Number.isInteger(a.month) || a.month < 1 || a.month > 12) {
      const ref = a.monthRef ?? a.ref;
      A.shared(`month\u0000${a.month}`, (rows) =>
        fenjieError('InvalidMonth', { value: a.month, ...(rows ? { rows } : {}) }, ref),
      );
      continue;
    }
    if (a.year !== year && a.year !== year - 1) {
      const ref = a.yearRef ?? a.ref;
      A.shared(`year\u0000${a.year}`, (rows) =>
        fenjieError(
          'InvalidYear',
          { value: a.year, expected: `${year - 1}/${year}`, ...(rows ? { rows } : {}) },
          ref,
        ),
      );
      continue;
    }
    let known = byRowName.get(a.enterprise);
    if (known === undefined || known.code !== a.creditCode) {
      const mismatch = codeNameMismatch(enterpriseByName, a);
      known = { code: a.creditCode, mismatch, name: mismatch ? undefined : resolve(a) };
      byRowName.set(a.enterprise, known);
    }
    if (known.mismatch) {
      const code = a.creditCode ?? '';
      const ref = a.enterpriseRef ?? a.ref;
      A.shared(`mismatch\u0000${normalizeCreditCode(code)}\u0000${a.enterprise}`, (rows) =>
        fenjieError(
          'CodeNameMismatch',
          { code, enterprise: a.enterprise, ...(rows ? { rows } : {}) },
          ref,
        ),
      );
      continue;
    }
    const name = known.name;
    if (name === undefined) {
      const who = a.enterprise || a.creditCode || '';
      const ref = a.enterpriseRef ?? a.ref;
      A.shared(`unknown\u0000${a.enterprise}\u0000${a.creditCode ?? ''}`, (rows) =>
        fenjieError('UnknownEnterprise', { name: who, ...(rows ? { rows } : {}) }, ref),
      );
      continue;
    }
    const slot = slotOf.get(name);
    const cell = slot === undefined ? -1 : slot * 24 + (a.year === year ? 12 : 0) + (a.month - 1);
    const key = cell < 0 ? `${name}\u0000${a.year}\u0000${a.month}` : '';
    const first = cell < 0 ? seenOther.get(key) : seenActual[cell];
    if (first) {
      A.push(
        fenjieError(
          'DuplicateActual',
          {
            enterprise: name,
            year: a.year,
            month: a.month,
            first: errorPlace(first.ref ?? { sheet: '' }) || '?',
          },
          a.ref,
        ),
      );
    } else if (cell < 0) seenOther.set(key, a);
    else seenActual[cell] = a;
  }
  push(...A.errors());
  return errors;
}
