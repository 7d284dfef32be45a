/**
 * The fake Worksheet.pageLayout (PageLayout, HeaderFooterGroup, HeaderFooter) and
 * Worksheet.autoFilter (AutoFilter): only the members the writer uses, each checked as Excel
 * checks it (a misspelt member throws through the Proxy, an unknown paper or orientation fails
 * the sync with InvalidArgument).
 */
import { BLOCK, FAKE, PATH, QUEUE, REF, Bound, expose, raw } from './fake-api';
import { FakeExcelError, blockAddress, parseAddress, type FakeSheet } from './fake-model';
import type { FakeRange } from './fake-range';

/** Excel.PaperType names (ExcelApi 1.9). */
const PAPER_TYPES = new Set([
  'Letter',
  'LetterSmall',
  'Tabloid',
  'Ledger',
  'Legal',
  'Statement',
  'Executive',
  'A3',
  'A4',
  'A4Small',
  'A5',
  'B4',
  'B5',
  'Folio',
  'Quatro',
]);

const ZOOM_KEYS = new Set(['horizontalFitToPages', 'verticalFitToPages', 'scale']);

type SheetOf = () => FakeSheet;

export class FakePageLayout extends Bound<SheetOf> {
  #set(member: string, v: unknown, f: (s: FakeSheet) => void): void {
    this[QUEUE]('set', member, [v], () => {
      const s = this[REF]();
      f(s);
      return { sheet: s };
    });
  }
  set paperSize(v: string) {
    this.#set('paperSize', v, (s) => {
      if (!PAPER_TYPES.has(v)) throw new FakeExcelError('InvalidArgument', `paperSize ${v}`);
      s.page.paperSize = v;
    });
  }
  set orientation(v: string) {
    this.#set('orientation', v, (s) => {
      if (v !== 'Landscape' && v !== 'Portrait')
        throw new FakeExcelError('InvalidArgument', `orientation ${v}`);
      s.page.orientation = v;
    });
  }
  set zoom(v: Record<string, unknown>) {
    this.#set('zoom', v, (s) => {
      for (const [k, n] of Object.entries(v))
        if (!ZOOM_KEYS.has(k) || typeof n !== 'number' || !Number.isInteger(n) || n < 0)
          throw new FakeExcelError('InvalidArgument', `zoom ${JSON.stringify(v)}`);
      s.page.zoom = { ...v };
    });
  }
  set printGridlines(v: boolean) {
    this.#set('printGridlines', v, (s) => (s.page.printGridlines = v));
  }
  set centerHorizontally(v: boolean) {
    this.#set('centerHorizontally', v, (s) => (s.page.centerHorizontally = v));
  }
  setPrintTitleRows(rows: unknown): void {
    const address = typeof rows === 'string' ? rows : raw<FakeRange>(rows, 'print title rows');
    this[QUEUE]('call', 'setPrintTitleRows', [rows], () => {
      const s = this[REF]();
      if (typeof address !== 'string') {
        const b = address[BLOCK]();
        s.page.printTitleRows = `$${b.row + 1}:$${b.row + b.rows}`;
      } else if (/^\$?\d+:\$?\d+$/.test(address)) s.page.printTitleRows = address;
      else throw new FakeExcelError('InvalidArgument', `print title rows ${address}`);
      return { sheet: s };
    });
  }
  setPrintArea(area: unknown): void {
    if (typeof area !== 'string')
      throw new TypeError('fake Excel: only a string print area is modelled');
    this[QUEUE]('call', 'setPrintArea', [area], () => {
      const s = this[REF]();
      s.page.printArea = blockAddress(parseAddress(area));
      return { sheet: s };
    });
  }
  get headersFooters(): FakeHeaderFooterGroup {
    return expose(new FakeHeaderFooterGroup(this[FAKE], `${this[PATH]}.headersFooters`, this[REF]));
  }
}

class FakeHeaderFooterGroup extends Bound<SheetOf> {
  get defaultForAllPages(): FakeHeaderFooter {
    return expose(new FakeHeaderFooter(this[FAKE], `${this[PATH]}.defaultForAllPages`, this[REF]));
  }
}

class FakeHeaderFooter extends Bound<SheetOf> {
  #set(member: string, v: unknown): void {
    this[QUEUE]('set', member, [v], () => {
      if (typeof v !== 'string')
        throw new FakeExcelError('InvalidArgument', `${member} ${String(v)}`);
      const s = this[REF]();
      s.page.headerFooter[member] = v;
      return { sheet: s };
    });
  }
  set leftHeader(v: string) {
    this.#set('leftHeader', v);
  }
  set centerHeader(v: string) {
    this.#set('centerHeader', v);
  }
  set rightHeader(v: string) {
    this.#set('rightHeader', v);
  }
  set leftFooter(v: string) {
    this.#set('leftFooter', v);
  }
  set centerFooter(v: string) {
    this.#set('centerFooter', v);
  }
  set rightFooter(v: string) {
    this.#set('rightFooter', v);
  }
}

export class FakeAutoFilter extends Bound<SheetOf> {
  remove(): void {
    this[QUEUE]('call', 'remove', [], () => {
      const s = this[REF]();
      s.autoFilter = null;
      return { sheet: s };
    });
  }
  apply(range: unknown, columnIndex?: number, criteria?: unknown): void {
    if (columnIndex !== undefined || criteria !== undefined)
      throw new TypeError('fake Excel: AutoFilter criteria are not modelled');
    const r = typeof range === 'string' ? range : raw<FakeRange>(range, 'AutoFilter range');
    this[QUEUE]('call', 'apply', [typeof r === 'string' ? r : r[PATH]], () => {
      const s = this[REF]();
      const b = typeof r === 'string' ? { sheet: s, ...parseAddress(r) } : r[BLOCK]();
      if (b.sheet !== s) throw new FakeExcelError('InvalidArgument', 'range on another sheet');
      s.autoFilter = blockAddress(b);
      return { sheet: s };
    });
  }
}
