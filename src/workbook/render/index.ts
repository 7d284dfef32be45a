/**
 * A plan → the description of the output sheets: 分解结果, 序时进度, 汇总, 说明 and 辅助, one
 * renderer per sheet (allocation.ts, progress.ts, summary.ts, guide.ts, helper.ts).
 *
 * The allocation holds the engine's exact parts as values; everything else is live formulas over
 * 参数, 实绩 and 分解结果 (through the helper sheet) with the engine's figures cached, so the
 * workbook stays right in Excel, WPS or LibreOffice without the add-in when actuals are pasted or
 * the period changes. Only functions every one of them computes are used (docs/output-sheets.md).
 */
import {
  compareMonths,
  roundRules,
  type Lang,
  type MonthlyRound,
  type Plan,
  type PlanInput,
} from '../../engine';
import { bulletinOf } from '../bulletin';
import { SHEETS, type SettingKey } from '../names';
import { generatedNote, type NoteOptions } from '../note';
import type { InputLayout } from '../read';
import type { WorkbookSpec } from '../spec';
import { renderAllocation } from './allocation';
import { renderBulletin } from './bulletin';
import { SheetBuilder } from './cells';
import { classRankLayout } from './classRanks';
import { renderGuide } from './guide';
import { renderHelper } from './helper';
import { PROGRESS, renderProgress } from './progress';
import { renderSummary } from './summary';

/** What the renderer needs besides the plan: the language, what the note says, and the run's overrides. */
export interface RenderOptions extends Omit<NoteOptions, 'liveStatic'> {
  /** Settings this run overrode (CLI --as-of, the pane's run settings): constants, not 参数's cells. */
  readonly overridden?: ReadonlySet<SettingKey>;
  /** The monthly round of the plan (engine roundOf); absent: no month to compare with. */
  readonly round?: MonthlyRound;
  /** Check every formula the renderers mark as copied down (the tests render so): see SheetBuilder. */
  readonly checkCopies?: boolean;
}

export function renderOutputs(
  plan: Plan,
  input: PlanInput,
  layout: InputLayout,
  o: RenderOptions,
): WorkbookSpec {
  const lang: Lang = o.lang;
  // Settings the run overrode are constants in the sheets: they no longer follow 参数, so a change
  // of the live inputs makes the outputs stale.
  const note = generatedNote({ ...o, liveStatic: (o.overridden?.size ?? 0) > 0 });
  const names = {
    allocation: SHEETS.allocation[lang],
    progress: SHEETS.progress[lang],
    summary: SHEETS.summary[lang],
    bulletin: SHEETS.bulletin[lang],
    guide: SHEETS.guide[lang],
    helper: SHEETS.helper[lang],
  };
  const helper = renderHelper(plan, input, layout, {
    lang,
    name: names.helper,
    note,
    overridden: o.overridden ?? new Set(),
    checkCopies: o.checkCopies,
  });
  const H = helper.refs;
  // Titles begin with the area and the period, live: "腊口镇 2025年1-8月".
  const areaText = input.settings.area ? `${input.settings.area} ` : '';
  const periodText = lang === 'zh' ? `1-${plan.reportMonth}月` : `months 1-${plan.reportMonth}`;
  const titlePrefix =
    lang === 'zh'
      ? {
          f: `${H.areaPrefix}&${H.year}&"年"&${H.period}&" "`,
          v: `${areaText}${plan.year}年${periodText} `,
        }
      : {
          f: `${H.areaPrefix}&${H.year}&", "&${H.period}&" — "`,
          v: `${areaText}${plan.year}, ${periodText} — `,
        };
  const allocation = renderAllocation(plan, input, H, {
    lang,
    name: names.allocation,
    note,
    checkCopies: o.checkCopies,
    titlePrefix:
      lang === 'zh'
        ? { f: `${H.areaPrefix}&${H.year}&"年度 "`, v: `${areaText}${plan.year}年度 ` }
        : { f: `${H.areaPrefix}&${H.year}&" — "`, v: `${areaText}${plan.year} — ` },
  });
  const ranks = classRankLayout(plan, input, lang, names.helper, helper.free.col, helper.free.row);
  const round = o.round ?? compareMonths(plan, [], roundRules(input), null);
  const progress = renderProgress(plan, input, H, allocation.refs, ranks, {
    lang,
    name: names.progress,
    note,
    titlePrefix,
    checkCopies: o.checkCopies,
    ...(o.round ? { round: o.round } : {}),
  });
  // The class-rank tables look the progress sheet's keys up: placed once its rows are known.
  const HB = new SheetBuilder(o.checkCopies);
  for (const row of helper.sheet.rows) HB.rows.push([...row]);
  ranks.place(HB, {
    name: names.progress,
    idx: PROGRESS.letter('idx'),
    rkey: PROGRESS.letter('rkey'),
    blocks: progress.refs.blocks,
  });
  const helperSheet = {
    ...helper.sheet,
    rows: HB.rows,
    widths: [
      ...(helper.sheet.widths ?? []),
      ...new Array<number>(Math.max(0, ranks.endCol - (helper.sheet.widths?.length ?? 0))).fill(9),
    ],
  };
  const summary = renderSummary(plan, input, H, progress.refs, {
    lang,
    name: names.summary,
    progressName: names.progress,
    note,
    titlePrefix,
  });
  const guide = renderGuide(plan, input, H, {
    lang,
    name: names.guide,
    note,
    titlePrefix,
    actualsName: layout.sheets.actuals ?? SHEETS.actuals[lang],
    settingsName: layout.sheets.settings ?? SHEETS.settings[lang],
  });
  const bulletin = renderBulletin(bulletinOf(plan, round, input, lang), {
    lang,
    name: names.bulletin,
    note,
  });
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return {
    sheets: [allocation.sheet, progress.sheet, summary, bulletin, guide, helperSheet],
    remove: (['allocation', 'progress', 'summary', 'bulletin', 'guide', 'helper'] as const).map(
      (k) => SHEETS[k][other],
    ),
  };
}
