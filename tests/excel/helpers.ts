/** Test helpers: a workbook with input sheets, and comparing a fake sheet with its SheetSpec. */
import { STYLE_DEFS, a1, parseRange, type SheetSpec } from '../../src/workbook/spec';
import { widthToPoints } from '../../src/hosts/excel/plan';
import type { Lang } from '../../src/engine';
import { runPipeline } from '../../src/workbook/pipeline';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { exampleWorkbook } from '../../src/workbook/template';
import { specToGrids } from '../helpers/spec-grids';
import { SYNTHETIC_INDICATORS, syntheticData } from '../helpers/synthetic';
import { FakeExcel } from './fake-excel';

/**
 * The synthetic township of `n` enterprises (8 indicators) planned by the pipeline, and a fake
 * Excel holding its input sheets: what the Office.js writer is then asked to write.
 */
export function syntheticInFake(n: number): {
  readonly fake: FakeExcel;
  readonly spec: WorkbookSpec;
  readonly inputSheetNames: readonly string[];
} {
  const { input, spec } = syntheticSpec(n, 'zh');
  const fake = new FakeExcel();
  for (const sheet of input.sheets) {
    fake.addSheet(
      sheet.name,
      sheet.rows.map((row) => row.map((c) => c?.v ?? null)),
    );
  }
  return { fake, spec, inputSheetNames: input.sheets.map((s) => s.name) };
}

/** The synthetic township of `n` enterprises (zh input sheets) and its outputs in `lang`. */
export function syntheticSpec(
  n: number,
  lang: Lang,
): { readonly input: WorkbookSpec; readonly spec: WorkbookSpec } {
  const input = exampleWorkbook(syntheticData(n, SYNTHETIC_INDICATORS), 'zh');
  const r = runPipeline(specToGrids(input), {
    today: { y: 2025, m: 9, d: 3 },
    generatedAt: '2025-09-03 10:30',
    lang,
  });
  if (!r.ok) throw new Error(`pipeline failed: ${r.errors.map((e) => e.code).join(', ')}`);
  return { input, spec: r.spec };
}

/** A fake workbook holding the input sheets and a user's own sheet. */
export function inputWorkbook(): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet('参数', [
    ['项目', '值'],
    ['年度', 2025],
    ['报告期', 8],
    ['序时口径', '按月'],
    ['单位', '万元'],
    ['时间进度', 0.6667],
    ['滞后阈值', 0.05],
    ['严重滞后阈值', 0.1],
  ]);
  fake.addSheet('目标', [
    ['指标', '单位', '类型', '年度目标'],
    ['产值', '万元', '总量', 20000],
  ]);
  fake.addSheet('企业', [['企业名称'], ['企业00001有限公司'], [{ text: '=SUM(A1:A9)' }]]);
  fake.addSheet('基数', [
    ['企业名称', '产值'],
    ['企业00001有限公司', 1200],
  ]);
  fake.addSheet('实绩', [
    ['年份', '月份', '企业名称', '统一社会信用代码', '产值', '税收'],
    [2025, 8, '企业00001有限公司', null, 800, 60],
  ]);
  fake.addSheet('我的笔记', [['备注'], ['自己的表，不归工具管']]);
  return fake;
}

/** An object with its keys in order (to compare JSON regardless of key order). */
const sorted = (v: unknown): unknown =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
    : v;

/** Names of the sheets, in tab order. */
export const names = (fake: FakeExcel): string[] => fake.sheets.map((s) => s.name);

