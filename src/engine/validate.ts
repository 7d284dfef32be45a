/**
 * Validation of a plan's input model. Returns every problem at once, each with the cell it came
 * from where known; never throws. `plan()` runs it first and splits nothing when it finds any.
 */
import { isValidYMD } from './calendar';
import { checkCreditCode, normalizeCreditCode } from './creditCode';
import { errorPlace, fenjieError, type FenjieError, type Ref } from './errors';
import type { Actual, Constraint, PlanInput, ProfileDef, ValueCell } from './model';
import { isOnStep } from './number';
import { isEvenProfileName, periodCount, profileProblem } from './profile';

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
  if (!(st.behindThreshold >= 0) || !(st.seriousThreshold >= st.behindThreshold)) {
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

  // Base and weights: non-negative, known enterprises.
  for (const [what, table] of [
    ['base', input.base],
    ['weights', input.weights],
  ] as const) {
    for (const [indicator, column] of Object.entries(table)) {
      if (!indicators.has(indicator)) continue;
      for (const enterprise of Object.keys(column)) {
        const cell = column[enterprise] as ValueCell;
        if (!enterprises.has(enterprise))
          push(fenjieError('UnknownEnterprise', { name: enterprise }, cell.ref));
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

  // Constraints.
  const seenConstraint = new Map<string, Set<string>>();
  const boundsOf = new Map<string, { floor?: Constraint; cap?: Constraint }>();
  const indicatorByName = new Map(input.indicators.map((i) => [i.name, i]));
  for (const c of input.constraints) {
    let known = true;
    if (!enterprises.has(c.enterprise)) {
      push(fenjieError('UnknownEnterprise', { name: c.enterprise }, c.enterpriseRef ?? c.ref));
      known = false;
    }
    if (!indicators.has(c.indicator)) {
      push(fenjieError('UnknownIndicator', { name: c.indicator }, c.indicatorRef ?? c.ref));
      known = false;
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
    const ind = indicatorByName.get(c.indicator);
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
  for (const a of input.actuals) {
    if (!Number.isInteger(a.month) || a.month < 1 || a.month > 12) {
      push(fenjieError('InvalidMonth', { value: a.month }, a.monthRef ?? a.ref));
      continue;
    }
    if (a.year !== year && a.year !== year - 1) {
      push(
        fenjieError(
          'InvalidYear',
          { value: a.year, expected: `${year - 1}/${year}` },
          a.yearRef ?? a.ref,
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
      push(
        fenjieError(
          'CodeNameMismatch',
          { code: a.creditCode ?? '', enterprise: a.enterprise },
          a.enterpriseRef ?? a.ref,
        ),
      );
      continue;
    }
    const name = known.name;
    if (name === undefined) {
      push(
        fenjieError(
          'UnknownEnterprise',
          { name: a.enterprise || a.creditCode || '' },
          a.enterpriseRef ?? a.ref,
        ),
      );
      continue;
    }
    const slot = slotOf.get(name);
    const cell = slot === undefined ? -1 : slot * 24 + (a.year === year ? 12 : 0) + (a.month - 1);
    const key = cell < 0 ? `${name}\u0000${a.year}\u0000${a.month}` : '';
    const first = cell < 0 ? seenOther.get(key) : seenActual[cell];
    if (first) {
      push(
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
  return errors;
}
