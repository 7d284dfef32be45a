/**
 * The monthly bulletin (通报) as plain blocks of text and tables, built from the engine's figures
 * alone: the plan of the report month and its round (engine/monthly.ts). The 通报 sheet
 * (render/bulletin.ts) and the Word document (hosts/docx) each lay these blocks out; neither
 * computes a figure.
 *
 * Numbers are written as officials write them: amounts in 万元 become 亿元 from 1 亿 up (4.95亿元,
 * 1.2万元), percentages to one decimal, gaps in 个百分点.
 */
import {
  FLAGS,
  type AggregateProgress,
  type Change,
  type Escalation,
  type Flag,
  type IndicatorProgress,
  type IndicatorRound,
  type Lang,
  type MonthlyRound,
  type Plan,
  type PlanInput,
  type ProgressFigures,
  type ProgressRow,
  type RankChange,
} from '../engine';
import { rankedFigure } from '../engine/progress';
import { fixed } from './fixed';
import { FLAG_LABELS } from './names';

export interface BulletinTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type BulletinBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly caption: string; readonly table: BulletinTable };

/** One indicator's red and black lists, with each name's rank change (↑2, —, 新). */
export interface BulletinLists {
  readonly indicator: string;
  readonly red: readonly { readonly name: string; readonly change: string }[];
  readonly black: readonly { readonly name: string; readonly change: string }[];
}

export interface Bulletin {
  readonly title: string;
  /** The headline paragraph of each indicator (also among the blocks), for the pane. */
  readonly headlines: readonly string[];
  /** The red and black lists of each indicator (also among the blocks), for the pane. */
  readonly lists: readonly BulletinLists[];
  /** The period and the time schedule, under the title. */
  readonly subtitle: string;
  readonly blocks: readonly BulletinBlock[];
  /** The footnote: parts exact, rates from summed totals, the rules of the lists. */
  readonly footnote: readonly string[];
}

/** The most enterprises a ranking table names (the rest are on 序时进度). */
export const RANKING_ROWS = 30;

/**
 * The most enterprises one escalation paragraph names; the rest are counted and left to 序时进度.
 * A county's paragraph would otherwise pass a cell's 32,767 characters (and no bulletin names a
 * thousand enterprises in one sentence).
 */
export const ESCALATION_NAMED = 30;

const tr = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** Up to `d` decimals, trailing zeros dropped: 4.950 → "4.95", 2.00 → "2". */
export function trimmed(x: number, d: number): string {
  const s = fixed(x, d);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}

/**
 * An amount as officials write it. In 万元: from 1 亿 up in 亿元 to two decimals (49500 → 4.95亿元),
 * below in 万元 to two (1.2万元); in English, in yuan (¥495 million). Other units as they are.
 * @example amountText(49500, '万元', 'zh') // → '4.95亿元'
 */
export function amountText(v: number, unit: string, lang: Lang): string {
  const a = Math.abs(v);
  if (unit === '万元' || unit === '亿元') {
    const wan = unit === '亿元' ? v * 10000 : v;
    if (lang === 'zh') {
      return Math.abs(wan) >= 10000 ? `${trimmed(wan / 10000, 2)}亿元` : `${trimmed(wan, 2)}万元`;
    }
    const yuan = wan * 10000;
    if (Math.abs(yuan) >= 1e9) return `¥${trimmed(yuan / 1e9, 2)} billion`;
    if (Math.abs(yuan) >= 1e6) return `¥${trimmed(yuan / 1e6, 2)} million`;
    return `¥${Math.round(yuan).toLocaleString('en-US')}`;
  }
  const n = a >= 100 ? trimmed(v, 1) : trimmed(v, 2);
  return lang === 'zh' ? `${n}${unit}` : `${n} ${unit}`;
}

/** A fraction as a percentage to one decimal: 0.4205 → "42.1%". */
export const pctText = (x: number): string => `${fixed(x * 100, 1)}%`;

/** Points, unsigned, to one decimal: "24.6个百分点" / "24.6 points". */
export const pointsText = (p: number, lang: Lang): string =>
  tr(lang, `${fixed(Math.abs(p), 1)}个百分点`, `${fixed(Math.abs(p), 1)} points`);

