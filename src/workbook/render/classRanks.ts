/**
 * Ranks within a class — 组内排名 by group, 单位内排名 by unit — at near-linear cost for whoever
 * recalculates the workbook.
 *
 * Counting, for each enterprise row, the rows of its class that do better with one COUNTIFS over
 * the whole enterprise table costs n² pairs per indicator (at 2,000 enterprises × 8 indicators,
 * about 4 s of LibreOffice's 28 s full recalculation). Instead the helper sheet holds, per
 * indicator and class kind, the rank keys stacked class by class — each looked up from 序时进度 by
 * 序号, so a receiver's sort changes nothing — with each class's first and last place, and a row
 * counts only its own class's block: `COUNTIF(INDEX(keys,first):INDEX(keys,last),">"&key)`.
 * Membership is fixed when the plan is made (groups and units are inputs of the split), so the
 * stacking is too.
 *
 * @example
 *   const L = classRankLayout(plan, input, 'zh', helperName, firstCol, dataRow);
 *   L.table('工业总产值', 'group') // → { keys: "'辅助'!$BK$6:$BK$2005", first: …, last: … }
 *   L.place(helperRows, { name: '序时进度', idx: 'A', rkey: 'Z', blocks }) // the helper's cells
 */
import type { IndicatorProgress, Lang, Plan, PlanInput } from '../../engine';
import { rankKeyFor } from '../../engine/progress';
import { columnLetter, quoteSheet, type CellSpec } from '../spec';
import { fx, INT, SheetBuilder, t, val } from './cells';

export type ClassKind = 'group' | 'unit';

/** Sheet-qualified absolute ranges of one table in the helper. */
export interface ClassTable {
  /** The stacked rank keys. */
  readonly keys: string;
  /** By class number (1-based row): the class's first and last place in `keys` (1-based). */
  readonly first: string;
  readonly last: string;
}

/** Groups numbered 1, 2, … in the order of 企业 / Enterprises. */
export function groupNumbers(input: PlanInput): Map<string, number> {
  const no = new Map<string, number>();
  for (const e of input.enterprises) if (e.group && !no.has(e.group)) no.set(e.group, no.size + 1);
  return no;
}

/** An indicator's units numbered 1, 2, … in the order of its unit rows. */
export const unitNumbers = (ip: IndicatorProgress): Map<string, number> =>
  new Map((ip.units ?? []).map((u, k) => [u.unit, k + 1]));

interface Table {
  readonly indicator: string;
  readonly kind: ClassKind;
  /** 0-based first column: 序号, key, then first and last by class. */
  readonly col: number;
  /** Stacked: (序号 0-based, class, cached key). */
  readonly members: readonly { index: number; cls: number; key: number | '' }[];
  /** Per class number − 1: [first, last] places, or undefined for a class with no member. */
  readonly bounds: readonly ([number, number] | undefined)[];
}

export interface ClassRankLayout {
  table(indicator: string, kind: ClassKind): ClassTable | undefined;
  /** Columns the tables take, from the first (0-based, exclusive end). */
  readonly endCol: number;
  /**
   * Puts every table into `S` (the helper's rows), looking keys up in the progress sheet by 序号:
   * `blocks` gives each indicator's enterprise rows there (1-based), `idx` and `rkey` the columns.
   */
  place(
    S: SheetBuilder,
    progress: {
      readonly name: string;
      readonly idx: string;
      readonly rkey: string;
      readonly blocks: ReadonlyMap<string, { readonly first: number; readonly last: number }>;
    },
  ): void;
}

const HEADERS = (lang: Lang, kind: ClassKind): readonly string[] =>
  kind === 'group'
    ? [t(lang, '组内：序号', 'In group: No.'), t(lang, '排名键', 'Rank key')]
    : [t(lang, '单位内：序号', 'In unit: No.'), t(lang, '排名键', 'Rank key')];

