/**
 * 通报 / Bulletin: the monthly bulletin (workbook/bulletin.ts) laid out as a sheet — the title,
 * the period, paragraphs (one cell each, spilling to the right) and the tables, the footnote.
 * Values, not formulas: it says what the figures were at the last recalculation, as a bulletin
 * does; the note in row 2 says when.
 */
import type { Lang } from '../../engine';
import type { Bulletin } from '../bulletin';
import type { SheetSpec } from '../spec';
import { header, SheetBuilder, t, val } from './cells';

/** Column widths: rank, name, then the figures. */
const WIDTHS = [8, 26, 14, 14, 14, 12, 12, 14, 12];

export function renderBulletin(
  b: Bulletin,
  o: { lang: Lang; name: string; note: string },
): SheetSpec {
  const S = new SheetBuilder();
  S.put(0, 0, val(b.title, undefined, 'title'));
  S.put(1, 0, val(o.note, undefined, 'note'));
  S.put(2, 0, val(b.subtitle));
  S.put(
    3,
    0,
    val(
      t(
        o.lang,
        '本表为计算时的数值：实绩更新后请重新计算，以刷新通报。',
        'Figures as of the last recalculation: recalculate after new actuals to refresh the bulletin.',
      ),
      undefined,
      'check',
    ),
  );
  let r = 5;
  for (const x of b.blocks) {
    if (x.kind === 'heading') {
      r++;
      S.put(r++, 0, val(x.text, undefined, 'section'));
    } else if (x.kind === 'paragraph') {
      S.put(r++, 0, val(x.text));
    } else {
      S.put(r++, 0, val(x.caption, undefined, 'subtotal'));
      S.line(
        r++,
        x.table.header.map((h) => header(h)),
      );
      for (const row of x.table.rows)
        S.line(
          r++,
          row.map((c) => val(c)),
        );
      r++;
    }
  }
  r++;
  for (const f of b.footnote) S.put(r++, 0, val(f, undefined, 'note'));
  return {
    name: o.name,
    rows: S.rows,
    widths: WIDTHS,
    print: {
      paper: 'A4',
      orientation: 'portrait',
      fitWidth: 1,
      footer: {
        left: '&A',
        right: o.lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N',
      },
    },
    note: o.note,
  };
}