/** ↑2, ↓1, —, 新 / new. */
export function rankChangeText(c: RankChange | null, lang: Lang): string {
  if (c === null) return '';
  switch (c.kind) {
    case 'up':
      return `↑${c.by}`;
    case 'down':
      return `↓${c.by}`;
    case 'same':
      return '—';
    case 'new':
      return tr(lang, '新', 'new');
  }
}

export const ESCALATION_LABELS: Readonly<Record<Escalation, { zh: string; en: string }>> = {
  remind: { zh: '提醒', en: 'reminder' },
  interview: { zh: '约谈', en: 'interview' },
  supervise: { zh: '督办', en: 'supervision' },
};

/** The period: 1-8月, 1-2月, 1月 / months 1-8. */
export function periodText(m: number, lang: Lang): string {
  if (lang === 'en') return m === 1 ? 'January' : `months 1-${m}`;
  return m === 1 ? '1月' : `1-${m}月`;
}

const flagText = (f: Flag, lang: Lang): string => FLAG_LABELS[f][lang];

/** A signed gap: 超序时进度 2.3个百分点 / 欠序时进度 …; for a cap (lower is better) 低于 / 高于. */
function gapText(gap: number, direction: 'higher' | 'lower', lang: Lang): string {
  const p = pointsText(gap, lang);
  if (direction === 'higher') {
    return gap >= 0
      ? tr(lang, `超序时进度${p}`, `${p} ahead of schedule`)
      : tr(lang, `欠序时进度${p}`, `${p} behind schedule`);
  }
  return gap <= 0
    ? tr(lang, `低于序时进度${p}`, `${p} under the schedule`)
    : tr(lang, `超出序时进度${p}`, `${p} over the schedule`);
}

/** What a row's rank compares: completion, or year-on-year growth for a rate. */
const rankedValue = (kind: IndicatorProgress['kind'], f: ProgressFigures): string => {
  const x = rankedFigure(kind, f);
  return x === null ? '—' : pctText(x);
};