/**
 * The tables' places: from 0-based column `firstCol` of the helper `helperName`, data from 1-based
 * row `dataRow` (headers in the row above), four columns per indicator and kind in use.
 */
export function classRankLayout(
  plan: Plan,
  input: PlanInput,
  lang: Lang,
  helperName: string,
  firstCol: number,
  dataRow: number,
): ClassRankLayout {
  const groupNo = groupNumbers(input);
  const tables: Table[] = [];
  let col = firstCol;
  for (const ip of plan.progress) {
    const unitNo = unitNumbers(ip);
    const kinds: [ClassKind, (r: IndicatorProgress['rows'][number]) => number | undefined][] = [
      ['group', (r) => (r.group ? groupNo.get(r.group) : undefined)],
      ['unit', (r) => (r.unit === undefined ? undefined : unitNo.get(r.unit))],
    ];
    for (const [kind, classOf] of kinds) {
      const members = ip.rows
        .flatMap((r) => {
          const cls = classOf(r);
          return cls === undefined
            ? []
            : [{ index: r.index, cls, key: rankKeyFor(ip.kind, r) ?? ('' as const) }];
        })
        .sort((a, b) => a.cls - b.cls || a.index - b.index);
      if (members.length === 0) continue;
      const bounds: ([number, number] | undefined)[] = [];
      members.forEach((m, k) => {
        const b = bounds[m.cls - 1];
        bounds[m.cls - 1] = b ? [b[0], k + 1] : [k + 1, k + 1];
      });
      tables.push({ indicator: ip.indicator, kind, col, members, bounds });
      col += 5; // four columns and a blank one
    }
  }
  const q = quoteSheet(helperName);
  const span = (c: number, n: number): string =>
    `${q}!$${columnLetter(c)}$${dataRow}:$${columnLetter(c)}$${dataRow + Math.max(1, n) - 1}`;
  return {
    endCol: col,
    table: (indicator, kind) => {
      const tb = tables.find((x) => x.indicator === indicator && x.kind === kind);
      if (!tb) return undefined;
      return {
        keys: span(tb.col + 1, tb.members.length),
        first: span(tb.col + 2, tb.bounds.length),
        last: span(tb.col + 3, tb.bounds.length),
      };
    },
    place: (S, progress) => {
      const p = quoteSheet(progress.name);
      for (const tb of tables) {
        const block = progress.blocks.get(tb.indicator);
        if (!block) continue;
        const [noHead = '', keyHead = ''] = HEADERS(lang, tb.kind);
        const r0 = dataRow - 1; // 0-based
        S.put(r0 - 2, tb.col, val(tb.indicator, undefined, 'header'));
        S.put(r0 - 1, tb.col, val(noHead, undefined, 'header'));
        S.put(r0 - 1, tb.col + 1, val(keyHead, undefined, 'header'));
        S.put(r0 - 1, tb.col + 2, val(t(lang, '类首位', 'Class first'), undefined, 'header'));
        S.put(r0 - 1, tb.col + 3, val(t(lang, '类末位', 'Class last'), undefined, 'header'));
        const ps = (c: string): string =>
          `${p}!$${c}$${block.first}:$${c}$${Math.max(block.first, block.last)}`;
        tb.members.forEach((m, k) => {
          const row = dataRow + k;
          const no = `${columnLetter(tb.col)}${row}`;
          S.put(r0 + k, tb.col, val(m.index + 1, INT));
          const key: CellSpec = fx(
            `INDEX(${ps(progress.rkey)},MATCH(${no},${ps(progress.idx)},0))`,
            m.key,
          );
          S.put(r0 + k, tb.col + 1, key);
        });
        S.copiesDown(r0, r0 + tb.members.length - 1, tb.col + 1, tb.col + 1);
        tb.bounds.forEach((b, c) => {
          S.put(r0 + c, tb.col + 2, val(b ? b[0] : null, INT));
          S.put(r0 + c, tb.col + 3, val(b ? b[1] : null, INT));
        });
      }
    },
  };
}
