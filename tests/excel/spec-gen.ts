/**
 * Synthetic WorkbookSpecs shaped like Fenjie's outputs (until the real renderer exists): an
 * allocation sheet (per enterprise: text, numbers, check formulas; group subtotals, a total) and a
 * progress sheet of 24 columns of formulas over the allocation and the actuals, with number
 * formats, styles, two conditional formats, a freeze and column widths.
 */
import {
  quoteSheet,
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
} from '../../src/workbook/spec';

export const ALLOCATION = '分解结果';
export const PROGRESS = '序时进度';
export const INPUTS = ['参数', '目标', '企业', '基数', '实绩'] as const;

/** Names chosen to trip a writer that lets Excel parse text. */
export const TRICKY_NAMES = [
  '=SUM(A1:A9)',
  '+86 电子',
  '-5',
  '@home 五金',
  '1,234',
  'TRUE',
  '3/4',
  '12%',
];

const A = quoteSheet(ALLOCATION);
const ACT = quoteSheet('实绩');
const PAR = quoteSheet('参数');
const GROUP = 50;
const FIRST = 3; // 0-based first data row (after title, note, header)

const text = (v: string, style?: CellSpec['style']): CellSpec => (style ? { v, style } : { v });
const num = (v: number, fmt = '#,##0.00', style?: CellSpec['style']): CellSpec =>
  style ? { v, fmt, style } : { v, fmt };
const fx = (f: string, v: CellSpec['v'], fmt?: string, style?: CellSpec['style']): CellSpec => ({
  v,
  f,
  ...(fmt ? { fmt } : {}),
  ...(style ? { style } : {}),
});

interface Layout {
  /** Rows of enterprises and subtotals, in order; `kind` tells which. */
  readonly rows: {
    kind: 'ent' | 'sub' | 'total';
    name: string;
    group: string;
    from?: number;
    to?: number;
  }[];
}

function layout(n: number): Layout {
  const rows: Layout['rows'] = [];
  for (let g = 0; g * GROUP < n; g++) {
    const start = FIRST + rows.length;
    const group = `第${g + 1}组`;
    for (let i = g * GROUP; i < Math.min(n, (g + 1) * GROUP); i++) {
      rows.push({
        kind: 'ent',
        name: TRICKY_NAMES[i] ?? `企业${String(i + 1).padStart(5, '0')}有限公司`,
        group,
      });
    }
    rows.push({
      kind: 'sub',
      name: `${group}小计`,
      group,
      from: start + 1,
      to: FIRST + rows.length,
    });
  }
  rows.push({
    kind: 'total',
    name: '全区合计',
    group: '',
    from: FIRST + 1,
    to: FIRST + rows.length,
  });
  return { rows };
}

/** The allocation sheet: A group, B name, C–L ten parts, M–P four check formulas. */
function allocation(n: number, L: Layout): SheetSpec {
  const header = [
    '分组',
    '企业名称',
    '产值年度',
    '产值一季度',
    '产值二季度',
    '产值三季度',
    '产值四季度',
    '税收年度',
    '税收一季度',
    '税收二季度',
    '税收三季度',
    '税收四季度',
    '产值季度合计',
    '产值核对',
    '税收季度合计',
    '税收核对',
  ];
  const rows: (CellSpec | null)[][] = [
    [text(`2025年工业指标分解（${n}家企业）`, 'title')],
    [text('本表由分解工具生成，请勿手工修改。', 'note')],
    header.map((h) => text(h, 'header')),
  ];
  L.rows.forEach((row, i) => {
    const r = FIRST + i + 1; // 1-based Excel row
    const style = row.kind === 'ent' ? undefined : row.kind === 'sub' ? 'subtotal' : 'total';
    const parts: CellSpec[] = [];
    for (let c = 0; c < 10; c++) {
      const col = String.fromCharCode(67 + c); // C..L
      if (row.kind === 'ent') parts.push(num(Math.round((i * 37 + c * 11) % 997) + c / 4));
      else if (row.kind === 'sub')
        parts.push(fx(`SUM(${col}${row.from}:${col}${row.to})`, 0, '#,##0.00', style));
      else
        parts.push(
          fx(
            `SUMIF($A$${FIRST + 1}:$A$${row.to},"<>",${col}${FIRST + 1}:${col}${row.to})/2`,
            0,
            '#,##0.00',
            style,
          ),
        );
    }
    rows.push([
      row.group ? text(row.group, style) : null,
      text(row.name, style),
      ...parts,
      fx(`SUM(D${r}:G${r})`, 0, '#,##0.00', style),
      fx(`ROUND(M${r}-C${r},2)`, 0, '0.00', style ?? 'check'),
      fx(`SUM(I${r}:L${r})`, 0, '#,##0.00', style),
      fx(`ROUND(O${r}-H${r},2)`, 0, '0.00', style ?? 'check'),
    ]);
  });
  return {
    name: ALLOCATION,
    rows,
    widths: [10, 28, ...Array<number>(14).fill(12)],
    freeze: { rows: 3, cols: 2 },
    note: '本表由分解工具生成',
  };
}