/** The headline paragraph of one indicator, for the area. */
export function headline(
  p: IndicatorProgress,
  change: Change,
  targetGrowth: number | undefined,
  m: number,
  lang: Lang,
  lastMonth: number | null,
): string {
  const a: AggregateProgress = p.area;
  const amt = (v: number): string => amountText(v, p.unit, lang);
  const period = periodText(m, lang);
  const parts: string[] = [];
  if (p.kind === 'rate') {
    parts.push(
      tr(
        lang,
        `${p.indicator}：目标增长${pctText(a.target)}`,
        `${p.indicator}: target growth ${pctText(a.target)}`,
      ),
    );
    if (a.yoy === null || a.gap === null)
      parts.push(tr(lang, '，尚无可比数据', ', no comparable figures yet'));
    else {
      const above = p.direction === 'higher' ? a.gap >= 0 : a.gap <= 0;
      parts.push(
        tr(
          lang,
          `，${period}同比增长${pctText(a.yoy)}，${a.gap >= 0 ? '高于' : '低于'}目标${pointsText(a.gap, lang)}${above ? '' : '，未达目标'}`,
          `; ${period} year on year ${pctText(a.yoy)}, ${pointsText(a.gap, lang)} ${a.gap >= 0 ? 'above' : 'below'} the target${above ? '' : ', short of it'}`,
        ),
      );
    }
  } else {
    parts.push(
      tr(
        lang,
        `${p.indicator}：年度目标${amt(a.target)}`,
        `${p.indicator}: annual target ${amt(a.target)}`,
      ),
    );
    if (a.ytd === null || a.completion === null || a.gap === null) {
      parts.push(tr(lang, `，${period}尚无数据`, `; no figures yet for ${period}`));
    } else {
      parts.push(
        tr(
          lang,
          `，${period}累计完成${amt(a.ytd)}，完成年度目标的${pctText(a.completion)}，${gapText(a.gap, p.direction, lang)}（序时进度${pctText(a.schedule ?? 0)}）`,
          `; ${period} ${amt(a.ytd)}, ${pctText(a.completion)} of the target, ${gapText(a.gap, p.direction, lang)} (time schedule ${pctText(a.schedule ?? 0)})`,
        ),
      );
      if (a.yoy !== null) {
        parts.push(tr(lang, `；同比增长${pctText(a.yoy)}`, `; year on year ${pctText(a.yoy)}`));
        if (targetGrowth !== undefined && a.growthGap !== null) {
          parts.push(
            tr(
              lang,
              `，目标增速${pctText(targetGrowth)}，${a.growthGap >= 0 ? '高于' : '低于'}目标增速${pointsText(a.growthGap, lang)}`,
              ` against a target of ${pctText(targetGrowth)}, ${pointsText(a.growthGap, lang)} ${a.growthGap >= 0 ? 'above' : 'below'} it`,
            ),
          );
        }
      }
      if (targetGrowth !== undefined) {
        const tests =
          a.failed.length === 0
            ? tr(lang, '序时、增速双达标', 'both the schedule and the growth test met')
            : tr(
                lang,
                `${a.failed.map((f) => (f === 'schedule' ? '序时' : '增速')).join('、')}未达标`,
                `failed: ${a.failed.map((f) => (f === 'schedule' ? 'schedule' : 'growth')).join(', ')}`,
              );
        parts.push(tr(lang, `，${tests}`, `; ${tests}`));
      }
      if (a.paceNeeded !== null && a.paceSoFar !== null) {
        const ratio = a.paceRatio === null ? '' : fixed(a.paceRatio, 1);
        parts.push(
          tr(
            lang,
            `。全年剩余${12 - m}个月需月均完成${amt(a.paceNeeded)}，已完成月均${amt(a.paceSoFar)}${ratio ? `，需达到目前进度的${ratio}倍` : ''}`,
            `. The remaining ${12 - m} months need ${amt(a.paceNeeded)} a month against ${amt(a.paceSoFar)} so far${ratio ? ` (${ratio}×)` : ''}`,
          ),
        );
      }
    }
  }
  parts.push(tr(lang, `。预警：${flagText(a.flag, lang)}`, `. Flag: ${flagText(a.flag, lang)}`));
  if (lastMonth !== null && change.lastGap !== null && change.gapChange !== null) {
    const narrowed = p.direction === 'higher' ? change.gapChange >= 0 : change.gapChange <= 0;
    parts.push(
      tr(
        lang,
        `；较1-${lastMonth}月（${flagText(change.lastFlag ?? 'noData', lang)}）${narrowed ? '改善' : '回落'}${pointsText(change.gapChange, lang)}`,
        `; ${narrowed ? 'up' : 'down'} ${pointsText(change.gapChange, lang)} on months 1-${lastMonth} (${flagText(change.lastFlag ?? 'noData', lang)})`,
      ),
    );
  }
  return parts.join('') + tr(lang, '。', '.');
}

/** The header of a ranking table (enterprises or groups): rank, who, figure, gap, flag, changes. */
function standingsHeader(kind: IndicatorProgress['kind'], who: string, lang: Lang): string[] {
  return [
    tr(lang, '名次', 'Rank'),
    who,
    kind === 'rate' ? tr(lang, '同比增长', 'Growth') : tr(lang, '完成率', 'Completion'),
    tr(lang, '差距（百分点）', 'Gap (points)'),
    tr(lang, '预警', 'Flag'),
    tr(lang, '上月名次', 'Last month'),
    tr(lang, '变化', 'Change'),
  ];
}

/** The ranking table of one indicator: by rank, at most RANKING_ROWS, with the changes. */
function rankingTable(p: IndicatorProgress, r: IndicatorRound, lang: Lang): BulletinTable {
  const order = p.rows
    .map((row, i) => ({ row, c: r.enterprises[i] }))
    .filter((x) => x.row.rank !== null)
    .sort((x, y) => (x.row.rank ?? 0) - (y.row.rank ?? 0))
    .slice(0, RANKING_ROWS);
  return {
    header: standingsHeader(p.kind, tr(lang, '企业', 'Enterprise'), lang),
    rows: order.map(({ row, c }) => [
      String(row.rank ?? ''),
      row.enterprise,
      rankedValue(p.kind, row),
      row.gap === null ? '—' : fixed(row.gap, 1),
      flagText(row.flag, lang),
      c?.lastRank === null || c === undefined ? '—' : String(c.lastRank),
      rankChangeText(c?.rankChange ?? null, lang),
    ]),
  };
}

