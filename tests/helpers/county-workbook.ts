/**
 * The county example as a workbook (层层分解): the township example's workbook with a 单位 /
 * Units sheet, a 所属单位 / Unit column in 企业 (column F) and 腊口镇's claim in 约束 — the same
 * county as tests/helpers/county-example.ts. Used by the fixtures and `npm run demo:county`.
 */
import type ExcelJS from 'exceljs';
import { COUNTY_LOCK, COUNTY_MEMBERSHIP, COUNTY_UNITS } from './county-example';

const sheetOf = (wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** Adds the units to the example workbook `wb` (Chinese sheet names), in place. */
export function addCountyUnits(wb: ExcelJS.Workbook): ExcelJS.Workbook {
  const es = sheetOf(wb, '企业');
  es.getCell('F1').value = '所属单位';
  es.getColumn(6).width = 14;
  for (let r = 2; r <= es.rowCount; r++) {
    const name = es.getCell(`A${r}`).value;
    const unit = typeof name === 'string' ? COUNTY_MEMBERSHIP[name] : undefined;
    if (unit !== undefined) es.getCell(`F${r}`).value = unit;
  }
  const units = wb.addWorksheet('单位');
  units.addRow(['单位名称', '上级单位', '分组']);
  for (const u of COUNTY_UNITS) units.addRow([u.name, u.parent ?? null, u.group ?? null]);
  units.columns.forEach((c) => (c.width = 14));
  const cs = sheetOf(wb, '约束');
  cs.addRow([COUNTY_LOCK.unit, COUNTY_LOCK.indicator, '锁定', COUNTY_LOCK.value]);
  const settings = sheetOf(wb, '参数');
  for (let r = 1; r <= settings.rowCount; r++) {
    if (settings.getCell(`A${r}`).value === '地区') settings.getCell(`B${r}`).value = '某县';
  }
  return wb;
}
