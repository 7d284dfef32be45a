/**
 * 说明 / Guide: what a receiver of the workbook needs to know, in the output language, for each
 * role — the statistics bureau pasting a month, the township reading the flags, the planner
 * re-splitting. The lines that name the period and the thresholds are formulas, so the guide
 * stays true when 参数 or 实绩 change.
 */
import type { Lang, Plan, PlanInput } from '../../engine';
import { FLAG_LABELS, SHEETS } from '../names';
import type { CellSpec, SheetSpec } from '../spec';
import { fx, str, t, val, SheetBuilder, a4Landscape } from './cells';
import type { HelperRefs } from './helper';

type Line = CellSpec | string;

export function renderGuide(
  plan: Plan,
  input: PlanInput,
  H: HelperRefs,
  o: {
    lang: Lang;
    name: string;
    note: string;
    titlePrefix: { f: string; v: string };
    actualsName: string;
    settingsName: string;
  },
): SheetSpec {
  const { lang } = o;
  const z = (zh: string, en: string): string => t(lang, zh, en);
  const st = input.settings;
  const sheet = (k: keyof typeof SHEETS): string => SHEETS[k][lang];
  const live = (before: string, ref: string, after: string, cached: string | number): CellSpec =>
    fx(`${str(before)}&${ref}&${str(after)}`, `${before}${cached}${after}`);
  const monthly = st.actualsBasis === 'monthly';
  const lines: [string, Line[]][] = [
    [
      z('这个工作簿', 'This workbook'),
      [
        z(
          `“${sheet('allocation')}”：年度目标分解到每家企业和每个季度/月份，各部分之和与目标完全相等（没有尾差）。`,
          `${sheet('allocation')}: each annual target split across the enterprises and periods; the parts add up to the target exactly.`,
        ),
        z(
          `“${sheet('progress')}”：每家企业、每个分组和全区对照序时进度的完成情况和预警；“${sheet('summary')}”：每个指标一行的全区汇总和实绩数据检查。`,
          `${sheet('progress')}: each enterprise, group and the area against the time schedule, with flags; ${sheet('summary')}: one line per indicator and the actuals check.`,
        ),
        z(
          `“${sheet('helper')}”是公式用的计算表，请勿修改。`,
          `${sheet('helper')} holds the formulas' workings; do not edit it.`,
        ),
      ],
    ],
    [
      z('统计部门：每月粘贴实绩', 'Statistics bureau: pasting a month'),
      [
        z(
          `把当月导出表粘贴到“${o.actualsName}”表末尾（或任意位置插入行），前两列为年份、月份，然后是企业名称、统一社会信用代码和每个指标一列。`,
          `Paste the month's export at the bottom of ${o.actualsName} (or insert rows anywhere): year and month first, then the enterprise, its credit code and one column per indicator.`,
        ),
        monthly
          ? z(
              '数值为当月数（参数“实绩口径”为当月）。',
              'Values are for the month alone (Actuals basis: monthly).',
            )
          : z('数值为本年累计数（1月至当月）。', 'Values are year-to-date (cumulative).'),
        z(
          '有信用代码时按代码匹配企业，名称写法不同也能对上；“9,300”这样的文本数字、多余空格、“9月”这样的月份都能识别。',
          'Enterprises are matched by credit code where given, so a differently spelt name still matches; text numbers such as "9,300", stray spaces and months typed as "9月" are read.',
        ),
        z(
          `粘贴后看“${sheet('summary')}”和“${sheet('progress')}”顶部的实绩数据检查：全部为 0 即无异常，否则按提示核对（未匹配的企业、重复、累计回落、非数字、月份或年份错误）；标明“请重新分解”的项目（新出现实绩的企业、超出公式范围的行）要由装有“分解”的人重新分解。`,
          `Then look at the actuals check at the top of ${sheet('summary')} and ${sheet('progress')}: all zero means clean; otherwise it says what to fix (unmatched enterprises, duplicates, falling cumulative figures, non-numbers, wrong months or years); items marked "re-split" (an enterprise with new figures, rows beyond the formulas) need someone with Fenjie to re-split.`,
        ),
      ],
    ],
    [
      z('报告期跟随数据', 'The report month follows the data'),
      [
        z(
          `“${o.settingsName}”表的“报告期”留空时，自动取实绩中本年度的最新月份；粘贴新的月份后，所有表自动变为 1-新月份。填写月份则固定为该月。`,
          `With Report month blank in ${o.settingsName}, the sheets take the latest month of this year in Actuals, so pasting a new month moves everything on; a month typed there fixes the period.`,
        ),
        live(
          z('当前报告期：', 'Current period: '),
          H.period,
          '',
          z(`1-${plan.reportMonth}月`, `months 1-${plan.reportMonth}`),
        ),
        z(
          `年度、报告期、截至日期和两个阈值都只在“${o.settingsName}”表修改，各表实时跟随。`,
          `Year, report month, as-of date and the two thresholds live in ${o.settingsName} only; every sheet follows them.`,
        ),
      ],
    ],
    [
      z('乡镇、部门：看预警', 'Townships and departments: the flags'),
      [
        z(
          `序时进度 = 报告期/12（“${sheet('progress')}”表顶部），差距 = 完成率 − 序时进度（百分点）。`,
          `Time schedule = report month / 12 (top of ${sheet('progress')}); gap = completion − schedule, in percentage points.`,
        ),
        `${FLAG_LABELS.ahead[lang]}：${z('达到或超过序时进度', 'at or ahead of schedule')}`,
        live(
          `${FLAG_LABELS.slightlyBehind[lang]}：${z('落后不超过 ', 'behind by at most ')}`,
          H.behind,
          z(' 个百分点', ' points'),
          st.behindThreshold,
        ),
        live(
          `${FLAG_LABELS.behind[lang]}：${z('落后不超过 ', 'behind by at most ')}`,
          H.serious,
          z(' 个百分点', ' points'),
          st.seriousThreshold,
        ),
        live(
          `${FLAG_LABELS.seriouslyBehind[lang]}：${z('落后超过 ', 'behind by more than ')}`,
          H.serious,
          z(' 个百分点', ' points'),
          st.seriousThreshold,
        ),
        `${FLAG_LABELS.noData[lang]}：${z('报告期没有实绩', 'no figure for the report month')}`,
        z(
          '有目标增速的指标同时考核增速（同比增长 − 目标增速），取两者中较差的一个，“未达项”写明是哪一项。',
          'Where a target growth is set, growth is tested too (year on year − target growth); the worse of the two tests sets the flag, and "Failed tests" says which.',
        ),
        z(
          '分组和全区的百分比由合计数计算，不是企业百分比的平均。不涉及某指标的企业（没有分解任务也没有实绩）不列入该指标。',
          'Group and area percentages come from summed totals, never averaged percentages. An enterprise an indicator does not concern (no part and no figures) is left out of it.',
        ),
      ],
    ],
    [
      z('排序、筛选和打印', 'Sorting, filtering, printing'),
      [
        z(
          '企业明细表可以直接排序和筛选，合计行在上方单独一块，不受影响。',
          'The enterprise tables can be sorted and filtered; the totals sit apart above them and are not affected.',
        ),
        z(
          '各表已设置 A4 横向打印，每页重复表头。',
          'Every sheet prints on A4 landscape with its headings on each page.',
        ),
      ],
    ],
    [
      z('请勿修改 · 何时重新分解', 'Do not edit · when to re-split'),
      [
        z(
          `“${sheet('allocation')}”“${sheet('progress')}”“${sheet('summary')}”“${sheet('helper')}”“${sheet('guide')}”由工具生成，请勿手工修改；只需修改“${o.settingsName}”和“${o.actualsName}”。`,
          `${sheet('allocation')}, ${sheet('progress')}, ${sheet('summary')}, ${sheet('helper')} and ${sheet('guide')} are generated: do not edit them; only ${o.settingsName} and ${o.actualsName} are yours to change.`,
        ),
        z(
          '目标、企业、基数、权重、约束或时间分布改变后，需要重新分解：在 Excel 加载项中点“重新计算”，或运行 fenjie plan 文件名.xlsx。重新分解保留当前报告期。',
          'When targets, enterprises, bases, weights, constraints or profiles change, re-split: Recalculate in the Excel add-in, or run fenjie plan FILE.xlsx. A re-split keeps the period shown.',
        ),
      ],
    ],
  ];
  const S = new SheetBuilder();
  const title = z('使用说明', 'Guide');
  S.put(
    0,
    0,
    fx(`${o.titlePrefix.f}&${str(title)}`, `${o.titlePrefix.v}${title}`, undefined, 'title'),
  );
  S.put(1, 0, val(o.note, undefined, 'note'));
  let r = 3;
  const heights: number[] = [];
  for (const [heading, items] of lines) {
    S.put(r++, 0, val(heading, undefined, 'section'));
    for (const item of items) {
      const cell = typeof item === 'string' ? val(item) : item;
      S.put(r, 0, { ...cell, wrap: true });
      // Excel sizes a wrapped row only when it is edited: give each line the height it needs.
      const lines = Math.max(1, Math.ceil(textWidth(String(cell.v)) / (WIDTH - 2)));
      while (heights.length < r) heights.push(0);
      heights[r] = lines > 1 ? 15 * lines : 0;
      r++;
    }
    r++;
  }
  return {
    name: o.name,
    rows: S.rows,
    widths: [WIDTH],
    rowHeights: heights,
    print: { ...a4Landscape(lang), orientation: 'portrait' },
    note: o.note,
  };
}

/** The guide's column width, in characters. */
const WIDTH = 100;

/** Width of a text in character units: CJK and full-width characters count two. */
const textWidth = (s: string): number =>
  [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