/** The groups ranked among themselves, from summed totals. */
function groupTable(p: IndicatorProgress, r: IndicatorRound, lang: Lang): BulletinTable {
  const order = p.groups
    .map((g, i) => ({ g, c: r.groups[i] }))
    .sort((x, y) => (x.c?.rank ?? Infinity) - (y.c?.rank ?? Infinity));
  return {
    header: standingsHeader(p.kind, tr(lang, '分组', 'Group'), lang),
    rows: order.map(({ g, c }) => [
      c?.rank === null || c === undefined ? '—' : String(c.rank),
      g.group ?? '',
      rankedValue(p.kind, g),
      g.gap === null ? '—' : fixed(g.gap, 1),
      flagText(g.flag, lang),
      c?.lastRank === null || c === undefined ? '—' : String(c.lastRank),
      rankChangeText(c?.rankChange ?? null, lang),
    ]),
  };
}

/** 红榜 and 黑榜 of one indicator in one table. */
function listsTable(p: IndicatorProgress, r: IndicatorRound, lang: Lang): BulletinTable {
  const line = (list: string, i: number): string[] => {
    const row: ProgressRow | undefined = p.rows[i];
    if (!row) return [];
    return [
      list,
      String(row.rank ?? ''),
      row.enterprise,
      rankedValue(p.kind, row),
      row.gap === null ? '—' : fixed(row.gap, 1),
      rankChangeText(r.enterprises[i]?.rankChange ?? null, lang),
    ];
  };
  return {
    header: [
      tr(lang, '榜单', 'List'),
      tr(lang, '名次', 'Rank'),
      tr(lang, '企业', 'Enterprise'),
      p.kind === 'rate' ? tr(lang, '同比增长', 'Growth') : tr(lang, '完成率', 'Completion'),
      tr(lang, '差距（百分点）', 'Gap (points)'),
      tr(lang, '变化', 'Change'),
    ],
    rows: [
      ...r.red.map((i) => line(tr(lang, '红榜', 'Red'), i)),
      ...r.black.map((i) => line(tr(lang, '黑榜', 'Black'), i)),
    ].filter((x) => x.length > 0),
  };
}

/** The seriously behind enterprises of every indicator: which test failed, shortfall, pace. */
function seriousTable(plan: Plan, round: MonthlyRound, lang: Lang): BulletinTable {
  const rows: string[][] = [];
  plan.progress.forEach((p, k) => {
    const r = round.indicators[k];
    p.rows.forEach((row, i) => {
      if (row.flag !== 'seriouslyBehind') return;
      const c = r?.enterprises[i];
      const amt = (v: number | null): string => (v === null ? '—' : amountText(v, p.unit, lang));
      rows.push([
        row.enterprise,
        p.indicator,
        row.failed
          .map((f) =>
            f === 'schedule' ? tr(lang, '序时', 'schedule') : tr(lang, '增速', 'growth'),
          )
          .join(tr(lang, '、', ', ')),
        rankedValue(p.kind, row),
        row.gap === null ? '—' : fixed(row.gap, 1),
        p.kind === 'rate' ? '—' : amt(row.shortfall),
        p.kind === 'rate' ? '—' : amt(row.paceNeeded),
        row.paceRatio === null ? '—' : `${fixed(row.paceRatio, 1)}${tr(lang, '倍', '×')}`,
        c?.escalation ? ESCALATION_LABELS[c.escalation][lang] : '—',
      ]);
    });
  });
  return {
    header: [
      tr(lang, '企业', 'Enterprise'),
      tr(lang, '指标', 'Indicator'),
      tr(lang, '未达项', 'Failed'),
      tr(lang, '完成率/增速', 'Completion / growth'),
      tr(lang, '差距（百分点）', 'Gap (points)'),
      tr(lang, '欠序时进度量', 'Shortfall'),
      tr(lang, '剩余月均需完成', 'Pace needed'),
      tr(lang, '需提速倍数', 'Times the pace'),
      tr(lang, '预警升级', 'Escalation'),
    ],
    rows,
  };
}