/** The progress sheet: A group, B name, then 22 formulas over the allocation, actuals and settings. */
function progress(n: number, L: Layout): SheetSpec {
  const last = FIRST + L.rows.length;
  const header = ['分组', '企业名称'];
  const formulas = (r: number, ind: 0 | 1): CellSpec[] => {
    const target = ind === 0 ? 'C' : 'H';
    const o = ind * 11; // column offset of the second indicator's block
    const col = (k: number): string => String.fromCharCode(67 + o + k); // C.. for k = 0
    return [
      fx(`${A}!${target}${r}`, 0, '#,##0.00'),
      fx(
        `SUMIFS(${ACT}!$${ind === 0 ? 'E' : 'F'}:$${ind === 0 ? 'E' : 'F'},${ACT}!$C:$C,$B${r},${ACT}!$B:$B,${PAR}!$B$3)`,
        0,
        '#,##0.00',
      ),
      fx(`IFERROR(${col(1)}${r}/${col(0)}${r},"")`, 0, '0.0%'),
      fx(`${PAR}!$B$6`, 0.6667, '0.0%'),
      fx(`IFERROR(${col(2)}${r}-${col(3)}${r},"")`, 0, '0.0%'),
      fx(`IFERROR(${col(0)}${r}*${col(3)}${r}-${col(1)}${r},"")`, 0, '#,##0.00'),
      fx(`IFERROR(MAX(0,${col(0)}${r}-${col(1)}${r})/(12-${PAR}!$B$3),"")`, 0, '#,##0.00'),
      fx(
        `IFERROR(${col(1)}${r}/SUMIFS(${ACT}!$${ind === 0 ? 'E' : 'F'}:$${ind === 0 ? 'E' : 'F'},${ACT}!$C:$C,$B${r},${ACT}!$A:$A,${PAR}!$B$2-1)-1,"")`,
        0,
        '0.0%',
      ),
      fx(
        `IF(${col(4)}${r}="","无数据",IF(${col(4)}${r}>=0,"超序时",IF(${col(4)}${r}>=-${PAR}!$B$7,"略滞后",IF(${col(4)}${r}>=-${PAR}!$B$8,"滞后","严重滞后"))))`,
        '无数据',
      ),
      fx(`IFERROR(RANK(${col(2)}${r},$${col(2)}$${FIRST + 1}:$${col(2)}$${last}),"")`, 1, '0'),
      fx(`IF(${col(8)}${r}="严重滞后","请督办","")`, ''),
    ];
  };
  for (const ind of ['产值', '税收'])
    header.push(
      ...[
        '目标',
        '累计',
        '完成率',
        '时间进度',
        '差距',
        '缺口',
        '月均需完成',
        '同比',
        '状态',
        '排名',
        '备注',
      ].map((h) => `${ind}${h}`),
    );
  const rows: (CellSpec | null)[][] = [
    [text(`2025年序时进度（${n}家企业）`, 'title')],
    [text('本表由分解工具生成，实绩变化后公式自动更新。', 'note')],
    header.map((h) => text(h, 'header')),
  ];
  L.rows.forEach((row, i) => {
    const r = FIRST + i + 1;
    const style = row.kind === 'ent' ? undefined : row.kind === 'sub' ? 'subtotal' : 'total';
    const cells = [
      row.group ? text(row.group, style) : null,
      text(row.name, style),
      ...formulas(r, 0),
      ...formulas(r, 1),
    ];
    rows.push(style ? cells.map((c) => (c ? { ...c, style } : c)) : cells);
  });
  const flag = (col: string) => ({
    range: `${col}${FIRST + 1}:${col}${last}`,
    rules: [
      { formula: `$${col}${FIRST + 1}="超序时"`, fill: 'C6EFCE', font: '006100' },
      { formula: `$${col}${FIRST + 1}="严重滞后"`, fill: 'FFC7CE', font: '9C0006' },
    ],
  });
  return {
    name: PROGRESS,
    rows,
    widths: [10, 28, ...Array<number>(22).fill(11)],
    freeze: { rows: 3, cols: 2 },
    conditionalFormats: [flag('K'), flag('V')],
    note: '本表由分解工具生成',
  };
}

/** Allocation and progress for `n` enterprises. */
export function outputSpec(n: number): WorkbookSpec {
  const L = layout(n);
  return { sheets: [allocation(n, L), progress(n, L)] };
}
