/**
 * 下发: the input of one unit's own workbook, cut from the area's (`fenjie issue`). Its target is
 * the unit's part of each total indicator (a rate keeps the area's rate); its enterprises are
 * those below it, with their bases, weights, profiles and actuals; the units below it become its
 * units (its children under its own area); its constraints are its enterprises' and units' own,
 * with every enterprise and unit the area split within a band (cascade.ts) held to that band as a
 * floor and a cap — so it splits its part on its own to exactly the parts the area computed.
 * Over time, each total indicator's unit period cells (over its enterprises that follow the
 * indicator's profile) become one more profile, named after the indicator (工业总产值·下发), which
 * the indicator follows in the unit's workbook: the unit's children split its issued quarterly
 * or monthly targets, as the area split them (cascade.ts `cascadePeriods`), so the workbook plans
 * to exactly the area's cells. An indicator keeps its profile where the unit has no cell to hand
 * down (a zero part, or every enterprise on a profile of its own), where the profile would not fit
 * the 时间分布 sheet's one grid (均衡's quarters on a sheet of months), or where an enterprise's own
 * profile names the indicator's profile while not naming another indicator's.
 * The settings are the area's, with the unit's name as the area.
 *
 * @example
 *   const r = plan(county, { today });  // r.ok
 *   const township = issueInput(county, r.value, '腊口镇');
 *   plan(township, { today }) // → the same parts and period cells for 腊口镇's enterprises
 */
import { outOfBounds } from './checked';
import type { Lang } from './errors';
import type { Constraint, PlanInput, ProfileDef, Unit } from './model';
import { fromUnits, toUnits } from './number';
import type { Plan } from './plan';
import {
  canonicalProfileName,
  EVEN,
  EVEN_NAMES,
  isEvenProfileName,
  ISSUED_PROFILE_SUFFIX,
  issuedProfile,
  type Profile,
} from './profile';
import { unitTree } from './units';
import { enterpriseResolver } from './validate';

/**
 * The input of unit `name`'s own workbook (the input and its plan validated, with units); `lang`
 * names the issued profiles.
 */
export function issueInput(
  input: PlanInput,
  plan: Plan,
  name: string,
  lang: Lang = 'zh',
): PlanInput {
  const tree = unitTree(input);
  const u = tree.byName.get(name);
  if (u === undefined) throw new Error(`issueInput: no unit ${name}`);
  // The units and enterprises below u.
  const units: number[] = [];
  const visit = (k: number): void => {
    for (const c of tree.childUnits[k] ?? outOfBounds()) {
      units.push(c);
      visit(c);
    }
  };
  visit(u);
  const leaves = units.length === 0 ? [u] : units;
  const enterpriseIdx = leaves
    .flatMap((k) => [...(tree.enterprisesOf[k] ?? outOfBounds())])
    .sort((a, b) => a - b);
  const enterprises = enterpriseIdx.map((i) => input.enterprises[i] ?? outOfBounds());
  const names = new Set(enterprises.map((e) => e.name));
  const unitNames = new Set(units.map((k) => tree.units[k]?.name ?? ''));
  const keep = (who: string): boolean => names.has(who) || unitNames.has(who);
  const children = new Set(tree.childUnits[u] ?? outOfBounds());
  const subUnits: Unit[] = [...units]
    .sort((a, b) => a - b)
    .map((k) => {
      const unit = tree.units[k] ?? outOfBounds();
      if (!children.has(k)) return unit;
      // A child of u belongs to the new workbook's area.
      const { parent: _parent, parentRef: _parentRef, ...rest } = unit;
      return rest;
    });
  const partOf = new Map<string, number>();
  // indicator → name → [floor, cap] in the indicator's unit.
  const bandsOf = new Map<string, Map<string, readonly [number, number | null]>>();
  for (const a of plan.allocations) {
    const row = a.units?.find((x) => x.unit === name);
    if (!row) continue;
    partOf.set(a.indicator, row.annual);
    const d = a.decimals;
    const n = a.rows.length;
    const named = new Map<string, readonly [number, number | null]>();
    row.bands.nodes.forEach((node, k) => {
      const who =
        node < n
          ? (a.rows[node] ?? outOfBounds()).enterprise
          : (a.units?.[node - n] ?? outOfBounds()).unit;
      const hi = row.bands.hi[k] ?? outOfBounds();
      named.set(who, [
        fromUnits(row.bands.lo[k] ?? outOfBounds(), d),
        Number.isFinite(hi) ? fromUnits(hi, d) : null,
      ]);
    });
    bandsOf.set(a.indicator, named);
  }
  // Constraints: locks as they were; floors and caps of the banded replaced by the band.
  const constraints: Constraint[] = [];
  for (const c of input.constraints) {
    if (!keep(c.enterprise)) continue;
    const band = bandsOf.get(c.indicator)?.get(c.enterprise);
    if (band && c.type !== 'lock') continue;
    constraints.push(c);
  }
  for (const [indicator, bands] of bandsOf) {
    for (const [who, [floor, cap]] of bands) {
      if (!keep(who)) continue;
      if (floor > 0) constraints.push({ enterprise: who, indicator, type: 'floor', value: floor });
      if (cap !== null) constraints.push({ enterprise: who, indicator, type: 'cap', value: cap });
    }
  }
  const only = <T>(table: Readonly<Record<string, Readonly<Record<string, T>>>>) =>
    Object.fromEntries(
      Object.entries(table).map(([ind, column]) => [
        ind,
        Object.fromEntries(Object.entries(column).filter(([e]) => names.has(e))),
      ]),
    );
  const issued = issuedProfiles(input, plan, enterpriseIdx, lang);
  const resolve = enterpriseResolver(input);
  return {
    ...(input.sources ? { sources: input.sources } : {}),
    settings: { ...input.settings, area: name, year: plan.year },
    indicators: input.indicators.map((ind) => {
      const part = partOf.get(ind.name);
      if (ind.kind !== 'total' || part === undefined) return ind;
      const p = issued.byIndicator.get(ind.name);
      return p ? { ...ind, target: part, profile: p.name } : { ...ind, target: part };
    }),
    enterprises: enterprises.map((e) => {
      const { unit: _unit, unitRef: _unitRef, ...kept } = e;
      const rest = units.length > 0 ? e : kept;
      if (issued.byIndicator.size === 0 || !issued.followers.has(e.name)) return rest;
      const { profile: _profile, profileRef: _profileRef, ...following } = rest;
      return following;
    }),
    profiles: [...input.profiles, ...issued.byIndicator.values()],
    base: only(input.base),
    weights: only(input.weights),
    constraints,
    actuals: input.actuals.filter((a) => names.has(resolve(a) ?? a.enterprise)),
    ...(subUnits.length > 0 ? { units: subUnits } : {}),
  };
}