/** Who reached which step of the escalation ladder, mildest last. */
function escalationParagraphs(plan: Plan, round: MonthlyRound, lang: Lang): string[] {
  const [a, b, c] = round.escalation;
  const months: Record<Escalation, number> = { remind: a, interview: b, supervise: c };
  const steps: Escalation[] = ['supervise', 'interview', 'remind'];
  return steps.map((step) => {
    // Each enterprise once, with the indicators at this step.
    const byName = new Map<string, string[]>();
    plan.progress.forEach((p, k) => {
      round.indicators[k]?.enterprises.forEach((e) => {
        if (e.escalation !== step) return;
        const list = byName.get(e.name);
        if (list) list.push(p.indicator);
        else byName.set(e.name, [p.indicator]);
      });
    });
    const names = [...byName].map(
      ([name, inds]) => `${name}${tr(lang, `（${inds.join('、')}）`, ` (${inds.join(', ')})`)}`,
    );
    const label = ESCALATION_LABELS[step][lang];
    const rule = tr(
      lang,
      `连续滞后${months[step]}个月${step === 'supervise' ? '及以上' : ''}`,
      `${months[step]}${step === 'supervise' ? '+' : ''} consecutive months behind`,
    );
    const more = names.length - ESCALATION_NAMED;
    const named = names.slice(0, ESCALATION_NAMED).join(tr(lang, '；', '; '));
    const who =
      names.length === 0
        ? tr(lang, '无', 'none')
        : more > 0
          ? tr(
              lang,
              `${named}等${names.length}家（其余见序时进度）`,
              `${named} and ${more} more (see the progress sheet)`,
            )
          : named;
    return tr(lang, `${label}（${rule}）：${who}。`, `${label} (${rule}): ${who}.`);
  });
}

