/**
 * The class tables: each indicator's rank keys stacked group by group (unit by unit), each class's
 * first and last place, and the rank a row gets by counting only its class's block — checked
 * against the engine's own ranks within a group and within a unit, on the example (groups) and
 * the county example (groups and units).
 */
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput } from '../../engine';
import { rankedFigure, rankKeyOf } from '../../engine/progress';
import { readInputs } from '../read';
import { columnLetter, type CellSpec } from '../spec';
import { exampleWorkbook } from '../template';
import { SheetBuilder } from './cells';
import { classRankLayout, groupNumbers, unitNumbers, type ClassKind } from './classRanks';
import { specToGrids } from '../../../tests/helpers/spec-grids';
import { EXAMPLE } from '../../../tests/helpers/variants';
import { countyExampleInput } from '../../../tests/helpers/county-example';

const TODAY = { y: 2025, m: 9, d: 3 };
const DATA_ROW = 6;
const FIRST_COL = 3;

const exampleInput = (): PlanInput => {
  const read = readInputs(specToGrids(exampleWorkbook(EXAMPLE, 'zh')));
  if (read.errors.length > 0) throw new Error(read.errors.map((e) => e.code).join(', '));
  return read.input;
};

/** The example with its enterprises in name order: the groups interleave in 企业. */
const interleaved = (): PlanInput => {
  const input = exampleInput();
  const enterprises = [...input.enterprises].sort((a, b) => a.name.localeCompare(b.name));
  return { ...input, enterprises };
};

const CASES: [string, PlanInput, ClassKind[]][] = [
  ['example', exampleInput(), ['group']],
  ['example, groups interleaved', interleaved(), ['group']],
  ['county example', countyExampleInput(), ['group', 'unit']],
];

describe.each(CASES)('class tables: %s', (_name, input, kinds) => {
  const r = plan(input, { today: TODAY });
  if (!r.ok) throw new Error(r.errors.map((e) => e.code).join(', '));
  const p = r.value;
  const L = classRankLayout(p, input, 'zh', '辅助', FIRST_COL, DATA_ROW);
  const S = new SheetBuilder(true);
  const blocks = new Map(
    p.progress.map((ip, k) => [
      ip.indicator,
      { first: 100 * (k + 1), last: 100 * (k + 1) + ip.rows.length - 1 },
    ]),
  );
  L.place(S, { name: '序时进度', idx: 'A', rkey: 'Z', blocks });
  const cell = (row: number, col: number): CellSpec | null => S.rows[row - 1]?.[col] ?? null;
  /** A1 range "'辅助'!$X$6:$X$9" → [column 0-based, first row, last row]. */
  const parse = (range: string): [number, number, number] => {
    const m = /!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(range);
    if (!m) throw new Error(range);
    const col = [...(m[1] ?? '')].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return [col, Number(m[2]), Number(m[3])];
  };
  const groupNo = groupNumbers(input);

  for (const kind of kinds)
    it(`${kind}: every row's rank counted in its class's block is the engine's`, () => {
      let checked = 0;
      for (const ip of p.progress) {
        const tb = L.table(ip.indicator, kind);
        const classOf = (row: (typeof ip.rows)[number]): number | undefined =>
          kind === 'group'
            ? row.group
              ? groupNo.get(row.group)
              : undefined
            : row.unit === undefined
              ? undefined
              : unitNumbers(ip).get(row.unit);
        const members = ip.rows.filter((x) => classOf(x) !== undefined);
        if (members.length === 0) {
          expect(tb).toBeUndefined();
          continue;
        }
        if (!tb) throw new Error(`no table for ${ip.indicator}`);
        const [kc, k0, k1] = parse(tb.keys);
        const [fc] = parse(tb.first);
        const [lc] = parse(tb.last);
        expect(k1 - k0 + 1).toBe(members.length);
        // The 序号 beside each key, and the key's formula: looked up in 序时进度 by that 序号.
        const no = (at: number): number => Number(cell(at, kc - 1)?.v);
        const block = blocks.get(ip.indicator) ?? { first: 0, last: 0 };
        expect(cell(k0, kc)?.f).toBe(
          `INDEX('序时进度'!$Z$${block.first}:$Z$${block.last},MATCH(${columnLetter(kc - 1)}${k0},'序时进度'!$A$${block.first}:$A$${block.last},0))`,
        );
        for (const row of members) {
          const c = classOf(row) ?? 0;
          const first = Number(cell(DATA_ROW + c - 1, fc)?.v);
          const last = Number(cell(DATA_ROW + c - 1, lc)?.v);
          // The block holds exactly the class's enterprises.
          const inBlock: number[] = [];
          for (let k = first; k <= last; k++) inBlock.push(no(k0 + k - 1) - 1);
          expect(inBlock.sort((a, b) => a - b)).toEqual(
            members
              .filter((x) => classOf(x) === c)
              .map((x) => x.index)
              .sort((a, b) => a - b),
          );
          // The rank the row's formula computes from the cached keys: 1 + how many do better.
          const figure = rankedFigure(ip.kind, row);
          if (figure === null) continue;
          const key = rankKeyOf(figure);
          let better = 0;
          for (let k = first; k <= last; k++) {
            const v = cell(k0 + k - 1, kc)?.v;
            if (typeof v === 'number' && (ip.direction === 'higher' ? v > key : v < key)) better++;
          }
          expect(better + 1, `${ip.indicator} ${row.enterprise}`).toBe(
            kind === 'group' ? row.groupRank : row.unitRank,
          );
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
    });
});