/** Every difference between the fake sheet and the spec (empty when equal); at most `limit`. */
export function differences(fake: FakeExcel, spec: SheetSpec, limit = 20): string[] {
  const out: string[] = [];
  const s = fake.sheet(spec.name);
  const say = (what: string): void => {
    if (out.length < limit) out.push(what);
  };
  spec.rows.forEach((row, r) =>
    row.forEach((want, c) => {
      const at = a1(r, c);
      const got = s.get(r, c);
      if (!want) {
        if (got && (got.value !== null || got.formula !== undefined))
          say(`${at}: expected empty, got ${JSON.stringify(got)}`);
        return;
      }
      if (!got) return say(`${at}: missing`);
      if (want.f !== undefined) {
        if (got.formula !== want.f)
          say(`${at}: formula ${JSON.stringify(got.formula)} ≠ ${JSON.stringify(want.f)}`);
      } else if (got.formula !== undefined || got.value !== want.v)
        say(`${at}: value ${JSON.stringify(got.formula ?? got.value)} ≠ ${JSON.stringify(want.v)}`);
      const fmt =
        typeof want.v === 'string' && want.f === undefined ? '@' : (want.fmt ?? 'General');
      if (got.numberFormat !== fmt) say(`${at}: format ${got.numberFormat} ≠ ${fmt}`);
      const def = want.style ? STYLE_DEFS[want.style] : {};
      const style = {
        bold: got.bold,
        italic: got.italic,
        size: got.size,
        font: got.fontColor,
        fill: got.fill,
      };
      const wantStyle = {
        bold: def.bold,
        italic: def.italic,
        size: def.size,
        font: def.font && `#${def.font}`,
        fill: def.fill && `#${def.fill}`,
      };
      if ((got.wrap ?? false) !== (want.wrap ?? false))
        say(`${at}: wrap ${String(got.wrap)} ≠ ${String(want.wrap)}`);
      if (JSON.stringify(style) !== JSON.stringify(wantStyle))
        say(`${at}: style ${JSON.stringify(style)} ≠ ${JSON.stringify(wantStyle)}`);
    }),
  );
  for (const [key, cell] of s.cells) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    if (!spec.rows[r]?.[c] && (cell.value !== null || cell.formula !== undefined))
      say(`${a1(r, c)}: unexpected ${JSON.stringify(cell)}`);
  }
  const cfs = (spec.conditionalFormats ?? []).flatMap((cf) =>
    cf.rules.map((rule) => ({
      range: cf.range,
      type: 'Custom',
      formula: `=${rule.formula}`,
      fill: `#${rule.fill}`,
      font: `#${rule.font}`,
    })),
  );
  if (JSON.stringify(s.conditionalFormats) !== JSON.stringify(cfs))
    say(`conditional formats ${JSON.stringify(s.conditionalFormats)} ≠ ${JSON.stringify(cfs)}`);
  const dvs = (spec.validations ?? []).map((v) => {
    const { r0, c0, r1, c1 } = parseRange(v.range);
    const range = r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
    const bounds =
      v.kind === 'list' ? {} : { formula1: v.min, formula2: v.max, operator: 'Between' };
    const key = { list: 'list', whole: 'wholeNumber', decimal: 'decimal', date: 'date' }[v.kind];
    return {
      range,
      ignoreBlanks: v.allowBlank,
      rule: {
        [key]: v.kind === 'list' ? { inCellDropDown: true, source: v.list.join(',') } : bounds,
      },
      ...(v.prompt
        ? { prompt: { title: v.prompt.title, message: v.prompt.text, showPrompt: true } }
        : {}),
      errorAlert: {
        title: v.error?.title ?? '',
        message: v.error?.text ?? '',
        showAlert: true,
        style: 'Stop',
      },
    };
  });
  const norm = (x: unknown): string => JSON.stringify(x, (_, v: unknown) => sorted(v));
  if (norm(s.dataValidations) !== norm(dvs))
    say(`validations ${JSON.stringify(s.dataValidations)} ≠ ${JSON.stringify(dvs)}`);
  const freeze = spec.freeze ?? { rows: 0, cols: 0 };
  if (s.freeze.rows !== freeze.rows || s.freeze.cols !== freeze.cols)
    say(`freeze ${JSON.stringify(s.freeze)} ≠ ${JSON.stringify(freeze)}`);
  (spec.widths ?? []).forEach((w, c) => {
    if (s.widths.get(c) !== widthToPoints(w))
      say(`width of column ${c}: ${s.widths.get(c)} ≠ ${widthToPoints(w)}`);
  });
  return out;
}
