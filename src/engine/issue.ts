/**
 * 下发: the input of one unit's own workbook, cut from the area's (`fenjie issue`). Its target is
 * the unit's part of each total indicator (a rate keeps the area's rate); its enterprises are
 * those below it, with their bases, weights, profiles and actuals; the units below it become its
 * units (its children under its own area); its constraints are its enterprises' and units' own,
 * with every enterprise and unit the area split within a band (cascade.ts) held to that band as a
 * floor and a cap — so it splits its part on its own to exactly the parts the area computed, and
 * over the periods to exactly the area's cells (cascade.ts rounds each unit's periods as its own
 * workbook does).
 * The settings are the area's, with the unit's name as the area.
 *
 * @example
 *   const r = plan(county, { today });  // r.ok
 *   const township = issueInput(county, r.value, '腊口镇');
 *   plan(township, { today }) // → the same parts for 腊口镇's enterprises
 */
import { outOfBounds } from './checked';
import type { Constraint, PlanInput, Unit } from './model';
import { fromUnits } from './number';
import type { Plan } from './plan';
import { unitTree } from './units';
import { enterpriseResolver } from './validate';

/** The input of unit `name`'s own workbook (the input and its plan validated, with units). */
export function issueInput(input: PlanInput, plan: Plan, name: string): PlanInput {
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
    bandsOf.set(
      a.indicator,
      new Map(
        row.bands.map(([who, lo, hi]) => [
          who,
          [fromUnits(lo, d), Number.isFinite(hi) ? fromUnits(hi, d) : null] as const,
        ]),
      ),
    );
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
  const resolve = enterpriseResolver(input);
  return {
    ...(input.sources ? { sources: input.sources } : {}),
    settings: { ...input.settings, area: name, year: plan.year },
    indicators: input.indicators.map((ind) => {
      const part = partOf.get(ind.name);
      return ind.kind === 'total' && part !== undefined ? { ...ind, target: part } : ind;
    }),
    enterprises: enterprises.map((e) => {
      if (units.length > 0) return e;
      const { unit: _unit, unitRef: _unitRef, ...rest } = e;
      return rest;
    }),
    profiles: input.profiles,
    base: only(input.base),
    weights: only(input.weights),
    constraints,
    actuals: input.actuals.filter((a) => names.has(resolve(a) ?? a.enterprise)),
    ...(subUnits.length > 0 ? { units: subUnits } : {}),
  };
}
