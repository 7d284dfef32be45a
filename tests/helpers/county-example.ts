/**
 * The county example (层层分解): the township example's enterprises handed to units, as the
 * workbook reader would build it from a 单位 / Units sheet and a 所属单位 / Unit column (column F
 * of 企业). Two townships and an industrial park with two sub-parks:
 *
 *   某县 ─ 腊口镇: 浙江华都新能源, 石塔线缆, 卓尔五金, 龙显企业
 *        ─ 仙渡乡: 浙南油茶, 龙山果业, 中野植物科技, 中穗米厂
 *        ─ 工业园区 ─ 东区: 石普铝业, 友邦铝业
 *                   ─ 西区: 康盛新墙材, 宏泰新型建材
 *
 * 腊口镇 has claimed (镇认领) 24,000 万元 of 工业总产值: a unit lock in 约束.
 */
import type { Constraint, PlanInput, Unit } from '../../src/engine/model';
import { townshipExampleInput } from './example-input';

/** Units in sheet order (单位 rows from 2). */
export const COUNTY_UNITS: readonly { name: string; parent?: string; group?: string }[] = [
  { name: '腊口镇', group: '乡镇' },
  { name: '仙渡乡', group: '乡镇' },
  { name: '工业园区', group: '园区' },
  { name: '东区', parent: '工业园区', group: '园区' },
  { name: '西区', parent: '工业园区', group: '园区' },
];

/** Each enterprise's unit, by name. */
export const COUNTY_MEMBERSHIP: Readonly<Record<string, string>> = {
  浙江华都新能源: '腊口镇',
  石塔线缆: '腊口镇',
  卓尔五金: '腊口镇',
  龙显企业: '腊口镇',
  浙南油茶: '仙渡乡',
  龙山果业: '仙渡乡',
  中野植物科技: '仙渡乡',
  中穗米厂: '仙渡乡',
  石普铝业: '东区',
  友邦铝业: '东区',
  康盛新墙材: '西区',
  宏泰新型建材: '西区',
};

/** 腊口镇's claim (a unit lock), the last row of 约束. */
export const COUNTY_LOCK = { unit: '腊口镇', indicator: '工业总产值', value: 24000 } as const;

export function countyUnits(): Unit[] {
  return COUNTY_UNITS.map((u, k) => ({
    name: u.name,
    ref: { sheet: '单位', cell: `A${k + 2}` },
    ...(u.parent !== undefined
      ? { parent: u.parent, parentRef: { sheet: '单位', cell: `B${k + 2}` } }
      : {}),
    ...(u.group !== undefined ? { group: u.group } : {}),
  }));
}

/** The county example as a plan input; `lock: false` leaves out 腊口镇's claim. */
export function countyExampleInput(o: { lock?: boolean } = {}): PlanInput {
  const input = townshipExampleInput();
  const lock: Constraint = {
    enterprise: COUNTY_LOCK.unit,
    indicator: COUNTY_LOCK.indicator,
    type: 'lock',
    value: COUNTY_LOCK.value,
    ref: { sheet: '约束', cell: `D${input.constraints.length + 2}` },
    enterpriseRef: { sheet: '约束', cell: `A${input.constraints.length + 2}` },
  };
  return {
    ...input,
    settings: { ...input.settings, area: '某县' },
    enterprises: input.enterprises.map((e, k) => {
      const unit = COUNTY_MEMBERSHIP[e.name];
      return {
        ...e,
        ...(unit !== undefined ? { unit } : {}),
        unitRef: { sheet: '企业', cell: `F${k + 2}` },
      };
    }),
    units: countyUnits(),
    constraints: o.lock === false ? input.constraints : [...input.constraints, lock],
  };
}