/**
 * The issued profiles of a unit's workbook (see above), by indicator, and the enterprises whose
 * own profile is dropped: those that name the profile of every total indicator (they follow each
 * indicator, and go on following it once it follows its issued profile).
 */
function issuedProfiles(
  input: PlanInput,
  plan: Plan,
  enterpriseIdx: readonly number[],
  lang: Lang,
): { byIndicator: Map<string, ProfileDef>; followers: Set<string> } {
  const totals = input.indicators.filter((i) => i.kind === 'total');
  // An enterprise's own profile that names every total indicator's: it follows each, and does so
  // in the unit's workbook once its profile is left out. One that names some but not all: it
  // follows those in the area, and would not in the unit's workbook (its profile named, not the
  // issued one), so those keep their profile.
  const followers = new Set<string>();
  const keep = new Set<string>();
  for (const i of enterpriseIdx) {
    const e = input.enterprises[i] ?? outOfBounds();
    if (e.profile === undefined) continue;
    const own = canonicalProfileName(e.profile);
    const follows = totals.filter((ind) => canonicalProfileName(ind.profile) === own);
    if (follows.length === totals.length) followers.add(e.name);
    else for (const ind of follows) keep.add(ind.name);
  }
  const defined = new Map<string, Profile>([[EVEN.name, EVEN]]);
  for (const p of input.profiles) defined.set(p.name, p);
  // The one grid of 时间分布 (inputWorkbook.ts): its profiles', or free while it has none.
  let sheetGrid = input.profiles.find((p) => !isEvenProfileName(p.name))?.grid;
  const taken = new Set([...defined.keys(), ...Object.values(EVEN_NAMES)]);
  const byIndicator = new Map<string, ProfileDef>();
  for (const a of plan.allocations) {
    if (keep.has(a.indicator)) continue;
    const original = defined.get(a.profile) ?? EVEN;
    const d = a.decimals;
    const cells = new Array<number>(a.periodTotals.length).fill(0);
    for (const i of enterpriseIdx) {
      const row = a.rows[i] ?? outOfBounds();
      if (row.profile !== a.profile) continue;
      row.periods.forEach((v, j) => (cells[j] = (cells[j] ?? 0) + toUnits(v, d)));
    }
    let pname = `${a.indicator}${ISSUED_PROFILE_SUFFIX[lang]}`;
    for (let k = 2; taken.has(pname); k++)
      pname = `${a.indicator}${ISSUED_PROFILE_SUFFIX[lang]}${k}`;
    const p = issuedProfile(pname, original.grid, a.grid, cells, d);
    if (!p || (sheetGrid !== undefined && p.grid !== sheetGrid)) continue;
    sheetGrid = p.grid;
    taken.add(pname);
    byIndicator.set(a.indicator, p);
  }
  return { byIndicator, followers };
}
