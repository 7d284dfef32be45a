/**
 * The bulletin (workbook/bulletin.ts) as a Word document, through the `docx` package: A4 with the
 * margins of 党政机关公文格式 (GB/T 9704: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right), the
 * title in a bold serif (宋体), the body in 仿宋 at 三号 (16 pt) on a fixed 28-point line with a
 * two-character indent, headings in 黑体, tables for the rankings and lists, and the page number
 * centred in the footer as "— 1 —". Runs in Node and in the browser (bytes, no file access).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Bulletin, BulletinTable } from '../../workbook/bulletin';

/** Twips per millimetre. */
const MM = 1440 / 25.4;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, note: 28, table: 24, tableSmall: 21 } as const;
const FONTS = {
  title: '宋体',
  body: '仿宋',
  heading: '黑体',
  sub: '楷体',
  latin: 'Times New Roman',
} as const;

const font = (eastAsia: string): IRunOptions['font'] => ({
  ascii: FONTS.latin,
  hAnsi: FONTS.latin,
  eastAsia,
  cs: FONTS.latin,
});

const run = (text: string, eastAsia: string, size: number, bold = false): TextRun =>
  new TextRun({ text, font: font(eastAsia), size, bold });

/** A body line: fixed 28-point spacing. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;

function para(
  text: string,
  eastAsia: string,
  size: number,
  indent: boolean,
  bold = false,
): Paragraph {
  return new Paragraph({
    children: [run(text, eastAsia, size, bold)],
    spacing: LINE,
    // Two characters of the paragraph's size (a character is `size` half-points wide: ×10 twips).
    ...(indent ? { indent: { firstLine: size * 20 } } : {}),
    alignment: AlignmentType.JUSTIFIED,
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** The width of the text between the margins, in twips. */
const TEXT_WIDTH = Math.round((210 - 28 - 26) * MM);

/** Relative column widths: names wide, ranks and lists narrow, figures between. */
function columnWidths(header: readonly string[]): number[] {
  const weight = (h: string): number =>
    /企业|分组|指标|Enterprise|Group|Indicator/.test(h)
      ? 2.4
      : /^(名次|榜单|Rank|List)$/.test(h)
        ? 0.8
        : /^(预警|未达项|Flag|Failed)$/.test(h)
          ? 1.4
          : 1.1;
  const w = header.map(weight);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.floor((x / sum) * TEXT_WIDTH));
}

function table(t: BulletinTable): Table {
  const size = t.header.length > 7 ? SIZE.tableSmall : SIZE.table;
  const widths = columnWidths(t.header);
  const cell = (text: string, head: boolean, col: number): TableCell =>
    new TableCell({
      width: { size: widths[col] ?? 0, type: WidthType.DXA },
      children: [
        new Paragraph({
          children: [run(text, head ? FONTS.heading : FONTS.body, size)],
          alignment: AlignmentType.CENTER,
        }),
      ],
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      ...(head ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.header.map((h, i) => cell(h, true, i)),
      }),
      ...t.rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i)) }),
      ),
    ],
  });
}

/** The Word document's bytes. */
export async function bulletinDocx(b: Bulletin): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [run(b.title, FONTS.title, SIZE.title, true)],
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240, line: 720, lineRule: LineRuleType.AT_LEAST },
    }),
    new Paragraph({
      children: [run(b.subtitle, FONTS.sub, SIZE.body)],
      alignment: AlignmentType.CENTER,
      spacing: { ...LINE, after: 280 },
    }),
  ];
  for (const x of b.blocks) {
    if (x.kind === 'heading') children.push(para(x.text, FONTS.heading, SIZE.body, true));
    else if (x.kind === 'paragraph') children.push(para(x.text, FONTS.body, SIZE.body, true));
    else {
      children.push(
        new Paragraph({
          children: [run(x.caption, FONTS.heading, SIZE.note)],
          alignment: AlignmentType.CENTER,
          spacing: { before: 160, after: 80 },
          keepNext: true,
        }),
        table(x.table),
        new Paragraph({ children: [], spacing: { after: 120 } }),
      );
    }
  }
  for (const f of b.footnote) children.push(para(f, FONTS.body, SIZE.note, true));
  const doc = new Document({
    creator: 'Fenjie',
    title: b.title,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: {
              top: Math.round(37 * MM),
              bottom: Math.round(35 * MM),
              left: Math.round(28 * MM),
              right: Math.round(26 * MM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font(FONTS.body),
                    size: SIZE.note,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