/** The whole bulletin of a plan and its round. */
export function bulletinOf(
  plan: Plan,
  round: MonthlyRound,
  input: PlanInput,
  lang: Lang,
): Bulletin {
  const area = input.settings.area ?? '';
  const m = plan.reportMonth;
  const period = periodText(m, lang);
  const title = tr(
    lang,
    `${area}${plan.year}年${period}工业经济目标任务完成情况通报`,
    `${area ? `${area}: ` : ''}industrial targets, ${period} ${plan.year} — bulletin`,
  );
  const basis =
    input.settings.scheduleBasis === 'days'
      ? tr(
          lang,
          `，按日计算至${plan.asOf.y}年${plan.asOf.m}月${plan.asOf.d}日`,
          `, by days to ${plan.asOf.y}-${plan.asOf.m}-${plan.asOf.d}`,
        )
      : '';
  const subtitle = tr(
    lang,
    `（${plan.year}年${period}，时间进度${pctText(plan.schedule)}${basis}）`,
    `(${period} ${plan.year}; time schedule ${pctText(plan.schedule)}${basis})`,
  );
  const blocks: BulletinBlock[] = [];
  const heading = (text: string): void => void blocks.push({ kind: 'heading', text });
  const para = (text: string): void => void blocks.push({ kind: 'paragraph', text });
  const table = (caption: string, t: BulletinTable): void =>
    void blocks.push({ kind: 'table', caption, table: t });
  para(
    tr(
      lang,
      `根据统计部门${plan.year}年${period}数据，现将${area || '全区'}工业经济主要指标目标任务完成情况通报如下。`,
      `From the statistics bureau's figures for ${period} ${plan.year}, the progress of ${area || 'the area'}'s main industrial targets is as follows.`,
    ),
  );
  heading(tr(lang, '一、总体完成情况', '1. Overall progress'));
  const headlines: string[] = [];
  const lists: BulletinLists[] = [];
  plan.progress.forEach((p, k) => {
    const r = round.indicators[k];
    const ind = input.indicators.find((i) => i.name === p.indicator);
    if (!r) return;
    const named = (i: number) => ({
      name: p.rows[i]?.enterprise ?? '',
      change: rankChangeText(r.enterprises[i]?.rankChange ?? null, lang),
    });
    lists.push({ indicator: p.indicator, red: r.red.map(named), black: r.black.map(named) });
    headlines.push(
      headline(
        p,
        r.area,
        ind?.kind === 'total' ? ind.targetGrowth : undefined,
        m,
        lang,
        round.lastMonth,
      ),
    );
    const n = FLAGS.map((f) => `${flagText(f, lang)}${p.counts[f]}${tr(lang, '家', '')}`).join(
      tr(lang, '、', ', '),
    );
    para(headlines[headlines.length - 1] ?? '');
    para(tr(lang, `企业预警分布：${n}。`, `Enterprises by flag: ${n}.`));
  });
  heading(tr(lang, '二、排名及变化情况', '2. Rankings and changes'));
  plan.progress.forEach((p, k) => {
    const r = round.indicators[k];
    if (!r) return;
    if (p.groups.length > 0)
      table(tr(lang, `${p.indicator}：分组排名`, `${p.indicator}: groups`), groupTable(p, r, lang));
    const ranked = p.rows.filter((x) => x.rank !== null).length;
    table(
      tr(
        lang,
        `${p.indicator}：企业排名${ranked > RANKING_ROWS ? `（前${RANKING_ROWS}名，其余见序时进度表）` : ''}`,
        `${p.indicator}: enterprises${ranked > RANKING_ROWS ? ` (top ${RANKING_ROWS}; the rest on Progress)` : ''}`,
      ),
      rankingTable(p, r, lang),
    );
  });
  heading(tr(lang, '三、红黑榜', '3. Red and black lists'));
  plan.progress.forEach((p, k) => {
    const r = round.indicators[k];
    if (!r) return;
    const t = listsTable(p, r, lang);
    if (t.rows.length === 0)
      para(
        tr(
          lang,
          `${p.indicator}：本月无上榜企业。`,
          `${p.indicator}: no enterprise listed this month.`,
        ),
      );
    else table(tr(lang, `${p.indicator}：红黑榜`, `${p.indicator}: red and black lists`), t);
  });
  heading(tr(lang, '四、严重滞后企业', '4. Seriously behind'));
  const serious = seriousTable(plan, round, lang);
  if (serious.rows.length === 0)
    para(tr(lang, '本月无严重滞后企业。', 'No enterprise is seriously behind this month.'));
  else
    table(
      tr(lang, '严重滞后企业及需提速情况', 'Seriously behind: what failed and the pace needed'),
      serious,
    );
  heading(tr(lang, '五、预警升级', '5. Escalation'));
  for (const t of escalationParagraphs(plan, round, lang)) para(t);
  const listSize = round.listSize;
  const footnote = [
    tr(
      lang,
      '注：1. 各企业目标为精确分解，合计等于年度目标，无尾差。',
      'Notes: 1. The parts are exact: they add up to the target, with no rounding residue.',
    ),
    tr(
      lang,
      '2. 全域和分组的完成率、增速均由合计数计算，不是各企业百分比的平均。',
      '2. Area and group rates come from summed totals, never from averaged percentages.',
    ),
    tr(
      lang,
      `3. 红榜为达到序时进度的前${listSize}名，黑榜为低于序时进度的后${listSize}名；连续滞后${round.escalation[0]}、${round.escalation[1]}、${round.escalation[2]}个月分别提醒、约谈、督办。`,
      `3. Red: the top ${listSize} on schedule; black: the bottom ${listSize} behind it; ${round.escalation.join(', ')} consecutive months behind lead to a reminder, an interview and supervision.`,
    ),
  ];
  return { title, headlines, lists, subtitle, blocks, footnote };
}

/** The bulletin as plain text, one block a line (for tests and the terminal). */
export function bulletinText(b: Bulletin): string {
  const lines = [b.title, b.subtitle];
  for (const x of b.blocks) {
    if (x.kind === 'table') {
      lines.push(x.caption, x.table.header.join('\t'), ...x.table.rows.map((r) => r.join('\t')));
    } else lines.push(x.text);
  }
  return [...lines, ...b.footnote].join('\n');
}
