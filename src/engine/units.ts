/**
 * The units' tree (单位 / Units, 层层分解; workbook-format.md, "Units"): the levels between the
 * area and its enterprises. A unit with a blank parent belongs to the area; an enterprise belongs
 * to a leaf unit. At most MAX_UNIT_LEVELS levels, no cycles, names unique and distinct from the
 * enterprises'.
 *
 * @example
 *   const t = unitTree(input); // units 城关镇, 工业园区 (under the area), 东区 under 工业园区
 *   t.top // → [0, 1];  t.childUnits[1] // → [2];  t.enterprisesOf[2] // → the enterprises of 东区
 */
import { outOfBounds } from './checked';
import { errorPlace, fenjieError, type FenjieError, type Ref } from './errors';
import type { PlanInput, Unit } from './model';

/** At most this many levels of units between the area and its enterprises. */
export const MAX_UNIT_LEVELS = 3;

/** Whether a plan splits through units (a non-empty 单位 / Units sheet). */
export const usesUnits = (input: PlanInput): boolean => (input.units?.length ?? 0) > 0;

export interface UnitTree {
  readonly units: readonly Unit[];
  /** The index of each unit's parent, −1 for the area. */
  readonly parentOf: readonly number[];
  /** The units under the area, in input order. */
  readonly top: readonly number[];
  /** Each unit's child units, in input order. */
  readonly childUnits: readonly (readonly number[])[];
  /** Each unit's enterprises (indices into input.enterprises), in input order. */
  readonly enterprisesOf: readonly (readonly number[])[];
  /** Each enterprise's unit (−1: none). */
  readonly unitOf: readonly number[];
  /** Each unit's level: 1 under the area. */
  readonly level: readonly number[];
  /** Units in an order where every unit comes after its parent (top-down). */
  readonly topDown: readonly number[];
  readonly byName: ReadonlyMap<string, number>;
}

/**
 * The tree of a validated input (validateUnits found nothing). Names that do not resolve are
 * treated as blank, so it is total on any input.
 */
export function unitTree(input: PlanInput): UnitTree {
  const units = input.units ?? [];
  const byName = new Map<string, number>();
  units.forEach((u, i) => {
    if (!byName.has(u.name)) byName.set(u.name, i);
  });
  const parentOf = units.map((u) => (u.parent === undefined ? -1 : (byName.get(u.parent) ?? -1)));
  const childUnits = units.map((): number[] => []);
  const top: number[] = [];
  parentOf.forEach((p, i) => {
    if (p < 0) top.push(i);
    else (childUnits[p] ?? outOfBounds()).push(i);
  });
  const enterprisesOf = units.map((): number[] => []);
  const unitOf = input.enterprises.map((e, k) => {
    const u = e.unit === undefined ? -1 : (byName.get(e.unit) ?? -1);
    if (u >= 0) (enterprisesOf[u] ?? outOfBounds()).push(k);
    return u;
  });
  const level = new Array<number>(units.length).fill(0);
  const topDown: number[] = [];
  const visit = (i: number, l: number): void => {
    level[i] = l;
    topDown.push(i);
    for (const c of childUnits[i] ?? outOfBounds()) visit(c, l + 1);
  };
  for (const i of top) visit(i, 1);
  return { units, parentOf, top, childUnits, enterprisesOf, unitOf, level, topDown, byName };
}

/** Every problem of the units and of the enterprises' 所属单位, by sheet and cell. */
export function validateUnits(input: PlanInput): FenjieError[] {
  const units = input.units ?? [];
  if (units.length === 0) return [];
  const errors: FenjieError[] = [];
  const firstRef = new Map<string, Ref | undefined>();
  const enterpriseRef = new Map<string, Ref | undefined>();
  for (const e of input.enterprises)
    if (!enterpriseRef.has(e.name)) enterpriseRef.set(e.name, e.ref);
  for (const u of units) {
    if (firstRef.has(u.name)) {
      const first = errorPlace(firstRef.get(u.name) ?? { sheet: '' }) || '?';
      errors.push(fenjieError('DuplicateUnit', { name: u.name, first }, u.ref));
      continue;
    }
    firstRef.set(u.name, u.ref);
    if (enterpriseRef.has(u.name)) {
      const at = errorPlace(enterpriseRef.get(u.name) ?? { sheet: '' }) || '?';
      errors.push(fenjieError('UnitNameClash', { name: u.name, enterprise: at }, u.ref));
    }
  }
  const parentOf = new Map<string, string | undefined>();
  for (const u of units) {
    if (parentOf.has(u.name)) continue;
    if (u.parent !== undefined && !firstRef.has(u.parent)) {
      errors.push(fenjieError('UnknownUnit', { name: u.parent }, u.parentRef ?? u.ref));
      parentOf.set(u.name, undefined);
    } else parentOf.set(u.name, u.parent);
  }
  // Cycles and depth: follow each unit's parents up to the area.
  const reported = new Set<string>();
  for (const u of units) {
    if (reported.has(u.name) || u !== units.find((v) => v.name === u.name)) continue;
    const path: string[] = [u.name];
    let at = parentOf.get(u.name);
    while (at !== undefined && !path.includes(at)) {
      path.push(at);
      at = parentOf.get(at);
    }
    if (at !== undefined) {
      // A cycle: report it once, at the first of its units in input order.
      const cycle = path.slice(path.indexOf(at));
      if (cycle.some((n) => reported.has(n))) continue;
      cycle.forEach((n) => reported.add(n));
      const first = units.find((v) => cycle.includes(v.name)) ?? u;
      const start = cycle.indexOf(first.name);
      const ring = [...cycle.slice(start), ...cycle.slice(0, start), first.name];
      errors.push(
        fenjieError('UnitCycle', { names: ring.join(' → ') }, first.parentRef ?? first.ref),
      );
    } else if (path.length > MAX_UNIT_LEVELS) {
      errors.push(
        fenjieError(
          'UnitTooDeep',
          { unit: u.name, path: [...path].reverse().join(' → '), max: MAX_UNIT_LEVELS },
          u.parentRef ?? u.ref,
        ),
      );
    }
  }
  const childOf = new Map<string, string>();
  for (const u of units)
    if (u.parent !== undefined && !childOf.has(u.parent)) childOf.set(u.parent, u.name);
  for (const e of input.enterprises) {
    const at = e.unitRef ?? e.ref;
    if (e.unit === undefined) errors.push(fenjieError('MissingUnit', { enterprise: e.name }, at));
    else if (!firstRef.has(e.unit)) errors.push(fenjieError('UnknownUnit', { name: e.unit }, at));
    else {
      const child = childOf.get(e.unit);
      if (child !== undefined)
        errors.push(fenjieError('UnitNotLeaf', { enterprise: e.name, unit: e.unit, child }, at));
    }
  }
  return errors;
}
