/**
 * The reader on the units' level (层层分解): the optional 单位 / Units sheet and the 所属单位 /
 * Unit column of 企业, in either language; without a Units sheet the column is ignored.
 */
import { describe, expect, it } from 'vitest';
import { describeError, errorPlace } from '../engine';
import type { RawCell, SheetGrid } from './grid';
import { readInputs } from './read';

type Rows = readonly (readonly RawCell[])[];
const sheet = (name: string, cells: Rows): SheetGrid => ({ name, cells });
const TARGETS = sheet('目标', [
  ['指标', '年度目标'],
  ['工业总产值', 1000],
]);

describe('reading units', () => {
  it('reads 单位 and 所属单位 (Chinese headers)', () => {
    const r = readInputs({
      sheets: [
        TARGETS,
        sheet('企业', [
          ['企业名称', '所属单位'],
          ['甲', '东区'],
          ['乙', ' 腊口镇 '],
        ]),
        sheet('单位', [
          ['单位名称', '上级单位', '分组'],
          ['腊口镇', null, '乡镇'],
          ['园区', null, null],
          ['东区', '园区', null],
        ]),
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.units).toEqual([
      { name: '腊口镇', ref: { sheet: '单位', cell: 'A2' }, group: '乡镇' },
      { name: '园区', ref: { sheet: '单位', cell: 'A3' } },
      {
        name: '东区',
        ref: { sheet: '单位', cell: 'A4' },
        parent: '园区',
        parentRef: { sheet: '单位', cell: 'B4' },
      },
    ]);
    expect(r.input.enterprises.map((e) => [e.name, e.unit, e.unitRef?.cell])).toEqual([
      ['甲', '东区', 'B2'],
      ['乙', '腊口镇', 'B3'],
    ]);
  });

  it('reads Units and Unit (English headers)', () => {
    const r = readInputs({
      sheets: [
        TARGETS,
        sheet('Enterprises', [
          ['Enterprise', 'Unit'],
          ['A', 'Park'],
        ]),
        sheet('Units', [
          ['Unit', 'Parent'],
          ['Park', null],
        ]),
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.units?.map((u) => u.name)).toEqual(['Park']);
    expect(r.input.enterprises[0]?.unit).toBe('Park');
  });

  it('a Units sheet without a name column is refused at its header', () => {
    const r = readInputs({
      sheets: [
        TARGETS,
        sheet('企业', [
          ['企业名称', '所属单位'],
          ['甲', '园区'],
        ]),
        sheet('单位', [['名称'], ['园区']]),
      ],
    });
    expect(r.errors.map((e) => [errorPlace(e), describeError(e, 'zh')])).toEqual([
      ['单位!A1', '单位!A1：工作表缺少列“单位名称 / Unit”'],
    ]);
  });

  it('without a Units sheet, 所属单位 is an unknown column, ignored', () => {
    const r = readInputs({
      sheets: [
        TARGETS,
        sheet('企业', [
          ['企业名称', '所属单位'],
          ['甲', '园区'],
        ]),
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.input.units).toBeUndefined();
    expect(r.input.enterprises).toEqual([{ name: '甲', ref: { sheet: '企业', cell: 'A2' } }]);
  });
});
